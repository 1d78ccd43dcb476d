/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_LSA_H
#define PRV_LSA_H

/*
 * Linear assignment (Jonker and Volgenant, 1987): pair every row with a
 * column so that the sum of the costs is minimal. The shortest augmenting
 * path variant with column reduction, reduction transfer and two rounds
 * of augmenting row reduction; O(n^3).
 *
 * A pair that must not be chosen is given a large cost, such as
 * PRV_LSA_FORBIDDEN (git's COST_MAX): it is taken only when every
 * alternative costs more. Costs are ints >= 0; prices and path lengths are kept
 * in long long, so no sum of them can overflow.
 */

#define PRV_LSA_FORBIDDEN (1 << 16)

/*
 * Solve a rows x cols problem. `cost[r * cols + c]` is the cost of giving
 * column c to row r; costs must be >= 0. On return `row2col[r]` is the
 * column of row r and `col2row[c]` the row of column c, or -1 for the rows
 * or columns left over when the problem is not square (those are paired
 * with zero-cost padding internally). Either output may be NULL.
 * Returns 0, or PRV_EUSAGE on a negative size or cost.
 */
int prv_lsa_solve(int *row2col, int *col2row, const int *cost, int rows,
		  int cols);

/* The total cost of an assignment made by prv_lsa_solve(). */
long long prv_lsa_total(const int *row2col, const int *cost, int rows,
			int cols);

#endif
