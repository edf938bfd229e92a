#!/bin/sh
# psplib.sh: the levelling engine on PSPLIB (J30, J60, J120), beside the
# published results (bench/psplib_bench.c prints both).
#
#   bench/psplib.sh                         full sets at 1,000 and 5,000 schedules
#   bench/psplib.sh --sample 1 --budget 1000  one instance per parameter group (CI)
#   bench/psplib.sh --budget 50000 --set j30  any psplib_bench options
# The full PSPLIB (19 MB) is not in the repository: it is read from
# ../shared/bench/psplib beside it (CI has it; a lone clone does not, and
# then this skips with a note and exit 0) or from BATON_PSPLIB. The tests'
# J30 subset in tests/data/psplib lacks the best-known files this needs.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out=${OUT:-$here/out}
if [ -n "${BATON_PSPLIB:-}" ]; then
	# Asked for by name, so a wrong path is an error, not a skip.
	dir=$BATON_PSPLIB
	[ -d "$dir" ] || { echo "psplib.sh: BATON_PSPLIB=$dir is not a directory" >&2; exit 2; }
elif [ -d "$root/../shared/bench/psplib" ]; then
	dir=$(cd "$root/../shared/bench/psplib" && pwd)
	echo "psplib.sh: using PSPLIB from $dir (../shared beside the repository, not part of it)" >&2
else
	echo "psplib.sh: skipped: no ../shared/bench/psplib beside the repository (set BATON_PSPLIB to a full PSPLIB copy)" >&2
	exit 0
fi
mkdir -p "$out"
make -s -C "$root" build/libbaton.a >/dev/null
${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O2 -I"$root/include" -I"$root/src/lib" \
	-o "$out/psplib_bench" "$here/psplib_bench.c" "$root/build/libbaton.a" -ljansson -lsqlite3 -lpthread -lm
if [ $# -eq 0 ]; then
	for b in 1000 5000; do
		"$out/psplib_bench" --dir "$dir" --set j30 --set j60 --set j120 --budget $b --threads 2
	done
else
	"$out/psplib_bench" --dir "$dir" --threads 2 "$@"
fi
