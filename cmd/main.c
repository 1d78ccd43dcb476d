// SPDX-License-Identifier: GPL-2.0-or-later
#include <dlfcn.h>
#include <errno.h>
#include <git2.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "cmd/config.h"
#include "core/base/config.h"
#include "core/base/safetext.h"

struct subcommand {
	const char *name;
	int (*fn)(int argc, char **argv, const struct prv_global_opts *g);
	const char *synopsis;
	const char *help;
};

static const struct subcommand subcommands[] = {
	{ "show", cmd_show,
	  "show [--format=text|json] [--offline] [--no-versions] SOURCE...",
	  "Read SOURCEs and show each series: versions, cover, patches with\n"
	  "their authors, files and trailers, review trailers given in replies,\n"
	  "and warnings about malformed mail.\n"
	  "\n"
	  "  --format=text|json   output format (default text); json follows\n"
	  "                       the prereview-series/1 schema\n"
	  "  --no-versions        lore: the thread alone, not other versions\n"
	  "  --offline            lore: the cache only\n" },
	{ "diff", cmd_diff,
	  "diff [--format=text|json] [--creation-factor=N] [--range=A..B]\n"
	  "                [--no-patch] [--offline] [--no-versions]\n"
	  "                OLD NEW | SOURCE...",
	  "Compare successive versions of a series patch by patch, like git\n"
	  "range-diff, from the mail alone.\n"
	  "\n"
	  "  --format=text|json   output format (default text); json follows\n"
	  "                       the prereview-rangediff/1 schema\n"
	  "  --creation-factor=N  percentage by which creation is weighted, as\n"
	  "                       in git range-diff (default 60, or\n"
	  "                       prereview.creationFactor)\n"
	  "  --range=A..B         compare version A with version B only\n"
	  "  -s, --no-patch       list the pairs without the diff of diffs\n"
	  "  --no-versions        lore: the thread alone, not other versions\n"
	  "  --offline            lore: the cache only\n" },
	{ "check", cmd_check,
	  "check [--format=text|markdown|json|b4|checkpatch] [--repo=DIR]\n"
	  "                [--rules=FILE] [--disable=ID] [--profile=NAME]\n"
	  "                [--severity=ID=SEV] [--net-next-closed=WHEN]\n"
	  "                SOURCE... | --branch [NAME]",
	  "Review a series and print the checklist: series-level items first,\n"
	  "then per patch; each item pass, warn, fail or todo. With no SOURCE\n"
	  "and mail on stdin, review that; one patch alone is reviewed alone\n"
	  "(b4's per-patch check commands; the repository b4 runs in when it\n"
	  "is a kernel tree and none is named), a cover letter alone has its\n"
	  "series fetched from lore (b4's series check command; reads\n"
	  "B4_TRACKING_FILE, and takes the cover it names when stdin is not\n"
	  "the cover).\n"
	  "\n"
	  "  --branch [NAME]      instead of SOURCEs: the b4 prep branch NAME\n"
	  "                       (default: the current one; \"foo\" finds\n"
	  "                       \"b4/foo\") as b4 send would send it, with\n"
	  "                       the versions b4 tagged when they were sent;\n"
	  "                       checked against its repository\n"
	  "  --format=FMT         text (default), markdown, json\n"
	  "                       (prereview-report/1), b4, checkpatch\n"
	  "  --rules=FILE         add a rule file (repeatable; docs/rules.md)\n"
	  "  --disable=ID         drop a finding id or family (repeatable)\n"
	  "  --severity=ID=SEV    change an id's severity (fail, warn, info)\n"
	  "  --profile=NAME       auto (default), generic, netdev, mptcp\n"
	  "  --repo=DIR           check Fixes: targets, base-commit, that the\n"
	  "                       series applies, and the backports to stable\n"
	  "                       trees, in this repository\n"
	  "  --net-next-closed=WHEN\n"
	  "                       yes, no: net-next is closed (merge window) or\n"
	  "                       open; auto (default): from the release tags\n"
	  "  --no-versions        lore: the thread alone, not other versions\n"
	  "  --offline            lore: the cache only\n"
	  "  --lore-url=URL       lore base, as the global option\n"
	  "\n"
	  "Config: prereview.disable, prereview.severity.<id>,\n"
	  "prereview.profile, prereview.rules, prereview.repo,\n"
	  "prereview.netNextClosed, prereview.linkMask (else b4.linkmask,\n"
	  "b4.midmask) for links. Every finding id is described in\n"
	  "docs/checks.md. Exit status 1 when a finding has severity fail.\n" },
	{ "reply", cmd_reply,
	  "reply [-o FILE|DIR/] [--from=ADDR] [--all] [--version=N]\n"
	  "                [--repo=DIR] [--rules=FILE] [--disable=ID]\n"
	  "                [--profile=NAME]\n"
	  "                [--severity=ID=SEV] SOURCE...",
	  "Review the series as 'check' does and write reply mails, ready to\n"
	  "send, with the notes under the quoted hunks: one reply per patch\n"
	  "with findings and one to the cover letter for the series notes.\n"
	  "\n"
	  "  -o, --output=FILE    write the mbox to FILE (default stdout)\n"
	  "  -o, --output=DIR/    one file per reply in DIR, new or empty,\n"
	  "                       for git send-email DIR\n"
	  "  --from=ADDR          the reviewer, \"Name <email>\" (default git\n"
	  "                       user.name and user.email)\n"
	  "  --version=N          answer version N (default the latest)\n"
	  "  --all                also info notes, and a reply to every patch\n"
	  "  --format=mbox        the only format\n"
	  "  --rules, --disable, --severity, --profile, --repo,\n"
	  "  --net-next-closed, --offline, --no-versions, --lore-url\n"
	  "                       as for check\n"
	  "\n"
	  "The check configuration (prereview.disable, prereview.severity.*,\n"
	  "prereview.rules, prereview.profile, prereview.repo) applies;\n"
	  "prereview.signature ends every reply (default user.name, empty:\n"
	  "none). Exit status as for check.\n" },
	{ "fetch", cmd_fetch,
	  "fetch [-o FILE] [--versions|--single] [--offline] MSGID|URL",
	  "Fetch a thread (and with --versions every version of its series)\n"
	  "from lore into one mboxrd file.\n"
	  "\n"
	  "  -o, --output=FILE    write FILE (atomically) instead of stdout\n"
	  "  --versions           add the other versions of the series\n"
	  "  --no-versions        the thread alone (the default)\n"
	  "  --single             the message alone, not its thread\n"
	  "  --offline            use the cache only, never the network\n"
	  "  -q, --quiet          no progress on stderr\n" },
};

static const char global_help[] =
	"SOURCE is an mbox file (lore's mboxrd, b4 am's .mbx, mboxo), a .gz of\n"
	"one, a single message (.eml, .patch), a directory of git format-patch\n"
	"files, - for stdin, a lore URL or a message-id. Several SOURCEs are\n"
	"merged before series are assembled. show, diff, check and reply fetch\n"
	"every version of a lore SOURCE's series; their --no-versions reads\n"
	"the thread alone, --offline the cache only (see docs/lore.md).\n"
	"\n"
	"Global options (before or after the command):\n"
	"  --lore-url=URL         lore base (default https://lore.kernel.org/all)\n"
	"  --color=auto|always|never\n"
	"                         colour the output (NO_COLOR is honoured);\n"
	"                         --color alone is always, --no-color never\n"
	"  -q, --quiet            fewer messages on stderr\n"
	"  -v, --verbose          more messages on stderr\n"
	"  --max-input-size=SIZE  refuse a SOURCE larger than SIZE (k, m, g\n"
	"                         suffixes; a .gz or lore answer inflated;\n"
	"                         default prereview.maxInputSize, else 1g)\n"
	"  --version              print the version and exit\n"
	"  -h, --help             this help; 'prereview help CMD' for a command\n"
	"\n"
	"Exit status: 0 no failing finding, 1 a failing finding, 2 usage error,\n"
	"3 input or environment error.\n";

static const struct subcommand *find_subcommand(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
		if (!strcmp(subcommands[i].name, name))
			return &subcommands[i];
	return NULL;
}

void prv_cmd_usage(const char *name, int to_stderr)
{
	FILE *fp = to_stderr ? stderr : stdout;
	const struct subcommand *sc = name ? find_subcommand(name) : NULL;
	size_t i;

	if (sc) {
		fprintf(fp, "usage: prereview %s\n\n%s", sc->synopsis,
			sc->help);
		return;
	}
	fprintf(fp, "usage: prereview [OPTIONS] COMMAND [ARGS]\n\n");
	fprintf(fp, "prereview reviews a patch series from the mail before you "
		    "read it.\n\nCommands:\n");
	for (i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
		fprintf(fp, "  prereview %s\n", subcommands[i].synopsis);
	fprintf(fp, "\n%s", global_help);
}

/*
 * "prereview: <what>: <message>" on stderr (no "<what>: " when `what` is
 * empty); the message often quotes mail
 * (a subject, a path): it is made safe to print (safetext.h).
 */
__attribute__((format(printf, 2, 0))) static void
vsay(const char *what, const char *fmt, va_list ap)
{
	struct prv_buf msg = PRV_BUF_INIT, safe = PRV_BUF_INIT;

	prv_buf_vaddf(&msg, fmt, ap);
	prv_safe_add(&safe, msg.data, msg.len, PRV_SAFE_BLOCK);
	fprintf(stderr, "prereview: %s%s%s\n", what, *what ? ": " : "",
		safe.data);
	prv_buf_release(&safe);
	prv_buf_release(&msg);
}

void prv_cmd_note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay("", fmt, ap);
	va_end(ap);
}

__attribute__((format(printf, 1, 0))) static void verror(const char *fmt,
							 va_list ap)
{
	vsay("error", fmt, ap);
}

int prv_cmd_error(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verror(fmt, ap);
	va_end(ap);
	return code;
}

const char *prv_cmd_opt_value(const char *arg, const char *name, int *i,
			      int argc, char **argv)
{
	size_t n = strlen(name);

	if (!strncmp(arg, name, n) && arg[n] == '=')
		return arg + n + 1;
	if (!strcmp(arg, name) && *i + 1 < argc)
		return argv[++*i];
	return NULL;
}

int prv_cmd_usage_error(const char *name, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verror(fmt, ap);
	va_end(ap);
	prv_cmd_usage(name, 1);
	return 2;
}

int prv_cmd_text_or_json(const char *name, const char *value,
			 enum prv_report_format *out)
{
	if (prv_report_format_parse(out, value) ||
	    (*out != PRV_FORMAT_TEXT && *out != PRV_FORMAT_JSON))
		return prv_cmd_usage_error(
			name, "bad --format value '%s' (text or json)", value);
	return 0;
}

void prv_cmd_warning(const struct prv_global_opts *g, const char *fmt, ...)
{
	va_list ap;

	if (g && g->verbosity < 0)
		return;
	va_start(ap, fmt);
	vsay("warning", fmt, ap);
	va_end(ap);
}

bool prv_cmd_use_color(const struct prv_global_opts *g, int fd)
{
	const char *nc = getenv("NO_COLOR");

	if (g->color == PRV_COLOR_ALWAYS)
		return true;
	if (g->color == PRV_COLOR_NEVER)
		return false;
	if (nc && *nc)
		return false;
	return isatty(fd);
}

/*
 * A global option that can also come after the command: 1 when `a` is
 * one (and `g` took it), 0 when not, 2 for a bad value (said).
 */
static int global_opt(const char *a, struct prv_global_opts *g)
{
	if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
		g->verbosity = -1;
	} else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
		g->verbosity++;
	} else if (!strncmp(a, "--lore-url=", 11)) {
		g->lore_url = a + 11;
	} else if (!strncmp(a, "--color=", 8) || !strcmp(a, "--color")) {
		const char *v = a[7] ? a + 8 : "always";

		if (!strcmp(v, "auto"))
			g->color = PRV_COLOR_AUTO;
		else if (!strcmp(v, "always"))
			g->color = PRV_COLOR_ALWAYS;
		else if (!strcmp(v, "never"))
			g->color = PRV_COLOR_NEVER;
		else
			return prv_cmd_error(2, "bad --color value '%s'", v);
	} else if (!strcmp(a, "--no-color")) {
		g->color = PRV_COLOR_NEVER;
	} else {
		return 0;
	}
	return 1;
}

/* Options of the commands whose value may be the next argument. */
static bool takes_value(const char *a)
{
	static const char *const with_value[] = {
		"-o",	      "--output",   "--format",
		"--repo",     "--rules",    "--disable",
		"--profile",  "--severity", "--net-next-closed",
		"--lore-url", "--from",	    "--creation-factor",
		"--range",    "--version",  NULL,
	};
	size_t k;

	for (k = 0; with_value[k]; k++)
		if (!strcmp(a, with_value[k]))
			return true;
	return false;
}

/*
 * The global options after the command (`prereview check -q`), as people
 * type them: taken into `g` and out of argv[1..argc), up to "--" and not
 * where an option's value stands. Returns the arguments left, or -2 for a
 * bad value (said).
 */
static int globals_after(int argc, char **argv, struct prv_global_opts *g)
{
	int i, n = 1, ret;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--")) {
			while (i < argc)
				argv[n++] = argv[i++];
			break;
		}
		if (argv[i][0] == '-' && (ret = global_opt(argv[i], g))) {
			if (ret != 1)
				return -2;
			continue;
		}
		if (!strcmp(argv[i], "--lore-url") && i + 1 < argc) {
			g->lore_url = argv[++i];
			continue;
		}
		argv[n++] = argv[i];
		if (takes_value(argv[i]) && i + 1 < argc)
			argv[n++] = argv[++i];
	}
	argv[n] = NULL;
	return n;
}

static int run(int argc, char **argv)
{
	struct prv_global_opts g = { .lore_url = NULL,
				     .color = PRV_COLOR_AUTO,
				     .verbosity = 0 };
	const struct subcommand *sc;
	const char *size;
	int i, ret;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];

		if ((ret = global_opt(a, &g))) {
			if (ret != 1)
				return ret;
		} else if (!strcmp(a, "--version")) {
			printf("prereview %s\n", PRV_VERSION);
			return 0;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			prv_cmd_usage(NULL, 0);
			return 0;
		} else if (!strcmp(a, "--lore-url")) {
			if (i + 1 >= argc)
				return prv_cmd_error(2, "'%s' needs a value",
						     a);
			g.lore_url = argv[++i];
		} else if ((size = prv_cmd_opt_value(a, "--max-input-size", &i,
						     argc, argv))) {
			if (prv_config_parse_size(&g.max_input_size, size))
				return prv_cmd_error(
					2, "bad --max-input-size '%s'", size);
		} else if (!strcmp(a, "--max-input-size")) {
			return prv_cmd_error(2, "'%s' needs a value", a);
		} else {
			prv_cmd_error(2, "unknown option '%s'", a);
			prv_cmd_usage(NULL, 1);
			return 2;
		}
	}
	if (i >= argc) {
		prv_cmd_usage(NULL, 1);
		return 2;
	}
	if (!strcmp(argv[i], "help")) {
		/* 'help help' is the program's usage */
		if (i + 1 < argc && strcmp(argv[i + 1], "help") &&
		    !find_subcommand(argv[i + 1]))
			return prv_cmd_error(2,
					     "'%s' is not a prereview command",
					     argv[i + 1]);
		prv_cmd_usage(i + 1 < argc ? argv[i + 1] : NULL, 0);
		return 0;
	}
	sc = find_subcommand(argv[i]);
	if (!sc) {
		prv_cmd_error(2, "'%s' is not a prereview command", argv[i]);
		prv_cmd_usage(NULL, 1);
		return 2;
	}
	ret = globals_after(argc - i, argv + i, &g);
	if (ret < 0)
		return 2;
	return sc->fn(ret, argv + i, &g);
}

/*
 * Output that did not reach stdout (a full disk, /dev/full) is an error
 * even when the command itself went well, as in git; a reader that went
 * away (EPIPE, when SIGPIPE is ignored) is not.
 */
static bool skip_ca_bundle;

/*
 * libgit2 built with mbedTLS reads the system's whole CA bundle at
 * git_libgit2_init() through this function, some 20 ms, where a
 * range-diff takes a few; prereview uses libgit2 for diffs, config and
 * local repositories only, never for TLS (lore is fetched with libcurl).
 * A definition in the program is found before the library's: it skips the
 * load while main() initialises libgit2 and forwards to the real one
 * otherwise.
 */
int mbedtls_x509_crt_parse_file(void *chain, const char *path);
int mbedtls_x509_crt_parse_file(void *chain, const char *path)
{
	static int (*real)(void *, const char *);

	if (skip_ca_bundle)
		return 0;
	if (!real)
		*(void **)&real =
			dlsym(RTLD_NEXT, "mbedtls_x509_crt_parse_file");
	return real ? real(chain, path) : -1;
}

int main(int argc, char **argv)
{
	int code;

	/* libgit2 is initialised once, here, for every command. */
	skip_ca_bundle = true;
	git_libgit2_init();
	skip_ca_bundle = false;
	/*
	 * Objects are read as git reads them, without hashing each again to
	 * check its id: applying a series reads every file it touches once
	 * per patch, and the MPTCP search reads MPTCP's code.
	 */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	code = run(argc, argv);
	git_libgit2_shutdown();

	errno = 0;
	if ((fflush(stdout) || ferror(stdout)) && errno != EPIPE &&
	    (code == 0 || code == 1))
		code = prv_cmd_error(3, "could not write to stdout: %s",
				     errno ? strerror(errno) : "write error");
	return code;
}
