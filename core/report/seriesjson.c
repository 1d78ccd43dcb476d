// SPDX-License-Identifier: GPL-2.0-or-later
/* The series object of prereview-series/1 and prereview-report/1. */
#include <stdio.h>
#include <time.h>

#include "core/report/seriesjson.h"

#define SERIESJSON_CHUNK ((size_t)1 << 20) /* bytes written at a time */

/* "key": RFC 3339 UTC date, or null when there is none. */
static void json_date(struct prv_json *j, const char *key, bool has,
		      long long t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char buf[32];

	prv_json_key(j, key);
	if (!has || !gmtime_r(&tt, &tm)) {
		prv_json_null(j);
		return;
	}
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	prv_json_str(j, buf);
}

static void json_person(struct prv_json *j, const char *key,
			const struct prv_person *p)
{
	prv_json_key(j, key);
	prv_json_object(j);
	prv_json_kv_str(j, "name", p->name ? p->name : "");
	prv_json_kv_str(j, "email", p->email ? p->email : "");
	prv_json_end(j);
}

static void json_text(struct prv_json *j, const char *key, const char *s,
		      size_t len)
{
	prv_json_key(j, key);
	if (!s)
		prv_json_strn(j, "", 0);
	else
		prv_json_strn(j, s, len);
}

static void json_review_trailers(struct prv_json *j, const struct prv_patch *p)
{
	size_t i;

	prv_json_key(j, "review_trailers");
	prv_json_array(j);
	for (i = 0; p && i < p->nr_review_trailers; i++) {
		const struct prv_review_trailer *r = &p->review_trailers[i];

		prv_json_object(j);
		prv_json_kv_str(j, "key", r->key);
		prv_json_kv_str(j, "value", r->value);
		json_person(j, "from", &r->from);
		prv_json_kv_str(j, "message_id", r->message_id);
		prv_json_kv_bool(j, "sender_mismatch", r->sender_mismatch);
		prv_json_end(j);
	}
	prv_json_end(j);
}

/* The fields of MESSAGE, into an object the caller opened. */
static void json_message(struct prv_json *j, const struct prv_mail *m,
			 const struct prv_patch *p, bool bodies)
{
	size_t i;

	prv_json_kv_str(j, "message_id", m->message_id);
	prv_json_kv_str(j, "in_reply_to", m->in_reply_to);
	json_date(j, "date", m->has_date && (bodies || m->date), m->date);
	json_person(j, "from", &m->from);
	json_person(j, "author", bodies ? prv_mail_author(m) : &m->pm.author);
	prv_json_kv_str(j, "subject", m->subject ? m->subject : "");
	prv_json_kv_str(j, "title", bodies ? prv_mail_title(m) : m->pm.title);
	if (bodies) {
		json_text(j, "message", m->pm.message, m->pm.message_len);
		json_text(j, "notes", m->pm.notes, m->pm.notes_len);
		json_text(j, "diff", m->pm.diff, m->pm.diff_len);
	}
	prv_json_key(j, "trailers");
	prv_json_array(j);
	for (i = 0; i < m->pm.nr_trailers; i++) {
		const struct prv_trailer *t = &m->pm.trailers[i];

		if (!t->is_trailer)
			continue;
		prv_json_object(j);
		prv_json_kv_str(j, "key", t->key);
		prv_json_kv_str(j, "value", t->value ? t->value : "");
		prv_json_end(j);
	}
	prv_json_end(j);
	prv_json_key(j, "files");
	prv_json_array(j);
	for (i = 0; i < m->diff.nr_files; i++) {
		const struct prv_file *f = &m->diff.files[i];

		prv_json_object(j);
		prv_json_kv_str(j, "old", f->old_path);
		prv_json_kv_str(j, "new", f->new_path);
		prv_json_kv_int(j, "added", f->added);
		prv_json_kv_int(j, "removed", f->removed);
		prv_json_end(j);
	}
	prv_json_end(j);
	prv_json_kv_str(j, "patch_id", *m->patch_id ? m->patch_id : NULL);
	if (bodies)
		json_review_trailers(j, p);
}

static void json_patch(struct prv_json *j, const struct prv_version *v,
		       const struct prv_patch *p, bool bodies)
{
	prv_json_object(j);
	if (p->mail)
		json_message(j, p->mail, p, bodies);
	prv_json_kv_int(j, "index", p->index);
	prv_json_kv_int(j, "total", v->expected);
	if (bodies) {
		prv_json_kv_bool(j, "filled_in", p->filled_in);
		prv_json_kv_int(j, "replies", (long long)p->nr_replies);
	}
	prv_json_end(j);
}

static void json_version(struct prv_json *j, const struct prv_version *v,
			 const struct prv_seriesjson_opts *o)
{
	size_t i;

	prv_json_object(j);
	prv_json_kv_int(j, "version", v->version);
	prv_json_kv_int(j, "point", v->point);
	prv_json_key(j, "tags");
	prv_json_array(j);
	for (i = 0; i < v->nr_tags; i++)
		prv_json_str(j, v->tags[i]);
	prv_json_end(j);
	prv_json_kv_bool(j, "rfc", v->rfc);
	prv_json_kv_bool(j, "resend", v->resend);
	prv_json_kv_int(j, "expected", v->expected);
	prv_json_kv_bool(j, "complete", v->complete);
	if (o->bodies) {
		prv_json_key(j, "missing");
		prv_json_array(j);
		for (i = 0; i < v->nr_missing; i++)
			prv_json_int(j, v->missing[i]);
		prv_json_end(j);
		prv_json_kv_bool(j, "partial", v->partial);
		json_date(j, "date", v->date != 0, v->date);
		prv_json_kv_str(j, "thread_root", v->thread_root);
	}
	prv_json_key(j, "cover");
	if (v->cover) {
		prv_json_object(j);
		json_message(j, v->cover, NULL, o->bodies);
		prv_json_end(j);
	} else {
		prv_json_null(j);
	}
	if (o->bodies)
		prv_json_kv_int(j, "cover_replies",
				(long long)v->nr_cover_replies);
	prv_json_key(j, "patches");
	prv_json_array(j);
	for (i = 0; i < v->nr_patches; i++) {
		json_patch(j, v, &v->patches[i], o->bodies);
		if (o->flush)
			o->flush(j, o->flush_data);
	}
	prv_json_end(j);
	if (o->bodies) {
		prv_json_key(j, "duplicates");
		prv_json_array(j);
		for (i = 0; i < v->nr_duplicates; i++)
			prv_json_str(j, v->duplicates[i]->message_id);
		prv_json_end(j);
	}
	prv_json_end(j);
}

void prv_seriesjson_write(struct prv_json *j, const struct prv_series *s,
			  const struct prv_seriesjson_opts *o)
{
	size_t i;

	prv_json_object(j);
	prv_json_kv_str(j, "kind", prv_kind_name(s->kind));
	prv_json_kv_str(j, "change_id", s->change_id);
	prv_json_kv_str(j, "title", s->title);
	if (o->bodies)
		json_person(j, "author", &s->author);
	prv_json_key(j, "versions");
	prv_json_array(j);
	for (i = 0; i < s->nr_versions; i++)
		json_version(j, &s->versions[i], o);
	prv_json_end(j);
	prv_json_end(j);
}

/* Where the document goes, and whether a write to it failed. */
struct stream {
	FILE *fp;
	bool failed;
};

/*
 * Write out what the JSON writer holds once it reaches SERIESJSON_CHUNK
 * bytes (`all`: whatever it holds); after a failed write nothing more is
 * written.
 */
static void stream_flush(struct prv_json *j, struct stream *st, bool all)
{
	struct prv_buf *out = j->out;

	if (!all && out->len < SERIESJSON_CHUNK)
		return;
	if (!st->failed && fwrite(out->data, 1, out->len, st->fp) != out->len)
		st->failed = true;
	prv_buf_reset(out);
}

static void stream_flush_some(struct prv_json *j, void *st)
{
	stream_flush(j, st, false);
}

int prv_seriesjson_stream(FILE *fp, struct prv_buf *out,
			  const struct prv_input *in)
{
	struct prv_json j;
	struct stream st = { .fp = fp, .failed = false };
	struct prv_seriesjson_opts sj = { .bodies = true,
					  .flush = stream_flush_some,
					  .flush_data = &st };
	size_t i;

	/*
	 * Compact, one document on one line: the 8,000-message corpus writes
	 * tens of MB, and indentation costs more than it helps a machine
	 * (python3 -m json.tool pretty-prints for people). One buffer of about
	 * SERIESJSON_CHUNK bytes is filled and written out again and again.
	 */
	prv_buf_grow(out, SERIESJSON_CHUNK + SERIESJSON_CHUNK / 4);
	prv_json_init(&j, out, false);
	prv_json_object(&j);
	prv_json_kv_str(&j, "schema", "prereview-series/1");
	prv_json_key(&j, "series");
	prv_json_array(&j);
	for (i = 0; i < in->nr_series; i++)
		prv_seriesjson_write(&j, &in->series[i], &sj);
	prv_json_end(&j);
	prv_json_key(&j, "warnings");
	prv_json_array(&j);
	for (i = 0; i < in->warnings.nr; i++) {
		const struct prv_warning *w = &in->warnings.items[i];

		prv_json_object(&j);
		prv_json_kv_str(&j, "message_id", w->message_id);
		prv_json_kv_str(&j, "source", w->source);
		prv_json_kv_str(&j, "text", w->text);
		prv_json_end(&j);
		stream_flush(&j, &st, false);
	}
	prv_json_end(&j);
	prv_json_kv_int(&j, "warnings_dropped",
			(long long)in->warnings.dropped);
	prv_json_end(&j);
	prv_buf_addch(out, '\n');
	stream_flush(&j, &st, true);
	return st.failed || fflush(fp) ? -1 : 0;
}
