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
