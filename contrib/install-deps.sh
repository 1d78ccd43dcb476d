#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Install what prereview needs to build and test on Debian 12 (bookworm).
# Idempotent: packages already present are not fetched again. Runs apt-get
# as root, or through sudo.
set -eu

pkgs="build-essential cmake pkg-config git
libgit2-dev libpcre2-dev libcurl4-openssl-dev zlib1g-dev libcriterion-dev
xz-utils python3"

case "${1:-}" in
--test)
	# Peers for the differential tests and the local lore server.
	pkgs="$pkgs clang libclang-rt-14-dev b4 public-inbox
libplack-middleware-reverseproxy-perl linux-source-6.12 groff-base cmark
git-email libmailtools-perl"
	;;
--bench)
	# Timing and peak memory for bench/.
	pkgs="$pkgs hyperfine time"
	;;
"") ;;
*)
	echo "usage: $0 [--test|--bench]" >&2
	exit 2
	;;
esac

missing=
for p in $pkgs; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
		grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
	SUDO=
elif command -v sudo >/dev/null 2>&1; then
	SUDO=sudo
else
	echo "install-deps: need root or sudo to install:$missing" >&2
	exit 1
fi
echo "install-deps: installing$missing" >&2
$SUDO apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
