// SPDX-License-Identifier: GPL-2.0-or-later
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/error.h"
#include "core/report/render.h"
#include "core/report/report.h"
#include "core/base/util.h"

/* A one-patch series built by hand. */
struct hand {
	struct prv_mail mail;
	struct prv_patch patch;
	struct prv_version version;
	struct prv_series series;
	const char *tags[1];
};

static void hand_init(struct hand *h)
{
	memset(h, 0, sizeof(*h));
	h->mail.message_id = "p1@example.org";
	h->mail.subject = "[PATCH net-next] foo: bar";
	h->mail.pm.title = "foo: bar";
	h->mail.subj.title = "foo: bar";
	h->mail.from.name = "Alice";
	h->mail.from.email = "alice@example.org";
	h->mail.pm.author = h->mail.from;
	h->mail.date = 1704103200;
	h->mail.has_date = true;
	h->patch.mail = &h->mail;
	h->patch.index = 1;
	h->tags[0] = "net-next";
	h->version.version = 2;
	h->version.tags = h->tags;
	h->version.nr_tags = 1;
	h->version.expected = 1;
	h->version.complete = true;
	h->version.patches = &h->patch;
	h->version.nr_patches = 1;
	h->series.title = "foo: bar";
	h->series.versions = &h->version;
	h->series.nr_versions = 1;
}

static void add(struct prv_report *r, const char *id, enum prv_severity s,
		enum prv_topic t, int patch, const char *file, long line,
		const char *msg, const char *hint)
{
	struct prv_finding f;

	memset(&f, 0, sizeof(f));
	f.id = id;
	f.severity = s;
	f.topic = t;
	f.version = 2;
	f.patch = patch;
	f.file = file;
	f.line = line;
	f.message = msg;
	f.hint = hint;
	f.todo = t == PRV_TOPIC_TCP;
	prv_report_add(r, &f);
}

static void make(struct prv_report *r, struct hand *h)
{
	hand_init(h);
	prv_report_init(r);
	prv_report_add_series(r, &h->series, "netdev");
	r->changelog[0] = "v1 -> v2:\n- use an int";
	add(r, "changelog.link-missing", PRV_SEV_WARN, PRV_TOPIC_CHANGELOG, -1,
	    NULL, 0, "no link to v1", "add a link");
	add(r, "trailer.sob-missing", PRV_SEV_FAIL, PRV_TOPIC_TRAILERS, 1, NULL,
	    0, "no Signed-off-by: line", NULL);
	add(r, "tcp.touch", PRV_SEV_INFO, PRV_TOPIC_TCP, 1,
	    "net/ipv4/tcp_output.c", 812,
	    "tcp_options_write: MPTCP shares the 40-byte option space "
	    "(option space) and this message is long enough to need "
	    "wrapping on an eighty column terminal, twice over at least",
	    "in tcp_options_write()");
	prv_report_build_checklist(r);
}

static char *render(const struct prv_report *r, enum prv_report_format f,
		    bool color)
{
	struct prv_buf b = PRV_BUF_INIT;
	struct prv_render_opts o = PRV_RENDER_OPTS_INIT;

	o.color = color;
	cr_assert_eq(prv_report_render(&b, r, f, &o), 0);
	return prv_buf_detach(&b, NULL);
}

Test(report, checklist_items_and_status)
{
	struct prv_report r;
	struct hand h;
	size_t i;
	int seen = 0;

	make(&r, &h);
	for (i = 0; i < r.nr_items; i++) {
		const struct prv_check_item *it = &r.items[i];

		if (it->topic == PRV_TOPIC_CHANGELOG) {
			cr_expect_eq(it->status, PRV_ITEM_WARN);
			cr_expect_eq(it->patch, -1);
			seen |= 1;
		} else if (it->topic == PRV_TOPIC_TRAILERS) {
			cr_expect_eq(it->status, PRV_ITEM_FAIL);
			cr_expect_eq(it->patch, 1);
			seen |= 2;
		} else if (it->topic == PRV_TOPIC_TCP) {
			cr_expect_eq(it->status, PRV_ITEM_TODO);
			seen |= 4;
		} else if (it->topic == PRV_TOPIC_SUBJECT) {
			cr_expect_eq(it->status, PRV_ITEM_PASS);
			seen |= 8;
		}
	}
	cr_expect_eq(seen, 15);
	cr_expect_eq(prv_report_count(&r, PRV_SEV_FAIL), 1);
	prv_report_release(&r);
}

Test(report, json_contract)
{
	struct prv_report r;
	struct hand h;
	char *s;

	make(&r, &h);
	s = render(&r, PRV_FORMAT_JSON, false);
	cr_expect(strstr(s, "\"schema\": \"prereview-report/1\"") != NULL, "%s",
		  s);
	cr_expect(strstr(s, "\"id\": \"trailer.sob-missing\"") != NULL);
	cr_expect(strstr(s, "\"severity\": \"fail\"") != NULL);
	cr_expect(strstr(s, "\"patch\": null") != NULL);
	cr_expect(strstr(s, "\"line\": 812") != NULL);
	cr_expect(strstr(s, "\"status\": \"todo\"") != NULL);
	cr_expect(strstr(s, "\"summary\": {") != NULL);
	cr_expect(strstr(s, "\"fail\": 1,") != NULL);
	cr_expect(strstr(s, "\"date\": \"2024-01-01T10:00:00Z\"") != NULL, "%s",
		  s);
	free(s);
	prv_report_release(&r);
}

Test(report, checkpatch_lines)
{
	struct prv_report r;
	struct hand h;
	char *s;

	make(&r, &h);
	s = render(&r, PRV_FORMAT_CHECKPATCH, false);
	/* an info to-do is a CHECK: line; plain info stays out */
	cr_expect_str_eq(s,
			 "WARNING: changelog.link-missing: no link to v1\n"
			 "ERROR: trailer.sob-missing: no Signed-off-by: "
			 "line (patch 1/1)\n"
			 "CHECK: tcp.touch: net/ipv4/tcp_output.c:812: "
			 "tcp_options_write: MPTCP shares the 40-byte option "
			 "space (option space) and this message is long "
			 "enough to need wrapping on an eighty column "
			 "terminal, twice over at least (patch 1/1)\n");
	free(s);
	prv_report_release(&r);
}

Test(report, b4_one_item_per_patch)
{
	struct prv_report r;
	struct hand h;
	char *s;

	make(&r, &h);
	s = render(&r, PRV_FORMAT_B4, false);
	/* one item for the one patch: the series' findings have no cover */
	cr_expect_str_eq(
		s, "[{\"tool\":\"prereview\",\"status\":\"fail\","
		   "\"summary\":\"1 fail, 1 warn, 1 info\",\"url\":"
		   "\"https://lore.kernel.org/r/p1@example.org\","
		   "\"details\":\"warn  changelog.link-missing: no link to "
		   "v1\\n      add a link\\nfail  trailer.sob-missing: no "
		   "Signed-off-by: line\\ninfo  tcp.touch: "
		   "net/ipv4/tcp_output.c:812: tcp_options_write: MPTCP "
		   "shares the 40-byte option space (option space) and this "
		   "message is long enough to need wrapping on an eighty "
		   "column terminal, twice over at least\\n      in "
		   "tcp_options_write()\\n\"}]\n");
	free(s);
	prv_report_release(&r);
}

Test(report, b4_cover_holds_the_series_findings)
{
	struct prv_report r;
	struct prv_mail cover;
	struct hand h;
	char *s;

	make(&r, &h);
	memset(&cover, 0, sizeof(cover));
	cover.message_id = "c0@example.org";
	h.version.cover = &cover;
	s = render(&r, PRV_FORMAT_B4, false);
	cr_expect(strstr(s,
			 "[{\"tool\":\"prereview\",\"status\":\"warn\","
			 "\"summary\":\"0 fail, 1 warn, 0 info\",\"url\":"
			 "\"https://lore.kernel.org/r/c0@example.org\"") == s,
		  "%s", s);
	cr_expect(strstr(s, "},{\"tool\":\"prereview\",\"status\":\"fail\","
			    "\"summary\":\"1 fail, 0 warn, 1 info\",\"url\":"
			    "\"https://lore.kernel.org/r/p1@example.org\"") !=
			  NULL,
		  "%s", s);
	free(s);
	prv_report_release(&r);
}

Test(report, b4_clean_patch_is_a_pass_item)
{
	struct prv_report r;
	struct hand h;
	char *s;

	hand_init(&h);
	h.mail.message_id_missing = true;
	prv_report_init(&r);
	prv_report_add_series(&r, &h.series, "netdev");
	prv_report_build_checklist(&r);
	s = render(&r, PRV_FORMAT_B4, false);
	/* no url without a message-id: b4 takes none, not null */
	cr_expect_str_eq(s, "[{\"tool\":\"prereview\",\"status\":\"pass\","
			    "\"summary\":\"0 fail, 0 warn, 0 info\","
			    "\"details\":\"\"}]\n");
	free(s);
	prv_report_release(&r);
}

Test(report, b4_series_one_item_per_series)
{
	struct prv_report r;
	struct prv_buf b = PRV_BUF_INIT;
	struct prv_render_opts o = PRV_RENDER_OPTS_INIT;
	struct hand h, h2, h3;
	struct prv_finding f;
	const char *p;

	make(&r, &h);
	/* a second series with a warning, a third with nothing */
	hand_init(&h2);
	h2.series.title = "bar: baz";
	h2.mail.message_id = "p2@example.org";
	h2.version.cover = &h2.mail;
	hand_init(&h3);
	h3.series.title = "qux";
	h3.version.version = 1;
	prv_report_add_series(&r, &h2.series, "generic");
	prv_report_add_series(&r, &h3.series, NULL);
	memset(&f, 0, sizeof(f));
	f.id = "series.cover-missing";
	f.severity = PRV_SEV_WARN;
	f.series = 1;
	f.patch = -1;
	f.message = "no cover";
	prv_report_add(&r, &f);
	o.b4_series = true;
	cr_assert_eq(prv_report_render(&b, &r, PRV_FORMAT_B4, &o), 0);
	p = b.data;
	cr_expect(strstr(p, "[{\"tool\":\"prereview\",\"status\":\"fail\","
			    "\"summary\":\"1 fail, 1 warn, 1 info: v2, 1 "
			    "patch, netdev profile\","
			    "\"details\":\"foo: bar\\nv2, 1 patch, netdev "
			    "profile\\n") == p,
		  "%s", p);
	/* the details are that series' checklist, its own counts last */
	cr_expect(strstr(p, "[trailer.sob-missing]") != NULL, "%s", p);
	cr_expect(strstr(p, "\\n1 fail, 1 warn, 1 info\\n\"}") != NULL, "%s",
		  p);
	cr_expect(strstr(p, "{\"tool\":\"prereview\",\"status\":\"warn\","
			    "\"summary\":\"0 fail, 1 warn, 0 info: v2, 1 "
			    "patch, generic profile\",\"url\":"
			    "\"https://lore.kernel.org/r/p2@example.org\"") !=
			  NULL,
		  "%s", p);
	cr_expect(strstr(p, "{\"tool\":\"prereview\",\"status\":\"pass\","
			    "\"summary\":\"0 fail, 0 warn, 0 info: v1, 1 "
			    "patch\",") != NULL,
		  "%s", p);
	cr_expect(strstr(p, "}]\n") == p + b.len - 3, "%s", p);
	prv_buf_release(&b);
	prv_report_release(&r);
}

Test(report, text_fits_80_columns_and_colours_on_demand)
{
	struct prv_report r;
	struct hand h;
	char *s, *p;

	make(&r, &h);
	s = render(&r, PRV_FORMAT_TEXT, false);
	cr_expect(strchr(s, '\033') == NULL);
	cr_expect(strstr(s, "Patch 1/1: foo: bar") != NULL, "%s", s);
	cr_expect(strstr(s, "1 fail, 1 warn, 1 info") != NULL);
	for (p = s; *p;) {
		size_t l = strcspn(p, "\n");

		cr_expect(l <= 80, "line too long: '%.*s'", (int)l, p);
		p += l + (p[l] == '\n');
	}
	free(s);
	s = render(&r, PRV_FORMAT_TEXT, true);
	cr_expect(strstr(s, "\033[31mfail") != NULL, "%s", s);
	free(s);
	prv_report_release(&r);
}

Test(report, markdown)
{
	struct prv_report r;
	struct hand h;
	char *s;

	make(&r, &h);
	s = render(&r, PRV_FORMAT_MARKDOWN, false);
	cr_expect(strstr(s, "## Patch 1/1: foo: bar") != NULL, "%s", s);
	cr_expect(strstr(s, "- [ ] **fail** Trailers") != NULL, "%s", s);
	cr_expect(strstr(s, "`trailer.sob-missing`") != NULL);
	free(s);
	prv_report_release(&r);
}

Test(report, formats_parse)
{
	enum prv_report_format f;
	enum prv_severity sev = PRV_SEV_INFO;

	cr_expect_eq(prv_report_format_parse(&f, "b4"), 0);
	cr_expect_eq(f, PRV_FORMAT_B4);
	cr_expect_eq(prv_report_format_parse(&f, "checkpatch"), 0);
	cr_expect_eq(f, PRV_FORMAT_CHECKPATCH);
	cr_expect_eq(prv_report_format_parse(&f, "yaml"), PRV_EUSAGE);
	cr_expect_str_eq(prv_error_last(), "unknown format 'yaml'");
	cr_expect_eq(prv_severity_parse(&sev, "warning"), 0);
	cr_expect_eq(sev, PRV_SEV_WARN);
	cr_expect_eq(prv_severity_parse(&sev, "loud"), PRV_EUSAGE);
	cr_expect_eq(sev, PRV_SEV_WARN);
}

Test(report, text_wraps_without_losing_spaces)
{
	struct prv_report r;
	struct hand h;
	char *s;

	make(&r, &h);
	h.series.title = "A b c: a title that is long enough to need a second "
			 "line on an eighty column terminal, wrapped at words";
	s = render(&r, PRV_FORMAT_TEXT, false);
	cr_expect(!strncmp(s, "A b c: a title that is long enough", 34), "%s",
		  s);
	cr_expect(strstr(s, "\n  line on an eighty") != NULL ||
			  strstr(s, "\n  column terminal") != NULL ||
			  strstr(s, "\n  terminal") != NULL ||
			  strstr(s, "\n  wrapped") != NULL,
		  "%s", s);
	free(s);
	prv_report_release(&r);
}

/*
 * Details (changelog, range-diff) wider than the terminal are broken at
 * spaces, keep their inner spacing, and never lose a word: a URL longer
 * than a line stays whole after its "vN:".
 */
Test(report, text_details_wrap_and_keep_long_words)
{
	static const char url[] =
		"https://lore.kernel.org/netdev/"
		"20251105113625.148900-1-someone.with.a.long.name@example.dev/"
		"T/#t";
	struct prv_report r;
	struct hand h;
	char *s, *p, line[256];

	make(&r, &h);
	snprintf(line, sizeof(line),
		 "v1 -> v2:\n  2 ! 2   [message trailers] net,mptcp: fix proto "
		 "fallback detection with BPF\nv1: %s",
		 url);
	r.changelog[0] = line;
	prv_report_build_checklist(&r);
	s = render(&r, PRV_FORMAT_TEXT, false);
	cr_expect(strstr(s, "  2 ! 2   [message trailers] net,mptcp:") != NULL,
		  "%s", s);
	cr_expect(strstr(s, "\n            with BPF\n") != NULL, "%s", s);
	p = strstr(s, "v1: https://");
	cr_assert(p != NULL, "%s", s);
	cr_expect(!strncmp(p + 4, url, sizeof(url) - 1), "%s", s);
	free(s);
	prv_report_release(&r);
}

/*
 * A long series with many findings: each item gets its own findings, in
 * the order they were found, and the cover those of series-wide per-patch
 * topics. Big enough that every item scanning every finding would make
 * the suite crawl (no timing is asserted).
 */
Test(report, checklist_of_a_long_series)
{
	const int n = 9999, per = 10;
	struct prv_patch *patches = calloc((size_t)n, sizeof(*patches));
	struct prv_report r;
	struct hand h;
	size_t i, items = 0;
	int k, j;

	cr_assert_not_null(patches);
	hand_init(&h);
	for (k = 0; k < n; k++) {
		patches[k].mail = &h.mail;
		patches[k].index = k + 1;
	}
	h.version.patches = patches;
	h.version.nr_patches = (size_t)n;
	h.version.expected = n;
	prv_report_init(&r);
	prv_report_add_series(&r, &h.series, "netdev");
	add(&r, "subject.x", PRV_SEV_WARN, PRV_TOPIC_SUBJECT, -1, NULL, 0,
	    "series-wide", NULL);
	for (j = 0; j < per; j++)
		for (k = n; k >= 1; k--)
			add(&r, "trailer.x", j ? PRV_SEV_WARN : PRV_SEV_FAIL,
			    PRV_TOPIC_TRAILERS, k, NULL, j, "m", NULL);
	add(&r, "tcp.touch", PRV_SEV_INFO, PRV_TOPIC_TCP, 5, "f.c", 1, "t",
	    NULL);
	prv_report_build_checklist(&r);
	for (i = 0; i < r.nr_items; i++) {
		const struct prv_check_item *it = &r.items[i];

		if (it->patch > 0 && it->topic == PRV_TOPIC_TRAILERS) {
			items++;
			cr_assert_eq(it->nr_findings, (size_t)per);
			cr_assert_eq(it->status, PRV_ITEM_FAIL);
			cr_assert_eq(r.findings[it->findings[0]].line, 0);
			cr_assert_eq(r.findings[it->findings[per - 1]].line,
				     per - 1);
			cr_assert_eq(r.findings[it->findings[0]].patch,
				     it->patch);
		} else if (it->topic == PRV_TOPIC_TCP) {
			cr_assert_eq(it->patch, 5);
			cr_assert_eq(it->status, PRV_ITEM_TODO);
		} else if (it->topic == PRV_TOPIC_SUBJECT) {
			/* the series-wide finding goes to the cover's item */
			cr_assert_eq(it->nr_findings, it->patch == 0 ? 1 : 0);
		}
	}
	cr_assert_eq(items, (size_t)n);
	prv_report_release(&r);
	free(patches);
}
