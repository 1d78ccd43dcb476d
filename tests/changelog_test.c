// SPDX-License-Identifier: GPL-2.0-or-later
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/arena.h"
#include "core/check/changelog.h"
#include "core/base/util.h"

struct cl_case {
	const char *name;
	const char *text;
	int version; /* of the mail holding it */
	const char *covered; /* versions covered, e.g. "23" */
	const char *not_covered;
	const char *linked; /* versions with a link */
	const char *not_linked;
	size_t entries;
};

static const struct cl_case cases[] = {
	{ "b4 cover",
	  "Intro text.\n\n---\nChanges in v3:\n- fix the thing\n"
	  "- Link to v2: https://lore.kernel.org/r/20240101-x-v2-1@k.org\n\n"
	  "Changes in v2:\n- other thing\n"
	  "- Link to v1: https://lore.kernel.org/r/20240101-x-v1-1@k.org\n\n"
	  "---\nbase-commit: 0123\nchange-id: 20240101-x-0123456789ab\n",
	  3, "23", "14", "12", "3", 2 },
	{ "arrow headers",
	  "v2 -> v3:\n - squash patch 2\n\nv1 -> v2:\n - rename foo\n", 3, "23",
	  "4", "", "12", 2 },
	{ "tight arrow and no colon", "v1->v2\n- rename foo\n", 2, "2", "3", "",
	  "1", 1 },
	{ "short headers with text on the line", "v3: - squash\nv2: - rename\n",
	  3, "23", "", "", "", 2 },
	{ "changes since", "Changes since v1:\n* rename\n", 2, "2", "3", "", "",
	  1 },
	{ "changelog block with links",
	  "Changelog:\nv2: https://lore.kernel.org/r/v2@x\n"
	  "v1: https://lore.kernel.org/r/v1@x\n",
	  3, "", "23", "12", "3", 2 },
	{ "bracketed version and lore link in the entry",
	  "[v2]\n- rename (https://lore.kernel.org/r/v1@x)\n", 2, "2", "", "1",
	  "", 1 },
	{ "range over versions", "v1 -> v3:\n- everything\n", 3, "23", "1", "",
	  "", 1 },
	{ "no changelog", "Just a description of the series.\n", 2, "", "12",
	  "", "1", 0 },
	{ "diffstat ends it",
	  "v2:\n- rename\n\n net/core/dev.c | 2 +-\n 1 file changed\n", 2, "2",
	  "", "", "", 1 },
	{ "paragraph after a blank line ends it",
	  "v2:\n- rename\n\nAlice Author (2):\n  foo\n", 2, "2", "", "", "",
	  1 },
	/* The forms below are self-made copies of ones seen on lists. */
	{ "patchset history with From vN and the link after it",
	  "Patchset History\n----------------\n"
	  ">From v2 (https://lore.kernel.org/r/v2@x)\n- drop the lock\n\n"
	  "From v1 (https://lore.kernel.org/r/v1@x)\n- rename foo\n",
	  3, "23", "", "12", "", 2 },
	{ "changelog for version", "Changelog for version 3:\n- fix a leak\n",
	  3, "3", "2", "", "", 1 },
	{ "changes in rfc vN", "Changes in RFC v2:\n- use a helper\n", 2, "2",
	  "", "", "", 1 },
	{ "version N with the url on the next line",
	  "Version 2:\n- rework locking\n\nVersion 1:\n"
	  "https://lore.kernel.org/r/v1@x\n",
	  2, "2", "", "1", "2", 2 },
	{ "diff with vN", "Diff with v1:\n- fewer allocations\n", 2, "2", "",
	  "", "", 1 },
	{ "double dash changes in vN to vM",
	  " --changes in v2 to v1\n   - rename the flag\n", 2, "2", "3", "", "",
	  1 },
	{ "netdev vN: url followed by what changed",
	  "v3:\n - split patch 2\nv2: https://lore.kernel.org/r/v2@x\n"
	  " - add a test\nv1: https://lore.kernel.org/r/v1@x\n",
	  3, "23", "", "12", "3", 3 },
	{ "footnote links",
	  "Changes from v2 [1]:\n- rebase\n\n"
	  "[1] https://lore.kernel.org/r/v2@x\n",
	  3, "3", "", "2", "1", 1 },
	{ "change since (singular)", "Change since v1: drop patch 3\n", 2, "2",
	  "", "", "", 1 },
	{ "dated entries",
	  "v3 (03-Mar-2025)\n- move a patch\n\n"
	  "v2 (18-Feb-2025)\n- fix the build\n",
	  3, "23", "", "", "", 2 },
	{ "vN updates with a note", "v2 updates (from review):\n- fix nits\n",
	  2, "2", "", "", "", 1 },
	{ "ellipsis between versions",
	  "v4\xe2\x80\xa6v5 https://lore.kernel.org/r/v4@x\n  - rework\n", 5,
	  "5", "4", "4", "", 1 },
	{ "changes since the last iteration",
	  "Changes since last iteration:\n - address comments\n", 4, "4", "3",
	  "", "", 1 },
	{ "a cover sentence about the version",
	  "This is v3, I kept back a fix.\n", 3, "3", "2", "", "", 1 },
	{ "a paragraph on what the version does",
	  "v1 moved the allocation, but the race stayed.\n\n"
	  "v2 takes a different approach: guard the exit path.\n\n"
	  "v1: https://lore.kernel.org/r/v1@x\n",
	  2, "2", "", "1", "", 2 },
	{ "a resend after a rebase",
	  "Resent after rebase on the latest tree, there are no changes.\n", 2,
	  "2", "", "", "", 1 },
	{ "no functional change is not a changelog",
	  "No functional changes are intended.\n", 2, "", "2", "", "", 0 },
	{ "numbered items",
	  "Changes since V1:\n1) Fix the build\n2) Rename foo\n", 2, "2", "",
	  "", "", 1 },
	{ "changed in vN", "Changed in v3:\n- only push when needed\n", 3, "3",
	  "2", "", "", 1 },
	{ "a Link: to the previous version after a blank line",
	  "Changes in v2:\n  - wrap it in an #if\n\n"
	  "Link: https://lore.kernel.org/all/v1@x/\n",
	  2, "2", "", "1", "2", 1 },
	{ "a bare vN: header, its Link: is vN's own posting",
	  "v3:\n  - restructured\n  Link: https://lore.kernel.org/r/v3@x/\n"
	  "v2:\n  - a spinlock\n  Link: https://lore.kernel.org/r/v2@x/\n",
	  4, "23", "", "23", "1", 2 },
	{ "vN: what changed, the link below is the version before",
	  "v2: use a macro\n  - https://lore.kernel.org/r/v1@x/\n", 2, "2", "",
	  "1", "2", 1 },
	{ "a Link to vN line outside the entries",
	  "v8 updates:\n- a resend\n\n[^1]: https://lwn.net/1\n\n"
	  "Link to v7: https://lore.kernel.org/r/v7@x/\n",
	  8, "8", "", "7", "", 2 },
	{ "a paragraph right under a bare header is its text",
	  "Changes in v3:\n\nThe patches it tests changed, so did it.\n"
	  "- test the new path\n\nChanges in v2:\n\n- rename foo\n",
	  3, "23", "", "", "", 2 },
	{ "a skipped version number",
	  "v4:\n  - squash the series\n\nv2:\n  - rename foo\n\n"
	  "(no v3 posted)\n",
	  4, "234", "", "", "", 3 },
	{ "a link line alone is no entry",
	  "Changes in v2:\n- Link to v1: https://lore.kernel.org/r/tag@x\n", 2,
	  "", "2", "1", "", 1 },
};

static bool in(const char *set, int v)
{
	return strchr(set, '0' + v) != NULL;
}

Test(changelog, table)
{
	size_t i;
	int v;

	for (i = 0; i < PRV_ARRAY_SIZE(cases); i++) {
		const struct cl_case *c = &cases[i];
		struct prv_arena a = PRV_ARENA_INIT;
		struct prv_changelog cl;

		memset(&cl, 0, sizeof(cl));
		prv_changelog_parse(&cl, &a, c->text, strlen(c->text),
				    c->version, 0);
		cr_expect_eq(cl.nr, c->entries, "%s: %zu entries, not %zu",
			     c->name, cl.nr, c->entries);
		for (v = 1; v <= 9; v++) {
			if (in(c->covered, v))
				cr_expect(prv_changelog_covers(&cl, v),
					  "%s: v%d should be covered", c->name,
					  v);
			if (in(c->not_covered, v))
				cr_expect(!prv_changelog_covers(&cl, v),
					  "%s: v%d should not be covered",
					  c->name, v);
			if (in(c->linked, v))
				cr_expect(prv_changelog_has_link(&cl, v),
					  "%s: v%d should be linked", c->name,
					  v);
			if (in(c->not_linked, v))
				cr_expect(!prv_changelog_has_link(&cl, v),
					  "%s: v%d should not be linked",
					  c->name, v);
		}
		prv_arena_release(&a);
	}
}

Test(changelog, entry_text_and_nested_bullets)
{
	const char *t = "Changes in v2:\n- patch 1:\n  - rename foo\n"
			"  - drop bar\n- patch 2: new\n\n---\nbase-commit: 1\n";
	struct prv_arena a = PRV_ARENA_INIT;
	struct prv_changelog cl;

	memset(&cl, 0, sizeof(cl));
	prv_changelog_parse(&cl, &a, t, strlen(t), 2, 0);
	cr_assert_eq(cl.nr, 1);
	cr_expect_eq(cl.entries[0].from, 1);
	cr_expect_eq(cl.entries[0].to, 2);
	cr_expect_eq(cl.entries[0].len, strlen("- patch 1:\n  - rename foo\n"
					       "  - drop bar\n- patch 2: new"));
	cr_expect(!strncmp(cl.entries[0].text, "- patch 1:", 10));
	prv_arena_release(&a);
}

Test(changelog, survives_binary_and_long_lines)
{
	struct prv_arena a = PRV_ARENA_INIT;
	struct prv_changelog cl;
	char buf[5000];
	size_t i;

	for (i = 0; i < sizeof(buf); i++)
		buf[i] = (char)(i * 7);
	memcpy(buf, "v2:\n", 4);
	memset(&cl, 0, sizeof(cl));
	prv_changelog_parse(&cl, &a, buf, sizeof(buf), 2, 1);
	cr_expect(prv_changelog_covers(&cl, 2));
	prv_arena_release(&a);
}

/* "vN: <url>" lines: each link is its own line's URL, nothing after it. */
Test(changelog, version_link_lines_end_at_the_line)
{
	static const char text[] =
		"v2 -> v3: rename\n\n"
		"v2: https://lore.kernel.org/bpf/20251023-1-a@b.dev/\n"
		"v1: https://lore.kernel.org/bpf/20251020-1-a@b.dev/T/#t\n"
		"\nAnn\n";
	static const char *const want[] = {
		"https://lore.kernel.org/bpf/20251023-1-a@b.dev/",
		"https://lore.kernel.org/bpf/20251020-1-a@b.dev/T/#t",
	};
	struct prv_changelog cl = { 0 };
	struct prv_arena a;
	size_t i, k, n = 0;

	prv_arena_init(&a);
	prv_changelog_parse(&cl, &a, text, sizeof(text) - 1, 3, 0);
	for (i = 0; i < cl.nr; i++)
		for (k = 0; k < cl.entries[i].nr_links; k++) {
			cr_assert_lt(n, 2);
			cr_expect_str_eq(cl.entries[i].links[k].url, want[n]);
			cr_expect_eq(cl.entries[i].links[k].version,
				     2 - (int)n);
			n++;
		}
	cr_expect_eq(n, 2);
	prv_arena_release(&a);
}

/*
 * An entry with a great many links keeps the first few: each new link was
 * compared with and copied after all those before it, quadratic in time
 * and in arena memory (half a megabyte of links took gigabytes).
 */
Test(changelog, many_links_in_one_entry)
{
	const size_t n = 20000;
	struct prv_changelog cl = { 0 };
	struct prv_arena a;
	char *text, *p;
	size_t i;

	prv_arena_init(&a);
	text = malloc(n * 40 + 64);
	cr_assert_not_null(text);
	p = text + sprintf(text, "v1 -> v2:\n- see v1 at https://x.org/v1\n");
	for (i = 0; i < n; i++)
		p += sprintf(p, "- see https://x.org/%zu\n", i);
	prv_changelog_parse(&cl, &a, text, (size_t)(p - text), 2, 0);
	cr_assert_eq(cl.nr, 1);
	cr_assert_eq(cl.entries[0].nr_links, 64);
	cr_expect_str_eq(cl.entries[0].links[0].url, "https://x.org/v1");
	cr_expect_eq(cl.entries[0].links[0].version, 1);
	cr_expect_str_eq(cl.entries[0].links[63].url, "https://x.org/62");
	cr_expect(prv_changelog_has_link(&cl, 1));
	free(text);
	prv_arena_release(&a);
}

/* A NUL byte is not a bullet: the paragraph after a blank line ends it. */
Test(changelog, nul_is_not_a_bullet)
{
	static const char text[] = "v1 -> v2:\n- a\n\n\0 other text\n";
	struct prv_changelog cl = { 0 };
	struct prv_arena a;

	prv_arena_init(&a);
	prv_changelog_parse(&cl, &a, text, sizeof(text) - 1, 2, 0);
	cr_assert_eq(cl.nr, 1);
	cr_expect_eq(cl.entries[0].len, 3, "'%.*s'", (int)cl.entries[0].len,
		     cl.entries[0].text);
	prv_arena_release(&a);
}

/* Some authors keep the changelog in the commit message itself. */
Test(changelog, commit_message_headers)
{
	static const char msg[] = "Fix the leak.\n\n"
				  "Changes since last iteration:\n"
				  " - address review comments\n\n"
				  "v2: restrict it to meta for now\n\n"
				  "Changelog:\n- not a version header\n\n"
				  "Signed-off-by: A <a@x.org>\n";
	struct prv_patchmail pm = { .message = msg,
				    .message_len = sizeof(msg) - 1,
				    .notes = "",
				    .notes_len = 0 };
	struct prv_changelog cl = { 0 };
	struct prv_arena a;

	prv_arena_init(&a);
	prv_changelog_parse_patch(&cl, &a, &pm, 3, 1);
	cr_expect(prv_changelog_covers(&cl, 3));
	cr_expect(prv_changelog_covers(&cl, 2));
	cr_expect(!cl.has_block, "no 'Changelog:' block in a message");
	prv_arena_release(&a);
}

Test(changelog, link_lines)
{
	static const char *const links[] = {
		"- Link to v1: https://lore.kernel.org/r/tag@x",
		"v2: https://lore.kernel.org/r/v2@x/",
		"[1] https://lore.kernel.org/r/v1@x",
		"  https://lore.kernel.org/r/v1@x",
		"- Link to v3: <https://lore.kernel.org/r/v3@x>",
	};
	static const char *const notes[] = {
		"- kept the Reviewed-by tag",
		"v2: rename, see https://lore.kernel.org/r/x@y",
		"",
	};
	size_t i;

	for (i = 0; i < PRV_ARRAY_SIZE(links); i++)
		cr_expect(prv_changelog_link_line(links[i], strlen(links[i])),
			  "'%s' only links", links[i]);
	for (i = 0; i < PRV_ARRAY_SIZE(notes); i++)
		cr_expect(!prv_changelog_link_line(notes[i], strlen(notes[i])),
			  "'%s' is more than a link", notes[i]);
}

/*
 * A series split out of another one at v10: versions before it are the
 * other series' history. Said inside an entry, or after the entries with
 * the line's own version; a changelog that says nothing of it: 0.
 */
Test(changelog, split_from_another_series)
{
	static const char *const texts[] = {
		"Intro.\n\nChanges in v11:\n- fix the build\n\n"
		"Changes in v10:\n- Split from patch-set: bridge-fastpath and "
		"related improvements v9\n",
		"Intro.\n\nChanges in v11:\n- fix the build\n\n"
		"v10 split from patch-set: bridge-fastpath and related "
		"improvements v9\n",
		"Intro.\n\nChanges in v11:\n- split the helper out of patch "
		"2\n",
		"Intro.\n\nv3: split off the nft_set reset changes into a "
		"separate patch\n",
		"Intro.\n\nChanges in v3:\n- patch 2 split out of patch 1 in "
		"this series\n",
	};
	static const int want[] = { 10, 10, 0, 0, 0 };
	size_t i;

	for (i = 0; i < PRV_ARRAY_SIZE(texts); i++) {
		struct prv_changelog cl = { 0 };
		struct prv_arena a;

		prv_arena_init(&a);
		prv_changelog_parse(&cl, &a, texts[i], strlen(texts[i]), 11, 0);
		cr_expect_eq(prv_changelog_split_at(&cl), want[i], "text %zu",
			     i);
		prv_arena_release(&a);
	}
}
