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
fail=0
n=0
while IFS= read -r -d '' f; do
	n=$((n + 1))
	name=${f#"$dir"/}
	# rule files: loaded by check on a series that touches TCP code
	case $name in
	rules/*)
		timeout 60 "$PRV_BIN" check --format=json --rules="$f" \
			"$PRV_TEST_DATA/check/tcp.bad.mbox" >"$tmp/out" 2>"$tmp/err" \
			</dev/null
		rc=$?
		why=
		case $rc in
		0 | 1) ;;
		3)
			if [ -s "$tmp/out" ] ||
				! grep -q "^prereview: error: .*$name:[0-9]*: " "$tmp/err"; then
				why="exit 3 without an error naming the file and line, or with output"
			fi
			;;
		*) why="check --rules: exit $rc (want 0, 1 or 3)" ;;
		esac
		if [ -z "$why" ] && grep -qE 'ERROR: AddressSanitizer|runtime error:|ERROR: LeakSanitizer' "$tmp/err"; then
			why="sanitizer report"
		fi
		if [ -n "$why" ]; then
			fail=$((fail + 1))
			echo "FAIL $name: $why"
			sed -n '1,20s/^/  | /p' "$tmp/err"
		else
			echo "ok   $name (check --rules exit $rc)"
		fi
		continue
		;;
	esac
	timeout 60 "$PRV_BIN" show --format=json "$f" \
		>"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	why=
	case $rc in
	0)
		if ! python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["schema"] == "prereview-series/1", d.get("schema")
assert isinstance(d["series"], list)
' "$tmp/out" 2>"$tmp/py"; then
			why="exit 0 but stdout is not a series document: $(tail -n1 "$tmp/py")"
		fi
		;;
	3)
		if [ -s "$tmp/out" ]; then
			why="exit 3 but something was written to stdout"
		elif ! grep -q '^prereview: error: ' "$tmp/err"; then
			why="exit 3 without 'prereview: error:' on stderr"
		fi
		;;
	124) why="hang (killed after 60 s)" ;;
	*)
		if [ $rc -gt 128 ]; then
			why="killed by signal $((rc - 128))"
		else
			why="exit $rc (want 0 or 3)"
		fi
		;;
	esac
	if [ -z "$why" ] && grep -qE 'ERROR: AddressSanitizer|runtime error:|ERROR: LeakSanitizer' "$tmp/err"; then
		why="sanitizer report"
	fi
	if [ -z "$why" ]; then
		timeout 60 "$PRV_BIN" check --format=json "$f" \
			>"$tmp/out" 2>"$tmp/err" </dev/null
		crc=$?
		case $crc in
		0 | 1 | 3) ;;
		124) why="check: hang (killed after 60 s)" ;;
		*) why="check: exit $crc (want 0, 1 or 3)" ;;
		esac
		if [ -z "$why" ] && grep -qE 'ERROR: AddressSanitizer|runtime error:|ERROR: LeakSanitizer' "$tmp/err"; then
			why="check: sanitizer report"
		fi
	fi
	if [ -n "$why" ]; then
		fail=$((fail + 1))
		echo "FAIL $name: $why"
		sed -n '1,20s/^/  | /p' "$tmp/err"
	else
		echo "ok   $name (show exit $rc, check exit $crc)"
	fi
done < <(find "$dir" -type f -print0 | sort -z)

echo "$n inputs, $fail failed"
[ $fail -eq 0 ]
