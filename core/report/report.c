// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/base/buf.h"
#include "core/base/error.h"
#include "core/report/report.h"
#include "core/base/util.h"
#include "core/lore/loreurl.h"

void prv_report_init(struct prv_report *r)
{
	memset(r, 0, sizeof(*r));
	prv_arena_init(&r->arena);
}

void prv_report_release(struct prv_report *r)
{
	size_t i;

	for (i = 0; i < r->nr_items; i++)
		free(r->items[i].findings);
	free(r->items);
	free(r->findings);
	free(r->series);
	free(r->profiles);
	free(r->changes);
	free(r->changelog);
	free(r->skipped);
	free(r->tcp);
	free(r->comments);
	free(r->nr_comments);
	free(r->comments_title);
	free(r->comments_details);
	prv_arena_release(&r->arena);
	memset(r, 0, sizeof(*r));
}

size_t prv_report_add_series(struct prv_report *r, struct prv_series *s,
			     const char *profile)
{
	size_t n = r->nr_series;
	size_t a1 = r->alloc_series, a2 = r->alloc_series, a3 = r->alloc_series;
	size_t a4 = r->alloc_series, a5 = r->alloc_series;
	size_t a6 = r->alloc_series, a7 = r->alloc_series;
	size_t a8 = r->alloc_series;

	PRV_ALLOC_GROW(r->series, n + 1, r->alloc_series);
	PRV_ALLOC_GROW(r->profiles, n + 1, a1);
	PRV_ALLOC_GROW(r->changes, n + 1, a2);
	PRV_ALLOC_GROW(r->changelog, n + 1, a3);
	PRV_ALLOC_GROW(r->skipped, n + 1, a4);
	PRV_ALLOC_GROW(r->comments, n + 1, a5);
	PRV_ALLOC_GROW(r->nr_comments, n + 1, a6);
	PRV_ALLOC_GROW(r->comments_title, n + 1, a7);
	PRV_ALLOC_GROW(r->comments_details, n + 1, a8);
	r->series[n] = s;
	r->profiles[n] = profile ? prv_arena_strdup(&r->arena, profile) : NULL;
	r->changes[n] = NULL;
	r->changelog[n] = NULL;
	r->skipped[n] = NULL;
	r->comments[n] = NULL;
	r->nr_comments[n] = 0;
	r->comments_title[n] = NULL;
	r->comments_details[n] = NULL;
	r->nr_series++;
	return n;
}

size_t prv_report_add(struct prv_report *r, const struct prv_finding *f)
{
	struct prv_finding *d;

	PRV_ALLOC_GROW(r->findings, r->nr_findings + 1, r->alloc_findings);
	d = &r->findings[r->nr_findings];
	*d = *f;
	d->id = prv_arena_strdup(&r->arena, f->id);
	d->file = f->file ? prv_arena_strdup(&r->arena, f->file) : NULL;
	d->message = prv_arena_strdup(&r->arena, f->message ? f->message : "");
	d->hint = f->hint ? prv_arena_strdup(&r->arena, f->hint) : NULL;
	d->note = f->note ? prv_arena_strdup(&r->arena, f->note) : NULL;
	return r->nr_findings++;
}

size_t prv_report_count(const struct prv_report *r, enum prv_severity sev)
{
	size_t i, n = 0;

	for (i = 0; i < r->nr_findings; i++)
		n += r->findings[i].severity == sev;
	return n;
}

struct prv_version *prv_report_version(const struct prv_report *r, size_t s)
{
	struct prv_series *se;

	if (s >= r->nr_series)
		return NULL;
	se = r->series[s];
	if (!se || !se->nr_versions)
		return NULL;
	return &se->versions[se->nr_versions - 1];
}

const char *prv_item_status_name(enum prv_item_status s)
{
	static const char *const names[] = { "pass", "warn", "fail", "todo" };

	return names[s];
}

static const char *const topic_titles[PRV_TOPIC_NR] = {
	[PRV_TOPIC_SERIES] = "Series form",
	[PRV_TOPIC_CHANGES] = "Changes since the last version",
	[PRV_TOPIC_CHANGELOG] = "Changelog against the real changes",
	[PRV_TOPIC_COMMENTS] = "Review comments on the last version",
	[PRV_TOPIC_SUBJECT] = "Subject",
	[PRV_TOPIC_TRAILERS] = "Trailers",
	[PRV_TOPIC_FIXES] = "Fixes",
	[PRV_TOPIC_REVIEW] = "Review tags",
	[PRV_TOPIC_TCP] = "TCP impact",
	[PRV_TOPIC_REPO] = "Repository",
};

static bool topic_is_series(enum prv_topic t)
{
	return t == PRV_TOPIC_SERIES || t == PRV_TOPIC_CHANGES ||
	       t == PRV_TOPIC_CHANGELOG || t == PRV_TOPIC_COMMENTS;
}

static struct prv_check_item *add_item(struct prv_report *r, size_t s,
				       int patch, enum prv_topic t,
				       const char *title)
{
	struct prv_check_item *it;

	PRV_ALLOC_GROW(r->items, r->nr_items + 1, r->alloc_items);
	it = &r->items[r->nr_items++];
	memset(it, 0, sizeof(*it));
	it->title = title;
	it->series = s;
	it->patch = patch;
	it->topic = t;
	it->status = PRV_ITEM_PASS;
	return it;
}

/* Findings of series s lie in [lo, hi): the checks run series by series. */
struct span {
	size_t lo, hi;
};

/* The patch whose item a finding goes to; -1 for the series items. */
static int item_patch(const struct prv_finding *f)
{
	if (topic_is_series(f->topic))
		return -1;
	/* series-wide per-patch topics go to the cover */
	return f->patch < 0 ? 0 : f->patch;
}

/*
 * The findings of one series by item (patch, topic), in their order within
 * each: every item reads its own run instead of all the findings, which
 * with thousands of patches and findings made the checklist quadratic.
 */
struct slot {
	int patch;
	int topic;
	size_t i;
};

static int slot_cmp(const void *pa, const void *pb)
{
	const struct slot *a = pa, *b = pb;

	if (a->patch != b->patch)
		return a->patch < b->patch ? -1 : 1;
	if (a->topic != b->topic)
		return a->topic < b->topic ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

static size_t slots_of(struct slot **out, const struct prv_report *r, size_t s,
		       struct span sp)
{
	struct slot *sl = prv_xmalloc((sp.hi - sp.lo + 1) * sizeof(*sl));
	size_t i, n = 0;

	for (i = sp.lo; i < sp.hi; i++) {
		const struct prv_finding *f = &r->findings[i];

		if (f->series != s)
			continue;
		sl[n].patch = item_patch(f);
		sl[n].topic = (int)f->topic;
		sl[n++].i = i;
	}
	qsort(sl, n, sizeof(*sl), slot_cmp);
	*out = sl;
	return n;
}

/* The run of slots of item (patch, t), as positions [lo, hi). */
static struct span item_run(const struct slot *sl, size_t n, int patch,
			    enum prv_topic t)
{
	struct slot key = { patch, (int)t, 0 };
	struct span run;
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (slot_cmp(&sl[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	run.lo = run.hi = lo;
	while (run.hi < n && sl[run.hi].patch == patch &&
	       sl[run.hi].topic == (int)t)
		run.hi++;
	return run;
}

static void item_collect(struct prv_report *r, struct prv_check_item *it,
			 const struct slot *sl, size_t n)
{
	struct span run = item_run(sl, n, it->patch, it->topic);
	size_t k, alloc = 0;
	bool todo = false;
	int worst = -1;

	for (k = run.lo; k < run.hi; k++) {
		const struct prv_finding *f = &r->findings[sl[k].i];

		PRV_ALLOC_GROW(it->findings, it->nr_findings + 1, alloc);
		it->findings[it->nr_findings++] = sl[k].i;
		if ((int)f->severity > worst)
			worst = f->severity;
		todo |= f->todo;
	}
	if (worst == PRV_SEV_FAIL)
		it->status = PRV_ITEM_FAIL;
	else if (worst == PRV_SEV_WARN)
		it->status = PRV_ITEM_WARN;
	else if (todo)
		it->status = PRV_ITEM_TODO;
	else
		it->status = PRV_ITEM_PASS;
}

static bool has_topic_findings(const struct slot *sl, size_t n, int patch,
			       enum prv_topic t)
{
	struct span run = item_run(sl, n, patch, t);

	return run.lo < run.hi;
}

/* ---- what changed since the last version, as text ---- */

static const char *title_of(const struct prv_patch *p)
{
	if (!p->mail)
		return "";
	if (p->mail->pm.title)
		return p->mail->pm.title;
	return p->mail->subj.title ? p->mail->subj.title : "";
}

static void describe_changes(struct prv_report *r, size_t s,
			     const struct prv_checked_series *cs)
{
	struct prv_buf b = PRV_BUF_INIT, first = PRV_BUF_INIT;
	size_t i;

	if (!cs->prev)
		return;
	prv_buf_addf(&b, "v%d -> v%d:\n", cs->prev->version, cs->cur->version);
	for (i = 0; i < cs->nr_pairs; i++) {
		const struct prv_rangediff_pair *p = &cs->pairs[i];

		if (p->old_patch)
			prv_buf_addf(&b, "%3d", p->old_patch->index);
		else
			prv_buf_addstr(&b, "  -");
		prv_buf_addf(&b, " %c ", p->status);
		if (p->new_patch)
			prv_buf_addf(&b, "%-3d", p->new_patch->index);
		else
			prv_buf_addstr(&b, "-  ");
		if (p->status == '!') {
			prv_buf_addstr(&b, " [");
			if (p->changed & PRV_RD_DIFF)
				prv_buf_addstr(&b, "diff ");
			if (p->changed & PRV_RD_CONTEXT)
				prv_buf_addstr(&b, "context ");
			if (p->changed & PRV_RD_FILES)
				prv_buf_addstr(&b, "files ");
			if (p->changed & PRV_RD_MESSAGE)
				prv_buf_addstr(&b, "message ");
			if (p->changed & PRV_RD_TRAILERS)
				prv_buf_addstr(&b, "trailers ");
			if (p->changed & PRV_RD_AUTHOR)
				prv_buf_addstr(&b, "author ");
			prv_buf_rtrim(&b);
			prv_buf_addch(&b, ']');
		}
		prv_buf_addf(&b, " %s\n",
			     title_of(p->new_patch ? p->new_patch :
						     p->old_patch));
		/* new code is what to read first */
		if (p->new_patch &&
		    (p->status == '>' ||
		     (p->status == '!' && (p->changed & PRV_RD_DIFF))))
			prv_buf_addf(&first, "%s%d", first.len ? ", " : "",
				     p->new_patch->index);
	}
	if (first.len)
		prv_buf_addf(&b,
			     "read first: patch%s %s (new or changed code)\n",
			     strchr(first.data, ',') ? "es" : "", first.data);
	else
		prv_buf_addstr(
			&b, "no new or changed code since the last version\n");
	prv_buf_release(&first);
	prv_buf_rtrim(&b);
	r->changes[s] = prv_arena_strdup(&r->arena, b.data);
	prv_buf_release(&b);
}

/*
 * The text of an entry without its common indentation, two spaces in under
 * its header: "v1 -> v2: foo\n          bar" reads "  foo\n  bar" once the
 * header is on its own line. The first line (maybe after the header) is
 * left out of the measure unless it is a bullet, whose continuation lines
 * hang under it.
 */
static void add_dedented(struct prv_buf *b, const char *text, size_t len)
{
	const char *p = text, *end = text + len, *nl;
	size_t indent = SIZE_MAX, n;
	bool first = true, bullet;

	for (n = 0; n < len && (text[n] == ' ' || text[n] == '\t'); n++)
		;
	bullet = n < len &&
		 (text[n] == '-' || text[n] == '*' || text[n] == '+');

	for (; p < end; p = nl + 1, first = false) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		for (n = 0; p + n < nl && (p[n] == ' ' || p[n] == '\t'); n++)
			;
		/* a bullet's own continuation lines hang under its text */
		if ((!first || bullet) && p + n < nl && n < indent)
			indent = n;
	}
	for (p = text, first = true; p < end; p = nl + 1, first = false) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		for (n = 0; p + n < nl && (p[n] == ' ' || p[n] == '\t') &&
			    (first || n < indent);
		     n++)
			;
		if (nl > p + n)
			prv_buf_addstr(b, "  ");
		prv_buf_add(b, p + n, (size_t)(nl - p - n));
		prv_buf_addch(b, '\n');
		if (nl == end)
			break;
	}
}

static void describe_changelog(struct prv_report *r, size_t s,
			       const struct prv_checked_series *cs)
{
	struct prv_buf b = PRV_BUF_INIT;
	size_t i;

	for (i = 0; i < cs->changelog.nr; i++) {
		const struct prv_changelog_entry *e = &cs->changelog.entries[i];

		size_t k;

		if (!e->len && !e->to) {
			/* a bare "vN: <url>" line */
			for (k = 0; k < e->nr_links; k++)
				prv_buf_addf(&b, "v%d: %s\n",
					     e->links[k].version,
					     e->links[k].url);
			continue;
		}
		if (e->patch)
			prv_buf_addf(&b, "patch %d, ", e->patch);
		if (e->to)
			prv_buf_addf(&b, "v%d -> v%d:\n", e->from, e->to);
		else
			prv_buf_addstr(&b, "changelog:\n");
		add_dedented(&b, e->text, e->len);
		prv_buf_rtrim(&b);
		prv_buf_addch(&b, '\n');
		if (b.len > 64 * 1024)
			break;
	}
	prv_buf_rtrim(&b);
	if (b.len)
		r->changelog[s] = prv_arena_strdup(&r->arena, b.data);
	prv_buf_release(&b);
}

/* ---- review comments ---- */

/* "3 changed, 1 open" for the comments of version v (by `who`, or all). */
static void add_counts(struct prv_buf *b, const struct prv_report *r, size_t s,
		       int v, const struct prv_person *who)
{
	size_t count[PRV_COMMENT_NR] = { 0 }, i;
	int st;
	bool first = true;

	for (i = 0; i < r->nr_comments[s]; i++) {
		const struct prv_comment *c = &r->comments[s][i];

		if (c->version == v &&
		    (!who || prv_person_same(who, &c->reviewer)))
			count[c->status]++;
	}
	for (st = 0; st < PRV_COMMENT_NR; st++) {
		if (!count[st])
			continue;
		prv_buf_addf(
			b, "%s%zu %s", first ? "" : ", ", count[st],
			prv_comment_status_name((enum prv_comment_status)st));
		first = false;
	}
}

static void add_open(struct prv_buf *b, const struct prv_comment *c)
{
	const char *nl = strchr(c->text, '\n');
	char *url = prv_lore_message_url(NULL, c->mail->message_id);

	if (c->patch)
		prv_buf_addf(b, "open: patch %d", c->patch);
	else
		prv_buf_addstr(b, "open: cover letter");
	if (c->path)
		prv_buf_addf(b, ", %s:%ld", c->path, c->line);
	prv_buf_addf(b, ", %s\n  \"%.*s\"\n", c->reviewer.name,
		     (int)(nl ? (size_t)(nl - c->text) : strlen(c->text)),
		     c->text);
	if (*c->quote)
		prv_buf_addf(b, "  on: %s\n", c->quote);
	prv_buf_addf(b, "  %s\n", url);
	free(url);
}

/*
 * The item "Review comments on vN-1": counts per status, per reviewer,
 * then every open comment with its first line, quote and lore link.
 */
static void describe_comments(struct prv_report *r, size_t s, int v)
{
	struct prv_buf b = PRV_BUF_INIT;
	size_t i, k, nr = 0;

	for (i = 0; i < r->nr_comments[s]; i++)
		nr += r->comments[s][i].version == v;
	if (!nr)
		return;
	prv_buf_addf(&b, "%zu comment%s: ", nr, nr == 1 ? "" : "s");
	add_counts(&b, r, s, v, NULL);
	prv_buf_addch(&b, '\n');
	for (i = 0; i < r->nr_comments[s]; i++) {
		const struct prv_comment *c = &r->comments[s][i];

		if (c->version != v)
			continue;
		for (k = 0; k < i; k++)
			if (r->comments[s][k].version == v &&
			    prv_person_same(&r->comments[s][k].reviewer,
					    &c->reviewer))
				break;
		if (k < i)
			continue;
		prv_buf_addf(&b, "%s: ", c->reviewer.name);
		add_counts(&b, r, s, v, &c->reviewer);
		prv_buf_addch(&b, '\n');
	}
	for (i = 0; i < r->nr_comments[s]; i++)
		if (r->comments[s][i].version == v &&
		    r->comments[s][i].status == PRV_COMMENT_OPEN)
			add_open(&b, &r->comments[s][i]);
	prv_buf_rtrim(&b);
	r->comments_title[s] =
		prv_arena_printf(&r->arena, "Review comments on v%d", v);
	r->comments_details[s] = prv_arena_strdup(&r->arena, b.data);
	prv_buf_release(&b);
}

static void copy_comments(struct prv_report *r, size_t s,
			  const struct prv_checked_series *cs)
{
	struct prv_comment *c;
	size_t i;

	if (!cs->nr_comments)
		return;
	c = prv_arena_alloc(&r->arena, cs->nr_comments * sizeof(*c));
	for (i = 0; i < cs->nr_comments; i++) {
		c[i] = cs->comments[i];
		c[i].text = prv_arena_strdup(&r->arena, c[i].text);
		c[i].quote = prv_arena_strdup(&r->arena, c[i].quote);
		c[i].evidence = prv_arena_strdup(&r->arena, c[i].evidence);
		if (c[i].path)
			c[i].path = prv_arena_strdup(&r->arena, c[i].path);
	}
	r->comments[s] = c;
	r->nr_comments[s] = cs->nr_comments;
	if (cs->prev)
		describe_comments(r, s, cs->prev->version);
}

static const enum prv_topic patch_topics[] = {
	PRV_TOPIC_SUBJECT, PRV_TOPIC_TRAILERS, PRV_TOPIC_FIXES,
	PRV_TOPIC_REVIEW,  PRV_TOPIC_TCP,      PRV_TOPIC_REPO,
};

/* The items of series `s` as a whole: form, changes, changelog, comments. */
static void series_items(struct prv_report *r, size_t s,
			 const struct prv_version *v, const struct slot *sl,
			 size_t n)
{
	struct prv_check_item *it;

	it = add_item(r, s, -1, PRV_TOPIC_SERIES,
		      topic_titles[PRV_TOPIC_SERIES]);
	item_collect(r, it, sl, n);
	if (r->series[s]->nr_versions > 1 || r->changes[s]) {
		it = add_item(r, s, -1, PRV_TOPIC_CHANGES,
			      topic_titles[PRV_TOPIC_CHANGES]);
		it->details = r->changes[s];
		item_collect(r, it, sl, n);
		if (!it->nr_findings && it->details)
			it->status = PRV_ITEM_TODO;
	}
	if (v->version > 1 || r->changelog[s]) {
		it = add_item(r, s, -1, PRV_TOPIC_CHANGELOG,
			      topic_titles[PRV_TOPIC_CHANGELOG]);
		it->details = r->changelog[s];
		item_collect(r, it, sl, n);
	}
	if (r->comments_title[s]) {
		it = add_item(r, s, -1, PRV_TOPIC_COMMENTS,
			      r->comments_title[s]);
		it->details = r->comments_details[s];
		item_collect(r, it, sl, n);
	}
}

/* The per-patch items of series `s`, the cover's first. */
static void patch_items(struct prv_report *r, size_t s,
			const struct prv_version *v, const struct slot *sl,
			size_t n)
{
	struct prv_check_item *it;
	size_t i, k;

	/* The cover only gets items when something was found on it. */
	for (k = 0; k < PRV_ARRAY_SIZE(patch_topics); k++) {
		if (!has_topic_findings(sl, n, 0, patch_topics[k]))
			continue;
		it = add_item(r, s, 0, patch_topics[k],
			      topic_titles[patch_topics[k]]);
		item_collect(r, it, sl, n);
	}
	for (i = 0; i < v->nr_patches; i++) {
		int idx = v->patches[i].index;

		for (k = 0; k < PRV_ARRAY_SIZE(patch_topics); k++) {
			enum prv_topic t = patch_topics[k];

			/* Optional topics appear only when they say
			 * something. */
			if ((t == PRV_TOPIC_REVIEW || t == PRV_TOPIC_TCP ||
			     t == PRV_TOPIC_REPO || t == PRV_TOPIC_FIXES) &&
			    !has_topic_findings(sl, n, idx, t))
				continue;
			it = add_item(r, s, idx, t, topic_titles[t]);
			item_collect(r, it, sl, n);
		}
	}
}

void prv_report_build_checklist(struct prv_report *r)
{
	size_t s, i, n;
	struct span sp = { 0, 0 };
	struct slot *sl;
	bool sorted = true;

	for (i = 1; i < r->nr_findings; i++)
		if (r->findings[i].series < r->findings[i - 1].series)
			sorted = false;

	for (s = 0; s < r->nr_series; s++) {
		struct prv_version *v = prv_report_version(r, s);

		/* The checks add findings series by series; a report built
		 * otherwise scans them all for every series. */
		if (sorted) {
			sp.lo = sp.hi;
			while (sp.hi < r->nr_findings &&
			       r->findings[sp.hi].series == s)
				sp.hi++;
		} else {
			sp.lo = 0;
			sp.hi = r->nr_findings;
		}
		if (!v)
			continue;
		n = slots_of(&sl, r, s, sp);
		series_items(r, s, v, sl, n);
		patch_items(r, s, v, sl, n);
		free(sl);
	}
}

int prv_report_build(struct prv_report *r, const struct prv_findings *f)
{
	size_t i, s;

	r->warnings = f->warnings;
	for (i = 0; i < f->nr_series; i++) {
		const struct prv_checked_series *cs = &f->series[i];

		s = prv_report_add_series(r, cs->series, cs->profile);
		r->skipped[s] = cs->skipped;
		describe_changes(r, s, cs);
		describe_changelog(r, s, cs);
		copy_comments(r, s, cs);
	}
	for (i = 0; i < f->nr; i++)
		prv_report_add(r, &f->items[i]);
	if (f->nr_tcp) {
		r->tcp = prv_xcalloc(f->nr_tcp, sizeof(*r->tcp));
		for (i = 0; i < f->nr_tcp; i++)
			prv_tcp_impact_copy(&r->tcp[i], &f->tcp[i], &r->arena);
		r->nr_tcp = f->nr_tcp;
	}
	prv_report_build_checklist(r);
	return 0;
}

int prv_report_check(struct prv_report *r, struct prv_input *in,
		     const struct prv_check *const *families,
		     const struct prv_check_opts *opts)
{
	struct prv_findings f;
	int ret;

	prv_findings_init(&f);
	ret = prv_check_run(&f, in, families, opts);
	if (!ret)
		ret = prv_report_build(r, &f);
	prv_findings_release(&f);
	return ret;
}
