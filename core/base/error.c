// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdarg.h>
#include <stdio.h>

#include "core/base/error.h"

static _Thread_local char last_error[1024];

int prv_error(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last_error, sizeof(last_error), fmt, ap);
	va_end(ap);
	return code;
}

const char *prv_error_last(void)
{
	return last_error;
}

void prv_error_clear(void)
{
	last_error[0] = '\0';
}

int prv_error_exit_code(int code)
{
	if (code == PRV_EUSAGE)
		return 2;
	return 3;
}
