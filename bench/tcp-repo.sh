#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Benchmark: what --repo adds to `prereview check` of a 15-patch TCP series,
# the MPTCP uses of every changed TCP function looked up in the tree.
#
# The tree is made here, the size of the kernel's net/ (2,000 files, about
# 40 MB): net/ipv4/tcp_*.c, include/net/tcp.h, net/mptcp/ (40 files calling
# TCP functions), include/net/mptcp.h and the MPTCP selftests. Each of the
# 15 patches changes functions of tcp_input.c, tcp_output.c and tcp.h; the
# series names its base-commit, and the repository holds the series too
# (as after it was merged), all of it in one pack with long delta chains.
# Target: --repo adds at most 100 ms to check (best of RUNS runs each, the
# machine may be shared); printed apart: the other repository checks
# (applying the series in memory, Fixes:, the base) and the MPTCP uses.
#
# With BASELINE-BINARY (another build, say of an older commit), both are
# timed in the same run, their runs taking turns, and printed one above
# the other; the target is checked on PREREVIEW-BINARY.
#
# Usage: bench/tcp-repo.sh [PREREVIEW-BINARY] [RUNS] [BASELINE-BINARY]
set -eu

src=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-${PRV_BIN:-$src/build/prereview}}
runs=${2:-7}
baseline=${3:-}
target_ms=100
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp XDG_CONFIG_HOME=$tmp/xdg GIT_CONFIG_NOSYSTEM=1
export GIT_COMMITTER_NAME=A GIT_COMMITTER_EMAIL=a@example.org
export GIT_AUTHOR_NAME=A GIT_AUTHOR_EMAIL=a@example.org

command -v git >/dev/null || { echo "skipped: no git"; exit 77; }
command -v python3 >/dev/null || { echo "skipped: no python3"; exit 77; }

# A git fast-import stream: the base tree, then 15 commits.
python3 - >"$tmp/stream" <<'EOF'
import random, sys
random.seed(7)
out = sys.stdout.buffer
mark = [0]

def blob(text):
    mark[0] += 1
    data = text.encode()
    out.write(b"blob\nmark :%d\ndata %d\n" % (mark[0], len(data)) + data +
              b"\n")
    return mark[0]

def body(name, calls, size):
    lines = ["// SPDX-License-Identifier: GPL-2.0", "#include <net/tcp.h>", ""]
    k = 0
    while sum(len(l) + 1 for l in lines) < size:
        lines += ["/*", " * %s step %d: what it does, at some length." % (name, k),
                  " */", "static int %s_f%d(struct sock *sk, int len)" % (name, k),
                  "{", "\tint ret = len * %d;" % k]
        for c in random.sample(calls, min(2, len(calls))) if calls else []:
            lines.append("\tret += %s(sk, ret);" % c)
        lines += ["\treturn ret;", "}", ""]
        k += 1
    return "\n".join(lines) + "\n"

tcp_funcs = ["tcp_fragment", "tcp_send_ack", "tcp_push", "tcp_done",
             "tcp_set_state", "tcp_cleanup_rbuf", "tcp_write_xmit"]
files = {}
for d in range(40):
    for f in range(48):
        files["net/sub%d/file%d.c" % (d, f)] = body("sub%d_%d" % (d, f), [],
                                                   20000)
for f in range(40):
    files["net/mptcp/mptcp%d.c" % f] = body("mptcp%d" % f, tcp_funcs, 25000)
for f in range(20):
    files["tools/testing/selftests/net/mptcp/t%d.c" % f] = \
        body("t%d" % f, [], 10000)
files["include/net/mptcp.h"] = body("mptcp_h", tcp_funcs, 8000)
files["net/mptcp/sockopt.c"] = "case TCP_NODELAY:\ncase TCP_CORK:\n"
files["net/ipv4/tcp_input.c"] = body("tcp_in", [], 200000)
files["net/ipv4/tcp_output.c"] = body("tcp_out", [], 150000)
files["include/net/tcp.h"] = body("tcp_h", [], 60000)

def commit(ref, msg, changes, parent):
    marks = {p: blob(t) for p, t in changes.items()}
    mark[0] += 1
    m = mark[0]
    out.write(b"commit refs/heads/main\nmark :%d\n" % m)
    out.write(b"author A <a@example.org> 1700000000 +0000\n")
    out.write(b"committer A <a@example.org> 1700000000 +0000\n")
    data = msg.encode()
    out.write(b"data %d\n" % len(data) + data + b"\n")
    if parent:
        out.write(b"from :%d\n" % parent)
    for p, b in marks.items():
        out.write(b"M 100644 :%d %s\n" % (b, p.encode()))
    out.write(b"\n")
    return m

parent = commit("main", "base\n", files, None)
for k in range(1, 16):
    ch = {}
    for p, name in (("net/ipv4/tcp_input.c", "tcp_in"),
                    ("net/ipv4/tcp_output.c", "tcp_out"),
                    ("include/net/tcp.h", "tcp_h")):
        files[p] = files[p].replace(
            "\tint ret = len * %d;\n" % k,
            "\tint ret = len * %d + 1;\n" % k, 1)
        ch[p] = files[p]
    files["net/ipv4/tcp_output.c"] = files["net/ipv4/tcp_output.c"].replace(
        "static int tcp_out_f%d(" % (k + 20), "static int tcp_fragment%s(" %
        ("" if k == 1 else "_%d" % k), 1)
    ch["net/ipv4/tcp_output.c"] = files["net/ipv4/tcp_output.c"]
    parent = commit("main", "tcp: step %d\n\nStep %d.\n\n"
                    "Signed-off-by: A <a@example.org>\n" % (k, k), ch, parent)
EOF
git init -q --bare "$tmp/repo.git"
git -C "$tmp/repo.git" fast-import --quiet <"$tmp/stream"
git -C "$tmp/repo.git" format-patch -q --thread --cover-letter \
	--base=main~15 --subject-prefix="PATCH net-next" -o "$tmp/series" \
	main~15..main
cat "$tmp"/series/*.patch >"$tmp/series.mbox"
size=$(git -C "$tmp/repo.git" ls-tree -r -l main | awk '{n++; s += $4}
	END {printf "%d files, %.0f MB", n, s / 1e6}')

# check BIN ARGS...: prereview's check, its output dropped
check() {
	local bin=$1
	shift
	"$bin" check "$@" "$tmp/series.mbox" >/dev/null 2>&1 || [ $? -le 1 ]
}

# the three ways of running check that are timed, by name
how_plain=()
how_other=(--disable=tcp.touch "--repo=$tmp/repo.git")
how_repo=("--repo=$tmp/repo.git")

# ms CMD...: the wall time of CMD in milliseconds
ms() {
	local t
	t=$( { TIMEFORMAT='%3R'; time "$@" >/dev/null 2>&1; } 2>&1)
	awk -v t="$t" 'BEGIN {printf "%d", t * 1000}'
}

bins=("$bin")
[ -z "$baseline" ] || bins=("$baseline" "$bin")
declare -A best
for b in "${bins[@]}"; do
	for how in plain other repo; do
		declare -n args=how_$how
		check "$b" "${args[@]}" ||
			{ echo "failed: $b check ${args[*]}" >&2; exit 1; }
	done
done
# runs take turns between the binaries, so that both see the same load
for ((i = 0; i < runs; i++)); do
	for b in "${bins[@]}"; do
		for how in plain other repo; do
			declare -n args=how_$how
			t=$(ms check "$b" "${args[@]}")
			k="$b $how"
			[ -z "${best[$k]:-}" ] || [ "$t" -lt "${best[$k]}" ] &&
				best[$k]=$t
		done
	done
done
uses=$("$bin" check --format=json --repo="$tmp/repo.git" "$tmp/series.mbox" |
	python3 -c 'import json, sys
d = json.load(sys.stdin)
print(sum(len(t.get("mptcp_uses", [])) for t in d["tcp_impact"]))')
echo "tree: $size; series: 15 patches; MPTCP uses found: $uses;" \
	"best of $runs runs"
for b in "${bins[@]}"; do
	plain=${best[$b plain]} other=${best[$b other]} repo=${best[$b repo]}
	echo "$b: check ${plain} ms, with --repo ${repo} ms: --repo adds" \
		"$((repo - plain)) ms (the other repository checks," \
		"applying the series: $((other - plain)) ms; the MPTCP uses:" \
		"$((repo - other)) ms)"
done
added=$((best[$bin repo] - best[$bin plain]))
echo "--repo adds ${added} ms (target: at most ${target_ms} ms)"
[ "$uses" -gt 0 ] || { echo "FAIL: no MPTCP use found"; exit 1; }
[ "$added" -le "$target_ms" ] || { echo "FAIL: over target"; exit 1; }
echo "ok"
