/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_HEADER_H
#define PRV_HEADER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/base/arena.h"
#include "core/base/warn.h"

/*
 * The header block of a message or of one MIME part, read the way git
 * mailinfo reads it: fields unfolded (each line's trailing white space
 * dropped, a continuation's first blank turned into a space), an mbox
 * "From " line left among them skipped, and the block ended by a blank
 * line or by the first line that is not a field. Below both msg.c and
 * mime.c: nothing here calls back into them.
 */

/* Most header fields one message or MIME part may carry. */
#define PRV_MSG_HEADERS_MAX 4096

/* Set in *flags by the parsers below; PRV_MSG_CRLF is the same bit. */
#define PRV_HEADER_CRLF 1u
/*
 * More than PRV_MSG_HEADERS_MAX fields: the rest were not kept (an error
 * for a message, core/mail/msg.c; a warning for a MIME part).
 */
#define PRV_HEADER_TOO_MANY (1u << 7)

struct prv_header {
	const char *name; /* as written, not NUL-terminated; see name_len */
	size_t name_len;
	const char *value; /* unfolded raw value, NUL-terminated, in the arena
			    * (or in the input: prv_header_parse_inplace) */
	size_t value_len;
};

/*
 * Parse the header block at the start of `data` into an arena array.
 * Returns the offset of the body (after the blank line, or at the first
 * line that is not a header field, the way git mailinfo stops). `flags`
 * gains PRV_HEADER_CRLF when lines end in CRLF. Warnings carry
 * `message_id`, or the Message-ID among the fields read so far when it is
 * NULL.
 */
size_t prv_header_parse(struct prv_header **out, size_t *nr,
			struct prv_arena *a, const char *data, size_t len,
			unsigned *flags, const char *source,
			const char *message_id, struct prv_warnings *w);

/*
 * prv_header_parse() of a whole message whose bytes may be rewritten:
 * when its first Message-ID field plainly holds an "<id>" (so nothing
 * needs the original bytes to make up an id from their hash), values are
 * unfolded and NUL-terminated where they stand instead of being copied.
 */
size_t prv_header_parse_inplace(struct prv_header **out, size_t *nr,
				struct prv_arena *a, char *data, size_t len,
				unsigned *flags, const char *source,
				struct prv_warnings *w);

/* First header `name` (any case) in an array, or NULL. */
const struct prv_header *prv_header_find(const struct prv_header *h, size_t nr,
					 const char *name);

/*
 * The Message-ID of a header array as prv_msgid_parse() reads it
 * (arena), or NULL: warnings name the message by it.
 */
const char *prv_header_message_id(struct prv_arena *a,
				  const struct prv_header *h, size_t nr);

#endif
