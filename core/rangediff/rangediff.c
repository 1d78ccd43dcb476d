// SPDX-License-Identifier: GPL-2.0-or-later
#include <git2.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/error.h"
#include "core/rangediff/lsa.h"
#include "core/rangediff/rangediff.h"
#include "core/base/util.h"

/* Cap on one normalised patch text: far above any real patch. */
#define NORMALIZED_MAX ((size_t)64 << 20)
/* git keeps at most this many bytes of a hunk's section name. */
#define SECTION_NAME_MAX 80
#define TAB_WIDTH 8
/*
 * Costs are not capped at PRV_LSA_FORBIDDEN (git does not cap them either:
 * a huge patch may cost more than a forbidden pair), only kept far from
 * overflowing an int.
 */
#define COST_CAP (1 << 28)
/*
 * Patches of both versions together: every pair of them is diffed and the
 * assignment is cubic in their number, so a pair of versions with
 * thousands of patches each would run for hours (and its cost matrix take
 * gigabytes). Far above any series sent to a list.
 */
#define PATCHES_MAX 2000

const unsigned prv_rangediff_change_bits[6] = {
	PRV_RD_AUTHOR, PRV_RD_MESSAGE, PRV_RD_TRAILERS,
	PRV_RD_DIFF,   PRV_RD_CONTEXT, PRV_RD_FILES,
};

const char *prv_rangediff_change_name(unsigned bit)
{
	switch (bit) {
	case PRV_RD_MESSAGE:
		return "message";
	case PRV_RD_TRAILERS:
		return "trailers";
	case PRV_RD_DIFF:
		return "diff";
	case PRV_RD_FILES:
		return "files";
	case PRV_RD_AUTHOR:
		return "author";
	case PRV_RD_CONTEXT:
		return "context";
	}
	return "unknown";
}

/* One patch as range-diff sees it. */
struct rd_patch {
	const struct prv_mail *mail;
	const struct prv_patch *patch;
	int index;
	struct prv_buf text; /* the whole normalised text */
	size_t diff_offset; /* where the diff part starts in text */
	int diffsize;
	struct prv_buf author, body, trailers, files; /* for classification */
	int matching; /* position in the other version, or -1 */
	bool shown;
	bool rewritten; /* paired by title and author past the factor */
	char id[8];
};

/*
 * Append one message line as git log --pretty=medium prints it and
 * range-diff keeps it: four spaces of indent, tabs expanded to the next
 * multiple of eight columns (counted from the start of the text), trailing
 * white space removed. A blank line stays empty.
 */
static int add_message_line(struct prv_buf *out, const char *s, size_t len)
{
	size_t start = out->len, col = 0, i;
	int err = prv_buf_add(out, "    ", 4);

	for (i = 0; i < len && !err; i++) {
		unsigned char c = s[i];

		if (c == '\t') {
			do {
				err |= prv_buf_addch(out, ' ');
				col++;
			} while (col % TAB_WIDTH);
			continue;
		}
		err |= prv_buf_addch(out, c);
		if ((c & 0xc0) != 0x80) /* count code points, not bytes */
			col++;
	}
	while (out->len > start && (out->data[out->len - 1] == ' ' ||
				    out->data[out->len - 1] == '\t' ||
				    out->data[out->len - 1] == '\r' ||
				    out->data[out->len - 1] == '\v' ||
				    out->data[out->len - 1] == '\f'))
		prv_buf_setlen(out, out->len - 1);
	err |= prv_buf_addch(out, '\n');
	return err ? PRV_ENOMEM : 0;
}

static bool blank_line(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' &&
		    s[i] != '\v' && s[i] != '\f')
			return false;
	return true;
}

/*
 * Append the lines of `text` as git am stores a message (git stripspace:
 * no leading or trailing blank lines, runs of blank lines made one), each
 * through add_message_line(). `pending_blank` carries a blank line over
 * from the previous call so that two calls read as one text.
 */
static int add_message_text(struct prv_buf *out, const char *text, size_t len,
			    bool *started, bool *pending_blank)
{
	size_t pos = 0;
	int err = 0;

	while (pos < len && !err) {
		size_t ll = prv_line_len(text + pos, len - pos);

		if (blank_line(text + pos, ll)) {
			if (*started)
				*pending_blank = true;
		} else {
			if (*pending_blank)
				err |= prv_buf_addch(out, '\n');
			*pending_blank = false;
			*started = true;
			err |= add_message_line(out, text + pos, ll);
		}
		pos += ll + (pos + ll < len);
	}
	return err ? PRV_ENOMEM : 0;
}

/* The " ## ... ##" header of a file section, without the markers. */
static int add_file_name(struct prv_buf *out, const struct prv_file *f)
{
	const char *oldp = f->old_path ? f->old_path : f->new_path;
	const char *newp = f->new_path ? f->new_path : f->old_path;
	int err = 0;

	if (!oldp)
		oldp = newp = "";
	if (f->flags & PRV_FILE_NEW)
		err |= prv_buf_addf(out, "%s (new)", newp);
	else if (f->flags & PRV_FILE_DELETED)
		err |= prv_buf_addf(out, "%s (deleted)", oldp);
	else if (f->flags & PRV_FILE_RENAME)
		err |= prv_buf_addf(out, "%s => %s", oldp, newp);
	else
		err |= prv_buf_addstr(out, newp);
	if (f->old_mode && f->new_mode && f->old_mode != f->new_mode)
		err |= prv_buf_addf(out, " (mode change %06o => %06o)",
				    f->old_mode, f->new_mode);
	return err ? PRV_ENOMEM : 0;
}

/*
 * A hunk header "@@ -a,b +c,d @@ func" becomes "@@ path: func", or "@@"
 * when nothing follows the second "@@".
 */
static int add_hunk_header(struct prv_buf *out, const struct prv_hunk *h,
			   const char *path)
{
	const char *s = h->header, *end = h->header + h->header_len, *p;
	int err = prv_buf_add(out, "@@", 2);

	while (end > s && (end[-1] == '\n' || end[-1] == '\r'))
		end--;
	p = NULL;
	if (end - s >= 3 && !memcmp(s, "@@ ", 3)) {
		for (p = s + 3; p + 1 < end; p++)
			if (p[0] == '@' && p[1] == '@')
				break;
		if (p + 1 >= end)
			p = NULL;
	}
	if (p && p + 2 < end) {
		err |= prv_buf_addf(out, " %s:", path);
		err |= prv_buf_add(out, p + 2, end - (p + 2));
	}
	err |= prv_buf_addch(out, '\n');
	return err ? PRV_ENOMEM : 0;
}

/*
 * Hunk body lines keep their marker; any other line (such as "\ No
 * newline at end of file") is shown as context, as git's parser does. An
 * empty line, which a mailer makes of a " " context line, is context too.
 */
static int add_hunk_body(struct prv_buf *out, int *diffsize,
			 const struct prv_hunk *h)
{
	const char *s = h->body;
	size_t len = h->body_len, pos = 0;
	int err = 0;

	while (pos < len && !err) {
		size_t ll = prv_line_len(s + pos, len - pos);

		if (ll == 0 ||
		    (s[pos] != '+' && s[pos] != '-' && s[pos] != ' '))
			err |= prv_buf_addch(out, ' ');
		err |= prv_buf_add(out, s + pos, ll);
		err |= prv_buf_addch(out, '\n');
		(*diffsize)++;
		pos += ll + (pos + ll < len);
	}
	return err ? PRV_ENOMEM : 0;
}

static int add_file(struct prv_buf *out, int *diffsize,
		    const struct prv_file *f)
{
	const char *path = f->flags & PRV_FILE_DELETED ?
				   (f->old_path ? f->old_path : "") :
				   (f->new_path ? f->new_path :
				    f->old_path ? f->old_path :
						  "");
	size_t i;
	int err = 0;

	err |= prv_buf_addstr(out, " ## ");
	err |= add_file_name(out, f);
	err |= prv_buf_addstr(out, " ##\n");
	(*diffsize)++;
	if ((f->flags & PRV_FILE_BINARY) && !f->nr_hunks) {
		/* What git log -p prints without --binary (and --no-prefix). */
		err |= prv_buf_addf(out, " Binary files %s and %s differ\n",
				    f->flags & PRV_FILE_NEW ? "/dev/null" :
				    f->old_path		    ? f->old_path :
							      path,
				    f->flags & PRV_FILE_DELETED ? "/dev/null" :
				    f->new_path			? f->new_path :
								  path);
		(*diffsize)++;
	}
	for (i = 0; i < f->nr_hunks && !err; i++) {
		err |= add_hunk_header(out, &f->hunks[i], path);
		(*diffsize)++;
		err |= add_hunk_body(out, diffsize, &f->hunks[i]);
	}
	return err ? PRV_ENOMEM : 0;
}

static int add_author(struct prv_buf *out, const struct prv_mail *m)
{
	const char *name = m->pm.author.name ? m->pm.author.name : "";
	const char *email = m->pm.author.email ? m->pm.author.email : "";

	return prv_buf_addf(out, "Author: %s <%s>", name, email);
}

/* Where the trailer block starts in the message, its length if none. */
static size_t trailer_block_offset(const struct prv_mail *m)
{
	if (!m->pm.nr_trailers || m->pm.trailer_block > m->pm.message_len)
		return m->pm.message_len;
	return m->pm.trailer_block;
}

int prv_rangediff_normalize(struct prv_buf *out, size_t *diff_offset,
			    int *diffsize, const struct prv_mail *m)
{
	const char *title = m->pm.title ? m->pm.title : "";
	const char *msg = m->pm.message ? m->pm.message : "";
	bool started = false, blank = false;
	int size = 0, err = 0;
	size_t i, offset = 0;

	err |= prv_buf_addstr(out, " ## Metadata ##\n");
	err |= add_author(out, m);
	err |= prv_buf_addstr(out, "\n\n ## Commit message ##\n");
	err |= add_message_text(out, title, strlen(title), &started, &blank);
	if (started)
		blank = true; /* the blank line after the title */
	err |= add_message_text(out, msg, m->pm.message_len, &started, &blank);
	for (i = 0; i < m->diff.nr_files && !err; i++) {
		err |= prv_buf_addch(out, '\n');
		if (i == 0)
			offset = out->len;
		err |= add_file(out, &size, &m->diff.files[i]);
	}
	if (!m->diff.nr_files)
		offset = out->len;
	if (err)
		return prv_error(PRV_ENOMEM, "normalised patch '%s' too large",
				 m->message_id ? m->message_id : "");
	if (diff_offset)
		*diff_offset = offset;
	if (diffsize)
		*diffsize = size;
	return 0;
}

static void short_id(char out[8], const struct prv_mail *m, const char *diff,
		     size_t len)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	if (m->patch_id[0]) {
		memcpy(out, m->patch_id, 7);
		out[7] = '\0';
		return;
	}
	/* No patch-id (no diff): a stable hash of the normalised diff. */
	for (i = 0; i < len; i++) {
		h ^= (unsigned char)diff[i];
		h *= 1099511628211ULL;
	}
	snprintf(out, 8, "%07llx", (unsigned long long)(h & 0xfffffffULL));
}

static int file_list_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int rd_patch_prepare(struct rd_patch *p, const struct prv_mail *m)
{
	const char *msg = m->pm.message ? m->pm.message : "";
	const char *title = m->pm.title ? m->pm.title : "";
	size_t tb = trailer_block_offset(m), i;
	bool started = false, blank = false;
	const char **names = NULL;
	int err;

	p->mail = m;
	p->matching = -1;
	p->text.max = NORMALIZED_MAX;
	err = prv_rangediff_normalize(&p->text, &p->diff_offset, &p->diffsize,
				      m);
	if (err)
		return err;
	short_id(p->id, m, p->text.data + p->diff_offset,
		 p->text.len - p->diff_offset);

	err |= add_author(&p->author, m);
	err |= add_message_text(&p->body, title, strlen(title), &started,
				&blank);
	blank = started;
	err |= add_message_text(&p->body, msg, tb, &started, &blank);
	started = false;
	blank = false;
	err |= add_message_text(&p->trailers, msg + tb, m->pm.message_len - tb,
				&started, &blank);

	/* The set of files: section names, sorted. */
	if (m->diff.nr_files) {
		struct prv_buf one = PRV_BUF_INIT;

		names = prv_xcalloc(m->diff.nr_files, sizeof(*names));
		for (i = 0; i < m->diff.nr_files; i++) {
			prv_buf_reset(&one);
			err |= add_file_name(&one, &m->diff.files[i]);
			names[i] = prv_xstrdup(one.data);
		}
		prv_buf_release(&one);
		qsort(names, m->diff.nr_files, sizeof(*names), file_list_cmp);
		for (i = 0; i < m->diff.nr_files; i++) {
			err |= prv_buf_addstr(&p->files, names[i]);
			err |= prv_buf_addch(&p->files, '\n');
			free((char *)names[i]);
		}
		free(names);
	}
	return err ? prv_error(PRV_ENOMEM, "patch '%s' too large",
			       m->message_id ? m->message_id : "") :
		     0;
}

static void rd_patch_release(struct rd_patch *p)
{
	prv_buf_release(&p->text);
	prv_buf_release(&p->author);
	prv_buf_release(&p->body);
	prv_buf_release(&p->trailers);
	prv_buf_release(&p->files);
}

static bool buf_eq(const struct prv_buf *a, const struct prv_buf *b)
{
	return a->len == b->len && !memcmp(a->data, b->data, a->len);
}

static const char *diff_part(const struct rd_patch *p, size_t *len)
{
	*len = p->text.len - p->diff_offset;
	return p->text.data + p->diff_offset;
}

static bool same_diff(const struct rd_patch *a, const struct rd_patch *b)
{
	size_t alen, blen;
	const char *da = diff_part(a, &alen), *db = diff_part(b, &blen);

	return alen == blen && !memcmp(da, db, alen);
}

/*
 * Pair identical diff parts at no cost. Like git, each new patch takes the
 * last still unpaired old patch with the same diff.
 */
static void find_exact_matches(struct rd_patch *a, size_t na,
			       struct rd_patch *b, size_t nb)
{
	size_t i, j;

	/*
	 * A patch filled in from the old version (partial reroll) is the
	 * very same mail: it pairs with itself before anything else.
	 */
	for (j = 0; j < nb; j++) {
		for (i = 0; i < na; i++) {
			if (a[i].matching >= 0 || a[i].mail != b[j].mail)
				continue;
			a[i].matching = (int)j;
			b[j].matching = (int)i;
			break;
		}
	}
	for (j = 0; j < nb; j++) {
		if (b[j].matching >= 0)
			continue;
		for (i = na; i-- > 0;) {
			if (a[i].matching >= 0 || !same_diff(&a[i], &b[j]))
				continue;
			a[i].matching = (int)j;
			b[j].matching = (int)i;
			break;
		}
	}
}

static const char *title_of(const struct rd_patch *p)
{
	if (p->mail->pm.title)
		return p->mail->pm.title;
	return p->mail->subj.title ? p->mail->subj.title : "";
}

static void match(struct rd_patch *a, size_t i, struct rd_patch *b, size_t j)
{
	a[i].matching = (int)j;
	b[j].matching = (int)i;
}

/*
 * Past the cap, without the costs: each new patch takes the first free
 * old one of the same title, then a retitled patch the old one at its
 * position with the same set of files.
 */
static void pair_capped(struct rd_patch *a, size_t na, struct rd_patch *b,
			size_t nb)
{
	size_t i, j;

	for (j = 0; j < nb; j++)
		for (i = 0; i < na && b[j].matching < 0; i++)
			if (a[i].matching < 0 &&
			    !strcmp(title_of(&a[i]), title_of(&b[j])))
				match(a, i, b, j);
	for (j = 0; j < nb; j++)
		for (i = 0; i < na && b[j].matching < 0; i++)
			if (a[i].matching < 0 && a[i].index == b[j].index &&
			    buf_eq(&a[i].files, &b[j].files))
				match(a, i, b, j);
}

/* No other patch of the version has p's title. */
static bool title_unique(const struct rd_patch *v, size_t n,
			 const struct rd_patch *p)
{
	const char *t = title_of(p);
	size_t i;

	if (!*t)
		return false;
	for (i = 0; i < n; i++)
		if (&v[i] != p && !strcmp(title_of(&v[i]), t))
			return false;
	return true;
}

/*
 * A patch rewritten past the creation factor (a selftest reworked from
 * three files into two) is still the same patch when its title and author
 * stayed and no other patch of either version has that title.
 */
static void pair_rewritten(struct rd_patch *a, size_t na, struct rd_patch *b,
			   size_t nb)
{
	size_t i, j;

	for (j = 0; j < nb; j++) {
		if (b[j].matching >= 0 || !title_unique(b, nb, &b[j]))
			continue;
		for (i = 0; i < na; i++) {
			if (a[i].matching >= 0 ||
			    strcmp(title_of(&a[i]), title_of(&b[j])) ||
			    !buf_eq(&a[i].author, &b[j].author) ||
			    !title_unique(a, na, &a[i]))
				continue;
			match(a, i, b, j);
			b[j].rewritten = true;
			break;
		}
	}
}

/* Number of lines a 3-line context diff of the two texts prints. */
static int diff_cost(const char *a, size_t alen, const char *b, size_t blen)
{
	git_diff_options o;
	git_patch *patch = NULL;
	size_t h, nh;
	long long cost = 0;

	git_diff_options_init(&o, GIT_DIFF_OPTIONS_VERSION);
	o.context_lines = 3;
	o.interhunk_lines = 0;
	o.flags = GIT_DIFF_FORCE_TEXT;
	if (git_patch_from_buffers(&patch, a, alen, "a", b, blen, "b", &o) < 0)
		return PRV_LSA_FORBIDDEN;
	nh = git_patch_num_hunks(patch);
	for (h = 0; h < nh; h++) {
		int lines = git_patch_num_lines_in_hunk(patch, h);

		cost += 1 + (lines > 0 ? lines : 0);
	}
	git_patch_free(patch);
	return cost < COST_CAP ? (int)cost : COST_CAP;
}

static int scaled(int diffsize, int factor)
{
	long long c = (long long)diffsize * factor / 100;

	return c < COST_CAP ? (int)c : COST_CAP;
}

/*
 * The assignment over (na + nb) x (na + nb): rows are new patches then
 * "deleted" dummies, columns old patches then "created" dummies, laid out
 * as git lays out its matrix so that equal costs break the same way.
 */
static void get_correspondences(struct rd_patch *a, size_t na,
				struct rd_patch *b, size_t nb, int factor)
{
	size_t n = na + nb, i, j;
	int *cost, *a2b, *b2a;

	if (!n)
		return;
	cost = prv_xmalloc(n * n * sizeof(*cost));
	a2b = prv_xmalloc(n * sizeof(*a2b));
	b2a = prv_xmalloc(n * sizeof(*b2a));
	for (i = 0; i < na; i++) {
		int c;

		for (j = 0; j < nb; j++) {
			if (a[i].matching == (int)j) {
				c = 0;
			} else if (a[i].matching < 0 && b[j].matching < 0) {
				size_t alen, blen;
				const char *da = diff_part(&a[i], &alen);
				const char *db = diff_part(&b[j], &blen);

				c = diff_cost(da, alen, db, blen);
			} else {
				c = PRV_LSA_FORBIDDEN;
			}
			cost[i + n * j] = c;
		}
		c = a[i].matching < 0 ? scaled(a[i].diffsize, factor) :
					PRV_LSA_FORBIDDEN;
		for (j = nb; j < n; j++)
			cost[i + n * j] = c;
	}
	for (j = 0; j < nb; j++) {
		int c = b[j].matching < 0 ? scaled(b[j].diffsize, factor) :
					    PRV_LSA_FORBIDDEN;

		for (i = na; i < n; i++)
			cost[i + n * j] = c;
	}
	for (i = na; i < n; i++)
		for (j = nb; j < n; j++)
			cost[i + n * j] = 0;

	prv_lsa_solve(b2a, a2b, cost, (int)n, (int)n);
	for (i = 0; i < na; i++) {
		if (a2b[i] >= 0 && (size_t)a2b[i] < nb) {
			a[i].matching = a2b[i];
			b[a2b[i]].matching = (int)i;
		}
	}
	free(cost);
	free(a2b);
	free(b2a);
}

/* Section names of a normalised text, per line, as git's funcname finds. */
static size_t section_name(const char *line, size_t len, const char **name)
{
	size_t n;

	if (len >= 7 && !memcmp(line, " ## ", 4) &&
	    !memcmp(line + len - 3, " ##", 3)) {
		*name = line + 4;
		n = len - 7;
	} else if (len >= 3 && !memcmp(line, "@@ ", 3)) {
		*name = line + 3;
		n = len - 3;
	} else if (len >= 4 && !memcmp(line + 1, "@@ ", 3) && line[0] != '\n') {
		*name = line + 4;
		n = len - 4;
	} else {
		return (size_t)-1;
	}
	if (n > SECTION_NAME_MAX)
		n = SECTION_NAME_MAX;
	while (n > 0 && (unsigned char)(*name)[n - 1] <= ' ' &&
	       ((*name)[n - 1] == ' ' || (*name)[n - 1] == '\t' ||
		(*name)[n - 1] == '\r' || (*name)[n - 1] == '\v' ||
		(*name)[n - 1] == '\f'))
		n--;
	return n;
}

struct line_index {
	const char **start;
	size_t *len;
	long *section; /* line of the last section header at or before */
	size_t nr;
};

static void line_index_build(struct line_index *li, const char *s, size_t len)
{
	size_t pos = 0, nr = 0, alloc = 0;
	long last = -1;

	memset(li, 0, sizeof(*li));
	while (pos < len) {
		size_t ll = prv_line_len(s + pos, len - pos);
		const char *name;

		PRV_ALLOC_GROW(li->start, nr + 1, alloc);
		li->len = prv_xrealloc(li->len, alloc * sizeof(*li->len));
		li->section =
			prv_xrealloc(li->section, alloc * sizeof(*li->section));
		li->start[nr] = s + pos;
		li->len[nr] = ll;
		if (section_name(s + pos, ll, &name) != (size_t)-1)
			last = (long)nr;
		li->section[nr] = last;
		nr++;
		pos += ll + 1;
	}
	li->nr = nr;
}

static void line_index_release(struct line_index *li)
{
	free(li->start);
	free(li->len);
	free(li->section);
}

/*
 * The diff of two normalised texts as range-diff shows it: hunks with 3
 * lines of context, each header "@@" followed by the section the hunk is
 * in (the last section line before it in the old text).
 */
static int inner_diff(char **out, size_t *out_len, const struct prv_buf *a,
		      const struct prv_buf *b)
{
	git_diff_options o;
	struct prv_buf res = PRV_BUF_INIT;
	struct line_index li;
	git_patch *patch = NULL;
	size_t h, nh;
	int err = 0;

	git_diff_options_init(&o, GIT_DIFF_OPTIONS_VERSION);
	o.context_lines = 3;
	o.interhunk_lines = 0;
	o.flags = GIT_DIFF_FORCE_TEXT | GIT_DIFF_INDENT_HEURISTIC;
	res.max = NORMALIZED_MAX;
	if (git_patch_from_buffers(&patch, a->data, a->len, "a", b->data,
				   b->len, "b", &o) < 0) {
		*out = prv_xstrdup("");
		*out_len = 0;
		return prv_error(PRV_ERROR, "could not diff two patches");
	}
	line_index_build(&li, a->data, a->len);
	nh = git_patch_num_hunks(patch);
	for (h = 0; h < nh && !err; h++) {
		const git_diff_hunk *hunk;
		size_t nl, l;
		long s1, sec;

		if (git_patch_get_hunk(&hunk, &nl, patch, h) < 0)
			break;
		s1 = hunk->old_lines ? hunk->old_start - 1 : hunk->old_start;
		sec = s1 > 0 && (size_t)(s1 - 1) < li.nr ? li.section[s1 - 1] :
							   -1;
		err |= prv_buf_add(&res, "@@", 2);
		if (sec >= 0) {
			const char *name;
			size_t n =
				section_name(li.start[sec], li.len[sec], &name);

			if (n && n != (size_t)-1) {
				err |= prv_buf_addch(&res, ' ');
				err |= prv_buf_add(&res, name, n);
			}
		}
		err |= prv_buf_addch(&res, '\n');
		for (l = 0; l < nl && !err; l++) {
			const git_diff_line *line;

			if (git_patch_get_line_in_hunk(&line, patch, h, l) < 0)
				break;
			if (line->origin != '+' && line->origin != '-' &&
			    line->origin != ' ') {
				err |= prv_buf_addstr(
					&res, "\\ No newline at end of file\n");
				continue;
			}
			err |= prv_buf_addch(&res, line->origin);
			err |= prv_buf_add(&res, line->content,
					   line->content_len);
			if (!line->content_len ||
			    line->content[line->content_len - 1] != '\n')
				err |= prv_buf_addch(&res, '\n');
		}
	}
	line_index_release(&li);
	git_patch_free(patch);
	*out = prv_buf_detach(&res, out_len);
	return err ? prv_error(PRV_ENOMEM, "inner diff too large") : 0;
}

/*
 * The code a patch changes: its file headers and its added and removed
 * lines, without context lines and hunk headers.
 */
/* An added or removed line with nothing but white space: no code. */
static bool blank_change(const char *s, size_t ll)
{
	size_t i;

	for (i = 1; i < ll; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	return true;
}

static int changed_lines(struct prv_buf *out, const struct rd_patch *p)
{
	size_t len, pos = 0;
	const char *s = diff_part(p, &len);
	int err = 0;

	out->max = NORMALIZED_MAX;
	while (pos < len && !err) {
		size_t ll = prv_line_len(s + pos, len - pos);

		if ((ll && (s[pos] == '+' || s[pos] == '-') &&
		     !blank_change(s + pos, ll)) ||
		    (ll >= 7 && !memcmp(s + pos, " ## ", 4) &&
		     !memcmp(s + pos + ll - 3, " ##", 3)))
			err = prv_buf_add(out, s + pos, ll + (pos + ll < len));
		pos += ll + 1;
	}
	return err;
}

/*
 * Whether a changed line holds a comment only: "/" "*" or "//" opening it,
 * "*" then a space, "/" or nothing (a block comment's inner line; "*len =
 * 0;" is code), or outside C sources a shell or Python "# " comment
 * ("#include", and "# define" in C, are code).
 */
static bool comment_line(const char *s, size_t ll, bool c_source)
{
	size_t i = 1;

	while (i < ll && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i + 1 < ll && s[i] == '/' && (s[i + 1] == '*' || s[i + 1] == '/'))
		return true;
	if (i < ll && s[i] == '*')
		return i + 1 == ll || s[i + 1] == ' ' || s[i + 1] == '\t' ||
		       s[i + 1] == '/';
	return !c_source && i < ll && s[i] == '#' &&
	       (i + 1 == ll || s[i + 1] == ' ' || s[i + 1] == '\t');
}

/* Whether a " ## path ##" section line names a C source or header. */
static bool c_section(const char *s, size_t ll)
{
	size_t n = ll >= 3 ? ll - 3 : 0; /* without " ##" */

	return n >= 2 && s[n - 2] == '.' &&
	       (s[n - 1] == 'c' || s[n - 1] == 'h' || s[n - 1] == 'S');
}

/* The lines of `in` (changed lines) that are not comments. */
static int code_lines(struct prv_buf *out, const struct prv_buf *in)
{
	size_t pos = 0;
	bool c_source = true;
	int err = 0;

	out->max = NORMALIZED_MAX;
	while (pos < in->len && !err) {
		const char *l = in->data + pos;
		size_t ll = prv_line_len(l, in->len - pos);

		if (ll >= 4 && !memcmp(l, " ## ", 4))
			c_source = c_section(l, ll);
		if (l[0] == ' ' || !comment_line(l, ll, c_source))
			err = prv_buf_add(out, l, ll + (pos + ll < in->len));
		pos += ll + 1;
	}
	return err;
}

/* Whether two sets of changed lines differ in comments only. */
static bool differ_in_comments(const struct prv_buf *x, const struct prv_buf *y)
{
	struct prv_buf cx = PRV_BUF_INIT, cy = PRV_BUF_INIT;
	bool same = !code_lines(&cx, x) && !code_lines(&cy, y) &&
		    buf_eq(&cx, &cy);

	prv_buf_release(&cx);
	prv_buf_release(&cy);
	return same;
}

/* Lines added and removed between the changed lines of two patches. */
static void count_lines(struct prv_rangediff_pair *p, const struct prv_buf *x,
			const struct prv_buf *y)
{
	git_diff_options o;
	git_patch *patch = NULL;
	size_t context, added, removed;

	git_diff_options_init(&o, GIT_DIFF_OPTIONS_VERSION);
	o.context_lines = 0;
	o.flags = GIT_DIFF_FORCE_TEXT;
	if (git_patch_from_buffers(&patch, x->data, x->len, "a", y->data,
				   y->len, "b", &o) < 0)
		return;
	if (!git_patch_line_stats(&context, &added, &removed, patch)) {
		p->lines_added = added > INT_MAX ? INT_MAX : (int)added;
		p->lines_removed = removed > INT_MAX ? INT_MAX : (int)removed;
	}
	git_patch_free(patch);
}

/*
 * A diff that differs only in context lines, hunk headers or lines of
 * white space added or removed (a blank line a rebase's merge took with
 * it) is a rebase (PRV_RD_CONTEXT); otherwise the code changed
 * (PRV_RD_DIFF), by so many lines.
 */
static unsigned classify_diff(struct prv_rangediff_pair *p,
			      const struct rd_patch *a,
			      const struct rd_patch *b)
{
	struct prv_buf x = PRV_BUF_INIT, y = PRV_BUF_INIT;
	unsigned c = PRV_RD_DIFF;

	if (same_diff(a, b))
		return 0;
	if (!changed_lines(&x, a) && !changed_lines(&y, b)) {
		if (buf_eq(&x, &y)) {
			c = PRV_RD_CONTEXT;
		} else {
			count_lines(p, &x, &y);
			p->comments_only = differ_in_comments(&x, &y);
		}
	}
	prv_buf_release(&x);
	prv_buf_release(&y);
	return c;
}

static unsigned classify(struct prv_rangediff_pair *p, const struct rd_patch *a,
			 const struct rd_patch *b)
{
	unsigned c = 0;

	if (!buf_eq(&a->author, &b->author))
		c |= PRV_RD_AUTHOR;
	if (!buf_eq(&a->body, &b->body))
		c |= PRV_RD_MESSAGE;
	if (!buf_eq(&a->trailers, &b->trailers))
		c |= PRV_RD_TRAILERS;
	c |= classify_diff(p, a, b);
	if (!buf_eq(&a->files, &b->files))
		c |= PRV_RD_FILES;
	return c;
}

static int decimal_width(long v)
{
	int w = 1;

	while (v >= 10) {
		v /= 10;
		w++;
	}
	return w;
}

static int add_pair(struct prv_rangediff *rd, size_t *alloc,
		    const struct rd_patch *a, const struct rd_patch *b,
		    const struct prv_rangediff_opts *opts)
{
	struct prv_rangediff_pair *p;
	int err = 0;

	PRV_ALLOC_GROW(rd->pairs, rd->nr_pairs + 1, *alloc);
	p = &rd->pairs[rd->nr_pairs++];
	memset(p, 0, sizeof(*p));
	if (a) {
		p->old = a->index;
		p->old_patch = a->patch;
		memcpy(p->old_id, a->id, sizeof(p->old_id));
	}
	if (b) {
		p->new = b->index;
		p->new_patch = b->patch;
		memcpy(p->new_id, b->id, sizeof(p->new_id));
	}
	if (!b) {
		p->status = '<';
		rd->nr_dropped++;
	} else if (!a) {
		p->status = '>';
		rd->nr_added++;
	} else if (!buf_eq(&a->text, &b->text)) {
		p->status = '!';
		p->changed = classify(p, a, b);
		/* paired by title past the factor: a rebase is no rewrite */
		p->rewritten = b->rewritten && (p->changed & PRV_RD_DIFF);
		rd->nr_changed++;
	} else {
		p->status = '=';
		rd->nr_equal++;
	}
	if (p->status == '!' && !opts->no_patch)
		err = inner_diff(&p->inner_diff, &p->inner_diff_len, &a->text,
				 &b->text);
	else
		p->inner_diff = prv_xstrdup("");
	return err;
}

/* Walk the new version in order, placing dropped patches as git does. */
static int output_pairs(struct prv_rangediff *rd, struct rd_patch *a, size_t na,
			struct rd_patch *b, size_t nb,
			const struct prv_rangediff_opts *opts)
{
	size_t i = 0, j = 0, alloc = 0;
	int err = 0;

	while ((i < na || j < nb) && !err) {
		while (i < na && a[i].shown)
			i++;
		if (i < na && a[i].matching < 0) {
			err = add_pair(rd, &alloc, &a[i], NULL, opts);
			i++;
			continue;
		}
		while (j < nb && b[j].matching < 0) {
			err |= add_pair(rd, &alloc, NULL, &b[j], opts);
			j++;
		}
		if (j < nb) {
			struct rd_patch *partner = &a[b[j].matching];

			err |= add_pair(rd, &alloc, partner, &b[j], opts);
			partner->shown = true;
			j++;
		}
	}
	return err;
}

void prv_rangediff_init(struct prv_rangediff *rd)
{
	memset(rd, 0, sizeof(*rd));
}

void prv_rangediff_release(struct prv_rangediff *rd)
{
	size_t i;

	for (i = 0; i < rd->nr_pairs; i++)
		free(rd->pairs[i].inner_diff);
	free(rd->pairs);
	prv_rangediff_init(rd);
}

static int rangediff(struct prv_rangediff *out, struct rd_patch *a, size_t na,
		     struct rd_patch *b, size_t nb,
		     const struct prv_rangediff_opts *opts, bool capped)
{
	size_t i;
	int err = 0, max_index = 0;

	find_exact_matches(a, na, b, nb);
	if (capped) {
		pair_capped(a, na, b, nb);
	} else {
		get_correspondences(a, na, b, nb, opts->creation_factor);
		pair_rewritten(a, na, b, nb);
	}
	err = output_pairs(out, a, na, b, nb, opts);
	for (i = 0; i < na; i++)
		if (a[i].index > max_index)
			max_index = a[i].index;
	for (i = 0; i < nb; i++)
		if (b[i].index > max_index)
			max_index = b[i].index;
	out->width = decimal_width(1 + (long)(na > nb ? na : nb));
	if (decimal_width(max_index) > out->width)
		out->width = decimal_width(max_index);
	if (err)
		prv_rangediff_release(out);
	return err;
}

/*
 * Normalise every patch. With `keep_going`, a patch past the cap keeps the
 * text up to it (the fallback pairing needs no exact costs).
 */
static int prepare_all(struct rd_patch *p, const struct prv_mail *const *m,
		       const int *index, size_t nr, bool keep_going)
{
	size_t i;
	int err;

	for (i = 0; i < nr; i++) {
		prv_buf_init(&p[i].text);
		prv_buf_init(&p[i].author);
		prv_buf_init(&p[i].body);
		prv_buf_init(&p[i].trailers);
		prv_buf_init(&p[i].files);
	}
	for (i = 0; i < nr; i++) {
		p[i].index = index ? index[i] : (int)i + 1;
		err = rd_patch_prepare(&p[i], m[i]);
		if (err && !keep_going)
			return err;
	}
	return 0;
}

static void release_all(struct rd_patch *p, size_t nr)
{
	size_t i;

	for (i = 0; i < nr; i++)
		rd_patch_release(&p[i]);
	free(p);
}

int prv_rangediff_mails(struct prv_rangediff *out,
			const struct prv_mail *const *old, const int *old_index,
			size_t nr_old, const struct prv_mail *const *new,
			const int *new_index, size_t nr_new,
			const struct prv_rangediff_opts *opts)
{
	const struct prv_rangediff_opts def = PRV_RANGEDIFF_OPTS_INIT;
	struct rd_patch *a, *b;
	bool capped;
	int err;

	prv_rangediff_init(out);
	if (!opts)
		opts = &def;
	if (opts->creation_factor < 0 || opts->creation_factor > 100000)
		return prv_error(PRV_EUSAGE, "bad creation factor %d",
				 opts->creation_factor);
	capped = nr_old > PATCHES_MAX || nr_new > PATCHES_MAX - nr_old;
	if (capped && !opts->fallback)
		return prv_error(PRV_ENOMEM,
				 "too many patches to compare: %zu and %zu "
				 "(at most %d in all)",
				 nr_old, nr_new, PATCHES_MAX);
	a = prv_xcalloc(nr_old + 1, sizeof(*a));
	b = prv_xcalloc(nr_new + 1, sizeof(*b));
	err = prepare_all(a, old, old_index, nr_old, opts->fallback);
	if (!err)
		err = prepare_all(b, new, new_index, nr_new, opts->fallback);
	if (!err)
		err = rangediff(out, a, nr_old, b, nr_new, opts, capped);
	release_all(a, nr_old);
	release_all(b, nr_new);
	return err;
}

static void version_mails(const struct prv_version *v,
			  const struct prv_mail ***mails, int **index)
{
	size_t i;

	*mails = prv_xcalloc(v->nr_patches + 1, sizeof(**mails));
	*index = prv_xcalloc(v->nr_patches + 1, sizeof(**index));
	for (i = 0; i < v->nr_patches; i++) {
		(*mails)[i] = v->patches[i].mail;
		(*index)[i] = v->patches[i].index;
	}
}

static const struct prv_patch *find_patch(const struct prv_version *v, int k)
{
	size_t i;

	for (i = 0; i < v->nr_patches; i++)
		if (v->patches[i].index == k)
			return &v->patches[i];
	return NULL;
}

int prv_rangediff_versions(struct prv_rangediff *out,
			   const struct prv_version *old,
			   const struct prv_version *new,
			   const struct prv_rangediff_opts *opts)
{
	const struct prv_mail **om, **nm;
	int *oi, *ni, err;
	size_t i;

	version_mails(old, &om, &oi);
	version_mails(new, &nm, &ni);
	err = prv_rangediff_mails(out, om, oi, old->nr_patches, nm, ni,
				  new->nr_patches, opts);
	free(om);
	free(oi);
	free(nm);
	free(ni);
	if (err)
		return err;
	out->old_version = old->version;
	out->new_version = new->version;
	/* Tie pairs back to the patches (indexes are unique in a version). */
	for (i = 0; i < out->nr_pairs; i++) {
		struct prv_rangediff_pair *p = &out->pairs[i];

		p->old_patch = p->old ? find_patch(old, p->old) : NULL;
		p->new_patch = p->new ? find_patch(new, p->new) : NULL;
		if (p->new_patch && p->new_patch->filled_in)
			out->filled_in = true;
	}
	return 0;
}
