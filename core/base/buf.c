// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/base/buf.h"
#include "core/base/error.h"
#include "core/base/util.h"

char prv_buf_empty[1];

void prv_buf_init(struct prv_buf *b)
{
	b->data = prv_buf_empty;
	b->len = 0;
	b->alloc = 0;
	b->max = PRV_BUF_MAX_DEFAULT;
}

void prv_buf_release(struct prv_buf *b)
{
	if (b->alloc)
		free(b->data);
	prv_buf_init(b);
}

void prv_buf_reset(struct prv_buf *b)
{
	prv_buf_setlen(b, 0);
}

int prv_buf_grow(struct prv_buf *b, size_t extra)
{
	size_t want, n;

	if (extra > b->max || b->len > b->max - extra)
		return prv_error(PRV_ENOMEM, "buffer would exceed %zu bytes",
				 b->max);
	want = b->len + extra + 1;
	if (want <= b->alloc)
		return 0;
	n = b->alloc ? b->alloc : 64;
	while (n < want)
		n = n / 2 * 3 + 16;
	if (b->alloc) {
		b->data = prv_xrealloc(b->data, n);
	} else {
		b->data = prv_xmalloc(n);
		b->data[0] = '\0';
	}
	b->alloc = n;
	return 0;
}

int prv_buf_add(struct prv_buf *b, const void *data, size_t len)
{
	int err = prv_buf_grow(b, len);

	if (err)
		return err;
	if (len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
	return 0;
}

int prv_buf_addstr(struct prv_buf *b, const char *s)
{
	return prv_buf_add(b, s, strlen(s));
}

int prv_buf_addch(struct prv_buf *b, int c)
{
	char ch = (char)c;

	return prv_buf_add(b, &ch, 1);
}

int prv_buf_vaddf(struct prv_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;
	int err;

	va_copy(cp, ap);
	n = vsnprintf(b->data + b->len, b->alloc ? b->alloc - b->len : 0, fmt,
		      cp);
	va_end(cp);
	if (n < 0)
		return prv_error(PRV_ERROR, "bad format string");
	if (b->alloc && (size_t)n < b->alloc - b->len) {
		b->len += n;
		return 0;
	}
	err = prv_buf_grow(b, (size_t)n);
	if (err)
		return err;
	vsnprintf(b->data + b->len, b->alloc - b->len, fmt, ap);
	b->len += n;
	return 0;
}

int prv_buf_addf(struct prv_buf *b, const char *fmt, ...)
{
	va_list ap;
	int err;

	va_start(ap, fmt);
	err = prv_buf_vaddf(b, fmt, ap);
	va_end(ap);
	return err;
}

void prv_buf_setlen(struct prv_buf *b, size_t len)
{
	if (!b->alloc)
		return;
	b->len = len;
	b->data[len] = '\0';
}

void prv_buf_rtrim(struct prv_buf *b)
{
	size_t n = b->len;

	while (n && b->data[n - 1] && strchr(" \t\r\n", b->data[n - 1]))
		n--;
	prv_buf_setlen(b, n);
}

char *prv_buf_detach(struct prv_buf *b, size_t *len_out)
{
	char *p;

	if (!b->alloc)
		prv_buf_grow(b, 0);
	p = b->data;
	if (len_out)
		*len_out = b->len;
	prv_buf_init(b);
	return p;
}

/*
 * Ask for huge pages under a big buffer about to be filled: reading a
 * mailbox of tens of MB otherwise takes a page fault (and a page cleared)
 * every 4 KiB.
 */
static void advise_huge(struct prv_buf *b)
{
#ifdef MADV_HUGEPAGE
	const uintptr_t huge = (uintptr_t)2 << 20;
	uintptr_t start = ((uintptr_t)b->data + huge - 1) & ~(huge - 1);
	uintptr_t end = ((uintptr_t)b->data + b->alloc) & ~(huge - 1);

	if (b->alloc >= 4 * huge && start < end)
		madvise((void *)start, end - start, MADV_HUGEPAGE);
#else
	(void)b;
#endif
}

/* A device or a socket: no mailbox, and maybe without an end. */
static bool is_device(const struct stat *st)
{
	return S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode) ||
	       S_ISSOCK(st->st_mode);
}

static bool is_dev_null(const struct stat *st)
{
	struct stat null;

	return S_ISCHR(st->st_mode) && !stat("/dev/null", &null) &&
	       null.st_rdev == st->st_rdev;
}

/*
 * The descriptor to read `path` ("-": stdin) from. A device never ends
 * (/dev/zero) or is no mailbox: refused before a byte is read, as is a
 * directory; stdin may be a pipe, a file, a socket, a terminal or
 * /dev/null. A FIFO is read, up to the cap.
 */
static int open_input(int *fd, const char *path)
{
	struct stat st;

	*fd = 0;
	if (!strcmp(path, "-")) {
		if (fstat(0, &st) || !is_device(&st) || S_ISSOCK(st.st_mode) ||
		    isatty(0) || is_dev_null(&st))
			return 0;
		return prv_error(PRV_EIO,
				 "'-' (stdin) is a device, not a mailbox");
	}
	if (!stat(path, &st) && is_device(&st))
		return prv_error(PRV_EIO, "'%s' is a device, not a mailbox",
				 path);
	*fd = open(path, O_RDONLY | O_CLOEXEC);
	if (*fd < 0)
		return prv_error(PRV_EIO, "could not open '%s': %s", path,
				 strerror(errno));
	if (!fstat(*fd, &st) && S_ISDIR(st.st_mode))
		return prv_error(PRV_EIO, "'%s' is a directory", path);
	return 0;
}

int prv_buf_read_file(struct prv_buf *b, const char *path, size_t max)
{
	int fd;
	int err = open_input(&fd, path);
	struct stat st;
	size_t saved_max = b->max;

	if (err)
		goto out;
	if (fd) {
		if (!fstat(fd, &st) && st.st_size > 0 &&
		    (size_t)st.st_size <= max) {
			prv_buf_grow(b, (size_t)st.st_size);
			advise_huge(b);
		}
	}
	b->max = max;
	for (;;) {
		ssize_t n;

		if (b->alloc - b->len < 65536 + 1 && prv_buf_grow(b, 65536)) {
			/* a smaller final read may still fit under the cap */
			if (b->len >= max || prv_buf_grow(b, max - b->len)) {
				err = prv_error(PRV_ENOMEM,
						"'%s' is larger than %zu bytes",
						path, max);
				goto out;
			}
		}
		n = read(fd, b->data + b->len, b->alloc - b->len - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = prv_error(PRV_EIO, "could not read '%s': %s",
					path, strerror(errno));
			goto out;
		}
		if (!n)
			break;
		b->len += n;
		if (b->len > max) {
			err = prv_error(PRV_ENOMEM,
					"'%s' is larger than %zu bytes", path,
					max);
			goto out;
		}
	}
	if (b->alloc)
		b->data[b->len] = '\0';
out:
	b->max = saved_max;
	if (fd > 0)
		close(fd);
	return err;
}

static mode_t file_mode(const char *path)
{
	struct stat st;
	mode_t mask;

	if (!stat(path, &st) && S_ISREG(st.st_mode))
		return st.st_mode & 07777;
	/* read without a change: the program writes from one thread */
	mask = umask(0);
	umask(mask);
	return 0666 & ~mask;
}

int prv_write_file_atomic(const char *path, const void *data, size_t len)
{
	struct prv_buf tmp = PRV_BUF_INIT;
	const char *p = data;
	int fd, err = 0;

	if (!strcmp(path, "-")) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout))
			return prv_error(PRV_EIO, "could not write to stdout");
		return 0;
	}
	prv_buf_addf(&tmp, "%s.tmpXXXXXX", path);
	fd = mkstemp(tmp.data);
	if (fd < 0) {
		/* the file asked for, not our temporary name */
		err = prv_error(PRV_EIO, "could not create '%s': %s", path,
				strerror(errno));
		goto out;
	}
	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			err = prv_error(PRV_EIO, "could not write '%s': %s",
					path, strerror(errno));
			close(fd);
			unlink(tmp.data);
			goto out;
		}
		p += n;
		len -= n;
	}
	/*
	 * mkstemp() made it 0600: give it the mode of the file it replaces,
	 * else the one a plain create would have (0666 less the umask).
	 */
	fchmod(fd, file_mode(path));
	if (close(fd) || rename(tmp.data, path)) {
		err = prv_error(PRV_EIO, "could not write '%s': %s", path,
				strerror(errno));
		unlink(tmp.data);
	}
out:
	prv_buf_release(&tmp);
	return err;
}
