/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_SERIESJSON_H
#define PRV_SERIESJSON_H

#include <stdbool.h>
#include <stdio.h>

#include "core/base/json.h"
#include "core/series/series.h"

/*
 * A series as the JSON object of the contracts (DESIGN.md): one entry of
 * "series" in prereview-series/1 (prereview show --format=json) and,
 * without bodies, the "series" of prereview-report/1 (prereview check
 * --format=json).
 *
 * Without bodies, a message has no "message", "notes", "diff" or
 * "review_trailers", a patch no "filled_in" or "replies", a version only
 * its form and mails (no "missing", "partial", "date", "thread_root",
 * "cover_replies", "duplicates"), the series no "author"; and the mail
 * fields are written as parsed, without the fallbacks of the full form
 * (author and title of the patch part, no date for the epoch itself).
 */

struct prv_seriesjson_opts {
	bool bodies; /* the full prereview-series/1 form */
	/* called after each patch is written (to stream the output), or NULL */
	void (*flush)(struct prv_json *j, void *data);
	void *flush_data;
};

/* Append series `s` as one JSON object value to `j`. */
void prv_seriesjson_write(struct prv_json *j, const struct prv_series *s,
			  const struct prv_seriesjson_opts *o);

/*
 * The whole prereview-series/1 document of `in` (every series, then the
 * input warnings), compact on one line, streamed to `fp`: `out` is filled
 * to about 1 MiB, written out and emptied again, so a mailbox of tens of
 * MB never sits in memory as JSON. 0, or -1 when a write failed.
 */
int prv_seriesjson_stream(FILE *fp, struct prv_buf *out,
			  const struct prv_input *in);

#endif
