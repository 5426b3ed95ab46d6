#!/bin/sh
# epub.container: the ZIP container of the seeds' book, checked byte by
# byte by epub-container.py (Python 3 standard library): mimetype first,
# stored, no extra field, exactly "application/epub+zip"; every other entry
# deflated; ASCII names; one timestamp for all entries.
#   usage: epub-container.sh WARRAQ SRCDIR      exit 0 pass, 1 fail, 77 skipped
set -eu
# shellcheck source=tests/validate/common.sh
. "$(dirname -- "$0")/common.sh"
# shellcheck source=tests/validate/epub-common.sh
. "$(dirname -- "$0")/epub-common.sh"

command -v python3 >/dev/null 2>&1 || skip "no python3 on PATH (apt-get install python3)"
build_epub
cd "$(dirname -- "$epub")"
exec python3 "$root/tests/validate/epub-container.py" "$(basename -- "$epub")"
