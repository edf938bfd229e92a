#!/bin/sh
# tj3_bench.sh: level a generated program with baton and with TaskJuggler
# (tj3, Debian package tj3) and print both times and both end dates.
#
#   bench/tj3_bench.sh                 10000x200 (the goal: baton < 1 s)
#   bench/tj3_bench.sh quick           1000x20, a quick run
#   bench/tj3_bench.sh 1000x20 10000x200 5000     TASKSxTEAMS or TASKS
#
# A size of TASKS alone takes TASKS/50 teams (5..500). For each size the
# script generates the plan (bench/out/gen_plan TASKS TEAMS SEED),
# converts it to a TaskJuggler project (bench/plan_to_tjp.py; the mapping
# and its limits are in that file and in bench/RESULTS.md), then times
#   baton schedule --level --json PLAN      (default budget; fastest of REPEAT)
#   tj3 --no-color -o DIR PLAN.tjp          (one run; CSV report of the tasks)
# as wall and CPU time, and prints both end dates (the last finish, inclusive),
# the end in working days from the program start, and the ratio tj3/baton.
# The size 10000x200 holds baton to the goal (levelled in under 1 s); the
# script exits 1 on a miss, or when tj3 fails.
#
# Environment: SEED (default 1), REPEAT (baton runs, default 3), OUT
# (default bench/out), TJ3 (default tj3), TJ3_TIMEOUT (seconds, default
# 3600), NICE (niceness for tj3, default 10, so a long run does not starve
# the machine; NICE=0 for an unhandicapped run on an idle machine), CC,
# PYTHON (python3), SKIP_TJ3=1 (baton only), BATON (a baton binary to
# time instead of building build/baton; when the build fails, the existing
# build/baton is timed, with a warning).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out=${OUT:-$here/out}
work=$out/tj3
cc=${CC:-cc}
seed=${SEED:-1}
repeat=${REPEAT:-3}
tj3=${TJ3:-tj3}
timeout_s=${TJ3_TIMEOUT:-3600}
niceness=${NICE:-10}
python=${PYTHON:-python3}
warn="-std=c11 -Wall -Wextra -Werror -Wshadow -Wmissing-prototypes -Wstrict-prototypes -Wundef -Wwrite-strings -Wvla -Wformat=2"

[ $# -gt 0 ] || set -- 10000x200
mkdir -p "$work"

if [ -z "${SKIP_TJ3:-}" ] && ! command -v "$tj3" >/dev/null 2>&1; then
	echo "tj3_bench.sh: '$tj3' not found (apt-get install -y tj3, or SKIP_TJ3=1)" >&2
	exit 2
fi

if [ ! -x /usr/bin/time ]; then
	echo "tj3_bench.sh: /usr/bin/time not found (apt-get install -y time)" >&2
	exit 2
fi

echo "== building baton and gen_plan"
if [ -n "${BATON:-}" ]; then
	baton=$BATON
elif make -s -C "$root" build/baton; then
	baton=$root/build/baton
elif [ -x "$root/build/baton" ]; then
	echo "tj3_bench.sh: warning: make failed; timing the existing build/baton" >&2
	baton=$root/build/baton
else
	exit 1
fi
$cc $warn -O2 -o "$out/gen_plan" "$here/gen_plan.c"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# The JSON's "end" and "end_day", and the levelling summary.
baton_fields() {
	"$python" -c '
import json, sys
d = json.load(open(sys.argv[1]))
lv = d.get("levelling") or {}
print(d["end"], d["end_day"], lv.get("schedules", "-"),
      lv.get("lower_bound_day", "-"), lv.get("critical_path_end_day", "-"))
' "$1"
}

# tj3's end (the latest End in its CSV report) and its working-day offset
# (exclusive, as baton's end_day), the tasks TJ paused (span != estimate)
# and the plan's links TJ's dates break: plan_to_tjp.py --check.
tj3_fields() {
	"$python" "$here/plan_to_tjp.py" --check "$2" "$1"
}

status=0
summary=""
for size in "$@"; do
	case $size in
	quick) tasks=1000 teams=20 ;;
	*x*) tasks=${size%%x*} teams=${size#*x} ;;
	*) tasks=$size teams=$((size / 50))
	   [ "$teams" -ge 5 ] || teams=5
	   [ "$teams" -le 500 ] || teams=500 ;;
	esac
	tag=$tasks-$teams-$seed
	plan=$work/plan-$tag.baton
	tjp=$work/plan-$tag.tjp
	echo
	echo "== $tasks tasks, $teams teams, seed $seed"
	"$out/gen_plan" "$tasks" "$teams" "$seed" >"$plan"
	"$python" "$here/plan_to_tjp.py" "$plan" "$tjp"

	# baton: fastest of $repeat
	best=""
	for _ in $(seq "$repeat"); do
		t0=$(now)
		/usr/bin/time -f "%U %S" -o "$work/baton-$tag.cpu" \
			"$baton" schedule --level --json "$plan" >"$work/baton-$tag.json"
		t1=$(now)
		t=$(elapsed "$t0" "$t1")
		if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then
			best=$t
			best_cpu=$(tail -n 1 "$work/baton-$tag.cpu" |
				awk '{ t = $1 + $2; if (t < 0.01) printf "<0.01"; else printf "%.2f", t }')
		fi
	done
	read -r b_end b_day b_sched b_lb b_cp <<-EOF
	$(baton_fields "$work/baton-$tag.json")
	EOF
	echo "baton: ${best} s wall, $best_cpu s CPU (fastest of $repeat), ends $b_end (day $b_day);" \
		"$b_sched schedules; lower bound day $b_lb; critical path alone day $b_cp"
	goal="-"
	if [ "$tasks" -eq 10000 ] && [ "$teams" -eq 200 ]; then
		if awk -v a="$best" 'BEGIN { exit !(a < 1.0) }'; then
			goal="PASS (< 1 s)"
		else
			goal="MISS (>= 1 s)"
			status=1
		fi
		echo "goal: levelled in under 1 s: $goal"
	fi

	t_time="-" t_cpu="-" t_end="-" t_day="-" ratio="-" cratio="-" t_unit="" t_dayx=""
	if [ -z "${SKIP_TJ3:-}" ]; then
		tjdir=$work/tj3-$tag
		rm -rf "$tjdir"
		mkdir -p "$tjdir"
		t0=$(now)
		rc=0
		nice -n "$niceness" /usr/bin/time -f "%U %S %M" -o "$tjdir/cpu" \
			timeout "$timeout_s" "$tj3" --no-color -o "$tjdir" "$tjp" \
			>"$tjdir/tj3.log" 2>&1 || rc=$?
		t1=$(now)
		t_time=$(elapsed "$t0" "$t1")
		t_unit=" s"
		# /usr/bin/time puts "Command exited with non-zero status N" first
		t_cpu=$(tail -n 1 "$tjdir/cpu" | awk '{ printf "%.2f", $1 + $2 }')
		t_mem=$(tail -n 1 "$tjdir/cpu" | awk '{ printf "%.0f", $3 / 1024 }')
		if [ $rc -eq 0 ] && [ -s "$tjdir/tj_tasks.csv" ]; then
			read -r t_end t_day t_paused t_broken t_links <<-EOF
			$(tj3_fields "$tjdir/tj_tasks.csv" "$plan")
			EOF
			ratio=$(awk -v a="$t_time" -v b="$best" 'BEGIN { printf "%.0fx", a / b }')
			cratio=$(awk -v a="$t_cpu" -v b="$best_cpu" 'BEGIN { if (b + 0 > 0) printf "%.0fx", a / b; else printf "-" }')
			t_dayx=" (day $t_day)"
			echo "tj3:   ${t_time} s wall, $t_cpu s CPU, peak RSS $t_mem MiB, ends $t_end (day $t_day)"
			echo "tj3:   $t_paused tasks paused or shifted within a day (span != estimate); $t_broken of $t_links plan links broken (baton semantics)"
		else
			echo "tj3:   failed (exit $rc after ${t_time} s); log: $tjdir/tj3.log"
			grep -i 'error' "$tjdir/tj3.log" | head -5 || true
			t_time="failed after ${t_time} s" t_cpu="-" t_unit=""
			status=1
		fi
	fi
	summary="$summary
| $tasks | $teams | $best s | $t_time${t_unit} | $ratio | $best_cpu s | $t_cpu${t_unit} | $cratio | $b_end (day $b_day) | $t_end${t_dayx} | $goal |"
done

echo
echo "== summary (seed $seed; wall times; tj3 at nice $niceness; end = last finish, day = working days from the start)"
echo "| tasks | teams | baton wall | tj3 wall | tj3 / baton | baton CPU | tj3 CPU | tj3 / baton | baton end | tj3 end | baton < 1 s |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|$summary"
exit $status
