# tests/tjp.sh: `baton export tjp` scheduled by TaskJuggler (sourced by
# tests/run.sh).
#
# 1. Every example (examples/*.baton) and TJP_PLANS random plans written
#    by tests/tools/gen_tjp_plans.py (every link type, lags and leads,
#    two links between the same tasks,
#    program and team holidays, other workweeks, zero-length tasks,
#    not-before, started and done work, ids tj3 cannot take as they are)
#    export; tj3 schedules the export with a CSV taskreport added by this
#    test (id, baton id, start, end), with no error; and
#    tests/tools/check_tjp.py finds every task's and milestone's start and
#    finish equal to `baton schedule --no-level --json` after reconciling
#    the conventions (tj3 prints timestamps, ends exclusive, and starts a
#    task when its dependencies allow; baton prints inclusive working
#    days). Each mismatch is a failure naming the plan and the task.
# 2. The export from build-asan is byte for byte the one from build, so
#    tj3 (Ruby, about a second a plan) runs once per plan.
# 3. The CLI: -o writes the file atomically and prints nothing on stdout;
#    an unknown format and a missing plan are usage errors (exit 2).
# Without tj3 (Debian package tj3) part 1 is skipped with a note, counted
# neither passed nor failed.

tjp_out=$OUT/tjp-$(basename "$BUILD")
tjp_ref=$OUT/tjp-build
rm -rf "$tjp_out"
mkdir -p "$tjp_out"
tjp_seed=${TJP_SEED:-12}
tjp_n=${TJP_PLANS:-8}
tjp_tj3=1
tjp_bin=${TJ3:-tj3} # TJ3: another tj3, or a missing one to see the skip
command -v "$tjp_bin" >/dev/null || { tjp_tj3=0; echo "tjp: tj3 missing (Debian package tj3): scheduling by TaskJuggler skipped"; }

# The plans: the examples and the generated ones (written once, by the
# release build's baton, so both builds export the same plans).
if [ "$(basename "$BUILD")" = build ] || [ ! -d "$OUT/tjp-plans" ]; then
	rm -rf "$OUT/tjp-plans"
	if ! python3 "$ROOT/tests/tools/gen_tjp_plans.py" "$BATON" "$OUT/tjp-plans" "$tjp_seed" "$tjp_n" >/dev/null; then
		bad "tjp: tests/tools/gen_tjp_plans.py failed"
	fi
fi
for tjp_src in "$ROOT"/examples/*.baton "$OUT"/tjp-plans/*.baton; do
	[ -f "$tjp_src" ] || continue
	tjp_p=$(basename "$tjp_src" .baton)
	tjp_f=$tjp_out/$tjp_p.tjp
	if ! "$BATON" check "$tjp_src" >/dev/null 2>"$tjp_out/$tjp_p.check"; then
		bad "tjp: the plan $tjp_src does not check"; sed -n 1,10p "$tjp_out/$tjp_p.check"
		continue
	fi
	if ! "$BATON" export tjp "$tjp_src" -o "$tjp_f" >"$tjp_out/$tjp_p.stdout" 2>"$tjp_out/$tjp_p.summary" ||
	   [ -s "$tjp_out/$tjp_p.stdout" ] || ! grep -q "^baton export: .*: exported " "$tjp_out/$tjp_p.summary"; then
		bad "tjp: export of $tjp_p failed, printed on stdout or said no summary"; sed -n 1,20p "$tjp_out/$tjp_p.summary"
		continue
	fi
	ok
	# 2. The same file from both builds; tj3 only for the first.
	if [ "$tjp_out" != "$tjp_ref" ]; then
		if cmp -s "$tjp_f" "$tjp_ref/$tjp_p.tjp"; then ok; else
			bad "tjp: the export of $tjp_p from $(basename "$BUILD") differs from build/'s"
		fi
		continue
	fi
	[ $tjp_tj3 = 1 ] || continue
	"$BATON" schedule --no-level --json "$tjp_src" >"$tjp_out/$tjp_p.json" 2>/dev/null
	mkdir -p "$tjp_out/$tjp_p.d"
	{
		cat "$tjp_f"
		printf '%s\n' 'taskreport "tjdates" {' '  formats csv' '  columns id, Bid, start, end' \
			'  timeformat "%Y-%m-%d %H:%M"' '  hidetask 0' '}'
	} >"$tjp_out/$tjp_p.d/plan.tjp"
	if ! (cd "$tjp_out/$tjp_p.d" && "$tjp_bin" --no-color --silent plan.tjp) >"$tjp_out/$tjp_p.tj3" 2>&1 ||
	   [ ! -s "$tjp_out/$tjp_p.d/tjdates.csv" ]; then
		bad "tjp: tj3 cannot schedule the export of $tjp_p ($tjp_out/$tjp_p.d/plan.tjp)"; sed -n 1,10p "$tjp_out/$tjp_p.tj3"
		continue
	fi
	if grep -aq "Warning\|Error" "$tjp_out/$tjp_p.tj3"; then
		bad "tjp: tj3 warns about the export of $tjp_p"; sed -n 1,10p "$tjp_out/$tjp_p.tj3"
	fi
	if python3 "$ROOT/tests/tools/check_tjp.py" "$tjp_f" "$tjp_out/$tjp_p.d/tjdates.csv" "$tjp_out/$tjp_p.json" \
		>"$tjp_out/$tjp_p.cmp"; then ok; else
		while IFS= read -r tjp_line; do
			case $tjp_line in *" mismatches") ;; *) bad "tjp: $tjp_p: $tjp_line" ;; esac
		done <"$tjp_out/$tjp_p.cmp"
	fi
done

# 3. The CLI.
tjp_ex=$ROOT/examples/passkeys-rollout.baton
if "$BATON" export tjp "$tjp_ex" >"$tjp_out/stdout.tjp" 2>/dev/null && cmp -s "$tjp_out/stdout.tjp" "$tjp_out/passkeys-rollout.tjp"; then ok; else
	bad "tjp: export tjp to stdout differs from -o FILE"
fi
if ls -a "$tjp_out" | grep -q 'baton-tmp'; then bad "tjp: export -o left a temporary file"; else ok; fi
"$BATON" export tjx "$tjp_ex" >/dev/null 2>"$tjp_out/usage.err"
tjp_rc=$?
if [ $tjp_rc = 2 ] && grep -q "mspdi, tjp" "$tjp_out/usage.err"; then ok; else
	bad "tjp: export with an unknown format: exit $tjp_rc (expected 2) or the formats not named"
fi
"$BATON" export tjp >/dev/null 2>&1
tjp_rc=$?
if [ $tjp_rc = 2 ]; then ok; else bad "tjp: export tjp without a plan: exit $tjp_rc (expected 2)"; fi
if "$BATON" export --help | grep -q "baton export tjp PLAN"; then ok; else bad "tjp: export --help does not show tjp"; fi

unset tjp_bin tjp_out tjp_ref tjp_seed tjp_n tjp_tj3 tjp_src tjp_p tjp_f tjp_line tjp_ex tjp_rc
