#!/usr/bin/env bash
# How examples/history/passkeys/ was recorded: the plan as it stood each
# Friday (its status blocks up to that day, its risks as the TPM had them
# then), recorded with `baton status --record` at five in the afternoon.
# The files are the program's record, as a TPM's would be: rerun this only
# to re-record them after a change to what a record holds.
#
# usage: tests/tools/record_example_history.sh [BATON]
set -euo pipefail
cd "$(dirname "$0")/../.."
baton=${1:-build/baton}
plan=examples/passkeys-rollout.baton
tmp=$(mktemp -d)
cp -p "$plan" "$tmp/plan.orig"
# Each week's record names the plan's own path, so the snapshot stands in
# for the plan while it is recorded; the plan is put back however this ends.
trap 'cp -p "$tmp/plan.orig" "$plan"; rm -rf "$tmp"' EXIT
rm -rf examples/history/passkeys examples/.baton

# The plan on DATE: status blocks after DATE cut off; idv-vendor open until
# the vendor signed late (occurred, Feb 5), absorbed once recovery was
# re-estimated (Feb 12).
snapshot() {
	local d=$1 state
	case $d in
	2027-01-* | 2027-02-0[1-4]) state=open ;;
	2027-02-0[5-9] | 2027-02-1[01]) state=occurred ;;
	*) state=absorbed ;;
	esac
	awk -v d="$d" -v st="$state" '
		/^status [0-9-]+$/ { skip = ($2 > d) }
		/^[^ #]/ && !/^status / { skip = 0 }
		skip { next }
		/^risk idv-vendor / { inrisk = 1; print; next }
		/^[^ ]/ { inrisk = 0 }
		inrisk && /status absorbed/ { sub(/status absorbed/, "status " st) }
		inrisk && /mitigation/ && st == "open" {
			print "  mitigation \"Contract with legal; email-only recovery ready as the fallback\""; next }
		inrisk && /mitigation/ && st == "occurred" {
			print "  mitigation \"Signed Feb 4, nine days late; the integration starts a week late\""; next }
		{ print }'

}

for d in 2027-01-08 2027-01-15 2027-01-22 2027-01-29 2027-02-05 2027-02-12 2027-02-19 2027-02-26; do
	snapshot "$d" <"$tmp/plan.orig" >"$tmp/week.baton"
	cp "$tmp/week.baton" "$plan"
	BATON_NOW="${d}T17:00:00Z" "$baton" status --record --as-of "$d" "$plan" >/dev/null
done
ls examples/history/passkeys 2>/dev/null || true
