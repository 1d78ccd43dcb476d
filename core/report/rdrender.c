// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The range-diff of prereview diff as text (git range-diff's form, in
 * colour on a terminal) and as the prereview-rangediff/1 JSON document,
 * and the one-line summaries that prereview show prints per version.
 */
#include <stdio.h>
#include <string.h>

#include "core/base/buf.h"
#include "core/base/json.h"
#include "core/base/safetext.h"
#include "core/base/util.h"
#include "core/rangediff/rangediff.h"
#include "core/report/rdrender.h"

void prv_rdrender_summary(struct prv_buf *out, const struct prv_rangediff *rd)
{
	const struct {
		size_t n;
		const char *what;
	} parts[] = {
		{ rd->nr_equal, "unchanged" },
		{ rd->nr_changed, "changed" },
		{ rd->nr_added, "new" },
		{ rd->nr_dropped, "dropped" },
	};
	const char *sep = "";
	size_t i;

	if (!rd->nr_pairs) {
		prv_buf_addstr(out, "no patches");
		return;
	}
	for (i = 0; i < PRV_ARRAY_SIZE(parts); i++) {
		if (!parts[i].n)
			continue;
		prv_buf_addf(out, "%s%zu %s", sep, parts[i].n, parts[i].what);
		sep = ", ";
	}
}

int prv_rdrender_summary_line(struct prv_buf *out,
			      const struct prv_version *old,
			      const struct prv_version *new)
{
	struct prv_rangediff_opts opts = PRV_RANGEDIFF_OPTS_INIT;
	struct prv_rangediff rd;
	int err;

	opts.no_patch = true;
	err = prv_rangediff_versions(&rd, old, new, &opts);
	if (!err) {
		prv_buf_addf(out, "vs v%d: ", old->version);
		prv_rdrender_summary(out, &rd);
	}
	prv_rangediff_release(&rd);
	return err;
}

#define COLOR_RESET "\033[m"
#define COLOR_OLD "\033[31m"
#define COLOR_NEW "\033[32m"
#define COLOR_COMMIT "\033[33m"
#define COLOR_FRAG "\033[36m"
#define COLOR_OLD_MARK "\033[7;31m"
#define COLOR_NEW_MARK "\033[7;32m"

static const char *patch_title(const struct prv_patch *p)
{
	if (!p || !p->mail || !p->mail->pm.title)
		return "";
	return p->mail->pm.title;
}

static void print_side(struct prv_buf *out, int width, int k, const char *id)
{
	if (k)
		prv_buf_addf(out, "%*d:  %s", width, k, id);
	else
		prv_buf_addf(out, "%*s:  -------", width, "-");
}

/* "k:  <id> ! k:  <id> title", coloured as git range-diff colours it. */
static void print_pair_line(struct prv_buf *out, const struct prv_rangediff *rd,
			    const struct prv_rangediff_pair *p, bool color)
{
	const char *c = "", *reset = color ? COLOR_RESET : "";
	const struct prv_patch *titled = p->old_patch ? p->old_patch :
							p->new_patch;

	if (color)
		c = p->status == '<' ? COLOR_OLD :
		    p->status == '>' ? COLOR_NEW :
				       COLOR_COMMIT;
	prv_buf_addstr(out, p->status == '!' && color ? COLOR_OLD : c);
	print_side(out, rd->width, p->old, p->old_id);
	prv_buf_addch(out, ' ');
	if (p->status == '!' && color)
		prv_buf_addf(out, "%s%s", reset, c);
	prv_buf_addch(out, p->status);
	if (p->status == '!' && color)
		prv_buf_addf(out, "%s%s", reset, COLOR_NEW);
	prv_buf_addch(out, ' ');
	print_side(out, rd->width, p->new, p->new_id);
	if (p->status == '!' && color)
		prv_buf_addf(out, "%s%s", reset, c);
	prv_buf_addch(out, ' ');
	prv_safe_addstr(out, patch_title(titled), PRV_SAFE_LINE);
	prv_buf_addstr(out, reset);
	/* What git range-diff does not tell: a rebase, a rewritten patch. */
	if (p->changed & PRV_RD_CONTEXT)
		prv_buf_addstr(out, " (rebased)");
	if (p->rewritten)
		prv_buf_addstr(out, " (rewritten)");
	prv_buf_addch(out, '\n');
}

static const char *inner_color(char marker)
{
	return marker == '+' ? COLOR_NEW : marker == '-' ? COLOR_OLD : "";
}

/* The inner diff, indented by four spaces; dual colours on a terminal. */
static void print_inner_diff(struct prv_buf *out, const char *s, size_t len,
			     bool color)
{
	size_t pos = 0;

	while (pos < len) {
		size_t ll = prv_line_len(s + pos, len - pos);
		const char *line = s + pos;

		prv_buf_addstr(out, "    ");
		if (!color) {
			prv_safe_add(out, line, ll, PRV_SAFE_BLOCK);
		} else if (ll >= 2 && line[0] == '@' && line[1] == '@') {
			prv_buf_addstr(out, COLOR_FRAG "@@" COLOR_RESET);
			prv_safe_add(out, line + 2, ll - 2, PRV_SAFE_BLOCK);
		} else if (ll) {
			const char *ic = ll > 1 ? inner_color(line[1]) : "";

			if (line[0] == '+' || line[0] == '-')
				prv_buf_addf(out, "%s%c" COLOR_RESET,
					     line[0] == '+' ? COLOR_NEW_MARK :
							      COLOR_OLD_MARK,
					     line[0]);
			else
				prv_safe_add(out, line, 1, PRV_SAFE_BLOCK);
			if (ll > 1) {
				const char *lc = *ic ? ic :
						       inner_color(line[0]);

				prv_buf_addstr(out, lc);
				prv_safe_add(out, line + 1, ll - 1,
					     PRV_SAFE_BLOCK);
				if (*lc)
					prv_buf_addstr(out, COLOR_RESET);
			}
		}
		prv_buf_addch(out, '\n');
		pos += ll + 1;
	}
}

static void print_partial_note(struct prv_buf *out,
			       const struct prv_rdrender_cmp *c)
{
	size_t i, n = 0;
	const char *sep = "";

	for (i = 0; i < c->new->nr_patches; i++)
		n += c->new->patches[i].filled_in;
	if (!n)
		return;
	prv_buf_addf(out, "note: v%d is a partial reroll; patch%s ",
		     c->new->version, n == 1 ? "" : "es");
	for (i = 0; i < c->new->nr_patches; i++) {
		if (!c->new->patches[i].filled_in)
			continue;
		prv_buf_addf(out, "%s%d", sep, c->new->patches[i].index);
		sep = ", ";
	}
	prv_buf_addf(out, " taken from v%d\n", c->old->version);
}

void prv_rdrender_text(struct prv_buf *out, const struct prv_rdrender_cmp *cmp,
		       size_t nr, const struct prv_rdrender_opts *o)
{
	bool several_series = false;
	size_t i, j;

	for (i = 1; i < nr; i++)
		if (cmp[i].series != cmp[0].series)
			several_series = true;
	for (i = 0; i < nr; i++) {
		const struct prv_rdrender_cmp *c = &cmp[i];

		if (nr > 1) {
			if (i)
				prv_buf_addch(out, '\n');
			if (several_series) {
				prv_safe_addstr(out, c->series->title,
						PRV_SAFE_LINE);
				prv_buf_addstr(out, ": ");
			}
			prv_buf_addf(out, "v%d -> v%d: ", c->old->version,
				     c->new->version);
			prv_rdrender_summary(out, &c->rd);
			prv_buf_addch(out, '\n');
		}
		print_partial_note(out, c);
		for (j = 0; j < c->rd.nr_pairs; j++) {
			const struct prv_rangediff_pair *p = &c->rd.pairs[j];

			print_pair_line(out, &c->rd, p, o->color);
			if (p->status == '!' && !o->no_patch)
				print_inner_diff(out, p->inner_diff,
						 p->inner_diff_len, o->color);
		}
	}
}

static void json_version(struct prv_json *j, const struct prv_version *v)
{
	size_t i, n = 0;

	prv_json_object(j);
	prv_json_kv_int(j, "version", v->version);
	prv_json_kv_int(j, "expected", v->expected);
	prv_json_kv_int(j, "patches", (long long)v->nr_patches);
	prv_json_kv_bool(j, "complete", v->complete);
	for (i = 0; i < v->nr_patches; i++)
		n += v->patches[i].filled_in;
	prv_json_kv_bool(j, "partial", v->partial || n);
	prv_json_kv_int(j, "filled_in", (long long)n);
	if (v->cover)
		prv_json_kv_str(j, "title", v->cover->pm.title);
	else
		prv_json_kv_str(j, "title",
				v->nr_patches ? patch_title(&v->patches[0]) :
						NULL);
	prv_json_end(j);
}

static void json_index(struct prv_json *j, const char *key, int k)
{
	prv_json_key(j, key);
	if (k)
		prv_json_int(j, k);
	else
		prv_json_null(j);
}

static void json_comparison_body(struct prv_json *j,
				 const struct prv_rdrender_cmp *c,
				 const struct prv_rdrender_opts *o)
{
	char status[2] = { 0, 0 };
	size_t i, b;

	prv_json_key(j, "old");
	json_version(j, c->old);
	prv_json_key(j, "new");
	json_version(j, c->new);
	prv_json_key(j, "summary");
	{
		struct prv_buf s = PRV_BUF_INIT;

		prv_rdrender_summary(&s, &c->rd);
		prv_json_str(j, s.data);
		prv_buf_release(&s);
	}
	prv_json_key(j, "pairs");
	prv_json_array(j);
	for (i = 0; i < c->rd.nr_pairs; i++) {
		const struct prv_rangediff_pair *p = &c->rd.pairs[i];

		prv_json_object(j);
		json_index(j, "old", p->old);
		json_index(j, "new", p->new);
		status[0] = p->status;
		prv_json_kv_str(j, "status", status);
		if (p->status == '!') {
			prv_json_key(j, "changed");
			prv_json_array(j);
			for (b = 0;
			     b < PRV_ARRAY_SIZE(prv_rangediff_change_bits); b++)
				if (p->changed & prv_rangediff_change_bits[b])
					prv_json_str(
						j,
						prv_rangediff_change_name(
							prv_rangediff_change_bits
								[b]));
			prv_json_end(j);
		}
		prv_json_kv_str(j, "old_id", p->old ? p->old_id : NULL);
		prv_json_kv_str(j, "new_id", p->new ? p->new_id : NULL);
		prv_json_kv_str(j, "title",
				patch_title(p->old_patch ? p->old_patch :
							   p->new_patch));
		prv_json_kv_bool(j, "filled_in",
				 p->new_patch && p->new_patch->filled_in);
		if (p->rewritten)
			prv_json_kv_bool(j, "rewritten", true);
		if (p->status == '!' && !o->no_patch) {
			prv_json_key(j, "inner_diff");
			prv_json_strn(j, p->inner_diff, p->inner_diff_len);
		}
		prv_json_end(j);
	}
	prv_json_end(j);
}

/*
 * One comparison: the documented object. Several (SOURCE... with more
 * than two versions): the same keys for the last pair, and "diffs" with
 * every pair in order.
 */
void prv_rdrender_json(struct prv_buf *out, const struct prv_rdrender_cmp *cmp,
		       size_t nr, const struct prv_rdrender_opts *o)
{
	struct prv_json j;
	size_t i;

	prv_json_init(&j, out, true);
	prv_json_object(&j);
	prv_json_kv_str(&j, "schema", "prereview-rangediff/1");
	if (nr)
		json_comparison_body(&j, &cmp[nr - 1], o);
	if (nr > 1) {
		prv_json_key(&j, "diffs");
		prv_json_array(&j);
		for (i = 0; i < nr; i++) {
			prv_json_object(&j);
			json_comparison_body(&j, &cmp[i], o);
			prv_json_end(&j);
		}
		prv_json_end(&j);
	}
	prv_json_end(&j);
	prv_buf_addch(out, '\n');
}
