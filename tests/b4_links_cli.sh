# SPDX-License-Identifier: GPL-2.0-or-later
# How prereview links a message (the "url" of a b4 item), against the b4
# installed (Debian's 0.12 has b4.linkmask and b4.midmask, not the check
# commands): with b4.linkmask set, the link is the one `b4 am -l` writes
# in Link:; prereview.linkMask, then --lore-url and prereview.loreUrl win;
# b4.midmask serves when no link mask is set; a mask without "%s" is
# ignored. Global options after the command are taken too.
set -u
: "${PRV_BIN:?}" "${PRV_TEST_DATA:?}"
if ! command -v b4 >/dev/null; then
	echo "skipped: no b4 (apt-get install b4)"
	exit 77
fi
P=$PRV_BIN
EML=$PRV_TEST_DATA/b4perpatch/net-fix.eml
ID=20250303-foo-fix-v1-1-b4test@example.org
# a scratch $T, HOME in it, ok/fail/finish (no lore server is started)
source "${PRV_SRC:?}/tests/lore/harness.sh"
mkdir -p "$T/repo" "$T/out"
unset B4_TRACKING_FILE
git config --global user.name T
git config --global user.email t@example.org
git init -q "$T/repo"
cd "$T/repo" || exit 1
{
	echo "From mboxrd@z Thu Jan  1 00:00:00 1970"
	cat "$EML"
} >"$T/one.mbox"


# url ARGS...: the url of prereview's b4 item for the patch
url()
{
	"$P" check --format=b4 "$@" - <"$EML" 2>"$T/err" |
		python3 -c 'import json, sys; print(json.load(sys.stdin)[0].get("url", "-"))'
}

# b4link: the Link: that `b4 am -l` adds to the patch
b4link()
{
	rm -f "$T"/out/*
	b4 --offline-mode am -l -m "$T/one.mbox" -o "$T/out" "$ID" \
		>"$T/b4.log" 2>&1 || { cat "$T/b4.log"; return 1; }
	sed -n 's/^Link: //p' "$T"/out/*.mbx
}

echo "# $(b4 --version 2>&1)"
git config --global b4.linkmask 'https://patch.example.org/%s'
want=$(b4link)
got=$(url)
[ "$want" = "https://patch.example.org/$ID" ] && [ "$got" = "$want" ] &&
	ok "b4.linkmask: the link b4 am -l writes" ||
	fail "b4.linkmask: b4 '$want', prereview '$got' $(cat "$T/err")"

git config --global prereview.linkMask 'https://mine.example.org/m/%s/'
got=$(url)
[ "$got" = "https://mine.example.org/m/$ID/" ] &&
	ok "prereview.linkMask wins over b4.linkmask" ||
	fail "prereview.linkMask: '$got'"
git config --global --unset prereview.linkMask

got=$(url --lore-url=https://inbox.example.org/netdev)
[ "$got" = "https://inbox.example.org/netdev/$ID/" ] &&
	ok "--lore-url wins over b4.linkmask" || fail "--lore-url: '$got'"
git config --global prereview.loreUrl https://inbox.example.org/all
got=$(url)
[ "$got" = "https://inbox.example.org/all/$ID/" ] &&
	ok "prereview.loreUrl wins over b4.linkmask" ||
	fail "prereview.loreUrl: '$got'"
git config --global --unset prereview.loreUrl

git config --global --unset b4.linkmask
git config --global b4.midmask 'https://inbox.example.org/all/%s'
got=$(url)
[ "$got" = "https://inbox.example.org/all/$ID" ] &&
	ok "b4.midmask without b4.linkmask" || fail "b4.midmask: '$got'"

git config --global b4.linkmask 'https://patch.example.org/'
got=$(url)
[ "$got" = "https://inbox.example.org/all/$ID" ] &&
	ok "a mask without %s is ignored" || fail "mask without %s: '$got'"
git config --global --unset b4.linkmask
git config --global --unset b4.midmask
got=$(url)
want=$(b4link)
[ "$got" = "https://lore.kernel.org/r/$ID" ] &&
	[ "$want" = "https://lore.kernel.org/r/$ID" ] &&
	ok "no mask: lore.kernel.org/r/, as b4 0.12's default" ||
	fail "default: b4 '$want', prereview '$got'"

# global options after the command: -q silences the warning, --color=never
"$P" check -q --format=text --color=never - <"$EML" >"$T/out.txt" 2>"$T/err"
rc=$?
[ "$rc" -eq 1 ] && [ ! -s "$T/err" ] && grep -q fixes-missing "$T/out.txt" &&
	ok "check -q: a global option after the command" ||
	fail "check -q: exit $rc: $(cat "$T/err")"
"$P" check --format=text - <"$EML" >/dev/null 2>"$T/err"
grep -q "no repository" "$T/err" &&
	ok "without -q, the per-patch note on stderr" ||
	fail "no note without -q: $(cat "$T/err")"
"$P" show -- -q >/dev/null 2>"$T/err"
grep -q "'-q'" "$T/err" && ok "after --, -q is a SOURCE" ||
	fail "show -- -q: $(cat "$T/err")"

finish
