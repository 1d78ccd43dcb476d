// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz the promise of docs/security.md: output that mail cannot take over.
 * The input is read as mail (cut at "\n\f\n" into up to four SOURCEs, as
 * fuzz_series does), checked with the shipped rules and rendered in every
 * format, as show's text and as reply mails, successive versions as diff's
 * text; then, on the raw bytes, the rule of core/base/safetext.h and its
 * Markdown writers. Every output must be valid UTF-8 with no control
 * character but tab and newline (the colours are off), the strings b4
 * prints must be too, and Markdown must hold no markup the mail could
 * have opened. A violation aborts.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/arena.h"
#include "core/base/buf.h"
#include "core/base/charset.h"
#include "core/base/jsonread.h"
#include "core/base/safetext.h"
#include "core/base/wrap.h"
#include "core/check/check.h"
#include "core/rangediff/rangediff.h"
#include "core/report/rdrender.h"
#include "core/report/render.h"
#include "core/report/reply.h"
#include "core/report/report.h"
#include "core/report/seriestext.h"
#include "core/series/series.h"
#include "rules/rules.h"
#include "tests/fuzz/fuzz.h"
#include "tests/fuzz/fuzz_series.h"

static void fail(const char *what, const char *s, size_t len, size_t at)
{
	size_t from = at > 40 ? at - 40 : 0;

	fprintf(stderr, "fuzz_render: %s at byte %zu of %zu: \"", what, at,
		len);
	for (; from < len && from < at + 40; from++)
		fprintf(stderr,
			(unsigned char)s[from] < 0x20 ||
					(unsigned char)s[from] >= 0x7f ?
				"\\x%02x" :
				"%c",
			(unsigned char)s[from]);
	fprintf(stderr, "\"\n");
	abort();
}

/* Valid UTF-8 with no control but tab and newline (`block`) or none. */
static void assert_safe(const char *what, const char *s, size_t len, bool block)
{
	size_t at =
		prv_safe_prefix(s, len, block ? PRV_SAFE_BLOCK : PRV_SAFE_LINE);

	if (at != len)
		fail(what, s, len, at);
}

/* The rule itself on the raw bytes: safe, idempotent, same columns. */
static void check_rule(const char *s, size_t len, enum prv_safe_mode mode)
{
	struct prv_buf a = PRV_BUF_INIT, b = PRV_BUF_INIT;

	prv_safe_add(&a, s, len, mode);
	assert_safe("prv_safe_add", a.data, a.len, mode == PRV_SAFE_BLOCK);
	if (prv_columns(a.data, a.len) != prv_columns(s, len))
		fail("prv_safe_add changed the columns", s, len, 0);
	prv_safe_add(&b, a.data, a.len, mode);
	if (b.len != a.len || memcmp(a.data, b.data, a.len))
		fail("prv_safe_add is not idempotent", s, len, 0);
	prv_buf_release(&a);
	prv_buf_release(&b);
}

static bool markup(char c)
{
	return c && strchr("\\`*_[]<>|#!&~", c);
}

/* Markdown inline text: every markup character escaped, one line. */
static void check_md_text(const char *s, size_t len)
{
	struct prv_buf b = PRV_BUF_INIT;
	size_t i;

	prv_md_add_text(&b, s, len);
	assert_safe("prv_md_add_text", b.data, b.len, false);
	for (i = 0; i < b.len; i++) {
		if (b.data[i] == '\\' && i + 1 < b.len && markup(b.data[i + 1]))
			i++;
		else if (markup(b.data[i]))
			fail("unescaped Markdown", b.data, b.len, i);
	}
	prv_buf_release(&b);
}

/* Bytes of the run of backquotes at s[i..len). */
static size_t run_at(const char *s, size_t len, size_t i)
{
	size_t n = 0;

	while (i + n < len && s[i + n] == '`')
		n++;
	return n;
}

/* A code span: one fence around, no run as long inside, one line. */
static void check_md_code(const char *s, size_t len)
{
	struct prv_buf b = PRV_BUF_INIT;
	size_t fence, i;

	prv_md_add_code(&b, s, len);
	assert_safe("prv_md_add_code", b.data, b.len, false);
	if (!len || !b.len)
		goto out;
	fence = run_at(b.data, b.len, 0);
	if (!fence || b.len < 2 * fence + 1 ||
	    run_at(b.data, b.len, b.len - fence) != fence ||
	    b.data[b.len - fence - 1] == '`')
		fail("code span fence", b.data, b.len, 0);
	for (i = fence; i < b.len - fence;) {
		size_t n = run_at(b.data, b.len - fence, i);

		if (n >= fence)
			fail("code span closed early", b.data, b.len, i);
		i += n ? n : 1;
	}
out:
	prv_buf_release(&b);
}

/* The fence that line l[0..n) starts with (3 backquotes or more), or 0. */
static size_t fence_line(const char *l, size_t n)
{
	size_t lead = 0, k;

	while (lead < n && l[lead] == ' ')
		lead++;
	k = run_at(l, n, lead);
	return k >= 3 ? k : 0;
}

/*
 * One line of the Markdown report outside fenced blocks: markup only
 * where the report writes it. Code spans are matched as CommonMark does;
 * "[ ]" and "[x]" only as the task marks of "- ", "*" and "#" are the
 * report's own (every one from mail is escaped, as check_md_text shows).
 */
static void check_md_line(const char *all, size_t all_len, const char *l,
			  size_t n)
{
	size_t i = 0, lead = 0;

	while (lead < n && l[lead] == ' ')
		lead++;
	if (n - lead >= 6 && !memcmp(l + lead, "- [", 3) &&
	    (l[lead + 3] == ' ' || l[lead + 3] == 'x') && l[lead + 4] == ']')
		i = lead + 5;
	while (i < n) {
		size_t k;

		if (l[i] == '\\' && i + 1 < n && markup(l[i + 1])) {
			i += 2;
		} else if (l[i] == '`') {
			size_t j = i + run_at(l, n, i);

			k = j - i;
			while (j < n && run_at(l, n, j) != k)
				j += run_at(l, n, j) ? run_at(l, n, j) : 1;
			if (j >= n)
				fail("unmatched backquotes", all, all_len,
				     (size_t)(l - all) + i);
			i = j + k;
		} else if (strchr("\\[]<>|!&~_", l[i])) {
			fail("Markdown from mail", all, all_len,
			     (size_t)(l - all) + i);
		} else {
			i++;
		}
	}
}

static void check_markdown(const char *s, size_t len)
{
	size_t pos = 0, open = 0;

	assert_safe("markdown", s, len, true);
	while (pos < len) {
		const char *nl = memchr(s + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (s + pos)) : len - pos;
		size_t f = fence_line(s + pos, n);

		if (open) {
			if (f >= open)
				open = 0;
		} else if (f) {
			open = f;
		} else {
			check_md_line(s, len, s + pos, n);
		}
		pos += n + 1;
	}
	if (open)
		fail("fenced block left open", s, len, len);
}

/* b4 prints the summary and details of each item on a terminal. */
static void check_b4(const char *s, size_t len)
{
	static const char *const keys[] = { "tool", "status", "summary",
					    "details", "url" };
	struct prv_arena a;
	const struct prv_jv *doc;
	size_t i, k;

	assert_safe("b4", s, len, true);
	prv_arena_init(&a);
	if (prv_jsonread_parse(&doc, &a, s, len, 0, "b4") ||
	    doc->type != PRV_JV_ARRAY)
		fail("b4 output is not a JSON array", s, len, 0);
	for (i = 0; i < doc->nr; i++) {
		for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
			const struct prv_jv *v =
				prv_jv_get(&doc->items[i], keys[k]);

			if (v && v->type == PRV_JV_STRING)
				assert_safe(keys[k], v->str, v->len, true);
		}
	}
	prv_arena_release(&a);
}

/* The report in format `fmt`, checked as that format must be. */
static void render_one(const struct prv_report *r, enum prv_report_format fmt,
		       bool b4_series)
{
	struct prv_render_opts o = PRV_RENDER_OPTS_INIT;
	struct prv_buf b = PRV_BUF_INIT;

	o.b4_series = b4_series;
	if (prv_report_render(&b, r, fmt, &o))
		goto out;
	if (fmt == PRV_FORMAT_MARKDOWN)
		check_markdown(b.data, b.len);
	else if (fmt == PRV_FORMAT_B4)
		check_b4(b.data, b.len);
	else
		assert_safe("report", b.data, b.len, true);
out:
	prv_buf_release(&b);
}

static void check_report(struct prv_input *in)
{
	static const enum prv_report_format formats[] = {
		PRV_FORMAT_TEXT,       PRV_FORMAT_MARKDOWN, PRV_FORMAT_JSON,
		PRV_FORMAT_CHECKPATCH, PRV_FORMAT_B4,
	};
	struct prv_check_opts opts = PRV_CHECK_OPTS_INIT;
	struct prv_reply_opts rep = {
		.from = { .name = "R. Viewer",
			  .email = "reviewer@example.org" },
		.now = 1700000000,
		.all = true,
		.context = PRV_REPLY_CONTEXT_DEFAULT,
	};
	struct prv_report r;
	struct prv_buf b = PRV_BUF_INIT;
	size_t i;

	opts.rules = shipped_rules();
	prv_report_init(&r);
	if (prv_report_check(&r, in, prv_rule_families, &opts))
		goto out;
	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		render_one(&r, formats[i], false);
	render_one(&r, PRV_FORMAT_B4, true);
	if (!prv_reply_build(&b, &r, &rep, NULL))
		assert_safe("reply", b.data, b.len, true);
out:
	prv_buf_release(&b);
	prv_report_release(&r);
}

/* diff's text for each pair of successive versions, and show's text. */
static void check_show_and_diff(const struct prv_input *in)
{
	struct prv_rdrender_opts o = { .color = false, .no_patch = false };
	struct prv_buf b = PRV_BUF_INIT;
	size_t s, i;

	prv_seriestext_write(&b, in);
	assert_safe("show", b.data, b.len, true);
	for (s = 0; s < in->nr_series; s++) {
		const struct prv_series *ser = &in->series[s];

		for (i = 1; i < ser->nr_versions; i++) {
			struct prv_rangediff_opts ro = PRV_RANGEDIFF_OPTS_INIT;
			struct prv_rdrender_cmp c = {
				.series = ser,
				.old = &ser->versions[i - 1],
				.new = &ser->versions[i],
			};

			prv_rangediff_init(&c.rd);
			prv_buf_reset(&b);
			if (!prv_rangediff_versions(&c.rd, c.old, c.new, &ro)) {
				prv_rdrender_text(&b, &c, 1, &o);
				assert_safe("diff", b.data, b.len, true);
			}
			prv_rangediff_release(&c.rd);
		}
	}
	prv_buf_release(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *raw = (const char *)data;
	struct prv_input in;

	check_rule(raw, size, PRV_SAFE_LINE);
	check_rule(raw, size, PRV_SAFE_BLOCK);
	check_md_text(raw, size);
	check_md_code(raw, size < 4096 ? size : 4096);

	prv_input_init(&in);
	fuzz_input_split(&in, data, size);
	if (!prv_series_assemble(&in) && in.nr_series) {
		check_show_and_diff(&in);
		check_report(&in);
	}
	prv_input_release(&in);
	return 0;
}
