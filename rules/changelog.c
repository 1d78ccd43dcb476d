// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Changelog rules: a v2+ posting says what changed since every earlier
 * version, links each of them on lore, and says something about every patch
 * that really changed.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/base/buf.h"
#include "rules/rules.h"
#include "core/base/util.h"

#define WORD_MIN 4

static int check_present(struct prv_check_ctx *ctx,
			 const struct prv_check_target *t)
{
	int v = ctx->cur->version, k;
	struct prv_buf miss = PRV_BUF_INIT;
	/*
	 * The patches answer a cover the input lacks (a list Cc'd on some
	 * patches of a series): the changelog is most likely in that cover,
	 * so what the input shows of it is a note.
	 */
	bool cover_elsewhere = !ctx->cur->cover && ctx->cur->absent_parent;
	enum prv_severity sev = cover_elsewhere ? PRV_SEV_INFO : PRV_SEV_WARN;
	const char *why = cover_elsewhere ? " (its cover is not in the input)" :
					    "";

	if (v < 2)
		return 0;
	if (prv_changelog_empty(&ctx->changelog)) {
		prv_check_report(ctx, "changelog.missing", sev, NULL, NULL, 0,
				 "add 'Changes in vN:' to the cover letter, or "
				 "'vN: ...' below the --- line",
				 "v%d has no changelog%s", v, why);
	} else {
		int split = prv_changelog_split_at(&ctx->changelog);

		for (k = split > 1 ? split + 1 : 2; k <= v; k++)
			if (!prv_changelog_covers(&ctx->changelog, k))
				prv_buf_addf(&miss, "%sv%d -> v%d",
					     miss.len ? ", " : "", k - 1, k);
		if (miss.len)
			prv_check_report(ctx, "changelog.version-missing", sev,
					 NULL, NULL, 0,
					 "keep the entries of earlier versions "
					 "in the changelog",
					 "the changelog does not cover %s%s",
					 miss.data, why);
	}
	prv_buf_reset(&miss);
	if (!prv_changelog_has_link(&ctx->changelog, v - 1)) {
		prv_check_report(ctx, "changelog.link-missing", sev, NULL, NULL,
				 0,
				 "add '- Link to vN: https://lore.kernel.org/r/"
				 "<msgid>' (b4 does it)",
				 "no link to v%d%s", v - 1, why);
	}
	for (k = 1; k < v - 1; k++)
		if (!prv_changelog_has_link(&ctx->changelog, k))
			prv_buf_addf(&miss, "%sv%d", miss.len ? ", " : "", k);
	if (miss.len)
		prv_check_report(ctx, "changelog.link-missing", PRV_SEV_INFO,
				 NULL, NULL, 0, NULL,
				 "no link to the older version%s %s",
				 strchr(miss.data, ',') ? "s" : "", miss.data);
	prv_buf_release(&miss);
	return 0;
}

static bool stopword(const char *w, size_t n)
{
	static const char *const words[] = {
		"with",	 "from",  "into",    "when",	  "that", "this",
		"than",	 "then",  "them",    "they",	  "have", "make",
		"only",	 "also",  "more",    "less",	  "some", "over",
		"under", "after", "before",  "selftests", "fix",  "fixes",
		"use",	 "add",	  "support",
	};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strlen(words[i]) == n && !strncasecmp(w, words[i], n))
			return true;
	return false;
}

/* Two significant title words (or the only one) appear in the text. */
static bool names_title(const char *text, size_t len, const char *title)
{
	const char *s = title ? strrchr(title, ':') : NULL;
	int words = 0, hits = 0;
	char w[64];

	s = s ? s + 1 : title;
	if (!s)
		return false;
	while (*s) {
		size_t n = 0;

		while (*s && !isalnum((unsigned char)*s) && *s != '_')
			s++;
		while (s[n] && (isalnum((unsigned char)s[n]) || s[n] == '_'))
			n++;
		if (n >= WORD_MIN && n < sizeof(w) && !stopword(s, n)) {
			size_t k = n;

			/* "selftests" is named "selftest", "fixes" "fix" */
			if (k > WORD_MIN &&
			    (s[k - 1] == 's' || s[k - 1] == 'S'))
				k--;
			memcpy(w, s, k);
			w[k] = '\0';
			words++;
			hits += prv_contains_ci(text, len, w);
		}
		s += n;
	}
	return hits >= 2 || (words == 1 && hits == 1);
}

/*
 * The words of a title's subject prefix, the part before its last ':'
 * ("selftests/bpf: mptcp: foo" gives "selftest", "bpf", "mptcp"), each
 * at most 63 bytes, a plural 's' dropped; returns how many, at most `max`.
 */
static size_t prefix_words(char words[][64], size_t max, const char *title)
{
	const char *s = title, *end = title ? strrchr(title, ':') : NULL;
	size_t nr = 0;

	if (!end)
		return 0;
	while (s < end && nr < max) {
		size_t n = 0;

		while (s < end && !isalnum((unsigned char)*s) && *s != '_')
			s++;
		while (s + n < end &&
		       (isalnum((unsigned char)s[n]) || s[n] == '_'))
			n++;
		if (n >= WORD_MIN && n < 64) {
			size_t k = n;

			if (k > WORD_MIN &&
			    (s[k - 1] == 's' || s[k - 1] == 'S'))
				k--;
			memcpy(words[nr], s, k);
			words[nr++][k] = '\0';
		}
		s += n;
	}
	return nr;
}

/*
 * A word of the patch's subject prefix that no other patch of its version
 * has, named in the text: "dropped redundant selftest code" is about the
 * one "selftests/bpf:" patch of the series.
 */
static bool names_own_prefix(const char *text, size_t len,
			     const struct prv_version *v,
			     const struct prv_patch *pp)
{
	char mine[8][64], other[8][64];
	size_t nm, no, i, k, j;

	if (!v || !pp->mail)
		return false;
	nm = prefix_words(mine, 8, pp->mail->pm.title);
	for (i = 0; i < nm; i++) {
		bool unique = true;

		if (!prv_contains_ci(text, len, mine[i]))
			continue;
		for (k = 0; k < v->nr_patches && unique; k++) {
			const struct prv_patch *o = &v->patches[k];

			if (o->index == pp->index || !o->mail)
				continue;
			no = prefix_words(other, 8, o->mail->pm.title);
			for (j = 0; j < no; j++)
				if (!strcasecmp(other[j], mine[i]))
					unique = false;
		}
		if (unique)
			return true;
	}
	return false;
}

static bool names_file_or_function(const char *text, size_t len,
				   const struct prv_mail *m)
{
	size_t f, h;

	if (!m)
		return false;
	for (f = 0; f < m->diff.nr_files; f++) {
		const struct prv_file *fi = &m->diff.files[f];
		const char *path = prv_file_path(fi);
		const char *base = strrchr(path, '/');
		char stem[256];
		size_t n;

		base = base ? base + 1 : path;
		n = strcspn(base, ".");
		if (n >= WORD_MIN && n < sizeof(stem)) {
			memcpy(stem, base, n);
			stem[n] = '\0';
			if (prv_contains_ci(text, len, stem))
				return true;
		}
		for (h = 0; h < fi->nr_hunks; h++) {
			const char *fn = fi->hunks[h].func, *paren;
			const char *st;
			char name[128];

			if (!fn || !(paren = strchr(fn, '(')))
				continue;
			st = paren;
			while (st > fn && (isalnum((unsigned char)st[-1]) ||
					   st[-1] == '_'))
				st--;
			n = (size_t)(paren - st);
			if (n < WORD_MIN || n >= sizeof(name))
				continue;
			memcpy(name, st, n);
			name[n] = '\0';
			if (memmem(text, len, name, n))
				return true;
		}
	}
	/* An identifier of the changelog (has '_' or is followed by '()')
	 * that appears in the patch's diff. */
	{
		const char *p = text, *end = text + len;

		while (p < end) {
			const char *st;
			size_t n;
			bool ident;

			while (p < end && !isalnum((unsigned char)*p) &&
			       *p != '_')
				p++;
			st = p;
			while (p < end &&
			       (isalnum((unsigned char)*p) || *p == '_'))
				p++;
			n = (size_t)(p - st);
			/* a file name: "typelimits.h" */
			if (p + 1 < end && *p == '.' && strchr("ch", p[1]) &&
			    (p + 2 == end || !isalnum((unsigned char)p[2])))
				n += 2;
			ident = memchr(st, '_', n) || (p < end && *p == '(') ||
				n > (size_t)(p - st);
			if (ident && n >= WORD_MIN && m->pm.diff_len &&
			    memmem(m->pm.diff, m->pm.diff_len, st, n))
				return true;
		}
	}
	return false;
}

/*
 * The next word of letters at *p (before end), lowered into w when it is
 * shorter than 32 bytes ("" when longer); its length, 0 at the end.
 */
static size_t next_word(const char **p, const char *end, char w[32])
{
	const char *s = *p;
	size_t n = 0;

	while (s < end && !isalpha((unsigned char)*s))
		s++;
	while (s < end && isalpha((unsigned char)*s)) {
		if (n < 31)
			w[n] = (char)tolower((unsigned char)*s);
		n++;
		s++;
	}
	*p = s;
	w[n < 32 ? n : 0] = '\0';
	return n;
}

/* Is "a" "sep" "b" (sep "_" or "") in the diff? */
static bool joined_in(const struct prv_mail *m, const char *a, const char *sep,
		      const char *b)
{
	char id[72];
	int n = snprintf(id, sizeof(id), "%s%s%s", a, sep, b);

	return n > 0 && (size_t)n < sizeof(id) &&
	       memmem(m->pm.diff, m->pm.diff_len, id, (size_t)n);
}

/*
 * Two words next to each other in the changelog that the patch's diff
 * joins into one identifier, in either order: "use a work queue" names
 * queue_work(), "spin lock" spin_lock.
 */
static bool names_joined_words(const char *text, size_t len,
			       const struct prv_mail *m)
{
	const char *p = text, *end = text + len;
	char prev[32] = "", cur[32];
	size_t n;

	if (!m || !m->pm.diff_len)
		return false;
	while ((n = next_word(&p, end, cur))) {
		if (n < WORD_MIN || !cur[0] || stopword(cur, n)) {
			prev[0] = '\0';
			continue;
		}
		if (prev[0] && (joined_in(m, prev, "_", cur) ||
				joined_in(m, cur, "_", prev) ||
				joined_in(m, prev, "", cur) ||
				joined_in(m, cur, "", prev)))
			return true;
		memcpy(prev, cur, n + 1);
	}
	return false;
}

/* The changelog text that speaks of version v (or of no version). */
static void relevant_text(struct prv_buf *b, const struct prv_changelog *cl,
			  int v)
{
	size_t i;

	for (i = 0; i < cl->nr; i++) {
		const struct prv_changelog_entry *e = &cl->entries[i];

		if (!prv_changelog_entry_for(e, v))
			continue;
		prv_buf_add(b, e->text, e->len);
		prv_buf_addch(b, '\n');
	}
}

static bool own_entry(const struct prv_changelog *cl, int v, int patch)
{
	size_t i;

	for (i = 0; i < cl->nr; i++) {
		const struct prv_changelog_entry *e = &cl->entries[i];

		if (e->patch == patch && e->len &&
		    prv_changelog_entry_for(e, v))
			return true;
	}
	return false;
}

/*
 * A change to comments alone is covered by a line that speaks of comments
 * or of typos ("Add comments about auto-closed fd", "fix typos"), naming
 * that patch or none.
 */
static bool mentions_comments(const char *text, size_t len, int k, int total)
{
	static const char *const words[] = { "comment", "typo", "spelling",
					     "kernel-doc", "kdoc" };
	const char *p = text, *end = text + len;

	while (p < end) {
		size_t l = prv_line_len(p, (size_t)(end - p));
		bool about =
			prv_contains_any_ci(p, l, words, PRV_ARRAY_SIZE(words));

		if (about && (prv_changelog_names_patch(p, l, k, total) ||
			      !prv_changelog_names_a_patch(p, l, total)))
			return true;
		p += l + 1;
	}
	return false;
}

/*
 * A line naming a reviewer whose comments on the patch in the previous
 * version were taken ("Fixed review comments from Ido", "Some
 * modifications suggested by Jakub Sitnicki"): the comments said what to
 * change there, and the change is where they were. Not a line about
 * review tags ("collect Reviewed-by from Simon"), nor one naming other
 * patches only.
 */
static bool line_names_reviewer(const struct prv_check_ctx *ctx,
				const struct prv_rangediff_pair *p,
				const char *l, size_t n)
{
	size_t i;

	if (prv_contains_ci(l, n, "-by") || prv_contains_ci(l, n, " tag"))
		return false;
	if (prv_changelog_names_a_patch(l, n, ctx->cur->expected) &&
	    !prv_changelog_names_patch(l, n, p->new, ctx->cur->expected))
		return false;
	for (i = 0; i < ctx->comments.nr; i++) {
		const struct prv_comment *c = &ctx->comments.items[i];

		if (c->version != ctx->prev->version || c->patch != p->old ||
		    (c->status != PRV_COMMENT_CHANGED &&
		     c->status != PRV_COMMENT_CREDITED))
			continue;
		if (prv_comment_names_person(l, n, &c->reviewer))
			return true;
	}
	return false;
}

static bool names_its_reviewer(const struct prv_check_ctx *ctx,
			       const struct prv_rangediff_pair *p,
			       const char *text, size_t len)
{
	const char *l = text, *end = text + len;

	while (l < end) {
		size_t n = prv_line_len(l, (size_t)(end - l));

		if (line_names_reviewer(ctx, p, l, n))
			return true;
		l += n + 1;
	}
	return false;
}

/* A patch's own notes say something of some version ("v3: new"). */
static bool any_own_entry(const struct prv_changelog *cl, int patch)
{
	size_t i;

	for (i = 0; i < cl->nr; i++)
		if (cl->entries[i].patch == patch && cl->entries[i].len)
			return true;
	return false;
}

/*
 * Whether a line of `text` holds one of `subjects` and one of `verbs`
 * ("dropped applied patches": "patch" and "dropped").
 */
static bool line_holds(const char *text, size_t len,
		       const char *const *subjects, size_t nr_subjects,
		       const char *const *verbs, size_t nr_verbs)
{
	const char *p = text, *end = text + len;

	while (p < end) {
		size_t l = prv_line_len(p, (size_t)(end - p));

		if (prv_contains_any_ci(p, l, subjects, nr_subjects) &&
		    prv_contains_any_ci(p, l, verbs, nr_verbs))
			return true;
		p += l + 1;
	}
	return false;
}

/*
 * Does a line of `text` speak of patches added or dropped as a whole
 * ("dropped applied patches", "two new patches", "split patch 2 out")?
 * `verbs` are the word stems that say it for the kind of change.
 */
static bool mentions_patches(const char *text, size_t len,
			     const char *const *verbs, size_t nr_verbs)
{
	static const char *const patches[] = { "patch", "commit" };

	return line_holds(text, len, patches, PRV_ARRAY_SIZE(patches), verbs,
			  nr_verbs);
}

/* "Applied the monitor test enhancements already": patches left out. */
static bool mentions_applied(const char *text, size_t len)
{
	static const char *const already[] = { "already" };
	static const char *const verbs[] = { "applied", "merged", "accepted",
					     "pushed", "taken" };

	return line_holds(text, len, already, 1, verbs, PRV_ARRAY_SIZE(verbs));
}

/* "Review patch descriptions in general": every message may change. */
static bool mentions_messages(const char *text, size_t len)
{
	static const char *const words[] = { "descriptions", "commit messages",
					     "commit logs" };

	return prv_contains_any_ci(text, len, words, PRV_ARRAY_SIZE(words));
}

/*
 * Does a line say the series grew ("This series is slightly larger than
 * v1") or shrank ("the series is smaller now")? Patches added or dropped.
 */
static bool mentions_series_size(const char *text, size_t len, char status)
{
	static const char *const series[] = { "series" };
	static const char *const grew[] = { "larger", "bigger", "longer",
					    "grew", "grown" };
	static const char *const shrank[] = { "smaller", "shorter", "shrank",
					      "shrunk", "fewer" };

	return status == '>' ? line_holds(text, len, series, 1, grew,
					  PRV_ARRAY_SIZE(grew)) :
			       line_holds(text, len, series, 1, shrank,
					  PRV_ARRAY_SIZE(shrank));
}

static bool mentions_added_or_dropped(const char *text, size_t len, char status)
{
	static const char *const added[] = { "add",	 "new",	   "split",
					     "introduc", "larger", "more" };
	static const char *const dropped[] = {
		"drop",	    "remov",  "applied",  "merged",  "split",
		"moved",    "squash", "fewer",	  "smaller", "taken",
		"accepted", "back",   "left out", "postpon", "defer",
	};

	if (mentions_series_size(text, len, status))
		return true;
	if (status == '>')
		return mentions_patches(text, len, added,
					PRV_ARRAY_SIZE(added));
	return mentions_patches(text, len, dropped, PRV_ARRAY_SIZE(dropped)) ||
	       mentions_applied(text, len);
}

/*
 * The cover letter's own text, before git format-patch's shortlog
 * ("Name (3):") and diffstat: those list every patch, they present none.
 */
static size_t cover_prose_len(const char *body, size_t len)
{
	const char *p = body, *end = body + len;

	while (p < end) {
		size_t l = prv_line_len(p, (size_t)(end - p));

		if (l > 4 && p[0] != ' ' && p[l - 1] == ':' &&
		    p[l - 2] == ')' && isdigit((unsigned char)p[l - 3]) &&
		    memchr(p, '(', l))
			break;
		if (l > 2 && p[0] == ' ' &&
		    (memmem(p, l, " | ", 3) || memmem(p, l, " changed,", 9)))
			break;
		p += l + 1;
	}
	return p < end ? (size_t)(p - body) : len;
}

/* Does the cover letter present patch num ("Patch #5 adds ...")? */
static bool presented(const struct prv_mail *cover, int num, int total)
{
	size_t n;

	if (!cover)
		return false;
	n = cover_prose_len(cover->msg.body, cover->msg.body_len);
	return prv_changelog_names_patch(cover->msg.body, n, num, total);
}

/* Whether two texts hold the same words, white space aside. */
static bool same_words(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i = 0, j = 0;

	for (;;) {
		while (i < alen && isspace((unsigned char)a[i]))
			i++;
		while (j < blen && isspace((unsigned char)b[j]))
			j++;
		if (i == alen || j == blen)
			return i == alen && j == blen;
		if (a[i++] != b[j++])
			return false;
	}
}

/*
 * A message that changed only in its white space (a quoted test output
 * re-aligned, a paragraph re-wrapped) says nothing new: not a change to
 * mention.
 */
static bool message_respaced(const struct prv_rangediff_pair *p)
{
	const struct prv_patchmail *o, *n;

	if (!p->old_patch || !p->new_patch || !p->old_patch->mail ||
	    !p->new_patch->mail)
		return false;
	o = &p->old_patch->mail->pm;
	n = &p->new_patch->mail->pm;
	return o->title && n->title &&
	       same_words(o->title, strlen(o->title), n->title,
			  strlen(n->title)) &&
	       same_words(o->message, o->trailer_block, n->message,
			  n->trailer_block);
}

static int check_unmentioned(struct prv_check_ctx *ctx,
			     const struct prv_check_target *t)
{
	struct prv_buf text = PRV_BUF_INIT;
	int v = ctx->cur->version;
	size_t i;

	if (prv_changelog_empty(&ctx->changelog))
		goto out; /* changelog.missing says it already */
	relevant_text(&text, &ctx->changelog, v);
	for (i = 0; i < ctx->nr_pairs; i++) {
		const struct prv_rangediff_pair *p = &ctx->pairs[i];
		const struct prv_patch *pp = p->new_patch ? p->new_patch :
							    p->old_patch;
		const char *what;
		int num, total;

		if (p->status == '=')
			continue;
		/* one patch reposted out of a longer series: the others went
		 * their own way, they were not dropped from this one */
		if (p->status == '<' && ctx->cur->nr_patches == 1 &&
		    ctx->cur->expected == 1)
			continue;
		if (p->status == '!' &&
		    !(p->changed &
		      (PRV_RD_DIFF | PRV_RD_MESSAGE | PRV_RD_FILES)))
			continue;
		if (p->status == '!' &&
		    !(p->changed & (PRV_RD_DIFF | PRV_RD_FILES)) &&
		    message_respaced(p))
			continue;
		num = pp->index;
		total = p->new_patch ? ctx->cur->expected : ctx->prev->expected;
		if (p->new_patch != NULL &&
		    own_entry(&ctx->changelog, v, p->new_patch->index))
			continue;
		if (ctx->cur->nr_patches == 1 && p->new_patch != NULL &&
		    text.len)
			continue;
		/* an added patch whose notes present it, whatever version
		 * they name ("v3: new in this series" in a v2) */
		if (p->status == '>' &&
		    any_own_entry(&ctx->changelog, p->new_patch->index))
			continue;
		if (p->status == '!' &&
		    names_its_reviewer(ctx, p, text.data, text.len))
			continue;
		if (p->status == '!' && p->comments_only &&
		    !(p->changed & PRV_RD_FILES) &&
		    mentions_comments(text.data, text.len, num, total))
			continue;
		if ((p->status == '<' || p->status == '>') &&
		    mentions_added_or_dropped(text.data, text.len, p->status))
			continue;
		if (p->status == '!' && (p->changed & PRV_RD_MESSAGE) &&
		    !(p->changed & (PRV_RD_DIFF | PRV_RD_FILES)) &&
		    mentions_messages(text.data, text.len))
			continue;
		/* a new patch the cover letter presents ("Patch #5 adds") */
		if (p->status == '>' && presented(ctx->cur->cover, num, total))
			continue;
		if (prv_changelog_names_patch(text.data, text.len, num,
					      total) ||
		    (pp->mail &&
		     names_title(text.data, text.len, pp->mail->pm.title)) ||
		    names_file_or_function(text.data, text.len, pp->mail) ||
		    names_joined_words(text.data, text.len, pp->mail) ||
		    names_own_prefix(text.data, text.len,
				     p->new_patch ? ctx->cur : ctx->prev, pp))
			continue;
		if (p->status == '>')
			what = "was added";
		else if (p->status == '<')
			what = "was dropped";
		else if (p->changed & PRV_RD_DIFF)
			what = "changed its code";
		else
			what = "changed its commit message";
		prv_check_report(ctx, "changelog.unmentioned-change",
				 PRV_SEV_WARN, p->new_patch, NULL, 0,
				 "say what changed in it, by patch number or "
				 "title",
				 "%s %d/%d '%s' %s but the changelog does not "
				 "mention it",
				 p->new_patch ? "patch" : "old patch", num,
				 total,
				 pp->mail && pp->mail->pm.title ?
					 pp->mail->pm.title :
					 "",
				 what);
	}
out:
	prv_buf_release(&text);
	return 0;
}

const struct prv_check prv_checks_changelog[] = {
	{ "changelog/present", PRV_SCOPE_SERIES, check_present },
	{ "changelog/unmentioned", PRV_SCOPE_VERSION_PAIR, check_unmentioned },
	{ NULL, 0, NULL },
};
