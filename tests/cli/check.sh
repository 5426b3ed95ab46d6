#!/bin/sh
# warraq check: exit statuses (0 with warnings, 1 with errors or with
# warnings under --strict, 2 for usage errors), messages as
# `file:line:col: warning: message`, GitHub workflow commands under
# GITHUB_ACTIONS=true (values escaped: %25 %0D %0A, and %3A %2C in
# properties), and nothing written: no output folder, no build folder,
# no work file left in TMPDIR, an existing output folder untouched.
# Also --base-url on build (and its check).
#   usage: check.sh WARRAQ
set -eu
warraq=$1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/warraq-check.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*" >&2; fail=1; }
ok() { echo "ok: $*"; }

cd "$tmp"
mkdir -p src work-tmp
printf -- '---\ntitle: A\n---\n\nSee [b](missing.md).\n' >src/a.md
# A file name with ':' and ',', and '%' in the message.
printf -- '---\ntitle: X\n---\n\nSee [c](100%%25.md).\n' >'src/x:y,z.md'

# Warnings only: exit 0, compiler-style messages, nothing written.
rc=0
TMPDIR=$tmp/work-tmp GITHUB_ACTIONS= "$warraq" check --source src >out.txt 2>err.txt || rc=$?
[ "$rc" -eq 0 ] && ok "warnings only: exit 0" || bad "warnings only: exit $rc, want 0"
grep -qx "src/a.md:5:5: warning: link to 'missing.md': no such file in the source folder" err.txt &&
	ok "file:line:col: warning: message" || { bad "message format:"; cat err.txt >&2; }
grep -qx "warraq: warning: no base_url: sitemap.xml and feed.xml use relative URLs" err.txt &&
	ok "a message without a file: warraq: warning: message" || bad "message without a file"
grep -q '^::' out.txt && bad "workflow commands without GITHUB_ACTIONS=true"
grep -q '^warraq: check passed: 2 documents' out.txt && ok "summary line" || bad "no summary: $(cat out.txt)"
if [ -e site ] || ls -a | grep -q '^\.site'; then
	bad "check wrote an output or build folder: $(ls -a)"
else
	ok "no output folder, no build folder"
fi
[ -z "$(ls -A work-tmp)" ] && ok "no work file left in TMPDIR" || bad "left in TMPDIR: $(ls -A work-tmp)"

# GitHub Actions: annotations on stdout, escaped.
rc=0
GITHUB_ACTIONS=true "$warraq" check --source src >out.txt 2>err.txt || rc=$?
[ "$rc" -eq 0 ] || bad "GITHUB_ACTIONS=true: exit $rc"
grep -qx "::warning file=src/a.md,line=5,col=5::link to 'missing.md': no such file in the source folder" out.txt &&
	ok "::warning file=F,line=L,col=C::MESSAGE" || { bad "annotation:"; cat out.txt >&2; }
grep -qx "::warning file=src/x%3Ay%2Cz.md,line=5,col=5::link to '100%2525.md': no such file in the source folder" out.txt &&
	ok "annotation values escaped (%3A %2C in properties, %25 in the message)" ||
	{ bad "escaping:"; cat out.txt >&2; }
grep -qx "::warning::no base_url: sitemap.xml and feed.xml use relative URLs" out.txt &&
	ok "annotation without a file" || bad "annotation without a file"
grep -q "^src/a.md:5:5: warning:" err.txt || bad "GITHUB_ACTIONS=true: the plain messages are still wanted"

# --strict: warnings are errors, exit 1.
rc=0
"$warraq" check --source src --strict >out.txt 2>err.txt || rc=$?
[ "$rc" -eq 1 ] && ok "--strict with warnings: exit 1" || bad "--strict: exit $rc, want 1"
grep -q "^src/a.md:5:5: error: link to 'missing.md'" err.txt || bad "--strict: no error line"
grep -q "^warraq: check failed: " err.txt || bad "--strict: no 'check failed' line"

# An error: exit 1, an error line; an existing site left byte for byte.
mkdir site
printf 'old\n' >site/index.html
printf -- '---\ntitle: [unclosed\n---\n\nText.\n' >src/broken.md
rc=0
GITHUB_ACTIONS=true "$warraq" check --source src >out.txt 2>err.txt || rc=$?
[ "$rc" -eq 1 ] && ok "an error: exit 1" || bad "an error: exit $rc, want 1"
grep -q '^src/broken.md:[0-9]*:[0-9]*: error: ' err.txt && ok "file:line:col: error: message" ||
	{ bad "error line:"; cat err.txt >&2; }
grep -q '^::error file=src/broken.md,line=[0-9]*,col=[0-9]*::' out.txt && ok "::error annotation" ||
	{ bad "::error annotation:"; cat out.txt >&2; }
[ "$(cat site/index.html)" = old ] && [ "$(ls -A site)" = index.html ] &&
	ok "the existing output folder is untouched" || bad "the output folder changed"
rm src/broken.md

# Usage errors: exit 2.
rc=0
"$warraq" check --source src --base-url ftp://example.org/ >/dev/null 2>err.txt || rc=$?
[ "$rc" -eq 2 ] && grep -q -- '--base-url' err.txt && ok "a bad --base-url: exit 2" ||
	bad "bad --base-url: exit $rc"
rc=0
"$warraq" check --nosuch >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] && ok "an unknown option: exit 2" || bad "unknown option: exit $rc"

# --base-url overrides base_url (and a slash is added).
printf 'base_url: https://wrong.example/\n' >warraq.yml
"$warraq" build --source src --base-url https://example.org/sub --quiet 2>/dev/null ||
	bad "build with --base-url failed"
grep -q '<link rel="canonical" href="https://example.org/sub/a/">' site/a/index.html &&
	ok "--base-url: canonical links from it" || bad "--base-url not used: $(grep canonical site/a/index.html)"
grep -q 'https://example.org/sub/a/' site/sitemap.xml && ok "--base-url: the sitemap" ||
	bad "--base-url not in the sitemap"
grep -q 'wrong.example' site/a/index.html site/sitemap.xml site/feed.xml && bad "the configuration's base_url is still used"
exit "$fail"
