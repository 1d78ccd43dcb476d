// SPDX-License-Identifier: GPL-2.0-or-later
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/series/series.h"
#include "core/base/util.h"

/*
 * Series assembly on mails built by hand: only the fields the assembler
 * reads are filled (ids, threading, date, sender, subject, title, author,
 * body, whether there is a diff, change-id).
 */

static struct prv_input in;
static size_t alloc_mails;

static void setup(void)
{
	memset(&in, 0, sizeof(in));
	prv_arena_init(&in.arena);
	prv_warnings_init(&in.warnings, &in.arena);
	alloc_mails = 0;
}

static void teardown(void)
{
	free(in.mails);
	prv_warnings_release(&in.warnings);
	prv_arena_release(&in.arena);
}

TestSuite(series, .init = setup, .fini = teardown);

/* Base date: 2024-03-01 00:00:00 UTC; `minutes` after it. */
/* The links to earlier versions in `text`, as prv_mail_parse() reads them. */
static void read_links(struct prv_mail *m, const char *text)
{
	struct prv_b4lines b4 = { .change_id = NULL };

	prv_b4lines_read(&b4, &in.arena, text, strlen(text));
	m->links = b4.links;
	m->nr_links = b4.nr_links;
}

static struct prv_mail *mail(const char *id, const char *parent,
			     const char *subject, const char *from, int minutes,
			     bool diff, const char *body)
{
	struct prv_arena *a = &in.arena;
	struct prv_mail *m = prv_arena_alloc(a, sizeof(*m));
	const char *lt = strchr(from, '<');

	m->source = "fixture";
	m->seq = in.nr_mails;
	m->message_id = prv_arena_strdup(a, id);
	if (parent) {
		m->in_reply_to = prv_arena_strdup(a, parent);
		m->references = prv_arena_alloc(a, sizeof(*m->references));
		m->references[0] = m->in_reply_to;
		m->nr_references = 1;
	}
	m->date = 1709251200LL + minutes * 60LL;
	m->has_date = true;
	m->from.name = prv_arena_strndup(a, from, lt - from - 1);
	m->from.email = prv_arena_strndup(a, lt + 1, strlen(lt) - 2);
	m->subject = prv_arena_strdup(a, subject);
	prv_subject_parse(&m->subj, a, subject, strlen(subject));
	m->pm.title = m->subj.title;
	m->pm.author = m->from;
	m->pm.notes = "";
	m->msg.body = prv_arena_strdup(a, body ? body : "");
	m->msg.body_len = strlen(m->msg.body);
	if (diff) {
		m->pm.diff = "diff --git a/f b/f\n";
		m->pm.diff_len = strlen(m->pm.diff);
		m->diff.files = prv_arena_alloc(a, sizeof(*m->diff.files));
		m->diff.nr_files = 1;
	} else {
		m->pm.diff = "";
	}
	read_links(m, m->msg.body);
	PRV_ALLOC_GROW(in.mails, in.nr_mails + 1, alloc_mails);
	in.mails[in.nr_mails++] = m;
	return m;
}

#define ALICE "Alice Dev <alice@example.org>"
#define BOB "Bob Rev <bob@example.org>"
#define CAROL "Carol Other <carol@example.org>"

static void assemble(void)
{
	cr_assert_eq(prv_series_assemble(&in), 0);
}

static bool has_warning(const char *text)
{
	size_t i;

	for (i = 0; i < in.warnings.nr; i++)
		if (strstr(in.warnings.items[i].text, text))
			return true;
	return false;
}

static void assert_indexes(const struct prv_version *v, const int *k, size_t nr)
{
	size_t i;

	cr_assert_eq(v->nr_patches, nr, "v%d has %zu patches, want %zu",
		     v->version, v->nr_patches, nr);
	for (i = 0; i < nr; i++)
		cr_assert_eq(v->patches[i].index, k[i]);
}

/* A cover and n patches in one thread; ids are "<tag>-0" ... */
static void post(const char *tag, int version, int n, int minutes,
		 const char *from)
{
	char id[64], cover[64], subject[128];
	int k;

	snprintf(cover, sizeof(cover), "%s-0", tag);
	if (version > 1)
		snprintf(subject, sizeof(subject),
			 "[PATCH net-next v%d 0/%d] mptcp: a series", version,
			 n);
	else
		snprintf(subject, sizeof(subject),
			 "[PATCH net-next 0/%d] mptcp: a series", n);
	mail(cover, NULL, subject, from, minutes, false, "cover text\n");
	for (k = 1; k <= n; k++) {
		snprintf(id, sizeof(id), "%s-%d", tag, k);
		snprintf(subject, sizeof(subject),
			 "[PATCH net-next v%d %d/%d] mptcp: patch %d", version,
			 k, n, k);
		mail(id, cover, subject, from, minutes + k, true, NULL);
	}
}

Test(series, cover_and_patches)
{
	const int want[] = { 1, 2, 3 };
	struct prv_series *s;
	struct prv_version *v;

	post("a", 1, 3, 0, ALICE);
	assemble();
	cr_assert_eq(in.nr_series, 1);
	s = &in.series[0];
	cr_assert_str_eq(s->title, "mptcp: a series");
	cr_assert_str_eq(s->author.email, "alice@example.org");
	cr_assert_null(s->change_id);
	cr_assert_eq(s->nr_versions, 1);
	v = &s->versions[0];
	cr_assert_eq(v->version, 1);
	cr_assert_eq(v->expected, 3);
	cr_assert(v->complete);
	cr_assert_eq(v->nr_missing, 0);
	cr_assert_not_null(v->cover);
	cr_assert_str_eq(v->cover->message_id, "a-0");
	cr_assert_str_eq(v->thread_root, "a-0");
	cr_assert_eq(v->nr_tags, 1);
	cr_assert_str_eq(v->tags[0], "net-next");
	cr_assert_not(v->rfc);
	assert_indexes(v, want, 3);
	cr_assert_eq(v->date, 1709251200LL);
	cr_assert_eq(prv_version_patch(v, 2)->index, 2);
	cr_assert_null(prv_version_patch(v, 4));
	cr_assert_eq(prv_series_version(s, 1), v);
	cr_assert_null(prv_series_version(s, 2));
}

Test(series, out_of_order_arrival)
{
	const int want[] = { 1, 2, 3 };
	struct prv_version *v;

	mail("p3", "c", "[PATCH 3/3] t: three", ALICE, 3, true, NULL);
	mail("p1", "c", "[PATCH 1/3] t: one", ALICE, 1, true, NULL);
	mail("c", NULL, "[PATCH 0/3] t: cover", ALICE, 0, false, "x\n");
	mail("p2", "c", "[PATCH 2/3] t: two", ALICE, 2, true, NULL);
	assemble();
	cr_assert_eq(in.nr_series, 1);
	v = &in.series[0].versions[0];
	assert_indexes(v, want, 3);
	cr_assert_str_eq(v->patches[0].mail->message_id, "p1");
	cr_assert(v->complete);
	cr_assert_str_eq(in.series[0].title, "t: cover");
}

Test(series, incomplete)
{
	struct prv_version *v;

	mail("c", NULL, "[PATCH 0/3] t: cover", ALICE, 0, false, "x\n");
	mail("p1", "c", "[PATCH 1/3] t: one", ALICE, 1, true, NULL);
	mail("p3", "c", "[PATCH 3/3] t: three", ALICE, 3, true, NULL);
	assemble();
	v = &in.series[0].versions[0];
	cr_assert_not(v->complete);
	cr_assert_eq(v->nr_missing, 1);
	cr_assert_eq(v->missing[0], 2);
	cr_assert(has_warning("incomplete"));
}

Test(series, extra_patch_beyond_n)
{
	struct prv_version *v;

	mail("c", NULL, "[PATCH 0/2] t: cover", ALICE, 0, false, "x\n");
	mail("p1", "c", "[PATCH 1/2] t: one", ALICE, 1, true, NULL);
	mail("p2", "c", "[PATCH 2/2] t: two", ALICE, 2, true, NULL);
	mail("p3", "c", "[PATCH 3/2] t: three", ALICE, 3, true, NULL);
	assemble();
	v = &in.series[0].versions[0];
	cr_assert_eq(v->nr_patches, 3);
	cr_assert_eq(v->expected, 2);
	cr_assert(has_warning("out of the series' range"));
}

Test(series, versions_grouped_by_title_and_author)
{
	struct prv_series *s;

	post("v2", 2, 2, 3000, ALICE); /* arrives first */
	post("v1", 1, 2, 0, ALICE);
	post("other", 1, 2, 10, CAROL); /* same title, other author */
	assemble();
	cr_assert_eq(in.nr_series, 2);
	s = &in.series[0];
	cr_assert_str_eq(s->author.email, "alice@example.org");
	cr_assert_eq(s->nr_versions, 2);
	cr_assert_eq(s->versions[0].version, 1);
	cr_assert_eq(s->versions[1].version, 2);
	cr_assert_str_eq(s->versions[0].cover->message_id, "v1-0");
	cr_assert_str_eq(s->versions[1].cover->message_id, "v2-0");
	cr_assert_eq(in.series[1].nr_versions, 1);
	cr_assert_str_eq(in.series[1].author.email, "carol@example.org");
}

Test(series, versions_grouped_by_change_id)
{
	struct prv_mail *c1, *c2;
	struct prv_series *s;

	c1 = mail("a0", NULL, "[PATCH 0/1] old title", ALICE, 0, false, "x");
	mail("a1", "a0", "[PATCH 1/1] x: one", ALICE, 1, true, NULL);
	c2 = mail("b0", NULL, "[PATCH v2 0/1] new title", ALICE, 3000, false,
		  "x");
	mail("b1", "b0", "[PATCH v2 1/1] x: renamed", ALICE, 3001, true, NULL);
	c1->change_id = "20240301-foo-0123456789ab";
	c2->change_id = "20240301-foo-0123456789ab";
	assemble();
	cr_assert_eq(in.nr_series, 1);
	s = &in.series[0];
	cr_assert_str_eq(s->change_id, "20240301-foo-0123456789ab");
	cr_assert_eq(s->nr_versions, 2);
	cr_assert_str_eq(s->title, "new title");
}

Test(series, versions_grouped_by_lore_link)
{
	struct prv_series *s;

	mail("old-0@x", NULL, "[PATCH 0/1] first name", ALICE, 0, false, "x");
	mail("old-1@x", "old-0@x", "[PATCH 1/1] x: one", ALICE, 1, true, NULL);
	mail("new-0@x", NULL, "[PATCH v2 0/1] second name", ALICE, 3000, false,
	     "Changes in v2:\n- Link to v1: "
	     "https://lore.kernel.org/r/old-0@x\n");
	mail("new-1@x", "new-0@x", "[PATCH v2 1/1] x: uno", ALICE, 3001, true,
	     NULL);
	assemble();
	cr_assert_eq(in.nr_series, 1);
	s = &in.series[0];
	cr_assert_eq(s->nr_versions, 2);
	cr_assert_str_eq(s->versions[0].cover->message_id, "old-0@x");
}

Test(series, unrelated_series_stay_apart)
{
	post("a", 1, 2, 0, ALICE);
	mail("b", NULL, "[PATCH] other: thing", ALICE, 5, true, NULL);
	assemble();
	cr_assert_eq(in.nr_series, 2);
	cr_assert_str_eq(in.series[0].title, "mptcp: a series");
	cr_assert_str_eq(in.series[1].title, "other: thing");
}

Test(series, sorted_by_first_date)
{
	mail("late", NULL, "[PATCH] b: late", ALICE, 500, true, NULL);
	mail("early", NULL, "[PATCH] a: early", ALICE, 5, true, NULL);
	assemble();
	cr_assert_eq(in.nr_series, 2);
	cr_assert_str_eq(in.series[0].title, "a: early");
}

Test(series, single_patch)
{
	struct prv_version *v;

	mail("s", NULL, "[PATCH net] tcp: fix", ALICE, 0, true, NULL);
	assemble();
	v = &in.series[0].versions[0];
	cr_assert_null(v->cover);
	cr_assert_eq(v->nr_patches, 1);
	cr_assert_eq(v->patches[0].index, 1);
	cr_assert_eq(v->expected, 1);
	cr_assert(v->complete);
	cr_assert_str_eq(in.series[0].title, "tcp: fix");
	cr_assert_eq(in.warnings.nr, 0);
}

Test(series, deep_thread_and_reply_trailers)
{
	struct prv_version *v;
	struct prv_patch *p;

	/* each patch answers the previous one (git send-email --chain) */
	mail("p1", NULL, "[PATCH 1/3] t: one", ALICE, 1, true, NULL);
	mail("p2", "p1", "[PATCH 2/3] t: two", ALICE, 2, true, NULL);
	mail("p3", "p2", "[PATCH 3/3] t: three", ALICE, 3, true, NULL);
	mail("r1", "p2", "Re: [PATCH 2/3] t: two", CAROL, 10, false,
	     "> quoted\nnit\n");
	mail("r2", "r1", "Re: [PATCH 2/3] t: two", BOB, 20, false,
	     "> > quoted\n\nReviewed-by: Bob Rev <bob@example.org>\n");
	assemble();
	cr_assert_eq(in.nr_series, 1);
	v = &in.series[0].versions[0];
	cr_assert(v->complete);
	p = prv_version_patch(v, 2);
	cr_assert_eq(p->nr_replies, 2);
	cr_assert_eq(p->nr_review_trailers, 1);
	cr_assert_str_eq(p->review_trailers[0].key, "Reviewed-by");
	cr_assert_str_eq(p->review_trailers[0].value,
			 "Bob Rev <bob@example.org>");
	cr_assert_str_eq(p->review_trailers[0].from.email, "bob@example.org");
	cr_assert_str_eq(p->review_trailers[0].message_id, "r2");
	cr_assert_not(p->review_trailers[0].sender_mismatch);
	cr_assert_eq(prv_version_patch(v, 1)->nr_review_trailers, 0);
	cr_assert_eq(prv_version_patch(v, 3)->nr_review_trailers, 0);
}

/*
 * "Assisted-by: AGENT:MODEL [TOOLS]" names a tool, not a person: given in
 * a reply (an author adding what the patch lacked) it is collected like
 * a review tag, and not taken for a tag naming someone else.
 */
Test(series, reply_assisted_by)
{
	struct prv_patch *p;

	mail("p1", NULL, "[PATCH] t: one", ALICE, 1, true, NULL);
	mail("r1", "p1", "Re: [PATCH] t: one", ALICE, 10, false,
	     "> quoted\n\nthe patch should have included:\n\n"
	     "Assisted-by: Codex:gpt-5.5 sparse\n");
	assemble();
	p = prv_version_patch(&in.series[0].versions[0], 1);
	cr_assert_eq(p->nr_review_trailers, 1);
	cr_assert_str_eq(p->review_trailers[0].key, "Assisted-by");
	cr_assert_str_eq(p->review_trailers[0].value, "Codex:gpt-5.5 sparse");
	cr_assert_not(p->review_trailers[0].sender_mismatch);
	cr_assert_eq(in.warnings.nr, 0);
}

Test(series, cover_reply_trailers_go_to_every_patch)
{
	struct prv_version *v;
	size_t i;

	post("a", 1, 3, 0, ALICE);
	mail("r", "a-0", "Re: [PATCH net-next 0/3] mptcp: a series", BOB, 60,
	     false, "For the series:\nAcked-by: Bob Rev <bob@example.org>\n");
	assemble();
	v = &in.series[0].versions[0];
	cr_assert_eq(v->nr_cover_replies, 1);
	cr_assert_str_eq(v->cover_replies[0]->message_id, "r");
	for (i = 0; i < v->nr_patches; i++) {
		cr_assert_eq(v->patches[i].nr_review_trailers, 1);
		cr_assert_str_eq(v->patches[i].review_trailers[0].key,
				 "Acked-by");
		cr_assert_eq(v->patches[i].nr_replies, 0);
	}
}

Test(series, cover_reply_trailers_repeated)
{
	struct prv_version *v;
	struct prv_patch *p;
	char *body;
	size_t i, len = 0;

	post("a", 1, 3, 0, ALICE);
	mail("r1", "a-0", "Re: [PATCH net-next 0/3] mptcp: a series", BOB, 60,
	     false,
	     "Acked-by: Bob Rev <bob@example.org>\n"
	     "Acked-by: Bob Rev <bob@example.org>\n");
	mail("r2", "a-2", "Re: [PATCH net-next v1 2/3] mptcp: patch 2", CAROL,
	     61, false, "Tested-by: Carol Other <carol@example.org>\n");
	mail("r3", "a-0", "Re: [PATCH net-next 0/3] mptcp: a series", CAROL, 62,
	     false,
	     "Tested-by: Carol Other <carol@example.org>\n"
	     "ACKED-BY: Bob Rev <bob@example.org>\n"
	     "Reviewed-by: Carol Other <carol@example.org>\n");
	/* more different trailers than a patch keeps */
	body = malloc(300 * 64);
	cr_assert_not_null(body);
	for (i = 0; i < 300; i++)
		len += (size_t)snprintf(body + len, 64,
					"Cc: Person %zu <p%zu@example.org>\n",
					i, i);
	mail("r4", "a-0", "Re: [PATCH net-next 0/3] mptcp: a series", BOB, 63,
	     false, body);
	free(body);
	assemble();
	v = &in.series[0].versions[0];
	cr_assert_eq(v->nr_cover_replies, 3);
	for (i = 1; i <= 3; i++) {
		p = prv_version_patch(v, (int)i);
		cr_assert_eq(p->nr_review_trailers, 256);
		cr_assert_str_eq(p->review_trailers[0].key, "Acked-by");
		cr_assert_str_eq(p->review_trailers[0].message_id, "r1");
		cr_assert_str_eq(p->review_trailers[1].key, "Tested-by");
		cr_assert_str_eq(p->review_trailers[1].message_id,
				 i == 2 ? "r2" : "r3");
		cr_assert_str_eq(p->review_trailers[2].key, "Reviewed-by");
		cr_assert_str_eq(p->review_trailers[3].value,
				 "Person 0 <p0@example.org>");
		cr_assert_str_eq(p->review_trailers[255].value,
				 "Person 252 <p252@example.org>");
	}
	cr_assert(has_warning("more than 256 review trailers"));
}

/*
 * A cover reply's trailers repeated many times over a long series: each
 * repeat is dropped once, not looked up again on every patch (that
 * multiplied work would make the suite crawl; no timing is asserted).
 */
Test(series, cover_reply_trailers_many_repeats)
{
	const size_t repeats = 50000;
	const int n = 2000;
	static const char line[] = "Acked-by: Bob Rev <bob@example.org>\n";
	struct prv_version *v;
	char *body;
	size_t i;
	int k;

	post("a", 1, n, 0, ALICE);
	body = malloc(repeats * (sizeof(line) - 1) + 1);
	cr_assert_not_null(body);
	for (i = 0; i < repeats; i++)
		memcpy(body + i * (sizeof(line) - 1), line, sizeof(line) - 1);
	body[repeats * (sizeof(line) - 1)] = '\0';
	mail("r", "a-0", "Re: [PATCH net-next 0/2000] mptcp: a series", BOB,
	     5000, false, body);
	free(body);
	assemble();
	v = &in.series[0].versions[0];
	cr_assert_eq(v->nr_patches, (size_t)n);
	for (k = 1; k <= n; k++)
		cr_assert_eq(prv_version_patch(v, k)->nr_review_trailers, 1);
}

/*
 * Replies that answer one another in a long chain: each one finds the
 * patch above it up to the depth cap, exactly as a walk up from its parent
 * does (the chain is now walked once for all of them).
 */
Test(series, long_reply_chain)
{
	const int n = 10003;
	struct prv_patch *p;
	char id[32], parent[32];
	int i;

	mail("p", NULL, "[PATCH] t: one", ALICE, 0, true, NULL);
	snprintf(parent, sizeof(parent), "p");
	for (i = 0; i < n; i++) {
		snprintf(id, sizeof(id), "r%d", i);
		mail(id, parent, "Re: [PATCH] t: one", BOB, 1, false,
		     i == 10000 ? "Acked-by: Bob Rev <bob@example.org>\n" :
		     i == 10001 ? "Tested-by: Bob Rev <bob@example.org>\n" :
				  "ok\n");
		memcpy(parent, id, sizeof(id));
	}
	assemble();
	p = &in.series[0].versions[0].patches[0];
	/* r0 is one link below the patch, r10000 the last within the cap */
	cr_assert_eq(p->nr_replies, 10001);
	cr_assert_str_eq(p->replies[10000]->message_id, "r10000");
	cr_assert_eq(p->nr_review_trailers, 1);
	cr_assert_str_eq(p->review_trailers[0].key, "Acked-by");
}

Test(series, trailer_sender_mismatch)
{
	struct prv_patch *p;

	mail("s", NULL, "[PATCH] t: one", ALICE, 0, true, NULL);
	mail("r1", "s", "Re: [PATCH] t: one", BOB, 5, false,
	     "Reviewed-by: Someone Else <else@example.org>\n");
	mail("r2", "s", "Re: [PATCH] t: one", BOB, 6, false,
	     "Tested-by: Bob Rev <bob@elsewhere.example>\n");
	mail("r3", "s", "Re: [PATCH] t: one", BOB, 7, false,
	     "Acked-by: bob@example.org\n");
	/*
	 * Read as the checks read a person: white space squeezed, an
	 * address left open still names its person, a "# comment" is not
	 * the person (the series once compared the raw text).
	 */
	mail("r4", "s", "Re: [PATCH] t: one", BOB, 8, false,
	     "Acked-by: Bob Rev <bob@example.org.\n");
	mail("r5", "s", "Re: [PATCH] t: one", BOB, 9, false,
	     "Reviewed-by: Bob  Rev <bob@elsewhere.example>\n");
	mail("r6", "s", "Re: [PATCH] t: one", BOB, 10, false,
	     "Tested-by: Someone Else <else@example.org> # bob\n");
	assemble();
	p = &in.series[0].versions[0].patches[0];
	cr_assert_eq(p->nr_review_trailers, 6);
	cr_assert(p->review_trailers[0].sender_mismatch);
	cr_assert_not(p->review_trailers[1].sender_mismatch); /* name */
	cr_assert_not(p->review_trailers[2].sender_mismatch); /* email */
	cr_assert_not(p->review_trailers[3].sender_mismatch);
	cr_assert_not(p->review_trailers[4].sender_mismatch);
	cr_assert(p->review_trailers[5].sender_mismatch);
	cr_assert(has_warning("does not name the reply's sender"));
}

Test(series, reply_without_re_is_still_a_reply)
{
	struct prv_patch *p;

	mail("s", NULL, "[PATCH] Simple test", ALICE, 0, true, NULL);
	mail("r", "s", "[PATCH] Simple test", BOB, 5, false,
	     "Reviewed-by: Bob Rev <bob@example.org>\n");
	assemble();
	cr_assert_eq(in.nr_series, 1);
	p = &in.series[0].versions[0].patches[0];
	cr_assert_eq(in.series[0].versions[0].nr_patches, 1);
	cr_assert_eq(p->nr_review_trailers, 1);
}

Test(series, duplicates_keep_latest)
{
	struct prv_version *v;

	mail("c", NULL, "[PATCH 0/2] t: cover", ALICE, 0, false, "x\n");
	mail("p1", "c", "[PATCH 1/2] t: one", ALICE, 1, true, NULL);
	mail("p2", "c", "[PATCH 2/2] t: two", ALICE, 2, true, NULL);
	mail("p1b", "c", "[PATCH 1/2] t: one", ALICE, 30, true, NULL);
	assemble();
	v = &in.series[0].versions[0];
	cr_assert_eq(v->nr_patches, 2);
	cr_assert_str_eq(v->patches[0].mail->message_id, "p1b");
	cr_assert_eq(v->nr_duplicates, 1);
	cr_assert_str_eq(v->duplicates[0]->message_id, "p1");
	cr_assert(has_warning("sent twice"));
}

Test(series, duplicates_prefer_resend)
{
	struct prv_version *v;

	mail("a", NULL, "[PATCH RESEND] t: one", ALICE, 0, true, NULL);
	mail("b", NULL, "[PATCH] t: one", ALICE, 60, true, NULL);
	assemble();
	cr_assert_eq(in.nr_series, 1);
	v = &in.series[0].versions[0];
	cr_assert_eq(v->nr_patches, 1);
	cr_assert_str_eq(v->patches[0].mail->message_id, "a");
	cr_assert_eq(v->nr_duplicates, 1);
	cr_assert(v->resend);
}

Test(series, whole_series_resent_in_new_thread)
{
	struct prv_series *s;

	post("a", 2, 2, 0, ALICE);
	post("b", 2, 2, 600, ALICE);
	assemble();
	cr_assert_eq(in.nr_series, 1);
	s = &in.series[0];
	cr_assert_eq(s->nr_versions, 1);
	cr_assert_eq(s->versions[0].nr_patches, 2);
	cr_assert_eq(s->versions[0].nr_duplicates, 3);
	cr_assert_str_eq(s->versions[0].cover->message_id, "b-0");
}

Test(series, partial_reroll_explicit)
{
	const int want[] = { 1, 2, 3 };
	struct prv_version *v2;

	post("v1", 1, 3, 0, ALICE);
	mail("n2", "v1-2", "[PATCH net-next v1->v2 2/3] mptcp: patch 2", ALICE,
	     600, true, NULL);
	assemble();
	cr_assert_eq(in.nr_series, 1);
	cr_assert_eq(in.series[0].nr_versions, 2);
	v2 = &in.series[0].versions[1];
	cr_assert_eq(v2->version, 2);
	cr_assert(v2->partial);
	cr_assert(v2->complete);
	assert_indexes(v2, want, 3);
	cr_assert(v2->patches[0].filled_in);
	cr_assert_not(v2->patches[1].filled_in);
	cr_assert(v2->patches[2].filled_in);
	cr_assert_str_eq(v2->patches[0].mail->message_id, "v1-1");
	cr_assert_str_eq(v2->patches[1].mail->message_id, "n2");
	cr_assert(has_warning("taken from v1"));
}

Test(series, partial_reroll_in_old_thread)
{
	struct prv_version *v2;

	post("v1", 1, 2, 0, ALICE);
	mail("n1", "v1-1", "[PATCH net-next v2 1/2] mptcp: patch 1", ALICE, 600,
	     true, NULL);
	assemble();
	cr_assert_eq(in.series[0].nr_versions, 2);
	v2 = &in.series[0].versions[1];
	cr_assert(v2->partial);
	cr_assert_eq(v2->nr_patches, 2);
	cr_assert(v2->patches[1].filled_in);
}

Test(series, incomplete_new_thread_is_not_filled_in)
{
	struct prv_version *v2;

	post("v1", 1, 2, 0, ALICE);
	mail("n0", NULL, "[PATCH net-next v2 0/2] mptcp: a series", ALICE, 600,
	     false, "x");
	mail("n1", "n0", "[PATCH net-next v2 1/2] mptcp: patch 1", ALICE, 601,
	     true, NULL);
	assemble();
	v2 = &in.series[0].versions[1];
	cr_assert_not(v2->partial);
	cr_assert_not(v2->complete);
	cr_assert_eq(v2->nr_missing, 1);
	cr_assert_eq(v2->missing[0], 2);
}

Test(series, uncounted_patch_in_cover_thread)
{
	struct prv_version *v;

	mail("c", NULL, "[PATCH 0/2] A sample series", ALICE, 0, false, "x");
	mail("p1", "c", "[PATCH 1/2] t: one", ALICE, 1, true, NULL);
	mail("p2", "c", "This is an orphaned patch!", ALICE, 2, true, NULL);
	assemble();
	cr_assert_eq(in.nr_series, 1);
	v = &in.series[0].versions[0];
	cr_assert_eq(v->nr_patches, 2);
	cr_assert_str_eq(v->patches[1].mail->message_id, "p2");
	cr_assert_eq(v->patches[1].index, 2);
	cr_assert(v->complete);
	cr_assert(has_warning("no k/N counter"));
}

Test(series, unthreaded_counted_patches)
{
	struct prv_version *v;

	mail("x1", NULL, "[net,v2,1/2] net: one", ALICE, 0, true, NULL);
	mail("x2", NULL, "[net,v2,2/2] net: two", ALICE, 1, true, NULL);
	assemble();
	cr_assert_eq(in.nr_series, 1);
	v = &in.series[0].versions[0];
	cr_assert_eq(v->version, 2);
	cr_assert(v->complete);
	cr_assert_str_eq(v->tags[0], "net");
}

Test(series, cover_version_given_to_unversioned_patches)
{
	struct prv_version *v;

	mail("c", NULL, "[PATCH net-next v3 0/2] net: dsa: work", ALICE, 0,
	     false, "x");
	mail("p1", "c", "[PATCH 1/2] net: dsa: one", ALICE, 1, true, NULL);
	mail("p2", "c", "[PATCH 2/2] net: dsa: two", ALICE, 2, true, NULL);
	assemble();
	cr_assert_eq(in.nr_series, 1);
	cr_assert_eq(in.series[0].nr_versions, 1);
	v = &in.series[0].versions[0];
	cr_assert_eq(v->version, 3);
	cr_assert(v->complete);
}

Test(series, version_threaded_to_old_cover)
{
	struct prv_series *s;

	post("v1", 1, 2, 0, ALICE);
	mail("n0", "v1-0", "[PATCH net-next v2 0/2] mptcp: a series", ALICE,
	     600, false, "x");
	mail("n1", "n0", "[PATCH net-next v2 1/2] mptcp: patch 1", ALICE, 601,
	     true, NULL);
	mail("n2", "n0", "[PATCH net-next v2 2/2] mptcp: patch 2", ALICE, 602,
	     true, NULL);
	assemble();
	cr_assert_eq(in.nr_series, 1);
	s = &in.series[0];
	cr_assert_eq(s->nr_versions, 2);
	cr_assert(s->versions[1].complete);
	cr_assert_not(s->versions[1].partial);
	cr_assert_eq(s->versions[0].nr_cover_replies, 0);
}

Test(series, reference_loop)
{
	mail("a", "b", "[PATCH 1/2] t: one", ALICE, 1, true, NULL);
	mail("b", "a", "[PATCH 2/2] t: two", ALICE, 2, true, NULL);
	mail("r", "a", "Re: [PATCH 1/2] t: one", BOB, 3, false,
	     "Acked-by: Bob Rev <bob@example.org>\n");
	assemble();
	cr_assert_eq(in.nr_series, 1);
	cr_assert(in.series[0].versions[0].complete);
	cr_assert(has_warning("reference loop"));
	cr_assert_eq(prv_version_patch(&in.series[0].versions[0], 1)
			     ->nr_review_trailers,
		     1);
}

Test(series, missing_parent_and_duplicate_ids)
{
	mail("p1", "gone", "[PATCH 1/2] t: one", ALICE, 1, true, NULL);
	mail("p2", "gone", "[PATCH 2/2] t: two", ALICE, 2, true, NULL);
	mail("p2", "gone", "[PATCH 2/2] t: two", ALICE, 2, true, NULL);
	mail("r", "nowhere", "Re: something", BOB, 3, false, "hi\n");
	assemble();
	cr_assert_eq(in.nr_series, 1);
	cr_assert_eq(in.series[0].versions[0].nr_patches, 2);
	cr_assert_eq(in.series[0].versions[0].nr_duplicates, 0);
}

Test(series, nothing_but_discussion)
{
	mail("a", NULL, "Hello list", ALICE, 1, false, "hi\n");
	mail("b", "a", "Re: Hello list", BOB, 2, false, "hello\n");
	assemble();
	cr_assert_eq(in.nr_series, 0);
	cr_assert_eq(prv_series_assemble(&in), 0);
}

Test(series, empty_input)
{
	assemble();
	cr_assert_eq(in.nr_series, 0);
}

Test(series, recurring_title_is_not_one_series)
{
	/* weekly pull requests: same cover title, different patches */
	mail("w1", NULL, "[PATCH net 0/1] Netfilter fixes for net", ALICE, 0,
	     false, "x");
	mail("w1-1", "w1", "[PATCH net 1/1] netfilter: one", ALICE, 1, true,
	     NULL);
	mail("w2", NULL, "[PATCH net 0/1] Netfilter fixes for net", ALICE,
	     10080, false, "x");
	mail("w2-1", "w2", "[PATCH net 1/1] netfilter: two", ALICE, 10081, true,
	     NULL);
	assemble();
	cr_assert_eq(in.nr_series, 2);
	cr_assert_eq(in.series[0].versions[0].nr_duplicates, 0);
}

Test(series, backports_to_other_trees_stay_apart)
{
	mail("a", NULL, "[PATCH 5.15.y] tcp: fix", ALICE, 0, true, NULL);
	mail("b", NULL, "[PATCH 5.10.y] tcp: fix", ALICE, 5, true, NULL);
	assemble();
	cr_assert_eq(in.nr_series, 2);
}

Test(series, link_without_version_does_not_join)
{
	mail("old@x", NULL, "[PATCH] first: thing", ALICE, 0, true, NULL);
	mail("new@x", NULL, "[PATCH v2] second: thing", ALICE, 3000, true,
	     NULL);
	in.mails[1]->pm.notes = "Link: https://lore.kernel.org/all/old@x/\n";
	in.mails[1]->pm.notes_len = strlen(in.mails[1]->pm.notes);
	read_links(in.mails[1], in.mails[1]->pm.notes);
	assemble();
	cr_assert_eq(in.nr_series, 2);
}

Test(series, versioned_link_in_notes_joins)
{
	mail("old@x", NULL, "[PATCH] first: thing", ALICE, 0, true, NULL);
	mail("new@x", NULL, "[PATCH v2] second: thing", ALICE, 3000, true,
	     NULL);
	in.mails[1]->pm.notes = "v1: https://lore.kernel.org/netdev/old%40x/\n";
	in.mails[1]->pm.notes_len = strlen(in.mails[1]->pm.notes);
	read_links(in.mails[1], in.mails[1]->pm.notes);
	assemble();
	cr_assert_eq(in.nr_series, 1);
	cr_assert_eq(in.series[0].nr_versions, 2);
}

Test(series, bare_mails_do_not_crash)
{
	struct prv_mail *m = prv_arena_alloc(&in.arena, sizeof(*m));
	struct prv_mail *r = prv_arena_alloc(&in.arena, sizeof(*r));

	/* nothing filled in but a diff and a sender */
	m->diff.nr_files = 1;
	m->from.name = m->from.email = "";
	r->in_reply_to = "nowhere";
	PRV_ALLOC_GROW(in.mails, 2, alloc_mails);
	in.mails[in.nr_mails++] = m;
	in.mails[in.nr_mails++] = r;
	assemble();
	cr_assert_eq(in.nr_series, 1);
	cr_assert_not_null(m->message_id);
	cr_assert_str_eq(in.series[0].title, "");
}

Test(series, someone_elses_patch_in_a_thread_is_its_own_series)
{
	struct prv_version *v;

	post("a", 1, 2, 0, ALICE);
	mail("alt", "a-1", "[PATCH] mptcp: another way", CAROL, 30, true, NULL);
	assemble();
	cr_assert_eq(in.nr_series, 2);
	v = &in.series[0].versions[0];
	cr_assert_eq(v->nr_patches, 2);
	cr_assert(v->complete);
	cr_assert_str_eq(in.series[1].title, "mptcp: another way");
}

/* git send-email stopped after patch 1; patch 2 went out alone, later. */
Test(series, rest_of_a_cut_send_joins)
{
	struct prv_version *v;

	mail("c", NULL, "[PATCH net-next 0/2] mptcp: a series", ALICE, 0, false,
	     "x");
	mail("c-1", "c", "[PATCH net-next 1/2] mptcp: one", ALICE, 0, true,
	     NULL);
	mail("r-2", NULL, "[PATCH net-next 2/2] mptcp: two", ALICE, 3, true,
	     NULL);
	assemble();
	cr_assert_eq(in.nr_series, 1);
	v = &in.series[0].versions[0];
	cr_assert(v->complete);
	cr_assert_str_eq(v->cover->message_id, "c");
	cr_assert_str_eq(v->patches[1].mail->message_id, "r-2");
	cr_assert_str_eq(v->joined_by ? v->joined_by : "",
			 "the rest of a send cut short");
}

/* The rest went out as a thread of its own, 75 minutes later. */
Test(series, rest_of_a_cut_send_in_its_own_thread_joins)
{
	post("a", 3, 4, 0, ALICE);
	in.nr_mails -= 2; /* patches 3 and 4 were not sent */
	mail("r-3", NULL, "[PATCH net-next v3 3/4] mptcp: patch 3", ALICE, 75,
	     true, NULL);
	mail("r-4", "r-3", "[PATCH net-next v3 4/4] mptcp: patch 4", ALICE, 76,
	     true, NULL);
	assemble();
	cr_assert_eq(in.nr_series, 1);
	cr_assert(in.series[0].versions[0].complete);
}

/* Sent again whole a minute later, with the tree tag corrected. */
Test(series, send_started_again_with_other_tags_joins)
{
	struct prv_version *v;
	int k;

	mail("x-1", NULL, "[PATCH nf,v1 1/3] bridge: one", ALICE, 0, true,
	     NULL);
	mail("y-1", NULL, "[PATCH nf-next,v1 1/3] bridge: one", ALICE, 1, true,
	     NULL);
	for (k = 2; k <= 3; k++) {
		char id[16], subject[64];

		snprintf(id, sizeof(id), "y-%d", k);
		snprintf(subject, sizeof(subject),
			 "[PATCH nf-next,v1 %d/3] bridge: %d", k, k);
		mail(id, "y-1", subject, ALICE, 1, true, NULL);
	}
	assemble();
	cr_assert_eq(in.nr_series, 1);
	v = &in.series[0].versions[0];
	cr_assert(v->complete);
	cr_assert_eq(v->nr_duplicates, 1);
	cr_assert_str_eq(v->duplicates[0]->message_id, "x-1");
	cr_assert_eq(v->nr_tags, 1);
	cr_assert_str_eq(v->tags[0], "nf-next");
}

/*
 * What stays apart: another series of the same day (both hold a patch 1),
 * a rest sent the next day, a rest under other tags, and patches that
 * answer a message (a cover the input lacks).
 */
Test(series, not_a_cut_send_stays_apart)
{
	mail("a-1", NULL, "[PATCH nf 1/2] nf: one", ALICE, 0, true, NULL);
	mail("b-1", NULL, "[PATCH nf 1/2] nf: other", ALICE, 30, true, NULL);
	mail("b-2", "b-1", "[PATCH nf 2/2] nf: other two", ALICE, 30, true,
	     NULL);
	mail("c-0", NULL, "[PATCH nf-next 0/3] nfn", ALICE, 100, false, "x");
	mail("c-1", "c-0", "[PATCH nf-next 1/3] nfn: one", ALICE, 100, true,
	     NULL);
	mail("c-2", NULL, "[PATCH nf-next 2/3] nfn: two", ALICE, 1540, true,
	     NULL);
	mail("d-1", NULL, "[PATCH net 1/3] net: one", ALICE, 200, true, NULL);
	mail("d-2", NULL, "[PATCH net-next 2/3] net: two", ALICE, 201, true,
	     NULL);
	mail("e-1", NULL, "[PATCH bpf 1/3] bpf: one", ALICE, 300, true, NULL);
	mail("e-2", "absent-cover", "[PATCH bpf 2/3] bpf: two", ALICE, 301,
	     true, NULL);
	assemble();
	cr_assert_eq(in.nr_series, 8);
}

/* Another series of the author went out between a cut send and its rest. */
Test(series, rest_of_a_cut_send_past_another_send)
{
	struct prv_version *v;
	size_t i, complete = 0;

	mail("a0", NULL, "[PATCH net-next 0/3] mptcp: a series", ALICE, 0,
	     false, "x");
	mail("a1", "a0", "[PATCH net-next 1/3] mptcp: one", ALICE, 0, true,
	     NULL);
	mail("b1", NULL, "[PATCH net-next 1/3] tcp: other one", ALICE, 10, true,
	     NULL);
	mail("b2", "b1", "[PATCH net-next 2/3] tcp: other two", ALICE, 10, true,
	     NULL);
	mail("b3", "b1", "[PATCH net-next 3/3] tcp: other three", ALICE, 10,
	     true, NULL);
	mail("c2", NULL, "[PATCH net-next 2/3] mptcp: two", ALICE, 20, true,
	     NULL);
	mail("c3", "c2", "[PATCH net-next 3/3] mptcp: three", ALICE, 20, true,
	     NULL);
	assemble();
	cr_assert_eq(in.nr_series, 2);
	for (i = 0; i < in.nr_series; i++) {
		v = &in.series[i].versions[0];
		cr_assert_eq(v->nr_duplicates, 0);
		complete += v->complete;
	}
	cr_assert_eq(complete, 2);
}
