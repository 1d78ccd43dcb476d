/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_B4TRACK_H
#define PRV_B4TRACK_H

#include <stdbool.h>
#include <stddef.h>

#include "core/base/arena.h"
#include "core/series/series.h"

/*
 * b4's tracking data: `b4 review` runs its check commands with
 * B4_TRACKING_FILE naming a JSON file that tells what b4 knows of the
 * series under review (its cover, patches, base). Every key is optional;
 * a key of the wrong type makes the file malformed.
 */

#define PRV_B4TRACK_ENV "B4_TRACKING_FILE"
#define PRV_B4TRACK_MAX ((size_t)4 << 20) /* bytes of a tracking file */
#define PRV_B4TRACK_PATCHES_MAX 10000 /* patches listed */

struct prv_b4track {
	const char *source; /* the file's name, for messages */
	int revision; /* series.revision, 0 when not given */
	const char *change_id; /* series.change-id, or NULL */
	/* the cover's message-id (no <>): series.header-info.msgid, else
	 * the last part of series.link; NULL when neither */
	const char *cover_msgid;
	const char *link; /* series.link, or NULL */
	const char *subject; /* series.subject, or NULL */
	const char *base_commit; /* series.base-commit (hex), or NULL */
	int expected; /* series.expected, 0 when not given */
	/* the message-ids of patches[] (header-info.msgid, else the link),
	 * in order; patches that name none are left out */
	const char **patch_msgids;
	size_t nr_patch_msgids;
	/* b4 prep's own keys: series.prefixes (subject words after PATCH,
	 * "net", "RFC"), series.base-branch (or NULL) */
	const char **prefixes;
	size_t nr_prefixes;
	const char *base_branch;
};

/*
 * Parse tracking data named `source`. Strings live in `a`. Returns 0, or
 * PRV_EPARSE / PRV_ENOMEM with a message naming the source.
 */
int prv_b4track_parse(struct prv_b4track *t, struct prv_arena *a,
		      const char *data, size_t len, const char *source);

/* Read and parse the file at `path` (PRV_EIO when it cannot be read). */
int prv_b4track_read(struct prv_b4track *t, struct prv_arena *a,
		     const char *path);

/*
 * The message-id a lore link names ("https://host/r/<id>", ".../list/<id>/"),
 * read as core/lore/loreurl.h reads lore URLs, in `a`; NULL when the link names
 * none.
 */
const char *prv_b4track_link_msgid(struct prv_arena *a, const char *link);

/*
 * Narrow the assembled `in` to what b4 reviews: the series of the cover
 * letter `cover` (the mail b4 gave on stdin) and its versions up to the
 * cover's, even when lore holds a newer one. The cover's version is the
 * one holding `cover`, else (when lore's copy of the cover won over one
 * without a Message-ID) the one of the cover's version number holding a
 * patch that `t` names. The other series and the later versions are
 * dropped from view (their nr_versions lowered; the mails stay in `in`).
 * Returns false, and leaves `in` as it is, when no version is the cover's.
 */
bool prv_b4track_narrow(struct prv_input *in, const struct prv_mail *cover,
			const struct prv_b4track *t);

#endif
