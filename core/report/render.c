// SPDX-License-Identifier: GPL-2.0-or-later
/* Renderers of the review report: text, Markdown, JSON, checkpatch, b4. */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/error.h"
#include "core/base/json.h"
#include "core/lore/loreurl.h"
#include "core/report/render.h"
#include "core/report/tcpjson.h"
#include "core/report/report.h"
#include "core/report/seriesjson.h"
#include "core/base/safetext.h"
#include "core/base/util.h"
#include "core/base/wrap.h"

#define RED "\033[31m"
#define GREEN "\033[32m"
#define YELLOW "\033[33m"
#define CYAN "\033[36m"
#define BOLD "\033[1m"
#define RESET "\033[m"

static const struct prv_patch *find_patch(const struct prv_version *v, int k)
{
	size_t i;

	for (i = 0; v && i < v->nr_patches; i++)
		if (v->patches[i].index == k)
			return &v->patches[i];
	return NULL;
}

static const char *patch_title(const struct prv_version *v, int k)
{
	const struct prv_patch *p;

	if (k == 0)
		return v && v->cover ? v->cover->subj.title : "cover letter";
	p = find_patch(v, k);
	if (p && p->mail)
		return p->mail->pm.title ? p->mail->pm.title :
					   p->mail->subj.title;
	return "";
}

static const char *status_color(enum prv_item_status s)
{
	switch (s) {
	case PRV_ITEM_FAIL:
		return RED;
	case PRV_ITEM_WARN:
		return YELLOW;
	case PRV_ITEM_TODO:
		return CYAN;
	default:
		return GREEN;
	}
}

static const char *sev_color(enum prv_severity s)
{
	return s == PRV_SEV_FAIL ? RED : s == PRV_SEV_WARN ? YELLOW : CYAN;
}

/*
 * Append `text` word-wrapped to `width` columns; the first line continues
 * at column `col`, the next ones start with `indent` spaces.
 */
static void add_wrapped(struct prv_buf *out, const char *text, size_t col,
			size_t indent, size_t width)
{
	struct prv_wrap_opts o = { PRV_WRAP_PROSE, width, indent, 0 };

	prv_wrap(out, text, strlen(text), col, &o);
}

/* "file:line: " of a finding, made safe to print. */
static void add_location(struct prv_buf *out, const struct prv_finding *f)
{
	if (!f->file)
		return;
	prv_safe_addstr(out, f->file, PRV_SAFE_LINE);
	if (f->line > 0)
		prv_buf_addf(out, ":%ld", f->line);
	prv_buf_addstr(out, ": ");
}

/* Leading spaces of the line at `p` (`l` bytes). */
static size_t lead_of(const char *p, size_t l)
{
	size_t i = 0;

	while (i < l && p[i] == ' ')
		i++;
	return i;
}

/* Whether the text at `p` (after its indent) starts a list item. */
static bool is_item(const char *p, size_t l)
{
	return l >= 2 && (p[0] == '-' || p[0] == '*' || p[0] == '+') &&
	       p[1] == ' ';
}

/*
 * Whether the line at `q` (`ql` bytes) goes on with the words of the line
 * before it (indent `lead`, a list item or not): more indented than an
 * item (its hanging text), or as indented as plain text, and no item or
 * link of its own.
 */
static bool continues(const char *q, size_t ql, size_t lead, bool item)
{
	size_t ql_lead = lead_of(q, ql);

	if (ql_lead == ql || is_item(q + ql_lead, ql - ql_lead) ||
	    prv_starts_with(q + ql_lead, ql - ql_lead, "http://") ||
	    prv_starts_with(q + ql_lead, ql - ql_lead, "https://"))
		return false;
	return item ? ql_lead > lead : ql_lead == lead;
}

/*
 * Indent every line of `text` by `n` spaces. A line longer than `width`
 * columns is broken at spaces and goes on two columns further in. With
 * `prose` (a changelog), the words that do not fit go on at the start of
 * the next line instead when that line continues the same text: the
 * author's own wrapping, which the indent made too long, does not leave
 * a word or two alone on a line. Lines that fit are kept as they are,
 * spacing included, and a word too long for any line (a URL) stays whole
 * where it is: nothing is cut.
 */
static void add_block(struct prv_buf *out, const char *text, int n,
		      size_t width, bool prose)
{
	struct prv_buf carry = PRV_BUF_INIT, line = PRV_BUF_INIT;
	struct prv_buf safe = PRV_BUF_INIT;
	const char *p;
	bool cont = false; /* this line continues the one before */

	prv_safe_addstr(&safe, text, PRV_SAFE_BLOCK);
	p = safe.data;

	while (*p) {
		size_t l = strcspn(p, "\n"), pos, col, indent, lead;
		const char *next = p[l] ? p + l + 1 : p + l;
		size_t nl = strcspn(next, "\n");
		bool first = true, item;

		lead = lead_of(p, l);
		item = is_item(p + lead, l - lead);
		/* the words carried from the line before come first */
		prv_buf_reset(&line);
		prv_buf_add(&line, p, lead);
		if (carry.len) {
			prv_buf_add(&line, carry.data, carry.len);
			if (lead < l)
				prv_buf_addch(&line, ' ');
			prv_buf_reset(&carry);
		}
		prv_buf_add(&line, p + lead, l - lead);
		prv_buf_addf(out, "%*s", n, "");
		prv_buf_add(out, line.data, lead);
		col = (size_t)n + lead;
		/* the text of a paragraph goes on at its own column */
		indent = cont ? col : col + 2;
		cont = prose && *next && continues(next, nl, lead, item);
		pos = lead;
		while (pos < line.len) {
			const char *t = line.data;
			size_t w = pos, we, wc;

			while (w < line.len && t[w] == ' ')
				w++;
			for (we = w; we < line.len && t[we] != ' '; we++)
				;
			wc = prv_columns(t + w, we - w);
			if (!first && we > w && col + (w - pos) + wc > width &&
			    indent + wc <= width) {
				if (cont) {
					/* the rest goes on the next line */
					prv_buf_add(&carry, t + w,
						    line.len - w);
					break;
				}
				prv_buf_addch(out, '\n');
				prv_buf_addf(out, "%*s", (int)indent, "");
				col = indent;
				pos = w;
			}
			col += prv_columns(t + pos, we - pos);
			prv_buf_add(out, t + pos, we - pos);
			pos = we;
			first = false;
		}
		prv_buf_addch(out, '\n');
		p = next;
	}
	prv_buf_release(&carry);
	prv_buf_release(&line);
	prv_buf_release(&safe);
}

/* Findings of a severity in series `s`, or in all when s is SIZE_MAX. */
static size_t count_of(const struct prv_report *r, size_t s,
		       enum prv_severity sev)
{
	size_t i, n = 0;

	if (s == SIZE_MAX)
		return prv_report_count(r, sev);
	for (i = 0; i < r->nr_findings; i++)
		n += r->findings[i].series == s &&
		     r->findings[i].severity == sev;
	return n;
}

/* The form of version `v`: "v3, 4 patches, 3 versions, netdev profile". */
static void add_form(struct prv_buf *out, const struct prv_report *r, size_t s,
		     const struct prv_version *v)
{
	prv_buf_addf(out, "v%s, %zu patch%s", prv_version_name(v),
		     v->nr_patches, v->nr_patches == 1 ? "" : "es");
	if (r->series[s]->nr_versions > 1)
		prv_buf_addf(out, ", %zu versions", r->series[s]->nr_versions);
	if (r->profiles[s])
		prv_buf_addf(out, ", %s profile", r->profiles[s]);
}

/* Put `s` between `color` and RESET when colours are on. */
static void add_colored(struct prv_buf *out, bool on, const char *color,
			const char *s)
{
	if (on)
		prv_buf_addstr(out, color);
	prv_buf_addstr(out, s);
	if (on)
		prv_buf_addstr(out, RESET);
}

/* The title of a series' part of the text checklist, and its form. */
static void text_series_head(struct prv_buf *out, const struct prv_report *r,
			     size_t s, const struct prv_render_opts *o,
			     size_t width)
{
	const char *title = r->series[s]->title;

	if (o->color)
		prv_buf_addstr(out, BOLD);
	add_wrapped(out, title && *title ? title : "(untitled)", 0, 2, width);
	if (o->color)
		prv_buf_addstr(out, RESET);
	prv_buf_addch(out, '\n');
	add_form(out, r, s, prv_report_version(r, s));
	prv_buf_addch(out, '\n');
	if (r->skipped[s]) {
		struct prv_buf kl = PRV_BUF_INIT;

		prv_buf_addf(&kl, "%s: %s", prv_kind_name(r->series[s]->kind),
			     r->skipped[s]);
		add_wrapped(out, kl.data, 0, 2, width);
		prv_buf_addch(out, '\n');
		prv_buf_release(&kl);
	}
}

/* "Series", "Cover: <title>" or "Patch k/N: <title>", in bold. */
static void text_heading(struct prv_buf *out, const struct prv_version *v,
			 int patch, const struct prv_render_opts *o,
			 size_t width)
{
	struct prv_buf h = PRV_BUF_INIT;

	prv_buf_addch(out, '\n');
	if (o->color)
		prv_buf_addstr(out, BOLD);
	if (patch < 0) {
		prv_buf_addstr(out, "Series");
	} else {
		if (patch == 0)
			prv_buf_addf(&h, "Cover: %s", patch_title(v, 0));
		else
			prv_buf_addf(&h, "Patch %d/%d: %s", patch, v->expected,
				     patch_title(v, patch));
		add_wrapped(out, h.data, 0, 2, width);
	}
	if (o->color)
		prv_buf_addstr(out, RESET);
	prv_buf_addch(out, '\n');
	prv_buf_release(&h);
}

/* One finding under its item: severity, where, message [id], hint. */
static void text_finding(struct prv_buf *out, const struct prv_finding *f,
			 const struct prv_render_opts *o, size_t width)
{
	struct prv_buf m = PRV_BUF_INIT;

	prv_buf_addstr(out, "        ");
	add_colored(out, o->color, sev_color(f->severity),
		    prv_severity_name(f->severity));
	prv_buf_addch(out, ' ');
	add_location(&m, f);
	prv_buf_addf(&m, "%s [%s]", f->message, f->id);
	add_wrapped(out, m.data, 13, 13, width);
	prv_buf_addch(out, '\n');
	if (f->hint) {
		prv_buf_addstr(out, "             ");
		add_wrapped(out, f->hint, 13, 13, width);
		prv_buf_addch(out, '\n');
	}
	prv_buf_release(&m);
}

/* One checklist item: its status and title, findings and details. */
static void text_item(struct prv_buf *out, const struct prv_report *r,
		      const struct prv_check_item *it,
		      const struct prv_render_opts *o, size_t width)
{
	size_t k;

	prv_buf_addstr(out, "  ");
	if (o->color)
		prv_buf_addstr(out, status_color(it->status));
	prv_buf_addf(out, "%-4s", prv_item_status_name(it->status));
	if (o->color)
		prv_buf_addstr(out, RESET);
	prv_buf_addstr(out, "  ");
	prv_safe_addstr(out, it->title, PRV_SAFE_LINE);
	prv_buf_addch(out, '\n');
	for (k = 0; k < it->nr_findings; k++)
		text_finding(out, &r->findings[it->findings[k]], o, width);
	if (it->details && *it->details)
		add_block(out, it->details, 8, width,
			  it->topic == PRV_TOPIC_CHANGELOG);
}

/* The checklist as text: every series, or series `only` alone. */
static void render_text_of(struct prv_buf *out, const struct prv_report *r,
			   const struct prv_render_opts *o, size_t only)
{
	size_t width = o->width > 20 ? (size_t)o->width : 80;
	size_t s, i;
	bool first = true;

	for (s = 0; s < r->nr_series; s++) {
		const struct prv_version *v = prv_report_version(r, s);
		int last_patch = -2;

		if (!v || (only != SIZE_MAX && s != only))
			continue;
		if (!first)
			prv_buf_addch(out, '\n');
		first = false;
		text_series_head(out, r, s, o, width);
		for (i = 0; i < r->nr_items; i++) {
			const struct prv_check_item *it = &r->items[i];

			if (it->series != s)
				continue;
			if (it->patch != last_patch)
				text_heading(out, v, it->patch, o, width);
			last_patch = it->patch;
			text_item(out, r, it, o, width);
		}
	}
	if (r->warnings && r->warnings->nr)
		prv_buf_addf(out,
			     "\n%zu input warning%s (see 'prereview show')\n",
			     r->warnings->nr, r->warnings->nr == 1 ? "" : "s");
	prv_buf_addf(out, "\n%zu fail, %zu warn, %zu info\n",
		     count_of(r, only, PRV_SEV_FAIL),
		     count_of(r, only, PRV_SEV_WARN),
		     count_of(r, only, PRV_SEV_INFO));
}

static void render_text(struct prv_buf *out, const struct prv_report *r,
			const struct prv_render_opts *o)
{
	render_text_of(out, r, o, SIZE_MAX);
}

/* Text from mail in a line of Markdown: escaped, made safe to print. */
static void md_text(struct prv_buf *out, const char *s)
{
	prv_md_add_text(out, s, strlen(s));
}

/* "## Series", "## Cover: <title>" or "## Patch k/N: <title>". */
static void md_heading(struct prv_buf *out, const struct prv_version *v,
		       int patch)
{
	if (patch < 0) {
		prv_buf_addstr(out, "\n## Series\n\n");
		return;
	}
	if (patch == 0)
		prv_buf_addstr(out, "\n## Cover: ");
	else
		prv_buf_addf(out, "\n## Patch %d/%d: ", patch, v->expected);
	md_text(out, patch_title(v, patch));
	prv_buf_addstr(out, "\n\n");
}

static void md_finding(struct prv_buf *out, const struct prv_finding *f)
{
	prv_buf_addf(out, "  - %s `%s`: ", prv_severity_name(f->severity),
		     f->id);
	if (f->file) {
		struct prv_buf where = PRV_BUF_INIT;

		prv_buf_addstr(&where, f->file);
		if (f->line > 0)
			prv_buf_addf(&where, ":%ld", f->line);
		prv_md_add_code(out, where.data, where.len);
		prv_buf_addch(out, ' ');
		prv_buf_release(&where);
	}
	md_text(out, f->message);
	if (f->hint) {
		prv_buf_addstr(out, " (");
		md_text(out, f->hint);
		prv_buf_addstr(out, ")");
	}
	prv_buf_addch(out, '\n');
}

/* One checklist item: a task list entry, its findings, its details. */
static void md_item(struct prv_buf *out, const struct prv_report *r,
		    const struct prv_check_item *it)
{
	size_t k, fence;

	prv_buf_addf(out, "- [%c] **%s** ",
		     it->status == PRV_ITEM_PASS ? 'x' : ' ',
		     prv_item_status_name(it->status));
	md_text(out, it->title);
	prv_buf_addch(out, '\n');
	for (k = 0; k < it->nr_findings; k++)
		md_finding(out, &r->findings[it->findings[k]]);
	if (!it->details || !*it->details)
		return;
	/* a fence that no run of backquotes in the details closes */
	fence = prv_md_fence_len(it->details, strlen(it->details), 3);
	prv_buf_addstr(out, "\n  ");
	prv_md_add_fence(out, fence);
	prv_buf_addch(out, '\n');
	add_block(out, it->details, 2, 1000, false);
	prv_buf_addstr(out, "  ");
	prv_md_add_fence(out, fence);
	prv_buf_addstr(out, "\n\n");
}

static void render_markdown(struct prv_buf *out, const struct prv_report *r)
{
	size_t s, i;

	for (s = 0; s < r->nr_series; s++) {
		const struct prv_version *v = prv_report_version(r, s);
		int last_patch = -2;

		if (!v)
			continue;
		prv_buf_addstr(out, "# ");
		md_text(out, r->series[s]->title ? r->series[s]->title : "");
		prv_buf_addstr(out, "\n\n");
		add_form(out, r, s, v);
		prv_buf_addstr(out, "\n");
		if (r->skipped[s]) {
			prv_buf_addf(out, "\n*%s: ",
				     prv_kind_name(r->series[s]->kind));
			md_text(out, r->skipped[s]);
			prv_buf_addstr(out, "*\n");
		}
		for (i = 0; i < r->nr_items; i++) {
			const struct prv_check_item *it = &r->items[i];

			if (it->series != s)
				continue;
			if (it->patch != last_patch)
				md_heading(out, v, it->patch);
			last_patch = it->patch;
			md_item(out, r, it);
		}
	}
	prv_buf_addf(out, "\n**Summary:** %zu fail, %zu warn, %zu info\n",
		     prv_report_count(r, PRV_SEV_FAIL),
		     prv_report_count(r, PRV_SEV_WARN),
		     prv_report_count(r, PRV_SEV_INFO));
}

static void json_series(struct prv_json *j, const struct prv_series *s)
{
	struct prv_seriesjson_opts o = { false, NULL, NULL };

	prv_seriesjson_write(j, s, &o);
}

static void json_finding(struct prv_json *j, const struct prv_report *r,
			 const struct prv_finding *f)
{
	prv_json_object(j);
	prv_json_kv_str(j, "id", f->id);
	prv_json_kv_str(j, "severity", prv_severity_name(f->severity));
	prv_json_kv_int(j, "version", f->version);
	prv_json_key(j, "patch");
	if (f->patch < 0)
		prv_json_null(j);
	else
		prv_json_int(j, f->patch);
	prv_json_kv_str(j, "file", f->file);
	prv_json_key(j, "line");
	if (f->line > 0)
		prv_json_int(j, f->line);
	else
		prv_json_null(j);
	prv_json_kv_str(j, "message", f->message);
	prv_json_kv_str(j, "hint", f->hint);
	if (r->nr_series > 1)
		prv_json_kv_int(j, "series", (long long)f->series);
	prv_json_kv_bool(j, "todo", f->todo);
	prv_json_end(j);
}

static void json_comment(struct prv_json *j, const struct prv_comment *c)
{
	prv_json_object(j);
	prv_json_kv_int(j, "version", c->version);
	prv_json_kv_int(j, "patch", c->patch);
	prv_json_kv_str(j, "message_id", c->mail->message_id);
	prv_json_key(j, "reviewer");
	prv_json_object(j);
	prv_json_kv_str(j, "name", c->reviewer.name);
	prv_json_kv_str(j, "email", c->reviewer.email);
	prv_json_end(j);
	prv_json_kv_str(j, "file", c->path);
	prv_json_key(j, "line");
	if (c->line > 0)
		prv_json_int(j, c->line);
	else
		prv_json_null(j);
	prv_json_kv_str(j, "quote", c->quote);
	prv_json_kv_str(j, "text", c->text);
	prv_json_kv_str(j, "status", prv_comment_status_name(c->status));
	prv_json_kv_str(j, "evidence", c->evidence);
	prv_json_end(j);
}

/* The review comments of every series (core/check/comments.h). */
static void json_comments(struct prv_json *j, const struct prv_report *r)
{
	size_t s, i;

	prv_json_key(j, "comments");
	prv_json_array(j);
	for (s = 0; s < r->nr_series; s++)
		for (i = 0; i < r->nr_comments[s]; i++)
			json_comment(j, &r->comments[s][i]);
	prv_json_end(j);
}

static void render_json(struct prv_buf *out, const struct prv_report *r)
{
	struct prv_json j;
	size_t i, k;

	prv_json_init(&j, out, true);
	prv_json_object(&j);
	prv_json_kv_str(&j, "schema", "prereview-report/1");
	prv_json_key(&j, "series");
	if (r->nr_series)
		json_series(&j, r->series[0]);
	else
		prv_json_null(&j);
	if (r->nr_series > 1) {
		prv_json_key(&j, "all_series");
		prv_json_array(&j);
		for (i = 0; i < r->nr_series; i++)
			json_series(&j, r->series[i]);
		prv_json_end(&j);
	}
	prv_json_key(&j, "profile");
	prv_json_str(&j, r->nr_series ? r->profiles[0] : NULL);
	prv_json_key(&j, "findings");
	prv_json_array(&j);
	for (i = 0; i < r->nr_findings; i++)
		json_finding(&j, r, &r->findings[i]);
	prv_json_end(&j);
	prv_json_key(&j, "checklist");
	prv_json_array(&j);
	for (i = 0; i < r->nr_items; i++) {
		const struct prv_check_item *it = &r->items[i];

		prv_json_object(&j);
		prv_json_kv_str(&j, "title", it->title);
		prv_json_kv_str(&j, "status", prv_item_status_name(it->status));
		prv_json_key(&j, "patch");
		if (it->patch < 0)
			prv_json_null(&j);
		else
			prv_json_int(&j, it->patch);
		if (r->nr_series > 1)
			prv_json_kv_int(&j, "series", (long long)it->series);
		prv_json_key(&j, "findings");
		prv_json_array(&j);
		for (k = 0; k < it->nr_findings; k++)
			prv_json_int(&j, (long long)it->findings[k]);
		prv_json_end(&j);
		if (it->details)
			prv_json_kv_str(&j, "details", it->details);
		prv_json_end(&j);
	}
	prv_json_end(&j);
	prv_json_key(&j, "summary");
	prv_json_object(&j);
	prv_json_kv_int(&j, "fail",
			(long long)prv_report_count(r, PRV_SEV_FAIL));
	prv_json_kv_int(&j, "warn",
			(long long)prv_report_count(r, PRV_SEV_WARN));
	prv_json_kv_int(&j, "info",
			(long long)prv_report_count(r, PRV_SEV_INFO));
	prv_json_end(&j);
	prv_tcp_impact_json(&j, r);
	json_comments(&j, r);
	prv_json_end(&j);
}

static void where(struct prv_buf *out, const struct prv_report *r,
		  const struct prv_finding *f)
{
	const struct prv_version *v = prv_report_version(r, f->series);

	if (f->patch > 0)
		prv_buf_addf(out, " (patch %d/%d)", f->patch,
			     v ? v->expected : 0);
	else if (f->patch == 0)
		prv_buf_addstr(out, " (cover letter)");
}

/* One line per finding, as b4's *-perpatch-check-cmd read them. */
static void render_checkpatch(struct prv_buf *out, const struct prv_report *r)
{
	size_t i;

	for (i = 0; i < r->nr_findings; i++) {
		const struct prv_finding *f = &r->findings[i];

		/* a to-do is checkpatch's CHECK: look at it */
		if (f->severity == PRV_SEV_INFO && !f->todo)
			continue;
		prv_buf_addstr(out, f->severity == PRV_SEV_FAIL ? "ERROR: " :
				    f->severity == PRV_SEV_WARN ? "WARNING: " :
								  "CHECK: ");
		prv_buf_addf(out, "%s: ", f->id);
		add_location(out, f);
		prv_safe_addstr(out, f->message, PRV_SAFE_LINE);
		where(out, r, f);
		prv_buf_addch(out, '\n');
	}
}

/*
 * The "url" of a b4 check item: the link of `msgid` by the link mask,
 * else its lore page under the lore base (prv_lore_message_url); left out
 * when there is none (b4's items may lack it, and its value is a string).
 */
static void b4_url(struct prv_json *j, const struct prv_render_opts *opts,
		   const char *msgid)
{
	char *u = NULL;

	if (!msgid || !*msgid)
		return;
	if (opts->link_mask)
		u = prv_lore_mask_url(opts->link_mask, msgid);
	if (!u)
		u = prv_lore_message_url(opts->lore_url, msgid);
	prv_json_kv_str(j, "url", u);
	free(u);
}

/*
 * One b4 item: tool "prereview", the worst status of what it counts, the
 * counts as summary.
 */
static void b4_item(struct prv_json *j, size_t nf, size_t nw, size_t ni,
		    const char *msgid, const char *details,
		    const struct prv_render_opts *opts)
{
	char sum[96];

	snprintf(sum, sizeof(sum), "%zu fail, %zu warn, %zu info", nf, nw, ni);
	prv_json_object(j);
	prv_json_kv_str(j, "tool", "prereview");
	prv_json_kv_str(j, "status", nf ? "fail" : nw ? "warn" : "pass");
	prv_json_kv_str(j, "summary", sum);
	b4_url(j, opts, msgid);
	prv_json_kv_str(j, "details", details);
	prv_json_end(j);
}

/* A finding in the details of a b4 item: "fail  id: file:line: message". */
static void b4_detail(struct prv_buf *d, const struct prv_finding *f)
{
	prv_buf_addf(d, "%-4s  %s: ", prv_severity_name(f->severity), f->id);
	add_location(d, f);
	prv_safe_addstr(d, f->message, PRV_SAFE_LINE);
	prv_buf_addch(d, '\n');
	if (f->hint)
		add_block(d, f->hint, 6, 1000, false);
}

/*
 * The message of version `v` a finding's b4 item is about: its patch's,
 * else (the series, the cover letter, a patch not in the input) the cover
 * letter's, else the first patch's. b4 keeps one result per message and
 * tool, and shows a series' results on the cover, or on its first patch.
 */
static const struct prv_mail *b4_home(const struct prv_version *v, int patch)
{
	const struct prv_patch *p = patch > 0 ? find_patch(v, patch) : NULL;
	size_t i;

	if (p && p->mail && !p->filled_in)
		return p->mail;
	if (v->cover)
		return v->cover;
	for (i = 0; i < v->nr_patches; i++)
		if (v->patches[i].mail && !v->patches[i].filled_in)
			return v->patches[i].mail;
	return NULL;
}

/* The b4 item of message `m` of series `s`: its findings, counted. */
static void b4_mail_item(struct prv_json *j, const struct prv_report *r,
			 size_t s, const struct prv_mail *m,
			 const struct prv_render_opts *opts)
{
	const struct prv_version *v = prv_report_version(r, s);
	size_t i, n[3] = { 0, 0, 0 };
	struct prv_buf d = PRV_BUF_INIT;

	for (i = 0; i < r->nr_findings; i++) {
		const struct prv_finding *f = &r->findings[i];

		if (f->series != s || b4_home(v, f->patch) != m)
			continue;
		n[f->severity == PRV_SEV_FAIL ? 0 :
		  f->severity == PRV_SEV_WARN ? 1 :
						2]++;
		b4_detail(&d, f);
	}
	if (r->skipped[s] && m == b4_home(v, -1)) {
		prv_buf_addf(&d, "checks skipped: %s: ",
			     prv_kind_name(r->series[s]->kind));
		prv_safe_addstr(&d, r->skipped[s], PRV_SAFE_LINE);
		prv_buf_addch(&d, '\n');
	}
	if (opts->b4_note)
		prv_buf_addf(&d, "%s\n", opts->b4_note);
	b4_item(j, n[0], n[1], n[2],
		m->message_id_missing ? NULL : m->message_id,
		d.data ? d.data : "", opts);
	prv_buf_release(&d);
}

/*
 * b4's per-patch check commands (review-perpatch-check-cmd): exactly one
 * item per message and tool, since b4 keeps one result per (message,
 * tool) on screen and in its cache. One item for every message checked,
 * the cover letter (when there is one) holding the series' findings: the
 * worst status ("pass" for a clean patch), the counts as summary, the
 * findings as details.
 */
static void render_b4(struct prv_buf *out, const struct prv_report *r,
		      const struct prv_render_opts *opts)
{
	struct prv_json j;
	size_t s, i;

	prv_json_init(&j, out, false);
	prv_json_array(&j);
	for (s = 0; s < r->nr_series; s++) {
		const struct prv_version *v = prv_report_version(r, s);

		if (!v)
			continue;
		if (v->cover)
			b4_mail_item(&j, r, s, v->cover, opts);
		for (i = 0; i < v->nr_patches; i++)
			if (v->patches[i].mail && !v->patches[i].filled_in)
				b4_mail_item(&j, r, s, v->patches[i].mail,
					     opts);
	}
	prv_json_end(&j);
	prv_buf_addch(out, '\n');
}

/*
 * b4's review-series-check-cmd: one item per series, since b4 shows one
 * line per tool. The status is the worst finding's, the summary the
 * checklist's headline (its counts), the details the text checklist.
 */
static void render_b4_series(struct prv_buf *out, const struct prv_report *r,
			     const struct prv_render_opts *opts)
{
	struct prv_render_opts plain = PRV_RENDER_OPTS_INIT;
	struct prv_json j;
	size_t s;

	prv_json_init(&j, out, false);
	prv_json_array(&j);
	for (s = 0; s < r->nr_series; s++) {
		const struct prv_version *v = prv_report_version(r, s);
		size_t nf = count_of(r, s, PRV_SEV_FAIL);
		size_t nw = count_of(r, s, PRV_SEV_WARN);
		struct prv_buf sum = PRV_BUF_INIT, d = PRV_BUF_INIT;

		if (!v)
			continue;
		prv_buf_addf(&sum,
			     "%zu fail, %zu warn, %zu info: v%d, %zu "
			     "patch%s",
			     nf, nw, count_of(r, s, PRV_SEV_INFO), v->version,
			     v->nr_patches, v->nr_patches == 1 ? "" : "es");
		if (r->series[s]->nr_versions > 1)
			prv_buf_addf(&sum, ", %zu versions",
				     r->series[s]->nr_versions);
		if (r->profiles[s])
			prv_buf_addf(&sum, ", %s profile", r->profiles[s]);
		render_text_of(&d, r, &plain, s);
		prv_json_object(&j);
		prv_json_kv_str(&j, "tool", "prereview");
		prv_json_kv_str(&j, "status",
				nf ? "fail" :
				nw ? "warn" :
				     "pass");
		prv_json_kv_str(&j, "summary", sum.data);
		b4_url(&j, opts,
		       v->cover && !v->cover->message_id_missing ?
			       v->cover->message_id :
			       NULL);
		prv_json_kv_str(&j, "details", d.data);
		prv_json_end(&j);
		prv_buf_release(&sum);
		prv_buf_release(&d);
	}
	prv_json_end(&j);
	prv_buf_addch(out, '\n');
}

int prv_report_format_parse(enum prv_report_format *out, const char *s)
{
	static const struct {
		const char *name;
		enum prv_report_format fmt;
	} formats[] = {
		{ "text", PRV_FORMAT_TEXT },
		{ "markdown", PRV_FORMAT_MARKDOWN },
		{ "md", PRV_FORMAT_MARKDOWN },
		{ "json", PRV_FORMAT_JSON },
		{ "checkpatch", PRV_FORMAT_CHECKPATCH },
		{ "b4", PRV_FORMAT_B4 },
	};
	size_t i;

	for (i = 0; i < PRV_ARRAY_SIZE(formats); i++) {
		if (!strcmp(s, formats[i].name)) {
			*out = formats[i].fmt;
			return 0;
		}
	}
	return prv_error(PRV_EUSAGE, "unknown format '%s'", s);
}

void prv_report_render_b4_unfetched(struct prv_buf *out,
				    const struct prv_report *r, const char *why,
				    const char *cover_msgid,
				    const struct prv_render_opts *opts)
{
	struct prv_render_opts plain = PRV_RENDER_OPTS_INIT;
	struct prv_buf d = PRV_BUF_INIT;
	struct prv_json j;

	prv_safe_addstr(&d, why, PRV_SAFE_BLOCK);
	prv_buf_addstr(&d, "\n\n");
	render_text(&d, r, &plain);
	prv_json_init(&j, out, false);
	prv_json_array(&j);
	prv_json_object(&j);
	prv_json_kv_str(&j, "tool", "prereview");
	prv_json_kv_str(&j, "status",
			prv_report_count(r, PRV_SEV_FAIL) ? "fail" : "warn");
	prv_json_kv_str(&j, "summary",
			r->nr_series ? "series not fetched from lore: only "
				       "the cover letter was checked" :
				       "series not fetched from lore: nothing "
				       "was checked");
	b4_url(&j, opts, cover_msgid);
	prv_json_kv_str(&j, "details", d.data);
	prv_json_end(&j);
	prv_json_end(&j);
	prv_buf_addch(out, '\n');
	prv_buf_release(&d);
}

int prv_report_render(struct prv_buf *out, const struct prv_report *r,
		      enum prv_report_format fmt,
		      const struct prv_render_opts *opts)
{
	struct prv_render_opts def = PRV_RENDER_OPTS_INIT;

	if (!opts)
		opts = &def;
	switch (fmt) {
	case PRV_FORMAT_TEXT:
		render_text(out, r, opts);
		break;
	case PRV_FORMAT_MARKDOWN:
		render_markdown(out, r);
		break;
	case PRV_FORMAT_JSON:
		render_json(out, r);
		break;
	case PRV_FORMAT_CHECKPATCH:
		render_checkpatch(out, r);
		break;
	case PRV_FORMAT_B4:
		if (opts->b4_series)
			render_b4_series(out, r, opts);
		else
			render_b4(out, r, opts);
		break;
	default:
		return prv_error(PRV_EUSAGE, "unknown report format");
	}
	return 0;
}
