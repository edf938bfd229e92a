# tests/diff.sh: `baton diff OLD NEW` (sourced by tests/run.sh). The pair
# tests/data/diff/old.baton -> new.baton changes one thing of every kind
# (its goldens in tests/golden/diff/, text, Markdown and JSON, and the
# reverse for removals); two identical plans say "no changes" with every
# figure equal; each side's figures are those `status --json` and
# `forecast --json` print for that file alone (tests/tools/diff_check.py);
# stdin, --exit-code, --as-of, errors; and git for real: a temp repository
# with `diff=baton` in .gitattributes, as the external driver and as
# textconv. UPDATE_GOLDEN=1 rewrites the goldens (review the diff).
df_dir=$OUT/diff-$(basename "$BUILD")
rm -rf "$df_dir"
mkdir -p "$df_dir"
df_old=tests/data/diff/old.baton
df_new=tests/data/diff/new.baton
df_opt="--runs 2000 --seed 7"

# df_golden NAME CMD...: run CMD (exit 0), compare stdout with tests/golden/diff/NAME.
df_golden() {
	local name=$1 got
	shift
	got=$df_dir/$name
	if ! "$@" >"$got" 2>"$got.err"; then
		bad "diff golden $name: '$*' failed"; sed -n 1,10p "$got.err"; return
	fi
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then mkdir -p tests/golden/diff; cp "$got" "tests/golden/diff/$name"; ok; return; fi
	if diff -u "tests/golden/diff/$name" "$got" >"$got.diff"; then ok
	else bad "diff golden: tests/golden/diff/$name differs"; head -30 "$got.diff"; fi
}

# df_py MODE ARGS...: one ok/bad per line diff_check.py prints.
df_py() {
	local line res=$df_dir/py.$1.out
	python3 tests/tools/diff_check.py "$@" >"$res" 2>&1
	[ -s "$res" ] || bad "diff_check.py $1 printed nothing"
	while IFS= read -r line; do
		case $line in
		ok\ *) ok ;;
		*) bad "diff $1: $line" ;;
		esac
	done <"$res"
}

df_golden changes.txt "$BATON" diff $df_opt $df_old $df_new
df_golden changes.md "$BATON" diff $df_opt --markdown $df_old $df_new
df_golden changes.json "$BATON" diff $df_opt --json $df_old $df_new
df_golden reverse.txt "$BATON" diff $df_opt $df_new $df_old

# Every kind of change is told (the golden could be rewritten wrongly).
for want in '~ task cart title: "Cart service" -> "Cart and basket service"' \
	'+ task fraud: "Fraud checks" team api estimate 4d' '- task legacy:' \
	'~ task pay needs: 2 -> 1' '~ task cart estimate: 8d 10d 15d -> 8d 12d 18d' \
	'+ link beta after fraud: fs' '~ link pay after cart: ss +3d -> fs' \
	'~ milestone beta commit: 2027-01-29 -> 2027-02-05' \
	'~ commitment launch since 2027-01-11: 2027-02-10 by launch-date' \
	'~ risk psp probability: 30% -> 50%' '+ risk fraud-rules:' '- risk perf:' \
	'~ decision psp-choice status: proposed -> decided' '~ decision psp-choice need-by: 2027-01-22 -> 2027-01-29' \
	'+ status 2027-01-15: design done 2027-01-08' '~ status 2027-01-08: design started 2027-01-04 -> design started 2027-01-04 percent 50%' \
	'+ holiday shop 2027-02-15:' \
	'~ team api capacity: 2 -> 3' '~ capacity api from 2027-02-01: 2 -> 3' \
	'~ task ui owner: none -> "Kim"' 'ga (added)' '~ task go-live id: rollout -> go-live'; do
	if grep -qF -- "$want" "$df_dir/changes.txt"; then ok; else bad "diff: no '$want' in the text"; fi
done
# A renamed task is one task: no link of it or to it is told as changed.
grep -qE 'task (rollout|go-live):|after (rollout|go-live)' "$df_dir/changes.txt" &&
	bad "diff: the renamed task's links or the task itself told as removed and added" || ok
grep -qF 'ga (removed)' "$df_dir/reverse.txt" && grep -qF '+ task legacy:' "$df_dir/reverse.txt" && ok ||
	bad "diff: the reverse does not tell ga removed and legacy added"

# Each side's figures are those status and forecast print for that file.
for s in old new; do
	f=tests/data/diff/$s.baton
	"$BATON" status --json $df_opt "$f" >"$df_dir/status.$s.json" 2>"$df_dir/status.$s.err" || bad "diff: status $s failed"
	"$BATON" forecast --json $df_opt "$f" >"$df_dir/forecast.$s.json" 2>"$df_dir/forecast.$s.err" || bad "diff: forecast $s failed"
done
df_py consistency "$df_dir/changes.json" "$df_dir/status.old.json" "$df_dir/status.new.json" \
	"$df_dir/forecast.old.json" "$df_dir/forecast.new.json"

# Identical plans: no changes, the forecast unchanged to the last digit.
"$BATON" diff $df_old $df_old >"$df_dir/same.txt" 2>&1; rc=$?
[ $rc = 0 ] && grep -qx 'No changes to the plan.' "$df_dir/same.txt" && grep -qx 'The forecast is unchanged.' "$df_dir/same.txt" &&
	! grep -q -- '->' <(sed 1d "$df_dir/same.txt") && ok || { bad "diff: identical plans (rc=$rc)"; cat "$df_dir/same.txt"; }
"$BATON" diff --json $df_opt $df_new $df_new >"$df_dir/same.json" 2>&1 || bad "diff --json of identical plans failed"
df_py same "$df_dir/same.json"
# Comments and blank lines change nothing baton diff tells.
sed -e 's/^\(task .*\)$/\1  # a comment/' -e 's/^$/\n/' $df_new >"$df_dir/commented.baton"
"$BATON" diff --exit-code --runs 200 $df_new "$df_dir/commented.baton" >"$df_dir/commented.txt" 2>&1 && ok ||
	{ bad "diff: comments and layout count as changes"; head -20 "$df_dir/commented.txt"; }

# Common random numbers: an estimate changed on work no milestone waits
# for moves no milestone's figure, to the last digit; nor does a task
# added before all the others (draws follow ids, not positions), nor a
# reordering of the tasks.
sed '/^task legacy/,/after/ s/estimate 3d$/estimate 4d 5d 9d/' $df_old >"$df_dir/legacy.baton"
sed '/^task design /i task spike "A side spike" team web estimate 1d\n' $df_old >"$df_dir/spike.baton"
{ sed '/^task design /,+1d' $df_old; sed -n '/^task design /,+1p' $df_old; } >"$df_dir/reorder.baton"
for df_case in legacy spike reorder; do
	"$BATON" diff --json $df_opt $df_old "$df_dir/$df_case.baton" >"$df_dir/$df_case.json" 2>&1 &&
		python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
c=d["changes"]
ok=len(c)==0 if sys.argv[2]=="reorder" else len(c)==1 and c[0]["id"]==sys.argv[2]
ok=ok and all(m["old"]==m["new"] for m in d["milestones"]) and (sys.argv[2]=="legacy" or d["program_end"]["old"]==d["program_end"]["new"])
sys.exit(0 if ok else 1)' "$df_dir/$df_case.json" $df_case && ok ||
		{ bad "diff: $df_case (off every milestone's path) moved a milestone's figures"; head -60 "$df_dir/$df_case.json"; }
done

# Two links between the same two tasks: removing one is "removed", the
# other stays unchanged.
printf 'program p "P"\n  start 2027-01-04\nteam t "T" capacity 2\ntask a "A"\n  team t estimate 3d\ntask b "B"\n  team t estimate 4d\n  after a, a ss +2d\nmilestone m "M" commit 2027-02-01\n  after b\n' >"$df_dir/twolinks.baton"
sed 's/  after a, a ss +2d/  after a ss +2d/' "$df_dir/twolinks.baton" >"$df_dir/onelink.baton"
"$BATON" diff --runs 0 "$df_dir/twolinks.baton" "$df_dir/onelink.baton" >"$df_dir/twolinks.txt" 2>&1
if grep -qx '  - link b after a: fs' "$df_dir/twolinks.txt" && grep -qx 'Changes to the plan (1):' "$df_dir/twolinks.txt"; then ok; else
	bad "diff: removing one of two links between the same tasks is not one removal"; sed -n '/Changes/,$p' "$df_dir/twolinks.txt"
fi

# --exit-code: 1 on differences only; without it 0 either way.
"$BATON" diff --exit-code --runs 200 $df_old $df_old >/dev/null 2>&1 && ok || bad "diff --exit-code: identical plans not 0"
"$BATON" diff --exit-code --runs 200 $df_old $df_new >/dev/null 2>&1; rc=$?
[ $rc = 1 ] && ok || bad "diff --exit-code: different plans exit $rc, not 1"

# One side from stdin: the same diff, the plan named <stdin>.
"$BATON" diff $df_opt - $df_new <$df_old >"$df_dir/stdin.txt" 2>&1; rc=$?
if [ $rc = 0 ] && head -1 "$df_dir/stdin.txt" | grep -qF 'baton diff <stdin> -> ' &&
	diff <(sed 1d "$df_dir/stdin.txt") <(sed 1d "$df_dir/changes.txt") >/dev/null; then ok
else bad "diff: old plan from stdin (rc=$rc)"; head -5 "$df_dir/stdin.txt"; fi

# --as-of: both sides on the same status date.
"$BATON" diff --json --runs 200 --as-of 2027-01-12 $df_old $df_new >"$df_dir/asof.json" 2>&1 &&
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d["old"]["as_of"] == d["new"]["as_of"] == "2027-01-12" else 1)' \
		"$df_dir/asof.json" && ok || bad "diff --as-of: the sides are not both on 2027-01-12"
# --runs 0: no forecast, RAG from the slack, still a diff.
"$BATON" diff --runs 0 --json $df_old $df_new >"$df_dir/noruns.json" 2>&1 &&
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); m=d["milestones"][0]; sys.exit(0 if d["runs"] == 0 and m["old"]["p50"] is None and m["delta"]["planned_days"] == 6 else 1)' \
		"$df_dir/noruns.json" && ok || bad "diff --runs 0"

# Errors: a bad plan is located, exit 2; usage, exit 2.
printf 'program p "P"\n  start 2027-01-04\ntask a "A"\n  estimate 5x\n' >"$df_dir/bad.baton"
"$BATON" diff $df_old "$df_dir/bad.baton" >"$df_dir/bad.out" 2>"$df_dir/bad.err"; rc=$?
[ $rc = 2 ] && grep -q 'bad.baton:4:' "$df_dir/bad.err" && [ ! -s "$df_dir/bad.out" ] && ok ||
	{ bad "diff: a bad NEW plan exits $rc, not 2 with its location"; cat "$df_dir/bad.err"; }
"$BATON" diff "$df_dir/bad.baton" $df_new >/dev/null 2>"$df_dir/bad2.err"; rc=$?
[ $rc = 2 ] && grep -q 'bad.baton:4:' "$df_dir/bad2.err" && ok || bad "diff: a bad OLD plan exits $rc, not 2"
"$BATON" diff $df_old "$df_dir/missing.baton" >/dev/null 2>"$df_dir/missing.err"; rc=$?
[ $rc = 2 ] && grep -q 'missing.baton' "$df_dir/missing.err" && ok || bad "diff: a missing file exits $rc, not 2"
for args in "$df_old" "$df_old $df_new $df_new" "- -" "--runs x $df_old $df_new" "--json --markdown $df_old $df_new" \
	"--as-of 2027-02-30 $df_old $df_new" "--git a b c" "--textconv" "--textconv -" "--bogus $df_old $df_new" \
	"--git --exit-code p $df_old 0 100644 $df_new 0 100644" "--textconv --json $df_old"; do
	# shellcheck disable=SC2086
	"$BATON" diff $args </dev/null >/dev/null 2>"$df_dir/usage.err"; rc=$?
	[ $rc = 2 ] && grep -q 'baton diff' "$df_dir/usage.err" && ok || bad "diff $args: exit $rc, not 2 with a usage error"
done
"$BATON" diff --help | grep -q 'usage: baton diff' && ok || bad "diff --help"

# git, for real: the external driver (diff.baton.command) and textconv.
if command -v git >/dev/null; then
	g=$df_dir/repo
	mkdir -p "$g"
	(
		cd "$g" && git init -q . && git config user.email t@example.com && git config user.name T &&
			echo '*.baton diff=baton' >.gitattributes && cp "$ROOT/$df_old" plan.baton &&
			git add . && git commit -qm old && cp "$ROOT/$df_new" plan.baton && git commit -qam new
	) >"$df_dir/git.log" 2>&1 || bad "diff: cannot set up a git repository"
	git -C "$g" config diff.baton.command "$BATON diff --git $df_opt"
	git -C "$g" diff HEAD~1 HEAD >"$df_dir/git.txt" 2>"$df_dir/git.err"; rc=$?
	if [ $rc = 0 ] && head -1 "$df_dir/git.txt" | grep -qxF 'baton diff a/plan.baton -> b/plan.baton' &&
		diff <(sed 1d "$df_dir/git.txt") <(sed 1d "$df_dir/changes.txt") >/dev/null; then ok
	else bad "diff: git diff with diff.baton.command (rc=$rc)"; head -5 "$df_dir/git.txt" "$df_dir/git.err"; fi
	# git log -p on the file, and the first commit (no old side).
	git -C "$g" log -p --ext-diff --format=%s -- plan.baton >"$df_dir/gitlog.txt" 2>&1 &&
		grep -qF 'baton diff plan.baton: new plan' "$df_dir/gitlog.txt" && grep -qF 'ga (added)' "$df_dir/gitlog.txt" && ok ||
		{ bad "diff: git log -p with the driver"; head -10 "$df_dir/gitlog.txt"; }
	# textconv: git's own line diff, of the plan and of its figures.
	git -C "$g" config --unset diff.baton.command
	git -C "$g" config diff.baton.textconv "$BATON diff --textconv $df_opt"
	git -C "$g" diff HEAD~1 HEAD >"$df_dir/textconv.txt" 2>"$df_dir/textconv.err"; rc=$?
	[ $rc = 0 ] && grep -q '^+# ga ' "$df_dir/textconv.txt" && grep -q '^-# beta .*amber' "$df_dir/textconv.txt" &&
		grep -q '^+# beta .*red' "$df_dir/textconv.txt" && grep -q '^+task fraud' "$df_dir/textconv.txt" && ok ||
		{ bad "diff: git diff with diff.baton.textconv (rc=$rc)"; head -40 "$df_dir/textconv.txt" "$df_dir/textconv.err"; }
	# A rename with an edit: git passes nine arguments, the new path eighth.
	git -C "$g" config --unset diff.baton.textconv
	git -C "$g" config diff.baton.command "$BATON diff --git --runs 200"
	(
		cd "$g" && git mv plan.baton renamed.baton &&
			sed -i 's/^  team web estimate 5d owner "Ana"$/  team web estimate 6d owner "Ana"/' renamed.baton &&
			git commit -qam renamed
	) >>"$df_dir/git.log" 2>&1 || bad "diff: cannot commit the rename"
	git -C "$g" diff -M HEAD~1 HEAD >"$df_dir/rename.txt" 2>&1; rc=$?
	[ $rc = 0 ] && head -1 "$df_dir/rename.txt" | grep -qxF 'baton diff a/plan.baton -> b/renamed.baton' &&
		grep -qxF '  ~ task design estimate: 5d -> 6d' "$df_dir/rename.txt" && grep -qxF 'Changes to the plan (1):' "$df_dir/rename.txt" && ok ||
		{ bad "diff: git diff of a renamed plan (rc=$rc)"; head -8 "$df_dir/rename.txt"; }
else
	bad "diff: git is not installed; the git driver is untested"
fi
