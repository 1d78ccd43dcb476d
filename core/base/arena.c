// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdalign.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/arena.h"
#include "core/base/util.h"

#define CHUNK_SIZE ((size_t)64 << 10)
#define ALIGN (alignof(max_align_t))

struct prv_arena_chunk {
	struct prv_arena_chunk *next;
	size_t used;
	size_t size;
	alignas(max_align_t) char data[];
};

void prv_arena_init(struct prv_arena *a)
{
	a->head = NULL;
	a->total = 0;
}

void prv_arena_release(struct prv_arena *a)
{
	struct prv_arena_chunk *c = a->head;

	while (c) {
		struct prv_arena_chunk *next = c->next;

		free(c);
		c = next;
	}
	prv_arena_init(a);
}

void *prv_arena_alloc(struct prv_arena *a, size_t n)
{
	struct prv_arena_chunk *c = a->head;
	void *p;

	n = (n + ALIGN - 1) & ~(ALIGN - 1);
	if (!n)
		n = ALIGN;
	if (!c || c->size - c->used < n) {
		size_t size = n > CHUNK_SIZE / 4 ? n : CHUNK_SIZE;

		c = prv_xmalloc(sizeof(*c) + size);
		c->size = size;
		c->used = 0;
		if (size == n && a->head) {
			/* a big block: keep filling the current chunk */
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
	}
	p = c->data + c->used;
	c->used += n;
	a->total += n;
	memset(p, 0, n);
	return p;
}

char *prv_arena_strndup(struct prv_arena *a, const char *s, size_t len)
{
	char *p = prv_arena_alloc(a, len + 1);

	memcpy(p, s, len);
	return p;
}

char *prv_arena_strdup(struct prv_arena *a, const char *s)
{
	return prv_arena_strndup(a, s, strlen(s));
}

char *prv_arena_printf(struct prv_arena *a, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	p = prv_arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void *prv_arena_grow(struct prv_arena *a, void *array, size_t nr, size_t *alloc,
		     size_t size)
{
	size_t n;
	void *p;

	if (nr <= *alloc)
		return array;
	n = *alloc ? *alloc * 2 : 8;
	while (n < nr)
		n *= 2;
	p = prv_arena_alloc(a, n * size);
	if (*alloc)
		memcpy(p, array, *alloc * size);
	*alloc = n;
	return p;
}
