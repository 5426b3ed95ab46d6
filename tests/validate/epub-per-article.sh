#!/bin/sh
# epub.per-article.<book>: with `epub.per_article: true`, every article gets
# its own book in the folder of its page, linked from the page
# (page.book_url), beside the whole book; EPUBCheck (as epub-epubcheck.sh
# runs it) reports 0 fatals, 0 errors and 0 warnings on each.
#   usage: epub-per-article.sh WARRAQ SRCDIR      exit 0 pass, 1 fail, 77 skipped
# WQ_VALIDATE_SOURCE / WQ_VALIDATE_CONFIG select the test book (see
# common.sh); its configuration is copied with per_article set.
set -eu
# shellcheck source=tests/validate/common.sh
. "$(dirname -- "$0")/common.sh"
# shellcheck source=tests/validate/epub-common.sh
. "$(dirname -- "$0")/epub-common.sh"

jar=${EPUBCHECK_JAR:-/usr/share/java/epubcheck.jar}
command -v java >/dev/null 2>&1 ||
	skip "no java on PATH (apt-get install default-jre-headless)"
[ -f "$jar" ] || skip "no $jar (apt-get install epubcheck)"

# A copy of the book (its sources and configuration, so that relative
# paths such as epub.cover still hold), its configuration with
# epub.per_article: true (in its epub: mapping, or a new one).
mkdir -p "$tmp/book"
cp -R "$root/${WQ_VALIDATE_SOURCE:-seeds}" "$tmp/book/src"
cfg_src=$root/${WQ_VALIDATE_CONFIG:-warraq.yml}
cfg_dir=$(dirname -- "$cfg_src")
for f in "$cfg_dir"/*; do
	# Files the configuration may name (a cover), not the sources again.
	[ -f "$f" ] && cp "$f" "$tmp/book/"
done
if grep -q '^epub:[[:space:]]*$' "$cfg_src"; then
	sed 's/^epub:[[:space:]]*$/epub:\n  per_article: true/' "$cfg_src" >"$tmp/book/warraq.yml"
else
	{ cat "$cfg_src"; printf '\nepub:\n  per_article: true\n'; } >"$tmp/book/warraq.yml"
fi
if ! (cd "$tmp/book" && "$warraq" build --source src --output "$site" --quiet) >"$tmp/build.log" 2>&1; then
	echo "FAIL: warraq build with per_article failed:" >&2
	cat "$tmp/build.log" >&2
	exit 1
fi
[ -n "$(find "$site" -maxdepth 1 -name '*.epub')" ] || { echo "FAIL: no whole book beside them" >&2; exit 1; }

fail=0
n=0
for page in $(find "$site" -name index.html); do
	dir=$(dirname -- "$page")
	case $dir in "$site"/search | "$site"/tags | "$site"/tags/*) continue ;; esac
	grep -q '<meta property="og:type" content="article">' "$page" || continue
	href=$(sed -n 's/.*<p class="book-link"><a href="\([^"]*\.epub\)".*/\1/p' "$page" | head -n 1)
	[ -n "$href" ] || continue
	n=$((n + 1))
	f=$dir/$(printf '%s' "$href" | sed 's/%20/ /g')
	if [ ! -f "$f" ]; then
		echo "FAIL: ${page#"$site"/} links to $href, which is not there" >&2
		fail=1
		continue
	fi
	rc=0
	# shellcheck disable=SC2086 # one option per word
	java ${EPUBCHECK_JAVA_OPTS--XX:TieredStopAtLevel=1 -XX:+UseSerialGC} \
		-jar "$jar" "$f" >"$tmp/epubcheck.log" 2>&1 || rc=$?
	if [ "$rc" -ne 0 ] || ! grep -Eq '^Messages: 0 fatals / 0 errors / 0 warnings' "$tmp/epubcheck.log" ||
		grep -Eq '^(FATAL|ERROR|WARNING)' "$tmp/epubcheck.log"; then
		echo "FAIL: epubcheck on ${f#"$site"/}:" >&2
		sed "s|$tmp/site/||g" "$tmp/epubcheck.log" >&2
		fail=1
	fi
done
books=$(find "$site" -mindepth 2 -name '*.epub' | wc -l)
if [ "$n" -eq 0 ]; then
	echo "FAIL: no article page links to its own book" >&2
	fail=1
elif [ "$n" -ne "$books" ]; then
	echo "FAIL: $n article pages link to a book, but there are $books books of one article" >&2
	fail=1
fi
[ "$fail" -eq 0 ] && echo "ok: $n books of one article on $book, each linked from its page, each valid for epubcheck"
exit "$fail"
