// SPDX-License-Identifier: GPL-2.0-or-later
#include <string.h>
#include <strings.h>

#include "core/base/buf.h"
#include "core/base/charset.h"
#include "core/base/error.h"
#include "core/mail/mime.h"
#include "core/mail/msg.h"
#include "core/base/util.h"

/* strbuf_rtrim()'s notion of white space */
static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	       c == '\f';
}

/* The error for fields past PRV_MSG_HEADERS_MAX, naming the message. */
static int too_many_headers(const struct prv_msg *m, struct prv_arena *a)
{
	const char *id = prv_header_message_id(a, m->headers, m->nr_headers);

	return prv_error(PRV_ENOMEM,
			 "more than %d header fields%s%s%s: Subject, "
			 "Message-ID and the rest may be among those left out",
			 PRV_MSG_HEADERS_MAX, id ? " in <" : "", id ? id : "",
			 id ? ">" : "");
}

static int msg_parse(struct prv_msg *out, struct prv_arena *a, const char *data,
		     size_t len, const char *source, struct prv_warnings *w,
		     bool inplace)
{
	const char *msgid;
	size_t off;
	int err;

	memset(out, 0, sizeof(*out));
	if (!data)
		data = "", len = 0;
	if (len > PRV_BUF_MAX_DEFAULT) {
		out->body = prv_arena_strdup(a, "");
		return prv_error(PRV_ENOMEM,
				 "message in '%s' is larger than %zu "
				 "bytes",
				 source ? source : "<input>",
				 (size_t)PRV_BUF_MAX_DEFAULT);
	}
	off = inplace ?
		      prv_header_parse_inplace(&out->headers, &out->nr_headers,
					       a, (char *)data, len,
					       &out->flags, source, w) :
		      prv_header_parse(&out->headers, &out->nr_headers, a, data,
				       len, &out->flags, source, NULL, w);
	if (!out->nr_headers) {
		out->flags |= PRV_MSG_NO_HEADERS;
		if (len)
			prv_warn(w, source, NULL,
				 "message does not start with header fields");
	}
	msgid = w ? prv_header_message_id(a, out->headers, out->nr_headers) :
		    NULL;
	err = inplace ? prv_mime_body_inplace(out, a, data + off, len - off,
					      source, msgid, w) :
			prv_mime_body(out, a, data + off, len - off, source,
				      msgid, w);
	if (!err && (out->flags & PRV_MSG_TOO_MANY_HEADERS))
		err = too_many_headers(out, a);
	return err;
}

int prv_msg_parse(struct prv_msg *out, struct prv_arena *a, const char *data,
		  size_t len, const char *source, struct prv_warnings *w)
{
	return msg_parse(out, a, data, len, source, w, false);
}

int prv_msg_parse_inplace(struct prv_msg *out, struct prv_arena *a, char *data,
			  size_t len, const char *source,
			  struct prv_warnings *w)
{
	return msg_parse(out, a, data, len, source, w, true);
}

const char *prv_msg_get(const struct prv_msg *m, const char *name)
{
	const struct prv_header *h =
		prv_header_find(m->headers, m->nr_headers, name);

	return h ? h->value : NULL;
}

char *prv_msg_get_decoded(const struct prv_msg *m, struct prv_arena *a,
			  const char *name)
{
	const struct prv_header *h =
		prv_header_find(m->headers, m->nr_headers, name);

	return h ? prv_rfc2047_decode(a, h->value, h->value_len) : NULL;
}

static char *buf_to_arena(struct prv_arena *a, struct prv_buf *b,
			  size_t *out_len)
{
	char *s = prv_arena_strndup(a, b->data, b->len);

	if (out_len)
		*out_len = b->len;
	prv_buf_release(b);
	return s;
}

char *prv_utf8_sanitize(struct prv_arena *a, const char *s, size_t len,
			size_t *out_len)
{
	struct prv_buf b = PRV_BUF_INIT;

	if (!s)
		s = "", len = 0;
	if (prv_utf8_valid_prefix(s, len) == len) {
		if (out_len)
			*out_len = len;
		return prv_arena_strndup(a, s, len);
	}
	/* each invalid byte doubles at most: cap what we accept */
	if (len > PRV_BUF_MAX_DEFAULT / 2)
		len = PRV_BUF_MAX_DEFAULT / 2;
	prv_utf8_append_sanitized(&b, s, len);
	return buf_to_arena(a, &b, out_len);
}

/* RFC 2047 ------------------------------------------------------------- */

static int decode_q(struct prv_buf *out, const char *s, size_t len)
{
	size_t i;
	int err = 0;

	for (i = 0; i < len && !err; i++) {
		char c = s[i];

		if (c == '_') {
			c = ' ';
		} else if (c == '=' && i + 2 < len &&
			   prv_hexval(s[i + 1]) >= 0 &&
			   prv_hexval(s[i + 2]) >= 0) {
			c = (char)(prv_hexval(s[i + 1]) * 16 +
				   prv_hexval(s[i + 2]));
			i += 2;
		}
		err = prv_buf_addch(out, c);
	}
	return err;
}

static int decode_b(struct prv_buf *out, const char *s, size_t len)
{
	unsigned acc = 0;
	int bits = 0, err = 0;
	size_t i;

	for (i = 0; i < len && !err; i++) {
		int v = prv_mime_b64val((unsigned char)s[i]);

		if (s[i] == '=')
			bits = 0; /* padding: a new group may follow */
		if (v < 0)
			continue; /* padding, white space, junk */
		acc = (acc << 6) | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			err = prv_buf_addch(out, (char)((acc >> bits) & 0xff));
		}
	}
	return err;
}

struct encoded_word {
	const char *charset;
	size_t charset_len;
	char enc;
	const char *text;
	size_t text_len;
	size_t len; /* whole word, "=?" to "?=" */
};

/*
 * Where the next "?=" and the next line break are, found once and reused
 * while the scan moves forward, so that a value full of "=?" openers
 * without closers costs linear time.
 */
struct word_scan {
	const char *end;
	const char *close; /* first "?=" at or after the last query */
	const char *eol; /* first CR or LF at or after the last query */
};

static const char *scan_close(struct word_scan *ws, const char *from)
{
	if (!ws->close || (ws->close < from && ws->close != ws->end)) {
		const char *c = memmem(from, (size_t)(ws->end - from), "?=", 2);

		ws->close = c ? c : ws->end;
	}
	return ws->close;
}

static const char *scan_eol(struct word_scan *ws, const char *from)
{
	if (!ws->eol || (ws->eol < from && ws->eol != ws->end)) {
		const char *n = memchr(from, '\n', (size_t)(ws->end - from));
		const char *r = memchr(from, '\r', (size_t)(ws->end - from));

		if (!n || (r && r < n))
			n = r;
		ws->eol = n ? n : ws->end;
	}
	return ws->eol;
}

static bool parse_encoded_word(struct encoded_word *ew, struct word_scan *ws,
			       const char *s)
{
	const char *end = ws->end, *q1, *q2, *p, *star;

	if (end - s < 7 || s[0] != '=' || s[1] != '?')
		return false;
	q1 = memchr(s + 2, '?', (size_t)(end - s - 2));
	if (!q1 || q1 == s + 2 || end - q1 < 5 || q1[2] != '?')
		return false;
	for (p = s + 2; p < q1; p++)
		if ((unsigned char)*p <= ' ' || *p == '=')
			return false;
	if (!strchr("bBqQ", q1[1]) || !q1[1])
		return false;
	q2 = scan_close(ws, q1 + 3);
	if (q2 == end || scan_eol(ws, q1 + 3) < q2)
		return false;
	ew->charset = s + 2;
	ew->charset_len = (size_t)(q1 - s - 2);
	/* RFC 2231 language suffix: "utf-8*en" */
	star = memchr(ew->charset, '*', ew->charset_len);
	if (star)
		ew->charset_len = (size_t)(star - ew->charset);
	ew->enc = (char)(q1[1] | 0x20);
	ew->text = q1 + 3;
	ew->text_len = (size_t)(q2 - q1 - 3);
	ew->len = (size_t)(q2 + 2 - s);
	return true;
}

/* Convert decoded bytes of one run of words into UTF-8 text. */
static int flush_run(struct prv_buf *out, struct prv_buf *run,
		     const char *charset, size_t charset_len)
{
	int err = 0;

	if (!run->len)
		return 0;
	if (prv_charset_is_utf8(charset, charset_len) ||
	    prv_charset_to_utf8(out, charset, charset_len, run->data, run->len))
		err = prv_utf8_append_sanitized(out, run->data, run->len);
	prv_buf_reset(run);
	return err;
}

char *prv_rfc2047_decode(struct prv_arena *a, const char *s, size_t len)
{
	struct prv_buf out = PRV_BUF_INIT, run = PRV_BUF_INIT;
	const char *p = s, *end = s + len, *lit = s;
	const char *run_cs = NULL;
	size_t run_cs_len = 0;
	bool after_word = false;
	struct word_scan ws = { end, NULL, NULL };

	if (!s)
		s = "", len = 0;
	if (!memmem(s, len, "=?", 2))
		return prv_utf8_sanitize(a, s, len, NULL);
	out.max = run.max = len * 4 + 64;
	while (p < end) {
		struct encoded_word ew;
		const char *q;

		if (p[0] != '=' || p + 1 >= end || p[1] != '?' ||
		    !parse_encoded_word(&ew, &ws, p)) {
			p++;
			continue;
		}
		/* literal text before the word; white space alone between two
		 * words is dropped */
		for (q = lit; q < p && is_space(*q); q++)
			;
		if (q < p || !after_word) {
			flush_run(&out, &run, run_cs, run_cs_len);
			prv_utf8_append_sanitized(&out, lit, (size_t)(p - lit));
		} else if (run.len &&
			   (run_cs_len != ew.charset_len ||
			    strncasecmp(run_cs, ew.charset, ew.charset_len))) {
			flush_run(&out, &run, run_cs, run_cs_len);
		}
		run_cs = ew.charset;
		run_cs_len = ew.charset_len;
		if (ew.enc == 'b')
			decode_b(&run, ew.text, ew.text_len);
		else
			decode_q(&run, ew.text, ew.text_len);
		p += ew.len;
		lit = p;
		after_word = true;
	}
	flush_run(&out, &run, run_cs, run_cs_len);
	prv_utf8_append_sanitized(&out, lit, (size_t)(end - lit));
	prv_buf_release(&run);
	return buf_to_arena(a, &out, NULL);
}

/* Dates ---------------------------------------------------------------- */

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int month_index(const char *s, size_t len)
{
	static const char *const months[] = { "jan", "feb", "mar", "apr",
					      "may", "jun", "jul", "aug",
					      "sep", "oct", "nov", "dec" };
	int i;

	if (len < 3)
		return -1;
	for (i = 0; i < 12; i++)
		if (prv_starts_with_ci(s, len, months[i]))
			return i;
	return -1;
}

static bool zone_by_name(const char *s, size_t len, int *minutes)
{
	static const struct {
		const char *name;
		int minutes;
	} zones[] = {
		{ "ut", 0 },	 { "utc", 0 },	  { "gmt", 0 },
		{ "z", 0 },	 { "est", -300 }, { "edt", -240 },
		{ "cst", -360 }, { "cdt", -300 }, { "mst", -420 },
		{ "mdt", -360 }, { "pst", -480 }, { "pdt", -420 },
		{ "cet", 60 },	 { "cest", 120 }, { "met", 60 },
		{ "mest", 120 }, { "eet", 120 },  { "eest", 180 },
		{ "wet", 0 },	 { "west", 60 },  { "bst", 60 },
		{ "ist", 330 },	 { "jst", 540 },  { "kst", 540 },
		{ "hkt", 480 },	 { "sgt", 480 },  { "aest", 600 },
		{ "aedt", 660 }, { "nzst", 720 }, { "nzdt", 780 },
	};
	size_t i;

	for (i = 0; i < PRV_ARRAY_SIZE(zones); i++)
		if (prv_eq_ci(s, len, zones[i].name)) {
			*minutes = zones[i].minutes;
			return true;
		}
	return false;
}

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static long long days_from_civil(long long y, int m, int d)
{
	long long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

static bool parse_time(const char *s, size_t len, int *h, int *mi, int *sec)
{
	int v[3] = { 0, 0, 0 }, n = 0;
	size_t i = 0;

	while (n < 3) {
		int digits = 0, x = 0;

		while (i < len && is_digit(s[i]) && digits < 2) {
			x = x * 10 + (s[i] - '0');
			i++;
			digits++;
		}
		if (!digits)
			return false;
		v[n++] = x;
		if (i < len && s[i] == ':' && n < 3) {
			i++;
			continue;
		}
		break;
	}
	if (n < 2 || v[0] > 23 || v[1] > 59 || v[2] > 60)
		return false;
	/* trailing ".123" fractions are tolerated, anything else is not */
	if (i < len && s[i] != '.')
		return false;
	*h = v[0];
	*mi = v[1];
	*sec = v[2];
	return true;
}

/* What a Date: header has told so far; -1 where it has not. */
struct date_parts {
	int day, month, hour, min, sec, tz;
	long long year;
	bool have_tz;
};

/*
 * The next token of a date: runs of bytes between spaces, commas and
 * comments "(...)", which may nest. Returns false at the end.
 */
static bool date_token(const char **pp, const char *end, const char **t,
		       size_t *tl)
{
	const char *p = *pp;
	int depth = 0;

	while (p < end &&
	       (depth || is_space(*p) || *p == ',' || *p == '(' || *p == ')')) {
		if (*p == '(')
			depth++;
		else if (*p == ')' && depth)
			depth--;
		p++;
	}
	if (p >= end) {
		*pp = p;
		return false;
	}
	*t = p;
	while (p < end && !is_space(*p) && *p != ',' && *p != '(' && *p != ')')
		p++;
	*tl = (size_t)(p - *t);
	*pp = p;
	return true;
}

/* "+0100", "-0530": the first one counts */
static bool date_numeric_zone(struct date_parts *d, const char *t, size_t tl)
{
	int hh, mm;

	if ((*t != '+' && *t != '-') || tl != 5 || !is_digit(t[1]) ||
	    !is_digit(t[2]) || !is_digit(t[3]) || !is_digit(t[4]))
		return false;
	hh = (t[1] - '0') * 10 + (t[2] - '0');
	mm = (t[3] - '0') * 10 + (t[4] - '0');
	if (!d->have_tz && hh < 24 && mm < 60) {
		d->tz = (hh * 60 + mm) * (*t == '-' ? -1 : 1);
		d->have_tz = true;
	}
	return true;
}

/* A day of the month or a year (two-digit years as RFC 5322 says). */
static void date_number(struct date_parts *d, const char *t, size_t tl)
{
	long long v = 0;
	size_t i;

	for (i = 0; i < tl && is_digit(t[i]) && i < 9; i++)
		v = v * 10 + (t[i] - '0');
	if (i < tl && !(i + 1 == tl && t[i] == '.'))
		return; /* "2nd", "1-Jan-2024": ignored */
	if (d->day < 0 && i <= 2 && v >= 1 && v <= 31)
		d->day = (int)v;
	else if (d->year < 0)
		d->year = i <= 2 ? (v < 50 ? 2000 + v : 1900 + v) :
			  i == 3 ? 1900 + v :
				   v;
}

/* A month name, a zone name, or a word that says nothing (weekday, AM). */
static void date_word(struct date_parts *d, const char *t, size_t tl)
{
	int m = month_index(t, tl);

	if (m >= 0 && d->month < 0 && tl <= 9) {
		d->month = m + 1;
		return;
	}
	if (!d->have_tz && zone_by_name(t, tl, &d->tz))
		d->have_tz = true;
}

int prv_date_parse(long long *epoch, int *tz_minutes, const char *s, size_t len)
{
	struct date_parts d = { .day = -1, .month = -1, .hour = -1, .year = -1 };
	const char *p = s, *end = s + len, *t;
	int shown = (int)(len > 80 ? 80 : len);
	size_t tl;

	while (date_token(&p, end, &t, &tl)) {
		if (date_numeric_zone(&d, t, tl))
			continue;
		if (memchr(t, ':', tl)) {
			if (d.hour < 0 &&
			    !parse_time(t, tl, &d.hour, &d.min, &d.sec))
				return prv_error(PRV_EPARSE,
						 "bad time in date '%.*s'",
						 shown, s);
		} else if (is_digit(*t)) {
			date_number(&d, t, tl);
		} else if (is_alpha(*t)) {
			date_word(&d, t, tl);
		}
	}
	if (d.day < 0 || d.month < 0 || d.year < 0 || d.year > 9999)
		return prv_error(PRV_EPARSE, "could not parse date '%.*s'",
				 shown, s);
	if (d.hour < 0)
		d.hour = 0;
	*epoch = days_from_civil(d.year, d.month, d.day) * 86400 +
		 d.hour * 3600 + d.min * 60 + d.sec - (long long)d.tz * 60;
	*tz_minutes = d.tz;
	return 0;
}
