// SPDX-License-Identifier: GPL-2.0-or-later
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/kver.h"

struct tag_case {
	const char *name;
	bool ok;
	int major, minor, sub, rc;
};

static const struct tag_case tags[] = {
	{ "v6.1", 1, 6, 1, 0, 0 },
	{ "v6.13-rc1", 1, 6, 13, 0, 1 },
	{ "v6.1.119", 1, 6, 1, 119, 0 },
	{ "v3.0", 1, 3, 0, 0, 0 },
	{ "v10.20.30", 1, 10, 20, 30, 0 },
	{ "6.1", 0, 0, 0, 0, 0 },
	{ "v6", 0, 0, 0, 0, 0 },
	{ "v6.", 0, 0, 0, 0, 0 },
	{ "v6.1.", 0, 0, 0, 0, 0 },
	{ "v6.1.0", 0, 0, 0, 0, 0 }, /* stable releases count from 1 */
	{ "v6.1-rc0", 0, 0, 0, 0, 0 },
	{ "v6.1-rc", 0, 0, 0, 0, 0 },
	{ "v6.1-rc1-dontuse", 0, 0, 0, 0, 0 },
	{ "v6.01", 0, 0, 0, 0, 0 },
	{ "v6.1.2.3", 0, 0, 0, 0, 0 },
	{ "v6.1-tree", 0, 0, 0, 0, 0 },
	{ "v99999999.1", 0, 0, 0, 0, 0 },
	{ "", 0, 0, 0, 0, 0 },
};

Test(kver, parse_tag)
{
	size_t i;

	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++) {
		const struct tag_case *c = &tags[i];
		struct prv_kver v = { -1, -1, -1, -1 };
		bool ok = prv_kver_parse_tag(&v, c->name);

		cr_expect_eq(ok, c->ok, "'%s': %d", c->name, ok);
		if (!ok || !c->ok)
			continue;
		cr_expect(v.major == c->major && v.minor == c->minor &&
				  v.sub == c->sub && v.rc == c->rc,
			  "'%s': %d.%d.%d rc%d", c->name, v.major, v.minor,
			  v.sub, v.rc);
	}
	cr_expect(!prv_kver_parse_tag(&(struct prv_kver){ 0 }, NULL));
}

Test(kver, parse_branch)
{
	struct prv_kver v;

	cr_assert(prv_kver_parse_branch(&v, "linux-6.1.y"));
	cr_expect(v.major == 6 && v.minor == 1 && !v.sub && !v.rc);
	cr_assert(prv_kver_parse_branch(&v, "linux-5.15.y"));
	cr_expect(v.major == 5 && v.minor == 15);
	cr_expect(!prv_kver_parse_branch(&v, "linux-6.1"));
	cr_expect(!prv_kver_parse_branch(&v, "linux-6.1.y-rc"));
	cr_expect(!prv_kver_parse_branch(&v, "linux-6.y"));
	cr_expect(!prv_kver_parse_branch(&v, "6.1.y"));
	cr_expect(!prv_kver_parse_branch(&v, "linux-rolling-stable"));
	cr_expect(!prv_kver_parse_branch(&v, NULL));
}

static int cmp(const void *a, const void *b)
{
	struct prv_kver x, y;

	cr_assert(prv_kver_parse_tag(&x, *(const char *const *)a));
	cr_assert(prv_kver_parse_tag(&y, *(const char *const *)b));
	return prv_kver_cmp(&x, &y);
}

Test(kver, release_order)
{
	static const char *const sorted[] = {
		"v5.19",  "v5.19.1", "v5.19.17",  "v6.0-rc1", "v6.0-rc7",
		"v6.0",	  "v6.0.1",  "v6.0.19",	  "v6.1-rc1", "v6.1",
		"v6.1.2", "v6.1.10", "v6.1.119",  "v6.2-rc1", "v6.2-rc10",
		"v6.2",	  "v6.9",    "v6.10-rc1", "v6.10",    "v6.12",
	};
	const char *shuffled[sizeof(sorted) / sizeof(sorted[0])];
	size_t n = sizeof(sorted) / sizeof(sorted[0]), i;

	for (i = 0; i < n; i++)
		shuffled[i] = sorted[(i * 7 + 3) % n];
	qsort(shuffled, n, sizeof(shuffled[0]), cmp);
	for (i = 0; i < n; i++)
		cr_expect_str_eq(shuffled[i], sorted[i]);
	cr_expect_eq(prv_kver_cmp_series(6, 1, 6, 1), 0);
	cr_expect_lt(prv_kver_cmp_series(5, 15, 6, 1), 0);
	cr_expect_gt(prv_kver_cmp_series(6, 10, 6, 9), 0);
}

struct cc_case {
	const char *value;
	bool stable; /* addresses stable */
	bool ok; /* says a version */
	int major, minor;
};

static const struct cc_case ccs[] = {
	{ "stable@vger.kernel.org # 6.1+", 1, 1, 6, 1 },
	{ "stable@vger.kernel.org #6.1+", 1, 1, 6, 1 },
	{ "<stable@vger.kernel.org> # 6.1.x", 1, 1, 6, 1 },
	{ "stable@vger.kernel.org # v6.1+", 1, 1, 6, 1 },
	{ "stable@vger.kernel.org # V5.15+", 1, 1, 5, 15 },
	{ "stable@vger.kernel.org # 5.15.y", 1, 1, 5, 15 },
	{ "stable@vger.kernel.org # >= 6.6", 1, 1, 6, 6 },
	{ "stable@vger.kernel.org # 6.1.5+", 1, 1, 6, 1 },
	{ "stable@vger.kernel.org # 6.1", 1, 1, 6, 1 },
	{ "stable@vger.kernel.org # 3.3.x: a1f84a3: sched: Check", 1, 1, 3, 3 },
	{ "STABLE@VGER.KERNEL.ORG # 6.1+", 1, 1, 6, 1 },
	{ "stable@kernel.org # 6.1+", 1, 1, 6, 1 },
	{ "stable@vger.kernel.org", 1, 0, 0, 0 },
	{ "stable@vger.kernel.org # see the changelog", 1, 0, 0, 0 },
	{ "stable@vger.kernel.org # 6+", 1, 0, 0, 0 },
	{ "stable@vger.kernel.org # 6.z", 1, 0, 0, 0 },
	{ "stable@vger.kernel.org # 6.1.", 1, 1, 6, 1 },
	{ "stable@vger.kernel.org # 6.1.z", 1, 0, 0, 0 },
	{ "<stable@vger.kernel.org>", 1, 0, 0, 0 },
	{ "notstable@vger.kernel.org # 6.1+", 0, 0, 0, 0 },
	{ "stable@vger.kernel.org.evil # 6.1+", 0, 0, 0, 0 },
	{ "Ann <ann@example.org> # 6.1+", 0, 0, 0, 0 },
	{ "", 0, 0, 0, 0 },
};

Test(kver, stable_cc)
{
	size_t i;

	for (i = 0; i < sizeof(ccs) / sizeof(ccs[0]); i++) {
		const struct cc_case *c = &ccs[i];
		int x = -1, y = -1;
		bool ok = prv_kver_stable_cc(c->value, &x, &y);

		cr_expect_eq(prv_kver_is_stable_cc(c->value), c->stable, "'%s'",
			     c->value);
		cr_expect_eq(ok, c->ok, "'%s': %d", c->value, ok);
		if (ok && c->ok)
			cr_expect(x == c->major && y == c->minor, "'%s': %d.%d",
				  c->value, x, y);
	}
	cr_expect(!prv_kver_is_stable_cc(NULL));
}
