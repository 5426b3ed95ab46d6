#!/bin/sh
# Bad-input test: a build that must fail cleanly.
#   usage: run.sh WARRAQ CASEDIR
# CASEDIR/case.sh sets EXIT (the exit status wanted), MESSAGE (an extended
# regular expression stderr must match) and optionally ARGS (extra build
# arguments), RUN (a command the build runs under, e.g. a user or a file
# size limit), a prepare() function run in the work folder and a check()
# function run after the build (stderr.txt, site/) that must succeed.  A case with
# EXIT=0 (a warning, not an error) must rebuild the site instead.  CASEDIR/src/
# and CASEDIR/warraq.yml, when present, are the sources and configuration.
# A good site is built into the output first; the failed build must leave
# it byte for byte as it was, leave no temporary folder, and end in time.
set -eu
if [ $# -ne 2 ]; then
	echo "usage: $0 WARRAQ CASEDIR" >&2
	exit 2
fi
warraq=$1
case_dir=$(CDPATH='' cd -- "$2" && pwd)
repo=$(CDPATH='' cd -- "$(dirname -- "$0")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/warraq-bad.XXXXXX")
trap 'chmod -R u+rwX "$work" 2>/dev/null; rm -rf "$work"' EXIT
cd "$work"

# The previous site: a good build.
mkdir good
printf '# Good\n\nA page that builds.\n' >good/a.md
if ! "$warraq" build --source good --output site --quiet; then
	echo "FAIL: could not build the good site first" >&2
	exit 1
fi
cp -R site before

mkdir -p src
[ -d "$case_dir/src" ] && cp -R "$case_dir/src/." src/
[ -f "$case_dir/warraq.yml" ] && cp "$case_dir/warraq.yml" warraq.yml
[ -d "$case_dir/layouts" ] && cp -R "$case_dir/layouts" layouts
EXIT=1
MESSAGE=
ARGS=
RUN=
REQUIRE_ROOT=
prepare() { :; }
check() { :; }
# shellcheck disable=SC1091
. "$case_dir/case.sh"
if [ -n "$REQUIRE_ROOT" ] && [ "$(id -u)" -ne 0 ]; then
	echo "skipped: this case needs root (to run the build as another user)"
	exit 77
fi
# A case that runs the build as another user works on copies that user can
# read whatever the mode of the clone's folders (a clone in root's 0700
# home, or in a mktemp -d folder): the program (and, when $warraq is the
# memcheck wrapper, the program and suppressions it uses: WQ_WARRAQ_BIN,
# WQ_MEMCHECK_SUPP) and the theme,
# which warraq finds in themes/ beside the configuration (here: .).
if [ -n "$REQUIRE_ROOT" ]; then
	mkdir -p stage themes
	if [ -n "${WQ_WARRAQ_BIN:-}" ]; then
		cp "$WQ_WARRAQ_BIN" stage/warraq-bin
		cp "$WQ_MEMCHECK_SUPP" stage/warraq.supp
		WQ_WARRAQ_BIN=$work/stage/warraq-bin
		WQ_MEMCHECK_SUPP=$work/stage/warraq.supp
		export WQ_WARRAQ_BIN WQ_MEMCHECK_SUPP
	fi
	cp "$warraq" stage/warraq
	warraq=$work/stage/warraq
	cp -R "$repo/themes/default" themes/default
	chmod -R a+rX stage themes
fi
prepare

config=
[ -f warraq.yml ] && config='--config warraq.yml'
# 30 s, times WQ_TIME_SCALE when the program runs under valgrind.
limit=$((30 * ${WQ_TIME_SCALE:-1}))
rc=0
# shellcheck disable=SC2086 # ARGS and config are lists of words
timeout "$limit" $RUN "$warraq" build --source src $config --output site $ARGS \
	>stdout.txt 2>stderr.txt || rc=$?
fail=0
if [ "$rc" -eq 124 ]; then
	echo "FAIL: warraq did not finish within $limit s" >&2
	fail=1
elif [ "$rc" -ne "$EXIT" ]; then
	echo "FAIL: exit status $rc, wanted $EXIT" >&2
	fail=1
fi
if ! grep -Eq -- "$MESSAGE" stderr.txt; then
	echo "FAIL: stderr does not match: $MESSAGE" >&2
	fail=1
fi
if ! check; then
	echo "FAIL: the case's own check (check() in case.sh) failed" >&2
	fail=1
fi
if [ "$EXIT" -ne 0 ] && ! diff -r before site >diff.txt 2>&1; then
	echo "FAIL: the previous site changed:" >&2
	head -n 20 diff.txt >&2
	fail=1
fi
if [ "$EXIT" -eq 0 ] && diff -r before site >/dev/null 2>&1; then
	echo "FAIL: the build succeeded but the site was not replaced" >&2
	fail=1
fi
if ls -A | grep -q '^\.site\.tmp-' || ls -A | grep -q '\.old$'; then
	echo "FAIL: a temporary build folder was left behind" >&2
	fail=1
fi
echo "--- stderr:"
cat stderr.txt
[ "$fail" -eq 0 ] && echo "ok: exit $rc, message matched, site as it should be"
exit "$fail"
