# SPDX-License-Identifier: GPL-2.0-or-later
"""Hand-judged labels against prereview check's JSON report.

  labels.py check LABELS REPORT...    every label holds (exit 1 if not)
  labels.py precision LABELS REPORT...
                                      per-id precision on the labels
                                      (the findings of all the REPORTs:
                                      one per mailbox judged)
  labels.py count REPORT              findings per id and severity
  labels.py changelogs LABELS READ    changelogs read as labelled
                                      (READ: tests/tools/prv-changelog)

A finding is named by the message-id of its patch, or for a series
finding by the version's cover letter (else its first patch). A label
says T (the finding is right: it must be reported) or F (a false alarm:
it must not be); a fifth column "open" marks a label the checks are
known to still get wrong (a false alarm raised, or a true one that
thread grouping now files elsewhere): counted, not enforced.

An info finding is a note, not an alarm: a false alarm moved to info
no longer counts against precision and meets its F label.
"""
import collections
import json
import sys


def load_report(path):
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    found = collections.defaultdict(set)
    for f in d.get("findings", []):
        idx = f.get("series")
        s = d["all_series"][idx] if idx is not None else d["series"]
        ver = next((v for v in s["versions"]
                    if v["version"] == f.get("version")), s["versions"][-1])
        mid = None
        if f.get("patch"):
            mid = next((p["message_id"] for p in ver["patches"]
                        if p["index"] == f["patch"]), None)
        if not mid:
            if ver.get("cover"):
                mid = ver["cover"]["message_id"]
            elif ver["patches"]:
                mid = ver["patches"][0]["message_id"]
        found[(mid, f["id"])].add(f["severity"])
    return d, found


def load_labels(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 4 or cols[2] not in ("T", "F"):
                sys.exit("%s:%d: bad label" % (path, n))
            out.append((cols[0], cols[1], cols[2], cols[3],
                        len(cols) > 4 and cols[4] == "open"))
    return out


def alarm(found, mid, fid):
    """Reported at warn or fail: an alarm, not a note."""
    return any(RANK.get(sev, 0) > 0 for sev in found.get((mid, fid), ()))


def check(labels, found):
    bad = 0
    for mid, fid, verdict, why, is_open in labels:
        hit = (mid, fid) in found
        if verdict == "T" and not hit and not is_open:
            print("LOST true alarm: %s on <%s> (%s)" % (fid, mid, why))
            bad += 1
        elif verdict == "F" and alarm(found, mid, fid) and not is_open:
            print("FALSE alarm back: %s on <%s> (%s)" % (fid, mid, why))
            bad += 1
    print("%d labels, %d wrong" % (len(labels), bad))
    return 1 if bad else 0


TARGETS = {"fail": 98.0, "warn": 90.0}
RANK = {"info": 0, "warn": 1, "fail": 2}


def precision(labels, found):
    """Per id: labels, reported, true, false, precision; 1 if a fail-level
    id is under 98% or a warn-level one under 90%."""
    per = collections.defaultdict(lambda: [0, 0, 0, "info"])
    for mid, fid, verdict, _, _ in labels:
        row = per[fid]
        row[2] += 1
        sevs = found.get((mid, fid))
        if verdict == "F" and not alarm(found, mid, fid):
            sevs = None
        if sevs:
            row[0 if verdict == "T" else 1] += 1
            for sev in sevs:
                if RANK.get(sev, 0) > RANK[row[3]]:
                    row[3] = sev
    missed = 0
    for fid in sorted(per):
        tp, fp, n, sev = per[fid]
        note = ""
        if tp + fp:
            p = 100.0 * tp / (tp + fp)
            shown = "%.0f%%" % p
            if sev in TARGETS and p < TARGETS[sev]:
                note = "  under the %s target (%.0f%%)" % (sev,
                                                         TARGETS[sev])
                missed += 1
        else:
            shown = "-"
        print("%-34s %-4s labels %3d  reported %3d  true %3d  false %3d  "
              "precision %4s%s" % (fid, sev, n, tp + fp, tp, fp, shown,
                                   note))
    return 1 if missed else 0


def count(path):
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    c = collections.Counter((f["id"], f["severity"]) for f in d["findings"])
    for (fid, sev), n in sorted(c.items()):
        print("%-36s %-5s %5d" % (fid, sev, n))
    return 0


def changelogs(labels_path, read_path):
    """Each labelled changelog covers and links the versions it says."""
    with open(read_path, encoding="utf-8") as f:
        read = {c[0]: c for c in (l.rstrip("\n").split("\t") for l in f)}
    bad = n = 0
    with open(labels_path, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            c = line.rstrip("\n").split("\t")
            n += 1
            got = read.get(c[0])
            if got and got[2] == c[2] and got[3] == c[3]:
                continue
            if len(c) > 5 and c[5] == "open":
                continue
            print("changelog of <%s> (%s): covers %s, links %s; read %s" %
                  (c[0], c[4], c[2], c[3],
                   "covers %s, links %s" % (got[2], got[3]) if got
                   else "nothing"))
            bad += 1
    print("%d changelogs, %d read otherwise" % (n, bad))
    return 1 if bad else 0


def main(argv):
    if len(argv) == 3 and argv[1] == "count":
        return count(argv[2])
    if len(argv) == 4 and argv[1] == "changelogs":
        return changelogs(argv[2], argv[3])
    if len(argv) < 4 or argv[1] not in ("check", "precision"):
        sys.exit(__doc__)
    labels = load_labels(argv[2])
    found = collections.defaultdict(set)
    for path in argv[3:]:
        for key, sevs in load_report(path)[1].items():
            found[key] |= sevs
    return (check if argv[1] == "check" else precision)(labels, found)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
