// SPDX-License-Identifier: GPL-2.0-or-later
/* Fuzz trailer block detection and review tags in replies. */
#include <stdlib.h>
#include <string.h>

#include "core/base/arena.h"
#include "core/mail/trailer.h"
#include "tests/fuzz/fuzz.h"

static void touch_trailers(const struct prv_trailer *t, size_t nr)
{
	size_t i;

	for (i = 0; i < nr; i++) {
		fuzz_touch_str(t[i].key);
		fuzz_touch_str(t[i].value);
		if (t[i].key)
			fuzz_sink += prv_trailer_token_ok(t[i].key,
							  strlen(t[i].key));
		fuzz_sink += prv_trailer_is(&t[i], "Signed-off-by");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct prv_arena a = PRV_ARENA_INIT;
	int keep;

	prv_arena_init(&a);
	for (keep = 0; keep <= 1; keep++) {
		struct prv_trailer *t = NULL;
		size_t nr = 0, start = 0;

		if (!prv_trailers_parse(&t, &nr, &start, &a, text, size,
					keep)) {
			if (start > size)
				abort();
			touch_trailers(t, nr);
		}
	}
	{
		struct prv_trailer *t = NULL;
		size_t nr = 0;

		if (!prv_trailers_from_reply(&t, &nr, &a, text, size))
			touch_trailers(t, nr);
	}
	fuzz_sink += prv_trailer_token_ok(text, size);
	prv_arena_release(&a);
	return 0;
}
