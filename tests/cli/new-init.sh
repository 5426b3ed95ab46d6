#!/bin/sh
# warraq init and warraq new: a project made by init builds at once (and
# checks clean but for the missing base_url), its workflow and
# configuration are there; new writes articles with their front matter,
# named as the build names them (Unicode, or ASCII under slugs: ascii),
# never overwrites a file, refuses a section outside the source folder,
# and the articles it writes are published.
#   usage: new-init.sh WARRAQ
set -eu
warraq=$1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/warraq-new.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*" >&2; fail=1; }
ok() { echo "ok: $*"; }
today=$(date -u +%Y-%m-%d)

cd "$tmp"
# ---- init
"$warraq" init proj >init.txt 2>&1 || { bad "init failed:"; cat init.txt >&2; }
for f in warraq.yml .gitignore .github/workflows/pages.yml "seeds/مرحبا.md"; do
	[ -f "proj/$f" ] || bad "init wrote no $f"
done
grep -q '^lang: ar$' proj/warraq.yml && grep -q '^# base_url: ' proj/warraq.yml &&
	ok "warraq.yml: lang ar, base_url in a comment" || bad "warraq.yml: $(cat proj/warraq.yml)"
grep -qx '/site/' proj/.gitignore && grep -qx '/build/' proj/.gitignore &&
	ok ".gitignore: site/ and build/" || bad ".gitignore: $(cat proj/.gitignore)"
for w in 'actions/configure-pages@' 'actions/upload-pages-artifact@' 'actions/deploy-pages@' \
	'actions/upload-artifact@' 'pages: write' 'id-token: write' 'group: pages' \
	'warraq build --base-url "$BASE_URL"' 'steps.pages.outputs.base_url' 'cmake --install'; do
	grep -qF -- "$w" proj/.github/workflows/pages.yml || bad "pages.yml has no '$w'"
done
grep -q "^date: $today\$" "proj/seeds/مرحبا.md" || bad "first article's date is not today"
(cd proj && "$warraq" build) >build.txt 2>&1 && ok "cd DIR && warraq build: builds at once" ||
	{ bad "the new project does not build:"; cat build.txt >&2; }
[ -f "proj/site/مرحبا/index.html" ] && [ -n "$(ls proj/site/*.epub 2>/dev/null)" ] &&
	ok "its site has the first article and the book" || bad "site: $(ls proj/site)"
grep -q '^warning: .*no base_url' build.txt || bad "expected only the base_url warning: $(cat build.txt)"
[ "$(grep -c '^warning' build.txt)" -eq 1 ] || bad "warnings besides base_url: $(cat build.txt)"
(cd proj && "$warraq" check --base-url https://example.org/p/ --strict) >check.txt 2>&1 &&
	ok "and checks clean with --strict given a base URL" || { bad "check:"; cat check.txt >&2; }

# init refuses a folder that is not empty, and a file.
rc=0
"$warraq" init proj >/dev/null 2>err.txt || rc=$?
[ "$rc" -eq 2 ] && grep -q 'not empty' err.txt && ok "init refuses a non-empty folder (exit 2)" ||
	bad "init on a non-empty folder: exit $rc: $(cat err.txt)"
mkdir -p clone/.git
"$warraq" init clone >/dev/null 2>&1 && [ -f clone/warraq.yml ] &&
	ok "init accepts a folder holding only .git" || bad "init refused a folder with only .git"

# ---- new
cd proj
out=$("$warraq" new "التقرير السنوي" --section reports/2024 --lang ar) || bad "new failed"
[ "$out" = "seeds/reports/2024/التقرير-السنوي.md" ] && ok "new prints the path: $out" ||
	bad "new printed '$out'"
[ -f "$out" ] || bad "no $out"
expect=$(printf -- '---\ntitle: "التقرير السنوي"\ndate: %s\nlang: ar\n---\n' "$today")
[ "$(cat "$out")" = "$expect" ] && ok "front matter: title, date (today, UTC), lang" ||
	{ bad "front matter:"; cat "$out" >&2; }
out2=$("$warraq" new 'Say "hi": a test' --lang en-GB) || bad "new (quotes) failed"
[ "$out2" = "seeds/say-hi-a-test.md" ] || bad "slug of an English title: '$out2'"
grep -qx 'title: "Say \\"hi\\": a test"' "$out2" && ok "a title with quotes and ':' is quoted" ||
	{ bad "quoting:"; cat "$out2" >&2; }

# Never overwrite; never leave the source folder.
printf 'mine\n' >"$out"
rc=0
"$warraq" new "التقرير السنوي" --section reports/2024 >/dev/null 2>err.txt || rc=$?
[ "$rc" -eq 1 ] && grep -q 'already exists' err.txt && [ "$(cat "$out")" = mine ] &&
	ok "an existing file is not overwritten (exit 1)" || bad "overwrite: exit $rc: $(cat err.txt)"
for s in ../outside /etc reports/../../x; do
	rc=0
	"$warraq" new "X" --section "$s" >/dev/null 2>err.txt || rc=$?
	[ "$rc" -eq 2 ] || bad "--section $s: exit $rc, want 2 ($(cat err.txt))"
done
[ ! -e ../outside ] && [ ! -e ../x ] && ok "sections outside the source folder refused" ||
	bad "a folder was made outside"
ln -s "$tmp" seeds/link-out
rc=0
"$warraq" new "X" --section link-out >/dev/null 2>err.txt || rc=$?
[ "$rc" -eq 2 ] && [ ! -e "$tmp/x.md" ] && ok "a section linked outside is refused" ||
	bad "--section through a link: exit $rc"
rc=0
"$warraq" new "X" --section link-out/deeper >/dev/null 2>err.txt || rc=$?
[ "$rc" -eq 2 ] && [ ! -e "$tmp/deeper" ] && ok "no folder made through a link outside" ||
	bad "--section through a link, deeper: exit $rc"
rm seeds/link-out
rc=0
"$warraq" new "" >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] || bad "an empty title: exit $rc, want 2"
rc=0
"$warraq" new "T" --lang 'a b' >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] || bad "a bad --lang: exit $rc, want 2"

# The articles new wrote are published where their names say.
"$warraq" build --quiet 2>/dev/null || bad "the project with new articles does not build"
[ -f "site/reports/2024/التقرير-السنوي/index.html" ] && [ -f site/say-hi-a-test/index.html ] &&
	ok "the new articles are published" || bad "new articles not published: $(find site -name index.html)"
grep -q '<html lang="en-GB" dir="ltr">' site/say-hi-a-test/index.html || bad "--lang not used by the build"

# slugs: ascii: the file name transliterated, as the build makes URLs.
printf 'slugs: ascii\n' >>warraq.yml
out=$("$warraq" new "دراسة ميدانية" --source seeds) || bad "new (ascii) failed"
[ "$out" = "seeds/drast-mydanyt.md" ] && ok "slugs: ascii: $out" || bad "ascii slug: '$out'"
"$warraq" build --quiet 2>/dev/null && [ -f site/drast-mydanyt/index.html ] &&
	ok "published at the same name" || bad "ascii article not at site/drast-mydanyt/"
exit "$fail"
