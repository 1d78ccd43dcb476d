#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Precision of the findings on real mail, judged by hand.
#
# tests/data/labels/findings.tsv holds findings of prereview check on the
# perf corpus (netfilter-devel-8k.mbox.xz, unpacked to a temporary
# directory) and on the lore threads of the corpus (lore/*.mbox: every
# version of a series, and each alone), each judged a true or a false alarm. For each binary this
# prints, per finding id, the labelled findings it still reports and the
# share of them that are true (precision), then the count of findings per
# id and severity on the whole file. Target, for the last binary: every
# fail-level id at 98% or more, every warn-level id at 90% or more.
#
# Usage: bench/precision.sh [OLD-BINARY] NEW-BINARY
#        (one binary alone: that one; none: build/prereview)
#        bench/precision.sh --check BINARY [PRV-CHANGELOG]
#        (every label holds, and with tests/tools/prv-changelog every
#        changelog of tests/data/labels/changelogs.tsv reads as labelled:
#        tests/labels_corpus.sh)
set -u

mode=precision
if [ "${1:-}" = --check ]; then
	mode=check
	shift
	reader=${2:-}
	set -- "$1"
fi

src=$(cd "$(dirname "$0")/.." && pwd)
corpus=${PRV_CORPUS:-$src/../shared/corpus}
xz=$corpus/perf/netfilter-devel-8k.mbox.xz
labels=$src/tests/data/labels/findings.tsv
if [ $# -ge 2 ]; then
	bins=("$1" "$2")
else
	bins=("${1:-${PRV_BIN:-$src/build/prereview}}")
fi
if [ ! -f "$xz" ]; then
	echo "skipped: no $xz (PRV_CORPUS='$corpus')"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp XDG_CONFIG_HOME=$tmp/xdg GIT_CONFIG_NOSYSTEM=1
xz -dc "$xz" >"$tmp/nf.mbox" || exit 1

rc=0
n=0
for bin in "${bins[@]}"; do
	n=$((n + 1))
	"$bin" -q check --format=json "$tmp/nf.mbox" >"$tmp/r$n.json" 2>"$tmp/err"
	if [ $? -gt 1 ]; then
		echo "$bin: $(head -3 "$tmp/err")"
		exit 1
	fi
	# the lore threads: each series' whole thread with all its versions
	# (-all), and each version alone (-vN), as one fetches them
	reports=("$tmp/r$n.json")
	for m in "$corpus"/lore/*.mbox; do
		[ -f "$m" ] || continue
		r=$tmp/r$n-$(basename "$m" .mbox).json
		"$bin" -q check --format=json "$m" >"$r" 2>"$tmp/err"
		if [ $? -gt 1 ]; then
			echo "$bin: $m: $(head -3 "$tmp/err")"
			exit 1
		fi
		reports+=("$r")
	done
	if [ $mode = check ]; then
		python3 "$src/tests/lib/labels.py" check "$labels" "${reports[@]}"
		rc=$?
		[ -n "$reader" ] || exit $rc
		"$reader" "$tmp/nf.mbox" >"$tmp/read.tsv" || exit 1
		python3 "$src/tests/lib/labels.py" changelogs \
			"$src/tests/data/labels/changelogs.tsv" "$tmp/read.tsv" ||
			rc=1
		exit $rc
	fi
	echo "== $bin: precision on $(grep -vc '^#' "$labels") labels"
	python3 "$src/tests/lib/labels.py" precision "$labels" "${reports[@]}"
	rc=$?
	echo "== $bin: findings on the whole file"
	python3 "$src/tests/lib/labels.py" count "$tmp/r$n.json"
	echo
done
exit $rc
