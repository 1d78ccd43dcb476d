// SPDX-License-Identifier: GPL-2.0-or-later
/* Message-ids: see core/mail/msgid.h. */
#include <string.h>

#include "core/base/util.h"
#include "core/mail/msgid.h"

#define SEGMENTS_MAX 64
/* Percent-decoding rounds tried: "%25" nests one more each. */
#define DECODE_ROUNDS 4

bool prv_msgid_valid(const char *id, size_t len)
{
	const unsigned char *p = (const unsigned char *)id;
	size_t i;

	if (!len || len > PRV_MSGID_MAX)
		return false;
	for (i = 0; i < len; i++)
		if (p[i] <= ' ' || p[i] == 0x7f || p[i] == '<' || p[i] == '>')
			return false;
	return prv_msgid_url_safe(id, len);
}

static bool is_path_sep(char c)
{
	return c == '/' || c == '\\';
}

/* True if some segment of the `len` bytes at `s` is "." or "..". */
static bool has_dot_segment(const char *s, size_t len)
{
	size_t i = 0, start;

	while (i <= len) {
		start = i;
		while (i < len && !is_path_sep(s[i]))
			i++;
		if ((i - start == 1 && s[start] == '.') ||
		    (i - start == 2 && s[start] == '.' && s[start + 1] == '.'))
			return true;
		i++;
	}
	return false;
}

bool prv_msgid_url_safe(const char *id, size_t len)
{
	char buf[3 * PRV_MSGID_MAX + 1];
	size_t n;
	int round;

	if (len >= sizeof(buf))
		return false;
	memcpy(buf, id, len);
	for (round = 0; round < DECODE_ROUNDS; round++) {
		if (has_dot_segment(buf, len))
			return false;
		n = prv_pct_decode(buf, buf, len);
		if (n == len)
			return true;
		len = n;
	}
	return !has_dot_segment(buf, len);
}

static bool is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* A bounded strchr(): NUL bytes count as the end, as in a C string. */
static const char *find(const char *s, const char *end, char c)
{
	for (; s < end && *s; s++)
		if (*s == c)
			return s;
	return NULL;
}

const char *prv_msgid_parse(struct prv_arena *a, const char *s, size_t len,
			    const char **rest)
{
	const char *end = s + len, *lt, *gt, *e;

	while ((lt = find(s, end, '<')) && (gt = find(lt + 1, end, '>'))) {
		const char *b = lt + 1;

		if (rest)
			*rest = gt + 1;
		while (b < gt && is_ws(*b))
			b++;
		e = gt;
		while (e > b && is_ws(e[-1]))
			e--;
		if (e != b && e - b <= PRV_MSGID_MAX)
			return prv_arena_strndup(a, b, (size_t)(e - b));
		s = gt + 1;
	}
	if (rest)
		*rest = end;
	if (lt)
		return NULL;
	while (s < end && is_ws(*s))
		s++;
	for (e = s; e < end && *e && !is_ws(*e); e++)
		;
	if (e == s || e - s > PRV_MSGID_MAX)
		return NULL;
	return prv_arena_strndup(a, s, (size_t)(e - s));
}

struct segment {
	const char *p;
	size_t len;
};

/* Hosts whose message URLs need no '@' in the id: its path segment. */
static size_t id_segment_of_host(const char *host, size_t len, size_t nr)
{
	if (prv_eq_ci(host, len, "lore.kernel.org") ||
	    prv_eq_ci(host, len, "lkml.kernel.org"))
		return 1; /* /<list>/<id>, /r/<id> */
	if (prv_eq_ci(host, len, "patch.msgid.link"))
		return 0;
	return nr;
}

static bool is_id_segment(const char *seg, size_t len)
{
	return memchr(seg, '@', len) ||
	       (len >= 3 && memmem(seg, len, "%40", 3));
}

/* The non-empty segments of [p, end); -1 when there are too many. */
static int split_path(struct segment *segs, const char *p, const char *end)
{
	int nr = 0;

	while (p < end) {
		const char *s;

		while (p < end && *p == '/')
			p++;
		s = p;
		while (p < end && *p != '/')
			p++;
		if (p == s)
			continue;
		if (nr == SEGMENTS_MAX)
			return -1;
		segs[nr].p = s;
		segs[nr++].len = (size_t)(p - s);
	}
	return nr;
}

bool prv_msgid_url_split(struct prv_msgid_url *out, const char *url, size_t len,
			 bool any_host)
{
	struct segment segs[SEGMENTS_MAX];
	const char *end = url + len, *host = url, *path;
	size_t id;
	int nr;

	if (prv_starts_with_ci(url, len, "https://"))
		host = url + 8;
	else if (prv_starts_with_ci(url, len, "http://"))
		host = url + 7;
	for (path = host; path < end; path++)
		if (*path == '?' || *path == '#') {
			end = path;
			break;
		}
	path = memchr(host, '/', (size_t)(end - host));
	if (!path)
		path = end;
	if (path == host || (nr = split_path(segs, path, end)) < 0)
		return false;
	for (id = 0; id < (size_t)nr; id++)
		if (is_id_segment(segs[id].p, segs[id].len))
			break;
	if (id == (size_t)nr)
		id = any_host ? 1 :
				id_segment_of_host(host, (size_t)(path - host),
						   (size_t)nr);
	if (id >= (size_t)nr)
		return false;
	out->host = host;
	out->host_len = (size_t)(path - host);
	out->inbox = id ? segs[0].p : "";
	out->inbox_len =
		id ? (size_t)(segs[id - 1].p + segs[id - 1].len - segs[0].p) :
		     0;
	out->id = segs[id].p;
	out->id_len = segs[id].len;
	return true;
}
