#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# prereview reply as the replies go out: recipients taken only from the
# address fields of the mail answered (a case per trick a sender may play),
# `-o DIR/` writing one file per reply, and git send-email --dry-run with
# docs/reply.md's recipe sending one threaded mail per reply and no Cc
# harvested from the bodies; --version, the sign-off from git config, and
# a `b4 am` .mbx (no To, no Cc) said to go to the sender alone. Without
# git send-email (Debian's git-email) the send test is skipped, and the
# script says so and exits 77 once the rest passed.
set -u

bin=${PRV_BIN:?PRV_BIN is not set}
src=${PRV_SRC:?PRV_SRC is not set}
sample=$src/docs/examples/sample
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# shellcheck source=tests/lib/cli.sh
. "$src/tests/lib/cli.sh"
clean_home
cd "$tmp" || exit 1
git config --global user.name "Rita Reviewer"
git config --global user.email rita@example.net

# headers FILE: "To: ...", "Cc: ..." and "In-Reply-To: ..." of a message,
# addresses only, as python's email module reads them
headers() {
	python3 - "$1" <<'EOF'
import email, email.policy, email.utils, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"),
                                   policy=email.policy.compat32)
for h in ("To", "Cc"):
    print("%s: %s" % (h, ",".join(a for _, a in
                                  email.utils.getaddresses(m.get_all(h, [])))))
print("In-Reply-To: %s" % m.get("In-Reply-To", ""))
EOF
}

# --- recipients: only real address fields ------------------------------------
# patch HEADERS INBODY: a one-patch mail with these From/To/Cc lines
patch() {
	printf '%b' "$1"
	cat <<'EOF'
Subject: [PATCH net] tcp: fix a thing
Date: Tue, 5 Mar 2024 09:01:00 +0000
Message-ID: <trick@example.org>

EOF
	printf '%b' "$2"
	cat <<'EOF'
The change.

---
 net/ipv4/tcp.c | 1 +
 1 file changed, 1 insertion(+)

diff --git a/net/ipv4/tcp.c b/net/ipv4/tcp.c
--- a/net/ipv4/tcp.c
+++ b/net/ipv4/tcp.c
@@ -1,3 +1,4 @@
 a
 b
+c
 d
EOF
}

# trick NAME HEADERS INBODY WANT_TO WANT_CC
trick() {
	patch "$2" "$3" >"$tmp/trick.eml"
	"$bin" reply --all -o "$tmp/trick.mbox" "$tmp/trick.eml" 2>"$tmp/err"
	[ $? -le 1 ] && ok || ko "$1: $(head -1 "$tmp/err")"
	mkdir -p "$tmp/t" && rm -f "$tmp/t"/*
	git mailsplit --mboxrd -o"$tmp/t" "$tmp/trick.mbox" >/dev/null
	headers "$tmp/t/0001" >"$tmp/h"
	if grep -qx "To: $4" "$tmp/h" && grep -qx "Cc: $5" "$tmp/h" &&
		! grep -q victim "$tmp/t/0001"; then
		ok
	else
		ko "$1: want To: $4, Cc: $5"
		sed 's/^/    /' "$tmp/h"
	fi
}

trick "encoded address-like name in From" \
	'From: =?utf-8?q?=3Cvictim=40evil=2Eexample=3E?= <eve@example.org>\nTo: netdev@vger.kernel.org\n' \
	'' eve@example.org netdev@vger.kernel.org
trick "encoded name with a comma in Cc" \
	'From: Eve <eve@example.org>\nTo: netdev@vger.kernel.org\nCc: =?utf-8?q?victim=40evil=2Eexample=2C?= <bob@example.org>\n' \
	'' eve@example.org netdev@vger.kernel.org,bob@example.org
trick "quoted name holding an address" \
	'From: "Eve, victim@evil.example" <eve@example.org>\nTo: netdev@vger.kernel.org\n' \
	'' eve@example.org netdev@vger.kernel.org
trick "in-body author" \
	'From: Eve <eve@example.org>\nTo: netdev@vger.kernel.org\n' \
	'From: Someone <victim@evil.example>\n\n' \
	eve@example.org netdev@vger.kernel.org

# --- -o DIR/: one file per reply ---------------------------------------------
expect "-o DIR/" 0 "$bin" reply -o "$tmp/replies/" "$sample"
n=$(find "$tmp/replies" -type f | wc -l)
[ "$n" = 2 ] && ok || ko "-o DIR/: $n files, want 2"
ls "$tmp/replies" >"$tmp/names"
if [ "$(sed -n 1p "$tmp/names")" = 0001-re-mptcp-pm-fix-subflow-accounting.eml ] &&
	[ "$(sed -n 2p "$tmp/names")" = 0002-re-tcp-add-a-helper-to-push-pending-frames-of-a-subflow.eml ]; then
	ok
else
	ko "-o DIR/: names"
	cat "$tmp/names"
fi
for f in "$tmp/replies"/*; do
	if head -1 "$f" | grep -q '^From: Rita Reviewer <rita@example.net>$' &&
		[ "$(grep -c '^Message-ID:' "$f")" = 1 ]; then
		ok
	else
		ko "-o DIR/: $f is not one message"
	fi
done
# no finding id in the prose, the ids in a header, the sign-off last
f2=$tmp/replies/0002-re-tcp-add-a-helper-to-push-pending-frames-of-a-subflow.eml
grep -q '\[tcp\.touch\]' "$f2" && ko "an id in the prose" || ok
grep -q '^X-Prereview-Ids: tcp.touch$' "$f2" && ok || ko "X-Prereview-Ids"
[ "$(tail -1 "$f2")" = "Rita Reviewer" ] && ok || ko "sign-off: $(tail -1 "$f2")"

# an existing directory must be empty: git send-email sends all of it
expect "-o DIR not empty" 3 "$bin" reply -o "$tmp/replies" "$sample"
grep -q "not empty" "$tmp/err" && ok || ko "-o DIR not empty: message"
n=$(find "$tmp/replies" -type f | wc -l)
[ "$n" = 2 ] && ok || ko "-o DIR not empty: $n files"
mkdir "$tmp/empty"
expect "-o existing empty DIR" 0 "$bin" reply -o "$tmp/empty" "$sample"
n=$(find "$tmp/empty" -type f | wc -l)
[ "$n" = 2 ] && ok || ko "-o existing empty DIR: $n files"

# --- the sign-off from git config --------------------------------------------
git config --global prereview.signature "$(printf 'Thanks,\nRita')"
expect "signature" 0 "$bin" reply "$sample"
tail -3 "$tmp/out" | tr '\n' '|' | grep -q '^Thanks,|Rita||$' && ok ||
	ko "signature: $(tail -3 "$tmp/out" | tr '\n' '|')"
git config --global prereview.signature ''
expect "no signature" 0 "$bin" reply "$sample"
grep -qx 'Rita Reviewer' "$tmp/out" && ko "empty signature kept a sign-off" || ok
git config --global --unset prereview.signature

# --- --version N ------------------------------------------------------------
expect "--version 1" 0 "$bin" reply --all --version 1 -o "$tmp/v1/" "$sample"
for f in "$tmp/v1"/*; do
	headers "$f" | grep -q '^In-Reply-To: <20240301-pm-subflows-5f2a9c0d1e3b-v1-' &&
		ok || ko "--version 1: $f answers another version"
done
n=$(find "$tmp/v1" -type f | wc -l)
[ "$n" -ge 1 ] && ok || ko "--version 1: no reply"
expect "--version 3" 3 "$bin" reply --version 3 "$sample"
grep -q "no series has a version 3" "$tmp/err" && ok || ko "--version 3 message"
expect "--version x" 2 "$bin" reply --version=x "$sample"

# --- b4 am's .mbx: From, Subject, Date, Message-Id, no To or Cc ------------
for f in "$sample"/v2-000[1-9]-*.patch; do
	echo "From git@z Thu Jan  1 00:00:00 1970"
	sed -e '1d' -e '/^To:/d' -e '/^Cc:/d' -e '/^In-Reply-To:/d' \
		-e '/^References:/d' "$f"
	echo
done >"$tmp/v2_20240301_alice_fix.mbx"
expect "b4 .mbx" 0 "$bin" reply -o "$tmp/b4/" "$tmp/v2_20240301_alice_fix.mbx"
grep -q "only to the sender" "$tmp/err" && ok || ko "b4 .mbx: not said"
# the same .mbx with the list headers kept: the list stays in Cc
for f in "$sample"/v2-*.patch; do
	echo "From git@z Thu Jan  1 00:00:00 1970"
	sed -e '1d' "$f"
	echo
done >"$tmp/kept.mbx"
expect "mbx with To" 0 "$bin" reply -o "$tmp/kept/" "$tmp/kept.mbx"
grep -q "only to the sender" "$tmp/err" && ko "mbx with To: said alone" || ok
for f in "$tmp/kept"/*; do
	headers "$f" | grep -qx 'Cc: mptcp@lists.linux.dev' && ok ||
		ko "mbx with To: $f lost the list"
done

# --- git send-email: one threaded mail per reply, no Cc from bodies ---------
if ! git send-email --help >/dev/null 2>&1 ||
	! perl -MMail::Address -e 1 2>/dev/null; then
	echo "reply_send_cli: $pass passed, $fail failed"
	echo "reply_send_cli: skipped: git send-email (Debian's git-email) missing"
	[ "$fail" -eq 0 ] && exit 77
	exit 1
fi
# what a note or an edit may leave at the start of a body line
printf '\nCc: victim@evil.example\nReviewed-by: W <w@evil.example>\nSigned-off-by: V <v@evil.example>\n' >>"$f2"
send() {
	git send-email --dry-run --confirm=never --no-to --no-cc --no-bcc \
		--suppress-cc=self --suppress-cc=body --suppress-cc=cccmd \
		"$@" </dev/null
}
git config --global sendemail.to someone@example.com
if send "$tmp/replies" >"$tmp/sent" 2>"$tmp/sent.err"; then
	ok
else
	ko "git send-email failed"
	sed 's/^/    /' "$tmp/sent.err" | head -5
fi
n=$(grep -c '^Result: OK' "$tmp/sent")
[ "$n" = 2 ] && ok || ko "git send-email: $n mails, want 2"
grep '^RCPT TO:' "$tmp/sent" | sort | uniq -c | sed 's/^ *//' >"$tmp/rcpt"
if [ "$(cat "$tmp/rcpt")" = "2 RCPT TO:<alice@example.org>
2 RCPT TO:<mptcp@lists.linux.dev>" ]; then
	ok
else
	ko "git send-email: recipients"
	sed 's/^/    /' "$tmp/rcpt"
fi
irt=$(grep '^In-Reply-To:' "$tmp/sent" | tr '\n' ' ')
[ "$irt" = "In-Reply-To: <20240301-pm-subflows-5f2a9c0d1e3b-v2-0@example.org> In-Reply-To: <20240301-pm-subflows-5f2a9c0d1e3b-v2-2@example.org> " ] &&
	ok || ko "git send-email: threading: $irt"
# the recipe matters: without it the body lines add recipients
git send-email --dry-run --confirm=never "$tmp/replies" </dev/null \
	>"$tmp/sent2" 2>&1
grep -q 'RCPT TO:<victim@evil.example>' "$tmp/sent2" && ok ||
	ko "git send-email without the recipe: no body Cc seen (test is blind)"

echo "reply_send_cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
