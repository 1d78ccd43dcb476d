/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_PATCHID_H
#define PRV_PATCHID_H

#include <stddef.h>

/*
 * `git patch-id --stable` of a diff text (everything before the first
 * "diff " line is ignored). Writes 40 lowercase hex digits and a NUL into
 * `out`. Returns 0, or PRV_ENOTFOUND when the text holds no diff.
 */
int prv_patchid_stable(char out[41], const char *diff, size_t len);

#endif
