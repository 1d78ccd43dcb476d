# SPDX-License-Identifier: GPL-2.0-or-later
# SOURCE arguments that are message-ids or lore URLs, end to end: core/source
# hands them to the lore client, which fetches the versions, and the series
# are assembled from what came back (public-inbox on 127.0.0.1).
source "$PRV_SRC/tests/lore/harness.sh"
: "${PRV_SOURCES:?PRV_SOURCES must name the prv-sources tool}"
lore_start
S=$PRV_SOURCES
V1P1=20240110-frob-v1-1-c0ffee@example.org

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

finish
