// SPDX-License-Identifier: GPL-2.0-or-later
/* The registry of the rules: the families and their finding ids. */
#include <stddef.h>

#include "rules/rules.h"

const struct prv_check *const prv_rule_families[] = {
	prv_checks_series,   prv_checks_changelog,
	prv_checks_review,   prv_checks_trailers,
	prv_checks_fixes,    prv_checks_content,
	prv_checks_tcp,	     prv_checks_repo,
	prv_checks_backport, NULL,
};

const char *const prv_finding_ids[] = {
	"series.cover-missing",
	"series.too-long",
	"series.incomplete",
	"series.tree-missing",
	"series.fixes-missing",
	"series.fixes-in-next",
	"series.version-threaded",
	"series.repost-too-soon",
	"changelog.missing",
	"changelog.version-missing",
	"changelog.link-missing",
	"changelog.unmentioned-change",
	"review.tag-kept-on-change",
	"review.tag-dropped",
	"review.comment-open",
	"trailer.sob-missing",
	"trailer.sob-author-missing",
	"trailer.sob-sender-not-last",
	"trailer.duplicate",
	"trailer.codev-without-sob",
	"trailer.reported-without-closes",
	"trailer.malformed",
	"fixes.bad-format",
	"fixes.blank-line",
	"fixes.unknown-commit",
	"fixes.subject-mismatch",
	"apply.base-unknown",
	"apply.fails",
	"backport.scope",
	"backport.upstream-missing",
	"backport.conflict",
	"series.net-next-closed",
	"subject.too-long",
	"tcp.touch",
	"tcp.summary",
	NULL,
};
