#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Review comments against hand labels, and the cost of reading them.

  comments.py score BIN LORE-DIR LABELS   agreement per status
  comments.py speed BIN                   check time with and without
                                          200 replies

score: every *-all.mbox of LORE-DIR is replayed version pair by version
pair (the mails of all versions up to vK+1, the version of a reply taken
from its subject, else from the mail it answers); `BIN check
--format=json` judges the comments on vK, and each is compared with its
label (tests/data/labels/comments.tsv) by mbox, version, message-id and
the start of its text. Prints the agreement per labelled status, the
comments listed that are labelled not-a-comment or not labelled, and the
labelled comments not found. Exit 1 below 90% or with a non-comment
listed.
"""
import email
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from email.header import decode_header, make_header

STATUSES = ["changed", "credited", "answered", "dropped", "open"]


def split_mbox(path):
    raw = open(path, "rb").read()
    parts = re.split(rb"(?m)^(?=From \S+ +\w{3} \w{3} )", raw)
    return [p for p in parts if p.startswith(b"From ")]


def header(m, name):
    try:
        return str(make_header(decode_header(m[name] or "")))
    except Exception:
        return m[name] or ""


def versions(parts):
    msgs = [(p, email.message_from_bytes(p.split(b"\n", 1)[1])) for p in parts]
    mid = lambda m: (m["Message-ID"] or "").strip().strip("<>")
    ver = {}
    for _, m in msgs:
        b = re.search(r"\[([^\]]*PATCH[^\]]*)\]", header(m, "Subject"), re.I)
        if b:
            v = re.search(r"\bv(\d+)\b", b.group(1), re.I)
            ver[mid(m)] = int(v.group(1)) if v else 1
    for _ in range(4):
        for _, m in msgs:
            if mid(m) in ver:
                continue
            refs = re.findall(r"<([^>]+)>", (m["In-Reply-To"] or "") + " " +
                              (m["References"] or ""))
            for r in reversed(refs):
                if r in ver:
                    ver[mid(m)] = ver[r]
                    break
    return [(p, ver.get(mid(m))) for p, m in msgs]


def judged(binary, path, tmp):
    """(mbox, version, message_id, text start) -> status, for each pair."""
    out = {}
    parts = versions(split_mbox(path))
    vs = sorted({v for _, v in parts if v})
    for a, b in zip(vs, vs[1:]):
        sl = os.path.join(tmp, "slice.mbox")
        with open(sl, "wb") as f:
            for p, v in parts:
                if v and v <= b:
                    f.write(p)
        res = subprocess.run([binary, "check", "--format=json", sl],
                             capture_output=True)
        for c in json.loads(res.stdout)["comments"]:
            if c["version"] != a:
                continue
            text = c["text"].split("\n")[0].replace("\t", " ")[:50]
            key = (os.path.basename(path), a, c["message_id"], text)
            out[key] = (c["status"], c["patch"])
    return out


def load_labels(path):
    labels = {}
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        f = line.rstrip("\n").split("\t")
        labels[(f[0], int(f[1]), f[3], f[4])] = (f[5], int(f[2]))
    return labels


def score(binary, lore, labels_path):
    labels = load_labels(labels_path)
    got = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in sorted(os.listdir(lore)):
            if name.endswith("-all.mbox"):
                got.update(judged(binary, os.path.join(lore, name), tmp))
    right = {s: 0 for s in STATUSES}
    total = {s: 0 for s in STATUSES}
    bad, missed, unlabelled, wrong = [], [], [], []
    # labels with the message-id "*": by mbox, version and text start
    loose = [(k, v) for k, v in labels.items() if k[2] == "*"]
    for key, (st, patch) in got.items():
        lab = labels.get(key)
        for k, v in loose:
            if not lab and k[:2] == key[:2] and key[3].startswith(k[3]):
                lab = v
        if not lab:
            unlabelled.append((key, st))
        elif lab[0] == "not-a-comment":
            bad.append(key)
    for key, (lab, patch) in labels.items():
        if lab == "not-a-comment":
            continue
        total[lab] += 1
        st = got.get(key, (None,))[0]
        if st is None:
            missed.append(key)
        elif st == lab:
            right[lab] += 1
        else:
            wrong.append((key, lab, st))
    n = sum(total.values())
    ok = sum(right.values())
    for s in STATUSES:
        if total[s]:
            print("%-9s %3d/%-3d %5.1f%%" % (s, right[s], total[s],
                                             100.0 * right[s] / total[s]))
    print("all       %3d/%-3d %5.1f%%" % (ok, n, 100.0 * ok / max(n, 1)))
    print("non-comments listed: %d, unlabelled: %d, labels not found: %d" %
          (len(bad), len(unlabelled), len(missed)))
    for key, lab, st in wrong:
        print("  %s v%d %s: labelled %s, got %s" % (key[0], key[1], key[3],
                                                    lab, st))
    for key in bad:
        print("  not a comment: %s v%d %s" % (key[0], key[1], key[3]))
    for key, st in unlabelled:
        print("  unlabelled: %s v%d %s (%s)" % (key[0], key[1], key[3], st))
    for key in missed:
        print("  not found: %s v%d %s" % (key[0], key[1], key[3]))
    return 0 if ok * 10 >= n * 9 and not bad else 1


DIFF = """diff --git a/net/foo.c b/net/foo.c
index 1111111..2222222 100644
--- a/net/foo.c
+++ b/net/foo.c
@@ -10,6 +10,%d @@ static int foo_setup(struct foo *f)
 \tint ret;
 
%s \tret = foo_register(f);
 \tif (ret)
 \t\treturn ret;
"""


def thread(replies):
    """Two versions of a 10-patch series, `replies` review replies on v1."""
    mails = []
    d = "Mon, 2 Mar 2026 10:00:00 +0000"

    def add(frm, subj, mid, body, irt=None):
        h = "From x Mon Sep 17 00:00:00 2001\nFrom: %s\nSubject: %s\n" \
            "Date: %s\nMessage-ID: <%s>\n" % (frm, subj, d, mid)
        if irt:
            h += "In-Reply-To: <%s>\nReferences: <%s>\n" % (irt, irt)
        mails.append(h + "\n" + body + "\n")

    author = "Ann Author <ann@example.org>"
    for v in (1, 2):
        tag = "PATCH net v%d" % v
        add(author, "[%s 00/10] net: foo" % tag, "v%d-0@x" % v,
            "Cover.\n\nChanges in v2:\n- rename things\n")
        for k in range(1, 11):
            lines = "".join("+\tfoo_%d_%d(f, %d);\n" % (k, i, v)
                            for i in range(20))
            add(author, "[%s %02d/10] net: foo: part %d" % (tag, k, k),
                "v%d-%d@x" % (v, k),
                "Part %d.\n\nSigned-off-by: %s\n---\n%s" %
                (k, author, DIFF % (26, lines)), "v%d-0@x" % v)
    for r in range(replies):
        k = r % 10 + 1
        add("Rev %d <rev%d@example.com>" % (r % 7, r % 7),
            "Re: [PATCH net 0%d/10] net: foo: part %d" % (k, k),
            "r%d@x" % r,
            "On Mon, Ann wrote:\n> +\tfoo_%d_%d(f, 1);\n> +\tfoo_%d_%d(f, 1);"
            "\n\nWhy call this twice? Please explain in the message.\n\n"
            "> +\tfoo_%d_%d(f, 1);\n\nThis one leaks on error.\n\n"
            "Reviewed-by: Rev <rev@example.com>\n" %
            (k, r % 19, k, r % 19 + 1, k, (r + 5) % 20), "v1-%d@x" % k)
    return "\n".join(mails)


def speed(binary):
    with tempfile.TemporaryDirectory() as tmp:
        best = {}
        for n in (0, 200):
            path = os.path.join(tmp, "t%d.mbox" % n)
            open(path, "w").write(thread(n))
            times = []
            for _ in range(7):
                t = time.perf_counter()
                subprocess.run([binary, "check", "--format=json", path],
                               capture_output=True)
                times.append(time.perf_counter() - t)
            best[n] = min(times) * 1000
            print("check, %3d replies: %6.1f ms" % (n, best[n]))
        print("200 replies add %.1f ms (target: at most 20 ms)" %
              (best[200] - best[0]))
    return 0


if __name__ == "__main__":
    if len(sys.argv) >= 5 and sys.argv[1] == "score":
        sys.exit(score(sys.argv[2], sys.argv[3], sys.argv[4]))
    if len(sys.argv) >= 3 and sys.argv[1] == "speed":
        sys.exit(speed(sys.argv[2]))
    print(__doc__, file=sys.stderr)
    sys.exit(2)
