# SPDX-License-Identifier: GPL-2.0-or-later
# The TCP impact on a series made here: a small tree with the kernel's
# layout (net/ipv4/tcp_*.c, include/net/tcp.h, net/mptcp/*.c calling a few
# TCP functions, MPTCP's socket option allow-list and selftests) and a
# 12-patch series that touches tcp_input.c, tcp_output.c and tcp.h in every
# patch. Checks: at most one TCP line per patch plus one per group hit, no
# finding for comment-only and SPDX-only patches, one series summary, the
# "tcp_impact" JSON, one reply note per patch, and with --repo every MPTCP
# caller of a changed function found and no false one, a new TCP_* option
# without an MPTCP counterpart named, and nothing written to the repository.
set -u

bin=${PRV_BIN:?PRV_BIN is not set}
command -v git >/dev/null || { echo "skipped: no git"; exit 77; }
command -v python3 >/dev/null || { echo "skipped: no python3"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp XDG_CONFIG_HOME=$tmp/xdg GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME="Alice Dev" GIT_AUTHOR_EMAIL=alice@example.org
export GIT_COMMITTER_NAME="Alice Dev" GIT_COMMITTER_EMAIL=alice@example.org
export GIT_AUTHOR_DATE="2024-03-05 09:00:00 +0000"
export GIT_COMMITTER_DATE="2024-03-05 09:00:00 +0000"

pass=0
fails=0
ok() { pass=$((pass + 1)); }
ko() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

# --- the tree -----------------------------------------------------------
mk_tree() {
	mkdir -p net/ipv4 net/mptcp include/net include/uapi/linux \
		tools/testing/selftests/net/mptcp
	{
		echo "// SPDX-License-Identifier: GPL-2.0"
		echo "/* TCP output. */"
		echo "#include <net/tcp.h>"
		echo
		echo "int tcp_fragment(struct sock *sk, int len)"
		echo "{"
		echo "	/* split the skb */"
		echo "	return len;"
		echo "}"
		for k in $(seq 1 12); do
			echo
			echo "/* step $k */"
			echo "static int tcp_out$k(struct sock *sk)"
			echo "{"
			echo "	return $k;"
			echo "}"
		done
	} >net/ipv4/tcp_output.c
	{
		echo "// SPDX-License-Identifier: GPL-2.0"
		echo "#include <net/tcp.h>"
		for k in $(seq 1 12); do
			echo
			echo "/* input step $k */"
			echo "static int tcp_in$k(struct sock *sk)"
			echo "{"
			echo "	return $k;"
			echo "}"
		done
	} >net/ipv4/tcp_input.c
	{
		echo "/* SPDX-License-Identifier: GPL-2.0 */"
		echo "struct tcp_sock {"
		echo "	u32 snd_una;"
		echo "	u32 rcv_nxt;"
		echo "};"
		for k in $(seq 1 12); do
			echo
			echo "/* limit $k */"
			echo "#define TCP_LIMIT_$k $k"
		done
	} >include/net/tcp.h
	printf '%s\n' "/* SPDX-License-Identifier: GPL-2.0 */" \
		"#define TCP_NODELAY 1" "#define TCP_CORK 3" \
		>include/uapi/linux/tcp.h
	# MPTCP: the calls of tcp_fragment() all read "tcp_fragment(ssk"
	printf '%s\n' "// SPDX-License-Identifier: GPL-2.0" \
		"#include <net/mptcp.h>" "" \
		"/* tcp_fragment() is what splits: not a call */" \
		"static int mptcp_split(struct sock *ssk, struct mptcp_sock *msk)" \
		"{" \
		"	int ret = tcp_fragment(ssk, 1);" \
		"" \
		"	pr_debug(\"tcp_fragment(%d)\", ret);" \
		"	msk->snd_una = 1; /* MPTCP's own field */" \
		"	return ret + tcp_sk(ssk)->snd_una;" \
		"}" "" \
		"static int mptcp_split2(struct sock *ssk)" \
		"{" \
		"	// tcp_fragment(sk) once was here" \
		"	return tcp_fragment(ssk, 2) +" \
		"	       tcp_fragment(ssk, 3);" \
		"}" >net/mptcp/protocol.c
	printf '%s\n' "// SPDX-License-Identifier: GPL-2.0" "" \
		"static void subflow_x(struct sock *ssk)" "{" \
		"	tcp_fragment (ssk, 4);" \
		"	tcp_out3_not_this(ssk);" "}" >net/mptcp/subflow.c
	printf '%s\n' "// SPDX-License-Identifier: GPL-2.0" "" \
		"static bool mptcp_supported_sockopt(int optname)" "{" \
		"	switch (optname) {" "	case TCP_NODELAY:" \
		"	case TCP_CORK:" "		return true;" "	}" \
		"	return false;" "}" >net/mptcp/sockopt.c
	printf '%s\n' "/* SPDX-License-Identifier: GPL-2.0 */" \
		"#define MPTCP_LIMIT TCP_LIMIT_5" >include/net/mptcp.h
	printf '%s\n' "int main(void)" "{" \
		"	return tcp_fragment_test();" "}" \
		>tools/testing/selftests/net/mptcp/mptcp_connect.c
	git add . && git commit -qm "base"
}

# patch k: code in tcp_outK(), tcp_inK() and a limit of tcp.h, except
# patch 2 (comments and blank lines only) and patch 12 (SPDX and comments)
mk_series() {
	local k
	for k in $(seq 1 12); do
		case $k in
		2)
			sed -i "s|^/\* step 2 \*/|/* step two */|" \
				net/ipv4/tcp_output.c
			sed -i "s|^/\* input step 2 \*/|/*\n * input step two\n */\n|" \
				net/ipv4/tcp_input.c
			sed -i "s|^/\* limit 2 \*/|/* limit two */|" \
				include/net/tcp.h
			;;
		12)
			sed -i "1s|.*|// SPDX-License-Identifier: GPL-2.0-only|" \
				net/ipv4/tcp_output.c net/ipv4/tcp_input.c
			sed -i "1s|.*|/* SPDX-License-Identifier: GPL-2.0-only */|" \
				include/net/tcp.h
			;;
		*)
			sed -i "s|return $k;|return $k + 1;|" \
				net/ipv4/tcp_output.c net/ipv4/tcp_input.c
			sed -i "s|#define TCP_LIMIT_$k $k|#define TCP_LIMIT_$k ($k + 1)|" \
				include/net/tcp.h
			;;
		esac
		case $k in
		1) sed -i "s|	return len;|	return len - 1;|" \
			net/ipv4/tcp_output.c ;;
		3) echo "#define TCP_NEWOPT 44" >>include/uapi/linux/tcp.h ;;
		4) sed -i "s|	u32 rcv_nxt;|	u32 rcv_nxt;\n	u32 rcv_extra;|" \
			include/net/tcp.h ;;
		esac
		git commit -qam "tcp: step $k" -m "Step $k." \
			-m "Signed-off-by: Alice Dev <alice@example.org>"
	done
	git format-patch -q --thread --cover-letter --base=HEAD~12 \
		--to=netdev@vger.kernel.org --subject-prefix="PATCH net-next" \
		-o ../series HEAD~12
	sed -i 's/\*\*\* SUBJECT HERE \*\*\*/tcp: twelve steps/
		s/\*\*\* BLURB HERE \*\*\*/Twelve steps./' ../series/0000-*
}

(
	git init -q "$tmp/repo" && cd "$tmp/repo" && mk_tree && mk_series
) >/dev/null 2>&1 || { echo "FAIL: could not make the tree"; exit 1; }
cat "$tmp"/series/*.patch >"$tmp/series.mbox"

# --- without a repository -----------------------------------------------
"$bin" check --format=json "$tmp/series.mbox" >"$tmp/plain.json"
[ $? -le 1 ] && ok || ko "check exits $?"
python3 - "$tmp/plain.json" <<'EOF' && ok || ko "TCP lines without --repo"
import json, sys
d = json.load(open(sys.argv[1]))
bad = []
tcp = [f for f in d["findings"] if f["id"].startswith("tcp.")]
imp = {t["patch"]: t for t in d["tcp_impact"]}
for k in range(1, 13):
    lines = [f for f in tcp if f["patch"] == k]
    groups = len(imp[k]["groups"]) if k in imp else 0
    if len(lines) > 1 + groups:
        bad.append("patch %d: %d lines, %d groups" % (k, len(lines), groups))
    if k in (2, 12) and (lines or k in imp):
        bad.append("patch %d changes no code: %s" % (k, lines))
    if k not in (2, 12) and not lines:
        bad.append("patch %d: no TCP line" % k)
t1 = imp.get(1, {})
if sorted(t1.get("files", [])) != ["include/net/tcp.h",
                                   "net/ipv4/tcp_input.c",
                                   "net/ipv4/tcp_output.c"]:
    bad.append("patch 1 files: %s" % t1.get("files"))
if "tcp_fragment" not in t1.get("functions", []) or \
   "tcp_out1" not in t1.get("functions", []):
    bad.append("patch 1 functions: %s" % t1.get("functions"))
if "mptcp_uses" in t1:
    bad.append("mptcp_uses without a repository")
touch = [f for f in tcp if f["patch"] == 1 and f["id"] == "tcp.touch"][0]
if touch["todo"] or touch["severity"] != "info" or touch["message"] != \
   "touches tcp.h: TCP_LIMIT_1; tcp_input.c: tcp_in1(); " \
   "tcp_output.c: tcp_fragment(), tcp_out1()":
    bad.append("patch 1 touch line: %s" % touch)
groups = [g["name"] for g in imp.get(3, {}).get("groups", [])]
if "socket options" not in groups:
    bad.append("patch 3 groups: %s" % groups)
summ = [f for f in tcp if f["id"] == "tcp.summary"]
want = "patches 1, 3, 4, 5, 6, 7, 8, 9, 10, 11 of 12 touch TCP"
if len(summ) != 1 or not summ[0]["message"].startswith(want) or \
   "read first: 3, " not in summ[0]["message"]:
    bad.append("summary: %s" % summ)
if bad:
    print("\n".join(bad))
    sys.exit(1)
EOF

# every format says it; the text is the JSON's lines
for fmt in text markdown checkpatch; do
	"$bin" check --format=$fmt "$tmp/series.mbox" >"$tmp/out.$fmt"
done
for fmt in text markdown; do
	grep -q "tcp.touch" "$tmp/out.$fmt" && ok || ko "$fmt: no tcp.touch"
	grep -q "tcp.summary" "$tmp/out.$fmt" && ok || ko "$fmt: no summary"
done
# checkpatch and b4 show the to-dos: the group MPTCP depends on
grep -q "^CHECK: tcp.touch: include/uapi/linux/tcp.h:.*socket options" \
	"$tmp/out.checkpatch" && ok || ko "checkpatch: no CHECK line"
"$bin" check --format=b4 "$tmp/series.mbox" >"$tmp/out.b4"
grep -q "socket options (TCP_NEWOPT)" "$tmp/out.b4" && ok ||
	ko "b4: no todo group"
n=$(grep -c '\[tcp\.touch\]' "$tmp/out.text")
m=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
print(sum(f["id"] == "tcp.touch" for f in d["findings"]))' "$tmp/plain.json")
[ "$n" = "$m" ] && ok || ko "text has $n TCP lines, JSON $m"

# one note per patch in the replies
"$bin" reply --from="Rita <rita@example.net>" "$tmp/series.mbox" \
	>"$tmp/replies.mbox" 2>/dev/null
python3 - "$tmp/replies.mbox" <<'EOF' && ok || ko "reply notes"
import mailbox, re, sys
bad = []
for m in mailbox.mbox(sys.argv[1]):
    body = m.get_payload(decode=True).decode()
    subj = str(m["Subject"])
    k = re.search(r" (\d+)/12\]", subj)
    n = len(re.findall(r"\[tcp\.touch\]", body))
    if k and k.group(1) not in ("00", "02", "12") and n > 1:
        bad.append("%s: %d TCP notes" % (subj, n))
    if k and k.group(1) in ("02", "12") and n:
        bad.append("%s: a note on a comment-only patch" % subj)
if bad:
    print("\n".join(bad))
    sys.exit(1)
EOF

# --- with the repository: the MPTCP uses of what changed -----------------
before=$(cd "$tmp/repo" && git rev-parse HEAD && git status --porcelain &&
	find .git -type f | sort | xargs md5sum | md5sum)
"$bin" check --format=json --repo="$tmp/repo" "$tmp/series.mbox" \
	>"$tmp/repo.json"
[ $? -le 1 ] && ok || ko "check --repo exits $?"
after=$(cd "$tmp/repo" && git rev-parse HEAD && git status --porcelain &&
	find .git -type f | sort | xargs md5sum | md5sum)
[ "$before" = "$after" ] && ok || ko "the repository was written to"
calls=$(cd "$tmp/repo" && git grep -n 'tcp_fragment *(ssk' HEAD~12 -- \
	net/mptcp | sed 's/^HEAD~12://' | cut -d: -f1,2 | sort | tr '\n' ' ')
python3 - "$tmp/repo.json" "$calls" <<'EOF' && ok || ko "MPTCP uses"
import json, sys
d = json.load(open(sys.argv[1]))
want_calls = sorted(sys.argv[2].split())
imp = {t["patch"]: t for t in d["tcp_impact"]}
bad = []
def uses(k, sym):
    return sorted("%s:%d" % (u["file"], u["line"])
                  for u in imp[k]["mptcp_uses"] if u["symbol"] == sym)
if len(want_calls) != 4:
    bad.append("the tree has %d calls, want 4" % len(want_calls))
if uses(1, "tcp_fragment") != want_calls:
    bad.append("tcp_fragment: %s, want %s" % (uses(1, "tcp_fragment"),
                                               want_calls))
# tcp_out3() is never called by MPTCP: tcp_out3_not_this() is another word
if uses(3, "tcp_out3"):
    bad.append("tcp_out3: %s" % uses(3, "tcp_out3"))
# a macro MPTCP's header uses
if uses(5, "TCP_LIMIT_5") != ["include/net/mptcp.h:2"]:
    bad.append("TCP_LIMIT_5: %s" % uses(5, "TCP_LIMIT_5"))
if imp[3].get("sockopts_missing") != ["TCP_NEWOPT"]:
    bad.append("sockopts_missing: %s" % imp[3].get("sockopts_missing"))
for k in imp:
    if imp[k].get("search_note"):
        bad.append("patch %d: %s" % (k, imp[k]["search_note"]))
tcp = [f for f in d["findings"] if f["id"] == "tcp.touch"]
t1 = [f for f in tcp if f["patch"] == 1 and f["message"].startswith("touches")]
if not t1 or not t1[0]["todo"] or \
   "tcp_fragment is used at net/mptcp/protocol.c:" not in (t1[0]["hint"] or ""):
    bad.append("patch 1 touch line: %s" % t1)
t3 = [f for f in tcp if f["patch"] == 3 and f["message"].startswith("touches")]
if not t3 or "TCP_NEWOPT is new" not in (t3[0]["hint"] or ""):
    bad.append("patch 3 touch line: %s" % t3)
t6 = [f for f in tcp if f["patch"] == 6 and f["message"].startswith("touches")]
if not t6 or t6[0]["todo"]:
    bad.append("patch 6 (no MPTCP use) is todo: %s" % t6)
if bad:
    print("\n".join(bad))
    sys.exit(1)
EOF

echo "tcp_impact_cli: $pass passed, $fails failed"
[ $fails -eq 0 ]
