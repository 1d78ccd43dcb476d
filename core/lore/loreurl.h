/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_LOREURL_H
#define PRV_LOREURL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/base/buf.h"

/*
 * The text side of the lore client: reading message-ids and lore URLs,
 * writing endpoint URLs and search queries the way public-inbox expects
 * them (the lines b4 leaves in mail are read in core/mail/b4lines.h).
 * Everything returned is malloc'd unless said otherwise.
 */

/* Cap on message-ids and URLs we accept (RFC 5322 lines are 998 bytes). */
#define PRV_LORE_ARG_MAX 2048

#define PRV_LORE_URL_DEFAULT "https://lore.kernel.org/all"

/*
 * The engine of prv_lore_parse_arg() (core/lore/lore.h): a message-id, with or
 * without <>, or a lore URL (https://lore.kernel.org/<list>/<id>/, with any
 * of /, /T/, /t/, /raw, /t.mbox.gz... after the id, a #fragment or ?query;
 * .../r/<id> and .../<id> name the /all/ inbox of that host).
 */
int prv_lore_url_parse(char **msgid_out, char **base_out, const char *arg);

/* True if `arg` starts with http:// or https:// (any case). */
bool prv_lore_is_url(const char *arg);

/*
 * Percent-encode a message-id for a URL path the way public-inbox does:
 * everything but A-Z a-z 0-9 and -._~!$&'()*+,;=:@ becomes %XX, so every
 * byte that ends or escapes a path segment (/ ? # [ ] % \\, blanks,
 * controls, 8-bit) is encoded; the rest are plain data in a segment
 * (RFC 3986 pchar).
 */
void prv_lore_escape_msgid(struct prv_buf *out, const char *msgid);

/* Percent-encode a query parameter value (everything but -._~ and alnum). */
void prv_lore_escape_query(struct prv_buf *out, const char *s);

/*
 * <base>/<msgid>/t.mbox.gz and <base>/<msgid>/raw; NULL when the id is not
 * safe in a URL (prv_msgid_url_safe(): a "." or ".." segment), so that a
 * request never leaves the inbox path of base.
 */
char *prv_lore_thread_url(const char *base, const char *msgid);
char *prv_lore_raw_url(const char *base, const char *msgid);
/*
 * The page of one message, for people: https://lore.kernel.org/r/<id>
 * under the default base (NULL too), <base>/<id>/ under any other; NULL
 * as above.
 */
char *prv_lore_message_url(const char *base, const char *msgid);
/*
 * The link of a message by one of b4's masks (b4.linkmask, b4.midmask,
 * such as "https://lore.kernel.org/r/%s"): the mask, its "%s" replaced by
 * the message-id encoded as prv_lore_escape_msgid() does and "%%" read as
 * "%", as b4 fills it. NULL for a mask with no "%s", two, or any other
 * conversion.
 */
char *prv_lore_mask_url(const char *mask, const char *msgid);
/* <base>/?x=m&t=1&q=<query> (POSTed with the body "x=m") */
char *prv_lore_search_url(const char *base, const char *query);

/* nq:"change-id: <id>" */
char *prv_lore_query_change_id(const char *change_id);
/*
 * s:"<title>" AND f:"<email>" AND d:<date-365d>..<date+365d> (dates as
 * YYYYMMDD, UTC); double quotes in the title are dropped (public-inbox has
 * no escape for them). `date` 0 leaves the window out.
 */
char *prv_lore_query_subject(const char *title, const char *email,
			     long long date);

#endif
