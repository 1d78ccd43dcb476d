/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_CMD_CHECKCONF_H
#define PRV_CMD_CHECKCONF_H

#include <stddef.h>

#include "core/check.h"
#include "core/rulefile.h"

/*
 * The check configuration shared by 'prereview check' and 'prereview
 * reply', so that replies carry the findings check reports. Read from git
 * config (prereview.disable, prereview.severity.<id>, prereview.rules,
 * prereview.profile, prereview.repo, prereview.netNextClosed) and from options;
 * options are added after the configuration, so they win.
 */

#define PRV_CHECKCONF_MAX 256 /* ids and files named by options and config */

struct prv_checkconf {
	char *rules[PRV_CHECKCONF_MAX]; /* extra rule files */
	size_t nr_rules;
	char *disabled[PRV_CHECKCONF_MAX]; /* ids or prefixes */
	size_t nr_disabled;
	char *sev_ids[PRV_CHECKCONF_MAX]; /* severity overrides */
	int sevs[PRV_CHECKCONF_MAX];
	size_t nr_sevs;
	char *config_profile; /* prereview.profile, or NULL */
	char *config_repo; /* prereview.repo, or NULL */
	int net_next_closed; /* prereview.netNextClosed: 1, -1, 0 unset */
	const char *profile; /* --profile, or NULL */
};

/* Free what the configuration holds; it can be filled again after. */
void prv_checkconf_release(struct prv_checkconf *c);

/* Add the comma or space separated ids of `v` to the disabled list. */
void prv_checkconf_add_disabled(struct prv_checkconf *c, const char *v);

/* Add a rule file. */
void prv_checkconf_add_rules(struct prv_checkconf *c, const char *path);

/* Override the severity of `id`; PRV_EUSAGE for an unknown severity. */
int prv_checkconf_add_severity(struct prv_checkconf *c, const char *id,
			       const char *sev);

/*
 * Read prereview.* from the configuration in effect: the repository at
 * `repo_dir` (NULL: the one around the current directory) with the global
 * and system files, else the default files. No configuration is no error.
 */
int prv_checkconf_read(struct prv_checkconf *c, const char *repo_dir);

/*
 * Fill `opts` (profile, disabled ids, severities) and load the default rule
 * files plus the configured ones into `rules`. PRV_EUSAGE for an unknown
 * profile, PRV_EPARSE or PRV_EIO for a bad rule file; the message says
 * which. `opts` borrows from `c` and `rules`.
 */
int prv_checkconf_apply(struct prv_check_opts *opts, struct prv_ruleset *rules,
			struct prv_checkconf *c);

/*
 * The value of option `name` at argv[*i]: "--name=value", or "--name value"
 * (then *i moves past the value). NULL if argv[*i] is not that option.
 */
const char *prv_cmd_opt_value(const char *arg, const char *name, int *i,
			      int argc, char **argv);

#endif
