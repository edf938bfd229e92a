# tests/history.sh: the history database survives kill -9 (sourced by
# tests/run.sh). Recorders are started with a pause inside their
# transaction (BATON_TEST_RECORD_DELAY_MS) and killed at random points; then
# the database must pass PRAGMA integrity_check, no record may be half
# written, every recorder that exited 0 must have its record, and no record
# may appear twice.
hist_dir=$OUT/history-$(basename "$BUILD")
rm -rf "$hist_dir"
mkdir -p "$hist_dir"
hdb=$hist_dir/kill.db
plan=examples/orders-migration.baton
iters=${BATON_KILL_ITERS:-60}
completed=""
for i in $(seq 1 "$iters"); do
	BATON_NOW=run-$i BATON_TEST_RECORD_DELAY_MS=$((RANDOM % 40)) \
		"$BATON" status --record --history "$hdb" "$plan" >/dev/null 2>"$hist_dir/run.err" &
	pid=$!
	sleep "0.0$((RANDOM % 8))"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	[ $? = 0 ] && completed="$completed run-$i"
done
if "$BATON" history --check --history "$hdb" "$plan" >"$hist_dir/check.out" 2>&1; then ok
else bad "history: integrity check after $iters kills"; cat "$hist_dir/check.out"; fi
"$BATON" history --json --history "$hdb" "$plan" >"$hist_dir/h.json" 2>"$hist_dir/h.err"
n=$(sed -n 's/.*: ok, \([0-9]*\) records\{0,1\}$/\1/p' "$hist_dir/check.out")
tags=$(grep -o '"recorded_at": "run-[0-9]*"' "$hist_dir/h.json" | sed 's/.*"\(run-[0-9]*\)"/\1/' | sort)
ntags=$(echo "$tags" | grep -c run- )
nuniq=$(echo "$tags" | sort -u | grep -c run-)
ncomp=$(echo $completed | wc -w)
if [ "$n" = "$ntags" ] && [ "$ntags" = "$nuniq" ]; then ok
else bad "history: $n records, $ntags listed, $nuniq distinct"; fi
lost=""
for t in $completed; do echo "$tags" | grep -qx "$t" || lost="$lost $t"; done
if [ -z "$lost" ] && [ "${n:-0}" -ge "$ncomp" ]; then ok
else bad "history: completed recorders lost their records:$lost ($n records, $ncomp completed)"; fi
# Records by killed recorders can only be those that committed before the
# kill; the rest of the count is exactly the completed runs.
echo "history kill test ($(basename "$BUILD")): $iters runs, $ncomp completed, $n records" >"$hist_dir/summary"
# Eight first-time recorders at once into a fresh database: creating it
# and its schema is safe under concurrency (no "database is locked"), and
# no record is lost. Three rounds.
for round in 1 2 3; do
	rm -rf "$hist_dir/conc" && mkdir -p "$hist_dir/conc"
	cp examples/orders-migration.baton "$hist_dir/conc/p.baton"
	for i in 1 2 3 4 5 6 7 8; do
		( "$BATON" status --record --runs 50 "$hist_dir/conc/p.baton" >/dev/null 2>>"$hist_dir/conc/err" ||
		  echo "fail $i" >>"$hist_dir/conc/fails" ) &
	done
	wait
	n=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from records").fetchone()[0])' \
		"$hist_dir/conc/.baton/history.db" 2>/dev/null)
	if [ ! -s "$hist_dir/conc/fails" ] && [ "$n" = 8 ]; then ok
	else bad "history: 8 concurrent first recorders: ${n:-no} records, $(wc -l <"$hist_dir/conc/fails" 2>/dev/null || echo 0) failed"; grep -v recorded "$hist_dir/conc/err" | head -3; fi
done
unset hist_dir hdb iters completed n tags ntags nuniq ncomp lost
