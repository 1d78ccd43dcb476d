// SPDX-License-Identifier: GPL-2.0-or-later
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/base/buf.h"
#include "core/base/error.h"
#include "core/base/gzip.h"
#include "core/lore/lore.h"
#include "core/series/b4am.h"
#include "core/series/source.h"
#include "core/base/util.h"

/* Most files one directory SOURCE may hold. */
#define SOURCE_DIR_FILES_MAX 100000

enum prv_source_kind prv_source_kind(const char *arg)
{
	struct stat st;
	size_t len = strlen(arg);

	if (!strcmp(arg, "-"))
		return PRV_SOURCE_STDIN;
	if (!strncmp(arg, "http://", 7) || !strncmp(arg, "https://", 8))
		return PRV_SOURCE_URL;
	/* an existing path wins over any other reading */
	if (!stat(arg, &st))
		return S_ISDIR(st.st_mode) ? PRV_SOURCE_DIR : PRV_SOURCE_FILE;
	if ((len > 2 && arg[0] == '<' && arg[len - 1] == '>') ||
	    strchr(arg, '@'))
		return PRV_SOURCE_MSGID;
	return PRV_SOURCE_FILE;
}

/*
 * The bytes read from a SOURCE as a malloc'd buffer for the input: gzip
 * data inflated (to `max` bytes at most, the cap of a plain file), else
 * the bytes themselves, taken from `b` (emptied) or, with `copy`, copied.
 */
static int take_bytes(char **out, size_t *out_len, struct prv_buf *b, bool copy,
		      const char *name, size_t max)
{
	if (prv_is_gzip(b->data, b->len)) {
		int err = prv_gunzip(out, out_len, b->data, b->len, max, name);

		if (!copy)
			prv_buf_release(b);
		return err;
	}
	if (!copy) {
		*out = prv_buf_detach(b, out_len);
		return 0;
	}
	*out = prv_xmalloc(b->len + 1);
	if (b->len)
		memcpy(*out, b->data, b->len);
	(*out)[b->len] = '\0';
	*out_len = b->len;
	return 0;
}

/* A file (or stdin for "-"), inflated if gzip, into `in`. */
static int add_file(struct prv_input *in, const char *path, const char *name,
		    size_t max)
{
	struct prv_buf b = PRV_BUF_INIT;
	char *data;
	size_t len, from = in->nr_mails;
	int err = prv_buf_read_file(&b, path, max);

	if (!err)
		err = take_bytes(&data, &len, &b, false, name, max);
	prv_buf_release(&b);
	if (err)
		return err;
	err = prv_input_add_buffer(in, data, len, name);
	if (!err)
		prv_b4am_mark(in, from, name);
	return err;
}

void prv_source_stdin_release(struct prv_source_stdin *s)
{
	prv_buf_release(&s->bytes);
	s->read = false;
}

/* Standard input into `in`, read into `kept` the first time only. */
static int add_kept_stdin(struct prv_input *in, struct prv_source_stdin *kept,
			  size_t max)
{
	char *data;
	size_t len, from = in->nr_mails;
	int err;

	if (!kept->read) {
		err = prv_buf_read_file(&kept->bytes, "-", max);
		if (err)
			return err;
		kept->read = true;
	}
	err = take_bytes(&data, &len, &kept->bytes, true, "<stdin>", max);
	if (err)
		return err;
	err = prv_input_add_buffer(in, data, len, "<stdin>");
	if (!err)
		prv_b4am_mark(in, from, "<stdin>");
	return err;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int add_dir(struct prv_input *in, const char *dir, size_t max)
{
	char **names = NULL;
	size_t nr = 0, alloc = 0, i, added = 0;
	struct dirent *de;
	DIR *d = opendir(dir);
	int err = 0;

	if (!d)
		return prv_error(PRV_EIO, "could not open directory '%s': %s",
				 dir, strerror(errno));
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		if (nr >= SOURCE_DIR_FILES_MAX) {
			err = prv_error(PRV_ENOMEM,
					"'%s' holds more than %d files", dir,
					SOURCE_DIR_FILES_MAX);
			goto out;
		}
		PRV_ALLOC_GROW(names, nr + 1, alloc);
		names[nr++] = prv_xstrdup(de->d_name);
	}
	if (nr)
		qsort(names, nr, sizeof(*names), cmp_names);
	for (i = 0; i < nr; i++) {
		size_t plen = strlen(dir) + strlen(names[i]) + 2;
		char *path = prv_xmalloc(plen);
		struct stat st;

		if (plen > 2 && dir[strlen(dir) - 1] == '/')
			snprintf(path, plen, "%s%s", dir, names[i]);
		else
			snprintf(path, plen, "%s/%s", dir, names[i]);
		if (stat(path, &st) || !S_ISREG(st.st_mode)) {
			free(path);
			continue;
		}
		err = add_file(in, path, path, max);
		if (err == PRV_EPARSE) {
			prv_warn(&in->warnings, path, NULL,
				 "file skipped: not mail");
			err = 0;
		} else if (!err) {
			added++;
		}
		free(path);
		if (err)
			goto out;
	}
	if (!added)
		err = prv_error(PRV_EPARSE, "'%s' holds no mail", dir);
out:
	for (i = 0; i < nr; i++)
		free(names[i]);
	free(names);
	closedir(d);
	return err;
}

int prv_source_add(struct prv_input *in, const char *arg,
		   const struct prv_source_opts *opts)
{
	struct prv_source_opts defaults = PRV_SOURCE_OPTS_INIT;
	size_t max;

	if (!opts)
		opts = &defaults;
	max = opts->max_size ? opts->max_size : PRV_SOURCE_MAX_DEFAULT;
	switch (prv_source_kind(arg)) {
	case PRV_SOURCE_STDIN:
		return add_file(in, "-", "<stdin>", max);
	case PRV_SOURCE_DIR:
		return add_dir(in, arg, max);
	case PRV_SOURCE_MSGID:
	case PRV_SOURCE_URL:
		return prv_lore_add_source(in, arg, opts);
	case PRV_SOURCE_FILE:
	default:
		return add_file(in, arg, arg, max);
	}
}

int prv_source_check_args(const char *const *args, size_t nr)
{
	size_t i, dashes = 0;

	/* stdin has nothing left for a second '-' */
	for (i = 0; i < nr; i++)
		if (!strcmp(args[i], "-") && dashes++)
			return prv_error(PRV_EUSAGE, "'-' (stdin) given twice");
	return 0;
}

/*
 * A b4 am .mbx given without its .cover: b4 wrote both, and the cover
 * letter says what the series is and what changed, so read it too.
 */
static int add_b4am_cover(struct prv_input *in, size_t from, const char *arg,
			  const char *const *args, size_t nr, size_t max)
{
	char *cover = prv_b4am_cover_path(in, from, arg);
	size_t i;
	int err = 0;

	for (i = 0; cover && i < nr; i++)
		if (!strcmp(args[i], cover))
			break;
	if (cover && i == nr)
		err = add_file(in, cover, cover, max);
	free(cover);
	return err;
}

int prv_source_add_all(struct prv_input *in, const char *const *args, size_t nr,
		       const struct prv_source_opts *opts,
		       struct prv_source_stdin *kept)
{
	size_t i, from,
		max = opts && opts->max_size ? opts->max_size :
					       PRV_SOURCE_MAX_DEFAULT;
	int err = prv_source_check_args(args, nr);

	for (i = 0; i < nr && !err; i++) {
		from = in->nr_mails;
		if (kept && !strcmp(args[i], "-"))
			err = add_kept_stdin(in, kept, max);
		else
			err = prv_source_add(in, args[i], opts);
		if (!err && prv_source_kind(args[i]) == PRV_SOURCE_FILE)
			err = add_b4am_cover(in, from, args[i], args, nr, max);
	}
	return err;
}
