# SPDX-License-Identifier: GPL-2.0-or-later
# prereview as b4's per-patch check commands: one patch on stdin, one b4
# item per patch and tool (b4 keeps one result per message and tool), a
# "pass" item for a clean patch, and a patch that is a whole series
# checked as one (a [PATCH net] without Fixes: fails as `check` of its
# mbox does). b4's side of the protocol is replayed by tests/lib/b4proto.py
# (Debian's b4 0.12 has no check commands), checked first against the
# recorded shapes of tests/data/b4perpatch/protocol.
set -u
: "${PRV_BIN:?}" "${PRV_TEST_DATA:?}" "${PRV_SRC:?}"
command -v python3 >/dev/null || { echo "skipped: no python3"; exit 77; }
P=$PRV_BIN
D=$PRV_TEST_DATA/b4perpatch
PROTO=$PRV_SRC/tests/lib/b4proto.py
T=$(mktemp -d "${TMPDIR:-/tmp}/prv-b4pp.XXXXXX")
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/home"
export HOME=$T/home GIT_CONFIG_NOSYSTEM=1
unset XDG_CONFIG_HOME GIT_DIR B4_TRACKING_FILE
cd "$T" || exit 1

FAILS=0
ok() { echo "ok - $*"; }
fail()
{
	echo "FAIL - $*"
	FAILS=$((FAILS + 1))
}

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

if [ "$FAILS" -ne 0 ]; then
	echo "$FAILS failure(s)"
	exit 1
fi
echo "all passed"
