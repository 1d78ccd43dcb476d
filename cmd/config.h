/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_CMD_CONFIG_H
#define PRV_CMD_CONFIG_H

#include <stdbool.h>

#include "core/lore/lore.h"
#include "core/series/source.h"

/*
 * prereview's settings live in git config under "prereview.*", read the way
 * git reads them: the repository's config when the current directory is in
 * one (it includes the global and system files), else the global, XDG and
 * system files (libgit2's git_config_open_default()).
 *
 * Each getter returns 0 and sets *out when the key is set, PRV_ENOTFOUND
 * (without touching *out) when it is not, and PRV_EPARSE with a message
 * naming the key when its value does not parse. A config that cannot be
 * opened at all reads as empty.
 */

typedef struct git_config git_config;

/*
 * A snapshot of the configuration in effect for the repository at
 * `repo_dir` (NULL: the one around the current directory, as git finds
 * it), else of the default files. NULL when none can be opened; free with
 * git_config_free(). libgit2 must be initialised.
 */
git_config *prv_gitconfig_snapshot(const char *repo_dir);

/* *out is malloc'd. */
int prv_gitconfig_get_string(char **out, const char *key);
/* Integers accept git's k, m and g suffixes. */
int prv_gitconfig_get_int(long long *out, const char *key);
int prv_gitconfig_get_bool(bool *out, const char *key);

/*
 * The lore client's settings from one snapshot of the configuration:
 * prereview.loreUrl (unless `url`, the --lore-url option, is given),
 * httpTimeout, httpConnectTimeout (default: the lower of 15 and
 * httpTimeout), httpRetries (at most 10), httpRetryDelay (at most 60000),
 * maxInputSize (else its older name loreMaxSize, else 1 GiB) and cacheTTL. An
 * unset key, a bad value or one below its floor leaves the default. o->url may
 * point to *url_buf (malloc'd; the caller frees it); offline and quiet are left
 * as they are.
 */
void prv_config_lore(struct prv_lore_opts *o, char **url_buf, const char *url);

/*
 * How prereview links a message for people, as b4 does: the first of
 * prereview.linkMask, b4.linkmask and b4.midmask that holds one "%s" for
 * the message-id (core/lore/loreurl.h prv_lore_mask_url), malloc'd, or
 * NULL when none does.
 */
char *prv_config_link_mask(void);

/*
 * prereview.signature, the sign-off ending every reply (may be empty: no
 * sign-off). 0 and *out malloc'd, or PRV_ENOTFOUND when it is not set.
 */
int prv_config_signature(char **out);

/*
 * The settings for reading SOURCEs: prv_config_lore() into so->lore, and
 * the one input size cap for every kind of SOURCE (file, .gz inflated,
 * stdin, lore answers) into so->max_size and so->lore.max_size: `max`
 * (the --max-input-size option) when not 0, else prereview.maxInputSize.
 */
void prv_config_sources(struct prv_source_opts *so, char **url_buf,
			const char *url, size_t max);

/*
 * A size the way git writes integers: digits, then k, m or g (any case)
 * for KiB, MiB, GiB. -1 for anything else, 0 or a size that overflows.
 */
int prv_config_parse_size(size_t *out, const char *s);

#endif
