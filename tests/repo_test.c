// SPDX-License-Identifier: GPL-2.0-or-later
#include <criterion/criterion.h>
#include <git2.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/base/error.h"
#include "core/check/repo.h"

static char dir[] = "/tmp/prv-repo-test.XXXXXX";
static char commit_hex[41];

static const char foo_text[] = "one\ntwo\nthree\nfour\nfive\nsix\nseven\n";

/* A repository with one commit "net: add foo" holding foo.c. */
static void setup(void)
{
	git_repository *repo;
	git_oid blob, tree_id, commit;
	git_treebuilder *tb;
	git_tree *tree;
	git_signature *sig;
	git_index *idx;

	git_libgit2_init();
	cr_assert_not_null(mkdtemp(dir));
	cr_assert_eq(git_repository_init(&repo, dir, 0), 0);
	cr_assert_eq(git_blob_create_from_buffer(&blob, repo, foo_text,
						 strlen(foo_text)),
		     0);
	cr_assert_eq(git_treebuilder_new(&tb, repo, NULL), 0);
	cr_assert_eq(git_treebuilder_insert(NULL, tb, "foo.c", &blob,
					    GIT_FILEMODE_BLOB),
		     0);
	cr_assert_eq(git_treebuilder_write(&tree_id, tb), 0);
	git_treebuilder_free(tb);
	cr_assert_eq(git_tree_lookup(&tree, repo, &tree_id), 0);
	cr_assert_eq(git_signature_new(&sig, "Ann", "ann@example.org",
				       1700000000, 0),
		     0);
	cr_assert_eq(git_commit_create_v(&commit, repo, "HEAD", sig, sig, NULL,
					 "net: add foo\n\nbody\n", tree, 0),
		     0);
	/* the index matches HEAD, as after a checkout */
	cr_assert_eq(git_repository_index(&idx, repo), 0);
	cr_assert_eq(git_index_read_tree(idx, tree), 0);
	cr_assert_eq(git_index_write(idx), 0);
	git_index_free(idx);
	git_oid_tostr(commit_hex, sizeof(commit_hex), &commit);
	git_signature_free(sig);
	git_tree_free(tree);
	git_repository_free(repo);
}

static void teardown(void)
{
	char cmd[300];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
	git_libgit2_shutdown();
}

TestSuite(repo, .init = setup, .fini = teardown);

Test(repo, not_a_repository)
{
	struct prv_repo *r = (struct prv_repo *)1;

	cr_assert_eq(prv_repo_open(&r, "/nonexistent/prv"), PRV_EIO);
	cr_assert_null(r);
	cr_assert_str_eq(prv_error_last(),
			 "'/nonexistent/prv' is not a git repository");
}

Test(repo, commit_lookup)
{
	static const struct {
		const char *rev;
		enum prv_repo_lookup want;
	} cases[] = {
		{ "HEAD", PRV_REPO_FOUND },
		{ "0123456789ab", PRV_REPO_MISSING },
		{ "", PRV_REPO_MISSING },
		{ "no-such-branch", PRV_REPO_MISSING },
		{ "HEAD^", PRV_REPO_MISSING }, /* a root commit */
	};
	struct prv_repo *r;
	char hex[41], summary[PRV_REPO_SUMMARY_MAX], shortid[13];
	size_t i;

	cr_assert_eq(prv_repo_open(&r, dir), 0);
	cr_assert_str_eq(prv_repo_dir(r), dir);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		cr_expect_eq(prv_repo_commit(r, cases[i].rev, NULL, NULL),
			     cases[i].want, "%s", cases[i].rev);
	memcpy(shortid, commit_hex, 12);
	shortid[12] = '\0';
	cr_assert_eq(prv_repo_commit(r, shortid, hex, summary), PRV_REPO_FOUND);
	cr_expect_str_eq(hex, commit_hex);
	cr_expect_str_eq(summary, "net: add foo");
	cr_assert_eq(prv_repo_commit(r, commit_hex, hex, NULL), PRV_REPO_FOUND);
	/* the blob's id is no commit */
	cr_expect_eq(prv_repo_commit(r, "HEAD:foo.c", NULL, NULL),
		     PRV_REPO_MISSING);
	prv_repo_free(r);
}

static const char change_two[] = "diff --git a/foo.c b/foo.c\n"
				 "--- a/foo.c\n"
				 "+++ b/foo.c\n"
				 "@@ -1,4 +1,4 @@\n"
				 " one\n"
				 "-two\n"
				 "+TWO\n"
				 " three\n"
				 " four\n";

static const char new_bar[] = "diff --git a/bar.c b/bar.c\n"
			      "new file mode 100644\n"
			      "--- /dev/null\n"
			      "+++ b/bar.c\n"
			      "@@ -0,0 +1 @@\n"
			      "+bar\n";

static const char change_bar[] = "diff --git a/bar.c b/bar.c\n"
				 "--- a/bar.c\n"
				 "+++ b/bar.c\n"
				 "@@ -1 +1 @@\n"
				 "-bar\n"
				 "+BAR\n";

Test(repo, apply_in_order)
{
	struct prv_repo *r;
	char file[64], reason[PRV_REPO_REASON_MAX];

	cr_assert_eq(prv_repo_open(&r, dir), 0);
	cr_assert_eq(prv_repo_apply_start(r, commit_hex), 0);
	/* bar.c exists only once the patch making it is applied */
	cr_expect_neq(prv_repo_apply_next(r, change_bar, strlen(change_bar),
					  file, sizeof(file), reason,
					  sizeof(reason)),
		      0);
	cr_expect_str_eq(file, "bar.c");
	cr_expect_neq(reason[0], '\0');
	cr_assert_eq(prv_repo_apply_next(r, change_two, strlen(change_two),
					 file, sizeof(file), reason,
					 sizeof(reason)),
		     0, "%s", reason);
	cr_assert_eq(prv_repo_apply_next(r, new_bar, strlen(new_bar), file,
					 sizeof(file), reason, sizeof(reason)),
		     0, "%s", reason);
	cr_assert_eq(prv_repo_apply_next(r, change_bar, strlen(change_bar),
					 file, sizeof(file), reason,
					 sizeof(reason)),
		     0, "%s", reason);
	/* the same change twice: its context is gone */
	cr_expect_neq(prv_repo_apply_next(r, change_two, strlen(change_two),
					  file, sizeof(file), reason,
					  sizeof(reason)),
		      0);
	cr_expect_str_eq(file, "foo.c");
	cr_expect(strstr(reason, "did not apply") != NULL, "%s", reason);
	prv_repo_free(r);
}

Test(repo, apply_bad_input)
{
	struct prv_repo *r;
	char file[64], reason[PRV_REPO_REASON_MAX];
	static const char junk[] = "diff --git a/x b/x\n@@ garbage\n";

	cr_assert_eq(prv_repo_open(&r, dir), 0);
	/* no base yet */
	cr_expect_neq(prv_repo_apply_next(r, change_two, strlen(change_two),
					  file, sizeof(file), reason,
					  sizeof(reason)),
		      0);
	cr_expect_neq(prv_repo_apply_start(r, "0123456789abcdef0123456789abcd"
					      "ef01234567"),
		      0);
	cr_expect_neq(prv_repo_apply_start(r, "not hex"), 0);
	cr_assert_eq(prv_repo_apply_start(r, commit_hex), 0);
	cr_expect_neq(prv_repo_apply_next(r, junk, strlen(junk), file,
					  sizeof(file), reason, sizeof(reason)),
		      0);
	cr_expect_neq(reason[0], '\0');
	/* the tree is as it was: the good change still applies */
	cr_expect_eq(prv_repo_apply_next(r, change_two, strlen(change_two),
					 file, sizeof(file), reason,
					 sizeof(reason)),
		     0, "%s", reason);
	prv_repo_free(r);
}

Test(repo, nothing_written)
{
	struct prv_repo *r;
	char file[64], reason[PRV_REPO_REASON_MAX], path[400];
	git_repository *repo;
	git_odb *odb;
	git_oid id;
	int exists;

	cr_assert_eq(prv_repo_open(&r, dir), 0);
	cr_assert_eq(prv_repo_apply_start(r, commit_hex), 0);
	cr_assert_eq(prv_repo_apply_next(r, new_bar, strlen(new_bar), file,
					 sizeof(file), reason, sizeof(reason)),
		     0);
	prv_repo_free(r);
	/* the blob of bar.c was only ever in memory */
	cr_assert_eq(git_odb_hash(&id, "bar\n", 4, GIT_OBJECT_BLOB), 0);
	cr_assert_eq(git_repository_open(&repo, dir), 0);
	cr_assert_eq(git_repository_odb(&odb, repo), 0);
	exists = git_odb_exists(odb, &id);
	git_odb_free(odb);
	git_repository_free(repo);
	cr_expect_eq(exists, 0);
	snprintf(path, sizeof(path), "%s/bar.c", dir);
	cr_expect_neq(access(path, F_OK), 0);
}

/*
 * A commit "net: more" on top of HEAD with net/a.c, and with `gone` a
 * directory gone/ whose tree is not in the repository: its id.
 */
static void commit_more(char *hex, bool gone_tree)
{
	git_repository *repo;
	git_oid blob, tree_id, commit, gone;
	git_tree *head_tree, *tree;
	git_commit *head;
	git_signature *sig;
	git_tree_update up[2] = {
		{ .action = GIT_TREE_UPDATE_UPSERT,
		  .filemode = GIT_FILEMODE_BLOB,
		  .path = "net/a.c" },
		{ .action = GIT_TREE_UPDATE_UPSERT,
		  .filemode = GIT_FILEMODE_TREE,
		  .path = "gone" },
	};

	cr_assert_eq(git_repository_open(&repo, dir), 0);
	cr_assert_eq(git_blob_create_from_buffer(&blob, repo, "aaa\nbbb\n", 8),
		     0);
	cr_assert_eq(git_oid_fromstr(&gone, "0123456789abcdef0123456789abcd"
					    "ef01234567"),
		     0);
	up[0].id = blob;
	up[1].id = gone;
	cr_assert_eq(git_revparse_single((git_object **)&head, repo, "HEAD"),
		     0);
	cr_assert_eq(git_commit_tree(&head_tree, head), 0);
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_OBJECT_CREATION, 0);
	cr_assert_eq(git_tree_create_updated(&tree_id, repo, head_tree,
					     gone_tree ? 2 : 1, up),
		     0);
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_OBJECT_CREATION, 1);
	cr_assert_eq(git_tree_lookup(&tree, repo, &tree_id), 0);
	cr_assert_eq(git_signature_new(&sig, "Ann", "ann@example.org",
				       1700000000, 0),
		     0);
	cr_assert_eq(git_commit_create_v(&commit, repo, NULL, sig, sig, NULL,
					 "net: more\n", tree, 1, head),
		     0);
	git_oid_tostr(hex, 41, &commit);
	git_signature_free(sig);
	git_tree_free(tree);
	git_tree_free(head_tree);
	git_commit_free(head);
	git_repository_free(repo);
}

static const char change_a[] = "diff --git a/net/a.c b/net/a.c\n"
			       "--- a/net/a.c\n"
			       "+++ b/net/a.c\n"
			       "@@ -1,2 +1,2 @@\n"
			       " aaa\n"
			       "-bbb\n"
			       "+BBB\n";

static const char change_z[] = "diff --git a/net/z.c b/net/z.c\n"
			       "--- a/net/z.c\n"
			       "+++ b/net/z.c\n"
			       "@@ -1 +1 @@\n"
			       "-zzz\n"
			       "+ZZZ\n";

/* Apply `diff` next; `file` holds 64 bytes, `reason` the most. */
static int apply(struct prv_repo *r, const char *diff, char *file, char *reason)
{
	return prv_repo_apply_next(r, diff, strlen(diff), file, 64, reason,
				   PRV_REPO_REASON_MAX);
}

/* The repository, applying onto commit `hex`. */
static struct prv_repo *apply_onto(const char *hex)
{
	struct prv_repo *r;

	cr_assert_eq(prv_repo_open(&r, dir), 0);
	cr_assert_eq(prv_repo_apply_start(r, hex), 0);
	return r;
}

/* Applying reads the files the patches name, not the rest of the tree. */
Test(repo, apply_reads_named_files)
{
	char file[64], reason[PRV_REPO_REASON_MAX], hex[41];
	struct prv_repo *r;

	commit_more(hex, true);
	r = apply_onto(hex);
	cr_expect_eq(apply(r, change_a, file, reason), 0, "%s", reason);
	cr_expect_eq(apply(r, change_two, file, reason), 0, "%s", reason);
	/* the same change twice: its context is gone */
	cr_expect_neq(apply(r, change_a, file, reason), 0);
	cr_expect_str_eq(file, "net/a.c");
	prv_repo_free(r);
}

/* A file the base lacks is named as the whole tree names it. */
Test(repo, apply_missing_file)
{
	char file[64], reason[PRV_REPO_REASON_MAX], hex[41];
	struct prv_repo *r;

	commit_more(hex, false);
	r = apply_onto(hex);
	cr_assert_eq(apply(r, change_a, file, reason), 0, "%s", reason);
	cr_expect_neq(apply(r, change_z, file, reason), 0);
	cr_expect_str_eq(file, "net/z.c");
	cr_expect(strstr(reason, "'z.c' does not exist") != NULL, "%s", reason);
	prv_repo_free(r);
}
