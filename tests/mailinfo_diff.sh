# SPDX-License-Identifier: GPL-2.0-or-later
# Differential test: what prereview reads from each patch mail (title,
# author, email, date, commit message) must equal `git mailinfo -u`, and
# the trailers `git interpret-trailers --parse` finds in the message, for
# the project's own mails and, when present, the corpus (lore, patchwork,
# b4; perf is too big for a test run).
# Known differences (582/597 at the time of writing), all from choices of
# the MIME reader: application/pgp-signature parts are dropped (git keeps
# their text in the message, 14 replies), text/html alternatives are dropped
# (1 comment mail); git refuses a mail in charset "none" that we read.
set -u
. "$(dirname "$0")/lib-diff.bash"

# The test fails when agreement drops below this.
MIN_CORPUS_AGREE=${MIN_CORPUS_AGREE:-582}

compare() {
	local mail=$1 label=$2
	if ! git mailinfo -u "$tmp/gm" "$tmp/gp" <"$mail" >"$tmp/gi" 2>/dev/null; then
		echo "git refused: $label"
		return
	fi
	# prereview turns CRLF into LF everywhere; git keeps it inside
	# base64 or quoted-printable parts (where "\r\n" is not a blank
	# line to git, so leading ones stay in its message)
	if grep -q $'\r' "$tmp/gm"; then
		tr -d '\r' <"$tmp/gm" | sed '/./,$!d' >"$tmp/gm.lf"
		mv "$tmp/gm.lf" "$tmp/gm"
	fi
	"$PRV_MAILINFO" "$tmp/om" "$tmp/oid" <"$mail" >"$tmp/oi" 2>/dev/null || true
	total=$((total + 1))
	# and the trailers of the commit message, for mails with a patch
	: >"$tmp/gt"
	: >"$tmp/ot"
	if [ -s "$tmp/gp" ]; then
		{ sed -n 's/^Subject: //p' "$tmp/gi"; echo; cat "$tmp/gm"; } |
			git interpret-trailers --parse >"$tmp/gt" 2>/dev/null
		"$PRV_MAILINFO" --trailers <"$mail" >"$tmp/ot" 2>/dev/null
	fi
	if cmp -s "$tmp/gi" "$tmp/oi" && cmp -s "$tmp/gm" "$tmp/om" &&
		cmp -s "$tmp/gt" "$tmp/ot"; then
		agree=$((agree + 1))
	else
		echo "differs: $label"
		diff -u "$tmp/gi" "$tmp/oi" | sed -n '3,12p' | sed 's/^/    /'
		diff -u "$tmp/gm" "$tmp/om" | sed -n '3,12p' | sed 's/^/    /'
		diff -u "$tmp/gt" "$tmp/ot" | sed -n '3,12p' | sed 's/^/    /'
	fi
}

run_all compare
report mailinfo "$MIN_CORPUS_AGREE"
