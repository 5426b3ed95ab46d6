#!/bin/sh
# The modules of src/ depend on each other one way (DESIGN.md): no module
# reaches itself through the headers the others include.  A module is a
# file's name without its extension and without "_int" (a module's own
# private header: markdown_int.h is the parser's).
# Usage: one-way.sh SRC_DIR
set -eu
src=${1:?usage: one-way.sh SRC_DIR}
cd "$src"
for f in *.c *.h; do
	from=${f%.*}
	from=${from%_int}
	sed -n 's/^#include "\([A-Za-z0-9_]*\)\.h".*/\1/p' "$f" | while read -r to; do
		to=${to%_int}
		[ "$to" = "$from" ] || echo "$from $to"
	done
done | sort -u | awk '
{ n[$1] = 1; n[$2] = 1; e[$1, $2] = 1 }
END {
	for (k in n) for (i in n) if (e[i, k]) for (j in n) if (e[k, j]) e[i, j] = 1
	bad = 0
	for (i in n) if (e[i, i]) { print "src/" i ".* depends on itself through the others"; bad = 1 }
	if (!bad) { c = 0; for (i in n) c++; print c " modules, each one way" }
	exit bad
}'
