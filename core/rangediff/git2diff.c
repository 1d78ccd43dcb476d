// SPDX-License-Identifier: GPL-2.0-or-later
#include <dlfcn.h>
#include <git2.h>
#include <stdbool.h>

#include "core/rangediff/git2diff.h"

static bool skip_ca_bundle;

/*
 * libgit2 reads the CA bundle through this mbedTLS function; a definition
 * in the program is found before the library's. It forwards to the real
 * one except during prv_git2diff_init().
 */
int mbedtls_x509_crt_parse_file(void *chain, const char *path);
int mbedtls_x509_crt_parse_file(void *chain, const char *path)
{
	static int (*real)(void *, const char *);

	if (skip_ca_bundle)
		return 0;
	if (!real)
		*(void **)&real =
			dlsym(RTLD_NEXT, "mbedtls_x509_crt_parse_file");
	return real ? real(chain, path) : -1;
}

void prv_git2diff_init(void)
{
	skip_ca_bundle = true;
	git_libgit2_init();
	skip_ca_bundle = false;
}

void prv_git2diff_shutdown(void)
{
	git_libgit2_shutdown();
}
