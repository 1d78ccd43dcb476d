// SPDX-License-Identifier: GPL-2.0-or-later
/* Series-level rules: the form of a posting as netdev and MPTCP expect it. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/base/buf.h"
#include "core/base/util.h"
#include "rules/rules.h"

#define COVER_NEEDED_FROM 3
#define SERIES_MAX_PATCHES 15
#define REPOST_MIN_SECONDS (24 * 3600)
/* what git format-patch --cover-letter leaves for the author to replace */
#define COVER_SUBJECT_TEMPLATE "*** SUBJECT HERE ***"
#define COVER_BLURB_TEMPLATE "*** BLURB HERE ***"

static bool doc_only_file(const char *p)
{
	return !strncmp(p, "Documentation/", 14) || !strcmp(p, "MAINTAINERS");
}

/*
 * Patches of the version in the input, not filled in from the one before.
 * One alone ("[PATCH v2 4/4]" as a thread of its own) is one patch of a
 * series reposted: its cover letter went out with the whole series.
 */
static size_t posted_patches(const struct prv_version *v)
{
	size_t i, n = 0;

	for (i = 0; i < v->nr_patches; i++)
		n += !v->patches[i].filled_in;
	return n;
}

static int check_cover(struct prv_check_ctx *ctx,
		       const struct prv_check_target *t)
{
	struct prv_version *v = ctx->cur;

	const struct prv_mail *c = v->cover;
	bool subject, blurb;

	if (!c && v->absent_parent)
		/* the list has it; this input (a slice, a search) does not */
		prv_check_report(ctx, "series.incomplete", PRV_SEV_INFO, NULL,
				 NULL, 0,
				 "fetch the whole thread to see the cover "
				 "letter",
				 "cover not in the input: the patches reply to "
				 "<%s>",
				 v->absent_parent);
	else if (v->expected >= COVER_NEEDED_FROM && !c &&
		 posted_patches(v) >= 2)
		prv_check_report(ctx, "series.cover-missing", PRV_SEV_WARN,
				 NULL, NULL, 0,
				 "add a 0/N mail that says what the series "
				 "does and why",
				 "%d patches without a cover letter",
				 v->expected);
	if (!c)
		return 0;
	/* git format-patch --cover-letter's template, sent as it was */
	subject = c->subject && strstr(c->subject, COVER_SUBJECT_TEMPLATE);
	blurb = c->raw && memmem(c->raw, c->raw_len, COVER_BLURB_TEMPLATE,
				 strlen(COVER_BLURB_TEMPLATE));
	if (subject || blurb)
		prv_check_report(ctx, "series.cover-missing", PRV_SEV_WARN,
				 NULL, NULL, 0,
				 "write the cover letter: replace the "
				 "template's placeholders",
				 "the cover letter is git format-patch's "
				 "template: %s%s%s still there",
				 subject ? "'" COVER_SUBJECT_TEMPLATE "'" : "",
				 subject && blurb ? " and " : "",
				 blurb ? "'" COVER_BLURB_TEMPLATE "'" : "");
	return 0;
}

static bool is_fix_tree(const struct prv_check_ctx *ctx, const char *tag,
			size_t n);

/*
 * Whether netdev's rules govern the version: its subject names a netdev
 * tree ("net-next", "nf", "mptcp-next"...), or names none and its lead
 * mail is addressed To: the list. A series for another tree (a "mic-next"
 * RFC, nftables' "nft") that only Cc's netdev is not netdev's to limit.
 */
static bool for_netdev(const struct prv_check_ctx *ctx,
		       const struct prv_version *v)
{
	const char *tree = prv_version_tree_tag(v);
	size_t n;

	if (ctx->profile == PRV_PROFILE_GENERIC)
		return false;
	if (!tree)
		return prv_profile_sent_to_list(v);
	n = strlen(tree);
	if (!strncasecmp(tree, "mptcp", 5) || is_fix_tree(ctx, tree, n))
		return true;
	/* "nf-next" is the -next tree of the fix tree "nf" */
	return n > 5 && !strcasecmp(tree + n - 5, "-next") &&
	       is_fix_tree(ctx, tree, n - 5);
}

static int check_length(struct prv_check_ctx *ctx,
			const struct prv_check_target *t)
{
	struct prv_version *v = ctx->cur;

	if (v->expected > SERIES_MAX_PATCHES && for_netdev(ctx, v))
		prv_check_report(ctx, "series.too-long", PRV_SEV_FAIL, NULL,
				 NULL, 0,
				 "split it: netdev takes at most 15 patches "
				 "per series",
				 "%d patches, more than %d", v->expected,
				 SERIES_MAX_PATCHES);
	return 0;
}

/* Does any patch in the input go to `email`? */
static bool patches_name(const struct prv_version *v, const char *email)
{
	size_t i;

	for (i = 0; i < v->nr_patches; i++)
		if (!v->patches[i].filled_in && v->patches[i].mail &&
		    prv_mail_addressed_to(v->patches[i].mail, email))
			return true;
	return false;
}

/*
 * The cover went to someone none of the patches in the input went to:
 * each patch was sent to its own recipients (a treewide series Cc'ing
 * every list on the patches that touch its code), so the patches this
 * list did not get went to the others.
 */
static bool split_recipients(const struct prv_version *v)
{
	const struct prv_mail *c = v->cover;
	size_t i;

	if (!posted_patches(v))
		return false;
	for (i = 0; i < c->nr_to; i++)
		if (c->to[i].email && !patches_name(v, c->to[i].email))
			return true;
	for (i = 0; i < c->nr_cc; i++)
		if (c->cc[i].email && !patches_name(v, c->cc[i].email))
			return true;
	return false;
}

/*
 * Missing patches the list most likely has: the patches answer a cover
 * letter the input lacks (a slice of an archive), the cover went to more
 * recipients than the patches (a list Cc'd on only the patches that touch
 * its code), or a later version resends one patch alone, keeping its k/N,
 * as a reply to the review of that patch.
 */
static bool sent_elsewhere(const struct prv_version *v)
{
	if (v->cover)
		return split_recipients(v);
	if (v->absent_parent)
		return true;
	return v->version > 1 && posted_patches(v) == 1;
}

static int check_complete(struct prv_check_ctx *ctx,
			  const struct prv_check_target *t)
{
	struct prv_version *v = ctx->cur;
	struct prv_buf b = PRV_BUF_INIT;
	size_t i;

	if (v->complete || !v->nr_missing)
		return 0;
	for (i = 0; i < v->nr_missing && i < 20; i++)
		prv_buf_addf(&b, "%s%d", i ? ", " : "", v->missing[i]);
	if (v->nr_missing > 20)
		prv_buf_addstr(&b, "...");
	prv_check_report(ctx, "series.incomplete",
			 sent_elsewhere(v) ? PRV_SEV_INFO : PRV_SEV_WARN, NULL,
			 NULL, 0,
			 "fetch the whole thread; the checks only saw what "
			 "is there",
			 "patch%s %s of %d not in the input",
			 v->nr_missing > 1 ? "es" : "", b.data, v->expected);
	prv_buf_release(&b);
	return 0;
}

static bool version_has_msgid(const struct prv_version *v, const char *id);

/* The patches b4's tracking data names that the input lacks. */
static int check_tracked(struct prv_check_ctx *ctx,
			 const struct prv_check_target *t)
{
	const struct prv_check_opts *o = ctx->opts;
	struct prv_buf b = PRV_BUF_INIT;
	size_t i, n = 0;

	(void)t;
	for (i = 0; o && i < o->nr_expected_msgids; i++) {
		if (version_has_msgid(ctx->cur, o->expected_msgids[i]))
			continue;
		if (n++ < 10)
			prv_buf_addf(&b, "%s<%s>", n > 1 ? ", " : "",
				     o->expected_msgids[i]);
	}
	if (!n)
		return 0;
	if (n > 10)
		prv_buf_addstr(&b, "...");
	prv_check_report(ctx, "series.incomplete", PRV_SEV_WARN, NULL, NULL, 0,
			 "the checks only saw the patches that were fetched; "
			 "try again when lore has the whole series",
			 "%zu patch%s of b4's tracking data not in the "
			 "input: %s",
			 n, n > 1 ? "es" : "", b.data);
	prv_buf_release(&b);
	return 0;
}

static bool touches(const struct prv_version *v, bool (*pred)(const char *),
		    bool all)
{
	size_t i, k, n = 0;

	for (i = 0; i < v->nr_patches; i++) {
		const struct prv_mail *m = v->patches[i].mail;

		for (k = 0; m && k < m->diff.nr_files; k++) {
			bool hit = pred(prv_file_path(&m->diff.files[k]));

			n++;
			if (hit && !all)
				return true;
			if (!hit && all)
				return false;
		}
	}
	return all && n;
}

static int check_tree(struct prv_check_ctx *ctx,
		      const struct prv_check_target *t)
{
	struct prv_version *v = ctx->cur;

	/* b4 am drops the tree tag from the subjects it writes */
	if (ctx->profile == PRV_PROFILE_GENERIC || prv_version_tree_tag(v) ||
	    v->b4am)
		return 0;
	if (ctx->profile == PRV_PROFILE_MPTCP)
		prv_check_report(ctx, "series.tree-missing", PRV_SEV_WARN, NULL,
				 NULL, 0,
				 "use [PATCH mptcp-net] for fixes, [PATCH "
				 "mptcp-next] for new features",
				 "no tree named in the subject");
	else if (touches(v, prv_netdev_path, false))
		prv_check_report(ctx, "series.tree-missing", PRV_SEV_WARN, NULL,
				 NULL, 0,
				 "use [PATCH net] for fixes, [PATCH net-next] "
				 "for new code",
				 "netdev files touched but no tree named in "
				 "the subject");
	return 0;
}

static size_t version_fixes(const struct prv_version *v, int *first)
{
	size_t i, n = 0;

	*first = 0;
	for (i = 0; i < v->nr_patches; i++) {
		size_t c = v->patches[i].mail ?
				   prv_check_count_fixes(v->patches[i].mail) :
				   0;

		if (c && !*first)
			*first = v->patches[i].index;
		n += c;
	}
	return n;
}

/* Trees that take fixes for the current release: a Fixes: tag expected. */
static const char *const default_fix_trees[] = {
	"net", "mptcp-net", "nf", "bpf", "wireless", "ipsec",
};

/* Is `tag` (n bytes) one of the words of `list` (comma or space separated)? */
static bool in_word_list(const char *list, const char *tag, size_t n)
{
	while (*list) {
		size_t w;

		list += strspn(list, ", \t");
		w = strcspn(list, ", \t");
		if (w == n && !strncasecmp(list, tag, n))
			return true;
		list += w;
	}
	return false;
}

/*
 * Whether the tree named by `tag` (n bytes) takes fixes: the configured
 * list (prereview.fixTrees), else netdev's fix trees.
 */
static bool is_fix_tree(const struct prv_check_ctx *ctx, const char *tag,
			size_t n)
{
	const char *list = ctx->opts ? ctx->opts->fix_trees : NULL;
	size_t i;

	if (list)
		return in_word_list(list, tag, n);
	for (i = 0; i < PRV_ARRAY_SIZE(default_fix_trees); i++)
		if (prv_eq_ci(tag, n, default_fix_trees[i]))
			return true;
	return false;
}

/* "AUTOSEL", "stable", "6.6", "6.1.y", "v6.6-v6.1", "5.15": not new fixes */
static bool is_stable_tag(const char *tag)
{
	if (*tag == '-')
		tag++;
	if (*tag == 'v' || *tag == 'V')
		tag++;
	return !strcasecmp(tag, "autosel") || !strcasecmp(tag, "stable") ||
	       (isdigit((unsigned char)tag[0]) && strchr(tag, '.'));
}

/* The fix tree a version is sent to, or NULL (stable, tools, -next...). */
static const char *fix_tree(const struct prv_check_ctx *ctx,
			    const struct prv_version *v)
{
	const struct prv_mail *lead = v->cover	    ? v->cover :
				      v->nr_patches ? v->patches[0].mail :
						      NULL;
	const char *tree = NULL;
	size_t i;

	for (i = 0; i < v->nr_tags; i++) {
		if (!v->tags[i])
			continue;
		if (is_stable_tag(v->tags[i]))
			return NULL;
		/* the tree is the one its lead mail names ("[PATCH nft 1/5]"
		 * sent along a "[PATCH nf]" fix is no nf series) */
		if (!tree && is_fix_tree(ctx, v->tags[i], strlen(v->tags[i])) &&
		    (!lead || prv_subject_has_tag(&lead->subj, v->tags[i])))
			tree = v->tags[i];
	}
	return tree;
}

static int check_fixes(struct prv_check_ctx *ctx,
		       const struct prv_check_target *t)
{
	struct prv_version *v = ctx->cur;
	const char *tree = prv_version_tree_tag(v);
	int first;
	size_t n;

	if (ctx->profile == PRV_PROFILE_GENERIC || !tree)
		return 0;
	n = version_fixes(v, &first);
	if (prv_version_is_next(v)) {
		if (n)
			prv_check_report(
				ctx, "series.fixes-in-next", PRV_SEV_INFO, NULL,
				NULL, 0,
				"a fix for a commit already released belongs "
				"in the fixes tree; one for code only in -next, "
				"or a low-impact one, may stay",
				"%zu Fixes: tag%s in a '%s' series (first in "
				"patch %d)",
				n, n > 1 ? "s" : "", tree, first);
		return 0;
	}
	/* an RFC is not for applying: netdev's CI does not test it */
	tree = v->rfc ? NULL : fix_tree(ctx, v);
	if (tree && !n && !touches(v, doc_only_file, true))
		prv_check_report(ctx, "series.fixes-missing", PRV_SEV_FAIL,
				 NULL, NULL, 0,
				 "name the commit each fix fixes, or send it "
				 "to a -next tree",
				 "'%s' series without any Fixes: tag", tree);
	return 0;
}

static bool version_has_msgid(const struct prv_version *v, const char *id)
{
	size_t i;

	if (!id)
		return false;
	if (v->cover && v->cover->message_id &&
	    !strcmp(v->cover->message_id, id))
		return true;
	for (i = 0; i < v->nr_patches; i++) {
		const struct prv_mail *m = v->patches[i].mail;

		if (m && !v->patches[i].filled_in && m->message_id &&
		    !strcmp(m->message_id, id))
			return true;
	}
	return false;
}

/* The older version a mail answers, or 0. */
static int threaded_onto(const struct prv_series *s,
			 const struct prv_version *cur,
			 const struct prv_mail *m)
{
	size_t v, r;

	if (!m)
		return 0;
	for (v = 0; v < s->nr_versions; v++) {
		const struct prv_version *o = &s->versions[v];

		if (o == cur || o->version >= cur->version)
			continue;
		if (version_has_msgid(o, m->in_reply_to))
			return o->version;
		for (r = 0; r < m->nr_references; r++)
			if (version_has_msgid(o, m->references[r]))
				return o->version;
	}
	return 0;
}

static int check_threading(struct prv_check_ctx *ctx,
			   const struct prv_check_target *t)
{
	struct prv_version *v = ctx->cur;
	const struct prv_mail *root = v->cover;
	int old;
	size_t i;

	if (!root && v->nr_patches)
		root = v->patches[0].mail;
	old = threaded_onto(ctx->series, v, root);
	for (i = 0; !old && i < v->nr_patches; i++)
		if (!v->patches[i].filled_in)
			old = threaded_onto(ctx->series, v, v->patches[i].mail);
	if (old)
		prv_check_report(ctx, "series.version-threaded", PRV_SEV_WARN,
				 NULL, NULL, 0,
				 "send each version as a new thread and link "
				 "the old one in the changelog",
				 "v%d is sent as a reply to v%d", v->version,
				 old);
	return 0;
}

/*
 * When a version was posted: the earliest Date: of its cover letter and
 * patches, the dates the report shows for them (replies do not count).
 */
static long long posted(const struct prv_version *v)
{
	long long t = 0;
	size_t i;

	if (v->cover && v->cover->has_date && v->cover->date)
		t = v->cover->date;
	for (i = 0; i < v->nr_patches; i++) {
		const struct prv_mail *m = v->patches[i].mail;

		if (m && !v->patches[i].filled_in && m->has_date && m->date &&
		    (!t || m->date < t))
			t = m->date;
	}
	return t ? t : v->date;
}

static const char *utc(struct prv_arena *a, long long t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char buf[32];

	if (!gmtime_r(&tt, &tm) ||
	    !strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M UTC", &tm))
		return "?";
	return prv_arena_strdup(a, buf);
}

static int check_repost(struct prv_check_ctx *ctx,
			const struct prv_check_target *t)
{
	long long d, was = posted(ctx->prev), now = posted(ctx->cur);

	if (!was || !now || ctx->cur->resend)
		return 0;
	d = now - was;
	if (d >= 0 && d < REPOST_MIN_SECONDS)
		prv_check_report(ctx, "series.repost-too-soon",
				 ctx->profile == PRV_PROFILE_GENERIC ?
					 PRV_SEV_INFO :
					 PRV_SEV_WARN,
				 NULL, NULL, 0,
				 "wait at least 24 hours between versions so "
				 "reviewers can answer",
				 "v%d (%s) came %lldh%02lldm after v%d (%s)",
				 ctx->cur->version, utc(ctx->arena, now),
				 d / 3600, d % 3600 / 60, ctx->prev->version,
				 utc(ctx->arena, was));
	return 0;
}

const struct prv_check prv_checks_series[] = {
	{ "series/cover", PRV_SCOPE_SERIES, check_cover },
	{ "series/length", PRV_SCOPE_SERIES, check_length },
	{ "series/complete", PRV_SCOPE_SERIES, check_complete },
	{ "series/tracked", PRV_SCOPE_SERIES, check_tracked },
	{ "series/tree", PRV_SCOPE_SERIES, check_tree },
	{ "series/fixes", PRV_SCOPE_SERIES, check_fixes },
	{ "series/threading", PRV_SCOPE_SERIES, check_threading },
	{ "series/repost", PRV_SCOPE_VERSION_PAIR, check_repost },
	{ NULL, 0, NULL },
};
