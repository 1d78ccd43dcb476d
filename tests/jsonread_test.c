// SPDX-License-Identifier: GPL-2.0-or-later
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/arena.h"
#include "core/base/error.h"
#include "core/base/jsonread.h"

static const struct prv_jv *parse_ok(struct prv_arena *a, const char *text)
{
	const struct prv_jv *v = NULL;
	int err = prv_jsonread_parse(&v, a, text, strlen(text), 0, "t.json");

	cr_assert_eq(err, 0, "%s: %s", text, prv_error_last());
	cr_assert_not_null(v);
	return v;
}

Test(jsonread, scalars)
{
	struct prv_arena a = PRV_ARENA_INIT;
	const struct prv_jv *v;
	long long n;

	v = parse_ok(&a, " null ");
	cr_assert_eq(v->type, PRV_JV_NULL);
	v = parse_ok(&a, "true");
	cr_assert(v->type == PRV_JV_BOOL && v->boolean);
	v = parse_ok(&a, "false");
	cr_assert(v->type == PRV_JV_BOOL && !v->boolean);
	v = parse_ok(&a, "-12.5e1");
	cr_assert_eq(v->type, PRV_JV_NUMBER);
	cr_assert_float_eq(v->number, -125.0, 1e-9);
	cr_assert_str_eq(v->str, "-12.5e1");
	v = parse_ok(&a, "0");
	cr_assert(prv_jv_int(v, 0, 10, &n) && n == 0);
	v = parse_ok(&a, "3");
	cr_assert(prv_jv_int(v, 0, 10, &n) && n == 3);
	cr_assert_not(prv_jv_int(v, 4, 10, &n));
	v = parse_ok(&a, "2.5");
	cr_assert_not(prv_jv_int(v, 0, 10, &n));
	v = parse_ok(&a, "1e400");
	cr_assert_not(prv_jv_int(v, 0, 10, &n));
	prv_arena_release(&a);
}

Test(jsonread, strings_and_escapes)
{
	static const struct {
		const char *json, *want;
		size_t len;
	} cases[] = {
		{ "\"\"", "", 0 },
		{ "\"abc\"", "abc", 3 },
		{ "\"a\\\"b\\\\c\\/d\"", "a\"b\\c/d", 7 },
		{ "\"\\b\\f\\n\\r\\t\"", "\b\f\n\r\t", 5 },
		{ "\"\\u00e9\"", "\xc3\xa9", 2 },
		{ "\"\\u20AC\"", "\xe2\x82\xac", 3 },
		{ "\"\\ud83d\\ude00\"", "\xf0\x9f\x98\x80", 4 },
		{ "\"caf\xc3\xa9\"", "caf\xc3\xa9", 5 },
		{ "\"a\\u0000b\"", "a", 3 },
	};
	struct prv_arena a = PRV_ARENA_INIT;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct prv_jv *v = parse_ok(&a, cases[i].json);

		cr_assert_eq(v->type, PRV_JV_STRING, "%s", cases[i].json);
		cr_assert_eq(v->len, cases[i].len, "%s", cases[i].json);
		cr_assert_eq(memcmp(v->str, cases[i].want,
				    strlen(cases[i].want)),
			     0, "%s", cases[i].json);
	}
	/* a string holding NUL is not a C string */
	cr_assert_null(prv_jv_str(parse_ok(&a, "\"a\\u0000b\"")));
	cr_assert_str_eq(prv_jv_str(parse_ok(&a, "\"ab\"")), "ab");
	cr_assert_null(prv_jv_str(parse_ok(&a, "1")));
	cr_assert_null(prv_jv_str(NULL));
	prv_arena_release(&a);
}

Test(jsonread, containers)
{
	struct prv_arena a = PRV_ARENA_INIT;
	const struct prv_jv *v, *x;

	v = parse_ok(&a, "{\"a\": [1, {\"b\": null}, []], \"c\": {}, "
			 "\"a\": \"last\"}");
	cr_assert_eq(v->type, PRV_JV_OBJECT);
	cr_assert_eq(v->nr, 3);
	cr_assert_str_eq(v->keys[0], "a");
	cr_assert_eq(v->items[0].type, PRV_JV_ARRAY);
	cr_assert_eq(v->items[0].nr, 3);
	cr_assert_eq(v->items[0].items[2].nr, 0);
	x = prv_jv_get(&v->items[0].items[1], "b");
	cr_assert(x && x->type == PRV_JV_NULL);
	/* a repeated key: the last one, as Python's json does */
	cr_assert_str_eq(prv_jv_str(prv_jv_get(v, "a")), "last");
	x = prv_jv_get(v, "c");
	cr_assert(x && x->type == PRV_JV_OBJECT && !x->nr);
	cr_assert_null(prv_jv_get(v, "nope"));
	cr_assert_null(prv_jv_get(&v->items[0], "a"));
	cr_assert_null(prv_jv_get(NULL, "a"));
	prv_arena_release(&a);
}

Test(jsonread, refuses_what_is_not_strict_json)
{
	static const char *const bad[] = {
		"",
		"   ",
		"[1,]",
		"{\"a\":1,}",
		"[1 2]",
		"{\"a\" 1}",
		"{a: 1}",
		"{1: 1}",
		"'a'",
		"\"abc",
		"\"a\\x\"",
		"\"a\\u12\"",
		"\"\\ud800\"",
		"\"\\udc00\"",
		"\"\\ud800\\u0041\"",
		"\"a\tb\"",
		"\"a\nb\"",
		"\"\xff\"",
		"\"\xc0\xaf\"",
		"\"\xed\xa0\x80\"",
		"\"\xe2\x82\"",
		"01",
		"-",
		"1.",
		".5",
		"1e",
		"+1",
		"NaN",
		"Infinity",
		"tru",
		"nul",
		"[1] x",
		"{} {}",
		"// c\n{}",
		"\xef\xbb\xbf{}",
		"[",
		"{\"a\":",
	};
	struct prv_arena a = PRV_ARENA_INIT;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const struct prv_jv *v = (void *)1;
		int err = prv_jsonread_parse(&v, &a, bad[i], strlen(bad[i]), 0,
					     "t.json");

		cr_assert_eq(err, PRV_EPARSE, "accepted '%s'", bad[i]);
		cr_assert_null(v);
		cr_assert(strstr(prv_error_last(), "could not parse 't.json': "
						   "line "),
			  "%s", prv_error_last());
	}
	prv_arena_release(&a);
}

Test(jsonread, names_line_and_column)
{
	struct prv_arena a = PRV_ARENA_INIT;
	const struct prv_jv *v;
	const char *t = "{\n  \"a\": [1,\n  ]\n}";

	cr_assert_eq(prv_jsonread_parse(&v, &a, t, strlen(t), 0, "x.json"),
		     PRV_EPARSE);
	cr_assert_str_eq(prv_error_last(), "could not parse 'x.json': line 3, "
					   "column 3: unexpected character");
	prv_arena_release(&a);
}

Test(jsonread, bytes_after_nul_are_not_skipped)
{
	struct prv_arena a = PRV_ARENA_INIT;
	const struct prv_jv *v;

	cr_assert_eq(prv_jsonread_parse(&v, &a, "{}\0x", 4, 0, "n.json"),
		     PRV_EPARSE);
	cr_assert_eq(prv_jsonread_parse(&v, &a, "\"a\0b\"", 5, 0, "n.json"),
		     PRV_EPARSE);
	prv_arena_release(&a);
}

Test(jsonread, caps_size_and_depth)
{
	struct prv_arena a = PRV_ARENA_INIT;
	const struct prv_jv *v;
	char deep[2 * (PRV_JSONREAD_DEPTH_MAX + 1) + 1];
	size_t i, n = PRV_JSONREAD_DEPTH_MAX;

	cr_assert_eq(prv_jsonread_parse(&v, &a, "[1, 2]", 6, 5, "big.json"),
		     PRV_ENOMEM);
	cr_assert(strstr(prv_error_last(), "'big.json': more than 5 bytes"));
	/* exactly the cap nests fine; one more is refused */
	for (i = 0; i < n; i++) {
		deep[i] = '[';
		deep[2 * n - 1 - i] = ']';
	}
	cr_assert_eq(prv_jsonread_parse(&v, &a, deep, 2 * n, 0, "d.json"), 0);
	for (i = 0; i <= n; i++) {
		deep[i] = '[';
		deep[2 * n + 1 - i] = ']';
	}
	cr_assert_eq(prv_jsonread_parse(&v, &a, deep, 2 * n + 2, 0, "d.json"),
		     PRV_ENOMEM);
	cr_assert(strstr(prv_error_last(), "nested more than"));
	prv_arena_release(&a);
}

/* A text of many small values is refused before its tree grows large. */
Test(jsonread, caps_the_number_of_values)
{
	struct prv_arena a = PRV_ARENA_INIT;
	const struct prv_jv *v;
	size_t n = PRV_JSONREAD_VALUES_MAX, len, i;
	char *text = malloc(2 * (n + 1) + 2);

	cr_assert(text);
	/* the array and n - 1 zeros: exactly the cap */
	text[0] = '[';
	for (i = 0, len = 1; i + 1 < n; i++) {
		text[len++] = '0';
		text[len++] = ',';
	}
	text[len - 1] = ']';
	cr_assert_eq(prv_jsonread_parse(&v, &a, text, len, (size_t)64 << 20,
					"many.json"),
		     0);
	cr_expect_eq(v->nr, n - 1);
	/* one value more is refused */
	text[len - 1] = ',';
	text[len++] = '0';
	text[len++] = ']';
	cr_assert_eq(prv_jsonread_parse(&v, &a, text, len, (size_t)64 << 20,
					"many.json"),
		     PRV_ENOMEM);
	cr_expect(strstr(prv_error_last(), "'many.json': more than") != NULL,
		  "%s", prv_error_last());
	free(text);
	prv_arena_release(&a);
}
