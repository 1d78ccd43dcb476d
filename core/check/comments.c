// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdio.h>
#include <string.h>

#include "core/base/buf.h"
#include "core/base/util.h"
#include "core/check/comments.h"

#define ITEM_MAX 2048
#define WORDS_MAX 64
#define WORD_MAX 40

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static bool is_word(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

/* ---- dropped, changed ---- */

static const struct prv_rangediff_pair *
pair_of(const struct prv_comments_judge *j, int k)
{
	size_t i;

	for (i = 0; i < j->nr_pairs; i++)
		if (j->pairs[i].old == k)
			return &j->pairs[i];
	return NULL;
}

/* The next line of [*p, end) with its marker, trailing white space cut. */
static bool next_line(const char **p, const char *end, const char **l,
		      size_t *n)
{
	const char *nl;

	if (*p >= end)
		return false;
	nl = memchr(*p, '\n', (size_t)(end - *p));
	if (!nl)
		nl = end;
	*l = *p;
	*n = (size_t)(nl - *p);
	while (*n && is_space((*l)[*n - 1]))
		(*n)--;
	*p = nl + 1;
	return true;
}

/* The added and removed lines of a hunk, one per line, in `out`. */
static void change_lines(struct prv_buf *out, const struct prv_hunk *h)
{
	const char *p = h->body, *end = h->body + h->body_len, *l;
	size_t n;

	while (next_line(&p, end, &l, &n))
		if (n && (*l == '+' || *l == '-')) {
			prv_buf_add(out, l, n);
			prv_buf_addch(out, '\n');
		}
}

static const struct prv_file *file_in(const struct prv_mail *m,
				      const char *path)
{
	size_t i;

	for (i = 0; m && i < m->diff.nr_files; i++)
		if (!strcmp(prv_file_path(&m->diff.files[i]), path))
			return &m->diff.files[i];
	return NULL;
}

/*
 * The added and removed lines of the last file asked for, kept from one
 * comment to the next: comments come by patch, many on one file.
 */
struct file_lines {
	const struct prv_file *file;
	struct prv_buf lines;
};

/* Whether the hunk's added and removed lines are all in `f`, in a row. */
static bool hunk_kept(const struct prv_hunk *h, const struct prv_file *f,
		      struct file_lines *fl)
{
	struct prv_buf want = PRV_BUF_INIT;
	size_t i;
	bool kept;

	if (fl->file != f) {
		prv_buf_reset(&fl->lines);
		prv_buf_addch(&fl->lines, '\n');
		for (i = 0; i < f->nr_hunks; i++)
			change_lines(&fl->lines, &f->hunks[i]);
		fl->file = f;
	}
	prv_buf_addch(&want, '\n');
	change_lines(&want, h);
	kept = want.len > 1 && memmem(fl->lines.data, fl->lines.len, want.data,
				      want.len) != NULL;
	prv_buf_release(&want);
	return kept;
}

/*
 * The key of the line after the line whose key is `want` in text t, in
 * `next` ("" for a last line). Returns false when no line is `want`.
 */
static bool line_after(char *next, const char *t, size_t len, const char *want,
		       const char *from)
{
	char key[PRV_COMMENT_KEY_MAX + 1];
	const char *p = t, *end = t + len, *l;
	size_t n;
	bool hit = false;

	*next = '\0';
	if (from && *from)
		p = from;
	while (p && next_line(&p, end, &l, &n)) {
		prv_comment_key(key, l, n, false);
		if (hit) {
			strcpy(next, key);
			return true;
		}
		hit = !strcmp(key, want);
	}
	return hit;
}

/*
 * Whether the message of nm (title included) still has the quoted line,
 * followed by the line that followed it in the old message om (a blank
 * line removed after a Fixes: tag changes it).
 */
static bool message_has(const struct prv_mail *om, const struct prv_mail *nm,
			const char *quote)
{
	char want[PRV_COMMENT_KEY_MAX + 1], key[PRV_COMMENT_KEY_MAX + 1];
	char was[PRV_COMMENT_KEY_MAX + 1], is[PRV_COMMENT_KEY_MAX + 1];
	const char *p = nm->pm.message, *end, *l;
	size_t n;
	bool old_has;

	if (!prv_comment_key(want, quote, strlen(quote), false))
		return true;
	if (nm->pm.title) {
		prv_comment_key(key, nm->pm.title, strlen(nm->pm.title), false);
		if (!strcmp(key, want))
			return true;
	}
	if (!p)
		return false;
	old_has =
		om && om->pm.message &&
		line_after(was, om->pm.message, om->pm.message_len, want, NULL);
	end = p + nm->pm.message_len;
	while (next_line(&p, end, &l, &n)) {
		prv_comment_key(key, l, n, false);
		if (strcmp(key, want))
			continue;
		if (!old_has)
			return true;
		line_after(is, l, (size_t)(end - l), want, NULL);
		if (!strcmp(is, was))
			return true;
	}
	return false;
}

static bool judge_changed(struct prv_comment *c, struct prv_arena *a,
			  const struct prv_rangediff_pair *p, int newv,
			  struct file_lines *fl)
{
	const struct prv_mail *nm = p->new_patch ? p->new_patch->mail : NULL;
	const struct prv_file *f;

	if (p->status == '=' || !nm)
		return false;
	switch (c->anchor) {
	case PRV_ANCHOR_DIFF:
		f = file_in(nm, c->path);
		if (f && hunk_kept(c->hunk, f, fl))
			return false;
		c->evidence = prv_arena_printf(
			a, "v%d patch %d: %s:%ld %s", newv, p->new, c->path,
			c->line, f ? "changed" : "no longer in the patch");
		return true;
	case PRV_ANCHOR_MESSAGE:
		if (message_has(c->patch_at ? c->patch_at->mail : NULL, nm,
				c->quote))
			return false;
		c->evidence = prv_arena_printf(
			a, "v%d patch %d: the quoted message line changed",
			newv, p->new);
		return true;
	case PRV_ANCHOR_PATCH:
		if (!(p->changed & (PRV_RD_DIFF | PRV_RD_MESSAGE)))
			return false;
		c->evidence = prv_arena_printf(
			a, "v%d patch %d: %s changed", newv, p->new,
			p->changed & PRV_RD_DIFF ? "the code" : "the message");
		return true;
	case PRV_ANCHOR_COVER:
		break;
	}
	return false;
}

/* ---- credited ---- */

static bool same_ci(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char x = a[i] >= 'A' && a[i] <= 'Z' ? (char)(a[i] + 32) : a[i];
		char y = b[i] >= 'A' && b[i] <= 'Z' ? (char)(b[i] + 32) : b[i];

		if (x != y)
			return false;
	}
	return true;
}

/* Whether s holds w (wn bytes) as a whole word. */
static bool has_word(const char *s, size_t len, const char *w, size_t wn,
		     bool any_case)
{
	size_t i;

	if (!wn)
		return false;
	for (i = 0; i + wn <= len; i++) {
		if ((i && is_word(s[i - 1])) ||
		    (i + wn < len && is_word(s[i + wn])))
			continue;
		if (any_case ? same_ci(s + i, w, wn) : !memcmp(s + i, w, wn))
			return true;
	}
	return false;
}

bool prv_comment_names_person(const char *s, size_t len,
			      const struct prv_person *who)
{
	const char *n = who->name, *at = strchr(who->email, '@'), *w;
	size_t nl = strlen(n), i;

	if (nl >= 5)
		for (i = 0; i + nl <= len; i++)
			if (same_ci(s + i, n, nl))
				return true;
	if (at && at - who->email >= 4 &&
	    has_word(s, len, who->email, (size_t)(at - who->email), true))
		return true;
	/* a name part, capitalised as written: "(Jakub)", "per Sitnicki" */
	for (w = n; *w;) {
		const char *e = w;

		while (*e && *e != ' ')
			e++;
		if (e - w >= 3 && *w >= 'A' && *w <= 'Z' &&
		    has_word(s, len, w, (size_t)(e - w), false))
			return true;
		w = *e ? e + 1 : e;
	}
	return false;
}

static bool stopword(const char *w)
{
	static const char *const stop[] = {
		"about",   "after",	"again",      "before",	   "being",
		"because", "better",	"change",     "changed",   "changes",
		"comment", "comments",	"could",      "doesn",	   "first",
		"maybe",   "might",	"other",      "patch",	   "patches",
		"really",  "review",	"should",     "since",	   "something",
		"still",   "their",	"there",      "these",	   "think",
		"those",   "thanks",	"using",      "version",   "where",
		"which",   "while",	"would",      "without",   "instead",
		"update",  "updated",	"added",      "remove",	   "removed",
		"fixed",   "suggested", "suggestion", "series",	   "feedback",
		"review",  "reviewed",	"address",    "addressed",
	};
	size_t i;

	for (i = 0; i < PRV_ARRAY_SIZE(stop); i++)
		if (!strcmp(w, stop[i]))
			return true;
	return false;
}

struct words {
	char w[WORDS_MAX][WORD_MAX];
	size_t nr;
};

/* The key words of a text: 5 letters or more, not common, lower case. */
static void words_add(struct words *ws, const char *s, size_t len)
{
	size_t i = 0, k, n;

	while (i < len && ws->nr < WORDS_MAX) {
		while (i < len && !is_word(s[i]))
			i++;
		for (n = 0; i + n < len && is_word(s[i + n]); n++)
			;
		if (n >= 5 && n < WORD_MAX) {
			char *w = ws->w[ws->nr];

			for (k = 0; k < n; k++)
				w[k] = (char)(s[i + k] >= 'A' &&
							      s[i + k] <= 'Z' ?
						      s[i + k] + 32 :
						      s[i + k]);
			w[n] = '\0';
			for (k = 0; k < ws->nr && strcmp(ws->w[k], w); k++)
				;
			if (k == ws->nr && !stopword(w))
				ws->nr++;
		}
		i += n;
	}
}

static size_t shared_words(const struct words *a, const struct words *b)
{
	size_t i, k, n = 0;

	for (i = 0; i < a->nr; i++)
		for (k = 0; k < b->nr; k++)
			if (!strcmp(a->w[i], b->w[k])) {
				n++;
				break;
			}
	return n;
}

/* Whether an item of the cover's changelog names patch k of n. */
static bool names_patch(const char *s, size_t len, int k,
			const struct prv_patch *p)
{
	char b[32];
	const char *t = p && p->mail ? prv_mail_title(p->mail) : NULL;

	if (prv_changelog_names_patch(s, len, k, 0))
		return true;
	snprintf(b, sizeof(b), "%d/", k);
	if (memmem(s, len, b, strlen(b)))
		return true;
	return t && strlen(t) > 12 && memmem(s, len, t, strlen(t));
}

struct item {
	const char *p;
	size_t len;
	int patch; /* of its entry */
};

static bool bullet(const char *l, size_t n)
{
	size_t i = 0;

	while (i < n && is_space(l[i]))
		i++;
	if (i < n && (l[i] == '-' || l[i] == '*' || l[i] == '+'))
		return true;
	while (i < n && l[i] >= '0' && l[i] <= '9')
		i++;
	return i > 0 && i < n && (l[i] == '.' || l[i] == ')');
}

/* Whether the reviewer of comment i commented on one patch of old alone. */
static bool one_patch(const struct prv_comments *all, size_t i)
{
	const struct prv_comment *c = &all->items[i];
	size_t k;

	for (k = 0; k < all->nr; k++)
		if (all->items[k].patch != c->patch &&
		    prv_person_same(&all->items[k].reviewer, &c->reviewer))
			return false;
	return true;
}

/* Whether comment i of `all` is credited by one item. */
static bool item_credits(const struct prv_comments *all, size_t ci,
			 const struct item *it, int newk,
			 const struct prv_patch *np)
{
	const struct prv_comment *c = &all->items[ci];
	struct words cw = { .nr = 0 }, iw = { .nr = 0 };
	bool here = it->patch == newk ||
		    (it->patch == 0 && names_patch(it->p, it->len, newk, np));
	size_t shared;

	if (it->patch && it->patch != newk)
		return false;
	words_add(&cw, c->text, strlen(c->text));
	words_add(&cw, c->quote, strlen(c->quote));
	words_add(&iw, it->p, it->len);
	shared = shared_words(&cw, &iw);
	if (prv_comment_names_person(it->p, it->len, &c->reviewer))
		return here || shared >= 1 || !c->patch || one_patch(all, ci);
	return shared >= 2 && (here || !c->patch || it->patch == 0);
}

/* The item of entry `en` that credits `c`, or false. */
static bool entry_credits(const struct prv_comments *all, size_t ci,
			  const struct prv_changelog_entry *en, int newk,
			  const struct prv_patch *np, struct item *out)
{
	const char *p = en->text, *end = en->text + en->len, *l;
	struct item it = { NULL, 0, en->patch };
	size_t n;

	while (p && next_line(&p, end, &l, &n)) {
		bool start = bullet(l, n) || !n;

		if (it.p && (start || l + n > it.p + ITEM_MAX)) {
			if (item_credits(all, ci, &it, newk, np))
				goto found;
			it.p = NULL;
		}
		if (!n)
			continue;
		if (!it.p)
			it.p = l;
		it.len = (size_t)(l + n - it.p);
	}
	if (it.p && item_credits(all, ci, &it, newk, np))
		goto found;
	return false;
found:
	*out = it;
	return true;
}

/* Walk the items (bullets, or paragraphs) of the changelog entries. */
static bool judge_credited(struct prv_comments *all, size_t ci,
			   struct prv_arena *a,
			   const struct prv_comments_judge *j, int newk)
{
	struct prv_comment *c = &all->items[ci];
	const struct prv_changelog *cl = j->changelog;
	const struct prv_patch *np = NULL;
	struct item it;
	size_t e, i;

	for (i = 0; newk && i < j->new->nr_patches; i++)
		if (j->new->patches[i].index == newk)
			np = &j->new->patches[i];
	for (e = 0; cl && e < cl->nr; e++) {
		const struct prv_changelog_entry *en = &cl->entries[e];

		if (en->to && en->to != j->new->version)
			continue;
		if (!entry_credits(all, ci, en, newk, np, &it))
			continue;
		while (it.len && is_space(*it.p)) {
			it.p++;
			it.len--;
		}
		c->evidence = prv_arena_printf(a, "v%d changelog: %.*s",
					       j->new->version,
					       (int)prv_line_len(it.p, it.len),
					       it.p);
		return true;
	}
	return false;
}

/* ---- answered ---- */

/* Whether `m` answers `to`: its parent, or in its references. */
static bool under(const struct prv_mail *m, const struct prv_mail *to)
{
	size_t i;

	if (m->in_reply_to && !strcmp(m->in_reply_to, to->message_id))
		return true;
	for (i = 0; i < m->nr_references; i++)
		if (!strcmp(m->references[i], to->message_id))
			return true;
	return false;
}

/* Whether reply r quotes one of the comments of c's mail. */
static bool quotes_any(const struct prv_comments *all,
		       const struct prv_comment *c, const struct prv_mail *r)
{
	size_t i;

	for (i = 0; i < all->nr; i++)
		if (all->items[i].mail == c->mail &&
		    prv_comment_quoted_in(r, all->items[i].text))
			return true;
	return false;
}

static bool judge_answered(struct prv_comment *c, struct prv_arena *a,
			   const struct prv_comments *all,
			   const struct prv_comments_judge *j)
{
	struct prv_mail *const *rs = c->patch_at ? c->patch_at->replies :
						   j->old->cover_replies;
	size_t nr = c->patch_at ? c->patch_at->nr_replies :
				  j->old->nr_cover_replies;
	size_t i, k;

	for (i = 0; i < nr; i++) {
		const struct prv_mail *r = rs[i];
		bool back = false;

		if (!r->in_reply_to ||
		    strcmp(r->in_reply_to, c->mail->message_id) ||
		    !prv_comment_by_author(j->series, j->old, &r->from))
			continue;
		if (!prv_comment_quoted_in(r, c->text) && quotes_any(all, c, r))
			continue;
		for (k = 0; k < nr && !back; k++)
			back = prv_person_same(&rs[k]->from, &c->reviewer) &&
			       under(rs[k], r);
		if (back)
			continue;
		c->evidence = prv_arena_printf(a, "%s replied: %s",
					       r->from.name, r->message_id);
		return true;
	}
	return false;
}

/*
 * A patch the range-diff could not pair (rewritten past the creation
 * factor) whose place k the next version fills with a patch it could not
 * pair either: that patch is its next version, all of it changed.
 */
static const struct prv_rangediff_pair *
taken_over(const struct prv_comments_judge *j, int k,
	   struct prv_rangediff_pair *tmp)
{
	size_t i;

	for (i = 0; i < j->nr_pairs; i++) {
		if (j->pairs[i].status != '>' || j->pairs[i].new != k ||
		    !j->pairs[i].new_patch)
			continue;
		*tmp = j->pairs[i];
		tmp->old = k;
		tmp->status = '!';
		tmp->changed = PRV_RD_DIFF | PRV_RD_MESSAGE;
		return tmp;
	}
	return NULL;
}

static void judge_one(struct prv_comments *all, size_t i, struct prv_arena *a,
		      const struct prv_comments_judge *j, struct file_lines *fl)
{
	struct prv_comment *c = &all->items[i];
	const struct prv_rangediff_pair *p = NULL;
	struct prv_rangediff_pair tmp;
	int newk = 0;

	if (c->patch) {
		p = pair_of(j, c->patch);
		if (!p || !p->new_patch)
			p = taken_over(j, c->patch, &tmp);
		if (!p || !p->new_patch) {
			c->status = PRV_COMMENT_DROPPED;
			c->evidence =
				prv_arena_printf(a, "patch %d is not in v%d",
						 c->patch, j->new->version);
			return;
		}
		newk = p->new;
		if (judge_changed(c, a, p, j->new->version, fl)) {
			c->status = PRV_COMMENT_CHANGED;
			return;
		}
	}
	if (judge_credited(all, i, a, j, newk))
		c->status = PRV_COMMENT_CREDITED;
	else if (judge_answered(c, a, all, j))
		c->status = PRV_COMMENT_ANSWERED;
	else
		c->status = PRV_COMMENT_OPEN;
}

void prv_comments_judge(struct prv_comments *c, struct prv_arena *a,
			const struct prv_comments_judge *j)
{
	struct file_lines fl = { NULL, PRV_BUF_INIT };
	size_t i;

	for (i = 0; i < c->nr; i++) {
		c->items[i].evidence = "";
		if (!j->new)
			c->items[i].status = PRV_COMMENT_PENDING;
		else
			judge_one(c, i, a, j, &fl);
	}
	prv_buf_release(&fl.lines);
}
