#!/bin/sh
# Golden test: build a case and compare the whole output tree with the
# expected one.
#   usage: run.sh WARRAQ CASEDIR [--update]
# CASEDIR holds case.conf (SOURCE=, CONFIG=, relative to the repository
# root or to CASEDIR) and expected/.  --update rewrites expected/ on purpose.
set -eu
if [ $# -lt 2 ]; then
	echo "usage: $0 WARRAQ CASEDIR [--update]" >&2
	exit 2
fi
warraq=$1
case_dir=$(CDPATH='' cd -- "$2" && pwd)
update=${3:-}
root=$(CDPATH='' cd -- "$(dirname -- "$0")/../.." && pwd)

SOURCE=input/src
CONFIG=input/warraq.yml
# shellcheck disable=SC1091
[ -f "$case_dir/case.conf" ] && . "$case_dir/case.conf"
resolve() {
	case $1 in
	/*) printf '%s\n' "$1" ;;
	@root/*) printf '%s\n' "$root/${1#@root/}" ;;
	*) printf '%s\n' "$case_dir/$1" ;;
	esac
}
src=$(resolve "$SOURCE")
cfg=$(resolve "$CONFIG")

tmp=$(mktemp -d "${TMPDIR:-/tmp}/warraq-golden.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# Fixed dates: undated documents are dated from SOURCE_DATE_EPOCH.
SOURCE_DATE_EPOCH=1700000000
export SOURCE_DATE_EPOCH
if ! "$warraq" build --source "$src" --config "$cfg" --output "$tmp/site" >"$tmp/log" 2>&1; then
	echo "FAIL: warraq exited non-zero:" >&2
	cat "$tmp/log" >&2
	exit 1
fi
# The build summary (timings aside) is part of what is compared.
sed -e 's/, [0-9]* ms$/, N ms/' -e "s|$root/||g" "$tmp/log" >"$tmp/site.log"
mv "$tmp/site.log" "$tmp/build.log"

if [ "$update" = "--update" ]; then
	rm -rf "$case_dir/expected"
	mkdir -p "$case_dir/expected"
	cp -R "$tmp/site/." "$case_dir/expected/"
	cp "$tmp/build.log" "$case_dir/build.log"
	echo "updated: $case_dir/expected"
	exit 0
fi
if [ ! -d "$case_dir/expected" ]; then
	echo "FAIL: no $case_dir/expected (run the golden-update target)" >&2
	exit 1
fi
rc=0
diff -r "$case_dir/expected" "$tmp/site" >"$tmp/diff" 2>&1 || rc=1
if [ -f "$case_dir/build.log" ]; then
	diff "$case_dir/build.log" "$tmp/build.log" >>"$tmp/diff" 2>&1 || rc=1
fi
if [ "$rc" -ne 0 ]; then
	head -n 200 "$tmp/diff" >&2
	# A book or a font that differs: its zip entries or font tables, and a
	# text diff of the XML/XHTML entries (tests/golden/explain.py).
	sed -n 's/^Binary files \(.*\) and \(.*\) differ$/\1\t\2/p' "$tmp/diff" |
		while IFS='	' read -r want got; do
			if command -v python3 >/dev/null 2>&1; then
				python3 "$root/tests/golden/explain.py" "$want" "$got" >&2 || true
			else
				echo "(install python3 to see how $got differs)" >&2
			fi
		done
	echo "FAIL: output differs from $case_dir/expected (if on purpose: cmake --build build --target golden-update)" >&2
	exit 1
fi
echo "ok: $(find "$tmp/site" -type f | wc -l) files identical"
