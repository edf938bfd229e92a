# tests/cli.sh: the command line (sourced by tests/run.sh): exit codes,
# --help, "did you mean", `fmt` (--check, in place, idempotent, comments,
# refusal on syntax errors, atomic writes), colour, --as-of.
#
# Exit codes (include/baton.h): 0 ok, 1 failure (fmt --check found changes),
# 2 bad input or usage. Scratch files live in $OUT/cli-<build>/.

cli_dir=$OUT/cli-$(basename "$BUILD")
rm -rf "$cli_dir"
mkdir -p "$cli_dir"

# cli_run NAME WANT_RC CMD...: runs CMD (stdout to $cli_dir/NAME.out, stderr
# to $cli_dir/NAME.err), checks the exit status; returns 0 when it matched.
cli_run() {
	local name=$1 want=$2 got
	shift 2
	"$@" >"$cli_dir/$name.out" 2>"$cli_dir/$name.err" </dev/null
	got=$?
	if [ "$got" = "$want" ]; then
		return 0
	fi
	bad "cli/$name: '$*' exited $got, expected $want"
	sed -n 1,10p "$cli_dir/$name.err"
	return 1
}

# cli_expect NAME WANT_RC CMD...: cli_run, counting ok when it matched.
cli_expect() {
	cli_run "$@" && ok
}

# cli_has NAME out|err PATTERN [MSG]: grep -E the captured stream.
cli_has() {
	if grep -Eq -- "$3" "$cli_dir/$1.$2"; then
		ok
	else
		bad "cli/$1: std$2 lacks /$3/ ${4:-}"
		sed -n 1,10p "$cli_dir/$1.$2"
	fi
}

cli_empty() { # NAME out|err
	if [ -s "$cli_dir/$1.$2" ]; then
		bad "cli/$1: std$2 should be empty"
		sed -n 1,10p "$cli_dir/$1.$2"
	else
		ok
	fi
}

cli_sum() { cksum <"$1"; }
cli_inode() { ls -i "$1" | awk '{print $1}'; }

# A valid plan that is not in canonical form, with comments in every place
# a comment can go; and the same plan, canonical.
cat >"$cli_dir/messy.baton" <<'EOF'
# Search launch: a plan written by hand   


program launch   "Search launch"     # the program
   start 2027-01-04
	commit 2027-03-31
  holiday 2027-01-18 .. 2027-01-19 "Offsite"

team backend "Backend"   capacity 3   # three people
team web "Web" capacity 2
    # an indented comment
task api "Search API"
  team backend estimate 5d
task ui "Search UI"
  team web  estimate 3d 5d 8d  needs web : 2
  after api ss +2d ,
        api ff
milestone beta "Beta" commit 2027-02-15
  after ui    
# the end


EOF

# --- exit codes and usage -------------------------------------------------

cp "$ROOT/tests/fuzz/corpus/parse/valid-status.baton" "$cli_dir/good.baton"
cli_expect check-ok 0 "$BATON" check "$cli_dir/good.baton"
cli_has check-ok err ': ok$'
cli_expect schedule-ok 0 "$BATON" schedule "$cli_dir/good.baton"
cli_has schedule-ok out 'TASK'
cli_expect schedule-json 0 "$BATON" schedule --json "$cli_dir/good.baton"
if command -v jq >/dev/null 2>&1; then
	if jq -e . "$cli_dir/schedule-json.out" >/dev/null 2>&1; then ok; else bad "cli/schedule-json: not valid JSON"; fi
fi
# Every JSON document starts with "schema_version": the header's
# BATON_JSON_SCHEMA (docs/commands.md); check's carries its diagnostics.
cli_expect check-ok-json 0 "$BATON" check --json "$cli_dir/good.baton"
cli_schema=$(sed -n 's/^#define BATON_JSON_SCHEMA \([0-9][0-9]*\)$/\1/p' include/baton.h)
for cli_j in schedule-json check-ok-json; do
	if python3 -c '
import json, sys
d = json.load(open(sys.argv[1]), object_pairs_hook=lambda kv: kv)
assert d[0] == ("schema_version", int(sys.argv[2])), d[0]
if sys.argv[3] == "check-ok-json":
    assert [k for k, _ in d] == ["schema_version", "diagnostics"] and d[1][1] == [], d' "$cli_dir/$cli_j.out" "$cli_schema" "$cli_j"; then ok
	else bad "cli/$cli_j: does not start with \"schema_version\": $cli_schema"; fi
done
cli_expect schedule-md 0 "$BATON" schedule --markdown "$cli_dir/good.baton"
cli_has schedule-md out '^\|'

cli_expect no-args 2 "$BATON"
cli_has no-args err '^usage: baton'
cli_expect version 0 "$BATON" --version
cli_has version out '^baton [0-9]+\.[0-9]+\.[0-9]+$'
# `baton version` says the same, and it is the header's BATON_VERSION (the
# library's baton_version() linked into this build).
cli_expect version-cmd 0 "$BATON" version
if cmp -s "$cli_dir/version.out" "$cli_dir/version-cmd.out"; then ok; else bad "cli/version-cmd: differs from --version"; fi
cli_hdr=$(sed -n 's/^#define BATON_VERSION "\(.*\)"$/baton \1/p' include/baton.h)
if [ -n "$cli_hdr" ] && [ "$(cat "$cli_dir/version.out")" = "$cli_hdr" ]; then ok; else bad "cli/version: '$(cat "$cli_dir/version.out")' is not '$cli_hdr'"; fi
for cli_h in --help -h help; do
	cli_expect "top$cli_h" 0 "$BATON" $cli_h
	cli_has "top$cli_h" out '^usage: baton <command>'
	cli_empty "top$cli_h" err
done

cli_expect unknown-command 2 "$BATON" frobnicate "$cli_dir/good.baton"
cli_has unknown-command err "unknown command 'frobnicate'"
cli_empty unknown-command out
cli_expect did-you-mean 2 "$BATON" chek "$cli_dir/good.baton"
cli_has did-you-mean err "did you mean 'check'\\?"
cli_expect prefix-dispatch 0 "$BATON" sched "$cli_dir/good.baton"
cli_has prefix-dispatch out TASK
cli_expect did-you-mean-fmt 2 "$BATON" fnt "$cli_dir/good.baton"
cli_has did-you-mean-fmt err "did you mean 'fmt'\\?"
cli_expect did-you-mean-schedule 2 "$BATON" schedlue "$cli_dir/good.baton"
cli_has did-you-mean-schedule err "did you mean 'schedule'\\?"

for cli_cmd in check fmt schedule calibration; do
	cli_expect "$cli_cmd-help" 0 "$BATON" $cli_cmd --help
	cli_has "$cli_cmd-help" out "^usage: baton $cli_cmd"
	cli_empty "$cli_cmd-help" err
	cli_expect "$cli_cmd-h" 0 "$BATON" $cli_cmd -h
	cli_has "$cli_cmd-h" out "^usage: baton $cli_cmd"
	cli_expect "$cli_cmd-unknown-option" 2 "$BATON" $cli_cmd --frobnicate "$cli_dir/good.baton"
	cli_has "$cli_cmd-unknown-option" err "baton $cli_cmd: "
	cli_empty "$cli_cmd-unknown-option" out
	cli_expect "$cli_cmd-no-plan" 2 "$BATON" $cli_cmd
	cli_has "$cli_cmd-no-plan" err "baton $cli_cmd --help"
	# A plan that does not exist is bad input: exit 2, the path named.
	cli_expect "$cli_cmd-missing-file" 2 "$BATON" $cli_cmd "$cli_dir/no-such-plan.baton"
	cli_has "$cli_cmd-missing-file" err "no-such-plan\\.baton"
done
cli_expect check-two-plans 2 "$BATON" check "$cli_dir/good.baton" "$cli_dir/good.baton"

# check and schedule on a plan with errors: exit 2, diagnostics on stderr.
cp "$ROOT/tests/bad/ref-unknown-task-after.baton" "$cli_dir/bad-ref.baton"
cli_expect check-bad 2 "$BATON" check "$cli_dir/bad-ref.baton"
cli_has check-bad err 'bad-ref\.baton:11:9: error: '
cli_expect check-bad-quiet 2 "$BATON" check --quiet "$cli_dir/bad-ref.baton"
cli_empty check-bad-quiet err
cli_empty check-bad-quiet out
cli_expect check-bad-json 2 "$BATON" check --json "$cli_dir/bad-ref.baton"
if command -v jq >/dev/null 2>&1; then
	if [ "$(jq -r '.diagnostics[0].line, .diagnostics[0].col, .diagnostics[0].severity' "$cli_dir/check-bad-json.out" 2>/dev/null | tr '\n' ' ')" = "11 9 error " ]; then
		ok
	else
		bad "cli/check-bad-json: expected [{line 11, col 9, error}]"
		sed -n 1,10p "$cli_dir/check-bad-json.out"
	fi
fi
cli_expect schedule-bad 2 "$BATON" schedule "$cli_dir/bad-ref.baton"
cli_has schedule-bad err 'bad-ref\.baton:11:9: error: '
cli_empty schedule-bad out
# Warnings alone do not fail a check.
cli_expect check-warning 0 "$BATON" check "$ROOT/tests/bad/warn-milestone-nothing-leading.baton"
cli_has check-warning err 'warning: '
# A plan on stdin.
if "$BATON" check - <"$cli_dir/bad-ref.baton" >"$cli_dir/stdin.out" 2>"$cli_dir/stdin.err"; then
	bad "cli/stdin: check - on a bad plan exited 0"
else
	[ $? = 2 ] && ok || bad "cli/stdin: check - exited $?, expected 2"
	cli_has stdin err '^<stdin>:11:9: error: '
fi

# --- schedule --as-of -----------------------------------------------------

cli_expect as-of-ok 0 "$BATON" schedule --as-of 2027-01-10 "$cli_dir/good.baton"
cli_has as-of-ok out '2027-01-10'
for cli_d in 2027-02-30 2027-13-01 2100-02-29 tomorrow 2027-1-5 ''; do
	cli_expect "as-of-bad-${cli_d:-empty}" 2 "$BATON" schedule --as-of "$cli_d" "$cli_dir/good.baton"
	cli_has "as-of-bad-${cli_d:-empty}" err 'as-of'
	cli_empty "as-of-bad-${cli_d:-empty}" out
done
cli_expect as-of-missing-arg 2 "$BATON" schedule "$cli_dir/good.baton" --as-of

# --- fmt ------------------------------------------------------------------

# --check: 1 and the path on stdout when not canonical, the file untouched.
cp "$cli_dir/messy.baton" "$cli_dir/check.baton"
cli_sum0=$(cli_sum "$cli_dir/check.baton")
cli_expect fmt-check-messy 1 "$BATON" fmt --check "$cli_dir/check.baton"
cli_has fmt-check-messy out 'check\.baton$'
[ "$(cli_sum "$cli_dir/check.baton")" = "$cli_sum0" ] && ok || bad "cli/fmt-check-messy: --check modified the file"

# --stdout prints the canonical form and leaves the file alone.
cli_expect fmt-stdout 0 "$BATON" fmt --stdout "$cli_dir/check.baton"
[ "$(cli_sum "$cli_dir/check.baton")" = "$cli_sum0" ] && ok || bad "cli/fmt-stdout: --stdout modified the file"
cp "$cli_dir/fmt-stdout.out" "$cli_dir/canonical.baton"
cli_expect fmt-check-canonical 0 "$BATON" fmt --check "$cli_dir/canonical.baton"
cli_empty fmt-check-canonical out
cli_expect fmt-check-canonical-valid 0 "$BATON" check "$cli_dir/canonical.baton"

# In place: the file changes, atomically (a new inode, no temp file left,
# the mode kept), and a second run changes nothing.
mkdir -p "$cli_dir/inplace"
cp "$cli_dir/messy.baton" "$cli_dir/inplace/plan.baton"
chmod 640 "$cli_dir/inplace/plan.baton"
cli_ino0=$(cli_inode "$cli_dir/inplace/plan.baton")
cli_expect fmt-inplace 0 "$BATON" fmt "$cli_dir/inplace/plan.baton"
cli_empty fmt-inplace out
if cmp -s "$cli_dir/inplace/plan.baton" "$cli_dir/canonical.baton"; then ok; else
	bad "cli/fmt-inplace: the file differs from fmt --stdout"
	diff -u "$cli_dir/canonical.baton" "$cli_dir/inplace/plan.baton" | sed -n 1,20p
fi
[ "$(cli_inode "$cli_dir/inplace/plan.baton")" != "$cli_ino0" ] && ok ||
	bad "cli/fmt-inplace: same inode: the file was rewritten in place, not renamed over"
[ "$(ls -A "$cli_dir/inplace")" = plan.baton ] && ok ||
	bad "cli/fmt-inplace: files left behind: $(ls -A "$cli_dir/inplace" | tr '\n' ' ')"
[ "$(stat -c %a "$cli_dir/inplace/plan.baton")" = 640 ] && ok ||
	bad "cli/fmt-inplace: mode changed to $(stat -c %a "$cli_dir/inplace/plan.baton")"
# Every comment survives, in order.
if [ "$(grep -o '#.*' "$cli_dir/messy.baton" | sed 's/[[:space:]]*$//')" = \
     "$(grep -o '#.*' "$cli_dir/inplace/plan.baton")" ]; then ok; else
	bad "cli/fmt-inplace: comments lost or changed"
	diff <(grep -o '#.*' "$cli_dir/messy.baton") <(grep -o '#.*' "$cli_dir/inplace/plan.baton") | sed -n 1,10p
fi
cli_sum1=$(cli_sum "$cli_dir/inplace/plan.baton")
cli_ino1=$(cli_inode "$cli_dir/inplace/plan.baton")
cli_expect fmt-twice 0 "$BATON" fmt "$cli_dir/inplace/plan.baton"
[ "$(cli_sum "$cli_dir/inplace/plan.baton")" = "$cli_sum1" ] && ok || bad "cli/fmt-twice: second fmt changed the file"
[ "$(cli_inode "$cli_dir/inplace/plan.baton")" = "$cli_ino1" ] && ok ||
	bad "cli/fmt-twice: second fmt rewrote an already canonical file"
cli_expect fmt-twice-check 0 "$BATON" fmt --check "$cli_dir/inplace/plan.baton"
# The schedule does not change with the formatting.
"$BATON" schedule --json "$cli_dir/messy.baton" >"$cli_dir/sched-messy.json" 2>/dev/null
"$BATON" schedule --json "$cli_dir/inplace/plan.baton" >"$cli_dir/sched-canon.json" 2>/dev/null
cmp -s "$cli_dir/sched-messy.json" "$cli_dir/sched-canon.json" && ok ||
	bad "cli/fmt-schedule: the schedule changed when the plan was formatted"

# CRLF plans are formatted too, idempotently.
mkdir -p "$cli_dir/crlf"
cp "$ROOT/tests/fuzz/corpus/parse/valid-crlf.baton" "$cli_dir/crlf/plan.baton"
cli_expect fmt-crlf 0 "$BATON" fmt "$cli_dir/crlf/plan.baton"
cli_expect fmt-crlf-check 0 "$BATON" fmt --check "$cli_dir/crlf/plan.baton"
cli_expect fmt-crlf-valid 0 "$BATON" check "$cli_dir/crlf/plan.baton"
# The examples are canonical.
for cli_ex in "$ROOT"/examples/*.baton; do
	[ -f "$cli_ex" ] || continue
	cli_expect "fmt-check-$(basename "$cli_ex" .baton)" 0 "$BATON" fmt --check "$cli_ex"
done

# A plan with syntax errors: refused with exit 2, the file untouched (same
# bytes, same inode), nothing left in the directory.
mkdir -p "$cli_dir/syntax"
cp "$ROOT/tests/bad/syntax-unknown-attribute.baton" "$cli_dir/syntax/plan.baton"
cli_sum0=$(cli_sum "$cli_dir/syntax/plan.baton")
cli_ino0=$(cli_inode "$cli_dir/syntax/plan.baton")
cli_expect fmt-syntax 2 "$BATON" fmt "$cli_dir/syntax/plan.baton"
cli_has fmt-syntax err "plan\\.baton:7:17: error: unknown attribute 'estimte'"
cli_has fmt-syntax err 'not formatted'
[ "$(cli_sum "$cli_dir/syntax/plan.baton")" = "$cli_sum0" ] && ok || bad "cli/fmt-syntax: file modified"
[ "$(cli_inode "$cli_dir/syntax/plan.baton")" = "$cli_ino0" ] && ok || bad "cli/fmt-syntax: file replaced"
[ "$(ls -A "$cli_dir/syntax")" = plan.baton ] && ok ||
	bad "cli/fmt-syntax: files left behind: $(ls -A "$cli_dir/syntax" | tr '\n' ' ')"
cli_expect fmt-check-syntax 2 "$BATON" fmt --check "$cli_dir/syntax/plan.baton"
# Semantic errors are no reason to refuse (gofmt-style): it formats.
cp "$cli_dir/bad-ref.baton" "$cli_dir/syntax/semantic.baton"
cli_expect fmt-semantic 0 "$BATON" fmt "$cli_dir/syntax/semantic.baton"
cli_expect fmt-semantic-check 0 "$BATON" fmt --check "$cli_dir/syntax/semantic.baton"
cli_expect fmt-semantic-still-bad 2 "$BATON" check "$cli_dir/syntax/semantic.baton"
# Several plans: the bad one is refused, the good one still formatted.
cp "$cli_dir/messy.baton" "$cli_dir/syntax/good.baton"
rm -f "$cli_dir/syntax/semantic.baton"
cli_expect fmt-many 2 "$BATON" fmt "$cli_dir/syntax/plan.baton" "$cli_dir/syntax/good.baton"
cmp -s "$cli_dir/syntax/good.baton" "$cli_dir/canonical.baton" && ok ||
	bad "cli/fmt-many: the good plan was not formatted"
[ "$(cli_sum "$cli_dir/syntax/plan.baton")" = "$cli_sum0" ] && ok || bad "cli/fmt-many: bad plan modified"

# --- colour ---------------------------------------------------------------

# Neither NO_COLOR nor a pipe may produce escape sequences.
cli_esc=$(printf '\033')
for cli_nc in set unset; do
	if [ $cli_nc = set ]; then
		cli_env="env NO_COLOR=1"
	else
		cli_env="env -u NO_COLOR"
	fi
	$cli_env "$BATON" check "$cli_dir/bad-ref.baton" >"$cli_dir/color.out" 2>"$cli_dir/color.err"
	$cli_env "$BATON" schedule "$cli_dir/good.baton" >>"$cli_dir/color.out" 2>>"$cli_dir/color.err"
	$cli_env "$BATON" fmt "$cli_dir/syntax/plan.baton" >>"$cli_dir/color.out" 2>>"$cli_dir/color.err"
	$cli_env "$BATON" frobnicate >>"$cli_dir/color.out" 2>>"$cli_dir/color.err"
	if grep -q "$cli_esc" "$cli_dir/color.out" "$cli_dir/color.err"; then
		bad "cli/color: escape sequences in output (NO_COLOR $cli_nc, not a TTY)"
	else
		ok
	fi
done

# import: a PSPLIB instance becomes a canonical plan that checks; a bad
# --name is refused; a missing value is named.
# The instance ships in tests/data, so its absence is a failure, not a skip.
cli_sm=${BATON_PSPLIB:-tests/data/psplib}/j30/j301_1.sm
if [ ! -f "$cli_sm" ]; then
	bad "cli/import: $cli_sm missing"
else
	if "$BATON" import psplib "$cli_sm" >"$cli_dir/j301_1.baton" 2>"$cli_dir/import.err" &&
	   "$BATON" check --quiet "$cli_dir/j301_1.baton" && "$BATON" fmt --check "$cli_dir/j301_1.baton" >/dev/null; then ok
	else bad "cli/import: j301_1 does not import as a canonical plan"; cat "$cli_dir/import.err"; fi
	"$BATON" import psplib "$cli_sm" --name "x y" >/dev/null 2>"$cli_dir/import.err"
	if [ $? = 2 ] && grep -q "is not a plan id" "$cli_dir/import.err"; then ok; else bad "cli/import: --name 'x y' accepted"; fi
	# A job of 100,000,000 days: its plan's dates would run past
	# 9999-12-31, so the instance is refused, with the path's length.
	awk '/^REQUESTS/ { r = 1 } r && $1 == 2 && $2 == 1 && NF > 3 { $3 = 100000000 } { print }' "$cli_sm" >"$cli_dir/long.sm"
	"$BATON" import psplib "$cli_dir/long.sm" >/dev/null 2>"$cli_dir/import.err"
	if [ $? = 2 ] && grep -q "the critical path is 1000000[0-9][0-9] days, over the 2000000 a plan can hold" "$cli_dir/import.err"; then ok
	else bad "cli/import: an instance past 9999-12-31 not refused"; cat "$cli_dir/import.err"; fi
fi
"$BATON" schedule --as-of >/dev/null 2>"$cli_dir/noval.err"
if [ $? = 2 ] && grep -q "option '--as-of' needs a value" "$cli_dir/noval.err"; then ok; else bad "cli: missing option value not named"; cat "$cli_dir/noval.err"; fi

# A plan that cannot be levelled names the task that cannot fit, not the
# first task of the file (which is the started one here).
cat >"$cli_dir/nofit.baton" <<'EOF_PLAN'
program p "P"
  start 2027-03-01
team t capacity 2
  capacity 1 from 2027-03-03
task first team t estimate 5d
task big team t estimate 5d needs 2
  after first
status 2027-03-02
  first started 2027-03-01
EOF_PLAN
"$BATON" schedule --level "$cli_dir/nofit.baton" >/dev/null 2>"$cli_dir/nofit.err"
if [ $? = 1 ] && grep -q "task 'big' needs more people from team 't'" "$cli_dir/nofit.err"; then ok
else bad "cli: levelling failure blames the wrong task"; cat "$cli_dir/nofit.err"; fi

# Two output formats at once are a usage error, not "the last one wins".
for c in schedule status history calibration forecast risks agenda decisions; do
	"$BATON" $c --json --markdown examples/orders-migration.baton >/dev/null 2>"$cli_dir/fmt2.err"
	if [ $? = 2 ] && grep -q "cannot be combined" "$cli_dir/fmt2.err"; then ok
	else bad "cli: $c --json --markdown is not a usage error"; cat "$cli_dir/fmt2.err"; fi
done

# A UTF-8 byte-order mark is not part of the plan, and fmt drops it.
printf '\357\273\277program p "P"\n  start 2027-03-01\nteam t capacity 1\ntask a team t estimate 2d\n' >"$cli_dir/bom.baton"
if "$BATON" check --quiet "$cli_dir/bom.baton" 2>"$cli_dir/bom.err"; then ok; else bad "cli: a plan with a BOM does not check"; cat "$cli_dir/bom.err"; fi
"$BATON" fmt "$cli_dir/bom.baton"
if [ "$(head -c 7 "$cli_dir/bom.baton")" = program ]; then ok; else bad "cli: fmt kept the BOM"; fi
# Lone CR line ends are line ends: an error is located on its own line,
# and fmt writes LF.
printf 'program p "P"\r  start 2027-03-01\rteam t capacity x\r' >"$cli_dir/cr.baton"
"$BATON" check "$cli_dir/cr.baton" >/dev/null 2>"$cli_dir/cr.err"
if [ $? = 2 ] && grep -q ':3:17: error' "$cli_dir/cr.err" && [ "$(wc -l <"$cli_dir/cr.err")" -le 5 ]; then ok
else bad "cli: CR-only plan not read line by line"; head -c 400 "$cli_dir/cr.err"; fi
printf 'program p "P"\r  start 2027-03-01\rteam t capacity 1\rtask a team t estimate 1d\r' >"$cli_dir/cr2.baton"
"$BATON" fmt "$cli_dir/cr2.baton"
if ! grep -q "$(printf '\r')" "$cli_dir/cr2.baton" && [ "$(wc -l <"$cli_dir/cr2.baton")" -ge 4 ]; then ok
else bad "cli: fmt kept CR line ends"; fi

# Input limits: a directory, a device that never ends and a file over
# --max-input are refused with one message and exit 2, before memory runs
# away; --max-input raises the limit.
"$BATON" check "$cli_dir" >/dev/null 2>"$cli_dir/dir.err"
if [ $? = 2 ] && grep -q "it is a directory" "$cli_dir/dir.err" && [ "$(wc -l <"$cli_dir/dir.err")" = 1 ]; then ok
else bad "cli: check on a directory"; cat "$cli_dir/dir.err"; fi
timeout 60 "$BATON" check --max-input 8M /dev/zero >/dev/null 2>"$cli_dir/zero.err"
if [ $? = 2 ] && grep -q "over the input limit of 8 MiB" "$cli_dir/zero.err"; then ok
else bad "cli: check /dev/zero is not refused at the limit"; cat "$cli_dir/zero.err"; fi
"$BATON" check --max-input 1K examples/orders-migration.baton >/dev/null 2>"$cli_dir/max.err"
if [ $? = 2 ] && grep -q "over the input limit of 1024 bytes" "$cli_dir/max.err"; then ok
else bad "cli: --max-input 1K does not refuse a bigger plan"; cat "$cli_dir/max.err"; fi
if "$BATON" schedule --max-input=1M examples/orders-migration.baton >/dev/null; then ok
else bad "cli: --max-input=1M refused a small plan"; fi
"$BATON" check --max-input 12x examples/orders-migration.baton >/dev/null 2>&1
[ $? = 2 ] && ok || bad "cli: --max-input 12x accepted"

# A million repeated mistakes print the first 100 and how many more.
python3 -c '
print("program p \"P\"\n  start 2027-03-01\nteam t capacity 1\ntask a team t estimate 1d")
for i in range(20000): print("  estimate 1d")' >"$cli_dir/dup.baton"
"$BATON" check "$cli_dir/dup.baton" >/dev/null 2>"$cli_dir/dup.err"
if [ $? = 2 ] && grep -q "19900 more diagnostics not shown" "$cli_dir/dup.err" && [ "$(grep -c ': error:' "$cli_dir/dup.err")" = 100 ]; then ok
else bad "cli: diagnostics are not capped"; tail -3 "$cli_dir/dup.err"; fi
"$BATON" check --json "$cli_dir/dup.baton" 2>/dev/null >"$cli_dir/dup.json"
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))["diagnostics"]; assert len(d) == 101 and d[-1]["more"] == 19900' "$cli_dir/dup.json"; then ok
else bad "cli: JSON diagnostics are not capped"; fi

# Long texts are cut between characters and say so, never silently.
python3 -c '
t = "\u00e9" * 700
print("program p \"P\"\n  start 2027-01-04\nteam t capacity 1\ntask a team t estimate 2d")
print("milestone m \"%s\"\n  after a" % t)
print("task b team t estimate 2d after " + "x" * 600)' >"$cli_dir/long.baton"
"$BATON" check "$cli_dir/long.baton" >/dev/null 2>"$cli_dir/long.err"
if [ $? = 2 ] && grep -q "… (cut: 628 characters in all)" "$cli_dir/long.err" &&
   grep -q "… (432 more characters)" "$cli_dir/long.err" && iconv -f UTF-8 -t UTF-8 "$cli_dir/long.err" >/dev/null; then ok
else bad "cli: a long diagnostic or source line is cut without saying so"; cut -c1-100 "$cli_dir/long.err"; fi
sed -i '$d' "$cli_dir/long.baton"
"$BATON" milestones "$cli_dir/long.baton" >"$cli_dir/long.out" 2>&1
if grep -q "… (cut: 700 characters in all)" "$cli_dir/long.out" && iconv -f UTF-8 -t UTF-8 "$cli_dir/long.out" >/dev/null; then ok
else bad "cli: a long table cell is cut without saying so"; cut -c1-100 "$cli_dir/long.out"; fi

# check finds what schedule, levelling and forecasts would refuse, located.
"$BATON" check "$cli_dir/nofit.baton" >/dev/null 2>"$cli_dir/nofit-check.err"
if [ $? = 0 ] && grep -q "nofit.baton:6:6: warning: levelling cannot place task 'big': it needs 2 of team 't'" "$cli_dir/nofit-check.err"; then ok
else bad "cli: check does not warn of a plan that levelling refuses"; cat "$cli_dir/nofit-check.err"; fi
sed 's/^  start 2027-03-01$/  start 2027-03-01\n  level on/' "$cli_dir/nofit.baton" >"$cli_dir/nofit-level.baton"
for c in check schedule status; do
	"$BATON" $c "$cli_dir/nofit-level.baton" >/dev/null 2>"$cli_dir/nofit-level.err"
	if [ $? = 2 ] && grep -q "nofit-level.baton:7:6: error: levelling cannot place task 'big'" "$cli_dir/nofit-level.err"; then ok
	else bad "cli: $c of a levelling plan that cannot level is not a located error"; cat "$cli_dir/nofit-level.err"; fi
done
printf 'program p "P"\n  start 9999-06-01\nteam t capacity 1\ntask a team t estimate 400d\ntask b team t estimate 2d\n' >"$cli_dir/y9999.baton"
"$BATON" check "$cli_dir/y9999.baton" >/dev/null 2>"$cli_dir/y9999.err"
if [ $? = 2 ] && grep -q "y9999.baton:4:6: error: task 'a' would finish after 9999-12-31" "$cli_dir/y9999.err"; then ok
else bad "cli: check passes a plan that ends after the year 9999"; cat "$cli_dir/y9999.err"; fi
printf 'program p "P"\n  start 9990-06-01\n  level on\nteam t capacity 1\ntask a team t estimate 1000d\ntask b team t estimate 1000d\ntask c team t estimate 1000d\n' >"$cli_dir/y9999l.baton"
for c in check schedule; do
	"$BATON" $c "$cli_dir/y9999l.baton" >"$cli_dir/y9999l.out" 2>"$cli_dir/y9999l.err"
	if [ $? = 2 ] && grep -q "y9999l.baton:7:6: error: levelled, task 'c' would finish after 9999-12-31" "$cli_dir/y9999l.err" &&
	   ! grep -q 0000-00-00 "$cli_dir/y9999l.out"; then ok
	else bad "cli: $c of a plan whose levelled end is past 9999 is not a located error"; head -5 "$cli_dir/y9999l.err" "$cli_dir/y9999l.out"; fi
done
sed '/level on/d' "$cli_dir/y9999l.baton" >"$cli_dir/y9999w.baton"
"$BATON" schedule --level "$cli_dir/y9999w.baton" >"$cli_dir/y9999l.out" 2>"$cli_dir/y9999l.err"
if [ $? = 1 ] && grep -q "levelled plan ends after the year 9999" "$cli_dir/y9999l.err" && ! grep -q 0000-00-00 "$cli_dir/y9999l.out"; then ok
else bad "cli: schedule --level past 9999 prints a wrong date"; head -5 "$cli_dir/y9999l.err" "$cli_dir/y9999l.out"; fi
printf 'program p "P"\n  start 9999-01-04\n  commit 9999-12-01\nteam t capacity 1\ntask a team t estimate 100d 200d 400d\nmilestone m commit 9999-11-01\n  after a\n' >"$cli_dir/y9999f.baton"
"$BATON" check "$cli_dir/y9999f.baton" >/dev/null 2>"$cli_dir/y9999f.err"
if [ $? = 0 ] && grep -q "y9999f.baton:1:9: warning: forecasts of this plan may run past 9999-12-31" "$cli_dir/y9999f.err"; then ok
else bad "cli: check does not warn of forecasts past 9999"; cat "$cli_dir/y9999f.err"; fi
for c in forecast status; do
	"$BATON" $c "$cli_dir/y9999f.baton" >"$cli_dir/y9999f.out" 2>"$cli_dir/y9999f.err"
	if [ $? = 1 ] && grep -q "some runs of the forecast finish after 9999-12-31" "$cli_dir/y9999f.err" && ! grep -q 0000-00-00 "$cli_dir/y9999f.out"; then ok
	else bad "cli: $c past 9999 prints a wrong date"; head -5 "$cli_dir/y9999f.err" "$cli_dir/y9999f.out"; fi
done

# Scenarios beyond forecast and whatif: schedule, status, report and the
# diagrams under a scenario, each date beside the plan's own.
"$BATON" schedule --json examples/orders-migration.baton >"$cli_dir/sc-base.json"
"$BATON" schedule --json --scenario lose-lead examples/orders-migration.baton >"$cli_dir/sc.json"
"$BATON" status --json --runs 0 --scenario lose-lead examples/orders-migration.baton >"$cli_dir/sc-status.json"
if python3 - "$cli_dir/sc-base.json" "$cli_dir/sc.json" "$cli_dir/sc-status.json" <<'PY'
import json, sys
base, sc, st = (json.load(open(f)) for f in sys.argv[1:4])
assert base.get("scenario") is None and sc["scenario"] == "lose-lead" and st["scenario"] == "lose-lead"
bf = {t["id"]: t["finish_day"] for t in base["tasks"]}
moved = 0
for t in sc["tasks"]:
    assert t["vs_plan_days"] == t["finish_day"] - bf[t["id"]], t["id"]
    moved += t["vs_plan_days"] != 0
assert moved > 0
assert sc["vs_plan_days"] == sc["end_day"] - base["end_day"] and sc["plan_end"] == base["end"]
# status under the scenario plans from the same schedule
sf = {t["id"]: t["finish"] for t in st["tasks"]}
assert all(sf[t["id"]] == t["finish"] for t in sc["tasks"])
assert st["headline"].startswith("Under scenario ")
PY
then ok; else bad "cli: schedule/status --scenario do not match the scenario's dates beside the plan's"; fi
"$BATON" schedule --scenario lose-lead examples/orders-migration.baton >"$cli_dir/sc.txt"
if grep -q "^under scenario lose-lead (Orders loses its tech lead (Ana Ruiz) on March 1): planned end .*from the plan without it" "$cli_dir/sc.txt" &&
   grep -q "vs plan" "$cli_dir/sc.txt"; then ok; else bad "cli: schedule --scenario does not say so"; head -4 "$cli_dir/sc.txt"; fi
"$BATON" gantt --scenario lose-lead examples/orders-migration.baton | grep -q "under scenario lose-lead" && ok || bad "cli: gantt --scenario does not say so"
"$BATON" report --runs 200 --scenario lose-lead -o - examples/orders-migration.baton | grep -q "under scenario lose-lead" && ok || bad "cli: report --scenario does not say so"
"$BATON" status --record --scenario lose-lead --history "$cli_dir/sc.db" examples/orders-migration.baton >/dev/null 2>"$cli_dir/sc.err"
if [ $? = 2 ] && grep -q "cannot be combined with --scenario" "$cli_dir/sc.err" && [ ! -e "$cli_dir/sc.db" ]; then ok
else bad "cli: status --record --scenario records a what-if"; cat "$cli_dir/sc.err"; fi
for c in schedule status report gantt; do
	"$BATON" $c --scenario nope $([ $c = report ] && echo -o "$cli_dir/x.html") examples/orders-migration.baton >/dev/null 2>"$cli_dir/sc.err"
	if [ $? = 2 ] && grep -q "unknown scenario 'nope'; the plan declares: lose-lead ramp-writes" "$cli_dir/sc.err"; then ok
	else bad "cli: $c --scenario nope"; cat "$cli_dir/sc.err"; fi
done

# An absorbed risk is counted once, by the estimates: the forecast is the
# one without it (closed), the register still shows it.
for st in occurred absorbed closed; do
	sed "s/status occurred/status $st/" tests/bad/warn-risk-occurred-and-re-estimated.baton >"$cli_dir/risk-$st.baton"
	"$BATON" forecast --json --runs 2000 "$cli_dir/risk-$st.baton" 2>/dev/null |
		python3 -c 'import json,sys; print(json.load(sys.stdin)["end"]["mean_day"])' >"$cli_dir/risk-$st.p50" 2>&1
done
if cmp -s "$cli_dir/risk-absorbed.p50" "$cli_dir/risk-closed.p50" && ! cmp -s "$cli_dir/risk-absorbed.p50" "$cli_dir/risk-occurred.p50" &&
   "$BATON" risks "$cli_dir/risk-absorbed.baton" 2>/dev/null | grep -q "^  r  *absorbed"; then ok
else bad "cli: an absorbed risk is counted twice or not shown"; cat "$cli_dir"/risk-*.p50; "$BATON" risks "$cli_dir/risk-absorbed.baton"; fi

# baton next: next week's block, golden; written into the plan after the
# latest block with every other byte kept; check and status accept it.
"$BATON" next --print examples/orders-migration.baton >"$cli_dir/next.baton" 2>"$cli_dir/next.err"
[ "${UPDATE_GOLDEN:-}" = 1 ] && cp "$cli_dir/next.baton" tests/golden/orders-migration.next.baton
if cmp -s "$cli_dir/next.baton" tests/golden/orders-migration.next.baton; then ok
else bad "cli: next --print differs from tests/golden/orders-migration.next.baton"; diff tests/golden/orders-migration.next.baton "$cli_dir/next.baton" | head; fi
cp examples/orders-migration.baton "$cli_dir/next-plan.baton"
chmod 640 "$cli_dir/next-plan.baton"
"$BATON" next "$cli_dir/next-plan.baton" 2>"$cli_dir/next.err"
if python3 - "$cli_dir/next-plan.baton" examples/orders-migration.baton "$cli_dir/next.baton" <<'PY'
import sys
new, old, block = (open(f).read() for f in sys.argv[1:4])
at = new.index(block)
# The block sits after the latest status block, separated by one blank line,
# and removing it gives the original byte for byte.
assert new[:at - 1] + new[at + len(block):] == old, "other bytes changed"
assert new[:at].rstrip().split("\n")[-1].startswith("  note "), "not after the latest block"
PY
then ok; else bad "cli: next did not insert its block after the latest status block, keeping the rest"; fi
[ "$(stat -c %a "$cli_dir/next-plan.baton")" = 640 ] && ok || bad "cli: next changed the plan's mode"
if "$BATON" check --quiet "$cli_dir/next-plan.baton" && "$BATON" status --runs 0 "$cli_dir/next-plan.baton" | grep -q "Status as of 2027-02-12"; then ok
else bad "cli: the plan with next's block does not check or is not the new status"; fi
"$BATON" next --print "$cli_dir/next-plan.baton" | head -1 | grep -q "^status 2027-02-19$" && ok || bad "cli: a second next is not a week later"
"$BATON" next --print --date 2027-02-12 "$cli_dir/next-plan.baton" >/dev/null 2>"$cli_dir/next.err"
[ $? = 2 ] && grep -q "must be dated after the latest one" "$cli_dir/next.err" && ok || bad "cli: next on the latest date is not refused"
printf 'program p "P"\n  start 2027-03-01\nteam t capacity 1\ntask a team t estimate 3d\ntask b team t estimate 3d after a\n' >"$cli_dir/next-new.baton"
"$BATON" next --print "$cli_dir/next-new.baton" >/dev/null 2>"$cli_dir/next.err"
[ $? = 2 ] && grep -q "give the date of the first one (--date)" "$cli_dir/next.err" && ok || bad "cli: next without a status block or --date"
if "$BATON" next --print --date 2027-03-05 "$cli_dir/next-new.baton" | grep -q "^  a done 2027-03-03$" &&
   "$BATON" next --print --date 2027-03-05 "$cli_dir/next-new.baton" | grep -q "^  b started 2027-03-04 remaining 1d$"; then ok
else bad "cli: next's first block"; "$BATON" next --print --date 2027-03-05 "$cli_dir/next-new.baton"; fi

# schedule streams its output in pieces (issue 15): a plan of 3,000 tasks
# writes many, and each format must come out whole, the JSON parsed back
# with every task, and a full disk must be exit 1 with the reason, not a
# short file and 0, whether the first piece fails or a later one.
awk 'BEGIN { print "program big\n  start 2027-01-04\nteam a capacity 3"
	for (i = 0; i < 3000; i++) { printf "task t%d \"T %d\"\n  team a estimate %dd\n", i, i, 1 + i % 4
		if (i >= 5) printf "  after t%d\n", i - 5 } }' >"$cli_dir/big.baton"
if "$BATON" schedule --json "$cli_dir/big.baton" 2>/dev/null | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert len(d["tasks"]) == 3000 and d["tasks"][2999]["id"] == "t2999", "tasks"'; then ok
else bad "cli: schedule --json of 3,000 tasks does not parse back whole"; fi
[ "$("$BATON" schedule "$cli_dir/big.baton" 2>/dev/null | grep -c '^t[0-9]')" = 3000 ] && ok ||
	bad "cli: schedule of 3,000 tasks does not print 3,000 rows"
if [ -w /dev/full ]; then
	for cli_f in "" --json --markdown; do
		# shellcheck disable=SC2086
		cli_expect "schedule-full$cli_f" 1 sh -c 'exec "$@" >/dev/full' sh "$BATON" schedule $cli_f "$cli_dir/big.baton"
		grep -q "^baton schedule: cannot write to standard output" "$cli_dir/schedule-full$cli_f.err" && ok ||
			bad "cli: schedule $cli_f to a full disk does not say why"
	done
fi

# check --json names a file whose name is not UTF-8 (a name is bytes) in
# valid JSON: its bad byte as U+FFFD, not raw.
cli_latin1=$cli_dir/$(printf 'caf\351').baton
printf 'program p\n  start 2027-01-04\ntask a\n  estimate 1d\n' >"$cli_latin1"
if "$BATON" check --json "$cli_latin1" 2>/dev/null | python3 -c '
import json, sys
d = json.load(sys.stdin)["diagnostics"]
assert d and d[0]["file"].endswith("caf\ufffd.baton"), d'; then ok
else bad "cli: check --json of a file named in Latin-1 is not valid JSON"; fi

unset cli_dir cli_h cli_cmd cli_f cli_latin1 cli_d cli_sum0 cli_sum1 cli_ino0 cli_ino1 cli_ex cli_esc cli_nc cli_env
