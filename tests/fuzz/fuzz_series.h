/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_FUZZ_SERIES_H
#define PRV_FUZZ_SERIES_H

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/config.h"
#include "core/check/rulefile.h"
#include "core/series/series.h"

/* Helpers of the targets that read a series and run the checks. */

#define FUZZ_SOURCES_MAX 4

/*
 * Add `data` to `in` as up to FUZZ_SOURCES_MAX SOURCEs, cut at each
 * "\n\f\n", so that merging inputs is fuzzed too.
 */
static void fuzz_input_split(struct prv_input *in, const uint8_t *data,
			     size_t size)
{
	size_t off = 0;
	int n;

	for (n = 0; n < FUZZ_SOURCES_MAX && off <= size; n++) {
		const uint8_t *cut = NULL;
		size_t len;
		char *buf;

		if (n < FUZZ_SOURCES_MAX - 1)
			cut = memmem(data + off, size - off, "\n\f\n", 3);
		len = cut ? (size_t)(cut - (data + off)) : size - off;
		buf = malloc(len ? len : 1);
		if (!buf)
			break;
		memcpy(buf, data + off, len);
		/* Not mail at all is an error for that source alone. */
		prv_input_add_buffer(in, buf, len, "fuzz");
		if (!cut)
			break;
		off += len + 3;
	}
}

/* The rules of the source tree, loaded once; NULL if they do not load. */
static const struct prv_ruleset *shipped_rules(void)
{
	static struct prv_ruleset rs;
	static int state; /* 0 not tried, 1 loaded, -1 failed */
	struct dirent *de;
	DIR *dir;

	if (state)
		return state > 0 ? &rs : NULL;
	state = -1;
	prv_ruleset_init(&rs);
	dir = opendir(PRV_SRC_RULESDIR);
	if (!dir)
		return NULL;
	while ((de = readdir(dir))) {
		size_t n = strlen(de->d_name);
		char path[4096];

		if (n < 6 || strcmp(de->d_name + n - 6, ".rules"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", PRV_SRC_RULESDIR,
			 de->d_name);
		if (prv_ruleset_add_file(&rs, path))
			abort(); /* the shipped rules must load */
	}
	closedir(dir);
	state = 1;
	return &rs;
}

#endif
