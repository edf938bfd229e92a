#!/usr/bin/env python3
"""Watch a `baton serve` on loopback while it rebuilds (tests/serve.sh).

  serve_watch.py PORT VERSION [--seconds 120] [--header 'Name: value']...

Asks /api/version and /api/status in turn, one request at a time, until
/api/version says VERSION is served (state ready or failed) or --seconds
pass. Each request is timed from connect to the whole answer.

Prints key=value lines: requests, errors (no HTTP answer), max_ms,
p99_ms, building (answers while state was "building"), stale (/api/status
answers during the build that served an older version), reload_ms (from
the start to VERSION served, -1000 when it was not), state (the last state seen)."""
import argparse
import http.client
import json
import sys
import time


def get(port, path, headers):
    t0 = time.monotonic()
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        c.request("GET", path, headers=headers)
        r = c.getresponse()
        body = r.read()
        c.close()
        return r.status, r.getheader("Baton-Served-Version"), body, time.monotonic() - t0
    except (OSError, http.client.HTTPException):
        return 0, None, b"", time.monotonic() - t0


def main():
    p = argparse.ArgumentParser()
    p.add_argument("port", type=int)
    p.add_argument("version", type=int)
    p.add_argument("--seconds", type=float, default=120)
    p.add_argument("--header", action="append", default=[])
    a = p.parse_args()
    headers = dict(h.split(": ", 1) for h in a.header)
    start = time.monotonic()
    lat = []
    errors = building = stale = 0
    state = "none"
    reload_s = -1.0
    n = 0
    while time.monotonic() - start < a.seconds and n < 100000:
        path = "/api/version" if n % 2 == 0 else "/api/status"
        n += 1
        code, served, body, secs = get(a.port, path, headers)
        lat.append(secs)
        if code == 0:
            errors += 1
            continue
        if path == "/api/version":
            try:
                v = json.loads(body)
            except ValueError:
                errors += 1
                continue
            state = v.get("state", "none")
            if state == "building":
                building += 1
            if v.get("version") == a.version and state in ("ready", "failed"):
                reload_s = time.monotonic() - start
                break
        elif served is not None and int(served) < a.version and state == "building":
            stale += 1
        time.sleep(0.02)
    lat.sort()
    print("requests=%d" % len(lat))
    print("errors=%d" % errors)
    print("max_ms=%d" % (1000 * lat[-1] if lat else 0))
    print("p99_ms=%d" % (1000 * lat[min(len(lat) - 1, int(len(lat) * 0.99))] if lat else 0))
    print("building=%d" % building)
    print("stale=%d" % stale)
    print("reload_ms=%d" % (1000 * reload_s))
    print("state=%s" % state)
    return 0


if __name__ == "__main__":
    sys.exit(main())
