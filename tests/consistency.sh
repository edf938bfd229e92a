# tests/consistency.sh: one vocabulary, the same answer in every command
# (sourced by tests/run.sh). For each bundled example at its status dates,
# `schedule --json`, `forecast --json` (and `--spread 0`, for PLANNED),
# `status --json`, `risks --json`, `milestones --format ical` and `report`
# must give every milestone and the program end the same PLANNED date and
# slack, the same P50, P85 and chance, under the same names, and every
# task the same planned start and finish; at the latest status date so
# must every /api/* endpoint and the page of `baton serve` (started on
# loopback as tests/serve.sh does). tests/tools/consistency.py compares;
# each output it reads is one check here.
cs_dir=$OUT/consistency-$(basename "$BUILD")
rm -rf "$cs_dir"
mkdir -p "$cs_dir"
cs_pid=""
cs_stop() { [ -n "${cs_pid:-}" ] && kill "$cs_pid" 2>/dev/null; }
trap cs_stop EXIT

# cs_compare DIR: run the comparison, one ok/bad per source.
cs_compare() {
	local d=$1 line
	python3 tests/tools/consistency.py "$d" >"$d/result" 2>&1
	while IFS= read -r line; do
		case $line in
		ok\ *) ok ;;
		*) bad "consistency $(basename "$d"): $line" ;;
		esac
	done <"$d/result"
	[ -s "$d/result" ] || bad "consistency $(basename "$d"): the comparison printed nothing"
}

# Every status date of both examples; "-" is the latest, the default.
for c in orders-migration:- orders-migration:2027-01-29 search-launch:- search-launch:2027-03-19; do
	ex=${c%%:*} asof=${c#*:}
	d=$cs_dir/$ex@$asof
	mkdir -p "$d"
	# A copy, so no history beside the example changes "since" (it
	# changes no figure compared here either way).
	cp "examples/$ex.baton" "$d/plan.baton"
	opt=""
	[ "$asof" = - ] || opt="--as-of $asof"
	failed=""
	"$BATON" schedule $opt --json "$d/plan.baton" >"$d/schedule.json" 2>"$d/err" || failed="$failed schedule"
	"$BATON" forecast $opt --json "$d/plan.baton" >"$d/forecast.json" 2>>"$d/err" || failed="$failed forecast"
	"$BATON" forecast $opt --spread 0 --json "$d/plan.baton" >"$d/forecast0.json" 2>>"$d/err" || failed="$failed forecast0"
	"$BATON" status --no-options $opt --json "$d/plan.baton" >"$d/status.json" 2>>"$d/err" || failed="$failed status"
	"$BATON" risks $opt --json "$d/plan.baton" >"$d/risks.json" 2>>"$d/err" || failed="$failed risks"
	"$BATON" milestones $opt --format ical "$d/plan.baton" >"$d/milestones.ics" 2>>"$d/err" || failed="$failed milestones"
	"$BATON" report $opt -o "$d/report.html" "$d/plan.baton" 2>>"$d/err" || failed="$failed report"
	if [ -n "$failed" ]; then bad "consistency $ex@$asof: failed:$failed"; sed -n 1,10p "$d/err"; continue; fi
	ok
	if [ "$asof" = - ] && command -v curl >/dev/null; then
		# The server's API and page, with the CLI's default runs and
		# seed so the forecast is the same one.
		"$BATON" serve --runs 10000 --listen 127.0.0.1:0 "$d/plan.baton" 2>"$d/serve.err" &
		cs_pid=$!
		port=$(serve_port "$cs_pid" "$d/serve.err" 300)
		if [ -z "$port" ]; then
			bad "consistency $ex: baton serve did not start"; sed -n 1,5p "$d/serve.err"
		else
			for a in version schedule forecast status risks; do
				code=$(curl -s -m 60 -o "$d/api-$a.json" -w '%{http_code}' "http://127.0.0.1:$port/api/$a")
				[ "$code" = 200 ] && ok || bad "consistency $ex: serve /api/$a answered $code"
			done
			code=$(curl -s -m 60 -o "$d/page.html" -w '%{http_code}' "http://127.0.0.1:$port/")
			[ "$code" = 200 ] && ok || bad "consistency $ex: serve / answered $code"
		fi
		kill "$cs_pid" 2>/dev/null
		wait "$cs_pid" 2>/dev/null
		cs_pid=""
	fi
	cs_compare "$d"
done

# The comparison must catch a disagreement: a status whose PLANNED, P50
# and chance of one milestone are off, and a calendar that still calls
# the planned date a forecast and names it the old way.
d=$cs_dir/broken
mkdir -p "$d"
cp "$cs_dir/orders-migration@-/schedule.json" "$cs_dir/orders-migration@-/status.json" "$d/"
python3 - "$d/status.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
m = j["milestones"][1]
m["planned"], m["p50"], m["chance"] = "2027-01-01", "2027-01-02", 0.995
j["program_end"]["forecast"] = j["program_end"].pop("planned")
json.dump(j, open(sys.argv[1], "w"))
PY
if python3 tests/tools/consistency.py "$d" >"$d/result" 2>&1; then
	bad "consistency: a status that disagrees with the schedule passed"
elif grep -q "planned '2027-01-01'" "$d/result" && grep -q "old key 'forecast'" "$d/result" &&
     grep -q "RAG red but a >99% chance makes it green" "$d/result"; then ok
else bad "consistency: the broken status was caught for the wrong reasons"; cat "$d/result"; fi
unset cs_dir cs_pid d c ex asof opt failed port code a
