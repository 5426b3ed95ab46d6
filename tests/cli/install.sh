#!/bin/sh
# cmake --install: the program (bin/warraq), the themes
# (share/warraq/themes/) and the manual page (share/man/man1/warraq.1)
# land under a temporary prefix; the installed program, run from another
# folder with no themes/ beside its configuration, builds a site with the
# installed theme (a mark put into the installed style sheet shows up in
# the site), and a project's own themes/<name> still wins over it.
#   usage: install.sh CMAKE BUILD_DIR
set -eu
cmake=$1
build=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/warraq-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*" >&2; fail=1; }
ok() { echo "ok: $*"; }

prefix=$tmp/prefix
"$cmake" --install "$build" --prefix "$prefix" >"$tmp/install.log" 2>&1 ||
	{ bad "cmake --install failed:"; cat "$tmp/install.log" >&2; exit 1; }
for f in bin/warraq share/warraq/themes/default/layouts/baseof.mustache \
	share/warraq/themes/default/assets/style.css share/man/man1/warraq.1; do
	[ -f "$prefix/$f" ] || bad "not installed: $f"
done
[ -x "$prefix/bin/warraq" ] && ok "installed: bin/warraq, share/warraq/themes, share/man/man1/warraq.1"

# The installed theme, marked, so that the site shows which theme it used.
printf '\n/* installed-theme-mark */\n' >>"$prefix/share/warraq/themes/default/assets/style.css"

mkdir -p "$tmp/project/src"
printf -- '---\ntitle: مرحبا\n---\n\nنص قصير.\n' >"$tmp/project/src/a.md"
printf 'title: موقع\nlang: ar\n' >"$tmp/project/warraq.yml"
cd "$tmp/project"
if "$prefix/bin/warraq" build --source src --quiet >"$tmp/build.log" 2>&1; then
	ok "the installed warraq builds a site from a folder without themes/"
else
	bad "the installed warraq failed:"
	cat "$tmp/build.log" >&2
fi
grep -q 'installed-theme-mark' site/assets/style.css 2>/dev/null &&
	ok "the installed theme was used" || bad "the installed theme was not used"
[ -f site/a/index.html ] && grep -q '<html lang="ar" dir="rtl">' site/a/index.html &&
	ok "the article's page" || bad "no article page"

# The installed tree moved elsewhere still finds its themes (they are found
# from where the program is).
mv "$prefix" "$tmp/moved"
rm -rf site
"$tmp/moved/bin/warraq" build --source src --quiet >"$tmp/build.log" 2>&1 &&
	grep -q 'installed-theme-mark' site/assets/style.css &&
	ok "a moved install finds its themes" || { bad "a moved install:"; cat "$tmp/build.log" >&2; }

# A project's own theme wins.
mkdir -p themes
cp -R "$tmp/moved/share/warraq/themes/default" themes/default
printf '\n/* project-theme-mark */\n' >>themes/default/assets/style.css
"$tmp/moved/bin/warraq" build --source src --quiet >/dev/null 2>&1 &&
	grep -q 'project-theme-mark' site/assets/style.css &&
	ok "themes/<name> beside the configuration wins" || bad "the project's theme was not used"

# The manual page is readable by man.
if command -v man >/dev/null 2>&1; then
	MANWIDTH=80 man -l "$tmp/moved/share/man/man1/warraq.1" 2>/dev/null | grep -q 'warraq check' &&
		ok "man -l warraq.1" || bad "man cannot read the installed page"
fi
exit "$fail"
