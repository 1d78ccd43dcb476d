// SPDX-License-Identifier: GPL-2.0-or-later
/* Changelogs between versions, as authors write them. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <ctype.h>
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "core/check/changelog.h"
#include "core/mail/b4lines.h"
#include "core/base/util.h"

#define LINE_MAX_LEN 1000
/* Links kept per entry: each one is compared with those before it. */
#define LINKS_MAX 64

enum header_kind {
	H_IN, /* Changes in v3: */
	H_SINCE, /* Changes since v2[ -> v3]: */
	H_RANGE, /* v2 -> v3: */
	H_ONE, /* v3: */
	H_BLOCK, /* Changelog: */
	H_NR,
};

static const char *const header_patterns[H_NR] = {
	[H_IN] = "^(?:[-*]\\s*)?(?:changes|changelog|change\\s+log|"
		 "revisions?|updates?)\\s+(?:in|for)\\s+v(\\d{1,3})\\b"
		 "\\s*:?\\s*(.*)$",
	[H_SINCE] = "^(?:[-*]\\s*)?(?:changes|changelog|change\\s+log|"
		    "updates?)\\s+(?:since|from|compared\\s+to|vs\\.?)\\s+"
		    "v(\\d{1,3})(?:\\s*(?:->|-+>|=>|\\.\\.|-|to)\\s*"
		    "v(\\d{1,3}))?\\b\\s*:?\\s*(.*)$",
	[H_RANGE] = "^(?:[-*]\\s*)?(?:(?:changes|changelog)\\s+)?\\(?"
		    "v(\\d{1,3})\\s*(?:->|-+>|=>|\\.\\.|-|to|\\x{2192})\\s*"
		    "v(\\d{1,3})\\)?(?:\\s+changes)?\\s*:?\\s*(.*)$",
	[H_ONE] =
		"^(?:[-*]\\s*)?(?:(?:changes|changelog)\\s+)?(?:\\[v(\\d{1,3})"
		"\\]|v(\\d{1,3})(?:\\s+changes)?\\s*:)\\s*(.*)$",
	[H_BLOCK] = "^(?:changelog|change\\s+log|changes|revision\\s+history|"
		    "changes\\s+since\\s+(?:the\\s+)?(?:last|previous)\\s+"
		    "(?:version|revision|posting))\\s*:?\\s*$",
};

static pcre2_code *header_re[H_NR];
static pcre2_code *url_re, *vnum_re;
static pcre2_match_data *md;

static pcre2_code *compile(const char *pat)
{
	int err;
	PCRE2_SIZE off;
	pcre2_code *c = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
				      PCRE2_CASELESS | PCRE2_UTF |
					      PCRE2_MATCH_INVALID_UTF,
				      &err, &off, NULL);

	if (!c)
		abort(); /* a bug in the patterns above */
	pcre2_jit_compile(c, PCRE2_JIT_COMPLETE);
	return c;
}

static void setup(void)
{
	int i;

	if (md)
		return;
	for (i = 0; i < H_NR; i++)
		header_re[i] = compile(header_patterns[i]);
	url_re = compile("https?://[^\\s>)\\]]+");
	vnum_re = compile("\\bv(\\d{1,3})\\b");
	md = pcre2_match_data_create(8, NULL);
}

static bool match(pcre2_code *re, const char *s, size_t len)
{
	return pcre2_match(re, (PCRE2_SPTR)s, len, 0, 0, md, NULL) >= 0;
}

static int group_int(const char *s, int g)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);

	if (ov[2 * g] == PCRE2_UNSET)
		return 0;
	return atoi(s + ov[2 * g]);
}

static const char *group_ptr(const char *s, int g, size_t *len)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);

	if (ov[2 * g] == PCRE2_UNSET) {
		*len = 0;
		return s;
	}
	*len = ov[2 * g + 1] - ov[2 * g];
	return s + ov[2 * g];
}

static bool is_blank(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!isspace((unsigned char)s[i]))
			return false;
	return true;
}

static bool is_bullet(const char *s, size_t len)
{
	if (!len)
		return false;
	if (s[0] == ' ' || s[0] == '\t')
		return true;
	if (s[0] && strchr("-*+o", s[0]) && len > 1 && s[1] == ' ')
		return true;
	return len >= 3 && !memcmp(s, "\xe2\x80\xa2", 3); /* bullet */
}

/* Lines that end any changelog: separators, b4 footer, diffstat, diff. */
static bool is_terminator(const char *s, size_t len)
{
	size_t i;

	if (len >= 3 && !memcmp(s, "---", 3) && is_blank(s + 3, len - 3))
		return true;
	if (len == 3 && !memcmp(s, "-- ", 3))
		return true;
	if (prv_starts_with(s, len, "base-commit:") ||
	    prv_starts_with(s, len, "change-id:") ||
	    prv_starts_with(s, len, "prerequisite-") ||
	    prv_starts_with(s, len, "diff --git ") ||
	    prv_starts_with(s, len, "Signed-off-by:"))
		return true;
	/* " path | 12 +-" and " 3 files changed" */
	for (i = 0; i < len && s[i] == ' '; i++)
		;
	if (i == 1 && len > 4) {
		const char *bar = memchr(s, '|', len);

		if (bar && bar + 2 < s + len && isdigit((unsigned char)bar[2]))
			return true;
		if (isdigit((unsigned char)s[1]) &&
		    (memmem(s, len, " file changed", 13) ||
		     memmem(s, len, " files changed", 14)))
			return true;
	}
	/* format-patch shortlog: "Name (3):" */
	if (len > 4 && s[len - 1] == ':' && s[len - 2] == ')' &&
	    memchr(s, '(', len) && !is_bullet(s, len) &&
	    isdigit((unsigned char)s[len - 3]))
		return true;
	return false;
}

struct header {
	enum header_kind kind;
	int from, to;
	const char *rest; /* text after the header on its line */
	size_t rest_len;
};

static bool parse_header(struct header *h, const char *s, size_t len)
{
	int k;

	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	while (len && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	if (!len || len > 200)
		return false;
	for (k = 0; k < H_NR; k++) {
		if (!match(header_re[k], s, len))
			continue;
		memset(h, 0, sizeof(*h));
		h->kind = (enum header_kind)k;
		switch (k) {
		case H_IN:
			h->to = group_int(s, 1);
			h->rest = group_ptr(s, 2, &h->rest_len);
			break;
		case H_SINCE:
			h->from = group_int(s, 1);
			h->to = group_int(s, 2);
			h->rest = group_ptr(s, 3, &h->rest_len);
			break;
		case H_RANGE:
			h->from = group_int(s, 1);
			h->to = group_int(s, 2);
			h->rest = group_ptr(s, 3, &h->rest_len);
			break;
		case H_ONE:
			h->to = group_int(s, 1);
			if (!h->to)
				h->to = group_int(s, 2);
			h->rest = group_ptr(s, 3, &h->rest_len);
			break;
		default:
			break;
		}
		if (k != H_BLOCK && !h->to && !h->from)
			return false;
		return true;
	}
	return false;
}

static void add_link(struct prv_changelog_entry *e, struct prv_arena *a,
		     int version, const char *url, size_t len)
{
	struct prv_changelog_link *l;
	size_t i;

	while (len && url[len - 1] && strchr(".,;:'\"", url[len - 1]))
		len--;
	for (i = 0; i < e->nr_links; i++)
		if (e->links[i].version == version &&
		    !strncmp(e->links[i].url, url, len) &&
		    !e->links[i].url[len])
			return;
	if (e->nr_links >= LINKS_MAX)
		return;
	l = prv_arena_alloc(a, (e->nr_links + 1) * sizeof(*l));
	if (e->nr_links)
		memcpy(l, e->links, e->nr_links * sizeof(*l));
	l[e->nr_links].version = version;
	l[e->nr_links].url = prv_arena_strndup(a, url, len);
	e->links = l;
	e->nr_links++;
}

/* The length of the URL at the start of `s`, within its `len` bytes. */
static size_t url_len(const char *s, size_t len)
{
	size_t n = 0;

	while (n < len && !isspace((unsigned char)s[n]) && s[n] != '>')
		n++;
	return n;
}

/* Links on one line of an entry. */
static void scan_links(struct prv_changelog_entry *e, struct prv_arena *a,
		       const char *s, size_t len)
{
	size_t ulen;
	const char *u;
	int v = 0;

	if (len > LINE_MAX_LEN)
		len = LINE_MAX_LEN;
	if (prv_b4_link_line(&v, &u, &ulen, s, len)) {
		add_link(e, a, v, u, ulen);
		return;
	}
	if (!match(url_re, s, len))
		return;
	u = group_ptr(s, 0, &ulen);
	{
		char url[LINE_MAX_LEN + 1];
		size_t off = (size_t)(u - s);

		memcpy(url, u, ulen);
		url[ulen] = '\0';
		/* "v2: <url>" or "[v2] <url>": a version named before it */
		if (off && match(vnum_re, s, off))
			v = group_int(s, 1);
		else if (e->to)
			v = e->from ? e->from : e->to - 1;
		add_link(e, a, v, url, ulen);
	}
}

static struct prv_changelog_entry *new_entry(struct prv_changelog *out,
					     struct prv_arena *a, int patch)
{
	struct prv_changelog_entry *e;

	if (out->nr >= PRV_CHANGELOG_MAX_ENTRIES)
		return NULL;
	PRV_ARENA_GROW(a, out->entries, out->nr + 1, out->alloc);
	e = &out->entries[out->nr++];
	memset(e, 0, sizeof(*e));
	e->patch = patch;
	return e;
}

void prv_changelog_parse(struct prv_changelog *out, struct prv_arena *a,
			 const char *text, size_t len, int version, int patch)
{
	struct prv_changelog_entry *e = NULL;
	const char *p = text, *end = text + len;
	const char *body = NULL;
	bool blank = false, in_block = false;

	setup();
	while (p < end) {
		size_t l = prv_line_len(p, (size_t)(end - p));
		const char *next = p + l + (p + l < end);
		struct header h;
		size_t ll = l > LINE_MAX_LEN ? LINE_MAX_LEN : l;

		if (ll && p[ll - 1] == '\r')
			ll--;
		if (is_terminator(p, ll)) {
			if (e)
				e->len = (size_t)(p - body);
			e = NULL;
			in_block = false;
		} else if (parse_header(&h, p, ll)) {
			if (e)
				e->len = (size_t)(p - body);
			e = NULL;
			if (h.kind == H_BLOCK) {
				out->has_block = true;
				in_block = true;
			} else if (h.rest_len &&
				   prv_starts_with_ci(h.rest, h.rest_len,
						      "http")) {
				/* "v2: https://lore..." names a version */
				struct prv_changelog_entry *le;

				le = new_entry(out, a, patch);
				if (le) {
					le->to = 0;
					le->text = "";
					add_link(le, a, h.to ? h.to : h.from,
						 h.rest,
						 url_len(h.rest, h.rest_len));
				}
			} else if ((e = new_entry(out, a, patch))) {
				e->from = h.from;
				e->to = h.to;
				if (!e->to && h.kind == H_SINCE)
					e->to = version;
				if (!e->from && e->to)
					e->from = e->to - 1;
				body = h.rest_len ? h.rest : next;
				e->text = body;
				if (h.rest_len)
					scan_links(e, a, h.rest, h.rest_len);
			}
			blank = false;
		} else if (e) {
			if (is_blank(p, ll)) {
				blank = true;
			} else if (blank && !is_bullet(p, ll)) {
				/* a paragraph that is not part of it */
				e->len = (size_t)(p - body);
				e = NULL;
				blank = false;
			} else {
				blank = false;
				scan_links(e, a, p, ll);
			}
		} else if (in_block && !is_blank(p, ll) && is_bullet(p, ll)) {
			/* bullets right under "Changelog:" without versions */
			if ((e = new_entry(out, a, patch))) {
				e->to = version;
				e->from = version - 1;
				body = p;
				e->text = body;
				scan_links(e, a, p, ll);
			}
		}
		p = next;
	}
	if (e)
		e->len = (size_t)(end - body);
	/* Trim trailing blank lines of every entry. */
	for (size_t i = 0; i < out->nr; i++) {
		struct prv_changelog_entry *x = &out->entries[i];

		while (x->len && isspace((unsigned char)x->text[x->len - 1]))
			x->len--;
	}
}

bool prv_changelog_covers(const struct prv_changelog *cl, int v)
{
	size_t i;

	for (i = 0; i < cl->nr; i++) {
		const struct prv_changelog_entry *e = &cl->entries[i];

		if (e->to && e->from < v && v <= e->to)
			return true;
	}
	return false;
}

bool prv_changelog_has_link(const struct prv_changelog *cl, int v)
{
	size_t i, k;

	for (i = 0; i < cl->nr; i++)
		for (k = 0; k < cl->entries[i].nr_links; k++)
			if (cl->entries[i].links[k].version == v)
				return true;
	return false;
}

bool prv_changelog_empty(const struct prv_changelog *cl)
{
	size_t i;

	for (i = 0; i < cl->nr; i++)
		if (cl->entries[i].to)
			return false;
	return true;
}
