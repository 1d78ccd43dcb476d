// SPDX-License-Identifier: GPL-2.0-or-later
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/base/arena.h"
#include "core/base/buf.h"
#include "core/base/error.h"
#include "core/base/json.h"

Test(buf, starts_empty_and_terminated)
{
	struct prv_buf b = PRV_BUF_INIT;

	cr_assert_not_null(b.data);
	cr_assert_eq(b.len, 0);
	cr_assert_str_eq(b.data, "");
	prv_buf_release(&b);
}

Test(buf, holds_nul_bytes)
{
	struct prv_buf b = PRV_BUF_INIT;

	cr_assert_eq(prv_buf_add(&b, "a\0b", 3), 0);
	cr_assert_eq(b.len, 3);
	cr_assert_eq(b.data[1], '\0');
	cr_assert_eq(b.data[3], '\0');
	prv_buf_release(&b);
}

Test(buf, refuses_to_grow_past_cap)
{
	struct prv_buf b = PRV_BUF_INIT;

	b.max = 8;
	cr_assert_eq(prv_buf_addstr(&b, "12345678"), 0);
	cr_assert_eq(prv_buf_addch(&b, 'x'), PRV_ENOMEM);
	cr_assert_str_eq(b.data, "12345678");
	prv_buf_release(&b);
}

Test(buf, formats_long_strings)
{
	struct prv_buf b = PRV_BUF_INIT;
	char big[300];

	memset(big, 'z', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	prv_buf_addf(&b, "<%s>%d", big, 42);
	cr_assert_eq(b.len, 299 + 4);
	cr_assert_eq(b.data[b.len - 1], '2');
	prv_buf_release(&b);
}

Test(arena, zeroed_aligned_and_grows)
{
	struct prv_arena a = PRV_ARENA_INIT;
	int *arr = NULL;
	size_t alloc = 0, i;
	char *big = prv_arena_alloc(&a, 1 << 20);

	cr_assert_eq(big[12345], 0);
	for (i = 0; i < 1000; i++) {
		PRV_ARENA_GROW(&a, arr, i + 1, alloc);
		arr[i] = (int)i;
	}
	for (i = 0; i < 1000; i++)
		cr_assert_eq(arr[i], (int)i);
	cr_assert_str_eq(prv_arena_printf(&a, "%s-%d", "v", 3), "v-3");
	prv_arena_release(&a);
}

Test(json, escapes_and_replaces_invalid_utf8)
{
	struct prv_buf b = PRV_BUF_INIT;
	struct prv_json j;

	prv_json_init(&j, &b, false);
	prv_json_object(&j);
	prv_json_kv_str(&j, "a", "q\"\\\n\x01 \xc3\xa9 \xff");
	prv_json_key(&j, "b");
	prv_json_array(&j);
	prv_json_int(&j, 1);
	prv_json_null(&j);
	prv_json_end(&j);
	prv_json_end(&j);
	cr_assert_str_eq(b.data, "{\"a\":\"q\\\"\\\\\\n\\u0001 \xc3\xa9 "
				 "\xef\xbf\xbd\",\"b\":[1,null]}");
	prv_buf_release(&b);
}

/* Mode of a file written through prv_write_file_atomic(). */
static mode_t written_mode(const char *path)
{
	struct stat st;

	cr_assert_eq(prv_write_file_atomic(path, "x\n", 2), 0, "%s",
		     prv_error_last());
	cr_assert_eq(stat(path, &st), 0);
	return st.st_mode & 07777;
}

/*
 * The temporary file is 0600; what is left is the mode of the file
 * replaced, else what a plain create gives under the umask.
 */
Test(buf, atomic_write_mode)
{
	char dir[] = "/tmp/prv-buf-test.XXXXXX";
	char path[64];
	mode_t old;

	cr_assert(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/out", dir);
	old = umask(022);
	cr_expect_eq(written_mode(path), 0644);
	unlink(path);
	umask(077);
	cr_expect_eq(written_mode(path), 0600);
	chmod(path, 0640);
	umask(022);
	cr_expect_eq(written_mode(path), 0640, "the replaced file's mode");
	umask(old);
	unlink(path);
	rmdir(dir);
}

/* Trailing blanks go, a NUL byte is no blank. */
Test(buf, rtrim_keeps_nul)
{
	struct prv_buf b = PRV_BUF_INIT;

	prv_buf_add(&b, "a \t\r\n", 5);
	prv_buf_rtrim(&b);
	cr_expect_eq(b.len, 1);
	prv_buf_add(&b, "\0 ", 2);
	prv_buf_rtrim(&b);
	cr_expect_eq(b.len, 2, "len %zu", b.len);
	prv_buf_release(&b);
}
