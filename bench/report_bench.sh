#!/bin/sh
# report_bench.sh: `baton report` of a big generated plan end to end, as a
# process (the plan read from its file, the page written to a file), and
# the peer figure beside it: how long headless Chromium takes to open that
# page (bench/report_load.mjs).
#
#   bench/report_bench.sh [TASKS]        default 10000
#
# Environment: WORKSTREAMS (default 40; 0: none, so the plan's teams are
# the report's groups), TEAMS (default TASKS/5000, at least 5, as run.sh),
# SEED (1), RUNS (the report's Monte Carlo runs, default 10000), REPEAT
# (3: the fastest by wall time is shown), BEFORE (another baton binary, e.g.
# a build of an older commit, timed the same way on the same plan),
# CHROMIUM (/usr/bin/chromium; the page is not opened without it, node or
# tests/browser's playwright-core), OUT (bench/out), CC (cc).
# The goal of issue 15: 10,000 tasks in at most 1 s; ENFORCE=1 exits 1 on
# a miss.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out=${OUT:-$here/out}
cc=${CC:-cc}
tasks=${1:-10000}
ws=${WORKSTREAMS:-40}
seed=${SEED:-1}
runs=${RUNS:-10000}
repeat=${REPEAT:-3}
teams=${TEAMS:-$((tasks / 5000))}
[ "$teams" -ge 5 ] || teams=5
chromium=${CHROMIUM:-/usr/bin/chromium}
warn="-std=c11 -Wall -Wextra -Werror -Wshadow -Wmissing-prototypes -Wstrict-prototypes -Wundef -Wwrite-strings -Wvla -Wformat=2"
mkdir -p "$out"
make -s -C "$root" build/baton
$cc $warn -O2 -o "$out/gen_plan" "$here/gen_plan.c"
plan=$out/report-$tasks-$teams-$seed-ws$ws.baton
if [ ! -s "$plan" ] || [ "$here/gen_plan.c" -nt "$plan" ]; then
	wsflag=
	[ "$ws" = 0 ] || wsflag="--workstreams $ws"
	"$out/gen_plan" $wsflag "$tasks" "$teams" "$seed" >"$plan" 2>/dev/null
fi
browser=0
if [ -x "$chromium" ] && command -v node >/dev/null && [ -d "$root/tests/browser/node_modules/playwright-core" ]; then
	browser=1
fi
echo "== $tasks tasks, $teams teams, $ws workstreams (seed $seed), $runs runs; load average $(cut -d' ' -f1-3 /proc/loadavg)"

# time_report NAME BATON: the fastest of REPEAT runs by wall time.
status=0
time_report() {
	name=$1 bin=$2 page=$out/report-$1.html best=
	i=0
	while [ $i -lt "$repeat" ]; do
		/usr/bin/time -f '%e %U %S %M' -o "$out/report-$name.time" "$bin" report --runs "$runs" -o "$page" "$plan"
		line=$(tail -n 1 "$out/report-$name.time")
		if [ -z "$best" ] || [ "$(echo "$line $best" | awk '{print ($1 < $5)}')" = 1 ]; then best=$line; fi
		i=$((i + 1))
	done
	bytes=$(wc -c <"$page")
	echo "$best $bytes" | awk -v n="$name" '{printf "%-7s baton report: %.2f s wall, %.2f s CPU, %.1f MiB max RSS, page %.2f MB\n", n, $1, $2 + $3, $4 / 1024, $5 / 1e6}'
	if [ "$browser" = 1 ]; then
		echo "$name Chromium: $(CHROMIUM=$chromium node "$here/report_load.mjs" "$page" "$repeat") (ms)"
	fi
	if [ "$name" = after ] && [ "$tasks" -ge 10000 ] && [ "$(echo "$best" | awk '{print ($1 > 1.0)}')" = 1 ]; then
		echo "goal: MISSED (over 1 s for $tasks tasks)"
		[ "${ENFORCE:-0}" = 0 ] || status=1
	elif [ "$name" = after ]; then
		echo "goal: met"
	fi
}
[ -z "${BEFORE:-}" ] || time_report before "$BEFORE"
time_report after "$root/build/baton"
[ "$browser" = 1 ] || echo "(Chromium, node or tests/browser/node_modules/playwright-core missing: the page was not opened)"
exit $status
