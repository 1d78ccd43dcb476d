/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_MSG_H
#define PRV_MSG_H

#include <stdbool.h>
#include <stddef.h>

#include "core/base/arena.h"
#include "core/base/warn.h"
#include "core/mail/header.h"

/*
 * One RFC 5322 message: header fields and the text a patch reader sees.
 *
 * The body is what git mailinfo works on: MIME parts walked (text parts and
 * text/x-patch, text/x-diff, text/plain attachments kept in order; HTML and
 * signature parts dropped), transfer encodings undone (quoted-printable,
 * base64), charsets converted to UTF-8 (iconv; invalid bytes kept as
 * Latin-1), CRLF turned into LF, and format=flowed undone.
 */

enum prv_msg_flags {
	PRV_MSG_CRLF = PRV_HEADER_CRLF, /* lines ended in CRLF */
	PRV_MSG_FLOWED = 1 << 1, /* format=flowed was undone */
	PRV_MSG_MULTIPART = 1 << 2, /* body assembled from MIME parts */
	PRV_MSG_ATTACHED_PATCH = 1 << 3, /* the diff came from an attachment */
	PRV_MSG_HTML_ONLY = 1 << 4, /* no text part: body is empty */
	PRV_MSG_NUL = 1 << 5, /* NUL bytes were present */
	PRV_MSG_NO_HEADERS = 1 << 6, /* did not start with a header block */
	PRV_MSG_TOO_MANY_HEADERS = PRV_HEADER_TOO_MANY, /* fields dropped */
};

struct prv_msg {
	struct prv_header *headers;
	size_t nr_headers;
	char *body; /* UTF-8, LF line ends, NUL-terminated; may hold NULs */
	size_t body_len;
	unsigned flags;
};

/*
 * Parse `len` bytes (one message, already split from its mbox). Everything
 * lives in `a`. Never fails on malformed mail: oddities go to `w` as
 * warnings under `source`. Returns PRV_ENOMEM only when a size cap is hit:
 * the message is larger than PRV_BUF_MAX_DEFAULT, or it has more than
 * PRV_MSG_HEADERS_MAX header fields (the rest, Subject and Message-ID
 * maybe among them, would be lost; *out is still filled in).
 */
int prv_msg_parse(struct prv_msg *out, struct prv_arena *a, const char *data,
		  size_t len, const char *source, struct prv_warnings *w);

/*
 * prv_msg_parse() for mutable bytes that outlive the arena and are followed
 * by a NUL (data[len] == '\0'): a body that needs no decoding points into
 * `data` instead of being copied into `a`, and when the first Message-ID
 * field plainly holds an "<id>", header values are unfolded and
 * NUL-terminated in place, rewriting the header block of `data`.
 */
int prv_msg_parse_inplace(struct prv_msg *out, struct prv_arena *a, char *data,
			  size_t len, const char *source,
			  struct prv_warnings *w);

/*
 * The raw unfolded value of the first header `name` (case-insensitive), or
 * NULL. The pointer belongs to the message's arena.
 */
const char *prv_msg_get(const struct prv_msg *m, const char *name);

/*
 * The value of the first header `name` with RFC 2047 words decoded and
 * raw 8-bit bytes turned into UTF-8 (kept if valid UTF-8, else read as
 * Latin-1); NULL if absent. Allocated in `a`.
 */
char *prv_msg_get_decoded(const struct prv_msg *m, struct prv_arena *a,
			  const char *name);

/*
 * Decode RFC 2047 encoded words (B and Q, any charset iconv knows; adjacent
 * encoded words separated by white space are joined) in `len` bytes, and
 * make the result valid UTF-8. Allocated in `a`.
 */
char *prv_rfc2047_decode(struct prv_arena *a, const char *s, size_t len);

/*
 * Make `len` bytes valid UTF-8: kept as they are when valid, else each
 * invalid byte is read as Latin-1. Allocated in `a`; *out_len may be NULL.
 */
char *prv_utf8_sanitize(struct prv_arena *a, const char *s, size_t len,
			size_t *out_len);

/*
 * Parse an RFC 2822 date ("Tue, 2 Jan 2024 10:11:12 +0100", and the usual
 * deviations). On success *epoch is UTC seconds and *tz_minutes the offset.
 */
int prv_date_parse(long long *epoch, int *tz_minutes, const char *s,
		   size_t len);

#endif
