// SPDX-License-Identifier: GPL-2.0-or-later
#include <criterion/criterion.h>
#include <string.h>

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
