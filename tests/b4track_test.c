// SPDX-License-Identifier: GPL-2.0-or-later
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/arena.h"
#include "core/series/b4track.h"
#include "core/base/error.h"
#include "tests/testutil.h"

/* What b4 writes (json.dump of its tracking data), trimmed. */
static const char full[] =
	"{\"series\": {\"revision\": 2, \"change-id\": "
	"\"20250310-foo-v2-abc\", \"link\": "
	"\"https://lore.kernel.org/r/20250310-foo-v2-0-abc%40example.org\", "
	"\"subject\": \"[PATCH net-next v2 0/3] foo: bar\", \"fromname\": "
	"\"Ann\", \"fromemail\": \"ann@example.org\", \"expected\": 3, "
	"\"complete\": true, \"base-commit\": "
	"\"0123456789abcdef0123456789abcdef01234567\", "
	"\"prerequisite-commits\": [], \"header-info\": {\"msgid\": "
	"\"20250310-foo-v2-0-abc@example.org\", \"to\": \"x\"}, \"status\": "
	"\"reviewing\", \"branch-tips\": [{\"date\": \"d\", \"branch\": \"b\", "
	"\"sha\": \"s\"}]}, \"followups\": [], \"patches\": ["
	"{\"title\": \"one\", \"link\": \"https://lore.kernel.org/r/p1@x\", "
	"\"header-info\": {\"msgid\": \"<p1@example.org>\"}, \"followups\": []},"
	"{\"title\": \"two\", \"link\": \"https://lore.kernel.org/r/p2@x\"},"
	"{\"title\": \"three\", \"header-info\": null}]}";

Test(b4track, reads_what_b4_writes)
{
	struct prv_arena a = PRV_ARENA_INIT;
	struct prv_b4track t;

	cr_assert_eq(prv_b4track_parse(&t, &a, full, strlen(full), "t.json"), 0,
		     "%s", prv_error_last());
	cr_assert_eq(t.revision, 2);
	cr_assert_eq(t.expected, 3);
	cr_assert_str_eq(t.change_id, "20250310-foo-v2-abc");
	cr_assert_str_eq(t.cover_msgid, "20250310-foo-v2-0-abc@example.org");
	cr_assert_str_eq(t.base_commit,
			 "0123456789abcdef0123456789abcdef01234567");
	cr_assert_str_eq(t.subject, "[PATCH net-next v2 0/3] foo: bar");
	/* header-info first, else the link; the third names none */
	cr_assert_eq(t.nr_patch_msgids, 2);
	cr_assert_str_eq(t.patch_msgids[0], "p1@example.org");
	cr_assert_str_eq(t.patch_msgids[1], "p2@x");
	cr_assert_str_eq(t.source, "t.json");
	prv_arena_release(&a);
}

/* What b4 prep keeps in its cover letter commit. */
Test(b4track, reads_b4_prep_keys)
{
	static const char prep[] =
		"{\"series\": {\"revision\": 2, \"change-id\": "
		"\"20260101-foo-0123456789ab\", \"base-branch\": \"main\", "
		"\"prefixes\": [\"net\", \"\", \"RFC\"], \"history\": "
		"{\"v1\": [\"x@example.org\"]}}}";
	struct prv_arena a = PRV_ARENA_INIT;
	struct prv_b4track t;

	cr_assert_eq(prv_b4track_parse(&t, &a, prep, strlen(prep), "c"), 0,
		     "%s", prv_error_last());
	cr_assert_eq(t.revision, 2);
	cr_assert_str_eq(t.change_id, "20260101-foo-0123456789ab");
	cr_assert_str_eq(t.base_branch, "main");
	cr_assert_eq(t.nr_prefixes, 2);
	cr_assert_str_eq(t.prefixes[0], "net");
	cr_assert_str_eq(t.prefixes[1], "RFC");
	prv_arena_release(&a);
}

Test(b4track, every_key_is_optional)
{
	static const char *const ok[] = {
		"{}",
		"{\"series\": null}",
		"{\"series\": {}}",
		"{\"series\": {\"base-commit\": null, \"revision\": null}}",
		"{\"patches\": []}",
		"{\"series\": {\"base-commit\": \"\"}, \"unknown\": [1, {}]}",
	};
	struct prv_arena a = PRV_ARENA_INIT;
	struct prv_b4track t;
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		cr_assert_eq(prv_b4track_parse(&t, &a, ok[i], strlen(ok[i]),
					       "t.json"),
			     0, "%s: %s", ok[i], prv_error_last());
		cr_assert_null(t.cover_msgid);
		cr_assert_null(t.base_commit);
		cr_assert_eq(t.nr_patch_msgids, 0);
		cr_assert_eq(t.revision, 0);
	}
	prv_arena_release(&a);
}

Test(b4track, cover_from_the_link)
{
	struct prv_arena a = PRV_ARENA_INIT;
	struct prv_b4track t;
	const char *j = "{\"series\": {\"link\": "
			"\"https://lore.kernel.org/r/a%2Bb@example.org\"}}";

	cr_assert_eq(prv_b4track_parse(&t, &a, j, strlen(j), "t.json"), 0);
	cr_assert_str_eq(t.cover_msgid, "a+b@example.org");
	prv_arena_release(&a);
}

Test(b4track, message_ids_of_links)
{
	static const struct {
		const char *link, *want;
	} cases[] = {
		{ "https://lore.kernel.org/r/abc@example.org",
		  "abc@example.org" },
		{ "https://lore.kernel.org/r/abc@example.org/",
		  "abc@example.org" },
		{ "https://lore.kernel.org/netdev/abc@x/T/#u", "abc@x" },
		{ "https://lore.kernel.org/all/abc@x/t/", "abc@x" },
		{ "https://lore.kernel.org/abc@x", "abc@x" },
		{ "https://lore.kernel.org/netdev/abc@x/raw", "abc@x" },
		{ "http://127.0.0.1:8080/all/a%40b?x=1", "a@b" },
		{ "https://lore.kernel.org/netdev/", NULL },
		{ "https://lore.kernel.org", NULL },
		{ "lore.kernel.org/r/a@b", NULL },
		{ "https://lore.kernel.org/r/a%20b@x", NULL },
		{ "", NULL },
	};
	struct prv_arena a = PRV_ARENA_INIT;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *got = prv_b4track_link_msgid(&a, cases[i].link);

		if (cases[i].want)
			cr_assert(got && !strcmp(got, cases[i].want),
				  "%s: got %s", cases[i].link,
				  got ? got : "(null)");
		else
			cr_assert_null(got, "%s: got %s", cases[i].link, got);
	}
	cr_assert_null(prv_b4track_link_msgid(&a, NULL));
	prv_arena_release(&a);
}

Test(b4track, malformed_data_names_the_file_and_key)
{
	static const struct {
		const char *json, *msg;
	} cases[] = {
		{ "[]", "'t.json': not a JSON object" },
		{ "{\"series\": []", "'t.json': line 1" },
		{ "{\"series\": 3}", "'t.json': series is not an object" },
		{ "{\"series\": {\"revision\": \"2\"}}",
		  "series.revision is not a small whole number" },
		{ "{\"series\": {\"revision\": -1}}",
		  "series.revision is not a small whole number" },
		{ "{\"series\": {\"expected\": 1.5}}",
		  "series.expected is not a small whole number" },
		{ "{\"series\": {\"base-commit\": 12}}",
		  "series.base-commit is not a string" },
		{ "{\"series\": {\"base-commit\": \"main\"}}",
		  "series.base-commit is not a commit id" },
		{ "{\"series\": {\"link\": [\"x\"]}}",
		  "series.link is not a string" },
		{ "{\"series\": {\"header-info\": \"x\"}}",
		  "series.header-info is not an object" },
		{ "{\"series\": {\"header-info\": {\"msgid\": \"a b\"}}}",
		  "series.header-info.msgid is not a message-id" },
		{ "{\"series\": {\"header-info\": {\"msgid\": \"a\\u0000b\"}}}",
		  "series.header-info.msgid is not a string" },
		{ "{\"patches\": {}}", "patches is not an array" },
		{ "{\"patches\": [{}, 1]}", "patches[1] is not an object" },
		{ "{\"patches\": [{\"link\": 1}]}",
		  "patches[0].link is not a string" },
		{ "{\"series\": {\"prefixes\": \"net\"}}",
		  "series.prefixes is not an array" },
		{ "{\"series\": {\"prefixes\": [\"net\", 1]}}",
		  "series.prefixes holds a value that is not a string" },
	};
	struct prv_arena a = PRV_ARENA_INIT;
	struct prv_b4track t;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int err = prv_b4track_parse(&t, &a, cases[i].json,
					    strlen(cases[i].json), "t.json");

		cr_assert_eq(err, PRV_EPARSE, "%s", cases[i].json);
		cr_assert(strstr(prv_error_last(), cases[i].msg), "%s: %s",
			  cases[i].json, prv_error_last());
		cr_assert(strstr(prv_error_last(), "could not parse 't.json'"));
	}
	prv_arena_release(&a);
}

Test(b4track, unreadable_file)
{
	struct prv_arena a = PRV_ARENA_INIT;
	struct prv_b4track t;

	cr_assert_eq(prv_b4track_read(&t, &a, "/nonexistent/t.json"), PRV_EIO);
	cr_assert(strstr(prv_error_last(), "'/nonexistent/t.json'"));
	prv_arena_release(&a);
}

Test(b4track, reads_the_sample_file)
{
	struct prv_arena a = PRV_ARENA_INIT;
	struct prv_b4track t;
	const char *path = prv_test_data("b4review/tracking-sample.json");

	cr_assert_eq(prv_b4track_read(&t, &a, path), 0, "%s", prv_error_last());
	cr_assert_eq(t.revision, 2);
	cr_assert_str_eq(t.cover_msgid, "20250301-foo-v2-0-b4test@example.org");
	cr_assert_str_eq(t.base_commit,
			 "1f0e3a3c9d7a7b2d0c5e4f6a8b9c0d1e2f3a4b5c");
	cr_assert_eq(t.nr_patch_msgids, 3);
	cr_assert_str_eq(t.patch_msgids[2],
			 "20250301-foo-v2-3-b4test@example.org");
	prv_arena_release(&a);
}
