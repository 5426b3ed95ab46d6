#!/bin/sh
# The unit tests, the Mustache spec suite, the fuzz corpus replays and two
# whole site builds (seeds/ and the golden "features" site) under valgrind
# memcheck.
#   sh scripts/valgrind.sh [CTEST-OPTION...]
# Installs what is missing (Debian 12: valgrind and the build dependencies),
# builds build-valgrind/ (Debug, no sanitizers: valgrind and ASan do not
# mix) with -DWQ_VALGRIND=ON and runs the ctest cases labelled valgrind
# (tests/valgrind/CMakeLists.txt).  Each fails on any memory error and on
# any definite or indirect leak:
#   valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect
#            --error-exitcode=1
# Extra arguments go to ctest (e.g. -R build.seeds).
set -eu

root=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
cd "$root"
# shellcheck source=scripts/deps.sh
. "$root/scripts/deps.sh"

# shellcheck disable=SC2086 # one package per word
wq_apt_install $WQ_BUILD_DEPS valgrind

cmake -S . -B build-valgrind -DCMAKE_BUILD_TYPE=Debug -DWQ_SANITIZE=OFF -DWQ_VALGRIND=ON
cmake --build build-valgrind -j2
exec ctest --test-dir build-valgrind -L valgrind --output-on-failure -j2 "$@"
