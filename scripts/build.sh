#!/bin/sh
# Build warraq and the website from seeds/ into site/.
#   sh scripts/build.sh
# Installs missing build dependencies (Debian 12, apt-get), configures and
# compiles build/, then runs `build/warraq build` from the repository root
# (with --base-url "$WARRAQ_BASE_URL" when that is set).
set -eu

root=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
cd "$root"
# shellcheck source=scripts/deps.sh
. "$root/scripts/deps.sh"

# shellcheck disable=SC2086 # one package per word
wq_apt_install $WQ_BUILD_DEPS

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j2

if [ ! -x build/warraq ]; then
	echo "error: build/warraq was not built (is src/main.c there?)" >&2
	exit 1
fi
# WARRAQ_BASE_URL, when set, is the site's address (--base-url): the
# GitHub Pages workflow passes the one GitHub gives the site.
if [ -n "${WARRAQ_BASE_URL:-}" ]; then
	./build/warraq build --base-url "$WARRAQ_BASE_URL"
else
	./build/warraq build
fi
