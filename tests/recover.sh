# tests/recover.sh: `baton recover` (sourced by tests/run.sh).
#
# Goldens on the examples (tests/golden/recover/); planted problems
# (tests/tools/gen_recover.py: a team that is the only bottleneck, one
# optional task on the only chain, one risk that drives the date) found as
# option 1 on every seed; every option printed, pasted as a scenario and
# forecast on its own, gives the chance and P85 recover printed; no option
# changes the people of a team marked fixed, descopes a task not marked
# optional or crashes one past its `crash`; an option that makes another
# commitment less likely says so; usage and input errors. UPDATE_GOLDEN=1 rewrites the goldens.
rc_dir=$OUT/recover-$(basename "$BUILD")
rm -rf "$rc_dir"
mkdir -p "$rc_dir" tests/golden/recover
rc_opt="--runs 400 --seed 2"
# Goldens must not depend on the machine: no time limit in the way.
rc_ropt="$rc_opt --time-limit 3600"

rc_golden() {
	local name=$1 got
	shift
	got=$rc_dir/$name
	# The search's own time is not part of what it found.
	if ! NO_COLOR=1 "$@" 2>"$got.err" | sed -E 's/ in [0-9.]+ s/ in N s/; s/"(first_option_)?seconds": [0-9.e+-]+/"\1seconds": N/' >"$got"; then
		bad "recover golden $name: '$*' failed"; sed -n 1,10p "$got.err"; return
	fi
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then cp "$got" "tests/golden/recover/$name"; ok; return; fi
	if diff -u "tests/golden/recover/$name" "$got" >"$got.diff"; then ok
	else bad "recover golden: tests/golden/recover/$name differs"; head -30 "$got.diff"; fi
}

rc_golden checkout.txt "$BATON" recover $rc_ropt examples/checkout-rewrite.baton
rc_golden checkout-live.json "$BATON" recover --json $rc_ropt examples/checkout-rewrite.baton checkout-live
rc_golden checkout-scenario1.baton "$BATON" recover $rc_ropt --scenario 1 examples/checkout-rewrite.baton checkout-live
rc_golden orders-cutover.txt "$BATON" recover $rc_ropt examples/orders-migration.baton cutover
rc_golden search-target.txt "$BATON" recover $rc_ropt --target 60% examples/search-launch.baton beta
# The interview's curveball: the lead leaves (a scenario), then what would
# bring the date back from there.
rc_golden orders-lose-lead.txt "$BATON" recover $rc_ropt --under lose-lead examples/orders-migration.baton cutover

# rc_repro PLAN MILESTONE [RECOVER-OPTION...]: each option, pasted and
# forecast alone, gives the chance and P85 recover printed (same runs and
# seed); and no option breaks a rule of the plan.
rc_repro() {
	local plan=$1 ms=$2 n i
	shift 2
	"$BATON" recover --json $rc_ropt "$@" "$plan" "$ms" >"$rc_dir/r.json" || { bad "recover --json $plan failed"; return; }
	n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["options"]))' "$rc_dir/r.json")
	[ "$n" -gt 0 ] || { bad "recover $plan $ms: no option to check"; return; }
	i=1
	while [ $i -le "$n" ]; do
		cp "$plan" "$rc_dir/p.baton"
		"$BATON" recover $rc_ropt "$@" --scenario $i "$plan" "$ms" >>"$rc_dir/p.baton"
		"$BATON" forecast --level --json $rc_opt --scenario recover-$i "$rc_dir/p.baton" >"$rc_dir/f.json" ||
			{ bad "recover $plan option $i: the scenario does not forecast"; i=$((i + 1)); continue; }
		if python3 - "$rc_dir/r.json" "$rc_dir/f.json" "$i" "$ms" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); f = json.load(open(sys.argv[2])); i = int(sys.argv[3]); ms = sys.argv[4]
o = r["options"][i - 1]
m = [x for x in f["milestones"] if x["id"] == ms][0]
assert abs(m["chance"] - o["chance"]) < 1e-9, (m["chance"], o["chance"])
assert m["p85"] == o["p85"], (m["p85"], o["p85"])
PY
		then ok; else bad "recover $plan option $i: forecast --scenario gives other figures"; fi
		i=$((i + 1))
	done
	if python3 - "$rc_dir/r.json" "$plan" <<'PY'
import json, re, sys
r = json.load(open(sys.argv[1]))
fixed, optional, crash, cur = set(), set(), {}, None
for line in open(sys.argv[2]):
    line = line.split("#")[0].rstrip()
    toks = line.split()
    if not toks:
        continue
    if not line.startswith(" "):
        cur = (toks[0], toks[1]) if len(toks) > 1 else None
        if cur and cur[0] == "team" and "fixed" in toks:
            fixed.add(cur[1])
    if cur and cur[0] == "task" and "optional" in toks:
        optional.add(cur[1])
    if cur and cur[0] == "task" and "crash" in toks:
        crash[cur[1]] = float(toks[toks.index("crash") + 1])
for o in r["options"]:
    for c in o["changes"]:
        for item in c["items"].splitlines():
            t = item.split()
            # A fixed team neither gains people nor lends them.
            if t[0] == "team" and t[2] == "capacity":
                assert t[1] not in fixed, "capacity of fixed team changed: " + t[1]
            if t[0] == "task" and t[2] == "descope":
                assert t[1] in optional, "descoped a task not marked optional: " + t[1]
            if t[0] == "task" and t[2] == "people":
                assert t[1] in crash and float(t[3]) <= crash[t[1]], "crashed past the plan's crash: " + item
        if c["kind"] == "borrow":
            caps = [x.split() for x in c["items"].splitlines()]
            assert len({x[1] for x in caps}) == 2, "a borrow moves people between two teams: " + c["items"]
PY
	then ok; else bad "recover $plan: an option breaks a rule of the plan"; fi
}
rc_repro examples/checkout-rewrite.baton checkout-live
rc_repro examples/orders-migration.baton cutover
# Under a scenario, the pasted block carries the scenario's lines too.
rc_repro examples/orders-migration.baton cutover --under lose-lead
# Every kind of change reproduces as a scenario (crash lowers to a task's
# people, borrow to two teams' capacities, re-sequence to a link).
for rc_kind in fasttrack crash borrow resequence; do
	python3 tests/tools/gen_recover.py $rc_kind 1 >"$rc_dir/kind-$rc_kind.baton"
	rc_repro "$rc_dir/kind-$rc_kind.baton" m
done

# status and the report carry the options of each red commitment: the
# same figures recover gives on the status's budget (500 runs, 12 sets,
# two options); --no-options leaves them out.
rc_golden checkout-status.txt "$BATON" status examples/checkout-rewrite.baton
"$BATON" status --json examples/checkout-rewrite.baton >"$rc_dir/st.json"
"$BATON" recover --json --runs 500 --seed 1 --options 2 --max-sets 12 --time-limit 3600 examples/checkout-rewrite.baton checkout-live >"$rc_dir/rc.json"
if python3 - "$rc_dir/st.json" "$rc_dir/rc.json" <<'PY'
import json, sys
st = json.load(open(sys.argv[1])); rc = json.load(open(sys.argv[2]))
ops = [o for o in st["options"] if o["milestone"] == "checkout-live" and o["what"]]
assert ops and len(ops) == len(rc["options"]), (len(ops), len(rc["options"]))
for a, b in zip(ops, rc["options"]):
    assert a["chance"] == b["chance"] and a["p85"] == b["p85"], (a, b)
    assert a["what"] == " + ".join(c["what"] for c in b["changes"]), (a["what"], b)
    assert a["chance_before"] == rc["chance"]
moves = [o for o in st["options"] if o["milestone"] == "checkout-live" and not o["what"]]
assert moves and moves[0]["move_commitment_to"] == rc["move_commitment_to"]
PY
then ok; else bad "status options differ from recover's on the same budget"; fi
if "$BATON" status --no-options examples/checkout-rewrite.baton | grep -q '^Options'; then bad "status --no-options shows options"; else ok; fi
if "$BATON" report -o - --runs 500 examples/checkout-rewrite.baton | grep -q '<h3>Options</h3>'; then ok; else bad "report: no options for a red commitment"; fi

# Planted problems: the planted change is option 1, on every seed (five
# on the release build; the sanitizer pass looks for memory errors, and
# two seeds reach the same code).
case $(basename "$BUILD") in
build-asan) rc_seeds="1 2" ;;
*) rc_seeds="1 2 3 4 5" ;;
esac
for rc_kind in capacity descope risk fasttrack crash borrow resequence; do
	case $rc_kind in
	capacity) rc_want='^ 1\. \+1 person in a ' ;;
	descope) rc_want='^ 1\. descope t2 ' ;;
	risk) rc_want='^ 1\. mitigate big: ' ;;
	fasttrack) rc_want='^ 1\. start t2 alongside t1 \(fs -> ss \+[0-9]d' ;;
	crash) rc_want='^ 1\. crash x: [23] people of a instead of 1 ' ;;
	borrow) rc_want='^ 1\. borrow 1 person from b for a ' ;;
	resequence) rc_want='^ 1\. re-sequence a: x before u ' ;;
	esac
	for rc_seed in $rc_seeds; do
		python3 tests/tools/gen_recover.py $rc_kind $rc_seed >"$rc_dir/planted.baton"
		"$BATON" recover --runs 300 --seed $rc_seed "$rc_dir/planted.baton" m >"$rc_dir/planted.out" 2>&1
		if grep -Eq "$rc_want" "$rc_dir/planted.out" && grep -Eq '^ 1\..*-> (100%|>99%|9[0-9]%|8[0-9]%)' "$rc_dir/planted.out"; then ok
		else bad "recover planted $rc_kind seed $rc_seed: not option 1"; sed -n 1,6p "$rc_dir/planted.out"; fi
	done
done

# What an option costs another commitment is shown: doing the short task
# first makes the long task's own milestone late.
sed 's/^milestone m2 "Tail done"$/milestone m2 "Tail done" commit 2027-01-29/' "$rc_dir/kind-resequence.baton" >"$rc_dir/side.baton"
"$BATON" recover --runs 300 "$rc_dir/side.baton" m >"$rc_dir/side.out" 2>&1
if grep -q '^    at the expense of: m2 9[0-9]% -> <1%$' "$rc_dir/side.out"; then ok
else bad "recover: the side effect of a re-sequence is not shown"; cat "$rc_dir/side.out"; fi

# Errors: exit 2 for usage and for a milestone that is not there.
for rc_args in "" "--target 0% examples/checkout-rewrite.baton" "--runs x examples/checkout-rewrite.baton" \
	"examples/checkout-rewrite.baton no-such-milestone" "--scenario 1 --json examples/checkout-rewrite.baton" \
	"--under no-such-scenario examples/orders-migration.baton cutover"; do
	"$BATON" recover $rc_args >/dev/null 2>&1
	if [ $? = 2 ]; then ok; else bad "recover $rc_args: expected exit 2"; fi
done
"$BATON" recover tests/bad/ref-unknown-after-tabs.baton >/dev/null 2>&1
[ $? = 2 ] && ok || bad "recover of a plan with errors: expected exit 2"
"$BATON" recover --help | grep -q "usage: baton recover" && ok || bad "recover --help"
unset rc_dir rc_opt rc_ropt rc_kind rc_want rc_seed rc_seeds rc_args
