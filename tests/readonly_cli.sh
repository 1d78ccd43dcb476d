# SPDX-License-Identifier: GPL-2.0-or-later
# prereview never writes to a repository: every command that takes --repo
# leaves each file and directory of it as it was (listing, content, mode,
# size and mtime). The series applies to objects the repository already
# holds, packed and loose, which is where libgit2 would freshen (touch) a
# pack file or a loose object it finds again.
FINDINGS=.
source "${PRV_SRC:?PRV_SRC is not set}/tests/lib/repotest.sh"
export GIT_AUTHOR_DATE='2024-01-01T00:00:00Z' GIT_COMMITTER_DATE='2024-01-01T00:00:00Z'

git config --global user.name 'Rita Reviewer'
git config --global user.email rita@example.org
git init -q -b main repo && cd repo || exit 1
mkdir net
seq 1 30 | sed 's/^/foo line /' >net/foo.c
git add net/foo.c && git commit -q -m 'net: add foo'
git checkout -q -b fix main
sed -i 's/^foo line 5$/foo line five/' net/foo.c
git commit -q -am 'net: fix foo

Signed-off-by: Ann Author <ann@example.org>'
git format-patch -q --stdout --base=main main..fix >../packed.mbox
git checkout -q main
git gc -q --prune=now || exit 1
# One more commit left loose, its series applying to loose objects.
git checkout -q -b loose main
sed -i 's/^foo line 9$/foo line nine/' net/foo.c
git commit -q -am 'net: fix foo again

Signed-off-by: Ann Author <ann@example.org>'
git format-patch -q --stdout --base=main main..loose >../loose.mbox
git checkout -q main
cd .. || exit 1
[ -n "$(find repo/.git/objects/pack -name '*.pack')" ] || fail "no pack file"
# Everything dated in the past, so that any touch shows.
find repo -exec touch -h -d '2020-01-01 00:00:00' {} +

# state: every path with its type, mode, size, mtime and content hash
state() {
	(cd repo && find . -printf '%p %y %m %s %T@\n' | sort &&
		find . -type f -print0 | sort -z | xargs -0 sha256sum)
}

state >before.txt
for mbox in packed loose; do
	for args in "check" "check --format=json" "check --format=markdown" \
		"reply"; do
		# shellcheck disable=SC2086
		"$bin" $args --repo=repo "$mbox.mbox" >out.txt 2>err.txt
		rc=$?
		[ $rc -le 1 ] || fail "$args --repo $mbox: exit $rc: $(cat err.txt)"
		state >after.txt
		if cmp -s before.txt after.txt; then
			ok
		else
			fail "$args --repo ($mbox objects) changed the repository:" \
				"$(diff before.txt after.txt | grep '^[<>]' | head -n 4)"
		fi
	done
done
# prereview.repo from git config, the same
git config --global prereview.repo "$tmp/repo"
"$bin" check packed.mbox >out.txt 2>err.txt
state >after.txt
cmp -s before.txt after.txt && ok ||
	fail "prereview.repo changed the repository"
# the check did look at the repository: it applied the series
"$bin" check --format=json --repo=repo packed.mbox >out.json 2>err.txt
grep -q '"apply\.' out.json && fail "the series did not apply: $(cat out.json)" ||
	ok

finish readonly_cli
