// SPDX-License-Identifier: GPL-2.0-or-later
/* Fuzz the JSON reader and b4's tracking data on top of it. */
#include <stdlib.h>

#include "core/base/arena.h"
#include "core/series/b4track.h"
#include "core/base/jsonread.h"
#include "tests/fuzz/fuzz.h"

static void touch_value(const struct prv_jv *v)
{
	size_t i;

	switch (v->type) {
	case PRV_JV_STRING:
	case PRV_JV_NUMBER:
		fuzz_touch(v->str, v->len);
		if (v->str[v->len])
			abort(); /* strings are NUL-terminated */
		break;
	case PRV_JV_OBJECT:
		for (i = 0; i < v->nr; i++)
			fuzz_touch(v->keys[i], v->key_lens[i]);
		/* fall through */
	case PRV_JV_ARRAY:
		for (i = 0; i < v->nr; i++)
			touch_value(&v->items[i]);
		break;
	default:
		fuzz_sink += v->boolean;
		break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct prv_arena a = PRV_ARENA_INIT;
	const struct prv_jv *v;
	struct prv_b4track t;
	size_t i;

	prv_arena_init(&a);
	if (!prv_jsonread_parse(&v, &a, text, size, 1 << 20, "fuzz"))
		touch_value(v);
	if (!prv_b4track_parse(&t, &a, text, size, "fuzz")) {
		fuzz_touch_str(t.cover_msgid);
		fuzz_touch_str(t.base_commit);
		fuzz_touch_str(t.link);
		for (i = 0; i < t.nr_patch_msgids; i++)
			fuzz_touch_str(t.patch_msgids[i]);
	}
	prv_arena_release(&a);
	return 0;
}
