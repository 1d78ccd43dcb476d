/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_CHECK_COMMENTS_H
#define PRV_CHECK_COMMENTS_H

#include <stddef.h>

#include "core/base/arena.h"
#include "core/check/changelog.h"
#include "core/rangediff/rangediff.h"
#include "core/series/comment.h"

/*
 * The status of the review comments on one version in the next one
 * (core/series/comment.h finds them). In this order, the first that holds:
 *
 *   dropped   the range-diff pairs the patch with none of the next version;
 *   changed   the anchored hunk's added and removed lines are no longer in
 *             the paired patch's file (or the file is gone), the quoted
 *             message line is gone, or, for a comment on the whole patch,
 *             its code or message changed;
 *   credited  a changelog item of the next version names the reviewer
 *             (full name, first or last name, or address) and is about the
 *             patch (in its notes, naming it, sharing a key word with the
 *             comment, or the reviewer commented on that patch alone), or
 *             shares two key words with the comment;
 *   answered  the author replied to the comment's mail quoting it (or
 *             quoting none of that mail's comments) and the reviewer did
 *             not reply to that answer;
 *   open      nothing of the above.
 *
 * Comments on the last version are `pending`.
 */

struct prv_comments_judge {
	const struct prv_series *series;
	const struct prv_version *old; /* the version commented on */
	const struct prv_version *new; /* the next one, NULL: pending */
	const struct prv_rangediff_pair *pairs; /* old against new */
	size_t nr_pairs;
	const struct prv_changelog *changelog; /* of new, or NULL */
};

/* Set the status and evidence of every comment of `c` (strings in `a`). */
void prv_comments_judge(struct prv_comments *c, struct prv_arena *a,
			const struct prv_comments_judge *j);

/*
 * Whether text s (len bytes) names the person: the full name, a part of it
 * capitalised as written ("(Jakub)", "per Sitnicki", "from Ido"), or the
 * address's local part. The one reader of a reviewer named in a changelog.
 */
bool prv_comment_names_person(const char *s, size_t len,
			      const struct prv_person *who);

#endif
