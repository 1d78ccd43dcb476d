/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_KIND_H
#define PRV_KIND_H

#include <stdbool.h>

#include "core/mail/mail.h"

/*
 * What a thread is. Not every thread with a diff is a new patch series:
 * maintainers' pull requests, the stable team's review series and AUTOSEL
 * picks, backports to stable trees and bug reports that carry a diff are
 * read and checked differently. Decided from the subject tags, the body
 * (pull-request boilerplate, "commit <sha> upstream", "This is the start
 * of the stable review cycle") and the trailers.
 */
enum prv_kind {
	PRV_KIND_SERIES, /* a new patch series (the default) */
	PRV_KIND_PULL, /* [GIT PULL], or a cover with git request-pull text */
	PRV_KIND_STABLE_REVIEW, /* [PATCH 6.6 000/166] 6.6.y-rc1 review */
	PRV_KIND_BACKPORT, /* [PATCH 6.6.y], "commit <sha> upstream." */
	PRV_KIND_AUTOSEL, /* [PATCH AUTOSEL 6.17] */
	PRV_KIND_DISCUSSION, /* a diff without [PATCH]: a report, a sketch */
	PRV_KIND_NR,
};

/* "series", "pull", "stable-review", "backport", "autosel", "discussion" */
const char *prv_kind_name(enum prv_kind k);

/* The kind one mail shows on its own (subject, body, trailers). */
enum prv_kind prv_kind_of_mail(const struct prv_mail *m);

/*
 * The subject tag naming a stable tree ("6.6.y", "5.15", "v6.1",
 * "5.10/5.15", "v5.15-v6.1", "stable", "-stable"), or NULL.
 */
const char *prv_kind_stable_tag(const struct prv_subject *s);

/* Whether a backport names the upstream commit it takes. */
bool prv_kind_names_upstream(const struct prv_mail *m);

/*
 * Whether a stable patch (or its cover) says it has no upstream commit to
 * name ("No upstream commit exists", "does not exist upstream",
 * "stable-only"): the reason stable-kernel-rules.rst asks for instead.
 */
bool prv_kind_says_stable_only(const struct prv_mail *m);

/* Whether kind k is a stable tree's: a backport, an AUTOSEL pick, a review. */
bool prv_kind_is_stable(enum prv_kind k);

/*
 * Whether the check `name` ("series/cover", "trailers/sob"...) means
 * something for a thread of this kind, and in one line what the checks
 * left out for it say and why (NULL for a series: every check applies).
 */
bool prv_kind_check_applies(enum prv_kind k, const char *name);
/* Whether a finding id of a kept check still applies to the kind. */
bool prv_kind_finding_applies(enum prv_kind k, const char *id);
const char *prv_kind_skipped(enum prv_kind k);

#endif
