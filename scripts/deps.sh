# Shared by scripts/build.sh and scripts/test.sh (POSIX sh, sourced).
# Installs the Debian packages that are missing, and only those.

# What building warraq needs (CMakeLists.txt finds the libraries with
# pkg-config and names the same packages when one is missing).
# shellcheck disable=SC2034 # used by the scripts that source this
WQ_BUILD_DEPS="gcc cmake make pkg-config libcmark-gfm-dev
libcmark-gfm-extensions-dev libicu-dev libxml2-dev libzip-dev libyaml-dev
libharfbuzz-dev zlib1g-dev libdeflate-dev libxxhash-dev libmicrohttpd-dev"

# wq_pkg_installed PKG: true when dpkg has PKG fully installed.
wq_pkg_installed() {
	dpkg -s "$1" 2>/dev/null | grep -q '^Status: install ok installed'
}

# wq_apt_install PKG...: apt-get install whichever of PKG... is missing;
# apt-get update runs first, and only when something is missing.
wq_apt_install() {
	if ! command -v dpkg >/dev/null 2>&1; then
		echo "warning: no dpkg here; install these yourself: $*" >&2
		return 0
	fi
	wq_missing=
	for wq_p in "$@"; do
		wq_pkg_installed "$wq_p" || wq_missing="$wq_missing $wq_p"
	done
	[ -n "$wq_missing" ] || return 0
	echo "installing:$wq_missing"
	if [ "$(id -u)" -eq 0 ]; then
		wq_sudo=
	elif command -v sudo >/dev/null 2>&1; then
		wq_sudo=sudo
	else
		echo "error: missing packages:$wq_missing (run as root or install them)" >&2
		return 1
	fi
	# shellcheck disable=SC2086 # word splitting is intended
	$wq_sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
	# shellcheck disable=SC2086
	$wq_sudo env DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -q --no-install-recommends $wq_missing
}
