#!/bin/sh
# warraq serve, end to end (tests/serve/serve.py): types, 404, paths that
# would leave the output folder, rebuilds on change, reload events, the
# error shown after a failed build, a busy port, Ctrl-C.
#   usage: run.sh WARRAQ
# WARRAQ may be a wrapper (tests/valgrind's warraq-memcheck); waits are
# multiplied by WQ_TIME_SCALE.  Exits 77 (skipped) without python3, which
# scripts/test.sh installs.
set -eu
if [ $# -ne 1 ]; then
	echo "usage: $0 WARRAQ" >&2
	exit 2
fi
if ! command -v python3 >/dev/null 2>&1; then
	echo "skipped: python3 is not installed (scripts/test.sh installs it)"
	exit 77
fi
exec python3 "$(dirname -- "$0")/serve.py" "$1"
