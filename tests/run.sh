#!/usr/bin/env bash
# tests/run.sh: the whole suite. Runs every section against the release
# build (build/) and again against the ASan+UBSan build (build-asan/), and
# ends with one line "N passed, N failed" (the CI contract).
#
#   tests/run.sh            everything
#   tests/run.sh SECTION...  some sections: unit golden bad mspdi tjp cli import sync rcmp portfolio recover fuzz status history safety forecast report diagrams serve consistency diff tsan browser
#                            (tsan runs once, on build-tsan/, `make tsan`)
# UPDATE_GOLDEN=1 rewrites golden files instead of comparing (review the diff).
set -u
cd "$(dirname "$0")/.."
ROOT=$PWD
export NO_COLOR=1 LC_ALL=C TZ=UTC
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
OUT=$ROOT/tests/out
mkdir -p "$OUT"
pass=0
fail=0
ok()   { pass=$((pass + 1)); }
bad()  { fail=$((fail + 1)); echo "FAIL: $*"; }

# serve_port PID ERRFILE TRIES: wait up to TRIES tenths of a second for a
# `baton serve` on 127.0.0.1 (http or https) to print its port on ERRFILE;
# prints the port, or nothing when it died or did not say in time.
serve_port() {
	local pid=$1 err=$2 tries=$3 port="" i
	for i in $(seq 1 "$tries"); do
		port=$(sed -n 's|^serving .* on https\{0,1\}://127\.0\.0\.1:\([0-9][0-9]*\)$|\1|p' "$err")
		[ -n "$port" ] && break
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	echo "$port"
}

# Unit tests print "name: N passed, N failed"; add their counts.
run_unit() {
	local dir=$1 t line p f
	for t in "$dir"/tests/test_*; do
		[ -x "$t" ] || continue
		line=$(cd "$ROOT" && "$t" 2>"$OUT/$(basename "$t").err" | tail -n 1)
		local rc=${PIPESTATUS[0]}
		p=$(echo "$line" | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed/\1/p')
		f=$(echo "$line" | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed/\2/p')
		if [ -z "$p" ]; then
			bad "$t crashed or printed no summary (rc=$rc)"; sed -n 1,40p "$OUT/$(basename "$t").err"
			continue
		fi
		pass=$((pass + p)); fail=$((fail + f))
		if [ "$f" != 0 ] || [ "$rc" != 0 ]; then
			[ "$f" != 0 ] || bad "$t exited $rc"
			sed -n 1,40p "$OUT/$(basename "$t").err"
		fi
	done
}

# The CPU seconds of every child so far (user + system), which a busy
# machine does not inflate as it does wall time.
# Called in this shell (not in $(...), whose children are its own): sets
# run_cpu.
cpu_mark() {
	times >"$OUT/.times"
	run_cpu=$(awk 'NR == 2 { for (i = 1; i <= 2; i++) { split($i, t, "m"); s += t[1] * 60 + t[2] } printf "%d", s }' "$OUT/.times")
}

sections=${*:-"unit golden bad mspdi tjp cli import sync rcmp portfolio recover fuzz forecast status history calibration safety diagrams report serve consistency diff tsan browser"}
for build in build build-asan; do
	[ -x "$build/baton" ] || { bad "$build/baton missing: run make (and make asan)"; continue; }
	export BATON=$ROOT/$build/baton BUILD=$ROOT/$build
	for s in $sections; do
		run_t0=$SECONDS
		cpu_mark
		run_c0=$run_cpu
		case $s in
		unit) run_unit "$build" ;;
		*) [ -f "tests/$s.sh" ] && . "tests/$s.sh" ;;
		esac
		# Where CI's minutes go, on stderr so the summary line stays last.
		cpu_mark
		echo "time: $build $s $((SECONDS - run_t0)) s, cpu $((run_cpu - run_c0)) s" >&2
	done
	# Golden files are rewritten once, from the release build.
	[ "${UPDATE_GOLDEN:-}" = 1 ] && break
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
