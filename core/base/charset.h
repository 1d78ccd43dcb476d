/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_CHARSET_H
#define PRV_CHARSET_H

#include <stdbool.h>
#include <stddef.h>

#include "core/base/buf.h"

/*
 * Character sets of mail text (internal to the mail reader). Conversions go
 * through iconv with one descriptor cached per charset name.
 */

/*
 * Close this thread's cached descriptors. A thread that read mail calls it
 * before it ends; the cache fills again on the next conversion.
 */
void prv_charset_cache_clear(void);

/* True for names that mean UTF-8 or a subset of it (us-ascii). */
bool prv_charset_is_utf8(const char *name, size_t len);

/*
 * Append `len` bytes in charset `name` to `out` as UTF-8. Returns 0, -1
 * when iconv does not know the charset or the bytes are not valid in it
 * (nothing appended then), or PRV_ENOMEM when `out` hits its cap.
 */
int prv_charset_to_utf8(struct prv_buf *out, const char *name, size_t name_len,
			const char *s, size_t len);

/*
 * Append `len` bytes to `out` as valid UTF-8: valid sequences are kept, any
 * other byte is read as Latin-1. Returns 0 or PRV_ENOMEM.
 */
int prv_utf8_append_sanitized(struct prv_buf *out, const char *s, size_t len);

/*
 * Bytes of the well-formed UTF-8 sequence that s[0..len) starts with (1 for
 * ASCII, NUL included), or 0 when it starts with none: an overlong form, a
 * surrogate, a value past U+10FFFF, a stray or cut sequence, or len == 0.
 */
size_t prv_utf8_seq_len(const char *s, size_t len);

/* Length of the valid UTF-8 prefix of s (len when all of it is valid). */
size_t prv_utf8_valid_prefix(const char *s, size_t len);

/*
 * Length of the prefix of s that is valid UTF-8 holding neither NUL nor CR
 * (len when all of it is): text that needs no change at all.
 */
size_t prv_utf8_clean_prefix(const char *s, size_t len);

#endif
