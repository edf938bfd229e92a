# tests/history.sh: the history (sourced by tests/run.sh).
# The database survives kill -9: recorders are started with a pause inside
# their transaction (BATON_TEST_RECORD_DELAY_MS) and killed at random
# points; then the database must pass PRAGMA integrity_check, no record may
# be half written, every recorder that exited 0 must have its record (the
# current one of the date, or in the audit trail: they all record the same
# status date, so each replaces the one before), and no record may appear
# twice. Then the text files beside the plan (docs/status.md, "Where the
# history lives"): round trip, rebuilt index, replacement, migration, and
# two branches merged by git.
hist_dir=$OUT/history-$(basename "$BUILD")
rm -rf "$hist_dir"
mkdir -p "$hist_dir"
hdb=$hist_dir/kill.db
plan=examples/orders-migration.baton
iters=${BATON_KILL_ITERS:-60}
completed=""
for i in $(seq 1 "$iters"); do
	BATON_NOW=run-$i BATON_TEST_RECORD_DELAY_MS=$((RANDOM % 40)) \
		"$BATON" status --no-options --record --history "$hdb" "$plan" >/dev/null 2>"$hist_dir/run.err" &
	pid=$!
	sleep "0.0$((RANDOM % 8))"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	[ $? = 0 ] && completed="$completed run-$i"
done
if "$BATON" history --check --history "$hdb" "$plan" >"$hist_dir/check.out" 2>&1; then ok
else bad "history: integrity check after $iters kills"; cat "$hist_dir/check.out"; fi
"$BATON" history --all --json --history "$hdb" "$plan" >"$hist_dir/h.json" 2>"$hist_dir/h.err"
n=$(sed -n 's/.*: ok, \([0-9]*\) records\{0,1\}$/\1/p' "$hist_dir/check.out")
tags=$(grep -o '"recorded_at": "run-[0-9]*"' "$hist_dir/h.json" | sed 's/.*"\(run-[0-9]*\)"/\1/' | sort)
ntags=$(echo "$tags" | grep -c run- )
nuniq=$(echo "$tags" | sort -u | grep -c run-)
ncomp=$(echo $completed | wc -w)
if [ "${n:-2}" -le 1 ] && [ "$ntags" = "$nuniq" ]; then ok
else bad "history: $n records of one date (one at most), $ntags listed, $nuniq distinct"; fi
lost=""
for t in $completed; do echo "$tags" | grep -qx "$t" || lost="$lost $t"; done
if [ -z "$lost" ] && [ "$ntags" -ge "$ncomp" ]; then ok
else bad "history: completed recorders lost their records:$lost ($ntags records, $ncomp completed)"; fi
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
		( "$BATON" status --no-options --record --runs 50 "$hist_dir/conc/p.baton" >/dev/null 2>>"$hist_dir/conc/err" ||
		  echo "fail $i" >>"$hist_dir/conc/fails" ) &
	done
	wait
	# One status date: one record, the seven before it in the audit
	# trail, each in its own file.
	n=$(python3 -c 'import sqlite3,sys; d=sqlite3.connect(sys.argv[1]); print(d.execute("select count(*) from records").fetchone()[0], d.execute("select count(*) from replaced").fetchone()[0])' \
		"$hist_dir/conc/.baton/history.db" 2>/dev/null)
	nf=$(find "$hist_dir/conc/history" -name '*.json' | wc -l)
	if [ ! -s "$hist_dir/conc/fails" ] && [ "$n" = "1 7" ] && [ "$nf" = 8 ]; then ok
	else bad "history: 8 concurrent first recorders: ${n:-no} records and replaced, $nf files, $(wc -l <"$hist_dir/conc/fails" 2>/dev/null || echo 0) failed"; grep -v 'recorded\|created' "$hist_dir/conc/err" | head -3; fi
done

# --- The text files beside the plan ----------------------------------
# hs_rec DIR DATE [ARGS]: record DATE of DIR/p.baton at a fixed time.
hs_rec() {
	local d=$1 date=$2
	shift 2
	BATON_NOW=${date}T17:00:00Z "$BATON" status --no-options --as-of "$date" --record --runs 200 "$@" "$d/p.baton" \
		>/dev/null 2>>"$hist_dir/files.err"
}
hs=$hist_dir/files
rm -rf "$hs" && mkdir -p "$hs"
cp examples/orders-migration.baton "$hs/p.baton"
for d in 2027-01-15 2027-01-22 2027-01-29; do hs_rec "$hs" $d || bad "history: recording $d failed"; done
hs_list=$(cd "$hs" && find history -type f | sort | tr '\n' ' ')
if [ "$hs_list" = "history/orders-migration/2027-01-15.json history/orders-migration/2027-01-22.json history/orders-migration/2027-01-29.json " ]
then ok; else bad "history: 3 weeks recorded, files: $hs_list"; fi
# Sorted keys, two spaces, one field per line, a newline at the end.
if python3 - "$hs/history/orders-migration/2027-01-22.json" <<'PY'
import json, sys
t = open(sys.argv[1]).read()
o = json.loads(t)
want = json.dumps(o, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
assert t == want, "not canonical"
assert o["recorded_at"] == "2027-01-22T17:00:00Z" and o["status"]["as_of"] == "2027-01-22"
assert sorted(o) == ["audience", "format", "plan", "recorded_at", "status", "text"]
PY
then ok; else bad "history: a record's file is not sorted, indented JSON with every field"; fi
if [ -f "$hs/.baton/.gitignore" ] && grep -qx '\*' "$hs/.baton/.gitignore"; then ok
else bad "history: .baton/ does not ignore itself"; fi
"$BATON" history "$hs/p.baton" >"$hist_dir/h1.txt" 2>&1
"$BATON" history --json "$hs/p.baton" >"$hist_dir/h1.json" 2>&1
# The index deleted: rebuilt from the files, the same history.
rm -rf "$hs/.baton"
"$BATON" history "$hs/p.baton" >"$hist_dir/h2.txt" 2>"$hist_dir/h2.err"
"$BATON" history --json "$hs/p.baton" >"$hist_dir/h2.json" 2>&1
if cmp -s "$hist_dir/h1.txt" "$hist_dir/h2.txt" && cmp -s "$hist_dir/h1.json" "$hist_dir/h2.json" && [ -f "$hs/.baton/history.db" ]
then ok; else bad "history: the index rebuilt from the files gives another history"; diff "$hist_dir/h1.txt" "$hist_dir/h2.txt" | head -5; fi
# A file edited by hand (the same size, so only its time tells): the
# index follows it.
sed -i 's/"recorded_at": "2027-01-22T17:00:00Z"/"recorded_at": "2027-01-22T18:00:00Z"/' \
	"$hs/history/orders-migration/2027-01-22.json"
touch -d '2030-01-01' "$hs/history/orders-migration/2027-01-22.json"
if "$BATON" history "$hs/p.baton" 2>&1 | grep -q '2027-01-22T18:00:00Z'; then ok
else bad "history: an edited file is not in the index"; fi
if "$BATON" history --check "$hs/p.baton" >"$hist_dir/chk.out" 2>&1 && grep -q 'ok, 3 records' "$hist_dir/chk.out"; then ok
else bad "history --check on the files"; cat "$hist_dir/chk.out"; fi
# The same date again: one record, the earlier one in replaced/ and --all.
BATON_NOW=2027-01-30T09:00:00Z "$BATON" status --no-options --as-of 2027-01-29 --record --runs 200 --for exec "$hs/p.baton" >/dev/null 2>&1 ||
	bad "history: recording 2027-01-29 again failed"
"$BATON" history --json --all "$hs/p.baton" >"$hist_dir/all.json" 2>&1
if python3 - "$hist_dir/all.json" "$hs" <<'PY'
import json, sys, os
d = json.load(open(sys.argv[1]))
recs = [r for r in d["records"] if r["as_of"] == "2027-01-29"]
assert len(d["records"]) == 3 and len(recs) == 1 and recs[0]["recorded_at"] == "2027-01-30T09:00:00Z", d["records"]
assert d["replaced"] == [{"as_of": "2027-01-29", "recorded_at": "2027-01-29T17:00:00Z", "replaced_by": "2027-01-30T09:00:00Z",
                          "rag": d["replaced"][0]["rag"], "audience": "all", "format": "text"}], d["replaced"]
assert os.path.exists(sys.argv[2] + "/history/orders-migration/replaced/2027-01-29.2027-01-29T170000Z.json")
PY
then ok; else bad "history: recording a date twice does not replace it, or --all does not show the replaced record"; cat "$hist_dir/all.json" | head -20; fi
if "$BATON" history --all "$hs/p.baton" 2>&1 | grep -Eq '^  2027-01-29  2027-01-29T17:00:00Z  2027-01-30T09:00:00Z'; then ok
else bad "history --all: no audit trail in the text"; fi
# A damaged file: located, exit 2, never skipped.
cp "$hs/history/orders-migration/2027-01-15.json" "$hist_dir/keep.json"
sed -i 's/"audience": "all"/"audience": all/' "$hs/history/orders-migration/2027-01-15.json"
"$BATON" history "$hs/p.baton" >/dev/null 2>"$hist_dir/bad.err"
rc=$?
if [ $rc = 2 ] && grep -q '^.*history/orders-migration/2027-01-15.json:2:[0-9]*: error: not JSON' "$hist_dir/bad.err" &&
   grep -q 'hint: ' "$hist_dir/bad.err"; then ok
else bad "history: a damaged file (exit $rc)"; cat "$hist_dir/bad.err"; fi
"$BATON" status --no-options --runs 0 "$hs/p.baton" >/dev/null 2>"$hist_dir/bad2.err"
if [ $? = 2 ]; then ok; else bad "status with a damaged history file does not refuse"; fi
cp "$hist_dir/keep.json" "$hs/history/orders-migration/2027-01-15.json"
# A status nested deeper than the writer can write it back (31 levels,
# itself included: the index keeps a copy, and replaced/ the file) is
# located; 31 levels read.
hdeep() { # LEVELS: the status of 2027-01-15 with a member nested that deep in all
	python3 - "$hist_dir/keep.json" "$hs/history/orders-migration/2027-01-15.json" "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
v = 0
for _ in range(int(sys.argv[3]) - 1):
    v = [v]
d["status"]["deep"] = v
open(sys.argv[2], "w").write(json.dumps(d, indent=2, sort_keys=True) + "\n")
PY
}
hdeep 32
"$BATON" history "$hs/p.baton" >/dev/null 2>"$hist_dir/deep.err"
rc=$?
if [ $rc = 2 ] && grep -q 'history/orders-migration/2027-01-15.json:[0-9]*:[0-9]*: error: the status nests more than 31 arrays and objects deep' "$hist_dir/deep.err"
then ok; else bad "history: a status nested 32 deep (exit $rc)"; cat "$hist_dir/deep.err"; fi
hdeep 31
if "$BATON" history "$hs/p.baton" >/dev/null 2>"$hist_dir/deep.err"; then ok
else bad "history: a status nested 31 deep does not read"; cat "$hist_dir/deep.err"; fi
cp "$hist_dir/keep.json" "$hs/history/orders-migration/2027-01-15.json"

# An index written by an older baton (no files): written out once.
hm=$hist_dir/migrate
rm -rf "$hm" && mkdir -p "$hm/.baton"
cp examples/orders-migration.baton "$hm/p.baton"
for d in 2027-01-15 2027-01-22 2027-01-22; do
	BATON_NOW=${d}T1$((RANDOM % 9)):00:00Z "$BATON" status --no-options --as-of $d --record --runs 200 --history "$hm/.baton/history.db" \
		"$hm/p.baton" >/dev/null 2>&1 || bad "history: recording $d into a lone index failed"
done
[ -d "$hm/history" ] && bad "history: --history alone wrote text files"
"$BATON" history --all "$hm/p.baton" --history "$hm/.baton/history.db" >"$hist_dir/m1.txt" 2>&1
"$BATON" history --all "$hm/p.baton" >"$hist_dir/m2.txt" 2>"$hist_dir/m2.err"
nf=$(find "$hm/history" -name '*.json' 2>/dev/null | wc -l)
if grep -q 'wrote the 3 records of .* out as files' "$hist_dir/m2.err" && [ "$nf" = 3 ] && cmp -s "$hist_dir/m1.txt" "$hist_dir/m2.txt"
then ok; else bad "history: an older index is not written out as files ($nf files)"; cat "$hist_dir/m2.err"; diff "$hist_dir/m1.txt" "$hist_dir/m2.txt" | head; fi
"$BATON" history "$hm/p.baton" >/dev/null 2>"$hist_dir/m3.err"
if [ ! -s "$hist_dir/m3.err" ]; then ok; else bad "history: written out twice"; cat "$hist_dir/m3.err"; fi

# Two TPMs record different weeks on two branches: git merges them
# without a conflict, and the history after the merge has both.
if command -v git >/dev/null; then
	hg=$hist_dir/git
	rm -rf "$hg" && mkdir -p "$hg"
	cp examples/orders-migration.baton "$hg/p.baton"
	hgit() { git -C "$hg" -c user.name=t -c user.email=t@example.com -c commit.gpgsign=false "$@" >>"$hist_dir/git.log" 2>&1; }
	hgit init -q -b main
	hs_rec "$hg" 2027-01-15
	hgit add -A && hgit commit -qm week1
	hgit checkout -q -b ana
	hs_rec "$hg" 2027-01-22
	hgit add -A && hgit commit -qm week2
	hgit checkout -q main
	hs_rec "$hg" 2027-01-29
	hgit add -A && hgit commit -qm week3
	if hgit merge -q --no-edit ana && [ -z "$(git -C "$hg" status --porcelain)" ]; then ok
	else bad "history: git merge of two branches' weeks conflicts"; tail -5 "$hist_dir/git.log"; fi
	if git -C "$hg" ls-files | grep -q '^\.baton'; then bad "history: .baton/ went into git"; else ok; fi
	"$BATON" history --json "$hg/p.baton" >"$hist_dir/git.json" 2>&1
	if [ "$(grep -c '"recorded_at"' "$hist_dir/git.json")" = 3 ] && grep -q '"as_of": "2027-01-22"' "$hist_dir/git.json" &&
	   grep -q '"as_of": "2027-01-29"' "$hist_dir/git.json"; then ok
	else bad "history: after the merge the history lacks a week"; head -20 "$hist_dir/git.json"; fi
fi
unset hist_dir hdb iters completed n nf tags ntags nuniq ncomp lost hs hs_list hm hg rc
