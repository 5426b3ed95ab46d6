#!/bin/sh
# `warraq --help` and the manual page (docs/warraq.1) name the same
# options and the same commands: every `--option` word of one is in the
# other.  The page must also render without a groff warning when groff
# is there.
#   usage: help-man.sh WARRAQ REPO
set -eu
warraq=$1
page=$2/docs/warraq.1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/warraq-man.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail=0

# --option words, each once, sorted ("\-" is how roff writes '-').
"$warraq" --help | grep -o -- '--[a-z][a-z-]*' | sort -u >"$tmp/help"
sed 's/\\-/-/g' "$page" | grep -o -- '--[a-z][a-z-]*' | sort -u >"$tmp/man"
if diff "$tmp/help" "$tmp/man" >"$tmp/diff"; then
	echo "ok: the same $(wc -l <"$tmp/help") options in --help and warraq.1"
else
	echo "FAIL: options differ (< --help, > warraq.1):" >&2
	cat "$tmp/diff" >&2
	fail=1
fi
# The commands: "warraq NAME" in the help's command list, ".B warraq NAME"
# in the page's synopsis.
"$warraq" --help | sed -n 's/^  warraq \([a-z][a-z]*\) .*/\1/p' | sort -u >"$tmp/help-cmds"
sed -n 's/^\.B warraq \([a-z][a-z]*\)$/\1/p' "$page" | sort -u >"$tmp/man-cmds"
if [ -s "$tmp/help-cmds" ] && diff "$tmp/help-cmds" "$tmp/man-cmds" >"$tmp/diff"; then
	echo "ok: the same commands: $(tr '\n' ' ' <"$tmp/help-cmds")"
else
	echo "FAIL: commands differ (< --help, > warraq.1):" >&2
	cat "$tmp/diff" >&2
	fail=1
fi
if command -v groff >/dev/null 2>&1; then
	if groff -man -ww -z -Tutf8 -K utf8 "$page" 2>"$tmp/groff" && [ ! -s "$tmp/groff" ]; then
		echo "ok: groff renders warraq.1 without a warning"
	else
		echo "FAIL: groff:" >&2
		cat "$tmp/groff" >&2
		fail=1
	fi
fi
exit "$fail"
