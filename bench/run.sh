#!/bin/sh
# run.sh: build the generator and the benchmark, generate plans and time
# baton's parse + compile + CPM against networkx on the same graphs.
#
#   bench/run.sh [TASKS...]      default: 1000000 (the goal: < 2 s, < 1 GiB)
#   bench/run.sh 10000           a quick smoke run (CI)
#
# Environment: SEED (default 1), TEAMS (default TASKS/5000, 5..500),
# IDS (count: t0, t1, ... (default); scatter: ids that do not count up,
# as in a hand-written plan, which hash tables cannot profit from),
# ESTIMATE (the duration the peer takes from a three-point estimate; must
# match baton's CPM; default likely), REPEAT (baton runs, fastest reported;
# default 3), OUT (default bench/out), CC (default cc), PYTHON (python3).
# Sizes of 1,000,000 tasks or more are held to the goal (exit 1 on a miss);
# any size fails when baton's end day differs from the peer's.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out=${OUT:-$here/out}
cc=${CC:-cc}
seed=${SEED:-1}
estimate=${ESTIMATE:-likely}
repeat=${REPEAT:-3}
python=${PYTHON:-python3}
ids=${IDS:-count}
case $ids in
count) idflag= ;;
scatter) idflag=--scatter-ids ;;
*) echo "run.sh: IDS must be count or scatter" >&2; exit 2 ;;
esac
warn="-std=c11 -Wall -Wextra -Werror -Wshadow -Wmissing-prototypes -Wstrict-prototypes -Wundef -Wwrite-strings -Wvla -Wformat=2"

[ $# -gt 0 ] || set -- 1000000
mkdir -p "$out"

echo "== building libbaton, gen_plan, cpm_bench"
make -s -C "$root" build/libbaton.a
$cc $warn -O2 -o "$out/gen_plan" "$here/gen_plan.c"
$cc $warn -O2 -I"$root/include" -o "$out/cpm_bench" "$here/cpm_bench.c" \
	"$root/build/libbaton.a" -ljansson -lsqlite3 -lpthread -lm

status=0
summary=""
for tasks in "$@"; do
	teams=${TEAMS:-$((tasks / 5000))}
	[ "$teams" -ge 5 ] || teams=5
	[ "$teams" -le 500 ] || teams=500
	plan="$out/plan-$tasks-$teams-$seed-$ids.baton"
	edges="$out/plan-$tasks-$teams-$seed-$ids.edges"
	# regenerate when missing or older than the generator's source
	if [ ! -s "$plan" ] || [ ! -s "$edges" ] || [ "$here/gen_plan.c" -nt "$plan" ]; then
		echo "== generating $tasks tasks, $teams teams, seed $seed, ids $ids"
		"$out/gen_plan" $idflag --edges "$edges" "$tasks" "$teams" "$seed" >"$plan"
	fi
	enforce=""
	[ "$tasks" -lt 1000000 ] || enforce=--enforce
	echo "== cpm_bench: $tasks tasks"
	log="$out/cpm_bench-$tasks-$ids.log"
	rc=0
	"$out/cpm_bench" --peer "$here/peer_networkx.py" --python "$python" \
		--estimate "$estimate" --repeat "$repeat" $enforce \
		"$plan" "$edges" >"$log" || rc=$?
	cat "$log"
	[ $rc -eq 0 ] || status=1
	line=$(grep '^RATIO' "$log" || echo "RATIO: (no result)")
	goal=$(grep '^goal' "$log" || echo "goal: (no result)")
	summary="$summary
$tasks tasks: $line
$tasks tasks: $goal
$tasks tasks: exit $rc"
done

echo
echo "== summary (seed $seed, ids $ids, estimate $estimate)$summary"
exit $status
