#!/bin/sh
# Generate a documentation-shaped test site: N small documents in folders
# two to four deep, each with front matter (title, date, tags, weight),
# three headings, a link to another document, one to a heading of a third
# (#fragment), and an image beside it.  Deterministic: the same N gives the
# same files.
#   usage: gen.sh N DIR       writes DIR/src/ and DIR/warraq.yml
set -eu
if [ $# -ne 2 ]; then
	echo "usage: $0 N DIR" >&2
	exit 2
fi
n=$1
dir=$2
mkdir -p "$dir/src"
cat >"$dir/warraq.yml" <<'YML'
title: اختبار الحجم
base_url: https://example.org/docs/
YML
# gen MODE: "dirs" prints the folders, "files" writes the documents and
# their images.
gen() {
awk -v n="$n" -v out="$dir/src" -v mode="$1" '
function folder(i,   a, b, c) {
	a = i % 12; b = int(i / 12) % 7; c = int(i / 84) % 5
	if (i % 3 == 0) return "part-" a "/ch-" b
	if (i % 3 == 1) return "part-" a "/ch-" b "/sec-" c
	return "part-" a "/ch-" b "/sec-" c "/sub-" (i % 2)
}
function rel(from, to,   fa, ta, nf, nt, k, up, s) {
	nf = split(from, fa, "/"); nt = split(to, ta, "/")
	for (k = 1; k <= nf && k <= nt && fa[k] == ta[k]; k++) ;
	s = ""
	for (up = k; up <= nf; up++) s = s "../"
	for (; k <= nt; k++) s = s ta[k] "/"
	return s
}
BEGIN {
	# A 1x1 PNG, written beside each document.
	nb = split("137,80,78,71,13,10,26,10,0,0,0,13,73,72,68,82,0,0,0,1,0,0,0,1,8,6,0,0,0,31,21,196,137,0,0,0,13,73,68,65,84,120,218,99,248,15,0,1,1,1,0,24,221,141,176,0,0,0,0,73,69,78,68,174,66,96,130", bytes, ",")
	for (i = 0; i < n; i++) {
		f = folder(i)
		if (mode == "dirs") {
			if (!(f in dirs)) print out "/" f
			dirs[f] = 1
			continue
		}
		file = out "/" f "/doc-" i ".md"
		j = (i * 7919 + 13) % n; k = (i * 104729 + 7) % n
		printf "---\ntitle: \"المستند %d: دليل المخزون\"\ndate: 2024-%02d-%02d\n", i, i % 12 + 1, i % 28 + 1 > file
		printf "tags: [مخزون, t%d]\nweight: %d\n---\n\n", i % 40, i % 5 > file
		printf "نص المستند %d عن إدارة المخزون والمبيعات، مع English words و 2024.\n\n", i > file
		printf "## Overview\n\nانظر [المستند %d](%sdoc-%d.md) و[القسم](%sdoc-%d.md#details).\n\n", j, rel(f, folder(j)), j, rel(f, folder(k)), k > file
		printf "![صورة المستند %d](img-%d.png)\n\n## Details\n\nتفاصيل.\n\n## Notes\n\nملاحظات.\n", i, i > file
		close(file)
		file = out "/" f "/img-" i ".png"
		for (b = 1; b <= nb; b++)
			printf "%c", bytes[b] + 0 > file
		close(file)
	}
}' </dev/null
}
gen dirs | xargs mkdir -p
gen files
