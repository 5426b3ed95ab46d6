#!/bin/sh
# doxygen: the public headers (src/*.h) are fully documented: `doxygen
# Doxyfile` prints no warning. The HTML goes to OUTDIR, not build/doc.
#   usage: doxygen.sh SRCDIR OUTDIR      exit 0 pass, 1 fail, 77 skipped
set -eu
if [ $# -ne 2 ]; then
	echo "usage: $0 SRCDIR OUTDIR" >&2
	exit 2
fi
if ! command -v doxygen >/dev/null 2>&1; then
	echo "skipped: no doxygen on PATH (apt-get install doxygen)"
	exit 77
fi
cd "$1"
mkdir -p "$2"
log=$(mktemp "${TMPDIR:-/tmp}/warraq-doxygen.XXXXXX")
trap 'rm -f "$log"' EXIT
rc=0
{ cat Doxyfile; printf 'OUTPUT_DIRECTORY = "%s"\n' "$2"; } |
	doxygen - >"$log" 2>&1 || rc=$?
# QUIET = YES: anything printed is a warning (or an error).
if [ "$rc" -ne 0 ] || [ -s "$log" ]; then
	cat "$log" >&2
	echo "FAIL: doxygen exited $rc and printed the warnings above" >&2
	exit 1
fi
echo "ok: no doxygen warnings; HTML in $2/html"
