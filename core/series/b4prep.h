/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_B4PREP_H
#define PRV_B4PREP_H

#include <stddef.h>

#include "core/series/series.h"

/*
 * A `b4 prep` branch as a SOURCE: the series as `b4 send` would send it,
 * read from the repository (read-only, libgit2) before it is sent.
 *
 * b4 prep keeps the cover letter in an empty commit at the start of the
 * branch (or at its tip), its message holding the cover text, then the
 * line "--- b4-submit-tracking ---", comment lines and a JSON object:
 * {"series": {"revision": 2, "change-id": "...", "prefixes": ["net"],
 * "base-branch": "main", "history": {"v1": ["<cover msgid>"]}}}. Each
 * version sent is kept as an annotated tag "sent/<change-id>-vN" (b4
 * 0.12: "sent/<branch without b4/>-vN") on the series as sent, its
 * message the cover letter with "base-commit:" and "change-id:" lines.
 *
 * The branch gives one mail per commit, numbered 1/N..N/N whatever their
 * authors (merges left out, as git format-patch does), sent by the cover
 * commit's author with the commit's author in an in-body From: when they
 * differ, the prefixes and the revision in the subjects, and the cover
 * letter as 0/N (for one patch b4 puts its text under the --- line). Each
 * earlier version a sent tag holds is read the same way, so the series
 * has its versions to compare.
 */

#define PRV_B4PREP_COMMITS_MAX 1000 /* commits walked to find the cover */

struct prv_b4prep_opts {
	const char *repo_dir; /* where to look for the repository */
	const char *branch; /* NULL: the current branch */
	long long now; /* the date of the mails of the current version */
};

struct prv_b4prep {
	const char *branch; /* its short name ("b4/foo") */
	const char *change_id;
	int revision;
	size_t nr_patches;
	const char *base; /* hex id of the commit the series applies on */
	const char *sent[8]; /* the sent tags read, oldest first */
	size_t nr_sent;
};

/*
 * Read the b4 prep branch into `in` (strings in in->arena). Returns 0, or
 * PRV_EIO (no repository), PRV_ENOTFOUND (no such branch, not on one),
 * PRV_EPARSE (no cover letter commit, bad tracking data), with a message
 * naming the branch.
 */
int prv_b4prep_add(struct prv_input *in, const struct prv_b4prep_opts *o,
		   struct prv_b4prep *out);

#endif
