# tests/mspdi.sh: MS Project XML in and out (sourced by tests/run.sh).
#
# 1. Import: each sample tests/data/mspdi/NAME.xml (written from the MSPDI
#    schema in the shapes MS Project 2019 and ProjectLibre save) is well
#    formed (xmllint), imports to the plan tests/data/mspdi/NAME.baton and
#    the summary NAME.summary (golden files; UPDATE_GOLDEN=1 rewrites
#    them), which checks, and which the independent checker
#    tests/tools/check_mspdi.py finds faithful: every task, milestone,
#    duration, link type, lag and deadline.
# 2. Export: each example (examples/*.baton and tests/data/mspdi/*.baton)
#    exports to well-formed MSPDI; Planner's converter (Debian's
#    planner-data, msp2planner.xsl, run by xsltproc) reads it with every
#    task, duration, link type and lag; the import of the export passes
#    the checker and gives the same `baton schedule` dates.
# 3. The bad-input catalogue tests/bad/mspdi/NAME.xml: exit 2 and exactly
#    the stderr in NAME.diag (run from the repository root), which names
#    file:line; nothing is written.
# 4. The CLI: -o refuses to replace a file without --force, --force does,
#    a failed import leaves the file as it was.
# Without xsltproc, planner-data or xmllint the checks that need them are
# skipped with a note (.ci/run installs them).

mspdi_out=$OUT/mspdi-$(basename "$BUILD")
rm -rf "$mspdi_out"
mkdir -p "$mspdi_out"
mspdi_xsl=/usr/share/planner/stylesheets/msp2planner.xsl
mspdi_lint=1
command -v xmllint >/dev/null || { mspdi_lint=0; echo "mspdi: xmllint missing (libxml2-utils): well-formedness checks skipped"; }
mspdi_planner=1
if ! command -v xsltproc >/dev/null || [ ! -f "$mspdi_xsl" ]; then
	mspdi_planner=0
	echo "mspdi: xsltproc or $mspdi_xsl missing (xsltproc, planner-data): Planner's reading skipped"
fi

# 1. The samples.
for mspdi_src in "$ROOT"/tests/data/mspdi/*.xml; do
	mspdi_n=$(basename "$mspdi_src" .xml)
	mspdi_rel=tests/data/mspdi/$mspdi_n.xml
	if [ $mspdi_lint = 1 ] && ! xmllint --noout "$mspdi_src" 2>"$mspdi_out/$mspdi_n.lint"; then
		bad "mspdi: $mspdi_rel is not well-formed"; sed -n 1,10p "$mspdi_out/$mspdi_n.lint"
	fi
	if ! (cd "$ROOT" && "$BATON" import mspdi "$mspdi_rel" >"$mspdi_out/$mspdi_n.baton" 2>"$mspdi_out/$mspdi_n.summary"); then
		bad "mspdi: import of $mspdi_rel failed"; sed -n 1,20p "$mspdi_out/$mspdi_n.summary"
		continue
	fi
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
		cp "$mspdi_out/$mspdi_n.baton" "$mspdi_out/$mspdi_n.summary" "$ROOT/tests/data/mspdi/"
	fi
	for mspdi_f in baton summary; do
		if ! diff -u "$ROOT/tests/data/mspdi/$mspdi_n.$mspdi_f" "$mspdi_out/$mspdi_n.$mspdi_f" >"$mspdi_out/$mspdi_n.$mspdi_f.diff"; then
			bad "mspdi: import of $mspdi_rel: the $mspdi_f differs from tests/data/mspdi/$mspdi_n.$mspdi_f"
			sed -n 1,30p "$mspdi_out/$mspdi_n.$mspdi_f.diff"
		else
			ok
		fi
	done
	if "$BATON" check "$mspdi_out/$mspdi_n.baton" >/dev/null 2>&1 &&
	   "$BATON" fmt --check "$mspdi_out/$mspdi_n.baton" >/dev/null 2>&1; then ok; else
		bad "mspdi: the import of $mspdi_rel does not check or is not in canonical form"
	fi
	if python3 "$ROOT/tests/tools/check_mspdi.py" mspdi "$mspdi_src" "$mspdi_out/$mspdi_n.baton" >"$mspdi_out/$mspdi_n.check"; then ok; else
		bad "mspdi: the import of $mspdi_rel differs from the file (tests/tools/check_mspdi.py)"
		sed -n 1,20p "$mspdi_out/$mspdi_n.check"
	fi
done

# 2. Export, Planner's reading, and the round trip.
for mspdi_src in "$ROOT"/examples/*.baton "$ROOT"/tests/data/mspdi/*.baton; do
	mspdi_n=$(basename "$mspdi_src" .baton)
	[ -f "$ROOT/tests/data/mspdi/$mspdi_n.xml" ] && continue # a sample's import, not a plan to export
	mspdi_x=$mspdi_out/$mspdi_n.export.xml
	if ! "$BATON" export mspdi "$mspdi_src" -o "$mspdi_x" 2>"$mspdi_out/$mspdi_n.export.err"; then
		bad "mspdi: export of $mspdi_n failed"; sed -n 1,20p "$mspdi_out/$mspdi_n.export.err"
		continue
	fi
	ok
	if [ $mspdi_lint = 1 ]; then
		if xmllint --noout "$mspdi_x" 2>"$mspdi_out/$mspdi_n.lint"; then ok; else
			bad "mspdi: the export of $mspdi_n is not well-formed"; sed -n 1,10p "$mspdi_out/$mspdi_n.lint"
		fi
	fi
	if [ $mspdi_planner = 1 ]; then
		if xsltproc "$mspdi_xsl" "$mspdi_x" >"$mspdi_out/$mspdi_n.planner" 2>"$mspdi_out/$mspdi_n.xslt.err" &&
		   python3 "$ROOT/tests/tools/check_mspdi.py" planner "$mspdi_out/$mspdi_n.planner" "$mspdi_x" "$mspdi_src" \
			>"$mspdi_out/$mspdi_n.planner.check"; then ok; else
			bad "mspdi: Planner's converter does not read the export of $mspdi_n right"
			sed -n 1,20p "$mspdi_out/$mspdi_n.xslt.err" "$mspdi_out/$mspdi_n.planner.check"
		fi
	fi
	mspdi_rt=$mspdi_out/$mspdi_n.roundtrip.baton
	if ! "$BATON" import mspdi "$mspdi_x" --name "$mspdi_n" -o "$mspdi_rt" 2>"$mspdi_out/$mspdi_n.import.err"; then
		bad "mspdi: import of the export of $mspdi_n failed"; sed -n 1,20p "$mspdi_out/$mspdi_n.import.err"
		continue
	fi
	if python3 "$ROOT/tests/tools/check_mspdi.py" mspdi "$mspdi_x" "$mspdi_rt" >"$mspdi_out/$mspdi_n.rt.check"; then ok; else
		bad "mspdi: the import of the export of $mspdi_n differs from it (tests/tools/check_mspdi.py)"
		sed -n 1,20p "$mspdi_out/$mspdi_n.rt.check"
	fi
	# The critical-path schedules: MSPDI carries no "level this plan"
	# setting, and the import does not read availability periods (a
	# team's capacity changes), so a levelled plan's dates cannot come
	# back whole (docs/interop.md).
	"$BATON" schedule --json --no-level "$mspdi_src" >"$mspdi_out/$mspdi_n.a.json" 2>/dev/null
	"$BATON" schedule --json --no-level "$mspdi_rt" >"$mspdi_out/$mspdi_n.b.json" 2>/dev/null
	if python3 "$ROOT/tests/tools/check_mspdi.py" schedule "$mspdi_out/$mspdi_n.a.json" "$mspdi_out/$mspdi_n.b.json" \
		>"$mspdi_out/$mspdi_n.sched.check"; then ok; else
		bad "mspdi: the round trip of $mspdi_n changes the schedule"; sed -n 1,20p "$mspdi_out/$mspdi_n.sched.check"
	fi
done

# 3. Bad input.
for mspdi_src in $(cd "$ROOT" && ls tests/bad/mspdi/*.xml); do
	mspdi_n=$(basename "$mspdi_src" .xml)
	mspdi_err=$mspdi_out/bad-$mspdi_n.stderr
	(cd "$ROOT" && NO_COLOR=1 "$BATON" import mspdi "$mspdi_src" >"$mspdi_out/bad-$mspdi_n.out" 2>"$mspdi_err")
	mspdi_rc=$?
	[ "${UPDATE_GOLDEN:-}" = 1 ] && cp "$mspdi_err" "$ROOT/tests/bad/mspdi/$mspdi_n.diag"
	if [ $mspdi_rc != 2 ] || [ -s "$mspdi_out/bad-$mspdi_n.out" ]; then
		bad "mspdi: bad/mspdi/$mspdi_n: exit $mspdi_rc (expected 2) or a plan printed"; sed -n 1,10p "$mspdi_err"
	elif ! diff -u "$ROOT/tests/bad/mspdi/$mspdi_n.diag" "$mspdi_err" >"$mspdi_err.diff"; then
		bad "mspdi: bad/mspdi/$mspdi_n: stderr differs from tests/bad/mspdi/$mspdi_n.diag"; sed -n 1,20p "$mspdi_err.diff"
	elif ! grep -Eq "^$mspdi_src(:[0-9]+)*: error: " "$mspdi_err" || ! grep -q "nothing written" "$mspdi_err"; then
		bad "mspdi: bad/mspdi/$mspdi_n: no 'file:line: error:' or no 'nothing written'"
	else
		ok
	fi
done

# 4. Writing the plan: refuse to replace, --force, nothing written on failure.
mspdi_sample=$ROOT/tests/data/mspdi/msp2019-rollout.xml
echo "# mine" >"$mspdi_out/existing.baton"
if "$BATON" import mspdi "$mspdi_sample" -o "$mspdi_out/existing.baton" 2>"$mspdi_out/refuse.err"; then
	bad "mspdi: import -o replaced an existing file without --force"
elif [ "$(cat "$mspdi_out/existing.baton")" = "# mine" ] && grep -q -- "--force" "$mspdi_out/refuse.err"; then ok; else
	bad "mspdi: import -o on an existing file: the file changed or the message does not name --force"
fi
if "$BATON" import mspdi "$mspdi_sample" -o "$mspdi_out/existing.baton" --force 2>/dev/null &&
   cmp -s "$mspdi_out/existing.baton" "$ROOT/tests/data/mspdi/msp2019-rollout.baton"; then ok; else
	bad "mspdi: import -o --force did not write the plan"
fi
cp "$mspdi_out/existing.baton" "$mspdi_out/before.baton"
if "$BATON" import mspdi "$ROOT/tests/bad/mspdi/truncated.xml" -o "$mspdi_out/existing.baton" --force 2>/dev/null ||
   ! cmp -s "$mspdi_out/existing.baton" "$mspdi_out/before.baton" ||
   ls -a "$mspdi_out" | grep -q 'baton-tmp'; then
	bad "mspdi: a failed import changed the plan or left a temporary file"
else
	ok
fi
if "$BATON" import mspdi "$mspdi_sample" -o "$mspdi_out/new.baton" 2>/dev/null && [ -s "$mspdi_out/new.baton" ]; then ok; else
	bad "mspdi: import -o a new file failed"
fi

# 5. Baselines: the first commitment is baseline 0 and each later one the
# next (the passkeys example moves ga and the program from 04-23 to 04-30
# on 02-05); the Deadline is the one in force on the status date.
if [ $mspdi_lint = 1 ]; then
	"$BATON" export mspdi "$ROOT/examples/passkeys-rollout.baton" -o "$mspdi_out/passkeys.xml" 2>/dev/null
	mspdi_bl() { # by the task's baton id (Text1), or "" for the summary task; xmllint ends each with a newline
		local q
		if [ -z "$1" ]; then q="//*[local-name()='Task'][*[local-name()='UID']='0']"
		else q="//*[local-name()='Task'][*[local-name()='ExtendedAttribute']/*[local-name()='Value']='$1']"; fi
		for n in 0 1; do
			xmllint --xpath "string($q/*[local-name()='Baseline'][*[local-name()='Number']='$n']/*[local-name()='Finish'])" "$mspdi_out/passkeys.xml"
		done
		xmllint --xpath "string($q/*[local-name()='Deadline'])" "$mspdi_out/passkeys.xml"
	}
	mspdi_want=$(printf '2027-04-23T17:00:00\n2027-04-30T17:00:00\n2027-04-30T17:00:00')
	for mspdi_x in ga ""; do
		mspdi_got=$(mspdi_bl "$mspdi_x")
		if [ "$mspdi_got" = "$mspdi_want" ]; then ok; else
			bad "mspdi: export of passkeys-rollout ${mspdi_x:-program}: baselines 0, 1 and the deadline are '$(echo $mspdi_got)', expected the first commitment, the moved one, the one in force"
		fi
	done
	mspdi_got=$(mspdi_bl beta)
	if [ "$mspdi_got" = "$(printf '2027-04-09T17:00:00\n\n2027-04-09T17:00:00')" ]; then ok; else
		bad "mspdi: export of passkeys-rollout beta: an unmoved commitment should be baseline 0 alone, got '$(echo $mspdi_got)'"
	fi
	unset -f mspdi_bl
fi

# 6. Each task and milestone keeps its UID as `source "UID:N"` (what sync
# matches on), once per task; no UID is left in a comment.
mspdi_n=$(grep -c '^task \|^milestone ' "$ROOT/tests/data/mspdi/msp2019-rollout.baton")
if [ "$mspdi_n" = 9 ] && [ "$(grep -c '^  source "UID:[0-9][0-9]*"$' "$ROOT/tests/data/mspdi/msp2019-rollout.baton")" = 9 ] &&
   grep -A1 '^task backend "Backend"$' "$ROOT/tests/data/mspdi/msp2019-rollout.baton" | grep -q '^  source "UID:3"$' &&
   ! grep -q '# source UID' "$ROOT/tests/data/mspdi/msp2019-rollout.baton"; then ok; else
	bad "mspdi: the import does not give each task and milestone its UID as source \"UID:N\" ($mspdi_n tasks and milestones)"
fi

unset mspdi_want mspdi_got mspdi_out mspdi_xsl mspdi_lint mspdi_planner mspdi_src mspdi_n mspdi_rel mspdi_f mspdi_x mspdi_rt mspdi_err mspdi_rc mspdi_sample
