#!/bin/sh
# Search benchmark: warraq's split search index beside Pagefind's, on the
# same documentation-shaped site, served over loopback HTTP, in one run.
#   sh bench/search.sh [N] [QUERY...]      (N articles, default 3000)
# Generates the docs corpus (gen-docs.sh), builds it with warraq (Release
# build in $BENCH_BUILD, as run.sh makes it), indexes the built site with
# Pagefind (npm `pagefind`, installed into $BENCH_TOOLS), then runs
# bench/search.js in Debian's Chromium: median time to the first results,
# bytes received, and the pages found against the pages holding the word.
# Environment: BENCH_BUILD (/tmp/bench-build), BENCH_TOOLS (/tmp/bench-tools),
# BENCH_SEARCH_RUNS (5).
set -eu
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
root=$(dirname -- "$here")
n=${1:-3000}
[ $# -gt 0 ] && shift
build=${BENCH_BUILD:-/tmp/bench-build}
tools=${BENCH_TOOLS:-/tmp/bench-tools}
runs=${BENCH_SEARCH_RUNS:-5}

# shellcheck source=scripts/deps.sh
. "$root/scripts/deps.sh"
# shellcheck disable=SC2086 # one package per word
wq_apt_install $WQ_BUILD_DEPS chromium
command -v node >/dev/null 2>&1 || wq_apt_install nodejs
command -v npm >/dev/null 2>&1 || wq_apt_install npm
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j2 --target warraq >/dev/null
if [ ! -x "$tools/node_modules/.bin/pagefind" ]; then
	mkdir -p "$tools"
	npm install --prefix "$tools" --no-audit --no-fund pagefind@1.6 >/dev/null
fi
if [ ! -d "$root/tests/tools/node_modules/playwright-core" ]; then
	npm ci --prefix "$root/tests/tools" --ignore-scripts --no-audit --no-fund >/dev/null
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/warraq-bench-search.XXXXXX")
trap 'rm -rf "$work"' EXIT
sh "$here/gen-docs.sh" "$n" "$work/corpus" >/dev/null
"$build/warraq" build --source "$work/corpus/warraq/src" \
	--config "$work/corpus/warraq/warraq.yml" --output "$work/site" --quiet
"$tools/node_modules/.bin/pagefind" --site "$work/site" --output-subdir pagefind >/dev/null
echo "$n articles; warraq's search files: $(du -sh "$work/site/search" | cut -f1)," \
	"Pagefind's: $(du -sh "$work/site/pagefind" | cut -f1)"
node "$here/search.js" "$work/site" "$work/corpus/warraq/src" \
	"$root/tests/tools/node_modules/playwright-core" "$@" --runs "$runs"
