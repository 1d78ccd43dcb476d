# SPDX-License-Identifier: GPL-2.0-or-later
# Differential test of `prereview diff` against `git range-diff`.
#
# tests/rangediff_gen.py builds two versions of a series in a scratch git
# repository (seeded random rerolls: edits, rewordings, trailer-only
# changes, reordering, splitting, squashing, dropping and adding commits,
# renames, mode changes, new and deleted files; plus hand-written cases)
# and formats each version as patches. prereview reads only the patches;
# git range-diff reads the commits. The pairs and statuses must agree, and
# so must the whole output with the inner diffs once commit ids are masked.
set -u

: "${PRV_BIN:?PRV_BIN must name the prereview binary}"
: "${PRV_SRC:?PRV_SRC must name the source tree}"
gen="$PRV_SRC/tests/rangediff_gen.py"
for tool in git python3; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "skipped: $tool is not installed"
		exit 77
	fi
done

seeds=${PRV_RANGEDIFF_SEEDS:-30}
hand="hand-identical hand-tabs-message hand-trailers-only
hand-rename-mode-new-delete hand-reverse-order hand-all-new hand-binary"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# prereview marks a rebase "(rebased)" where git range-diff does not.
unmarked() {
	sed -E 's/^( *([0-9]+|-): +[0-9a-f-]+ ! .*) \(rebased\)$/\1/'
}
# "old status new title" per line, with commit ids left out.
pairs() {
	unmarked | sed -E -n 's/^ *([0-9]+|-): +[0-9a-f-]+ (.) +([0-9]+|-): +[0-9a-f-]+ (.*)$/\1 \2 \3 \4/p'
}
# The whole output with commit ids masked.
masked() {
	unmarked | sed -E 's/^( *([0-9]+|-): +)[0-9a-f-]+ (.) ( *([0-9]+|-): +)[0-9a-f-]+/\1ID \3 \4ID/'
}

total=0 agree=0 text_agree=0 failed=0
for c in $(seq 1 "$seeds") $hand; do
	d="$tmp/$c"
	mkdir -p "$d"
	if ! desc=$(python3 "$gen" "$d" "$c" 2>"$d/gen.err"); then
		echo "FAIL case $c: generator failed"
		cat "$d/gen.err"
		failed=$((failed + 1))
		continue
	fi
	total=$((total + 1))
	git -C "$d/repo" range-diff --no-color --no-patch base..v1 base..v2 \
		>"$d/git.txt"
	git -C "$d/repo" range-diff --no-color base..v1 base..v2 \
		>"$d/git-patch.txt"
	if ! "$PRV_BIN" --color=never diff --no-patch "$d/v1" "$d/v2" \
		>"$d/prv.txt" 2>"$d/prv.err"; then
		echo "FAIL $desc: prereview diff failed"
		cat "$d/prv.err"
		failed=$((failed + 1))
		continue
	fi
	"$PRV_BIN" --color=never diff "$d/v1" "$d/v2" >"$d/prv-patch.txt" \
		2>>"$d/prv.err"
	if ! diff -u <(pairs <"$d/git.txt") <(pairs <"$d/prv.txt") \
		>"$d/pairs.diff"; then
		echo "FAIL $desc: pairs differ from git range-diff"
		cat "$d/pairs.diff"
		failed=$((failed + 1))
		continue
	fi
	agree=$((agree + 1))
	if diff -u <(masked <"$d/git-patch.txt") \
		<(masked <"$d/prv-patch.txt") >"$d/text.diff"; then
		text_agree=$((text_agree + 1))
		echo "ok   $desc"
	else
		echo "FAIL $desc: inner diffs differ from git range-diff"
		cat "$d/text.diff"
		failed=$((failed + 1))
	fi
done

echo "agreement with git range-diff: pairs $agree/$total," \
	"whole output $text_agree/$total"
[ "$total" -ge 30 ] || { echo "FAIL: only $total cases"; exit 1; }
[ "$failed" -eq 0 ]
