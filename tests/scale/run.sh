#!/bin/sh
# scale: build 20,000 small linked documents (tests/scale/gen.sh) and check
# the output: every page, every section page, the sitemap, the feed, the
# book with every chapter, no warning (every link, fragment and image
# resolves).  No time is asserted: ctest's timeout catches a quadratic path
# (such a path takes minutes here, the build a few seconds).
#   usage: run.sh WARRAQ [N]
set -eu
if [ $# -lt 1 ]; then
	echo "usage: $0 WARRAQ [N]" >&2
	exit 2
fi
warraq=$1
n=${2:-20000}
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/warraq-scale.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

sh "$here/gen.sh" "$n" "$tmp/in"
# No source text kept between stages: every text read again, as on a site
# too large for the memory given to texts.
if ! WARRAQ_TEXT_MEMORY=0 "$warraq" build --source "$tmp/in/src" --config "$tmp/in/warraq.yml" \
	--output "$tmp/site" >"$tmp/log" 2>&1; then
	echo "FAIL: the build failed:" >&2
	tail -n 20 "$tmp/log" >&2
	exit 1
fi
cat "$tmp/log"
fail=0
check() { # check WHAT GOT WANTED
	if [ "$2" -ne "$3" ]; then
		echo "FAIL: $1: $2, wanted $3" >&2
		fail=1
	else
		echo "ok: $1: $2"
	fi
}
warnings=$(grep -c '^warning:' "$tmp/log" || true)
check "warnings" "$warnings" 0
pages=$(find "$tmp/site" -path '*/doc-*/index.html' | wc -l)
check "article pages" "$pages" "$n"
folders=$(find "$tmp/in/src" -mindepth 1 -type d | wc -l)
sections=$(find "$tmp/site" -name index.html -path "$tmp/site/part-*" ! -path '*/doc-*' | wc -l)
check "section pages" "$sections" "$folders"
images=$(find "$tmp/site" -name 'img-*.png' | wc -l)
check "images copied" "$images" "$n"
locs=$(grep -o '<loc>' "$tmp/site/sitemap.xml" | wc -l)
# The articles, the sections, the tags and their page, the home page.
tags=$(find "$tmp/site/tags" -name index.html | wc -l)
check "sitemap URLs" "$locs" $((n + folders + tags + 1))
# Each document links to two others: each link must point at a page.
grep -o 'href="[^"]*doc-[0-9]*/[^"]*"' "$tmp/site/part-0/ch-0/doc-0/index.html" |
	sed 's/^href="//; s/#.*//; s/"$//' | grep -v '^[a-z]*:' | while read -r link; do
		case $link in */index.html) ;; *) link=${link}index.html ;; esac
		[ -f "$tmp/site/part-0/ch-0/doc-0/$link" ] ||
			{ echo "FAIL: broken link $link in part-0/ch-0/doc-0/" >&2; exit 1; }
	done || fail=1
book=$(find "$tmp/site" -maxdepth 1 -name '*.epub')
chapters=$(python3 -c 'import sys, zipfile
print(sum(1 for n in zipfile.ZipFile(sys.argv[1]).namelist() if n.startswith("EPUB/text/ch")))' "$book")

check "book chapters" "$chapters" "$n"
# Its two links in the text, at least (and the previous and next pages).
links=$(grep -o 'href="[^"]*doc-[0-9]*/[^"]*"' "$tmp/site/part-0/ch-0/doc-0/index.html" |
	grep -vc '"[a-z]*:' || true)
[ "$links" -ge 2 ] || { echo "FAIL: $links links in part-0/ch-0/doc-0/" >&2; fail=1; }
# The search index: its texts (compressed in chunks on several threads)
# inflate to one JSON array with a text per document, in the order of its
# list of documents.
if ! python3 - "$tmp/site/search/index.js" "$n" <<'PY'
import base64, json, re, sys, zlib
src = open(sys.argv[1], encoding='utf-8').read()
n = int(sys.argv[2])
docs = json.loads(re.search(r'"docs":(\[.*?\]),\n"text"', src, re.S).group(1))
packed = base64.b64decode(re.search(r'"text":"([^"]*)"', src).group(1))
texts = json.loads(zlib.decompressobj(-15).decompress(packed))
assert len(docs) == n and len(texts) == n, (len(docs), len(texts))
for d, t in zip(docs, texts):
    i = re.search(r'doc-(\d+)/', d['u']).group(1)
    assert ('نص المستند %s ' % i) in t, (d['u'], t[:80])
print('ok: search index: %d texts, %d bytes compressed' % (len(texts), len(packed)))
PY
then
	echo "FAIL: the search index does not hold the documents' texts" >&2
	fail=1
fi
[ "$fail" -eq 0 ] && echo "ok: $n documents"
exit "$fail"
