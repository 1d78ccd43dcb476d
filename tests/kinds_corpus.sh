#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The hand-made labels of tests/data/labels against the netfilter-devel
# corpus file (perf/netfilter-devel-8k.mbox.xz, unpacked to a temporary
# directory): every labelled thread root has its labelled kind, every
# labelled series holds exactly its labelled versions, and check raises no
# finding of a series rule on a thread that is not a new series.
set -u

bin=${PRV_BIN:?PRV_BIN is not set}
src=${PRV_SRC:?PRV_SRC is not set}
corpus=${PRV_CORPUS:-}
xz_file=$corpus/perf/netfilter-devel-8k.mbox.xz
labels=$src/tests/data/labels
if [ -z "$corpus" ] || [ ! -f "$xz_file" ]; then
	echo "kinds_corpus: skipped (no $xz_file)"
	exit 77
fi
if ! command -v xz >/dev/null; then
	echo "kinds_corpus: skipped (no xz)"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp GIT_CONFIG_NOSYSTEM=1
mbox=$tmp/netfilter-devel-8k.mbox
xz -dc "$xz_file" >"$mbox" || exit 1
fail=0

"$bin" show --format=json "$mbox" >"$tmp/show.json" 2>/dev/null ||
	{ echo "FAIL: show exit $?"; exit 1; }
grouping=
[ -f "$labels/netfilter-grouping.txt" ] &&
	grouping=$labels/netfilter-grouping.txt
python3 "$src/bench/labels.py" score "$tmp/show.json" \
	"$labels/netfilter-kinds.txt" $grouping || fail=1

"$bin" check --format=json "$mbox" >"$tmp/check.json" 2>/dev/null
python3 - "$tmp/check.json" <<'PY' || fail=1
import json, sys

c = json.load(open(sys.argv[1]))
al = c.get("all_series") or [c["series"]]
bad = [(al[f.get("series", 0)]["kind"], f["id"]) for f in c["findings"]
       if al[f.get("series", 0)]["kind"] != "series"
       and f["id"].split(".")[0] in ("series", "changelog", "review")]
for k, i in bad[:10]:
    print("FAIL: %s on a %s" % (i, k))
sys.exit(1 if bad else 0)
PY
[ "$fail" -eq 0 ] && echo "kinds_corpus: all labels met"
exit "$fail"
