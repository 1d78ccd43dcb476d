// SPDX-License-Identifier: GPL-2.0-or-later
/* prereview check: review a series and print the checklist. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <git2.h>

#include "cmd/pipeline.h"
#include "cmd/cmd.h"
#include "cmd/config.h"
#include "core/series/b4track.h"
#include "core/base/buf.h"
#include "core/base/error.h"
#include "core/base/gitrepo.h"
#include "core/base/json.h"
#include "core/lore/lore.h"
#include "core/check/repo.h"
#include "core/report/render.h"
#include "core/report/report.h"
#include "core/base/util.h"

struct check_args {
	enum prv_report_format format;
	struct prv_pipeline run;
	char *link_mask; /* prv_config_link_mask(), once read */
	bool link_mask_read;
};

/*
 * --branch [NAME]: the one argument after it is the branch, not a SOURCE;
 * SOURCEs are not read with a branch.
 */
static int branch_args(struct prv_pipeline *run)
{
	if (!run->branch)
		return 0;
	if (run->nr_sources > 1 || (run->nr_sources && run->branch_name))
		return prv_error(PRV_EUSAGE,
				 "--branch reads the branch alone: no SOURCE "
				 "with it");
	if (run->nr_sources) {
		run->branch_name = run->sources[0];
		run->nr_sources = 0;
	}
	if (run->branch_name && !*run->branch_name)
		return prv_error(PRV_EUSAGE, "--branch= needs a name");
	return 0;
}

static int parse_args(struct check_args *a, int argc, char **argv)
{
	int i, ret;
	const char *v;

	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];

		if ((ret = prv_pipeline_arg(&a->run, &i, argc, argv))) {
			if (ret < 0)
				return ret;
		} else if ((v = prv_cmd_opt_value(arg, "--format", &i, argc,
						  argv))) {
			if (prv_report_format_parse(&a->format, v))
				return PRV_EUSAGE;
		} else if (!strcmp(arg, "--branch")) {
			a->run.branch = true;
		} else if (!strncmp(arg, "--branch=", 9)) {
			a->run.branch = true;
			a->run.branch_name = arg + 9;
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
	return branch_args(&a->run);
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
	bool active; /* the cover letter alone came on stdin */
	/*
	 * What came on stdin was not the cover (b4 pipes the last reply to
	 * the cover when the thread has one): the tracking data names it.
	 */
	bool from_track;
	bool done; /* the report is written: nothing to check */
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

/* The mail of `in` whose Message-ID is `msgid`, or NULL. */
static struct prv_mail *mail_by_id(const struct prv_input *in,
				   const char *msgid)
{
	size_t i;

	for (i = 0; i < in->nr_mails; i++)
		if (!in->mails[i]->message_id_missing &&
		    !strcmp(in->mails[i]->message_id, msgid))
			return in->mails[i];
	return NULL;
}

/*
 * The cover the tracking data names, fetched with its thread, stands for
 * the mail on stdin that is not the cover; 0 (b->fetched says whether it
 * was found) or an exit code.
 */
static int b4_track_prepare(struct b4_series *b, struct prv_input *in,
			    const struct prv_source_opts *sopts)
{
	const char *id = b->track.cover_msgid;
	int ret = fetch_thread(in, id, sopts);

	if (!ret && !(b->cover = mail_by_id(in, id)))
		ret = prv_error(PRV_ENOTFOUND,
				"the thread fetched has no message <%s>", id);
	if (ret) {
		b->fetch_error = prv_xstrdup(prv_error_last());
		return 0;
	}
	b->fetched = true;
	return 0;
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

	if (!b->tracked && track && *track) {
		ret = prv_b4track_read(&b->track, &b->arena, track);
		if (ret)
			return prv_cmd_error(3, "%s (%s)", prv_error_last(),
					     PRV_B4TRACK_ENV);
		b->tracked = true;
	}
	if (b->from_track)
		return b4_track_prepare(b, in, sopts);
	b->cover = in->mails[0];
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
 * How the report links messages: under the lore base given (--lore-url,
 * prereview.loreUrl), else by the mask of the configuration
 * (prereview.linkMask, b4.linkmask, b4.midmask), else on lore.kernel.org.
 * The mask is read once, into `a`.
 */
static void link_opts(struct prv_render_opts *o, struct check_args *a)
{
	o->lore_url = a->run.sopts.lore.url;
	if (o->lore_url && *o->lore_url)
		return;
	if (!a->link_mask_read)
		a->link_mask = prv_config_link_mask();
	a->link_mask_read = true;
	o->link_mask = a->link_mask;
}

/*
 * b4 review pipes the thread's last message of subject "0/N" as the
 * cover, a reply to the cover when there is one. A mail on stdin that is
 * neither a cover nor a patch, under tracking data that names the cover,
 * gives way to that cover (b4->from_track). 0, or the exit code of
 * unreadable tracking data.
 */
static int b4_track_fallback(struct b4_series *b, const struct prv_mail *m)
{
	const char *track = getenv(PRV_B4TRACK_ENV);

	if (!track || !*track || m->diff.nr_files)
		return 0;
	if (prv_b4track_read(&b->track, &b->arena, track))
		return prv_cmd_error(3, "%s (%s)", prv_error_last(),
				     PRV_B4TRACK_ENV);
	b->tracked = true;
	b->from_track = b->track.cover_msgid != NULL;
	return 0;
}

/*
 * The cover the tracking data names could not be fetched: b4 gets one
 * item saying so (nothing came to check), other formats an error.
 */
static int b4_track_unfetched(struct b4_series *b4, struct check_args *a,
			      const struct prv_global_opts *g)
{
	struct prv_render_opts ropts = PRV_RENDER_OPTS_INIT;
	struct prv_buf out = PRV_BUF_INIT;
	int code = 0;

	if (a->format != PRV_FORMAT_B4)
		return prv_cmd_error(3,
				     "could not fetch the series of the cover "
				     "letter %s names: %s",
				     PRV_B4TRACK_ENV, b4->fetch_error);
	prv_cmd_warning(g, "%s; nothing was checked", b4->fetch_error);
	link_opts(&ropts, a);
	prv_report_render_b4_unfetched(&out, &a->run.report, b4->fetch_error,
				       b4->track.cover_msgid, &ropts);
	if (fwrite(out.data, 1, out.len, stdout) != out.len || fflush(stdout))
		code = prv_cmd_error(3, "could not write the report");
	prv_buf_release(&out);
	b4->done = true;
	return code;
}

/*
 * b4's series protocol: the cover letter alone on stdin. The checkpatch
 * lines are for b4's per-patch commands (am, prep), which never review a
 * series. Fetches the series and sets the check options from b4's
 * tracking data; 0, or the exit code.
 */
static int b4_series_start(struct b4_series *b4, struct check_args *a,
			   const struct prv_global_opts *g)
{
	struct prv_check_opts *opts = &a->run.opts;
	struct prv_input *in = &a->run.in;
	int code;

	if (!prv_pipeline_from_stdin(&a->run) || in->nr_mails != 1 ||
	    a->format == PRV_FORMAT_CHECKPATCH)
		return 0;
	if (!is_cover_letter(in->mails[0])) {
		code = b4_track_fallback(b4, in->mails[0]);
		if (code || !b4->from_track)
			return code;
	}
	b4->active = true;
	code = b4_series_prepare(b4, in, &a->run.sopts);
	if (code)
		return code;
	if (!b4->fetched && b4->from_track)
		return b4_track_unfetched(b4, a, g);
	if (!b4->fetched && a->format != PRV_FORMAT_B4)
		return prv_cmd_error(3,
				     "could not fetch the series of the cover "
				     "letter: %s",
				     b4->fetch_error);
	if (!b4->fetched)
		prv_cmd_warning(g, "%s; only the cover letter was checked",
				b4->fetch_error);
	/* the series is there now: not one patch alone */
	opts->single_patch = in->nr_mails == 1;
	if (b4->tracked) {
		opts->base_commit = b4->track.base_commit;
		opts->expected_msgids = b4->track.patch_msgids;
		opts->nr_expected_msgids = b4->track.nr_patch_msgids;
	}
	return 0;
}

/*
 * b4 runs its check commands at the top of the repository: with its
 * tracking data and no repository named, the current directory is the
 * repository when it is one.
 */
static void b4_open_cwd_repo(struct b4_series *b4, struct prv_pipeline *run,
			     const struct prv_global_opts *g)
{
	char *cwd;

	if (run->repo || !b4->active || !b4->tracked)
		return;
	cwd = getcwd(NULL, 0);
	if (cwd && !prv_repo_open(&run->repo, cwd)) {
		b4->repo_dir = cwd;
		run->opts.repo = cwd;
		run->opts.repo_handle = run->repo;
		return;
	}
	if (g->verbosity > 0)
		fprintf(stderr, "prereview: the current directory is not a git "
				"repository: no repository checks\n");
	free(cwd);
	prv_error_clear();
}

#define PERPATCH_NO_REPO                                                    \
	"no repository: Fixes: targets, the base and whether the patch "    \
	"applies were not checked (set prereview.repo, or run in a kernel " \
	"tree)"

/* Whether `top`, a work tree, is a kernel tree, as b4 tells one. */
static bool is_kernel_tree(const char *top)
{
	struct prv_buf p = PRV_BUF_INIT;
	bool yes;

	prv_buf_addf(&p, "%s/MAINTAINERS", top);
	yes = !access(p.data, F_OK);
	prv_buf_reset(&p);
	prv_buf_addf(&p, "%s/scripts/checkpatch.pl", top);
	yes = yes && !access(p.data, F_OK);
	prv_buf_release(&p);
	return yes;
}

/*
 * b4's per-patch commands run at the top of the repository b4 works in:
 * one patch on stdin and no repository named (--repo, prereview.repo)
 * takes the repository around the current directory when it is a kernel
 * tree. Returns the note saying there is none, or NULL.
 */
static const char *perpatch_open_repo(struct prv_pipeline *run)
{
	git_repository *gr = NULL;
	struct prv_buf dir = PRV_BUF_INIT;
	const char *top;
	const char *note = PERPATCH_NO_REPO;

	if (run->repo || !run->lone_patch)
		return NULL;
	if (prv_git_open(&gr, ".")) {
		prv_error_clear();
		return note;
	}
	top = git_repository_workdir(gr);
	if (top) {
		/* "/path/to/linux/": named without its last slash */
		prv_buf_add(&dir, top, strlen(top));
		while (dir.len > 1 && dir.data[dir.len - 1] == '/')
			dir.data[--dir.len] = '\0';
	}
	if (top && is_kernel_tree(dir.data) &&
	    !prv_repo_open(&run->repo, dir.data)) {
		run->opts.repo = prv_repo_dir(run->repo);
		run->opts.repo_handle = run->repo;
		note = NULL;
	}
	prv_error_clear();
	prv_buf_release(&dir);
	git_repository_free(gr);
	return note;
}

/* Keep the version of the cover b4 gave, when the series was fetched. */
static void b4_series_narrow(const struct b4_series *b4, struct prv_input *in,
			     const struct prv_global_opts *g)
{
	if (b4->active && b4->fetched &&
	    !prv_b4track_narrow(in, b4->cover, &b4->track) && g->verbosity > 0)
		fprintf(stderr, "prereview: the cover letter's version was not "
				"found among the series fetched: all of them "
				"are checked\n");
}

static double ms_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (t1.tv_sec - t0->tv_sec) * 1e3 +
	       (t1.tv_nsec - t0->tv_nsec) / 1e6;
}

/*
 * Render the report and write it to stdout. Returns the exit code: 1 when
 * a finding fails, 0 when none does, 3 when the report cannot be written.
 */
static int write_report(struct check_args *a, const struct b4_series *b4,
			const char *note, const struct prv_global_opts *g)
{
	struct prv_render_opts ropts = PRV_RENDER_OPTS_INIT;
	const struct prv_report *r = &a->run.report;
	struct prv_buf out = PRV_BUF_INIT;
	struct timespec ts0;
	int code = 0;

	clock_gettime(CLOCK_MONOTONIC, &ts0);
	ropts.color = a->format == PRV_FORMAT_TEXT && prv_cmd_use_color(g, 1);
	ropts.b4_series = b4->active;
	link_opts(&ropts, a);
	ropts.b4_note = note;
	/* b4's per-patch commands take every line as a finding */
	if (note && a->format != PRV_FORMAT_B4 &&
	    a->format != PRV_FORMAT_CHECKPATCH && g->verbosity >= 0)
		fprintf(stderr, "prereview: %s\n", note);
	if (b4->active && !b4->fetched)
		prv_report_render_b4_unfetched(&out, r, b4->fetch_error,
					       b4->cover->message_id_missing ?
						       NULL :
						       b4->cover->message_id,
					       &ropts);
	else if (prv_report_render(&out, r, a->format, &ropts))
		code = prv_cmd_error(3, "%s", prv_error_last());
	if (!code &&
	    (fwrite(out.data, 1, out.len, stdout) != out.len || fflush(stdout)))
		code = prv_cmd_error(3, "could not write the report");
	prv_buf_release(&out);
	if (code)
		return code;
	if (g->verbosity > 0)
		fprintf(stderr,
			"prereview: %zu mails, %zu series: read %.1f ms, "
			"assemble %.1f ms, checks %.1f ms, report %.1f ms\n",
			a->run.in.nr_mails, a->run.in.nr_series, a->run.ms_read,
			a->run.ms_assemble, a->run.ms_checks, ms_since(&ts0));
	return prv_report_count(r, PRV_SEV_FAIL) ? 1 : 0;
}

int cmd_check(int argc, char **argv, const struct prv_global_opts *g)
{
	struct check_args a;
	struct b4_series b4;
	const char *note = NULL;
	int code;

	memset(&a, 0, sizeof(a));
	memset(&b4, 0, sizeof(b4));
	prv_arena_init(&b4.arena);
	prv_pipeline_init(&a.run);
	a.run.stdin_patch = true;

	if (parse_args(&a, argc, argv))
		code = prv_cmd_usage_error("check", "%s", prv_error_last());
	else if (!a.run.nr_sources && !a.run.branch && isatty(0))
		/* b4's check commands give one message on stdin. */
		code = prv_cmd_usage_error(
			"check", "no SOURCE given, and no mail on stdin");
	else
		code = prv_pipeline_read(&a.run, g);
	if (!code)
		code = b4_series_start(&b4, &a, g);
	if (!code && b4.done)
		goto out;
	if (!code) {
		b4_open_cwd_repo(&b4, &a.run, g);
		if (!b4.active)
			note = perpatch_open_repo(&a.run);
		code = prv_pipeline_assemble(&a.run);
	}
	if (!code) {
		b4_series_narrow(&b4, &a.run.in, g);
		code = prv_pipeline_checks(&a.run, g);
	}
	if (!code)
		code = write_report(&a, &b4, note, g);
out:
	prv_pipeline_release(&a.run);
	free(a.link_mask);
	b4_series_release(&b4);
	return code;
}
