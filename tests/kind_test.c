// SPDX-License-Identifier: GPL-2.0-or-later
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "core/base/arena.h"
#include "core/base/warn.h"
#include "core/mail/mail.h"
#include "core/series/kind.h"

/* Parse a self-made message and tell its kind. */
static enum prv_kind kind_of(const char *subject, const char *body)
{
	struct prv_arena a = PRV_ARENA_INIT;
	struct prv_warnings w;
	struct prv_mail m;
	char raw[4096];
	enum prv_kind k;
	int n;

	prv_warnings_init(&w, &a);
	n = snprintf(raw, sizeof(raw),
		     "From: A U Thor <a@example.org>\n"
		     "Message-Id: <x@example.org>\n"
		     "Subject: %s\n\n%s",
		     subject, body);
	cr_assert(n > 0 && (size_t)n < sizeof(raw));
	cr_assert_eq(prv_mail_parse(&m, &a, raw, (size_t)n, "test", &w), 0);
	k = prv_kind_of_mail(&m);
	prv_arena_release(&a);
	return k;
}

#define DIFF                       \
	"---\n"                    \
	"diff --git a/f.c b/f.c\n" \
	"--- a/f.c\n+++ b/f.c\n"   \
	"@@ -1,2 +1,2 @@\n a\n-b\n+c\n"

#define SOB "Signed-off-by: A U Thor <a@example.org>\n"

Test(kind, subjects_and_bodies)
{
	cr_expect_eq(kind_of("[PATCH net] a: b", "Fix.\n\n" SOB DIFF),
		     PRV_KIND_SERIES);
	cr_expect_eq(
		kind_of("[PATCH AUTOSEL 6.17] a: b",
			"[ Upstream commit 0123456789abcdef ]\n\n" SOB DIFF),
		PRV_KIND_AUTOSEL);
	cr_expect_eq(kind_of("[PATCH 6.6.y] a: b", "Fix.\n\n" SOB DIFF),
		     PRV_KIND_BACKPORT);
	cr_expect_eq(kind_of("[PATCH -stable,5.15 1/3] a: b",
			     "Fix.\n\n" SOB DIFF),
		     PRV_KIND_BACKPORT);
	cr_expect_eq(kind_of("[PATCH 5.10/5.15/6.1] a: b", "Fix.\n\n" SOB DIFF),
		     PRV_KIND_BACKPORT);
	cr_expect_eq(
		kind_of("[PATCH] a: b",
			"commit 0123456789abcdef0123 upstream.\n\nFix.\n\n" SOB
				DIFF),
		PRV_KIND_BACKPORT);
	/* a series that mentions an upstream commit is no backport */
	cr_expect_eq(
		kind_of("[PATCH net] a: b",
			"The upstream commit 0123456789abcdef broke it.\n\n" SOB
				DIFF),
		PRV_KIND_SERIES);
	cr_expect_eq(
		kind_of("[PATCH] a: b",
			"[ Upstream commit 0123456789abcdef ]\n\nFix.\n\n" SOB
				DIFF),
		PRV_KIND_BACKPORT);
	cr_expect_eq(kind_of("[GIT PULL] Networking", "Hi Linus,\n"),
		     PRV_KIND_PULL);
	cr_expect_eq(kind_of("[PATCH net 0/7] Netfilter fixes for net",
			     "The following changes since commit 0123:\n"),
		     PRV_KIND_PULL);
	/* request-pull's text rewritten at its top */
	cr_expect_eq(kind_of("[PATCH net-next 00/11] netfilter: updates",
			     "Please, pull these changes from:\n\n  "
			     "git://example.org/nf.git tag\n\nfor you to "
			     "fetch changes up to 0123:\n"),
		     PRV_KIND_PULL);
	/* a document about pull requests quotes the text in its diff */
	cr_expect_eq(kind_of("[PATCH] docs: pull requests",
			     "Explain the text.\n\n" SOB
			     "---\ndiff --git a/d.rst b/d.rst\n"
			     "--- a/d.rst\n+++ b/d.rst\n@@ -1 +1,2 @@\n a\n"
			     "+for you to fetch changes up to <sha>:\n"),
		     PRV_KIND_SERIES);
	cr_expect_eq(kind_of("[PATCH 6.6 000/166] 6.6.99-rc1 review",
			     "This is the start of the stable review cycle "
			     "for the 6.6.99 release.\n"),
		     PRV_KIND_STABLE_REVIEW);
	cr_expect_eq(kind_of("[BUG] KASAN in foo", "Hi,\n\nSeen:\n" DIFF),
		     PRV_KIND_DISCUSSION);
	cr_expect_eq(kind_of("foo crashes", "Hi,\n\nThis helps:\n" DIFF),
		     PRV_KIND_DISCUSSION);
	/* a patch without the word, numbered or signed, is still a patch */
	cr_expect_eq(kind_of("[nf-next 1/2] a: b", "Fix.\n" DIFF),
		     PRV_KIND_SERIES);
	cr_expect_eq(kind_of("[nft] a: b", "Fix.\n\n" SOB DIFF),
		     PRV_KIND_SERIES);
	/* a user-space release or a point version is no stable tree */
	cr_expect_eq(kind_of("[PATCH nft 1.1] a: b", "Fix.\n\n" SOB DIFF),
		     PRV_KIND_SERIES);
	cr_expect_eq(kind_of("[PATCH v2.1 1/2] a: b", "Fix.\n\n" SOB DIFF),
		     PRV_KIND_SERIES);
}

Test(kind, names_and_checks)
{
	cr_expect_str_eq(prv_kind_name(PRV_KIND_STABLE_REVIEW),
			 "stable-review");
	cr_expect(prv_kind_check_applies(PRV_KIND_SERIES, "series/cover"));
	cr_expect_not(prv_kind_check_applies(PRV_KIND_PULL, "series/cover"));
	cr_expect_not(
		prv_kind_check_applies(PRV_KIND_PULL, "changelog/present"));
	cr_expect(prv_kind_check_applies(PRV_KIND_PULL, "trailers/sob"));
	cr_expect(prv_kind_check_applies(PRV_KIND_BACKPORT, "trailers/sob"));
	cr_expect(
		prv_kind_check_applies(PRV_KIND_BACKPORT, "backport/upstream"));
	cr_expect_not(
		prv_kind_check_applies(PRV_KIND_BACKPORT, "series/fixes"));
	cr_expect_not(
		prv_kind_check_applies(PRV_KIND_DISCUSSION, "trailers/sob"));
	cr_expect_not(prv_kind_finding_applies(PRV_KIND_BACKPORT,
					       "trailer.sob-author-missing"));
	cr_expect(prv_kind_finding_applies(PRV_KIND_BACKPORT,
					   "trailer.sob-missing"));
	cr_expect_null(prv_kind_skipped(PRV_KIND_SERIES));
	cr_expect_not_null(prv_kind_skipped(PRV_KIND_PULL));
}
