// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/error.h"
#include "core/lore.h"

/* Placeholder until the lore client lands: fails cleanly. */
int prv_lore_parse_arg(char **msgid_out, char **base_out, const char *arg)
{
	*msgid_out = NULL;
	*base_out = NULL;
	return prv_error(PRV_EUSAGE, "'%s': lore sources are not supported yet",
			 arg);
}

int prv_lore_add_source(struct prv_input *in, const char *arg,
			const struct prv_source_opts *opts)
{
	return prv_error(PRV_ENET, "'%s': lore sources are not supported yet",
			 arg);
}
