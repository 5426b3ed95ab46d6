# Every document is checked before the build stops: all errors in one run,
# sorted by file and line, 20 of one kind then a count of the rest, and
# the counts per kind in the closing line.
ARGS=--strict
MESSAGE="error: … and 5 more like this: image '…' not found"
prepare() {
	i=1
	while [ "$i" -le 25 ]; do
		printf '# Page %s\n\n![x](missing-%s.png)\n' "$i" "$i" >"src/p$(printf %02d "$i").md"
		i=$((i + 1))
	done
	printf -- '---\ntitle: [not, text]\n---\nBody\n' >src/zz.md
}
check() {
	grep -c "^error: src/p..\.md:3:1: image 'missing-.*\.png' not found" stderr.txt | grep -qx 20 &&
		grep -q "^error: src/zz\.md:2:8: front matter 'title' must be text" stderr.txt &&
		grep -q "build failed: 26 errors (25 × image '…' not found; 1 × front matter '…' must be text);" stderr.txt &&
		[ "$(grep -n "p01.md" stderr.txt | cut -d: -f1)" -lt "$(grep -n "p20.md" stderr.txt | cut -d: -f1)" ]
}
