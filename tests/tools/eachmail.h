/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_TOOLS_EACHMAIL_H
#define PRV_TOOLS_EACHMAIL_H

#include "core/base/arena.h"
#include "core/mail/mail.h"

/* The largest mailbox a test tool reads. */
#define PRV_TOOL_MAIL_MAX ((size_t)256 << 20)

/*
 * Read the mailbox at `path` ("-" for stdin), split it and call `fn` on
 * each message that parses, with an arena that lives for that message.
 * Returns 0, or 1 after printing "TOOL: why" when the file cannot be read
 * or split.
 */
int prv_tool_each_mail(const char *tool, const char *path,
		       void (*fn)(const struct prv_mail *m, struct prv_arena *a,
				  void *arg),
		       void *arg);

#endif
