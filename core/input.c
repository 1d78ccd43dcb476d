// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/mbox.h"
#include "core/series.h"
#include "core/util.h"

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
	prv_arena_release(&in->arena);
	prv_input_init(in);
}

int prv_input_add_buffer(struct prv_input *in, char *buf, size_t len,
			 const char *source)
{
	struct prv_mbox m = PRV_MBOX_INIT;
	const char *name;
	size_t i;
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
	PRV_ALLOC_GROW(in->mails, in->nr_mails + m.nr, in->alloc_mails);
	for (i = 0; i < m.nr; i++) {
		struct prv_mail *mail =
			prv_arena_alloc(&in->arena, sizeof(*mail));
		char *data = m.items[i].data, *end = data + m.items[i].len;
		char *limit = i + 1 < m.nr ? m.items[i + 1].data : buf + len;
		int merr;

		/*
		 * The byte after a message belongs to the From_ line of the
		 * next one (already split) or to what unquoting left over:
		 * made a NUL, it lets the mail point into the buffer instead
		 * of copying its body.
		 */
		if (end < limit) {
			*end = '\0';
			merr = prv_mail_parse_inplace(mail, &in->arena, data,
						      m.items[i].len, name,
						      &in->warnings);
		} else {
			merr = prv_mail_parse(mail, &in->arena, data,
					      m.items[i].len, name,
					      &in->warnings);
		}

		if (merr) {
			/* a size cap was hit: leave that one mail out */
			prv_warn(&in->warnings, name, NULL,
				 "message at line %zu skipped: %s",
				 m.items[i].line, prv_error_last());
			continue;
		}
		mail->source = name;
		mail->seq = in->nr_mails;
		if (!mail->raw) {
			mail->raw = m.items[i].data;
			mail->raw_len = m.items[i].len;
		}
		in->mails[in->nr_mails++] = mail;
	}
out:
	prv_mbox_release(&m);
	return err;
}
