# tests/report.sh: `baton report`, the self-contained HTML page (sourced by
# tests/run.sh). For both examples: the page builds, stays under 2 MB,
# fetches nothing, balances its tags, and has one Gantt bar per task, one
# milestone marker per milestone, one map node per task and milestone and
# one edge per dependency (tests/tools/report_check.py, which reads the
# plan on its own), also for a plan that reaches the year 9000. With a
# history of two recorded updates it draws a slip chart per milestone and
# the program end. One page is a golden file.
# Plans of more than 500 tasks are rolled up (src/lib/rollup.c): a plan of
# 10,000 tasks in 40 workstreams and others of 600 tasks in teams, from
# bench/gen_plan.c, say so at the top, draw one Gantt bar per group with
# each group's tasks as drill-down data, count the links between groups,
# and stay under 1 MB (report_check.py --rollup); 500 tasks are still drawn
# one by one.
# UPDATE_GOLDEN=1 rewrites it (review the diff, and look at the page).
rp_dir=$OUT/report-$(basename "$BUILD")
rm -rf "$rp_dir"
mkdir -p "$rp_dir"
rp_check() { # NAME PLAN [--slips N | --rollup] -- CMD...
	local name=$1 plan=$2 extra="" max=2000000
	shift 2
	if [ "$1" = --slips ]; then extra="--slips $2"; shift 2; fi
	if [ "$1" = --rollup ]; then extra=--rollup max=1000000; shift; fi
	local out=$rp_dir/$name.html
	if ! "$@" -o "$out" "$plan" 2>"$out.err"; then bad "report $name: '$* -o $out $plan' failed"; sed -n 1,10p "$out.err"; return; fi
	local size
	size=$(wc -c <"$out")
	if [ "$size" -lt "$max" ]; then ok; else bad "report $name: $size bytes, over $max"; fi
	if python3 tests/tools/report_check.py "$out" "$plan" $extra >"$out.check" 2>&1; then ok
	else bad "report $name: page check failed"; sed -n 1,12p "$out.check"; fi
}
# The recovery options (a search per red commitment) on orders' golden
# page only; tests/recover.sh covers the rest.
rp_check orders-migration examples/orders-migration.baton "$BATON" report
rp_check search-launch examples/search-launch.baton "$BATON" report --no-options
for ex in orders-migration search-launch; do
	rp_check "$ex.level" "examples/$ex.baton" "$BATON" report --no-options --level --runs 200
done
rp_check orders-migration@2027-01-29 examples/orders-migration.baton "$BATON" report --as-of 2027-01-29 --runs 0
# A task that waits for the year 9000: the time axis and the capacity line
# drew a mark a quarter and a segment a week, 19 MB for one task (found by
# tests/fuzz/fuzz_status.c).
rp_check far-dates tests/fuzz/corpus/status/far-dates.baton "$BATON" report --runs 200

# Big plans, rolled up. Workstream names with markup stay text, in the
# chart and in the drill-down data (a "</script>" in a name would end it).
if cc -O2 -o "$rp_dir/gen_plan" bench/gen_plan.c 2>"$rp_dir/gen_plan.err"; then
	"$rp_dir/gen_plan" --workstreams 40 10000 5 1 2>/dev/null >"$rp_dir/big.baton"
	rp_check big "$rp_dir/big.baton" --rollup "$BATON" report --runs 200
	"$rp_dir/gen_plan" 600 5 2 2>/dev/null >"$rp_dir/teams600.baton"
	rp_check teams600 "$rp_dir/teams600.baton" --rollup "$BATON" report --runs 200 --as-of 2027-01-04
	"$rp_dir/gen_plan" --workstreams 3 600 5 3 2>/dev/null |
		sed 's|workstream "Stream 2"|workstream "Stream </script><i>2 \& co"|' >"$rp_dir/esc600.baton"
	rp_check esc600 "$rp_dir/esc600.baton" --rollup "$BATON" report --runs 0
	if grep -q '<i>2' "$rp_dir/esc600.html"; then bad "report: a workstream's markup is not escaped"; else ok; fi
	# 300 workstreams are no summary: teams; 150 teams: the busiest pairs,
	# not a matrix.
	"$rp_dir/gen_plan" --workstreams 300 1000 5 4 2>/dev/null >"$rp_dir/ws300.baton"
	rp_check ws300 "$rp_dir/ws300.baton" --rollup "$BATON" report --runs 0
	"$rp_dir/gen_plan" 600 150 5 2>/dev/null >"$rp_dir/teams150.baton"
	rp_check teams150 "$rp_dir/teams150.baton" --rollup "$BATON" report --runs 0
	"$rp_dir/gen_plan" 500 5 1 2>/dev/null >"$rp_dir/small500.baton"
	rp_check small500 "$rp_dir/small500.baton" "$BATON" report --runs 200
	if grep -q 'id="rollup"' "$rp_dir/small500.html"; then bad "report: 500 tasks were rolled up"; else ok; fi
else
	bad "report: cannot build bench/gen_plan.c"; sed -n 1,10p "$rp_dir/gen_plan.err"
fi

# With a history: one slip chart per milestone and the program end.
db=$rp_dir/orders.history.db
for d in 2027-01-15 2027-01-29; do
	BATON_NOW=2027-01-01T00:00:00Z "$BATON" status --no-options --as-of $d --record --runs 500 --history "$db" \
		examples/orders-migration.baton >/dev/null 2>&1 || bad "report: recording $d failed"
done
rp_check orders-migration.slips examples/orders-migration.baton --slips 5 \
	"$BATON" report --no-options --as-of 2027-02-05 --history "$db"

# The golden page: the same bytes for the same plan and options.
got=$rp_dir/orders-migration.html
want=tests/golden/orders-migration.report.html
if [ "${UPDATE_GOLDEN:-}" = 1 ]; then cp "$got" "$want"; ok
elif diff -u "$want" "$got" >"$rp_dir/golden.diff"; then ok
else bad "report golden: $want differs"; head -30 "$rp_dir/golden.diff"; fi

# Standard output, and the same page twice.
if "$BATON" report -o - examples/orders-migration.baton >"$rp_dir/stdout.html" 2>/dev/null &&
   cmp -s "$rp_dir/stdout.html" "$got"; then ok
else bad "report -o - differs from the file"; fi

# Escaping: ids and titles with markup in them stay text.
cat >"$rp_dir/esc.baton" <<'PLAN'
program esc "<script>alert(1)</script> & \"quotes\""
  start 2027-01-04
  commit 2027-03-01
team t1 "Team <b>one</b>" capacity 2
task a "A <img src=x onerror=alert(1)>"
  team t1 estimate 3d owner "O'Brien & <co>"
task b "B"
  team t1 estimate 2d
  after a
milestone m1 "M1 </svg></div>" commit 2027-02-01
  after b
risk r1 "Risk <i>x</i>" probability 50% impact 3d on a owner "R&D"
PLAN
rp_check esc "$rp_dir/esc.baton" "$BATON" report --runs 100
if grep -q '<script>alert\|<img\|<b>one\|<i>x' "$rp_dir/esc.html"; then bad "report: markup from the plan is not escaped"
else ok; fi

# Usage errors exit 2.
"$BATON" report examples/orders-migration.baton >/dev/null 2>&1
[ $? = 2 ] && ok || bad "report without -o should exit 2"
"$BATON" report --runs x -o - examples/orders-migration.baton >/dev/null 2>&1
[ $? = 2 ] && ok || bad "report --runs x should exit 2"
unset rp_dir db got want
