# tests/portfolio.sh: `baton portfolio` (sourced by tests/run.sh).
#
# The example portfolio (examples/platform.portfolio: three programs that
# share platform, sre and data) in every view against goldens in
# tests/golden/portfolio/; its levelled schedule checked by an independent
# checker (tests/tools/check_portfolio.py: every pool's daily use, from
# the teams file, within its capacity), which must also catch a schedule
# made wrong on purpose; the trade-off's Pareto marks re-derived from its
# own figures; and the bad-input catalogue in tests/bad/portfolio/ (each
# case's exact stderr in NAME.diag: exit 2, the file with the mistake,
# line and column, the line and a caret; nothing written).
# UPDATE_GOLDEN=1 rewrites the goldens (review the diff).
pf_dir=$OUT/portfolio-$(basename "$BUILD")
rm -rf "$pf_dir"
mkdir -p "$pf_dir" tests/golden/portfolio
pf_file=examples/platform.portfolio
pf_opt="--as-of 2027-02-05 --runs 300 --seed 3"
pf_hol="--holiday 2027-01-18 --holiday 2027-02-15 --holiday 2027-05-31 --holiday 2027-06-18"

# pf_golden NAME CMD...: run CMD (exit 0), compare stdout with tests/golden/portfolio/NAME.
pf_golden() {
	local name=$1 got
	shift
	got=$pf_dir/$name
	if ! NO_COLOR=1 "$@" >"$got" 2>"$got.err"; then
		bad "portfolio golden $name: '$*' failed"; sed -n 1,10p "$got.err"; return
	fi
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then cp "$got" "tests/golden/portfolio/$name"; ok; return; fi
	if diff -u "tests/golden/portfolio/$name" "$got" >"$got.diff"; then ok
	else bad "portfolio golden: tests/golden/portfolio/$name differs"; head -30 "$got.diff"; fi
}

pf_golden status.txt "$BATON" portfolio status $pf_opt $pf_file
pf_golden status.md "$BATON" portfolio status --markdown $pf_opt $pf_file
pf_golden status.json "$BATON" portfolio status --json $pf_opt $pf_file
pf_golden status-latest.txt "$BATON" portfolio status --runs 300 --seed 3 $pf_file
pf_golden schedule.txt "$BATON" portfolio schedule --as-of 2027-02-05 $pf_file
pf_golden forecast.txt "$BATON" portfolio forecast $pf_opt $pf_file
pf_golden tradeoff.txt "$BATON" portfolio tradeoff --as-of 2027-02-05 --runs 100 --seed 3 $pf_file
pf_golden tradeoff.json "$BATON" portfolio tradeoff --json --as-of 2027-02-05 --runs 100 --seed 3 $pf_file
pf_golden report.html "$BATON" portfolio report -o - --as-of 2027-02-05 --runs 100 --seed 3 $pf_file
pf_golden join.baton "$BATON" portfolio join --as-of 2027-02-05 $pf_file

# The joined plan is a plan: it checks (warnings aside).
if "$BATON" check "$pf_dir/join.baton" >/dev/null 2>"$pf_dir/join.err"; then ok
else bad "portfolio join: the joined plan does not check"; head -5 "$pf_dir/join.err"; fi

# Independent check of the pools, at two status dates; then a schedule
# made wrong on purpose (every planned sre task moved onto one day) must
# fail it, or the check proves nothing.
for pf_asof in "--as-of 2027-02-05" ""; do
	"$BATON" portfolio schedule --json $pf_asof $pf_file >"$pf_dir/sched.json"
	if python3 tests/tools/check_portfolio.py "$pf_dir/sched.json" examples/shared.teams $pf_hol >"$pf_dir/check.out"; then ok
	else bad "portfolio schedule ${pf_asof:-latest}: pools over capacity"; head -12 "$pf_dir/check.out"; fi
done
python3 - "$pf_dir/sched.json" "$pf_dir/wrong.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for t in d["tasks"]:
    if t["state"] == "planned" and "sre" in t["needs"]:
        t["start"] = t["finish"] = "2027-04-07"
json.dump(d, open(sys.argv[2], "w"))
PY
if python3 tests/tools/check_portfolio.py "$pf_dir/wrong.json" examples/shared.teams $pf_hol >/dev/null; then
	bad "portfolio: the checker passed a schedule with every sre task on one day"
else ok; fi

# The trade-off's Pareto marks, re-derived: an ordering is marked when no
# other is at least as good for every program (chances within a point are
# equal) and better for one.
if python3 - "tests/golden/portfolio/tradeoff.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
rows = d["tradeoff"]
progs = [p["id"] for p in d["programs"]]
def ch(r, p): return r["programs"][p]["chance"]
def dominates(a, b):
    ge = all(ch(a, p) >= ch(b, p) - 0.01 for p in progs)
    gt = any(ch(a, p) > ch(b, p) + 0.01 for p in progs)
    return ge and gt
assert len(rows) == 1 + 6, len(rows)
for r in rows:
    want = not any(dominates(o, r) for o in rows if o is not r)
    assert r["pareto"] == want, (r["order"], r["pareto"], want)
asks = [r for r in rows if r["ask"]]
assert len(asks) <= 1 and all(r["pareto"] for r in asks)
PY
then ok; else bad "portfolio tradeoff: Pareto marks do not follow from the figures"; fi

# The bad-input catalogue.
for pf_case in tests/bad/portfolio/*.portfolio; do
	pf_name=$(basename "$pf_case" .portfolio)
	pf_out=$pf_dir/bad-$pf_name
	rm -f "$pf_out.html"
	NO_COLOR=1 "$BATON" portfolio report -o "$pf_out.html" "$pf_case" >/dev/null 2>"$pf_out.err"
	pf_rc=$?
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then cp "$pf_out.err" "tests/bad/portfolio/$pf_name.diag"; fi
	if [ $pf_rc != 2 ]; then bad "bad/portfolio/$pf_name: exit $pf_rc, expected 2"; sed -n 1,10p "$pf_out.err"; continue; fi
	if [ -e "$pf_out.html" ]; then bad "bad/portfolio/$pf_name: a report was written"; continue; fi
	if ! diff -u "tests/bad/portfolio/$pf_name.diag" "$pf_out.err" >"$pf_out.diff"; then
		bad "bad/portfolio/$pf_name: diagnostics differ"; head -20 "$pf_out.diff"; continue
	fi
	if ! grep -Eq '^tests/bad/portfolio/[^:]+:[0-9]+:[0-9]+: error: ' "$pf_out.err" ||
	   ! grep -Eq '^ +[0-9]+ \| ' "$pf_out.err" || ! grep -Eq '^ +\| [[:space:]]*\^~*$' "$pf_out.err"; then
		bad "bad/portfolio/$pf_name: a diagnostic lacks file:line:col, the line or a caret"; continue
	fi
	ok
done

# Usage errors exit 2.
for pf_args in "" "frob $pf_file" "status" "report $pf_file" "status --runs x $pf_file" "tradeoff --runs 0 $pf_file"; do
	"$BATON" portfolio $pf_args >/dev/null 2>&1
	if [ $? = 2 ]; then ok; else bad "portfolio $pf_args: expected exit 2"; fi
done
"$BATON" portfolio --help | grep -q "usage: baton portfolio" && ok || bad "portfolio --help"
unset pf_dir pf_file pf_opt pf_hol pf_asof pf_case pf_name pf_out pf_rc pf_args
