# SPDX-License-Identifier: GPL-2.0-or-later
# prereview check on every mbox of the shared corpus: no crash, no error
# exit, valid prereview-report/1 JSON, and every format renders. Also a few
# findings the real series are known to deserve.
set -u

bin=${PRV_BIN:?PRV_BIN is not set}
corpus=${PRV_CORPUS:-}
if [ -z "$corpus" ] || [ ! -d "$corpus" ]; then
	echo "skipped: no corpus (PRV_CORPUS='$corpus')"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp XDG_CONFIG_HOME=$tmp/xdg GIT_CONFIG_NOSYSTEM=1

fails=0
n=0
for f in "$corpus"/lore/*.mbox "$corpus"/b4/*.mbox \
	"$corpus"/patchwork/mail/*.mbox "$corpus"/patchwork/series/*.mbox; do
	[ -e "$f" ] || continue
	n=$((n + 1))
	"$bin" check --format=json "$f" >"$tmp/out.json" 2>"$tmp/err.txt"
	rc=$?
	# the shipped rules stay far below the match limit on real patches
	if grep -q "gave up" "$tmp/err.txt"; then
		echo "FAIL: $(basename "$f"): $(grep "gave up" "$tmp/err.txt")"
		fails=$((fails + 1))
	fi
	# 3 is allowed only for inputs that hold no patch at all
	if [ $rc -eq 3 ] && grep -q "no patch found in" "$tmp/err.txt"; then
		continue
	fi
	if [ $rc -gt 1 ]; then
		echo "FAIL: $(basename "$f"): exit $rc: $(head -3 "$tmp/err.txt")"
		fails=$((fails + 1))
		continue
	fi
	if ! python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
assert r["schema"] == "prereview-report/1"
assert (r["summary"]["fail"] > 0) == (sys.argv[2] == "1")
' "$tmp/out.json" "$rc"; then
		echo "FAIL: $(basename "$f"): bad report"
		fails=$((fails + 1))
	fi
	# every format on the real series, text on the rest
	fmts=text
	case $f in */lore/*) fmts="text markdown checkpatch b4" ;; esac
	for fmt in $fmts; do
		"$bin" -q check --format=$fmt "$f" >/dev/null 2>"$tmp/err.txt"
		rc=$?
		if [ $rc -gt 1 ]; then
			echo "FAIL: $(basename "$f") --format=$fmt: exit $rc"
			fails=$((fails + 1))
		fi
	done
done

# Findings the real series deserve (and ones they must not get).
expect() { # file id yes|no
	"$bin" -q check --format=json "$corpus/lore/$1" >"$tmp/out.json" 2>/dev/null
	if python3 -c '
import json, sys
ids = {f["id"] for f in json.load(open(sys.argv[1]))["findings"]}
sys.exit(0 if (sys.argv[2] in ids) == (sys.argv[3] == "yes") else 1)
' "$tmp/out.json" "$2" "$3"; then
		:
	else
		echo "FAIL: $1: expected $2 $3"
		fails=$((fails + 1))
	fi
}
# v1 of the ECMP fix has no tree tag and a blank line after its Fixes:
expect tcp-ecmp-resets-net-v1.mbox series.tree-missing yes
expect tcp-ecmp-resets-net-v1.mbox fixes.blank-line yes
# bpf-next series carrying Fixes: tags, touching tcp_bpf.c
expect bpf-tcp-fionread-copied-seq-bpf-next-v7.mbox series.fixes-in-next yes
expect bpf-tcp-fionread-copied-seq-bpf-next-v7.mbox tcp.touch yes
# a net series of fixes, with a cover and Fixes: everywhere
expect mptcp-inkernel-pm-fixes-net-v2.mbox series.fixes-missing no
expect mptcp-inkernel-pm-fixes-net-v2.mbox series.cover-missing no
expect mptcp-inkernel-pm-fixes-net-v2.mbox trailer.sob-missing no

echo "check_corpus: $n inputs, $fails failures"
[ $fails -eq 0 ]
