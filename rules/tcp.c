// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Data rules over hunks: rules/tcp.rules (TCP impact for MPTCP reviewers)
 * and any rule file the user adds. The rules are data; this file only
 * walks the hunks.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"
#include "core/mail/diff.h"
#include "core/base/util.h"

#define SYMBOL_MAX 80

static bool isalnum_(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/*
 * Where a line is, from the function line in effect there: "in foo()" for
 * "static int foo(int x)", "in struct bar" for "struct bar {". NULL when
 * there is none.
 */
static const char *func_hint(struct prv_arena *a, const char *func, size_t len)
{
	const char *paren, *s;

	if (!len)
		return NULL;
	paren = memchr(func, '(', len);
	if (paren) {
		s = paren;
		while (s > func && s[-1] == ' ')
			s--;
		paren = s;
		while (s > func && isalnum_(s[-1]))
			s--;
		if (s < paren)
			return prv_arena_printf(a, "in %.*s()",
						(int)(paren - s), s);
	}
	for (s = func; s < func + len && *s != '{' && *s != '='; s++)
		;
	len = (size_t)(s - func);
	while (len && (func[len - 1] == ' ' || func[len - 1] == '\t'))
		len--;
	if (!len)
		return NULL;
	if (len > SYMBOL_MAX)
		len = SYMBOL_MAX;
	return prv_arena_printf(a, "in %.*s", (int)len, func);
}

/*
 * "<matched text>: <reason> (<group>)", the group left out when the reason
 * already says it; "<group>: <reason>" when nothing was matched.
 */
static void fire(struct prv_check_ctx *ctx, const struct prv_rule *r,
		 const struct prv_check_target *t, long line, const char *sym,
		 size_t sym_len, const char *hint)
{
	const char *path = prv_file_path(t->file);
	bool said = r->group && strcasestr(r->reason, r->group);
	const char *msg;

	if (!sym_len)
		sym = NULL; /* a pattern that matched the empty string */
	if (sym && said)
		msg = prv_arena_printf(ctx->arena, "%.*s: %s", (int)sym_len,
				       sym, r->reason);
	else if (sym)
		msg = prv_arena_printf(ctx->arena, "%.*s: %s (%s)",
				       (int)sym_len, sym, r->reason, r->group);
	else if (said)
		msg = r->reason;
	else
		msg = prv_arena_printf(ctx->arena, "%s: %s", r->group,
				       r->reason);
	if (!sym)
		hint = NULL;
	if (r->todo)
		prv_check_todo(ctx, r->id, r->severity, t->patch, path, line,
			       hint, "%s", msg);
	else
		prv_check_report(ctx, r->id, r->severity, t->patch, path, line,
				 hint, "%s", msg);
}

static void match_hunk(struct prv_check_ctx *ctx, const struct prv_ruleset *rs,
		       const struct prv_rule *r,
		       const struct prv_check_target *t)
{
	const struct prv_hunk *h = t->hunk;
	const char *p = h->body, *end = h->body + h->body_len;
	long line = h->new_start;
	size_t s, e;

	if (h->func && *h->func &&
	    prv_rule_match_symbol(rs, r, h->func, strlen(h->func), &s, &e)) {
		if (e - s > SYMBOL_MAX)
			e = s + SYMBOL_MAX;
		fire(ctx, r, t, h->new_start, h->func + s, e - s,
		     func_hint(ctx->arena, h->func, strlen(h->func)));
		return;
	}
	while (p < end) {
		size_t l = prv_line_len(p, (size_t)(end - p));

		if (l && (*p == '+' || *p == '-') &&
		    prv_rule_match_symbol(rs, r, p, l, &s, &e)) {
			size_t func_len;
			const char *func = prv_hunk_func_at(
				h, (size_t)(p - h->body), &func_len);

			/* patterns may anchor on the marker; show the name */
			if (s < l && (p[s] == '+' || p[s] == '-'))
				s++;
			while (s < e && (p[s] == ' ' || p[s] == '\t'))
				s++;
			if (e < s) /* an empty match on the marker */
				e = s;
			/* and may end on white space: "#define TCP_X\t" */
			while (e > s && (p[e - 1] == ' ' || p[e - 1] == '\t' ||
					 p[e - 1] == '\r'))
				e--;
			if (e - s > SYMBOL_MAX)
				e = s + SYMBOL_MAX;
			fire(ctx, r, t, line, p + s, e - s,
			     func_hint(ctx->arena, func, func_len));
			return;
		}
		if (l && *p != '-' && *p != '\\')
			line++;
		p += l + 1;
	}
}

static int check_rules(struct prv_check_ctx *ctx,
		       const struct prv_check_target *t)
{
	const struct prv_ruleset *rs = ctx->opts ? ctx->opts->rules : NULL;
	const char *path = prv_file_path(t->file);
	size_t i;

	if (!rs)
		return 0;
	for (i = 0; i < rs->nr; i++) {
		const struct prv_rule *r = &rs->rules[i];

		if (!prv_rule_match_path(rs, r, path))
			continue;
		if (!r->nr_symbols) {
			fire(ctx, r, t, t->hunk ? t->hunk->new_start : 0, NULL,
			     0, NULL);
			continue;
		}
		if (t->hunk)
			match_hunk(ctx, rs, r, t);
	}
	return 0;
}

const struct prv_check prv_checks_tcp[] = {
	{ "tcp/rules", PRV_SCOPE_HUNK, check_rules },
	{ NULL, 0, NULL },
};
