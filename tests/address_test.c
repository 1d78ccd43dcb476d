// SPDX-License-Identifier: GPL-2.0-or-later
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/base/util.h"
#include "core/mail/address.h"
#include "core/base/arena.h"
#include "core/base/error.h"
#include "core/mail/mbox.h"
#include "core/mail/msg.h"
#include "tests/testutil.h"

struct address_case {
	const char *in;
	int ret;
	const char *name;
	const char *email;
};

/* What git mailinfo prints as Author/Email, but for bare addresses. */
static const struct address_case address_cases[] = {
	{ "Ada Lovelace <ada@example.org>", 0, "Ada Lovelace",
	  "ada@example.org" },
	{ "\"Lovelace, Ada\" <ada@example.org>", 0, "Lovelace, Ada",
	  "ada@example.org" },
	{ "ada@example.org (Ada Lovelace)", 0, "Ada Lovelace",
	  "ada@example.org" },
	{ "Ada (The) Lovelace <ada@example.org> (c)", 0,
	  "Ada (The) Lovelace (c)", "ada@example.org" },
	{ "\"a\\\"b\" <x@y.z>", 0, "a\"b", "x@y.z" },
	{ "A  B   <a@b.c>", 0, "A B", "a@b.c" },
	{ "Ada <ada@example.org", 0, "Ada", "ada@example.org" },
	{ "Ada Lovelace <ada>", 0, "Ada Lovelace", "ada" },
	{ "ada@example.org", 0, "ada", "ada@example.org" },
	{ "<ada@example.org>", 0, "ada", "ada@example.org" },
	{ "  <ada@example.org>  ", 0, "ada", "ada@example.org" },
	{ "x@y.z <a@b.c>", 0, "a", "a@b.c" },
	{ "J\xc3\xb6rg R\xc3\xb6"
	  "del <joro@example.org>",
	  0,
	  "J\xc3\xb6rg R\xc3\xb6"
	  "del",
	  "joro@example.org" },
	/* RFC 2047 decodes the name only, once the address is out of it */
	{ "=?utf-8?q?J=C3=B6rg?= <j@example.org>", 0, "J\xc3\xb6rg",
	  "j@example.org" },
	{ "\"=?utf-8?q?J=C3=B6rg?=\" <j@example.org>", 0, "J\xc3\xb6rg",
	  "j@example.org" },
	{ "=?utf-8?q?=3Cvictim=40evil=2Eexample=3E?= <eve@example.org>", 0,
	  "eve", "eve@example.org" },
	{ "=?utf-8?q?victim=40evil=2Eexample?= <eve@example.org>", 0, "eve",
	  "eve@example.org" },
	{ "=?utf-8?q?victim=40evil=2Eexample?=", PRV_EPARSE,
	  "victim@evil.example", "" },
	/* quotes and comments never hold the address */
	{ "\"Eve <victim@x.org>\" <eve@example.org>", 0, "eve",
	  "eve@example.org" },
	{ "\"Eve, victim@x.org\" <eve@example.org>", 0, "eve",
	  "eve@example.org" },
	{ "(victim@x.org) eve@example.org", 0, "eve", "eve@example.org" },
	{ "\"victim@x.org\"", PRV_EPARSE, "victim@x.org", "" },
	/* an address that would open another one is none */
	{ "Eve <eve@example.org,victim@x.org>", PRV_EPARSE, "", "" },
	{ "Ada Lovelace", PRV_EPARSE, "Ada Lovelace", "" },
	{ "", PRV_EPARSE, "", "" },
};

Test(address, parse_table)
{
	struct prv_arena a = PRV_ARENA_INIT;
	size_t i;

	for (i = 0; i < sizeof(address_cases) / sizeof(address_cases[0]); i++) {
		const struct address_case *c = &address_cases[i];
		struct prv_person p;
		int ret = prv_address_parse(&p, &a, c->in, strlen(c->in));

		cr_expect_eq(ret, c->ret, "case %zu '%s': %d", i, c->in, ret);
		cr_expect_str_eq(p.name, c->name, "case %zu '%s'", i, c->in);
		cr_expect_str_eq(p.email, c->email, "case %zu '%s'", i, c->in);
	}
	prv_arena_release(&a);
}

Test(address, list)
{
	static const char list[] =
		"\"Doe, John\" <john@example.org>, ada@example.org (Ada),\n"
		" Bob <bob@example.org>; , undisclosed-recipients:;, "
		"team: c@example.org, d@example.org;";
	struct prv_arena a = PRV_ARENA_INIT;
	struct prv_person *people = NULL;
	size_t nr = 0;

	cr_assert_eq(prv_address_list_parse(&people, &nr, &a, list,
					    strlen(list)),
		     0);
	cr_assert_eq(nr, 5);
	cr_expect_str_eq(people[0].name, "Doe, John");
	cr_expect_str_eq(people[0].email, "john@example.org");
	cr_expect_str_eq(people[1].name, "Ada");
	cr_expect_str_eq(people[2].email, "bob@example.org");
	cr_expect_str_eq(people[3].email, "c@example.org");
	cr_expect_str_eq(people[4].email, "d@example.org");
	/* a decoded name may hold a comma */
	cr_assert_eq(prv_address_list_parse(&people, &nr, &a,
					    "Doe, John <jd@example.org>, x@y.z",
					    33),
		     0);
	cr_assert_eq(nr, 7);
	cr_expect_str_eq(people[5].name, "Doe, John");
	cr_expect_str_eq(people[5].email, "jd@example.org");
	cr_expect_str_eq(people[6].email, "x@y.z");
	nr = 5;
	/* an encoded name adds no one, quoted or not */
	{
		static const char raw[] =
			"=?utf-8?q?victim=40x=2Eorg=2C_?= <eve@example.org>, "
			"\"Bob, victim@x.org\" <bob@example.org>,\n"
			" =?utf-8?q?=22Carol=2C_victim=40x=2Eorg=22?= "
			"<carol@example.org>";

		cr_assert_eq(prv_address_list_parse(&people, &nr, &a, raw,
						    strlen(raw)),
			     0);
		cr_assert_eq(nr, 8, "%zu", nr);
		cr_expect_str_eq(people[5].email, "eve@example.org");
		cr_expect_str_eq(people[6].email, "bob@example.org");
		cr_expect_str_eq(people[7].email, "carol@example.org");
		cr_expect_str_eq(people[7].name, "carol");
		nr = 5;
	}
	/* appending keeps what was there */
	cr_assert_eq(prv_address_list_parse(&people, &nr, &a, "e@f.g", 5), 0);
	cr_assert_eq(nr, 6);
	cr_expect_str_eq(people[0].email, "john@example.org");
	cr_expect_str_eq(people[5].email, "e@f.g");
	prv_arena_release(&a);
}

/* Long lists of commas cost linear time and end up as one entry at most. */
Test(address, list_many_commas)
{
	struct prv_arena a = PRV_ARENA_INIT;
	struct prv_person *people = NULL;
	size_t n = 100000, i, nr = 0;
	char *s = malloc(n * 2 + 8);

	for (i = 0; i < n; i++)
		memcpy(s + i * 2, "a,", 2);
	memcpy(s + n * 2, "x@y.z", 6);
	cr_assert_eq(prv_address_list_parse(&people, &nr, &a, s, n * 2 + 5), 0);
	cr_expect_leq(nr, 1);
	free(s);
	prv_arena_release(&a);
}

Test(address, same_email)
{
	struct prv_person a = { "A", "Ada@Example.org" };
	struct prv_person b = { "B", "ada@example.ORG" };
	struct prv_person c = { "C", "ada@example.org.uk" };

	cr_expect(prv_person_same_email(&a, &b));
	cr_expect_not(prv_person_same_email(&a, &c));
}

/* "Author: " and "Email: " of `git mailinfo` for one message. */
static bool git_author(const char *msg, size_t len, char *name, char *email,
		       size_t size)
{
	char in[] = "/tmp/prv-addr-XXXXXX";
	char cmd[256], line[4096];
	int fd = mkstemp(in);
	bool ok = false;
	FILE *f;

	if (fd < 0)
		return false;
	f = fdopen(fd, "w");
	fwrite(msg, 1, len, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd),
		 "git mailinfo /dev/null /dev/null < '%s' 2>/dev/null", in);
	name[0] = email[0] = '\0';
	f = popen(cmd, "r");
	while (f && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (!strncmp(line, "Author: ", 8))
			snprintf(name, size, "%s", line + 8);
		else if (!strncmp(line, "Email: ", 7)) {
			snprintf(email, size, "%s", line + 7);
			ok = true;
		}
	}
	if (f)
		pclose(f);
	unlink(in);
	return ok;
}

struct agreement {
	size_t msgs, agree;
};

static void check_author(const char *file, size_t k, const char *data,
			 size_t len, void *payload)
{
	struct agreement *ag = payload;
	struct prv_arena a = PRV_ARENA_INIT;
	struct prv_msg m;
	struct prv_person p;
	char name[4096], email[4096];
	const char *from;
	bool ok;

	prv_msg_parse(&m, &a, data, len, file, NULL);
	from = prv_msg_get(&m, "from");
	/* an in-body From: is the patch reader's */
	if (!from || !strncmp(m.body, "From:", 5) ||
	    !git_author(data, len, name, email, sizeof(name))) {
		prv_arena_release(&a);
		return;
	}
	prv_address_parse(&p, &a, from, strlen(from));
	ag->msgs++;
	/* git names a bare address by all of it */
	ok = !strcmp(p.email, email) &&
	     (!strcmp(p.name, name) || !strcmp(name, email));
	ag->agree += ok;
	cr_expect(ok, "%s #%zu: '%s' <%s> vs git '%s' <%s>", file, k + 1,
		  p.name, p.email, name, email);
	prv_arena_release(&a);
}

Test(address, corpus_authors_match_git_mailinfo)
{
	static const char *const dirs[] = { "lore", "b4", "patchwork/mail" };
	const char *corpus = prv_test_corpus_dir();
	struct agreement ag = { 0, 0 };

	if (!corpus) {
		printf("address: skipped: corpus absent (PRV_CORPUS), git "
		       "mailinfo agreement not checked\n");
		return;
	}
	prv_test_for_each_corpus_mail(corpus, dirs, PRV_ARRAY_SIZE(dirs),
				      check_author, &ag);
	printf("address: %zu/%zu corpus authors as git mailinfo reads them\n",
	       ag.agree, ag.msgs);
	cr_expect_gt(ag.msgs, 50);
}

Test(address, same_person)
{
	struct prv_person a = { "Ann Dev", "ann@x.org" };
	struct prv_person b = { "A. Dev", "ANN@X.org" };
	struct prv_person c = { "ann dev", "ann@other.org" };
	struct prv_person d = { "", "" };
	struct prv_person e = { "Bob", "bob@x.org" };

	cr_expect(prv_person_same(&a, &b));
	cr_expect(prv_person_same(&a, &c), "one person, two addresses");
	cr_expect_not(prv_person_same(&a, &e));
	cr_expect_not(prv_person_same(&d, &d), "nobody is not anybody");
}

struct trailer_person_case {
	const char *in;
	bool ok;
	const char *name;
	const char *email;
};

/*
 * A person in a trailer value: the forms of real list mail, and the
 * malformed ones (still named, for the reply-sender check).
 */
Test(address, trailer_person)
{
	static const struct trailer_person_case cases[] = {
		{ "Ann Dev <ann@x.org>", true, "Ann Dev", "ann@x.org" },
		{ "\"Dev, Ann\" <ann@x.org>", true, "Dev, Ann", "ann@x.org" },
		{ "Ann  Dev\t<ann@x.org>", true, "Ann Dev", "ann@x.org" },
		{ "Ann Dev <ann@x.org> # arm64", true, "Ann Dev", "ann@x.org" },
		{ "Ann Dev <ann@x.org>.", true, "Ann Dev", "ann@x.org" },
		{ "<stable@vger.kernel.org> # 6.1", true, "",
		  "stable@vger.kernel.org" },
		{ "bot+1a2b@syzkaller.example", true, "",
		  "bot+1a2b@syzkaller.example" },
		{ "ann@x.org # v2 only", true, "", "ann@x.org" },
		{ "=?UTF-8?Q?Ann?= <ann@x.org>", true,
		  "=?UTF-8?Q?Ann?=", "ann@x.org" },
		{ "Ann Dev <ann@x.org", false, "Ann Dev", "" },
		{ "Ann Dev ann@x.org", false, "Ann Dev", "" },
		{ "Ann Dev <ann>", false, "Ann Dev", "" },
		{ "Ann Dev <@x.org>", false, "Ann Dev", "" },
		{ "Ann Dev <a b@x.org>", false, "Ann Dev", "" },
		{ "Ann Dev", false, "Ann Dev", "" },
		{ "", false, "", "" },
	};
	struct prv_arena a;
	struct prv_person p;
	size_t i;

	prv_arena_init(&a);
	for (i = 0; i < PRV_ARRAY_SIZE(cases); i++) {
		bool ok = prv_person_parse_trailer(&p, &a, cases[i].in);

		cr_expect_eq(ok, cases[i].ok, "'%s'", cases[i].in);
		cr_expect_str_eq(p.name, cases[i].name, "'%s'", cases[i].in);
		cr_expect_str_eq(p.email, cases[i].email, "'%s'", cases[i].in);
	}
	cr_expect_not(prv_person_parse_trailer(&p, &a, NULL));
	prv_arena_release(&a);
}

/*
 * git mailinfo's unquote_quoted_pair(), shared by the header parser and
 * the author line: a backslash is dropped and takes the next character
 * literally, also when nothing follows it (the header parser's copy kept
 * that last backslash).
 */
Test(address, unquote_as_git_does)
{
	static const char *const cases[][2] = {
		{ "\"Dev, Ann\" <a@x>", "Dev, Ann <a@x>" },
		{ "\"A \\\"B\\\" C\"", "A \"B\" C" },
		{ "a@x (Ann (the) Dev)", "a@x (Ann (the) Dev)" },
		{ "a@x (Ann \\) Dev)", "a@x (Ann ) Dev)" },
		{ "a@x (Ann Dev\\", "a@x (Ann Dev" },
		{ "\"Ann Dev\\", "Ann Dev" },
		{ "\"open", "open" },
	};
	struct prv_person p;
	struct prv_arena a;
	char out[64];
	size_t i;

	for (i = 0; i < PRV_ARRAY_SIZE(cases); i++) {
		size_t n = prv_address_unquote(out, cases[i][0],
					       strlen(cases[i][0]));

		out[n] = '\0';
		cr_expect_str_eq(out, cases[i][1], "'%s'", cases[i][0]);
	}
	prv_arena_init(&a);
	cr_expect_eq(prv_address_parse(&p, &a, "ann@x.org (Ann Dev\\", 19), 0);
	cr_expect_str_eq(p.name, "(Ann Dev");
	prv_arena_release(&a);
}
