// SPDX-License-Identifier: GPL-2.0-or-later
/* prereview reply: review a series and write the notes as reply mails. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd/pipeline.h"
#include "cmd/cmd.h"
#include "core/mail/address.h"
#include "core/base/buf.h"
#include "core/base/error.h"
#include "cmd/config.h"
#include "core/report/reply.h"
#include "core/report/report.h"
#include "core/base/util.h"

struct reply_args {
	struct prv_pipeline run; /* as 'prereview check' runs it */
	const char *output;
	const char *from;
	bool all;
	int version; /* --version N: reply to version N; 0 the latest */
};

static int parse_args(struct reply_args *a, int argc, char **argv)
{
	const char *v;
	int i, ret;

	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];

		if ((ret = prv_pipeline_arg(&a->run, &i, argc, argv))) {
			if (ret < 0)
				return ret;
		} else if ((v = prv_cmd_opt_value(arg, "-o", &i, argc, argv)) ||
			   (v = prv_cmd_opt_value(arg, "--output", &i, argc,
						  argv))) {
			if (!*v)
				return prv_error(PRV_EUSAGE,
						 "empty output file name");
			a->output = v;
		} else if ((v = prv_cmd_opt_value(arg, "--format", &i, argc,
						  argv))) {
			if (strcmp(v, "mbox"))
				return prv_error(PRV_EUSAGE,
						 "unknown reply format '%s' "
						 "(mbox)",
						 v);
		} else if ((v = prv_cmd_opt_value(arg, "--from", &i, argc,
						  argv))) {
			a->from = v;
		} else if (!strcmp(arg, "--all")) {
			a->all = true;
		} else if ((v = prv_cmd_opt_value(arg, "--version", &i, argc,
						  argv))) {
			char *end;
			long n = strtol(v, &end, 10);

			if (!*v || *end || n < 1 || n > 999)
				return prv_error(PRV_EUSAGE,
						 "--version wants a version "
						 "number, not '%s'",
						 v);
			a->version = (int)n;
		} else if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
			prv_cmd_usage("reply", 0);
			exit(0);
		} else if (!strcmp(arg, "-o") || !strcmp(arg, "--output") ||
			   !strcmp(arg, "--format") || !strcmp(arg, "--from") ||
			   !strcmp(arg, "--version")) {
			return prv_error(PRV_EUSAGE, "'%s' needs a value", arg);
		} else {
			return prv_error(PRV_EUSAGE, "unknown option '%s'",
					 arg);
		}
	}
	if (!a->run.nr_sources)
		return prv_error(PRV_EUSAGE, "no SOURCE given");
	return 0;
}

/*
 * The sign-off ending every reply: prereview.signature (empty: none),
 * else the reviewer's name. In `ar`.
 */
static const char *signature(struct prv_arena *ar,
			     const struct prv_person *reviewer)
{
	char *sig = NULL;
	const char *out;

	if (prv_config_signature(&sig))
		return reviewer->name;
	out = prv_arena_strdup(ar, sig);
	free(sig);
	return out;
}

/*
 * --version N: keep version N of every series that has one, as the latest
 * (the one checked and answered, compared with the one before it), and
 * drop the series without it. The series and versions live in the input's
 * arena, so nothing is freed here.
 */
static int keep_version(struct prv_input *in, int version)
{
	size_t s, k = 0, v;

	for (s = 0; s < in->nr_series; s++) {
		struct prv_series *se = &in->series[s];

		for (v = 0; v < se->nr_versions; v++)
			if (se->versions[v].version == version)
				break;
		if (v == se->nr_versions)
			continue;
		se->nr_versions = v + 1;
		in->series[k++] = *se;
	}
	in->nr_series = k;
	if (!k)
		return prv_error(PRV_EIO, "no series has a version %d",
				 version);
	return 0;
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

/* A directory of replies being written, one file per mail. */
struct reply_dir {
	const char *dir;
	size_t alone; /* replies to the sender alone */
	struct prv_arena *a;
	char **written; /* arena array, to take back on failure */
	size_t nr, alloc;
};

/* Whether `-o PATH` asks for a directory: an existing one, or a '/' last. */
static bool wants_dir(const char *path)
{
	struct stat st;
	size_t len = strlen(path);

	return (len && path[len - 1] == '/') ||
	       (!stat(path, &st) && S_ISDIR(st.st_mode));
}

/*
 * Make `dir` (its last component only) or take an existing empty one: git
 * send-email sends every file of a directory, so replies from an earlier
 * run, or anything else, must not be there.
 */
static int open_reply_dir(const char *dir)
{
	struct dirent *de;
	DIR *d;

	if (!mkdir(dir, 0777))
		return 0;
	if (errno != EEXIST)
		return prv_error(PRV_EIO, "cannot create '%s': %s", dir,
				 strerror(errno));
	d = opendir(dir);
	if (!d)
		return prv_error(PRV_EIO, "cannot read '%s': %s", dir,
				 strerror(errno));
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			break;
	closedir(d);
	if (de)
		return prv_error(PRV_EIO,
				 "'%s' is not empty: the replies go to a new "
				 "or empty directory",
				 dir);
	return 0;
}

static int write_reply_file(const struct prv_reply_mail *rm, void *payload)
{
	struct reply_dir *rd = payload;
	size_t len = strlen(rd->dir);
	char *path = prv_arena_printf(rd->a, "%s%s%s", rd->dir,
				      len && rd->dir[len - 1] == '/' ? "" : "/",
				      prv_reply_file_name(rd->a, rm->serial,
							  rm->orig));
	int ret = prv_write_file_atomic(path, rm->text, rm->len);

	if (ret)
		return ret;
	rd->alone += !rm->nr_cc;
	PRV_ARENA_GROW(rd->a, rd->written, rd->nr + 1, rd->alloc);
	rd->written[rd->nr++] = path;
	return 0;
}

/* One file per reply in `dir`; none at all when one cannot be written. */
static int write_reply_dir(const char *dir, const struct prv_report *r,
			   const struct prv_reply_opts *ropts,
			   struct prv_arena *a, size_t *nr, size_t *alone)
{
	struct reply_dir rd = { .dir = dir, .a = a };
	int ret = open_reply_dir(dir);

	if (ret)
		return ret;
	ret = prv_reply_each(r, ropts, write_reply_file, &rd, nr);
	if (ret) {
		char *msg = prv_arena_strdup(a, prv_error_last());

		while (rd.nr)
			unlink(rd.written[--rd.nr]);
		return prv_error(ret, "could not write the replies: %s", msg);
	}
	*alone = rd.alone;
	return 0;
}

struct reply_mbox {
	struct prv_buf out;
	size_t alone; /* replies to the sender alone */
};

static int append_reply(const struct prv_reply_mail *rm, void *payload)
{
	struct reply_mbox *rb = payload;

	rb->alone += !rm->nr_cc;
	return prv_reply_mboxrd_append(&rb->out, rm->text, rm->len);
}

/* The whole mbox to FILE (atomically) or stdout. */
static int write_reply_mbox(const char *output, const struct prv_report *r,
			    const struct prv_reply_opts *ropts, size_t *nr,
			    size_t *alone)
{
	struct reply_mbox rb = { .out = PRV_BUF_INIT };
	struct prv_buf *out = &rb.out;
	int ret = prv_reply_each(r, ropts, append_reply, &rb, nr);

	if (ret)
		ret = prv_error(ret, "could not write the replies: %s",
				prv_error_last());
	else if (output && strcmp(output, "-"))
		ret = prv_write_file_atomic(output, out->data, out->len);
	else if (fwrite(out->data, 1, out->len, stdout) != out->len ||
		 fflush(stdout))
		ret = prv_error(PRV_EIO, "could not write the replies");
	*alone = rb.alone;
	prv_buf_release(out);
	return ret;
}

/* What was written, on stderr. */
static void say_written(const char *output, size_t nr, size_t alone)
{
	if (alone)
		fprintf(stderr,
			"prereview: %zu %s only to the sender: the mail "
			"answered names no one else in To or Cc (a 'b4 am' .mbx keeps "
			"neither); reply to the lore thread to keep the "
			"list\n",
			alone, alone == 1 ? "reply goes" : "replies go");
	bool file = output && strcmp(output, "-");

	if (!nr && file)
		/* emptied: no stale replies from an earlier run */
		fprintf(stderr,
			"prereview: no findings, '%s' is left empty (--all "
			"replies to every patch)\n",
			output);
	else if (!nr)
		fprintf(stderr, "prereview: no findings, no reply written "
				"(--all replies to every patch)\n");
	else if (file)
		fprintf(stderr, "prereview: %zu %s written to '%s'\n", nr,
			nr == 1 ? "reply" : "replies", output);
}

int cmd_reply(int argc, char **argv, const struct prv_global_opts *g)
{
	struct reply_args a;
	struct prv_reply_opts ropts;
	struct prv_report *r = &a.run.report;
	struct prv_arena ar = PRV_ARENA_INIT;
	size_t nr = 0, alone = 0;
	bool dir = false;
	int ret, code = 0;

	memset(&a, 0, sizeof(a));
	memset(&ropts, 0, sizeof(ropts));
	prv_pipeline_init(&a.run);

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
	ropts.signature = signature(&ar, &ropts.from);

	code = prv_pipeline_read(&a.run, g);
	if (!code)
		code = prv_pipeline_assemble(&a.run);
	if (!code && a.version && keep_version(&a.run.in, a.version))
		code = prv_cmd_error(3, "%s", prv_error_last());
	if (!code)
		code = prv_pipeline_checks(&a.run, g);
	if (code)
		goto out;
	dir = a.output && strcmp(a.output, "-") && wants_dir(a.output);
	ret = dir ? write_reply_dir(a.output, r, &ropts, &ar, &nr, &alone) :
		    write_reply_mbox(a.output, r, &ropts, &nr, &alone);
	if (ret) {
		code = prv_cmd_error(3, "%s", prv_error_last());
		goto out;
	}
	if (g->verbosity >= 0)
		say_written(a.output, nr, alone);
	code = prv_report_count(r, PRV_SEV_FAIL) ? 1 : 0;
out:
	prv_pipeline_release(&a.run);
	prv_arena_release(&ar);
	return code;
}
