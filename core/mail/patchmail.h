/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_PATCHMAIL_H
#define PRV_PATCHMAIL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/mail/address.h"
#include "core/base/arena.h"
#include "core/mail/trailer.h"
#include "core/base/warn.h"

/*
 * What git mailinfo takes from a patch mail: in-body From:/Subject:/Date:
 * at the top of the body override the headers; a scissors line drops what
 * is above it; the message ends at "---" (alone or followed by white space),
 * "diff -", "Index: " or a "--- " filename line; the notes are what lies
 * between "---" and the diff; the diff runs to the end, less a trailing
 * "-- " signature.
 */

struct prv_patchmail {
	const char *title; /* as git mailinfo's Subject: line */
	struct prv_person author; /* as git mailinfo's Author/Email */
	bool author_in_body;
	const char *date; /* in-body Date: value, else NULL */
	const char *message; /* commit message without title (mailinfo's msg) */
	size_t message_len;
	const char *notes; /* between "---" and the diff; "" if none */
	size_t notes_len;
	const char *diff; /* from the first diff line; "" if none */
	size_t diff_len;
	struct prv_trailer *trailers; /* of the message's trailer block */
	size_t nr_trailers;
	size_t trailer_block; /* byte offset of the block in message */
	bool scissors; /* a scissors line was cut at */
};

/*
 * Parse a decoded body. `subject` is the decoded Subject header, `from` the
 * From header as prv_patchmail_author() reads it, for git's Author line
 * (either may be NULL). Strings live in `a` or point
 * into `body`, which must outlive the result. Never fails on odd mail.
 */
int prv_patchmail_parse(struct prv_patchmail *out, struct prv_arena *a,
			const char *subject, const struct prv_person *from,
			const char *body, size_t len, const char *message_id,
			struct prv_warnings *w);

/*
 * Options of prv_patchmail_parse_opts(). `scissors`: cut at a scissors line
 * as `git am --scissors` does; off by default like `git am` without
 * mailinfo.scissors.
 */
struct prv_patchmail_opts {
	bool scissors;
};
#define PRV_PATCHMAIL_OPTS_INIT   \
	{                         \
		.scissors = false \
	}

/* prv_patchmail_parse() with options. */
int prv_patchmail_parse_opts(struct prv_patchmail *out, struct prv_arena *a,
			     const char *subject, const struct prv_person *from,
			     const char *body, size_t len,
			     const char *message_id, struct prv_warnings *w,
			     const struct prv_patchmail_opts *opts);

/*
 * The author as git mailinfo prints it (Author:, Email:) from a decoded
 * From: value: quoted strings unquoted, the email is the word around the
 * '@' (in <> or not), the rest is the name; an empty name, one longer than
 * 60 bytes or one holding '@', '<' or '>' is replaced by the email. No
 * '@' at all: "Name <x>" gives x as the email, anything else "" and "".
 * Strings live in `a`. Returns 0.
 */
int prv_patchmail_author(struct prv_person *out, struct prv_arena *a,
			 const char *from, size_t len);

/*
 * git mailinfo's subject cleanup (without -k): strip leading "Re:" forms and
 * every leading [...] group, collapse white space. Allocated in `a`.
 */
char *prv_patchmail_clean_subject(struct prv_arena *a, const char *subject,
				  size_t len);

#endif
