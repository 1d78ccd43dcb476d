// SPDX-License-Identifier: GPL-2.0-or-later
/* Header blocks of messages and MIME parts: see core/mail/header.h. */
#include <string.h>
#include <strings.h>

#include "core/base/util.h"
#include "core/mail/header.h"
#include "core/mail/msgid.h"

static bool is_wsp(char c)
{
	return c == ' ' || c == '\t';
}

/* strbuf_rtrim()'s notion of white space */
static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	       c == '\f';
}

/* git mailinfo's is_rfc2822_header(): "name:" with name of ftext. */
static bool is_field_line(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == ':')
			return true;
		if (c < 33 || c > 126)
			return false;
	}
	return false;
}

static size_t rtrim_len(const char *s, size_t len)
{
	while (len && is_space(s[len - 1]))
		len--;
	return len;
}

/*
 * Whether `len` bytes of a Message-ID value's first line plainly hold an
 * "<id>" that the mail layer takes as it is (no NUL before it, not blank,
 * not longer than an id may be).
 */
static bool id_plain(const char *s, size_t len)
{
	const char *lt = memchr(s, '<', len), *gt, *q;

	if (!lt || memchr(s, '\0', (size_t)(lt - s)))
		return false;
	gt = memchr(lt + 1, '>', (size_t)(s + len - lt - 1));
	if (!gt || gt - lt - 1 > PRV_MSGID_MAX ||
	    memchr(lt, '\0', (size_t)(gt - lt)))
		return false;
	for (q = lt + 1; q < gt; q++)
		if (!is_space(*q))
			return true;
	return false;
}

/*
 * Whether the header block of `data` may be rewritten in place: only when
 * its first Message-ID field (as the loop below finds it) holds an "<id>"
 * on its first line, so that the mail layer never needs the original bytes
 * to make up an id from their hash.
 */
static bool headers_inplace_ok(const char *data, size_t len)
{
	const char *p = data, *end = data + len;
	size_t n = 0;

	while (p < end) {
		size_t l = prv_line_len(p, (size_t)(end - p));
		size_t t = rtrim_len(p, l);

		if (!t)
			return false;
		if ((*p == 'F' || *p == '>') &&
		    (prv_starts_with(p, t, "From ") ||
		     prv_starts_with(p, t, ">From "))) {
			/* skipped with its continuation lines */
		} else if (!is_field_line(p, t) || n == PRV_MSG_HEADERS_MAX) {
			return false;
		} else if (t >= 11 && !strncasecmp(p, "message-id:", 11)) {
			return id_plain(p + 11, t - 11);
		} else {
			n++;
		}
		p += l + (p + l < end);
		while (p < end && is_wsp(*p)) {
			l = prv_line_len(p, (size_t)(end - p));
			p += l + (p + l < end);
		}
	}
	return false;
}

/* The fields read so far: on the stack while they are few. */
struct fields {
	struct prv_arena *a;
	struct prv_header stack[128], *h;
	size_t n, alloc;
	const char *source, *message_id;
	struct prv_warnings *w;
};

/* The message a warning names: as given, else by the fields read so far. */
static const char *label(struct fields *f)
{
	return f->message_id ? f->message_id :
			       prv_header_message_id(f->a, f->h, f->n);
}

static void add_field(struct fields *f, const char *name, size_t name_len,
		      const char *val, size_t vlen)
{
	if (f->n == f->alloc) {
		/* many fields: move to a growing arena array */
		struct prv_header *heap =
			prv_arena_alloc(f->a, 2 * f->alloc * sizeof(*f->h));

		memcpy(heap, f->h, f->n * sizeof(*f->h));
		f->h = heap;
		f->alloc *= 2;
	}
	f->h[f->n].name = name;
	f->h[f->n].name_len = name_len;
	f->h[f->n].value = val;
	f->h[f->n].value_len = vlen;
	f->n++;
}

/* Past the continuation lines from `q`; *extra gains their trimmed bytes. */
static const char *skip_continuations(const char *q, const char *end,
				      size_t *extra)
{
	while (q < end && is_wsp(*q)) {
		size_t cl = prv_line_len(q, (size_t)(end - q));

		*extra += rtrim_len(q, cl);
		q += cl + (q + cl < end);
	}
	return q;
}

/*
 * Append the continuation lines [q, vend) to the `vlen` bytes of `val`,
 * as git does: the first blank of each becomes a space. The new length.
 */
static size_t unfold(char *val, size_t vlen, const char *q, const char *vend,
		     const char *end)
{
	while (q < vend) {
		size_t cl = prv_line_len(q, (size_t)(end - q));
		size_t ct = rtrim_len(q, cl);

		if (ct) {
			memmove(val + vlen, q, ct);
			val[vlen] = ' ';
			vlen += ct;
		}
		q += cl + (q + cl < end);
	}
	val[vlen] = '\0';
	return vlen;
}

/*
 * Read the field whose first line is [p, p + t) and ends at `next`: its
 * value unfolded into the arena or, with `inplace`, where it stands. The
 * end of its last continuation line.
 */
static const char *read_field(struct fields *f, const char *p, size_t t,
			      const char *next, const char *end, bool inplace)
{
	const char *colon = memchr(p, ':', t), *v = colon + 1, *vend;
	size_t vlen, extra = 0;
	char *val;

	while (v < p + t && is_wsp(*v))
		v++;
	vlen = (size_t)(p + t - v);
	vend = skip_continuations(next, end, &extra);
	if (f->n == PRV_MSG_HEADERS_MAX)
		return vend; /* the rest is ignored */
	if (inplace) {
		val = (char *)v;
	} else {
		val = prv_arena_alloc(f->a, vlen + extra + 1);
		memcpy(val, v, vlen);
	}
	vlen = unfold(val, vlen, next, vend, end);
	add_field(f, p, (size_t)(colon - p), val, vlen);
	return vend;
}

static bool is_from_line(const char *p, size_t t)
{
	return (*p == 'F' || *p == '>') && (prv_starts_with(p, t, "From ") ||
					    prv_starts_with(p, t, ">From "));
}

/*
 * Unfold the header fields of `data` into `out`. With `inplace`, values are
 * unfolded and NUL-terminated where they stand instead of being copied:
 * each one only shrinks, and its line end is free once it has been read.
 */
static size_t parse_headers(struct prv_header **out, size_t *nr,
			    struct fields *f, const char *data, size_t len,
			    unsigned *flags, bool inplace)
{
	const char *p = data, *end = data + len;
	size_t off = len, unused = 0;

	f->h = f->stack;
	f->alloc = PRV_ARRAY_SIZE(f->stack);
	*out = NULL;
	*nr = 0;
	while (p < end) {
		size_t l = prv_line_len(p, (size_t)(end - p));
		const char *next = p + l + (p + l < end);
		size_t t = rtrim_len(p, l);

		if (p == data && l && p[l - 1] == '\r' && p + l < end)
			*flags |= PRV_HEADER_CRLF;
		if (!t) {
			off = (size_t)(next - data); /* after the blank line */
			break;
		}
		if (is_from_line(p, t)) {
			/* an mbox From_ line left in: not a field */
			p = skip_continuations(next, end, &unused);
			continue;
		}
		if (!is_field_line(p, t)) {
			if (p != data || f->n)
				prv_warn(f->w, f->source, label(f),
					 "malformed header line ends the "
					 "header block: '%.*s'",
					 (int)(t > 60 ? 60 : t), p);
			off = (size_t)(p - data);
			break;
		}
		if (f->n == PRV_MSG_HEADERS_MAX)
			*flags |= PRV_HEADER_TOO_MANY;
		p = read_field(f, p, t, next, end, inplace);
	}
	if (f->n) {
		*out = f->h == f->stack ?
			       prv_arena_alloc(f->a, f->n * sizeof(*f->h)) :
			       f->h;
		if (f->h == f->stack)
			memcpy(*out, f->stack, f->n * sizeof(*f->h));
		*nr = f->n;
	}
	return off;
}

size_t prv_header_parse(struct prv_header **out, size_t *nr,
			struct prv_arena *a, const char *data, size_t len,
			unsigned *flags, const char *source,
			const char *message_id, struct prv_warnings *w)
{
	struct fields f = {
		.a = a, .source = source, .message_id = message_id, .w = w
	};

	return parse_headers(out, nr, &f, data, len, flags, false);
}

size_t prv_header_parse_inplace(struct prv_header **out, size_t *nr,
				struct prv_arena *a, char *data, size_t len,
				unsigned *flags, const char *source,
				struct prv_warnings *w)
{
	struct fields f = { .a = a, .source = source, .w = w };

	return parse_headers(out, nr, &f, data, len, flags,
			     headers_inplace_ok(data, len));
}

const struct prv_header *prv_header_find(const struct prv_header *h, size_t nr,
					 const char *name)
{
	size_t i, len = strlen(name);

	for (i = 0; i < nr; i++)
		if (h[i].name_len == len && !strncasecmp(h[i].name, name, len))
			return &h[i];
	return NULL;
}

const char *prv_header_message_id(struct prv_arena *a,
				  const struct prv_header *h, size_t nr)
{
	const struct prv_header *id = prv_header_find(h, nr, "message-id");

	return id ? prv_msgid_parse(a, id->value, id->value_len, NULL) : NULL;
}
