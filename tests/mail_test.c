// SPDX-License-Identifier: GPL-2.0-or-later
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/arena.h"
#include "core/mail/mail.h"
#include "core/base/warn.h"
#include "testutil.h"

struct parsed {
	struct prv_arena a;
	struct prv_warnings w;
	struct prv_mail m;
	char *text;
};

static void parse(struct parsed *p, const char *name)
{
	size_t len;

	prv_arena_init(&p->a);
	prv_warnings_init(&p->w, &p->a);
	p->text = prv_test_read(prv_test_data(name), &len);
	cr_assert_not_null(p->text, "%s", name);
	cr_assert_eq(prv_mail_parse(&p->m, &p->a, p->text, len, name, &p->w),
		     0);
}

static void done(struct parsed *p)
{
	prv_warnings_release(&p->w);
	prv_arena_release(&p->a);
	free(p->text);
}

Test(mail, cover_letter_headers_and_b4_footer)
{
	struct parsed p;
	const struct prv_mail *m = &p.m;

	parse(&p, "patch/b4-cover.eml");
	cr_assert_str_eq(m->message_id,
			 "20240102-better-v3-0-abcdef@example.org");
	cr_assert(!m->message_id_missing);
	cr_assert_str_eq(m->in_reply_to,
			 "20231201-better-v2-0-abcdef@example.org");
	cr_assert_eq(m->nr_references, 2);
	cr_assert_str_eq(m->references[0],
			 "20231101-better-v1-0-abcdef@example.org");
	cr_assert_str_eq(m->references[1],
			 "20231201-better-v2-0-abcdef@example.org");
	cr_assert(m->has_date);
	cr_assert_eq(m->date, 1704186672);
	cr_assert_eq(m->tz_minutes, 60);
	cr_assert_str_eq(m->from.email, "jane@example.org");
	cr_assert_eq(m->nr_to, 2);
	cr_assert_eq(m->nr_cc, 1);
	cr_assert_str_eq(m->list_id, "<netdev.vger.kernel.org>");
	cr_assert(m->subj.is_patch);
	cr_assert_eq(m->subj.version, 3);
	cr_assert_eq(m->subj.index, 0);
	cr_assert_str_eq(m->pm.title, "net: make things better");
	cr_assert_str_eq(m->pm.author.name, "Jane Doe");
	cr_assert(!prv_mail_has_patch(m));
	cr_assert_str_eq(m->patch_id, "");
	cr_assert_str_eq(m->change_id, "20231101-better-0123456789ab");
	cr_assert_str_eq(m->base_commit,
			 "0123456789abcdef0123456789abcdef01234567");
	cr_assert_eq(m->nr_prerequisites, 2);
	cr_assert_str_eq(m->prerequisites[0],
			 "prerequisite-change-id: 20231001-other-abcdef:v2");
	done(&p);
}

Test(mail, patch_with_in_body_author_and_no_message_id)
{
	struct parsed p;
	const struct prv_mail *m = &p.m;
	size_t i;
	bool warned = false;

	parse(&p, "patch/inbody.patch");
	cr_assert(m->message_id_missing);
	cr_assert(!strncmp(m->message_id, "prv-missing-", 12));
	cr_assert(strstr(m->message_id, "@prereview"));
	for (i = 0; i < p.w.nr; i++)
		if (strstr(p.w.items[i].text, "Message-ID"))
			warned = true;
	cr_assert(warned);
	cr_assert_str_eq(m->from.email, "list@example.org");
	cr_assert_str_eq(m->pm.author.name, "Doe, Jane");
	cr_assert_str_eq(m->pm.author.email, "jane@example.org");
	cr_assert(m->pm.author_in_body);
	cr_assert_str_eq(m->pm.title, "net: right title continued here");
	cr_assert(prv_mail_has_patch(m));
	cr_assert_eq(m->diff.nr_files, 1);
	cr_assert_eq(m->diff.added, 1);
	cr_assert_str_eq(m->patch_id,
			 "e4885359d5c2c6980e4d192fa6835d646832151a");
	cr_assert_eq(m->pm.nr_trailers, 2);
	cr_assert_null(m->change_id);
	done(&p);
}

Test(mail, same_mail_same_synthesised_id)
{
	struct parsed a, b;

	parse(&a, "patch/inbody.patch");
	parse(&b, "patch/inbody.patch");
	cr_assert_str_eq(a.m.message_id, b.m.message_id);
	done(&a);
	done(&b);
}

Test(mail, garbage_does_not_crash)
{
	static const char *const inputs[] = {
		"",
		"\n",
		"no headers at all\n---\ndiff --git a/x b/x\n@@ -1 +1 @@\n",
		"Subject: x\nMessage-ID: <>\nReferences: <a> <> <b\n\nbody",
		"Message-ID: plain-id@x\nIn-Reply-To: <\n\n",
	};
	size_t i;

	for (i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		struct prv_arena a = PRV_ARENA_INIT;
		struct prv_warnings w;
		struct prv_mail m;

		prv_warnings_init(&w, &a);
		cr_assert_eq(prv_mail_parse(&m, &a, inputs[i],
					    strlen(inputs[i]), "t", &w),
			     0, "case %zu", i);
		cr_assert_not_null(m.message_id);
		cr_assert_not_null(m.subject);
		prv_warnings_release(&w);
		prv_arena_release(&a);
	}
}

/* Empty "<>" ids are passed over for the next one, however many there are. */
Test(mail, ids_after_empty_brackets)
{
	static const struct {
		const char *headers;
		const char *id, *irt, *ref0;
		size_t nr_refs;
	} cases[] = {
		{ "Message-ID: <> <a@x>\nIn-Reply-To: < >  <b@x>\n"
		  "References: <> <c@x> <> <d@x>\n",
		  "a@x", "b@x", "c@x", 2 },
		{ "Message-ID: <> word@x\nReferences: <\n", "word@x", NULL,
		  NULL, 0 },
	};
	const size_t runs = 1000000;
	struct prv_arena a = PRV_ARENA_INIT;
	struct prv_mail m;
	char *text, *p;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char buf[256];

		snprintf(buf, sizeof(buf), "%s\nbody\n", cases[i].headers);
		cr_assert_eq(
			prv_mail_parse(&m, &a, buf, strlen(buf), "t", NULL), 0);
		cr_assert_str_eq(m.message_id, cases[i].id, "case %zu", i);
		if (cases[i].irt)
			cr_assert_str_eq(m.in_reply_to, cases[i].irt);
		else
			cr_assert_null(m.in_reply_to);
		cr_assert_eq(m.nr_references, cases[i].nr_refs);
		if (cases[i].ref0)
			cr_assert_str_eq(m.references[0], cases[i].ref0);
	}

	/* a million of them: no recursion that runs out of stack */
	text = malloc(2 * runs + 64);
	cr_assert_not_null(text);
	p = text + sprintf(text, "Message-ID: ");
	for (i = 0; i < runs; i++) {
		*p++ = '<';
		*p++ = '>';
	}
	p += sprintf(p, "<last@x>\n\nbody\n");
	cr_assert_eq(
		prv_mail_parse(&m, &a, text, (size_t)(p - text), "t", NULL), 0);
	cr_assert_str_eq(m.message_id, "last@x");
	free(text);
	prv_arena_release(&a);
}
