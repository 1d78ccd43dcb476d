/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_REPORT_H
#define PRV_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/base/arena.h"
#include "core/base/buf.h"
#include "core/check/check.h"
#include "core/check/finding.h"
#include "core/series/series.h"

/*
 * The review report: findings made by the rule families and the
 * checklist built from them, then rendered as text, Markdown, JSON
 * (prereview-report/1), checkpatch lines or b4's check-cmd JSON array.
 *
 * A report owns its strings (one arena); it borrows the series it was made
 * for, which must outlive it.
 */

enum prv_item_status {
	PRV_ITEM_PASS,
	PRV_ITEM_WARN,
	PRV_ITEM_FAIL,
	PRV_ITEM_TODO, /* something only a human can judge */
};

struct prv_check_item {
	const char *title;
	enum prv_item_status status;
	size_t series;
	int patch; /* -1 for series-level items */
	enum prv_topic topic;
	const char *details; /* extra text (changelog next to changes), or NULL
			      */
	size_t *findings; /* indexes into report->findings */
	size_t nr_findings;
};

struct prv_report {
	struct prv_arena arena;
	struct prv_finding *findings;
	size_t nr_findings, alloc_findings;
	struct prv_check_item *items;
	size_t nr_items, alloc_items;
	struct prv_series **series; /* borrowed, the series checked */
	const char **profiles; /* profile name per series */
	size_t nr_series, alloc_series;
	/* series-level details per series (what changed, changelog text) */
	const char **changes;
	const char **changelog;
	/*
	 * per series: the review comments on the previous version (judged)
	 * and on the last one (pending), copies in the arena; the title of
	 * their checklist item and its details (counts, open comments)
	 */
	struct prv_comment **comments;
	size_t *nr_comments;
	const char **comments_title;
	const char **comments_details;
	/* per series: checks left out for its kind and why (static), or NULL */
	const char **skipped;
	const struct prv_warnings *warnings; /* input warnings, or NULL */
	struct prv_tcp_impact *tcp; /* per patch touching TCP (JSON) */
	size_t nr_tcp;
};

void prv_report_init(struct prv_report *r);
void prv_report_release(struct prv_report *r);

/* Register a series checked in this report; returns its index. */
size_t prv_report_add_series(struct prv_report *r, struct prv_series *s,
			     const char *profile);

/*
 * Append a finding; strings are copied into the report. Returns its index.
 */
size_t prv_report_add(struct prv_report *r, const struct prv_finding *f);

/* Number of findings of a severity. */
size_t prv_report_count(const struct prv_report *r, enum prv_severity sev);

/*
 * Build the checklist from the findings: series-level items first (form,
 * changes since the last version, changelog), then per patch (subject,
 * trailers, Fixes, review tags, TCP impact). Call once, after the checks.
 */
void prv_report_build_checklist(struct prv_report *r);

/*
 * Build the report of a check run: its series, with the pairs and the
 * changelog of each written as text, its findings, the checklist. Call
 * once on an empty report. Returns 0.
 */
int prv_report_build(struct prv_report *r, const struct prv_findings *f);

/*
 * Run the checks (core/check prv_check_run()) over `in` and build the
 * report of what they found. Returns 0, or the error of the run.
 */
int prv_report_check(struct prv_report *r, struct prv_input *in,
		     const struct prv_check *const *families,
		     const struct prv_check_opts *opts);

/* The last version of a series (the one the report is about). */
struct prv_version *prv_report_version(const struct prv_report *r, size_t s);

const char *prv_item_status_name(enum prv_item_status s);

#endif
