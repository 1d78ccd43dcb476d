#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Benchmark: b4's per-patch check command on real single-patch series.
#
# Every single-patch series (a [PATCH ...] mail, not a reply, with no
# counter or 1/1) of the netfilter-devel corpus file (perf/netfilter-devel-
# 8k.mbox.xz, unpacked to a temporary directory) is given alone on stdin
# to `prereview check --format=b4 -`, as b4's per-patch commands give it,
# and as a file to `prereview check --format=json`. It prints how many
# mails there were, how many per-patch runs gave exactly one item, and
# how many listed other fail/warn findings than the file's check.
#
# Usage: bench/perpatch.sh [PREREVIEW [MBOX [LIMIT]]]
# LIMIT: at most that many mails (default all). Skipped (exit 77) without
# the corpus. Target: one item for every mail, no difference (exit 1
# otherwise).
set -u

src=$(cd "$(dirname "$0")/.." && pwd)
bin=$(realpath "${1:-$src/build/prereview}")
corpus=${PRV_CORPUS:-$src/../shared/corpus}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp GIT_CONFIG_NOSYSTEM=1
mbox=${2:-}
if [ -z "$mbox" ]; then
	if [ ! -f "$corpus/perf/netfilter-devel-8k.mbox.xz" ]; then
		echo "perpatch: skipped (no corpus at '$corpus')"
		exit 77
	fi
	mbox=$tmp/netfilter-devel-8k.mbox
	xz -dc "$corpus/perf/netfilter-devel-8k.mbox.xz" >"$mbox" || exit 3
fi
cd "$tmp" || exit 3
python3 - "$bin" "$mbox" "${3:-0}" <<'PY'
import json, mailbox, re, subprocess, sys

binary, path, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
mails = diff = not_one = 0
for msg in mailbox.mbox(path):
    s = " ".join(str(msg.get("Subject", "")).split())
    if re.match(r"(?i)(re|aw|fwd?):", s):
        continue
    m = re.match(r"\[(?:[^\]]*\s)?PATCH[^\]]*\]", s)
    if not m:
        continue
    c = re.search(r"(\d+)/(\d+)", m.group(0))
    if c and (c.group(1), c.group(2)) != ("1", "1"):
        continue
    if limit and mails >= limit:
        break
    mails += 1
    raw = msg.as_bytes()
    open("one.eml", "wb").write(raw)
    rep = subprocess.run([binary, "check", "--format=json", "one.eml"],
                         capture_output=True)
    try:
        want = sorted(f["id"] for f in json.loads(rep.stdout)["findings"]
                      if f["severity"] != "info")
    except ValueError:
        want = None
    b4 = subprocess.run([binary, "check", "--format=b4", "-"], input=raw,
                        capture_output=True)
    try:
        items = json.loads(b4.stdout)
    except ValueError:
        items = []
    if len(items) != 1:
        not_one += 1
        continue
    got = sorted(re.findall(r"^(?:fail|warn)  (\S+):", items[0]["details"],
                            re.M))
    if got != want:
        diff += 1
        print("differs: %s: file %s, per patch %s" % (s, want, got))
print("perpatch: %d single-patch mails, %d not one item, %d differ"
      % (mails, not_one, diff))
sys.exit(1 if not_one or diff else 0)
PY
