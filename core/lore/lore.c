// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/buf.h"
#include "core/base/error.h"
#include "core/base/gzip.h"
#include "core/base/util.h"
#include "core/lore/cache.h"
#include "core/lore/http.h"
#include "core/lore/lore.h"
#include "core/lore/loreurl.h"

/*
 * The lore client: one session per SOURCE, fetching threads, raw messages
 * and searches through the on-disk cache. What the answers hold is read
 * one floor up, by the same mail parser as a local file.
 */

#define LORE_MAX_FETCHES 32 /* threads fetched while following links */

struct prv_lore {
	char *base;
	struct prv_cache cache;
	struct prv_http_opts http;
	size_t max_inflated;
	bool offline, quiet;
	int fetches;
};

int prv_lore_open(struct prv_lore **out, const char *base,
		  const struct prv_lore_opts *opts)
{
	struct prv_lore *l = prv_xcalloc(1, sizeof(*l));

	if (base)
		l->base = prv_xstrdup(base);
	else if (opts->url && *opts->url)
		l->base = prv_xstrdup(opts->url);
	else
		l->base = prv_xstrdup(PRV_LORE_URL_DEFAULT);
	while (strlen(l->base) > 1 && l->base[strlen(l->base) - 1] == '/')
		l->base[strlen(l->base) - 1] = '\0';
	l->http = (struct prv_http_opts){
		.connect_timeout = opts->connect_timeout,
		.timeout = opts->timeout,
		.retries = opts->retries,
		.retry_delay_ms = opts->retry_delay_ms,
		.max_redirects = PRV_HTTP_REDIRECTS_DEFAULT,
		.max_size = opts->max_size,
		.progress = !opts->quiet,
	};
	l->max_inflated = opts->max_size;
	l->offline = opts->offline;
	l->quiet = opts->quiet;
	prv_cache_init(&l->cache, opts->cache_ttl);
	*out = l;
	return 0;
}

void prv_lore_close(struct prv_lore *l)
{
	if (!l)
		return;
	free(l->base);
	prv_cache_release(&l->cache);
	free(l);
}

bool prv_lore_may_fetch(const struct prv_lore *l)
{
	return l->fetches < LORE_MAX_FETCHES;
}

/*
 * GET (or POST `post` to) `url`, from the cache when fresh there, inflating
 * gzip answers. *out is malloc'd. PRV_ENOTFOUND on 404 (cached too when
 * `cache_404`), with no message: the caller knows what was missing.
 */
static int lore_get(struct prv_lore *l, char **out, size_t *out_len,
		    const char *url, const char *post, bool gz, bool cache_404)
{
	struct prv_buf key = PRV_BUF_INIT, data = PRV_BUF_INIT;
	bool not_found;
	int rc, err = 0;

	*out = NULL;
	*out_len = 0;
	prv_buf_addstr(&key, url);
	if (post)
		prv_buf_addf(&key, "\nPOST %s", post);
	rc = prv_cache_get(&data, &not_found, &l->cache, key.data, l->offline);
	if (rc == PRV_ENOTFOUND) {
		err = PRV_ENOTFOUND;
		goto out;
	}
	if (!rc) {
		*out = prv_buf_detach(&data, out_len);
		goto out;
	}
	if (l->offline) {
		err = prv_error(
			PRV_ENET,
			"could not fetch '%s': not in the cache (offline)",
			url);
		goto out;
	}
	err = prv_http_fetch(&data, url, post, &l->http);
	if (err == PRV_ENOTFOUND && cache_404)
		prv_cache_put(&l->cache, key.data, NULL, 0, true);
	if (err && err != PRV_ENOTFOUND) {
		char *why = prv_xstrdup(prv_error_last());

		/* lore is unreachable: an expired answer beats none */
		if (prv_cache_get(&data, &not_found, &l->cache, key.data,
				  true)) {
			prv_error(err, "%s", why);
			free(why);
			goto out;
		}
		if (!l->quiet)
			fprintf(stderr,
				"prereview: warning: %s; using the expired "
				"cached answer\n",
				why);
		free(why);
		prv_error_clear();
		*out = prv_buf_detach(&data, out_len);
		err = 0;
		goto out;
	}
	if (err)
		goto out;
	if (gz) {
		err = prv_gunzip(out, out_len, data.data, data.len,
				 l->max_inflated, url);
		if (err)
			goto out;
	} else {
		*out = prv_buf_detach(&data, out_len);
	}
	if (prv_cache_put(&l->cache, key.data, *out, *out_len, false) &&
	    !l->quiet)
		fprintf(stderr, "prereview: warning: %s\n", prv_error_last());
out:
	prv_buf_release(&key);
	prv_buf_release(&data);
	return err;
}

/*
 * The thread of `msgid` (t.mbox.gz) at `base`, or with `raw` the message
 * alone.
 */
static int fetch_message_at(struct prv_lore *l, const char *base, char **out,
			    size_t *out_len, const char *msgid, bool raw)
{
	char *url = raw ? prv_lore_raw_url(base, msgid) :
			  prv_lore_thread_url(base, msgid);
	int err;

	if (!url)
		return prv_error(PRV_EPARSE,
				 "'%s' cannot name a message on '%s': "
				 "it would leave the inbox",
				 msgid, base);
	l->fetches++;
	err = lore_get(l, out, out_len, url, NULL, !raw, false);
	if (err == PRV_ENOTFOUND) {
		err = prv_error(PRV_ENOTFOUND, "message '%s' not found at '%s'",
				msgid, base);
	} else if (!err && !*out_len) {
		err = prv_error(PRV_EPARSE, "'%s' is empty", url);
		free(*out);
		*out = NULL;
	}
	free(url);
	return err;
}

static int fetch_message(struct prv_lore *l, char **out, size_t *out_len,
			 const char *msgid, bool raw)
{
	return fetch_message_at(l, l->base, out, out_len, msgid, raw);
}

/*
 * The /all/ inbox beside the list inbox `base` (malloc'd), or NULL when
 * `base` is /all/ already or names no inbox.
 */
static char *all_base(const char *base)
{
	const char *slash = strrchr(base, '/');
	const char *host = strstr(base, "://");
	struct prv_buf all = PRV_BUF_INIT;

	if (!slash || !strcmp(slash, "/all") || !host || slash < host + 3)
		return NULL;
	prv_buf_add(&all, base, slash - base);
	prv_buf_addstr(&all, "/all");
	return prv_buf_detach(&all, NULL);
}

int prv_lore_fetch_thread(struct prv_lore *l, char **out, size_t *out_len,
			  const char *msgid)
{
	return fetch_message(l, out, out_len, msgid, false);
}

int prv_lore_fetch_thread_all(struct prv_lore *l, char **out, size_t *out_len,
			      const char *msgid)
{
	char *all = all_base(l->base);
	int err;

	*out = NULL;
	*out_len = 0;
	if (!all)
		return PRV_ENOTFOUND;
	err = fetch_message_at(l, all, out, out_len, msgid, false);
	free(all);
	return err;
}

int prv_lore_fetch_first(struct prv_lore *l, char **out, size_t *out_len,
			 const char *msgid, bool raw)
{
	char *all, *list_base;
	int err;

	err = fetch_message(l, out, out_len, msgid, raw);
	if (err != PRV_ENOTFOUND)
		return err;
	all = all_base(l->base);
	if (!all)
		return err;
	list_base = l->base;
	l->base = all;
	err = fetch_message(l, out, out_len, msgid, raw);
	if (err == PRV_ENOTFOUND) {
		err = prv_error(PRV_ENOTFOUND,
				"message '%s' not found at '%s' nor at '%s'",
				msgid, list_base, l->base);
		free(l->base);
		l->base = list_base;
	} else {
		free(list_base);
	}
	return err;
}

int prv_lore_search(struct prv_lore *l, char **out, size_t *out_len,
		    const char *query)
{
	char *url = prv_lore_search_url(l->base, query);
	int err;

	err = lore_get(l, out, out_len, url, "x=m", true, true);
	if (err == PRV_ENOTFOUND)
		err = 0;
	free(url);
	return err;
}

int prv_lore_parse_arg(char **msgid_out, char **base_out, const char *arg)
{
	return prv_lore_url_parse(msgid_out, base_out, arg);
}
