#!/bin/sh
# Build the libFuzzer targets with clang and run each for a while.
#   sh scripts/fuzz.sh [SECONDS] [TARGET...]
# SECONDS: how long each target runs (default 60); TARGET: markdown,
# mustache, config, toc (default: all four, one after the other).
# Environment: WQ_FUZZ_TIMEOUT, seconds one input may take before it counts
# as a hang (default 10); WQ_FUZZ_ARGS, more libFuzzer options.
#
# Installs clang and its libFuzzer/sanitizer runtimes (Debian 12:
# clang, libclang-rt-14-dev) and the build dependencies when missing,
# builds into build-fuzz/, and runs each target on a copy of its seed
# corpus (build-fuzz/corpus/<target>/; tests/fuzz/corpus/ is never
# written).  The fuzzer's log goes to build-fuzz/logs/<target>.log.
# A crash, leak, sanitizer finding or hang stops the run and exits 1; the
# input is saved as build-fuzz/artifacts/<target>/crash-* (or leak-*,
# timeout-*) and printed in base64 so that a CI log is enough to replay it:
#   build-fuzz/tests/fuzz/fuzz_<target> FILE          (reproduce)
#   build-fuzz/tests/fuzz/fuzz_<target> -minimize_crash=1 -runs=10000 FILE
set -eu

root=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
cd "$root"
# shellcheck source=scripts/deps.sh
. "$root/scripts/deps.sh"

seconds=${1:-60}
[ $# -gt 0 ] && shift
targets=${*:-markdown mustache config toc}
timeout=${WQ_FUZZ_TIMEOUT:-10}
case $seconds in
'' | *[!0-9]*)
	echo "usage: $0 [SECONDS] [TARGET...]" >&2
	exit 2
	;;
esac

# shellcheck disable=SC2086 # one package per word
wq_apt_install $WQ_BUILD_DEPS clang libclang-rt-14-dev

mkdir -p build-fuzz
cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	-DWQ_FUZZ=ON >build-fuzz/configure.log 2>&1 || {
	cat build-fuzz/configure.log >&2
	exit 1
}
fuzzers=
for t in $targets; do
	fuzzers="$fuzzers fuzz_$t"
done
# shellcheck disable=SC2086 # one target per word
cmake --build build-fuzz -j2 --target $fuzzers

# Sanitizer settings for the fuzz run: stop at the first finding, with
# symbolised stacks.
ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:symbolize=1}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export ASAN_OPTIONS UBSAN_OPTIONS

status=0
for t in $targets; do
	bin=build-fuzz/tests/fuzz/fuzz_$t
	work=build-fuzz/corpus/$t
	art=build-fuzz/artifacts/$t
	log=build-fuzz/logs/$t.log
	mkdir -p "$work" "$art" build-fuzz/logs
	# The committed seeds, copied in (what earlier runs found stays too).
	cp tests/fuzz/corpus/"$t"/* "$work"/
	dict=
	[ -f "tests/fuzz/$t.dict" ] && dict=-dict=tests/fuzz/$t.dict
	echo "fuzz: $t for ${seconds}s ($(find "$work" -type f | wc -l) inputs to start)"
	# shellcheck disable=SC2086 # $dict and WQ_FUZZ_ARGS: zero or more words
	if "$bin" -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$art/" $dict ${WQ_FUZZ_ARGS:-} \
		"$work" >"$log" 2>&1; then
		grep -E '^stat::(number_of_executed_units|peak_rss_mb)|^Done ' "$log" |
			sed "s/^/fuzz: $t: /" || true
	else
		status=1
		echo "fuzz: $t FAILED: the end of $log:" >&2
		tail -n 60 "$log" >&2
		for f in "$art"/*; do
			[ -f "$f" ] || continue
			echo "fuzz: $t: input $f ($(wc -c <"$f") bytes), base64:" >&2
			head -c 65536 "$f" | base64 >&2
		done
	fi
done
exit $status
