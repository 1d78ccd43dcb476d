// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/base/error.h"
#include "core/base/strmap.h"
#include "core/base/util.h"
#include "core/lore/lore.h"
#include "core/mail/b4lines.h"
#include "core/mail/mbox.h"
#include "core/series/source.h"

/*
 * A message-id or lore URL as a SOURCE: fetch its thread, find the other
 * versions of its series the way b4 does, and keep each message once.
 *
 * Every answer lore sends is split and parsed like a local file
 * (prv_input_add_buffer()), once; discovery reads the parsed mails. The
 * lore client below this (core/lore) only moves bytes: HTTP, the cache,
 * URLs.
 */

#define LORE_MAX_MESSAGES 10000 /* messages kept over all answers */
#define LORE_OUT_MAX ((size_t)512 << 20)
/* threads fetched to fill in the covers and patches a thread lacks */
#define LORE_FILL_FETCHES 8

struct found {
	struct prv_lore *lore;
	const char *name; /* the SOURCE, naming mails and warnings */
	bool keep_raw; /* the mails are written out again (fetch) */
	struct prv_input store; /* owns every answer and its parsed mails */
	struct prv_mail **mails; /* kept, in arrival order */
	size_t nr, alloc;
	struct prv_strmap ids; /* message-id -> index in mails */
	bool offline; /* the cache only: a miss is no news */
	struct prv_strmap tried; /* ids whose threads were fetched to fill */
	int fills; /* of LORE_FILL_FETCHES */
};

static void found_init(struct found *f, const char *name, bool keep_raw)
{
	memset(f, 0, sizeof(*f));
	f->name = name;
	f->keep_raw = keep_raw;
	prv_input_init(&f->store);
	prv_strmap_init(&f->ids, 64);
	prv_strmap_init(&f->tried, 8);
}

static void found_release(struct found *f)
{
	prv_lore_close(f->lore);
	prv_input_release(&f->store);
	prv_strmap_release(&f->ids);
	prv_strmap_release(&f->tried);
	free(f->mails);
}

static bool found_has(const struct found *f, const char *msgid)
{
	return prv_strmap_get(&f->ids, msgid) != PRV_STRMAP_NONE;
}

/* A message lore could not give an id has none to be found by again. */
static const char *id_of(const struct prv_mail *m)
{
	return m->message_id_missing ? NULL : m->message_id;
}

/* The root of a mail's thread: its first reference, parent, or itself. */
static const char *root_of(const struct prv_mail *m)
{
	if (m->nr_references)
		return m->references[0];
	if (m->in_reply_to)
		return m->in_reply_to;
	return id_of(m);
}

/* A patch or cover letter as sent, not a reply to one. */
static bool is_posting(const struct prv_mail *m)
{
	return !m->subj.is_reply && m->subj.is_patch;
}

/*
 * Which mails of an answer to keep: every one not kept yet, or with
 * `roots`, those of the threads it names (search hits).
 */
static bool wanted(const struct found *f, const struct prv_mail *m,
		   const struct prv_strmap *roots)
{
	const char *id = id_of(m), *root = root_of(m);

	if (id && found_has(f, id))
		return false;
	return !roots ||
	       (root && prv_strmap_get(roots, root) != PRV_STRMAP_NONE);
}

static void keep(struct found *f, struct prv_mail *m)
{
	PRV_ALLOC_GROW(f->mails, f->nr + 1, f->alloc);
	if (id_of(m))
		prv_strmap_put(&f->ids, id_of(m), f->nr);
	f->mails[f->nr++] = m;
}

/*
 * The warnings about the mails kept from an answer (the others were
 * never read, as far as the user can tell), and those about the answer
 * itself when any of it was kept.
 */
static void keep_warnings(struct found *f, struct prv_warnings *w,
			  const struct prv_strmap *kept)
{
	size_t i;

	for (i = 0; i < w->nr; i++) {
		const struct prv_warning *x = &w->items[i];

		if (x->message_id ? prv_strmap_get(kept, x->message_id) ==
					    PRV_STRMAP_NONE :
				    !kept->nr)
			continue;
		PRV_ALLOC_GROW(f->store.warnings.items,
			       f->store.warnings.nr + 1,
			       f->store.warnings.alloc);
		f->store.warnings.items[f->store.warnings.nr++] = *x;
	}
}

/* Pick the mails of the parsed answer `t`; PRV_ENOMEM past the cap. */
static int pick(struct found *f, struct prv_input *t,
		const struct prv_strmap *roots)
{
	struct prv_strmap kept;
	size_t i;
	int err = 0;

	prv_strmap_init(&kept, t->nr_mails);
	for (i = 0; i < t->nr_mails && !err; i++) {
		struct prv_mail *m = t->mails[i];

		if (!wanted(f, m, roots))
			continue;
		if (f->nr >= LORE_MAX_MESSAGES) {
			/* search hits past the cap are left out */
			if (!roots)
				err = prv_error(PRV_ENOMEM,
						"more than %d messages from "
						"lore",
						LORE_MAX_MESSAGES);
			break;
		}
		keep(f, m);
		prv_strmap_put(&kept, m->message_id, i);
	}
	keep_warnings(f, &t->warnings, &kept);
	prv_strmap_release(&kept);
	return err;
}

/* The roots of the threads holding a posting that `match` accepts. */
typedef bool match_fn(const struct prv_mail *m, const void *identity);

/*
 * Split and parse an answer (taken over) and keep its new mails: all of
 * them, or with `match` those of the threads where it accepts a posting.
 */
static int add_answer(struct found *f, char *data, size_t len, match_fn *match,
		      const void *identity)
{
	struct prv_strmap roots;
	struct prv_input t;
	size_t i;
	int err;

	prv_input_init(&t);
	t.keep_raw = f->keep_raw;
	prv_strmap_init(&roots, 16);
	err = prv_input_add_buffer(&t, data, len, f->name);
	for (i = 0; match && !err && i < t.nr_mails; i++)
		if (match(t.mails[i], identity) && root_of(t.mails[i]))
			prv_strmap_put(&roots, root_of(t.mails[i]), i);
	if (!err)
		err = pick(f, &t, match ? &roots : NULL);
	prv_strmap_release(&roots);
	prv_input_adopt(&f->store, &t);
	prv_input_release(&t);
	return err;
}

/* --- finding the other versions -------------------------------------- */

/* The value of the body's first "change-id:" line, or NULL (malloc'd). */
static char *body_change_id(const struct prv_mail *m)
{
	const char *p = m->msg.body, *end = p + m->msg.body_len, *v;
	size_t vlen;

	while (p && p < end) {
		size_t ll = prv_line_len(p, end - p);

		if (prv_b4_footer_line(&v, &vlen, "change-id:", p, ll))
			return prv_xstrndup(v, vlen);
		p += ll + 1;
	}
	return NULL;
}

/*
 * What b4 searches a series by: the change-id of its postings, else the
 * title and sender of the cover letter or lowest-numbered patch. A search
 * hit counts only when it matches exactly; the series model groups the
 * kept mails afterwards by its own, looser rules.
 */
struct identity {
	char *change_id;
	const char *title;
	const char *email;
	long long date;
};

static void identity_of(struct identity *id, struct prv_mail **mails, size_t nr)
{
	const struct prv_mail *head = NULL;
	int best = 1 << 30;
	size_t i;

	memset(id, 0, sizeof(*id));
	for (i = 0; i < nr; i++) {
		const struct prv_mail *m = mails[i];
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
	if (!head || !head->subj.title || !*head->subj.title ||
	    !*head->from.email)
		return;
	id->title = head->subj.title;
	id->email = head->from.email;
	id->date = head->has_date ? head->date : 0;
}

static bool same_series(const struct prv_mail *m, const void *identity)
{
	const struct identity *id = identity;
	bool ok;

	if (!is_posting(m))
		return false;
	if (id->change_id) {
		char *cid = body_change_id(m);

		ok = cid && !strcmp(cid, id->change_id);
		free(cid);
		return ok;
	}
	return *m->from.email && m->subj.title &&
	       !strcasecmp(m->subj.title, id->title) &&
	       !strcasecmp(m->from.email, id->email);
}

/*
 * Fetch the threads that the links to earlier versions in a posting point
 * at. Only the id counts: every link is read from our own base, never
 * from the host the mail names.
 */
static int follow_links_of(struct found *f, const struct prv_mail *m)
{
	struct prv_b4lines b4 = { .change_id = NULL };
	size_t k;
	int err = 0;

	prv_b4lines_read(&b4, &f->store.arena, m->msg.body, m->msg.body_len);
	for (k = 0; k < b4.nr_links && !err; k++) {
		char *data;
		size_t len;

		if (found_has(f, b4.links[k].msgid) ||
		    !prv_lore_may_fetch(f->lore))
			continue;
		err = prv_lore_fetch_thread(f->lore, &data, &len,
					    b4.links[k].msgid);
		if (!err)
			err = add_answer(f, data, len, NULL, NULL);
		/* a dead link is the mail's fault */
		if (err == PRV_ENOTFOUND)
			err = 0;
		if (!err)
			prv_error_clear();
	}
	return err;
}

static int follow_links(struct found *f)
{
	size_t i;
	int err = 0;

	for (i = 0; i < f->nr && !err; i++)
		if (is_posting(f->mails[i]))
			err = follow_links_of(f, f->mails[i]);
	return err;
}

static int find_versions(struct found *f)
{
	struct identity id;
	char *query = NULL, *data;
	size_t len;
	int err = 0;

	identity_of(&id, f->mails, f->nr);
	if (id.change_id)
		query = prv_lore_query_change_id(id.change_id);
	else if (id.title)
		query = prv_lore_query_subject(id.title, id.email, id.date);
	if (query) {
		err = prv_lore_search(f->lore, &data, &len, query);
		if (!err && data)
			err = add_answer(f, data, len, same_series, &id);
	}
	if (!err)
		err = follow_links(f);
	free(query);
	free(id.change_id);
	return err;
}

/* --- filling in what the thread lacks --------------------------------- */

/*
 * A thread lore sends may lack part of its series: the cover letter or a
 * k/N patch went to another list than the inbox asked (a list's thread
 * holds only that list's mail), or the message given is a patch whose
 * cover the thread does not hold. The series the kept mails make are
 * assembled on trial, as the program will assemble them; what a version
 * lacks is looked for in the thread of the message its patches answer,
 * else of its root, from the /all/ inbox, and the series are assembled
 * again, until nothing more is found or LORE_FILL_FETCHES threads were
 * fetched. What is still missing is the checks' to report.
 */

/* The message whose thread may hold what version `v` lacks, or NULL. */
static const char *gap_of(const struct prv_version *v)
{
	if (v->absent_parent)
		return v->absent_parent;
	if (v->nr_missing && v->expected > 0 && !v->partial)
		return v->thread_root;
	return NULL;
}

/*
 * The gaps of the kept mails' series not looked for yet, newest version
 * first, at most `max`; the ids point into the kept mails.
 */
static size_t find_gaps(struct found *f, const char **gaps, size_t max)
{
	struct prv_input t;
	size_t i, k, n = 0;

	prv_input_init(&t);
	t.mails = prv_xcalloc(f->nr + 1, sizeof(*t.mails));
	memcpy(t.mails, f->mails, f->nr * sizeof(*t.mails));
	t.nr_mails = t.alloc_mails = f->nr;
	prv_series_assemble(&t);
	for (i = 0; i < t.nr_series && n < max; i++) {
		const struct prv_series *s = &t.series[i];

		for (k = s->nr_versions; k > 0 && n < max; k--) {
			const char *id = gap_of(&s->versions[k - 1]);

			if (!id ||
			    prv_strmap_get(&f->tried, id) != PRV_STRMAP_NONE)
				continue;
			prv_strmap_put(&f->tried, id, 0);
			gaps[n++] = id;
		}
	}
	prv_input_release(&t);
	return n;
}

/*
 * Fetch the thread of `id` from /all/ and keep what it adds. A thread
 * lore does not know is no error (the cover was never archived, or the
 * thread asked was /all/'s already, whole). Nor are the others: they end
 * the filling with a warning, and the series is reported as far as it
 * was fetched.
 */
static void fill_from(struct found *f, const char *id)
{
	char *data;
	size_t len;
	int err;

	f->fills++;
	err = prv_lore_fetch_thread_all(f->lore, &data, &len, id);
	if (!err)
		err = add_answer(f, data, len, NULL, NULL);
	if (!err || err == PRV_ENOTFOUND) {
		prv_error_clear();
		return;
	}
	if (!f->offline)
		prv_warn(&f->store.warnings, f->name, NULL,
			 "the series was not filled in from the thread of "
			 "<%s>: %s",
			 id, prv_error_last());
	prv_error_clear();
	f->fills = LORE_FILL_FETCHES;
}

/* Fill in the series of the kept mails, as far as lore can. */
static void fill_gaps(struct found *f)
{
	const char *gaps[LORE_FILL_FETCHES];
	size_t i, n, before;

	while (f->fills < LORE_FILL_FETCHES) {
		before = f->nr;
		n = find_gaps(f, gaps, LORE_FILL_FETCHES - f->fills);
		for (i = 0; i < n && f->fills < LORE_FILL_FETCHES; i++)
			fill_from(f, gaps[i]);
		if (!n || f->nr == before)
			break;
	}
}

/*
 * The thread `arg` names (or with `raw` its message), what its series lack,
 * then the versions.
 */
static int fetch_all(struct found *f, const char *arg,
		     const struct prv_lore_opts *opts, bool raw, bool versions)
{
	char *msgid, *base, *data;
	size_t len;
	int err;

	err = prv_lore_parse_arg(&msgid, &base, arg);
	if (err)
		return err;
	prv_lore_open(&f->lore, base, opts);
	f->offline = opts->offline;
	err = prv_lore_fetch_first(f->lore, &data, &len, msgid, raw);
	if (!err)
		err = add_answer(f, data, len, NULL, NULL);
	if (!err && !f->nr)
		err = prv_error(PRV_EPARSE, "no mail in the answer for '%s'",
				msgid);
	if (!err && !raw)
		fill_gaps(f);
	if (!err && !raw && versions) {
		err = find_versions(f);
		if (!err)
			fill_gaps(f);
	}
	free(msgid);
	free(base);
	return err;
}

/* --- the order of the mails ------------------------------------------ */

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

/* Threads in date order (versions oldest first), each in arrival order. */
static void sort_threads(struct found *f)
{
	struct order *ord = prv_xcalloc(f->nr + 1, sizeof(*ord));
	struct prv_mail **sorted = prv_xcalloc(f->nr + 1, sizeof(*sorted));
	struct prv_strmap first; /* root -> its first message */
	size_t i;

	prv_strmap_init(&first, f->nr);
	for (i = 0; i < f->nr; i++) {
		const char *root = root_of(f->mails[i]);

		ord[i].index = i;
		ord[i].thread = root ? prv_strmap_put(&first, root, i) : i;
	}
	prv_strmap_release(&first);
	/* a thread's date: its earliest known message date */
	for (i = 0; i < f->nr; i++) {
		const struct prv_mail *m = f->mails[i];
		struct order *t = &ord[ord[i].thread];

		if (m->has_date && m->date && (!t->date || m->date < t->date))
			t->date = m->date;
	}
	for (i = 0; i < f->nr; i++)
		ord[i].date = ord[ord[i].thread].date;
	qsort(ord, f->nr, sizeof(*ord), order_cmp);
	for (i = 0; i < f->nr; i++)
		sorted[i] = f->mails[ord[i].index];
	free(f->mails);
	f->mails = sorted;
	f->alloc = f->nr + 1;
	free(ord);
}

struct ranked_warning {
	struct prv_warning w;
	size_t rank; /* position of its mail in the final order */
	size_t index;
};

static int ranked_cmp(const void *a, const void *b)
{
	const struct ranked_warning *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/*
 * The warnings in the order of the mails they are about, as a reader of
 * the written-out mbox would meet them; one about an answer stays with
 * the mail before it.
 */
static void sort_warnings(struct found *f)
{
	struct prv_warnings *w = &f->store.warnings;
	struct ranked_warning *r = prv_xcalloc(w->nr + 1, sizeof(*r));
	struct prv_strmap pos;
	size_t i, rank = 0;

	prv_strmap_init(&pos, f->nr);
	for (i = 0; i < f->nr; i++)
		prv_strmap_put(&pos, f->mails[i]->message_id, i);
	for (i = 0; i < w->nr; i++) {
		size_t k =
			w->items[i].message_id ?
				prv_strmap_get(&pos, w->items[i].message_id) :
				PRV_STRMAP_NONE;

		if (k != PRV_STRMAP_NONE)
			rank = k;
		r[i] = (struct ranked_warning){ .w = w->items[i],
						.rank = rank,
						.index = i };
	}
	qsort(r, w->nr, sizeof(*r), ranked_cmp);
	for (i = 0; i < w->nr; i++)
		w->items[i] = r[i].w;
	prv_strmap_release(&pos);
	free(r);
}

/* --- into an input, or out as mboxrd ---------------------------------- */

int prv_lore_add_source(struct prv_input *in, const char *arg,
			const struct prv_source_opts *opts)
{
	struct found f;
	size_t i;
	int err;

	found_init(&f, arg, false);
	err = fetch_all(&f, arg, &opts->lore, false, opts->versions);
	if (!err) {
		sort_threads(&f);
		sort_warnings(&f);
		PRV_ALLOC_GROW(in->mails, in->nr_mails + f.nr, in->alloc_mails);
		for (i = 0; i < f.nr; i++) {
			f.mails[i]->seq = in->nr_mails;
			in->mails[in->nr_mails++] = f.mails[i];
		}
		prv_warnings_append(&in->warnings, &f.store.warnings);
		prv_input_adopt(in, &f.store);
	}
	found_release(&f);
	return err;
}

int prv_lore_source_mbox(char **out, size_t *out_len, const char *arg,
			 const struct prv_source_opts *opts, bool single)
{
	struct prv_buf b = PRV_BUF_INIT;
	struct found f;
	size_t i;
	int err;

	*out = NULL;
	*out_len = 0;
	found_init(&f, arg, true);
	err = fetch_all(&f, arg, &opts->lore, single, opts->versions);
	if (!err)
		sort_threads(&f);
	b.max = LORE_OUT_MAX;
	for (i = 0; i < f.nr && !err; i++)
		if (prv_mbox_append(&b, "mboxrd@z", f.mails[i]->raw,
				    f.mails[i]->raw_len))
			err = prv_error(PRV_ENOMEM,
					"mbox from lore larger than %zu bytes",
					b.max);
	if (!err)
		*out = prv_buf_detach(&b, out_len);
	prv_buf_release(&b);
	found_release(&f);
	return err;
}
