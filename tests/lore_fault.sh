# SPDX-License-Identifier: GPL-2.0-or-later
# The lore client against a misbehaving server (tests/lore/faultserver.py):
# every failure gives its own clear error, exit 3, no output and no cache
# entry.
source "$PRV_SRC/tests/lore/harness.sh"
fault_start
P=$PRV_BIN
prv_config prereview.httpTimeout 2
prv_config prereview.httpRetries 1
prv_config prereview.httpRetryDelay 100

# expect_fail NAME URL PATTERN: exit 3, stderr matches, stdout empty, no
# cache entry, and -o leaves no file behind.
expect_fail()
{
	local name=$1 url=$2 pattern=$3 rc
	"$P" fetch "$url" >"$T/out" 2>"$T/err"
	rc=$?
	if [ "$rc" -ne 3 ]; then
		fail "$name: exit $rc, want 3"
	elif ! grep -Eq -- "$pattern" "$T/err"; then
		fail "$name: error '$(cat "$T/err")' does not match '$pattern'"
	elif [ -s "$T/out" ]; then
		fail "$name: wrote $(wc -c <"$T/out") bytes of output"
	elif [ "$(cache_entries)" -ne 0 ]; then
		fail "$name: left $(cache_entries) cache entries"
	else
		ok "$name"
	fi
}

expect_fail "truncated gzip" "$FAULT/truncated/a@b/" \
	"^prereview: error: '$FAULT/truncated/a@b/t.mbox.gz' is truncated"
expect_fail "connection cut short" "$FAULT/cut/a@b/" \
	"transfer cut short.* after 2 attempts"
# the one input cap (1 GiB by default) holds lore answers too, inflated
prv_config prereview.maxInputSize 64m
expect_fail "gzip bomb" "$FAULT/bomb/a@b/" \
	"inflates to more than 67108864 bytes"
prv_config prereview.maxInputSize 1m
expect_fail "gzip bomb, prereview.maxInputSize" "$FAULT/bomb/a@b/" \
	"inflates to more than 1048576 bytes"
git config --file "$HOME/.gitconfig" --unset prereview.maxInputSize
expect_fail "stalled server" "$FAULT/stall/a@b/" \
	"^prereview: error: could not fetch '$FAULT/stall/a@b/t.mbox.gz': timed out .* after 2 attempts"
expect_fail "server error" "$FAULT/error/a@b/" \
	"server answered HTTP 500 after 2 attempts"
expect_fail "redirect loop" "$FAULT/loop/a@b/" \
	"too many redirects \(more than 5\)"
expect_fail "unknown message-id" "$FAULT/gone/a@b/" \
	"^prereview: error: message 'a@b' not found at '$FAULT/gone'"
# requests seen: 4xx is never retried, 5xx and timeouts are
count() { grep -c "^GET $1\$" "$T/fault.log"; }
[ "$(count /gone/a@b/t.mbox.gz)" = 1 ] && [ "$(count /error/a@b/t.mbox.gz)" = 2 ] &&
	[ "$(count /stall/a@b/t.mbox.gz)" = 2 ] && ok "retries on 5xx and timeouts only" ||
	fail "requests: gone $(count /gone/a@b/t.mbox.gz) error $(count /error/a@b/t.mbox.gz) stall $(count /stall/a@b/t.mbox.gz)"
refused="http://127.0.0.1:$(free_port)"
expect_fail "connection refused" "$refused/all/a@b/" \
	"connection failed \(.*127\.0\.0\.1"
# a name that does not resolve (.invalid is reserved, RFC 6761)
if getent hosts lore.invalid >/dev/null 2>&1; then
	echo "skipped: DNS failure (the resolver answers for lore.invalid)"
else
	expect_fail "DNS failure" "http://lore.invalid/all/a@b/" \
		"^prereview: error: could not fetch 'http://lore.invalid/all/a@b/t.mbox.gz': DNS lookup failed \("
fi

# -o: nothing is written when the fetch fails, an old file stays as it was
echo old >"$T/keep.mbox"
"$P" fetch -o "$T/keep.mbox" "$FAULT/truncated/a@b/" 2>/dev/null
if [ "$?" -eq 3 ] && [ "$(cat "$T/keep.mbox")" = old ] &&
	[ -z "$(ls "$T" | grep 'keep.mbox.tmp')" ]; then
	ok "-o untouched on failure"
else
	fail "-o changed or left temporary files on failure"
fi

# 500 then success: one retry is enough, and the answer is cached
if "$P" fetch "$FAULT/flaky/a@b/" >"$T/out" 2>"$T/err" &&
	grep -q '^Subject: \[PATCH\] fault: good' "$T/out"; then
	ok "retry after 500"
else
	fail "retry after 500: $(cat "$T/err")"
fi
[ "$(cache_entries)" -eq 1 ] && ok "good answer cached" ||
	fail "want 1 cache entry, have $(cache_entries)"

# without retries the 500 is the answer
rm -rf "${XDG_CACHE_HOME:?}"/*
prv_config prereview.httpRetries 0
expect_fail "500 without retries" "$FAULT/flaky/c@d/" \
	"could not fetch '$FAULT/flaky/c@d/t.mbox.gz': server answered HTTP 500$"

# an answer that repeats its messages: each is kept once, in order
if "$P" fetch "$FAULT/dups/d0@example.org/" >"$T/out" 2>"$T/err" &&
	[ "$(grep -c '^From mboxrd@z' "$T/out")" = 3000 ] &&
	[ "$(grep -c '^Message-ID: <d0@example.org>$' "$T/out")" = 1 ] &&
	[ "$(grep -m1 '^Subject:' "$T/out")" = "Subject: [PATCH] d 0" ] &&
	[ "$(grep '^Subject:' "$T/out" | tail -n1)" = "Subject: [PATCH] d 2999" ]; then
	ok "repeated messages kept once"
else
	fail "repeated messages: $(grep -c '^From mboxrd@z' "$T/out") messages: $(head -3 "$T/err")"
fi

# a "From " line without a date is body text, as every mbox reader of
# prereview takes it (git mailsplit's rule): the posting is one message,
# its change-id below that line is found and searched for, and the line
# goes out quoted, as mboxrd wants
if "$P" fetch --versions "$FAULT/fromline/fromline@example.org/" \
	>"$T/out" 2>"$T/err" &&
	[ "$(grep -c '^From mboxrd@z' "$T/out")" = 1 ] &&
	grep -q '^>From here on it is odd\.$' "$T/out" &&
	grep -q '^change-id: 20240110-odd-0123456789ab$' "$T/out" &&
	grep -q '^POST /fromline/?x=m&t=1&q=nq%3A%22change-id%3A%2020240110-odd-0123456789ab%22$' \
		"$T/fault.log"; then
	ok "unquoted From line in a body"
else
	fail "unquoted From line: $(cat "$T/err") $(grep '^POST' "$T/fault.log")"
fi

# lore unreachable: an expired cache entry is used, with a warning
rm -rf "${XDG_CACHE_HOME:?}"/*
"$P" fetch "$FAULT/once/s@t/" >"$T/first" 2>/dev/null
prv_config prereview.cacheTTL 0
if "$P" fetch "$FAULT/once/s@t/" >"$T/out" 2>"$T/err" &&
	cmp -s "$T/first" "$T/out" && [ -s "$T/out" ] &&
	grep -q "^prereview: warning: could not fetch '$FAULT/once/s@t/t.mbox.gz': server answered HTTP 500; using the expired cached answer\$" "$T/err"; then
	ok "expired cache entry when lore fails"
else
	fail "expired cache entry: $(cat "$T/err")"
fi
"$P" -q fetch "$FAULT/once/s@t/" >"$T/out" 2>"$T/err"
[ "$?" -eq 0 ] && [ ! -s "$T/err" ] && ok "-q: expired entry used quietly" ||
	fail "-q expired entry: $(cat "$T/err")"
prv_config prereview.cacheTTL 600
rm -rf "${XDG_CACHE_HOME:?}"/*

# slow answers below must not time out on a busy machine
prv_config prereview.httpTimeout 30

# TLS spoken to a plain HTTP server
expect_fail "TLS failure" "https://${FAULT#http://}/ok/a@b/" \
	"could not fetch 'https://.*': TLS error \("

# progress on a terminal only, and not with -q
if command -v script >/dev/null; then
	script -qec "'$P' fetch -o '$T/slow.mbox' '$FAULT/slow/a@b/'" \
		/dev/null >"$T/tty" 2>&1
	grep -q "fetching $FAULT/slow/a@b/t.mbox.gz: " "$T/tty" &&
		grep -q '^Subject: \[PATCH\] fault: good' "$T/slow.mbox" &&
		ok "progress on a terminal" ||
		fail "no progress on a terminal: $(cat "$T/tty")"
	rm -rf "${XDG_CACHE_HOME:?}"/*
	script -qec "'$P' -q fetch -o '$T/slow.mbox' '$FAULT/slow/c@d/'" \
		/dev/null >"$T/tty" 2>&1
	[ ! -s "$T/tty" ] && ok "-q: no progress" ||
		fail "-q: $(cat "$T/tty")"
	"$P" fetch -o "$T/slow.mbox" "$FAULT/slow/e@f/" 2>"$T/err"
	[ ! -s "$T/err" ] && ok "no progress off a terminal" ||
		fail "progress off a terminal: $(cat "$T/err")"
else
	echo "skipped: progress tests (no script(1))"
fi

# interrupted in the middle of a transfer: no entry, no temporary file
rm -rf "${XDG_CACHE_HOME:?}"/*
"$P" fetch -o "$T/int.mbox" "$FAULT/slow/int@b/" 2>/dev/null &
pid=$!
sleep 0.5
kill -TERM "$pid"
wait "$pid"
rc=$?
[ "$rc" -ne 0 ] && [ "$(cache_entries)" -eq 0 ] && [ ! -e "$T/int.mbox" ] &&
	[ -z "$(ls "$T" | grep 'int.mbox.tmp')" ] &&
	ok "interrupted transfer leaves nothing" ||
	fail "interrupted: exit $rc, $(cache_entries) cache entries, $(ls "$T")"

# User-Agent
"$P" fetch "$FAULT/ua/a@b/" >"$T/out" 2>"$T/err"
version=$("$P" --version | sed 's/^prereview //')
grep -q "^Subject: prereview/$version\$" "$T/out" &&
	ok "User-Agent prereview/$version" ||
	fail "User-Agent: $(grep ^Subject "$T/out") $(cat "$T/err")"

finish
