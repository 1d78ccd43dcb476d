#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Make the test data of tests/b4_review_cli.sh: a three-patch series,
# "net: foo: tidy the counter", posted as v1, v2 and v3 on a netdev inbox
# (lore/netdev.mbox, with a review of v1; the v3 cover letter is not
# there, as if it had been lost), and the cover letters and one v2 patch
# as b4 hands them to its check commands. The series applies onto
# foo.c as net/foo/foo.c; the mails name no base-commit (b4's tracking
# data gives it in the test). Run it from this directory; it rewrites the
# files, the same bytes every time.
set -eu
here=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export GIT_AUTHOR_NAME="Ann Author" GIT_AUTHOR_EMAIL=ann@example.org \
	GIT_COMMITTER_NAME="Ann Author" GIT_COMMITTER_EMAIL=ann@example.org \
	GIT_AUTHOR_DATE="2025-03-01T10:00:00Z" \
	GIT_COMMITTER_DATE="2025-03-01T10:00:00Z" GIT_CONFIG_NOSYSTEM=1 \
	HOME=$tmp
cd "$tmp"
git init -q -b main r
cd r
mkdir -p net/foo
cp "$here/foo.c" net/foo/foo.c
git add . && git commit -q -m "net: foo: the counter"

commit() { git commit -q -a -F -; }

# v1
git checkout -q -b v1
cat >>net/foo/foo.c <<'EOF'

void foo_reset(void)
{
	foo_count = 0;
}
EOF
commit <<'EOF'
net: foo: add foo_reset()

Callers set the count to 0 by hand; give them a helper.

Signed-off-by: Ann Author <ann@example.org>
EOF
sed -i 's/^\tfoo_count = v;$/\tfoo_count = v < 0 ? 0 : v;/' net/foo/foo.c
commit <<'EOF'
net: foo: clamp the count in foo_set()

A negative count makes no sense; store 0 instead.

Signed-off-by: Ann Author <ann@example.org>
EOF
sed -i 's|^int foo_get(void)$|/* foo_get() - retruns the count */\nint foo_get(void)|' net/foo/foo.c
commit <<'EOF'
net: foo: document foo_get()

Say what it returns.

Signed-off-by: Ann Author <ann@example.org>
EOF
git format-patch -q --stdout --no-signature -3 >"$tmp/v1.mbox"

# v2: patch 1 as it was, patch 2 clamps both ways (not in the changelog),
# patch 3 fixes its typo
git checkout -q -b v2 main
git cherry-pick v1~2 >/dev/null
sed -i 's/^\tfoo_count = v;$/\tfoo_count = v < 0 ? 0 : v > 255 ? 255 : v;/' \
	net/foo/foo.c
commit <<'EOF'
net: foo: clamp the count in foo_set()

A negative count makes no sense, nor one past 255; store the nearest
bound instead.

Signed-off-by: Ann Author <ann@example.org>
EOF
sed -i 's|^int foo_get(void)$|/* foo_get() - returns the count */\nint foo_get(void)|' net/foo/foo.c
commit <<'EOF'
net: foo: document foo_get()

Say what it returns.

Signed-off-by: Ann Author <ann@example.org>
EOF
git format-patch -q --stdout --no-signature -3 >"$tmp/v2.mbox"

# v3: v2 again, its cover letter never reached the list (lore lacks it)
git format-patch -q --stdout --no-signature -3 >"$tmp/v3.mbox"

python3 - "$tmp" "$here" <<'EOF'
import re, sys
tmp, here = sys.argv[1], sys.argv[2]
FROM = "From mboxrd@z Thu Jan  1 00:00:00 1970\n"

def split(path):
    text = open(path).read()
    parts = re.split(r"^From [0-9a-f]{40} Mon Sep 17 00:00:00 2001\n", text,
                     flags=re.M)
    return [p for p in parts if p.strip()]

def patch_mail(raw, v, k, date, cover):
    head, body = raw.split("\n\n", 1)
    subj = re.search(r"^Subject: \[PATCH \d+/3\] (.*)$", head, re.M).group(1)
    tag = "PATCH net-next" + (f" v{v}" if v > 1 else "")
    mid = f"20250301-foo-v{v}-{k}-b4test@example.org"
    return mid, (
        f"From: Ann Author <ann@example.org>\n"
        f"Subject: [{tag} {k}/3] {subj}\n"
        f"Date: {date}\n"
        f"Message-ID: <{mid}>\n"
        f"In-Reply-To: <{cover}>\n"
        f"References: <{cover}>\n"
        f"To: netdev@vger.kernel.org\n"
        f"MIME-Version: 1.0\n"
        f"Content-Type: text/plain; charset=utf-8\n\n" + body)

def cover_mail(v, date, text):
    tag = "PATCH net-next" + (f" v{v}" if v > 1 else "")
    mid = f"20250301-foo-v{v}-0-b4test@example.org"
    return mid, (
        f"From: Ann Author <ann@example.org>\n"
        f"Subject: [{tag} 0/3] net: foo: tidy the counter\n"
        f"Date: {date}\n"
        f"Message-ID: <{mid}>\n"
        f"To: netdev@vger.kernel.org\n"
        f"MIME-Version: 1.0\n"
        f"Content-Type: text/plain; charset=utf-8\n\n" + text)

summary = """Ann Author (3):
      net: foo: add foo_reset()
      net: foo: clamp the count in foo_set()
      net: foo: document foo_get()

 net/foo/foo.c | 8 +++++++-
 1 file changed, 7 insertions(+), 1 deletion(-)
---
change-id: 20250301-foo-b4test0000

Best regards,
-- 
Ann Author <ann@example.org>
"""
out = []
c1, m = cover_mail(1, "Sat, 01 Mar 2025 11:00:00 +0000",
                   "Small fixes to the foo counter.\n\n---\n" + summary)
out.append(m)
v1 = split(tmp + "/v1.mbox")
for k, raw in enumerate(v1, 1):
    out.append(patch_mail(raw, 1, k, "Sat, 01 Mar 2025 11:00:0%d +0000" % k,
                          c1)[1])
out.append(
    "From: Rita Reviewer <rita@example.net>\n"
    "Subject: Re: [PATCH net-next 1/3] net: foo: add foo_reset()\n"
    "Date: Sun, 02 Mar 2025 09:00:00 +0000\n"
    "Message-ID: <review-v1-1-b4test@example.net>\n"
    "In-Reply-To: <20250301-foo-v1-1-b4test@example.org>\n"
    "References: <20250301-foo-v1-0-b4test@example.org> "
    "<20250301-foo-v1-1-b4test@example.org>\n"
    "To: ann@example.org\n"
    "Cc: netdev@vger.kernel.org\n\n"
    "On Sat, Mar 01, 2025, Ann Author wrote:\n"
    "> Callers set the count to 0 by hand; give them a helper.\n\n"
    "Reviewed-by: Rita Reviewer <rita@example.net>\n")
c2, cover2 = cover_mail(
    2, "Tue, 04 Mar 2025 11:00:00 +0000",
    "Small fixes to the foo counter.\n\n"
    "Changes in v2:\n- patch 3: fix a typo in the comment\n"
    "- Link to v1: https://lore.kernel.org/r/" + c1 + "\n\n---\n" + summary)
out.append(cover2)
v2 = split(tmp + "/v2.mbox")
patches2 = [patch_mail(raw, 2, k, "Tue, 04 Mar 2025 11:00:0%d +0000" % k,
                       c2)[1] for k, raw in enumerate(v2, 1)]
out += patches2
c3, cover3 = cover_mail(
    3, "Thu, 06 Mar 2025 11:00:00 +0000",
    "Small fixes to the foo counter.\n\n"
    "Changes in v3:\n- resend, the v2 thread was mangled\n"
    "- Link to v2: https://lore.kernel.org/r/" + c2 + "\n\n"
    "Changes in v2:\n- patch 3: fix a typo in the comment\n"
    "- Link to v1: https://lore.kernel.org/r/" + c1 + "\n\n---\n" + summary)
v3 = split(tmp + "/v3.mbox")
out += [patch_mail(raw, 3, k, "Thu, 06 Mar 2025 11:00:0%d +0000" % k,
                   c3)[1] for k, raw in enumerate(v3, 1)]

def mboxrd(msgs):
    res = []
    for m in msgs:
        m = re.sub(r"^(>*From )", r">\1", m, flags=re.M)
        res.append(FROM + m.rstrip("\n") + "\n\n")
    return "".join(res)

import os
os.makedirs(here + "/lore", exist_ok=True)
open(here + "/lore/netdev.mbox", "w").write(mboxrd(out))
open(here + "/cover-v1.eml", "w").write(out[0])
open(here + "/cover-v2.eml", "w").write(cover2)
open(here + "/cover-v3.eml", "w").write(cover3)
open(here + "/patch-v2-2.eml", "w").write(patches2[1])
EOF
