// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Trailer rules, as submitting-patches.rst states them and checkpatch.pl
 * and the netdev CI enforce them.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rules/rules.h"
#include "core/base/buf.h"
#include "core/mail/address.h"
#include "core/base/util.h"
#include "core/check/check.h"
#include "core/base/strmap.h"

/* checkpatch's $signature_tags, with their usual spelling. */
static const char *const person_tags[] = {
	"Signed-off-by", "Co-developed-by", "Acked-by",	    "Tested-by",
	"Reviewed-by",	 "Reported-by",	    "Suggested-by", "Assisted-by",
};

static const char *const known_tags[] = {
	"Signed-off-by",
	"Co-developed-by",
	"Acked-by",
	"Tested-by",
	"Reviewed-by",
	"Reported-by",
	"Suggested-by",
	"Assisted-by",
	"Cc",
	"Link",
	"Closes",
	"Fixes",
	"To",
	"Message-ID",
	"Change-Id",
};

static bool is_sob(const struct prv_trailer *t)
{
	return prv_check_key_is(t, "Signed-off-by");
}

/* The next trailer line after index i (skipping kept non-trailers), or NULL. */
static const struct prv_trailer *next_trailer(const struct prv_mail *m,
					      size_t i)
{
	for (i++; i < m->pm.nr_trailers; i++)
		if (m->pm.trailers[i].is_trailer)
			return &m->pm.trailers[i];
	return NULL;
}

static const char *person_str(struct prv_arena *a, const struct prv_person *p)
{
	if (p->name && *p->name)
		return prv_arena_printf(a, "%s <%s>", p->name,
					p->email ? p->email : "");
	return prv_arena_printf(a, "<%s>", p->email ? p->email : "");
}

/*
 * The Signed-off-by lines outside the trailer block: above a changelog
 * paragraph that ends the message, below a first "---" line that opens
 * notes ("--- v2: ..."), or after a "--- file" line of the message that
 * git takes for the diff (no diff line starts with "Signed-off-by:").
 * Up to `max` values, in order.
 */
static size_t stray_sobs(struct prv_arena *a, const struct prv_mail *m,
			 const char **out, size_t max)
{
	const char *texts[3] = { m->pm.message, m->pm.notes, m->pm.diff };
	size_t lens[3] = { m->pm.message_len, m->pm.notes_len, m->pm.diff_len };
	size_t n = 0, t;

	for (t = 0; t < 3; t++) {
		const char *p = texts[t], *end = p ? p + lens[t] : NULL;

		while (p && p < end && n < max) {
			size_t l = prv_line_len(p, (size_t)(end - p));
			size_t k = 14; /* strlen("Signed-off-by:") */

			if (prv_starts_with_ci(p, l, "Signed-off-by:")) {
				while (k < l && (p[k] == ' ' || p[k] == '\t'))
					k++;
				while (l > k &&
				       isspace((unsigned char)p[l - 1]))
					l--;
				out[n++] = prv_arena_strndup(a, p + k, l - k);
			}
			p += prv_line_len(p, (size_t)(end - p)) + 1;
		}
	}
	return n;
}

#define SOB_MAX 64

/* The values of the patch's Signed-off-by lines, wherever they are. */
static size_t sob_values(struct prv_arena *a, const struct prv_mail *m,
			 const char **out)
{
	size_t i, n = 0;

	for (i = 0; i < m->pm.nr_trailers && n < SOB_MAX; i++)
		if (is_sob(&m->pm.trailers[i]))
			out[n++] = m->pm.trailers[i].value;
	return n ? n : stray_sobs(a, m, out, SOB_MAX);
}

static int check_sob(struct prv_check_ctx *ctx,
		     const struct prv_check_target *t)
{
	const struct prv_mail *m = t->patch->mail;
	struct prv_person author = m->pm.author, sender = m->from, p;
	bool author_ok = false, sender_has = false;
	const char *sobs[SOB_MAX];
	size_t i, n = sob_values(ctx->arena, m, sobs);

	if (!n) {
		/* a bug report or discussion carrying a diff submits nothing */
		if (!m->subj.is_patch)
			return 0;
		prv_check_report(ctx, "trailer.sob-missing", PRV_SEV_FAIL,
				 t->patch, NULL, 0,
				 "add 'Signed-off-by: Your Name <email>' (git "
				 "commit -s) to certify the DCO",
				 "no Signed-off-by: line");
		return 0;
	}
	for (i = 0; i < n; i++) {
		prv_person_parse_trailer(&p, ctx->arena, sobs[i]);
		if (prv_person_same(&p, &author) ||
		    (!*p.email && author.email && *author.email &&
		     strstr(sobs[i], author.email)))
			author_ok = true;
		if (prv_person_same(&p, &sender))
			sender_has = true;
	}
	if (!author_ok &&
	    ((author.email && *author.email) || (author.name && *author.name)))
		prv_check_report(ctx, "trailer.sob-author-missing",
				 PRV_SEV_FAIL, t->patch, NULL, 0,
				 "the author must sign off; fix the From: or "
				 "the Signed-off-by: line",
				 "author %s has no Signed-off-by",
				 person_str(ctx->arena, &author));
	/* b4 am wrote the author in From:: who sent it is not known */
	if (sender_has && !m->b4am) {
		prv_person_parse_trailer(&p, ctx->arena, sobs[n - 1]);
		if (!prv_person_same(&p, &sender))
			prv_check_report(ctx, "trailer.sob-sender-not-last",
					 PRV_SEV_WARN, t->patch, NULL, 0,
					 "the person sending the patch signs "
					 "off last",
					 "last Signed-off-by is '%s', not the "
					 "sender %s",
					 sobs[n - 1],
					 person_str(ctx->arena, &sender));
	}
	return 0;
}

/*
 * Trailer `i` repeats trailer `first`. A Signed-off-by given again after
 * other trailers is a second step in the chain of handling (the author
 * who applies their own patch after a review: "Signed-off-by: A",
 * "Reviewed-by: B", "Signed-off-by: A"), not a duplicate.
 */
static bool repeated(const struct prv_mail *m, size_t first, size_t i)
{
	size_t j;

	if (first == i)
		return false;
	if (strcasecmp(m->pm.trailers[i].key, "Signed-off-by"))
		return true;
	for (j = first + 1; j < i; j++)
		if (m->pm.trailers[j].is_trailer &&
		    strcasecmp(m->pm.trailers[j].key, "Signed-off-by"))
			return false;
	return true;
}

/*
 * A trailer given twice (key in any case, same value). A map of those seen
 * so far, not a pass over them: a message may hold tens of thousands.
 */
static int check_duplicates(struct prv_check_ctx *ctx,
			    const struct prv_check_target *t)
{
	const struct prv_mail *m = t->patch->mail;
	struct prv_strmap seen;
	size_t i;

	prv_strmap_init(&seen, m->pm.nr_trailers);
	for (i = 0; i < m->pm.nr_trailers; i++) {
		const struct prv_trailer *a = &m->pm.trailers[i];
		char *key, *k;

		if (!a->is_trailer)
			continue;
		/* keys are tokens: letters, digits and '-', never \x01 */
		key = prv_arena_printf(ctx->arena, "%s\x01%s", a->key,
				       a->value);
		for (k = key; *k && *k != '\x01'; k++)
			if (*k >= 'A' && *k <= 'Z')
				*k = (char)(*k - 'A' + 'a');
		if (repeated(m, prv_strmap_put(&seen, key, i), i))
			prv_check_report(ctx, "trailer.duplicate", PRV_SEV_WARN,
					 t->patch, NULL, 0, "keep one of them",
					 "duplicate '%s: %s'", a->key,
					 a->value);
	}
	prv_strmap_release(&seen);
	return 0;
}

static int check_codev(struct prv_check_ctx *ctx,
		       const struct prv_check_target *t)
{
	const struct prv_mail *m = t->patch->mail;
	size_t i;

	for (i = 0; i < m->pm.nr_trailers; i++) {
		const struct prv_trailer *tr = &m->pm.trailers[i], *next;
		struct prv_person cd, sob;

		if (!prv_check_key_is(tr, "Co-developed-by"))
			continue;
		prv_person_parse_trailer(&cd, ctx->arena, tr->value);
		if (prv_person_same(&cd, &m->pm.author)) {
			prv_check_report(ctx, "trailer.codev-without-sob",
					 PRV_SEV_WARN, t->patch, NULL, 0,
					 "Co-developed-by credits the other "
					 "authors, not the one in From:",
					 "Co-developed-by names the author "
					 "'%s'",
					 tr->value);
			continue;
		}
		next = next_trailer(m, i);
		if (next && is_sob(next)) {
			prv_person_parse_trailer(&sob, ctx->arena, next->value);
			if (prv_person_same(&cd, &sob))
				continue;
		}
		prv_check_report(ctx, "trailer.codev-without-sob", PRV_SEV_WARN,
				 t->patch, NULL, 0,
				 "put 'Signed-off-by' of the same person right "
				 "after it",
				 "'Co-developed-by: %s' is not immediately "
				 "followed by the same person's Signed-off-by",
				 tr->value);
	}
	return 0;
}

static int check_reported(struct prv_check_ctx *ctx,
			  const struct prv_check_target *t)
{
	const struct prv_mail *m = t->patch->mail;
	enum prv_severity sev = ctx->profile == PRV_PROFILE_GENERIC ?
					PRV_SEV_WARN :
					PRV_SEV_INFO;
	struct prv_buf who = PRV_BUF_INIT;
	size_t i, n = 0;

	for (i = 0; i < m->pm.nr_trailers; i++) {
		const struct prv_trailer *tr = &m->pm.trailers[i], *next;

		if (!prv_check_key_is(tr, "Reported-by"))
			continue;
		next = next_trailer(m, i);
		if (next && (prv_check_key_is(next, "Closes") ||
			     prv_check_key_is(next, "Link")))
			continue;
		if (n++ < 8)
			prv_buf_addf(&who, "%s'Reported-by: %s'",
				     n > 1 ? ", " : "", tr->value);
	}
	if (n)
		prv_check_report(
			ctx, "trailer.reported-without-closes", sev, t->patch,
			NULL, 0,
			n > 1 ? "follow each with 'Closes: <url of "
				"the report>' (or Link: for a partial "
				"fix)" :
				"follow it with 'Closes: <url of the "
				"report>' (or Link: for a partial fix)",
			"%s%s %s not followed by Closes: or Link:", who.data,
			n > 8 ? "..." : "", n > 1 ? "are" : "is");
	prv_buf_release(&who);
	return 0;
}

static bool is_person_tag(const char *key, const char **usual)
{
	size_t i;

	for (i = 0; i < sizeof(person_tags) / sizeof(person_tags[0]); i++) {
		if (!strcasecmp(key, person_tags[i])) {
			*usual = person_tags[i];
			return true;
		}
	}
	return false;
}

static const char *known_spelling(const char *key)
{
	size_t i;

	for (i = 0; i < sizeof(known_tags) / sizeof(known_tags[0]); i++)
		if (!strcasecmp(key, known_tags[i]))
			return known_tags[i];
	return NULL;
}

static bool ends_with_by(const char *key)
{
	size_t l = strlen(key);

	return l > 3 && !strcasecmp(key + l - 3, "-by");
}

/*
 * A backport that names its upstream commit carries that commit's trailers
 * as they are: stable-kernel-rules.rst has the backporter add, not rewrite.
 * A non-standard or misspelt tag there is upstream's, a note; an address
 * that does not parse stays an error, as it may be the backporter's own
 * sign-off.
 */
static bool carried_from_upstream(const struct prv_check_ctx *ctx,
				  const struct prv_mail *m)
{
	return prv_kind_is_stable(ctx->series->kind) &&
	       prv_kind_names_upstream(m);
}

static int check_malformed(struct prv_check_ctx *ctx,
			   const struct prv_check_target *t)
{
	const struct prv_mail *m = t->patch->mail;
	bool carried = carried_from_upstream(ctx, m);
	enum prv_severity warn = carried ? PRV_SEV_INFO : PRV_SEV_WARN;
	size_t i;

	for (i = 0; i < m->pm.nr_trailers; i++) {
		const struct prv_trailer *tr = &m->pm.trailers[i];
		const char *usual = NULL, *spelling;
		struct prv_person p;

		if (!tr->is_trailer || !tr->key)
			continue;
		spelling = known_spelling(tr->key);
		if (spelling && strcmp(spelling, tr->key)) {
			prv_check_report(ctx, "trailer.malformed", warn,
					 t->patch, NULL, 0, NULL,
					 "'%s:' is usually spelled '%s:'",
					 tr->key, spelling);
		} else if (!spelling && ends_with_by(tr->key)) {
			prv_check_report(ctx, "trailer.malformed", warn,
					 t->patch, NULL, 0,
					 "use one of the tags of "
					 "submitting-patches.rst",
					 "non-standard tag '%s:'", tr->key);
		}
		/* "Assisted-by: AGENT:MODEL [TOOL]" names a tool, no address */
		if (prv_check_key_is(tr, "Assisted-by")) {
			if (!tr->value || !*tr->value)
				prv_check_report(
					ctx, "trailer.malformed", warn,
					t->patch, NULL, 0,
					"write it as 'Assisted-by: "
					"AGENT:MODEL [TOOL]'",
					"'Assisted-by:' names no tool");
		} else if (is_person_tag(tr->key, &usual) &&
			   !prv_person_parse_trailer(&p, ctx->arena, tr->value))
			prv_check_report(
				ctx, "trailer.malformed", PRV_SEV_FAIL,
				t->patch, NULL, 0,
				"write it as 'Name <user@example.org>'",
				"'%s: %s' has no valid address", usual,
				tr->value);
		if ((prv_check_key_is(tr, "Link") ||
		     prv_check_key_is(tr, "Closes")) &&
		    strncmp(tr->value, "http://", 7) &&
		    strncmp(tr->value, "https://", 8))
			prv_check_report(ctx, "trailer.malformed", warn,
					 t->patch, NULL, 0, NULL,
					 "'%s: %s' is not a URL", tr->key,
					 tr->value);
	}
	return 0;
}

const struct prv_check prv_checks_trailers[] = {
	{ "trailers/sob", PRV_SCOPE_PATCH, check_sob },
	{ "trailers/duplicate", PRV_SCOPE_PATCH, check_duplicates },
	{ "trailers/codev", PRV_SCOPE_PATCH, check_codev },
	{ "trailers/reported", PRV_SCOPE_PATCH, check_reported },
	{ "trailers/malformed", PRV_SCOPE_PATCH, check_malformed },
	{ NULL, 0, NULL },
};
