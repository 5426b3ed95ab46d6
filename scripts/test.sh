#!/bin/sh
# Build warraq and run the whole test suite (what CI runs: .ci/run).
#   sh scripts/test.sh
# Installs missing build and test dependencies (Debian 12 apt-get; the
# validators from npm into tests/tools/), builds build/, runs ctest and
# exits with its status. Order: static analysis (clang-tidy, cppcheck), the
# suite in an ASan+UBSan build, its memory-checked part under valgrind, and
# the suite in the release build (whose ctest summary ends the output).
set -eu

root=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
cd "$root"
# shellcheck source=scripts/deps.sh
. "$root/scripts/deps.sh"

# Debian packages: the build dependencies, doxygen (API docs test),
# xmllint (sitemap/feed test), and for the EPUB tests: EPUBCheck (run as
# java -jar /usr/share/java/epubcheck.jar), Chromium (Ace by DAISY and the
# epub.js rendering test drive /usr/bin/chromium headless), Noto fonts
# (Arabic glyphs in the screenshots) and python3 (the container check).
# The quality gates: clang-tidy and cppcheck (scripts/lint.sh), valgrind
# (scripts/valgrind.sh).
test_deps="$WQ_BUILD_DEPS doxygen libxml2-utils epubcheck chromium
fonts-noto-core python3 clang clang-tidy cppcheck valgrind"
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

# The validators from npm, pinned in tests/tools/package-lock.json: the Nu
# Html Checker (vnu-jar), Ace by DAISY (@daisy/ace-cli), epubcheck-ts,
# epubjs and playwright-core. Installed again whenever one of them is
# missing or not at the version package.json pins.
# --ignore-scripts and PUPPETEER_SKIP_DOWNLOAD=1: no postinstall may
# download a Java runtime (vnu-jar) or a browser (puppeteer, under Ace); the
# tests use the system java and Debian's chromium.
if ! node -e '
	const fs = require("fs");
	const deps = require("./tests/tools/package.json").dependencies;
	for (const [name, version] of Object.entries(deps)) {
		const p = "tests/tools/node_modules/" + name + "/package.json";
		if (!fs.existsSync(p) || JSON.parse(fs.readFileSync(p, "utf8")).version !== version)
			process.exit(1);
	}' 2>/dev/null || [ ! -f tests/tools/node_modules/vnu-jar/build/dist/vnu.jar ]; then
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --prefix tests/tools --ignore-scripts \
		--no-audit --no-fund
fi

# Static analysis of src/: any clang-tidy or cppcheck finding not answered
# in the code stops here.
sh scripts/lint.sh

# The whole suite once under AddressSanitizer and UndefinedBehaviorSanitizer
# (any finding aborts the test that hit it)...
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DWQ_SANITIZE=ON
cmake --build build-asan -j2
ctest --test-dir build-asan --output-on-failure -j2

# ...then its memory-checked part under valgrind: unit tests, Mustache
# spec, fuzz replays, whole builds, every golden and bad-input case (any
# memory error or definite/indirect leak fails)...
sh scripts/valgrind.sh

# ...then in the release build.
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j2

# Last, so that ctest's summary is the last thing printed.
exec ctest --test-dir build --output-on-failure -j2
