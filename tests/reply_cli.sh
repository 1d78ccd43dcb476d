#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# prereview reply on the bundled sample series and on a series made here
# with git format-patch (a patch without Signed-off-by that touches TCP):
# the mbox is split back with git mailsplit and read with git mailinfo to
# prove it is mail, its headers are read with python3's email module, and
# the quoted hunks and the notes under them are checked. Also -o, exit
# codes and the reviewer identity from git config.
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

# has NAME FILE TEXT: FILE holds the fixed string TEXT (may span lines)
has() {
	if python3 - "$2" "$3" <<'EOF'; then
import sys
sys.exit(0 if sys.argv[2] in open(sys.argv[1], encoding="utf-8").read() else 1)
EOF
		ok
	else
		ko "$1: no '$3' in $2"
		sed 's/^/    /' "$2" | head -60
	fi
}

# split MBOX DIR: git mailsplit (mboxrd) and git mailinfo on every message;
# prints the number of messages
split() {
	local n f
	rm -rf "$2"
	mkdir -p "$2"
	n=$(git mailsplit --mboxrd -o"$2" "$1") || {
		ko "git mailsplit failed on $1"
		echo 0
		return
	}
	for f in "$2"/[0-9]*; do
		[ -e "$f" ] || continue
		if git mailinfo "$f.msg" "$f.patch" <"$f" >"$f.info"; then
			ok
		else
			ko "git mailinfo failed on $f"
		fi
	done
	echo "$n"
}

from=(--from="Rita Reviewer <rita@example.net>")

# --- the sample: one reply to the cover, one to patch 2 ---------------------
expect "sample" 0 "$bin" reply "${from[@]}" "$sample"
cp "$tmp/out" "$tmp/sample.mbox"
n=$(split "$tmp/sample.mbox" "$tmp/s")
[ "$n" = 2 ] && ok || ko "sample: $n replies, want 2"

python3 - "$tmp/s" <<'EOF' && ok || ko "sample: headers"
import email, email.policy, email.utils, sys
d = sys.argv[1]
v2 = "20240301-pm-subflows-5f2a9c0d1e3b-v2-"
want = [("0/3", v2 + "0@example.org", []),
        ("2/3", v2 + "2@example.org", [v2 + "0@example.org"])]
for i, (k, msgid, refs) in enumerate(want, 1):
    m = email.message_from_binary_file(open("%s/%04d" % (d, i), "rb"),
                                       policy=email.policy.default)
    def fail(what):
        print("message %d: %s: %r" % (i, what, dict(m.items())))
        sys.exit(1)
    subj = str(m["Subject"])
    if not subj.startswith("Re: [PATCH mptcp-net v2 " + k + "]"):
        fail("subject")
    if subj.count("Re:") != 1:
        fail("Re: doubled")
    if m["In-Reply-To"] != "<%s>" % msgid:
        fail("in-reply-to")
    if str(m["References"]).split() != ["<%s>" % r for r in refs + [msgid]]:
        fail("references")
    if str(m["From"]) != "Rita Reviewer <rita@example.net>":
        fail("from")
    if str(m["To"]) != "Alice Developer <alice@example.org>":
        fail("to")
    if str(m["Cc"]) != "mptcp@lists.linux.dev":
        fail("cc")
    if not m["Message-ID"].startswith("<prereview-") or \
       not m["Message-ID"].endswith("@example.net>"):
        fail("message-id")
    if email.utils.parsedate_to_datetime(str(m["Date"])) is None:
        fail("date")
    if m.get_content_type() != "text/plain" or \
       m.get_content_charset() != "utf-8" or \
       m["Content-Transfer-Encoding"] != "8bit" or m["MIME-Version"] != "1.0":
        fail("mime")
EOF

# mailinfo sees the reply's text: the attribution, the hunk, the note
has "sample attribution" "$tmp/s/0002.msg" \
	"On Tue, 5 Mar 2024 09:01:00 +0000, Alice Developer <alice@example.org> wrote:"
has "sample hunk and note" "$tmp/s/0002.msg" \
	"> +	if (sk_is_mptcp(ssk))

TCP impact: tcp_output.c: tcp_push_pending_frames_mptcp(). MPTCP hook
(sk_is_mptcp): shared code that MPTCP relies on.
"
# the TCP item is one note per patch, the ids in a header, not in the prose
n=$(grep -c 'TCP impact:' "$tmp/s/0002.msg")
[ "$n" = 1 ] && ok || ko "sample: $n TCP notes in patch 2, want 1"
has "sample ids" "$tmp/s/0002" "
X-Prereview-Ids: tcp.touch
"
grep -q '\[tcp\.touch\]' "$tmp/sample.mbox" && ko "sample: an id in the prose" || ok
has "sample questions in the cover reply" "$tmp/s/0001.msg" \
	"- Patch 2/3: net/ipv4/tcp_output.c:12: TCP impact: tcp_output.c:"
if grep -q "^> .*tcp_output.c" "$tmp/s/0001.msg"; then
	ko "sample: the cover reply quotes code"
else
	ok
fi
# only the commented file is quoted
if grep -q "include/net/mptcp.h" "$tmp/sample.mbox"; then
	ko "sample: an uncommented file is quoted"
else
	ok
fi

# --- a series made here ----------------------------------------------------
(
	export GIT_AUTHOR_NAME="Alice Dev" GIT_AUTHOR_EMAIL=alice@example.org
	export GIT_COMMITTER_NAME="Alice Dev" GIT_COMMITTER_EMAIL=alice@example.org
	export GIT_AUTHOR_DATE="2024-03-05 09:00:00 +0000"
	export GIT_COMMITTER_DATE="2024-03-05 09:00:00 +0000"
	git init -q repo && cd repo || exit 1
	mkdir -p net/ipv4 net/mptcp
	seq 1 40 | sed 's/^/int l/; s/$/;/' >net/ipv4/tcp_input.c
	echo "int x;" >net/mptcp/pm.c
	git add . && git commit -qm init
	sed -i '20a\	if (sk_is_mptcp(sk))\n\t\treturn;' net/ipv4/tcp_input.c
	git commit -qam "tcp: skip the fast path for subflows

MPTCP subflows must not take the fast path.

Cc: Carol <carol@example.com>"
	echo "int y;" >>net/mptcp/pm.c
	git commit -qsam "mptcp: pm: add y" -m "Add y."
	git format-patch -q --thread --cover-letter \
		--to=netdev@vger.kernel.org --cc="Bob <bob@example.org>" \
		--subject-prefix="PATCH net" -o ../made HEAD~2
	sed -i 's/\*\*\* SUBJECT HERE \*\*\*/tcp: subflow fixes/
		s/\*\*\* BLURB HERE \*\*\*/Two fixes./' ../made/0000-*
) >/dev/null 2>&1 || ko "could not make the test series"

expect "made: a failing finding" 1 "$bin" reply "${from[@]}" "$tmp/made"
cp "$tmp/out" "$tmp/made.mbox"
n=$(split "$tmp/made.mbox" "$tmp/m")
[ "$n" = 2 ] && ok || ko "made: $n replies, want 2 (cover, patch 1)"
# the trailer block quoted, the note under it
has "made trailers" "$tmp/m/0002.msg" \
	"> Cc: Carol <carol@example.com>

No Signed-off-by: line."
has "made trailer id" "$tmp/m/0002" "X-Prereview-Ids: trailer.sob-missing"
# three lines above the commented line, then the note, then the cut: the
# TCP item is one note, under the line of the group MPTCP depends on
has "made hunk" "$tmp/m/0002.msg" \
	"> diff --git a/net/ipv4/tcp_input.c b/net/ipv4/tcp_input.c
> @@ -18,6 +18,8 @@ int l17;
>  int l18;
>  int l19;"
has "made window" "$tmp/m/0002.msg" \
	">  int l19;
>  int l20;
> +	if (sk_is_mptcp(sk))

TCP impact: tcp_input.c. MPTCP hook (sk_is_mptcp): shared code that
MPTCP relies on."
has "made gap" "$tmp/m/0002.msg" "relies on.

> [...]"
python3 - "$tmp/m" <<'EOF' && ok || ko "made: headers"
import email, email.policy, sys
d = sys.argv[1]
m = email.message_from_binary_file(open(d + "/0002", "rb"),
                                   policy=email.policy.default)
p = open(d + "/0001", "rb")
c = email.message_from_binary_file(p, policy=email.policy.default)
refs = str(m["References"]).split()
ok = (str(m["Subject"]) == "Re: [PATCH net 1/2] tcp: skip the fast path for subflows"
      and str(m["To"]) == "Alice Dev <alice@example.org>"
      and str(m["Cc"]) == "netdev@vger.kernel.org, Bob <bob@example.org>"
      and len(refs) == 2 and refs[-1] == m["In-Reply-To"]
      and refs[0] == c["In-Reply-To"]
      and str(c["Subject"]) == "Re: [PATCH net 0/2] tcp: subflow fixes")
if not ok:
    print(dict(m.items()), dict(c.items()))
sys.exit(0 if ok else 1)
EOF

# --all: every patch gets a reply
expect "made --all" 1 "$bin" reply --all "${from[@]}" "$tmp/made"
n=$(grep -c "^From prereview " "$tmp/out")
[ "$n" = 3 ] && ok || ko "made --all: $n replies, want 3"
has "made --all no remarks" "$tmp/out" "prereview has no remarks on this patch."

# --- one patch on stdin, a reviewer whose name is not ASCII --------------
expect "stdin: a fix without Fixes: fails" 1 "$bin" reply --from="Jörg Ré <jr@example.net>" - \
	<"$sample/v2-0002-tcp-add-a-helper-to-push-pending-frames-of-a-subf.patch"
n=$(grep -c "^From prereview " "$tmp/out")
[ "$n" = 1 ] && ok || ko "stdin: $n replies, want 1"
has "stdin encoded From" "$tmp/out" "From: =?UTF-8?q?J=C3=B6rg_R=C3=A9?= <jr@example.net>"
python3 - "$tmp/out" <<'EOF' && ok || ko "stdin: From does not decode"
import email, email.policy, sys
data = open(sys.argv[1], "rb").read().split(b"\n", 1)[1]
m = email.message_from_bytes(data, policy=email.policy.default)
sys.exit(0 if str(m["From"]) == "Jörg Ré <jr@example.net>" else 1)
EOF

# --- -o FILE ---------------------------------------------------------------
expect "-o" 0 "$bin" reply "${from[@]}" -o "$tmp/o.mbox" "$sample"
[ -s "$tmp/out" ] && ko "-o: stdout not empty" || ok
cmp -s <(sed '/^Date: /d; /^Message-ID: /d' "$tmp/o.mbox") \
	<(sed '/^Date: /d; /^Message-ID: /d' "$tmp/sample.mbox") &&
	ok || ko "-o: file differs from stdout"
expect "-o bad dir" 3 "$bin" reply "${from[@]}" -o "$tmp/nodir/x.mbox" "$sample"
[ -e "$tmp/nodir" ] && ko "-o bad dir: something written" || ok
grep -q "could not create '$tmp/nodir/x.mbox': " "$tmp/err" && ok ||
	ko "-o bad dir: the message names another file: $(cat "$tmp/err")"
expect "-o ''" 2 "$bin" reply "${from[@]}" -o '' "$sample"
grep -q "empty output file name" "$tmp/err" && ok || ko "-o '': $(cat "$tmp/err")"
for opt in -o --output --from --format --repo; do
	expect "$opt without a value" 2 "$bin" reply "$sample" "$opt"
	grep -qx "prereview: error: '$opt' needs a value" "$tmp/err" && ok ||
		ko "$opt without a value: $(head -1 "$tmp/err")"
done
# a failed run leaves an existing file as it was
echo keep >"$tmp/keep.mbox"
: >"$tmp/empty.mbox"
expect "-o, bad input" 3 "$bin" reply "${from[@]}" -o "$tmp/keep.mbox" \
	"$tmp/empty.mbox"
[ "$(cat "$tmp/keep.mbox")" = keep ] && ok || ko "-o, bad input: file changed"
[ -z "$(find "$tmp" -name 'keep.mbox.tmp*')" ] && ok ||
	ko "-o, bad input: temporary file left"

# --- the reviewer from git config ------------------------------------------
expect "no identity" 3 "$bin" reply "$sample"
has "no identity message" "$tmp/err" "user.email"
git config --global user.name "Gina Config"
git config --global user.email gina@example.com
expect "identity from config" 0 "$bin" reply "$sample"
has "config From" "$tmp/out" "From: Gina Config <gina@example.com>"
has "config Message-ID" "$tmp/out" "@example.com>"
# the check configuration applies, as for prereview check
git config --global prereview.severity.tcp.touch fail
expect "config severity" 1 "$bin" reply "$sample"
has "config severity note" "$tmp/out" "This needs fixing."
git config --global --unset prereview.severity.tcp.touch
git config --global prereview.disable "tcp.touch"
expect "config disable" 0 "$bin" reply "$sample"
[ -s "$tmp/out" ] && ko "config disable: replies written" || ok
has "config disable message" "$tmp/err" "no findings, no reply written"
# -o FILE with no findings: emptied, and the message says so
echo "stale replies" >"$tmp/stale.mbox"
expect "config disable -o" 0 "$bin" reply -o "$tmp/stale.mbox" "$sample"
[ -s "$tmp/stale.mbox" ] && ko "no findings: -o FILE keeps stale replies" || ok
has "config disable -o message" "$tmp/err" \
	"no findings, '$tmp/stale.mbox' is left empty"
git config --global --unset prereview.disable

# --- the check options, as for prereview check ------------------------------
expect "--disable" 0 "$bin" reply --disable=tcp.touch "$sample"
[ -s "$tmp/out" ] && ko "--disable: replies written" || ok
expect "--disable one of two" 1 "$bin" reply --disable=trailer.sob-missing \
	"$tmp/made"
if grep -q "trailer.sob-missing" "$tmp/out"; then
	ko "--disable one of two: the note is still there"
else
	ok
fi
has "--disable keeps the others" "$tmp/out" "X-Prereview-Ids: tcp.touch"
expect "--severity" 1 "$bin" reply --severity=tcp.touch=fail "$sample"
has "--severity note" "$tmp/out" "This needs fixing."
# options win over the configuration
git config --global prereview.severity.tcp.touch fail
expect "--severity over config" 0 "$bin" reply --severity=tcp.touch=info \
	"$sample"
git config --global --unset prereview.severity.tcp.touch
cat >"$tmp/my.rules" <<'RULES'
rule no-y
path: ^net/mptcp/pm\.c$
symbol: \bint\s+y\b
reason: no int y here
severity: warn
todo: no
RULES
expect "--rules" 1 "$bin" reply --rules="$tmp/my.rules" "$tmp/made"
has "--rules note" "$tmp/out" "rule.no-y"
expect "--offline --no-versions" 0 "$bin" reply --offline --no-versions \
	"$sample"
expect "bad --severity" 2 "$bin" reply --severity=tcp.touch "$sample"
expect "bad --profile" 2 "$bin" reply --profile=nope "$sample"

# --repo: a Fixes: tag naming a commit the repository does not have
(
	export GIT_AUTHOR_NAME="Alice Dev" GIT_AUTHOR_EMAIL=alice@example.org
	export GIT_COMMITTER_NAME="Alice Dev" GIT_COMMITTER_EMAIL=alice@example.org
	export GIT_AUTHOR_DATE="2024-03-06 09:00:00 +0000"
	export GIT_COMMITTER_DATE="2024-03-06 09:00:00 +0000"
	cd "$tmp/repo" || exit 1
	echo "int z;" >>net/mptcp/pm.c
	git commit -qsam "mptcp: pm: add z" -m "Add z.

Fixes: 0123456789ab (\"mptcp: pm: add nothing\")"
	git format-patch -q --stdout --base=HEAD~1 HEAD~1 >"$tmp/fixes.mbox"
) >/dev/null 2>&1 || ko "could not make the Fixes: series"
expect "without --repo" 0 "$bin" reply "$tmp/fixes.mbox"
if grep -q "fixes.unknown-commit" "$tmp/out"; then
	ko "without --repo: a repository note"
else
	ok
fi
expect "--repo" 1 "$bin" reply --repo="$tmp/repo" "$tmp/fixes.mbox"
has "--repo note" "$tmp/out" "fixes.unknown-commit"
has "--repo note names the id" "$tmp/out" "0123456789ab"
git config --global prereview.repo "$tmp/repo"
expect "prereview.repo" 1 "$bin" reply "$tmp/fixes.mbox"
has "prereview.repo note" "$tmp/out" "fixes.unknown-commit"
git config --global --unset prereview.repo
# the backport forecast (info, for the maintainer) stays out of replies
(
	export GIT_AUTHOR_NAME="Alice Dev" GIT_AUTHOR_EMAIL=alice@example.org
	export GIT_COMMITTER_NAME="Alice Dev" GIT_COMMITTER_EMAIL=alice@example.org
	export GIT_AUTHOR_DATE="2024-03-07 09:00:00 +0000"
	export GIT_COMMITTER_DATE="2024-03-07 09:00:00 +0000"
	cd "$tmp/repo" || exit 1
	git tag -a -m v6.1 v6.1 HEAD
	bad=$(git log -1 --format='%h ("%s")' --abbrev=12 HEAD)
	echo "int w;" >>net/mptcp/pm.c
	git commit -qsam "mptcp: pm: add w" -m "Add w.

Fixes: $bad"
	git format-patch -q --stdout --base=HEAD~1 HEAD~1 >"$tmp/scope.mbox"
) >/dev/null 2>&1 || ko "could not make the backport series"
"$bin" check --format=json --repo="$tmp/repo" "$tmp/scope.mbox" \
	>"$tmp/scope.json" 2>/dev/null
grep -q '"backport.scope"' "$tmp/scope.json" && ok ||
	ko "no backport.scope forecast to leave out"
expect "--repo forecast" 0 "$bin" reply --repo="$tmp/repo" "$tmp/scope.mbox"
if grep -q "backport.scope" "$tmp/out"; then
	ko "the backport forecast is in the replies"
else
	ok
fi
mkdir -p "$tmp/plain"
expect "--repo not a repository" 3 "$bin" reply --repo="$tmp/plain" \
	"$tmp/fixes.mbox"
[ -s "$tmp/out" ] && ko "--repo not a repository: replies written" || ok

# --- usage and input errors ------------------------------------------------
expect "no source" 2 "$bin" reply "${from[@]}"
expect "bad format" 2 "$bin" reply "${from[@]}" --format=json "$sample"
expect "bad from" 2 "$bin" reply --from=nobody "$sample"
expect "unknown option" 2 "$bin" reply --frobnicate "$sample"
expect "missing file" 3 "$bin" reply "${from[@]}" "$tmp/missing.mbox"
has "missing file message" "$tmp/err" "missing.mbox"
printf 'not mail at all\n' >"$tmp/junk.txt"
expect "not mail" 3 "$bin" reply "${from[@]}" "$tmp/junk.txt"

echo "reply_cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
