# tests/bad.sh: the bad-input catalogue (sourced by tests/run.sh).
#
# tests/bad/<name>.baton holds one small plan with one kind of mistake;
# tests/bad/<name>.diag is the exact stderr of `baton check` on it, run from
# the repository root (so paths read tests/bad/<name>.baton) with NO_COLOR=1.
# Every case must exit 2, except the warning-only cases (warn-*) which exit 0.
# Every .diag must carry file:line:col, the source line and a caret.
# UPDATE_GOLDEN=1 rewrites the .diag files (review the diff before committing).
# tests/bad/pending/ holds cases whose output is still wrong; they are not run.

bad_case() {
	local src=$1 name want_rc got_rc diag out
	name=${src#tests/bad/}
	name=${name%.baton}
	diag=tests/bad/$name.diag
	out=$OUT/bad-$name.stderr
	case $name in
	warn-*) want_rc=0 ;;
	*) want_rc=2 ;;
	esac
	(cd "$ROOT" && NO_COLOR=1 "$BATON" check "$src" >/dev/null 2>"$out")
	got_rc=$?
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
		cp "$out" "$ROOT/$diag"
	fi
	if [ "$got_rc" != "$want_rc" ]; then
		bad "bad/$name: exit $got_rc, expected $want_rc"
		sed -n 1,20p "$out"
		return
	fi
	if [ ! -f "$ROOT/$diag" ]; then
		bad "bad/$name: $diag missing (run UPDATE_GOLDEN=1 tests/run.sh bad)"
		return
	fi
	if ! diff -u "$ROOT/$diag" "$out" >"$out.diff"; then
		bad "bad/$name: diagnostics differ from $diag"
		sed -n 1,40p "$out.diff"
		return
	fi
	# The shape every diagnostic must have: a located message, the source
	# line with its number, and a caret under the span.
	if ! grep -Eq "^tests/bad/$name\.baton:[0-9]+:[0-9]+: (error|warning): " "$out" ||
	   ! grep -Eq '^ [0-9]+ \| ' "$out" ||
	   ! grep -Eq '^ +\| [[:space:]]*\^~*$' "$out"; then
		bad "bad/$name: a diagnostic lacks file:line:col, the source line or a caret"
		return
	fi
	# The summary line, and no sanitizer noise.
	if ! tail -n 1 "$out" | grep -Eq "^tests/bad/$name\.baton: [0-9]+ errors?, [0-9]+ warnings?$"; then
		bad "bad/$name: no summary line"
		return
	fi
	ok
}

for bad_src in $(cd "$ROOT" && ls tests/bad/*.baton); do
	bad_case "$bad_src"
done
unset bad_src

# tests/bad/history/<name>.json: a damaged or hand-edited history file
# (docs/status.md, "Where the history lives"), put at
# history/p/2027-01-29.json beside tests/bad/history/plan.baton;
# <name>.diag is the exact stderr of `baton history` run there. Every case
# exits 2 (for `history --check` and `status` too: never skipped) with
# FILE:LINE:COL, the line, a caret and a hint.
bad_history_case() {
	local src=$1 name dir out rc
	name=$(basename "$src" .json)
	dir=$OUT/bad-history/$name
	out=$OUT/bad-history-$name.stderr
	rm -rf "$dir" && mkdir -p "$dir/history/p"
	cp "$ROOT/tests/bad/history/plan.baton" "$dir/p.baton"
	cp "$ROOT/$src" "$dir/history/p/2027-01-29.json"
	(cd "$dir" && NO_COLOR=1 "$BATON" history p.baton >/dev/null 2>"$out")
	rc=$?
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
		cp "$out" "$ROOT/tests/bad/history/$name.diag"
	fi
	if [ "$rc" != 2 ]; then
		bad "bad/history/$name: exit $rc, expected 2"
		sed -n 1,10p "$out"
		return
	fi
	if ! diff -u "$ROOT/tests/bad/history/$name.diag" "$out" >"$out.diff"; then
		bad "bad/history/$name: diagnostics differ from tests/bad/history/$name.diag"
		sed -n 1,20p "$out.diff"
		return
	fi
	if ! grep -Eq '^history/p/2027-01-29\.json:[0-9]+:[0-9]+: error: ' "$out" ||
	   ! grep -Eq '^ +[0-9]+ \| ' "$out" || ! grep -Eq '^ +\| +\^$' "$out" || ! grep -q '^  hint: ' "$out"; then
		bad "bad/history/$name: the error lacks file:line:col, the line, a caret or a hint"
		return
	fi
	(cd "$dir" && "$BATON" history --check p.baton >/dev/null 2>&1)
	rc=$?
	(cd "$dir" && "$BATON" status --runs 0 p.baton >/dev/null 2>&1)
	local src_rc=$?
	if [ "$rc" != 2 ] || [ "$src_rc" != 2 ]; then
		bad "bad/history/$name: history --check or status does not refuse it (exit 2)"
		return
	fi
	ok
}

for bad_src in $(cd "$ROOT" && ls tests/bad/history/*.json); do
	bad_history_case "$bad_src"
done
unset bad_src

# tests/bad/sync/<name>.baton and <name>.csv: a plan and a newer Jira
# export `baton sync jira` must refuse; <name>.diag is its exact stderr,
# run in a copy of the two (so paths read <name>.baton). Every case exits
# 2 with FILE:LINE:COL (or FILE:ROW:COL in the export), the line and a
# hint, and leaves the plan as it was.
bad_sync_case() {
	local src=$1 name dir out rc
	name=$(basename "$src" .baton)
	dir=$OUT/bad-sync/$name
	out=$OUT/bad-sync-$name.stderr
	rm -rf "$dir" && mkdir -p "$dir"
	cp "$ROOT/tests/bad/sync/$name.baton" "$ROOT/tests/bad/sync/$name.csv" "$dir/"
	(cd "$dir" && NO_COLOR=1 "$BATON" sync jira "$name.baton" "$name.csv" >/dev/null 2>"$out")
	rc=$?
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
		cp "$out" "$ROOT/tests/bad/sync/$name.diag"
	fi
	if [ "$rc" != 2 ]; then
		bad "bad/sync/$name: exit $rc, expected 2"; sed -n 1,20p "$out"; return
	fi
	if ! diff -u "$ROOT/tests/bad/sync/$name.diag" "$out" >"$out.diff"; then
		bad "bad/sync/$name: stderr differs from tests/bad/sync/$name.diag"; sed -n 1,40p "$out.diff"; return
	fi
	if ! grep -Eq "^$name\.(baton|csv):[0-9]+:[0-9]+: error: " "$out" || ! grep -Eq '^ *[0-9]+ \| ' "$out" ||
	   ! grep -Eq '= (help: |rows count)' "$out"; then
		bad "bad/sync/$name: the error lacks file:line:col, the line or a hint"; return
	fi
	if ! cmp -s "$dir/$name.baton" "$ROOT/tests/bad/sync/$name.baton" || ls -a "$dir" | grep -q baton-tmp; then
		bad "bad/sync/$name: the plan changed or a temporary file was left"; return
	fi
	ok
}

for bad_src in $(cd "$ROOT" && ls tests/bad/sync/*.baton); do
	bad_sync_case "$bad_src"
done
unset bad_src
