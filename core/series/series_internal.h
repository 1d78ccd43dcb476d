/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_SERIES_INTERNAL_H
#define PRV_SERIES_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/series/series.h"
#include "core/base/strmap.h"

/*
 * State shared by the passes of series assembly (core/series/series.c), the
 * cut sends pass (core/series/sends.c) and the reply pass
 * (core/series/series_reply.c). Not a contract: only these files include it.
 */

#define NONE PRV_STRMAP_NONE
/* Walking up a thread stops here: deeper threads are read as cut. */
#define THREAD_DEPTH_MAX 10000

enum series_kind { KIND_OTHER, KIND_SKIP, KIND_PATCH, KIND_COVER, KIND_REPLY };

struct series_node {
	struct prv_mail *m;
	size_t parent;
	size_t root;
	enum series_kind kind;
	int version; /* effective version */
	int point; /* effective point version (vN.M), else 0 */
	size_t unit;
	/* where the mail landed once versions are built */
	struct prv_version *v;
	int k; /* 0 cover, k patch, -1 nowhere */
};

struct series_unit {
	size_t *mails;
	size_t nr, alloc;
	int version;
	int point;
	enum prv_kind kind; /* of its lead mails */
	const char *stable; /* stable tree tag of a backport, or NULL */
	size_t leader; /* union-find parent over units */
	size_t next; /* next unit of its group (a circular list) */
	const char *why; /* why it was joined to its series, or NULL */
	long long date;
	long long last; /* latest date of its mails */
	size_t seq;
};

struct series_assembly {
	struct prv_input *in;
	struct prv_arena *a;
	struct prv_warnings *w;
	struct series_node *nodes;
	size_t nr_nodes;
	struct prv_strmap ids; /* message-id -> node */
	struct series_unit *units;
	size_t nr_units, alloc_units;
	const struct prv_patch *capped; /* last patch warned as too reviewed */
	struct prv_strmap seen_trailers; /* patch + trailer pairs given */
};

/*
 * Join unit b to a's series, saying why (show -v). With `ordered`, only
 * when the versions of both stay in order of date. False when the two
 * cannot be one series (other kinds).
 */
bool prv_series_unit_join(struct series_assembly *as, size_t a, size_t b,
			  const char *why, bool ordered);

/* Same tree tags in any order ("5.15.y" backports are not "5.10.y" ones). */
bool prv_series_same_tags(const struct prv_subject *a,
			  const struct prv_subject *b);

/* Pass 4b: a send cut short and the send that ends it (sends.c). */
void prv_series_join_cut_sends(struct series_assembly *as);

/* Pass 5: give replies and their review trailers to patches and covers. */
void prv_series_attach_replies(struct series_assembly *as);

#endif
