# SPDX-License-Identifier: GPL-2.0-or-later
# b4 review's series check command on the real series of the corpus: every
# version of each series (the corpus' -all.mbox files) is served by
# public-inbox on 127.0.0.1, and each cover letter of each version is given
# alone on stdin, as b4 does. The item must review that version with the
# versions before it (not the later ones), and for the last version give
# the counts `prereview check` gives for the whole mbox.
source "$PRV_SRC/tests/lore/harness.sh"
corpus=${PRV_CORPUS:-}
if [ -z "$corpus" ] || [ ! -d "$corpus/lore" ]; then
	echo "skipped: no corpus (PRV_CORPUS='$corpus')"
	exit 77
fi
mkdir -p "$T/inboxes" "$T/covers"
for f in "$corpus"/lore/*-all.mbox; do
	name=$(basename "$f" -all.mbox | tr -c 'a-z0-9\n' '-' | cut -c1-30)
	cp "$f" "$T/inboxes/$name.mbox"
done
LORE_DATA=$T/inboxes
lore_start

# every cover letter of the per-version files, with its version and the
# number of versions up to it: "FILE SERIES VERSION NR_VERSIONS"
python3 - "$corpus/lore" "$T/covers" >"$T/covers.txt" <<'EOF'
import glob, mailbox, os, re, sys
src, out = sys.argv[1], sys.argv[2]
versions = {}
for f in glob.glob(os.path.join(src, "*-v*.mbox")):
    m = re.match(r"(.*)-v(\d+)\.mbox$", os.path.basename(f))
    versions.setdefault(m.group(1), []).append((int(m.group(2)), f))
n = 0
for series, vs in sorted(versions.items()):
    vs.sort()
    for i, (v, f) in enumerate(vs):
        for msg in mailbox.mbox(f):
            s = " ".join(str(msg.get("Subject", "")).split())
            if re.search(r"\b0+/\d+\]", s) and not re.match(r"(?i)re:", s):
                p = os.path.join(out, "c%03d.eml" % n)
                open(p, "wb").write(msg.as_bytes())
                print(p, series, v, i + 1)
                n += 1
EOF
[ -s "$T/covers.txt" ] || {
	echo "FAIL - no cover letter in the corpus"
	exit 1
}

last=
while read -r eml series v nr; do
	"$PRV_BIN" check --format=b4 --lore-url="$LORE/all" <"$eml" \
		>"$T/out" 2>"$T/err"
	rc=$?
	if [ "$rc" -gt 1 ] || grep -qE 'Sanitizer|runtime error:' "$T/err"; then
		fail "$series v$v: exit $rc: $(head -n 5 "$T/err")"
		continue
	fi

	python3 -c 'import json, re, sys
a = json.load(open(sys.argv[1]))
v, nr = sys.argv[2], int(sys.argv[3])
assert len(a) == 1, a
s = a[0]["summary"]
assert re.search(r": v%s, \d+ patch" % v, s), s
m = re.search(r", (\d+) versions", s)
assert (int(m.group(1)) if m else 1) == nr, (s, nr)
assert "not fetched" not in s, s
open(sys.argv[4], "w").write(s.split(":")[0])
' "$T/out" "$v" "$nr" "$T/counts" 2>"$T/py" &&
		ok "$series v$v: $(cat "$T/counts"), $nr version(s)" ||
		fail "$series v$v ($nr versions): $(tail -n 1 "$T/py")"
	echo "$series $v $(cat "$T/counts" 2>/dev/null)" >>"$T/seen"
done <"$T/covers.txt"

# the last version of each series against `check` on the whole mbox
for f in "$corpus"/lore/*-all.mbox; do
	series=$(basename "$f" -all.mbox)
	got=$(grep "^$series " "$T/seen" | sort -k2,2n | tail -n 1 |
		cut -d' ' -f3-)
	[ -n "$got" ] || continue
	want=$(NO_COLOR=1 "$PRV_BIN" check "$f" 2>/dev/null | tail -n 1)
	[ "$got" = "$want" ] && ok "$series: last version as 'check' on the mbox" ||
		fail "$series: cover on stdin '$got', whole mbox '$want'"
done

finish
