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
# Levelled runs: golden, the same for any thread count, and never earlier
# than the critical-path runs at any percentile (capacity only delays).
fc_golden "orders-migration.forecast-level.txt" forecast --level --seed 1 --runs 2000 --threads 2 examples/orders-migration.baton
fc_golden "orders-migration.whatif-lose-lead-level.txt" whatif --level --seed 1 --runs 2000 --threads 2 examples/orders-migration.baton lose-lead
"$BATON" forecast --level --seed 3 --runs 1000 --threads 1 --json examples/search-launch.baton >"$OUT/fcl.t1.json" 2>&1
"$BATON" forecast --level --seed 3 --runs 1000 --threads 2 --json examples/search-launch.baton >"$OUT/fcl.t2.json" 2>&1
if cmp -s "$OUT/fcl.t1.json" "$OUT/fcl.t2.json"; then ok; else bad "forecast --level: differs between 1 and 2 threads"; fi
"$BATON" forecast --seed 3 --runs 1000 --threads 1 --json examples/search-launch.baton >"$OUT/fcp.json" 2>&1
if python3 - "$OUT/fcp.json" "$OUT/fcl.t1.json" <<'PY'
import json, sys
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
bad = [m["id"] + ":" + k for m, n in zip(a["milestones"] + [a["end"]], b["milestones"] + [b["end"]])
       for k in ("p10_day", "p50_day", "p85_day", "p95_day") if n[k] < m[k]]
sys.exit(1 if bad else 0)
PY
then ok; else bad "forecast --level: a percentile earlier than without capacity"; fi
# PLANNED with --level is the levelled schedule's date, as `schedule
# --level` prints it (search-launch: levelling moves most milestones),
# with the same seed; a plan that says `level` is levelled without the
# flag, and --no-level turns it off.
"$BATON" schedule --level --seed 3 --json examples/search-launch.baton >"$OUT/fcl.sched.json" 2>&1
"$BATON" schedule --json examples/search-launch.baton >"$OUT/fcp.sched.json" 2>&1
sed 's/^  start 2027-03-01$/  start 2027-03-01\n  level/' examples/search-launch.baton >"$OUT/fc-level.baton"
"$BATON" forecast --seed 3 --runs 200 --json "$OUT/fc-level.baton" >"$OUT/fcl.plan.json" 2>&1
"$BATON" forecast --no-level --seed 3 --runs 200 --json "$OUT/fc-level.baton" >"$OUT/fcl.off.json" 2>&1
if python3 - "$OUT/fcl.t1.json" "$OUT/fcl.sched.json" "$OUT/fcl.plan.json" "$OUT/fcl.off.json" "$OUT/fcp.sched.json" <<'PY'
import json, sys
fc, sched, byplan, off, plain = (json.load(open(f)) for f in sys.argv[1:6])
want = {m["id"]: (m["planned"], m["slack"]) for m in sched["milestones"]}
unlev = {m["id"]: m["planned"] for m in plain["milestones"]}
assert want != {k: (v, want[k][1]) for k, v in unlev.items()}, "levelling moves nothing: a weak test"
for f in (fc, byplan):
    assert f["levelled"], "not levelled"
    got = {m["id"]: (m["planned"], m["slack"]) for m in f["milestones"]}
    assert got == want, f"forecast --level PLANNED {got} != schedule --level {want}"
    assert f["end"]["planned"] == sched["end"], (f["end"]["planned"], sched["end"])
assert not off["levelled"] and {m["id"]: m["planned"] for m in off["milestones"]} == unlev
PY
then ok; else bad "forecast --level: PLANNED is not the levelled schedule's date"; fi
# Refusals: an unknown scenario exits 2.
"$BATON" whatif examples/orders-migration.baton no-such >/dev/null 2>"$OUT/fc-scen.err"
if [ $? = 2 ] && grep -q "unknown scenario 'no-such'; the plan declares: lose-lead ramp-writes" "$OUT/fc-scen.err"; then ok
else bad "whatif with an unknown scenario: expected exit 2 and the list"; cat "$OUT/fc-scen.err"; fi
for bad_opt in "--runs 0" "--threads x" "--correlation 2" "--spread a,b"; do
	"$BATON" forecast $bad_opt examples/orders-migration.baton >/dev/null 2>&1
	if [ $? = 2 ]; then ok; else bad "forecast $bad_opt: expected exit 2"; fi
done
