// SPDX-License-Identifier: GPL-2.0-or-later
/* A small strict JSON reader into an arena (see core/base/jsonread.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/buf.h"
#include "core/base/charset.h"
#include "core/base/error.h"
#include "core/base/jsonread.h"
#include "core/base/util.h"

/* Longest number text read (digits, sign, fraction, exponent). */
#define NUMBER_MAX 64

struct reader {
	struct prv_arena *a;
	const char *p, *start, *end;
	const char *source;
	int depth;
	size_t values; /* read so far, at most PRV_JSONREAD_VALUES_MAX */
	int err; /* 0 until the first error */
};

static int fail(struct reader *r, const char *what)
{
	size_t line = 1, col = 1;
	const char *q;

	if (r->err)
		return r->err;
	for (q = r->start; q < r->p && q < r->end; q++) {
		if (*q == '\n') {
			line++;
			col = 1;
		} else if (((unsigned char)*q & 0xc0) != 0x80) {
			col++;
		}
	}
	r->err = prv_error(PRV_EPARSE,
			   "could not parse '%s': line %zu, column %zu: %s",
			   r->source, line, col, what);
	return r->err;
}

static void skip_ws(struct reader *r)
{
	while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' ||
				 *r->p == '\n' || *r->p == '\r'))
		r->p++;
}

static bool take_word(struct reader *r, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(r->end - r->p) < n || memcmp(r->p, w, n))
		return false;
	r->p += n;
	return true;
}

static int hex4(struct reader *r, unsigned *out)
{
	unsigned v = 0;
	int i, d;

	if (r->end - r->p < 4)
		return fail(r, "\\u wants four hex digits");
	for (i = 0; i < 4; i++) {
		d = prv_hexval((unsigned char)r->p[i]);
		if (d < 0)
			return fail(r, "\\u wants four hex digits");
		v = v << 4 | (unsigned)d;
	}
	r->p += 4;
	*out = v;
	return 0;
}

static void add_utf8(struct prv_buf *b, unsigned cp)
{
	char u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		u[0] = (char)(0xf0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	prv_buf_add(b, u, n);
}

/* A \uXXXX escape, with its low surrogate when it is a high one. */
static int read_unicode_escape(struct reader *r, struct prv_buf *b)
{
	unsigned cp, lo;
	int err = hex4(r, &cp);

	if (err)
		return err;
	if (cp >= 0xdc00 && cp <= 0xdfff)
		return fail(r, "lone low surrogate");
	if (cp >= 0xd800 && cp <= 0xdbff) {
		if (!take_word(r, "\\u"))
			return fail(r, "lone high surrogate");
		err = hex4(r, &lo);
		if (err)
			return err;
		if (lo < 0xdc00 || lo > 0xdfff)
			return fail(r, "lone high surrogate");
		cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
	}
	add_utf8(b, cp);
	return 0;
}

/* A backslash escape; r->p is on the backslash. */
static int read_escape(struct reader *r, struct prv_buf *b)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *hit;
	char e;

	if (r->end - r->p < 2)
		return fail(r, "unterminated string");
	e = r->p[1];
	if (e == 'u') {
		r->p += 2;
		return read_unicode_escape(r, b);
	}
	hit = e ? strchr(from, e) : NULL;
	if (!hit)
		return fail(r, "unknown escape in a string");
	r->p += 2;
	prv_buf_addch(b, to[hit - from]);
	return 0;
}

/*
 * The bytes up to the next quote, escape or control byte (none of them
 * inside a UTF-8 sequence), which must be valid UTF-8.
 */
static int read_plain_run(struct reader *r, struct prv_buf *b)
{
	size_t n = 1, ok;

	while (r->p + n < r->end && r->p[n] != '"' && r->p[n] != '\\' &&
	       (unsigned char)r->p[n] >= 0x20)
		n++;
	ok = prv_utf8_valid_prefix(r->p, n);
	if (ok < n) {
		r->p += ok;
		return fail(r, "invalid UTF-8 in a string");
	}
	prv_buf_add(b, r->p, n);
	r->p += n;
	return 0;
}

static int read_string(struct reader *r, const char **out, size_t *out_len)
{
	struct prv_buf b = PRV_BUF_INIT;
	int err = 0;

	r->p++; /* the opening quote */
	while (!err) {
		unsigned char c;

		if (r->p >= r->end) {
			err = fail(r, "unterminated string");
			break;
		}
		c = (unsigned char)*r->p;
		if (c == '"') {
			r->p++;
			break;
		}
		if (c < 0x20)
			err = fail(r, "control character in a string");
		else if (c == '\\')
			err = read_escape(r, &b);
		else
			err = read_plain_run(r, &b);
	}
	if (!err) {
		*out = prv_arena_strndup(r->a, b.data, b.len);
		*out_len = b.len;
	}
	prv_buf_release(&b);
	return err;
}

static bool is_digit(const struct reader *r)
{
	return r->p < r->end && *r->p >= '0' && *r->p <= '9';
}

static int read_number(struct reader *r, struct prv_jv *v)
{
	const char *s = r->p;
	char text[NUMBER_MAX + 1];
	size_t n;

	if (r->p < r->end && *r->p == '-')
		r->p++;
	if (!is_digit(r))
		return fail(r, "a number wants a digit");
	if (*r->p == '0') {
		r->p++;
		if (is_digit(r))
			return fail(r, "a number starts with 0");
	} else {
		while (is_digit(r))
			r->p++;
	}
	if (r->p < r->end && *r->p == '.') {
		r->p++;
		if (!is_digit(r))
			return fail(r, "a fraction wants a digit");
		while (is_digit(r))
			r->p++;
	}
	if (r->p < r->end && (*r->p == 'e' || *r->p == 'E')) {
		r->p++;
		if (r->p < r->end && (*r->p == '+' || *r->p == '-'))
			r->p++;
		if (!is_digit(r))
			return fail(r, "an exponent wants a digit");
		while (is_digit(r))
			r->p++;
	}
	n = (size_t)(r->p - s);
	if (n > NUMBER_MAX) {
		r->p = s;
		return fail(r, "number too long");
	}
	memcpy(text, s, n);
	text[n] = '\0';
	v->type = PRV_JV_NUMBER;
	v->number = strtod(text, NULL);
	v->str = prv_arena_strndup(r->a, s, n);
	v->len = n;
	return 0;
}

static int read_value(struct reader *r, struct prv_jv *v);

/* Elements (or members) gathered on the heap, then moved into the arena. */
struct members {
	struct prv_jv *items;
	const char **keys;
	size_t *key_lens;
	size_t nr, alloc, alloc_keys, alloc_lens;
};

static void members_store(struct reader *r, struct prv_jv *v, struct members *m,
			  bool object)
{
	v->nr = m->nr;
	if (m->nr) {
		v->items = prv_arena_alloc(r->a, m->nr * sizeof(*v->items));
		memcpy(v->items, m->items, m->nr * sizeof(*v->items));
	}
	if (object && m->nr) {
		v->keys = prv_arena_alloc(r->a, m->nr * sizeof(*v->keys));
		memcpy(v->keys, m->keys, m->nr * sizeof(*v->keys));
		v->key_lens =
			prv_arena_alloc(r->a, m->nr * sizeof(*v->key_lens));
		memcpy(v->key_lens, m->key_lens, m->nr * sizeof(*v->key_lens));
	}
}

static int read_container(struct reader *r, struct prv_jv *v, bool object)
{
	struct members m;
	char close = object ? '}' : ']';
	int err = 0;

	memset(&m, 0, sizeof(m));
	if (++r->depth > PRV_JSONREAD_DEPTH_MAX) {
		r->err = prv_error(PRV_ENOMEM,
				   "could not parse '%s': nested more than %d "
				   "deep",
				   r->source, PRV_JSONREAD_DEPTH_MAX);
		return r->err;
	}
	v->type = object ? PRV_JV_OBJECT : PRV_JV_ARRAY;
	r->p++; /* the opening bracket */
	skip_ws(r);
	if (r->p < r->end && *r->p == close) {
		r->p++;
		goto out;
	}
	for (;;) {
		PRV_ALLOC_GROW(m.items, m.nr + 1, m.alloc);
		memset(&m.items[m.nr], 0, sizeof(m.items[m.nr]));
		if (object) {
			PRV_ALLOC_GROW(m.keys, m.nr + 1, m.alloc_keys);
			PRV_ALLOC_GROW(m.key_lens, m.nr + 1, m.alloc_lens);
			skip_ws(r);
			if (r->p >= r->end || *r->p != '"') {
				err = fail(r, "an object key wants a string");
				break;
			}
			err = read_string(r, &m.keys[m.nr], &m.key_lens[m.nr]);
			if (err)
				break;
			skip_ws(r);
			if (r->p >= r->end || *r->p != ':') {
				err = fail(r, "expected ':' after a key");
				break;
			}
			r->p++;
		}
		err = read_value(r, &m.items[m.nr]);
		if (err)
			break;
		m.nr++;
		skip_ws(r);
		if (r->p < r->end && *r->p == ',') {
			r->p++;
			continue;
		}
		if (r->p < r->end && *r->p == close) {
			r->p++;
			break;
		}
		err = fail(r, object ? "expected ',' or '}'" :
				       "expected ',' or ']'");
		break;
	}
out:
	if (!err)
		members_store(r, v, &m, object);
	free(m.items);
	free(m.keys);
	free(m.key_lens);
	r->depth--;
	return err;
}

static int read_value(struct reader *r, struct prv_jv *v)
{
	if (++r->values > PRV_JSONREAD_VALUES_MAX) {
		r->err = prv_error(PRV_ENOMEM,
				   "could not parse '%s': more than %d values",
				   r->source, PRV_JSONREAD_VALUES_MAX);
		return r->err;
	}
	skip_ws(r);
	if (r->p >= r->end)
		return fail(r, "unexpected end of the text");
	switch (*r->p) {
	case '{':
		return read_container(r, v, true);
	case '[':
		return read_container(r, v, false);
	case '"':
		v->type = PRV_JV_STRING;
		return read_string(r, &v->str, &v->len);
	case 't':
	case 'f':
	case 'n':
		if (take_word(r, "true")) {
			v->type = PRV_JV_BOOL;
			v->boolean = true;
		} else if (take_word(r, "false")) {
			v->type = PRV_JV_BOOL;
		} else if (take_word(r, "null")) {
			v->type = PRV_JV_NULL;
		} else {
			return fail(r, "unexpected word");
		}
		return 0;
	default:
		if (*r->p == '-' || (*r->p >= '0' && *r->p <= '9'))
			return read_number(r, v);
		return fail(r, "unexpected character");
	}
}

int prv_jsonread_parse(const struct prv_jv **out, struct prv_arena *a,
		       const char *data, size_t len, size_t max,
		       const char *source)
{
	struct reader r;
	struct prv_jv *v;
	int err;

	*out = NULL;
	if (!max)
		max = PRV_JSONREAD_MAX_DEFAULT;
	if (!source)
		source = "<json>";
	if (len > max)
		return prv_error(PRV_ENOMEM,
				 "could not parse '%s': more than %zu bytes",
				 source, max);
	memset(&r, 0, sizeof(r));
	r.a = a;
	r.p = r.start = data;
	r.end = data + len;
	r.source = source;
	/* a UTF-8 byte order mark is not JSON (RFC 8259, 8.1) */
	v = prv_arena_alloc(a, sizeof(*v));
	err = read_value(&r, v);
	if (err)
		return err;
	skip_ws(&r);
	if (r.p != r.end)
		return fail(&r, "text after the value");
	*out = v;
	return 0;
}

const struct prv_jv *prv_jv_get(const struct prv_jv *obj, const char *key)
{
	size_t i, kl;

	if (!obj || obj->type != PRV_JV_OBJECT || !key)
		return NULL;
	kl = strlen(key);
	for (i = obj->nr; i-- > 0;)
		if (obj->key_lens[i] == kl && !memcmp(obj->keys[i], key, kl))
			return &obj->items[i];
	return NULL;
}

const char *prv_jv_str(const struct prv_jv *v)
{
	if (!v || v->type != PRV_JV_STRING || strlen(v->str) != v->len)
		return NULL;
	return v->str;
}

bool prv_jv_int(const struct prv_jv *v, long long lo, long long hi,
		long long *out)
{
	if (!v || v->type != PRV_JV_NUMBER || !isfinite(v->number) ||
	    v->number != floor(v->number) || v->number < (double)lo ||
	    v->number > (double)hi)
		return false;
	*out = (long long)v->number;
	return true;
}
