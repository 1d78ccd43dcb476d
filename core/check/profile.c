// SPDX-License-Identifier: GPL-2.0-or-later
/* Profiles: which rules apply, chosen from the series when not given. */
#include <string.h>
#include <strings.h>

#include "core/base/error.h"
#include "core/base/util.h"
#include "core/check/profile.h"

const char *prv_profile_name(enum prv_profile p)
{
	switch (p) {
	case PRV_PROFILE_NETDEV:
		return "netdev";
	case PRV_PROFILE_MPTCP:
		return "mptcp";
	default:
		return "generic";
	}
}

int prv_profile_parse(int *out, const char *s)
{
	static const struct {
		const char *name;
		int profile;
	} names[] = {
		{ "auto", PRV_PROFILE_AUTO },
		{ "generic", PRV_PROFILE_GENERIC },
		{ "netdev", PRV_PROFILE_NETDEV },
		{ "mptcp", PRV_PROFILE_MPTCP },
	};
	size_t i;

	for (i = 0; i < PRV_ARRAY_SIZE(names); i++) {
		if (!strcasecmp(s, names[i].name)) {
			*out = names[i].profile;
			return 0;
		}
	}
	return prv_error(PRV_EUSAGE, "unknown profile '%s'", s);
}

/*
 * Paths whose changes go through netdev: MAINTAINERS' NETWORKING [GENERAL]
 * and NETWORKING DRIVERS entries, and the netfilter headers of the trees
 * that feed net and net-next.
 */
bool prv_netdev_path(const char *p)
{
	static const char *const prefixes[] = {
		"net/",
		"drivers/net/",
		"include/net/",
		"include/linux/netdevice.h",
		"include/linux/skbuff.h",
		"include/linux/tcp.h",
		"include/uapi/linux/tcp.h",
		"include/uapi/linux/mptcp.h",
		"include/linux/netfilter",
		"include/uapi/linux/netfilter",
		"tools/testing/selftests/net/",
		"tools/testing/selftests/drivers/net/",
		"Documentation/networking/",
	};
	size_t i;

	for (i = 0; i < PRV_ARRAY_SIZE(prefixes); i++)
		if (!strncmp(p, prefixes[i], strlen(prefixes[i])))
			return true;
	return false;
}

bool prv_mail_addressed_to(const struct prv_mail *m, const char *addr)
{
	size_t i;

	if (!m)
		return false;
	for (i = 0; i < m->nr_to; i++)
		if (m->to[i].email && !strcasecmp(m->to[i].email, addr))
			return true;
	for (i = 0; i < m->nr_cc; i++)
		if (m->cc[i].email && !strcasecmp(m->cc[i].email, addr))
			return true;
	if (m->list_id && strcasestr(m->list_id, addr))
		return true;
	return false;
}

static bool version_addressed_to(const struct prv_version *v, const char *a)
{
	size_t i;

	if (prv_mail_addressed_to(v->cover, a))
		return true;
	for (i = 0; i < v->nr_patches; i++)
		if (prv_mail_addressed_to(v->patches[i].mail, a))
			return true;
	return false;
}

bool prv_profile_sent_to_list(const struct prv_version *v)
{
	static const char *const lists[] = {
		"netdev@vger.kernel.org",
		"netfilter-devel@vger.kernel.org",
		"mptcp@lists.linux.dev",
	};
	const struct prv_mail *m = v->cover;
	size_t i, k;

	if (!m && v->nr_patches)
		m = v->patches[0].mail;
	for (i = 0; m && i < m->nr_to; i++)
		for (k = 0; m->to[i].email && k < PRV_ARRAY_SIZE(lists); k++)
			if (!strcasecmp(m->to[i].email, lists[k]))
				return true;
	return false;
}

enum prv_profile prv_profile_choose(const struct prv_version *v)
{
	size_t i, k;

	for (i = 0; i < v->nr_tags; i++)
		if (v->tags[i] && !strncasecmp(v->tags[i], "mptcp", 5))
			return PRV_PROFILE_MPTCP;
	if (version_addressed_to(v, "mptcp@lists.linux.dev") ||
	    version_addressed_to(v, "mptcp.lists.linux.dev"))
		return PRV_PROFILE_MPTCP;
	if (prv_version_has_tag(v, "net") ||
	    prv_version_has_tag(v, "net-next") ||
	    version_addressed_to(v, "netdev@vger.kernel.org") ||
	    version_addressed_to(v, "netdev.vger.kernel.org"))
		return PRV_PROFILE_NETDEV;
	for (i = 0; i < v->nr_patches; i++) {
		const struct prv_mail *m = v->patches[i].mail;

		for (k = 0; m && k < m->diff.nr_files; k++)
			if (prv_netdev_path(prv_file_path(&m->diff.files[k])))
				return PRV_PROFILE_NETDEV;
	}
	return PRV_PROFILE_GENERIC;
}
