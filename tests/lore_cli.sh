# SPDX-License-Identifier: GPL-2.0-or-later
# SOURCEs that are message-ids or lore URLs, end to end: core/source hands
# them to the lore client, and show, diff and check fetch the versions they
# need (public-inbox on 127.0.0.1), or the thread alone with --no-versions,
# or read the cache only with --offline.
source "$PRV_SRC/tests/lore/harness.sh"
: "${PRV_SOURCES:?PRV_SOURCES must name the prv-sources tool}"
lore_start
P=$PRV_BIN
V1P1=20240110-frob-v1-1-c0ffee@example.org

S=$PRV_SOURCES

# The SOURCE path alone (core/source -> lore), as tests/tools/prv-sources
# prints the series it assembles.
# expect NAME WANT ARGS...: prv-sources prints exactly WANT
expect()
{
	local name=$1 want=$2 got
	shift 2
	got=$("$S" "$@" 2>"$T/err")
	if [ "$?" -ne 0 ]; then
		fail "$name: $(cat "$T/err")"
	elif [ "$got" != "$want" ]; then
		fail "$name: got
$got
want
$want"
	else
		ok "$name"
	fi
}

FROB="mptcp: tidy the frob path v1: 2/2 cover
mptcp: tidy the frob path v2: 2/2 cover
mptcp: tidy the frob path v3: 2/2 cover
mails: 10"
expect "URL: every version" "$FROB" "$LORE/all/$V1P1/"
expect "message-id: every version" "$FROB" --lore-url="$LORE/all" "<$V1P1>"
expect "--no-versions: the thread alone" \
	"mptcp: tidy the frob path v1: 2/2 cover
mails: 4" --no-versions "$LORE/netdev/$V1P1/"
expect "found by title and author" \
	"net: fix the widget v1: 1/1
net: fix the widget v2: 1/1
mails: 3" "$LORE/netdev/widget-v2@example.com/"
# a fetched SOURCE merges with a file SOURCE into the same series
"$PRV_BIN" fetch -o "$T/v1.mbox" "$LORE/all/$V1P1/" 2>/dev/null
got=$("$S" "$T/v1.mbox" "$LORE/all/$V1P1/" 2>"$T/err" | grep -v '^mails:')
[ "$got" = "$(echo "$FROB" | grep -v '^mails:')" ] && ok "file + URL" ||
	fail "file + URL: $got $(cat "$T/err")"
expect "--offline from the cache" "$FROB" --offline "$LORE/all/$V1P1/"

"$S" "$LORE/all/nosuch@example.org/" >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" -eq 3 ] && grep -q "message 'nosuch@example.org' not found at '$LORE/all'" "$T/err" &&
	ok "unknown message-id" || fail "unknown message-id: exit $rc: $(cat "$T/err")"

# versions_of JSON: the versions of each series, e.g. "[[1, 2, 3]]"
versions_of()
{
	python3 -c 'import json, sys
d = json.load(sys.stdin)
print([[v["version"] for v in s["versions"]] for s in d["series"]])'
}

got=$("$P" show --format=json "$LORE/all/$V1P1/" 2>"$T/err" | versions_of)
[ "$got" = "[[1, 2, 3]]" ] && ok "show URL: every version" ||
	fail "show URL: $got $(cat "$T/err")"
got=$("$P" --lore-url="$LORE/all" show --format=json "<$V1P1>" 2>"$T/err" |
	versions_of)
[ "$got" = "[[1, 2, 3]]" ] && ok "show message-id: every version" ||
	fail "show message-id: $got $(cat "$T/err")"
got=$("$P" show --no-versions --format=json "$LORE/all/$V1P1/" 2>"$T/err" |
	versions_of)
[ "$got" = "[[1]]" ] && ok "show --no-versions" ||
	fail "show --no-versions: $got $(cat "$T/err")"

# diff of a lore SOURCE compares its successive versions
"$P" diff "$LORE/all/$V1P1/" >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" -eq 0 ] && grep -q '^v1 -> v2' "$T/out" && grep -q '^v2 -> v3' "$T/out" &&
	ok "diff URL: v1 -> v2 -> v3" || fail "diff URL: exit $rc: $(cat "$T/err")"
"$P" diff --no-versions "$LORE/all/$V1P1/" >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" -eq 3 ] && grep -q "only one version" "$T/err" &&
	ok "diff --no-versions: the thread alone is one version" ||
	fail "diff --no-versions: exit $rc $(cat "$T/err")"
# OLD NEW as two URLs, each thread alone: v1 against v3 (with the versions
# fetched, both inputs would hold v3 and compare equal). v3 rewrote both
# patches past the creation factor under the same titles and author: each
# pairs with its v1 self, marked rewritten.
"$P" diff --no-versions "$LORE/all/$V1P1/" \
	"$LORE/netdev/20240201-frob-v3-0-c0ffee@example.org/" >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" -eq 0 ] && [ "$(grep -c '^[12]: .* ! [12]: .* (rewritten)$' "$T/out")" -eq 2 ] &&
	! grep -q ' < -: \| > [12]: ' "$T/out" &&
	ok "diff OLD NEW URLs" || fail "diff OLD NEW: exit $rc: $(cat "$T/err") $(head -3 "$T/out")"

# check of a lore SOURCE reviews the series (exit 0 or 1, not 3)
"$P" check --format=json "$LORE/all/$V1P1/" >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" -le 1 ] && python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
assert d["schema"] == "prereview-report/1"' "$T/out" &&
	ok "check URL (exit $rc)" || fail "check URL: exit $rc: $(cat "$T/err")"

# prereview.loreUrl serves bare message-ids in every command
prv_config prereview.loreUrl "$LORE/all"
got=$("$P" show --format=json "$V1P1" 2>"$T/err" | versions_of)
[ "$got" = "[[1, 2, 3]]" ] && ok "prereview.loreUrl" ||
	fail "prereview.loreUrl: $got $(cat "$T/err")"
"$P" check --format=json "$V1P1" >/dev/null 2>"$T/err"
[ "$?" -le 1 ] && ok "check with prereview.loreUrl" ||
	fail "check with prereview.loreUrl: $(cat "$T/err")"

# --offline: the cache only; unknown there is an error naming the URL
for cmd in show diff check; do
	"$P" "$cmd" --offline "$LORE/all/nosuch@example.org/" >"$T/out" 2>"$T/err"
	rc=$?
	[ "$rc" -eq 3 ] && [ ! -s "$T/out" ] &&
		grep -q "could not fetch '$LORE/all/nosuch@example.org/t.mbox.gz': not in the cache (offline)" "$T/err" &&
		ok "$cmd --offline miss" ||
		fail "$cmd --offline miss: exit $rc: $(cat "$T/err")"
done
got=$("$P" show --offline --format=json "$LORE/all/$V1P1/" 2>"$T/err" |
	versions_of)
[ "$got" = "[[1, 2, 3]]" ] && ok "show --offline from the cache" ||
	fail "show --offline: $got $(cat "$T/err")"

# an unknown message-id: exit 3 with the base URL, no output
"$P" show "$LORE/all/nosuch@example.org/" >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" -eq 3 ] && [ ! -s "$T/out" ] &&
	grep -q "message 'nosuch@example.org' not found at '$LORE/all'" "$T/err" &&
	ok "show unknown message-id" || fail "show unknown: exit $rc: $(cat "$T/err")"

finish
