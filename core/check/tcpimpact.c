// SPDX-License-Identifier: GPL-2.0-or-later
/* The TCP impact of a patch: the model the TCP rules fill. */
#include <string.h>

#include "core/check/tcpimpact.h"

bool prv_tcp_impact_any(const struct prv_tcp_impact *t)
{
	return t->nr_files || t->nr_groups;
}

bool prv_tcp_impact_concrete(const struct prv_tcp_impact *t)
{
	size_t i;

	for (i = 0; i < t->nr_groups; i++)
		if (t->groups[i].todo)
			return true;
	return t->nr_uses || t->nr_sockopts_missing;
}

static const char *dup(struct prv_arena *a, const char *s)
{
	return s ? prv_arena_strdup(a, s) : NULL;
}

static void dup_all(const char **s, size_t n, struct prv_arena *a)
{
	size_t i;

	for (i = 0; i < n; i++)
		s[i] = dup(a, s[i]);
}

void prv_tcp_impact_copy(struct prv_tcp_impact *dst,
			 const struct prv_tcp_impact *src, struct prv_arena *a)
{
	size_t i;

	*dst = *src;
	dst->id = dup(a, src->id);
	dst->first_file = dup(a, src->first_file);
	dst->search_note = dup(a, src->search_note);
	dup_all(dst->files, dst->nr_files, a);
	dup_all(dst->functions, dst->nr_functions, a);
	dup_all(dst->sockopts_missing, dst->nr_sockopts_missing, a);
	for (i = 0; i < dst->nr_groups; i++) {
		struct prv_tcp_group *g = &dst->groups[i];

		g->name = dup(a, g->name);
		g->reason = dup(a, g->reason);
		g->id = dup(a, g->id);
		g->file = dup(a, g->file);
		g->func = dup(a, g->func);
		dup_all(g->matched, g->nr_matched, a);
	}
	for (i = 0; i < dst->nr_symbols; i++)
		dst->symbols[i].name = dup(a, dst->symbols[i].name);
	for (i = 0; i < dst->nr_uses; i++) {
		dst->uses[i].symbol = dup(a, dst->uses[i].symbol);
		dst->uses[i].file = dup(a, dst->uses[i].file);
	}
}
