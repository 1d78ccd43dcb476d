// SPDX-License-Identifier: GPL-2.0-or-later
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/buf.h"
#include "core/base/wrap.h"

/* Display columns, as python's unicodedata.east_asian_width sees them. */
static const struct {
	const char *in;
	size_t len, cols;
} columns_cases[] = {
	{ "", 0, 0 },
	{ "abc", 3, 3 },
	{ "a b\tc", 5, 5 }, /* a tab is a control byte: one column */
	{ "\x01\x7f", 2, 2 }, /* control bytes, one column each */
	{ "a\0b", 3, 3 }, /* NUL counts as a byte */
	{ "\xc3\xa9t\xc3\xa9", 5, 3 }, /* \u00e9t\u00e9 */
	{ "\xc2\x85", 2, 1 }, /* a C1 control: one */
	{ "\xe5\xbc\xa0\xe4\xb8\x89", 6, 4 }, /* \u5f20\u4e09 (CJK) */
	{ "\xe3\x81\x82"
	  "a",
	  4, 3 }, /* hiragana \u3042 then a */
	{ "\xea\xb0\x80", 3, 2 }, /* hangul syllable \uac00 */
	{ "\xef\xbc\xa1\xef\xbc\x81", 6, 4 }, /* fullwidth \uff21\uff01 */
	{ "\xef\xbd\xb1", 3, 1 }, /* halfwidth katakana \uff71 */
	{ "\xe3\x80\x80", 3, 2 }, /* ideographic space \u3000 */
	{ "\xf0\xa0\x80\x80", 4, 2 }, /* \U00020000, plane 2 */
	{ "\xf0\x9f\x98\x80", 4, 2 }, /* emoji \U0001f600 */
	{ "\xe2\x8c\x9a", 3, 2 }, /* watch \u231a, emoji presentation */
	{ "\xe2\x98\x83", 3, 1 }, /* snowman \u2603, text presentation */
	{ "\xf0\x9f\x87\xab\xf0\x9f\x87\xb7", 8, 4 }, /* regional FR */
	{ "e\xcc\x81", 3, 1 }, /* e + combining acute \u0301 */
	{ "e\xcc\x81\xcc\xa3x", 6, 2 }, /* two marks on one base */
	{ "\xe2\x83\x9d", 3, 0 }, /* enclosing circle \u20dd (Me) */
	{ "\xe2\x80\x8d", 3, 0 }, /* zero width joiner */
	{ "\xe2\x80\x8b\xe2\x80\x8f", 6, 0 }, /* ZWSP, RLM */
	{ "\xc2\xad", 2, 1 }, /* soft hyphen is shown */
	{ "\xef\xbb\xbf", 3, 0 }, /* BOM / ZWNBSP */
	/* man, ZWJ, woman: 2 + 0 + 2 */
	{ "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9", 11, 4 },
	{ "\xe2\x9d\xa4\xef\xb8\x8f", 6, 1 }, /* heart + VS16 */
	{ "\xe4\xb8\x80\xf3\xa0\x84\x80", 7, 2 }, /* + VS17 */
	/* not UTF-8: one column per byte */
	{ "\xff\xfe", 2, 2 },
	{ "\x80\x80x", 3, 3 }, /* stray continuation bytes */
	{ "\xc0\xaf", 2, 2 }, /* overlong '/' */
	{ "\xed\xa0\x80", 3, 3 }, /* a surrogate */
	{ "\xf4\x90\x80\x80", 4, 4 }, /* past U+10FFFF */
	{ "\xe5\xbc", 2, 2 }, /* truncated CJK */
	{ "\xe5\xbcx", 3, 3 },
	{ "\xcc", 1, 1 }, /* a truncated mark */
};

Test(wrap, columns)
{
	size_t i;

	for (i = 0; i < sizeof(columns_cases) / sizeof(*columns_cases); i++)
		cr_expect_eq(
			prv_columns(columns_cases[i].in, columns_cases[i].len),
			columns_cases[i].cols, "case %zu: %zu, want %zu", i,
			prv_columns(columns_cases[i].in, columns_cases[i].len),
			columns_cases[i].cols);
}

/* Only as much of a string as it is told. */
Test(wrap, columns_stop_at_len)
{
	cr_assert_eq(prv_columns("\xe5\xbc\xa0\xe4\xb8\x89", 3), 2);
	cr_assert_eq(prv_columns("e\xcc\x81", 1), 1);
	cr_assert_eq(prv_columns(NULL, 0), 0);
}

/* Cuts fall between characters, marks stay with their base. */
static const struct {
	const char *in;
	size_t room, bytes, cols;
} cut_cases[] = {
	{ "abcdef", 3, 3, 3 },
	{ "abc", 10, 3, 3 },
	{ "abc", 0, 0, 0 },
	{ "\xe5\xbc\xa0\xe4\xb8\x89", 3, 3, 2 }, /* half a wide char: no */
	{ "\xe5\xbc\xa0\xe4\xb8\x89", 4, 6, 4 },
	{ "\xe5\xbc\xa0\xe4\xb8\x89", 1, 0, 0 },
	{ "e\xcc\x81"
	  "e\xcc\x81",
	  1, 3, 1 }, /* the accent comes along */
	{ "\xcc\x81"
	  "a",
	  0, 2, 0 }, /* a leading mark takes no room */
	{ "a\xf0\x9f\x98\x80"
	  "b",
	  2, 1, 1 },
	{ "\xff\xfe\xfd", 2, 2, 2 },
};

Test(wrap, columns_cut)
{
	size_t i;

	for (i = 0; i < sizeof(cut_cases) / sizeof(*cut_cases); i++) {
		size_t cols = 99;
		size_t n = prv_columns_cut(cut_cases[i].in,
					   strlen(cut_cases[i].in),
					   cut_cases[i].room, &cols);

		cr_expect_eq(n, cut_cases[i].bytes, "case %zu: %zu bytes", i,
			     n);
		cr_expect_eq(cols, cut_cases[i].cols, "case %zu: %zu columns",
			     i, cols);
	}
}

Test(wrap, glyph)
{
	size_t cols = 99;

	cr_assert_eq(prv_glyph("", 0, &cols), 0);
	cr_assert_eq(cols, 0);
	cr_assert_eq(prv_glyph("ab", 2, &cols), 1);
	cr_assert_eq(cols, 1);
	cr_assert_eq(prv_glyph("a\xcc\x81\xcc\xa3"
			       "b",
			       6, &cols),
		     5);
	cr_assert_eq(cols, 1);
	cr_assert_eq(prv_glyph("\xe5\xbc\xa0x", 4, &cols), 3);
	cr_assert_eq(cols, 2);
	cr_assert_eq(prv_glyph("\xe5\xbc", 2, &cols), 1);
	cr_assert_eq(cols, 1);
}

/* CJK, two columns each */
#define ZHANG "\xe5\xbc\xa0"
#define SAN "\xe4\xb8\x89"
#define LI "\xe6\x9d\x8e"
#define SI "\xe5\x9b\x9b"
#define WANG "\xe7\x8e\x8b"
#define WU "\xe4\xba\x94"
#define ZHAO "\xe8\xb5\xb5"
#define LIU "\xe5\x85\xad"
#define QIAN "\xe9\x92\xb1"
#define QI "\xe4\xb8\x83"
#define COMMA "\xef\xbc\x8c" /* fullwidth comma */
#define OPEN "\xe3\x80\x8c" /* left corner bracket */
#define CLOSE "\xe3\x80\x8d"
#define ZH5 ZHANG SAN LI SI WANG
#define ZH5B WU ZHAO LIU QIAN QI
#define ZH4B WU ZHAO LIU QIAN
#define ZH10 ZH5 ZH5B

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
	/* wide characters: two columns, a line may break between them */
	{ PRV_WRAP_PROSE, 10, 0, 0, 0, ZH10, ZH5 "\n" ZH5B },
	{ PRV_WRAP_PROSE, 10, 2, 0, 0, ZH10, ZH5 "\n  " ZH4B "\n  " QI },
	{ PRV_WRAP_PROSE, 10, 0, 0, 0, "ab " ZH5,
	  "ab " ZHANG SAN LI "\n" SI WANG },
	{ PRV_WRAP_PROSE, 10, 0, 0, 0, "abc" ZHANG "xyz", "abc" ZHANG "xyz" },
	{ PRV_WRAP_PROSE, 6, 0, 0, 0, "abcdefgh" ZHANG SAN,
	  "abcdefgh\n" ZHANG SAN },
	{ PRV_WRAP_PROSE, 3, 0, 0, 0,
	  "e\xcc\x81"
	  "e\xcc\x81"
	  "e\xcc\x81 x",
	  "e\xcc\x81"
	  "e\xcc\x81"
	  "e\xcc\x81\nx" },
	/* not before a CJK comma or closing bracket, not after an opening */
	{ PRV_WRAP_PROSE, 4, 0, 0, 0, ZHANG SAN COMMA LI SI,
	  ZHANG "\n" SAN COMMA "\n" LI SI },
	{ PRV_WRAP_PROSE, 4, 0, 0, 0, ZHANG OPEN LI SI CLOSE,
	  ZHANG "\n" OPEN LI "\n" SI CLOSE },
	/* a field: as it is, control characters as spaces, long words cut */
	{ PRV_WRAP_FIELD, 10, 2, 0, 0, "one two three", "one two\n  three" },
	{ PRV_WRAP_FIELD, 80, 0, 0, 0, "a  b ", "a  b " },
	{ PRV_WRAP_FIELD, 80, 0, 0, 0, "a\tb\x7f", "a b " },
	{ PRV_WRAP_FIELD, 10, 0, 0, 0, "abcdefghijklmno rest", "abcdefg..." },
	{ PRV_WRAP_FIELD, 10, 2, 0, 0, "ab cdefghijklmno rest",
	  "ab\n  cdefg..." },
	{ PRV_WRAP_FIELD, 10, 0, 0, 8, "abc", ".." },
	{ PRV_WRAP_FIELD, 10, 0, 0, 9, "abc", "." },
	{ PRV_WRAP_FIELD, 10, 0, 0, 0, ZH10, ZH5 "\n" ZH5B },
	{ PRV_WRAP_FIELD, 6, 0, 0, 0, "x " ZH5,
	  "x " ZHANG SAN "\n" LI SI WANG },
	{ PRV_WRAP_FIELD, 10, 0, 0, 5, ZHANG SAN LI, ZHANG SAN "\n" LI },
	{ PRV_WRAP_FIELD, 10, 0, 0, 0, "abcdefghij" ZHANG,
	  "abcdefghij\n" ZHANG },
	{ PRV_WRAP_FIELD, 6, 0, 0, 0, "abcdefghij" ZHANG, "abc..." },
	{ PRV_WRAP_FIELD, 6, 0, 0, 0,
	  "\xf0\x9f\x98\x80\xf0\x9f\x98\x80"
	  "abcdefghij",
	  "\xf0\x9f\x98\x80\xf0\x9f\x98\x80\nabc..." },
	/* at most `max` bytes: the last word shown ends with "..." */
	{ PRV_WRAP_FIELD, 80, 2, 9, 0, "aaa bbb ccc", "aaa bbb\n  c..." },
	{ PRV_WRAP_FIELD, 80, 2, 11, 0, "aaa bbb ccc", "aaa bbb ccc" },
	/* never half a character, nor a base without its accent */
	{ PRV_WRAP_FIELD, 80, 0, 4, 0, ZHANG SAN LI, ZHANG "..." },
	{ PRV_WRAP_FIELD, 80, 0, 3, 0, "ae\xcc\x81z", "a..." },
	/* the lines of a mail: each ends with "\n", keeps its indentation */
	{ PRV_WRAP_LINES, 8, 0, 0, 0, "aaa bbb ccc ddd\nshort",
	  "aaa bbb\nccc ddd\nshort\n" },
	{ PRV_WRAP_LINES, 12, 2, 0, 0, "  a b\n    indented line here",
	  "  a b\n    indented\n  line here\n" },
	{ PRV_WRAP_LINES, 80, 0, 0, 0, "a\n\nb\n", "a\n\nb\n" },
	{ PRV_WRAP_LINES, 80, 0, 0, 0, "", "" },
	/* spaces kept between words, left out where the line breaks */
	{ PRV_WRAP_LINES, 80, 0, 0, 0, "a  b", "a  b\n" },
	{ PRV_WRAP_LINES, 7, 2, 0, 0, "aaa   bbb", "aaa\n  bbb\n" },
	/* at spaces only: a long word, CJK included, stands alone */
	{ PRV_WRAP_LINES, 8, 0, 0, 0, "averyveryverylongword x",
	  "averyveryverylongword\nx\n" },
	{ PRV_WRAP_LINES, 10, 0, 0, 0, ZH10, ZH10 "\n" },
	{ PRV_WRAP_LINES, 8, 0, 0, 0, ZHANG SAN " " LI SI " ab",
	  ZHANG SAN "\n" LI SI " ab\n" },
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
	static const char *const texts[] = {
		"Lorem ipsum dolor sit amet, consectetur adipiscing elit, "
		"sed do eiusmod tempor incididunt ut labore et dolore magna "
		"aliqua. Ut enim ad minim veniam, quis nostrud exercitation.",
		/* CJK without spaces, mixed with words and accents */
		"net: " ZH10 ZH10 " fix the " ZH5 "caf\xc3\xa9 r\xc3\xa9sum"
		"e\xcc\x81 " ZH10 "\xef\xbc\x88\xef\xbc\x89 " ZH5B ZH5,
	};
	/* the longest word, 13 columns, fits after the indent of 3 */
	enum prv_wrap_mode modes[] = { PRV_WRAP_PROSE, PRV_WRAP_FIELD };
	size_t t, m, width;

	for (t = 0; t < 2; t++) {
		for (m = 0; m < 2; m++) {
			for (width = 16; width <= 40; width++) {
				struct prv_wrap_opts o = { modes[m], width, 3,
							   0 };
				struct prv_buf b = PRV_BUF_INIT;
				const char *p;

				prv_wrap(&b, texts[t], strlen(texts[t]), 0, &o);
				for (p = b.data; *p;) {
					size_t n = strcspn(p, "\n");

					cr_expect_leq(prv_columns(p, n), width,
						      "width %zu: '%.*s'",
						      width, (int)n, p);
					p += n + (p[n] == '\n');
				}
				/* nothing lost but the spaces at breaks */
				cr_expect_geq(b.len, strlen(texts[t]),
					      "width %zu", width);
				prv_buf_release(&b);
			}
		}
	}
}

/* Encode code point c as UTF-8 into b; its length. */
static size_t utf8(char *b, unsigned long c)
{
	if (c < 0x80) {
		b[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		b[0] = (char)(0xc0 | c >> 6);
		b[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		b[0] = (char)(0xe0 | c >> 12);
		b[1] = (char)(0x80 | (c >> 6 & 0x3f));
		b[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	b[0] = (char)(0xf0 | c >> 18);
	b[1] = (char)(0x80 | (c >> 12 & 0x3f));
	b[2] = (char)(0x80 | (c >> 6 & 0x3f));
	b[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

/*
 * Every code point against python's unicodedata, through the generator
 * of the tables (tests/tools/gen-width-table.py), when python has the
 * Unicode version that the tables follow.
 */
Test(wrap, every_code_point_as_unicodedata)
{
	const char *src = getenv("PRV_SRC");
	char cmd[4096], version[64];
	unsigned long c, bad = 0;
	FILE *f;

	if (!src)
		cr_skip_test("skipped: PRV_SRC is not set");
	snprintf(cmd, sizeof(cmd),
		 "python3 '%s/tests/tools/gen-width-table.py' --widths", src);
	f = popen(cmd, "r");
	cr_assert(f, "cannot run python3");
	if (!fgets(version, sizeof(version), f) ||
	    strcmp(version, "14.0.0\n")) {
		pclose(f);
		cr_skip_test("skipped: python3 has Unicode %s, not 14.0.0",
			     version);
	}
	for (c = 0; c < 0x110000; c++) {
		int want = fgetc(f);
		char b[4];
		size_t n;

		cr_assert(want != EOF, "short output at U+%04lX", c);
		if (want == '-')
			continue;
		n = utf8(b, c);
		if (prv_columns(b, n) != (size_t)(want - '0') && bad++ < 10)
			cr_expect_fail("U+%04lX: %zu columns, want %c", c,
				       prv_columns(b, n), want);
	}
	cr_expect_eq(pclose(f), 0);
	cr_expect_eq(bad, 0, "%lu code points differ", bad);
	/* and the tables in the source are the generated ones */
	snprintf(cmd, sizeof(cmd),
		 "python3 '%s/tests/tools/gen-width-table.py' --check "
		 "'%s/core/base/wrap.c'",
		 src, src);
	cr_expect_eq(system(cmd), 0, "the tables differ from the generator");
}

/*
 * Random text of words, spaces, CJK, accents, emoji, controls and broken
 * UTF-8 (the sanitizers watch): a field never passes its width.
 */
Test(wrap, random_text)
{
	static const char *const pieces[] = {
		"a",
		"bc",
		"defghijklmnopq",
		" ",
		"  ",
		ZHANG,
		SAN LI,
		COMMA,
		OPEN,
		CLOSE,
		"e\xcc\x81",
		"\xcc\x81",
		"\xf0\x9f\x98\x80",
		"\t",
		"\x01",
		"\xe2\x80\x8d",
		"\xff",
		"\xe5\xbc",
		"\x80",
		"\n",
	};
	unsigned long seed = 12345;
	size_t round;

	for (round = 0; round < 3000; round++) {
		struct prv_buf in = PRV_BUF_INIT, b = PRV_BUF_INIT;
		size_t k, n, width, cols, m;
		const char *p;

		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		n = seed >> 58;
		width = 4 + (seed >> 40) % 40;
		for (k = 0; k < n; k++) {
			seed = seed * 6364136223846793005UL + 1;
			prv_buf_addstr(&in, pieces[(seed >> 33) % 20]);
		}
		for (m = 0; m < 2; m++) {
			struct prv_wrap_opts o = { m ? PRV_WRAP_FIELD :
						       PRV_WRAP_PROSE,
						   width, 2, m ? 40 : 0 };

			prv_buf_reset(&b);
			cols = (seed >> 20) % (width + 2);
			prv_wrap(&b, in.data ? in.data : "", in.len, cols, &o);
			if (!m)
				continue;
			for (p = b.data; *p;) {
				size_t l = strcspn(p, "\n");

				size_t room = p != b.data  ? width :
					      width > cols ? width - cols :
							     0;

				cr_expect_leq(prv_columns(p, l), room,
					      "round %zu: '%.*s'", round,
					      (int)l, p);
				p += l + (p[l] == '\n');
			}
		}
		prv_buf_release(&in);
		prv_buf_release(&b);
	}
}
