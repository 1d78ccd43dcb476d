/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_WARN_H
#define PRV_WARN_H

#include <stddef.h>

#include "core/base/arena.h"

/*
 * Malformed input is never fatal: parsers note what they tolerated here and
 * go on. The notes end up in the `warnings` of the JSON output and at the
 * bottom of the text output. docs/leniencies.md lists every such leniency.
 */

struct prv_warning {
	const char *source; /* input name, e.g. "v2.mbox"; may be NULL */
	const char *message_id; /* without <>, or NULL when not known yet */
	const char *text;
};

struct prv_warnings {
	struct prv_arena *arena; /* owns the strings; borrowed */
	struct prv_warning *items;
	size_t nr, alloc;
	size_t max; /* further warnings are counted in `dropped` only */
	size_t dropped;
};

#define PRV_WARNINGS_MAX_DEFAULT 10000

/* Set up a collector whose strings live in `arena`. */
void prv_warnings_init(struct prv_warnings *w, struct prv_arena *arena);
/* Free the array (the strings belong to the arena). */
void prv_warnings_release(struct prv_warnings *w);
/*
 * Move the warnings of `src` to the end of `dst`, in order, under dst's
 * cap; the strings stay in src's arena, which must live as long as dst's.
 * `src` is left empty.
 */
void prv_warnings_append(struct prv_warnings *dst, struct prv_warnings *src);

/* Add a warning; any argument but `w` and `fmt` may be NULL. */
void prv_warn(struct prv_warnings *w, const char *source,
	      const char *message_id, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif
