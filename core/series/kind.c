// SPDX-License-Identifier: GPL-2.0-or-later
#include <string.h>
#include <strings.h>

#include "core/base/util.h"
#include "core/series/kind.h"

/* How far into a body the boilerplate of a kind is looked for. */
#define KIND_SCAN_MAX 8192
/* Lines at the top of a commit message that may say "commit X upstream". */
#define KIND_UPSTREAM_LINES 4
#define SHA_MIN 12

static const char *const kind_names[PRV_KIND_NR] = {
	[PRV_KIND_SERIES] = "series",
	[PRV_KIND_PULL] = "pull",
	[PRV_KIND_STABLE_REVIEW] = "stable-review",
	[PRV_KIND_BACKPORT] = "backport",
	[PRV_KIND_AUTOSEL] = "autosel",
	[PRV_KIND_DISCUSSION] = "discussion",
};

const char *prv_kind_name(enum prv_kind k)
{
	return k < PRV_KIND_NR ? kind_names[k] : "series";
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_hex(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static bool contains(const char *text, size_t len, const char *what)
{
	if (!text)
		return false;
	if (len > KIND_SCAN_MAX)
		len = KIND_SCAN_MAX;
	return memmem(text, len, what, strlen(what)) != NULL;
}

/*
 * One kernel release, "6.6", "v5.15", "6.1.y", "6.12+", "4.19.325":
 * the bytes it takes, or 0. Majors from 3 on (user-space tools number
 * their releases 1.x).
 */
static size_t release_len(const char *s, size_t len)
{
	size_t i = 0, n;
	int major = 0;

	if (i < len && (s[i] == 'v' || s[i] == 'V'))
		i++;
	for (n = 0; i < len && is_digit(s[i]) && n < 2; i++, n++)
		major = major * 10 + (s[i] - '0');
	if (!n || major < 3 || i >= len || s[i] != '.')
		return 0;
	i++;
	for (n = 0; i < len && is_digit(s[i]) && n < 3; i++, n++)
		;
	if (!n)
		return 0;
	if (i + 1 < len && s[i] == '.' &&
	    (s[i + 1] == 'y' || s[i + 1] == 'Y' || s[i + 1] == 'x' ||
	     is_digit(s[i + 1]))) {
		for (i += 2; i < len && is_digit(s[i]); i++)
			;
	}
	if (i < len && s[i] == '+')
		i++;
	return i;
}

/* "6.6.y", "5.10/5.15/6.1", "v5.15-v6.1", "linux-6.6.y", "stable-6.1" */
static bool stable_token(const char *t)
{
	size_t len = strlen(t), i = 0, n;

	if (prv_eq_ci(t, len, "stable") || prv_eq_ci(t, len, "-stable"))
		return true;
	if (prv_starts_with_ci(t, len, "linux-"))
		i = 6;
	else if (prv_starts_with_ci(t, len, "stable-"))
		i = 7;
	else if (prv_starts_with_ci(t, len, "-stable-"))
		i = 8;
	while (i < len) {
		n = release_len(t + i, len - i);
		if (!n)
			return false;
		i += n;
		if (i < len && (t[i] == '-' || t[i] == '/' || t[i] == '_'))
			i++;
	}
	return i == len && len > 0;
}

/* A release names the tree better than "stable": "-stable,5.10" is 5.10. */
const char *prv_kind_stable_tag(const struct prv_subject *s)
{
	const char *bare = NULL;
	size_t i, len;

	for (i = 0; i < s->nr_tags; i++) {
		if (!stable_token(s->tags[i]))
			continue;
		len = strlen(s->tags[i]);
		if (prv_eq_ci(s->tags[i], len, "stable") ||
		    prv_eq_ci(s->tags[i], len, "-stable"))
			bare = bare ? bare : s->tags[i];
		else
			return s->tags[i];
	}
	return bare;
}

static bool has_any_tag(const struct prv_subject *s, const char *const *tags)
{
	for (; *tags; tags++)
		if (prv_subject_has_tag(s, *tags))
			return true;
	return false;
}

/*
 * A line naming an upstream commit: "commit <sha> upstream.",
 * "[ Upstream commit <sha> ]", "(cherry picked from commit <sha>)".
 */
static bool upstream_line(const char *p, size_t len)
{
	size_t i, run = 0;
	bool sha = false;

	for (i = 0; i < len; i++) {
		run = is_hex(p[i]) ? run + 1 : 0;
		if (run >= SHA_MIN && (i + 1 == len || !is_hex(p[i + 1])))
			sha = true;
	}
	if (!sha)
		return false;
	for (i = 0; i + 8 <= len; i++)
		if (prv_starts_with_ci(p + i, len - i, "upstream") ||
		    prv_starts_with_ci(p + i, len - i, "cherry picked"))
			return true;
	return false;
}

/*
 * Whether a line opens the way backports do: "commit <sha> upstream.",
 * "[ Upstream commit <sha> ]", "Upstream commit <sha>", "(cherry picked
 * ...": a cover that mentions an upstream commit in a sentence is no
 * backport.
 */
static bool upstream_opening(const char *p, size_t n)
{
	size_t i = 0;

	while (i < n &&
	       (p[i] == ' ' || p[i] == '\t' || p[i] == '[' || p[i] == '('))
		i++;
	return prv_starts_with_ci(p + i, n - i, "commit ") ||
	       prv_starts_with_ci(p + i, n - i, "upstream commit") ||
	       prv_starts_with_ci(p + i, n - i, "cherry picked");
}

/*
 * Whether one of the first `max_lines` non-blank lines names upstream
 * (with `opening`, as backports open: upstream_opening()).
 */
static bool upstream_in(const char *text, size_t len, size_t max_lines,
			bool opening)
{
	const char *p = text, *end;
	size_t lines = 0;

	if (!text)
		return false;
	if (len > KIND_SCAN_MAX * 4)
		len = KIND_SCAN_MAX * 4;
	end = text + len;
	while (p < end && lines < max_lines) {
		const char *nl = memchr(p, '\n', end - p);
		size_t n = (nl ? nl : end) - p;

		if (n > 1) {
			if (upstream_line(p, n) &&
			    (!opening || upstream_opening(p, n)))
				return true;
			lines++;
		}
		p = nl ? nl + 1 : end;
	}
	return false;
}

bool prv_kind_names_upstream(const struct prv_mail *m)
{
	return upstream_in(m->pm.message, m->pm.message_len, (size_t)-1,
			   false) ||
	       upstream_in(m->msg.body, m->msg.body_len, KIND_UPSTREAM_LINES,
			   false);
}

bool prv_kind_says_stable_only(const struct prv_mail *m)
{
	static const char *const says[] = {
		"no upstream commit",	   "not exist upstream",
		"not exist in upstream",   "n't exist upstream",
		"n't exist in upstream",   "not upstream",
		"not in upstream",	   "not present upstream",
		"not present in upstream", "no upstream equivalent",
		"no equivalent upstream",  "stable-only",
		"not needed upstream",	   "not needed in upstream",
	};

	if (!m || !m->msg.body)
		return false;
	return prv_contains_any_ci(m->msg.body,
				   m->msg.body_len > KIND_SCAN_MAX ?
					   KIND_SCAN_MAX :
					   m->msg.body_len,
				   says, PRV_ARRAY_SIZE(says));
}

bool prv_kind_is_stable(enum prv_kind k)
{
	return k == PRV_KIND_BACKPORT || k == PRV_KIND_STABLE_REVIEW ||
	       k == PRV_KIND_AUTOSEL;
}

static bool has_sob(const struct prv_mail *m)
{
	size_t i;

	for (i = 0; i < m->pm.nr_trailers; i++)
		if (m->pm.trailers[i].is_trailer &&
		    !strcasecmp(m->pm.trailers[i].key, "Signed-off-by"))
			return true;
	return false;
}

/*
 * The body up to its diff: a patch that quotes request-pull's text in a
 * hunk (a document about pull requests) is no pull request.
 */
static size_t text_before_diff(const struct prv_mail *m)
{
	size_t len = m->msg.body_len > KIND_SCAN_MAX ? KIND_SCAN_MAX :
						       m->msg.body_len;
	const char *d = m->msg.body ?
				memmem(m->msg.body, len, "\ndiff --git ", 12) :
				NULL;

	return d ? (size_t)(d - m->msg.body) : len;
}

static bool is_pull(const struct prv_mail *m)
{
	static const char *const tags[] = { "pull", NULL };
	const char *body = m->msg.body;
	size_t len = text_before_diff(m);

	return has_any_tag(&m->subj, tags) ||
	       contains(body, len, "The following changes since commit") ||
	       contains(body, len, "are available in the Git repository at") ||
	       contains(body, len, "for you to fetch changes up to");
}

static bool is_discussion(const struct prv_mail *m)
{
	static const char *const tags[] = { "bug",     "report",   "regression",
					    "syzbot",  "question", "discussion",
					    "discuss", NULL };

	/* a numbered posting ("[nf-next 1/2]") is a series without the word */
	if (m->subj.is_patch || m->subj.has_counter)
		return false;
	return has_any_tag(&m->subj, tags) || !has_sob(m);
}

enum prv_kind prv_kind_of_mail(const struct prv_mail *m)
{
	const struct prv_subject *s = &m->subj;
	static const char *const autosel[] = { "autosel", NULL };

	if (has_any_tag(s, autosel))
		return PRV_KIND_AUTOSEL;
	if (contains(m->msg.body, m->msg.body_len,
		     "This is the start of the stable review cycle"))
		return PRV_KIND_STABLE_REVIEW;
	if (is_pull(m))
		return PRV_KIND_PULL;
	if (prv_kind_stable_tag(s) ||
	    upstream_in(m->pm.message, m->pm.message_len, KIND_UPSTREAM_LINES,
			true) ||
	    (s->has_counter && s->index == 0 &&
	     upstream_in(m->msg.body, m->msg.body_len, KIND_UPSTREAM_LINES,
			 true)))
		return PRV_KIND_BACKPORT;
	if (is_discussion(m))
		return PRV_KIND_DISCUSSION;
	return PRV_KIND_SERIES;
}

/*
 * The checks each kind keeps (prefixes of check names); a series keeps
 * them all. Kept small on purpose: one line per kind.
 */
static const char *const pull_checks[] = { "trailers/", "fixes/", "repo/fixes",
					   NULL };
static const char *const stable_checks[] = { "trailers/sob",
					     "trailers/duplicate",
					     "trailers/malformed",
					     "backport/upstream", NULL };
static const char *const no_checks[] = { NULL };
/*
 * Findings of a kept check that still say nothing for the kind: a
 * backport carries the upstream commit's trailers as they are, so its
 * author's sign-off is upstream's business, not the backporter's.
 */
static const char *const stable_drop[] = { "trailer.sob-author-missing", NULL };

static const struct {
	const char *const *keep;
	const char *const *drop;
	const char *skipped;
} kind_rules[PRV_KIND_NR] = {
	[PRV_KIND_PULL] = { pull_checks, no_checks,
			    "only its patches' trailers and Fixes tags "
			    "are checked; subject, cover, length, "
			    "Fixes-present, changelog, review-tag and TCP "
			    "rules were for the patches' own postings" },
	[PRV_KIND_STABLE_REVIEW] = { stable_checks, stable_drop,
				     "only each "
				     "backport's upstream reference and "
				     "Signed-off-by chain are checked" },
	[PRV_KIND_BACKPORT] = { stable_checks, stable_drop,
				"only its upstream "
				"reference and the backporter's Signed-off-by "
				"are checked; series rules are for new work" },
	[PRV_KIND_AUTOSEL] = { stable_checks, stable_drop,
			       "only its "
			       "upstream reference and Signed-off-by chain "
			       "are checked" },
	[PRV_KIND_DISCUSSION] = { no_checks, no_checks,
				  "a diff without [PATCH] or "
				  "Signed-off-by is not a patch series: no "
				  "check applies" },
};

bool prv_kind_check_applies(enum prv_kind k, const char *name)
{
	const char *const *p;

	if (k == PRV_KIND_SERIES || k >= PRV_KIND_NR)
		return true;
	for (p = kind_rules[k].keep; *p; p++)
		if (!strncmp(name, *p, strlen(*p)))
			return true;
	return false;
}

bool prv_kind_finding_applies(enum prv_kind k, const char *id)
{
	const char *const *p;

	if (k == PRV_KIND_SERIES || k >= PRV_KIND_NR)
		return true;
	for (p = kind_rules[k].drop; *p; p++)
		if (!strcmp(id, *p))
			return false;
	return true;
}

const char *prv_kind_skipped(enum prv_kind k)
{
	return k < PRV_KIND_NR ? kind_rules[k].skipped : NULL;
}
