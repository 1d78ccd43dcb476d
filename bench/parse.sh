#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Parsing throughput: read 8,000 real list messages (79 MB of mboxrd) the
# way `prereview show --format=json` does, against what git am does to read
# mail (git mailsplit, then git mailinfo on each message) and against
# `grep -c '^From '` (reading the bytes once: the I/O floor).
#
#   bench/parse.sh [PREREVIEW]     (default: $PRV_BIN, else build/prereview)
#
# Targets: whole file under 0.5 s, at least 30x faster than mailsplit +
# mailinfo, within 10x of grep, peak memory under 2x the input size.
# Exit 0 when every target is met, 1 when one is missed or prereview
# fails, 77 when the corpus is absent.
#
# Environment: PRV_CORPUS (default ../shared/corpus next to the source
# tree), BENCH_RUNS (timed runs of the fast commands, default 5),
# BENCH_TIMER=date (a date +%s.%N loop even when hyperfine is installed).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-${PRV_BIN:-$root/build/prereview}}
corpus=${PRV_CORPUS:-$root/../shared/corpus}
runs=${BENCH_RUNS:-5}
xzfile=$corpus/perf/netfilter-devel-8k.mbox.xz

if [ ! -f "$xzfile" ]; then
	echo "parse: skipped: no '$xzfile' (set PRV_CORPUS)"
	exit 77
fi
if [ ! -x "$bin" ]; then
	echo "parse: error: no prereview binary at '$bin'" >&2
	exit 1
fi
for tool in xz git grep awk; do
	command -v "$tool" >/dev/null ||
		{ echo "parse: error: '$tool' is needed" >&2; exit 1; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/prv-bench-parse.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mbox=$tmp/netfilter-devel-8k.mbox
xz -dc "$xzfile" >"$mbox"
size=$(stat -c %s "$mbox")
nmsg=$(grep -c '^From ' "$mbox")

# What git am does to read the mail: split, then mailinfo per message.
cat >"$tmp/git-am-read.sh" <<'SH'
set -u
d=$(mktemp -d "$1.XXXXXX")
mkdir "$d/split"
git mailsplit --mboxrd -o"$d/split" "$1" >/dev/null
for m in "$d"/split/*; do
	git mailinfo "$d/msg" "$d/patch" <"$m" >/dev/null 2>&1 || :
done
rm -rf "$d"
SH

q() { printf '%q' "$1"; }
cmd_prv="$(q "$bin") show --format=json $(q "$mbox")"
cmd_git="bash $(q "$tmp/git-am-read.sh") $(q "$mbox")"
# Not to /dev/null: GNU grep then stops at the first match.
cmd_grep="grep -c '^From ' $(q "$mbox") >$(q "$tmp/count")"

# prereview must read the file before it can be timed.
set +e
"$bin" show --format=json "$mbox" >"$tmp/out.json" 2>"$tmp/err"
rc=$?
set -e
if [ $rc -ne 0 ]; then
	echo "parse: prereview show failed (exit $rc): $(head -n1 "$tmp/err")"
	exit 1
fi

timer=${BENCH_TIMER:-hyperfine}
command -v hyperfine >/dev/null || timer="date loop"

# seconds NAME RUNS COMMAND: median wall time of RUNS runs.
seconds() {
	local name=$1 n=$2 cmd=$3
	if [ "$timer" = hyperfine ]; then
		hyperfine --style=none --warmup $((n > 1 ? 1 : 0)) --runs "$n" \
			-i --export-json "$tmp/$name.json" "$cmd" >/dev/null 2>&1
		awk -F: '/"median"/ { gsub(/[ ,]/, "", $2); print $2; exit }' \
			"$tmp/$name.json"
	else
		local i t0 t1 all=
		for ((i = 0; i < n; i++)); do
			t0=$(date +%s.%N)
			bash -c "$cmd" >/dev/null 2>&1 || :
			t1=$(date +%s.%N)
			all="$all $(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')"
		done
		printf '%s\n' $all | sort -g |
			awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
	fi
}

# peak_kb COMMAND: peak resident memory (KiB) of the command and its
# children: GNU time when installed, else getrusage through python3.
peak_kb() {
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f %M -o "$tmp/time" bash -c "$1" >/dev/null 2>&1 || :
		tail -n1 "$tmp/time"
	else
		python3 -c '
import resource, subprocess, sys
subprocess.run(["bash", "-c", sys.argv[1]], stdout=subprocess.DEVNULL,
               stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$1"
	fi
}

echo "parse: $(basename "$mbox"): $((size / 1000000)) MB, $nmsg messages" \
	"(median of $runs runs, git of 1; timer: $timer)"
t_prv=$(seconds prv "$runs" "$cmd_prv")
t_grep=$(seconds grep "$runs" "$cmd_grep")
t_git=$(seconds git 1 "$cmd_git")
m_prv=$(peak_kb "$cmd_prv")
m_grep=$(peak_kb "$cmd_grep")
m_git=$(peak_kb "$cmd_git")

awk -v tp="$t_prv" -v tg="$t_git" -v tr="$t_grep" -v mp="$m_prv" \
	-v mg="$m_git" -v mr="$m_grep" -v size="$size" '
function row(name, t, m) {
	printf "  %-34s %9.3f s %9.1f MB\n", name, t, m / 1024
}
function target(what, value, ok) {
	printf "  %-34s %12s  %s\n", what, value, ok ? "ok" : "MISSED"
	if (!ok)
		missed++
}
BEGIN {
	row("prereview show --format=json", tp, mp)
	row("git mailsplit + git mailinfo", tg, mg)
	row("grep -c \"^From \"", tr, mr)
	print "targets:"
	target("whole file under 0.5 s", sprintf("%.3f s", tp), tp < 0.5)
	target(">= 30x faster than git", sprintf("%.1fx", tg / tp), tg / tp >= 30)
	target("within 10x of grep", sprintf("%.1fx", tp / tr), tp / tr <= 10)
	target("peak memory < 2x input", sprintf("%.2fx", mp * 1024 / size),
	       mp * 1024 < 2 * size)
	exit missed ? 1 : 0
}'
