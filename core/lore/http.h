/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_HTTP_H
#define PRV_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "core/base/buf.h"

/*
 * HTTP(S) transfers for the lore client (libcurl): certificate checks on,
 * a few redirects at most (from https only to https), connect and total
 * timeouts, retries with backoff on timeouts, dropped connections and 5xx
 * answers (never on 4xx), the proxies of the usual environment variables
 * (libcurl's defaults), and "User-Agent: prereview/<version>".
 */

#define PRV_HTTP_CONNECT_TIMEOUT_DEFAULT 15 /* seconds */
#define PRV_HTTP_TIMEOUT_DEFAULT 120 /* seconds, whole transfer */
#define PRV_HTTP_RETRIES_DEFAULT 3 /* attempts after the first */
#define PRV_HTTP_RETRY_DELAY_DEFAULT 1000 /* ms; doubles each retry */
#define PRV_HTTP_REDIRECTS_DEFAULT 5
#define PRV_HTTP_MAX_SIZE_DEFAULT ((size_t)64 << 20)

struct prv_http_opts {
	long connect_timeout; /* seconds */
	long timeout; /* seconds */
	int retries;
	long retry_delay_ms;
	int max_redirects;
	size_t max_size; /* a larger answer is an error */
	bool progress; /* progress on stderr after 1 s, if a terminal */
};

#define PRV_HTTP_OPTS_INIT                                              \
	{                                                               \
		.connect_timeout = PRV_HTTP_CONNECT_TIMEOUT_DEFAULT,    \
		.timeout = PRV_HTTP_TIMEOUT_DEFAULT,                    \
		.retries = PRV_HTTP_RETRIES_DEFAULT,                    \
		.retry_delay_ms = PRV_HTTP_RETRY_DELAY_DEFAULT,         \
		.max_redirects = PRV_HTTP_REDIRECTS_DEFAULT,            \
		.max_size = PRV_HTTP_MAX_SIZE_DEFAULT, .progress = true \
	}

/*
 * The protocols a redirect from `url` may lead to (libcurl's
 * CURLOPT_REDIR_PROTOCOLS_STR): "https" from an https URL, so that a
 * server never downgrades a request to plain http; "http,https" from an
 * http URL (one the user gave, such as a local test inbox).
 */
const char *prv_http_redirect_protocols(const char *url);

/*
 * GET `url`, or POST `post` (a form body) to it when not NULL, appending the
 * answer's body to `out` (emptied first). Returns 0 on a 2xx answer;
 * PRV_ENOTFOUND on 404; PRV_ENET on anything else, the message naming the
 * URL and what failed (DNS, connection, timeout, TLS, redirects, HTTP
 * status). On failure `out` is left empty.
 */
int prv_http_fetch(struct prv_buf *out, const char *url, const char *post,
		   const struct prv_http_opts *opts);

#endif
