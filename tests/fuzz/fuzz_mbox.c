// SPDX-License-Identifier: GPL-2.0-or-later
/* Fuzz the mbox splitter on a private, exactly sized copy of the input. */
#include <stdlib.h>
#include <string.h>

#include "core/base/arena.h"
#include "core/mail/mbox.h"
#include "core/base/warn.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum prv_mbox_format formats[] = { PRV_MBOX_AUTO,
							PRV_MBOX_MBOXRD,
							PRV_MBOX_MBOXO };
	size_t f, i;

	for (f = 0; f < sizeof(formats) / sizeof(formats[0]); f++) {
		struct prv_arena a = PRV_ARENA_INIT;
		struct prv_warnings w;
		struct prv_mbox m = PRV_MBOX_INIT;
		char *buf = malloc(size ? size : 1);

		if (!buf)
			return 0;
		memcpy(buf, data, size);
		prv_arena_init(&a);
		prv_warnings_init(&w, &a);
		if (!prv_mbox_split(&m, buf, size, formats[f], "fuzz", &w)) {
			for (i = 0; i < m.nr; i++) {
				const struct prv_mbox_entry *e = &m.items[i];

				if (e->data < buf || e->len > size ||
				    e->data + e->len > buf + size)
					abort();
				fuzz_touch(e->data, e->len);
			}
		}
		for (i = 0; i < w.nr; i++)
			fuzz_touch_str(w.items[i].text);
		prv_mbox_release(&m);
		prv_warnings_release(&w);
		prv_arena_release(&a);
		free(buf);
	}

	/* Every line of the input through the From_ predicate. */
	for (i = 0; i < size;) {
		const char *line = (const char *)data + i;
		const char *nl = memchr(line, '\n', size - i);
		size_t len = nl ? (size_t)(nl - line) : size - i;
		char *copy = malloc(len ? len : 1);

		if (!copy)
			return 0;
		memcpy(copy, line, len);
		fuzz_sink += prv_mbox_is_from_line(copy, len);
		free(copy);
		i += len + 1;
	}
	return 0;
}
