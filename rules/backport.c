// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Backport forecasts and the net-next merge window, from the release tags
 * and stable trees of the repository (--repo): which stable trees a fix
 * goes to and whether its Cc: stable says the same, whether the fixes
 * apply to those trees, and whether net-next was closed when a net-next
 * series was posted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/base/buf.h"
#include "rules/rules.h"
#include "core/base/kver.h"
#include "core/check/repo.h"
#include "core/base/util.h"

#define SHORT_ID 12
#define CONFLICT_TREES_MAX 6 /* the newest stable trees tried */
#define LABEL_TAGS_TRIED 3 /* vX.Y.Z tags tried to name a branch tip */
#define EOL_SECONDS (90LL * 24 * 3600) /* a stable tree without news */
#define MERGE_WINDOW_SECONDS (15LL * 24 * 3600)
#define LIST_MAX 2048 /* bytes of a list of trees in a message */

/* A stable tree: a linux-X.Y.y branch, else the latest vX.Y.Z tag. */
struct tree {
	int major, minor;
	const struct prv_repo_ref *ref;
	char label[2 * PRV_REPO_REF_NAME_MAX + 32];
};

/* What the Fixes: tags of one patch say about its backports. */
struct scope {
	int nr_found; /* Fixes: targets found in the repository */
	int first; /* first release with the bug (release index), or -1 */
	char sha[41]; /* the Fixes: id as written, of that target */
	char hex[41]; /* its full id */
};

static void patch_scope(struct prv_repo *repo, const struct prv_mail *m,
			struct scope *s)
{
	size_t i;

	memset(s, 0, sizeof(*s));
	s->first = -1;
	for (i = 0; m && i < m->pm.nr_trailers; i++) {
		const struct prv_trailer *tr = &m->pm.trailers[i];
		char sha[41], hex[41];
		int idx;

		if (!prv_check_key_is(tr, "Fixes") || !tr->value ||
		    !prv_check_fixes_id(tr->value, sha) ||
		    prv_repo_commit(repo, sha, hex, NULL) != PRV_REPO_FOUND)
			continue;
		idx = prv_repo_first_release(repo, hex);
		/* the oldest release wins: that is how far the fix goes */
		if (!s->nr_found ||
		    (idx >= 0 && (s->first < 0 || idx < s->first))) {
			s->first = idx;
			memcpy(s->sha, sha, sizeof(sha));
			memcpy(s->hex, hex, sizeof(hex));
		}
		s->nr_found++;
	}
}

/* Name a branch by the newest vX.Y.Z tag its tip contains. */
static void label_branch(struct prv_repo *repo, struct tree *t)
{
	const struct prv_repo_ref *tags;
	size_t n, i, tried = 0;

	tags = prv_repo_refs(repo, PRV_REPO_STABLE_TAG, &n);
	for (i = n; i-- > 0 && tried < LABEL_TAGS_TRIED;) {
		if (tags[i].ver.major != t->major ||
		    tags[i].ver.minor != t->minor)
			continue;
		tried++;
		if (prv_repo_contains(repo, t->ref->hex, tags[i].hex) == 1) {
			snprintf(t->label, sizeof(t->label), "%s (%s)",
				 t->ref->name, tags[i].name);
			return;
		}
	}
	snprintf(t->label, sizeof(t->label), "%s (at %.*s)", t->ref->name,
		 SHORT_ID, t->ref->hex);
}

/*
 * The stable trees of the repository, oldest first: its linux-X.Y.y
 * branches, else the latest vX.Y.Z tag of each X.Y. *from_branches says
 * which. A tree without a commit (branch) or a release (tag) in the
 * EOL_SECONDS before the newest of them all is at its end of life and left
 * out: a clone of the stable repository has every branch since 3.0. The
 * caller frees *out.
 */
static size_t stable_trees(struct prv_repo *repo, struct tree **out,
			   bool *from_branches)
{
	const struct prv_repo_ref *refs;
	struct tree *t;
	size_t n, i, nr = 0;
	long long newest = 0;

	refs = prv_repo_refs(repo, PRV_REPO_STABLE_BRANCH, &n);
	*from_branches = n > 0;
	if (!n)
		refs = prv_repo_refs(repo, PRV_REPO_STABLE_TAG, &n);
	for (i = 0; i < n; i++)
		if (refs[i].date > newest)
			newest = refs[i].date;
	t = prv_xcalloc(n + 1, sizeof(*t));
	for (i = 0; i < n; i++) {
		/* tags: the last of each X.Y (they are sorted) */
		if (!*from_branches && i + 1 < n &&
		    refs[i + 1].ver.major == refs[i].ver.major &&
		    refs[i + 1].ver.minor == refs[i].ver.minor)
			continue;
		if (refs[i].date < newest - EOL_SECONDS)
			continue;
		t[nr].major = refs[i].ver.major;
		t[nr].minor = refs[i].ver.minor;
		t[nr].ref = &refs[i];
		snprintf(t[nr].label, sizeof(t[nr].label), "%s", refs[i].name);
		nr++;
	}
	*out = t;
	return nr;
}

/* The trees of series [from, to) as "6.1, 6.6", or releases "v6.1 .. v6.5". */
static void list_between(struct prv_buf *b, struct prv_repo *repo,
			 const struct tree *trees, size_t nr_trees,
			 bool have_trees, const struct prv_kver *from,
			 const struct prv_kver *to)
{
	const struct prv_repo_ref *rel;
	size_t n, i;
	const char *first = NULL, *last = NULL;

	if (have_trees) {
		for (i = 0; i < nr_trees && b->len < LIST_MAX; i++) {
			if ((from && prv_kver_cmp_series(
					     trees[i].major, trees[i].minor,
					     from->major, from->minor) < 0) ||
			    (to &&
			     prv_kver_cmp_series(trees[i].major, trees[i].minor,
						 to->major, to->minor) >= 0))
				continue;
			prv_buf_addf(b, "%s%d.%d", b->len ? ", " : "",
				     trees[i].major, trees[i].minor);
		}
		return;
	}
	rel = prv_repo_refs(repo, PRV_REPO_RELEASE, &n);
	for (i = 0; i < n; i++) {
		if ((from && prv_kver_cmp(&rel[i].ver, from) < 0) ||
		    (to && prv_kver_cmp(&rel[i].ver, to) >= 0))
			continue;
		if (!first)
			first = rel[i].name;
		last = rel[i].name;
	}
	if (first && first != last)
		prv_buf_addf(b, "%s .. %s", first, last);
	else if (first)
		prv_buf_addstr(b, first);
}

/* The oldest X.Y of the patch's "Cc: stable@vger.kernel.org # X.Y+". */
static bool stable_cc(const struct prv_mail *m, bool *any, struct prv_kver *v)
{
	bool have = false;
	size_t i;

	*any = false;
	for (i = 0; i < m->pm.nr_trailers; i++) {
		const struct prv_trailer *tr = &m->pm.trailers[i];
		int x, y;

		if (!prv_check_key_is(tr, "Cc") ||
		    !prv_kver_is_stable_cc(tr->value))
			continue;
		*any = true;
		if (!prv_kver_stable_cc(tr->value, &x, &y))
			continue;
		if (!have ||
		    prv_kver_cmp_series(x, y, v->major, v->minor) < 0) {
			memset(v, 0, sizeof(*v));
			v->major = x;
			v->minor = y;
		}
		have = true;
	}
	return have;
}

/* The first -rc after the last release that contains `hex`, or NULL. */
static const struct prv_repo_ref *
rc_with(struct prv_repo *repo, const struct prv_repo_ref *last, const char *hex)
{
	const struct prv_repo_ref *rc;
	size_t n, i;

	rc = prv_repo_refs(repo, PRV_REPO_RC, &n);
	for (i = 0; i < n; i++)
		if (prv_kver_cmp(&rc[i].ver, &last->ver) > 0 &&
		    prv_repo_contains(repo, rc[i].hex, hex) == 1)
			return &rc[i];
	return NULL;
}

/* "6.1, 6.6": the newest stable trees that contain `hex`. */
static void trees_with(struct prv_buf *b, struct prv_repo *repo,
		       const char *hex)
{
	struct tree *trees = NULL;
	bool from_branches;
	size_t n = stable_trees(repo, &trees, &from_branches), i;

	for (i = n > CONFLICT_TREES_MAX ? n - CONFLICT_TREES_MAX : 0; i < n;
	     i++)
		if (prv_repo_contains(repo, trees[i].ref->hex, hex) == 1)
			prv_buf_addf(b, "%s%d.%d", b->len ? ", " : "",
				     trees[i].major, trees[i].minor);
	free(trees);
}

static void scope_unreleased(struct prv_check_ctx *ctx,
			     const struct prv_check_target *t,
			     const struct scope *s, bool any_cc)
{
	struct prv_repo *repo = ctx->repo;
	const struct prv_repo_ref *rel, *rc = NULL;
	char where[2 * PRV_REPO_REF_NAME_MAX + 32] = "";
	struct prv_buf stable = PRV_BUF_INIT;
	size_t n;

	rel = prv_repo_refs(repo, PRV_REPO_RELEASE, &n);
	if (!n)
		return; /* no release tags: nothing to tell */
	if (prv_repo_contains(repo, s->hex, rel[n - 1].hex) != 1) {
		/* not on top of the last release: a stable-only commit, or
		 * a side branch */
		trees_with(&stable, repo, s->hex);
		if (!stable.len && n > 1 &&
		    prv_repo_contains(repo, s->hex, rel[n - 2].hex) == 1) {
			/* on top of the release before: a -next tree of
			 * the last cycle, not merged yet */
			prv_check_report(
				ctx, "backport.scope",
				any_cc ? PRV_SEV_WARN : PRV_SEV_INFO, t->patch,
				NULL, 0,
				any_cc ?
					"drop the Cc: stable: the bug is in no "
					"release" :
					NULL,
				"Fixes: %.12s: the fixed commit is in no release "
				"yet (on a tree based on %s, not merged into "
				"%s): no stable backport needed",
				s->sha, rel[n - 2].name, rel[n - 1].name);
			prv_buf_release(&stable);
			return;
		}
		prv_check_report(
			ctx, "backport.scope", PRV_SEV_INFO, t->patch, NULL, 0,
			"check that the Fixes: tag names the mainline commit",
			"Fixes: %.12s: the fixed commit is in no mainline "
			"release and does not descend from %s%s%s: no forecast",
			s->sha, rel[n - 1].name,
			stable.len ? "; it is in stable trees " : "",
			stable.data);
		prv_buf_release(&stable);
		return;
	}
	rc = rc_with(repo, &rel[n - 1], s->hex);
	snprintf(where, sizeof(where), " (after %s%s%s)", rel[n - 1].name,
		 rc ? ", in " : "", rc ? rc->name : "");
	if (any_cc)
		prv_check_report(
			ctx, "backport.scope", PRV_SEV_WARN, t->patch, NULL, 0,
			"drop the Cc: stable: the fix goes to the current "
			"release only",
			"Cc: stable, but the fixed commit %.12s is in no release "
			"yet%s: no stable tree has the bug",
			s->sha, where);
	else
		prv_check_report(
			ctx, "backport.scope", PRV_SEV_INFO, t->patch, NULL, 0,
			NULL,
			"Fixes: %.12s: the fixed commit is in no release yet%s: "
			"no stable backport needed",
			s->sha, where);
}

/* What backport.scope compares a patch's Fixes: targets against. */
struct stable_view {
	struct prv_repo *repo;
	struct tree *trees; /* the stable trees of the repository */
	size_t nr_trees;
	bool have_trees;
	const struct prv_repo_ref *intro; /* release that brought the bug */
};

/* The forecast: the stable trees (or releases) that carry the bug. */
static void report_forecast(struct prv_check_ctx *ctx,
			    const struct prv_check_target *t,
			    const struct scope *s, const struct stable_view *sv)
{
	struct prv_buf list = PRV_BUF_INIT;
	const struct prv_repo_ref *intro = sv->intro;

	list_between(&list, sv->repo, sv->trees, sv->nr_trees, sv->have_trees,
		     &intro->ver, NULL);
	if (sv->have_trees && list.len)
		prv_check_report(
			ctx, "backport.scope", PRV_SEV_INFO, t->patch, NULL, 0,
			"the stable team picks fixes up by their Fixes: tag",
			"Fixes: %.12s is in %s%s and later: stable trees to "
			"receive the fix: %s",
			s->sha, intro->name, s->first ? "" : " (or older)",
			list.data);
	else {
		prv_buf_reset(&list);
		list_between(&list, sv->repo, sv->trees, sv->nr_trees, false,
			     &intro->ver, NULL);
		prv_check_report(
			ctx, "backport.scope", PRV_SEV_INFO, t->patch, NULL, 0,
			"fetch the stable trees (linux-X.Y.y branches) for a "
			"forecast of which ones need the fix",
			"Fixes: %.12s is in %s%s and later: releases %s carry the "
			"bug (no stable %s in the repository)",
			s->sha, intro->name, s->first ? "" : " (or older)",
			list.data, sv->have_trees ? "tree of them" : "tree");
	}
	prv_buf_release(&list);
}

/* Does the Cc: stable range start where the bug came in? */
static void report_cc_range(struct prv_check_ctx *ctx,
			    const struct prv_check_target *t,
			    const struct scope *s, const struct stable_view *sv,
			    const struct prv_kver *cc)
{
	struct prv_buf list = PRV_BUF_INIT;
	const struct prv_repo_ref *intro = sv->intro;
	int c = prv_kver_cmp_series(cc->major, cc->minor, intro->ver.major,
				    intro->ver.minor);
	/* a range that starts late misses trees; early, takes some */
	bool late = c > 0;

	if (!(c > 0 || (c < 0 && s->first > 0)))
		return;
	list_between(&list, sv->repo, sv->trees, sv->nr_trees, sv->have_trees,
		     late ? &intro->ver : cc, late ? cc : &intro->ver);
	prv_check_report(ctx, "backport.scope", PRV_SEV_WARN, t->patch, NULL, 0,
			 "start the range at the release that brought the bug: "
			 "'Cc: stable@vger.kernel.org # X.Y+'",
			 "Cc: stable # %d.%d+, but the bug %s %s%s: %s %s: %s",
			 cc->major, cc->minor, late ? "is in" : "came in",
			 intro->name, late ? " and later" : "",
			 sv->have_trees ? "stable trees" : "releases",
			 late ? "that would miss the fix" : "without the bug",
			 list.len ? list.data :
			 late	  ? "none here" :
				    "the ones before it");
	prv_buf_release(&list);
}

static int check_scope(struct prv_check_ctx *ctx,
		       const struct prv_check_target *t)
{
	const struct prv_mail *m = t->patch->mail;
	struct stable_view sv = { .repo = ctx->repo };
	struct prv_kver cc;
	struct scope s;
	bool from_branches, have_cc, any_cc;
	size_t nr_rel;

	if (!sv.repo || !m)
		return 0;
	patch_scope(sv.repo, m, &s);
	if (!s.nr_found)
		return 0;
	have_cc = stable_cc(m, &any_cc, &cc);
	if (s.first < 0) {
		scope_unreleased(ctx, t, &s, any_cc);
		return 0;
	}
	sv.intro = &prv_repo_refs(sv.repo, PRV_REPO_RELEASE, &nr_rel)[s.first];
	sv.nr_trees = stable_trees(sv.repo, &sv.trees, &from_branches);
	sv.have_trees = sv.nr_trees > 0;
	report_forecast(ctx, t, &s, &sv);
	if (have_cc)
		report_cc_range(ctx, t, &s, &sv, &cc);
	free(sv.trees);
	return 0;
}

static int check_conflict(struct prv_check_ctx *ctx,
			  const struct prv_check_target *t)
{
	struct prv_repo *repo = ctx->repo;
	struct prv_version *v = ctx->cur;
	const struct prv_repo_ref *rel;
	struct tree *trees = NULL;
	int *first;
	size_t nr_rel, nr_trees, i, k, from;
	bool from_branches, any = false;
	int oldest = -1;

	(void)t;
	if (!repo || !v->nr_patches)
		return 0;
	rel = prv_repo_refs(repo, PRV_REPO_RELEASE, &nr_rel);
	if (!nr_rel)
		return 0;
	first = prv_arena_alloc(ctx->arena, v->nr_patches * sizeof(*first));
	for (i = 0; i < v->nr_patches; i++) {
		const struct prv_mail *m = v->patches[i].mail;
		struct scope s;

		first[i] = -1;
		if (!m || !m->pm.diff_len || v->patches[i].filled_in)
			continue;
		patch_scope(repo, m, &s);
		first[i] = s.first;
		if (s.first >= 0 && (oldest < 0 || s.first < oldest))
			oldest = s.first;
		any |= s.first >= 0;
	}
	if (!any)
		return 0;
	nr_trees = stable_trees(repo, &trees, &from_branches);
	/* the newest trees that have the bug of some patch */
	for (from = 0; from < nr_trees; from++)
		if (prv_kver_cmp_series(trees[from].major, trees[from].minor,
					rel[oldest].ver.major,
					rel[oldest].ver.minor) >= 0)
			break;
	if (nr_trees - from > CONFLICT_TREES_MAX)
		from = nr_trees - CONFLICT_TREES_MAX;
	for (k = from; k < nr_trees; k++) {
		struct tree *tr = &trees[k];

		if (from_branches)
			label_branch(repo, tr);
		if (prv_repo_apply_start(repo, tr->ref->hex))
			continue;
		for (i = 0; i < v->nr_patches; i++) {
			const struct prv_patch *p = &v->patches[i];
			char file[512], reason[PRV_REPO_REASON_MAX];

			if (first[i] < 0 ||
			    prv_kver_cmp_series(tr->major, tr->minor,
						rel[first[i]].ver.major,
						rel[first[i]].ver.minor) < 0)
				continue; /* this tree has not that bug */
			if (!prv_repo_apply_next(repo, p->mail->pm.diff,
						 p->mail->pm.diff_len, file,
						 sizeof(file), reason,
						 sizeof(reason)))
				continue;
			prv_check_report(
				ctx, "backport.conflict", PRV_SEV_WARN, p,
				*file ? file : NULL, 0,
				"prepare a backport for that tree, or name "
				"the prerequisite commits for stable",
				"patch %d does not apply to %s: %s%s%s; the "
				"backport will need manual work",
				p->index, tr->label, file, *file ? ": " : "",
				reason);
		}
	}
	free(trees);
	return 0;
}

/* The date of the series: of its cover letter, else of its first patch. */
static long long series_date(const struct prv_version *v)
{
	size_t i;

	if (v->cover && v->cover->has_date)
		return v->cover->date;
	for (i = 0; i < v->nr_patches; i++) {
		const struct prv_mail *m = v->patches[i].mail;

		if (m && !v->patches[i].filled_in && m->has_date)
			return m->date;
	}
	return 0;
}

static void day(char *out, size_t size, long long t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!gmtime_r(&tt, &tm) || !strftime(out, size, "%Y-%m-%d", &tm))
		snprintf(out, size, "%lld", t);
}

static int check_net_next(struct prv_check_ctx *ctx,
			  const struct prv_check_target *t)
{
	struct prv_version *v = ctx->cur;
	enum prv_severity sev = ctx->profile == PRV_PROFILE_GENERIC ?
					PRV_SEV_WARN :
					PRV_SEV_FAIL;
	static const char hint[] = "repost after -rc1 or mark it RFC";
	const struct prv_repo_ref *rel, *rc, *release = NULL, *rc1 = NULL;
	size_t nr_rel, nr_rc, i;
	char d_series[32], d_release[32], d_rc1[32];
	long long date;

	(void)t;
	if (!prv_version_has_tag(v, "net-next") || v->rfc ||
	    prv_version_has_tag(v, "RFC"))
		return 0;
	if (ctx->opts && ctx->opts->net_next_closed) {
		if (ctx->opts->net_next_closed > 0)
			prv_check_report(ctx, "series.net-next-closed", sev,
					 NULL, NULL, 0, hint,
					 "net-next is closed "
					 "(prereview.netNextClosed or "
					 "--net-next-closed says so)");
		return 0;
	}
	if (!ctx->repo)
		return 0;
	date = series_date(v);
	if (!date)
		return 0;
	rel = prv_repo_refs(ctx->repo, PRV_REPO_RELEASE, &nr_rel);
	rc = prv_repo_refs(ctx->repo, PRV_REPO_RC, &nr_rc);
	/* the newest release out when the series was sent */
	for (i = 0; i < nr_rel; i++)
		if (rel[i].date <= date)
			release = &rel[i];
	if (!release)
		return 0;
	for (i = 0; i < nr_rc && !rc1; i++)
		if (rc[i].ver.rc == 1 &&
		    prv_kver_cmp(&rc[i].ver, &release->ver) > 0)
			rc1 = &rc[i];
	day(d_series, sizeof(d_series), date);
	day(d_release, sizeof(d_release), release->date);
	if (rc1 && date < rc1->date) {
		day(d_rc1, sizeof(d_rc1), rc1->date);
		prv_check_report(ctx, "series.net-next-closed", sev, NULL, NULL,
				 0, hint,
				 "net-next is closed: the series is dated %s, "
				 "in the merge window between %s (released on "
				 "%s) and %s (tagged on %s)",
				 d_series, release->name, d_release, rc1->name,
				 d_rc1);
	} else if (!rc1 && date - release->date < MERGE_WINDOW_SECONDS) {
		prv_check_report(ctx, "series.net-next-closed", sev, NULL, NULL,
				 0, hint,
				 "net-next is closed: %s was released on %s "
				 "and v%d.%d-rc1 is not tagged yet (merge "
				 "window); the series is dated %s",
				 release->name, d_release, release->ver.major,
				 release->ver.minor + 1, d_series);
	}
	return 0;
}

/*
 * A patch for a stable tree names the upstream commit it takes ("commit
 * <sha> upstream.", "[ Upstream commit <sha> ]"): stable-kernel-rules.rst
 * option 3. Only for the kinds of thread that are stable backports.
 */
static int check_upstream(struct prv_check_ctx *ctx,
			  const struct prv_check_target *t)
{
	if (!prv_kind_is_stable(ctx->series->kind))
		return 0;
	if (prv_kind_names_upstream(t->patch->mail) ||
	    prv_kind_says_stable_only(t->patch->mail) ||
	    prv_kind_says_stable_only(ctx->cur->cover))
		return 0;
	prv_check_report(ctx, "backport.upstream-missing", PRV_SEV_WARN,
			 t->patch, NULL, 0,
			 "start the message with \"commit <sha> upstream.\" "
			 "or \"[ Upstream commit <sha> ]\"",
			 "a stable backport that does not name its upstream "
			 "commit");
	return 0;
}

const struct prv_check prv_checks_backport[] = {
	{ "backport/upstream", PRV_SCOPE_PATCH, check_upstream },
	{ "backport/scope", PRV_SCOPE_PATCH, check_scope },
	{ "backport/conflict", PRV_SCOPE_SERIES, check_conflict },
	{ "backport/net-next-closed", PRV_SCOPE_SERIES, check_net_next },
	{ NULL, 0, NULL },
};
