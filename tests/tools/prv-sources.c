// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * prv-sources: read SOURCEs as the commands do (core/source) and print the
 * series assembled from them, for tests of the SOURCE path (lore fetches
 * included) before and apart from the commands' own output.
 *
 *   prv-sources [--no-versions] [--offline] [--lore-url=URL] SOURCE...
 *	one line per version: "<title> v<N>: <patches>/<expected>
 *	[cover]", then "mails: <count>".
 */
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/config.h"
#include "core/base/error.h"
#include "core/series/series.h"
#include "core/series/source.h"

int main(int argc, char **argv)
{
	struct prv_source_opts opts = PRV_SOURCE_OPTS_INIT;
	struct prv_input in;
	const char *lore_url = NULL;
	char *url;
	size_t i, j;
	int err = 0, a;

	git_libgit2_init(); /* lore reads git config */
	prv_input_init(&in);
	for (a = 1; a < argc; a++)
		if (!strncmp(argv[a], "--lore-url=", 11))
			lore_url = argv[a] + 11;
	prv_config_lore(&opts.lore, &url, lore_url);
	opts.lore.quiet = true;
	for (a = 1; a < argc && !err; a++) {
		if (!strcmp(argv[a], "--no-versions"))
			opts.versions = false;
		else if (!strcmp(argv[a], "--offline"))
			opts.lore.offline = true;
		else if (strncmp(argv[a], "--lore-url=", 11))
			err = prv_source_add(&in, argv[a], &opts);
	}
	free(url);
	if (!err)
		err = prv_series_assemble(&in);
	if (err) {
		fprintf(stderr, "prv-sources: error: %s\n", prv_error_last());
		prv_input_release(&in);
		return 3;
	}
	for (i = 0; i < in.nr_series; i++) {
		const struct prv_series *s = &in.series[i];

		for (j = 0; j < s->nr_versions; j++) {
			const struct prv_version *v = &s->versions[j];

			printf("%s v%d: %zu/%d%s\n", s->title, v->version,
			       v->nr_patches, v->expected,
			       v->cover ? " cover" : "");
		}
	}
	printf("mails: %zu\n", in.nr_mails);
	prv_input_release(&in);
	return 0;
}
