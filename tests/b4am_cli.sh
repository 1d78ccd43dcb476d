#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# `b4 am` output as a SOURCE (tests/data/b4am: what b4 0.12's `b4 am -m
# thread.mbox` wrote for the self-made thread.mbox, a v2 net series of
# three patches by three authors sent by one maintainer). The .mbx alone,
# with its .cover, in either order, or on stdin, is one series: b4 put
# each author in From: and dropped the tree tag, the recipients and the
# threading, which raises no finding of its own. A .mbx whose subjects
# lost the version takes it from b4's file name.
set -u

bin=${PRV_BIN:?PRV_BIN is not set}
src=${PRV_SRC:?PRV_SRC is not set}
command -v python3 >/dev/null || { echo "skipped: no python3"; exit 77; }
data=$src/tests/data/b4am
stem=v2_20260105_maint_mptcp_fix_the_example_counters
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp GIT_CONFIG_NOSYSTEM=1
fail=0

# expect NAME VERSION PATCHES COVER FALSE-IDS -- SOURCE...: show gives one
# series of one version with that many patches and a cover or not, and
# check raises none of FALSE-IDS (a regex).
expect() {
	local name=$1 version=$2 patches=$3 cover=$4 ids=$5 in=/dev/null
	shift 6
	# "-": stdin, read once here and given to both commands
	[ "$*" = - ] && { cat >"$tmp/$name.in"; in=$tmp/$name.in; }
	"$bin" show --format=json "$@" <"$in" >"$tmp/$name.show" \
		2>"$tmp/$name.err" ||
		{ echo "FAIL: $name: show exit $?"; fail=1; return; }
	"$bin" check --format=json "$@" <"$in" >"$tmp/$name.check" \
		2>>"$tmp/$name.err"
	python3 - "$tmp/$name.show" "$tmp/$name.check" "$version" "$patches" \
		"$cover" "$ids" <<'PY' || { echo "FAIL: $name"; fail=1; }
import json, re, sys
show = json.load(open(sys.argv[1]))
check = json.load(open(sys.argv[2]))
version, patches, cover = int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
series = show["series"]
assert len(series) == 1, [s["title"] for s in series]
vs = series[0]["versions"]
assert [v["version"] for v in vs] == [version], vs
assert len(vs[0]["patches"]) == patches, vs[0]["patches"]
assert (vs[0]["cover"] is not None) == (cover == "cover"), vs[0]["cover"]
authors = {p["author"]["email"] for p in vs[0]["patches"]}
assert len(authors) == 3, authors
bad = [f["id"] for f in check["findings"] if re.search(sys.argv[6], f["id"])]
assert not bad, bad
PY
}

false_ids='^(series\.(tree|cover)-missing|changelog\.missing|trailer\.sob-sender-not-last)$'
expect mbx 2 3 cover "$false_ids" -- "$data/$stem.mbx"
expect both 2 3 cover "$false_ids" -- "$data/$stem.mbx" "$data/$stem.cover"
expect cover-first 2 3 cover "$false_ids" -- "$data/$stem.cover" \
	"$data/$stem.mbx"
expect stdin 2 3 nocover '^(series\.tree-missing|trailer\.sob-sender-not-last)$' \
	-- - <"$data/$stem.mbx"

# the .mbx alone where b4 wrote no .cover: still one series
cp "$data/$stem.mbx" "$tmp/alone.mbx"
expect alone 2 3 nocover '^(series\.tree-missing|trailer\.sob-sender-not-last)$' \
	-- "$tmp/alone.mbx"

# the version from the file name when the subjects have none
expect named 3 3 nocover '^(series\.tree-missing|trailer\.sob-sender-not-last)$' \
	-- "$data/v3_20260112_maint_mptcp_fix_the_example_counters.mbx"

# the same mails read as a plain mbox (no b4 From_ line): From: is the
# sender again, so a last Signed-off-by that is not the sender's is seen
sed 's/^From git@z .*/From alice@example.com Mon Jan  5 10:00:01 2026/' \
	"$data/$stem.mbx" >"$tmp/plain.mbox"
"$bin" check --format=json "$tmp/plain.mbox" >"$tmp/plain.check" 2>/dev/null
grep -q '"trailer.sob-sender-not-last"' "$tmp/plain.check" ||
	{ echo "FAIL: plain: trailer.sob-sender-not-last not raised"; fail=1; }

[ "$fail" = 0 ] && echo "b4am_cli: ok"
exit "$fail"
