// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz the whole reading of one mail: headers, MIME, subject tokens, the
 * patch parts, trailers, the diff and its patch-id, the b4 footer.
 */
#include <stdlib.h>

#include "core/base/arena.h"
#include "core/mail/mail.h"
#include "core/base/warn.h"
#include "tests/fuzz/fuzz.h"

static void touch_person(const struct prv_person *p)
{
	fuzz_touch_str(p->name);
	fuzz_touch_str(p->email);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct prv_arena a = PRV_ARENA_INIT;
	struct prv_warnings w;
	struct prv_mail m = { 0 };
	size_t i;

	prv_arena_init(&a);
	prv_warnings_init(&w, &a);
	if (!prv_mail_parse(&m, &a, (const char *)data, size, "fuzz", &w)) {
		fuzz_touch_str(m.message_id);
		fuzz_touch_str(m.in_reply_to);
		for (i = 0; i < m.nr_references; i++)
			fuzz_touch_str(m.references[i]);
		touch_person(&m.from);
		for (i = 0; i < m.nr_to; i++)
			touch_person(&m.to[i]);
		for (i = 0; i < m.nr_cc; i++)
			touch_person(&m.cc[i]);
		fuzz_touch_str(m.list_id);
		fuzz_touch_str(m.subject);
		fuzz_touch_str(m.pm.title);
		touch_person(&m.pm.author);
		fuzz_touch(m.pm.message, m.pm.message_len);
		fuzz_touch(m.pm.notes, m.pm.notes_len);
		fuzz_touch(m.pm.diff, m.pm.diff_len);
		for (i = 0; i < m.pm.nr_trailers; i++) {
			fuzz_touch_str(m.pm.trailers[i].key);
			fuzz_touch_str(m.pm.trailers[i].value);
		}
		for (i = 0; i < m.diff.nr_files; i++)
			fuzz_touch_str(prv_file_path(&m.diff.files[i]));
		fuzz_touch_str(m.patch_id);
		fuzz_touch_str(m.change_id);
		fuzz_touch_str(m.base_commit);
		for (i = 0; i < m.nr_prerequisites; i++)
			fuzz_touch_str(m.prerequisites[i]);
		fuzz_sink += prv_mail_has_patch(&m);
	}
	for (i = 0; i < w.nr; i++)
		fuzz_touch_str(w.items[i].text);
	prv_warnings_release(&w);
	prv_arena_release(&a);
	return 0;
}
