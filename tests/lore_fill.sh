# SPDX-License-Identifier: GPL-2.0-or-later
# What the input lacks is not what the list lacks: with a lore SOURCE,
# prereview fetches the cover letter and the k/N patches its thread does
# not hold (sent to another list, tests/data/lorefill: netdev and bpf on a
# public-inbox on 127.0.0.1), then says exactly what is still missing; a
# local file is never completed from lore.
#   a: the cover went to bpf only, the patches to netdev
#   b: patch 2/3 went to bpf only
#   c: the cover and patch 3/3 are on no list
source "$PRV_SRC/tests/lore/harness.sh"
LORE_DATA=$PRV_TEST_DATA/lorefill
lore_start
P=$PRV_BIN
prv_config prereview.httpTimeout 5
prv_config prereview.httpRetries 0

# series NAME WANT ARGS...: show's versions and the k/N they hold, one line
# each
series()
{
	local name=$1 want=$2 got
	shift 2
	if ! "$P" show "$@" >"$T/out" 2>"$T/err"; then
		fail "$name: exit $?: $(cat "$T/err")"
		return
	fi
	got=$(grep -E '^v[0-9]|^  [0-9]+/[0-9]+ ' "$T/out" |
		sed -E 's/^  ([0-9]+\/[0-9]+) .*/\1/' | tr '\n' ' ' | sed 's/ $//')
	[ "$got" = "$want" ] && ok "$name" ||
		fail "$name: got '$got', want '$want'"
}

# findings NAME WANT ARGS...: check's series findings, "id: severity: what"
findings()
{
	local name=$1 want=$2 got
	shift 2
	"$P" check --format=json "$@" >"$T/out.json" 2>"$T/err"
	got=$(python3 -c '
import json, sys
doc = json.load(open(sys.argv[1]))
for f in doc["findings"]:
    if f["id"].startswith("series."):
        print("%s: %s: %s" % (f["id"], f["severity"], f["message"]))
' "$T/out.json")
	[ "$got" = "$want" ] && ok "$name" ||
		fail "$name: got '$got', want '$want' $(cat "$T/err")"
}

A1=fill-a-1@example.org
B0=fill-b-0@example.org
C1=fill-c-1@example.org

series "cover from another list" \
	"v1 [net-next] 2024-03-04 09:00 UTC, 3 patches, complete 0/3 1/3 2/3 3/3" \
	"$LORE/netdev/$A1/"
findings "cover fetched: nothing missing" "" "$LORE/netdev/$A1/"
series "patch from another list" \
	"v1 [net-next] 2024-03-05 09:00 UTC, 3 patches, complete 0/3 1/3 2/3 3/3" \
	"$LORE/netdev/$B0/"
findings "patch fetched: nothing missing" "" "$LORE/netdev/$B0/"
series "on no list" \
	"v1 [net-next] 2024-03-06 09:00 UTC, 2 patches, missing 3/3 1/3 2/3" \
	"$LORE/netdev/$C1/"
# no cover either: the input cannot tell whether patch 3 went out
findings "on no list: what the input lacks" \
	"series.incomplete: info: cover not in the input: the patches reply to <fill-c-0@example.org>
series.incomplete: info: patch 3 of 3 not in the input" "$LORE/netdev/$C1/"

# the same mails in a local file: nothing fetched, nothing added
"$P" fetch --no-versions "$LORE/all/$B0/" >/dev/null 2>&1
curl -s "$LORE/netdev/$A1/t.mbox.gz" | gunzip >"$T/a.mbox"
before=$(cache_entries)
prv_config prereview.loreUrl "$LORE/all"
series "local file: not completed" \
	"v1 [net-next] 2024-03-04 09:00 UTC, 3 patches, complete 1/3 2/3 3/3" \
	"$T/a.mbox"
findings "local file: cover not in the input" \
	"series.incomplete: info: cover not in the input: the patches reply to <fill-a-0@example.org>" \
	"$T/a.mbox"
[ "$(cache_entries)" = "$before" ] && ok "local file: nothing fetched" ||
	fail "local file: the cache grew"

# --offline: what was fetched before comes from the cache
series "--offline: from the cache" \
	"v1 [net-next] 2024-03-04 09:00 UTC, 3 patches, complete 0/3 1/3 2/3 3/3" \
	--offline "$LORE/netdev/$A1/"
"$P" show --offline "$LORE/netdev/$C1/" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 0 ] && ! grep -q "not filled" "$T/out" &&
	ok "--offline: a miss is no warning" ||
	fail "--offline miss: exit $rc: $(cat "$T/out" "$T/err")"

# lore gone: the thread from the cache, a warning for what was not filled
lore_stop
"$P" show "$LORE/netdev/$C1/" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 0 ] &&
	grep -q "the series was not filled" "$T/out" &&
	grep -q "^v1 .*, 2 patches, missing 3/3" "$T/out" &&
	ok "lore gone: reported as fetched, with a warning" ||
	fail "lore gone: exit $rc: $(cat "$T/out" "$T/err")"
finish
