#!/bin/sh
# The search index updated in place, edit after edit: words added to and
# taken from articles (Arabic words behind clitics among them, so that
# stems gain and lose the words they take), and after each update the
# site equals a clean build's.  The edits are drawn at random from a fixed
# seed: the same on every run (drafts-notes.md is excluded by the configuration).
#   usage: search-update.sh WARRAQ PROJECT_SOURCE_DIR [ROUNDS]
set -eu
warraq=$1
root=$2
rounds=${3:-30}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/warraq-search-update.XXXXXX")
[ -n "${KEEP:-}" ] || trap 'rm -rf "$tmp"' EXIT
cp -r "$root/tests/golden/docs/input" "$tmp/in"
build() { # OUT [OPTION...]: the summary line
	out=$1
	shift
	"$warraq" build --source "$tmp/in/src" --config "$tmp/in/warraq.yml" --output "$out" \
		--jobs 2 "$@" 2>/dev/null | tail -n 1
}
build "$tmp/site" >/dev/null
find "$tmp/in/src" -name '*.md' ! -name '_index.md' ! -name 'drafts-notes.md' ! -path '*/includes/*' | sort >"$tmp/docs"
# Words that are stems of others (قمطر and دواة, in no article's text;
# مخزون, in many) and the words that carry them behind clitics, with and
# without the article; common words besides.
words="قمطر القمطر بالقمطر والقمطر للقمطر فالقمطر وقمطر دواة بدواة وبدواة الدواة المخزون بالمخزون مخزون للمخزون في من stock"
fail=0
inplace=0
same_as_clean() { # WHAT
	s=$(build "$tmp/site")
	rm -rf "$tmp/clean"
	build "$tmp/clean" --no-cache >/dev/null
	if diff -r "$tmp/site" "$tmp/clean" >"$tmp/diff"; then
		echo "ok: $1"
	else
		echo "FAIL: $1: the site differs from a clean build's ($s)"
		head -n 5 "$tmp/diff"
		fail=1
	fi
}
# A stem that loses the last article holding it on its own, while another
# still holds it behind the article: its entry is the other's alone (the
# words on lines of their own, so that no other word changes).
a=$(sed -n 1p "$tmp/docs")
b=$(sed -n 2p "$tmp/docs")
printf '\nالقمطر\n' >>"$a"
printf '\nقمطر\n' >>"$b"
same_as_clean "a stem held on its own and behind the article"
sed -i '/^قمطر$/d' "$b"
same_as_clean "the stem no longer held on its own"
printf '\nقمطر\n' >>"$b"
same_as_clean "the stem held on its own again"
sed -i '/^القمطر$/d' "$a"
same_as_clean "the stem no longer held behind the article"
sed -i '/^قمطر$/d' "$b"
same_as_clean "nor on its own"
# An article saved again as it was: its file's date, which the feed and
# the sitemap show when the front matter gives none (the first article
# gives none), is a change.
grep -q '^date:' "$a" && { echo "FAIL: $a has a date"; fail=1; }
touch -d '2031-05-05 12:00:00' "$a"
same_as_clean "an article saved again unchanged (its file's date changed)"
printf '\nقمطر\n' >>"$b"
same_as_clean "and another's edit after it (the first one's new date kept)"
r=1
while [ "$r" -le "$rounds" ]; do
	# This round's edits: "FILE add WORDS" or "FILE drop", one to three.
	awk -v seed="$r" -v words="$words" '
		{ doc[NR] = $0 }
		END {
			srand(seed); nw = split(words, w, " ")
			n = 1 + int(rand() * 3)
			for (k = 0; k < n; k++) {
				line = doc[1 + int(rand() * NR)]
				if (rand() < 0.5) { print line " drop"; continue }
				s = ""; m = 1 + int(rand() * 6)
				for (j = 0; j < m; j++) s = s " " w[1 + int(rand() * nw)]
				print line " add" s
			}
		}' "$tmp/docs" >"$tmp/edits"
	while read -r file what rest; do
		if [ "$what" = add ]; then
			printf '\nXX%s\n' " $rest" >>"$file"
		else
			sed -i '0,/^XX /{/^XX /d}' "$file"
		fi
	done <"$tmp/edits"
	s=$(build "$tmp/site")
	case "$s" in *"updated in place"*) inplace=$((inplace + 1)) ;; esac
	rm -rf "$tmp/clean"
	build "$tmp/clean" --no-cache >/dev/null
	if ! diff -r "$tmp/site" "$tmp/clean" >"$tmp/diff"; then
		echo "FAIL: round $r: the site differs from a clean build's ($s)"
		head -n 5 "$tmp/diff"
		fail=1
		break
	fi
	r=$((r + 1))
done
[ "$fail" = 1 ] || echo "ok: $rounds rounds of edits, each update equal to a clean build"
if [ "$inplace" -lt $((rounds / 2)) ]; then
	echo "FAIL: only $inplace of $rounds updates were made in place"
	fail=1
else
	echo "ok: $inplace of $rounds updates made in place"
fi
exit "$fail"
