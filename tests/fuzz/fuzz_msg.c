// SPDX-License-Identifier: GPL-2.0-or-later
/* Fuzz the message parser, header decoding and RFC 2047 words. */
#include <stdlib.h>

#include "core/base/arena.h"
#include "core/mail/msg.h"
#include "core/base/warn.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {
		"Subject",	"From",
		"To",		"Cc",
		"Date",		"Message-ID",
		"In-Reply-To",	"References",
		"Content-Type", "Content-Transfer-Encoding",
	};
	const char *text = (const char *)data;
	struct prv_arena a = PRV_ARENA_INIT;
	struct prv_warnings w;
	struct prv_msg m = { 0 };
	size_t i;

	prv_arena_init(&a);
	prv_warnings_init(&w, &a);
	if (!prv_msg_parse(&m, &a, text, size, "fuzz", &w)) {
		for (i = 0; i < m.nr_headers; i++) {
			const struct prv_header *h = &m.headers[i];

			fuzz_touch(h->name, h->name_len);
			fuzz_touch(h->value, h->value_len + 1);
		}
		fuzz_touch(m.body, m.body_len + 1);
		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
			const char *raw = prv_msg_get(&m, names[i]);

			fuzz_touch_str(raw);
			fuzz_touch_str(prv_msg_get_decoded(&m, &a, names[i]));
		}
		{
			const char *date = prv_msg_get(&m, "Date");
			long long epoch;
			int tz;

			if (date)
				fuzz_sink += prv_date_parse(&epoch, &tz, date,
							    strlen(date));
		}
	}

	/* The whole input as one header value, and as a date. */
	fuzz_touch_str(prv_rfc2047_decode(&a, text, size));
	{
		size_t n = 0;

		fuzz_touch_str(prv_utf8_sanitize(&a, text, size, &n));
	}
	{
		long long epoch;
		int tz;

		fuzz_sink += prv_date_parse(&epoch, &tz, text, size);
	}

	for (i = 0; i < w.nr; i++)
		fuzz_touch_str(w.items[i].text);
	prv_warnings_release(&w);
	prv_arena_release(&a);
	return 0;
}
