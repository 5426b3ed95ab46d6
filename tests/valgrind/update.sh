#!/bin/sh
# An update in place under valgrind (tests/valgrind/CMakeLists.txt): the
# project INPUT (its warraq.yml and src/) copied, built once, one document
# edited, then built again, both under the valgrind command line given (the
# cache knows the program that built: under valgrind, valgrind's); the
# second build must update the site in place and equal a clean build.
# (valgrind refuses openat2(): the output folder is reached a part at a
# time, as on kernels and in containers without it.)
#   usage: update.sh WARRAQ INPUT DOCUMENT OUTDIR VALGRIND [VALGRIND-OPTION...]
set -eu
if [ $# -lt 5 ]; then
	echo "usage: $0 WARRAQ INPUT DOCUMENT OUTDIR VALGRIND [VALGRIND-OPTION...]" >&2
	exit 2
fi
warraq=$1 input=$2 doc=$3 out=$4
shift 4
rm -rf "$out"
mkdir -p "$out"
cp -r "$input" "$out/in"
SOURCE_DATE_EPOCH=1700000000
export SOURCE_DATE_EPOCH
build() { # OUT [RUNNER...]: fails when the runner or warraq does
	o=$1
	shift
	if ! "$@" "$warraq" build --source "$out/in/src" --config "$out/in/warraq.yml" \
		--output "$o" >"$out/said" 2>"$out/err"; then
		echo "FAIL: the build into $o failed:" >&2
		cat "$out/err" >&2
		exit 1
	fi
	tail -n 1 "$out/said"
}
build "$out/site" "$@" >/dev/null
printf '\nفقرة أضيفت بعد البناء الأول.\n' >>"$out/in/src/$doc"
said=$(build "$out/site" "$@")
case $said in
*"updated in place"*) ;;
*) echo "FAIL: not updated in place: $said" >&2; cat "$out/err" >&2; exit 1 ;;
esac
build "$out/clean" >/dev/null
if ! diff -r "$out/site" "$out/clean" >/dev/null; then
	echo "FAIL: the updated site differs from a clean build" >&2
	exit 1
fi
echo "updated $doc under valgrind: in place, equal to a clean build, no memory errors or leaks"
