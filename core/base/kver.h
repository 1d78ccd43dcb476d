/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_KVER_H
#define PRV_KVER_H

#include <stdbool.h>

/*
 * Kernel version names: mainline release tags "vX.Y", release candidates
 * "vX.Y-rcN", stable releases "vX.Y.Z", stable branches "linux-X.Y.y", and
 * the "# X.Y+" note of a "Cc: stable@vger.kernel.org" trailer.
 */

struct prv_kver {
	int major, minor;
	int sub; /* Z of vX.Y.Z; 0 for a release or an -rc */
	int rc; /* N of vX.Y-rcN; 0 when not a release candidate */
};

/* "vX.Y", "vX.Y-rcN", "vX.Y.Z" exactly (Z >= 1, N >= 1); false otherwise. */
bool prv_kver_parse_tag(struct prv_kver *v, const char *name);

/* "linux-X.Y.y" exactly (a stable branch's short name). */
bool prv_kver_parse_branch(struct prv_kver *v, const char *name);

/*
 * Release order: vX.Y-rc1 < vX.Y-rc2 < vX.Y < vX.Y.1 < vX.(Y+1)-rc1.
 * Negative, 0 or positive.
 */
int prv_kver_cmp(const struct prv_kver *a, const struct prv_kver *b);

/* The X.Y series only: negative, 0 or positive. */
int prv_kver_cmp_series(int major_a, int minor_a, int major_b, int minor_b);

/* Whether a trailer value addresses stable@vger.kernel.org (or @kernel.org). */
bool prv_kver_is_stable_cc(const char *value);

/*
 * The oldest series of a stable Cc: the X.Y of "stable@vger.kernel.org #
 * 6.1+", "# 6.1.x", "# v6.1+", "# >= 6.1", "# 5.15.y: <prerequisite>".
 * False when the value is no stable Cc or says no version.
 */
bool prv_kver_stable_cc(const char *value, int *major, int *minor);

#endif
