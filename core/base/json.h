/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_JSON_H
#define PRV_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "core/base/buf.h"

/*
 * A streaming JSON writer into a prv_buf. Commas are placed automatically;
 * strings are escaped and any invalid UTF-8 byte is written as U+FFFD, so the
 * output is always valid JSON. `pretty` indents with two spaces.
 *
 *	prv_json_object(j);
 *	prv_json_key(j, "schema"); prv_json_str(j, "prereview-series/1");
 *	prv_json_end(j);
 */

#define PRV_JSON_DEPTH_MAX 64

struct prv_json {
	struct prv_buf *out; /* borrowed */
	bool pretty;
	int depth;
	bool first[PRV_JSON_DEPTH_MAX];
	char closer[PRV_JSON_DEPTH_MAX];
	bool after_key;
};

void prv_json_init(struct prv_json *j, struct prv_buf *out, bool pretty);
void prv_json_object(struct prv_json *j);
void prv_json_array(struct prv_json *j);
/* Close the innermost object or array. */
void prv_json_end(struct prv_json *j);
void prv_json_key(struct prv_json *j, const char *key);
/* A string value; NULL writes null. */
void prv_json_str(struct prv_json *j, const char *s);
void prv_json_strn(struct prv_json *j, const char *s, size_t len);
void prv_json_int(struct prv_json *j, long long v);
void prv_json_bool(struct prv_json *j, bool v);
void prv_json_null(struct prv_json *j);
/* Shorthands for "key": value. */
void prv_json_kv_str(struct prv_json *j, const char *key, const char *s);
void prv_json_kv_int(struct prv_json *j, const char *key, long long v);
void prv_json_kv_bool(struct prv_json *j, const char *key, bool v);
/* Append a JSON-escaped string with quotes to a buffer. */
void prv_json_escape(struct prv_buf *out, const char *s, size_t len);

#endif
