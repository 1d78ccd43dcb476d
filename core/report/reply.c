// SPDX-License-Identifier: GPL-2.0-or-later
/* Review replies: findings written as reply mails under quoted hunks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/base/error.h"
#include "core/mail/mbox.h"
#include "core/report/reply.h"
#include "core/series/series.h"
#include "core/base/safetext.h"
#include "core/base/sha1.h"
#include "core/base/util.h"
#include "core/base/wrap.h"

#define WRAP 72
#define MAX_HUNK_LINES 100000 /* lines of one hunk looked at */
#define MAX_QUOTE_LINES 40 /* lines of commit message quoted */
#define HEADER_WIDTH 78

char *prv_reply_subject(struct prv_arena *a, const char *subject)
{
	const char *s = subject ? subject : "";

	while (*s == ' ' || *s == '\t')
		s++;
	if (prv_starts_with_ci(s, strlen(s), "re:"))
		return prv_arena_strdup(a, s);
	return prv_arena_printf(a, "Re: %s", s);
}

static bool person_in(const struct prv_person *p, const struct prv_person *l,
		      size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (prv_person_same_email(p, &l[i]))
			return true;
	return false;
}

static void add_cc(struct prv_person **cc, size_t *nr, size_t *alloc,
		   struct prv_arena *a, const struct prv_person *p,
		   const struct prv_person *to, size_t nr_to,
		   const struct prv_person *self)
{
	if (!p->email || !*p->email || person_in(p, to, nr_to) ||
	    person_in(p, *cc, *nr) || (self && prv_person_same_email(p, self)))
		return;
	PRV_ARENA_GROW(a, *cc, *nr + 1, *alloc);
	(*cc)[(*nr)++] = *p;
}

/*
 * Only the address fields of the mail answered name recipients: its
 * Reply-To (else From), To and Cc, each read from the raw header. Neither
 * a display name nor the in-body From: of a patch (the author git would
 * record, which the sender writes freely) adds anyone.
 */
void prv_reply_recipients(struct prv_person **to, size_t *nr_to,
			  struct prv_person **cc, size_t *nr_cc,
			  struct prv_arena *a, const struct prv_mail *m,
			  const struct prv_person *self)
{
	const char *rt = prv_msg_get(&m->msg, "Reply-To");
	struct prv_person *rto = NULL;
	const struct prv_person *src;
	size_t nr_rto = 0, alloc = 0, alloc_to = 0, n, i;

	*to = NULL;
	*nr_to = 0;
	*cc = NULL;
	*nr_cc = 0;
	if (rt)
		prv_address_list_parse(&rto, &nr_rto, a, rt, strlen(rt));
	/* To: the Reply-To addresses, else the sender; no duplicates. */
	src = nr_rto ? rto : &m->from;
	n = nr_rto ? nr_rto : 1;
	for (i = 0; i < n; i++) {
		if (!src[i].email || !*src[i].email ||
		    person_in(&src[i], *to, *nr_to))
			continue;
		PRV_ARENA_GROW(a, *to, *nr_to + 1, alloc_to);
		(*to)[(*nr_to)++] = src[i];
	}
	for (i = 0; i < m->nr_to; i++)
		add_cc(cc, nr_cc, &alloc, a, &m->to[i], *to, *nr_to, self);
	for (i = 0; i < m->nr_cc; i++)
		add_cc(cc, nr_cc, &alloc, a, &m->cc[i], *to, *nr_to, self);
}

/* Header encoding. */

static bool is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80 || *s == '\n' || *s == '\r')
			return false;
	return true;
}

/* RFC 2047 Q encoding of `s` as words of at most 75 bytes, separated by
 * "\n " (folding). Whole UTF-8 sequences stay in one word. */
static int encode_words(struct prv_buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	struct prv_buf safe = PRV_BUF_INIT;
	const unsigned char *p;
	size_t word = 0;
	int ret = prv_safe_addstr(&safe, s, PRV_SAFE_LINE);

	/* what a mail reader decodes is made safe to print too */
	p = (const unsigned char *)safe.data;

	while (*p && !ret) {
		size_t seq = 1, cost = 0, k;

		if (*p >= 0xc0)
			while (seq < 4 && (p[seq] & 0xc0) == 0x80)
				seq++;
		for (k = 0; k < seq; k++) {
			unsigned char c = p[k];

			cost += ((c >= '0' && c <= '9') ||
				 (c >= 'a' && c <= 'z') ||
				 (c >= 'A' && c <= 'Z') || c == ' ' ||
				 c == '!' || c == '*' || c == '+' || c == '-' ||
				 c == '/') ?
					1 :
					3;
		}
		if (word && word + cost > 75 - 2) {
			ret = prv_buf_addstr(out, "?=\n ");
			word = 0;
		}
		if (!word) {
			if (!ret)
				ret = prv_buf_addstr(out, "=?UTF-8?q?");
			word = 10;
		}
		for (k = 0; k < seq && !ret; k++) {
			unsigned char c = p[k];

			if (c == ' ')
				ret = prv_buf_addch(out, '_');
			else if ((c >= '0' && c <= '9') ||
				 (c >= 'a' && c <= 'z') ||
				 (c >= 'A' && c <= 'Z') || c == '!' ||
				 c == '*' || c == '+' || c == '-' || c == '/')
				ret = prv_buf_addch(out, c);
			else
				ret = prv_buf_addf(out, "=%c%c", hex[c >> 4],
						   hex[c & 15]);
		}
		word += cost;
		p += seq;
	}
	if (!ret && word)
		ret = prv_buf_addstr(out, "?=");
	prv_buf_release(&safe);
	return ret;
}

int prv_reply_format_address(struct prv_buf *out, const struct prv_person *p)
{
	const char *name = p->name ? p->name : "";
	const char *email = p->email ? p->email : "";
	int ret = 0;

	const char *at = strchr(email, '@');

	/* a bare address came back with its local part as the name */
	if (!*name || !strcmp(name, email) ||
	    (at && strlen(name) == (size_t)(at - email) &&
	     !strncmp(name, email, (size_t)(at - email))))
		return prv_buf_addstr(out, email);
	if (!is_ascii(name)) {
		ret = encode_words(out, name);
	} else if (strpbrk(name, "()<>[]:;@\\,.\"")) {
		const char *s;

		ret = prv_buf_addch(out, '"');
		for (s = name; *s && !ret; s++) {
			if (*s == '"' || *s == '\\')
				ret = prv_buf_addch(out, '\\');
			if (!ret)
				ret = prv_buf_addch(out, *s);
		}
		if (!ret)
			ret = prv_buf_addch(out, '"');
	} else {
		ret = prv_buf_addstr(out, name);
	}
	if (ret)
		return ret;
	return prv_buf_addf(out, " <%s>", email);
}

/* "Name: a, b, c" folded before an address that would pass the width. */
static int add_address_header(struct prv_buf *out, const char *name,
			      const struct prv_person *l, size_t n)
{
	struct prv_buf one = PRV_BUF_INIT;
	size_t col, i;
	int ret;

	if (!n)
		return 0;
	ret = prv_buf_addf(out, "%s: ", name);
	col = strlen(name) + 2;
	for (i = 0; i < n && !ret; i++) {
		prv_buf_reset(&one);
		ret = prv_reply_format_address(&one, &l[i]);
		if (ret)
			break;
		if (i) {
			ret = prv_buf_addch(out, ',');
			col++;
			if (col + 1 + one.len > HEADER_WIDTH) {
				if (!ret)
					ret = prv_buf_addstr(out, "\n\t");
				col = 8;
			} else {
				if (!ret)
					ret = prv_buf_addch(out, ' ');
				col++;
			}
		}
		if (!ret)
			ret = prv_buf_add(out, one.data, one.len);
		col += one.len;
	}
	prv_buf_release(&one);
	if (ret)
		return ret;
	return prv_buf_addch(out, '\n');
}

/* An unstructured header (Subject), encoded when not ASCII, folded at
 * white space otherwise. */
static int add_text_header(struct prv_buf *out, const char *name,
			   const char *value)
{
	size_t col = strlen(name) + 2;
	const char *s = value;
	int ret = prv_buf_addf(out, "%s: ", name);

	if (ret)
		return ret;
	if (!is_ascii(value)) {
		/* the ASCII words in front ("Re: [PATCH] ") stay readable */
		size_t plain = 0, i;

		for (i = 0; value[i]; i++) {
			unsigned char c = (unsigned char)value[i];

			if (c >= 0x80 || c == '\n' || c == '\r' || c == '=' ||
			    c == '?')
				break;
			if (c == ' ')
				plain = i + 1;
		}
		if (plain > HEADER_WIDTH / 2)
			plain = 0;
		ret = prv_buf_add(out, value, plain);
		if (!ret)
			ret = encode_words(out, value + plain);
		if (ret)
			return ret;
		return prv_buf_addch(out, '\n');
	}
	while (*s && !ret) {
		size_t w = strcspn(s + 1, " ") + 1;

		if (col > strlen(name) + 2 && *s == ' ' &&
		    col + w > HEADER_WIDTH) {
			ret = prv_buf_addch(out, '\n');
			col = 0;
		}
		if (!ret)
			ret = prv_buf_add(out, s, w);
		col += w;
		s += w;
	}
	if (ret)
		return ret;
	return prv_buf_addch(out, '\n');
}

static int add_msgid_list(struct prv_buf *out, const char *name,
			  const char *const *ids, size_t n)
{
	size_t col = strlen(name) + 1, i;
	int ret = prv_buf_addf(out, "%s:", name);

	for (i = 0; i < n && !ret; i++) {
		size_t w = strlen(ids[i]) + 2;

		if (i && col + 1 + w > HEADER_WIDTH) {
			ret = prv_buf_addstr(out, "\n");
			col = 0;
		}
		if (!ret)
			ret = prv_buf_addf(out, " <%s>", ids[i]);
		col += w + 1;
	}
	if (ret)
		return ret;
	return prv_buf_addch(out, '\n');
}

static int add_date(struct prv_buf *out, long long now, int tz)
{
	static const char *const days[] = { "Sun", "Mon", "Tue", "Wed",
					    "Thu", "Fri", "Sat" };
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr",
					      "May", "Jun", "Jul", "Aug",
					      "Sep", "Oct", "Nov", "Dec" };
	time_t t = (time_t)(now + (long long)tz * 60);
	struct tm tm;
	int a = tz < 0 ? -tz : tz;

	if (!gmtime_r(&t, &tm))
		memset(&tm, 0, sizeof(tm));
	return prv_buf_addf(out,
			    "Date: %s, %d %s %04d %02d:%02d:%02d %c%02d%02d\n",
			    days[tm.tm_wday % 7], tm.tm_mday,
			    months[tm.tm_mon % 12], tm.tm_year + 1900,
			    tm.tm_hour, tm.tm_min, tm.tm_sec,
			    tz < 0 ? '-' : '+', a / 60, a % 60);
}

/* Text notes. */

/*
 * `text` wrapped as the lines of a mail (each keeps its indentation), at
 * `width` columns; continuation lines get `indent` spaces.
 */
static int wrap_indent(struct prv_buf *out, const char *text, int width,
		       size_t indent)
{
	struct prv_wrap_opts o = { .mode = PRV_WRAP_LINES,
				   .width = (size_t)width,
				   .indent = indent };
	struct prv_buf t = PRV_BUF_INIT;
	int ret;

	prv_wrap(&t, text, strlen(text), 0, &o);
	ret = prv_buf_add(out, t.data, t.len);
	prv_buf_release(&t);
	return ret;
}

int prv_reply_wrap(struct prv_buf *out, const char *text, int width)
{
	return wrap_indent(out, text, width, 0);
}

/* Whether the message starts with a plain lower-case word (not an
 * identifier such as sk_is_mptcp) that may take a capital. */
static bool plain_word(const char *m)
{
	size_t n = 0;

	while (m[n] >= 'a' && m[n] <= 'z')
		n++;
	return n && (!m[n] || m[n] == ' ' || m[n] == ',' || m[n] == ':' ||
		     m[n] == ';' || m[n] == '.');
}

/* One finding as a reviewer's note, on one line, ending with its id. */
/* Append `s` as a sentence: a capital when it starts with a plain word,
 * a full stop when it has no closing punctuation. */
static int add_sentence(struct prv_buf *t, const char *s)
{
	char last;
	int ret = 0;

	if (plain_word(s)) {
		ret = prv_buf_addch(t, *s - 'a' + 'A');
		s++;
	}
	if (!ret)
		ret = prv_buf_addstr(t, s);
	prv_buf_rtrim(t);
	last = t->len ? t->data[t->len - 1] : '.';
	if (!ret && last != '.' && last != '?' && last != '!')
		ret = prv_buf_addch(t, '.');
	return ret;
}

static int note_text(struct prv_buf *t_out, const struct prv_finding *f,
		     bool question, bool where)
{
	struct prv_buf t = PRV_BUF_INIT;
	int ret = 0;

	if (where && f->file && f->line > 0)
		ret = prv_buf_addf(&t, "%s:%ld: ", f->file, f->line);
	else if (where && f->file)
		ret = prv_buf_addf(&t, "%s: ", f->file);
	if (!ret)
		ret = add_sentence(&t, f->note	  ? f->note :
				       f->message ? f->message :
						    "");
	if (!ret && !f->note && f->hint && *f->hint) {
		ret = prv_buf_addch(&t, ' ');
		if (!ret)
			ret = add_sentence(&t, f->hint);
	}
	if (!ret && question)
		ret = prv_buf_addstr(&t, " Could you check this?");
	else if (!ret && f->severity == PRV_SEV_FAIL)
		ret = prv_buf_addstr(&t, " This needs fixing.");
	if (!ret)
		ret = prv_buf_add(t_out, t.data, t.len);
	prv_buf_release(&t);
	return ret;
}

/* Quoting. */

static int quote_line(struct prv_buf *out, const char *s, size_t len)
{
	int ret = prv_buf_addch(out, '>');

	if (!ret && len)
		ret = prv_buf_addch(out, ' ');
	if (!ret)
		ret = prv_buf_add(out, s, len);
	if (ret)
		return ret;
	return prv_buf_addch(out, '\n');
}

struct hline {
	const char *s;
	size_t len;
	long newno; /* new-side number; -1 for removed lines */
};

struct mark {
	size_t idx; /* body line the note goes under */
	size_t from; /* first body line quoted for it */
	size_t note;
};

/* Lines of a changed block quoted above a note about the block. */
#define MAX_BLOCK_QUOTE 12

static bool changed(const struct hline *l)
{
	return l->len && (l->s[0] == '+' || l->s[0] == '-' || l->s[0] == '\\');
}

/*
 * Where a note on new-side line `line` goes: under that line when it was
 * added; when it is context (a finding names the hunk, or the line a
 * change is near), under the changed block it is about, the next one in
 * the hunk, else the last one before it, with the whole block (at most
 * MAX_BLOCK_QUOTE lines of it) and `context` lines above it quoted.
 */
static void place_note(struct mark *mk, const struct hline *hl, size_t nr,
		       long line, size_t context)
{
	size_t idx = nr ? nr - 1 : 0, j, rs, re;

	for (j = 0; j < nr; j++) {
		if (hl[j].newno >= 0 && hl[j].newno >= line) {
			idx = j;
			break;
		}
	}
	mk->idx = idx;
	mk->from = idx > context ? idx - context : 0;
	if (!nr || changed(&hl[idx]))
		return;
	for (re = idx; re < nr && !changed(&hl[re]); re++)
		;
	if (re == nr) {
		while (re > 0 && !changed(&hl[re - 1]))
			re--;
		if (!re)
			return;
		re--;
	} else {
		while (re + 1 < nr && changed(&hl[re + 1]))
			re++;
	}
	for (rs = re; rs > 0 && changed(&hl[rs - 1]); rs--)
		;
	if (re - rs + 1 > MAX_BLOCK_QUOTE)
		rs = re + 1 - MAX_BLOCK_QUOTE;
	else
		rs = rs > context ? rs - context : 0;
	mk->idx = re;
	mk->from = rs;
}

static int mark_cmp(const void *a, const void *b)
{
	const struct mark *x = a, *y = b;

	if (x->idx != y->idx)
		return x->idx < y->idx ? -1 : 1;
	return x->note < y->note ? -1 : x->note > y->note;
}

int prv_reply_quote_hunk(struct prv_buf *out, const struct prv_hunk *h,
			 const long *lines, const char *const *notes, size_t n,
			 int context)
{
	struct hline *hl = NULL;
	struct mark *mk = NULL;
	size_t nr = 0, alloc = 0, i, j, prev_end = 0;
	bool any = false;
	const char *p = h->body, *end = h->body + h->body_len;
	long newno = h->new_start;
	int ret;

	if (context < 0)
		context = 0;
	while (p < end && nr < MAX_HUNK_LINES) {
		size_t l = prv_line_len(p, (size_t)(end - p));

		PRV_ALLOC_GROW(hl, nr + 1, alloc);
		hl[nr].s = p;
		hl[nr].len = l;
		if (l && *p == '-') {
			hl[nr].newno = -1;
		} else if (l && *p == '\\') {
			hl[nr].newno = -1;
		} else {
			hl[nr].newno = newno++;
		}
		nr++;
		p += l + (p + l < end);
	}
	mk = prv_xcalloc(n ? n : 1, sizeof(*mk));
	for (i = 0; i < n; i++) {
		place_note(&mk[i], hl, nr, lines[i], (size_t)context);
		mk[i].note = i;
	}
	qsort(mk, n, sizeof(*mk), mark_cmp);

	ret = quote_line(out, h->header, h->header_len);
	for (i = 0; i < n && !ret;) {
		size_t idx = mk[i].idx, start = mk[i].from;

		for (j = i; j < n && mk[j].idx == idx; j++)
			if (mk[j].from < start)
				start = mk[j].from;
		if (any && start < prev_end)
			start = prev_end;
		if (nr && start > (any ? prev_end : 0))
			ret = prv_buf_addstr(out, "> [...]\n");
		for (j = start; j <= idx && j < nr && !ret; j++)
			ret = quote_line(out, hl[j].s, hl[j].len);
		if (!ret)
			ret = prv_buf_addch(out, '\n');
		for (j = i; i < n && mk[i].idx == idx && !ret; i++) {
			if (i > j)
				ret = prv_buf_addch(out, '\n');
			if (!ret)
				ret = prv_buf_addstr(out, notes[mk[i].note]);
		}
		if (!ret)
			ret = prv_buf_addch(out, '\n');
		prev_end = idx + 1;
		any = true;
	}
	if (!ret && (any ? prev_end : 0) < nr)
		ret = prv_buf_addstr(out, "> [...]\n\n");
	free(mk);
	free(hl);
	return ret;
}

int prv_reply_mboxrd_append(struct prv_buf *out, const char *msg, size_t len)
{
	int ret = prv_mbox_append(out, "prereview", msg, len);

	return ret ? ret : prv_buf_addch(out, '\n');
}

/* One reply being written. */

struct idlist {
	const char **ids;
	size_t nr, alloc;
};

struct reply {
	const struct prv_report *r;
	const struct prv_reply_opts *o;
	struct prv_arena *a;
	const struct prv_version *v;
	const struct prv_mail *m; /* the mail answered */
	size_t *fs; /* findings placed in this reply */
	size_t nr_fs;
	bool cover; /* also carries the series-level notes */
	size_t serial;
	struct idlist *ids; /* the finding ids of the notes written */
	prv_reply_fn cb; /* takes each reply written */
	void *payload;
};

static bool trailer_topic(const struct prv_finding *f)
{
	return f->topic == PRV_TOPIC_TRAILERS || f->topic == PRV_TOPIC_REVIEW ||
	       f->topic == PRV_TOPIC_FIXES;
}

static const struct prv_file *find_file(const struct prv_mail *m,
					const char *path)
{
	size_t i;

	for (i = 0; path && i < m->diff.nr_files; i++) {
		const struct prv_file *f = &m->diff.files[i];

		if ((f->new_path && !strcmp(f->new_path, path)) ||
		    (f->old_path && !strcmp(f->old_path, path)))
			return f;
	}
	return NULL;
}

static bool in_hunk(const struct prv_hunk *h, long line)
{
	return line >= h->new_start &&
	       line < h->new_start + (h->new_count ? h->new_count : 1);
}

static void add_id(const struct reply *rp, const char *id)
{
	struct idlist *l = rp->ids;
	size_t i;

	for (i = 0; i < l->nr; i++)
		if (!strcmp(l->ids[i], id))
			return;
	PRV_ARENA_GROW(rp->a, l->ids, l->nr + 1, l->alloc);
	l->ids[l->nr++] = id;
}

static bool str_same(const char *a, const char *b)
{
	return !strcmp(a ? a : "", b ? b : "");
}

/* Notes that read the same wherever they are: one says them all. */
static bool same_note(const struct prv_finding *a, const struct prv_finding *b)
{
	return !strcmp(a->id, b->id) && a->severity == b->severity &&
	       a->todo == b->todo && a->note_todo == b->note_todo &&
	       str_same(a->note, b->note) && str_same(a->message, b->message) &&
	       str_same(a->hint, b->hint);
}

/* Places named in a folded note; the rest are counted. */
#define MAX_FOLDED_PLACES 5

/*
 * " The same goes for a.c:3 and b.c:9.": the notes of this reply not yet
 * written that read as `f` does are folded into its note, and are done.
 */
static int fold_same(struct prv_buf *t, const struct reply *rp,
		     const struct prv_finding *f, size_t i, bool *done)
{
	const char **places = NULL;
	size_t j, n = 0, alloc = 0, more = 0;
	int ret = 0;

	for (j = 0; j < rp->nr_fs; j++) {
		const struct prv_finding *g = &rp->r->findings[rp->fs[j]];

		if (j == i || done[j] || !same_note(f, g))
			continue;
		done[j] = true;
		if (!g->file || n == MAX_FOLDED_PLACES) {
			more += g->file != NULL;
			continue;
		}
		PRV_ARENA_GROW(rp->a, places, n + 1, alloc);
		places[n++] = g->line > 0 ? prv_arena_printf(rp->a, "%s:%ld",
							     g->file, g->line) :
					    g->file;
	}
	for (j = 0; j < n && !ret; j++)
		ret = prv_buf_addf(t, "%s%s",
				   !j		     ? " The same goes for " :
				   j + 1 < n || more ? ", " :
						       " and ",
				   places[j]);
	if (!ret && more)
		ret = prv_buf_addf(t, " and %zu more place%s", more,
				   more == 1 ? "" : "s");
	if (!ret && n)
		ret = prv_buf_addch(t, '.');
	return ret;
}

/* The note of finding rp->fs[i], wrapped, the same ones folded into it. */
static int add_note(struct prv_buf *out, const struct reply *rp, size_t i,
		    bool *done, bool question, bool where)
{
	const struct prv_finding *f = &rp->r->findings[rp->fs[i]];
	struct prv_buf t = PRV_BUF_INIT;
	int ret = note_text(&t, f, question, where);

	done[i] = true;
	if (!ret)
		ret = fold_same(&t, rp, f, i, done);
	if (!ret)
		ret = prv_reply_wrap(out, t.data, WRAP);
	add_id(rp, f->id);
	prv_buf_release(&t);
	return ret;
}

/* The trailer block (or the last paragraph) of the message, quoted. */
static int quote_trailers(struct prv_buf *out, const struct prv_mail *m,
			  bool fixes)
{
	const char *msg = m->pm.message;
	size_t len = msg ? m->pm.message_len : 0;
	size_t start = m->pm.trailer_block, nl = 0;
	int ret = 0;

	while (len && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
		len--;
	if (!len)
		return 0;
	if (start >= len) {
		/* no trailer block: the last paragraph */
		start = 0;
		for (size_t i = len; i > 1; i--) {
			if (msg[i - 1] == '\n' && msg[i - 2] == '\n') {
				start = i;
				break;
			}
		}
	}
	/* a Fixes: tag may sit above the block (a blank line between) */
	for (size_t i = 0; fixes && i < start;
	     i += prv_line_len(msg + i, len - i) + 1) {
		if (prv_starts_with_ci(msg + i, len - i, "fixes:")) {
			start = i;
			break;
		}
	}
	{
		const char *p = msg + start, *end = msg + len;
		size_t total = 0;

		for (const char *q = p; q < end; q++)
			total += *q == '\n';
		if (total + 1 > MAX_QUOTE_LINES) {
			ret = prv_buf_addstr(out, "> [...]\n");
			for (; total + 1 > MAX_QUOTE_LINES; total--)
				p += prv_line_len(p, (size_t)(end - p)) + 1;
		} else if (start) {
			ret = prv_buf_addstr(out, "> [...]\n");
		}
		while (p < end && !ret && nl++ < MAX_QUOTE_LINES) {
			size_t l = prv_line_len(p, (size_t)(end - p));

			ret = quote_line(out, p, l);
			p += l + (p + l < end);
		}
	}
	if (ret)
		return ret;
	return prv_buf_addch(out, '\n');
}

static int add_attribution(struct prv_buf *out, const struct prv_mail *m)
{
	const char *date = prv_msg_get(&m->msg, "Date");
	int ret = 0;

	if (date) {
		size_t len;

		while (*date == ' ' || *date == '\t')
			date++;
		len = strlen(date);
		while (len && (date[len - 1] == ' ' || date[len - 1] == '\t' ||
			       date[len - 1] == '\r'))
			len--;
		if (len && len < 100)
			ret = prv_buf_addf(out, "On %.*s, ", (int)len, date);
	}
	if (!ret && m->from.name && *m->from.name &&
	    strcmp(m->from.name, m->from.email))
		ret = prv_buf_addf(out, "%s <%s> wrote:\n\n", m->from.name,
				   m->from.email);
	else if (!ret)
		ret = prv_buf_addf(out, "%s wrote:\n\n",
				   m->from.email && *m->from.email ?
					   m->from.email :
					   "the author");
	return ret;
}

/* Findings of one file: the hunks that hold their lines, quoted. */
static int add_file(struct prv_buf *out, const struct reply *rp,
		    const struct prv_file *file, bool *done)
{
	const struct prv_report *r = rp->r;
	struct prv_buf notes = PRV_BUF_INIT;
	long *lines = NULL;
	char **texts = NULL;
	size_t i, h, n = 0, first = (size_t)-1;
	size_t *offs = NULL;
	int ret = 0;
	bool header = false;

	lines = prv_xcalloc(rp->nr_fs + 1, sizeof(*lines));
	texts = prv_xcalloc(rp->nr_fs + 1, sizeof(*texts));
	offs = prv_xcalloc(rp->nr_fs + 1, sizeof(*offs));
	for (i = 0; i < rp->nr_fs && !ret; i++) {
		const struct prv_finding *f = &r->findings[rp->fs[i]];

		if (done[i] || !f->file || find_file(rp->m, f->file) != file)
			continue;
		if (!header) {
			size_t l = prv_line_len(file->text, file->text_len);

			ret = quote_line(out, file->text, l);
			header = true;
		}
		/* No line, or one outside every hunk: under the file name. */
		for (h = 0; f->line > 0 && h < file->nr_hunks; h++)
			if (in_hunk(&file->hunks[h], f->line))
				break;
		if (f->line <= 0 || h == file->nr_hunks) {
			if (!ret)
				ret = prv_buf_addch(out, '\n');
			first = i;
			if (!ret)
				ret = add_note(out, rp, i, done, false,
					       f->line > 0);
		}
	}
	if (first != (size_t)-1)
		if (!ret)
			ret = prv_buf_addch(out, '\n');
	for (h = 0; h < file->nr_hunks && !ret; h++) {
		const struct prv_hunk *hk = &file->hunks[h];

		n = 0;
		prv_buf_reset(&notes);
		for (i = 0; i < rp->nr_fs && !ret; i++) {
			const struct prv_finding *f = &r->findings[rp->fs[i]];

			if (done[i] || !f->file ||
			    find_file(rp->m, f->file) != file ||
			    !in_hunk(hk, f->line))
				continue;
			lines[n] = f->line;
			offs[n] = notes.len;
			ret = add_note(&notes, rp, i, done, false, false);
			if (!ret)
				ret = prv_buf_addch(&notes, '\0');
			n++;
		}
		if (!n || ret)
			continue;
		for (i = 0; i < n; i++)
			texts[i] = notes.data + offs[i];
		ret = prv_reply_quote_hunk(out, hk, lines,
					   (const char *const *)texts, n,
					   rp->o->context);
	}
	prv_buf_release(&notes);
	free(offs);
	free(texts);
	free(lines);
	return ret;
}

/*
 * What the repository tells the maintainer (where a fix backports, which
 * HEAD a base-less series went onto) is no remark to the author: the
 * informational repository findings stay out of the replies.
 */
static bool maintainer_only(const struct prv_finding *f)
{
	return f->folded || (f->topic == PRV_TOPIC_REPO &&
			     f->severity == PRV_SEV_INFO && !f->todo);
}

/* Whether the note asks the author (a whole item's note may not). */
static bool asks(const struct prv_finding *f)
{
	return f->note ? f->note_todo : f->todo;
}

/*
 * What the author should act on: fail and warn findings and the questions
 * a human has to judge. Other informational notes (a bare "TCP file
 * touched") stay in the checklist, unless every note is asked for.
 */
static bool for_author(const struct prv_finding *f, bool all)
{
	return all || f->severity != PRV_SEV_INFO || asks(f);
}

/*
 * The notes on the mail as a whole (no file of it named), series-level ones
 * first, in `done` as they are written.
 */
static int add_mail_notes(struct prv_buf *out, const struct reply *rp,
			  const struct prv_patch *pt, bool *done, bool *any)
{
	size_t i, n;
	int ret = 0;

	for (n = 0; n < 2; n++) {
		for (i = 0; i < rp->nr_fs && !ret; i++) {
			const struct prv_finding *f =
				&rp->r->findings[rp->fs[i]];
			bool series = f->patch <= 0 || !pt ||
				      f->patch != pt->index;

			if (done[i] || (series != (n == 0)) ||
			    (f->file && find_file(rp->m, f->file)) ||
			    (!series && !f->file && trailer_topic(f)))
				continue;
			ret = add_note(out, rp, i, done, asks(f), true);
			if (!ret)
				ret = prv_buf_addch(out, '\n');
			*any = true;
		}
	}
	return ret;
}

static bool is_question(const struct prv_finding *f, const struct prv_patch *pt)
{
	return asks(f) && f->patch > 0 && !(pt && f->patch == pt->index);
}

/*
 * One open question on other patches, as an item of the cover's list:
 * vfs[i] and the same question on the other patches, "- Patches 2/4, 3/4:".
 */
static int add_question(struct prv_buf *out, const struct reply *rp,
			const size_t *vfs, size_t nr_vfs, size_t i,
			const struct prv_patch *pt)
{
	const struct prv_finding *f = &rp->r->findings[vfs[i]];
	int total = rp->v->expected ? rp->v->expected : (int)rp->v->nr_patches;
	struct prv_buf t = PRV_BUF_INIT, nums = PRV_BUF_INIT;
	size_t j, same = 0;
	int last = f->patch, ret;

	ret = prv_buf_addf(&nums, "%d/%d", f->patch, total);
	for (j = i + 1; j < nr_vfs && !ret; j++) {
		const struct prv_finding *g = &rp->r->findings[vfs[j]];

		if (!is_question(g, pt) || !same_note(f, g))
			continue;
		same++;
		if (g->patch != last)
			ret = prv_buf_addf(&nums, ", %d/%d", g->patch, total);
		last = g->patch;
	}
	if (!ret)
		ret = prv_buf_addf(&t, "- Patch%s %s: ",
				   strchr(nums.data, ',') ? "es" : "",
				   nums.data);
	if (!ret)
		ret = note_text(&t, f, true, !same);
	if (!ret)
		ret = wrap_indent(out, t.data, WRAP, 2);
	add_id(rp, f->id);
	prv_buf_release(&nums);
	prv_buf_release(&t);
	return ret;
}

/* In the reply to the cover: the open questions on the other patches. */
static int add_questions(struct prv_buf *out, const struct reply *rp,
			 const size_t *vfs, size_t nr_vfs,
			 const struct prv_patch *pt, bool *any)
{
	bool head = false;
	size_t i, k;
	int ret = 0;

	for (i = 0; i < nr_vfs && !ret; i++) {
		const struct prv_finding *f = &rp->r->findings[vfs[i]];

		if (!is_question(f, pt))
			continue;
		/* said with the first patch that asks it */
		for (k = 0; k < i; k++)
			if (is_question(&rp->r->findings[vfs[k]], pt) &&
			    same_note(&rp->r->findings[vfs[k]], f))
				break;
		if (k < i)
			continue;
		if (!head) {
			ret = prv_buf_addstr(out, "Questions on the patches "
						  "(the replies to them quote "
						  "the code):\n\n");
			head = true;
		}
		if (!ret)
			ret = add_question(out, rp, vfs, nr_vfs, i, pt);
		*any = true;
	}
	if (head && !ret)
		ret = prv_buf_addch(out, '\n');
	return ret;
}

/* The trailer notes, under the quoted trailer block. */
static int add_trailer_notes(struct prv_buf *out, const struct reply *rp,
			     bool *done, bool *any)
{
	const struct prv_report *r = rp->r;
	bool fixes = false;
	size_t i, n = 0;
	int ret = 0;

	for (i = 0; i < rp->nr_fs; i++) {
		const struct prv_finding *f = &r->findings[rp->fs[i]];

		fixes |= !done[i] && !f->file && f->topic == PRV_TOPIC_FIXES;
	}
	for (i = 0; i < rp->nr_fs && !ret; i++) {
		const struct prv_finding *f = &r->findings[rp->fs[i]];

		if (done[i] || f->file || !trailer_topic(f))
			continue;
		if (!n++)
			ret = quote_trailers(out, rp->m, fixes);
		if (!ret && n > 1)
			ret = prv_buf_addch(out, '\n');
		if (!ret)
			ret = add_note(out, rp, i, done, asks(f), false);
		*any = true;
	}
	if (n && !ret)
		ret = prv_buf_addch(out, '\n');
	return ret;
}

/* The reviewer's sign-off, its own last paragraph. */
static int add_signature(struct prv_buf *out, const char *sig)
{
	size_t len = sig ? strlen(sig) : 0;

	while (len && (sig[len - 1] == '\n' || sig[len - 1] == ' '))
		len--;
	if (!len)
		return 0;
	return prv_buf_addf(out, "\n%.*s\n", (int)len, sig);
}

static int add_body(struct prv_buf *out, const struct reply *rp,
		    const size_t *vfs, size_t nr_vfs,
		    const struct prv_patch *pt)
{
	const struct prv_mail *m = rp->m;
	bool *done = prv_xcalloc(rp->nr_fs + 1, sizeof(*done));
	bool any = false;
	size_t i;
	int ret = add_attribution(out, m);

	if (!ret)
		ret = add_mail_notes(out, rp, pt, done, &any);
	if (!ret && rp->cover)
		ret = add_questions(out, rp, vfs, nr_vfs, pt, &any);
	if (!ret)
		ret = add_trailer_notes(out, rp, done, &any);
	for (i = 0; i < m->diff.nr_files && !ret; i++) {
		size_t before = out->len;

		ret = add_file(out, rp, &m->diff.files[i], done);
		any |= out->len != before;
	}
	if (!any && !ret)
		ret = prv_buf_addstr(out, "prereview has no remarks on this "
					  "patch.\n\n");
	free(done);
	/* one blank line at the end is enough */
	while (!ret && out->len > 1 && out->data[out->len - 1] == '\n' &&
	       out->data[out->len - 2] == '\n')
		out->len--, out->data[out->len] = '\0';
	if (!ret)
		ret = add_signature(out, rp->o->signature);
	return ret;
}

static const char *domain_of(const char *email)
{
	const char *at = email ? strrchr(email, '@') : NULL;

	return at && at[1] ? at + 1 : "localhost";
}

/* From, To, Cc, Subject, Date and Message-ID of the reply to rp->m. */
static int add_headers(struct prv_buf *msg, const struct reply *rp,
		       const char *hex, size_t *nr_cc_out)
{
	const struct prv_reply_opts *o = rp->o;
	struct prv_person *to, *cc;
	size_t nr_to, nr_cc;
	int ret;

	prv_reply_recipients(&to, &nr_to, &cc, &nr_cc, rp->a, rp->m, &o->from);
	*nr_cc_out = nr_cc;
	if ((ret = prv_buf_addstr(msg, "From: ")) ||
	    (ret = prv_reply_format_address(msg, &o->from)) ||
	    (ret = prv_buf_addch(msg, '\n')) ||
	    (ret = add_address_header(msg, "To", to, nr_to)) ||
	    (ret = add_address_header(msg, "Cc", cc, nr_cc)) ||
	    (ret = add_text_header(msg, "Subject",
				   prv_reply_subject(rp->a, rp->m->subject))) ||
	    (ret = add_date(msg, o->now, o->tz_minutes)))
		return ret;
	return prv_buf_addf(msg, "Message-ID: <prereview-%lld-%.16s@%s>\n",
			    o->now, hex, domain_of(o->from.email));
}

/*
 * In-Reply-To and References: the original's references, then its own id;
 * very long chains keep their root and their newest links. None when the
 * mail has no Message-ID of its own.
 */
static int add_thread_headers(struct prv_buf *msg, const struct reply *rp)
{
	const struct prv_mail *m = rp->m;
	const char **refs;
	size_t i, nr_refs = 0;
	int ret;

	if (m->message_id_missing)
		return 0;
	refs = prv_arena_alloc(rp->a, (m->nr_references + 2) * sizeof(*refs));
	if (!m->nr_references && m->in_reply_to)
		refs[nr_refs++] = m->in_reply_to;
	for (i = 0; i < m->nr_references; i++) {
		if (i && m->nr_references > 32 && i < m->nr_references - 31)
			continue;
		if (strcmp(m->references[i], m->message_id))
			refs[nr_refs++] = m->references[i];
	}
	refs[nr_refs++] = m->message_id;
	ret = prv_buf_addf(msg, "In-Reply-To: <%s>\n", m->message_id);
	if (ret)
		return ret;
	return add_msgid_list(msg, "References", refs, nr_refs);
}

/*
 * X-Prereview-Ids: the finding ids of the notes, for whoever wants to look
 * them up in docs/checks.md; the prose says them in plain words.
 */
static int add_ids_header(struct prv_buf *msg, const struct idlist *ids)
{
	size_t col, i;
	int ret;

	if (!ids->nr)
		return 0;
	ret = prv_buf_addstr(msg, "X-Prereview-Ids:");
	col = strlen("X-Prereview-Ids:");
	for (i = 0; i < ids->nr && !ret; i++) {
		size_t w = strlen(ids->ids[i]) + 2;

		if (i && col + w > HEADER_WIDTH) {
			ret = prv_buf_addstr(msg, "\n");
			col = 0;
		}
		if (!ret)
			ret = prv_buf_addf(msg, " %s%s", ids->ids[i],
					   i + 1 < ids->nr ? "," : "");
		col += w;
	}
	return ret ? ret : prv_buf_addch(msg, '\n');
}

static int add_reply(struct reply *rp, const size_t *vfs, size_t nr_vfs,
		     const struct prv_patch *pt)
{
	const struct prv_mail *m = rp->m;
	const struct prv_reply_opts *o = rp->o;
	struct prv_buf msg = PRV_BUF_INIT, body = PRV_BUF_INIT;
	struct prv_buf safe = PRV_BUF_INIT;
	struct idlist ids = { .nr = 0 };
	size_t nr_cc = 0;
	struct prv_sha1 c;
	unsigned char d[20];
	char hex[41];
	int ret;

	prv_sha1_init(&c);
	prv_sha1_update(&c, m->message_id, strlen(m->message_id));
	prv_sha1_update(&c, "\n", 1);
	prv_sha1_update(&c, o->from.email, strlen(o->from.email));
	prv_sha1_update(&c, &o->now, sizeof(o->now));
	prv_sha1_update(&c, &rp->serial, sizeof(rp->serial));
	prv_sha1_final(d, &c);
	prv_hex(hex, d, 20);

	rp->ids = &ids;
	if ((ret = add_body(&body, rp, vfs, nr_vfs, pt)) ||
	    (ret = add_headers(&msg, rp, hex, &nr_cc)) ||
	    (ret = add_thread_headers(&msg, rp)) ||
	    (ret = add_ids_header(&msg, &ids)))
		goto out;
	if ((ret = prv_buf_addstr(&msg,
				  "MIME-Version: 1.0\n"
				  "Content-Type: text/plain; charset=UTF-8\n"
				  "Content-Transfer-Encoding: 8bit\n"
				  "User-Agent: prereview\n\n")) ||
	    (ret = prv_buf_add(&msg, body.data, body.len)))
		goto out;
	/* headers and body quote mail: made safe to print (safetext.h) */
	ret = prv_safe_add(&safe, msg.data, msg.len, PRV_SAFE_BLOCK);
	if (!ret) {
		struct prv_reply_mail rm = { .text = safe.data,
					     .len = safe.len,
					     .orig = m,
					     .serial = rp->serial,
					     .nr_cc = nr_cc };

		ret = rp->cb(&rm, rp->payload);
	}
out:
	prv_buf_release(&safe);
	prv_buf_release(&body);
	prv_buf_release(&msg);
	return ret;
}

/*
 * The findings of one version, and which mail each goes to: bucket 0 is
 * the cover, bucket i + 1 patches[i]. Buckets grow as findings come:
 * sized for all the findings each, a long series with many of them asked
 * for gigabytes.
 */
struct buckets {
	size_t nb;
	size_t **b, *nr_b, *alloc_b;
	size_t *vfs, nr_vfs; /* every finding of the version */
	bool questions; /* a patch has an open question */
};

static void buckets_release(struct buckets *bk)
{
	size_t i;

	for (i = 0; i < bk->nb; i++)
		free(bk->b[i]);
	free(bk->b);
	free(bk->nr_b);
	free(bk->alloc_b);
	free(bk->vfs);
}

/*
 * The bucket of finding `f`: its patch's, when that patch was posted in
 * this version, else the cover's (the first patch's when there is none).
 * pos[k] is 1 + where the first patch numbered k is, or 0.
 */
static size_t bucket_of(const struct prv_finding *f,
			const struct prv_version *v, const size_t *pos,
			size_t nr_pos)
{
	const struct prv_patch *p = NULL;
	size_t k = 0;

	if (f->patch > 0 && (size_t)f->patch < nr_pos && pos[f->patch])
		p = &v->patches[pos[f->patch] - 1];
	/* a patch filled in from the previous version was not posted in
	 * this one: the note goes to the cover */
	if (p && p->mail && !p->filled_in)
		k = (size_t)(p - v->patches) + 1;
	if (!k && !v->cover)
		k = 1;
	return k;
}

/* Put the findings of series `s`, version `v`, in their buckets. */
static void buckets_fill(struct buckets *bk, const struct prv_report *r,
			 size_t s, const struct prv_version *v, bool all)
{
	size_t i, k, *pos, nr_pos = 0;

	bk->nb = v->nr_patches + 1;
	bk->b = prv_xcalloc(bk->nb, sizeof(*bk->b));
	bk->nr_b = prv_xcalloc(bk->nb, sizeof(*bk->nr_b));
	bk->alloc_b = prv_xcalloc(bk->nb, sizeof(*bk->alloc_b));
	bk->vfs = prv_xcalloc(r->nr_findings + 1, sizeof(*bk->vfs));
	for (i = 0; i < v->nr_patches; i++)
		if (v->patches[i].index > 0 &&
		    (size_t)v->patches[i].index >= nr_pos)
			nr_pos = (size_t)v->patches[i].index + 1;
	pos = prv_xcalloc(nr_pos + 1, sizeof(*pos));
	for (i = v->nr_patches; i-- > 0;)
		if (v->patches[i].index > 0)
			pos[v->patches[i].index] = i + 1;
	for (i = 0; i < r->nr_findings; i++) {
		const struct prv_finding *f = &r->findings[i];

		if (f->series != s ||
		    (f->version && f->version != v->version) ||
		    maintainer_only(f) || !for_author(f, all))
			continue;
		bk->vfs[bk->nr_vfs++] = i;
		bk->questions |= asks(f) && f->patch > 0;
		k = bucket_of(f, v, pos, nr_pos);
		PRV_ALLOC_GROW(bk->b[k], bk->nr_b[k] + 1, bk->alloc_b[k]);
		bk->b[k][bk->nr_b[k]++] = i;
	}
	free(pos);
}

/* The replies to the mails of version `v` of series `s`. */
static int add_version_replies(struct reply *proto, const struct buckets *bk,
			       size_t *written)
{
	const struct prv_version *v = proto->v;
	size_t i;
	int ret = 0;

	for (i = 0; i < bk->nb && !ret; i++) {
		const struct prv_patch *pt = i ? &v->patches[i - 1] : NULL;
		struct reply rp = *proto;

		rp.m = i ? pt->mail : v->cover;
		rp.fs = bk->b[i];
		rp.nr_fs = bk->nr_b[i];
		rp.cover = !i || (!v->cover && i == 1);
		rp.serial = *written;
		if (!rp.m || (pt && pt->filled_in))
			continue;
		if (!bk->nr_b[i] && !(rp.cover && bk->questions) && !rp.o->all)
			continue;
		ret = add_reply(&rp, bk->vfs, bk->nr_vfs, pt);
		(*written)++;
	}
	return ret;
}

int prv_reply_each(const struct prv_report *r,
		   const struct prv_reply_opts *opts, prv_reply_fn cb,
		   void *payload, size_t *nr_out)
{
	struct prv_arena a = PRV_ARENA_INIT;
	size_t s, written = 0;
	int ret = 0;

	for (s = 0; s < r->nr_series && !ret; s++) {
		const struct prv_version *v = prv_report_version(r, s);
		struct reply proto = { .r = r,
				       .o = opts,
				       .a = &a,
				       .v = v,
				       .cb = cb,
				       .payload = payload };
		struct buckets bk = { .nb = 0 };

		if (!v || (!v->cover && !v->nr_patches))
			continue;
		buckets_fill(&bk, r, s, v, opts->all);
		ret = add_version_replies(&proto, &bk, &written);
		buckets_release(&bk);
	}
	prv_arena_release(&a);
	if (nr_out)
		*nr_out = written;
	return ret;
}

static int append_mboxrd(const struct prv_reply_mail *rm, void *payload)
{
	return prv_reply_mboxrd_append(payload, rm->text, rm->len);
}

int prv_reply_build(struct prv_buf *out, const struct prv_report *r,
		    const struct prv_reply_opts *opts, size_t *nr_out)
{
	return prv_reply_each(r, opts, append_mboxrd, out, nr_out);
}

char *prv_reply_file_name(struct prv_arena *a, size_t serial,
			  const struct prv_mail *orig)
{
	const char *t = orig ? prv_mail_title(orig) : "";
	char slug[PRV_REPLY_SLUG_MAX + 1];
	size_t n = 0;

	/* git format-patch's file names: runs of other bytes become '-' */
	for (; *t && n < PRV_REPLY_SLUG_MAX; t++) {
		char c = *t;

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '_' || c == '.')
			slug[n++] = c;
		else if (c >= 'A' && c <= 'Z')
			slug[n++] = (char)(c - 'A' + 'a');
		else if (n && slug[n - 1] != '-')
			slug[n++] = '-';
	}
	while (n && (slug[n - 1] == '-' || slug[n - 1] == '.'))
		n--;
	slug[n] = '\0';
	return prv_arena_printf(a, "%04zu-re%s%s.eml", serial + 1,
				n && slug[0] != '.' ? "-" : "",
				n && slug[0] != '.' ? slug : "");
}
