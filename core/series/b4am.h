/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_B4AM_H
#define PRV_B4AM_H

#include <stddef.h>

#include "core/series/series.h"

/*
 * `b4 am` output read as b4 wrote it. `b4 am -o DIR` writes the patches
 * of one version as [vN_]YYYYMMDD_<local part>_<title>.mbx, each mail
 * after a "From git@z Thu Jan  1 00:00:00 1970" line, and its cover
 * letter, when it has one, as the same name with .cover. Every mail is
 * written anew: From: the author (not who sent it), Subject "[PATCH RFC
 * vN k/N] title" (the tree tag dropped), Date, Message-Id, and no
 * recipients nor threading headers. Those mails are one posting: the
 * series assembly keeps them together whatever their authors.
 */

/*
 * Mark the mails in->mails[from..] that `path` gave as b4 am's: those the
 * mbox split saw after b4's From_ line, or the one mail of a .cover file
 * that carries b4's headers alone. Each gets the posting (the path
 * without .mbx or .cover) and the version b4's file name gives.
 */
void prv_b4am_mark(struct prv_input *in, size_t from, const char *path);

/*
 * The .cover b4 wrote next to the .mbx at `path`, when `path` names a b4
 * am .mbx whose mails are in->mails[from..] and that file exists: a
 * malloc'd path, else NULL.
 */
char *prv_b4am_cover_path(const struct prv_input *in, size_t from,
			  const char *path);

#endif
