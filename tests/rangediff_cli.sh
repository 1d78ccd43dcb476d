# SPDX-License-Identifier: GPL-2.0-or-later
# `prereview diff` on the command line: forms (OLD NEW, SOURCE..., --range),
# exit codes, JSON, --no-patch, colours, partial rerolls.
set -u

: "${PRV_BIN:?PRV_BIN must name the prereview binary}"
: "${PRV_SRC:?PRV_SRC must name the source tree}"
for tool in git python3; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "skipped: $tool is not installed"
		exit 77
	fi
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
pass() { echo "ok   $1"; }
fail() {
	echo "FAIL $1"
	fails=$((fails + 1))
}
# expect_exit CODE NAME CMD...
expect_exit() {
	local want=$1 name=$2 rc
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -eq "$want" ]; then
		pass "$name (exit $rc)"
	else
		fail "$name: exit $rc, want $want"
		cat "$tmp/err"
	fi
}

python3 "$PRV_SRC/tests/rangediff_gen.py" "$tmp/s" hand-reverse-order \
	>/dev/null
repo="$tmp/s/repo"
# Threaded, with a cover letter, as a series is sent.
git -C "$repo" format-patch -q --stdout --thread --cover-letter base..v1 \
	>"$tmp/v1.mbox"
git -C "$repo" format-patch -q --stdout --thread --cover-letter -v2 \
	base..v2 >"$tmp/v2.mbox"
cat "$tmp/v1.mbox" "$tmp/v2.mbox" >"$tmp/both.mbox"

expect_exit 0 "OLD NEW" "$PRV_BIN" diff "$tmp/s/v1" "$tmp/s/v2"
grep -q '^1:  [0-9a-f]\{7\} [=!] 3:  [0-9a-f]\{7\} ' "$tmp/out" &&
	pass "reversed order pairs 1 with 3" || fail "reversed order pairs"
expect_exit 0 "SOURCE... with two versions" "$PRV_BIN" diff "$tmp/both.mbox"
expect_exit 0 "--range=1..2" "$PRV_BIN" diff --range=1..2 "$tmp/both.mbox"
expect_exit 3 "--range with a missing version" "$PRV_BIN" diff --range=1..5 \
	"$tmp/both.mbox"
expect_exit 3 "one version only" "$PRV_BIN" diff "$tmp/v1.mbox"
grep -q 'only one version' "$tmp/err" && pass "one version: message" ||
	fail "one version: message"
printf 'From: a@b\nSubject: hello\n\nno patch here\n' >"$tmp/nopatch.eml"
expect_exit 3 "a source without a patch" "$PRV_BIN" diff "$tmp/nopatch.eml" \
	"$tmp/v2.mbox"
expect_exit 3 "unreadable source" "$PRV_BIN" diff "$tmp/none.mbox" \
	"$tmp/v2.mbox"
expect_exit 2 "unknown option" "$PRV_BIN" diff --bogus "$tmp/v1.mbox"
expect_exit 2 "bad creation factor" "$PRV_BIN" diff --creation-factor=x \
	"$tmp/v1.mbox" "$tmp/v2.mbox"
expect_exit 2 "bad range" "$PRV_BIN" diff --range=3 "$tmp/both.mbox"
grep -q "bad --range '3' (want A..B)" "$tmp/err" &&
	pass "bad range: message names the value" ||
	fail "bad range: message"
# --opt value as well as --opt=value, as show, check and git range-diff
expect_exit 0 "--range=1..2 --format=json --creation-factor=60" \
	"$PRV_BIN" diff --range=1..2 --format=json --creation-factor=60 \
	"$tmp/both.mbox"
cp "$tmp/out" "$tmp/glued"
expect_exit 0 "--range 1..2 --format json --creation-factor 60" \
	"$PRV_BIN" diff --range 1..2 --format json --creation-factor 60 \
	"$tmp/both.mbox"
cmp -s "$tmp/glued" "$tmp/out" && pass "--opt value acts as --opt=value" ||
	fail "--opt value differs from --opt=value"
for opt in --format --range --creation-factor; do
	expect_exit 2 "$opt without a value" "$PRV_BIN" diff "$tmp/both.mbox" \
		"$opt"
	grep -q "error: '$opt' needs a value" "$tmp/err" &&
		pass "$opt without a value: message" ||
		fail "$opt without a value: message"
done
expect_exit 2 "no source" "$PRV_BIN" diff

expect_exit 0 "--no-patch" "$PRV_BIN" diff --no-patch "$tmp/v1.mbox" \
	"$tmp/v2.mbox"
if grep -q '^    ' "$tmp/out"; then
	fail "--no-patch printed inner diffs"
else
	pass "--no-patch prints pair lines only"
fi
cp "$tmp/out" "$tmp/before"
expect_exit 0 "options after the SOURCEs" "$PRV_BIN" diff "$tmp/v1.mbox" \
	"$tmp/v2.mbox" --no-patch
if cmp -s "$tmp/before" "$tmp/out"; then
	pass "options after the SOURCEs act as before them"
else
	fail "options after the SOURCEs act differently"
fi

expect_exit 0 "--color=always" "$PRV_BIN" --color=always diff \
	"$tmp/v1.mbox" "$tmp/v2.mbox"
grep -q $'\033\\[' "$tmp/out" && pass "colours when asked" ||
	fail "no colours with --color=always"
expect_exit 0 "not a terminal" "$PRV_BIN" diff "$tmp/v1.mbox" "$tmp/v2.mbox"
grep -q $'\033' "$tmp/out" && fail "colours on a pipe" ||
	pass "no colours on a pipe"

expect_exit 0 "--format=json" "$PRV_BIN" diff --format=json "$tmp/v1.mbox" \
	"$tmp/v2.mbox"
if python3 - "$tmp/out" <<'EOF'; then
import json, sys
d = json.load(open(sys.argv[1]))
assert d["schema"] == "prereview-rangediff/1"
assert d["old"]["version"] == 1 and d["new"]["version"] == 2
for p in d["pairs"]:
    assert p["status"] in "=!<>"
    assert (p["old"] is None) == (p["status"] == ">")
    assert (p["new"] is None) == (p["status"] == "<")
    if p["status"] == "!":
        assert p["changed"] and "inner_diff" in p
EOF
	pass "JSON follows prereview-rangediff/1"
else
	fail "JSON schema"
fi

# A partial reroll: only patch 2 resent, as [PATCH v1->v2 2/3] in reply
# to the v1 cover letter.
git -C "$repo" format-patch -q --stdout --thread --cover-letter base..v1 \
	>"$tmp/p1.mbox"
cover_id=$(sed -n 's/^Message-I[dD]: <\(.*\)>$/\1/p' "$tmp/p1.mbox" | head -1)
git -C "$repo" format-patch -q --stdout --thread -v2 \
	--in-reply-to="$cover_id" base..v2 |
	awk '/^From [0-9a-f]+ /{n++} n==2' |
	sed -E -e 's/^Subject: \[PATCH v2 2\/3\]/Subject: [PATCH v1->v2 2\/3]/' \
		-e 's/^(Message-I[dD]: <)/\1partial-/' >"$tmp/p2.mbox"
cat "$tmp/p1.mbox" "$tmp/p2.mbox" >"$tmp/p12.mbox"
for form in "OLD NEW:$tmp/p1.mbox $tmp/p2.mbox" "SOURCE:$tmp/p12.mbox"; do
	# shellcheck disable=SC2086
	expect_exit 0 "partial reroll (${form%%:*})" "$PRV_BIN" diff ${form#*:}
	if grep -q 'partial reroll; patches 1, 3 taken from v1' "$tmp/out" &&
		[ "$(grep -c ' = ' "$tmp/out")" -ge 2 ] &&
		! grep -q ' < ' "$tmp/out"; then
		pass "partial reroll filled in (${form%%:*})"
	else
		fail "partial reroll not filled in (${form%%:*})"
		cat "$tmp/out"
	fi
done

# ... and with OLD or NEW on stdin, which is read once (the partial
# reroll reads both again, as one input)
expect_exit 0 "partial reroll, NEW on stdin" "$PRV_BIN" diff "$tmp/p1.mbox" - \
	<"$tmp/p2.mbox"
grep -q 'partial reroll; patches 1, 3 taken from v1' "$tmp/out" &&
	pass "partial reroll filled in (NEW on stdin)" ||
	fail "partial reroll not filled in (NEW on stdin)"
gzip -c "$tmp/p1.mbox" >"$tmp/p1.mbox.gz"
expect_exit 0 "partial reroll, OLD on stdin, gzip" "$PRV_BIN" diff - \
	"$tmp/p2.mbox" <"$tmp/p1.mbox.gz"
grep -q 'partial reroll; patches 1, 3 taken from v1' "$tmp/out" &&
	pass "partial reroll filled in (OLD on stdin)" ||
	fail "partial reroll not filled in (OLD on stdin)"

# stdin holds one input: a second '-' among the SOURCEs is a usage error,
# as for show and check
expect_exit 2 "'-' twice among the SOURCEs" "$PRV_BIN" diff - "$tmp/p1.mbox" - \
	<"$tmp/p2.mbox"
grep -qx "prereview: error: '-' (stdin) given twice" "$tmp/err" &&
	pass "'-' twice: message" || fail "'-' twice: $(head -1 "$tmp/err")"
# A rebase (only context lines and a function name moved) and a patch
# rewritten past the creation factor under the same title and author
# (tests/data/check/make.py writes both).
check_data="$PRV_SRC/tests/data/check"
expect_exit 0 "a rebased patch" "$PRV_BIN" diff --no-patch \
	"$check_data/golden-rebased.mbox"
grep -q '^2:  [0-9a-f]\{7\} ! 2:  [0-9a-f]\{7\} foo: second thing (rebased)$' \
	"$tmp/out" && pass "rebase shown as rebased" ||
	fail "rebase not shown: $(cat "$tmp/out")"
expect_exit 0 "a rebased patch, JSON" "$PRV_BIN" diff --format=json \
	"$check_data/golden-rebased.mbox"
python3 -c '
import json, sys
p = json.load(open(sys.argv[1]))["pairs"][1]
assert p["status"] == "!" and p["changed"] == ["context"], p
assert "rewritten" not in p, p
' "$tmp/out" && pass "rebase: changed is [\"context\"]" ||
	fail "rebase JSON: $(cat "$tmp/out")"
expect_exit 0 "a rewritten patch" "$PRV_BIN" diff --no-patch \
	"$check_data/rewritten.mbox"
grep -q '^2:  [0-9a-f]\{7\} ! 2:  [0-9a-f]\{7\} foo: second thing (rewritten)$' \
	"$tmp/out" && ! grep -q '^-:' "$tmp/out" &&
	pass "rewritten patch paired with its old self" ||
	fail "rewritten patch: $(cat "$tmp/out")"
expect_exit 0 "a rewritten patch, JSON" "$PRV_BIN" diff --format=json \
	"$check_data/rewritten.mbox"
python3 -c '
import json, sys
p = json.load(open(sys.argv[1]))["pairs"][1]
assert p["rewritten"] is True and "diff" in p["changed"], p
' "$tmp/out" && pass "rewritten: \"rewritten\": true" ||
	fail "rewritten JSON: $(cat "$tmp/out")"
# git would not pair them: the creation factor alone drops and adds.
expect_exit 0 "a rewritten patch, creation factor 0" "$PRV_BIN" diff \
	--no-patch --creation-factor=0 "$check_data/rewritten.mbox"

echo "rangediff cli: $fails failed"
[ "$fails" -eq 0 ]
