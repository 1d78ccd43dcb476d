// SPDX-License-Identifier: GPL-2.0-or-later
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/arena.h"
#include "core/base/buf.h"
#include "core/base/error.h"
#include "core/rangediff/rangediff.h"
#include "core/report/rdrender.h"
#include "core/base/util.h"

/*
 * Mails are built by hand here: a tiny reader fills struct prv_diff from
 * git diff text so that these tests do not depend on the real parser.
 */

static struct prv_arena arena;

static void setup(void)
{
	prv_arena_init(&arena);
}

static void teardown(void)
{
	prv_arena_release(&arena);
}

static const char *path_of(const char *s, size_t len, const char *prefix)
{
	size_t pl = strlen(prefix);

	if (len >= pl && !memcmp(s, prefix, pl)) {
		s += pl;
		len -= pl;
	}
	return prv_arena_strndup(&arena, s, len);
}

static void build_diff(struct prv_diff *d, const char *text)
{
	size_t len = strlen(text), pos = 0, falloc = 0, halloc = 0;
	struct prv_file *f = NULL;
	struct prv_hunk *h = NULL;

	memset(d, 0, sizeof(*d));
	while (pos < len) {
		const char *s = text + pos;
		size_t ll = prv_line_len(s, len - pos);

		if (prv_starts_with(s, ll, "diff --git ")) {
			const char *sp = memchr(s + 11, ' ', ll - 11);

			PRV_ARENA_GROW(&arena, d->files, d->nr_files + 1,
				       falloc);
			f = &d->files[d->nr_files++];
			memset(f, 0, sizeof(*f));
			f->old_path = path_of(s + 11, sp - (s + 11), "a/");
			f->new_path = path_of(sp + 1, s + ll - sp - 1, "b/");
			halloc = 0;
			h = NULL;
		} else if (prv_starts_with(s, ll, "new file mode ")) {
			f->flags |= PRV_FILE_NEW;
			f->old_path = NULL;
			f->new_mode = strtoul(s + 14, NULL, 8);
		} else if (prv_starts_with(s, ll, "deleted file mode ")) {
			f->flags |= PRV_FILE_DELETED;
			f->new_path = NULL;
			f->old_mode = strtoul(s + 18, NULL, 8);
		} else if (prv_starts_with(s, ll, "old mode ")) {
			f->old_mode = strtoul(s + 9, NULL, 8);
		} else if (prv_starts_with(s, ll, "new mode ")) {
			f->new_mode = strtoul(s + 9, NULL, 8);
			f->flags |= PRV_FILE_MODE;
		} else if (prv_starts_with(s, ll, "rename from ")) {
			f->flags |= PRV_FILE_RENAME;
		} else if (prv_starts_with(s, ll, "Binary files ") ||
			   prv_starts_with(s, ll, "GIT binary patch")) {
			f->flags |= PRV_FILE_BINARY;
		} else if (prv_starts_with(s, ll, "@@ ")) {
			PRV_ARENA_GROW(&arena, f->hunks, f->nr_hunks + 1,
				       halloc);
			h = &f->hunks[f->nr_hunks++];
			memset(h, 0, sizeof(*h));
			h->header = s;
			h->header_len = ll;
			h->body = s + ll + 1;
		} else if (h && (s[0] == '+' || s[0] == '-' || s[0] == ' ' ||
				 s[0] == '\\')) {
			h->body_len = s + ll + 1 - h->body;
		}
		pos += ll + 1;
	}
}

static struct prv_mail *mail(const char *author, const char *title,
			     const char *message, size_t trailer_block,
			     const char *diff)
{
	struct prv_mail *m = prv_arena_alloc(&arena, sizeof(*m));
	const char *lt = strchr(author, '<');

	m->pm.author.name = prv_arena_strndup(&arena, author, lt - author - 1);
	m->pm.author.email =
		prv_arena_strndup(&arena, lt + 1, strlen(lt + 1) - 1);
	m->pm.title = title;
	m->pm.message = message;
	m->pm.message_len = strlen(message);
	if (trailer_block == (size_t)-1) {
		/* The last paragraph is the trailer block. */
		const char *p = strstr(message, "\n\n");

		trailer_block = strlen(message);
		while (p) {
			trailer_block = p + 2 - message;
			p = strstr(p + 2, "\n\n");
		}
	}
	m->pm.trailer_block = trailer_block;
	m->pm.nr_trailers = trailer_block < strlen(message) ? 1 : 0;
	m->pm.diff = diff;
	m->pm.diff_len = strlen(diff);
	m->message_id = "test@example";
	build_diff(&m->diff, diff);
	return m;
}

static char *normalize(const struct prv_mail *m, size_t *offset, int *size)
{
	struct prv_buf b = PRV_BUF_INIT;

	cr_assert_eq(prv_rangediff_normalize(&b, offset, size, m), 0);
	return prv_buf_detach(&b, NULL);
}

static const char *const A = "Ann Author <ann@example.org>";

TestSuite(rangediff, .init = setup, .fini = teardown);

Test(rangediff, normalize_modified_file_with_function)
{
	struct prv_mail *m = mail(
		A, "net: fix\tthe thing",
		"Body line one.  \n\n\n\tindented\n\nSigned-off-by: Ann <ann@example.org>\n",
		36,
		"diff --git a/net/core.c b/net/core.c\n"
		"index 1111111..2222222 100644\n"
		"--- a/net/core.c\n"
		"+++ b/net/core.c\n"
		"@@ -10,3 +10,3 @@ static int foo(void)\n"
		" a\n"
		"-b\n"
		"+c\n"
		"@@ -40,2 +40,3 @@\n"
		" x\n"
		"+y\n"
		"\\ No newline at end of file\n");
	size_t off;
	int size;
	char *t = normalize(m, &off, &size);

	cr_assert_str_eq(t, " ## Metadata ##\n"
			    "Author: Ann Author <ann@example.org>\n"
			    "\n"
			    " ## Commit message ##\n"
			    "    net: fix        the thing\n"
			    "\n"
			    "    Body line one.\n"
			    "\n"
			    "            indented\n"
			    "\n"
			    "    Signed-off-by: Ann <ann@example.org>\n"
			    "\n"
			    " ## net/core.c ##\n"
			    "@@ net/core.c: static int foo(void)\n"
			    " a\n"
			    "-b\n"
			    "+c\n"
			    "@@\n"
			    " x\n"
			    "+y\n"
			    " \\ No newline at end of file\n");
	cr_assert_str_eq(t + off, " ## net/core.c ##\n"
				  "@@ net/core.c: static int foo(void)\n"
				  " a\n"
				  "-b\n"
				  "+c\n"
				  "@@\n"
				  " x\n"
				  "+y\n"
				  " \\ No newline at end of file\n");
	cr_assert_eq(size, 9);
	free(t);
}

/* Table: one file section in, its normalised diff part out. */
static const struct {
	const char *name, *diff, *want;
} sections[] = {
	{ "new file",
	  "diff --git a/a.txt b/a.txt\nnew file mode 100644\n"
	  "index 0000000..e69de29\n--- /dev/null\n+++ b/a.txt\n"
	  "@@ -0,0 +1 @@\n+hello\n",
	  " ## a.txt (new) ##\n@@\n+hello\n" },
	{ "deleted file",
	  "diff --git a/old.c b/old.c\ndeleted file mode 100644\n"
	  "index e69de29..0000000\n--- a/old.c\n+++ /dev/null\n"
	  "@@ -1,2 +0,0 @@ int x;\n-int x;\n-int y;\n",
	  " ## old.c (deleted) ##\n@@ old.c: int x;\n-int x;\n-int y;\n" },
	{ "pure rename",
	  "diff --git a/d/x.c b/e/y.c\nsimilarity index 100%\n"
	  "rename from d/x.c\nrename to e/y.c\n",
	  " ## d/x.c => e/y.c ##\n" },
	{ "rename with change and function",
	  "diff --git a/x.c b/y.c\nsimilarity index 80%\nrename from x.c\n"
	  "rename to y.c\nindex 1..2 100644\n--- a/x.c\n+++ b/y.c\n"
	  "@@ -1 +1 @@ void f()\n-a\n+b\n",
	  " ## x.c => y.c ##\n@@ y.c: void f()\n-a\n+b\n" },
	{ "mode change only",
	  "diff --git a/run.sh b/run.sh\nold mode 100644\nnew mode 100755\n",
	  " ## run.sh (mode change 100644 => 100755) ##\n" },
	{ "mode change with content",
	  "diff --git a/run.sh b/run.sh\nold mode 100755\nnew mode 100644\n"
	  "index 1..2\n--- a/run.sh\n+++ b/run.sh\n@@ -1 +1 @@\n-a\n+b\n",
	  " ## run.sh (mode change 100755 => 100644) ##\n@@\n-a\n+b\n" },
	{ "new binary file",
	  "diff --git a/img.png b/img.png\nnew file mode 100644\n"
	  "index 0000000..1234567\nGIT binary patch\nliteral 4\n"
	  "LcmZQzWMT#Y01f~L\n\nliteral 0\nHcmV?d00001\n",
	  " ## img.png (new) ##\n Binary files /dev/null and img.png differ\n" },
	{ "changed binary file",
	  "diff --git a/b.bin b/b.bin\nindex 1..2 100644\n"
	  "Binary files a/b.bin and b/b.bin differ\n",
	  " ## b.bin ##\n Binary files b.bin and b.bin differ\n" },
	{ "two files",
	  "diff --git a/a b/a\n--- a/a\n+++ b/a\n@@ -1 +1 @@\n-1\n+2\n"
	  "diff --git a/b b/b\n--- a/b\n+++ b/b\n@@ -5,2 +5,2 @@ fn\n 3\n-4\n"
	  "+5\n",
	  " ## a ##\n@@\n-1\n+2\n\n ## b ##\n@@ b: fn\n 3\n-4\n+5\n" },
};

Test(rangediff, normalize_file_sections)
{
	size_t i;

	for (i = 0; i < sizeof(sections) / sizeof(sections[0]); i++) {
		struct prv_mail *m = mail(A, "t", "", 0, sections[i].diff);
		size_t off;
		char *t = normalize(m, &off, NULL);

		cr_assert_str_eq(t + off, sections[i].want, "%s: got\n%s",
				 sections[i].name, t + off);
		free(t);
	}
}

Test(rangediff, normalize_without_diff)
{
	struct prv_mail *m = mail(A, "just words", "", 0, "");
	size_t off;
	int size = -1;
	char *t = normalize(m, &off, &size);

	cr_assert_str_eq(t, " ## Metadata ##\nAuthor: Ann Author "
			    "<ann@example.org>\n\n ## Commit message ##\n"
			    "    just words\n");
	cr_assert_eq(off, strlen(t));
	cr_assert_eq(size, 0);
	free(t);
}

static const char *const D1 =
	"diff --git a/f.c b/f.c\n--- a/f.c\n+++ b/f.c\n"
	"@@ -1,3 +1,3 @@ int main(void)\n a\n-b\n+c\n d\n";
static const char *const D1_MOVED =
	"diff --git a/f.c b/f.c\n--- a/f.c\n+++ b/f.c\n"
	"@@ -21,3 +22,3 @@ int main(void)\n a\n-b\n+c\n d\n";
static const char *const D2 =
	"diff --git a/g.c b/g.c\n--- a/g.c\n+++ b/g.c\n"
	"@@ -1,8 +1,9 @@\n a\n-b\n+c\n+c2\n d\n e\n f\n g\n h\n i\n";
static const char *const D2_CHANGED =
	"diff --git a/g.c b/g.c\n--- a/g.c\n+++ b/g.c\n"
	"@@ -1,8 +1,9 @@\n a\n-b\n+c\n+c3\n d\n e\n f\n g\n h\n i\n";
static const char *const D3 = "diff --git a/h.c b/h.c\n--- a/h.c\n+++ b/h.c\n"
			      "@@ -1,2 +1,2 @@\n-one\n+two\n three\n";
static const char *const D4 =
	"diff --git a/k.c b/k.c\nnew file mode 100644\n--- /dev/null\n"
	"+++ b/k.c\n@@ -0,0 +1,3 @@\n+new1\n+new2\n+new3\n";

static void run(struct prv_rangediff *rd, struct prv_mail **a, size_t na,
		struct prv_mail **b, size_t nb)
{
	struct prv_rangediff_opts o = PRV_RANGEDIFF_OPTS_INIT;

	cr_assert_eq(prv_rangediff_mails(
			     rd, (const struct prv_mail *const *)a, NULL, na,
			     (const struct prv_mail *const *)b, NULL, nb, &o),
		     0);
}

static void expect(const struct prv_rangediff *rd, const char *want)
{
	struct prv_buf b = PRV_BUF_INIT;
	size_t i;

	for (i = 0; i < rd->nr_pairs; i++)
		prv_buf_addf(&b, "%d%c%d ", rd->pairs[i].old,
			     rd->pairs[i].status, rd->pairs[i].new);
	cr_assert_str_eq(b.data, want);
	prv_buf_release(&b);
}

Test(rangediff, identical_and_moved_hunks)
{
	struct prv_mail *a[2], *b[2];
	struct prv_rangediff rd;

	a[0] = mail(A, "one", "", 0, D1);
	a[1] = mail(A, "two", "", 0, D2);
	b[0] = mail(A, "one", "", 0, D1_MOVED); /* only line numbers moved */
	b[1] = mail(A, "two", "", 0, D2);
	run(&rd, a, 2, b, 2);
	expect(&rd, "1=1 2=2 ");
	cr_assert_eq(rd.nr_equal, 2);
	cr_assert_str_eq(rd.pairs[0].inner_diff, "");
	prv_rangediff_release(&rd);
}

Test(rangediff, reorder_change_drop_add)
{
	struct prv_mail *a[3], *b[3];
	struct prv_rangediff rd;
	struct prv_buf s = PRV_BUF_INIT;

	a[0] = mail(A, "one", "", 0, D1);
	a[1] = mail(A, "two", "", 0, D2);
	a[2] = mail(A, "three", "", 0, D3);
	b[0] = mail(A, "two", "", 0, D2_CHANGED);
	b[1] = mail(A, "one", "", 0, D1);
	b[2] = mail(A, "four", "", 0, D4);
	run(&rd, a, 3, b, 3);
	expect(&rd, "2!1 1=2 3<0 0>3 ");
	cr_assert_eq(rd.pairs[0].changed, PRV_RD_DIFF);
	cr_assert_str_eq(rd.pairs[0].inner_diff, "@@ g.c\n"
						 "  a\n"
						 " -b\n"
						 " +c\n"
						 "-+c2\n"
						 "++c3\n"
						 "  d\n"
						 "  e\n"
						 "  f\n");
	prv_rdrender_summary(&s, &rd);
	cr_assert_str_eq(s.data, "1 unchanged, 1 changed, 1 new, 1 dropped");
	prv_buf_release(&s);
	prv_rangediff_release(&rd);
}

Test(rangediff, classification)
{
	static const char msg[] =
		"Why.\n\nSigned-off-by: Ann <ann@example.org>\n";
	static const char msg_tag[] =
		"Why.\n\nReviewed-by: Rob <rob@example.org>\n"
		"Signed-off-by: Ann <ann@example.org>\n";
	static const char msg_reword[] =
		"Because.\n\nSigned-off-by: Ann <ann@example.org>\n";
	static const char *const D1_OTHER_FILE =
		"diff --git a/z.c b/z.c\n--- a/z.c\n+++ b/z.c\n"
		"@@ -1,3 +1,3 @@ int main(void)\n a\n-b\n+c\n d\n";
	struct prv_mail *a[1], *b[1];
	struct prv_rangediff rd;
	struct prv_rangediff_opts o = { .creation_factor = 1000 };
	const struct {
		const char *author, *title, *msg, *diff;
		unsigned want;
	} cases[] = {
		{ A, "one", msg, D1, 0 },
		{ A, "one", msg_tag, D1, PRV_RD_TRAILERS },
		{ A, "one", msg_reword, D1, PRV_RD_MESSAGE },
		{ A, "one!", msg, D1, PRV_RD_MESSAGE },
		{ "Bob <bob@example.org>", "one", msg, D1, PRV_RD_AUTHOR },
		{ A, "one", msg, D1_MOVED, 0 },
		{ A, "one", msg_tag, D1_OTHER_FILE,
		  PRV_RD_TRAILERS | PRV_RD_DIFF | PRV_RD_FILES },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		a[0] = mail(A, "one", msg, -1, D1);
		b[0] = mail(cases[i].author, cases[i].title, cases[i].msg, -1,
			    cases[i].diff);
		/* A high creation factor keeps even a new file paired. */
		cr_assert_eq(prv_rangediff_mails(
				     &rd, (const struct prv_mail *const *)a,
				     NULL, 1, (const struct prv_mail *const *)b,
				     NULL, 1, &o),
			     0);
		cr_assert_eq(rd.nr_pairs, 1, "case %zu", i);
		cr_assert_eq(rd.pairs[0].status, cases[i].want ? '!' : '=',
			     "case %zu", i);
		cr_assert_eq(rd.pairs[0].changed, cases[i].want,
			     "case %zu: %#x", i, rd.pairs[0].changed);
		prv_rangediff_release(&rd);
	}
}

Test(rangediff, message_change_inner_diff_sections)
{
	struct prv_mail *a[1], *b[1];
	struct prv_rangediff rd;

	a[0] = mail(A, "one", "First.\n", 7, D1);
	b[0] = mail(A, "one", "Second.\n", 8, D1);
	run(&rd, a, 1, b, 1);
	cr_assert_str_eq(rd.pairs[0].inner_diff, "@@ Metadata\n"
						 "  ## Commit message ##\n"
						 "     one\n"
						 " \n"
						 "-    First.\n"
						 "+    Second.\n"
						 " \n"
						 "  ## f.c ##\n"
						 " @@ f.c: int main(void)\n");
	prv_rangediff_release(&rd);
}

Test(rangediff, creation_factor_decides)
{
	/* Totally different diffs: created and dropped, not paired. */
	struct prv_mail *a[1], *b[1];
	struct prv_rangediff rd;
	struct prv_rangediff_opts o = PRV_RANGEDIFF_OPTS_INIT;

	a[0] = mail(A, "x", "", 0, D3);
	b[0] = mail(A, "y", "", 0, D4);
	run(&rd, a, 1, b, 1);
	expect(&rd, "1<0 0>1 ");
	prv_rangediff_release(&rd);

	/* A huge creation factor forces the pair. */
	o.creation_factor = 10000;
	cr_assert_eq(prv_rangediff_mails(
			     &rd, (const struct prv_mail *const *)a, NULL, 1,
			     (const struct prv_mail *const *)b, NULL, 1, &o),
		     0);
	expect(&rd, "1!1 ");
	cr_assert(rd.pairs[0].changed & PRV_RD_FILES);
	prv_rangediff_release(&rd);
}

/*
 * Rewritten past the creation factor, the same title and author keep the
 * patch paired (marked rewritten), unless another patch of a version has
 * that title or the author changed.
 */
Test(rangediff, rewritten_patch_keeps_its_title)
{
	struct prv_mail *a[1], *b[2];
	struct prv_rangediff rd;

	a[0] = mail(A, "x", "", 0, D3);
	b[0] = mail(A, "x", "", 0, D4);
	run(&rd, a, 1, b, 1);
	expect(&rd, "1!1 ");
	cr_assert(rd.pairs[0].rewritten);
	cr_assert(rd.pairs[0].changed & PRV_RD_DIFF);
	cr_assert_gt(rd.pairs[0].lines_added, 0);
	prv_rangediff_release(&rd);

	b[1] = mail(A, "x", "", 0, D2); /* two new patches titled "x" */
	run(&rd, a, 1, b, 2);
	expect(&rd, "1<0 0>1 0>2 ");
	prv_rangediff_release(&rd);

	b[0] = mail("Bob <bob@example.org>", "x", "", 0, D4);
	run(&rd, a, 1, b, 1);
	expect(&rd, "1<0 0>1 ");
	prv_rangediff_release(&rd);
}

/*
 * Context lines and hunk-header function names that moved under the same
 * added and removed lines are a rebase: "context", not "diff".
 */
Test(rangediff, context_only_is_a_rebase)
{
	static const char *const D_REBASED =
		"diff --git a/f.c b/f.c\n--- a/f.c\n+++ b/f.c\n"
		"@@ -7,3 +7,3 @@ int other(void)\n zero\n-b\n+c\n d\n";
	static const char *const D_CHANGED =
		"diff --git a/f.c b/f.c\n--- a/f.c\n+++ b/f.c\n"
		"@@ -1,3 +1,3 @@ int main(void)\n a\n-b\n+e\n d\n";
	static const char *const D_REBASED_BLANK =
		"diff --git a/f.c b/f.c\n--- a/f.c\n+++ b/f.c\n"
		"@@ -7,4 +7,3 @@ int other(void)\n zero\n-\n-b\n+c\n d\n";
	struct prv_mail *a[1], *b[1];
	struct prv_rangediff rd;

	a[0] = mail(A, "one", "", 0, D1);
	b[0] = mail(A, "one", "", 0, D_REBASED);
	run(&rd, a, 1, b, 1);
	expect(&rd, "1!1 ");
	cr_assert_eq(rd.pairs[0].changed, PRV_RD_CONTEXT);
	cr_assert_str_eq(prv_rangediff_change_name(PRV_RD_CONTEXT), "context");
	prv_rangediff_release(&rd);

	/* a blank line the merge took with it is no code */
	b[0] = mail(A, "one", "", 0, D_REBASED_BLANK);
	run(&rd, a, 1, b, 1);
	expect(&rd, "1!1 ");
	cr_assert_eq(rd.pairs[0].changed, PRV_RD_CONTEXT);
	prv_rangediff_release(&rd);

	b[0] = mail(A, "one", "", 0, D_CHANGED);
	run(&rd, a, 1, b, 1);
	expect(&rd, "1!1 ");
	cr_assert_eq(rd.pairs[0].changed, PRV_RD_DIFF);
	cr_assert_not(rd.pairs[0].comments_only);
	cr_assert_eq(rd.pairs[0].lines_added, 1);
	cr_assert_eq(rd.pairs[0].lines_removed, 1);
	prv_rangediff_release(&rd);
}

/* Code the same, a comment reworded: comments only. */
Test(rangediff, comment_only_change)
{
	static const char *const D_C1 =
		"diff --git a/f.c b/f.c\n--- a/f.c\n+++ b/f.c\n"
		"@@ -1,3 +1,5 @@ int main(void)\n a\n+\t/* a count */\n"
		"+\tint n;\n b\n"
		"@@ -9,2 +11,3 @@ int main(void)\n c\n+\t// the old words\n d\n";
	static const char *const D_C2 =
		"diff --git a/f.c b/f.c\n--- a/f.c\n+++ b/f.c\n"
		"@@ -1,3 +1,5 @@ int main(void)\n a\n+\t/* the count, freed "
		"by the caller */\n+\tint n;\n b\n"
		"@@ -9,2 +11,3 @@ int main(void)\n c\n+\t// new words\n d\n";
	static const char *const D_C3 =
		"diff --git a/f.c b/f.c\n--- a/f.c\n+++ b/f.c\n"
		"@@ -1,3 +1,5 @@ int main(void)\n a\n+\t/* a count */\n"
		"+\tlong n;\n b\n"
		"@@ -9,2 +11,3 @@ int main(void)\n c\n+#include <x.h>\n d\n";
	static const char *const D_PTR1 =
		"diff --git a/f.c b/f.c\n--- a/f.c\n+++ b/f.c\n"
		"@@ -1,2 +1,3 @@ int main(void)\n a\n+\t*len = 0;\n b\n";
	static const char *const D_PTR2 =
		"diff --git a/f.c b/f.c\n--- a/f.c\n+++ b/f.c\n"
		"@@ -1,2 +1,3 @@ int main(void)\n a\n+\t*len = -1;\n b\n";
	static const char *const D_SH1 =
		"diff --git a/t.sh b/t.sh\n--- a/t.sh\n+++ b/t.sh\n"
		"@@ -1,2 +1,4 @@\n a\n+# wait for the peer\n+sleep 1\n b\n";
	static const char *const D_SH2 =
		"diff --git a/t.sh b/t.sh\n--- a/t.sh\n+++ b/t.sh\n"
		"@@ -1,2 +1,4 @@\n a\n+# give the peer time\n+sleep 1\n b\n";
	struct prv_mail *a[1], *b[1];
	struct prv_rangediff rd;

	a[0] = mail(A, "one", "", 0, D_C1);
	b[0] = mail(A, "one", "", 0, D_C2);
	run(&rd, a, 1, b, 1);
	cr_assert_eq(rd.pairs[0].changed, PRV_RD_DIFF);
	cr_assert(rd.pairs[0].comments_only);
	prv_rangediff_release(&rd);

	/* "#include" is code, and so is a changed type */
	b[0] = mail(A, "one", "", 0, D_C3);
	run(&rd, a, 1, b, 1);
	cr_assert_eq(rd.pairs[0].changed, PRV_RD_DIFF);
	cr_assert_not(rd.pairs[0].comments_only);
	prv_rangediff_release(&rd);

	/* "*len = -1;" is code, not a block comment's inner line */
	a[0] = mail(A, "one", "", 0, D_PTR1);
	b[0] = mail(A, "one", "", 0, D_PTR2);
	run(&rd, a, 1, b, 1);
	cr_assert_eq(rd.pairs[0].changed, PRV_RD_DIFF);
	cr_assert_not(rd.pairs[0].comments_only);
	prv_rangediff_release(&rd);

	/* a shell comment outside C sources */
	a[0] = mail(A, "one", "", 0, D_SH1);
	b[0] = mail(A, "one", "", 0, D_SH2);
	run(&rd, a, 1, b, 1);
	cr_assert(rd.pairs[0].comments_only);
	prv_rangediff_release(&rd);
}

Test(rangediff, empty_sides)
{
	struct prv_mail *a[2];
	struct prv_rangediff rd;

	a[0] = mail(A, "x", "", 0, D3);
	a[1] = mail(A, "y", "", 0, D4);
	run(&rd, a, 2, NULL, 0);
	expect(&rd, "1<0 2<0 ");
	prv_rangediff_release(&rd);
	run(&rd, NULL, 0, a, 2);
	expect(&rd, "0>1 0>2 ");
	prv_rangediff_release(&rd);
	run(&rd, NULL, 0, NULL, 0);
	cr_assert_eq(rd.nr_pairs, 0);
	prv_rangediff_release(&rd);
}

/*
 * Every pair of patches is diffed and the assignment is cubic: versions
 * with thousands of patches are refused instead of taking hours.
 */
Test(rangediff, too_many_patches)
{
	const size_t n = 1001;
	const struct prv_mail **a = calloc(n, sizeof(*a));
	struct prv_rangediff rd;
	size_t i;

	cr_assert_not_null(a);
	a[0] = mail(A, "x", "", 0, D3);
	for (i = 1; i < n; i++)
		a[i] = a[0];
	cr_assert_eq(prv_rangediff_mails(&rd, a, NULL, 1000, a, NULL, 1000,
					 NULL),
		     0);
	cr_assert_eq(rd.nr_pairs, 1000);
	prv_rangediff_release(&rd);
	cr_assert_eq(prv_rangediff_mails(&rd, a, NULL, n, a, NULL, 1000, NULL),
		     PRV_ENOMEM);
	cr_assert_eq(rd.nr_pairs, 0);
	prv_rangediff_release(&rd);
	cr_assert_eq(prv_rangediff_mails(&rd, a, NULL, 0, a, NULL, 2001, NULL),
		     PRV_ENOMEM);
	prv_rangediff_release(&rd);
	free(a);
}

/*
 * Past the cap the checks still get pairs (opts.fallback): identical diffs
 * first, then the same title, without the costs.
 */
Test(rangediff, capped_fallback_pairs_by_title)
{
	struct prv_rangediff_opts o = PRV_RANGEDIFF_OPTS_INIT;
	const size_t n = 1001;
	const struct prv_mail **a = calloc(n, sizeof(*a));
	const struct prv_mail **b = calloc(n, sizeof(*b));
	struct prv_rangediff rd;
	size_t i, changed = 0, added = 0;

	cr_assert(a && b);
	a[0] = mail(A, "x", "", 0, D3);
	for (i = 1; i < n; i++)
		a[i] = b[i] = a[0];
	b[0] = mail(A, "x", "", 0, D4); /* new code under the same title */
	o.no_patch = true;
	o.fallback = true;
	cr_assert_eq(prv_rangediff_mails(&rd, a, NULL, n, b, NULL, n, &o), 0);
	cr_assert_eq(rd.nr_pairs, n);
	for (i = 0; i < rd.nr_pairs; i++) {
		changed += rd.pairs[i].status == '!';
		added += rd.pairs[i].status == '>';
	}
	cr_assert_eq(changed, 1);
	cr_assert_eq(added, 0);
	prv_rangediff_release(&rd);
	free(a);
	free(b);
}

Test(rangediff, duplicate_diffs_pair_like_git)
{
	/* Two old patches with the same diff: the last one is taken first. */
	struct prv_mail *a[2], *b[1];
	struct prv_rangediff rd;

	a[0] = mail(A, "first", "", 0, D1);
	a[1] = mail(A, "second", "", 0, D1);
	b[0] = mail(A, "second", "", 0, D1);
	run(&rd, a, 2, b, 1);
	expect(&rd, "1<0 2=1 ");
	prv_rangediff_release(&rd);
}

Test(rangediff, versions_and_summary)
{
	struct prv_patch op[2] = { 0 }, np[2] = { 0 };
	struct prv_version ov = { 0 }, nv = { 0 };
	struct prv_rangediff rd;
	struct prv_buf s = PRV_BUF_INIT;

	op[0].mail = mail(A, "one", "", 0, D1);
	op[0].index = 1;
	op[1].mail = mail(A, "two", "", 0, D2);
	op[1].index = 2;
	np[0].mail = mail(A, "one", "", 0, D1);
	np[0].index = 1;
	np[0].filled_in = true;
	np[1].mail = mail(A, "two", "", 0, D2);
	np[1].index = 3; /* an incomplete version: numbers are k of k/N */
	ov.version = 2;
	ov.patches = op;
	ov.nr_patches = 2;
	nv.version = 3;
	nv.patches = np;
	nv.nr_patches = 2;
	cr_assert_eq(prv_rangediff_versions(&rd, &ov, &nv, NULL), 0);
	expect(&rd, "1=1 2=3 ");
	cr_assert_eq(rd.pairs[1].new_patch, &np[1]);
	cr_assert_eq(rd.pairs[1].old_patch, &op[1]);
	cr_assert(rd.filled_in);
	cr_assert_eq(rd.old_version, 2);
	cr_assert_eq(rd.new_version, 3);
	prv_rdrender_summary(&s, &rd);
	cr_assert_str_eq(s.data, "2 unchanged");
	prv_buf_release(&s);
	prv_rangediff_release(&rd);
}

Test(rangediff, filled_in_patch_pairs_with_itself)
{
	/*
	 * Old patches 1 and 2 have the same diff; git's exact matching would
	 * give new patch 1 the last of them. A filled-in patch is the same
	 * mail as its source and pairs with it.
	 */
	struct prv_mail *a[2], *b[2];
	struct prv_rangediff rd;

	a[0] = mail(A, "first", "", 0, D1);
	a[1] = mail(A, "second", "", 0, D1);
	b[0] = a[0];
	b[1] = mail(A, "second, new", "", 0, D2);
	run(&rd, a, 2, b, 2);
	expect(&rd, "1=1 2<0 0>2 ");
	prv_rangediff_release(&rd);
}
