// SPDX-License-Identifier: GPL-2.0-or-later
#include <dirent.h>
#include <git2.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "core/base/buf.h"
#include "core/mail/mbox.h"
#include "tests/testutil.h"

/*
 * The program initialises libgit2 in main(); the tests, which link the
 * library alone, do it before Criterion runs them.
 */
__attribute__((constructor)) static void init_libgit2(void)
{
	git_libgit2_init();
}

const char *prv_test_data_dir(void)
{
	const char *d = getenv("PRV_TEST_DATA");

	return d ? d : "tests/data";
}

const char *prv_test_corpus_dir(void)
{
	const char *d = getenv("PRV_CORPUS");
	struct stat st;

	if (d && !stat(d, &st) && S_ISDIR(st.st_mode))
		return d;
	return NULL;
}

char *prv_test_read(const char *path, size_t *len)
{
	struct prv_buf b = PRV_BUF_INIT;

	if (prv_buf_read_file(&b, path, (size_t)1 << 30)) {
		prv_buf_release(&b);
		return NULL;
	}
	return prv_buf_detach(&b, len);
}

const char *prv_test_data(const char *name)
{
	static char path[4096];

	snprintf(path, sizeof(path), "%s/%s", prv_test_data_dir(), name);
	return path;
}

size_t prv_test_for_each_corpus_file(const char *corpus,
				     const char *const *dirs, size_t nr_dirs,
				     prv_test_file_fn *fn, void *payload)
{
	size_t i, files = 0;

	for (i = 0; i < nr_dirs; i++) {
		char dpath[4096];
		struct dirent *de;
		DIR *d;

		snprintf(dpath, sizeof(dpath), "%s/%s", corpus, dirs[i]);
		d = opendir(dpath);
		if (!d)
			continue;
		while ((de = readdir(d))) {
			char file[8192];

			if (!strstr(de->d_name, ".mbox"))
				continue;
			snprintf(file, sizeof(file), "%s/%s", dpath,
				 de->d_name);
			files++;
			fn(file, payload);
		}
		closedir(d);
	}
	return files;
}

struct mail_walk {
	prv_test_mail_fn *fn;
	void *payload;
	size_t files;
};

static void walk_mails(const char *file, void *payload)
{
	struct mail_walk *w = payload;
	struct prv_mbox mb = PRV_MBOX_INIT;
	size_t len, k;
	char *buf;

	const char *name = strrchr(file, '/');

	if (strstr(name ? name : file, "-all."))
		return;
	buf = prv_test_read(file, &len);
	if (!buf)
		return;
	w->files++;
	if (!prv_mbox_split(&mb, buf, len, PRV_MBOX_AUTO, file, NULL))
		for (k = 0; k < mb.nr; k++)
			w->fn(file, k, mb.items[k].data, mb.items[k].len,
			      w->payload);
	prv_mbox_release(&mb);
	free(buf);
}

size_t prv_test_for_each_corpus_mail(const char *corpus,
				     const char *const *dirs, size_t nr_dirs,
				     prv_test_mail_fn *fn, void *payload)
{
	struct mail_walk w = { fn, payload, 0 };

	prv_test_for_each_corpus_file(corpus, dirs, nr_dirs, walk_mails, &w);
	return w.files;
}
