// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdint.h>
#include <stdlib.h>
#include <zlib.h>

#include "core/base/buf.h"
#include "core/base/error.h"
#include "core/base/gzip.h"

int prv_gunzip(char **out, size_t *out_len, const char *data, size_t len,
	       size_t max, const char *source)
{
	struct prv_buf b = PRV_BUF_INIT;
	z_stream zs = { 0 };
	int zerr, err = 0;

	*out = NULL;
	*out_len = 0;
	/* 16 + MAX_WBITS: gzip wrapper only; concatenated members allowed */
	if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK)
		return prv_error(PRV_ERROR, "could not start inflating '%s'",
				 source);
	b.max = max;
	zs.next_in = (unsigned char *)data;
	zs.avail_in = (uInt)(len > UINT32_MAX ? UINT32_MAX : len);
	for (;;) {
		if (prv_buf_grow(&b, 1 << 16)) {
			if (b.len < max && !prv_buf_grow(&b, max - b.len))
				goto room;
			err = prv_error(PRV_ENOMEM,
					"'%s' inflates to more than %zu bytes",
					source, max);
			goto out;
		}
room:
		zs.next_out = (unsigned char *)b.data + b.len;
		/* the allocation may run past the cap: never inflate beyond it
		 */
		zs.avail_out = (uInt)(b.alloc - b.len - 1 < max - b.len ?
					      b.alloc - b.len - 1 :
					      max - b.len);
		if (!zs.avail_out) {
			err = prv_error(PRV_ENOMEM,
					"'%s' inflates to more than %zu bytes",
					source, max);
			goto out;
		}
		zerr = inflate(&zs, Z_NO_FLUSH);
		b.len = (char *)zs.next_out - b.data;
		if (zerr == Z_STREAM_END) {
			size_t used = len - zs.avail_in;

			if (used >= len)
				break;
			/* another gzip member follows */
			if (inflateReset(&zs) != Z_OK) {
				err = prv_error(PRV_EPARSE,
						"bad gzip data in '%s'",
						source);
				goto out;
			}
			continue;
		}
		if (zerr == Z_BUF_ERROR && !zs.avail_in) {
			err = prv_error(
				PRV_EPARSE,
				"'%s' is truncated (gzip data ends early)",
				source);
			goto out;
		}
		if (zerr != Z_OK && zerr != Z_BUF_ERROR) {
			err = prv_error(PRV_EPARSE, "bad gzip data in '%s': %s",
					source,
					zs.msg ? zs.msg : "inflate failed");
			goto out;
		}
	}
	b.data[b.len] = '\0';
	*out = prv_buf_detach(&b, out_len);
out:
	inflateEnd(&zs);
	prv_buf_release(&b);
	return err;
}
