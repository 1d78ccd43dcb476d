# SPDX-License-Identifier: GPL-2.0-or-later
# A real lore on 127.0.0.1 for the lore tests: public-inbox-httpd serving
# one inbox per tests/data/lore/NAME.mbox (netdev, mptcp; or per
# $LORE_DATA/NAME.mbox when the test sets LORE_DATA) and an /all/
# extindex over them, like lore.kernel.org. Source this file; it sets
#   LORE     base URL of the server, e.g. http://127.0.0.1:PORT
#   T        a scratch directory removed on exit
# and isolates prereview: HOME and XDG_CACHE_HOME point into $T, so the
# cache starts empty and git config comes from $T/home/.gitconfig only.
# Only 127.0.0.1 is ever contacted.

set -u

: "${PRV_BIN:?PRV_BIN must name the prereview binary}"
: "${PRV_TEST_DATA:?PRV_TEST_DATA must name tests/data}"

T=$(mktemp -d "${TMPDIR:-/tmp}/prv-lore.XXXXXX")
LORE_PID=
FAULT_PID=

# lore_stop: stop the public-inbox server (if running) and wait for it
lore_stop()
{
	if [ -n "$LORE_PID" ]; then
		kill -QUIT "$LORE_PID" 2>/dev/null
		for _ in $(seq 50); do
			kill -0 "$LORE_PID" 2>/dev/null || break
			sleep 0.1
		done
	fi
	LORE_PID=
}

lore_cleanup()
{
	lore_stop
	if [ -n "$FAULT_PID" ]; then
		kill "$FAULT_PID" 2>/dev/null
		wait "$FAULT_PID" 2>/dev/null
	fi
	rm -rf "$T"
}
trap lore_cleanup EXIT
trap 'exit 1' INT TERM

mkdir -p "$T/home" "$T/cache"
export HOME="$T/home" XDG_CACHE_HOME="$T/cache" GIT_CONFIG_NOSYSTEM=1
unset XDG_CONFIG_HOME GIT_DIR http_proxy https_proxy HTTP_PROXY HTTPS_PROXY \
	ALL_PROXY all_proxy
export no_proxy='*' NO_PROXY='*'
# run prereview from a directory outside any git repository
cd "$T"

FAILS=0
ok() { echo "ok - $*"; }
fail()
{
	echo "FAIL - $*"
	FAILS=$((FAILS + 1))
}
finish()
{
	if [ "$FAILS" -ne 0 ]; then
		echo "$FAILS failure(s)"
		exit 1
	fi
	echo "all passed"
	exit 0
}

free_port()
{
	python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# prv_config KEY VALUE: set a prereview.* key in the test's git config.
prv_config()
{
	git config --file "$HOME/.gitconfig" "$1" "$2"
}

need_public_inbox()
{
	command -v public-inbox-httpd >/dev/null && return 0
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
			public-inbox >/dev/null 2>&1
	fi
	command -v public-inbox-httpd >/dev/null && return 0
	echo "skipped: public-inbox is not installed"
	exit 77
}

# lore_start: build the inbox and the extindex, start the server.
lore_start()
{
	local pi="$T/pi" port i
	need_public_inbox
	mkdir -p "$pi/inboxes" "$pi/all" "$pi/home"
	port=$(free_port)
	LORE="http://127.0.0.1:$port"
	(
		export PI_CONFIG="$pi/config" HOME="$pi/home"
		for mbox in "${LORE_DATA:-$PRV_TEST_DATA/lore}"/*.mbox; do
			name=$(basename "$mbox" .mbox)
			public-inbox-init -V2 -L full "$name" \
				"$pi/inboxes/$name" "$LORE/$name" \
				"$name@lists.example.org" || exit 1
			perl -MPublicInbox::Config \
				-MPublicInbox::InboxWritable -e '
				my $ibx = PublicInbox::Config->new
					->lookup_name($ARGV[1]);
				open(my $fh, "<", $ARGV[0]) or die "open: $!";
				PublicInbox::InboxWritable->new($ibx)
					->import_mbox($fh, "mboxrd");
			' "$mbox" "$name" || exit 1
			public-inbox-index "$pi/inboxes/$name" || exit 1
		done
		printf '[extindex "all"]\n\ttopdir = %s\n' "$pi/all" \
			>>"$pi/config"
		public-inbox-extindex "$pi/all" --all || exit 1
		public-inbox-httpd -W0 -l "127.0.0.1:$port" -1 "$pi/out" \
			-2 "$pi/err" -P "$pi/pid" -D || exit 1
	) >"$pi/setup.log" 2>&1 || {
		cat "$pi/setup.log"
		echo "FAIL - could not set up public-inbox"
		exit 1
	}
	for i in $(seq 100); do
		[ -s "$pi/pid" ] && break
		sleep 0.1
	done
	LORE_PID=$(cat "$pi/pid" 2>/dev/null)
	[ -n "$LORE_PID" ] || {
		cat "$pi/err"
		echo "FAIL - public-inbox-httpd did not start"
		exit 1
	}
	for i in $(seq 100); do
		curl -s -o /dev/null "$LORE/netdev/" && return 0
		sleep 0.1
	done
	echo "FAIL - public-inbox-httpd does not answer"
	exit 1
}

# fault_start: start tests/lore/faultserver.py; sets FAULT (base URL).
fault_start()
{
	local port i
	port=$(free_port)
	python3 "$PRV_SRC/tests/lore/faultserver.py" "$port" \
		>"$T/fault.log" 2>&1 &
	FAULT_PID=$!
	FAULT="http://127.0.0.1:$port"
	for i in $(seq 100); do
		curl -s -o /dev/null "$FAULT/ping" && return 0
		sleep 0.1
	done
	cat "$T/fault.log"
	echo "FAIL - the fault server did not start"
	exit 1
}

# cache_entries: how many entries the prereview cache holds.
cache_entries()
{
	find "$XDG_CACHE_HOME" -type f 2>/dev/null | wc -l
}
