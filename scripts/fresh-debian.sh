#!/bin/sh
# The README's two Quick start commands on a fresh, minimal Debian 12, as a
# new user runs them: a root filesystem made with mmdebstrap (variant apt,
# plus git and ca-certificates), this repository cloned into root's home
# folder (mode 0700) inside it, then, as root in a chroot with /proc, /sys
# and /dev mounted and a clean environment:
#   sh scripts/build.sh
#   sh scripts/test.sh
# Prints each command's result (exit status, time, ctest's summary) and
# exits non-zero when either failed.
#   sh scripts/fresh-debian.sh [DIR]
# DIR (default: a new folder under /var/tmp) receives the root filesystem
# and is kept, with each command's log in DIR/root/*.log, for a look
# afterwards; remove it with rm -rf (nothing is mounted there then).
# The clone is of this checkout's HEAD: commit what you want tried.
# Needs root and the network (Debian's packages, the npm registry). Takes
# about half an hour on two cores. Not run by CI.
# The CA certificates this machine adds to Debian's own (the folder
# update-ca-certificates reads, /usr/local/share/ca-certificates) are
# copied into the new root and registered there, so that apt and npm
# inside trust what the host trusts.
set -eu

root=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
# shellcheck source=scripts/deps.sh
. "$root/scripts/deps.sh"

if [ "$(id -u)" -ne 0 ]; then
	echo "error: run as root (mmdebstrap, chroot and mounts need it)" >&2
	exit 1
fi
wq_apt_install mmdebstrap git

dir=${1:-$(mktemp -d /var/tmp/warraq-fresh.XXXXXX)}
if [ -e "$dir" ] && [ -n "$(ls -A "$dir" 2>/dev/null)" ]; then
	echo "error: $dir is not empty" >&2
	exit 1
fi
mkdir -p "$dir"
dir=$(CDPATH='' cd -- "$dir" && pwd)

mounted=
cleanup() {
	for m in $mounted; do umount -l "$dir/$m" 2>/dev/null || true; done
	mounted=
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

echo "== mmdebstrap --variant=apt --include=git,ca-certificates bookworm $dir"
mmdebstrap --variant=apt --include=git,ca-certificates bookworm "$dir" </dev/null

# The host's extra CA certificates.
if [ -d /usr/local/share/ca-certificates ]; then
	mkdir -p "$dir/usr/local/share/ca-certificates"
	cp -R /usr/local/share/ca-certificates/. "$dir/usr/local/share/ca-certificates/"
fi
chroot "$dir" update-ca-certificates >/dev/null
cp /etc/resolv.conf "$dir/etc/resolv.conf" 2>/dev/null || true

# The clone, in a home folder only root may enter.
chmod 0700 "$dir/root"
git clone --quiet --no-hardlinks "$root" "$dir/root/warraq"
echo "== cloned $(git -C "$root" rev-parse --short HEAD) into /root/warraq (home mode $(stat -c %a "$dir/root"))"

for m in proc sys dev; do
	mkdir -p "$dir/$m"
	mount --rbind "/$m" "$dir/$m"
	mounted="$m $mounted"
done

# run NAME COMMAND: run COMMAND in the clone, inside the new root, with a
# clean environment; print its exit status, time and last lines.
status=0
run() {
	name=$1
	shift
	log=$dir/root/$name.log
	start=$(date +%s)
	rc=0
	chroot "$dir" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb \
		PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		sh -c "cd /root/warraq && $*" </dev/null >"$log" 2>&1 || rc=$?
	end=$(date +%s)
	echo "== $*: exit $rc, $((end - start)) s (log: $log)"
	grep -E '^(warraq: |[0-9]+% tests passed|The following tests|	 *[0-9]+ - )|Skipped' "$log" |
		tail -n 25 | sed 's/^/   /'
	[ "$rc" -eq 0 ] || status=1
}
run build sh scripts/build.sh
run test sh scripts/test.sh
echo "== node in the new root: $(chroot "$dir" node --version 2>/dev/null || echo none)"
exit "$status"
