// SPDX-License-Identifier: GPL-2.0-or-later
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/arena.h"
#include "core/base/error.h"
#include "core/mail/mbox.h"
#include "core/base/util.h"
#include "core/base/warn.h"
#include "tests/testutil.h"

struct from_case {
	const char *line;
	bool is_from;
};

static const struct from_case from_cases[] = {
	{ "From mboxrd@z Thu Jan  1 00:00:00 1970\n", true },
	{ "From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 "
	  "2001\n",
	  true },
	{ "From user@host Tue Jan  2 10:11:12 2024\r\n", true },
	{ "From user@host Tue Jan  2 10:11:12 +0100 2024\n", true },
	{ "From user@host Tue Jan  2 10:11 2024\n", true }, /* as git */
	{ "From user@host Tue Jan  2 10.11.12 2024\n", false },
	{ "From the start, b was missing.\n", false },
	{ "From: Ada <ada@example.org>\n", false },
	{ ">From mboxrd@z Thu Jan  1 00:00:00 1970\n", false },
	{ "From x Thu Jan  1 00:00:00 0070\n", false },
	{ "From ", false },
	{ "", false },
	{ "From 12:34:56", false },
};

Test(mbox, from_line_rule)
{
	size_t i;

	for (i = 0; i < sizeof(from_cases) / sizeof(from_cases[0]); i++)
		cr_expect_eq(prv_mbox_is_from_line(from_cases[i].line,
						   strlen(from_cases[i].line)),
			     from_cases[i].is_from, "case %zu: '%s'", i,
			     from_cases[i].line);
}

#define FP_SHA "0123456789abcdef0123456789abcdef01234567"

static const struct from_case format_patch_cases[] = {
	{ "From " FP_SHA " Mon Sep 17 00:00:00 2001", true },
	{ "From " FP_SHA " Mon Sep 17 00:00:00 2001\r", true },
	{ "From " FP_SHA " Mon Sep 17 00:00:00 2002", false },
	{ "From 0123456789ABCDEF0123456789abcdef01234567 Mon Sep 17 00:00:00 "
	  "2001",
	  false },
	{ "From 0123456789abcdef Mon Sep 17 00:00:00 2001", false },
	{ "From " FP_SHA " Mon Sep 17 00:00:00 2001 ", false },
	{ "From mboxrd@z Thu Jan  1 00:00:00 1970", false },
	{ "", false },
};

Test(mbox, format_patch_line)
{
	size_t i;

	for (i = 0; i < PRV_ARRAY_SIZE(format_patch_cases); i++)
		cr_expect_eq(prv_mbox_is_format_patch_line(
				     format_patch_cases[i].line,
				     strlen(format_patch_cases[i].line)),
			     format_patch_cases[i].is_from, "case %zu: '%s'", i,
			     format_patch_cases[i].line);
}

/* Each message knows whether git format-patch wrote its From_ line. */
Test(mbox, format_patch_entries)
{
	char text[] = "From " FP_SHA " Mon Sep 17 00:00:00 2001\n"
		      "Subject: a\n\nx\n"
		      "From mboxrd@z Thu Jan  1 00:00:00 1970\n"
		      "Subject: b\n\ny\n";
	char bare[] = "Subject: c\n\nz\n";
	struct prv_mbox m = PRV_MBOX_INIT;

	cr_assert_eq(prv_mbox_split(&m, text, strlen(text), PRV_MBOX_AUTO, "x",
				    NULL),
		     0);
	cr_assert_eq(m.nr, 2);
	cr_expect(m.items[0].format_patch);
	cr_expect(!m.items[1].format_patch);
	prv_mbox_release(&m);
	m = (struct prv_mbox)PRV_MBOX_INIT;
	cr_assert_eq(prv_mbox_split(&m, bare, strlen(bare), PRV_MBOX_AUTO, "x",
				    NULL),
		     0);
	cr_assert_eq(m.nr, 1);
	cr_expect(!m.items[0].format_patch);
	prv_mbox_release(&m);
}

/* b4 am writes "From git@z" lines; lore's "From mboxrd@z" is not one. */
Test(mbox, b4am_entries)
{
	char text[] = "From git@z Thu Jan  1 00:00:00 1970\n"
		      "Subject: a\n\nx\n"
		      "From mboxrd@z Thu Jan  1 00:00:00 1970\n"
		      "Subject: b\n\ny\n"
		      "From git@z Thu Jan  1 00:00:00 1970\r\n"
		      "Subject: c\n\nz\n";
	struct prv_mbox m = PRV_MBOX_INIT;

	cr_expect(!prv_mbox_is_b4am_line("From git@z Thu Jan  1 00:00:00 197",
					 34));
	cr_assert_eq(prv_mbox_split(&m, text, strlen(text), PRV_MBOX_AUTO, "x",
				    NULL),
		     0);
	cr_assert_eq(m.nr, 3);
	cr_expect(m.items[0].b4am);
	cr_expect(!m.items[1].b4am);
	cr_expect(m.items[2].b4am);
	cr_expect(!m.items[0].format_patch);
	prv_mbox_release(&m);
}

struct split_case {
	const char *name;
	const char *text;
	enum prv_mbox_format fmt;
	int ret;
	size_t nr;
	enum prv_mbox_format detected;
	const char *first; /* expected bytes of the first message */
	size_t warnings;
};

#define SEP "From mboxrd@z Thu Jan  1 00:00:00 1970\n"
#define SEPO "From a@b Tue Jan  2 10:11:12 2024\n"

static const struct split_case split_cases[] = {
	{ "mboxrd",
	  SEP "Subject: a\n\n>From x\n>>From y\n>Fromage\n\n" SEP
	      "Subject: b\n\nb\n",
	  PRV_MBOX_AUTO, 0, 2, PRV_MBOX_MBOXRD,
	  "Subject: a\n\nFrom x\n>From y\n>Fromage\n\n", 0 },
	{ "mboxo keeps quotes",
	  SEPO "Subject: a\n\n>From x\n" SEPO "Subject: b\n\nb\n",
	  PRV_MBOX_AUTO, 0, 2, PRV_MBOX_MBOXO, "Subject: a\n\n>From x\n", 0 },
	{ "forced mboxrd", SEPO "Subject: a\n\n>From x\n", PRV_MBOX_MBOXRD, 0,
	  1, PRV_MBOX_MBOXRD, "Subject: a\n\nFrom x\n", 0 },
	{ "forced mboxo", SEP "Subject: a\n\n>From x\n", PRV_MBOX_MBOXO, 0, 1,
	  PRV_MBOX_MBOXO, "Subject: a\n\n>From x\n", 0 },
	{ "crlf",
	  "From a@b Tue Jan  2 10:11:12 2024\r\nSubject: a\r\n\r\nx\r\n"
	  "From a@b Tue Jan  2 10:11:12 2024\r\nSubject: b\r\n\r\ny\r\n",
	  PRV_MBOX_AUTO, 0, 2, PRV_MBOX_MBOXO, "Subject: a\r\n\r\nx\r\n", 0 },
	{ "bare message",
	  "Subject: a\nFrom: x@y\n\nFrom me Tue Jan  2 "
	  "10:11:12 2024\n",
	  PRV_MBOX_AUTO, 0, 1, PRV_MBOX_MBOXO,
	  "Subject: a\nFrom: x@y\n\nFrom me Tue Jan  2 10:11:12 2024\n", 0 },
	{ "leading blank lines", "\n\n" SEPO "Subject: a\n\nx\n", PRV_MBOX_AUTO,
	  0, 1, PRV_MBOX_MBOXO, "Subject: a\n\nx\n", 0 },
	{ "empty messages skipped", SEPO SEPO "\n" SEPO "Subject: a\n\nx\n",
	  PRV_MBOX_AUTO, 0, 1, PRV_MBOX_MBOXO, "Subject: a\n\nx\n", 2 },
	{ "preamble skipped", "some words\nmore\n" SEPO "Subject: a\n\nx\n",
	  PRV_MBOX_AUTO, 0, 1, PRV_MBOX_MBOXO, "Subject: a\n\nx\n", 1 },
	{ "byte order mark", "\xef\xbb\xbfSubject: a\n\nx\n", PRV_MBOX_AUTO, 0,
	  1, PRV_MBOX_MBOXO, "Subject: a\n\nx\n", 0 },
	{ "no final newline", SEPO "Subject: a\n\nx", PRV_MBOX_AUTO, 0, 1,
	  PRV_MBOX_MBOXO, "Subject: a\n\nx", 0 },
	{ "empty", "", PRV_MBOX_AUTO, PRV_EPARSE, 0, PRV_MBOX_AUTO, NULL, 0 },
	{ "blank", " \n\n\t\n", PRV_MBOX_AUTO, PRV_EPARSE, 0, PRV_MBOX_AUTO,
	  NULL, 0 },
	{ "c file", "#include <stdio.h>\nint main(void) { return 0; }\n",
	  PRV_MBOX_AUTO, PRV_EPARSE, 0, PRV_MBOX_AUTO, NULL, 0 },
	{ "png", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", PRV_MBOX_AUTO, PRV_EPARSE, 0,
	  PRV_MBOX_AUTO, NULL, 0 },
	{ "not mail headers", "Title: notes\nAuthor: me\n\ntext\n",
	  PRV_MBOX_AUTO, PRV_EPARSE, 0, PRV_MBOX_AUTO, NULL, 0 },
};

Test(mbox, split_table)
{
	size_t i;

	for (i = 0; i < sizeof(split_cases) / sizeof(split_cases[0]); i++) {
		const struct split_case *c = &split_cases[i];
		struct prv_arena a = PRV_ARENA_INIT;
		struct prv_warnings w;
		struct prv_mbox m = PRV_MBOX_INIT;
		size_t len = strlen(c->text);
		char *buf;
		int ret;

		if (!strcmp(c->name, "png"))
			len = 16;
		buf = malloc(len + 1);
		memcpy(buf, c->text, len + 1);
		prv_warnings_init(&w, &a);
		ret = prv_mbox_split(&m, buf, len, c->fmt, "x", &w);
		cr_expect_eq(ret, c->ret, "%s: ret %d", c->name, ret);
		cr_expect_eq(m.nr, c->nr, "%s: %zu messages", c->name, m.nr);
		cr_expect_eq(w.nr, c->warnings, "%s: %zu warnings", c->name,
			     w.nr);
		if (!c->ret)
			cr_expect_eq(m.format, c->detected, "%s: format",
				     c->name);
		if (c->ret)
			cr_expect(strstr(prv_error_last(), "'x' does not look "
							   "like mail"),
				  "%s: %s", c->name, prv_error_last());
		if (c->first && m.nr) {
			cr_expect_eq(m.items[0].len, strlen(c->first),
				     "%s: len %zu", c->name, m.items[0].len);
			cr_expect(!memcmp(m.items[0].data, c->first,
					  strlen(c->first)),
				  "%s: '%.*s'", c->name, (int)m.items[0].len,
				  m.items[0].data);
		}
		prv_mbox_release(&m);
		prv_warnings_release(&w);
		prv_arena_release(&a);
		free(buf);
	}
}

Test(mbox, line_numbers)
{
	char text[] = "\n" SEPO "Subject: a\n\nx\n" SEPO "Subject: b\n";
	struct prv_mbox m = PRV_MBOX_INIT;

	cr_assert_eq(prv_mbox_split(&m, text, strlen(text), PRV_MBOX_AUTO, "x",
				    NULL),
		     0);
	cr_assert_eq(m.nr, 2);
	cr_expect_eq(m.items[0].line, 3);
	cr_expect_eq(m.items[1].line, 7);
	prv_mbox_release(&m);
}

static size_t split_file(const char *path, size_t *quoted)
{
	struct prv_mbox m = PRV_MBOX_INIT;
	size_t len, nr;
	char *buf = prv_test_read(path, &len);

	cr_assert_not_null(buf, "%s", path);
	cr_assert_eq(prv_mbox_split(&m, buf, len, PRV_MBOX_AUTO, path, NULL), 0,
		     "%s: %s", path, prv_error_last());
	nr = m.nr;
	if (quoted)
		*quoted = m.format == PRV_MBOX_MBOXRD;
	prv_mbox_release(&m);
	free(buf);
	return nr;
}

/*
 * Split `path` with git mailsplit into `dir` and compare every message with
 * ours, byte for byte (git's files start with the From_ line). Returns the
 * number of messages git wrote, or -1.
 */
static long compare_with_git(const char *path, bool mboxrd, size_t *same)
{
	char dir[] = "/tmp/prv-mailsplit-XXXXXX";
	char cmd[20000];
	struct prv_mbox m = PRV_MBOX_INIT;
	size_t len, i;
	char *buf;
	long n = -1;
	FILE *f;

	*same = 0;
	if (!mkdtemp(dir))
		return -1;
	snprintf(cmd, sizeof(cmd), "git mailsplit -b %s -o'%s' '%s'",
		 mboxrd ? "--mboxrd" : "", dir, path);
	f = popen(cmd, "r");
	if (f) {
		if (fscanf(f, "%ld", &n) != 1)
			n = -1;
		pclose(f);
	}
	buf = prv_test_read(path, &len);
	if (buf && !prv_mbox_split(&m, buf, len, PRV_MBOX_AUTO, path, NULL)) {
		for (i = 0; i < m.nr && (long)i < n; i++) {
			char file[64];
			size_t glen, off = 0;
			char *g;

			snprintf(file, sizeof(file), "%s/%04zu", dir, i + 1);
			g = prv_test_read(file, &glen);
			if (!g)
				continue;
			if (prv_mbox_is_from_line(g, prv_line_len(g, glen)))
				off = prv_line_len(g, glen) + 1;
			if (glen - off == m.items[i].len &&
			    !memcmp(g + off, m.items[i].data, m.items[i].len))
				(*same)++;
			free(g);
		}
	}
	prv_mbox_release(&m);
	free(buf);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd))
		cr_log_warn("could not remove %s", dir);
	return n;
}

Test(mbox, test_data_files)
{
	cr_expect_eq(split_file(prv_test_data("mail/series.mbox"), NULL), 3);
	cr_expect_eq(split_file(prv_test_data("mail/crlf.mbox"), NULL), 3);
	cr_expect_eq(split_file(prv_test_data("mail/mboxrd.mbox"), NULL), 3);
}

static bool starts_mboxrd(const char *path)
{
	char head[16] = { 0 };
	FILE *f = fopen(path, "rb");

	if (!f)
		return false;
	if (fread(head, 1, 12, f) != 12)
		head[0] = '\0';
	fclose(f);
	return !strncmp(head, "From mboxrd@", 12);
}

struct mailsplit_stats {
	size_t agree, msgs, same_msgs;
};

static void compare_corpus_file(const char *file, void *payload)
{
	struct mailsplit_stats *st = payload;
	size_t ours, same;
	long theirs;

	ours = split_file(file, NULL);
	theirs = compare_with_git(file, starts_mboxrd(file), &same);
	if (theirs == (long)ours)
		st->agree++;
	st->msgs += ours;
	st->same_msgs += same;
	cr_expect_eq((long)ours, theirs, "%s: %zu vs git %ld", file, ours,
		     theirs);
	cr_expect_eq(same, ours, "%s: %zu of %zu messages differ from git's",
		     file, ours - same, ours);
}

Test(mbox, corpus_agrees_with_git_mailsplit)
{
	static const char *const dirs[] = { "lore", "b4", "patchwork/mail",
					    "patchwork/series" };
	const char *corpus = prv_test_corpus_dir();
	struct mailsplit_stats st = { 0, 0, 0 };
	size_t files;

	if (!corpus) {
		/* Criterion counts a skipped test as a failure: say it, pass */
		printf("mbox: skipped: corpus absent (PRV_CORPUS), git "
		       "mailsplit agreement not checked\n");
		return;
	}
	files = prv_test_for_each_corpus_file(
		corpus, dirs, PRV_ARRAY_SIZE(dirs), compare_corpus_file, &st);
	printf("mbox: %zu/%zu corpus files split like git mailsplit, "
	       "%zu/%zu messages byte-identical\n",
	       st.agree, files, st.same_msgs, st.msgs);
	cr_expect_gt(files, 10);
}

/* The writer quotes exactly what the split unquotes: a round trip. */
Test(mbox, append_round_trip)
{
	static const char msg[] = "Subject: x\n"
				  "\n"
				  "From the start\n"
				  ">From quoted once\n"
				  ">>From twice\n"
				  "From: not a header here\n"
				  "last line without a break";
	struct prv_buf b = PRV_BUF_INIT;
	struct prv_mbox m = PRV_MBOX_INIT;
	struct prv_arena a = PRV_ARENA_INIT;
	struct prv_warnings w;

	prv_warnings_init(&w, &a);
	cr_assert_eq(prv_mbox_append(&b, "mboxrd@z", msg, strlen(msg)), 0);
	cr_expect_str_eq(b.data, "From mboxrd@z Thu Jan  1 00:00:00 1970\n"
				 "Subject: x\n"
				 "\n"
				 ">From the start\n"
				 ">>From quoted once\n"
				 ">>>From twice\n"
				 "From: not a header here\n"
				 "last line without a break\n");
	cr_assert_eq(prv_mbox_split(&m, b.data, b.len, PRV_MBOX_AUTO, "t", &w),
		     0);
	cr_assert_eq(m.nr, 1);
	cr_expect_eq(m.items[0].len, strlen(msg) + 1);
	cr_expect(!memcmp(m.items[0].data, msg, strlen(msg)));
	prv_mbox_release(&m);
	prv_warnings_release(&w);
	prv_arena_release(&a);
	prv_buf_release(&b);
}
