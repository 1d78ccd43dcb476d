/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_CMD_CHECKCONF_H
#define PRV_CMD_CHECKCONF_H

#include <stdbool.h>
#include <stddef.h>

#include "cmd/cmd.h"
#include "core/check/check.h"
#include "core/report/report.h"
#include "core/check/repo.h"
#include "core/check/rulefile.h"
#include "core/series/series.h"
#include "core/series/source.h"

/*
 * The check configuration shared by 'prereview check' and 'prereview
 * reply', so that replies carry the findings check reports. Read from git
 * config (prereview.disable, prereview.severity.<id>, prereview.rules,
 * prereview.profile, prereview.repo, prereview.netNextClosed,
 * prereview.fixTrees) and from options;
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
	char *fix_trees; /* prereview.fixTrees, or NULL */
	/* net-next closed: 1, open: -1, from the repository: 0 */
	int net_next_closed;
	bool net_next_set; /* said (config, or the option after it) */
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

/*
 * One review as 'prereview check' and 'prereview reply' run it: the check
 * options and configuration, the repository, the SOURCEs read and
 * assembled, and the checks run into `report`.
 *
 *	prv_checkrun_init(&c);
 *	for each argument: prv_checkrun_arg(&c, ...), else the command's own
 *	code = prv_checkrun_run(&c, g);
 *	... use c.report ...
 *	prv_checkrun_release(&c);
 */
struct prv_checkrun {
	struct prv_checkconf args; /* from the options */
	struct prv_checkconf conf; /* the configuration, then `args` */
	const char *repo_dir; /* --repo, else prereview.repo, or NULL */
	bool no_versions; /* lore SOURCEs: the thread alone */
	bool offline; /* lore SOURCEs: the cache only */
	const char *lore_url; /* --lore-url after the command, or NULL */
	/*
	 * b4's per-patch protocol: one message on stdin (no SOURCE, or "-")
	 * is reviewed alone.
	 */
	bool stdin_patch;
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

/* Also holds a libgit2 reference until prv_checkrun_release(). */
void prv_checkrun_init(struct prv_checkrun *c);
void prv_checkrun_release(struct prv_checkrun *c);

/*
 * Take argv[*i] if it is a SOURCE, "--" or a check option (--repo, --rules,
 * --disable, --severity, --profile, --net-next-closed, --lore-url,
 * --offline, --no-versions), with its
 * value: 1 when taken, 0 when it is none of them, PRV_EUSAGE (message set)
 * when bad. Options may come before or after SOURCEs, as in git.
 */
int prv_checkrun_arg(struct prv_checkrun *c, int *i, int argc, char **argv);

/*
 * Read the configuration (options win), open the repository, read the
 * SOURCEs (none: stdin), assemble the series and run the checks. Errors are
 * printed; returns 0, or the exit code (2 usage or configuration, 3 input
 * or environment).
 */
int prv_checkrun_run(struct prv_checkrun *c, const struct prv_global_opts *g);

/*
 * prv_checkrun_run() in its three steps, for a command that acts between
 * them: the configuration, the repository and the SOURCEs read into `in`;
 * the series assembled; the checks run. Same returns.
 */
int prv_checkrun_read(struct prv_checkrun *c, const struct prv_global_opts *g);
int prv_checkrun_assemble(struct prv_checkrun *c);
/* Whether the mail came from stdin: no SOURCE, or "-" alone. */
bool prv_checkrun_from_stdin(const struct prv_checkrun *c);
/*
 * Run the checks; warns when rule patterns gave up at the match limit.
 */
int prv_checkrun_checks(struct prv_checkrun *c,
			const struct prv_global_opts *g);

#endif
