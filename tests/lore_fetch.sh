# SPDX-License-Identifier: GPL-2.0-or-later
# prereview fetch against a real public-inbox-httpd on 127.0.0.1 serving
# tests/data/lore/netdev.mbox: message-ids and every URL form, version
# discovery (change-id, title + author, Link to vN), the cache, --offline.
source "$PRV_SRC/tests/lore/harness.sh"
lore_start
P=$PRV_BIN
V1=20240110-frob-v1-0-c0ffee@example.org
V1P1=20240110-frob-v1-1-c0ffee@example.org

# ids FILE: the Message-IDs of an mbox, in order, one line
ids()
{
	grep -i '^Message-ID:' "$1" | sed 's/.*<\(.*\)>.*/\1/' | tr '\n' ' ' |
		sed 's/ $//'
}

# expect NAME WANT_IDS ARGS...: fetch succeeds, stderr is empty, and the
# output holds exactly WANT_IDS in that order.
expect()
{
	local name=$1 want=$2 got
	shift 2
	if ! "$P" "$@" >"$T/out" 2>"$T/err"; then
		fail "$name: exit $?: $(cat "$T/err")"
		return
	fi
	got=$(ids "$T/out")
	if [ "$got" != "$want" ]; then
		fail "$name: got '$got', want '$want'"
	elif [ -s "$T/err" ]; then
		fail "$name: stderr: $(cat "$T/err")"
	else
		ok "$name"
	fi
}

THREAD="$V1 $V1P1 20240110-frob-v1-2-c0ffee@example.org reply-v1-1@example.net"

# message-ids, bare and in <>, against --lore-url and config
expect "bare message-id" "$THREAD" --lore-url "$LORE/all" fetch "$V1P1"
expect "message-id in <>" "$THREAD" --lore-url "$LORE/all/" fetch "<$V1>"
prv_config prereview.loreUrl "$LORE/netdev"
expect "prereview.loreUrl" "$THREAD" fetch "reply-v1-1@example.net"

# every URL form reviewers paste
for u in "$LORE/netdev/$V1/" "$LORE/netdev/$V1" "$LORE/all/$V1/T/#u" \
	"$LORE/all/$V1P1/t/" "$LORE/netdev/$V1P1/raw" \
	"$LORE/netdev/$V1/t.mbox.gz" "$LORE/r/$V1" "$LORE/$V1P1/" \
	"$LORE/netdev/${V1/@/%40}/#r" "$LORE/all/$V1/?foo=bar"; do
	expect "URL $u" "$THREAD" fetch "$u"
done

# --single: the message alone, from /raw
expect "--single" "$V1P1" fetch --single "$LORE/netdev/$V1P1/"
expect "--single from another list" "mptcp-only@example.org" \
	fetch --single "$LORE/netdev/mptcp-only@example.org/"

# mboxrd: a body line "From the start" stays quoted in the output
"$P" fetch "$LORE/all/$V1/" >"$T/out" 2>/dev/null
grep -q '^>From the start it was odd\.$' "$T/out" &&
	! grep -q '^From the start' "$T/out" &&
	ok "mboxrd quoting kept" || fail "mboxrd quoting lost"

# ... and in a message from /raw, which lore sends as it is, unquoted
"$P" fetch --single "$LORE/all/$V1/" >"$T/out" 2>/dev/null
grep -q '^>From the start it was odd\.$' "$T/out" &&
	! grep -q '^From the start' "$T/out" &&
	ok "mboxrd quoting of a /raw message" ||
	fail "/raw message not quoted as mboxrd"

# --versions by change-id: v1, v2, v3 in date order; the decoy that only
# mentions the change-id inside a line is left out
V2=20240120-frob-v2-0-c0ffee@example.org
V3=20240201-frob-v3-0-c0ffee@example.org
ALL="$THREAD $V2 ${V2/-0-/-1-} ${V2/-0-/-2-} $V3 ${V3/-0-/-1-} ${V3/-0-/-2-}"
expect "--versions by change-id" "$ALL" fetch --versions "$LORE/all/$V1P1/"
expect "--versions from v3" "$ALL" fetch --versions "$LORE/all/${V3/-0-/-2-}/"
"$P" fetch -o "$T/series.mbx" --versions "$LORE/all/$V2/" 2>"$T/err"
[ "$(ids "$T/series.mbx")" = "$ALL" ] && [ ! -s "$T/err" ] &&
	[ -z "$(ls "$T" | grep 'series.mbx.tmp')" ] &&
	ok "-o FILE" || fail "-o FILE: $(cat "$T/err")"

# --versions by title and author: Bob's patch of the same title is not one
expect "--versions by title and author" \
	"widget-v1@example.com widget-v2@example.com widget-reply@example.org" \
	fetch --versions "$LORE/netdev/widget-reply@example.org/"
# --versions by "Link to v1" when the title changed
expect "--versions by Link to v1" \
	"sched-v1@example.com sched-v2@example.com" \
	fetch --versions "$LORE/netdev/sched-v2@example.com/"
# change-id in a base64 cover letter; title in RFC 2047 and raw UTF-8,
# sender address in another case
expect "--versions, change-id in base64" \
	"enc-v1-0@example.com enc-v1-1@example.com enc-v2-0@example.com enc-v2-1@example.com" \
	fetch --versions "$LORE/all/enc-v2-1@example.com/"
expect "--versions, encoded title" "cafe-v1@example.de cafe-v2@example.de" \
	fetch --versions "$LORE/all/cafe-v2@example.de/"
expect "--versions, encoded title from v1" \
	"cafe-v1@example.de cafe-v2@example.de" \
	fetch --versions "$LORE/all/cafe-v1@example.de/"
# a search with no result (404) is no other version, not an error
expect "search without results" "nohits@example.com" \
	fetch --versions "$LORE/all/nohits@example.com/"
# without --versions only the thread
expect "no --versions" "widget-v2@example.com widget-reply@example.org" \
	fetch "$LORE/netdev/widget-v2@example.com/"

# a list URL for a message of another list: found through /all/
expect "other list through /all/" "mptcp-only@example.org" \
	fetch --versions "$LORE/netdev/mptcp-only@example.org/"
"$P" fetch "$LORE/netdev/nosuch@example.org/" >"$T/out" 2>"$T/err"
grep -qx "prereview: error: message 'nosuch@example.org' not found at '$LORE/netdev' nor at '$LORE/all'" "$T/err" &&
	ok "unknown at the list and at /all/" ||
	fail "unknown at the list: $(cat "$T/err")"

# unknown message-id: 404 named with the base URL
"$P" fetch "$LORE/all/nosuch@example.org/" >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" -eq 3 ] && [ ! -s "$T/out" ] &&
	grep -qx "prereview: error: message 'nosuch@example.org' not found at '$LORE/all'" "$T/err" &&
	ok "unknown message-id" || fail "unknown message-id: exit $rc: $(cat "$T/err")"

# bad arguments are usage errors
for a in "" "not an id" "http://127.0.0.1/" "<a b@c>"; do
	"$P" fetch "$a" >/dev/null 2>"$T/err"
	rc=$?
	[ "$rc" -eq 2 ] && ok "usage error for '$a'" ||
		fail "'$a': exit $rc: $(cat "$T/err")"
done
# ... and say what is wrong before the usage
"$P" fetch >/dev/null 2>"$T/err"
[ $? -eq 2 ] && grep -qx "prereview: error: no MSGID or URL given" "$T/err" &&
	ok "no MSGID: message" || fail "no MSGID: $(head -1 "$T/err")"
"$P" fetch a@b.example c@d.example >/dev/null 2>"$T/err"
[ $? -eq 2 ] &&
	grep -qx "prereview: error: one MSGID or URL only, not also 'c@d.example'" "$T/err" &&
	ok "two MSGIDs: message" || fail "two MSGIDs: $(head -1 "$T/err")"

# the cache: entries are complete files, no temporary left over
[ "$(cache_entries)" -gt 0 ] &&
	[ -z "$(find "$XDG_CACHE_HOME" -name '*.tmp*')" ] &&
	ok "cache written" || fail "cache: $(find "$XDG_CACHE_HOME")"

# a thread cached without its versions, for the --offline tests below
"$P" fetch "$LORE/all/sched-v2@example.com/" >/dev/null 2>&1

# stop the server: what was fetched comes from the cache
lore_stop
expect "cache hit with the server gone" "$ALL" \
	fetch --versions "$LORE/all/$V1P1/"
expect "--offline" "$ALL" fetch --offline --versions "$LORE/all/$V1P1/"
"$P" fetch --offline "$LORE/all/never@example.org/" >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" -eq 3 ] && [ ! -s "$T/out" ] &&
	grep -q "not in the cache (offline)" "$T/err" &&
	ok "--offline miss" || fail "--offline miss: exit $rc: $(cat "$T/err")"
# discovery needs a search that is not cached: its error, all or nothing
"$P" fetch --offline --versions "$LORE/all/sched-v2@example.com/" >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" -eq 3 ] && [ ! -s "$T/out" ] &&
	grep -q "could not fetch '$LORE/all/?x=m&t=1&q=s%3A.*': not in the cache (offline)" "$T/err" &&
	ok "--offline search miss" || fail "--offline search miss: exit $rc: $(cat "$T/err")"
# --offline uses entries past their TTL; a normal run refetches them,
# and falls back on them (with a warning) when lore cannot be reached
prv_config prereview.cacheTTL 0
prv_config prereview.httpRetries 0
expect "--offline ignores the TTL" "$THREAD" fetch --offline "$LORE/all/$V1/"
"$P" fetch "$LORE/all/$V1/" >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" -eq 0 ] && [ "$(ids "$T/out")" = "$THREAD" ] &&
	grep -q "connection failed.*; using the expired cached answer$" "$T/err" &&
	ok "expired entry refetched, used when lore is down" ||
	fail "expired entry: exit $rc: $(cat "$T/err")"

finish
