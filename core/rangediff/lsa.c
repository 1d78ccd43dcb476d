// SPDX-License-Identifier: GPL-2.0-or-later
#include <limits.h>
#include <stdlib.h>

#include "core/base/error.h"
#include "core/rangediff/lsa.h"
#include "core/base/util.h"

/*
 * The square problem the solver works on: the caller's matrix padded with
 * zero-cost rows or columns.
 */
struct lsa {
	const int *cost;
	int rows, cols, n;
	long long *v; /* column prices (duals) */
	int *x; /* column of each row, -1 when free */
	int *y; /* row of each column, -1 when free */
	int *free_rows; /* rows still without a column */
	int *matches; /* how many columns chose each row */
	long long *d; /* shortest path lengths */
	int *pred; /* row before each column on its path */
	int *collist; /* columns, partitioned into scanned/todo/rest */
};

#define LSA_BIG LLONG_MAX

static long long lsa_cost(const struct lsa *s, int i, int j)
{
	if (i >= s->rows || j >= s->cols)
		return 0;
	return s->cost[(size_t)i * s->cols + j];
}

/*
 * Each column goes to its cheapest row (the first of equals); a row chosen
 * by several columns keeps the first of them, the highest column.
 */
static void column_reduction(struct lsa *s)
{
	int i, j;

	for (j = s->n - 1; j >= 0; j--) {
		int imin = 0;
		long long min = lsa_cost(s, 0, j);

		for (i = 1; i < s->n; i++) {
			long long c = lsa_cost(s, i, j);

			if (c < min) {
				min = c;
				imin = i;
			}
		}
		s->v[j] = min;
		if (++s->matches[imin] == 1) {
			s->x[imin] = j;
			s->y[j] = imin;
		} else {
			s->y[j] = -1;
		}
	}
}

/*
 * Rows that got exactly one column lower that column's price by the
 * slack to their second best column; rows that got none are free.
 */
static int reduction_transfer(struct lsa *s)
{
	int i, j, nr_free = 0;

	for (i = 0; i < s->n; i++) {
		if (s->matches[i] == 0) {
			s->free_rows[nr_free++] = i;
		} else if (s->matches[i] == 1) {
			int j1 = s->x[i];
			long long min = LSA_BIG;

			for (j = 0; j < s->n; j++) {
				long long h;

				if (j == j1)
					continue;
				h = lsa_cost(s, i, j) - s->v[j];
				if (h < min)
					min = h;
			}
			if (min != LSA_BIG)
				s->v[j1] -= min;
		}
	}
	return nr_free;
}

/*
 * Free rows take their cheapest column, evicting its row, and raise its
 * price by the gap to their second choice; done twice over the free list.
 * Of equal cheapest columns the last one is taken first (as git does).
 */
static int augmenting_row_reduction(struct lsa *s, int nr_free)
{
	int round;

	for (round = 0; round < 2; round++) {
		int k = 0, prev_free = nr_free;

		nr_free = 0;
		while (k < prev_free) {
			int i = s->free_rows[k++];
			int j, j1 = 0, j2 = -1, i0;
			long long umin = lsa_cost(s, i, 0) - s->v[0];
			long long usubmin = LSA_BIG;

			for (j = 1; j < s->n; j++) {
				long long h = lsa_cost(s, i, j) - s->v[j];

				if (h < usubmin) {
					if (h > umin) {
						usubmin = h;
						j2 = j;
					} else {
						usubmin = umin;
						umin = h;
						j2 = j1;
						j1 = j;
					}
				}
			}
			i0 = s->y[j1];
			if (umin < usubmin) {
				s->v[j1] -= usubmin - umin;
			} else if (i0 >= 0 && j2 >= 0) {
				j1 = j2;
				i0 = s->y[j2];
			}
			s->x[i] = j1;
			s->y[j1] = i;
			if (i0 >= 0) {
				s->x[i0] = -1;
				if (umin < usubmin)
					s->free_rows[--k] = i0;
				else
					s->free_rows[nr_free++] = i0;
			}
		}
	}
	return nr_free;
}

/* Dijkstra over reduced costs from one free row to a free column. */
static void augment(struct lsa *s, int free_row)
{
	int n = s->n, low = 0, up = 0, last = 0, end = -1;
	int i, j, j1, k;
	long long min = 0;

	for (j = 0; j < n; j++) {
		s->d[j] = lsa_cost(s, free_row, j) - s->v[j];
		s->pred[j] = free_row;
		s->collist[j] = j;
	}
	while (end < 0) {
		if (up == low) {
			/* Collect the columns at the new minimum distance. */
			last = low - 1;
			min = s->d[s->collist[up++]];
			for (k = up; k < n; k++) {
				long long h;

				j = s->collist[k];
				h = s->d[j];
				if (h <= min) {
					if (h < min) {
						up = low;
						min = h;
					}
					s->collist[k] = s->collist[up];
					s->collist[up++] = j;
				}
			}
			for (k = low; k < up; k++) {
				if (s->y[s->collist[k]] < 0) {
					end = s->collist[k];
					break;
				}
			}
		}
		if (end >= 0)
			break;
		/* Scan one column at the minimum distance. */
		j1 = s->collist[low++];
		i = s->y[j1];
		{
			long long h = lsa_cost(s, i, j1) - s->v[j1] - min;

			for (k = up; k < n; k++) {
				long long v2;

				j = s->collist[k];
				v2 = lsa_cost(s, i, j) - s->v[j] - h;
				if (v2 < s->d[j]) {
					s->pred[j] = i;
					if (v2 == min) {
						if (s->y[j] < 0) {
							end = j;
							break;
						}
						s->collist[k] = s->collist[up];
						s->collist[up++] = j;
					}
					s->d[j] = v2;
				}
			}
		}
	}
	/* Scanned columns get their prices updated. */
	for (k = 0; k <= last; k++) {
		j1 = s->collist[k];
		s->v[j1] += s->d[j1] - min;
	}
	/* Flip the path. */
	do {
		i = s->pred[end];
		s->y[end] = i;
		j1 = end;
		end = s->x[i];
		s->x[i] = j1;
	} while (i != free_row);
}

int prv_lsa_solve(int *row2col, int *col2row, const int *cost, int rows,
		  int cols)
{
	struct lsa s = { 0 };
	int i, nr_free;
	size_t k;

	if (rows < 0 || cols < 0)
		return prv_error(PRV_EUSAGE, "negative assignment size");
	for (k = 0; k < (size_t)rows * cols; k++)
		if (cost[k] < 0)
			return prv_error(PRV_EUSAGE,
					 "negative assignment cost");
	s.cost = cost;
	s.rows = rows;
	s.cols = cols;
	s.n = rows > cols ? rows : cols;
	if (s.n == 0)
		return 0;
	if (s.n == 1) {
		if (rows && cols) {
			if (row2col)
				row2col[0] = 0;
			if (col2row)
				col2row[0] = 0;
		} else if (rows && row2col) {
			row2col[0] = -1;
		} else if (cols && col2row) {
			col2row[0] = -1;
		}
		return 0;
	}

	s.v = prv_xcalloc(s.n, sizeof(*s.v));
	s.d = prv_xcalloc(s.n, sizeof(*s.d));
	s.x = prv_xmalloc(s.n * sizeof(*s.x));
	s.y = prv_xmalloc(s.n * sizeof(*s.y));
	s.free_rows = prv_xcalloc(s.n, sizeof(*s.free_rows));
	s.matches = prv_xcalloc(s.n, sizeof(*s.matches));
	s.pred = prv_xcalloc(s.n, sizeof(*s.pred));
	s.collist = prv_xcalloc(s.n, sizeof(*s.collist));
	for (i = 0; i < s.n; i++)
		s.x[i] = s.y[i] = -1;

	column_reduction(&s);
	nr_free = reduction_transfer(&s);
	nr_free = augmenting_row_reduction(&s, nr_free);
	for (i = 0; i < nr_free; i++)
		augment(&s, s.free_rows[i]);

	if (row2col)
		for (i = 0; i < rows; i++)
			row2col[i] = s.x[i] < cols ? s.x[i] : -1;
	if (col2row)
		for (i = 0; i < cols; i++)
			col2row[i] = s.y[i] < rows ? s.y[i] : -1;

	free(s.v);
	free(s.d);
	free(s.x);
	free(s.y);
	free(s.free_rows);
	free(s.matches);
	free(s.pred);
	free(s.collist);
	return 0;
}

long long prv_lsa_total(const int *row2col, const int *cost, int rows, int cols)
{
	long long sum = 0;
	int i;

	for (i = 0; i < rows; i++)
		if (row2col[i] >= 0 && row2col[i] < cols)
			sum += cost[(size_t)i * cols + row2col[i]];
	return sum;
}
