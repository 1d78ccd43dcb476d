// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz the path of `prereview show` and `prereview diff`: one input buffer
 * split, every mail parsed, series assembled, then each pair of successive
 * versions range-diffed. An input holding the byte sequence "\n\f\n" is
 * cut there into several SOURCEs, so that merging inputs is fuzzed too.
 */
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/rangediff.h"
#include "core/series.h"
#include "tests/fuzz/fuzz.h"

#define SOURCES_MAX 4

static void touch_version(const struct prv_version *v)
{
	size_t i, j;

	for (i = 0; i < v->nr_tags; i++)
		fuzz_touch_str(v->tags[i]);
	if (v->cover)
		fuzz_touch_str(v->cover->subject);
	for (i = 0; i < v->nr_patches; i++) {
		const struct prv_patch *p = &v->patches[i];

		fuzz_touch_str(p->mail->message_id);
		fuzz_touch(p->mail->pm.message, p->mail->pm.message_len);
		for (j = 0; j < p->nr_review_trailers; j++) {
			fuzz_touch_str(p->review_trailers[j].key);
			fuzz_touch_str(p->review_trailers[j].value);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct prv_input in;
	size_t off = 0, s, i;
	int n;

	prv_input_init(&in);
	for (n = 0; n < SOURCES_MAX && off <= size; n++) {
		const uint8_t *cut = NULL;
		size_t len;
		char *buf;

		if (n < SOURCES_MAX - 1)
			cut = memmem(data + off, size - off, "\n\f\n", 3);
		len = cut ? (size_t)(cut - (data + off)) : size - off;
		buf = malloc(len ? len : 1);
		if (!buf)
			break;
		memcpy(buf, data + off, len);
		/* Not mail at all is an error for that source alone. */
		prv_input_add_buffer(&in, buf, len, "fuzz");
		if (!cut)
			break;
		off += len + 3;
	}
	if (prv_series_assemble(&in))
		goto out;

	for (s = 0; s < in.nr_series; s++) {
		const struct prv_series *ser = &in.series[s];

		fuzz_touch_str(ser->change_id);
		fuzz_touch_str(ser->title);
		for (i = 0; i < ser->nr_versions; i++) {
			struct prv_rangediff rd;
			struct prv_rangediff_opts opts =
				PRV_RANGEDIFF_OPTS_INIT;
			struct prv_buf b = PRV_BUF_INIT;
			size_t k;

			touch_version(&ser->versions[i]);
			if (!i)
				continue;
			prv_rangediff_init(&rd);
			if (!prv_rangediff_versions(&rd, &ser->versions[i - 1],
						    &ser->versions[i], &opts)) {
				for (k = 0; k < rd.nr_pairs; k++)
					fuzz_touch(rd.pairs[k].inner_diff,
						   rd.pairs[k].inner_diff_len);
				prv_rangediff_summary(&b, &rd);
				fuzz_touch(b.data, b.len);
			}
			prv_buf_release(&b);
			prv_rangediff_release(&rd);
		}
	}
out:
	for (i = 0; i < in.warnings.nr; i++)
		fuzz_touch_str(in.warnings.items[i].text);
	prv_input_release(&in);
	return 0;
}
