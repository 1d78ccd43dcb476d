/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_TCPREPO_H
#define PRV_TCPREPO_H

#include <stddef.h>

#include "core/base/arena.h"
#include "core/check/repo.h"
#include "core/check/tcpimpact.h"

/*
 * Where MPTCP uses what a series changes in TCP: the symbols of each TCP
 * impact (functions, struct fields, macros, socket options) looked up in
 * the MPTCP code of the tree of commit `rev` (a base-commit, or HEAD):
 * net/mptcp/, include/net/mptcp.h and the MPTCP selftests, read through
 * libgit2 from the object store (no work tree, nothing written), matched
 * with pcre2 as whole words outside comments. New TCP_* socket options
 * are looked up in MPTCP's allow-list, net/mptcp/sockopt.c.
 *
 * Bounded: PRV_TCP_SEARCH_MS of reading and matching, PRV_TCP_USES_MAX
 * uses kept per patch, files over PRV_TCP_SEARCH_FILE_MAX bytes skipped;
 * a cap that was hit is said in search_note. Sets `searched` on each
 * impact. Returns 0, or PRV_EIO when `rev` names no tree (message set).
 */

#define PRV_TCP_SEARCH_MS 50
#define PRV_TCP_SEARCH_FILE_MAX ((size_t)1 << 20)
#define PRV_TCP_SEARCH_FILES_MAX 512

int prv_tcp_repo_search(struct prv_repo *r, const char *rev,
			struct prv_tcp_impact **t, size_t nr,
			struct prv_arena *a);

#endif
