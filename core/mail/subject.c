// SPDX-License-Identifier: GPL-2.0-or-later
#include <string.h>

#include "core/mail/subject.h"
#include "core/base/util.h"

/* Bracket groups and tokens past these are not subject prefixes. */
#define SUBJECT_MAX_TOKENS 64
#define SUBJECT_NUMBER_MAX 9999

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
	       c == '\f';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static size_t skip_space(const char *s, size_t len, size_t i)
{
	while (i < len && is_space(s[i]))
		i++;
	return i;
}

/*
 * Length of a reply prefix at s ("Re:", "RE :", "Aw:", "Fwd:", "Fw:",
 * "Sv:", "Antw:"), colon included, or 0.
 */
static size_t reply_prefix(const char *s, size_t len)
{
	static const char *const words[] = { "re", "aw",   "fwd", "fw",
					     "sv", "antw", "wg" };
	size_t i, n, j;

	for (i = 0; i < PRV_ARRAY_SIZE(words); i++) {
		n = strlen(words[i]);
		if (len <= n || !prv_starts_with_ci(s, len, words[i]))
			continue;
		j = n;
		while (j < len && (s[j] == ' ' || s[j] == '\t'))
			j++;
		if (j < len && s[j] == ':')
			return j + 1;
	}
	return 0;
}

/* Parse 1-4 digits; -1 if `len` bytes are not that. */
static int parse_number(const char *s, size_t len)
{
	int v = 0;
	size_t i;

	if (!len || len > 4)
		return -1;
	for (i = 0; i < len; i++) {
		if (!is_digit(s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* "v3", "V3": the number, else -1. */
static int parse_version(const char *s, size_t len)
{
	if (len < 2 || (s[0] != 'v' && s[0] != 'V'))
		return -1;
	return parse_number(s + 1, len - 1);
}

/*
 * "v2.1": a point version (a partial reroll of v2), true and both numbers.
 * "v6.1", "v5.10" name kernel releases (stable backports), not versions:
 * 2.6 and majors from 4 on, or a minor past 9, are read as releases.
 */
static bool parse_point(const char *s, size_t len, int *v, int *point)
{
	const char *dot = memchr(s, '.', len);

	if (len < 4 || (s[0] != 'v' && s[0] != 'V') || !dot)
		return false;
	*v = parse_number(s + 1, dot - s - 1);
	*point = parse_number(dot + 1, len - (dot - s) - 1);
	if (*v < 0 || *point < 0)
		return false;
	return *v < 4 && *point < 10 && !(*v == 2 && *point == 6);
}

/* "k/N": true and both numbers. */
static bool parse_counter(const char *s, size_t len, int *k, int *n)
{
	const char *slash = memchr(s, '/', len);

	if (!slash)
		return false;
	*k = parse_number(s, slash - s);
	*n = parse_number(slash + 1, len - (slash - s) - 1);
	return *k >= 0 && *n >= 0;
}

/* "vM->vN" (also "vM-vN"): true and both numbers. */
static bool parse_reroll(const char *s, size_t len, int *from, int *to)
{
	size_t i;

	if (len < 5 || (s[0] != 'v' && s[0] != 'V'))
		return false;
	for (i = 1; i < len && is_digit(s[i]); i++)
		;
	*from = parse_number(s + 1, i - 1);
	if (*from < 0 || i >= len || s[i] != '-')
		return false;
	i++;
	if (i < len && s[i] == '>')
		i++;
	*to = parse_version(s + i, len - i);
	return *to >= 0;
}

struct tokens {
	const char *ptr[SUBJECT_MAX_TOKENS];
	size_t len[SUBJECT_MAX_TOKENS];
	size_t nr;
};

static void add_token(struct tokens *t, const char *s, size_t len)
{
	if (len && t->nr < SUBJECT_MAX_TOKENS) {
		t->ptr[t->nr] = s;
		t->len[t->nr] = len;
		t->nr++;
	}
}

/*
 * Split a bracket group on white space, commas and semicolons; "PATCHv3"
 * and "RFCv2" become two tokens.
 */
static bool is_separator(char c)
{
	return is_space(c) || c == ',' || c == ';' || c == '[' || c == ']';
}

/* "v20/4": "v2" and "0/4" written without the space between them. */
static bool split_version_counter(struct tokens *t, const char *s, size_t len)
{
	const char *slash = memchr(s, '/', len);
	int k, n;
	size_t i;

	if (len < 5 || (s[0] != 'v' && s[0] != 'V') || !slash)
		return false;
	for (i = 2; s + i < slash; i++)
		if (parse_version(s, i) > 0 &&
		    parse_counter(s + i, len - i, &k, &n) && k <= n) {
			add_token(t, s, i);
			add_token(t, s + i, len - i);
			return true;
		}
	return false;
}

static void split_group(struct tokens *t, const char *s, size_t len)
{
	size_t i = 0, start;

	while (i < len) {
		while (i < len && is_separator(s[i]))
			i++;
		start = i;
		while (i < len && !is_separator(s[i]))
			i++;
		if (i == start)
			continue;
		if (split_version_counter(t, s + start, i - start))
			continue;
		if (i - start > 5 &&
		    prv_starts_with_ci(s + start, len, "patch") &&
		    parse_version(s + start + 5, i - start - 5) >= 0) {
			add_token(t, s + start, 5);
			add_token(t, s + start + 5, i - start - 5);
		} else if (i - start > 3 &&
			   prv_starts_with_ci(s + start, len, "rfc") &&
			   parse_version(s + start + 3, i - start - 3) >= 0) {
			add_token(t, s + start, 3);
			add_token(t, s + start + 3, i - start - 3);
		} else {
			add_token(t, s + start, i - start);
		}
	}
}

static void read_tokens(struct prv_subject *out, struct prv_arena *a,
			const struct tokens *t)
{
	const char *tags[SUBJECT_MAX_TOKENS];
	size_t i, nr_tags = 0;
	int k, n;

	for (i = 0; i < t->nr; i++) {
		const char *s = t->ptr[i];
		size_t len = t->len[i];
		int v;

		if (prv_eq_ci(s, len, "patch")) {
			out->is_patch = true;
		} else if (prv_eq_ci(s, len, "rfc")) {
			out->is_patch = true;
			out->rfc = true;
		} else if (prv_eq_ci(s, len, "resend") ||
			   prv_eq_ci(s, len, "repost")) {
			out->resend = true;
		} else if ((v = parse_version(s, len)) >= 0) {
			out->version = v ? v : 1;
		} else if (parse_point(s, len, &v, &k)) {
			out->version = v ? v : 1;
			out->point = k;
		} else if (parse_counter(s, len, &k, &n)) {
			out->has_counter = true;
			out->index = k;
			out->total = n;
		} else if (i + 2 < t->nr &&
			   prv_eq_ci(t->ptr[i + 1], t->len[i + 1], "of") &&
			   (k = parse_number(s, len)) >= 0 &&
			   (n = parse_number(t->ptr[i + 2], t->len[i + 2])) >=
				   0) {
			/* Mercurial: [PATCH 1 of 3] */
			out->has_counter = true;
			out->index = k;
			out->total = n;
			i += 2;
		} else if (parse_reroll(s, len, &k, &n)) {
			out->partial_from = k;
			out->version = n ? n : 1;
		} else {
			tags[nr_tags++] = prv_arena_strndup(a, s, len);
		}
	}
	if (nr_tags) {
		out->tags = prv_arena_alloc(a, nr_tags * sizeof(*out->tags));
		memcpy(out->tags, tags, nr_tags * sizeof(*tags));
		out->nr_tags = nr_tags;
	}
}

/* Copy the title collapsing runs of white space into one space. */
static const char *clean_title(struct prv_arena *a, const char *s, size_t len)
{
	char *t = prv_arena_alloc(a, len + 1);
	size_t i, n = 0;
	bool space = false;

	for (i = 0; i < len; i++) {
		if (is_space(s[i])) {
			space = n > 0;
			continue;
		}
		if (space)
			t[n++] = ' ';
		space = false;
		t[n++] = s[i] ? s[i] : ' ';
	}
	t[n] = '\0';
	return t;
}

/*
 * Index of the "]" closing the group opened at s[i]; brackets nested in
 * it ("[PATCH [net] 1/2]") are balanced. 0 when it never closes.
 */
static size_t group_end(const char *s, size_t len, size_t i)
{
	int depth = 0;

	for (; i < len; i++) {
		if (s[i] == '[') {
			depth++;
		} else if (s[i] == ']' && --depth == 0) {
			return i;
		} else if (s[i] == '\n') {
			break;
		}
	}
	return 0;
}

void prv_subject_parse(struct prv_subject *out, struct prv_arena *a,
		       const char *subject, size_t len)
{
	struct tokens t;
	size_t i = 0, n;
	bool progress = true;

	memset(out, 0, sizeof(*out));
	memset(&t, 0, sizeof(t));
	out->version = 1;
	out->index = 1;
	out->total = 1;
	if (!subject)
		len = 0;

	/*
	 * Replies and bracket groups may alternate ("Re: [PATCH] Re: x" is
	 * rare, "[PATCH] Re:" is not a reply to b4): replies first, then the
	 * groups, then replies again only if no group was seen.
	 */
	while (progress) {
		progress = false;
		i = skip_space(subject, len, i);
		n = reply_prefix(subject + i, len - i);
		if (n && t.nr == 0) {
			out->is_reply = true;
			i += n;
			progress = true;
			continue;
		}
		if (i < len && subject[i] == '[') {
			size_t end = group_end(subject, len, i);

			if (!end)
				break;
			split_group(&t, subject + i + 1, end - i - 1);
			i = end + 1;
			progress = true;
		}
	}
	read_tokens(out, a, &t);
	if (!out->has_counter) {
		out->index = 1;
		out->total = 1;
	}
	if (out->total > SUBJECT_NUMBER_MAX)
		out->total = SUBJECT_NUMBER_MAX;
	out->title = clean_title(a, subject + i, len - i);
}

bool prv_subject_has_tag(const struct prv_subject *s, const char *tag)
{
	size_t i;

	for (i = 0; i < s->nr_tags; i++)
		if (prv_eq_ci(s->tags[i], strlen(s->tags[i]), tag))
			return true;
	return false;
}
