// SPDX-License-Identifier: GPL-2.0-or-later
/* Changelogs between versions, as authors write them. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <ctype.h>
#include <pcre2.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/check/changelog.h"
#include "core/mail/b4lines.h"
#include "core/base/util.h"

#define LINE_MAX_LEN 1000
/* Links kept per entry: each one is compared with those before it. */
#define LINKS_MAX 64
/* Footnote numbers kept: "[1]" to "[99]". */
#define FOOTNOTES_MAX 100

enum header_kind {
	H_IN, /* Changes in v3:  Changelog for version 3: */
	H_SINCE, /* Changes since v2[ -> v3]:  Diff with v1: */
	H_RANGE, /* v2 -> v3: */
	H_ONE, /* v3:  [v3]  v3 (date)  Version 3: */
	H_FROM, /* From v2 (<url>)  Since v1: (alone on its line) */
	H_PREV, /* Changes since the last iteration: */
	H_BLOCK, /* Changelog:  Patchset History */
	H_NR,
};

/* Where the text comes from: what may start an entry there. */
enum parse_mode {
	M_NOTES, /* a cover letter or a patch's notes: every form */
	M_MESSAGE, /* a commit message: version headers only */
};

/* "v3", "RFC v3", "version 3", "v3.1" (a partial reroll of v3) */
#define VER "(?:rfc\\s*)?(?:v|version\\s*)(\\d{1,3})(?:\\.\\d+)?"
/* what may lead a header: a bullet, a '>' (mboxo quoting), "--" */
#define LEAD "^(?:(?:[-*>]|--)\\s*)?"
#define ARROW "(?:->|-+>|=>|\\.\\.\\.?|-|to|\\x{2026}|\\x{2192})"
#define CHANGES                                                      \
	"(?:changes?|changed|changelog|change\\s+log|updates?|diff|" \
	"differences?)"
#define FOOTNOTE "(?:\\[(\\d{1,2})\\])?"

static const char *const header_patterns[H_NR] = {
	[H_IN] = LEAD "(?:" CHANGES "|revisions?)\\s+(?:in|for)\\s+" VER
		      "(?:\\s*(?:to|from|vs\\.?|since|over|->)\\s*" VER
		      ")?\\b\\s*" FOOTNOTE "\\s*:?\\s*(.*)$",
	[H_SINCE] = LEAD CHANGES "\\s+(?:since|from|compared\\s+to|vs\\.?|"
				 "with|wrt\\.?|over|against|relative\\s+to)"
				 "\\s+" VER "(?:\\s*" ARROW "\\s*" VER
				 ")?\\b\\s*" FOOTNOTE
				 "\\s*(?:\\((https?://[^)\\s]+)\\))?\\s*:?"
				 "\\s*(.*)$",
	[H_RANGE] = LEAD "(?:(?:changes|changelog|change\\s+log)\\s+)?"
			 "(?:from\\s+)?\\(?" VER "\\s*" ARROW "\\s*" VER
			 "\\)?(?:\\s+changes)?\\b\\s*" FOOTNOTE
			 "\\s*:?\\s*(.*)$",
	[H_ONE] = LEAD "(?:(?:changes|changelog)\\s+)?(?:\\[" VER "\\]|" VER
		       "(?:\\s+(?:changes|updates?|changelog|notes))?\\s*"
		       "(?:\\(([^)]*)\\))?\\s*(?::|$))\\s*(.*)$",
	[H_FROM] = LEAD "(?:since|from)\\s+" VER
			"\\s*(?:\\((https?://[^)\\s]+)\\))?\\s*:?\\s*$",
	[H_PREV] = LEAD CHANGES
	"\\s+(?:since|from|compared\\s+to|vs\\.?|over)"
	"\\s+(?:the\\s+)?(?:last|previous|prior|earlier)\\s+"
	"(?:version|revision|posting|iteration|submission|"
	"series|spin|round|patch\\s*set)\\s*:?\\s*(.*)$",
	[H_BLOCK] = "^(?:changelog|change\\s*log|changes|revisions|"
		    "(?:revision|version|patch\\s*set|patchset)\\s+history|"
		    "history)\\s*:?\\s*$",
};

/* Sentences of a cover letter that speak of the version posted. */
enum prose_kind {
	P_THIS, /* This is v3, ... */
	P_DOES, /* v2 takes a different approach: ... */
	P_SINCE, /* ... since v1 / than the previous version ... */
	P_REPOST, /* Resent after rebase, no changes. */
	P_NR,
};

static const char *const prose_patterns[P_NR] = {
	[P_THIS] =
		"\\b(?:this\\s+is|this|here\\s+is|here's|sending|posting)\\s+"
		"(?:the\\s+)?(?:rfc\\s+)?v(\\d{1,3})\\b",
	[P_DOES] = "^\\s*v(\\d{1,3})\\s+(?:takes|uses|does|drops|adds|moves|"
		   "changes|switches|fixes|reworks|replaces|keeps|avoids|"
		   "introduces|addresses|implements|removes|simplifies|"
		   "splits|merges|squashes|reverts)\\b",
	[P_SINCE] = "\\b(?:since|from|compared\\s+to|vs\\.?|than|wrt\\.?|"
		    "over)\\s+(?:the\\s+)?(?:v(\\d{1,3})\\b|(?:previous|last|"
		    "prior|earlier|first|original)\\s+(?:version|iteration|"
		    "posting|revision|series|submission|patch\\s*set|spin|"
		    "round)\\b)",
	[P_REPOST] = "\\b(?:rebased?|resent|resend(?:ing)?|re-?spin)\\b|"
		     "\\bno\\s+(?:other\\s+)?changes\\s*(?:[.,;]|$|since|"
		     "from|other\\s+than|except|apart)",
};

/* "(no v3 posted)", "v3 was never sent": a version number skipped */
#define UNPOSTED                                                  \
	"\\b(?:no\\s+v(\\d{1,3})\\s+(?:was\\s+)?(?:posted|sent)|" \
	"v(\\d{1,3})\\s+(?:was\\s+)?(?:never|not)\\s+(?:posted|sent))\\b"

struct patterns {
	pcre2_code *header[H_NR];
	pcre2_code *prose[P_NR];
	pcre2_code *url, *vnum, *footnote, *unposted;
};

/* Compiled once and only read after: safe to share between threads. */
static struct patterns pats;
static pthread_once_t pats_once = PTHREAD_ONCE_INIT;

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

static void compile_patterns(void)
{
	int i;

	for (i = 0; i < H_NR; i++)
		pats.header[i] = compile(header_patterns[i]);
	for (i = 0; i < P_NR; i++)
		pats.prose[i] = compile(prose_patterns[i]);
	pats.url = compile("https?://[^\\s>)\\]]+");
	pats.vnum = compile("\\bv(\\d{1,3})\\b");
	pats.footnote = compile("^\\s*\\[(\\d{1,2})\\]:?\\s*<?"
				"(https?://[^\\s>]+)");
	pats.unposted = compile(UNPOSTED);
}

static const struct patterns *patterns(void)
{
	pthread_once(&pats_once, compile_patterns);
	return &pats;
}

/* The state of one parse: its own match data, so parses may run at once. */
struct parser {
	const struct patterns *re;
	pcre2_match_data *md;
	int rc; /* of the last match: groups below it are set */
	struct prv_changelog *out;
	struct prv_arena *a;
	int version, patch;
	enum parse_mode mode;
	struct prv_changelog_entry *e; /* the entry being read, or NULL */
	size_t e_index;
	int self_link; /* version a link line of a "vN:" entry points to */
	const char *body; /* where the entry's text starts */
	const char *end; /* of the text parsed */
	bool blank, in_block, prose_done;
	bool e_text; /* the entry has text besides its header */
	size_t first; /* index of the first entry of this parse */
	unsigned char fn[PRV_CHANGELOG_MAX_ENTRIES]; /* footnote per entry */
	const char *fn_url[FOOTNOTES_MAX];
	size_t fn_len[FOOTNOTES_MAX];
};

static bool match(struct parser *ps, const pcre2_code *re, const char *s,
		  size_t len)
{
	ps->rc = pcre2_match(re, (PCRE2_SPTR)s, len, 0, 0, ps->md, NULL);
	return ps->rc >= 0;
}

static int group_int(struct parser *ps, const char *s, int g)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(ps->md);

	if (g >= ps->rc || ov[2 * g] == PCRE2_UNSET)
		return 0;
	return atoi(s + ov[2 * g]);
}

static const char *group_ptr(struct parser *ps, const char *s, int g,
			     size_t *len)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(ps->md);

	if (g >= ps->rc || ov[2 * g] == PCRE2_UNSET) {
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
	size_t i = 0;

	if (!len)
		return false;
	if (s[0] == ' ' || s[0] == '\t')
		return true;
	if (s[0] && strchr("-*+o", s[0]) && len > 1 && s[1] == ' ')
		return true;
	/* "1) ..." and "2. ..." */
	while (i < len && i < 3 && isdigit((unsigned char)s[i]))
		i++;
	if (i && i + 1 < len && (s[i] == ')' || s[i] == '.') && s[i + 1] == ' ')
		return true;
	return len >= 3 && !memcmp(s, "\xe2\x80\xa2", 3); /* bullet */
}

/*
 * "Reviewed-by: ...", "Fixes: ...": a tag line ends a changelog. ("Link:"
 * in notes links the previous version: it is part of the entry.)
 */
static bool is_tag_line(const char *s, size_t len)
{
	static const char *const tags[] = { "Fixes:", "Closes:", "Cc:" };
	size_t i = 0;

	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
		if (prv_starts_with_ci(s, len, tags[i]))
			return true;
	for (i = 0; i < len && (isalnum((unsigned char)s[i]) || s[i] == '-');
	     i++)
		;
	return i > 3 && i + 1 < len && s[i] == ':' && s[i + 1] == ' ' &&
	       !strncasecmp(s + i - 3, "-by", 3);
}

/* " path | 12 +-", " 3 files changed" and format-patch's "Name (3):" */
static bool is_stat_line(const char *s, size_t len)
{
	size_t i;

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
	return len > 4 && s[len - 1] == ':' && s[len - 2] == ')' &&
	       memchr(s, '(', len) && !is_bullet(s, len) &&
	       isdigit((unsigned char)s[len - 3]);
}

/* Lines that end any changelog: separators, b4 footer, tags, diff. */
static bool is_terminator(const struct parser *ps, const char *s, size_t len)
{
	if (ps->mode == M_MESSAGE && prv_starts_with_ci(s, len, "Link:"))
		return true;
	if (len >= 3 && !memcmp(s, "---", 3) && is_blank(s + 3, len - 3))
		return true;
	if (len == 3 && !memcmp(s, "-- ", 3))
		return true;
	if (prv_starts_with(s, len, "base-commit:") ||
	    prv_starts_with(s, len, "change-id:") ||
	    prv_starts_with(s, len, "prerequisite-") ||
	    prv_starts_with(s, len, "diff --git ") || is_tag_line(s, len))
		return true;
	return is_stat_line(s, len);
}

struct header {
	enum header_kind kind;
	int from, to;
	int footnote; /* "[1]" after the version, 0 if none */
	const char *url; /* a link on the header line, or NULL */
	size_t url_len;
	int url_version; /* the version that link points to */
	const char *rest; /* text after the header on its line */
	size_t rest_len;
};

/* Capture groups of the version headers: 0 when the pattern has none. */
struct header_groups {
	int from, to, footnote, url, rest;
};

static const struct header_groups groups[H_NR] = {
	[H_IN] = { .from = 2, .to = 1, .footnote = 3, .rest = 4 },
	[H_SINCE] = { .from = 1, .to = 2, .footnote = 3, .url = 4, .rest = 5 },
	[H_RANGE] = { .from = 1, .to = 2, .footnote = 3, .rest = 4 },
};

/*
 * "Changes in v3", "Changes since v2 -> v3", "v2 -> v3": the versions in
 * order ("changes in v2 to v1" is v1 -> v2), a footnote, a link to the
 * older version, the rest of the line.
 */
static void header_versions(struct parser *ps, struct header *h, const char *s)
{
	const struct header_groups *g = &groups[h->kind];

	h->from = group_int(ps, s, g->from);
	h->to = group_int(ps, s, g->to);
	if (h->from > h->to && h->to) {
		int t = h->from;

		h->from = h->to;
		h->to = t;
	}
	h->footnote = group_int(ps, s, g->footnote);
	if (g->url)
		h->url = group_ptr(ps, s, g->url, &h->url_len);
	h->url_version = h->from;
	h->rest = group_ptr(ps, s, g->rest, &h->rest_len);
}

static void header_one(struct parser *ps, struct header *h, const char *s)
{
	size_t plen;
	const char *paren;

	h->to = group_int(ps, s, 1);
	if (!h->to)
		h->to = group_int(ps, s, 2);
	paren = group_ptr(ps, s, 3, &plen);
	h->rest = group_ptr(ps, s, 4, &h->rest_len);
	/* "v2 (https://...)": the link to v2 itself; "v7 (03-Mar-2025)" */
	if (plen && prv_starts_with_ci(paren, plen, "http")) {
		h->url = paren;
		h->url_len = plen;
		h->url_version = h->to;
	}
}

/* The length of the URL at the start of `s`, within its `len` bytes. */
static size_t url_len(const char *s, size_t len)
{
	size_t n = 0;

	while (n < len && !isspace((unsigned char)s[n]) && s[n] != '>' &&
	       s[n] != ')')
		n++;
	return n;
}

static bool parse_header(struct parser *ps, struct header *h, const char *s,
			 size_t len)
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
		if (ps->mode == M_MESSAGE && k == H_BLOCK)
			continue;
		if (!match(ps, ps->re->header[k], s, len))
			continue;
		memset(h, 0, sizeof(*h));
		h->kind = (enum header_kind)k;
		if (k == H_IN || k == H_SINCE || k == H_RANGE)
			header_versions(ps, h, s);
		else if (k == H_ONE)
			header_one(ps, h, s);
		else if (k == H_FROM) {
			h->from = group_int(ps, s, 1);
			h->url = group_ptr(ps, s, 2, &h->url_len);
			h->url_version = h->from;
		} else if (k == H_PREV) {
			h->rest = group_ptr(ps, s, 1, &h->rest_len);
		}
		if (k != H_BLOCK && k != H_PREV && !h->to && !h->from)
			return false;
		/* "v2: https://...": a link to v2, what v2 changed follows */
		if (k == H_ONE && h->rest_len &&
		    prv_starts_with_ci(h->rest, h->rest_len, "http")) {
			h->url = h->rest;
			h->url_len = url_len(h->rest, h->rest_len);
			h->url_version = h->to;
			h->rest += h->url_len;
			h->rest_len -= h->url_len;
			while (h->rest_len &&
			       isspace((unsigned char)*h->rest)) {
				h->rest++;
				h->rest_len--;
			}
		}
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
	if (!len)
		return;
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

/* Links on one line of an entry. */
static void scan_links(struct parser *ps, const char *s, size_t len)
{
	struct prv_changelog_entry *e = ps->e;
	size_t ulen, off;
	const char *u;
	int v = 0;

	if (len > LINE_MAX_LEN)
		len = LINE_MAX_LEN;
	if (prv_b4_link_line(&v, &u, &ulen, s, len)) {
		add_link(e, ps->a, v, u, ulen);
		return;
	}
	if (!match(ps, ps->re->url, s, len))
		return;
	u = group_ptr(ps, s, 0, &ulen);
	off = (size_t)(u - s);
	if (ps->self_link && prv_changelog_link_line(s, len)) {
		/* "v1:" and the URL alone on the next line, "Link: <url>" */
		v = ps->self_link;
	} else if (off && match(ps, ps->re->vnum, s, off)) {
		/* "v2: <url>" or "[v2] <url>": a version named before it */
		v = group_int(ps, s, 1);
	} else if (e->to) {
		v = e->from ? e->from : e->to - 1;
	}
	add_link(e, ps->a, v, u, ulen);
}

/* "[1] https://...": remember the footnote's URL. */
static void scan_footnote(struct parser *ps, const char *s, size_t len)
{
	int n;
	size_t ulen;
	const char *u;

	if (!memchr(s, '[', len < 8 ? len : 8) ||
	    !match(ps, ps->re->footnote, s, len))
		return;
	n = group_int(ps, s, 1);
	u = group_ptr(ps, s, 2, &ulen);
	if (n > 0 && n < FOOTNOTES_MAX && !ps->fn_url[n]) {
		ps->fn_url[n] = u;
		ps->fn_len[n] = ulen;
	}
}

bool prv_changelog_link_line(const char *s, size_t len)
{
	size_t i = 0, k;

	while (i < len && (isspace((unsigned char)s[i]) || s[i] == '-' ||
			   s[i] == '*' || s[i] == '>'))
		i++;
	s += i;
	len -= i;
	if (prv_starts_with_ci(s, len, "link to ") ||
	    prv_starts_with_ci(s, len, "link:")) {
		const char *c = memchr(s, ':', len);

		if (!c)
			return false;
		i = (size_t)(c - s) + 1;
	} else if (len > 2 && (s[0] == 'v' || s[0] == 'V' || s[0] == '[') &&
		   isdigit((unsigned char)s[1])) {
		/* "v1: <url>", "[1] <url>", "v1 <url>" */
		for (i = 1; i < len && isdigit((unsigned char)s[i]); i++)
			;
		while (i < len && strchr("]: \t", s[i]))
			i++;
	} else {
		i = 0;
	}
	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '<'))
		i++;
	if (!prv_starts_with_ci(s + i, len - i, "http://") &&
	    !prv_starts_with_ci(s + i, len - i, "https://"))
		return false;
	k = i + url_len(s + i, len - i);
	return is_blank(s + k, len - k) || (k < len && strchr(">)", s[k]) &&
					    is_blank(s + k + 1, len - k - 1));
}

/* True if the entry's text says something besides links. */
static bool has_notes(const char *text, size_t len)
{
	const char *p = text, *end = text + len;

	while (p < end) {
		size_t l = prv_line_len(p, (size_t)(end - p));

		if (!is_blank(p, l) && !prv_changelog_link_line(p, l))
			return true;
		p += l + 1;
	}
	return false;
}

static struct prv_changelog_entry *new_entry(struct parser *ps)
{
	struct prv_changelog *out = ps->out;
	struct prv_changelog_entry *e;

	if (out->nr >= PRV_CHANGELOG_MAX_ENTRIES)
		return NULL;
	PRV_ARENA_GROW(ps->a, out->entries, out->nr + 1, out->alloc);
	ps->e_index = out->nr;
	e = &out->entries[out->nr++];
	memset(e, 0, sizeof(*e));
	e->patch = ps->patch;
	e->text = "";
	ps->fn[ps->e_index] = 0;
	return e;
}

/*
 * The entry ends before `at`. One that only links ("v1: <url>") is kept
 * for its links but describes no change.
 */
static void close_entry(struct parser *ps, const char *at)
{
	struct prv_changelog_entry *e = ps->e;

	ps->e = NULL;
	ps->self_link = 0;
	if (!e)
		return;
	e->len = at > ps->body ? (size_t)(at - ps->body) : 0;
	while (e->len && isspace((unsigned char)e->text[e->len - 1]))
		e->len--;
	if (!has_notes(e->text, e->len)) {
		e->from = e->to = 0;
		e->text = "";
		e->len = 0;
	}
}

static void open_entry(struct parser *ps, const struct header *h,
		       const char *next)
{
	struct prv_changelog_entry *e = new_entry(ps);

	if (!e)
		return;
	ps->e = e;
	e->from = h->from;
	e->to = h->to;
	if (!e->to &&
	    (h->kind == H_SINCE || h->kind == H_FROM || h->kind == H_PREV))
		e->to = h->kind == H_FROM ? h->from + 1 : ps->version;
	if (!e->from && e->to)
		e->from = e->to - 1;
	if (e->from >= e->to) /* "Changes since v3" in v3: a typo */
		e->from = e->to - 1;
	ps->body = h->rest_len ? h->rest : next;
	e->text = ps->body;
	ps->fn[ps->e_index] = (unsigned char)h->footnote;
	/* "v3:" alone: a link line below it is v3's own posting; under
	 * "v3: what changed" it is the version before */
	ps->self_link = h->kind == H_ONE && !h->rest_len && !h->url ? e->to : 0;
	ps->e_text = h->rest_len || h->url;
	if (h->url)
		add_link(e, ps->a, h->url_version, h->url, h->url_len);
	if (h->rest_len)
		scan_links(ps, h->rest, h->rest_len);
	ps->blank = false;
}

/* "Link to v7: <url>" outside any entry: a link of its own. */
static bool lone_link(struct parser *ps, const char *s, size_t len)
{
	struct prv_changelog_entry *e;
	size_t ulen;
	const char *u;
	int v;

	if (len > LINE_MAX_LEN || !prv_b4_link_line(&v, &u, &ulen, s, len))
		return false;
	e = new_entry(ps);
	if (e)
		add_link(e, ps->a, v, u, ulen);
	return true;
}

/*
 * The length of the paragraph that starts with line s (len bytes): up to
 * a blank line, at most PROSE_LINES_MAX lines.
 */
#define PROSE_LINES_MAX 12
static size_t paragraph_len(const struct parser *ps, const char *s, size_t len)
{
	const char *p = s + prv_line_len(s, (size_t)(ps->end - s));
	const char *stop = s + len;
	int n;

	for (n = 1; n < PROSE_LINES_MAX && p < ps->end && *p == '\n'; n++) {
		size_t l = prv_line_len(p + 1, (size_t)(ps->end - p - 1));

		if (is_blank(p + 1, l))
			break;
		stop = p + 1 + l;
		p = stop;
	}
	return (size_t)(stop - s);
}

/*
 * A sentence of a cover letter about the version posted ("This is v3"),
 * with the rest of its paragraph ("This is v2 of the update. This series
 * is slightly larger than v1, ...").
 */
static void prose_line(struct parser *ps, const char *s, size_t len)
{
	struct prv_changelog_entry *e;
	int k, n = 0;

	if (ps->prose_done || ps->version < 2 || ps->mode != M_NOTES)
		return;
	for (k = 0; k < P_NR; k++) {
		if (!match(ps, ps->re->prose[k], s, len))
			continue;
		n = group_int(ps, s, 1);
		if ((k == P_THIS || k == P_DOES) && n != ps->version)
			continue;
		if (k == P_SINCE && n >= ps->version)
			continue;
		break;
	}
	if (k == P_NR || !(e = new_entry(ps)))
		return;
	ps->prose_done = true;
	e->to = ps->version;
	e->from = k == P_SINCE && n ? n : ps->version - 1;
	e->text = s;
	e->len = paragraph_len(ps, s, len);
	while (e->len && isspace((unsigned char)s[e->len - 1]))
		e->len--;
}

/* A line inside an entry: its text, or a paragraph that ends it. */
static void entry_line(struct parser *ps, const char *s, size_t len)
{
	if (is_blank(s, len)) {
		ps->blank = true;
		return;
	}
	/* a paragraph after its text is not part of it; a paragraph right
	 * under a bare header ("Changes in v5:", a blank line, "Because
	 * ...") is its text */
	if (ps->blank && ps->e_text && !is_bullet(s, len) &&
	    !prv_changelog_link_line(s, len)) {
		close_entry(ps, s);
		ps->blank = false;
		return;
	}
	ps->blank = false;
	ps->e_text = true;
	scan_links(ps, s, len);
}

/*
 * "(no v3 posted)": the author skipped a version number, there is no
 * change from v2 to v3 to tell. The line is an entry of its own.
 */
static bool unposted_line(struct parser *ps, const char *s, size_t len)
{
	struct prv_changelog_entry *e;
	int n;

	if (!match(ps, ps->re->unposted, s, len))
		return false;
	n = group_int(ps, s, 1);
	if (n <= 0)
		n = group_int(ps, s, 2);
	if (n < 2 || n >= ps->version)
		return false;
	close_entry(ps, s);
	e = new_entry(ps);
	if (!e)
		return true;
	e->from = n - 1;
	e->to = n;
	e->text = s;
	e->len = len;
	return true;
}

/* Bullets right under "Changelog:" that name no version. */
static void block_line(struct parser *ps, const char *s, size_t len)
{
	struct prv_changelog_entry *e;

	if (is_blank(s, len) || !is_bullet(s, len) || !(e = new_entry(ps)))
		return;
	ps->e = e;
	e->to = ps->version;
	e->from = ps->version - 1;
	ps->body = s;
	e->text = s;
	scan_links(ps, s, len);
}

static void parse_line(struct parser *ps, const char *p, size_t ll,
		       const char *next)
{
	struct header h;

	scan_footnote(ps, p, ll);
	if (is_terminator(ps, p, ll)) {
		close_entry(ps, p);
		ps->in_block = false;
	} else if (parse_header(ps, &h, p, ll)) {
		close_entry(ps, p);
		if (h.kind == H_BLOCK) {
			ps->out->has_block = true;
			ps->in_block = true;
		} else {
			open_entry(ps, &h, next);
		}
	} else if (unposted_line(ps, p, ll)) {
		/* an entry of its own */
	} else if (ps->e) {
		entry_line(ps, p, ll);
	} else if (ps->in_block) {
		block_line(ps, p, ll);
	} else if (ps->mode == M_NOTES && !lone_link(ps, p, ll)) {
		prose_line(ps, p, ll);
	}
}

/* Footnote links ("Changes from v11 [1]:") go to their entry's version. */
static void resolve_footnotes(struct parser *ps)
{
	size_t i;

	for (i = ps->first; i < ps->out->nr; i++) {
		struct prv_changelog_entry *e = &ps->out->entries[i];
		int n = ps->fn[i];

		if (n && ps->fn_url[n])
			add_link(e, ps->a, e->from ? e->from : e->to - 1,
				 ps->fn_url[n], ps->fn_len[n]);
	}
}

static void parse_text(struct prv_changelog *out, struct prv_arena *a,
		       const char *text, size_t len, int version, int patch,
		       enum parse_mode mode)
{
	const char *p = text, *end = text + len;
	struct parser *ps = calloc(1, sizeof(*ps));

	if (!ps)
		return;
	ps->re = patterns();
	ps->md = pcre2_match_data_create(12, NULL);
	if (!ps->md) {
		free(ps);
		return;
	}
	ps->out = out;
	ps->a = a;
	ps->version = version;
	ps->patch = patch;
	ps->mode = mode;
	ps->end = end;
	ps->first = out->nr;
	while (p < end) {
		size_t l = prv_line_len(p, (size_t)(end - p));
		const char *next = p + l + (p + l < end);
		size_t ll = l > LINE_MAX_LEN ? LINE_MAX_LEN : l;

		if (ll && p[ll - 1] == '\r')
			ll--;
		parse_line(ps, p, ll, next);
		p = next;
	}
	close_entry(ps, end);
	resolve_footnotes(ps);
	pcre2_match_data_free(ps->md);
	free(ps);
}

static int line_version(const char *l, size_t n, int entry_to);
static bool says_split(const char *l, size_t n);

/*
 * A line that says, with its own version, that the series was split out
 * of another one, wherever it stands ("v10 split from patch-set: ..."
 * after the last entry).
 */
static void note_split(struct prv_changelog *out, const char *text, size_t len)
{
	const char *p = text, *end = text + len;

	while (p < end) {
		size_t n = prv_line_len(p, (size_t)(end - p));
		int v = line_version(p, n, 0);

		if (v > 0 && says_split(p, n) &&
		    (!out->split_at || v < out->split_at))
			out->split_at = v;
		p += n + 1;
	}
}

void prv_changelog_parse(struct prv_changelog *out, struct prv_arena *a,
			 const char *text, size_t len, int version, int patch)
{
	parse_text(out, a, text, len, version, patch, M_NOTES);
	note_split(out, text, len);
}

void prv_changelog_parse_patch(struct prv_changelog *out, struct prv_arena *a,
			       const struct prv_patchmail *pm, int version,
			       int patch)
{
	if (pm->message_len)
		parse_text(out, a, pm->message, pm->message_len, version, patch,
			   M_MESSAGE);
	if (pm->notes_len) {
		parse_text(out, a, pm->notes, pm->notes_len, version, patch,
			   M_NOTES);
		note_split(out, pm->notes, pm->notes_len);
	}
}

/* The patch numbers tried when asking whether a text names any. */
#define PATCH_NAMES_MAX 200

/* Is the number k in a list after "patch"/"patches" at s ("2, 3 and 5-7")? */
static bool number_list_has(const char *s, const char *end, int k)
{
	int prev = -1;

	while (s < end) {
		while (s < end && (*s == ' ' || *s == ',' || *s == '#' ||
				   *s == '&' || *s == '/'))
			s++;
		if (end - s >= 4 && !strncasecmp(s, "and ", 4)) {
			s += 4;
			continue;
		}
		if (s < end && *s == '-' && prev >= 0) {
			int to;

			s++;
			if (s >= end || !isdigit((unsigned char)*s))
				return false;
			to = atoi(s);
			if (prev <= k && k <= to)
				return true;
			while (s < end && isdigit((unsigned char)*s))
				s++;
			continue;
		}
		if (s >= end || !isdigit((unsigned char)*s))
			return false;
		prev = atoi(s);
		if (prev == k)
			return true;
		while (s < end && isdigit((unsigned char)*s))
			s++;
		/* "3/5": only the first number counts */
		if (s < end && *s == '/') {
			s++;
			while (s < end && isdigit((unsigned char)*s))
				s++;
		}
	}
	return false;
}

bool prv_changelog_names_patch(const char *text, size_t len, int k, int total)
{
	const char *p = text, *end = text + len;
	char slash[32];

	snprintf(slash, sizeof(slash), "%d/%d", k, total);
	if (total > 0 && memmem(text, len, slash, strlen(slash)))
		return true;
	while (p < end) {
		const char *hit = memmem(p, (size_t)(end - p), "atch", 4);
		const char *q, *lim;

		if (!hit)
			break;
		q = hit + 4;
		if (hit == text || (hit[-1] != 'p' && hit[-1] != 'P')) {
			p = q;
			continue;
		}
		if (q < end && *q == 'e' && q + 1 < end && q[1] == 's')
			q += 2;
		lim = q + 40 < end ? q + 40 : end;
		{
			const char *nl = memchr(q, '\n', (size_t)(lim - q));

			if (nl)
				lim = nl;
		}
		if (number_list_has(q, lim, k))
			return true;
		p = q;
	}
	return false;
}

bool prv_changelog_names_a_patch(const char *text, size_t len, int total)
{
	int k;

	for (k = 1; k <= total && k <= PATCH_NAMES_MAX; k++)
		if (prv_changelog_names_patch(text, len, k, total))
			return true;
	return false;
}

bool prv_changelog_entry_for(const struct prv_changelog_entry *e, int v)
{
	return !e->to || (e->from < v && v <= e->to);
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

/* The version a line of an entry speaks of: its own "vN", else the entry's. */
static int line_version(const char *l, size_t n, int entry_to)
{
	size_t i = 0, d;
	int v = 0;

	while (i < n &&
	       (l[i] == ' ' || l[i] == '\t' || l[i] == '-' || l[i] == '*'))
		i++;
	if (i + 1 >= n || (l[i] != 'v' && l[i] != 'V'))
		return entry_to;
	for (d = i + 1; d < n && d < i + 4 && isdigit((unsigned char)l[d]); d++)
		v = v * 10 + (l[d] - '0');
	return d > i + 1 && (d == n || !isdigit((unsigned char)l[d])) ?
		       v :
		       entry_to;
}

static bool set_word(const char *w, size_t n)
{
	static const char *const sets[] = { "series", "patchset", "patch-set",
					    "set", "patch-series" };
	size_t i;

	for (i = 0; i < PRV_ARRAY_SIZE(sets); i++)
		if (prv_eq_ci(w, n, sets[i]))
			return true;
	return false;
}

/* Whether a series or set word comes within 4 words after `p`. */
static bool set_follows(const char *p, const char *end)
{
	int words;

	for (words = 0; words < 4 && p < end; words++) {
		const char *w;

		while (p < end && !isalnum((unsigned char)*p))
			p++;
		w = p;
		while (p < end &&
		       (isalnum((unsigned char)*p) || *p == '_' || *p == '-'))
			p++;
		if (p > w && set_word(w, (size_t)(p - w)))
			return true;
	}
	return false;
}

/*
 * "Split from patch-set: bridge-fastpath ...", "split out of the foo
 * series": a verb of splitting off, then within four words "series",
 * "patch-set" or "set" as a word of its own ("split off the nft_set reset
 * changes" is not it).
 */
static bool says_split(const char *l, size_t n)
{
	static const char *const verbs[] = { "split from", "split out of",
					     "split out from", "split off",
					     "spun off" };
	const char *end = l + n;
	size_t i, k;

	for (i = 0; i < n; i++)
		for (k = 0; k < PRV_ARRAY_SIZE(verbs); k++) {
			size_t vl = strlen(verbs[k]);

			if (prv_starts_with_ci(l + i, n - i, verbs[k]) &&
			    set_follows(l + i + vl, end))
				return true;
		}
	return false;
}

int prv_changelog_split_at(const struct prv_changelog *cl)
{
	int at = cl->split_at;
	size_t i;

	for (i = 0; i < cl->nr; i++) {
		const struct prv_changelog_entry *e = &cl->entries[i];
		const char *p = e->text, *end = e->text + e->len;

		while (p < end) {
			size_t n = prv_line_len(p, (size_t)(end - p));
			int v = line_version(p, n, e->to);

			if (v > 0 && says_split(p, n) && (!at || v < at))
				at = v;
			p += n + 1;
		}
	}
	return at;
}

bool prv_changelog_empty(const struct prv_changelog *cl)
{
	size_t i;

	for (i = 0; i < cl->nr; i++)
		if (cl->entries[i].to)
			return false;
	return true;
}
