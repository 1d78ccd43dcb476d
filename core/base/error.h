/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_ERROR_H
#define PRV_ERROR_H

/*
 * Errors: functions that act return 0 on success and a negative PRV_E* code
 * on failure, after recording a human message with prv_error(). The message
 * is per thread and lives until the next prv_error() on that thread.
 */

enum prv_error_code {
	PRV_OK = 0,
	PRV_ERROR = -1, /* generic failure */
	PRV_ENOMEM = -2, /* a size cap was hit */
	PRV_EIO = -3, /* cannot read or write a file */
	PRV_EPARSE = -4, /* input is not what it should be */
	PRV_ENOTFOUND = -5, /* the thing asked for does not exist */
	PRV_ENET = -6, /* network failure */
	PRV_EUSAGE = -7, /* bad option or argument */
};

/* Record a message (git's voice: lower case, no full stop) and return code. */
int prv_error(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The last message recorded on this thread, or "" if none. */
const char *prv_error_last(void);

/* Forget the last message. */
void prv_error_clear(void);

/* Process exit status for an error code: 2 usage, 3 input/environment. */
int prv_error_exit_code(int code);

#endif
