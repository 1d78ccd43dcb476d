/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_MAIL_H
#define PRV_MAIL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/mail/address.h"
#include "core/base/arena.h"
#include "core/mail/b4lines.h"
#include "core/mail/diff.h"
#include "core/mail/mbox.h"
#include "core/mail/msg.h"
#include "core/mail/patchmail.h"
#include "core/mail/subject.h"
#include "core/base/warn.h"

/*
 * One mail fully read: headers, subject tokens, the patch parts as git
 * mailinfo sees them, the parsed diff and its stable patch-id, and the b4
 * footer lines of a cover letter. Everything lives in the arena given to
 * prv_mail_parse(); `raw` points into the caller's input buffer.
 */

struct prv_mail {
	const char *source; /* input name the mail came from */
	size_t seq; /* order of arrival over all inputs */
	const char *raw; /* the message bytes (after mbox unquoting) */
	size_t raw_len;

	struct prv_msg msg;
	const char *message_id; /* without <>; synthesised if missing */
	bool message_id_missing;
	const char *in_reply_to; /* without <>, or NULL */
	const char **references; /* without <>, oldest first */
	size_t nr_references;
	long long date; /* UTC seconds; 0 when unknown */
	int tz_minutes;
	bool has_date;
	struct prv_person from;
	struct prv_person *to, *cc;
	size_t nr_to, nr_cc;
	const char *list_id; /* List-Id value or NULL */
	const char *subject; /* decoded Subject header, "" if none */
	struct prv_subject subj;

	struct prv_patchmail pm; /* title, author, message, notes, diff */
	struct prv_diff diff;
	char patch_id[41]; /* "" when the mail has no diff */

	/*
	 * b4 footer lines (cover letters mostly), NULL when absent, and the
	 * links to earlier versions of the series: core/mail/b4lines.h
	 */
	const char *change_id;
	const char *base_commit;
	const char **prerequisites; /* "prerequisite-*: value" lines, whole */
	size_t nr_prerequisites;
	const struct prv_b4_link *links;
	size_t nr_links;

	/*
	 * Written by `b4 am` (its .mbx From_ line, or its .cover): From: is
	 * the author, not the sender, and the tree tag, the recipients and
	 * the threading are gone. Set by the mbox split, or by
	 * core/series/b4am.c for a .cover, which also fills in the rest.
	 */
	bool b4am;
	const char *b4am_posting; /* the .mbx/.cover pair, or NULL */
	int b4am_version; /* the vN of b4's file name, 0 when none */
};

/*
 * Parse one message. Never fails on malformed mail (see warnings); returns
 * PRV_ENOMEM only when a size cap is hit.
 */
int prv_mail_parse(struct prv_mail *out, struct prv_arena *a, const char *data,
		   size_t len, const char *source, struct prv_warnings *w);

/*
 * prv_mail_parse() for mutable bytes that outlive the arena and are
 * followed by a NUL (data[len] == '\0'): see prv_msg_parse_inplace(). The
 * header block of `raw` may then hold the unfolded, NUL-terminated values;
 * a mail whose Message-ID is made up from the hash of `raw` always has it
 * intact.
 */
int prv_mail_parse_inplace(struct prv_mail *out, struct prv_arena *a,
			   char *data, size_t len, const char *source,
			   struct prv_warnings *w);

/*
 * Parse one entry of an mbox split: prv_mail_parse_inplace() when
 * `inplace`, else prv_mail_parse(). A missing Message-ID is expected, not
 * warned about, in a mail from git format-patch (e->format_patch): it gets
 * one only when it is sent.
 */
int prv_mail_parse_entry(struct prv_mail *out, struct prv_arena *a,
			 const struct prv_mbox_entry *e, bool inplace,
			 const char *source, struct prv_warnings *w);

/* True if the mail carries a diff. */
bool prv_mail_has_patch(const struct prv_mail *m);

/* The title as git mailinfo has it, else the Subject's title, else "". */
const char *prv_mail_title(const struct prv_mail *m);

/* The author: the in-body From when it has an address, else From. */
const struct prv_person *prv_mail_author(const struct prv_mail *m);

#endif
