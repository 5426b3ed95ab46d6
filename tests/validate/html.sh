#!/bin/sh
# validate.html: every HTML page of the seeds site passes the Nu Html
# Checker (vnu.jar, from tests/tools/: npm ci --prefix tests/tools).
#   usage: html.sh WARRAQ SRCDIR      exit 0 pass, 1 fail, 77 skipped
# VNU_JAR overrides the checker's path.
set -eu
# shellcheck source=tests/validate/common.sh
. "$(dirname -- "$0")/common.sh"

jar=${VNU_JAR:-$root/tests/tools/node_modules/vnu-jar/build/dist/vnu.jar}
if ! command -v java >/dev/null 2>&1; then
	echo "skipped: no java on PATH (apt-get install default-jre-headless)"
	exit 77
fi
if [ ! -f "$jar" ]; then
	echo "skipped: no $jar (npm ci --prefix tests/tools --ignore-scripts)"
	exit 77
fi

build_site
n=$(find "$site" -type f -name '*.html' | wc -l)
if [ "$n" -eq 0 ]; then
	echo "FAIL: warraq wrote no *.html file into $site" >&2
	exit 1
fi

# One JVM for all files (find groups them). vnu exits 1 on any error and
# prints the errors, one per line (GNU format), on stderr.
rc=0
find "$site" -type f -name '*.html' -exec \
	java -jar "$jar" --errors-only --format gnu {} + >"$tmp/vnu.log" 2>&1 ||
	rc=$?
if [ "$rc" -ne 0 ] || grep -Eq ' error: |non-document-error| fatal: ' "$tmp/vnu.log"; then
	sed "s|file:$site/||" "$tmp/vnu.log" >&2
	echo "FAIL: the Nu Html Checker found errors (exit $rc) in the pages above" >&2
	exit 1
fi
echo "ok: $n HTML files, no errors"
