// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Every finding id, both ways: a series built to trigger it, and the same
 * series corrected, which must stay silent about it.
 */
#include "core/base/error.h"
#include "tests/checkfix.h"

/* ---- builders: `bad` selects the triggering variant ---- */

static void one_patch(struct prv_buf *b, const char *subject,
		      const char *message, const char *path)
{
	fx_patch(b, FX_DATE1, "p1@x", NULL, subject, message, NULL, path,
		 "static int foo(void)", "\tint x;");
}

static void series_n(struct prv_buf *b, int n, bool cover, const char *tag,
		     const char *fixes_in, int skip)
{
	char subj[200], id[32], msg[300];
	int k;

	if (cover) {
		snprintf(subj, sizeof(subj), "[PATCH%s%s 0/%d] foo: a series",
			 tag ? " " : "", tag ? tag : "", n);
		fx_mail(b, FX_AUTHOR, FX_DATE1, "c@x", NULL, subj, NULL,
			"This series does things.\n");
	}
	for (k = 1; k <= n; k++) {
		if (k == skip)
			continue;
		snprintf(subj, sizeof(subj), "[PATCH%s%s %d/%d] foo: step %d",
			 tag ? " " : "", tag ? tag : "", k, n, k);
		snprintf(id, sizeof(id), "p%d@x", k);
		snprintf(msg, sizeof(msg), "Step %d.\n\n%s" FX_SOB, k,
			 fixes_in && k == 1 ? fixes_in : "");
		fx_patch(b, FX_DATE1, id, cover ? "c@x" : NULL, subj, msg, NULL,
			 "net/core/foo.c", "static int foo(void)", "\tint x;");
	}
}

#define FIXES_OK "Fixes: 0123456789ab (\"foo: the commit that broke it\")\n"

static void b_cover(struct prv_buf *b, bool bad)
{
	series_n(b, 3, !bad, "net-next", NULL, 0);
}

static void b_too_long(struct prv_buf *b, bool bad)
{
	series_n(b, bad ? 16 : 15, true, "net-next", NULL, 0);
}

static void b_incomplete(struct prv_buf *b, bool bad)
{
	series_n(b, 3, true, "net-next", NULL, bad ? 2 : 0);
}

static void b_tree(struct prv_buf *b, bool bad)
{
	series_n(b, 1, false, bad ? NULL : "net-next", NULL, 0);
}

static void b_fixes_missing(struct prv_buf *b, bool bad)
{
	series_n(b, 2, false, "net", bad ? NULL : FIXES_OK, 0);
}

/* mptcp-net is a tree of its own: not "net", not "-next" */
static void b_fixes_missing_mptcp(struct prv_buf *b, bool bad)
{
	series_n(b, 2, false, "mptcp-net", bad ? NULL : FIXES_OK, 0);
}

static void b_fixes_missing_doc(struct prv_buf *b, bool bad)
{
	fx_patch(b, FX_DATE1, "p1@x", NULL, "[PATCH net] docs: fix a typo",
		 "Typo.\n\n" FX_SOB, NULL,
		 bad ? "net/core/dev.c" : "Documentation/networking/x.rst", "",
		 "word");
}

static void b_fixes_in_next(struct prv_buf *b, bool bad)
{
	series_n(b, 2, false, "net-next", bad ? FIXES_OK : NULL, 0);
}

/* Two versions of a one-patch series. */
static void two_versions(struct prv_buf *b, const char *date2, const char *irt,
			 const char *msg1, const char *msg2, const char *notes2,
			 const char *added2)
{
	fx_patch(b, FX_DATE1, "v1@x", NULL, "[PATCH net-next] foo: bar", msg1,
		 NULL, "net/core/foo.c", "static int foo(void)", "\tint x;");
	fx_patch(b, date2, "v2@x", irt, "[PATCH net-next v2] foo: bar", msg2,
		 notes2, "net/core/foo.c", "static int foo(void)", added2);
}

#define CL_OK                            \
	"Changes in v2:\n- use an int\n" \
	"- Link to v1: https://lore.kernel.org/r/v1@x\n"

static void b_threaded(struct prv_buf *b, bool bad)
{
	two_versions(b, FX_DATE2, bad ? "v1@x" : NULL, "Bar.\n\n" FX_SOB,
		     "Bar.\n\n" FX_SOB, CL_OK, "\tint y;");
}

static void b_too_soon(struct prv_buf *b, bool bad)
{
	two_versions(b, bad ? "Mon, 1 Jan 2024 11:00:00 +0000" : FX_DATE2, NULL,
		     "Bar.\n\n" FX_SOB, "Bar.\n\n" FX_SOB, CL_OK, "\tint y;");
}

static void b_changelog_missing(struct prv_buf *b, bool bad)
{
	two_versions(b, FX_DATE2, NULL, "Bar.\n\n" FX_SOB, "Bar.\n\n" FX_SOB,
		     bad ? NULL : CL_OK, "\tint y;");
}

static void b_link_missing(struct prv_buf *b, bool bad)
{
	two_versions(b, FX_DATE2, NULL, "Bar.\n\n" FX_SOB, "Bar.\n\n" FX_SOB,
		     bad ? "v2:\n- use an int\n" :
			   "v2:\n- use an int\n"
			   "v1: https://lore.kernel.org/r/v1@x\n",
		     "\tint y;");
}

/* v3 alone in the input: its changelog must still cover v2 and v3. */
static void b_version_missing(struct prv_buf *b, bool bad)
{
	fx_patch(b, FX_DATE1, "v3@x", NULL, "[PATCH net-next v3] foo: bar",
		 "Bar.\n\n" FX_SOB,
		 bad ? "Changes in v3:\n- more\n"
		       "- Link to v2: https://lore.kernel.org/r/v2@x\n" :
		       "Changes in v3:\n- more\n"
		       "- Link to v2: https://lore.kernel.org/r/v2@x\n\n"
		       "Changes in v2:\n- less\n"
		       "- Link to v1: https://lore.kernel.org/r/v1@x\n",
		 "net/core/foo.c", "static int foo(void)", "\tint x;");
}

/*
 * Two patches; patch 2, titled `title2`, adds line `add1` in v1 and
 * `add2` in v2.
 */
static void two_patch_versions_adding(struct prv_buf *b, const char *cover2,
				      const char *tags1, const char *tags2,
				      const char *title2, const char *add1,
				      const char *add2)
{
	char m1[400], m2[400], s1[200], s2[200];

	snprintf(m1, sizeof(m1), "Second.\n\n" FX_SOB "%s", tags1);
	snprintf(m2, sizeof(m2), "Second.\n\n" FX_SOB "%s", tags2);
	fx_mail(b, FX_AUTHOR, FX_DATE1, "c1@x", NULL,
		"[PATCH net-next 0/2] foo: two steps", NULL, "Two steps.\n");
	fx_patch(b, FX_DATE1, "a1@x", "c1@x", "[PATCH net-next 1/2] foo: one",
		 "First.\n\n" FX_SOB, NULL, "net/core/one.c",
		 "static int one(void)", "\tint x;");
	snprintf(s1, sizeof(s1), "[PATCH net-next 2/2] %s", title2);
	snprintf(s2, sizeof(s2), "[PATCH net-next v2 2/2] %s", title2);
	fx_patch(b, FX_DATE1, "b1@x", "c1@x", s1, m1, NULL, "net/core/two.c",
		 "static int two_step(void)", add1);
	fx_mail(b, FX_AUTHOR, FX_DATE2, "c2@x", NULL,
		"[PATCH net-next v2 0/2] foo: two steps", NULL, cover2);
	fx_patch(b, FX_DATE2, "a2@x", "c2@x",
		 "[PATCH net-next v2 1/2] foo: one", "First.\n\n" FX_SOB, NULL,
		 "net/core/one.c", "static int one(void)", "\tint x;");
	fx_patch(b, FX_DATE2, "b2@x", "c2@x", s2, m2, NULL, "net/core/two.c",
		 "static int two_step(void)", add2);
}

/* Two patches; v2 changes the code of patch 2, titled `title2`. */
static void two_patch_versions_titled(struct prv_buf *b, const char *cover2,
				      const char *tags1, const char *tags2,
				      const char *title2)
{
	two_patch_versions_adding(b, cover2, tags1, tags2, title2, "\tint x;",
				  "\tlong x;");
}

static void two_patch_versions(struct prv_buf *b, const char *cover2,
			       const char *tags1, const char *tags2)
{
	two_patch_versions_titled(b, cover2, tags1, tags2, "foo: second thing");
}

#define LINK1 "- Link to v1: https://lore.kernel.org/r/c1@x\n"
#define RB "Reviewed-by: Carol Reviewer <carol@example.org>\n"

static void b_unmentioned(struct prv_buf *b, bool bad)
{
	two_patch_versions(b,
			   bad ? "Two steps.\n\nChanges in v2:\n"
				 "- rebased\n" LINK1 :
				 "Two steps.\n\nChanges in v2:\n"
				 "- patch 2: use a long\n" LINK1,
			   "", "");
}

/* "selftest" names the one patch whose subject prefix has it */
static void b_unmentioned_by_prefix(struct prv_buf *b, bool bad)
{
	two_patch_versions_titled(
		b,
		"Two steps.\n\nChanges in v2:\n"
		"- dropped redundant selftest code\n" LINK1,
		"", "",
		bad ? "foo: check the second thing" :
		      "selftests/foo: check the second thing");
}

static void b_unmentioned_by_function(struct prv_buf *b, bool bad)
{
	two_patch_versions(b,
			   bad ? "Two steps.\n\nChanges in v2:\n"
				 "- rebased on net-next\n" LINK1 :
				 "Two steps.\n\nChanges in v2:\n"
				 "- two_step(): use a long\n" LINK1,
			   "", "");
}

static void b_kept(struct prv_buf *b, bool bad)
{
	two_patch_versions(b,
			   bad ? "Two steps.\n\nChanges in v2:\n"
				 "- patch 2: use a long\n" LINK1 :
				 "Two steps.\n\nChanges in v2:\n"
				 "- patch 2: use a long; kept Carol's R-b, "
				 "the change is a type\n" LINK1,
			   RB, RB);
}

static void b_dropped(struct prv_buf *b, bool bad)
{
	char m1[300], m2[300];

	snprintf(m1, sizeof(m1), "Bar.\n\n" FX_SOB RB);
	snprintf(m2, sizeof(m2), "Bar.\n\n" FX_SOB "%s", bad ? "" : RB);
	two_versions(b, FX_DATE2, NULL, m1, m2, CL_OK, "\tint x;");
}

/* The tag named by an abbreviation: "Pick AB from Carol". */
static void b_kept_abbrev(struct prv_buf *b, bool bad)
{
	two_patch_versions(b,
			   bad ? "Two steps.\n\nChanges in v2:\n"
				 "- patch 2: use a long (per Dave)\n" LINK1 :
				 "Two steps.\n\nChanges in v2:\n"
				 "- patch 2: use a long\n"
				 "- Pick AB from Carol - thanks!\n" LINK1,
			   RB, RB);
}

/* The tag named in a paragraph of the notes below the changelog entry. */
static void b_kept_notes(struct prv_buf *b, bool bad)
{
	two_versions(b, FX_DATE2, NULL, "Bar.\n\n" FX_SOB RB,
		     "Bar.\n\n" FX_SOB RB,
		     bad ? "v2: use a long\n\nThe change is a type only.\n" :
			   "v2: use a long\n\nThe change is a type only, so "
			   "the Reviewed-by: tag from Carol stays.\n",
		     "\tlong x;");
}

/* Patch 4/4 reposted alone: its cover went out with the whole series. */
static void b_cover_lone(struct prv_buf *b, bool bad)
{
	if (bad)
		fx_patch(b, FX_DATE1, "p3@x", NULL,
			 "[PATCH net-next v2 3/4] foo: step 3",
			 "Step 3.\n\n" FX_SOB, "v2: fix it\n", "net/core/foo.c",
			 "static int foo(void)", "\tint y;");
	fx_patch(b, FX_DATE1, "p4@x", bad ? "p3@x" : NULL,
		 "[PATCH net-next v2 4/4] foo: step 4", "Step 4.\n\n" FX_SOB,
		 "v2: fix it\n", "net/core/foo.c", "static int foo(void)",
		 "\tint x;");
}

/* A changelog line naming a file whose name is in the patch's diff. */
static void b_unmentioned_by_file(struct prv_buf *b, bool bad)
{
	two_patch_versions(b,
			   bad ? "Two steps.\n\nChanges in v2:\n"
				 "- rework it\n" LINK1 :
				 "Two steps.\n\nChanges in v2:\n"
				 "- rework two.c\n" LINK1,
			   "", "");
}

/* Version `v` of a series of patches named by `steps` ("abc": alpha, ...). */
static void steps_version(struct prv_buf *b, int v, const char *steps,
			  const char *cover, const char *msg_c)
{
	static const char *const names[] = { "alpha", "beta", "gamma" };
	char subj[200], id[32], cid[32], msg[200], path[64];
	int n = (int)strlen(steps), k;

	snprintf(cid, sizeof(cid), "c%d@x", v);
	snprintf(subj, sizeof(subj), "[PATCH net-next v%d 0/%d] foo: steps", v,
		 n);
	fx_mail(b, FX_AUTHOR, v == 1 ? FX_DATE1 : FX_DATE2, cid, NULL, subj,
		NULL, cover);
	for (k = 0; k < n; k++) {
		const char *name = names[steps[k] - 'a'];

		snprintf(subj, sizeof(subj),
			 "[PATCH net-next v%d %d/%d] foo: the %s step", v,
			 k + 1, n, name);
		snprintf(id, sizeof(id), "%s%d@x", name, v);
		snprintf(msg, sizeof(msg), "The %s step%s.\n\n" FX_SOB, name,
			 steps[k] == 'c' ? msg_c : "");
		snprintf(path, sizeof(path), "net/core/%s.c", name);
		fx_patch(b, v == 1 ? FX_DATE1 : FX_DATE2, id, cid, subj, msg,
			 NULL, path, "static int step(void)", "\tint x;");
	}
}

/*
 * v1 of steps alpha, beta, gamma; v2 of `steps2`, gamma's message ending
 * in `msg_c`, its changelog `note` (bad: one that names nothing).
 */
static void steps_two_versions(struct prv_buf *b, bool bad, const char *steps2,
			       const char *note, const char *msg_c)
{
	char cover[300];

	snprintf(cover, sizeof(cover), "Steps.\n\nChanges in v2:\n- %s\n",
		 bad ? "fix the build" : note);
	steps_version(b, 1, "abc", "Steps.\n", "");
	steps_version(b, 2, steps2, cover, msg_c);
}

/* v2 rewords a comment of patch 2: a line on comments covers it */
static void b_unmentioned_comment(struct prv_buf *b, bool bad)
{
	two_patch_versions_adding(
		b,
		bad ? "Two steps.\n\nChanges in v2:\n"
		      "- reword it\n" LINK1 :
		      "Two steps.\n\nChanges in v2:\n"
		      "- add comments about the count\n" LINK1,
		"", "", "foo: second thing", "\t/* a count */",
		"\t/* the count, freed by the caller */");
}

/*
 * v2 adds patch 3, whose own notes present it under the wrong version
 * ("v3: new in this series" in a v2).
 */
static void b_unmentioned_added_notes(struct prv_buf *b, bool bad)
{
	fx_mail(b, FX_AUTHOR, FX_DATE1, "c1@x", NULL,
		"[PATCH net-next 0/2] foo: steps", NULL, "Steps.\n");
	fx_patch(b, FX_DATE1, "a1@x", "c1@x", "[PATCH net-next 1/2] foo: one",
		 "One.\n\n" FX_SOB, NULL, "net/core/one.c",
		 "static int one(void)", "\tint x;");
	fx_patch(b, FX_DATE1, "b1@x", "c1@x", "[PATCH net-next 2/2] foo: two",
		 "Two.\n\n" FX_SOB, NULL, "net/core/two.c",
		 "static int two(void)", "\tint x;");
	fx_mail(b, FX_AUTHOR, FX_DATE2, "c2@x", NULL,
		"[PATCH net-next v2 0/3] foo: steps", NULL,
		"Steps.\n\nChanges in v2:\n- fix the build\n" LINK1);
	fx_patch(b, FX_DATE2, "a2@x", "c2@x",
		 "[PATCH net-next v2 1/3] foo: one", "One.\n\n" FX_SOB, NULL,
		 "net/core/one.c", "static int one(void)", "\tint x;");
	fx_patch(b, FX_DATE2, "b2@x", "c2@x",
		 "[PATCH net-next v2 2/3] foo: two", "Two.\n\n" FX_SOB, NULL,
		 "net/core/two.c", "static int two(void)", "\tint x;");
	fx_patch(b, FX_DATE2, "d2@x", "c2@x",
		 "[PATCH net-next v2 3/3] foo: three", "Three.\n\n" FX_SOB,
		 bad ? NULL : "v3: new in this series\n", "net/core/three.c",
		 "static int three(void)", "\tint x;");
}

/*
 * Carol commented on v1's patch 2, where v2 changed it: a line naming her
 * covers the change ("Fixed review comments from Carol").
 */
static void b_unmentioned_reviewer(struct prv_buf *b, bool bad)
{
	two_patch_versions(b,
			   bad ? "Two steps.\n\nChanges in v2:\n"
				 "- fixed review comments\n" LINK1 :
				 "Two steps.\n\nChanges in v2:\n"
				 "- fixed review comments from Carol\n" LINK1,
			   "", "");
	fx_mail(b, "Carol Reviewer <carol@example.org>", FX_DATE1, "r1@x",
		"b1@x", "Re: [PATCH net-next 2/2] foo: second thing", NULL,
		"On Mon, Alice wrote:\n> +\tint x;\n\n"
		"Why an int and not a long here?\n");
}

/* v2 leaves out patch 1, applied already, and says so without "patch" */
static void b_unmentioned_applied(struct prv_buf *b, bool bad)
{
	steps_two_versions(b, bad, "bc",
			   "applied the initial enhancements already", "");
}

/* v2 rewords the message of patch 3 and says it of every message */
static void b_unmentioned_messages(struct prv_buf *b, bool bad)
{
	steps_two_versions(b, bad, "abc",
			   "review the patch descriptions in general",
			   ", as the comment in it says");
}

/* A comment on v1's code that v2 leaves as it was (bad) or changes. */
static void b_comment_open(struct prv_buf *b, bool bad)
{
	fx_patch(b, FX_DATE1, "v1@x", NULL, "[PATCH net-next] foo: bar",
		 "Bar.\n\n" FX_SOB, NULL, "net/core/foo.c",
		 "static int foo(void)", "\tint x;");
	fx_mail(b, "Carol Reviewer <carol@example.org>", FX_DATE1, "r1@x",
		"v1@x", "Re: [PATCH net-next] foo: bar", NULL,
		"On Mon, Alice wrote:\n> +\tint x;\n\n"
		"Why an int and not a long here?\n");
	fx_patch(b, FX_DATE2, "v2@x", NULL, "[PATCH net-next v2] foo: bar",
		 "Bar.\n\n" FX_SOB, CL_OK, "net/core/foo.c",
		 "static int foo(void)", bad ? "\tint x;" : "\tlong x;");
}

static void b_sob_missing(struct prv_buf *b, bool bad)
{
	one_patch(b, "[PATCH net-next] foo: bar",
		  bad ? "Bar.\n\nAcked-by: Bob <bob@example.org>\n" :
			"Bar.\n\n" FX_SOB,
		  "net/core/foo.c");
}

static void b_sob_author(struct prv_buf *b, bool bad)
{
	one_patch(b, "[PATCH net-next] foo: bar",
		  bad ? "Bar.\n\nSigned-off-by: Bob <bob@example.org>\n" :
			"Bar.\n\nSigned-off-by: Bob <bob@example.org>\n" FX_SOB,
		  "net/core/foo.c");
}

static void b_sob_sender(struct prv_buf *b, bool bad)
{
	one_patch(b, "[PATCH net-next] foo: bar",
		  bad ? "Bar.\n\n" FX_SOB
			"Signed-off-by: Bob <bob@example.org>\n" :
			"Bar.\n\nSigned-off-by: Bob <bob@example.org>\n" FX_SOB,
		  "net/core/foo.c");
}

static void b_duplicate(struct prv_buf *b, bool bad)
{
	one_patch(b, "[PATCH net-next] foo: bar",
		  bad ? "Bar.\n\n" RB RB FX_SOB : "Bar.\n\n" RB FX_SOB,
		  "net/core/foo.c");
}

static void b_codev(struct prv_buf *b, bool bad)
{
	one_patch(
		b, "[PATCH net-next] foo: bar",
		bad ? "Bar.\n\nCo-developed-by: Bob <bob@example.org>\n" FX_SOB
		      "Signed-off-by: Bob <bob@example.org>\n" :
		      "Bar.\n\nCo-developed-by: Bob <bob@example.org>\n"
		      "Signed-off-by: Bob <bob@example.org>\n" FX_SOB,
		"net/core/foo.c");
}

static void b_codev_author(struct prv_buf *b, bool bad)
{
	one_patch(b, "[PATCH net-next] foo: bar",
		  bad ? "Bar.\n\nCo-developed-by: " FX_AUTHOR "\n" FX_SOB :
			"Bar.\n\n" FX_SOB,
		  "net/core/foo.c");
}

static void b_reported(struct prv_buf *b, bool bad)
{
	one_patch(b, "[PATCH net] foo: bar",
		  bad ? "Bar.\n\n" FIXES_OK
			"Reported-by: Dan <dan@example.org>\n" FX_SOB :
			"Bar.\n\n" FIXES_OK
			"Reported-by: Dan <dan@example.org>\n"
			"Closes: https://lore.kernel.org/r/report@x\n" FX_SOB,
		  "net/core/foo.c");
}

static void b_malformed(struct prv_buf *b, bool bad)
{
	one_patch(b, "[PATCH net-next] foo: bar",
		  bad ? "Bar.\n\nAcked-by: Bob bob-at-example.org\n" FX_SOB :
			"Bar.\n\nAcked-by: Bob <bob@example.org>\n" FX_SOB,
		  "net/core/foo.c");
}

static void b_malformed_spelling(struct prv_buf *b, bool bad)
{
	one_patch(b, "[PATCH net-next] foo: bar",
		  bad ? "Bar.\n\nReviewed-By: Bob <bob@example.org>\n" FX_SOB :
			"Bar.\n\nReviewed-by: Bob <bob@example.org>\n" FX_SOB,
		  "net/core/foo.c");
}

static void b_fixes_format(struct prv_buf *b, bool bad)
{
	one_patch(
		b, "[PATCH net] foo: bar",
		bad ? "Bar.\n\nFixes: commit 0123456789ab (\"foo: x\")\n" FX_SOB :
		      "Bar.\n\n" FIXES_OK FX_SOB,
		"net/core/foo.c");
}

static void b_fixes_short(struct prv_buf *b, bool bad)
{
	one_patch(b, "[PATCH net] foo: bar",
		  bad ? "Bar.\n\nFixes: 0123456 (\"foo: x\")\n" FX_SOB :
			"Bar.\n\nFixes: 0123456789abcdef (\"foo: x\")\n" FX_SOB,
		  "net/core/foo.c");
}

static void b_fixes_quotes(struct prv_buf *b, bool bad)
{
	one_patch(b, "[PATCH net] foo: bar",
		  bad ? "Bar.\n\nFixes: 0123456789ab foo: x\n" FX_SOB :
			"Bar.\n\n" FIXES_OK FX_SOB,
		  "net/core/foo.c");
}

static void b_fixes_blank(struct prv_buf *b, bool bad)
{
	one_patch(b, "[PATCH net] foo: bar",
		  bad ? "Bar.\n\n" FIXES_OK "\n" FX_SOB :
			"Bar.\n\n" FIXES_OK FX_SOB,
		  "net/core/foo.c");
}

static void b_subject(struct prv_buf *b, bool bad)
{
	one_patch(b,
		  bad ? "[PATCH net-next] foo: a summary that goes on and on "
			"and on well past the limit of seventy-five" :
			"[PATCH net-next] foo: a short summary",
		  "Bar.\n\n" FX_SOB, "net/core/foo.c");
}

/* git revert quotes the reverted subject whole, however long. */
static void b_subject_revert(struct prv_buf *b, bool bad)
{
	one_patch(b,
		  bad ? "[PATCH net] Revert the foo summary that goes on and "
			"on well past the limit of seventy-five" :
			"[PATCH net] Revert \"foo: a summary that goes on and "
			"on well past the limit of seventy-five\"",
		  "Bar.\n\n" FX_SOB, "net/core/foo.c");
}

static void b_tcp(struct prv_buf *b, bool bad)
{
	fx_patch(b, FX_DATE1, "p1@x", NULL, "[PATCH net-next] tcp: bar",
		 "Bar.\n\n" FX_SOB, NULL,
		 bad ? "net/ipv4/tcp_output.c" : "drivers/net/foo.c",
		 "static void tcp_options_write(struct tcphdr *th)",
		 "\tint x;");
}

static void b_tcp_symbol(struct prv_buf *b, bool bad)
{
	fx_patch(b, FX_DATE1, "p1@x", NULL, "[PATCH net-next] ipv4: bar",
		 "Bar.\n\n" FX_SOB, NULL, "net/ipv4/ip_output.c",
		 "static int ip_foo(void)",
		 bad ? "\tsk->sk_forward_alloc += x;" : "\tint x;");
}

/* Two patches touching TCP: one summary for the series. */
static void b_tcp_summary(struct prv_buf *b, bool bad)
{
	fx_mail(b, FX_AUTHOR, FX_DATE1, "c@x", NULL,
		"[PATCH net-next 0/2] tcp: two steps", NULL, "Two steps.\n");
	fx_patch(b, FX_DATE1, "p1@x", "c@x", "[PATCH net-next 1/2] tcp: one",
		 "One.\n\n" FX_SOB, NULL,
		 bad ? "net/ipv4/tcp_input.c" : "net/core/one.c",
		 "static int one(void)", "\tint x;");
	fx_patch(b, FX_DATE1, "p2@x", "c@x", "[PATCH net-next 2/2] tcp: two",
		 "Two.\n\n" FX_SOB, NULL, "net/core/two.c",
		 "static int two(void)", "\tint x;");
}

/* Signed-off-by above a changelog paragraph that ends the message. */
static void b_sob_above_changelog(struct prv_buf *b, bool bad)
{
	one_patch(b, "[PATCH net-next v2] foo: bar",
		  bad ? "Bar.\n\nv2: rename the flag\n" :
			"Bar.\n\n" FX_SOB "\nv2: rename the flag\n",
		  "net/core/foo.c");
}

/* "Assisted-by: AGENT:MODEL [TOOL]" names a tool: no address needed. */
static void b_assisted(struct prv_buf *b, bool bad)
{
	one_patch(b, "[PATCH net-next] foo: bar",
		  bad ? "Bar.\n\nAssisted-by:\n" FX_SOB :
			"Bar.\n\nAssisted-by: Claude:claude-opus-4-7 "
			"coccinelle\n" FX_SOB,
		  "net/core/foo.c");
}

/* The stable team's selections and tool trees need no Fixes: tag. */
static void b_fixes_missing_stable(struct prv_buf *b, bool bad)
{
	series_n(b, 2, false, bad ? "nf" : "AUTOSEL 6.17", NULL, 0);
}

static void b_fixes_missing_tool(struct prv_buf *b, bool bad)
{
	series_n(b, 2, false, bad ? "bpf" : "nft", NULL, 0);
}

struct rule_case {
	const char *name;
	const char *id;
	void (*build)(struct prv_buf *b, bool bad);
};

static const struct rule_case cases[] = {
	{ "cover", "series.cover-missing", b_cover },
	{ "too-long", "series.too-long", b_too_long },
	{ "incomplete", "series.incomplete", b_incomplete },
	{ "tree", "series.tree-missing", b_tree },
	{ "fixes-missing", "series.fixes-missing", b_fixes_missing },
	{ "fixes-missing-mptcp", "series.fixes-missing",
	  b_fixes_missing_mptcp },
	{ "fixes-missing-doc", "series.fixes-missing", b_fixes_missing_doc },
	{ "fixes-missing-stable", "series.fixes-missing",
	  b_fixes_missing_stable },
	{ "fixes-missing-tool", "series.fixes-missing", b_fixes_missing_tool },
	{ "fixes-in-next", "series.fixes-in-next", b_fixes_in_next },
	{ "threaded", "series.version-threaded", b_threaded },
	{ "too-soon", "series.repost-too-soon", b_too_soon },
	{ "changelog-missing", "changelog.missing", b_changelog_missing },
	{ "version-missing", "changelog.version-missing", b_version_missing },
	{ "link-missing", "changelog.link-missing", b_link_missing },
	{ "unmentioned", "changelog.unmentioned-change", b_unmentioned },
	{ "unmentioned-prefix", "changelog.unmentioned-change",
	  b_unmentioned_by_prefix },
	{ "unmentioned-function", "changelog.unmentioned-change",
	  b_unmentioned_by_function },
	{ "kept", "review.tag-kept-on-change", b_kept },
	{ "kept-abbrev", "review.tag-kept-on-change", b_kept_abbrev },
	{ "kept-notes", "review.tag-kept-on-change", b_kept_notes },
	{ "cover-lone", "series.cover-missing", b_cover_lone },
	{ "unmentioned-file", "changelog.unmentioned-change",
	  b_unmentioned_by_file },
	{ "unmentioned-applied", "changelog.unmentioned-change",
	  b_unmentioned_applied },
	{ "unmentioned-messages", "changelog.unmentioned-change",
	  b_unmentioned_messages },
	{ "unmentioned-comment", "changelog.unmentioned-change",
	  b_unmentioned_comment },
	{ "unmentioned-reviewer", "changelog.unmentioned-change",
	  b_unmentioned_reviewer },
	{ "unmentioned-added-notes", "changelog.unmentioned-change",
	  b_unmentioned_added_notes },
	{ "dropped", "review.tag-dropped", b_dropped },
	{ "comment-open", "review.comment-open", b_comment_open },
	{ "sob-missing", "trailer.sob-missing", b_sob_missing },
	{ "sob-above-changelog", "trailer.sob-missing", b_sob_above_changelog },
	{ "sob-author", "trailer.sob-author-missing", b_sob_author },
	{ "sob-sender", "trailer.sob-sender-not-last", b_sob_sender },
	{ "duplicate", "trailer.duplicate", b_duplicate },
	{ "codev", "trailer.codev-without-sob", b_codev },
	{ "codev-author", "trailer.codev-without-sob", b_codev_author },
	{ "reported", "trailer.reported-without-closes", b_reported },
	{ "malformed", "trailer.malformed", b_malformed },
	{ "malformed-spelling", "trailer.malformed", b_malformed_spelling },
	{ "malformed-assisted", "trailer.malformed", b_assisted },
	{ "fixes-format", "fixes.bad-format", b_fixes_format },
	{ "fixes-short", "fixes.bad-format", b_fixes_short },
	{ "fixes-quotes", "fixes.bad-format", b_fixes_quotes },
	{ "fixes-blank", "fixes.blank-line", b_fixes_blank },
	{ "subject", "subject.too-long", b_subject },
	{ "subject-revert", "subject.too-long", b_subject_revert },
	{ "tcp", "tcp.touch", b_tcp },
	{ "tcp-symbol", "tcp.touch", b_tcp_symbol },
	{ "tcp-summary", "tcp.summary", b_tcp_summary },
};

static void run_case(const struct rule_case *c, bool bad)
{
	struct prv_buf b = PRV_BUF_INIT;
	struct fx f;

	c->build(&b, bad);
	fx_check(&f, &b);
	if (bad)
		cr_expect(fx_count(&f, c->id) > 0, "%s: '%s' should fire:%s",
			  c->name, c->id, fx_dump(&f));
	else
		cr_expect(fx_count(&f, c->id) == 0,
			  "%s: '%s' should be silent:%s", c->name, c->id,
			  fx_dump(&f));
	fx_release(&f);
	prv_buf_release(&b);
}

Test(rules, every_id_fires_when_it_should)
{
	size_t i;

	for (i = 0; i < PRV_ARRAY_SIZE(cases); i++)
		run_case(&cases[i], true);
}

Test(rules, every_id_is_silent_when_it_should)
{
	size_t i;

	for (i = 0; i < PRV_ARRAY_SIZE(cases); i++)
		run_case(&cases[i], false);
}

Test(rules, every_implemented_id_has_a_case)
{
	size_t i, k;

	for (i = 0; prv_finding_ids[i]; i++) {
		/* the repository checks: tests/repo_cli.sh, tests/repo_test.c,
		 * tests/backport_cli.sh */
		bool found =
			!strncmp(prv_finding_ids[i], "apply.", 6) ||
			!strncmp(prv_finding_ids[i], "backport.", 9) ||
			!strcmp(prv_finding_ids[i], "series.net-next-closed") ||
			!strcmp(prv_finding_ids[i], "fixes.unknown-commit") ||
			!strcmp(prv_finding_ids[i], "fixes.subject-mismatch");

		for (k = 0; k < PRV_ARRAY_SIZE(cases); k++)
			found |= !strcmp(cases[k].id, prv_finding_ids[i]);
		cr_expect(found, "no test case for '%s'", prv_finding_ids[i]);
	}
}

Test(rules, severities_follow_the_profile)
{
	struct prv_buf b = PRV_BUF_INIT;
	struct fx f;

	b_reported(&b, true);
	fx_check(&f, &b);
	cr_assert_eq(fx_find(&f, "trailer.reported-without-closes")->severity,
		     PRV_SEV_INFO, "netdev: at most informational");
	fx_release(&f);
	prv_buf_reset(&b);

	/* the same patch outside netdev: a warning */
	fx_mail(&b, FX_AUTHOR, FX_DATE1, "p1@x", NULL, "[PATCH] lib: bar",
		"To: linux-kernel@vger.kernel.org\n",
		"Bar.\n\nReported-by: Dan <dan@example.org>\n" FX_SOB "---\n"
		"diff --git a/lib/foo.c b/lib/foo.c\n"
		"--- a/lib/foo.c\n+++ b/lib/foo.c\n"
		"@@ -1,1 +1,2 @@\n a\n+b\n");
	fx_check(&f, &b);
	cr_assert_str_eq(f.r.profiles[0], "generic");
	cr_assert_eq(fx_find(&f, "trailer.reported-without-closes")->severity,
		     PRV_SEV_WARN);
	fx_release(&f);
	prv_buf_release(&b);
}

/*
 * A person trailer without an address still names its person: the
 * Co-developed-by below is followed by the same person's sign-off, and
 * only the missing address is reported (the checks' own reader once gave
 * no name at all and reported a missing sign-off too).
 */
Test(rules, person_without_address_keeps_its_name)
{
	struct prv_buf b = PRV_BUF_INIT;
	struct fx f;

	one_patch(&b, "[PATCH net-next] foo: bar",
		  "Bar.\n\nCo-developed-by: Bob  Dev\n"
		  "Signed-off-by: Bob Dev <bob@example.org>\n" FX_SOB,
		  "net/core/foo.c");
	fx_check(&f, &b);
	cr_expect_eq(fx_count(&f, "trailer.codev-without-sob"), 0, "%s",
		     fx_dump(&f));
	cr_expect_eq(fx_count(&f, "trailer.malformed"), 1, "%s", fx_dump(&f));
	fx_release(&f);
	prv_buf_release(&b);
}

/*
 * A finding keeps its patch, file and hunk (borrowed from the input), so
 * that renderers need not look them up again; a series finding has none.
 */
Test(rules, finding_points_at_patch_file_hunk)
{
	struct prv_buf b = PRV_BUF_INIT;
	const struct prv_finding *tcp, *tree;
	struct fx f;

	fx_patch(&b, FX_DATE1, "p1@x", NULL, "[PATCH] tcp: bar",
		 "Bar.\n\n" FX_SOB, NULL, "net/ipv4/tcp_output.c",
		 "static void tcp_options_write(struct tcphdr *th)",
		 "\tint x;");
	fx_check(&f, &b);
	tcp = fx_find(&f, "tcp.touch");
	cr_assert_not_null(tcp, "%s", fx_dump(&f));
	cr_assert_eq(tcp->patch_at, &f.in.series[0].versions[0].patches[0]);
	cr_assert_not_null(tcp->file_at);
	cr_assert_str_eq(tcp->file_at->new_path, "net/ipv4/tcp_output.c");
	cr_assert_eq(tcp->hunk_at, &tcp->file_at->hunks[0]);
	tree = fx_find(&f, "series.tree-missing");
	cr_assert_not_null(tree, "%s", fx_dump(&f));
	cr_assert_null(tree->patch_at);
	cr_assert_null(tree->file_at);
	fx_release(&f);
	prv_buf_release(&b);
}

/*
 * One list of netdev paths for the profile and series.tree-missing: a
 * series that only touches the networking selftests of drivers, sent to
 * no list, is netdev's and names no tree (series.tree-missing used to
 * know 8 of the profile's prefixes).
 */
Test(rules, netdev_paths_one_list)
{
	static const char *const paths[] = {
		"tools/testing/selftests/drivers/net/hw/foo.py",
		"include/linux/skbuff.h",
		"Documentation/networking/foo.rst",
	};
	struct prv_buf b = PRV_BUF_INIT, body = PRV_BUF_INIT;
	struct fx f;
	size_t i;

	for (i = 0; i < PRV_ARRAY_SIZE(paths); i++) {
		prv_buf_reset(&b);
		prv_buf_reset(&body);
		prv_buf_addstr(&body, "X.\n\n" FX_SOB "---\n");
		fx_diff(&body, paths[i], "int foo(void)", "\tint x;");
		fx_mail(&b, FX_AUTHOR, FX_DATE1, "p1@x", NULL, "[PATCH] foo: x",
			"To: someone@example.org\n", body.data);
		fx_check(&f, &b);
		cr_assert_str_eq(f.r.profiles[0], "netdev", "%s", paths[i]);
		cr_expect_eq(fx_count(&f, "series.tree-missing"), 1, "%s: %s",
			     paths[i], fx_dump(&f));
		fx_release(&f);
	}
	prv_buf_release(&body);
	prv_buf_release(&b);
}

/* A mail with one added line in each of `paths` (NULL-terminated). */
static void spread_patch(struct prv_buf *b, const char *subject, const char *to,
			 const char *const *paths)
{
	struct prv_buf body = PRV_BUF_INIT;
	size_t i;

	prv_buf_addstr(&body, "X.\n\n" FX_SOB "---\n");
	for (i = 0; paths[i]; i++)
		fx_diff(&body, paths[i], "int foo(void)", "\tint x;");
	fx_mail(b, FX_AUTHOR, FX_DATE1, "p1@x", NULL, subject, to, body.data);
	prv_buf_release(&body);
}

/*
 * A series with no tree tag that goes through another subsystem's tree,
 * netdev's lists on Cc only, is not netdev's to name a tree for: sent
 * first to another subsystem's list, or mostly elsewhere with a subject
 * prefix that names no netdev path it touches. A netfilter fix that adds
 * a helper to a header elsewhere, or a series sent To: netdev first,
 * stays netdev's.
 */
Test(rules, another_subsystems_series_is_not_netdevs)
{
	static const char *const audit[] = { "net/netfilter/xt_AUDIT.c", NULL };
	static const char *const selftest[] = {
		"tools/testing/selftests/net/foo.sh", NULL
	};
	static const char *const binding[] = {
		"Documentation/devicetree/bindings/net/foo.yaml", NULL
	};
	static const char *const timers[] = { "kernel/time/a.c",
					      "kernel/time/b.c",
					      "kernel/time/c.c",
					      "net/netfilter/nf_foo.c", NULL };
	static const struct {
		const char *subject, *to;
		const char *const *paths;
		const char *profile;
	} sends[] = {
		{ "[PATCH] audit: log ports",
		  "To: audit@vger.kernel.org\n"
		  "Cc: netfilter-devel@vger.kernel.org\n",
		  audit, "generic" },
		{ "[PATCH] hrtimers: a user start",
		  "To: linux-kernel@vger.kernel.org\n"
		  "Cc: netdev@vger.kernel.org\n",
		  timers, "generic" },
		{ "[PATCH] netfilter: nf_foo: use the helper",
		  "To: pablo@netfilter.org\n", timers, "netdev" },
		{ "[PATCH] hrtimers: a user start",
		  "To: netdev@vger.kernel.org\n", timers, "netdev" },
		{ "[PATCH] audit: log ports",
		  "To: linux-kernel@vger.kernel.org\n", audit, "netdev" },
		{ "[PATCH] selftests: net: wait for the peer",
		  "To: linux-kselftest@vger.kernel.org\n"
		  "Cc: netdev@vger.kernel.org\n",
		  selftest, "netdev" },
		{ "[PATCH] dt-bindings: net: foo: add a mode",
		  "To: someone@example.org\n", binding, "netdev" },
	};
	struct prv_buf b = PRV_BUF_INIT;
	struct fx f;
	size_t i;

	for (i = 0; i < PRV_ARRAY_SIZE(sends); i++) {
		bool netdev = !strcmp(sends[i].profile, "netdev");

		prv_buf_reset(&b);
		spread_patch(&b, sends[i].subject, sends[i].to, sends[i].paths);
		fx_check(&f, &b);
		cr_assert_str_eq(f.r.profiles[0], sends[i].profile, "case %zu",
				 i);
		cr_expect_eq(fx_count(&f, "series.tree-missing"), netdev,
			     "case %zu: %s", i, fx_dump(&f));
		fx_release(&f);
	}
	prv_buf_release(&b);
}

/*
 * A tag kept across a change of a few lines: a note when the changelog
 * says what changed in the patch ("patch 2: use a long"), a warning when
 * it does not.
 */
Test(rules, kept_tag_on_a_described_small_change_is_a_note)
{
	static const struct {
		const char *cover;
		enum prv_severity sev;
	} kept[] = {
		{ "Two steps.\n\nChanges in v2:\n- patch 2: use a long\n" LINK1,
		  PRV_SEV_INFO },
		{ "Two steps.\n\nChanges in v2:\n- Patches 1, 2: use a long\n" LINK1,
		  PRV_SEV_INFO },
		{ "Two steps.\n\nChanges in v2:\n- rebased\n" LINK1,
		  PRV_SEV_WARN },
		{ "Two steps.\n\nChanges in v2:\n- patch 1: use a long\n" LINK1,
		  PRV_SEV_WARN },
	};
	struct prv_buf b = PRV_BUF_INIT;
	const struct prv_finding *k;
	struct fx f;
	size_t i;

	for (i = 0; i < PRV_ARRAY_SIZE(kept); i++) {
		prv_buf_reset(&b);
		two_patch_versions(&b, kept[i].cover, RB, RB);
		fx_check(&f, &b);
		k = fx_find(&f, "review.tag-kept-on-change");
		cr_assert_not_null(k, "case %zu: %s", i, fx_dump(&f));
		cr_expect_eq(k->severity, kept[i].sev, "case %zu: %s", i,
			     fx_dump(&f));
		fx_release(&f);
	}
	prv_buf_release(&b);
}

Test(rules, mptcp_profile_from_tag_and_list)
{
	struct prv_buf b = PRV_BUF_INIT;
	struct fx f;

	series_n(&b, 1, false, "mptcp-next", NULL, 0);
	fx_check(&f, &b);
	cr_assert_str_eq(f.r.profiles[0], "mptcp");
	fx_release(&f);
	prv_buf_reset(&b);

	fx_mail(&b, FX_AUTHOR, FX_DATE1, "p1@x", NULL, "[PATCH] mptcp: x",
		"To: mptcp@lists.linux.dev\n",
		"X.\n\n" FX_SOB "---\n"
		"diff --git a/net/mptcp/pm.c b/net/mptcp/pm.c\n"
		"--- a/net/mptcp/pm.c\n+++ b/net/mptcp/pm.c\n"
		"@@ -1,1 +1,2 @@\n a\n+b\n");
	fx_check(&f, &b);
	cr_assert_str_eq(f.r.profiles[0], "mptcp");
	cr_expect_eq(fx_count(&f, "series.tree-missing"), 1, "%s", fx_dump(&f));
	/* net/mptcp/ itself is not "TCP" */
	cr_expect_eq(fx_count(&f, "tcp.touch"), 0, "%s", fx_dump(&f));
	fx_release(&f);
	prv_buf_release(&b);
}

Test(rules, disabled_ids_and_severity_overrides)
{
	struct prv_buf b = PRV_BUF_INIT;
	const char *disabled[] = { "trailer.duplicate" };
	const char *sev_ids[] = { "trailer.sob-missing" };
	int sevs[] = { PRV_SEV_WARN };
	struct prv_check_opts o = PRV_CHECK_OPTS_INIT;
	struct fx f;

	one_patch(&b, "[PATCH net-next] foo: bar", "Bar.\n\n" RB RB,
		  "net/core/foo.c");
	o.disabled = disabled;
	o.nr_disabled = 1;
	o.sev_ids = sev_ids;
	o.sevs = sevs;
	o.nr_sevs = 1;
	fx_check_opts(&f, &b, NULL, &o);
	cr_expect_eq(fx_count(&f, "trailer.duplicate"), 0);
	cr_assert_eq(fx_count(&f, "trailer.sob-missing"), 1);
	cr_expect_eq(fx_find(&f, "trailer.sob-missing")->severity,
		     PRV_SEV_WARN);
	fx_release(&f);

	disabled[0] = "trailer";
	fx_check_opts(&f, &b, NULL, &o);
	cr_expect_eq(fx_count(&f, "trailer.sob-missing"), 0, "%s", fx_dump(&f));
	fx_release(&f);
	prv_buf_release(&b);
}

Test(rules, tcp_finding_names_file_line_function_group_reason)
{
	struct prv_buf b = PRV_BUF_INIT;
	const struct prv_finding *fi = NULL;
	struct fx f;
	size_t i;

	fx_patch(&b, FX_DATE1, "p1@x", NULL, "[PATCH net-next] tcp: bar",
		 "Bar.\n\n" FX_SOB, NULL, "net/ipv4/tcp_output.c",
		 "static void tcp_options_write(struct tcphdr *th)",
		 "\tint x;");
	fx_check(&f, &b);
	for (i = 0; i < f.r.nr_findings; i++)
		if (strstr(f.r.findings[i].message, "option space"))
			fi = &f.r.findings[i];
	cr_assert_not_null(fi, "%s", fx_dump(&f));
	cr_expect_str_eq(fi->message,
			 "option space (tcp_options_write): MPTCP shares the "
			 "40 bytes of TCP options and writes its own there");
	cr_expect_str_eq(fi->file, "net/ipv4/tcp_output.c");
	/* the changed line inside tcp_options_write() */
	cr_expect_eq(fi->line, 13);
	cr_expect_eq(fi->patch, 1);
	cr_expect(fi->todo);
	fx_release(&f);
	prv_buf_release(&b);
}

Test(rules, data_rules_give_rule_ids)
{
	struct prv_buf b = PRV_BUF_INIT;
	const struct prv_finding *fi;
	struct fx f;

	one_patch(&b, "[PATCH net-next] foo: bar", "Bar.\n\n" FX_SOB,
		  "net/core/foo.c");
	fx_check_opts(&f, &b,
		      "rule int-vars\n"
		      "path: ^net/core/\n"
		      "symbol: \\bint\\s+x\\b\n"
		      "reason: ints are suspicious\n"
		      "severity: warn\n"
		      "todo: no\n",
		      NULL);
	fi = fx_find(&f, "rule.int-vars");
	cr_assert_not_null(fi, "%s", fx_dump(&f));
	cr_expect_eq(fi->severity, PRV_SEV_WARN);
	cr_expect_str_eq(fi->message, "int-vars (int x): ints are suspicious");
	cr_expect_str_eq(fi->hint, "in foo()");
	fx_release(&f);
	prv_buf_release(&b);
}

Test(rules, checklist_orders_series_then_patches)
{
	struct prv_buf b = PRV_BUF_INIT;
	struct fx f;
	size_t i;
	int last = -1;

	b_unmentioned(&b, true);
	fx_check(&f, &b);
	cr_assert(f.r.nr_items > 3);
	cr_expect_eq(f.r.items[0].patch, -1);
	cr_expect_str_eq(f.r.items[0].title, "Series form");
	for (i = 0; i < f.r.nr_items; i++) {
		cr_expect(f.r.items[i].patch >= last, "item %zu out of order",
			  i);
		last = f.r.items[i].patch;
	}
	/* the changelog item shows the changelog next to the changes */
	for (i = 0; i < f.r.nr_items; i++)
		if (f.r.items[i].topic == PRV_TOPIC_CHANGELOG)
			break;
	cr_assert(i < f.r.nr_items);
	cr_expect_eq(f.r.items[i].status, PRV_ITEM_WARN);
	cr_assert_not_null(f.r.items[i].details);
	cr_expect(strstr(f.r.items[i].details, "rebased") != NULL);
	fx_release(&f);
	prv_buf_release(&b);
}

Test(rules, review_tag_given_in_a_reply_is_carried)
{
	struct prv_buf b = PRV_BUF_INIT;
	const struct prv_finding *fi;
	int variant;
	struct fx f;

	for (variant = 0; variant < 2; variant++) {
		fx_patch(&b, FX_DATE1, "v1@x", NULL,
			 "[PATCH net-next] foo: bar", "Bar.\n\n" FX_SOB, NULL,
			 "net/core/foo.c", "static int foo(void)", "\tint x;");
		fx_mail(&b, "Carol Reviewer <carol@example.org>", FX_DATE1,
			"r1@x", "v1@x", "Re: [PATCH net-next] foo: bar", NULL,
			"On Mon, Alice wrote:\n> Bar.\n\n" RB);
		fx_patch(&b, FX_DATE2, "v2@x", NULL,
			 "[PATCH net-next v2] foo: bar",
			 variant ? "Bar.\n\n" FX_SOB RB : "Bar.\n\n" FX_SOB,
			 CL_OK, "net/core/foo.c", "static int foo(void)",
			 "\tint x;");
		fx_check(&f, &b);
		fi = fx_find(&f, "review.tag-dropped");
		if (variant) {
			cr_expect_null(fi, "%s", fx_dump(&f));
		} else {
			cr_assert_not_null(fi, "%s", fx_dump(&f));
			cr_expect(strstr(fi->message, "in a reply") != NULL,
				  "%s", fi->message);
		}
		fx_release(&f);
		prv_buf_reset(&b);
	}
	prv_buf_release(&b);
}

/*
 * Tens of thousands of trailers: the duplicates among them are found
 * through a map; comparing each with all before would make the suite
 * crawl (no timing is asserted).
 */
Test(rules, duplicate_among_many_trailers)
{
	struct prv_buf b = PRV_BUF_INIT, msg = PRV_BUF_INIT;
	struct fx f;
	int i;

	prv_buf_addstr(&msg, "Bar.\n\n");
	for (i = 0; i < 60000; i++)
		prv_buf_addf(&msg, "Cc: Person %d <p%d@example.org>\n", i, i);
	prv_buf_addstr(&msg, "cc: Person 7 <p7@example.org>\n"
			     "Cc: person 9 <p9@example.org>\n"
			     "CC: Person 11 <p11@example.org>\n" FX_SOB);
	one_patch(&b, "[PATCH net-next] foo: bar", msg.data, "net/core/foo.c");
	fx_check(&f, &b);
	/* the key in any case, the value as it is */
	cr_expect_eq(fx_count(&f, "trailer.duplicate"), 2, "%s", fx_dump(&f));
	fx_release(&f);
	prv_buf_release(&msg);
	prv_buf_release(&b);
}

/*
 * Tens of thousands of findings on one patch: each is kept once (an equal
 * one just before it is still dropped), and adding them is not quadratic
 * (comparing each with all before it would make the suite crawl; no timing
 * is asserted).
 */
Test(rules, many_findings_on_one_patch)
{
	struct prv_buf b = PRV_BUF_INIT, msg = PRV_BUF_INIT;
	struct fx f;
	int i;

	prv_buf_addstr(&msg, "Bar.\n\n"
			     "Cc: Twice <twice@example.org>\n"
			     "Cc: Twice <twice@example.org>\n"
			     "Cc: Twice <twice@example.org>\n");
	for (i = 0; i < 60000; i++)
		prv_buf_addf(&msg,
			     "Cc: Person %d <p%d@example.org>\n"
			     "Cc: Person %d <p%d@example.org>\n",
			     i, i, i, i);
	prv_buf_addstr(&msg, FX_SOB);
	one_patch(&b, "[PATCH net-next] foo: bar", msg.data, "net/core/foo.c");
	fx_check(&f, &b);
	cr_expect_eq(fx_count(&f, "trailer.duplicate"), 60001);
	fx_release(&f);
	prv_buf_release(&msg);
	prv_buf_release(&b);
}

/* prereview.fixTrees replaces the list of trees that need Fixes: tags. */
Test(rules, fix_trees_from_the_configuration)
{
	struct prv_buf b = PRV_BUF_INIT;
	struct prv_check_opts o = PRV_CHECK_OPTS_INIT;
	struct fx f;

	series_n(&b, 2, false, "wpan", NULL, 0);
	fx_check_opts(&f, &b, NULL, &o);
	cr_expect_eq(fx_count(&f, "series.fixes-missing"), 0, "%s",
		     fx_dump(&f));
	fx_release(&f);
	o.fix_trees = "net, wpan";
	fx_check_opts(&f, &b, NULL, &o);
	cr_expect_eq(fx_count(&f, "series.fixes-missing"), 1, "%s",
		     fx_dump(&f));
	fx_release(&f);
	prv_buf_release(&b);
}

/* Several reporters without Closes: one finding naming them all. */
Test(rules, one_reported_finding_per_patch)
{
	struct prv_buf b = PRV_BUF_INIT;
	struct fx f;

	one_patch(&b, "[PATCH net] foo: bar",
		  "Bar.\n\n" FIXES_OK "Reported-by: Dan <dan@example.org>\n"
		  "Reported-by: Eve <eve@example.org>\n" FX_SOB,
		  "net/core/foo.c");
	fx_check(&f, &b);
	cr_assert_eq(fx_count(&f, "trailer.reported-without-closes"), 1, "%s",
		     fx_dump(&f));
	cr_expect(
		strstr(fx_find(&f, "trailer.reported-without-closes")->message,
		       "Dan") &&
		strstr(fx_find(&f, "trailer.reported-without-closes")->message,
		       "Eve"));
	fx_release(&f);
	prv_buf_release(&b);
}

/* netdev's 15-patch limit: for netdev's trees, not one that Cc's it. */
Test(rules, too_long_only_for_netdev_trees)
{
	struct prv_buf b = PRV_BUF_INIT;
	struct fx f;

	series_n(&b, 16, true, "nf-next", NULL, 0);
	fx_check(&f, &b);
	cr_assert_eq(fx_count(&f, "series.too-long"), 1, "%s", fx_dump(&f));
	cr_expect_eq(fx_find(&f, "series.too-long")->severity, PRV_SEV_FAIL);
	fx_release(&f);
	prv_buf_reset(&b);
	series_n(&b, 16, true, "mic-next", NULL, 0);
	fx_check(&f, &b);
	cr_expect_eq(fx_count(&f, "series.too-long"), 0, "%s", fx_dump(&f));
	fx_release(&f);
	prv_buf_reset(&b);
	/* no tree named: the cover is To: another list, netdev not */
	series_n(&b, 16, true, NULL, NULL, 0);
	fx_check(&f, &b);
	cr_expect_eq(fx_count(&f, "series.too-long"), 0, "%s", fx_dump(&f));
	fx_release(&f);
	prv_buf_release(&b);
}

/* A Fixes: tag in a -next series is a note: fixes of -next code go there. */
Test(rules, fixes_in_next_is_a_note)
{
	struct prv_buf b = PRV_BUF_INIT;
	struct fx f;

	series_n(&b, 2, false, "net-next", FIXES_OK, 0);
	fx_check(&f, &b);
	cr_assert_eq(fx_count(&f, "series.fixes-in-next"), 1, "%s",
		     fx_dump(&f));
	cr_expect_eq(fx_find(&f, "series.fixes-in-next")->severity,
		     PRV_SEV_INFO);
	fx_release(&f);
	prv_buf_release(&b);
}

/* A cover to two lists, the patches in the input to one of them. */
static void partial_cc(struct prv_buf *b, const char *patch_cc)
{
	struct prv_buf body = PRV_BUF_INIT;
	char hdr[200];
	int k;

	fx_mail(b, FX_AUTHOR, FX_DATE1, "c@x", NULL,
		"[PATCH net-next 0/3] foo: a series",
		"To: netdev@vger.kernel.org\nCc: cgroups@example.org\n",
		"This series does things.\n");
	snprintf(hdr, sizeof(hdr), "To: netdev@vger.kernel.org\n%s", patch_cc);
	for (k = 1; k <= 2; k++) {
		char subj[64], id[16];

		snprintf(subj, sizeof(subj),
			 "[PATCH net-next %d/3] foo: step %d", k, k);
		snprintf(id, sizeof(id), "p%d@x", k);
		prv_buf_reset(&body);
		prv_buf_addstr(&body, "Step.\n\n" FX_SOB "---\n");
		fx_diff(&body, "net/core/foo.c", "static int foo(void)",
			"\tint x;");
		fx_mail(b, FX_AUTHOR, FX_DATE1, id, "c@x", subj, hdr,
			body.data);
	}
	prv_buf_release(&body);
}

/*
 * Patch 3 of a series whose cover went to a list none of the patches in
 * the input went to: it went there, not missing from the posting.
 */
Test(rules, incomplete_with_split_recipients_is_a_note)
{
	struct prv_buf b = PRV_BUF_INIT;
	struct fx f;

	partial_cc(&b, "");
	fx_check(&f, &b);
	cr_assert_eq(fx_count(&f, "series.incomplete"), 1, "%s", fx_dump(&f));
	cr_expect_eq(fx_find(&f, "series.incomplete")->severity, PRV_SEV_INFO);
	fx_release(&f);
	prv_buf_reset(&b);
	partial_cc(&b, "Cc: cgroups@example.org\n");
	fx_check(&f, &b);
	cr_assert_eq(fx_count(&f, "series.incomplete"), 1, "%s", fx_dump(&f));
	cr_expect_eq(fx_find(&f, "series.incomplete")->severity, PRV_SEV_WARN);
	fx_release(&f);
	prv_buf_release(&b);
}

/* The author applying their own patch after a review signs off again. */
Test(rules, sign_off_again_after_review_is_no_duplicate)
{
	static const char *const sob2 =
		"Signed-off-by: Bob Maint <bob@example.org>\n";
	struct prv_buf b = PRV_BUF_INIT, msg = PRV_BUF_INIT;
	struct fx f;

	prv_buf_addf(&msg, "Bar.\n\n%s" RB "%s", sob2, sob2);
	one_patch(&b, "[PATCH net-next] foo: bar", msg.data, "net/core/foo.c");
	fx_check(&f, &b);
	cr_expect_eq(fx_count(&f, "trailer.duplicate"), 0, "%s", fx_dump(&f));
	fx_release(&f);
	prv_buf_reset(&b);
	prv_buf_reset(&msg);
	prv_buf_addf(&msg, "Bar.\n\n" RB "%s%s", sob2, sob2);
	one_patch(&b, "[PATCH net-next] foo: bar", msg.data, "net/core/foo.c");
	fx_check(&f, &b);
	cr_expect_eq(fx_count(&f, "trailer.duplicate"), 1, "%s", fx_dump(&f));
	fx_release(&f);
	prv_buf_release(&msg);
	prv_buf_release(&b);
}

/* A stable-only patch says it has no upstream commit: nothing to name. */
Test(rules, stable_only_patch_names_no_upstream)
{
	struct prv_buf b = PRV_BUF_INIT;
	struct fx f;

	one_patch(&b, "[PATCH 6.6.y] foo: bar", "Bar.\n\n" FX_SOB,
		  "net/core/foo.c");
	fx_check(&f, &b);
	cr_expect_eq(fx_count(&f, "backport.upstream-missing"), 1, "%s",
		     fx_dump(&f));
	fx_release(&f);
	prv_buf_reset(&b);
	one_patch(&b, "[PATCH 6.6.y] foo: bar",
		  "No upstream commit exists for this patch: the code was "
		  "removed upstream.\n\nBar.\n\n" FX_SOB,
		  "net/core/foo.c");
	fx_check(&f, &b);
	cr_expect_eq(fx_count(&f, "backport.upstream-missing"), 0, "%s",
		     fx_dump(&f));
	fx_release(&f);
	prv_buf_release(&b);
}

/*
 * A backport carries its upstream commit's trailers as they are: a
 * non-standard tag there is upstream's, a note; the same tag in a patch
 * of its own is a warning.
 */
Test(rules, upstream_trailers_of_a_backport_are_a_note)
{
	static const char *const msg =
		"Bar.\n\nRequested-by: Dan <dan@example.org>\n" FX_SOB;
	struct prv_buf b = PRV_BUF_INIT, m = PRV_BUF_INIT;
	const struct prv_finding *t;
	struct fx f;

	prv_buf_addf(&m,
		     "[ Upstream commit 0123456789abcdef0123456789abcdef"
		     "01234567 ]\n\n%s",
		     msg);
	one_patch(&b, "[PATCH 6.6.y] foo: bar", m.data, "net/core/foo.c");
	fx_check(&f, &b);
	t = fx_find(&f, "trailer.malformed");
	cr_assert_not_null(t, "%s", fx_dump(&f));
	cr_expect_eq(t->severity, PRV_SEV_INFO, "%s", fx_dump(&f));
	fx_release(&f);
	prv_buf_reset(&b);
	one_patch(&b, "[PATCH net-next] foo: bar", msg, "net/core/foo.c");
	fx_check(&f, &b);
	t = fx_find(&f, "trailer.malformed");
	cr_assert_not_null(t, "%s", fx_dump(&f));
	cr_expect_eq(t->severity, PRV_SEV_WARN, "%s", fx_dump(&f));
	fx_release(&f);
	prv_buf_release(&m);
	prv_buf_release(&b);
}

/*
 * The patches of v2 answer a cover the input lacks (a list Cc'd on some
 * patches of a series): the changelog is most likely in that cover, so
 * its absence here is a note.
 */
Test(rules, changelog_of_a_slice_is_a_note)
{
	struct prv_buf b = PRV_BUF_INIT;
	const struct prv_finding *c;
	struct fx f;

	fx_patch(&b, FX_DATE2, "p2@x", "absent-cover@x",
		 "[PATCH net-next v2 2/3] foo: bar", "Bar.\n\n" FX_SOB, NULL,
		 "net/core/foo.c", "static int foo(void)", "\tint x;");
	fx_check(&f, &b);
	c = fx_find(&f, "changelog.missing");
	cr_assert_not_null(c, "%s", fx_dump(&f));
	cr_expect_eq(c->severity, PRV_SEV_INFO, "%s", fx_dump(&f));
	fx_release(&f);
	prv_buf_reset(&b);
	fx_patch(&b, FX_DATE2, "p2@x", NULL, "[PATCH net-next v2] foo: bar",
		 "Bar.\n\n" FX_SOB, NULL, "net/core/foo.c",
		 "static int foo(void)", "\tint x;");
	fx_check(&f, &b);
	c = fx_find(&f, "changelog.missing");
	cr_assert_not_null(c, "%s", fx_dump(&f));
	cr_expect_eq(c->severity, PRV_SEV_WARN, "%s", fx_dump(&f));
	fx_release(&f);
	prv_buf_release(&b);
}
