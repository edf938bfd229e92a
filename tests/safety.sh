# tests/safety.sh: data safety of every file baton writes (sourced by
# tests/run.sh; docs/commands.md, "Writing files"). `fmt` and `report -o`
# share one write path (src/cli/write.c): owner, group and mode kept (as
# root, and as another user through setpriv); a read-only file refused
# (exit 1, untouched); a hard link replaced with a warning; a symlink kept
# and its target written; a FIFO written into; a killed run's temporary
# file removed by the next run and nothing else removed; the directory
# synced after the rename (strace); standard output to a full disk is
# exit 1. Then the I/O failure loops (BATON_TEST_FAIL_IO, after SQLite's
# test VFS): for N = 0, 1, 2, ... the Nth write, sync, rename, close or
# SQLite I/O fails, once or for good ("N+"), until a run never reaches
# call N; every run either fails naming the file with the previous file
# byte-identical and no temporary file left, or succeeds with the right
# output; a history database always passes its integrity check with the
# record or without it. Scratch files live in $OUT/safety-<build>/.
sf_dir=$OUT/safety-$(basename "$BUILD")
rm -rf "$sf_dir"
mkdir -p "$sf_dir"

# sf_run NAME WANT_RC CMD...: CMD's stdout and stderr to $sf_dir/NAME.out
# and .err; 0 when it exited WANT_RC, else a failure is reported.
sf_run() {
	local name=$1 want=$2 got
	shift 2
	"$@" >"$sf_dir/$name.out" 2>"$sf_dir/$name.err" </dev/null
	got=$?
	[ "$got" = "$want" ] && return 0
	bad "safety/$name: '$*' exited $got, expected $want"
	sed -n 1,10p "$sf_dir/$name.err"
	return 1
}
sf_expect() { sf_run "$@" && ok; }
# sf_has NAME out|err PATTERN: grep -E the captured stream.
sf_has() {
	if grep -Eq -- "$3" "$sf_dir/$1.$2"; then ok
	else bad "safety/$1: std$2 lacks /$3/"; sed -n 1,10p "$sf_dir/$1.$2"; fi
}
sf_sum() { cksum <"$1"; }
sf_ino() { stat -c %i "$1"; }
# sf_only DIR NAME...: DIR holds exactly these names (no temporary file).
sf_only() {
	local d=$1 want got
	shift
	want=$( [ $# = 0 ] || printf '%s\n' "$@" | sort | tr '\n' ' ')
	got=$(ls -A "$d" | sort | tr '\n' ' ')
	[ "$got" = "$want" ] && return 0
	bad "safety: $d holds '$got', expected '$want'"
	return 1
}

# A plan that is not canonical, and its canonical form.
cat >"$sf_dir/messy.baton" <<'EOF'
# a plan written by hand
program launch   "Search launch"
   start 2027-01-04
	commit 2027-03-31
team backend "Backend"   capacity 3   # three people
task api "Search API"
  team backend estimate 5d
milestone beta "Beta" commit 2027-02-15
  after api
EOF
"$BATON" fmt --stdout "$sf_dir/messy.baton" >"$sf_dir/canonical.baton" 2>/dev/null
if cmp -s "$sf_dir/messy.baton" "$sf_dir/canonical.baton" || [ ! -s "$sf_dir/canonical.baton" ]; then
	bad "safety: the messy plan has no distinct canonical form"
fi

# --- owner, group and mode ------------------------------------------------

# The mode is kept for any user.
mkdir -p "$sf_dir/mode"
cp "$sf_dir/messy.baton" "$sf_dir/mode/plan.baton"
chmod 604 "$sf_dir/mode/plan.baton"
sf_expect fmt-mode 0 "$BATON" fmt "$sf_dir/mode/plan.baton"
[ "$(stat -c %a "$sf_dir/mode/plan.baton")" = 604 ] && ok ||
	bad "safety/fmt-mode: mode became $(stat -c %a "$sf_dir/mode/plan.baton")"
cmp -s "$sf_dir/mode/plan.baton" "$sf_dir/canonical.baton" && ok || bad "safety/fmt-mode: not formatted"
sf_only "$sf_dir/mode" plan.baton && ok

# Root rewriting another user's plan gives it back to that user.
if [ "$(id -u)" = 0 ]; then
	mkdir -p "$sf_dir/owner"
	cp "$sf_dir/messy.baton" "$sf_dir/owner/plan.baton"
	chown 1234:1235 "$sf_dir/owner/plan.baton"
	chmod 640 "$sf_dir/owner/plan.baton"
	sf_expect fmt-owner 0 "$BATON" fmt "$sf_dir/owner/plan.baton"
	[ "$(stat -c '%u:%g %a' "$sf_dir/owner/plan.baton")" = "1234:1235 640" ] && ok ||
		bad "safety/fmt-owner: owner, group, mode became $(stat -c '%u:%g %a' "$sf_dir/owner/plan.baton")"
	cmp -s "$sf_dir/owner/plan.baton" "$sf_dir/canonical.baton" && ok || bad "safety/fmt-owner: not formatted"
	# The same for a report written over another user's page.
	echo old >"$sf_dir/owner/page.html"
	chown 1234:1235 "$sf_dir/owner/page.html"
	chmod 664 "$sf_dir/owner/page.html"
	sf_expect report-owner 0 "$BATON" report --runs 0 -o "$sf_dir/owner/page.html" examples/orders-migration.baton
	[ "$(stat -c '%u:%g %a' "$sf_dir/owner/page.html")" = "1234:1235 664" ] && ok ||
		bad "safety/report-owner: owner, group, mode became $(stat -c '%u:%g %a' "$sf_dir/owner/page.html")"
	grep -q '</html>' "$sf_dir/owner/page.html" && ok || bad "safety/report-owner: no page written"
	# Another user (setpriv: uid 1234, in group 1236) in a directory anyone
	# may write: a plan the permissions do not let them write is refused
	# (a rename would have replaced it); a plan they may write through its
	# group keeps the group and the mode, and becomes theirs, as with
	# `sed -i` (only root can give a file away).
	if command -v setpriv >/dev/null; then
		sf_as() { setpriv --reuid=1234 --regid=1234 --groups=1236 "$@"; }
		# Outside the checkout, which may sit in a directory only its owner
		# can enter (a clone in `mktemp -d`): the plans and a copy of baton
		# where that user can reach them.
		sf_udir=$(mktemp -d /tmp/baton-safety-XXXXXX)
		chmod 755 "$sf_udir"
		mkdir -p "$sf_udir/user" "$sf_udir/bin"
		chmod 777 "$sf_udir/user"
		cp "$BATON" "$sf_udir/bin/baton"
		chmod 755 "$sf_udir/bin" "$sf_udir/bin/baton"
		cp "$sf_dir/messy.baton" "$sf_udir/user/theirs.baton"
		chmod 644 "$sf_udir/user/theirs.baton"
		sf_expect user-theirs 1 sf_as "$sf_udir/bin/baton" fmt "$sf_udir/user/theirs.baton"
		sf_has user-theirs err "cannot write '[^']*theirs\\.baton': Permission denied; it is unchanged"
		cmp -s "$sf_udir/user/theirs.baton" "$sf_dir/messy.baton" &&
			[ "$(stat -c '%u:%g %a' "$sf_udir/user/theirs.baton")" = "0:0 644" ] && ok ||
			bad "safety/user-theirs: another user's plan was replaced"
		cp "$sf_dir/messy.baton" "$sf_udir/user/group.baton"
		chown 1235:1236 "$sf_udir/user/group.baton"
		chmod 664 "$sf_udir/user/group.baton"
		sf_expect user-group 0 sf_as "$sf_udir/bin/baton" fmt "$sf_udir/user/group.baton"
		[ "$(stat -c '%u:%g %a' "$sf_udir/user/group.baton")" = "1234:1236 664" ] && ok ||
			bad "safety/user-group: owner, group, mode became $(stat -c '%u:%g %a' "$sf_udir/user/group.baton")"
		cmp -s "$sf_udir/user/group.baton" "$sf_dir/canonical.baton" && ok || bad "safety/user-group: not formatted"
		sf_only "$sf_udir/user" theirs.baton group.baton && ok
		rm -rf "$sf_udir"
	else
		echo "safety: setpriv is missing; the checks as another user are skipped"
	fi
else
	echo "safety: not root; the owner and group checks are skipped"
fi

# --- read-only files ------------------------------------------------------

# Refused with exit 1, even for root: the same bytes, the same inode,
# nothing left beside it, and a message that says what to do.
mkdir -p "$sf_dir/ro"
cp "$sf_dir/messy.baton" "$sf_dir/ro/plan.baton"
chmod 444 "$sf_dir/ro/plan.baton"
sf_sum0=$(sf_sum "$sf_dir/ro/plan.baton")
sf_ino0=$(sf_ino "$sf_dir/ro/plan.baton")
sf_expect fmt-readonly 1 "$BATON" fmt "$sf_dir/ro/plan.baton"
sf_has fmt-readonly err "'[^']*ro/plan\\.baton' is read-only; make it writable \\(chmod u\\+w"
[ "$(sf_sum "$sf_dir/ro/plan.baton")" = "$sf_sum0" ] && [ "$(sf_ino "$sf_dir/ro/plan.baton")" = "$sf_ino0" ] &&
	[ "$(stat -c %a "$sf_dir/ro/plan.baton")" = 444 ] && ok || bad "safety/fmt-readonly: the plan was changed"
sf_only "$sf_dir/ro" plan.baton && ok
# The other plans on the command line are still formatted.
cp "$sf_dir/messy.baton" "$sf_dir/ro/other.baton"
sf_expect fmt-readonly-many 1 "$BATON" fmt "$sf_dir/ro/plan.baton" "$sf_dir/ro/other.baton"
cmp -s "$sf_dir/ro/other.baton" "$sf_dir/canonical.baton" && ok || bad "safety/fmt-readonly-many: other plan not formatted"
rm -f "$sf_dir/ro/other.baton"
# report -o over a read-only page.
echo old >"$sf_dir/ro/page.html"
chmod 444 "$sf_dir/ro/page.html"
sf_expect report-readonly 1 "$BATON" report --runs 0 -o "$sf_dir/ro/page.html" examples/orders-migration.baton
sf_has report-readonly err "'[^']*ro/page\\.html' is read-only"
[ "$(cat "$sf_dir/ro/page.html")" = old ] && ok || bad "safety/report-readonly: the page was changed"
sf_only "$sf_dir/ro" plan.baton page.html && ok
# A directory where a file was expected.
mkdir -p "$sf_dir/ro/dir.html"
sf_expect report-dir 1 "$BATON" report --runs 0 -o "$sf_dir/ro/dir.html" examples/orders-migration.baton
sf_has report-dir err "'[^']*ro/dir\\.html': it is a directory"

# --- hard links and symlinks ----------------------------------------------

# A hard link: the plan is replaced atomically under this name and the
# other name keeps the previous text; a warning says so.
mkdir -p "$sf_dir/links/sub"
cp "$sf_dir/messy.baton" "$sf_dir/links/plan.baton"
ln "$sf_dir/links/plan.baton" "$sf_dir/links/sub/linked.baton"
sf_expect fmt-hardlink 0 "$BATON" fmt "$sf_dir/links/plan.baton"
sf_has fmt-hardlink err "warning: '[^']*links/plan\\.baton' had 2 hard links"
cmp -s "$sf_dir/links/plan.baton" "$sf_dir/canonical.baton" && ok || bad "safety/fmt-hardlink: not formatted"
cmp -s "$sf_dir/links/sub/linked.baton" "$sf_dir/messy.baton" && ok ||
	bad "safety/fmt-hardlink: the other link changed"
[ "$(stat -c %h "$sf_dir/links/plan.baton")" = 1 ] && ok || bad "safety/fmt-hardlink: still linked"
sf_only "$sf_dir/links" plan.baton sub && ok

# A symlink (relative, through another directory) stays a symlink; the
# file it points to is rewritten, and keeps its mode.
cp "$sf_dir/messy.baton" "$sf_dir/links/sub/real.baton"
chmod 640 "$sf_dir/links/sub/real.baton"
ln -s sub/real.baton "$sf_dir/links/sym.baton"
sf_expect fmt-symlink 0 "$BATON" fmt "$sf_dir/links/sym.baton"
[ -L "$sf_dir/links/sym.baton" ] && [ "$(readlink "$sf_dir/links/sym.baton")" = sub/real.baton ] && ok ||
	bad "safety/fmt-symlink: the link was replaced"
cmp -s "$sf_dir/links/sub/real.baton" "$sf_dir/canonical.baton" && ok || bad "safety/fmt-symlink: target not formatted"
[ "$(stat -c %a "$sf_dir/links/sub/real.baton")" = 640 ] && ok || bad "safety/fmt-symlink: target mode changed"
sf_only "$sf_dir/links/sub" linked.baton real.baton && ok
# A symlink to a file not there yet: report -o creates the target.
ln -s sub/new.html "$sf_dir/links/page.html"
sf_expect report-symlink 0 "$BATON" report --runs 0 -o "$sf_dir/links/page.html" examples/orders-migration.baton
[ -L "$sf_dir/links/page.html" ] && grep -q '</html>' "$sf_dir/links/sub/new.html" && ok ||
	bad "safety/report-symlink: the link was replaced or its target not written"

# A chain of symlinks that loops is refused, the links left alone.
ln -s loop2 "$sf_dir/links/loop1"
ln -s loop1 "$sf_dir/links/loop2"
sf_expect report-loop 1 "$BATON" report --runs 0 -o "$sf_dir/links/loop1" examples/orders-migration.baton
sf_has report-loop err "cannot write '[^']*loop1': Too many levels of symbolic links"
[ "$(readlink "$sf_dir/links/loop1")" = loop2 ] && ok || bad "safety/report-loop: the link was replaced"

# A FIFO (or a device) is written into, never replaced by a file.
mkdir -p "$sf_dir/special"
mkfifo "$sf_dir/special/pipe.html"
timeout 20 cat "$sf_dir/special/pipe.html" >"$sf_dir/pipe.out" &
sf_cat=$!
sf_expect report-fifo 0 timeout 20 "$BATON" report --runs 0 -o "$sf_dir/special/pipe.html" examples/orders-migration.baton
wait "$sf_cat"
[ -p "$sf_dir/special/pipe.html" ] && grep -q '</html>' "$sf_dir/pipe.out" && ok ||
	bad "safety/report-fifo: the FIFO was replaced or not written"
sf_only "$sf_dir/special" pipe.html && ok

# Output to a full disk through standard output (an import redirected to
# a plan, a diagram, fmt --stdout) is a failure, not a short file and 0.
if [ -w /dev/full ]; then
	for sf_c in "import psplib tests/data/psplib/j30/j301_1.sm" "status --runs 0 examples/orders-migration.baton" \
		    "fmt --stdout $sf_dir/messy.baton" "graph examples/search-launch.baton"; do
		sf_n=full-${sf_c%% *}
		# shellcheck disable=SC2086
		sf_expect "$sf_n" 1 sh -c 'exec "$@" >/dev/full' sh "$BATON" $sf_c
		sf_has "$sf_n" err "^baton ${sf_c%% *}: cannot write to standard output"
	done
else
	echo "safety: no /dev/full; the full-disk checks are skipped"
fi

# --- temporary files left by a killed run ---------------------------------

# The temp file is .NAME.baton-tmp-PID-XXXXXX beside NAME. The next run
# removes one whose process is gone, or that is over a minute old; it
# leaves alone one that a live process may still be writing, one for
# another file, and every name that does not match exactly.
mkdir -p "$sf_dir/stale"
cp "$sf_dir/messy.baton" "$sf_dir/stale/plan.baton"
sh -c 'echo $$ >"$1"' sh "$sf_dir/deadpid"
sf_dead=$(cat "$sf_dir/deadpid")
sf_live=$$
(
	cd "$sf_dir/stale" || exit
	for f in ".plan.baton.baton-tmp-$sf_dead-Ab3xYz" ".plan.baton.baton-tmp-$sf_live-OLDold" \
		 "plan.baton.tmpQ1w2E3" ".plan.baton.baton-tmp-$sf_live-Fresh1" "plan.baton.tmpNEWnew" \
		 ".other.baton.baton-tmp-$sf_dead-Ab3xYz" ".plan.baton.baton-tmp-$sf_dead-Ab3xY" \
		 ".plan.baton.baton-tmp-x$sf_dead-Ab3xYz" "plan.baton.tmp" ".plan.baton.baton-tmp-$sf_dead-Ab3xYz~" \
		 "plan.baton.bak"; do
		cp plan.baton "$f"
	done
	touch -d '2 minutes ago' ".plan.baton.baton-tmp-$sf_live-OLDold" plan.baton.tmpQ1w2E3
	mkdir ".plan.baton.baton-tmp-$sf_dead-D1rect"
	ln -s plan.baton ".plan.baton.baton-tmp-$sf_dead-Symlnk"
)
sf_expect fmt-stale 0 "$BATON" fmt "$sf_dir/stale/plan.baton"
sf_only "$sf_dir/stale" plan.baton ".plan.baton.baton-tmp-$sf_live-Fresh1" plan.baton.tmpNEWnew \
	".other.baton.baton-tmp-$sf_dead-Ab3xYz" ".plan.baton.baton-tmp-$sf_dead-Ab3xY" \
	".plan.baton.baton-tmp-x$sf_dead-Ab3xYz" plan.baton.tmp ".plan.baton.baton-tmp-$sf_dead-Ab3xYz~" \
	plan.baton.bak ".plan.baton.baton-tmp-$sf_dead-D1rect" ".plan.baton.baton-tmp-$sf_dead-Symlnk" && ok
cmp -s "$sf_dir/stale/plan.baton" "$sf_dir/canonical.baton" && ok || bad "safety/fmt-stale: not formatted"

# A real killed run: stopped inside its write (after the temp file is
# written, before the rename), killed; the next run cleans up.
mkdir -p "$sf_dir/killed"
cp "$sf_dir/messy.baton" "$sf_dir/killed/plan.baton"
BATON_TEST_WRITE_PAUSE_MS=5000 "$BATON" fmt "$sf_dir/killed/plan.baton" >/dev/null 2>&1 &
sf_pid=$!
for _ in $(seq 1 50); do
	ls -A "$sf_dir/killed" | grep -q baton-tmp && break
	sleep 0.1
done
{ kill -9 "$sf_pid"; wait "$sf_pid"; } 2>/dev/null
if ls -A "$sf_dir/killed" | grep -q "^\\.plan\\.baton\\.baton-tmp-$sf_pid-"; then ok
else bad "safety/killed: no temp file of the killed run ($(ls -A "$sf_dir/killed" | tr '\n' ' '))"; fi
cmp -s "$sf_dir/killed/plan.baton" "$sf_dir/messy.baton" && ok || bad "safety/killed: the plan changed"
sf_expect fmt-after-kill 0 "$BATON" fmt "$sf_dir/killed/plan.baton"
sf_only "$sf_dir/killed" plan.baton && ok
cmp -s "$sf_dir/killed/plan.baton" "$sf_dir/canonical.baton" && ok || bad "safety/fmt-after-kill: not formatted"

# --- the directory is synced after the rename -----------------------------

# The file is synced before the rename, the directory after it.
if command -v strace >/dev/null; then
	mkdir -p "$sf_dir/sync"
	cp "$sf_dir/messy.baton" "$sf_dir/sync/plan.baton"
	# LeakSanitizer cannot run under a tracer.
	ASAN_OPTIONS=detect_leaks=0 strace -f -o "$sf_dir/sync.trace" \
		-e trace=openat,fsync,fdatasync,rename,renameat,renameat2 \
		"$BATON" fmt "$sf_dir/sync/plan.baton" >/dev/null 2>&1
	if python3 - "$sf_dir/sync.trace" "$sf_dir/sync" >"$sf_dir/sync.check" 2>&1 <<'EOF'
import re, sys
lines = open(sys.argv[1]).read().splitlines()
d = sys.argv[2]
fds, order = {}, []
for l in lines:
    m = re.search(r'openat\(AT_FDCWD, "([^"]*)", ([^)]*)\)\s+= (\d+)', l)
    if m:
        fds[m.group(3)] = (m.group(1), 'O_DIRECTORY' in m.group(2))
        continue
    m = re.search(r'f(?:data)?sync\((\d+)\)\s+= 0', l)
    if m and m.group(1) in fds:
        path, isdir = fds[m.group(1)]
        order.append(('dirsync' if isdir else 'filesync', path))
    m = re.search(r'rename(?:at2?)?\(.*?"([^"]*)".*?"([^"]*)".*\)\s+= 0', l)
    if m:
        order.append(('rename', m.group(2)))
kinds = [k for k, p in order if k != 'filesync' or '.baton-tmp-' in p]
want = ['filesync', 'rename', 'dirsync']
dirs = [p for k, p in order if k == 'dirsync']
if kinds[-3:] != want or dirs[-1].rstrip('/') != d.rstrip('/'):
    print('sync order', order)
    sys.exit(1)
EOF
	then ok; else bad "safety/sync: not file fsync, rename, directory fsync"; cat "$sf_dir/sync.check"; fi
else
	echo "safety: strace is missing; the directory sync check is skipped"
fi

# --- I/O failure injection ------------------------------------------------

# sf_loop NAME MODE MIN RESET VERIFY CMD...: for N = 0, 1, ...: RESET, then
# CMD with BATON_TEST_FAIL_IO=N (MODE "+": N and every later call fail),
# then VERIFY NAME RC INJECTED. Ends at the first run that never reached
# call N; at least MIN failure points must have been seen. One pass for a
# loop whose every run verified.
sf_loop() {
	local name=$1 mode=$2 min=$3 reset=$4 verify=$5 n rc inj
	shift 5
	for n in $(seq 0 400); do
		$reset
		BATON_TEST_FAIL_IO=$n$mode "$@" >"$sf_dir/$name.out" 2>"$sf_dir/$name.err" </dev/null
		rc=$?
		inj=0
		grep -q '^baton: test: I/O failure injected' "$sf_dir/$name.err" && inj=1
		if ! $verify "$name" "$rc" "$inj"; then
			echo "  (safety/$name with BATON_TEST_FAIL_IO=$n$mode)"
			return
		fi
		if [ $inj = 0 ]; then
			echo "$name: $n failure points, all clean" >>"$sf_dir/summary"
			if [ "$n" -ge "$min" ]; then ok
			else bad "safety/$name: only $n failure points (at least $min expected): is BATON_TEST_FAIL_IO wired?"; fi
			return
		fi
	done
	bad "safety/$name: still failing after 400 injected failures"
}

# Either a failure that names the file, the previous bytes kept and no
# temporary file, or success with the right bytes.
# sf_check NAME RC INJECTED FILE PREVIOUS EXPECTED DIR NAMES...
sf_check() {
	local name=$1 rc=$2 inj=$3 file=$4 prev=$5 want=$6 dir=$7
	shift 7
	if [ "$rc" = 0 ]; then
		cmp -s "$file" "$want" || { bad "safety/$name: exit 0 but the wrong bytes"; return 1; }
	else
		[ "$rc" = 1 ] || { bad "safety/$name: exit $rc"; sed -n 1,5p "$sf_dir/$name.err"; return 1; }
		[ "$inj" = 1 ] || { bad "safety/$name: failed with no failure injected"; sed -n 1,5p "$sf_dir/$name.err"; return 1; }
		grep -q "cannot write '[^']*$(basename "$file")'" "$sf_dir/$name.err" ||
			{ bad "safety/$name: the message does not name the file"; sed -n 1,5p "$sf_dir/$name.err"; return 1; }
		if [ "$prev" = - ]; then
			[ ! -e "$file" ] || { bad "safety/$name: a failed write left a new file"; return 1; }
		else
			cmp -s "$file" "$prev" || { bad "safety/$name: the previous file changed"; return 1; }
		fi
	fi
	sf_only "$dir" "$@"
}

# fmt, the Nth I/O call failing once, and for good.
sf_fmt_reset() {
	rm -rf "$sf_dir/io" && mkdir -p "$sf_dir/io" && cp "$sf_dir/messy.baton" "$sf_dir/io/plan.baton"
}
sf_fmt_verify() {
	sf_check "$1" "$2" "$3" "$sf_dir/io/plan.baton" "$sf_dir/messy.baton" "$sf_dir/canonical.baton" \
		"$sf_dir/io" plan.baton
}
sf_loop io-fmt "" 6 sf_fmt_reset sf_fmt_verify "$BATON" fmt "$sf_dir/io/plan.baton"
sf_loop io-fmt-persist + 6 sf_fmt_reset sf_fmt_verify "$BATON" fmt "$sf_dir/io/plan.baton"

# report -o over a previous page, and to a new file.
"$BATON" report --no-options --runs 200 -o "$sf_dir/page.html" examples/orders-migration.baton 2>/dev/null ||
	bad "safety: report -o failed"
echo "previous page" >"$sf_dir/page.prev"
sf_report_reset() { rm -rf "$sf_dir/io" && mkdir -p "$sf_dir/io" && cp "$sf_dir/page.prev" "$sf_dir/io/page.html"; }
sf_report_verify() {
	sf_check "$1" "$2" "$3" "$sf_dir/io/page.html" "$sf_dir/page.prev" "$sf_dir/page.html" "$sf_dir/io" page.html
}
sf_loop io-report "" 6 sf_report_reset sf_report_verify \
	"$BATON" report --no-options --runs 200 -o "$sf_dir/io/page.html" examples/orders-migration.baton
sf_new_reset() { rm -rf "$sf_dir/io" && mkdir -p "$sf_dir/io"; }
sf_new_verify() {
	if [ "$2" = 0 ]; then
		sf_check "$1" "$2" "$3" "$sf_dir/io/page.html" - "$sf_dir/page.html" "$sf_dir/io" page.html
	else
		sf_check "$1" "$2" "$3" "$sf_dir/io/page.html" - "$sf_dir/page.html" "$sf_dir/io"
	fi
}
sf_loop io-report-new + 5 sf_new_reset sf_new_verify \
	"$BATON" report --no-options --runs 200 -o "$sf_dir/io/page.html" examples/orders-migration.baton

# status --record into a history with records (a database alone,
# --history): after every run the database passes its integrity check and
# holds the records it had, plus this one (a third status date, which
# later runs replace) when the run succeeded (a failed run may have
# committed it: SQLite reports a failed sync after the commit record was
# written).
sf_count() {
	"$BATON" history --check --history "$1" examples/orders-migration.baton 2>"$sf_dir/count.err" |
		sed -n 's/.*: ok, \([0-9]*\) records\{0,1\}$/\1/p'
}
sf_db=$sf_dir/hist/history.db
mkdir -p "$sf_dir/hist"
for d in 2027-01-15 2027-01-29; do
	"$BATON" status --no-options --as-of $d --record --runs 50 --history "$sf_db" examples/orders-migration.baton >/dev/null 2>&1 ||
		bad "safety: recording $d failed"
done
sf_have=$(sf_count "$sf_db")
sf_hist_reset() { :; }
sf_hist_verify() {
	local n
	n=$(sf_count "$sf_db")
	if [ -z "$n" ]; then bad "safety/$1: the history fails its check"; cat "$sf_dir/count.err"; return 1; fi
	if [ "$2" = 0 ]; then
		[ "$n" = 3 ] || { bad "safety/$1: exit 0 but $n records (had $sf_have)"; return 1; }
	else
		[ "$2" = 1 ] && [ "$3" = 1 ] || { bad "safety/$1: exit $2"; sed -n 1,5p "$sf_dir/$1.err"; return 1; }
		grep -q "history\\.db" "$sf_dir/$1.err" ||
			{ bad "safety/$1: the message does not name the database"; sed -n 1,5p "$sf_dir/$1.err"; return 1; }
		[ "$n" = 2 ] || [ "$n" = 3 ] ||
			{ bad "safety/$1: $n records (had $sf_have)"; return 1; }
	fi
	sf_have=$n
}
for sf_mode in "" +; do
	sf_loop "io-record$sf_mode" "$sf_mode" 5 sf_hist_reset sf_hist_verify \
		"$BATON" status --no-options --as-of 2027-02-05 --record --runs 50 --history "$sf_db" examples/orders-migration.baton
done

# The first record of a plan: .baton/ and the database are created. A
# failed run leaves no database, or one that checks (with or without its
# schema and record).
sf_first_reset() { rm -rf "$sf_dir/first" && mkdir -p "$sf_dir/first" && cp examples/orders-migration.baton "$sf_dir/first/p.baton"; }
sf_first_verify() {
	local db=$sf_dir/first/.baton/history.db n
	if [ "$2" != 0 ]; then
		[ "$2" = 1 ] && [ "$3" = 1 ] || { bad "safety/$1: exit $2"; sed -n 1,5p "$sf_dir/$1.err"; return 1; }
		grep -q "\\.baton" "$sf_dir/$1.err" ||
			{ bad "safety/$1: the message does not name the file"; sed -n 1,5p "$sf_dir/$1.err"; return 1; }
		[ -e "$db" ] || return 0
	fi
	n=$(sf_count "$db")
	case "$2:$n" in
	0:1 | 1:0 | 1:1) return 0 ;;
	esac
	bad "safety/$1: exit $2 and '$n' records"
	cat "$sf_dir/count.err"
	return 1
}
sf_loop io-first-record "" 5 sf_first_reset sf_first_verify \
	"$BATON" status --no-options --record --runs 50 "$sf_dir/first/p.baton"

# The text files (history/ beside the plan): recording a new week and
# recording a week again (the earlier record moves to replaced/), the Nth
# I/O call failing once and for good. After every run: no temporary or
# partial file in history/, every file reads and the index matches them
# (history --check, which rebuilds it first), and the week recorded is
# the new record (exit 0), or the previous one or the new one (a failure:
# the file is written before the index).
sf_files_setup() {
	rm -rf "$sf_dir/hf0" && mkdir -p "$sf_dir/hf0"
	cp examples/orders-migration.baton "$sf_dir/hf0/p.baton"
	for d in 2027-01-15 2027-01-22; do
		BATON_NOW=${d}T17:00:00Z "$BATON" status --no-options --as-of $d --record --runs 50 "$sf_dir/hf0/p.baton" >/dev/null 2>&1 ||
			bad "safety: recording $d into history/ failed"
	done
}
sf_files_setup
sf_hf_reset() { rm -rf "$sf_dir/hf" && cp -a "$sf_dir/hf0" "$sf_dir/hf"; }
sf_hf_verify() {
	local name=$1 rc=$2 week=$3 h=$sf_dir/hf/history/orders-migration bad_names
	bad_names=$(ls -A "$h" "$h/replaced" 2>/dev/null | grep -v '^$' | grep -v ':$' | grep -Ev '^(replaced|[0-9-]{10}(\.[0-9TZ-]+)?\.json)$')
	[ -z "$bad_names" ] || { bad "safety/$name: history/ holds '$bad_names'"; return 1; }
	if [ "$rc" != 0 ]; then
		[ "$rc" = 1 ] || { bad "safety/$name: exit $rc"; sed -n 1,5p "$sf_dir/$name.err"; return 1; }
		grep -q "history\.db\|\.json" "$sf_dir/$name.err" ||
			{ bad "safety/$name: the message names no file"; sed -n 1,5p "$sf_dir/$name.err"; return 1; }
	fi
	"$BATON" history --check "$sf_dir/hf/p.baton" >"$sf_dir/$name.chk" 2>&1 ||
		{ bad "safety/$name: history --check fails after exit $rc"; sed -n 1,5p "$sf_dir/$name.chk"; return 1; }
	if [ "$rc" = 0 ]; then
		grep -q '"recorded_at": "2030-01-01T00:00:00Z"' "$h/$week.json" ||
			{ bad "safety/$name: exit 0 but $week.json is not the new record"; return 1; }
	fi
	return 0
}
sf_hf_new() { sf_hf_verify "$1" "$2" 2027-01-29; }
sf_hf_again() {
	sf_hf_verify "$1" "$2" 2027-01-22 || return 1
	# A replaced record is the previous file, whole, or nothing.
	local r
	for r in "$sf_dir"/hf/history/orders-migration/replaced/*.json; do
		[ -e "$r" ] || continue
		grep -q '"recorded_at": "2027-01-22T17:00:00Z"' "$r" ||
			{ bad "safety/$1: $r is not the replaced record"; return 1; }
	done
}
for sf_mode in "" +; do
	sf_loop "io-record-file$sf_mode" "$sf_mode" 5 sf_hf_reset sf_hf_new \
		env BATON_NOW=2030-01-01T00:00:00Z "$BATON" status --no-options --as-of 2027-01-29 --record --runs 50 "$sf_dir/hf/p.baton"
	sf_loop "io-record-again$sf_mode" "$sf_mode" 5 sf_hf_reset sf_hf_again \
		env BATON_NOW=2030-01-01T00:00:00Z "$BATON" status --no-options --as-of 2027-01-22 --record --runs 50 "$sf_dir/hf/p.baton"
done

unset sf_dir sf_sum0 sf_ino0 sf_dead sf_live sf_pid sf_db sf_have sf_mode sf_cat sf_c sf_n
