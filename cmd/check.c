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
#include "core/b4track.h"
#include "core/buf.h"
#include "core/check.h"
#include "core/error.h"
#include "core/json.h"
#include "core/lore.h"
#include "core/repo.h"
#include "core/report.h"
#include "core/rulefile.h"
#include "core/source.h"
#include "core/util.h"

struct check_args {
	enum prv_report_format format;
	const char *lore_url; /* --lore-url after the subcommand */
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
		} else if ((v = prv_cmd_opt_value(arg, "--lore-url", &i, argc,
						  argv))) {
			a->lore_url = v;
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

/*
 * b4's series check command: the cover letter alone on stdin. The series
 * is fetched from lore by the cover's Message-ID (with b4's tracking data
 * when B4_TRACKING_FILE names it) and the cover from stdin merged in.
 */
struct b4_series {
	struct prv_arena arena; /* the tracking data's strings */
	struct prv_mail *cover; /* the mail from stdin */
	struct prv_b4track track;
	bool tracked; /* B4_TRACKING_FILE was read */
	bool fetched;
	char *fetch_error; /* why the series could not be fetched */
	char *repo_dir; /* the current directory, used as the repository */
};

static bool is_cover_letter(const struct prv_mail *m)
{
	return m && !m->subj.is_reply && m->subj.is_patch &&
	       m->subj.has_counter && m->subj.index == 0 && m->subj.total >= 1;
}

static void b4_series_release(struct b4_series *b)
{
	prv_arena_release(&b->arena);
	free(b->fetch_error);
	free(b->repo_dir);
}

/* Fetch the thread of `msgid` (and its versions) into `in`. */
static int fetch_thread(struct prv_input *in, const char *msgid,
			const struct prv_source_opts *sopts)
{
	struct prv_buf arg = PRV_BUF_INIT;
	int ret;

	prv_buf_addf(&arg, "<%s>", msgid);
	ret = prv_lore_add_source(in, arg.data, sopts);
	prv_buf_release(&arg);
	return ret;
}

/*
 * Read the tracking data and fetch the series. Returns 0 when the check
 * goes on (b->fetched says whether the series is there), or an exit code.
 */
static int b4_series_prepare(struct b4_series *b, struct prv_input *in,
			     const struct prv_source_opts *sopts)
{
	const char *track = getenv(PRV_B4TRACK_ENV);
	size_t i;
	int ret;

	b->cover = in->mails[0];
	if (track && *track) {
		ret = prv_b4track_read(&b->track, &b->arena, track);
		if (ret)
			return prv_cmd_error(3, "%s (%s)", prv_error_last(),
					     PRV_B4TRACK_ENV);
		b->tracked = true;
	}
	/* The cover's own Message-ID first, else the one b4 knows. */
	if (b->cover->message_id_missing && b->track.cover_msgid) {
		b->cover->message_id = b->track.cover_msgid;
		b->cover->message_id_missing = false;
	}
	/*
	 * A thread whose cover lore lacks (or that has none to find it by)
	 * is found by one of its patches: the cover from stdin still stands
	 * for it.
	 */
	ret = PRV_ENOTFOUND;
	if (!b->cover->message_id_missing)
		ret = fetch_thread(in, b->cover->message_id, sopts);
	for (i = 0;
	     ret == PRV_ENOTFOUND && i < b->track.nr_patch_msgids && i < 3; i++)
		ret = fetch_thread(in, b->track.patch_msgids[i], sopts);
	if (ret && b->cover->message_id_missing && !b->track.nr_patch_msgids) {
		b->fetch_error = prv_xstrdup(
			"the cover letter has no Message-ID to find its "
			"series by");
		return 0;
	}
	if (ret) {
		b->fetch_error = prv_xstrdup(prv_error_last());
		return 0;
	}
	b->fetched = true;
	return 0;
}

/*
 * Keep the series of the cover and its versions up to the cover's: b4
 * reviews that version, even when lore holds a newer one.
 */
static void b4_series_narrow(struct b4_series *b, struct prv_input *in)
{
	size_t s, v, found_s = 0, found_v = 0;
	bool found = false;

	for (s = 0; s < in->nr_series && !found; s++)
		for (v = 0; v < in->series[s].nr_versions && !found; v++)
			if (in->series[s].versions[v].cover == b->cover) {
				found = true;
				found_s = s;
				found_v = v;
			}
	if (!found)
		return;
	for (s = 0; s < in->nr_series; s++)
		if (s != found_s)
			in->series[s].nr_versions = 0;
	in->series[found_s].nr_versions = found_v + 1;
}

/*
 * --format=b4 when the series could not be fetched: one warn item saying
 * so, with the checks of the cover letter alone in its details.
 */
static void render_b4_unfetched(struct prv_buf *out, const struct b4_series *b,
				const struct prv_report *r)
{
	struct prv_render_opts plain = PRV_RENDER_OPTS_INIT;
	struct prv_buf d = PRV_BUF_INIT, u = PRV_BUF_INIT;
	struct prv_json j;

	prv_buf_addf(&d, "%s\n\n", b->fetch_error);
	prv_report_render(&d, r, PRV_FORMAT_TEXT, &plain);
	prv_json_init(&j, out, false);
	prv_json_array(&j);
	prv_json_object(&j);
	prv_json_kv_str(&j, "tool", "prereview");
	prv_json_kv_str(&j, "status",
			prv_report_count(r, PRV_SEV_FAIL) ? "fail" : "warn");
	prv_json_kv_str(&j, "summary",
			"series not fetched from lore: only the cover letter "
			"was checked");
	prv_json_key(&j, "url");
	if (!b->cover->message_id_missing) {
		prv_buf_addf(&u, "https://lore.kernel.org/r/%s",
			     b->cover->message_id);
		prv_json_str(&j, u.data);
	} else {
		prv_json_null(&j);
	}
	prv_json_kv_str(&j, "details", d.data);
	prv_json_end(&j);
	prv_json_end(&j);
	prv_buf_addch(out, '\n');
	prv_buf_release(&d);
	prv_buf_release(&u);
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
	struct b4_series b4;
	const char *stdin_only[] = { "-" };
	double t0 = now_ms(), t1, t2, t3;
	bool from_stdin, series_mode = false;
	int ret, code = 0;
	size_t i;

	/* One libgit2 reference for the whole command: every init reads the
	 * system's certificates, so nested init/shutdown pairs must be cheap.
	 */
	git_libgit2_init();
	memset(&a, 0, sizeof(a));
	memset(&b4, 0, sizeof(b4));
	prv_arena_init(&b4.arena);
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
	if (a.repo) {
		opts.repo = a.repo;
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
	sopts.lore_url = a.lore_url ? a.lore_url : g->lore_url;
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
	from_stdin = !a.nr_sources ||
		     (a.nr_sources == 1 && !strcmp(a.sources[0], "-"));
	/*
	 * b4's series protocol: the cover letter alone on stdin. The
	 * checkpatch lines are for b4's per-patch commands (am, prep), which
	 * never review a series.
	 */
	if (from_stdin && in.nr_mails == 1 &&
	    a.format != PRV_FORMAT_CHECKPATCH && is_cover_letter(in.mails[0])) {
		series_mode = true;
		code = b4_series_prepare(&b4, &in, &sopts);
		if (code)
			goto out;
		if (!b4.fetched && a.format != PRV_FORMAT_B4) {
			code = prv_cmd_error(3,
					     "could not fetch the series of "
					     "the cover letter: %s",
					     b4.fetch_error);
			goto out;
		}
		if (!b4.fetched)
			prv_cmd_warning(g,
					"%s; only the cover letter was "
					"checked",
					b4.fetch_error);
		if (b4.tracked) {
			opts.base_commit = b4.track.base_commit;
			opts.expected_msgids = b4.track.patch_msgids;
			opts.nr_expected_msgids = b4.track.nr_patch_msgids;
		}
	}
	/*
	 * b4 runs its check commands at the top of the repository: with its
	 * tracking data and no repository named, the current directory is
	 * the repository when it is one.
	 */
	if (!a.repo && series_mode && b4.tracked) {
		char *cwd = getcwd(NULL, 0);

		if (cwd && !prv_repo_open(&repo, cwd)) {
			b4.repo_dir = cwd;
			opts.repo = cwd;
			opts.repo_handle = repo;
		} else {
			if (g->verbosity > 0)
				fprintf(stderr,
					"prereview: the current directory is "
					"not a git repository: no repository "
					"checks\n");
			free(cwd);
			prv_error_clear();
		}
	}
	/* b4's per-patch protocol: one message on stdin */
	opts.single_patch = in.nr_mails == 1 && from_stdin;
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
	if (series_mode && b4.fetched)
		b4_series_narrow(&b4, &in);
	t2 = now_ms();
	ret = prv_checks_run(&r, &in, &opts);
	t3 = now_ms();
	if (ret) {
		code = prv_cmd_error(3, "%s", prv_error_last());
		goto out;
	}
	ropts.color = a.format == PRV_FORMAT_TEXT && prv_cmd_use_color(g, 1);
	ropts.b4_series = series_mode;
	if (series_mode && !b4.fetched)
		render_b4_unfetched(&out, &b4, &r);
	else
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
	b4_series_release(&b4);
	args_release(&a);
	git_libgit2_shutdown();
	return code;
}
