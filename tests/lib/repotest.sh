# SPDX-License-Identifier: GPL-2.0-or-later
# Shared by the tests of 'prereview check --repo' (repo_cli.sh,
# backport_cli.sh): a scratch directory with a configuration of its own,
# the pass/fail counters, and the findings of a JSON report.
#
#   FINDINGS='^(fixes|apply)\.'   # the ids a test looks at
#   source "$PRV_SRC/tests/lib/repotest.sh"
#   run NAME [options]            # NAME.mbox -> NAME.txt, one finding a line
#   has NAME REGEX; hasnt NAME REGEX
#   finish NAME                   # the summary line and the exit status
set -u

bin=${PRV_BIN:?PRV_BIN is not set}
command -v git >/dev/null || { echo "skipped: no git"; exit 77; }
command -v python3 >/dev/null || { echo "skipped: no python3"; exit 77; }
tmp=$(mktemp -d)
[ -n "${PRV_KEEP:-}" ] || trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp XDG_CONFIG_HOME=$tmp/xdg GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME='Ann Author' GIT_AUTHOR_EMAIL=ann@example.org
export GIT_COMMITTER_NAME='Ann Author' GIT_COMMITTER_EMAIL=ann@example.org
cd "$tmp" || exit 1

fails=0
pass=0
fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}
ok() {
	pass=$((pass + 1))
}

# findings of a JSON report: "id patch severity file message", one a line
findings() {
	python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
assert r["schema"] == "prereview-report/1", r["schema"]
for f in r["findings"]:
    print(f["id"], f["patch"], f["severity"], f["file"], f["message"])
' "$1"
}

# run NAME [options]: the findings matching $FINDINGS of NAME.mbox in
# NAME.txt (exit status 0 or 1 expected)
run() {
	name=$1
	shift
	"$bin" check --format=json "$@" "$name.mbox" >"$name.json" 2>"$name.err"
	rc=$?
	if [ $rc -gt 1 ]; then
		fail "$name: exit $rc: $(cat "$name.err")"
		: >"$name.txt"
		return
	fi
	findings "$name.json" | grep -E "$FINDINGS" >"$name.txt"
}

has() { # name regex
	grep -qE "$2" "$1.txt" && ok || fail "$1: no '$2' in: $(cat "$1.txt")"
}
hasnt() { # name regex
	grep -qE "$2" "$1.txt" && fail "$1: unexpected '$2': $(cat "$1.txt")" ||
		ok
}

finish() { # test name
	echo "$1: $pass passed, $fails failed"
	[ $fails -eq 0 ]
}
