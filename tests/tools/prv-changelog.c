// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * prv-changelog: what prereview reads from the changelog of every posting
 * of an mbox, for tests/data/labels/changelogs.tsv.
 *
 *   prv-changelog <mbox>
 *	one line per patch or cover letter of version 2 or later:
 *	message-id, version, the versions whose change it describes and the
 *	versions it links, tab-separated ("2,3", "-" for none).
 */
#include <stdio.h>
#include <string.h>

#include "core/base/arena.h"
#include "core/check/changelog.h"
#include "core/mail/mail.h"
#include "tests/tools/eachmail.h"

#define VERSION_MAX 99

static void print_set(const struct prv_changelog *cl, int upto, bool links)
{
	int k, n = 0;

	for (k = 1; k <= upto; k++) {
		bool in = links ? prv_changelog_has_link(cl, k) :
				  k > 1 && prv_changelog_covers(cl, k);

		if (in)
			printf("%s%d", n++ ? "," : "", k);
	}
	if (!n)
		putchar('-');
}

static void print_mail(const struct prv_mail *m, struct prv_arena *ma,
		       void *arg)
{
	struct prv_arena a = PRV_ARENA_INIT;
	struct prv_changelog cl;
	int v = m->subj.version;

	(void)ma;
	(void)arg;
	if (!m->subj.is_patch || m->subj.is_reply || v < 2 || v > VERSION_MAX)
		return;
	memset(&cl, 0, sizeof(cl));
	if (m->subj.has_counter && !m->subj.index)
		prv_changelog_parse(&cl, &a, m->msg.body, m->msg.body_len, v,
				    0);
	else
		prv_changelog_parse_patch(&cl, &a, &m->pm, v, 1);
	printf("%s\t%d\t", m->message_id ? m->message_id : "", v);
	print_set(&cl, v, false);
	putchar('\t');
	print_set(&cl, VERSION_MAX, true);
	putchar('\n');
	prv_arena_release(&a);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: prv-changelog <mbox>\n");
		return 2;
	}
	return prv_tool_each_mail("prv-changelog", argv[1], print_mail, NULL);
}
