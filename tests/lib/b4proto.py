#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""b4's check-command protocol, as `b4 review` reads and keeps results.

b4 (0.15 and later; not Debian's 0.12) runs review-perpatch-check-cmd once
per patch and review-series-check-cmd once per series, the message on
stdin, and reads a JSON array of result objects from stdout. Documented
in b4's docs/maintainer/review.rst, "Writing an external check script":

  tool     required  column header of the results matrix
  status   required  "pass", "warn" or "fail"
  summary  optional  one line, shown in the detail view
  url      optional  a link for the maintainer
  details  optional  multi-line text for the detail view

"[]" means the tool has nothing to report (no cell is shown). A non-zero
exit with nothing on stdout is an execution error; output that is not
JSON is a failure. b4 reads each object as follows: an object that is not
a dict is skipped, a missing tool is the command's name, an unknown
status is "fail", a missing summary, url or details is "". It shows one
cell per (message, tool) and caches results in a table whose primary key
is (msgid, tool), INSERT OR REPLACE: of several objects for the same
tool, the last one wins on screen and in the cache.

This module replays that reading, and is stricter where b4 would take
something badly: the five keys only, string values, tool and status
given. Usage:

  b4proto.py read OUT MSGID EXIT [CMD]
      print what b4 keeps of command output OUT for message MSGID, as
      JSON: {"rows": {tool: row}, "lost": objects overwritten,
      "problems": [...]}; exit 0.
"""
import json
import os
import sys

KEYS = ("tool", "status", "summary", "url", "details")
STATUSES = ("pass", "warn", "fail")


def read(out, exit_code, cmd="prereview"):
    """The rows b4 makes of a command's stdout and exit code, in order."""
    name = os.path.basename(cmd)
    problems = []
    if not out.strip():
        if exit_code:
            return [{"tool": name, "status": "fail",
                     "summary": "exited with error code %d" % exit_code,
                     "url": "", "details": ""}], problems
        return [], problems
    try:
        data = json.loads(out)
    except json.JSONDecodeError as ex:
        problems.append("not JSON: %s" % ex)
        return [{"tool": name, "status": "fail",
                 "summary": "invalid JSON output: %s" % ex, "url": "",
                 "details": out}], problems
    if not isinstance(data, list):
        problems.append("not an array")
        data = [data]
    rows = []
    for entry in data:
        if not isinstance(entry, dict):
            problems.append("an item is not an object: %r" % (entry,))
            continue
        for k in entry:
            if k not in KEYS:
                problems.append("unknown key %r" % k)
        for k in KEYS:
            if k in entry and not isinstance(entry[k], str):
                problems.append("%s is not a string: %r" % (k, entry[k]))
        for k in ("tool", "status"):
            if k not in entry:
                problems.append("no %s" % k)
        status = entry.get("status", "fail")
        if status not in STATUSES:
            problems.append("unknown status %r" % (status,))
            status = "fail"
        rows.append({"tool": entry.get("tool", name), "status": status,
                     "summary": entry.get("summary", ""),
                     "url": entry.get("url", ""),
                     "details": entry.get("details", "")})
    return rows, problems


def keep(rows, msgid):
    """b4's cache: one row per (msgid, tool), the last one written wins."""
    kept = {}
    for r in rows:
        kept[(msgid, r["tool"])] = r
    return {k[1]: v for k, v in kept.items()}, len(rows) - len(kept)


def main(argv):
    if len(argv) < 5 or argv[1] != "read":
        sys.stderr.write(__doc__)
        return 2
    out = open(argv[2], encoding="utf-8", errors="replace").read()
    rows, problems = read(out, int(argv[4]), argv[5] if len(argv) > 5 else
                          "prereview")
    kept, lost = keep(rows, argv[3])
    json.dump({"rows": kept, "lost": lost, "problems": problems},
              sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
