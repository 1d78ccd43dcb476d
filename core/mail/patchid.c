// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * `git patch-id --stable`, reimplemented from its documented behaviour:
 * a line-oriented state machine over the text, hashing each diff line with
 * all white space removed, one SHA-1 per file, the per-file digests summed
 * as 20-byte little-endian numbers. Binary files hash their blob ids.
 */
#include <stdbool.h>
#include <string.h>

#include "core/base/error.h"
#include "core/mail/patchid.h"
#include "core/base/sha1.h"

#define OID_HEX_MAX 64

struct patchid_state {
	struct prv_sha1 ctx;
	unsigned char result[20];
	unsigned char pending[4096]; /* white-space-stripped bytes to hash */
	size_t npending;
	size_t patchlen; /* bytes hashed for this patch */
};

/* git's isspace(): space, tab, LF, CR only. */
static inline bool git_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static inline bool git_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline bool is_hex(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F');
}

static void pending_flush(struct patchid_state *s)
{
	if (s->npending)
		prv_sha1_update(&s->ctx, s->pending, s->npending);
	s->npending = 0;
}

static void hash_stripped(struct patchid_state *s, const char *line, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)line[i];

		if (git_space(c))
			continue;
		if (s->npending == sizeof(s->pending))
			pending_flush(s);
		s->pending[s->npending++] = c;
		s->patchlen++;
	}
}

static void hash_raw(struct patchid_state *s, const char *p, size_t len)
{
	pending_flush(s);
	prv_sha1_update(&s->ctx, p, len);
}

/* Add the current file's digest to the result and start a new one. */
static void flush_file(struct patchid_state *s)
{
	unsigned char hash[20];
	unsigned carry = 0;
	int i;

	pending_flush(s);
	prv_sha1_final(hash, &s->ctx);
	prv_sha1_init(&s->ctx);
	for (i = 0; i < 20; i++) {
		carry += s->result[i] + hash[i];
		s->result[i] = (unsigned char)carry;
		carry >>= 8;
	}
}

static size_t digits_at(const char *p, const char *end)
{
	size_t n = 0;

	while (p + n < end && p[n] >= '0' && p[n] <= '9')
		n++;
	return n;
}

static long atoi_at(const char *p, const char *end)
{
	long v = 0;

	for (; p < end && *p >= '0' && *p <= '9'; p++)
		if (v < 100000000)
			v = v * 10 + (*p - '0');
	return v;
}

/* "@@ -a[,b] +c[,d]": line counts, 1 when omitted. */
static void scan_hunk_header(const char *line, const char *end, long *before,
			     long *after)
{
	const char *q = line + 4, *r;
	size_t n = digits_at(q, end);

	if (q + n < end && q[n] == ',') {
		q += n + 1;
		*before = atoi_at(q, end);
		n = digits_at(q, end);
	} else {
		*before = 1;
	}
	if (!n || q + n + 1 >= end || q[n] != ' ' || q[n + 1] != '+')
		return;
	r = q + n + 2;
	n = digits_at(r, end);
	if (r + n < end && r[n] == ',')
		*after = atoi_at(r + n + 1, end);
	else
		*after = 1;
}

static bool starts(const char *p, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && !memcmp(p, prefix, n);
}

/* A line that begins a new commit in `git log` output ends the patch. */
static bool is_next_commit(const char *line, size_t len)
{
	size_t i;

	if (starts(line, len, "commit ")) {
		line += 7;
		len -= 7;
	} else if (starts(line, len, "From ")) {
		line += 5;
		len -= 5;
	}
	if (len < 40)
		return false;
	for (i = 0; i < 40; i++)
		if (!is_hex((unsigned char)line[i]))
			return false;
	return true;
}

/*
 * One patch from *pos on; returns the bytes hashed (0: none). *pos moves
 * past the last line read.
 */
/* Copies at most OID_HEX_MAX bytes of an object name and ends it. */
static void copy_oid(char *dst, const char *src, size_t n)
{
	if (n > OID_HEX_MAX)
		n = OID_HEX_MAX;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* "index PRE..POST [MODE]", as git's patch-id reads it */
static void read_index_oids(const char *line, size_t ll, char *pre_oid,
			    char *post_oid)
{
	const char *p = line + 6;
	const char *dots = memmem(line, ll, "..", 2);
	const char *sp = NULL;

	if (dots)
		sp = memchr(dots, ' ', (size_t)(line + ll - dots));
	if (!sp)
		sp = line + ll - 1;
	if (!dots || dots < p || sp < dots + 2)
		return;
	copy_oid(pre_oid, p, (size_t)(dots - p));
	copy_oid(post_oid, dots + 2, (size_t)(sp - dots - 2));
}

static size_t one_patch(struct patchid_state *s, const char *text, size_t len,
			size_t *pos)
{
	long before = -1, after = -1;
	bool binary = false;
	char pre_oid[OID_HEX_MAX + 1] = "", post_oid[OID_HEX_MAX + 1] = "";

	prv_sha1_init(&s->ctx);
	memset(s->result, 0, sizeof(s->result));
	s->npending = 0;
	s->patchlen = 0;

	while (*pos < len) {
		const char *line = text + *pos;
		const char *nl = memchr(line, '\n', len - *pos);
		size_t ll = nl ? (size_t)(nl - line) + 1 : len - *pos;

		*pos += ll;
		/* "\ No newline at end of file" */
		if (ll > 12 && line[0] == '\\' && line[1] == ' ')
			continue;
		if (is_next_commit(line, ll))
			break;
		if (!s->patchlen && !starts(line, ll, "diff "))
			continue;

		if (before == -1) {
			if (starts(line, ll, "GIT binary patch") ||
			    starts(line, ll, "Binary files")) {
				binary = true;
				before = 0;
				hash_raw(s, pre_oid, strlen(pre_oid));
				hash_raw(s, post_oid, strlen(post_oid));
				flush_file(s);
				continue;
			} else if (starts(line, ll, "index ")) {
				read_index_oids(line, ll, pre_oid, post_oid);
				continue;
			} else if (starts(line, ll, "--- ")) {
				before = after = 1;
			} else if (!git_alpha((unsigned char)line[0])) {
				break;
			}
		}

		if (binary) {
			if (starts(line, ll, "diff ")) {
				binary = false;
				before = -1;
			}
			continue;
		}

		if (before == 0 && after == 0) {
			if (starts(line, ll, "@@ -")) {
				scan_hunk_header(line, line + ll, &before,
						 &after);
				continue;
			}
			if (!starts(line, ll, "diff "))
				break;
			flush_file(s);
			before = after = -1;
		}

		if (line[0] == '-' || line[0] == ' ')
			before--;
		if (line[0] == '+' || line[0] == ' ')
			after--;
		hash_stripped(s, line, ll);
	}
	flush_file(s);
	return s->patchlen;
}

int prv_patchid_stable(char out[41], const char *diff, size_t len)
{
	struct patchid_state s;
	size_t pos = 0;

	out[0] = '\0';
	while (pos < len) {
		if (one_patch(&s, diff, len, &pos)) {
			prv_hex(out, s.result, 20);
			return 0;
		}
	}
	return PRV_ENOTFOUND;
}
