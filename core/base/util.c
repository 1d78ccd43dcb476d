// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdio.h>
#include <stdlib.h>

#include "core/base/util.h"

static void die_oom(size_t n)
{
	fprintf(stderr,
		"prereview: fatal: out of memory allocating %zu bytes\n", n);
	exit(3);
}

void *prv_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		die_oom(n);
	return p;
}

void *prv_xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (!p)
		die_oom(nmemb * size);
	return p;
}

void *prv_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q)
		die_oom(n);
	return q;
}

char *prv_xstrndup(const char *s, size_t n)
{
	char *p = prv_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *prv_xstrdup(const char *s)
{
	return prv_xstrndup(s, strlen(s));
}

bool prv_starts_with(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && !memcmp(s, prefix, n);
}

static int lower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

bool prv_starts_with_ci(const char *s, size_t len, const char *prefix)
{
	size_t i, n = strlen(prefix);

	if (len < n)
		return false;
	for (i = 0; i < n; i++)
		if (lower((unsigned char)s[i]) !=
		    lower((unsigned char)prefix[i]))
			return false;
	return true;
}

bool prv_eq_ci(const char *a, size_t alen, const char *b)
{
	return strlen(b) == alen && prv_starts_with_ci(a, alen, b);
}

bool prv_contains_ci(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle), i;

	if (!n || n > len)
		return false;
	for (i = 0; i + n <= len; i++)
		if (prv_starts_with_ci(s + i, n, needle))
			return true;
	return false;
}

bool prv_contains_any_ci(const char *s, size_t len, const char *const *needles,
			 size_t nr)
{
	size_t i;

	for (i = 0; i < nr; i++)
		if (prv_contains_ci(s, len, needles[i]))
			return true;
	return false;
}

size_t prv_line_len(const char *s, size_t len)
{
	const char *nl = memchr(s, '\n', len);

	return nl ? (size_t)(nl - s) : len;
}

int prv_hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

size_t prv_pct_decode(char *out, const char *s, size_t len)
{
	size_t i, o = 0;

	for (i = 0; i < len; i++) {
		int hi, lo;

		if (s[i] == '%' && i + 2 < len &&
		    (hi = prv_hexval((unsigned char)s[i + 1])) >= 0 &&
		    (lo = prv_hexval((unsigned char)s[i + 2])) >= 0 &&
		    (hi || lo)) {
			out[o++] = (char)(hi << 4 | lo);
			i += 2;
		} else {
			out[o++] = s[i];
		}
	}
	return o;
}
