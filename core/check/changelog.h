/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_CHANGELOG_H
#define PRV_CHANGELOG_H

#include <stdbool.h>
#include <stddef.h>

#include "core/base/arena.h"

/*
 * Changelogs between versions, wherever authors put them: the cover
 * letter, or below the "---" line of a patch. Recognised headers (case
 * does not matter, a leading bullet is allowed):
 *
 *	Changes in v3:            (b4; "- Link to v2: <url>" lines)
 *	Changes since v2:  Changes from v2:  Changes v2 -> v3:
 *	v2 -> v3:  v2->v3  v2 - v3:  v2..v3:
 *	v3:  v3 changes:  [v3]  Changelog v3:
 *	Changelog:  Changes:      (entries inside name versions)
 *
 * An entry runs until the next header, a "---" or "-- " line, a b4 footer
 * ("base-commit:", "change-id:"), a diffstat or a diff.
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
};

/*
 * Parse the changelog entries of `len` bytes of text (a cover body, or a
 * patch's notes) written for version `version` (used when a header does
 * not say), and append them to `out`. `patch` says where it came from.
 * Strings live in `a`. Never fails.
 */
void prv_changelog_parse(struct prv_changelog *out, struct prv_arena *a,
			 const char *text, size_t len, int version, int patch);

/* True if some entry describes the change from version v-1 to v. */
bool prv_changelog_covers(const struct prv_changelog *cl, int v);

/* True if some link of the changelog points to version v. */
bool prv_changelog_has_link(const struct prv_changelog *cl, int v);

/* True if the changelog has no entry at all. */
bool prv_changelog_empty(const struct prv_changelog *cl);

#endif
