# SPDX-License-Identifier: GPL-2.0-or-later
# Differential test: per file of each patch mail, the added/removed counts
# and the path prereview's diff parser finds must equal `git apply
# --numstat` on the patch `git mailinfo` extracts. Mails without a diff,
# and patches git apply refuses as corrupt, are not counted.
set -u
. "$(dirname "$0")/lib-diff.bash"

MIN_CORPUS_AGREE=${MIN_CORPUS_AGREE:-307}

compare() {
	local mail=$1 label=$2
	git mailinfo -u "$tmp/gm" "$tmp/gp" <"$mail" >/dev/null 2>&1 || return
	grep -q '^diff \|^--- ' "$tmp/gp" || return
	# outside any repository: git apply would limit itself to the cwd
	(cd "$tmp" && git -c core.quotepath=false apply --numstat <gp >gn \
		2>/dev/null) || return
	"$PRV_MAILINFO" --numstat <"$mail" >"$tmp/on" 2>/dev/null || true
	total=$((total + 1))
	if cmp -s "$tmp/gn" "$tmp/on"; then
		agree=$((agree + 1))
	else
		echo "differs: $label"
		diff -u "$tmp/gn" "$tmp/on" | sed -n '3,12p' | sed 's/^/    /'
	fi
}

run_all compare
report numstat "$MIN_CORPUS_AGREE"
