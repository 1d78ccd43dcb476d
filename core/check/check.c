// SPDX-License-Identifier: GPL-2.0-or-later
/* The check runner: profiles, pairing of versions, reporting. */
#include <ctype.h>
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/base/buf.h"
#include "core/check/check.h"
#include "core/base/error.h"
#include "core/rangediff/rangediff.h"
#include "core/check/repo.h"
#include "core/base/util.h"

#define MESSAGE_MAX 4096
/* Findings of a patch compared with a new one for an equal one. */
#define DEDUP_WINDOW 256

const char *const prv_finding_ids[] = {
	"series.cover-missing",
	"series.too-long",
	"series.incomplete",
	"series.tree-missing",
	"series.fixes-missing",
	"series.fixes-in-next",
	"series.version-threaded",
	"series.repost-too-soon",
	"changelog.missing",
	"changelog.version-missing",
	"changelog.link-missing",
	"changelog.unmentioned-change",
	"review.tag-kept-on-change",
	"review.tag-dropped",
	"trailer.sob-missing",
	"trailer.sob-author-missing",
	"trailer.sob-sender-not-last",
	"trailer.duplicate",
	"trailer.codev-without-sob",
	"trailer.reported-without-closes",
	"trailer.malformed",
	"fixes.bad-format",
	"fixes.blank-line",
	"fixes.unknown-commit",
	"fixes.subject-mismatch",
	"apply.base-unknown",
	"apply.fails",
	"backport.scope",
	"backport.upstream-missing",
	"backport.conflict",
	"series.net-next-closed",
	"subject.too-long",
	"tcp.touch",
	NULL,
};

_Static_assert((int)PRV_CHANGED_MESSAGE == (int)PRV_RD_MESSAGE &&
		       (int)PRV_CHANGED_TRAILERS == (int)PRV_RD_TRAILERS &&
		       (int)PRV_CHANGED_DIFF == (int)PRV_RD_DIFF &&
		       (int)PRV_CHANGED_FILES == (int)PRV_RD_FILES &&
		       (int)PRV_CHANGED_AUTHOR == (int)PRV_RD_AUTHOR,
	       "change bits follow core/rangediff/rangediff.h");

static const struct prv_check *const families[] = {
	prv_checks_series,   prv_checks_changelog, prv_checks_review,
	prv_checks_trailers, prv_checks_fixes,	   prv_checks_content,
	prv_checks_tcp,	     prv_checks_repo,	   prv_checks_backport,
};

const char *prv_profile_name(enum prv_profile p)
{
	switch (p) {
	case PRV_PROFILE_NETDEV:
		return "netdev";
	case PRV_PROFILE_MPTCP:
		return "mptcp";
	default:
		return "generic";
	}
}

int prv_profile_parse(const char *s)
{
	if (!strcasecmp(s, "auto"))
		return -1;
	if (!strcasecmp(s, "generic"))
		return PRV_PROFILE_GENERIC;
	if (!strcasecmp(s, "netdev"))
		return PRV_PROFILE_NETDEV;
	if (!strcasecmp(s, "mptcp"))
		return PRV_PROFILE_MPTCP;
	return -2;
}

const char *prv_check_file_path(const struct prv_file *f)
{
	if (f->new_path)
		return f->new_path;
	return f->old_path ? f->old_path : "";
}

bool prv_check_has_tag(const struct prv_version *v, const char *tag)
{
	size_t i;

	for (i = 0; i < v->nr_tags; i++)
		if (v->tags[i] && !strcasecmp(v->tags[i], tag))
			return true;
	return false;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t l = strlen(s), n = strlen(suffix);

	return l >= n && !strcasecmp(s + l - n, suffix);
}

/* Tags that are not trees: common subject words people bracket. */
static bool tag_is_tree(const char *t)
{
	static const char *const not_trees[] = {
		"PATCH", "RFC", "RESEND", "WIP", "DO NOT MERGE",
		"TEST",	 "POC", "HACK",	  "DNM", "for-review",
	};
	size_t i;

	if (!*t)
		return false;
	for (i = 0; i < PRV_ARRAY_SIZE(not_trees); i++)
		if (!strcasecmp(t, not_trees[i]))
			return false;
	return true;
}

bool prv_check_is_next(const struct prv_version *v)
{
	size_t i;

	for (i = 0; i < v->nr_tags; i++)
		if (v->tags[i] && ends_with(v->tags[i], "-next"))
			return true;
	return false;
}

const char *prv_check_tree_tag(const struct prv_version *v)
{
	size_t i;

	for (i = 0; i < v->nr_tags; i++)
		if (v->tags[i] && tag_is_tree(v->tags[i]))
			return v->tags[i];
	return NULL;
}

bool prv_check_fixes_id(const char *value, char *sha)
{
	size_t n = 0;

	while (n < 40 && isxdigit((unsigned char)value[n]))
		n++;
	if (n < 4 || isxdigit((unsigned char)value[n]))
		return false;
	memcpy(sha, value, n);
	sha[n] = '\0';
	return true;
}

bool prv_check_key_is(const struct prv_trailer *t, const char *key)
{
	return t->is_trailer && t->key && !strcasecmp(t->key, key);
}

bool prv_check_parse_person(struct prv_person *out, struct prv_arena *a,
			    const char *value)
{
	const char *lt = value ? strchr(value, '<') : NULL, *gt;
	const char *at;

	out->name = "";
	out->email = "";
	if (!value)
		return false;
	if (lt) {
		size_t nl = (size_t)(lt - value);

		gt = strchr(lt, '>');
		if (!gt)
			return false;
		while (nl && isspace((unsigned char)value[nl - 1]))
			nl--;
		if (nl >= 2 && value[0] == '"' && value[nl - 1] == '"')
			out->name = prv_arena_strndup(a, value + 1, nl - 2);
		else
			out->name = prv_arena_strndup(a, value, nl);
		out->email =
			prv_arena_strndup(a, lt + 1, (size_t)(gt - lt - 1));
		at = strchr(out->email, '@');
		return at && at != out->email && at[1] &&
		       !strpbrk(out->email, " \t<>,");
	}
	/* A bare address. */
	at = strchr(value, '@');
	if (!at || strpbrk(value, " \t"))
		return false;
	out->email = prv_arena_strdup(a, value);
	return at != value && at[1];
}

static bool name_eq(const char *a, const char *b)
{
	return a && b && *a && *b && !strcasecmp(a, b);
}

bool prv_check_same_person(const struct prv_person *a,
			   const struct prv_person *b)
{
	if (a->email && b->email && *a->email &&
	    !strcasecmp(a->email, b->email))
		return true;
	return name_eq(a->name, b->name);
}

bool prv_check_disabled(const struct prv_check_opts *opts, const char *id)
{
	size_t i;

	for (i = 0; opts && i < opts->nr_disabled; i++) {
		const char *d = opts->disabled[i];
		size_t l = strlen(d);

		if (!strcmp(d, id) || !strcmp(d, "all"))
			return true;
		if (l && d[l - 1] == '*' && !strncmp(d, id, l - 1))
			return true;
		if (l && d[l - 1] == '.' && !strncmp(d, id, l))
			return true;
		/* "trailer" disables the whole family */
		if (!strchr(d, '.') && !strncmp(d, id, l) && id[l] == '.')
			return true;
	}
	return false;
}

static enum prv_topic topic_of(const char *id)
{
	static const struct {
		const char *prefix;
		enum prv_topic topic;
	} map[] = {
		{ "series.", PRV_TOPIC_SERIES },
		{ "changelog.", PRV_TOPIC_CHANGELOG },
		{ "review.", PRV_TOPIC_REVIEW },
		{ "trailer.", PRV_TOPIC_TRAILERS },
		{ "fixes.", PRV_TOPIC_FIXES },
		{ "subject.", PRV_TOPIC_SUBJECT },
		{ "tcp.", PRV_TOPIC_TCP },
		{ "rule.", PRV_TOPIC_TCP },
		{ "apply.", PRV_TOPIC_REPO },
		{ "backport.upstream-", PRV_TOPIC_FIXES },
		{ "backport.", PRV_TOPIC_REPO },
	};
	size_t i;

	for (i = 0; i < PRV_ARRAY_SIZE(map); i++)
		if (!strncmp(id, map[i].prefix, strlen(map[i].prefix)))
			return map[i].topic;
	return PRV_TOPIC_TCP;
}

static void report_v(struct prv_check_ctx *ctx, const char *id,
		     enum prv_severity sev, bool todo,
		     const struct prv_patch *patch, const char *file, long line,
		     const char *hint, const char *fmt, va_list ap)
	__attribute__((format(printf, 9, 0)));

static void report_v(struct prv_check_ctx *ctx, const char *id,
		     enum prv_severity sev, bool todo,
		     const struct prv_patch *patch, const char *file, long line,
		     const char *hint, const char *fmt, va_list ap)
{
	struct prv_report *r = ctx->report;
	struct prv_finding f;
	char msg[MESSAGE_MAX];
	size_t i, n;

	if (prv_check_disabled(ctx->opts, id))
		return;
	if (ctx->series && !prv_kind_finding_applies(ctx->series->kind, id))
		return;
	for (i = 0; ctx->opts && i < ctx->opts->nr_sevs; i++)
		if (!strcmp(ctx->opts->sev_ids[i], id))
			sev = (enum prv_severity)ctx->opts->sevs[i];
	vsnprintf(msg, sizeof(msg), fmt, ap);

	memset(&f, 0, sizeof(f));
	f.id = id;
	f.severity = sev;
	f.topic = topic_of(id);
	f.series = ctx->series_index;
	f.version = ctx->cur ? ctx->cur->version : 0;
	f.patch = patch ? patch->index : -1;
	f.file = file;
	f.line = line;
	f.message = msg;
	f.hint = hint;
	f.todo = todo;

	/*
	 * The same finding twice on one patch says nothing new. Only the
	 * last DEDUP_WINDOW are compared: a patch with tens of thousands of
	 * findings made this quadratic.
	 */
	for (i = r->nr_findings, n = 0; i-- > 0 && n++ < DEDUP_WINDOW;) {
		const struct prv_finding *o = &r->findings[i];

		if (o->series != f.series || o->patch != f.patch)
			break;
		if (!strcmp(o->id, id) && !strcmp(o->message, msg) &&
		    ((!o->file && !file) ||
		     (o->file && file && !strcmp(o->file, file))))
			return;
	}
	prv_report_add(r, &f);
}

void prv_check_report(struct prv_check_ctx *ctx, const char *id,
		      enum prv_severity sev, const struct prv_patch *patch,
		      const char *file, long line, const char *hint,
		      const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report_v(ctx, id, sev, false, patch, file, line, hint, fmt, ap);
	va_end(ap);
}

void prv_check_todo(struct prv_check_ctx *ctx, const char *id,
		    enum prv_severity sev, const struct prv_patch *patch,
		    const char *file, long line, const char *hint,
		    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report_v(ctx, id, sev, true, patch, file, line, hint, fmt, ap);
	va_end(ap);
}

/* Paths whose changes go through netdev. */
static bool netdev_path(const char *p)
{
	static const char *const prefixes[] = {
		"net/",
		"drivers/net/",
		"include/net/",
		"include/linux/netdevice.h",
		"include/linux/skbuff.h",
		"include/linux/tcp.h",
		"include/uapi/linux/tcp.h",
		"include/uapi/linux/mptcp.h",
		"include/linux/netfilter",
		"include/uapi/linux/netfilter",
		"tools/testing/selftests/net/",
		"tools/testing/selftests/drivers/net/",
		"Documentation/networking/",
	};
	size_t i;

	for (i = 0; i < PRV_ARRAY_SIZE(prefixes); i++)
		if (!strncmp(p, prefixes[i], strlen(prefixes[i])))
			return true;
	return false;
}

static bool mail_addressed_to(const struct prv_mail *m, const char *addr)
{
	size_t i;

	if (!m)
		return false;
	for (i = 0; i < m->nr_to; i++)
		if (m->to[i].email && !strcasecmp(m->to[i].email, addr))
			return true;
	for (i = 0; i < m->nr_cc; i++)
		if (m->cc[i].email && !strcasecmp(m->cc[i].email, addr))
			return true;
	if (m->list_id && strcasestr(m->list_id, addr))
		return true;
	return false;
}

static bool version_addressed_to(const struct prv_version *v, const char *a)
{
	size_t i;

	if (mail_addressed_to(v->cover, a))
		return true;
	for (i = 0; i < v->nr_patches; i++)
		if (mail_addressed_to(v->patches[i].mail, a))
			return true;
	return false;
}

static enum prv_profile choose_profile(const struct prv_version *v)
{
	size_t i, k;

	for (i = 0; i < v->nr_tags; i++)
		if (v->tags[i] && !strncasecmp(v->tags[i], "mptcp", 5))
			return PRV_PROFILE_MPTCP;
	if (version_addressed_to(v, "mptcp@lists.linux.dev") ||
	    version_addressed_to(v, "mptcp.lists.linux.dev"))
		return PRV_PROFILE_MPTCP;
	if (prv_check_has_tag(v, "net") || prv_check_has_tag(v, "net-next") ||
	    version_addressed_to(v, "netdev@vger.kernel.org") ||
	    version_addressed_to(v, "netdev.vger.kernel.org"))
		return PRV_PROFILE_NETDEV;
	for (i = 0; i < v->nr_patches; i++) {
		const struct prv_mail *m = v->patches[i].mail;

		for (k = 0; m && k < m->diff.nr_files; k++)
			if (netdev_path(prv_check_file_path(&m->diff.files[k])))
				return PRV_PROFILE_NETDEV;
	}
	return PRV_PROFILE_GENERIC;
}

/* ---- pairing of two versions (by title, then by position) ---- */

static const char *title_of(const struct prv_patch *p)
{
	if (!p->mail)
		return "";
	if (p->mail->pm.title)
		return p->mail->pm.title;
	return p->mail->subj.title ? p->mail->subj.title : "";
}

/* The diff with line numbers dropped, as range-diff compares them. */
static void normalised_diff(struct prv_buf *b, const struct prv_mail *m)
{
	size_t i, k;

	for (i = 0; i < m->diff.nr_files; i++) {
		const struct prv_file *f = &m->diff.files[i];

		prv_buf_addf(b, "## %s %s %x\n", f->old_path ? f->old_path : "",
			     f->new_path ? f->new_path : "", f->flags);
		for (k = 0; k < f->nr_hunks; k++) {
			prv_buf_addf(b, "@@ %s\n", f->hunks[k].func);
			prv_buf_add(b, f->hunks[k].body, f->hunks[k].body_len);
		}
	}
}

static bool same_diff(const struct prv_mail *a, const struct prv_mail *b)
{
	struct prv_buf x = PRV_BUF_INIT, y = PRV_BUF_INIT;
	bool same;

	if (a->patch_id[0] && b->patch_id[0] &&
	    !strcmp(a->patch_id, b->patch_id))
		return true;
	normalised_diff(&x, a);
	normalised_diff(&y, b);
	same = x.len == y.len && !memcmp(x.data, y.data, x.len);
	prv_buf_release(&x);
	prv_buf_release(&y);
	return same;
}

static bool same_files(const struct prv_mail *a, const struct prv_mail *b)
{
	size_t i;

	if (a->diff.nr_files != b->diff.nr_files)
		return false;
	for (i = 0; i < a->diff.nr_files; i++)
		if (strcmp(prv_check_file_path(&a->diff.files[i]),
			   prv_check_file_path(&b->diff.files[i])))
			return false;
	return true;
}

static size_t body_len(const struct prv_mail *m)
{
	size_t l = m->pm.trailer_block;

	if (l > m->pm.message_len)
		l = m->pm.message_len;
	while (l && isspace((unsigned char)m->pm.message[l - 1]))
		l--;
	return l;
}

static bool same_trailers(const struct prv_mail *a, const struct prv_mail *b)
{
	size_t i;

	if (a->pm.nr_trailers != b->pm.nr_trailers)
		return false;
	for (i = 0; i < a->pm.nr_trailers; i++) {
		const struct prv_trailer *x = &a->pm.trailers[i],
					 *y = &b->pm.trailers[i];

		if (strcasecmp(x->key ? x->key : "", y->key ? y->key : "") ||
		    strcmp(x->value ? x->value : "", y->value ? y->value : ""))
			return false;
	}
	return true;
}

static unsigned classify(const struct prv_mail *a, const struct prv_mail *b)
{
	unsigned c = 0;
	size_t la, lb;

	if (!a || !b)
		return 0;
	if (!same_diff(a, b))
		c |= PRV_CHANGED_DIFF;
	if (!same_files(a, b))
		c |= PRV_CHANGED_FILES;
	la = body_len(a);
	lb = body_len(b);
	if (la != lb || memcmp(a->pm.message, b->pm.message, la) ||
	    strcmp(a->pm.title ? a->pm.title : "",
		   b->pm.title ? b->pm.title : ""))
		c |= PRV_CHANGED_MESSAGE;
	if (!same_trailers(a, b))
		c |= PRV_CHANGED_TRAILERS;
	if (!prv_check_same_person(&a->pm.author, &b->pm.author))
		c |= PRV_CHANGED_AUTHOR;
	return c;
}

static void pairs_by_title(struct prv_check_pair **out, size_t *nr,
			   struct prv_arena *a, struct prv_version *old,
			   struct prv_version *new)
{
	size_t no = old->nr_patches, nn = new->nr_patches;
	int *match_new = prv_arena_alloc(a, (nn + 1) * sizeof(int));
	bool *used_old = prv_arena_alloc(a, no + 1);
	struct prv_check_pair *pairs =
		prv_arena_alloc(a, (no + nn + 1) * sizeof(*pairs));
	size_t i, j, n = 0, next_old = 0;

	for (j = 0; j < nn; j++)
		match_new[j] = -1;
	/* Same title first. */
	for (j = 0; j < nn; j++) {
		for (i = 0; i < no; i++) {
			if (!used_old[i] &&
			    !strcmp(title_of(&new->patches[j]),
				    title_of(&old->patches[i]))) {
				used_old[i] = true;
				match_new[j] = (int)i;
				break;
			}
		}
	}
	/* Same diff under a new title. */
	for (j = 0; j < nn; j++) {
		if (match_new[j] >= 0 || !new->patches[j].mail)
			continue;
		for (i = 0; i < no; i++) {
			if (!used_old[i] && old->patches[i].mail &&
			    same_diff(old->patches[i].mail,
				      new->patches[j].mail)) {
				used_old[i] = true;
				match_new[j] = (int)i;
				break;
			}
		}
	}
	/* Same files and position: a retitled patch. */
	for (j = 0; j < nn; j++) {
		if (match_new[j] >= 0 || !new->patches[j].mail)
			continue;
		for (i = 0; i < no; i++) {
			const struct prv_patch *op = &old->patches[i];
			const struct prv_patch *np = &new->patches[j];

			if (!used_old[i] && op->mail &&
			    op->index == np->index &&
			    same_files(op->mail, np->mail)) {
				used_old[i] = true;
				match_new[j] = (int)i;
				break;
			}
		}
	}
	for (j = 0; j < nn; j++) {
		struct prv_check_pair *p;

		/* Dropped old patches go where they were. */
		if (match_new[j] >= 0) {
			for (; next_old < (size_t)match_new[j]; next_old++) {
				if (used_old[next_old])
					continue;
				used_old[next_old] = true;
				pairs[n].old = &old->patches[next_old];
				pairs[n++].status = '<';
			}
		}
		p = &pairs[n++];
		p->new = &new->patches[j];
		if (match_new[j] < 0) {
			p->status = '>';
			continue;
		}
		p->old = &old->patches[match_new[j]];
		p->changed = classify(p->old->mail, p->new->mail);
		p->status = p->changed ? '!' : '=';
	}
	for (i = 0; i < no; i++) {
		if (used_old[i])
			continue;
		pairs[n].old = &old->patches[i];
		pairs[n++].status = '<';
	}
	*out = pairs;
	*nr = n;
}

void prv_check_pairs_build(struct prv_check_pair **out, size_t *nr,
			   struct prv_arena *a, struct prv_version *old,
			   struct prv_version *new)
{
	struct prv_rangediff rd;
	struct prv_rangediff_opts o = PRV_RANGEDIFF_OPTS_INIT;
	struct prv_check_pair *pairs;
	size_t i;

	o.no_patch = true;
	prv_rangediff_init(&rd);
	if (prv_rangediff_versions(&rd, old, new, &o) ||
	    (!rd.nr_pairs && (old->nr_patches || new->nr_patches))) {
		prv_rangediff_release(&rd);
		pairs_by_title(out, nr, a, old, new);
		return;
	}
	pairs = prv_arena_alloc(a, (rd.nr_pairs + 1) * sizeof(*pairs));
	for (i = 0; i < rd.nr_pairs; i++) {
		pairs[i].old = rd.pairs[i].old_patch;
		pairs[i].new = rd.pairs[i].new_patch;
		pairs[i].status = rd.pairs[i].status;
		pairs[i].changed = rd.pairs[i].changed;
	}
	*out = pairs;
	*nr = rd.nr_pairs;
	prv_rangediff_release(&rd);
}

static void describe_changes(struct prv_report *r, size_t s,
			     const struct prv_check_ctx *ctx)
{
	struct prv_buf b = PRV_BUF_INIT, first = PRV_BUF_INIT;
	size_t i;

	if (!ctx->prev)
		return;
	prv_buf_addf(&b, "v%d -> v%d:\n", ctx->prev->version,
		     ctx->cur->version);
	for (i = 0; i < ctx->nr_pairs; i++) {
		const struct prv_check_pair *p = &ctx->pairs[i];

		if (p->old)
			prv_buf_addf(&b, "%3d", p->old->index);
		else
			prv_buf_addstr(&b, "  -");
		prv_buf_addf(&b, " %c ", p->status);
		if (p->new)
			prv_buf_addf(&b, "%-3d", p->new->index);
		else
			prv_buf_addstr(&b, "-  ");
		if (p->status == '!') {
			prv_buf_addstr(&b, " [");
			if (p->changed & PRV_CHANGED_DIFF)
				prv_buf_addstr(&b, "diff ");
			if (p->changed & PRV_CHANGED_FILES)
				prv_buf_addstr(&b, "files ");
			if (p->changed & PRV_CHANGED_MESSAGE)
				prv_buf_addstr(&b, "message ");
			if (p->changed & PRV_CHANGED_TRAILERS)
				prv_buf_addstr(&b, "trailers ");
			if (p->changed & PRV_CHANGED_AUTHOR)
				prv_buf_addstr(&b, "author ");
			prv_buf_rtrim(&b);
			prv_buf_addch(&b, ']');
		}
		prv_buf_addf(&b, " %s\n", title_of(p->new ? p->new : p->old));
		/* new code is what to read first */
		if (p->new &&
		    (p->status == '>' ||
		     (p->status == '!' && (p->changed & PRV_CHANGED_DIFF))))
			prv_buf_addf(&first, "%s%d", first.len ? ", " : "",
				     p->new->index);
	}
	if (first.len)
		prv_buf_addf(&b,
			     "read first: patch%s %s (new or changed code)\n",
			     strchr(first.data, ',') ? "es" : "", first.data);
	else
		prv_buf_addstr(
			&b, "no new or changed code since the last version\n");
	prv_buf_release(&first);
	prv_buf_rtrim(&b);
	r->changes[s] = prv_arena_strdup(&r->arena, b.data);
	prv_buf_release(&b);
}

/*
 * The text of an entry without its common indentation, two spaces in under
 * its header: "v1 -> v2: foo\n          bar" reads "  foo\n  bar" once the
 * header is on its own line. The first line (maybe after the header) is
 * left out of the measure unless it is a bullet, whose continuation lines
 * hang under it.
 */
static void add_dedented(struct prv_buf *b, const char *text, size_t len)
{
	const char *p = text, *end = text + len, *nl;
	size_t indent = SIZE_MAX, n;
	bool first = true, bullet;

	for (n = 0; n < len && (text[n] == ' ' || text[n] == '\t'); n++)
		;
	bullet = n < len &&
		 (text[n] == '-' || text[n] == '*' || text[n] == '+');

	for (; p < end; p = nl + 1, first = false) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		for (n = 0; p + n < nl && (p[n] == ' ' || p[n] == '\t'); n++)
			;
		/* a bullet's own continuation lines hang under its text */
		if ((!first || bullet) && p + n < nl && n < indent)
			indent = n;
	}
	for (p = text, first = true; p < end; p = nl + 1, first = false) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		for (n = 0; p + n < nl && (p[n] == ' ' || p[n] == '\t') &&
			    (first || n < indent);
		     n++)
			;
		if (nl > p + n)
			prv_buf_addstr(b, "  ");
		prv_buf_add(b, p + n, (size_t)(nl - p - n));
		prv_buf_addch(b, '\n');
		if (nl == end)
			break;
	}
}

static void describe_changelog(struct prv_report *r, size_t s,
			       const struct prv_check_ctx *ctx)
{
	struct prv_buf b = PRV_BUF_INIT;
	size_t i;

	for (i = 0; i < ctx->changelog.nr; i++) {
		const struct prv_changelog_entry *e =
			&ctx->changelog.entries[i];

		size_t k;

		if (!e->len && !e->to) {
			/* a bare "vN: <url>" line */
			for (k = 0; k < e->nr_links; k++)
				prv_buf_addf(&b, "v%d: %s\n",
					     e->links[k].version,
					     e->links[k].url);
			continue;
		}
		if (e->patch)
			prv_buf_addf(&b, "patch %d, ", e->patch);
		if (e->to)
			prv_buf_addf(&b, "v%d -> v%d:\n", e->from, e->to);
		else
			prv_buf_addstr(&b, "changelog:\n");
		add_dedented(&b, e->text, e->len);
		prv_buf_rtrim(&b);
		prv_buf_addch(&b, '\n');
		if (b.len > 64 * 1024)
			break;
	}
	prv_buf_rtrim(&b);
	if (b.len)
		r->changelog[s] = prv_arena_strdup(&r->arena, b.data);
	prv_buf_release(&b);
}

static void changelog_of(struct prv_changelog *cl, struct prv_arena *a,
			 const struct prv_version *v)
{
	size_t i;

	if (v->cover)
		prv_changelog_parse(cl, a, v->cover->msg.body,
				    v->cover->msg.body_len, v->version, 0);
	for (i = 0; i < v->nr_patches; i++) {
		const struct prv_mail *m = v->patches[i].mail;

		if (!m || v->patches[i].filled_in)
			continue;
		prv_changelog_parse_patch(cl, a, &m->pm, v->version,
					  v->patches[i].index);
	}
}

static int run_family(struct prv_check_ctx *ctx, const struct prv_check *c)
{
	struct prv_version *v = ctx->cur;
	int ret = 0;
	size_t i, f, h;

	for (; c->name && !ret; c++) {
		struct prv_check_target t = { NULL, NULL, NULL };

		/* A patch alone says nothing about its series but its tree. */
		if (ctx->opts && ctx->opts->single_patch &&
		    (c->scope == PRV_SCOPE_SERIES ||
		     c->scope == PRV_SCOPE_VERSION_PAIR) &&
		    strcmp(c->name, "series/tree"))
			continue;
		/* what the thread is decides which checks mean something */
		if (!prv_kind_check_applies(ctx->series->kind, c->name))
			continue;
		switch (c->scope) {
		case PRV_SCOPE_SERIES:
			ret = c->run(ctx, &t);
			break;
		case PRV_SCOPE_VERSION_PAIR:
			if (ctx->prev)
				ret = c->run(ctx, &t);
			break;
		case PRV_SCOPE_PATCH:
			for (i = 0; i < v->nr_patches && !ret; i++) {
				if (!v->patches[i].mail ||
				    v->patches[i].filled_in)
					continue;
				t.patch = &v->patches[i];
				ret = c->run(ctx, &t);
			}
			break;
		case PRV_SCOPE_HUNK:
			for (i = 0; i < v->nr_patches && !ret; i++) {
				struct prv_mail *m = v->patches[i].mail;

				if (!m || v->patches[i].filled_in)
					continue;
				t.patch = &v->patches[i];
				for (f = 0; f < m->diff.nr_files && !ret; f++) {
					t.file = &m->diff.files[f];
					for (h = 0;
					     h < t.file->nr_hunks && !ret;
					     h++) {
						t.hunk = &t.file->hunks[h];
						ret = c->run(ctx, &t);
					}
					/* files without hunks (binary,
					 * renames) still count once */
					if (!t.file->nr_hunks) {
						t.hunk = NULL;
						ret = c->run(ctx, &t);
					}
				}
			}
			break;
		}
	}
	return ret;
}

int prv_checks_run(struct prv_report *r, struct prv_input *in,
		   const struct prv_check_opts *opts)
{
	struct prv_repo *repo = opts ? opts->repo_handle : NULL;
	size_t s, k;
	int ret = 0;

	/*
	 * libgit2 stays initialised for the whole run: the range-diff inits
	 * and shuts it down per version pair otherwise, and each init reads
	 * the system's certificate bundle.
	 */
	git_libgit2_init();
	if (in)
		r->warnings = &in->warnings;
	/* The repository is opened once for the run. */
	if (!repo && opts && opts->repo) {
		ret = prv_repo_open(&repo, opts->repo);
		if (ret) {
			git_libgit2_shutdown();
			return ret;
		}
	}
	for (s = 0; in && s < in->nr_series && !ret; s++) {
		struct prv_series *se = &in->series[s];
		struct prv_check_ctx ctx;
		struct prv_arena scratch = PRV_ARENA_INIT;

		if (!se->nr_versions)
			continue;
		memset(&ctx, 0, sizeof(ctx));
		ctx.report = r;
		ctx.opts = opts;
		ctx.series = se;
		ctx.arena = &scratch;
		ctx.repo = repo;
		ctx.cur = &se->versions[se->nr_versions - 1];
		ctx.prev = se->nr_versions > 1 ?
				   &se->versions[se->nr_versions - 2] :
				   NULL;
		ctx.profile = opts && opts->profile >= 0 ?
				      (enum prv_profile)opts->profile :
				      choose_profile(ctx.cur);
		if (ctx.prev)
			prv_check_pairs_build(&ctx.pairs, &ctx.nr_pairs,
					      &scratch, ctx.prev, ctx.cur);
		changelog_of(&ctx.changelog, &scratch, ctx.cur);
		ctx.series_index = prv_report_add_series(
			r, se, prv_profile_name(ctx.profile));
		r->skipped[ctx.series_index] = prv_kind_skipped(se->kind);
		describe_changes(r, ctx.series_index, &ctx);
		describe_changelog(r, ctx.series_index, &ctx);
		for (k = 0; k < PRV_ARRAY_SIZE(families) && !ret; k++)
			ret = run_family(&ctx, families[k]);
		prv_arena_release(&scratch);
	}
	prv_report_build_checklist(r);
	if (opts && repo != opts->repo_handle)
		prv_repo_free(repo);
	git_libgit2_shutdown();
	return ret;
}
