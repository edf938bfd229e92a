# tests/serve.sh: `baton serve`, the live page and the JSON API (sourced by
# tests/run.sh). Starts the server on a free port on a copy of an example,
# checks every API (200, valid JSON), the page, 404/405/413/414, that a
# plan that stops parsing shows its diagnostics (page) and 422 (API), that
# fixing it serves 200 again, and that SIGTERM stops it cleanly (exit 0,
# which under ASan also means no leaks).
sv_dir=$OUT/serve-$(basename "$BUILD")
rm -rf "$sv_dir"
mkdir -p "$sv_dir"
sv_pid=""
sv_stop() { [ -n "$sv_pid" ] && kill "$sv_pid" 2>/dev/null; }
trap sv_stop EXIT
cp examples/orders-migration.baton "$sv_dir/plan.baton"
"$BATON" serve --listen 127.0.0.1:0 "$sv_dir/plan.baton" 2>"$sv_dir/err" &
sv_pid=$!
sv_port=$(serve_port "$sv_pid" "$sv_dir/err" 100)
# sv_get NAME PATH [curl args]: the body to $sv_dir/NAME, prints the code.
sv_get() {
	local n=$1 p=$2
	shift 2
	curl -s -m 10 -o "$sv_dir/$n" -w '%{http_code}' "$@" "http://127.0.0.1:$sv_port$p"
}
sv_expect() { # NAME PATH CODE [curl args]
	local n=$1 p=$2 want=$3 got
	shift 3
	got=$(sv_get "$n" "$p" "$@")
	if [ "$got" = "$want" ]; then ok; else bad "serve $p: HTTP $got, expected $want"; fi
}
sv_json() { # NAME: the body is valid JSON
	if python3 -m json.tool "$sv_dir/$1" >/dev/null 2>&1; then ok; else bad "serve: $1 is not valid JSON"; fi
}
if [ -z "$sv_port" ]; then
	bad "serve: no 'serving ... on http://127.0.0.1:PORT' on stderr"; sed -n 1,10p "$sv_dir/err"
elif ! command -v curl >/dev/null; then
	echo "serve: curl is missing; HTTP checks skipped"
else
	sv_expect page.html / 200
	if grep -q 'data-task=' "$sv_dir/page.html" && grep -q '/api/version' "$sv_dir/page.html"; then ok
	else bad "serve /: not the report with the live script"; fi
	for a in version schedule forecast status risks; do
		sv_expect "$a.json" "/api/$a" 200
		sv_json "$a.json"
	done
	sv_expect 404.json /nope 404
	sv_json 404.json
	sv_expect dotdot.json "/api/../../etc/passwd" 404 --path-as-is
	sv_expect post.json /api/status 405 -X POST -d x=1
	sv_expect put.json / 405 -X PUT
	sv_expect body.json /api/status 413 -X GET -H 'Content-Length: 5' --data-binary hello
	sv_expect long.json "/$(printf 'a%.0s' $(seq 1 2000))" 414
	# DNS rebinding: a name the server was not told about gets 421, in
	# any case of the loopback names and with a port it is served.
	sv_expect rebind.json /api/status 421 -H 'Host: evil.example'
	sv_expect rebind2.json /api/status 421 -H 'Host: 127.0.0.1.evil.example:80'
	sv_expect host-ok.json /api/version 200 -H "Host: LOCALHOST:$sv_port"
	sv_expect host-v6.json /api/version 200 -H "Host: [::1]:$sv_port"
	# A decoded control byte ends nothing early: 400, not /api/status.
	sv_expect nul.json "/api/status%00.html" 400
	sv_expect ctl.json "/api/status%0a" 400
	if [ "$(curl -s -m 10 -o /dev/null -w '%{http_code}' -I "http://127.0.0.1:$sv_port/api/risks")" = 200 ]; then ok
	else bad "serve: HEAD /api/risks is not 200"; fi
	v1=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["version"])' "$sv_dir/version.json")

	# Break the plan: the page shows the diagnostic, the API says 422.
	printf 'task broken "unterminated\n' >>"$sv_dir/plan.baton"
	sv_expect broken.html / 200
	if grep -q 'class="diagnostics"' "$sv_dir/broken.html" && grep -q 'unterminated string' "$sv_dir/broken.html" &&
	   grep -q '/api/version' "$sv_dir/broken.html"; then ok
	else bad "serve: a broken plan's page does not show the diagnostic"; fi
	sv_expect broken.json /api/status 422
	sv_json broken.json
	if grep -q '"diagnostics"' "$sv_dir/broken.json"; then ok; else bad "serve: 422 without diagnostics"; fi
	sv_expect version2.json /api/version 200
	v2=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["version"])' "$sv_dir/version2.json")
	[ "$v1" != "$v2" ] && ok || bad "serve: the version did not change with the plan"

	# Fix it: 200 again.
	cp examples/orders-migration.baton "$sv_dir/plan.baton"
	sv_expect fixed.json /api/status 200
	sv_json fixed.json
fi
if [ -n "$sv_pid" ] && kill -0 "$sv_pid" 2>/dev/null; then
	kill -TERM "$sv_pid"
	wait "$sv_pid"
	sv_rc=$?
	if [ "$sv_rc" = 0 ]; then ok; else bad "serve: exit $sv_rc after SIGTERM"; sed -n 1,30p "$sv_dir/err"; fi
else
	bad "serve: the server died"; sed -n 1,30p "$sv_dir/err"
fi
sv_pid=""
trap - EXIT

# Usage errors exit 2.
"$BATON" serve >/dev/null 2>&1
[ $? = 2 ] && ok || bad "serve without a plan should exit 2"
"$BATON" serve --listen nonsense examples/orders-migration.baton >/dev/null 2>&1
[ $? = 2 ] && ok || bad "serve --listen nonsense should exit 2"
"$BATON" serve "$sv_dir/no-such.baton" >/dev/null 2>&1
[ $? = 2 ] && ok || bad "serve on a missing plan should exit 2"
# --allow-host answers that name too (a TPM's box on the team network).
"$BATON" serve --listen 127.0.0.1:0 --allow-host Team-Box.example --runs 0 examples/orders-migration.baton 2>"$sv_dir/err2" &
sv_pid=$!
sv_port=$(serve_port "$sv_pid" "$sv_dir/err2" 100)
if [ -n "$sv_port" ] && command -v curl >/dev/null; then
	sv_expect allowed.json /api/version 200 -H "Host: team-box.example:$sv_port"
	sv_expect other.json /api/version 421 -H "Host: other.example"
fi
kill -TERM "$sv_pid" 2>/dev/null
wait "$sv_pid"
[ $? = 0 ] && ok || bad "serve --allow-host: exit after SIGTERM"
sv_pid=""
"$BATON" serve --allow-host 'a b' examples/orders-migration.baton >/dev/null 2>&1
[ $? = 2 ] && ok || bad "serve --allow-host 'a b' should exit 2"
unset sv_dir sv_pid sv_port sv_rc v1 v2
