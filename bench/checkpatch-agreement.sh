#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Agreement with the kernel's scripts/checkpatch.pl on the trailer rules
# both tools have. Every patch mail of the corpus (lore/*-vN.mbox, b4/,
# patchwork/mail/, and the project's own trailer cases in
# tests/data/check/) is split out and given to both; for each shared rule
# the script counts the patches both flag, and prints every patch only one
# of them flags, with the known reason when there is one.
#
# Usage: bench/checkpatch-agreement.sh [PREREVIEW-BINARY]
# Exit status: 0 when every disagreement has a known reason, 1 otherwise,
# 77 when the corpus or checkpatch.pl is not available.
set -u

src=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-${PRV_BIN:-$src/build/prereview}}
corpus=${PRV_CORPUS:-$src/../shared/corpus}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp GIT_CONFIG_NOSYSTEM=1
. "$src/bench/checkpatch.inc"

if [ ! -d "$corpus/lore" ]; then
	echo "skipped: no corpus ($corpus)"
	exit 77
fi
if ! cp=$(checkpatch_path) || ! command -v perl >/dev/null; then
	echo "skipped: no checkpatch.pl (linux-source-6.12) or perl"
	exit 77
fi

python3 - "$bin" "$cp" "$tmp" "$corpus" "$src/tests/data/check" <<'PY'
import glob, json, os, re, subprocess, sys

prv, checkpatch, tmp, corpus, ours = sys.argv[1:6]

# checkpatch message -> our id, for the rules both tools have
RULES = [
    ("trailer.sob-missing", r"^Missing Signed-off-by: line\(s\)"),
    ("trailer.sob-author-missing",
     r"^(Missing Signed-off-by: line by nominal patch author|"
     r"From:/Signed-off-by: email (address|name) mismatch)"),
    ("trailer.duplicate", r"^Duplicate signature"),
    ("trailer.codev-without-sob", r"^Co-developed-by"),
    ("trailer.reported-without-closes", r"^Reported-by: should be"),
    ("trailer.malformed",
     r"(Non-standard signature|is the preferred signature form|"
     r"Unrecognized email address|Use a single space after|"
     r"Do not use whitespace before|Invalid email format)"),
    ("fixes.bad-format", r"(Please use correct Fixes: style|Fixes: tag)"),
]

# Why the tools may differ, per rule (printed next to each difference).
WHY = {
    ("trailer.sob-author-missing", "checkpatch"):
        "checkpatch wants the author's email in a Signed-off-by; prereview "
        "also accepts the name, as the netdev CI does",
    ("trailer.reported-without-closes", "checkpatch"):
        "prereview reports it as info in the netdev/mptcp profiles "
        "(the netdev CI dropped the rule); it is still listed",
    ("trailer.malformed", "checkpatch"):
        "checkpatch also flags tags outside the trailer block and "
        "spacing prereview does not judge",
    ("trailer.malformed", "prereview"):
        "prereview checks Link:/Closes: are URLs and that known tags "
        "keep their usual capitals",
    ("fixes.bad-format", "checkpatch"):
        "checkpatch wants exactly 12 hex digits; prereview follows the "
        "netdev CI, which accepts 12 or more",
    ("fixes.bad-format", "prereview"):
        "prereview also rejects a Fixes: wrapped over several lines",
    ("trailer.sob-missing", "checkpatch"):
        "checkpatch reads the whole mail; prereview only the trailer "
        "block (a Signed-off-by in the body does not count)",
    ("trailer.codev-without-sob", "checkpatch"):
        "checkpatch compares name and email separately",
}

def split(path):
    data = open(path, "rb").read()
    parts = re.split(rb"^From [^\n]*\d\d:\d\d:\d\d[^\n]*\n", data, flags=re.M)
    return [p for p in parts if b"\ndiff --git " in p or
            b"\n--- a/" in p]

files = sorted(glob.glob(os.path.join(corpus, "lore", "*-v[0-9]*.mbox")) +
               glob.glob(os.path.join(corpus, "b4", "*.mbox")) +
               glob.glob(os.path.join(corpus, "patchwork", "mail", "*.mbox")) +
               # our own trailer cases: the rules the corpus rarely breaks
               [f for f in glob.glob(os.path.join(ours, "*.mbox"))
                if re.match(r"(sob|duplicate|codev|reported|malformed|fixes)",
                            os.path.basename(f))])
mails = []
for f in files:
    for i, m in enumerate(split(f)):
        p = os.path.join(tmp, "%s-%03d.eml" % (os.path.basename(f), i))
        # the first From_ line is gone: give both tools a plain message
        open(p, "wb").write(m)
        mails.append(p)

both = {r: 0 for r, _ in RULES}
only = {(r, who): [] for r, _ in RULES for who in ("checkpatch", "prereview")}
env = dict(os.environ, NO_COLOR="1")
skipped = failed = 0
for p in mails:
    cp = subprocess.run(["perl", checkpatch, "--no-tree", "--terse",
                         "--no-summary", "--show-types", p],
                        capture_output=True, text=True, errors="replace")
    cp_msgs = []
    for line in cp.stdout.splitlines():
        m = re.search(r": (ERROR|WARNING|CHECK):[A-Z_]+: (.*)$", line)
        if m:
            cp_msgs.append(m.group(2))
    pr = subprocess.run([prv, "-q", "check", "--format=json",
                         "--profile=generic", p], capture_output=True,
                        text=True, env=env)
    if pr.returncode == 3 and ("no patch series" in pr.stderr or
                               "no patch found" in pr.stderr):
        skipped += 1  # a reply quoting a diff, a pull request...
        continue
    if pr.returncode > 1:
        print("prereview failed on %s: %s" % (p, pr.stderr.strip()))
        failed += 1
        continue
    ids = {f["id"]: f["message"] for f in
           json.loads(pr.stdout)["findings"]}
    for rule, pat in RULES:
        c = [m for m in cp_msgs if re.search(pat, m)]
        ours = rule in ids
        name = os.path.basename(p)
        if c and ours:
            both[rule] += 1
        elif c:
            only[(rule, "checkpatch")].append((name, c[0]))
        elif ours:
            only[(rule, "prereview")].append((name, ids[rule]))

print("%d patch mails from %d files (%d not patches to prereview: "
      "replies quoting a diff)" % (len(mails), len(files), skipped))
print("%-34s %6s %12s %11s" % ("rule", "both", "checkpatch", "prereview"))
for rule, _ in RULES:
    print("%-34s %6d %12d %11d" % (rule, both[rule],
                                   len(only[(rule, "checkpatch")]),
                                   len(only[(rule, "prereview")])))
unexplained = 0
for (rule, who), items in only.items():
    if not items:
        continue
    why = WHY.get((rule, who))
    print("\n%s: only %s (%d)%s" % (rule, who, len(items),
                                     "" if why else "  [no known reason]"))
    if why:
        print("  why: " + why)
    else:
        unexplained += 1
    for name, msg in items[:10]:
        print("  %s: %s" % (name, msg[:100]))
    if len(items) > 10:
        print("  ... %d more" % (len(items) - 10))
sys.exit(1 if unexplained or failed else 0)
PY
