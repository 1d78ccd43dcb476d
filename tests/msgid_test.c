// SPDX-License-Identifier: GPL-2.0-or-later
#include <criterion/criterion.h>
#include <string.h>

#include "core/base/arena.h"
#include "core/mail/msgid.h"

Test(msgid, valid)
{
	char v[1000];

	memset(v, 'x', sizeof(v));
	cr_expect(prv_msgid_valid("a@b", 3));
	cr_expect(!prv_msgid_valid("", 0));
	cr_expect(!prv_msgid_valid("a b", 3));
	cr_expect(!prv_msgid_valid("<a>", 3));
	cr_expect(!prv_msgid_valid("a\x7f", 2));
	cr_expect(prv_msgid_valid(v, 998));
	cr_expect(!prv_msgid_valid(v, 999));
}

/* Ids that would climb out of the inbox path once in a URL. */
Test(msgid, url_safe)
{
	static const char *const bad[] = {
		".",	      "..",	    "%2E%2E",  "%2e.",	 ".%2E",
		"%252E%252E", "a/../b",	    "a/..",    "../a",	 "./a",
		"a%2F..",     "a%2F%2E%2E", "..\\a@x", "a@x\\.", "%25252e",
	};
	static const char *const good[] = {
		"a@b",	     "...",   "..a@x",	"a..b@x", "a.@x",
		"%2E%2E%2E", "a/b@x", "a/.b@x", "%2Ex@y", ".a",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		cr_expect(!prv_msgid_url_safe(bad[i], strlen(bad[i])), "%s",
			  bad[i]);
		cr_expect(!prv_msgid_valid(bad[i], strlen(bad[i])), "%s",
			  bad[i]);
	}
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		cr_expect(prv_msgid_url_safe(good[i], strlen(good[i])), "%s",
			  good[i]);
		cr_expect(prv_msgid_valid(good[i], strlen(good[i])), "%s",
			  good[i]);
	}
}

struct parse_case {
	const char *value;
	const char *id; /* NULL: none */
};

/*
 * Header values on which the three old readers (the mail's, the lore
 * client's and the one naming warnings) disagreed: they now read alike.
 */
static const struct parse_case parse_cases[] = {
	{ "<a@b>", "a@b" },
	{ "  <a@b>  ", "a@b" },
	/* the warning label once kept "a@b> (by the list" */
	{ "<a@b> (by the list)", "a@b" },
	/* lore once kept the blanks */
	{ "< a@b >", "a@b" },
	/* lore once found no id after an empty <> */
	{ "<> <c@d>", "c@d" },
	/* lore once refused a bare id followed by anything */
	{ "a@b (no brackets)", "a@b" },
	{ "a@b", "a@b" },
	{ "<a@b", NULL },
	{ "", NULL },
	{ "   ", NULL },
	{ "<>", NULL },
};

Test(msgid, parse)
{
	size_t i;

	for (i = 0; i < sizeof(parse_cases) / sizeof(parse_cases[0]); i++) {
		const struct parse_case *c = &parse_cases[i];
		struct prv_arena a;
		const char *id;

		prv_arena_init(&a);
		id = prv_msgid_parse(&a, c->value, strlen(c->value), NULL);
		if (c->id)
			cr_expect_str_eq(id, c->id, "'%s'", c->value);
		else
			cr_expect_null(id, "'%s': '%s'", c->value, id);
		prv_arena_release(&a);
	}
}

/* One cap: the old warning label cut ids at 200 bytes, lore had none. */
Test(msgid, cap_is_an_rfc5322_line)
{
	char v[1100];
	struct prv_arena a;
	const char *id;

	prv_arena_init(&a);
	memset(v, 'x', sizeof(v));
	v[0] = '<';
	v[999] = '>'; /* 998 bytes inside */
	v[1000] = '\0';
	id = prv_msgid_parse(&a, v, strlen(v), NULL);
	cr_assert_not_null(id);
	cr_expect_eq(strlen(id), 998);
	v[999] = 'x';
	v[1000] = '>'; /* 999 bytes: not an id */
	v[1001] = '\0';
	cr_expect_null(prv_msgid_parse(&a, v, strlen(v), NULL));
	cr_expect(prv_msgid_valid(v + 1, 998));
	cr_expect(!prv_msgid_valid(v + 1, 999));
	prv_arena_release(&a);
}

Test(msgid, references_in_turn)
{
	static const char refs[] = "<a@b> <> <c@d>\n\t<e@f>";
	const char *p = refs, *end = refs + strlen(refs), *rest, *id;
	const char *want[] = { "a@b", "c@d", "e@f" };
	struct prv_arena a;
	size_t n = 0;

	prv_arena_init(&a);
	while ((id = prv_msgid_parse(&a, p, (size_t)(end - p), &rest))) {
		cr_assert_lt(n, 3);
		cr_expect_str_eq(id, want[n++]);
		p = rest;
	}
	cr_expect_eq(n, 3);
	prv_arena_release(&a);
}

struct url_case {
	const char *url;
	bool any_host;
	const char *inbox; /* NULL: no id */
	const char *id;
};

static const struct url_case url_cases[] = {
	{ "https://lore.kernel.org/netdev/a@b/T/#u", false, "netdev", "a@b" },
	{ "https://lore.kernel.org/r/a%40b", false, "r", "a%40b" },
	{ "https://lore.kernel.org/a@b", false, "", "a@b" },
	{ "lore.kernel.org/lkml/no-at/", false, "lkml", "no-at" },
	{ "https://patch.msgid.link/no-at", false, "", "no-at" },
	{ "https://x.org/pub//inbox/a@b/raw?x=1", false, "pub//inbox", "a@b" },
	{ "https://x.org/list/no-at/", false, NULL, NULL },
	{ "https://x.org/list/no-at/", true, "list", "no-at" },
	{ "https://x.org/no-at", true, NULL, NULL },
	{ "https:///a@b", true, NULL, NULL },
};

Test(msgid, url_split)
{
	size_t i;

	for (i = 0; i < sizeof(url_cases) / sizeof(url_cases[0]); i++) {
		const struct url_case *c = &url_cases[i];
		struct prv_msgid_url u;
		bool ok = prv_msgid_url_split(&u, c->url, strlen(c->url),
					      c->any_host);

		cr_expect_eq(ok, c->id != NULL, "'%s'", c->url);
		if (!ok || !c->id)
			continue;
		cr_expect(u.inbox_len == strlen(c->inbox) &&
				  !memcmp(u.inbox, c->inbox, u.inbox_len),
			  "'%s': inbox '%.*s'", c->url, (int)u.inbox_len,
			  u.inbox);
		cr_expect(u.id_len == strlen(c->id) &&
				  !memcmp(u.id, c->id, u.id_len),
			  "'%s': id '%.*s'", c->url, (int)u.id_len, u.id);
	}
}
