#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# `b4 am` itself on the self-made thread of tests/data/b4am (offline: -m),
# then `prereview check` on what it wrote: one series of three patches by
# three authors with its cover letter, and none of the findings b4's
# rewriting would raise falsely (tree tag, cover, changelog, sender's
# sign-off). Skipped without b4.
set -u

bin=${PRV_BIN:?PRV_BIN is not set}
src=$(cd "${PRV_SRC:?PRV_SRC is not set}" && pwd)
command -v b4 >/dev/null || { echo "b4am_live: skipped (no b4)"; exit 77; }
command -v python3 >/dev/null || { echo "skipped: no python3"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp GIT_CONFIG_NOSYSTEM=1 XDG_CONFIG_HOME=$tmp/xdg
mkdir -p "$tmp/out"
# b4 stops without an identity of its own
printf '[user]\n\tname = Tess Tester\n\temail = tess@example.org\n' \
	>"$tmp/.gitconfig"
cd "$tmp" || exit 1
if ! b4 -q am -m "$src/tests/data/b4am/thread.mbox" -o "$tmp/out" \
	>"$tmp/b4.log" 2>&1; then
	echo "FAIL: b4 am: $(tail -n 5 "$tmp/b4.log")"
	exit 1
fi
mbx=$(ls "$tmp"/out/*.mbx 2>/dev/null | head -n 1)
[ -n "$mbx" ] || { echo "FAIL: b4 am wrote no .mbx: $(ls "$tmp/out")"; exit 1; }
"$bin" show --format=json "$mbx" >"$tmp/show.json" ||
	{ echo "FAIL: show exit $?"; exit 1; }
"$bin" check --format=json "$mbx" >"$tmp/check.json"
python3 - "$tmp/show.json" "$tmp/check.json" <<'PY' || exit 1
import json, sys
show = json.load(open(sys.argv[1]))
check = json.load(open(sys.argv[2]))
assert len(show["series"]) == 1, [s["title"] for s in show["series"]]
v = show["series"][0]["versions"]
assert [x["version"] for x in v] == [2], v
assert v[0]["cover"] is not None, "the .cover was not read"
assert len(v[0]["patches"]) == 3, v[0]["patches"]
assert len({p["author"]["email"] for p in v[0]["patches"]}) == 3
false = {"series.tree-missing", "series.cover-missing", "changelog.missing",
         "trailer.sob-sender-not-last"}
bad = [f["id"] for f in check["findings"] if f["id"] in false]
assert not bad, bad
PY
echo "b4am_live: ok"
