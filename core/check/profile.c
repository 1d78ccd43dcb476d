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
		"Documentation/netlink/",
		"Documentation/devicetree/bindings/net/",
		"tools/net/",
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

/*
 * netdev's lists: a series addressed To: one of them is netdev's, or its
 * family's (bpf, wireless, IPVS and netfilter go through net and
 * net-next). Each with how lore's List-Id names it.
 */
static const struct {
	const char *addr;
	const char *list_id;
	bool audience; /* To: it makes the list the series' audience */
} netdev_lists[] = {
	{ "netdev@vger.kernel.org", "netdev.vger.kernel.org", true },
	{ "netfilter-devel@vger.kernel.org", "netfilter-devel.vger.kernel.org",
	  true },
	{ "mptcp@lists.linux.dev", "mptcp.lists.linux.dev", true },
	{ "bpf@vger.kernel.org", "bpf.vger.kernel.org", false },
	{ "linux-wireless@vger.kernel.org", "linux-wireless.vger.kernel.org",
	  false },
	{ "lvs-devel@vger.kernel.org", "lvs-devel.vger.kernel.org", false },
	{ "coreteam@netfilter.org", "coreteam.netfilter.org", false },
};

#define LIST_MPTCP 2

static bool netdev_list(const char *email, bool audience_only)
{
	size_t k;

	for (k = 0; email && k < PRV_ARRAY_SIZE(netdev_lists); k++)
		if ((netdev_lists[k].audience || !audience_only) &&
		    !strcasecmp(email, netdev_lists[k].addr))
			return true;
	return false;
}

bool prv_profile_sent_to_list(const struct prv_version *v)
{
	const struct prv_mail *m = prv_version_lead(v);
	size_t i;

	for (i = 0; m && i < m->nr_to; i++)
		if (netdev_list(m->to[i].email, true))
			return true;
	return false;
}

static bool version_addressed_to_list(const struct prv_version *v, size_t k)
{
	return version_addressed_to(v, netdev_lists[k].addr) ||
	       version_addressed_to(v, netdev_lists[k].list_id);
}

/*
 * A mailing list's address: vger's lists and the lists.* hosts
 * (lists.linux.dev, lists.infradead.org, lists.ozlabs.org...).
 */
static bool list_address(const char *email)
{
	const char *at = email ? strrchr(email, '@') : NULL;

	return at && (!strcasecmp(at + 1, "vger.kernel.org") ||
		      !strncasecmp(at + 1, "lists.", 6));
}

/* Whether `word` (len n) is a folder or a file stem of `path`. */
static bool path_names(const char *path, const char *word, size_t n)
{
	while (*path) {
		size_t c = strcspn(path, "/");
		size_t stem = c;
		const char *dot = memchr(path, '.', c);

		if (dot && !path[c])
			stem = (size_t)(dot - path);
		if ((c == n || stem == n) && !strncasecmp(path, word, n))
			return true;
		path += c + (path[c] == '/');
	}
	return false;
}

/* Whether a word of `prefix` names netdev path `path`. */
static bool prefix_names(const char *prefix, size_t len, const char *path)
{
	static const char seps[] = ": /,";
	size_t i = 0;

	while (i < len) {
		size_t n;

		i += strspn(prefix + i, seps);
		if (i >= len)
			break;
		n = strcspn(prefix + i, seps);
		if (i + n > len)
			n = len - i;
		if (n >= 2 && path_names(path, prefix + i, n))
			return true;
		i += n;
	}
	return false;
}

/*
 * Whether the lead mail's subsystem prefix ("netfilter: nft_counter: fix
 * ...") names a netdev folder or file the version touches: the change is
 * netdev's, however many lines it adds to a header elsewhere.
 */
static bool prefix_is_netdev(const struct prv_version *v)
{
	const struct prv_mail *lead = prv_version_lead(v);
	const char *t = lead ? lead->subj.title : NULL;
	const char *colon = t ? strrchr(t, ':') : NULL;
	size_t i, k;

	if (!colon)
		return false;
	for (i = 0; i < v->nr_patches; i++) {
		const struct prv_mail *m = v->patches[i].mail;

		for (k = 0; m && k < m->diff.nr_files; k++) {
			const char *p = prv_file_path(&m->diff.files[k]);

			if (p && prv_netdev_path(p) &&
			    prefix_names(t, (size_t)(colon - t), p))
				return true;
		}
	}
	return false;
}

/* Whether most changed lines of the version are outside netdev's paths. */
static bool mostly_elsewhere(const struct prv_version *v)
{
	long netdev = 0, all = 0;
	size_t i, k;

	for (i = 0; i < v->nr_patches; i++) {
		const struct prv_mail *m = v->patches[i].mail;

		for (k = 0; m && k < m->diff.nr_files; k++) {
			const struct prv_file *f = &m->diff.files[k];
			long n = (long)f->added + f->removed;

			all += n;
			if (prv_netdev_path(prv_file_path(f)))
				netdev += n;
		}
	}
	return all > 0 && netdev * 2 < all;
}

/*
 * Whether a version with no tree tag goes through another subsystem's
 * tree, netdev's list only kept informed (never when it is addressed first
 * to netdev's, netfilter's or MPTCP's list): its lead mail is addressed first
 * to another subsystem's list (To: audit@, linux-kselftest@; LKML is
 * everybody's list and says nothing) and its subject prefix names no
 * netdev path it touches, or it is a part of a larger series whose cover
 * the input lacks; or most of its changed lines are outside netdev's paths
 * and its subject prefix names none of them (a timers or cgroup series
 * touching one netfilter file). "selftests: net: fix the timeout" sent To:
 * linux-kselftest@ stays netdev's.
 */
static bool another_tree(const struct prv_version *v)
{
	const struct prv_mail *lead = prv_version_lead(v);
	const char *first = lead && lead->nr_to ? lead->to[0].email : NULL;

	bool own_prefix;

	if (first && netdev_list(first, true))
		return false;
	own_prefix = prefix_is_netdev(v);
	if (first && list_address(first) && !netdev_list(first, false) &&
	    strcasecmp(first, "linux-kernel@vger.kernel.org") &&
	    (v->absent_parent || !own_prefix))
		return true;
	return !own_prefix && mostly_elsewhere(v);
}

enum prv_profile prv_profile_choose(const struct prv_version *v)
{
	size_t i, k;

	for (i = 0; i < v->nr_tags; i++)
		if (v->tags[i] && !strncasecmp(v->tags[i], "mptcp", 5))
			return PRV_PROFILE_MPTCP;
	if (version_addressed_to_list(v, LIST_MPTCP))
		return PRV_PROFILE_MPTCP;
	if (prv_version_has_tag(v, "net") || prv_version_has_tag(v, "net-next"))
		return PRV_PROFILE_NETDEV;
	if (!prv_version_tree_tag(v) && another_tree(v))
		return PRV_PROFILE_GENERIC;
	if (version_addressed_to_list(v, 0))
		return PRV_PROFILE_NETDEV;
	for (i = 0; i < v->nr_patches; i++) {
		const struct prv_mail *m = v->patches[i].mail;

		for (k = 0; m && k < m->diff.nr_files; k++)
			if (prv_netdev_path(prv_file_path(&m->diff.files[k])))
				return PRV_PROFILE_NETDEV;
	}
	return PRV_PROFILE_GENERIC;
}
