# tests/browser.sh: the report and the live page in headless Chromium
# (sourced by tests/run.sh; the checks are in tests/browser/run.mjs).
# Skipped with a note (neither passed nor failed) when Debian's chromium,
# node or playwright-core (npm install in tests/browser) is missing: a
# browser is never downloaded. Screenshots land in tests/out/screens/.
br_chromium=${CHROMIUM:-/usr/bin/chromium}
br_dir=$ROOT/tests/browser
if [ ! -x "$br_chromium" ] || ! command -v node >/dev/null; then
	echo "browser: skipped ($br_chromium or node is missing)"
else
	if [ ! -d "$br_dir/node_modules/playwright-core" ] && command -v npm >/dev/null; then
		(cd "$br_dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 timeout 300 \
			npm install --no-audit --no-fund >"$OUT/browser-npm.log" 2>&1) ||
			echo "browser: npm install failed (see $OUT/browser-npm.log)"
	fi
	if [ ! -d "$br_dir/node_modules/playwright-core" ]; then
		echo "browser: skipped (playwright-core is not installed in tests/browser)"
	else
		br_out=$OUT/browser-$(basename "$BUILD")
		rm -rf "$br_out"
		mkdir -p "$br_out"
		br_plan=examples/orders-migration.baton
		# Expected counts: tasks and milestones from the schedule, the
		# planned tasks (the live edit), dependencies from the plan text.
		"$BATON" schedule --json "$br_plan" >"$br_out/schedule.json" 2>"$br_out/schedule.err"
		br_expect=$(python3 - "$br_out/schedule.json" "$br_plan" <<'PY'
import json, sys
sys.path.insert(0, "tests/tools")
from report_check import plan_items
s = json.load(open(sys.argv[1]))
_, _, deps = plan_items(open(sys.argv[2], encoding="utf-8").read())
print(json.dumps({"tasks": len(s["tasks"]), "milestones": len(s["milestones"]), "deps": deps,
                  "planned": [t["id"] for t in s["tasks"] if t["state"] == "planned"]}))
PY
)
		# A plan too big to draw task by task: 10,000 tasks in 40
		# workstreams, rolled up (check (e) of run.mjs).
		br_big=
		if cc -O2 -o "$br_out/gen_plan" bench/gen_plan.c 2>"$br_out/gen_plan.err"; then
			br_big=$br_out/big.baton
			"$br_out/gen_plan" --workstreams 40 10000 5 1 2>/dev/null >"$br_big"
		else
			bad "browser: cannot build bench/gen_plan.c"
		fi
		if [ -z "$br_expect" ]; then
			bad "browser: cannot compute the expected counts"
		else
			BATON_EXPECT=$br_expect BATON_BIG_PLAN=$br_big BATON_BIG_GROUPS=40 CHROMIUM=$br_chromium timeout 180 node "$br_dir/run.mjs" "$BATON" "$br_plan" \
				"$br_out" "$OUT/screens" "$(basename "$BUILD")" >"$br_out/run.out" 2>"$br_out/run.err"
			br_rc=$?
			br_n=0
			while IFS= read -r br_line; do
				case $br_line in
				ok:*) ok; br_n=$((br_n + 1)) ;;
				bad:*) bad "browser (${BUILD##*/}): ${br_line#bad: }"; br_n=$((br_n + 1)) ;;
				esac
			done <"$br_out/run.out"
			if [ "$br_rc" != 0 ] || [ "$br_n" = 0 ]; then
				bad "browser: run.mjs exited $br_rc"; sed -n 1,20p "$br_out/run.err"
			fi
		fi
	fi
fi
unset br_chromium br_dir br_out br_plan br_expect br_rc br_n br_line br_big
