#!/bin/sh
# epub.reproducible: the seeds' book is byte-identical across builds with
# the same SOURCE_DATE_EPOCH:
#   1. two builds of the same sources into two folders;
#   2. a build from a copy of the sources (seeds/ and warraq.yml) in
#      another folder, with other file modification times, run from
#      another working directory with relative paths, another time zone,
#      locale and umask.
# On a difference, names the entries whose bytes differ.
#   usage: epub-reproducible.sh WARRAQ SRCDIR   exit 0 pass, 1 fail, 77 skipped
set -eu
# shellcheck source=tests/validate/common.sh
. "$(dirname -- "$0")/common.sh"
# shellcheck source=tests/validate/epub-common.sh
. "$(dirname -- "$0")/epub-common.sh"

src=${WQ_VALIDATE_SOURCE:-seeds}
cfg=${WQ_VALIDATE_CONFIG:-warraq.yml}
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1700000000}
export SOURCE_DATE_EPOCH

# one_epub DIR: the one *.epub at the top of DIR, or fail.
one_epub() {
	n=0
	for f in "$1"/*.epub; do
		[ -f "$f" ] || continue
		one=$f
		n=$((n + 1))
	done
	if [ "$n" -ne 1 ]; then
		echo "FAIL: $n *.epub files at the top of $1, want 1" >&2
		exit 1
	fi
	printf '%s\n' "$one"
}

# run DIR ARGS...: run warraq in DIR, fail the test with its output if it
# does not succeed.
run() {
	wd=$1
	shift
	if ! (cd "$wd" && "$warraq" "$@") >"$tmp/build.log" 2>&1; then
		echo "FAIL: (cd $wd && warraq $*) exited non-zero:" >&2
		cat "$tmp/build.log" >&2
		exit 1
	fi
}

# compare A B WHAT: cmp the two books; on a difference, list the entries
# that differ.
compare() {
	if cmp "$1" "$2" >"$tmp/cmp.log" 2>&1; then
		echo "ok: $3: identical ($(wc -c <"$1") bytes)"
		return 0
	fi
	echo "FAIL: $3: the books differ: $(cat "$tmp/cmp.log")" >&2
	python3 - "$1" "$2" >&2 <<'PY' || true
import sys, zipfile
a, b = (zipfile.ZipFile(p) for p in sys.argv[1:3])
ia = {i.filename: i for i in a.infolist()}
ib = {i.filename: i for i in b.infolist()}
print("entries: %s" % ("same names, same order" if [i.filename for i in a.infolist()] == [i.filename for i in b.infolist()] else "names or order differ"))
for n in sorted(set(ia) | set(ib)):
    if n not in ia or n not in ib:
        print("  %s: only in %s" % (n, "the first" if n in ia else "the second"))
        continue
    x, y = ia[n], ib[n]
    why = []
    if a.read(n) != b.read(n):
        why.append("content")
    if x.date_time != y.date_time:
        why.append("time %s / %s" % (x.date_time, y.date_time))
    if (x.external_attr, x.create_system, x.extra) != (y.external_attr, y.create_system, y.extra):
        why.append("attributes or extra fields")
    if x.compress_size != y.compress_size:
        why.append("compressed size %d / %d" % (x.compress_size, y.compress_size))
    if why:
        print("  %s: %s" % (n, ", ".join(why)))
PY
	return 1
}

set -- build --quiet --source "$root/$src"
if [ -f "$root/$cfg" ]; then
	set -- "$@" --config "$root/$cfg"
fi
run "$root" "$@" --output "$tmp/a"
a=$(one_epub "$tmp/a")
run "$root" "$@" --output "$tmp/b"
b=$(one_epub "$tmp/b")

# The copy: another folder, other mtimes, relative paths from another
# working directory.
mkdir -p "$tmp/elsewhere/copy" "$tmp/wd"
cp -R "$root/$src" "$tmp/elsewhere/copy/src"
find "$tmp/elsewhere/copy/src" -exec touch -d '2001-02-03 04:05:06' {} +
set -- build --quiet --source ../elsewhere/copy/src --output ../c
if [ -f "$root/$cfg" ]; then
	cp "$root/$cfg" "$tmp/elsewhere/copy/warraq.yml"
	# What the configuration's folder holds beside it (themes/, layouts/,
	# assets/, i18n/) goes along.
	cfgdir=$(dirname -- "$root/$cfg")
	for d in themes layouts assets i18n; do
		if [ -d "$cfgdir/$d" ]; then
			cp -R "$cfgdir/$d" "$tmp/elsewhere/copy/$d"
		fi
	done
	touch -d '2030-06-07 08:09:10' "$tmp/elsewhere/copy/warraq.yml"
	set -- "$@" --config ../elsewhere/copy/warraq.yml
fi
(
	umask 077
	TZ=Pacific/Kiritimati LC_ALL=C LANG=C
	export TZ LC_ALL LANG
	run "$tmp/wd" "$@"
)
c=$(one_epub "$tmp/c")

fail=0
compare "$a" "$b" "two builds with SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH" || fail=1
compare "$a" "$c" "a build from a copy (other folder, mtimes, working directory, TZ, locale, umask)" || fail=1
exit "$fail"
