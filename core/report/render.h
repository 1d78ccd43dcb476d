/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_RENDER_H
#define PRV_RENDER_H

#include <stdbool.h>

#include "core/base/buf.h"
#include "core/report/report.h"

/*
 * The review report rendered: text, Markdown, JSON (prereview-report/1),
 * checkpatch lines or b4's check-cmd JSON array (DESIGN.md).
 */

enum prv_report_format {
	PRV_FORMAT_TEXT,
	PRV_FORMAT_MARKDOWN,
	PRV_FORMAT_JSON,
	PRV_FORMAT_CHECKPATCH,
	PRV_FORMAT_B4,
};

/* Parse a --format value; PRV_EUSAGE when unknown. */
int prv_report_format_parse(enum prv_report_format *out, const char *s);

struct prv_render_opts {
	bool color; /* ANSI colours (text only) */
	int width; /* columns for the text format, 80 by default */
	/*
	 * b4 format: one item per series (b4's review-series-check-cmd shows
	 * one line per tool) instead of one per finding: the counts as
	 * summary, the text checklist as details.
	 */
	bool b4_series;
	/* lore base of the b4 items' links (--lore-url); NULL: lore.kernel.org
	 */
	const char *lore_url;
	/*
	 * b4 format, per patch: a line added to the details of every item
	 * (what was not checked, and why), or NULL.
	 */
	const char *b4_note;
	/*
	 * How messages are linked, a b4 mask with one "%s" for the
	 * message-id (b4.linkmask), or NULL: their lore page under lore_url.
	 */
	const char *link_mask;
};

#define PRV_RENDER_OPTS_INIT                                         \
	{                                                            \
		.color = false, .width = 80, .b4_series = false,     \
		.lore_url = NULL, .b4_note = NULL, .link_mask = NULL \
	}

/* Render the report in `fmt` into `out`. */
int prv_report_render(struct prv_buf *out, const struct prv_report *r,
		      enum prv_report_format fmt,
		      const struct prv_render_opts *opts);

/*
 * b4's review-series-check-cmd when the series could not be fetched from
 * lore: one item saying so, "fail" when the cover letter alone has a
 * failing finding, else "warn", linking `cover_msgid` (NULL: no link),
 * with `why` and the text checklist of the cover letter in its details.
 * A report of no series (nothing came to check) says nothing was.
 */
void prv_report_render_b4_unfetched(struct prv_buf *out,
				    const struct prv_report *r, const char *why,
				    const char *cover_msgid,
				    const struct prv_render_opts *opts);

#endif
