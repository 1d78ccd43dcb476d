// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mail/address.h"
#include "core/series/series_internal.h"
#include "core/mail/trailer.h"
#include "core/base/util.h"

/* Review trailers kept per patch (the duplicate check is quadratic). */
#define REVIEW_TRAILERS_MAX 256

/*
 * Pass 5 of series assembly: replies at any depth under a patch or a cover
 * letter, and the review trailers they give (b4's followup trailers).
 */

static void locate_mails(struct series_assembly *as)
{
	struct prv_input *in = as->in;
	size_t s, v, i, n;

	for (i = 0; i < as->nr_nodes; i++) {
		as->nodes[i].v = NULL;
		as->nodes[i].k = -1;
	}
	for (s = 0; s < in->nr_series; s++) {
		for (v = 0; v < in->series[s].nr_versions; v++) {
			struct prv_version *ver = &in->series[s].versions[v];

			if (ver->cover &&
			    (n = prv_strmap_get(&as->ids,
						ver->cover->message_id)) !=
				    NONE) {
				as->nodes[n].v = ver;
				as->nodes[n].k = 0;
			}
			for (i = 0; i < ver->nr_patches; i++) {
				if (ver->patches[i].filled_in)
					continue;
				n = prv_strmap_get(
					&as->ids,
					ver->patches[i].mail->message_id);
				if (n == NONE)
					continue;
				as->nodes[n].v = ver;
				as->nodes[n].k = ver->patches[i].index;
			}
			for (i = 0; i < ver->nr_duplicates; i++) {
				const struct prv_mail *d = ver->duplicates[i];

				n = prv_strmap_get(&as->ids, d->message_id);
				if (n == NONE || as->nodes[n].v)
					continue;
				as->nodes[n].v = ver;
				as->nodes[n].k = as->nodes[n].kind ==
								 KIND_COVER ?
							 0 :
							 d->subj.index;
			}
		}
	}
}

/*
 * b4's check: a person trailer must name the reply's sender, by email or
 * by name ("Name <email>", a bare "email", or a bare name).
 */
static bool trailer_mismatch(struct prv_arena *a, const struct prv_trailer *t,
			     const struct prv_person *from)
{
	struct prv_person p;

	if (!prv_trailer_key_is_person(t->key) || !t->value)
		return false;
	prv_person_parse_trailer(&p, a, t->value);
	return !prv_person_same(&p, from);
}

struct reply_link {
	struct prv_version *v;
	int k;
	size_t node;
	struct prv_trailer *trailers;
	size_t nr_trailers;
};

#define TRAILER_KEY_SIZE 640

/* "owner, key in lower case, value" (both cut short) as one map key. */
static void trailer_key(char key[TRAILER_KEY_SIZE], const void *owner,
			const struct prv_trailer *t)
{
	size_t i, n;

	n = (size_t)snprintf(key, TRAILER_KEY_SIZE, "%p\x01", owner);
	for (i = 0; t->key[i] && n < TRAILER_KEY_SIZE / 2; i++)
		key[n++] = (t->key[i] >= 'A' && t->key[i] <= 'Z') ?
				   t->key[i] + 'a' - 'A' :
				   t->key[i];
	key[n++] = '\x01';
	snprintf(key + n, TRAILER_KEY_SIZE - n, "%s", t->value ? t->value : "");
}

/*
 * Whether patch `p` already got trailer `t` (key in any case, same value);
 * remembers it if not. One map for the whole pass keeps this linear.
 */
static bool review_trailer_seen(struct series_assembly *as,
				const struct prv_patch *p,
				const struct prv_trailer *t)
{
	char key[TRAILER_KEY_SIZE];

	trailer_key(key, p, t);
	if (prv_strmap_get(&as->seen_trailers, key) != NONE)
		return true;
	prv_strmap_put(&as->seen_trailers, prv_arena_strdup(as->a, key), 0);
	return false;
}

/* p->review_trailers was sized for every trailer that may come. */
static void add_review_trailers(struct series_assembly *as, struct prv_patch *p,
				const struct reply_link *l)
{
	const struct prv_mail *r = as->nodes[l->node].m;
	size_t i;

	for (i = 0; i < l->nr_trailers; i++) {
		const struct prv_trailer *t = &l->trailers[i];
		struct prv_review_trailer *rt;

		if (!t->is_trailer || !t->key)
			continue;
		if (p->nr_review_trailers >= REVIEW_TRAILERS_MAX) {
			if (as->capped != p)
				prv_warn(as->w, r->source, r->message_id,
					 "more than %d review trailers on one "
					 "patch: the rest are dropped",
					 REVIEW_TRAILERS_MAX);
			as->capped = p;
			return;
		}
		if (review_trailer_seen(as, p, t))
			continue;
		rt = &p->review_trailers[p->nr_review_trailers++];
		rt->key = t->key;
		rt->value = t->value ? t->value : "";
		rt->from = r->from;
		rt->message_id = r->message_id;
		rt->sender_mismatch = trailer_mismatch(as->a, t, &r->from);
	}
}

/* Arrays for the replies and trailers counted on `v` and its patches. */
static void make_room(struct series_assembly *as, struct prv_version *v)
{
	size_t j;

	if (v->nr_cover_replies && !v->cover_replies) {
		v->cover_replies = prv_arena_alloc(
			as->a, sizeof(*v->cover_replies) * v->nr_cover_replies);
		v->nr_cover_replies = 0;
	}
	for (j = 0; j < v->nr_patches; j++) {
		struct prv_patch *p = &v->patches[j];

		if (p->nr_replies && !p->replies) {
			p->replies = prv_arena_alloc(
				as->a, sizeof(*p->replies) * p->nr_replies);
			p->nr_replies = 0;
		}
		if (p->nr_review_trailers && !p->review_trailers) {
			size_t cap = p->nr_review_trailers;

			if (cap > REVIEW_TRAILERS_MAX)
				cap = REVIEW_TRAILERS_MAX;
			p->review_trailers = prv_arena_alloc(
				as->a, sizeof(*p->review_trailers) * cap);
			p->nr_review_trailers = 0;
		}
	}
}

/*
 * A cover letter's reply gives its trailers to every patch of the version.
 * One that repeats a trailer an earlier cover reply gave the same version
 * changes nothing on any patch (each has it, or is full): drop it here once
 * rather than find it again on each patch. Past REVIEW_TRAILERS_MAX + 1
 * different ones every patch is full, so the rest are dropped too. This
 * keeps the work near (cover trailers + patches * REVIEW_TRAILERS_MAX).
 */
static void cover_trailers_once(struct series_assembly *as,
				struct reply_link *links, size_t nr_links)
{
	struct prv_strmap seen;
	char key[TRAILER_KEY_SIZE], vkey[32];
	size_t i, j, o, given;
	bool known;

	prv_strmap_init(&seen, 64);
	for (i = 0; i < nr_links; i++) {
		struct reply_link *l = &links[i];

		if (l->k != 0 || !l->nr_trailers)
			continue;
		snprintf(vkey, sizeof(vkey), "%p", (void *)l->v);
		known = (given = prv_strmap_get(&seen, vkey)) != NONE;
		if (!known)
			given = 0;
		for (j = o = 0; j < l->nr_trailers; j++) {
			const struct prv_trailer *t = &l->trailers[j];

			if (!t->is_trailer || !t->key ||
			    given > REVIEW_TRAILERS_MAX)
				continue;
			trailer_key(key, l->v, t);
			if (prv_strmap_get(&seen, key) != NONE)
				continue;
			prv_strmap_put(&seen, prv_arena_strdup(as->a, key), 0);
			given++;
			l->trailers[o++] = *t;
		}
		l->nr_trailers = o;
		prv_strmap_set(&seen,
			       known ? vkey : prv_arena_strdup(as->a, vkey),
			       given);
	}
	prv_strmap_release(&seen);
}

/*
 * For every node, the nearest node at or above it (by parent links) that
 * landed in a version, in near[] (NONE if there is none), and how many
 * links up it is, in dist[]. Each node is walked once: replies that answer
 * one another in a long chain would otherwise each walk the whole chain.
 */
static void find_landed(struct series_assembly *as, size_t *near, size_t *dist)
{
	const size_t unknown = SIZE_MAX, walking = SIZE_MAX - 1;
	size_t *stack = NULL, nr = 0, alloc = 0, i;

	for (i = 0; i < as->nr_nodes; i++)
		dist[i] = unknown;
	for (i = 0; i < as->nr_nodes; i++) {
		size_t cur = i, t, d;

		while (cur != NONE && dist[cur] == unknown &&
		       !as->nodes[cur].v) {
			PRV_ALLOC_GROW(stack, nr + 1, alloc);
			stack[nr++] = cur;
			dist[cur] = walking;
			cur = as->nodes[cur].parent;
		}
		if (cur == NONE || dist[cur] == walking) {
			/* the root, or a loop (none are left after pass 1) */
			t = NONE;
			d = 0;
		} else if (dist[cur] == unknown) {
			t = near[cur] = cur;
			d = dist[cur] = 0;
		} else {
			t = near[cur];
			d = dist[cur];
		}
		while (nr) {
			size_t x = stack[--nr];

			near[x] = t;
			dist[x] = t == NONE ? 0 : ++d;
		}
	}
	free(stack);
}

/* Warn about review trailers of a reply that do not name its sender. */
static void warn_mismatches(struct series_assembly *as,
			    const struct series_node *n,
			    const struct reply_link *l)
{
	size_t j;

	for (j = 0; j < l->nr_trailers; j++) {
		const struct prv_trailer *t = &l->trailers[j];

		if (t->is_trailer && t->key &&
		    trailer_mismatch(as->a, t, &n->m->from))
			prv_warn(as->w, n->m->source, n->m->message_id,
				 "'%s: %s' does not name the reply's sender",
				 t->key, t->value ? t->value : "");
	}
}

/*
 * One link per reply: the patch or cover it answers (the nearest landed
 * mail above it) and the review trailers it gives.
 */
static struct reply_link *link_replies(struct series_assembly *as,
				       size_t *nr_links)
{
	struct reply_link *links = NULL;
	size_t nr = 0, alloc = 0, i, *near, *dist;

	near = prv_xmalloc(sizeof(*near) * (as->nr_nodes + 1));
	dist = prv_xmalloc(sizeof(*dist) * (as->nr_nodes + 1));
	find_landed(as, near, dist);
	for (i = 0; i < as->nr_nodes; i++) {
		struct series_node *n = &as->nodes[i];
		size_t cur = n->parent;
		struct reply_link *l;

		if (n->kind != KIND_REPLY)
			continue;
		/* the walk up from the parent gives up after the depth cap */
		if (cur == NONE || near[cur] == NONE ||
		    dist[cur] > THREAD_DEPTH_MAX)
			continue;
		cur = near[cur];
		PRV_ALLOC_GROW(links, nr + 1, alloc);
		l = &links[nr++];
		memset(l, 0, sizeof(*l));
		l->v = as->nodes[cur].v;
		l->k = as->nodes[cur].k;
		l->node = i;
		prv_trailers_from_reply(&l->trailers, &l->nr_trailers, as->a,
					n->m->msg.body, n->m->msg.body_len);
		warn_mismatches(as, n, l);
	}
	free(near);
	free(dist);
	*nr_links = nr;
	return links;
}

/*
 * Give each link's reply and trailers to its patch or cover (a cover's
 * trailers to every patch): with `fill` false count them, else store them.
 */
static void give_links(struct series_assembly *as, struct reply_link *links,
		       size_t nr_links, bool fill)
{
	size_t i, j;

	for (i = 0; i < nr_links; i++) {
		struct reply_link *l = &links[i];
		struct prv_mail *r = as->nodes[l->node].m;
		struct prv_patch *p = l->k > 0 ? prv_version_patch(l->v, l->k) :
						 NULL;

		if (l->k == 0) {
			if (fill)
				l->v->cover_replies[l->v->nr_cover_replies] = r;
			l->v->nr_cover_replies++;
			for (j = 0; l->nr_trailers && j < l->v->nr_patches;
			     j++) {
				if (fill)
					add_review_trailers(
						as, &l->v->patches[j], l);
				else
					l->v->patches[j].nr_review_trailers +=
						l->nr_trailers;
			}
		} else if (p) {
			if (fill)
				p->replies[p->nr_replies] = r;
			p->nr_replies++;
			if (fill)
				add_review_trailers(as, p, l);
			else
				p->nr_review_trailers += l->nr_trailers;
		}
	}
}

void prv_series_attach_replies(struct series_assembly *as)
{
	struct reply_link *links;
	size_t nr_links = 0, i, j;

	locate_mails(as);
	prv_strmap_init(&as->seen_trailers, 64);
	links = link_replies(as, &nr_links);
	cover_trailers_once(as, links, nr_links);
	/* count what each patch and cover receives, then fill */
	give_links(as, links, nr_links, false);
	/* each version once, not once per link: its patches are many */
	for (i = 0; i < as->in->nr_series; i++)
		for (j = 0; j < as->in->series[i].nr_versions; j++)
			make_room(as, &as->in->series[i].versions[j]);
	give_links(as, links, nr_links, true);
	prv_strmap_release(&as->seen_trailers);
	free(links);
}
