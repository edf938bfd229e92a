#!/bin/sh
# run_forecast.sh: build libbaton and forecast_bench, generate the plan
# (gen_plan, as bench/run.sh does) and time baton's Monte Carlo forecast
# against the numpy peer on it.
#
#   bench/run_forecast.sh [TASKS] [RUNS]     default: 10000 tasks, 10000 runs
#
# Environment: SEED (gen_plan seed, default 1), THREADS (default 2),
# REPEAT (default 3), OUT (default bench/out), CC (default cc),
# PYTHON (default /usr/bin/python3, Debian's, with python3-numpy).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out=${OUT:-$here/out}
cc=${CC:-cc}
seed=${SEED:-1}
tasks=${1:-10000}
runs=${2:-10000}
teams=$((tasks / 5000)); [ "$teams" -ge 5 ] || teams=5
warn="-std=c11 -Wall -Wextra -Werror -Wshadow -Wmissing-prototypes -Wstrict-prototypes -Wundef -Wwrite-strings -Wvla -Wformat=2"
mkdir -p "$out"
make -s -C "$root" build/libbaton.a
$cc $warn -O2 -o "$out/gen_plan" "$here/gen_plan.c"
$cc $warn -O2 -I"$root/include" -o "$out/forecast_bench" "$here/forecast_bench.c" \
	"$root/build/libbaton.a" -ljansson -lsqlite3 -lpthread -lm
plan="$out/plan-$tasks-$teams-$seed-count.baton"
edges="$out/plan-$tasks-$teams-$seed-count.edges"
if [ ! -s "$plan" ] || [ ! -s "$edges" ] || [ "$here/gen_plan.c" -nt "$plan" ]; then
	"$out/gen_plan" --edges "$edges" "$tasks" "$teams" "$seed" >"$plan"
fi
cd "$root"
"$out/forecast_bench" --runs "$runs" --threads "${THREADS:-2}" --repeat "${REPEAT:-3}" \
	--python "${PYTHON:-/usr/bin/python3}" --peer "$here/peer_numpy.py" "$plan" "$edges"
