#!/bin/sh
# --jobs N: the output tree and the messages are the same for 1 and 4
# threads (the run with 4 also keeps no source text in memory between
# stages, WARRAQ_TEXT_MEMORY=0: texts read again change nothing either),
# on a generated documentation site (sections, tags, images,
# links between documents, a broken link and a placeholder for warnings)
# and on the golden "features" site.
#   usage: jobs.sh WARRAQ REPO
set -eu
warraq=$1
repo=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/warraq-jobs.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
sh "$repo/tests/scale/gen.sh" 400 "$tmp/gen"
# Warnings from several documents, so that their order is tested too.
for i in 5 50 150 399; do
	f=$(find "$tmp/gen/src" -name "doc-$i.md")
	printf '\n[ناقص](missing-%d.md) و[فارغ](#)\n' "$i" >>"$f"
done
fail=0
SOURCE_DATE_EPOCH=1700000000
export SOURCE_DATE_EPOCH
run() { # run NAME SRC CONFIG
	for j in 1 4; do
		mem=
		[ "$j" -eq 4 ] && mem=0
		WARRAQ_TEXT_MEMORY=$mem "$warraq" build --source "$2" --config "$3" \
			--output "$tmp/$1-$j" --jobs "$j" >"$tmp/$1-$j.out" 2>"$tmp/$1-$j.err" ||
			{ echo "FAIL: $1 with --jobs $j:" >&2; cat "$tmp/$1-$j.err" >&2; fail=1; return; }
		sed -i 's/, [0-9]* ms$//' "$tmp/$1-$j.out"
	done
	if diff -r "$tmp/$1-1" "$tmp/$1-4" >"$tmp/diff" &&
		diff "$tmp/$1-1.out" "$tmp/$1-4.out" >>"$tmp/diff" &&
		diff "$tmp/$1-1.err" "$tmp/$1-4.err" >>"$tmp/diff"; then
		echo "ok: $1: $(find "$tmp/$1-1" -type f | wc -l) files and $(wc -l <"$tmp/$1-1.err") warnings identical for --jobs 1 and 4"
	else
		echo "FAIL: $1: --jobs 1 and 4 differ:" >&2
		head -n 40 "$tmp/diff" >&2
		fail=1
	fi
}
run generated "$tmp/gen/src" "$tmp/gen/warraq.yml"
run features "$repo/tests/golden/features/input/src" "$repo/tests/golden/features/input/warraq.yml"
[ "$(wc -l <"$tmp/generated-1.err")" -ge 8 ] || { echo "FAIL: expected warnings missing" >&2; fail=1; }
# A usage error names the option.
if "$warraq" build --jobs 0 >/dev/null 2>"$tmp/usage"; then
	echo "FAIL: --jobs 0 accepted" >&2
	fail=1
else
	grep -q -- '--jobs wants a number' "$tmp/usage" && echo "ok: --jobs 0 is a usage error"
fi
exit "$fail"
