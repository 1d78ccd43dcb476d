/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_REPLY_H
#define PRV_REPLY_H

#include <stdbool.h>
#include <stddef.h>

#include "core/mail/address.h"
#include "core/base/arena.h"
#include "core/base/buf.h"
#include "core/mail/mail.h"
#include "core/report/report.h"

/*
 * Review replies: the findings of a report written as reply mails, the way
 * b4 and reviewers write them. One mail per patch with findings (and one to
 * the cover letter, or the first patch when there is none, for series-level
 * findings and the checklist's open questions): In-Reply-To the patch,
 * References its references plus its Message-ID, "Re: " its subject, To
 * its sender (or Reply-To), Cc its To and Cc less duplicates and the
 * sender (see prv_reply_recipients()); an attribution line, then only the
 * commented hunks quoted with
 * "> " (a note under the changed lines it is about, a few lines of
 * context above them, "> [...]" for what was cut) and the notes unquoted
 * below them, one paragraph each, in plain words: the finding ids go in
 * an X-Prereview-Ids: header, and a note that reads the same in several
 * places is written once, naming the others. The reviewer's signature
 * ends every reply.
 */

#define PRV_REPLY_CONTEXT_DEFAULT 3

struct prv_reply_opts {
	struct prv_person from; /* the reviewer */
	long long now; /* Date: (UTC seconds) */
	int tz_minutes; /* Date: offset */
	/*
	 * Every note, informational ones included, and a reply to every
	 * patch, also those without notes. Else only what the author should
	 * act on: fail and warn findings and the open questions.
	 */
	bool all;
	int context; /* lines quoted above a commented line */
	const char *signature; /* the last paragraph; NULL or "": none */
};

/* One reply mail, as prv_reply_each() hands it over. */
struct prv_reply_mail {
	const char *text; /* the message: header, blank line, body */
	size_t len;
	const struct prv_mail *orig; /* the mail it answers */
	size_t serial; /* 0, 1, ... in the order written */
	size_t nr_cc; /* 0: to the sender (or Reply-To) alone */
};

/* Takes one reply; a non-zero return stops prv_reply_each() with it. */
typedef int (*prv_reply_fn)(const struct prv_reply_mail *rm, void *payload);

/*
 * Write the replies for the last version of every series of `r`, handing
 * each to `cb` (its text is valid during the call only). *nr_out (may be
 * NULL) receives the number of replies written. Returns 0, PRV_ENOMEM at
 * a buffer's cap, or what `cb` returned.
 */
int prv_reply_each(const struct prv_report *r,
		   const struct prv_reply_opts *opts, prv_reply_fn cb,
		   void *payload, size_t *nr_out);

/* Longest title part of a reply's file name. */
#define PRV_REPLY_SLUG_MAX 52

/*
 * The file name of reply `serial` to `orig` in a directory of replies:
 * "0001-re-<title>.eml", the title cut as git format-patch cuts it (ASCII
 * letters, digits, '_' and '.', other runs a '-'), so that the files sort
 * in the order written and carry no path separator. In `a`.
 */
char *prv_reply_file_name(struct prv_arena *a, size_t serial,
			  const struct prv_mail *orig);

/*
 * Append one mbox (mboxrd) holding the replies for the last version of
 * every series of `r` to `out`. *nr_out (may be NULL) receives the number
 * of replies written. Returns 0 or PRV_ENOMEM at the buffer's cap.
 */
int prv_reply_build(struct prv_buf *out, const struct prv_report *r,
		    const struct prv_reply_opts *opts, size_t *nr_out);

/* Building blocks, exposed for the tests. */

/* "Re: <subject>", not doubling an existing "Re:" (any case). In `a`. */
char *prv_reply_subject(struct prv_arena *a, const char *subject);

/*
 * The recipients of a reply to `m` from `self` (may be NULL), taken only
 * from the address fields of `m`: *to gets the Reply-To addresses, else
 * the sender; *cc the original To and Cc without duplicates (by email,
 * ASCII case-insensitive), without anyone already in *to and without
 * `self`. Never a display name, never the in-body author. Arena arrays.
 */
void prv_reply_recipients(struct prv_person **to, size_t *nr_to,
			  struct prv_person **cc, size_t *nr_cc,
			  struct prv_arena *a, const struct prv_mail *m,
			  const struct prv_person *self);

/*
 * A note under the quoted lines of hunk `h`: `lines` holds `n` new-side
 * line numbers (ascending or not) and `notes[i]` the text to put under
 * line lines[i] (already formatted, ending in a newline). Quotes the hunk
 * header, `context` lines above each commented line and the line itself,
 * "> [...]" for every gap, and a final "> [...]" when the hunk goes on
 * after the last comment. Lines outside the hunk are placed under its last
 * line.
 */
int prv_reply_quote_hunk(struct prv_buf *out, const struct prv_hunk *h,
			 const long *lines, const char *const *notes, size_t n,
			 int context);

/* Append `len` bytes of a message to an mboxrd: a "From " separator line,
 * then the message with ">*From " lines quoted by one more '>', and a blank
 * line after it. */
int prv_reply_mboxrd_append(struct prv_buf *out, const char *msg, size_t len);

/* A person as a header address: quoted or RFC 2047 encoded as needed. */
int prv_reply_format_address(struct prv_buf *out, const struct prv_person *p);

/* Word-wrap `text` at `width` columns into out (paragraphs kept). */
int prv_reply_wrap(struct prv_buf *out, const char *text, int width);

#endif
