#!/bin/sh
# Progress and --verbose:
# - --verbose lists every file written, one a line, relative to the output
#   folder, in path order: exactly the files of the output folder, and the
#   same list (and messages) for --jobs 1 and 4;
# - no progress line when stderr is not a terminal; on a terminal (script(1)),
#   a build that takes a while shows "parsed N/M · written N/M" lines
#   (\r, drawn again), cleared at the end; none with --quiet.
#   usage: progress.sh WARRAQ REPO
set -eu
warraq=$1
repo=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/warraq-progress.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*" >&2; fail=1; }
ok() { echo "ok: $*"; }

sh "$repo/tests/scale/gen.sh" 1000 "$tmp/gen" >/dev/null
export SOURCE_DATE_EPOCH=1700000000
for j in 1 4; do
	"$warraq" build --source "$tmp/gen/src" --config "$tmp/gen/warraq.yml" --output "$tmp/site-$j" \
		--jobs "$j" --verbose >"$tmp/out-$j" 2>"$tmp/err-$j" || { bad "build --jobs $j failed"; cat "$tmp/err-$j" >&2; }
	sed -i 's/, [0-9]* ms$//' "$tmp/out-$j"
done
if cmp -s "$tmp/out-1" "$tmp/out-4" && cmp -s "$tmp/err-1" "$tmp/err-4"; then
	ok "--verbose: the same output for --jobs 1 and 4 ($(wc -l <"$tmp/out-1") lines)"
else
	bad "--verbose output differs between --jobs 1 and 4"
	diff "$tmp/out-1" "$tmp/out-4" | head -n 20 >&2 || true
fi
grep -v '^warraq: ' "$tmp/out-1" >"$tmp/listed"
(cd "$tmp/site-1" && find . -type f | sed 's|^\./||' | LC_ALL=C sort) >"$tmp/found"
if cmp -s "$tmp/listed" "$tmp/found"; then
	ok "--verbose lists exactly the $(wc -l <"$tmp/found") files of the output folder, in path order"
else
	bad "--verbose list and the output folder differ (< listed, > found):"
	diff "$tmp/listed" "$tmp/found" | head -n 20 >&2 || true
fi
grep -q 'parsed' "$tmp/err-1" && bad "a progress line on a stderr that is no terminal"
tail -n 1 "$tmp/out-1" | grep -q '^warraq: [0-9,]* pages written' || bad "no summary line after the list"

# On a terminal.
if command -v script >/dev/null 2>&1; then
	start=$(date +%s)
	script -qec "'$warraq' build --source '$tmp/gen/src' --config '$tmp/gen/warraq.yml' --output '$tmp/site-tty' --jobs 2" \
		/dev/null >"$tmp/tty" 2>&1 </dev/null || bad "build on a terminal failed"
	took=$(( $(date +%s) - start ))
	lines=$(tr '\r' '\n' <"$tmp/tty" | grep -c '^warraq: parsed [0-9,]*/1,000 · written [0-9,]*/1,000' || true)
	if [ "$lines" -gt 0 ]; then
		ok "on a terminal: $lines progress lines in ${took}s"
		# The line is cleared ("\r", erase to the end) before the summary.
		tr '\r' '\n' <"$tmp/tty" | grep -q "$(printf '^\033\\[K')" || bad "the progress line is not cleared"
	elif [ "$took" -ge 2 ]; then
		bad "no progress line in a ${took}s build on a terminal"
	else
		echo "ok: the build took under 2s: no progress line needed"
	fi
	script -qec "'$warraq' build --source '$tmp/gen/src' --config '$tmp/gen/warraq.yml' --output '$tmp/site-tty' --jobs 2 --quiet" \
		/dev/null >"$tmp/tty-q" 2>&1 </dev/null || bad "quiet build on a terminal failed"
	grep -q 'parsed' "$tmp/tty-q" && bad "a progress line with --quiet"
	ok "--quiet: no progress line"
else
	echo "ok: no script(1) here: the terminal part is not tried"
fi
exit "$fail"
