// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * prv-mailinfo: print what prereview reads from patch mail in the form of
 * `git mailinfo`, for differential tests against git.
 *
 *   prv-mailinfo [--scissors] <msg> <patchid> < mail
 *	one message on stdin: Author/Email/Subject/Date on stdout as git
 *	mailinfo prints them, the commit message into <msg>, the stable
 *	patch-id (or nothing) into <patchid>.
 *   prv-mailinfo --trailers < mail
 *	the trailers of the commit message, one "Key: value" a line, as
 *	`git interpret-trailers --parse` prints them.
 *   prv-mailinfo --numstat < mail
 *	per file of the diff: added, removed and path, tab-separated, as
 *	`git apply --numstat` prints them ("-" counts for binary files).
 *   prv-mailinfo --mbox <file>
 *	every message of an mbox: the same, each block followed by the
 *	message and a "patch-id: <id>" line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/arena.h"
#include "core/base/buf.h"
#include "core/base/error.h"
#include "core/mail/mail.h"
#include "core/mail/mbox.h"
#include "core/mail/patchid.h"
#include "core/base/warn.h"
#include "tests/tools/eachmail.h"

static void print_space_collapsed(FILE *out, const char *s)
{
	int in_space = 0;

	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			if (!in_space)
				fputc(' ', out);
			in_space = 1;
		} else {
			fputc(*s, out);
			in_space = 0;
		}
	}
}

static void print_info(FILE *out, const struct prv_mail *m, struct prv_arena *a)
{
	const char *date;

	if (prv_msg_get(&m->msg, "From") || m->pm.author_in_body)
		fprintf(out, "Author: %s\nEmail: %s\n", m->pm.author.name,
			m->pm.author.email);
	if (prv_msg_get(&m->msg, "Subject") || *m->pm.title)
		fprintf(out, "Subject: %s\n", m->pm.title);
	date = m->pm.date ? m->pm.date :
			    prv_msg_get_decoded(&m->msg, a, "Date");
	if (date) {
		fputs("Date: ", out);
		print_space_collapsed(out, date);
		fputc('\n', out);
	}
	fputc('\n', out);
}

static int write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f) {
		fprintf(stderr, "prv-mailinfo: could not open '%s'\n", path);
		return 1;
	}
	fwrite(data, 1, len, f);
	fclose(f);
	return 0;
}

static void print_numstat(const struct prv_mail *m)
{
	size_t i;

	for (i = 0; i < m->diff.nr_files; i++) {
		const struct prv_file *f = &m->diff.files[i];

		if (f->flags & PRV_FILE_BINARY)
			printf("-\t-\t%s\n", prv_file_path(f));
		else
			printf("%d\t%d\t%s\n", f->added, f->removed,
			       prv_file_path(f));
	}
}

static int trailers(bool numstat)
{
	struct prv_buf b = PRV_BUF_INIT;
	struct prv_arena a = PRV_ARENA_INIT;
	struct prv_warnings w;
	struct prv_mail m;
	size_t i;
	int ret = 1;

	prv_warnings_init(&w, &a);
	if (prv_buf_read_file(&b, "-", PRV_TOOL_MAIL_MAX) < 0 ||
	    prv_mail_parse(&m, &a, b.data, b.len, "stdin", &w) < 0) {
		fprintf(stderr, "prv-mailinfo: %s\n", prv_error_last());
		goto out;
	}
	if (numstat)
		print_numstat(&m);
	for (i = 0; !numstat && i < m.pm.nr_trailers; i++)
		printf("%s: %s\n", m.pm.trailers[i].key,
		       m.pm.trailers[i].value);
	ret = 0;
out:
	prv_warnings_release(&w);
	prv_arena_release(&a);
	prv_buf_release(&b);
	return ret;
}

static int one(const char *msg_path, const char *id_path, bool scissors)
{
	struct prv_buf b = PRV_BUF_INIT;
	struct prv_arena a = PRV_ARENA_INIT;
	struct prv_warnings w;
	struct prv_mail m;
	int ret = 1;

	prv_warnings_init(&w, &a);
	if (prv_buf_read_file(&b, "-", PRV_TOOL_MAIL_MAX) < 0) {
		fprintf(stderr, "prv-mailinfo: %s\n", prv_error_last());
		goto out;
	}
	if (prv_mail_parse(&m, &a, b.data, b.len, "stdin", &w) < 0) {
		fprintf(stderr, "prv-mailinfo: %s\n", prv_error_last());
		goto out;
	}
	if (scissors) {
		struct prv_patchmail_opts opts = PRV_PATCHMAIL_OPTS_INIT;
		struct prv_person from = m.pm.author;

		if (m.pm.author_in_body) {
			const char *v = prv_msg_get_decoded(&m.msg, &a, "From");

			prv_patchmail_author(&from, &a, v ? v : "",
					     v ? strlen(v) : 0);
		}
		opts.scissors = true;
		prv_patchmail_parse_opts(&m.pm, &a, m.subject, &from,
					 m.msg.body, m.msg.body_len,
					 m.message_id, &w, &opts);
		if (!m.pm.diff_len ||
		    prv_patchid_stable(
			    m.patch_id, m.pm.diff,
			    (size_t)(m.msg.body + m.msg.body_len - m.pm.diff)))
			m.patch_id[0] = '\0';
	}
	print_info(stdout, &m, &a);
	ret = write_file(msg_path, m.pm.message, m.pm.message_len);
	if (!ret && m.patch_id[0]) {
		char line[42];

		snprintf(line, sizeof(line), "%s\n", m.patch_id);
		ret = write_file(id_path, line, 41);
	} else if (!ret) {
		ret = write_file(id_path, "", 0);
	}
out:
	prv_warnings_release(&w);
	prv_arena_release(&a);
	prv_buf_release(&b);
	return ret;
}

static void print_one(const struct prv_mail *m, struct prv_arena *a, void *arg)
{
	(void)arg;
	print_info(stdout, m, a);
	fwrite(m->pm.message, 1, m->pm.message_len, stdout);
	printf("patch-id: %s\n\n", m->patch_id);
}

int main(int argc, char **argv)
{
	bool scissors = false;

	if (argc == 2 && !strcmp(argv[1], "--trailers"))
		return trailers(false);
	if (argc == 2 && !strcmp(argv[1], "--numstat"))
		return trailers(true);
	if (argc == 3 && !strcmp(argv[1], "--mbox"))
		return prv_tool_each_mail("prv-mailinfo", argv[2], print_one,
					  NULL);
	if (argc > 1 && !strcmp(argv[1], "--scissors")) {
		scissors = true;
		argc--;
		argv++;
	}
	if (argc != 3) {
		fprintf(stderr, "usage: prv-mailinfo [--scissors] <msg> "
				"<patchid> < mail\n"
				"   or: prv-mailinfo --mbox <file>\n");
		return 2;
	}
	return one(argv[1], argv[2], scissors);
}
