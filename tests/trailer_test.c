// SPDX-License-Identifier: GPL-2.0-or-later
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/arena.h"
#include "core/mail/trailer.h"
#include "core/base/util.h"

/* Messages as git mailinfo writes them (no title); keys joined by '|'. */
static const struct {
	const char *msg;
	const char *keys; /* "Key=value|..." of the trailers found */
	long block; /* byte offset of the block, -1 for none */
} block_cases[] = {
	{ "Body text.\n\nSigned-off-by: A <a@x>\n", "Signed-off-by=A <a@x>",
	  12 },
	/* directly under the title: the title paragraph is above */
	{ "Signed-off-by: A <a@x>\n", "Signed-off-by=A <a@x>", 0 },
	{ "Fixes: 123456789abc (\"x\")\nReviewed-by: B <b@x>\n\n\n",
	  "Fixes=123456789abc (\"x\")|Reviewed-by=B <b@x>", 0 },
	/* prose in the last paragraph without a git-generated line */
	{ "Some text\nReviewed-by: B <b@x>\n", "", -1 },
	{ "Body.\n\nJust prose here\nand more.\n", "", -1 },
	/* 25% rule with a git-generated prefix */
	{ "Body.\n\nprose line\nprose line\nprose line\n"
	  "Signed-off-by: A <a@x>\n",
	  "Signed-off-by=A <a@x>", 7 },
	{ "Body.\n\np\np\np\np\nSigned-off-by: A <a@x>\n", "", -1 },
	/* without a git-generated line every line must be a trailer */
	{ "Body.\n\nprose\nAcked-by: C <c@x>\n", "", -1 },
	/* continuation lines are unfolded */
	{ "Body.\n\nLink: https://example.org/a\n  /b\nSigned-off-by: A <a@x>\n",
	  "Link=https://example.org/a /b|Signed-off-by=A <a@x>", 7 },
	/* white space before the colon, cut at "---" */
	{ "Body.\n\nFixes : abc\n---\nnot: this\n", "Fixes=abc", 7 },
	{ "", "", -1 },
	{ "\n\n", "", -1 },
};

static void join(char *out, size_t size, const struct prv_trailer *t, size_t nr)
{
	size_t i;

	out[0] = '\0';
	for (i = 0; i < nr; i++) {
		if (i)
			strncat(out, "|", size - strlen(out) - 1);
		strncat(out, t[i].key, size - strlen(out) - 1);
		strncat(out, "=", size - strlen(out) - 1);
		strncat(out, t[i].value, size - strlen(out) - 1);
	}
}

Test(trailer, block_rule)
{
	size_t i;

	for (i = 0; i < PRV_ARRAY_SIZE(block_cases); i++) {
		struct prv_arena a = PRV_ARENA_INIT;
		struct prv_trailer *t;
		size_t nr, start, len = strlen(block_cases[i].msg);
		char got[512];

		cr_assert_eq(prv_trailers_parse(&t, &nr, &start, &a,
						block_cases[i].msg, len, false),
			     0);
		join(got, sizeof(got), t, nr);
		cr_assert_str_eq(got, block_cases[i].keys, "case %zu", i);
		if (block_cases[i].block < 0)
			cr_assert_eq(start, len, "case %zu", i);
		else
			cr_assert_eq(start, (size_t)block_cases[i].block,
				     "case %zu: %zu", i, start);
		prv_arena_release(&a);
	}
}

Test(trailer, keep_other_and_line_numbers)
{
	static const char msg[] = "Body.\n\nSigned-off-by: A <a@x>\n"
				  "[ v2: fixed ]\nSigned-off-by: M <m@x>\n";
	struct prv_arena a = PRV_ARENA_INIT;
	struct prv_trailer *t;
	size_t nr;

	prv_trailers_parse(&t, &nr, NULL, &a, msg, strlen(msg), true);
	cr_assert_eq(nr, 3);
	cr_assert(t[0].is_trailer);
	cr_assert_eq(t[0].line, 2);
	cr_assert(!t[1].is_trailer);
	cr_assert_str_eq(t[1].value, "[ v2: fixed ]");
	cr_assert_eq(t[2].line, 4);
	cr_assert(prv_trailer_is(&t[2], "signed-off-by"));
	cr_assert(!prv_trailer_is(&t[2], "Signed-off"));
	prv_arena_release(&a);
}

Test(trailer, token_ok)
{
	static const struct {
		const char *key;
		bool ok;
	} cases[] = {
		{ "Reviewed-by", true }, { "Cc", true },
		{ "X-1", true },	 { "", false },
		{ "Re viewed", false },	 { "Acked_by", false },
		{ "Fixes:", false },
	};
	size_t i;

	for (i = 0; i < PRV_ARRAY_SIZE(cases); i++)
		cr_assert_eq(prv_trailer_token_ok(cases[i].key,
						  strlen(cases[i].key)),
			     cases[i].ok, "%s", cases[i].key);
}

Test(trailer, from_reply)
{
	static const char body[] =
		"On Mon, Jan 1, A wrote:\n"
		"> Signed-off-by: Author <author@x.org>\n"
		"> ---\n"
		"Looks good.\n"
		"\n"
		"Reviewed-by: Rev Iewer <rev@x.org>\n"
		"  Tested-by: tester@x.org # on arm64\n"
		"Acked-by: nobody\n" /* no address: not a tag */
		"Fixes: 0123456789ab (\"thing\")\n"
		"Assisted-by: Claude:claude-opus-4-8 coccinelle\n"
		"Link: https://lore.kernel.org/x\n" /* links are not taken */
		"Random: stuff\n"
		"Email: me@x.org\n"
		"Signed-off-by: A Very Long Name\n"
		"<long@x.org>\n"
		"> diff --git a/x b/x\n"
		"Acked-by: Late <late@x.org>\n"
		"-- \n"
		"Reviewed-by: In Signature <sig@x.org>\n";
	struct prv_arena a = PRV_ARENA_INIT;
	struct prv_trailer *t = NULL;
	size_t nr = 0;
	char got[512];

	prv_trailers_from_reply(&t, &nr, &a, body, strlen(body));
	join(got, sizeof(got), t, nr);
	cr_assert_str_eq(got, "Reviewed-by=Rev Iewer <rev@x.org>|"
			      "Tested-by=tester@x.org|"
			      "Fixes=0123456789ab (\"thing\")|"
			      "Assisted-by=Claude:claude-opus-4-8 coccinelle|"
			      "Signed-off-by=A Very Long Name <long@x.org>|"
			      "Acked-by=Late <late@x.org>");
	cr_assert_eq(t[0].line, 5);
	cr_assert_eq(t[4].line, 13);
	prv_arena_release(&a);
}

Test(trailer, from_reply_stops_at_own_patch)
{
	static const char body[] = "Reviewed-by: A <a@x.org>\n---\n"
				   "Signed-off-by: B <b@x.org>\n";
	struct prv_arena a = PRV_ARENA_INIT;
	struct prv_trailer *t = NULL;
	size_t nr = 0;

	prv_trailers_from_reply(&t, &nr, &a, body, strlen(body));
	cr_assert_eq(nr, 1);
	prv_arena_release(&a);
}

/*
 * Runs of '@' in reply lines: an address after them is still found, and
 * thousands of such lines are read in linear time (a scan that restarts
 * at every '@' would make the suite crawl; no timing is asserted).
 */
Test(trailer, from_reply_at_runs)
{
	static const char tricky[] = "Acked-by: a@@b@c.d\n"
				     "Tested-by: @@@ t@x.org\n"
				     "Reviewed-by: r@@@.\n";
	const size_t lines = 4000, ats = 5000;
	struct prv_arena a = PRV_ARENA_INIT;
	struct prv_trailer *t = NULL;
	size_t nr = 0, i, len = 0;
	char got[256], *body;

	prv_trailers_from_reply(&t, &nr, &a, tricky, strlen(tricky));
	join(got, sizeof(got), t, nr);
	cr_assert_str_eq(got, "Acked-by=a@@b@c.d|Tested-by=@@@ t@x.org");

	body = malloc(lines * (ats + 12));
	cr_assert_not_null(body);
	for (i = 0; i < lines; i++) {
		memcpy(body + len, "Acked-by: x", 11);
		len += 11;
		memset(body + len, '@', ats);
		len += ats;
		body[len++] = '\n';
	}
	t = NULL;
	nr = 0;
	prv_trailers_from_reply(&t, &nr, &a, body, len);
	cr_assert_eq(nr, 0);
	free(body);
	prv_arena_release(&a);
}

Test(trailer, person_keys)
{
	cr_expect(prv_trailer_key_is_person("Reviewed-by"));
	cr_expect(prv_trailer_key_is_person("SIGNED-OFF-BY"));
	cr_expect(prv_trailer_key_is_person("Co-developed-by"));
	cr_expect_not(prv_trailer_key_is_person("Fixes"));
	cr_expect_not(prv_trailer_key_is_person("Link"));
	cr_expect_not(prv_trailer_key_is_person(NULL));
}

Test(trailer, review_keys_in_their_usual_spelling)
{
	cr_expect_str_eq(prv_trailer_review_key("reviewed-BY"), "Reviewed-by");
	cr_expect_str_eq(prv_trailer_review_key("Acked-by"), "Acked-by");
	cr_expect_str_eq(prv_trailer_review_key("tested-by"), "Tested-by");
	cr_expect_null(prv_trailer_review_key("Signed-off-by"));
	cr_expect_null(prv_trailer_review_key("Reviewed-by-x"));
	cr_expect_null(prv_trailer_review_key(NULL));
}
