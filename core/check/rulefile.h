/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_RULEFILE_H
#define PRV_RULEFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/check/finding.h"

/*
 * Data rules: pcre2 patterns matched against the files and hunks of a
 * patch (tcp.rules, shipped with prereview, holds the TCP rules; users add
 * their own files with --rules or git config prereview.rules). The format,
 * one key per line, values taken literally (no escaping), is documented in
 * docs/rules.md:
 *
 *	# option space
 *	rule tcp-option-space
 *	id: tcp.touch
 *	group: option space
 *	path: ^(net|include)/
 *	symbol: \btcp_(syn|synack|established)_options\b
 *	reason: MPTCP shares the 40-byte option space
 *	severity: info
 *
 * A rule fires on a hunk when its file path matches one of its `path`
 * patterns (any path when it has none) and, if it has `symbol` patterns,
 * when one of them matches the hunk's function context or one of its
 * added or removed lines. A rule without symbols fires once per file.
 * Only changed code counts unless the rule says "changes: all".
 */

#define PRV_RULES_MAX_PATTERNS 64 /* per rule and key */
#define PRV_RULEFILE_MAX ((size_t)1 << 20)
/*
 * Work one match may do (pcre2's match limit; its default is 10 million):
 * a pattern that backtracks without end, such as (a+)+$ on a long line,
 * gives up on that line instead of stalling the run. Patterns that read
 * like the shipped ones need a few hundred steps per line.
 */
#define PRV_RULE_MATCH_LIMIT 100000

struct prv_rule {
	const char *name;
	const char *id; /* finding id: "rule.<name>" unless given */
	const char *group; /* short label, defaults to the name */
	const char *reason;
	enum prv_severity severity;
	bool todo; /* a human should look (default true) */
	/*
	 * "changes: all": comments, blank lines, SPDX lines, selftests and
	 * documentation count too (by default only code changes count).
	 */
	bool all_changes;
	void **paths; /* compiled pcre2_code * */
	size_t nr_paths;
	void **symbols;
	size_t nr_symbols;
	const char *file; /* where it was defined */
	size_t line;
};

struct prv_rule_matcher; /* pcre2 match data and limits, and what gave up */

struct prv_ruleset {
	struct prv_arena arena;
	struct prv_rule *rules;
	size_t nr, alloc;
	struct prv_rule_matcher *matcher;
};

void prv_ruleset_init(struct prv_ruleset *rs);
void prv_ruleset_release(struct prv_ruleset *rs);

/*
 * Parse rule text `len` bytes named `name` and add its rules. On a bad
 * line or pattern returns PRV_EPARSE with a message naming file and line
 * ("rules.rules:12: bad pattern '...': missing closing parenthesis").
 * A rule with the name of an existing one replaces it.
 */
int prv_ruleset_add_text(struct prv_ruleset *rs, const char *text, size_t len,
			 const char *name);

/* Read and add a rule file; PRV_EIO when unreadable. */
int prv_ruleset_add_file(struct prv_ruleset *rs, const char *path);

/*
 * Load the shipped rule files (the .rules files) in PRV_SRC_RULESDIR when the
 * program runs from a build tree (a CMakeCache.txt next to it or one level up),
 * else in PRV_RULESDIR. PRV_EIO when neither exists.
 */
int prv_ruleset_add_default(struct prv_ruleset *rs);

/* Whether `path` matches one of the rule's path patterns (or it has none). */
bool prv_rule_match_path(const struct prv_ruleset *rs, const struct prv_rule *r,
			 const char *path);

/*
 * Match the rule's symbol patterns against `len` bytes at `s`. On a match,
 * *start and *end (either may be NULL) bound the matched text.
 */
/*
 * How many matches gave up at PRV_RULE_MATCH_LIMIT (counted as no match),
 * and the first rule that did, NULL when none did.
 */
size_t prv_ruleset_gave_up(const struct prv_ruleset *rs,
			   const struct prv_rule **first);

bool prv_rule_match_symbol(const struct prv_ruleset *rs,
			   const struct prv_rule *r, const char *s, size_t len,
			   size_t *start, size_t *end);

#endif
