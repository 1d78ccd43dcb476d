# SPDX-License-Identifier: GPL-2.0-or-later
# prereview check through the command line: every finding id fires on its
# .bad series and stays silent on its .good one (JSON checked), exit codes,
# formats, configuration, rule files, and golden text reports.
set -u

bin=${PRV_BIN:?PRV_BIN is not set}
data=${PRV_TEST_DATA:?PRV_TEST_DATA is not set}/check
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A config of our own: no user or system settings leak in.
export HOME=$tmp XDG_CONFIG_HOME=$tmp/xdg GIT_CONFIG_NOSYSTEM=1
cd "$tmp" || exit 1

fails=0
pass=0
fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}
ok() {
	pass=$((pass + 1))
}

# ids in a JSON report, one per line
ids() {
	python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
assert r["schema"] == "prereview-report/1", r["schema"]
s = r["summary"]
for k in ("fail", "warn", "info"):
    n = sum(1 for f in r["findings"] if f["severity"] == k)
    assert s[k] == n, (k, s[k], n)
for it in r["checklist"]:
    assert it["status"] in ("pass", "warn", "fail", "todo"), it
    for i in it["findings"]:
        assert 0 <= i < len(r["findings"])
for f in r["findings"]:
    for k in ("id", "severity", "version", "patch", "file", "line",
              "message", "hint"):
        assert k in f, k
    print(f["id"])
' "$1"
}

# 1. Every case both ways.
while read -r name id; do
	case $name in '#'*|'') continue ;; esac
	for variant in bad good; do
		in=$data/$name.$variant.mbox
		"$bin" check --format=json "$in" >out.json 2>err.txt
		rc=$?
		if [ $rc -gt 1 ]; then
			fail "$name.$variant: exit $rc: $(cat err.txt)"
			continue
		fi
		if ! ids out.json >ids.txt 2>py.txt; then
			fail "$name.$variant: bad JSON: $(cat py.txt)"
			continue
		fi
		if [ $variant = bad ]; then
			grep -qx "$id" ids.txt && ok ||
				fail "$name: '$id' did not fire"
		else
			grep -qx "$id" ids.txt && fail "$name: '$id' fired on the good series" || ok
		fi
		# exit status follows the worst severity
		if grep -q '"severity": "fail"' out.json; then
			[ $rc -eq 1 ] && ok || fail "$name.$variant: exit $rc with a fail"
		else
			[ $rc -eq 0 ] && ok || fail "$name.$variant: exit $rc without a fail"
		fi
	done
done <"$data/cases.txt"

# 2. Formats.
"$bin" check --format=checkpatch "$data/sob-missing.bad.mbox" >cp.txt
[ $? -eq 1 ] && ok || fail "checkpatch: exit status"
grep -qx 'ERROR: trailer.sob-missing: no Signed-off-by: line (patch 1/1)' cp.txt &&
	ok || fail "checkpatch: $(cat cp.txt)"
"$bin" check --format=checkpatch "$data/sob-missing.good.mbox" >cp.txt
[ $? -eq 0 ] && [ ! -s cp.txt ] && ok || fail "checkpatch: output on a clean patch: $(cat cp.txt)"

# b4's per-patch protocol: one message on stdin, one item for it
"$bin" check --format=b4 <"$data/duplicate.bad.mbox" >b4.json
python3 -c '
import json, sys
a = json.load(open("b4.json"))
assert isinstance(a, list) and len(a) == 1, a
e = a[0]
assert {"tool", "status", "summary", "details"} <= set(e) <= {"tool", "status", "summary", "url", "details"}, e
assert e["tool"] == "prereview" and e["status"] in ("warn", "fail"), e
# without --lore-url, the message on lore.kernel.org
assert e["url"].startswith("https://lore.kernel.org/r/"), e
assert "trailer.duplicate" in e["details"], a
' && ok || fail "b4: $(cat b4.json)"
"$bin" check --format=b4 - <"$data/duplicate.good.mbox" >b4.json
python3 -c '
import json
a = json.load(open("b4.json"))
assert len(a) == 1 and a[0]["status"] == "pass", a
' && ok || fail "b4: clean patch gives '$(cat b4.json)'"

# one patch of a series alone on stdin: no series-level findings
awk '/^From mboxrd@z/ { n++ } n == 2' "$data/incomplete.bad.mbox" >one.eml
"$bin" check --format=b4 <one.eml >b4.json
grep -q '"status":"pass"' b4.json && ! grep -q 'series\.' b4.json && ok ||
	fail "b4: one patch alone gives '$(cat b4.json)'"
"$bin" check --format=json one.eml >out.json
ids out.json | grep -qx series.incomplete && ok ||
	fail "a file argument is a series, even of one mail"

"$bin" check --format=markdown "$data/kept.bad.mbox" >md.txt
grep -q '^## Patch 2/2: foo: second thing' md.txt &&
	grep -q '`review.tag-kept-on-change`' md.txt && ok || fail "markdown: $(cat md.txt)"
# the same head line as the text report: versions, "1 patch"
grep -qx 'v2, 2 patches, 2 versions, netdev profile' md.txt && ok ||
	fail "markdown: head line: $(sed -n 3p md.txt)"
"$bin" check --format=markdown one.eml >md.txt
grep -q '^v[0-9]*, 1 patch,' md.txt && ok ||
	fail "markdown: one patch: $(sed -n 3p md.txt)"

# a changelog that quotes a code fence does not close the Markdown block
mkdir fence
cp "${PRV_SRC:?PRV_SRC is not set}"/docs/examples/sample/v[12]-* fence/
sed -i 's/^- patch 1: carry Bob.s Reviewed-by, unchanged$/- patch 1:\n```\nquoted\n```/' \
	fence/v2-0000-cover-letter.patch
"$bin" check --format=markdown fence >md.txt
python3 - md.txt <<'PY' && ok || fail "markdown fence: $(cat md.txt)"
import re, sys
text = open(sys.argv[1]).read()
block = re.search(r"\n  (`{4,})\n(.*?)\n  \1\n", text, re.S)
assert block and "```\n    quoted\n    ```" in block.group(2), text
PY

# text: 80 columns, no colour when NO_COLOR or not a terminal
"$bin" --color=always check "$data/kept.bad.mbox" | grep -q $'\033\[' &&
	ok || fail "text: --color=always gives no colour"
"$bin" check "$data/too-long.bad.mbox" "$data/tcp.bad.mbox" >t.txt
grep -q $'\033' t.txt && fail "text: colour in a pipe" || ok
awk 'length($0) > 80 { bad = 1 } END { exit bad }' t.txt && ok ||
	fail "text: lines over 80 columns"

# 3. Options and configuration.
"$bin" check --format=json --disable=trailer.sob-missing \
	"$data/sob-missing.bad.mbox" >out.json
[ $? -eq 0 ] && ! ids out.json | grep -q sob-missing && ok ||
	fail "--disable did not silence"
git config --global prereview.disable trailer.sob-missing
"$bin" check --format=json "$data/sob-missing.bad.mbox" >out.json
[ $? -eq 0 ] && ok || fail "prereview.disable in global config ignored"
git config --global --unset prereview.disable
git config --global prereview.severity.trailer.sob-missing warn
"$bin" check --format=json "$data/sob-missing.bad.mbox" >out.json
[ $? -eq 0 ] && grep -q '"severity": "warn"' out.json && ok ||
	fail "prereview.severity.<id> ignored"
# an option wins over the configuration
"$bin" check --format=json --severity=trailer.sob-missing=fail \
	"$data/sob-missing.bad.mbox" >out.json
[ $? -eq 1 ] && grep -q '"severity": "fail"' out.json && ok ||
	fail "--severity does not win over prereview.severity.<id>"
git config --global --unset prereview.severity.trailer.sob-missing
# a mistyped id or family is named, not silently taken as nothing to do
for opt in --severity=trailer.sob-misssing=fail --disable=trailr \
	--disable=trailer.sob-misssing; do
	"$bin" check "$opt" "$data/sob-missing.bad.mbox" >/dev/null 2>err.txt
	grep -q "warning: unknown finding id 'trailer.sob-misssing'\|warning: unknown finding id 'trailr'" \
		err.txt && ok || fail "$opt: no warning: $(cat err.txt)"
done
"$bin" check --severity=rule.mine=info --disable=trailer,rule \
	--disable='fixes.*' "$data/sob-missing.bad.mbox" >/dev/null 2>err.txt
[ -s err.txt ] && fail "known ids and families warned: $(cat err.txt)" || ok
git config --global prereview.profile generic
"$bin" check --format=json "$data/tree.bad.mbox" >out.json
ids out.json | grep -q series.tree-missing && fail "prereview.profile ignored" || ok
"$bin" check --format=json --profile=netdev "$data/tree.bad.mbox" >out.json
ids out.json | grep -q series.tree-missing && ok || fail "--profile does not win over config"
git config --global --unset prereview.profile

# 4. Rule files.
cat >my.rules <<'EOF'
rule no-foo
path: ^net/core/foo\.c$
symbol: \bint\s+x\b
reason: no int x here
severity: fail
todo: no
EOF
"$bin" check --format=json --rules=my.rules "$data/sob-missing.good.mbox" >out.json
[ $? -eq 1 ] && ids out.json | grep -qx rule.no-foo && ok || fail "--rules"
git config --global prereview.rules "$tmp/my.rules"
"$bin" check --format=json "$data/sob-missing.good.mbox" >out.json
ids out.json | grep -qx rule.no-foo && ok || fail "prereview.rules"
# --rules after prereview.rules: its rule of the same name replaces
sed 's/^severity: fail$/severity: info/' my.rules >info.rules
"$bin" check --format=json --rules=info.rules "$data/sob-missing.good.mbox" \
	>out.json
[ $? -eq 0 ] && ids out.json | grep -qx rule.no-foo && ok ||
	fail "--rules does not come after prereview.rules"
git config --global --unset prereview.rules
printf 'rule bad\npath: ^net/(\nreason: r\n' >bad.rules
"$bin" check --rules=bad.rules "$data/sob-missing.good.mbox" >out.txt 2>err.txt
rc=$?
[ $rc -eq 3 ] && [ ! -s out.txt ] &&
	grep -q "^prereview: error: bad.rules:2: bad pattern '^net/(': " err.txt &&
	ok || fail "bad rule file: exit $rc: $(cat err.txt)"
# a pattern that backtracks without end gives up at the match limit, with
# a warning naming the rule, instead of stalling on every line
python3 - >slow.mbox <<'PY'
lines = "\n".join("+" + "a" * 40 + "!" for _ in range(50))
print("""From mboxrd@z Thu Jan  1 00:00:00 1970
From: A U Thor <author@example.org>
Subject: [PATCH] x: y
Message-ID: <slow@example.org>
Date: Mon, 1 Jan 2024 00:00:00 +0000

Signed-off-by: A U Thor <author@example.org>
---
diff --git a/x.c b/x.c
--- a/x.c
+++ b/x.c
@@ -1 +1,51 @@
 a
%s
-- 
2.43.0""" % lines)
PY
printf 'rule slow\npath: .\nsymbol: ^\\+(a+)+$\nreason: r\n' >slow.rules
printf 'rule quick\npath: .\nsymbol: ^\\+a+!$\nreason: r\n' >>slow.rules
"$bin" check --format=json --rules=slow.rules slow.mbox >out.json 2>err.txt
rc=$?
[ $rc -eq 0 ] && ! ids out.json | grep -qx rule.slow &&
	ids out.json | grep -qx rule.quick &&
	grep -qx "prereview: warning: 50 rule matches gave up, the first of rule 'slow' (slow.rules:1): its pattern backtracks too much; taken as not matching" err.txt &&
	ok || fail "match limit: exit $rc: $(cat err.txt)"
"$bin" check --format=json slow.mbox >out.json 2>err.txt
! grep -q "gave up" err.txt && ok || fail "shipped rules gave up: $(cat err.txt)"
# a symbol pattern that matches the empty string names the group, not ""
printf 'rule empty\ngroup: g\nsymbol: x*\nreason: why\ntodo: no\n' >empty.rules
"$bin" check --format=json --rules=empty.rules slow.mbox >out.json
python3 -c '
import json, sys
f = [f for f in json.load(open("out.json"))["findings"] if f["id"] == "rule.empty"]
assert [x["message"] for x in f] == ["g: why"], f
' && ok || fail "empty symbol match: $(cat out.json)"

# a changelog the author wrapped at 72 columns, too long once indented: the
# words that do not fit go on with the next line, none is left alone
sed 's/^- use an int$/- use an int for the counter, since the old unsigned type wrapped around\
  when the peer sent a reset in the middle of a window, which broke it/' \
	"$data/link-missing.good.mbox" >reflow.mbox
NO_COLOR=1 "$bin" check reflow.mbox >out.txt
grep -qxF "          - use an int for the counter, since the old unsigned type wrapped" out.txt &&
	grep -qxF "            around when the peer sent a reset in the middle of a window, which" out.txt &&
	grep -qxF "            broke it" out.txt &&
	! grep -qxF "            around" out.txt && ok ||
	fail "changelog reflow: $(sed -n '/Changelog/,/Patch/p' out.txt)"

# the command of a Fixes: hint stands whole on a line, ready to copy
NO_COLOR=1 "$bin" check "$data/fixes-format.bad.mbox" >out.txt
grep -qxF "             git log -1 --abbrev=12 --format='Fixes: %h (\"%s\")' <id>" \
	out.txt && ok || fail "fixes hint command: $(grep -A2 bad-format out.txt)"

# a long Fixes: line is quoted up to a word, and says it was cut
sed 's/^Fixes: 0123456789ab (.*/Fixes: 0123456789ab ("foo: the commit that broke it, with a title that goes on and on")/' \
	"$data/fixes-blank.bad.mbox" >long-fixes.mbox
"$bin" check --format=checkpatch long-fixes.mbox >out.txt
grep -q "^ERROR: fixes.blank-line: blank line between 'Fixes: 0123456789ab (\"foo: the commit that broke it, with a...' and" \
	out.txt && ok || fail "fixes.blank-line quote: $(cat out.txt)"

# 5. Errors.
"$bin" check --format=yaml "$data/tcp.bad.mbox" >/dev/null 2>err.txt
[ $? -eq 2 ] && grep -q "unknown format 'yaml'" err.txt && ok || fail "bad format"
"$bin" check "$tmp/missing.mbox" >out.txt 2>err.txt
[ $? -eq 3 ] && [ ! -s out.txt ] && grep -q "missing.mbox" err.txt && ok ||
	fail "missing input: $(cat err.txt)"

# mail without a patch: the input is named
printf 'From: a@b.example\nSubject: hello\n\nno patch here\n' >nopatch.eml
"$bin" check nopatch.eml >out.txt 2>err.txt
[ $? -eq 3 ] && [ ! -s out.txt ] &&
	grep -qx "prereview: error: no patch found in 'nopatch.eml'" err.txt &&
	ok || fail "no patch: $(cat err.txt)"
"$bin" check - <nopatch.eml >out.txt 2>err.txt
[ $? -eq 3 ] && grep -qx "prereview: error: no patch found on stdin" err.txt &&
	ok || fail "no patch on stdin: $(cat err.txt)"

"$bin" check - nopatch.eml - <nopatch.eml >out.txt 2>err.txt
[ $? -eq 2 ] && grep -qx "prereview: error: '-' (stdin) given twice" err.txt &&
	ok || fail "stdin twice: $(cat err.txt)"

# an option whose value is missing (the last argument) says so
for opt in --format --repo --rules --disable --profile --severity \
	--net-next-closed --lore-url; do
	"$bin" check nopatch.eml "$opt" >/dev/null 2>err.txt
	[ $? -eq 2 ] && grep -qx "prereview: error: '$opt' needs a value" err.txt &&
		ok || fail "$opt without a value: $(head -1 err.txt)"
done

# no SOURCE on a terminal: not waiting for mail that is not coming
if command -v script >/dev/null 2>&1; then
	script -qec "'$bin' check" /dev/null </dev/null >tty.txt 2>&1
	grep -q "error: no SOURCE given, and no mail on stdin" tty.txt && ok ||
		fail "check on a terminal: $(head -2 tty.txt)"
else
	echo "skipped: no script(1) for the terminal case"
fi

# CJK subjects and trailer names: two columns a character, as a terminal
# shows them, measured by python, not by prereview. The headings wrap in
# time, nothing is cut inside a character, whatever the locale.
cjk=${PRV_TEST_DATA}/series/cjk.mbox
LC_ALL=C LANG=C "$bin" check "$cjk" >cjk.txt 2>err.txt
rc=$?
[ $rc -le 1 ] && ok || fail "cjk: exit $rc: $(cat err.txt)"
if python3 "${PRV_SRC:?PRV_SRC is not set}/tests/lib/columns.py" 80 cjk.txt
then ok; else fail "cjk: text wider than 80 columns"; fi
LC_ALL=C.UTF-8 "$bin" check "$cjk" >cjk.utf8.txt 2>/dev/null
cmp -s cjk.txt cjk.utf8.txt && ok || fail "cjk: output depends on the locale"
while IFS= read -r want; do
	if grep -qF -- "$want" cjk.txt; then ok;
	else fail "cjk: no '$want' in"; sed 's/^/    /' cjk.txt; fi
done <<'EOF'
Patch 1/2: mptcp: 修复在子流关闭时可能出现的空指针引用问题并补充相应的检查和注释
Patch 2/2: selftests: mptcp: 为多路径路由添加新的测试用例
'Reported-by: 王小明 <wangxiaoming@example.cn>'
EOF

# 6. Golden text reports.
for g in "$data"/*.golden; do
	[ -e "$g" ] || continue
	base=$(basename "$g" .golden)
	"$bin" check "$data/$base.mbox" >out.txt 2>/dev/null
	if diff -u "$g" out.txt >diff.txt; then
		ok
	else
		fail "golden $base:"
		cat diff.txt
	fi
done

echo "check_cli: $pass passed, $fails failed"
[ $fails -eq 0 ]
