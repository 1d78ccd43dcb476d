// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Saying the TCP impact (rules/tcp.c reads it): per patch one line with the
 * TCP files and functions touched, then each symbol group hit once, the
 * ones MPTCP depends on (todo) first; per series one summary with a "read
 * first" order. With --repo, the MPTCP uses of what changed.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"
#include "rules/tcp.h"
#include "core/base/buf.h"
#include "core/base/util.h"
#include "core/check/tcprepo.h"

#define LIST_SHOWN 4 /* matched symbols shown per group */
#define NAMES_SHOWN 5 /* functions shown per file */
#define LINES_SHOWN 4 /* other lines shown per group */

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* The file's name alone, or its path when another file has that name. */
static const char *file_label(const struct prv_tcp_impact *t, size_t i)
{
	const char *b = base_name(t->files[i]);
	size_t k;

	for (k = 0; k < t->nr_files; k++)
		if (k != i && !strcmp(base_name(t->files[k]), b))
			return t->files[i];
	return b;
}

/* "tcp_input.c: tcp_ack(), tcp_rcv_established(); tcp.h: struct tcp_sock" */
static void touch_text(struct prv_buf *b, const struct prv_tcp_impact *t,
		       bool located)
{
	size_t i, k, n;
	/* the location names the one file already */
	bool bare = located && t->nr_files == 1 && t->nr_functions &&
		    !t->more_files;

	for (i = 0; i < t->nr_files; i++) {
		if (!bare)
			prv_buf_addf(b, "%s%s", i ? "; " : "",
				     file_label(t, i));
		for (k = 0, n = 0; k < t->nr_functions; k++) {
			const char *f = t->functions[k];

			if (t->function_file[k] != i)
				continue;
			if (n == NAMES_SHOWN) {
				prv_buf_addstr(b, ", ...");
				n++;
			}
			if (n > NAMES_SHOWN)
				continue;
			prv_buf_addf(b, "%s%s%s",
				     n++  ? ", " :
				     bare ? "" :
					    ": ",
				     f, t->function_call[k] ? "()" : "");
		}
	}
	if (t->more_files)
		prv_buf_addf(b, "; %zu more file%s", t->more_files,
			     t->more_files > 1 ? "s" : "");
	if (t->more_functions)
		prv_buf_addf(b, " (and %zu more)", t->more_functions);
}

/* "TCP option space (tcp_options_write, OPTION_TS): <reason>" */
static void group_text(struct prv_buf *b, const struct prv_tcp_group *g)
{
	size_t i;

	prv_buf_addstr(b, g->name);
	for (i = 0; i < g->nr_matched && i < LIST_SHOWN; i++)
		prv_buf_addf(b, "%s%s", i ? ", " : " (", g->matched[i]);
	if (g->nr_matched > LIST_SHOWN)
		prv_buf_addstr(b, ", ...");
	if (g->nr_matched)
		prv_buf_addch(b, ')');
	prv_buf_addf(b, ": %s", g->reason);
}

static void use_text(struct prv_buf *b, const struct prv_tcp_impact *t)
{
	const char *sym = NULL, *dir = NULL;
	size_t i, dlen = 0;

	for (i = 0; i < t->nr_uses; i++) {
		const struct prv_mptcp_use *u = &t->uses[i];
		const char *slash = strrchr(u->file, '/');
		size_t ul = slash ? (size_t)(slash - u->file) : 0;
		bool same = dir && ul == dlen && !strncmp(dir, u->file, ul);

		if (!sym || strcmp(sym, u->symbol)) {
			prv_buf_addf(b, "%s%s is used at ",
				     sym ? "; " : "MPTCP: ", u->symbol);
			sym = u->symbol;
			same = false;
		} else {
			prv_buf_addstr(b, ", ");
		}
		prv_buf_addf(b, "%s:%ld", same ? slash + 1 : u->file, u->line);
		dir = u->file;
		dlen = ul;
	}
	if (t->more_uses)
		prv_buf_addf(b, " (and %zu more)", t->more_uses);
}

/* What the repository says: uses, options MPTCP lacks, caps hit. */
static const char *repo_hint(struct prv_arena *a,
			     const struct prv_tcp_impact *t)
{
	struct prv_buf b = PRV_BUF_INIT;
	const char *s;
	size_t i;

	use_text(&b, t);
	for (i = 0; i < t->nr_sockopts_missing; i++)
		prv_buf_addf(&b,
			     "%s%s is new and MPTCP's allow-list "
			     "(net/mptcp/sockopt.c) does not handle it",
			     b.len ? "; " : "", t->sockopts_missing[i]);
	if (t->search_note)
		prv_buf_addf(&b, "%s%s", b.len ? "; " : "", t->search_note);
	s = b.len ? prv_arena_strdup(a, b.data) : NULL;
	prv_buf_release(&b);
	return s;
}

static const struct prv_patch *patch_of(const struct prv_check_ctx *ctx,
					int index)
{
	size_t i;

	for (i = 0; i < ctx->cur->nr_patches; i++)
		if (ctx->cur->patches[i].index == index)
			return &ctx->cur->patches[i];
	return NULL;
}

/* Report; the index of the finding made, or SIZE_MAX when dropped. */
static size_t say(struct prv_check_ctx *ctx, bool todo, int sev, const char *id,
		  const struct prv_patch *p, const char *file, long line,
		  const char *hint, const char *msg)
{
	size_t n = ctx->found->nr;

	if (todo)
		prv_check_todo(ctx, id, (enum prv_severity)sev, p, file, line,
			       hint, "%s", msg);
	else
		prv_check_report(ctx, id, (enum prv_severity)sev, p, file, line,
				 hint, "%s", msg);
	return ctx->found->nr > n ? n : SIZE_MAX;
}

/* "in tcp_ack()", and the other lines the group was hit on. */
static const char *group_hint(struct prv_arena *a,
			      const struct prv_tcp_group *g)
{
	struct prv_buf b = PRV_BUF_INIT;
	const char *s;
	size_t i;

	if (g->func)
		prv_buf_addf(&b, "in %s", g->func);
	if (g->nr_lines > 1)
		prv_buf_addf(&b, "%salso line%s", b.len ? "; " : "",
			     g->nr_lines > 2 ? "s" : "");
	for (i = 1; i < g->nr_lines && i <= LINES_SHOWN; i++)
		prv_buf_addf(&b, "%s %ld", i > 1 ? "," : "", g->lines[i]);
	if (g->nr_lines > LINES_SHOWN + 1)
		prv_buf_addstr(&b, ", ...");
	s = b.len ? prv_arena_strdup(a, b.data) : NULL;
	prv_buf_release(&b);
	return s;
}

/* TCP's own findings; a user's rule.<name> keeps its own notes. */
static bool is_tcp(const char *id)
{
	return !strncmp(id, "tcp.", 4);
}

/* The one note a reply draft gives the patch's TCP item. */
static const char *reply_note(struct prv_arena *a,
			      const struct prv_tcp_impact *t, const char *hint)
{
	struct prv_buf b = PRV_BUF_INIT;
	const char *s;
	size_t i;

	prv_buf_addstr(&b, "TCP impact: ");
	if (t->nr_files) {
		touch_text(&b, t, false);
		prv_buf_addstr(&b, ". ");
	}
	for (i = 0; i < t->nr_groups; i++) {
		if (!is_tcp(t->groups[i].id))
			continue;
		group_text(&b, &t->groups[i]);
		prv_buf_addstr(&b, ". ");
	}
	if (hint)
		prv_buf_addstr(&b, hint);
	prv_buf_rtrim(&b);
	s = prv_arena_strdup(a, b.data);
	prv_buf_release(&b);
	return s;
}

/* Groups MPTCP depends on first, then the others, each in hit order. */
static size_t group_order(const struct prv_tcp_impact *t, size_t *order)
{
	size_t i, n = 0, pass;

	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < t->nr_groups; i++)
			if (t->groups[i].todo == (pass == 0))
				order[n++] = i;
	return n;
}

static void say_patch(struct prv_check_ctx *ctx, const struct prv_tcp_impact *t)
{
	struct prv_arena *a = &ctx->found->arena;
	const struct prv_patch *p = patch_of(ctx, t->patch);
	size_t order[PRV_TCP_GROUPS_MAX], i, n, first = ctx->found->nr;
	size_t lead = SIZE_MAX, f;
	const char *hint = repo_hint(a, t);
	struct prv_buf b = PRV_BUF_INIT;
	struct prv_finding *l;

	if (t->nr_files) {
		prv_buf_addstr(&b, "touches ");
		touch_text(&b, t, true);
		lead = say(ctx, hint != NULL, PRV_SEV_INFO, t->id, p,
			   t->first_file, t->first_line, hint, b.data);
	}
	n = group_order(t, order);
	for (i = 0; i < n; i++) {
		const struct prv_tcp_group *g = &t->groups[order[i]];

		prv_buf_reset(&b);
		group_text(&b, g);
		f = say(ctx, g->todo, g->severity, g->id, p, g->file,
			g->nr_lines ? g->lines[0] : 0, group_hint(a, g),
			b.data);
		/* the reply's note goes under the hunk that matters most */
		if (f != SIZE_MAX && is_tcp(g->id) &&
		    (lead == SIZE_MAX || (g->todo && !i)))
			lead = f;
	}
	prv_buf_release(&b);
	if (lead == SIZE_MAX)
		return;
	for (i = first; i < ctx->found->nr; i++)
		ctx->found->items[i].folded = i != lead &&
					      is_tcp(ctx->found->items[i].id);
	l = &ctx->found->items[lead];
	l->note = reply_note(a, t, hint);
	l->note_todo = prv_tcp_impact_concrete(t);
}

/* Look up MPTCP's uses of impacts [lo, hi) of the run, then say them. */
static void say_range(struct prv_check_ctx *ctx, size_t lo, size_t hi)
{
	struct prv_tcp_impact **t;
	size_t i, n = 0;

	t = prv_xcalloc(hi - lo + 1, sizeof(*t));
	for (i = lo; i < hi; i++)
		if (ctx->found->tcp[i].series == ctx->series_index &&
		    ctx->found->tcp[i].version == ctx->cur->version)
			t[n++] = &ctx->found->tcp[i];
	/* no touch line, no list of uses: the search is skipped too */
	if (ctx->repo && n && !prv_check_disabled(ctx->opts, t[0]->id) &&
	    prv_tcp_repo_search(ctx->repo,
				ctx->base.found ? ctx->base.hex : "HEAD", t, n,
				&ctx->found->arena))
		for (i = 0; i < n; i++)
			t[i]->search_note = "the MPTCP uses could not be read "
					    "from the repository";
	for (i = 0; i < n; i++)
		say_patch(ctx, t[i]);
	free(t);
}

/* The id of the touch line: the first touch rule's (tcp.touch). */
static const char *touch_id(const struct prv_ruleset *rs)
{
	size_t i;

	for (i = 0; i < rs->nr; i++)
		if (prv_tcp_rule_is_touch(&rs->rules[i]))
			return rs->rules[i].id;
	return "tcp.touch";
}

static int check_patch(struct prv_check_ctx *ctx,
		       const struct prv_check_target *tg)
{
	const struct prv_ruleset *rs = ctx->opts ? ctx->opts->rules : NULL;
	struct prv_findings *fd = ctx->found;
	struct prv_tcp_impact *t;

	if (!rs || !rs->nr)
		return 0;
	PRV_ALLOC_GROW(fd->tcp, fd->nr_tcp + 1, fd->alloc_tcp);
	t = &fd->tcp[fd->nr_tcp];
	memset(t, 0, sizeof(*t));
	t->series = ctx->series_index;
	t->version = ctx->cur->version;
	t->patch = tg->patch->index;
	t->id = touch_id(rs);
	prv_tcp_scan_patch(t, &fd->arena, rs, tg->patch);
	if (!prv_tcp_impact_any(t))
		return 0;
	fd->nr_tcp++;
	/* a patch checked alone has no series check after it */
	if (ctx->opts->single_patch)
		say_range(ctx, fd->nr_tcp - 1, fd->nr_tcp);
	return 0;
}

/* Patches by what an MPTCP reviewer should read first. */
static int read_first_cmp(const void *pa, const void *pb)
{
	const struct prv_tcp_impact *a =
		*(const struct prv_tcp_impact *const *)pa;
	const struct prv_tcp_impact *b =
		*(const struct prv_tcp_impact *const *)pb;
	size_t ka = a->nr_uses + a->nr_sockopts_missing;
	size_t kb = b->nr_uses + b->nr_sockopts_missing;
	bool ca = prv_tcp_impact_concrete(a), cb = prv_tcp_impact_concrete(b);

	if ((ka > 0) != (kb > 0))
		return ka ? -1 : 1;
	if (ca != cb)
		return ca ? -1 : 1;
	if (a->nr_groups != b->nr_groups)
		return a->nr_groups > b->nr_groups ? -1 : 1;
	return a->patch < b->patch ? -1 : a->patch > b->patch;
}

static void summary_text(struct prv_buf *b, struct prv_tcp_impact **t, size_t n,
			 size_t total)
{
	size_t i, k, hit = 0;

	prv_buf_addf(b, "patch%s", n > 1 ? "es" : "");
	for (i = 0; i < n; i++)
		prv_buf_addf(b, "%s %d", i ? "," : "", t[i]->patch);
	prv_buf_addf(b, " of %zu touch TCP", total);
	for (i = 0; i < n; i++) {
		if (!prv_tcp_impact_concrete(t[i]))
			continue;
		prv_buf_addf(b, "%s %d (", hit++ ? "," : "; MPTCP depends on",
			     t[i]->patch);
		for (k = 0; k < t[i]->nr_groups; k++)
			if (t[i]->groups[k].todo)
				prv_buf_addf(b, "%s%s",
					     b->data[b->len - 1] == '(' ? "" :
									  ", ",
					     t[i]->groups[k].name);
		if (t[i]->nr_uses)
			prv_buf_addf(b, "%sMPTCP uses",
				     b->data[b->len - 1] == '(' ? "" : ", ");
		if (t[i]->nr_sockopts_missing)
			prv_buf_addf(b, "%snew socket option",
				     b->data[b->len - 1] == '(' ? "" : ", ");
		prv_buf_addch(b, ')');
	}
	qsort(t, n, sizeof(*t), read_first_cmp);
	prv_buf_addstr(b, "; read first:");
	for (i = 0; i < n; i++)
		prv_buf_addf(b, "%s %d", i ? "," : "", t[i]->patch);
}

/* One line for the series: which patches, which groups, what first. */
static void say_summary(struct prv_check_ctx *ctx, size_t lo)
{
	struct prv_findings *fd = ctx->found;
	struct prv_tcp_impact **t;
	struct prv_buf b = PRV_BUF_INIT;
	size_t i, n = 0, f;

	if (ctx->cur->nr_patches < 2 || lo >= fd->nr_tcp)
		return;
	t = prv_xcalloc(fd->nr_tcp - lo, sizeof(*t));
	for (i = lo; i < fd->nr_tcp; i++)
		t[n++] = &fd->tcp[i];
	summary_text(&b, t, n,
		     ctx->cur->expected > 0 ? (size_t)ctx->cur->expected :
					      ctx->cur->nr_patches);
	f = say(ctx, false, PRV_SEV_INFO, "tcp.summary", NULL, NULL, 0, NULL,
		b.data);
	/* the replies say it patch by patch */
	if (f != SIZE_MAX)
		fd->items[f].folded = true;
	prv_buf_release(&b);
	free(t);
}

static int check_series(struct prv_check_ctx *ctx,
			const struct prv_check_target *tg)
{
	struct prv_findings *fd = ctx->found;
	size_t lo = fd->nr_tcp;

	(void)tg;
	/* the patch check stored this version's impacts last */
	while (lo > 0 && fd->tcp[lo - 1].series == ctx->series_index &&
	       fd->tcp[lo - 1].version == ctx->cur->version)
		lo--;
	say_range(ctx, lo, fd->nr_tcp);
	say_summary(ctx, lo);
	return 0;
}

const struct prv_check prv_checks_tcp[] = {
	{ "tcp/rules", PRV_SCOPE_PATCH, check_patch },
	{ "tcp/summary", PRV_SCOPE_SERIES, check_series },
	{ NULL, 0, NULL },
};
