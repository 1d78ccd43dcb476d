// SPDX-License-Identifier: GPL-2.0-or-later
#include <string.h>
#include <strings.h>

#include "core/mail/address.h"
#include "core/base/buf.h"
#include "core/base/error.h"
#include "core/base/util.h"

/* Longest address text looked at; longer ones are cut. */
#define ADDRESS_MAX 4096
/* git's get_sane_name(): a longer name is not believed. */
#define NAME_MAX_LEN 60

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	       c == '\f';
}

/*
 * git mailinfo's unquote_quoted_pair(): "quoted strings" lose their quotes
 * and backslashes, (comments) keep their parentheses but lose backslashes.
 */
static size_t unquote(char *out, const char *s, size_t len)
{
	size_t i = 0, o = 0;

	while (i < len) {
		char c = s[i++];

		if (c == '"') {
			while (i < len && s[i] != '"') {
				if (s[i] == '\\' && i + 1 < len)
					i++;
				out[o++] = s[i++];
			}
			i += i < len;
			continue;
		}
		if (c == '(') {
			int depth = 1;

			out[o++] = '(';
			while (i < len && depth) {
				if (s[i] == '\\' && i + 1 < len) {
					out[o++] = s[i + 1];
					i += 2;
					continue;
				}
				if (s[i] == '(')
					depth++;
				else if (s[i] == ')')
					depth--;
				out[o++] = s[i++];
			}
			continue;
		}
		out[o++] = c;
	}
	return o;
}

/* Collapse white space runs into one space and trim both ends. */
static size_t squeeze(char *s, size_t len)
{
	size_t i, o = 0;

	for (i = 0; i < len; i++) {
		if (is_space(s[i])) {
			if (o && s[o - 1] != ' ')
				s[o++] = ' ';
			continue;
		}
		s[o++] = s[i];
	}
	while (o && s[o - 1] == ' ')
		o--;
	return o;
}

int prv_address_parse(struct prv_person *out, struct prv_arena *a,
		      const char *s, size_t len)
{
	char *f, *at, *start, *name;
	size_t flen, el, nlen;
	char *lt, *gt;

	out->name = "";
	out->email = "";
	if (len > ADDRESS_MAX)
		len = ADDRESS_MAX;
	f = prv_arena_alloc(a, len + 1);
	flen = unquote(f, s, len);
	f[flen] = '\0';

	/* an address in angle brackets wins over a bare one in the name */
	lt = memchr(f, '<', flen);
	gt = lt ? memchr(lt, '>', flen - (size_t)(lt - f)) : NULL;
	if (lt && gt && memchr(lt, '@', (size_t)(gt - lt))) {
		start = lt + 1;
		el = (size_t)(gt - start);
		while (el && is_space(*start)) {
			start++;
			el--;
		}
		while (el && is_space(start[el - 1]))
			el--;
		out->email = prv_arena_strndup(a, start, el);
		memmove(lt, gt + 1, flen - (size_t)(gt + 1 - f) + 1);
		flen -= (size_t)(gt + 1 - lt);
	} else if ((at = memchr(f, '@', flen))) {
		/* the word around '@', possibly opened by '<' */
		start = at;
		while (start > f && !is_space(start[-1]) && start[-1] != '<')
			start--;
		el = strcspn(start, " \n\t\r\v\f>");
		out->email = prv_arena_strndup(a, start, el);
		if (start > f && start[-1] == '<')
			start--, el++;
		if (start[el] == '>')
			el++;
		memmove(start, start + el, flen - (size_t)(start + el - f) + 1);
		flen -= el;
	} else if (lt && gt) {
		/* git's parse_bogus_from(): "Name <local>" */
		out->email =
			prv_arena_strndup(a, lt + 1, (size_t)(gt - lt - 1));
		flen = (size_t)(lt - f);
	} else {
		flen = squeeze(f, flen);
		out->name = flen <= NAME_MAX_LEN ? f : "";
		return prv_error(PRV_EPARSE, "no address in '%.*s'",
				 (int)(len > 80 ? 80 : len), s);
	}
	flen = squeeze(f, flen);
	name = f;
	nlen = flen;
	if (nlen >= 2 && name[0] == '(' && name[nlen - 1] == ')') {
		name++;
		nlen -= 2;
	}
	name[nlen] = '\0';
	if (!nlen || nlen > NAME_MAX_LEN || strpbrk(name, "@<>")) {
		/* a bare address: its local part names the person */
		const char *e = out->email;
		const char *eat = strchr(e, '@');

		name = prv_arena_strndup(a, e,
					 eat ? (size_t)(eat - e) : strlen(e));
	}
	out->name = name;
	return 0;
}

static void add_one(struct prv_person **out, size_t *nr, size_t *alloc,
		    struct prv_arena *a, const char *p, size_t l)
{
	struct prv_person person;
	const char *colon;

	while (l && is_space(*p))
		p++, l--;
	while (l && is_space(p[l - 1]))
		l--;
	/* "group: a, b;" keeps its addresses */
	colon = l ? memchr(p, ':', l) : NULL;
	if (colon && !memchr(p, '<', (size_t)(colon - p)) &&
	    !memchr(p, '"', (size_t)(colon - p)) &&
	    !memchr(p, '@', (size_t)(colon - p))) {
		l -= (size_t)(colon + 1 - p);
		p = colon + 1;
	}
	if (!l || prv_address_parse(&person, a, p, l))
		return;
	PRV_ARENA_GROW(a, *out, *nr + 1, *alloc);
	(*out)[(*nr)++] = person;
}

int prv_address_list_parse(struct prv_person **out, size_t *nr,
			   struct prv_arena *a, const char *s, size_t len)
{
	size_t i, start = 0, alloc = *nr;
	bool quoted = false, angle = false, seg_addr = false;
	const char *last_at;
	int paren = 0;

	if (len > (size_t)ADDRESS_MAX * 64)
		len = (size_t)ADDRESS_MAX * 64;
	last_at = len ? memrchr(s, '@', len) : NULL;
	for (i = 0; i < len; i++) {
		char c = s[i];

		if (quoted) {
			if (c == '\\')
				i++;
			else if (c == '"')
				quoted = false;
			continue;
		}
		if (c == '@' || c == '<' || c == ':')
			seg_addr = true;
		if (c == '"')
			quoted = true;
		else if (c == '(')
			paren++;
		else if (c == ')' && paren)
			paren--;
		else if (c == '<')
			angle = true;
		else if (c == '>')
			angle = false;
		else if ((c == ',' || c == ';') && !angle && !paren) {
			/*
			 * A comma before any address belongs to a name whose
			 * quotes RFC 2047 decoding took away ("Doe, John").
			 */
			if (c == ',' && !seg_addr && last_at && last_at > s + i)
				continue;
			add_one(out, nr, &alloc, a, s + start, i - start);
			start = i + 1;
			seg_addr = false;
		}
	}
	if (start < len)
		add_one(out, nr, &alloc, a, s + start, len - start);
	return 0;
}

bool prv_person_same_email(const struct prv_person *a,
			   const struct prv_person *b)
{
	size_t la;

	if (!a->email || !b->email)
		return false;
	la = strlen(a->email);
	return la == strlen(b->email) && prv_eq_ci(a->email, la, b->email);
}

bool prv_person_same(const struct prv_person *a, const struct prv_person *b)
{
	if (a->email && b->email && *a->email &&
	    !strcasecmp(a->email, b->email))
		return true;
	return a->name && b->name && *a->name && *b->name &&
	       !strcasecmp(a->name, b->name);
}
