/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_SAFETEXT_H
#define PRV_SAFETEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/base/buf.h"

/*
 * Text from mail made safe to print: the one rule every renderer and every
 * message that echoes mail applies (docs/security.md). Subjects, names,
 * paths and bodies come from anyone; printed raw, an ESC or BEL byte could
 * clear a terminal, retitle its window or hide a link, and a backquote or a
 * bracket could close a Markdown code span and add links or HTML.
 *
 * The rule: every control character (C0 but tab and newline, DEL, and the
 * C1 controls U+0080..U+009F) becomes a space, and every byte that is not
 * part of well-formed UTF-8 becomes U+FFFD. Each replacement takes the one
 * column the replaced character took (prv_columns()), so text may be laid
 * out before or after it is made safe.
 */

enum prv_safe_mode {
	PRV_SAFE_LINE, /* one line: tab and newline become spaces too */
	PRV_SAFE_BLOCK, /* lines: tab and newline are kept */
};

/* Append s[0..len) to `out` under the rule. Returns 0 or PRV_ENOMEM. */
int prv_safe_add(struct prv_buf *out, const char *s, size_t len,
		 enum prv_safe_mode mode);
/* The same for a string; NULL appends nothing. */
int prv_safe_addstr(struct prv_buf *out, const char *s,
		    enum prv_safe_mode mode);

/*
 * Bytes of the longest start of s[0..len) that the rule leaves as it is
 * (len when it needs no change).
 */
size_t prv_safe_prefix(const char *s, size_t len, enum prv_safe_mode mode);

/*
 * Markdown (CommonMark, and GitHub's and GitLab's flavours of it) inline
 * text, under the rule on one line, with a backslash before every
 * character that can open or close markup: \ ` * _ [ ] < > | # ! & ~.
 * For text within a line, not at its start.
 */
int prv_md_add_text(struct prv_buf *out, const char *s, size_t len);

/*
 * A Markdown code span of s[0..len), under the rule on one line: fenced
 * with one backquote more than the longest run of them inside, and a space
 * inside each end when the text starts or ends with a backquote or with a
 * space at both ends (CommonMark takes one such space away). Nothing for
 * empty text.
 */
int prv_md_add_code(struct prv_buf *out, const char *s, size_t len);

/*
 * Backquotes of a fence for s[0..len) in a code span or block: one more
 * than its longest run of backquotes, at least `min`.
 */
size_t prv_md_fence_len(const char *s, size_t len, size_t min);

/* Append `n` backquotes. */
int prv_md_add_fence(struct prv_buf *out, size_t n);

#endif
