/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_TESTUTIL_H
#define PRV_TESTUTIL_H

#include <stdbool.h>
#include <stddef.h>

/* Directory of the project's own test data (tests/data). */
const char *prv_test_data_dir(void);
/* ../shared/corpus when present, else NULL (tests then report skips). */
const char *prv_test_corpus_dir(void);
/* Read a whole file into a malloc'd NUL-terminated buffer; NULL on error. */
char *prv_test_read(const char *path, size_t *len);
/* Path of a file under tests/data, in a static buffer. */
const char *prv_test_data(const char *name);

#endif
