#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Build the seed corpus of each fuzz target.
#
#   tests/fuzz/seeds.sh OUT_DIR TARGET...
#
# Writes OUT_DIR/TARGET/ for each TARGET (a fuzz target name without the
# fuzz_ prefix: mbox, msg, diff, ...), from:
# - tests/data: mail files, each directory of format-patch files joined
#   into one mbox, .patch/.diff files, .json files, .rules files and rules/;
# - tests/fuzz/seeds/TARGET/: hand-made seeds;
# - the real-mail corpus when PRV_CORPUS names it: every mailbox under
#   lore/, patchwork/ and b4/ split into single messages, the diffs cut
#   out of them, whole mailboxes, successive versions of a series joined
#   as two sources, and a sample of the large perf/ mailbox (unpacked to
#   a temporary directory);
# - the JSON prereview writes for those mailboxes when PRV_BIN names a
#   prereview binary (the json target).
# Every seed is cut to 64 KiB, the longest input the runs try.
# A target with no kind of its own below (a new one) gets the series seeds:
# whole mailboxes and multi-source inputs.
set -uo pipefail

die() {
	echo "seeds: error: $*" >&2
	exit 2
}

[ $# -ge 2 ] || die "usage: $0 OUT_DIR TARGET..."
out=$1
shift
src=$(cd "$(dirname "$0")/../.." && pwd)
data=$src/tests/data
corpus=${PRV_CORPUS:-}
max=65536
# One message in this many of the perf mailbox becomes a seed.
perf_step=${FUZZ_PERF_STEP:-20}
json_max=40

tmp=$(mktemp -d "${TMPDIR:-/tmp}/prv-seeds.XXXXXX") || die "no temp dir"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
pool=$tmp/pool
mkdir -p "$pool"/{mail,mbox,diff,json,rules,series} || die "cannot write"

# put KIND NAME FILE: one seed, cut to $max bytes.
put() {
	head -c "$max" "$3" >"$pool/$1/$2"
}

is_mail() {
	case $1 in
	*.mbox | *.mbx | *.eml | *.patch | *.msg | *.mail) return 0 ;;
	*.json | *.txt | *.md | *.out | *.sh | *.py | *.diff | *.rules | \
		*.golden | *.gz | *.png | *.c) return 1 ;;
	esac
	head -c 200 "$1" 2>/dev/null |
		grep -qaE '^(From |[A-Za-z][A-Za-z0-9-]*: )'
}

# split MBOX PREFIX: one mail seed per message, one diff seed per patch.
split_mbox() {
	local mbox=$1 prefix=$2 d=$tmp/split
	rm -rf "$d"
	mkdir -p "$d"
	awk -v d="$d" -v step="${3:-1}" '
		/^From / { n++; if (f) close(f); f = "" }
		{
			if (n % step) next
			if (!f) f = sprintf("%s/%06d", d, n)
			print > f
		}' "$mbox"
	for m in "$d"/*; do
		[ -e "$m" ] || continue
		put mail "$prefix-${m##*/}" "$m"
		if grep -q '^diff --git ' "$m"; then
			sed -n '/^diff --git /,/^-- $/p' "$m" >"$tmp/d"
			put diff "$prefix-${m##*/}" "$tmp/d"
		fi
	done
}

from_tests() {
	local f name d
	for f in "$src"/rules/*.rules; do
		[ -e "$f" ] && put rules "shipped-${f##*/}" "$f"
	done
	while IFS= read -r -d '' f; do
		name=$(printf '%s' "${f#"$data"/}" | tr '/' '_')
		case $f in
		*.patch | *.diff) put diff "$name" "$f" ;;
		*.json) put json "$name" "$f" ;;
		*.rules) put rules "$name" "$f" ;;
		esac
		is_mail "$f" || continue
		put mail "$name" "$f"
		put mbox "$name" "$f"
	done < <(find "$data" -type f -not -path '*/fuzz-regressions/*' -print0)
	# Each directory of format-patch files as one mbox.
	while IFS= read -r -d '' d; do
		name=$(printf '%s' "${d#"$src"/}" | tr '/' '_')
		cat "$d"/*.patch "$d"/*.eml 2>/dev/null >"$tmp/dir"
		put mbox "dir-$name" "$tmp/dir"
	done < <(find "$data" "$src/docs/examples" -name '*.patch' \
		-not -path '*/fuzz-regressions/*' -printf '%h\0' 2>/dev/null |
		sort -zu)
}

# join A B NAME: two versions as two sources, as fuzz_series cuts them.
join_versions() {
	{
		head -c $((max / 2 - 3)) "$1"
		printf '\n\f\n'
		head -c $((max / 2)) "$2"
	} >"$pool/series/$3"
}

from_corpus() {
	local f name prev=
	[ -n "$corpus" ] || return 0
	[ -d "$corpus" ] || die "PRV_CORPUS '$corpus' is not a directory"
	while IFS= read -r f; do
		name=$(printf '%s' "${f#"$corpus"/}" | tr '/' '_')
		name=${name%.mbox}
		put mbox "corpus-$name" "$f"
		split_mbox "$f" "corpus-$name"
		case $f in
		*-v[0-9]*.mbox)
			# The previous file is the series' previous version.
			[ "${prev%-v*}" = "${f%-v*}" ] &&
				join_versions "$prev" "$f" "corpus-pair-$name"
			prev=$f
			;;
		esac
	done < <(find "$corpus/lore" "$corpus/patchwork" "$corpus/b4" \
		-name '*.mbox' 2>/dev/null | sort -V)
	f=$corpus/perf/netfilter-devel-8k.mbox.xz
	if [ -r "$f" ]; then
		xz -dc "$f" >"$tmp/perf.mbox" || die "cannot unpack '$f'"
		split_mbox "$tmp/perf.mbox" corpus-perf "$perf_step"
		rm -f "$tmp/perf.mbox"
	fi
}

# The JSON prereview writes is what fuzz_json parses back: that of the
# first $json_max mailboxes (a sanitizer build is slow).
from_bin() {
	local f i=0
	[ -n "${PRV_BIN:-}" ] || return 0
	for f in "$pool"/mbox/*; do
		i=$((i + 1))
		[ $i -le "$json_max" ] || break
		timeout 10 "$PRV_BIN" show --format=json "$f" \
			>"$tmp/j" 2>/dev/null </dev/null &&
			put json "show-$i" "$tmp/j"
		timeout 10 "$PRV_BIN" check --format=json "$f" \
			>"$tmp/j" 2>/dev/null </dev/null
		[ -s "$tmp/j" ] && put json "check-$i" "$tmp/j"
	done
}

from_tests
from_corpus
from_bin
# Whole mailboxes are series too.
cp -l "$pool"/mbox/* "$pool/series/" 2>/dev/null

mkdir -p "$out" || die "cannot create '$out'"
for t in "$@"; do
	case $t in
	mbox) kinds="mbox mail" ;;
	msg | mail | trailer) kinds=mail ;;
	diff) kinds=diff ;;
	json) kinds=json ;;
	rules) kinds=rules ;;
	*) kinds="series mail" ;;
	esac
	rm -rf "${out:?}/$t"
	mkdir -p "$out/$t"
	for k in $kinds; do
		cp -l "$pool/$k"/* "$out/$t/" 2>/dev/null ||
			cp "$pool/$k"/* "$out/$t/" 2>/dev/null
	done
	if [ -d "$src/tests/fuzz/seeds/$t" ]; then
		cp "$src/tests/fuzz/seeds/$t"/* "$out/$t/" 2>/dev/null
	fi
	echo "seeds: $t: $(find "$out/$t" -type f | wc -l) seeds"
done
