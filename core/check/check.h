/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_CHECK_H
#define PRV_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "core/check/changelog.h"
#include "core/check/comments.h"
#include "core/check/profile.h"
#include "core/check/finding.h"
#include "core/check/repo.h"
#include "core/check/rulefile.h"
#include "core/rangediff/rangediff.h"
#include "core/series/series.h"

/*
 * The review checks. Each check family exports a NULL-terminated array of
 * struct prv_check (the rule families are listed by the caller, which
 * hands them to prv_check_run()); the runner walks them over the last version
 * of every series at their scope, and every finding goes through
 * prv_check_report(), which applies the profile, the configuration (disabled
 * ids, severity overrides) and appends it to the report.
 */

enum prv_check_scope {
	PRV_SCOPE_SERIES, /* once per series (its last version) */
	PRV_SCOPE_VERSION_PAIR, /* last version against the previous one */
	PRV_SCOPE_PATCH, /* every patch of the last version */
	PRV_SCOPE_HUNK, /* every hunk of every patch */
};

/* Options of a check run, from git config and the command line. */
struct prv_check_opts {
	int profile; /* enum prv_profile, or PRV_PROFILE_AUTO */
	const char **disabled; /* ids or id prefixes ending in '.' or '*' */
	size_t nr_disabled;
	const char **sev_ids; /* severity overrides: sev_ids[i] -> sevs[i] */
	int *sevs;
	size_t nr_sevs;
	const struct prv_ruleset *rules; /* data rules (tcp.rules...), or NULL
					  */
	const char *repo; /* --repo, or NULL */
	/*
	 * One patch of a longer series alone (b4's per-patch check commands
	 * on patch k/N, N > 1): the checks that need the whole series or its
	 * versions are skipped. A patch that is a whole series (no counter,
	 * 1/1) is checked as one.
	 */
	bool single_patch;
	/*
	 * The repository of `repo`, opened by the caller (core/check/repo.h);
	 * when NULL and `repo` is set, prv_check_run() opens it for the run.
	 */
	struct prv_repo *repo_handle;
	/*
	 * Whether net-next is closed (prereview.netNextClosed): 0 to tell
	 * from the release tags of the repository, > 0 closed, < 0 open.
	 */
	int net_next_closed;
	/*
	 * What b4's tracking data says of the series under review (b4
	 * review's series check command), or NULL / 0: the base the
	 * repository checks apply onto when the mails name none, and the
	 * message-ids of its patches, to name those missing from the input.
	 */
	const char *base_commit;
	const char *const *expected_msgids;
	size_t nr_expected_msgids;
	/*
	 * The trees whose series need a Fixes: tag (prereview.fixTrees,
	 * comma or space separated), or NULL for net, mptcp-net, nf, bpf,
	 * wireless and ipsec.
	 */
	const char *fix_trees;
};

#define PRV_CHECK_OPTS_INIT                 \
	{                                   \
		.profile = PRV_PROFILE_AUTO \
	}

/*
 * The commit the repository checks read the series' tree from: the
 * base-commit the version under review names (its cover letter's, else
 * the first one its patches give, else b4's tracking data's) when the
 * repository has it, else HEAD. The runner chooses it once per series.
 */
struct prv_check_base {
	const char *named; /* the base-commit named, or NULL */
	bool named_found; /* the repository has it: hex is it */
	bool found; /* hex and summary name a commit (else neither does) */
	char hex[41];
	char summary[PRV_REPO_SUMMARY_MAX];
};

/* Everything a check sees. */
struct prv_check_ctx {
	struct prv_findings *found; /* where the findings go */
	const struct prv_check_opts *opts;
	size_t series_index;
	struct prv_series *series;
	struct prv_version *cur; /* the version under review */
	struct prv_version *prev; /* the one before it in the input, or NULL */
	/*
	 * prev against cur: the range-diff's pairs (core/rangediff), in its
	 * order; old_patch/new_patch are NULL for an added/dropped patch.
	 */
	const struct prv_rangediff_pair *pairs;
	size_t nr_pairs;
	struct prv_changelog changelog; /* of cur (cover and patch notes) */
	/*
	 * Review comments on prev, judged against cur, then those on cur
	 * (pending): core/check/comments.h.
	 */
	struct prv_comments comments;
	enum prv_profile profile;
	struct prv_arena *arena; /* scratch for the run */
	struct prv_repo *repo; /* --repo, or NULL: no repository checks */
	struct prv_check_base base; /* with a repository */
	/* what the running check runs on (the runner's), or NULL */
	const struct prv_check_target *target;
};

/* What a check runs on, depending on its scope. */
struct prv_check_target {
	struct prv_patch *patch; /* PATCH and HUNK scopes */
	const struct prv_file *file; /* HUNK scope */
	const struct prv_hunk *hunk; /* HUNK scope */
};

struct prv_check {
	const char *name; /* family/name, for -v and tests */
	enum prv_check_scope scope;
	int (*run)(struct prv_check_ctx *ctx, const struct prv_check_target *t);
};

/*
 * Run the check families of `families` (a NULL-terminated array of
 * tables, such as prereview's own prv_rule_families) over the series of
 * `in` and add what they find to `found` (prv_findings_init() first).
 * Returns 0, or a negative code when a check failed (message set).
 */
int prv_check_run(struct prv_findings *found, struct prv_input *in,
		  const struct prv_check *const *families,
		  const struct prv_check_opts *opts);

/*
 * Report a finding from a check. `patch` may be NULL (series level), `file`
 * NULL, `line` 0. The id's default severity `sev` is adjusted by the
 * profile and the options; a disabled id is dropped. `hint` may be NULL.
 * `todo` marks the finding as a human to-do. Checks call it by the two
 * names below.
 */
void prv_check_add(struct prv_check_ctx *ctx, bool todo, const char *id,
		   enum prv_severity sev, const struct prv_patch *patch,
		   const char *file, long line, const char *hint,
		   const char *fmt, ...) __attribute__((format(printf, 9, 10)));

/* prv_check_report(ctx, id, sev, patch, file, line, hint, fmt, ...) */
#define prv_check_report(ctx, ...) prv_check_add((ctx), false, __VA_ARGS__)
/* The same, marking the finding as a human to-do. */
#define prv_check_todo(ctx, ...) prv_check_add((ctx), true, __VA_ARGS__)

/* Whether id is disabled by the options. */
bool prv_check_disabled(const struct prv_check_opts *opts, const char *id);

/* Helpers shared by the rules. */
/*
 * The command that prints a commit's Fixes: line the way it should read
 * (Documentation/process/submitting-patches.rst), for the hints; on a line
 * of its own, so that it can be copied as it is.
 */
#define PRV_FIXES_LINE_CMD \
	"git log -1 --abbrev=12 --format='Fixes: %h (\"%s\")' <id>"

/*
 * The commit id a Fixes: value starts with (4 to 40 hex digits, then no
 * other hex digit) into `sha` (41 bytes); false when it has none (the
 * fixes.* checks say what is wrong).
 */
bool prv_check_fixes_id(const char *value, char *sha);
/* Case-insensitive trailer key comparison. */
bool prv_check_key_is(const struct prv_trailer *t, const char *key);

#endif
