// SPDX-License-Identifier: GPL-2.0-or-later
/* prereview reply: review a series and write the notes as reply mails. */
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/address.h"
#include "core/buf.h"
#include "core/check.h"
#include "core/error.h"
#include "core/gitconfig.h"
#include "core/lore.h"
#include "core/reply.h"
#include "core/report.h"
#include "core/rulefile.h"
#include "core/source.h"
#include "core/util.h"

#define MAX_LIST 256 /* ids and files named by config */

struct reply_args {
	char *disabled[MAX_LIST]; /* prereview.disable */
	size_t nr_disabled;
	char *sev_ids[MAX_LIST]; /* prereview.severity.<id> */
	int sevs[MAX_LIST];
	size_t nr_sevs;
	char *rules[MAX_LIST]; /* prereview.rules */
	size_t nr_rules;
	const char *output;
	const char *from;
	const char *profile;
	bool all;
	const char **sources;
	size_t nr_sources;
};

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

static int parse_args(struct reply_args *a, int argc, char **argv)
{
	bool dashdash = false;
	const char *v;
	int i;

	a->sources = prv_xcalloc((size_t)argc + 1, sizeof(*a->sources));
	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];

		if (dashdash || arg[0] != '-' || !strcmp(arg, "-")) {
			a->sources[a->nr_sources++] = arg;
		} else if (!strcmp(arg, "--")) {
			dashdash = true;
		} else if ((v = opt_value(arg, "-o", &i, argc, argv)) ||
			   (v = opt_value(arg, "--output", &i, argc, argv))) {
			a->output = v;
		} else if ((v = opt_value(arg, "--format", &i, argc, argv))) {
			if (strcmp(v, "mbox"))
				return prv_error(PRV_EUSAGE,
						 "unknown reply format '%s' "
						 "(mbox)",
						 v);
		} else if ((v = opt_value(arg, "--from", &i, argc, argv))) {
			a->from = v;
		} else if ((v = opt_value(arg, "--profile", &i, argc, argv))) {
			if (prv_profile_parse(v) < -1)
				return prv_error(PRV_EUSAGE,
						 "unknown profile '%s' (auto, "
						 "generic, netdev, mptcp)",
						 v);
			a->profile = v;
		} else if (!strcmp(arg, "--all")) {
			a->all = true;
		} else if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
			prv_cmd_usage("reply", 0);
			exit(0);
		} else {
			return prv_error(PRV_EUSAGE, "unknown option '%s'",
					 arg);
		}
	}
	if (!a->nr_sources)
		return prv_error(PRV_EUSAGE, "no SOURCE given");
	return 0;
}

/*
 * The check configuration, read as 'prereview check' reads it so that the
 * replies carry the findings check reports: prereview.disable (ids or
 * prefixes, comma or space separated, may repeat), prereview.severity.<id>
 * and prereview.rules (extra rule files).
 */
static void add_disabled(struct reply_args *a, const char *v)
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

static git_config *config_open(void)
{
	git_repository *repo = NULL;
	git_config *live = NULL, *snap = NULL;

	if (!git_repository_open_ext(&repo, ".", GIT_REPOSITORY_OPEN_FROM_ENV,
				     NULL)) {
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

static int read_check_config(struct reply_args *a)
{
	git_config *cfg = config_open();
	git_config_iterator *it = NULL;
	git_config_entry *e;
	int ret = 0;

	if (!cfg)
		return 0;
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
	if (!git_config_iterator_glob_new(&it, cfg,
					  "^prereview\\.severity\\..*")) {
		while (!ret && !git_config_next(&e, it)) {
			const char *id =
				e->name + strlen("prereview.severity.");
			int sev = prv_severity_parse(e->value ? e->value : "");

			if (sev < 0)
				ret = prv_error(PRV_EUSAGE,
						"bad severity '%s' for '%s' "
						"(fail, warn, info)",
						e->value ? e->value : "", id);
			else if (a->nr_sevs < MAX_LIST) {
				a->sev_ids[a->nr_sevs] = prv_xstrdup(id);
				a->sevs[a->nr_sevs++] = sev;
			}
		}
		git_config_iterator_free(it);
	}
	git_config_free(cfg);
	return ret;
}

static void args_release(struct reply_args *a)
{
	size_t i;

	for (i = 0; i < a->nr_disabled; i++)
		free(a->disabled[i]);
	for (i = 0; i < a->nr_sevs; i++)
		free(a->sev_ids[i]);
	for (i = 0; i < a->nr_rules; i++)
		free(a->rules[i]);
	free(a->sources);
}

/* The reviewer: --from, else user.name and user.email from git config. */
static int reviewer(struct prv_person *out, struct prv_arena *ar,
		    const char *from)
{
	char *name = NULL, *email = NULL;
	int ret;

	if (from) {
		if (prv_address_parse(out, ar, from, strlen(from)) ||
		    !strchr(out->email, '@'))
			return prv_error(PRV_EUSAGE,
					 "--from wants \"Name <email>\", not "
					 "'%s'",
					 from);
		return 0;
	}
	ret = prv_gitconfig_get_string(&email, "user.email");
	if (ret == PRV_ENOTFOUND || (!ret && !*email)) {
		free(email);
		return prv_error(PRV_EIO, "no reviewer address: set "
					  "user.email in git config or give "
					  "--from=\"Name <email>\"");
	}
	if (ret)
		return ret;
	if (prv_gitconfig_get_string(&name, "user.name"))
		name = NULL;
	out->email = prv_arena_strdup(ar, email);
	out->name = prv_arena_strdup(ar, name ? name : "");
	free(name);
	free(email);
	return 0;
}

int cmd_reply(int argc, char **argv, const struct prv_global_opts *g)
{
	struct reply_args a;
	struct prv_check_opts opts = PRV_CHECK_OPTS_INIT;
	struct prv_source_opts sopts = PRV_SOURCE_OPTS_INIT;
	struct prv_reply_opts ropts;
	struct prv_ruleset rules;
	struct prv_input in;
	struct prv_report r;
	struct prv_arena ar = PRV_ARENA_INIT;
	struct prv_buf out = PRV_BUF_INIT;
	char *config_profile = NULL;
	const char *profile;
	size_t i, nr = 0;
	int ret, code = 0;

	git_libgit2_init();
	memset(&a, 0, sizeof(a));
	memset(&ropts, 0, sizeof(ropts));
	prv_ruleset_init(&rules);
	prv_input_init(&in);
	prv_report_init(&r);

	ret = parse_args(&a, argc, argv);
	if (ret) {
		code = prv_cmd_error(2, "%s", prv_error_last());
		prv_cmd_usage("reply", 1);
		goto out;
	}
	ret = reviewer(&ropts.from, &ar, a.from);
	if (ret) {
		code = prv_cmd_error(prv_error_exit_code(ret), "%s",
				     prv_error_last());
		goto out;
	}
	ropts.now = (long long)time(NULL);
	ropts.all = a.all;
	ropts.context = PRV_REPLY_CONTEXT_DEFAULT;

	if (prv_gitconfig_get_string(&config_profile, "prereview.profile"))
		config_profile = NULL;
	profile = a.profile ? a.profile : config_profile;
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
	ret = read_check_config(&a);
	if (ret) {
		code = prv_cmd_error(2, "%s", prv_error_last());
		goto out;
	}
	opts.disabled = (const char **)a.disabled;
	opts.nr_disabled = a.nr_disabled;
	opts.sev_ids = (const char **)a.sev_ids;
	opts.sevs = a.sevs;
	opts.nr_sevs = a.nr_sevs;
	ret = prv_ruleset_add_default(&rules);
	for (i = 0; !ret && i < a.nr_rules; i++)
		ret = prv_ruleset_add_file(&rules, a.rules[i]);
	if (ret) {
		code = prv_cmd_error(3, "%s", prv_error_last());
		goto out;
	}
	opts.rules = &rules;

	sopts.lore_url = g->lore_url ? g->lore_url : PRV_LORE_URL_DEFAULT;
	sopts.quiet = g->verbosity < 0;
	for (i = 0; i < a.nr_sources; i++) {
		ret = prv_source_add(&in, a.sources[i], &sopts);
		if (ret) {
			code = prv_cmd_error(prv_error_exit_code(ret), "%s",
					     prv_error_last());
			goto out;
		}
	}
	ret = prv_series_assemble(&in);
	if (ret) {
		code = prv_cmd_error(3, "%s", prv_error_last());
		goto out;
	}
	if (!in.nr_series) {
		code = prv_cmd_error(3, "no patch series in the input");
		goto out;
	}
	ret = prv_checks_run(&r, &in, &opts);
	if (ret) {
		code = prv_cmd_error(3, "%s", prv_error_last());
		goto out;
	}
	ret = prv_reply_build(&out, &r, &ropts, &nr);
	if (ret) {
		code = prv_cmd_error(3, "could not write the replies: %s",
				     prv_error_last());
		goto out;
	}
	if (a.output && strcmp(a.output, "-")) {
		ret = prv_write_file_atomic(a.output, out.data, out.len);
		if (ret) {
			code = prv_cmd_error(3, "%s", prv_error_last());
			goto out;
		}
	} else if (fwrite(out.data, 1, out.len, stdout) != out.len ||
		   fflush(stdout)) {
		code = prv_cmd_error(3, "could not write the replies");
		goto out;
	}
	if (!nr && g->verbosity >= 0)
		fprintf(stderr, "prereview: no findings, no reply written "
				"(--all replies to every patch)\n");
	else if (g->verbosity >= 0 && a.output && strcmp(a.output, "-"))
		fprintf(stderr, "prereview: %zu %s written to '%s'\n", nr,
			nr == 1 ? "reply" : "replies", a.output);
	code = prv_report_count(&r, PRV_SEV_FAIL) ? 1 : 0;
out:
	free(config_profile);
	args_release(&a);
	prv_buf_release(&out);
	prv_arena_release(&ar);
	prv_report_release(&r);
	prv_input_release(&in);
	prv_ruleset_release(&rules);
	git_libgit2_shutdown();
	return code;
}
