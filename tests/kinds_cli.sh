#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# What each thread is, on self-made mails (tests/data/kinds): pull requests,
# stable review series, backports to several trees, AUTOSEL picks and bug
# reports with a diff get their kind in show's JSON and text, are never
# joined with the series they carry or come from, and check applies only
# the checks that mean something for them (no fail finding, one line
# saying what was skipped). Point versions (v2.1) are versions of their own.
# Versions are joined across address changes, in-body Froms, reworded
# titles and changelog links, never across dates that run backwards or
# another author's work; patches whose cover the input lacks say so. A send
# cut short and the send that ends it are one version.
set -u

bin=${PRV_BIN:?PRV_BIN is not set}
src=${PRV_SRC:?PRV_SRC is not set}
data=$src/tests/data/kinds
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp GIT_CONFIG_NOSYSTEM=1
fail=0

for f in "$data"/*.mbox; do
	name=$(basename "$f" .mbox)
	if ! "$bin" show --format=json "$f" >"$tmp/$name.json" 2>/dev/null; then
		echo "FAIL: show $name: exit $?"
		fail=1
	fi
	"$bin" check --format=json "$f" >"$tmp/$name.check.json" 2>/dev/null
	"$bin" check "$f" >"$tmp/$name.check.txt" 2>/dev/null
done

python3 - "$tmp" <<'PY' || fail=1
import json, os, sys

tmp = sys.argv[1]
bad = []

def show(name):
    return json.load(open(os.path.join(tmp, name + ".json")))

def check(name):
    return json.load(open(os.path.join(tmp, name + ".check.json")))

def text(name):
    return open(os.path.join(tmp, name + ".check.txt")).read()

def series_of(doc, msgid):
    for s in doc["series"]:
        for v in s["versions"]:
            ids = [p["message_id"] for p in v["patches"]]
            if v["cover"]:
                ids.append(v["cover"]["message_id"])
            if msgid in ids:
                return s
    return None

def expect(what, got, want):
    if got != want:
        bad.append("%s: got %r, want %r" % (what, got, want))

def kinds(name, want):
    doc = show(name)
    for msgid, kind in want.items():
        s = series_of(doc, msgid)
        expect("%s: kind of %s" % (name, msgid), s and s["kind"], kind)
    expect("%s: number of series" % name, len(doc["series"]), len(want))

def no_fail(name):
    c = check(name)
    al = c.get("all_series") or [c["series"]]
    for f in c["findings"]:
        k = al[f.get("series", 0)]["kind"]
        if f["severity"] == "fail" and k != "series":
            bad.append("%s: fail finding %s on a %s" % (name, f["id"], k))

# a pull request is never a version of a patch it carries, and two weekly
# pull requests under one title are two threads
kinds("pull", {"pull1-0@example.net": "pull", "alice-foo@example.org": "series",
               "pull2-0@example.net": "pull", "gitpull@example.net": "pull"})
no_fail("pull")
if "pull: only its patches' trailers" not in text("pull").replace("\n  ", " "):
    bad.append("pull: check does not say what it skipped")
# the subject was checked on the author's own posting: a pull request
# carrying the patch does not say it again
c = check("pull")
al = c.get("all_series") or [c["series"]]
long = [al[f.get("series", 0)]["kind"] for f in c["findings"]
        if f["id"] == "subject.too-long"]
expect("pull: subject.too-long by kind", long, ["series"])

kinds("stable-review", {"sr-0@example.com": "stable-review"})
no_fail("stable-review")
# as an archive holds one: 000/166, a few of its patches, a tester's reply;
# neither its length nor what the archive lacks is the sender's to fix
kinds("stable-review-166",
      {"20241119152000.000000000@example.com": "stable-review"})
no_fail("stable-review-166")
expect("stable-review-166: findings",
       [(f["id"], f["severity"]) for f in check("stable-review-166")["findings"]
        if f["severity"] != "info"], [])

# one fix, its backports to three trees and an AUTOSEL pick: five threads
kinds("backport", {"orig@example.org": "series", "bp66@example.com": "backport",
                   "bp515@example.com": "backport",
                   "bp510-0@example.com": "backport",
                   "autosel@example.com": "autosel"})
no_fail("backport")
ids = [f["id"] for f in check("backport")["findings"]]
expect("backport: upstream reference missing once",
       ids.count("backport.upstream-missing"), 1)

kinds("discussion", {"bug@example.org": "discussion"})
c = check("discussion")
expect("discussion: findings", [f["id"] for f in c["findings"]], [])

doc = show("point")
expect("point: series", len(doc["series"]), 1)
vs = [(v["version"], v["point"]) for v in doc["series"][0]["versions"]]
expect("point: versions", vs, [(2, 0), (2, 1)])

def versions(name):
    return [[(v["version"], v["point"]) for v in s["versions"]]
            for s in show(name)["series"]]

# identity across versions: a changed address (same name), the in-body
# From, reworded patch titles under one cover title, a changelog link
for name in ("join-address", "join-inbody", "join-reworded", "join-link"):
    expect(name, versions(name), [[(1, 0), (2, 0)]])
# never joined: a v1 posted after v2 without a link; another author's RFC
# sent in a thread
expect("nojoin-backwards", versions("nojoin-backwards"), [[(2, 0)], [(1, 0)]])
expect("nojoin-other-author", versions("nojoin-other-author"),
       [[(1, 0)], [(1, 0)]])
# "[PATCH nft 1/3,v2]" sent with "[PATCH nft 0/3]": one posting, v1
expect("stray-version", versions("stray-version"), [[(1, 0)]])
# the cover of an archive slice: not in the input, not missing from the list
ids = [(f["id"], f["severity"]) for f in check("cover-absent")["findings"]
       if f["id"].startswith("series.")]
expect("cover-absent findings", ids, [("series.incomplete", "info")])
if "cover not in the input" not in json.dumps(check("cover-absent")):
    bad.append("cover-absent: no 'cover not in the input'")
# two such slices by one author, a week apart: two postings, each
# answering its own cover, neither one "without a cover letter"
kinds("cover-absent-two", {"ca2-a-1@example.org": "series",
                           "ca2-b-1@example.org": "series"})
ids = [(f["id"], f["severity"], f.get("series", 0))
       for f in check("cover-absent-two")["findings"]
       if f["id"].startswith("series.")]
expect("cover-absent-two findings", ids,
       [("series.incomplete", "info", 0), ("series.incomplete", "info", 1)])

# a send cut short, then its rest or all of it again: one version each
cut = show("cut-send")
expect("cut-send series", len(cut["series"]), 2)
expect("cut-send versions complete",
       [v["complete"] for s in cut["series"] for v in s["versions"]],
       [True, True])
expect("cut-send series findings",
       sorted(f["id"] for f in check("cut-send")["findings"]
              if f["id"].startswith("series.")), [])

for b in bad:
    print("FAIL: " + b)
sys.exit(1 if bad else 0)
PY
[ "$fail" -eq 0 ] && echo "kinds_cli: all passed"
exit "$fail"
