// SPDX-License-Identifier: GPL-2.0-or-later
/* The loop of the test tools over the messages of one mailbox. */
#include <stdio.h>

#include "core/base/buf.h"
#include "core/base/error.h"
#include "core/base/warn.h"
#include "core/mail/mbox.h"
#include "tests/tools/eachmail.h"

static void each(const struct prv_mbox *mb, const char *path,
		 void (*fn)(const struct prv_mail *m, struct prv_arena *a,
			    void *arg),
		 void *arg)
{
	size_t i;

	for (i = 0; i < mb->nr; i++) {
		struct prv_arena ma = PRV_ARENA_INIT;
		struct prv_warnings mw;
		struct prv_mail m;

		prv_warnings_init(&mw, &ma);
		if (!prv_mail_parse(&m, &ma, mb->items[i].data,
				    mb->items[i].len, path, &mw))
			fn(&m, &ma, arg);
		prv_warnings_release(&mw);
		prv_arena_release(&ma);
	}
}

int prv_tool_each_mail(const char *tool, const char *path,
		       void (*fn)(const struct prv_mail *m, struct prv_arena *a,
				  void *arg),
		       void *arg)
{
	struct prv_buf b = PRV_BUF_INIT;
	struct prv_arena a = PRV_ARENA_INIT;
	struct prv_warnings w;
	struct prv_mbox mb = PRV_MBOX_INIT;
	int ret = 1;

	prv_warnings_init(&w, &a);
	if (prv_buf_read_file(&b, path, PRV_TOOL_MAIL_MAX) < 0 ||
	    prv_mbox_split(&mb, b.data, b.len, PRV_MBOX_AUTO, path, &w) < 0) {
		fprintf(stderr, "%s: %s\n", tool, prv_error_last());
	} else {
		each(&mb, path, fn, arg);
		ret = 0;
	}
	prv_mbox_release(&mb);
	prv_warnings_release(&w);
	prv_arena_release(&a);
	prv_buf_release(&b);
	return ret;
}
