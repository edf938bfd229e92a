# tests/status.sh: golden outputs of the weekly-status commands (sourced by
# tests/run.sh). For each example at two status dates: `status` for every
# audience in text and Markdown, and in JSON; `risks`, `decisions` and
# `agenda` in every format. The first date is recorded into a fresh history
# (BATON_NOW fixed), so the second date's "changes since" come from that
# record, and the history itself is a golden too (a round trip).
# UPDATE_GOLDEN=1 rewrites the goldens (review the diff).
status_cases="orders-migration:2027-01-29:2027-02-05 search-launch:2027-03-19:2027-03-26"
st_dir=$OUT/status-$(basename "$BUILD")
rm -rf "$st_dir"
mkdir -p "$st_dir"

# st_golden NAME CMD...: run CMD, compare stdout with tests/golden/NAME.
st_golden() {
	local name=$1 got
	shift
	got=$st_dir/$name
	if ! BATON_NOW=2027-01-01T00:00:00Z "$@" >"$got" 2>"$got.err"; then
		bad "status golden $name: '$*' failed"; sed -n 1,10p "$got.err"; return
	fi
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then cp "$got" "tests/golden/$name"; ok; return; fi
	if diff -u "tests/golden/$name" "$got" >"$got.diff"; then ok
	else bad "status golden: tests/golden/$name differs"; head -30 "$got.diff"; fi
}

for c in $status_cases; do
	ex=${c%%:*}; rest=${c#*:}; d1=${rest%%:*}; d2=${rest#*:}
	plan=examples/$ex.baton
	db=$st_dir/$ex.history.db
	for d in $d1 $d2; do
		tag=$ex@$d
		for w in all exec eng pm; do
			f=""; [ $w = all ] || f="--for $w"
			# The recovery options (a search per red commitment) once:
			# tests/recover.sh covers them; here orders' second week.
			no=--no-options
			[ "$tag.$w" = orders-migration@2027-02-05.all ] && no=
			st_golden "$tag.status$([ $w = all ] || echo .$w).txt" "$BATON" status $no --as-of $d $f --history "$db" "$plan"
			st_golden "$tag.status$([ $w = all ] || echo .$w).md" "$BATON" status --no-options --as-of $d $f --markdown --history "$db" "$plan"
		done
		st_golden "$tag.status.json" "$BATON" status --no-options --as-of $d --json --history "$db" "$plan"
		if [ $d = $d1 ]; then
			# Record the first date; the second compares with the record.
			if BATON_NOW=2027-01-01T00:00:00Z "$BATON" status --no-options --as-of $d --record --history "$db" "$plan" >/dev/null 2>"$st_dir/rec.err"
			then ok; else bad "status --record $tag failed"; cat "$st_dir/rec.err"; fi
		fi
	done
	for r in risks decisions agenda; do
		st_golden "$ex@$d2.$r.txt" "$BATON" $r --as-of $d2 "$plan"
		st_golden "$ex@$d2.$r.md" "$BATON" $r --as-of $d2 --markdown "$plan"
		st_golden "$ex@$d2.$r.json" "$BATON" $r --as-of $d2 --json "$plan"
	done
	BATON_NOW=2027-01-08T00:00:00Z "$BATON" status --no-options --as-of $d2 --record --history "$db" "$plan" >/dev/null 2>&1 || bad "record $ex@$d2"
	st_golden "$ex.history.txt" "$BATON" history --history "$db" "$plan"
	st_golden "$ex.history.json" "$BATON" history --history "$db" "$plan" --json
	# The JSON status carries rag and reasons at the top and per milestone.
	if grep -q '"rag": "\(green\|amber\|red\)"' "$st_dir/$ex@$d2.status.json" &&
	   grep -q '"reasons": \[' "$st_dir/$ex@$d2.status.json"; then ok
	else bad "status json of $ex lacks rag/reasons"; fi
done
# Each fact once: an overdue decision that blocks every milestone is one
# cause naming them all, the headline's driver; the program row is the
# milestone that ends it. Without a forecast (a chain of work is the
# fallback) and with one, for everyone, executives and machines.
dp=tests/golden/status-decision.baton
st_golden status-decision.runs0.txt "$BATON" status --runs 0 "$dp"
st_golden status-decision.exec.runs0.txt "$BATON" status --runs 0 --for exec "$dp"
st_golden status-decision.txt "$BATON" status "$dp"
st_golden status-decision.exec.md "$BATON" status --for exec --markdown "$dp"
st_golden status-decision.json "$BATON" status --json "$dp"
if python3 - "$st_dir/status-decision.json" >"$st_dir/status-decision.out" 2>&1 <<'PY'
import json, sys
st = json.load(open(sys.argv[1]))
dec = [c for c in st["causes"] if c["kind"] == "decision"]
assert len(dec) == 1 and dec[0]["subject"] == "provider", st["causes"]
assert dec[0]["milestones"] == ["alpha", "beta", "ga"], dec[0]
assert st["driver"]["cause"] == 0 and st["driver"]["kind"] == "decision", st["driver"]
assert st["program_end"]["same_as"] == "ga"
assert len(st["reasons"]) == len(st["causes"])
PY
then ok; else bad "status: an overdue decision blocking three milestones is not one cause"; cat "$st_dir/status-decision.out"; fi
# A zero-length task finishes on its start day in `status --json` as in
# `schedule --json` (docs/commands.md: finish = start), never the working
# day before.
cat >"$st_dir/zero.baton" <<'PLAN'
program zero "Zero-length work"
  start 2027-01-04
  commit 2027-02-26
team a "A" capacity 2
task build "Build"
  team a estimate 5d
task signoff "Sign-off"
  team a estimate 0d
  after build
task ship "Ship"
  team a estimate 3d
  after signoff
milestone done "Done" commit 2027-02-01
  after ship
status 2027-01-05
  build started 2027-01-04 remaining 4d
PLAN
"$BATON" schedule --json "$st_dir/zero.baton" >"$st_dir/zero.schedule.json" 2>/dev/null
"$BATON" status --json --runs 0 "$st_dir/zero.baton" >"$st_dir/zero.status.json" 2>/dev/null
if python3 - "$st_dir/zero.schedule.json" "$st_dir/zero.status.json" >"$st_dir/zero.out" 2>&1 <<'PY'
import json, sys
sched, stat = (json.load(open(f)) for f in sys.argv[1:3])
want = {t["id"]: (t["start"], t["finish"]) for t in sched["tasks"]}
got = {t["id"]: (t["start"], t["finish"]) for t in stat["tasks"]}
assert want["signoff"][0] == want["signoff"][1], f"schedule: signoff {want['signoff']}"
assert got == want, f"status {got} != schedule {want}"
PY
then ok; else bad "status --json: a zero-length task's finish differs from the schedule's"; cat "$st_dir/zero.out"; fi
# A decision raised on one date and decided on another: open (needed) as
# of a date before it was decided, "taken since the last update" in the
# week it was decided, with how late it was; OWNER is the owner, not `from`.
cat >"$st_dir/dec.baton" <<'EOF_PLAN'
program p "P"
  start 2027-01-04
team t capacity 2
task a team t estimate 10d
decision d "Pick the database"
  date 2027-01-05  need-by 2027-01-12  decided 2027-01-15
  owner "Ana"  from "VP Eng"
  links a
status 2027-01-08
  a started 2027-01-04 remaining 6d
status 2027-01-15
  a remaining 3d
EOF_PLAN
"$BATON" status --as-of 2027-01-08 "$st_dir/dec.baton" >"$st_dir/dec-early.out" 2>&1
"$BATON" status "$st_dir/dec.baton" >"$st_dir/dec.out" 2>&1
"$BATON" decisions "$st_dir/dec.baton" >"$st_dir/dec-log.out" 2>&1
if grep -A2 "^Decisions needed" "$st_dir/dec-early.out" | grep -q "^  d  *Pick the database  *VP Eng  *2027-01-12" &&
   grep -A1 "^Decisions taken since the last update" "$st_dir/dec.out" | grep -qF -- "- 2027-01-15 d: Pick the database — Ana (3 days after it was needed, 2027-01-12)" &&
   grep -q "^  d  *decided  *2027-01-05  *2027-01-12  *2027-01-15  *Ana  *3d late" "$st_dir/dec-log.out"; then ok
else bad "status: a decision's raised and decided dates"; cat "$st_dir/dec-early.out" "$st_dir/dec.out" "$st_dir/dec-log.out"; fi

# Baselines: the commitment in force follows the status date, with or
# without a forecast (the previous update's schedule, built on the way, has
# its own), and the original and the change come with it.
for st_args in "" "--runs 0"; do
	"$BATON" status $st_args --json examples/orders-migration.baton >"$st_dir/base.json" 2>&1
	"$BATON" status $st_args --json --as-of 2027-01-29 examples/orders-migration.baton >"$st_dir/base-early.json" 2>&1
	if python3 - "$st_dir/base.json" "$st_dir/base-early.json" <<'PY'
import json, sys
now, early = (next(m for m in json.load(open(f))["milestones"] if m["id"] == "cutover") for f in sys.argv[1:])
assert now["commit"] == "2027-04-30" and now["original_commit"] == "2027-04-16", now
assert now["commit_changes"] == [{"date": "2027-04-30", "since": "2027-02-03", "by": "cutover-window",
                                  "reason": "Q1 close freezes order writes until April 23"}], now
assert now["commit_story"].startswith("committed 2027-04-16, moved to 2027-04-30 on 2027-02-03 by decision cutover-window")
assert early["commit"] == "2027-04-16" and early["commit_changes"] == [] and early["commit_story"] is None, early
PY
	then ok; else bad "status $st_args: the cutover's commitment in force and its baseline"; fi
done


# Slips with their causes (tests/data/slips): week1.baton is recorded as of
# 2027-01-08; week2.baton, the plan a week later, is assessed against that
# record, critical path and levelled. Each cause must be named: (a) a
# re-estimate moving the milestone, (b) a late start, (c) the chain after
# build grouped under it, (d) the risk that occurred, (e) team b's
# capacity (levelled), (f) the task added; and "what is being done"
# answers the slip first (build's note) or says nothing is yet.
sl_db=$st_dir/slips.db
if BATON_NOW=2027-01-01T00:00:00Z "$BATON" status --as-of 2027-01-08 --record --history "$sl_db" tests/data/slips/week1.baton >/dev/null 2>&1
then ok; else bad "slips: recording week 1 failed"; fi
st_golden slips@2027-01-15.status.txt "$BATON" status --as-of 2027-01-15 --history "$sl_db" tests/data/slips/week2.baton
st_golden slips@2027-01-15.status.level.txt "$BATON" status --level --as-of 2027-01-15 --history "$sl_db" tests/data/slips/week2.baton
st_golden slips@2027-01-15.status.json "$BATON" status --as-of 2027-01-15 --json --history "$sl_db" tests/data/slips/week2.baton
sl=$st_dir/slips@2027-01-15.status.txt
sll=$st_dir/slips@2027-01-15.status.level.txt
slc() { grep -qF -- "$2" "$1" && ok || { bad "slips: $3 not named: '$2'"; sed -n '/^What is/,$p' "$1" | head -30; }; }
slc "$sl" "Slipped +5 days: build (a) now finishes 2027-01-29, was 2027-01-22: build re-estimated from 8d 10d 14d to 12d 15d 20d in the status of 2027-01-15" "(a) re-estimate"
slc "$sl" "because of client (scope added), build (re-estimated)" "(a) the milestone's CHANGE cause"
slc "$sl" "prep was due to start 2027-01-11 and has not started; moving rollout +5" "(b) late start"
slc "$sl" "risk vendor occurred since 2027-01-08; moving api +5, docs +5" "(c) descendants under the root, (d) risk occurred"
slc "$sll" "client (b) now finishes 2027-02-23, was 2027-02-05: team b's capacity fell from 2 to 1" "(e) capacity change"
slc "$sl" "client now waits for security, added since 2027-01-08" "(f) task added"
slc "$sl" "build (+5 days, re-estimated from 8d 10d 14d to 12d 15d 20d): Vendor parts arrived a week late; second vendor engaged" "the note answering the slip"
slc "$sl" "Nothing is being done about client yet" "an unanswered slip"
# Without a record, from the plan's own previous block: the re-estimate,
# late start and chain still come from the status blocks.
"$BATON" status --as-of 2027-01-15 tests/data/slips/week2.baton >"$st_dir/slips-block.txt" 2>/dev/null
slc "$st_dir/slips-block.txt" "build re-estimated from 8d 10d 14d to 12d 15d 20d in the status of 2027-01-15; moving api +5" "(a, c) from the previous block"
slc "$st_dir/slips-block.txt" "prep was due to start 2027-01-11 and has not started" "(b) from the previous block"
if python3 - "$st_dir/slips@2027-01-15.status.json" >"$st_dir/slips-json.out" 2>&1 <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
kinds = {c["kind"] for s in d["slipped"] for c in s["causes"]}
assert {"re-estimate", "late-start", "risk-occurred", "scope-added"} <= kinds, kinds
by = {s["id"]: s for s in d["slipped"]}
assert by["api"]["root"] == "build" and by["api"]["causes"] == [], by["api"]
est = [c for c in by["build"]["causes"] if c["kind"] == "re-estimate"][0]
assert (est["from"], est["to"], est["when"]) == ("8d 10d 14d", "12d 15d 20d", "2027-01-15"), est
ship = [m for m in d["milestones"] if m["id"] == "ship"][0]
assert ship["change_roots"] == ["client", "build"], ship["change_roots"]
assert [t["capacity"] for t in d["teams"]] == [2, 1], d["teams"]
PY
then ok; else bad "slips: the JSON causes"; cat "$st_dir/slips-json.out"; fi
# The first line names the cause that moves the date (tests/data/driver):
# week1.baton is recorded as of 2027-01-08; a week later build was
# re-estimated (week2-estimate) or team b is down to one person
# (week2-capacity, levelled), and that is the headline's driver, ranked
# above the vendor risk by the working days it moves the commitment. A
# scenario that cuts a team's people and slows it names the team too.
dr_db=$st_dir/driver.db
BATON_NOW=2027-01-01T00:00:00Z "$BATON" status --as-of 2027-01-08 --record --history "$dr_db" tests/data/driver/week1.baton >/dev/null 2>&1 ||
	bad "driver: recording week 1 failed"
drv() { # FILE EXPECTED WHAT
	grep -qF -- "$2" "$1" && ok || { bad "driver: $3: '$2' not in"; head -3 "$1"; }
}
"$BATON" status --no-options --as-of 2027-01-15 --history "$dr_db" tests/data/driver/week2-estimate.baton >"$st_dir/dr-est.txt" 2>/dev/null
drv "$st_dir/dr-est.txt" "Because build was re-estimated from 10d to 15d (status of 2027-01-15): +5 working days (1 of 2 causes)." "re-estimate"
"$BATON" status --no-options --for exec --as-of 2027-01-15 --history "$dr_db" tests/data/driver/week2-estimate.baton >"$st_dir/dr-est-exec.txt" 2>/dev/null
drv "$st_dir/dr-est-exec.txt" "Because “Build the service” was re-estimated from 10 to 15 working days on Fri 15 Jan, which moves the date about 5 working days" "re-estimate (exec)"
"$BATON" status --no-options --level --as-of 2027-01-15 --history "$dr_db" tests/data/driver/week2-capacity.baton >"$st_dir/dr-cap.txt" 2>/dev/null
drv "$st_dir/dr-cap.txt" "Because team b lost capacity (2 → 1 since the update of 2027-01-08): +5 working days (1 of 2 causes)." "capacity"
"$BATON" status --no-options --level --for exec --as-of 2027-01-15 --history "$dr_db" tests/data/driver/week2-capacity.baton >"$st_dir/dr-cap-exec.txt" 2>/dev/null
drv "$st_dir/dr-cap-exec.txt" "Because the Beta team is down from 2 to 1 person since the update of Fri 8 Jan, which adds about 5 working days" "capacity (exec)"
# Critical path only, nobody waits for team b's people: the risk stays the driver.
"$BATON" status --no-options --as-of 2027-01-15 --history "$dr_db" tests/data/driver/week2-capacity.baton >"$st_dir/dr-cap-cpm.txt" 2>/dev/null
grep -q "Because team b" "$st_dir/dr-cap-cpm.txt" && bad "driver: team b named without levelling" || ok
"$BATON" status --no-options --level --json --as-of 2027-01-15 --history "$dr_db" tests/data/driver/week2-capacity.baton >"$st_dir/dr-cap.json" 2>/dev/null
if python3 - "$st_dir/dr-cap.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
drv = d["driver"]
assert (drv["kind"], drv["subject"], drv["days"]) == ("capacity", "b", 5), drv
c = d["causes"][0]
assert c["kind"] == "capacity" and c["ids"] == ["b"] and c["effect_days"] == 5, c
PY
then ok; else bad "driver: the JSON driver is not team b's capacity"; fi
"$BATON" status --no-options --level --scenario lose-lead examples/orders-migration.baton >"$st_dir/dr-lose-lead.txt" 2>/dev/null
drv "$st_dir/dr-lose-lead.txt" "Because team orders lost capacity (3 → 2 from 2027-03-01) and works 25% slower: +6 working days" "a scenario's capacity cut"
# A record holds each open task's estimate and each team's people in
# force, so an estimate edited in place (no status block says so) is a
# re-estimate from the record alone; an older record without them still
# reads (its estimates unknown, its declared capacities).
"$BATON" status --no-options --as-of 2027-01-15 --history "$dr_db" tests/data/driver/week2-edited.baton >"$st_dir/dr-edit.txt" 2>/dev/null
drv "$st_dir/dr-edit.txt" "Because build was re-estimated from 10d to 15d (since the update of 2027-01-08): +5 working days" "a re-estimate from the record"
drv "$st_dir/dr-edit.txt" "build re-estimated from 8d 10d 14d to 12d 15d 20d since the update of 2027-01-08" "a re-estimate from the record (why)"
dr_h=$st_dir/dr-hist
rm -rf "$dr_h" "$st_dir/dr-old.db" "$st_dir/dr-new.db"
mkdir -p "$dr_h"
cp tests/data/driver/week1.baton tests/data/driver/week2-edited.baton tests/data/driver/week2-capacity.baton "$dr_h/"
BATON_NOW=2027-01-01T00:00:00Z "$BATON" status --as-of 2027-01-08 --record --history-dir "$dr_h/history" --history "$st_dir/dr-new.db" \
	"$dr_h/week1.baton" >/dev/null 2>&1 || bad "driver: recording week 1 as a file failed"
if python3 - "$dr_h/history/driver/2027-01-08.json" <<'PY'
import json, sys
f = sys.argv[1]
d = json.load(open(f))
s = d["status"]
t = {x["id"]: x for x in s["tasks"]}
assert t["build"]["estimate"] == {"likely": 10, "optimistic": 8, "pessimistic": 14}, t["build"]
assert t["api"]["estimate"] == {"likely": 5, "optimistic": None, "pessimistic": None}, t["api"]
assert t["design"]["estimate"] is None, t["design"]
assert [(x["id"], x["capacity"], x["effective_capacity"]) for x in s["teams"]] == [("a", 2, 2), ("b", 2, 2)], s["teams"]
# An older baton's record: neither field.
for x in s["tasks"]:
    del x["estimate"]
for x in s["teams"]:
    del x["effective_capacity"]
json.dump(d, open(f, "w"), indent=2, sort_keys=True)
PY
then ok; else bad "driver: a record's estimates and capacities"; fi
"$BATON" status --no-options --as-of 2027-01-15 --history-dir "$dr_h/history" --history "$st_dir/dr-old.db" "$dr_h/week2-edited.baton" >"$st_dir/dr-old.txt" 2>&1 &&
	! grep -q "re-estimated" "$st_dir/dr-old.txt" && ok || { bad "driver: an older record (no estimates) is not read as one"; head -5 "$st_dir/dr-old.txt"; }
"$BATON" status --no-options --level --as-of 2027-01-15 --history-dir "$dr_h/history" --history "$st_dir/dr-old.db" "$dr_h/week2-capacity.baton" >"$st_dir/dr-old-cap.txt" 2>&1
drv "$st_dir/dr-old-cap.txt" "Because team b lost capacity (2 → 1 since the update of 2027-01-08)" "an older record's declared capacity"
unset dr_db dr_h

# The weekly loop on the eight-week example: its history is text files in
# examples/history/ (recorded by tests/tools/record_example_history.sh),
# indexed into a fresh database here; the update, the email to a VP, the
# history with its moved commitment, how the forecasts turned out, and
# next week's block.
pk=examples/passkeys-rollout.baton
pkh="--history-dir examples/history --history $st_dir/pk.db"
st_golden passkeys-rollout.status.txt "$BATON" status $pkh "$pk"
st_golden passkeys-rollout.status.exec.md "$BATON" status --for exec --markdown $pkh "$pk"
st_golden passkeys-rollout.status.json "$BATON" status --json $pkh "$pk"
st_golden passkeys-rollout.history.txt "$BATON" history $pkh "$pk"
st_golden passkeys-rollout.calibration.txt "$BATON" calibration $pkh "$pk"
st_golden passkeys-rollout.forecast-calibrated.txt "$BATON" forecast --calibrate "$pk"
st_golden passkeys-rollout.next.baton "$BATON" next --print --date 2027-03-05 "$pk"
grep -q "ga = passkeys (program): committed 2027-04-23, moved to 2027-04-30 on 2027-02-05 by decision recovery-scope" \
	"$st_dir/passkeys-rollout.status.txt" && ok || bad "passkeys: the moved commitment is not said once under the merged row"
grep -q "commit moved from 2027-04-23 to 2027-04-30 between the records of 2027-01-29 and 2027-02-05" \
	"$st_dir/passkeys-rollout.history.txt" && ok || bad "passkeys: history does not show the moved commitment"
grep -q "P85 dates met: 3 of 7" "$st_dir/passkeys-rollout.calibration.txt" && ok ||
	bad "passkeys: calibration of apis-ready against its eight records"
# A milestone reached after its commitment is late, not green: in the
# history (the record's RAG, whatever an older baton wrote), the status
# and the report's slip chart.
grep -q "^  2027-02-26  2027-02-24     -7     +0  2027-02-24  2027-02-24      0%  red " "$st_dir/passkeys-rollout.history.txt" &&
	grep -q "reached late on 2027-02-24, 7 working days after the commit 2027-02-12" "$st_dir/passkeys-rollout.history.txt" && ok ||
	bad "passkeys: apis-ready, reached 7 working days late, is not late in the history"
if python3 - "$st_dir/passkeys-rollout.status.json" <<'PY'
import json, sys
m = [m for m in json.load(open(sys.argv[1]))["milestones"] if m["id"] == "apis-ready"][0]
assert m["reached"] and m["rag"] == "red", (m["reached"], m["rag"])
PY
then ok; else bad "passkeys: apis-ready reached late is not red in the status"; fi
"$BATON" report --runs 200 $pkh -o "$st_dir/pk-report.html" "$pk" >/dev/null 2>&1 &&
	grep -q 'apis-ready</span> <span class="pill r">reached late, 7 working days after the commit</span>' "$st_dir/pk-report.html" && ok ||
	bad "passkeys: the report's slip chart does not say apis-ready was reached late"
# A decision raised after the status date is no question yet.
"$BATON" status --as-of 2027-01-15 --runs 0 "$pk" >"$st_dir/pk-early.txt" 2>/dev/null
grep -q "recovery-scope\|Skip attestation" "$st_dir/pk-early.txt" && bad "passkeys: a decision raised later is asked for on 2027-01-15" || ok
# The history's files round-trip: a fresh index from them gives the same.
"$BATON" history --history-dir examples/history --history "$st_dir/pk2.db" "$pk" >"$st_dir/pk-hist2.txt" 2>/dev/null
cmp -s "$st_dir/pk-hist2.txt" "$st_dir/passkeys-rollout.history.txt" && ok || bad "passkeys: a rebuilt index gives another history"
# The block `next` writes passes check once filled in as printed.
cp "$pk" "$st_dir/pk-next.baton"
"$BATON" next --date 2027-03-05 "$st_dir/pk-next.baton" >/dev/null 2>&1
"$BATON" check "$st_dir/pk-next.baton" >/dev/null 2>"$st_dir/pk-next.err" && ok ||
	{ bad "passkeys: the plan with next's block does not check"; head "$st_dir/pk-next.err"; }
unset pk pkh
unset sl sll sl_db st_dir status_cases st_args
