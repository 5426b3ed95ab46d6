# Shared by the EPUB validator tests (POSIX sh, sourced after common.sh).
#   usage: epub-<check>.sh WARRAQ SRCDIR
# Sets $tools (tests/tools/node_modules) and $book (a name for messages:
# the source folder relative to SRCDIR), and defines build_epub, which
# builds the site (WQ_VALIDATE_SOURCE / WQ_VALIDATE_CONFIG select the test
# book, as for the other validators) and sets $epub to the one *.epub at
# the top of the output folder.
#
# WQ_VALIDATE_EPUB=/path/to/book.epub checks that file instead of building
# one (to try a checker on a hand-made or broken book).
# WQ_VALIDATE_BOOK_DIR=en takes the book in that folder of the output
# instead (a multilingual site: each language's book is in its folder).

# shellcheck shell=sh
# shellcheck disable=SC2034,SC2154 # $book, $tools used by the scripts that
# source this; $site, $root, $tmp set by common.sh

tools=${WQ_TOOLS:-$root/tests/tools/node_modules}
book=${WQ_VALIDATE_SOURCE:-seeds}

# skip MESSAGE: exit 77 (ctest: skipped) with MESSAGE.
skip() {
	echo "skipped: $*"
	exit 77
}

# need_node PACKAGE...: skip unless node and every PACKAGE are installed
# in tests/tools/node_modules.
need_node() {
	command -v node >/dev/null 2>&1 || skip "no node on PATH (apt-get install nodejs)"
	for p in "$@"; do
		[ -f "$tools/$p/package.json" ] ||
			skip "no $p in $tools (npm ci --prefix tests/tools --ignore-scripts)"
	done
}

# need_chromium: skip unless Debian's chromium is there.
chromium=${CHROMIUM:-/usr/bin/chromium}
need_chromium() {
	[ -x "$chromium" ] || skip "no $chromium (apt-get install chromium)"
}

# build_epub: build the book and set $epub, or fail the test.
build_epub() {
	if [ -n "${WQ_VALIDATE_EPUB:-}" ]; then
		epub=$WQ_VALIDATE_EPUB
		book=$(basename -- "$epub")
		[ -f "$epub" ] || { echo "FAIL: no $epub" >&2; exit 1; }
		return 0
	fi
	build_site
	epub=
	n=0
	for f in "$site/${WQ_VALIDATE_BOOK_DIR:-.}"/*.epub; do
		[ -f "$f" ] || continue
		epub=$f
		n=$((n + 1))
	done
	if [ "$n" -ne 1 ]; then
		echo "FAIL: warraq wrote $n *.epub files in ${WQ_VALIDATE_BOOK_DIR:-the top of} the output folder, want 1:" >&2
		ls -la "$site" >&2
		exit 1
	fi
}
