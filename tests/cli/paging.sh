#!/bin/sh
# Long lists are paginated (paginate:, default 20) as Hugo writes them:
# page/2/, page/3/... with rel prev/next and every page in the sitemap; the
# feed holds the newest feed_limit entries (default 20).
#   usage: paging.sh WARRAQ
set -eu
warraq=$1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/warraq-paging.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/src/notes"
i=1
while [ "$i" -le 45 ]; do
	d=$(printf '2024-01-%02d' $(((i - 1) % 28 + 1)))
	printf -- '---\ndate: %s\ntags: [t]\n---\n# مقال %s\n\nنص المقال %s.\n' "$d" "$i" "$i" \
		>"$tmp/src/a$(printf %02d "$i").md"
	i=$((i + 1))
done
i=1
while [ "$i" -le 3 ]; do
	printf '# ملاحظة %s\n\nنص.\n' "$i" >"$tmp/src/notes/n$i.md"
	i=$((i + 1))
done
printf 'title: موقع\nbase_url: https://example.org/\n' >"$tmp/warraq.yml"
fail=0
check() {
	if eval "$1"; then echo "ok: $2"; else echo "FAIL: $2"; fail=1; fi
}
s=$tmp/site
# Undated notes are dated from SOURCE_DATE_EPOCH: the oldest here.
SOURCE_DATE_EPOCH=1
export SOURCE_DATE_EPOCH
"$warraq" build --source "$tmp/src" --config "$tmp/warraq.yml" --output "$s" --quiet
check '[ -f "$s/page/2/index.html" ] && [ -f "$s/page/3/index.html" ] && [ ! -e "$s/page/4" ]' \
	"48 articles: the home page and page/2/, page/3/"
check '[ "$(grep -c "<article class=\"card\">" "$s/index.html")" -eq 20 ] &&
	[ "$(grep -c "<article class=\"card\">" "$s/page/3/index.html")" -eq 8 ]' \
	"20 articles a page, 8 on the last"
check 'grep -q "<link rel=\"next\" href=\"page/2/index.html\">" "$s/index.html" &&
	! grep -q "rel=\"prev\"" "$s/index.html"' "the first page links the next, no previous"
check 'grep -q "<link rel=\"prev\" href=\"../../index.html\">" "$s/page/2/index.html" &&
	grep -q "<link rel=\"next\" href=\"../../page/3/index.html\">" "$s/page/2/index.html"' \
	"page 2 links both ways"
check 'grep -q "aria-current=\"page\" aria-label=\"الصفحة ٢\">٢</a>" "$s/page/2/index.html"' \
	"the pager numbers pages in the site's numbering system, the current one marked"
check 'grep -q "href=\"../../[^\"/]*\.epub\"" "$s/page/2/index.html"' \
	"a later page links the book from its own folder"
check '[ -f "$s/tags/t/page/3/index.html" ] && [ ! -e "$s/notes/page" ]' \
	"a tag's page is paginated too; a short section is not"
check 'grep -q "<loc>https://example.org/page/3/</loc>" "$s/sitemap.xml" &&
	grep -q "<loc>https://example.org/tags/t/page/2/</loc>" "$s/sitemap.xml"' \
	"every page in the sitemap"
check '[ "$(grep -c "<entry" "$s/feed.xml")" -eq 20 ] &&
	grep -q "a28/" "$s/feed.xml" && ! grep -q "a29/\|notes/" "$s/feed.xml"' \
	"the feed holds the 20 newest entries"
printf 'title: موقع\npaginate: 0\nfeed_limit: 0\n' >"$tmp/warraq.yml"
"$warraq" build --source "$tmp/src" --config "$tmp/warraq.yml" --output "$s" --quiet
check '[ ! -e "$s/page" ] && [ "$(grep -c "<article class=\"card\">" "$s/index.html")" -eq 48 ] &&
	[ "$(grep -c "<entry" "$s/feed.xml")" -eq 48 ]' "paginate: 0 and feed_limit: 0 keep everything"
printf 'paginate: -1\n' >"$tmp/warraq.yml"
check '! "$warraq" build --source "$tmp/src" --config "$tmp/warraq.yml" --output "$s" --quiet 2>"$tmp/err" &&
	grep -q "paginate" "$tmp/err"' "a bad paginate is an error"
exit $fail
