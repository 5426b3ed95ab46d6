#!/bin/sh
# One whole build under valgrind (tests/valgrind/CMakeLists.txt).
#   usage: build.sh WARRAQ SOURCE CONFIG OUTDIR VALGRIND [VALGRIND-OPTION...]
# Builds SOURCE with CONFIG into a fresh OUTDIR/site, quietly, under the
# valgrind command line given; fails when valgrind or warraq does.
set -eu
if [ $# -lt 5 ]; then
	echo "usage: $0 WARRAQ SOURCE CONFIG OUTDIR VALGRIND [VALGRIND-OPTION...]" >&2
	exit 2
fi
warraq=$1 source=$2 config=$3 out=$4
shift 4
rm -rf "$out"
mkdir -p "$out"
SOURCE_DATE_EPOCH=1700000000
export SOURCE_DATE_EPOCH
"$@" "$warraq" build --source "$source" --config "$config" --output "$out/site" --quiet
test -f "$out/site/index.html"
echo "built $source under valgrind: no memory errors, no definite or indirect leaks"
