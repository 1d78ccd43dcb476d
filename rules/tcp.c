// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Data rules over hunks: rules/tcp.rules (TCP impact for MPTCP reviewers)
 * and any rule file the user adds. The rules are data; this file walks the
 * changed code of each patch into its TCP impact (core/check/tcpimpact.h),
 * and rules/tcpsay.c says it: one line per patch for the TCP files and
 * functions, one per symbol group hit, one summary per series.
 *
 * Only code counts: comments, blank lines, SPDX lines, selftests and
 * documentation do not touch TCP unless a rule says "changes: all".
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"
#include "rules/tcp.h"
#include "core/mail/diff.h"
#include "core/base/util.h"

#define NAME_MAX_LEN 80

static bool ident(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

bool prv_tcp_rule_is_touch(const struct prv_rule *r)
{
	return !r->nr_symbols && !strncmp(r->id, "tcp.", 4);
}

/* Selftests and documentation: no TCP code, whatever they mention. */
static bool doc_path(const char *path)
{
	return !strncmp(path, "Documentation/", 14) ||
	       !strncmp(path, "tools/testing/selftests/", 24) ||
	       strstr(path, "/selftests/");
}

static bool c_like(const char *path)
{
	size_t n = strlen(path);

	return n > 2 && path[n - 2] == '.' &&
	       (path[n - 1] == 'c' || path[n - 1] == 'h');
}

/* Past a string or character literal starting at p (bounded by end). */
static const char *skip_literal(const char *p, const char *end)
{
	char q = *p++;

	while (p < end && *p != q)
		p += *p == '\\' && p + 1 < end ? 2 : 1;
	return p < end ? p + 1 : end;
}

/*
 * Whether [p, end) holds code outside comments; *in_comment carries a
 * block comment from line to line.
 */
static bool code_in(const char *p, const char *end, bool *in_comment)
{
	bool code = false;

	while (p < end) {
		if (*in_comment) {
			const char *c = memmem(p, (size_t)(end - p), "*/", 2);

			if (!c)
				return code;
			*in_comment = false;
			p = c + 2;
			continue;
		}
		while (p < end && isspace((unsigned char)*p))
			p++;
		if (p + 1 < end && p[0] == '/' && p[1] == '/')
			return code;
		if (p + 1 < end && p[0] == '/' && p[1] == '*') {
			*in_comment = true;
			p += 2;
			continue;
		}
		if (p < end)
			code = true;
		while (p < end && !(p + 1 < end && p[0] == '/' &&
				    (p[1] == '*' || p[1] == '/')))
			p = *p == '"' || *p == '\'' ? skip_literal(p, end) :
						      p + 1;
	}
	return code;
}

/*
 * Whether the line (without its marker) is code: not blank, not a comment
 * or a comment's continuation (" * text"), not an SPDX line, not a '#'
 * comment of a Makefile, Kconfig or script.
 */
bool prv_tcp_line_is_code(const char *s, size_t len, bool c, bool *in_comment)
{
	const char *p = s, *end = s + len;

	if (memmem(s, len, "SPDX-License-Identifier", 23)) {
		code_in(s, end, in_comment);
		return false;
	}
	while (p < end && isspace((unsigned char)*p))
		p++;
	if (p == end)
		return false;
	if (!c && *p == '#')
		return false;
	if (!*in_comment && *p == '*' &&
	    (p + 1 == end || p[1] == ' ' || p[1] == '\t' || p[1] == '/')) {
		const char *e = memmem(p, (size_t)(end - p), "*/", 2);

		return e ? code_in(e + 2, end, in_comment) : false;
	}
	return code_in(p, end, in_comment);
}

/* The name a function line gives: "tcp_ack" or "struct tcp_sock". */
static const char *func_name(struct prv_arena *a, const char *func, size_t len,
			     bool *is_function)
{
	const char *paren = memchr(func, '(', len), *s, *e;

	*is_function = false;
	/* "module_init(x);", "EXPORT_SYMBOL(x);": a statement, no function */
	if (len && func[len - 1] == ';')
		return NULL;
	if (paren) {
		e = paren;
		while (e > func && e[-1] == ' ')
			e--;
		for (s = e; s > func && ident(s[-1]); s--)
			;
		if (s == e || e - s > NAME_MAX_LEN)
			return NULL;
		/* EXPORT_SYMBOL(x), DEFINE_STATIC_KEY_FALSE(x): no function */
		for (e = s; e < paren && !islower((unsigned char)*e); e++)
			;
		if (e == paren)
			return NULL;
		e = paren;
		while (e > func && e[-1] == ' ')
			e--;
		*is_function = true;
		return prv_arena_strndup(a, s, (size_t)(e - s));
	}
	if (len > 7 &&
	    (!strncmp(func, "struct ", 7) || !strncmp(func, "union ", 6))) {
		for (e = func + (*func == 's' ? 7 : 6);
		     e < func + len && ident(*e); e++)
			;
		if (e - func <= NAME_MAX_LEN)
			return prv_arena_strndup(a, func, (size_t)(e - func));
	}
	return NULL;
}

/* "#define NAME" on the line: NAME into *name, its length returned. */
static size_t define_name(const char *p, size_t len, const char **name)
{
	const char *end = p + len, *s;

	while (p < end && isspace((unsigned char)*p))
		p++;
	if (p == end || *p++ != '#')
		return 0;
	while (p < end && isspace((unsigned char)*p))
		p++;
	if ((size_t)(end - p) < 7 || strncmp(p, "define", 6) ||
	    !isspace((unsigned char)p[6]))
		return 0;
	for (p += 7; p < end && isspace((unsigned char)*p); p++)
		;
	for (s = p; p < end && ident(*p); p++)
		;
	*name = s;
	return (size_t)(p - s);
}

/* The field a member line of a struct declares: "\tu32 snd_una;". */
static size_t field_name(const char *p, size_t len, const char **name)
{
	const char *end = p + len, *e;

	while (end > p && (isspace((unsigned char)end[-1])))
		end--;
	if (end == p || end[-1] != ';' || memchr(p, '(', len) ||
	    memchr(p, '#', len))
		return 0;
	e = end - 1;
	while (e > p && isspace((unsigned char)e[-1]))
		e--;
	if (memchr(p, ':', (size_t)(e - p))) /* a bit field */
		e = memchr(p, ':', (size_t)(e - p));
	if (memchr(p, '[', (size_t)(e - p)))
		e = memchr(p, '[', (size_t)(e - p));
	while (e > p && isspace((unsigned char)e[-1]))
		e--;
	*name = e;
	while (*name > p && ident((*name)[-1]))
		(*name)--;
	/* a type and a name, not a lone word */
	if (*name == e || *name == p || !memchr(p, ' ', (size_t)(*name - p)) ||
	    !strchr(" \t*", (*name)[-1]))
		return 0;
	return (size_t)(e - *name);
}

static void add_symbol(struct prv_tcp_impact *t, struct prv_arena *a,
		       const char *s, size_t len, enum prv_tcp_symbol_kind k)
{
	size_t i;

	if (!len || len > NAME_MAX_LEN)
		return;
	for (i = 0; i < t->nr_symbols; i++) {
		struct prv_tcp_symbol *y = &t->symbols[i];

		if (strlen(y->name) == len && !memcmp(y->name, s, len)) {
			/* an option that was there before is not new */
			if (y->kind == PRV_TCP_SOCKOPT && k == PRV_TCP_MACRO)
				y->kind = PRV_TCP_MACRO;
			return;
		}
	}
	if (t->nr_symbols < PRV_TCP_SYMBOLS_MAX)
		t->symbols[t->nr_symbols++] = (struct prv_tcp_symbol){
			.name = prv_arena_strndup(a, s, len),
			.kind = k,
		};
}

/* One changed line of a file the touch rules name. */
struct at {
	const char *path;
	size_t file; /* index in t->files */
	const char *line;
	size_t len; /* without the marker */
	char marker;
	long lineno;
	const char *func; /* function line in effect, or NULL */
	size_t func_len;
};

static void add_function(struct prv_tcp_impact *t, const char *name,
			 size_t file, bool call)
{
	size_t i;

	for (i = 0; i < t->nr_functions; i++)
		if (!strcmp(t->functions[i], name))
			return;
	if (t->nr_functions == PRV_TCP_FUNCS_MAX) {
		t->more_functions++;
		return;
	}
	t->function_file[t->nr_functions] = file;
	t->function_call[t->nr_functions] = call;
	t->functions[t->nr_functions++] = name;
}

/* What a changed line of a TCP file changes: functions, fields, macros. */
static void note_symbols(struct prv_tcp_impact *t, struct prv_arena *a,
			 const struct at *at)
{
	const char *name = NULL, *s;
	bool is_function = false;
	size_t n;

	n = define_name(at->line, at->len, &s);
	if (n && n <= NAME_MAX_LEN) {
		bool opt = at->marker == '+' && n > 4 &&
			   !strncmp(s, "TCP_", 4) &&
			   !strcmp(at->path, "include/uapi/linux/tcp.h");

		/* a macro is its own name, whatever line came before */
		add_function(t, prv_arena_strndup(a, s, n), at->file, false);
		add_symbol(t, a, s, n, opt ? PRV_TCP_SOCKOPT : PRV_TCP_MACRO);
		return;
	}
	if (at->func)
		name = func_name(a, at->func, at->func_len, &is_function);
	if (name)
		add_function(t, name, at->file, is_function);
	if (name && is_function) {
		add_symbol(t, a, name, strlen(name), PRV_TCP_FUNCTION);
		return;
	}
	if (name && (n = field_name(at->line, at->len, &s)))
		add_symbol(t, a, s, n, PRV_TCP_FIELD);
}

static size_t touch_file(struct prv_tcp_impact *t, const char *path, long line)
{
	size_t i;

	for (i = 0; i < t->nr_files; i++)
		if (!strcmp(t->files[i], path))
			return i;
	if (!t->first_file) {
		t->first_file = path;
		t->first_line = line;
	}
	if (t->nr_files == PRV_TCP_FILES_MAX) {
		t->more_files++;
		return i - 1;
	}
	t->files[t->nr_files] = path;
	return t->nr_files++;
}

static struct prv_tcp_group *
group_of(struct prv_tcp_impact *t, const struct prv_rule *r, const char *path)
{
	struct prv_tcp_group *g;
	size_t i;

	for (i = 0; i < t->nr_groups; i++)
		if (!strcmp(t->groups[i].name, r->group) &&
		    !strcmp(t->groups[i].id, r->id))
			return &t->groups[i];
	if (t->nr_groups == PRV_TCP_GROUPS_MAX)
		return NULL;
	g = &t->groups[t->nr_groups++];
	memset(g, 0, sizeof(*g));
	g->name = r->group;
	g->reason = r->reason;
	g->id = r->id;
	g->todo = r->todo;
	g->severity = (int)r->severity;
	g->file = path;
	return g;
}

static void group_hit(struct prv_tcp_impact *t, struct prv_arena *a,
		      const struct prv_rule *r, const struct at *at,
		      const char *m, size_t mlen)
{
	struct prv_tcp_group *g = group_of(t, r, at->path);
	size_t i;

	if (!g)
		return;
	if (!g->nr_lines && at->func) {
		bool fn;
		const char *n = func_name(a, at->func, at->func_len, &fn);

		g->func = n && fn ? prv_arena_printf(a, "%s()", n) : n;
	}
	if (g->nr_lines < PRV_TCP_GROUP_LINES_MAX &&
	    !strcmp(g->file, at->path) &&
	    (!g->nr_lines || g->lines[g->nr_lines - 1] != at->lineno))
		g->lines[g->nr_lines++] = at->lineno;
	if (!mlen || mlen > NAME_MAX_LEN)
		return;
	for (i = 0; i < g->nr_matched; i++)
		if (strlen(g->matched[i]) == mlen &&
		    !memcmp(g->matched[i], m, mlen))
			return;
	if (g->nr_matched < PRV_TCP_MATCHED_MAX)
		g->matched[g->nr_matched++] = prv_arena_strndup(a, m, mlen);
}

/* The matched text without the marker or white space it may anchor on. */
static void trim_match(const char *p, size_t *s, size_t *e)
{
	while (*s < *e && (p[*s] == '+' || p[*s] == '-' || p[*s] == '#' ||
			   isspace((unsigned char)p[*s])))
		(*s)++;
	if (*e - *s > 8 && !strncmp(p + *s, "define", 6) &&
	    isspace((unsigned char)p[*s + 6])) {
		*s += 7;
		while (*s < *e && isspace((unsigned char)p[*s]))
			(*s)++;
	}
	while (*e > *s && isspace((unsigned char)p[*e - 1]))
		(*e)--;
}

/* One rule against one changed line (with its marker at at->line - 1). */
static void rule_line(struct prv_tcp_impact *t, struct prv_arena *a,
		      const struct prv_ruleset *rs, const struct prv_rule *r,
		      struct at *at)
{
	const char *p = at->line - 1;
	size_t s, e;

	if (prv_tcp_rule_is_touch(r)) {
		at->file = touch_file(t, at->path, at->lineno);
		note_symbols(t, a, at);
		return;
	}
	if (!r->nr_symbols) {
		group_hit(t, a, r, at, NULL, 0);
		return;
	}
	if (prv_rule_match_symbol(rs, r, p, at->len + 1, &s, &e)) {
		trim_match(p, &s, &e);
		group_hit(t, a, r, at, p + s, e - s);
		return;
	}
	if (at->func &&
	    prv_rule_match_symbol(rs, r, at->func, at->func_len, &s, &e))
		group_hit(t, a, r, at, at->func + s, e - s);
}

/* The rules whose paths match, code-only ones left out of doc files. */
static size_t rules_of(const struct prv_ruleset *rs, const char *path,
		       const struct prv_rule **out)
{
	bool doc = doc_path(path);
	size_t i, n = 0;

	for (i = 0; i < rs->nr; i++)
		if ((!doc || rs->rules[i].all_changes) &&
		    prv_rule_match_path(rs, &rs->rules[i], path))
			out[n++] = &rs->rules[i];
	/* touch rules first: a group hit's functions need their file */
	for (i = 1; i < n; i++) {
		const struct prv_rule *r = out[i];
		size_t k = i;

		for (; k > 0 && prv_tcp_rule_is_touch(r) &&
		       !prv_tcp_rule_is_touch(out[k - 1]);
		     k--)
			out[k] = out[k - 1];
		out[k] = r;
	}
	return n;
}

struct hunk_walk {
	struct prv_tcp_impact *t;
	struct prv_arena *a;
	const struct prv_ruleset *rs;
	const struct prv_rule **rules;
	size_t nr_rules;
	const char *path;
	bool c;
};

static void walk_hunk(const struct hunk_walk *w, const struct prv_hunk *h)
{
	const char *p = h->body, *end = h->body + h->body_len;
	bool in_comment[2] = { false, false };
	long line = h->new_start;

	while (p < end) {
		size_t l = prv_line_len(p, (size_t)(end - p)), i;
		bool code = false, *cm = &in_comment[*p == '-' ? 0 : 1];
		struct at at = { .path = w->path, .line = p + 1 };

		if (!l || *p == '\\') {
			p += l + 1;
			continue;
		}
		at.len = l - 1;
		at.marker = *p;
		code = prv_tcp_line_is_code(p + 1, l - 1, w->c, cm);
		if (*p == ' ') /* context: the old side reads it too */
			in_comment[0] = in_comment[1];
		at.lineno = line;
		if (*p == '+' || *p == '-') {
			at.func = prv_hunk_func_at(h, (size_t)(p - h->body),
						   &at.func_len);
			if (at.func && !at.func_len)
				at.func = NULL;
			for (i = 0; i < w->nr_rules; i++)
				if (code || w->rules[i]->all_changes)
					rule_line(w->t, w->a, w->rs,
						  w->rules[i], &at);
		}
		if (*p != '-')
			line++;
		p += l + 1;
	}
}

void prv_tcp_scan_patch(struct prv_tcp_impact *t, struct prv_arena *a,
			const struct prv_ruleset *rs,
			const struct prv_patch *patch)
{
	const struct prv_mail *m = patch->mail;
	const struct prv_rule **rules;
	size_t f, h;

	if (!m || !rs || !rs->nr)
		return;
	rules = prv_xcalloc(rs->nr, sizeof(*rules));
	for (f = 0; f < m->diff.nr_files; f++) {
		const struct prv_file *file = &m->diff.files[f];
		struct hunk_walk w = {
			.t = t,
			.a = a,
			.rs = rs,
			.rules = rules,
			.path = prv_file_path(file),
		};

		w.c = c_like(w.path);
		w.nr_rules = rules_of(rs, w.path, rules);
		for (h = 0; w.nr_rules && h < file->nr_hunks; h++)
			walk_hunk(&w, &file->hunks[h]);
	}
	free(rules);
}
