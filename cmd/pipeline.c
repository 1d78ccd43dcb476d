// SPDX-License-Identifier: GPL-2.0-or-later
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "cmd/pipeline.h"
#include "cmd/config.h"
#include "core/base/error.h"
#include "core/report/report.h"
#include "core/series/source.h"
#include "rules/rules.h"
#include "core/base/util.h"

void prv_pipeline_conf_release(struct prv_pipeline_conf *c)
{
	size_t i;

	for (i = 0; i < c->nr_rules; i++)
		free(c->rules[i]);
	for (i = 0; i < c->nr_disabled; i++)
		free(c->disabled[i]);
	for (i = 0; i < c->nr_sevs; i++)
		free(c->sev_ids[i]);
	free(c->config_profile);
	free(c->config_repo);
	free(c->fix_trees);
	c->nr_rules = c->nr_disabled = c->nr_sevs = 0;
	c->config_profile = NULL;
	c->config_repo = NULL;
	c->fix_trees = NULL;
}

void prv_pipeline_conf_add_disabled(struct prv_pipeline_conf *c, const char *v)
{
	while (*v) {
		size_t n;

		v += strspn(v, ", \t");
		n = strcspn(v, ", \t");
		if (n && c->nr_disabled < PRV_PIPELINE_CONF_MAX)
			c->disabled[c->nr_disabled++] = prv_xstrndup(v, n);
		v += n;
	}
}

void prv_pipeline_conf_add_rules(struct prv_pipeline_conf *c, const char *path)
{
	if (*path && c->nr_rules < PRV_PIPELINE_CONF_MAX)
		c->rules[c->nr_rules++] = prv_xstrdup(path);
}

int prv_pipeline_conf_add_severity(struct prv_pipeline_conf *c, const char *id,
				   const char *sev)
{
	enum prv_severity s;

	if (prv_severity_parse(&s, sev))
		return prv_error(PRV_EUSAGE,
				 "bad severity '%s' for '%s' (fail, warn, "
				 "info)",
				 sev, id);
	if (c->nr_sevs < PRV_PIPELINE_CONF_MAX) {
		c->sev_ids[c->nr_sevs] = prv_xstrdup(id);
		c->sevs[c->nr_sevs++] = s;
	}
	return 0;
}

int prv_pipeline_conf_read(struct prv_pipeline_conf *c, const char *repo_dir)
{
	static const char sev_prefix[] = "prereview.severity.";
	git_config *cfg;
	git_config_iterator *it = NULL;
	git_config_entry *e;
	git_buf b = { 0 };
	int ret = 0;

	cfg = prv_gitconfig_snapshot(repo_dir);
	if (!cfg)
		goto out;
	if (!git_config_multivar_iterator_new(&it, cfg, "prereview.disable",
					      NULL)) {
		while (!git_config_next(&e, it))
			prv_pipeline_conf_add_disabled(c, e->value ? e->value :
								     "");
		git_config_iterator_free(it);
	}
	if (!git_config_multivar_iterator_new(&it, cfg, "prereview.rules",
					      NULL)) {
		while (!git_config_next(&e, it))
			prv_pipeline_conf_add_rules(c,
						    e->value ? e->value : "");
		git_config_iterator_free(it);
	}
	/*
	 * Not git_config_iterator_glob_new(): libgit2 1.5 leaks the match
	 * data of its regex on every entry.
	 */
	if (!git_config_iterator_new(&it, cfg)) {
		while (!ret && !git_config_next(&e, it)) {
			if (strncasecmp(e->name, sev_prefix,
					sizeof(sev_prefix) - 1))
				continue;
			ret = prv_pipeline_conf_add_severity(
				c, e->name + sizeof(sev_prefix) - 1,
				e->value ? e->value : "");
		}
		git_config_iterator_free(it);
	}
	if (!git_config_get_string_buf(&b, cfg, "prereview.profile")) {
		free(c->config_profile);
		c->config_profile = prv_xstrdup(b.ptr ? b.ptr : "");
	}
	git_buf_dispose(&b);
	if (!git_config_get_path(&b, cfg, "prereview.repo") && b.ptr &&
	    *b.ptr) {
		free(c->config_repo);
		c->config_repo = prv_xstrdup(b.ptr);
	}
	git_buf_dispose(&b);
	if (!git_config_get_string_buf(&b, cfg, "prereview.fixTrees")) {
		free(c->fix_trees);
		c->fix_trees = prv_xstrdup(b.ptr ? b.ptr : "");
	}
	git_buf_dispose(&b);
	{
		int closed;

		if (!git_config_get_bool(&closed, cfg,
					 "prereview.netNextClosed")) {
			c->net_next_closed = closed ? 1 : -1;
			c->net_next_set = true;
		}
	}
	git_config_free(cfg);
out:
	return ret;
}

int prv_pipeline_conf_apply(struct prv_check_opts *opts,
			    struct prv_ruleset *rules,
			    struct prv_pipeline_conf *c)
{
	const char *profile = c->profile ? c->profile : c->config_profile;
	size_t i;
	int ret;

	if (profile) {
		if (prv_profile_parse(&opts->profile, profile))
			return prv_error(PRV_EUSAGE,
					 "unknown profile '%s' in "
					 "prereview.profile",
					 profile);
	}
	opts->disabled = (const char **)c->disabled;
	opts->nr_disabled = c->nr_disabled;
	opts->sev_ids = (const char **)c->sev_ids;
	opts->sevs = c->sevs;
	opts->nr_sevs = c->nr_sevs;
	opts->net_next_closed = c->net_next_closed;
	opts->fix_trees = c->fix_trees;
	ret = prv_ruleset_add_default(rules);
	for (i = 0; !ret && i < c->nr_rules; i++)
		ret = prv_ruleset_add_file(rules, c->rules[i]);
	if (!ret)
		opts->rules = rules;
	return ret;
}

void prv_pipeline_init(struct prv_pipeline *c)
{
	struct prv_check_opts opts = PRV_CHECK_OPTS_INIT;

	memset(c, 0, sizeof(*c));
	c->opts = opts;
	prv_ruleset_init(&c->rules);
	prv_input_init(&c->in);
	prv_report_init(&c->report);
}

void prv_pipeline_release(struct prv_pipeline *c)
{
	prv_report_release(&c->report);
	prv_input_release(&c->in);
	prv_ruleset_release(&c->rules);
	prv_repo_free(c->repo);
	prv_pipeline_conf_release(&c->args);
	prv_pipeline_conf_release(&c->conf);
	free(c->sources);
	free(c->lore_url_buf);
	memset(c, 0, sizeof(*c));
}

static int add_severity_opt(struct prv_pipeline_conf *c, const char *v)
{
	const char *eq = strchr(v, '=');
	char id[128];

	if (!eq || (size_t)(eq - v) >= sizeof(id))
		return prv_error(PRV_EUSAGE,
				 "--severity wants ID=SEVERITY, not '%s'", v);
	memcpy(id, v, (size_t)(eq - v));
	id[eq - v] = '\0';
	return prv_pipeline_conf_add_severity(c, id, eq + 1);
}

int prv_pipeline_arg(struct prv_pipeline *c, int *i, int argc, char **argv)
{
	const char *arg = argv[*i], *v;

	if (c->dashdash || arg[0] != '-' || !strcmp(arg, "-")) {
		if (!c->sources)
			c->sources = prv_xcalloc((size_t)argc + 1,
						 sizeof(*c->sources));
		c->sources[c->nr_sources++] = arg;
	} else if (!strcmp(arg, "--")) {
		c->dashdash = true;
	} else if ((v = prv_cmd_opt_value(arg, "--repo", i, argc, argv))) {
		c->repo_dir = v;
	} else if ((v = prv_cmd_opt_value(arg, "--rules", i, argc, argv))) {
		prv_pipeline_conf_add_rules(&c->args, v);
	} else if ((v = prv_cmd_opt_value(arg, "--disable", i, argc, argv))) {
		prv_pipeline_conf_add_disabled(&c->args, v);
	} else if ((v = prv_cmd_opt_value(arg, "--profile", i, argc, argv))) {
		int p;

		if (prv_profile_parse(&p, v))
			return prv_error(PRV_EUSAGE,
					 "unknown profile '%s' (auto, "
					 "generic, netdev, mptcp)",
					 v);
		c->args.profile = v;
	} else if ((v = prv_cmd_opt_value(arg, "--severity", i, argc, argv))) {
		if (add_severity_opt(&c->args, v))
			return PRV_EUSAGE;
	} else if ((v = prv_cmd_opt_value(arg, "--net-next-closed", i, argc,
					  argv))) {
		int closed;

		/* yes/no as git reads a boolean, or auto */
		if (!strcasecmp(v, "auto"))
			c->args.net_next_closed = 0;
		else if (!git_config_parse_bool(&closed, v))
			c->args.net_next_closed = closed ? 1 : -1;
		else
			return prv_error(PRV_EUSAGE,
					 "--net-next-closed wants yes, no or "
					 "auto, not '%s'",
					 v);
		c->args.net_next_set = true;
	} else if ((v = prv_cmd_opt_value(arg, "--lore-url", i, argc, argv))) {
		c->lore_url = v;
	} else if (!strcmp(arg, "--no-versions")) {
		c->no_versions = true;
	} else if (!strcmp(arg, "--offline")) {
		c->offline = true;
	} else {
		static const char *const with_value[] = {
			"--repo",     "--rules",    "--disable",
			"--profile",  "--severity", "--net-next-closed",
			"--lore-url", NULL,
		};
		size_t k;

		/* the last argument, an option whose value is missing */
		for (k = 0; *i + 1 >= argc && with_value[k]; k++)
			if (!strcmp(arg, with_value[k]))
				return prv_error(PRV_EUSAGE,
						 "'%s' needs a value", arg);
		return 0;
	}
	return 1;
}

static bool known_id(const char *id)
{
	size_t i;

	for (i = 0; prv_finding_ids[i]; i++)
		if (!strcmp(prv_finding_ids[i], id))
			return true;
	return !strncmp(id, "rule.", 5);
}

/* A family of ids, as --disable takes it: "trailer" for "trailer.*". */
static bool known_family(const char *family)
{
	size_t i, n = strlen(family);

	if (!strcmp(family, "rule"))
		return true;
	for (i = 0; prv_finding_ids[i]; i++)
		if (!strncmp(prv_finding_ids[i], family, n) &&
		    prv_finding_ids[i][n] == '.')
			return true;
	return false;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/*
 * The options after the configuration: the last severity given for an id
 * and the last rule of a name win.
 */
static void add_args(struct prv_pipeline_conf *c,
		     const struct prv_pipeline_conf *a)
{
	size_t i;

	for (i = 0; i < a->nr_rules; i++)
		prv_pipeline_conf_add_rules(c, a->rules[i]);
	for (i = 0; i < a->nr_disabled; i++)
		prv_pipeline_conf_add_disabled(c, a->disabled[i]);
	for (i = 0; i < a->nr_sevs && c->nr_sevs < PRV_PIPELINE_CONF_MAX; i++) {
		c->sev_ids[c->nr_sevs] = prv_xstrdup(a->sev_ids[i]);
		c->sevs[c->nr_sevs++] = a->sevs[i];
	}
	c->profile = a->profile;
	if (a->net_next_set) {
		c->net_next_closed = a->net_next_closed;
		c->net_next_set = true;
	}
}

static int setup(struct prv_pipeline *c, const struct prv_global_opts *g)
{
	size_t i;
	int ret;

	ret = prv_pipeline_conf_read(&c->conf, c->repo_dir);
	if (ret)
		return prv_cmd_error(2, "%s", prv_error_last());
	add_args(&c->conf, &c->args);
	/* a typo would silently leave the finding as it was */
	for (i = 0; i < c->conf.nr_disabled; i++) {
		const char *id = c->conf.disabled[i];

		if (strchr(id, '*'))
			continue;
		if (strchr(id, '.') ? !known_id(id) : !known_family(id))
			prv_cmd_warning(g, "unknown finding id '%s'", id);
	}
	for (i = 0; i < c->conf.nr_sevs; i++)
		if (!known_id(c->conf.sev_ids[i]))
			prv_cmd_warning(g, "unknown finding id '%s'",
					c->conf.sev_ids[i]);
	ret = prv_pipeline_conf_apply(&c->opts, &c->rules, &c->conf);
	if (ret)
		return prv_cmd_error(ret == PRV_EUSAGE ? 2 : 3, "%s",
				     prv_error_last());
	/* --repo wins over prereview.repo; the repository is opened once */
	if (!c->repo_dir)
		c->repo_dir = c->conf.config_repo;
	c->opts.repo = c->repo_dir;
	if (c->repo_dir) {
		if (prv_repo_open(&c->repo, c->repo_dir))
			return prv_cmd_error(3, "%s", prv_error_last());
		c->opts.repo_handle = c->repo;
	}
	return 0;
}

bool prv_pipeline_from_stdin(const struct prv_pipeline *c)
{
	return !c->branch && (!c->nr_sources || (c->nr_sources == 1 &&
						 !strcmp(c->sources[0], "-")));
}

/* --branch: the b4 prep branch instead of SOURCEs. */
static int read_branch(struct prv_pipeline *c, const struct prv_global_opts *g)
{
	struct prv_b4prep_opts o = {
		.repo_dir = ".",
		.branch = c->branch_name,
		.now = (long long)time(NULL),
	};
	size_t i;
	int ret;

	/* the branch's own repository, unless --repo names another */
	if (!c->repo_dir)
		c->repo_dir = ".";
	ret = setup(c, g);
	if (ret)
		return ret;
	if (!c->lore_url)
		c->lore_url = g->lore_url;
	ret = prv_b4prep_add(&c->in, &o, &c->prep);
	if (ret)
		return prv_cmd_error(prv_error_exit_code(ret), "%s",
				     prv_error_last());
	if (g->verbosity > 0) {
		fprintf(stderr,
			"prereview: %s: v%d, %zu patches on %.12s, change-id "
			"%s\n",
			c->prep.branch, c->prep.revision, c->prep.nr_patches,
			c->prep.base, c->prep.change_id);
		for (i = 0; i < c->prep.nr_sent; i++)
			fprintf(stderr, "prereview: sent before: %s\n",
				c->prep.sent[i]);
	}
	return 0;
}

int prv_pipeline_read(struct prv_pipeline *c, const struct prv_global_opts *g)
{
	static const char *const stdin_only[] = { "-" };
	const char *const *sources = c->nr_sources ? c->sources : stdin_only;
	size_t nr_sources = c->nr_sources ? c->nr_sources : 1;
	double t0 = now_ms();
	int ret;

	if (c->branch) {
		ret = read_branch(c, g);
		c->ms_read = now_ms() - t0;
		return ret;
	}
	/* before the configuration is read and its warnings printed */
	if (prv_source_check_args(sources, nr_sources))
		return prv_cmd_error(2, "%s", prv_error_last());
	ret = setup(c, g);
	if (ret)
		return ret;
	/* --lore-url after the command wins over the global one */
	if (!c->lore_url)
		c->lore_url = g->lore_url;
	c->sopts = (struct prv_source_opts)PRV_SOURCE_OPTS_INIT;
	prv_config_sources(&c->sopts, &c->lore_url_buf, c->lore_url,
			   g->max_input_size);
	c->sopts.lore.quiet = g->verbosity < 0;
	c->sopts.lore.offline = c->offline;
	c->sopts.versions = !c->no_versions;
	ret = prv_source_add_all(&c->in, sources, nr_sources, &c->sopts, NULL);
	if (ret)
		return prv_cmd_error(prv_error_exit_code(ret), "%s",
				     prv_error_last());
	c->lone_patch = c->stdin_patch && c->in.nr_mails == 1 &&
			prv_pipeline_from_stdin(c);
	/*
	 * A patch that is its series (no counter, or 1/1) is checked as the
	 * series it is, as 'check' of its mbox does: only one patch of a
	 * longer series lacks what the series checks need.
	 */
	c->opts.single_patch = c->lone_patch && c->in.mails[0]->subj.total > 1;
	c->ms_read = now_ms() - t0;
	return 0;
}

int prv_pipeline_assemble(struct prv_pipeline *c)
{
	double t0 = now_ms();
	int ret;

	ret = prv_series_assemble(&c->in);
	c->ms_assemble = now_ms() - t0;
	if (ret)
		return prv_cmd_error(3, "%s", prv_error_last());
	if (!c->in.nr_series) {
		/* name the input, as every other input error does */
		if (c->nr_sources > 1)
			return prv_cmd_error(3,
					     "no patch found in the %zu "
					     "SOURCEs",
					     c->nr_sources);
		if (c->nr_sources && strcmp(c->sources[0], "-"))
			return prv_cmd_error(3, "no patch found in '%s'",
					     c->sources[0]);
		return prv_cmd_error(3, "no patch found on stdin");
	}
	return 0;
}

int prv_pipeline_checks(struct prv_pipeline *c, const struct prv_global_opts *g)
{
	double t0 = now_ms();
	const struct prv_rule *r;
	size_t n;
	int ret;

	ret = prv_report_check(&c->report, &c->in, prv_rule_families, &c->opts);
	c->ms_checks = now_ms() - t0;
	if (ret)
		return prv_cmd_error(3, "%s", prv_error_last());
	n = prv_ruleset_gave_up(&c->rules, &r);
	if (n)
		prv_cmd_warning(g,
				"%zu rule match%s gave up, the first of rule "
				"'%s' (%s:%zu): its pattern backtracks too "
				"much; taken as not matching",
				n, n == 1 ? "" : "es", r->name, r->file,
				r->line);
	return 0;
}

int prv_pipeline_run(struct prv_pipeline *c, const struct prv_global_opts *g)
{
	int ret;

	ret = prv_pipeline_read(c, g);
	if (!ret)
		ret = prv_pipeline_assemble(c);
	if (!ret)
		ret = prv_pipeline_checks(c, g);
	return ret;
}
