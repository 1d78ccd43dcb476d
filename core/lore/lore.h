/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_LORE_H
#define PRV_LORE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/lore/loreurl.h"
#include "core/series/source.h"

/*
 * The lore client (libcurl + zlib): threads by message-id, raw messages,
 * searches, and discovery of a series' other versions, with an on-disk
 * cache. Only this header is the contract with the rest of the program.
 */

/*
 * Turn a message-id ("<id>", "id") or lore URL into a bare message-id and,
 * for URLs, the base URL it names (".../list"); *base_out is NULL for a bare
 * id. Both malloc'd. PRV_EUSAGE when `arg` is neither.
 */
int prv_lore_parse_arg(char **msgid_out, char **base_out, const char *arg);

/*
 * Fetch the thread of `arg` (message-id or URL) and, when opts->versions,
 * the other versions of its series, adding every mail to `in`. Errors name
 * what failed (404 with the base URL, DNS, connection, timeout, TLS) and
 * add nothing to `in`.
 */
int prv_lore_add_source(struct prv_input *in, const char *arg,
			const struct prv_source_opts *opts);

/*
 * What prv_lore_add_source() fetches, as one mboxrd buffer (malloc'd, each
 * message once, threads in date order), for `prereview fetch`.
 */
int prv_lore_fetch_mbox(char **out, size_t *out_len, const char *arg,
			const struct prv_source_opts *opts);

/* The one message `arg` names (lore's /raw), as an mboxrd buffer. */
int prv_lore_fetch_message(char **out, size_t *out_len, const char *arg,
			   const struct prv_source_opts *opts);

#endif
