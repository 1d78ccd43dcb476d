#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Run every libFuzzer target of a fuzz build for a share of SECONDS.
#
#   tests/fuzz/run.sh BUILD_DIR [SECONDS]
#
# FUZZ_SEED=N fixes libFuzzer's random seed, so a run explores the same
# inputs in the same order on every machine: CI uses it, so that a run
# that passed here passes there for as long as it ran here. Without it
# each run explores anew (what to do locally to find new bugs).
#
# Each target gets SECONDS / number-of-targets seconds (at least 10), seeded
# by tests/fuzz/seeds.sh from the project's own test data alone (tests/data,
# rules/ and the hand-made seeds in tests/fuzz/seeds/<target>/), plus the
# target's past crashes in tests/data/fuzz-regressions/<target>/.
# Fails if any target crashes, leaks, times out or runs out of memory, and
# prints the path of the input that did it.
set -uo pipefail

prog=fuzz
usage="$0 BUILD_DIR [SECONDS]"
. "$(dirname "$0")/lib.sh"
total=${2:-${FUZZ_SECONDS:-60}}
case $total in
'' | *[!0-9]*) die "bad SECONDS '$total'" ;;
esac
seed_opt=()
case ${FUZZ_SEED:-} in
'') ;;
*[!0-9]*) die "bad FUZZ_SEED '$FUZZ_SEED'" ;;
*) seed_opt=(-seed="$FUZZ_SEED") ;;
esac
data=$src/tests/data

targets=()
for t in mbox msg diff trailer mail series json rules render; do
	[ -x "$build/tests/fuzz/fuzz_$t" ] ||
		die "'$build/tests/fuzz/fuzz_$t' is missing (build with -DPRV_FUZZ=ON)"
	targets+=("$t")
done

per=$((total / ${#targets[@]}))
[ "$per" -ge 10 ] || per=10

# Crash inputs are kept under the build directory; the working corpora too,
# so a second run goes on from where the first stopped.
# FUZZ_OUT=DIR puts them elsewhere (an empty DIR replays a fresh CI run).
out=${FUZZ_OUT:-$build/fuzz-out}
mkdir -p "$out"
seeds=$(mktemp -d "${TMPDIR:-/tmp}/prv-fuzz-seeds.XXXXXX")
trap 'rm -rf "$seeds"' EXIT

# Only the project's own data, never the real-mail corpus or prereview's
# output: a run with FUZZ_SEED explores the same inputs on every machine.
env -u PRV_CORPUS -u PRV_BIN "$src/tests/fuzz/seeds.sh" "$seeds" \
	"${targets[@]}" | sed 's/^seeds: /fuzz: seeds: /' ||
	die "cannot build the seeds"
echo "fuzz: $per s per target${FUZZ_SEED:+, random seed $FUZZ_SEED}"

failed=0
for t in "${targets[@]}"; do
	corpus=$out/corpus-$t
	mkdir -p "$corpus"
	dirs=("$corpus" "$seeds/$t")
	if [ -d "$data/fuzz-regressions/$t" ]; then
		dirs+=("$data/fuzz-regressions/$t")
	fi
	log=$out/$t.log
	rm -f "$out/$t"-crash-* "$out/$t"-leak-* "$out/$t"-timeout-* \
		"$out/$t"-oom-*
	printf 'fuzz: %-8s ' "$t"
	"$build/tests/fuzz/fuzz_$t" -max_total_time="$per" -max_len=65536 \
		-rss_limit_mb=2048 -timeout=25 -print_final_stats=1 \
		"${seed_opt[@]}" -artifact_prefix="$out/$t-" "${dirs[@]}" >"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -n1)
	if [ $rc -eq 0 ]; then
		echo "ok (${runs:-?} runs, ${cov:-cov: ?})"
		continue
	fi
	failed=1
	echo "FAILED (exit $rc)"
	grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)' "$log" |
		head -n5 | sed 's/^/  /'
	for a in "$out/$t"-crash-* "$out/$t"-leak-* "$out/$t"-timeout-* \
		"$out/$t"-oom-*; do
		[ -e "$a" ] || continue
		echo "  input: $a"
		echo "  reproduce: $build/tests/fuzz/fuzz_$t $a"
		echo "  keep it: cp $a $data/fuzz-regressions/$t/"
	done
	echo "  log: $log"
done

if [ $failed -ne 0 ]; then
	echo "fuzz: FAILED" >&2
	exit 1
fi
echo "fuzz: all ${#targets[@]} targets ran without a crash"
