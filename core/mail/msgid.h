/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_MSGID_H
#define PRV_MSGID_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Message-ids: what one may hold and where a message URL names one. One
 * cap for every reader of them: an id longer than an RFC 5322 line (998
 * bytes) is not one.
 */
#define PRV_MSGID_MAX 998

/*
 * True if the `len` bytes at `id` (without <>) can name a message: 1 to
 * PRV_MSGID_MAX bytes, printable, no blanks, no '<' or '>'.
 */
bool prv_msgid_valid(const char *id, size_t len);

/* The parts of a message URL on a public-inbox host, pointing into it. */
struct prv_msgid_url {
	const char *host; /* "lore.kernel.org" */
	size_t host_len;
	const char *inbox; /* the path before the id: "netdev", "r", "" */
	size_t inbox_len;
	const char *id; /* as written: %XX escapes are still in it */
	size_t id_len;
};

/*
 * Split the `len` bytes of `url` (http:// or https://, or none) at its
 * message-id: https://HOST/<inbox>/<id>/<view>?query#fragment. The id is
 * the first path segment that holds an '@' (or "%40"); without one, the
 * id is the second segment when `any_host` (a URL given to name a
 * message), else only on hosts known to serve message URLs by id alone
 * (lore.kernel.org/<list>/<id>, lore.kernel.org/r/<id>,
 * lkml.kernel.org/r/<id>, patch.msgid.link/<id>). False when there is no
 * id, or more than 64 path segments.
 */
bool prv_msgid_url_split(struct prv_msgid_url *out, const char *url, size_t len,
			 bool any_host);

#endif
