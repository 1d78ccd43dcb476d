// SPDX-License-Identifier: GPL-2.0-or-later
#include <criterion/criterion.h>
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>

#include "core/base/error.h"
#include "core/base/gitrepo.h"

static char dir[] = "/tmp/prv-gitrepo-test.XXXXXX";
static git_oid old_blob;
static char old_path[512];

/* A repository holding one loose blob, dated in the past. */
static void setup(void)
{
	git_repository *repo;
	struct timespec past[2] = { { 1000000000, 0 }, { 1000000000, 0 } };
	char hex[41];

	git_libgit2_init();
	cr_assert_not_null(mkdtemp(dir));
	cr_assert_eq(git_repository_init(&repo, dir, 1), 0);
	cr_assert_eq(git_blob_create_from_buffer(&old_blob, repo, "old\n", 4),
		     0);
	git_repository_free(repo);
	git_oid_tostr(hex, sizeof(hex), &old_blob);
	snprintf(old_path, sizeof(old_path), "%s/objects/%.2s/%s", dir, hex,
		 hex + 2);
	cr_assert_eq(utimensat(AT_FDCWD, old_path, past, 0), 0);
}

static void teardown(void)
{
	char cmd[300];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
	git_libgit2_shutdown();
}

TestSuite(gitrepo, .init = setup, .fini = teardown);

Test(gitrepo, not_a_repository)
{
	git_repository *r = (git_repository *)1;

	cr_assert_eq(prv_git_open(&r, "/nonexistent/prv"), PRV_EIO);
	cr_assert_null(r);
	cr_assert_str_eq(prv_error_last(),
			 "'/nonexistent/prv' is not a git repository");
}

/* What is written is read back, from memory; the disk is as it was. */
Test(gitrepo, writes_stay_in_memory)
{
	git_repository *r, *plain;
	git_odb *odb;
	git_oid id, again;
	git_blob *blob;
	struct stat st;

	cr_assert_eq(prv_git_open(&r, dir), 0);
	cr_assert_eq(git_blob_create_from_buffer(&id, r, "new\n", 4), 0);
	cr_assert_eq(git_blob_lookup(&blob, r, &id), 0);
	cr_expect_eq(memcmp(git_blob_rawcontent(blob), "new\n", 4), 0);
	git_blob_free(blob);
	/* written again: not freshened (touched) on disk */
	cr_assert_eq(git_blob_create_from_buffer(&again, r, "old\n", 4), 0);
	cr_expect(git_oid_equal(&again, &old_blob));
	git_repository_free(r);

	cr_assert_eq(git_repository_open(&plain, dir), 0);
	cr_assert_eq(git_repository_odb(&odb, plain), 0);
	cr_expect_eq(git_odb_exists(odb, &id), 0);
	git_odb_free(odb);
	git_repository_free(plain);
	cr_assert_eq(stat(old_path, &st), 0);
	cr_expect_eq(st.st_mtime, 1000000000);
}
