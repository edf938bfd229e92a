# tests/import.sh: `baton import jira|csv` (sourced by tests/run.sh).
#
# Each sample export in tests/data/import/ (written from the published
# formats and real Jira header lines: Cloud and Server spellings, repeated
# columns, links on both rows, done/in-progress/to-do, links outside the
# export, story points) is imported; the plan must check, schedule, and
# pass the independent checker tests/tools/check_import.py. Each case of
# tests/data/import/bad/ must exit 2 with exactly its .diag on stderr.
# UPDATE_GOLDEN=1 rewrites the .diag files.

imp_dir=$OUT/import-$(basename "$BUILD")
rm -rf "$imp_dir"
mkdir -p "$imp_dir"

imp_case() { # NAME FORMAT FILE [OPTIONS...]
	local name=$1 fmt=$2 file=$3
	shift 3
	if ! (cd "$ROOT" && "$BATON" import "$fmt" "$file" "$@" -o "$imp_dir/$name.baton" 2>"$imp_dir/$name.err"); then
		bad "import/$name: exit $?"; sed -n 1,10p "$imp_dir/$name.err"; return
	fi
	ok
	grep -q '^imported [0-9]* issues' "$imp_dir/$name.err" && ok || bad "import/$name: no summary on stderr"
	"$BATON" check "$imp_dir/$name.baton" >/dev/null 2>&1 && ok || bad "import/$name: baton check fails"
	"$BATON" fmt --check "$imp_dir/$name.baton" >/dev/null 2>&1 && ok || bad "import/$name: not in canonical form"
	"$BATON" schedule "$imp_dir/$name.baton" >/dev/null 2>&1 && ok || bad "import/$name: baton schedule fails"
	if python3 "$ROOT/tests/tools/check_import.py" "$fmt" "$ROOT/$file" "$imp_dir/$name.baton" 8 "$imp_dir/$name.err" >"$imp_dir/$name.chk" 2>&1; then
		ok
	else
		bad "import/$name: the independent checker disagrees"; sed -n 1,10p "$imp_dir/$name.chk"
	fi
}

imp_case cloud jira tests/data/import/jira-cloud.csv --points-per-day Checkout=2
imp_case server jira tests/data/import/jira-server.csv --points-per-day Backend=1
imp_case json jira tests/data/import/jira-search.json --points-per-day Infra=1
imp_case sheet csv tests/data/import/sheet.csv --start 2027-01-04

# Specific mappings, as the summary and the plan state them.
grep -q 'pay-3 started 2026-02-24 remaining 3d' "$imp_dir/cloud.baton" && ok || bad "import: remaining '2d 4h' is not 3d"
grep -q 'estimate 7d source "PAY-3"' "$imp_dir/cloud.baton" && ok || bad "import: '1w 2d' is not 7d"
grep -q 'links to issues outside the export: pay-5 Blocks OPS-12' "$imp_dir/cloud.err" && ok || bad "import: the out-of-export link is not reported"
grep -q '1 epic became workstreams' "$imp_dir/cloud.err" && ok || bad "import: the epic is not reported"
grep -q 'task pay-2 "Tokenise cards, \\"vault\\" first"' "$imp_dir/cloud.baton" && ok || bad "import: quotes in a summary not escaped"
grep -q 'estimate 3d 5d 10d' "$imp_dir/sheet.baton" && ok || bad "import: 3/5/10 is not three points"
grep -q 'estimate 2d 3d 5d' <(cd "$ROOT" && "$BATON" import csv tests/data/import/sheet-3col.csv --start 2027-01-04 \
	--columns optimistic=Best,likely=Likely,pessimistic=Worst 2>/dev/null) && ok || bad "import: three columns"
grep -q 'after ops-3 ss +1d' <(cd "$ROOT" && "$BATON" import jira tests/data/import/jira-search.json --link Relates=ss+1d 2>/dev/null) &&
	ok || bad "import: --link Relates=ss+1d"

# -o refuses an existing file without --force, and leaves it alone.
echo keep >"$imp_dir/exists.baton"
(cd "$ROOT" && "$BATON" import csv tests/data/import/sheet.csv -o "$imp_dir/exists.baton" >/dev/null 2>&1)
[ $? = 2 ] && [ "$(cat "$imp_dir/exists.baton")" = keep ] && ok || bad "import: -o overwrote an existing file without --force"
(cd "$ROOT" && "$BATON" import csv tests/data/import/sheet.csv -o "$imp_dir/exists.baton" --force >/dev/null 2>&1) &&
	grep -q '^task design' "$imp_dir/exists.baton" && ok || bad "import: --force did not write"
"$BATON" import --help | grep -q 'baton import jira' && ok || bad "import: --help"
"$BATON" import xls foo >/dev/null 2>&1; [ $? = 2 ] && ok || bad "import: an unknown format must exit 2"
"$BATON" import jira "$imp_dir/missing.csv" >/dev/null 2>&1; [ $? = 2 ] && ok || bad "import: a missing file must exit 2"
"$BATON" import jira tests/data/import/jira-cloud.csv --link Blocks=xx >/dev/null 2>&1; [ $? = 2 ] && ok || bad "import: a bad --link must exit 2"

# The bad-input catalogue: located errors, exit 2, no plan written.
for f in "$ROOT"/tests/data/import/bad/*.csv "$ROOT"/tests/data/import/bad/*.json; do
	n=$(basename "${f%.*}")
	rel=tests/data/import/bad/$(basename "$f")
	fmt=jira
	case $n in sheet-*) fmt=csv ;; esac
	(cd "$ROOT" && "$BATON" import "$fmt" "$rel" -o "$imp_dir/bad-$n.baton" >/dev/null 2>"$imp_dir/bad-$n.err")
	rc=$?
	[ "${UPDATE_GOLDEN:-}" = 1 ] && sed "s|$imp_dir/bad-$n.baton|PLAN|" "$imp_dir/bad-$n.err" >"${f%.*}.diag"
	[ $rc = 2 ] || { bad "import/bad/$n: exit $rc, expected 2"; continue; }
	[ ! -e "$imp_dir/bad-$n.baton" ] || { bad "import/bad/$n: a plan was written"; continue; }
	if sed "s|$imp_dir/bad-$n.baton|PLAN|" "$imp_dir/bad-$n.err" | diff -u "${f%.*}.diag" - >"$imp_dir/bad-$n.diff"; then
		ok
	else
		bad "import/bad/$n: stderr differs from its .diag"; sed -n 1,20p "$imp_dir/bad-$n.diff"
	fi
done

# A byte-order mark and CRLF line ends; teams from assignees through a map.
out=$(cd "$ROOT" && "$BATON" import jira tests/data/import/jira-bom-crlf.csv --team-from Assignee \
	--team-map tests/data/import/team-map.txt --start 2026-02-02 --as-of 2026-03-02 2>/dev/null)
echo "$out" | grep -q '^team payments "payments" capacity 1' && echo "$out" | grep -q 'team checkout estimate 2d' &&
	echo "$out" | grep -q 't-1 started 2026-03-02 remaining 1d' && ok || bad "import: BOM/CRLF, --team-from Assignee, --team-map"

# The same pages as one JSON array give the same plan.
a=$(cd "$ROOT" && "$BATON" import jira tests/data/import/jira-search-array.json --name jira-search 2>/dev/null)
b=$(cd "$ROOT" && "$BATON" import jira tests/data/import/jira-search.json 2>/dev/null)
[ -n "$a" ] && [ "$a" = "$b" ] && ok || bad "import: a JSON array of pages differs from the pages one after another"
