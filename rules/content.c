// SPDX-License-Identifier: GPL-2.0-or-later
/* Content rules: the subject line. */
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"

#define SUBJECT_MAX_COLUMNS 75

static size_t utf8_columns(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/*
 * git revert's subject: 'Revert "<the reverted commit's subject>"' (and
 * 'Reapply "..."' for a revert of a revert). It must quote the subject
 * whole, so its length is the reverted commit's.
 */
static bool revert_title(const char *title)
{
	return !strncmp(title, "Revert \"", 8) ||
	       !strncmp(title, "Reapply \"", 9);
}

static int check_subject(struct prv_check_ctx *ctx,
			 const struct prv_check_target *t)
{
	const struct prv_mail *m = t->patch->mail;
	const char *title = m->pm.title ? m->pm.title : m->subj.title;
	size_t n;

	if (!title || revert_title(title))
		return 0;
	n = utf8_columns(title);
	if (n > SUBJECT_MAX_COLUMNS)
		prv_check_report(ctx, "subject.too-long", PRV_SEV_WARN,
				 t->patch, NULL, 0,
				 "say it in 75 characters; details go in the "
				 "body",
				 "summary is %zu characters long, more than %d",
				 n, SUBJECT_MAX_COLUMNS);
	return 0;
}

const struct prv_check prv_checks_content[] = {
	{ "content/subject", PRV_SCOPE_PATCH, check_subject },
	{ NULL, 0, NULL },
};
