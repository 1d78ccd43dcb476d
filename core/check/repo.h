/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_REPO_H
#define PRV_REPO_H

#include <stdbool.h>
#include <stddef.h>

#include "core/base/kver.h"

/*
 * A git repository to check a series against (libgit2): commits looked up
 * by (short) id, patches applied in memory. Nothing is written to the
 * repository: it is opened read-only (core/base/gitrepo.h), its work tree,
 * index and refs are not touched, and the trees and blobs made while
 * applying go to an in-memory object store dropped on free.
 *
 * libgit2 must be initialised (the program does it once, in main()) for
 * the life of a struct prv_repo.
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

/*
 * The repository as prv_repo_open() opened it, read-only (what is
 * written stays in memory). Borrowed; the repository keeps it.
 */
struct git_repository *prv_repo_git(const struct prv_repo *r);

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
 * The first line of the message of commit `hex` (a full id from
 * prv_repo_commit()) into `title` (PRV_REPO_SUMMARY_MAX bytes): the
 * summary of an old commit whose title runs over several lines (no blank
 * line after it) is all of them joined, its first line is what authors
 * quote. False when the commit is not found.
 */
bool prv_repo_commit_title(struct prv_repo *r, const char *hex, char *title);

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

/*
 * Kernel releases and stable trees of the repository, read once and kept
 * for its life. Tags: "vX.Y" releases, "vX.Y-rcN", "vX.Y.Z" stable releases
 * (refs/tags). Branches: "linux-X.Y.y" stable trees, local (refs/heads) or
 * remote-tracking (refs/remotes/<remote>), one for each X.Y: the one whose
 * tip descends from the others', else the newest tip. Each list is sorted by
 * version, oldest first.
 */
enum prv_repo_ref_kind {
	PRV_REPO_RELEASE, /* vX.Y */
	PRV_REPO_RC, /* vX.Y-rcN */
	PRV_REPO_STABLE_TAG, /* vX.Y.Z */
	PRV_REPO_STABLE_BRANCH, /* linux-X.Y.y */
	PRV_REPO_NR_KINDS,
};

#define PRV_REPO_REF_NAME_MAX 256

struct prv_repo_ref {
	char name[PRV_REPO_REF_NAME_MAX]; /* "v6.1", "linux-6.1.y" */
	char ref[PRV_REPO_REF_NAME_MAX]; /* "refs/remotes/stable/linux-6.1.y" */
	char hex[41]; /* the commit it names */
	/* UTC seconds: the tagger date of an annotated tag, else the
	 * committer date of the commit */
	long long date;
	struct prv_kver ver;
};

/* The refs of one kind (never NULL when *nr is 0; owned by `r`). */
const struct prv_repo_ref *
prv_repo_refs(struct prv_repo *r, enum prv_repo_ref_kind kind, size_t *nr);

/*
 * Whether commit `hex` is `ancestor_hex` or descends from it (full ids):
 * 1 yes, 0 no, negative when either cannot be read.
 */
int prv_repo_contains(struct prv_repo *r, const char *hex,
		      const char *ancestor_hex);

/*
 * The first mainline release that contains commit `hex` (a full id): its
 * index in prv_repo_refs(r, PRV_REPO_RELEASE), or -1 when no release
 * contains it (or there are no release tags). Containment is monotone
 * along the releases, so it takes a few graph walks; results are kept.
 */
int prv_repo_first_release(struct prv_repo *r, const char *hex);

/* The committer date of commit `hex` (UTC seconds), or 0. */
long long prv_repo_commit_date(struct prv_repo *r, const char *hex);

#endif
