# SPDX-License-Identifier: GPL-2.0-or-later
# Every hand-judged label of tests/data/labels/findings.tsv holds for the
# current binary on the perf corpus: a true alarm is still reported, a
# false alarm is not (unless the label marks it "open"); every changelog of
# tests/data/labels/changelogs.tsv reads as labelled. Skipped (77) without
# the corpus.
bin=${PRV_BIN:?PRV_BIN is not set}
exec bash "$(dirname "$0")/../bench/precision.sh" --check "$bin" \
	"${PRV_CHANGELOG:?PRV_CHANGELOG is not set}"
