/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_ARENA_H
#define PRV_ARENA_H

#include <stdarg.h>
#include <stddef.h>

/*
 * A bump allocator: everything parsed from one input lives in one arena and
 * is freed at once by prv_arena_release(). Allocations are zeroed and aligned
 * for any type. They cannot fail (the process dies on exhaustion, like
 * prv_xmalloc()); callers cap sizes derived from input before allocating.
 */

struct prv_arena_chunk;

struct prv_arena {
	struct prv_arena_chunk *head;
	size_t total; /* bytes handed out, for statistics */
};

#define PRV_ARENA_INIT                   \
	{                                \
		.head = NULL, .total = 0 \
	}

void prv_arena_init(struct prv_arena *a);
void prv_arena_release(struct prv_arena *a);

/* `n` zeroed bytes that live until prv_arena_release(). */
void *prv_arena_alloc(struct prv_arena *a, size_t n);
/* A NUL-terminated copy of `len` bytes. */
char *prv_arena_strndup(struct prv_arena *a, const char *s, size_t len);
char *prv_arena_strdup(struct prv_arena *a, const char *s);
char *prv_arena_printf(struct prv_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Grow an arena-allocated array `*array` of `*alloc` elements of `size`
 * bytes so that it holds at least `nr`; the old block is abandoned in the
 * arena. Use through PRV_ARENA_GROW.
 */
void *prv_arena_grow(struct prv_arena *a, void *array, size_t nr, size_t *alloc,
		     size_t size);
#define PRV_ARENA_GROW(a, x, nr, alloc) \
	((x) = prv_arena_grow((a), (x), (nr), &(alloc), sizeof(*(x))))

#endif
