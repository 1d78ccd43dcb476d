// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/buf.h"
#include "core/base/strmap.h"
#include "core/base/util.h"
#include "core/mail/trailer.h"
#include "core/series/comment.h"

/* Bounds: a key is compared on its first KEY_MAX bytes. */
#define KEY_MAX PRV_COMMENT_KEY_MAX
#define TEXT_MAX 4096
/* Quote lines of one comment that are looked for inside longer lines. */
#define SUBSTR_TRIES 48
/* A quote shorter than this matches only a whole line. */
#define SUBSTR_MIN 16

const char *prv_comment_status_name(enum prv_comment_status st)
{
	static const char *const names[PRV_COMMENT_NR] = {
		[PRV_COMMENT_OPEN] = "open",
		[PRV_COMMENT_CHANGED] = "changed",
		[PRV_COMMENT_CREDITED] = "credited",
		[PRV_COMMENT_ANSWERED] = "answered",
		[PRV_COMMENT_DROPPED] = "dropped",
		[PRV_COMMENT_PENDING] = "pending",
	};

	return st < PRV_COMMENT_NR ? names[st] : "open";
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

bool prv_comment_quoted(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && i < 3 && s[i] == ' ')
		i++;
	return i < len && s[i] == '>';
}

/* ---- who wrote a reply ---- */

/* Whether `w` (n bytes, any case) names a bot as a word of a name. */
static bool bot_word(const char *w, size_t n)
{
	return prv_eq_ci(w, n, "bot") || prv_eq_ci(w, n, "robot") ||
	       prv_eq_ci(w, n, "ci") || prv_eq_ci(w, n, "syzbot") ||
	       prv_eq_ci(w, n, "nipa") || prv_eq_ci(w, n, "patchwork") ||
	       prv_eq_ci(w, n, "noreply") || prv_eq_ci(w, n, "no-reply") ||
	       (n > 4 && prv_eq_ci(w + n - 4, 4, "-bot"));
}

/* Any word of `s` (split at what is not a letter, digit or '-') a bot's? */
static bool has_bot_word(const char *s)
{
	const char *p = s, *w;

	while (p && *p) {
		while (*p &&
		       !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			 (*p >= '0' && *p <= '9') || *p == '-'))
			p++;
		w = p;
		while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		       (*p >= '0' && *p <= '9') || *p == '-')
			p++;
		if (p > w && bot_word(w, (size_t)(p - w)))
			return true;
	}
	return false;
}

bool prv_comment_from_bot(const struct prv_mail *m)
{
	const char *at = strchr(m->from.email, '@');
	size_t n = at ? (size_t)(at - m->from.email) : strlen(m->from.email);
	char local[128];

	/* patchwork-bot+netdevbpf@, bot+bpf-ci@, syzbot+ci...@ */
	if (n >= sizeof(local))
		n = sizeof(local) - 1;
	memcpy(local, m->from.email, n);
	local[n] = '\0';
	for (n = 0; local[n]; n++)
		if (local[n] == '+' || local[n] == '.' || local[n] == '_')
			local[n] = ' ';
	if (has_bot_word(local) || has_bot_word(m->from.name))
		return true;
	return prv_starts_with_ci(m->subject, strlen(m->subject), "[syzbot");
}

bool prv_comment_by_author(const struct prv_series *s,
			   const struct prv_version *v,
			   const struct prv_person *from)
{
	size_t i;

	if (prv_person_same(from, &s->author))
		return true;
	if (v->cover && prv_person_same(from, &v->cover->from))
		return true;
	for (i = 0; i < v->nr_patches; i++) {
		const struct prv_mail *m = v->patches[i].mail;

		if (m && (prv_person_same(from, &m->from) ||
			  prv_person_same(from, prv_mail_author(m))))
			return true;
	}
	return false;
}

/* ---- keys: a line as the matcher compares it ---- */

/*
 * The key of a line: quote markers (when `quoted`) and one diff marker
 * dropped, white space runs made one space, trimmed; in `out` (KEY_MAX + 1
 * bytes). Mailers re-indent quoted diffs ("> >  +foo"), so spaces between
 * the markers do not count.
 */
static size_t key_of(char *out, const char *s, size_t len, bool quoted)
{
	size_t i = 0, n = 0;
	bool sp = false;

	if (quoted)
		while (i < len && (s[i] == '>' || is_space(s[i])))
			i++;
	if (i < len && (s[i] == '+' || s[i] == '-') &&
	    !(i + 2 < len && s[i + 1] == s[i] && s[i + 2] == s[i]))
		i++;
	for (; i < len && n < KEY_MAX; i++) {
		if (is_space(s[i])) {
			sp = n > 0;
			continue;
		}
		if (sp && n + 1 >= KEY_MAX)
			break; /* no room for the space and the byte */
		if (sp)
			out[n++] = ' ';
		sp = false;
		out[n++] = s[i];
	}
	out[n] = '\0';
	return n;
}

/* A key too common to say where it is: braces, "return 0;", "else" */
static bool key_trivial(const char *k, size_t n)
{
	size_t i, alnum = 0;

	for (i = 0; i < n; i++)
		alnum += (k[i] >= 'a' && k[i] <= 'z') ||
			 (k[i] >= 'A' && k[i] <= 'Z') ||
			 (k[i] >= '0' && k[i] <= '9');
	return alnum < 2 || !strcmp(k, "return 0;") ||
	       !strcmp(k, "return ret;") || !strcmp(k, "else") ||
	       !strcmp(k, "break;") || !strcmp(k, "} else {");
}

/* ---- the lines of a patch, to match quotes against ---- */

struct hline {
	const char *key;
	const char *raw; /* the line with its marker */
	size_t raw_len;
	size_t hunk; /* global hunk number, or SIZE_MAX for the message */
	long line;
	size_t next; /* next line with the same key, or SIZE_MAX */
};

struct patch_index {
	struct prv_arena keys_arena; /* the keys, freed with the index */
	struct hline *lines;
	size_t nr, alloc;
	struct prv_strmap keys; /* key -> first line */
	const struct prv_file **hunk_file; /* per global hunk */
	const struct prv_hunk **hunk_at;
	size_t nr_hunks;
};

static void index_add(struct patch_index *ix, const char *raw, size_t len,
		      size_t hunk, long line, bool diff)
{
	char key[KEY_MAX + 1];
	size_t n = diff ? key_of(key, raw + 1, len - 1, false) :
			  key_of(key, raw, len, false);
	struct hline *h;
	size_t first;

	if (!n || key_trivial(key, n))
		return;
	PRV_ALLOC_GROW(ix->lines, ix->nr + 1, ix->alloc);
	h = &ix->lines[ix->nr];
	h->key = prv_arena_strndup(&ix->keys_arena, key, n);
	h->raw = raw;
	h->raw_len = len;
	h->hunk = hunk;
	h->line = line;
	h->next = SIZE_MAX;
	first = prv_strmap_get(&ix->keys, h->key);
	if (first == PRV_STRMAP_NONE) {
		prv_strmap_put(&ix->keys, h->key, ix->nr);
	} else {
		while (ix->lines[first].next != SIZE_MAX)
			first = ix->lines[first].next;
		ix->lines[first].next = ix->nr;
	}
	ix->nr++;
}

static void index_hunk(struct patch_index *ix, const struct prv_hunk *h,
		       size_t id)
{
	const char *p = h->body, *end = h->body + h->body_len, *nl;
	long o = h->old_start, n = h->new_start;

	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		if (nl == p)
			continue;
		if (*p == '+')
			index_add(ix, p, (size_t)(nl - p), id, n++, true);
		else if (*p == '-')
			index_add(ix, p, (size_t)(nl - p), id, o++, true);
		else if (*p == ' ') {
			index_add(ix, p, (size_t)(nl - p), id, n, true);
			o++;
			n++;
		}
		if (nl == end)
			break;
	}
}

static void index_text(struct patch_index *ix, const char *t, size_t len)
{
	const char *p = t, *end = t + len, *nl;

	for (; p && p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		index_add(ix, p, (size_t)(nl - p), SIZE_MAX, 0, false);
		if (nl == end)
			break;
	}
}

/*
 * The index of one patch, kept only while its replies are read: its keys
 * live in an arena of its own, so that an archive's worth of patches does
 * not keep a copy of every diff line until the report is out.
 */
static void index_build(struct patch_index *ix, const struct prv_mail *m)
{
	size_t f, h, id = 0, total = 0;

	memset(ix, 0, sizeof(*ix));
	prv_arena_init(&ix->keys_arena);
	for (f = 0; f < m->diff.nr_files; f++)
		total += m->diff.files[f].nr_hunks;
	prv_strmap_init(&ix->keys, 64);
	ix->hunk_file = prv_xcalloc(total + 1, sizeof(*ix->hunk_file));
	ix->hunk_at = prv_xcalloc(total + 1, sizeof(*ix->hunk_at));
	for (f = 0; f < m->diff.nr_files; f++) {
		const struct prv_file *fi = &m->diff.files[f];

		for (h = 0; h < fi->nr_hunks; h++, id++) {
			ix->hunk_file[id] = fi;
			ix->hunk_at[id] = &fi->hunks[h];
			index_hunk(ix, &fi->hunks[h], id);
		}
	}
	ix->nr_hunks = id;
	if (m->pm.title)
		index_text(ix, m->pm.title, strlen(m->pm.title));
	if (m->pm.message)
		index_text(ix, m->pm.message, m->pm.message_len);
}

static void index_release(struct patch_index *ix)
{
	free(ix->lines);
	free(ix->hunk_file);
	free(ix->hunk_at);
	prv_strmap_release(&ix->keys);
	prv_arena_release(&ix->keys_arena);
	memset(ix, 0, sizeof(*ix));
}

/* ---- a reply, split into quote runs and own text ---- */

struct span {
	const char *p;
	size_t len;
};

struct lines {
	struct span *l;
	size_t nr, alloc;
};

/* The body's lines up to a "-- " signature or an Outlook quote header. */
static void split_body(struct lines *out, const char *body, size_t len)
{
	const char *p = body, *end = body + len, *nl;

	for (; p < end; p = nl + 1) {
		size_t n;

		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		n = (size_t)(nl - p);
		while (n && p[n - 1] == '\r')
			n--;
		if ((n == 3 && !memcmp(p, "-- ", 3)) ||
		    prv_starts_with(p, n, "-----Original Message-----"))
			break;
		PRV_ALLOC_GROW(out->l, out->nr + 1, out->alloc);
		out->l[out->nr].p = p;
		out->l[out->nr++].len = n;
		if (nl == end || out->nr >= 20000)
			break;
	}
}

static struct span trimmed(struct span s)
{
	while (s.len && is_space(*s.p)) {
		s.p++;
		s.len--;
	}
	while (s.len && is_space(s.p[s.len - 1]))
		s.len--;
	return s;
}

static bool ends_with_ci(struct span s, const char *suffix)
{
	size_t n = strlen(suffix);

	return s.len >= n && prv_eq_ci(s.p + s.len - n, n, suffix);
}

/* "On <date>, X wrote:", "X <x@y> wrote:", "Le ... a écrit :" */
static bool attribution(struct span s)
{
	s = trimmed(s);
	return ends_with_ci(s, "wrote:") || ends_with_ci(s, "writes:") ||
	       ends_with_ci(s, "wrote :") || ends_with_ci(s, "crit :") ||
	       ends_with_ci(s, "schrieb:");
}

/* "[...]", "[ ... ]", "<snip>", "..." : a gap in the quote. */
static bool gap_marker(struct span s)
{
	size_t i, letters = 0;

	s = trimmed(s);
	if (!s.len)
		return false;
	if (prv_eq_ci(s.p, s.len, "<snip>") ||
	    prv_eq_ci(s.p, s.len, "[snip]") || prv_eq_ci(s.p, s.len, "snip") ||
	    prv_eq_ci(s.p, s.len, "[snip...]"))
		return true;
	for (i = 0; i < s.len; i++) {
		if (!strchr("[]().<> \t", s.p[i]))
			letters++;
	}
	return !letters;
}

/* "Reviewed-by: X <x@y>", "Fixes: ...", "pw-bot: cr": not a comment. */
static bool trailer_line(struct span s)
{
	const char *colon;
	char key[40];
	size_t n;

	s = trimmed(s);
	colon = memchr(s.p, ':', s.len);
	if (!colon)
		return false;
	n = (size_t)(colon - s.p);
	if (!n || n >= sizeof(key) || !prv_trailer_token_ok(s.p, n))
		return false;
	memcpy(key, s.p, n);
	key[n] = '\0';
	return prv_trailer_key_is_person(key) || !strcmp(key, "pw-bot") ||
	       prv_eq_ci(key, n, "fixes") || prv_eq_ci(key, n, "link") ||
	       prv_eq_ci(key, n, "closes") || prv_eq_ci(key, n, "cc");
}

static size_t words_of(struct span s)
{
	size_t i, n = 0;
	bool in = false;

	for (i = 0; i < s.len; i++) {
		bool w = !is_space(s.p[i]);

		n += w && !in;
		in = w;
	}
	return n;
}

/* Whether the trimmed line starts with word `w` (any case). */
static bool starts_word(struct span s, const char *w)
{
	size_t n = strlen(w);
	char c;

	if (s.len < n || !prv_eq_ci(s.p, n, w))
		return false;
	if (s.len == n)
		return true;
	c = s.p[n];
	return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

static bool same_prefix(const char *s, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++) {
		int a = s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i];
		int b = name[i] >= 'A' && name[i] <= 'Z' ? name[i] + 32 :
							   name[i];

		if (!b || a != b)
			return false;
	}
	return true;
}

/* Greetings and sign-offs: "Hi Jane,", "Thanks,", "Cheers", "Jane" */
static bool greeting(struct span s, const struct prv_person *from)
{
	static const char *const alone[] = {
		"thanks",  "thank you",	   "thx",	   "cheers",
		"regards", "best regards", "kind regards", "br",
		"best",	   "ciao",	   "greetings",	   "bye",
		"hi",	   "hello",	   "hey",	   "cheers!",
		"thanks!", "thanks,",	   "regards,",	   "best regards,",
		"br,",
	};
	size_t i, n;

	s = trimmed(s);
	while (s.len && (s.p[s.len - 1] == ',' || s.p[s.len - 1] == '!' ||
			 s.p[s.len - 1] == '.'))
		s.len--;
	if (!s.len)
		return true;
	for (i = 0; i < PRV_ARRAY_SIZE(alone); i++)
		if (prv_eq_ci(s.p, s.len, alone[i]))
			return true;
	if ((starts_word(s, "hi") || starts_word(s, "hello") ||
	     starts_word(s, "hey") || starts_word(s, "dear")) &&
	    words_of(s) <= 3)
		return true;
	/* the replier's name alone, its first word or a short form of it */
	n = 0;
	while (from->name[n] && from->name[n] != ' ')
		n++;
	if (prv_eq_ci(s.p, s.len, from->name) ||
	    (s.len >= 3 && s.len <= n && words_of(s) == 1 &&
	     same_prefix(s.p, s.len, from->name)) ||
	    (s.len > 1 && *s.p == '-' && words_of(s) <= 2))
		return true;
	return false;
}

/* An acknowledgement alone: "Applied, thanks", "LGTM", "Looks good" */
static bool acknowledgement(struct span s)
{
	static const char *const acks[] = {
		"applied",
		"thanks",
		"thank you",
		"lgtm",
		"looks good",
		"looks ok",
		"looks fine",
		"sounds good",
		"ack",
		"acked",
		"nice",
		"great",
		"good catch",
		"agreed",
		"series applied",
		"pushed",
		"merged",
		"queued",
		"looks right",
		"looks correct",
		"seems fine",
		"fine by me",
		"ok",
		"okay",
	};
	size_t i;

	s = trimmed(s);
	if (words_of(s) > 10)
		return false;
	for (i = 0; i < PRV_ARRAY_SIZE(acks); i++)
		if (starts_word(s, acks[i]))
			return true;
	return false;
}

/* Whether s holds word w (any case) with no letter on either side. */
static bool has_word_ci(struct span s, const char *w)
{
	size_t n = strlen(w), i;

	for (i = 0; i + n <= s.len; i++) {
		char b = i ? s.p[i - 1] : ' ',
		     a = i + n < s.len ? s.p[i + n] : ' ';

		if (!((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')) &&
		    !((a >= 'a' && a <= 'z') || (a >= 'A' && a <= 'Z')) &&
		    prv_starts_with_ci(s.p + i, s.len - i, w))
			return true;
	}
	return false;
}

/*
 * Praise with no request: "Thank you for this new test! <a remark to
 * others>", "This new version looks good to me. ...": a short text whose
 * first line thanks or approves and that asks nothing.
 */
static bool praise(const char *text)
{
	static const char *const leads[] = {
		"thanks for",	"thank you for", "looks good to me",
		"good to know", "lgtm",
	};
	static const char *const asks[] = {
		"please", "should", "must", "need",    "nit",  "instead", "why",
		"fix",	  "wrong",  "bug",  "missing", "typo", "s/",	  "?",
	};
	struct span t = { text, strlen(text) };
	struct span first = { text, prv_line_len(text, t.len) };
	size_t i, lines = 1;
	bool lead = false;

	for (i = 0; i < t.len; i++)
		lines += text[i] == '\n';
	if (lines > 4)
		return false;
	if (first.len > 60)
		first.len = 60;
	for (i = 0; i < PRV_ARRAY_SIZE(leads); i++)
		lead |= has_word_ci(first, leads[i]);
	for (i = 0; lead && i < PRV_ARRAY_SIZE(asks); i++)
		if (!strcmp(asks[i], "?") ? memchr(t.p, '?', t.len) != NULL :
					    has_word_ci(t, asks[i]))
			return false;
	return lead;
}

/* ---- one comment ---- */

struct reply_ctx {
	struct prv_comments *out;
	struct prv_arena *a;
	const struct prv_series *s;
	const struct prv_version *v;
	const struct prv_patch *patch; /* NULL: the cover */
	const struct prv_mail *mail;
	struct patch_index *ix; /* NULL: the cover */
	size_t cursor; /* hunk of the previous comment of this mail */
	size_t nth;
	int *score; /* per hunk */
	size_t *stamp; /* per hunk: last quote line counted */
};

/*
 * The replier's own lines [lo, hi) as the comment's text, without
 * attributions, gaps, greetings, trailers; NULL when nothing but
 * acknowledgements remain.
 */
static const char *own_text(struct reply_ctx *rc, const struct lines *ls,
			    size_t lo, size_t hi)
{
	struct prv_buf b = PRV_BUF_INIT;
	bool meaningful = false;
	const char *ret = NULL;
	size_t i;

	for (i = lo; i < hi; i++) {
		struct span s = trimmed(ls->l[i]);

		if (!s.len || attribution(s) || gap_marker(s) ||
		    trailer_line(s) || greeting(s, &rc->mail->from))
			continue;
		/* "On Mon, 1 Jan ..., Jane Doe" + "<jane@x> wrote:" */
		if (i + 1 < hi && attribution(ls->l[i + 1]) &&
		    starts_word(s, "on"))
			continue;
		if (!acknowledgement(s))
			meaningful = true;
		if (b.len + s.len + 1 < TEXT_MAX) {
			prv_buf_add(&b, s.p, s.len);
			prv_buf_addch(&b, '\n');
		}
	}
	prv_buf_rtrim(&b);
	if (meaningful && b.len && !praise(b.data))
		ret = prv_arena_strndup(rc->a, b.data, b.len);
	prv_buf_release(&b);
	return ret;
}

/* "@@ -o,c +n,c @@" in a quote: old and new start. */
static bool hunk_header(struct span s, long *o, long *n)
{
	char *e;

	while (s.len && (*s.p == '>' || is_space(*s.p))) {
		s.p++;
		s.len--;
	}
	if (s.len < 8 || memcmp(s.p, "@@ -", 4))
		return false;
	*o = strtol(s.p + 4, &e, 10);
	if (*e == ',')
		strtol(e + 1, &e, 10);
	if (*e != ' ' || e[1] != '+')
		return false;
	*n = strtol(e + 2, &e, 10);
	return true;
}

static void score_line(struct reply_ctx *rc, const char *key, size_t n,
		       size_t q, int *tries)
{
	struct patch_index *ix = rc->ix;
	size_t i = prv_strmap_get(&ix->keys, key);
	bool found = false;

	for (; i != PRV_STRMAP_NONE && i != SIZE_MAX; i = ix->lines[i].next) {
		size_t h = ix->lines[i].hunk;

		if (h == SIZE_MAX || rc->stamp[h] == q + 1)
			continue;
		rc->stamp[h] = q + 1;
		rc->score[h]++;
		found = true;
	}
	if (found || n < SUBSTR_MIN || (*tries)++ >= SUBSTR_TRIES)
		return;
	/* trimmed or re-wrapped: a piece of a longer line */
	for (i = 0; i < ix->nr; i++) {
		size_t h = ix->lines[i].hunk;

		if (h == SIZE_MAX || rc->stamp[h] == q + 1 ||
		    !strstr(ix->lines[i].key, key))
			continue;
		rc->stamp[h] = q + 1;
		rc->score[h]++;
	}
}

/* The line of hunk h that quote key `key` is, or NULL. */
static const struct hline *line_in(const struct patch_index *ix,
				   const char *key, size_t n, size_t h)
{
	size_t i = prv_strmap_get(&ix->keys, key);

	for (; i != PRV_STRMAP_NONE && i != SIZE_MAX; i = ix->lines[i].next)
		if (ix->lines[i].hunk == h)
			return &ix->lines[i];
	if (n < SUBSTR_MIN)
		return NULL;
	for (i = 0; i < ix->nr; i++)
		if (ix->lines[i].hunk == h && strstr(ix->lines[i].key, key))
			return &ix->lines[i];
	return NULL;
}

/* The hunk with the best score, the first at or after the cursor on a tie */
static size_t best_hunk(const struct reply_ctx *rc)
{
	size_t h, best = SIZE_MAX;

	for (h = 0; h < rc->ix->nr_hunks; h++) {
		if (!rc->score[h])
			continue;
		if (best == SIZE_MAX || rc->score[h] > rc->score[best] ||
		    (rc->score[h] == rc->score[best] && best < rc->cursor &&
		     h >= rc->cursor))
			best = h;
	}
	return best;
}

/* A quoted hunk header names its hunk: count it for many lines. */
static void score_header(struct reply_ctx *rc, long o, long n)
{
	size_t h;

	for (h = 0; h < rc->ix->nr_hunks; h++)
		if (rc->ix->hunk_at[h]->old_start == o &&
		    rc->ix->hunk_at[h]->new_start == n)
			rc->score[h] += 1000;
}

/* The first quote line to read: the one after the run's last hunk header */
static size_t run_start(const struct lines *ls, size_t lo, size_t hi, long *o,
			long *n, bool *header)
{
	size_t i;

	*header = false;
	for (i = hi; i-- > lo;)
		if (prv_comment_quoted(ls->l[i].p, ls->l[i].len) &&
		    hunk_header(ls->l[i], o, n)) {
			*header = true;
			return i + 1;
		}
	return lo;
}

static void anchor_diff(struct reply_ctx *rc, struct prv_comment *c,
			const struct lines *ls, size_t lo, size_t hi)
{
	char key[KEY_MAX + 1];
	size_t i, h, start, k;
	const struct hline *hl = NULL;
	bool header;
	long o = 0, n = 0;
	int tries = 0;

	memset(rc->score, 0, rc->ix->nr_hunks * sizeof(*rc->score));
	memset(rc->stamp, 0, rc->ix->nr_hunks * sizeof(*rc->stamp));
	start = run_start(ls, lo, hi, &o, &n, &header);
	if (header)
		score_header(rc, o, n);
	for (i = start; i < hi; i++) {
		if (!prv_comment_quoted(ls->l[i].p, ls->l[i].len))
			continue;
		k = key_of(key, ls->l[i].p, ls->l[i].len, true);
		if (k && !key_trivial(key, k))
			score_line(rc, key, k, i, &tries);
	}
	h = best_hunk(rc);
	if (h == SIZE_MAX)
		return;
	for (i = hi; i-- > start && !hl;) {
		if (!prv_comment_quoted(ls->l[i].p, ls->l[i].len))
			continue;
		k = key_of(key, ls->l[i].p, ls->l[i].len, true);
		if (k && !key_trivial(key, k))
			hl = line_in(rc->ix, key, k, h);
	}
	c->anchor = PRV_ANCHOR_DIFF;
	c->file = rc->ix->hunk_file[h];
	c->hunk = rc->ix->hunk_at[h];
	c->path = prv_file_path(c->file);
	if (hl) {
		c->line = hl->line;
		c->quote = prv_arena_strndup(rc->a, hl->raw, hl->raw_len);
	} else {
		c->line = c->hunk->new_start;
		c->quote = prv_arena_strndup(rc->a, c->hunk->header,
					     c->hunk->header_len);
	}
	rc->cursor = h;
}

/* A quote from the commit message: its last line that is the message's. */
static void anchor_message(struct reply_ctx *rc, struct prv_comment *c,
			   const struct lines *ls, size_t lo, size_t hi)
{
	char key[KEY_MAX + 1];
	size_t i, k, j;

	for (i = hi; i-- > lo;) {
		if (!prv_comment_quoted(ls->l[i].p, ls->l[i].len))
			continue;
		k = key_of(key, ls->l[i].p, ls->l[i].len, true);
		if (!k || key_trivial(key, k))
			continue;
		j = prv_strmap_get(&rc->ix->keys, key);
		for (; j != PRV_STRMAP_NONE && j != SIZE_MAX;
		     j = rc->ix->lines[j].next) {
			if (rc->ix->lines[j].hunk != SIZE_MAX)
				continue;
			/* quoted down to the sign-off: the whole patch */
			if (prv_starts_with_ci(key, k, "signed-off-by:"))
				return;
			c->anchor = PRV_ANCHOR_MESSAGE;
			c->quote = prv_arena_strndup(rc->a,
						     rc->ix->lines[j].raw,
						     rc->ix->lines[j].raw_len);
			return;
		}
	}
}

/* The last quoted line of [lo, hi) without its markers, or "". */
static const char *last_quoted(struct reply_ctx *rc, const struct lines *ls,
			       size_t lo, size_t hi)
{
	size_t i;

	for (i = hi; i-- > lo;) {
		struct span s = ls->l[i];

		if (!prv_comment_quoted(s.p, s.len))
			continue;
		while (s.len && (*s.p == '>' || is_space(*s.p))) {
			s.p++;
			s.len--;
		}
		s = trimmed(s);
		if (s.len && !gap_marker(s) && !attribution(s))
			return prv_arena_strndup(rc->a, s.p, s.len);
	}
	return "";
}

/* A comment of own lines [own, hi) after the quote run [qlo, own). */
static void add_comment(struct reply_ctx *rc, const struct lines *ls,
			size_t qlo, size_t own, size_t hi)
{
	struct prv_comment *c;
	const char *text;

	if (rc->out->nr >= PRV_COMMENTS_MAX)
		return;
	text = own_text(rc, ls, own, hi);
	if (!text)
		return;
	PRV_ARENA_GROW(rc->a, rc->out->items, rc->out->nr + 1, rc->out->alloc);
	c = &rc->out->items[rc->out->nr++];
	memset(c, 0, sizeof(*c));
	c->version = rc->v->version;
	c->patch = rc->patch ? rc->patch->index : 0;
	c->patch_at = rc->patch;
	c->mail = rc->mail;
	c->reviewer = rc->mail->from;
	c->anchor = rc->patch ? PRV_ANCHOR_PATCH : PRV_ANCHOR_COVER;
	c->text = text;
	c->nth = rc->nth++;
	c->evidence = "";
	c->quote = "";
	if (rc->ix && qlo < own)
		anchor_diff(rc, c, ls, qlo, own);
	if (rc->ix && qlo < own && c->anchor == PRV_ANCHOR_PATCH)
		anchor_message(rc, c, ls, qlo, own);
	if (c->anchor == PRV_ANCHOR_PATCH || c->anchor == PRV_ANCHOR_COVER)
		c->quote = last_quoted(rc, ls, qlo, own);
}

/*
 * Walk the lines: a run of quoted lines (blank lines inside it included),
 * then a run of own lines, which makes a comment.
 */
static void reply_comments(struct reply_ctx *rc)
{
	const struct prv_mail *m = rc->mail;
	struct lines ls = { NULL, 0, 0 };
	size_t i, qlo = 0, own = SIZE_MAX;
	bool quoted;

	split_body(&ls, m->msg.body, m->msg.body_len);
	for (i = 0; i < ls.nr; i++) {
		quoted = prv_comment_quoted(ls.l[i].p, ls.l[i].len);
		if (quoted && own != SIZE_MAX) {
			add_comment(rc, &ls, qlo, own, i);
			own = SIZE_MAX;
			qlo = i;
		} else if (!quoted && own == SIZE_MAX && trimmed(ls.l[i]).len) {
			own = i;
		}
	}
	if (own != SIZE_MAX)
		add_comment(rc, &ls, qlo, own, ls.nr);
	free(ls.l);
}

static void mail_comments(struct reply_ctx *rc, const struct prv_mail *m)
{
	if (!m || prv_comment_from_bot(m) ||
	    prv_comment_by_author(rc->s, rc->v, &m->from))
		return;
	rc->mail = m;
	rc->cursor = 0;
	rc->nth = 0;
	reply_comments(rc);
}

static void patch_comments(struct reply_ctx *rc, const struct prv_patch *p)
{
	struct patch_index ix;
	size_t i;

	if (!p->nr_replies)
		return; /* nothing to find: no index */
	index_build(&ix, p->mail);
	rc->patch = p;
	rc->ix = &ix;
	rc->score = prv_xcalloc(ix.nr_hunks + 1, sizeof(*rc->score));
	rc->stamp = prv_xcalloc(ix.nr_hunks + 1, sizeof(*rc->stamp));
	for (i = 0; i < p->nr_replies; i++)
		mail_comments(rc, p->replies[i]);
	free(rc->score);
	free(rc->stamp);
	index_release(&ix);
	rc->ix = NULL;
}

void prv_comments_extract(struct prv_comments *out, struct prv_arena *a,
			  const struct prv_series *s,
			  const struct prv_version *v)
{
	struct reply_ctx rc;
	size_t i;

	memset(&rc, 0, sizeof(rc));
	rc.out = out;
	rc.a = a;
	rc.s = s;
	rc.v = v;
	for (i = 0; i < v->nr_patches; i++) {
		if (!v->patches[i].mail || v->patches[i].filled_in)
			continue;
		patch_comments(&rc, &v->patches[i]);
	}
	rc.patch = NULL;
	for (i = 0; i < v->nr_cover_replies; i++)
		mail_comments(&rc, v->cover_replies[i]);
}

size_t prv_comment_key(char *out, const char *s, size_t len, bool quoted)
{
	return key_of(out, s, len, quoted);
}

bool prv_comment_quoted_in(const struct prv_mail *r, const char *text)
{
	char want[KEY_MAX + 1], key[KEY_MAX + 1];
	const char *nl = strchr(text, '\n');
	size_t n = key_of(want, text, nl ? (size_t)(nl - text) : strlen(text),
			  false);
	struct lines ls = { NULL, 0, 0 };
	bool found = false;
	size_t i;

	if (n > 40)
		want[n = 40] = '\0';
	if (n < 4)
		return false;
	split_body(&ls, r->msg.body, r->msg.body_len);
	for (i = 0; i < ls.nr && !found; i++) {
		if (!prv_comment_quoted(ls.l[i].p, ls.l[i].len))
			continue;
		key_of(key, ls.l[i].p, ls.l[i].len, true);
		found = strstr(key, want) != NULL;
	}
	free(ls.l);
	return found;
}

size_t prv_comments_count(const struct prv_series *s,
			  const struct prv_version *v,
			  const struct prv_patch *p)
{
	struct prv_arena a = PRV_ARENA_INIT;
	struct prv_comments out = { NULL, 0, 0 };
	struct reply_ctx rc;
	size_t i;

	memset(&rc, 0, sizeof(rc));
	rc.out = &out;
	rc.a = &a;
	rc.s = s;
	rc.v = v;
	if (p && p->mail && p->nr_replies)
		patch_comments(&rc, p);
	for (i = 0; !p && i < v->nr_cover_replies; i++)
		mail_comments(&rc, v->cover_replies[i]);
	prv_arena_release(&a);
	return out.nr;
}
