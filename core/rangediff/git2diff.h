/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_GIT2DIFF_H
#define PRV_GIT2DIFF_H

/*
 * libgit2 for in-memory diffs only (no repository, no network).
 *
 * git_libgit2_init() of a libgit2 built with mbedTLS parses the system's
 * whole TLS CA bundle, some 20 ms, where the diffs of a range-diff take a
 * few. prv_git2diff_init() initialises the library without that load when
 * it is the first user; the next full initialisation (after every user has
 * called shutdown) loads the bundle as usual. Pair every call with
 * prv_git2diff_shutdown() and use no TLS in between. Config reads
 * (cmd/config.c) use it too: they need no TLS either.
 */
void prv_git2diff_init(void);
void prv_git2diff_shutdown(void);

#endif
