// SPDX-License-Identifier: GPL-2.0-or-later
#include <string.h>

#include "core/base/sha1.h"

#define ROL(x, n) (((x) << (n)) | ((x) >> (32 - (n))))

static inline uint32_t load_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

/* Message schedule kept in a 16-word ring, as most small SHA-1s do. */
#define W(t) (w[(t)&15])
#define SCHED(t) (W(t) = ROL(W((t) + 13) ^ W((t) + 8) ^ W((t) + 2) ^ W(t), 1))

#define R0(a, b, c, d, e, t)                                               \
	do {                                                               \
		e += ROL(a, 5) + (d ^ (b & (c ^ d))) + W(t) + 0x5a827999u; \
		b = ROL(b, 30);                                            \
	} while (0)
#define R1(a, b, c, d, e, t)                                                   \
	do {                                                                   \
		e += ROL(a, 5) + (d ^ (b & (c ^ d))) + SCHED(t) + 0x5a827999u; \
		b = ROL(b, 30);                                                \
	} while (0)
#define R2(a, b, c, d, e, t)                                           \
	do {                                                           \
		e += ROL(a, 5) + (b ^ c ^ d) + SCHED(t) + 0x6ed9eba1u; \
		b = ROL(b, 30);                                        \
	} while (0)
#define R3(a, b, c, d, e, t)                                            \
	do {                                                            \
		e += ROL(a, 5) + ((b & c) | (d & (b | c))) + SCHED(t) + \
		     0x8f1bbcdcu;                                       \
		b = ROL(b, 30);                                         \
	} while (0)
#define R4(a, b, c, d, e, t)                                           \
	do {                                                           \
		e += ROL(a, 5) + (b ^ c ^ d) + SCHED(t) + 0xca62c1d6u; \
		b = ROL(b, 30);                                        \
	} while (0)

#define FIVE(R, t)                         \
	do {                               \
		R(a, b, c, d, e, (t));     \
		R(e, a, b, c, d, (t) + 1); \
		R(d, e, a, b, c, (t) + 2); \
		R(c, d, e, a, b, (t) + 3); \
		R(b, c, d, e, a, (t) + 4); \
	} while (0)

static void sha1_block(uint32_t h[5], const unsigned char *p)
{
	uint32_t w[16];
	uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
	int i;

	for (i = 0; i < 16; i++)
		w[i] = load_be32(p + 4 * i);

	FIVE(R0, 0);
	FIVE(R0, 5);
	FIVE(R0, 10);
	R0(a, b, c, d, e, 15);
	R1(e, a, b, c, d, 16);
	R1(d, e, a, b, c, 17);
	R1(c, d, e, a, b, 18);
	R1(b, c, d, e, a, 19);
	FIVE(R2, 20);
	FIVE(R2, 25);
	FIVE(R2, 30);
	FIVE(R2, 35);
	FIVE(R3, 40);
	FIVE(R3, 45);
	FIVE(R3, 50);
	FIVE(R3, 55);
	FIVE(R4, 60);
	FIVE(R4, 65);
	FIVE(R4, 70);
	FIVE(R4, 75);

	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
	h[4] += e;
}

void prv_sha1_init(struct prv_sha1 *c)
{
	c->h[0] = 0x67452301u;
	c->h[1] = 0xefcdab89u;
	c->h[2] = 0x98badcfeu;
	c->h[3] = 0x10325476u;
	c->h[4] = 0xc3d2e1f0u;
	c->len = 0;
}

void prv_sha1_update(struct prv_sha1 *c, const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t used = c->len & 63;

	c->len += len;
	if (used) {
		size_t n = 64 - used;

		if (n > len)
			n = len;
		memcpy(c->buf + used, p, n);
		p += n;
		len -= n;
		if (used + n < 64)
			return;
		sha1_block(c->h, c->buf);
	}
	for (; len >= 64; p += 64, len -= 64)
		sha1_block(c->h, p);
	if (len)
		memcpy(c->buf, p, len);
}

void prv_sha1_final(unsigned char out[20], struct prv_sha1 *c)
{
	static const unsigned char pad[64] = { 0x80 };
	unsigned char lenbuf[8];
	uint64_t bits = c->len << 3;
	size_t used = c->len & 63;
	int i;

	for (i = 0; i < 8; i++)
		lenbuf[i] = (unsigned char)(bits >> (56 - 8 * i));
	prv_sha1_update(c, pad, used < 56 ? 56 - used : 120 - used);
	prv_sha1_update(c, lenbuf, 8);
	for (i = 0; i < 5; i++) {
		out[4 * i] = (unsigned char)(c->h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(c->h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(c->h[i] >> 8);
		out[4 * i + 3] = (unsigned char)c->h[i];
	}
}

void prv_hex(char *out, const unsigned char *bytes, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[bytes[i] >> 4];
		out[2 * i + 1] = digits[bytes[i] & 15];
	}
	out[2 * n] = '\0';
}
