#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# prereview show on the bundled sample series: the text screen against
# tests/golden/show-sample.txt, the JSON document's schema and fields,
# option handling, and exit code 3 with a message naming the input for
# bad SOURCEs.
set -u

bin=${PRV_BIN:?PRV_BIN is not set}
src=${PRV_SRC:?PRV_SRC is not set}
sample=$src/docs/examples/sample
golden=$src/tests/golden/show-sample.txt
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$src/tests/lib/cli.sh"

# Text: golden file, 80 columns
expect "text" 0 "$bin" show "$sample"
if diff -u "$golden" "$tmp/out"; then ok; else ko "text differs from $golden"; fi
cp "$tmp/out" "$tmp/text"
if python3 - "$tmp/text" <<'PY'; then ok; else ko "text wider than 80 columns"; fi
import sys
for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    if len(line.rstrip("\n")) > 80:
        sys.exit("line %d has %d columns" % (n, len(line) - 1))
PY
if [ -s "$tmp/err" ]; then ko "text: unexpected stderr"; else ok; fi

# Edge cases on the screen: incomplete, RESEND kept, partial reroll,
# mismatched reply trailer, RFC, in-body From; warnings at the end. Run from
# the source root so that any input name in a warning is relative.
edge=tests/data/series/edge.mbox
(cd "$src" && "$bin" show "$edge") >"$tmp/edge" 2>"$tmp/err"
if diff -u "$src/tests/golden/show-edge.txt" "$tmp/edge"; then ok;
else ko "edge text differs from tests/golden/show-edge.txt"; fi
(cd "$src" && "$bin" show --format=json "$edge") >"$tmp/edge.json"
if python3 - "$tmp/edge.json" <<'PY'; then ok; else ko "edge json"; fi
import json, sys

d = json.load(open(sys.argv[1]))
def need(cond, what):
    if not cond:
        sys.exit("edge json: " + what)

need(len(d["series"]) == 2, "two series")
tcp, rfc = d["series"]
need(tcp["title"] == "tcp: edge cases", "title from the cover")
need(tcp["change_id"] is None, "no change-id")
v2, v3 = tcp["versions"]
need(v2["version"] == 2 and v3["version"] == 3, "versions")
need(not v2["complete"] and v2["missing"] == [2], "v2 missing 2")
need(v2["resend"] and v2["tags"] == ["net"], "v2 resend, net")
need([p["index"] for p in v2["patches"]] == [1, 3], "v2 indexes")
need(v2["patches"][0]["message_id"] == "edge-v2-1r@example.org",
     "the RESEND copy is kept")
need(v2["duplicates"] == ["edge-v2-1@example.org"], "duplicate set aside")
rt = v2["patches"][1]["review_trailers"]
need([(r["key"], r["sender_mismatch"]) for r in rt] ==
     [("Acked-by", True), ("Tested-by", False)], "mismatch flags")
need(all(r["from"]["email"] == "bob@example.org" for r in rt), "sender")
need(v3["partial"] and v3["cover"] is None, "v3 partial")
need([(p["index"], p["filled_in"]) for p in v3["patches"]] ==
     [(1, True), (3, False)], "v3 filled in")
need(v3["missing"] == [2], "v3 missing 2")
need(v3["patches"][1]["files"][0]["new"] == "net/ipv4/tcp_input.c", "v3 file")
r = rfc["versions"][0]
need(r["rfc"] and r["tags"] == ["net-next"] and r["complete"], "rfc")
p = r["patches"][0]
need(p["author"] == {"name": "Dave Author", "email": "dave@example.org"},
     "in-body From is the author")
need(p["from"]["email"] == "carol@example.org", "sender")
need(rfc["author"]["email"] == "dave@example.org", "series author")
need(len(d["warnings"]) == 5, "warnings %d" % len(d["warnings"]))
need(all(set(w) >= {"message_id", "source", "text"} for w in d["warnings"]),
     "warning fields")
PY

# CJK subjects and trailer names: two columns a character, as a terminal
# shows them, measured by python, not by prereview. No line passes 80
# columns, none is cut inside a character, whatever the locale.
cjk=$src/tests/data/series/cjk.mbox
expect "cjk text" 0 env LC_ALL=C LANG=C "$bin" show "$cjk"
cp "$tmp/out" "$tmp/cjk"
if python3 "$src/tests/lib/columns.py" 80 "$tmp/cjk"; then ok;
else ko "cjk: text wider than 80 columns"; fi
LC_ALL=C.UTF-8 "$bin" show "$cjk" >"$tmp/cjk.utf8" 2>/dev/null
if cmp -s "$tmp/cjk" "$tmp/cjk.utf8"; then ok;
else ko "cjk: output depends on the locale"; fi
while IFS= read -r want; do
	if grep -qF -- "$want" "$tmp/cjk"; then ok;
	else ko "cjk: no '$want' in"; sed 's/^/    /' "$tmp/cjk"; fi
done <<'EOF'
author: 张三 <zhangsan@example.cn>
  2/2 selftests: mptcp: 为多路径路由添加新的测试用例
欧阳娜娜
      + Reviewed-by: 司马相如 (sent by 陈静: not the same person)
_用于检查显示宽度.sh (new) | +2 -0
EOF

# Several SOURCEs merge into one input: the files one by one read as the dir
expect "files" 0 "$bin" show "$sample"/v2-* "$sample"/v1-*
if cmp -s "$tmp/out" "$tmp/text"; then ok; else ko "files vs directory differ"; fi

# A Fixes: tag given in a reply is cut to its commit id, as the patch's
# own: the "(in a reply)" note stays on the screen.
mkdir "$tmp/fixreply"
cp "$sample"/v1-0001-*.patch "$tmp/fixreply/"
sed -e 's/^Reviewed-by: .*/Fixes: 0123456789ab ("mptcp: a very long title of the commit that is fixed here, long")/' \
	-e 's/b0b-review-1/b0b-review-fixes/' \
	"$sample"/v1-0001-reply-bob.eml >"$tmp/fixreply/reply.eml"
expect "fixes in a reply" 0 "$bin" show "$tmp/fixreply"
if grep -qx '      + Fixes: 0123456789ab (in a reply)' "$tmp/out"; then ok
else ko "fixes in a reply: $(grep 'Fixes' "$tmp/out")"; fi

# git format-patch writes no Message-ID (send-email adds one): no warning
# for its files. Any other mail without one gets a warning that names the
# file, not the Message-ID made up for it.
mkdir "$tmp/noid"
sed '/^Message-I[Dd]:/d' "$sample"/v2-0001-*.patch >"$tmp/noid/0001-a.patch"
sed -e '/^Message-I[Dd]:/d' -e '1d' "$sample"/v2-0002-*.patch \
	>"$tmp/noid/0002-b.eml"
expect "no Message-ID" 0 "$bin" show "$tmp/noid"
if grep -q "^  $tmp/noid/0002-b.eml: message without a Message-ID" \
	"$tmp/out" && ! grep -q "0001-a.patch: message without" "$tmp/out" &&
	! grep -q "^  <prv-missing" "$tmp/out"; then ok
else ko "no Message-ID: $(sed -n '/^warnings/,$p' "$tmp/out")"; fi
# a whole format-patch directory, cover letter included: nothing to say
mkdir "$tmp/fp"
for f in "$sample"/v2-*.patch; do
	sed '/^Message-I[Dd]:/d; /^In-Reply-To:/d; /^References:/d' "$f" \
		>"$tmp/fp/$(basename "$f")"
done
expect "format-patch directory" 0 "$bin" check "$tmp/fp"
if ! grep -q "input warning" "$tmp/out"; then ok
else ko "format-patch directory: $(tail -n 3 "$tmp/out")"; fi

# help is a command of its own, as the man page lists it
expect "help help" 0 "$bin" help help
if grep -q "^usage: prereview \[OPTIONS\] COMMAND" "$tmp/out"; then ok
else ko "help help: $(head -1 "$tmp/err")"; fi

# output that cannot be written is an error, help and show alike
if [ -w /dev/full ]; then
	for args in "--help" "help check" "show $sample"; do
		# shellcheck disable=SC2086
		"$bin" $args >/dev/full 2>"$tmp/err"
		rc=$?
		if [ $rc -eq 3 ] && grep -q "^prereview: error: could not write" "$tmp/err"; then ok
		else ko "$args >/dev/full: exit $rc: $(cat "$tmp/err")"; fi
	done
else
	echo "note: no writable /dev/full, write errors not tested"
fi
expect "help of no command" 2 "$bin" help frob
if grep -qx "prereview: error: 'frob' is not a prereview command" "$tmp/err"
then ok; else ko "help frob: $(head -1 "$tmp/err")"; fi

# stdin given twice: the second would read nothing
expect "stdin twice" 2 "$bin" show - - <"$sample"/v1-0001-*.patch
if grep -qx "prereview: error: '-' (stdin) given twice" "$tmp/err"; then ok
else ko "stdin twice: $(head -1 "$tmp/err")"; fi

# a global option that wants a value says so
expect "--lore-url without a value" 2 "$bin" --lore-url
if grep -qx "prereview: error: '--lore-url' needs a value" "$tmp/err"; then ok
else ko "--lore-url without a value: $(head -1 "$tmp/err")"; fi

# A long review trailer is wrapped, not cut: its end says who gave it.
sed -e 's/^Reviewed-by: .*/Reviewed-by: Somebody With A Rather Long Name Indeed <somebody@example.org>/' \
	-e 's/b0b-review-1/b0b-review-long/' \
	"$sample"/v1-0001-reply-bob.eml >"$tmp/fixreply/reply2.eml"
expect "long review trailer" 0 "$bin" show "$tmp/fixreply"
if grep -A1 '^      + Reviewed-by: Somebody With A Rather Long Name Indeed (sent by' \
	"$tmp/out" | grep -q '^          .*not the same person)$'; then ok
else ko "long review trailer: $(grep -A1 Somebody "$tmp/out")"; fi

# stdin
expect "stdin" 0 "$bin" show - <"$sample"/v1-0000-cover-letter.patch
if grep -q "^v1 \[mptcp-net\]" "$tmp/out"; then ok; else ko "stdin: no v1"; fi

# JSON
expect "json" 0 "$bin" show --format=json "$sample"
cp "$tmp/out" "$tmp/json"
if python3 -m json.tool "$tmp/json" >/dev/null; then ok; else ko "invalid json"; fi
expect "json spaced option" 0 "$bin" show --format json "$sample"
if cmp -s "$tmp/out" "$tmp/json"; then ok; else ko "--format json differs"; fi
expect "option after source" 0 "$bin" show "$sample" --format=json
if cmp -s "$tmp/out" "$tmp/json"; then ok; else ko "late option differs"; fi

if python3 - "$tmp/json" <<'PY'; then ok; else ko "json fields"; fi
import json, re, sys

d = json.load(open(sys.argv[1]))
def need(cond, what):
    if not cond:
        sys.exit("json: " + what)

MESSAGE = {"message_id", "in_reply_to", "date", "from", "author", "subject",
           "title", "message", "notes", "diff", "trailers", "files",
           "patch_id", "review_trailers"}
need(d["schema"] == "prereview-series/1", "schema")
need(d["warnings"] == [], "warnings %r" % d["warnings"])
need(len(d["series"]) == 1, "one series")
s = d["series"][0]
need(s["change_id"] == "20240301-pm-subflows-5f2a9c0d1e3b", "change_id")
need(s["title"] == "mptcp: pm: fix subflow accounting", "title")
need([v["version"] for v in s["versions"]] == [1, 2], "versions")
for v in s["versions"]:
    need(v["tags"] == ["mptcp-net"], "tags")
    need(v["rfc"] is False and v["resend"] is False, "rfc/resend")
    need(v["expected"] == 3 and v["complete"] is True, "complete")
    c = v["cover"]
    need(MESSAGE <= set(c), "cover fields %s" % (MESSAGE - set(c)))
    need(c["title"] == "mptcp: pm: fix subflow accounting", "cover title")
    need(c["in_reply_to"] is None and c["patch_id"] is None, "cover ids")
    need(c["diff"] == "" and c["files"] == [], "cover has no diff")
    need([p["index"] for p in v["patches"]] == [1, 2, 3], "indexes")
    for p in v["patches"]:
        need(MESSAGE <= set(p), "patch fields %s" % (MESSAGE - set(p)))
        need(p["total"] == 3, "total")
        need(re.fullmatch(r"[0-9a-f]{40}", p["patch_id"] or ""), "patch_id")
        need(p["in_reply_to"] == c["message_id"], "threading")
        need(p["from"] == {"name": "Alice Developer",
                           "email": "alice@example.org"}, "from")
        need(p["author"] == p["from"], "author")
        need(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", p["date"]),
             "date format")
        need(p["diff"].startswith("diff --git "), "diff text")
        need(not p["message"].startswith(p["title"]), "message has no title")
        need(p["trailers"][-1] == {"key": "Signed-off-by",
             "value": "Alice Developer <alice@example.org>"}, "sob")
v1, v2 = s["versions"]
need(v1["cover"]["date"] == "2024-03-01T10:00:00Z", "v1 date")
need(v2["cover"]["date"] == "2024-03-05T09:00:00Z", "v2 date")
need("Link to v1: https://lore.kernel.org/r/" + v1["cover"]["message_id"]
     in v2["cover"]["message"] + v2["cover"]["notes"], "changelog link")
rt = v1["patches"][0]["review_trailers"]
need(len(rt) == 1, "one review trailer on v1 1/3")
need(rt[0]["key"] == "Reviewed-by" and
     rt[0]["value"] == "Bob Reviewer <bob@example.org>", "review trailer")
need(rt[0]["from"] == {"name": "Bob Reviewer", "email": "bob@example.org"},
     "review trailer sender")
need(rt[0]["message_id"] == "b0b-review-1@example.org", "review msgid")
need(all(not p["review_trailers"] for p in v1["patches"][1:]), "only 1/3")
need({"key": "Reviewed-by", "value": "Bob Reviewer <bob@example.org>"}
     in v2["patches"][0]["trailers"], "carried tag")
need(v1["patches"][1]["files"] == [
    {"old": "include/net/mptcp.h", "new": "include/net/mptcp.h",
     "added": 2, "removed": 0},
    {"old": "net/ipv4/tcp_output.c", "new": "net/ipv4/tcp_output.c",
     "added": 6, "removed": 0}], "files %r" % v1["patches"][1]["files"])
need(v1["patches"][0]["patch_id"] == v2["patches"][0]["patch_id"],
     "unchanged patch keeps its patch-id")
need(v1["patches"][1]["patch_id"] != v2["patches"][1]["patch_id"],
     "changed patch changes its patch-id")
PY

# Help and usage errors
expect "--help" 0 "$bin" show --help
if grep -q "^usage: prereview show" "$tmp/out"; then ok; else ko "--help text"; fi
expect "-h" 0 "$bin" show -h
expect "no source" 2 "$bin" show
expect "bad format" 2 "$bin" show --format=xml "$sample"
if grep -q "^prereview: error: bad --format value 'xml'" "$tmp/err"; then ok;
else ko "bad format message"; fi
expect "unknown option" 2 "$bin" show --frobnicate "$sample"

# Every option a command takes is in its help, the man page and the bash
# completion (the lists follow the argument parsing in cmd/*.c).
man=$src/docs/prereview.1
comp=$src/contrib/prereview.bash-completion
while read -r cmd opts; do
	"$bin" help "$cmd" >"$tmp/help"
	for o in $opts; do
		grep -qe "$o\b" "$tmp/help" || ko "$cmd: '$o' not in its help"
		grep -qF -e "${o//-/\\-}" "$man" ||
			ko "$cmd: '$o' not in the man page"
		grep -qE -e " $o([= \"]|$)" "$comp" ||
			ko "$cmd: '$o' not in the bash completion"
	done
	ok
done <<'EOF'
show --format --no-versions --offline
diff --format --creation-factor --range --no-patch -s --no-versions --offline
check --format --repo --rules --disable --profile --severity --net-next-closed --no-versions --offline --lore-url
reply -o --output --from --all --format --repo --rules --disable --profile --severity --net-next-closed --offline --no-versions --lore-url
fetch -o --output --versions --no-versions --single --offline -q --quiet
EOF

# Bad input: exit 3, message naming the input, nothing on stdout
printf '\x00\x01\x02 not mail at all\n' >"$tmp/junk.bin"
expect "not mail" 3 "$bin" show "$tmp/junk.bin"
if grep -q "^prereview: error: .*junk.bin" "$tmp/err"; then ok;
else ko "not mail: message does not name the file"; fi
if [ -s "$tmp/out" ]; then ko "not mail: stdout written"; else ok; fi
expect "missing" 3 "$bin" show "$tmp/no-such.mbox"
if grep -q "^prereview: error: .*no-such.mbox" "$tmp/err"; then ok;
else ko "missing: message does not name the file"; fi
if [ -s "$tmp/out" ]; then ko "missing: stdout written"; else ok; fi
expect "missing after good" 3 "$bin" show "$sample" "$tmp/no-such.mbox"
if [ -s "$tmp/out" ]; then ko "half a report written"; else ok; fi

echo "show_cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
