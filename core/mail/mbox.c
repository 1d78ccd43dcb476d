// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "core/base/error.h"
#include "core/mail/mbox.h"
#include "core/base/util.h"

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

bool prv_mbox_is_format_patch_line(const char *line, size_t len)
{
	static const char tail[] = " Mon Sep 17 00:00:00 2001";
	size_t i;

	if (len && line[len - 1] == '\r')
		len--;
	if (len != 5 + 40 + sizeof(tail) - 1 || memcmp(line, "From ", 5))
		return false;
	for (i = 5; i < 45; i++)
		if (!((line[i] >= '0' && line[i] <= '9') ||
		      (line[i] >= 'a' && line[i] <= 'f')))
			return false;
	return !memcmp(line + 45, tail, sizeof(tail) - 1);
}

bool prv_mbox_is_b4am_line(const char *line, size_t len)
{
	static const char b4[] = "From git@z Thu Jan  1 00:00:00 1970";

	if (len && line[len - 1] == '\r')
		len--;
	return len == sizeof(b4) - 1 && !memcmp(line, b4, len);
}

/* Which tool wrote a message's From_ line. */
struct from_kind {
	bool format_patch, b4am;
};

static void push(struct prv_mbox *out, char *data, size_t len, size_t line,
		 struct from_kind fk)
{
	struct prv_mbox_entry *e;

	PRV_ALLOC_GROW(out->items, out->nr + 1, out->alloc);
	e = &out->items[out->nr++];
	e->data = data;
	e->len = len;
	e->line = line;
	e->format_patch = fk.format_patch;
	e->b4am = fk.b4am;
}

/* Bits set in a 16-bit mask, without a library call on plain x86-64. */
static inline unsigned popcount16(unsigned x)
{
	x = x - ((x >> 1) & 0x5555u);
	x = (x & 0x3333u) + ((x >> 2) & 0x3333u);
	x = (x + (x >> 4)) & 0x0f0fu;
	return (x + (x >> 8)) & 0x1fu;
}

/*
 * The next line after `p` that starts with 'F' (or '>' when `quotes`):
 * returns its first byte, or NULL, and adds the line breaks passed to
 * *lines. SSE2 compares sixteen bytes at a time; most lines are skipped
 * without a function call.
 */
static char *next_candidate(char *p, char *end, bool quotes, size_t *lines)
{
#ifdef __SSE2__
	const __m128i nl = _mm_set1_epi8('\n');
	const __m128i ef = _mm_set1_epi8('F');
	const __m128i gt = _mm_set1_epi8(quotes ? '>' : 'F');

	while (end - p >= 17) {
		__m128i a = _mm_loadu_si128((const __m128i *)(const void *)p);
		__m128i b =
			_mm_loadu_si128((const __m128i *)(const void *)(p + 1));
		unsigned nlm =
			(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(a, nl));
		unsigned hit = nlm & (unsigned)_mm_movemask_epi8(_mm_or_si128(
					     _mm_cmpeq_epi8(b, ef),
					     _mm_cmpeq_epi8(b, gt)));

		if (hit) {
			unsigned idx = (unsigned)__builtin_ctz(hit);

			*lines += popcount16(nlm & ((2u << idx) - 1));
			return p + idx + 1;
		}
		*lines += popcount16(nlm);
		p += 16;
	}
#endif
	while (p < end) {
		char *nl_at = memchr(p, '\n', (size_t)(end - p));

		if (!nl_at || nl_at + 1 >= end) {
			*lines += nl_at != NULL;
			return NULL;
		}
		(*lines)++;
		p = nl_at + 1;
		if (*p == 'F' || (quotes && *p == '>'))
			return p;
	}
	return NULL;
}

/* Finish one message spanning [start, end). */
static void add_message(struct prv_mbox *out, char *start, size_t len,
			size_t line, struct from_kind fk, const char *source,
			struct prv_warnings *w)
{
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
	push(out, start, len, line, fk);
}

/*
 * Past a UTF-8 byte order mark (as some editors save .eml files) and, like
 * git mailsplit, the white space before the first line.
 */
static char *skip_leading_space(char *p, char *end, size_t *lineno)
{
	if (end - p >= 3 && !memcmp(p, "\xef\xbb\xbf", 3))
		p += 3;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' ||
			   *p == '\n' || *p == '\f' || *p == '\v')) {
		if (*p == '\n')
			(*lineno)++;
		p++;
	}
	return p;
}

static int not_mail(const char *source)
{
	return prv_error(PRV_EPARSE,
			 "'%s' does not look like mail (no From line or "
			 "header block)",
			 source);
}

/*
 * Move *p to the first From line, past a preamble (warned about). A bare
 * message (.eml, .patch: headers first) is never split: it is pushed
 * whole and 1 returned. 0 when *p is at a From line, or an error.
 */
static int to_first_separator(struct prv_mbox *out, char **p, char *end,
			      size_t *lineno, enum prv_mbox_format fmt,
			      const char *source, struct prv_warnings *w)
{
	size_t first_line = *lineno, preamble = 0;

	if (*p == end)
		return not_mail(source);
	if (prv_mbox_is_from_line(*p, prv_line_len(*p, (size_t)(end - *p))))
		return 0;
	if (starts_with_headers(*p, (size_t)(end - *p))) {
		out->format = fmt == PRV_MBOX_AUTO ? PRV_MBOX_MBOXO : fmt;
		push(out, *p, (size_t)(end - *p), *lineno,
		     (struct from_kind){ 0 });
		return 1;
	}
	while (*p < end) {
		size_t l = prv_line_len(*p, (size_t)(end - *p));

		if (prv_mbox_is_from_line(*p, l))
			break;
		*p += l < (size_t)(end - *p) ? l + 1 : l;
		(*lineno)++;
		preamble++;
	}
	if (*p == end)
		return not_mail(source);
	prv_warn(w, source, NULL,
		 "%zu lines before the first From line at line %zu ignored",
		 preamble, first_line);
	return 0;
}

/*
 * Split [p, end) at its From lines, p being the first one, on line
 * `lineno`. Walk the lines that may matter (separators, mboxrd quotes when
 * `unquote`); mboxrd unquoting moves the bytes between quoted lines down,
 * so `wr` trails `rd` within a message.
 */
static void split_at_separators(struct prv_mbox *out, char *p, char *end,
				size_t lineno, bool unquote, const char *source,
				struct prv_warnings *w)
{
	char *msg = NULL, *rd = NULL, *wr = NULL;
	size_t msg_line = 0;
	struct from_kind msg_fp = { 0 }; /* who wrote the current message */

	while (p) {
		char *from = p;

		if (*p == 'F' &&
		    prv_mbox_is_from_line(p,
					  prv_line_len(p, (size_t)(end - p)))) {
			size_t l = prv_line_len(p, (size_t)(end - p));

			if (msg) {
				memmove(wr, rd, (size_t)(p - rd));
				add_message(out, msg,
					    (size_t)(wr - msg) +
						    (size_t)(p - rd),
					    msg_line, msg_fp, source, w);
			}
			msg_fp = (struct from_kind){
				.format_patch =
					prv_mbox_is_format_patch_line(p, l),
				.b4am = prv_mbox_is_b4am_line(p, l),
			};
			msg = rd = wr = p + l + (p + l < end);
			msg_line = lineno + 1;
			if (p + l >= end)
				break;
			from = p + l; /* the separator's line break */
		} else if (*p == '>' && msg && unquote) {
			char *q = p;

			while (q < end && *q == '>')
				q++;
			if (end - q >= 5 && !memcmp(q, "From ", 5)) {
				/* drop the first '>' of the line */
				memmove(wr, rd, (size_t)(p - rd));
				wr += p - rd;
				rd = p + 1;
			}
		}
		p = next_candidate(from, end, unquote, &lineno);
	}
	if (msg) {
		memmove(wr, rd, (size_t)(end - rd));
		add_message(out, msg, (size_t)(wr - msg) + (size_t)(end - rd),
			    msg_line, msg_fp, source, w);
	}
}

int prv_mbox_split(struct prv_mbox *out, char *buf, size_t len,
		   enum prv_mbox_format fmt, const char *source,
		   struct prv_warnings *w)
{
	char *end = buf + len, *p;
	size_t lineno = 1;
	int ret;

	if (!source)
		source = "<input>";
	p = skip_leading_space(buf, end, &lineno);
	ret = to_first_separator(out, &p, end, &lineno, fmt, source, w);
	if (ret)
		return ret < 0 ? ret : 0;
	if (fmt == PRV_MBOX_AUTO)
		fmt = prv_starts_with(p, (size_t)(end - p), "From mboxrd@") ?
			      PRV_MBOX_MBOXRD :
			      PRV_MBOX_MBOXO;
	out->format = fmt;
	split_at_separators(out, p, end, lineno, fmt == PRV_MBOX_MBOXRD, source,
			    w);
	return 0;
}

void prv_mbox_release(struct prv_mbox *m)
{
	free(m->items);
	m->items = NULL;
	m->nr = m->alloc = 0;
}

int prv_mbox_append(struct prv_buf *out, const char *who, const char *msg,
		    size_t len)
{
	const char *p = msg, *end = msg + len;
	int ret = prv_buf_addf(out, "From %s Thu Jan  1 00:00:00 1970\n", who);

	while (p < end && !ret) {
		size_t l = prv_line_len(p, (size_t)(end - p)), q = 0;

		while (q < l && p[q] == '>')
			q++;
		if (prv_starts_with(p + q, l - q, "From "))
			ret = prv_buf_addch(out, '>');
		ret = ret ? ret : prv_buf_add(out, p, l);
		ret = ret ? ret : prv_buf_addch(out, '\n');
		p += l + (p + l < end);
	}
	return ret;
}
