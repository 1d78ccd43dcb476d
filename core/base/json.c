// SPDX-License-Identifier: GPL-2.0-or-later
#include <string.h>

#include "core/base/json.h"

void prv_json_init(struct prv_json *j, struct prv_buf *out, bool pretty)
{
	memset(j, 0, sizeof(*j));
	j->out = out;
	j->pretty = pretty;
	j->first[0] = true;
}

static void newline(struct prv_json *j)
{
	int i;

	if (!j->pretty)
		return;
	prv_buf_addch(j->out, '\n');
	for (i = 0; i < j->depth; i++)
		prv_buf_add(j->out, "  ", 2);
}

/* Separator before a value (or a key inside an object). */
static void before_value(struct prv_json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->depth == 0)
		return;
	if (!j->first[j->depth])
		prv_buf_addch(j->out, ',');
	j->first[j->depth] = false;
	newline(j);
}

static void open(struct prv_json *j, char o, char c)
{
	before_value(j);
	prv_buf_addch(j->out, o);
	if (j->depth + 1 < PRV_JSON_DEPTH_MAX) {
		j->depth++;
		j->first[j->depth] = true;
		j->closer[j->depth] = c;
	}
}

void prv_json_object(struct prv_json *j)
{
	open(j, '{', '}');
}

void prv_json_array(struct prv_json *j)
{
	open(j, '[', ']');
}

void prv_json_end(struct prv_json *j)
{
	bool empty;
	char c;

	if (j->depth == 0)
		return;
	empty = j->first[j->depth];
	c = j->closer[j->depth];
	j->depth--;
	if (!empty)
		newline(j);
	prv_buf_addch(j->out, c);
	if (j->depth == 0 && j->pretty)
		prv_buf_addch(j->out, '\n');
}

/* Length of a valid UTF-8 sequence at s, or 0 if invalid. */
static size_t utf8_len(const unsigned char *s, size_t len)
{
	unsigned c = s[0];
	size_t n, i;
	unsigned cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (n == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return n;
}

/* Bytes written as they are: printable ASCII but '"' and '\\'. */
static inline bool plain(unsigned char c)
{
	return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
}

void prv_json_escape(struct prv_buf *out, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, start = 0;

	prv_buf_addch(out, '"');
	while (i < len) {
		unsigned char c = p[i];
		size_t n;
		const char *esc = NULL;
		char u[7];

		if (plain(c)) {
			i++;
			while (i < len && plain(p[i]))
				i++;
			continue;
		}
		if (c >= 0x80) {
			n = utf8_len(p + i, len - i);
			/* C1 controls (U+0080..U+009F) are escaped too */
			if (n == 2 && c == 0xc2 && p[i + 1] < 0xa0) {
				prv_buf_add(out, s + start, i - start);
				prv_buf_addf(out, "\\u00%02x", p[i + 1]);
				i += 2;
				start = i;
				continue;
			}
			if (n) {
				i += n;
				continue;
			}
		}
		prv_buf_add(out, s + start, i - start);
		n = 2;
		switch (c) {
		case '"':
			esc = "\\\"";
			break;
		case '\\':
			esc = "\\\\";
			break;
		case '\n':
			esc = "\\n";
			break;
		case '\t':
			esc = "\\t";
			break;
		case '\r':
			esc = "\\r";
			break;
		default:
			if (c >= 0x80) {
				esc = "\xef\xbf\xbd"; /* U+FFFD */
				n = 3;
			} else {
				u[0] = '\\';
				u[1] = 'u';
				u[2] = '0';
				u[3] = '0';
				u[4] = hex[c >> 4];
				u[5] = hex[c & 15];
				u[6] = '\0';
				esc = u;
				n = 6;
			}
		}
		/* the length is known: no strlen() per escaped byte */
		prv_buf_add(out, esc, n);
		i++;
		start = i;
	}
	prv_buf_add(out, s + start, i - start);
	prv_buf_addch(out, '"');
}

void prv_json_key(struct prv_json *j, const char *key)
{
	before_value(j);
	prv_json_escape(j->out, key, strlen(key));
	prv_buf_add(j->out, j->pretty ? ": " : ":", j->pretty ? 2 : 1);
	j->after_key = true;
}

void prv_json_strn(struct prv_json *j, const char *s, size_t len)
{
	before_value(j);
	prv_json_escape(j->out, s, len);
}

void prv_json_str(struct prv_json *j, const char *s)
{
	if (!s) {
		prv_json_null(j);
		return;
	}
	prv_json_strn(j, s, strlen(s));
}

void prv_json_int(struct prv_json *j, long long v)
{
	before_value(j);
	prv_buf_addf(j->out, "%lld", v);
}

void prv_json_bool(struct prv_json *j, bool v)
{
	before_value(j);
	prv_buf_addstr(j->out, v ? "true" : "false");
}

void prv_json_null(struct prv_json *j)
{
	before_value(j);
	prv_buf_addstr(j->out, "null");
}

void prv_json_kv_str(struct prv_json *j, const char *key, const char *s)
{
	prv_json_key(j, key);
	prv_json_str(j, s);
}

void prv_json_kv_int(struct prv_json *j, const char *key, long long v)
{
	prv_json_key(j, key);
	prv_json_int(j, v);
}

void prv_json_kv_bool(struct prv_json *j, const char *key, bool v)
{
	prv_json_key(j, key);
	prv_json_bool(j, v);
}
