/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_CHANGELOG_H
#define PRV_CHANGELOG_H

#include <stdbool.h>
#include <stddef.h>

#include "core/base/arena.h"
#include "core/mail/patchmail.h"

/*
 * Changelogs between versions, wherever authors put them: the cover
 * letter, below the "---" line of a patch, or inside the commit message
 * (before or after the trailers). Recognised headers (case does not
 * matter; a leading bullet or '>' is allowed; "vN" may be "RFC vN" or
 * "version N"):
 *
 *	Changes in v3:  Changes in RFC v2:  Changelog for version 3:
 *	Changes since v2:  Change from v2:  Diff with v1:  Changes v2 -> v3:
 *	--changes in v2 to v1
 *	v2 -> v3:  v2->v3  v2 - v3:  v2..v3:  v2...v3  v2<U+2026>v3
 *	v3:  [v3]  v3 changes:  v6 updates (note):  v7 (03-Mar-2025)
 *	Version 2:  From v2 (<url>)  Since v1:
 *	v2: <url>             (followed by what v2 changed, or nothing)
 *	Changelog:  Changes:  Patchset History:  (entries inside name versions)
 *	Changes since last iteration:  (the change to the version posted)
 *
 * In a cover letter or a patch's notes, a sentence such as "This is v3,
 * ..." or "Resent after rebase, no changes" also stands for the change
 * to the version posted. Links: "Link to v2: <url>", "v2: <url>", the
 * URL alone on the line after "v1:", "(url)" after "From v2", footnotes
 * ("Changes from v11 [1]:" ... "[1] https://...").
 *
 * An entry runs until the next header, a "---" or "-- " line, a b4 footer
 * ("base-commit:", "change-id:"), a Signed-off-by, a diffstat or a diff.
 */

#define PRV_CHANGELOG_MAX_ENTRIES 256

struct prv_changelog_link {
	int version; /* version the link points to, 0 when not known */
	const char *url;
};

struct prv_changelog_entry {
	int from; /* the older version; to - 1 unless written */
	int to; /* the version the changes made; 0 when not known */
	int patch; /* 0 the cover; k the patch whose notes held it */
	const char *text; /* the entry's lines, header excluded */
	size_t len;
	struct prv_changelog_link *links;
	size_t nr_links;
};

struct prv_changelog {
	struct prv_changelog_entry *entries;
	size_t nr, alloc;
	bool has_block; /* a "Changelog:" header without versions was seen */
	int split_at; /* "v10 split from patch-set ...": see split_at() */
};

/*
 * Parse the changelog entries of `len` bytes of text (a cover body, or a
 * patch's notes) written for version `version` (used when a header does
 * not say), and append them to `out`. `patch` says where it came from.
 * Strings live in `a`. Never fails.
 */
void prv_changelog_parse(struct prv_changelog *out, struct prv_arena *a,
			 const char *text, size_t len, int version, int patch);

/*
 * Parse the changelog of one patch: its notes (below "---") and the
 * version headers of its commit message, where some authors keep it.
 */
void prv_changelog_parse_patch(struct prv_changelog *out, struct prv_arena *a,
			       const struct prv_patchmail *pm, int version,
			       int patch);

/*
 * True if the line only links to a version ("Link to v1: <url>",
 * "v1: <url>", "[1] <url>", a URL alone): it says nothing about the
 * change, nor about review tags.
 */
bool prv_changelog_link_line(const char *s, size_t len);

/* True if some entry describes the change from version v-1 to v. */
/*
 * Whether entry e speaks of version v: its steps reach v (from < v <= to),
 * or it names no version (a note that goes with the mail it is in).
 */
bool prv_changelog_entry_for(const struct prv_changelog_entry *e, int v);

bool prv_changelog_covers(const struct prv_changelog *cl, int v);

/* True if some link of the changelog points to version v. */
bool prv_changelog_has_link(const struct prv_changelog *cl, int v);

/*
 * Whether `text` names patch k of a version of `total` patches: "patch 2",
 * "Patches 1-3", "patches 11,15/15", "patch #5", "1, 3 and 4", "2/5"
 * (total 0: not by "k/N"). The one reader of patch numbers in changelogs.
 */
bool prv_changelog_names_patch(const char *text, size_t len, int k, int total);

/* Whether `text` names any patch of a version of `total` patches. */
bool prv_changelog_names_a_patch(const char *text, size_t len, int total);

/*
 * The version at which the series was split out of another one ("Changes
 * in v10: - Split from patch-set: bridge-fastpath ... v9", "v10 split from
 * patch-set ..."): versions before it are the other series' history.
 * 0 when the changelog says no such thing.
 */
int prv_changelog_split_at(const struct prv_changelog *cl);

/* True if the changelog has no entry at all. */
bool prv_changelog_empty(const struct prv_changelog *cl);

#endif
