// SPDX-License-Identifier: GPL-2.0-or-later
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/base/error.h"
#include "core/mail/msg.h"
#include "core/series/series.h"
#include "core/series/source.h"
#include "tests/testutil.h"

Test(source, kind)
{
	char dir[4096], file[4096], odd[4096];
	FILE *f;

	snprintf(dir, sizeof(dir), "%s", prv_test_data("mail/patches"));
	snprintf(file, sizeof(file), "%s", prv_test_data("mail/series.mbox"));
	cr_expect_eq(prv_source_kind("-"), PRV_SOURCE_STDIN);
	cr_expect_eq(prv_source_kind(dir), PRV_SOURCE_DIR);
	cr_expect_eq(prv_source_kind(file), PRV_SOURCE_FILE);
	cr_expect_eq(prv_source_kind("https://lore.kernel.org/all/x@y/"),
		     PRV_SOURCE_URL);
	cr_expect_eq(prv_source_kind("http://example.org/t.mbox"),
		     PRV_SOURCE_URL);
	cr_expect_eq(prv_source_kind("<20240102.1-ada@example.org>"),
		     PRV_SOURCE_MSGID);
	cr_expect_eq(prv_source_kind("20240102.1-ada@example.org"),
		     PRV_SOURCE_MSGID);
	cr_expect_eq(prv_source_kind("no-such-file.mbox"), PRV_SOURCE_FILE);
	/* an existing file whose name looks like a message-id is a file */
	snprintf(odd, sizeof(odd), "/tmp/prv-source-%d-a@b.mbox",
		 (int)getpid());
	f = fopen(odd, "w");
	cr_assert_not_null(f);
	fclose(f);
	cr_expect_eq(prv_source_kind(odd), PRV_SOURCE_FILE);
	unlink(odd);
}

struct add_case {
	const char *name; /* under tests/data */
	int ret;
	size_t mails;
	size_t skips; /* warnings about input left out ("skipped") */
};

static size_t count_skips(const struct prv_warnings *w)
{
	size_t i, n = 0;

	for (i = 0; i < w->nr; i++)
		n += strstr(w->items[i].text, "skipped") != NULL;
	return n;
}

static const struct add_case add_cases[] = {
	{ "mail/series.mbox", 0, 3, 0 },
	{ "mail/series.mbox.gz", 0, 3, 0 },
	{ "mail/crlf.mbox", 0, 3, 0 },
	{ "mail/mboxrd.mbox", 0, 3, 1 },
	{ "mail/patches", 0, 3, 1 },
	{ "mail/patches/0001-net-add-b.patch", 0, 1, 0 },
	{ "mail/patches/README", PRV_EPARSE, 0, 0 },
	{ "mail/not-mail.png", PRV_EPARSE, 0, 0 },
	{ "mail/empty", PRV_EPARSE, 0, 0 },
	{ "mail/nomail-dir", PRV_EPARSE, 0, 1 },
	{ "mail/missing.mbox", PRV_EIO, 0, 0 },
	{ "mail/truncated.mbox.gz", PRV_EPARSE, 0, 0 },
};

Test(source, add_table)
{
	size_t i;

	for (i = 0; i < sizeof(add_cases) / sizeof(add_cases[0]); i++) {
		const struct add_case *c = &add_cases[i];
		struct prv_input in;
		char path[4096];
		int ret;

		snprintf(path, sizeof(path), "%s", prv_test_data(c->name));
		prv_input_init(&in);
		ret = prv_source_add(&in, path, NULL);
		cr_expect_eq(ret, c->ret, "%s: %d (%s)", c->name, ret,
			     prv_error_last());
		cr_expect_eq(in.nr_mails, c->mails, "%s: %zu mails", c->name,
			     in.nr_mails);
		cr_expect_eq(count_skips(&in.warnings), c->skips,
			     "%s: %zu skips", c->name,
			     count_skips(&in.warnings));
		if (ret)
			cr_expect(strstr(prv_error_last(), c->name),
				  "%s: error names the source: %s", c->name,
				  prv_error_last());
		prv_input_release(&in);
	}
}

Test(source, order_and_names)
{
	struct prv_input in;
	char dir[4096], mbox[4096];
	size_t i;

	snprintf(dir, sizeof(dir), "%s", prv_test_data("mail/patches"));
	snprintf(mbox, sizeof(mbox), "%s", prv_test_data("mail/mboxrd.mbox"));
	prv_input_init(&in);
	cr_assert_eq(prv_source_add(&in, dir, NULL), 0);
	cr_assert_eq(prv_source_add(&in, mbox, NULL), 0);
	cr_assert_eq(in.nr_mails, 6);
	for (i = 0; i < in.nr_mails; i++)
		cr_expect_eq(in.mails[i]->seq, i);
	cr_expect(strstr(in.mails[0]->source, "0000-cover-letter.patch"));
	cr_expect(strstr(in.mails[2]->source, "0002-net-add-c.patch"));
	cr_expect(strstr(in.mails[3]->source, "mboxrd.mbox"));
	cr_expect_str_eq(prv_msg_get(&in.mails[1]->msg, "subject"),
			 "[PATCH 1/2] net: add b");
	/* mboxrd quoting undone in the first lore message */
	cr_expect(strstr(in.mails[3]->msg.body,
			 "From the archive: one quote level.\n"
			 ">From the archive: two levels.\n"),
		  "%s", in.mails[3]->msg.body);
	/* format-patch files are mboxo: the quote stays */
	cr_expect(
		strstr(in.mails[1]->msg.body, "\n>From here on it exists.\n"));
	prv_input_release(&in);
}

Test(source, msgid_goes_to_lore)
{
	struct prv_input in;
	struct prv_source_opts opts = PRV_SOURCE_OPTS_INIT;
	int ret;

	opts.lore.offline = true;
	prv_input_init(&in);
	ret = prv_source_add(&in, "<no-such-message@example.org>", &opts);
	cr_expect_lt(ret, 0);
	cr_expect_eq(in.nr_mails, 0);
	prv_input_release(&in);
}

Test(source, stdin)
{
	struct prv_input in;

	cr_assert_not_null(
		freopen(prv_test_data("mail/series.mbox.gz"), "rb", stdin));
	prv_input_init(&in);
	cr_assert_eq(prv_source_add(&in, "-", NULL), 0, "%s", prv_error_last());
	cr_expect_eq(in.nr_mails, 3);
	cr_expect_str_eq(in.mails[0]->source, "<stdin>");
	prv_input_release(&in);
}

/* A .gz (stdin too) is held to the cap of a plain file, inflated. */
Test(source, gzip_bomb_is_capped)
{
	char path[] = "/tmp/prv-bomb-XXXXXX";
	char cmd[256];
	struct prv_source_opts opts = PRV_SOURCE_OPTS_INIT;
	struct prv_input in;
	int fd = mkstemp(path);
	int ret;

	cr_assert_geq(fd, 0);
	close(fd);
	/* 2 MiB of zeros inflate past a 1 MiB cap */
	opts.max_size = (size_t)1 << 20;
	snprintf(cmd, sizeof(cmd), "head -c %zu /dev/zero | gzip -1 > '%s'",
		 (size_t)2 << 20, path);
	cr_assert_eq(system(cmd), 0);
	prv_input_init(&in);
	ret = prv_source_add(&in, path, &opts);
	cr_expect_eq(ret, PRV_ENOMEM, "%d: %s", ret, prv_error_last());
	cr_expect(strstr(prv_error_last(), path), "%s", prv_error_last());
	cr_expect(strstr(prv_error_last(), "more than 1048576 bytes"), "%s",
		  prv_error_last());
	cr_expect_eq(in.nr_mails, 0);
	prv_input_release(&in);
	cr_assert_not_null(freopen(path, "rb", stdin));
	prv_input_init(&in);
	ret = prv_source_add(&in, "-", &opts);
	cr_expect_eq(ret, PRV_ENOMEM, "%d: %s", ret, prv_error_last());
	prv_input_release(&in);
	unlink(path);
}
