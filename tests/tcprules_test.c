// SPDX-License-Identifier: GPL-2.0-or-later
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "core/base/error.h"
#include "core/check/rulefile.h"
#include "core/base/util.h"
#include "checkfix.h"
#include "rules/tcp.h"

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

/*
 * The shipped rules read "<group> (<symbols>): <reason>": a short group, a
 * reason that does not repeat it. The files rules (no symbols) are the
 * tcp.touch line; the groups MPTCP depends on are todo, the others not.
 */
Test(tcprules, shipped_groups_are_short_and_ranked)
{
	static const char *const todo[] = {
		"tcp-option-space", "tcp-request-sock", "tcp-syncookies",
		"tcp-ulp",	    "tcp-timers",	"tcp-sockopt",
		"tcp-sockopt-new",  "tcp-sock-fields",	"tcp-mptcp-hooks",
	};
	struct prv_ruleset rs;
	size_t i, k;

	prv_ruleset_init(&rs);
	cr_assert_eq(prv_ruleset_add_default(&rs), 0, "%s", prv_error_last());
	for (i = 0; i < rs.nr; i++) {
		const struct prv_rule *r = &rs.rules[i];
		bool want = false;

		for (k = 0; k < PRV_ARRAY_SIZE(todo); k++)
			want |= !strcmp(todo[k], r->name);
		cr_expect(strlen(r->group) <= 24, "%s: group '%s' too long",
			  r->name, r->group);
		cr_expect(!strcasestr(r->reason, r->group),
			  "%s: '%s' repeats '%s'", r->name, r->reason,
			  r->group);
		cr_expect(r->reason[strlen(r->reason) - 1] != '.',
			  "%s: a reason ends without a full stop", r->name);
		if (r->nr_symbols)
			cr_expect_eq(r->todo, want, "%s: todo %d", r->name,
				     r->todo);
		cr_expect(!r->all_changes, "%s counts comments", r->name);
	}
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
	  "tcp-sockopt-new", true },
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

/*
 * The TCP check itself over one patch: the function each finding names and
 * how its message reads. The hunk's header names tcp_a(); the hunk adds
 * tcp_b() after it and removes tcp_old().
 */
static const char func_diff[] =
	"diff --git a/net/ipv4/tcp_output.c b/net/ipv4/tcp_output.c\n"
	"index 1111111..2222222 100644\n"
	"--- a/net/ipv4/tcp_output.c\n"
	"+++ b/net/ipv4/tcp_output.c\n"
	"@@ -6,7 +6,12 @@ static void tcp_a(struct sock *sk)\n"
	" {\n"
	"+\tprobe_before(sk);\n"
	" }\n"
	"-void tcp_old(struct sock *sk)\n"
	"-{\n"
	"-\tprobe_gone(sk);\n"
	"+\tprobe_after_removed(sk);\n"
	"-}\n"
	"+\n"
	"+void tcp_b(struct sock *ssk)\n"
	"+{\n"
	"+\tprobe_after(ssk);\n"
	" out:\n"
	"+\tprobe_after_label(ssk);\n"
	" }\n"
	"@@ -40,3 +45,4 @@ struct tcp_c {\n"
	" \tint a;\n"
	"+\tint probe_field;\n"
	" \tint b;\n";

#define PROBE(name, sym)                                           \
	"rule " name "\npath: ^net/ipv4/\nsymbol: \\b" sym "\\b\n" \
	"reason: r\n"

static const char probe_rules[] = PROBE("before", "probe_before") PROBE(
	"gone", "probe_gone") PROBE("after-removed", "probe_after_removed")
	PROBE("after", "probe_after") PROBE("label", "probe_after_label")
		PROBE("field", "probe_field") PROBE("header", "tcp_a");

struct func_case {
	const char *id;
	long line;
	const char *hint;
};

static const struct func_case func_cases[] = {
	/* before tcp_b()'s definition: the header's function */
	{ "rule.before", 7, "in tcp_a()" },
	/* a removed line is in the function it was removed from */
	{ "rule.gone", 9, "in tcp_old()" },
	/* a removed definition does not hold the added lines after it */
	{ "rule.after-removed", 9, "in tcp_a()" },
	/* inside the new tcp_b(): tcp_b, not the header's tcp_a */
	{ "rule.after", 13, "in tcp_b()" },
	/* a goto label is not a function */
	{ "rule.label", 15, "in tcp_b()" },
	/* a structure: its name, no parentheses */
	{ "rule.field", 46, "in struct tcp_c" },
	/* a match in the header's function context itself, on each line
	 * changed in it */
	{ "rule.header", 7, "in tcp_a(); also line 9" },
};

static void check_mail(struct fx *f, struct prv_buf *b, const char *diff,
		       const char *rules)
{
	struct prv_buf body = PRV_BUF_INIT;

	prv_buf_addf(&body, "Bar.\n\n%s---\n%s-- \n2.43.0\n", FX_SOB, diff);
	fx_mail(b, FX_AUTHOR, FX_DATE1, "p1@x", NULL,
		"[PATCH net-next] tcp: bar", "To: netdev@vger.kernel.org\n",
		body.data);
	prv_buf_release(&body);
	fx_check_opts(f, b, rules, NULL);
}

Test(tcprules, findings_name_the_function_of_their_line)
{
	struct prv_buf b = PRV_BUF_INIT;
	struct fx f;
	size_t i;

	check_mail(&f, &b, func_diff, probe_rules);
	for (i = 0; i < PRV_ARRAY_SIZE(func_cases); i++) {
		const struct func_case *c = &func_cases[i];
		const struct prv_finding *fi = fx_find(&f, c->id);

		cr_assert_not_null(fi, "%s:%s", c->id, fx_dump(&f));
		cr_expect_eq(fi->line, c->line, "%s: line %ld", c->id,
			     fi->line);
		cr_expect_str_eq(fi->hint ? fi->hint : "(null)", c->hint,
				 "%s: '%s'", c->id, fi->hint);
	}
	fx_release(&f);
	prv_buf_release(&b);
}

/* The message: "<group> (<matched text>): <reason>". */
struct message_case {
	const char *rules;
	const char *message;
};

static const struct message_case message_cases[] = {
	{ "group: option space\nsymbol: \\bprobe_before\\b\n"
	  "reason: MPTCP shares the 40-byte option space\n",
	  "option space (probe_before): MPTCP shares the 40-byte option "
	  "space" },
	{ "group: ops tables\nsymbol: \\bprobe_\\w+\n"
	  "reason: r\n",
	  "ops tables (probe_before, probe_gone, probe_after_removed, "
	  "probe_after, ...): r" },
	/* white space the pattern ends on is not part of the text */
	{ "group: g\nsymbol: ^\\+\\s*void\\s+\nreason: r\n", "g (void): r" },
	/* no group: the rule's name is the group */
	{ "symbol: \\bprobe_before\\b\nreason: r\n", "m (probe_before): r" },
	/* without symbols, once per patch: the group and the reason */
	{ "group: socket layer\nreason: MPTCP hooks into it\n",
	  "socket layer: MPTCP hooks into it" },
};

Test(tcprules, message_gives_the_group_once)
{
	size_t i;

	for (i = 0; i < PRV_ARRAY_SIZE(message_cases); i++) {
		struct prv_buf b = PRV_BUF_INIT;
		char *rules = NULL;
		const struct prv_finding *fi;
		struct fx f;

		cr_assert(
			asprintf(&rules,
				 "rule m\nid: probe.msg\npath: ^net/ipv4/\n%s",
				 message_cases[i].rules) > 0);
		check_mail(&f, &b, func_diff, rules);
		fi = fx_find(&f, "probe.msg");
		cr_assert_not_null(fi, "case %zu:%s", i, fx_dump(&f));
		cr_expect_str_eq(fi->message, message_cases[i].message,
				 "case %zu", i);
		fx_release(&f);
		prv_buf_release(&b);
		free(rules);
	}
}

/* What counts as changed code: no comment, blank or SPDX line. */
Test(tcprules, only_code_lines_count)
{
	static const struct {
		const char *line;
		bool c, in_before, code, in_after;
	} cases[] = {
		{ "", true, false, false, false },
		{ "\t ", true, false, false, false },
		{ "\tx = 1;", true, false, true, false },
		{ "/* a comment */", true, false, false, false },
		{ "\t/* opens", true, false, false, true },
		{ " * goes on", true, true, false, true },
		{ " */", true, true, false, false },
		{ " * goes on", true, false, false, false },
		{ "\t*p = 0;", true, false, true, false },
		{ "\tx = 1; /* why */", true, false, true, false },
		{ "\tx = 1; /* opens", true, false, true, true },
		{ "done */ x = 2;", true, true, true, false },
		{ "// SPDX-License-Identifier: GPL-2.0", true, false, false,
		  false },
		{ "\t// a line comment", true, false, false, false },
		{ "\ts = \"/* not a comment\";", true, false, true, false },
		{ "#define TCP_X 1", true, false, true, false },
		{ "# a Kconfig comment", false, false, false, false },
		{ "\tdepends on INET", false, false, true, false },
	};
	size_t i;

	for (i = 0; i < PRV_ARRAY_SIZE(cases); i++) {
		bool in = cases[i].in_before;
		bool code = prv_tcp_line_is_code(
			cases[i].line, strlen(cases[i].line), cases[i].c, &in);

		cr_expect_eq(code, cases[i].code, "'%s': code %d",
			     cases[i].line, code);
		cr_expect_eq(in, cases[i].in_after, "'%s': in comment %d",
			     cases[i].line, in);
	}
}
