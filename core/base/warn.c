// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdio.h>
#include <stdlib.h>

#include "core/base/util.h"
#include "core/base/warn.h"

void prv_warnings_init(struct prv_warnings *w, struct prv_arena *arena)
{
	w->arena = arena;
	w->items = NULL;
	w->nr = w->alloc = 0;
	w->max = PRV_WARNINGS_MAX_DEFAULT;
	w->dropped = 0;
}

void prv_warnings_release(struct prv_warnings *w)
{
	free(w->items);
	prv_warnings_init(w, w->arena);
}

void prv_warn(struct prv_warnings *w, const char *source,
	      const char *message_id, const char *fmt, ...)
{
	char text[512];
	va_list ap;
	struct prv_warning *it;

	if (!w)
		return;
	if (w->nr >= w->max) {
		w->dropped++;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	PRV_ALLOC_GROW(w->items, w->nr + 1, w->alloc);
	it = &w->items[w->nr++];
	it->source = source ? prv_arena_strdup(w->arena, source) : NULL;
	it->message_id = message_id ? prv_arena_strdup(w->arena, message_id) :
				      NULL;
	it->text = prv_arena_strdup(w->arena, text);
}

void prv_warnings_append(struct prv_warnings *dst, struct prv_warnings *src)
{
	size_t i;

	for (i = 0; i < src->nr; i++) {
		if (dst->nr >= dst->max) {
			dst->dropped++;
			continue;
		}
		PRV_ALLOC_GROW(dst->items, dst->nr + 1, dst->alloc);
		dst->items[dst->nr++] = src->items[i];
	}
	dst->dropped += src->dropped;
	free(src->items);
	src->items = NULL;
	src->nr = src->alloc = src->dropped = 0;
}
