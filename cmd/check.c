// SPDX-License-Identifier: GPL-2.0-or-later
/* prereview check: review a series and print the checklist. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd/checkconf.h"
#include "cmd/cmd.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/report.h"
#include "core/util.h"

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
		} else {
			return prv_error(PRV_EUSAGE, "unknown option '%s'",
					 arg);
		}
	}
	return 0;
}

int cmd_check(int argc, char **argv, const struct prv_global_opts *g)
{
	struct check_args a;
	struct prv_render_opts ropts = PRV_RENDER_OPTS_INIT;
	struct prv_report *r = &a.run.report;
	struct prv_buf out = PRV_BUF_INIT;
	struct timespec ts0, ts1;
	int ret, code = 0;

	memset(&a, 0, sizeof(a));
	prv_checkrun_init(&a.run);
	a.run.stdin_patch = true;

	ret = parse_args(&a, argc, argv);
	if (ret) {
		code = prv_cmd_error(2, "%s", prv_error_last());
		prv_cmd_usage("check", 1);
		goto out;
	}
	/* b4's check commands give one message on stdin. */
	if (!a.run.nr_sources && isatty(0)) {
		prv_cmd_usage("check", 1);
		code = 2;
		goto out;
	}
	code = prv_checkrun_run(&a.run, g);
	if (code)
		goto out;
	clock_gettime(CLOCK_MONOTONIC, &ts0);
	ropts.color = a.format == PRV_FORMAT_TEXT && prv_cmd_use_color(g, 1);
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
			a.run.in.nr_mails, a.run.in.nr_series, a.run.ms_read,
			a.run.ms_assemble, a.run.ms_checks,
			(ts1.tv_sec - ts0.tv_sec) * 1e3 +
				(ts1.tv_nsec - ts0.tv_nsec) / 1e6);
	}
out:
	prv_buf_release(&out);
	prv_checkrun_release(&a.run);
	return code;
}
