/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_UTIL_H
#define PRV_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/*
 * Allocation that cannot fail: on exhaustion the process dies with a message,
 * as git's xmalloc() does. Sizes derived from untrusted input are capped
 * before they reach these (see buf.h and arena.h).
 */
void *prv_xmalloc(size_t n);
void *prv_xcalloc(size_t nmemb, size_t size);
void *prv_xrealloc(void *p, size_t n);
char *prv_xstrdup(const char *s);
char *prv_xstrndup(const char *s, size_t n);

/*
 * Grow a malloc'd array so that it holds at least `nr` elements, git's
 * ALLOC_GROW(): `alloc` is updated.
 */
#define PRV_ALLOC_GROW(x, nr, alloc)                                      \
	do {                                                              \
		if ((size_t)(nr) > (size_t)(alloc)) {                     \
			size_t prv_new_ = ((size_t)(alloc) + 16) * 3 / 2; \
			if (prv_new_ < (size_t)(nr))                      \
				prv_new_ = (nr);                          \
			(x) = prv_xrealloc((x), prv_new_ * sizeof(*(x))); \
			(alloc) = prv_new_;                               \
		}                                                         \
	} while (0)

#define PRV_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* True if the `len` bytes at `s` start with the C string `prefix`. */
bool prv_starts_with(const char *s, size_t len, const char *prefix);
/* Case-insensitive ASCII variant of prv_starts_with(). */
bool prv_starts_with_ci(const char *s, size_t len, const char *prefix);
/* ASCII case-insensitive comparison of (a, alen) with the C string b. */
bool prv_eq_ci(const char *a, size_t alen, const char *b);
/* Whether s (len bytes) holds `needle` in any case of ASCII letters. */
bool prv_contains_ci(const char *s, size_t len, const char *needle);
/* Whether s (len bytes) holds any of the nr `needles`, in any case. */
bool prv_contains_any_ci(const char *s, size_t len, const char *const *needles,
			 size_t nr);
/* Length of the line at s (up to and excluding '\n'), bounded by len. */
size_t prv_line_len(const char *s, size_t len);

/* The value of the hex digit c (either case), or -1. */
int prv_hexval(int c);

/*
 * Undo %XX escapes once in the `len` bytes at s, writing at most `len`
 * bytes to `out` (which may be s itself); returns the length written.
 * "%00" and malformed escapes are kept as written, so the result holds
 * no NUL byte that s did not hold.
 */
size_t prv_pct_decode(char *out, const char *s, size_t len);

#endif
