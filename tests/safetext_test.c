// SPDX-License-Identifier: GPL-2.0-or-later
#include <criterion/criterion.h>
#include <string.h>

#include "core/base/buf.h"
#include "core/base/safetext.h"
#include "core/base/wrap.h"

static char *safe(const char *s, size_t len, enum prv_safe_mode mode)
{
	struct prv_buf b = PRV_BUF_INIT;

	cr_assert_eq(prv_safe_add(&b, s, len, mode), 0);
	return prv_buf_detach(&b, NULL);
}

static const struct {
	const char *in;
	size_t len;
	const char *line, *block;
} safe_cases[] = {
	{ "plain text", 10, "plain text", "plain text" },
	{ "a\x1b]0;title\x07z", 12, "a ]0;title z", "a ]0;title z" },
	{ "\x1b[2J", 4, " [2J", " [2J" },
	{ "a\tb\nc\r", 6, "a b c ", "a\tb\nc " },
	{ "a\0b", 3, "a b", "a b" },
	{ "del\x7f", 4, "del ", "del " },
	/* C1 controls: CSI U+009B, NEL U+0085 */
	{ "\xc2\x9b"
	  "31m",
	  5, " 31m", " 31m" },
	{ "\xc2\x85", 2, " ", " " },
	/* U+00A0 and above are kept */
	{ "\xc2\xa0\xc3\xa9", 4, "\xc2\xa0\xc3\xa9", "\xc2\xa0\xc3\xa9" },
	/* a raw 8-bit CSI, a cut sequence, an overlong slash, a surrogate */
	{ "\x9b", 1, "\xef\xbf\xbd", "\xef\xbf\xbd" },
	{ "x\xe2\x82", 3, "x\xef\xbf\xbd\xef\xbf\xbd",
	  "x\xef\xbf\xbd\xef\xbf\xbd" },
	{ "\xc0\xaf", 2, "\xef\xbf\xbd\xef\xbf\xbd",
	  "\xef\xbf\xbd\xef\xbf\xbd" },
	{ "\xed\xa0\x80", 3, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd",
	  "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
};

Test(safetext, rule)
{
	size_t i;

	for (i = 0; i < sizeof(safe_cases) / sizeof(safe_cases[0]); i++) {
		const char *in = safe_cases[i].in;
		size_t len = safe_cases[i].len;
		char *l = safe(in, len, PRV_SAFE_LINE);
		char *b = safe(in, len, PRV_SAFE_BLOCK);

		cr_expect_str_eq(l, safe_cases[i].line, "case %zu", i);
		cr_expect_str_eq(b, safe_cases[i].block, "case %zu", i);
		/* every replacement takes the columns of what it replaced */
		cr_expect_eq(prv_columns(l, strlen(l)), prv_columns(in, len),
			     "case %zu", i);
		cr_expect_eq(prv_safe_prefix(l, strlen(l), PRV_SAFE_LINE),
			     strlen(l), "case %zu", i);
		free(l);
		free(b);
	}
}

Test(safetext, prefix)
{
	cr_expect_eq(prv_safe_prefix("abc\x1b", 4, PRV_SAFE_LINE), 3);
	cr_expect_eq(prv_safe_prefix("a\tb", 3, PRV_SAFE_LINE), 1);
	cr_expect_eq(prv_safe_prefix("a\tb", 3, PRV_SAFE_BLOCK), 3);
	cr_expect_eq(prv_safe_prefix("\xc3\xa9\xc3", 3, PRV_SAFE_BLOCK), 2);
}

static char *md(int (*fn)(struct prv_buf *, const char *, size_t),
		const char *s)
{
	struct prv_buf b = PRV_BUF_INIT;

	cr_assert_eq(fn(&b, s, strlen(s)), 0);
	return prv_buf_detach(&b, NULL);
}

Test(safetext, markdown_text)
{
	char *t = md(prv_md_add_text, "**bold** [link](x) <img onerror=a()> "
				      "`c` a_b #1 a|b !x &amp; ~~s~~ \\");

	cr_expect_str_eq(t, "\\*\\*bold\\*\\* \\[link\\](x) \\<img "
			    "onerror=a()\\> \\`c\\` a\\_b \\#1 a\\|b \\!x "
			    "\\&amp; \\~\\~s\\~\\~ \\\\");
	free(t);
	t = md(prv_md_add_text, "two\nlines\x1b[m");
	cr_expect_str_eq(t, "two lines \\[m");
	free(t);
}

Test(safetext, markdown_code)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "net/ipv4/tcp.c", "`net/ipv4/tcp.c`" },
		{ "a`b", "``a`b``" },
		{ "a``b`c", "```a``b`c```" },
		{ "`x", "`` `x ``" },
		{ "x`", "`` x` ``" },
		{ " x ", "`  x  `" },
		{ "a\nb\x07", "`a b `" },
		{ "", "" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *t = md(prv_md_add_code, cases[i].in);

		cr_expect_str_eq(t, cases[i].out, "case %zu", i);
		free(t);
	}
}

Test(safetext, fence_len)
{
	cr_expect_eq(prv_md_fence_len("abc", 3, 3), 3);
	cr_expect_eq(prv_md_fence_len("a```b", 5, 3), 4);
	cr_expect_eq(prv_md_fence_len("a`b", 3, 1), 2);
	cr_expect_eq(prv_md_fence_len("", 0, 1), 1);
}
