/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_CMD_H
#define PRV_CMD_H

#include <stdbool.h>

#include "core/report/render.h"

/*
 * Subcommands of the prereview program. Each takes the arguments after its
 * name (argv[0] is the subcommand name) and the global options, and returns
 * the process exit status: 0 no failing finding, 1 a failing finding,
 * 2 usage error, 3 input or environment error.
 */

enum prv_color { PRV_COLOR_AUTO, PRV_COLOR_ALWAYS, PRV_COLOR_NEVER };

struct prv_global_opts {
	const char *lore_url; /* NULL: git config prereview.loreUrl, else lore
			       */
	enum prv_color color;
	int verbosity; /* -1 quiet, 0 normal, 1+ verbose */
	size_t max_input_size; /* --max-input-size; 0: git config or 1 GiB */
};

int cmd_show(int argc, char **argv, const struct prv_global_opts *g);
int cmd_diff(int argc, char **argv, const struct prv_global_opts *g);
int cmd_check(int argc, char **argv, const struct prv_global_opts *g);
int cmd_reply(int argc, char **argv, const struct prv_global_opts *g);
int cmd_fetch(int argc, char **argv, const struct prv_global_opts *g);

/*
 * Messages on stderr quote mail (subjects, paths): each is made safe to
 * print (core/base/safetext.h) before it is written.
 */
/* Print "prereview: <msg>" to stderr. */
void prv_cmd_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print "prereview: error: <msg>" to stderr; returns `code`. */
int prv_cmd_error(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Print "prereview: warning: <msg>" to stderr unless quiet. */
void prv_cmd_warning(const struct prv_global_opts *g, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Whether to colour output on `fd` under the global options and NO_COLOR. */
bool prv_cmd_use_color(const struct prv_global_opts *g, int fd);
/* Print the usage of subcommand `name` (NULL: the program) to `fp`. */
void prv_cmd_usage(const char *name, int to_stderr);
/* A usage error: the message, then the usage of command `name`; returns 2. */
int prv_cmd_usage_error(const char *name, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * The --format of a command that writes text or JSON (show, diff), read by
 * prv_report_format_parse() like check's: PRV_FORMAT_TEXT or
 * PRV_FORMAT_JSON into *out, else a usage error of command `name`.
 */
int prv_cmd_text_or_json(const char *name, const char *value,
			 enum prv_report_format *out);

/*
 * The value of option `name` at argv[*i]: "--name=value", or "--name value"
 * (then *i moves past the value). NULL if argv[*i] is not that option, or
 * is "--name" with nothing after it.
 */
const char *prv_cmd_opt_value(const char *arg, const char *name, int *i,
			      int argc, char **argv);

#endif
