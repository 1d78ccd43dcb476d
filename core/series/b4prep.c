// SPDX-License-Identifier: GPL-2.0-or-later
/* A b4 prep branch read as the mails b4 send would send (see b4prep.h). */
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/base/buf.h"
#include "core/base/error.h"
#include "core/base/gitrepo.h"
#include "core/base/util.h"
#include "core/series/b4prep.h"
#include "core/series/b4track.h"

#define MAGIC "--- b4-submit-tracking ---"
#define SENT_PREFIX "sent/"
#define MSGID_HOST "b4-prep.invalid"

/* What one version is made of, as read from the repository. */
struct prep_version {
	int revision;
	git_commit **commits; /* the patches, oldest first */
	size_t nr;
	const char *cover; /* cover text: title line, blank line, body */
	git_signature *sender; /* who sends it: the cover commit's author */
	long long date;
};

struct prep_ctx {
	git_repository *repo;
	struct prv_input *in;
	struct prv_b4track track;
	const char *branch; /* short name */
	const char *source; /* "branch b4/foo", for messages */
	char base_hex[GIT_OID_HEXSZ + 1];
};

static const char *git_reason(void)
{
	const git_error *e = git_error_last();

	return e && e->message ? e->message : "unknown error";
}

static void free_commits(git_commit **c, size_t nr)
{
	size_t i;

	for (i = 0; i < nr; i++)
		git_commit_free(c[i]);
	free(c);
}

/* The branch named `name` ("foo" finds b4's "b4/foo"), or the current one. */
static int find_branch(struct prep_ctx *x, git_reference **ref,
		       const char *name)
{
	char b4name[300];

	if (!name) {
		if (git_repository_head_detached(x->repo) == 1 ||
		    git_repository_head(ref, x->repo) ||
		    !git_reference_is_branch(*ref))
			return prv_error(PRV_ENOTFOUND,
					 "not on a branch: name the b4 prep "
					 "branch (--branch NAME)");
	} else if (git_branch_lookup(ref, x->repo, name, GIT_BRANCH_LOCAL)) {
		snprintf(b4name, sizeof(b4name), "b4/%s", name);
		if (strlen(name) > 250 ||
		    git_branch_lookup(ref, x->repo, b4name, GIT_BRANCH_LOCAL))
			return prv_error(PRV_ENOTFOUND, "no branch '%s'", name);
	}
	x->branch =
		prv_arena_strdup(&x->in->arena, git_reference_shorthand(*ref));
	x->source = prv_arena_printf(&x->in->arena, "branch %s", x->branch);
	return 0;
}

/* Read the tracking data after the MAGIC line of the cover's message. */
static int read_tracking(struct prep_ctx *x, const char *at, const git_oid *id)
{
	const char *json = strchr(at, '{');
	char hex[13];
	const char *what;
	int err;

	git_oid_tostr(hex, sizeof(hex), id);
	what = prv_arena_printf(&x->in->arena,
				"the cover letter commit %s of %s", hex,
				x->source);
	if (!json)
		return prv_error(PRV_EPARSE,
				 "could not parse %s: no tracking data", what);
	err = prv_b4track_parse(&x->track, &x->in->arena, json, strlen(json),
				what);
	if (!err && (!x->track.change_id || x->track.revision < 1))
		err = prv_error(PRV_EPARSE,
				"could not parse %s: no change-id or revision",
				what);
	return err;
}

/*
 * The cover text as b4 sends it: everything before the MAGIC line, with
 * `comments` (the cover commit; a sent tag has them dropped already)
 * comment lines ("# ...") dropped and ">#" unescaped; runs of blank lines
 * made one.
 */
static const char *cover_text(struct prv_arena *a, const char *msg, size_t len,
			      bool comments)
{
	struct prv_buf b = PRV_BUF_INIT;
	const char *p = msg, *end = msg + len, *nl;
	const char *out;
	bool blank = true;
	size_t l;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		l = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (comments && l && *p == '#') {
			p += l + 1;
			continue;
		}
		if (comments && l >= 2 && p[0] == '>' && p[1] == '#') {
			p++;
			l--;
		}
		if (!l && blank) {
			p += l + 1;
			continue;
		}
		blank = !l;
		prv_buf_add(&b, p, l);
		prv_buf_addch(&b, '\n');
		p += l + 1;
	}
	prv_buf_rtrim(&b);
	out = prv_arena_strdup(a, b.data ? b.data : "");
	prv_buf_release(&b);
	return out;
}

static bool is_cover_commit(const git_commit *c)
{
	const char *m = git_commit_message(c);

	return m && (!strncmp(m, MAGIC "\n", sizeof(MAGIC)) ||
		     strstr(m, "\n" MAGIC "\n"));
}

static void push_commit(git_commit ***v, size_t *nr, size_t *alloc,
			git_commit *c)
{
	PRV_ALLOC_GROW(*v, *nr + 1, *alloc);
	(*v)[(*nr)++] = c;
}

/* Reverse the first-parent walk into oldest-first order. */
static void reverse(git_commit **v, size_t nr)
{
	size_t i;

	for (i = 0; i < nr / 2; i++) {
		git_commit *t = v[i];

		v[i] = v[nr - 1 - i];
		v[nr - 1 - i] = t;
	}
}

/*
 * Walk first parents from `from` down to `stop` (excluded; none taken when
 * it is not met) or, with no `stop`, down to a commit whose message holds
 * b4's tracking data, returned in *cover. Merges are left out of the
 * patches, as git format-patch leaves them.
 */
static int walk(struct prep_ctx *x, const git_oid *from, const git_oid *stop,
		struct prep_version *v, git_commit **cover)
{
	git_commit *c = NULL;
	size_t alloc = 0, n;
	git_oid id = *from;
	bool reached = false;

	for (n = 0; n < PRV_B4PREP_COMMITS_MAX; n++) {
		reached = stop && git_oid_equal(&id, stop);
		if (reached || git_commit_lookup(&c, x->repo, &id)) {
			c = NULL;
			break;
		}
		if (!stop && is_cover_commit(c)) {
			*cover = c;
			break;
		}
		if (git_commit_parentcount(c) == 0) {
			git_commit_free(c);
			c = NULL;
			break;
		}
		id = *git_commit_parent_id(c, 0);
		if (git_commit_parentcount(c) > 1 ||
		    (stop && is_cover_commit(c)))
			git_commit_free(c);
		else
			push_commit(&v->commits, &v->nr, &alloc, c);
		c = NULL;
	}
	reverse(v->commits, v->nr);
	if (stop && !reached) {
		/* not a series on that base: nothing of it is taken */
		free_commits(v->commits, v->nr);
		v->commits = NULL;
		v->nr = 0;
	}
	if (stop)
		return 0;
	if (!*cover)
		return prv_error(PRV_EPARSE,
				 "%s has no b4 cover letter commit in its last "
				 "%d commits: not a b4 prep branch ('b4 prep "
				 "-n' or '--enroll' makes one)",
				 x->source, PRV_B4PREP_COMMITS_MAX);
	return 0;
}

/*
 * The cover at the tip ("tip-commit" strategy): the patches run from its
 * parent down to where the branch left base-branch.
 */
static int walk_tip_cover(struct prep_ctx *x, git_commit *cover,
			  struct prep_version *v)
{
	git_reference *base = NULL;
	git_oid fork;
	const git_oid *parent = git_commit_parent_id(cover, 0);
	int err = 0;

	if (!parent || !x->track.base_branch ||
	    git_branch_lookup(&base, x->repo, x->track.base_branch,
			      GIT_BRANCH_LOCAL) ||
	    git_merge_base(&fork, x->repo, parent, git_reference_target(base)))
		err = prv_error(PRV_EPARSE,
				"%s keeps its cover letter at the tip, but "
				"where the series starts is not known: %s",
				x->source, git_reason());
	else
		err = walk(x, parent, &fork, v, NULL);
	if (!err)
		git_oid_tostr(x->base_hex, sizeof(x->base_hex), &fork);
	git_reference_free(base);
	return err;
}

/* The current version: the branch's commits and its cover commit. */
static int read_current(struct prep_ctx *x, git_reference *ref,
			struct prep_version *v)
{
	git_commit *cover = NULL;
	const git_oid *tip = git_reference_target(ref);
	const char *msg, *at;
	int err;

	if (!tip)
		return prv_error(PRV_ENOTFOUND, "%s points at nothing",
				 x->source);
	err = walk(x, tip, NULL, v, &cover);
	if (err)
		return err;
	msg = git_commit_message(cover);
	at = !strncmp(msg, MAGIC "\n", sizeof(MAGIC)) ?
		     msg :
		     strstr(msg, "\n" MAGIC "\n") + 1;
	err = read_tracking(x, at, git_commit_id(cover));
	if (!err && git_oid_equal(git_commit_id(cover), tip))
		err = walk_tip_cover(x, cover, v);
	else if (!err && git_commit_parentcount(cover))
		git_oid_tostr(x->base_hex, sizeof(x->base_hex),
			      git_commit_parent_id(cover, 0));
	if (!err) {
		v->revision = x->track.revision;
		v->cover = cover_text(&x->in->arena, msg, (size_t)(at - msg),
				      true);
		/* the signature lives with the commit: copy it */
		if (git_signature_dup(&v->sender, git_commit_author(cover)))
			err = prv_error(PRV_ENOMEM, "%s: %s", x->source,
					git_reason());
	}
	git_commit_free(cover);
	return err;
}

/* RFC 5322 date, in UTC, whatever the locale. */
static void add_date(struct prv_buf *b, long long t)
{
	static const char *const days[] = { "Sun", "Mon", "Tue", "Wed",
					    "Thu", "Fri", "Sat" };
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr",
					      "May", "Jun", "Jul", "Aug",
					      "Sep", "Oct", "Nov", "Dec" };
	time_t tt = (time_t)t;
	struct tm tm;

	if (!gmtime_r(&tt, &tm))
		memset(&tm, 0, sizeof(tm));
	prv_buf_addf(b, "Date: %s, %02d %s %04d %02d:%02d:%02d +0000\n",
		     days[tm.tm_wday % 7], tm.tm_mday, months[tm.tm_mon % 12],
		     tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* "[PATCH net v2 1/3]": b4's order, the counter only for a series. */
static void add_subject(struct prv_buf *b, const struct prep_ctx *x,
			const struct prep_version *v, size_t k,
			const char *title)
{
	size_t i;

	prv_buf_addstr(b, "Subject: [PATCH");
	for (i = 0; i < x->track.nr_prefixes; i++)
		prv_buf_addf(b, " %s", x->track.prefixes[i]);
	if (v->revision > 1)
		prv_buf_addf(b, " v%d", v->revision);
	if (v->nr > 1)
		prv_buf_addf(b, " %zu/%zu", k, v->nr);
	prv_buf_addf(b, "] %s\n", title);
}

static const char *msgid(const struct prep_ctx *x, const struct prep_version *v,
			 size_t k)
{
	return prv_arena_printf(&x->in->arena, "%s-v%d-%zu@" MSGID_HOST,
				x->track.change_id, v->revision, k);
}

static void add_headers(struct prv_buf *b, const struct prep_ctx *x,
			const struct prep_version *v, size_t k,
			const char *title)
{
	prv_buf_addf(b, "From: %s <%s>\n", v->sender->name, v->sender->email);
	add_date(b, v->date + (long long)k);
	add_subject(b, x, v, k, title);
	prv_buf_addf(b, "Message-Id: <%s>\n", msgid(x, v, k));
	if (k && v->nr > 1)
		prv_buf_addf(b, "In-Reply-To: <%s>\nReferences: <%s>\n",
			     msgid(x, v, 0), msgid(x, v, 0));
	prv_buf_addstr(b, "MIME-Version: 1.0\n"
			  "Content-Type: text/plain; charset=\"utf-8\"\n"
			  "Content-Transfer-Encoding: 8bit\n\n");
}

/* The title and the body of a cover text, as b4 splits them. */
static void split_cover(const char *text, const char **title, const char **body,
			struct prv_arena *a)
{
	const char *nl = strchr(text, '\n');

	if (nl && nl > text && nl[1] == '\n') {
		*title = prv_arena_strndup(a, text, (size_t)(nl - text));
		*body = nl + 2;
	} else {
		*title = "(no cover subject)";
		*body = text;
	}
}

static int add_mail(struct prep_ctx *x, struct prv_buf *b)
{
	size_t len;
	char *data = prv_buf_detach(b, &len);

	if (!data)
		return 0;
	return prv_input_add_buffer(x->in, data, len, x->source);
}

/* 0/N: the cover text, then b4's footer unless the text has one. */
static int add_cover(struct prep_ctx *x, const struct prep_version *v)
{
	struct prv_buf b = PRV_BUF_INIT;
	const char *title, *body;

	split_cover(v->cover, &title, &body, &x->in->arena);
	add_headers(&b, x, v, 0, title);
	prv_buf_addf(&b, "%s\n", body);
	if (!strstr(body, "\nchange-id:") && strncmp(body, "change-id:", 10))
		prv_buf_addf(&b, "\n---\nbase-commit: %s\nchange-id: %s\n",
			     x->base_hex, x->track.change_id);
	prv_buf_addf(&b, "\nBest regards,\n-- \n%s <%s>\n", v->sender->name,
		     v->sender->email);
	return add_mail(x, &b);
}

/* The diffstat and the diff of a commit against its first parent. */
static int add_diff(struct prep_ctx *x, struct prv_buf *b, git_commit *c)
{
	git_diff_find_options fo;
	git_commit *parent = NULL;
	git_tree *tree = NULL, *ptree = NULL;
	git_diff *diff = NULL;
	git_diff_stats *stats = NULL;
	git_buf sb = { 0 }, db = { 0 };
	int err = 0;

	git_diff_find_options_init(&fo, GIT_DIFF_FIND_OPTIONS_VERSION);
	fo.flags = GIT_DIFF_FIND_RENAMES;
	if (git_commit_tree(&tree, c) ||
	    (git_commit_parentcount(c) && (git_commit_parent(&parent, c, 0) ||
					   git_commit_tree(&ptree, parent))) ||
	    git_diff_tree_to_tree(&diff, x->repo, ptree, tree, NULL) ||
	    git_diff_find_similar(diff, &fo) ||
	    git_diff_get_stats(&stats, diff) ||
	    git_diff_stats_to_buf(
		    &sb, stats,
		    GIT_DIFF_STATS_FULL | GIT_DIFF_STATS_INCLUDE_SUMMARY, 72) ||
	    git_diff_to_buf(&db, diff, GIT_DIFF_FORMAT_PATCH))
		err = prv_error(PRV_EIO, "%s: could not diff a commit: %s",
				x->source, git_reason());
	if (!err)
		prv_buf_addf(b, "%s\n", sb.ptr ? sb.ptr : "");
	if (!err && db.ptr)
		prv_buf_add(b, db.ptr, db.size);
	git_buf_dispose(&sb);
	git_buf_dispose(&db);
	git_diff_stats_free(stats);
	git_diff_free(diff);
	git_tree_free(ptree);
	git_tree_free(tree);
	git_commit_free(parent);
	return err;
}

static bool same_signature(const git_signature *a, const git_signature *b)
{
	return !strcmp(a->email, b->email) && !strcmp(a->name, b->name);
}

/* k/N: the commit as git format-patch writes it, sent by v->sender. */
static int add_patch(struct prep_ctx *x, const struct prep_version *v, size_t k)
{
	git_commit *c = v->commits[k - 1];
	const git_signature *author = git_commit_author(c);
	const char *body = git_commit_body(c);
	struct prv_buf b = PRV_BUF_INIT;
	const char *title, *cbody;
	int err;

	add_headers(&b, x, v, k, git_commit_summary(c));
	if (!same_signature(author, v->sender))
		prv_buf_addf(&b, "From: %s <%s>\n\n", author->name,
			     author->email);
	if (body)
		prv_buf_addf(&b, "%s\n", body);
	prv_buf_addstr(&b, "---\n");
	if (v->nr == 1 && v->cover) {
		/* one patch: b4 puts the cover text under the --- line */
		split_cover(v->cover, &title, &cbody, &x->in->arena);
		prv_buf_addf(&b, "%s\n\n", cbody);
	}
	err = add_diff(x, &b, c);
	if (!err) {
		prv_buf_addf(&b, "\n-- \n%s <%s>\n", v->sender->name,
			     v->sender->email);
		err = add_mail(x, &b);
	}
	prv_buf_release(&b);
	return err;
}

static int add_version(struct prep_ctx *x, const struct prep_version *v)
{
	size_t k;
	int err = 0;

	if (v->nr > 1 && v->cover)
		err = add_cover(x, v);
	for (k = 1; !err && k <= v->nr; k++)
		err = add_patch(x, v, k);
	return err;
}

/* The tag b4 made when it sent revision `r`, or NULL. */
static git_reference *sent_tag(struct prep_ctx *x, int r, const char **name)
{
	const char *bases[2] = { x->track.change_id, x->branch };
	git_reference *ref = NULL;
	size_t i;

	if (!strncmp(bases[1], "b4/", 3))
		bases[1] += 3;
	for (i = 0; i < 2; i++) {
		*name = prv_arena_printf(&x->in->arena, SENT_PREFIX "%s-v%d",
					 bases[i], r);
		if (!git_reference_lookup(&ref, x->repo,
					  prv_arena_printf(&x->in->arena,
							   "refs/tags/%s",
							   *name)))
			return ref;
	}
	return NULL;
}

/* "[PATCH net] title" or "[net] title": the title. */
static const char *strip_brackets(const char *s)
{
	while (*s == ' ' || *s == '[') {
		if (*s == '[') {
			const char *e = strchr(s, ']');

			if (!e)
				break;
			s = e;
		}
		s++;
	}
	return s;
}

/*
 * The cover text of a sent tag: its message with the bracketed prefixes
 * of the first line dropped.
 */
static const char *tag_cover(struct prep_ctx *x, const git_tag *tag)
{
	const char *m = git_tag_message(tag);

	return m ? cover_text(&x->in->arena, strip_brackets(m),
			      strlen(strip_brackets(m)), false) :
		   NULL;
}

/* The commit a sent version applies on: its base-commit: line, else ours. */
static void tag_base(struct prep_ctx *x, const git_tag *tag, git_oid *base)
{
	const char *m = tag ? git_tag_message(tag) : NULL;
	const char *p = m ? strstr(m, "\nbase-commit: ") : NULL;
	git_commit *c = NULL;

	if (p && !git_oid_fromstrn(base, p + 14, GIT_OID_HEXSZ) &&
	    !git_commit_lookup(&c, x->repo, base)) {
		git_commit_free(c);
		return;
	}
	git_oid_fromstr(base, x->base_hex);
}

/* Revision `r` as b4 kept it when it was sent, when it did. */
static int read_sent(struct prep_ctx *x, int r, struct prep_version *v,
		     struct prv_b4prep *out)
{
	const char *name;
	git_reference *ref = sent_tag(x, r, &name);
	git_object *target = NULL;
	git_tag *tag = NULL;
	git_oid base;
	int err = 0;

	if (!ref)
		return 0;
	if (git_reference_peel(&target, ref, GIT_OBJECT_COMMIT))
		goto out;
	if (git_reference_peel((git_object **)&tag, ref, GIT_OBJECT_TAG))
		tag = NULL;
	tag_base(x, tag, &base);
	err = walk(x, git_object_id(target), &base, v, NULL);
	if (err || !v->nr)
		goto out;
	v->revision = r;
	v->cover = tag ? tag_cover(x, tag) : NULL;
	if (git_signature_dup(
		    &v->sender,
		    tag && git_tag_tagger(tag) ?
			    git_tag_tagger(tag) :
			    git_commit_committer((git_commit *)target))) {
		err = prv_error(PRV_ENOMEM, "%s: %s", name, git_reason());
		goto out;
	}
	v->date = v->sender->when.time;
	if (out->nr_sent < PRV_ARRAY_SIZE(out->sent))
		out->sent[out->nr_sent++] = name;
out:
	git_tag_free(tag);
	git_object_free(target);
	git_reference_free(ref);
	return err;
}

static void version_release(struct prep_version *v)
{
	free_commits(v->commits, v->nr);
	git_signature_free(v->sender);
	memset(v, 0, sizeof(*v));
}

/* The versions sent before the current one, the latest few of them. */
static int add_sent(struct prep_ctx *x, struct prv_b4prep *out)
{
	int r, first = x->track.revision - (int)PRV_ARRAY_SIZE(out->sent);
	int err = 0;

	for (r = first < 1 ? 1 : first; !err && r < x->track.revision; r++) {
		struct prep_version v = { 0 };

		err = read_sent(x, r, &v, out);
		if (!err && v.nr)
			err = add_version(x, &v);
		version_release(&v);
	}
	return err;
}

int prv_b4prep_add(struct prv_input *in, const struct prv_b4prep_opts *o,
		   struct prv_b4prep *out)
{
	struct prep_ctx x = { .in = in };
	struct prep_version cur = { 0 };
	git_reference *ref = NULL;
	const char *dir = o->repo_dir ? o->repo_dir : ".";
	int err;

	memset(out, 0, sizeof(*out));
	if (prv_git_open(&x.repo, dir))
		return prv_error(PRV_EIO, "'%s' is not in a git repository",
				 dir);
	err = find_branch(&x, &ref, o->branch);
	if (!err)
		err = read_current(&x, ref, &cur);
	if (!err && !cur.nr)
		err = prv_error(PRV_EPARSE,
				"%s has no commits after its cover letter",
				x.source);
	if (!err)
		err = add_sent(&x, out);
	cur.date = o->now;
	if (!err)
		err = add_version(&x, &cur);
	if (!err) {
		out->branch = x.branch;
		out->change_id = x.track.change_id;
		out->revision = x.track.revision;
		out->nr_patches = cur.nr;
		out->base = prv_arena_strdup(&in->arena, x.base_hex);
	}
	version_release(&cur);
	git_reference_free(ref);
	git_repository_free(x.repo);
	return err;
}
