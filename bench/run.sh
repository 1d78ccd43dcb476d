#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Run every benchmark in bench/ and summarise.
#
#   bench/run.sh [PRV_BIN]    (default: build/prereview)
#
# Each bench/*.sh gets the binary as its first argument and in PRV_BIN,
# and PRV_CORPUS (default ../shared/corpus next to the source tree). A
# script exits 0 when its targets are met, 1 when one is missed, 77 when
# it cannot run here (corpus or peer tool absent).
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-${PRV_BIN:-$root/build/prereview}}
case $bin in
/*) ;;
*) bin=$PWD/$bin ;;
esac
export PRV_BIN=$bin
export PRV_CORPUS=${PRV_CORPUS:-$root/../shared/corpus}

ok=()
missed=()
skipped=()
for script in "$root"/bench/*.sh; do
	name=$(basename "$script" .sh)
	[ "$name" = run ] && continue
	echo "== bench/$name.sh"
	bash "$script" "$bin"
	case $? in
	0) ok+=("$name") ;;
	77) skipped+=("$name") ;;
	*) missed+=("$name") ;;
	esac
	echo
done

echo "bench: ${#ok[@]} met their targets${ok:+ (${ok[*]})}," \
	"${#missed[@]} missed${missed:+ (${missed[*]})}," \
	"${#skipped[@]} skipped${skipped:+ (${skipped[*]})}"
[ ${#missed[@]} -eq 0 ]
