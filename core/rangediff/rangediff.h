/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_RANGEDIFF_H
#define PRV_RANGEDIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "core/base/buf.h"
#include "core/mail/mail.h"
#include "core/series/series.h"

/*
 * git range-diff from mail: each patch is normalised into one text (author,
 * commit message, one " ## path ##" section per file, hunk headers without
 * line numbers), patches with identical diff parts are paired first, the
 * rest by a minimum-cost assignment where the cost of a pair is the size
 * of the diff between their diff parts and creating or dropping a patch
 * costs its own size times the creation factor.
 */

#define PRV_CREATION_FACTOR_DEFAULT 60

/* What differs in a `!` pair (bits of prv_rangediff_pair.changed). */
enum prv_rd_change {
	PRV_RD_MESSAGE = 1 << 0, /* title or message outside the trailers */
	PRV_RD_TRAILERS = 1 << 1, /* the trailer block */
	PRV_RD_DIFF = 1 << 2, /* the code: diff sections */
	PRV_RD_FILES = 1 << 3, /* the set of file sections */
	PRV_RD_AUTHOR = 1 << 4, /* the Author line of the metadata */
	/*
	 * Only context lines or hunk-header function names moved: the
	 * added and removed lines are the same (a rebase, not a code change;
	 * never with PRV_RD_DIFF).
	 */
	PRV_RD_CONTEXT = 1 << 5,
};

struct prv_rangediff_opts {
	int creation_factor; /* percent */
	bool no_patch; /* do not build inner diffs */
	/*
	 * Past the cap on the number of patches (or of a normalised text),
	 * pair by diff, title and position instead of failing: the checks
	 * still want the pairs of a huge version, git's costs or not.
	 */
	bool fallback;
};

#define PRV_RANGEDIFF_OPTS_INIT                                 \
	{                                                       \
		.creation_factor = PRV_CREATION_FACTOR_DEFAULT, \
		.no_patch = false, .fallback = false,           \
	}

/*
 * One line of the range-diff. `old` and `new` are the patch numbers k of
 * k/N, 0 when that side is absent. Status as in git range-diff:
 *   '=' identical (author, message and diff),
 *   '!' changed (see `changed`),
 *   '<' only in the old version (dropped),
 *   '>' only in the new version (added).
 */
struct prv_rangediff_pair {
	int old, new;
	char status;
	unsigned changed; /* enum prv_rd_change bits, 0 unless '!' */
	/*
	 * For PRV_RD_DIFF: how much the code changed, the lines of the diff
	 * between the two patches' added and removed lines.
	 */
	int lines_added, lines_removed;
	/*
	 * Kept together because title and author are the same (each title
	 * unique in its version), although rewritten past the creation
	 * factor: git would show one dropped and one added patch.
	 */
	bool rewritten;
	/*
	 * For PRV_RD_DIFF: every added and removed line that differs between
	 * the two is a comment (a C block or line comment, a shell "# ...").
	 */
	bool comments_only;
	const struct prv_patch *old_patch, *new_patch; /* NULL when absent */
	char old_id[8], new_id[8]; /* short stable patch-id, "" when absent */
	/*
	 * For '!': the diff of the two normalised texts, hunk headers
	 * reduced to their section ("@@ Metadata", "@@ Commit message",
	 * "@@ path: func"), lines not indented. "" otherwise or with
	 * opts.no_patch. NUL-terminated, owned by the prv_rangediff.
	 */
	char *inner_diff;
	size_t inner_diff_len;
};

struct prv_rangediff {
	struct prv_rangediff_pair *pairs; /* in git range-diff's order */
	size_t nr_pairs;
	int old_version, new_version;
	size_t nr_equal, nr_changed, nr_added, nr_dropped;
	bool filled_in; /* the new version has patches filled in */
	int width; /* field width of the patch numbers in text output */
};

void prv_rangediff_init(struct prv_rangediff *rd);
void prv_rangediff_release(struct prv_rangediff *rd);

/*
 * Compare two versions. Patches without a diff take part like the others
 * (their diff part is empty). Returns 0, PRV_EUSAGE on a bad option, or
 * PRV_ENOMEM when a normalised text or the number of patches passes its
 * cap (unless opts->fallback); `out` is then empty.
 * `out` must be released with prv_rangediff_release() in every case.
 */
int prv_rangediff_versions(struct prv_rangediff *out,
			   const struct prv_version *old,
			   const struct prv_version *new,
			   const struct prv_rangediff_opts *opts);

/*
 * The same over two arrays of mails; `old_index` / `new_index` give the
 * patch numbers (NULL: 1, 2, 3...). The pairs' *_patch fields are NULL.
 */
int prv_rangediff_mails(struct prv_rangediff *out,
			const struct prv_mail *const *old, const int *old_index,
			size_t nr_old, const struct prv_mail *const *new,
			const int *new_index, size_t nr_new,
			const struct prv_rangediff_opts *opts);

/*
 * Normalise one patch as git range-diff does (appended to `out`).
 * *diff_offset receives the offset where the diff part starts (out->len
 * at the end when there is no diff) and *diffsize its number of lines.
 * Either may be NULL. Returns 0 or PRV_ENOMEM.
 */
int prv_rangediff_normalize(struct prv_buf *out, size_t *diff_offset,
			    int *diffsize, const struct prv_mail *m);

/*
 * "message", "trailers", "diff", "context", "files", "author" for one
 * bit.
 */
const char *prv_rangediff_change_name(unsigned bit);
/* Every bit of enum prv_rd_change, in the order to print them. */
extern const unsigned prv_rangediff_change_bits[6];

#endif
