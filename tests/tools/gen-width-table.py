#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Print the display-width tables of core/base/wrap.c from Python's unicodedata.

Zero columns: general categories Mn and Me, and Cf (zero width joiner,
bidi marks, tags, ...) except U+00AD SOFT HYPHEN and the prepended
concatenation marks, which are shown. Two columns: East Asian Width W and F
(emoji with emoji presentation among them) and the regional indicators,
which EastAsianWidth.txt leaves N although they have emoji presentation.
Everything below U+0300 is left out of the tables (one column).

Usage: gen-width-table.py > table.inc, then paste it into core/base/wrap.c.
With --check FILE, compare the tables in FILE with the generated ones and
exit 1 when they differ. With --widths, print the Unicode version on a
line, then the width of every code point from U+0000 to U+10FFFF as one
digit ("-" for surrogates), for tests to compare prv_columns() against.
"""
import sys
import unicodedata

SHOWN_CF = {0xAD, 0x600, 0x601, 0x602, 0x603, 0x604, 0x605, 0x6DD, 0x70F,
            0x890, 0x891, 0x8E2, 0x110BD, 0x110CD}

DEFAULT_W = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF),
             (0x20000, 0x2FFFD), (0x30000, 0x3FFFD)]


def width(cp):
    if cp < 0x300:
        return 1
    c = chr(cp)
    cat = unicodedata.category(c)
    if cat in ("Mn", "Me") or (cat == "Cf" and cp not in SHOWN_CF):
        return 0
    if cat == "Cn":
        # Python reports F for unassigned code points; EastAsianWidth.txt
        # has them N but in the CJK ideograph blocks and planes 2 and 3
        return 2 if any(a <= cp <= b for a, b in DEFAULT_W) else 1
    if unicodedata.east_asian_width(c) in ("W", "F"):
        return 2
    if 0x1F1E6 <= cp <= 0x1F1FF:
        return 2
    return 1


def ranges(want):
    out, start = [], None
    for cp in range(0x110000 + 1):
        hit = cp <= 0x10FFFF and not 0xD800 <= cp <= 0xDFFF and \
            width(cp) == want
        if hit and start is None:
            start = cp
        elif not hit and start is not None:
            out.append((start, cp - 1))
            start = None
    return out


def table(name, rs):
    lines = ["static const struct width_range %s[] = {" % name]
    row = "\t"
    for a, b in rs:
        item = "{ 0x%04x, 0x%04x }," % (a, b)
        if len(row.expandtabs(8)) + len(item) + 1 > 80:
            lines.append(row.rstrip())
            row = "\t"
        row += item + " "
    lines.append(row.rstrip())
    lines.append("};")
    return "\n".join(lines)


def main():
    text = "/* Unicode %s */\n%s\n\n%s\n" % (
        unicodedata.unidata_version, table("zero_width", ranges(0)),
        table("double_width", ranges(2)))
    if len(sys.argv) == 2 and sys.argv[1] == "--widths":
        print(unicodedata.unidata_version)
        sys.stdout.write("".join(
            "-" if 0xD800 <= cp <= 0xDFFF else str(width(cp))
            for cp in range(0x110000)))
        return
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        src = open(sys.argv[2], encoding="utf-8").read()
        if text not in src:
            sys.exit("%s: the width tables differ from Unicode %s" %
                     (sys.argv[2], unicodedata.unidata_version))
        return
    sys.stdout.write(text)


main()
