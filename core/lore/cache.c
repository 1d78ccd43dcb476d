// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "core/lore/cache.h"
#include "core/base/error.h"
#include "core/base/util.h"

#define CACHE_MAGIC "prereview-cache 1"
#define CACHE_MAX_ENTRY ((size_t)320 << 20)

void prv_cache_init(struct prv_cache *c, long long ttl)
{
	const char *xdg = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");
	struct prv_buf b = PRV_BUF_INIT;

	c->ttl = ttl;
	c->dir = NULL;
	/* the XDG spec ignores relative paths */
	if (xdg && xdg[0] == '/')
		prv_buf_addf(&b, "%s/prereview/lore", xdg);
	else if (home && *home)
		prv_buf_addf(&b, "%s/.cache/prereview/lore", home);
	else
		return;
	c->dir = prv_buf_detach(&b, NULL);
}

void prv_cache_release(struct prv_cache *c)
{
	free(c->dir);
	c->dir = NULL;
}

/* FNV-1a, twice with different offsets: 128 bits of file name. */
static void key_hash(char out[33], const char *key)
{
	uint64_t h1 = 0xcbf29ce484222325ULL, h2 = 0x84222325cbf29ce4ULL;
	const unsigned char *p;

	for (p = (const unsigned char *)key; *p; p++) {
		h1 = (h1 ^ *p) * 0x100000001b3ULL;
		h2 = (h2 ^ *p) * 0x100000001b3ULL;
		h2 ^= h2 >> 29;
	}
	snprintf(out, 33, "%016llx%016llx", (unsigned long long)h1,
		 (unsigned long long)h2);
}

char *prv_cache_path(const struct prv_cache *c, const char *key)
{
	struct prv_buf b = PRV_BUF_INIT;
	char hash[33];

	if (!c->dir)
		return NULL;
	key_hash(hash, key);
	prv_buf_addf(&b, "%s/%.2s/%s", c->dir, hash, hash + 2);
	return prv_buf_detach(&b, NULL);
}

int prv_cache_get(struct prv_buf *out, bool *not_found,
		  const struct prv_cache *c, const char *key, bool any_age)
{
	struct prv_buf head = PRV_BUF_INIT;
	char *path = prv_cache_path(c, key);
	struct stat st;
	size_t skip;
	const char *p;
	int ret = 1;

	*not_found = false;
	prv_buf_reset(out);
	if (!path || stat(path, &st))
		goto out;
	if (!any_age && (long long)(time(NULL) - st.st_mtime) >= c->ttl)
		goto out;
	if (prv_buf_read_file(out, path, CACHE_MAX_ENTRY)) {
		prv_error_clear();
		goto out;
	}
	/* "<magic> ok|404\n<key>\n<data>" */
	prv_buf_addf(&head, "%s ok\n%s\n", CACHE_MAGIC, key);
	p = out->data;
	skip = head.len;
	if (out->len >= skip && !memcmp(p, head.data, skip)) {
		memmove(out->data, p + skip, out->len - skip);
		prv_buf_setlen(out, out->len - skip);
		ret = 0;
		goto out;
	}
	prv_buf_reset(&head);
	prv_buf_addf(&head, "%s 404\n%s\n", CACHE_MAGIC, key);
	if (out->len == head.len && !memcmp(p, head.data, head.len)) {
		*not_found = true;
		ret = PRV_ENOTFOUND;
	}
out:
	if (ret)
		prv_buf_reset(out);
	prv_buf_release(&head);
	free(path);
	return ret;
}

static int mkdir_p(const char *dir)
{
	char *copy = prv_xstrdup(dir), *p;
	int err = 0;

	for (p = copy + 1;; p++) {
		if (*p != '/' && *p)
			continue;
		char save = *p;

		*p = '\0';
		if (mkdir(copy, 0700) && errno != EEXIST) {
			err = prv_error(
				PRV_EIO,
				"could not create cache directory '%s': %s",
				copy, strerror(errno));
			break;
		}
		*p = save;
		if (!save)
			break;
	}
	free(copy);
	return err;
}

int prv_cache_put(const struct prv_cache *c, const char *key, const void *data,
		  size_t len, bool not_found)
{
	struct prv_buf entry = PRV_BUF_INIT;
	char *path = prv_cache_path(c, key), *slash;
	int err = 0;

	if (!path)
		return 0;
	entry.max = CACHE_MAX_ENTRY;
	slash = strrchr(path, '/');
	*slash = '\0';
	err = mkdir_p(path);
	*slash = '/';
	if (err)
		goto out;
	if (prv_buf_addf(&entry, "%s %s\n%s\n", CACHE_MAGIC,
			 not_found ? "404" : "ok", key) ||
	    (!not_found && prv_buf_add(&entry, data, len))) {
		err = prv_error(PRV_ENOMEM, "cache entry for '%s' too large",
				key);
		goto out;
	}
	err = prv_write_file_atomic(path, entry.data, entry.len);
out:
	prv_buf_release(&entry);
	free(path);
	return err;
}
