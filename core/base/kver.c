// SPDX-License-Identifier: GPL-2.0-or-later
/* Kernel version names: release tags, stable branches, stable Cc: notes. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "core/base/kver.h"

#define NUM_MAX 100000 /* no kernel version part is larger */

/* A decimal number without a sign or leading zeros (but "0"). */
static const char *number(const char *s, int *out)
{
	long n = 0;

	if (!isdigit((unsigned char)*s) ||
	    (s[0] == '0' && isdigit((unsigned char)s[1])))
		return NULL;
	while (isdigit((unsigned char)*s)) {
		n = n * 10 + (*s++ - '0');
		if (n > NUM_MAX)
			return NULL;
	}
	*out = (int)n;
	return s;
}

bool prv_kver_parse_tag(struct prv_kver *v, const char *name)
{
	const char *s = name;
	struct prv_kver k = { 0, 0, 0, 0 };

	if (!s || *s++ != 'v' || !(s = number(s, &k.major)) || *s++ != '.' ||
	    !(s = number(s, &k.minor)))
		return false;
	if (*s == '.') {
		if (!(s = number(s + 1, &k.sub)) || !k.sub)
			return false;
	} else if (!strncmp(s, "-rc", 3)) {
		if (!(s = number(s + 3, &k.rc)) || !k.rc)
			return false;
	}
	if (*s)
		return false;
	*v = k;
	return true;
}

bool prv_kver_parse_branch(struct prv_kver *v, const char *name)
{
	const char *s = name;
	struct prv_kver k = { 0, 0, 0, 0 };

	if (!s || strncmp(s, "linux-", 6))
		return false;
	s += 6;
	if (!(s = number(s, &k.major)) || *s++ != '.' ||
	    !(s = number(s, &k.minor)) || strcmp(s, ".y"))
		return false;
	*v = k;
	return true;
}

int prv_kver_cmp_series(int major_a, int minor_a, int major_b, int minor_b)
{
	if (major_a != major_b)
		return major_a < major_b ? -1 : 1;
	if (minor_a != minor_b)
		return minor_a < minor_b ? -1 : 1;
	return 0;
}

int prv_kver_cmp(const struct prv_kver *a, const struct prv_kver *b)
{
	int c = prv_kver_cmp_series(a->major, a->minor, b->major, b->minor);

	if (c)
		return c;
	/* an -rc comes before its release: rank rcN as N - NUM_MAX */
	if (a->rc != b->rc) {
		long ra = a->rc ? a->rc - NUM_MAX : 0,
		     rb = b->rc ? b->rc - NUM_MAX : 0;

		return ra < rb ? -1 : 1;
	}
	if (a->sub != b->sub)
		return a->sub < b->sub ? -1 : 1;
	return 0;
}

/* The stable address in `value`, as a whole address, or NULL. */
static const char *stable_address(const char *value)
{
	static const char *const addrs[] = { "stable@vger.kernel.org",
					     "stable@kernel.org" };
	size_t i;

	if (!value)
		return NULL;
	for (i = 0; i < sizeof(addrs) / sizeof(addrs[0]); i++) {
		size_t n = strlen(addrs[i]);
		const char *p;

		for (p = value; (p = strcasestr(p, addrs[i])); p++) {
			char after = p[n];

			if (p > value && !strchr(" \t<\"", p[-1]))
				continue;
			if (after && !strchr(" \t>,#", after))
				continue;
			return p + n;
		}
	}
	return NULL;
}

bool prv_kver_is_stable_cc(const char *value)
{
	return stable_address(value) != NULL;
}

bool prv_kver_stable_cc(const char *value, int *major, int *minor)
{
	const char *s = stable_address(value);
	int x, y;

	if (!s || !(s = strchr(s, '#')))
		return false;
	s++;
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '>') {
		s++;
		if (*s == '=')
			s++;
		while (*s == ' ' || *s == '\t')
			s++;
	}
	if (*s == 'v' || *s == 'V')
		s++;
	if (!(s = number(s, &x)) || *s++ != '.' || !(s = number(s, &y)))
		return false;
	/*
	 * "6.1+", "6.1.x", "6.1.y", "6.1.5+", "6.1 and later", "6.1:", and
	 * "6.1." ending a sentence; not "6.1.z".
	 */
	if (*s == '.' && s[1] &&
	    !(isdigit((unsigned char)s[1]) || strchr("xXy*", s[1])))
		return false;
	*major = x;
	*minor = y;
	return true;
}
