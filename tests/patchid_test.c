// SPDX-License-Identifier: GPL-2.0-or-later
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/error.h"
#include "core/base/util.h"
#include "core/mail/patchid.h"
#include "core/base/sha1.h"
#include "testutil.h"

static void sha1_hex(char out[41], const char *s, size_t len, size_t step)
{
	struct prv_sha1 c;
	unsigned char h[20];
	size_t i;

	prv_sha1_init(&c);
	for (i = 0; i < len; i += step)
		prv_sha1_update(&c, s + i, len - i < step ? len - i : step);
	prv_sha1_final(h, &c);
	prv_hex(out, h, 20);
}

Test(sha1, known_vectors)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "", "da39a3ee5e6b4b0d3255bfef95601890afd80709" },
		{ "abc", "a9993e364706816aba3e25717850c26c9cd0d89d" },
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		  "84983e441c3bd26ebaae4aa1f95129e5e54670f1" },
		{ "The quick brown fox jumps over the lazy dog",
		  "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12" },
	};
	size_t i, step;
	char out[41];

	for (i = 0; i < PRV_ARRAY_SIZE(cases); i++)
		for (step = 1; step <= 70; step += 23) {
			sha1_hex(out, cases[i].in, strlen(cases[i].in), step);
			cr_assert_str_eq(out, cases[i].out, "case %zu step %zu",
					 i, step);
		}
}

Test(sha1, million_a)
{
	char *s = malloc(1000000);
	char out[41];

	memset(s, 'a', 1000000);
	sha1_hex(out, s, 1000000, 4097);
	cr_assert_str_eq(out, "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
	free(s);
}

/* Expected ids: `git mailinfo` then `git patch-id --stable` (git 2.39). */
static const struct {
	const char *file, *id;
} git_ids[] = {
	{ "patch/0001-main-swap-the-operands.patch",
	  "9d4b08e43295739be86b6a077f1c58a96b8c56d0" },
	{ "patch/0002-doc-rename-notes-to-doc.patch",
	  "d3640248edc527b1cccbc17728965e09135ae1bc" },
	{ "patch/0003-misc-mode-change-delete-add-no-newline.patch",
	  "cca76f2b4fd1de85eaa834d5bd4c901ad6545113" },
	{ "patch/0004-bin-add-a-binary-file-edit-one-line.patch",
	  "810728ee7278e0d8363df64f0d25fd6ac1113183" },
	{ "patch/0005-quoted-edit-a-file-with-a-non-ASCII-name.patch",
	  "8270c52d2387e87e8773714f84755ea28f8ec51a" },
	{ "patch/0006-pure-rename.patch",
	  "34d4ad13c16d4e352300977f7b5893a249470434" },
	{ "patch/0007-dash-in-hunk.patch",
	  "1ae200d6b2d68877d3458a9885ecdc18ff7806ea" },
	{ "patch/cvs-index.patch", "3befe33a239dff3fea84b3281704e72bd2f3fd50" },
	{ "patch/inbody.patch", "e4885359d5c2c6980e4d192fa6835d646832151a" },
	{ "patch/scissors.patch", "80323ebc356f3ff45c6d8fcf0f31ff0622ea5dfa" },
	{ "patch/u0-0001-main-swap-the-operands.patch",
	  "6e920be458da4049602a268083aa18423fb2a350" },
	{ "patch/u0-0003-misc.patch",
	  "cca76f2b4fd1de85eaa834d5bd4c901ad6545113" },
};

Test(patchid, equals_git_on_format_patch_output)
{
	size_t i, len;
	char out[41];

	for (i = 0; i < PRV_ARRAY_SIZE(git_ids); i++) {
		char *text =
			prv_test_read(prv_test_data(git_ids[i].file), &len);

		cr_assert_not_null(text, "%s", git_ids[i].file);
		cr_assert_eq(prv_patchid_stable(out, text, len), 0, "%s",
			     git_ids[i].file);
		cr_assert_str_eq(out, git_ids[i].id, "%s", git_ids[i].file);
		free(text);
	}
}

Test(patchid, no_diff_is_not_found)
{
	static const char *const texts[] = {
		"", "just a message\n",
		"--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n", /* no "diff " line */
	};
	size_t i;
	char out[41];

	for (i = 0; i < PRV_ARRAY_SIZE(texts); i++) {
		cr_assert_eq(prv_patchid_stable(out, texts[i],
						strlen(texts[i])),
			     PRV_ENOTFOUND, "case %zu", i);
		cr_assert_str_eq(out, "");
	}
}

#define FILE_A                                                      \
	"diff --git a/a b/a\nindex 1..2 100644\n--- a/a\n+++ b/a\n" \
	"@@ -1 +1 @@\n-x\n+y\n"
#define FILE_B                                                      \
	"diff --git a/b b/b\nindex 3..4 100644\n--- a/b\n+++ b/b\n" \
	"@@ -1,2 +1,2 @@ ctx\n-p\n+q\n r\n"

Test(patchid, stable_ignores_file_order_and_whitespace)
{
	char ab[41], ba[41], ws[41], other[41];
	const char *a_then_b = FILE_A FILE_B, *b_then_a = FILE_B FILE_A;
	const char *spaced =
		"diff  --git a/a b/a\nindex 9..8 100644\n"
		"---  a/a\n+++ b/a\n@@ -7 +7 @@\n- x\n+y \n" FILE_B;
	const char *changed = FILE_A "diff --git a/b b/b\n--- a/b\n+++ b/b\n"
				     "@@ -1,2 +1,2 @@\n-p\n+Q\n r\n";

	cr_assert_eq(prv_patchid_stable(ab, a_then_b, strlen(a_then_b)), 0);
	cr_assert_eq(prv_patchid_stable(ba, b_then_a, strlen(b_then_a)), 0);
	cr_assert_eq(prv_patchid_stable(ws, spaced, strlen(spaced)), 0);
	cr_assert_eq(prv_patchid_stable(other, changed, strlen(changed)), 0);
	cr_assert_str_eq(ab, ba);
	cr_assert_str_eq(ab, ws);
	cr_assert_str_neq(ab, other);
}

Test(patchid, trailing_signature_and_garbage_do_not_count)
{
	char plain[41], sig[41];
	const char *with_sig = FILE_A "-- \n2.43.0\n\n";

	cr_assert_eq(prv_patchid_stable(plain, FILE_A, strlen(FILE_A)), 0);
	cr_assert_eq(prv_patchid_stable(sig, with_sig, strlen(with_sig)), 0);
	cr_assert_str_eq(plain, sig);
}
