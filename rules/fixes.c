// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fixes: tags as checkpatch.pl and the netdev CI want them:
 * "Fixes: <12+ hex> ("<subject>")" on one line, inside the trailer block.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rules/rules.h"
#include "core/base/util.h"

#define FIXES_SHA_MIN 12
#define FIXES_QUOTE_MAX 60 /* bytes of a Fixes: line quoted in a message */

/* Line `n` (0-based) of the message: pointer and length. */
static const char *message_line(const struct prv_mail *m, size_t n, size_t *len)
{
	const char *p = m->pm.message, *end = p + m->pm.message_len;

	while (p < end && n) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		if (!nl)
			return NULL;
		p = nl + 1;
		n--;
	}
	if (p >= end)
		return NULL;
	*len = prv_line_len(p, (size_t)(end - p));
	return p;
}

/* "Fixes:" followed by something that starts like a commit id. */
static bool fixes_line(const char *s, size_t len)
{
	size_t i = 6;

	if (!prv_starts_with_ci(s, len, "Fixes:"))
		return false;
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i + 7 <= len && prv_starts_with_ci(s + i, len - i, "commit"))
		i += 6;
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i + 4 <= len && isxdigit((unsigned char)s[i]) &&
	       isxdigit((unsigned char)s[i + 1]) &&
	       isxdigit((unsigned char)s[i + 2]) &&
	       isxdigit((unsigned char)s[i + 3]);
}

size_t prv_check_count_fixes(const struct prv_mail *m)
{
	const char *p = m->pm.message, *end = p + m->pm.message_len;
	size_t n = 0;

	while (p && p < end) {
		size_t l = prv_line_len(p, (size_t)(end - p));

		n += fixes_line(p, l);
		p += l + 1;
	}
	return n;
}

/* What is wrong with a Fixes: value, or NULL when it is well-formed. */
static const char *fixes_problem(const char *v, bool *short_sha)
{
	size_t n = 0, l = strlen(v);

	*short_sha = false;
	if (!strncasecmp(v, "commit", 6) && (v[6] == ' ' || v[6] == '\t'))
		return "drop the word 'commit'";
	while (isxdigit((unsigned char)v[n]))
		n++;
	if (!n)
		return "it does not start with a commit id";
	if (n < FIXES_SHA_MIN) {
		*short_sha = true;
		return "the commit id has fewer than 12 hex digits";
	}
	if (n > 40)
		return "the commit id is longer than 40 hex digits";
	if (!v[n])
		return "the subject is missing: (\"subject\")";
	if (v[n] != ' ')
		return "one space should follow the commit id";
	if (v[n + 1] != '(' || v[n + 2] != '"')
		return "the subject should follow as (\"subject\")";
	if (l < n + 5 || v[l - 1] != ')' || v[l - 2] != '"')
		return "the subject should end with \")";
	return NULL;
}

static int check_format(struct prv_check_ctx *ctx,
			const struct prv_check_target *t)
{
	const struct prv_mail *m = t->patch->mail;
	size_t i;

	for (i = 0; i < m->pm.nr_trailers; i++) {
		const struct prv_trailer *tr = &m->pm.trailers[i];
		const char *why, *raw;
		bool short_sha;
		size_t rl;

		if (!prv_check_key_is(tr, "Fixes") || !tr->value)
			continue;
		why = fixes_problem(tr->value, &short_sha);
		if (why) {
			prv_check_report(
				ctx, "fixes.bad-format", PRV_SEV_FAIL, t->patch,
				NULL, 0,
				"write 'Fixes: <12 hex> (\"subject\")' as this "
				"prints it:\n" PRV_FIXES_LINE_CMD,
				"'Fixes: %s': %s", tr->value, why);
			continue;
		}
		raw = message_line(m, tr->line, &rl);
		if (raw && rl < 6 + strlen(tr->value))
			prv_check_report(ctx, "fixes.bad-format", PRV_SEV_FAIL,
					 t->patch, NULL, 0,
					 "keep the whole tag on one line, "
					 "however long",
					 "'Fixes: %s' is wrapped over several "
					 "lines",
					 tr->value);
	}
	return 0;
}

/* True if the paragraph of lines [s, e) is only Token: value lines. */
static bool trailer_like_line(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && (isalnum((unsigned char)s[i]) || s[i] == '-'))
		i++;
	return i && i < len && s[i] == ':';
}

static int check_blank_lines(struct prv_check_ctx *ctx,
			     const struct prv_check_target *t)
{
	const struct prv_mail *m = t->patch->mail;
	const char *msg = m->pm.message, *end = msg + m->pm.message_len;
	const char *p = msg;
	size_t block = m->pm.trailer_block;

	if (block >= m->pm.message_len)
		return 0; /* no trailer block to be apart from */
	while (p < end && (size_t)(p - msg) < block) {
		size_t l = prv_line_len(p, (size_t)(end - p));
		const char *q;

		if (!fixes_line(p, l)) {
			p += l + 1;
			continue;
		}
		/* A Fixes: line above the trailer block: is only blank or
		 * tag lines between it and the block? */
		q = p + l + 1;
		while (q < end && (size_t)(q - msg) < block) {
			size_t ql = prv_line_len(q, (size_t)(end - q));
			size_t k = 0;

			while (k < ql && isspace((unsigned char)q[k]))
				k++;
			if (k < ql && !trailer_like_line(q, ql))
				break;
			q += ql + 1;
		}
		if (q >= end || (size_t)(q - msg) >= block) {
			size_t n = l;

			/* a long line is cut between words, and says so */
			if (n > FIXES_QUOTE_MAX) {
				n = FIXES_QUOTE_MAX;
				while (n > FIXES_QUOTE_MAX / 2 && p[n] != ' ')
					n--;
				while (n &&
				       ((unsigned char)p[n] & 0xc0) == 0x80)
					n--;
			}
			prv_check_report(ctx, "fixes.blank-line", PRV_SEV_FAIL,
					 t->patch, NULL, 0,
					 "put Fixes: in the trailer block, "
					 "with no blank line before the other "
					 "tags",
					 "blank line between '%.*s%s' and the "
					 "other tags",
					 (int)n, p, n < l ? "..." : "");
			return 0;
		}
		p += l + 1;
	}
	return 0;
}

const struct prv_check prv_checks_fixes[] = {
	{ "fixes/format", PRV_SCOPE_PATCH, check_format },
	{ "fixes/blank-line", PRV_SCOPE_PATCH, check_blank_lines },
	{ NULL, 0, NULL },
};
