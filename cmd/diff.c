// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/base/buf.h"
#include "core/base/error.h"
#include "core/base/git2diff.h"
#include "core/base/gitconfig.h"
#include "core/base/json.h"
#include "core/rangediff/rangediff.h"
#include "core/series/series.h"
#include "core/series/source.h"
#include "core/base/util.h"

enum diff_format { FORMAT_TEXT, FORMAT_JSON };

struct diff_opts {
	enum diff_format format;
	struct prv_rangediff_opts rd;
	int range_from, range_to; /* 0 when no --range */
	bool color;
	bool no_versions; /* lore SOURCEs: the thread alone */
	bool offline; /* lore SOURCEs: the cache only */
};

/* One comparison to print: two versions of a series and their pairs. */
struct comparison {
	const struct prv_series *series;
	const struct prv_version *old, *new;
	struct prv_rangediff rd;
};

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
	prv_buf_addf(out, " %s%s", patch_title(titled), reset);
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
			prv_buf_add(out, line, ll);
		} else if (ll >= 2 && line[0] == '@' && line[1] == '@') {
			prv_buf_addstr(out, COLOR_FRAG "@@" COLOR_RESET);
			prv_buf_add(out, line + 2, ll - 2);
		} else if (ll) {
			const char *ic = ll > 1 ? inner_color(line[1]) : "";

			if (line[0] == '+' || line[0] == '-')
				prv_buf_addf(out, "%s%c" COLOR_RESET,
					     line[0] == '+' ? COLOR_NEW_MARK :
							      COLOR_OLD_MARK,
					     line[0]);
			else
				prv_buf_addch(out, line[0]);
			if (ll > 1) {
				const char *lc = *ic ? ic :
						       inner_color(line[0]);

				prv_buf_addstr(out, lc);
				prv_buf_add(out, line + 1, ll - 1);
				if (*lc)
					prv_buf_addstr(out, COLOR_RESET);
			}
		}
		prv_buf_addch(out, '\n');
		pos += ll + 1;
	}
}

static void print_partial_note(struct prv_buf *out, const struct comparison *c)
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

static void print_text(struct prv_buf *out, const struct comparison *cmp,
		       size_t nr, const struct diff_opts *o)
{
	bool several_series = false;
	size_t i, j;

	for (i = 1; i < nr; i++)
		if (cmp[i].series != cmp[0].series)
			several_series = true;
	for (i = 0; i < nr; i++) {
		const struct comparison *c = &cmp[i];

		if (nr > 1) {
			if (i)
				prv_buf_addch(out, '\n');
			if (several_series)
				prv_buf_addf(out, "%s: ",
					     c->series->title ?
						     c->series->title :
						     "");
			prv_buf_addf(out, "v%d -> v%d: ", c->old->version,
				     c->new->version);
			prv_rangediff_summary(out, &c->rd);
			prv_buf_addch(out, '\n');
		}
		print_partial_note(out, c);
		for (j = 0; j < c->rd.nr_pairs; j++) {
			const struct prv_rangediff_pair *p = &c->rd.pairs[j];

			print_pair_line(out, &c->rd, p, o->color);
			if (p->status == '!' && !o->rd.no_patch)
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

static void json_comparison_body(struct prv_json *j, const struct comparison *c,
				 const struct diff_opts *o)
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

		prv_rangediff_summary(&s, &c->rd);
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
		if (p->status == '!' && !o->rd.no_patch) {
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
static void print_json(struct prv_buf *out, const struct comparison *cmp,
		       size_t nr, const struct diff_opts *o)
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

/*
 * Option `name` with a value, as "--name=value" or "--name value" (argv[*i]
 * then moves past the value): 1 and `*v` set, 0 when `a` is another
 * option, -1 when the value is missing.
 */
static int opt_value(const char *a, const char *name, int *i, int argc,
		     char **argv, const char **v)
{
	size_t n = strlen(name);

	if (strncmp(a, name, n))
		return 0;
	if (a[n] == '=') {
		*v = a + n + 1;
		return 1;
	}
	if (a[n])
		return 0;
	if (*i + 1 >= argc)
		return -1;
	*v = argv[++*i];
	return 1;
}

static int parse_int(const char *s, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (!*s || *end || v < 0 || v > 100000)
		return -1;
	*out = (int)v;
	return 0;
}

static int parse_range(const char *s, struct diff_opts *o)
{
	const char *dots = strstr(s, "..");
	char a[16];

	if (!dots || dots == s || (size_t)(dots - s) >= sizeof(a))
		return -1;
	memcpy(a, s, dots - s);
	a[dots - s] = '\0';
	if (a[0] == 'v')
		memmove(a, a + 1, strlen(a));
	if (dots[2] == 'v')
		dots++;
	if (parse_int(a, &o->range_from) || parse_int(dots + 2, &o->range_to) ||
	    !o->range_from || !o->range_to)
		return -1;
	return 0;
}

/*
 * Read SOURCEs into one input. `versions`: a message-id or URL brings the
 * other versions of its series from lore too (not for OLD NEW, where each
 * side is one version).
 */
/*
 * Standard input, read once: a partial reroll reads OLD and NEW a second
 * time, as one input, and stdin has nothing left to give then.
 */
static struct prv_buf stdin_bytes = PRV_BUF_INIT;
static bool stdin_read;

static int add_stdin(struct prv_input *in)
{
	char *data;
	size_t len;
	int err;

	if (!stdin_read) {
		err = prv_buf_read_file(&stdin_bytes, "-",
					PRV_SOURCE_MAX_DEFAULT);
		if (err)
			return err;
		stdin_read = true;
	}
	if (stdin_bytes.len >= 2 &&
	    (unsigned char)stdin_bytes.data[0] == 0x1f &&
	    (unsigned char)stdin_bytes.data[1] == 0x8b) {
		err = prv_gunzip(&data, &len, stdin_bytes.data, stdin_bytes.len,
				 PRV_GZIP_MAX_DEFAULT, "<stdin>");
		if (err)
			return err;
	} else {
		len = stdin_bytes.len;
		data = prv_xmalloc(len + 1);
		if (len)
			memcpy(data, stdin_bytes.data, len);
		data[len] = '\0';
	}
	return prv_input_add_buffer(in, data, len, "<stdin>");
}

static int load(struct prv_input *in, char **args, int nr, bool versions,
		const struct diff_opts *o, const struct prv_global_opts *g)
{
	struct prv_source_opts so = PRV_SOURCE_OPTS_INIT;
	int i, err;

	so.lore_url = g->lore_url;
	so.quiet = g->verbosity < 0;
	so.versions = versions && !o->no_versions;
	so.offline = o->offline;
	for (i = 0; i < nr; i++) {
		if (!strcmp(args[i], "-"))
			err = add_stdin(in);
		else
			err = prv_source_add(in, args[i], &so);
		if (err)
			return prv_cmd_error(prv_error_exit_code(err), "%s",
					     prv_error_last());
	}
	err = prv_series_assemble(in);
	if (err)
		return prv_cmd_error(prv_error_exit_code(err), "%s",
				     prv_error_last());
	return 0;
}

/* The highest version with patches of the first series that has one. */
static int pick_version(const struct prv_input *in, const char *name,
			const struct prv_series **s_out,
			const struct prv_version **v_out)
{
	size_t i, k;

	for (i = 0; i < in->nr_series; i++) {
		const struct prv_series *s = &in->series[i];

		for (k = s->nr_versions; k-- > 0;) {
			if (!s->versions[k].nr_patches)
				continue;
			*s_out = s;
			*v_out = &s->versions[k];
			return 0;
		}
	}
	return prv_cmd_error(3, "no patch found in '%s'", name);
}

static void show_warnings(const struct prv_input *in,
			  const struct prv_global_opts *g)
{
	size_t i;

	if (g->verbosity < 1)
		return;
	for (i = 0; i < in->warnings.nr; i++)
		prv_cmd_warning(g, "%s: %s",
				in->warnings.items[i].source ?
					in->warnings.items[i].source :
					"input",
				in->warnings.items[i].text);
}

static int add_comparison(struct comparison **cmp, size_t *nr, size_t *alloc,
			  const struct prv_series *s,
			  const struct prv_version *old,
			  const struct prv_version *new,
			  const struct diff_opts *o)
{
	struct comparison *c;
	int err;

	PRV_ALLOC_GROW(*cmp, *nr + 1, *alloc);
	c = &(*cmp)[(*nr)++];
	c->series = s;
	c->old = old;
	c->new = new;
	err = prv_rangediff_versions(&c->rd, old, new, &o->rd);
	if (err)
		return prv_cmd_error(prv_error_exit_code(err), "%s",
				     prv_error_last());
	return 0;
}

/* Only some patches of the version were sent ([PATCH v2->v3 2/5]). */
static bool is_partial(const struct prv_version *v)
{
	size_t i;

	if (v->partial)
		return true;
	for (i = 0; i < v->nr_patches; i++)
		if (v->patches[i].mail->subj.partial_from)
			return v->nr_missing > 0;
	return false;
}

/*
 * In a combined input, the series holding versions `a` and `b` with `b`
 * filled in; the outputs are left alone when there is none.
 */
static void find_pair(const struct prv_input *in, int a, int b,
		      const struct prv_series **s_out,
		      const struct prv_version **a_out,
		      const struct prv_version **b_out)
{
	size_t i, k;

	for (i = 0; i < in->nr_series; i++) {
		const struct prv_series *s = &in->series[i];
		const struct prv_version *va = NULL, *vb = NULL;

		for (k = 0; k < s->nr_versions; k++) {
			if (s->versions[k].version == a)
				va = &s->versions[k];
			if (s->versions[k].version == b)
				vb = &s->versions[k];
		}
		if (va && vb && va->nr_patches && vb->partial) {
			*s_out = s;
			*a_out = va;
			*b_out = vb;
			return;
		}
	}
}

/* SOURCE...: every successive pair of versions, or the --range pair. */
static int versions_of_sources(struct comparison **cmp, size_t *nr,
			       size_t *alloc, const struct prv_input *in,
			       const char *name, const struct diff_opts *o)
{
	const struct prv_series *best = NULL;
	size_t i, k;
	int err = 0;

	for (i = 0; i < in->nr_series && !err; i++) {
		const struct prv_series *s = &in->series[i];
		const struct prv_version *prev = NULL;

		if (!best || s->nr_versions > best->nr_versions)
			best = s;
		if (s->nr_versions < 2)
			continue;
		if (o->range_from) {
			const struct prv_version *a = NULL, *b = NULL;

			for (k = 0; k < s->nr_versions; k++) {
				if (s->versions[k].version == o->range_from)
					a = &s->versions[k];
				if (s->versions[k].version == o->range_to)
					b = &s->versions[k];
			}
			if (a && b)
				err = add_comparison(cmp, nr, alloc, s, a, b,
						     o);
			continue;
		}
		for (k = 0; k < s->nr_versions && !err; k++) {
			const struct prv_version *v = &s->versions[k];

			if (!v->nr_patches)
				continue;
			if (prev)
				err = add_comparison(cmp, nr, alloc, s, prev, v,
						     o);
			prev = v;
		}
	}
	if (err || *nr)
		return err;
	if (!best)
		return prv_cmd_error(3, "no patch found in '%s'", name);
	if (o->range_from)
		return prv_cmd_error(3, "no v%d and v%d of one series in '%s'",
				     o->range_from, o->range_to, name);
	return prv_cmd_error(3,
			     "only one version of '%s' found in '%s'; "
			     "give OLD and NEW or more versions",
			     best->title ? best->title : "", name);
}

int cmd_diff(int argc, char **argv, const struct prv_global_opts *g)
{
	struct diff_opts o = {
		FORMAT_TEXT, PRV_RANGEDIFF_OPTS_INIT, 0, 0, false, false, false
	};
	struct prv_input inputs[3];
	size_t nr_inputs = 0, nr_cmp = 0, alloc_cmp = 0, i;
	struct comparison *cmp = NULL;
	struct prv_buf out = PRV_BUF_INIT;
	const char *val;
	char **args;
	int nr_args, argi, got, ret = 0;
	bool factor_given = false, dashdash = false;

	/*
	 * Options may come before, between or after the SOURCEs, as git's:
	 * the SOURCEs are gathered at the front of argv, behind the name.
	 */
	args = argv + 1;
	nr_args = 0;
	for (argi = 1; argi < argc; argi++) {
		const char *a = argv[argi];

		if (dashdash || a[0] != '-' || !a[1]) {
			args[nr_args++] = argv[argi];
		} else if (!strcmp(a, "--")) {
			dashdash = true;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			prv_cmd_usage("diff", 0);
			return 0;
		} else if ((got = opt_value(a, "--format", &argi, argc, argv,
					    &val))) {
			if (got < 0)
				return prv_cmd_usage_error(
					"diff", "'%s' needs a value", a);
			if (!strcmp(val, "text"))
				o.format = FORMAT_TEXT;
			else if (!strcmp(val, "json"))
				o.format = FORMAT_JSON;
			else
				return prv_cmd_usage_error(
					"diff",
					"bad --format value '%s' (text or json)",
					val);
		} else if ((got = opt_value(a, "--creation-factor", &argi, argc,
					    argv, &val))) {
			if (got < 0)
				return prv_cmd_usage_error(
					"diff", "'%s' needs a value", a);
			if (parse_int(val, &o.rd.creation_factor))
				return prv_cmd_usage_error(
					"diff",
					"bad --creation-factor '%s' (0 to "
					"100000)",
					val);
			factor_given = true;
		} else if ((got = opt_value(a, "--range", &argi, argc, argv,
					    &val))) {
			if (got < 0)
				return prv_cmd_usage_error(
					"diff", "'%s' needs a value", a);
			if (parse_range(val, &o))
				return prv_cmd_usage_error(
					"diff", "bad --range '%s' (want A..B)",
					val);
		} else if (!strcmp(a, "--no-patch") || !strcmp(a, "-s")) {
			o.rd.no_patch = true;
		} else if (!strcmp(a, "--patch")) {
			o.rd.no_patch = false;
		} else if (!strcmp(a, "--no-versions")) {
			o.no_versions = true;
		} else if (!strcmp(a, "--offline")) {
			o.offline = true;
		} else {
			return prv_cmd_usage_error("diff",
						   "unknown option '%s'", a);
		}
	}
	if (!factor_given) {
		/* Initialised the light way: config needs no TLS. */
		long long cf;
		int err;

		prv_git2diff_init();
		err = prv_gitconfig_get_int(&cf, "prereview.creationFactor");
		prv_git2diff_shutdown();
		if (!err && (cf < 0 || cf > 100000))
			err = prv_error(PRV_EPARSE,
					"bad config value for "
					"'prereview.creationfactor': %lld",
					cf);
		if (!err)
			o.rd.creation_factor = (int)cf;
		else if (err != PRV_ENOTFOUND)
			return prv_cmd_error(2, "%s", prv_error_last());
	}
	if (nr_args < 1)
		return prv_cmd_usage_error("diff", "%s", "no SOURCE given");
	o.color = o.format == FORMAT_TEXT && prv_cmd_use_color(g, 1);

	if (nr_args == 2 && !o.range_from) {
		/* OLD NEW: the highest version in each. */
		const struct prv_series *s[2];
		const struct prv_version *v[2];

		for (i = 0; i < 2; i++) {
			prv_input_init(&inputs[i]);
			nr_inputs++;
			ret = load(&inputs[i], &args[i], 1, false, &o, g);
			if (!ret)
				ret = pick_version(&inputs[i], args[i], &s[i],
						   &v[i]);
			if (ret)
				goto out;
			show_warnings(&inputs[i], g);
		}
		if (is_partial(v[1]) && v[0]->version < v[1]->version) {
			/*
			 * A partial reroll is filled in from the previous
			 * version when both are read as one input.
			 */
			prv_input_init(&inputs[2]);
			nr_inputs++;
			ret = load(&inputs[2], args, 2, false, &o, g);
			if (ret)
				goto out;
			find_pair(&inputs[2], v[0]->version, v[1]->version,
				  &s[1], &v[0], &v[1]);
		}
		ret = add_comparison(&cmp, &nr_cmp, &alloc_cmp, s[1], v[0],
				     v[1], &o);
	} else {
		prv_input_init(&inputs[0]);
		nr_inputs++;
		ret = load(&inputs[0], args, nr_args, true, &o, g);
		if (!ret)
			ret = versions_of_sources(&cmp, &nr_cmp, &alloc_cmp,
						  &inputs[0], args[0], &o);
		if (!ret)
			show_warnings(&inputs[0], g);
	}
	if (ret)
		goto out;

	if (o.format == FORMAT_JSON)
		print_json(&out, cmp, nr_cmp, &o);
	else
		print_text(&out, cmp, nr_cmp, &o);
	if (fwrite(out.data, 1, out.len, stdout) != out.len || fflush(stdout))
		ret = prv_cmd_error(3, "could not write the output");

out:
	for (i = 0; i < nr_cmp; i++)
		prv_rangediff_release(&cmp[i].rd);
	free(cmp);
	for (i = 0; i < nr_inputs; i++)
		prv_input_release(&inputs[i]);
	prv_buf_release(&out);
	prv_buf_release(&stdin_bytes);
	stdin_read = false;
	return ret;
}
