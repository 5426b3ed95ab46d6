#!/bin/sh
# The build cache (.site.cache beside site/): a build whose inputs did not
# change leaves the output as it is and gives the last build's warnings
# again; any change to a source, an included file, the configuration, the
# theme, the options, SOURCE_DATE_EPOCH or the output itself makes a full
# build, whose tree equals a clean build's.
#   usage: cache.sh WARRAQ PROJECT_SOURCE_DIR [WRAPPER...]
# (WRAPPER: a program, with its options, that runs warraq, such as
# no_openat2)
set -eu
warraq=$1
root=$2
shift 2
wrap="$*"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/warraq-cache.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cp -r "$root/tests/golden/docs/input" "$tmp/in"
fail=0
check() {
	if eval "$1"; then echo "ok: $2"; else echo "FAIL: $2"; fail=1; fi
}
cfg=$tmp/in/warraq.yml
build() { # OUT [OPTION...]: build the sources into OUT (with the configuration $cfg), print the summary line
	out=$1
	shift
	$wrap "$warraq" build --source "$tmp/in/src" --config "$cfg" --output "$out" \
		--jobs 2 "$@" 2>"$tmp/warnings" | tail -n 1
}
state() { # DIR: inode, date and path of every file
	(cd "$1" && find . -type f -printf '%i %T@ %P\n' | sort -k3)
}
same_tree() { # A B: the same files with the same bytes
	diff -r "$1" "$2" >/dev/null
}
up_to_date() { # SUMMARY
	case "$1" in *"up to date"*) true ;; *) false ;; esac
}
in_place() { # SUMMARY
	case "$1" in *"updated in place"*) true ;; *) false ;; esac
}

first=$(build "$tmp/site")
cp "$tmp/warnings" "$tmp/warnings-first"
state "$tmp/site" >"$tmp/before"
check '[ -f "$tmp/.site.cache" ] && ! up_to_date "$first"' \
	"a first build writes its record beside the output (.site.cache)"
again=$(build "$tmp/site")
state "$tmp/site" >"$tmp/after"
check 'up_to_date "$again"' "a build with nothing changed says the site is up to date ($again)"
check 'cmp -s "$tmp/before" "$tmp/after"' \
	"and leaves every file as it was (inode and date, the book too)"
check '[ -s "$tmp/warnings-first" ] && cmp -s "$tmp/warnings-first" "$tmp/warnings"' \
	"and gives the first build's warnings again, in the same order"

# Every input counts.
clean_build() { # [OPTION...]: a clean build into $tmp/clean, its warnings in $tmp/warnings-clean
	rm -rf "$tmp/clean" "$tmp/.clean.cache" "$tmp/.clean.cache.words"
	build "$tmp/clean" "$@" >/dev/null
	cp "$tmp/warnings" "$tmp/warnings-clean"
}
rebuilds() { # [OPTION...]: the next build is a full one, and equals a clean build
	s=$(build "$tmp/site" "$@")
	check '! up_to_date "$s" && ! in_place "$s"' "$what: a full build"
	clean_build "$@"
	check 'same_tree "$tmp/site" "$tmp/clean"' "$what: the output equals a clean build's"
	s=$(build "$tmp/site" "$@")
	check 'up_to_date "$s"' "$what: then up to date again"
}
far=$(cd "$tmp/site" && find . -path '*/index.html' ! -path './overview/*' ! -path './search/*' |
	sort | tail -n 1)
updates() { # the next build updates the site in place, and equals a clean build
	before=$(stat -c '%i %Y' "$tmp/site/$far")
	s=$(build "$tmp/site")
	cp "$tmp/warnings" "$tmp/warnings-update"
	check 'in_place "$s"' "$what: the site is updated in place ($s)"
	clean_build
	check 'same_tree "$tmp/site" "$tmp/clean"' "$what: the output equals a clean build's"
	check 'cmp -s "$tmp/warnings-update" "$tmp/warnings-clean"' \
		"$what: with the same warnings as a clean build"
	check '[ "$before" = "$(stat -c "%i %Y" "$tmp/site/$far")" ]' \
		"$what: a page that shows nothing of it is left as it was ($far)"
	s=$(build "$tmp/site")
	check 'up_to_date "$s"' "$what: then up to date again"
}
what="an article's text edited"
printf '\nA paragraph added later.\n' >>"$tmp/in/src/overview.md"
updates
what="an article's text edited again, a word changed"
sed -i 's/A paragraph added later/A sentence added later, and a word or two more/' "$tmp/in/src/overview.md"
state "$tmp/site/search/w" | sort >"$tmp/chunks-before"
updates
# The chunks of words are bounded and named by their words: only those of
# the two words changed are written again, the others are left as they were.
state "$tmp/site/search/w" | sort >"$tmp/chunks-after"
kept=$(comm -12 "$tmp/chunks-before" "$tmp/chunks-after" | wc -l)
all=$(wc -l <"$tmp/chunks-after")
check '[ "$all" -ge 4 ] && [ $((all - kept)) -ge 1 ] && [ $((all - kept)) -le 2 ]' \
	"$what: one or two of the $all chunks of words written again ($((all - kept)))"
# An update neither encodes nor reads a chunk of words none of whose
# entries changed (the last build's layout of the chunks is kept beside the
# record): such a chunk, altered in place with its size and date kept,
# stays as it was altered.
what="a word changed again, a chunk of words altered in place"
sed -i 's/a word or two more/a word or three more/' "$tmp/in/src/overview.md"
clean_build
victim=
for f in "$tmp/site/search/w/"*.js; do
	if cmp -s "$f" "$tmp/clean/search/w/${f##*/}"; then victim=$f; break; fi
done
check '[ -n "$victim" ]' "$what: a chunk the edit does not change (${victim##*/})"
cp -p "$victim" "$tmp/victim"
printf 'XXXX' | dd of="$victim" bs=1 conv=notrunc 2>/dev/null
touch -r "$tmp/victim" "$victim"
s=$(build "$tmp/site")
check 'in_place "$s"' "$what: the site is updated in place ($s)"
check '[ "$(head -c 4 "$victim")" = XXXX ]' "$what: that chunk is neither read nor written"
printf 'WQ_S' | dd of="$victim" bs=1 conv=notrunc 2>/dev/null
touch -r "$tmp/victim" "$victim"
check 'same_tree "$tmp/site" "$tmp/clean"' "$what: the rest equals a clean build's"
what="two articles' texts edited"
printf '\nOne more paragraph.\n' >>"$tmp/in/src/overview.md"
other=$(find "$tmp/in/src" -mindepth 2 -name '*.md' ! -name '_index.md' ! -path '*/includes/*' | sort | head -n 1)
printf '\nAnd another one, with a [link](#).\n' >>"$other"
updates
what="a heading added to an article (its table of contents changes)"
printf '\n## A new heading\n\nText.\n' >>"$tmp/in/src/overview.md"
rebuilds
what="an article's title changed"
sed -i '0,/^title:.*/s//title: عنوان آخر/' "$tmp/in/src/overview.md"
rebuilds
what="an article's text edited after the full build that a title made"
printf '\nA paragraph after the new title.\n' >>"$tmp/in/src/overview.md"
updates
# The words and postings kept for the next update, damaged where they lie
# (their size and dates as they were): the update collects every word again.
vocab="$tmp/.site.cache.vocab"
check '[ -s "$vocab" ]' "the words and postings are kept beside the record"
what="an article's text edited, the words kept damaged"
printf '\nOne paragraph more.\n' >>"$tmp/in/src/overview.md"
cp -p "$vocab" "$tmp/vocab-dates"
printf '\377\377\377' | dd of="$vocab" bs=1 seek=4 conv=notrunc 2>/dev/null
touch -r "$tmp/vocab-dates" "$vocab"
updates
# Damaged among the postings, where they still read as postings: the
# weights of a word two pages hold, one of which is edited next (the
# other's posting is then copied into a chunk written again).  The hash
# the file ends with tells.
printf '\nZanzibar.\n' >>"$tmp/in/src/overview.md"
printf '\nZanzibar.\n' >>"$tmp/in/src/finance/tax-setup.md"
build "$tmp/site" >/dev/null
what="a word in two pages, its postings kept damaged, one page edited"
printf '\nZanzibar, zanzibar.\n' >>"$tmp/in/src/overview.md"
cp -p "$vocab" "$tmp/vocab-dates"
at=$(grep -abo 'zanzibar' "$vocab" | head -n 1 | cut -d: -f1)
check '[ -n "$at" ]' "$what: the word is among the words kept"
# Past the word (8 bytes) and its postings' length (8): gap, weight, gap, weight.
at=$((${at:-0} + 8 + 8))
printf '\011' | dd of="$vocab" bs=1 seek=$((at + 1)) conv=notrunc 2>/dev/null
printf '\011' | dd of="$vocab" bs=1 seek=$((at + 3)) conv=notrunc 2>/dev/null
touch -r "$tmp/vocab-dates" "$vocab"
updates
# The documents' records: an update adds those of the documents it wrote
# and a new table at the end of the file, the others staying where they
# are (the same file, grown).
docs="$tmp/.site.cache.docs"
what="an article's text edited, the records added to"
before_docs=$(stat -c '%i %s' "$docs")
printf '\nAnd one more.\n' >>"$tmp/in/src/overview.md"
updates
after_docs=$(stat -c '%i %s' "$docs")
check '[ "${before_docs% *}" = "${after_docs% *}" ] && [ "${after_docs#* }" -gt "${before_docs#* }" ]' \
	"$what: the same file, grown ($before_docs, then $after_docs)"
# Their table damaged where it lies (the size and dates as they were): a
# full build, equal to a clean one.
what="the records' table damaged"
printf '\nAnd one more again.\n' >>"$tmp/in/src/overview.md"
cp -p "$docs" "$tmp/docs-dates"
size=$(stat -c %s "$docs")
printf '\377\377\377\377' | dd of="$docs" bs=1 seek=$((size - 4)) conv=notrunc 2>/dev/null
touch -r "$tmp/docs-dates" "$docs"
rebuilds
what="an included file edited"
inc=$(find "$tmp/in/src/includes" -type f | head -n 1)
printf '\nOne more line.\n' >>"$inc"
rebuilds
what="an image replaced"
img=$(find "$tmp/in/src" -name '*.png' | head -n 1)
printf 'x' >>"$img"
rebuilds
what="the configuration edited"
printf '\n# a comment\n' >>"$tmp/in/warraq.yml"
rebuilds
what="a layout of the site's own added"
mkdir -p "$tmp/in/layouts"
cp "$root/themes/default/layouts/404.mustache" "$tmp/in/layouts/404.mustache"
printf '<!-- the site s own -->\n' >>"$tmp/in/layouts/404.mustache"
rebuilds
what="a file added to the sources"
printf -- '---\ntitle: صفحة جديدة\n---\n\nنص جديد.\n' >"$tmp/in/src/new-page.md"
rebuilds
what="a file removed from the sources"
rm "$tmp/in/src/new-page.md"
rebuilds
what="another option (--drafts)"
rebuilds --drafts

# A file touched but not changed: the date of a document without one is its
# file's (sitemap, feed), so it counts, unless SOURCE_DATE_EPOCH is set.
build "$tmp/site" >/dev/null
touch "$tmp/in/src/overview.md"
s=$(build "$tmp/site")
check '! up_to_date "$s"' "a source touched: a full build"
export SOURCE_DATE_EPOCH=1700000000
s=$(build "$tmp/site")
check '! up_to_date "$s"' "SOURCE_DATE_EPOCH set: a full build"
touch "$tmp/in/src/overview.md"
s=$(build "$tmp/site")
check 'up_to_date "$s"' "with SOURCE_DATE_EPOCH, a source touched but not changed is not a change"
unset SOURCE_DATE_EPOCH
build "$tmp/site" >/dev/null

# The output changed by hand: a full build puts it right.
clean_build
rm "$tmp/site/404.html"
s=$(build "$tmp/site")
check '! up_to_date "$s" && same_tree "$tmp/site" "$tmp/clean"' "a file removed from the output is written again"
echo foreign >"$tmp/site/foreign.txt"
s=$(build "$tmp/site")
check '! up_to_date "$s" && same_tree "$tmp/site" "$tmp/clean"' "a file added to the output is removed"
printf 'x' >>"$tmp/site/index.html"
s=$(build "$tmp/site")
check '! up_to_date "$s" && same_tree "$tmp/site" "$tmp/clean"' "a page changed in the output is written again"
# Deeper in the output folder: the output is checked by what the record
# names (each file and folder stat'ed), not by reading its folders.
nested=$(cd "$tmp/site" && find . -mindepth 2 -name index.html | sort | head -n 1)
echo foreign >"$(dirname "$tmp/site/$nested")/foreign.txt"
s=$(build "$tmp/site")
check '! up_to_date "$s" && same_tree "$tmp/site" "$tmp/clean"' "a file added to a folder of the output is removed ($nested)"
mkdir -p "$tmp/site/search/extra/deeper"
s=$(build "$tmp/site")
check '! up_to_date "$s" && same_tree "$tmp/site" "$tmp/clean"' "a folder added to the output is removed"
printf '<' | dd of="$tmp/site/$nested" bs=1 count=1 conv=notrunc 2>/dev/null
s=$(build "$tmp/site")
check '! up_to_date "$s" && same_tree "$tmp/site" "$tmp/clean"' "a page in a folder changed in place, its size kept, is written again"
# The record's output is checked in slices side by side: a change in its
# last file (the last name of the last folder, all the way down) counts.
last=$tmp/site
while [ -d "$last" ] && n=$(ls -A "$last" | LC_ALL=C sort | tail -n 1) && [ -n "$n" ]; do
	last=$last/$n
done
case $(head -c 1 "$last") in "<") byte=" " ;; *) byte="<" ;; esac
printf '%s' "$byte" | dd of="$last" bs=1 count=1 conv=notrunc 2>/dev/null
s=$(build "$tmp/site")
check '! up_to_date "$s" && same_tree "$tmp/site" "$tmp/clean"' \
	"the last file the record names, changed in place, its size kept, is written again (${last#"$tmp/site/"})"
rm "$tmp/site/$nested"
s=$(build "$tmp/site")
check '! up_to_date "$s" && same_tree "$tmp/site" "$tmp/clean"' "a page removed from a folder is written again"
s=$(build "$tmp/site")
check 'up_to_date "$s"' "then up to date again"

# A damaged or foreign record is no record.
head -c 100 "$tmp/.site.cache" >"$tmp/cut" && mv "$tmp/cut" "$tmp/.site.cache"
s=$(build "$tmp/site")
check '! up_to_date "$s" && same_tree "$tmp/site" "$tmp/clean"' "a damaged record: a full build"
python3 - "$tmp/.site.cache" <<'PY'
import sys
p = sys.argv[1]
b = bytearray(open(p, 'rb').read())
b[len(b) // 2] ^= 0x55
open(p, 'wb').write(bytes(b))
PY
s=$(build "$tmp/site")
check '! up_to_date "$s"' "a record with a changed byte: a full build"

# --no-cache: a full build, and no record written.
rm -f "$tmp/.site.cache" "$tmp/.site.cache.docs" "$tmp/.site.cache.words" "$tmp/.site.cache.vocab"
s=$(build "$tmp/site" --no-cache)
check '! up_to_date "$s" && ! in_place "$s" && [ ! -e "$tmp/.site.cache" ] &&
       same_tree "$tmp/site" "$tmp/clean"' "--no-cache: a full build, and no record"
build "$tmp/site" >/dev/null
s=$(build "$tmp/site" --no-cache)
check '! up_to_date "$s"' "--no-cache: a full build even with a record"

# A check neither reads nor writes the record; a failed build leaves it.
rm "$tmp/.site.cache"
$wrap "$warraq" check --source "$tmp/in/src" --config "$tmp/in/warraq.yml" --output "$tmp/site" \
	>/dev/null 2>&1
check '[ ! -e "$tmp/.site.cache" ]' "a check writes no record"
build "$tmp/site" >/dev/null
printf -- '---\ntitle: [unclosed\n---\n' >"$tmp/in/src/broken.md"
build "$tmp/site" >/dev/null || true
rm "$tmp/in/src/broken.md"
s=$(build "$tmp/site")
check 'up_to_date "$s" && same_tree "$tmp/site" "$tmp/clean"' \
	"a failed build leaves the output and its record as they were"

# A site without a book: an update cuts no fonts (the site's characters
# are the last build's), leaves the fonts' files as they were, and equals
# a clean build.
sed '/^epub:/,$d' "$tmp/in/warraq.yml" >"$tmp/in/nobook.yml"
echo 'epub: false' >>"$tmp/in/nobook.yml"
cfg=$tmp/in/nobook.yml
build "$tmp/nobook" >/dev/null
(cd "$tmp/nobook/assets/fonts" && find . -type f -printf '%i %T@ %P\n' | sort) >"$tmp/fonts-before"
printf '\nA paragraph for a site without a book.\n' >>"$tmp/in/src/overview.md"
s=$(build "$tmp/nobook")
(cd "$tmp/nobook/assets/fonts" && find . -type f -printf '%i %T@ %P\n' | sort) >"$tmp/fonts-after"
rm -rf "$tmp/nobook-clean"
build "$tmp/nobook-clean" --no-cache >/dev/null
check 'in_place "$s" && same_tree "$tmp/nobook" "$tmp/nobook-clean" &&
       [ -s "$tmp/fonts-before" ] && cmp -s "$tmp/fonts-before" "$tmp/fonts-after"' \
	"a site without a book: updated in place, its fonts left as they were, equal to a clean build ($s)"
exit $fail
