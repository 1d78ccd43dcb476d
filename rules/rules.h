/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_RULES_H
#define PRV_RULES_H

#include <stddef.h>

#include "core/check/check.h"

/*
 * The rules: each family lives in rules/<family>.c and exports a
 * NULL-terminated table of struct prv_check; rules/registry.c lists the
 * families and every finding id they can produce. The runner
 * (core/check/check.h prv_check_run()) takes the table, so core/ does not
 * name rules/.
 */

extern const struct prv_check prv_checks_series[];
extern const struct prv_check prv_checks_changelog[];
extern const struct prv_check prv_checks_review[];
extern const struct prv_check prv_checks_trailers[];
extern const struct prv_check prv_checks_fixes[];
extern const struct prv_check prv_checks_content[];
extern const struct prv_check prv_checks_tcp[];
extern const struct prv_check prv_checks_repo[];
extern const struct prv_check prv_checks_backport[];

/* Every family, in the order they run (NULL-terminated). */
extern const struct prv_check *const prv_rule_families[];

/* Every finding id the checks can produce (NULL-terminated). */
extern const char *const prv_finding_ids[];

/* Fixes: lines of a patch's message, in or out of the trailer block. */
size_t prv_check_count_fixes(const struct prv_mail *m);

#endif
