// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A unified diff reader in the manner of git apply: "diff --git" extended
 * headers, "--- "/"+++ " pairs, hunks consumed by their line counts (a
 * "-- " line inside a hunk is content), binary markers. Text is never
 * copied line by line: hunks and files point into the input.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/mail/diff.h"
#include "core/base/util.h"

#define PRV_DIFF_PATH_MAX 4096

struct line {
	const char *p;
	size_t len; /* without the '\n' */
	size_t next; /* offset of the following line */
};

struct reader {
	const char *text;
	size_t len, pos;
	struct prv_arena *a;
	const char *message_id;
	struct prv_warnings *w;
	struct prv_diff *out;
	/*
	 * Files and hunks are gathered here (malloc'd, reused for every
	 * file) and copied into the arena at their exact size once complete:
	 * grown in the arena, a mail's arrays left their smaller copies
	 * behind and kept room for 8, which on a whole archive adds up.
	 */
	struct prv_file *files;
	size_t files_alloc;
	struct prv_hunk *hunks;
	size_t nr_hunks, hunks_alloc;
	bool warned_garbage;
};

static bool peek(const struct reader *r, size_t pos, struct line *l)
{
	const char *nl;

	if (pos >= r->len)
		return false;
	l->p = r->text + pos;
	nl = memchr(l->p, '\n', r->len - pos);
	l->len = nl ? (size_t)(nl - l->p) : r->len - pos;
	l->next = pos + l->len + (nl ? 1 : 0);
	return true;
}

static bool starts(const struct line *l, const char *prefix)
{
	return prv_starts_with(l->p, l->len, prefix);
}

static size_t rtrim_len(const char *p, size_t len)
{
	while (len &&
	       (p[len - 1] == ' ' || p[len - 1] == '\t' || p[len - 1] == '\r'))
		len--;
	return len;
}

/*
 * A C-quoted name ("a/\303\251.c") starting at p: the unquoted bytes in
 * the arena, *used set to the bytes consumed. NULL if not well formed.
 */
static char *unquote_c(struct prv_arena *a, const char *p, size_t len,
		       size_t *used)
{
	char buf[PRV_DIFF_PATH_MAX];
	size_t i = 1, n = 0;

	if (!len || p[0] != '"')
		return NULL;
	while (i < len && n < sizeof(buf)) {
		char c = p[i++];

		if (c == '"') {
			*used = i;
			return prv_arena_strndup(a, buf, n);
		}
		if (c != '\\') {
			buf[n++] = c;
			continue;
		}
		if (i >= len)
			return NULL;
		c = p[i++];
		switch (c) {
		case 'a':
			buf[n++] = '\a';
			break;
		case 'b':
			buf[n++] = '\b';
			break;
		case 'f':
			buf[n++] = '\f';
			break;
		case 'n':
			buf[n++] = '\n';
			break;
		case 'r':
			buf[n++] = '\r';
			break;
		case 't':
			buf[n++] = '\t';
			break;
		case 'v':
			buf[n++] = '\v';
			break;
		case '\\':
			buf[n++] = '\\';
			break;
		case '"':
			buf[n++] = '"';
			break;
		case '0':
		case '1':
		case '2':
		case '3': {
			unsigned v = (unsigned)(c - '0');
			int k;

			for (k = 0; k < 2; k++) {
				if (i >= len || p[i] < '0' || p[i] > '7')
					return NULL;
				v = v * 8 + (unsigned)(p[i++] - '0');
			}
			buf[n++] = (char)v;
			break;
		}
		default:
			return NULL;
		}
	}
	return NULL;
}

/*
 * Drop the first path component ("a/", "b/", any prefix, "/" of an
 * absolute name), as git apply's default -p1 does; a name without a
 * directory stays whole.
 */
static const char *strip_prefix(const char *path)
{
	const char *slash = strchr(path, '/');

	return slash && slash[1] ? slash + 1 : path;
}

static bool digits(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] < '0' || p[i] > '9')
			return false;
	return true;
}

/* "name  2024-01-02 10:00:00.000 +0100" with spaces: the name alone. */
static size_t timestamp_cut(const char *p, size_t len)
{
	size_t i;

	for (i = 1; i + 11 <= len; i++)
		if (p[i - 1] == ' ' && digits(p + i, 4) && p[i + 4] == '-' &&
		    digits(p + i + 5, 2) && p[i + 7] == '-' &&
		    digits(p + i + 8, 2) && (i + 10 == len || p[i + 10] == ' '))
			return i - 1;
	return len;
}

/* A path as written after "--- ", "+++ ", "rename from " and so on. */
static char *read_path(struct prv_arena *a, const char *p, size_t len,
		       bool strip, bool is_header_line)
{
	size_t used;
	char *s;

	if (len && p[0] == '"') {
		s = unquote_c(a, p, len, &used);
		if (s)
			return strip ? (char *)strip_prefix(s) : s;
	}
	if (is_header_line) {
		/* "--- a/x\t2024-01-01 ..." from diff -u: the tab ends it */
		const char *tab = memchr(p, '\t', len);

		if (tab)
			len = (size_t)(tab - p);
		else
			len = timestamp_cut(p, len);
	}
	len = rtrim_len(p, len);
	if (len > PRV_DIFF_PATH_MAX)
		len = PRV_DIFF_PATH_MAX;
	s = prv_arena_strndup(a, p, len);
	return strip ? (char *)strip_prefix(s) : s;
}

/* The two names of "diff --git a/x b/y"; unquoted names must be equal. */
static void parse_git_line(struct prv_file *f, struct prv_arena *a,
			   const char *p, size_t len)
{
	size_t used, half;

	len = rtrim_len(p, len);
	if (len && p[0] == '"') {
		char *old = unquote_c(a, p, len, &used);

		if (!old)
			return;
		f->old_path = strip_prefix(old);
		p += used;
		len -= used;
		while (len && *p == ' ') {
			p++;
			len--;
		}
		f->new_path = read_path(a, p, len, true, false);
		return;
	}
	/* "a/<name> b/<name>": the split point is in the middle */
	if (len >= 3 && (len - 1) % 2 == 0) {
		half = (len - 1) / 2;
		if (p[half] == ' ' &&
		    !strcmp(strip_prefix(prv_arena_strndup(a, p, half)),
			    strip_prefix(prv_arena_strndup(a, p + half + 1,
							   half)))) {
			f->old_path = read_path(a, p, half, true, false);
			f->new_path = f->old_path;
			return;
		}
	}
	/* different names (a rename): split at " b/" when it is unique */
	{
		const char *sp = memmem(p, len, " b/", 3);

		if (sp &&
		    !memmem(sp + 1, len - (size_t)(sp + 1 - p), " b/", 3)) {
			f->old_path =
				read_path(a, p, (size_t)(sp - p), true, false);
			f->new_path = read_path(a, sp + 1,
						len - (size_t)(sp + 1 - p),
						true, false);
		}
	}
}

static unsigned parse_mode(const char *p, size_t len)
{
	unsigned v = 0;
	size_t i;

	for (i = 0; i < len && p[i] >= '0' && p[i] <= '7'; i++)
		v = v * 8 + (unsigned)(p[i] - '0');
	return i ? v : 0;
}

static long parse_num(const char **p, const char *end)
{
	long v = 0;

	while (*p < end && **p >= '0' && **p <= '9') {
		if (v < 1000000000L)
			v = v * 10 + (**p - '0');
		(*p)++;
	}
	return v;
}

/* "@@ -a[,b] +c[,d] @@ func"; false when not well formed. */
static bool parse_hunk_header(struct prv_hunk *h, struct prv_arena *a,
			      const struct line *l)
{
	const char *p = l->p + 4, *end = l->p + l->len, *q;

	if (p >= end || *p < '0' || *p > '9')
		return false;
	h->old_start = parse_num(&p, end);
	h->old_count = 1;
	if (p < end && *p == ',') {
		p++;
		h->old_count = parse_num(&p, end);
	}
	if (end - p < 2 || p[0] != ' ' || p[1] != '+')
		return false;
	p += 2;
	if (p >= end || *p < '0' || *p > '9')
		return false;
	h->new_start = parse_num(&p, end);
	h->new_count = 1;
	if (p < end && *p == ',') {
		p++;
		h->new_count = parse_num(&p, end);
	}
	if (end - p < 3 || memcmp(p, " @@", 3))
		return false;
	p += 3;
	if (p < end && *p == ' ')
		p++;
	q = p;
	h->func = prv_arena_strndup(a, q, rtrim_len(q, (size_t)(end - q)));
	h->header = l->p;
	h->header_len = l->len;
	return true;
}

static void warn_garbage(struct reader *r, const struct line *l)
{
	if (r->warned_garbage)
		return;
	r->warned_garbage = true;
	prv_warn(r->w, NULL, r->message_id,
		 "diff: skipped text that is not part of a diff near '%.*s'",
		 (int)(l->len > 60 ? 60 : l->len), l->p);
}

/*
 * Read the hunk body after its header at r->pos, by the counts; returns
 * false (with a warning) when the body ended early.
 */
static void read_hunk(struct reader *r, struct prv_hunk *h)
{
	long old_left = h->old_count, new_left = h->new_count;
	size_t start = r->pos;
	struct line l;

	while ((old_left > 0 || new_left > 0) && peek(r, r->pos, &l)) {
		char c = l.len ? l.p[0] : ' ';

		if (c == ' ') {
			old_left--;
			new_left--;
		} else if (c == '-') {
			old_left--;
			h->removed++;
		} else if (c == '+') {
			new_left--;
			h->added++;
		} else if (c != '\\') {
			break;
		}
		r->pos = l.next;
	}
	/* a "\ No newline at end of file" after the last line */
	if (peek(r, r->pos, &l) && l.len && l.p[0] == '\\')
		r->pos = l.next;
	if (old_left > 0 || new_left > 0)
		prv_warn(r->w, NULL, r->message_id,
			 "diff: hunk '%.*s' is shorter than its header says",
			 (int)(h->header_len > 60 ? 60 : h->header_len),
			 h->header);
	h->body = r->text + start;
	h->body_len = r->pos - start;
}

static struct prv_file *new_file(struct reader *r, size_t start)
{
	struct prv_diff *d = r->out;
	struct prv_file *f;

	PRV_ALLOC_GROW(r->files, d->nr_files + 1, r->files_alloc);
	f = &r->files[d->nr_files++];
	memset(f, 0, sizeof(*f));
	f->similarity = -1;
	f->text = r->text + start;
	return f;
}

static bool is_base85_line(const struct line *l)
{
	size_t i;

	if (l->len < 6 || !((l->p[0] >= 'A' && l->p[0] <= 'Z') ||
			    (l->p[0] >= 'a' && l->p[0] <= 'z')))
		return false;
	for (i = 1; i < l->len; i++) {
		unsigned char c = (unsigned char)l->p[i];

		if (c <= ' ' || c > '~' || c == '"' || c == '\'' || c == ',' ||
		    c == '.' || c == '/' || c == ':' || c == '[' || c == ']' ||
		    c == '\\')
			return false;
	}
	return true;
}

/* Skip the "literal N"/"delta N" blocks after "GIT binary patch". */
static void skip_binary_patch(struct reader *r)
{
	struct line l;

	while (peek(r, r->pos, &l)) {
		if (!(starts(&l, "literal ") || starts(&l, "delta ") ||
		      !l.len || is_base85_line(&l)))
			break;
		r->pos = l.next;
	}
}

static bool is_git_header(const struct line *l)
{
	static const char *const prefixes[] = {
		"old mode ",
		"new mode ",
		"deleted file mode ",
		"new file mode ",
		"rename from ",
		"rename to ",
		"rename old ",
		"rename new ",
		"copy from ",
		"copy to ",
		"similarity index ",
		"dissimilarity index ",
		"index ",
		"--- ",
		"Binary files ",
		"GIT binary patch",
	};
	size_t i;

	for (i = 0; i < PRV_ARRAY_SIZE(prefixes); i++)
		if (starts(l, prefixes[i]))
			return true;
	return false;
}

/* Extended header lines of a "diff --git" file, up to the first hunk. */
/*
 * One side of "--- a/x" / "+++ b/x": /dev/null marks a new or deleted
 * file (a git diff said so already); a rename or copy keeps its names.
 */
static void read_side_path(struct prv_file *f, const char **path, char *p,
			   unsigned null_flag, bool git)
{
	bool named = f->flags & (PRV_FILE_RENAME | PRV_FILE_COPY);

	if (!strcmp(p, "/dev/null")) {
		*path = NULL;
		if (!git)
			f->flags |= null_flag;
	} else if (!named || !*path) {
		*path = strip_prefix(p);
	}
}

/* "--- a/x" and "+++ b/x": the last header lines of a file */
static void read_old_new_paths(struct prv_arena *a, struct prv_file *f,
			       bool git, const struct line *l,
			       const struct line *n)
{
	read_side_path(f, &f->old_path,
		       read_path(a, l->p + 4, l->len - 4, false, true),
		       PRV_FILE_NEW, git);
	read_side_path(f, &f->new_path,
		       read_path(a, n->p + 4, n->len - 4, false, true),
		       PRV_FILE_DELETED, git);
}

/*
 * Blank lines a mailer put between git header lines: skip them when a
 * header line follows. Returns whether it skipped.
 */
static bool skip_blank_header_lines(struct reader *r, struct prv_file *f,
				    const struct line *l)
{
	size_t pos = l->next;
	struct line n;

	while (peek(r, pos, &n) && !rtrim_len(n.p, n.len))
		pos = n.next;
	if (!peek(r, pos, &n) || !is_git_header(&n))
		return false;
	if (!r->warned_garbage)
		prv_warn(r->w, NULL, r->message_id,
			 "diff: blank lines inside the header of '%s'",
			 prv_file_path(f));
	r->warned_garbage = true;
	r->pos = pos;
	return true;
}

/* "index OLD..NEW [MODE]" */
static void read_index_line(struct prv_arena *a, struct prv_file *f,
			    const char *v, size_t vl)
{
	const char *dots = memmem(v, vl, "..", 2);
	const char *e = v + vl, *sp;
	unsigned m;

	if (!dots)
		return;
	sp = memchr(dots, ' ', (size_t)(e - dots));
	f->old_oid = prv_arena_strndup(a, v, (size_t)(dots - v));
	f->new_oid = prv_arena_strndup(a, dots + 2,
				       (size_t)((sp ? sp : e) - dots - 2));
	if (!sp)
		return;
	m = parse_mode(sp + 1, (size_t)(e - sp - 1));
	if (!f->old_mode)
		f->old_mode = m;
	if (!f->new_mode)
		f->new_mode = m;
}

/* A mode, rename or copy line; false when @l is none of them. */
static bool read_name_line(struct prv_arena *a, struct prv_file *f,
			   const struct line *l)
{
	const char *v;
	size_t vl;

#define HDR(prefix)           \
	(starts(l, prefix) && \
	 ((v = l->p + strlen(prefix)), (vl = l->len - strlen(prefix)), 1))
	if (HDR("old mode ")) {
		f->old_mode = parse_mode(v, vl);
	} else if (HDR("new mode ")) {
		f->new_mode = parse_mode(v, vl);
	} else if (HDR("deleted file mode ")) {
		f->flags |= PRV_FILE_DELETED;
		f->old_mode = parse_mode(v, vl);
		f->new_path = NULL;
	} else if (HDR("new file mode ")) {
		f->flags |= PRV_FILE_NEW;
		f->new_mode = parse_mode(v, vl);
		f->old_path = NULL;
	} else if (HDR("rename from ") || HDR("rename old ")) {
		f->flags |= PRV_FILE_RENAME;
		f->old_path = read_path(a, v, vl, false, false);
	} else if (HDR("rename to ") || HDR("rename new ")) {
		f->flags |= PRV_FILE_RENAME;
		f->new_path = read_path(a, v, vl, false, false);
	} else if (HDR("copy from ")) {
		f->flags |= PRV_FILE_COPY;
		f->old_path = read_path(a, v, vl, false, false);
	} else if (HDR("copy to ")) {
		f->flags |= PRV_FILE_COPY;
		f->new_path = read_path(a, v, vl, false, false);
	} else {
		return false;
	}
#undef HDR
	return true;
}

enum header_step { HDR_NEXT, HDR_END, HDR_BINARY };

/* One git extended header line (mode, rename, index, binary). */
static enum header_step read_git_header(struct prv_arena *a, struct prv_file *f,
					const struct line *l)
{
	static const char *const sim[] = { "similarity index ",
					   "dissimilarity index " };

	if (read_name_line(a, f, l))
		return HDR_NEXT;
	for (size_t i = 0; i < 2; i++) {
		if (starts(l, sim[i])) {
			const char *v = l->p + strlen(sim[i]);

			f->similarity = (int)parse_num(&v, l->p + l->len);
			return HDR_NEXT;
		}
	}
	if (starts(l, "index ")) {
		read_index_line(a, f, l->p + 6, l->len - 6);
		return HDR_NEXT;
	}
	if (starts(l, "Binary files ")) {
		f->flags |= PRV_FILE_BINARY;
		return HDR_NEXT;
	}
	if (starts(l, "GIT binary patch")) {
		f->flags |= PRV_FILE_BINARY;
		return HDR_BINARY;
	}
	return HDR_END;
}

static void read_headers(struct reader *r, struct prv_file *f, bool git)
{
	struct line l, n;

	while (peek(r, r->pos, &l)) {
		if (starts(&l, "--- ") && peek(r, l.next, &n) &&
		    prv_starts_with(n.p, n.len, "+++ ")) {
			read_old_new_paths(r->a, f, git, &l, &n);
			r->pos = n.next;
			return;
		}
		if (!git)
			return;
		if (!rtrim_len(l.p, l.len)) {
			if (!skip_blank_header_lines(r, f, &l))
				return;
			continue;
		}
		switch (read_git_header(r->a, f, &l)) {
		case HDR_END:
			return;
		case HDR_BINARY:
			r->pos = l.next;
			skip_binary_patch(r);
			return;
		case HDR_NEXT:
			break;
		}
		r->pos = l.next;
	}
}

/* Lines other tools put between files: CVS/SVN headers, diff commands. */
static bool is_between_files(const struct line *l)
{
	return starts(l, "diff ") || starts(l, "Index: ") ||
	       starts(l, "=====") || starts(l, "RCS file: ") ||
	       starts(l, "retrieving revision ") || starts(l, "Only in ");
}

static void finish_file(struct reader *r, struct prv_file *f, size_t end)
{
	if (!f)
		return;
	f->text_len = (size_t)(r->text + end - f->text);
	if (f->old_mode && f->new_mode && f->old_mode != f->new_mode)
		f->flags |= PRV_FILE_MODE;
	r->out->added += f->added;
	r->out->removed += f->removed;
}

/* A copy of `nr` items of `size` bytes in the arena, or NULL for none. */
static void *arena_copy(struct prv_arena *a, const void *items, size_t nr,
			size_t size)
{
	void *p;

	if (!nr)
		return NULL;
	p = prv_arena_alloc(a, nr * size);
	memcpy(p, items, nr * size);
	return p;
}

static void read_hunks(struct reader *r, struct prv_file *f)
{
	struct line l;

	r->nr_hunks = 0;
	while (peek(r, r->pos, &l) && starts(&l, "@@ -")) {
		struct prv_hunk h;

		memset(&h, 0, sizeof(h));
		if (!parse_hunk_header(&h, r->a, &l)) {
			prv_warn(r->w, NULL, r->message_id,
				 "diff: bad hunk header '%.*s'",
				 (int)(l.len > 60 ? 60 : l.len), l.p);
			r->pos = l.next;
			continue;
		}
		r->pos = l.next;
		read_hunk(r, &h);
		PRV_ALLOC_GROW(r->hunks, r->nr_hunks + 1, r->hunks_alloc);
		r->hunks[r->nr_hunks++] = h;
		f->added += h.added;
		f->removed += h.removed;
	}
	f->hunks = arena_copy(r->a, r->hunks, r->nr_hunks, sizeof(*r->hunks));
	f->nr_hunks = r->nr_hunks;
}

int prv_diff_parse(struct prv_diff *out, struct prv_arena *a, const char *text,
		   size_t len, const char *message_id, struct prv_warnings *w)
{
	struct reader r = { .text = text,
			    .len = len,
			    .a = a,
			    .message_id = message_id,
			    .w = w,
			    .out = out };
	struct line l, n, h;

	memset(out, 0, sizeof(*out));
	while (peek(&r, r.pos, &l)) {
		struct prv_file *f;
		size_t start = r.pos;

		if (starts(&l, "diff --git ")) {
			f = new_file(&r, start);
			parse_git_line(f, a, l.p + 11, l.len - 11);
			r.pos = l.next;
			read_headers(&r, f, true);
		} else if (starts(&l, "--- ") && peek(&r, l.next, &n) &&
			   prv_starts_with(n.p, n.len, "+++ ") &&
			   peek(&r, n.next, &h) &&
			   prv_starts_with(h.p, h.len, "@@ -")) {
			f = new_file(&r, start);
			read_headers(&r, f, false);
		} else {
			/*
			 * Text before the first file is a preamble; a "-- "
			 * signature and what follows is expected; anything
			 * else between files is noted once.
			 */
			if (out->nr_files && l.len == 3 &&
			    !memcmp(l.p, "-- ", 3))
				break;
			if (out->nr_files && rtrim_len(l.p, l.len) &&
			    !is_between_files(&l))
				warn_garbage(&r, &l);
			r.pos = l.next;
			continue;
		}
		read_hunks(&r, f);
		finish_file(&r, f, r.pos);
	}
	out->files = arena_copy(a, r.files, out->nr_files, sizeof(*r.files));
	free(r.files);
	free(r.hunks);
	return 0;
}

const char *prv_file_path(const struct prv_file *f)
{
	if (f->new_path)
		return f->new_path;
	return f->old_path ? f->old_path : "";
}

/* A goto label or access specifier alone on its line: "out:", "err: // x". */
static bool is_label(const char *p, size_t len)
{
	size_t i = 0;

	while (i < len && (isalnum((unsigned char)p[i]) || p[i] == '_'))
		i++;
	if (i == 0 || i == len || p[i] != ':')
		return false;
	for (i++; i < len && isspace((unsigned char)p[i]); i++)
		;
	return i == len || (len - i >= 2 && p[i] == '/' &&
			    (p[i + 1] == '/' || p[i + 1] == '*'));
}

static bool is_func_line(const char *p, size_t len)
{
	if (!len || !(isalpha((unsigned char)*p) || *p == '_' || *p == '$'))
		return false;
	return !is_label(p, len);
}

const char *prv_hunk_func_at(const struct prv_hunk *h, size_t off, size_t *len)
{
	const char *p = h->body, *end = h->body, *func = NULL;
	size_t func_len = 0;
	char side = '+';

	if (p) {
		if (off > h->body_len)
			off = h->body_len;
		/* the line at `off` counts: a definition is in its function */
		end = p + off + prv_line_len(p + off, h->body_len - off);
		if (off < h->body_len && p[off] == '-')
			side = '-';
	}
	while (p < end) {
		size_t l = prv_line_len(p, (size_t)(end - p));

		if (l > 1 && (*p == ' ' || *p == side) &&
		    is_func_line(p + 1, l - 1)) {
			func = p + 1;
			func_len = rtrim_len(func, l - 1);
		}
		if (l >= (size_t)(end - p))
			break;
		p += l + 1;
	}
	if (func) {
		*len = func_len;
		return func;
	}
	if (h->func) {
		*len = strlen(h->func);
		return h->func;
	}
	*len = 0;
	return "";
}
