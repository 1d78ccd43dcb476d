/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_GZIP_H
#define PRV_GZIP_H

#include <stdbool.h>
#include <stddef.h>

/*
 * gzip data in memory (zlib): what lore's t.mbox.gz and search answers are,
 * and what a .gz SOURCE holds. Inflating refuses more than a cap (the one
 * on every input, PRV_INPUT_MAX_DEFAULT unless set), so a gzip bomb is an
 * error and not an exhausted memory.
 */

/* True if `data` starts with the gzip magic bytes. */
bool prv_is_gzip(const char *data, size_t len);

/*
 * Inflate gzip data (concatenated members allowed) into a malloc'd,
 * NUL-terminated buffer, refusing more than `max` bytes out (PRV_ENOMEM).
 * PRV_EPARSE for bad or truncated data; messages name `source`.
 */
int prv_gunzip(char **out, size_t *out_len, const char *data, size_t len,
	       size_t max, const char *source);

#endif
