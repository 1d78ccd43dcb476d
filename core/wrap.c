// SPDX-License-Identifier: GPL-2.0-or-later
/* Display columns and word wrapping for the text reports. */
#include <stdbool.h>
#include <string.h>

#include "core/wrap.h"

static bool is_lead(unsigned char c)
{
	return (c & 0xc0) != 0x80;
}

size_t prv_columns(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		n += is_lead((unsigned char)s[i]);
	return n;
}

/*
 * Bytes of s[0..len) for a line of `room` columns: all of it when it fits
 * (unless `open_end`: the text goes on beyond `len`), else the longest part
 * that ends before a space and fits, or 0 when not even the first word
 * does.
 */
static size_t line_len(const char *s, size_t len, size_t room, bool open_end)
{
	size_t i = 0, cols = 0, cut = 0;

	while (i < len) {
		if (s[i] == ' ')
			cut = i;
		if (is_lead((unsigned char)s[i])) {
			if (cols == room)
				break;
			cols++;
		}
		i++;
	}
	return i == len && !open_end ? len : cut;
}

static void add_line(struct prv_buf *out, const char *s, size_t len,
		     const struct prv_wrap_opts *o)
{
	size_t i;

	if (o->mode == PRV_WRAP_PROSE) {
		prv_buf_add(out, s, len);
		return;
	}
	for (i = 0; i < len; i++) {
		unsigned char c = s[i];

		prv_buf_addch(out, c < 0x20 || c == 0x7f ? ' ' : c);
	}
}

static void new_line(struct prv_buf *out, size_t *col,
		     const struct prv_wrap_opts *o)
{
	prv_buf_addf(out, "\n%*s", (int)o->indent, "");
	*col = o->indent;
}

/* What of s[0..len) fits in `room` - 3 columns, then "...". */
static void add_cut(struct prv_buf *out, const char *s, size_t len, size_t room,
		    const struct prv_wrap_opts *o)
{
	size_t i, cols = 0, keep = room > 3 ? room - 3 : 0;

	for (i = 0; i < len; i++)
		if (is_lead((unsigned char)s[i]) && cols++ == keep)
			break;
	add_line(out, s, i, o);
	prv_buf_add(out, "...", room >= 3 ? 3 : room);
}

/* One paragraph of single spaces between words, or a whole field. */
static void wrap_text(struct prv_buf *out, const char *s, size_t len,
		      size_t *col, bool open_end, const struct prv_wrap_opts *o)
{
	while (len) {
		size_t room = o->width > *col ? o->width - *col : 0;
		size_t n = line_len(s, len, room, open_end);

		if (n == len) {
			add_line(out, s, len, o);
			return;
		}
		if (o->mode == PRV_WRAP_FIELD && (!n || n > o->width * 4)) {
			/* a word longer than the line, or the shown end */
			add_cut(out, s, len, room, o);
			return;
		}
		if (!n) /* a word longer than a line stands alone */
			for (n = 0; n < len && s[n] != ' '; n++)
				;
		add_line(out, s, n, o);
		if (n == len)
			return;
		new_line(out, col, o);
		s += n + 1;
		len -= n + 1;
	}
}

void prv_wrap(struct prv_buf *out, const char *s, size_t len, size_t col,
	      const struct prv_wrap_opts *o)
{
	struct prv_buf para = PRV_BUF_INIT;
	const char *end = s + len;

	if (o->mode == PRV_WRAP_FIELD) {
		bool open_end = o->max && len > o->max;

		wrap_text(out, s, open_end ? o->max : len, &col, open_end, o);
		return;
	}
	/* Prose: each line of the text, its words one space apart. */
	for (;;) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *stop = nl ? nl : end;

		prv_buf_reset(&para);
		while (s < stop) {
			size_t n;

			while (s < stop && *s == ' ')
				s++;
			for (n = 0; s + n < stop && s[n] != ' '; n++)
				;
			if (!n)
				break;
			if (para.len)
				prv_buf_addch(&para, ' ');
			prv_buf_add(&para, s, n);
			s += n;
		}
		wrap_text(out, para.data, para.len, &col, false, o);
		if (!nl)
			break;
		new_line(out, &col, o);
		s = nl + 1;
	}
	prv_buf_release(&para);
}
