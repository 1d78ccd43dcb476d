// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz the rule-file reader and the rule check: the input is a rule file;
 * when it loads, every rule is matched against a few paths and lines and
 * against the input itself, then the checks run with it on a small patch
 * that touches TCP code and the report is rendered. A failed load must
 * leave a message.
 */
#include <stdlib.h>

#include "core/check/check.h"
#include "core/base/error.h"
#include "core/report/render.h"
#include "core/report/report.h"
#include "core/check/rulefile.h"
#include "core/series/series.h"
#include "tests/fuzz/fuzz.h"

static const char patch[] =
	"From: A U Thor <author@example.org>\n"
	"Subject: [PATCH net] tcp: fix the option space\n"
	"Message-ID: <fuzz-rules@example.org>\n"
	"Date: Mon, 1 Jan 2024 00:00:00 +0000\n"
	"\n"
	"Fixes: 123456789abc (\"tcp: x\")\n"
	"Signed-off-by: A U Thor <author@example.org>\n"
	"---\n"
	"diff --git a/net/ipv4/tcp_output.c b/net/ipv4/tcp_output.c\n"
	"--- a/net/ipv4/tcp_output.c\n"
	"+++ b/net/ipv4/tcp_output.c\n"
	"@@ -10,3 +10,3 @@ static void tcp_options_write(struct tcphdr *th)\n"
	" \tint size = 0;\n"
	"-\tsize += TCPOLEN_MSS;\n"
	"+\tsize += TCPOLEN_MSS_ALIGNED;\n"
	" \treturn size;\n"
	"diff --git a/net/mptcp/options.c b/net/mptcp/options.c\n"
	"--- a/net/mptcp/options.c\n"
	"+++ b/net/mptcp/options.c\n"
	"@@ -1,2 +1,2 @@\n"
	"-+\n"
	"+-\n"
	" \n"
	"-- \n"
	"2.43.0\n";

/* The checks with the rules `rs`, then the report in text and JSON. */
static void check_with(const struct prv_ruleset *rs)
{
	struct prv_check_opts opts = PRV_CHECK_OPTS_INIT;
	struct prv_render_opts ropts = PRV_RENDER_OPTS_INIT;
	struct prv_input in;
	struct prv_report r;
	char *buf = malloc(sizeof(patch) - 1);

	if (!buf)
		return;
	memcpy(buf, patch, sizeof(patch) - 1);
	prv_input_init(&in);
	prv_input_add_buffer(&in, buf, sizeof(patch) - 1, "fuzz.mbox");
	if (prv_series_assemble(&in) || !in.nr_series)
		abort(); /* the fixed patch always makes a series */
	opts.rules = rs;
	prv_report_init(&r);
	if (!prv_checks_run(&r, &in, &opts)) {
		struct prv_buf b = PRV_BUF_INIT;

		if (!prv_report_render(&b, &r, PRV_FORMAT_TEXT, &ropts))
			fuzz_touch(b.data, b.len);
		prv_buf_reset(&b);
		if (!prv_report_render(&b, &r, PRV_FORMAT_JSON, &ropts))
			fuzz_touch(b.data, b.len);
		prv_buf_release(&b);
	}
	prv_report_release(&r);
	prv_input_release(&in);
}

static const char *const samples[] = {
	"net/ipv4/tcp_output.c",
	"+\ttcp_options_write(th, tp, NULL, &opts, &key);",
	"-static int tcp_syn_options(struct sock *sk)",
	"int mptcp_setsockopt(struct sock *sk, int level, int optname,",
	"",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct prv_ruleset rs;
	const struct prv_rule *first;
	size_t i, k, s, e;

	prv_ruleset_init(&rs);
	if (prv_ruleset_add_text(&rs, (const char *)data, size, "fuzz.rules")) {
		const char *msg = prv_error_last();

		if (!msg || !*msg)
			abort(); /* every error says what is wrong */
		fuzz_touch_str(msg);
		prv_error_clear();
	}
	for (i = 0; i < rs.nr; i++) {
		const struct prv_rule *r = &rs.rules[i];

		fuzz_touch_str(r->name);
		fuzz_touch_str(r->id);
		fuzz_touch_str(r->group);
		fuzz_touch_str(r->reason);
		if (!r->name || !r->id || !r->reason)
			abort(); /* a loaded rule is complete */
		for (k = 0; k < sizeof(samples) / sizeof(samples[0]); k++) {
			fuzz_sink += prv_rule_match_path(&rs, r, samples[k]);
			if (prv_rule_match_symbol(&rs, r, samples[k],
						  strlen(samples[k]), &s, &e) &&
			    (s > e || e > strlen(samples[k])))
				abort(); /* the match lies in the line */
		}
		if (prv_rule_match_symbol(&rs, r, (const char *)data, size, &s,
					  &e) &&
		    (s > e || e > size))
			abort();
	}
	if (rs.nr)
		check_with(&rs);
	fuzz_sink += prv_ruleset_gave_up(&rs, &first);
	prv_ruleset_release(&rs);
	return 0;
}
