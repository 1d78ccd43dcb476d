/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_SOURCE_H
#define PRV_SOURCE_H

#include <stdbool.h>

#include "core/base/gzip.h"
#include "core/series/series.h"

/*
 * Reading a SOURCE argument into an input: an mbox file (mboxrd, mboxo,
 * format-patch), a .gz of one (what lore's t.mbox.gz is), a single message
 * (.eml, .patch), a directory of format-patch files (sorted by name), "-"
 * for stdin, or a message-id / lore URL fetched from lore.
 */

#define PRV_SOURCE_MAX_DEFAULT ((size_t)1 << 30) /* 1 GiB per file */

struct prv_source_opts {
	const char *lore_url; /* base, e.g. https://lore.kernel.org/all */
	bool versions; /* fetch other versions from lore too */
	bool offline; /* lore cache only */
	bool quiet;
	size_t max_size;
};

#define PRV_SOURCE_OPTS_INIT                                     \
	{                                                        \
		NULL, true, false, false, PRV_SOURCE_MAX_DEFAULT \
	}

/* What kind of SOURCE an argument is. */
enum prv_source_kind {
	PRV_SOURCE_FILE,
	PRV_SOURCE_DIR,
	PRV_SOURCE_STDIN,
	PRV_SOURCE_MSGID, /* "<id>" or "id@host" that is not a file */
	PRV_SOURCE_URL, /* http:// or https:// */
};

enum prv_source_kind prv_source_kind(const char *arg);

/*
 * Read one SOURCE into `in`. Returns 0, or a negative code with a message
 * naming the source (PRV_EIO unreadable, PRV_EPARSE not mail, PRV_ENET).
 */
int prv_source_add(struct prv_input *in, const char *arg,
		   const struct prv_source_opts *opts);

#endif
