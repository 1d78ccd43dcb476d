# SPDX-License-Identifier: GPL-2.0-or-later
# Shared by the differential tests against git: split every mbox with git
# mailsplit and call compare <mail> <label> on each message.
# (Sourced, not run: its name does not end in a test name CTest globs.)

if ! command -v git >/dev/null; then
	echo "skipped: git is not installed"
	exit 77
fi
: "${PRV_MAILINFO:?PRV_MAILINFO is not set}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
total=0
agree=0
own_total=0
own_agree=0

# split_and_compare <mbox> <compare-function>
split_and_compare() {
	local mbox=$1 fn=$2 d="$tmp/split" m opt=
	rm -rf "$d" && mkdir "$d"
	if head -c 14 "$mbox" | grep -q '^From mboxrd@'; then
		opt=--mboxrd
	fi
	git mailsplit $opt -o"$d" "$mbox" >/dev/null 2>&1 || return 0
	for m in "$d"/*; do
		[ -f "$m" ] || continue
		"$fn" "$m" "${mbox#"$root"/}#$(basename "$m")"
	done
}

run_all() {
	local fn=$1 f
	# our own mails: one message per file, every one must agree
	root=$PRV_TEST_DATA
	for f in "$PRV_TEST_DATA"/patch/*.patch; do
		"$fn" "$f" "${f#"$root"/}"
	done
	own_total=$total
	own_agree=$agree
	total=0
	agree=0
	if [ ! -d "${PRV_CORPUS:-}" ]; then
		corpus=
		return
	fi
	corpus=1
	root=$PRV_CORPUS
	for f in "$PRV_CORPUS"/lore/*.mbox "$PRV_CORPUS"/b4/*.mbox \
		"$PRV_CORPUS"/patchwork/*/*.mbox; do
		[ -f "$f" ] && split_and_compare "$f" "$fn"
	done
}

# report <what> <minimum corpus agreement>
report() {
	local what=$1 min=$2 status=0
	echo "$what: $own_agree/$own_total own test mails agree"
	[ "$own_agree" -eq "$own_total" ] || status=1
	if [ -z "$corpus" ]; then
		echo "$what: corpus skipped (PRV_CORPUS not found)"
	else
		echo "$what: $agree/$total corpus messages agree"
		[ "$agree" -ge "$min" ] || status=1
	fi
	exit $status
}
