/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_GITCONFIG_H
#define PRV_GITCONFIG_H

#include <stdbool.h>

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

#endif
