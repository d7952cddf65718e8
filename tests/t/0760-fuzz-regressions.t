#!/usr/bin/env bash
# Replays every input in tests/data/fuzz-regressions/TARGET/ through the
# fuzz target TARGET built without libFuzzer: no crash, no sanitizer report
# (in make check-asan), no property violation (abort).
. tests/lib/tap.sh
D=tests/data/fuzz-regressions
n=$(find $D -mindepth 2 -type f | wc -l)
[ "$n" -gt 0 ] || skip_all "no regression inputs"
plan "$n"
for f in $(find $D -mindepth 2 -type f | sort); do
	t=$(basename "$(dirname "$f")")
	./tests/fuzzreplay_"$t" "$f" >/dev/null 2>&1
	ok $? "$t: ${f#$D/}"
done
exit $tap_failed
