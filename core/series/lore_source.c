// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdlib.h>

#include "core/series/source.h"

/* Its own file: the fetch command links the lore client alone. */
int prv_lore_add_source(struct prv_input *in, const char *arg,
			const struct prv_source_opts *opts)
{
	char *data;
	size_t len;
	int err;

	err = prv_lore_fetch_mbox(&data, &len, arg, &opts->lore,
				  opts->versions);
	if (err)
		return err;
	return prv_input_add_buffer(in, data, len, arg);
}
