// SPDX-License-Identifier: GPL-2.0-or-later
/* b4's tracking data (B4_TRACKING_FILE), read with core/jsonread. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/series/b4track.h"
#include "core/base/buf.h"
#include "core/base/error.h"
#include "core/base/jsonread.h"
#include "core/lore/loreurl.h"

/* Longest message-id taken (RFC 5322 lines are at most 998 bytes). */
#define MSGID_MAX 998

static int bad(const char *source, const char *key, const char *what)
{
	return prv_error(PRV_EPARSE, "could not parse '%s': %s %s", source, key,
			 what);
}

/* The same for member `key` of the object at `where` ("series"...). */
static int bad_member(const char *source, const char *where, const char *key,
		      const char *what)
{
	return prv_error(PRV_EPARSE, "could not parse '%s': %s.%s %s", source,
			 where, key, what);
}

/*
 * A string member, NULL when absent or null; PRV_EPARSE when of another
 * type or holding a NUL byte.
 */
static int opt_str(const char **out, const struct prv_jv *obj, const char *key,
		   const char *where, const char *source)
{
	const struct prv_jv *v = prv_jv_get(obj, key);

	*out = NULL;
	if (!v || v->type == PRV_JV_NULL)
		return 0;
	*out = prv_jv_str(v);
	if (!*out)
		return bad_member(source, where, key, "is not a string");
	if (!**out)
		*out = NULL;
	return 0;
}

static int opt_int(int *out, const struct prv_jv *obj, const char *key,
		   const char *where, const char *source, long long hi)
{
	const struct prv_jv *v = prv_jv_get(obj, key);
	long long n;

	*out = 0;
	if (!v || v->type == PRV_JV_NULL)
		return 0;
	if (!prv_jv_int(v, 0, hi, &n))
		return bad_member(source, where, key,
				  "is not a small whole number");
	*out = (int)n;
	return 0;
}

static bool is_hex(const char *s, size_t lo, size_t hi)
{
	size_t n = strspn(s, "0123456789abcdefABCDEF");

	return !s[n] && n >= lo && n <= hi;
}

/* A message-id as b4 stores it, without <> and with no white space. */
static const char *clean_msgid(struct prv_arena *a, const char *s)
{
	size_t len, i;

	if (!s)
		return NULL;
	while (*s == ' ' || *s == '\t')
		s++;
	len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len >= 2 && s[0] == '<' && s[len - 1] == '>') {
		s++;
		len -= 2;
	}
	if (!len || len > MSGID_MAX)
		return NULL;
	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] <= ' ' || s[i] == '<' || s[i] == '>' ||
		    s[i] == 0x7f)
			return NULL;
	return prv_arena_strndup(a, s, len);
}

const char *prv_b4track_link_msgid(struct prv_arena *a, const char *link)
{
	char *msgid = NULL, *base = NULL;
	const char *id = NULL;

	/* lore's own reading of its links (core/lore/loreurl.c) */
	if (!link || !prv_lore_is_url(link) ||
	    prv_lore_url_parse(&msgid, &base, link)) {
		prv_error_clear();
		return NULL;
	}
	id = clean_msgid(a, msgid);
	free(msgid);
	free(base);
	/* a link to a list or a host names no message */
	return id && strchr(id, '@') ? id : NULL;
}

/* The message-id of an entry: header-info.msgid, else its link. */
static int entry_msgid(const char **out, struct prv_arena *a,
		       const struct prv_jv *obj, const char *path,
		       const char *source)
{
	const struct prv_jv *hi = prv_jv_get(obj, "header-info");
	struct prv_buf key = PRV_BUF_INIT;
	const char *id = NULL, *link = NULL;
	int err = 0;

	*out = NULL;
	if (hi && hi->type != PRV_JV_NULL && hi->type != PRV_JV_OBJECT) {
		prv_buf_addf(&key, "%s.header-info", path);
		err = bad(source, key.data, "is not an object");
		goto out;
	}
	prv_buf_addf(&key, "%s.header-info", path);
	err = opt_str(&id, hi, "msgid", key.data, source);
	if (err)
		goto out;
	if (id) {
		*out = clean_msgid(a, id);
		if (!*out)
			err = bad_member(source, key.data, "msgid",
					 "is not a message-id");
		goto out;
	}
	err = opt_str(&link, obj, "link", path, source);
	if (!err && link)
		*out = prv_b4track_link_msgid(a, link);
out:
	prv_buf_release(&key);
	return err;
}

static int read_patches(struct prv_b4track *t, struct prv_arena *a,
			const struct prv_jv *patches, const char *source)
{
	size_t i;
	int err;

	if (!patches || patches->type == PRV_JV_NULL)
		return 0;
	if (patches->type != PRV_JV_ARRAY)
		return bad(source, "patches", "is not an array");
	if (patches->nr > PRV_B4TRACK_PATCHES_MAX)
		return prv_error(PRV_ENOMEM,
				 "could not parse '%s': more than %d patches",
				 source, PRV_B4TRACK_PATCHES_MAX);
	t->patch_msgids = prv_arena_alloc(a, (patches->nr + 1) *
						     sizeof(*t->patch_msgids));
	for (i = 0; i < patches->nr; i++) {
		const struct prv_jv *p = &patches->items[i];
		char path[48];
		const char *id;

		snprintf(path, sizeof(path), "patches[%zu]", i);
		if (p->type != PRV_JV_OBJECT)
			return bad(source, path, "is not an object");
		err = entry_msgid(&id, a, p, path, source);
		if (err)
			return err;
		if (id)
			t->patch_msgids[t->nr_patch_msgids++] = id;
	}
	return 0;
}

/* series.prefixes: strings; others are an error, empty ones left out. */
static int read_prefixes(struct prv_b4track *t, struct prv_arena *a,
			 const struct prv_jv *series, const char *source)
{
	const struct prv_jv *v = prv_jv_get(series, "prefixes");
	size_t i;

	if (!v || v->type == PRV_JV_NULL)
		return 0;
	if (v->type != PRV_JV_ARRAY)
		return bad_member(source, "series", "prefixes",
				  "is not an array");
	if (v->nr > PRV_B4TRACK_PATCHES_MAX)
		return bad_member(source, "series", "prefixes",
				  "holds too many words");
	t->prefixes = prv_arena_alloc(a, (v->nr + 1) * sizeof(*t->prefixes));
	for (i = 0; i < v->nr; i++) {
		const char *w = prv_jv_str(&v->items[i]);

		if (!w)
			return bad_member(source, "series", "prefixes",
					  "holds a value that is not a string");
		if (*w)
			t->prefixes[t->nr_prefixes++] = w;
	}
	return 0;
}

int prv_b4track_parse(struct prv_b4track *t, struct prv_arena *a,
		      const char *data, size_t len, const char *source)
{
	const struct prv_jv *root, *series;
	const char *base;
	int err;

	memset(t, 0, sizeof(*t));
	if (!source)
		source = "<tracking data>";
	t->source = prv_arena_strdup(a, source);
	err = prv_jsonread_parse(&root, a, data, len, PRV_B4TRACK_MAX, source);
	if (err)
		return err;
	if (root->type != PRV_JV_OBJECT)
		return prv_error(PRV_EPARSE,
				 "could not parse '%s': not a JSON object",
				 source);
	series = prv_jv_get(root, "series");
	if (series && series->type == PRV_JV_NULL)
		series = NULL;
	if (series && series->type != PRV_JV_OBJECT)
		return bad(source, "series", "is not an object");
	if ((err = opt_int(&t->revision, series, "revision", "series", source,
			   100000)) ||
	    (err = opt_int(&t->expected, series, "expected", "series", source,
			   100000)) ||
	    (err = opt_str(&t->change_id, series, "change-id", "series",
			   source)) ||
	    (err = opt_str(&t->link, series, "link", "series", source)) ||
	    (err = opt_str(&t->subject, series, "subject", "series", source)) ||
	    (err = opt_str(&base, series, "base-commit", "series", source)) ||
	    (err = opt_str(&t->base_branch, series, "base-branch", "series",
			   source)) ||
	    (err = read_prefixes(t, a, series, source)))
		return err;
	if (base && !is_hex(base, 4, 64))
		return bad_member(source, "series", "base-commit",
				  "is not a commit id");
	t->base_commit = base;
	if (series) {
		err = entry_msgid(&t->cover_msgid, a, series, "series", source);
		if (err)
			return err;
	}
	return read_patches(t, a, prv_jv_get(root, "patches"), source);
}

int prv_b4track_read(struct prv_b4track *t, struct prv_arena *a,
		     const char *path)
{
	struct prv_buf b = PRV_BUF_INIT;
	int err;

	memset(t, 0, sizeof(*t));
	err = prv_buf_read_file(&b, path, PRV_B4TRACK_MAX);
	if (!err)
		err = prv_b4track_parse(t, a, b.data, b.len, path);
	prv_buf_release(&b);
	return err;
}

/*
 * Whether version `v` is the one of `cover`: it holds that cover, else
 * (`by_patches`) it has the cover's version and one of the patches `t`
 * names.
 */
static bool is_covers_version(const struct prv_mail *cover,
			      const struct prv_b4track *t,
			      const struct prv_version *v, bool by_patches)
{
	size_t i, k;

	if (!by_patches)
		return v->cover == cover;
	if (v->version != cover->subj.version)
		return false;
	for (i = 0; i < v->nr_patches; i++) {
		const struct prv_mail *m = v->patches[i].mail;

		for (k = 0; m && k < t->nr_patch_msgids; k++)
			if (m->message_id &&
			    !strcmp(m->message_id, t->patch_msgids[k]))
				return true;
	}
	return false;
}

bool prv_b4track_narrow(struct prv_input *in, const struct prv_mail *cover,
			const struct prv_b4track *t)
{
	size_t s, v, pass, i;

	for (pass = 0; pass < 2; pass++)
		for (s = 0; s < in->nr_series; s++)
			for (v = 0; v < in->series[s].nr_versions; v++)
				if (is_covers_version(
					    cover, t,
					    &in->series[s].versions[v], pass))
					goto found;
	return false;
found:
	for (i = 0; i < in->nr_series; i++)
		if (i != s)
			in->series[i].nr_versions = 0;
	in->series[s].nr_versions = v + 1;
	return true;
}
