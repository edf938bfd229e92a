#!/bin/sh
# e2e.sh: the commands a user runs, end to end, beside networkx (issue 15).
#
#   bench/e2e.sh                 200,000 and 1,000,000 tasks
#   bench/e2e.sh 20000           a quick run (CI smoke size)
#
# For each size, generates the plan and its edge list once (bench/gen_plan.c,
# as bench/run.sh does), then times as whole processes, file in and output
# to a file: `baton check`, `baton schedule` and `baton schedule --json`
# (the fastest of REPEAT runs: wall, user and system time, max RSS from
# /usr/bin/time), and the peer, bench/peer_networkx.py (reading the edge
# list, building the DiGraph and the CPM passes, its Python start-up
# included), once. Prints each beside the peer with the ratio (the peer's
# wall time over baton's) and checks that schedule --json's end_day is the
# peer's. Goals: at 1,000,000 tasks or more, schedule and schedule --json
# within 2 s and 1 GiB each; from 100,000 tasks up to that, schedule and
# schedule --json at least 10 times faster than the peer (smaller sizes
# check the end day only). Exit 1 on a missed goal or an end day that
# differs. Environment: SEED (1), TEAMS (TASKS/5000, 5..500),
# REPEAT (3), PEER (1; 0 skips networkx), OUT (bench/out), CC (cc),
# PYTHON (python3).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out=${OUT:-$here/out}
cc=${CC:-cc}
seed=${SEED:-1}
repeat=${REPEAT:-3}
peer=${PEER:-1}
python=${PYTHON:-python3}
baton=$root/build/baton
[ $# -gt 0 ] || set -- 200000 1000000
mkdir -p "$out"
command -v /usr/bin/time >/dev/null || { echo "e2e.sh: needs /usr/bin/time (Debian: apt-get install time)" >&2; exit 2; }

echo "== building baton and gen_plan"
make -s -C "$root" build/baton
$cc -std=c11 -Wall -Wextra -Werror -O2 -o "$out/gen_plan" "$here/gen_plan.c"

# run LABEL CMD...: the fastest of $repeat runs of CMD, stdout to a file;
# sets wall user sys rss (MiB); exits on a failed run.
run() {
	label=$1
	shift
	wall=""
	i=0
	while [ $i -lt "$repeat" ]; do
		i=$((i + 1))
		if ! /usr/bin/time -f "%e %U %S %M" -o "$out/e2e.time" "$@" >"$out/e2e.out" 2>"$out/e2e.err"; then
			echo "e2e.sh: $label failed:" >&2
			tail -5 "$out/e2e.err" >&2
			exit 1
		fi
		read -r w u s m <"$out/e2e.time"
		if [ -z "$wall" ] || awk "BEGIN { exit !($w < $wall) }"; then
			wall=$w user=$u sys=$s rss=$((m / 1024))
		fi
	done
}

status=0
report=""
for tasks in "$@"; do
	teams=${TEAMS:-$((tasks / 5000))}
	[ "$teams" -ge 5 ] || teams=5
	[ "$teams" -le 500 ] || teams=500
	plan="$out/plan-$tasks-$teams-$seed-count.baton"
	edges="$out/plan-$tasks-$teams-$seed-count.edges"
	if [ ! -s "$plan" ] || [ ! -s "$edges" ] || [ "$here/gen_plan.c" -nt "$plan" ]; then
		echo "== generating $tasks tasks, $teams teams, seed $seed"
		"$out/gen_plan" --edges "$edges" "$tasks" "$teams" "$seed" >"$plan"
	fi
	mb=$(($(wc -c <"$plan") / 1000000))
	echo "== $tasks tasks ($mb MB plan, $teams teams)"

	pwall=""
	if [ "$peer" = 1 ]; then
		repeat_saved=$repeat
		repeat=1
		run "peer_networkx" "$python" "$here/peer_networkx.py" "$edges"
		repeat=$repeat_saved
		pwall=$wall
		pend=$(sed -n 's/.*end_day=\([0-9-]*\).*/\1/p' "$out/e2e.out")
		printf '  %-22s %7.2f s wall %7.2f user %6.2f sys %6d MiB\n' "networkx build + CPM" "$wall" "$user" "$sys" "$rss"
		report="$report
$tasks networkx build + CPM: $wall s, $rss MiB"
	fi

	for cmd in check schedule "schedule --json"; do
		# shellcheck disable=SC2086
		run "baton $cmd" "$baton" $cmd "$plan"
		line=$(printf '  %-22s %7.2f s wall %7.2f user %6.2f sys %6d MiB' "baton $cmd" "$wall" "$user" "$sys" "$rss")
		ratio=""
		if [ -n "$pwall" ]; then
			ratio=$(awk "BEGIN { printf \"%.1f\", $pwall / ($wall > 0 ? $wall : 0.01) }")
			line="$line   ${ratio}x networkx"
		fi
		verdict=""
		if [ "$cmd" != check ]; then
			if [ "$tasks" -ge 1000000 ]; then
				if awk "BEGIN { exit !($wall <= 2.0 && $rss <= 1024) }"; then
					verdict="goal met (<= 2 s, <= 1 GiB)"
				else
					verdict="goal MISSED (<= 2 s, <= 1 GiB): $(awk "BEGIN { printf \"%+.2f s\", $wall - 2.0 }"), $rss MiB"
					status=1
				fi
			elif [ -n "$ratio" ] && [ "$tasks" -ge 100000 ]; then
				if awk "BEGIN { exit !($ratio >= 10) }"; then
					verdict="goal met (>= 10x networkx)"
				else
					verdict="goal MISSED (>= 10x networkx): ${ratio}x"
					status=1
				fi
			fi
		fi
		echo "$line"
		[ -z "$verdict" ] || echo "      $verdict"
		report="$report
$tasks baton $cmd: $wall s, $rss MiB${ratio:+, ${ratio}x}${verdict:+; $verdict}"
		if [ "$cmd" = "schedule --json" ] && [ -n "$pwall" ]; then
			bend=$(sed -n 's/^  "end_day": \([0-9-]*\),$/\1/p' "$out/e2e.out" | head -1)
			if [ "$bend" != "$pend" ]; then
				echo "e2e.sh: end day differs: baton $bend, networkx $pend" >&2
				status=1
			fi
		fi
	done
done
echo
echo "== summary (seed $seed, fastest of $repeat, peer once)$report"
exit $status
