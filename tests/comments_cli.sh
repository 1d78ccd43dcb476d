#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Review comments across versions, on a self-made thread
# (tests/data/comments/thread.mbox): one comment of each status on v1
# (changed by its hunk, changed by its commit-message line, credited by the
# v2 changelog naming the reviewer, answered by the author, dropped with
# its patch, open) and one pending on v2; a bare Reviewed-by, a bare
# Acked-by under quotes of other people, "Applied, thanks", a bot's report
# and the author's answer are not comments. Checks the JSON "comments",
# the checklist item and its finding in text, Markdown and JSON, and that
# --disable silences the finding.
set -u

bin=${PRV_BIN:?PRV_BIN is not set}
src=${PRV_SRC:?PRV_SRC is not set}
data=$src/tests/data/comments
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp GIT_CONFIG_NOSYSTEM=1
fail=0

"$bin" check --format=json "$data/thread.mbox" >"$tmp/out.json" 2>/dev/null
python3 - "$tmp/out.json" >"$tmp/got" <<'PY' || fail=1
import json, sys
d = json.load(open(sys.argv[1]))
for c in d["comments"]:
    print(c["version"], c["patch"], c["status"], c["reviewer"]["email"],
          c["file"], c["line"], c["quote"].strip(), sep="\t")
items = [i for i in d["checklist"] if i["title"] == "Review comments on v1"]
print("item", len(items), items and items[0]["status"])
print("findings", [f["id"] for f in d["findings"] if f["id"].startswith("review.comment")])
PY
if ! diff -u "$data/thread.expected" "$tmp/got"; then
	echo "FAIL: comments of thread.mbox"
	fail=1
fi

"$bin" check "$data/thread.mbox" >"$tmp/out.txt" 2>/dev/null
for want in "todo  Review comments on v1" \
	"6 comments: 1 open, 2 changed, 1 credited, 1 answered, 1 dropped" \
	"Jane Reviewer: 1 open, 1 changed, 1 credited" \
	"https://lore.kernel.org/r/j2@example.net" "[review.comment-open]"; do
	if ! grep -qF -- "$want" "$tmp/out.txt"; then
		echo "FAIL: text lacks: $want"
		fail=1
	fi
done
"$bin" check --format=markdown "$data/thread.mbox" >"$tmp/out.md" 2>/dev/null
if ! grep -qF -- "Review comments on v1" "$tmp/out.md"; then
	echo "FAIL: markdown lacks the item"
	fail=1
fi
"$bin" check --disable=review.comment-open "$data/thread.mbox" \
	>"$tmp/off.txt" 2>/dev/null
if grep -qF "review.comment-open" "$tmp/off.txt"; then
	echo "FAIL: --disable=review.comment-open left the finding"
	fail=1
fi
"$bin" show "$data/thread.mbox" >"$tmp/show.txt" 2>/dev/null
for want in "net: bar: set timeout [4 replies, 3 comments]" \
	"0/3 net: foo, bar and baz fixes [1 reply]"; do
	if ! grep -qF -- "$want" "$tmp/show.txt"; then
		echo "FAIL: show lacks: $want"
		fail=1
	fi
done
exit $fail
