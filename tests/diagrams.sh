# tests/diagrams.sh: `baton graph`, `baton gantt` and `baton milestones`
# (sourced by tests/run.sh): golden outputs of both examples in every
# format, and structural checks that need no network: DOT parses (when
# Graphviz is installed) and has one node per task and milestone and one
# edge per dependency; Mermaid has its header and every id once; the
# iCalendar file has CRLF lines of at most 75 octets, balanced BEGIN/END
# and one VEVENT per milestone. UPDATE_GOLDEN=1 rewrites the goldens.
dg_dir=$OUT/diagrams-$(basename "$BUILD")
rm -rf "$dg_dir"
mkdir -p "$dg_dir"

dg_golden() { # NAME ARGS...: compare stdout of `baton ARGS` with tests/golden/NAME
	local name=$1 got rc
	shift
	got=$dg_dir/$name
	"$BATON" "$@" >"$got" 2>"$got.err"
	rc=$?
	if [ $rc != 0 ]; then bad "diagrams: baton $* exited $rc"; sed -n 1,10p "$got.err"; return 1; fi
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then cp "$got" "tests/golden/$name"; ok; return 0; fi
	if cmp -s "tests/golden/$name" "$got"; then ok
	else bad "diagrams: tests/golden/$name differs"; diff -u "tests/golden/$name" "$got" | head -30; fi
}

# The ids of a plan's tasks and milestones, and its dependency count
# (entries of `after` lines outside scenarios; the examples keep one
# `after` per line and no commas in comments on them).
dg_ids() { sed -n 's/^\(task\|milestone\) \([^ ]*\).*/\2/p' "$1"; }
dg_deps() { sed -n 's/#.*//; s/^  after //p' "$1" | tr ',' '\n' | grep -c .; }

for ex in orders-migration search-launch; do
	plan=examples/$ex.baton
	dg_ids "$plan" >"$dg_dir/$ex.ids"
	nodes=$(wc -l <"$dg_dir/$ex.ids")
	nms=$(grep -c '^milestone ' "$plan")
	deps=$(dg_deps "$plan")
	dg_golden "$ex.graph.dot" graph "$plan"
	dg_golden "$ex.graph.mmd" graph --format mermaid "$plan"
	dg_golden "$ex.gantt.mmd" gantt "$plan"
	dg_golden "$ex.milestones.txt" milestones "$plan"
	dg_golden "$ex.milestones.ics" milestones --format ical "$plan"
	# Levelled dates change with the levelling engine: no golden, but the
	# same structure.
	"$BATON" gantt --level "$plan" >"$dg_dir/$ex.level.gantt" 2>&1 || bad "diagrams: gantt --level $ex failed"
	dot=$dg_dir/$ex.graph.dot mmd=$dg_dir/$ex.graph.mmd gantt=$dg_dir/$ex.gantt.mmd ics=$dg_dir/$ex.milestones.ics

	# DOT: one node statement per task and milestone, one edge per dependency.
	n=$(grep -cE '^ +"[^"]+" \[label=' "$dot")
	e=$(grep -cE '^ +"[^"]+" -> "[^"]+"' "$dot")
	if [ "$n" = "$nodes" ] && [ "$e" = "$deps" ]; then ok
	else bad "diagrams: $ex DOT has $n nodes and $e edges, expected $nodes and $deps"; fi
	# Every id is declared exactly once.
	if sed -n 's/^ *"\([^"]*\)" \[label=.*/\1/p' "$dot" | sort | diff - <(sort "$dg_dir/$ex.ids") >/dev/null; then ok
	else bad "diagrams: $ex DOT node ids are not the plan's"; fi
	if [ "$(grep -c 'subgraph "cluster_' "$dot")" = "$(grep -c '^team ' "$plan")" ]; then ok
	else bad "diagrams: $ex DOT lacks a cluster per team"; fi
	if [ "$(grep -c 'shape=diamond' "$dot")" = "$nms" ]; then ok
	else bad "diagrams: $ex DOT milestones are not diamonds"; fi
	if command -v dot >/dev/null 2>&1; then
		if dot -Tsvg "$dot" >"$dg_dir/$ex.svg" 2>"$dg_dir/$ex.dot.err" && grep -q '<svg' "$dg_dir/$ex.svg"; then ok
		else bad "diagrams: dot -Tsvg rejects $ex.graph.dot"; sed -n 1,5p "$dg_dir/$ex.dot.err"; fi
	fi

	# Mermaid flowchart: header, one node per id, one link per dependency,
	# and linkStyle indices that exist.
	if [ "$(head -n 1 "$mmd")" = "flowchart LR" ]; then ok; else bad "diagrams: $ex mermaid graph header"; fi
	n=$(grep -cE '^ +[A-Za-z0-9_]+(\["|\{")' "$mmd")
	e=$(grep -cE '^ +[A-Za-z0-9_]+ -->' "$mmd")
	if [ "$n" = "$nodes" ] && [ "$e" = "$deps" ]; then ok
	else bad "diagrams: $ex mermaid graph has $n nodes and $e links, expected $nodes and $deps"; fi
	if [ "$(grep -c '^  subgraph ' "$mmd")" = "$(grep -c '^  end$' "$mmd")" ]; then ok
	else bad "diagrams: $ex mermaid subgraph/end unbalanced"; fi
	maxl=$(sed -n 's/^  linkStyle \([0-9,]*\) .*/\1/p' "$mmd" | tr ',' '\n' | sort -n | tail -n 1)
	if [ -n "$maxl" ] && [ "$maxl" -lt "$deps" ]; then ok
	else bad "diagrams: $ex mermaid linkStyle index '$maxl' out of range"; fi

	# Late milestones: the ones `status` rates red or amber (same seed and
	# runs) carry a "late:" line in DOT and the class late in Mermaid.
	late=$("$BATON" status --json "$plan" 2>/dev/null | python3 -c '
import json, sys
print(" ".join(sorted(m["id"] for m in json.load(sys.stdin)["milestones"] if m.get("rag") in ("red", "amber"))))')
	dlate=$(sed -n 's/^  "\([^"]*\)" \[label=.*\\nlate: .*/\1/p' "$dot" | sort | tr '\n' ' ' | sed 's/ $//')
	mlate=$(grep -c '^  m_[A-Za-z0-9_]*{".*<br/>late: P50 ' "$mmd")
	if [ "$dlate" = "$late" ] && [ "$mlate" = "$(echo $late | wc -w)" ] &&
	   { [ -z "$late" ] || grep -q '^  class m_.* late$' "$mmd"; }; then ok
	else bad "diagrams: $ex late milestones: status says '$late', DOT marks '$dlate', Mermaid $mlate"; fi

	# Mermaid gantt: header lines; every task and milestone once by id,
	# with a start and an end date, the end after the start for tasks.
	if [ "$(head -n 1 "$gantt")" = gantt ] && grep -qx '  dateFormat YYYY-MM-DD' "$gantt" &&
	   grep -q '^  excludes weekends' "$gantt"; then ok
	else bad "diagrams: $ex gantt header"; fi
	awk -F' :' '/^  [^ ]/ && / :/ {n = split($NF, f, ", "); print f[n - 2]}' "$gantt" | sort >"$dg_dir/$ex.gantt.ids"
	if sort "$dg_dir/$ex.ids" | diff - "$dg_dir/$ex.gantt.ids" >/dev/null; then ok
	else bad "diagrams: $ex gantt ids differ from the plan's"; sort "$dg_dir/$ex.ids" | diff - "$dg_dir/$ex.gantt.ids" | head -5; fi
	if awk -F' :' '/^  [^ ]/ && / :/ {n = split($NF, f, ", "); if (!(f[n-1] ~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$/) || !(f[n] ~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$/) || f[n] < f[n-1]) bad = 1}
	       END {exit bad}' "$gantt"; then ok
	else bad "diagrams: $ex gantt has a task without START <= END dates"; fi
	if [ "$(grep -c ':milestone, ' "$gantt")" = "$nms" ]; then ok
	else bad "diagrams: $ex gantt milestone count"; fi
	awk -F' :' '/^  [^ ]/ && / :/ {n = split($NF, f, ", "); print f[n - 2]}' "$dg_dir/$ex.level.gantt" | sort >"$dg_dir/$ex.level.ids"
	if cmp -s "$dg_dir/$ex.gantt.ids" "$dg_dir/$ex.level.ids"; then ok
	else bad "diagrams: $ex gantt --level ids differ from the plan's"; fi

	# iCalendar: CRLF everywhere, lines of at most 75 octets, balanced
	# components, one VEVENT per milestone (and per commitment with --commits).
	if ! LC_ALL=C grep -qv $'\r$' "$ics"; then ok; else bad "diagrams: $ex.ics has a line without CRLF"; fi
	if LC_ALL=C awk '{sub(/\r$/, ""); if (length($0) > 75) bad = 1} END {exit bad}' "$ics"; then ok
	else bad "diagrams: $ex.ics has a line longer than 75 octets"; fi
	if [ "$(grep -c '^BEGIN:VEVENT' "$ics")" = "$nms" ] && [ "$(grep -c '^END:VEVENT' "$ics")" = "$nms" ] &&
	   [ "$(head -n 1 "$ics")" = $'BEGIN:VCALENDAR\r' ] && [ "$(tail -n 1 "$ics")" = $'END:VCALENDAR\r' ] &&
	   grep -q $'^VERSION:2.0\r$' "$ics" && grep -q '^PRODID:' "$ics"; then ok
	else bad "diagrams: $ex.ics structure (expected $nms VEVENTs)"; fi
	if [ "$(grep -c '^UID:' "$ics")" = "$(grep '^UID:' "$ics" | sort -u | wc -l)" ]; then ok
	else bad "diagrams: $ex.ics UIDs are not unique"; fi
	"$BATON" milestones --format ical --commits "$plan" >"$dg_dir/$ex.commits.ics" 2>&1
	if [ "$(grep -c '^BEGIN:VEVENT' "$dg_dir/$ex.commits.ics")" = $((nms + $(sed -n '/^milestone /,/^$/p' "$plan" | grep 'commit 20' | grep -vc ' since '))) ]; then ok
	else bad "diagrams: $ex --commits: expected one more VEVENT per committed milestone"; fi
	# Unfolded, every line is NAME[;PARAMS]:VALUE.
	if LC_ALL=C awk 'BEGIN {RS = "\r\n"} /^ / {next} !/^[A-Z-]+(;[^:]*)?:/ {bad = 1} END {exit bad}' "$ics"; then ok
	else bad "diagrams: $ex.ics has a malformed content line"; fi
done

# The same status date gives the same calendar: DTSTAMP comes from it.
"$BATON" milestones --format ical --as-of 2027-01-29 examples/orders-migration.baton >"$dg_dir/a.ics" 2>&1
if grep -q $'^DTSTAMP:20270129T000000Z\r$' "$dg_dir/a.ics"; then ok; else bad "diagrams: DTSTAMP not from --as-of"; fi

# Escaping: ids with '-' and '.', titles with quotes, colons, semicolons,
# commas, backslashes and a title longer than a calendar line.
cat >"$dg_dir/odd.baton" <<'PLAN'
program odd.prog "Odd \"quoted\" program; a, b"
  start 2027-01-04

team t-1.a "Team \"one\": A" capacity 2

milestone m.1 "Launch: \"big\" day; \\o/, with a title long enough to be folded at seventy-five octets — twice over, é and ü" commit 2027-01-29
  after a.b-c

task a.b-c "Say \"hi\"; then: leave (quickly) #1"
  team t-1.a estimate 3d
task end "The end"
  team t-1.a estimate 1d
  after a.b-c ss +1d
task done "Done"
  team t-1.a estimate 1d
  after end
PLAN
for f in "graph:odd.dot" "graph --format mermaid:odd.mmd" "gantt:odd.gantt" "milestones --format ical:odd.ics"; do
	if "$BATON" ${f%%:*} "$dg_dir/odd.baton" >"$dg_dir/${f#*:}" 2>"$dg_dir/odd.err"; then ok
	else bad "diagrams: baton ${f%%:*} on odd ids failed"; sed -n 1,5p "$dg_dir/odd.err"; fi
done
if command -v dot >/dev/null 2>&1; then
	if dot -Tsvg "$dg_dir/odd.dot" >/dev/null 2>&1; then ok; else bad "diagrams: dot rejects odd.dot"; fi
fi
if grep -q '"a.b-c" -> "end" \[label="SS +1d"\]' "$dg_dir/odd.dot" && grep -q 'Say \\"hi\\"' "$dg_dir/odd.dot"; then ok
else bad "diagrams: DOT quoting of ids and titles"; fi
if grep -q 't_a_b_c\["a.b-c<br/>Say #quot;hi#quot;' "$dg_dir/odd.mmd" && grep -q 't_a_b_c -->|"SS +1d"| t_end' "$dg_dir/odd.mmd"; then ok
else bad "diagrams: Mermaid ids and label escaping"; fi
if grep -q '^  Say "hi", then - leave \[quickly\] 1 :crit, a.b-c, ' "$dg_dir/odd.gantt" &&
   grep -q ' :crit, id:done, ' "$dg_dir/odd.gantt" && grep -q '^  section Team "one" - A$' "$dg_dir/odd.gantt"; then ok
else bad "diagrams: gantt text sanitising"; grep -n ' :' "$dg_dir/odd.gantt"; fi
if LC_ALL=C awk '{sub(/\r$/, ""); if (length($0) > 75) bad = 1} END {exit bad}' "$dg_dir/odd.ics" &&
   grep -q '^UID:m.1@odd.prog' "$dg_dir/odd.ics" &&
   tr -d '\r' <"$dg_dir/odd.ics" | awk '/^ /{printf "%s", substr($0, 2); next} {printf "\n%s", $0}' |
   grep -q '^SUMMARY:Launch: "big" day\\; \\\\o/\\, with a title long enough to be folded at seventy-five octets — twice over\\, é and ü: P50\\, GREEN (100% chance of the commit 2027-01-29)$'; then ok
else bad "diagrams: iCalendar TEXT escaping and folding"; grep -a -n 'SUMMARY' -A3 "$dg_dir/odd.ics"; fi
# Folding never splits a UTF-8 sequence: every physical line is valid UTF-8.
if python3 -c 'import sys; [l.decode("utf-8") for l in open(sys.argv[1], "rb").read().split(b"\r\n")]' "$dg_dir/odd.ics" 2>/dev/null; then ok
else bad "diagrams: folding split a UTF-8 sequence"; fi

# Usage errors exit 2 with a hint; --help exits 0.
for args in "graph --format svg" "gantt --format dot" "milestones --format json" "graph --bogus" \
	    "graph --as-of 2027-02-30" "gantt --commits" "gantt --runs 10" "milestones --runs x" "milestones" "graph a b"; do
	"$BATON" $args examples/orders-migration.baton >/dev/null 2>"$dg_dir/usage.err"
	rc=$?
	[ "$args" = milestones ] && { [ $rc = 0 ] && ok || bad "diagrams: 'baton milestones PLAN' exited $rc"; continue; }
	if [ $rc = 2 ] && grep -q "Try 'baton ${args%% *} --help'" "$dg_dir/usage.err"; then ok
	else bad "diagrams: 'baton $args PLAN' exited $rc, expected 2 and a hint"; cat "$dg_dir/usage.err"; fi
done
for c in graph gantt milestones; do
	if "$BATON" $c --help | grep -q "^usage: baton $c"; then ok; else bad "diagrams: $c --help"; fi
done
unset dg_dir plan nodes nms deps dot mmd gantt ics n e maxl
