#!/bin/sh
# A rebuild keeps the files the previous site holds byte for byte (linked
# into the new site, with their dates), writes the others, and gives the
# same tree as a clean build; what it keeps is a file of the previous site,
# never one reached through a symbolic link.
#   usage: unchanged.sh WARRAQ PROJECT_SOURCE_DIR [WRAPPER...]
# (WRAPPER: a program, with its options, that runs warraq, such as
# no_openat2)
set -eu
warraq=$1
root=$2
shift 2
wrap="$*"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/warraq-unchanged.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cp -r "$root/tests/golden/docs/input" "$tmp/in"
fail=0
check() {
	if eval "$1"; then echo "ok: $2"; else echo "FAIL: $2"; fail=1; fi
}
build() { # OUT: build the sources into OUT, print the summary line
	$wrap "$warraq" build --source "$tmp/in/src" --config "$tmp/in/warraq.yml" --output "$1" \
		--jobs 2 2>/dev/null | tail -n 1
}
inodes() { # DIR: "inode path" of every file but the book (libzip writes it)
	(cd "$1" && find . -type f ! -name '*.epub' -printf '%i %P\n' | sort -k2)
}
same_tree() { # A B: the same files with the same bytes
	diff -r "$1" "$2" >/dev/null
}

first=$(build "$tmp/site")
inodes "$tmp/site" >"$tmp/before"
files=$(wc -l <"$tmp/before")
check 'case "$first" in *unchanged*) false ;; *) true ;; esac' \
	"a first build keeps nothing ($first)"
mtime=$(stat -c %Y "$tmp/site/index.html")
touch -d '2001-01-01 00:00:00' "$tmp/site/index.html"
again=$(build "$tmp/site")
inodes "$tmp/site" >"$tmp/after"
check 'cmp -s "$tmp/before" "$tmp/after"' "a rebuild of the same sources keeps all $files files"
check 'case "$again" in *", $files unchanged"*) true ;; *) false ;; esac' \
	"and says so ($again)"
check '[ "$(stat -c %Y "$tmp/site/index.html")" = "$(date -d "2001-01-01 00:00:00" +%s)" ] &&
       [ "$mtime" != "$(date -d "2001-01-01 00:00:00" +%s)" ]' \
	"a kept file keeps its date"

# One article edited: its page is written again, far pages are kept, and the
# tree is a clean build's.
rel=overview.md
page=$tmp/in/src/$rel
printf '\nA paragraph added later.\n' >>"$page"
build "$tmp/site" >/dev/null
inodes "$tmp/site" >"$tmp/edited"
changed=$(join -1 2 -2 2 "$tmp/after" "$tmp/edited" | awk '$2 != $3' | wc -l)
kept=$(join -1 2 -2 2 "$tmp/after" "$tmp/edited" | awk '$2 == $3' | wc -l)
check '[ "$changed" -ge 1 ] && [ "$kept" -ge 1 ] &&
       [ "$(grep -c " overview/index.html$" "$tmp/after")" = 1 ] &&
       ! grep -q "$(grep " overview/index.html$" "$tmp/after")" "$tmp/edited"' \
	"after editing $rel: $changed files written again (its page among them), $kept kept"
build "$tmp/clean" >/dev/null
check 'same_tree "$tmp/site" "$tmp/clean"' "the rebuilt tree equals a clean build's"

# A file of the previous site that differs, with the same size, is written.
f=$(find "$tmp/site" -name 'index.html' -path '*/*/*' | head -n 1)
python3 - "$f" <<'PY'
import sys
p = sys.argv[1]
b = bytearray(open(p, 'rb').read())
b[-2] = ord('X') if b[-2] != ord('X') else ord('Y')
open(p, 'wb').write(bytes(b))
PY
build "$tmp/site" >/dev/null
check 'same_tree "$tmp/site" "$tmp/clean"' "a changed file of the same size is written again"

# Symbolic links in the previous site are never followed: a file outside
# with the very bytes of a page is not linked into the new site.
mkdir "$tmp/outside"
cp "$tmp/site/index.html" "$tmp/outside/index.html"
rm "$tmp/site/index.html"
ln -s "$tmp/outside/index.html" "$tmp/site/index.html"
dir=$(cd "$tmp/site" && find . -mindepth 2 -name index.html | head -n 1)
dir=$(dirname "$dir")
cp -r "$tmp/site/$dir" "$tmp/outside/dir"
rm -r "${tmp:?}/site/$dir"
ln -s "$tmp/outside/dir" "$tmp/site/$dir"
build "$tmp/site" >/dev/null
check '[ -f "$tmp/site/index.html" ] && [ ! -L "$tmp/site/index.html" ] &&
       [ "$(stat -c %i "$tmp/site/index.html")" != "$(stat -c %i "$tmp/outside/index.html")" ]' \
	"a page behind a symbolic link is written, not linked"
check '[ ! -L "$tmp/site/$dir" ] &&
       [ "$(stat -c %i "$tmp/site/$dir/index.html")" != "$(stat -c %i "$tmp/outside/dir/index.html")" ]' \
	"so is a page in a folder behind one"
check '[ "$(stat -c %h "$tmp/outside/index.html")" = 1 ] && [ -f "$tmp/outside/dir/index.html" ]' \
	"the files outside are left as they were"
check 'same_tree "$tmp/site" "$tmp/clean"' "and the tree equals a clean build's"
exit $fail
