// SPDX-License-Identifier: GPL-2.0-or-later
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "core/base/arena.h"
#include "core/mail/b4lines.h"

struct link_case {
	const char *text;
	const char *msgid; /* NULL: no link */
	int version;
};

/* One self-made text for each form of link seen on lore. */
static const struct link_case link_cases[] = {
	{ "- Link to v1: https://lore.kernel.org/r/20240101-foo-v1-0-1@x.org\n",
	  "20240101-foo-v1-0-1@x.org", 1 },
	{ "LINK TO V12:   <https://lore.kernel.org/r/a@b>\n", "a@b", 12 },
	{ "- link to v2 https://lore.kernel.org/all/c@d/\n", "c@d", 2 },
	{ "v1: https://lore.kernel.org/netdev/20240102.1@x.org/\n"
	  " - fixed the leak\n",
	  "20240102.1@x.org", 1 },
	{ "v3: https://lore.kernel.org/20240103.1@x.org\n", "20240103.1@x.org",
	  3 },
	{ "v1:\nhttps://lore.kernel.org/linux-mm/e@f/\n", "e@f", 1 },
	{ "Version 4:\n  https://lore.kernel.org/r/g@h\n", "g@h", 4 },
	{ "Changes from v11 [1]:\n- one\n\n[1] https://lore.kernel.org/r/i@j/\n",
	  "i@j", 11 },
	{ "Changes since v2 [2]:\n[2]: https://patch.msgid.link/k@l\n", "k@l",
	  2 },
	{ ">From v2 (https://lore.kernel.org/all/m@n/):\n", "m@n", 2 },
	{ "[v5] https://lore.kernel.org/bpf/o@p/T/#u\n", "o@p", 5 },
	{ "v6: lore.kernel.org/netdev/q@r\n", "q@r", 6 },
	{ "v2: https://patch.msgid.link/20240104-s-v2-1@x.org\n",
	  "20240104-s-v2-1@x.org", 2 },
	{ "v7: https://inbox.example.org/devel/t@u/\n", "t@u", 7 },
	{ "v1: https://lore.kernel.org/lkml/no-at-sign/\n", "no-at-sign", 1 },
	{ "v1: https://lore.kernel.org/r/a%2Bb%40c.org\n", "a+b@c.org", 1 },
	{ "v1: https://lore.kernel.org/r/a%2540c\n", "a%40c", 1 },
	{ "v1: https://lore.kernel.org/r/a%00b@c\n", "a%00b@c", 1 },
	{ "Previous version: https://lore.kernel.org/r/v@w\n", "v@w", 0 },
	{ "See https://lore.kernel.org/r/x@y for v2.\n", NULL, 0 },
	{ "Link: https://lore.kernel.org/r/x@y\n", NULL, 0 },
	{ "Changes in v2:\n- Link: https://lore.kernel.org/r/x@y\n", NULL, 0 },
	{ "> - Link to v1: https://lore.kernel.org/r/x@y\n", NULL, 0 },
	{ "v1: https://github.com/torvalds/linux\n", NULL, 0 },
	{ "v1: https://lore.kernel.org/\n", NULL, 0 },
	{ "v1:\nsome words https://lore.kernel.org/r/x@y\n", NULL, 0 },
	{ "[1] https://lore.kernel.org/r/x@y\n", NULL, 0 },
	{ "v1234: https://lore.kernel.org/r/x@y\n", NULL, 0 },
	{ "v1: https://lore.kernel.org/r/<x@y>\n", NULL, 0 },
};

Test(b4lines, link_forms)
{
	size_t i;

	for (i = 0; i < sizeof(link_cases) / sizeof(link_cases[0]); i++) {
		const struct link_case *c = &link_cases[i];
		struct prv_b4lines b4 = { .change_id = NULL };
		struct prv_arena a;

		prv_arena_init(&a);
		prv_b4lines_read(&b4, &a, c->text, strlen(c->text));
		if (!c->msgid) {
			cr_expect_eq(b4.nr_links, 0, "'%s': '%s'", c->text,
				     b4.nr_links ? b4.links[0].msgid : "");
		} else {
			cr_assert_eq(b4.nr_links, 1, "'%s'", c->text);
			cr_expect_str_eq(b4.links[0].msgid, c->msgid, "'%s'",
					 c->text);
			cr_expect_eq(b4.links[0].version, c->version, "'%s'",
				     c->text);
		}
		prv_arena_release(&a);
	}
}

Test(b4lines, links_in_order_once_each)
{
	static const char text[] =
		"Changes in v3:\n"
		"- Link to v2: https://lore.kernel.org/r/two@x\n"
		"Changes in v2:\n"
		"- Link to v1: https://lore.kernel.org/r/one@x\n"
		"v1 again: https://lore.kernel.org/all/one@x/\n";
	struct prv_b4lines b4 = { .change_id = NULL };
	struct prv_arena a;

	prv_arena_init(&a);
	prv_b4lines_read(&b4, &a, text, strlen(text));
	cr_assert_eq(b4.nr_links, 2);
	cr_expect_str_eq(b4.links[0].msgid, "two@x");
	cr_expect_eq(b4.links[0].version, 2);
	cr_expect_str_eq(b4.links[1].msgid, "one@x");
	cr_expect_eq(b4.links[1].version, 1);
	prv_arena_release(&a);
}

Test(b4lines, message_id_cap)
{
	char text[1200], id[1000];
	struct prv_b4lines b4 = { .change_id = NULL };
	struct prv_arena a;

	memset(id, 'a', sizeof(id));
	id[0] = '@';
	id[sizeof(id) - 1] = '\0'; /* 999 bytes: one too many */
	snprintf(text, sizeof(text), "v1: https://lore.kernel.org/r/%s\n", id);
	prv_arena_init(&a);
	prv_b4lines_read(&b4, &a, text, strlen(text));
	cr_expect_eq(b4.nr_links, 0);
	id[sizeof(id) - 2] = '\0'; /* 998 bytes */
	snprintf(text, sizeof(text), "v1: https://lore.kernel.org/r/%s\n", id);
	prv_b4lines_read(&b4, &a, text, strlen(text));
	cr_expect_eq(b4.nr_links, 1);
	prv_arena_release(&a);
}

struct footer_case {
	const char *line;
	const char *change_id; /* NULL: none */
	const char *base_commit;
};

static const struct footer_case footer_cases[] = {
	{ "change-id: 20240101-foo-0123456789ab", "20240101-foo-0123456789ab",
	  NULL },
	{ "change-id:\t20240101-foo-0123456789ab  \r",
	  "20240101-foo-0123456789ab", NULL },
	/* Gerrit's trailer is not b4's change-id */
	{ "Change-Id: I0123456789abcdef0123456789abcdef01234567", NULL, NULL },
	{ "CHANGE-ID: 20240101-foo", NULL, NULL },
	{ "change-id:", NULL, NULL },
	{ "change-id: two words", NULL, NULL },
	{ "> change-id: 20240101-foo", NULL, NULL },
	{ "its change-id: 20240101-foo", NULL, NULL },
	{ "change-idx: 1", NULL, NULL },
	{ "base-commit: 0123456789abcdef0123456789abcdef01234567", NULL,
	  "0123456789abcdef0123456789abcdef01234567" },
	{ "Base-Commit: 0123", NULL, NULL },
};

Test(b4lines, footer_lines)
{
	size_t i;

	for (i = 0; i < sizeof(footer_cases) / sizeof(footer_cases[0]); i++) {
		const struct footer_case *c = &footer_cases[i];
		struct prv_b4lines b4 = { .change_id = NULL };
		struct prv_arena a;

		prv_arena_init(&a);
		prv_b4lines_read(&b4, &a, c->line, strlen(c->line));
		if (c->change_id)
			cr_expect_str_eq(b4.change_id, c->change_id, "'%s'",
					 c->line);
		else
			cr_expect_null(b4.change_id, "'%s'", c->line);
		if (c->base_commit)
			cr_expect_str_eq(b4.base_commit, c->base_commit, "'%s'",
					 c->line);
		else
			cr_expect_null(b4.base_commit, "'%s'", c->line);
		prv_arena_release(&a);
	}
}

Test(b4lines, first_footer_wins_prerequisites_add_up)
{
	static const char text[] = "change-id: one\n"
				   "change-id: two\n"
				   "prerequisite-change-id: 20240101-bar:v2  \n"
				   "prerequisite-patch-id: 0123\n";
	struct prv_b4lines b4 = { .change_id = NULL };
	struct prv_arena a;

	prv_arena_init(&a);
	prv_b4lines_read(&b4, &a, text, strlen(text));
	prv_b4lines_read(&b4, &a, "change-id: three\n", 17);
	cr_expect_str_eq(b4.change_id, "one");
	cr_assert_eq(b4.nr_prerequisites, 2);
	cr_expect_str_eq(b4.prerequisites[0],
			 "prerequisite-change-id: 20240101-bar:v2");
	cr_expect_str_eq(b4.prerequisites[1], "prerequisite-patch-id: 0123");
	prv_arena_release(&a);
}

struct line_case {
	const char *line;
	const char *url; /* NULL: not a match */
	int version;
};

/* b4's own form, as the changelog reader asks for it. */
Test(b4lines, link_line)
{
	static const struct line_case cases[] = {
		{ "- Link to v1: https://lore.kernel.org/r/a@b",
		  "https://lore.kernel.org/r/a@b", 1 },
		{ "Link to v12: http://x/all/a@b/ ", "http://x/all/a@b/", 12 },
		{ "  * link to v3:   <https://x/r/c@d>", "https://x/r/c@d", 3 },
		{ "see the LINK\tTO v4 https://x.org/v4", "https://x.org/v4",
		  4 },
		{ "- Link to v: https://x/r/a@b", NULL, 0 },
		{ "- Link to v1234: https://x/r/a@b", NULL, 0 },
		{ "- Link to v1: ftp://x/a@b", NULL, 0 },
		{ "- Hyperlink to v1: https://x/a@b", NULL, 0 },
		{ "- Link to v1: https://", NULL, 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *u;
		size_t ulen;
		int v = -1;
		bool m = prv_b4_link_line(&v, &u, &ulen, cases[i].line,
					  strlen(cases[i].line));

		cr_expect_eq(m, cases[i].url != NULL, "'%s'", cases[i].line);
		if (m && cases[i].url) {
			cr_expect(ulen == strlen(cases[i].url) &&
					  !memcmp(u, cases[i].url, ulen),
				  "'%s': '%.*s'", cases[i].line, (int)ulen, u);
			cr_expect_eq(v, cases[i].version);
		}
	}
}
