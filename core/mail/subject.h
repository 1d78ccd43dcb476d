/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_SUBJECT_H
#define PRV_SUBJECT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/base/arena.h"

/*
 * Patch subjects with b4's semantics: leading "Re:"/"Aw:"/"Fwd:" (any case,
 * repeated) make a reply; every leading [...] group is read as tokens split
 * on white space and commas: "PATCH" (also "PATCHv3" = v3), "RFC", "RESEND"
 * or "REPOST" (any case), ^v\d+$ version, "v2.1" point version (not
 * "v6.1": a kernel release), ^\d{1,4}/\d{1,4}$ counter (Mercurial's "0 of
 * 2" too), "vN->vM" partial reroll; every other token is a tree tag
 * ("net", "net-next", "mptcp-net"), kept whole.
 */

struct prv_subject {
	bool is_reply; /* Re:, Aw:, Fwd: ... */
	bool is_patch; /* had a PATCH or RFC token in a bracket group */
	bool rfc;
	bool resend;
	bool has_counter; /* k/N present */
	int version; /* 1 when absent */
	int point; /* M of a point version "vN.M" (partial reroll), else 0 */
	int index; /* k of k/N; 0 for a cover letter; 1 when absent */
	int total; /* N of k/N; 1 when absent */
	int partial_from; /* M of "vM->vN", else 0 */
	const char **tags; /* other tokens in order; NUL-terminated strings */
	size_t nr_tags;
	const char *title; /* subject without replies and [...] groups */
};

/* Parse a decoded subject. Strings live in `a`. Never fails. */
void prv_subject_parse(struct prv_subject *out, struct prv_arena *a,
		       const char *subject, size_t len);

/* True if the subject names tree tag `tag` as a whole token. */
bool prv_subject_has_tag(const struct prv_subject *s, const char *tag);

#endif
