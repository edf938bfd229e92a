# tests/report.sh: `baton report`, the self-contained HTML page (sourced by
# tests/run.sh). For both examples: the page builds, stays under 2 MB,
# fetches nothing, balances its tags, and has one Gantt bar per task, one
# milestone marker per milestone, one map node per task and milestone and
# one edge per dependency (tests/tools/report_check.py, which reads the
# plan on its own), also for a plan that reaches the year 9000. With a
# history of two recorded updates it draws a slip chart per milestone and
# the program end. One page is a golden file.
# UPDATE_GOLDEN=1 rewrites it (review the diff, and look at the page).
rp_dir=$OUT/report-$(basename "$BUILD")
rm -rf "$rp_dir"
mkdir -p "$rp_dir"
rp_check() { # NAME PLAN [--slips N] -- CMD...
	local name=$1 plan=$2 extra=""
	shift 2
	if [ "$1" = --slips ]; then extra="--slips $2"; shift 2; fi
	local out=$rp_dir/$name.html
	if ! "$@" -o "$out" "$plan" 2>"$out.err"; then bad "report $name: '$* -o $out $plan' failed"; sed -n 1,10p "$out.err"; return; fi
	local size
	size=$(wc -c <"$out")
	if [ "$size" -lt 2000000 ]; then ok; else bad "report $name: $size bytes, over 2 MB"; fi
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
