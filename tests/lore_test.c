// SPDX-License-Identifier: GPL-2.0-or-later
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/buf.h"
#include "core/lore/cache.h"
#include "core/lore/http.h"
#include "core/base/error.h"
#include "core/lore/lore.h"
#include "core/lore/loreurl.h"

struct arg_case {
	const char *arg;
	const char *msgid; /* NULL: a usage error */
	const char *base; /* NULL: none (bare message-id) */
};

static const struct arg_case arg_cases[] = {
	{ "20240110-foo-v1-1-abc@kernel.org",
	  "20240110-foo-v1-1-abc@kernel.org", NULL },
	{ "<abc@example.org>", "abc@example.org", NULL },
	{ "  <abc@example.org>\n", "abc@example.org", NULL },
	{ "mid:abc@example.org", "abc@example.org", NULL },
	{ "id:<abc@example.org>", "abc@example.org", NULL },
	{ "no-at-sign", "no-at-sign", NULL },
	{ "https://lore.kernel.org/netdev/abc@example.org/", "abc@example.org",
	  "https://lore.kernel.org/netdev" },
	{ "https://lore.kernel.org/netdev/abc@example.org", "abc@example.org",
	  "https://lore.kernel.org/netdev" },
	{ "https://lore.kernel.org/all/abc@example.org/T/#u", "abc@example.org",
	  "https://lore.kernel.org/all" },
	{ "https://lore.kernel.org/mptcp/abc@example.org/t/", "abc@example.org",
	  "https://lore.kernel.org/mptcp" },
	{ "https://lore.kernel.org/netdev/abc@example.org/raw",
	  "abc@example.org", "https://lore.kernel.org/netdev" },
	{ "https://lore.kernel.org/netdev/abc@example.org/t.mbox.gz",
	  "abc@example.org", "https://lore.kernel.org/netdev" },
	{ "https://lore.kernel.org/r/abc@example.org", "abc@example.org",
	  "https://lore.kernel.org/all" },
	{ "https://lore.kernel.org/abc@example.org/", "abc@example.org",
	  "https://lore.kernel.org/all" },
	{ "HTTPS://lore.kernel.org/netdev/abc%40example.org/#r",
	  "abc@example.org", "HTTPS://lore.kernel.org/netdev" },
	{ "https://lore.kernel.org/netdev/a%2Fb%25c@x/?q=1", "a/b%c@x",
	  "https://lore.kernel.org/netdev" },
	{ "http://127.0.0.1:8080/lists/netdev/abc@x/", "abc@x",
	  "http://127.0.0.1:8080/lists/netdev" },
	{ "https://lore.kernel.org/netdev/no-at-here/", "no-at-here",
	  "https://lore.kernel.org/netdev" },
	{ "https://lore.kernel.org//netdev//abc@x//T//", "abc@x",
	  "https://lore.kernel.org/netdev" },
	/* errors */
	{ "", NULL, NULL },
	{ "<>", NULL, NULL },
	{ "two words@x", NULL, NULL },
	{ "<a<b@x>", NULL, NULL },
	{ "a\x01@x", NULL, NULL },
	{ "https://lore.kernel.org/", NULL, NULL },
	{ "https://lore.kernel.org/netdev/", NULL, NULL },
	{ "https:///netdev/abc@x/", NULL, NULL },
	{ "https://lore.kernel.org/netdev/a%20b@x/", NULL, NULL },
	/* ids and inboxes that climb out of the inbox path */
	{ "..", NULL, NULL },
	{ "<.>", NULL, NULL },
	{ "%2E%2E", NULL, NULL },
	{ "https://lore.kernel.org/r/..", NULL, NULL },
	{ "https://lore.kernel.org/netdev/%2E%2E/", NULL, NULL },
	{ "https://lore.kernel.org/netdev/%252e%252e/raw", NULL, NULL },
	{ "https://lore.kernel.org/netdev/../abc@x/", NULL, NULL },
	{ "https://lore.kernel.org/netdev/%2e%2e/abc@x/", NULL, NULL },
};

Test(lore, parse_arg_table)
{
	size_t i;

	for (i = 0; i < sizeof(arg_cases) / sizeof(arg_cases[0]); i++) {
		const struct arg_case *c = &arg_cases[i];
		char *msgid = (char *)"x", *base = (char *)"x";
		int rc = prv_lore_parse_arg(&msgid, &base, c->arg);

		if (!c->msgid) {
			cr_expect_eq(rc, PRV_EUSAGE, "'%s' accepted", c->arg);
			cr_expect_null(msgid);
			cr_expect_null(base);
			continue;
		}
		cr_expect_eq(rc, 0, "'%s': %s", c->arg, prv_error_last());
		if (rc)
			continue;
		cr_expect_str_eq(msgid, c->msgid, "'%s'", c->arg);
		if (c->base)
			cr_expect_str_eq(base, c->base, "'%s'", c->arg);
		else
			cr_expect_null(base, "'%s'", c->arg);
		free(msgid);
		free(base);
	}
}

Test(lore, parse_arg_too_long)
{
	char *big = malloc(PRV_LORE_ARG_MAX + 10), *msgid, *base;

	memset(big, 'a', PRV_LORE_ARG_MAX + 9);
	big[PRV_LORE_ARG_MAX + 9] = '\0';
	cr_expect_eq(prv_lore_parse_arg(&msgid, &base, big), PRV_EUSAGE);
	free(big);
}

Test(lore, endpoint_urls)
{
	char *u;

	u = prv_lore_thread_url("https://lore.kernel.org/all/", "a/b%c@x");
	cr_expect_str_eq(u,
			 "https://lore.kernel.org/all/a%2Fb%25c@x/t.mbox.gz");
	free(u);
	u = prv_lore_raw_url("https://lore.kernel.org/netdev",
			     "20240110.1-x+y=z~_@k.org");
	cr_expect_str_eq(u, "https://lore.kernel.org/netdev/"
			    "20240110.1-x+y=z~_@k.org/raw");
	free(u);
	/* the page for people: /r/ on lore.kernel.org, the base elsewhere */
	u = prv_lore_message_url(NULL, "a/b%c@x");
	cr_expect_str_eq(u, "https://lore.kernel.org/r/a%2Fb%25c@x");
	free(u);
	u = prv_lore_message_url("https://lore.kernel.org/all", "m@x");
	cr_expect_str_eq(u, "https://lore.kernel.org/r/m@x");
	free(u);
	u = prv_lore_message_url("http://127.0.0.1:8080/netdev/", "m@x");
	cr_expect_str_eq(u, "http://127.0.0.1:8080/netdev/m@x/");
	free(u);
	u = prv_lore_thread_url("http://h/all", "a#b?c d\"e<f>\xc3\xa9@x");
	cr_expect_str_eq(u, "http://h/all/a%23b%3Fc%20d%22e%3Cf%3E%C3%A9@x/"
			    "t.mbox.gz");
	free(u);
	/* every byte that ends or escapes a path segment is encoded */
	u = prv_lore_raw_url("http://h/all", "/?#[]%\\ \t\x01\x7f@x");
	cr_expect_str_eq(u, "http://h/all/%2F%3F%23%5B%5D%25%5C%20%09%01%7F@x/"
			    "raw");
	free(u);
	/* no URL leaves the inbox: not for ".", "..", nor their escapes */
	cr_expect_null(
		prv_lore_thread_url("https://lore.kernel.org/all", ".."));
	cr_expect_null(prv_lore_raw_url("https://lore.kernel.org/all", "."));
	cr_expect_null(
		prv_lore_raw_url("https://lore.kernel.org/all", "%2E%2E"));
	cr_expect_null(prv_lore_message_url(NULL, "a/../.."));
	u = prv_lore_search_url("https://lore.kernel.org/all",
				"nq:\"change-id: 20240101-x-1234\"");
	cr_expect_str_eq(u, "https://lore.kernel.org/all/?x=m&t=1&q="
			    "nq%3A%22change-id%3A%2020240101-x-1234%22");
	free(u);
}

/* A redirect never takes an https request to plain http. */
Test(lore, redirect_protocols)
{
	cr_expect_str_eq(prv_http_redirect_protocols("https://lore.kernel.org/"
						     "all/a@b/raw"),
			 "https");
	cr_expect_str_eq(prv_http_redirect_protocols("HTTPS://h/x"), "https");
	cr_expect_str_eq(prv_http_redirect_protocols("http://127.0.0.1:1/x"),
			 "http,https");
}

Test(lore, queries)
{
	char *q;

	q = prv_lore_query_change_id("20240226-foo-v1-abc");
	cr_expect_str_eq(q, "nq:\"change-id: 20240226-foo-v1-abc\"");
	free(q);
	/* 2024-01-10 12:00 UTC */
	q = prv_lore_query_subject("mptcp: say \"hi\"", "ann@example.org",
				   1704888000LL);
	cr_expect_str_eq(q, "s:\"mptcp: say hi\" AND f:\"ann@example.org\" "
			    "AND d:20230110..20250109");
	free(q);
	q = prv_lore_query_subject("t", "a@b", 0);
	cr_expect_str_eq(q, "s:\"t\" AND f:\"a@b\"");
	free(q);
}

Test(lore, cache_round_trip)
{
	char dir[] = "/tmp/prv-cache-test.XXXXXX";
	struct prv_cache c;
	struct prv_buf b = PRV_BUF_INIT;
	bool nf;

	cr_assert_not_null(mkdtemp(dir));
	setenv("XDG_CACHE_HOME", dir, 1);
	prv_cache_init(&c, 600);
	cr_expect_eq(prv_cache_get(&b, &nf, &c, "k1", false), 1);
	cr_expect_eq(prv_cache_put(&c, "k1", "a\0b", 3, false), 0);
	cr_expect_eq(prv_cache_get(&b, &nf, &c, "k1", false), 0);
	cr_expect_eq(b.len, 3);
	cr_expect(!memcmp(b.data, "a\0b", 3));
	cr_expect_eq(prv_cache_put(&c, "k2", NULL, 0, true), 0);
	cr_expect_eq(prv_cache_get(&b, &nf, &c, "k2", false), PRV_ENOTFOUND);
	cr_expect(nf);
	/* a TTL of 0: every entry is stale unless any age is asked for */
	c.ttl = 0;
	cr_expect_eq(prv_cache_get(&b, &nf, &c, "k1", false), 1);
	cr_expect_eq(prv_cache_get(&b, &nf, &c, "k1", true), 0);
	prv_cache_release(&c);
	prv_buf_release(&b);
	{
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		cr_expect_eq(system(cmd), 0);
	}
}
