// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "cmd/config.h"
#include "core/base/buf.h"
#include "core/base/error.h"
#include "core/rangediff/rangediff.h"
#include "core/series/series.h"
#include "core/report/rdrender.h"
#include "core/series/source.h"
#include "core/base/util.h"

struct diff_opts {
	enum prv_report_format format; /* text or JSON */
	struct prv_rangediff_opts rd;
	int range_from, range_to; /* 0 when no --range */
	bool color;
	bool no_versions; /* lore SOURCEs: the thread alone */
	bool offline; /* lore SOURCEs: the cache only */
};

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
static int load(struct prv_input *in, char **args, int nr, bool versions,
		const struct diff_opts *o, const struct prv_global_opts *g,
		struct prv_source_stdin *kept)
{
	struct prv_source_opts so = PRV_SOURCE_OPTS_INIT;
	char *url;
	int err;

	prv_config_sources(&so, &url, g->lore_url, g->max_input_size);
	so.lore.quiet = g->verbosity < 0;
	so.lore.offline = o->offline;
	so.versions = versions && !o->no_versions;
	err = prv_source_add_all(in, (const char *const *)args, (size_t)nr, &so,
				 kept);
	free(url);
	if (err)
		return prv_cmd_error(prv_error_exit_code(err), "%s",
				     prv_error_last());
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

static int add_comparison(struct prv_rdrender_cmp **cmp, size_t *nr,
			  size_t *alloc, const struct prv_series *s,
			  const struct prv_version *old,
			  const struct prv_version *new,
			  const struct diff_opts *o)
{
	struct prv_rdrender_cmp *c;
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
static int versions_of_sources(struct prv_rdrender_cmp **cmp, size_t *nr,
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

/*
 * The options, and the SOURCEs gathered at the front of argv behind the
 * name: options may come before, between or after the SOURCEs, as git's.
 * 0 to go on, 1 after --help (done), else the exit code of the usage
 * error.
 */
static int parse_args(struct diff_opts *o, bool *factor_given, int *nr_args,
		      int argc, char **argv)
{
	char **args = argv + 1;
	const char *val;
	int argi;
	bool dashdash = false;

	for (argi = 1; argi < argc; argi++) {
		const char *a = argv[argi];

		if (dashdash || a[0] != '-' || !a[1]) {
			args[(*nr_args)++] = argv[argi];
		} else if (!strcmp(a, "--")) {
			dashdash = true;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			prv_cmd_usage("diff", 0);
			return 1;
		} else if ((val = prv_cmd_opt_value(a, "--format", &argi, argc,
						    argv))) {
			int rc = prv_cmd_text_or_json("diff", val, &o->format);

			if (rc)
				return rc;
		} else if ((val = prv_cmd_opt_value(a, "--creation-factor",
						    &argi, argc, argv))) {
			if (parse_int(val, &o->rd.creation_factor))
				return prv_cmd_usage_error(
					"diff",
					"bad --creation-factor '%s' (0 to "
					"100000)",
					val);
			*factor_given = true;
		} else if ((val = prv_cmd_opt_value(a, "--range", &argi, argc,
						    argv))) {
			if (parse_range(val, o))
				return prv_cmd_usage_error(
					"diff", "bad --range '%s' (want A..B)",
					val);
		} else if (!strcmp(a, "--no-patch") || !strcmp(a, "-s")) {
			o->rd.no_patch = true;
		} else if (!strcmp(a, "--patch")) {
			o->rd.no_patch = false;
		} else if (!strcmp(a, "--no-versions")) {
			o->no_versions = true;
		} else if (!strcmp(a, "--offline")) {
			o->offline = true;
		} else if (!strcmp(a, "--format") ||
			   !strcmp(a, "--creation-factor") ||
			   !strcmp(a, "--range")) {
			/* the last argument: its value is missing */
			return prv_cmd_usage_error("diff", "'%s' needs a value",
						   a);
		} else {
			return prv_cmd_usage_error("diff",
						   "unknown option '%s'", a);
		}
	}
	return 0;
}

/* prereview.creationFactor, when no --creation-factor was given. */
static int config_creation_factor(struct diff_opts *o)
{
	long long cf;
	int err;

	err = prv_gitconfig_get_int(&cf, "prereview.creationFactor");
	if (!err && (cf < 0 || cf > 100000))
		err = prv_error(PRV_EPARSE,
				"bad config value for "
				"'prereview.creationfactor': %lld",
				cf);
	if (!err)
		o->rd.creation_factor = (int)cf;
	else if (err != PRV_ENOTFOUND)
		return prv_cmd_error(2, "%s", prv_error_last());
	return 0;
}

/* The inputs read and the comparisons made of them. */
struct diff_run {
	struct prv_input inputs[3];
	size_t nr_inputs;
	struct prv_rdrender_cmp *cmp;
	size_t nr_cmp, alloc_cmp;
	struct prv_source_stdin kept; /* stdin, for a second reading */
};

static struct prv_input *new_input(struct diff_run *r)
{
	struct prv_input *in = &r->inputs[r->nr_inputs++];

	prv_input_init(in);
	return in;
}

/* OLD NEW: the highest version in each. */
static int compare_old_new(struct diff_run *r, char **args,
			   const struct diff_opts *o,
			   const struct prv_global_opts *g)
{
	const struct prv_series *s[2];
	const struct prv_version *v[2];
	struct prv_input *in;
	size_t i;
	int ret;

	for (i = 0; i < 2; i++) {
		in = new_input(r);
		ret = load(in, &args[i], 1, false, o, g, &r->kept);
		if (!ret)
			ret = pick_version(in, args[i], &s[i], &v[i]);
		if (ret)
			return ret;
		show_warnings(in, g);
	}
	if (is_partial(v[1]) && v[0]->version < v[1]->version) {
		/*
		 * A partial reroll is filled in from the previous version
		 * when both are read as one input.
		 */
		in = new_input(r);
		ret = load(in, args, 2, false, o, g, &r->kept);
		if (ret)
			return ret;
		find_pair(in, v[0]->version, v[1]->version, &s[1], &v[0],
			  &v[1]);
	}
	return add_comparison(&r->cmp, &r->nr_cmp, &r->alloc_cmp, s[1], v[0],
			      v[1], o);
}

/* SOURCE...: every successive pair of versions, or the --range pair. */
static int compare_sources(struct diff_run *r, char **args, int nr_args,
			   const struct diff_opts *o,
			   const struct prv_global_opts *g)
{
	struct prv_input *in = new_input(r);
	int ret;

	ret = load(in, args, nr_args, true, o, g, &r->kept);
	if (!ret)
		ret = versions_of_sources(&r->cmp, &r->nr_cmp, &r->alloc_cmp,
					  in, args[0], o);
	if (!ret)
		show_warnings(in, g);
	return ret;
}

static int write_output(const struct diff_run *r, const struct diff_opts *o)
{
	struct prv_rdrender_opts ropts = { .color = o->color,
					   .no_patch = o->rd.no_patch };
	struct prv_buf out = PRV_BUF_INIT;
	int ret = 0;

	if (o->format == PRV_FORMAT_JSON)
		prv_rdrender_json(&out, r->cmp, r->nr_cmp, &ropts);
	else
		prv_rdrender_text(&out, r->cmp, r->nr_cmp, &ropts);
	if (fwrite(out.data, 1, out.len, stdout) != out.len || fflush(stdout))
		ret = prv_cmd_error(3, "could not write the output");
	prv_buf_release(&out);
	return ret;
}

int cmd_diff(int argc, char **argv, const struct prv_global_opts *g)
{
	struct diff_opts o = { .format = PRV_FORMAT_TEXT,
			       .rd = PRV_RANGEDIFF_OPTS_INIT };
	struct diff_run r = { .nr_inputs = 0, .kept = PRV_SOURCE_STDIN_INIT };
	char **args = argv + 1;
	int nr_args = 0, ret;
	bool factor_given = false;
	size_t i;

	ret = parse_args(&o, &factor_given, &nr_args, argc, argv);
	if (ret)
		return ret == 1 ? 0 : ret;
	if (!factor_given && (ret = config_creation_factor(&o)))
		return ret;
	if (nr_args < 1)
		return prv_cmd_usage_error("diff", "%s", "no SOURCE given");
	o.color = o.format == PRV_FORMAT_TEXT && prv_cmd_use_color(g, 1);

	if (nr_args == 2 && !o.range_from)
		ret = compare_old_new(&r, args, &o, g);
	else
		ret = compare_sources(&r, args, nr_args, &o, g);
	if (!ret)
		ret = write_output(&r, &o);

	for (i = 0; i < r.nr_cmp; i++)
		prv_rangediff_release(&r.cmp[i].rd);
	free(r.cmp);
	for (i = 0; i < r.nr_inputs; i++)
		prv_input_release(&r.inputs[i]);
	prv_source_stdin_release(&r.kept);
	return ret;
}
