#!/bin/sh
# validate.xml: sitemap.xml and feed.xml of the seeds site are well-formed
# XML, in the right namespaces, with one <loc> per page (the home page and
# each article) and one Atom <entry> per article.
#   usage: xml.sh WARRAQ SRCDIR      exit 0 pass, 1 fail, 77 skipped
set -eu
# shellcheck source=tests/validate/common.sh
. "$(dirname -- "$0")/common.sh"

if ! command -v xmllint >/dev/null 2>&1; then
	echo "skipped: no xmllint on PATH (apt-get install libxml2-utils)"
	exit 77
fi

build_site
fail=0
bad() { echo "FAIL: $*" >&2; fail=1; }

# xpath FILE EXPR: the value of an XPath expression over FILE.
xpath() { xmllint --xpath "$2" "$1" 2>/dev/null || true; }

articles=$(article_pages | wc -l)
for f in sitemap.xml feed.xml; do
	if [ ! -f "$site/$f" ]; then
		bad "no $f"
	elif ! xmllint --noout "$site/$f"; then
		bad "$f is not well-formed XML"
	fi
done
[ "$fail" -eq 0 ] || exit 1

ns=$(xpath "$site/sitemap.xml" 'namespace-uri(/*)')
root_el=$(xpath "$site/sitemap.xml" 'local-name(/*)')
[ "$root_el:$ns" = "urlset:http://www.sitemaps.org/schemas/sitemap/0.9" ] ||
	bad "sitemap.xml: root is {$ns}$root_el, want {http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
locs=$(xpath "$site/sitemap.xml" "count(//*[local-name()='url']/*[local-name()='loc'])")
[ "$locs" = "$((articles + 1))" ] ||
	bad "sitemap.xml has $locs <loc>, want $((articles + 1)) ($articles articles + home page)"

ns=$(xpath "$site/feed.xml" 'namespace-uri(/*)')
root_el=$(xpath "$site/feed.xml" 'local-name(/*)')
[ "$root_el:$ns" = "feed:http://www.w3.org/2005/Atom" ] ||
	bad "feed.xml: root is {$ns}$root_el, want {http://www.w3.org/2005/Atom}feed"
entries=$(xpath "$site/feed.xml" "count(/*/*[local-name()='entry'])")
[ "$entries" = "$articles" ] ||
	bad "feed.xml has $entries <entry>, want $articles (one per article)"

[ "$fail" -eq 0 ] || exit 1
echo "ok: sitemap.xml ($locs <loc>) and feed.xml ($entries <entry>) for $articles articles"
