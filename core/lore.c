// SPDX-License-Identifier: GPL-2.0-or-later
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/buf.h"
#include "core/cache.h"
#include "core/error.h"
#include "core/gitconfig.h"
#include "core/http.h"
#include "core/lore.h"
#include "core/loreurl.h"
#include "core/util.h"

/*
 * The lore client: fetch a thread, find the other versions of its series
 * the way b4 does, and hand everything over as one mboxrd buffer.
 *
 * Mail from lore is read here only as far as discovery needs (a few header
 * fields, body lines), straight from the mboxrd bytes; the full parse is
 * the mail model's job once the buffer is in a prv_input.
 */

#define LORE_MAX_FETCHES 32 /* threads fetched while following links */
#define LORE_MAX_MESSAGES 20000 /* messages kept over all answers */
#define LORE_OUT_MAX ((size_t)512 << 20)
#define LORE_HEADER_MAX 4096 /* bytes kept of one header value */

static const char mboxrd_from[] = "From mboxrd@z Thu Jan  1 00:00:00 1970\n";

struct lore_msg {
	const char *raw; /* from its From_ line on */
	size_t raw_len;
	const char *body;
	size_t body_len;
	char *msgid; /* NULL when none */
	char *root; /* thread root: first References, In-Reply-To, itself */
	char *subject; /* raw header value, "" when none */
	char *from_email;
	long long date; /* 0 when unknown */
};

struct lore_set {
	struct lore_msg *msgs;
	size_t nr, alloc;
	char **bufs; /* answers the messages point into */
	size_t nr_bufs, alloc_bufs;
};

struct lore {
	char *base;
	struct prv_cache cache;
	struct prv_http_opts http;
	size_t max_inflated;
	bool offline, quiet;
	int fetches;
};

/* --- reading lore's mboxrd ------------------------------------------- */

/* The unfolded value of the first header `name`, or NULL. */
static char *header_get(const char *h, size_t len, const char *name)
{
	size_t nlen = strlen(name), i = 0;

	while (i < len) {
		size_t ll = prv_line_len(h + i, len - i);

		if (ll > nlen && h[i + nlen] == ':' &&
		    prv_starts_with_ci(h + i, ll, name)) {
			struct prv_buf v = PRV_BUF_INIT;
			size_t j = i + nlen + 1;

			v.max = LORE_HEADER_MAX;
			for (;;) {
				size_t e = i + ll;

				while (j < e && (h[j] == ' ' || h[j] == '\t'))
					j++;
				if (e > j && h[e - 1] == '\r')
					e--;
				if (v.len && prv_buf_addch(&v, ' '))
					break;
				if (prv_buf_add(&v, h + j, e - j))
					break;
				i += ll + 1;
				if (i >= len || (h[i] != ' ' && h[i] != '\t'))
					break;
				ll = prv_line_len(h + i, len - i);
				j = i;
			}
			prv_buf_rtrim(&v);
			return prv_buf_detach(&v, NULL);
		}
		i += ll + 1;
	}
	return NULL;
}

/* The first <...> of a header value, or the trimmed value without <>. */
static char *angle_id(const char *v)
{
	const char *lt, *gt;

	if (!v)
		return NULL;
	lt = strchr(v, '<');
	gt = lt ? strchr(lt, '>') : NULL;
	if (lt && gt && gt > lt + 1)
		return prv_xstrndup(lt + 1, gt - lt - 1);
	while (isspace((unsigned char)*v))
		v++;
	if (!*v || strchr(v, ' ') || strchr(v, '<'))
		return NULL;
	return prv_xstrdup(v);
}

static char *from_email(const char *v)
{
	char *e = angle_id(v), *p;

	if (!e && v) {
		/* "user@host (Name)" */
		size_t n = strcspn(v, " \t(");

		e = n ? prv_xstrndup(v, n) : NULL;
	}
	for (p = e; p && *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return e;
}

static int month_of(const char *s)
{
	static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
	const char *m;
	char low[4];
	int i;

	for (i = 0; i < 3; i++)
		low[i] = (char)tolower((unsigned char)s[i]);
	low[3] = '\0';
	m = strstr(months, low);
	return m && !((m - months) % 3) ? (int)(m - months) / 3 : -1;
}

/* Day precision is all the search window needs: "[Day,] D Mon YYYY". */
static long long date_of(const char *v)
{
	struct tm tm = { 0 };
	const char *p = v;
	int day, year, mon;

	if (!p)
		return 0;
	while (*p && !isdigit((unsigned char)*p))
		p++;
	if (sscanf(p, "%d", &day) != 1)
		return 0;
	while (isdigit((unsigned char)*p))
		p++;
	while (*p == ' ' || *p == '-')
		p++;
	if (strlen(p) < 3 || (mon = month_of(p)) < 0)
		return 0;
	p += 3;
	while (*p == ' ' || *p == '-')
		p++;
	if (sscanf(p, "%d", &year) != 1 || year < 1970 || year > 9999 ||
	    day < 1 || day > 31)
		return 0;
	tm.tm_mday = day;
	tm.tm_mon = mon;
	tm.tm_year = year - 1900;
	tm.tm_hour = 12;
	return (long long)timegm(&tm);
}

static void msg_release(struct lore_msg *m)
{
	free(m->msgid);
	free(m->root);
	free(m->subject);
	free(m->from_email);
}

static void set_release(struct lore_set *s)
{
	size_t i;

	for (i = 0; i < s->nr; i++)
		msg_release(&s->msgs[i]);
	for (i = 0; i < s->nr_bufs; i++)
		free(s->bufs[i]);
	free(s->msgs);
	free(s->bufs);
	memset(s, 0, sizeof(*s));
}

static bool is_from_line(const char *p, size_t len)
{
	return prv_starts_with(p, len, "From ");
}

static void msg_read(struct lore_msg *m, const char *raw, size_t len)
{
	const char *h = raw, *end = raw + len, *p;
	char *mid, *refs, *irt, *date;

	memset(m, 0, sizeof(*m));
	m->raw = raw;
	m->raw_len = len;
	if (is_from_line(h, len))
		h += prv_line_len(h, len) + (prv_line_len(h, len) < len);
	/* the header block ends at the first empty line */
	for (p = h; p < end;) {
		size_t ll = prv_line_len(p, end - p);

		if (!ll || (ll == 1 && *p == '\r'))
			break;
		p += ll + 1;
	}
	if (p > end)
		p = end;
	m->body = p < end ? p + prv_line_len(p, end - p) + 1 : end;
	if (m->body > end)
		m->body = end;
	m->body_len = end - m->body;
	mid = header_get(h, p - h, "Message-ID");
	m->msgid = angle_id(mid);
	free(mid);
	refs = header_get(h, p - h, "References");
	irt = header_get(h, p - h, "In-Reply-To");
	date = header_get(h, p - h, "Date");
	m->root = angle_id(refs);
	if (!m->root)
		m->root = angle_id(irt);
	if (!m->root && m->msgid)
		m->root = prv_xstrdup(m->msgid);
	m->subject = header_get(h, p - h, "Subject");
	if (!m->subject)
		m->subject = prv_xstrdup("");
	{
		char *from = header_get(h, p - h, "From");

		m->from_email = from_email(from);
		free(from);
	}
	m->date = date_of(date);
	free(refs);
	free(irt);
	free(date);
}

static bool set_has(const struct lore_set *s, const char *msgid)
{
	size_t i;

	for (i = 0; i < s->nr; i++)
		if (s->msgs[i].msgid && !strcmp(s->msgs[i].msgid, msgid))
			return true;
	return false;
}

/*
 * Split an answer (taken over) into messages. With `keep` only messages for
 * which keep(msg, payload) holds are added; messages already in the set are
 * skipped. Every line starting "From " separates messages: lore's mboxrd
 * quotes such lines in bodies.
 */
static int set_add_mbox(struct lore_set *s, char *buf, size_t len,
			bool (*keep)(const struct lore_msg *, void *),
			void *payload)
{
	size_t start = 0, i = 0;

	PRV_ALLOC_GROW(s->bufs, s->nr_bufs + 1, s->alloc_bufs);
	s->bufs[s->nr_bufs++] = buf;
	while (start < len) {
		struct lore_msg m;

		/* find the next From_ line after the one at `start` */
		i = start + prv_line_len(buf + start, len - start) + 1;
		while (i < len && !is_from_line(buf + i, len - i))
			i += prv_line_len(buf + i, len - i) + 1;
		if (i > len)
			i = len;
		msg_read(&m, buf + start, i - start);
		start = i;
		if ((m.msgid && set_has(s, m.msgid)) ||
		    (keep && !keep(&m, payload))) {
			msg_release(&m);
			continue;
		}
		if (s->nr >= LORE_MAX_MESSAGES) {
			msg_release(&m);
			return prv_error(PRV_ENOMEM,
					 "more than %d messages from lore",
					 LORE_MAX_MESSAGES);
		}
		PRV_ALLOC_GROW(s->msgs, s->nr + 1, s->alloc);
		s->msgs[s->nr++] = m;
	}
	return 0;
}

/* --- transfers with the cache ---------------------------------------- */

static long long config_int(const char *key, long long def, long long min)
{
	long long v;

	if (prv_gitconfig_get_int(&v, key) || v < min)
		return def;
	return v;
}

static void lore_init(struct lore *l, const char *base,
		      const struct prv_source_opts *opts)
{
	char *cfg = NULL;

	memset(l, 0, sizeof(*l));
	if (base)
		l->base = prv_xstrdup(base);
	else if (opts->lore_url && *opts->lore_url)
		l->base = prv_xstrdup(opts->lore_url);
	else if (!prv_gitconfig_get_string(&cfg, "prereview.loreUrl") && *cfg)
		l->base = cfg, cfg = NULL;
	else
		l->base = prv_xstrdup(PRV_LORE_URL_DEFAULT);
	free(cfg);
	prv_error_clear();
	while (strlen(l->base) > 1 && l->base[strlen(l->base) - 1] == '/')
		l->base[strlen(l->base) - 1] = '\0';
	l->http = (struct prv_http_opts)PRV_HTTP_OPTS_INIT;
	l->http.timeout = (long)config_int("prereview.httpTimeout",
					   PRV_HTTP_TIMEOUT_DEFAULT, 1);
	l->http.connect_timeout = (long)config_int(
		"prereview.httpConnectTimeout",
		l->http.timeout < PRV_HTTP_CONNECT_TIMEOUT_DEFAULT ?
			l->http.timeout :
			PRV_HTTP_CONNECT_TIMEOUT_DEFAULT,
		1);
	l->http.retries = (int)config_int("prereview.httpRetries",
					  PRV_HTTP_RETRIES_DEFAULT, 0);
	if (l->http.retries > 10)
		l->http.retries = 10;
	l->http.retry_delay_ms = (long)config_int(
		"prereview.httpRetryDelay", PRV_HTTP_RETRY_DELAY_DEFAULT, 0);
	if (l->http.retry_delay_ms > 60000)
		l->http.retry_delay_ms = 60000;
	l->max_inflated = (size_t)config_int(
		"prereview.loreMaxSize", (long long)PRV_GZIP_MAX_DEFAULT, 1);
	l->http.max_size = l->max_inflated;
	l->http.progress = !opts->quiet;
	l->offline = opts->offline;
	l->quiet = opts->quiet;
	prv_cache_init(&l->cache, config_int("prereview.cacheTTL",
					     PRV_CACHE_TTL_DEFAULT, 0));
	prv_error_clear();
}

static void lore_release(struct lore *l)
{
	free(l->base);
	prv_cache_release(&l->cache);
}

/*
 * GET (or POST `post` to) `url`, from the cache when fresh there, inflating
 * gzip answers. *out is malloc'd. PRV_ENOTFOUND on 404 (cached too when
 * `cache_404`), with no message: the caller knows what was missing.
 */
static int lore_get(struct lore *l, char **out, size_t *out_len,
		    const char *url, const char *post, bool gz, bool cache_404)
{
	struct prv_buf key = PRV_BUF_INIT, data = PRV_BUF_INIT;
	bool not_found;
	int rc, err = 0;

	*out = NULL;
	*out_len = 0;
	prv_buf_addstr(&key, url);
	if (post)
		prv_buf_addf(&key, "\nPOST %s", post);
	data.max = l->max_inflated;
	rc = prv_cache_get(&data, &not_found, &l->cache, key.data, l->offline);
	if (rc == PRV_ENOTFOUND) {
		err = PRV_ENOTFOUND;
		goto out;
	}
	if (!rc) {
		*out = prv_buf_detach(&data, out_len);
		goto out;
	}
	if (l->offline) {
		err = prv_error(
			PRV_ENET,
			"could not fetch '%s': not in the cache (offline)",
			url);
		goto out;
	}
	err = prv_http_fetch(&data, url, post, &l->http);
	if (err == PRV_ENOTFOUND && cache_404)
		prv_cache_put(&l->cache, key.data, NULL, 0, true);
	if (err)
		goto out;
	if (gz) {
		err = prv_gunzip(out, out_len, data.data, data.len,
				 l->max_inflated, url);
		if (err)
			goto out;
	} else {
		*out = prv_buf_detach(&data, out_len);
	}
	if (prv_cache_put(&l->cache, key.data, *out, *out_len, false) &&
	    !l->quiet)
		fprintf(stderr, "prereview: warning: %s\n", prv_error_last());
out:
	prv_buf_release(&key);
	prv_buf_release(&data);
	return err;
}

static int fetch_thread(struct lore *l, struct lore_set *s, const char *msgid)
{
	char *url = prv_lore_thread_url(l->base, msgid), *data;
	size_t len;
	int err;

	l->fetches++;
	err = lore_get(l, &data, &len, url, NULL, true, false);
	if (err == PRV_ENOTFOUND)
		err = prv_error(PRV_ENOTFOUND, "message '%s' not found at '%s'",
				msgid, l->base);
	else if (!err && !len)
		err = prv_error(PRV_EPARSE, "'%s' is empty", url);
	if (!err)
		err = set_add_mbox(s, data, len, NULL, NULL);
	free(url);
	return err;
}

/* Search results (whole threads) as a new set; an empty one on 404. */
static int search(struct lore *l, struct lore_set *out, const char *query)
{
	char *url = prv_lore_search_url(l->base, query), *data;
	size_t len;
	int err;

	err = lore_get(l, &data, &len, url, "x=m", true, true);
	if (err == PRV_ENOTFOUND)
		err = 0;
	else if (!err)
		err = set_add_mbox(out, data, len, NULL, NULL);
	free(url);
	return err;
}

/* --- finding the other versions -------------------------------------- */

static bool is_reply(const struct lore_msg *m)
{
	const char *p = m->subject;

	while (isspace((unsigned char)*p))
		p++;
	return !strncasecmp(p, "re:", 3) || !strncasecmp(p, "aw:", 3);
}

static bool is_posting(const struct lore_msg *m)
{
	return !is_reply(m) && prv_lore_subject_is_patch(m->subject);
}

/* The value of the body's first "change-id:" line, or NULL. */
static char *body_change_id(const struct lore_msg *m)
{
	const char *p = m->body, *end = m->body + m->body_len, *v;
	size_t vlen;

	while (p < end) {
		size_t ll = prv_line_len(p, end - p);

		if (prv_lore_change_id_line(&v, &vlen, p, ll))
			return prv_xstrndup(v, vlen);
		p += ll + 1;
	}
	return NULL;
}

struct identity {
	char *change_id;
	char *title;
	char *email;
	long long date;
};

static void identity_release(struct identity *id)
{
	free(id->change_id);
	free(id->title);
	free(id->email);
}

/* What names the series of messages [0, nr): change-id, else title+author. */
static void series_identity(struct identity *id, const struct lore_set *s,
			    size_t nr)
{
	const struct lore_msg *head = NULL;
	int best = 1 << 30;
	size_t i;

	memset(id, 0, sizeof(*id));
	for (i = 0; i < nr; i++) {
		const struct lore_msg *m = &s->msgs[i];
		int k;

		if (!is_posting(m))
			continue;
		if (!id->change_id)
			id->change_id = body_change_id(m);
		k = prv_lore_subject_index(m->subject);
		if (k < 0)
			k = 1;
		if (k < best) {
			best = k;
			head = m;
		}
	}
	if (!head)
		return;
	id->title = prv_lore_subject_title(head->subject);
	id->email = head->from_email ? prv_xstrdup(head->from_email) : NULL;
	id->date = head->date;
	if (!*id->title || !id->email) {
		free(id->title);
		id->title = NULL;
	}
}

struct root_list {
	char **roots;
	size_t nr, alloc;
};

static bool roots_have(const struct root_list *r, const char *root)
{
	size_t i;

	for (i = 0; root && i < r->nr; i++)
		if (!strcmp(r->roots[i], root))
			return true;
	return false;
}

static void roots_add(struct root_list *r, const char *root)
{
	if (!root || roots_have(r, root))
		return;
	PRV_ALLOC_GROW(r->roots, r->nr + 1, r->alloc);
	r->roots[r->nr++] = prv_xstrdup(root);
}

static void roots_release(struct root_list *r)
{
	size_t i;

	for (i = 0; i < r->nr; i++)
		free(r->roots[i]);
	free(r->roots);
}

/* Does a search hit belong to the series? b4's rules. */
static bool hit_matches(const struct lore_msg *m, const struct identity *id)
{
	bool ok = false;

	if (!is_posting(m))
		return false;
	if (id->change_id) {
		char *cid = body_change_id(m);

		ok = cid && !strcmp(cid, id->change_id);
		free(cid);
	} else {
		char *title = prv_lore_subject_title(m->subject);

		ok = m->from_email && !strcasecmp(title, id->title) &&
		     !strcmp(m->from_email, id->email);
		free(title);
	}
	return ok;
}

/* Move the threads of `hits` that hold a matching posting into `s`. */
static void take_threads(struct lore_set *s, struct lore_set *hits,
			 const struct identity *id)
{
	struct root_list roots = { 0 };
	size_t i;

	for (i = 0; i < hits->nr; i++)
		if (hit_matches(&hits->msgs[i], id))
			roots_add(&roots, hits->msgs[i].root);
	for (i = 0; i < hits->nr; i++) {
		struct lore_msg *m = &hits->msgs[i];

		if (!roots_have(&roots, m->root) ||
		    (m->msgid && set_has(s, m->msgid)) ||
		    s->nr >= LORE_MAX_MESSAGES) {
			msg_release(m);
			continue;
		}
		PRV_ALLOC_GROW(s->msgs, s->nr + 1, s->alloc);
		s->msgs[s->nr++] = *m;
	}
	hits->nr = 0;
	/* the buffers now back messages of `s` */
	for (i = 0; i < hits->nr_bufs; i++) {
		PRV_ALLOC_GROW(s->bufs, s->nr_bufs + 1, s->alloc_bufs);
		s->bufs[s->nr_bufs++] = hits->bufs[i];
	}
	hits->nr_bufs = 0;
	roots_release(&roots);
}

/* Fetch the threads that "Link to vN:" lines of postings point at. */
static int follow_links(struct lore *l, struct lore_set *s)
{
	size_t i;
	int err = 0;

	for (i = 0; i < s->nr && !err; i++) {
		const struct lore_msg *m = &s->msgs[i];
		const char *p = m->body, *end = m->body + m->body_len;

		if (!is_posting(m))
			continue;
		while (p < end && !err) {
			size_t ll = prv_line_len(p, end - p), ulen;
			const char *u;
			char *url, *msgid = NULL, *base = NULL;
			int v;

			if (prv_lore_link_line(&u, &ulen, &v, p, ll)) {
				url = prv_xstrndup(u, ulen);
				/* only the id counts: every link is read
				 * from our own base, never from the host the
				 * mail names */
				if (!prv_lore_url_parse(&msgid, &base, url) &&
				    !set_has(s, msgid) &&
				    l->fetches < LORE_MAX_FETCHES) {
					err = fetch_thread(l, s, msgid);
					/* a dead link is the mail's fault */
					if (err == PRV_ENOTFOUND)
						err = 0;
					m = &s->msgs[i];
					end = m->body + m->body_len;
				}
				prv_error_clear();
				free(url);
				free(msgid);
				free(base);
			}
			p += ll + 1;
		}
	}
	return err;
}

static int find_versions(struct lore *l, struct lore_set *s)
{
	struct lore_set hits = { 0 };
	struct identity id;
	char *query = NULL;
	int err = 0;

	series_identity(&id, s, s->nr);
	if (id.change_id)
		query = prv_lore_query_change_id(id.change_id);
	else if (id.title)
		query = prv_lore_query_subject(id.title, id.email, id.date);
	if (query) {
		err = search(l, &hits, query);
		if (!err)
			take_threads(s, &hits, &id);
	}
	if (!err)
		err = follow_links(l, s);
	free(query);
	set_release(&hits);
	identity_release(&id);
	return err;
}

/* --- output ---------------------------------------------------------- */

struct order {
	long long date; /* of the thread */
	size_t thread; /* index of the thread's first message */
	size_t index;
};

static int order_cmp(const void *a, const void *b)
{
	const struct order *x = a, *y = b;

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if (x->thread != y->thread)
		return x->thread < y->thread ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* Threads in date order, each message in arrival order, as mboxrd. */
static int set_write(struct prv_buf *out, const struct lore_set *s)
{
	struct order *ord = prv_xcalloc(s->nr ? s->nr : 1, sizeof(*ord));
	size_t i, j;
	int err = 0;

	for (i = 0; i < s->nr; i++) {
		const struct lore_msg *m = &s->msgs[i];

		ord[i].index = i;
		ord[i].thread = i;
		for (j = 0; j < i; j++)
			if (m->root && s->msgs[j].root &&
			    !strcmp(m->root, s->msgs[j].root)) {
				ord[i].thread = ord[j].thread;
				break;
			}
	}
	/* a thread's date: its earliest known message date */
	for (i = 0; i < s->nr; i++) {
		long long d = s->msgs[i].date;
		struct order *t = &ord[ord[i].thread];

		if (d && (!t->date || d < t->date))
			t->date = d;
	}
	for (i = 0; i < s->nr; i++)
		ord[i].date = ord[ord[i].thread].date;
	qsort(ord, s->nr, sizeof(*ord), order_cmp);
	for (i = 0; i < s->nr && !err; i++) {
		const struct lore_msg *m = &s->msgs[ord[i].index];

		if (!is_from_line(m->raw, m->raw_len))
			err = prv_buf_addstr(out, mboxrd_from);
		if (!err)
			err = prv_buf_add(out, m->raw, m->raw_len);
		if (!err && m->raw_len && m->raw[m->raw_len - 1] != '\n')
			err = prv_buf_addch(out, '\n');
	}
	free(ord);
	if (err)
		return prv_error(PRV_ENOMEM,
				 "mbox from lore larger than %zu bytes",
				 out->max);
	return 0;
}

int prv_lore_parse_arg(char **msgid_out, char **base_out, const char *arg)
{
	return prv_lore_url_parse(msgid_out, base_out, arg);
}

int prv_lore_fetch_mbox(char **out, size_t *out_len, const char *arg,
			const struct prv_source_opts *opts)
{
	struct prv_buf b = PRV_BUF_INIT;
	struct lore_set s = { 0 };
	struct lore l;
	char *msgid, *base;
	int err;

	*out = NULL;
	*out_len = 0;
	err = prv_lore_parse_arg(&msgid, &base, arg);
	if (err)
		return err;
	lore_init(&l, base, opts);
	err = fetch_thread(&l, &s, msgid);
	if (!err && !set_has(&s, msgid) && !s.nr)
		err = prv_error(PRV_EPARSE, "no mail in the thread of '%s'",
				msgid);
	if (!err && opts->versions)
		err = find_versions(&l, &s);
	b.max = LORE_OUT_MAX;
	if (!err)
		err = set_write(&b, &s);
	if (!err)
		*out = prv_buf_detach(&b, out_len);
	prv_buf_release(&b);
	set_release(&s);
	lore_release(&l);
	free(msgid);
	free(base);
	return err;
}
