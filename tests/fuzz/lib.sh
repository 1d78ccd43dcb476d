# SPDX-License-Identifier: GPL-2.0-or-later
#
# What run.sh and long.sh share, sourced after they set `prog` (the name
# their messages start with): die(), the source tree `src`, and the fuzz
# build directory `build` from their first argument (`usage` when absent).

die() {
	echo "$prog: error: $*" >&2
	exit 2
}

src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
[ $# -ge 1 ] || die "usage: $usage"
build=$(cd "$1" 2>/dev/null && pwd) || die "no build directory '$1'"
