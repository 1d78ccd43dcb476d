/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_ADDRESS_H
#define PRV_ADDRESS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/base/arena.h"

/* A person as mail names them. Strings are UTF-8 and never NULL ("" if absent).
 */
struct prv_person {
	const char *name;
	const char *email;
};

/*
 * Parse one mailbox from the raw header text `s` ("Name <a@b>",
 * "a@b (Name)", "<a@b>", "a@b", git's "Name <local>"). The address is
 * found as RFC 5322 reads it: quoted strings and comments never hold it,
 * the first <angle-addr> with an '@' wins over a bare one. RFC 2047 words
 * are decoded in the display name only, after the address was taken out,
 * so an encoded name can never become an address. The name is then
 * unquoted as git mailinfo does; an empty, over-long or address-like name
 * gives way to the local part of the email. Strings live in `a`. Returns
 * 0, or PRV_EPARSE when no address was found or it holds white space,
 * control bytes or specials that would open another address (out is then
 * filled with what could be salvaged, email "").
 */
int prv_address_parse(struct prv_person *out, struct prv_arena *a,
		      const char *s, size_t len);

/*
 * git mailinfo's unquote_quoted_pair() on [s, s + len) into `out` (which
 * may be `s`; it never grows): "quoted strings" lose their quotes,
 * (comments) keep their parentheses, and in both a backslash takes the
 * next character literally and is dropped. Returns the length written.
 */
size_t prv_address_unquote(char *out, const char *s, size_t len);

/*
 * Split a raw address list (To:, Cc:, Reply-To:) into people, each read by
 * prv_address_parse(); commas inside quotes, comments and angle brackets
 * do not split, groups ("team: a, b;") keep their addresses, entries
 * without an address are left out. Appends to *out (arena array).
 */
int prv_address_list_parse(struct prv_person **out, size_t *nr,
			   struct prv_arena *a, const char *s, size_t len);

/*
 * The person a trailer value names ("Name <a@b>", a bare "a@b", with a
 * "# comment" after it or not), read by the parser of
 * prv_address_parse(): the name is the text before the address, unquoted
 * and squeezed, never RFC 2047 decoded (a trailer is body text) and never
 * made up from the email. A value without an address ("Ann Dev") gives
 * its name alone. Strings live in `a`, never NULL. True when the value
 * holds an address as a trailer must write it: "local@domain" in closed
 * angle brackets, or bare with nothing before it.
 */
bool prv_person_parse_trailer(struct prv_person *out, struct prv_arena *a,
			      const char *value);

/* Same person: emails equal ignoring ASCII case (a NULL one never is). */
bool prv_person_same_email(const struct prv_person *a,
			   const struct prv_person *b);

/*
 * Same person as the checks see one: the same non-empty email ignoring
 * ASCII case, or else the same non-empty name ignoring case (one person
 * writing from two addresses). NULL strings count as empty.
 */
bool prv_person_same(const struct prv_person *a, const struct prv_person *b);

#endif
