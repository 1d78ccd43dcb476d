/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_CACHE_H
#define PRV_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/base/buf.h"

/*
 * The on-disk cache of lore answers: one file per key (a URL, plus the POST
 * body for searches) under $XDG_CACHE_HOME/prereview/lore (default
 * ~/.cache/prereview/lore). An entry records its key, so a hash collision
 * reads as a miss, and whether it is a "not found" answer. Entries are
 * written atomically (temporary file + rename), so an interrupted run never
 * leaves a truncated one. An entry is fresh for `ttl` seconds after it was
 * written.
 */

#define PRV_CACHE_TTL_DEFAULT 600 /* seconds */

struct prv_cache {
	char *dir; /* NULL: no usable cache directory (no $HOME) */
	long long ttl;
};

/* Find the cache directory (created on first write); allocates `dir`. */
void prv_cache_init(struct prv_cache *c, long long ttl);
void prv_cache_release(struct prv_cache *c);

/*
 * Look `key` up. Returns 0 with the data in `out`, PRV_ENOTFOUND with
 * *not_found set and `out` empty for a cached "not found", and 1 on a miss
 * (absent, unreadable, or older than the TTL unless `any_age`).
 */
int prv_cache_get(struct prv_buf *out, bool *not_found,
		  const struct prv_cache *c, const char *key, bool any_age);

/*
 * Store `len` bytes under `key`; `not_found` records a "not found" answer
 * (data ignored). Failing to write the cache is not an error for the
 * caller: returns PRV_EIO with a message it may show as a warning.
 */
int prv_cache_put(const struct prv_cache *c, const char *key, const void *data,
		  size_t len, bool not_found);

/* The file an entry for `key` lives in (malloc'd), NULL without a cache. */
char *prv_cache_path(const struct prv_cache *c, const char *key);

#endif
