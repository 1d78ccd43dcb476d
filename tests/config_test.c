// SPDX-License-Identifier: GPL-2.0-or-later
#include <criterion/criterion.h>
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/base/error.h"
#include "cmd/config.h"

static char home[] = "/tmp/prv-config-test.XXXXXX";

/* A HOME of our own with a .gitconfig, run from outside any repository. */
static void setup(void)
{
	char path[256];
	FILE *fp;

	cr_assert_not_null(mkdtemp(home));
	snprintf(path, sizeof(path), "%s/.gitconfig", home);
	fp = fopen(path, "w");
	cr_assert_not_null(fp);
	fputs("[prereview]\n"
	      "\tloreUrl = http://127.0.0.1:1/all\n"
	      "\thttpTimeout = 2\n"
	      "\tloreMaxSize = 1m\n"
	      "\tbadInt = lots\n"
	      "\toffline = yes\n",
	      fp);
	fclose(fp);
	setenv("HOME", home, 1);
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("GIT_DIR");
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	cr_assert_eq(chdir(home), 0);
	/*
	 * libgit2 may have found its config files before HOME changed: point
	 * it at ours, and hold a reference so that the settings stay.
	 */
	git_libgit2_init();
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_GLOBAL,
			 home);
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_XDG, home);
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_SYSTEM,
			 home);
}

static void teardown(void)
{
	char cmd[300];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", home);
	cr_expect_eq(system(cmd), 0);
	git_libgit2_shutdown();
}

TestSuite(gitconfig, .init = setup, .fini = teardown);

Test(gitconfig, string)
{
	char *s = NULL;

	cr_assert_eq(prv_gitconfig_get_string(&s, "prereview.loreUrl"), 0, "%s",
		     prv_error_last());
	cr_expect_str_eq(s, "http://127.0.0.1:1/all");
	free(s);
	/* section and key names are case-insensitive, as in git */
	cr_assert_eq(prv_gitconfig_get_string(&s, "PREREVIEW.LOREURL"), 0);
	free(s);
	s = NULL;
	cr_expect_eq(prv_gitconfig_get_string(&s, "prereview.nothing"),
		     PRV_ENOTFOUND);
	cr_expect_null(s);
}

Test(gitconfig, int)
{
	long long v = -1;

	cr_assert_eq(prv_gitconfig_get_int(&v, "prereview.httpTimeout"), 0);
	cr_expect_eq(v, 2);
	cr_assert_eq(prv_gitconfig_get_int(&v, "prereview.loreMaxSize"), 0);
	cr_expect_eq(v, 1 << 20);
	v = 7;
	cr_expect_eq(prv_gitconfig_get_int(&v, "prereview.badInt"), PRV_EPARSE);
	cr_expect(strstr(prv_error_last(), "prereview.badInt"));
	cr_expect_eq(v, 7);
	cr_expect_eq(prv_gitconfig_get_int(&v, "prereview.nothing"),
		     PRV_ENOTFOUND);
}

Test(gitconfig, bool)
{
	bool b = false;

	cr_assert_eq(prv_gitconfig_get_bool(&b, "prereview.offline"), 0);
	cr_expect(b);
	cr_expect_eq(prv_gitconfig_get_bool(&b, "prereview.badInt"),
		     PRV_EPARSE);
}

Test(gitconfig, lore)
{
	struct prv_lore_opts o = PRV_LORE_OPTS_INIT;
	char *url;

	o.offline = true;
	prv_config_lore(&o, &url, NULL);
	cr_assert_str_eq(o.url, "http://127.0.0.1:1/all");
	cr_expect_eq(o.url, url);
	cr_expect_eq(o.timeout, 2);
	/* the connect timeout is never longer than the whole transfer */
	cr_expect_eq(o.connect_timeout, 2);
	cr_expect_eq(o.retries, PRV_HTTP_RETRIES_DEFAULT);
	cr_expect_eq(o.retry_delay_ms, PRV_HTTP_RETRY_DELAY_DEFAULT);
	cr_expect_eq(o.max_size, (size_t)1 << 20);
	cr_expect_eq(o.cache_ttl, PRV_CACHE_TTL_DEFAULT);
	cr_expect(o.offline);
	free(url);
	/* --lore-url wins over prereview.loreUrl */
	prv_config_lore(&o, &url, "http://127.0.0.1:2/netdev");
	cr_expect_str_eq(o.url, "http://127.0.0.1:2/netdev");
	cr_expect_null(url);
}

/*
 * One input cap for every SOURCE: the option, else the configuration
 * (loreMaxSize = 1m here, the older name of maxInputSize).
 */
Test(gitconfig, input_cap)
{
	struct prv_source_opts so = PRV_SOURCE_OPTS_INIT;
	char *url;

	prv_config_sources(&so, &url, NULL, 0);
	cr_expect_eq(so.max_size, (size_t)1 << 20);
	cr_expect_eq(so.lore.max_size, (size_t)1 << 20);
	free(url);
	prv_config_sources(&so, &url, NULL, 4096);
	cr_expect_eq(so.max_size, 4096);
	cr_expect_eq(so.lore.max_size, 4096);
	free(url);
}

Test(gitconfig, parse_size)
{
	size_t n;

	cr_expect_eq(prv_config_parse_size(&n, "123"), 0);
	cr_expect_eq(n, 123);
	cr_expect_eq(prv_config_parse_size(&n, "2k"), 0);
	cr_expect_eq(n, 2048);
	cr_expect_eq(prv_config_parse_size(&n, "3M"), 0);
	cr_expect_eq(n, (size_t)3 << 20);
	cr_expect_eq(prv_config_parse_size(&n, "1g"), 0);
	cr_expect_eq(n, (size_t)1 << 30);
	cr_expect_eq(prv_config_parse_size(&n, "0"), -1);
	cr_expect_eq(prv_config_parse_size(&n, ""), -1);
	cr_expect_eq(prv_config_parse_size(&n, "1t"), -1);
	cr_expect_eq(prv_config_parse_size(&n, "-1"), -1);
	cr_expect_eq(prv_config_parse_size(&n, "1kb"), -1);
	cr_expect_eq(prv_config_parse_size(&n, "99999999999999999999"), -1);
	cr_expect_eq(prv_config_parse_size(&n, "18446744073709551615g"), -1);
}
