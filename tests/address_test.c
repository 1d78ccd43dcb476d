// SPDX-License-Identifier: GPL-2.0-or-later
#include <criterion/criterion.h>
#include <string.h>

#include "core/address.h"
#include "core/arena.h"
#include "core/error.h"

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
	/* appending keeps what was there */
	cr_assert_eq(prv_address_list_parse(&people, &nr, &a, "e@f.g", 5), 0);
	cr_assert_eq(nr, 6);
	cr_expect_str_eq(people[0].email, "john@example.org");
	cr_expect_str_eq(people[5].email, "e@f.g");
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
