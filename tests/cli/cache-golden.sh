#!/bin/sh
# Every golden site, edited as authors edit: a paragraph added to an
# article (one of its own lines again), then a word of it doubled, then the
# article's title changed; after
# each edit the build over the last output (with the cache beside it) must
# equal a clean build, with the same warnings. A site of one language takes
# the first two edits in place; the title change, and any edit of the
# multilingual site, make full builds.
#   usage: cache-golden.sh WARRAQ PROJECT_SOURCE_DIR
set -eu
warraq=$1
root=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/warraq-cache-golden.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail=0
check() {
	if eval "$1"; then echo "ok: $2"; else echo "FAIL: $2"; fail=1; fi
}
build() { # SITE OUT: build, the summary line on stdout, warnings in OUT.warnings
	"$warraq" build --source "$tmp/$1/src" --config "$tmp/$1/warraq.yml" --output "$2" \
		--jobs 2 2>"$2.warnings" | tail -n 1
}
in_place() { # SUMMARY
	case "$1" in *"updated in place"*) true ;; *) false ;; esac
}
same() { # SITE WHAT: the site equals a clean build's, warnings too
	site=$1
	rm -rf "$tmp/clean" "$tmp"/.clean.cache*
	build "$site" "$tmp/clean" >/dev/null
	check 'diff -r "$tmp/$site.out" "$tmp/clean" >/dev/null' \
		"$site, $2: the output equals a clean build's"
	check 'cmp -s "$tmp/$site.out.warnings" "$tmp/clean.warnings"' \
		"$site, $2: the warnings are a clean build's"
}

for dir in "$root"/tests/golden/*/input; do
	name=$(basename "$(dirname "$dir")")
	[ -d "$dir/src" ] && [ -f "$dir/warraq.yml" ] || continue
	cp -rL "$dir" "$tmp/$name"
	one=true
	grep -q '^languages:' "$tmp/$name/warraq.yml" && one=false
	build "$name" "$tmp/$name.out" >/dev/null
	# An article: not a section's page, not an included file, not the
	# table of contents, not a draft.
	art=$(cd "$tmp/$name/src" && find . -name '*.md' ! -name '_index*' ! -name 'SUMMARY.md' \
		! -path '*/includes/*' ! -path '*/_*' | sort |
		while IFS= read -r a; do grep -q '^draft: *true' "$a" || printf '%s\n' "$a"; done |
		sed -n '2p')
	f=$tmp/$name/src/$art

	# A paragraph in the article's own words: its first line of prose again.
	line=$(grep -E '^[[:alpha:]]' "$f" | grep -v ':' | head -n 1 || true)
	[ -n "$line" ] || line=$(grep -E '^[^#|>`:-]' "$f" | tail -n 1)
	printf '\n%s\n' "$line" >>"$f"
	s=$(build "$name" "$tmp/$name.out")
	if $one; then
		check 'in_place "$s"' "$name, a paragraph added to $art: updated in place"
	else
		check '! in_place "$s"' "$name, a paragraph added to $art: a full build (several languages)"
	fi
	same "$name" "a paragraph added"

	# One word of it changed: its first word, twice.
	word=$(printf '%s\n' "$line" | awk '{ print $1 }')
	printf '%s\n' "$line" | sed "s/^$word/$word $word/" >"$tmp/line"
	head -n -1 "$f" >"$tmp/edited" && cat "$tmp/line" >>"$tmp/edited" && cp "$tmp/edited" "$f"
	s=$(build "$name" "$tmp/$name.out")
	if $one; then
		check 'in_place "$s"' "$name, a word changed: updated in place"
	fi
	same "$name" "a word changed"

	if grep -q '^title:' "$f"; then
		sed -i '0,/^title:.*/s//title: "عنوان جديد تماماً"/' "$f"
		s=$(build "$name" "$tmp/$name.out")
		check '! in_place "$s"' "$name, the title changed: a full build"
		same "$name" "the title changed"
	fi
done
exit $fail
