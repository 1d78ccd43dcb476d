# SPDX-License-Identifier: GPL-2.0-or-later
# prereview as b4 review's series check command: the cover letter alone on
# stdin, the series found on lore (public-inbox on 127.0.0.1) with its
# earlier version, b4's tracking data from B4_TRACKING_FILE (the cover's
# message-id, the patches' message-ids, the base-commit, the current
# directory as the repository), and what happens when lore cannot be
# reached. The per-patch command (one patch on stdin) gets one item.
LORE_DATA=$PRV_TEST_DATA/b4review/lore
source "$PRV_SRC/tests/lore/harness.sh"
lore_start
P=$PRV_BIN
D=$PRV_TEST_DATA/b4review
COVER=$D/cover-v2.eml
V2=20250301-foo-v2
export GIT_AUTHOR_NAME=T GIT_AUTHOR_EMAIL=t@example.org GIT_COMMITTER_NAME=T \
	GIT_COMMITTER_EMAIL=t@example.org GIT_AUTHOR_DATE=2025-03-01T00:00:00Z \
	GIT_COMMITTER_DATE=2025-03-01T00:00:00Z
unset B4_TRACKING_FILE

# b4json FILE PYTHON: run assertions on the b4 JSON array `a` of FILE
b4json()
{
	python3 -c 'import json, sys
a = json.load(open(sys.argv[1]))
assert isinstance(a, list), a
for it in a:
    assert {"tool", "status"} <= set(it) <= {"tool", "status", "summary", "url", "details"}, it
    assert all(isinstance(v, str) for v in it.values()), it
    assert it["status"] in ("pass", "warn", "fail"), it
'"$2" "$1" 2>"$T/py"
}

# run ARGS... <stdin: prereview check in $RUN_DIR (default $T); sets rc,
# the output in $T/out and $T/err. A sanitizer report is a failure whatever
# the exit status.
run()
{
	(cd "${RUN_DIR:-$T}" && exec "$P" check "$@") >"$T/out" 2>"$T/err"
	rc=$?
	if grep -qE 'Sanitizer|runtime error:' "$T/err"; then
		fail "sanitizer report: check $*: $(head -n 20 "$T/err")"
	fi
}

# 1. the series from lore: one item for the series, v1 seen too
run --format=b4 --lore-url="$LORE/all" <"$COVER"
[ "$rc" -eq 0 ] && b4json "$T/out" '
assert len(a) == 1, a
it = a[0]
assert it["tool"] == "prereview"
assert it["status"] == "warn", it
assert it["summary"].startswith("0 fail, 1 warn, 1 info: v2, 3 patches, 2 versions"), it["summary"]
# the link follows --lore-url
assert it["url"] == "'"$LORE"'/all/20250301-foo-v2-0-b4test@example.org/", it["url"]
d = it["details"]
# only visible with v1 next to v2
assert "[changelog.unmentioned-change]" in d, d
assert "[review.tag-dropped]" in d, d
assert "v1 -> v2:" in d and "2 ! 2" in d, d
assert "Patch 3/3: net: foo: document foo_get()" in d, d
assert d.rstrip().endswith("0 fail, 1 warn, 1 info"), d
' && ok "series from lore, v1 and v2" ||
	fail "series from lore: exit $rc: $(cat "$T/err" "$T/py") $(cat "$T/out")"

# the same for people: the text checklist of the series
run --lore-url="$LORE/all" <"$COVER"
[ "$rc" -eq 0 ] && grep -q '^v2, 3 patches, 2 versions' "$T/out" &&
	grep -q 'changelog.unmentioned-change' "$T/out" &&
	ok "text format, cover on stdin" ||
	fail "text format: exit $rc: $(cat "$T/err") $(cat "$T/out")"

# --no-versions: the thread alone, no version-pair findings
run --format=b4 --no-versions --lore-url="$LORE/all" <"$COVER"
[ "$rc" -eq 0 ] && b4json "$T/out" '
it = a[0]
assert it["summary"].startswith("0 fail, 0 warn, 0 info: v2, 3 patches"), it
assert "versions" not in it["summary"], it
assert "unmentioned-change" not in it["details"], it
' && ok "--no-versions: v2 alone" ||
	fail "--no-versions: exit $rc: $(cat "$T/err" "$T/py") $(cat "$T/out")"

# --offline: what the first run cached is enough
run --format=b4 --offline --lore-url="$LORE/all" <"$COVER"
[ "$rc" -eq 0 ] && b4json "$T/out" '
assert "2 versions" in a[0]["summary"], a
' && ok "--offline from the cache" ||
	fail "--offline: exit $rc: $(cat "$T/err" "$T/py")"

# prereview.loreUrl and the global --lore-url serve too
prv_config prereview.loreUrl "$LORE/all"
run --format=b4 <"$COVER"
[ "$rc" -eq 0 ] && b4json "$T/out" 'assert "2 versions" in a[0]["summary"]' &&
	ok "prereview.loreUrl" || fail "prereview.loreUrl: exit $rc: $(cat "$T/err")"
git config --file "$HOME/.gitconfig" --unset prereview.loreUrl
"$P" --lore-url="$LORE/all" check --format=b4 <"$COVER" >"$T/out" 2>"$T/err"
rc=$?
grep -qE 'Sanitizer|runtime error:' "$T/err" && fail "sanitizer: $(cat "$T/err")"
[ "$rc" -eq 0 ] && b4json "$T/out" 'assert "2 versions" in a[0]["summary"]' &&
	ok "global --lore-url" || fail "global --lore-url: exit $rc: $(cat "$T/err")"

# 2. b4's tracking data. A scratch repository whose base is the series'
# base (foo.c) and whose HEAD changed the line patch 2 touches: applied
# onto HEAD, patch 2 fails; onto the tracking data's base-commit it
# applies.
R=$T/repo
git init -q -b main "$R" && mkdir -p "$R/net/foo" && cp "$D/foo.c" "$R/net/foo/" &&
	git -C "$R" add . && git -C "$R" commit -q -m base || exit 1
BASE=$(git -C "$R" rev-parse HEAD)
sed -i 's/^\tfoo_count = v;$/\tfoo_count = v \& 0xff;/' "$R/net/foo/foo.c"
git -C "$R" commit -q -a -m "net: foo: mask the count" || exit 1

# track FILE BASE PATCH-IDS...: write b4's tracking data
track()
{
	local f=$1 base=$2
	shift 2
	python3 - "$f" "$base" "$@" <<'EOF'
import json, sys
f, base, ids = sys.argv[1], sys.argv[2], sys.argv[3:]
series = {"revision": 2, "change-id": "20250301-foo-b4test0000",
          "link": "https://lore.kernel.org/r/20250301-foo-v2-0-b4test@example.org",
          "subject": "[PATCH net-next v2 0/3] net: foo: tidy the counter",
          "fromname": "Ann Author", "fromemail": "ann@example.org",
          "expected": 3, "complete": True, "prerequisite-commits": [],
          "header-info": {"msgid": "20250301-foo-v2-0-b4test@example.org"},
          "status": "reviewing", "branch-tips": []}
if base:
    series["base-commit"] = base
patches = [{"title": "p%d" % i, "link": "https://lore.kernel.org/r/" + m,
            "header-info": {"msgid": m}, "followups": []}
           for i, m in enumerate(ids, 1)]
json.dump({"series": series, "followups": [], "patches": patches},
          open(f, "w"))
EOF
}
IDS="$V2-1-b4test@example.org $V2-2-b4test@example.org $V2-3-b4test@example.org"

# --repo without tracking data: applied onto HEAD, patch 2 fails
run --format=b4 --lore-url="$LORE/all" --repo="$R" <"$COVER"
[ "$rc" -eq 1 ] && b4json "$T/out" '
it = a[0]
assert it["status"] == "fail", it
assert "[apply.fails]" in it["details"] and "no base-commit given" in it["details"], it
' && ok "--repo, no base: applied onto HEAD fails" ||
	fail "--repo onto HEAD: exit $rc: $(cat "$T/err" "$T/py") $(cat "$T/out")"

# with the tracking data's base-commit it applies
# shellcheck disable=SC2086
track "$T/track.json" "$BASE" $IDS
B4_TRACKING_FILE=$T/track.json run --format=b4 --lore-url="$LORE/all" \
	--repo="$R" <"$COVER"
[ "$rc" -eq 0 ] && b4json "$T/out" '
it = a[0]
d = it["details"]
assert it["status"] == "warn", it
assert "apply." not in d, d
assert "incomplete" not in d, d
' && ok "tracking base-commit: the series applies" ||
	fail "tracking base-commit: exit $rc: $(cat "$T/err" "$T/py") $(cat "$T/out")"

# no --repo: b4 runs the command at the top of the repository
RUN_DIR=$R B4_TRACKING_FILE=$T/track.json run --format=b4 \
	--lore-url="$LORE/all" <"$COVER"
[ "$rc" -eq 0 ] && b4json "$T/out" '
assert "apply." not in a[0]["details"], a
' && ok "tracking data: the current directory is the repository" ||
	fail "current directory: exit $rc: $(cat "$T/err" "$T/py") $(cat "$T/out")"
# ... which is seen: an unknown base-commit there says so
track "$T/track-bad-base.json" 0123456789abcdef0123456789abcdef01234567 $IDS
RUN_DIR=$R B4_TRACKING_FILE=$T/track-bad-base.json run --format=b4 \
	--lore-url="$LORE/all" <"$COVER"
[ "$rc" -eq 1 ] && b4json "$T/out" '
d = a[0]["details"]
assert "base-commit 0123456789abcdef0123456789abcdef01234567 is not in" in d, d
assert "[apply.fails]" in d, d
' && ok "tracking data: unknown base-commit in the current directory" ||
	fail "unknown base: exit $rc: $(cat "$T/err" "$T/py") $(cat "$T/out")"
# outside any repository: no repository checks, no error
B4_TRACKING_FILE=$T/track-bad-base.json run --format=b4 --lore-url="$LORE/all" \
	<"$COVER"
[ "$rc" -eq 0 ] && b4json "$T/out" 'assert "apply." not in a[0]["details"]' &&
	ok "tracking data outside a repository" ||
	fail "outside a repository: exit $rc: $(cat "$T/err" "$T/py")"

# the cover without a Message-ID: the tracking data names it
grep -v '^Message-ID:' "$COVER" >"$T/noid.eml"
B4_TRACKING_FILE=$T/track.json run --format=b4 --lore-url="$LORE/all" \
	<"$T/noid.eml"
[ "$rc" -eq 0 ] && b4json "$T/out" '
it = a[0]
assert "2 versions" in it["summary"], it
assert it["url"] == "'"$LORE"'/all/20250301-foo-v2-0-b4test@example.org/", it
' && ok "cover without Message-ID: found by the tracking data" ||
	fail "no Message-ID: exit $rc: $(cat "$T/err" "$T/py") $(cat "$T/out")"

# patches b4 knows that lore lacks are named
track "$T/track-more.json" "$BASE" $IDS "$V2-4-b4test@example.org"
B4_TRACKING_FILE=$T/track-more.json run --format=b4 --lore-url="$LORE/all" \
	<"$COVER"
[ "$rc" -eq 0 ] && b4json "$T/out" '
d = " ".join(a[0]["details"].split())
assert "1 patch of b4\x27s tracking data not in the input: <20250301-foo-v2-4-b4test@example.org>" in d, d
assert "[series.incomplete]" in d, d
assert a[0]["summary"].startswith("0 fail, 2 warn"), a
' && ok "patches of the tracking data missing on lore" ||
	fail "missing patches: exit $rc: $(cat "$T/err" "$T/py") $(cat "$T/out")"

# a cover letter lore lacks (v3's never reached the list): found by the
# patches b4 names, the cover from stdin stands in the series
V3=20250301-foo-v3
track "$T/track-v3.json" "" "$V3-1-b4test@example.org" \
	"$V3-2-b4test@example.org" "$V3-3-b4test@example.org"
B4_TRACKING_FILE=$T/track-v3.json run --format=b4 --lore-url="$LORE/all" \
	<"$D/cover-v3.eml"
[ "$rc" -eq 0 ] && b4json "$T/out" '
it = a[0]
assert it["summary"].startswith("0 fail, 0 warn, 0 info: v3, 3 patches, 3 versions"), it
assert it["url"] == "'"$LORE"'/all/20250301-foo-v3-0-b4test@example.org/", it
d = it["details"]
assert "v2 -> v3:" in d and "resend, the v2 thread was mangled" in d, d
assert "Series form" in d and "cover-missing" not in d, d
' && ok "cover lore lacks: the series found by its patches" ||
	fail "cover lore lacks: exit $rc: $(cat "$T/err" "$T/py") $(cat "$T/out")"
# without the tracking data it cannot be found: said so
run --format=b4 --lore-url="$LORE/all" <"$D/cover-v3.eml"
[ "$rc" -eq 0 ] && b4json "$T/out" '
assert a[0]["summary"] == "series not fetched from lore: only the cover letter was checked", a
assert "not found at" in a[0]["details"], a
' && ok "cover lore lacks, no tracking data: warn item" ||
	fail "cover lore lacks, untracked: exit $rc: $(cat "$T/err" "$T/py")"
# v1's review leaves v2 out, though lore finds it (by v2's change-id)
run --format=json --lore-url="$LORE/all" <"$D/cover-v1.eml"
[ "$rc" -eq 0 ] && python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
assert [v["version"] for v in d["series"]["versions"]] == [1], d["series"]
' "$T/out" 2>"$T/py" && ok "the versions after the cover's are left out" ||
	fail "later versions: exit $rc: $(cat "$T/err" "$T/py")"
# ... also when the cover has no Message-ID and b4 names only the patches:
# the version is told by its patches
grep -v '^Message-ID:' "$D/cover-v1.eml" >"$T/noid-v1.eml"
python3 - "$T/track-v1.json" <<'EOF2'
import json, sys
json.dump({"series": {"revision": 1},
           "patches": [{"link": "https://lore.kernel.org/r/20250301-foo-v1-%d-b4test@example.org" % k}
                       for k in (1, 2, 3)]}, open(sys.argv[1], "w"))
EOF2
B4_TRACKING_FILE=$T/track-v1.json run --format=json --lore-url="$LORE/all" \
	<"$T/noid-v1.eml"
[ "$rc" -le 1 ] && python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
assert [v["version"] for v in d["series"]["versions"]] == [1], d["series"]
' "$T/out" 2>"$T/py" && ok "later versions left out, cover told by its patches" ||
	fail "later versions, no Message-ID: exit $rc: $(cat "$T/err" "$T/py")"
"$P" --lore-url="$LORE/all" show --format=json \
	"20250301-foo-v1-0-b4test@example.org" >"$T/out" 2>"$T/err"
python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
assert [v["version"] for v in d["series"][0]["versions"]] == [1, 2], d
' "$T/out" 2>"$T/py" && ok "... which lore has" ||
	fail "lore has v2: $(cat "$T/err" "$T/py")"

# b4 pipes the last reply to the cover as the cover: the tracking data
# names the cover, which is reviewed instead
REPLY=$D/reply-to-cover-v2.eml
B4_TRACKING_FILE=$T/track.json run --format=b4 --lore-url="$LORE/all" \
	<"$REPLY"
[ "$rc" -eq 0 ] && b4json "$T/out" '
assert len(a) == 1, a
it = a[0]
assert it["summary"].startswith("0 fail, 1 warn, 1 info: v2, 3 patches, 2 versions"), it
assert it["url"] == "'"$LORE"'/all/20250301-foo-v2-0-b4test@example.org/", it
' && ok "a reply to the cover on stdin: the cover of the tracking data" ||
	fail "reply to the cover: exit $rc: $(cat "$T/err" "$T/py") $(cat "$T/out")"
# ... without tracking data it is no patch, as before
run --format=b4 --lore-url="$LORE/all" <"$REPLY"
[ "$rc" -eq 3 ] && grep -q "no patch found on stdin" "$T/err" &&
	ok "a reply to the cover, untracked: exit 3" ||
	fail "reply untracked: exit $rc: $(cat "$T/err")"
# ... and when lore cannot give the cover, b4 is told nothing was checked
B4_TRACKING_FILE=$T/track.json run --format=b4 \
	--lore-url="http://127.0.0.1:$(free_port)/all" <"$REPLY"
[ "$rc" -eq 0 ] && b4json "$T/out" '
assert a[0]["status"] == "warn", a
assert a[0]["summary"] == "series not fetched from lore: nothing was checked", a
' && ok "a reply to the cover, lore unreachable: warn item" ||
	fail "reply, lore unreachable: exit $rc: $(cat "$T/err" "$T/py") $(cat "$T/out")"
B4_TRACKING_FILE=$T/track.json run --format=json \
	--lore-url="http://127.0.0.1:$(free_port)/all" <"$REPLY"
[ "$rc" -eq 3 ] && grep -q "could not fetch the series of the cover letter B4_TRACKING_FILE names" "$T/err" &&
	ok "a reply to the cover, lore unreachable, json: exit 3" ||
	fail "reply, unreachable json: exit $rc: $(cat "$T/err")"

# malformed or unreadable tracking data: exit 3 naming the file
printf '{"series": {"revision": 2,}}' >"$T/bad.json"
for f in "$T/bad.json" "$T/nosuch.json"; do
	B4_TRACKING_FILE=$f run --format=b4 --lore-url="$LORE/all" <"$COVER"
	[ "$rc" -eq 3 ] && [ ! -s "$T/out" ] &&
		grep -q "^prereview: error: .*'$f'.*(B4_TRACKING_FILE)" "$T/err" &&
		ok "bad tracking file $(basename "$f"): exit 3" ||
		fail "bad tracking file $f: exit $rc: $(cat "$T/err") $(cat "$T/out")"
done
printf '{"series": {"base-commit": "main"}}' >"$T/bad.json"
B4_TRACKING_FILE=$T/bad.json run --format=b4 --lore-url="$LORE/all" <"$COVER"
[ "$rc" -eq 3 ] && grep -q "series.base-commit is not a commit id" "$T/err" &&
	ok "tracking file with a wrong value: exit 3" ||
	fail "wrong value: exit $rc: $(cat "$T/err")"

# 3. lore unreachable: b4 gets one warn item, exit 0; other formats exit 3
DEAD=http://127.0.0.1:$(free_port)/all
run --format=b4 --lore-url="$DEAD" <"$COVER"
[ "$rc" -eq 0 ] && b4json "$T/out" '
assert len(a) == 1, a
it = a[0]
assert it["status"] == "warn", it
assert it["summary"] == "series not fetched from lore: only the cover letter was checked", it
assert "127.0.0.1" in it["details"], it
assert it["url"] == "'"$DEAD"'/20250301-foo-v2-0-b4test@example.org/", it
' && grep -q "only the cover letter was checked" "$T/err" &&
	ok "lore unreachable: one warn item, exit 0" ||
	fail "unreachable b4: exit $rc: $(cat "$T/err" "$T/py") $(cat "$T/out")"
run --format=json --lore-url="$DEAD" <"$COVER"
[ "$rc" -eq 3 ] && [ ! -s "$T/out" ] &&
	grep -q "^prereview: error: could not fetch the series of the cover letter: " "$T/err" &&
	ok "lore unreachable, --format=json: exit 3" ||
	fail "unreachable json: exit $rc: $(cat "$T/err") $(cat "$T/out")"
# --offline without the cache, and a cover lore does not have
XDG_CACHE_HOME=$T/empty-cache run --format=b4 --offline --lore-url="$LORE/all" \
	<"$COVER"
[ "$rc" -eq 0 ] && b4json "$T/out" '
assert "not in the cache (offline)" in a[0]["details"], a
' && ok "--offline, empty cache: warn item" ||
	fail "--offline miss: exit $rc: $(cat "$T/err" "$T/py") $(cat "$T/out")"
sed 's/^Message-ID: <.*>/Message-ID: <unknown-cover@example.org>/' "$COVER" \
	>"$T/unknown.eml"
run --format=text --lore-url="$LORE/all" <"$T/unknown.eml"
[ "$rc" -eq 3 ] && grep -q "not found" "$T/err" &&
	ok "cover unknown to lore, text: exit 3" ||
	fail "unknown cover: exit $rc: $(cat "$T/err")"
# ... unless b4 names its patches: the thread is found by them
track "$T/track-patches.json" "" $IDS
B4_TRACKING_FILE=$T/track-patches.json run --format=b4 --lore-url="$LORE/all" \
	<"$T/unknown.eml"
[ "$rc" -eq 0 ] && b4json "$T/out" '
assert ": v2, 3 patches" in a[0]["summary"], a
' && ok "cover unknown to lore, found by its patches" ||
	fail "found by patches: exit $rc: $(cat "$T/err" "$T/py") $(cat "$T/out")"

# 4. the per-patch command: one patch, no lore, one item for the patch
run --format=b4 --lore-url="$DEAD" <"$D/patch-v2-2.eml"
[ "$rc" -eq 0 ] && b4json "$T/out" '
assert len(a) == 1 and a[0]["status"] == "pass", a
' && [ ! -s "$T/err" ] &&
	ok "per-patch: a clean patch is one pass item" ||
	fail "per-patch: exit $rc: $(cat "$T/err" "$T/py") $(cat "$T/out")"
sed '/^Signed-off-by:/d' "$D/patch-v2-2.eml" >"$T/nosob.eml"
B4_TRACKING_FILE=$T/bad.json run --format=b4 --lore-url="$DEAD" <"$T/nosob.eml"
[ "$rc" -eq 1 ] && b4json "$T/out" '
assert len(a) == 1 and a[0]["status"] == "fail", a
assert a[0]["details"].startswith("fail  trailer.sob-missing: "), a
' && ok "per-patch: one item with the finding, tracking data not read" ||
	fail "per-patch finding: exit $rc: $(cat "$T/err" "$T/py") $(cat "$T/out")"

# checkpatch lines are for the per-patch commands: a cover letter there is
# one mail, nothing is fetched
run --format=checkpatch --lore-url="$DEAD" <"$COVER"
[ "$rc" -eq 0 ] && [ ! -s "$T/err" ] &&
	ok "--format=checkpatch: a cover letter is not fetched" ||
	fail "checkpatch cover: exit $rc: $(cat "$T/err") $(cat "$T/out")"

finish
