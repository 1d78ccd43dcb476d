/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_SOURCE_H
#define PRV_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/base/buf.h"
#include "core/base/gzip.h"
#include "core/lore/lore.h"
#include "core/series/series.h"

/*
 * Reading a SOURCE argument into an input: an mbox file (mboxrd, mboxo,
 * format-patch), a .gz of one (what lore's t.mbox.gz is), a single message
 * (.eml, .patch), a directory of format-patch files (sorted by name), "-"
 * for stdin, or a message-id / lore URL fetched from lore.
 */

/*
 * The one cap on what a SOURCE may hold: a file, stdin or a FIFO read, a
 * .gz inflated, a lore answer inflated (lore.max_size: the same value).
 */
#define PRV_SOURCE_MAX_DEFAULT PRV_INPUT_MAX_DEFAULT

struct prv_source_opts {
	struct prv_lore_opts lore; /* message-ids and URLs */
	bool versions; /* fetch other versions from lore too */
	size_t max_size; /* per file, inflated */
};

#define PRV_SOURCE_OPTS_INIT                                  \
	{                                                     \
		.lore = PRV_LORE_OPTS_INIT, .versions = true, \
		.max_size = PRV_SOURCE_MAX_DEFAULT,           \
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

/*
 * Standard input as the first "-" read it, for a command that reads its
 * SOURCEs twice (diff fills a partial reroll in from OLD and NEW read as
 * one input): stdin has nothing left to give the second time.
 */
struct prv_source_stdin {
	struct prv_buf bytes;
	bool read;
};

#define PRV_SOURCE_STDIN_INIT                        \
	{                                            \
		.bytes = PRV_BUF_INIT, .read = false \
	}

void prv_source_stdin_release(struct prv_source_stdin *s);

/* PRV_EUSAGE, with that message, when "-" comes twice in `args`. */
int prv_source_check_args(const char *const *args, size_t nr);

/*
 * Read the `nr` SOURCEs of `args` into `in`, in order: the one way every
 * command reads its SOURCEs. "-" (stdin) may come once: PRV_EUSAGE
 * ("'-' (stdin) given twice") before anything is read. With `kept`, stdin
 * is read into it once and given again by later calls. Errors as
 * prv_source_add(), for the first SOURCE that fails.
 */
int prv_source_add_all(struct prv_input *in, const char *const *args, size_t nr,
		       const struct prv_source_opts *opts,
		       struct prv_source_stdin *kept);

/*
 * Fetch the thread of `arg` (message-id or URL), the cover letter and k/N
 * patches its series lack from lore's /all/ inbox (a few threads at most),
 * and, when opts->versions, the other versions of its series, adding every
 * mail to `in`. Errors name
 * what failed (404 with the base URL, DNS, connection, timeout, TLS) and
 * add nothing to `in`.
 */
int prv_lore_add_source(struct prv_input *in, const char *arg,
			const struct prv_source_opts *opts);

/*
 * What prv_lore_add_source() reads, for `prereview fetch`: one mboxrd
 * buffer (malloc'd) with each message once, as lore sent it, threads in
 * date order. With `single`, the one message `arg` names (lore's /raw).
 */
int prv_lore_source_mbox(char **out, size_t *out_len, const char *arg,
			 const struct prv_source_opts *opts, bool single);

#endif
