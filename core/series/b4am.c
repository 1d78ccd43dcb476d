// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "core/base/util.h"
#include "core/series/b4am.h"

static bool ends_with(const char *s, const char *suffix)
{
	size_t l = strlen(s), n = strlen(suffix);

	return l >= n && !strcmp(s + l - n, suffix);
}

/* The headers b4 writes on a mail of its am output, and no other. */
static bool b4_headers_only(const struct prv_mail *m)
{
	static const char *const b4[] = {
		"Subject",
		"From",
		"Date",
		"Message-Id",
		"MIME-Version",
		"Content-Type",
		"Content-Transfer-Encoding",
	};
	size_t i, k;

	if (!m->msg.nr_headers || !m->message_id || m->message_id_missing)
		return false;
	for (i = 0; i < m->msg.nr_headers; i++) {
		const struct prv_header *h = &m->msg.headers[i];

		for (k = 0; k < PRV_ARRAY_SIZE(b4); k++)
			if (h->name_len == strlen(b4[k]) &&
			    !strncasecmp(h->name, b4[k], h->name_len))
				break;
		if (k == PRV_ARRAY_SIZE(b4))
			return false;
	}
	return true;
}

/* "v3_20240101_..." : 3; b4 names v1 without the prefix. */
static int name_version(const char *path)
{
	const char *base = strrchr(path, '/');
	long v = 0;
	int i;

	base = base ? base + 1 : path;
	if (base[0] != 'v' || base[1] < '1' || base[1] > '9')
		return 0;
	for (i = 1; base[i] >= '0' && base[i] <= '9'; i++) {
		v = v * 10 + (base[i] - '0');
		if (v > 100000)
			return 0;
	}
	if (base[i] != '_')
		return 0;
	base += i + 1;
	/* the date b4 puts next: YYYYMMDD_ */
	for (i = 0; i < 8; i++)
		if (base[i] < '0' || base[i] > '9')
			return 0;
	return base[8] == '_' ? (int)v : 0;
}

static const char *posting(struct prv_arena *a, const char *path)
{
	size_t len = strlen(path);

	if (ends_with(path, ".mbx"))
		len -= 4;
	else if (ends_with(path, ".cover"))
		len -= 6;
	return prv_arena_strndup(a, path, len);
}

void prv_b4am_mark(struct prv_input *in, size_t from, const char *path)
{
	const char *key = NULL;
	int version = name_version(path);
	size_t i;

	if (in->nr_mails == from + 1 && ends_with(path, ".cover") &&
	    b4_headers_only(in->mails[from]))
		in->mails[from]->b4am = true;
	for (i = from; i < in->nr_mails; i++) {
		struct prv_mail *m = in->mails[i];

		if (!m->b4am)
			continue;
		if (!key)
			key = posting(&in->arena, path);
		m->b4am_posting = key;
		m->b4am_version = version;
	}
}

char *prv_b4am_cover_path(const struct prv_input *in, size_t from,
			  const char *path)
{
	struct stat st;
	size_t len = strlen(path);
	char *cover;

	if (from >= in->nr_mails || !in->mails[from]->b4am ||
	    !ends_with(path, ".mbx"))
		return NULL;
	cover = prv_xmalloc(len + 3);
	memcpy(cover, path, len - 4);
	memcpy(cover + len - 4, ".cover", 7);
	if (stat(cover, &st) || !S_ISREG(st.st_mode)) {
		free(cover);
		return NULL;
	}
	return cover;
}
