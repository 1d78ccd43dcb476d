// SPDX-License-Identifier: GPL-2.0-or-later
#include "cmd/cmd.h"

int cmd_show(int argc, char **argv, const struct prv_global_opts *g)
{
	return prv_cmd_error(3, "'show' is not implemented yet");
}
