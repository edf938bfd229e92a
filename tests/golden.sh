# tests/golden.sh: golden outputs of the examples, and the independent
# schedule checker on every schedule they produce. Sourced by tests/run.sh.
# A case is "example:as-of" (as-of "-" = the plan's latest status block).
# A third field "level" schedules to team capacity (seed 1, default budget).
golden_cases="orders-migration:- orders-migration:2027-01-29 orders-migration:2027-01-04
search-launch:- search-launch:2027-03-01 orders-migration:-:level search-launch:-:level
search-launch:2027-03-01:level passkeys-rollout:- passkeys-rollout:-:level passkeys-rollout:2027-01-29"
for c in $golden_cases; do
	ex=${c%%:*}; rest=${c#*:}; asof=${rest%%:*}; mode=${rest#*:}
	[ "$mode" = "$rest" ] && mode=""
	plan=examples/$ex.baton
	[ -f "$plan" ] || { bad "golden: $plan missing"; continue; }
	opt=""; tag=$ex
	if [ "$asof" != - ]; then opt="--as-of $asof"; tag=$ex@$asof; fi
	if [ "$mode" = level ]; then opt="$opt --level"; tag=$tag.level; fi
	for fmt in txt md json; do
		case $fmt in txt) f="" ;; md) f=--markdown ;; json) f=--json ;; esac
		got=$OUT/$tag.schedule.$fmt
		want=tests/golden/$tag.schedule.$fmt
		"$BATON" schedule $opt $f "$plan" >"$got" 2>"$OUT/$tag.err"
		rc=$?
		if [ $rc != 0 ]; then bad "golden: schedule $opt $f $plan exited $rc"; cat "$OUT/$tag.err"; continue; fi
		if [ "${UPDATE_GOLDEN:-}" = 1 ]; then cp "$got" "$want"; ok; continue; fi
		if diff -u "$want" "$got" >"$OUT/$tag.$fmt.diff"; then ok; else bad "golden: $want differs"; head -40 "$OUT/$tag.$fmt.diff"; fi
	done
	"$BUILD/tools/check_schedule" "$plan" "$OUT/$tag.schedule.json" 2>"$OUT/$tag.check"
	case $? in
	0) ok ;;
	77) [ "$BUILD" = "$ROOT/build" ] && sed -n 1p "$OUT/$tag.check" ;;
	*) bad "checker: $tag"; cat "$OUT/$tag.check" ;;
	esac
done
# The sketch from the design document must parse unchanged and schedule.
if "$BATON" check tests/golden/design-sketch.baton 2>"$OUT/sketch.err"; then ok
else bad "design sketch does not check"; cat "$OUT/sketch.err"; fi
"$BATON" schedule --json tests/golden/design-sketch.baton >"$OUT/sketch.json" 2>&1
if "$BUILD/tools/check_schedule" tests/golden/design-sketch.baton "$OUT/sketch.json"; then ok; else bad "checker: design sketch"; fi
# ... and the copy above is the design document's sketch, byte for byte.
design=../shared/DESIGN.md
if [ -f "$design" ]; then
	awk '/^## The plan language/{f=1} f&&/^```$/{if(inb){exit}else{inb=1;next}} inb' "$design" >"$OUT/sketch.from-design"
	if diff -u tests/golden/design-sketch.baton "$OUT/sketch.from-design" >/dev/null; then ok
	else bad "tests/golden/design-sketch.baton is not the sketch in $design"; fi
fi
# The cases of tests/golden/cases: small plans, each for one scheduling
# rule. Their `# expect[-level] TASK key=value ...` lines are asserted on
# `schedule --json` (or `--level --json`), so a golden update cannot
# quietly accept a wrong date; the text output is golden too.
for plan in tests/golden/cases/*.baton; do
	name=$(basename "$plan" .baton)
	for mode in plain level; do
		opt=""; [ $mode = level ] && opt=--level
		tag=case-$name.$mode
		if ! "$BATON" schedule $opt --json "$plan" >"$OUT/$tag.json" 2>"$OUT/$tag.err"; then
			bad "case $name ($mode): schedule exited non-zero"; cat "$OUT/$tag.err"; continue
		fi
		key=expect; [ $mode = level ] && key=expect-level
		if python3 tests/tools/expect.py "$plan" "$OUT/$tag.json" "$key" >"$OUT/$tag.expect" 2>&1; then ok
		else bad "case $name ($mode): expectations"; cat "$OUT/$tag.expect"; fi
		"$BATON" schedule $opt "$plan" >"$OUT/$tag.txt" 2>&1
		want=tests/golden/cases/$name.$mode.txt
		if [ "${UPDATE_GOLDEN:-}" = 1 ]; then cp "$OUT/$tag.txt" "$want"; ok; continue; fi
		if diff -u "$want" "$OUT/$tag.txt" >"$OUT/$tag.diff"; then ok; else bad "golden: $want differs"; head -30 "$OUT/$tag.diff"; fi
	done
	# `# expect-risk RISK key=value` lines: the register agrees.
	if grep -q '^# expect-risk ' "$plan"; then
		"$BATON" risks --json "$plan" >"$OUT/case-$name.risks.json" 2>/dev/null
		if python3 tests/tools/expect.py "$plan" "$OUT/case-$name.risks.json" expect-risk >"$OUT/case-$name.risks.expect" 2>&1; then ok
		else bad "case $name: risk expectations"; cat "$OUT/case-$name.risks.expect"; fi
	fi
done
