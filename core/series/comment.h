/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_COMMENT_H
#define PRV_COMMENT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/base/arena.h"
#include "core/series/series.h"

/*
 * Review comments: what reviewers wrote in their replies to the patches
 * and the cover letter of one version, each anchored to what it is about.
 *
 * A comment is the replier's own (unquoted) text that follows a run of
 * quoted lines; one reply can hold several. Own text of a reply that
 * quotes nothing counts as one comment on the whole patch. Not comments:
 * attribution lines ("On <date>, X wrote:"), "[...]" gaps, greetings and
 * sign-offs, review trailers (Reviewed-by: ...), acknowledgements alone
 * ("Applied, thanks", "LGTM"), "pw-bot:" commands, the replies of bots
 * (kernel test robot, patchwork-bot, CI bots, syzbot) and the replies of
 * the series' author (those are answers, see core/check/comments.h).
 * Quoted text is never the replier's comment, whoever wrote it.
 *
 * Each comment is anchored to the diff line its quote ends on (file and
 * line, matched back to the hunk even when the quote is trimmed,
 * re-indented or re-wrapped), else to the commit message when the quote is
 * from it, else to the patch as a whole; a comment on the cover letter is
 * anchored to the cover. Its status is judged one floor up, against the
 * next version (core/check/comments.h).
 */

enum prv_comment_anchor {
	PRV_ANCHOR_DIFF, /* a line of the diff: file, hunk, line */
	PRV_ANCHOR_MESSAGE, /* the commit message (title included) */
	PRV_ANCHOR_PATCH, /* the patch as a whole (no quote matched) */
	PRV_ANCHOR_COVER, /* the cover letter */
};

enum prv_comment_status {
	PRV_COMMENT_OPEN, /* nothing visible in the next version */
	PRV_COMMENT_CHANGED, /* the anchored lines or their hunk changed */
	PRV_COMMENT_CREDITED, /* the next version's changelog says so */
	PRV_COMMENT_ANSWERED, /* the author replied, the reviewer did not
				 come back */
	PRV_COMMENT_DROPPED, /* the patch is gone from the next version */
	PRV_COMMENT_PENDING, /* on the last version: no next one yet */
	PRV_COMMENT_NR,
};

struct prv_comment {
	int version; /* the version commented on */
	int patch; /* k of k/N; 0 for the cover */
	const struct prv_patch *patch_at; /* NULL for the cover */
	const struct prv_mail *mail; /* the reply holding it */
	struct prv_person reviewer; /* who wrote it (the reply's sender) */
	enum prv_comment_anchor anchor;
	const struct prv_file *file; /* PRV_ANCHOR_DIFF, else NULL */
	const struct prv_hunk *hunk; /* PRV_ANCHOR_DIFF, else NULL */
	const char *path; /* the file's path, NULL unless PRV_ANCHOR_DIFF */
	long line; /* in the new file (old file for a removed line), or 0 */
	/*
	 * The line the comment is about: the diff line with its marker for
	 * PRV_ANCHOR_DIFF, the message line for PRV_ANCHOR_MESSAGE, else the
	 * last quoted line; "" when nothing was quoted.
	 */
	const char *quote;
	const char *text; /* the replier's own lines, trimmed */
	size_t nth; /* its order among the comments of its mail, from 0 */
	enum prv_comment_status status; /* PRV_COMMENT_OPEN until judged */
	const char *evidence; /* why the status, or "" */
};

struct prv_comments {
	struct prv_comment *items;
	size_t nr, alloc;
};

/*
 * Append the comments given in replies to the patches and the cover
 * letter of version `v` of series `s` (in the order of the patches, the
 * cover's last; within a patch by order of arrival). Strings live in `a`;
 * mails, patches, files and hunks are borrowed from the input. At most
 * PRV_COMMENTS_MAX comments are kept per version.
 */
#define PRV_COMMENTS_MAX 4096
void prv_comments_extract(struct prv_comments *out, struct prv_arena *a,
			  const struct prv_series *s,
			  const struct prv_version *v);

/*
 * The number of comments in the replies to patch `p` of version `v`, or
 * to its cover letter when `p` is NULL (prereview show).
 */
size_t prv_comments_count(const struct prv_series *s,
			  const struct prv_version *v,
			  const struct prv_patch *p);

/*
 * Whether `from` wrote the series (its author, or the author or sender of
 * one of v's patches): their replies are answers, not comments.
 */
bool prv_comment_by_author(const struct prv_series *s,
			   const struct prv_version *v,
			   const struct prv_person *from);

/* Whether a reply comes from a bot (robots, CI, patchwork, syzbot). */
bool prv_comment_from_bot(const struct prv_mail *m);

/*
 * Whether line `s` (len bytes, no newline) is quoted: '>' after at most
 * three spaces.
 */
bool prv_comment_quoted(const char *s, size_t len);

/*
 * Whether reply `r` quotes the first line of comment text `text` (quote
 * markers, indentation and re-wrapping aside).
 */
bool prv_comment_quoted_in(const struct prv_mail *r, const char *text);

/*
 * The key of a line as comments are matched: quote markers (when
 * `quoted`) and one diff marker dropped, white space runs made one space,
 * trimmed, at most PRV_COMMENT_KEY_MAX bytes; written to `out` (one byte
 * more). Returns its length.
 */
#define PRV_COMMENT_KEY_MAX 160
size_t prv_comment_key(char *out, const char *s, size_t len, bool quoted);

/* "open", "changed", "credited", "answered", "dropped", "pending" */
const char *prv_comment_status_name(enum prv_comment_status st);

#endif
