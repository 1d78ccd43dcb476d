// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz the path of `prereview show`, `diff` and `check`: one input buffer
 * split, every mail parsed, series assembled, each pair of successive
 * versions range-diffed, then every check run with the shipped data rules
 * and the report rendered in every format and as reply mails. An input holding
 * the byte sequence "\n\f\n" is cut there into several SOURCEs, so that merging
 * inputs is fuzzed too.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/buf.h"
#include "core/check/check.h"
#include "rules/rules.h"
#include "core/base/config.h"
#include "core/rangediff/rangediff.h"
#include "core/report/rdrender.h"
#include "core/report/reply.h"
#include "core/report/render.h"
#include "core/report/report.h"
#include "core/check/rulefile.h"
#include "core/series/series.h"
#include "tests/fuzz/fuzz.h"
#include "tests/fuzz/fuzz_series.h"

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

static void check_and_render(struct prv_input *in)
{
	static const enum prv_report_format formats[] = {
		PRV_FORMAT_TEXT,       PRV_FORMAT_MARKDOWN, PRV_FORMAT_JSON,
		PRV_FORMAT_CHECKPATCH, PRV_FORMAT_B4,
	};
	struct prv_check_opts opts = PRV_CHECK_OPTS_INIT;
	struct prv_render_opts ropts = PRV_RENDER_OPTS_INIT;
	struct prv_report r;
	size_t i;

	opts.rules = shipped_rules();
	prv_report_init(&r);
	if (!prv_report_check(&r, in, prv_rule_families, &opts)) {
		for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
			struct prv_buf b = PRV_BUF_INIT;

			ropts.color = !i;
			if (!prv_report_render(&b, &r, formats[i], &ropts))
				fuzz_touch(b.data, b.len);
			prv_buf_release(&b);
		}
		/* b4's series command: one item per series */
		{
			struct prv_buf b = PRV_BUF_INIT;

			ropts.b4_series = true;
			if (!prv_report_render(&b, &r, PRV_FORMAT_B4, &ropts))
				fuzz_touch(b.data, b.len);
			prv_buf_release(&b);
		}
		/* prereview reply: every patch answered, notes under hunks */
		{
			struct prv_reply_opts rep = { 0 };
			struct prv_buf b = PRV_BUF_INIT;

			rep.from.name = "R. Viewer";
			rep.from.email = "reviewer@example.org";
			rep.now = 1700000000;
			rep.all = true;
			rep.context = PRV_REPLY_CONTEXT_DEFAULT;
			if (!prv_reply_build(&b, &r, &rep, NULL))
				fuzz_touch(b.data, b.len);
			prv_buf_release(&b);
		}
	}
	prv_report_release(&r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct prv_input in;
	size_t s, i;

	prv_input_init(&in);
	fuzz_input_split(&in, data, size);
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
				prv_rdrender_summary(&b, &rd);
				fuzz_touch(b.data, b.len);
			}
			prv_buf_release(&b);
			prv_rangediff_release(&rd);
		}
	}
	if (in.nr_series)
		check_and_render(&in);
out:
	for (i = 0; i < in.warnings.nr; i++)
		fuzz_touch_str(in.warnings.items[i].text);
	prv_input_release(&in);
	return 0;
}
