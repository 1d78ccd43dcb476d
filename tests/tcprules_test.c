// SPDX-License-Identifier: GPL-2.0-or-later
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "core/error.h"
#include "core/rulefile.h"
#include "core/util.h"

static const struct prv_rule *find(const struct prv_ruleset *rs,
				   const char *name)
{
	size_t i;

	for (i = 0; i < rs->nr; i++)
		if (!strcmp(rs->rules[i].name, name))
			return &rs->rules[i];
	return NULL;
}

Test(tcprules, shipped_file_loads)
{
	struct prv_ruleset rs;

	prv_ruleset_init(&rs);
	cr_assert_eq(prv_ruleset_add_default(&rs), 0, "%s", prv_error_last());
	cr_assert(rs.nr >= 15, "%zu rules", rs.nr);
	cr_assert_not_null(find(&rs, "tcp-option-space"));
	cr_expect_str_eq(find(&rs, "tcp-option-space")->id, "tcp.touch");
	prv_ruleset_release(&rs);
}

struct match_case {
	const char *path;
	const char *line; /* NULL: a path-only question */
	const char *rule;
	bool match;
};

static const struct match_case matches[] = {
	{ "net/ipv4/tcp_output.c", NULL, "tcp-core", true },
	{ "net/ipv6/tcp_ipv6.c", NULL, "tcp-core", true },
	{ "include/net/tcp.h", NULL, "tcp-core", true },
	{ "include/uapi/linux/tcp.h", NULL, "tcp-core", true },
	{ "net/ipv4/syncookies.c", NULL, "tcp-core", true },
	{ "net/ipv4/udp.c", NULL, "tcp-core", false },
	{ "net/mptcp/protocol.c", NULL, "tcp-core", false },
	{ "include/net/sock.h", NULL, "tcp-socket-layer", true },
	{ "net/core/sock.c", NULL, "tcp-socket-layer", true },
	{ "net/core/dev.c", NULL, "tcp-socket-layer", false },
	{ "net/ipv4/tcp_output.c", "+\ttcp_options_write(th, tp, opts);",
	  "tcp-option-space", true },
	{ "net/ipv4/tcp_output.c", "+#define OPTION_FOO BIT(12)",
	  "tcp-option-space", true },
	{ "net/ipv4/tcp_output.c", "+\ttcp_options_writer(x);",
	  "tcp-option-space", false },
	{ "net/mptcp/options.c", "+\ttcp_options_write(th, tp, opts);",
	  "tcp-option-space", false },
	{ "include/uapi/linux/tcp.h", "+#define TCP_FOO_BAR\t\t42",
	  "tcp-sockopt", true },
	{ "net/ipv4/tcp.c", "-\treturn do_tcp_setsockopt(sk, level);",
	  "tcp-sockopt", true },
	{ "net/ipv4/tcp_input.c", "+\tif (sk_is_mptcp(sk))", "tcp-mptcp-hooks",
	  true },
	{ "net/ipv4/tcp_input.c", "+\tmptcp_incoming_options(sk, skb);",
	  "tcp-mptcp-hooks", true },
	{ "net/ipv4/tcp_input.c", "+\ttp->rcv_nxt = seq;", "tcp-sock-fields",
	  true },
	{ "net/ipv4/tcp_input.c", "+\ttp->rcv_nxtx = seq;", "tcp-sock-fields",
	  false },
	{ "net/ipv4/tcp_fastopen.c", "+\ttcp_fastopen_cookie_check(sk);",
	  "tcp-fastopen", true },
	{ "net/ipv4/tcp_minisocks.c", "+\tinet_reqsk_clone(req, sk);",
	  "tcp-request-sock", true },
	{ "net/ipv6/syncookies.c", "+\tcookie_v6_check(sk, skb);",
	  "tcp-syncookies", true },
	{ "net/ipv4/tcp_ipv4.c",
	  "+const struct inet_connection_sock_af_ops "
	  "ipv4_specific = {",
	  "tcp-ops-tables", true },
	{ "net/ipv4/tcp_ulp.c", "+\ttcp_register_ulp(&ops);", "tcp-ulp", true },
	{ "net/ipv4/tcp_output.c", "+\t__tcp_transmit_skb(sk, skb);",
	  "tcp-rx-tx", true },
	{ "net/ipv4/tcp.c", "+\ttcp_set_state(sk, TCP_CLOSE);", "tcp-state",
	  true },
	{ "net/ipv4/tcp_timer.c", "+\ticsk->icsk_retransmits = 0;",
	  "tcp-timers", true },
	{ "net/core/sock.c", "+\tsk->sk_forward_alloc -= size;", "tcp-memory",
	  true },
};

Test(tcprules, paths_and_symbols)
{
	struct prv_ruleset rs;
	size_t i;

	prv_ruleset_init(&rs);
	cr_assert_eq(prv_ruleset_add_default(&rs), 0, "%s", prv_error_last());
	for (i = 0; i < PRV_ARRAY_SIZE(matches); i++) {
		const struct match_case *c = &matches[i];
		const struct prv_rule *r = find(&rs, c->rule);
		bool got;

		cr_assert_not_null(r, "no rule '%s'", c->rule);
		got = prv_rule_match_path(&rs, r, c->path);
		if (c->line)
			got = got && prv_rule_match_symbol(&rs, r, c->line,
							   strlen(c->line),
							   NULL, NULL);
		cr_expect_eq(got, c->match, "%s on '%s' '%s': got %d", c->rule,
			     c->path, c->line ? c->line : "", got);
	}
	prv_ruleset_release(&rs);
}

struct bad_case {
	const char *text;
	const char *error;
};

static const struct bad_case bad[] = {
	{ "rule x\npath: ^net/(\nreason: r\n",
	  "t.rules:2: bad pattern '^net/(': missing closing parenthesis" },
	{ "path: ^net/\n", "t.rules:1: 'path' outside of a rule" },
	{ "rule x\nsymbol: a\n", "t.rules:1: rule 'x' has no reason" },
	{ "rule x y\nreason: r\n", "t.rules:1: bad rule name 'x y'" },
	{ "rule x\nreason: r\ncolour: red\n",
	  "t.rules:3: unknown key 'colour'" },
	{ "rule x\nreason: r\nseverity: loud\n",
	  "t.rules:3: bad severity 'loud'" },
	{ "rule x\nreason: r\njust words\n",
	  "t.rules:3: expected 'rule NAME' or 'key: value'" },
	{ "rule x\nreason:\n", "t.rules:2: empty value for 'reason'" },
};

Test(tcprules, bad_rules_name_file_and_line)
{
	size_t i;

	for (i = 0; i < PRV_ARRAY_SIZE(bad); i++) {
		struct prv_ruleset rs;

		prv_ruleset_init(&rs);
		cr_expect_eq(prv_ruleset_add_text(&rs, bad[i].text,
						  strlen(bad[i].text),
						  "t.rules"),
			     PRV_EPARSE, "case %zu", i);
		cr_expect(!strncmp(prv_error_last(), bad[i].error,
				   strlen(bad[i].error)),
			  "case %zu: '%s'", i, prv_error_last());
		prv_ruleset_release(&rs);
	}
}

/* A NUL byte is no name character (strchr() would find the terminator). */
Test(tcprules, nul_in_rule_name)
{
	static const char t[] = "rule x\0y\nreason: r\n";
	struct prv_ruleset rs;

	prv_ruleset_init(&rs);
	cr_expect_eq(prv_ruleset_add_text(&rs, t, sizeof(t) - 1, "t.rules"),
		     PRV_EPARSE);
	cr_expect(!strncmp(prv_error_last(), "t.rules:1: bad rule name", 24),
		  "%s", prv_error_last());
	prv_ruleset_release(&rs);
}

Test(tcprules, patterns_need_no_double_escaping)
{
	const char *t = "# comment\n\nrule sq\n  path: \\.c$\n"
			"  symbol: \\bfoo\\(\\)\n  reason: r: with colon\n"
			"  group: g\n";
	struct prv_ruleset rs;
	const struct prv_rule *r;
	size_t s, e;

	prv_ruleset_init(&rs);
	cr_assert_eq(prv_ruleset_add_text(&rs, t, strlen(t), "t"), 0, "%s",
		     prv_error_last());
	r = find(&rs, "sq");
	cr_assert_not_null(r);
	cr_expect_str_eq(r->id, "rule.sq");
	cr_expect_str_eq(r->reason, "r: with colon");
	cr_expect(prv_rule_match_path(&rs, r, "a/b.c"));
	cr_expect(!prv_rule_match_path(&rs, r, "a/b.h"));
	cr_assert(prv_rule_match_symbol(&rs, r, "+ x = foo();", 12, &s, &e));
	cr_expect_eq(s, 6);
	cr_expect_eq(e, 11);
	prv_ruleset_release(&rs);
}

Test(tcprules, a_later_rule_replaces_one_of_the_same_name)
{
	const char *a = "rule x\nreason: one\n", *b = "rule x\nreason: two\n";
	struct prv_ruleset rs;

	prv_ruleset_init(&rs);
	cr_assert_eq(prv_ruleset_add_text(&rs, a, strlen(a), "a"), 0);
	cr_assert_eq(prv_ruleset_add_text(&rs, b, strlen(b), "b"), 0);
	cr_assert_eq(rs.nr, 1);
	cr_expect_str_eq(rs.rules[0].reason, "two");
	prv_ruleset_release(&rs);
}
