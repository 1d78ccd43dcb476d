// SPDX-License-Identifier: GPL-2.0-or-later
/* prereview check: review a series and print the checklist. */
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/buf.h"
#include "core/check.h"
#include "core/error.h"
#include "core/lore.h"
#include "core/report.h"
#include "core/rulefile.h"
#include "core/source.h"
#include "core/util.h"

#define MAX_LIST 256 /* ids and files named by options and config */

struct check_args {
	enum prv_report_format format;
	const char *repo;
	const char *profile;
	char *rules[MAX_LIST];
	size_t nr_rules;
	char *disabled[MAX_LIST];
	size_t nr_disabled;
	char *sev_ids[MAX_LIST];
	int sevs[MAX_LIST];
	size_t nr_sevs;
	char *config_profile; /* prereview.profile */
	const char **sources;
	size_t nr_sources;
	bool no_versions; /* lore SOURCEs: the thread alone */
	bool offline; /* lore SOURCEs: the cache only */
};

static bool known_id(const char *id)
{
	size_t i;

	for (i = 0; prv_finding_ids[i]; i++)
		if (!strcmp(prv_finding_ids[i], id))
			return true;
	/* the repository ids, documented but not implemented yet */
	return !strncmp(id, "rule.", 5) || !strncmp(id, "apply.", 6) ||
	       !strncmp(id, "backport.", 9) ||
	       !strcmp(id, "fixes.unknown-commit") ||
	       !strcmp(id, "fixes.subject-mismatch") ||
	       !strcmp(id, "series.net-next-closed");
}

/* Add the comma or space separated ids of `v` to the disabled list. */
static void add_disabled(struct check_args *a, const char *v)
{
	while (*v) {
		size_t n;

		v += strspn(v, ", \t");
		n = strcspn(v, ", \t");
		if (n && a->nr_disabled < MAX_LIST)
			a->disabled[a->nr_disabled++] = prv_xstrndup(v, n);
		v += n;
	}
}

static int add_severity(struct check_args *a, const char *id, const char *sev)
{
	int s = prv_severity_parse(sev);

	if (s < 0)
		return prv_error(PRV_EUSAGE,
				 "bad severity '%s' for '%s' (fail, warn, "
				 "info)",
				 sev, id);
	if (a->nr_sevs < MAX_LIST) {
		a->sev_ids[a->nr_sevs] = prv_xstrdup(id);
		a->sevs[a->nr_sevs++] = s;
	}
	return 0;
}

/* The config in effect: the repository's (with global and system), else
 * the default files. NULL when none can be opened. */
static git_config *config_open(const char *repo_dir)
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

static int read_config(struct check_args *a)
{
	git_config *cfg;
	git_config_iterator *it = NULL;
	git_config_entry *e;
	int ret = 0;

	git_libgit2_init();
	cfg = config_open(a->repo);
	if (!cfg)
		goto out;
	if (!git_config_multivar_iterator_new(&it, cfg, "prereview.disable",
					      NULL)) {
		while (!git_config_next(&e, it))
			add_disabled(a, e->value ? e->value : "");
		git_config_iterator_free(it);
	}
	if (!git_config_multivar_iterator_new(&it, cfg, "prereview.rules",
					      NULL)) {
		while (!git_config_next(&e, it))
			if (e->value && *e->value && a->nr_rules < MAX_LIST)
				a->rules[a->nr_rules++] = prv_xstrdup(e->value);
		git_config_iterator_free(it);
	}
	/* Not git_config_iterator_glob_new(): libgit2 1.5 leaks the match
	 * data of its regex on every entry. */
	if (!git_config_iterator_new(&it, cfg)) {
		const char *prefix = "prereview.severity.";

		while (!ret && !git_config_next(&e, it)) {
			if (strncasecmp(e->name, prefix, strlen(prefix)))
				continue;
			ret = add_severity(a, e->name + strlen(prefix),
					   e->value ? e->value : "");
		}
		git_config_iterator_free(it);
	}
	{
		git_buf b = { 0 };

		if (!git_config_get_string_buf(&b, cfg, "prereview.profile"))
			a->config_profile = prv_xstrdup(b.ptr ? b.ptr : "");
		git_buf_dispose(&b);
	}
	git_config_free(cfg);
out:
	git_libgit2_shutdown();
	return ret;
}

static void args_release(struct check_args *a)
{
	size_t i;

	for (i = 0; i < a->nr_rules; i++)
		free(a->rules[i]);
	for (i = 0; i < a->nr_disabled; i++)
		free(a->disabled[i]);
	for (i = 0; i < a->nr_sevs; i++)
		free(a->sev_ids[i]);
	free(a->config_profile);
	free(a->sources);
}

static const char *opt_value(const char *arg, const char *name, int *i,
			     int argc, char **argv)
{
	size_t n = strlen(name);

	if (!strncmp(arg, name, n) && arg[n] == '=')
		return arg + n + 1;
	if (!strcmp(arg, name) && *i + 1 < argc)
		return argv[++*i];
	return NULL;
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
		} else if ((v = opt_value(arg, "--format", &i, argc, argv))) {
			if (prv_report_format_parse(&a->format, v))
				return PRV_EUSAGE;
		} else if ((v = opt_value(arg, "--repo", &i, argc, argv))) {
			a->repo = v;
		} else if ((v = opt_value(arg, "--rules", &i, argc, argv))) {
			if (a->nr_rules < MAX_LIST)
				a->rules[a->nr_rules++] = prv_xstrdup(v);
		} else if ((v = opt_value(arg, "--disable", &i, argc, argv))) {
			add_disabled(a, v);
		} else if ((v = opt_value(arg, "--profile", &i, argc, argv))) {
			if (prv_profile_parse(v) < -1)
				return prv_error(PRV_EUSAGE,
						 "unknown profile '%s' (auto, "
						 "generic, netdev, mptcp)",
						 v);
			a->profile = v;
		} else if ((v = opt_value(arg, "--severity", &i, argc, argv))) {
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
			if (add_severity(a, id, eq + 1))
				return PRV_EUSAGE;
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
	const char *stdin_only[] = { "-" };
	const char *profile;
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
	ret = read_config(&a);
	if (ret) {
		code = prv_cmd_error(2, "%s", prv_error_last());
		goto out;
	}
	for (i = 0; i < a.nr_disabled; i++)
		if (!known_id(a.disabled[i]) && !strchr(a.disabled[i], '*') &&
		    strchr(a.disabled[i], '.'))
			prv_cmd_warning(g, "unknown finding id '%s'",
					a.disabled[i]);
	profile = a.profile ? a.profile : a.config_profile;
	if (profile) {
		opts.profile = prv_profile_parse(profile);
		if (opts.profile < -1) {
			code = prv_cmd_error(2,
					     "unknown profile '%s' in "
					     "prereview.profile",
					     profile);
			goto out;
		}
	}
	opts.disabled = (const char **)a.disabled;
	opts.nr_disabled = a.nr_disabled;
	opts.sev_ids = (const char **)a.sev_ids;
	opts.sevs = a.sevs;
	opts.nr_sevs = a.nr_sevs;
	opts.repo = a.repo;

	ret = prv_ruleset_add_default(&rules);
	for (i = 0; !ret && i < a.nr_rules; i++)
		ret = prv_ruleset_add_file(&rules, a.rules[i]);
	if (ret) {
		code = prv_cmd_error(3, "%s", prv_error_last());
		goto out;
	}
	opts.rules = &rules;
	if (a.repo)
		prv_cmd_warning(g,
				"repository checks (apply.*, backport.*, "
				"fixes.unknown-commit) are not implemented "
				"yet; '%s' is not read",
				a.repo);

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
	args_release(&a);
	git_libgit2_shutdown();
	return code;
}
