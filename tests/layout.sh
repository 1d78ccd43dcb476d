#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The layout of docs/layout.md holds: every file of core/, rules/ and cmd/
# includes only its own folder and the folders of the floors below it.
# Runs the gate of each floor (the commands docs/layout.md lists) and
# fails, naming the file and line, on an include that runs upward.
set -u

src=${PRV_SRC:?PRV_SRC is not set}
cd "$src" || exit 1
fail=0

# gate FOLDER ALLOWED: the includes of FOLDER's files that name a folder
# of the project outside ALLOWED (a grep alternation of folders)
gate() {
	local out

	out=$(grep -rn '#include "\(core\|rules\|cmd\)/' "$1" |
		grep -v "#include \"\\($2\\)/")
	if [ -n "$out" ]; then
		echo "FAIL: $1 includes a floor above it:"
		echo "$out"
		fail=$((fail + 1))
	fi
}

base='core/base'
mail="$base\\|core/mail"
lore="$mail\\|core/lore"
series="$lore\\|core/series"
rangediff="$series\\|core/rangediff"
check="$rangediff\\|core/check"

gate core/base "$base"
gate core/mail "$mail"
gate core/lore "$lore"
gate core/series "$series"
gate core/rangediff "$rangediff"
gate core/check "$check"
gate rules "$check\\|rules"
gate core/report "$check\\|core/report"
gate cmd "core\\|rules\\|cmd"

# core/ calls no rule family by name and reads no git config: the runner
# is handed the table of families, and cmd/ reads every setting.
out=$(grep -rn 'rules/\|prv_checks_\|prv_rule_families\|git_config\|gitconfig' core |
	grep -v '^[^:]*:[0-9]*:[[:space:]]*\(/\?\*\|//\)')
if [ -n "$out" ]; then
	echo "FAIL: core/ names rules/ or reads git config:"
	echo "$out"
	fail=$((fail + 1))
fi

if [ "$fail" -ne 0 ]; then
	echo "$fail folder(s) include upward (docs/layout.md)"
	exit 1
fi
echo "layout: no include runs upward"
