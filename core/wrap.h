/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_WRAP_H
#define PRV_WRAP_H

#include <stddef.h>

#include "core/buf.h"

/*
 * Text for the terminal: display columns and word wrapping, as the text
 * reports of prereview show and prereview check lay out long lines.
 */

/* Display columns of UTF-8 text: one per code point. */
size_t prv_columns(const char *s, size_t len);

enum prv_wrap_mode {
	/*
	 * Prose (the check report): runs of spaces count as one, "\n" starts
	 * a new line, a word longer than a line stands alone on one.
	 */
	PRV_WRAP_PROSE,
	/*
	 * A field shown as it is (prereview show): spaces are kept, control
	 * characters are shown as spaces, and a word longer than its line
	 * ends the text, cut with "...".
	 */
	PRV_WRAP_FIELD,
};

struct prv_wrap_opts {
	enum prv_wrap_mode mode;
	size_t width; /* columns of a line */
	size_t indent; /* spaces that start every line after the first */
	/*
	 * PRV_WRAP_FIELD: at most this many bytes of the text are shown, and
	 * a text cut there ends with "..."; 0 for no limit.
	 */
	size_t max;
};

/*
 * Append s[0..len) word-wrapped at spaces, greedily; the first line goes
 * on from column `col`. No newline is added after the last line.
 */
void prv_wrap(struct prv_buf *out, const char *s, size_t len, size_t col,
	      const struct prv_wrap_opts *o);

#endif
