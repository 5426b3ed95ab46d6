#!/bin/sh
# --drafts (and -D) publishes documents marked draft: true; without it they
# are left out.
#   usage: drafts.sh WARRAQ
set -eu
warraq=$1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/warraq-drafts.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/src"
printf '# Published\n\nText.\n' >"$tmp/src/a.md"
printf -- '---\ndraft: true\n---\n# Draft\n\nText.\n' >"$tmp/src/b.md"
fail=0
check() {
	if eval "$1"; then echo "ok: $2"; else echo "FAIL: $2"; fail=1; fi
}
"$warraq" build --source "$tmp/src" --output "$tmp/site" --quiet
check '[ -f "$tmp/site/a/index.html" ] && [ ! -e "$tmp/site/b" ]' "no drafts by default"
"$warraq" build --source "$tmp/src" --output "$tmp/site" --quiet --drafts
check '[ -f "$tmp/site/b/index.html" ]' "--drafts publishes them"
"$warraq" build -D --source "$tmp/src" --output "$tmp/site" --quiet
check '[ -f "$tmp/site/b/index.html" ] && grep -q "b/index.html" "$tmp/site/index.html"' \
	"-D too, listed on the home page"
exit $fail
