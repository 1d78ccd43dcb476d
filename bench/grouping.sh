#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Benchmark: what each thread is and which series it belongs to, on real
# mail, for two binaries (before and after a change).
#
# On the netfilter-devel corpus file (perf/netfilter-devel-8k.mbox.xz,
# unpacked to a temporary directory) it prints for each binary:
#  - kind accuracy and grouping accuracy on the hand-made labels of
#    tests/data/labels (bench/labels.py score);
#  - the number of fail findings of `prereview check` on the whole file,
#    split by the kind of the thread (as the second binary reads it): a
#    fail on a pull request, a backport or a bug report is noise.
#
# Usage: bench/grouping.sh OLD-BINARY [NEW-BINARY [MBOX]]
# With one binary (bench/run.sh) it scores that one alone. MBOX defaults
# to the corpus file found through PRV_CORPUS (skipped, exit 77, without
# it). Target: every label met by the new binary (exit 1 otherwise).
set -u

src=$(cd "$(dirname "$0")/.." && pwd)
[ $# -ge 1 ] || { echo "usage: $0 OLD-BINARY [NEW-BINARY [MBOX]]" >&2; exit 2; }
old=$1 new=${2:-$1}
corpus=${PRV_CORPUS:-$src/../shared/corpus}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp GIT_CONFIG_NOSYSTEM=1
mbox=${3:-}
if [ -z "$mbox" ]; then
	if [ ! -f "$corpus/perf/netfilter-devel-8k.mbox.xz" ]; then
		echo "grouping: skipped (no corpus at '$corpus')"
		exit 77
	fi
	mbox=$tmp/netfilter-devel-8k.mbox
	xz -dc "$corpus/perf/netfilter-devel-8k.mbox.xz" >"$mbox" || exit 3
fi
labels=$src/tests/data/labels
grouping=
[ -f "$labels/netfilter-grouping.txt" ] &&
	grouping=$labels/netfilter-grouping.txt

# A binary outside its build tree looks for installed rules; give each a
# copy beside a CMakeCache.txt so that it uses its source tree's rules.
for which in old new; do
	mkdir -p "$tmp/$which"
	cp "${!which}" "$tmp/$which/prereview"
	touch "$tmp/$which/CMakeCache.txt"
done
for which in new old; do
	b=$tmp/$which/prereview
	"$b" show --format=json "$mbox" >"$tmp/$which-show.json" 2>/dev/null
	"$b" check --format=json "$mbox" >"$tmp/$which-check.json" 2>/dev/null
done
rc=0
for which in old new; do
	echo "== $which: ${!which}"
	python3 "$src/bench/labels.py" score "$tmp/$which-show.json" \
		"$labels/netfilter-kinds.txt" $grouping 2>/dev/null
	[ $? -eq 0 ] || [ "$which" = old ] || rc=1
	python3 "$src/bench/labels.py" fails "$tmp/$which-check.json" \
		"$tmp/new-show.json"
done
exit "$rc"
