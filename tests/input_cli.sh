# SPDX-License-Identifier: GPL-2.0-or-later
# What prereview reads: one size cap (--max-input-size, prereview.maxInputSize,
# default 1 GiB) for plain files, .gz (inflated), stdin and FIFOs; devices
# refused at once; a message with more header fields than prereview keeps
# is an input error naming it, not one that silently loses its Subject.
set -u
bin=${PRV_BIN:?PRV_BIN is not set}
command -v python3 >/dev/null || { echo "skipped: no python3"; exit 77; }
command -v gzip >/dev/null || { echo "skipped: no gzip"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp XDG_CONFIG_HOME=$tmp/xdg GIT_CONFIG_NOSYSTEM=1
cd "$tmp" || exit 1

fails=0
pass=0
ok() { pass=$((pass + 1)); }
fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

# expect NAME RC PATTERN CMD...: CMD (in 20 s) ends with RC and, for 3,
# stderr matching PATTERN and nothing on stdout
expect() {
	local name=$1 want=$2 pattern=$3 rc
	shift 3
	timeout 20 "$@" >out.txt 2>err.txt
	rc=$?
	if [ $rc -ne "$want" ]; then
		fail "$name: exit $rc, want $want: $(head -c 300 err.txt)"
	elif [ "$want" -eq 3 ] && [ -s out.txt ]; then
		fail "$name: exit 3 with output"
	elif [ -n "$pattern" ] && ! grep -Eq -- "$pattern" err.txt; then
		fail "$name: stderr '$(head -c 300 err.txt)' does not match" \
			"'$pattern'"
	else
		ok
	fi
}

# mail FILE BODY_BYTES: one patch mail whose body is BODY_BYTES long
mail() {
	python3 - "$1" "$2" <<'EOF'
import sys
n = int(sys.argv[2])
line = b"filler line of the commit message, long enough to count.\n"
with open(sys.argv[1], "wb") as f:
    f.write(b"From: Ann Author <ann@example.org>\n"
            b"Subject: [PATCH] net: a long message\n"
            b"Date: Wed, 10 Jan 2024 10:00:00 +0100\n"
            b"Message-ID: <long@example.org>\n\n")
    f.write(line * (n // len(line)))
    f.write(b"\nSigned-off-by: Ann Author <ann@example.org>\n---\n"
            b"diff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n"
            b"@@ -1 +1 @@\n-a\n+b\n")
EOF
}

mail small.mbox 4000
mail big.mbox $((65 * 1024 * 1024))
gzip -c big.mbox >big.mbox.gz
gzip -c small.mbox >small.mbox.gz

# 1. the same mailbox, plain or .gz, is read under the same 1 GiB default
expect "plain 65 MiB" 0 '' "$bin" show --format=json big.mbox
expect ".gz of 65 MiB" 0 '' "$bin" show --format=json big.mbox.gz

# 2. --max-input-size caps every kind of source
expect "plain over the cap" 3 "'small.mbox' is larger than 1024 bytes" \
	"$bin" --max-input-size=1k show small.mbox
expect ".gz over the cap" 3 "inflates to more than 2048 bytes" \
	"$bin" --max-input-size 2k show small.mbox.gz
expect "stdin over the cap" 3 "'-' is larger than 1024 bytes" \
	sh -c "exec \"$bin\" --max-input-size=1K show - <small.mbox"
expect "under the cap" 0 '' "$bin" --max-input-size=1m show small.mbox.gz
expect "bad size" 2 "max-input-size" "$bin" --max-input-size=lots show small.mbox
expect "zero size" 2 "max-input-size" "$bin" --max-input-size=0 show small.mbox

# 3. prereview.maxInputSize, and the option wins over it
git config --global prereview.maxInputSize 1k
expect "prereview.maxInputSize" 3 "larger than 1024 bytes" \
	"$bin" show small.mbox
expect "option over config" 0 '' "$bin" --max-input-size=1m show small.mbox
git config --global --unset prereview.maxInputSize

# 4. a FIFO that never ends stops at the cap; devices are refused at once
mkfifo fifo
(yes 'From: endless@example.org' >fifo 2>/dev/null &)
expect "endless FIFO" 3 "'fifo' is larger than 1048576 bytes" \
	"$bin" --max-input-size=1m show fifo
start=$(date +%s)
expect "show /dev/zero" 3 "'/dev/zero' is a device" "$bin" show /dev/zero
expect "stdin from /dev/zero" 3 "'-' \\(stdin\\) is a device" \
	sh -c "exec \"$bin\" show - </dev/zero"
[ $(($(date +%s) - start)) -le 5 ] && ok ||
	fail "devices took $(($(date +%s) - start)) s to refuse"
# a pipe on stdin and process substitution (a pipe too) still work
expect "stdin pipe" 0 '' sh -c "cat small.mbox | exec \"$bin\" show -"
expect "process substitution" 0 '' bash -c "exec \"$bin\" show <(cat small.mbox)"
expect "empty stdin from /dev/null" 3 "" sh -c "exec \"$bin\" show - </dev/null"

# 5. more header fields than kept: an input error naming the message
python3 - <<'EOF'
with open("headers.mbox", "w") as f:
    f.write("From: Ann Author <ann@example.org>\n")
    for i in range(5000):
        f.write("X-Noise-%d: %d\n" % (i, i))
    f.write("Subject: [PATCH] net: many headers\n"
            "Message-ID: <many@example.org>\n\n"
            "Body.\n\nSigned-off-by: Ann Author <ann@example.org>\n")
EOF
expect "header overflow" 3 \
	"'headers.mbox': message at line 1: more than 4096 header fields" \
	"$bin" show headers.mbox
expect "header overflow, check" 3 "more than 4096 header fields" \
	"$bin" check headers.mbox

echo "input_cli: $pass passed, $fails failed"
[ $fails -eq 0 ]
