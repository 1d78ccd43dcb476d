# SPDX-License-Identifier: GPL-2.0-or-later
# prereview check --repo: backport forecasts (backport.scope,
# backport.conflict) and the net-next merge window (series.net-next-closed),
# against a scratch kernel-like repository made here with git: release tags
# v6.0, v6.1, v6.2-rc1, v6.2 under fixed dates, stable branches and tags.
# Each case is checked both ways, from the JSON report.
FINDINGS='^(backport\.|series\.net-next-closed)'
source "${PRV_SRC:?PRV_SRC is not set}/tests/lib/repotest.sh"
count() { # name regex n
	[ "$(grep -cE "$2" "$1.txt")" -eq "$3" ] && ok ||
		fail "$1: not $3 of '$2' in: $(cat "$1.txt")"
}

# at DATE: commits and tags made on that day (noon UTC)
at() {
	export GIT_AUTHOR_DATE="$1T12:00:00Z" GIT_COMMITTER_DATE="$1T12:00:00Z"
}
tag() { # name date
	at "$2"
	git tag -a -m "Linux ${1#v}" "$1"
}

sob='Signed-off-by: Ann Author <ann@example.org>'

# The repository.
#   v6.0 (2022-10-02) - bug (2022-10-20) - v6.1 (2022-12-11)
#   - v6.2-rc1 (2022-12-25) - v6.2 (2023-02-19) - v6.3-rc1 (2023-03-05)
#   - v6.3 (2023-04-23) - newbug (2023-05-01)
# Stable: linux-6.0.y (v6.0.2), linux-6.1.y (v6.1.2; v6.1.1 changes the
# context of the fix), stable/linux-6.2.y (v6.2.1, remote-tracking, at its
# end of life: nothing since 2023-02-26), linux-6.3.y (v6.3.1, 2023-06-01),
# and a stale old/linux-6.1.y at v6.1 (behind linux-6.1.y).
# (Some committer dates mislead: the release search must not trust them.)
at 2022-09-01
git init -q -b main repo && cd repo || exit 1
seq 1 30 | sed 's/^/foo line /' >foo.c
seq 1 30 | sed 's/^/bar line /' >bar.c
git add foo.c bar.c && git commit -q -m 'mptcp: add foo and bar'
tag v6.0 2022-10-02
git checkout -q -b linux-6.0.y
at 2022-10-10
sed -i 's/^bar line 25$/bar line 25 stable/' bar.c
git commit -q -am 'mptcp: bar 25 for 6.0'
tag v6.0.1 2022-10-11
at 2023-05-20
sed -i 's/^bar line 27$/bar line 27 stable/' bar.c
git commit -q -am 'mptcp: bar 27 for 6.0'
tag v6.0.2 2023-05-21
git checkout -q main
at 2022-10-20
sed -i 's/^foo line 10$/foo line ten buggy/' foo.c
GIT_COMMITTER_DATE=2030-01-01T00:00:00Z git commit -q -am 'mptcp: make foo buggy'
bug=$(git rev-parse HEAD)
tag v6.1 2022-12-11
git checkout -q -b linux-6.1.y
at 2022-12-20
sed -i 's/^foo line 9$/foo line nine stable/; s/^foo line 11$/foo line eleven stable/' foo.c
git commit -q -am 'mptcp: foo 9 and 11 for 6.1'
tag v6.1.1 2022-12-21
stableonly=$(git rev-parse HEAD)
at 2023-05-25
sed -i 's/^bar line 28$/bar line 28 stable/' bar.c
git commit -q -am 'mptcp: bar 28 for 6.1'
tag v6.1.2 2023-05-26
git update-ref refs/remotes/old/linux-6.1.y v6.1^{commit}
git checkout -q main
at 2022-12-15
echo baz >baz.c
git add baz.c && git commit -q -m 'net: add baz'
tag v6.2-rc1 2022-12-25
tag v6.2 2023-02-19
git checkout -q -b linux-6.2.y
at 2023-02-25
sed -i 's/^bar line 3$/bar line 3 stable/' bar.c
git commit -q -am 'mptcp: bar 3 for 6.2'
tag v6.2.1 2023-02-26
git update-ref refs/remotes/stable/linux-6.2.y HEAD
git checkout -q main
git branch -q -D linux-6.2.y
at 2023-03-01
echo quux >quux.c
git add quux.c && git commit -q -m 'net: add quux'
tag v6.3-rc1 2023-03-05
tag v6.3 2023-04-23
git checkout -q -b linux-6.3.y
at 2023-05-31
sed -i 's/^bar line 4$/bar line 4 stable/' bar.c
git commit -q -am 'mptcp: bar 4 for 6.3'
tag v6.3.1 2023-06-01
git checkout -q main
at 2023-05-01
echo qux >qux.c
git add qux.c &&
	GIT_COMMITTER_DATE=2001-01-01T00:00:00Z git commit -q -m 'mptcp: add qux'
newbug=$(git rev-parse HEAD)

# fix: patch 1 fixes the bug of v6.1, patch 2 the one in no release
at 2023-06-10
git checkout -q -b fix main
sed -i 's/^foo line ten buggy$/foo line ten/' foo.c
git commit -q -am "mptcp: fix foo

Fixes: ${bug:0:12} (\"mptcp: make foo buggy\")
$sob"
echo 'qux fixed' >qux.c
git commit -q -am "mptcp: fix qux

Fixes: ${newbug:0:12} (\"mptcp: add qux\")
$sob"
git format-patch -q --stdout --thread --cover-letter \
	--subject-prefix='PATCH net' main..fix >../fix.mbox

# nn: a net-next series of one patch and a cover letter
git checkout -q -b nn main
echo 'baz more' >>baz.c
git commit -q -am "net: more baz

$sob"
for p in 'PATCH net-next' 'PATCH net' 'RFC PATCH net-next' 'PATCH mptcp-next'; do
	git format-patch -q --stdout --thread --cover-letter \
		--subject-prefix="$p" main..nn >"../nn-${p// /_}.mbox"
done

# nextfix: the fixed commit sits on a -next tree based on v6.2 that was
# not merged into v6.3
git checkout -q -b next v6.2
at 2023-03-02
echo next >next.c
git add next.c && git commit -q -m 'mptcp: add next'
nextbug=$(git rev-parse HEAD)
git checkout -q -b nextfix main
echo 'next fixed' >next.c
git add next.c && git commit -q -m "mptcp: fix next

Fixes: ${nextbug:0:12} (\"mptcp: add next\")
$sob"
git format-patch -q --stdout --subject-prefix='PATCH net-next' \
	main..nextfix >../nextfix.mbox
git checkout -q main
cd .. || exit 1

# dated MBOX DATE NAME: MBOX with every Date: set to DATE as NAME.mbox
dated() {
	sed "s/^Date: .*/Date: $2/" "$1" >"$3.mbox"
}
# stable FIXES-ID NOTE NAME: fix.mbox with a Cc: stable after that Fixes:
stable() {
	sed "0,/^Fixes: $1 /s//Cc: stable@vger.kernel.org # $2\n&/" fix.mbox \
		>"$3.mbox"
	grep -q "^Cc: stable@vger.kernel.org # $2" "$3.mbox" ||
		fail "$3: no Cc: stable written"
}

# 1. the forecast: patch 1 goes to 6.1 and 6.3, not 6.0 (no bug) nor 6.2
# (end of life); patch 2 to none
run fix --repo=repo
has fix "^backport\.scope 1 info .*Fixes: ${bug:0:12} is in v6\.1 and later: stable trees to receive the fix: 6\.1, 6\.3\$"
hasnt fix 'backport\.scope 1 .*6\.[02]'
has fix "^backport\.scope 2 info .*Fixes: ${newbug:0:12}: the fixed commit is in no release yet \(after v6\.3\): no stable backport needed"
hasnt fix 'backport\.scope .* warn '
# a fixed commit on a tree based on the release before, not merged yet
run nextfix --repo=repo
has nextfix "^backport\.scope 1 info .*Fixes: ${nextbug:0:12}: the fixed commit is in no release yet \(on a tree based on v6\.2, not merged into v6\.3\): no stable backport needed"
hasnt nextfix 'mainline'
# without a repository: nothing
cp fix.mbox norepo.mbox
run norepo
hasnt norepo '.'

# 2. backport.conflict: the 6.1 tree changed the context of patch 1; the
# 6.3 tree did not, the 6.0 tree has no bug, the 6.2 tree is not tried;
# patch 2's bug is in no release
has fix "^backport\.conflict 1 warn foo\.c patch 1 does not apply to linux-6\.1\.y \(v6\.1\.2\): foo\.c: .*; the backport will need manual work"
count fix '^backport\.conflict' 1
hasnt fix 'linux-6\.[023]\.y'

# 3. Cc: stable too new, too old, right
stable "${bug:0:12}" '6.2+' ccnew
run ccnew --repo=repo
has ccnew '^backport\.scope 1 warn None Cc: stable # 6\.2\+, but the bug is in v6\.1 and later: stable trees that would miss the fix: 6\.1$'
stable "${bug:0:12}" '6.0+' ccold
run ccold --repo=repo
has ccold '^backport\.scope 1 warn None Cc: stable # 6\.0\+, but the bug came in v6\.1: stable trees without the bug: 6\.0$'
for note in '6.1+' 'v6.1+' '6.1.x'; do
	stable "${bug:0:12}" "$note" ccright
	run ccright --repo=repo
	hasnt ccright "^backport\.scope .* warn "
	has ccright '^backport\.scope 1 info .*stable trees to receive the fix: 6\.1, 6\.3$'
done
# a Cc: stable on the fix of a commit in no release
stable "${newbug:0:12}" '6.3+' ccnone
run ccnone --repo=repo
has ccnone "^backport\.scope 2 warn None Cc: stable, but the fixed commit ${newbug:0:12} is in no release yet .*no stable tree has the bug"
hasnt ccnone '^backport\.scope 1 warn'

# a fix of a commit that only a stable tree has
sed "0,/^Fixes: ${bug:0:12} .*/s//Fixes: ${stableonly:0:12} (\"mptcp: foo 9 and 11 for 6.1\")/" \
	fix.mbox >onlystable.mbox
run onlystable --repo=repo
has onlystable "^backport\.scope 1 info None Fixes: ${stableonly:0:12}: the fixed commit is in no mainline release and does not descend from v6\.3; it is in stable trees 6\.1: no forecast"
hasnt onlystable '^backport\.conflict'

# 4. tags only (no stable branches): the latest vX.Y.Z of each series
cp -a repo tagsonly
git -C tagsonly branch -q -D linux-6.0.y linux-6.1.y linux-6.3.y
git -C tagsonly update-ref -d refs/remotes/old/linux-6.1.y
git -C tagsonly update-ref -d refs/remotes/stable/linux-6.2.y
cp fix.mbox tags.mbox
run tags --repo=tagsonly
has tags '^backport\.scope 1 info .*stable trees to receive the fix: 6\.1, 6\.3$'
has tags '^backport\.conflict 1 warn foo\.c patch 1 does not apply to v6\.1\.2: foo\.c: '
count tags '^backport\.conflict' 1
hasnt tags 'linux-'

# 5. a bare mainline clone: the releases that carry the bug
cp -a tagsonly mainline
git -C mainline tag -d v6.0.1 v6.0.2 v6.1.1 v6.1.2 v6.2.1 v6.3.1 >/dev/null
cp fix.mbox mainline.mbox
run mainline --repo=mainline
has mainline '^backport\.scope 1 info .*is in v6\.1 and later: releases v6\.1 \.\. v6\.3 carry the bug \(no stable tree in the repository\)'
hasnt mainline 'backport\.conflict'
# the first -rc that has the fixed commit
GIT_COMMITTER_DATE=2023-05-07T12:00:00Z git -C mainline tag -a -m rc \
	v6.4-rc1 "$newbug"
run mainline --repo=mainline
has mainline "^backport\.scope 2 info None Fixes: ${newbug:0:12}: the fixed commit is in no release yet \(after v6\.3, in v6\.4-rc1\)"
stable "${bug:0:12}" '6.3+' mlnew
run mlnew --repo=mainline
has mlnew '^backport\.scope 1 warn None Cc: stable # 6\.3\+, .*releases that would miss the fix: v6\.1 \.\. v6\.2$'

# 6. net-next inside the merge window fails (before -rc1, or within 15
# days of the release while -rc1 is not tagged); after -rc1, net, RFC and
# mptcp-next pass
dated nn-PATCH_net-next.mbox 'Thu, 15 Dec 2022 10:00:00 +0000' nnin
run nnin --repo=repo
has nnin '^series\.net-next-closed None fail None net-next is closed: the series is dated 2022-12-15, in the merge window between v6\.1 \(released on 2022-12-11\) and v6\.2-rc1 \(tagged on 2022-12-25\)'
run nnin --repo=repo --profile=generic
has nnin '^series\.net-next-closed None warn '
run nnin
hasnt nnin '.'
dated nn-PATCH_net-next.mbox 'Thu, 5 Jan 2023 10:00:00 +0000' nnafter
run nnafter --repo=repo
hasnt nnafter '.'
dated nn-PATCH_net.mbox 'Thu, 15 Dec 2022 10:00:00 +0000' netin
run netin --repo=repo
hasnt netin '.'
dated nn-RFC_PATCH_net-next.mbox 'Thu, 15 Dec 2022 10:00:00 +0000' rfcin
run rfcin --repo=repo
hasnt rfcin '.'
dated nn-PATCH_mptcp-next.mbox 'Thu, 15 Dec 2022 10:00:00 +0000' mptcpin
run mptcpin --repo=repo
hasnt mptcpin '.'
dated nn-PATCH_net-next.mbox 'Sat, 25 Feb 2023 10:00:00 +0000' nn62
run nn62 --repo=repo
has nn62 '^series\.net-next-closed None fail None net-next is closed: the series is dated 2023-02-25, in the merge window between v6\.2 \(released on 2023-02-19\) and v6\.3-rc1 \(tagged on 2023-03-05\)'
dated nn-PATCH_net-next.mbox 'Fri, 28 Apr 2023 10:00:00 +0000' nnnorc
run nnnorc --repo=repo
has nnnorc '^series\.net-next-closed None fail None net-next is closed: v6\.3 was released on 2023-04-23 and v6\.4-rc1 is not tagged yet \(merge window\); the series is dated 2023-04-28'
# the day before v6.2: still open
dated nn-PATCH_net-next.mbox 'Sat, 18 Feb 2023 10:00:00 +0000' nnbefore
run nnbefore --repo=repo
hasnt nnbefore '.'
# 16 days after v6.3 and no -rc1: taken as open (a stale clone)
dated nn-PATCH_net-next.mbox 'Wed, 10 May 2023 10:00:00 +0000' nnlate
run nnlate --repo=repo
hasnt nnlate '.'
# a date in another time zone: 2022-12-16 in UTC
dated nn-PATCH_net-next.mbox 'Thu, 15 Dec 2022 23:00:00 -0500' nntz
run nntz --repo=repo
has nntz 'dated 2022-12-16'

# 7. prereview.netNextClosed: true fires without a repository, false
# silences even inside the window
git config --global prereview.netNextClosed true
run nnafter
has nnafter '^series\.net-next-closed None fail None net-next is closed \(prereview\.netNextClosed or --net-next-closed says so\)'
run netin
hasnt netin '.'
git config --global prereview.netNextClosed false
run nnin --repo=repo
hasnt nnin '.'
# --net-next-closed wins over the configuration
run nnin --repo=repo --net-next-closed=auto
has nnin '^series\.net-next-closed None fail None net-next is closed: the series is dated 2022-12-15'
git config --global --unset prereview.netNextClosed
run nnafter --net-next-closed=yes
has nnafter '^series\.net-next-closed None fail None net-next is closed \(prereview\.netNextClosed or --net-next-closed says so\)'
run nnin --repo=repo --net-next-closed=no
hasnt nnin '.'
"$bin" check --net-next-closed=maybe nnin.mbox >out.txt 2>err.txt
rc=$?
[ $rc -eq 2 ] && ok || fail "--net-next-closed=maybe: exit $rc"
grep -q "^prereview: error: --net-next-closed wants yes, no or auto, not 'maybe'" err.txt &&
	ok || fail "--net-next-closed=maybe: $(cat err.txt)"

# 8. disabled ids stay silent
run fix --repo=repo --disable=backport
hasnt fix '.'
run nnin --repo=repo --disable=series.net-next-closed
hasnt nnin '.'

# 9. the repository is left as it was: no new object, clean work tree
objs=$(git -C repo count-objects -v | md5sum)
refs=$(git -C repo show-ref | md5sum)
"$bin" check --repo=repo fix.mbox ccnew.mbox nnin.mbox >/dev/null 2>&1
[ "$(git -C repo count-objects -v | md5sum)" = "$objs" ] && ok ||
	fail "objects were written to the repository"
[ "$(git -C repo show-ref | md5sum)" = "$refs" ] && ok || fail "refs changed"
[ -z "$(git -C repo status --porcelain)" ] && ok || fail "work tree touched"

finish backport_cli
