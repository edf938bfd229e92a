# tests/fuzz.sh: fuzz regression (sourced by tests/run.sh).
#
# 1. Replays the seed corpus (tests/fuzz/corpus) and every saved reproducer
#    (tests/fuzz/crashes/<name>, one file per bug found) through
#    $BUILD/tools/fuzz_replay, the gcc build of tests/fuzz/fuzz_parse.c. Each
#    reproducer is replayed on its own so a failure names the bug. Under the
#    ASan build a sanitizer report aborts the replay, which counts as bad;
#    so does a reproducer that runs over 10 s (a timeout found by the fuzzer).
# 2. When clang's libFuzzer build exists (build/fuzz/fuzz_parse, `make
#    fuzz`) and FUZZ_SECONDS is set (CI sets ~60), fuzzes for that long on a
#    scratch copy of the corpus; a crash, leak, sanitizer report or timeout
#    counts as bad and its reproducer is left in $OUT/fuzz-artifacts/ (copy it
#    to tests/fuzz/crashes/ and report it). tests/fuzz/baton.dict holds the
#    language's keywords and token shapes for the mutator.

fuzz_replay_one() { # label, seconds, paths...
	local label=$1 secs=$2 log
	shift 2
	log=$OUT/fuzz-replay-$(basename "$BUILD")-$(basename "$label").log
	if timeout "$secs" "$BUILD/tools/fuzz_replay" "$@" >"$log" 2>&1 &&
	   ! grep -q 'runtime error\|Sanitizer' "$log"; then
		ok
	else
		bad "fuzz replay ($(basename "$BUILD")): $label (a crash, a sanitizer report or over $secs s)"
		sed -n 1,30p "$log"
	fi
}

if [ ! -x "$BUILD/tools/fuzz_replay" ]; then
	bad "$BUILD/tools/fuzz_replay missing: make $(basename "$BUILD")/tools/fuzz_replay"
else
	fuzz_replay_one corpus 120 "$ROOT/tests/fuzz/corpus"
	for fuzz_crash in "$ROOT"/tests/fuzz/crashes/*; do
		[ -f "$fuzz_crash" ] || continue
		fuzz_replay_one "crashes/$(basename "$fuzz_crash")" 10 "$fuzz_crash"
	done
	unset fuzz_crash
fi

# Live fuzzing: once per suite run (from the release pass), never when
# rewriting golden files.
if [ -n "${FUZZ_SECONDS:-}" ] && [ "$BUILD" = "$ROOT/build" ] &&
   [ "${UPDATE_GOLDEN:-}" != 1 ]; then
	if [ ! -x "$ROOT/build/fuzz/fuzz_parse" ]; then
		echo "fuzz: build/fuzz/fuzz_parse not built (make fuzz); live fuzzing skipped"
	else
		fuzz_dir=$(mktemp -d "$OUT/fuzz.XXXXXX")
		mkdir -p "$fuzz_dir/corpus" "$OUT/fuzz-artifacts"
		cp "$ROOT"/tests/fuzz/corpus/* "$fuzz_dir/corpus/"
		if (cd "$fuzz_dir" &&
		    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		    ASAN_OPTIONS=detect_leaks=1 \
		    "$ROOT/build/fuzz/fuzz_parse" -max_total_time="$FUZZ_SECONDS" \
			-max_len=4096 -timeout=10 -rss_limit_mb=2048 \
			-dict="$ROOT/tests/fuzz/baton.dict" \
			-artifact_prefix="$OUT/fuzz-artifacts/" \
			corpus >"$fuzz_dir/log" 2>&1); then
			ok
		else
			bad "fuzz: libFuzzer found a problem in $FUZZ_SECONDS s (reproducer in $OUT/fuzz-artifacts/)"
			grep -E 'ERROR|runtime error|SUMMARY|Test unit written|^    #[0-9]' "$fuzz_dir/log" | sed -n 1,40p
		fi
		rm -rf "$fuzz_dir"
		unset fuzz_dir
	fi
fi
