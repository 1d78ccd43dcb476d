// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/strmap.h"
#include "core/base/util.h"

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ULL;
	}
	return h;
}

void prv_strmap_init(struct prv_strmap *map, size_t expected)
{
	size_t cap = 64;

	while (cap < expected * 2)
		cap *= 2;
	map->keys = prv_xcalloc(cap, sizeof(*map->keys));
	map->vals = prv_xcalloc(cap, sizeof(*map->vals));
	map->cap = cap;
	map->nr = 0;
}

void prv_strmap_release(struct prv_strmap *map)
{
	free(map->keys);
	free(map->vals);
	memset(map, 0, sizeof(*map));
}

size_t prv_strmap_get(const struct prv_strmap *map, const char *key)
{
	size_t i = hash_str(key) & (map->cap - 1);

	while (map->keys[i]) {
		if (!strcmp(map->keys[i], key))
			return map->vals[i];
		i = (i + 1) & (map->cap - 1);
	}
	return PRV_STRMAP_NONE;
}

static void strmap_grow(struct prv_strmap *map);

/* Insert unless present; returns the value now stored under key. */
size_t prv_strmap_put(struct prv_strmap *map, const char *key, size_t val)
{
	size_t i;

	if ((map->nr + 1) * 2 > map->cap)
		strmap_grow(map);
	i = hash_str(key) & (map->cap - 1);
	while (map->keys[i]) {
		if (!strcmp(map->keys[i], key))
			return map->vals[i];
		i = (i + 1) & (map->cap - 1);
	}
	map->keys[i] = key;
	map->vals[i] = val;
	map->nr++;
	return val;
}

/* Store key -> val, replacing; returns the value it had, or PRV_STRMAP_NONE. */
size_t prv_strmap_set(struct prv_strmap *map, const char *key, size_t val)
{
	size_t i, old;

	if ((map->nr + 1) * 2 > map->cap)
		strmap_grow(map);
	i = hash_str(key) & (map->cap - 1);
	while (map->keys[i]) {
		if (!strcmp(map->keys[i], key)) {
			old = map->vals[i];
			map->vals[i] = val;
			return old;
		}
		i = (i + 1) & (map->cap - 1);
	}
	map->keys[i] = key;
	map->vals[i] = val;
	map->nr++;
	return PRV_STRMAP_NONE;
}

static void strmap_grow(struct prv_strmap *map)
{
	struct prv_strmap bigger;
	size_t i;

	prv_strmap_init(&bigger, map->cap);
	for (i = 0; i < map->cap; i++)
		if (map->keys[i])
			prv_strmap_put(&bigger, map->keys[i], map->vals[i]);
	prv_strmap_release(map);
	*map = bigger;
}
