// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The checks that need a git repository (--repo=DIR or prereview.repo):
 * Fixes: targets exist and carry the quoted subject, the base-commit is
 * known, and the series applies onto it.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "rules/rules.h"
#include "core/check/repo.h"
#include "core/base/util.h"

#define SHORT_ID 12
#define FIXES_SHA_MIN 12 /* fewer is fixes.bad-format */

/* The quoted subject of a Fixes: value: between (" and the last "). */
static bool fixes_subject(const char *v, const char **s, size_t *len)
{
	const char *open = strstr(v, "(\""), *close;
	size_t l = strlen(v);

	if (!open)
		return false;
	while (l && isspace((unsigned char)v[l - 1]))
		l--;
	close = v + l;
	if (close - open < 4 || close[-1] != ')' || close[-2] != '"')
		return false;
	*s = open + 2;
	*len = (size_t)(close - 2 - *s);
	return true;
}

/*
 * Equal, or a prefix of it when cut short with "..." (or an ellipsis), or
 * all of it but a closing '"' the quote swallowed: in ("tc: add "drop")
 * the subject's own last quote closes the quotation.
 */
static bool subject_matches(const char *quoted, size_t len, const char *sum)
{
	size_t sl = strlen(sum);

	if (len == sl && !memcmp(quoted, sum, len))
		return true;
	if (sl && len == sl - 1 && sum[sl - 1] == '"' &&
	    !memcmp(quoted, sum, len))
		return true;
	if (len >= 3 && !memcmp(quoted + len - 3, "...", 3))
		len -= 3;
	else if (len >= 3 && !memcmp(quoted + len - 3, "\xe2\x80\xa6", 3))
		len -= 3;
	else
		return false;
	while (len && isspace((unsigned char)quoted[len - 1]))
		len--;
	return len && len <= sl && !memcmp(quoted, sum, len);
}

/*
 * The quote is right for the commit: its summary, or the first line of a
 * title that runs over several lines.
 */
static bool quote_matches(struct prv_check_ctx *ctx, const char *q, size_t ql,
			  const char *hex, const char *summary)
{
	char title[PRV_REPO_SUMMARY_MAX];

	if (subject_matches(q, ql, summary))
		return true;
	return prv_repo_commit_title(ctx->repo, hex, title) &&
	       strcmp(title, summary) && subject_matches(q, ql, title);
}

static int check_fixes(struct prv_check_ctx *ctx,
		       const struct prv_check_target *t)
{
	const struct prv_mail *m = t->patch->mail;
	size_t i;

	if (!ctx->repo)
		return 0;
	for (i = 0; i < m->pm.nr_trailers; i++) {
		const struct prv_trailer *tr = &m->pm.trailers[i];
		char sha[41], hex[41], summary[PRV_REPO_SUMMARY_MAX];
		const char *q;
		size_t n, ql;

		if (!prv_check_key_is(tr, "Fixes") || !tr->value ||
		    !prv_check_fixes_id(tr->value, sha))
			continue; /* fixes.bad-format says what is wrong */
		n = strlen(sha);
		switch (prv_repo_commit(ctx->repo, sha, hex, summary)) {
		case PRV_REPO_MISSING:
			prv_check_report(
				ctx, "fixes.unknown-commit", PRV_SEV_FAIL,
				t->patch, NULL, 0,
				"check the id with 'git log -1 <id>' in the "
				"tree the fix is for, or update --repo",
				"'Fixes: %s': no commit %s in '%s'", tr->value,
				sha, prv_repo_dir(ctx->repo));
			continue;
		case PRV_REPO_AMBIGUOUS:
			prv_check_report(
				ctx, "fixes.unknown-commit", PRV_SEV_FAIL,
				t->patch, NULL, 0,
				"give 12 hex digits or more, as this prints "
				"them:\n" PRV_FIXES_LINE_CMD,
				"'Fixes: %s': the id %s is ambiguous in '%s'",
				tr->value, sha, prv_repo_dir(ctx->repo));
			continue;
		case PRV_REPO_FOUND:
			break;
		}
		/* a malformed tag is fixes.bad-format's, not a mismatch */
		if (n < FIXES_SHA_MIN || !fixes_subject(tr->value, &q, &ql) ||
		    quote_matches(ctx, q, ql, hex, summary))
			continue;
		prv_check_report(
			ctx, "fixes.subject-mismatch", PRV_SEV_WARN, t->patch,
			NULL, 0,
			"quote the subject of the commit, as this prints "
			"it:\n" PRV_FIXES_LINE_CMD,
			"'Fixes: %.*s': the quoted subject \"%.*s\" is "
			"not the subject of %.*s, \"%s\"",
			(int)n, tr->value, (int)(ql > 200 ? 200 : ql), q,
			SHORT_ID, hex, summary);
	}
	return 0;
}

/*
 * Whether there is a commit to apply onto (the runner chose it): the
 * series' base-commit when the repository has it, HEAD otherwise
 * (apply.base-unknown says which).
 */
static bool apply_base(struct prv_check_ctx *ctx)
{
	const struct prv_check_base *b = &ctx->base;
	const char *base = b->named;
	const char *dir = prv_repo_dir(ctx->repo);

	if (b->named_found)
		return true; /* the base the author gave */
	if (b->found) {
		if (base)
			prv_check_report(
				ctx, "apply.base-unknown", PRV_SEV_WARN, NULL,
				NULL, 0,
				"fetch the tree the series is for into the "
				"repository, or rebase the series",
				"base-commit %.40s is not in '%s'; applied "
				"onto HEAD, %.*s (\"%s\")",
				base, dir, SHORT_ID, b->hex, b->summary);
		else
			prv_check_report(
				ctx, "apply.base-unknown", PRV_SEV_INFO, NULL,
				NULL, 0,
				"git format-patch --base=auto records it",
				"no base-commit given; applied onto HEAD of "
				"'%s', %.*s (\"%s\")",
				dir, SHORT_ID, b->hex, b->summary);
		return true;
	}
	prv_check_report(ctx, "apply.base-unknown", PRV_SEV_WARN, NULL, NULL, 0,
			 "check out a branch in the repository",
			 "%s%.40s%s and HEAD of '%s' name no commit; "
			 "nothing was applied",
			 base ? "base-commit " : "no base-commit",
			 base ? base : "", base ? " is unknown" : "", dir);
	return false;
}

static bool has_diff(const struct prv_patch *p)
{
	return p->mail && p->mail->pm.diff_len;
}

/* Apply the patches in order onto hex; report the first that fails. */
static void apply_all(struct prv_check_ctx *ctx, const char *hex,
		      const char *summary)
{
	const struct prv_version *v = ctx->cur;
	char file[512], reason[PRV_REPO_REASON_MAX];
	size_t i, k, left = 0;

	for (i = 0; i < v->nr_patches; i++) {
		const struct prv_patch *p = &v->patches[i];

		if (!has_diff(p) ||
		    !prv_repo_apply_next(ctx->repo, p->mail->pm.diff,
					 p->mail->pm.diff_len, file,
					 sizeof(file), reason, sizeof(reason)))
			continue;
		for (k = i + 1; k < v->nr_patches; k++)
			left += has_diff(&v->patches[k]);
		prv_check_report(
			ctx, "apply.fails", PRV_SEV_FAIL, p,
			*file ? file : NULL, 0,
			"rebase the series onto the tree it is for and "
			"resend",
			"patch %d does not apply onto %.*s (\"%s\")%s%s: "
			"%s%s%s",
			p->index, SHORT_ID, hex, summary, *file ? " at " : "",
			file, reason,
			left ? "; the later patches were not tried" : "",
			v->nr_missing ? " (patches of the series are missing "
					"from the input)" :
					"");
		return;
	}
}

static int check_apply(struct prv_check_ctx *ctx,
		       const struct prv_check_target *t)
{
	struct prv_version *v = ctx->cur;
	size_t i;

	(void)t;
	if (!ctx->repo)
		return 0;
	for (i = 0; i < v->nr_patches && !has_diff(&v->patches[i]); i++)
		;
	if (i == v->nr_patches)
		return 0; /* nothing to apply */
	if (apply_base(ctx) && !prv_repo_apply_start(ctx->repo, ctx->base.hex))
		apply_all(ctx, ctx->base.hex, ctx->base.summary);
	return 0;
}

const struct prv_check prv_checks_repo[] = {
	{ "repo/fixes", PRV_SCOPE_PATCH, check_fixes },
	{ "repo/apply", PRV_SCOPE_SERIES, check_apply },
	{ NULL, 0, NULL },
};
