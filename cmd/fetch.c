// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "cmd/config.h"
#include "core/base/buf.h"
#include "core/base/error.h"
#include "core/series/source.h"

/*
 * prereview fetch [-o FILE] [--versions | --single] [--offline] MSGID|URL
 *
 * The whole answer is built in memory before anything is written, so a
 * failed fetch leaves no partial output; -o FILE is replaced atomically.
 */
int cmd_fetch(int argc, char **argv, const struct prv_global_opts *g)
{
	struct prv_source_opts opts = PRV_SOURCE_OPTS_INIT;
	const char *output = "-", *arg = NULL;
	char *data = NULL, *url;
	size_t len;
	bool single = false;
	int i, err;

	opts.versions = false;
	opts.lore.quiet = g->verbosity < 0;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			prv_cmd_usage("fetch", 0);
			return 0;
		} else if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
			if (++i >= argc)
				return prv_cmd_error(
					2, "'%s' needs a file name", a);
			output = argv[i];
		} else if (!strncmp(a, "--output=", 9)) {
			output = a + 9;
		} else if (!strcmp(a, "--single")) {
			single = true;
		} else if (!strcmp(a, "--versions")) {
			opts.versions = true;
		} else if (!strcmp(a, "--no-versions")) {
			opts.versions = false;
		} else if (!strcmp(a, "--offline")) {
			opts.lore.offline = true;
		} else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
			opts.lore.quiet = true;
		} else if (!strcmp(a, "--")) {
			if (i + 1 < argc && !arg)
				arg = argv[++i];
			if (i + 1 < argc) {
				prv_cmd_error(2,
					      "one MSGID or URL only, not "
					      "also '%s'",
					      argv[i + 1]);
				goto usage;
			}
		} else if (a[0] == '-' && a[1]) {
			prv_cmd_error(2, "unknown option '%s'", a);
			goto usage;
		} else if (arg) {
			prv_cmd_error(2, "one MSGID or URL only, not also '%s'",
				      a);
			goto usage;
		} else {
			arg = a;
		}
	}
	if (!arg) {
		prv_cmd_error(2, "no MSGID or URL given");
		goto usage;
	}
	if (!*output)
		return prv_cmd_error(2, "empty output file name");
	if (single && opts.versions)
		return prv_cmd_error(2, "--single and --versions exclude "
					"each other");
	prv_config_sources(&opts, &url, g->lore_url, g->max_input_size);
	err = prv_lore_source_mbox(&data, &len, arg, &opts, single);
	if (!err)
		err = prv_write_file_atomic(output, data, len);
	free(data);
	free(url);
	if (err)
		return prv_cmd_error(prv_error_exit_code(err), "%s",
				     prv_error_last());
	return 0;
usage:
	prv_cmd_usage("fetch", 1);
	return 2;
}
