// SPDX-License-Identifier: GPL-2.0-or-later
#include <criterion/criterion.h>
#include <sys/resource.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/arena.h"
#include "core/base/buf.h"
#include "core/mail/mail.h"
#include "core/report/reply.h"
#include "core/report/report.h"
#include "core/series/series.h"
#include "core/base/warn.h"

/* A hunk of 10 new-side lines 20..29 with one removed line after 22. */
static const char hunk_body[] = " c20\n"
				" c21\n"
				" c22\n"
				"-old\n"
				"+n23\n"
				" c24\n"
				" c25\n"
				" c26\n"
				" c27\n"
				" c28\n"
				" c29\n";

static void make_hunk(struct prv_hunk *h)
{
	static const char header[] = "@@ -20,10 +20,10 @@ int f(void)";

	memset(h, 0, sizeof(*h));
	h->old_start = 20;
	h->old_count = 10;
	h->new_start = 20;
	h->new_count = 10;
	h->header = header;
	h->header_len = strlen(header);
	h->body = hunk_body;
	h->body_len = strlen(hunk_body);
}

static char *quote(const long *lines, const char *const *notes, size_t n,
		   int context)
{
	struct prv_buf b = PRV_BUF_INIT;
	struct prv_hunk h;

	make_hunk(&h);
	cr_assert_eq(prv_reply_quote_hunk(&b, &h, lines, notes, n, context), 0);
	return prv_buf_detach(&b, NULL);
}

struct quote_case {
	const char *name;
	long lines[3];
	size_t n;
	int context;
	const char *want;
};

Test(reply, quote_windows_and_gaps)
{
	static const char *const notes[] = { "N1\n", "N2\n", "N3\n" };
	static const struct quote_case cases[] = {
		{ "an added line: the note right under it, three above",
		  { 23 },
		  1,
		  3,
		  "> @@ -20,10 +20,10 @@ int f(void)\n"
		  "> [...]\n>  c21\n>  c22\n> -old\n> +n23\n\nN1\n\n"
		  "> [...]\n\n" },
		{ "a context line: under the change, not under the context",
		  { 20 },
		  1,
		  3,
		  "> @@ -20,10 +20,10 @@ int f(void)\n"
		  ">  c20\n>  c21\n>  c22\n> -old\n> +n23\n\nN1\n\n"
		  "> [...]\n\n" },
		{ "context after the last change: under that change",
		  { 28 },
		  1,
		  0,
		  "> @@ -20,10 +20,10 @@ int f(void)\n"
		  "> [...]\n> -old\n> +n23\n\nN1\n\n> [...]\n\n" },
		{ "same place: one paragraph per note",
		  { 23, 20 },
		  2,
		  0,
		  "> @@ -20,10 +20,10 @@ int f(void)\n"
		  "> [...]\n> -old\n> +n23\n\nN1\n\nN2\n\n> [...]\n\n" },
		{ "line past the hunk goes under its last change",
		  { 99 },
		  1,
		  0,
		  "> @@ -20,10 +20,10 @@ int f(void)\n"
		  "> [...]\n> -old\n> +n23\n\nN1\n\n> [...]\n\n" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = quote(cases[i].lines, notes, cases[i].n,
				  cases[i].context);

		cr_expect_str_eq(got, cases[i].want, "%s: got\n%s",
				 cases[i].name, got);
		free(got);
	}
}

Test(reply, subject_re_not_doubled)
{
	static const char *const cases[][2] = {
		{ "[PATCH 1/2] mptcp: fix", "Re: [PATCH 1/2] mptcp: fix" },
		{ "Re: [PATCH] x", "Re: [PATCH] x" },
		{ "RE: x", "RE: x" },
		{ "  re: x", "re: x" },
		{ "", "Re: " },
		{ "Read: x", "Re: Read: x" },
	};
	struct prv_arena a = PRV_ARENA_INIT;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		cr_expect_str_eq(prv_reply_subject(&a, cases[i][0]),
				 cases[i][1]);
	cr_expect_str_eq(prv_reply_subject(&a, NULL), "Re: ");
	prv_arena_release(&a);
}

static void parse_mail(struct prv_mail *m, struct prv_arena *a,
		       struct prv_warnings *w, const char *text)
{
	prv_warnings_init(w, a);
	cr_assert_eq(prv_mail_parse(m, a, text, strlen(text), "t", w), 0);
}

Test(reply, recipients_dedup_without_author_and_self)
{
	static const char mail[] =
		"From: Alice Dev <alice@example.org>\n"
		"To: netdev@vger.kernel.org, Bob <bob@example.org>\n"
		"Cc: ALICE@example.org, bob@EXAMPLE.org, Rita <rita@example.net>,"
		" Carol <carol@example.com>\n"
		"Subject: [PATCH] x\n"
		"Message-ID: <m1@example.org>\n\nbody\n";
	static const struct prv_person self = { "Rita", "rita@example.net" };
	struct prv_arena a = PRV_ARENA_INIT;
	struct prv_warnings w;
	struct prv_mail m;
	struct prv_person *to, *cc;
	size_t nr_to, nr_cc;

	parse_mail(&m, &a, &w, mail);
	prv_reply_recipients(&to, &nr_to, &cc, &nr_cc, &a, &m, &self);
	cr_assert_eq(nr_to, 1);
	cr_expect_str_eq(to[0].email, "alice@example.org");
	cr_assert_eq(nr_cc, 3);
	cr_expect_str_eq(cc[0].email, "netdev@vger.kernel.org");
	cr_expect_str_eq(cc[1].email, "bob@example.org");
	cr_expect_str_eq(cc[2].email, "carol@example.com");
	prv_warnings_release(&w);
	prv_arena_release(&a);
}

Test(reply, recipients_reply_to_and_in_body_author)
{
	static const char mail[] =
		"From: Sender <sender@example.org>\n"
		"Reply-To: list@example.org\n"
		"To: list@example.org\n"
		"Subject: [PATCH] x\n"
		"Message-ID: <m2@example.org>\n\n"
		"From: Real Author <author@example.com>\n\n"
		"Body.\n\nSigned-off-by: Real Author <author@example.com>\n"
		"---\n"
		"diff --git a/a b/a\n--- a/a\n+++ b/a\n@@ -1 +1,2 @@\n a\n+b\n";
	struct prv_arena a = PRV_ARENA_INIT;
	struct prv_warnings w;
	struct prv_mail m;
	struct prv_person *to, *cc;
	size_t nr_to, nr_cc;

	parse_mail(&m, &a, &w, mail);
	prv_reply_recipients(&to, &nr_to, &cc, &nr_cc, &a, &m, NULL);
	cr_assert_eq(nr_to, 1);
	cr_expect_str_eq(to[0].email, "list@example.org");
	/* the list is already in To; the in-body author is not copied */
	cr_expect_eq(nr_cc, 0, "%zu: %s", nr_cc, nr_cc ? cc[0].email : "");
	prv_warnings_release(&w);
	prv_arena_release(&a);
}

/*
 * Tricks a sender may play to redirect a reply: each one names only real
 * addresses of the header in the recipients.
 */
struct recipients_case {
	const char *name;
	const char *headers; /* From, To and Cc of the patch */
	const char *body; /* what comes before the patch, in-body From: */
	const char *want_to;
	const char *want_cc; /* comma-separated emails, "" for none */
};

static const struct recipients_case recipients_cases[] = {
	{ "encoded address-like name in From",
	  "From: =?utf-8?q?=3Cvictim=40evil=2Eexample=3E?= <eve@example.org>\n"
	  "To: list@example.org\n",
	  "", "eve@example.org", "list@example.org" },
	{ "encoded name in Cc with a comma",
	  "From: Eve <eve@example.org>\n"
	  "To: list@example.org\n"
	  "Cc: =?utf-8?q?victim=40evil=2Eexample=2C?= <bob@example.org>\n",
	  "", "eve@example.org", "list@example.org,bob@example.org" },
	{ "quoted name holding an address in From",
	  "From: \"Eve, victim@x.example\" <eve@example.org>\n"
	  "To: list@example.org\n",
	  "", "eve@example.org", "list@example.org" },
	{ "quoted name holding an angle address in Cc",
	  "From: Eve <eve@example.org>\n"
	  "To: list@example.org\n"
	  "Cc: \"Bob <victim@x.example>\" <bob@example.org>\n",
	  "", "eve@example.org", "list@example.org,bob@example.org" },
	{ "in-body author",
	  "From: Eve <eve@example.org>\n"
	  "To: list@example.org\n",
	  "From: Real Author <victim@x.example>\n\n", "eve@example.org",
	  "list@example.org" },
	{ "encoded in-body author",
	  "From: Eve <eve@example.org>\n"
	  "To: list@example.org\n",
	  "From: =?utf-8?q?A_=3Cvictim=40x=2Eexample=3E?= <a@example.org>\n\n",
	  "eve@example.org", "list@example.org" },
};

static char *emails(struct prv_arena *a, const struct prv_person *l, size_t n)
{
	struct prv_buf b = PRV_BUF_INIT;
	char *s;
	size_t i;

	for (i = 0; i < n; i++)
		prv_buf_addf(&b, "%s%s", i ? "," : "", l[i].email);
	s = prv_arena_strdup(a, b.data);
	prv_buf_release(&b);
	return s;
}

Test(reply, recipients_only_from_address_fields)
{
	size_t k;

	for (k = 0; k < sizeof(recipients_cases) / sizeof(recipients_cases[0]);
	     k++) {
		const struct recipients_case *c = &recipients_cases[k];
		struct prv_arena a = PRV_ARENA_INIT;
		struct prv_warnings w;
		struct prv_mail m;
		struct prv_person *to, *cc;
		size_t nr_to, nr_cc;
		char *mail = prv_arena_printf(
			&a,
			"%sSubject: [PATCH] x\n"
			"Message-ID: <r%zu@example.org>\n\n%s"
			"Body.\n\nSigned-off-by: A <a@example.org>\n---\n"
			"diff --git a/a b/a\n--- a/a\n+++ b/a\n"
			"@@ -1 +1,2 @@\n a\n+b\n",
			c->headers, k, c->body);

		parse_mail(&m, &a, &w, mail);
		prv_reply_recipients(&to, &nr_to, &cc, &nr_cc, &a, &m, NULL);
		cr_expect_str_eq(emails(&a, to, nr_to), c->want_to, "%s",
				 c->name);
		cr_expect_str_eq(emails(&a, cc, nr_cc), c->want_cc, "%s",
				 c->name);
		prv_warnings_release(&w);
		prv_arena_release(&a);
	}
}

Test(reply, file_names_sort_and_stay_in_the_directory)
{
	static const char mail[] = "From: A <a@example.org>\n"
				   "Subject: [PATCH v2 3/7] net: Fix ../../x "
				   "and a/b\n"
				   "Message-ID: <fn@example.org>\n\nbody\n";
	struct prv_arena a = PRV_ARENA_INIT;
	struct prv_warnings w;
	struct prv_mail m;

	parse_mail(&m, &a, &w, mail);
	cr_expect_str_eq(prv_reply_file_name(&a, 0, &m),
			 "0001-re-net-fix-..-..-x-and-a-b.eml");
	cr_expect_str_eq(prv_reply_file_name(&a, 11, NULL), "0012-re.eml");
	prv_warnings_release(&w);
	prv_arena_release(&a);
}

Test(reply, mboxrd_quoting)
{
	static const char msg[] = "Subject: x\n\nFrom here\n>From there\n"
				  ">>From far\nFrom\n Fromage\nlast";
	struct prv_buf b = PRV_BUF_INIT;

	cr_assert_eq(prv_reply_mboxrd_append(&b, msg, strlen(msg)), 0);
	cr_expect_str_eq(b.data, "From prereview Thu Jan  1 00:00:00 1970\n"
				 "Subject: x\n\n>From here\n>>From there\n"
				 ">>>From far\nFrom\n Fromage\nlast\n\n");
	prv_buf_release(&b);
}

Test(reply, addresses_quoted_and_encoded)
{
	static const struct {
		struct prv_person p;
		const char *want;
	} cases[] = {
		{ { "Alice Dev", "a@x.org" }, "Alice Dev <a@x.org>" },
		{ { "", "a@x.org" }, "a@x.org" },
		{ { "netdev", "netdev@vger.kernel.org" },
		  "netdev@vger.kernel.org" },
		{ { "Dev, Alice", "a@x.org" }, "\"Dev, Alice\" <a@x.org>" },
		{ { "A \"B\" C.", "a@x.org" }, "\"A \\\"B\\\" C.\" <a@x.org>" },
		{ { "Jos\xc3\xa9 M", "j@x.org" },
		  "=?UTF-8?q?Jos=C3=A9_M?= <j@x.org>" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct prv_buf b = PRV_BUF_INIT;

		cr_assert_eq(prv_reply_format_address(&b, &cases[i].p), 0);
		cr_expect_str_eq(b.data, cases[i].want);
		prv_buf_release(&b);
	}
}

Test(reply, wrap_keeps_words_and_lines)
{
	struct prv_buf b = PRV_BUF_INIT;

	cr_assert_eq(prv_reply_wrap(&b, "aaa bbb ccc ddd\nshort", 8), 0);
	cr_expect_str_eq(b.data, "aaa bbb\nccc ddd\nshort\n");
	prv_buf_reset(&b);
	cr_assert_eq(prv_reply_wrap(&b, "averyveryverylongword x", 8), 0);
	cr_expect_str_eq(b.data, "averyveryverylongword\nx\n");
	prv_buf_reset(&b);
	/* by display columns: two for each CJK character, not three bytes */
	cr_assert_eq(prv_reply_wrap(&b,
				    "\xe5\xbc\xa0\xe4\xb8\x89 "
				    "\xe6\x9d\x8e\xe5\x9b\x9b ab",
				    9),
		     0);
	cr_expect_str_eq(b.data, "\xe5\xbc\xa0\xe4\xb8\x89 "
				 "\xe6\x9d\x8e\xe5\x9b\x9b\nab\n");
	prv_buf_reset(&b);
	cr_assert_eq(prv_reply_wrap(&b,
				    "\xe5\xbc\xa0\xe4\xb8\x89 "
				    "\xe6\x9d\x8e\xe5\x9b\x9b ab",
				    8),
		     0);
	cr_expect_str_eq(b.data, "\xe5\xbc\xa0\xe4\xb8\x89\n"
				 "\xe6\x9d\x8e\xe5\x9b\x9b ab\n");
	prv_buf_release(&b);
}

static const char series_mbox[] =
	"From 1 Mon Sep 17 00:00:00 2001\n"
	"From: Alice Dev <alice@example.org>\n"
	"To: netdev@vger.kernel.org\n"
	"Cc: Bob <bob@example.org>\n"
	"Date: Tue, 5 Mar 2024 09:00:00 +0000\n"
	"Subject: [PATCH net 0/1] tcp: fix a thing\n"
	"Message-ID: <c0@example.org>\n\n"
	"The cover.\n\n"
	"From 1 Mon Sep 17 00:00:00 2001\n"
	"From: Alice Dev <alice@example.org>\n"
	"To: netdev@vger.kernel.org\n"
	"Cc: Bob <bob@example.org>, alice@example.org\n"
	"Date: Tue, 5 Mar 2024 09:01:00 +0000\n"
	"Subject: [PATCH net 1/1] tcp: fix a thing\n"
	"Message-ID: <p1@example.org>\n"
	"In-Reply-To: <c0@example.org>\n"
	"References: <root@example.org> <c0@example.org>\n\n"
	"From the start.\n\n"
	"Signed-off-by: Alice Dev <alice@example.org>\n"
	"---\n"
	"diff --git a/net/ipv4/tcp.c b/net/ipv4/tcp.c\n"
	"--- a/net/ipv4/tcp.c\n"
	"+++ b/net/ipv4/tcp.c\n"
	"@@ -1,3 +1,4 @@\n"
	" a\n"
	" b\n"
	"+c\n"
	" d\n";

Test(reply, build_headers_threading_and_placement)
{
	struct prv_input in;
	struct prv_report r;
	struct prv_buf out = PRV_BUF_INIT;
	struct prv_reply_opts o;
	struct prv_finding f;
	size_t nr = 0, s;
	const char *p2;

	prv_input_init(&in);
	prv_report_init(&r);
	cr_assert_eq(prv_input_add_buffer(&in, strdup(series_mbox),
					  strlen(series_mbox), "t.mbox"),
		     0);
	cr_assert_eq(prv_series_assemble(&in), 0);
	cr_assert_eq(in.nr_series, 1);
	s = prv_report_add_series(&r, &in.series[0], "netdev");
	memset(&f, 0, sizeof(f));
	f.series = s;
	f.version = 1;
	f.patch = 1;
	f.severity = PRV_SEV_WARN;
	f.topic = PRV_TOPIC_TCP;
	f.id = "tcp.touch";
	f.file = "net/ipv4/tcp.c";
	f.line = 3;
	f.message = "from here on it is TCP";
	prv_report_add(&r, &f);
	f.line = 1;
	prv_report_add(&r, &f);
	f.severity = PRV_SEV_INFO;
	f.message = "TCP merely touched";
	prv_report_add(&r, &f);
	f.severity = PRV_SEV_WARN;
	f.file = NULL;
	f.line = 0;
	f.id = "trailer.sob-sender-not-last";
	f.topic = PRV_TOPIC_TRAILERS;
	f.message = "the sender's Signed-off-by is not last";
	prv_report_add(&r, &f);

	memset(&o, 0, sizeof(o));
	o.from.name = "Rita Reviewer";
	o.from.email = "rita@example.net";
	o.now = 0;
	o.context = 3;
	o.signature = "Rita\n";
	cr_assert_eq(prv_reply_build(&out, &r, &o, &nr), 0);
	cr_assert_eq(nr, 1, "only the patch has findings: %zu", nr);
	cr_expect(strstr(out.data, "\nSubject: Re: [PATCH net 1/1] tcp: fix a "
				   "thing\n"));
	cr_expect(strstr(out.data, "\nIn-Reply-To: <p1@example.org>\n"));
	cr_expect(strstr(out.data, "\nReferences: <root@example.org> "
				   "<c0@example.org> <p1@example.org>\n"));
	cr_expect(strstr(out.data, "\nTo: Alice Dev <alice@example.org>\n"));
	cr_expect(strstr(out.data, "\nCc: netdev@vger.kernel.org, "
				   "Bob <bob@example.org>\n"),
		  "%s", out.data);
	cr_expect(strstr(out.data, "\nDate: Thu, 1 Jan 1970 00:00:00 +0000\n"));
	cr_expect(strstr(out.data, "\nMessage-ID: <prereview-0-"));
	cr_expect(strstr(out.data, "@example.net>\n"));
	cr_expect(strstr(out.data, "\nOn Tue, 5 Mar 2024 09:01:00 +0000, "
				   "Alice Dev <alice@example.org> wrote:\n"));
	/* the trailer block quoted, the note under it, in plain words */
	cr_expect(strstr(out.data, "\n> Signed-off-by: Alice Dev "
				   "<alice@example.org>\n\nThe sender's "
				   "Signed-off-by is not last.\n"),
		  "%s", out.data);
	/* the hunk quoted down to the commented line, the note under it,
	 * its "From " quoted for mboxrd; the message body is not quoted;
	 * the same note on another line is said once, naming that line */
	p2 = strstr(out.data, "> diff --git a/net/ipv4/tcp.c b/net/ipv4/tcp.c\n"
			      "> @@ -1,3 +1,4 @@\n>  a\n>  b\n> +c\n\n"
			      ">From here on it is TCP. The same goes for "
			      "net/ipv4/tcp.c:1.\n\n> [...]\n");
	cr_expect(p2, "%s", out.data);
	cr_expect(!strstr(out.data, "From the start"));
	/* ids in a header, none in the prose; info notes left out */
	cr_expect(strstr(out.data, "\nX-Prereview-Ids: "
				   "trailer.sob-sender-not-last, tcp.touch\n"),
		  "%s", out.data);
	cr_expect(!strstr(out.data, "[tcp.touch]"));
	cr_expect(!strstr(out.data, "merely touched"));
	/* the sign-off ends the reply */
	cr_expect(out.len > 8 &&
			  !strcmp(out.data + out.len - 8, "\n\nRita\n\n"),
		  "%s", out.data);

	/* --all: the cover gets a reply too, and it comes first */
	prv_buf_reset(&out);
	o.all = true;
	cr_assert_eq(prv_reply_build(&out, &r, &o, &nr), 0);
	cr_expect_eq(nr, 2);
	cr_expect(strstr(out.data, "Subject: Re: [PATCH net 0/1]") <
		  strstr(out.data, "Subject: Re: [PATCH net 1/1]"));
	cr_expect(strstr(out.data, "prereview has no remarks"));
	cr_expect(strstr(out.data, "\nReferences: <c0@example.org>\n"));
	cr_expect(strstr(out.data, "TCP merely touched."), "--all: info too");

	prv_buf_release(&out);
	prv_report_release(&r);
	prv_input_release(&in);
}

Test(reply, subject_encoded_after_its_ascii_words)
{
	static const char mbox[] =
		"From: =?UTF-8?q?Rafa=C5=82?= <r@example.org>\n"
		"Subject: [PATCH] =?UTF-8?q?Rafa=C5=82?= fix\n"
		"Date: Tue, 5 Mar 2024 09:01:00 +0000\n"
		"Message-ID: <u1@example.org>\n\n"
		"Fix.\n\nSigned-off-by: R <r@example.org>\n---\n"
		"diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1,2 @@\n a\n+b\n";
	struct prv_input in;
	struct prv_report r;
	struct prv_buf out = PRV_BUF_INIT;
	struct prv_reply_opts o;
	size_t nr = 0;

	prv_input_init(&in);
	prv_report_init(&r);
	cr_assert_eq(prv_input_add_buffer(&in, strdup(mbox), strlen(mbox),
					  "u.eml"),
		     0);
	cr_assert_eq(prv_series_assemble(&in), 0);
	prv_report_add_series(&r, &in.series[0], "generic");
	memset(&o, 0, sizeof(o));
	o.from.name = "R\xc3\xa9";
	o.from.email = "re@example.net";
	o.all = true;
	cr_assert_eq(prv_reply_build(&out, &r, &o, &nr), 0);
	cr_assert_eq(nr, 1);
	cr_expect(strstr(out.data, "\nSubject: Re: [PATCH] "
				   "=?UTF-8?q?Rafa=C5=82_fix?=\n"),
		  "%s", out.data);
	cr_expect(strstr(out.data, "\nFrom: =?UTF-8?q?R=C3=A9?= "
				   "<re@example.net>\n"));
	cr_expect(strstr(out.data, "\nTo: =?UTF-8?q?Rafa=C5=82?= "
				   "<r@example.org>\n"));
	cr_expect(strstr(out.data, "Rafa\xc5\x82 <r@example.org> wrote:\n"));
	prv_buf_release(&out);
	prv_report_release(&r);
	prv_input_release(&in);
}

Test(reply, fixes_tag_above_the_trailer_block_is_quoted)
{
	static const char mbox[] =
		"From: A <a@example.org>\n"
		"Subject: [PATCH net] tcp: fix\n"
		"Message-ID: <f1@example.org>\n\n"
		"Body line.\n\n"
		"Fixes: 0123456789ab (\"tcp: old\")\n\n"
		"Signed-off-by: A <a@example.org>\n---\n"
		"diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1,2 @@\n a\n+b\n";
	struct prv_input in;
	struct prv_report r;
	struct prv_buf out = PRV_BUF_INIT;
	struct prv_reply_opts o;
	struct prv_finding f;
	size_t nr = 0;

	prv_input_init(&in);
	prv_report_init(&r);
	cr_assert_eq(prv_input_add_buffer(&in, strdup(mbox), strlen(mbox),
					  "f.eml"),
		     0);
	cr_assert_eq(prv_series_assemble(&in), 0);
	prv_report_add_series(&r, &in.series[0], "netdev");
	memset(&f, 0, sizeof(f));
	f.patch = 1;
	f.severity = PRV_SEV_FAIL;
	f.topic = PRV_TOPIC_FIXES;
	f.id = "fixes.blank-line";
	f.message = "a blank line separates Fixes: from the other tags";
	prv_report_add(&r, &f);
	memset(&o, 0, sizeof(o));
	o.from.email = "re@example.net";
	cr_assert_eq(prv_reply_build(&out, &r, &o, &nr), 0);
	cr_assert_eq(nr, 1);
	/* no Date: header, no name: a plain attribution */
	cr_expect(strstr(out.data, "\n\nA <a@example.org> wrote:\n\n"
				   "> [...]\n"
				   "> Fixes: 0123456789ab (\"tcp: old\")\n>\n"
				   "> Signed-off-by: A <a@example.org>\n\n"
				   "A blank line separates Fixes: from the "
				   "other tags. This needs fixing.\n"),
		  "%s", out.data);
	cr_expect(strstr(out.data, "\nFrom: re@example.net\n"));
	prv_buf_release(&out);
	prv_report_release(&r);
	prv_input_release(&in);
}

/*
 * A long series with many findings: each patch's notes were gathered in an
 * array sized for every finding of the series, gigabytes for a few
 * thousand patches. Under a 1 GiB address-space limit (not with ASan,
 * which needs more for itself) that died out of memory.
 */
Test(reply, many_patches_and_findings)
{
	const int n = 4000, per = 10;
	struct prv_input in;
	struct prv_report r;
	struct prv_buf mbox = PRV_BUF_INIT, out = PRV_BUF_INIT;
	struct prv_reply_opts o;
	struct prv_finding f;
	size_t nr = 0, s, len;
	char *text;
	int k, j;

#if !defined(__SANITIZE_ADDRESS__)
	struct rlimit rl = { (rlim_t)1 << 30, (rlim_t)1 << 30 };

	cr_assert_eq(setrlimit(RLIMIT_AS, &rl), 0);
#endif
	prv_buf_addf(&mbox,
		     "From 1 Mon Sep 17 00:00:00 2001\n"
		     "From: Alice Dev <alice@example.org>\n"
		     "Subject: [PATCH net 0/%d] tcp: things\n"
		     "Message-ID: <c0@example.org>\n\nThe cover.\n\n",
		     n);
	for (k = 1; k <= n; k++)
		prv_buf_addf(&mbox,
			     "From 1 Mon Sep 17 00:00:00 2001\n"
			     "From: Alice Dev <alice@example.org>\n"
			     "Subject: [PATCH net %d/%d] tcp: thing %d\n"
			     "Message-ID: <p%d@example.org>\n"
			     "In-Reply-To: <c0@example.org>\n\n"
			     "Thing.\n---\n"
			     "diff --git a/f%d.c b/f%d.c\n--- a/f%d.c\n"
			     "+++ b/f%d.c\n@@ -1 +1,2 @@\n a\n+b\n",
			     k, n, k, k, k, k, k, k);
	text = prv_buf_detach(&mbox, &len);
	prv_input_init(&in);
	prv_report_init(&r);
	cr_assert_eq(prv_input_add_buffer(&in, text, len, "t.mbox"), 0);
	cr_assert_eq(prv_series_assemble(&in), 0);
	cr_assert_eq(in.nr_series, 1);
	cr_assert_eq(in.series[0].versions[0].nr_patches, (size_t)n);
	s = prv_report_add_series(&r, &in.series[0], "netdev");
	memset(&f, 0, sizeof(f));
	f.series = s;
	f.version = 1;
	f.severity = PRV_SEV_WARN;
	f.topic = PRV_TOPIC_TRAILERS;
	f.id = "trailer.sob-missing";
	f.message = "no Signed-off-by: line";
	for (k = 1; k <= n; k++) {
		f.patch = k;
		for (j = 0; j < per; j++)
			prv_report_add(&r, &f);
	}
	memset(&o, 0, sizeof(o));
	o.from.name = "Rita Reviewer";
	o.from.email = "rita@example.net";
	o.context = 3;
	cr_assert_eq(prv_reply_build(&out, &r, &o, &nr), 0);
	cr_assert_eq(nr, (size_t)n);
	cr_expect(strstr(out.data, "Subject: Re: [PATCH net 4000/4000]"));
	prv_buf_release(&out);
	prv_report_release(&r);
	prv_input_release(&in);
}
