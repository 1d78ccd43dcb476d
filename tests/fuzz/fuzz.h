/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_FUZZ_H
#define PRV_FUZZ_H

#include <git2.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/*
 * Helpers shared by the fuzz targets: reading every byte a parser hands
 * back makes AddressSanitizer see pointers and lengths that overrun.
 */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* prereview initialises libgit2 in main(); the targets do it here. */
__attribute__((constructor)) static void fuzz_init_libgit2(void)
{
	git_libgit2_init();
}

static volatile unsigned fuzz_sink;

static inline void fuzz_touch(const char *p, size_t len)
{
	unsigned h = 0;
	size_t i;

	if (!p)
		return;
	for (i = 0; i < len; i++)
		h = h * 31 + (unsigned char)p[i];
	fuzz_sink += h;
}

static inline void fuzz_touch_str(const char *s)
{
	if (s)
		fuzz_touch(s, strlen(s));
}

#endif
