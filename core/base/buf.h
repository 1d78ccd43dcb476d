/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_BUF_H
#define PRV_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

/*
 * A growable byte buffer with git strbuf's invariants: `data` is never NULL
 * (it points at a static empty string until the first growth), the contents
 * are always NUL-terminated, and any byte, NUL included, may be stored.
 *
 * Every buffer has a hard maximum size (`max`, PRV_BUF_MAX_DEFAULT unless
 * set). Appending past it fails with PRV_ENOMEM and leaves the buffer as it
 * was, so data derived from untrusted mail can never grow without bound.
 */

#define PRV_BUF_MAX_DEFAULT ((size_t)256 << 20) /* 256 MiB */

struct prv_buf {
	char *data;
	size_t len;
	size_t alloc;
	size_t max;
};

extern char prv_buf_empty[];
#define PRV_BUF_INIT                                         \
	{                                                    \
		.data = prv_buf_empty, .len = 0, .alloc = 0, \
		.max = PRV_BUF_MAX_DEFAULT                   \
	}

/* Set up an empty buffer; allocates nothing. */
void prv_buf_init(struct prv_buf *b);
/* Free the contents; the buffer is left unusable until prv_buf_init(). */
void prv_buf_release(struct prv_buf *b);
/* Empty the buffer, keeping its allocation. */
void prv_buf_reset(struct prv_buf *b);
/* Make room for `extra` more bytes; PRV_ENOMEM past the cap. */
int prv_buf_grow(struct prv_buf *b, size_t extra);
int prv_buf_add(struct prv_buf *b, const void *data, size_t len);
int prv_buf_addstr(struct prv_buf *b, const char *s);
int prv_buf_addch(struct prv_buf *b, int c);
int prv_buf_addf(struct prv_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int prv_buf_vaddf(struct prv_buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Shorten to `len` bytes (len <= b->len). */
void prv_buf_setlen(struct prv_buf *b, size_t len);
/* Remove trailing white space (space, tab, CR, LF). */
void prv_buf_rtrim(struct prv_buf *b);
/*
 * Hand the contents to the caller (free() them); the buffer is re-initialised.
 * `len_out` may be NULL.
 */
char *prv_buf_detach(struct prv_buf *b, size_t *len_out);

/*
 * The default cap on one input (a file, stdin, a .gz or a lore answer
 * inflated): what prereview.maxInputSize and --max-input-size change.
 */
#define PRV_INPUT_MAX_DEFAULT ((size_t)1 << 30) /* 1 GiB */

/*
 * Read a whole file (or stdin for "-") into b, at most `max` bytes: a FIFO
 * that never ends stops there. A device (/dev/zero) or a directory is
 * refused before a byte is read (stdin may be a terminal or /dev/null).
 * PRV_EIO with a message naming the file on failure; PRV_ENOMEM when larger.
 */
int prv_buf_read_file(struct prv_buf *b, const char *path, size_t max);

/*
 * Write `len` bytes to `path` atomically: a temporary file in the same
 * directory, then rename(). "-" writes to stdout. Nothing is left behind on
 * failure.
 */
int prv_write_file_atomic(const char *path, const void *data, size_t len);

#endif
