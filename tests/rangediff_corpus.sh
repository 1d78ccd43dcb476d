# SPDX-License-Identifier: GPL-2.0-or-later
# Every multi-version series of the lore corpus goes through `prereview
# diff`: each *-all.mbox (every successive pair of versions) and each pair
# of successive -vN.mbox files (OLD NEW). The pairs are printed in the log;
# any failure or crash fails the test.
set -u

: "${PRV_BIN:?PRV_BIN must name the prereview binary}"
lore="${PRV_CORPUS:-}/lore"
if [ -z "${PRV_CORPUS:-}" ] || [ ! -d "$lore" ]; then
	echo "skipped: corpus not found (PRV_CORPUS)"
	exit 77
fi

runs=0 failed=0
check() {
	local what="$1"
	shift
	local out rc
	out=$("$PRV_BIN" --color=never diff --no-patch "$@" 2>&1)
	rc=$?
	runs=$((runs + 1))
	echo "=== $what (exit $rc)"
	echo "$out"
	if [ "$rc" -ne 0 ]; then
		echo "FAIL $what"
		failed=$((failed + 1))
	fi
}

for all in "$lore"/*-all.mbox; do
	[ -e "$all" ] || continue
	check "$(basename "$all")" "$all"
done

for first in "$lore"/*-v[0-9]*.mbox; do
	[ -e "$first" ] || continue
	base=${first%-v*.mbox}
	v=${first##*-v}
	v=${v%.mbox}
	next="$base-v$((v + 1)).mbox"
	[ -e "$next" ] || continue
	check "$(basename "$first") -> $(basename "$next")" "$first" "$next"
done

# JSON of one series too, so that the schema output is exercised.
for all in "$lore"/*-all.mbox; do
	[ -e "$all" ] || continue
	if ! "$PRV_BIN" diff --format=json "$all" | python3 -c \
		'import json,sys; d=json.load(sys.stdin); assert d["schema"] == "prereview-rangediff/1"; assert "pairs" in d' \
		2>/dev/null; then
		echo "FAIL json $(basename "$all")"
		failed=$((failed + 1))
	fi
	runs=$((runs + 1))
done

echo "corpus range-diffs: $runs runs, $failed failed"
[ "$runs" -gt 0 ] && [ "$failed" -eq 0 ]
