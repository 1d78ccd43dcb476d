/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_MBOX_H
#define PRV_MBOX_H

#include <stdbool.h>
#include <stddef.h>

#include "core/base/buf.h"
#include "core/base/warn.h"

/*
 * Splitting mailboxes into messages. The splitter works in place on a
 * mutable buffer the caller owns: mboxrd unquoting (">From " loses one '>')
 * shortens messages by moving bytes within the buffer, so entries point into
 * it and stay valid as long as the buffer.
 *
 * Like git mailsplit and public-inbox, a separator is a "From " line that
 * carries a time (hh:mm:ss) and a year; lore's "From mboxrd@z Thu Jan  1
 * 00:00:00 1970" and git format-patch's "From <sha> Mon Sep 17 00:00:00 2001"
 * both are. A buffer with no separator that starts with header lines is one
 * message (.eml, .patch).
 */

enum prv_mbox_format {
	PRV_MBOX_AUTO = 0, /* mboxrd when lore's "From mboxrd@z" is seen */
	PRV_MBOX_MBOXRD,
	PRV_MBOX_MBOXO,
};

struct prv_mbox_entry {
	char *data; /* message bytes after the From_ line, unquoted */
	size_t len;
	size_t line; /* 1-based line of the message's first byte in the input */
	bool format_patch; /* its From_ line is git format-patch's */
	bool b4am; /* its From_ line is b4 am's (prv_mbox_is_b4am_line) */
};

struct prv_mbox {
	struct prv_mbox_entry *items;
	size_t nr, alloc;
	enum prv_mbox_format format; /* what was detected/used */
};

#define PRV_MBOX_INIT                                                       \
	{                                                                   \
		.items = NULL, .nr = 0, .alloc = 0, .format = PRV_MBOX_AUTO \
	}

/*
 * Split `buf` (modified in place) into messages appended to `out`. Oddities
 * are noted in `w` under the name `source`. Returns PRV_EPARSE, with a
 * message naming `source`, when the bytes are not mail at all.
 */
int prv_mbox_split(struct prv_mbox *out, char *buf, size_t len,
		   enum prv_mbox_format fmt, const char *source,
		   struct prv_warnings *w);

/* Free the entry array (the bytes belong to the caller's buffer). */
void prv_mbox_release(struct prv_mbox *m);

/*
 * True if a line (without its '\n'; a '\r' before it is allowed) is the
 * From_ line git format-patch writes: "From <40 hex> Mon Sep 17 00:00:00
 * 2001". Such a mail has no Message-ID until git send-email gives it one.
 */
bool prv_mbox_is_format_patch_line(const char *line, size_t len);

/*
 * True if a line (as above) is the From_ line `b4 am` writes before each
 * mail of its .mbx: "From git@z Thu Jan  1 00:00:00 1970". b4 writes
 * those mails again: From: is the author, the subject lost its tree tag,
 * the recipients and the threading headers are gone.
 */
bool prv_mbox_is_b4am_line(const char *line, size_t len);

/* True if a line is a From_ separator in the sense above. */
bool prv_mbox_is_from_line(const char *line, size_t len);

/*
 * Append one message to an mboxrd: the From_ line "From <who> Thu Jan  1
 * 00:00:00 1970", then the `len` bytes of `msg` (as prv_mbox_split() gives
 * them) with each line that starts with ">*From " quoted by one more '>',
 * and every line ended by '\n'. The exact inverse of the split's mboxrd
 * unquoting, so a message split from lore's mboxrd goes out as lore sent
 * it. Nonzero when `out` reached its cap.
 */
int prv_mbox_append(struct prv_buf *out, const char *who, const char *msg,
		    size_t len);

#endif
