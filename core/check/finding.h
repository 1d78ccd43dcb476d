/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_FINDING_H
#define PRV_FINDING_H

#include <stdbool.h>
#include <stddef.h>

#include "core/base/arena.h"
#include "core/check/changelog.h"
#include "core/check/tcpimpact.h"
#include "core/mail/diff.h"
#include "core/rangediff/rangediff.h"
#include "core/series/comment.h"
#include "core/series/series.h"

/*
 * What a check finds: the finding type the rules produce and the report
 * lists. It lives below both so that the rules need not know the report.
 */

enum prv_severity {
	PRV_SEV_INFO,
	PRV_SEV_WARN,
	PRV_SEV_FAIL,
};

/* Which checklist item a finding belongs to. */
enum prv_topic {
	PRV_TOPIC_SERIES, /* form of the series: cover, tags, threading */
	PRV_TOPIC_CHANGES, /* what changed since the previous version */
	PRV_TOPIC_CHANGELOG, /* changelog against the real changes */
	PRV_TOPIC_COMMENTS, /* review comments on the previous version */
	PRV_TOPIC_SUBJECT,
	PRV_TOPIC_TRAILERS,
	PRV_TOPIC_FIXES,
	PRV_TOPIC_REVIEW, /* review tags carried or dropped */
	PRV_TOPIC_TCP, /* TCP impact and other data rules */
	PRV_TOPIC_REPO,
	PRV_TOPIC_NR,
};

struct prv_finding {
	const char *id;
	enum prv_severity severity;
	enum prv_topic topic;
	size_t series; /* index of the series in the input */
	int version; /* 0 when unknown */
	int patch; /* k of k/N; 0 the cover; -1 the series */
	const char *file; /* NULL when none */
	long line; /* 0 when none */
	const char *message;
	const char *hint; /* NULL when none */
	bool todo; /* asks a human to look (TCP impact) */
	/*
	 * A reply draft says a whole item in one note: `note` (NULL: the
	 * message) is that note and `note_todo` whether it asks; a `folded`
	 * finding is said by another one's note and left out of replies.
	 */
	const char *note;
	bool note_todo, folded;
	/*
	 * Where it is, borrowed from the input (which outlives the report),
	 * NULL when unknown: renderers need not look them up again by
	 * number, path and line.
	 */
	const struct prv_patch *patch_at;
	const struct prv_file *file_at;
	const struct prv_hunk *hunk_at;
};

/* One series a check run covered, as the report needs it. */
struct prv_checked_series {
	struct prv_series *series;
	const char *profile; /* prv_profile_name() */
	const char *skipped; /* why checks were skipped (its kind), or NULL */
	const struct prv_version *prev, *cur; /* prev NULL: one version */
	/* prev against cur (range-diff order), without inner diffs */
	const struct prv_rangediff_pair *pairs;
	size_t nr_pairs;
	struct prv_changelog changelog; /* of cur */
	/* review comments on prev (judged) and on cur (pending) */
	const struct prv_comment *comments;
	size_t nr_comments;
};

/*
 * What a check run found: the findings in order, the series they are
 * about and the input's warnings. Strings and pairs are owned by the
 * arena; series, versions and patches are borrowed from the input.
 */
struct prv_findings {
	struct prv_arena arena;
	struct prv_finding *items;
	size_t nr, alloc;
	struct prv_checked_series *series;
	size_t nr_series, alloc_series;
	const struct prv_warnings *warnings; /* of the input, or NULL */
	/* the TCP impact of each patch that touches TCP, in check order */
	struct prv_tcp_impact *tcp;
	size_t nr_tcp, alloc_tcp;
};

void prv_findings_init(struct prv_findings *f);
void prv_findings_release(struct prv_findings *f);
/* Append a finding; its strings are copied. */
void prv_findings_add(struct prv_findings *f, const struct prv_finding *x);

const char *prv_severity_name(enum prv_severity s);
/*
 * Parse "fail" ("error"), "warn" ("warning") or "info", any case, into
 * *out. Returns 0, or PRV_EUSAGE when unknown (message set).
 */
int prv_severity_parse(enum prv_severity *out, const char *s);

#endif
