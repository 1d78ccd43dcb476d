#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Benchmark: `prereview diff` against `git range-diff` and `b4 diff -m` on
# two 15-patch versions of one series (made by tests/rangediff_gen.py).
#
# git range-diff is timed alone, on commits that already exist (the work
# of applying the mails is not counted for it). b4 diff -m needs a real
# repository to apply the mails to; it runs in the scratch repository the
# series was made in, so it is timed with that work included.
#
# Usage: bench/rangediff.sh [PRereview-BINARY] [RUNS]
set -eu

src=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-${PRV_BIN:-$src/build/prereview}}
runs=${2:-20}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 "$src/tests/rangediff_gen.py" "$tmp" bench >/dev/null
repo="$tmp/repo"
# Threaded mboxes with distinct message-ids per version, as b4 wants them.
for v in v1 v2; do
	extra=
	[ "$v" = v2 ] && extra=-v2
	git -C "$repo" format-patch -q --stdout --thread --cover-letter $extra \
		"base..$v" |
		sed -E "s/^(Message-I[dD]|In-Reply-To|References): <(.*)/\1: <$v-\2/" \
			>"$tmp/$v.mbox"
done

# time_cmd NAME CMD...: "WALL CPU" in microseconds, the best of $runs runs
# each (CPU = user + system, children included). The machine may be
# shared: the best run is what load inflates least.
time_cmd() {
	local name=$1 t i best_w= best_c= w c
	shift
	"$@" >/dev/null 2>&1 || { echo "$name: failed" >&2; return 1; }
	for ((i = 0; i < runs; i++)); do
		t=$( { TIMEFORMAT='%3R %3U %3S'; time "$@" >/dev/null 2>&1; } 2>&1)
		read -r w c <<<"$(awk -v t="$t" 'BEGIN { split(t, a, " ");
			printf "%d %d", a[1] * 1e6, (a[2] + a[3]) * 1e6 }')"
		if [ -z "$best_w" ] || [ "$w" -lt "$best_w" ]; then best_w=$w; fi
		if [ -z "$best_c" ] || [ "$c" -lt "$best_c" ]; then best_c=$c; fi
	done
	echo "$best_w $best_c"
}

us_prv=$(time_cmd prereview "$bin" --color=never diff "$tmp/v1" "$tmp/v2")
us_prv_mbox=$(time_cmd prereview-mbox "$bin" --color=never diff \
	"$tmp/v1.mbox" "$tmp/v2.mbox")
us_start=$(time_cmd start "$bin" --version)
us_git=$(time_cmd git git -C "$repo" range-diff --no-color base..v1 base..v2)
b4_note=""
if command -v b4 >/dev/null 2>&1; then
	if us_b4=$(cd "$repo" && time_cmd b4 b4 diff -m "$tmp/v1.mbox" \
		"$tmp/v2.mbox"); then
		:
	else
		us_b4=""
		b4_note="b4 diff -m failed (it needs a repository the series applies to)"
	fi
else
	us_b4=""
	b4_note="b4 is not installed"
fi

ms() { awk -v u="$1" 'BEGIN { printf "%7.2f ms", u / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1fx", a / b }'; }
# line LABEL "WALL CPU" ["WALL CPU" of prereview to compare with]
line() {
	local label=$1 w c pw pc
	read -r w c <<<"$2"
	printf '%-36s wall %s  cpu %s' "$label" "$(ms "$w")" "$(ms "$c")"
	if [ -n "${3:-}" ]; then
		read -r pw pc <<<"$3"
		printf '   prereview faster: wall %s, cpu %s' \
			"$(ratio "$w" "$pw")" "$(ratio "$c" "$pc")"
	fi
	echo
}

echo "two versions of 15 patches, best of $runs runs"
line "prereview diff (format-patch dirs)" "$us_prv"
line "prereview diff (threaded mboxes)" "$us_prv_mbox"
line "prereview --version (process start)" "$us_start"
line "git range-diff (commits)" "$us_git" "$us_prv"
if [ -n "$us_b4" ]; then
	line "b4 diff -m (mboxes, in the repo)" "$us_b4" "$us_prv_mbox"
else
	echo "b4 diff -m: not measured: $b4_note"
fi
read -r w c <<<"$us_prv"
if [ "$w" -lt 30000 ]; then
	echo "target (< 30 ms wall): met"
else
	echo "target (< 30 ms wall): missed (cpu $(ms "$c"); see the load)"
fi
