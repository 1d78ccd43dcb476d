// SPDX-License-Identifier: GPL-2.0-or-later
/* The check runner: profiles, pairing of versions, reporting. */
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/base/buf.h"
#include "core/check/check.h"
#include "core/base/error.h"
#include "core/rangediff/rangediff.h"
#include "core/check/repo.h"
#include "core/base/util.h"

#define MESSAGE_MAX 4096
/* Findings of a patch compared with a new one for an equal one. */
#define DEDUP_WINDOW 256

bool prv_check_fixes_id(const char *value, char *sha)
{
	size_t n = 0;

	while (n < 40 && isxdigit((unsigned char)value[n]))
		n++;
	if (n < 4 || isxdigit((unsigned char)value[n]))
		return false;
	memcpy(sha, value, n);
	sha[n] = '\0';
	return true;
}

bool prv_check_key_is(const struct prv_trailer *t, const char *key)
{
	return t->is_trailer && t->key && !strcasecmp(t->key, key);
}

bool prv_check_disabled(const struct prv_check_opts *opts, const char *id)
{
	size_t i;

	for (i = 0; opts && i < opts->nr_disabled; i++) {
		const char *d = opts->disabled[i];
		size_t l = strlen(d);

		if (!strcmp(d, id) || !strcmp(d, "all"))
			return true;
		if (l && d[l - 1] == '*' && !strncmp(d, id, l - 1))
			return true;
		if (l && d[l - 1] == '.' && !strncmp(d, id, l))
			return true;
		/* "trailer" disables the whole family */
		if (!strchr(d, '.') && !strncmp(d, id, l) && id[l] == '.')
			return true;
	}
	return false;
}

static enum prv_topic topic_of(const char *id)
{
	static const struct {
		const char *prefix;
		enum prv_topic topic;
	} map[] = {
		{ "series.", PRV_TOPIC_SERIES },
		{ "changelog.", PRV_TOPIC_CHANGELOG },
		{ "review.comment-", PRV_TOPIC_COMMENTS },
		{ "review.", PRV_TOPIC_REVIEW },
		{ "trailer.", PRV_TOPIC_TRAILERS },
		{ "fixes.", PRV_TOPIC_FIXES },
		{ "subject.", PRV_TOPIC_SUBJECT },
		{ "tcp.", PRV_TOPIC_TCP },
		{ "rule.", PRV_TOPIC_TCP },
		{ "apply.", PRV_TOPIC_REPO },
		{ "backport.upstream-", PRV_TOPIC_FIXES },
		{ "backport.", PRV_TOPIC_REPO },
	};
	size_t i;

	for (i = 0; i < PRV_ARRAY_SIZE(map); i++)
		if (!strncmp(id, map[i].prefix, strlen(map[i].prefix)))
			return map[i].topic;
	return PRV_TOPIC_TCP;
}

/* The hunk of f whose new lines hold `line`, or NULL. */
static const struct prv_hunk *hunk_at(const struct prv_file *f, long line)
{
	size_t i;

	for (i = 0; line > 0 && i < f->nr_hunks; i++)
		if (line >= f->hunks[i].new_start &&
		    line < f->hunks[i].new_start + f->hunks[i].new_count)
			return &f->hunks[i];
	return NULL;
}

/*
 * Where a finding is: its patch, the file of that patch named `path` (the
 * one the check runs on first) and the hunk the check runs on or that
 * holds `line`, so that renderers need not look them up again.
 */
static void locate(struct prv_finding *f, const struct prv_check_ctx *ctx,
		   const struct prv_patch *patch, const char *path, long line)
{
	const struct prv_check_target *t = ctx->target;
	const struct prv_mail *m = patch ? patch->mail : NULL;
	size_t i;

	f->patch_at = patch;
	if (!m || !path)
		return;
	if (t && t->patch == patch && t->file &&
	    !strcmp(prv_file_path(t->file), path)) {
		f->file_at = t->file;
		f->hunk_at = t->hunk ? t->hunk : hunk_at(t->file, line);
		return;
	}
	for (i = 0; i < m->diff.nr_files && !f->file_at; i++)
		if (!strcmp(prv_file_path(&m->diff.files[i]), path))
			f->file_at = &m->diff.files[i];
	if (f->file_at)
		f->hunk_at = hunk_at(f->file_at, line);
}

void prv_check_add(struct prv_check_ctx *ctx, bool todo, const char *id,
		   enum prv_severity sev, const struct prv_patch *patch,
		   const char *file, long line, const char *hint,
		   const char *fmt, ...)
{
	struct prv_findings *r = ctx->found;
	struct prv_finding f;
	char msg[MESSAGE_MAX];
	va_list ap;
	size_t i, n;

	if (prv_check_disabled(ctx->opts, id))
		return;
	if (ctx->series && !prv_kind_finding_applies(ctx->series->kind, id))
		return;
	for (i = 0; ctx->opts && i < ctx->opts->nr_sevs; i++)
		if (!strcmp(ctx->opts->sev_ids[i], id))
			sev = (enum prv_severity)ctx->opts->sevs[i];
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);

	memset(&f, 0, sizeof(f));
	f.id = id;
	f.severity = sev;
	f.topic = topic_of(id);
	f.series = ctx->series_index;
	f.version = ctx->cur ? ctx->cur->version : 0;
	f.patch = patch ? patch->index : -1;
	f.file = file;
	f.line = line;
	f.message = msg;
	f.hint = hint;
	f.todo = todo;
	locate(&f, ctx, patch, file, line);

	/*
	 * The same finding twice on one patch says nothing new. Only the
	 * last DEDUP_WINDOW are compared: a patch with tens of thousands of
	 * findings made this quadratic.
	 */
	for (i = r->nr, n = 0; i-- > 0 && n++ < DEDUP_WINDOW;) {
		const struct prv_finding *o = &r->items[i];

		if (o->series != f.series || o->patch != f.patch)
			break;
		if (!strcmp(o->id, id) && !strcmp(o->message, msg) &&
		    ((!o->file && !file) ||
		     (o->file && file && !strcmp(o->file, file))))
			return;
	}
	prv_findings_add(r, &f);
}

/*
 * Pair the previous version with the one under review: the range-diff,
 * which falls back to titles and positions past its caps.
 */
static void pairs_build(struct prv_check_ctx *ctx, struct prv_rangediff *rd)
{
	struct prv_rangediff_opts o = PRV_RANGEDIFF_OPTS_INIT;

	o.no_patch = true;
	o.fallback = true;
	if (prv_rangediff_versions(rd, ctx->prev, ctx->cur, &o))
		prv_rangediff_release(rd);
	ctx->pairs = rd->pairs;
	ctx->nr_pairs = rd->nr_pairs;
}

static void changelog_of(struct prv_changelog *cl, struct prv_arena *a,
			 const struct prv_version *v)
{
	size_t i;

	if (v->cover)
		prv_changelog_parse(cl, a, v->cover->msg.body,
				    v->cover->msg.body_len, v->version, 0);
	for (i = 0; i < v->nr_patches; i++) {
		const struct prv_mail *m = v->patches[i].mail;

		if (!m || v->patches[i].filled_in)
			continue;
		prv_changelog_parse_patch(cl, a, &m->pm, v->version,
					  v->patches[i].index);
	}
}

static int run_family(struct prv_check_ctx *ctx, const struct prv_check *c)
{
	struct prv_version *v = ctx->cur;
	int ret = 0;
	size_t i, f, h;

	for (; c->name && !ret; c++) {
		struct prv_check_target t = { NULL, NULL, NULL };

		ctx->target = &t;

		/* A patch alone says nothing about its series but its tree. */
		if (ctx->opts && ctx->opts->single_patch &&
		    (c->scope == PRV_SCOPE_SERIES ||
		     c->scope == PRV_SCOPE_VERSION_PAIR) &&
		    strcmp(c->name, "series/tree"))
			continue;
		/* what the thread is decides which checks mean something */
		if (!prv_kind_check_applies(ctx->series->kind, c->name))
			continue;
		switch (c->scope) {
		case PRV_SCOPE_SERIES:
			ret = c->run(ctx, &t);
			break;
		case PRV_SCOPE_VERSION_PAIR:
			if (ctx->prev)
				ret = c->run(ctx, &t);
			break;
		case PRV_SCOPE_PATCH:
			for (i = 0; i < v->nr_patches && !ret; i++) {
				if (!v->patches[i].mail ||
				    v->patches[i].filled_in)
					continue;
				t.patch = &v->patches[i];
				ret = c->run(ctx, &t);
			}
			break;
		case PRV_SCOPE_HUNK:
			for (i = 0; i < v->nr_patches && !ret; i++) {
				struct prv_mail *m = v->patches[i].mail;

				if (!m || v->patches[i].filled_in)
					continue;
				t.patch = &v->patches[i];
				for (f = 0; f < m->diff.nr_files && !ret; f++) {
					t.file = &m->diff.files[f];
					for (h = 0;
					     h < t.file->nr_hunks && !ret;
					     h++) {
						t.hunk = &t.file->hunks[h];
						ret = c->run(ctx, &t);
					}
					/* files without hunks (binary,
					 * renames) still count once */
					if (!t.file->nr_hunks) {
						t.hunk = NULL;
						ret = c->run(ctx, &t);
					}
				}
			}
			break;
		}
	}
	return ret;
}

/*
 * The review comments on prev, judged against cur, and those on cur,
 * pending; in the run's arena, as the report reads them after the run.
 */
static void comments_of(struct prv_check_ctx *ctx, struct prv_arena *a)
{
	struct prv_comments_judge j = {
		.series = ctx->series,
		.old = ctx->prev,
		.new = ctx->cur,
		.pairs = ctx->pairs,
		.nr_pairs = ctx->nr_pairs,
		.changelog = &ctx->changelog,
	};
	struct prv_comments pending = { NULL, 0, 0 };
	size_t i;

	if (ctx->opts && ctx->opts->single_patch)
		return;
	if (ctx->prev) {
		prv_comments_extract(&ctx->comments, a, ctx->series, ctx->prev);
		prv_comments_judge(&ctx->comments, a, &j);
	}
	prv_comments_extract(&pending, a, ctx->series, ctx->cur);
	j.old = ctx->cur;
	j.new = NULL;
	prv_comments_judge(&pending, a, &j);
	for (i = 0; i < pending.nr; i++) {
		PRV_ARENA_GROW(a, ctx->comments.items, ctx->comments.nr + 1,
			       ctx->comments.alloc);
		ctx->comments.items[ctx->comments.nr++] = pending.items[i];
	}
}

/* Record a series of the run, with what the report says of it. */
static size_t add_series(struct prv_findings *r,
			 const struct prv_check_ctx *ctx)
{
	struct prv_checked_series *cs;
	struct prv_rangediff_pair *pairs = NULL;
	size_t i;

	if (ctx->nr_pairs) {
		pairs = prv_arena_alloc(&r->arena,
					ctx->nr_pairs * sizeof(*pairs));
		memcpy(pairs, ctx->pairs, ctx->nr_pairs * sizeof(*pairs));
		for (i = 0; i < ctx->nr_pairs; i++) {
			pairs[i].inner_diff = NULL;
			pairs[i].inner_diff_len = 0;
		}
	}
	PRV_ALLOC_GROW(r->series, r->nr_series + 1, r->alloc_series);
	cs = &r->series[r->nr_series];
	memset(cs, 0, sizeof(*cs));
	cs->series = ctx->series;
	cs->profile = prv_profile_name(ctx->profile);
	cs->skipped = prv_kind_skipped(ctx->series->kind);
	cs->prev = ctx->prev;
	cs->cur = ctx->cur;
	cs->pairs = pairs;
	cs->nr_pairs = ctx->nr_pairs;
	cs->changelog = ctx->changelog;
	cs->comments = ctx->comments.items;
	cs->nr_comments = ctx->comments.nr;
	return r->nr_series++;
}

/* The base-commit the version under review names, or NULL. */
static const char *base_named(const struct prv_check_ctx *ctx)
{
	const struct prv_version *v = ctx->cur;
	size_t i;

	if (v->cover && v->cover->base_commit && *v->cover->base_commit)
		return v->cover->base_commit;
	for (i = 0; i < v->nr_patches; i++) {
		const struct prv_mail *m = v->patches[i].mail;

		if (m && m->base_commit && *m->base_commit)
			return m->base_commit;
	}
	/* b4's tracking data knows it when the mails do not */
	if (ctx->opts && ctx->opts->base_commit && *ctx->opts->base_commit)
		return ctx->opts->base_commit;
	return NULL;
}

static void base_choose(struct prv_check_ctx *ctx)
{
	struct prv_check_base *b = &ctx->base;

	b->named = base_named(ctx);
	b->named_found = b->named &&
			 prv_repo_commit(ctx->repo, b->named, b->hex,
					 b->summary) == PRV_REPO_FOUND;
	b->found = b->named_found ||
		   prv_repo_commit(ctx->repo, "HEAD", b->hex, b->summary) ==
			   PRV_REPO_FOUND;
}

int prv_check_run(struct prv_findings *r, struct prv_input *in,
		  const struct prv_check *const *families,
		  const struct prv_check_opts *opts)
{
	struct prv_repo *repo = opts ? opts->repo_handle : NULL;
	size_t s, k;
	int ret = 0;

	if (in)
		r->warnings = &in->warnings;
	/* The repository is opened once for the run. */
	if (!repo && opts && opts->repo) {
		ret = prv_repo_open(&repo, opts->repo);
		if (ret)
			return ret;
	}
	for (s = 0; in && s < in->nr_series && !ret; s++) {
		struct prv_series *se = &in->series[s];
		struct prv_check_ctx ctx;
		struct prv_arena scratch = PRV_ARENA_INIT;
		struct prv_rangediff rd;

		if (!se->nr_versions)
			continue;
		memset(&ctx, 0, sizeof(ctx));
		ctx.found = r;
		ctx.opts = opts;
		ctx.series = se;
		ctx.arena = &scratch;
		ctx.repo = repo;
		ctx.cur = &se->versions[se->nr_versions - 1];
		ctx.prev = se->nr_versions > 1 ?
				   &se->versions[se->nr_versions - 2] :
				   NULL;
		if (repo)
			base_choose(&ctx);
		ctx.profile = opts && opts->profile != PRV_PROFILE_AUTO ?
				      (enum prv_profile)opts->profile :
				      prv_profile_choose(ctx.cur);
		prv_rangediff_init(&rd);
		if (ctx.prev)
			pairs_build(&ctx, &rd);
		/* in the run's arena: the report reads it after the run */
		changelog_of(&ctx.changelog, &r->arena, ctx.cur);
		comments_of(&ctx, &r->arena);
		ctx.series_index = add_series(r, &ctx);
		for (k = 0; families && families[k] && !ret; k++)
			ret = run_family(&ctx, families[k]);
		ctx.target = NULL;
		prv_rangediff_release(&rd);
		prv_arena_release(&scratch);
	}
	if (opts && repo != opts->repo_handle)
		prv_repo_free(repo);
	return ret;
}
