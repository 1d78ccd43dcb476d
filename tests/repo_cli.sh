# SPDX-License-Identifier: GPL-2.0-or-later
# prereview check --repo: Fixes: targets, base-commit and applying the
# series, against a scratch repository made here with git. Each case is
# checked both ways (the finding fires on the bad series, is silent on the
# good one), from the JSON report.
FINDINGS='^(fixes|apply)\.'
source "${PRV_SRC:?PRV_SRC is not set}/tests/lib/repotest.sh"
export GIT_AUTHOR_DATE='2024-01-01T00:00:00Z' GIT_COMMITTER_DATE='2024-01-01T00:00:00Z'

# The repository: three commits with known subjects.
git init -q -b main repo && cd repo || exit 1
seq 1 30 | sed 's/^/foo line /' >foo.c
git add foo.c && git commit -q -m 'net: add foo'
seq 1 30 | sed 's/^/bar line /' >bar.c
git add bar.c && git commit -q -m 'net: add bar'
echo baz >baz.c
git add baz.c && git commit -q -m 'mptcp: add baz'
foo=$(git rev-parse HEAD~2)
bar=$(git rev-parse HEAD~1)
base=$(git rev-parse HEAD)
# Off main: an old commit whose title runs over two lines (no blank line
# after it), and one whose subject ends in a quote.
git checkout -q -b oldtitles main
echo old >old.c
git add old.c && git commit -q -m 'net: an old title
that runs on

Body.'
twoline=$(git rev-parse HEAD)
echo tc >tc.c
git add tc.c && git commit -q -m 'tc: add "mark" and "drop"'
quoted=$(git rev-parse HEAD)
git checkout -q main

# series BRANCH NAME [format-patch options]: the commits of BRANCH over
# main as ../NAME.mbox
series() {
	git format-patch -q --stdout --thread --cover-letter "${@:3}" main.."$1" \
		>"../$2.mbox"
}

sob='Signed-off-by: Ann Author <ann@example.org>'

# good: right Fixes (full and cut short with ...), applies on its base
git checkout -q -b good main
sed -i 's/^foo line 5$/foo line five/' foo.c
git commit -q -am "net: fix foo

Fixes: ${foo:0:12} (\"net: add foo\")
Fixes: ${bar:0:12} (\"net: add ...\")
Fixes: ${twoline:0:12} (\"net: an old title\")
Fixes: ${quoted:0:12} (\"tc: add \"mark\" and \"drop\")
$sob"
sed -i 's/^bar line 7$/bar line seven/' bar.c
git commit -q -am "net: fix bar

$sob"
series good good --base=main

# fixes: an unknown id, a wrong subject
git checkout -q -b fixes main
sed -i 's/^foo line 9$/foo line nine/' foo.c
git commit -q -am "net: fix foo again

Fixes: 0123456789ab (\"net: add foo\")
Fixes: ${bar:0:12} (\"net: add the wrong thing\")
$sob"
series fixes fixes --base=main

# malformed: a short id is fixes.bad-format, not also a mismatch
git checkout -q -b malformed main
sed -i 's/^foo line 11$/foo line eleven/' foo.c
git commit -q -am "net: fix foo once more

Fixes: ${bar:0:8} (\"net: add the wrong thing\")
$sob"
series malformed malformed --base=main

# base: a base-commit the repository does not have
sed "s/^base-commit: .*/base-commit: 1234567890123456789012345678901234567890/" \
	../good.mbox >../base.mbox

# nobase and conflict: three patches, the second changes context that
# main changes after the series was made
git checkout -q -b conflict main
echo qux >qux.c
git add qux.c && git commit -q -m "net: add qux

$sob"
sed -i 's/^bar line 20$/bar line twenty/' bar.c
git commit -q -am "net: change bar 20

$sob"
echo quux >quux.c
git add quux.c && git commit -q -m "net: add quux

$sob"
series conflict nobase
git format-patch -q --stdout --thread --base=main main..conflict \
	>../nocover.mbox
git checkout -q main
series conflict conflict
sed -i 's/^bar line 20$/bar line XX/' bar.c
git commit -q -am 'net: touch bar 20'
moved=$(git rev-parse HEAD)
cd .. || exit 1

# An ambiguous short id: a blob sharing the first 4 hex digits of $foo.
python3 - "${foo:0:4}" >blob.txt <<'PY'
import hashlib, sys
want = sys.argv[1]
for i in range(10000000):
    data = b"blob %d\n" % i
    if hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest().startswith(want):
        sys.stdout.write(data.decode())
        break
PY
git -C repo hash-object -w --stdin <blob.txt >/dev/null
sed "s/^Fixes: ${foo:0:12} /Fixes: ${foo:0:4} /" good.mbox >ambiguous.mbox

# 1. good: silent, applied on its base.
run good --repo=repo
hasnt good '.'
# without --repo: no repository check
"$bin" check --format=json good.mbox >plain.json 2>plain.err
findings plain.json | grep -E '^(fixes\.unknown|fixes\.subject|apply\.)' &&
	fail "repository findings without --repo" || ok

# 2. fixes: unknown id (fail), wrong subject (warn, both subjects named)
run fixes --repo=repo
has fixes '^fixes\.unknown-commit 1 fail .*0123456789ab'
has fixes "^fixes\.subject-mismatch 1 warn .*\"net: add the wrong thing\".*\"net: add bar\""
hasnt fixes 'apply\.'
run malformed --repo=repo
has malformed '^fixes\.bad-format 1 fail'
hasnt malformed '^fixes\.subject-mismatch'
[ "$(grep -c . fixes.txt)" -eq 2 ] && ok || fail "fixes: $(cat fixes.txt)"

# 3. base-commit not in the repository: warned, applied onto HEAD
run base --repo=repo
has base '^apply\.base-unknown None warn .*1234567890123456789012345678901234567890.*HEAD'
hasnt base 'apply\.fails'

# 4. no base-commit: info naming HEAD; the series applies on the old main
git -C repo checkout -q -b old "$base"
run nobase --repo=repo
has nobase "^apply\.base-unknown None info .*HEAD.*${base:0:12}"
hasnt nobase 'apply\.fails'
git -C repo checkout -q main

# 4b. the base-commit after the first patch's diff (no cover letter)
run nocover --repo=repo
hasnt nocover '.'

# 5. conflict: patch 2 fails on bar.c, patch 3 not tried
run conflict --repo=repo
has conflict "^apply\.fails 2 fail bar\.c patch 2 does not apply onto ${moved:0:12} .*bar\.c.*later patches were not tried"
[ "$(grep -c '^apply\.fails' conflict.txt)" -eq 1 ] && ok ||
	fail "conflict: $(cat conflict.txt)"
"$bin" check --repo=repo conflict.mbox >/dev/null 2>&1
[ $? -eq 1 ] && ok || fail "conflict: exit status is not 1"

# 6. ambiguous short id: its own message
run ambiguous --repo=repo
has ambiguous "^fixes\.unknown-commit 1 fail .*${foo:0:4}.* is ambiguous"

# 7. the repository is left as it was: no new object, clean work tree
objs=$(git -C repo count-objects | cut -d' ' -f1)
"$bin" check --repo=repo good.mbox conflict.mbox >/dev/null 2>&1
[ "$(git -C repo count-objects | cut -d' ' -f1)" = "$objs" ] && ok ||
	fail "objects were written to the repository"
[ -z "$(git -C repo status --porcelain)" ] && ok || fail "work tree touched"

# 8. prereview.repo instead of --repo; --repo wins
git config --global prereview.repo "$tmp/repo"
run fixes
has fixes '^fixes\.unknown-commit'
git config --global --unset prereview.repo

# 9. disabled ids stay silent
run fixes --repo=repo --disable=fixes.unknown-commit,fixes.subject-mismatch
hasnt fixes '.'

# 10. not a repository: exit 3, the directory named
mkdir plain
"$bin" check --repo=plain good.mbox >out.txt 2>err.txt
rc=$?
[ $rc -eq 3 ] && ok || fail "--repo=plain: exit $rc"
grep -qx "prereview: error: 'plain' is not a git repository" err.txt && ok ||
	fail "--repo=plain: $(cat err.txt)"
[ -s out.txt ] && fail "--repo=plain: a report was written" || ok

# 11. contrib/git-prereview: options before the range, their value glued
# on or apart, as prereview check takes them
git -C repo checkout -q fixes
(cd repo && PATH=$(dirname "$bin"):$PATH "${PRV_SRC:?}/contrib/git-prereview" \
	--format json --disable 'trailer.sob-missing, series' main..fixes) \
	>git.json 2>err.txt
rc=$?
# fixes: an unknown commit and a wrong subject, against the branch's repository
[ $rc -eq 1 ] && findings git.json | grep -q '^fixes\.unknown-commit' && ok ||
	fail "git-prereview --format json: exit $rc: $(head -3 err.txt)"
# ... and the alias form of its header: a range, then check options
sed -n '/^#   \[alias\]/,/; f"$/s/^#//p' "${PRV_SRC:?}/contrib/git-prereview" \
	>alias.cfg
git -C repo config include.path "$PWD/alias.cfg"
git -C repo branch -q --set-upstream-to=main fixes
(cd repo && PATH=$(dirname "$bin"):$PATH git prereview-branch main..fixes \
	--format json --disable 'trailer.sob-missing, series') >git.json 2>err.txt
rc=$?
[ $rc -eq 1 ] && findings git.json | grep -q '^fixes\.unknown-commit' && ok ||
	fail "alias prereview-branch RANGE --format json: exit $rc: $(head -3 err.txt)"
git -C repo checkout -q main

finish repo_cli
