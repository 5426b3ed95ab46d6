#!/bin/sh
# Sharing: every page of the default theme has Open Graph and Twitter card
# meta (og:title, og:type, og:locale, og:site_name, twitter:card), og:type
# article on articles and website elsewhere, og:locale from the page's
# language (ar_AR, en_US, en_GB), og:description when the page has a
# description, og:url absolute when base_url is set and absent when not;
# an article's og:title is its own title.
#   usage: og.sh WARRAQ
set -eu
warraq=$1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/warraq-og.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*" >&2; fail=1; }
ok() { echo "ok: $*"; }

cd "$tmp"
mkdir -p src/reports
printf -- '---\ntitle: التقرير السنوي\ndescription: وصف التقرير\ntags: [هجرة]\n---\n\nنص التقرير.\n' >src/reports/annual.md
printf -- '---\ntitle: An English page\nlang: en\n---\n\nSome text in English.\n' >src/english.md
printf -- '---\ntitle: A British page\nlang: en-GB\n---\n\nSome text.\n' >src/british.md
printf 'title: موقع التجربة\ndescription: وصف الموقع\nlang: ar\nbase_url: https://example.org/site/\n' >warraq.yml
"$warraq" build --source src --quiet 2>/dev/null || { bad "build failed"; exit 1; }

pages=$(find site -name '*.html' | sort)
n=0
for p in $pages; do
	n=$((n + 1))
	for m in 'property="og:title" content="' 'property="og:type" content="' \
		'property="og:locale" content="' 'property="og:site_name" content="موقع التجربة"' \
		'property="og:url" content="https://example.org/site/' 'name="twitter:card" content="summary"'; do
		grep -qF "$m" "$p" || bad "$p: no <meta $m"
	done
done
ok "$n pages carry og:title, og:type, og:locale, og:site_name, og:url and twitter:card"

a=site/reports/annual/index.html
grep -qF '<meta property="og:type" content="article">' "$a" || bad "article: og:type is not article"
grep -qF '<meta property="og:title" content="التقرير السنوي">' "$a" || bad "article: og:title is not its own title"
grep -qF '<meta property="og:description" content="وصف التقرير">' "$a" || bad "article: og:description"
grep -qF '<meta property="og:locale" content="ar_AR">' "$a" || bad "article: og:locale ar_AR"
grep -qF '<meta property="og:url" content="https://example.org/site/reports/annual/">' "$a" ||
	bad "article: og:url"
ok "an article: og:type article, its title, description, ar_AR, its absolute URL"
grep -qF '<meta property="og:locale" content="en_US">' site/english/index.html || bad "en: og:locale en_US"
grep -qF '<meta property="og:locale" content="en_GB">' site/british/index.html || bad "en-GB: og:locale en_GB"
ok "og:locale en_US for en, en_GB for en-GB"
for p in site/index.html site/reports/index.html site/tags/index.html site/search/index.html; do
	grep -qF '<meta property="og:type" content="website">' "$p" || bad "$p: og:type is not website"
done
grep -qF '<meta property="og:description" content="وصف الموقع">' site/index.html || bad "home: og:description"
ok "home, section, tags and search pages: og:type website"

# Without base_url: no og:url (it must be absolute), the rest still there.
printf 'title: موقع التجربة\nlang: ar\n' >warraq.yml
"$warraq" build --source src --quiet 2>/dev/null || bad "build without base_url failed"
grep -l 'og:url' $(find site -name '*.html') >/dev/null 2>&1 && bad "og:url without base_url"
grep -qF 'property="og:title"' site/reports/annual/index.html || bad "no og:title without base_url"
ok "without base_url: no og:url"
exit "$fail"
