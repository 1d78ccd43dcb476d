// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <string.h>

#include "core/base/charset.h"
#include "core/base/error.h"
#include "core/base/util.h"

#define CHARSET_NAME_MAX 40
#define CHARSET_CACHE_SIZE 16

struct charset_slot {
	char name[CHARSET_NAME_MAX + 1]; /* lower case */
	iconv_t cd; /* (iconv_t)-1: unknown to iconv */
};

static _Thread_local struct charset_slot cache[CHARSET_CACHE_SIZE];
static _Thread_local size_t cache_nr, cache_next;

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static bool name_eq(const char *name, size_t len, const char *lit)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!lit[i] || lower((unsigned char)name[i]) != lit[i])
			return false;
	return !lit[len];
}

bool prv_charset_is_utf8(const char *name, size_t len)
{
	return name_eq(name, len, "utf-8") || name_eq(name, len, "utf8") ||
	       name_eq(name, len, "us-ascii") || name_eq(name, len, "ascii") ||
	       name_eq(name, len, "ansi_x3.4-1968");
}

void prv_charset_cache_clear(void)
{
	size_t i;

	for (i = 0; i < cache_nr; i++)
		if (cache[i].cd != (iconv_t)-1)
			iconv_close(cache[i].cd);
	cache_nr = cache_next = 0;
}

static iconv_t lookup(const char *name, size_t len)
{
	char key[CHARSET_NAME_MAX + 1];
	struct charset_slot *slot;
	size_t i;

	if (!len || len > CHARSET_NAME_MAX)
		return (iconv_t)-1;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)name[i];

		/* charset names are tokens: refuse anything odd */
		if (c <= ' ' || c >= 127 || c == '/' || c == '"')
			return (iconv_t)-1;
		key[i] = (char)lower(c);
	}
	key[len] = '\0';
	for (i = 0; i < cache_nr; i++)
		if (!strcmp(cache[i].name, key))
			return cache[i].cd;
	if (cache_nr < CHARSET_CACHE_SIZE) {
		slot = &cache[cache_nr++];
	} else {
		slot = &cache[cache_next];
		cache_next = (cache_next + 1) % CHARSET_CACHE_SIZE;
		if (slot->cd != (iconv_t)-1)
			iconv_close(slot->cd);
	}
	memcpy(slot->name, key, len + 1);
	slot->cd = iconv_open("UTF-8", key);
	return slot->cd;
}

int prv_charset_to_utf8(struct prv_buf *out, const char *name, size_t name_len,
			const char *s, size_t len)
{
	iconv_t cd = lookup(name, name_len);
	size_t start = out->len;
	char *in = (char *)s;
	size_t in_left = len;
	int err;

	if (cd == (iconv_t)-1)
		return -1;
	iconv(cd, NULL, NULL, NULL, NULL);
	while (in_left) {
		size_t room = in_left * 4 + 16, out_left;
		char *o;

		err = prv_buf_grow(out, room);
		if (err) {
			prv_buf_setlen(out, start);
			return err;
		}
		o = out->data + out->len;
		out_left = out->alloc - out->len - 1;
		if (iconv(cd, &in, &in_left, &o, &out_left) == (size_t)-1 &&
		    errno != E2BIG) {
			prv_buf_setlen(out, start);
			iconv(cd, NULL, NULL, NULL, NULL);
			return -1;
		}
		out->len = (size_t)(o - out->data);
		out->data[out->len] = '\0';
	}
	/* flush a stateful encoding (iso-2022-jp) back to its initial state */
	{
		char *o;
		size_t out_left;

		if (prv_buf_grow(out, 16)) {
			prv_buf_setlen(out, start);
			return PRV_ENOMEM;
		}
		o = out->data + out->len;
		out_left = out->alloc - out->len - 1;
		iconv(cd, NULL, NULL, &o, &out_left);
		out->len = (size_t)(o - out->data);
		out->data[out->len] = '\0';
	}
	/* iconv may let through what its charset maps loosely: check */
	if (prv_utf8_valid_prefix(out->data + start, out->len - start) !=
	    out->len - start) {
		prv_buf_setlen(out, start);
		return -1;
	}
	return 0;
}

size_t prv_utf8_seq_len(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned char c;

	if (!len)
		return 0;
	c = s[0];
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		return len >= 2 && (s[1] & 0xc0) == 0x80 ? 2 : 0;
	if (c >= 0xe0 && c <= 0xef) {
		if (len < 3 || (s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80)
			return 0;
		if (c == 0xe0 && s[1] < 0xa0)
			return 0; /* overlong */
		if (c == 0xed && s[1] >= 0xa0)
			return 0; /* surrogate */
		return 3;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		if (len < 4 || (s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80 ||
		    (s[3] & 0xc0) != 0x80)
			return 0;
		if (c == 0xf0 && s[1] < 0x90)
			return 0;
		if (c == 0xf4 && s[1] >= 0x90)
			return 0;
		return 4;
	}
	return 0;
}

/*
 * Length of the valid UTF-8 prefix of s; with `clean`, it also stops at a
 * NUL or CR. Inlined into both callers so that each keeps a fast path
 * without the test it does not need.
 */
static inline __attribute__((always_inline)) size_t
utf8_prefix(const char *s, size_t len, bool clean)
{
	const uint64_t ones = 0x0101010101010101ull;
	const uint64_t high = ones * 0x80;
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		size_t n;

		/* eight ASCII bytes at a time (none NUL or CR if `clean`) */
		while (i + 8 <= len) {
			uint64_t v, cr;

			memcpy(&v, p + i, 8);
			if (v & high)
				break;
			cr = v ^ (ones * '\r');
			if (clean && (((v - ones) & ~v & high) ||
				      ((cr - ones) & ~cr & high)))
				break;
			i += 8;
		}
		if (i >= len)
			break;
		if (p[i] < 0x80) {
			if (clean && (!p[i] || p[i] == '\r'))
				return i;
			i++;
			continue;
		}
		n = prv_utf8_seq_len(s + i, len - i);
		if (!n)
			return i;
		i += n;
	}
	return len;
}

size_t prv_utf8_valid_prefix(const char *s, size_t len)
{
	return utf8_prefix(s, len, false);
}

size_t prv_utf8_clean_prefix(const char *s, size_t len)
{
	return utf8_prefix(s, len, true);
}

int prv_utf8_append_sanitized(struct prv_buf *out, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	int err;

	while (i < len) {
		size_t ok = prv_utf8_valid_prefix(s + i, len - i);
		unsigned char c;
		char two[2];

		err = prv_buf_add(out, s + i, ok);
		if (err)
			return err;
		i += ok;
		if (i >= len)
			break;
		c = p[i++];
		two[0] = (char)(0xc0 | (c >> 6));
		two[1] = (char)(0x80 | (c & 0x3f));
		err = prv_buf_add(out, two, 2);
		if (err)
			return err;
	}
	return 0;
}
