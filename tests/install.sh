#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# `cmake --install` puts the program, the data rules and the man page where
# they belong, and the installed program runs. The man page must render
# without groff warnings.
set -u

: "${PRV_BIN:?}" "${PRV_SRC:?}"
build=$(cd "$(dirname "$PRV_BIN")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() {
	echo "FAIL: $*"
	fail=1
}

if ! cmake --install "$build" --prefix "$tmp" >"$tmp/log" 2>&1; then
	cat "$tmp/log"
	bad "cmake --install failed"
	exit 1
fi

[ -x "$tmp/bin/prereview" ] || bad "no bin/prereview"
[ -f "$tmp/share/man/man1/prereview.1" ] || bad "no share/man/man1/prereview.1"

# Every data rule file of the tree is installed, and nothing else there.
want=$(cd "$PRV_SRC/rules" 2>/dev/null && ls -- *.rules 2>/dev/null | sort)
have=$(cd "$tmp/share/prereview/rules" 2>/dev/null && ls -A 2>/dev/null | sort)
if [ "$want" != "$have" ]; then
	bad "installed rules differ from rules/*.rules"
	diff <(echo "$want") <(echo "$have") | sed 's/^/  /'
fi
echo "rules installed: $(echo "$have" | grep -c .)"

out=$("$tmp/bin/prereview" --version 2>&1)
rc=$?
version=$(sed -n 's/^project(prereview VERSION \([0-9.]*\).*/\1/p' \
	"$PRV_SRC/CMakeLists.txt")
if [ $rc -ne 0 ] || [ "$out" != "prereview $version" ]; then
	bad "'prereview --version' gave exit $rc, '$out' (want 'prereview $version')"
fi

page=$tmp/share/man/man1/prereview.1
if command -v groff >/dev/null; then
	warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
	[ -z "$warnings" ] || bad "groff warns about the man page: $warnings"
	text=$(groff -man -Tascii -P-cbou "$page" 2>/dev/null)
	for section in NAME SYNOPSIS DESCRIPTION COMMANDS "EXIT STATUS" \
		CONFIGURATION ENVIRONMENT EXAMPLES "SEE ALSO"; do
		grep -q "^$section\$" <<<"$text" || bad "man page has no $section"
	done
	# Every subcommand and configuration key of the contract is there.
	for word in show diff check reply fetch prereview.loreUrl \
		prereview.cacheTTL prereview.rules prereview.profile \
		prereview.disable prereview.severity NO_COLOR XDG_CACHE_HOME; do
		grep -qF -- "$word" <<<"$text" || bad "man page lacks '$word'"
	done
else
	echo "groff absent: man page rendering not checked (skipped)"
fi

[ $fail -eq 0 ] && echo "install: ok"
exit $fail
