#!/bin/sh
# One build of an output folder at a time: a build waits, and says so,
# while another holds the lock beside the folder (`.site.lock`); builds
# started together all succeed and leave what a clean build makes; a check
# writes nothing and does not wait; an output folder whose parent does not
# exist is refused as before, no lock made.
#   usage: lock.sh WARRAQ PROJECT_SOURCE_DIR
set -eu
warraq=$1
root=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/warraq-lock.XXXXXX")
holder=
trap '[ -z "$holder" ] || kill "$holder" 2>/dev/null || true; rm -rf "$tmp"' EXIT
cp -r "$root/tests/golden/docs/input" "$tmp/in"
fail=0
check() {
	if eval "$1"; then echo "ok: $2"; else echo "FAIL: $2"; fail=1; fi
}
build() { # OUT [options]: build the sources into OUT
	out=$1
	shift
	"$warraq" build --source "$tmp/in/src" --config "$tmp/in/warraq.yml" --output "$out" \
		--jobs 2 "$@"
}
page=$(cd "$tmp/in/src" && find . -name '*.md' ! -name '_index.md' | sort | head -n 1)

build "$tmp/site" -q 2>/dev/null
check '[ -f "$tmp/.site.lock" ]' "the lock is beside the output folder"

# Another process holds the lock for a few seconds.
flock "$tmp/.site.lock" sleep 4 &
holder=$!
n=0
while flock -n "$tmp/.site.lock" true && [ $n -lt 100 ]; do sleep 0.05; n=$((n + 1)); done
check '! flock -n "$tmp/.site.lock" true' "the lock is held by another process"
echo "waited for" >>"$tmp/in/src/$page"
build "$tmp/site" 2>"$tmp/wait.err" >/dev/null &
waiter=$!
"$warraq" check --source "$tmp/in/src" --config "$tmp/in/warraq.yml" --output "$tmp/site" \
	>/dev/null 2>&1 && checked=0 || checked=$?
check '[ "$checked" = 0 ]' "a check goes on while the lock is held (it writes nothing)"
sleep 1
check 'kill -0 "$waiter" 2>/dev/null' "a build waits while another holds the lock"
check 'grep -q "waiting for another build of .*site. to end" "$tmp/wait.err"' \
	"and says so ($(head -n 1 "$tmp/wait.err"))"
wait "$holder" || true
holder=
wait "$waiter" && status=0 || status=$?
check '[ "$status" = 0 ]' "it builds once the lock is let go (exit $status)"

# Builds started together, after an edit: each succeeds, one after the other.
for round in 1 2 3; do
	echo "round $round" >>"$tmp/in/src/$page"
	build "$tmp/site" -q 2>/dev/null &
	a=$!
	build "$tmp/site" -q 2>/dev/null &
	b=$!
	wait "$a" && sa=0 || sa=$?
	wait "$b" && sb=0 || sb=$?
	check '[ "$sa" = 0 ] && [ "$sb" = 0 ]' "round $round: two builds at once both succeed ($sa, $sb)"
	rm -rf "$tmp/clean"
	build "$tmp/clean" -q --no-cache 2>/dev/null
	check 'diff -r "$tmp/site" "$tmp/clean" >/dev/null' "round $round: and leave a clean build's output"
done

build "$tmp/new/site" 2>"$tmp/new.err" && status=0 || status=$?
check '[ "$status" != 0 ] && grep -q "does not exist" "$tmp/new.err" && ! grep -q "waiting\\|\\.lock" "$tmp/new.err" &&
  [ ! -e "$tmp/new" ]' \
	"an output folder in a folder that does not exist: its own error, no lock made ($(grep "does not exist" "$tmp/new.err" | head -n 1))"

exit $fail
