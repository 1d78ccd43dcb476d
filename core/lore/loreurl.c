// SPDX-License-Identifier: GPL-2.0-or-later
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/base/error.h"
#include "core/lore/loreurl.h"
#include "core/mail/msgid.h"
#include "core/base/util.h"

bool prv_lore_is_url(const char *arg)
{
	return !strncasecmp(arg, "http://", 7) ||
	       !strncasecmp(arg, "https://", 8);
}

/* Percent-decode `len` bytes; "%00" and bad escapes are kept as written. */
static char *pct_decode(const char *s, size_t len)
{
	char *out = prv_xmalloc(len + 1);

	out[prv_pct_decode(out, s, len)] = '\0';
	return out;
}

static int parse_url(char **msgid_out, char **base_out, const char *arg)
{
	struct prv_msgid_url u;
	struct prv_buf base = PRV_BUF_INIT;
	char *msgid;

	if (!prv_msgid_url_split(&u, arg, strlen(arg), true) ||
	    !prv_msgid_url_safe(u.inbox, u.inbox_len))
		goto bad;
	prv_buf_add(&base, arg, (size_t)(u.host + u.host_len - arg));
	if (!u.inbox_len || (u.inbox_len == 1 && u.inbox[0] == 'r')) {
		prv_buf_addstr(&base, "/all");
	} else {
		prv_buf_addch(&base, '/');
		prv_buf_add(&base, u.inbox, u.inbox_len);
	}
	msgid = pct_decode(u.id, u.id_len);
	if (!prv_msgid_valid(msgid, strlen(msgid))) {
		free(msgid);
		goto bad;
	}
	*msgid_out = msgid;
	*base_out = prv_buf_detach(&base, NULL);
	return 0;
bad:
	prv_buf_release(&base);
	return prv_error(PRV_EUSAGE, "'%s' is not a lore message URL", arg);
}

int prv_lore_url_parse(char **msgid_out, char **base_out, const char *arg)
{
	size_t len = strlen(arg);
	char *id;

	*msgid_out = NULL;
	*base_out = NULL;
	if (len > PRV_LORE_ARG_MAX)
		return prv_error(PRV_EUSAGE,
				 "message-id or URL longer than %d bytes",
				 PRV_LORE_ARG_MAX);
	if (prv_lore_is_url(arg))
		return parse_url(msgid_out, base_out, arg);
	while (len && isspace((unsigned char)arg[len - 1]))
		len--;
	while (len && isspace((unsigned char)*arg)) {
		arg++;
		len--;
	}
	if (!strncasecmp(arg, "mid:", 4) || !strncasecmp(arg, "id:", 3)) {
		size_t skip = arg[0] == 'm' || arg[0] == 'M' ? 4 : 3;

		arg += skip;
		len -= skip;
	}
	if (len >= 2 && arg[0] == '<' && arg[len - 1] == '>') {
		arg++;
		len -= 2;
	}
	id = prv_xstrndup(arg, len);
	if (strlen(id) != len || !prv_msgid_valid(id, len)) {
		free(id);
		return prv_error(PRV_EUSAGE, "'%.*s' is not a message-id",
				 (int)len, arg);
	}
	*msgid_out = id;
	return 0;
}

static void escape(struct prv_buf *out, const char *s, const char *keep)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p; p++) {
		if (isalnum(*p) || strchr(keep, *p)) {
			prv_buf_addch(out, *p);
		} else {
			prv_buf_addch(out, '%');
			prv_buf_addch(out, hex[*p >> 4]);
			prv_buf_addch(out, hex[*p & 15]);
		}
	}
}

void prv_lore_escape_msgid(struct prv_buf *out, const char *msgid)
{
	escape(out, msgid, "-._~!$&'()*+,;=:@");
}

void prv_lore_escape_query(struct prv_buf *out, const char *s)
{
	escape(out, s, "-._~");
}

static void add_base(struct prv_buf *b, const char *base)
{
	size_t len = strlen(base);

	while (len && base[len - 1] == '/')
		len--;
	prv_buf_add(b, base, len);
}

/*
 * <base>/<escaped msgid><tail>, or NULL for an id that would climb out of
 * the inbox: escaped, the id is one path segment below base.
 */
static char *endpoint(const char *base, const char *msgid, const char *tail)
{
	struct prv_buf b = PRV_BUF_INIT;

	if (!prv_msgid_url_safe(msgid, strlen(msgid)))
		return NULL;
	add_base(&b, base);
	prv_buf_addch(&b, '/');
	prv_lore_escape_msgid(&b, msgid);
	prv_buf_addstr(&b, tail);
	return prv_buf_detach(&b, NULL);
}

char *prv_lore_thread_url(const char *base, const char *msgid)
{
	return endpoint(base, msgid, "/t.mbox.gz");
}

char *prv_lore_raw_url(const char *base, const char *msgid)
{
	return endpoint(base, msgid, "/raw");
}

char *prv_lore_message_url(const char *base, const char *msgid)
{
	if (!base || !strcmp(base, PRV_LORE_URL_DEFAULT))
		return endpoint("https://lore.kernel.org/r", msgid, "");
	return endpoint(base, msgid, "/");
}

char *prv_lore_mask_url(const char *mask, const char *msgid)
{
	struct prv_buf b = PRV_BUF_INIT;
	int n = 0;

	for (; *mask; mask++) {
		if (*mask != '%') {
			prv_buf_addch(&b, *mask);
		} else if (mask[1] == '%') {
			prv_buf_addch(&b, '%');
			mask++;
		} else if (mask[1] == 's' && !n++) {
			prv_lore_escape_msgid(&b, msgid);
			mask++;
		} else {
			break;
		}
	}
	if (*mask || n != 1) {
		prv_buf_release(&b);
		return NULL;
	}
	return prv_buf_detach(&b, NULL);
}

char *prv_lore_search_url(const char *base, const char *query)
{
	struct prv_buf b = PRV_BUF_INIT;

	add_base(&b, base);
	prv_buf_addstr(&b, "/?x=m&t=1&q=");
	prv_lore_escape_query(&b, query);
	return prv_buf_detach(&b, NULL);
}

/* Drop double quotes and control characters: no escape for them exists. */
static void add_phrase(struct prv_buf *b, const char *s)
{
	for (; *s; s++)
		if (*s != '"' && (unsigned char)*s >= ' ')
			prv_buf_addch(b, *s);
}

char *prv_lore_query_change_id(const char *change_id)
{
	struct prv_buf b = PRV_BUF_INIT;

	prv_buf_addstr(&b, "nq:\"change-id: ");
	add_phrase(&b, change_id);
	prv_buf_addch(&b, '"');
	return prv_buf_detach(&b, NULL);
}

static void add_day(struct prv_buf *b, long long t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	prv_buf_addf(b, "%04d%02d%02d", tm.tm_year + 1900, tm.tm_mon + 1,
		     tm.tm_mday);
}

char *prv_lore_query_subject(const char *title, const char *email,
			     long long date)
{
	struct prv_buf b = PRV_BUF_INIT;

	prv_buf_addstr(&b, "s:\"");
	add_phrase(&b, title);
	prv_buf_addstr(&b, "\" AND f:\"");
	add_phrase(&b, email);
	prv_buf_addch(&b, '"');
	if (date > 0) {
		prv_buf_addstr(&b, " AND d:");
		add_day(&b, date - 365LL * 86400);
		prv_buf_addstr(&b, "..");
		add_day(&b, date + 365LL * 86400);
	}
	return prv_buf_detach(&b, NULL);
}
