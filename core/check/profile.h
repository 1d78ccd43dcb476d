/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_PROFILE_H
#define PRV_PROFILE_H

#include <stdbool.h>

#include "core/series/series.h"

/* Profiles: which rules apply and how severe they are. */
enum prv_profile {
	PRV_PROFILE_AUTO = -1, /* choose from the series */
	PRV_PROFILE_GENERIC,
	PRV_PROFILE_NETDEV,
	PRV_PROFILE_MPTCP, /* netdev rules, list-only postings */
};

const char *prv_profile_name(enum prv_profile p);
/*
 * Parse "auto", "generic", "netdev", "mptcp" (any case) into *out.
 * Returns 0, or PRV_EUSAGE when unknown (message set).
 */
int prv_profile_parse(int *out, const char *s);

/*
 * The profile of a version: mptcp when tagged or sent to the MPTCP list,
 * netdev when tagged net/net-next, sent to netdev or touching a netdev
 * path, generic otherwise.
 */
enum prv_profile prv_profile_choose(const struct prv_version *v);

/*
 * Whether changes to path `p` go through netdev (the one list of netdev
 * paths: profile choice and series.tree-missing).
 */
bool prv_netdev_path(const char *p);

/* Whether mail `m` is addressed To: or Cc: `addr` (or its list is). */
bool prv_mail_addressed_to(const struct prv_mail *m, const char *addr);

/*
 * Whether the version's lead mail (its cover letter, else its first patch)
 * is addressed To: the netdev, netfilter or MPTCP list: the list is the
 * series' audience, not only kept informed on Cc.
 */
bool prv_profile_sent_to_list(const struct prv_version *v);

#endif
