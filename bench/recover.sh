#!/bin/sh
# recover.sh: `baton recover` as a user runs it (plan file in, options
# out), on the examples and on a generated 2,000-task plan whose
# commitment is moved to make it red: the time to the first option that
# reaches the target and to the full list, and the candidate sets tried.
# No other tool proposes recovery options (docs/recover.md), so there is
# no peer to print beside it; the figure beside each is the forecast of
# the plan alone, the floor a search of N candidates multiplies.
#
#   bench/recover.sh [TASKS]     (default 2000)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out=${OUT:-$here/out}
tasks=${1:-2000}
mkdir -p "$out"
make -s -C "$root" build/baton >/dev/null
${CC:-cc} -O2 -o "$out/gen_plan" "$here/gen_plan.c"
big=$out/recover-$tasks.baton
# The generated plan is far ahead of its commitment: commit it a month
# before its levelled P50 so there is something to recover.
"$out/gen_plan" "$tasks" 20 1 | sed 's/^  commit 2031-12-31$/  commit 2027-05-14/' >"$big"
baton=$root/build/baton
secs() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("%.2f %s %d %d %s" % (d["seconds"], "%.2f" % d["first_option_seconds"] if d["first_option_seconds"] is not None else "-", d["evaluated"], len(d["options"]), d["timed_out"]))' "$1"; }
printf '%-34s %8s %10s %8s %8s %8s %s\n' "plan" "forecast" "first-opt" "all" "sets" "options" "timed-out"
for p in "$root/examples/checkout-rewrite.baton" "$root/examples/orders-migration.baton" "$root/examples/search-launch.baton" "$big"; do
	t0=$(date +%s.%N)
	"$baton" forecast --level --runs 2000 "$p" >/dev/null
	t1=$(date +%s.%N)
	"$baton" recover --json --time-limit 120 "$p" >"$out/recover.json"
	set -- $(secs "$out/recover.json")
	printf '%-34s %7.2fs %9ss %7ss %8s %8s %s\n' "$(basename "$p")" "$(python3 -c "print($t1 - $t0)")" "$2" "$1" "$3" "$4" "$5"
done
