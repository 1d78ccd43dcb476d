// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * One mail read end to end: headers, subject tokens, the patch as git am
 * would take it, the diff, its patch-id and the b4 footer lines.
 */
#include <string.h>

#include "core/base/error.h"
#include "core/mail/b4lines.h"
#include "core/mail/mail.h"
#include "core/mail/msgid.h"
#include "core/mail/patchid.h"
#include "core/base/sha1.h"
#include "core/base/util.h"

#define PRV_REFERENCES_MAX 1000

static void parse_ids(struct prv_mail *m, struct prv_arena *a)
{
	const char *v = prv_msg_get(&m->msg, "Message-ID");
	const char *rest, *end;
	size_t alloc = 0;

	m->message_id = v ? prv_msgid_parse(a, v, strlen(v), NULL) : NULL;
	if (!m->message_id) {
		struct prv_sha1 c;
		unsigned char h[20];
		char hex[41];

		prv_sha1_init(&c);
		prv_sha1_update(&c, m->raw, m->raw_len);
		prv_sha1_final(h, &c);
		prv_hex(hex, h, 20);
		m->message_id =
			prv_arena_printf(a, "prv-missing-%.20s@prereview", hex);
		m->message_id_missing = true;
	}

	v = prv_msg_get(&m->msg, "In-Reply-To");
	if (v && strchr(v, '<'))
		m->in_reply_to = prv_msgid_parse(a, v, strlen(v), NULL);

	v = prv_msg_get(&m->msg, "References");
	end = v ? v + strlen(v) : NULL;
	while (v && *v && m->nr_references < PRV_REFERENCES_MAX) {
		const char *id;

		if (!strchr(v, '<'))
			break;
		id = prv_msgid_parse(a, v, (size_t)(end - v), &rest);
		if (!id)
			break;
		PRV_ARENA_GROW(a, m->references, m->nr_references + 1, alloc);
		m->references[m->nr_references++] = id;
		v = rest;
	}
}

/*
 * The people of the header, read from the raw fields: RFC 2047 words are
 * decoded in display names only, so an encoded name can neither stand in
 * for an address nor add one.
 */
static void parse_people(struct prv_mail *m, struct prv_arena *a)
{
	const char *v;

	m->from.name = m->from.email = "";
	v = prv_msg_get(&m->msg, "From");
	if (v)
		prv_address_parse(&m->from, a, v, strlen(v));
	v = prv_msg_get(&m->msg, "To");
	if (v)
		prv_address_list_parse(&m->to, &m->nr_to, a, v, strlen(v));
	v = prv_msg_get(&m->msg, "Cc");
	if (v)
		prv_address_list_parse(&m->cc, &m->nr_cc, a, v, strlen(v));
}

/*
 * b4's footer and the links to earlier versions: in the message and the
 * notes, and after the last hunk, where git format-patch --base writes
 * its base-commit: without a cover letter.
 */
static void parse_b4lines(struct prv_mail *m, struct prv_arena *a)
{
	struct prv_b4lines b4 = { .change_id = NULL };

	prv_b4lines_read(&b4, a, m->pm.message, m->pm.message_len);
	prv_b4lines_read(&b4, a, m->pm.notes, m->pm.notes_len);
	if (m->diff.nr_files) {
		const struct prv_file *f = &m->diff.files[m->diff.nr_files - 1];
		const char *tail = f->text + f->text_len;

		if (f->nr_hunks) {
			const struct prv_hunk *h = &f->hunks[f->nr_hunks - 1];

			tail = h->body + h->body_len;
		}
		if (tail >= m->pm.diff && tail < m->pm.diff + m->pm.diff_len)
			prv_b4lines_read(
				&b4, a, tail,
				(size_t)(m->pm.diff + m->pm.diff_len - tail));
	}
	m->change_id = b4.change_id;
	m->base_commit = b4.base_commit;
	m->prerequisites = b4.prerequisites;
	m->nr_prerequisites = b4.nr_prerequisites;
	m->links = b4.links;
	m->nr_links = b4.nr_links;
}

static int mail_parse(struct prv_mail *out, struct prv_arena *a, char *data,
		      size_t len, const char *source, struct prv_warnings *w,
		      bool inplace, bool format_patch)
{
	struct prv_person author;
	const char *v;
	int ret;

	memset(out, 0, sizeof(*out));
	out->source = source;
	out->raw = data;
	out->raw_len = len;
	ret = inplace ? prv_msg_parse_inplace(&out->msg, a, data, len, source,
					      w) :
			prv_msg_parse(&out->msg, a, data, len, source, w);
	if (ret < 0)
		return ret;

	parse_ids(out, a);
	if (out->message_id_missing && !format_patch)
		prv_warn(w, source, out->message_id,
			 "message without a Message-ID; using '%s'",
			 out->message_id);

	v = prv_msg_get(&out->msg, "Date");
	if (v && !prv_date_parse(&out->date, &out->tz_minutes, v, strlen(v)))
		out->has_date = true;
	else if (v)
		prv_warn(w, source, out->message_id,
			 "could not parse the date '%.60s'", v);

	parse_people(out, a);
	out->list_id = prv_msg_get(&out->msg, "List-Id");
	v = prv_msg_get_decoded(&out->msg, a, "Subject");
	out->subject = v ? v : "";
	prv_subject_parse(&out->subj, a, out->subject, strlen(out->subject));

	v = prv_msg_get_decoded(&out->msg, a, "From");
	prv_patchmail_author(&author, a, v ? v : "", v ? strlen(v) : 0);
	prv_patchmail_parse(&out->pm, a, out->subject, &author, out->msg.body,
			    out->msg.body_len, out->message_id, w);
	prv_diff_parse(&out->diff, a, out->pm.diff, out->pm.diff_len,
		       out->message_id, w);
	/*
	 * The id is taken on the diff up to the end of the body, signature
	 * included, as git patch-id reads mailinfo's patch: its own state
	 * machine stops at the signature, and a whitespace-damaged hunk that
	 * runs into the signature is hashed the same way as by git.
	 */
	if (!out->pm.diff_len ||
	    prv_patchid_stable(
		    out->patch_id, out->pm.diff,
		    (size_t)(out->msg.body + out->msg.body_len - out->pm.diff)))
		out->patch_id[0] = '\0';

	parse_b4lines(out, a);
	return 0;
}

int prv_mail_parse(struct prv_mail *out, struct prv_arena *a, const char *data,
		   size_t len, const char *source, struct prv_warnings *w)
{
	return mail_parse(out, a, (char *)data, len, source, w, false, false);
}

int prv_mail_parse_inplace(struct prv_mail *out, struct prv_arena *a,
			   char *data, size_t len, const char *source,
			   struct prv_warnings *w)
{
	return mail_parse(out, a, data, len, source, w, true, false);
}

int prv_mail_parse_entry(struct prv_mail *out, struct prv_arena *a,
			 const struct prv_mbox_entry *e, bool inplace,
			 const char *source, struct prv_warnings *w)
{
	int err = mail_parse(out, a, e->data, e->len, source, w, inplace,
			     e->format_patch);

	out->b4am = e->b4am;
	return err;
}

bool prv_mail_has_patch(const struct prv_mail *m)
{
	return m->diff.nr_files > 0;
}

const char *prv_mail_title(const struct prv_mail *m)
{
	if (m->pm.title && *m->pm.title)
		return m->pm.title;
	return m->subj.title ? m->subj.title : "";
}

const struct prv_person *prv_mail_author(const struct prv_mail *m)
{
	if (m->pm.author.email && *m->pm.author.email)
		return &m->pm.author;
	return &m->from;
}
