// SPDX-License-Identifier: GPL-2.0-or-later
/* Data rule files: "rule NAME" blocks of pcre2 patterns. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <ctype.h>
#include <dirent.h>
#include <limits.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/base/buf.h"
#include "core/base/config.h"
#include "core/base/error.h"
#include "core/check/rulefile.h"
#include "core/base/util.h"

struct prv_rule_matcher {
	pcre2_match_data *data;
	pcre2_match_context *ctx;
	size_t gave_up;
	const struct prv_rule *first_gave_up;
};

static void matcher_free(struct prv_rule_matcher *m)
{
	if (!m)
		return;
	pcre2_match_data_free(m->data);
	pcre2_match_context_free(m->ctx);
	free(m);
}

static int matcher_create(struct prv_ruleset *rs)
{
	struct prv_rule_matcher *m = prv_xcalloc(1, sizeof(*m));

	m->data = pcre2_match_data_create(4, NULL);
	m->ctx = pcre2_match_context_create(NULL);
	if (!m->data || !m->ctx) {
		matcher_free(m);
		return prv_error(PRV_ENOMEM, "out of memory for pcre2");
	}
	pcre2_set_match_limit(m->ctx, PRV_RULE_MATCH_LIMIT);
	pcre2_set_depth_limit(m->ctx, PRV_RULE_MATCH_LIMIT);
	rs->matcher = m;
	return 0;
}

void prv_ruleset_init(struct prv_ruleset *rs)
{
	memset(rs, 0, sizeof(*rs));
	prv_arena_init(&rs->arena);
}

static void free_codes(void **codes, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		pcre2_code_free(codes[i]);
}

static void rule_release(struct prv_rule *r)
{
	free_codes(r->paths, r->nr_paths);
	free_codes(r->symbols, r->nr_symbols);
	free(r->paths);
	free(r->symbols);
}

void prv_ruleset_release(struct prv_ruleset *rs)
{
	size_t i;

	for (i = 0; i < rs->nr; i++)
		rule_release(&rs->rules[i]);
	free(rs->rules);
	matcher_free(rs->matcher);
	prv_arena_release(&rs->arena);
	memset(rs, 0, sizeof(*rs));
}

static bool name_ok(const char *s, size_t len)
{
	size_t i;

	if (!len || len > 64)
		return false;
	for (i = 0; i < len; i++)
		if (!isalnum((unsigned char)s[i]) &&
		    (!s[i] || !strchr("-_.", s[i])))
			return false;
	return true;
}

static int add_pattern(void ***codes, size_t *nr, const char *pat, size_t len,
		       const char *file, size_t line)
{
	int err;
	PCRE2_SIZE off;
	pcre2_code *c;

	if (*nr >= PRV_RULES_MAX_PATTERNS)
		return prv_error(PRV_EPARSE, "%s:%zu: too many patterns", file,
				 line);
	c = pcre2_compile((PCRE2_SPTR)pat, len,
			  PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &err, &off,
			  NULL);
	if (!c) {
		PCRE2_UCHAR msg[256];

		pcre2_get_error_message(err, msg, sizeof(msg));
		return prv_error(PRV_EPARSE,
				 "%s:%zu: bad pattern '%.*s': %s at offset %zu",
				 file, line, (int)len, pat, (const char *)msg,
				 (size_t)off);
	}
	pcre2_jit_compile(c, PCRE2_JIT_COMPLETE);
	*codes = prv_xrealloc(*codes, (*nr + 1) * sizeof(void *));
	(*codes)[(*nr)++] = c;
	return 0;
}

/* Finish the rule being read: defaults, then add or replace. */
static int finish_rule(struct prv_ruleset *rs, struct prv_rule *r)
{
	size_t i;

	if (!r->name)
		return 0;
	if (!r->reason) {
		int ret = prv_error(PRV_EPARSE,
				    "%s:%zu: rule '%s' has no reason", r->file,
				    r->line, r->name);

		rule_release(r);
		memset(r, 0, sizeof(*r));
		return ret;
	}
	if (!r->id)
		r->id = prv_arena_printf(&rs->arena, "rule.%s", r->name);
	if (!r->group)
		r->group = r->name;
	for (i = 0; i < rs->nr; i++) {
		if (!strcmp(rs->rules[i].name, r->name)) {
			rule_release(&rs->rules[i]);
			rs->rules[i] = *r;
			memset(r, 0, sizeof(*r));
			return 0;
		}
	}
	PRV_ALLOC_GROW(rs->rules, rs->nr + 1, rs->alloc);
	rs->rules[rs->nr++] = *r;
	memset(r, 0, sizeof(*r));
	return 0;
}

/* Where a line of a rule file is, for its error messages. */
struct rule_at {
	const char *name;
	size_t lineno;
};

/* "rule NAME": finish the rule before and start a new one. */
static int rule_start(struct prv_ruleset *rs, struct prv_rule *cur,
		      const char *n, const char *e, const struct rule_at *at)
{
	int ret;

	while (n < e && isspace((unsigned char)*n))
		n++;
	ret = finish_rule(rs, cur);
	if (ret)
		return ret;
	if (!name_ok(n, (size_t)(e - n)))
		return prv_error(PRV_EPARSE, "%s:%zu: bad rule name '%.*s'",
				 at->name, at->lineno, (int)(e - n), n);
	cur->name = prv_arena_strndup(&rs->arena, n, (size_t)(e - n));
	cur->file = at->name;
	cur->line = at->lineno;
	cur->severity = PRV_SEV_INFO;
	cur->todo = true;
	return 0;
}

/* One "key: value" of the current rule (value not empty). */
static int rule_key(struct prv_ruleset *rs, struct prv_rule *cur, const char *k,
		    size_t klen, const char *v, size_t vlen,
		    const struct rule_at *at)
{
	char sev[16];

	if (prv_eq_ci(k, klen, "path"))
		return add_pattern(&cur->paths, &cur->nr_paths, v, vlen,
				   at->name, at->lineno);
	if (prv_eq_ci(k, klen, "symbol"))
		return add_pattern(&cur->symbols, &cur->nr_symbols, v, vlen,
				   at->name, at->lineno);
	if (prv_eq_ci(k, klen, "reason")) {
		cur->reason = prv_arena_strndup(&rs->arena, v, vlen);
	} else if (prv_eq_ci(k, klen, "group")) {
		cur->group = prv_arena_strndup(&rs->arena, v, vlen);
	} else if (prv_eq_ci(k, klen, "id")) {
		if (!name_ok(v, vlen) || !memchr(v, '.', vlen))
			return prv_error(PRV_EPARSE, "%s:%zu: bad id '%.*s'",
					 at->name, at->lineno, (int)vlen, v);
		cur->id = prv_arena_strndup(&rs->arena, v, vlen);
	} else if (prv_eq_ci(k, klen, "severity")) {
		snprintf(sev, sizeof(sev), "%.*s", (int)vlen, v);
		if (prv_severity_parse(&cur->severity, sev))
			return prv_error(PRV_EPARSE,
					 "%s:%zu: bad severity '%.*s'",
					 at->name, at->lineno, (int)vlen, v);
	} else if (prv_eq_ci(k, klen, "changes")) {
		if (!prv_eq_ci(v, vlen, "all") && !prv_eq_ci(v, vlen, "code"))
			return prv_error(PRV_EPARSE,
					 "%s:%zu: bad changes '%.*s' (all or "
					 "code)",
					 at->name, at->lineno, (int)vlen, v);
		cur->all_changes = prv_eq_ci(v, vlen, "all");
	} else if (prv_eq_ci(k, klen, "todo")) {
		cur->todo = prv_eq_ci(v, vlen, "yes") ||
			    prv_eq_ci(v, vlen, "true");
	} else {
		return prv_error(PRV_EPARSE, "%s:%zu: unknown key '%.*s'",
				 at->name, at->lineno, (int)klen, k);
	}
	return 0;
}

/* One line, trimmed and not a comment: "rule NAME" or "key: value". */
static int rule_line(struct prv_ruleset *rs, struct prv_rule *cur,
		     const char *s, const char *e, const struct rule_at *at)
{
	const char *colon, *v;
	size_t klen;

	if ((size_t)(e - s) > 5 && !memcmp(s, "rule", 4) &&
	    isspace((unsigned char)s[4]))
		return rule_start(rs, cur, s + 5, e, at);
	colon = memchr(s, ':', (size_t)(e - s));
	if (!colon)
		return prv_error(PRV_EPARSE,
				 "%s:%zu: expected 'rule NAME' or "
				 "'key: value'",
				 at->name, at->lineno);
	if (!cur->name)
		return prv_error(PRV_EPARSE, "%s:%zu: '%.*s' outside of a rule",
				 at->name, at->lineno, (int)(colon - s), s);
	klen = (size_t)(colon - s);
	while (klen && isspace((unsigned char)s[klen - 1]))
		klen--;
	v = colon + 1;
	while (v < e && isspace((unsigned char)*v))
		v++;
	if (v == e)
		return prv_error(PRV_EPARSE, "%s:%zu: empty value for '%.*s'",
				 at->name, at->lineno, (int)klen, s);
	return rule_key(rs, cur, s, klen, v, (size_t)(e - v), at);
}

int prv_ruleset_add_text(struct prv_ruleset *rs, const char *text, size_t len,
			 const char *name)
{
	const char *p = text, *end = text + len;
	struct rule_at at = { .name = NULL, .lineno = 0 };
	struct prv_rule cur;
	int ret = 0;

	memset(&cur, 0, sizeof(cur));
	at.name = prv_arena_strdup(&rs->arena, name);
	while (p < end && !ret) {
		size_t l = prv_line_len(p, (size_t)(end - p));
		const char *s = p, *e = p + l;

		at.lineno++;
		p += l + (p + l < end);
		while (s < e && isspace((unsigned char)*s))
			s++;
		while (e > s && isspace((unsigned char)e[-1]))
			e--;
		if (s != e && *s != '#')
			ret = rule_line(rs, &cur, s, e, &at);
	}
	if (!ret)
		ret = finish_rule(rs, &cur);
	else
		rule_release(&cur);
	if (!ret && !rs->matcher)
		ret = matcher_create(rs);
	return ret;
}

int prv_ruleset_add_file(struct prv_ruleset *rs, const char *path)
{
	struct prv_buf b = PRV_BUF_INIT;
	int ret = prv_buf_read_file(&b, path, PRV_RULEFILE_MAX);

	if (!ret)
		ret = prv_ruleset_add_text(rs, b.data, b.len, path);
	prv_buf_release(&b);
	return ret;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int add_dir(struct prv_ruleset *rs, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t nr = 0, alloc = 0, i;
	int ret = 0;

	if (!d)
		return prv_error(PRV_EIO, "could not open rule directory '%s'",
				 dir);
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);

		if (l > 6 && !strcmp(de->d_name + l - 6, ".rules")) {
			PRV_ALLOC_GROW(names, nr + 1, alloc);
			names[nr++] = prv_xstrdup(de->d_name);
		}
	}
	closedir(d);
	if (nr)
		qsort(names, nr, sizeof(*names), cmp_str);
	for (i = 0; i < nr; i++) {
		char path[PATH_MAX];

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (!ret)
			ret = prv_ruleset_add_file(rs, path);
		free(names[i]);
	}
	free(names);
	return ret;
}

/* Whether the running program sits in a CMake build tree. */
static bool in_build_tree(void)
{
	char exe[PATH_MAX], probe[PATH_MAX + 32];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	struct stat st;
	char *slash;
	int up;

	if (n <= 0)
		return false;
	exe[n] = '\0';
	for (up = 0; up < 2; up++) {
		slash = strrchr(exe, '/');
		if (!slash)
			return false;
		*slash = '\0';
		snprintf(probe, sizeof(probe), "%s/CMakeCache.txt", exe);
		if (!stat(probe, &st))
			return true;
	}
	return false;
}

int prv_ruleset_add_default(struct prv_ruleset *rs)
{
	struct stat st;

	if (in_build_tree() && !stat(PRV_SRC_RULESDIR, &st))
		return add_dir(rs, PRV_SRC_RULESDIR);
	if (!stat(PRV_RULESDIR, &st))
		return add_dir(rs, PRV_RULESDIR);
	return prv_error(PRV_EIO, "no rule directory '%s'", PRV_RULESDIR);
}

size_t prv_ruleset_gave_up(const struct prv_ruleset *rs,
			   const struct prv_rule **first)
{
	if (first)
		*first = rs->matcher ? rs->matcher->first_gave_up : NULL;
	return rs->matcher ? rs->matcher->gave_up : 0;
}

static bool match_any(const struct prv_ruleset *rs, const struct prv_rule *r,
		      void *const *codes, size_t nr, const char *s, size_t len,
		      size_t *start, size_t *end)
{
	struct prv_rule_matcher *m = rs->matcher;
	size_t i;

	if (!m)
		return false;
	for (i = 0; i < nr; i++) {
		int rc = pcre2_match(codes[i], (PCRE2_SPTR)s, len, 0, 0,
				     m->data, m->ctx);

		if (rc == PCRE2_ERROR_MATCHLIMIT ||
		    rc == PCRE2_ERROR_DEPTHLIMIT ||
		    rc == PCRE2_ERROR_HEAPLIMIT ||
		    rc == PCRE2_ERROR_JIT_STACKLIMIT) {
			if (!m->gave_up++)
				m->first_gave_up = r;
			continue;
		}
		if (rc >= 0) {
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->data);

			if (start)
				*start = ov[0];
			if (end)
				*end = ov[1] < ov[0] ? ov[0] : ov[1];
			return true;
		}
	}
	return false;
}

bool prv_rule_match_path(const struct prv_ruleset *rs, const struct prv_rule *r,
			 const char *path)
{
	if (!r->nr_paths)
		return true;
	return match_any(rs, r, r->paths, r->nr_paths, path, strlen(path), NULL,
			 NULL);
}

bool prv_rule_match_symbol(const struct prv_ruleset *rs,
			   const struct prv_rule *r, const char *s, size_t len,
			   size_t *start, size_t *end)
{
	return match_any(rs, r, r->symbols, r->nr_symbols, s, len, start, end);
}
