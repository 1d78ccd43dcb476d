// SPDX-License-Identifier: GPL-2.0-or-later
/* Fuzz the unified diff parser and the stable patch-id. */
#include <stdlib.h>

#include "core/base/arena.h"
#include "core/mail/diff.h"
#include "core/mail/patchid.h"
#include "core/base/warn.h"
#include "tests/fuzz/fuzz.h"

static void check_within(const char *p, size_t len, const char *text,
			 size_t size)
{
	if (!p)
		return;
	if (p < text || len > size || p + len > text + size)
		abort();
	fuzz_touch(p, len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct prv_arena a = PRV_ARENA_INIT;
	struct prv_warnings w;
	struct prv_diff d = { 0 };
	char id[41];
	size_t i, j;

	prv_arena_init(&a);
	prv_warnings_init(&w, &a);
	if (!prv_diff_parse(&d, &a, text, size, "fuzz@id", &w)) {
		for (i = 0; i < d.nr_files; i++) {
			const struct prv_file *f = &d.files[i];

			fuzz_touch_str(f->old_path);
			fuzz_touch_str(f->new_path);
			fuzz_touch_str(prv_file_path(f));
			fuzz_touch_str(f->old_oid);
			fuzz_touch_str(f->new_oid);
			check_within(f->text, f->text_len, text, size);
			for (j = 0; j < f->nr_hunks; j++) {
				const struct prv_hunk *h = &f->hunks[j];
				const char *fn;
				size_t fn_len;

				fuzz_touch_str(h->func);
				fn = prv_hunk_func_at(h, h->body_len / 2,
						      &fn_len);
				if (fn_len && fn != h->func)
					check_within(fn, fn_len, h->body,
						     h->body_len);
				check_within(h->header, h->header_len, text,
					     size);
				check_within(h->body, h->body_len, text, size);
			}
		}
	}
	if (!prv_patchid_stable(id, text, size)) {
		if (strlen(id) != 40 || strspn(id, "0123456789abcdef") != 40)
			abort();
	}

	for (i = 0; i < w.nr; i++)
		fuzz_touch_str(w.items[i].text);
	prv_warnings_release(&w);
	prv_arena_release(&a);
	return 0;
}
