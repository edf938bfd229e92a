#!/usr/bin/env bash
# bench/import_bench.sh [N]: `baton import jira` on a generated N-issue Jira
# CSV (default 100,000; bench/gen_jira_csv.py: repeated columns, links on
# both rows), the command a user runs, beside its peer (Python's csv module
# reading the same file, bench/peer_jira_csv.py). Prints wall time and peak
# memory of each and the ratio. The budget (issue 12): under 2 s and 500 MB.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 bench/gen_jira_csv.py "$n" >"$tmp/export.csv"
[ -x build/baton ] || make -s
measure() { # LABEL CMD...: wall seconds and peak KiB (GNU time, else bash's time)
	local label=$1
	shift
	local t0 t1
	t0=$(date +%s.%N)
	if command -v /usr/bin/time >/dev/null; then
		/usr/bin/time -f '%M %U %S' -o "$tmp/$label.mem" "$@" >"$tmp/$label.out" 2>"$tmp/$label.err"
	else
		"$@" >"$tmp/$label.out" 2>"$tmp/$label.err"
		echo 0 0 0 >"$tmp/$label.mem"
	fi
	t1=$(date +%s.%N)
	echo "$t1 - $t0" | bc -l >"$tmp/$label.sec"
}
measure baton build/baton import jira "$tmp/export.csv" --points-per-day '*=2'
measure peer python3 bench/peer_jira_csv.py "$tmp/export.csv"
bs=$(cat "$tmp/baton.sec") ps=$(cat "$tmp/peer.sec")
printf '%s issues, %s MB CSV\n' "$n" "$(($(stat -c %s "$tmp/export.csv") / 1000000))"
# CPU (user + system) beside wall time: the machine may be shared.
row() { # LABEL NAME
	read -r kb u s <"$tmp/$2.mem"
	printf '%-18s %6.2f s wall  %6.2f s cpu  %6d MB\n' "$1" "$(cat "$tmp/$2.sec")" "$(echo "$u + $s" | bc -l)" "$((kb / 1024))"
}
row 'baton import jira' baton
row 'python csv (peer)' peer
head -n 1 "$tmp/baton.err"
printf 'ratio (peer/baton) %6.2fx\n' "$(echo "$ps / $bs" | bc -l)"
