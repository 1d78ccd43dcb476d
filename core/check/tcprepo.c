// SPDX-License-Identifier: GPL-2.0-or-later
/* Where MPTCP code in a repository uses what a series changes in TCP. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <ctype.h>
#include <git2.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/base/buf.h"
#include "core/base/error.h"
#include "core/base/util.h"
#include "core/check/tcprepo.h"

#define SOCKOPT_FILE "net/mptcp/sockopt.c"

/* MPTCP's code, in the order it is read (the allow-list first). */
static const char *const mptcp_paths[] = {
	SOCKOPT_FILE,
	"net/mptcp",
	"include/net/mptcp.h",
	"tools/testing/selftests/net/mptcp",
};

struct search {
	git_repository *git; /* borrowed from the prv_repo */
	pcre2_code *re;
	pcre2_match_data *md;
	struct prv_tcp_impact **t;
	size_t nr;
	struct prv_arena *a;
	struct timespec start;
	size_t files;
	const char *stopped; /* why the search stopped early, or NULL */
	/* symbols seen in the allow-list, by impact and symbol */
	bool (*in_allow_list)[PRV_TCP_SYMBOLS_MAX];
};

static long elapsed_ms(const struct search *s)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - s->start.tv_sec) * 1000 +
	       (now.tv_nsec - s->start.tv_nsec) / 1000000;
}

/* "\b(?:tcp_ack|snd_una|TCP_FOO)\b" of every symbol, or false if none. */
static bool build_pattern(struct prv_buf *b, struct prv_tcp_impact **t,
			  size_t nr)
{
	size_t i, k, n = 0;

	prv_buf_addstr(b, "\\b(?:");
	for (i = 0; i < nr; i++) {
		for (k = 0; k < t[i]->nr_symbols; k++) {
			const char *name = t[i]->symbols[k].name;
			const char *c;

			for (c = name;
			     *c && (isalnum((unsigned char)*c) || *c == '_');
			     c++)
				;
			if (*c || !*name)
				continue; /* not an identifier */
			prv_buf_addf(b, "%s%s", n++ ? "|" : "", name);
		}
	}
	prv_buf_addstr(b, ")\\b");
	return n > 0;
}

/*
 * A C scanner that follows comments and string literals up to an offset,
 * counting lines; '#' comments for scripts.
 */
struct scan {
	const char *p, *end;
	long line;
	bool c, block, quiet; /* quiet: in a comment or a literal */
	char quote;
	bool line_comment;
	bool bol; /* nothing but white space yet on this line */
};

static void scan_to(struct scan *sc, const char *to)
{
	for (; sc->p < to; sc->p++) {
		char ch = *sc->p;

		if (ch == '\n') {
			sc->line++;
			sc->line_comment = false;
			sc->quote = 0; /* an unterminated literal ends */
			sc->bol = true;
			continue;
		}
		if (sc->line_comment)
			continue;
		if (sc->block) {
			if (ch == '*' && sc->p + 1 < sc->end &&
			    sc->p[1] == '/') {
				sc->block = false;
				sc->p++;
			}
			continue;
		}
		if (sc->quote) {
			if (ch == '\\' && sc->p + 1 < to && sc->p[1] != '\n')
				sc->p++;
			else if (ch == sc->quote)
				sc->quote = 0;
			continue;
		}
		if (!sc->c && ch == '#' && sc->bol) {
			sc->line_comment = true;
			continue;
		}
		if (!isspace((unsigned char)ch))
			sc->bol = false;
		if (sc->c && ch == '/' && sc->p + 1 < sc->end &&
		    (sc->p[1] == '*' || sc->p[1] == '/')) {
			sc->block = sc->p[1] == '*';
			sc->line_comment = sc->p[1] == '/';
			sc->p++;
		} else if (sc->c && (ch == '"' || ch == '\'')) {
			sc->quote = ch;
		}
	}
}

static bool in_code(const struct scan *sc)
{
	return !sc->block && !sc->line_comment && !sc->quote;
}

/*
 * Whether the match is a use of a symbol of that kind: a function is
 * called (its name then '('), a field is read through a TCP socket
 * ("tp->x", "tcp_sk(ssk)->x"; MPTCP's own socket has fields of the same
 * names), anything else is any use.
 */
static bool use_of_kind(enum prv_tcp_symbol_kind k, const char *line,
			const char *m, size_t len, const char *end)
{
	const char *q = m + len;

	if (k == PRV_TCP_FUNCTION) {
		while (q < end && (*q == ' ' || *q == '\t'))
			q++;
		return q < end && *q == '(';
	}
	if (k != PRV_TCP_FIELD)
		return true;
	if (m - line < 2 || !(m[-1] == '.' || (m[-1] == '>' && m[-2] == '-')))
		return false;
	return memmem(line, (size_t)(m - line), "tcp_sk(", 7) ||
	       memmem(line, (size_t)(m - line), "tp->", 4) ||
	       memmem(line, (size_t)(m - line), "tcp_sock", 8);
}

static void add_use(struct search *s, size_t i, size_t k, const char *path,
		    long line)
{
	struct prv_tcp_impact *t = s->t[i];
	size_t u;

	if (!strcmp(path, SOCKOPT_FILE))
		s->in_allow_list[i][k] = true;
	for (u = 0; u < t->nr_uses; u++)
		if (t->uses[u].line == line && !strcmp(t->uses[u].file, path) &&
		    !strcmp(t->uses[u].symbol, t->symbols[k].name))
			return;
	if (t->nr_uses == PRV_TCP_USES_MAX) {
		t->more_uses++;
		return;
	}
	t->uses[t->nr_uses++] = (struct prv_mptcp_use){
		.symbol = t->symbols[k].name,
		.file = prv_arena_strdup(s->a, path),
		.line = line,
	};
}

/* A match of `name` at line `line`: a use for every impact naming it. */
static void match_found(struct search *s, const char *path, const char *lp,
			const char *m, size_t len, const char *end, long line)
{
	size_t i, k;

	for (i = 0; i < s->nr; i++)
		for (k = 0; k < s->t[i]->nr_symbols; k++) {
			const struct prv_tcp_symbol *y = &s->t[i]->symbols[k];

			if (strlen(y->name) == len &&
			    !memcmp(y->name, m, len) &&
			    use_of_kind(y->kind, lp, m, len, end))
				add_use(s, i, k, path, line);
		}
}

static void search_blob(struct search *s, const char *path, const char *text,
			size_t len)
{
	size_t n = strlen(path);
	struct scan sc = {
		.p = text,
		.end = text + len,
		.line = 1,
		.c = n > 2 && path[n - 2] == '.' &&
		     (path[n - 1] == 'c' || path[n - 1] == 'h'),
		.bol = true,
	};
	PCRE2_SIZE off = 0;

	while (off < len && pcre2_match(s->re, (PCRE2_SPTR)text, len, off, 0,
					s->md, NULL) > 0) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md);
		const char *m = text + ov[0], *lp, *le;

		scan_to(&sc, m);
		if (in_code(&sc)) {
			for (lp = m; lp > text && lp[-1] != '\n'; lp--)
				;
			le = memchr(m, '\n', (size_t)(text + len - m));
			match_found(s, path, lp, m, ov[1] - ov[0],
				    le ? le : text + len, sc.line);
		}
		off = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
	}
}

static bool over_budget(struct search *s)
{
	if (s->stopped)
		return true;
	if (s->files >= PRV_TCP_SEARCH_FILES_MAX)
		s->stopped = "files";
	else if (elapsed_ms(s) > PRV_TCP_SEARCH_MS)
		s->stopped = "time";
	return s->stopped != NULL;
}

static void search_entry(struct search *s, const git_tree_entry *e,
			 const char *path)
{
	git_blob *blob;
	const char *text;
	size_t len;

	if (git_tree_entry_type(e) != GIT_OBJECT_BLOB || over_budget(s))
		return;
	if (git_blob_lookup(&blob, s->git, git_tree_entry_id(e)))
		return;
	s->files++;
	text = git_blob_rawcontent(blob);
	len = (size_t)git_blob_rawsize(blob);
	if (len <= PRV_TCP_SEARCH_FILE_MAX && !git_blob_is_binary(blob))
		search_blob(s, path, text, len);
	git_blob_free(blob);
}

struct walk {
	struct search *s;
	const char *root;
};

static int walk_cb(const char *dir, const git_tree_entry *e, void *data)
{
	struct walk *w = data;
	char path[1024];

	snprintf(path, sizeof(path), "%s/%s%s", w->root, dir,
		 git_tree_entry_name(e));
	if (strcmp(path, SOCKOPT_FILE)) /* read first */
		search_entry(w->s, e, path);
	return over_budget(w->s) ? -1 : 0;
}

static void search_path(struct search *s, git_tree *root, const char *path)
{
	git_tree_entry *e;
	git_tree *sub;
	struct walk w = { s, path };

	if (git_tree_entry_bypath(&e, root, path))
		return; /* not in this tree */
	if (git_tree_entry_type(e) == GIT_OBJECT_TREE &&
	    !git_tree_lookup(&sub, s->git, git_tree_entry_id(e))) {
		git_tree_walk(sub, GIT_TREEWALK_PRE, walk_cb, &w);
		git_tree_free(sub);
	} else if (git_tree_entry_type(e) == GIT_OBJECT_BLOB) {
		search_entry(s, e, path);
	}
	git_tree_entry_free(e);
}

/* After the search: options MPTCP lacks, the caps hit, searched. */
static void finish(struct search *s)
{
	size_t i, k;

	for (i = 0; i < s->nr; i++) {
		struct prv_tcp_impact *t = s->t[i];

		t->searched = true;
		if (s->stopped)
			t->search_note = prv_arena_printf(
				s->a,
				"the search for MPTCP uses stopped at its %s "
				"cap (%d ms, %d files): the list may be "
				"incomplete",
				s->stopped, PRV_TCP_SEARCH_MS,
				PRV_TCP_SEARCH_FILES_MAX);
		for (k = 0; k < t->nr_symbols; k++)
			if (t->symbols[k].kind == PRV_TCP_SOCKOPT &&
			    !s->in_allow_list[i][k] && !s->stopped &&
			    t->nr_sockopts_missing < PRV_TCP_SOCKOPTS_MAX)
				t->sockopts_missing[t->nr_sockopts_missing++] =
					t->symbols[k].name;
	}
}

static int open_tree(struct search *s, struct prv_repo *r, const char *rev,
		     git_tree **tree)
{
	char hex[41];
	git_oid oid;
	git_commit *c;
	int ret;

	if (prv_repo_commit(r, rev, hex, NULL) != PRV_REPO_FOUND)
		return prv_error(PRV_EIO, "'%s' names no commit", rev);
	/* the read-only repository the other repository checks use */
	s->git = prv_repo_git(r);
	if (git_oid_fromstr(&oid, hex) || git_commit_lookup(&c, s->git, &oid))
		return prv_error(PRV_EIO, "commit %s cannot be read", hex);
	ret = git_commit_tree(tree, c);
	git_commit_free(c);
	return ret ? prv_error(PRV_EIO, "the tree of %s cannot be read", hex) :
		     0;
}

int prv_tcp_repo_search(struct prv_repo *r, const char *rev,
			struct prv_tcp_impact **t, size_t nr,
			struct prv_arena *a)
{
	struct search s = { .t = t, .nr = nr, .a = a };
	struct prv_buf pat = PRV_BUF_INIT;
	git_tree *tree = NULL;
	size_t i;
	int err, ret = 0;
	PCRE2_SIZE eoff;

	clock_gettime(CLOCK_MONOTONIC, &s.start);
	s.in_allow_list = prv_xcalloc(nr + 1, sizeof(*s.in_allow_list));
	if (build_pattern(&pat, t, nr)) {
		s.re = pcre2_compile((PCRE2_SPTR)pat.data, pat.len, 0, &err,
				     &eoff, NULL);
		ret = s.re ? open_tree(&s, r, rev, &tree) :
			     prv_error(PRV_EIO, "cannot search MPTCP uses");
	}
	if (s.re && !ret) {
		pcre2_jit_compile(s.re, PCRE2_JIT_COMPLETE);
		s.md = pcre2_match_data_create_from_pattern(s.re, NULL);
		for (i = 0; i < PRV_ARRAY_SIZE(mptcp_paths); i++)
			search_path(&s, tree, mptcp_paths[i]);
	}
	if (!ret)
		finish(&s);
	git_tree_free(tree);
	pcre2_match_data_free(s.md);
	pcre2_code_free(s.re);
	prv_buf_release(&pat);
	free(s.in_allow_list);
	return ret;
}
