/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_TCPIMPACT_H
#define PRV_TCPIMPACT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/base/arena.h"

/*
 * The TCP impact of one patch, as an MPTCP reviewer reads it: the TCP
 * files and functions it touches, the symbol groups of the data rules it
 * hits (each once, with its reason) and, with a repository, where MPTCP
 * uses what it changes. rules/tcp.c fills it; the report renders it in
 * every format (JSON "tcp_impact"). Lists are capped; `more_*` counts
 * what did not fit. Strings live in the arena of whoever owns it.
 */

#define PRV_TCP_FILES_MAX 16
#define PRV_TCP_FUNCS_MAX 32
#define PRV_TCP_GROUPS_MAX 24
#define PRV_TCP_GROUP_LINES_MAX 16
#define PRV_TCP_MATCHED_MAX 8
#define PRV_TCP_SYMBOLS_MAX 64
#define PRV_TCP_USES_MAX 64
#define PRV_TCP_SOCKOPTS_MAX 8

enum prv_tcp_symbol_kind {
	PRV_TCP_FUNCTION,
	PRV_TCP_FIELD,
	PRV_TCP_MACRO,
	PRV_TCP_SOCKOPT, /* a TCP_* socket option the patch adds */
};

/* A function, struct field, macro or socket option the patch changes. */
struct prv_tcp_symbol {
	const char *name;
	enum prv_tcp_symbol_kind kind;
};

struct prv_tcp_group {
	const char *name, *reason, *id;
	bool todo; /* a group MPTCP depends on */
	int severity; /* enum prv_severity of the rule */
	const char *matched[PRV_TCP_MATCHED_MAX]; /* what the patterns saw */
	size_t nr_matched;
	const char *file; /* of the first hit */
	const char *func; /* the function of the first hit ("tcp_ack()") */
	long lines[PRV_TCP_GROUP_LINES_MAX]; /* new-side lines of the hits */
	size_t nr_lines;
};

/* Where MPTCP code in the repository uses a changed symbol. */
struct prv_mptcp_use {
	const char *symbol, *file;
	long line;
};

struct prv_tcp_impact {
	size_t series;
	int version, patch;
	const char *id; /* finding id of the touch line ("tcp.touch") */
	const char *files[PRV_TCP_FILES_MAX];
	size_t nr_files, more_files;
	/*
	 * "tcp_ack", "struct tcp_sock" or a macro "TCP_RTO_MAX", with the
	 * index of its file and whether it is a function
	 */
	const char *functions[PRV_TCP_FUNCS_MAX];
	size_t function_file[PRV_TCP_FUNCS_MAX];
	bool function_call[PRV_TCP_FUNCS_MAX];
	size_t nr_functions, more_functions;
	const char *first_file; /* where the touch line points */
	long first_line;
	struct prv_tcp_group groups[PRV_TCP_GROUPS_MAX];
	size_t nr_groups;
	struct prv_tcp_symbol symbols[PRV_TCP_SYMBOLS_MAX];
	size_t nr_symbols;
	/* with a repository */
	bool searched;
	struct prv_mptcp_use uses[PRV_TCP_USES_MAX];
	size_t nr_uses, more_uses;
	/* new TCP_* options that MPTCP's allow-list does not name */
	const char *sockopts_missing[PRV_TCP_SOCKOPTS_MAX];
	size_t nr_sockopts_missing;
	const char *search_note; /* a cap that was hit, or NULL */
};

/* Whether the patch touches TCP at all (a file or a group). */
bool prv_tcp_impact_any(const struct prv_tcp_impact *t);

/* Whether it names something MPTCP depends on: a todo group or a use. */
bool prv_tcp_impact_concrete(const struct prv_tcp_impact *t);

/* Copy `src` into `dst` with its strings in `a`. */
void prv_tcp_impact_copy(struct prv_tcp_impact *dst,
			 const struct prv_tcp_impact *src, struct prv_arena *a);

#endif
