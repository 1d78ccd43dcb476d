/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_TESTS_CHECKFIX_H
#define PRV_TESTS_CHECKFIX_H

/*
 * Fixtures for the check tests: hand-written mails assembled into an
 * mbox, parsed with the real mail parser and series assembly, checked, and
 * the findings looked up by id. Header-only so that each test file can use
 * it without a new library target.
 */

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/buf.h"
#include "core/check/check.h"
#include "rules/rules.h"
#include "core/mail/mail.h"
#include "core/mail/mbox.h"
#include "core/report/report.h"
#include "core/check/rulefile.h"
#include "core/series/series.h"
#include "core/base/util.h"

#define FX_DATE1 "Mon, 1 Jan 2024 10:00:00 +0000"
#define FX_DATE2 "Wed, 3 Jan 2024 10:00:00 +0000"
#define FX_AUTHOR "Alice Author <alice@example.org>"
#define FX_SOB "Signed-off-by: Alice Author <alice@example.org>\n"

/* A diff touching `path` with one added line in function `func`. */
static inline void fx_diff(struct prv_buf *b, const char *path,
			   const char *func, const char *added)
{
	prv_buf_addf(b,
		     "diff --git a/%s b/%s\n"
		     "index 1111111..2222222 100644\n"
		     "--- a/%s\n"
		     "+++ b/%s\n"
		     "@@ -10,6 +10,7 @@ %s\n"
		     " \tint a;\n"
		     " \tint b;\n"
		     " \tint c;\n"
		     "+%s\n"
		     " \tint d;\n"
		     " \tint e;\n"
		     " \tint f;\n",
		     path, path, path, path, func, added);
}

/*
 * Append one mail to an mbox. `headers` are extra header lines (each
 * ending in \n) or NULL; `body` is the whole body.
 */
static inline void fx_mail(struct prv_buf *mbox, const char *from,
			   const char *date, const char *msgid,
			   const char *in_reply_to, const char *subject,
			   const char *headers, const char *body)
{
	prv_buf_addf(mbox,
		     "From mboxrd@z Thu Jan  1 00:00:00 1970\n"
		     "From: %s\nDate: %s\nMessage-ID: <%s>\nSubject: %s\n",
		     from, date, msgid, subject);
	if (in_reply_to)
		prv_buf_addf(mbox, "In-Reply-To: <%s>\nReferences: <%s>\n",
			     in_reply_to, in_reply_to);
	if (headers)
		prv_buf_addstr(mbox, headers);
	prv_buf_addf(mbox, "\n%s\n", body);
}

/*
 * A patch mail: `message` (commit message without title, trailers
 * included), `notes` below the --- line (or NULL), and a diff of `path`.
 */
static inline void fx_patch(struct prv_buf *mbox, const char *date,
			    const char *msgid, const char *in_reply_to,
			    const char *subject, const char *message,
			    const char *notes, const char *path,
			    const char *func, const char *added)
{
	struct prv_buf body = PRV_BUF_INIT;

	prv_buf_addf(&body, "%s---\n", message);
	if (notes)
		prv_buf_addf(&body, "%s\n", notes);
	fx_diff(&body, path, func, added);
	prv_buf_addstr(&body, "-- \n2.43.0\n");
	fx_mail(mbox, FX_AUTHOR, date, msgid, in_reply_to, subject,
		"To: netdev@vger.kernel.org\n", body.data);
	prv_buf_release(&body);
}

struct fx {
	struct prv_input in;
	struct prv_report r;
	struct prv_ruleset rules;
	struct prv_check_opts opts;
	char *buf;
};

static inline void fx_parse(struct fx *f, const char *mbox, size_t len)
{
	struct prv_mbox mb = PRV_MBOX_INIT;
	size_t i;

	memset(&f->in, 0, sizeof(f->in));
	prv_arena_init(&f->in.arena);
	prv_warnings_init(&f->in.warnings, &f->in.arena);
	f->buf = prv_xmalloc(len + 1);
	memcpy(f->buf, mbox, len);
	f->buf[len] = '\0';
	cr_assert_eq(prv_mbox_split(&mb, f->buf, len, PRV_MBOX_AUTO, "fixture",
				    &f->in.warnings),
		     0);
	f->in.mails = prv_xcalloc(mb.nr + 1, sizeof(*f->in.mails));
	for (i = 0; i < mb.nr; i++) {
		struct prv_mail *m = prv_arena_alloc(&f->in.arena, sizeof(*m));

		cr_assert_eq(prv_mail_parse(m, &f->in.arena, mb.items[i].data,
					    mb.items[i].len, "fixture",
					    &f->in.warnings),
			     0);
		m->seq = i;
		f->in.mails[f->in.nr_mails++] = m;
	}
	prv_mbox_release(&mb);
	cr_assert_eq(prv_series_assemble(&f->in), 0);
}

/* Parse, load the shipped rules plus `extra_rules` (or NULL), check. */
static inline void fx_check_opts(struct fx *f, const struct prv_buf *mbox,
				 const char *extra_rules,
				 const struct prv_check_opts *opts)
{
	memset(f, 0, sizeof(*f));
	fx_parse(f, mbox->data, mbox->len);
	prv_ruleset_init(&f->rules);
	cr_assert_eq(prv_ruleset_add_default(&f->rules), 0, "%s",
		     prv_error_last());
	if (extra_rules)
		cr_assert_eq(prv_ruleset_add_text(&f->rules, extra_rules,
						  strlen(extra_rules), "extra"),
			     0, "%s", prv_error_last());
	if (opts)
		f->opts = *opts;
	else
		f->opts = (struct prv_check_opts)PRV_CHECK_OPTS_INIT;
	f->opts.rules = &f->rules;
	prv_report_init(&f->r);
	cr_assert_eq(prv_report_check(&f->r, &f->in, prv_rule_families,
				      &f->opts),
		     0);
}

static inline void fx_check(struct fx *f, const struct prv_buf *mbox)
{
	fx_check_opts(f, mbox, NULL, NULL);
}

static inline void fx_release(struct fx *f)
{
	prv_report_release(&f->r);
	prv_ruleset_release(&f->rules);
	free(f->in.mails);
	prv_warnings_release(&f->in.warnings);
	prv_arena_release(&f->in.arena);
	free(f->buf);
}

/* Number of findings with `id`. */
static inline size_t fx_count(const struct fx *f, const char *id)
{
	size_t i, n = 0;

	for (i = 0; i < f->r.nr_findings; i++)
		n += !strcmp(f->r.findings[i].id, id);
	return n;
}

static inline const struct prv_finding *fx_find(const struct fx *f,
						const char *id)
{
	size_t i;

	for (i = 0; i < f->r.nr_findings; i++)
		if (!strcmp(f->r.findings[i].id, id))
			return &f->r.findings[i];
	return NULL;
}

/* Every finding, for failure messages. */
static inline const char *fx_dump(const struct fx *f)
{
	static char out[8192];
	size_t i, n = 0;

	out[0] = '\0';
	for (i = 0; i < f->r.nr_findings && n < sizeof(out) - 200; i++)
		n += (size_t)snprintf(out + n, sizeof(out) - n,
				      "\n  %s p%d: %s", f->r.findings[i].id,
				      f->r.findings[i].patch,
				      f->r.findings[i].message);
	return out;
}

#endif
