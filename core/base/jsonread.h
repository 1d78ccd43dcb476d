/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_JSONREAD_H
#define PRV_JSONREAD_H

#include <stdbool.h>
#include <stddef.h>

#include "core/base/arena.h"

/*
 * A small strict JSON reader (RFC 8259) for the little JSON prereview reads
 * (b4's tracking file): the whole text is parsed into a tree of values in an
 * arena. Strict: no comments, no trailing commas, no bare control bytes or
 * invalid UTF-8 in strings, no lone surrogates, nothing after the value but
 * white space. Bounded: the text is refused past `max` bytes, past
 * PRV_JSONREAD_VALUES_MAX values (each takes a struct prv_jv of some 70
 * bytes, so a text of small values would make a tree many times its size)
 * and values nest at most PRV_JSONREAD_DEPTH_MAX deep, so the recursion
 * stays shallow.
 *
 * The reader writes nothing: core/base/json.h is the writer.
 */

#define PRV_JSONREAD_MAX_DEFAULT ((size_t)16 << 20)
#define PRV_JSONREAD_DEPTH_MAX 64
#define PRV_JSONREAD_VALUES_MAX (1 << 18)

enum prv_jv_type {
	PRV_JV_NULL,
	PRV_JV_BOOL,
	PRV_JV_NUMBER,
	PRV_JV_STRING,
	PRV_JV_ARRAY,
	PRV_JV_OBJECT,
};

struct prv_jv {
	enum prv_jv_type type;
	bool boolean; /* PRV_JV_BOOL */
	double number; /* PRV_JV_NUMBER */
	/*
	 * PRV_JV_STRING: the decoded UTF-8, NUL-terminated; `len` may be
	 * more than strlen() when the text held \u0000. PRV_JV_NUMBER: the
	 * number as written.
	 */
	const char *str;
	size_t len;
	/* PRV_JV_ARRAY and PRV_JV_OBJECT: the elements or member values */
	struct prv_jv *items;
	size_t nr;
	/* PRV_JV_OBJECT: keys[i] names items[i] (NUL-terminated) */
	const char **keys;
	size_t *key_lens;
};

/*
 * Parse `len` bytes of JSON named `source` (for messages) into *out, in
 * `a`. Returns 0, PRV_EPARSE with a message naming the source, the line and
 * the column, or PRV_ENOMEM when the text is longer than `max` (0: the
 * default), holds too many values or nests too deep.
 */
int prv_jsonread_parse(const struct prv_jv **out, struct prv_arena *a,
		       const char *data, size_t len, size_t max,
		       const char *source);

/*
 * The value of member `key` of an object (the last one when the key is
 * repeated, as most readers do), or NULL when `obj` is not an object or has
 * no such member. `obj` may be NULL.
 */
const struct prv_jv *prv_jv_get(const struct prv_jv *obj, const char *key);

/*
 * The string of a string value without embedded NUL bytes, else NULL (not
 * a string, NULL, or holding \u0000).
 */
const char *prv_jv_str(const struct prv_jv *v);

/* True when `v` is a number holding an integer in [lo, hi]; sets *out. */
bool prv_jv_int(const struct prv_jv *v, long long lo, long long hi,
		long long *out);

#endif
