# SPDX-License-Identifier: GPL-2.0-or-later
# The TCP impact on the real TCP series of the corpus: every version of
# bpf-tcp-fionread (tcp_bpf.c in patches 1 and 2, selftests in 3) and
# tcp-ecmp-resets (routing, no TCP file). At most one TCP line per patch
# plus one per group hit, none for selftests, one summary per series.
set -u

bin=${PRV_BIN:?PRV_BIN is not set}
corpus=${PRV_CORPUS:-}
if [ -z "$corpus" ] || [ ! -d "$corpus/lore" ]; then
	echo "skipped: no corpus (PRV_CORPUS='$corpus')"
	exit 77
fi
command -v python3 >/dev/null || { echo "skipped: no python3"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp XDG_CONFIG_HOME=$tmp/xdg GIT_CONFIG_NOSYSTEM=1

pass=0
fails=0
n=0
for f in "$corpus"/lore/bpf-tcp-fionread-*.mbox \
	"$corpus"/lore/tcp-ecmp-resets-*.mbox; do
	[ -e "$f" ] || continue
	n=$((n + 1))
	"$bin" check --format=json "$f" >"$tmp/out.json" 2>/dev/null
	if python3 - "$tmp/out.json" "$(basename "$f")" <<'PY'; then
import collections, json, sys
d = json.load(open(sys.argv[1]))
name = sys.argv[2]
lines = collections.Counter()
summaries = collections.Counter()
for f in d["findings"]:
    if not f["id"].startswith("tcp."):
        continue
    key = (f.get("series", 0), f["version"])
    if f["id"] == "tcp.summary":
        summaries[key] += 1
    else:
        lines[key + (f["patch"],)] += 1
imp = {(t.get("series", 0), t["version"], t["patch"]): t
       for t in d.get("tcp_impact", [])}
bad = []
for k, v in lines.items():
    groups = len(imp[k]["groups"]) if k in imp else 0
    if v > 1 + groups:
        bad.append("%s: %d TCP lines, %d groups" % (k, v, groups))
for k, t in imp.items():
    for p in t["files"]:
        if p.startswith(("tools/testing/selftests/", "Documentation/")):
            bad.append("%s: %s counted" % (k, p))
if name.startswith("tcp-ecmp") and lines:
    bad.append("no TCP file, yet %s" % dict(lines))
if name.startswith("bpf-tcp") and "-all" not in name:
    want = {1, 2}
    got = {k[2] for k in lines}
    if got != want:
        bad.append("patches with TCP lines: %s, want %s" % (got, want))
    if sum(summaries.values()) != 1:
        bad.append("%d summaries" % sum(summaries.values()))
    files = {p for t in imp.values() for p in t["files"]}
    if files != {"net/ipv4/tcp_bpf.c"}:
        bad.append("files %s" % files)
if bad:
    print("FAIL: %s: %s" % (name, "; ".join(bad)))
    sys.exit(1)
PY
		pass=$((pass + 1))
	else
		fails=$((fails + 1))
	fi
done
[ $n -gt 0 ] || { echo "skipped: no TCP series in the corpus"; exit 77; }
echo "tcp_impact_corpus: $pass passed, $fails failed"
[ $fails -eq 0 ]
