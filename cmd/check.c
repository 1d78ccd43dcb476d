// SPDX-License-Identifier: GPL-2.0-or-later
/* prereview check: review a series and print the checklist. */
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "cmd/checkconf.h"
#include "cmd/cmd.h"
#include "core/buf.h"
#include "core/check.h"
#include "core/error.h"
#include "core/lore.h"
#include "core/repo.h"
#include "core/report.h"
#include "core/rulefile.h"
#include "core/source.h"
#include "core/util.h"

struct check_args {
	enum prv_report_format format;
	const char *repo;
	struct prv_checkconf conf;
	const char **sources;
	size_t nr_sources;
	bool no_versions; /* lore SOURCEs: the thread alone */
	bool offline; /* lore SOURCEs: the cache only */
	bool net_next_given; /* --net-next-closed */
	int net_next_closed; /* as struct prv_check_opts */
};

static bool known_id(const char *id)
{
	size_t i;

	for (i = 0; prv_finding_ids[i]; i++)
		if (!strcmp(prv_finding_ids[i], id))
			return true;
	return !strncmp(id, "rule.", 5);
}

static void args_release(struct check_args *a)
{
	prv_checkconf_release(&a->conf);
	free(a->sources);
}

static int parse_args(struct check_args *a, int argc, char **argv)
{
	int i;
	const char *v;
	bool dashdash = false;

	a->sources = prv_xcalloc((size_t)argc + 1, sizeof(*a->sources));
	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];

		if (dashdash || arg[0] != '-' || !strcmp(arg, "-")) {
			a->sources[a->nr_sources++] = arg;
		} else if (!strcmp(arg, "--")) {
			dashdash = true;
		} else if ((v = prv_cmd_opt_value(arg, "--format", &i, argc,
						  argv))) {
			if (prv_report_format_parse(&a->format, v))
				return PRV_EUSAGE;
		} else if ((v = prv_cmd_opt_value(arg, "--repo", &i, argc,
						  argv))) {
			a->repo = v;
		} else if ((v = prv_cmd_opt_value(arg, "--rules", &i, argc,
						  argv))) {
			prv_checkconf_add_rules(&a->conf, v);
		} else if ((v = prv_cmd_opt_value(arg, "--disable", &i, argc,
						  argv))) {
			prv_checkconf_add_disabled(&a->conf, v);
		} else if ((v = prv_cmd_opt_value(arg, "--profile", &i, argc,
						  argv))) {
			if (prv_profile_parse(v) < -1)
				return prv_error(PRV_EUSAGE,
						 "unknown profile '%s' (auto, "
						 "generic, netdev, mptcp)",
						 v);
			a->conf.profile = v;
		} else if ((v = prv_cmd_opt_value(arg, "--severity", &i, argc,
						  argv))) {
			const char *eq = strchr(v, '=');
			char id[128];

			if (!eq || (size_t)(eq - v) >= sizeof(id))
				return prv_error(
					PRV_EUSAGE,
					"--severity wants ID=SEVERITY, "
					"not '%s'",
					v);
			memcpy(id, v, (size_t)(eq - v));
			id[eq - v] = '\0';
			if (prv_checkconf_add_severity(&a->conf, id, eq + 1))
				return PRV_EUSAGE;
		} else if ((v = prv_cmd_opt_value(arg, "--net-next-closed", &i,
						  argc, argv))) {
			if (!strcasecmp(v, "auto"))
				a->net_next_closed = 0;
			else if (!strcasecmp(v, "yes") ||
				 !strcasecmp(v, "true") ||
				 !strcasecmp(v, "on") || !strcmp(v, "1"))
				a->net_next_closed = 1;
			else if (!strcasecmp(v, "no") ||
				 !strcasecmp(v, "false") ||
				 !strcasecmp(v, "off") || !strcmp(v, "0"))
				a->net_next_closed = -1;
			else
				return prv_error(PRV_EUSAGE,
						 "--net-next-closed wants yes, "
						 "no or auto, not '%s'",
						 v);
			a->net_next_given = true;
		} else if (!strcmp(arg, "--no-versions")) {
			a->no_versions = true;
		} else if (!strcmp(arg, "--offline")) {
			a->offline = true;
		} else if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
			prv_cmd_usage("check", 0);
			exit(0);
		} else {
			return prv_error(PRV_EUSAGE, "unknown option '%s'",
					 arg);
		}
	}
	return 0;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int cmd_check(int argc, char **argv, const struct prv_global_opts *g)
{
	struct check_args a;
	struct prv_check_opts opts = PRV_CHECK_OPTS_INIT;
	struct prv_source_opts sopts = PRV_SOURCE_OPTS_INIT;
	struct prv_render_opts ropts = PRV_RENDER_OPTS_INIT;
	struct prv_ruleset rules;
	struct prv_input in;
	struct prv_report r;
	struct prv_buf out = PRV_BUF_INIT;
	struct prv_repo *repo = NULL;
	const char *stdin_only[] = { "-" };
	double t0 = now_ms(), t1, t2, t3;
	int ret, code = 0;
	size_t i;

	/* One libgit2 reference for the whole command: every init reads the
	 * system's certificates, so nested init/shutdown pairs must be cheap.
	 */
	git_libgit2_init();
	memset(&a, 0, sizeof(a));
	prv_ruleset_init(&rules);
	prv_input_init(&in);
	prv_report_init(&r);

	ret = parse_args(&a, argc, argv);
	if (ret) {
		code = prv_cmd_error(2, "%s", prv_error_last());
		prv_cmd_usage("check", 1);
		goto out;
	}
	/* Configuration first, options after: they win. */
	ret = prv_checkconf_read(&a.conf, a.repo);
	if (ret) {
		code = prv_cmd_error(2, "%s", prv_error_last());
		goto out;
	}
	for (i = 0; i < a.conf.nr_disabled; i++)
		if (!known_id(a.conf.disabled[i]) &&
		    !strchr(a.conf.disabled[i], '*') &&
		    strchr(a.conf.disabled[i], '.'))
			prv_cmd_warning(g, "unknown finding id '%s'",
					a.conf.disabled[i]);
	ret = prv_checkconf_apply(&opts, &rules, &a.conf);
	if (ret) {
		code = prv_cmd_error(ret == PRV_EUSAGE ? 2 : 3, "%s",
				     prv_error_last());
		goto out;
	}
	if (a.net_next_given)
		opts.net_next_closed = a.net_next_closed;
	/* --repo wins over prereview.repo; the repository is opened once */
	if (!a.repo)
		a.repo = a.conf.config_repo;
	opts.repo = a.repo;
	if (a.repo) {
		ret = prv_repo_open(&repo, a.repo);
		if (ret) {
			code = prv_cmd_error(3, "%s", prv_error_last());
			goto out;
		}
		opts.repo_handle = repo;
	}

	if (!a.nr_sources) {
		if (isatty(0)) {
			prv_cmd_usage("check", 1);
			code = 2;
			goto out;
		}
		/* b4's check commands give one message on stdin. */
		free(a.sources);
		a.sources = NULL;
	}
	/* NULL lets the lore client read prereview.loreUrl, then the default */
	sopts.lore_url = g->lore_url;
	sopts.quiet = g->verbosity < 0;
	sopts.versions = !a.no_versions;
	sopts.offline = a.offline;
	for (i = 0; i < (a.nr_sources ? a.nr_sources : 1); i++) {
		const char *src = a.nr_sources ? a.sources[i] : stdin_only[0];

		ret = prv_source_add(&in, src, &sopts);
		if (ret) {
			code = prv_cmd_error(prv_error_exit_code(ret), "%s",
					     prv_error_last());
			goto out;
		}
	}
	/* b4's per-patch protocol: one message on stdin */
	opts.single_patch = in.nr_mails == 1 &&
			    (!a.nr_sources ||
			     (a.nr_sources == 1 && !strcmp(a.sources[0], "-")));
	t1 = now_ms();
	ret = prv_series_assemble(&in);
	if (ret) {
		code = prv_cmd_error(3, "%s", prv_error_last());
		goto out;
	}
	if (!in.nr_series) {
		code = prv_cmd_error(3, "no patch series in the input");
		goto out;
	}
	t2 = now_ms();
	ret = prv_checks_run(&r, &in, &opts);
	t3 = now_ms();
	if (ret) {
		code = prv_cmd_error(3, "%s", prv_error_last());
		goto out;
	}
	ropts.color = a.format == PRV_FORMAT_TEXT && prv_cmd_use_color(g, 1);
	ret = prv_report_render(&out, &r, a.format, &ropts);
	if (ret) {
		code = prv_cmd_error(3, "%s", prv_error_last());
		goto out;
	}
	if (fwrite(out.data, 1, out.len, stdout) != out.len || fflush(stdout)) {
		code = prv_cmd_error(3, "could not write the report");
		goto out;
	}
	code = prv_report_count(&r, PRV_SEV_FAIL) ? 1 : 0;
	if (g->verbosity > 0)
		fprintf(stderr,
			"prereview: %zu mails, %zu series: read %.1f ms, "
			"assemble %.1f ms, checks %.1f ms, report %.1f ms\n",
			in.nr_mails, in.nr_series, t1 - t0, t2 - t1, t3 - t2,
			now_ms() - t3);
out:
	prv_buf_release(&out);
	prv_report_release(&r);
	prv_input_release(&in);
	prv_ruleset_release(&rules);
	prv_repo_free(repo);
	args_release(&a);
	git_libgit2_shutdown();
	return code;
}
