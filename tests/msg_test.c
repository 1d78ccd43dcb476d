// SPDX-License-Identifier: GPL-2.0-or-later
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/arena.h"
#include "core/base/buf.h"
#include "core/base/error.h"
#include "core/mail/msg.h"
#include "core/base/util.h"
#include "core/base/warn.h"
#include "tests/testutil.h"

struct parse_fixture {
	struct prv_arena a;
	struct prv_warnings w;
	struct prv_msg m;
};

static void parse(struct parse_fixture *f, const char *text, size_t len)
{
	prv_arena_init(&f->a);
	prv_warnings_init(&f->w, &f->a);
	cr_assert_eq(prv_msg_parse(&f->m, &f->a, text, len, "t", &f->w), 0);
}

static void done(struct parse_fixture *f)
{
	prv_warnings_release(&f->w);
	prv_arena_release(&f->a);
}

Test(msg, headers_unfolded_case_insensitive)
{
	static const char text[] = "Subject: [PATCH] net: a very\n"
				   "\tlong subject  \n"
				   "   continued\n"
				   "from: Ada <ada@example.org>\n"
				   "X-Empty:\n"
				   "Subject: second\n"
				   "\n"
				   "body\n";
	struct parse_fixture f;

	parse(&f, text, sizeof(text) - 1);
	cr_expect_eq(f.m.nr_headers, 4);
	cr_expect_str_eq(prv_msg_get(&f.m, "SUBJECT"),
			 "[PATCH] net: a very long subject   continued");
	cr_expect_str_eq(prv_msg_get(&f.m, "From"), "Ada <ada@example.org>");
	cr_expect_str_eq(prv_msg_get(&f.m, "x-empty"), "");
	cr_expect_null(prv_msg_get(&f.m, "To"));
	cr_expect_eq(f.m.headers[1].name_len, 4);
	cr_expect(!memcmp(f.m.headers[1].name, "from", 4));
	cr_expect_str_eq(f.m.body, "body\n");
	cr_expect_eq(f.m.body_len, 5);
	cr_expect_eq(f.w.nr, 0);
	done(&f);
}

Test(msg, malformed_header_line_ends_block)
{
	static const char text[] = "Subject: a\n"
				   "this is not a header\n"
				   "To: b\n"
				   "\n"
				   "rest\n";
	struct parse_fixture f;

	parse(&f, text, sizeof(text) - 1);
	cr_expect_eq(f.m.nr_headers, 1);
	cr_expect_null(prv_msg_get(&f.m, "to"));
	cr_expect_str_eq(f.m.body, "this is not a header\nTo: b\n\nrest\n");
	cr_expect_eq(f.w.nr, 1);
	done(&f);
}

Test(msg, no_headers_and_crlf_and_8bit)
{
	static const char text[] = "Subject: caf\xc3\xa9 \xe9t\xe9\r\n"
				   "From mboxrd@z Thu Jan  1 00:00:00 1970\r\n"
				   "\r\n"
				   "line\r\n";
	struct parse_fixture f;

	parse(&f, text, sizeof(text) - 1);
	cr_expect(f.m.flags & PRV_MSG_CRLF);
	cr_expect_eq(f.m.nr_headers, 1);
	cr_expect_str_eq(prv_msg_get(&f.m, "subject"), "caf\xc3\xa9 \xe9t\xe9");
	cr_expect_str_eq(prv_msg_get_decoded(&f.m, &f.a, "subject"),
			 "caf\xc3\xa9 \xc3\xa9t\xc3\xa9");
	cr_expect_str_eq(f.m.body, "line\n");
	done(&f);

	parse(&f, "just text\n", 10);
	cr_expect(f.m.flags & PRV_MSG_NO_HEADERS);
	cr_expect_str_eq(f.m.body, "just text\n");
	done(&f);
}

/*
 * Past 4096 fields the rest (Subject, Message-ID...) would be lost: an
 * error naming the message, the message read as far as it goes.
 */
Test(msg, header_count_is_capped)
{
	struct prv_buf b = PRV_BUF_INIT;
	struct parse_fixture f;
	int i;

	prv_buf_addstr(&b, "Message-ID: <cap@example.org>\n");
	for (i = 0; i < 5000; i++)
		prv_buf_addf(&b, "X-%d: v\n\tfolded\n", i);
	prv_buf_addstr(&b, "not a header\n\nbody\n");
	prv_arena_init(&f.a);
	prv_warnings_init(&f.w, &f.a);
	cr_expect_eq(prv_msg_parse(&f.m, &f.a, b.data, b.len, "t", &f.w),
		     PRV_ENOMEM);
	cr_expect(strstr(prv_error_last(), "more than 4096 header fields in "
					   "<cap@example.org>"),
		  "%s", prv_error_last());
	cr_expect(f.m.flags & PRV_MSG_TOO_MANY_HEADERS);
	cr_expect_eq(f.m.nr_headers, 4096);
	cr_expect_str_eq(f.m.headers[4095].value, "v folded");
	cr_expect_str_eq(f.m.body, "not a header\n\nbody\n");
	cr_expect_eq(f.w.nr, 1);
	cr_expect_str_eq(f.w.items[0].message_id, "cap@example.org");
	done(&f);
	prv_buf_release(&b);
}

/* 4096 fields exactly are no error. */
Test(msg, header_count_at_the_cap)
{
	struct prv_buf b = PRV_BUF_INIT;
	struct parse_fixture f;
	int i;

	prv_buf_addstr(&b, "Message-ID: <cap@example.org>\n");
	for (i = 1; i < 4096; i++)
		prv_buf_addf(&b, "X-%d: v\n", i);
	prv_buf_addstr(&b, "\nbody\n");
	parse(&f, b.data, b.len);
	cr_expect_eq(f.m.nr_headers, 4096);
	cr_expect(!(f.m.flags & PRV_MSG_TOO_MANY_HEADERS));
	done(&f);
	prv_buf_release(&b);
}

Test(msg, survives_odd_inputs)
{
	static const struct {
		const char *text;
		size_t len;
	} cases[] = {
		{ "", 0 },
		{ ":", 1 },
		{ "A:", 2 },
		{ "A: b\n ", 6 },
		{ "\n\n", 2 },
		{ "A: \0b\n\nc\0d", 10 },
		{ "Content-Type: multipart/mixed; boundary=x\n\n--x", 47 },
		{ "Content-Type: multipart/mixed; boundary=\"\n\n", 44 },
		{ "Content-Transfer-Encoding: base64\n\n====", 39 },
		{ "Content-Transfer-Encoding: quoted-printable\n\n=", 46 },
		{ "Content-Type: text/plain; charset=\"x\n\n\xff", 40 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct parse_fixture f;
		char *copy = malloc(cases[i].len ? cases[i].len : 1);

		memcpy(copy, cases[i].text, cases[i].len);
		parse(&f, copy, cases[i].len);
		cr_expect_not_null(f.m.body, "case %zu", i);
		done(&f);
		free(copy);
	}
}

struct rfc2047_case {
	const char *in;
	const char *out;
};

static const struct rfc2047_case rfc2047_cases[] = {
	{ "plain", "plain" },
	{ "=?UTF-8?B?Y2Fmw6k=?=", "caf\xc3\xa9" },
	{ "=?iso-8859-1?q?caf=E9_au_lait?=", "caf\xc3\xa9 au lait" },
	{ "a =?utf-8?q?b?= =?utf-8?q?c?= d", "a bc d" },
	{ "=?utf-8?q?b?=\n\t=?utf-8?q?c?=", "bc" },
	{ "  =?utf-8?q?x?=", "  x" },
	/* a character split over two words */
	{ "=?UTF-8?B?w6k=?= =?UTF-8?B?w6k=?=", "\xc3\xa9\xc3\xa9" },
	{ "=?UTF-8?B?ww==?= =?UTF-8?B?qQ==?=", "\xc3\xa9" },
	{ "=?utf-8*en?q?lang?=", "lang" },
	{ "=?x-unknown?q?caf=E9?=", "caf\xc3\xa9" },
	{ "=?utf-8?x?bad?=", "=?utf-8?x?bad?=" },
	{ "=?utf-8?q?unterminated", "=?utf-8?q?unterminated" },
	{ "=??q?x?=", "=??q?x?=" },
	{ "raw \xe9t\xe9", "raw \xc3\xa9t\xc3\xa9" },
	{ "=?ISO-2022-JP?B?GyRCJEgbKEI=?=", "\xe3\x81\xa8" },
	{ "=?utf-8?q?a?=b", "ab" },
	{ "=?utf-8?Q?=FF?=", "\xc3\xbf" },
};

Test(msg, rfc2047_table)
{
	struct prv_arena a = PRV_ARENA_INIT;
	size_t i;

	for (i = 0; i < sizeof(rfc2047_cases) / sizeof(rfc2047_cases[0]); i++) {
		const struct rfc2047_case *c = &rfc2047_cases[i];
		char *out = prv_rfc2047_decode(&a, c->in, strlen(c->in));

		cr_expect_str_eq(out, c->out, "case %zu: '%s'", i, c->in);
	}
	prv_arena_release(&a);
}

/* Openers without closers: left as written, in linear time. */
Test(msg, rfc2047_many_openers)
{
	struct prv_arena a = PRV_ARENA_INIT;
	size_t n = 100000, i;
	char *in = malloc(n * 7 + 1), *out;

	for (i = 0; i < n; i++)
		memcpy(in + i * 7, "=?a?q?x", 7);
	in[n * 7] = '\0';
	out = prv_rfc2047_decode(&a, in, n * 7);
	cr_expect_str_eq(out, in);
	free(in);
	prv_arena_release(&a);
}

Test(msg, utf8_sanitize)
{
	static const struct {
		const char *in;
		size_t len;
		const char *out;
	} cases[] = {
		{ "abc", 3, "abc" },
		{ "\xc3\xa9", 2, "\xc3\xa9" },
		{ "\xe9", 1, "\xc3\xa9" },
		{ "\xc3", 1, "\xc3\x83" },
		{ "\xc0\xaf", 2, "\xc3\x80\xc2\xaf" }, /* overlong */
		{ "\xed\xa0\x80", 3, "\xc3\xad\xc2\xa0\xc2\x80" }, /* surrogate
								    */
		{ "\xf0\x9f\x98\x80", 4, "\xf0\x9f\x98\x80" },
		{ "a\0b", 3, "a\0b" },
	};
	struct prv_arena a = PRV_ARENA_INIT;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t len;
		char *out =
			prv_utf8_sanitize(&a, cases[i].in, cases[i].len, &len);

		cr_expect_eq(len, strlen(cases[i].out) + (i == 7 ? 2 : 0),
			     "case %zu", i);
		cr_expect(!memcmp(out, cases[i].out, len), "case %zu", i);
		cr_expect_eq(out[len], '\0');
	}
	prv_arena_release(&a);
}

struct date_case {
	const char *in;
	long long epoch;
	int tz;
	int ret;
};

static const struct date_case date_cases[] = {
	{ "Tue, 2 Jan 2024 10:11:12 +0100", 1704186672, 60, 0 },
	{ "2 Jan 2024 10:11:12 +0100", 1704186672, 60, 0 },
	{ "Tue, 02 Jan 24 10:11:12 +0100", 1704186672, 60, 0 },
	{ "Tue, 2 Jan 2024 09:11:12 GMT", 1704186672, 0, 0 },
	{ "Tue, 2 Jan 2024 09:11:12 UTC", 1704186672, 0, 0 },
	{ "Tue, 2 Jan 2024 04:11:12 EST", 1704186672, -300, 0 },
	{ "Tue, 2 Jan 2024 10:11 +0100", 1704186660, 60, 0 },
	{ "Tue, 2 Jan 2024 10:11:12 +0100 (CET)", 1704186672, 60, 0 },
	{ "Tue,  2 Jan 2024 10:11:12 -0000", 1704190272, 0, 0 },
	{ "Mon Sep 17 00:00:00 2001", 1000684800, 0, 0 },
	{ "Thu, 1 Jan 1970 00:00:00 +0000", 0, 0, 0 },
	{ "Sun, 29 Feb 2004 23:59:60 -0800", 1078128000, -480, 0 },
	{ "tomorrow", 0, 0, PRV_EPARSE },
	{ "", 0, 0, PRV_EPARSE },
	{ "Tue, 2 Jan 2024 25:11:12 +0100", 0, 0, PRV_EPARSE },
};

Test(msg, date_table)
{
	size_t i;

	for (i = 0; i < sizeof(date_cases) / sizeof(date_cases[0]); i++) {
		const struct date_case *c = &date_cases[i];
		long long epoch = -1;
		int tz = -1;
		int ret = prv_date_parse(&epoch, &tz, c->in, strlen(c->in));

		cr_expect_eq(ret, c->ret, "case %zu '%s': ret %d", i, c->in,
			     ret);
		if (!c->ret) {
			cr_expect_eq(epoch, c->epoch, "case %zu '%s': %lld", i,
				     c->in, epoch);
			cr_expect_eq(tz, c->tz, "case %zu: tz %d", i, tz);
		}
	}
}

/* A NUL byte is not a sign: "\0" "0500" is not a zone of +05:00. */
Test(msg, date_nul_is_not_a_zone_sign)
{
	static const char in[] = "Mon, 1 Jan 2024 10:00:00 \0"
				 "0500";
	long long epoch = -1;
	int tz = -1;

	cr_assert_eq(prv_date_parse(&epoch, &tz, in, sizeof(in) - 1), 0);
	cr_expect_eq(tz, 0);
	cr_expect_eq(epoch, 1704103200LL);
}

/*
 * In place: a body that needs no decoding points into the input (which ends
 * in a NUL); one that is decoded or converted is the same as with a copy.
 */
Test(msg, parse_inplace)
{
	static const struct {
		const char *text;
		bool points_in;
	} cases[] = {
		{ "Subject: a\n\nplain body\n", true },
		{ "Subject: a\nContent-Type: text/plain; charset=utf-8\n\n"
		  "caf\xc3\xa9\n",
		  true },
		{ "Subject: a\n\n", true },
		{ "Subject: a\nContent-Transfer-Encoding: quoted-printable\n\n"
		  "caf=C3=A9=\n!\n",
		  false },
		{ "Subject: a\nContent-Type: text/plain; charset=iso-8859-1\n\n"
		  "caf\xe9\n",
		  false },
		{ "Subject: a\r\n\r\ncrlf body\r\n", false },
		{ "no headers at all\n", true },
		{ "Message-ID: <a@b>\nSubject: folded\n  twice \n\tthrice\n"
		  "To: x\r\n\nbody\n",
		  true },
		{ "From x\nMessage-Id:  <a@b> (c)\nSubject: s\n\nbody\n",
		  true },
		{ "Message-ID: <>\nSubject: folded\n  twice\n\nbody\n", true },
		{ "Message-ID:\n <a@b>\nSubject: folded\n  twice\n\nb\n",
		  true },
		{ "Subject: folded\n  twice\nMessage-ID: x\n\nbody\n", true },
		{ "bad line\nMessage-ID: <a@b>\n\nbody\n", true },
	};
	size_t i;

	for (i = 0; i < PRV_ARRAY_SIZE(cases); i++) {
		size_t len = strlen(cases[i].text);
		char *data = malloc(len + 1);
		struct parse_fixture f;
		struct prv_msg copy;
		size_t k;

		memcpy(data, cases[i].text, len + 1);
		parse(&f, data, len);
		copy = f.m;
		cr_assert_eq(prv_msg_parse_inplace(&f.m, &f.a, data, len, "t",
						   &f.w),
			     0);
		cr_expect_eq(f.m.body_len, copy.body_len, "case %zu", i);
		cr_expect(!memcmp(f.m.body, copy.body, copy.body_len + 1),
			  "case %zu", i);
		cr_expect_eq(f.m.flags, copy.flags, "case %zu", i);
		cr_assert_eq(f.m.nr_headers, copy.nr_headers, "case %zu", i);
		for (k = 0; k < copy.nr_headers; k++) {
			cr_expect_eq(f.m.headers[k].value_len,
				     copy.headers[k].value_len, "case %zu", i);
			cr_expect(!memcmp(f.m.headers[k].value,
					  copy.headers[k].value,
					  copy.headers[k].value_len + 1),
				  "case %zu header %zu", i, k);
		}
		/* the bytes stay intact unless the Message-ID is plain */
		if (!strstr(cases[i].text, "<a@b>"))
			cr_expect(!memcmp(data, cases[i].text, len), "case %zu",
				  i);
		else if (strchr(cases[i].text, '\t'))
			cr_expect(memcmp(data, cases[i].text, len), "case %zu",
				  i);
		cr_expect_eq(f.m.body >= data && f.m.body <= data + len,
			     cases[i].points_in, "case %zu", i);
		cr_expect(copy.body < data || copy.body > data + len,
			  "case %zu", i);
		done(&f);
		free(data);
	}
}
