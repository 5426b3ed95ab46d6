#!/bin/sh
# Build warraq and run the whole test suite (what CI runs: .ci/run).
#   sh scripts/test.sh
# Installs missing build and test dependencies (Debian 12 apt-get; the Nu
# Html Checker from npm into tests/tools/), builds build/, runs ctest and
# exits with its status. The suite runs twice: in a sanitizer build, then in
# the release build.
set -eu

root=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
cd "$root"
# shellcheck source=scripts/deps.sh
. "$root/scripts/deps.sh"

# Debian packages: the build dependencies, doxygen (API docs test) and
# xmllint (sitemap/feed test).
test_deps="$WQ_BUILD_DEPS doxygen libxml2-utils"
# A Java runtime for the Nu Html Checker, unless one is already on PATH.
if ! command -v java >/dev/null 2>&1; then
	# openjdk's postinst links man pages and fails when this directory is
	# missing (as on slim images).
	if [ "$(id -u)" -eq 0 ]; then mkdir -p /usr/share/man/man1; fi
	test_deps="$test_deps default-jre-headless"
fi
command -v node >/dev/null 2>&1 || test_deps="$test_deps nodejs"
command -v npm >/dev/null 2>&1 || test_deps="$test_deps npm"
# shellcheck disable=SC2086 # one package per word
wq_apt_install $test_deps

# The Nu Html Checker (vnu.jar), pinned in tests/tools/package-lock.json.
# --ignore-scripts: its postinstall would try to download a Java runtime;
# the tests run the jar with the system java.
if [ ! -f tests/tools/node_modules/vnu-jar/build/dist/vnu.jar ]; then
	npm ci --prefix tests/tools --ignore-scripts --no-audit --no-fund
fi

# The whole suite once under AddressSanitizer and UndefinedBehaviorSanitizer
# (any finding aborts the test that hit it)...
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DWQ_SANITIZE=ON
cmake --build build-asan -j2
ctest --test-dir build-asan --output-on-failure

# ...then in the release build.
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j2

# Last, so that ctest's summary is the last thing printed.
exec ctest --test-dir build --output-on-failure
