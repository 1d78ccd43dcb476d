#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# A long fuzzing run, to find bugs: every fuzz target of a fuzz build for
# MINUTES each, FUZZ_JOBS (default 2) targets at a time.
#
#   tests/fuzz/long.sh BUILD_DIR [MINUTES]      (default FUZZ_MINUTES or 15)
#
# Every fuzz_* program in BUILD_DIR/tests/fuzz is a target. Each starts
# from the grown corpus of the previous runs (BUILD_DIR/fuzz-out/
# corpus-TARGET, which keeps growing), the seeds tests/fuzz/seeds.sh builds
# (from tests/data, and from the real-mail corpus when PRV_CORPUS names
# it), and its past crashes in tests/data/fuzz-regressions/TARGET, with the
# dictionary tests/fuzz/TARGET.dict (else tests/fuzz/mail.dict). A target
# that crashes is started again for the rest of its time, so one bug does
# not hide the next. At the end each target's line says how many inputs
# ran, the coverage reached (libFuzzer's cov: and ft:) and every crash,
# leak, timeout or out-of-memory input kept; exit 1 if there was any.
set -uo pipefail

prog=fuzz-long
usage="$0 BUILD_DIR [MINUTES]"
. "$(dirname "$0")/lib.sh"
minutes=${2:-${FUZZ_MINUTES:-15}}
jobs=${FUZZ_JOBS:-2}
for v in "$minutes" "$jobs"; do
	case $v in
	'' | *[!0-9]* | 0) die "bad number '$v'" ;;
	esac
done
out=${FUZZ_OUT:-$build/fuzz-out}

targets=()
for f in "$build"/tests/fuzz/fuzz_*; do
	[ -x "$f" ] && [ -f "$f" ] || continue
	targets+=("${f##*/fuzz_}")
done
[ ${#targets[@]} -gt 0 ] ||
	die "no fuzz targets in '$build/tests/fuzz' (build with -DPRV_FUZZ=ON)"

mkdir -p "$out" || die "cannot create '$out'"
[ -x "$build/prereview" ] && export PRV_BIN=$build/prereview
"$src/tests/fuzz/seeds.sh" "$out/seeds" "${targets[@]}" ||
	die "cannot build the seeds"

# fuzz_stats LOG: "EXECS COV FT" from libFuzzer's final lines.
fuzz_stats() {
	local execs cov
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$1" | tail -n1)
	cov=$(grep -aoE 'cov: [0-9]+ ft: [0-9]+' "$1" | tail -n1)
	set -- $cov
	echo "${execs:-0} ${2:-?} ${4:-?}"
}

# fuzz TARGET: runs it for its minutes, restarting after each crash, and
# writes OUT/TARGET.summary.
fuzz() {
	local t=$1 left=$((minutes * 60)) start n=0 rc dict execs=0 e c f
	local dirs=("$out/corpus-$t" "$out/seeds/$t")
	local s=("0" "?" "?")
	dict=$src/tests/fuzz/$t.dict
	[ -f "$dict" ] || dict=$src/tests/fuzz/mail.dict
	[ -d "$src/tests/data/fuzz-regressions/$t" ] &&
		dirs+=("$src/tests/data/fuzz-regressions/$t")
	mkdir -p "$out/corpus-$t"
	rm -f "$out/$t".log.* "$out/$t"-crash-* "$out/$t"-leak-* \
		"$out/$t"-timeout-* "$out/$t"-oom-*
	while [ "$left" -ge 10 ] && [ $n -lt 10 ]; do
		n=$((n + 1))
		start=$SECONDS
		"$build/tests/fuzz/fuzz_$t" -max_total_time="$left" \
			-max_len=65536 -rss_limit_mb=2048 -timeout=25 \
			-print_final_stats=1 -dict="$dict" \
			-artifact_prefix="$out/$t-" "${dirs[@]}" \
			>"$out/$t.log.$n" 2>&1
		rc=$?
		read -r e c f < <(fuzz_stats "$out/$t.log.$n")
		execs=$((execs + e))
		[ "$c" != "?" ] && s=("$execs" "$c" "$f")
		[ $rc -eq 0 ] && break
		left=$((left - (SECONDS - start)))
	done
	local found
	found=$(find "$out" -maxdepth 1 -name "$t-*" \
		\( -name "$t-crash-*" -o -name "$t-leak-*" -o \
		-name "$t-timeout-*" -o -name "$t-oom-*" \) | sort)
	printf '%-10s execs %-10s cov %-6s ft %-7s crashes %s\n' "$t" \
		"$execs" "${s[1]}" "${s[2]}" "$(printf '%s\n' "$found" |
			grep -c .)" >"$out/$t.summary"
	printf '%s\n' "$found" | grep . | sed 's/^/    /' >>"$out/$t.summary"
}

echo "fuzz-long: ${#targets[@]} targets (${targets[*]}), $minutes min each," \
	"$jobs at a time; logs and corpora in $out"
trap 'kill $(jobs -p) 2>/dev/null; exit 1' INT TERM
running=0
for t in "${targets[@]}"; do
	if [ $running -ge "$jobs" ]; then
		wait -n
		running=$((running - 1))
	fi
	echo "fuzz-long: $t started $(date -u +%H:%M:%S)"
	fuzz "$t" &
	running=$((running + 1))
done
wait

bad=0
for t in "${targets[@]}"; do
	cat "$out/$t.summary"
	grep -q 'crashes 0$' "$out/$t.summary" || bad=1
done
if [ $bad -ne 0 ]; then
	echo "fuzz-long: FAILED: reproduce with" \
		"$build/tests/fuzz/fuzz_TARGET INPUT; keep each input in" \
		"tests/data/fuzz-regressions/TARGET/" >&2
	exit 1
fi
echo "fuzz-long: no crash"
