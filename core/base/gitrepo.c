// SPDX-License-Identifier: GPL-2.0-or-later
/* Opening a git repository read-only. */
#include <git2.h>
#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>

#include "core/base/error.h"
#include "core/base/gitrepo.h"

/*
 * Stands in for the disk stores' freshen: the object is never found there
 * when it is written, so it goes to the in-memory store.
 */
static int no_freshen(git_odb_backend *b, const git_oid *id)
{
	(void)b;
	(void)id;
	return GIT_ENOTFOUND;
}

/*
 * Make the repository's own stores read-only: libgit2 asks every store to
 * freshen an object before writing it (git_odb_write()), and the disk
 * stores do so by setting the mtime of the loose object or pack file that
 * holds it; without the write callbacks, nothing can reach the disk. What
 * is written goes to the in-memory store alone, even when the repository
 * holds it already (a series that was merged): its freshen says no, and
 * what was written is read back from memory, not resolved again from a
 * chain of deltas in a pack. Nor do they look for new packs when an
 * object is not found (each write would, reading the pack folder again):
 * a run is short.
 */
static int odb_read_only(git_odb *odb)
{
	size_t i, n = git_odb_num_backends(odb);
	git_odb_backend *b;

	for (i = 0; i < n; i++) {
		if (git_odb_get_backend(&b, odb, i))
			return -1;
		b->freshen = no_freshen;
		b->write = NULL;
		b->writestream = NULL;
		b->writepack = NULL;
		b->writemidx = NULL;
		b->refresh = NULL;
	}
	return 0;
}

/* Writes go to memory: the highest priority store takes them. */
static int odb_in_memory(git_odb *odb)
{
	git_odb_backend *mempack = NULL;

	if (git_mempack_new(&mempack))
		return -1;
	if (git_odb_add_backend(odb, mempack, 999)) {
		mempack->free(mempack);
		return -1;
	}
	return 0;
}

int prv_git_open(git_repository **out, const char *dir)
{
	git_repository *repo = NULL;
	git_odb *odb = NULL;
	int ret = 0;

	*out = NULL;
	if (git_repository_open_ext(&repo, dir, 0, NULL))
		return prv_error(PRV_EIO, "'%s' is not a git repository", dir);
	if (git_repository_odb(&odb, repo) || odb_read_only(odb) ||
	    odb_in_memory(odb)) {
		const git_error *e = git_error_last();

		ret = prv_error(PRV_EIO, "could not open '%s': %s", dir,
				e && e->message ? e->message : "unknown error");
		git_repository_free(repo);
		repo = NULL;
	}
	git_odb_free(odb);
	*out = repo;
	return ret;
}
