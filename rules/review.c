// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Review tags across versions: a Reviewed-by/Acked-by/Tested-by kept on a
 * patch whose code changed needs a changelog note about the tag itself; a
 * tag given on the previous version and missing from an unchanged patch
 * was probably forgotten.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/base/buf.h"
#include "core/lore/loreurl.h"
#include "core/mail/address.h"
#include "core/mail/trailer.h"
#include "rules/rules.h"
#include "core/base/util.h"

/*
 * Words that make a changelog line speak of review tags themselves; the
 * first STRONG_WORDS name a review tag whatever the line is about.
 */
#define STRONG_WORDS 7
static bool tag_word_at(const char *s, const char *end, bool strong)
{
	static const char *const words[] = {
		"reviewed-by", "acked-by", "tested-by", "review-by", "r-b",
		"a-b",	       "t-b",	   "rvb",	"rb",	     "ab",
		"tb",	       "ack",	   "acks",	"tag",	     "tags",
		"trailer",     "trailers",
	};
	size_t i, n;

	if (s > end)
		return false;
	for (i = 0; i < (strong ? STRONG_WORDS : PRV_ARRAY_SIZE(words)); i++) {
		n = strlen(words[i]);
		if ((size_t)(end - s) >= n && !strncasecmp(s, words[i], n) &&
		    (s + n == end || !isalnum((unsigned char)s[n])))
			return true;
	}
	return false;
}

static bool line_speaks_of_tags(const char *s, size_t len, bool strong)
{
	const char *p = s, *end = s + len;

	while (p < end) {
		if ((p == s || !isalnum((unsigned char)p[-1])) &&
		    tag_word_at(p, end, strong))
			return true;
		p++;
	}
	return false;
}

/* Patch numbers named on a line; true if none are, or k is among them. */
static bool line_about_patch(const char *s, size_t len, int k, int total)
{
	return prv_changelog_names_patch(s, len, k, total) ||
	       !prv_changelog_names_a_patch(s, len, total);
}

/*
 * A sentence of the patch's notes, outside its changelog entries, that
 * names a review tag: "this does not affect kernel helpers, so the
 * Tested-by: tag from Ilya remains". The diffstat is not read.
 */
static bool notes_name_a_tag(const struct prv_mail *m)
{
	const char *p = m->pm.notes, *end = p + m->pm.notes_len;

	while (p < end) {
		size_t l = prv_line_len(p, (size_t)(end - p));

		if (memmem(p, l, " | ", 3) || memmem(p, l, " changed, ", 10))
			break;
		if (!prv_changelog_link_line(p, l) &&
		    line_speaks_of_tags(p, l, true))
			return true;
		p += l + 1;
	}
	return false;
}

/*
 * A line of this version's changelog about patch k: `about` tells for one
 * line; `own` when the line is in patch k's own notes. Entries in other
 * patches' notes are not read.
 */
static bool changelog_line(const struct prv_check_ctx *ctx, int k,
			   bool (*about)(const struct prv_check_ctx *ctx,
					 const char *s, size_t len, int k,
					 bool own))
{
	size_t i;

	for (i = 0; i < ctx->changelog.nr; i++) {
		const struct prv_changelog_entry *e =
			&ctx->changelog.entries[i];
		const char *p = e->text, *end = e->text + e->len;

		if (!prv_changelog_entry_for(e, ctx->cur->version) ||
		    (e->patch && e->patch != k))
			continue;
		while (p < end) {
			size_t l = prv_line_len(p, (size_t)(end - p));

			if (about(ctx, p, l, k, e->patch == k))
				return true;
			p += l + 1;
		}
	}
	return false;
}

/*
 * A note about review tags on patch k, or on the whole series. "Link to
 * v1: <url>" speaks of no tag, whatever its message-id says.
 */
static bool about_tags(const struct prv_check_ctx *ctx, const char *s,
		       size_t len, int k, bool own)
{
	return !prv_changelog_link_line(s, len) &&
	       line_speaks_of_tags(s, len, false) &&
	       (own || line_about_patch(s, len, k, ctx->cur->expected));
}

/* "Patches 1, 2: no other changes": a line that says nothing changed. */
static bool says_unchanged(const char *s, size_t len)
{
	static const char *const words[] = { "no change",   "no other change",
					     "unchanged",   "no functional",
					     "rebase only", "rebased only" };

	return prv_contains_any_ci(s, len, words, PRV_ARRAY_SIZE(words));
}

/*
 * What changed in patch k: a line of its own notes, or one naming it by
 * number, that does not say nothing changed.
 */
static bool about_change(const struct prv_check_ctx *ctx, const char *s,
			 size_t len, int k, bool own)
{
	size_t i;

	for (i = 0; i < len && isspace((unsigned char)s[i]); i++)
		;
	if (i == len || says_unchanged(s, len))
		return false;
	return own || prv_changelog_names_patch(s, len, k, ctx->cur->expected);
}

static bool same_tag(struct prv_arena *a, const char *key1, const char *v1,
		     const char *key2, const char *v2)
{
	struct prv_person p1, p2;

	if (!key1 || !key2 || strcasecmp(key1, key2))
		return false;
	if (v1 && v2 && !strcmp(v1, v2))
		return true;
	prv_person_parse_trailer(&p1, a, v1);
	prv_person_parse_trailer(&p2, a, v2);
	return prv_person_same(&p1, &p2);
}

/*
 * Was the tag on the old patch: in its trailers (returns the old patch's
 * mail), or in a reply to it (returns that reply's review trailer in
 * *reply)? NULL when it was not.
 */
static const void *old_had(struct prv_arena *a, const struct prv_patch *old,
			   const char *key, const char *value,
			   const struct prv_review_trailer **reply)
{
	size_t i;

	*reply = NULL;
	if (old->mail)
		for (i = 0; i < old->mail->pm.nr_trailers; i++) {
			const struct prv_trailer *t =
				&old->mail->pm.trailers[i];

			if (t->is_trailer &&
			    same_tag(a, t->key, t->value, key, value))
				return old->mail;
		}
	for (i = 0; i < old->nr_review_trailers; i++) {
		const struct prv_review_trailer *t = &old->review_trailers[i];

		if (!t->sender_mismatch &&
		    same_tag(a, t->key, t->value, key, value)) {
			*reply = t;
			return t;
		}
	}
	return NULL;
}

static bool new_has(struct prv_arena *a, const struct prv_patch *p,
		    const char *key, const char *value)
{
	size_t i;

	for (i = 0; p->mail && i < p->mail->pm.nr_trailers; i++) {
		const struct prv_trailer *t = &p->mail->pm.trailers[i];

		if (t->is_trailer && same_tag(a, t->key, t->value, key, value))
			return true;
	}
	return false;
}

/* Who sent a reply: the name, or the address without one. */
static const char *sender(const struct prv_review_trailer *r)
{
	if (r->from.name && *r->from.name)
		return r->from.name;
	return r->from.email && *r->from.email ? r->from.email : "a reviewer";
}

/* At most this many changed lines, described in the changelog: a note. */
#define KEPT_SMALL_LINES 3

/*
 * A tag kept (or added from a reply to the previous version) on a patch
 * whose code changed, with how much changed: one changed line is not a
 * rewrite. A change of a few lines that the changelog describes for the
 * patch ("Patches 11,15/15: allow the connection to run for longer") is a
 * note: the author said what changed, and the reviewer judges it.
 */
static void report_kept(struct prv_check_ctx *ctx,
			const struct prv_rangediff_pair *p, const char *key,
			const char *value,
			const struct prv_review_trailer *reply)
{
	bool small = p->lines_added + p->lines_removed <= KEPT_SMALL_LINES &&
		     changelog_line(ctx, p->new_patch->index, about_change);
	char whence[256];

	if (reply)
		snprintf(whence, sizeof(whence), "added from %s's reply to v%d",
			 sender(reply), ctx->prev->version);
	else
		snprintf(whence, sizeof(whence), "kept from v%d",
			 ctx->prev->version);
	prv_check_report(ctx, "review.tag-kept-on-change",
			 small ? PRV_SEV_INFO : PRV_SEV_WARN, p->new_patch,
			 NULL, 0,
			 "drop the tag, or say in the changelog why it still "
			 "holds",
			 "'%s: %s' %s although the code changed (%d line%s "
			 "added, %d removed%s)",
			 key, value, whence, p->lines_added,
			 p->lines_added == 1 ? "" : "s", p->lines_removed,
			 small ? ", as the changelog says" : "");
}

/* Walks the added and removed lines of a file's hunks, in order. */
struct change_walk {
	const struct prv_file *f;
	size_t hunk, off;
};

static bool next_change(struct change_walk *w, const char **s, size_t *len)
{
	while (w->hunk < w->f->nr_hunks) {
		const struct prv_hunk *h = &w->f->hunks[w->hunk];

		while (w->off < h->body_len) {
			const char *p = h->body + w->off;
			size_t l = prv_line_len(p, h->body_len - w->off);

			w->off += l + 1;
			if (l && (*p == '+' || *p == '-')) {
				*s = p;
				*len = l;
				return true;
			}
		}
		w->hunk++;
		w->off = 0;
	}
	return false;
}

/* Whether two versions of a file add and remove the same lines. */
static bool same_changes(const struct prv_file *a, const struct prv_file *b)
{
	struct change_walk wa = { .f = a }, wb = { .f = b };
	const char *sa, *sb;
	size_t la, lb;

	for (;;) {
		bool ma = next_change(&wa, &sa, &la);
		bool mb = next_change(&wb, &sb, &lb);

		if (!ma || !mb)
			return ma == mb;
		if (la != lb || memcmp(sa, sb, la))
			return false;
	}
}

static const struct prv_file *file_named(const struct prv_mail *m,
					 const char *path)
{
	size_t i;

	for (i = 0; i < m->diff.nr_files; i++)
		if (!strcmp(prv_file_path(&m->diff.files[i]), path))
			return &m->diff.files[i];
	return NULL;
}

/*
 * Did the reply giving the tag comment on the code of `path` (a quote of
 * lines the patch adds or removes, with the reviewer's text under it),
 * and did this version change the lines it quoted? A comment under a
 * context line asks for nothing in the patch.
 */
static bool reply_asked_in(const struct prv_check_ctx *ctx,
			   const struct prv_review_trailer *r, const char *path)
{
	size_t i;

	for (i = 0; i < ctx->comments.nr; i++) {
		const struct prv_comment *c = &ctx->comments.items[i];

		if (c->version == ctx->prev->version &&
		    c->anchor == PRV_ANCHOR_DIFF &&
		    c->status == PRV_COMMENT_CHANGED && c->path &&
		    (c->quote[0] == '+' || c->quote[0] == '-') &&
		    !strcmp(c->path, path) && c->mail->message_id &&
		    r->message_id &&
		    !strcmp(c->mail->message_id, r->message_id))
			return true;
	}
	return false;
}

/*
 * A tag given in a reply that also asked for a change ("Minor nit: ...
 * Reviewed-by", "Aside of that nit: Reviewed-by"), on a patch whose code
 * changed only in files where that reply's comments quoted lines this
 * version changed: the tag was given for the patch with the change made.
 */
static bool given_for_the_change(const struct prv_check_ctx *ctx,
				 const struct prv_rangediff_pair *p,
				 const struct prv_review_trailer *reply)
{
	const struct prv_mail *o = p->old_patch->mail, *n = p->new_patch->mail;
	bool asked = false;
	size_t i;

	if (!reply || !o || (p->changed & PRV_RD_FILES))
		return false;
	for (i = 0; i < n->diff.nr_files; i++) {
		const struct prv_file *f = &n->diff.files[i];
		const struct prv_file *old = file_named(o, prv_file_path(f));

		if (!old)
			return false;
		if (same_changes(old, f))
			continue;
		if (!reply_asked_in(ctx, reply, prv_file_path(f)))
			return false;
		asked = true;
	}
	return asked;
}

/*
 * Only a change of the code counts: a rebase (PRV_RD_CONTEXT) or a
 * reworded message keeps the tag.
 */
static int check_kept(struct prv_check_ctx *ctx,
		      const struct prv_check_target *t)
{
	size_t i, k;

	for (i = 0; i < ctx->nr_pairs; i++) {
		const struct prv_rangediff_pair *p = &ctx->pairs[i];

		if (p->status != '!' || !(p->changed & PRV_RD_DIFF) ||
		    !p->new_patch->mail || p->new_patch->filled_in)
			continue;
		for (k = 0; k < p->new_patch->mail->pm.nr_trailers; k++) {
			const struct prv_trailer *tr =
				&p->new_patch->mail->pm.trailers[k];
			const char *key =
				tr->is_trailer ?
					prv_trailer_review_key(tr->key) :
					NULL;
			const struct prv_review_trailer *reply;

			if (!key || !old_had(ctx->arena, p->old_patch, key,
					     tr->value, &reply))
				continue;
			if (changelog_line(ctx, p->new_patch->index,
					   about_tags) ||
			    notes_name_a_tag(p->new_patch->mail))
				break;
			if (given_for_the_change(ctx, p, reply))
				continue;
			report_kept(ctx, p, key, tr->value, reply);
		}
	}
	return 0;
}

static void report_dropped(struct prv_check_ctx *ctx,
			   const struct prv_rangediff_pair *p, const char *key,
			   const char *value, const char *where)
{
	prv_check_report(
		ctx, "review.tag-dropped", PRV_SEV_INFO, p->new_patch, NULL, 0,
		"carry review tags to unchanged patches (b4 trailers -u)",
		"'%s: %s' given on v%d%s is missing", key, value,
		ctx->prev->version, where);
}

static int check_dropped(struct prv_check_ctx *ctx,
			 const struct prv_check_target *t)
{
	size_t i, k;

	for (i = 0; i < ctx->nr_pairs; i++) {
		const struct prv_rangediff_pair *p = &ctx->pairs[i];
		const struct prv_patch *old = p->old_patch;

		if (!p->old_patch || !p->new_patch || !p->new_patch->mail ||
		    p->new_patch->filled_in)
			continue;
		if (p->status == '!' && (p->changed & PRV_RD_DIFF))
			continue;
		for (k = 0; old->mail && k < old->mail->pm.nr_trailers; k++) {
			const struct prv_trailer *tr =
				&old->mail->pm.trailers[k];
			const char *key =
				tr->is_trailer ?
					prv_trailer_review_key(tr->key) :
					NULL;

			if (key &&
			    !new_has(ctx->arena, p->new_patch, key, tr->value))
				report_dropped(ctx, p, key, tr->value, "");
		}
		for (k = 0; k < old->nr_review_trailers; k++) {
			const struct prv_review_trailer *tr =
				&old->review_trailers[k];
			const char *key = prv_trailer_review_key(tr->key);

			if (key && !tr->sender_mismatch &&
			    !new_has(ctx->arena, p->new_patch, key, tr->value))
				report_dropped(ctx, p, key, tr->value,
					       " in a reply");
		}
	}
	return 0;
}

/* The first line of a comment's text. */
static int first_len(const char *s)
{
	const char *nl = strchr(s, '\n');

	return (int)(nl ? (size_t)(nl - s) : strlen(s));
}

/*
 * Review comments on the previous version that nothing in this one
 * answers (core/check/comments.h judges them): a person decides.
 */
static int check_comments(struct prv_check_ctx *ctx,
			  const struct prv_check_target *t)
{
	size_t i;

	(void)t;
	for (i = 0; i < ctx->comments.nr; i++) {
		const struct prv_comment *c = &ctx->comments.items[i];
		char *url;

		if (c->status != PRV_COMMENT_OPEN)
			continue;
		url = prv_lore_message_url(NULL, c->mail->message_id);
		prv_check_todo(ctx, "review.comment-open", PRV_SEV_INFO, NULL,
			       NULL, 0, url, "v%d %s%.0d, %s: \"%.*s\"%s%s%s",
			       c->version, c->patch ? "patch " : "cover",
			       c->patch, c->reviewer.name, first_len(c->text),
			       c->text, *c->quote ? " (on \"" : "", c->quote,
			       *c->quote ? "\")" : "");
		free(url);
	}
	return 0;
}

const struct prv_check prv_checks_review[] = {
	{ "review/kept-on-change", PRV_SCOPE_VERSION_PAIR, check_kept },
	{ "review/dropped", PRV_SCOPE_VERSION_PAIR, check_dropped },
	{ "review/comments", PRV_SCOPE_VERSION_PAIR, check_comments },
	{ NULL, 0, NULL },
};
