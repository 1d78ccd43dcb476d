// SPDX-License-Identifier: GPL-2.0
#include "foo.h"

static int foo_count;

int foo_get(void)
{
	return foo_count;
}

void foo_set(int v)
{
	foo_count = v;
}
