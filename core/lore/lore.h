/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_LORE_H
#define PRV_LORE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/base/buf.h"
#include "core/base/gzip.h"
#include "core/lore/cache.h"
#include "core/lore/http.h"
#include "core/lore/loreurl.h"

/*
 * The lore client (libcurl + zlib): threads by message-id, raw messages
 * and searches, with an on-disk cache. Only this header is the contract
 * with the rest of the program.
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
		.max_size = PRV_INPUT_MAX_DEFAULT,                   \
		.cache_ttl = PRV_CACHE_TTL_DEFAULT,                  \
	}

/*
 * Turn a message-id ("<id>", "id") or lore URL into a bare message-id and,
 * for URLs, the base URL it names (".../list"); *base_out is NULL for a bare
 * id. Both malloc'd. PRV_EUSAGE when `arg` is neither.
 */
int prv_lore_parse_arg(char **msgid_out, char **base_out, const char *arg);

/*
 * A session with one lore: its base URL, the cache, and a count of the
 * threads fetched. It moves bytes only: the answers are read by the mail
 * parser, and the versions of a series are found on the parsed mail, one
 * floor up, by the SOURCE reader.
 */
struct prv_lore;

/*
 * Open a session on `base` (from a URL), else opts->url, else
 * PRV_LORE_URL_DEFAULT; trailing slashes are dropped.
 */
int prv_lore_open(struct prv_lore **out, const char *base,
		  const struct prv_lore_opts *opts);
void prv_lore_close(struct prv_lore *l);

/*
 * The answers below are malloc'd (*out, *out_len bytes, NUL-terminated),
 * gzip already inflated, from the cache when fresh there. Errors name the
 * URL and what failed (DNS, connection, timeout, TLS, size).
 */

/*
 * The thread of `msgid` (t.mbox.gz), or with `raw` the message alone
 * (/raw). A list's inbox may not hold it (it went to another list): like
 * b4, look in the /all/ inbox next to it before giving up, and use that
 * base from then on. PRV_ENOTFOUND names both bases.
 */
int prv_lore_fetch_first(struct prv_lore *l, char **out, size_t *out_len,
			 const char *msgid, bool raw);

/* The thread of `msgid`; PRV_ENOTFOUND ("message ... not found at"). */
int prv_lore_fetch_thread(struct prv_lore *l, char **out, size_t *out_len,
			  const char *msgid);

/*
 * The thread of `msgid` from the /all/ inbox beside the session's list
 * inbox: a list's thread holds only what went to that list. The session's
 * base stays as it was. PRV_ENOTFOUND as above, and with no message and no
 * request when the base is /all/ already (its threads are whole) or names
 * no list.
 */
int prv_lore_fetch_thread_all(struct prv_lore *l, char **out, size_t *out_len,
			      const char *msgid);

/* Whether the session may fetch one more thread (a cap on link chains). */
bool prv_lore_may_fetch(const struct prv_lore *l);

/*
 * Search results (whole threads, mboxrd) for a public-inbox query; *out
 * is NULL when there is none (404).
 */
int prv_lore_search(struct prv_lore *l, char **out, size_t *out_len,
		    const char *query);

#endif
