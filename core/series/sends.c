// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/series/series_internal.h"
#include "core/base/util.h"

/*
 * Pass 4b of series assembly: sends cut short. git send-email stops at
 * the first mail the server refuses, or the author stops it on seeing a
 * wrong tag; the rest of the series, or all of it again, then goes out as
 * a send of its own, in a new thread, minutes or hours later. The two
 * sends are one version of one series:
 *  - the rest of a send: one sender, version, N and tree tags, no patch
 *    number in both, and the later send answers no message;
 *  - a send started again: every patch of the cut one is in the later
 *    one under the same number and title (the tags may have changed: the
 *    author corrected them), and the cut one lacks patches.
 * Anything else by the same author stays apart: two series of one day
 * both hold their patch 1.
 */

/* The longest pause between a cut send and the send that ends it. */
#define SEND_RESUME_SECONDS (6 * 3600)

/* What one unit sent: its sender, its counted patches by number. */
struct send {
	size_t unit;
	const struct prv_mail *lead; /* cover, else lowest-numbered patch */
	const struct prv_mail **patches; /* sorted by k */
	size_t nr;
	int total;
	bool cover;
};

static int cmp_patch_index(const void *a, const void *b)
{
	const struct prv_mail *x = *(const struct prv_mail *const *)a;
	const struct prv_mail *y = *(const struct prv_mail *const *)b;

	return (x->subj.index > y->subj.index) -
	       (x->subj.index < y->subj.index);
}

/*
 * Read a unit as a send. False for what no send cut short looks like:
 * no counted patch, patches without k/N, or numbered against other Ns.
 */
static bool read_send(struct series_assembly *as, size_t u, struct send *s)
{
	const struct series_unit *un = &as->units[u];
	size_t i;

	memset(s, 0, sizeof(*s));
	s->unit = u;
	s->patches = prv_xcalloc(un->nr, sizeof(*s->patches));
	for (i = 0; i < un->nr; i++) {
		const struct series_node *n = &as->nodes[un->mails[i]];
		const struct prv_subject *subj = &n->m->subj;

		if (!subj->has_counter || subj->total < 2 ||
		    (s->total && subj->total != s->total))
			return false;
		s->total = subj->total;
		if (n->kind == KIND_COVER) {
			s->cover = true;
			s->lead = n->m;
		} else if (n->kind == KIND_PATCH) {
			s->patches[s->nr++] = n->m;
		}
	}
	if (!s->nr)
		return false;
	qsort(s->patches, s->nr, sizeof(*s->patches), cmp_patch_index);
	if (!s->lead)
		s->lead = s->patches[0];
	return s->lead->from.email && *s->lead->from.email;
}

static const struct prv_mail *send_patch(const struct send *s, int k)
{
	size_t lo = 0, hi = s->nr;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int at = s->patches[mid]->subj.index;

		if (at == k)
			return s->patches[mid];
		if (at < k)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Sends that may be one cut short: one sender, version and N, by date. */
static int cmp_send(const void *a, const void *b, void *payload)
{
	struct series_assembly *as = payload;
	const struct send *x = a, *y = b;
	const struct series_unit *ux = &as->units[x->unit];
	const struct series_unit *uy = &as->units[y->unit];
	int c = strcasecmp(x->lead->from.email, y->lead->from.email);

	if (c)
		return c;
	if (ux->version != uy->version)
		return ux->version < uy->version ? -1 : 1;
	if (ux->point != uy->point)
		return ux->point < uy->point ? -1 : 1;
	if (x->total != y->total)
		return x->total < y->total ? -1 : 1;
	if (ux->last != uy->last)
		return ux->last < uy->last ? -1 : 1;
	return (x->unit > y->unit) - (x->unit < y->unit);
}

static bool same_group(struct series_assembly *as, const struct send *x,
		       const struct send *y)
{
	const struct series_unit *ux = &as->units[x->unit];
	const struct series_unit *uy = &as->units[y->unit];

	return !strcasecmp(x->lead->from.email, y->lead->from.email) &&
	       ux->version == uy->version && ux->point == uy->point &&
	       x->total == y->total && uy->last >= ux->last &&
	       uy->last - ux->last <= SEND_RESUME_SECONDS;
}

/* The later send starts a thread of its own: it answers nothing. */
static bool answers_nothing(struct series_assembly *as, const struct send *s)
{
	const struct series_unit *un = &as->units[s->unit];
	const struct series_node *head = &as->nodes[un->mails[0]];
	const struct series_node *root = &as->nodes[head->root];

	return root->unit == s->unit && !root->m->in_reply_to &&
	       !root->m->nr_references;
}

static bool rest_of_send(struct series_assembly *as, const struct send *cut,
			 const struct send *rest)
{
	size_t i;

	if ((cut->cover && rest->cover) ||
	    !prv_series_same_tags(&cut->lead->subj, &rest->lead->subj) ||
	    !answers_nothing(as, rest))
		return false;
	for (i = 0; i < rest->nr; i++)
		if (send_patch(cut, rest->patches[i]->subj.index))
			return false;
	return true;
}

static bool sent_again(const struct send *cut, const struct send *again)
{
	size_t i;

	if (cut->nr >= (size_t)cut->total || again->nr <= cut->nr)
		return false;
	for (i = 0; i < cut->nr; i++) {
		const struct prv_mail *m = cut->patches[i];
		const struct prv_mail *o = send_patch(again, m->subj.index);

		if (!o || !m->subj.title || !o->subj.title ||
		    strcasecmp(m->subj.title, o->subj.title))
			return false;
	}
	return true;
}

static bool join_pair(struct series_assembly *as, const struct send *x,
		      const struct send *y)
{
	if (rest_of_send(as, x, y))
		return prv_series_unit_join(as, x->unit, y->unit,
					    "the rest of a send cut short",
					    false);
	if (sent_again(x, y))
		return prv_series_unit_join(as, x->unit, y->unit,
					    "sent again after a send cut short",
					    false);
	return false;
}

/* Earlier sends one later send is compared with, nearest first. */
#define SENDS_BACK 8

void prv_series_join_cut_sends(struct series_assembly *as)
{
	struct send *sends = prv_xcalloc(as->nr_units + 1, sizeof(*sends));
	size_t u, i, nr = 0;

	for (u = 0; u < as->nr_units; u++) {
		if (read_send(as, u, &sends[nr]))
			nr++;
		else
			free(sends[nr].patches);
	}
	qsort_r(sends, nr, sizeof(*sends), cmp_send, as);
	/* each send with the earlier ones of its group, nearest first: an
	 * unrelated send may come between a cut send and its rest */
	for (i = 1; i < nr; i++) {
		size_t j;

		for (j = i; j-- > 0 && i - j <= SENDS_BACK;) {
			if (!same_group(as, &sends[j], &sends[i]) ||
			    join_pair(as, &sends[j], &sends[i]))
				break;
		}
	}
	for (i = 0; i < nr; i++)
		free(sends[i].patches);
	free(sends);
}
