# tests/tsan.sh: ThreadSanitizer (sourced by tests/run.sh; runs once, from
# the release pass, on build-tsan/, `make tsan`). The code that runs
# threads: the forecast's workers (the CLI with --threads 4, levelled and
# not, whatif, and the simulation's unit test, which compares thread
# counts), and `baton serve` answering concurrent requests while its plan
# changes under it (edited, broken, fixed), so whatever reloads the plan
# (the request thread or one of its own) races the requests if it can.
# TSAN_OPTIONS=halt_on_error=1: the first report ends the process; any
# report, on stderr, counts as a failure.
if [ "$BUILD" = "$ROOT/build" ]; then
ts_dir=$OUT/tsan
rm -rf "$ts_dir"
mkdir -p "$ts_dir"
ts_bin=$ROOT/build-tsan/baton
ts_env="halt_on_error=1 exitcode=66 second_deadlock_stack=1"

# ts_check LABEL RC: a run passed when it exited 0 and its stderr has no
# report.
ts_check() {
	if [ "$2" = 0 ] && ! grep -q 'ThreadSanitizer' "$ts_dir/$1.err"; then
		ok
	else
		bad "tsan: $1 (exit $2, a ThreadSanitizer report or a failure)"
		sed -n 1,40p "$ts_dir/$1.err"
	fi
}
ts_run() { # LABEL COMMAND...: run a command of the TSan build
	local label=$1
	shift
	TSAN_OPTIONS=$ts_env "$@" >"$ts_dir/$label.out" 2>"$ts_dir/$label.err"
	ts_check "$label" $?
}

if [ ! -x "$ts_bin" ]; then
	bad "build-tsan/baton missing: make tsan"
else
	for ts_plan in examples/orders-migration.baton examples/search-launch.baton; do
		ts_name=$(basename "$ts_plan" .baton)
		ts_run "forecast-$ts_name" "$ts_bin" forecast --threads 4 --runs 2000 "$ts_plan"
		ts_run "forecast-level-$ts_name" "$ts_bin" forecast --level --threads 4 --runs 200 "$ts_plan"
		ts_run "whatif-$ts_name" "$ts_bin" whatif --threads 3 --runs 1000 "$ts_plan" lose-lead
	done
	# The simulation's unit test: the same forecast on 1, 2 and 5 threads.
	if [ -x "$ROOT/build-tsan/tests/test_simulate" ]; then
		ts_run unit-simulate "$ROOT/build-tsan/tests/test_simulate"
	else
		bad "build-tsan/tests/test_simulate missing: make tsan"
	fi

	# The server: four clients, each asking for every page and API in
	# turn, while the plan is edited, broken and fixed.
	cp examples/orders-migration.baton "$ts_dir/plan.baton"
	TSAN_OPTIONS=$ts_env "$ts_bin" serve --listen 127.0.0.1:0 --runs 300 "$ts_dir/plan.baton" 2>"$ts_dir/serve.err" &
	ts_pid=$!
	ts_port=$(serve_port "$ts_pid" "$ts_dir/serve.err" 300)
	if [ -z "$ts_port" ]; then
		bad "tsan: serve printed no port"; sed -n 1,40p "$ts_dir/serve.err"
		kill "$ts_pid" 2>/dev/null
	elif ! command -v curl >/dev/null; then
		echo "tsan: curl is missing; the server's concurrency is not tested"
		kill "$ts_pid" 2>/dev/null
	else
		# The clients ask until told to stop, so requests run before,
		# during and after each change.
		rm -f "$ts_dir/stop"
		ts_clients=""
		for ts_c in 1 2 3 4; do
			(while [ ! -e "$ts_dir/stop" ]; do
				for ts_p in /api/version /api/status / /api/forecast /api/schedule /api/risks; do
					curl -s -m 120 -o /dev/null -w '%{http_code}\n' "http://127.0.0.1:$ts_port$ts_p"
				done
			done >"$ts_dir/codes.$ts_c") &
			ts_clients="$ts_clients $!"
		done
		# Each change is a new size, so it is seen even within the
		# file system's time resolution.
		sleep 1
		echo "# edited while serving" >>"$ts_dir/plan.baton"
		sleep 1
		printf 'task broken "unterminated\n' >>"$ts_dir/plan.baton"
		# The server says the newer plan failed (and keeps serving the
		# last good one) while the clients ask; up to 60 s under TSan.
		ts_seen=""
		for ts_i in $(seq 1 120); do
			curl -s -m 30 "http://127.0.0.1:$ts_port/api/version" | grep -q '"state": "failed"' && { ts_seen=failed; break; }
			sleep 0.5
		done
		cp examples/orders-migration.baton "$ts_dir/plan.baton"
		echo "# fixed" >>"$ts_dir/plan.baton"
		for ts_i in $(seq 1 120); do
			curl -s -m 30 "http://127.0.0.1:$ts_port/api/version" | grep -q '"state": "ready"' && { ts_seen="$ts_seen ready"; break; }
			sleep 0.5
		done
		touch "$ts_dir/stop"
		wait $ts_clients
		# Every answer a page (200): a broken plan leaves the last good
		# one served; and the server saw the plan break and mend.
		ts_codes=$(cat "$ts_dir"/codes.* | sort | uniq -c | tr -s ' \n' ' ')
		if [ "$ts_seen" = "failed ready" ] && cat "$ts_dir"/codes.* | grep -q '^200$' &&
		   ! cat "$ts_dir"/codes.* | grep -qv '^200$'; then ok
		else bad "tsan: serve under concurrent requests answered:$ts_codes, saw '$ts_seen' (all 200, 'failed ready' expected)"; fi
		if kill -0 "$ts_pid" 2>/dev/null; then
			kill -TERM "$ts_pid"
			wait "$ts_pid"
			ts_check serve $?
		else
			wait "$ts_pid"
			ts_check serve "died: $?"
		fi
	fi
	unset ts_pid ts_port ts_clients ts_c ts_i ts_p ts_codes ts_plan ts_name
fi
unset ts_dir ts_bin ts_env
fi
