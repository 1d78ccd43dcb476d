// SPDX-License-Identifier: GPL-2.0-or-later
/* Text from mail made safe to print: the rule of safetext.h. */
#include <string.h>

#include "core/base/charset.h"
#include "core/base/error.h"
#include "core/base/safetext.h"

#define REPLACEMENT "\xef\xbf\xbd" /* U+FFFD */

/*
 * The character at s[0..len) (len > 0) under the rule: its bytes in *n,
 * and NULL when it is kept, else what replaces it.
 */
static const char *unit(const char *s, size_t len, enum prv_safe_mode mode,
			size_t *n)
{
	unsigned char c = (unsigned char)s[0];

	*n = 1;
	if (c < 0x80) {
		if ((c >= 0x20 && c != 0x7f) ||
		    (mode == PRV_SAFE_BLOCK && (c == '\t' || c == '\n')))
			return NULL;
		return " ";
	}
	*n = prv_utf8_seq_len(s, len);
	if (!*n) {
		*n = 1;
		return REPLACEMENT;
	}
	/* U+0080..U+009F: C2 80..C2 9F */
	if (c == 0xc2 && (unsigned char)s[1] < 0xa0)
		return " ";
	return NULL;
}

size_t prv_safe_prefix(const char *s, size_t len, enum prv_safe_mode mode)
{
	size_t i = 0, n;

	while (i < len) {
		if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7f) {
			i++;
			continue;
		}
		if (unit(s + i, len - i, mode, &n))
			break;
		i += n;
	}
	return i;
}

int prv_safe_add(struct prv_buf *out, const char *s, size_t len,
		 enum prv_safe_mode mode)
{
	size_t i = 0, n;
	int err;

	while (i < len) {
		size_t ok = prv_safe_prefix(s + i, len - i, mode);
		const char *r;

		err = prv_buf_add(out, s + i, ok);
		if (err)
			return err;
		i += ok;
		if (i >= len)
			break;
		r = unit(s + i, len - i, mode, &n);
		err = prv_buf_addstr(out, r);
		if (err)
			return err;
		i += n;
	}
	return 0;
}

int prv_safe_addstr(struct prv_buf *out, const char *s, enum prv_safe_mode mode)
{
	return s ? prv_safe_add(out, s, strlen(s), mode) : 0;
}

int prv_md_add_text(struct prv_buf *out, const char *s, size_t len)
{
	size_t i = 0, n;
	int err = 0;

	while (i < len && !err) {
		const char *r = unit(s + i, len - i, PRV_SAFE_LINE, &n);

		if (r)
			err = prv_buf_addstr(out, r);
		else if (s[i] && strchr("\\`*_[]<>|#!&~", s[i]))
			err = prv_buf_addch(out, '\\') ||
			      prv_buf_addch(out, s[i]);
		else
			err = prv_buf_add(out, s + i, n);
		i += n;
	}
	return err ? PRV_ENOMEM : 0;
}

size_t prv_md_fence_len(const char *s, size_t len, size_t min)
{
	size_t i, run = 0, longest = 0;

	for (i = 0; i < len; i++) {
		run = s[i] == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	return longest + 1 > min ? longest + 1 : min;
}

int prv_md_add_fence(struct prv_buf *out, size_t n)
{
	int err = 0;

	while (n-- && !err)
		err = prv_buf_addch(out, '`');
	return err;
}

int prv_md_add_code(struct prv_buf *out, const char *s, size_t len)
{
	struct prv_buf t = PRV_BUF_INIT;
	size_t fence;
	bool pad;
	int err;

	if (!len)
		return 0;
	err = prv_safe_add(&t, s, len, PRV_SAFE_LINE);
	if (err)
		goto out;
	fence = prv_md_fence_len(t.data, t.len, 1);
	pad = t.data[0] == '`' || t.data[t.len - 1] == '`' ||
	      (t.data[0] == ' ' && t.data[t.len - 1] == ' ');
	err = prv_md_add_fence(out, fence);
	if (!err && pad)
		err = prv_buf_addch(out, ' ');
	if (!err)
		err = prv_buf_add(out, t.data, t.len);
	if (!err && pad)
		err = prv_buf_addch(out, ' ');
	if (!err)
		err = prv_md_add_fence(out, fence);
out:
	prv_buf_release(&t);
	return err;
}
