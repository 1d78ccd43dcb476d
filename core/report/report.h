/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_REPORT_H
#define PRV_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/base/arena.h"
#include "core/base/buf.h"
#include "core/series/series.h"

/*
 * The review report: findings made by the checks (rules/) and the
 * checklist built from them, then rendered as text, Markdown, JSON
 * (prereview-report/1), checkpatch lines or b4's check-cmd JSON array.
 *
 * A report owns its strings (one arena); it borrows the series it was made
 * for, which must outlive it.
 */

enum prv_severity {
	PRV_SEV_INFO,
	PRV_SEV_WARN,
	PRV_SEV_FAIL,
};

enum prv_item_status {
	PRV_ITEM_PASS,
	PRV_ITEM_WARN,
	PRV_ITEM_FAIL,
	PRV_ITEM_TODO, /* something only a human can judge */
};

/* Which checklist item a finding belongs to. */
enum prv_topic {
	PRV_TOPIC_SERIES, /* form of the series: cover, tags, threading */
	PRV_TOPIC_CHANGES, /* what changed since the previous version */
	PRV_TOPIC_CHANGELOG, /* changelog against the real changes */
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
	/* per series: checks left out for its kind and why (static), or NULL */
	const char **skipped;
	const struct prv_warnings *warnings; /* input warnings, or NULL */
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

/* The last version of a series (the one the report is about). */
struct prv_version *prv_report_version(const struct prv_report *r, size_t s);

const char *prv_severity_name(enum prv_severity s);
const char *prv_item_status_name(enum prv_item_status s);
/* Parse "fail", "warn"/"warning", "info"; -1 when unknown. */
int prv_severity_parse(const char *s);

#endif
