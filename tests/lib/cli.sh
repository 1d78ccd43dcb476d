# SPDX-License-Identifier: GPL-2.0-or-later
#
# Helpers for the CLI tests, sourced after $tmp is set: pass/fail counts
# and a command runner keeping stdout and stderr in $tmp/out, $tmp/err.
pass=0
fail=0

ok() {
	pass=$((pass + 1))
}

ko() {
	echo "FAIL: $*"
	fail=$((fail + 1))
}

# expect NAME WANT_RC CMD...: run, keep stdout/stderr in $tmp/out, $tmp/err
expect() {
	local name=$1 want=$2 rc
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -eq "$want" ]; then
		ok
	else
		ko "$name: exit $rc, want $want"
		sed 's/^/    /' "$tmp/err" | head -5
	fi
}

# A clean git identity in $tmp/home: no user or system config leaks in.
clean_home() {
	export HOME=$tmp/home GIT_CONFIG_NOSYSTEM=1 \
		XDG_CONFIG_HOME=$tmp/home/.config
	unset GIT_CONFIG_GLOBAL GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL \
		GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL EMAIL
	mkdir -p "$HOME"
}
