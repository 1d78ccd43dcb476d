// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/mail/address.h"
#include "core/base/buf.h"
#include "core/base/error.h"
#include "core/base/util.h"
#include "core/mail/msg.h"

/* Longest address text looked at; longer ones are cut. */
#define ADDRESS_MAX 4096
/* git's get_sane_name(): a longer name is not believed. */
#define NAME_MAX_LEN 60

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	       c == '\f';
}

static bool in_set(char c, const char *set)
{
	return c && strchr(set, c);
}

size_t prv_address_unquote(char *out, const char *s, size_t len)
{
	size_t i = 0, o = 0;

	while (i < len) {
		char c = s[i++];
		int depth = c == '(' ? 1 : 0; /* 0: in a quoted string */
		bool literal = false;

		if (c != '"' && c != '(') {
			out[o++] = c;
			continue;
		}
		if (depth)
			out[o++] = '(';
		while (i < len) {
			c = s[i++];
			if (literal) {
				literal = false;
			} else if (c == '\\') {
				literal = true;
				continue;
			} else if (!depth && c == '"') {
				break;
			} else if (depth && c == '(') {
				depth++;
			} else if (depth && c == ')') {
				out[o++] = ')';
				if (!--depth)
					break;
				continue;
			}
			out[o++] = c;
		}
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

/*
 * Where the address of one mailbox sits in its raw text, read as RFC 5322
 * reads it: quoted strings and (comments) hide what they hold, the first
 * <angle-addr> holding an '@' wins, else the first bare word holding an
 * '@' outside them, else git's "Name <local>". [*start, *end) is what goes
 * out of the name, brackets included; [*addr, *addr + *alen) the address.
 */
static bool find_address(const char *s, size_t len, size_t *start, size_t *end,
			 size_t *addr, size_t *alen)
{
	size_t i, bare = len, bogus = len;
	int paren = 0;
	bool quoted = false;

	*start = *end = *addr = *alen = 0;
	for (i = 0; i < len; i++) {
		char c = s[i];

		if (c == '\\' && (quoted || paren)) {
			i++;
		} else if (quoted) {
			quoted = c != '"';
		} else if (paren) {
			paren += c == '(' ? 1 : c == ')' ? -1 : 0;
		} else if (c == '"') {
			quoted = true;
		} else if (c == '(') {
			paren = 1;
		} else if (c == '<') {
			const char *gt = memchr(s + i, '>', len - i);
			size_t e = gt ? (size_t)(gt - s) : len;

			if (memchr(s + i, '@', e - i)) {
				*start = i;
				*end = e + (e < len);
				*addr = i + 1;
				*alen = e - i - 1;
				return true;
			}
			if (bogus == len && gt) {
				bogus = i;
				*start = i;
				*end = e + 1;
			}
			i = e;
		} else if (c == '@' && bare == len) {
			bare = i;
		}
	}
	if (bare < len) {
		size_t b = bare, e = bare;

		while (b && !is_space(s[b - 1]) &&
		       !in_set(s[b - 1], "<>()\",;"))
			b--;
		while (e < len && !is_space(s[e]) && !in_set(s[e], "<>()\",;"))
			e++;
		*start = *addr = b;
		*end = e;
		*alen = e - b;
		return true;
	}
	if (bogus < len) {
		*addr = *start + 1;
		*alen = *end - *start - 2;
		return true;
	}
	return false;
}

/* Take the white space off both ends of [*start, *start + *len) of `s`. */
static void trim(const char *s, size_t *start, size_t *len)
{
	while (*len && is_space(s[*start]))
		(*start)++, (*len)--;
	while (*len && is_space(s[*start + *len - 1]))
		(*len)--;
}

/* Whether an address as found can be written back as one: no white space,
 * control byte or the specials that would open a second address. */
static bool sane_email(const char *e, size_t len)
{
	size_t i;

	if (!len)
		return false;
	for (i = 0; i < len; i++)
		if ((unsigned char)e[i] <= ' ' || e[i] == 0x7f ||
		    in_set(e[i], "<>()\",;:\\"))
			return false;
	return true;
}

/*
 * The display name: the text around the address, RFC 2047 decoded only
 * now that the address is out of it, then unquoted and squeezed as git
 * mailinfo does. A name that is empty, too long or looks like an address
 * is not believed: the local part of the email names the person.
 */
static const char *display_name(struct prv_arena *a, const char *s, size_t len,
				size_t start, size_t end, const char *email)
{
	char *raw = prv_arena_alloc(a, len - (end - start) + 2);
	char *dec, *f, *name;
	size_t flen, nlen;

	memcpy(raw, s, start);
	raw[start] = ' ';
	memcpy(raw + start + 1, s + end, len - end);
	dec = prv_rfc2047_decode(a, raw, len - (end - start) + 1);
	f = prv_arena_alloc(a, strlen(dec) + 1);
	flen = squeeze(f, prv_address_unquote(f, dec, strlen(dec)));
	name = f;
	nlen = flen;
	if (nlen >= 2 && name[0] == '(' && name[nlen - 1] == ')') {
		name++;
		nlen -= 2;
	}
	name[nlen] = '\0';
	if (!nlen || nlen > NAME_MAX_LEN || strpbrk(name, "@<>")) {
		const char *eat = strchr(email, '@');

		return prv_arena_strndup(
			a, email, eat ? (size_t)(eat - email) : strlen(email));
	}
	return name;
}

int prv_address_parse(struct prv_person *out, struct prv_arena *a,
		      const char *s, size_t len)
{
	size_t start = 0, end = 0, addr = 0, alen = 0;
	char *f;

	out->name = "";
	out->email = "";
	if (len > ADDRESS_MAX)
		len = ADDRESS_MAX;
	if (!find_address(s, len, &start, &end, &addr, &alen)) {
		const char *dec = prv_rfc2047_decode(a, s, len);

		f = prv_arena_alloc(a, strlen(dec) + 1);
		f[squeeze(f, prv_address_unquote(f, dec, strlen(dec)))] = '\0';
		out->name = strlen(f) <= NAME_MAX_LEN ? f : "";
		return prv_error(PRV_EPARSE, "no address in '%.*s'",
				 (int)(len > 80 ? 80 : len), s);
	}
	trim(s, &addr, &alen);
	if (!sane_email(s + addr, alen))
		return prv_error(PRV_EPARSE, "no address in '%.*s'",
				 (int)(len > 80 ? 80 : len), s);
	out->email = prv_utf8_sanitize(a, s + addr, alen, NULL);
	out->name = display_name(a, s, len, start, end, out->email);
	return 0;
}

/* `s` unquoted and squeezed as git mailinfo does, into `a`. */
static char *plain_name(struct prv_arena *a, const char *s, size_t len)
{
	char *f = prv_arena_alloc(a, len + 1);

	f[squeeze(f, prv_address_unquote(f, s, len))] = '\0';
	return f;
}

/*
 * Whether [start, end) of a trailer value is an address standing as
 * submitting-patches.rst writes one: an <angle-addr> that closes, or a
 * bare address with nothing before it; after it only white space or a
 * "# comment" ("<stable@vger.kernel.org> # 6.1") may follow a bare one.
 */
static bool trailer_address_stands(const char *s, size_t len, size_t start,
				   size_t end)
{
	size_t i;

	if (s[start] == '<')
		return s[end - 1] == '>';
	for (i = 0; i < start; i++)
		if (!is_space(s[i]))
			return false;
	for (i = end; i < len && is_space(s[i]); i++)
		;
	return i == len || s[i] == '#';
}

bool prv_person_parse_trailer(struct prv_person *out, struct prv_arena *a,
			      const char *value)
{
	size_t len, start, end, addr, alen;
	const char *at;

	out->name = "";
	out->email = "";
	if (!value)
		return false;
	len = strnlen(value, ADDRESS_MAX);
	if (!find_address(value, len, &start, &end, &addr, &alen)) {
		out->name = plain_name(a, value, len);
		return false;
	}
	out->name = plain_name(a, value, start);
	trim(value, &addr, &alen);
	at = memchr(value + addr, '@', alen);
	if (!at || at == value + addr || at == value + addr + alen - 1 ||
	    !sane_email(value + addr, alen) ||
	    !trailer_address_stands(value, len, start, end))
		return false;
	out->email = prv_utf8_sanitize(a, value + addr, alen, NULL);
	return true;
}

/*
 * The people of a list, gathered in a malloc'd array and copied into the
 * arena at their exact size once read: grown in the arena, every list of
 * every mail would leave its smaller copies behind.
 */
struct person_list {
	struct prv_person *items;
	size_t nr, alloc;
};

static void add_one(struct person_list *list, struct prv_arena *a,
		    const char *p, size_t l)
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
	PRV_ALLOC_GROW(list->items, list->nr + 1, list->alloc);
	list->items[list->nr++] = person;
}

int prv_address_list_parse(struct prv_person **out, size_t *nr,
			   struct prv_arena *a, const char *s, size_t len)
{
	struct person_list list = { .items = NULL, .nr = 0, .alloc = 0 };
	size_t i, start = 0;
	bool quoted = false, angle = false, seg_addr = false;
	const char *last_at;
	int paren = 0;

	if (len > (size_t)ADDRESS_MAX * 64)
		len = (size_t)ADDRESS_MAX * 64;
	last_at = len ? memrchr(s, '@', len) : NULL;
	PRV_ALLOC_GROW(list.items, *nr + 1, list.alloc);
	if (*nr)
		memcpy(list.items, *out, *nr * sizeof(**out));
	list.nr = *nr;
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
			add_one(&list, a, s + start, i - start);
			start = i + 1;
			seg_addr = false;
		}
	}
	if (start < len)
		add_one(&list, a, s + start, len - start);
	if (list.nr > *nr) {
		*out = prv_arena_alloc(a, list.nr * sizeof(**out));
		memcpy(*out, list.items, list.nr * sizeof(**out));
		*nr = list.nr;
	}
	free(list.items);
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
