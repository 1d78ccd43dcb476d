#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Benchmark: prereview check.
#
# 1. Two versions of a 15-patch series (tests/rangediff_gen.py "bench")
#    checked together: every check, the range-diff between them, the
#    report. Target: < 50 ms.
# 2. The 8,000-message perf corpus (netfilter-devel-8k.mbox.xz, unpacked
#    to a temporary directory) checked in one run. Targets: < 2 s, and
#    a largest resident set under twice the file's size.
# 3. scripts/checkpatch.pl (kernel 6.12) on the same patches, for scale:
#    on the 15 patches, and on a sample of the corpus' patches projected to
#    all of them. The ratio is checkpatch's time over prereview's.
#
# Times are the best wall-clock time of several runs, and the CPU time
# (user + sys) of one; a target counts as met when either is under it,
# since a shared machine stretches the wall time.
#
# Usage: bench/check.sh [PREREVIEW-BINARY] [RUNS]
set -u

src=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-${PRV_BIN:-$src/build/prereview}}
runs=${2:-20}
corpus=${PRV_CORPUS:-$src/../shared/corpus}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp GIT_CONFIG_NOSYSTEM=1
. "$src/bench/checkpatch.inc"

now() { date +%s%N; }
# best_us RUNS CMD...: the best wall time of RUNS runs in microseconds (the
# least disturbed by other work on the machine)
best_us() {
	local n=$1 start end i best=
	shift
	for ((i = 0; i < n; i++)); do
		start=$(now)
		"$@" >/dev/null 2>&1
		end=$(now)
		t=$(((end - start) / 1000))
		if [ -z "$best" ] || [ "$t" -lt "$best" ]; then
			best=$t
		fi
	done
	echo "$best"
}
# cpu_ms CMD...: user + sys of one run in milliseconds
cpu_ms() {
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%U %S' -o "$tmp/time.txt" "$@" >/dev/null 2>&1
		# a failing command adds a "Command exited" line first
		tail -1 "$tmp/time.txt" |
			awk '{ printf "%d\n", ($1 + $2) * 1000 }'
	else
		python3 -c '
import os, sys
pid = os.fork()
if pid == 0:
    fd = os.open(os.devnull, os.O_WRONLY)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.execv(sys.argv[1], sys.argv[1:])
_, _, ru = os.wait4(pid, 0)
print(int((ru.ru_utime + ru.ru_stime) * 1000))
' "$@"
	fi
}
ms() {
	python3 -c '
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL,
               stderr=subprocess.DEVNULL)
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(int((r.ru_utime + r.ru_stime) * 1000))
' "$@"
}
# rss_kb CMD...: the largest resident set of one run, in KiB
rss_kb() {
	python3 -c '
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL,
               stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
' "$@"
}
ms() { awk -v u="$1" 'BEGIN { printf "%.1f ms", u / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0fx", a / b }'; }

status=0

# 1. 15 patches, two versions.
python3 "$src/tests/rangediff_gen.py" "$tmp/gen" bench >/dev/null
repo=$tmp/gen/repo
for v in v1 v2; do
	extra=
	[ $v = v2 ] && extra=-v2
	git -C "$repo" format-patch -q --stdout --thread --cover-letter $extra \
		"base..$v" |
		sed -E "s/^(Message-I[dD]|In-Reply-To|References): <(.*)/\1: <$v-\2/" \
			>"$tmp/$v.mbox"
done
"$bin" check "$tmp/v1.mbox" "$tmp/v2.mbox" >/dev/null 2>&1
[ $? -le 1 ] || { echo "prereview check failed on the 15-patch series"; exit 1; }
us15=$(best_us "$runs" "$bin" check --format=json "$tmp/v1.mbox" "$tmp/v2.mbox")
cpu15=$(cpu_ms "$bin" check --format=json "$tmp/v1.mbox" "$tmp/v2.mbox")
echo "15-patch series, 2 versions: $(ms "$us15") wall (best of $runs)," \
	"${cpu15} ms CPU"
# The target holds for the time the program needs: on a loaded machine
# the wall time says more about the neighbours.
if [ "$us15" -lt 50000 ] || [ "$cpu15" -lt 50 ]; then
	echo "  target (< 50 ms): met"
else
	echo "  target (< 50 ms): missed"
	status=1
fi

# 2. The perf corpus.
perf=$corpus/perf/netfilter-devel-8k.mbox.xz
if [ -r "$perf" ]; then
	xz -dc "$perf" >"$tmp/perf.mbox"
	"$bin" -v check --format=json "$tmp/perf.mbox" 2>"$tmp/v.txt" >/dev/null
	usp=$(best_us 3 "$bin" check --format=json "$tmp/perf.mbox")
	cpup=$(cpu_ms "$bin" check --format=json "$tmp/perf.mbox")
	echo "8,000 messages: $(ms "$usp") wall (best of 3), ${cpup} ms CPU"
	sed 's/^prereview: /  /' "$tmp/v.txt"
	if [ "$usp" -lt 2000000 ] || [ "$cpup" -lt 2000 ]; then
		echo "  target (< 2 s): met"
	else
		echo "  target (< 2 s): missed"
		status=1
	fi
	# the whole file is read into memory and parsed in place: what the
	# parsed mails and the report add must stay under the file's size
	rss=$(rss_kb "$bin" check --format=json "$tmp/perf.mbox")
	size=$(stat -c %s "$tmp/perf.mbox")
	echo "  memory: $((rss / 1024)) MiB at most," \
		"$(awk -v r="$rss" -v s="$size" \
			'BEGIN { printf "%.2f", r * 1024 / s }')x the input"
	if [ $((rss * 1024)) -lt $((2 * size)) ]; then
		echo "  target (< 2x the input): met"
	else
		echo "  target (< 2x the input): missed"
		status=1
	fi
else
	echo "8,000 messages: skipped (no $perf)"
fi

# 3. checkpatch.pl on the same patches.
if cp=$(checkpatch_path) && command -v perl >/dev/null; then
	mkdir "$tmp/p15"
	git -C "$repo" format-patch -q -o "$tmp/p15" -v2 base..v2
	us_cp15=$(best_us 1 perl "$cp" --no-tree --quiet "$tmp"/p15/*.patch)
	echo "checkpatch.pl on the 15 patches: $(ms "$us_cp15");" \
		"prereview checks both versions $(ratio "$us_cp15" "$us15") faster"
	if [ -r "$tmp/perf.mbox" ]; then
		sample=${CHECKPATCH_SAMPLE:-100}
		total=$(python3 - "$tmp/perf.mbox" "$tmp/sample" "$sample" <<'PY'
import os, re, sys
path, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
os.makedirs(out)
data = open(path, "rb").read()
msgs = re.split(rb"^From mboxrd@z [^\n]*\n", data, flags=re.M)
patches = [m for m in msgs if b"\ndiff --git " in m]
for i, m in enumerate(patches[:n]):
    open(os.path.join(out, "%04d.patch" % i), "wb").write(m)
print(len(patches))
PY
)
		us_cps=$(best_us 1 perl "$cp" --no-tree --quiet "$tmp"/sample/*.patch)
		proj=$((us_cps * total / sample))
		echo "checkpatch.pl on $sample of the corpus' $total patches:" \
			"$(ms "$us_cps"); projected to all: $(ms "$proj");" \
			"prereview is $(ratio "$proj" "$usp") faster"
	fi
else
	echo "checkpatch.pl: skipped (no linux-source tarball or perl)"
fi
exit $status
