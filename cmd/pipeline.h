/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_CMD_PIPELINE_H
#define PRV_CMD_PIPELINE_H

#include <stdbool.h>
#include <stddef.h>

#include "cmd/cmd.h"
#include "core/check/check.h"
#include "core/report/report.h"
#include "core/check/repo.h"
#include "core/check/rulefile.h"
#include "core/series/b4prep.h"
#include "core/series/series.h"
#include "core/series/source.h"

/*
 * The review pipeline that 'prereview check' and 'prereview reply' share:
 * the configuration (struct prv_pipeline_conf), then the SOURCEs read and
 * assembled and the checks run into a report (struct prv_pipeline). Every
 * name here starts with prv_pipeline_.
 */

/*
 * The check configuration shared by 'prereview check' and 'prereview
 * reply', so that replies carry the findings check reports. Read from git
 * config (prereview.disable, prereview.severity.<id>, prereview.rules,
 * prereview.profile, prereview.repo, prereview.netNextClosed,
 * prereview.fixTrees) and from options;
 * options are added after the configuration, so they win.
 */

#define PRV_PIPELINE_CONF_MAX \
	256 /* ids and files named by options and config */

struct prv_pipeline_conf {
	char *rules[PRV_PIPELINE_CONF_MAX]; /* extra rule files */
	size_t nr_rules;
	char *disabled[PRV_PIPELINE_CONF_MAX]; /* ids or prefixes */
	size_t nr_disabled;
	char *sev_ids[PRV_PIPELINE_CONF_MAX]; /* severity overrides */
	int sevs[PRV_PIPELINE_CONF_MAX];
	size_t nr_sevs;
	char *config_profile; /* prereview.profile, or NULL */
	char *config_repo; /* prereview.repo, or NULL */
	char *fix_trees; /* prereview.fixTrees, or NULL */
	/* net-next closed: 1, open: -1, from the repository: 0 */
	int net_next_closed;
	bool net_next_set; /* said (config, or the option after it) */
	const char *profile; /* --profile, or NULL */
};

/* Free what the configuration holds; it can be filled again after. */
void prv_pipeline_conf_release(struct prv_pipeline_conf *c);

/* Add the comma or space separated ids of `v` to the disabled list. */
void prv_pipeline_conf_add_disabled(struct prv_pipeline_conf *c, const char *v);

/* Add a rule file. */
void prv_pipeline_conf_add_rules(struct prv_pipeline_conf *c, const char *path);

/* Override the severity of `id`; PRV_EUSAGE for an unknown severity. */
int prv_pipeline_conf_add_severity(struct prv_pipeline_conf *c, const char *id,
				   const char *sev);

/*
 * Read prereview.* from the configuration in effect: the repository at
 * `repo_dir` (NULL: the one around the current directory) with the global
 * and system files, else the default files. No configuration is no error.
 */
int prv_pipeline_conf_read(struct prv_pipeline_conf *c, const char *repo_dir);

/*
 * Fill `opts` (profile, disabled ids, severities) and load the default rule
 * files plus the configured ones into `rules`. PRV_EUSAGE for an unknown
 * profile, PRV_EPARSE or PRV_EIO for a bad rule file; the message says
 * which. `opts` borrows from `c` and `rules`.
 */
int prv_pipeline_conf_apply(struct prv_check_opts *opts,
			    struct prv_ruleset *rules,
			    struct prv_pipeline_conf *c);

/*
 * One review as 'prereview check' and 'prereview reply' run it: the check
 * options and configuration, the repository, the SOURCEs read and
 * assembled, and the checks run into `report`.
 *
 *	prv_pipeline_init(&c);
 *	for each argument: prv_pipeline_arg(&c, ...), else the command's own
 *	code = prv_pipeline_run(&c, g);
 *	... use c.report ...
 *	prv_pipeline_release(&c);
 */
struct prv_pipeline {
	struct prv_pipeline_conf args; /* from the options */
	struct prv_pipeline_conf conf; /* the configuration, then `args` */
	const char *repo_dir; /* --repo, else prereview.repo, or NULL */
	bool no_versions; /* lore SOURCEs: the thread alone */
	bool offline; /* lore SOURCEs: the cache only */
	/* --lore-url after the command, else the global one, or NULL */
	const char *lore_url;
	char *lore_url_buf; /* prereview.loreUrl, when sopts uses it */
	/*
	 * b4's per-patch protocol: one message on stdin (no SOURCE, or "-")
	 * is reviewed alone.
	 */
	bool stdin_patch;
	/* stdin_patch, and one message came on stdin (set by reading) */
	bool lone_patch;
	/*
	 * --branch: a b4 prep branch (`branch_name`, NULL for the current
	 * one) of the repository around the current directory is the SOURCE,
	 * as `prep` tells; that repository is the one checked against too,
	 * unless --repo names another.
	 */
	bool branch;
	const char *branch_name;
	struct prv_b4prep prep;
	const char **sources; /* the SOURCE arguments */
	size_t nr_sources;
	bool dashdash; /* after "--": every argument is a SOURCE */

	struct prv_check_opts opts;
	struct prv_source_opts sopts; /* how the SOURCEs were read */
	struct prv_ruleset rules;
	struct prv_repo *repo;
	struct prv_input in;
	struct prv_report report;
	/* milliseconds (for -v): configuration and reading, assembly, checks */
	double ms_read, ms_assemble, ms_checks;
};

/* Also holds a libgit2 reference until prv_pipeline_release(). */
void prv_pipeline_init(struct prv_pipeline *c);
void prv_pipeline_release(struct prv_pipeline *c);

/*
 * Take argv[*i] if it is a SOURCE, "--" or a check option (--repo, --rules,
 * --disable, --severity, --profile, --net-next-closed, --lore-url,
 * --offline, --no-versions), with its
 * value: 1 when taken, 0 when it is none of them, PRV_EUSAGE (message set)
 * when bad. Options may come before or after SOURCEs, as in git.
 */
int prv_pipeline_arg(struct prv_pipeline *c, int *i, int argc, char **argv);

/*
 * Read the configuration (options win), open the repository, read the
 * SOURCEs (none: stdin), assemble the series and run the checks. Errors are
 * printed; returns 0, or the exit code (2 usage or configuration, 3 input
 * or environment).
 */
int prv_pipeline_run(struct prv_pipeline *c, const struct prv_global_opts *g);

/*
 * prv_pipeline_run() in its three steps, for a command that acts between
 * them: the configuration, the repository and the SOURCEs read into `in`;
 * the series assembled; the checks run. Same returns.
 */
int prv_pipeline_read(struct prv_pipeline *c, const struct prv_global_opts *g);
int prv_pipeline_assemble(struct prv_pipeline *c);
/* Whether the mail came from stdin: no SOURCE, or "-" alone. */
bool prv_pipeline_from_stdin(const struct prv_pipeline *c);
/*
 * Run the checks; warns when rule patterns gave up at the match limit.
 */
int prv_pipeline_checks(struct prv_pipeline *c,
			const struct prv_global_opts *g);

#endif
