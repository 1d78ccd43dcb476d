/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_REPO_H
#define PRV_REPO_H

#include <stdbool.h>
#include <stddef.h>

/*
 * A git repository to check a series against (libgit2): commits looked up
 * by (short) id, patches applied in memory. Nothing is written to the
 * repository: its work tree, index and refs are not touched, and the trees
 * made while applying go to an in-memory object store dropped on free.
 *
 * The caller holds a git_libgit2_init() reference for the life of a
 * struct prv_repo.
 */

#define PRV_REPO_SUMMARY_MAX 512 /* bytes kept of a commit's summary */
#define PRV_REPO_REASON_MAX 512 /* bytes of an apply failure's reason */

struct prv_repo;

/*
 * Open the repository at `dir` (or around it, as git -C does). PRV_EIO
 * with "'<dir>' is not a git repository" when there is none.
 */
int prv_repo_open(struct prv_repo **out, const char *dir);
void prv_repo_free(struct prv_repo *r);

/* The directory it was opened as. */
const char *prv_repo_dir(const struct prv_repo *r);

enum prv_repo_lookup {
	PRV_REPO_FOUND,
	PRV_REPO_MISSING, /* no object with that id, or not a commit */
	PRV_REPO_AMBIGUOUS, /* a short id that names several objects */
};

/*
 * Look up the commit `rev`: a (short, 4 to 40 hex digits) commit id, or
 * any other revision git understands (HEAD, a branch). On PRV_REPO_FOUND,
 * `hex` (41 bytes) gets its full id and `summary` (PRV_REPO_SUMMARY_MAX
 * bytes) its summary as git_commit_summary() gives it; either may be NULL.
 */
enum prv_repo_lookup prv_repo_commit(struct prv_repo *r, const char *rev,
				     char *hex, char *summary);

/*
 * Applying patches in order. prv_repo_apply_start() takes the tree of the
 * commit `base_hex` (a full id); each prv_repo_apply_next() applies one
 * patch's diff text onto the current tree and makes the result current.
 * On failure it returns PRV_ERROR, the tree stays as it was, `file` (may be
 * NULL) names the first file of the diff that does not apply ("" when no
 * one file is to blame) and `reason` libgit2's word for it.
 */
int prv_repo_apply_start(struct prv_repo *r, const char *base_hex);
int prv_repo_apply_next(struct prv_repo *r, const char *diff, size_t len,
			char *file, size_t file_size, char *reason,
			size_t reason_size);

#endif
