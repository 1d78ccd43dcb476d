#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Output that mail cannot take over (docs/security.md): a patch whose
# subject, author name, file paths, body and added lines carry ESC and BEL
# sequences (screen clear, window title, a hidden hyperlink), a byte that is
# not UTF-8, and Markdown (backquotes, raw HTML, emphasis, a link). Every
# format of check, reply, show, and the error of diff must come out with no
# control byte but tab and newline and as valid UTF-8; the Markdown,
# rendered by cmark, must hold no HTML, link or emphasis from the mail.
set -u

bin=${PRV_BIN:?PRV_BIN is not set}
src=${PRV_SRC:?PRV_SRC is not set}
data=$src/tests/data/hostile
mbox=$data/hostile.mbox
rules=$data/hostile.rules
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

ok() {
	pass=$((pass + 1))
}

ko() {
	echo "FAIL: $*"
	fail=$((fail + 1))
}

# safe NAME FILE: no control byte but tab and newline (C0, DEL, C1), and
# valid UTF-8.
safe() {
	if python3 - "$2" <<'PY'; then ok; else ko "$1: not safe to print"; fi
import re, sys
data = open(sys.argv[1], "rb").read()
try:
    text = data.decode("utf-8")
except UnicodeDecodeError as e:
    sys.exit("invalid UTF-8 at byte %d" % e.start)
m = re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)
if m:
    sys.exit("control U+%04X at %d: %r" % (ord(m.group()), m.start(),
                                           text[max(0, m.start() - 30):m.start() + 10]))
PY
}

# has NAME FILE STRING: FILE holds STRING (fixed).
has() {
	if grep -qF -- "$3" "$2"; then ok; else ko "$1: no '$3'"; fi
}

# run NAME WANT_RC CMD...: stdout in $tmp/NAME, stderr in $tmp/NAME.err
run() {
	local name=$1 want=$2 rc
	shift 2
	"$@" >"$tmp/$name" 2>"$tmp/$name.err"
	rc=$?
	if [ "$rc" -eq "$want" ]; then ok; else
		ko "$name: exit $rc, want $want"
		sed 's/^/    /' "$tmp/$name.err" | head -5
	fi
	safe "$name (stdout)" "$tmp/$name"
	safe "$name (stderr)" "$tmp/$name.err"
}

# check in every format; warnings only: exit 0
for f in text markdown json checkpatch b4; do
	run "check-$f" 0 "$bin" check --format=$f --rules "$rules" "$mbox"
done
# what the escapes were replaced by: spaces, U+FFFD for the byte 0x9b
has check-text "$tmp/check-text" "net: title  ]0;owned  and  [2J"
has check-text "$tmp/check-text" $'net/esc [2Jpath\xef\xbf\xbd.c:2:'
has check-checkpatch "$tmp/check-checkpatch" \
	"HOSTILE  ]8;;http://evil.example \\click ]8;; \\ end "
if python3 -m json.tool "$tmp/check-json" >/dev/null; then ok; else
	ko "check-json: not JSON"; fi

# Markdown: the file path in one code span, whole; nothing of the mail
# becomes markup.
if ! command -v cmark >/dev/null; then
	echo "SKIP: cmark is not installed (apt-get install cmark)"
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ] && exit 77
	exit 1
fi
cmark <"$tmp/check-markdown" >"$tmp/md.html"
has md-html "$tmp/md.html" \
	'<code>net/a`b``c&lt;img src=x onerror=alert(1)&gt;**bold**[link](x).c:2</code>'
has md-html "$tmp/md.html" \
	'`x` **bold** [link](x) &lt;img src=x onerror=alert(1)&gt;</h1>'
for bad in '<img' '<a ' '<em>' '<strong>bold' '<strong>x' '<code>x</code>'; do
	if grep -qF -- "$bad" "$tmp/md.html"; then
		ko "markdown: '$bad' from the mail in the HTML"
	else
		ok
	fi
done

# reply: headers (To: from the encoded name, Subject) and quoted lines
run reply 0 "$bin" reply --rules "$rules" "$mbox"
has reply "$tmp/reply" 'To: "Eve  ]0;name  Attacker" <eve@example.org>'
has reply "$tmp/reply" '> +HOSTILE  ]8;;http://evil.example \click'

# show, and the error of diff that names the series by its subject
run show 0 "$bin" show "$mbox"
run diff 3 "$bin" diff "$mbox"
has diff "$tmp/diff.err" "net: title  ]0;owned  and  [2J"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
