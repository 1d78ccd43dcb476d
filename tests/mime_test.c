// SPDX-License-Identifier: GPL-2.0-or-later
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/base/util.h"
#include "core/base/arena.h"
#include "core/base/error.h"
#include "core/mail/mbox.h"
#include "core/mail/mime.h"
#include "core/mail/msg.h"
#include "core/base/warn.h"
#include "tests/testutil.h"

#define PATCH                                                              \
	"---\ndiff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n@@ -1 +1 @@\n" \
	"-int a = 1;\n+int a = 2;\n"
#define MSG "Fix the thing.\n\nSigned-off-by: Ada Lovelace <ada@example.org>\n"

struct file_case {
	const char *name;
	const char *body; /* whole expected body */
	unsigned flags;
	const char *warning; /* substring of one warning, or NULL for none */
};

static const struct file_case file_cases[] = {
	{ "qp.eml",
	  "Caf\xc3\xa9 caf\xc3\xa9 a very long line that was wrapped by the "
	  "quoted-printable encoder, and a = sign.\n\nSigned-off-by: Ada "
	  "Lovelace <ada@example.org>\n---\ndiff --git a/a.c b/a.c\n--- "
	  "a/a.c\n+++ b/a.c\n@@ -1 +1 @@\n-int a = 1;\n+int a = 2; \n",
	  0, NULL },
	{ "base64.eml", "Caf\xc3\xa9.\n\n" MSG PATCH, 0, NULL },
	{ "latin1.eml", "Caf\xc3\xa9 na\xc3\xafve.\n\n" MSG PATCH, 0, NULL },
	{ "nul.eml", "before\0after\n" MSG PATCH, PRV_MSG_NUL, "NUL" },
	{ "rfc2047.eml", MSG PATCH, 0, NULL },
	{ "crlf-qp.eml", "Caf\xc3\xa9 softbreak\nend\n", PRV_MSG_CRLF, NULL },
	{ "flowed.eml",
	  "This paragraph was wrapped by a mail client that uses "
	  "format=flowed with DelSp, so soft breaks go away.\n\n>  quoted\n"
	  "stuffed line\n-- \nsig\n---\ndiff --git a/a.c b/a.c\n--- a/a.c\n"
	  "+++ b/a.c\n@@ -1 +1 @@\n-int a = 1; \n+int a = 2;\n",
	  PRV_MSG_FLOWED, "may be mangled" },
	{ "multipart-attach.eml",
	  "Hello text\n\n---\n a | 1 +\n\ndiff --git a/a b/a\n--- a/a\n+++ "
	  "b/a\n@@ -0,0 +1 @@\n+x\n\n",
	  PRV_MSG_MULTIPART | PRV_MSG_ATTACHED_PATCH, NULL },
};

static size_t body_len_of(const struct file_case *c)
{
	/* the NUL case holds a NUL: measure it by its parts */
	if (!strcmp(c->name, "nul.eml"))
		return 13 + strlen(MSG PATCH);
	return strlen(c->body);
}

Test(mime, files)
{
	size_t i;

	for (i = 0; i < sizeof(file_cases) / sizeof(file_cases[0]); i++) {
		const struct file_case *c = &file_cases[i];
		struct prv_arena a = PRV_ARENA_INIT;
		struct prv_warnings w;
		struct prv_msg m;
		char path[4096];
		size_t len, k;
		char *data;
		bool found = false;

		snprintf(path, sizeof(path), "mail/%s", c->name);
		data = prv_test_read(prv_test_data(path), &len);
		cr_assert_not_null(data, "%s", c->name);
		prv_warnings_init(&w, &a);
		cr_assert_eq(prv_msg_parse(&m, &a, data, len, c->name, &w), 0);
		cr_expect_eq(m.body_len, body_len_of(c), "%s: %zu '%s'",
			     c->name, m.body_len, m.body);
		cr_expect(!memcmp(m.body, c->body, body_len_of(c)), "%s: '%s'",
			  c->name, m.body);
		cr_expect_eq(m.body[m.body_len], '\0');
		cr_expect_eq(m.flags, c->flags, "%s: flags %#x", c->name,
			     m.flags);
		for (k = 0; k < w.nr; k++) {
			if (c->warning && strstr(w.items[k].text, c->warning))
				found = true;
			/* warnings name the message */
			cr_expect(w.items[k].message_id &&
					  strstr(w.items[k].message_id,
						 "@example.org") &&
					  !strchr(w.items[k].message_id, '<'),
				  "%s: warning without message-id", c->name);
		}
		if (c->warning)
			cr_expect(found, "%s: warning '%s'", c->name,
				  c->warning);
		else
			cr_expect_eq(w.nr, 0, "%s: %zu warnings (%s)", c->name,
				     w.nr, w.nr ? w.items[0].text : "");
		prv_warnings_release(&w);
		prv_arena_release(&a);
		free(data);
	}
}

Test(mime, decoded_headers)
{
	struct prv_arena a = PRV_ARENA_INIT;
	struct prv_msg m;
	size_t len;
	char *data = prv_test_read(prv_test_data("mail/rfc2047.eml"), &len);

	cr_assert_not_null(data);
	cr_assert_eq(prv_msg_parse(&m, &a, data, len, "rfc2047.eml", NULL), 0);
	cr_expect_str_eq(prv_msg_get_decoded(&m, &a, "subject"),
			 "[PATCH] net: caf\xc3\xa9 au lait");
	cr_expect_str_eq(prv_msg_get_decoded(&m, &a, "from"),
			 "J\xc3\xb6rg R\xc3\xb6"
			 "del <joro@example.org>");
	cr_expect_str_eq(prv_msg_get_decoded(&m, &a, "to"),
			 "Andr\xc3\xa9 <andre@example.org>, \"Doe, John\" "
			 "<john@example.org>");
	free(data);
	data = prv_test_read(prv_test_data("mail/invalid-utf8-header.eml"),
			     &len);
	cr_assert_eq(prv_msg_parse(&m, &a, data, len, "x", NULL), 0);
	cr_expect_str_eq(prv_msg_get_decoded(&m, &a, "subject"),
			 "[PATCH] net: caf\xc3\xa9 \xc3\xa9");
	cr_expect_str_eq(prv_msg_get(&m, "subject"),
			 "[PATCH] net: caf\xe9 \xc3\xa9");
	free(data);
	prv_arena_release(&a);
}

struct param_case {
	const char *value;
	const char *param;
	const char *out; /* NULL: absent */
};

static const struct param_case param_cases[] = {
	{ "text/plain; charset=utf-8", "charset", "utf-8" },
	{ "text/plain;charset=\"UTF-8\";format=flowed", "charset", "UTF-8" },
	{ "text/plain;charset=\"UTF-8\";format=flowed", "format", "flowed" },
	{ "text/plain; CHARSET = latin1 ", "charset", "latin1" },
	{ "multipart/mixed; name=\"a; boundary=evil\"; boundary=real",
	  "boundary", "real" },
	{ "text/plain; name=\"a \\\"q\\\" b\"", "name", "a \"q\" b" },
	{ "text/x-patch; name*=utf-8''fix.patch", "name", "fix.patch" },
	{ "text/x-patch; name*0=fix; name*1=.patch", "name", "fix" },
	{ "text/x-patch; name*0*=utf-8''fix", "name", "fix" },
	{ "text/plain; charsets=x", "charset", NULL },
	{ "text/plain; charset", "charset", NULL },
	{ "text/plain; charset=\"unterminated", "charset", "unterminated" },
	{ "text/plain", "charset", NULL },
	{ "text/plain; name*", "name", NULL },
};

Test(mime, params)
{
	struct prv_arena a = PRV_ARENA_INIT;
	size_t i;

	for (i = 0; i < sizeof(param_cases) / sizeof(param_cases[0]); i++) {
		const struct param_case *c = &param_cases[i];
		size_t len;
		const char *v = prv_mime_param(&a, c->value, strlen(c->value),
					       c->param, &len);

		if (!c->out) {
			cr_expect_null(v, "case %zu '%s'", i, c->value);
			continue;
		}
		cr_expect_not_null(v, "case %zu '%s'", i, c->value);
		if (v)
			cr_expect(len == strlen(c->out) &&
					  !memcmp(v, c->out, len),
				  "case %zu '%s': '%.*s'", i, c->value,
				  (int)len, v);
	}
	prv_arena_release(&a);
}

struct body_case {
	const char *name;
	const char *text;
	const char *body;
	unsigned flags;
	const char *warning; /* NULL: not checked; "": none; else a part */
};

#define CT "Content-Type: "
#define MP(b) CT "multipart/mixed; boundary=\"" b "\"\n\n"

static const struct body_case body_cases[] = {
	{ "html only", CT "text/html\n\n<p>x</p>\n", "", PRV_MSG_HTML_ONLY,
	  "only HTML" },
	{ "alternative",
	  CT "multipart/alternative; boundary=a\n\n--a\n" CT
	     "text/plain\n\nplain\n--a\n" CT "text/html\n\n<b>x</b>\n--a--\n",
	  "plain\n\n", PRV_MSG_MULTIPART, "" },
	{ "html in mixed",
	  MP("b") "--b\n\ntext\n--b\n" CT "text/html\n\n<p>x</p>\n--b--\n",
	  "text\n\n", PRV_MSG_MULTIPART, "text/html part dropped" },
	{ "missing final boundary",
	  MP("b") "--b\n\none\n--b\n" CT "text/x-diff\n\ndiff\n", "one\ndiff\n",
	  PRV_MSG_MULTIPART | PRV_MSG_ATTACHED_PATCH, "closing boundary" },
	{ "signature dropped",
	  CT "multipart/signed; boundary=s\n\n--s\n\nsigned text\n--s\n" CT
	     "application/pgp-signature\n\n-----BEGIN PGP\n--s--\n",
	  "signed text\n\n", PRV_MSG_MULTIPART, "" },
	{ "octet-stream .patch kept",
	  MP("b") "--b\n\nmsg\n--b\n" CT
		  "application/octet-stream; name=\"fix.patch\"\n\n"
		  "diff --git a/x b/x\n--b\n" CT
		  "application/octet-stream; name=\"blob.bin\"\n\nBIN\n--b--\n",
	  "msg\ndiff --git a/x b/x\n\n",
	  PRV_MSG_MULTIPART | PRV_MSG_ATTACHED_PATCH,
	  "application/octet-stream part dropped" },
	{ "boundary prefix is not a boundary",
	  MP("b") "--b\n\none\n--bb\ntwo\n--b--\n", "one\n--bb\ntwo\n\n",
	  PRV_MSG_MULTIPART, "" },
	{ "rfc2231 filename",
	  MP("b") "--b\n\nmsg\n--b\nContent-Type: application/octet-stream\n"
		  "Content-Disposition: attachment; filename*=utf-8''a.diff\n\n"
		  "d\n--b--\n",
	  "msg\nd\n\n", PRV_MSG_MULTIPART | PRV_MSG_ATTACHED_PATCH, "" },
	{ "no boundary parameter", CT "multipart/mixed\n\ntext\n", "text\n", 0,
	  "without a boundary" },
	{ "charset conversion",
	  CT "text/plain; charset=iso-8859-15\n\n\xa4 5\n", "\xe2\x82\xac 5\n",
	  0, "" },
	{ "unknown charset", CT "text/plain; charset=x-nonsense\n\ncaf\xe9\n",
	  "caf\xc3\xa9\n", 0, "x-nonsense" },
	{ "charset wrongly claimed",
	  CT "text/plain; charset=utf-8\n\ncaf\xe9\n", "caf\xc3\xa9\n", 0,
	  "not valid UTF-8" },
	{ "base64 in parts",
	  MP("b") "--b\nContent-Transfer-Encoding: base64\n"
		  "\naGVs\nbG8K\n--b--\n",
	  "hello\n\n", PRV_MSG_MULTIPART, "" },
	{ "flowed stops at the patch",
	  CT "text/plain; format=flowed\n\nsoft \nbreak\n--- a/x \n+++ b/x \n",
	  "soft break\n--- a/x \n+++ b/x \n", PRV_MSG_FLOWED, "flowed" },
	{ "flowed prose", CT "text/plain; format=flowed\n\nsoft \nbreak\n",
	  "soft break\n", PRV_MSG_FLOWED, "" },
	{ "nested depth",
	  MP("1") "--1\n" MP("2") "--2\n" MP("3") "--3\n\ndeep\n--3--\n--2--\n"
						  "--1--\n",
	  "deep\n\n\n\n", PRV_MSG_MULTIPART, "" },
};

Test(mime, body_table)
{
	size_t i;

	for (i = 0; i < sizeof(body_cases) / sizeof(body_cases[0]); i++) {
		const struct body_case *c = &body_cases[i];
		struct prv_arena a = PRV_ARENA_INIT;
		struct prv_warnings w;
		struct prv_msg m;

		prv_warnings_init(&w, &a);
		cr_assert_eq(prv_msg_parse(&m, &a, c->text, strlen(c->text),
					   c->name, &w),
			     0);
		if (c->warning && !*c->warning)
			cr_expect_eq(w.nr, 0, "%s: %zu warnings", c->name,
				     w.nr);
		else if (c->warning)
			cr_expect(w.nr && strstr(w.items[0].text, c->warning),
				  "%s: warning '%s'", c->name,
				  w.nr ? w.items[0].text : "");
		cr_expect_str_eq(m.body, c->body, "%s", c->name);
		cr_expect_eq(m.flags, c->flags, "%s: flags %#x", c->name,
			     m.flags);
		prv_warnings_release(&w);
		prv_arena_release(&a);
	}
}

/*
 * git mailinfo's view of a message: the patch it extracts must appear,
 * byte for byte, at the end of our body (we only differ in the message
 * part: dropped HTML, charset of the patch).
 */
static int git_patch(const char *msg, size_t len, char **out, size_t *out_len)
{
	char in[] = "/tmp/prv-mime-in-XXXXXX";
	char cmd[512], mpath[64], ppath[64];
	int fd = mkstemp(in);
	FILE *f;
	int ret = -1;

	if (fd < 0)
		return -1;
	f = fdopen(fd, "w");
	fwrite(msg, 1, len, f);
	fclose(f);
	snprintf(mpath, sizeof(mpath), "%s.m", in);
	snprintf(ppath, sizeof(ppath), "%s.p", in);
	snprintf(cmd, sizeof(cmd),
		 "git -c mailinfo.quotedCr=nowarn mailinfo '%s' '%s' < '%s' "
		 ">/dev/null 2>&1",
		 mpath, ppath, in);
	if (!system(cmd)) {
		*out = prv_test_read(ppath, out_len);
		ret = *out ? 0 : -1;
	}
	unlink(in);
	unlink(mpath);
	unlink(ppath);
	return ret;
}

struct agreement {
	size_t msgs, agree;
};

static void check_patch(const char *file, size_t k, const char *data,
			size_t len, void *payload)
{
	struct agreement *ag = payload;
	struct prv_arena a = PRV_ARENA_INIT;
	struct prv_msg m;
	char *patch = NULL, *html;
	size_t plen = 0;
	bool ok;

	cr_assert_eq(prv_msg_parse(&m, &a, data, len, file, NULL), 0);
	if (git_patch(data, len, &patch, &plen)) {
		prv_arena_release(&a);
		return;
	}
	ag->msgs++;
	/* git keeps HTML parts we drop: compare what comes before them */
	html = memmem(patch, plen, "\n<", 2);
	if (html)
		plen = (size_t)(html - patch) + 1;
	ok = !plen ||
	     (plen <= m.body_len && memmem(m.body, m.body_len, patch, plen));
	ag->agree += ok;
	cr_expect(ok, "%s message %zu: git's patch not in our body", file,
		  k + 1);
	free(patch);
	prv_arena_release(&a);
}

Test(mime, corpus_patches_match_git_mailinfo)
{
	static const char *const dirs[] = { "lore", "b4", "patchwork/mail",
					    "patchwork/series" };
	const char *corpus = prv_test_corpus_dir();
	struct agreement ag = { 0, 0 };

	if (!corpus) {
		printf("mime: skipped: corpus absent (PRV_CORPUS), git "
		       "mailinfo agreement not checked\n");
		return;
	}
	prv_test_for_each_corpus_mail(corpus, dirs, PRV_ARRAY_SIZE(dirs),
				      check_patch, &ag);
	printf("mime: %zu/%zu corpus messages hold git mailinfo's patch\n",
	       ag.agree, ag.msgs);
	cr_expect_gt(ag.msgs, 50);
}
