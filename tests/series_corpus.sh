#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# prereview show --format=json over the real series of the shared corpus
# (patchwork series fixtures, b4 trailer threads, lore series): every
# file must succeed with valid JSON, and what the file names promise must
# hold (versions of lore/*-vN.mbox and *-all.mbox, patchwork's incomplete,
# Mercurial and revision cases, review trailers from b4's follow-ups); the
# text screen of each must fit 80 columns.
set -u

bin=${PRV_BIN:?PRV_BIN is not set}
corpus=${PRV_CORPUS:-}
if [ -z "$corpus" ] || [ ! -d "$corpus/lore" ]; then
	echo "series_corpus: skipped (no corpus at '${corpus}')"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for f in "$corpus"/patchwork/series/*.mbox "$corpus"/b4/*.mbox \
	"$corpus"/lore/*.mbox; do
	rel=${f#"$corpus"/}
	if "$bin" show --format=json "$f" >"$tmp/out.json" 2>"$tmp/err" &&
		"$bin" show "$f" >"$tmp/out.txt" 2>>"$tmp/err"; then
		echo "$rel	$tmp/out.json"
		cp "$tmp/out.json" "$tmp/$(echo "$rel" | tr / _).json"
		cp "$tmp/out.txt" "$tmp/$(echo "$rel" | tr / _).txt"
	else
		echo "$rel	FAILED (exit $?): $(head -1 "$tmp/err")"
	fi
done >"$tmp/list"

python3 - "$tmp" "$tmp/list" <<'PY'
import json, os, re, sys

tmp, listing = sys.argv[1], sys.argv[2]
passed = failed = 0
lore_versions = {}
for line in open(listing):
    rel = line.split("\t")[0]
    m = re.match(r"lore/(.*)-v(\d+)\.mbox$", rel)
    if m:
        lore_versions.setdefault(m.group(1), set()).add(int(m.group(2)))

def versions(s):
    return [v["version"] for v in s["versions"]]

def rts(d):
    return [rt for s in d["series"] for v in s["versions"]
            for p in v["patches"] for rt in p["review_trailers"]]

def expectations(rel, d):
    """Yield (what, ok) for what the file name promises."""
    series = d["series"]
    name = os.path.basename(rel)[:-len(".mbox")]
    m = re.match(r"(.*)-v(\d+)$", name)
    if rel.startswith("lore/") and m:
        yield "one series", len(series) == 1
        yield "version %s" % m.group(2), \
            series and versions(series[0]) == [int(m.group(2))]
        yield "complete", series and series[0]["versions"][0]["complete"]
    elif rel.startswith("lore/") and name.endswith("-all"):
        want = sorted(lore_versions.get(name[:-4], ()))
        yield "one series", len(series) == 1
        yield "versions %s" % want, series and versions(series[0]) == want
        yield "all complete", series and all(
            v["complete"] for v in series[0]["versions"])
    elif name == "base-incomplete":
        v = series[0]["versions"][0]
        yield "incomplete, 2 missing", not v["complete"] and \
            v["missing"] == [2]
    elif name.startswith("mercurial-"):
        v = series[0]["versions"][0]
        yield "mercurial 2 patches", len(series) == 1 and \
            v["expected"] == 2 and v["complete"]
    elif name in ("revision-basic", "revision-no-cover-letter",
                  "revision-out-of-order", "revision-threaded-to-cover",
                  "revision-threaded-to-patch",
                  "revision-threaded-to-single-patch", "bugs-nocover"):
        yield "one series, v1 and v2", len(series) == 1 and \
            versions(series[0]) == [1, 2]
    elif name in ("base-cover-letter", "base-deep-threaded",
                  "base-no-cover-letter", "base-out-of-order",
                  "base-no-references", "base-no-references-no-cover",
                  "base-single-patch", "dependency-base-patch",
                  "bugs-unnumbered"):
        yield "one complete series", len(series) == 1 and all(
            v["complete"] for v in series[0]["versions"])
    elif name == "base-different-versions":
        yield "one series, v3 from the cover", len(series) == 1 and \
            versions(series[0]) == [3] and series[0]["versions"][0]["complete"]
    elif name.startswith("trailers-followup-"):
        yield "review trailers found", len(rts(d)) > 0
        if name in ("trailers-followup-single",
                    "trailers-followup-bare-address"):
            yield "mismatch flagged", any(
                rt["sender_mismatch"] for rt in rts(d))
        if name == "trailers-followup-with-cover":
            v = series[0]["versions"][0]
            yield "cover trailer on every patch", all(
                any(rt["message_id"] == "fwup-message-2@example.com"
                    for rt in p["review_trailers"]) for p in v["patches"])
    elif name == "trailers-thread-with-cover-followup":
        v = series[0]["versions"][0]
        yield "cover trailer on 4 patches", all(
            any(rt["message_id"] == "cover-fwup1@example.org"
                for rt in p["review_trailers"]) for p in v["patches"])
    if series:
        yield "versions ascending", all(
            versions(s) == sorted(versions(s)) for s in series)

for line in open(listing):
    rel, out = line.rstrip("\n").split("\t", 1)
    if out.startswith("FAILED"):
        print("FAIL %-52s %s" % (rel, out))
        failed += 1
        continue
    try:
        d = json.load(open(os.path.join(tmp, rel.replace("/", "_") + ".json")))
    except ValueError as e:
        print("FAIL %-52s invalid json: %s" % (rel, e))
        failed += 1
        continue
    summary = " ".join(
        ",".join("v%d:%d/%d%s" % (v["version"], len(v["patches"]),
                                  v["expected"],
                                  "" if v["complete"] else "!")
                 for v in s["versions"]) for s in d["series"])
    bad = [what for what, good in expectations(rel, d) if not good]
    text = open(os.path.join(tmp, rel.replace("/", "_") + ".txt"),
                encoding="utf-8").read().splitlines()
    if any(len(line) > 80 for line in text):
        bad.append("text wider than 80 columns")
    if d["series"] and not text[0].startswith(d["series"][0]["title"][:40]):
        bad.append("text does not start with the series title")
    status = "FAIL" if bad else "ok  "
    print("%s %-52s %s rt=%d warn=%d%s" % (
        status, rel, summary or "-", len(rts(d)), len(d["warnings"]),
        "  (" + "; ".join(bad) + ")" if bad else ""))
    if bad:
        failed += 1
    else:
        passed += 1
print("series_corpus: %d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PY
