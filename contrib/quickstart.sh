#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The README's quick start on a fresh Debian 12 machine, make or no make:
#   sh contrib/quickstart.sh demo   install what is missing, build, review
#                                   the bundled sample series
#   sh contrib/quickstart.sh test   install what is missing (test peers
#                                   too), build, run the whole test suite
set -eu
cd "$(dirname "$0")/.."

case "${1:-}" in
demo) contrib/install-deps.sh ;;
test) contrib/install-deps.sh --test ;;
*)
	echo "usage: sh contrib/quickstart.sh demo|test" >&2
	exit 2
	;;
esac
exec make "$1"
