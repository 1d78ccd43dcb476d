// SPDX-License-Identifier: GPL-2.0-or-later
/* A git repository to check against: commit lookups, in-memory apply. */
#include <ctype.h>
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/arena.h"
#include "core/base/error.h"
#include "core/base/gitrepo.h"
#include "core/base/strmap.h"
#include "core/check/repo.h"
#include "core/base/util.h"

struct prv_repo {
	git_repository *repo; /* read-only (core/base/gitrepo.h) */
	/*
	 * While applying: the tree of the base commit, and the tree the
	 * patches apply to, which holds only the files of the base they name
	 * (seeded: the paths taken from the base, and the leading directories
	 * looked up), as the patches left them.
	 */
	git_tree *base, *tree;
	struct prv_strmap seeded; /* path -> SEEN or SEEDED */
	struct prv_arena paths;
	bool whole; /* the tree is the whole tree */
	char *dir;
	/* kernel releases and stable trees, read on first use */
	bool refs_read;
	struct prv_repo_ref *refs[PRV_REPO_NR_KINDS];
	size_t nr_refs[PRV_REPO_NR_KINDS], alloc_refs[PRV_REPO_NR_KINDS];
	/* prv_repo_first_release() answers */
	struct first_release {
		char hex[41];
		int index;
	} * firsts;
	size_t nr_firsts, alloc_firsts;
};

#define FIRSTS_MAX 4096 /* answers kept */

static void copy_str(char *dst, size_t size, const char *src)
{
	if (!dst || !size)
		return;
	snprintf(dst, size, "%s", src ? src : "");
}

static const char *git_reason(void)
{
	const git_error *e = git_error_last();

	return e && e->message ? e->message : "unknown error";
}

int prv_repo_open(struct prv_repo **out, const char *dir)
{
	git_repository *repo;
	struct prv_repo *r;
	int ret;

	*out = NULL;
	ret = prv_git_open(&repo, dir);
	if (ret)
		return ret;
	r = prv_xcalloc(1, sizeof(*r));
	r->repo = repo;
	r->dir = prv_xstrdup(dir);
	*out = r;
	return 0;
}

static void apply_reset(struct prv_repo *r)
{
	git_tree_free(r->base);
	git_tree_free(r->tree);
	r->base = r->tree = NULL;
	r->whole = false;
	prv_strmap_release(&r->seeded);
	prv_arena_release(&r->paths);
}

void prv_repo_free(struct prv_repo *r)
{
	size_t k;

	if (!r)
		return;
	apply_reset(r);
	git_repository_free(r->repo);
	for (k = 0; k < PRV_REPO_NR_KINDS; k++)
		free(r->refs[k]);
	free(r->firsts);
	free(r->dir);
	free(r);
}

const char *prv_repo_dir(const struct prv_repo *r)
{
	return r->dir;
}

git_repository *prv_repo_git(const struct prv_repo *r)
{
	return r->repo;
}

static bool all_hex(const char *s, size_t *n)
{
	size_t i = 0;

	while (isxdigit((unsigned char)s[i]))
		i++;
	*n = i;
	return i && !s[i];
}

enum prv_repo_lookup prv_repo_commit(struct prv_repo *r, const char *rev,
				     char *hex, char *summary)
{
	git_object *obj = NULL;
	git_commit *c = NULL;
	size_t n;
	int err;

	if (!rev || !*rev)
		return PRV_REPO_MISSING;
	if (all_hex(rev, &n) && n >= GIT_OID_MINPREFIXLEN &&
	    n <= GIT_OID_HEXSZ) {
		git_oid oid;

		if (git_oid_fromstrn(&oid, rev, n))
			return PRV_REPO_MISSING;
		err = git_object_lookup_prefix(&obj, r->repo, &oid, n,
					       GIT_OBJECT_ANY);
	} else {
		err = git_revparse_single(&obj, r->repo, rev);
	}
	if (err == GIT_EAMBIGUOUS)
		return PRV_REPO_AMBIGUOUS;
	if (err)
		return PRV_REPO_MISSING;
	/* An annotated tag names its commit. */
	if (git_object_peel((git_object **)&c, obj, GIT_OBJECT_COMMIT)) {
		git_object_free(obj);
		return PRV_REPO_MISSING;
	}
	git_object_free(obj);
	if (hex)
		git_oid_tostr(hex, GIT_OID_HEXSZ + 1, git_commit_id(c));
	if (summary)
		copy_str(summary, PRV_REPO_SUMMARY_MAX, git_commit_summary(c));
	git_commit_free(c);
	return PRV_REPO_FOUND;
}

bool prv_repo_commit_title(struct prv_repo *r, const char *hex, char *title)
{
	git_commit *c = NULL;
	const char *msg;
	git_oid oid;
	size_t n;

	if (!hex || git_oid_fromstr(&oid, hex) ||
	    git_commit_lookup(&c, r->repo, &oid))
		return false;
	msg = git_commit_message(c);
	msg = msg ? msg : "";
	n = strcspn(msg, "\r\n");
	while (n && isspace((unsigned char)msg[n - 1]))
		n--;
	if (n >= PRV_REPO_SUMMARY_MAX)
		n = PRV_REPO_SUMMARY_MAX - 1;
	memcpy(title, msg, n);
	title[n] = '\0';
	git_commit_free(c);
	return true;
}

/*
 * Applying. libgit2 applies a diff to a tree by reading all of the tree
 * into an index and writing it back: on a kernel tree that is every file,
 * for each patch. The patches apply instead to a tree that holds only the
 * files of the base they name (and the files at their leading
 * directories, which make a new file there conflict), taken from the base
 * the first time a patch names them ("seeded"); after that, that tree says
 * what the earlier patches left. A patch that does not apply there is
 * tried on the whole tree (the base with those files as they are now):
 * when it applies there, the whole tree is applied to from then on; when
 * it does not, the whole tree says why, in the words it always did.
 */

#define SEEN 0 /* looked up in the base */
#define SEEDED 1 /* a file of the base, taken into the tree */

/* Tree updates: the files taken from the base, or put over it. */
struct updates {
	git_tree_update *up;
	size_t nr, alloc;
};

static void add_update(struct updates *u, git_tree_update_t action,
		       const git_tree_entry *e, const char *path)
{
	PRV_ALLOC_GROW(u->up, u->nr + 1, u->alloc);
	u->up[u->nr++] = (git_tree_update){
		.action = action,
		.id = *git_tree_entry_id(e),
		.filemode = git_tree_entry_filemode(e),
		.path = path,
	};
}

/* `path` and its leading directories from the base, the first time. */
static void seed_path(struct prv_repo *r, struct updates *u, const char *path)
{
	char *sub = prv_xstrdup(path);
	size_t n = strlen(sub), k;

	for (k = 1; k <= n; k++) {
		const char *key;
		git_tree_entry *e;

		if (k < n && path[k] != '/')
			continue;
		sub[k] = '\0';
		if (prv_strmap_get(&r->seeded, sub) == PRV_STRMAP_NONE) {
			key = prv_arena_strdup(&r->paths, sub);
			prv_strmap_put(&r->seeded, key, SEEN);
			if (!git_tree_entry_bypath(&e, r->base, key)) {
				if (git_tree_entry_type(e) != GIT_OBJECT_TREE)
					add_update(u, GIT_TREE_UPDATE_UPSERT, e,
						   key);
				git_tree_entry_free(e);
			}
		}
		sub[k] = path[k];
	}
	free(sub);
}

/* `from` with the updates `u`, into *out. */
static int update_tree(struct prv_repo *r, git_tree *from,
		       const struct updates *u, git_tree **out)
{
	git_oid oid;

	*out = NULL;
	if (git_tree_create_updated(&oid, r->repo, from, u->nr, u->up) ||
	    git_tree_lookup(out, r->repo, &oid))
		return PRV_ERROR;
	return 0;
}

/* Take the files `diff` names from the base, the first time. */
static int seed(struct prv_repo *r, git_diff *diff)
{
	struct updates u = { NULL, 0, 0 };
	size_t i, n = git_diff_num_deltas(diff);
	git_tree *next = NULL;
	int err = 0;

	for (i = 0; i < n; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);

		if (d->old_file.path)
			seed_path(r, &u, d->old_file.path);
		if (d->new_file.path)
			seed_path(r, &u, d->new_file.path);
	}
	if (u.nr)
		err = update_tree(r, r->tree, &u, &next);
	if (next) {
		git_tree_free(r->tree);
		r->tree = next;
	}
	for (i = 0; !err && i < u.nr; i++)
		prv_strmap_set(&r->seeded, u.up[i].path, SEEDED);
	free(u.up);
	return err;
}

struct overlay {
	struct prv_repo *r;
	struct updates u;
};

static int overlay_cb(const char *root, const git_tree_entry *e, void *data)
{
	struct overlay *o = data;

	if (git_tree_entry_type(e) != GIT_OBJECT_TREE)
		add_update(&o->u, GIT_TREE_UPDATE_UPSERT, e,
			   prv_arena_printf(&o->r->paths, "%s%s", root,
					    git_tree_entry_name(e)));
	return 0;
}

/*
 * The whole tree into *out: the base, with the files taken from it as the
 * patches left them (those they deleted removed).
 */
static int whole_tree(struct prv_repo *r, git_tree **out)
{
	struct overlay o = { r, { NULL, 0, 0 } };
	size_t i;
	int err;

	err = git_tree_walk(r->tree, GIT_TREEWALK_PRE, overlay_cb, &o);
	for (i = 0; !err && i < r->seeded.cap; i++) {
		const char *key = r->seeded.keys[i];
		git_tree_entry *e = NULL, *now = NULL;

		if (!key || r->seeded.vals[i] != SEEDED)
			continue;
		/* a file of the base the patches deleted */
		if (git_tree_entry_bypath(&now, r->tree, key) &&
		    !git_tree_entry_bypath(&e, r->base, key))
			add_update(&o.u, GIT_TREE_UPDATE_REMOVE, e, key);
		git_tree_entry_free(now);
		git_tree_entry_free(e);
	}
	if (!err)
		err = update_tree(r, r->base, &o.u, out);
	free(o.u.up);
	return err ? PRV_ERROR : 0;
}

int prv_repo_apply_start(struct prv_repo *r, const char *base_hex)
{
	git_oid oid, empty;
	git_commit *c = NULL;
	git_treebuilder *tb = NULL;
	int err;

	apply_reset(r);
	if (git_oid_fromstr(&oid, base_hex) ||
	    git_commit_lookup(&c, r->repo, &oid))
		return prv_error(PRV_ENOTFOUND, "no commit '%s' in '%s'",
				 base_hex, r->dir);
	err = git_commit_tree(&r->base, c);
	git_commit_free(c);
	/* the files the patches name are taken into an empty tree */
	if (!err)
		err = git_treebuilder_new(&tb, r->repo, NULL) ||
		      git_treebuilder_write(&empty, tb) ||
		      git_tree_lookup(&r->tree, r->repo, &empty);
	git_treebuilder_free(tb);
	if (err) {
		apply_reset(r);
		return prv_error(PRV_EIO, "could not read the tree of '%s': %s",
				 base_hex, git_reason());
	}
	prv_strmap_init(&r->seeded, 64);
	return 0;
}

/* Apply `diff` onto *tree; on success *tree is the result (old freed). */
static int apply_diff(git_repository *repo, git_tree **tree, git_diff *diff)
{
	git_index *idx = NULL;
	git_oid oid;
	git_tree *next = NULL;

	if (git_apply_to_tree(&idx, repo, *tree, diff, NULL))
		return PRV_ERROR;
	if (git_index_write_tree_to(&oid, idx, repo) ||
	    git_tree_lookup(&next, repo, &oid)) {
		git_index_free(idx);
		return PRV_ERROR;
	}
	git_index_free(idx);
	git_tree_free(*tree);
	*tree = next;
	return 0;
}

/* The next "diff --git " line at or after `from`, or `len`. */
static size_t next_file(const char *text, size_t len, size_t from)
{
	static const char hdr[] = "diff --git ";
	size_t i = from;

	while (i < len) {
		const char *nl;

		if (len - i >= sizeof(hdr) - 1 &&
		    !memcmp(text + i, hdr, sizeof(hdr) - 1))
			return i;
		nl = memchr(text + i, '\n', len - i);
		if (!nl)
			break;
		i = (size_t)(nl - text) + 1;
	}
	return len;
}

/*
 * Which file of the diff text does not apply onto `base`: each file's part
 * of the text in turn (libgit2 cannot print a lone file of a diff whose
 * headers have no index line back in a form it reads again).
 */
static void blame_file(git_repository *repo, git_tree *base, const char *text,
		       size_t len, char *file, size_t file_size, char *reason,
		       size_t reason_size)
{
	git_tree *tree = NULL;
	size_t at = next_file(text, len, 0), end;

	if (at == len)
		at = 0; /* a plain ---/+++ diff: one file */
	if (git_object_dup((git_object **)&tree, (git_object *)base))
		return;
	for (; at < len; at = end) {
		git_diff *one = NULL;
		const git_diff_delta *d;
		int bad;

		end = next_file(text, len, at + 1);
		if (git_diff_from_buffer(&one, text + at, end - at))
			continue;
		d = git_diff_num_deltas(one) ? git_diff_get_delta(one, 0) :
					       NULL;
		bad = apply_diff(repo, &tree, one);
		if (bad) {
			copy_str(reason, reason_size, git_reason());
			if (d)
				copy_str(file, file_size,
					 d->new_file.path ? d->new_file.path :
							    d->old_file.path);
		}
		git_diff_free(one);
		if (bad)
			break;
	}
	git_tree_free(tree);
}

/*
 * Apply `diff` to the current tree: to the files taken from the base, and
 * when it does not apply there to the whole tree, which then decides (and
 * when it applies there, the whole tree is the current tree from then on).
 * On failure the current tree is as it was and *blame (a reference to
 * free) the tree to say why on.
 */
static int apply_current(struct prv_repo *r, git_diff *diff, git_tree **blame)
{
	git_tree *whole = NULL;

	*blame = NULL;
	if (r->whole) {
		if (!apply_diff(r->repo, &r->tree, diff))
			return 0;
	} else if (!seed(r, diff) && !apply_diff(r->repo, &r->tree, diff)) {
		return 0;
	} else if (!whole_tree(r, &whole)) {
		/* the whole tree decides */
		if (apply_diff(r->repo, &whole, diff)) {
			*blame = whole;
			return PRV_ERROR;
		}
		git_tree_free(r->tree);
		r->tree = whole;
		r->whole = true;
		return 0;
	}
	git_object_dup((git_object **)blame, (git_object *)r->tree);
	return PRV_ERROR;
}

int prv_repo_apply_next(struct prv_repo *r, const char *text, size_t len,
			char *file, size_t file_size, char *reason,
			size_t reason_size)
{
	git_diff *diff = NULL;
	git_tree *blame;

	copy_str(file, file_size, "");
	copy_str(reason, reason_size, "");
	if (!r->tree)
		return prv_error(PRV_ERROR, "no base tree to apply onto");
	if (git_diff_from_buffer(&diff, text, len)) {
		snprintf(reason, reason_size, "the diff cannot be read: %s",
			 git_reason());
		return PRV_ERROR;
	}
	if (!apply_current(r, diff, &blame)) {
		git_diff_free(diff);
		return 0;
	}
	copy_str(reason, reason_size, git_reason());
	if (blame)
		blame_file(r->repo, blame, text, len, file, file_size, reason,
			   reason_size);
	git_tree_free(blame);
	git_diff_free(diff);
	return PRV_ERROR;
}

/* ---- kernel releases and stable trees ---- */

static int ref_cmp(const void *a, const void *b)
{
	const struct prv_repo_ref *x = a, *y = b;
	int c = prv_kver_cmp(&x->ver, &y->ver);

	if (c)
		return c;
	/* the newest tip first, then by ref name for a stable order */
	if (x->date != y->date)
		return x->date > y->date ? -1 : 1;
	return strcmp(x->ref, y->ref);
}

static void add_ref(struct prv_repo *r, git_reference *ref)
{
	const char *name = git_reference_name(ref), *shortname;
	enum prv_repo_ref_kind kind;
	struct prv_kver ver;
	struct prv_repo_ref *out;
	git_object *target = NULL, *commit = NULL;
	const git_oid *oid;
	size_t *nr;

	if (git_reference_type(ref) != GIT_REFERENCE_DIRECT || !name ||
	    strlen(name) >= PRV_REPO_REF_NAME_MAX)
		return;
	if (!strncmp(name, "refs/tags/", 10)) {
		/* v2.6.x names follow another scheme: left out */
		if (!prv_kver_parse_tag(&ver, name + 10) || ver.major < 3)
			return;
		shortname = name + 10;
		kind = ver.rc  ? PRV_REPO_RC :
		       ver.sub ? PRV_REPO_STABLE_TAG :
				 PRV_REPO_RELEASE;
	} else if (!strncmp(name, "refs/heads/", 11) ||
		   !strncmp(name, "refs/remotes/", 13)) {
		shortname = strrchr(name, '/') + 1;
		if (!prv_kver_parse_branch(&ver, shortname))
			return;
		kind = PRV_REPO_STABLE_BRANCH;
	} else {
		return;
	}
	oid = git_reference_target(ref);
	if (!oid || git_object_lookup(&target, r->repo, oid, GIT_OBJECT_ANY))
		return;
	if (git_object_peel(&commit, target, GIT_OBJECT_COMMIT)) {
		git_object_free(target);
		return;
	}
	nr = &r->nr_refs[kind];
	PRV_ALLOC_GROW(r->refs[kind], *nr + 1, r->alloc_refs[kind]);
	out = &r->refs[kind][(*nr)++];
	memset(out, 0, sizeof(*out));
	copy_str(out->name, sizeof(out->name), shortname);
	copy_str(out->ref, sizeof(out->ref), name);
	git_oid_tostr(out->hex, sizeof(out->hex), git_object_id(commit));
	out->ver = ver;
	out->date = git_commit_time((git_commit *)commit);
	if (git_object_type(target) == GIT_OBJECT_TAG) {
		const git_signature *tagger = git_tag_tagger((git_tag *)target);

		if (tagger)
			out->date = tagger->when.time;
	}
	git_object_free(commit);
	git_object_free(target);
}

static void read_refs(struct prv_repo *r)
{
	git_reference_iterator *it = NULL;
	git_reference *ref;
	struct prv_repo_ref *b;
	size_t k, i, n;

	if (r->refs_read)
		return;
	r->refs_read = true;
	if (git_reference_iterator_new(&it, r->repo))
		return;
	while (!git_reference_next(&ref, it)) {
		add_ref(r, ref);
		git_reference_free(ref);
	}
	git_reference_iterator_free(it);
	for (k = 0; k < PRV_REPO_NR_KINDS; k++)
		if (r->nr_refs[k])
			qsort(r->refs[k], r->nr_refs[k], sizeof(*r->refs[k]),
			      ref_cmp);
	/*
	 * One branch per X.Y: the one whose tip descends from the others'
	 * (a remote-tracking branch ahead of a stale local one), else the
	 * newest tip (sorted first).
	 */
	b = r->refs[PRV_REPO_STABLE_BRANCH];
	for (i = n = 0; i < r->nr_refs[PRV_REPO_STABLE_BRANCH]; i++) {
		if (n && !prv_kver_cmp(&b[n - 1].ver, &b[i].ver)) {
			if (strcmp(b[i].hex, b[n - 1].hex) &&
			    prv_repo_contains(r, b[i].hex, b[n - 1].hex) == 1)
				b[n - 1] = b[i];
			continue;
		}
		if (n != i)
			b[n] = b[i];
		n++;
	}
	r->nr_refs[PRV_REPO_STABLE_BRANCH] = n;
}

const struct prv_repo_ref *
prv_repo_refs(struct prv_repo *r, enum prv_repo_ref_kind kind, size_t *nr)
{
	static const struct prv_repo_ref none;

	read_refs(r);
	if ((unsigned)kind >= PRV_REPO_NR_KINDS || !r->nr_refs[kind]) {
		*nr = 0;
		return &none;
	}
	*nr = r->nr_refs[kind];
	return r->refs[kind];
}

int prv_repo_contains(struct prv_repo *r, const char *hex,
		      const char *ancestor_hex)
{
	git_oid a, b;
	int ret;

	if (git_oid_fromstr(&a, hex) || git_oid_fromstr(&b, ancestor_hex))
		return -1;
	if (git_oid_equal(&a, &b))
		return 1;
	ret = git_graph_descendant_of(r->repo, &a, &b);
	return ret < 0 ? -1 : ret > 0;
}

long long prv_repo_commit_date(struct prv_repo *r, const char *hex)
{
	git_oid oid;
	git_commit *c = NULL;
	long long t;

	if (git_oid_fromstr(&oid, hex) || git_commit_lookup(&c, r->repo, &oid))
		return 0;
	t = git_commit_time(c);
	git_commit_free(c);
	return t;
}

/* Whether release i contains `hex`; memo[i]: 0 unknown, 1 no, 2 yes. */
static bool release_contains(struct prv_repo *r, const struct prv_repo_ref *rel,
			     size_t i, const char *hex, unsigned char *memo)
{
	if (!memo[i])
		memo[i] = prv_repo_contains(r, rel[i].hex, hex) == 1 ? 2 : 1;
	return memo[i] == 2;
}

int prv_repo_first_release(struct prv_repo *r, const char *hex)
{
	const struct prv_repo_ref *rel;
	unsigned char *memo;
	size_t n, lo = 0, hi, g, i;
	long long date;
	int found;

	for (i = 0; i < r->nr_firsts; i++)
		if (!strcmp(r->firsts[i].hex, hex))
			return r->firsts[i].index;
	rel = prv_repo_refs(r, PRV_REPO_RELEASE, &n);
	if (!n)
		return -1;
	/*
	 * Invariant: no release before lo contains it, release hi does
	 * (hi == n: none). The first release tagged after the commit is
	 * nearly always the answer: probe it and the one before first, as
	 * walks between neighbouring releases are short.
	 */
	memo = prv_xcalloc(n, 1);
	hi = n;
	date = prv_repo_commit_date(r, hex);
	for (g = 0; g < n && rel[g].date < date; g++)
		;
	if (g < n) {
		if (release_contains(r, rel, g, hex, memo))
			hi = g;
		else
			lo = g + 1;
	}
	if (g > 0 && g - 1 >= lo && g - 1 < hi) {
		if (release_contains(r, rel, g - 1, hex, memo))
			hi = g - 1;
		else
			lo = g;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (release_contains(r, rel, mid, hex, memo))
			hi = mid;
		else
			lo = mid + 1;
	}
	free(memo);
	found = lo < n ? (int)lo : -1;
	if (r->nr_firsts < FIRSTS_MAX) {
		PRV_ALLOC_GROW(r->firsts, r->nr_firsts + 1, r->alloc_firsts);
		copy_str(r->firsts[r->nr_firsts].hex, 41, hex);
		r->firsts[r->nr_firsts++].index = found;
	}
	return found;
}
