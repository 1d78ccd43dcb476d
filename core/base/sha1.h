/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_SHA1_H
#define PRV_SHA1_H

#include <stddef.h>
#include <stdint.h>

/*
 * SHA-1 (FIPS 180-4), for patch-ids and synthesised Message-IDs only: not
 * for anything that needs collision resistance.
 */

struct prv_sha1 {
	uint32_t h[5];
	uint64_t len; /* bytes hashed so far */
	unsigned char buf[64];
};

void prv_sha1_init(struct prv_sha1 *c);
void prv_sha1_update(struct prv_sha1 *c, const void *data, size_t len);
/* Write the 20-byte digest; the context must be re-initialised to reuse. */
void prv_sha1_final(unsigned char out[20], struct prv_sha1 *c);
/* Lowercase hex of `n` bytes into `out` (2n + 1 bytes with the NUL). */
void prv_hex(char *out, const unsigned char *bytes, size_t n);

#endif
