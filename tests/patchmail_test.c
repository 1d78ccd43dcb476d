// SPDX-License-Identifier: GPL-2.0-or-later
#include <criterion/criterion.h>
#include <string.h>

#include "core/base/arena.h"
#include "core/mail/patchmail.h"
#include "core/base/util.h"
#include "core/base/warn.h"

#define DIFF                                                        \
	"diff --git a/x b/x\nindex 1..2 100644\n--- a/x\n+++ b/x\n" \
	"@@ -1,3 +1,2 @@\n a\n-- \n b\n"
#define SIG "-- \n2.43.0\n\n"

/* Expected values were checked against `git mailinfo -u`. */
static const struct {
	const char *name, *subject, *from, *body;
	bool scissors;
	const char *title, *author, *email, *message, *notes, *diff, *date;
	size_t nr_trailers;
} mail_cases[] = {
	{ "format-patch", "[PATCH v2 1/2] net: fix it", "A U Thor <a@x.org>",
	  "Body text.\n\nSigned-off-by: A U Thor <a@x.org>\n---\n"
	  " x | 1 -\n\n" DIFF SIG,
	  false, "net: fix it", "A U Thor", "a@x.org",
	  "Body text.\n\nSigned-off-by: A U Thor <a@x.org>\n", " x | 1 -\n\n",
	  DIFF, NULL, 1 },
	{ "in-body headers", "[PATCH] header title", "List <list@x.org>",
	  "\n\nFrom: \"Doe, Jane\" <jane@x.org>\nSubject: [PATCH] real\n"
	  " title\nDate: Tue, 2 Jan 2024  \n\n\nText  \n\n\n---\n" DIFF,
	  false, "real title", "Doe, Jane", "jane@x.org", "\nText  \n\n\n", "",
	  DIFF, "Tue, 2 Jan 2024 ", 0 },
	{ "in-body headers ignored without a patch", "Re: [PATCH] t",
	  "R <r@x.org>", "From: Other <o@x.org>\nThanks!\n", false, "t", "R",
	  "r@x.org", "Thanks!\n", "", "", NULL, 0 },
	{ "second in-body From is text", "s", "A <a@x>",
	  "From: B <b@x>\nFrom: C <c@x>\n\nx\n---\n", false, "s", "B", "b@x",
	  "From: C <c@x>\n\nx\n", "", "", NULL, 0 },
	{ "[PATCH] line in the body", "s", "A <a@x>",
	  "[PATCH] from body\n\nx\n---\n", false, "from body", "A", "a@x",
	  "x\n", "", "", NULL, 0 },
	{ "scissors off by default", "Re: [PATCH] s", "R <r@x>",
	  "Reply.\n-- >8 --\nFrom: Real <real@x>\n\nMsg.\n---\n" DIFF, false,
	  "s", "R", "r@x", "Reply.\n-- >8 --\nFrom: Real <real@x>\n\nMsg.\n",
	  "", DIFF, NULL, 0 },
	{ "scissors when asked", "Re: [PATCH] s", "R <r@x>",
	  "Reply.\n-- >8 --\nFrom: Real <real@x>\n\nMsg.\n---\n" DIFF, true,
	  "s", "Real", "real@x", "Msg.\n", "", DIFF, NULL, 0 },
	{ "short perforation is no scissors", "s", "R <r@x>", "- >8 --\nMsg.\n",
	  true, "s", "R", "r@x", "- >8 --\nMsg.\n", "", "", NULL, 0 },
	{ "diff right after the message", "s", "A <a@x>", "Msg.\n" DIFF, false,
	  "s", "A", "a@x", "Msg.\n", "", DIFF, NULL, 0 },
	{ "plain diff", "s", "A <a@x>",
	  "Msg.\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n", false, "s", "A",
	  "a@x", "Msg.\n", "", "--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n", NULL,
	  0 },
	{ "CVS Index line", "s", "A <a@x>", "Msg.\nIndex: f\n=====\n", false,
	  "s", "A", "a@x", "Msg.\n", "", "Index: f\n=====\n", NULL, 0 },
	{ "--- with trailing white space", "s", "A <a@x>",
	  "Msg.\n---  \t\nnotes\n", false, "s", "A", "a@x", "Msg.\n", "notes\n",
	  "", NULL, 0 },
	{ "---text is no break", "s", "A <a@x>", "Msg.\n---text\nmore\n", false,
	  "s", "A", "a@x", "Msg.\n---text\nmore\n", "", "", NULL, 0 },
	{ "--- without newline at the end", "s", "A <a@x>", "Msg.\n---", false,
	  "s", "A", "a@x", "Msg.\n---", "", "", NULL, 0 },
	{ "cover letter", "[PATCH 0/2] cover", "A <a@x>",
	  "Intro.\n\nA (2):\n  x\n\n--\n2.43.0\n", false, "cover", "A", "a@x",
	  "Intro.\n\nA (2):\n  x\n\n--\n2.43.0\n", "", "", NULL, 0 },
	{ "notes cut at the signature", "s", "A <a@x>",
	  "Msg.\n---\nv2: x\n-- \n2.43.0\n", false, "s", "A", "a@x", "Msg.\n",
	  "v2: x\n", "", NULL, 0 },
	{ "no From header", NULL, NULL, "x\n", false, "", "", "", "x\n", "", "",
	  NULL, 0 },
	{ "empty body", "s", "A <a@x>", "", false, "s", "A", "a@x", "", "", "",
	  NULL, 0 },
	{ "only blank lines", "s", "A <a@x>", "\n\n\n", false, "s", "A", "a@x",
	  "", "", "", NULL, 0 },
};

Test(patchmail, like_git_mailinfo)
{
	size_t i;

	for (i = 0; i < PRV_ARRAY_SIZE(mail_cases); i++) {
		struct prv_arena a = PRV_ARENA_INIT;
		struct prv_warnings w;
		struct prv_patchmail pm;
		struct prv_patchmail_opts opts = PRV_PATCHMAIL_OPTS_INIT;
		struct prv_person from;
		const char *n = mail_cases[i].name;

		prv_warnings_init(&w, &a);
		if (mail_cases[i].from)
			prv_patchmail_author(&from, &a, mail_cases[i].from,
					     strlen(mail_cases[i].from));
		opts.scissors = mail_cases[i].scissors;
		cr_assert_eq(prv_patchmail_parse_opts(
				     &pm, &a, mail_cases[i].subject,
				     mail_cases[i].from ? &from : NULL,
				     mail_cases[i].body,
				     strlen(mail_cases[i].body), "id", &w,
				     &opts),
			     0);
		cr_assert_str_eq(pm.title, mail_cases[i].title, "%s", n);
		cr_assert_str_eq(pm.author.name, mail_cases[i].author, "%s", n);
		cr_assert_str_eq(pm.author.email, mail_cases[i].email, "%s", n);
		cr_assert_eq(pm.message_len, strlen(mail_cases[i].message),
			     "%s", n);
		cr_assert(!memcmp(pm.message, mail_cases[i].message,
				  pm.message_len),
			  "%s: message '%.*s'", n, (int)pm.message_len,
			  pm.message);
		cr_assert_eq(pm.notes_len, strlen(mail_cases[i].notes),
			     "%s: '%.*s'", n, (int)pm.notes_len, pm.notes);
		cr_assert(!memcmp(pm.notes, mail_cases[i].notes, pm.notes_len),
			  "%s", n);
		cr_assert_eq(pm.diff_len, strlen(mail_cases[i].diff),
			     "%s: '%.*s'", n, (int)pm.diff_len, pm.diff);
		cr_assert(!memcmp(pm.diff, mail_cases[i].diff, pm.diff_len),
			  "%s", n);
		if (mail_cases[i].date)
			cr_assert_str_eq(pm.date, mail_cases[i].date, "%s", n);
		else
			cr_assert_null(pm.date, "%s", n);
		cr_assert_eq(pm.nr_trailers, mail_cases[i].nr_trailers, "%s",
			     n);
		cr_assert_eq(pm.scissors,
			     mail_cases[i].scissors &&
				     strstr(mail_cases[i].body, "-- >8"),
			     "%s", n);
		prv_warnings_release(&w);
		prv_arena_release(&a);
	}
}

Test(patchmail, clean_subject)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "Re: foo", "foo" },
		{ "re : foo", "re : foo" },
		{ "RE:[PATCH] x", "x" },
		{ "Re:", "Re:" },
		{ "  [a] [b]  Re: re:  foo   bar ", "foo bar" },
		{ "[PATCH v2 1/3] net: x", "net: x" },
		{ "[PATCH net-next] [RFC] Re: [PATCH] a\tb", "a b" },
		{ "[unclosed bracket", "[unclosed bracket" },
		{ "", "" },
		{ "Fwd: [PATCH] kept", "Fwd: [PATCH] kept" },
	};
	size_t i;

	for (i = 0; i < PRV_ARRAY_SIZE(cases); i++) {
		struct prv_arena a = PRV_ARENA_INIT;

		cr_assert_str_eq(prv_patchmail_clean_subject(
					 &a, cases[i].in, strlen(cases[i].in)),
				 cases[i].out, "'%s'", cases[i].in);
		prv_arena_release(&a);
	}
}

Test(patchmail, author)
{
	static const struct {
		const char *in, *name, *email;
	} cases[] = {
		{ "joe@x.org", "joe@x.org", "joe@x.org" },
		{ "<joe@x.org>", "joe@x.org", "joe@x.org" },
		{ "joe@x.org (Joe D)", "Joe D", "joe@x.org" },
		{ "\"J. Doe via netdev\" <netdev@v.k.org>", "J. Doe via netdev",
		  "netdev@v.k.org" },
		{ "Joe <joe>", "Joe", "joe" },
		{ "A Very Long Name That Goes On And On And On And On And On More "
		  "Than Sixty",
		  "", "" },
		{ "\"Doe, Jane\"   <jane@x.org>", "Doe, Jane", "jane@x.org" },
		{ "\"A \\\"Q\\\" B\" <q@x>", "A \"Q\" B", "q@x" },
		{ "", "", "" },
		{ "Name <a@b> <c@d>", "a@b", "a@b" },
	};
	size_t i;

	for (i = 0; i < PRV_ARRAY_SIZE(cases); i++) {
		struct prv_arena a = PRV_ARENA_INIT;
		struct prv_person p;

		prv_patchmail_author(&p, &a, cases[i].in, strlen(cases[i].in));
		cr_assert_str_eq(p.name, cases[i].name, "'%s'", cases[i].in);
		cr_assert_str_eq(p.email, cases[i].email, "'%s'", cases[i].in);
		prv_arena_release(&a);
	}
}
