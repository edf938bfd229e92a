#!/usr/bin/env python3
"""A bounded slow-client attack on a `baton serve` on loopback, and the
normal requests answered meanwhile (tests/serve.sh).

  slow_clients.py PORT [--slow 64] [--sources 127.0.0.1,127.0.0.2]
                  [--interval 2] [--seconds 13] [--normal 60]
                  [--path /api/version] [--header 'Name: value']...

Keeps --slow sockets open for --seconds, spread over the --sources
addresses (any 127/8 address works on Linux loopback), each sending its
request one header line every --interval seconds (under the server's idle
timeout, so only a whole-request deadline ends them); a socket the server
closes is opened again at once, so the attack stays at --slow sockets.
Meanwhile --normal plain GETs of --path, one at a time and evenly spread,
each on a new connection from 127.0.0.1, time out after 5 s.

Prints key=value lines: normal, answered (2xx-4xx within 1 s), errors,
p50_ms, max_ms; slow, cut (slow sockets the server closed), cut_min_s and
cut_max_s (how long those had been open), open_at_end. Only loopback
addresses are accepted as a target or a source."""
import argparse
import ipaddress
import select
import socket
import sys
import threading
import time


def loopback(addr):
    return ipaddress.ip_address(addr).is_loopback


class Slow:
    """One slow socket: connected at t0, sends a line when due."""

    def __init__(self, src, port):
        self.src = src
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind((src, 0))
        self.sock.settimeout(2)
        self.sock.connect(("127.0.0.1", port))
        self.sock.setblocking(False)
        self.t0 = time.monotonic()
        self.lines = 0
        self.next = self.t0
        self.send(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")

    def send(self, data):
        try:
            self.sock.send(data)
            return True
        except OSError:
            return False

    def due(self, now, interval):
        if now < self.next:
            return True
        self.lines += 1
        self.next = now + interval
        return self.send(b"X-Slow-%d: a\r\n" % self.lines)


def attack(args, stop, out):
    srcs = args.sources.split(",")
    socks = []
    cuts = []
    refused = 0
    for i in range(args.slow):
        try:
            socks.append(Slow(srcs[i % len(srcs)], args.port))
        except OSError:
            refused += 1
    out["ready"].set()
    while not stop.is_set():
        now = time.monotonic()
        live = []
        for s in socks:
            gone = not s.due(now, args.interval)
            if not gone:
                r, _, _ = select.select([s.sock], [], [], 0)
                if r:
                    try:
                        gone = s.sock.recv(4096) == b""
                    except OSError:
                        gone = True
            if gone:
                cuts.append(now - s.t0)
                s.sock.close()
                try:
                    live.append(Slow(s.src, args.port))
                except OSError:
                    refused += 1
            else:
                live.append(s)
        socks = live
        time.sleep(0.05)
    out["cuts"] = cuts
    out["open"] = len(socks)
    out["refused"] = refused
    for s in socks:
        s.sock.close()


def normal(args, headers):
    req = ("GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n%s\r\n"
           % (args.path, args.port, "".join(h + "\r\n" for h in headers))).encode()
    t0 = time.monotonic()
    try:
        with socket.create_connection(("127.0.0.1", args.port), timeout=5) as s:
            s.sendall(req)
            data = b""
            while b"\r\n" not in data:
                chunk = s.recv(4096)
                if not chunk:
                    break
                data += chunk
        code = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/1.") else 0
    except (OSError, ValueError, IndexError):
        code = 0
    return code, time.monotonic() - t0


def main():
    p = argparse.ArgumentParser()
    p.add_argument("port", type=int)
    p.add_argument("--slow", type=int, default=64)
    p.add_argument("--sources", default="127.0.0.1,127.0.0.2")
    p.add_argument("--interval", type=float, default=2.0)
    p.add_argument("--seconds", type=float, default=13.0)
    p.add_argument("--normal", type=int, default=60)
    p.add_argument("--path", default="/api/version")
    p.add_argument("--header", action="append", default=[])
    args = p.parse_args()
    if not all(loopback(a) for a in args.sources.split(",")):
        sys.exit("slow_clients.py: sources must be loopback addresses")
    if args.slow > 1024 or args.normal > 10000 or args.seconds > 120:
        sys.exit("slow_clients.py: bounded to 1024 sockets, 10000 requests, 120 s")

    stop = threading.Event()
    out = {"ready": threading.Event()}
    t = threading.Thread(target=attack, args=(args, stop, out))
    t.start()
    out["ready"].wait(30)
    time.sleep(0.5)  # every slow socket has been accepted
    start = time.monotonic()
    gap = (args.seconds - 1.0) / max(args.normal, 1)
    lat = []
    answered = errors = 0
    for i in range(args.normal):
        wait = start + i * gap - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        code, secs = normal(args, args.header)
        lat.append(secs)
        if 200 <= code < 500 and secs <= 1.0:
            answered += 1
        if code == 0:
            errors += 1
    rest = start + args.seconds - 0.5 - time.monotonic()
    if rest > 0:
        time.sleep(rest)
    stop.set()
    t.join()
    lat.sort()
    cuts = out.get("cuts", [])
    print("normal=%d" % args.normal)
    print("answered=%d" % answered)
    print("errors=%d" % errors)
    print("p50_ms=%d" % (1000 * lat[len(lat) // 2] if lat else 0))
    print("max_ms=%d" % (1000 * lat[-1] if lat else 0))
    print("slow=%d" % args.slow)
    print("refused=%d" % out.get("refused", 0))
    print("cut=%d" % len(cuts))
    print("cut_min_s=%.1f" % (min(cuts) if cuts else 0))
    print("cut_max_s=%.1f" % (max(cuts) if cuts else 0))
    print("open_at_end=%d" % out.get("open", 0))


if __name__ == "__main__":
    main()
