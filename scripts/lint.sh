#!/bin/sh
# Static analysis of src/: clang-tidy (checks in .clang-tidy) and cppcheck.
#   sh scripts/lint.sh [FILE.c...]
# Installs what is missing (Debian 12: clang, clang-tidy, cppcheck and the
# build dependencies), configures build-lint/ for compile_commands.json,
# runs both tools on src/*.c (or the files named) and prints every finding
# as `file:line:col: severity: message [check]`.  Exits 1 when there is any
# finding, 0 when there is none.
#
# A finding that is not a bug is answered in the code, next to the line,
# with the reason:
#   clang-tidy: /* NOLINT(check-name): why */ on the line, or
#               /* NOLINTNEXTLINE(check-name): why */ on the line before;
#   cppcheck:   /* cppcheck-suppress checkId ; why */ on the line before.
set -eu

root=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
cd "$root"
# shellcheck source=scripts/deps.sh
. "$root/scripts/deps.sh"

# shellcheck disable=SC2086 # one package per word
wq_apt_install $WQ_BUILD_DEPS clang clang-tidy cppcheck

if [ $# -gt 0 ]; then
	files=$*
else
	files=$(ls src/*.c)
fi

mkdir -p build-lint
cmake -S . -B build-lint -DCMAKE_C_COMPILER=clang -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
	>build-lint/configure.log 2>&1 || {
	cat build-lint/configure.log >&2
	exit 1
}

# clang-tidy, two files at a time; findings only (no statistics lines).
tidy_out=build-lint/clang-tidy.txt
# shellcheck disable=SC2086 # one file per word
printf '%s\n' $files | xargs -P 2 -n 1 clang-tidy -p build-lint --quiet \
	>"$tidy_out" 2>/dev/null || true
tidy=$(grep -E '^[^ ]+:[0-9]+:[0-9]+: (warning|error):' "$tidy_out" |
	sed "s|^$root/||" | sort -t: -k1,1 -k2,2n -k3,3n -u || true)

# cppcheck.  Checks left out, and why:
#   variableScope   declarations at the top of a function are the house
#                   style (as in cmark); narrowing them is not a fix.
#   readdirCalled   readdir_r is deprecated (glibc, POSIX.1-2024); readdir
#                   on a stream only one thread uses is thread-safe.
#   missingIncludeSystem  cppcheck does not need the system headers.
#   unmatchedSuppression  inline answers for a check that is not enabled.
cpp_out=build-lint/cppcheck.txt
# shellcheck disable=SC2086 # one file per word
cppcheck --std=c11 --enable=warning,style,performance,portability --library=posix \
	--inline-suppr --quiet -I src -D__GNUC__ \
	--suppress=variableScope --suppress=readdirCalled \
	--suppress=missingIncludeSystem --suppress=unmatchedSuppression \
	--template='{file}:{line}:{column}: {severity}: {message} [{id}]' \
	$files >"$cpp_out" 2>&1 || true
cpp=$(grep -E '^[^ ]+:[0-9]+:[0-9]+: ' "$cpp_out" | sort -t: -k1,1 -k2,2n -u || true)

n_tidy=0
n_cpp=0
if [ -n "$tidy" ]; then
	n_tidy=$(printf '%s\n' "$tidy" | wc -l)
	printf '%s\n' "$tidy"
fi
if [ -n "$cpp" ]; then
	n_cpp=$(printf '%s\n' "$cpp" | wc -l)
	printf '%s\n' "$cpp"
fi
echo "lint: $n_tidy clang-tidy findings, $n_cpp cppcheck findings (logs: $tidy_out, $cpp_out)"
[ "$n_tidy" -eq 0 ] && [ "$n_cpp" -eq 0 ]
