/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_MIME_H
#define PRV_MIME_H

#include <stddef.h>

#include "core/base/arena.h"
#include "core/mail/msg.h"
#include "core/base/warn.h"

/*
 * MIME internals of the mail reader: msg.c calls them, and they read
 * header blocks with core/mail/header.h, never calling back into msg.c.
 */

/* Deepest nesting of multipart containers that is walked. */
#define PRV_MIME_DEPTH_MAX 16

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
