// SPDX-License-Identifier: GPL-2.0-or-later
#include <git2.h>
#include <stdlib.h>

#include <ctype.h>
#include <limits.h>
#include <stdint.h>

#include "core/base/error.h"
#include "core/lore/loreurl.h"
#include "cmd/config.h"
#include "core/base/util.h"

/* A read-only snapshot of the config in effect, or NULL. */
git_config *prv_gitconfig_snapshot(const char *repo_dir)
{
	git_repository *repo = NULL;
	git_config *live = NULL, *snap = NULL;

	if (!git_repository_open_ext(
		    &repo, repo_dir ? repo_dir : ".",
		    repo_dir ? 0 : GIT_REPOSITORY_OPEN_FROM_ENV, NULL)) {
		if (git_repository_config(&live, repo))
			live = NULL;
		git_repository_free(repo);
	}
	if (!live && git_config_open_default(&live))
		return NULL;
	if (git_config_snapshot(&snap, live))
		snap = NULL;
	git_config_free(live);
	return snap;
}

enum config_type { CONFIG_STRING, CONFIG_INT, CONFIG_BOOL };

static int config_get(void *out, enum config_type type, const char *key)
{
	git_config *cfg;
	git_buf buf = { 0 };
	int64_t n;
	int b, rc, err = 0;

	cfg = prv_gitconfig_snapshot(NULL);
	if (!cfg) {
		err = prv_error(PRV_ENOTFOUND, "'%s' is not set", key);
		goto out;
	}
	switch (type) {
	case CONFIG_STRING:
		rc = git_config_get_string_buf(&buf, cfg, key);
		if (!rc)
			*(char **)out = prv_xstrdup(buf.ptr ? buf.ptr : "");
		break;
	case CONFIG_INT:
		rc = git_config_get_int64(&n, cfg, key);
		if (!rc)
			*(long long *)out = n;
		break;
	default:
		rc = git_config_get_bool(&b, cfg, key);
		if (!rc)
			*(bool *)out = b != 0;
		break;
	}
	if (rc == GIT_ENOTFOUND) {
		err = prv_error(PRV_ENOTFOUND, "'%s' is not set", key);
	} else if (rc) {
		const git_error *e = git_error_last();

		err = prv_error(PRV_EPARSE, "bad config value for '%s': %s",
				key, e && e->message ? e->message : "invalid");
	}
	git_buf_dispose(&buf);
	git_config_free(cfg);
out:
	return err;
}

int prv_gitconfig_get_string(char **out, const char *key)
{
	return config_get(out, CONFIG_STRING, key);
}

int prv_gitconfig_get_int(long long *out, const char *key)
{
	return config_get(out, CONFIG_INT, key);
}

int prv_gitconfig_get_bool(bool *out, const char *key)
{
	return config_get(out, CONFIG_BOOL, key);
}

/* An integer key of at least `min`, else `def`. */
static long long lore_int(git_config *cfg, const char *key, long long def,
			  long long min)
{
	int64_t v;

	if (!cfg || git_config_get_int64(&v, cfg, key) || v < min)
		return def;
	return v;
}

static long long at_most(long long v, long long max)
{
	return v > max ? max : v;
}

void prv_config_lore(struct prv_lore_opts *o, char **url_buf, const char *url)
{
	git_buf b = { 0 };
	git_config *cfg;

	*url_buf = NULL;
	cfg = prv_gitconfig_snapshot(NULL);
	o->url = url;
	if ((!url || !*url) && cfg &&
	    !git_config_get_string_buf(&b, cfg, "prereview.loreUrl") && b.ptr &&
	    *b.ptr)
		o->url = *url_buf = prv_xstrdup(b.ptr);
	git_buf_dispose(&b);
	o->timeout = (long)lore_int(cfg, "prereview.httpTimeout",
				    PRV_HTTP_TIMEOUT_DEFAULT, 1);
	o->connect_timeout = (long)lore_int(
		cfg, "prereview.httpConnectTimeout",
		at_most(PRV_HTTP_CONNECT_TIMEOUT_DEFAULT, o->timeout), 1);
	o->retries = (int)at_most(lore_int(cfg, "prereview.httpRetries",
					   PRV_HTTP_RETRIES_DEFAULT, 0),
				  10);
	o->retry_delay_ms =
		(long)at_most(lore_int(cfg, "prereview.httpRetryDelay",
				       PRV_HTTP_RETRY_DELAY_DEFAULT, 0),
			      60000);
	/* one cap for every input; loreMaxSize is its older, lore-only name */
	o->max_size =
		(size_t)lore_int(cfg, "prereview.maxInputSize",
				 lore_int(cfg, "prereview.loreMaxSize",
					  (long long)PRV_SOURCE_MAX_DEFAULT, 1),
				 1);
	o->cache_ttl =
		lore_int(cfg, "prereview.cacheTTL", PRV_CACHE_TTL_DEFAULT, 0);
	git_config_free(cfg);
	git_error_clear();
}

char *prv_config_link_mask(void)
{
	static const char *const keys[] = { "prereview.linkMask", "b4.linkmask",
					    "b4.midmask" };
	git_config *cfg = prv_gitconfig_snapshot(NULL);
	git_buf b = { 0 };
	char *mask = NULL, *probe;
	size_t i;

	for (i = 0; cfg && !mask && i < PRV_ARRAY_SIZE(keys); i++) {
		if (git_config_get_string_buf(&b, cfg, keys[i]) || !b.ptr)
			continue;
		probe = prv_lore_mask_url(b.ptr, "x");
		if (probe)
			mask = prv_xstrdup(b.ptr);
		free(probe);
		git_buf_dispose(&b);
	}
	git_buf_dispose(&b);
	git_config_free(cfg);
	git_error_clear();
	return mask;
}

int prv_config_signature(char **out)
{
	return prv_gitconfig_get_string(out, "prereview.signature");
}

void prv_config_sources(struct prv_source_opts *so, char **url_buf,
			const char *url, size_t max)
{
	prv_config_lore(&so->lore, url_buf, url);
	if (max)
		so->lore.max_size = max;
	so->max_size = so->lore.max_size;
}

int prv_config_parse_size(size_t *out, const char *s)
{
	unsigned long long v = 0, unit = 1;
	const char *p = s;

	if (!isdigit((unsigned char)*p))
		return -1;
	for (; isdigit((unsigned char)*p); p++) {
		if (v > (ULLONG_MAX - 9) / 10)
			return -1;
		v = v * 10 + (unsigned long long)(*p - '0');
	}
	switch (tolower((unsigned char)*p)) {
	case 'k':
		unit = 1ULL << 10;
		p++;
		break;
	case 'm':
		unit = 1ULL << 20;
		p++;
		break;
	case 'g':
		unit = 1ULL << 30;
		p++;
		break;
	}
	if (*p || !v || v > SIZE_MAX / unit)
		return -1;
	*out = (size_t)(v * unit);
	return 0;
}
