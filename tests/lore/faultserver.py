# SPDX-License-Identifier: GPL-2.0-or-later
"""A misbehaving lore for the fault tests, on 127.0.0.1 only.

The first path segment picks the behaviour; the rest is what prereview
asks a lore for (<msgid>/t.mbox.gz, <msgid>/raw, ?x=m...):
  /ok/...        a good gzip mbox of one message
  /ua/...        the same, its Subject being the request's User-Agent
  /truncated/... gzip data cut in the middle (Content-Length matches)
  /cut/...       Content-Length larger than what is sent, then close
  /bomb/...      gzip that inflates to 65 MiB (beyond the 64 MiB cap)
  /stall/...     headers, then nothing for 60 s
  /slow/...      a good answer sent in pieces over 1.5 s
  /flaky/...     500 on the first request of each path, then good data
  /once/...      good data on the first request of each path, then 500
  /error/...     always 500
  /loop/...      a redirect to itself, forever
  /gone/...      404
  /dups/...      3,000 messages of one thread, each sent 20 times over
  /fromline/...  one posting whose body has a "From " line lore did not
                 quote (no date in it), then its change-id
  /dotlinkN/...  a v2 posting whose "Link to v1:" names the id DOTLINKS[N]
                 ("..", "%2E%2E"...), which climbs out of the inbox
Usage: faultserver.py PORT
"""
import gzip
import http.server
import sys
import threading
import time
import zlib

MBOX = (b"From mboxrd@z Thu Jan  1 00:00:00 1970\n"
        b"From: Ann Author <ann@example.org>\n"
        b"Subject: %s\n"
        b"Date: Wed, 10 Jan 2024 10:00:00 +0100\n"
        b"Message-ID: <fault@example.org>\n"
        b"\n"
        b"A body.\n\n")

FROMLINE = (b"From mboxrd@z Thu Jan  1 00:00:00 1970\n"
            b"From: Ann Author <ann@example.org>\n"
            b"Subject: [PATCH] fault: odd from line\n"
            b"Date: Wed, 10 Jan 2024 10:00:00 +0100\n"
            b"Message-ID: <fromline@example.org>\n"
            b"\n"
            b"A body.\n"
            b"From here on it is odd.\n"
            b"\n"
            b"change-id: 20240110-odd-0123456789ab\n\n")

DOTLINK = (b"From mboxrd@z Thu Jan  1 00:00:00 1970\n"
           b"From: Ann Author <ann@example.org>\n"
           b"Subject: [PATCH v2] fault: dot link\n"
           b"Date: Wed, 10 Jan 2024 10:00:00 +0100\n"
           b"Message-ID: <dotlink-v2@example.org>\n"
           b"\n"
           b"A body.\n"
           b"\n"
           b"Signed-off-by: Ann Author <ann@example.org>\n"
           b"---\n"
           b"Changes in v2:\n"
           b"- renamed\n"
           b"- Link to v1: https://lore.kernel.org/r/%s\n\n")
DOTLINKS = [b"..", b"%2E%2E", b".", b"%2e.", b"%252E%252E"]

_bomb = None
_dups = None


def dups():
    global _dups
    if _dups is None:
        one = [MBOX.replace(b"<fault@example.org>\n",
                            b"<d%d@example.org>\n" % i +
                            (b"In-Reply-To: <d0@example.org>\n" if i else b""))
               .replace(b"Subject: %s", b"Subject: [PATCH] d %d" % i)
               for i in range(3000)]
        _dups = gzip.compress(b"".join(one * 20), 1)
    return _dups
_seen = set()
_lock = threading.Lock()


def bomb():
    global _bomb
    if _bomb is None:
        z = zlib.compressobj(1, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
        chunk = b"\0" * (1 << 20)
        parts = [z.compress(MBOX % b"bomb")]
        for _ in range(65):
            parts.append(z.compress(chunk))
        parts.append(z.flush())
        _bomb = b"".join(parts)
    return _bomb


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        sys.stderr.write("%s %s\n" % (self.command, self.path))

    def send(self, code, body, ctype="application/gzip", length=None):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length",
                         str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()

    def answer(self):
        mode = self.path.split("/")[1].split("?")[0]
        good = gzip.compress(MBOX % b"[PATCH] fault: good")
        if mode == "ping":
            self.send(200, b"pong\n", "text/plain")
        elif mode == "ok":
            self.send(200, good)
        elif mode == "ua":
            ua = self.headers.get("User-Agent", "none").encode()
            self.send(200, gzip.compress(MBOX % ua))
        elif mode == "truncated":
            self.send(200, good[:len(good) // 2])
        elif mode == "cut":
            self.send(200, good[:10], length=len(good))
            self.close_connection = True
        elif mode == "bomb":
            self.send(200, bomb())
        elif mode.startswith("dotlink") and mode[7:].isdigit():
            link = DOTLINKS[int(mode[7:]) % len(DOTLINKS)]
            self.send(200, gzip.compress(DOTLINK % link))
        elif mode == "fromline":
            self.send(200, gzip.compress(FROMLINE))
        elif mode == "dups":
            self.send(200, dups())
        elif mode == "stall":
            self.send_response(200)
            self.send_header("Content-Type", "application/gzip")
            self.send_header("Content-Length", str(len(good)))
            self.end_headers()
            self.wfile.flush()
            time.sleep(60)
        elif mode == "slow":
            self.send_response(200)
            self.send_header("Content-Type", "application/gzip")
            self.send_header("Content-Length", str(len(good)))
            self.end_headers()
            for i in range(len(good)):
                self.wfile.write(good[i:i + 1])
                self.wfile.flush()
                time.sleep(1.5 / len(good))
        elif mode == "flaky":
            with _lock:
                first = self.path not in _seen
                _seen.add(self.path)
            if first:
                self.send(500, b"try again\n", "text/plain")
            else:
                self.send(200, good)
        elif mode == "once":
            with _lock:
                first = self.path not in _seen
                _seen.add(self.path)
            if first:
                self.send(200, good)
            else:
                self.send(500, b"gone away\n", "text/plain")
        elif mode == "error":
            self.send(500, b"broken\n", "text/plain")
        elif mode == "loop":
            self.send_response(302)
            self.send_header("Location", self.path)
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self.send(404, b"Not Found\n", "text/plain")

    def do_GET(self):
        self.answer()

    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0") or 0)
        self.rfile.read(n)
        self.answer()


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True


def main():
    port = int(sys.argv[1])
    Server(("127.0.0.1", port), Handler).serve_forever()


if __name__ == "__main__":
    main()
