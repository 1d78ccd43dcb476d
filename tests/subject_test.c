// SPDX-License-Identifier: GPL-2.0-or-later
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "core/base/arena.h"
#include "core/mail/subject.h"

/*
 * One row per subject: what b4 reads from it. `tags` is the tree tags
 * joined with '|'.
 */
struct subject_case {
	const char *subject;
	bool reply, patch, rfc, resend, counter;
	int version, index, total, partial_from;
	const char *tags;
	const char *title;
};

static const struct subject_case cases[] = {
	{ "[PATCH] mptcp: fix a race", 0, 1, 0, 0, 0, 1, 1, 1, 0, "",
	  "mptcp: fix a race" },
	{ "[PATCH 0/3] mptcp: misc fixes", 0, 1, 0, 0, 1, 1, 0, 3, 0, "",
	  "mptcp: misc fixes" },
	{ "[PATCH 2/3] mptcp: b", 0, 1, 0, 0, 1, 1, 2, 3, 0, "", "mptcp: b" },
	{ "[PATCH v2 1/2] a: b", 0, 1, 0, 0, 1, 2, 1, 2, 0, "", "a: b" },
	{ "[PATCH V4 1/2] a: b", 0, 1, 0, 0, 1, 4, 1, 2, 0, "", "a: b" },
	{ "[PATCHv3] tcp: x", 0, 1, 0, 0, 0, 3, 1, 1, 0, "", "tcp: x" },
	{ "[PATCHv3 2/5] tcp: x", 0, 1, 0, 0, 1, 3, 2, 5, 0, "", "tcp: x" },
	{ "[PATCH net] tcp: fix", 0, 1, 0, 0, 0, 1, 1, 1, 0, "net",
	  "tcp: fix" },
	{ "[PATCH net-next v2 3/5] net: y", 0, 1, 0, 0, 1, 2, 3, 5, 0,
	  "net-next", "net: y" },
	{ "[PATCH mptcp-net] mptcp: z", 0, 1, 0, 0, 0, 1, 1, 1, 0, "mptcp-net",
	  "mptcp: z" },
	{ "[PATCH mptcp-next v4 07/12] mptcp: z", 0, 1, 0, 0, 1, 4, 7, 12, 0,
	  "mptcp-next", "mptcp: z" },
	{ "[net,v2,1/2] net: ieee802154: remove", 0, 0, 0, 0, 1, 2, 1, 2, 0,
	  "net", "net: ieee802154: remove" },
	{ "[PATCH net,v2,2/2] net: x", 0, 1, 0, 0, 1, 2, 2, 2, 0, "net",
	  "net: x" },
	{ "[RFC PATCH] a", 0, 1, 1, 0, 0, 1, 1, 1, 0, "", "a" },
	{ "[RFC PATCH net-next v3 0/7] a", 0, 1, 1, 0, 1, 3, 0, 7, 0,
	  "net-next", "a" },
	{ "[PATCH RFC v2] a", 0, 1, 1, 0, 0, 2, 1, 1, 0, "", "a" },
	{ "[RFC] a", 0, 1, 1, 0, 0, 1, 1, 1, 0, "", "a" },
	{ "[RFCv2 1/3] a", 0, 1, 1, 0, 1, 2, 1, 3, 0, "", "a" },
	{ "[PATCH RESEND] a", 0, 1, 0, 1, 0, 1, 1, 1, 0, "", "a" },
	{ "[RESEND PATCH net v2 1/1] a", 0, 1, 0, 1, 1, 2, 1, 1, 0, "net",
	  "a" },
	{ "[PATCH 0 of 2] Sample Mercurial patches", 0, 1, 0, 0, 1, 1, 0, 2, 0,
	  "", "Sample Mercurial patches" },
	{ "[PATCH 2 of 2] tests: work", 0, 1, 0, 0, 1, 1, 2, 2, 0, "",
	  "tests: work" },
	{ "Re: [PATCH net] tcp: fix", 1, 1, 0, 0, 0, 1, 1, 1, 0, "net",
	  "tcp: fix" },
	{ "RE: [PATCH 1/2] a", 1, 1, 0, 0, 1, 1, 1, 2, 0, "", "a" },
	{ "Aw: [PATCH] a", 1, 1, 0, 0, 0, 1, 1, 1, 0, "", "a" },
	{ "Fwd: [PATCH] a", 1, 1, 0, 0, 0, 1, 1, 1, 0, "", "a" },
	{ "Fw: [PATCH] a", 1, 1, 0, 0, 0, 1, 1, 1, 0, "", "a" },
	{ "Re: Re: RE: [PATCH v3 2/4] a", 1, 1, 0, 0, 1, 3, 2, 4, 0, "", "a" },
	{ "re : [PATCH] a", 1, 1, 0, 0, 0, 1, 1, 1, 0, "", "a" },
	{ "Re: plain discussion", 1, 0, 0, 0, 0, 1, 1, 1, 0, "",
	  "plain discussion" },
	{ "[PATCH v2->v3 1/2] a", 0, 1, 0, 0, 1, 3, 1, 2, 2, "", "a" },
	{ "[PATCH v3-v4 2/2] a", 0, 1, 0, 0, 1, 4, 2, 2, 3, "", "a" },
	{ "[GIT PULL] Networking for 6.12", 0, 0, 0, 0, 0, 1, 1, 1, 0,
	  "GIT|PULL", "Networking for 6.12" },
	{ "[GIT PULL net] a", 0, 0, 0, 0, 0, 1, 1, 1, 0, "GIT|PULL|net", "a" },
	{ "[ANNOUNCE] b4 0.14", 0, 0, 0, 0, 0, 1, 1, 1, 0, "ANNOUNCE",
	  "b4 0.14" },
	{ "no brackets at all", 0, 0, 0, 0, 0, 1, 1, 1, 0, "",
	  "no brackets at all" },
	{ "", 0, 0, 0, 0, 0, 1, 1, 1, 0, "", "" },
	{ "[PATCH] [net] a", 0, 1, 0, 0, 0, 1, 1, 1, 0, "net", "a" },
	{ "[PATCH bpf-next] [v2] [3/4] a", 0, 1, 0, 0, 1, 2, 3, 4, 0,
	  "bpf-next", "a" },
	{ "[PATCH -next] bpf: x", 0, 1, 0, 0, 0, 1, 1, 1, 0, "-next",
	  "bpf: x" },
	{ "[PATCH nf-next v9 3/3] netfilter: y", 0, 1, 0, 0, 1, 9, 3, 3, 0,
	  "nf-next", "netfilter: y" },
	{ "[patch 1/2] lower case", 0, 1, 0, 0, 1, 1, 1, 2, 0, "",
	  "lower case" },
	{ "[PATCH  v2   1/2]    spaced    out  ", 0, 1, 0, 0, 1, 2, 1, 2, 0, "",
	  "spaced out" },
	{ "[PATCH 1/2", 0, 0, 0, 0, 0, 1, 1, 1, 0, "", "[PATCH 1/2" },
	{ "[PATCH [net] 1/2] nested", 0, 1, 0, 0, 1, 1, 1, 2, 0, "net",
	  "nested" },
	{ "[PATCH] Re: not a reply to b4", 0, 1, 0, 0, 0, 1, 1, 1, 0, "",
	  "Re: not a reply to b4" },
	{ "[PATCH 001/100] big", 0, 1, 0, 0, 1, 1, 1, 100, 0, "", "big" },
	{ "[PATCH 12345/2] not a counter", 0, 1, 0, 0, 0, 1, 1, 1, 0, "12345/2",
	  "not a counter" },
	{ "[PATCH v0] zero", 0, 1, 0, 0, 0, 1, 1, 1, 0, "", "zero" },
	{ "[PATCH v2;net] semi", 0, 1, 0, 0, 0, 2, 1, 1, 0, "net", "semi" },
	{ "[Patch 2/2]: powerpc/hotplug: x", 0, 1, 0, 0, 1, 1, 2, 2, 0, "",
	  ": powerpc/hotplug: x" },
	/* forms seen on netfilter-devel */
	{ "[PATCH net repost] a", 0, 1, 0, 1, 0, 1, 1, 1, 0, "net", "a" },
	{ "[PATCH REPOST nf-next 1/2] a", 0, 1, 0, 1, 1, 1, 1, 2, 0, "nf-next",
	  "a" },
	{ "[PATCH nf,v2 Resend 2/2] a", 0, 1, 0, 1, 1, 2, 2, 2, 0, "nf", "a" },
	{ "[PATCH nft 1/3,v2] a", 0, 1, 0, 0, 1, 2, 1, 3, 0, "nft", "a" },
	{ "[PATCH 4/3 nf,v4] a", 0, 1, 0, 0, 1, 4, 4, 3, 0, "nf", "a" },
	{ "[PATCH v3 net-next] a", 0, 1, 0, 0, 0, 3, 1, 1, 0, "net-next", "a" },
	{ "[PATCH RFC v2 nf-next 0/3] a", 0, 1, 1, 0, 1, 2, 0, 3, 0, "nf-next",
	  "a" },
	{ "[patch V2 00/11] a", 0, 1, 0, 0, 1, 2, 0, 11, 0, "", "a" },
	{ "[PATCH net,v20/4] a", 0, 1, 0, 0, 1, 2, 0, 4, 0, "net", "a" },
	{ "[PATCH v6.1 3/3] a", 0, 1, 0, 0, 1, 1, 3, 3, 0, "v6.1", "a" },
	{ "[PATCH v2 v5.15-v6.1] a", 0, 1, 0, 0, 0, 2, 1, 1, 0, "v5.15-v6.1",
	  "a" },
	{ "[PATCH AUTOSEL 6.17] a", 0, 1, 0, 0, 0, 1, 1, 1, 0, "AUTOSEL|6.17",
	  "a" },
};

/* "v2.1" is a point version of v2; "v6.1" and "v2.6" are kernel releases. */
Test(subject, point_versions)
{
	static const struct {
		const char *subject;
		int version, point;
	} rows[] = {
		{ "[PATCH v2.1 1/2] a", 2, 1 },
		{ "[PATCH nf-next V3.2] a", 3, 2 },
		{ "[PATCH v2.5 net] a", 2, 5 },
		{ "[PATCH v6.1 1/2] a", 1, 0 },
		{ "[PATCH v5.10] a", 1, 0 },
		{ "[PATCH v2.6] a", 1, 0 },
		{ "[PATCH v3.10] a", 1, 0 },
		{ "[PATCH v2] a", 2, 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct prv_arena a = PRV_ARENA_INIT;
		struct prv_subject s;

		prv_subject_parse(&s, &a, rows[i].subject,
				  strlen(rows[i].subject));
		cr_expect_eq(s.version, rows[i].version, "%s: version %d",
			     rows[i].subject, s.version);
		cr_expect_eq(s.point, rows[i].point, "%s: point %d",
			     rows[i].subject, s.point);
		prv_arena_release(&a);
	}
}

static void tags_joined(char *out, size_t size, const struct prv_subject *s)
{
	size_t i;

	out[0] = '\0';
	for (i = 0; i < s->nr_tags; i++) {
		if (i)
			strncat(out, "|", size - strlen(out) - 1);
		strncat(out, s->tags[i], size - strlen(out) - 1);
	}
}

Test(subject, table)
{
	size_t i;

	cr_assert_geq(sizeof(cases) / sizeof(cases[0]), 40);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct subject_case *c = &cases[i];
		struct prv_arena a = PRV_ARENA_INIT;
		struct prv_subject s;
		char tags[256];

		prv_subject_parse(&s, &a, c->subject, strlen(c->subject));
		tags_joined(tags, sizeof(tags), &s);
		cr_expect_eq(s.is_reply, c->reply, "%s: reply", c->subject);
		cr_expect_eq(s.is_patch, c->patch, "%s: patch", c->subject);
		cr_expect_eq(s.rfc, c->rfc, "%s: rfc", c->subject);
		cr_expect_eq(s.resend, c->resend, "%s: resend", c->subject);
		cr_expect_eq(s.has_counter, c->counter, "%s: counter",
			     c->subject);
		cr_expect_eq(s.version, c->version, "%s: version %d",
			     c->subject, s.version);
		cr_expect_eq(s.index, c->index, "%s: index %d", c->subject,
			     s.index);
		cr_expect_eq(s.total, c->total, "%s: total %d", c->subject,
			     s.total);
		cr_expect_eq(s.partial_from, c->partial_from, "%s: partial",
			     c->subject);
		cr_expect_str_eq(tags, c->tags, "%s: tags '%s'", c->subject,
				 tags);
		cr_expect_str_eq(s.title, c->title, "%s: title '%s'",
				 c->subject, s.title);
		prv_arena_release(&a);
	}
}

Test(subject, tags_are_whole_tokens)
{
	struct prv_arena a = PRV_ARENA_INIT;
	struct prv_subject s;
	const char *subj = "[PATCH mptcp-net v2 1/3] mptcp: x";

	prv_subject_parse(&s, &a, subj, strlen(subj));
	cr_assert(prv_subject_has_tag(&s, "mptcp-net"));
	cr_assert(prv_subject_has_tag(&s, "MPTCP-NET"));
	cr_assert_not(prv_subject_has_tag(&s, "net"));
	cr_assert_not(prv_subject_has_tag(&s, "mptcp"));
	prv_arena_release(&a);
}

Test(subject, survives_nul_and_8bit)
{
	struct prv_arena a = PRV_ARENA_INIT;
	struct prv_subject s;
	const char subj[] = "[PATCH\0 1/2] caf\xc3\xa9 \xff\0end";

	prv_subject_parse(&s, &a, subj, sizeof(subj) - 1);
	cr_assert_not_null(s.title);
	cr_assert_eq(strlen(s.title) > 0, true);
	prv_subject_parse(&s, &a, NULL, 5);
	cr_assert_str_eq(s.title, "");
	prv_arena_release(&a);
}

Test(subject, many_groups_are_capped)
{
	struct prv_arena a = PRV_ARENA_INIT;
	struct prv_subject s;
	char subj[4096];
	size_t i, n = 0;

	for (i = 0; i < 300; i++)
		n += snprintf(subj + n, sizeof(subj) - n, "[t%zu]", i);
	snprintf(subj + n, sizeof(subj) - n, " title");
	prv_subject_parse(&s, &a, subj, strlen(subj));
	cr_assert_leq(s.nr_tags, 64);
	cr_assert_str_eq(s.title, "title");
	prv_arena_release(&a);
}
