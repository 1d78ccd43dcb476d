// SPDX-License-Identifier: GPL-2.0-or-later
#include <git2.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd/checkconf.h"
#include "core/error.h"
#include "core/gitconfig.h"
#include "core/report.h"
#include "core/util.h"

void prv_checkconf_release(struct prv_checkconf *c)
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
	c->nr_rules = c->nr_disabled = c->nr_sevs = 0;
	c->config_profile = NULL;
	c->config_repo = NULL;
}

void prv_checkconf_add_disabled(struct prv_checkconf *c, const char *v)
{
	while (*v) {
		size_t n;

		v += strspn(v, ", \t");
		n = strcspn(v, ", \t");
		if (n && c->nr_disabled < PRV_CHECKCONF_MAX)
			c->disabled[c->nr_disabled++] = prv_xstrndup(v, n);
		v += n;
	}
}

void prv_checkconf_add_rules(struct prv_checkconf *c, const char *path)
{
	if (*path && c->nr_rules < PRV_CHECKCONF_MAX)
		c->rules[c->nr_rules++] = prv_xstrdup(path);
}

int prv_checkconf_add_severity(struct prv_checkconf *c, const char *id,
			       const char *sev)
{
	int s = prv_severity_parse(sev);

	if (s < 0)
		return prv_error(PRV_EUSAGE,
				 "bad severity '%s' for '%s' (fail, warn, "
				 "info)",
				 sev, id);
	if (c->nr_sevs < PRV_CHECKCONF_MAX) {
		c->sev_ids[c->nr_sevs] = prv_xstrdup(id);
		c->sevs[c->nr_sevs++] = s;
	}
	return 0;
}

int prv_checkconf_read(struct prv_checkconf *c, const char *repo_dir)
{
	static const char sev_prefix[] = "prereview.severity.";
	git_config *cfg;
	git_config_iterator *it = NULL;
	git_config_entry *e;
	git_buf b = { 0 };
	int ret = 0;

	git_libgit2_init();
	cfg = prv_gitconfig_snapshot(repo_dir);
	if (!cfg)
		goto out;
	if (!git_config_multivar_iterator_new(&it, cfg, "prereview.disable",
					      NULL)) {
		while (!git_config_next(&e, it))
			prv_checkconf_add_disabled(c, e->value ? e->value : "");
		git_config_iterator_free(it);
	}
	if (!git_config_multivar_iterator_new(&it, cfg, "prereview.rules",
					      NULL)) {
		while (!git_config_next(&e, it))
			prv_checkconf_add_rules(c, e->value ? e->value : "");
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
			ret = prv_checkconf_add_severity(
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
	{
		int closed;

		if (!git_config_get_bool(&closed, cfg,
					 "prereview.netNextClosed"))
			c->net_next_closed = closed ? 1 : -1;
	}
	git_config_free(cfg);
out:
	git_libgit2_shutdown();
	return ret;
}

int prv_checkconf_apply(struct prv_check_opts *opts, struct prv_ruleset *rules,
			struct prv_checkconf *c)
{
	const char *profile = c->profile ? c->profile : c->config_profile;
	size_t i;
	int ret;

	if (profile) {
		opts->profile = prv_profile_parse(profile);
		if (opts->profile < -1)
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
	ret = prv_ruleset_add_default(rules);
	for (i = 0; !ret && i < c->nr_rules; i++)
		ret = prv_ruleset_add_file(rules, c->rules[i]);
	if (!ret)
		opts->rules = rules;
	return ret;
}

const char *prv_cmd_opt_value(const char *arg, const char *name, int *i,
			      int argc, char **argv)
{
	size_t n = strlen(name);

	if (!strncmp(arg, name, n) && arg[n] == '=')
		return arg + n + 1;
	if (!strcmp(arg, name) && *i + 1 < argc)
		return argv[++*i];
	return NULL;
}
