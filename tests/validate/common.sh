# Shared by the validator tests (POSIX sh, sourced).
#   usage: <test>.sh WARRAQ SRCDIR
# WARRAQ is the warraq binary, SRCDIR the repository root. Sets $root,
# $tmp (removed on exit) and $site, and builds SRCDIR/seeds into $site
# with SRCDIR/warraq.yml (when there is one).

if [ $# -ne 2 ]; then
	echo "usage: $0 WARRAQ SRCDIR" >&2
	exit 2
fi
warraq=$1
root=$(CDPATH='' cd -- "$2" && pwd)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/warraq-validate.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
site=$tmp/site

# build_site: run warraq on the seeds; fail the test with its output if
# it does not succeed.
# WQ_VALIDATE_SOURCE and WQ_VALIDATE_CONFIG (relative to SRCDIR) name
# another site to build.
build_site() {
	set -- build --source "$root/${WQ_VALIDATE_SOURCE:-seeds}" --output "$site" --quiet
	if [ -f "$root/${WQ_VALIDATE_CONFIG:-warraq.yml}" ]; then
		set -- "$@" --config "$root/${WQ_VALIDATE_CONFIG:-warraq.yml}"
	fi
	if ! (cd "$root" && "$warraq" "$@") >"$tmp/build.log" 2>&1; then
		echo "FAIL: warraq $* exited non-zero:" >&2
		cat "$tmp/build.log" >&2
		exit 1
	fi
}

# article_pages: print site/<slug>/index.html for every article page
# (not search/, which is a page of the site but not an article).
article_pages() {
	for p in "$site"/*/index.html; do
		[ -f "$p" ] || continue
		case $p in "$site"/search/index.html) continue ;; esac
		printf '%s\n' "$p"
	done
}
