#!/bin/sh
# psplib.sh: the levelling engine on PSPLIB (J30, J60, J120), beside the
# published results (bench/psplib_bench.c prints both).
#
#   bench/psplib.sh                         full sets at 1,000 and 5,000 schedules
#   bench/psplib.sh --sample 1 --budget 1000  one instance per parameter group (CI)
#   bench/psplib.sh --budget 50000 --set j30  any psplib_bench options
# PSPLIB lives in ../shared/bench/psplib (override with BATON_PSPLIB).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out=${OUT:-$here/out}
mkdir -p "$out"
make -s -C "$root" build/libbaton.a >/dev/null
${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O2 -I"$root/include" -I"$root/src/lib" \
	-o "$out/psplib_bench" "$here/psplib_bench.c" "$root/build/libbaton.a" -ljansson -lsqlite3 -lpthread -lm
dir=${BATON_PSPLIB:-$root/../shared/bench/psplib}
if [ $# -eq 0 ]; then
	for b in 1000 5000; do
		"$out/psplib_bench" --dir "$dir" --set j30 --set j60 --set j120 --budget $b --threads 2
	done
else
	"$out/psplib_bench" --dir "$dir" --threads 2 "$@"
fi
