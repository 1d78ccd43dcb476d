// SPDX-License-Identifier: GPL-2.0-or-later
#include <string.h>

#include "core/base/buf.h"
#include "core/base/charset.h"
#include "core/base/error.h"
#include "core/mail/mime.h"
#include "core/base/util.h"

/*
 * The body as git mailinfo sees it: the text of the message, or of its
 * MIME parts one after the other, transfer encoding undone, in UTF-8.
 * Unlike git we drop HTML, signatures and binary parts instead of pasting
 * them into the commit message.
 */

enum cte {
	CTE_NONE,
	CTE_QP,
	CTE_BASE64,
};

struct walk {
	struct prv_arena *a;
	struct prv_buf out;
	const char *source;
	const char *msgid; /* for warnings */
	struct prv_warnings *w;
	unsigned flags;
	size_t kept;
	bool html;
	bool in_alternative; /* walking the parts of multipart/alternative */
	bool flowed_patch; /* a flowed part held a patch */
	bool latin1_warned;
	int err;
};

static bool is_wsp(char c)
{
	return c == ' ' || c == '\t';
}

static bool token_eq(const char *s, size_t len, const char *lit)
{
	return prv_eq_ci(s, len, lit);
}

/* A parameter value as it stands: a quoted string or a token. */
struct param_value {
	const char *v, *vend;
	bool quoted, esc;
};

static const char *read_param_value(const char *p, const char *end,
				    struct param_value *pv)
{
	*pv = (struct param_value){ 0 };
	if (p < end && *p == '"') {
		pv->quoted = true;
		pv->v = ++p;
		while (p < end && *p != '"') {
			if (*p == '\\' && p + 1 < end) {
				pv->esc = true;
				p++;
			}
			p++;
		}
		pv->vend = p;
		return p + (p < end);
	}
	pv->v = p;
	while (p < end && *p != ';' && !is_wsp(*p))
		p++;
	pv->vend = p;
	return p;
}

/*
 * Whether @name is @param, or its RFC 2231 forms name* (charset'lang'
 * value), name*0 and name*0*; @ext tells the forms with a charset.
 */
static bool param_name_is(const char *name, size_t nlen, const char *param,
			  bool *ext)
{
	size_t plen = strlen(param), xl;
	const char *x;

	*ext = false;
	if (nlen < plen || strncasecmp(name, param, plen))
		return false;
	if (nlen == plen)
		return true;
	if (name[plen] != '*')
		return false;
	xl = nlen - plen - 1;
	x = name + plen + 1;
	*ext = !xl || xl == 2;
	return !xl || (x[0] == '0' && (xl == 1 || (xl == 2 && x[1] == '*')));
}

/* The value with RFC 2231's charset'lang' prefix and quoting taken off. */
static const char *param_text(struct prv_arena *a, struct param_value *pv,
			      bool ext, size_t *len)
{
	const char *v = pv->v, *vend = pv->vend;
	char *unq, *u;

	if (ext && !pv->quoted) {
		const char *q = memchr(v, '\'', (size_t)(vend - v));

		if (q)
			q = memchr(q + 1, '\'', (size_t)(vend - q - 1));
		if (q)
			v = q + 1;
	}
	if (!pv->esc) {
		*len = (size_t)(vend - v);
		return v;
	}
	unq = prv_arena_alloc(a, (size_t)(vend - v) + 1);
	for (u = unq; v < vend; v++) {
		if (*v == '\\' && v + 1 < vend)
			v++;
		*u++ = *v;
	}
	*len = (size_t)(u - unq);
	return unq;
}

const char *prv_mime_param(struct prv_arena *a, const char *value,
			   size_t value_len, const char *param, size_t *len)
{
	const char *p, *end = value + value_len;

	*len = 0;
	/* skip the type itself */
	p = memchr(value, ';', value_len);
	while (p && p < end) {
		const char *name;
		struct param_value pv;
		size_t nlen;
		bool ext;

		p++;
		while (p < end && (is_wsp(*p) || *p == ';'))
			p++;
		name = p;
		while (p < end && *p != '=' && *p != ';' && !is_wsp(*p))
			p++;
		nlen = (size_t)(p - name);
		while (p < end && is_wsp(*p))
			p++;
		if (p >= end || *p != '=') {
			p = memchr(p, ';', (size_t)(end - p));
			continue;
		}
		p++;
		while (p < end && is_wsp(*p))
			p++;
		p = read_param_value(p, end, &pv);
		if (param_name_is(name, nlen, param, &ext))
			return param_text(a, &pv, ext, len);
		p = memchr(p, ';', (size_t)(end - p));
	}
	return NULL;
}

/* "type/subtype" of a Content-Type value, lower case compared. */
static void content_type(const char *v, size_t vlen, const char **type,
			 size_t *tlen)
{
	size_t i = 0, j;

	while (i < vlen && is_wsp(v[i]))
		i++;
	j = i;
	while (j < vlen && v[j] != ';' && !is_wsp(v[j]))
		j++;
	*type = v + i;
	*tlen = j - i;
}

static enum cte parse_cte(struct walk *wk, const struct prv_header *h)
{
	const char *v;
	size_t l;

	if (!h)
		return CTE_NONE;
	content_type(h->value, h->value_len, &v, &l);
	if (token_eq(v, l, "quoted-printable"))
		return CTE_QP;
	if (token_eq(v, l, "base64"))
		return CTE_BASE64;
	if (!token_eq(v, l, "7bit") && !token_eq(v, l, "8bit") &&
	    !token_eq(v, l, "binary") && l)
		prv_warn(
			wk->w, wk->source, NULL,
			"unknown Content-Transfer-Encoding '%.*s' read as 8bit",
			(int)(l > 40 ? 40 : l), v);
	return CTE_NONE;
}

static int decode_qp(struct prv_buf *out, const char *s, size_t len)
{
	const char *p = s, *end = s + len;

	if (prv_buf_grow(out, len))
		return PRV_ENOMEM;
	while (p < end) {
		const char *eq = memchr(p, '=', (size_t)(end - p));
		size_t lit = eq ? (size_t)(eq - p) : (size_t)(end - p);

		memcpy(out->data + out->len, p, lit);
		out->len += lit;
		p += lit;
		if (!eq)
			break;
		/* soft line break: "=" then optional blanks then EOL */
		{
			const char *q = eq + 1;

			while (q < end && (*q == ' ' || *q == '\t'))
				q++;
			if (q < end && *q == '\r' && q + 1 < end &&
			    q[1] == '\n')
				q++;
			if (q == end || *q == '\n') {
				p = q < end ? q + 1 : q;
				continue;
			}
		}
		if (eq + 2 < end && prv_hexval(eq[1]) >= 0 &&
		    prv_hexval(eq[2]) >= 0) {
			out->data[out->len++] = (char)(prv_hexval(eq[1]) * 16 +
						       prv_hexval(eq[2]));
			p = eq + 3;
		} else {
			out->data[out->len++] = '=';
			p = eq + 1;
		}
	}
	out->data[out->len] = '\0';
	return 0;
}

int prv_mime_b64val(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

static int decode_base64(struct prv_buf *out, const char *s, size_t len)
{
	unsigned acc = 0;
	int bits = 0;
	size_t i;

	if (prv_buf_grow(out, len / 4 * 3 + 3))
		return PRV_ENOMEM;
	for (i = 0; i < len; i++) {
		int v = prv_mime_b64val((unsigned char)s[i]);

		if (s[i] == '=')
			bits = 0;
		if (v < 0)
			continue;
		acc = (acc << 6) | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out->data[out->len++] = (char)((acc >> bits) & 0xff);
		}
	}
	out->data[out->len] = '\0';
	return 0;
}

/* git mailinfo's patchbreak(): where the patch starts. */
static bool is_patch_start(const char *s, size_t len)
{
	size_t i;

	if (prv_starts_with(s, len, "diff -") ||
	    prv_starts_with(s, len, "Index: "))
		return true;
	if (len < 3 || memcmp(s, "---", 3))
		return false;
	/* "--- <filename>" */
	if (len > 4 && s[3] == ' ' && !is_wsp(s[4]) && s[4] != '\r')
		return true;
	/* "---" and white space only */
	for (i = 3; i < len; i++)
		if (!is_wsp(s[i]) && s[i] != '\r')
			return false;
	return true;
}

/*
 * Append UTF-8 text to the body: CRLF made LF, NULs noted, and when
 * `flowed`, RFC 3676 soft breaks undone up to the start of the patch (git
 * mailinfo undoes them in the commit message only).
 */
static int append_text(struct walk *wk, const char *s, size_t len, bool flowed,
		       bool delsp)
{
	struct prv_buf *out = &wk->out;
	const char *p = s, *end = s + len;

	if (memchr(s, '\0', len))
		wk->flags |= PRV_MSG_NUL;
	if (prv_buf_grow(out, len + 1))
		return PRV_ENOMEM;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);
		bool eol = nl != NULL;

		if (l && p[l - 1] == '\r' && eol)
			l--;
		if (flowed) {
			if (is_patch_start(p, l)) {
				flowed = false;
				wk->flowed_patch = true;
			} else {
				size_t q = 0;

				while (q < l && p[q] == '>')
					q++;
				/* space stuffing */
				if (q < l && p[q] == ' ' && !q) {
					p++;
					l--;
				}
				if (l && p[l - 1] == ' ' && eol &&
				    !(l == 3 && !memcmp(p, "-- ", 3))) {
					if (delsp)
						l--;
					eol = false;
				}
			}
		}
		memcpy(out->data + out->len, p, l);
		out->len += l;
		if (eol)
			out->data[out->len++] = '\n';
		p = nl ? nl + 1 : end;
	}
	out->data[out->len] = '\0';
	return 0;
}

/* Bytes in charset `cs` to UTF-8 in tmp; Latin-1 when that fails. */
static int to_utf8(struct walk *wk, struct prv_buf *tmp, const char *s,
		   size_t len, const char *cs, size_t cslen)
{
	int err;

	if (cs && cslen && !prv_charset_is_utf8(cs, cslen)) {
		err = prv_charset_to_utf8(tmp, cs, cslen, s, len);
		if (err != -1)
			return err;
		prv_warn(wk->w, wk->source, wk->msgid,
			 "could not convert body from charset '%.*s': read as "
			 "%s",
			 (int)(cslen > 40 ? 40 : cslen), cs,
			 prv_utf8_valid_prefix(s, len) == len ?
				 "UTF-8" :
				 "UTF-8, invalid bytes as Latin-1");
		wk->latin1_warned = true;
		return prv_utf8_append_sanitized(tmp, s, len);
	}
	if (prv_utf8_valid_prefix(s, len) != len && !wk->latin1_warned) {
		prv_warn(wk->w, wk->source, wk->msgid,
			 "body is not valid UTF-8: invalid bytes read as "
			 "Latin-1");
		wk->latin1_warned = true;
	}
	return prv_utf8_append_sanitized(tmp, s, len);
}

/* Decode one leaf part and append it to the body. */
static void add_part(struct walk *wk, const struct prv_header *h, size_t nr,
		     const char *body, size_t len)
{
	struct prv_buf dec = PRV_BUF_INIT, utf = PRV_BUF_INIT;
	const struct prv_header *ct = prv_header_find(h, nr, "content-type");
	const char *cs = NULL, *fmt = NULL, *ds = NULL;
	size_t cslen = 0, fmtlen = 0, dslen = 0;
	enum cte cte = parse_cte(
		wk, prv_header_find(h, nr, "content-transfer-encoding"));
	bool flowed = false, delsp = false;
	int err = 0;

	if (ct) {
		cs = prv_mime_param(wk->a, ct->value, ct->value_len, "charset",
				    &cslen);
		fmt = prv_mime_param(wk->a, ct->value, ct->value_len, "format",
				     &fmtlen);
		ds = prv_mime_param(wk->a, ct->value, ct->value_len, "delsp",
				    &dslen);
		flowed = fmt && token_eq(fmt, fmtlen, "flowed");
		delsp = flowed && ds && token_eq(ds, dslen, "yes");
	}
	if (cte == CTE_QP) {
		err = decode_qp(&dec, body, len);
		body = dec.data;
		len = dec.len;
	} else if (cte == CTE_BASE64) {
		err = decode_base64(&dec, body, len);
		body = dec.data;
		len = dec.len;
	}
	if (!err)
		err = to_utf8(wk, &utf, body, len, cs, cslen);
	if (!err && flowed)
		wk->flags |= PRV_MSG_FLOWED;
	if (!err && wk->kept && wk->out.len &&
	    wk->out.data[wk->out.len - 1] != '\n')
		err = prv_buf_addch(&wk->out, '\n');
	wk->flowed_patch = false;
	if (!err)
		err = append_text(wk, utf.data, utf.len, flowed, delsp);
	/* undoing flowed text is right for prose; a patch may have suffered */
	if (!err && wk->flowed_patch)
		prv_warn(wk->w, wk->source, wk->msgid,
			 "format=flowed%s undone: the patch may be mangled",
			 delsp ? " (DelSp=yes)" : "");
	if (err && !wk->err)
		wk->err = err;
	wk->kept++;
	prv_buf_release(&dec);
	prv_buf_release(&utf);
}

static bool name_is_patch(const char *n, size_t l)
{
	return (l > 6 && !strncasecmp(n + l - 6, ".patch", 6)) ||
	       (l > 5 && !strncasecmp(n + l - 5, ".diff", 5));
}

/* Should a leaf part of this type be part of the body? */
static bool keep_part(struct walk *wk, const struct prv_header *h, size_t nr,
		      const char *type, size_t tlen, bool *attached)
{
	const struct prv_header *ct = prv_header_find(h, nr, "content-type");
	const struct prv_header *cd =
		prv_header_find(h, nr, "content-disposition");
	const char *name = NULL;
	size_t nlen = 0;

	*attached = false;
	if (cd) {
		const char *d;
		size_t dl;

		content_type(cd->value, cd->value_len, &d, &dl);
		*attached = token_eq(d, dl, "attachment");
		name = prv_mime_param(wk->a, cd->value, cd->value_len,
				      "filename", &nlen);
	}
	if (!name && ct)
		name = prv_mime_param(wk->a, ct->value, ct->value_len, "name",
				      &nlen);
	if (!tlen || token_eq(type, tlen, "text/plain"))
		return true;
	if (token_eq(type, tlen, "text/x-patch") ||
	    token_eq(type, tlen, "text/x-diff") ||
	    token_eq(type, tlen, "text/diff") ||
	    token_eq(type, tlen, "text/patch") ||
	    token_eq(type, tlen, "application/x-patch") ||
	    token_eq(type, tlen, "application/x-diff")) {
		*attached = true;
		return true;
	}
	if (name && name_is_patch(name, nlen)) {
		*attached = true;
		return true;
	}
	if (token_eq(type, tlen, "text/html")) {
		/* the HTML twin of a text part goes without a word */
		wk->html = true;
		if (!wk->in_alternative)
			prv_warn(wk->w, wk->source, wk->msgid,
				 "text/html part dropped");
		return false;
	}
	if (token_eq(type, tlen, "application/pgp-signature") ||
	    token_eq(type, tlen, "application/pkcs7-signature") ||
	    token_eq(type, tlen, "application/x-pkcs7-signature"))
		return false;
	prv_warn(wk->w, wk->source, wk->msgid, "%.*s part dropped",
		 (int)(tlen > 60 ? 60 : tlen), type);
	return false;
}

/*
 * A boundary line: "--" boundary, then nothing but "--" and/or white space.
 * Returns 1 for a part boundary, 2 for the closing one, 0 otherwise.
 */
static int boundary_kind(const char *line, size_t len, const char *b,
			 size_t blen)
{
	size_t i;
	int kind = 1;

	if (len < blen + 2 || line[0] != '-' || line[1] != '-' ||
	    memcmp(line + 2, b, blen))
		return 0;
	i = blen + 2;
	if (len - i >= 2 && line[i] == '-' && line[i + 1] == '-') {
		kind = 2;
		i += 2;
	}
	for (; i < len; i++)
		if (!is_wsp(line[i]) && line[i] != '\r')
			return 0;
	return kind;
}

static void walk_entity(struct walk *wk, const struct prv_header *h, size_t nr,
			const char *body, size_t len, int depth);

/* The headers of the MIME part [part, part + len): the offset of its body. */
static size_t part_headers(struct walk *wk, struct prv_header **ph, size_t *pnr,
			   const char *part, size_t len)
{
	unsigned f = 0;
	size_t off = prv_header_parse(ph, pnr, wk->a, part, len, &f, wk->source,
				      wk->msgid, wk->w);

	if (f & PRV_HEADER_TOO_MANY)
		prv_warn(wk->w, wk->source, wk->msgid,
			 "more than %d header fields in a MIME part: the "
			 "rest ignored",
			 PRV_MSG_HEADERS_MAX);
	return off;
}

static void walk_multipart(struct walk *wk, const char *body, size_t len,
			   const char *b, size_t blen, int depth)
{
	const char *p = body, *end = body + len, *part = NULL;
	bool closed = false;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *next = nl ? nl + 1 : end;
		int kind = 0;

		if (p[0] == '-')
			kind = boundary_kind(
				p, (size_t)(next - p - (nl != NULL)), b, blen);
		if (kind) {
			if (part) {
				struct prv_header *ph;
				size_t pnr, off;

				off = part_headers(wk, &ph, &pnr, part,
						   (size_t)(p - part));
				walk_entity(wk, ph, pnr, part + off,
					    (size_t)(p - part) - off,
					    depth + 1);
			}
			part = next;
			if (kind == 2) {
				closed = true;
				break;
			}
		}
		p = next;
	}
	if (!closed) {
		prv_warn(wk->w, wk->source, wk->msgid,
			 "multipart without its closing boundary '--%.*s--'",
			 (int)(blen > 70 ? 70 : blen), b);
		if (part && part < end) {
			struct prv_header *ph;
			size_t pnr, off;

			off = part_headers(wk, &ph, &pnr, part,
					   (size_t)(end - part));
			walk_entity(wk, ph, pnr, part + off,
				    (size_t)(end - part) - off, depth + 1);
		}
	} else if (wk->kept && !wk->err) {
		/* git mailinfo adds a line break after each closing boundary */
		if (prv_buf_addch(&wk->out, '\n'))
			wk->err = PRV_ENOMEM;
	}
	if (!part)
		prv_warn(wk->w, wk->source, wk->msgid,
			 "multipart without any boundary '--%.*s'",
			 (int)(blen > 70 ? 70 : blen), b);
}

static void walk_entity(struct walk *wk, const struct prv_header *h, size_t nr,
			const char *body, size_t len, int depth)
{
	const struct prv_header *ct = prv_header_find(h, nr, "content-type");
	const char *type = NULL;
	size_t tlen = 0;
	bool attached;

	if (ct)
		content_type(ct->value, ct->value_len, &type, &tlen);
	if (tlen > 10 && !strncasecmp(type, "multipart/", 10)) {
		size_t blen;
		const char *b = prv_mime_param(wk->a, ct->value, ct->value_len,
					       "boundary", &blen);

		if (!b || !blen) {
			prv_warn(wk->w, wk->source, wk->msgid,
				 "multipart without a boundary read as text");
		} else if (depth >= PRV_MIME_DEPTH_MAX) {
			prv_warn(wk->w, wk->source, wk->msgid,
				 "multipart nested deeper than %d dropped",
				 PRV_MIME_DEPTH_MAX);
			return;
		} else {
			bool outer = wk->in_alternative;

			wk->flags |= PRV_MSG_MULTIPART;
			wk->in_alternative =
				token_eq(type, tlen, "multipart/alternative");
			walk_multipart(wk, body, len, b, blen, depth);
			wk->in_alternative = outer;
			return;
		}
		tlen = 0;
	}
	if (depth == 0) {
		/* the message itself: anything but HTML is its text */
		if (tlen && token_eq(type, tlen, "text/html")) {
			wk->html = true;
			return;
		}
		add_part(wk, h, nr, body, len);
		return;
	}
	if (!keep_part(wk, h, nr, type, tlen, &attached))
		return;
	if (attached)
		wk->flags |= PRV_MSG_ATTACHED_PATCH;
	add_part(wk, h, nr, body, len);
}

/* The common case: one plain part that needs no change at all. */
static bool is_plain(const struct prv_msg *m, struct prv_arena *a,
		     const char *body, size_t len)
{
	const struct prv_header *ct, *te;

	ct = prv_header_find(m->headers, m->nr_headers, "content-type");
	te = prv_header_find(m->headers, m->nr_headers,
			     "content-transfer-encoding");
	if (te && !prv_eq_ci(te->value, te->value_len, "7bit") &&
	    !prv_eq_ci(te->value, te->value_len, "8bit"))
		return false;
	if (ct) {
		const char *type, *cs, *fmt;
		size_t tlen, cslen, flen;

		content_type(ct->value, ct->value_len, &type, &tlen);
		if (!token_eq(type, tlen, "text/plain"))
			return false;
		cs = prv_mime_param(a, ct->value, ct->value_len, "charset",
				    &cslen);
		if (cs && !prv_charset_is_utf8(cs, cslen))
			return false;
		fmt = prv_mime_param(a, ct->value, ct->value_len, "format",
				     &flen);
		if (fmt && token_eq(fmt, flen, "flowed"))
			return false;
	}
	return prv_utf8_clean_prefix(body, len) == len;
}

static int mime_body(struct prv_msg *out, struct prv_arena *a, const char *body,
		     size_t len, const char *source, const char *message_id,
		     struct prv_warnings *w, bool inplace)
{
	struct walk wk;

	if (is_plain(out, a, body, len)) {
		/* body[len] is a NUL that lives as long as the arena */
		out->body = inplace ? (char *)body :
				      prv_arena_strndup(a, body, len);
		out->body_len = len;
		return 0;
	}
	memset(&wk, 0, sizeof(wk));
	wk.a = a;
	prv_buf_init(&wk.out);
	wk.source = source;
	wk.msgid = message_id;
	wk.w = w;
	walk_entity(&wk, out->headers, out->nr_headers, body, len, 0);
	if (!wk.kept && wk.html) {
		wk.flags |= PRV_MSG_HTML_ONLY;
		prv_warn(w, source, message_id,
			 "only HTML text: the body is empty");
	}
	if (wk.flags & PRV_MSG_NUL)
		prv_warn(w, source, message_id, "NUL bytes in the body");
	out->flags |= wk.flags;
	out->body = prv_arena_strndup(a, wk.out.data, wk.out.len);
	out->body_len = wk.out.len;
	prv_buf_release(&wk.out);
	if (wk.err)
		return prv_error(wk.err,
				 "message in '%s' is too large to decode",
				 source ? source : "<input>");
	return 0;
}

int prv_mime_body(struct prv_msg *out, struct prv_arena *a, const char *body,
		  size_t len, const char *source, const char *message_id,
		  struct prv_warnings *w)
{
	return mime_body(out, a, body, len, source, message_id, w, false);
}

int prv_mime_body_inplace(struct prv_msg *out, struct prv_arena *a,
			  const char *body, size_t len, const char *source,
			  const char *message_id, struct prv_warnings *w)
{
	return mime_body(out, a, body, len, source, message_id, w, true);
}
