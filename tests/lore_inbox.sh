# SPDX-License-Identifier: GPL-2.0-or-later
# Lore requests never leave the inbox path: a message-id of ".", ".." or
# an escape of them ("%2E%2E"), in a "Link to v1:" line followed by
# fetch --versions or given on the command line, is never requested
# (tests/lore/faultserver.py logs every request it gets).
source "$PRV_SRC/tests/lore/harness.sh"
fault_start
P=$PRV_BIN
prv_config prereview.httpTimeout 5
prv_config prereview.httpRetries 0

# requests_outside PREFIX: the requests logged since the mark that are not
# under PREFIX
mark() { LOGPOS=$(wc -l <"$T/fault.log"); }
requests_outside() {
	tail -n +$((LOGPOS + 1)) "$T/fault.log" | grep -E '^(GET|POST) ' |
		grep -v "^[A-Z]* $1"
}

for n in 0 1 2 3 4; do
	mark
	"$P" fetch --versions "$FAULT/dotlink$n/dotlink-v2@example.org/" \
		>"$T/out" 2>"$T/err"
	rc=$?
	bad=$(requests_outside "/dotlink$n/")
	if [ -n "$bad" ]; then
		fail "Link to v1 #$n: requests outside the inbox: $bad"
	elif [ $rc -ne 0 ]; then
		fail "Link to v1 #$n: exit $rc: $(cat "$T/err")"
	elif ! grep -q '^Message-ID: <dotlink-v2@example.org>' "$T/out"; then
		fail "Link to v1 #$n: the thread is missing from the output"
	else
		ok "Link to v1 #$n: no request outside the inbox"
	fi
done

# on the command line: a usage error (exit 2), no request at all
for arg in "$FAULT/ok/../" "$FAULT/ok/%2E%2E/" "$FAULT/ok/%2e%2e/raw" \
	"$FAULT/ok/%2E%2E/x@y/"; do
	mark
	"$P" fetch "$arg" >"$T/out" 2>"$T/err"
	rc=$?
	bad=$(requests_outside "/nothing/")
	if [ $rc -ne 2 ] || [ -n "$bad" ]; then
		fail "fetch $arg: exit $rc, requests: $bad"
	elif ! grep -q "is not a lore message URL" "$T/err"; then
		fail "fetch $arg: error '$(cat "$T/err")'"
	else
		ok "fetch $arg: refused"
	fi
done
for arg in ".." "<.>" "%2E%2E"; do
	mark
	"$P" --lore-url "$FAULT/ok" fetch "$arg" >"$T/out" 2>"$T/err"
	rc=$?
	bad=$(requests_outside "/nothing/")
	if [ $rc -ne 2 ] || [ -n "$bad" ]; then
		fail "fetch '$arg': exit $rc, requests: $bad"
	else
		ok "fetch '$arg': refused"
	fi
done
finish
