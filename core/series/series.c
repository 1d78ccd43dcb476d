// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/base/error.h"
#include "core/series/series_internal.h"
#include "core/base/util.h"

/*
 * Assembly runs in passes over in->mails:
 *  1. index message-ids, pick each mail's parent, find thread roots
 *     (breaking reference loops);
 *  2. classify: patch (a diff, not "Re:"), cover (0/N), reply (the rest
 *     that sits in a thread), other;
 *  3. gather patches and covers into units: one thread and version, or
 *     for unthreaded k/N patches one sender, version and N;
 *  4. join units into series (change-id, title + author, lore links in a
 *     changelog, a send cut short and its rest: sends.c), merge the units
 *     of one version, pick duplicates, sort, fill partial rerolls in from
 *     the previous version;
 *  5. attach replies and their review trailers to the patch they answer.
 */

__attribute__((format(printf, 3, 4))) static void
warn_mail(struct series_assembly *as, const struct prv_mail *m, const char *fmt,
	  ...)
{
	char text[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	prv_warn(as->w, m ? m->source : NULL, m ? m->message_id : NULL, "%s",
		 text);
}

static bool mail_has_diff(const struct prv_mail *m)
{
	return m->diff.nr_files > 0 || m->pm.diff_len > 0;
}

/* Later wins: by date when both have one, else by arrival. */
static bool mail_later(const struct prv_mail *a, const struct prv_mail *b)
{
	if (a->has_date && b->has_date && a->date != b->date)
		return a->date > b->date;
	return a->seq > b->seq;
}

/* Pass 1: message-ids, parents, roots. */

static void index_ids(struct series_assembly *as)
{
	size_t i, prev;

	for (i = 0; i < as->nr_nodes; i++) {
		struct prv_mail *m = as->nodes[i].m;

		if (!m->message_id || !*m->message_id)
			continue;
		prev = prv_strmap_put(&as->ids, m->message_id, i);
		if (prev == i)
			continue;
		as->nodes[i].kind = KIND_SKIP;
		if (strcmp(as->nodes[prev].m->subject ?
				   as->nodes[prev].m->subject :
				   "",
			   m->subject ? m->subject : ""))
			warn_mail(as, m,
				  "message-id seen twice with different "
				  "subjects: the first one is kept");
	}
}

static size_t find_id(struct series_assembly *as, const char *id, size_t self)
{
	size_t n;

	if (!id || !*id)
		return NONE;
	n = prv_strmap_get(&as->ids, id);
	return n == self ? NONE : n;
}

static void find_parents(struct series_assembly *as)
{
	size_t i, j, p;

	for (i = 0; i < as->nr_nodes; i++) {
		struct prv_mail *m = as->nodes[i].m;

		p = find_id(as, m->in_reply_to, i);
		for (j = m->nr_references; p == NONE && j > 0; j--)
			p = find_id(as, m->references[j - 1], i);
		if (p != NONE && as->nodes[p].kind == KIND_SKIP)
			p = NONE;
		as->nodes[i].parent = p;
	}
}

/*
 * Roots: walk up from every node; a walk that meets itself is a reference
 * loop, cut where it closes.
 */
static void find_roots(struct series_assembly *as)
{
	unsigned char *state = prv_xcalloc(as->nr_nodes, 1);
	size_t *stack = prv_xmalloc(sizeof(*stack) * (THREAD_DEPTH_MAX + 1));
	size_t i, n, cur, root;

	for (i = 0; i < as->nr_nodes; i++) {
		if (state[i] == 2)
			continue;
		n = 0;
		cur = i;
		while (1) {
			if (state[cur] == 2) {
				root = as->nodes[cur].root;
				break;
			}
			if (state[cur] == 1 || n == THREAD_DEPTH_MAX) {
				/* cut the link that closes the loop */
				size_t last = stack[n - 1];

				if (n == THREAD_DEPTH_MAX)
					warn_mail(as, as->nodes[last].m,
						  "thread deeper than %d "
						  "messages: cut here",
						  THREAD_DEPTH_MAX);
				else
					warn_mail(as, as->nodes[last].m,
						  "reference loop through this "
						  "message: cut here");
				as->nodes[last].parent = NONE;
				root = last;
				break;
			}
			state[cur] = 1;
			stack[n++] = cur;
			if (as->nodes[cur].parent == NONE) {
				root = cur;
				break;
			}
			cur = as->nodes[cur].parent;
		}
		while (n > 0) {
			cur = stack[--n];
			as->nodes[cur].root = root;
			state[cur] = 2;
		}
	}
	free(stack);
	free(state);
}

/* Mails sent together ("git send-email" of one version) are minutes apart. */
#define POSTING_SECONDS (10 * 60)

/* Whether patch m answers cover c as part of the same posting. */
static bool same_posting(const struct prv_mail *c, const struct prv_mail *m)
{
	long long d = m->date - c->date;

	return c->has_date && m->has_date && d >= 0 && d <= POSTING_SECONDS &&
	       m->subj.has_counter && m->subj.index >= 1 &&
	       m->subj.total == c->subj.total && !m->subj.partial_from;
}

/* Pass 2: kinds and effective versions. */

static void classify(struct series_assembly *as)
{
	size_t i;

	for (i = 0; i < as->nr_nodes; i++) {
		struct series_node *n = &as->nodes[i];
		const struct prv_subject *s = &n->m->subj;
		bool threaded = n->parent != NONE || n->m->in_reply_to ||
				n->m->nr_references;

		if (n->kind == KIND_SKIP)
			continue;
		n->version = s->version > 0 ? s->version : 1;
		/* a subject without vN (read as v1): b4's file name says */
		if (n->version == 1 && n->m->b4am_version > 1)
			n->version = n->m->b4am_version;
		n->point = s->point;
		if (s->is_reply)
			n->kind = threaded || !mail_has_diff(n->m) ?
					  KIND_REPLY :
					  KIND_OTHER;
		else if (mail_has_diff(n->m))
			n->kind = s->has_counter && s->index == 0 ? KIND_COVER :
								    KIND_PATCH;
		else if (s->has_counter && s->index == 0)
			n->kind = KIND_COVER;
		else if (n->parent == NONE &&
			 prv_kind_of_mail(n->m) == PRV_KIND_PULL)
			/* [GIT PULL]: a pull request without patches */
			n->kind = KIND_COVER;
		else if (threaded)
			n->kind = KIND_REPLY;
		else
			n->kind = KIND_OTHER;
		if (n->kind == KIND_REPLY && !s->is_reply && s->is_patch &&
		    s->has_counter)
			warn_mail(as, n->m, "'%s' has no diff: read as a reply",
				  n->m->subject);
	}
	/*
	 * Patches under a cover that names a version but carry none
	 * themselves ("[PATCH v3 0/4]" then "[PATCH 1/4]") belong to it.
	 */
	for (i = 0; i < as->nr_nodes; i++) {
		struct series_node *n = &as->nodes[i];
		struct series_node *p;

		if (n->kind != KIND_PATCH || n->parent == NONE)
			continue;
		p = &as->nodes[n->parent];
		if (p->kind == KIND_COVER && same_posting(p->m, n->m) &&
		    (p->version != n->version || p->point != n->point)) {
			/* "[PATCH nft 1/3,v2]" under "[PATCH nft 0/3]" */
			warn_mail(as, n->m,
				  "patch says v%d but was sent with its cover "
				  "letter: read as v%d",
				  n->version, p->version);
			n->version = p->version;
			n->point = p->point;
			continue;
		}
		if (n->version != 1 || n->m->subj.partial_from)
			continue;
		if (p->kind == KIND_COVER && p->version > 1 &&
		    p->m->subj.total == n->m->subj.total) {
			n->version = p->version;
			n->point = p->point;
			warn_mail(as, n->m,
				  "patch has no version: v%d taken from its "
				  "cover letter",
				  p->version);
		}
	}
}

/* Pass 3: units. */

static size_t unit_new(struct series_assembly *as, int version, int point)
{
	struct series_unit *u;

	PRV_ALLOC_GROW(as->units, as->nr_units + 1, as->alloc_units);
	u = &as->units[as->nr_units];
	memset(u, 0, sizeof(*u));
	u->version = version;
	u->point = point;
	u->leader = as->nr_units;
	u->next = as->nr_units;
	u->date = 0;
	u->seq = NONE;
	return as->nr_units++;
}

static void unit_add(struct series_assembly *as, size_t unit, size_t node)
{
	struct series_unit *u = &as->units[unit];
	struct prv_mail *m = as->nodes[node].m;

	PRV_ALLOC_GROW(u->mails, u->nr + 1, u->alloc);
	u->mails[u->nr++] = node;
	if (m->has_date && (!u->date || m->date < u->date))
		u->date = m->date;
	if (m->has_date && m->date > u->last)
		u->last = m->date;
	if (u->seq == NONE || m->seq < u->seq)
		u->seq = m->seq;
	as->nodes[node].unit = unit;
}

static char *lower_dup(struct prv_arena *a, const char *s)
{
	char *d = prv_arena_strdup(a, s ? s : "");
	char *p;

	for (p = d; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p += 'a' - 'A';
	return d;
}

/*
 * A name that tells a person apart ("Fernando Fernandez Mancera"): two
 * words at least. Authors change addresses between versions (work and
 * personal ones), rarely their name.
 */
static bool telling_name(const char *name)
{
	return name && strlen(name) >= 5 && strchr(name, ' ');
}

static bool same_person(const struct prv_person *a, const struct prv_person *b)
{
	return prv_person_same_email(a, b) ||
	       (telling_name(a->name) && telling_name(b->name) &&
		!strcasecmp(a->name, b->name));
}

/*
 * Whether a patch in a thread belongs to the thread's posting: sent by
 * the same person, or numbered under the cover letter it answers (git
 * format-patch gives the cover the committer's From and each patch its
 * author's).
 */
static bool own_work(struct series_assembly *as, size_t i)
{
	const struct series_node *n = &as->nodes[i];
	const struct series_node *r = &as->nodes[n->root];

	return same_person(&n->m->from, &r->m->from) ||
	       (r->kind == KIND_COVER && n->parent == n->root &&
		n->m->subj.has_counter && n->m->subj.index >= 1 &&
		n->m->subj.total == r->m->subj.total);
}

/*
 * The root of the thread a mail answers when the input lacks it (the
 * first of its References, else its In-Reply-To), or "": patches that
 * answer two covers the input lacks are two postings.
 */
static const char *absent_root(const struct prv_mail *m)
{
	if (m->nr_references && m->references[0])
		return m->references[0];
	return m->in_reply_to ? m->in_reply_to : "";
}

/* The tree tags of a subject, lower case, in order. */
static const char *tags_key(struct series_assembly *as,
			    const struct prv_subject *s)
{
	const char *key = "";
	size_t i;

	for (i = 0; i < s->nr_tags; i++)
		key = prv_arena_printf(as->a, "%s\x02%s", key,
				       lower_dup(as->a, s->tags[i]));
	return key;
}

static void build_units(struct series_assembly *as)
{
	struct prv_strmap keys;
	size_t *members = prv_xcalloc(as->nr_nodes, sizeof(*members));
	size_t i, u;

	/* how many patches and covers each thread holds */
	for (i = 0; i < as->nr_nodes; i++)
		if (as->nodes[i].kind == KIND_PATCH ||
		    as->nodes[i].kind == KIND_COVER)
			members[as->nodes[i].root]++;

	prv_strmap_init(&keys, as->nr_nodes);
	for (i = 0; i < as->nr_nodes; i++) {
		struct series_node *n = &as->nodes[i];
		const struct prv_subject *s = &n->m->subj;
		const char *key;

		n->unit = NONE;
		if (n->kind != KIND_PATCH && n->kind != KIND_COVER)
			continue;
		if (n->m->b4am_posting)
			/* b4 am's .mbx and .cover: one posting, any authors */
			key = prv_arena_printf(as->a, "b\x01%s\x01%d.%d",
					       n->m->b4am_posting, n->version,
					       n->point);
		else if (n->root != i && !s->has_counter &&
			 !prv_person_same_email(&n->m->from,
						&as->nodes[n->root].m->from))
			/* someone else's "[PATCH] alternative" in a thread */
			key = prv_arena_printf(as->a, "s\x01%zu", i);
		else if (members[n->root] > 1 || n->root != i)
			/* another person's patches in a thread: their own */
			key = prv_arena_printf(
				as->a, "t\x01%s\x01%d.%d\x01%s",
				as->nodes[n->root].m->message_id, n->version,
				n->point,
				own_work(as, i) ?
					"" :
					lower_dup(as->a, n->m->from.email));
		else if (s->has_counter && s->total > 1)
			/*
			 * one posting: one sender, version, N and tree, and
			 * the thread the input lacks the root of
			 */
			key = prv_arena_printf(
				as->a, "u\x01%s\x01%d.%d\x01%d\x01%s\x01%s",
				lower_dup(as->a, n->m->from.email), n->version,
				n->point, s->total, tags_key(as, s),
				absent_root(n->m));
		else
			key = prv_arena_printf(as->a, "s\x01%zu", i);
		u = prv_strmap_get(&keys, key);
		if (u == NONE) {
			u = unit_new(as, n->version, n->point);
			prv_strmap_put(&keys, key, u);
		}
		unit_add(as, u, i);
	}
	prv_strmap_release(&keys);
	free(members);
}

/* Pass 4: series. */

static size_t unit_find(struct series_assembly *as, size_t u)
{
	while (as->units[u].leader != u) {
		as->units[u].leader = as->units[as->units[u].leader].leader;
		u = as->units[u].leader;
	}
	return u;
}

static void unit_union(struct series_assembly *as, size_t a, size_t b)
{
	size_t t;

	a = unit_find(as, a);
	b = unit_find(as, b);
	if (a == b)
		return;
	/* splice the two circular lists of members */
	t = as->units[a].next;
	as->units[a].next = as->units[b].next;
	as->units[b].next = t;
	if (a < b)
		as->units[b].leader = a;
	else
		as->units[a].leader = b;
}

/* The title and author that name a unit: its cover's, or its patch 1's. */
static struct prv_mail *unit_lead_mail(struct series_assembly *as, size_t u,
				       bool cover)
{
	struct series_unit *un = &as->units[u];
	struct prv_mail *best = NULL;
	int best_k = 0;
	size_t i;

	for (i = 0; i < un->nr; i++) {
		struct series_node *n = &as->nodes[un->mails[i]];
		int k = n->m->subj.index;

		if ((n->kind == KIND_COVER) != cover)
			continue;
		if (!best || k < best_k) {
			best = n->m;
			best_k = k;
		}
	}
	return best;
}

static const char *unit_change_id(struct series_assembly *as, size_t u)
{
	struct series_unit *un = &as->units[u];
	size_t i;

	for (i = 0; i < un->nr; i++) {
		const char *c = as->nodes[un->mails[i]].m->change_id;

		if (c && *c)
			return c;
	}
	return NULL;
}

/* Patches threaded under a pull request's text ("Netfilter updates (v2)"). */
static bool thread_root_pulls(struct series_assembly *as, size_t u)
{
	const struct series_node *head = &as->nodes[as->units[u].mails[0]];
	const struct series_node *root = &as->nodes[head->root];

	return root->kind != KIND_PATCH && root->kind != KIND_COVER &&
	       prv_kind_of_mail(root->m) == PRV_KIND_PULL;
}

/*
 * Pass 3b: what each unit is. Its cover decides (a pull request, a stable
 * review); else, or when the cover reads as a plain series, its first
 * patch (a backport says so in its subject or its first lines).
 */
static void kind_units(struct series_assembly *as)
{
	size_t u;

	for (u = 0; u < as->nr_units; u++) {
		struct series_unit *un = &as->units[u];
		const struct prv_mail *cover = unit_lead_mail(as, u, true);
		const struct prv_mail *first = unit_lead_mail(as, u, false);
		enum prv_kind k = PRV_KIND_SERIES, kf;

		if (cover)
			k = prv_kind_of_mail(cover);
		else if (thread_root_pulls(as, u))
			k = PRV_KIND_PULL;
		if (first && k == PRV_KIND_SERIES) {
			kf = prv_kind_of_mail(first);
			if (!cover || kf == PRV_KIND_BACKPORT ||
			    kf == PRV_KIND_AUTOSEL)
				k = kf;
		}
		un->kind = k;
		if (cover || first)
			un->stable = prv_kind_stable_tag(cover ? &cover->subj :
								 &first->subj);
	}
}

/*
 * Units of different kinds are never one series (a pull request and a
 * patch it carries, a backport and its original), nor backports to
 * different stable trees.
 */
static bool units_compatible(struct series_assembly *as, size_t a, size_t b)
{
	const struct series_unit *x = &as->units[a], *y = &as->units[b];

	if (x->kind != y->kind || !x->stable != !y->stable)
		return false;
	return !x->stable || !strcasecmp(x->stable, y->stable);
}

static bool units_in_order(struct series_assembly *as, size_t a, size_t b);
static bool version_before(struct series_assembly *as, size_t a, size_t b);

/* Past this many pairs, two groups are compared by the two units alone. */
#define GROUP_PAIRS_MAX 4096

/*
 * Whether the versions of two groups of units, put together, still come in
 * order of date (see units_in_order()).
 */
static bool groups_in_order(struct series_assembly *as, size_t a, size_t b)
{
	size_t x = a, y, pairs = 0;

	do {
		y = b;
		do {
			if (++pairs > GROUP_PAIRS_MAX)
				return units_in_order(as, a, b);
			if (!units_in_order(as, x, y))
				return false;
			y = as->units[y].next;
		} while (y != b);
		x = as->units[x].next;
	} while (x != a);
	return true;
}

/*
 * Join unit b to a's series, saying why (show -v). With `ordered`, only
 * when the versions of both stay in order of date: a title and author say
 * less than a link or a change-id.
 */
bool prv_series_unit_join(struct series_assembly *as, size_t a, size_t b,
			  const char *why, bool ordered)
{
	if (unit_find(as, a) == unit_find(as, b))
		return true;
	if (!units_compatible(as, a, b))
		return false;
	if (ordered && !groups_in_order(as, a, b))
		return false;
	if (!as->units[b].why)
		as->units[b].why = why;
	else if (!as->units[a].why)
		as->units[a].why = why;
	unit_union(as, a, b);
	return true;
}

static void join_by_key(struct series_assembly *as, struct prv_strmap *map,
			const char *key, size_t u, const char *why)
{
	size_t other = prv_strmap_put(map, key, u);

	if (other != u)
		prv_series_unit_join(as, other, u, why, false);
}

static int unit_total(struct series_assembly *as, size_t u)
{
	const struct series_unit *un = &as->units[u];

	return un->nr ? as->nodes[un->mails[0]].m->subj.total : 0;
}

/* Same tree tags in any order ("5.15.y" backports are not "5.10.y" ones). */
bool prv_series_same_tags(const struct prv_subject *a,
			  const struct prv_subject *b)
{
	size_t i;

	if (a->nr_tags != b->nr_tags)
		return false;
	for (i = 0; i < a->nr_tags; i++)
		if (!prv_subject_has_tag(b, a->tags[i]))
			return false;
	return true;
}

/*
 * Whether two units hold the same patches: with `same_n` (a resend of one
 * version) the same N and tags and at least half of the patches of the
 * smaller one under the same titles, else (another version) one shared
 * patch title.
 */
static bool units_overlap(struct series_assembly *as, size_t a, size_t b,
			  bool same_n)
{
	const struct series_unit *x = &as->units[a], *y = &as->units[b];
	struct prv_strmap titles;
	size_t i, shared = 0, nx = 0, ny = 0;

	if (same_n && (unit_total(as, a) != unit_total(as, b) ||
		       !prv_series_same_tags(&as->nodes[x->mails[0]].m->subj,
					     &as->nodes[y->mails[0]].m->subj)))
		return false;
	prv_strmap_init(&titles, y->nr);
	for (i = 0; i < y->nr; i++) {
		const struct series_node *o = &as->nodes[y->mails[i]];

		if (o->kind != KIND_PATCH)
			continue;
		ny++;
		prv_strmap_put(&titles, o->m->subj.title, i);
	}
	for (i = 0; i < x->nr; i++) {
		const struct series_node *n = &as->nodes[x->mails[i]];

		if (n->kind != KIND_PATCH)
			continue;
		nx++;
		shared += prv_strmap_get(&titles, n->m->subj.title) != NONE;
	}
	prv_strmap_release(&titles);
	if (!nx || !ny)
		return !same_n; /* a cover alone: any version of it */
	if (same_n)
		return shared > 0 && shared * 2 >= (nx < ny ? nx : ny);
	return shared > 0;
}

static bool same_version(struct series_assembly *as, size_t a, size_t b)
{
	return as->units[a].version == as->units[b].version &&
	       as->units[a].point == as->units[b].point;
}

/* Whether unit a is a version before unit b. */
static bool version_before(struct series_assembly *as, size_t a, size_t b)
{
	const struct series_unit *x = &as->units[a], *y = &as->units[b];

	return x->version < y->version ||
	       (x->version == y->version && x->point < y->point);
}

/* Allowed clock skew between the mails of two versions. */
#define VERSION_DATE_SLACK (600)

/*
 * Whether the lower version of two came first: a "v1" posted after v2
 * under the same title is other work (or a mislabelled posting), not the
 * first version, unless a link or a change-id says otherwise. Postings
 * are compared by their latest mail: git format-patch dates each patch
 * with its commit's author date, and only its cover letter with the time
 * it was written.
 */
static bool units_in_order(struct series_assembly *as, size_t a, size_t b)
{
	const struct series_unit *x = &as->units[a], *y = &as->units[b];

	if (same_version(as, a, b) || !x->last || !y->last)
		return true;
	if (version_before(as, b, a)) {
		const struct series_unit *t = x;

		x = y;
		y = t;
	}
	return x->last <= y->last + VERSION_DATE_SLACK;
}

/*
 * Same title and author: versions of one series when they share patches
 * (see units_overlap()), or, under a cover title (`covers`), when they are
 * other versions: the cover title and its sender stay while patch titles
 * get reworded. Resends of one version must share half their patches;
 * recurring postings under one title (weekly pull requests) are of
 * another kind or share nothing. Each unit is compared with the latest one
 * seen under the key.
 */
static void join_by_title(struct series_assembly *as, struct prv_strmap *map,
			  const char *key, size_t u, bool covers,
			  const char *why)
{
	size_t other = prv_strmap_set(map, key, u);
	bool same;

	if (other == NONE || other == u)
		return;
	same = same_version(as, other, u);
	/* a maintainer's recurring pull requests keep their cover title */
	if ((same || !covers || as->units[u].kind == PRV_KIND_PULL) &&
	    !units_overlap(as, other, u, same))
		return;
	prv_series_unit_join(as, other, u, why, true);
}

/* A key of a title and who wrote it (an address, or a name: `tag`). */
static const char *title_key(struct series_assembly *as, const char *title,
			     char tag, const char *who)
{
	char *t = lower_dup(as->a, title);
	char *w = lower_dup(as->a, who);

	return prv_arena_printf(as->a, "%s\x01%c%s", t, tag, w);
}

/* Join by title under both the address and the name of its writer. */
static void join_by_titles(struct series_assembly *as, struct prv_strmap *map,
			   size_t u, const char *title,
			   const struct prv_person *who, bool covers)
{
	if (who->email && *who->email)
		join_by_title(as, map, title_key(as, title, 'e', who->email), u,
			      covers,
			      covers ? "same cover title and sender" :
				       "same patch title and author");
	if (telling_name(who->name))
		join_by_title(as, map, title_key(as, title, 'n', who->name), u,
			      covers,
			      covers ? "same cover title and sender's name" :
				       "same patch title and author's name");
}

/*
 * Links to earlier versions ("- Link to v1: https://lore.kernel.org/r/<id>",
 * read at mail parse): join the unit of any message they name.
 */
static void join_by_links(struct series_assembly *as, size_t u,
			  const struct prv_mail *m)
{
	size_t i, node;

	for (i = 0; i < m->nr_links; i++) {
		node = prv_strmap_get(&as->ids, m->links[i].msgid);
		if (node == NONE || as->nodes[node].unit == NONE)
			continue;
		/* a changelog links to earlier versions, not later ones */
		if (!version_before(as, as->nodes[node].unit, u))
			continue;
		prv_series_unit_join(as, as->nodes[node].unit, u,
				     "a changelog link to an earlier version",
				     false);
	}
}

static void join_units(struct series_assembly *as)
{
	struct prv_strmap by_change_id, by_title, by_root;
	size_t u, i;

	prv_strmap_init(&by_root, as->nr_units);
	prv_strmap_init(&by_change_id, as->nr_units);
	prv_strmap_init(&by_title, as->nr_units * 4);
	for (u = 0; u < as->nr_units; u++) {
		struct prv_mail *cover = unit_lead_mail(as, u, true);
		struct prv_mail *first = unit_lead_mail(as, u, false);
		const char *cid = unit_change_id(as, u);
		const struct series_node *head =
			&as->nodes[as->units[u].mails[0]];
		const struct prv_mail *lead = head->m;
		const struct prv_mail *root = as->nodes[head->root].m;

		if (cid)
			join_by_key(as, &by_change_id, cid, u,
				    "same change-id");
		/*
		 * a version sent as a reply in an older version's thread, by
		 * the same person; a patch from someone else (an RFC, an
		 * alternative) is their own work, not a version
		 */
		if (same_person(&lead->from, &root->from) ||
		    same_person(&lead->pm.author, &root->pm.author) ||
		    own_work(as, as->units[u].mails[0]))
			join_by_key(as, &by_root, root->message_id, u,
				    "sent in the same thread");
		if (cover)
			join_by_titles(as, &by_title, u, cover->subj.title,
				       &cover->from, true);
		/*
		 * the author: the in-body From when there is one; a pull
		 * request's patches are other people's work
		 */
		if (first && as->units[u].kind != PRV_KIND_PULL)
			join_by_titles(as, &by_title, u, first->subj.title,
				       &first->pm.author, false);
	}
	for (u = 0; u < as->nr_units; u++) {
		for (i = 0; i < as->units[u].nr; i++) {
			join_by_links(as, u,
				      as->nodes[as->units[u].mails[i]].m);
		}
	}
	prv_strmap_release(&by_title);
	prv_strmap_release(&by_change_id);
	prv_strmap_release(&by_root);
}

/* Choose between two mails for one slot: a RESEND wins, then the later. */
static bool mail_preferred(const struct prv_mail *a, const struct prv_mail *b)
{
	if (a->subj.resend != b->subj.resend)
		return a->subj.resend;
	return mail_later(a, b);
}

static int cmp_patch(const void *a, const void *b)
{
	const struct prv_patch *x = a, *y = b;

	if (x->index != y->index)
		return x->index < y->index ? -1 : 1;
	return 0;
}

static int cmp_node_date(const void *a, const void *b, void *payload)
{
	struct series_assembly *as = payload;
	const struct prv_mail *x = as->nodes[*(const size_t *)a].m;
	const struct prv_mail *y = as->nodes[*(const size_t *)b].m;

	if (x == y)
		return 0;
	return mail_later(x, y) ? 1 : -1;
}

static void add_tag(struct prv_arena *a, struct prv_version *v,
		    const struct prv_subject *s, size_t *alloc)
{
	size_t i, j;

	for (i = 0; i < s->nr_tags; i++) {
		for (j = 0; j < v->nr_tags; j++)
			if (prv_eq_ci(v->tags[j], strlen(v->tags[j]),
				      s->tags[i]))
				break;
		if (j < v->nr_tags)
			continue;
		PRV_ARENA_GROW(a, v->tags, v->nr_tags + 1, *alloc);
		v->tags[v->nr_tags++] = s->tags[i];
	}
}

static void compute_missing(struct prv_arena *a, struct prv_version *v)
{
	size_t i;
	int k;

	v->nr_missing = 0;
	v->missing = NULL;
	if (v->expected <= 0)
		return;
	v->missing = prv_arena_alloc(a, sizeof(*v->missing) * v->expected);
	for (k = 1, i = 0; k <= v->expected; k++) {
		while (i < v->nr_patches && v->patches[i].index < k)
			i++;
		if (i < v->nr_patches && v->patches[i].index == k)
			continue;
		v->missing[v->nr_missing++] = k;
	}
	v->complete = v->nr_missing == 0 && v->nr_patches > 0;
}

/* The largest k a subject can carry (four digits). */
#define INDEX_MAX 9999

/* Where the mails of a version go while it is built. */
struct version_slots {
	struct prv_patch *patches;
	size_t nr_patches;
	size_t *uncounted; /* patches without k/N, in order of date */
	size_t nr_uncounted;
	size_t *slot; /* index k -> position in patches + 1, 0 when free */
	size_t nr_slots;
	size_t alloc_dup;
	struct prv_mail *cover;
	int max_total;
};

static void set_aside(struct series_assembly *as, struct prv_version *v,
		      struct version_slots *vs, struct prv_mail *drop)
{
	PRV_ARENA_GROW(as->a, v->duplicates, v->nr_duplicates + 1,
		       vs->alloc_dup);
	v->duplicates[v->nr_duplicates++] = drop;
}

/* A cover letter: the preferred one is kept, the other set aside. */
static void place_cover(struct series_assembly *as, struct prv_version *v,
			struct version_slots *vs, struct prv_mail *m)
{
	struct prv_mail *drop = m;

	if (!vs->cover || mail_preferred(m, vs->cover)) {
		drop = vs->cover;
		vs->cover = m;
	}
	if (!drop)
		return;
	set_aside(as, v, vs, drop);
	warn_mail(as, drop, "cover letter sent again: the other copy is kept");
}

/* A patch with its index: a slot of its own, or a duplicate of one. */
static void place_patch(struct series_assembly *as, struct prv_version *v,
			struct version_slots *vs, struct prv_mail *m, int index)
{
	struct prv_patch *p;
	struct prv_mail *drop = m;

	if (index < 0 || index > INDEX_MAX)
		index = INDEX_MAX;
	if (m->subj.total > vs->max_total)
		vs->max_total = m->subj.total;
	if (!vs->slot[index]) {
		p = &vs->patches[vs->nr_patches];
		p->mail = m;
		p->index = index;
		vs->slot[index] = ++vs->nr_patches;
		return;
	}
	p = &vs->patches[vs->slot[index] - 1];
	if (mail_preferred(m, p->mail)) {
		drop = p->mail;
		p->mail = m;
	}
	set_aside(as, v, vs, drop);
	warn_mail(as, drop,
		  "patch %d sent twice in this version: the other copy is "
		  "kept",
		  index);
}

/* Patches without k/N take the free slots, in order of date. */
static void place_uncounted(struct series_assembly *as, struct prv_version *v,
			    struct version_slots *vs)
{
	size_t i;
	int k = 1;

	for (i = 0; i < vs->nr_uncounted; i++) {
		struct prv_mail *m = as->nodes[vs->uncounted[i]].m;

		while ((size_t)k < vs->nr_slots - 1 && vs->slot[k])
			k++;
		vs->patches[vs->nr_patches].mail = m;
		vs->patches[vs->nr_patches].index = k;
		vs->slot[k] = ++vs->nr_patches;
		warn_mail(as, m, "patch has no k/N counter: read as patch %d",
			  k);
		if (k > v->expected)
			v->expected = k;
	}
}

/* Put every mail (node index, sorted by date) in its place. */
static void place_mails(struct series_assembly *as, struct prv_version *v,
			struct version_slots *vs, const size_t *mails,
			size_t nr)
{
	size_t i;
	bool all_single;

	/* with no cover and no k/N anywhere, every patch is 1/1 */
	for (i = 0; i < nr; i++)
		if (as->nodes[mails[i]].kind == KIND_COVER ||
		    as->nodes[mails[i]].m->subj.has_counter)
			break;
	all_single = i == nr;
	for (i = 0; i < nr; i++) {
		struct series_node *n = &as->nodes[mails[i]];

		if (n->kind == KIND_COVER)
			place_cover(as, v, vs, n->m);
		else if (!n->m->subj.has_counter && !all_single)
			vs->uncounted[vs->nr_uncounted++] = mails[i];
		else
			place_patch(as, v, vs, n->m,
				    all_single ? 1 : n->m->subj.index);
	}
	v->cover = vs->cover;
	v->expected = vs->cover && vs->cover->subj.has_counter ?
			      vs->cover->subj.total :
			      vs->max_total;
	if (v->expected < vs->max_total)
		warn_mail(as, vs->cover,
			  "patches number up to %d, more than the cover "
			  "letter says",
			  vs->max_total);
	place_uncounted(as, v, vs);
}

/*
 * The message the patches of a coverless version all answer, when the
 * input lacks it: the cover letter of an archive slice or a search.
 */
static const char *absent_parent(struct series_assembly *as,
				 const struct prv_version *v)
{
	const char *id = NULL;
	size_t i;

	if (v->cover || !v->nr_patches || v->expected < 2)
		return NULL;
	for (i = 0; i < v->nr_patches; i++) {
		const struct prv_mail *m = v->patches[i].mail;

		if (!m->in_reply_to || !m->subj.has_counter ||
		    prv_strmap_get(&as->ids, m->in_reply_to) != NONE)
			return NULL;
		if (id && strcmp(id, m->in_reply_to))
			return NULL;
		id = m->in_reply_to;
	}
	return id;
}

/* Tags, RFC, RESEND, date and thread of a built version. */
static void version_facts(struct series_assembly *as, struct prv_version *v,
			  const size_t *mails, size_t nr)
{
	const struct prv_mail *lead;
	size_t i, alloc_tags = 0, n;

	if (v->cover) {
		add_tag(as->a, v, &v->cover->subj, &alloc_tags);
		v->rfc |= v->cover->subj.rfc;
		v->resend |= v->cover->subj.resend;
	}
	for (i = 0; i < v->nr_patches; i++) {
		const struct prv_mail *m = v->patches[i].mail;

		add_tag(as->a, v, &m->subj, &alloc_tags);
		v->rfc |= m->subj.rfc;
		v->resend |= m->subj.resend;
	}
	v->date = 0;
	v->b4am = nr > 0;
	for (i = 0; i < nr; i++) {
		const struct prv_mail *m = as->nodes[mails[i]].m;

		if (m->has_date && (!v->date || m->date < v->date))
			v->date = m->date;
		v->b4am &= m->b4am;
	}
	lead = prv_version_lead(v);
	if (lead) {
		n = prv_strmap_get(&as->ids, lead->message_id);
		v->thread_root =
			n == NONE ? lead->message_id :
				    as->nodes[as->nodes[n].root].m->message_id;
	}
	v->absent_parent = absent_parent(as, v);
}

/* Build one version from the mails (node indexes) of its units. */
static void build_version(struct series_assembly *as, struct prv_version *v,
			  size_t *mails, size_t nr)
{
	struct version_slots vs = { .nr_slots = INDEX_MAX + nr + 2 };
	size_t i;

	qsort_r(mails, nr, sizeof(*mails), cmp_node_date, as);
	vs.patches = prv_arena_alloc(as->a, sizeof(*vs.patches) * nr);
	vs.uncounted = prv_xcalloc(nr, sizeof(*vs.uncounted));
	vs.slot = prv_xcalloc(vs.nr_slots, sizeof(*vs.slot));
	place_mails(as, v, &vs, mails, nr);
	free(vs.slot);
	free(vs.uncounted);
	qsort(vs.patches, vs.nr_patches, sizeof(*vs.patches), cmp_patch);
	v->patches = vs.patches;
	v->nr_patches = vs.nr_patches;
	for (i = 0; i < v->nr_patches; i++)
		if (v->patches[i].index > v->expected ||
		    v->patches[i].index < 1)
			warn_mail(as, v->patches[i].mail,
				  "patch %d is out of the series' range",
				  v->patches[i].index);
	compute_missing(as->a, v);
	version_facts(as, v, mails, nr);
}

static int cmp_unit_version(const void *a, const void *b, void *payload)
{
	struct series_assembly *as = payload;
	const struct series_unit *x = &as->units[*(const size_t *)a];
	const struct series_unit *y = &as->units[*(const size_t *)b];

	if (x->version != y->version)
		return x->version < y->version ? -1 : 1;
	if (x->point != y->point)
		return x->point < y->point ? -1 : 1;
	if (x->seq != y->seq)
		return x->seq < y->seq ? -1 : 1;
	return 0;
}

const struct prv_mail *prv_version_lead(const struct prv_version *v)
{
	size_t i;

	if (v->cover)
		return v->cover;
	for (i = 0; i < v->nr_patches; i++)
		if (!v->patches[i].filled_in)
			return v->patches[i].mail;
	return v->nr_patches ? v->patches[0].mail : NULL;
}

/* A version that lacks patches its predecessor has: a partial reroll. */
static void fill_partial(struct series_assembly *as, struct prv_series *s,
			 size_t vi)
{
	struct prv_version *v = &s->versions[vi], *prev = NULL;
	struct prv_patch *patches;
	size_t i, n, nr_filled = 0;
	int from = 0;
	bool in_old_thread;

	if (!v->nr_missing || vi == 0)
		return;
	for (i = 0; i < v->nr_patches; i++)
		if (v->patches[i].mail->subj.partial_from)
			from = v->patches[i].mail->subj.partial_from;
	if (v->cover && v->cover->subj.partial_from)
		from = v->cover->subj.partial_from;
	prev = from ? prv_series_version(s, from) : NULL;
	if (!prev)
		prev = &s->versions[vi - 1];
	in_old_thread = prev->thread_root && v->thread_root &&
			!strcmp(prev->thread_root, v->thread_root);
	/* a point version (v2.1) replaces some patches of the one before */
	if (!from && !in_old_thread && !v->point)
		return;
	if (prev->expected != v->expected)
		return;

	patches = prv_arena_alloc(
		as->a, sizeof(*patches) * (v->nr_patches + v->nr_missing));
	memcpy(patches, v->patches, sizeof(*patches) * v->nr_patches);
	n = v->nr_patches;
	for (i = 0; i < v->nr_missing; i++) {
		struct prv_patch *old = prv_version_patch(prev, v->missing[i]);

		if (!old)
			continue;
		memset(&patches[n], 0, sizeof(patches[n]));
		patches[n].mail = old->mail;
		patches[n].index = old->index;
		patches[n].filled_in = true;
		n++;
		nr_filled++;
	}
	if (!nr_filled)
		return;
	qsort(patches, n, sizeof(*patches), cmp_patch);
	v->patches = patches;
	v->nr_patches = n;
	v->partial = true;
	compute_missing(as->a, v);
	prv_warn(as->w, NULL, prv_version_lead(v)->message_id,
		 "v%s resends %zu of %d patches: the others are taken from v%s",
		 prv_version_name(v), n - nr_filled, v->expected,
		 prv_version_name(prev));
}

static void build_series(struct series_assembly *as, struct prv_series *s,
			 size_t *units, size_t nr)
{
	size_t i, j, nr_versions = 0;
	size_t *mails = NULL, nr_mails, alloc_mails = 0;
	struct prv_version *latest;
	struct prv_mail *lead = NULL;

	qsort_r(units, nr, sizeof(*units), cmp_unit_version, as);
	s->kind = as->units[units[0]].kind;
	s->versions = prv_arena_alloc(as->a, sizeof(*s->versions) * nr);
	for (i = 0; i < nr;) {
		struct prv_version *v = &s->versions[nr_versions++];
		int version = as->units[units[i]].version;
		int point = as->units[units[i]].point;

		v->joined_by = NULL;
		nr_mails = 0;
		for (; i < nr && as->units[units[i]].version == version &&
		       as->units[units[i]].point == point;
		     i++) {
			struct series_unit *u = &as->units[units[i]];

			if (!v->joined_by)
				v->joined_by = u->why;
			PRV_ALLOC_GROW(mails, nr_mails + u->nr, alloc_mails);
			for (j = 0; j < u->nr; j++)
				mails[nr_mails++] = u->mails[j];
		}
		v->version = version;
		v->point = point;
		build_version(as, v, mails, nr_mails);
	}
	free(mails);
	s->nr_versions = nr_versions;
	for (i = 0; i < nr_versions; i++) {
		struct prv_version *v = &s->versions[i];

		fill_partial(as, s, i);
		if (v->nr_missing && v->expected > 0)
			warn_mail(
				as, prv_version_lead(v),
				"v%s is incomplete: %zu of %d patches missing",
				prv_version_name(v), v->nr_missing,
				v->expected);
	}

	for (i = 0; i < nr && !s->change_id; i++)
		s->change_id = unit_change_id(as, units[i]);
	latest = &s->versions[nr_versions - 1];
	/* the newest cover letter names the series best */
	for (i = nr_versions; i > 0 && !s->title; i--) {
		const struct prv_mail *c = s->versions[i - 1].cover;

		if (c && c->subj.title && *c->subj.title)
			s->title = c->subj.title;
	}
	if (s->title)
		;
	else if (latest->nr_patches)
		s->title = prv_mail_title(latest->patches[0].mail);
	else if (latest->cover)
		s->title = prv_mail_title(latest->cover);
	else
		s->title = "";
	if (latest->nr_patches)
		lead = latest->patches[0].mail;
	if (lead)
		s->author = lead->pm.author.email ? lead->pm.author :
						    lead->from;
	else if (latest->cover)
		s->author = latest->cover->from;
	if (!s->author.name)
		s->author.name = "";
	if (!s->author.email)
		s->author.email = "";
}

static long long series_date(const struct prv_series *s)
{
	long long d = 0;
	size_t i;

	for (i = 0; i < s->nr_versions; i++)
		if (s->versions[i].date && (!d || s->versions[i].date < d))
			d = s->versions[i].date;
	return d;
}

static size_t series_seq(const struct prv_series *s)
{
	const struct prv_version *v = &s->versions[0];

	if (v->cover)
		return v->cover->seq;
	return v->nr_patches ? v->patches[0].mail->seq : 0;
}

static int cmp_series(const void *a, const void *b)
{
	const struct prv_series *x = a, *y = b;
	long long dx = series_date(x), dy = series_date(y);
	size_t sx = series_seq(x), sy = series_seq(y);

	if (dx != dy)
		return dx < dy ? -1 : 1;
	if (sx != sy)
		return sx < sy ? -1 : 1;
	return 0;
}

static void build_all_series(struct series_assembly *as)
{
	struct prv_input *in = as->in;
	size_t *order, *count, *start, u, nr_groups = 0, i;

	if (!as->nr_units)
		return;
	order = prv_xcalloc(as->nr_units, sizeof(*order));
	count = prv_xcalloc(as->nr_units, sizeof(*count));
	start = prv_xcalloc(as->nr_units + 1, sizeof(*start));
	for (u = 0; u < as->nr_units; u++)
		count[unit_find(as, u)]++;
	/* bucket the units by leader, leaders in order of first unit */
	for (u = 0, i = 0; u < as->nr_units; u++) {
		if (!count[u])
			continue;
		start[u] = i;
		i += count[u];
		nr_groups++;
	}
	for (u = 0; u < as->nr_units; u++) {
		size_t l = unit_find(as, u);

		order[start[l]++] = u;
	}
	in->series = prv_arena_alloc(as->a, sizeof(*in->series) * nr_groups);
	for (u = 0, i = 0; u < as->nr_units; u++) {
		if (!count[u])
			continue;
		build_series(as, &in->series[in->nr_series++],
			     order + start[u] - count[u], count[u]);
	}
	qsort(in->series, in->nr_series, sizeof(*in->series), cmp_series);
	free(start);
	free(count);
	free(order);
}

int prv_series_assemble(struct prv_input *in)
{
	struct series_assembly as;
	size_t i;

	memset(&as, 0, sizeof(as));
	as.in = in;
	as.a = &in->arena;
	as.w = &in->warnings;
	as.nr_nodes = in->nr_mails;
	if (in->series)
		return prv_error(PRV_ERROR, "series already assembled");
	if (!in->nr_mails)
		return 0;
	as.nodes = prv_xcalloc(in->nr_mails, sizeof(*as.nodes));
	for (i = 0; i < in->nr_mails; i++) {
		struct prv_mail *m = in->mails[i];

		/* the mail parser fills these; be safe with hand-made mails */
		if (!m->message_id)
			m->message_id = prv_arena_printf(
				as.a, "missing-%zu@prereview.invalid", i);
		if (!m->subj.title)
			prv_subject_parse(&m->subj, as.a, m->subject,
					  m->subject ? strlen(m->subject) : 0);
		as.nodes[i].m = m;
		as.nodes[i].unit = NONE;
		as.nodes[i].k = -1;
	}
	prv_strmap_init(&as.ids, in->nr_mails);

	index_ids(&as);
	find_parents(&as);
	find_roots(&as);
	classify(&as);
	build_units(&as);
	kind_units(&as);
	join_units(&as);
	prv_series_join_cut_sends(&as);
	build_all_series(&as);
	prv_series_attach_replies(&as);

	for (i = 0; i < as.nr_units; i++)
		free(as.units[i].mails);
	free(as.units);
	prv_strmap_release(&as.ids);
	free(as.nodes);
	return 0;
}

struct prv_version *prv_series_version(struct prv_series *s, int v)
{
	size_t i;

	for (i = 0; i < s->nr_versions; i++)
		if (s->versions[i].version == v)
			return &s->versions[i];
	return NULL;
}

struct prv_patch *prv_version_patch(struct prv_version *v, int k)
{
	size_t lo = 0, hi = v->nr_patches;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v->patches[mid].index == k)
			return &v->patches[mid];
		if (v->patches[mid].index < k)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

bool prv_version_has_tag(const struct prv_version *v, const char *tag)
{
	size_t i;

	for (i = 0; i < v->nr_tags; i++)
		if (v->tags[i] && !strcasecmp(v->tags[i], tag))
			return true;
	return false;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t l = strlen(s), n = strlen(suffix);

	return l >= n && !strcasecmp(s + l - n, suffix);
}

/* Tags that are not trees: common subject words people bracket. */
static bool tag_is_tree(const char *t)
{
	static const char *const not_trees[] = {
		"PATCH", "RFC", "RESEND", "WIP", "DO NOT MERGE",
		"TEST",	 "POC", "HACK",	  "DNM", "for-review",
	};
	size_t i;

	if (!*t)
		return false;
	for (i = 0; i < PRV_ARRAY_SIZE(not_trees); i++)
		if (!strcasecmp(t, not_trees[i]))
			return false;
	return true;
}

bool prv_version_is_next(const struct prv_version *v)
{
	size_t i;

	for (i = 0; i < v->nr_tags; i++)
		if (v->tags[i] && ends_with(v->tags[i], "-next"))
			return true;
	return false;
}

const char *prv_version_tree_tag(const struct prv_version *v)
{
	size_t i;

	for (i = 0; i < v->nr_tags; i++)
		if (v->tags[i] && tag_is_tree(v->tags[i]))
			return v->tags[i];
	return NULL;
}

const char *prv_version_name(const struct prv_version *v)
{
	/* a few rotating buffers: two names may be in one message */
	static _Thread_local char buf[4][24];
	static _Thread_local unsigned next;
	char *b = buf[next++ % 4];

	if (v->point)
		snprintf(b, sizeof(buf[0]), "%d.%d", v->version, v->point);
	else
		snprintf(b, sizeof(buf[0]), "%d", v->version);
	return b;
}
