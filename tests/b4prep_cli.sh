#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# A b4 prep branch as a SOURCE (`check --branch [NAME]`). A scratch
# repository holds a branch laid out as b4 prep keeps it: an empty cover
# letter commit whose message ends in b4's tracking data (change-id,
# revision 2, prefixes, the v1 sent), three patches by two authors, and
# the annotated tag sent/<branch>-v1 b4 made when v1 was sent. check reads
# one series of two versions: v2 numbered 1/3..3/3 under its cover (the
# cover commit is no patch), v1 from the tag, compared with v2; the
# patches apply on the base. When b4 is installed, `b4 prep -n` makes a
# branch of its own that reads the same way. Also: git-prereview on the
# branch, and the errors (not a prep branch, no such branch, SOURCEs).
set -u

bin=${PRV_BIN:?PRV_BIN is not set}
src=$(cd "${PRV_SRC:?PRV_SRC is not set}" && pwd)
command -v git >/dev/null || { echo "skipped: no git"; exit 77; }
command -v python3 >/dev/null || { echo "skipped: no python3"; exit 77; }
tmp=$(mktemp -d)
[ -n "${PRV_KEEP:-}" ] && echo "kept: $tmp"
[ -n "${PRV_KEEP:-}" ] || trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp GIT_CONFIG_NOSYSTEM=1 XDG_CONFIG_HOME=$tmp/xdg
git config --global user.name 'Mat Maint'
git config --global user.email maint@example.org
git config --global init.defaultBranch main
export GIT_COMMITTER_DATE='2026-01-01T10:00:00Z'
export GIT_AUTHOR_DATE='2026-01-01T10:00:00Z'
fail=0
die() { echo "FAIL: $*"; fail=1; }

# cover REVISION HISTORY-JSON CHANGES: b4's cover letter commit message
cover() {
	cat <<COVER
mptcp: fix the example counters

# Lines starting with # are b4's comments: not sent.
Three fixes for the example counters.

$3

--- b4-submit-tracking ---
# This section is used internally by b4 prep for tracking purposes.
{
  "series": {
    "revision": $1,
    "change-id": "20260101-counters-0123456789ab",
    "base-branch": "main",
    "prefixes": [
      "net"
    ]$2
  }
}
COVER
}

# patch FILE-CONTENT AUTHOR TITLE
patch() {
	printf '%s\n' "$1" >net/mptcp/example.c
	git add net/mptcp/example.c
	git commit -q --author="$2" -F - <<MSG
$3

Fix the example: $3.

Fixes: $(git rev-parse --short=12 main) ("mptcp: add the example")
Signed-off-by: $2
$([ "$2" = 'Mat Maint <maint@example.org>' ] ||
		echo 'Signed-off-by: Mat Maint <maint@example.org>')
MSG
}

cd "$tmp" && git init -q repo && cd repo || exit 1
mkdir -p net/mptcp
printf 'int a;\nint b;\nint c;\n' >net/mptcp/example.c
git add . && git commit -q -m 'mptcp: add the example'
git checkout -q -b b4/counters
alice='Alice Author <alice@example.com>'
mat='Mat Maint <maint@example.org>'
bob='Bob Builder <bob@example.net>'

# v1, as sent, tagged the way b4 tags it
cover 1 '' '' | git commit -q --allow-empty -F -
patch $'int a = 0;\nint b;\nint c;' "$alice" 'mptcp: reset the example counter'
patch $'int a = 0;\nint b = 0;\nint c;' "$mat" 'mptcp: take the example lock'
patch $'int a = 0;\nint b = 0;\nint c = 0;' "$bob" 'mptcp: avoid the example overflow'
git tag -a -F - sent/counters-v1 HEAD <<TAG
[PATCH net] mptcp: fix the example counters

Three fixes for the example counters.

---
base-commit: $(git rev-parse main)
change-id: 20260101-counters-0123456789ab
TAG

# v2: the branch rebuilt, patch 2 changed, revision 2 with v1's history
export GIT_COMMITTER_DATE='2026-01-05T10:00:00Z'
git checkout -q -B b4/counters main
cover 2 ',
    "history": {
      "v1": [
        "20260101-counters-v1-0-abc@example.org"
      ]
    }' 'Changes in v2:
- patch 2: take the lock on b too
- Link to v1: https://lore.kernel.org/r/20260101-counters-v1-0-abc@example.org' |
	git commit -q --allow-empty -F -
patch $'int a = 0;\nint b;\nint c;' "$alice" 'mptcp: reset the example counter'
patch $'int a = 0;\nint b = 1;\nint c;' "$mat" 'mptcp: take the example lock'
patch $'int a = 0;\nint b = 1;\nint c = 0;' "$bob" 'mptcp: avoid the example overflow'

# one series, v1 from the tag and v2 from the branch
"$bin" check --format=json --branch >"$tmp/check.json" 2>"$tmp/err"
rc=$?
[ "$rc" -le 1 ] || die "check --branch: exit $rc: $(cat "$tmp/err")"
python3 - "$tmp/check.json" <<'PY' || die "check --branch: $(cat "$tmp/err")"
import json, sys
r = json.load(open(sys.argv[1]))
vs = r["series"]["versions"]
assert [v["version"] for v in vs] == [1, 2], vs
v2 = vs[1]
assert v2["cover"] is not None
assert "net" in v2["tags"], v2["tags"]
assert [p["index"] for p in v2["patches"]] == [1, 2, 3], v2["patches"]
assert all(p["total"] == 3 for p in v2["patches"]), v2["patches"]
assert len({p["author"]["email"] for p in v2["patches"]}) == 3
assert [p["index"] for p in vs[0]["patches"]] == [1, 2, 3], vs[0]
ids = [f["id"] for f in r["findings"]]
for bad in ("apply.fails", "series.cover-missing", "series.tree-missing",
            "trailer.sob-sender-not-last", "changelog.missing",
            "changelog.link-missing", "base.unknown"):
    assert bad not in ids, (bad, ids)
PY

# the text names the versions; the short name finds b4's "b4/" branch
git checkout -q main
"$bin" check --branch counters >"$tmp/out.txt" 2>"$tmp/err"
grep -q '^v2, 3 patches' "$tmp/out.txt" ||
	die "check --branch counters: $(head -n 5 "$tmp/out.txt") $(cat "$tmp/err")"
"$bin" check --branch=b4/counters >"$tmp/out2.txt" 2>&1
cmp -s "$tmp/out.txt" "$tmp/out2.txt" ||
	die "--branch=b4/counters differs from --branch counters"

# git-prereview on the branch reads it the same way (no cover commit as a
# patch, no split by author, no false apply.fails)
mkdir -p "$tmp/bin"
ln -s "$bin" "$tmp/bin/prereview"
ln -s "$src/contrib/git-prereview" "$tmp/bin/git-prereview"
git checkout -q b4/counters
PATH=$tmp/bin:$PATH git prereview --format=json >"$tmp/alias.json" \
	2>"$tmp/err"
python3 - "$tmp/check.json" "$tmp/alias.json" <<'PY' ||
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:])
def shape(r):  # what was read, without the dates (the time of the run)
    return [(v["version"], [(p["index"], p["subject"], p["author"]["email"])
                            for p in v["patches"]]) for v in r["series"]["versions"]]
assert shape(a) == shape(b), shape(b)
assert [f["id"] for f in a["findings"]] == [f["id"] for f in b["findings"]]
PY
	die "git prereview on the prep branch: $(cat "$tmp/err")"
git checkout -q main

# errors: not a prep branch, no such branch, a SOURCE with it
"$bin" check --branch >/dev/null 2>"$tmp/err"
rc=$?
[ "$rc" = 3 ] && grep -q 'no b4 cover letter commit' "$tmp/err" ||
	die "--branch on main: exit $rc: $(cat "$tmp/err")"
"$bin" check --branch nosuch >/dev/null 2>"$tmp/err"
rc=$?
[ "$rc" = 3 ] && grep -q "no branch 'nosuch'" "$tmp/err" ||
	die "--branch nosuch: exit $rc: $(cat "$tmp/err")"
"$bin" check --branch counters x.mbox >/dev/null 2>"$tmp/err"
rc=$?
[ "$rc" = 2 ] || die "--branch with a SOURCE: exit $rc: $(cat "$tmp/err")"

# b4 itself makes the branch, when it is installed
if command -v b4 >/dev/null; then
	git checkout -q main
	if b4 prep -n real -f main >"$tmp/b4.log" 2>&1 &&
		b4 prep --set-prefixes net-next >>"$tmp/b4.log" 2>&1; then
		patch $'int a = 5;\nint b;\nint c;' "$alice" 'mptcp: five'
		patch $'int a = 5;\nint b = 5;\nint c;' "$mat" 'mptcp: five more'
		"$bin" check --format=json --branch >"$tmp/real.json" \
			2>"$tmp/err"
		python3 - "$tmp/real.json" <<'PY' || die "b4 prep branch: $(cat "$tmp/err")"
import json, sys
r = json.load(open(sys.argv[1]))
vs = r["series"]["versions"]
assert [v["version"] for v in vs] == [1], vs
assert "net-next" in vs[0]["tags"], vs[0]["tags"]
assert [p["index"] for p in vs[0]["patches"]] == [1, 2], vs[0]["patches"]
assert vs[0]["cover"] is not None
ids = [f["id"] for f in r["findings"]]
assert "apply.fails" not in ids, ids
PY
	else
		echo "b4 prep could not make a branch: $(tail -n 3 "$tmp/b4.log")"
	fi
else
	echo "b4prep_cli: no b4, its own branch not tried"
fi

[ "$fail" = 0 ] && echo "b4prep_cli: ok"
exit "$fail"
