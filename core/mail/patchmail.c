// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What `git am` takes from a patch mail, following git mailinfo's
 * documented behaviour: in-body headers, the patch break, the subject
 * cleanup and the author line. The message and the patch parts point into
 * the body; only header values are copied.
 */
#include <stdbool.h>
#include <string.h>

#include "core/mail/address.h"
#include "core/mail/mbox.h"
#include "core/mail/msg.h"
#include "core/mail/patchmail.h"
#include "core/base/util.h"

#define PRV_HEADER_VALUE_MAX 8192

enum { HDR_FROM, HDR_SUBJECT, HDR_DATE, HDR_NR };
static const char *const inbody_names[HDR_NR] = { "From", "Subject", "Date" };

struct line {
	const char *p;
	size_t len; /* with the '\n' when there is one */
};

/* git's isspace(): space, tab, LF, CR. */
static inline bool git_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool next_line(const char *body, size_t len, size_t *pos, struct line *l)
{
	const char *nl;

	if (*pos >= len)
		return false;
	l->p = body + *pos;
	nl = memchr(l->p, '\n', len - *pos);
	l->len = nl ? (size_t)(nl - l->p) + 1 : len - *pos;
	*pos += l->len;
	return true;
}

static bool line_starts(const struct line *l, const char *prefix)
{
	return prv_starts_with(l->p, l->len, prefix);
}

/* Collapse every run of white space into one space (git's cleanup_space). */
static size_t cleanup_space(char *s, size_t len)
{
	size_t i, o = 0;

	for (i = 0; i < len; i++) {
		if (git_space((unsigned char)s[i])) {
			s[o++] = ' ';
			while (i + 1 < len &&
			       git_space((unsigned char)s[i + 1]))
				i++;
		} else {
			s[o++] = s[i];
		}
	}
	s[o] = '\0';
	return o;
}

static char *trim(char *s)
{
	size_t n;

	while (git_space((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n && git_space((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

char *prv_patchmail_clean_subject(struct prv_arena *a, const char *subject,
				  size_t len)
{
	char *s, *p;
	size_t n;

	if (len > PRV_HEADER_VALUE_MAX)
		len = PRV_HEADER_VALUE_MAX;
	s = prv_arena_strndup(a, subject, len);
	p = s;
	for (;;) {
		n = strlen(p);
		if ((p[0] == 'r' || p[0] == 'R') && n > 3 &&
		    (p[1] == 'e' || p[1] == 'E') && p[2] == ':') {
			p += 3;
		} else if (p[0] == ' ' || p[0] == '\t' || p[0] == ':') {
			p++;
		} else if (p[0] == '[') {
			char *close = strchr(p, ']');

			if (!close)
				break;
			p = close + 1;
		} else {
			break;
		}
	}
	p = trim(p);
	cleanup_space(p, strlen(p));
	return p;
}

/* git's get_sane_name(): an empty, over-long or odd name becomes the email. */
static const char *sane_name(const char *name, const char *email)
{
	if (!*name || strlen(name) > 60 || strpbrk(name, "@<>"))
		return email;
	return name;
}

int prv_patchmail_author(struct prv_person *out, struct prv_arena *a,
			 const char *from, size_t len)
{
	char *f, *orig, *at, *name;
	size_t el, n;

	out->name = "";
	out->email = "";
	if (len > PRV_HEADER_VALUE_MAX)
		len = PRV_HEADER_VALUE_MAX;
	orig = prv_arena_strndup(a, from, len);
	cleanup_space(orig, strlen(orig));
	f = prv_arena_strdup(a, orig);
	f[prv_address_unquote(f, f, strlen(f))] = '\0';

	at = strchr(f, '@');
	if (!at) {
		/* "John Doe <johndoe>" */
		char *bra = strchr(orig, '<'), *ket;

		if (!bra || !(ket = strchr(bra, '>')))
			return 0;
		out->email =
			prv_arena_strndup(a, bra + 1, (size_t)(ket - bra - 1));
		*bra = '\0';
		out->name = sane_name(trim(orig), out->email);
		return 0;
	}
	while (at > f) {
		char c = at[-1];

		if (git_space((unsigned char)c))
			break;
		if (c == '<') {
			at[-1] = ' ';
			break;
		}
		at--;
	}
	el = strcspn(at, " \n\t\r\v\f>");
	out->email = prv_arena_strndup(a, at, el);
	memmove(at, at + el + (at[el] ? 1 : 0),
		strlen(at + el + (at[el] ? 1 : 0)) + 1);
	cleanup_space(f, strlen(f));
	name = trim(f);
	n = strlen(name);
	if (n >= 2 && name[0] == '(' && name[n - 1] == ')') {
		name[n - 1] = '\0';
		name++;
	}
	out->name = sane_name(name, out->email);
	return 0;
}

/* git mailinfo's scissors rule ("-- >8 --", "8<----", "%<"...). */
static bool is_scissors_line(const char *p, size_t len)
{
	size_t i, first = (size_t)-1, last = 0;
	int scissors = 0, gap = 0, perforation = 0, visible;
	bool in_perforation = false;

	for (i = 0; i < len; i++) {
		char c = p[i];

		if (git_space((unsigned char)c)) {
			if (in_perforation) {
				perforation++;
				gap++;
			}
			continue;
		}
		last = i;
		if (first == (size_t)-1)
			first = i;
		if (c == '-') {
			in_perforation = true;
			perforation++;
			continue;
		}
		if (i + 1 < len && ((c == '>' && p[i + 1] == '8') ||
				    (c == '8' && p[i + 1] == '<') ||
				    (c == '>' && p[i + 1] == '%') ||
				    (c == '%' && p[i + 1] == '<'))) {
			in_perforation = true;
			perforation += 2;
			scissors += 2;
			i++;
			continue;
		}
		in_perforation = false;
	}
	visible = first == (size_t)-1 ? 0 : (int)(last - first + 1);
	return scissors && visible >= 8 && visible < perforation * 3 &&
	       gap * 2 < perforation;
}

/* git mailinfo's patchbreak(): where the commit message ends. */
static bool is_patch_break(const struct line *l)
{
	size_t i;

	if (line_starts(l, "diff -") || line_starts(l, "Index: "))
		return true;
	if (l->len < 4 || !line_starts(l, "---"))
		return false;
	if (l->p[3] == ' ' && !git_space((unsigned char)l->p[4]))
		return true;
	for (i = 3; i < l->len; i++) {
		if (l->p[i] == '\n')
			return true;
		if (!git_space((unsigned char)l->p[i]))
			break;
	}
	return false;
}

/* The start of a diff inside the patch part. */
static bool is_diff_start(const char *body, size_t len, size_t pos,
			  const struct line *l)
{
	struct line n;
	size_t next = pos;

	if (line_starts(l, "diff -") || line_starts(l, "Index: "))
		return true;
	if (!line_starts(l, "--- ") || l->len < 5 ||
	    git_space((unsigned char)l->p[4]))
		return false;
	return next_line(body, len, &next, &n) && line_starts(&n, "+++ ");
}

/* A header line "Name: value" for in-body header `i`; *val past spaces. */
static bool header_value(const struct line *l, int i, size_t *val)
{
	size_t n = strlen(inbody_names[i]), v;

	if (!prv_starts_with_ci(l->p, l->len, inbody_names[i]) || l->len <= n ||
	    l->p[n] != ':')
		return false;
	for (v = n + 1; v < l->len && git_space((unsigned char)l->p[v]); v++)
		;
	*val = v;
	return true;
}

struct inbody {
	const char *val[HDR_NR]; /* arena copies, decoded */
	int accum; /* header being accumulated, or -1 */
	const char *accum_p; /* its value in the body */
	size_t accum_len;
	struct prv_arena *a;
};

static void inbody_set(struct inbody *ib, int i, const char *p, size_t len)
{
	char *v;

	if (len > PRV_HEADER_VALUE_MAX)
		len = PRV_HEADER_VALUE_MAX;
	if (memmem(p, len, "=?", 2))
		v = prv_rfc2047_decode(ib->a, p, len);
	else
		v = prv_arena_strndup(ib->a, p, len);
	cleanup_space(v, strlen(v));
	ib->val[i] = v;
}

static void inbody_flush(struct inbody *ib)
{
	if (ib->accum >= 0)
		inbody_set(ib, ib->accum, ib->accum_p, ib->accum_len);
	ib->accum = -1;
}

/* git's check_inbody_header(): true if the line was taken as a header. */
static bool inbody_line(struct inbody *ib, const struct line *l, bool scissors)
{
	size_t v;
	int i;

	if (ib->accum >= 0 && (l->p[0] == ' ' || l->p[0] == '\t')) {
		if (scissors && is_scissors_line(l->p, l->len)) {
			inbody_flush(ib);
			return false;
		}
		ib->accum_len = (size_t)(l->p + l->len - ib->accum_p);
		return true;
	}
	inbody_flush(ib);
	if (line_starts(l, ">From") && l->len > 5 &&
	    git_space((unsigned char)l->p[5]))
		/* as git mailinfo: the whole line, '\n' and no '\r' */
		return l->p[l->len - 1] == '\n' && l->p[l->len - 2] != '\r' &&
		       prv_mbox_is_format_patch_line(l->p + 1, l->len - 2);
	if (line_starts(l, "[PATCH]") && l->len > 7 &&
	    git_space((unsigned char)l->p[7])) {
		inbody_set(ib, HDR_SUBJECT, l->p, l->len);
		return true;
	}
	for (i = 0; i < HDR_NR; i++) {
		if (!ib->val[i] && header_value(l, i, &v)) {
			ib->accum = i;
			ib->accum_p = l->p + v;
			ib->accum_len = l->len - v;
			return true;
		}
	}
	return false;
}

/* Skips a run of digits and returns their value, capped at 10^9. */
static long skip_digits(const char **q, const char *e)
{
	long v = 0;

	for (; *q < e && **q >= '0' && **q <= '9'; (*q)++)
		if (v < 1000000000L)
			v = v * 10 + (**q - '0');
	return v;
}

/*
 * End of the diff: the "-- " signature line after the last hunk. Hunk
 * bodies are skipped by their counts so a "-- " line inside one is kept.
 */
static size_t diff_end(const char *p, size_t len)
{
	size_t pos = 0, start;
	long old_left = 0, new_left = 0;
	struct line l;

	for (;;) {
		start = pos;
		if (!next_line(p, len, &pos, &l))
			return len;
		if (old_left > 0 || new_left > 0) {
			char c = l.len > 1 ? l.p[0] : ' ';

			if (c == ' ') {
				old_left--;
				new_left--;
				continue;
			} else if (c == '-') {
				old_left--;
				continue;
			} else if (c == '+') {
				new_left--;
				continue;
			} else if (c == '\\') {
				continue;
			}
			old_left = new_left = 0;
		}
		if ((l.len == 4 && !memcmp(l.p, "-- \n", 4)) ||
		    (l.len == 3 && !memcmp(l.p, "--\n", 3)) ||
		    (l.len == 3 && !memcmp(l.p, "-- ", 3)))
			return start;
		if (line_starts(&l, "@@ -")) {
			const char *q = l.p + 4, *e = l.p + l.len;

			old_left = new_left = 1;
			skip_digits(&q, e);
			if (q < e && *q == ',') {
				q++;
				old_left = skip_digits(&q, e);
			}
			if (e - q > 2 && q[0] == ' ' && q[1] == '+') {
				q += 2;
				skip_digits(&q, e);
				if (q < e && *q == ',') {
					q++;
					new_left = skip_digits(&q, e);
				}
			}
		}
	}
}

static void split_patch(struct prv_patchmail *out, const char *body, size_t len,
			size_t brk, const struct line *brk_line)
{
	size_t pos = brk, start, notes_start, end;
	struct line l;

	if (is_diff_start(body, len, brk + brk_line->len, brk_line)) {
		start = brk;
	} else {
		pos = brk + brk_line->len;
		notes_start = pos;
		start = len;
		while (start == len) {
			size_t at = pos;

			if (!next_line(body, len, &pos, &l))
				break;
			if (is_diff_start(body, len, pos, &l))
				start = at;
		}
		out->notes = body + notes_start;
		out->notes_len = start - notes_start;
		if (start == len)
			out->notes_len = diff_end(out->notes, out->notes_len);
		if (start == len)
			return;
	}
	end = diff_end(body + start, len - start);
	out->diff = body + start;
	out->diff_len = end;
}

int prv_patchmail_parse_opts(struct prv_patchmail *out, struct prv_arena *a,
			     const char *subject, const struct prv_person *from,
			     const char *body, size_t len,
			     const char *message_id, struct prv_warnings *w,
			     const struct prv_patchmail_opts *opts)
{
	struct inbody ib;
	bool header_stage = true, has_patch = false;
	size_t pos = 0, msg_start = 0, at;
	struct line l;

	memset(out, 0, sizeof(*out));
	memset(&ib, 0, sizeof(ib));
	ib.accum = -1;
	ib.a = a;
	out->notes = out->diff = "";
	out->message = body;

	for (;;) {
		at = pos;
		if (!next_line(body, len, &pos, &l))
			break;
		if (header_stage && (l.len == 1 && l.p[0] == '\n')) {
			if (ib.accum >= 0) {
				inbody_flush(&ib);
				header_stage = false;
			}
			msg_start = pos;
			continue;
		}
		if (header_stage) {
			header_stage = inbody_line(&ib, &l, opts->scissors);
			if (header_stage) {
				msg_start = pos;
				continue;
			}
		}
		if (opts->scissors && is_scissors_line(l.p, l.len)) {
			msg_start = pos;
			header_stage = true;
			memset(ib.val, 0, sizeof(ib.val));
			out->scissors = true;
			continue;
		}
		if (is_patch_break(&l)) {
			has_patch = true;
			split_patch(out, body, len, at, &l);
			break;
		}
	}
	inbody_flush(&ib);
	if (msg_start > at)
		msg_start = at;
	out->message = body + msg_start;
	out->message_len = (has_patch ? at : len) - msg_start;
	if (!has_patch && msg_start > len)
		out->message_len = 0;

	/* in-body headers count only when the mail carries a patch */
	if (has_patch && ib.val[HDR_SUBJECT])
		subject = ib.val[HDR_SUBJECT];
	out->title = subject ? prv_patchmail_clean_subject(a, subject,
							   strlen(subject)) :
			       "";
	if (has_patch && ib.val[HDR_FROM]) {
		prv_patchmail_author(&out->author, a, ib.val[HDR_FROM],
				     strlen(ib.val[HDR_FROM]));
		out->author_in_body = true;
	} else if (from) {
		out->author = *from;
	} else {
		out->author.name = out->author.email = "";
	}
	if (has_patch && ib.val[HDR_DATE])
		out->date = ib.val[HDR_DATE];

	prv_trailers_parse(&out->trailers, &out->nr_trailers,
			   &out->trailer_block, a, out->message,
			   out->message_len, false);
	(void)w;
	(void)message_id;
	return 0;
}

int prv_patchmail_parse(struct prv_patchmail *out, struct prv_arena *a,
			const char *subject, const struct prv_person *from,
			const char *body, size_t len, const char *message_id,
			struct prv_warnings *w)
{
	struct prv_patchmail_opts opts = PRV_PATCHMAIL_OPTS_INIT;

	return prv_patchmail_parse_opts(out, a, subject, from, body, len,
					message_id, w, &opts);
}
