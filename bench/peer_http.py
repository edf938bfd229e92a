#!/usr/bin/env python3
"""The peer of bench/serve_bench.sh: Python's standard threaded HTTP
server (http.server.ThreadingHTTPServer, HTTP/1.1 keep-alive) answering
GET with the same bytes `baton serve` sends, held in memory, with the
same Content-Type, Cache-Control and Content-Length. It stands for "the
simplest server one would write instead", not for a tuned one.

  peer_http.py PORT DIR    serve DIR/<name> at /<name>, DIR/index.html at /
                           and DIR/api/<name> at /api/<name>; 127.0.0.1 only
"""
import http.server
import os
import sys


def main():
    port, root = int(sys.argv[1]), sys.argv[2]
    files = {}
    for dirpath, _, names in os.walk(root):
        for n in names:
            path = os.path.join(dirpath, n)
            url = "/" + os.path.relpath(path, root).replace(os.sep, "/")
            with open(path, "rb") as f:
                files[url] = f.read()
    files["/"] = files.get("/index.html", b"")

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body in one write, sent at once (without these, each
        # answer waits on a delayed ACK and the peer looks 20x slower).
        disable_nagle_algorithm = True
        wbufsize = 1 << 16

        def do_GET(self):
            body = files.get(self.path)
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            html = self.path in ("/", "/index.html")
            self.send_header("Content-Type", "text/html; charset=utf-8" if html
                             else "application/json; charset=utf-8")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    class Server(http.server.ThreadingHTTPServer):
        request_queue_size = 1024
        daemon_threads = True

    Server(("127.0.0.1", port), Handler).serve_forever()


if __name__ == "__main__":
    main()
