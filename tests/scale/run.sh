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
sections=$(find "$tmp/site" -name index.html -path "$tmp/site/part-*" ! -path '*/doc-*' \
	! -path '*/page/*' | wc -l)
check "section pages" "$sections" "$folders"
images=$(find "$tmp/site" -name 'img-*.png' | wc -l)
check "images copied" "$images" "$n"
locs=$(grep -o '<loc>' "$tmp/site/sitemap.xml" | wc -l)
# Every page but the search page: the articles, the sections, the tags and
# their page, the home page, and the later pages of each list (page/2/...).
listed=$(find "$tmp/site" -name index.html ! -path "$tmp/site/search/*" | wc -l)
check "sitemap URLs" "$locs" "$listed"
later=$(find "$tmp/site" -path '*/page/*/index.html' | wc -l)
[ "$later" -gt 0 ] || { echo "FAIL: no list is paginated" >&2; fail=1; }
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
# The search index, split: every document's piece (search/d/N.js) holds
# its address and its text (raw DEFLATE); the chunks of words
# (w/NAME.js), named by index.js and no others, find a word of every
# document.
if ! python3 - "$tmp/site/search" "$n" <<'PY'
import base64, json, os, re, sys, zlib
root, n = sys.argv[1], int(sys.argv[2])
index = open(os.path.join(root, 'index.js'), encoding='utf-8').read()
meta = json.loads(re.search(r'(\{"v":.*\})\);', index).group(1))
assert meta['n'] == n, meta['n']
for k in range(n):
    js = open(os.path.join(root, 'd', '%d.js' % k), encoding='utf-8').read()
    d = json.loads(js[js.index(',') + 1:js.rindex(')')])
    i = re.search(r'doc-(\d+)/', d['u']).group(1)
    text = zlib.decompressobj(-15).decompress(base64.b64decode(d['x'])).decode('utf-8')
    assert ('نص المستند %s ' % i) in text, (d['u'], text[:80])
words = {}
assert len(meta['files']) == len(meta['words'])
assert sorted(f + '.js' for f in meta['files']) == sorted(os.listdir(os.path.join(root, 'w')))
for k in range(len(meta['words'])):
    js = open(os.path.join(root, 'w', meta['files'][k] + '.js'), encoding='utf-8').read()
    assert js.startswith('WQ_SEARCH.w("%s",{' % meta['files'][k]), js[:40]
    chunk = json.loads(js[js.index(',') + 1:js.rindex(')')])
    assert not meta['words'][k] or min(chunk) == meta['words'][k]
    words.update(chunk)
# "المستند" is in every document: its postings list them all.
docs, at, post = set(), 0, words['المستند']
for j in range(0, len(post), 2):
    at += post[j]
    docs.add(at)
assert len(docs) == n, len(docs)
print('ok: search index: %d pieces, %d chunks of words, %d words' % (n, len(meta['words']), len(words)))
PY
then
	echo "FAIL: the search index does not hold the documents' texts and words" >&2
	fail=1
fi
[ "$fail" -eq 0 ] && echo "ok: $n documents"
exit "$fail"
