// SPDX-License-Identifier: GPL-2.0-or-later
#include <criterion/criterion.h>
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/base/error.h"
#include "core/base/gitconfig.h"

static char home[] = "/tmp/prv-gitconfig-test.XXXXXX";

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
