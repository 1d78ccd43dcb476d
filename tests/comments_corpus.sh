#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The review comments of the real multi-version threads of the lore corpus
# agree with their hand labels (tests/data/labels/comments.tsv) for at
# least 90% of them, and no text labelled not-a-comment is listed
# (bench/comments.sh). Skipped (77) without the corpus.
bin=${PRV_BIN:?PRV_BIN is not set}
PRV_CORPUS=${PRV_CORPUS:-} exec bash "$(dirname "$0")/../bench/comments.sh" \
	"$bin"
