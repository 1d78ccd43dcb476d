# SPDX-License-Identifier: GPL-2.0-or-later
"""Make two versions of a patch series in a scratch git repository.

Usage: rangediff_gen.py DIR CASE

CASE is a number (a seeded random reroll), the name of a hand-written
case (see HAND_CASES) or "bench" (two 15-patch versions). The script creates DIR/repo with branches base, v1
and v2, and DIR/v1, DIR/v2 holding `git format-patch` of each version
(v2 numbered as such). The caller runs `git range-diff base..v1 base..v2`
and `prereview diff DIR/v1 DIR/v2` and compares.

Every commit owns its own slots (lines of the base files, or whole files),
so commits commute: any subset in any order applies, which lets a reroll
reorder, drop, split and squash freely.
"""

import os
import random
import subprocess
import sys

NR_FILES = 6
SLOTS_PER_FILE = 24
WORDS = ("alpha beta gamma delta sock skb mptcp subflow tcp_sock rcv_nxt "
         "snd_una window timer lock refcount path token addr port").split()


def run(repo, *args, env=None, stdin=None):
    e = dict(os.environ)
    e.update({"GIT_CONFIG_NOSYSTEM": "1", "HOME": repo,
              "GIT_AUTHOR_DATE": "1700000000 +0000",
              "GIT_COMMITTER_DATE": "1700000000 +0000",
              "GIT_COMMITTER_NAME": "Committer",
              "GIT_COMMITTER_EMAIL": "committer@example.org"})
    if env:
        e.update(env)
    return subprocess.run(["git", "-C", repo] + list(args), env=e,
                          check=True, input=stdin, capture_output=True,
                          text=True).stdout


def base_files(rnd):
    """File name -> list of slot texts (each one line, with functions)."""
    files = {}
    for f in range(NR_FILES):
        slots = []
        for s in range(SLOTS_PER_FILE):
            if s % 6 == 0:
                slots.append("static int fn_%d_%d(struct sock *sk)\n{\n" % (f, s))
            elif s % 6 == 5:
                slots.append("\treturn %d;\n}\n\n" % s)
            else:
                slots.append("\tint v%d = %s(sk, %d);\n" %
                             (s, rnd.choice(WORDS), rnd.randint(0, 99)))
        files["net/mod%d.c" % f] = slots
    files["tools/run.sh"] = ["#!/bin/sh\n", "echo run\n"]
    files["doc/old.txt"] = ["old documentation\n", "more\n"]
    files["doc/moved.txt"] = ["text that moves\n"] * 8
    return files


def code_line(rnd):
    return "\t%s = %s(%s, %d);\n" % (rnd.choice(WORDS), rnd.choice(WORDS),
                                     rnd.choice(WORDS), rnd.randint(0, 999))


class Commit:
    counter = 0

    def __init__(self, rnd, title=None):
        Commit.counter += 1
        self.title = title or "net: %s %s handling %d" % (
            rnd.choice(["fix", "rework", "add", "drop", "tidy"]),
            rnd.choice(WORDS), Commit.counter)
        self.body = "%s the %s path so that %s is kept.\n\nMore detail " \
                    "about %s.\n" % (rnd.choice(["Rework", "Fix", "Teach"]),
                                     rnd.choice(WORDS), rnd.choice(WORDS),
                                     rnd.choice(WORDS))
        self.trailers = ["Signed-off-by: Ann Author <ann@example.org>"]
        self.author = ("Ann Author", "ann@example.org")
        self.edits = {}    # (file, slot) -> new text
        self.special = []  # ("new", path, text) ("delete", path)
        #                    ("rename", old, new) ("chmod", path)

    def copy(self):
        c = Commit.__new__(Commit)
        c.title, c.body = self.title, self.body
        c.trailers = list(self.trailers)
        c.author = self.author
        c.edits = dict(self.edits)
        c.special = list(self.special)
        return c

    def message(self):
        return "%s\n\n%s\n%s\n" % (self.title, self.body,
                                   "\n".join(self.trailers))


def apply_commit(repo, files, c, modes):
    for (path, slot), text in c.edits.items():
        files[path][slot] = text
    for sp in c.special:
        if sp[0] == "new":
            files[sp[1]] = [sp[2]]
        elif sp[0] == "delete":
            files.pop(sp[1], None)
        elif sp[0] == "rename":
            files[sp[2]] = files.pop(sp[1])
        elif sp[0] == "chmod":
            modes[sp[1]] = not modes.get(sp[1], False)
        elif sp[0] == "binary":
            files[sp[1]] = sp[2]
    write_tree(repo, files, modes)
    run(repo, "add", "-A")
    run(repo, "commit", "-q", "-F", "-", stdin=c.message(),
        env={"GIT_AUTHOR_NAME": c.author[0],
             "GIT_AUTHOR_EMAIL": c.author[1]})


def write_tree(repo, files, modes):
    for root, dirs, names in os.walk(repo):
        if ".git" in root.split(os.sep):
            continue
        for n in names:
            p = os.path.relpath(os.path.join(root, n), repo)
            if p not in files:
                os.unlink(os.path.join(root, n))
    for path, slots in files.items():
        full = os.path.join(repo, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        if isinstance(slots, bytes):
            with open(full, "wb") as fh:
                fh.write(slots)
        else:
            with open(full, "w") as fh:
                fh.write("".join(slots))
        os.chmod(full, 0o755 if modes.get(path) else 0o644)


class Slots:
    """Hands out slots no other commit owns."""

    def __init__(self, rnd):
        self.free = [("net/mod%d.c" % f, s) for f in range(NR_FILES)
                     for s in range(SLOTS_PER_FILE) if s % 6 not in (0,)]
        rnd.shuffle(self.free)

    def take(self):
        return self.free.pop()


def random_commit(rnd, slots):
    c = Commit(rnd)
    for _ in range(rnd.randint(1, 4)):
        path, s = slots.take()
        if rnd.random() < 0.2:
            c.edits[(path, s)] = ""
        else:
            c.edits[(path, s)] = "".join(code_line(rnd) for _ in
                                         range(rnd.randint(1, 3)))
    return c


def random_series(rnd, slots):
    series = [random_commit(rnd, slots) for _ in range(rnd.randint(2, 7))]
    specials = [("new", "net/new_%d.c" % rnd.randint(0, 99),
                 "int fresh;\n"), ("delete", "doc/old.txt"),
                ("rename", "doc/moved.txt", "doc/renamed.txt"),
                ("chmod", "tools/run.sh")]
    for sp in specials:
        if rnd.random() < 0.3:
            c = random_commit(rnd, slots) if rnd.random() < 0.5 \
                else Commit(rnd)
            c.special.append(sp)
            series.insert(rnd.randrange(len(series) + 1), c)
    return series


def reroll(rnd, v1, slots):
    """Make v2 from v1 with a few random operations; returns (v2, ops)."""
    v2 = [c.copy() for c in v1]
    ops = []
    for _ in range(rnd.randint(1, 4)):
        op = rnd.choice(["edit", "edit", "reword", "trailers", "reorder",
                         "drop", "add", "split", "squash", "author",
                         "title", "nothing"])
        ops.append(op)
        if not v2:
            v2.append(random_commit(rnd, slots))
            continue
        c = rnd.choice(v2)
        if op == "edit" and c.edits:
            key = rnd.choice(sorted(c.edits))
            c.edits[key] = c.edits[key] + code_line(rnd)
        elif op == "reword":
            c.body = c.body.replace("More detail", "Much more detail")
            c.body += "\nAn added paragraph.\n"
        elif op == "trailers":
            c.trailers.insert(0, "Reviewed-by: Rob Reviewer "
                                 "<rob@example.org>")
        elif op == "reorder" and len(v2) > 1:
            i, j = rnd.sample(range(len(v2)), 2)
            v2[i], v2[j] = v2[j], v2[i]
        elif op == "drop" and len(v2) > 1:
            v2.remove(c)
        elif op == "add":
            v2.insert(rnd.randrange(len(v2) + 1), random_commit(rnd, slots))
        elif op == "split" and len(c.edits) > 1:
            keys = sorted(c.edits)
            d = c.copy()
            d.title = c.title + " (part 2)"
            d.special = []
            half = len(keys) // 2
            c.edits = {k: c.edits[k] for k in keys[:half]}
            d.edits = {k: d.edits[k] for k in keys[half:]}
            v2.insert(v2.index(c) + 1, d)
        elif op == "squash" and len(v2) > 1:
            i = v2.index(c)
            other = v2[i + 1] if i + 1 < len(v2) else v2[i - 1]
            c.edits.update(other.edits)
            c.special += other.special
            v2.remove(other)
        elif op == "author":
            c.author = ("Bea Other", "bea@example.org")
        elif op == "title":
            c.title = c.title.replace("net:", "mptcp:")
    return v2, ops


def hand_case(name, rnd, slots):
    """A few cases written by hand: (v1, v2)."""
    a = [random_commit(rnd, slots) for _ in range(3)]
    if name == "hand-identical":
        return a, [c.copy() for c in a]
    if name == "hand-tabs-message":
        b = [c.copy() for c in a]
        b[1].body = "Call trace:\n\tfoo+0x1/0x2\n\t  bar\t(baz)\n"
        a[1].body = "Call trace:\n\tfoo+0x1/0x2\n\tbar\t(baz)\n"
        return a, b
    if name == "hand-trailers-only":
        b = [c.copy() for c in a]
        for c in b:
            c.trailers.insert(0, "Acked-by: Ack Er <ack@example.org>")
        return a, b
    if name == "hand-rename-mode-new-delete":
        a[0].special.append(("rename", "doc/moved.txt", "doc/renamed.txt"))
        a[1].special.append(("chmod", "tools/run.sh"))
        a[2].special.append(("new", "net/brand_new.c", "int x;\nint y;\n"))
        c = Commit(rnd)
        c.special.append(("delete", "doc/old.txt"))
        a.append(c)
        b = [x.copy() for x in a]
        b[0].special = [("rename", "doc/moved.txt", "doc/elsewhere.txt")]
        b[2].special = [("new", "net/brand_new.c", "int x;\nint z;\n")]
        return a, b
    if name == "hand-binary":
        a[0] = Commit(rnd)
        a[0].special.append(("binary", "fw/blob.bin", b"\0\1\2binary\0" * 9))
        a[1].special.append(("binary", "fw/other.bin", b"\0\7" * 30))
        b = [x.copy() for x in a]
        b[0].special = [("binary", "fw/blob.bin", b"\0\3\2binary\0" * 9)]
        b[0].trailers.append("Tested-by: Tess Ter <tess@example.org>")
        b[1].special = [("binary", "fw/other.bin", b"\0\7" * 31)]
        b[1].title += " and blob"
        return a, b
    if name == "hand-reverse-order":
        return a, [c.copy() for c in reversed(a)]
    if name == "hand-all-new":
        return a, [random_commit(rnd, slots) for _ in range(2)]
    raise SystemExit("unknown case %s" % name)


HAND_CASES = ["hand-identical", "hand-tabs-message", "hand-trailers-only",
              "hand-rename-mode-new-delete", "hand-reverse-order",
              "hand-all-new", "hand-binary"]


def main():
    out, case = sys.argv[1], sys.argv[2]
    seed = int(case) if case.isdigit() else sum(map(ord, case))
    rnd = random.Random(seed)
    repo = os.path.join(out, "repo")
    os.makedirs(repo)
    run(repo, "init", "-q", "-b", "base")
    run(repo, "config", "user.name", "Committer")
    run(repo, "config", "user.email", "committer@example.org")
    files = base_files(rnd)
    modes = {}
    write_tree(repo, files, modes)
    run(repo, "add", "-A")
    run(repo, "commit", "-q", "-m", "base")
    slots = Slots(rnd)
    if case == "bench":
        # Two 15-patch versions: a few patches edited, one reworded.
        v1 = [random_commit(rnd, slots) for _ in range(15)]
        v2 = [c.copy() for c in v1]
        for c in rnd.sample(v2, 4):
            key = rnd.choice(sorted(c.edits))
            c.edits[key] = c.edits[key] + code_line(rnd)
        v2[3].body += "\nAn added paragraph.\n"
        ops = ["bench"]
    elif case.isdigit():
        v1 = random_series(rnd, slots)
        v2, ops = reroll(rnd, v1, slots)
    else:
        v1, v2 = hand_case(case, rnd, slots)
        ops = [case]
    for name, series in (("v1", v1), ("v2", v2)):
        run(repo, "checkout", "-q", "-b", name, "base")
        f = {k: list(v) for k, v in base_files(random.Random(seed)).items()}
        m = {}
        for c in series:
            apply_commit(repo, f, c, m)
        # Sent by Ann: another author's patch gets an in-body From line.
        args = ["format-patch", "-q", "--from=Ann Author <ann@example.org>",
                "-o", os.path.join(out, name), "base.." + name]
        if name == "v2":
            args.insert(1, "-v2")
        run(repo, *args)
    print("case %s: %d -> %d patches, ops %s" % (case, len(v1), len(v2),
                                                  " ".join(ops)))


if __name__ == "__main__":
    main()
