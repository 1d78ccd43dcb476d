# SPDX-License-Identifier: GPL-2.0-or-later
# prereview as b4's per-patch check commands: one patch on stdin, one b4
# item per patch and tool (b4 keeps one result per message and tool), a
# "pass" item for a clean patch, and a patch that is a whole series
# checked as one (a [PATCH net] without Fixes: fails as `check` of its
# mbox does), with the repository b4 runs in when it is a kernel tree.
# b4's side of the protocol is replayed by tests/lib/b4proto.py
# (Debian's b4 0.12 has no check commands), checked first against the
# recorded shapes of tests/data/b4perpatch/protocol.
set -u
: "${PRV_BIN:?}" "${PRV_TEST_DATA:?}" "${PRV_SRC:?}"
command -v python3 >/dev/null || { echo "skipped: no python3"; exit 77; }
P=$PRV_BIN
D=$PRV_TEST_DATA/b4perpatch
PROTO=$PRV_SRC/tests/lib/b4proto.py
# a scratch $T, HOME in it, ok/fail/finish (no lore server is started)
source "$PRV_SRC/tests/lore/harness.sh"
unset B4_TRACKING_FILE


# 0. the replay of b4's reading matches what b4 keeps of each shape
for f in "$D"/protocol/*.json; do
	python3 "$PROTO" read "$f" 20250303-x@example.org 0 >"$T/kept" &&
		python3 -c 'import json, sys
k = json.load(open(sys.argv[1]))
want = json.load(open(sys.argv[2]))
got = {t: r["status"] for t, r in k["rows"].items()}
if k["lost"]:
    got["lost"] = k["lost"]
assert got == want, (got, want)
' "$T/kept" "${f%.json}.kept" 2>"$T/py" &&
		ok "protocol replay: $(basename "$f")" ||
		fail "protocol replay $(basename "$f"): $(cat "$T/py")"
done

# run FILE ARGS...: prereview check ARGS with FILE on stdin; rc, $T/out
run()
{
	local f=$1
	shift
	"$P" check "$@" <"$f" >"$T/out" 2>"$T/err"
	rc=$?
	if grep -qE 'Sanitizer|runtime error:' "$T/err"; then
		fail "sanitizer report: check $*: $(head -n 20 "$T/err")"
	fi
}

# b4 MSGID PYTHON [ARG]: what b4 keeps of $T/out for MSGID, as `k` (the
# rows by tool), and PYTHON's assertions on it; no item lost, no
# problem with the protocol
b4()
{
	python3 "$PROTO" read "$T/out" "$1" "$rc" >"$T/kept" || return 1
	python3 -c 'import json, sys
out = json.load(open(sys.argv[2]))
k = json.load(open(sys.argv[1]))
assert isinstance(out, list), out
assert not k["problems"], k["problems"]
assert k["lost"] == 0, ("items lost to a later one of the same tool", out)
assert list(k["rows"]) == ["prereview"], k
it = k["rows"]["prereview"]
'"$2" "$T/kept" "$T/out" "${3:-}" 2>"$T/py"
}

# 1. a whole-series patch is checked as its mbox is: [PATCH net] and
# [PATCH net 1/1] without Fixes: fail
"$P" check --format=json "$D/net-fix.eml" >"$T/mbox.json"
for f in net-fix net-fix-1of1; do
	run "$D/$f.eml" --format=b4 -
	[ "$rc" -eq 1 ] && b4 20250303-foo-fix-v1-1-b4test@example.org '
assert it["status"] == "fail", it
assert it["summary"] == "1 fail, 0 warn, 0 info", it
assert it["details"].startswith("fail  series.fixes-missing: \x27net\x27 series without any Fixes: tag\n"), it
assert it["url"] == "https://lore.kernel.org/r/20250303-foo-fix-v1-1-b4test@example.org", it
mbox = json.load(open(sys.argv[3]))
ids = sorted(f["id"] for f in mbox["findings"])
assert ids == ["series.fixes-missing"], ids
' "$T/mbox.json" && ok "per patch: $f fails like check of its mbox" ||
		fail "per patch $f: exit $rc: $(cat "$T/err" "$T/py") $(cat "$T/out")"
	run "$D/$f.eml" --format=checkpatch -
	[ "$rc" -eq 1 ] &&
		grep -q "^ERROR: series.fixes-missing: 'net' series without any Fixes: tag" "$T/out" &&
		ok "checkpatch lines (b4 am -k): $f fails" ||
		fail "checkpatch $f: exit $rc: $(cat "$T/err" "$T/out")"
done

# ... one patch of a longer series alone has no series checks
run "$D/net-fix-2of3.eml" --format=b4 -
[ "$rc" -eq 0 ] && b4 20250303-foo-fix-v1-2-b4test@example.org '
assert it["status"] == "pass", it
' && ok "per patch: 2/3 alone has no series finding" ||
	fail "per patch 2/3: exit $rc: $(cat "$T/err" "$T/py") $(cat "$T/out")"

# 2. a clean patch: one pass item, not []
run "$D/net-fix-2of3.eml" --format=b4 -
[ "$rc" -eq 0 ] && b4 20250303-foo-fix-v1-2-b4test@example.org '
assert it["summary"] == "0 fail, 0 warn, 0 info", it
' && ok "a clean patch: one pass item" ||
	fail "clean patch: exit $rc: $(cat "$T/err" "$T/py") $(cat "$T/out")"

# 3. a fail and a warn: one item, the worst status, both in the details
run "$D/two-findings.eml" --format=b4 -
[ "$rc" -eq 1 ] && b4 20250303-foo-long-v1-1-b4test@example.org '
assert it["status"] == "fail", it
assert it["summary"] == "1 fail, 1 warn, 0 info", it
d = it["details"].splitlines()
assert d[0].startswith("fail  trailer.sob-missing: "), d
assert any(l.startswith("warn  subject.too-long: ") for l in d), d
' && ok "fail and warn: one item, fail, both listed" ||
	fail "fail and warn: exit $rc: $(cat "$T/err" "$T/py") $(cat "$T/out")"

# 4. an mbox in the b4 format: one item per message, each once
cat "$D/net-fix.eml" "$D/two-findings.eml" | sed '1!{/^From: Ann/i\
From mboxrd@z Thu Jan  1 00:00:00 1970
}' | sed '1i\
From mboxrd@z Thu Jan  1 00:00:00 1970' >"$T/two.mbox"
"$P" check --format=b4 "$T/two.mbox" >"$T/out" 2>"$T/err"
python3 -c 'import json, sys
a = json.load(open(sys.argv[1]))
assert len(a) == 2, a
assert sorted(i["status"] for i in a) == ["fail", "fail"], a
assert len({i["url"] for i in a}) == 2, a
' "$T/out" 2>"$T/py" && ok "an mbox: one item per message" ||
	fail "mbox in b4 format: $(cat "$T/err" "$T/py") $(cat "$T/out")"

# 5. the repository: prereview.repo, else the kernel tree b4 runs in,
# else the details say there is none
export GIT_AUTHOR_NAME=T GIT_AUTHOR_EMAIL=t@example.org GIT_COMMITTER_NAME=T \
	GIT_COMMITTER_EMAIL=t@example.org
K=$T/linux
git init -q -b main "$K" && mkdir -p "$K/net/foo" "$K/scripts" &&
	{ cat "$PRV_TEST_DATA/b4review/foo.c"; printf '/* reset */\n\nvoid foo_reset(void)\n{\n}\n'; } \
		>"$K/net/foo/foo.c" && touch "$K/MAINTAINERS" "$K/scripts/checkpatch.pl" &&
	git -C "$K" add . && git -C "$K" commit -q -m base || exit 1
sed 's/^Signed-off-by:/Fixes: 0123456789ab ("net: foo: add foo_reset()")\n&/' \
	"$D/net-fix.eml" >"$T/fixes.eml"
NOREPO='no repository: Fixes: targets, the base and whether the patch applies were not checked'
run "$T/fixes.eml" --format=b4 -
[ "$rc" -eq 0 ] && b4 20250303-foo-fix-v1-1-b4test@example.org '
assert it["status"] == "pass", it
assert it["details"].rstrip().endswith("(set prereview.repo, or run in a kernel tree)"), it
assert it["details"].startswith("'"$NOREPO"'"), it
' && ok "no repository: the details say so" ||
	fail "no repository: exit $rc: $(cat "$T/err" "$T/py") $(cat "$T/out")"
(cd "$K/net" && "$P" check --format=b4 - <"$T/fixes.eml" >"$T/out" 2>"$T/err")
rc=$?
[ "$rc" -eq 1 ] && b4 20250303-foo-fix-v1-1-b4test@example.org '
d = it["details"]
assert d.startswith("fail  fixes.unknown-commit: "), it
assert "no repository" not in d and "apply.fails" not in d, it
assert "apply.base-unknown: no base-commit given; applied onto HEAD of \x27'"$K"'\x27" in d, it
' && ok "the kernel tree around the current directory" ||
	fail "kernel tree: exit $rc: $(cat "$T/err" "$T/py") $(cat "$T/out")"
rm "$K/MAINTAINERS"
(cd "$K" && "$P" check --format=b4 - <"$T/fixes.eml" >"$T/out" 2>"$T/err")
rc=$?
[ "$rc" -eq 0 ] && grep -q "$NOREPO" "$T/out" &&
	ok "a repository that is not a kernel tree is not taken" ||
	fail "not a kernel tree: exit $rc: $(cat "$T/err" "$T/out")"
git config --global prereview.repo "$K"
run "$T/fixes.eml" --format=b4 -
[ "$rc" -eq 1 ] && grep -q 'fixes\.unknown-commit' "$T/out" &&
	! grep -q "no repository" "$T/out" && ok "prereview.repo per patch" ||
	fail "prereview.repo: exit $rc: $(cat "$T/err" "$T/out")"
run "$T/fixes.eml" --format=checkpatch -
[ "$rc" -eq 1 ] && [ ! -s "$T/err" ] &&
	grep -q '^ERROR: fixes\.unknown-commit' "$T/out" &&
	ok "prereview.repo, checkpatch lines, nothing on stderr" ||
	fail "checkpatch with repo: exit $rc: $(cat "$T/err" "$T/out")"
git config --global --unset prereview.repo
run "$T/fixes.eml" --format=checkpatch -
[ "$rc" -eq 0 ] && [ ! -s "$T/err" ] && [ ! -s "$T/out" ] &&
	ok "no repository, checkpatch: silent (b4 takes every line)" ||
	fail "checkpatch, no repo: exit $rc: $(cat "$T/err" "$T/out")"

finish
