# tests/fuzz.sh: fuzz regression (sourced by tests/run.sh).
#
# One fuzz target per input baton reads, each tests/fuzz/fuzz_NAME.c (the
# plan: parse; the status, scenario and report paths: status; the PSPLIB
# importer: psplib; the multi-project reader: rcmp; the MS Project XML
# importer and exporter: mspdi; the sync: sync; the portfolio reader:
# portfolio; the history database:
# history), with
#   tests/fuzz/corpus/NAME/    seed inputs, replayed by every test run;
#   tests/fuzz/crashes/NAME/   one reproducer per bug the fuzzer found,
#                              named for the bug;
#   tests/fuzz/NAME.dict       the input's keywords for the mutator;
#   tests/fuzz/NAME.options    optional: libFuzzer flags for live runs
#                              (the default: -max_len=4096).
# A new target is those files; the Makefile finds it by its name.
#
# 1. Replays each target's corpus and every saved reproducer through
#    $BUILD/replay/fuzz_NAME, this build's compile of the target with
#    tests/fuzz/replay.c. Each reproducer is replayed on its own so a
#    failure names the bug. Under the ASan build a sanitizer report aborts
#    the replay, which counts as bad; so does a reproducer that runs over
#    10 s (a timeout found by the fuzzer).
# 2. When FUZZ_SECONDS is set (CI sets it) and clang's libFuzzer builds
#    exist (build/fuzz/fuzz_NAME, `make fuzz`), fuzzes every target on a
#    scratch copy of its corpus, FUZZ_SECONDS in all, split evenly; a crash,
#    leak, sanitizer report or timeout counts as bad and its reproducer is
#    left in $OUT/fuzz-artifacts/NAME/ (copy it to tests/fuzz/crashes/NAME/
#    and report it).

fuzz_replay_one() { # target, label, seconds, paths...
	local t=$1 label=$2 secs=$3 log
	shift 3
	log=$OUT/fuzz-replay-$(basename "$BUILD")-$t-$(basename "$label").log
	if timeout "$secs" "$BUILD/replay/fuzz_$t" "$@" >"$log" 2>&1 &&
	   ! grep -q 'runtime error\|Sanitizer' "$log"; then
		ok
	else
		bad "fuzz replay ($(basename "$BUILD")): $t $label (a crash, a sanitizer report or over $secs s)"
		sed -n 1,30p "$log"
	fi
}

fuzz_targets=""
for fuzz_src in "$ROOT"/tests/fuzz/fuzz_*.c; do
	fuzz_t=$(basename "$fuzz_src" .c)
	fuzz_targets="$fuzz_targets ${fuzz_t#fuzz_}"
done

for fuzz_t in $fuzz_targets; do
	if [ ! -x "$BUILD/replay/fuzz_$fuzz_t" ]; then
		bad "$BUILD/replay/fuzz_$fuzz_t missing: make $(basename "$BUILD")/replay/fuzz_$fuzz_t"
		continue
	fi
	if [ -d "$ROOT/tests/fuzz/corpus/$fuzz_t" ]; then
		fuzz_replay_one "$fuzz_t" corpus 300 "$ROOT/tests/fuzz/corpus/$fuzz_t"
	else
		bad "fuzz: $fuzz_t has no seed corpus (tests/fuzz/corpus/$fuzz_t/)"
	fi
	for fuzz_crash in "$ROOT/tests/fuzz/crashes/$fuzz_t"/*; do
		[ -f "$fuzz_crash" ] || continue
		fuzz_replay_one "$fuzz_t" "crashes/$(basename "$fuzz_crash")" 10 "$fuzz_crash"
	done
done

# Live fuzzing: once per suite run (from the release pass), never when
# rewriting golden files.
if [ -n "${FUZZ_SECONDS:-}" ] && [ "$BUILD" = "$ROOT/build" ] &&
   [ "${UPDATE_GOLDEN:-}" != 1 ]; then
	fuzz_n=$(echo $fuzz_targets | wc -w)
	fuzz_secs=$((FUZZ_SECONDS / fuzz_n))
	[ "$fuzz_secs" -ge 1 ] || fuzz_secs=1
	for fuzz_t in $fuzz_targets; do
		fuzz_bin=$ROOT/build/fuzz/fuzz_$fuzz_t
		if [ ! -x "$fuzz_bin" ]; then
			echo "fuzz: build/fuzz/fuzz_$fuzz_t not built (make fuzz); live fuzzing skipped"
			continue
		fi
		fuzz_dir=$(mktemp -d "$OUT/fuzz-$fuzz_t.XXXXXX")
		fuzz_art=$OUT/fuzz-artifacts/$fuzz_t
		mkdir -p "$fuzz_dir/corpus" "$fuzz_art"
		cp "$ROOT/tests/fuzz/corpus/$fuzz_t"/* "$fuzz_dir/corpus/" 2>/dev/null
		fuzz_opts="-max_len=4096"
		[ -f "$ROOT/tests/fuzz/$fuzz_t.options" ] && fuzz_opts=$(cat "$ROOT/tests/fuzz/$fuzz_t.options")
		fuzz_dict=""
		[ -f "$ROOT/tests/fuzz/$fuzz_t.dict" ] && fuzz_dict="-dict=$ROOT/tests/fuzz/$fuzz_t.dict"
		# -entropic=0: clang 14's entropic schedule spends most of each
		# run on its bookkeeping for these targets (3 to 10 times fewer
		# executions, measured).
		# shellcheck disable=SC2086 # the options are words
		if (cd "$fuzz_dir" &&
		    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		    ASAN_OPTIONS=detect_leaks=1 \
		    "$fuzz_bin" -max_total_time="$fuzz_secs" -timeout=10 -rss_limit_mb=2048 -entropic=0 \
			$fuzz_opts $fuzz_dict -artifact_prefix="$fuzz_art/" \
			corpus >"$fuzz_dir/log" 2>&1); then
			ok
		else
			bad "fuzz: libFuzzer found a problem in fuzz_$fuzz_t in $fuzz_secs s (reproducer in $fuzz_art/)"
			grep -E 'ERROR|runtime error|SUMMARY|Test unit written|^    #[0-9]' "$fuzz_dir/log" | sed -n 1,40p
		fi
		grep -E '^Done|^#[0-9]+.*DONE' "$fuzz_dir/log" | tail -n 1 | sed "s/^/fuzz_$fuzz_t: /"
		rm -rf "$fuzz_dir"
	done
	unset fuzz_n fuzz_secs fuzz_bin fuzz_dir fuzz_art fuzz_opts fuzz_dict
fi
unset fuzz_src fuzz_t fuzz_targets fuzz_crash
