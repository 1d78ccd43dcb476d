// SPDX-License-Identifier: GPL-2.0-or-later
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/mail/address.h"
#include "core/base/arena.h"
#include "core/mail/b4lines.h"
#include "core/base/buf.h"
#include "core/lore/cache.h"
#include "core/base/error.h"
#include "core/base/gitconfig.h"
#include "core/lore/http.h"
#include "core/lore/lore.h"
#include "core/lore/loreurl.h"
#include "core/mail/msg.h"
#include "core/base/strmap.h"
#include "core/mail/subject.h"
#include "core/base/util.h"

/*
 * The lore client: fetch a thread, find the other versions of its series
 * the way b4 does, and hand everything over as one mboxrd buffer.
 *
 * Discovery reads each message with the mail model (headers, decoded
 * body, subject tokens, sender, date) into the run's arena; the bytes
 * written out are the ones lore sent, untouched, so the reader of the
 * mbox parses them afresh.
 */

#define LORE_MAX_FETCHES 32 /* threads fetched while following links */
#define LORE_MAX_MESSAGES 10000 /* messages kept over all answers */
#define LORE_OUT_MAX ((size_t)512 << 20)

static const char mboxrd_from[] = "From mboxrd@z Thu Jan  1 00:00:00 1970\n";

struct lore_msg {
	const char *raw; /* from its From_ line on, as lore sent it */
	size_t raw_len;
	/* the rest lives in the lore arena */
	const char *body; /* decoded (MIME, transfer encoding, charset) */
	size_t body_len;
	const char *msgid; /* NULL when none */
	const char *root; /* thread root: first References, In-Reply-To, itself
			   */
	struct prv_subject subj;
	const char *email; /* sender address, NULL when none */
	long long date; /* 0 when unknown */
};

struct lore_set {
	struct prv_arena *arena; /* the lore's; borrowed */
	struct prv_warnings *warnings;
	struct lore_msg *msgs;
	size_t nr, alloc;
	struct prv_strmap ids; /* message-id -> index in msgs */
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
	/* what discovery reads of the mail, for the whole run */
	struct prv_arena arena;
	struct prv_warnings warnings;
};

/* --- reading lore's mboxrd ------------------------------------------- */

static void set_init(struct lore_set *s, struct lore *l)
{
	memset(s, 0, sizeof(*s));
	s->arena = &l->arena;
	s->warnings = &l->warnings;
	prv_strmap_init(&s->ids, 64);
}

/* Forget the messages (not the answers they point into). */
static void set_clear(struct lore_set *s)
{
	s->nr = 0;
	prv_strmap_release(&s->ids);
	prv_strmap_init(&s->ids, 64);
}

static void set_push(struct lore_set *s, const struct lore_msg *m)
{
	PRV_ALLOC_GROW(s->msgs, s->nr + 1, s->alloc);
	s->msgs[s->nr] = *m;
	if (m->msgid)
		prv_strmap_put(&s->ids, m->msgid, s->nr);
	s->nr++;
}

static void set_release(struct lore_set *s)
{
	size_t i;

	for (i = 0; i < s->nr_bufs; i++)
		free(s->bufs[i]);
	free(s->msgs);
	free(s->bufs);
	prv_strmap_release(&s->ids);
	s->msgs = NULL;
	s->bufs = NULL;
	s->nr = s->alloc = s->nr_bufs = s->alloc_bufs = 0;
}

/* The first <...> of a header value, or the trimmed value without <>. */
static const char *angle_id(struct prv_arena *a, const char *v)
{
	const char *lt, *gt, *end;

	if (!v)
		return NULL;
	lt = strchr(v, '<');
	gt = lt ? strchr(lt, '>') : NULL;
	if (lt && gt && gt > lt + 1)
		return prv_arena_strndup(a, lt + 1, gt - lt - 1);
	while (isspace((unsigned char)*v))
		v++;
	end = v + strcspn(v, " \t\r\n<>");
	if (end == v || *end)
		return NULL;
	return prv_arena_strndup(a, v, end - v);
}

static bool is_from_line(const char *p, size_t len)
{
	return prv_starts_with(p, len, "From ");
}

static void msg_read(struct lore_msg *m, struct lore_set *s, const char *raw,
		     size_t len)
{
	struct prv_arena *a = s->arena;
	struct prv_msg msg;
	struct prv_person from;
	const char *h = raw, *v;
	size_t hlen = len, ll;
	int tz;

	memset(m, 0, sizeof(*m));
	m->raw = raw;
	m->raw_len = len;
	if (is_from_line(h, hlen)) {
		ll = prv_line_len(h, hlen);
		ll += ll < hlen;
		h += ll;
		hlen -= ll;
	}
	/* never fails on malformed mail; a size cap leaves what was read */
	prv_msg_parse(&msg, a, h, hlen, "lore", s->warnings);
	prv_error_clear();
	m->body = msg.body ? msg.body : "";
	m->body_len = msg.body ? msg.body_len : 0;
	m->msgid = angle_id(a, prv_msg_get(&msg, "Message-ID"));
	m->root = angle_id(a, prv_msg_get(&msg, "References"));
	if (!m->root)
		m->root = angle_id(a, prv_msg_get(&msg, "In-Reply-To"));
	if (!m->root)
		m->root = m->msgid;
	v = prv_msg_get_decoded(&msg, a, "Subject");
	if (!v)
		v = "";
	prv_subject_parse(&m->subj, a, v, strlen(v));
	v = prv_msg_get_decoded(&msg, a, "From");
	if (v && !prv_address_parse(&from, a, v, strlen(v)) && from.email &&
	    *from.email)
		m->email = from.email;
	v = prv_msg_get(&msg, "Date");
	if (!v || prv_date_parse(&m->date, &tz, v, strlen(v)))
		m->date = 0;
	prv_error_clear();
}

static bool set_has(const struct lore_set *s, const char *msgid)
{
	return prv_strmap_get(&s->ids, msgid) != PRV_STRMAP_NONE;
}

/*
 * Split an answer (taken over) into messages, skipping those already in
 * the set. Every line starting "From " separates messages: lore's mboxrd
 * quotes such lines in bodies.
 */
static int set_add_mbox(struct lore_set *s, char *buf, size_t len)
{
	size_t start = 0, i;

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
		msg_read(&m, s, buf + start, i - start);
		start = i;
		if (m.msgid && set_has(s, m.msgid))
			continue;
		if (s->nr >= LORE_MAX_MESSAGES)
			return prv_error(PRV_ENOMEM,
					 "more than %d messages from lore",
					 LORE_MAX_MESSAGES);
		set_push(s, &m);
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
	prv_arena_init(&l->arena);
	prv_warnings_init(&l->warnings, &l->arena);
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
	prv_warnings_release(&l->warnings);
	prv_arena_release(&l->arena);
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
	if (err && err != PRV_ENOTFOUND) {
		char *why = prv_xstrdup(prv_error_last());

		/* lore is unreachable: an expired answer beats none */
		if (prv_cache_get(&data, &not_found, &l->cache, key.data,
				  true)) {
			prv_error(err, "%s", why);
			free(why);
			goto out;
		}
		if (!l->quiet)
			fprintf(stderr,
				"prereview: warning: %s; using the expired "
				"cached answer\n",
				why);
		free(why);
		prv_error_clear();
		*out = prv_buf_detach(&data, out_len);
		err = 0;
		goto out;
	}
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

/* The thread of `msgid` (t.mbox.gz), or with `raw` the message alone. */
static int fetch_message(struct lore *l, struct lore_set *s, const char *msgid,
			 bool raw)
{
	char *url = raw ? prv_lore_raw_url(l->base, msgid) :
			  prv_lore_thread_url(l->base, msgid);
	char *data;
	size_t len;
	int err;

	l->fetches++;
	err = lore_get(l, &data, &len, url, NULL, !raw, false);
	if (err == PRV_ENOTFOUND)
		err = prv_error(PRV_ENOTFOUND, "message '%s' not found at '%s'",
				msgid, l->base);
	else if (!err && !len)
		err = prv_error(PRV_EPARSE, "'%s' is empty", url);
	if (!err)
		err = set_add_mbox(s, data, len);
	free(url);
	return err;
}

/*
 * The thread asked for. A list's inbox may not hold it (it went to another
 * list): like b4, look in the /all/ inbox next to it before giving up, and
 * search there from then on.
 */
static int fetch_first(struct lore *l, struct lore_set *s, const char *msgid,
		       bool raw)
{
	const char *slash = strrchr(l->base, '/');
	struct prv_buf all = PRV_BUF_INIT;
	char *list_base;
	int err;

	err = fetch_message(l, s, msgid, raw);
	if (err != PRV_ENOTFOUND || !slash || !strcmp(slash, "/all") ||
	    slash < strstr(l->base, "://") + 3)
		return err;
	prv_buf_add(&all, l->base, slash - l->base);
	prv_buf_addstr(&all, "/all");
	list_base = l->base;
	l->base = prv_buf_detach(&all, NULL);
	err = fetch_message(l, s, msgid, raw);
	if (err == PRV_ENOTFOUND) {
		err = prv_error(PRV_ENOTFOUND,
				"message '%s' not found at '%s' nor at '%s'",
				msgid, list_base, l->base);
		free(l->base);
		l->base = list_base;
	} else {
		free(list_base);
	}
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
		err = set_add_mbox(out, data, len);
	free(url);
	return err;
}

/* --- finding the other versions -------------------------------------- */

/* A patch or cover letter as sent, not a reply to one. */
static bool is_posting(const struct lore_msg *m)
{
	return !m->subj.is_reply && m->subj.is_patch;
}

/* The title to compare versions by: blanks squeezed and trimmed. */
static char *title_of(const struct lore_msg *m)
{
	struct prv_buf b = PRV_BUF_INIT;
	const char *p = m->subj.title ? m->subj.title : "";
	bool blank = false;

	for (; *p; p++) {
		if (isspace((unsigned char)*p)) {
			blank = true;
			continue;
		}
		if (blank && b.len)
			prv_buf_addch(&b, ' ');
		blank = false;
		prv_buf_addch(&b, *p);
	}
	return prv_buf_detach(&b, NULL);
}

/* The value of the body's first "change-id:" line, or NULL. */
static char *body_change_id(const struct lore_msg *m)
{
	const char *p = m->body, *end = m->body + m->body_len, *v;
	size_t vlen;

	while (p < end) {
		size_t ll = prv_line_len(p, end - p);

		if (prv_b4_footer_line(&v, &vlen, "change-id:", p, ll))
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
		k = m->subj.has_counter ? m->subj.index : 1;
		if (k < best) {
			best = k;
			head = m;
		}
	}
	if (!head)
		return;
	id->title = title_of(head);
	id->email = head->email ? prv_xstrdup(head->email) : NULL;
	id->date = head->date;
	if (!*id->title || !id->email) {
		free(id->title);
		id->title = NULL;
	}
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
		char *title = title_of(m);

		ok = m->email && !strcasecmp(title, id->title) &&
		     !strcasecmp(m->email, id->email);
		free(title);
	}
	return ok;
}

/* Move the threads of `hits` that hold a matching posting into `s`. */
static void take_threads(struct lore_set *s, struct lore_set *hits,
			 const struct identity *id)
{
	struct prv_strmap roots; /* roots of the matching threads */
	size_t i;

	prv_strmap_init(&roots, 16);
	for (i = 0; i < hits->nr; i++)
		if (hit_matches(&hits->msgs[i], id) && hits->msgs[i].root)
			prv_strmap_put(&roots, hits->msgs[i].root, i);
	for (i = 0; i < hits->nr; i++) {
		struct lore_msg *m = &hits->msgs[i];

		if (!m->root ||
		    prv_strmap_get(&roots, m->root) == PRV_STRMAP_NONE ||
		    (m->msgid && set_has(s, m->msgid)) ||
		    s->nr >= LORE_MAX_MESSAGES)
			continue;
		set_push(s, m);
	}
	prv_strmap_release(&roots);
	set_clear(hits);
	/* the buffers now back messages of `s` */
	for (i = 0; i < hits->nr_bufs; i++) {
		PRV_ALLOC_GROW(s->bufs, s->nr_bufs + 1, s->alloc_bufs);
		s->bufs[s->nr_bufs++] = hits->bufs[i];
	}
	hits->nr_bufs = 0;
}

/*
 * Fetch the threads that the links to earlier versions in postings point
 * at. Only the id counts: every link is read from our own base, never
 * from the host the mail names.
 */
static int follow_links(struct lore *l, struct lore_set *s)
{
	size_t i, k;
	int err = 0;

	for (i = 0; i < s->nr && !err; i++) {
		struct prv_b4lines b4 = { .change_id = NULL };

		if (!is_posting(&s->msgs[i]))
			continue;
		prv_b4lines_read(&b4, s->arena, s->msgs[i].body,
				 s->msgs[i].body_len);
		for (k = 0; k < b4.nr_links && !err; k++) {
			if (set_has(s, b4.links[k].msgid) ||
			    l->fetches >= LORE_MAX_FETCHES)
				continue;
			err = fetch_message(l, s, b4.links[k].msgid, false);
			/* a dead link is the mail's fault */
			if (err == PRV_ENOTFOUND)
				err = 0;
			if (!err)
				prv_error_clear();
		}
	}
	return err;
}

static int find_versions(struct lore *l, struct lore_set *s)
{
	struct lore_set hits;
	struct identity id;
	char *query = NULL;
	int err = 0;

	set_init(&hits, l);
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
	struct prv_strmap first; /* root -> its first message */
	size_t i;
	int err = 0;

	prv_strmap_init(&first, s->nr);
	for (i = 0; i < s->nr; i++) {
		const struct lore_msg *m = &s->msgs[i];

		ord[i].index = i;
		ord[i].thread = m->root ? prv_strmap_put(&first, m->root, i) :
					  i;
	}
	prv_strmap_release(&first);
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

static int lore_fetch(char **out, size_t *out_len, const char *arg,
		      const struct prv_source_opts *opts, bool raw)
{
	struct prv_buf b = PRV_BUF_INIT;
	struct lore_set s;
	struct lore l;
	char *msgid, *base;
	int err;

	*out = NULL;
	*out_len = 0;
	err = prv_lore_parse_arg(&msgid, &base, arg);
	if (err)
		return err;
	lore_init(&l, base, opts);
	set_init(&s, &l);
	err = fetch_first(&l, &s, msgid, raw);
	if (!err && !s.nr)
		err = prv_error(PRV_EPARSE, "no mail in the answer for '%s'",
				msgid);
	if (!err && !raw && opts->versions)
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

int prv_lore_fetch_mbox(char **out, size_t *out_len, const char *arg,
			const struct prv_source_opts *opts)
{
	return lore_fetch(out, out_len, arg, opts, false);
}

int prv_lore_fetch_message(char **out, size_t *out_len, const char *arg,
			   const struct prv_source_opts *opts)
{
	return lore_fetch(out, out_len, arg, opts, true);
}
