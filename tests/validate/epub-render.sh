#!/bin/sh
# epub.render: epub.js renders the first chapter of the seeds' book in
# headless Chromium (Debian's chromium, driven by playwright-core); the
# computed direction of the chapter's <body>, inside epub.js's iframe, must
# be rtl, both as displayed and from the chapter's own markup. A screenshot
# is written for a person to look at (its path is printed).
#   usage: epub-render.sh WARRAQ SRCDIR      exit 0 pass, 1 fail, 77 skipped
# WQ_RENDER_SCREENSHOT: where the PNG goes (ctest sets it in the build
# folder; default ./epub-render.png). WQ_RENDER_DIR: the expected
# direction (default rtl).
set -eu
# shellcheck source=tests/validate/common.sh
. "$(dirname -- "$0")/common.sh"
# shellcheck source=tests/validate/epub-common.sh
. "$(dirname -- "$0")/epub-common.sh"

need_node playwright-core epubjs jszip
need_chromium
build_epub
shot=${WQ_RENDER_SCREENSHOT:-$PWD/epub-render.png}
CHROMIUM=$chromium exec node "$root/tests/validate/epub-render.js" \
	"$epub" "$tools" "$shot" "${WQ_RENDER_DIR:-rtl}"
