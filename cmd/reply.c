// SPDX-License-Identifier: GPL-2.0-or-later
/* prereview reply: review a series and write the notes as reply mails. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
		} else if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
			prv_cmd_usage("reply", 0);
			exit(0);
		} else if (!strcmp(arg, "-o") || !strcmp(arg, "--output") ||
			   !strcmp(arg, "--format") || !strcmp(arg, "--from")) {
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
	struct prv_reply_opts ropts;
	struct prv_report *r = &a.run.report;
	struct prv_arena ar = PRV_ARENA_INIT;
	struct prv_buf out = PRV_BUF_INIT;
	size_t nr = 0;
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

	code = prv_pipeline_run(&a.run, g);
	if (code)
		goto out;
	ret = prv_reply_build(&out, r, &ropts, &nr);
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
	if (!nr && g->verbosity >= 0 && a.output && strcmp(a.output, "-"))
		/* the file is emptied: no stale replies from an earlier run */
		fprintf(stderr,
			"prereview: no findings, '%s' is left empty (--all "
			"replies to every patch)\n",
			a.output);
	else if (!nr && g->verbosity >= 0)
		fprintf(stderr, "prereview: no findings, no reply written "
				"(--all replies to every patch)\n");
	else if (g->verbosity >= 0 && a.output && strcmp(a.output, "-"))
		fprintf(stderr, "prereview: %zu %s written to '%s'\n", nr,
			nr == 1 ? "reply" : "replies", a.output);
	code = prv_report_count(r, PRV_SEV_FAIL) ? 1 : 0;
out:
	prv_pipeline_release(&a.run);
	prv_buf_release(&out);
	prv_arena_release(&ar);
	return code;
}
