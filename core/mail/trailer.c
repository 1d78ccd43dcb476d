// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Trailers as git interpret-trailers finds them (block rule, separators,
 * continuation lines), and review tags given in replies as b4 collects
 * them.
 */
#include <stdbool.h>
#include <string.h>

#include "core/mail/trailer.h"
#include "core/base/util.h"

#define PRV_TRAILER_VALUE_MAX 4096

static const char *const git_generated_prefixes[] = {
	"Signed-off-by: ",
	"(cherry picked from commit ",
};

static inline bool git_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static inline bool is_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z');
}

static bool is_blank(const char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!git_space((unsigned char)p[i]))
			return false;
	return true;
}

/*
 * Offset of the ':' of "Token: value" (the token of letters, digits and
 * '-', white space allowed before the colon), or -1.
 */
static long find_separator(const char *p, size_t len)
{
	bool space_seen = false;
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c == ':')
			return (long)i;
		if (!space_seen && (is_alnum(c) || c == '-'))
			continue;
		if (i && (c == ' ' || c == '\t')) {
			space_seen = true;
			continue;
		}
		break;
	}
	return -1;
}

bool prv_trailer_token_ok(const char *key, size_t len)
{
	size_t i;

	if (!len)
		return false;
	for (i = 0; i < len; i++)
		if (!is_alnum((unsigned char)key[i]) && key[i] != '-')
			return false;
	return true;
}

bool prv_trailer_is(const struct prv_trailer *t, const char *key)
{
	return t->key && prv_eq_ci(t->key, strlen(t->key), key);
}

bool prv_trailer_key_is_person(const char *key)
{
	static const char *const keys[] = {
		"reviewed-by",	 "acked-by",	    "tested-by",
		"signed-off-by", "co-developed-by", "suggested-by",
		"reported-by",	 "nacked-by",
	};
	size_t i;

	for (i = 0; key && i < PRV_ARRAY_SIZE(keys); i++)
		if (prv_eq_ci(key, strlen(key), keys[i]))
			return true;
	return false;
}

const char *prv_trailer_review_key(const char *key)
{
	static const char *const keys[] = { "Reviewed-by", "Acked-by",
					    "Tested-by" };
	size_t i;

	for (i = 0; key && i < PRV_ARRAY_SIZE(keys); i++)
		if (prv_eq_ci(key, strlen(key), keys[i]))
			return keys[i];
	return NULL;
}

/* Start of the line that ends just before `end` (end > 0). */
static size_t line_start_before(const char *s, size_t end)
{
	size_t i = end - 1; /* the '\n' of the previous line, or its end */

	while (i > 0 && s[i - 1] != '\n')
		i--;
	return i;
}

/* End of the message proper: the first "---" line followed by space. */
static size_t message_end(const char *s, size_t len)
{
	size_t pos = 0;

	while (pos < len) {
		size_t ll = prv_line_len(s + pos, len - pos);

		if (ll >= 3 && !memcmp(s + pos, "---", 3) &&
		    (ll == 3 || git_space((unsigned char)s[pos + 3])))
			return pos;
		pos += ll + 1;
	}
	return len;
}

/* git's find_trailer_block_start() for a message without its title. */
static size_t block_start(const char *s, size_t len)
{
	bool only_spaces = true, recognized = false;
	int trailers = 0, others = 0, continuations = 0;
	size_t end = len;

	while (end > 0) {
		size_t l = line_start_before(s, end);
		size_t ll = prv_line_len(s + l, len - l);
		size_t i;

		end = l;
		if (ll && s[l] == '#') {
			others += continuations;
			continuations = 0;
			continue;
		}
		if (is_blank(s + l, ll)) {
			if (only_spaces)
				continue;
			others += continuations;
			if (recognized && trailers * 3 >= others)
				return l + ll + (l + ll < len ? 1 : 0);
			if (trailers && !others)
				return l + ll + (l + ll < len ? 1 : 0);
			return len;
		}
		only_spaces = false;
		for (i = 0; i < PRV_ARRAY_SIZE(git_generated_prefixes); i++) {
			if (prv_starts_with(s + l, ll,
					    git_generated_prefixes[i])) {
				trailers++;
				continuations = 0;
				recognized = true;
				break;
			}
		}
		if (i < PRV_ARRAY_SIZE(git_generated_prefixes))
			continue;
		if (find_separator(s + l, ll) >= 1 &&
		    !git_space((unsigned char)s[l])) {
			trailers++;
			continuations = 0;
		} else if (git_space((unsigned char)s[l])) {
			continuations++;
		} else {
			others += 1 + continuations;
			continuations = 0;
		}
	}
	/* the title paragraph sits above the message: a virtual blank line */
	if (only_spaces)
		return len;
	others += continuations;
	if ((recognized && trailers * 3 >= others) || (trailers && !others))
		return 0;
	return len;
}

/* git's unfold_value(): each newline and the white space after it -> ' '. */
static char *unfold(struct prv_arena *a, const char *p, size_t len)
{
	char *out = prv_arena_alloc(a, len + 1);
	size_t i = 0, o = 0;

	while (i < len) {
		char c = p[i++];

		if (c == '\n') {
			while (i < len && git_space((unsigned char)p[i]))
				i++;
			out[o++] = ' ';
		} else {
			out[o++] = c;
		}
	}
	while (o && git_space((unsigned char)out[o - 1]))
		o--;
	i = 0;
	while (i < o && git_space((unsigned char)out[i]))
		i++;
	out[o] = '\0';
	return out + i;
}

static char *trimmed(struct prv_arena *a, const char *p, size_t len)
{
	while (len && git_space((unsigned char)*p)) {
		p++;
		len--;
	}
	while (len && git_space((unsigned char)p[len - 1]))
		len--;
	if (len > PRV_TRAILER_VALUE_MAX)
		len = PRV_TRAILER_VALUE_MAX;
	return prv_arena_strndup(a, p, len);
}

static void add(struct prv_trailer **out, size_t *nr, size_t *alloc,
		struct prv_arena *a, const struct prv_trailer *t)
{
	PRV_ARENA_GROW(a, *out, *nr + 1, *alloc);
	(*out)[(*nr)++] = *t;
}

int prv_trailers_parse(struct prv_trailer **out, size_t *nr,
		       size_t *block_start_out, struct prv_arena *a,
		       const char *message, size_t len, bool keep_other)
{
	size_t end = message_end(message, len);
	size_t start = block_start(message, end);
	size_t pos, line_no = 0, alloc = 0;

	*out = NULL;
	*nr = 0;
	if (block_start_out)
		*block_start_out = start < end ? start : len;
	if (start >= end)
		return 0;
	for (pos = 0; pos < start; pos++)
		if (message[pos] == '\n')
			line_no++;

	pos = start;
	while (pos < end) {
		size_t ll = prv_line_len(message + pos, end - pos);
		size_t first = pos, stop = pos + ll, first_line = line_no;
		struct prv_trailer t = { NULL, NULL, 0, false };
		long sep;

		pos = stop < end ? stop + 1 : end;
		line_no++;
		if (message[first] == '#' || is_blank(message + first, ll))
			continue;
		sep = find_separator(message + first, ll);
		if (sep >= 1) {
			/* continuation lines join a trailer */
			while (pos < end &&
			       git_space((unsigned char)message[pos]) &&
			       message[pos] != '\n') {
				size_t cl =
					prv_line_len(message + pos, end - pos);

				stop = pos + cl;
				pos = stop < end ? stop + 1 : end;
				line_no++;
			}
			t.key = trimmed(a, message + first, (size_t)sep);
			t.value =
				unfold(a, message + first + sep + 1,
				       (stop - first - (size_t)sep - 1) >
						       PRV_TRAILER_VALUE_MAX ?
					       PRV_TRAILER_VALUE_MAX :
					       stop - first - (size_t)sep - 1);
			t.line = first_line;
			t.is_trailer = true;
			add(out, nr, &alloc, a, &t);
		} else if (keep_other) {
			t.key = "";
			t.value = trimmed(a, message + first, ll);
			t.line = first_line;
			add(out, nr, &alloc, a, &t);
		}
	}
	return 0;
}

/*
 * Review tags in replies follow b4's reading of follow-ups: any
 * "Token: value" line outside quotes whose value holds an address, or
 * whose token is one of these; values with a URL are not taken (b4 does
 * not trust links given in replies), nor phone/email/header lines.
 */
/* Taken without an address: Assisted-by names a tool (AGENT:MODEL). */
static const char *const reply_nonperson[] = {
	"Fixes", "Link", "BugLink", "Obsoleted-by", "Assisted-by",
};
static const char *const reply_ignored[] = {
	"phone", "email", "subject", "date", "from", "change-id", "base-commit",
};

static bool in_list(const char *key, size_t len, const char *const *list,
		    size_t nr)
{
	size_t i;

	for (i = 0; i < nr; i++)
		if (prv_eq_ci(key, len, list[i]))
			return true;
	return false;
}

/*
 * "\S+@\S+\.\S+" somewhere in s. When the scan after an '@' fails, every
 * '@' it passed would stop at the same byte and fail too: the search goes
 * on from there, so that a run of '@' costs linear time.
 */
static bool has_address(const char *s)
{
	const char *at, *from = s;

	while ((at = strchr(from, '@'))) {
		const char *p = at + 1;

		from = at + 1;
		if (at == s || git_space((unsigned char)at[-1]) || !*p ||
		    git_space((unsigned char)*p))
			continue;
		while (*p && !git_space((unsigned char)*p) && *p != '.')
			p++;
		if (*p == '.' && p > at + 1 && p[1] &&
		    !git_space((unsigned char)p[1]))
			return true;
		from = p;
	}
	return false;
}

static bool reply_diff_start(const char *p, size_t len)
{
	return prv_starts_with(p, len, "diff --git ") ||
	       (len == 3 && !memcmp(p, "---", 3));
}

/* Length of the line at p without its '\n' and trailing CRs. */
static size_t reply_line(const char *p, size_t len, size_t *next)
{
	size_t ll = prv_line_len(p, len);

	*next = ll + (ll < len ? 1 : 0);
	while (ll && p[ll - 1] == '\r')
		ll--;
	return ll;
}

int prv_trailers_from_reply(struct prv_trailer **out, size_t *nr,
			    struct prv_arena *a, const char *body, size_t len)
{
	size_t pos = 0, line_no = 0, alloc = *nr;

	while (pos < len) {
		const char *p = body + pos;
		size_t next, ll = reply_line(p, len - pos, &next), klen, vl;
		size_t first_line;
		struct prv_trailer t;
		char *value, *hash;
		long sep;

		pos += next;
		first_line = line_no++;
		/* a signature or a patch of the replier's own ends the text */
		if ((ll == 3 && !memcmp(p, "-- ", 3)) ||
		    (ll == 2 && !memcmp(p, "--", 2)) || reply_diff_start(p, ll))
			break;
		while (ll && (*p == ' ' || *p == '\t')) {
			p++;
			ll--;
		}
		if (!ll || p[0] == '>')
			continue;
		sep = find_separator(p, ll);
		if (sep < 1 || (size_t)sep + 1 >= ll ||
		    !git_space((unsigned char)p[sep + 1]))
			continue;
		klen = (size_t)sep;
		while (klen && git_space((unsigned char)p[klen - 1]))
			klen--;
		if (!prv_trailer_token_ok(p, klen) ||
		    in_list(p, klen, reply_ignored,
			    PRV_ARRAY_SIZE(reply_ignored)))
			continue;
		vl = ll - (size_t)sep - 1;
		/* "Signed-off-by: Long Name" wrapped before "<address>" */
		if (!memchr(p + sep + 1, '@', vl) && pos < len &&
		    body[pos] == '<') {
			size_t n2, l2 = reply_line(body + pos, len - pos, &n2);

			if (l2 && body[pos + l2 - 1] == '>' &&
			    memchr(body + pos, '@', l2)) {
				value = prv_arena_printf(a, "%.*s %.*s",
							 (int)vl, p + sep + 1,
							 (int)l2, body + pos);
				pos += n2;
				line_no++;
				goto have_value;
			}
		}
		value = trimmed(a, p + sep + 1, vl);
have_value:
		value = trimmed(a, value, strlen(value));
		if (!*value || strstr(value, "http://") ||
		    strstr(value, "https://"))
			continue;
		if (!has_address(value) &&
		    !in_list(p, klen, reply_nonperson,
			     PRV_ARRAY_SIZE(reply_nonperson)))
			continue;
		/* "Tested-by: A <a@x> # on arm64": the comment is dropped */
		hash = strstr(value, " #");
		if (hash && !strchr(hash + 2, '#'))
			*hash = '\0';
		t.key = trimmed(a, p, klen);
		t.value = trimmed(a, value, strlen(value));
		t.line = first_line;
		t.is_trailer = true;
		add(out, nr, &alloc, a, &t);
	}
	return 0;
}
