// SPDX-License-Identifier: GPL-2.0-or-later
/* The TCP impact of each patch in the JSON report. */
#include <string.h>

#include "core/report/tcpjson.h"

static void str_list(struct prv_json *j, const char *key, const char *const *s,
		     size_t n)
{
	size_t i;

	prv_json_key(j, key);
	prv_json_array(j);
	for (i = 0; i < n; i++)
		prv_json_str(j, s[i]);
	prv_json_end(j);
}

static void group_json(struct prv_json *j, const struct prv_tcp_group *g)
{
	size_t i;

	prv_json_object(j);
	prv_json_kv_str(j, "name", g->name);
	prv_json_kv_str(j, "reason", g->reason);
	prv_json_kv_bool(j, "todo", g->todo);
	str_list(j, "symbols", g->matched, g->nr_matched);
	prv_json_kv_str(j, "file", g->file);
	prv_json_key(j, "lines");
	prv_json_array(j);
	for (i = 0; i < g->nr_lines; i++)
		prv_json_int(j, g->lines[i]);
	prv_json_end(j);
	prv_json_end(j);
}

static void uses_json(struct prv_json *j, const struct prv_tcp_impact *t)
{
	size_t i;

	prv_json_key(j, "mptcp_uses");
	prv_json_array(j);
	for (i = 0; i < t->nr_uses; i++) {
		prv_json_object(j);
		prv_json_kv_str(j, "symbol", t->uses[i].symbol);
		prv_json_kv_str(j, "file", t->uses[i].file);
		prv_json_kv_int(j, "line", t->uses[i].line);
		prv_json_end(j);
	}
	prv_json_end(j);
	str_list(j, "sockopts_missing", t->sockopts_missing,
		 t->nr_sockopts_missing);
	prv_json_kv_str(j, "search_note", t->search_note);
}

void prv_tcp_impact_json(struct prv_json *j, const struct prv_report *r)
{
	size_t i, k;

	prv_json_key(j, "tcp_impact");
	prv_json_array(j);
	for (i = 0; i < r->nr_tcp; i++) {
		const struct prv_tcp_impact *t = &r->tcp[i];

		prv_json_object(j);
		if (r->nr_series > 1)
			prv_json_kv_int(j, "series", (long long)t->series);
		prv_json_kv_int(j, "version", t->version);
		prv_json_kv_int(j, "patch", t->patch);
		str_list(j, "files", t->files, t->nr_files);
		str_list(j, "functions", t->functions, t->nr_functions);
		prv_json_key(j, "groups");
		prv_json_array(j);
		for (k = 0; k < t->nr_groups; k++)
			group_json(j, &t->groups[k]);
		prv_json_end(j);
		if (t->searched)
			uses_json(j, t);
		prv_json_end(j);
	}
	prv_json_end(j);
}
