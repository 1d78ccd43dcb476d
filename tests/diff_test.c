// SPDX-License-Identifier: GPL-2.0-or-later
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/arena.h"
#include "core/mail/diff.h"
#include "core/base/util.h"
#include "core/base/warn.h"
#include "testutil.h"

struct parsed {
	struct prv_arena a;
	struct prv_warnings w;
	struct prv_diff d;
	char *text;
};

static void parse_text(struct parsed *p, const char *text, size_t len)
{
	prv_arena_init(&p->a);
	prv_warnings_init(&p->w, &p->a);
	p->text = NULL;
	cr_assert_eq(prv_diff_parse(&p->d, &p->a, text, len, "id", &p->w), 0);
}

static void parse_file(struct parsed *p, const char *name)
{
	size_t len;
	char *text = prv_test_read(prv_test_data(name), &len);

	cr_assert_not_null(text, "%s", name);
	parse_text(p, text, len);
	p->text = text;
}

static void done(struct parsed *p)
{
	prv_warnings_release(&p->w);
	prv_arena_release(&p->a);
	free(p->text);
}

static const char *or_null(const char *s)
{
	return s ? s : "(null)";
}

/* One row per file of a real format-patch output. */
struct file_case {
	const char *old_path, *new_path;
	unsigned flags, old_mode, new_mode;
	int similarity;
	size_t nr_hunks;
	int added, removed;
};

static void check_files(const char *name, const struct file_case *want,
			size_t nr, int added, int removed)
{
	struct parsed p;
	size_t i;

	parse_file(&p, name);
	cr_assert_eq(p.d.nr_files, nr, "%s: %zu files", name, p.d.nr_files);
	for (i = 0; i < nr; i++) {
		const struct prv_file *f = &p.d.files[i];

		cr_assert_str_eq(or_null(f->old_path),
				 or_null(want[i].old_path), "%s file %zu", name,
				 i);
		cr_assert_str_eq(or_null(f->new_path),
				 or_null(want[i].new_path), "%s file %zu", name,
				 i);
		cr_assert_eq(f->flags, want[i].flags, "%s file %zu flags %x",
			     name, i, f->flags);
		cr_assert_eq(f->old_mode, want[i].old_mode, "%s file %zu", name,
			     i);
		cr_assert_eq(f->new_mode, want[i].new_mode, "%s file %zu", name,
			     i);
		cr_assert_eq(f->similarity, want[i].similarity, "%s file %zu",
			     name, i);
		cr_assert_eq(f->nr_hunks, want[i].nr_hunks, "%s file %zu", name,
			     i);
		cr_assert_eq(f->added, want[i].added, "%s file %zu", name, i);
		cr_assert_eq(f->removed, want[i].removed, "%s file %zu", name,
			     i);
	}
	cr_assert_eq(p.d.added, added, "%s", name);
	cr_assert_eq(p.d.removed, removed, "%s", name);
	cr_assert_eq(p.w.nr, 0, "%s: %s", name,
		     p.w.nr ? p.w.items[0].text : "");
	done(&p);
}

Test(diff, modify_with_function_context)
{
	static const struct file_case want[] = {
		{ "main.c", "main.c", 0, 0100644, 0100644, -1, 2, 2, 2 },
	};

	check_files("patch/0001-main-swap-the-operands.patch", want, 1, 2, 2);
	check_files("patch/u0-0001-main-swap-the-operands.patch", want, 1, 2,
		    2);
}

Test(diff, rename_with_edit)
{
	static const struct file_case want[] = {
		{ "notes.txt", "doc.txt", PRV_FILE_RENAME, 0100644, 0100644, 68,
		  1, 1, 1 },
	};

	check_files("patch/0002-doc-rename-notes-to-doc.patch", want, 1, 1, 1);
}

Test(diff, delete_add_mode_change)
{
	static const struct file_case want[] = {
		{ "gone.txt", NULL, PRV_FILE_DELETED, 0100644, 0, -1, 1, 0, 1 },
		{ NULL, "new.txt", PRV_FILE_NEW, 0, 0100644, -1, 1, 1, 0 },
		{ NULL, "nonl.txt", PRV_FILE_NEW, 0, 0100644, -1, 1, 1, 0 },
		{ "run.sh", "run.sh", PRV_FILE_MODE, 0100644, 0100755, -1, 0, 0,
		  0 },
	};

	check_files("patch/0003-misc-mode-change-delete-add-no-newline.patch",
		    want, 4, 2, 1);
	check_files("patch/u0-0003-misc.patch", want, 4, 2, 1);
}

Test(diff, binary_and_no_newline)
{
	static const struct file_case want[] = {
		{ NULL, "blob.bin", PRV_FILE_NEW | PRV_FILE_BINARY, 0, 0100644,
		  -1, 0, 0, 0 },
		{ "nonl.txt", "nonl.txt", 0, 0100644, 0100644, -1, 1, 1, 1 },
		{ "numbers.txt", "numbers.txt", 0, 0100644, 0100644, -1, 1, 1,
		  1 },
	};

	check_files("patch/0004-bin-add-a-binary-file-edit-one-line.patch",
		    want, 3, 2, 2);
}

Test(diff, quoted_path)
{
	static const struct file_case want[] = {
		{ "caf\303\251.txt", "caf\303\251.txt", 0, 0100644, 0100644, -1,
		  1, 1, 1 },
	};

	check_files("patch/0005-quoted-edit-a-file-with-a-non-ASCII-name.patch",
		    want, 1, 1, 1);
}

Test(diff, pure_rename)
{
	static const struct file_case want[] = {
		{ "run.sh", "run2.sh", PRV_FILE_RENAME, 0, 0, 100, 0, 0, 0 },
	};

	check_files("patch/0006-pure-rename.patch", want, 1, 0, 0);
}

Test(diff, dash_line_inside_hunk_is_content)
{
	static const struct file_case want[] = {
		{ "dash.txt", "dash.txt", 0, 0100644, 0100644, -1, 1, 0, 1 },
	};

	check_files("patch/0007-dash-in-hunk.patch", want, 1, 0, 1);
}

Test(diff, plain_and_cvs_diffs)
{
	static const struct file_case plain[] = {
		{ "a.c.orig", "a.c", 0, 0, 0, -1, 1, 1, 1 },
		{ NULL, "b.c", PRV_FILE_NEW, 0, 0, -1, 1, 2, 0 },
	};
	static const struct file_case cvs[] = {
		{ "x.c", "x.c", 0, 0, 0, -1, 1, 1, 1 },
	};

	check_files("patch/plain-diff.patch", plain, 2, 3, 1);
	check_files("patch/cvs-index.patch", cvs, 1, 1, 1);
}

Test(diff, hunk_header_fields)
{
	static const char text[] =
		"diff --git a/f b/f\n--- a/f\n+++ b/f\n"
		"@@ -10,3 +10,4 @@ static int f(void)\n a\n+b\n c\n d\n"
		"@@ -20 +21 @@\n-x\n+y\n"
		"@@ -30,0 +31,1 @@\n+z\n";
	struct parsed p;
	const struct prv_hunk *h;

	parse_text(&p, text, strlen(text));
	cr_assert_eq(p.d.nr_files, 1);
	cr_assert_eq(p.d.files[0].nr_hunks, 3);
	h = p.d.files[0].hunks;
	cr_assert_eq(h[0].old_start, 10);
	cr_assert_eq(h[0].old_count, 3);
	cr_assert_eq(h[0].new_start, 10);
	cr_assert_eq(h[0].new_count, 4);
	cr_assert_str_eq(h[0].func, "static int f(void)");
	cr_assert_eq(h[0].header_len,
		     strlen("@@ -10,3 +10,4 @@ static int f(void)"));
	cr_assert_eq(h[0].body_len, strlen(" a\n+b\n c\n d\n"));
	cr_assert_eq(h[1].old_count, 1);
	cr_assert_eq(h[1].new_count, 1);
	cr_assert_str_eq(h[1].func, "");
	cr_assert_eq(h[2].old_count, 0);
	cr_assert_eq(h[2].added, 1);
	cr_assert_eq(p.d.added, 3);
	cr_assert_eq(p.d.removed, 1);
	cr_assert_eq(p.d.files[0].text, text);
	cr_assert_eq(p.d.files[0].text_len, strlen(text));
	done(&p);
}

Test(diff, odd_input_warns_and_survives)
{
	static const struct {
		const char *text;
		size_t files, warnings;
	} cases[] = {
		{ "", 0, 0 },
		{ "no diff here\n", 0, 0 },
		/* truncated hunk */
		{ "diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,5 +1,5 @@\n a\n",
		  1, 1 },
		/* garbage between two files */
		{ "diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n"
		  "garbage\ndiff --git a/g b/g\n--- a/g\n+++ b/g\n@@ -1 +1 @@\n"
		  "-a\n+b\n",
		  2, 1 },
		/* bad hunk header */
		{ "diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -x +1 @@\n", 1, 1 },
		/* a lone header, no newline at the end */
		{ "diff --git a/f b/f", 1, 0 },
		{ "diff --git \"a/unterminated", 1, 0 },
		/* "--- x"/"+++ y" without a hunk is not a file (git apply) */
		{ "--- /dev/fd/63\n+++ /dev/ ..\n\nprose\n", 0, 0 },
		/* blank lines between the header lines of a file */
		{ "diff --git a/f b/f\n\n\nindex 1..2 100644\n\n--- a/f\n"
		  "+++ b/f\n@@ -1 +1 @@\n-a\n+b\n",
		  1, 1 },
		/* NUL bytes and CRs */
		{ "diff --git a/f b/f\r\n--- a/f\r\n+++ b/f\r\n@@ -1 +1 @@\r\n-a\r\n+b\r\n",
		  1, 0 },
	};
	size_t i;

	for (i = 0; i < PRV_ARRAY_SIZE(cases); i++) {
		struct parsed p;

		parse_text(&p, cases[i].text, strlen(cases[i].text));
		cr_assert_eq(p.d.nr_files, cases[i].files, "case %zu: %zu", i,
			     p.d.nr_files);
		cr_assert_eq(p.w.nr, cases[i].warnings, "case %zu: %zu", i,
			     p.w.nr);
		done(&p);
	}
}

Test(diff, plain_names_with_spaced_timestamps)
{
	static const char text[] =
		"--- /tmp/d/old  2025-08-27 19:05:08.039619097 +0200\n"
		"+++ /tmp/d/new file  2025-08-27 19:05:09.062551248 +0200\n"
		"@@ -1 +1 @@\n-a\n+b\n";
	struct parsed p;

	parse_text(&p, text, strlen(text));
	cr_assert_eq(p.d.nr_files, 1);
	cr_assert_str_eq(p.d.files[0].old_path, "tmp/d/old");
	cr_assert_str_eq(p.d.files[0].new_path, "tmp/d/new file");
	done(&p);
}

Test(diff, file_path_prefers_new)
{
	struct prv_file f = { 0 };

	f.old_path = "old";
	cr_assert_str_eq(prv_file_path(&f), "old");
	f.new_path = "new";
	cr_assert_str_eq(prv_file_path(&f), "new");
}

/* The function at one line of a hunk whose header names a(). */
struct func_case {
	const char *body;
	int line; /* 0-based line of the body asked about */
	const char *want;
};

static const struct func_case func_cases[] = {
	/* nothing in the hunk: the header's function */
	{ " \tx;\n+\ty;\n \tz;\n", 1, "static int a(void)" },
	/* a new function b() before the line: b */
	{ " }\n+\n+static int b(int x)\n+{\n+\treturn x;\n+}\n", 4,
	  "static int b(int x)" },
	/* the line before b()'s definition: still a */
	{ "+\tfoo();\n }\n+static int b(int x)\n+{\n", 0,
	  "static int a(void)" },
	{ "+\tfoo();\n }\n+static int b(int x)\n+{\n", 1,
	  "static int a(void)" },
	/* the definition line itself belongs to b */
	{ " }\n+static int b(int x)\n+{\n", 1, "static int b(int x)" },
	/* a context definition counts, the last one wins */
	{ " void c(void)\n {\n }\n+void d(void)\n+{\n+\tx;\n", 5,
	  "void d(void)" },
	{ " void c(void)\n {\n+\tx;\n }\n+void d(void)\n", 2, "void c(void)" },
	/* a removed definition is not in the new file */
	{ "-static int old(void)\n-{\n+\tx;\n", 2, "static int a(void)" },
	{ "-static int old(void)\n+static int new(void)\n+{\n+\tx;\n", 3,
	  "static int new(void)" },
	/* a removed line is in the old file: removed definitions count */
	{ "-static int old(void)\n-{\n-\tx;\n+\ty;\n", 2,
	  "static int old(void)" },
	{ " }\n+int b(void)\n-\tx;\n", 2, "static int a(void)" },
	{ " int c(void)\n+int b(void)\n-\tx;\n+\ty;\n", 2, "int c(void)" },
	{ " int c(void)\n+int b(void)\n-\tx;\n+\ty;\n", 3, "int b(void)" },
	/* goto labels alone on their line are not functions (git's cpp) */
	{ " out:\n+\tx;\n", 1, "static int a(void)" },
	{ "+err_free: /* the buffer */\n+\tx;\n", 1, "static int a(void)" },
	{ "+err_free:\t\n+\tx;\n", 1, "static int a(void)" },
	{ " out: return 0;\n+\tx;\n", 1, "out: return 0;" },
	/* '_' and '$' start a function line; '#', '}', indent and '\' not */
	{ "+_do_thing(void)\n+\tx;\n", 1, "_do_thing(void)" },
	{ "+$vms\n+\tx;\n", 1, "$vms" },
	{ "+#define X 1\n+}\n+ int y;\n+\tint z;\n+\tx;\n", 4,
	  "static int a(void)" },
	{ "+int b(void)\n\\ No newline at end of file\n", 1, "int b(void)" },
	/* trailing white space and CR are not part of it */
	{ "+int b(void) \t\r\n+{\n", 1, "int b(void)" },
	/* a line past the end: the last function of the hunk */
	{ "+int b(void)\n+{\n", 99, "int b(void)" },
	{ "", 0, "static int a(void)" },
};

Test(diff, hunk_func_at)
{
	size_t i;

	for (i = 0; i < sizeof(func_cases) / sizeof(func_cases[0]); i++) {
		const struct func_case *c = &func_cases[i];
		struct prv_hunk h = { 0 };
		const char *p = c->body, *got;
		size_t len;
		int n;

		h.func = "static int a(void)";
		h.body = c->body;
		h.body_len = strlen(c->body);
		for (n = 0; n < c->line && (p = strchr(p, '\n')); n++)
			p++;
		got = prv_hunk_func_at(
			&h, p ? (size_t)(p - c->body) : h.body_len, &len);
		cr_assert_eq(len, strlen(c->want), "case %zu: '%.*s'", i,
			     (int)len, got);
		cr_assert(!memcmp(got, c->want, len), "case %zu: '%.*s'", i,
			  (int)len, got);
	}
}

Test(diff, hunk_func_at_without_context)
{
	struct prv_hunk h = { 0 };
	size_t len = 1;

	/* no body at all, no header function */
	cr_assert_str_eq(prv_hunk_func_at(&h, 0, &len), "");
	cr_assert_eq(len, 0);
	h.func = "";
	h.body = " \tx;\n+\ty;\n";
	h.body_len = strlen(h.body);
	cr_assert_str_eq(prv_hunk_func_at(&h, 4, &len), "");
	cr_assert_eq(len, 0);
	/* only a part of the body is the hunk: the rest is not looked at */
	h.body = "+\tx;\n+int b(void)\n";
	h.body_len = 5;
	prv_hunk_func_at(&h, 99, &len);
	cr_assert_eq(len, 0);
}
