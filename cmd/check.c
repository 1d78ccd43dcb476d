// SPDX-License-Identifier: GPL-2.0-or-later
/* prereview check: review a series and print the checklist. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd/checkconf.h"
#include "cmd/cmd.h"
#include "core/series/b4track.h"
#include "core/base/buf.h"
#include "core/base/error.h"
#include "core/base/json.h"
#include "core/lore/lore.h"
#include "core/check/repo.h"
#include "core/report/report.h"
#include "core/base/util.h"

struct check_args {
	enum prv_report_format format;
	struct prv_checkrun run;
};

static int parse_args(struct check_args *a, int argc, char **argv)
{
	int i, ret;
	const char *v;

	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];

		if ((ret = prv_checkrun_arg(&a->run, &i, argc, argv))) {
			if (ret < 0)
				return ret;
		} else if ((v = prv_cmd_opt_value(arg, "--format", &i, argc,
						  argv))) {
			if (prv_report_format_parse(&a->format, v))
				return PRV_EUSAGE;
		} else if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
			prv_cmd_usage("check", 0);
			exit(0);
		} else if (!strcmp(arg, "--format")) {
			return prv_error(PRV_EUSAGE, "'%s' needs a value", arg);
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
 * Whether version `v` is the one of the cover from stdin: it holds that
 * cover, else (when lore's copy of the cover won over one without a
 * Message-ID) it has the cover's version and one of the patches b4 named.
 */
static bool is_covers_version(const struct b4_series *b,
			      const struct prv_version *v, bool by_patches)
{
	size_t i, k;

	if (!by_patches)
		return v->cover == b->cover;
	if (v->version != b->cover->subj.version)
		return false;
	for (i = 0; i < v->nr_patches; i++) {
		const struct prv_mail *m = v->patches[i].mail;

		for (k = 0; m && k < b->track.nr_patch_msgids; k++)
			if (m->message_id &&
			    !strcmp(m->message_id, b->track.patch_msgids[k]))
				return true;
	}
	return false;
}

/*
 * Keep the series of the cover and its versions up to the cover's: b4
 * reviews that version, even when lore holds a newer one.
 */
static void b4_series_narrow(struct b4_series *b, struct prv_input *in,
			     const struct prv_global_opts *g)
{
	size_t s, v, found_s = 0, found_v = 0, pass;
	bool found = false;

	for (pass = 0; pass < 2 && !found; pass++)
		for (s = 0; s < in->nr_series && !found; s++)
			for (v = 0; v < in->series[s].nr_versions && !found;
			     v++)
				if (is_covers_version(
					    b, &in->series[s].versions[v],
					    pass)) {
					found = true;
					found_s = s;
					found_v = v;
				}
	if (!found) {
		if (g->verbosity > 0)
			fprintf(stderr,
				"prereview: the cover letter's version "
				"was not found among the series fetched: "
				"all of them are checked\n");
		return;
	}
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
				const struct prv_report *r,
				const struct prv_render_opts *opts)
{
	struct prv_render_opts plain = PRV_RENDER_OPTS_INIT;
	struct prv_buf d = PRV_BUF_INIT;
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
	prv_report_b4_url(&j, opts->lore_url,
			  b->cover->message_id_missing ? NULL :
							 b->cover->message_id);
	prv_json_kv_str(&j, "details", d.data);
	prv_json_end(&j);
	prv_json_end(&j);
	prv_buf_addch(out, '\n');
	prv_buf_release(&d);
}

int cmd_check(int argc, char **argv, const struct prv_global_opts *g)
{
	struct check_args a;
	struct prv_render_opts ropts = PRV_RENDER_OPTS_INIT;
	struct prv_report *r = &a.run.report;
	struct prv_check_opts *opts = &a.run.opts;
	struct prv_input *in = &a.run.in;
	struct prv_buf out = PRV_BUF_INIT;
	struct timespec ts0, ts1;
	struct b4_series b4;
	bool series_mode = false;
	int ret, code = 0;

	memset(&a, 0, sizeof(a));
	memset(&b4, 0, sizeof(b4));
	prv_arena_init(&b4.arena);
	prv_checkrun_init(&a.run);
	a.run.stdin_patch = true;

	ret = parse_args(&a, argc, argv);
	if (ret) {
		code = prv_cmd_usage_error("check", "%s", prv_error_last());
		goto out;
	}
	/* b4's check commands give one message on stdin. */
	if (!a.run.nr_sources && isatty(0)) {
		code = prv_cmd_usage_error(
			"check", "no SOURCE given, and no mail on stdin");
		goto out;
	}
	code = prv_checkrun_read(&a.run, g);
	if (code)
		goto out;
	/*
	 * b4's series protocol: the cover letter alone on stdin. The
	 * checkpatch lines are for b4's per-patch commands (am, prep), which
	 * never review a series.
	 */
	if (prv_checkrun_from_stdin(&a.run) && in->nr_mails == 1 &&
	    a.format != PRV_FORMAT_CHECKPATCH &&
	    is_cover_letter(in->mails[0])) {
		series_mode = true;
		code = b4_series_prepare(&b4, in, &a.run.sopts);
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
		/* the series is there now: not one patch alone */
		opts->single_patch = in->nr_mails == 1;
		if (b4.tracked) {
			opts->base_commit = b4.track.base_commit;
			opts->expected_msgids = b4.track.patch_msgids;
			opts->nr_expected_msgids = b4.track.nr_patch_msgids;
		}
	}
	/*
	 * b4 runs its check commands at the top of the repository: with its
	 * tracking data and no repository named, the current directory is
	 * the repository when it is one.
	 */
	if (!a.run.repo && series_mode && b4.tracked) {
		char *cwd = getcwd(NULL, 0);

		if (cwd && !prv_repo_open(&a.run.repo, cwd)) {
			b4.repo_dir = cwd;
			opts->repo = cwd;
			opts->repo_handle = a.run.repo;
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
	code = prv_checkrun_assemble(&a.run);
	if (code)
		goto out;
	if (series_mode && b4.fetched)
		b4_series_narrow(&b4, in, g);
	code = prv_checkrun_checks(&a.run, g);
	if (code)
		goto out;
	clock_gettime(CLOCK_MONOTONIC, &ts0);
	ropts.color = a.format == PRV_FORMAT_TEXT && prv_cmd_use_color(g, 1);
	ropts.b4_series = series_mode;
	ropts.lore_url = a.run.lore_url;
	ret = 0;
	if (series_mode && !b4.fetched)
		render_b4_unfetched(&out, &b4, r, &ropts);
	else
		ret = prv_report_render(&out, r, a.format, &ropts);
	if (ret) {
		code = prv_cmd_error(3, "%s", prv_error_last());
		goto out;
	}
	if (fwrite(out.data, 1, out.len, stdout) != out.len || fflush(stdout)) {
		code = prv_cmd_error(3, "could not write the report");
		goto out;
	}
	code = prv_report_count(r, PRV_SEV_FAIL) ? 1 : 0;
	if (g->verbosity > 0) {
		clock_gettime(CLOCK_MONOTONIC, &ts1);
		fprintf(stderr,
			"prereview: %zu mails, %zu series: read %.1f ms, "
			"assemble %.1f ms, checks %.1f ms, report %.1f ms\n",
			in->nr_mails, in->nr_series, a.run.ms_read,
			a.run.ms_assemble, a.run.ms_checks,
			(ts1.tv_sec - ts0.tv_sec) * 1e3 +
				(ts1.tv_nsec - ts0.tv_nsec) / 1e6);
	}
out:
	prv_buf_release(&out);
	prv_checkrun_release(&a.run);
	b4_series_release(&b4);
	return code;
}
