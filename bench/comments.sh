#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Benchmark: review comments across versions (docs/comments.md).
#
#  - agreement of the status of each review comment with the hand labels of
#    tests/data/labels/comments.tsv, per status, on every lore/*-all.mbox of
#    the corpus (found through PRV_CORPUS; skipped, exit 77, without it),
#    replayed version pair by version pair;
#  - with --speed: the time of `check` on a generated two-version thread
#    with no reply and with 200 review replies (target: +20 ms at most).
#
# Usage: bench/comments.sh [--speed] [BINARY [LORE-DIR]]
# BINARY defaults to build/prereview. Exit 1 below 90% agreement or when a
# text labelled not-a-comment is listed.
set -u

src=$(cd "$(dirname "$0")/.." && pwd)
if [ "${1:-}" = --speed ]; then
	exec python3 "$src/bench/comments.py" speed "${2:-$src/build/prereview}"
fi
bin=${1:-$src/build/prereview}
lore=${2:-${PRV_CORPUS:-$src/../shared/corpus}/lore}
if ! ls "$lore"/*-all.mbox >/dev/null 2>&1; then
	echo "comments: skipped (no lore corpus at '$lore')"
	exit 77
fi
export HOME=$(mktemp -d) GIT_CONFIG_NOSYSTEM=1
trap 'rm -rf "$HOME"' EXIT
python3 "$src/bench/comments.py" score "$bin" "$lore" \
	"$src/tests/data/labels/comments.tsv"
