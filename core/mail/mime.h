/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_MIME_H
#define PRV_MIME_H

#include <stddef.h>

#include "core/base/arena.h"
#include "core/mail/msg.h"
#include "core/base/warn.h"

/*
 * MIME internals of the mail reader, shared by msg.c and mime.c.
 */

/* Most header fields one message or MIME part may carry. */
#define PRV_MSG_HEADERS_MAX 4096
/* Deepest nesting of multipart containers that is walked. */
#define PRV_MIME_DEPTH_MAX 16

/*
 * Parse the header block at the start of `data` into an arena array.
 * Returns the offset of the body (after the blank line, or at the first
 * line that is not a header field, the way git mailinfo stops). `flags`
 * gains PRV_MSG_CRLF when lines end in CRLF. Warnings carry `message_id`,
 * or the Message-ID among the fields read so far when it is NULL.
 */
size_t prv_mime_parse_headers(struct prv_header **out, size_t *nr,
			      struct prv_arena *a, const char *data, size_t len,
			      unsigned *flags, const char *source,
			      const char *message_id, struct prv_warnings *w);

/*
 * The Message-ID of a header array without its angle brackets (arena), or
 * NULL: warnings name the message by it.
 */
const char *prv_mime_message_id(struct prv_arena *a, const struct prv_header *h,
				size_t nr);

/* First header `name` in an array, or NULL. */
const struct prv_header *prv_mime_find(const struct prv_header *h, size_t nr,
				       const char *name);

/*
 * The value of parameter `param` ("charset", "boundary", ...) in a
 * Content-Type or Content-Disposition value, unquoted; *len set. NULL when
 * absent. Points into `value` unless it had to be unescaped (then arena).
 */
const char *prv_mime_param(struct prv_arena *a, const char *value,
			   size_t value_len, const char *param, size_t *len);

/*
 * The value of one base64 character (the standard alphabet), or -1:
 * shared by bodies and RFC 2047 words (hex digits: prv_hexval()).
 */
int prv_mime_b64val(int c);

/*
 * Fill out->body, out->body_len and body flags from the body bytes of a
 * message whose headers are already in `out`.
 */
int prv_mime_body(struct prv_msg *out, struct prv_arena *a, const char *body,
		  size_t len, const char *source, const char *message_id,
		  struct prv_warnings *w);
/*
 * The same, for a caller that guarantees body[len] is a NUL living as long
 * as the arena: a body that needs no decoding then points at `body` itself
 * instead of being copied.
 */
int prv_mime_body_inplace(struct prv_msg *out, struct prv_arena *a,
			  const char *body, size_t len, const char *source,
			  const char *message_id, struct prv_warnings *w);

#endif
