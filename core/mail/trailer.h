/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_TRAILER_H
#define PRV_TRAILER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/base/arena.h"

/*
 * Trailers with git interpret-trailers' block rule: the last paragraph of a
 * commit message is the trailer block if every non-blank line is
 * "Token: value", or if it has a git-generated line (Signed-off-by: ,
 * "(cherry picked from commit ") and at least 25% trailer lines. Lines that
 * start with white space continue the previous trailer (unfolded with one
 * space). The title paragraph never holds trailers.
 */

struct prv_trailer {
	const char *key; /* as written, e.g. "Reviewed-by" */
	const char *value; /* trimmed, continuation lines joined */
	size_t line; /* 0-based line index in the message of its first line */
	bool is_trailer; /* false for a non-trailer line kept in the block */
};

/*
 * Find the trailer block of `message` (the commit message without its
 * title, as git mailinfo writes it) and parse it. *out is an arena array of
 * *nr entries (only lines that are trailers unless `keep_other`).
 * *block_start receives the byte offset of the block (len if none); may be
 * NULL. Returns 0.
 */
int prv_trailers_parse(struct prv_trailer **out, size_t *nr,
		       size_t *block_start, struct prv_arena *a,
		       const char *message, size_t len, bool keep_other);

/*
 * Trailer lines given in a reply (review tags), read as b4 reads
 * follow-ups: every unquoted line of `body` (quoted "> " lines skipped)
 * up to a "-- " signature or a patch of the replier's own ("---",
 * "diff --git") that reads "Token: value" with an address in the value
 * (Reviewed-by, Acked-by, Tested-by, Reported-by, Suggested-by,
 * Co-developed-by, Signed-off-by, Cc...) or a token among Fixes, Link,
 * BugLink, Obsoleted-by, Assisted-by (AGENT:MODEL [TOOLS], no address);
 * values holding a URL are not taken. Appends to
 * *out (arena array of *nr). Returns 0.
 */
int prv_trailers_from_reply(struct prv_trailer **out, size_t *nr,
			    struct prv_arena *a, const char *body, size_t len);

/* True if `key` (len bytes) is a well-formed trailer token. */
bool prv_trailer_token_ok(const char *key, size_t len);

/* Case-insensitive key comparison ("Signed-off-by" vs "signed-off-by"). */
bool prv_trailer_is(const struct prv_trailer *t, const char *key);

/*
 * True if trailer key `key` (any case) names a person: Reviewed-by,
 * Acked-by, Tested-by, Signed-off-by, Co-developed-by, Suggested-by,
 * Reported-by, Nacked-by. The one list of them.
 */
bool prv_trailer_key_is_person(const char *key);

/*
 * The review tags (Reviewed-by, Acked-by, Tested-by): @key in its usual
 * spelling, NULL for any other key.
 */
const char *prv_trailer_review_key(const char *key);

#endif
