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

/*
 * Call fn on every message of every *.mbox (but *-all.mbox, which repeats
 * the per-version files) in the corpus folders `dirs`, split as mboxes.
 * `file` names the mbox, `k` the 0-based message. Returns the number of
 * mbox files read.
 */
typedef void prv_test_mail_fn(const char *file, size_t k, const char *data,
			      size_t len, void *payload);
size_t prv_test_for_each_corpus_mail(const char *corpus,
				     const char *const *dirs, size_t nr_dirs,
				     prv_test_mail_fn *fn, void *payload);

/*
 * Call fn on the path of every *.mbox file (*-all.mbox included) in the
 * corpus folders `dirs`. Returns the number of files.
 */
typedef void prv_test_file_fn(const char *file, void *payload);
size_t prv_test_for_each_corpus_file(const char *corpus,
				     const char *const *dirs, size_t nr_dirs,
				     prv_test_file_fn *fn, void *payload);

#endif
