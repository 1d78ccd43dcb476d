/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_GZIP_H
#define PRV_GZIP_H

#include <stddef.h>

/* The default cap on what one .gz may inflate to (a zip bomb stops there). */
#define PRV_GZIP_MAX_DEFAULT ((size_t)64 << 20)

/*
 * Inflate gzip data, refusing more than `max` bytes out (PRV_ENOMEM);
 * `source` names the input in the error message. *out is malloc'd.
 */
int prv_gunzip(char **out, size_t *out_len, const char *data, size_t len,
	       size_t max, const char *source);

#endif
