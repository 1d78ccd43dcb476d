#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Score prereview's series model against hand-made labels.

  labels.py score SHOW.json KINDS.txt [GROUPING.txt]
      kind accuracy (every labelled thread root has the labelled kind) and
      grouping accuracy (every labelled series holds exactly its labelled
      version roots, each as the labelled version); mismatches on stderr.
      Exit 1 when any label is not met.
  labels.py fails CHECK.json SHOW.json
      fail findings of a check report, split by the kind SHOW.json (the
      newer binary's view) gives each series' latest version.

KINDS.txt lines: <root message-id> <kind>.
GROUPING.txt lines: <series name> <version: 2 or 2.1> <root message-id>.
A binary that predates kinds is read as calling everything "series".
"""
import collections
import json
import sys


def load_labels(path, nfields):
    out = []
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        f = line.split()
        if len(f) != nfields:
            sys.exit("%s: bad line: %s" % (path, line))
        out.append(f)
    return out


def version_name(v):
    p = v.get("point", 0)
    return "%d.%d" % (v["version"], p) if p else "%d" % v["version"]


def index_show(show):
    """message-id -> (series index, version name, kind)"""
    where = {}
    for si, s in enumerate(show["series"]):
        kind = s.get("kind", "series")
        for v in s["versions"]:
            vn = version_name(v)
            ids = [v.get("thread_root")]
            if v.get("cover"):
                ids.append(v["cover"]["message_id"])
            ids += [p["message_id"] for p in v["patches"]
                    if not p.get("filled_in")]
            ids += v.get("duplicates") or []
            for i in ids:
                if i and i not in where:
                    where[i] = (si, vn, kind)
    return where


def score(show_path, kinds_path, grouping_path=None):
    where = index_show(json.load(open(show_path, encoding="utf-8")))
    bad = 0
    kinds = load_labels(kinds_path, 2)
    ok = 0
    per = collections.Counter()
    per_ok = collections.Counter()
    for mid, kind in kinds:
        got = where.get(mid, (None, None, "none"))[2]
        per[kind] += 1
        if got == kind:
            ok += 1
            per_ok[kind] += 1
        else:
            print("kind: %s: labelled %s, got %s" % (mid, kind, got),
                  file=sys.stderr)
    bad += len(kinds) - ok
    detail = ", ".join("%s %d/%d" % (k, per_ok[k], per[k]) for k in sorted(per))
    print("kind accuracy: %d/%d (%.1f%%): %s"
          % (ok, len(kinds), 100.0 * ok / max(len(kinds), 1), detail))
    if not grouping_path:
        return bad
    groups = collections.OrderedDict()
    for name, ver, mid in load_labels(grouping_path, 3):
        groups.setdefault(name, []).append((ver, mid))
    owner = {}
    for name, roots in groups.items():
        for _, mid in roots:
            owner[mid] = name
    series_of = {}
    gok = 0
    for name, roots in groups.items():
        good = True
        got = set()
        for ver, mid in roots:
            w = where.get(mid)
            if not w:
                print("group %s: %s not in any series" % (name, mid),
                      file=sys.stderr)
                good = False
                continue
            got.add(w[0])
            if w[1] != ver:
                print("group %s: %s is v%s, labelled v%s"
                      % (name, mid, w[1], ver), file=sys.stderr)
                good = False
        if len(got) > 1:
            print("group %s: split over %d series" % (name, len(got)),
                  file=sys.stderr)
            good = False
        for si in got:
            others = [m for m, w in where.items()
                      if w[0] == si and m in owner and owner[m] != name]
            if others:
                print("group %s: joined with %s" % (name, owner[others[0]]),
                      file=sys.stderr)
                good = False
        gok += good
    bad += len(groups) - gok
    print("grouping accuracy: %d/%d (%.1f%%)"
          % (gok, len(groups), 100.0 * gok / max(len(groups), 1)))
    return bad


def fails(check_path, show_path):
    check = json.load(open(check_path, encoding="utf-8"))
    where = index_show(json.load(open(show_path, encoding="utf-8")))
    all_series = check.get("all_series") or [check.get("series")]
    kind_of = []
    for s in all_series:
        k = "series"
        if s and s["versions"]:
            v = s["versions"][-1]
            ids = [v.get("thread_root")]
            if v.get("cover"):
                ids.append(v["cover"]["message_id"])
            ids += [p["message_id"] for p in v["patches"]]
            k = s.get("kind", "series")
            for i in ids:
                if i in where:
                    k = where[i][2]
                    break
        kind_of.append(k)
    count = collections.Counter()
    for f in check["findings"]:
        if f["severity"] != "fail":
            continue
        count[kind_of[f.get("series", 0)]] += 1
    total = sum(count.values())
    rest = total - count["series"]
    print("fail findings: %d (series %d, not a new series %d: %s)"
          % (total, count["series"], rest,
             ", ".join("%s %d" % (k, count[k]) for k in sorted(count)
                       if k != "series") or "none"))


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "score":
        sys.exit(1 if score(*sys.argv[2:5]) else 0)
    if len(sys.argv) == 4 and sys.argv[1] == "fails":
        fails(sys.argv[2], sys.argv[3])
        return
    sys.exit(__doc__)


if __name__ == "__main__":
    main()
