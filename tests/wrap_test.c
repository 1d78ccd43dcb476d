// SPDX-License-Identifier: GPL-2.0-or-later
#include <criterion/criterion.h>
#include <string.h>

#include "core/buf.h"
#include "core/wrap.h"

Test(wrap, columns_count_code_points)
{
	cr_assert_eq(prv_columns("abc", 3), 3);
	cr_assert_eq(prv_columns("\xc3\xa9t\xc3\xa9", 5), 3);
	cr_assert_eq(prv_columns("\xf0\x9f\x98\x80", 4), 1);
	cr_assert_eq(prv_columns("", 0), 0);
}

static const struct {
	enum prv_wrap_mode mode;
	size_t width, indent, max, col;
	const char *in, *want;
} cases[] = {
	/* prose: greedy at spaces, runs of spaces are one */
	{ PRV_WRAP_PROSE, 10, 2, 0, 0, "one two three", "one two\n  three" },
	{ PRV_WRAP_PROSE, 80, 0, 0, 0, "  a   b  ", "a b" },
	{ PRV_WRAP_PROSE, 80, 2, 0, 0, "a\nb", "a\n  b" },
	{ PRV_WRAP_PROSE, 80, 2, 0, 0, "a\n", "a\n  " },
	{ PRV_WRAP_PROSE, 10, 0, 0, 0, "x supercalifragilistic y",
	  "x\nsupercalifragilistic\ny" },
	{ PRV_WRAP_PROSE, 10, 4, 0, 7, "aa bb", "aa\n    bb" },
	{ PRV_WRAP_PROSE, 7, 0, 0, 0, "\xc3\xa9 \xc3\xa9 \xc3\xa9 \xc3\xa9",
	  "\xc3\xa9 \xc3\xa9 \xc3\xa9 \xc3\xa9" },
	{ PRV_WRAP_PROSE, 10, 0, 0, 0, "tab\there", "tab\there" },
	{ PRV_WRAP_PROSE, 10, 0, 0, 0, "", "" },
	/* a field: as it is, control characters as spaces, long words cut */
	{ PRV_WRAP_FIELD, 10, 2, 0, 0, "one two three", "one two\n  three" },
	{ PRV_WRAP_FIELD, 80, 0, 0, 0, "a  b ", "a  b " },
	{ PRV_WRAP_FIELD, 80, 0, 0, 0, "a\tb\x7f", "a b " },
	{ PRV_WRAP_FIELD, 10, 0, 0, 0, "abcdefghijklmno rest", "abcdefg..." },
	{ PRV_WRAP_FIELD, 10, 2, 0, 0, "ab cdefghijklmno rest",
	  "ab\n  cdefg..." },
	{ PRV_WRAP_FIELD, 10, 0, 0, 8, "abc", ".." },
	{ PRV_WRAP_FIELD, 10, 0, 0, 9, "abc", "." },
	/* at most `max` bytes: the last word shown ends with "..." */
	{ PRV_WRAP_FIELD, 80, 2, 9, 0, "aaa bbb ccc", "aaa bbb\n  c..." },
	{ PRV_WRAP_FIELD, 80, 2, 11, 0, "aaa bbb ccc", "aaa bbb ccc" },
};

Test(wrap, table)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct prv_wrap_opts o = { cases[i].mode, cases[i].width,
					   cases[i].indent, cases[i].max };
		struct prv_buf b = PRV_BUF_INIT;

		prv_wrap(&b, cases[i].in, strlen(cases[i].in), cases[i].col,
			 &o);
		cr_expect_str_eq(b.data, cases[i].want, "case %zu: '%s'", i,
				 cases[i].in);
		prv_buf_release(&b);
	}
}

Test(wrap, lines_stay_within_the_width)
{
	static const char text[] =
		"Lorem ipsum dolor sit amet, consectetur adipiscing elit, "
		"sed do eiusmod tempor incididunt ut labore et dolore magna "
		"aliqua. Ut enim ad minim veniam, quis nostrud exercitation.";
	/* its longest word, 13 columns, fits after the indent of 3 */
	enum prv_wrap_mode modes[] = { PRV_WRAP_PROSE, PRV_WRAP_FIELD };
	size_t m, width;

	for (m = 0; m < 2; m++) {
		for (width = 16; width <= 40; width++) {
			struct prv_wrap_opts o = { modes[m], width, 3, 0 };
			struct prv_buf b = PRV_BUF_INIT;
			const char *p;

			prv_wrap(&b, text, strlen(text), 0, &o);
			for (p = b.data; *p;) {
				size_t n = strcspn(p, "\n");

				cr_expect_leq(n, width, "width %zu: '%.*s'",
					      width, (int)n, p);
				p += n + (p[n] == '\n');
			}
			prv_buf_release(&b);
		}
	}
}
