#!/bin/sh
# epub.epubcheck.<book>: EPUBCheck (Debian's epubcheck 4.2.6, run as
# `java -jar /usr/share/java/epubcheck.jar BOOK.epub`) reports
# 0 fatals, 0 errors and 0 warnings on the book warraq writes.
#   usage: epub-epubcheck.sh WARRAQ SRCDIR      exit 0 pass, 1 fail, 77 skipped
# The JVM runs with -XX:TieredStopAtLevel=1 -XX:+UseSerialGC (EPUBCheck is
# short-lived: this cuts its run from about 15 s to 5 s of a busy machine's
# time and changes nothing it reports); EPUBCHECK_JAVA_OPTS replaces those
# options. EPUBCHECK_JAR overrides the jar; WQ_VALIDATE_SOURCE / WQ_VALIDATE_CONFIG
# select the book (see common.sh), WQ_VALIDATE_EPUB checks a given file.
#
# Passing means: exit status 0, a summary line
# "Messages: 0 fatals / 0 errors / 0 warnings / N infos", and no line that
# starts with FATAL, ERROR or WARNING. INFO and USAGE lines are allowed.
set -eu
# shellcheck source=tests/validate/common.sh
. "$(dirname -- "$0")/common.sh"
# shellcheck source=tests/validate/epub-common.sh
. "$(dirname -- "$0")/epub-common.sh"

jar=${EPUBCHECK_JAR:-/usr/share/java/epubcheck.jar}
command -v java >/dev/null 2>&1 ||
	skip "no java on PATH (apt-get install default-jre-headless)"
[ -f "$jar" ] || skip "no $jar (apt-get install epubcheck)"

build_epub
rc=0
# shellcheck disable=SC2086 # one option per word
java ${EPUBCHECK_JAVA_OPTS--XX:TieredStopAtLevel=1 -XX:+UseSerialGC} \
	-jar "$jar" "$epub" >"$tmp/epubcheck.log" 2>&1 || rc=$?

summary=$(grep -E '^Messages: [0-9]+ fatals? / [0-9]+ errors? / [0-9]+ warnings?' "$tmp/epubcheck.log" || true)
fail=0
if [ -z "$summary" ]; then
	echo "FAIL: epubcheck printed no summary line (exit $rc)" >&2
	fail=1
elif ! printf '%s\n' "$summary" | grep -Eq '^Messages: 0 fatals / 0 errors / 0 warnings'; then
	echo "FAIL: epubcheck on $book: $summary" >&2
	fail=1
fi
if grep -Eq '^(FATAL|ERROR|WARNING)' "$tmp/epubcheck.log"; then
	fail=1
fi
if [ "$rc" -ne 0 ]; then
	echo "FAIL: epubcheck exited $rc" >&2
	fail=1
fi
if [ "$fail" -ne 0 ]; then
	# Paths inside the temporary folder mean nothing once it is gone.
	sed "s|$tmp/site/||g" "$tmp/epubcheck.log" >&2
	exit 1
fi
grep -E '^Validating using' "$tmp/epubcheck.log" || true
echo "ok: epubcheck on $book ($(basename -- "$epub")): $summary"
