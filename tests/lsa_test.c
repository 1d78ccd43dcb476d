// SPDX-License-Identifier: GPL-2.0-or-later
#include <criterion/criterion.h>
#include <limits.h>
#include <stdlib.h>

#include "core/rangediff/lsa.h"

/* A small deterministic generator so that failures can be replayed. */
static unsigned long long rng_state;

static unsigned rng(void)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)(rng_state >> 33);
}

/* Exhaustive minimum over all injections of the smaller side (n <= 8). */
static long long brute_rec(const int *cost, int rows, int cols, int r,
			   unsigned used)
{
	long long best = LLONG_MAX;
	int c;

	if (r == rows)
		return 0;
	if (rows > cols) {
		/* More rows than columns: a row may also stay unassigned. */
		int left = rows - r,
		    free_cols = cols - __builtin_popcount(used);

		if (left > free_cols) {
			long long sub =
				brute_rec(cost, rows, cols, r + 1, used);

			if (sub < best)
				best = sub;
		}
	}
	for (c = 0; c < cols; c++) {
		long long sub;

		if (used & (1u << c))
			continue;
		sub = brute_rec(cost, rows, cols, r + 1, used | (1u << c));
		if (sub != LLONG_MAX && sub + cost[r * cols + c] < best)
			best = sub + cost[r * cols + c];
	}
	return best;
}

/* Classic O(n^3) Hungarian method on a square matrix, as a reference. */
static long long hungarian(const int *cost, int n)
{
	long long *u = calloc(n + 1, sizeof(*u)),
		  *v = calloc(n + 1, sizeof(*v));
	long long *minv = calloc(n + 1, sizeof(*minv)), total = 0;
	int *p = calloc(n + 1, sizeof(*p)), *way = calloc(n + 1, sizeof(*way));
	char *used = calloc(n + 1, 1);
	int i, j;

	for (i = 1; i <= n; i++) {
		int j0 = 0;

		p[0] = i;
		for (j = 0; j <= n; j++) {
			minv[j] = LLONG_MAX;
			used[j] = 0;
		}
		do {
			int i0 = p[j0], j1 = 0;
			long long delta = LLONG_MAX;

			used[j0] = 1;
			for (j = 1; j <= n; j++) {
				if (used[j])
					continue;
				long long cur = cost[(i0 - 1) * n + j - 1] -
						u[i0] - v[j];
				if (cur < minv[j]) {
					minv[j] = cur;
					way[j] = j0;
				}
				if (minv[j] < delta) {
					delta = minv[j];
					j1 = j;
				}
			}
			for (j = 0; j <= n; j++) {
				if (used[j]) {
					u[p[j]] += delta;
					v[j] -= delta;
				} else {
					minv[j] -= delta;
				}
			}
			j0 = j1;
		} while (p[j0]);
		do {
			int j1 = way[j0];

			p[j0] = p[j1];
			j0 = j1;
		} while (j0);
	}
	for (j = 1; j <= n; j++)
		total += cost[(p[j] - 1) * n + j - 1];
	free(u);
	free(v);
	free(minv);
	free(p);
	free(way);
	free(used);
	return total;
}

/* The assignment is a valid (partial) permutation. */
static void assert_consistent(const int *r2c, const int *c2r, int rows,
			      int cols)
{
	int i, assigned = 0;

	for (i = 0; i < rows; i++) {
		if (r2c[i] < 0)
			continue;
		assigned++;
		cr_assert_lt(r2c[i], cols);
		cr_assert_eq(c2r[r2c[i]], i, "row %d -> col %d not mirrored", i,
			     r2c[i]);
	}
	cr_assert_eq(assigned, rows < cols ? rows : cols);
	for (i = 0; i < cols; i++)
		if (c2r[i] >= 0)
			cr_assert_eq(r2c[c2r[i]], i);
}

Test(lsa, empty_and_single)
{
	int r2c[1] = { 7 }, c2r[1] = { 7 }, one = 5;

	cr_assert_eq(prv_lsa_solve(r2c, c2r, NULL, 0, 0), 0);
	cr_assert_eq(prv_lsa_solve(r2c, c2r, &one, 1, 1), 0);
	cr_assert_eq(r2c[0], 0);
	cr_assert_eq(c2r[0], 0);
}

Test(lsa, refuses_negative_cost)
{
	int cost[4] = { 1, -1, 0, 0 }, r2c[2], c2r[2];

	cr_assert_lt(prv_lsa_solve(r2c, c2r, cost, 2, 2), 0);
}

Test(lsa, known_square)
{
	/* Rows 0..3 take columns 1, 0, 2, 3: 2 + 6 + 1 + 4. */
	static const int cost[] = {
		9, 2, 7, 8, /**/ 6, 4, 3, 7, /**/ 5, 8, 1, 8, /**/ 7, 6, 9, 4,
	};
	int r2c[4], c2r[4];

	cr_assert_eq(prv_lsa_solve(r2c, c2r, cost, 4, 4), 0);
	assert_consistent(r2c, c2r, 4, 4);
	cr_assert_eq(prv_lsa_total(r2c, cost, 4, 4), 13);
	cr_assert_eq(r2c[0], 1);
	cr_assert_eq(r2c[1], 0);
	cr_assert_eq(r2c[2], 2);
	cr_assert_eq(r2c[3], 3);
}

Test(lsa, all_ties)
{
	int cost[25], r2c[5], c2r[5], i;

	for (i = 0; i < 25; i++)
		cost[i] = 3;
	cr_assert_eq(prv_lsa_solve(r2c, c2r, cost, 5, 5), 0);
	assert_consistent(r2c, c2r, 5, 5);
	cr_assert_eq(prv_lsa_total(r2c, cost, 5, 5), 15);
}

Test(lsa, forbidden_pairs_avoided)
{
	/* Only the anti-diagonal is allowed. */
	int cost[36], r2c[6], c2r[6], i, j;

	for (i = 0; i < 6; i++)
		for (j = 0; j < 6; j++)
			cost[i * 6 + j] = i + j == 5 ? 10 : PRV_LSA_FORBIDDEN;
	cr_assert_eq(prv_lsa_solve(r2c, c2r, cost, 6, 6), 0);
	for (i = 0; i < 6; i++)
		cr_assert_eq(r2c[i], 5 - i);
	cr_assert_eq(prv_lsa_total(r2c, cost, 6, 6), 60);
}

Test(lsa, rectangular_wide_and_tall)
{
	static const int wide[] = { 5, 1, 9, /**/ 1, 5, 9 };
	static const int tall[] = { 5, 1, /**/ 9, 9, /**/ 1, 5 };
	int r2c[3], c2r[3];

	cr_assert_eq(prv_lsa_solve(r2c, c2r, wide, 2, 3), 0);
	assert_consistent(r2c, c2r, 2, 3);
	cr_assert_eq(r2c[0], 1);
	cr_assert_eq(r2c[1], 0);
	cr_assert_eq(c2r[2], -1);

	cr_assert_eq(prv_lsa_solve(r2c, c2r, tall, 3, 2), 0);
	assert_consistent(r2c, c2r, 3, 2);
	cr_assert_eq(r2c[0], 1);
	cr_assert_eq(r2c[1], -1);
	cr_assert_eq(r2c[2], 0);
}

/* Random small problems, square and not, many ties: equal to brute force. */
Test(lsa, random_small_equals_brute_force)
{
	int round;

	rng_state = 42;
	for (round = 0; round < 3000; round++) {
		int rows = 1 + rng() % 7, cols = 1 + rng() % 7;
		int range = round % 3 == 0 ? 3 : round % 3 == 1 ? 20 : 1000;
		int cost[64], r2c[8], c2r[8], i;
		long long want, got;

		for (i = 0; i < rows * cols; i++) {
			cost[i] = rng() % range;
			if (rng() % 10 == 0)
				cost[i] = PRV_LSA_FORBIDDEN;
		}
		cr_assert_eq(prv_lsa_solve(r2c, c2r, cost, rows, cols), 0);
		assert_consistent(r2c, c2r, rows, cols);
		want = brute_rec(cost, rows, cols, 0, 0);
		got = prv_lsa_total(r2c, cost, rows, cols);
		cr_assert_eq(got, want, "round %d (%dx%d): got %lld want %lld",
			     round, rows, cols, got, want);
	}
}

/* Up to 200 x 200: equal to the Hungarian method's optimum. */
Test(lsa, random_large_equals_hungarian)
{
	static const int sizes[] = { 2, 10, 31, 64, 120, 200 };
	size_t s;

	rng_state = 7;
	for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		int n = sizes[s], i, pass;

		for (pass = 0; pass < 2; pass++) {
			int *cost = malloc(sizeof(int) * n * n);
			int *r2c = malloc(sizeof(int) * n);
			int *c2r = malloc(sizeof(int) * n);
			long long want, got;

			for (i = 0; i < n * n; i++)
				cost[i] = pass ? rng() % 4 : rng() % 5000;
			cr_assert_eq(prv_lsa_solve(r2c, c2r, cost, n, n), 0);
			assert_consistent(r2c, c2r, n, n);
			want = hungarian(cost, n);
			got = prv_lsa_total(r2c, cost, n, n);
			cr_assert_eq(got, want,
				     "n=%d pass %d: got %lld want %lld", n,
				     pass, got, want);
			free(cost);
			free(r2c);
			free(c2r);
		}
	}
}

/* The shape range-diff builds: exact pairs, creation costs, dummy block. */
Test(lsa, rangediff_shape)
{
	/* 2 old, 2 new; n = 4. Rows old+dummies, columns new+dummies. */
	static const int cost[] = {
		/* new1 new2 del  del */
		30, 4,	12, 12, /* old1 */
		5,  40, 12, 12, /* old2 */
		9,  9,	0,  0, /* create */
		9,  9,	0,  0, /* create */
	};
	int r2c[4], c2r[4];

	cr_assert_eq(prv_lsa_solve(r2c, c2r, cost, 4, 4), 0);
	cr_assert_eq(r2c[0], 1);
	cr_assert_eq(r2c[1], 0);
}
