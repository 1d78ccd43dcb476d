/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_RDRENDER_H
#define PRV_RDRENDER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/base/buf.h"
#include "core/rangediff/rangediff.h"
#include "core/series/series.h"

/*
 * The range-diff rendered: prereview diff's text (the form of git
 * range-diff) and its prereview-rangediff/1 JSON document (DESIGN.md),
 * and the one-line summaries of prereview show.
 */

/* One comparison to render: two versions of a series and their pairs. */
struct prv_rdrender_cmp {
	const struct prv_series *series;
	const struct prv_version *old, *new;
	struct prv_rangediff rd; /* owned: prv_rangediff_release() it */
};

struct prv_rdrender_opts {
	bool color; /* text: git range-diff's ANSI colours */
	bool no_patch; /* pairs only, no inner diffs */
};

/*
 * The `nr` comparisons of `cmp` as text, appended to `out`: the pair
 * lines and inner diffs, each comparison after a "vN -> vM: <summary>"
 * head line when there are several.
 */
void prv_rdrender_text(struct prv_buf *out, const struct prv_rdrender_cmp *cmp,
		       size_t nr, const struct prv_rdrender_opts *o);

/*
 * The prereview-rangediff/1 document of the `nr` comparisons, appended to
 * `out`: one comparison is the documented object; with several, the same
 * keys for the last one and "diffs" with every one in order.
 */
void prv_rdrender_json(struct prv_buf *out, const struct prv_rdrender_cmp *cmp,
		       size_t nr, const struct prv_rdrender_opts *o);

/*
 * A one-line summary such as "1 unchanged, 2 changed, 1 new, 1 dropped"
 * (counts that are zero are left out; "no patches" when there is no
 * pair), appended to `out`.
 */
void prv_rdrender_summary(struct prv_buf *out, const struct prv_rangediff *rd);

/*
 * For `prereview show`: append "vs v2: 2 changed, 1 new, 1 dropped" for
 * `new` against the version before it (pairs only, no inner diffs).
 * Returns 0, or the error of prv_rangediff_versions() (nothing appended).
 */
int prv_rdrender_summary_line(struct prv_buf *out,
			      const struct prv_version *old,
			      const struct prv_version *new);

#endif
