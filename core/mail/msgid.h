/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_MSGID_H
#define PRV_MSGID_H

#include <stdbool.h>
#include <stddef.h>

#include "core/base/arena.h"

/*
 * Message-ids: what one may hold and where a message URL names one. One
 * cap for every reader of them: an id longer than an RFC 5322 line (998
 * bytes) is not one.
 */
#define PRV_MSGID_MAX 998

/*
 * True if the `len` bytes at `id` (without <>) can name a message: 1 to
 * PRV_MSGID_MAX bytes, printable, no blanks, no '<' or '>', and safe in a
 * URL (prv_msgid_url_safe()).
 */
bool prv_msgid_valid(const char *id, size_t len);

/*
 * True unless the `len` bytes at `id` hold a "." or ".." path segment
 * (split at '/' and '\\'), as written or percent-decoded, once or again
 * ("%2E%2E", "%252e%252e"): in a URL such an id would climb out of the
 * inbox path. Every message-id turned into a URL passes here first.
 */
bool prv_msgid_url_safe(const char *id, size_t len);

/*
 * The first "<id>" of the `len` bytes of a header value (Message-ID,
 * In-Reply-To, References), without the <> and the blanks inside them,
 * copied into `a`. An empty "<>" or one holding more than PRV_MSGID_MAX
 * bytes is passed over for what follows it; a value without any '<'
 * yields its first word (some mailers drop the brackets). NULL when there
 * is no id, or a '<' is never closed. *rest (may be NULL) is set past what
 * was read, for the next id of a References list.
 */
const char *prv_msgid_parse(struct prv_arena *a, const char *s, size_t len,
			    const char **rest);

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
