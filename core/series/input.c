// SPDX-License-Identifier: GPL-2.0-or-later
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/base/charset.h"
#include "core/base/error.h"
#include "core/mail/mbox.h"
#include "core/series/series.h"
#include "core/base/util.h"

/*
 * A mailbox this large is parsed by two threads, each taking a contiguous
 * half (by bytes) with its own arena and warnings, so the result is the
 * same mails and warnings in the same order as one thread gives.
 */
#define PARALLEL_MIN_MAILS 256

struct parse_job {
	const struct prv_mbox *m;
	char *buf;
	size_t len;
	const char *name;
	size_t from, to; /* mbox entries [from, to) */
	bool keep_raw;
	struct prv_arena *arena;
	struct prv_warnings *warnings;
	struct prv_mail **mails; /* parsed, in order */
	size_t nr;
	int err; /* the first mail that failed ends the job */
	char why[512];
};

void prv_input_init(struct prv_input *in)
{
	memset(in, 0, sizeof(*in));
	prv_arena_init(&in->arena);
	prv_warnings_init(&in->warnings, &in->arena);
}

void prv_input_release(struct prv_input *in)
{
	size_t i;

	for (i = 0; i < in->nr_buffers; i++)
		free(in->buffers[i]);
	free(in->buffers);
	free(in->mails);
	prv_warnings_release(&in->warnings);
	for (i = 0; i < in->nr_side_arenas; i++)
		prv_arena_release(&in->side_arenas[i]);
	free(in->side_arenas);
	prv_arena_release(&in->arena);
	prv_input_init(in);
}

static void parse_range(struct parse_job *j)
{
	size_t i;

	j->mails = prv_xcalloc(j->to - j->from + 1, sizeof(*j->mails));
	for (i = j->from; i < j->to; i++) {
		const struct prv_mbox_entry *e = &j->m->items[i];
		struct prv_mail *mail =
			prv_arena_alloc(j->arena, sizeof(*mail));
		char *end = e->data + e->len;
		char *limit = i + 1 < j->m->nr ? j->m->items[i + 1].data :
						 j->buf + j->len;
		int err;

		/*
		 * The byte after a message belongs to the From_ line of the
		 * next one (already split) or to what unquoting left over:
		 * made a NUL, it lets the mail point into the buffer instead
		 * of copying its body.
		 */
		if (end < limit)
			*end = '\0';
		err = prv_mail_parse_entry(mail, j->arena, e,
					   end < limit && !j->keep_raw, j->name,
					   j->warnings);
		if (err) {
			/* a size cap was hit: the input cannot be read whole */
			j->err = err;
			snprintf(j->why, sizeof(j->why),
				 "'%s': message at line %zu: %s", j->name,
				 e->line, prv_error_last());
			break;
		}
		mail->source = j->name;
		if (!mail->raw) {
			mail->raw = e->data;
			mail->raw_len = e->len;
		}
		j->mails[j->nr++] = mail;
	}
}

static void *parse_thread(void *payload)
{
	parse_range(payload);
	prv_charset_cache_clear();
	return NULL;
}

/* The entry where the second half of the bytes starts. */
static size_t byte_middle(const struct prv_mbox *m)
{
	size_t total = 0, sum = 0, i;

	for (i = 0; i < m->nr; i++)
		total += m->items[i].len;
	for (i = 0; i < m->nr; i++) {
		sum += m->items[i].len;
		if (sum >= total / 2)
			return i + 1;
	}
	return m->nr;
}

static void add_parsed(struct prv_input *in, struct parse_job *j)
{
	size_t i;

	PRV_ALLOC_GROW(in->mails, in->nr_mails + j->nr, in->alloc_mails);
	for (i = 0; i < j->nr; i++) {
		j->mails[i]->seq = in->nr_mails;
		in->mails[in->nr_mails++] = j->mails[i];
	}
	free(j->mails);
	j->mails = NULL;
}

static void add_side_arena(struct prv_input *in, struct prv_arena *a)
{
	PRV_ALLOC_GROW(in->side_arenas, in->nr_side_arenas + 1,
		       in->alloc_side_arenas);
	in->side_arenas[in->nr_side_arenas++] = *a;
}

int prv_input_add_buffer(struct prv_input *in, char *buf, size_t len,
			 const char *source)
{
	struct prv_mbox m = PRV_MBOX_INIT;
	struct parse_job jobs[2];
	struct prv_arena side = PRV_ARENA_INIT;
	struct prv_warnings side_warnings;
	pthread_t thread;
	bool threaded = false;
	const char *name;
	size_t mid;
	int err;

	if (!source)
		source = "<input>";
	PRV_ALLOC_GROW(in->buffers, in->nr_buffers + 1, in->alloc_buffers);
	in->buffers[in->nr_buffers++] = buf;
	err = prv_mbox_split(&m, buf, len, PRV_MBOX_AUTO, source,
			     &in->warnings);
	if (err)
		goto out;
	name = prv_arena_strdup(&in->arena, source);

	mid = m.nr;
	if (m.nr >= PARALLEL_MIN_MAILS && sysconf(_SC_NPROCESSORS_ONLN) > 1)
		mid = byte_middle(&m);
	prv_warnings_init(&side_warnings, &side);
	jobs[0] = (struct parse_job){ .m = &m,
				      .buf = buf,
				      .len = len,
				      .name = name,
				      .from = 0,
				      .to = mid,
				      .keep_raw = in->keep_raw,
				      .arena = &in->arena,
				      .warnings = &in->warnings };
	jobs[1] = (struct parse_job){ .m = &m,
				      .buf = buf,
				      .len = len,
				      .name = name,
				      .from = mid,
				      .to = m.nr,
				      .keep_raw = in->keep_raw,
				      .arena = &side,
				      .warnings = &side_warnings };
	if (mid < m.nr)
		threaded =
			!pthread_create(&thread, NULL, parse_thread, &jobs[1]);
	parse_range(&jobs[0]);
	if (threaded)
		pthread_join(thread, NULL);
	else if (mid < m.nr)
		parse_range(&jobs[1]);
	add_parsed(in, &jobs[0]);
	add_parsed(in, &jobs[1]);
	prv_warnings_append(&in->warnings, &side_warnings);
	if (side.head)
		add_side_arena(in, &side);
	if (jobs[0].err || jobs[1].err) {
		const struct parse_job *j = jobs[0].err ? &jobs[0] : &jobs[1];

		err = prv_error(j->err, "%s", j->why);
	}
out:
	prv_mbox_release(&m);
	return err;
}

void prv_input_adopt(struct prv_input *dst, struct prv_input *src)
{
	size_t i;

	for (i = 0; i < src->nr_buffers; i++) {
		PRV_ALLOC_GROW(dst->buffers, dst->nr_buffers + 1,
			       dst->alloc_buffers);
		dst->buffers[dst->nr_buffers++] = src->buffers[i];
	}
	src->nr_buffers = 0;
	for (i = 0; i < src->nr_side_arenas; i++)
		add_side_arena(dst, &src->side_arenas[i]);
	src->nr_side_arenas = 0;
	if (src->arena.head)
		add_side_arena(dst, &src->arena);
	src->arena = (struct prv_arena)PRV_ARENA_INIT;
}
