# tests/calibration.sh: `baton calibration` and `forecast --calibrate`
# (sourced by tests/run.sh). Goldens of a small fixture with three recorded
# weeks; a generated plan whose true estimate bias is 1.3, checked by an
# independent script; the command's exit codes.
cal_dir=$OUT/calibration-$(basename "$BUILD")
rm -rf "$cal_dir"
mkdir -p "$cal_dir"
cplan=tests/golden/calib/small.baton
cdb=$cal_dir/small.db
for d in 2027-01-08 2027-01-15 2027-01-22; do
	if BATON_NOW=t "$BATON" status --no-options --record --as-of $d --history "$cdb" "$cplan" >/dev/null 2>"$cal_dir/rec.err"; then ok
	else bad "calibration: recording $d"; cat "$cal_dir/rec.err"; fi
done
for fmt in txt md json; do
	case $fmt in txt) f="" ;; md) f=--markdown ;; json) f=--json ;; esac
	got=$cal_dir/small.calibration.$fmt
	want=tests/golden/calib/small.calibration.$fmt
	if ! "$BATON" calibration $f --history "$cdb" "$cplan" >"$got" 2>"$cal_dir/err"; then
		bad "calibration $f exited non-zero"; cat "$cal_dir/err"; continue
	fi
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then cp "$got" "$want"; ok; continue; fi
	if diff -u "$want" "$got" >"$cal_dir/$fmt.diff"; then ok; else bad "calibration: $want differs"; head -40 "$cal_dir/$fmt.diff"; fi
done
# The generated plan: 80 finished tasks 1.3 times their estimate, 300
# held-out milestones (tests/tools/gen_calib.py says what is claimed).
gplan=$cal_dir/gen.baton
python3 tests/tools/gen_calib.py gen "$gplan" "$cal_dir/truth.json" 1
"$BATON" calibration --json "$gplan" >"$cal_dir/gen.cal.json" 2>"$cal_dir/err" &&
	"$BATON" forecast --calibrate --runs 4000 --json "$gplan" >"$cal_dir/gen.fc.json" 2>>"$cal_dir/err" &&
	"$BATON" forecast --runs 4000 --json "$gplan" >"$cal_dir/gen.fc0.json" 2>>"$cal_dir/err"
if [ $? != 0 ]; then bad "calibration: the generated plan"; cat "$cal_dir/err"
elif python3 tests/tools/gen_calib.py check "$gplan" "$cal_dir/truth.json" "$cal_dir/gen.cal.json" \
	"$cal_dir/gen.fc.json" "$cal_dir/gen.fc0.json" >"$cal_dir/gen.out"; then ok; cat "$cal_dir/gen.out"
else bad "calibration: generated bias"; cat "$cal_dir/gen.out"; fi
# forecast --calibrate says what it applied, in text too.
"$BATON" forecast --calibrate --runs 200 "$cplan" >"$cal_dir/fc.txt" 2>&1
if grep -q '^calibrated: api ×1.65 from 5 tasks; web: needs 5 more finished tasks$' "$cal_dir/fc.txt"; then ok
else bad "forecast --calibrate does not say what it applied"; head -5 "$cal_dir/fc.txt"; fi
# Exit codes: 0 help, 2 usage and bad plans, 1 a history that is not there.
cal_rc() {
	local want=$1; shift
	"$BATON" calibration "$@" >"$cal_dir/rc.out" 2>"$cal_dir/rc.err"
	local rc=$?
	if [ $rc = "$want" ]; then ok; else bad "calibration $*: exit $rc, want $want"; cat "$cal_dir/rc.err"; fi
}
cal_rc 0 --help
cal_rc 2
cal_rc 2 --bogus "$cplan"
cal_rc 2 --json --markdown "$cplan"
cal_rc 2 --as-of 2027-02-30 "$cplan"
cal_rc 2 "$cplan" "$cplan"
cal_rc 2 tests/bad/constraint-deadline-before-start.baton
cal_rc 1 --history "$cal_dir/none.db" "$cplan"
cal_rc 0 "$cplan"
echo "x" >"$cal_dir/notdb.db"
cal_rc 1 --history "$cal_dir/notdb.db" "$cplan"
# The report with a history has the calibration section, with the figures
# the command prints.
if "$BATON" report --runs 200 --history "$cdb" -o "$cal_dir/r.html" "$cplan" 2>"$cal_dir/err" &&
	grep -q '<section id="calibration">' "$cal_dir/r.html" &&
	grep -q 'P85 dates met: 1 of 3 (33%)' "$cal_dir/r.html"; then ok
else bad "calibration: the report's section"; cat "$cal_dir/err"; fi
# status --calibrate says so, in text and JSON.
"$BATON" status --no-options --calibrate --runs 200 "$cplan" >"$cal_dir/st.txt" 2>&1
"$BATON" status --no-options --calibrate --runs 200 --json "$cplan" >"$cal_dir/st.json" 2>&1
if grep -q '^Calibrated: api ×1.65 from 5 tasks; web: needs 5 more finished tasks\.$' "$cal_dir/st.txt" &&
	grep -q '"applied": true' "$cal_dir/st.json"; then ok
else bad "status --calibrate does not say what it applied"; head -5 "$cal_dir/st.txt"; fi
