// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "cmd/config.h"
#include "core/base/buf.h"
#include "core/base/error.h"
#include "core/base/util.h"
#include "core/report/seriesjson.h"
#include "core/report/seriestext.h"
#include "core/series/series.h"
#include "core/series/source.h"

/*
 * prereview show: every series of the SOURCEs, as one compact screen each
 * (text) or as the prereview-series/1 JSON document. Every input error
 * happens while the sources are read and assembled, before the first byte
 * of the report: the text report (core/report/seriestext.c) is then built
 * in memory and written at once, the JSON one (core/report/seriesjson.c,
 * tens of MB for a big mailbox) is streamed out in chunks.
 */

#define SHOW_OUTPUT_MAX ((size_t)2 << 30)

struct show_opts {
	enum prv_report_format format; /* text or JSON */
};

/* The command */

/*
 * Options and SOURCEs: options may come before or after SOURCEs, as in
 * git. 0 to go on, 1 after --help (done), else the exit code of the usage
 * error.
 */
static int parse_args(struct show_opts *o, struct prv_source_opts *sopts,
		      const char **sources, int *nr_sources, int argc,
		      char **argv)
{
	int i, rc;
	bool dashdash = false;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (dashdash || a[0] != '-' || !strcmp(a, "-")) {
			sources[(*nr_sources)++] = a;
		} else if (!strcmp(a, "--")) {
			dashdash = true;
		} else if (!strcmp(a, "--no-versions")) {
			sopts->versions = false;
		} else if (!strcmp(a, "--offline")) {
			sopts->lore.offline = true;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			prv_cmd_usage("show", 0);
			return 1;
		} else if (!strncmp(a, "--format=", 9)) {
			if ((rc = prv_cmd_text_or_json("show", a + 9,
						       &o->format)))
				return rc;
		} else if (!strcmp(a, "--format")) {
			if (i + 1 >= argc)
				return prv_cmd_usage_error(
					"show", "'%s' needs a value", a);
			if ((rc = prv_cmd_text_or_json("show", argv[++i],
						       &o->format)))
				return rc;
		} else {
			return prv_cmd_usage_error("show",
						   "unknown option '%s'", a);
		}
	}
	if (!*nr_sources)
		return prv_cmd_usage_error("show", "%s", "no SOURCE given");
	if (prv_source_check_args(sources, (size_t)*nr_sources))
		return prv_cmd_usage_error("show", "%s", prv_error_last());
	return 0;
}

/* Read the SOURCEs into `in` and assemble it; 0 or the exit code. */
static int read_input(struct prv_input *in, const char **sources,
		      int nr_sources, const struct prv_source_opts *sopts)
{
	int err;

	err = prv_source_add_all(in, sources, (size_t)nr_sources, sopts, NULL);
	if (err < 0)
		return prv_cmd_error(prv_error_exit_code(err), "%s",
				     prv_error_last());
	err = prv_series_assemble(in);
	if (err < 0)
		return prv_cmd_error(prv_error_exit_code(err), "%s",
				     prv_error_last());
	return 0;
}

/* Render the report of `in` in `o->format` and write it to stdout. */
static int write_report(const struct show_opts *o, const struct prv_input *in)
{
	struct prv_buf out = PRV_BUF_INIT;
	int rc = 0;

	out.max = SHOW_OUTPUT_MAX;
	if (o->format == PRV_FORMAT_JSON) {
		if (prv_seriesjson_stream(stdout, &out, in))
			rc = prv_cmd_error(3, "could not write the report");
	} else {
		prv_seriestext_write(&out, in);
		if (out.len + 4096 >= out.max)
			rc = prv_cmd_error(3,
					   "the report is larger than %zu MiB",
					   out.max >> 20);
		else if (fwrite(out.data, 1, out.len, stdout) != out.len ||
			 fflush(stdout))
			rc = prv_cmd_error(3, "could not write the report");
	}
	prv_buf_release(&out);
	return rc;
}

/* -v: why the versions of each series are one series, on stderr. */
static void explain_joins(const struct prv_input *in)
{
	size_t s, i;

	for (s = 0; s < in->nr_series; s++) {
		const struct prv_series *se = &in->series[s];

		for (i = 1; i < se->nr_versions; i++)
			prv_cmd_note("'%s': v%s joins v%s: %s",
				     se->title ? se->title : "",
				     prv_version_name(&se->versions[i]),
				     prv_version_name(&se->versions[i - 1]),
				     se->versions[i].joined_by ?
					     se->versions[i].joined_by :
					     "same series");
	}
}

int cmd_show(int argc, char **argv, const struct prv_global_opts *g)
{
	struct show_opts o = { .format = PRV_FORMAT_TEXT };
	struct prv_source_opts sopts = PRV_SOURCE_OPTS_INIT;
	struct prv_input in;
	const char **sources;
	char *url;
	int nr_sources = 0, rc;

	sources = prv_xcalloc(argc, sizeof(*sources));
	rc = parse_args(&o, &sopts, sources, &nr_sources, argc, argv);
	if (rc) {
		free(sources);
		return rc == 1 ? 0 : rc;
	}
	prv_config_sources(&sopts, &url, g->lore_url, g->max_input_size);
	sopts.lore.quiet = g->verbosity < 0;
	prv_input_init(&in);
	rc = read_input(&in, sources, nr_sources, &sopts);
	if (!rc && g->verbosity > 0)
		explain_joins(&in);
	if (!rc)
		rc = write_report(&o, &in);
	prv_input_release(&in);
	free(url);
	free(sources);
	return rc;
}
