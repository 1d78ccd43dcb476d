/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_DIFF_H
#define PRV_DIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "core/base/arena.h"
#include "core/base/warn.h"

/*
 * A parsed unified diff as git writes it ("diff --git" extended headers,
 * hunks), with plain `--- a` / `+++ b` diffs also accepted. Text pointers
 * point into the diff text given to prv_diff_parse() (not copied), paths
 * and function names are NUL-terminated copies in the arena.
 */

enum prv_file_flags {
	PRV_FILE_NEW = 1 << 0,
	PRV_FILE_DELETED = 1 << 1,
	PRV_FILE_RENAME = 1 << 2,
	PRV_FILE_COPY = 1 << 3,
	PRV_FILE_BINARY = 1 << 4,
	PRV_FILE_MODE = 1 << 5, /* old_mode != new_mode */
};

struct prv_hunk {
	long old_start, old_count, new_start, new_count;
	const char *func; /* function context after the second @@, "" if none */
	const char *header; /* the "@@ ... @@ func" line, not NUL-terminated */
	size_t header_len;
	const char *body; /* lines after the header, each with its marker */
	size_t body_len;
	int added, removed;
};

struct prv_file {
	const char *old_path; /* without a/; NULL for a new file */
	const char *new_path; /* without b/; NULL for a deleted file */
	unsigned flags;
	unsigned old_mode, new_mode; /* octal modes, 0 if not given */
	int similarity; /* rename/copy similarity %, or -1 */
	const char *old_oid, *new_oid; /* from the index line, or NULL */
	const char *text; /* from "diff --git" to the end of this file */
	size_t text_len;
	struct prv_hunk *hunks;
	size_t nr_hunks;
	int added, removed;
};

struct prv_diff {
	struct prv_file *files;
	size_t nr_files;
	int added, removed;
};

/*
 * Parse `len` bytes of diff text. Lines that are not diff (a stray
 * signature, garbage between files) are skipped with a warning. Returns 0;
 * a text with no file in it gives nr_files == 0.
 */
int prv_diff_parse(struct prv_diff *out, struct prv_arena *a, const char *text,
		   size_t len, const char *message_id, struct prv_warnings *w);

/* The path to show for a file: new_path, else old_path. */
const char *prv_file_path(const struct prv_file *f);

/*
 * The function line in effect at the body line starting `off` bytes into
 * h->body: the last line of the hunk up to and including that one, on
 * that line's side (context and added lines for an added or context line,
 * context and removed lines for a removed one), that starts a function as
 * git's funcname rules see one: a letter, '_' or '$' right after the
 * marker; a goto label such as "out:" is not one, as with git's cpp rule,
 * which the kernel selects for *.c and *.h. Else h->func, git's function
 * line before the hunk. So a removed definition never names the function
 * of an added line. Returns the line without its marker and *len its
 * length without trailing white space (not NUL-terminated); "" and 0 when
 * there is no function line.
 */
const char *prv_hunk_func_at(const struct prv_hunk *h, size_t off, size_t *len);

#endif
