/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_STRMAP_H
#define PRV_STRMAP_H

#include <stddef.h>
#include <stdint.h>

/*
 * A map from NUL-terminated strings to indexes (open addressing, FNV-1a).
 * Keys are borrowed: they must outlive the map. Allocation cannot fail
 * (prv_xmalloc); the table doubles when half full.
 */

#define PRV_STRMAP_NONE SIZE_MAX

struct prv_strmap {
	const char **keys;
	size_t *vals;
	size_t cap, nr;
};

/* Set up a map sized for about `expected` keys. */
void prv_strmap_init(struct prv_strmap *map, size_t expected);
void prv_strmap_release(struct prv_strmap *map);
/* The value stored under `key`, or PRV_STRMAP_NONE. */
size_t prv_strmap_get(const struct prv_strmap *map, const char *key);
/* Insert unless present; returns the value now stored under `key`. */
size_t prv_strmap_put(struct prv_strmap *map, const char *key, size_t val);
/* Store, replacing; returns the previous value or PRV_STRMAP_NONE. */
size_t prv_strmap_set(struct prv_strmap *map, const char *key, size_t val);

#endif
