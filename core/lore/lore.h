/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_LORE_H
#define PRV_LORE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/base/gzip.h"
#include "core/lore/cache.h"
#include "core/lore/http.h"
#include "core/lore/loreurl.h"

/*
 * The lore client (libcurl + zlib): threads by message-id, raw messages,
 * searches, and discovery of a series' other versions, with an on-disk
 * cache. Only this header is the contract with the rest of the program.
 */

/*
 * How to reach lore. The library reads no configuration: the program fills
 * this from its options and git config (prereview.loreUrl, httpTimeout,
 * httpConnectTimeout, httpRetries, httpRetryDelay, loreMaxSize, cacheTTL).
 */
struct prv_lore_opts {
	const char *url; /* base for bare message-ids; NULL or "": lore's */
	long timeout; /* seconds, the whole transfer */
	long connect_timeout; /* seconds */
	int retries; /* attempts after the first */
	long retry_delay_ms; /* before the first retry, doubled after */
	size_t max_size; /* largest answer, inflated */
	long long cache_ttl; /* seconds a cache entry is used */
	bool offline; /* the cache only, never the network */
	bool quiet; /* no progress, no warnings on stderr */
};

#define PRV_LORE_OPTS_INIT                                           \
	{                                                            \
		.url = NULL, .timeout = PRV_HTTP_TIMEOUT_DEFAULT,    \
		.connect_timeout = PRV_HTTP_CONNECT_TIMEOUT_DEFAULT, \
		.retries = PRV_HTTP_RETRIES_DEFAULT,                 \
		.retry_delay_ms = PRV_HTTP_RETRY_DELAY_DEFAULT,      \
		.max_size = PRV_GZIP_MAX_DEFAULT,                    \
		.cache_ttl = PRV_CACHE_TTL_DEFAULT,                  \
	}

/*
 * Turn a message-id ("<id>", "id") or lore URL into a bare message-id and,
 * for URLs, the base URL it names (".../list"); *base_out is NULL for a bare
 * id. Both malloc'd. PRV_EUSAGE when `arg` is neither.
 */
int prv_lore_parse_arg(char **msgid_out, char **base_out, const char *arg);

/*
 * The thread of `arg` (message-id or URL) and, with `versions`, the other
 * versions of its series, as one mboxrd buffer (malloc'd, each message
 * once, threads in date order), for `prereview fetch`. Errors name what
 * failed (404 with the base URL, DNS, connection, timeout, TLS).
 */
int prv_lore_fetch_mbox(char **out, size_t *out_len, const char *arg,
			const struct prv_lore_opts *opts, bool versions);

/* The one message `arg` names (lore's /raw), as an mboxrd buffer. */
int prv_lore_fetch_message(char **out, size_t *out_len, const char *arg,
			   const struct prv_lore_opts *opts);

#endif
