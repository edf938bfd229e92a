# tests/forecast.sh: golden forecasts and what-ifs of the examples at a
# fixed seed, the same numbers whatever the thread count, and the refusals
# (sourced by tests/run.sh). UPDATE_GOLDEN=1 rewrites the golden files.
fc_golden() { # NAME ARGS...: compare stdout of `baton ARGS` with tests/golden/NAME
	local name=$1 got want rc
	shift
	got=$OUT/$name
	want=tests/golden/$name
	"$BATON" "$@" >"$got" 2>"$OUT/$name.err"
	rc=$?
	if [ $rc != 0 ]; then bad "forecast: baton $* exited $rc"; cat "$OUT/$name.err"; return; fi
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then cp "$got" "$want"; ok; return; fi
	if diff -u "$want" "$got" >"$got.diff"; then ok; else bad "forecast: $want differs"; head -40 "$got.diff"; fi
}
for ex in orders-migration search-launch; do
	plan=examples/$ex.baton
	fc_golden "$ex.forecast.txt" forecast --seed 1 --threads 2 "$plan"
	fc_golden "$ex.forecast.md" forecast --seed 1 --threads 2 --markdown "$plan"
	fc_golden "$ex.forecast.json" forecast --seed 1 --threads 2 --json "$plan"
	fc_golden "$ex.whatif-lose-lead.txt" whatif --seed 1 --threads 2 "$plan" lose-lead
	fc_golden "$ex.whatif-lose-lead.json" whatif --seed 1 --threads 2 --json "$plan" lose-lead
	# The thread count never changes a number.
	"$BATON" forecast --seed 7 --runs 3000 --threads 1 --json --correlation 0.3 "$plan" >"$OUT/$ex.t1.json" 2>&1
	"$BATON" forecast --seed 7 --runs 3000 --threads 3 --json --correlation 0.3 "$plan" >"$OUT/$ex.t3.json" 2>&1
	if cmp -s "$OUT/$ex.t1.json" "$OUT/$ex.t3.json"; then ok; else bad "forecast: $ex differs between 1 and 3 threads"; fi
done
# A scenario does not change the schedule, and a forecast under it is
# what whatif shows on its scenario side.
if "$BATON" forecast --seed 1 --runs 2000 --scenario lose-lead --json examples/orders-migration.baton >"$OUT/fc-scen.json" 2>&1 &&
   grep -q '"scenario": "lose-lead"' "$OUT/fc-scen.json"; then ok; else bad "forecast --scenario lose-lead"; fi
# Refusals: --level (not yet available) and an unknown scenario exit 2.
"$BATON" forecast --level examples/orders-migration.baton >/dev/null 2>"$OUT/fc-level.err"
if [ $? = 2 ] && grep -q "not yet available" "$OUT/fc-level.err"; then ok; else bad "forecast --level: expected exit 2, 'not yet available'"; fi
"$BATON" whatif examples/orders-migration.baton no-such >/dev/null 2>"$OUT/fc-scen.err"
if [ $? = 2 ] && grep -q "unknown scenario 'no-such'; the plan declares: lose-lead ramp-writes" "$OUT/fc-scen.err"; then ok
else bad "whatif with an unknown scenario: expected exit 2 and the list"; cat "$OUT/fc-scen.err"; fi
for bad_opt in "--runs 0" "--threads x" "--correlation 2" "--spread a,b"; do
	"$BATON" forecast $bad_opt examples/orders-migration.baton >/dev/null 2>&1
	if [ $? = 2 ]; then ok; else bad "forecast $bad_opt: expected exit 2"; fi
done
