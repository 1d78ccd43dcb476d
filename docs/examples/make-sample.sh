#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Regenerate docs/examples/sample: a small MPTCP series in two versions,
# made with git format-patch in a scratch repository the way b4 sends
# them (cover letter with change-id and base-commit, v2 with a changelog
# linking to v1, a Reviewed-by carried from v1), plus one review reply.
# Identities, dates and message-ids are fixed, so the output is the same
# on every run.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out=$here/sample
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

export HOME=$tmp GIT_CONFIG_NOSYSTEM=1 TZ=UTC LC_ALL=C
export GIT_AUTHOR_NAME="Alice Developer" GIT_AUTHOR_EMAIL=alice@example.org
export GIT_COMMITTER_NAME="Alice Developer"
export GIT_COMMITTER_EMAIL=alice@example.org
change_id=20240301-pm-subflows-5f2a9c0d1e3b
list=mptcp@lists.linux.dev

at() {
	export GIT_AUTHOR_DATE="$1 +0000" GIT_COMMITTER_DATE="$1 +0000"
}

git init -q -b main "$tmp/linux"
cd "$tmp/linux"
git config user.name "$GIT_AUTHOR_NAME"
git config user.email "$GIT_AUTHOR_EMAIL"

# A tiny kernel-like tree.
mkdir -p net/mptcp net/ipv4 include/net
cat >net/mptcp/pm.c <<'C'
// SPDX-License-Identifier: GPL-2.0
/* Multipath TCP path manager */
#include "protocol.h"

void mptcp_pm_subflow_closed(struct mptcp_sock *msk)
{
	msk->pm.subflows--;
}

int mptcp_pm_subflows(const struct mptcp_sock *msk)
{
	return msk->pm.subflows;
}
C
cat >net/mptcp/protocol.c <<'C'
// SPDX-License-Identifier: GPL-2.0
/* Multipath TCP */
#include "protocol.h"

static void mptcp_push_pending(struct sock *sk)
{
	struct sock *ssk = mptcp_subflow_get_send(mptcp_sk(sk));

	if (!ssk)
		return;
	tcp_push(ssk, 0, mss_now, TCP_NAGLE_OFF, size_goal);
}
C
cat >net/ipv4/tcp_output.c <<'C'
// SPDX-License-Identifier: GPL-2.0-only
/* INET TCP output engine */
#include <net/tcp.h>

static void tcp_push_one(struct sock *sk, unsigned int mss_now)
{
	tcp_write_xmit(sk, mss_now, TCP_NAGLE_PUSH, 1, sk->sk_allocation);
}
C
cat >include/net/mptcp.h <<'C'
/* SPDX-License-Identifier: GPL-2.0 */
#ifndef __NET_MPTCP_H
#define __NET_MPTCP_H

struct mptcp_sock;

#endif
C
at "2024-02-28 09:00:00"
git add -A
git commit -q -m "net: the tree this series applies to"
base=$(git rev-parse HEAD)
git checkout -q -b pm-subflows

# Patch 1 (both versions): the fix.
patch1() {
	at "2024-03-01 10:00:00"
	sed -i 's/\tmsk->pm.subflows--;/\tif (!WARN_ON_ONCE(!msk->pm.subflows))\n\t\tmsk->pm.subflows--;/' \
		net/mptcp/pm.c
	git commit -q -a -F - <<MSG
mptcp: pm: avoid subflow counter underflow

Closing a subflow that was never accounted, e.g. after a failed join,
decrements the counter below zero, and the path manager then refuses
to create any new subflow.

Only decrement the counter when it is not zero, and warn once.

Fixes: 0123456789ab ("mptcp: pm: count subflows")
$1Signed-off-by: Alice Developer <alice@example.org>
MSG
}

# Patch 2: a TCP helper; v2 changes it.
patch2() {
	at "2024-03-01 10:01:00"
	if [ "$1" = v1 ]; then
		cat >>net/ipv4/tcp_output.c <<'C'

void tcp_push_pending_frames_mptcp(struct sock *ssk)
{
	tcp_push_one(ssk, tcp_current_mss(ssk));
}
EXPORT_SYMBOL(tcp_push_pending_frames_mptcp);
C
	else
		cat >>net/ipv4/tcp_output.c <<'C'

void tcp_push_pending_frames_mptcp(struct sock *ssk)
{
	if (sk_is_mptcp(ssk))
		tcp_push_one(ssk, tcp_current_mss(ssk));
}
EXPORT_SYMBOL_GPL(tcp_push_pending_frames_mptcp);
C
	fi
	sed -i 's/^struct mptcp_sock;$/struct mptcp_sock;\n\nvoid tcp_push_pending_frames_mptcp(struct sock *ssk);/' \
		include/net/mptcp.h
	git commit -q -a -F - <<MSG
tcp: add a helper to push pending frames of a subflow

MPTCP needs to push the pending data of one subflow without going
through the whole tcp_push() logic. Add a small exported helper.

Signed-off-by: Alice Developer <alice@example.org>
MSG
}

# Patch 3: use the helper.
patch3() {
	at "2024-03-01 10:02:00"
	sed -i 's/\ttcp_push(ssk, 0, mss_now, TCP_NAGLE_OFF, size_goal);/\ttcp_push_pending_frames_mptcp(ssk);/' \
		net/mptcp/protocol.c
	git commit -q -a -F - <<MSG
mptcp: push pending data with the new TCP helper

Use tcp_push_pending_frames_mptcp() instead of open-coding the push,
so that the MSS is computed for the right subflow.

Signed-off-by: Alice Developer <alice@example.org>
MSG
}

# Give format-patch output fixed message-ids and threading, the way b4
# names them, and fill in the cover letter.
finish() {
	local v=$1 date=$2 blurb=$3 f n id
	for f in "$out"/v$v-*.patch; do
		n=$(basename "$f" | sed 's/^v[0-9]*-0*\([0-9]*\)-.*/\1/')
		n=${n:-0}
		id="<$change_id-v$v-$n@example.org>"
		awk -v id="$id" -v n="$n" -v v="$v" -v cid="$change_id" \
		    -v list="$list" '
			!done && /^Subject: / {
				print "Message-Id: " id
				print "To: " list
				if (n != 0) {
					print "In-Reply-To: <" cid "-v" v "-0@example.org>"
					print "References: <" cid "-v" v "-0@example.org>"
				}
			}
			/^$/ { done = 1 }
			{ print }' "$f" >"$f.new"
		mv "$f.new" "$f"
	done
	f=$(ls "$out"/v$v-0000-*.patch)
	awk -v blurb="$blurb" -v date="$date" '
		/\*\*\* SUBJECT HERE \*\*\*/ {
			sub(/\*\*\* SUBJECT HERE \*\*\*/,
			    "mptcp: pm: fix subflow accounting")
		}
		/^Date: / { print "Date: " date; next }
		/\*\*\* BLURB HERE \*\*\*/ {
			while ((getline line < blurb) > 0)
				print line
			next
		}
		{ print }' "$f" >"$f.new"
	mv "$f.new" "$f"
}

fmt() {
	local v=$1
	git format-patch -q --cover-letter -v"$v" --no-thread \
		--subject-prefix="PATCH mptcp-net" --base="$base" \
		--signature="b4 0.12.0" -o "$out" "$base"..HEAD
}

rm -rf "$out"
mkdir -p "$out"

# v1
patch1 ""
patch2 v1
patch3
cat >"$tmp/blurb1" <<EOF2
The path manager counts the subflows of a connection. A subflow closed
before it was accounted makes the counter wrap, after which no new
subflow is ever created. Patch 1 fixes that; patches 2 and 3 let MPTCP
push the pending data of one subflow with a small TCP helper.

---
change-id: $change_id
EOF2
fmt 1
finish 1 "Fri, 1 Mar 2024 10:00:00 +0000" "$tmp/blurb1"

# A review reply to v1 patch 1 (replies are part of the thread too).
cat >"$out/v1-0001-reply-bob.eml" <<EOF2
From: Bob Reviewer <bob@example.org>
To: Alice Developer <alice@example.org>
Cc: $list
Subject: Re: [PATCH mptcp-net v1 1/3] mptcp: pm: avoid subflow counter underflow
Date: Sat, 2 Mar 2024 08:30:00 +0000
Message-Id: <b0b-review-1@example.org>
In-Reply-To: <$change_id-v1-1@example.org>
References: <$change_id-v1-0@example.org> <$change_id-v1-1@example.org>

On Fri, 1 Mar 2024 10:00:00 +0000, Alice Developer wrote:
> Only decrement the counter when it is not zero, and warn once.

Looks good to me.

Reviewed-by: Bob Reviewer <bob@example.org>
EOF2

# v2: patch 1 carries Bob's tag, patch 2 changes.
git checkout -q -B pm-subflows "$base"
patch1 "Reviewed-by: Bob Reviewer <bob@example.org>
"
patch2 v2
patch3
cat >"$tmp/blurb2" <<EOF2
The path manager counts the subflows of a connection. A subflow closed
before it was accounted makes the counter wrap, after which no new
subflow is ever created. Patch 1 fixes that; patches 2 and 3 let MPTCP
push the pending data of one subflow with a small TCP helper.

---
Changes in v2:
- patch 2: only push MPTCP subflows, export with EXPORT_SYMBOL_GPL
- patch 1: carry Bob's Reviewed-by, unchanged
- Link to v1: https://lore.kernel.org/r/$change_id-v1-0@example.org

change-id: $change_id
EOF2
at "2024-03-05 09:00:00"
fmt 2
finish 2 "Tue, 5 Mar 2024 09:00:00 +0000" "$tmp/blurb2"
# v2 mails are sent four days later
for f in "$out"/v2-000[1-3]-*.patch; do
	sed -i 's/^Date: Fri, 1 Mar 2024 10:0\([0-9]\):00 +0000$/Date: Tue, 5 Mar 2024 09:0\1:00 +0000/' "$f"
done
echo "wrote $(ls "$out" | wc -l) files to $out"
