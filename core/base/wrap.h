/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_WRAP_H
#define PRV_WRAP_H

#include <stddef.h>

#include "core/base/buf.h"

/*
 * Text for the terminal: display columns and word wrapping, as the text
 * reports of prereview show and prereview check lay out long lines.
 */

/*
 * Display columns of UTF-8 text as a terminal shows it (wcwidth), the same
 * under any locale: two for East Asian Wide and Fullwidth characters (CJK,
 * fullwidth forms, emoji with emoji presentation), none for combining
 * marks, zero width joiners and the like, and variation selectors, one for
 * any other code point; control characters and bytes that are not
 * well-formed UTF-8 count one column per byte. The tables follow Unicode
 * 14.0.0 (core/base/wrap.c).
 */
size_t prv_columns(const char *s, size_t len);

/*
 * Bytes of the first character of s[0..len) together with the zero-width
 * code points (combining marks) after it, at least 1 when len > 0; its
 * columns in *cols. Text is cut only between such units.
 */
size_t prv_glyph(const char *s, size_t len, size_t *cols);

/*
 * Bytes of the longest start of s[0..len) that fits in `room` columns,
 * never cut inside a character or before its combining marks; its columns
 * in *cols unless cols is NULL.
 */
size_t prv_columns_cut(const char *s, size_t len, size_t room, size_t *cols);

enum prv_wrap_mode {
	/*
	 * Prose (the check report): runs of spaces count as one, "\n" starts
	 * a new line, a word longer than a line stands alone on one.
	 */
	PRV_WRAP_PROSE,
	/*
	 * A field shown as it is (prereview show): spaces are kept, and a
	 * word longer than its line ends the text, cut with "...".
	 */
	PRV_WRAP_FIELD,
	/*
	 * The lines of a mail (reply notes): each line is wrapped on its
	 * own and ends with "\n", keeps its leading indentation and the
	 * spaces between its words; a line breaks at spaces only (where a
	 * run of them starts, the run left out), and a word longer than a
	 * line stands alone on one.
	 */
	PRV_WRAP_LINES,
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
 * on from column `col`. No newline is added after the last line (but for
 * PRV_WRAP_LINES). CJK text, written without spaces, also breaks between
 * two characters next to a wide one, but not before closing punctuation
 * nor after an opening bracket (not in PRV_WRAP_LINES); a line is never
 * cut inside a character or before its marks. The text is made safe to
 * print (safetext.h); PRV_WRAP_FIELD shows tabs as spaces.
 */
void prv_wrap(struct prv_buf *out, const char *s, size_t len, size_t col,
	      const struct prv_wrap_opts *o);

#endif
