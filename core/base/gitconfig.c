// SPDX-License-Identifier: GPL-2.0-or-later
#include <git2.h>
#include <stdlib.h>

#include "core/base/error.h"
#include "core/base/gitconfig.h"
#include "core/base/util.h"

/* A read-only snapshot of the config in effect, or NULL. */
git_config *prv_gitconfig_snapshot(const char *repo_dir)
{
	git_repository *repo = NULL;
	git_config *live = NULL, *snap = NULL;

	if (!git_repository_open_ext(
		    &repo, repo_dir ? repo_dir : ".",
		    repo_dir ? 0 : GIT_REPOSITORY_OPEN_FROM_ENV, NULL)) {
		if (git_repository_config(&live, repo))
			live = NULL;
		git_repository_free(repo);
	}
	if (!live && git_config_open_default(&live))
		return NULL;
	if (git_config_snapshot(&snap, live))
		snap = NULL;
	git_config_free(live);
	return snap;
}

enum config_type { CONFIG_STRING, CONFIG_INT, CONFIG_BOOL };

static int config_get(void *out, enum config_type type, const char *key)
{
	git_config *cfg;
	git_buf buf = { 0 };
	int64_t n;
	int b, rc, err = 0;

	cfg = prv_gitconfig_snapshot(NULL);
	if (!cfg) {
		err = prv_error(PRV_ENOTFOUND, "'%s' is not set", key);
		goto out;
	}
	switch (type) {
	case CONFIG_STRING:
		rc = git_config_get_string_buf(&buf, cfg, key);
		if (!rc)
			*(char **)out = prv_xstrdup(buf.ptr ? buf.ptr : "");
		break;
	case CONFIG_INT:
		rc = git_config_get_int64(&n, cfg, key);
		if (!rc)
			*(long long *)out = n;
		break;
	default:
		rc = git_config_get_bool(&b, cfg, key);
		if (!rc)
			*(bool *)out = b != 0;
		break;
	}
	if (rc == GIT_ENOTFOUND) {
		err = prv_error(PRV_ENOTFOUND, "'%s' is not set", key);
	} else if (rc) {
		const git_error *e = git_error_last();

		err = prv_error(PRV_EPARSE, "bad config value for '%s': %s",
				key, e && e->message ? e->message : "invalid");
	}
	git_buf_dispose(&buf);
	git_config_free(cfg);
out:
	return err;
}

int prv_gitconfig_get_string(char **out, const char *key)
{
	return config_get(out, CONFIG_STRING, key);
}

int prv_gitconfig_get_int(long long *out, const char *key)
{
	return config_get(out, CONFIG_INT, key);
}

int prv_gitconfig_get_bool(bool *out, const char *key)
{
	return config_get(out, CONFIG_BOOL, key);
}
