# SPDX-License-Identifier: GPL-2.0-or-later
"""columns.py WIDTH FILE...: fail when a line of a FILE is wider than WIDTH.

Columns as a terminal shows them, measured independently of prereview:
two for East Asian Wide and Fullwidth characters, none for combining
marks and format characters (but the soft hyphen), one for the rest. A
FILE that is not UTF-8 (a character cut in two) fails too.
"""
import sys
import unicodedata


def columns(line):
    n = 0
    for c in line:
        cat = unicodedata.category(c)
        if cat in ("Mn", "Me") or (cat == "Cf" and c != "\xad"):
            continue
        n += 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1
    return n


def main():
    width, bad = int(sys.argv[1]), 0
    for path in sys.argv[2:]:
        try:
            text = open(path, encoding="utf-8").read()
        except UnicodeDecodeError as e:
            print("%s: not UTF-8: %s" % (path, e))
            bad = 1
            continue
        for n, line in enumerate(text.split("\n"), 1):
            if columns(line) > width:
                print("%s:%d: %d columns: %s" %
                      (path, n, columns(line), line))
                bad = 1
    sys.exit(bad)


main()
