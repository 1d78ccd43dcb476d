#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Write the check CLI test series: <case>.bad.mbox triggers the finding id
of the case, <case>.good.mbox is the corrected series that must not.
Run from this directory; the output is committed, this script documents how
it was made. cases.txt lists "case id" pairs for tests/check_cli.sh."""

AUTHOR = "Alice Author <alice@example.org>"
SOB = "Signed-off-by: Alice Author <alice@example.org>\n"
RB = "Reviewed-by: Carol Reviewer <carol@example.org>\n"
D1 = "Mon, 1 Jan 2024 10:00:00 +0000"
D2 = "Wed, 3 Jan 2024 10:00:00 +0000"
FIXES = 'Fixes: 0123456789ab ("foo: the commit that broke it")\n'
LINK1 = "- Link to v1: https://lore.kernel.org/r/c1@x\n"
CL_OK = ("Changes in v2:\n- use an int\n"
         "- Link to v1: https://lore.kernel.org/r/v1@x\n")


def diff(path, func, added):
    return (f"diff --git a/{path} b/{path}\n"
            "index 1111111..2222222 100644\n"
            f"--- a/{path}\n+++ b/{path}\n"
            f"@@ -10,6 +10,7 @@ {func}\n"
            " \tint a;\n \tint b;\n \tint c;\n"
            f"+{added}\n"
            " \tint d;\n \tint e;\n \tint f;\n")


def mail(frm, date, msgid, irt, subject, headers, body):
    s = ("From mboxrd@z Thu Jan  1 00:00:00 1970\n"
         f"From: {frm}\nDate: {date}\nMessage-ID: <{msgid}>\n"
         f"Subject: {subject}\n")
    if irt:
        s += f"In-Reply-To: <{irt}>\nReferences: <{irt}>\n"
    s += headers or ""
    return s + "\n" + body + "\n"


def patch(date, msgid, irt, subject, message, notes, path,
          func="static int foo(void)", added="\tint x;",
          to="To: netdev@vger.kernel.org\n"):
    body = message + "---\n" + (notes + "\n" if notes else "")
    body += diff(path, func, added) + "-- \n2.43.0\n"
    return mail(AUTHOR, date, msgid, irt, subject, to, body)


def one(subject, message, path="net/core/foo.c", **kw):
    return patch(D1, "p1@x", None, subject, message, None, path, **kw)


def series(n, cover, tag, fixes=None, skip=0, cover_title="foo: a series",
           cover_body="This series does things.\n"):
    t = f" {tag}" if tag else ""
    out = ""
    if cover:
        out += mail(AUTHOR, D1, "c@x", None, f"[PATCH{t} 0/{n}] {cover_title}",
                    None, cover_body)
    for k in range(1, n + 1):
        if k == skip:
            continue
        msg = f"Step {k}.\n\n" + (fixes if fixes and k == 1 else "") + SOB
        out += patch(D1, f"p{k}@x", "c@x" if cover else None,
                     f"[PATCH{t} {k}/{n}] foo: step {k}", msg, None,
                     "net/core/foo.c")
    return out


def two_versions(date2, irt, msg1, msg2, notes2, added2):
    return (patch(D1, "v1@x", None, "[PATCH net-next] foo: bar", msg1, None,
                  "net/core/foo.c")
            + patch(date2, "v2@x", irt, "[PATCH net-next v2] foo: bar", msg2,
                    notes2, "net/core/foo.c", added=added2))


def two_patch_versions(cover2, tags1, tags2):
    out = mail(AUTHOR, D1, "c1@x", None, "[PATCH net-next 0/2] foo: two steps",
               None, "Two steps.\n")
    out += patch(D1, "a1@x", "c1@x", "[PATCH net-next 1/2] foo: one",
                 "First.\n\n" + SOB, None, "net/core/one.c",
                 "static int one(void)")
    out += patch(D1, "b1@x", "c1@x", "[PATCH net-next 2/2] foo: second thing",
                 "Second.\n\n" + SOB + tags1, None, "net/core/two.c",
                 "static int two_step(void)")
    out += mail(AUTHOR, D2, "c2@x", None,
                "[PATCH net-next v2 0/2] foo: two steps", None, cover2)
    out += patch(D2, "a2@x", "c2@x", "[PATCH net-next v2 1/2] foo: one",
                 "First.\n\n" + SOB, None, "net/core/one.c",
                 "static int one(void)")
    out += patch(D2, "b2@x", "c2@x",
                 "[PATCH net-next v2 2/2] foo: second thing",
                 "Second.\n\n" + SOB + tags2, None, "net/core/two.c",
                 "static int two_step(void)", "\tlong x;")
    return out


def v3(bad):
    notes = ("Changes in v3:\n- more\n"
             "- Link to v2: https://lore.kernel.org/r/v2@x\n")
    if not bad:
        notes += ("\nChanges in v2:\n- less\n"
                  "- Link to v1: https://lore.kernel.org/r/v1@x\n")
    return patch(D1, "v3@x", None, "[PATCH net-next v3] foo: bar",
                 "Bar.\n\n" + SOB, notes, "net/core/foo.c")


CASES = {
    "cover": ("series.cover-missing",
              lambda b: series(3, not b, "net-next")),
    "cover-template": ("series.cover-missing",
                       lambda b: series(2, True, "net-next",
                                        cover_title="*** SUBJECT HERE ***"
                                        if b else "foo: a series",
                                        cover_body="*** BLURB HERE ***\n"
                                        if b else "This series does.\n")),
    "too-long": ("series.too-long",
                 lambda b: series(16 if b else 15, True, "net-next")),
    "incomplete": ("series.incomplete",
                   lambda b: series(3, True, "net-next", skip=2 if b else 0)),
    "tree": ("series.tree-missing",
             lambda b: series(1, False, None if b else "net-next")),
    "fixes-missing": ("series.fixes-missing",
                      lambda b: series(2, False, "net",
                                       None if b else FIXES)),
    "fixes-missing-mptcp": ("series.fixes-missing",
                            lambda b: series(2, False, "mptcp-net",
                                             None if b else FIXES)),
    "fixes-in-next": ("series.fixes-in-next",
                      lambda b: series(2, False, "net-next",
                                       FIXES if b else None)),
    "threaded": ("series.version-threaded",
                 lambda b: two_versions(D2, "v1@x" if b else None,
                                        "Bar.\n\n" + SOB, "Bar.\n\n" + SOB,
                                        CL_OK, "\tint y;")),
    "too-soon": ("series.repost-too-soon",
                 lambda b: two_versions(
                     "Mon, 1 Jan 2024 11:00:00 +0000" if b else D2, None,
                     "Bar.\n\n" + SOB, "Bar.\n\n" + SOB, CL_OK, "\tint y;")),
    "changelog-missing": ("changelog.missing",
                          lambda b: two_versions(D2, None, "Bar.\n\n" + SOB,
                                                 "Bar.\n\n" + SOB,
                                                 None if b else CL_OK,
                                                 "\tint y;")),
    "version-missing": ("changelog.version-missing", v3),
    "link-missing": ("changelog.link-missing",
                     lambda b: two_versions(
                         D2, None, "Bar.\n\n" + SOB, "Bar.\n\n" + SOB,
                         "v2:\n- use an int\n" + (
                             "" if b else
                             "v1: https://lore.kernel.org/r/v1@x\n"),
                         "\tint y;")),
    "unmentioned": ("changelog.unmentioned-change",
                    lambda b: two_patch_versions(
                        "Two steps.\n\nChanges in v2:\n"
                        + ("- rebased\n" if b else "- patch 2: use a long\n")
                        + LINK1, "", "")),
    # the changelog names the patch by its title only: no word on the tag
    "kept": ("review.tag-kept-on-change",
             lambda b: two_patch_versions(
                 "Two steps.\n\nChanges in v2:\n"
                 + ("- second thing: use a long\n" if b else
                    "- second thing: use a long; kept Carol's R-b, the "
                    "change is a type\n") + LINK1, RB, RB)),
    "dropped": ("review.tag-dropped",
                lambda b: two_versions(D2, None, "Bar.\n\n" + SOB + RB,
                                       "Bar.\n\n" + SOB + ("" if b else RB),
                                       CL_OK, "\tint x;")),
    "sob-missing": ("trailer.sob-missing",
                    lambda b: one("[PATCH net-next] foo: bar",
                                  "Bar.\n\nAcked-by: Bob <bob@example.org>\n"
                                  if b else "Bar.\n\n" + SOB)),
    "sob-author": ("trailer.sob-author-missing",
                   lambda b: one("[PATCH net-next] foo: bar",
                                 "Bar.\n\nSigned-off-by: Bob <bob@example.org>"
                                 "\n" + ("" if b else SOB))),
    "sob-sender": ("trailer.sob-sender-not-last",
                   lambda b: one("[PATCH net-next] foo: bar",
                                 "Bar.\n\n" + SOB +
                                 "Signed-off-by: Bob <bob@example.org>\n"
                                 if b else
                                 "Bar.\n\nSigned-off-by: Bob <bob@example.org>"
                                 "\n" + SOB)),
    "duplicate": ("trailer.duplicate",
                  lambda b: one("[PATCH net-next] foo: bar",
                                "Bar.\n\n" + RB + (RB if b else "") + SOB)),
    "codev": ("trailer.codev-without-sob",
              lambda b: one("[PATCH net-next] foo: bar",
                            "Bar.\n\nCo-developed-by: Bob <bob@example.org>\n"
                            + (SOB + "Signed-off-by: Bob <bob@example.org>\n"
                               if b else
                               "Signed-off-by: Bob <bob@example.org>\n" + SOB))),
    "reported": ("trailer.reported-without-closes",
                 lambda b: one("[PATCH net] foo: bar",
                               "Bar.\n\n" + FIXES +
                               "Reported-by: Dan <dan@example.org>\n" +
                               ("" if b else
                                "Closes: https://lore.kernel.org/r/rep@x\n")
                               + SOB)),
    "malformed": ("trailer.malformed",
                  lambda b: one("[PATCH net-next] foo: bar",
                                "Bar.\n\nAcked-by: Bob " +
                                ("bob-at-example.org" if b else
                                 "<bob@example.org>") + "\n" + SOB)),
    "fixes-format": ("fixes.bad-format",
                     lambda b: one("[PATCH net] foo: bar",
                                   "Bar.\n\n" +
                                   ('Fixes: commit 0123456789ab ("foo: x")\n'
                                    if b else FIXES) + SOB)),
    "fixes-blank": ("fixes.blank-line",
                    lambda b: one("[PATCH net] foo: bar",
                                  "Bar.\n\n" + FIXES + ("\n" if b else "")
                                  + SOB)),
    "subject": ("subject.too-long",
                lambda b: one("[PATCH net-next] foo: " +
                              ("a summary that goes on and on and on well "
                               "past the limit of seventy-five" if b else
                               "a short summary"), "Bar.\n\n" + SOB)),
    "tcp": ("tcp.touch",
            lambda b: one("[PATCH net-next] tcp: bar", "Bar.\n\n" + SOB,
                          "net/ipv4/tcp_output.c" if b else
                          "drivers/net/foo.c",
                          func="static void tcp_options_write(struct "
                          "tcphdr *th)")),
}

def ctx_diff(path, func, added, ctx):
    """A one-line change under the context lines `ctx` (three, three)."""
    lines = "".join(f" \t{c}\n" for c in ctx[:3]) + f"+{added}\n"
    lines += "".join(f" \t{c}\n" for c in ctx[3:])
    return (f"diff --git a/{path} b/{path}\n"
            "index 1111111..2222222 100644\n"
            f"--- a/{path}\n+++ b/{path}\n"
            f"@@ -10,6 +10,7 @@ {func}\n" + lines)


def new_files(files):
    """A patch body that adds `files`: {path: [lines]}."""
    out = ""
    for path, lines in files.items():
        out += (f"diff --git a/{path} b/{path}\nnew file mode 100755\n"
                "index 0000000..3333333\n--- /dev/null\n"
                f"+++ b/{path}\n@@ -0,0 +1,{len(lines)} @@\n")
        out += "".join(f"+{l}\n" for l in lines)
    return out


def two_step_v2(cover2, tags1, tags2, body1, body2, replies="",
                msg1="Second.\n\n", msg2="Second.\n\n"):
    """Two versions of a two-patch series whose patch 2 is body1, body2
    (its message msg1, msg2 above the trailers)."""
    first = ("First.\n\n" + SOB + "---\n"
             + diff("net/core/one.c", "static int one(void)", "\tint x;")
             + "-- \n2.43.0\n")
    out = mail(AUTHOR, D1, "c1@x", None, "[PATCH net-next 0/2] foo: two steps",
               None, "Two steps.\n")
    out += mail(AUTHOR, D1, "a1@x", "c1@x", "[PATCH net-next 1/2] foo: one",
                None, first)
    out += mail(AUTHOR, D1, "b1@x", "c1@x",
                "[PATCH net-next 2/2] foo: second thing", None,
                msg1 + SOB + tags1 + "---\n" + body1
                + "-- \n2.43.0\n")
    out += replies
    out += mail(AUTHOR, D2, "c2@x", None,
                "[PATCH net-next v2 0/2] foo: two steps", None, cover2)
    out += mail(AUTHOR, D2, "a2@x", "c2@x", "[PATCH net-next v2 1/2] foo: one",
                None, first)
    out += mail(AUTHOR, D2, "b2@x", "c2@x",
                "[PATCH net-next v2 2/2] foo: second thing", None,
                msg2 + SOB + tags2 + "---\n" + body2
                + "-- \n2.43.0\n")
    return out


CTX = ["int a;", "int b;", "int c;", "int d;", "int e;", "int f;"]
CTX_REBASED = ["int a;", "int b;", "int z;", "int d;", "int e;", "int f;"]
REPLY_RB = mail("Carol Reviewer <carol@example.org>", D1, "r1@x", "b1@x",
                "Re: [PATCH net-next 2/2] foo: second thing", None,
                "> Second.\n\nLooks right.\n\n" + RB)


def step2(added):
    return ctx_diff("net/core/two.c", "static int two_step(void)", added, CTX)


def reply_to_step2(text):
    """Carol's reply to v1's patch 2: her text, then her Reviewed-by."""
    return mail("Carol Reviewer <carol@example.org>", D1, "r1@x", "b1@x",
                "Re: [PATCH net-next 2/2] foo: second thing", None,
                text + "\n" + RB)


def grown_v2(cover2):
    """v1 of two patches; v2 adds a third, on a file of its own."""
    out = two_step_v2(cover2, "", "", step2("\tint x;"), step2("\tint x;"))
    for k in range(3):
        out = out.replace(f"v2 {k}/2]", f"v2 {k}/3]")
    third = ("Third.\n\n" + SOB + "---\n"
             + diff("net/core/three.c", "static int three(void)", "\tint x;")
             + "-- \n2.43.0\n")
    return out + mail(AUTHOR, D2, "t2@x", "c2@x",
                      "[PATCH net-next v2 3/3] foo: third step", None, third)


TABLE1 = ("Second.\n\n  test one        [ OK ]\n"
          "  test two        [FAIL]\n\n")
TABLE2 = "Second.\n\n  test one  [ OK ]\n  test two  [FAIL]\n\n"
TABLE2_BAD = "Second.\n\n  test one  [ OK ]\n  test two  [ OK ]\n\n"
CL_PATCH1 = "Two steps.\n\nChanges in v2:\n- patch 1: reword\n" + LINK1

# Real forms of changelogs and replies, each pinned both ways.
CASES.update({
    # "Minor nit: ... Reviewed-by": v2 made the change the reply quoted
    "kept-nit": ("review.tag-kept-on-change",
                 lambda b: two_step_v2(
                     "Two steps.\n\nChanges in v2:\n- patch 2: use a long\n"
                     + LINK1, "", RB, step2("\tint x;"), step2("\tlong x;"),
                     reply_to_step2(
                         "> Second.\n\nLooks right.\n" if b else
                         "> +\tint x;\n\nMinor nit: a long fits better.\n"))),
    # a quoted test output re-aligned: the message says nothing new
    "unmentioned-respaced": ("changelog.unmentioned-change",
                             lambda b: two_step_v2(
                                 CL_PATCH1, "", "", step2("\tint x;"),
                                 step2("\tint x;"), "", TABLE1,
                                 TABLE2_BAD if b else TABLE2)),
    # "use a work queue" names the queue_work() of the diff
    "unmentioned-joined": ("changelog.unmentioned-change",
                           lambda b: two_step_v2(
                               "Two steps.\n\nChanges in v2:\n- "
                               + ("process the event later" if b else
                                  "use a work queue to process the event")
                               + "\n" + LINK1, "", "", step2("\tint x;"),
                               step2("\tqueue_work(system_wq, &ev->work);"))),
    # "This is v2 ... This series is larger than v1": the patches it
    # gained, said further on in the paragraph of "This is v2"
    "unmentioned-larger": ("changelog.unmentioned-change",
                           lambda b: grown_v2(
                               "Two steps.\n\nThis is v2 of the foo work.\n"
                               + ("It is rebased." if b else
                                  "This series is slightly larger than v1,\n"
                                  "including more preparation work.")
                               + "\n\n" + LINK1)),
    # v2 rewords a comment of patch 2 only: a line about comments
    "unmentioned-comment": ("changelog.unmentioned-change",
                            lambda b: two_step_v2(
                                "Two steps.\n\nChanges in v2:\n- "
                                + ("reword it" if b else
                                   "add comments about the auto-closed fd")
                                + "\n" + LINK1, "", "",
                                step2("\t/* the fd */"),
                                step2("\t/* join() closes the fd */"))),
})

# Golden reports and range-diffs (tests/check_cli.sh, tests/rangediff_cli.sh).
GOLDEN = {
    # v2 only moved the context of patch 2 (a rebase): no code change, so
    # no review.tag-kept-on-change and no changelog.unmentioned-change.
    "golden-rebased": two_step_v2(
        "Two steps.\n\nChanges in v2:\n- rebased onto net-next\n" + LINK1,
        RB, RB,
        ctx_diff("net/core/two.c", "static int two_step(void)", "\tint x;",
                 CTX),
        ctx_diff("net/core/two.c", "static int two_steps(void)", "\tint x;",
                 CTX_REBASED)),
    # Carol's Reviewed-by came in a reply to v1; v2 changed one line.
    "golden-reply-tag.bad": two_step_v2(
        "Two steps.\n\nChanges in v2:\n- second thing: use a long\n"
        + LINK1,
        "", RB,
        ctx_diff("net/core/two.c", "static int two_step(void)", "\tint x;",
                 CTX),
        ctx_diff("net/core/two.c", "static int two_step(void)", "\tlong x;",
                 CTX),
        REPLY_RB),
    # A selftest rewritten from three files into two: past the creation
    # factor, but the same title and author, so the same patch.
    "rewritten": two_step_v2(
        "Two steps.\n\nChanges in v2:\n- patch 2: rewrite the test\n"
        + LINK1, "", "",
        new_files({
            "tools/testing/selftests/net/foo/run.sh":
                ["#!/bin/sh", "source lib.sh", "setup", "run_tests"],
            "tools/testing/selftests/net/foo/lib.sh":
                ["setup() {", "\tip link add dummy0 type dummy", "}"],
            "tools/testing/selftests/net/foo/Makefile":
                ["TEST_PROGS := run.sh", "TEST_FILES := lib.sh"],
        }),
        new_files({
            "tools/testing/selftests/net/foo/foo.sh":
                ["#!/bin/bash", "ret=0", "check_dummy || ret=1",
                 "exit $ret"],
            "tools/testing/selftests/net/foo/config":
                ["CONFIG_DUMMY=y"],
        })),
}

if __name__ == "__main__":
    for name, text in GOLDEN.items():
        with open(f"{name}.mbox", "w") as f:
            f.write(text)
    with open("cases.txt", "w") as idx:
        idx.write("# SPDX-License-Identifier: GPL-2.0-or-later\n"
                  "# case finding-id (written by make.py)\n")
        for name, (fid, build) in CASES.items():
            idx.write(f"{name} {fid}\n")
            for variant, bad in (("bad", True), ("good", False)):
                with open(f"{name}.{variant}.mbox", "w") as f:
                    f.write(build(bad))
