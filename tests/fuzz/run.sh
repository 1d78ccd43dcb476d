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
# with the project's own test data (tests/data): mail files for the mbox,
# msg, trailer, mail and series targets (series also gets each directory
# of format-patch files as one mbox), .patch/.diff files for the diff target,
# .json files for the json target, .rules files (and rules/) for the
# rules target, the series seeds for the render target,
# plus the hand-made seeds in tests/fuzz/seeds/<target>/ and the target's
# past crashes in tests/data/fuzz-regressions/<target>/.
# Fails if any target crashes, leaks, times out or runs out of memory, and
# prints the path of the input that did it.
set -uo pipefail

die() {
	echo "fuzz: error: $*" >&2
	exit 2
}

[ $# -ge 1 ] || die "usage: $0 BUILD_DIR [SECONDS]"
build=$(cd "$1" 2>/dev/null && pwd) || die "no build directory '$1'"
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
src=$(cd "$(dirname "$0")/../.." && pwd)
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

is_mail() {
	case $1 in
	*.mbox | *.mbx | *.eml | *.patch | *.msg | *.mail) return 0 ;;
	*.json | *.txt | *.md | *.out | *.sh | *.diff | *.rules) return 1 ;;
	esac
	# Anything else that starts like a mailbox or a header block.
	head -c 200 "$1" 2>/dev/null |
		grep -qaE '^(From |[A-Za-z][A-Za-z0-9-]*: )'
}

mkdir -p "$seeds/mail" "$seeds/diff" "$seeds/json" "$seeds/rules"
n_mail=0
n_diff=0
n_json=0
n_rules=0
for f in "$src"/rules/*.rules; do
	[ -e "$f" ] || continue
	cp "$f" "$seeds/rules/shipped-$(basename "$f")"
	n_rules=$((n_rules + 1))
done
if [ -d "$data" ]; then
	while IFS= read -r -d '' f; do
		case $f in
		"$data"/fuzz-regressions/*) continue ;;
		esac
		name=$(printf '%s' "${f#"$data"/}" | tr '/' '_')
		case $f in
		*.patch | *.diff)
			cp "$f" "$seeds/diff/$name"
			n_diff=$((n_diff + 1))
			;;
		*.json)
			cp "$f" "$seeds/json/$name"
			n_json=$((n_json + 1))
			;;
		*.rules)
			cp "$f" "$seeds/rules/$name"
			n_rules=$((n_rules + 1))
			;;
		esac
		if is_mail "$f"; then
			cp "$f" "$seeds/mail/$name"
			n_mail=$((n_mail + 1))
		fi
	done < <(find "$data" -type f -print0)
fi
# Series: every mail file, plus each directory of format-patch files
# (tests/data and the sample series) joined into one mbox.
mkdir -p "$seeds/series"
cp -r "$seeds/mail/." "$seeds/series/"
n_dirs=0
while IFS= read -r -d '' d; do
	name=$(printf '%s' "${d#"$src"/}" | tr '/' '_')
	cat "$d"/*.patch "$d"/*.eml 2>/dev/null >"$seeds/series/dir-$name"
	n_dirs=$((n_dirs + 1))
done < <(find "$data" "$src/docs/examples" -name '*.patch' \
	-not -path '*/fuzz-regressions/*' -printf '%h\0' 2>/dev/null | sort -zu)
echo "fuzz: $per s per target${FUZZ_SEED:+, random seed $FUZZ_SEED}, seeds: $n_mail mail files, $n_diff diffs," \
	"$n_dirs patch directories, $n_json JSON files, $n_rules rule files"

failed=0
for t in "${targets[@]}"; do
	case $t in
	diff) seed=$seeds/diff ;;
	series | render) seed=$seeds/series ;;
	json) seed=$seeds/json ;;
	rules) seed=$seeds/rules ;;
	*) seed=$seeds/mail ;;
	esac
	corpus=$out/corpus-$t
	mkdir -p "$corpus"
	dirs=("$corpus" "$seed")
	if [ -d "$data/fuzz-regressions/$t" ]; then
		dirs+=("$data/fuzz-regressions/$t")
	fi
	if [ -d "$src/tests/fuzz/seeds/$t" ]; then
		dirs+=("$src/tests/fuzz/seeds/$t")
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
