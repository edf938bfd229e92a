# tests/sync.sh: `baton sync` (sourced by tests/run.sh).
#
# For each format, a week-1 export is imported, then a week-2 export of the
# same program (tests/data/sync/, written for these tests: done, started,
# re-estimated, new and removed issues, a changed link) is synced into the
# plan. Asserted: the exact block appended (tests/data/sync/NAME.block)
# and report (NAME.report), the plan's earlier bytes unchanged, `check` and
# `fmt --check` pass, `schedule` shows the progress, --dry-run and a second
# sync write nothing, an unchanged export says so, and bad input exits 2
# with nothing written. UPDATE_GOLDEN=1 rewrites NAME.block and NAME.report.

sy_out=$OUT/sync
rm -rf "$sy_out" && mkdir -p "$sy_out"
sy_data=$ROOT/tests/data/sync

# sy_case NAME FORMAT WEEK1 WEEK2 "IMPORT ARGS" "SYNC ARGS" "TASK:NOTE ..."
# (each TASK's schedule row must contain NOTE, '_' for a space)
sy_case() {
	local n=$1 fmt=$2 w1=$sy_data/$3 w2=$sy_data/$4 iargs=$5 sargs=$6 checks=$7
	local plan=$sy_out/$n.baton orig=$sy_out/$n.orig rc size c task note
	# shellcheck disable=SC2086
	if ! "$BATON" import "$fmt" "$w1" $iargs -o "$plan" 2>"$sy_out/$n.import.err"; then
		bad "sync/$n: the week-1 import failed"; sed -n 1,10p "$sy_out/$n.import.err"; return
	fi
	cp "$plan" "$orig"
	size=$(wc -c <"$orig")

	# An unchanged export: nothing to say, nothing written.
	# shellcheck disable=SC2086
	"$BATON" sync "$fmt" "$plan" "$w1" $sargs >"$sy_out/$n.same" 2>&1
	rc=$?
	if [ $rc = 0 ] && grep -q '^nothing changed' "$sy_out/$n.same" && cmp -s "$plan" "$orig"; then ok; else
		bad "sync/$n: syncing the export the plan was imported from (exit $rc) did not say 'nothing changed' or wrote"
		sed -n 1,20p "$sy_out/$n.same"
	fi

	# --dry-run: the block on stdout, the file untouched.
	# shellcheck disable=SC2086
	"$BATON" sync "$fmt" "$plan" "$w2" $sargs --dry-run >"$sy_out/$n.dry" 2>"$sy_out/$n.dry.err"
	rc=$?
	if [ $rc = 0 ] && cmp -s "$plan" "$orig" && grep -q '^status ' "$sy_out/$n.dry" &&
	   grep -q '^dry run: .* not written' "$sy_out/$n.dry"; then ok; else
		bad "sync/$n: --dry-run (exit $rc) changed the plan or printed no block"
		sed -n 1,20p "$sy_out/$n.dry" "$sy_out/$n.dry.err"
	fi

	# The sync.
	chmod 640 "$plan"
	# shellcheck disable=SC2086
	"$BATON" sync "$fmt" "$plan" "$w2" $sargs >"$sy_out/$n.report" 2>"$sy_out/$n.err"
	rc=$?
	[ $rc = 0 ] || { bad "sync/$n: exit $rc"; sed -n 1,20p "$sy_out/$n.err"; return; }
	tail -c +$((size + 1)) "$plan" >"$sy_out/$n.block"
	sed "s|$sy_out/||g" "$sy_out/$n.report" >"$sy_out/$n.report.rel"
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
		cp "$sy_out/$n.block" "$sy_data/$n.block"
		cp "$sy_out/$n.report.rel" "$sy_data/$n.report"
	fi
	if diff -u "$sy_data/$n.block" "$sy_out/$n.block" >"$sy_out/$n.block.diff"; then ok; else
		bad "sync/$n: the appended block differs from tests/data/sync/$n.block"; sed -n 1,30p "$sy_out/$n.block.diff"
	fi
	if diff -u "$sy_data/$n.report" "$sy_out/$n.report.rel" >"$sy_out/$n.report.diff"; then ok; else
		bad "sync/$n: the report differs from tests/data/sync/$n.report"; sed -n 1,40p "$sy_out/$n.report.diff"
	fi
	# The plan's own bytes, byte for byte; its mode kept; no temp file.
	if cmp -s -n "$size" "$plan" "$orig" && [ "$(stat -c %a "$plan")" = 640 ] &&
	   ! ls -a "$sy_out" | grep -q 'baton-tmp'; then ok; else
		bad "sync/$n: the plan's earlier bytes or its mode changed, or a temporary file was left"
	fi
	# The dry run printed this very block.
	if grep -qxF "$(sed -n 2p "$sy_out/$n.block")" "$sy_out/$n.dry" &&
	   [ "$(grep -c '^  ' "$sy_out/$n.block")" = "$(sed -n '/^status /,/^$/p' "$sy_out/$n.dry" | grep -c '^  ')" ]; then ok; else
		bad "sync/$n: --dry-run printed another block than the sync wrote"
	fi
	if "$BATON" check "$plan" >/dev/null 2>&1 && "$BATON" fmt --check "$plan" >/dev/null 2>&1; then ok; else
		bad "sync/$n: the synced plan does not check or is not canonical"; "$BATON" check "$plan" 2>&1 | sed -n 1,10p
	fi
	"$BATON" schedule "$plan" >"$sy_out/$n.schedule" 2>&1
	for c in $checks; do
		task=${c%%:*}
		note=$(echo "${c#*:}" | tr _ ' ')
		if grep "^$task " "$sy_out/$n.schedule" | grep -qF -- "$note"; then ok; else
			bad "sync/$n: the schedule's row for $task lacks '$note'"; grep "^$task " "$sy_out/$n.schedule"
		fi
	done
	# Again: the status is recorded now; nothing more is written.
	cp "$plan" "$sy_out/$n.after"
	# shellcheck disable=SC2086
	"$BATON" sync "$fmt" "$plan" "$w2" $sargs >"$sy_out/$n.again" 2>&1
	rc=$?
	if [ $rc = 0 ] && cmp -s "$plan" "$sy_out/$n.after" && grep -q 'no status to record' "$sy_out/$n.again" &&
	   ! grep -q '^wrote' "$sy_out/$n.again"; then ok; else
		bad "sync/$n: a second sync of the same export (exit $rc) wrote again"; sed -n 1,10p "$sy_out/$n.again"
	fi
}

sy_case jira-csv jira jira-week1.csv jira-week2.csv "--name checkout" "" \
	"chk-3:done chk-4:started,_4d_left chk-2:done"
sy_case jira-json jira jira-week1.json jira-week2.json "--name analytics" "" \
	"ana-2:done ana-3:started,_2d_left"
sy_case csv csv sheet-week1.csv sheet-week2.csv "--name warehouse" "--date 2026-04-17" \
	"scanner:done firmware:started,_6d_left app:started,_7d_left"
sy_case mspdi mspdi msp-week1.xml msp-week2.xml "--name intranet" "" \
	"build:done test:started,_4d_left"

# Re-estimates are in force: chk-5 (not started) is 3 days now, not 2.
if [ "$(awk '$1 == "chk-5" {print $3}' "$sy_out/jira-csv.schedule")" = 3 ]; then ok; else
	bad "sync: the re-estimate of chk-5 is not in the schedule"; grep '^chk-5 ' "$sy_out/jira-csv.schedule"
fi

# --json: the same facts for machines.
cp "$sy_out/jira-csv.orig" "$sy_out/json.baton"
"$BATON" sync jira "$sy_out/json.baton" "$sy_data/jira-week2.csv" --json --dry-run >"$sy_out/json.out" 2>&1
if python3 - "$sy_out/json.out" <<'EOF'
import json, sys
j = json.load(open(sys.argv[1]))
assert list(j)[0] == "schema_version" and j["schema_version"] == 1, list(j)
assert list(j)[1:] == sorted(k for k in j if k != "schema_version"), list(j)
assert j["date"] == "2026-03-13" and j["dry_run"] is True and j["changed"] is True, j
assert [(e["id"], e["entry"]) for e in j["entries"]] == [
    ("chk-3", "done"), ("chk-4", "started"), ("chk-4", "estimate"), ("chk-5", "estimate")], j["entries"]
assert j["entries"][1]["remaining"] == 4 and j["entries"][3]["not_started"] is True
assert [a["source"] for a in j["appeared"]] == ["CHK-8"] and j["appeared"][0]["suggested"].startswith("task chk-8 ")
assert [g["id"] for g in j["gone"]] == ["chk-6"]
assert sorted((l["id"], l["after"], l["change"]) for l in j["links"]) == [
    ("chk-5", "chk-4", "removed"), ("chk-7", "chk-4", "added"), ("chk-7", "chk-8", "added")], j["links"]
assert j["titles"][0]["export"] == "Order confirmation page" and j["teams"][0]["export"] == "web"
assert j["block"].startswith("status 2026-03-13\n  chk-3 done 2026-03-10\n")
EOF
then ok; else bad "sync: --json"; sed -n 1,30p "$sy_out/json.out"; fi
cmp -s "$sy_out/json.baton" "$sy_out/jira-csv.orig" || bad "sync: --json --dry-run wrote the plan"
# The suggested task, pasted into the synced plan, checks.
cp "$sy_out/jira-csv.baton" "$sy_out/pasted.baton"
python3 -c 'import json,sys; print("\n" + json.load(open(sys.argv[1]))["appeared"][0]["suggested"], end="")' \
	"$sy_out/json.out" >>"$sy_out/pasted.baton"
if grep -q '^task chk-8 "Gift cards"$' "$sy_out/pasted.baton" && "$BATON" check "$sy_out/pasted.baton" >/dev/null 2>&1; then ok; else
	bad "sync: the suggested task does not check once pasted"; "$BATON" check "$sy_out/pasted.baton" 2>&1 | sed -n 1,10p
fi

# No date of its own (a spreadsheet) and no --date: today.
cp "$sy_out/csv.orig" "$sy_out/today.baton"
"$BATON" sync csv "$sy_out/today.baton" "$sy_data/sheet-week2.csv" --dry-run >"$sy_out/today.out" 2>&1
if grep -q "^sync csv: status $(date -u +%F) (today: the export has no date of its own)" "$sy_out/today.out"; then ok; else
	bad "sync: a spreadsheet without --date is not dated today"; sed -n 1,3p "$sy_out/today.out"
fi

# A plan without a final newline: its bytes stay, the block starts on a line of its own.
head -c -1 "$sy_out/jira-csv.orig" >"$sy_out/nonl.baton"
sy_size=$(wc -c <"$sy_out/nonl.baton")
cp "$sy_out/nonl.baton" "$sy_out/nonl.orig"
if "$BATON" sync jira "$sy_out/nonl.baton" "$sy_data/jira-week2.csv" >/dev/null 2>&1 &&
   cmp -s -n "$sy_size" "$sy_out/nonl.baton" "$sy_out/nonl.orig" &&
   [ "$(tail -c +$((sy_size + 1)) "$sy_out/nonl.baton" | head -c 20)" = "$(printf '\n\nstatus 2026-03-13\n')" ] &&
   "$BATON" check "$sy_out/nonl.baton" >/dev/null 2>&1; then ok; else
	bad "sync: a plan without a final newline"
fi

# A plan without sources (an MS Project plan imported before they were
# attributes): nothing matches, and the report says why.
grep -v '^  source "UID:' "$sy_out/mspdi.orig" >"$sy_out/nosource.baton"
cp "$sy_out/nosource.baton" "$sy_out/nosource.orig"
"$BATON" sync mspdi "$sy_out/nosource.baton" "$sy_data/msp-week2.xml" >"$sy_out/nosource.out" 2>&1
if [ $? = 0 ] && cmp -s "$sy_out/nosource.baton" "$sy_out/nosource.orig" &&
   grep -q '^no task or milestone of the plan has a `source`' "$sy_out/nosource.out" &&
   grep -q '^appeared in the export, not in the plan (5)' "$sy_out/nosource.out"; then ok; else
	bad "sync: a plan without sources"; sed -n 1,5p "$sy_out/nosource.out"
fi

# Bad input: exit 2, the reason located, nothing written.
# sy_refuse NAME "WANT (grep -E on stderr)" ARGS...
sy_refuse() {
	local n=$1 want=$2 rc
	shift 2
	cp "$sy_out/jira-csv.orig" "$sy_out/refuse.baton"
	"$BATON" sync "$@" >"$sy_out/refuse-$n.out" 2>"$sy_out/refuse-$n.err"
	rc=$?
	if [ $rc = 2 ] && cmp -s "$sy_out/refuse.baton" "$sy_out/jira-csv.orig" && grep -Eq -- "$want" "$sy_out/refuse-$n.err" &&
	   ! ls -a "$sy_out" | grep -q 'baton-tmp'; then ok; else
		bad "sync: $n: exit $rc (want 2), or the plan changed, or stderr lacks /$want/"; sed -n 1,10p "$sy_out/refuse-$n.err"
	fi
}
sy_refuse missing-plan "cannot read '.*nope\.baton'" jira "$sy_out/nope.baton" "$sy_data/jira-week2.csv"
[ ! -e "$sy_out/nope.baton" ] || bad "sync: a missing plan was created"
sy_refuse missing-export "cannot read" jira "$sy_out/refuse.baton" "$sy_out/nope.csv"
# The export says chk-3 was done on 03-10: a block dated 03-09 cannot say so.
sy_refuse future-fact "error: the export says task chk-3 was done on 2026-03-10, after the sync's date 2026-03-09 \\(--date\\)" \
	jira "$sy_out/refuse.baton" "$sy_data/jira-week2.csv" --date 2026-03-09
sy_refuse bad-csv "^$ROOT/tests/data/import/bad/bad-date\.csv:[0-9]+:[0-9]+: error: " \
	jira "$sy_out/refuse.baton" "$ROOT/tests/data/import/bad/bad-date.csv"
sy_refuse bad-xml "^$ROOT/tests/bad/mspdi/truncated\.xml:[0-9]+:" \
	mspdi "$sy_out/refuse.baton" "$ROOT/tests/bad/mspdi/truncated.xml"
sy_refuse date-before-block "refuse\.baton:[0-9]+:[0-9]+: error: the plan has a status block dated 2026-03-06, after" \
	jira "$sy_out/refuse.baton" "$sy_data/jira-week2.csv" --date 2026-03-05
sy_refuse same-day-block "a second block for one day" jira "$sy_out/refuse.baton" "$sy_data/jira-week2.csv" --date 2026-03-06
sy_refuse bad-date "--date '2026-02-30'" jira "$sy_out/refuse.baton" "$sy_data/jira-week2.csv" --date 2026-02-30
sy_refuse unknown-format "unknown format 'xls'" xls "$sy_out/refuse.baton" "$sy_data/jira-week2.csv"
sy_refuse mspdi-mapping "mspdi takes no mapping options" mspdi "$sy_out/refuse.baton" "$sy_data/msp-week2.xml" --link Relates=fs
sy_refuse bad-mapping "--hours-per-day 'x'" jira "$sy_out/refuse.baton" "$sy_data/jira-week2.csv" --hours-per-day x
sy_refuse usage "expected a format, the plan and the newer export" jira "$sy_out/refuse.baton"
printf 'task broken\n' >>"$sy_out/refuse.baton"
cp "$sy_out/refuse.baton" "$sy_out/broken.orig"
"$BATON" sync jira "$sy_out/refuse.baton" "$sy_data/jira-week2.csv" >/dev/null 2>"$sy_out/broken.err"
if [ $? = 2 ] && cmp -s "$sy_out/refuse.baton" "$sy_out/broken.orig" && grep -q 'does not check: fix it first' "$sy_out/broken.err"; then ok; else
	bad "sync: a plan that does not check was not refused"; sed -n 1,10p "$sy_out/broken.err"
fi
if "$BATON" sync --help | grep -q '^usage: baton sync jira|csv|mspdi PLAN NEWER'; then ok; else bad "sync --help"; fi

unset sy_out sy_data sy_size
