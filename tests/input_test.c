// SPDX-License-Identifier: GPL-2.0-or-later
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/base/buf.h"
#include "core/series/series.h"

/*
 * A mailbox of `n` messages; every seventh lacks a Message-ID and every
 * eleventh is Latin-1 quoted-printable, so that both parser threads warn
 * and convert charsets.
 */
static char *make_mbox(size_t n, size_t *len)
{
	struct prv_buf b = PRV_BUF_INIT;
	size_t i;

	for (i = 0; i < n; i++) {
		prv_buf_addf(&b, "From mboxrd@z Thu Jan  1 00:00:00 1970\n");
		prv_buf_addf(&b, "From: Dev %zu <dev%zu@example.org>\n", i, i);
		if (i % 7)
			prv_buf_addf(&b, "Message-ID: <m%zu@example.org>\n", i);
		prv_buf_addf(&b, "Subject: [PATCH] msg %zu\n", i);
		prv_buf_addf(&b, "Date: Mon, 1 Jan 2024 10:00:%02zu +0000\n",
			     i % 60);
		if (!(i % 11))
			prv_buf_addf(&b,
				     "Content-Type: text/plain; "
				     "charset=iso-8859-1\n"
				     "Content-Transfer-Encoding: "
				     "quoted-printable\n\nCaf=E9 %zu\n",
				     i);
		else
			prv_buf_addf(&b, "\nbody %zu\n>From here\n", i);
		prv_buf_addch(&b, '\n');
	}
	return prv_buf_detach(&b, len);
}

static void check_order(size_t n)
{
	struct prv_input in;
	size_t len, i, missing = 0;
	char *buf = make_mbox(n, &len);

	prv_input_init(&in);
	cr_assert_eq(prv_input_add_buffer(&in, buf, len, "big.mbox"), 0);
	cr_assert_eq(in.nr_mails, n);
	for (i = 0; i < n; i++) {
		char want[64];
		const struct prv_mail *m = in.mails[i];

		cr_assert_eq(m->seq, i);
		snprintf(want, sizeof(want), "[PATCH] msg %zu", i);
		cr_assert_str_eq(m->subject, want);
		if (!(i % 11))
			cr_assert_not_null(strstr(m->msg.body, "Caf\xc3\xa9"));
		if (!(i % 7))
			missing++;
	}
	/* one warning per missing Message-ID at least, in mail order */
	cr_assert_geq(in.warnings.nr, missing);
	for (i = 1; i < in.warnings.nr; i++) {
		const char *a = in.warnings.items[i - 1].message_id;
		const char *b = in.warnings.items[i].message_id;

		if (!a || !b || strncmp(a, "m", 1) || strncmp(b, "m", 1))
			continue;
		cr_assert_leq(atoi(a + 1), atoi(b + 1));
	}
	prv_input_release(&in);
}

Test(input, small_mailbox_in_order)
{
	check_order(10);
}

Test(input, large_mailbox_parsed_by_two_threads_in_order)
{
	check_order(1500);
}
