// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The text of prereview show: every series as one compact screen, then the
 * input warnings.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/base/buf.h"
#include "core/base/safetext.h"
#include "core/base/util.h"
#include "core/base/wrap.h"
#include "core/mail/trailer.h"
#include "core/rangediff/rangediff.h"
#include "core/report/rdrender.h"
#include "core/report/seriestext.h"
#include "core/series/comment.h"
#include "core/series/series.h"

#define SHOW_WIDTH 80
#define SHOW_FILES_MAX 8 /* files listed per patch in text */
#define SHOW_MISSING_MAX 12 /* missing indexes listed in text */
#define SHOW_PATH_MAX 56 /* path column of the file list */
#define SHOW_WRAP_MAX 2000 /* bytes of a wrapped text shown */
#define SHOW_REVIEW_MAX 20 /* review trailers listed per patch in text */

/*
 * Append `s` made safe to print (safetext.h) and cut to `width` columns
 * with "..." when longer.
 */
static void add_fit(struct prv_buf *out, const char *s, size_t width)
{
	size_t len = s ? strlen(s) : 0, cut = len;

	if (prv_columns(s, len) > width)
		cut = prv_columns_cut(s, len, width > 3 ? width - 3 : 0, NULL);
	prv_safe_add(out, s, cut, PRV_SAFE_LINE);
	if (cut < len)
		prv_buf_add(out, "...", width >= 3 ? 3 : width);
}

/* Like add_fit() but keeps the end: "...ward/router_multipath.sh". */
static void add_fit_left(struct prv_buf *out, const char *s, size_t width)
{
	size_t len = strlen(s), cols = prv_columns(s, len), skip = 0;

	if (cols <= width || width <= 3) {
		add_fit(out, s, width);
		return;
	}
	/* drop characters from the front until the rest fits */
	while (cols > width - 3 && skip < len) {
		size_t w;

		skip += prv_glyph(s + skip, len - skip, &w);
		cols -= w;
	}
	prv_buf_addstr(out, "...");
	add_fit(out, s + skip, width - 3);
}

/* Columns already used on the current (last) line of `out`. */
static size_t line_used(const struct prv_buf *out)
{
	const char *nl = out->len ? memrchr(out->data, '\n', out->len) : NULL;
	size_t start = nl ? (size_t)(nl - out->data) + 1 : 0;

	return prv_columns(out->data + start, out->len - start);
}

/* Finish a line with `s` cut to what is left of the width. */
static void add_rest(struct prv_buf *out, const char *s)
{
	size_t used = line_used(out);

	add_fit(out, s, used < SHOW_WIDTH ? SHOW_WIDTH - used : 0);
	prv_buf_addch(out, '\n');
}

/* Columns left on the current line. */
static size_t line_room(const struct prv_buf *out)
{
	size_t used = line_used(out);

	return used < SHOW_WIDTH ? SHOW_WIDTH - used : 0;
}

/*
 * Word-wrap `s` at the width, continuation lines indented by `indent`, and
 * end the line; at most SHOW_WRAP_MAX bytes of it are shown.
 */
static void add_wrapped(struct prv_buf *out, const char *s, size_t indent)
{
	struct prv_wrap_opts o = { PRV_WRAP_FIELD, SHOW_WIDTH, indent,
				   SHOW_WRAP_MAX };

	prv_wrap(out, s, strlen(s), line_used(out), &o);
	prv_buf_addch(out, '\n');
}

static void format_date(char *out, size_t size, long long t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!gmtime_r(&tt, &tm)) {
		snprintf(out, size, "?");
		return;
	}
	strftime(out, size, "%Y-%m-%d %H:%M", &tm);
}

/* "Name <email>" -> "Name"; other values as they are. */
static void add_trailer_who(struct prv_buf *b, const char *value)
{
	const char *lt = value ? strchr(value, '<') : NULL;
	size_t n;

	if (!value)
		return;
	if (!lt || lt == value) {
		prv_buf_addstr(b, value);
		return;
	}
	n = lt - value;
	while (n && (value[n - 1] == ' ' || value[n - 1] == '"'))
		n--;
	if (value[0] == '"')
		prv_buf_add(b, value + 1, n ? n - 1 : 0);
	else
		prv_buf_add(b, value, n);
}

/*
 * A trailer's value as the screen shows it: the commit id of a Fixes: tag
 * (the check reads the rest), the name of a person.
 */
static void add_trailer_value(struct prv_buf *b, const char *key,
			      const char *value)
{
	if (value && !strcasecmp(key, "Fixes"))
		prv_buf_add(b, value, strcspn(value, " "));
	else
		add_trailer_who(b, value);
}

static void file_label(struct prv_buf *path, const struct prv_file *f)
{
	if ((f->flags & (PRV_FILE_RENAME | PRV_FILE_COPY)) && f->old_path &&
	    f->new_path)
		prv_buf_addf(path, "%s => %s", f->old_path, f->new_path);
	else
		prv_buf_addstr(path, f->new_path ? f->new_path :
				     f->old_path ? f->old_path :
						   "?");
	if (f->flags & PRV_FILE_NEW)
		prv_buf_addstr(path, " (new)");
	else if (f->flags & PRV_FILE_DELETED)
		prv_buf_addstr(path, " (deleted)");
}

/* One line per file, diffstat-like: "path | +added -removed". */
static void text_files(struct prv_buf *out, const struct prv_mail *m)
{
	size_t i, n = m->diff.nr_files, width = 0;
	struct prv_buf path = PRV_BUF_INIT;

	if (n > SHOW_FILES_MAX)
		n = SHOW_FILES_MAX;
	for (i = 0; i < n; i++) {
		prv_buf_reset(&path);
		file_label(&path, &m->diff.files[i]);
		if (prv_columns(path.data, path.len) > width)
			width = prv_columns(path.data, path.len);
	}
	if (width > SHOW_PATH_MAX)
		width = SHOW_PATH_MAX;
	for (i = 0; i < n; i++) {
		const struct prv_file *f = &m->diff.files[i];
		size_t cols, start;

		prv_buf_reset(&path);
		file_label(&path, f);
		prv_buf_addstr(out, "        ");
		start = out->len;
		add_fit_left(out, path.data, width);
		cols = prv_columns(out->data + start, out->len - start);
		prv_buf_addf(out, "%*s | ",
			     (int)(cols < width ? width - cols : 0), "");
		if (f->flags & PRV_FILE_BINARY)
			prv_buf_addstr(out, "binary\n");
		else
			prv_buf_addf(out, "+%d -%d\n", f->added, f->removed);
	}
	if (m->diff.nr_files > n)
		prv_buf_addf(out, "        ... %zu more files\n",
			     m->diff.nr_files - n);
	prv_buf_release(&path);
}

static void text_trailers(struct prv_buf *out, const struct prv_mail *m)
{
	struct prv_buf line = PRV_BUF_INIT;
	size_t i, n = 0;

	for (i = 0; i < m->pm.nr_trailers; i++) {
		const struct prv_trailer *t = &m->pm.trailers[i];

		if (!t->is_trailer)
			continue;
		if (n++)
			prv_buf_addstr(&line, "; ");
		prv_buf_addf(&line, "%s: ", t->key);
		add_trailer_value(&line, t->key, t->value);
	}
	if (n) {
		prv_buf_addstr(out, "        ");
		add_wrapped(out, line.data, 10);
	}
	prv_buf_release(&line);
}

static void text_review_trailers(struct prv_buf *out, const struct prv_patch *p)
{
	size_t i;

	for (i = 0; i < p->nr_review_trailers; i++) {
		const struct prv_review_trailer *r = &p->review_trailers[i];
		const char *who = *r->from.name ? r->from.name : r->from.email;
		struct prv_buf line = PRV_BUF_INIT;

		if (i == SHOW_REVIEW_MAX && p->nr_review_trailers > i + 1) {
			prv_buf_addf(out, "      + ... %zu more\n",
				     p->nr_review_trailers - i);
			break;
		}

		prv_buf_addf(&line, "%s: ", r->key);
		add_trailer_value(&line, r->key, r->value);
		if (r->sender_mismatch)
			prv_buf_addf(&line,
				     " (sent by %s: not the same person)", who);
		else
			prv_buf_addstr(&line, " (in a reply)");
		prv_buf_addstr(out, "      + ");
		/* wrapped, not cut: the end says who gave it */
		add_wrapped(out, line.data, 10);
		prv_buf_release(&line);
	}
}

/* Columns left on the line for a text that `tail` will follow. */
static size_t fit_before(const struct prv_buf *out, const char *tail)
{
	size_t room = line_room(out), n = strlen(tail);

	return room > n ? room - n : 0;
}

/* " [3 replies, 2 comments]": review comments are counted by comment.h */
static void reply_tail(char *tail, size_t size, size_t replies, size_t comments)
{
	int n = snprintf(tail, size, " [%zu %s", replies,
			 replies == 1 ? "reply" : "replies");

	if (n > 0 && (size_t)n < size && comments)
		n += snprintf(tail + n, size - (size_t)n, ", %zu comment%s",
			      comments, comments == 1 ? "" : "s");
	if (n > 0 && (size_t)n + 1 < size)
		snprintf(tail + n, size - (size_t)n, "]");
}

static void text_patch(struct prv_buf *out, const struct prv_series *s,
		       const struct prv_version *v, const struct prv_patch *p)
{
	const struct prv_mail *m = p->mail;
	const struct prv_person *author = prv_mail_author(m);
	char head[64], tail[64] = "";

	snprintf(head, sizeof(head), "  %d/%d ", p->index, v->expected);
	prv_buf_addstr(out, head);
	if (p->filled_in)
		prv_buf_addf(out, "(v%d) ", m->subj.version);
	if (p->nr_replies)
		reply_tail(tail, sizeof(tail), p->nr_replies,
			   p->filled_in ? 0 : prv_comments_count(s, v, p));
	add_fit(out, prv_mail_title(m), fit_before(out, tail));
	prv_buf_addstr(out, tail);
	prv_buf_addch(out, '\n');
	if (!prv_person_same_email(author, &s->author)) {
		struct prv_buf who = PRV_BUF_INIT;

		prv_buf_addf(&who, "%s <%s>", author->name, author->email);
		prv_buf_addstr(out, "        author: ");
		add_rest(out, who.data);
		prv_buf_release(&who);
	}
	text_files(out, m);
	text_trailers(out, m);
	text_review_trailers(out, p);
}

static void text_version(struct prv_buf *out, const struct prv_series *s,
			 const struct prv_version *v)
{
	struct prv_buf line = PRV_BUF_INIT;
	char date[32];
	size_t i;

	prv_buf_addf(&line, "v%s", prv_version_name(v));
	for (i = 0; i < v->nr_tags; i++)
		prv_buf_addf(&line, " [%s]", v->tags[i]);
	if (v->rfc)
		prv_buf_addstr(&line, " RFC");
	if (v->resend)
		prv_buf_addstr(&line, " RESEND");
	if (v->date) {
		format_date(date, sizeof(date), v->date);
		prv_buf_addf(&line, " %s UTC", date);
	}
	prv_buf_addf(&line, ", %zu patch%s", v->nr_patches,
		     v->nr_patches == 1 ? "" : "es");
	if (v->complete) {
		prv_buf_addstr(&line, ", complete");
	} else if (v->nr_missing) {
		prv_buf_addstr(&line, ", missing");
		for (i = 0; i < v->nr_missing && i < SHOW_MISSING_MAX; i++)
			prv_buf_addf(&line, "%s %d/%d", i ? "," : "",
				     v->missing[i], v->expected);
		if (v->nr_missing > SHOW_MISSING_MAX)
			prv_buf_addstr(&line, ", ...");
	}
	if (v->partial)
		prv_buf_addstr(&line, " (partial reroll)");
	add_rest(out, line.data);
	prv_buf_release(&line);
	if (v != s->versions) {
		/* What changed since the version before, as prereview diff. */
		struct prv_buf rd = PRV_BUF_INIT;

		if (!prv_rdrender_summary_line(&rd, v - 1, v))
			prv_buf_addf(out, "  %s\n", rd.data);
		prv_buf_release(&rd);
	}

	if (v->cover) {
		char tail[64] = "";

		prv_buf_addf(out, "  0/%d ", v->expected);
		if (v->nr_cover_replies)
			reply_tail(tail, sizeof(tail), v->nr_cover_replies,
				   prv_comments_count(s, v, NULL));
		add_fit(out, v->cover->subj.title, fit_before(out, tail));
		prv_buf_addstr(out, tail);
		prv_buf_addch(out, '\n');
	}
	for (i = 0; i < v->nr_patches; i++)
		text_patch(out, s, v, &v->patches[i]);
	if (v->nr_duplicates)
		prv_buf_addf(out, "  (%zu duplicate%s set aside)\n",
			     v->nr_duplicates,
			     v->nr_duplicates == 1 ? "" : "s");
}

static void text_series(struct prv_buf *out, const struct prv_series *s)
{
	size_t i;

	add_rest(out, *s->title ? s->title : "(no title)");
	if (s->kind != PRV_KIND_SERIES) {
		prv_buf_addstr(out, "kind: ");
		add_rest(out, prv_kind_name(s->kind));
	}
	if (s->change_id) {
		prv_buf_addstr(out, "change-id: ");
		add_rest(out, s->change_id);
	}
	{
		struct prv_buf who = PRV_BUF_INIT;

		prv_buf_addf(&who, "%s <%s>", s->author.name, s->author.email);
		prv_buf_addstr(out, "author: ");
		add_rest(out, who.data);
		prv_buf_release(&who);
	}
	for (i = 0; i < s->nr_versions; i++) {
		prv_buf_addch(out, '\n');
		text_version(out, s, &s->versions[i]);
	}
}

/*
 * Whether a Message-ID was made up for a mail that has none (core/mail/mail.c):
 * such a mail, as git format-patch writes it, is known by its file.
 */
static bool made_up_id(const char *id)
{
	static const char pre[] = "prv-missing-", post[] = "@prereview";
	size_t n = strlen(id);

	return !strncmp(id, pre, sizeof(pre) - 1) && n >= sizeof(post) - 1 &&
	       !strcmp(id + n - (sizeof(post) - 1), post);
}

void prv_seriestext_write(struct prv_buf *out, const struct prv_input *in)
{
	size_t i;

	if (!in->nr_series)
		prv_buf_addstr(out, "no patch series in the input\n");
	for (i = 0; i < in->nr_series; i++) {
		if (i)
			prv_buf_addstr(out, "\n\n");
		text_series(out, &in->series[i]);
	}
	if (!in->warnings.nr)
		return;
	prv_buf_addf(out, "\nwarnings (%zu):\n",
		     in->warnings.nr + in->warnings.dropped);
	for (i = 0; i < in->warnings.nr; i++) {
		const struct prv_warning *w = &in->warnings.items[i];
		struct prv_buf line = PRV_BUF_INIT;

		if (w->message_id && !(made_up_id(w->message_id) && w->source))
			prv_buf_addf(&line, "<%s> ", w->message_id);
		else if (w->source)
			prv_buf_addf(&line, "%s: ", w->source);
		prv_buf_addstr(&line, w->text);
		prv_buf_addstr(out, "  ");
		add_wrapped(out, line.data, 4);
		prv_buf_release(&line);
	}
	if (in->warnings.dropped)
		prv_buf_addf(out, "  ... %zu more not kept\n",
			     in->warnings.dropped);
}
