// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "tests/testutil.h"

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
