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
 * Parse one address as git mailinfo does for From: ("Name <a@b>",
 * "a@b (Name)", "<a@b>", "a@b"; a quoted name is unquoted, a bare address
 * yields its local part as the name). `s` is already RFC 2047 decoded.
 * Strings live in `a`. Returns 0, or PRV_EPARSE when no address was found
 * (out is then filled with what could be salvaged).
 */
int prv_address_parse(struct prv_person *out, struct prv_arena *a,
		      const char *s, size_t len);

/*
 * Split an address list (To:, Cc:) into people; commas inside quotes and
 * angle brackets do not split. Appends to *out (arena array).
 */
int prv_address_list_parse(struct prv_person **out, size_t *nr,
			   struct prv_arena *a, const char *s, size_t len);

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
