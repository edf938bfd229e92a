#!/bin/sh
# rcmpsp.sh: multi-project levelling (the RCMPSP) against the minimum-slack
# rule, on the two MPLIB instances in bench/rcmpsp/ and on instances made
# by bench/gen_rcmp.c (bench/rcmpsp_bench.c prints the table).
#
#   bench/rcmpsp.sh                 MPLIB + 20 generated (seeds 1..20), 1,000
#                                   and 10,000 schedules
#   bench/rcmpsp.sh --budget 1000   any rcmpsp_bench options before the files
# GEN=N sets how many instances to generate (0: none). The last column
# times the user-facing path, `baton import rcmp FILE -o DIR`.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out=${OUT:-$here/out}
mkdir -p "$out/rcmpsp"
make -s -C "$root" build/libbaton.a build/baton >/dev/null
${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O2 -I"$root/include" -I"$root/src/lib" \
	-o "$out/rcmpsp_bench" "$here/rcmpsp_bench.c" "$root/build/libbaton.a" -ljansson -lsqlite3 -lpthread -lm
${CC:-cc} -std=c11 -O2 -o "$out/gen_rcmp" "$here/gen_rcmp.c"
gen=${GEN:-20}
files="$here/rcmpsp/MPLIB1_Set1_0.rcmp $here/rcmpsp/MPLIB2_Set1_0.rcmp"
i=1
while [ "$i" -le "$gen" ]; do
	"$out/gen_rcmp" "$i" >"$out/rcmpsp/gen_$(printf %02d "$i").rcmp"
	files="$files $out/rcmpsp/gen_$(printf %02d "$i").rcmp"
	i=$((i + 1))
done
# shellcheck disable=SC2086 # the file list is split on purpose
"$out/rcmpsp_bench" --baton "$root/build/baton" "$@" $files
