#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Every input under tests/data/fuzz-regressions/ (crashes the fuzzers once
# found, and hand-made hostile mail) but rules/ goes through `prereview show
# --format=json`: it must end with exit 0 and a JSON series document, or
# exit 3 with an error on stderr and nothing on stdout. `prereview check
# --format=json` must end with 0, 1 (a failing finding) or 3. A signal, a
# sanitizer report, a hang or any other exit code fails. The rule files
# under rules/ are loaded with `check --rules` instead: exit 0 or 1, or 3
# with an error naming the file and line.
set -u

: "${PRV_BIN:?}" "${PRV_TEST_DATA:?}"
dir=$PRV_TEST_DATA/fuzz-regressions
if [ ! -d "$dir" ] || [ -z "$(find "$dir" -type f -print -quit)" ]; then
	echo "skipped: no inputs under '$dir'"
	exit 77
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# run WHAT ALLOWED ARGS...: runs prereview ARGS (60 s at most); sets rc,
# and sets why when the exit code is not among ALLOWED (e.g. "0 1 3"),
# on a hang, a signal, a sanitizer report, or an exit 3 with output or
# without an error message.
run() {
	local what=$1 allowed=$2
	shift 2
	timeout 60 "$PRV_BIN" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	case " $allowed " in
	*" $rc "*) ;;
	*)
		if [ $rc -eq 124 ]; then
			why="$what: hang (killed after 60 s)"
		elif [ $rc -gt 128 ]; then
			why="$what: killed by signal $((rc - 128))"
		else
			why="$what: exit $rc (want ${allowed// /, })"
		fi
		return
		;;
	esac
	if grep -qE 'ERROR: AddressSanitizer|runtime error:|ERROR: LeakSanitizer' "$tmp/err"; then
		why="$what: sanitizer report"
	elif [ $rc -eq 3 ] && [ -s "$tmp/out" ]; then
		why="$what: exit 3 but something was written to stdout"
	elif [ $rc -eq 3 ] && ! grep -q '^prereview: error: ' "$tmp/err"; then
		why="$what: exit 3 without 'prereview: error:' on stderr"
	fi
}

fail=0
n=0
while IFS= read -r -d '' f; do
	n=$((n + 1))
	name=${f#"$dir"/}
	why=
	case $name in
	rules/*)
		# a rule file, loaded by check on a series that touches TCP code
		run "check --rules" "0 1 3" check --format=json --rules="$f" \
			"$PRV_TEST_DATA/check/tcp.bad.mbox"
		if [ -z "$why" ] && [ $rc -eq 3 ] &&
			! grep -q "^prereview: error: .*$name:[0-9]*: " "$tmp/err"; then
			why="check --rules: the error names no file and line"
		fi
		done="check --rules exit $rc"
		;;
	*)
		run show "0 3" show --format=json "$f"
		if [ -z "$why" ] && [ $rc -eq 0 ] && ! python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["schema"] == "prereview-series/1", d.get("schema")
assert isinstance(d["series"], list)
' "$tmp/out" 2>"$tmp/py"; then
			why="show: exit 0 but stdout is not a series document: $(tail -n1 "$tmp/py")"
		fi
		done="show exit $rc"
		[ -n "$why" ] || run check "0 1 3" check --format=json "$f"
		done="$done, check exit $rc"
		;;
	esac
	if [ -n "$why" ]; then
		fail=$((fail + 1))
		echo "FAIL $name: $why"
		sed -n '1,20s/^/  | /p' "$tmp/err"
	else
		echo "ok   $name ($done)"
	fi
done < <(find "$dir" -type f -print0 | sort -z)

echo "$n inputs, $fail failed"
[ $fail -eq 0 ]
