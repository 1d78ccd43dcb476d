/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_B4LINES_H
#define PRV_B4LINES_H

#include <stdbool.h>
#include <stddef.h>

#include "core/base/arena.h"

/*
 * The lines b4 and kernel developers leave in the text of a mail to tie a
 * posting to its series: b4's footer ("change-id:", "base-commit:",
 * "prerequisite-*:") and links to earlier versions of the series. This is
 * the one reader of them; prv_mail_parse() runs it over a mail's message,
 * notes and the text after its last hunk, and keeps the result in
 * struct prv_mail.
 *
 * Footer lines are matched as b4 writes them: at the start of the line,
 * lower case, one value word, nothing after it. A Gerrit "Change-Id:"
 * trailer is not a b4 change-id (docs/leniencies.md).
 *
 * A link to an earlier version is a message URL on a public-inbox host
 * (https://lore.kernel.org/<list>/<id>/, https://lore.kernel.org/r/<id>,
 * https://patch.msgid.link/<id>, or any https://HOST/<inbox>/<id>/ whose
 * id holds an '@'; the scheme may be left off lore.kernel.org and
 * patch.msgid.link) on a line that names the version it points to:
 *
 *	- Link to v1: https://lore.kernel.org/r/<id>      (b4, any case)
 *	v1: https://lore.kernel.org/netdev/<id>/           (netdev)
 *	>From v2 (https://...)   [v3] https://...   Changes since v1 <url>
 *	v1:                      (or "Version 1:", "[v1]"; the URL first
 *	https://...               on the very next line)
 *	Changes from v11 [1]:    (a footnote: the URL first on the line
 *	[1] https://...           that starts with the same "[1]")
 *	Previous version: https://...     (version 0: not known)
 *
 * Quoted lines ("> ", but not an mbox-quoted ">From ") are never read.
 * The message-id is the URL's path segment, percent-decoded once, at most
 * PRV_MSGID_MAX bytes, printable and without blanks or <>.
 */

#define PRV_B4_LINKS_MAX 64
#define PRV_B4_PREREQUISITES_MAX 100

struct prv_b4_link {
	int version; /* the version linked to, 1-999; 0 when not said */
	const char *msgid; /* without <>, percent-decoded */
};

struct prv_b4lines {
	const char *change_id; /* the first one; NULL when absent */
	const char *base_commit; /* the first one; NULL when absent */
	const char **prerequisites; /* "prerequisite-*: value" lines, whole */
	size_t nr_prerequisites, alloc_prerequisites;
	struct prv_b4_link *links; /* in text order, each message-id once */
	size_t nr_links, alloc_links;
};

/*
 * Read the `len` bytes of `text` and add what they hold to *acc (zeroed
 * before the first call): a change-id or base-commit only when none was
 * read yet, prerequisites and links up to their caps. Strings live in
 * `a`. Never fails.
 */
void prv_b4lines_read(struct prv_b4lines *acc, struct prv_arena *a,
		      const char *text, size_t len);

/*
 * If the line (`len` bytes, no newline) is "<key> <value>" as b4 writes
 * its footer (key such as "change-id:" at the start of the line, case
 * as given, blanks, one value word, only blanks after it), return the
 * value's bounds.
 */
bool prv_b4_footer_line(const char **value, size_t *value_len, const char *key,
			const char *line, size_t len);

/*
 * If the line holds b4's "Link to vN: <url>" anywhere (any case, any
 * blanks, the colon and a '<' before the URL optional), return the
 * version and the bounds of the http(s) URL, which may be on any host
 * and name no message.
 */
bool prv_b4_link_line(int *version, const char **url, size_t *url_len,
		      const char *line, size_t len);

/*
 * The message-id a public-inbox message URL names (the `len` bytes at
 * `url`, with or without its scheme; see above), in `a`, or NULL.
 */
const char *prv_b4_url_msgid(struct prv_arena *a, const char *url, size_t len);

#endif
