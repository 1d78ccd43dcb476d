/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_RULES_TCP_H
#define PRV_RULES_TCP_H

#include <stdbool.h>
#include <stddef.h>

#include "core/check/check.h"
#include "core/check/tcpimpact.h"

/*
 * The TCP impact rules, shared by rules/tcp.c (which reads the changed
 * code of a patch) and rules/tcpsay.c (which says what it found).
 */

/* A rule whose file is a TCP file: it names files, not a group. */
bool prv_tcp_rule_is_touch(const struct prv_rule *r);

/*
 * Whether a changed line (without its marker) is code: not blank, not a
 * comment, not an SPDX line; `c` for C sources, where '#' is code.
 * *in_comment carries a block comment from one line to the next.
 */
bool prv_tcp_line_is_code(const char *s, size_t len, bool c, bool *in_comment);

/* Fill `t` from the changed code of `patch` (strings in `a`). */
void prv_tcp_scan_patch(struct prv_tcp_impact *t, struct prv_arena *a,
			const struct prv_ruleset *rs,
			const struct prv_patch *patch);

#endif
