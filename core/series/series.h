/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_SERIES_H
#define PRV_SERIES_H

#include <stdbool.h>
#include <stddef.h>

#include "core/mail/mail.h"
#include "core/series/kind.h"

/*
 * Series assembly: threads from Message-ID / In-Reply-To / References,
 * cover letters (0/N), versions (v1, v2...) grouped into one series by
 * change-id, else by title (tags stripped) and author, else by a "Link to
 * vN" in a changelog; replies kept, and review trailers given in replies
 * attached to the patch they answer (or to every patch for the cover).
 *
 * All data belongs to the prv_input the series were assembled from.
 */

struct prv_review_trailer {
	const char *key;
	const char *value;
	struct prv_person from; /* who sent the reply */
	const char *message_id; /* of the reply */
	bool sender_mismatch; /* name/email in value is not the sender */
};

struct prv_patch {
	struct prv_mail *mail;
	int index; /* k of k/N */
	struct prv_review_trailer *review_trailers;
	size_t nr_review_trailers;
	struct prv_mail **replies; /* direct and indirect replies */
	size_t nr_replies;
	bool filled_in; /* taken from the previous version (partial reroll) */
};

struct prv_version {
	int version;
	int point; /* M of a point version vN.M (a partial reroll), else 0 */
	const char **tags;
	size_t nr_tags;
	bool rfc, resend;
	int expected; /* N of k/N */
	bool complete;
	int *missing; /* indexes 1..N not present */
	size_t nr_missing;
	bool partial; /* a partial reroll, filled in from the previous version
		       */
	struct prv_mail *cover; /* NULL when none */
	struct prv_mail **cover_replies;
	size_t nr_cover_replies;
	struct prv_patch *patches; /* sorted by index, duplicates removed */
	size_t nr_patches;
	struct prv_mail **duplicates; /* resent copies that were set aside */
	size_t nr_duplicates;
	long long date; /* earliest date of its mails */
	const char *thread_root; /* message-id of its thread's root */
	/*
	 * The message its patches answer that the input does not hold (the
	 * cover letter of an archive slice), or NULL.
	 */
	const char *absent_parent;
	/* why this version is one series with the others (show -v), or NULL */
	const char *joined_by;
	/*
	 * Read from `b4 am` output (core/series/b4am.h): its tree tag, its
	 * senders and its threading are not known, b4 dropped them.
	 */
	bool b4am;
};

struct prv_series {
	enum prv_kind kind; /* what the thread is: series, pull, backport... */
	const char *change_id; /* NULL when none */
	const char *title; /* cover title, or patch 1's */
	struct prv_person author;
	struct prv_version *versions; /* ascending version */
	size_t nr_versions;
};

/* Everything read from the SOURCEs of one run. */
struct prv_input {
	struct prv_arena arena;
	struct prv_warnings warnings;
	char **buffers; /* raw input buffers (owned, freed on release) */
	size_t nr_buffers, alloc_buffers;
	struct prv_arena *side_arenas; /* filled by parser threads */
	size_t nr_side_arenas, alloc_side_arenas;
	struct prv_mail **mails; /* every mail, in arrival order */
	size_t nr_mails, alloc_mails;
	struct prv_series *series;
	size_t nr_series;
	/*
	 * Parse copies of the headers instead of unfolding them in place, so
	 * that each mail's `raw` stays as split (prereview fetch writes it).
	 */
	bool keep_raw;
};

void prv_input_init(struct prv_input *in);
void prv_input_release(struct prv_input *in);

/*
 * Take ownership of a malloc'd buffer of `len` bytes named `source`, split it
 * (mbox or single message) and parse every mail into `in`. Returns
 * PRV_EPARSE (message naming the source) if it is not mail at all, and
 * PRV_ENOMEM (naming the source and the line of the message) when one
 * message hits a cap: larger than PRV_BUF_MAX_DEFAULT, or more header
 * fields than PRV_MSG_HEADERS_MAX.
 */
int prv_input_add_buffer(struct prv_input *in, char *buf, size_t len,
			 const char *source);

/*
 * Move everything `src` owns (buffers, arenas) into `dst`, so that what
 * was parsed into `src` lives as long as `dst`; `src` keeps its mails and
 * warnings arrays (to be read, then released) and nothing else.
 */
void prv_input_adopt(struct prv_input *dst, struct prv_input *src);

/* Assemble in->mails into in->series (may be called once). */
int prv_series_assemble(struct prv_input *in);

/* The version numbered `v` of a series, or NULL. */
struct prv_version *prv_series_version(struct prv_series *s, int v);

/*
 * A version's number as people write it: "3", or "2.1" for a point
 * version. The string lives until four more calls on this thread.
 */
const char *prv_version_name(const struct prv_version *v);

/* The patch with index k of a version, or NULL. */
struct prv_patch *prv_version_patch(struct prv_version *v, int k);

/* Whether a subject tag of v is `tag` (ASCII case-insensitive). */
bool prv_version_has_tag(const struct prv_version *v, const char *tag);
/* True if some tag of v ends in "-next" (net-next, mptcp-next...). */
bool prv_version_is_next(const struct prv_version *v);
/*
 * The mail that speaks for a version: its cover letter, else its first
 * patch posted with it (not one filled in from the version before); NULL
 * for an empty version.
 */
const struct prv_mail *prv_version_lead(const struct prv_version *v);

/*
 * The tree tag of v: the first tag that names a tree (not PATCH, RFC,
 * RESEND, WIP...), or NULL.
 */
const char *prv_version_tree_tag(const struct prv_version *v);

#endif
