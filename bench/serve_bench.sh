#!/bin/sh
# serve_bench.sh: `baton serve` under load on loopback, beside a peer.
#
#   bench/serve_bench.sh            20,000 requests at concurrency 50 per path
#   REQUESTS=2000 bench/serve_bench.sh   a quick run
#
# Starts `baton serve` on examples/orders-migration.baton (127.0.0.1, a free
# port, the default 2,000 runs), saves what it answers on each path, and
# serves the same bytes with bench/peer_http.py (Python's standard threaded
# HTTP server, keep-alive, from memory: the server one would write
# instead). bench/serve_load.c then asks each path REQUESTS times over
# CONCURRENCY kept-alive connections, on baton and on the peer, and the
# table shows requests/s, p99 latency, errors (non-2xx or no answer in
# 10 s) and resets (a connection reset or ended mid-answer) side by side,
# with baton's requests/s as a multiple of the peer's. Exit 1 when baton
# had any error or reset. Environment: REQUESTS (20000), CONCURRENCY
# (50), OUT (bench/out), CC (cc), PYTHON (python3).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out=${OUT:-$here/out}/serve
cc=${CC:-cc}
python=${PYTHON:-python3}
requests=${REQUESTS:-20000}
conc=${CONCURRENCY:-50}
mkdir -p "$out"

make -s -C "$root" build/baton
$cc -std=c11 -O2 -Wall -Wextra -Werror -o "$out/serve_load" "$here/serve_load.c"

baton_pid=""
peer_pid=""
cleanup() {
	[ -z "$baton_pid" ] || kill "$baton_pid" 2>/dev/null || true
	[ -z "$peer_pid" ] || kill "$peer_pid" 2>/dev/null || true
}
trap cleanup EXIT

"$root/build/baton" serve --listen 127.0.0.1:0 "$root/examples/orders-migration.baton" 2>"$out/baton.err" &
baton_pid=$!
port=""
for _ in $(seq 1 300); do
	port=$(sed -n 's|^serving .* on http://127\.0\.0\.1:\([0-9][0-9]*\)$|\1|p' "$out/baton.err")
	[ -n "$port" ] && break
	sleep 0.1
done
[ -n "$port" ] || { echo "serve_bench: baton serve did not start" >&2; cat "$out/baton.err" >&2; exit 1; }

paths="/ /api/version /api/schedule /api/forecast /api/status /api/risks"
rm -rf "$out/root"
mkdir -p "$out/root/api"
for p in $paths; do
	f=$p
	[ "$p" = / ] && f=/index.html
	curl -s -f -o "$out/root$f" "http://127.0.0.1:$port$p"
done
peer_port=$($python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
$python "$here/peer_http.py" "$peer_port" "$out/root" &
peer_pid=$!
for _ in $(seq 1 100); do
	curl -s -o /dev/null "http://127.0.0.1:$peer_port/api/version" && break
	sleep 0.1
done

kv() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
echo "serve under load: $requests requests per path, $conc connections kept alive, 127.0.0.1"
printf '%-14s %8s | %9s %8s %6s %6s | %9s %8s %6s %6s | %6s\n' path bytes \
	"baton r/s" "p99 ms" errors resets "peer r/s" "p99 ms" errors resets ratio
status=0
for p in $paths; do
	b=$("$out/serve_load" -c "$conc" -n "$requests" "$port" "$p" || true)
	q=$("$out/serve_load" -c "$conc" -n "$requests" "$peer_port" "$p" || true)
	f=$p
	[ "$p" = / ] && f=/index.html
	size=$(wc -c <"$out/root$f")
	ratio=$(awk -v a="$(kv "$b" rps)" -v b="$(kv "$q" rps)" 'BEGIN { printf (b > 0 ? "%.1fx" : "-"), a / b }')
	printf '%-14s %8s | %9s %8s %6s %6s | %9s %8s %6s %6s | %6s\n' "$p" "$size" \
		"$(kv "$b" rps)" "$(kv "$b" p99_ms)" "$(kv "$b" errors)" "$(kv "$b" resets)" \
		"$(kv "$q" rps)" "$(kv "$q" p99_ms)" "$(kv "$q" errors)" "$(kv "$q" resets)" "$ratio"
	[ "$(kv "$b" errors)" = 0 ] && [ "$(kv "$b" resets)" = 0 ] || status=1
done
exit $status
