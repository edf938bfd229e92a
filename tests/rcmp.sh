# tests/rcmp.sh: the multi-project (.rcmp) reader and levelling (sourced by
# tests/run.sh).
#
# 1. Bad input: each tests/bad-rcmp/NAME.rcmp is refused with exit 2 and
#    exactly the located error in NAME.diag (file:line:col, the line, a
#    caret, what was expected).
# 2. Every schedule baton's engine makes on the two MPLIB instances
#    (bench/rcmpsp/) and on three generated ones passes the benchmark's
#    independent checker (precedences, releases, per-day capacity), as
#    does the min-slack peer's; the generator is reproducible.

for rc_f in tests/bad-rcmp/*.rcmp; do
	rc_d=${rc_f%.rcmp}.diag
	"$BUILD/tools/rcmpsp_bench" "$rc_f" >/dev/null 2>"$OUT/rcmp-bad.err"
	rc_rc=$?
	if [ "$rc_rc" = 2 ] && cmp -s "$rc_d" "$OUT/rcmp-bad.err"; then
		ok
	else
		bad "rcmp bad input $rc_f: exit $rc_rc (want 2) or a different error"
		diff "$rc_d" "$OUT/rcmp-bad.err" | sed -n 1,10p
	fi
done

rc_dir=$OUT/rcmp-gen
mkdir -p "$rc_dir"
for rc_s in 2 7 20; do
	"$BUILD/tools/gen_rcmp" $rc_s >"$rc_dir/gen_$rc_s.rcmp"
done
if "$BUILD/tools/gen_rcmp" 7 | cmp -s - "$rc_dir/gen_7.rcmp"; then ok; else bad "gen_rcmp: the same seed gave another instance"; fi
if "$BUILD/tools/rcmpsp_bench" --budget 300 --seed 5 bench/rcmpsp/*.rcmp "$rc_dir"/gen_*.rcmp \
	>"$OUT/rcmp-bench.out" 2>&1 &&
   grep -q '^ok: 0 infeasible' "$OUT/rcmp-bench.out" &&
   [ "$(grep -c '^MPLIB\|^gen_' "$OUT/rcmp-bench.out")" = 5 ]; then
	ok
else
	bad "rcmp: a schedule failed the independent check (or an instance was not read)"
	sed -n 1,20p "$OUT/rcmp-bench.out"
fi

# 3. `baton import rcmp FILE -o DIR`: one plan per project, each checks and
#    is in canonical form; releases become the plans' start dates; bad
#    input (a reader error, or a successor into another project, which one
#    plan per project cannot say) exits 2 with the located error and
#    writes nothing; an existing plan is kept unless --force.
rc_imp=$OUT/rcmp-import
rm -rf "$rc_imp"
if "$BATON" import rcmp bench/rcmpsp/MPLIB2_Set1_0.rcmp -o "$rc_imp" 2>"$OUT/rcmp-import.err" &&
   [ "$(ls "$rc_imp" | wc -l)" = 10 ] && grep -q '^imported 10 projects (520 activities, 5 resources)' "$OUT/rcmp-import.err"; then
	ok
else
	bad "import rcmp: MPLIB2 did not give 10 plans"; cat "$OUT/rcmp-import.err"
fi
rc_all=1
for rc_p in "$rc_imp"/*.baton; do
	"$BATON" check "$rc_p" >/dev/null 2>&1 && "$BATON" fmt --check "$rc_p" >/dev/null 2>&1 || { rc_all=0; echo "  $rc_p"; }
done
if [ $rc_all = 1 ]; then ok; else bad "import rcmp: an imported plan does not check or is not canonical"; fi
# gen_rcmp 20: project 3 is released on day 20 (4 weeks), project 5 on 45.
"$BATON" import rcmp "$rc_dir/gen_20.rcmp" -o "$rc_imp" --name g 2>/dev/null
if grep -q '^  start 2027-02-01$' "$rc_imp/g-p3.baton" && grep -q '^  start 2027-03-08$' "$rc_imp/g-p5.baton" &&
   grep -q '^  start 2027-01-04$' "$rc_imp/g-p1.baton"; then
	ok
else
	bad "import rcmp: releases are not the plans' start dates"
fi
# Each activity is a task with its estimate and predecessors: the plan's
# critical-path end is the project's (a forward pass in awk, independent
# of baton; the generator lists successors after their predecessors).
rc_cp=$(awk '{ for (i = 1; i <= NF; i++) t[++n] = $i }
END {
	k = 1; P = t[k++]; R = t[k++]; k += R
	na = t[k++]; k++; k += R
	for (a = 1; a <= na; a++) {
		d = t[k++]; k += R; s = t[k++]
		f = es[a] + d; if (f > end) end = f
		for (x = 0; x < s; x++) { split(t[k++], q, ":"); if (q[1] == 1 && f > es[q[2]]) es[q[2]] = f }
	}
	print end
}' "$rc_dir/gen_20.rcmp")
if "$BATON" schedule --no-level --json "$rc_imp/g-p1.baton" 2>/dev/null | grep -q "^  \"end_day\": $rc_cp,\$"; then
	ok
else
	bad "import rcmp: project 1's plan does not end on its critical path ($rc_cp days)"
fi
cp "$rc_imp/g-p1.baton" "$OUT/rcmp-p1.keep"
"$BATON" import rcmp "$rc_dir/gen_20.rcmp" -o "$rc_imp" --name g 2>"$OUT/rcmp-import.err"
if [ $? = 2 ] && grep -q "exists: pass --force" "$OUT/rcmp-import.err" && cmp -s "$OUT/rcmp-p1.keep" "$rc_imp/g-p1.baton"; then
	ok
else
	bad "import rcmp: an existing plan was not kept without --force"
fi
if "$BATON" import rcmp "$rc_dir/gen_20.rcmp" -o "$rc_imp" --name g --force 2>/dev/null; then ok; else bad "import rcmp --force"; fi
for rc_f in tests/bad-rcmp/truncated.rcmp tests/bad-rcmp/import/cross-project.rcmp; do
	rm -rf "$OUT/rcmp-none"
	"$BATON" import rcmp "$rc_f" -o "$OUT/rcmp-none" 2>"$OUT/rcmp-import.err"
	rc_rc=$?
	rc_want=${rc_f%.rcmp}.diag
	if [ $rc_rc = 2 ] && [ ! -e "$OUT/rcmp-none" ] && cmp -s "$rc_want" "$OUT/rcmp-import.err"; then
		ok
	else
		bad "import rcmp $rc_f: exit $rc_rc (want 2), something written, or another error"
		diff "$rc_want" "$OUT/rcmp-import.err" | sed -n 1,8p
	fi
done
if "$BATON" import rcmp bench/rcmpsp/MPLIB1_Set1_0.rcmp >/dev/null 2>"$OUT/rcmp-import.err"; then
	bad "import rcmp without -o succeeded"
elif [ $? = 2 ] && grep -q 'give the directory with -o DIR' "$OUT/rcmp-import.err"; then ok; else bad "import rcmp without -o: wrong exit or message"; fi
