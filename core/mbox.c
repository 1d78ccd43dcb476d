// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/mbox.h"
#include "core/util.h"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * git mailsplit's test: "From " then, at the last ':' of the line, a time
 * hh:mm:ss followed by a year greater than 90.
 */
bool prv_mbox_is_from_line(const char *line, size_t len)
{
	const char *colon, *p, *end;
	long year = 0;
	size_t digits = 0;

	while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		len--;
	if (len < 19 || memcmp(line, "From ", 5))
		return false;
	colon = NULL;
	for (p = line + len - 1; p >= line + 5; p--) {
		if (*p == ':') {
			colon = p;
			break;
		}
	}
	if (!colon || line + len - colon < 3)
		return false;
	if (!is_digit(colon[-4]) || !is_digit(colon[-2]) ||
	    !is_digit(colon[-1]) || !is_digit(colon[1]) || !is_digit(colon[2]))
		return false;
	/* the year: like strtol(), white space then an optional sign */
	end = line + len;
	p = colon + 3;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p < end && *p == '+')
		p++;
	while (p < end && is_digit(*p) && digits < 9) {
		year = year * 10 + (*p - '0');
		p++;
		digits++;
	}
	return year > 90;
}

/* A header field line: "name:" with name of printable ASCII but ':'. */
static bool is_header_line(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == ':')
			return i > 0;
		if (c < 33 || c > 126)
			return false;
	}
	return false;
}

static bool is_known_header(const char *s, size_t len)
{
	static const char *const names[] = {
		"from:",	 "to:",		  "cc:",
		"subject:",	 "date:",	  "message-id:",
		"received:",	 "return-path:",  "in-reply-to:",
		"references:",	 "mime-version:", "content-type:",
		"delivered-to:", "reply-to:",	  "sender:",
	};
	size_t i;

	for (i = 0; i < PRV_ARRAY_SIZE(names); i++)
		if (prv_starts_with_ci(s, len, names[i]))
			return true;
	return false;
}

/*
 * Does the text start with a mail header block? Every line up to the first
 * blank or non-header line is a header field or a continuation, and at
 * least one of them is a field that mail carries.
 */
static bool starts_with_headers(const char *s, size_t len)
{
	const char *end = s + len;
	bool known = false;
	size_t n = 0;

	while (s < end && n < 1000) {
		size_t l = prv_line_len(s, (size_t)(end - s));
		size_t t = l;

		while (t && s[t - 1] == '\r')
			t--;
		if (!t)
			break;
		if (n && (s[0] == ' ' || s[0] == '\t')) {
			/* continuation */
		} else if (is_header_line(s, t)) {
			known = known || is_known_header(s, t);
		} else {
			break;
		}
		n++;
		s += l < (size_t)(end - s) ? l + 1 : l;
	}
	return known;
}

static void push(struct prv_mbox *out, char *data, size_t len, size_t line)
{
	struct prv_mbox_entry *e;

	PRV_ALLOC_GROW(out->items, out->nr + 1, out->alloc);
	e = &out->items[out->nr++];
	e->data = data;
	e->len = len;
	e->line = line;
}

/*
 * Remove one '>' from every ">+From " line of the message, moving the bytes
 * between such lines down. Returns the new length.
 */
static size_t unquote_mboxrd(char *msg, size_t len)
{
	char *end = msg + len, *rd = msg, *wr = msg;

	while (rd < end) {
		char *nl = memchr(rd, '\n', (size_t)(end - rd));
		char *next = nl ? nl + 1 : end;
		size_t l = (size_t)(next - rd);

		if (*rd == '>') {
			const char *q = rd;

			while (q < next && *q == '>')
				q++;
			if ((size_t)(next - q) >= 5 && !memcmp(q, "From ", 5)) {
				rd++;
				l--;
			}
		}
		if (wr != rd)
			memmove(wr, rd, l);
		wr += l;
		rd = next;
	}
	return (size_t)(wr - msg);
}

/* Finish one message spanning [start, end). */
static void add_message(struct prv_mbox *out, char *start, char *end,
			size_t line, bool unquote, const char *source,
			struct prv_warnings *w)
{
	size_t len = (size_t)(end - start);
	size_t i;

	for (i = 0; i < len; i++)
		if (start[i] != '\n' && start[i] != '\r' && start[i] != ' ' &&
		    start[i] != '\t')
			break;
	if (i == len) {
		prv_warn(w, source, NULL, "empty message at line %zu skipped",
			 line ? line - 1 : 0);
		return;
	}
	if (unquote)
		len = unquote_mboxrd(start, len);
	push(out, start, len, line);
}

int prv_mbox_split(struct prv_mbox *out, char *buf, size_t len,
		   enum prv_mbox_format fmt, const char *source,
		   struct prv_warnings *w)
{
	char *p = buf, *end = buf + len;
	char *msg = NULL;
	size_t lineno = 1, msg_line = 0, preamble = 0;
	bool unquote;

	if (!source)
		source = "<input>";
	/* like git mailsplit, white space before the first line is ignored */
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' ||
			   *p == '\n' || *p == '\f' || *p == '\v')) {
		if (*p == '\n')
			lineno++;
		p++;
	}
	if (p == end)
		return prv_error(PRV_EPARSE,
				 "'%s' does not look like mail (no From line "
				 "or header block)",
				 source);
	if (!prv_mbox_is_from_line(p, prv_line_len(p, (size_t)(end - p)))) {
		size_t first_line = lineno;

		if (starts_with_headers(p, (size_t)(end - p))) {
			/* a bare message (.eml, .patch): never split */
			out->format = fmt == PRV_MBOX_AUTO ? PRV_MBOX_MBOXO :
							     fmt;
			push(out, p, (size_t)(end - p), lineno);
			return 0;
		}
		/* skip a preamble up to the first separator */
		while (p < end) {
			size_t l = prv_line_len(p, (size_t)(end - p));

			if (prv_mbox_is_from_line(p, l))
				break;
			p += l < (size_t)(end - p) ? l + 1 : l;
			lineno++;
			preamble++;
		}
		if (p == end)
			return prv_error(PRV_EPARSE,
					 "'%s' does not look like mail (no "
					 "From line or header block)",
					 source);
		prv_warn(w, source, NULL,
			 "%zu lines before the first From line at line %zu "
			 "ignored",
			 preamble, first_line);
	}
	if (fmt == PRV_MBOX_AUTO)
		fmt = prv_starts_with(p, (size_t)(end - p), "From mboxrd@") ?
			      PRV_MBOX_MBOXRD :
			      PRV_MBOX_MBOXO;
	out->format = fmt;
	unquote = fmt == PRV_MBOX_MBOXRD;

	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *next = nl ? nl + 1 : end;

		if (*p == 'F' && prv_mbox_is_from_line(p, (size_t)(next - p))) {
			if (msg)
				add_message(out, msg, p, msg_line, unquote,
					    source, w);
			msg = next;
			msg_line = lineno + 1;
		}
		lineno++;
		p = next;
	}
	if (msg)
		add_message(out, msg, end, msg_line, unquote, source, w);
	return 0;
}

void prv_mbox_release(struct prv_mbox *m)
{
	free(m->items);
	m->items = NULL;
	m->nr = m->alloc = 0;
}
