// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The b4 footer and the links to earlier versions in a mail's text (see
 * core/mail/b4lines.h for the forms).
 */
#include <string.h>

#include "core/base/util.h"
#include "core/mail/b4lines.h"
#include "core/mail/msgid.h"

#define FOOTNOTES_MAX 16

/* What the lines before the current one said, within one text. */
struct b4_state {
	int label; /* the line before was "v1:" alone: its version */
	struct {
		int mark, version;
	} notes[FOOTNOTES_MAX]; /* "Changes from v11 [1]:": 1 -> 11 */
	size_t nr_notes;
};

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
	       c == '\f';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_word(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z') || c == '_';
}

static const char *skip_blanks(const char *p, const char *end)
{
	while (p < end && is_blank(*p))
		p++;
	return p;
}

bool prv_b4_footer_line(const char **value, size_t *value_len, const char *key,
			const char *line, size_t len)
{
	size_t k = strlen(key), b, e;

	if (len <= k || memcmp(line, key, k))
		return false;
	for (b = k; b < len && is_blank(line[b]); b++)
		;
	for (e = b; e < len && !is_blank(line[e]); e++)
		;
	if (e == b)
		return false;
	for (k = e; k < len; k++)
		if (!is_blank(line[k]))
			return false;
	*value = line + b;
	*value_len = e - b;
	return true;
}

/* 1 to 3 digits not followed by a word character: their value, else 0. */
static int number_at(const char **pp, const char *end)
{
	const char *p = *pp;
	int v = 0;

	while (p < end && is_digit(*p) && p - *pp < 4)
		v = v * 10 + (*p++ - '0');
	if (p == *pp || p - *pp > 3 || (p < end && is_word(*p)))
		return 0;
	*pp = p;
	return v;
}

/*
 * "vN" or "version N" (any case) at p, which starts a word: N, and *pp
 * moved past it; else 0.
 */
static int version_at(const char **pp, const char *end)
{
	const char *p = *pp;
	int v;

	if (p < end && (*p == 'v' || *p == 'V') && p + 1 < end &&
	    is_digit(p[1])) {
		p++;
	} else if (prv_starts_with_ci(p, (size_t)(end - p), "version")) {
		p = skip_blanks(p + 7, end);
	} else {
		return 0;
	}
	v = number_at(&p, end);
	if (v)
		*pp = p;
	return v;
}

/* The first version named in [p, end), 0 when none is. */
static int first_version(const char *p, const char *end)
{
	const char *start = p;

	for (; p < end; p++) {
		const char *q = p;
		int v;

		if (p > start && is_word(p[-1]))
			continue;
		v = version_at(&q, end);
		if (v)
			return v;
	}
	return 0;
}

bool prv_b4_link_line(int *version, const char **url, size_t *url_len,
		      const char *line, size_t len)
{
	const char *end = line + len, *p;

	for (p = line; p + 4 <= end; p++) {
		const char *q = p + 4, *u;
		int v;

		if ((p > line && is_word(p[-1])) ||
		    !prv_starts_with_ci(p, 4, "link"))
			continue;
		if (q == end || !is_blank(*q))
			continue;
		q = skip_blanks(q, end);
		if (!prv_starts_with_ci(q, (size_t)(end - q), "to") ||
		    q + 2 == end || !is_blank(q[2]))
			continue;
		q = skip_blanks(q + 2, end);
		if (q == end || (*q != 'v' && *q != 'V'))
			continue;
		q++;
		v = number_at(&q, end);
		if (!v)
			continue;
		q = skip_blanks(q, end);
		if (q < end && *q == ':')
			q = skip_blanks(q + 1, end);
		if (q < end && *q == '<')
			q++;
		u = q;
		if (prv_starts_with_ci(u, (size_t)(end - u), "http://"))
			q = u + 7;
		else if (prv_starts_with_ci(u, (size_t)(end - u), "https://"))
			q = u + 8;
		else
			continue;
		if (q == end || is_blank(*q) || *q == '>')
			continue;
		while (q < end && !is_blank(*q) && *q != '>')
			q++;
		*version = v;
		*url = u;
		*url_len = (size_t)(q - u);
		return true;
	}
	return false;
}

const char *prv_b4_url_msgid(struct prv_arena *a, const char *url, size_t len)
{
	struct prv_msgid_url u;
	char *id;
	size_t n;

	for (n = 0; n < len; n++)
		if (url[n] == '?' || url[n] == '#')
			break;
	len = n;
	while (len && strchr(".,;:'\"", url[len - 1]))
		len--;
	if (!prv_msgid_url_split(&u, url, len, false) ||
	    u.id_len > 3 * PRV_MSGID_MAX)
		return NULL;
	id = prv_arena_alloc(a, u.id_len + 1);
	n = prv_pct_decode(id, u.id, u.id_len);
	id[n] = '\0';
	return prv_msgid_valid(id, n) ? id : NULL;
}

/* Where a message URL starts at p (scheme, or a bare lore host): its end. */
static const char *url_at(const char *p, const char *end)
{
	static const char *const starts[] = { "https://", "http://",
					      "lore.kernel.org/",
					      "patch.msgid.link/" };
	size_t i;

	for (i = 0; i < PRV_ARRAY_SIZE(starts); i++)
		if (prv_starts_with_ci(p, (size_t)(end - p), starts[i]))
			break;
	if (i == PRV_ARRAY_SIZE(starts))
		return NULL;
	while (p < end && !is_blank(*p) && !strchr("<>\")]", *p))
		p++;
	return p;
}

/* The next URL in [p, end) that starts a word: its bounds. */
static const char *next_url(const char *p, const char *end, const char **uend)
{
	const char *start = p;

	for (; p < end; p++) {
		if (p > start && (is_word(p[-1]) || p[-1] == '.' ||
				  p[-1] == '/' || p[-1] == '-'))
			continue;
		if ((*uend = url_at(p, end)))
			return p;
	}
	return NULL;
}

/* "[k]" or "[k]:" at p: k (1-99), p moved past it; else 0. */
static int footnote_at(const char **pp, const char *end)
{
	const char *p = *pp;
	int k = 0;

	if (p == end || *p != '[')
		return 0;
	for (p++; p < end && is_digit(*p) && k < 100; p++)
		k = k * 10 + (*p - '0');
	if (!k || k > 99 || p == end || *p != ']')
		return 0;
	p++;
	if (p < end && *p == ':')
		p++;
	*pp = p;
	return k;
}

/* Bullets and blanks that may open a line before what it says. */
static const char *skip_bullets(const char *p, const char *end)
{
	while (p < end && (is_blank(*p) || *p == '-' || *p == '*'))
		p++;
	return p;
}

/* A line that says only "v1:", "[v1]", "Version 1:": the version. */
static int label_line(const char *p, const char *end)
{
	int v;

	p = skip_bullets(p, end);
	if (p < end && *p == '[')
		p++;
	v = version_at(&p, end);
	if (!v)
		return 0;
	if (p < end && *p == ']')
		p++;
	if (p < end && *p == ':')
		p++;
	return skip_blanks(p, end) == end ? v : 0;
}

/* Remember "[k]" marks that follow a version on a line. */
static void note_marks(struct b4_state *st, const char *p, const char *end)
{
	const char *start = p;
	int v = 0;

	while (p < end) {
		const char *q = p;
		int k;

		if (!(p > start && is_word(p[-1])) && version_at(&q, end)) {
			v = version_at(&p, end);
			continue;
		}
		k = v ? footnote_at(&q, end) : 0;
		if (k && st->nr_notes < FOOTNOTES_MAX) {
			st->notes[st->nr_notes].mark = k;
			st->notes[st->nr_notes++].version = v;
		}
		p = k ? q : p + 1;
	}
}

/*
 * The version a URL first on its line has from the lines before it (a
 * label, a footnote), 0 when none.
 */
static int inherited_version(const struct b4_state *st, const char *line,
			     const char *url)
{
	const char *p = skip_bullets(line, url);
	int k = footnote_at(&p, url);
	size_t i;

	p = skip_blanks(p, url);
	if (p < url && *p == '<')
		p++;
	if (p != url)
		return 0;
	if (!k)
		return st->label;
	for (i = st->nr_notes; i--;)
		if (st->notes[i].mark == k)
			return st->notes[i].version;
	return 0;
}

/* "Previous version: <url>": a link to an earlier version, number unsaid. */
static bool names_previous(const char *p, const char *end)
{
	static const char *const words[] = { "version", "revision", "posting",
					     "series" };
	size_t i;

	for (; p < end; p++) {
		const char *q;

		if (!prv_starts_with_ci(p, (size_t)(end - p), "previous") &&
		    !prv_starts_with_ci(p, (size_t)(end - p), "prev "))
			continue;
		q = p + (p[4] == ' ' ? 4 : 8);
		q = skip_blanks(q, end);
		for (i = 0; i < PRV_ARRAY_SIZE(words); i++)
			if (prv_starts_with_ci(q, (size_t)(end - q), words[i]))
				return true;
	}
	return false;
}

static void add_link(struct prv_b4lines *acc, struct prv_arena *a, int version,
		     const char *msgid)
{
	size_t i;

	for (i = 0; i < acc->nr_links; i++)
		if (!strcmp(acc->links[i].msgid, msgid))
			return;
	if (acc->nr_links >= PRV_B4_LINKS_MAX)
		return;
	PRV_ARENA_GROW(a, acc->links, acc->nr_links + 1, acc->alloc_links);
	acc->links[acc->nr_links].version = version;
	acc->links[acc->nr_links++].msgid = msgid;
}

/* The links on one line, each URL with the version said before it. */
static void read_links(struct prv_b4lines *acc, struct prv_arena *a,
		       const struct b4_state *st, const char *line,
		       const char *end)
{
	const char *p = line, *u, *uend, *id;

	while ((u = next_url(p, end, &uend))) {
		int v = first_version(p, u);

		if (!v && p == line)
			v = inherited_version(st, line, u);
		if ((v || names_previous(p, u)) &&
		    (id = prv_b4_url_msgid(a, u, (size_t)(uend - u))))
			add_link(acc, a, v, id);
		p = uend;
	}
}

static void read_footer(struct prv_b4lines *acc, struct prv_arena *a,
			const char *p, size_t ll)
{
	const char *v;
	size_t vlen;

	if (!acc->change_id &&
	    prv_b4_footer_line(&v, &vlen, "change-id:", p, ll)) {
		acc->change_id = prv_arena_strndup(a, v, vlen);
	} else if (!acc->base_commit &&
		   prv_b4_footer_line(&v, &vlen, "base-commit:", p, ll)) {
		acc->base_commit = prv_arena_strndup(a, v, vlen);
	} else if (prv_starts_with(p, ll, "prerequisite-") &&
		   memchr(p, ':', ll) &&
		   acc->nr_prerequisites < PRV_B4_PREREQUISITES_MAX) {
		while (ll && is_blank(p[ll - 1]))
			ll--;
		PRV_ARENA_GROW(a, acc->prerequisites, acc->nr_prerequisites + 1,
			       acc->alloc_prerequisites);
		acc->prerequisites[acc->nr_prerequisites++] =
			prv_arena_strndup(a, p, ll);
	}
}

static bool is_quoted(const char *p, size_t ll)
{
	return ll && *p == '>' && !prv_starts_with(p, ll, ">From ");
}

void prv_b4lines_read(struct prv_b4lines *acc, struct prv_arena *a,
		      const char *text, size_t len)
{
	struct b4_state st = { .label = 0 };
	size_t pos = 0;

	while (pos < len) {
		size_t ll = prv_line_len(text + pos, len - pos);
		const char *p = text + pos;

		pos += ll + 1;
		read_footer(acc, a, p, ll);
		if (is_quoted(p, ll)) {
			st.label = 0;
			continue;
		}
		note_marks(&st, p, p + ll);
		read_links(acc, a, &st, p, p + ll);
		st.label = label_line(p, p + ll);
	}
}
