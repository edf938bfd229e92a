# tests/serve.sh: `baton serve`, the live page and the JSON API (sourced by
# tests/run.sh), all on 127.0.0.1. In order:
#   - every API (200, valid JSON), the page, 404/405/413/414/400/421;
#   - a newer plan that fails to parse: the last good version goes on being
#     served, the page and /api/version say so with the diagnostics; the
#     fix is served again; a server started on a broken plan says 422;
#   - reload off the request path: a 5,000-task plan replaces a small one
#     and requests during the rebuild (seconds) are answered within 1 s,
#     and in under a quarter of it, from the older version until the new
#     one is served;
#   - slow clients: 64 sockets sending one header line every 2 s for 13 s
#     (from 127.0.0.1 and 127.0.0.2, reopened when cut) while 60 normal
#     requests go on: at least 95% answered within 1 s, and every slow
#     socket cut by the 10 s whole-request deadline;
#   - the access token (--token, --token-file): 401/403 without it, bearer,
#     ?token= once then a cookie; TLS with a certificate made here by
#     openssl; refused setups exit 2;
#   - the HTTP fuzz corpus replayed through the request handler;
#   - SIGTERM stops every server cleanly (exit 0: under ASan, no leaks).
sv_dir=$OUT/serve-$(basename "$BUILD")
rm -rf "$sv_dir"
mkdir -p "$sv_dir"
sv_pid=""
sv_kill() { [ -n "$sv_pid" ] && kill "$sv_pid" 2>/dev/null; }
trap sv_kill EXIT
sv_scheme=http
sv_curl_tls=()

# sv_start ERRFILE ARGS...: start a server, set sv_pid and sv_port (empty
# when it did not say where it listens within 30 s).
sv_start() {
	local err=$1
	shift
	: >"$err" # there before the server opens it, for the first look
	"$BATON" serve --listen 127.0.0.1:0 "$@" 2>"$err" &
	sv_pid=$!
	sv_port=$(serve_port "$sv_pid" "$err" 300)
}
# sv_stop LABEL: SIGTERM the server; it must exit 0.
sv_stop() {
	local rc
	if [ -n "$sv_pid" ] && kill -0 "$sv_pid" 2>/dev/null; then
		kill -TERM "$sv_pid"
		wait "$sv_pid"
		rc=$?
		if [ "$rc" = 0 ]; then ok; else bad "serve $1: exit $rc after SIGTERM"; fi
	else
		bad "serve $1: the server died"
	fi
	sv_pid=""
}
# sv_get NAME PATH [curl args]: the body to $sv_dir/NAME, headers to
# $sv_dir/NAME.h; prints the code.
sv_get() {
	local n=$1 p=$2
	shift 2
	curl -s -m 10 "${sv_curl_tls[@]}" -o "$sv_dir/$n" -D "$sv_dir/$n.h" -w '%{http_code}' "$@" \
		"$sv_scheme://127.0.0.1:$sv_port$p"
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
sv_schema() { # NAME...: each body is an object whose first member is "schema_version": 1
	python3 -c 'import json,sys
for f in sys.argv[1:]:
    j = json.load(open(f))
    assert list(j)[0] == "schema_version" and j["schema_version"] == 1, f' "${@/#/$sv_dir/}" 2>/dev/null
}
sv_field() { # NAME KEY: a top-level field of a JSON body
	python3 -c 'import json,sys; v=json.load(open(sys.argv[1])).get(sys.argv[2]); print("null" if v is None else str(v).lower() if isinstance(v,bool) else v)' \
		"$sv_dir/$1" "$2" 2>/dev/null
}
sv_header() { # NAME HEADER: a response header's value
	sed -n "s/^$2: \\([^\\r]*\\)\\r\\{0,1\\}\$/\\1/Ip" "$sv_dir/$1.h" | head -n 1
}
# sv_wait_state STATE VERSION: poll /api/version until it says STATE for
# VERSION (up to 30 s); 0 when it did.
sv_wait_state() {
	local i
	for i in $(seq 1 300); do
		sv_get wait.json /api/version "${sv_auth[@]}" >/dev/null
		[ "$(sv_field wait.json state)" = "$1" ] && [ "$(sv_field wait.json version)" = "$2" ] && return 0
		sleep 0.1
	done
	return 1
}
sv_kv() { sed -n "s/^$2=//p" "$1"; } # FILE KEY: from key=value lines
sv_auth=()

command -v curl >/dev/null || { echo "serve: curl is missing; HTTP checks skipped"; }
cp examples/orders-migration.baton "$sv_dir/plan.baton"
sv_start "$sv_dir/err" "$sv_dir/plan.baton"
if [ -z "$sv_port" ]; then
	bad "serve: no 'serving ... on http://127.0.0.1:PORT' on stderr"; sed -n 1,10p "$sv_dir/err"
elif command -v curl >/dev/null; then
	sv_expect page.html / 200
	if grep -q 'data-task=' "$sv_dir/page.html" && grep -q '/api/version' "$sv_dir/page.html"; then ok
	else bad "serve /: not the report with the live script"; fi
	for a in version schedule forecast status risks; do
		sv_expect "$a.json" "/api/$a" 200
		sv_json "$a.json"
	done
	[ "$(sv_field version.json state)" = ready ] && [ "$(sv_field version.json ok)" = true ] &&
		[ "$(sv_field version.json served)" = "$(sv_field version.json version)" ] && ok ||
		bad "serve: /api/version of a fresh server is not ready and ok: $(cat "$sv_dir/version.json")"
	[ "$(sv_header status.json Baton-Plan-State)" = ready ] && ok ||
		bad "serve: /api/status without 'Baton-Plan-State: ready'"
	# Kept alive: the second request goes on the first one's connection.
	sv_nc=$(curl -s -m 10 -o /dev/null -o /dev/null -w '%{num_connects} ' \
		"http://127.0.0.1:$sv_port/api/version" "http://127.0.0.1:$sv_port/api/status")
	[ "$sv_nc" = "1 0 " ] && ok || bad "serve: a second request is not kept alive on the connection (connects: $sv_nc)"
	sv_expect 404.json /nope 404
	sv_json 404.json
	sv_schema version.json 404.json && ok || bad "serve: /api/version or a 404 does not start with \"schema_version\": 1"
	sv_expect dotdot.json "/api/../../etc/passwd" 404 --path-as-is
	sv_expect post.json /api/status 405 -X POST -d x=1
	sv_expect put.json / 405 -X PUT
	sv_expect body.json /api/status 413 -X GET -H 'Content-Length: 5' --data-binary hello
	sv_expect long.json "/$(printf 'a%.0s' $(seq 1 2000))" 414
	# DNS rebinding: a name the server was not told about gets 421, in
	# any case of the loopback names and with a port it is served.
	sv_expect rebind.json /api/status 421 -H 'Host: evil.example'
	sv_json rebind.json
	sv_expect rebind2.json /api/status 421 -H 'Host: 127.0.0.1.evil.example:80'
	sv_expect rebind3.json /api/status 421 -H 'Host: localhost:80:evil'
	sv_expect host-ok.json /api/version 200 -H "Host: LOCALHOST:$sv_port"
	sv_expect host-v6.json /api/version 200 -H "Host: [::1]:$sv_port"
	# A decoded control byte ends nothing early: 400, not /api/status.
	sv_expect nul.json "/api/status%00.html" 400
	sv_expect ctl.json "/api/status%0a" 400
	if [ "$(curl -s -m 10 -o /dev/null -w '%{http_code}' -I "http://127.0.0.1:$sv_port/api/risks")" = 200 ]; then ok
	else bad "serve: HEAD /api/risks is not 200"; fi
	v1=$(sv_field version.json version)
	cp "$sv_dir/status.json" "$sv_dir/status-v1.json"

	# A newer plan that does not parse: the last good version goes on
	# being served (200, 'Baton-Plan-State: failed'), and the page and
	# /api/version say so with the diagnostics.
	printf 'task broken "unterminated\n' >>"$sv_dir/plan.baton"
	v2=$((v1 + 1))
	sv_wait_state failed "$v2" && ok || bad "serve: a broken plan is not 'failed' in /api/version"
	sv_json wait.json
	[ "$(sv_field wait.json ok)" = false ] && [ "$(sv_field wait.json served)" = "$v1" ] &&
		grep -q 'unterminated string' "$sv_dir/wait.json" && grep -q '"diagnostics": \[' "$sv_dir/wait.json" && ok ||
		bad "serve: /api/version of a broken plan: $(head -c 300 "$sv_dir/wait.json")"
	sv_expect broken.json /api/status 200
	if cmp -s "$sv_dir/broken.json" "$sv_dir/status-v1.json" &&
	   [ "$(sv_header broken.json Baton-Plan-State)" = failed ] &&
	   [ "$(sv_header broken.json Baton-Served-Version)" = "$v1" ]; then ok
	else bad "serve: a broken plan does not serve the last good status with 'Baton-Plan-State: failed'"; fi
	sv_expect broken.html / 200
	if grep -q 'class="serve-note"' "$sv_dir/broken.html" && grep -q 'class="diagnostics"' "$sv_dir/broken.html" &&
	   grep -q 'unterminated string' "$sv_dir/broken.html" && grep -q 'data-task=' "$sv_dir/broken.html" &&
	   grep -q "var k=\"$v2/failed\"" "$sv_dir/broken.html"; then ok
	else bad "serve: a broken plan's page does not show the last report with a note and the diagnostic"; fi

	# Fixed: served again, ready.
	cp examples/orders-migration.baton "$sv_dir/plan.baton.tmp"
	mv "$sv_dir/plan.baton.tmp" "$sv_dir/plan.baton"
	# Same contents as version 1, so a new version all the same.
	sv_wait_state ready $((v2 + 1)) && ok || bad "serve: the fixed plan is not served"
	sv_expect fixed.json /api/status 200
	sv_json fixed.json
	[ "$(sv_header fixed.json Baton-Plan-State)" = ready ] && ok || bad "serve: the fixed plan is not 'ready'"
	sv_expect fixed.html / 200
	if grep -q 'class="serve-note"' "$sv_dir/fixed.html"; then bad "serve: the note stays after the fix"; else ok; fi
fi
sv_stop "(main)"

# A plan broken from the start has no version to serve: the page shows
# the diagnostics, the API 422 with them.
printf 'task broken "unterminated\n' >"$sv_dir/bad.baton"
sv_start "$sv_dir/err-bad" --runs 0 "$sv_dir/bad.baton"
if [ -n "$sv_port" ] && command -v curl >/dev/null; then
	sv_expect bad.html / 200
	grep -q 'class="diagnostics"' "$sv_dir/bad.html" && grep -q 'unterminated string' "$sv_dir/bad.html" &&
		grep -q '/api/version' "$sv_dir/bad.html" && ok ||
		bad "serve: a broken plan's page does not show the diagnostic"
	sv_expect bad.json /api/status 422
	sv_json bad.json
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))["diagnostics"]; sys.exit(not d or "line" not in d[0])' \
		"$sv_dir/bad.json" 2>/dev/null && ok || bad "serve: 422 without diagnostics"
	sv_expect badv.json /api/version 200
	[ "$(sv_field badv.json served)" = null ] && [ "$(sv_field badv.json state)" = failed ] && ok ||
		bad "serve: /api/version of a plan never shown: $(head -c 200 "$sv_dir/badv.json")"
	# The diagnostics' text as JSON escapes it: a newline is \n.
	sv_schema bad.json badv.json && grep -q '"message": ".*unterminated string.*\\n' "$sv_dir/badv.json" &&
		! grep -q '\\u000a' "$sv_dir/badv.json" && ok ||
		bad "serve: the 422 body or /api/version of a broken plan: no schema_version first, or newlines not as \\n"
fi
sv_stop "(broken plan)"

# Reload off the request path: a 20,000-task plan (bench/gen_plan.c) with
# a 5,000-run forecast takes most of a second to build (the report rolls a
# plan this big up, so without the forecast it took 10 ms and no request
# ever saw the build); requests meanwhile get the older version at once.
sv_gen=$OUT/gen_plan
if [ ! -x "$sv_gen" ] || [ bench/gen_plan.c -nt "$sv_gen" ]; then
	cc -std=c11 -O2 -o "$sv_gen" bench/gen_plan.c || bad "serve: cannot build bench/gen_plan.c"
fi
"$sv_gen" 20000 5 1 >"$sv_dir/big.baton" 2>/dev/null
sv_start "$sv_dir/err-reload" --runs 5000 "$sv_dir/plan.baton"
if [ -n "$sv_port" ]; then
	cp "$sv_dir/big.baton" "$sv_dir/plan.baton.tmp"
	mv "$sv_dir/plan.baton.tmp" "$sv_dir/plan.baton"
	python3 tests/tools/serve_watch.py "$sv_port" 2 --seconds 120 >"$sv_dir/watch.txt"
	sv_w=$sv_dir/watch.txt
	echo "serve reload ($(basename "$BUILD")): $(tr '\n' ' ' <"$sv_w")"
	sv_ms=$(sv_kv "$sv_w" max_ms)
	sv_rl=$(sv_kv "$sv_w" reload_ms)
	[ "$(sv_kv "$sv_w" errors)" = 0 ] && [ "$sv_ms" -lt 1000 ] && [ $((sv_ms * 4)) -lt "$sv_rl" ] && ok ||
		bad "serve: requests during a rebuild were not all answered within 1 s and a quarter of it: $(tr '\n' ' ' <"$sv_w")"
	[ "$(sv_kv "$sv_w" building)" -gt 0 ] && [ "$(sv_kv "$sv_w" stale)" -gt 0 ] && ok ||
		bad "serve: no 'building' state served from the older version during the rebuild"
	[ "$(sv_kv "$sv_w" state)" = ready ] && ok || bad "serve: the 20,000-task plan was not served within 120 s"
	sv_get bigsched.json /api/schedule >/dev/null
	[ "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["tasks"]))' "$sv_dir/bigsched.json" 2>/dev/null)" = 20000 ] &&
		ok || bad "serve: /api/schedule after the reload does not have the 20,000 tasks"
fi
sv_stop "(reload)"

# Slow clients: a bounded attack of 64 sockets on the connection limits.
sv_start "$sv_dir/err-slow" --runs 0 examples/orders-migration.baton
if [ -n "$sv_port" ]; then
	python3 tests/tools/slow_clients.py "$sv_port" --slow 64 --sources 127.0.0.1,127.0.0.2 \
		--interval 2 --seconds 13 --normal 60 >"$sv_dir/slow.txt"
	sv_s=$sv_dir/slow.txt
	echo "serve slow clients ($(basename "$BUILD")): $(tr '\n' ' ' <"$sv_s")"
	[ "$(sv_kv "$sv_s" answered)" -ge 57 ] && ok ||
		bad "serve: under 64 slow sockets, $(sv_kv "$sv_s" answered) of 60 requests answered within 1 s"
	cmin=$(sv_kv "$sv_s" cut_min_s); cmax=$(sv_kv "$sv_s" cut_max_s)
	[ "$(sv_kv "$sv_s" cut)" -ge 64 ] && [ "${cmin%.*}" -ge 9 ] && [ "${cmax%.*}" -le 11 ] && ok ||
		bad "serve: slow sockets not cut by the 10 s request deadline: $(tr '\n' ' ' <"$sv_s")"
	sv_expect after-slow.json /api/version 200
fi
sv_stop "(slow clients)"

# The access token on loopback (--token): nothing without it.
sv_start "$sv_dir/err-token" --token --runs 0 examples/orders-migration.baton
tok=$(sed -n 's|^open http://127\.0\.0\.1:[0-9]*/?token=\([0-9a-f]*\) .*|\1|p' "$sv_dir/err-token")
if [ -n "$sv_port" ] && command -v curl >/dev/null; then
	[ "${#tok}" = 64 ] && ok || bad "serve --token: no 64-hex-digit token in the URL printed"
	# A wrong token one digit off the right one: its last digit changed, never
	# to itself (a token ending in 0 made "wrong" the right one, 1 run in 16).
	case $tok in *0) badtok=${tok%?}1 ;; *) badtok=${tok%?}0 ;; esac
	sv_expect t-none.json /api/status 401
	sv_json t-none.json
	grep -qi '^WWW-Authenticate: Bearer' "$sv_dir/t-none.json.h" && ok || bad "serve: 401 without WWW-Authenticate"
	sv_expect t-page.html / 401
	sv_expect t-wrong.json /api/status 403 -H "Authorization: Bearer $badtok"
	sv_expect t-short.json /api/status 403 -H "Authorization: Bearer abc"
	sv_expect t-bearer.json /api/status 200 -H "Authorization: Bearer $tok"
	sv_json t-bearer.json
	# The token keeps other pages out, so any Host is answered with it.
	sv_expect t-host.json /api/version 200 -H "Authorization: Bearer $tok" -H 'Host: team-box.example'
	sv_expect t-url-wrong.json "/?token=nope" 403
	# ?token= once: a redirect without it, and a strict HttpOnly cookie.
	sv_expect t-url.json "/api/status?token=$tok" 303
	[ "$(sv_header t-url.json Location)" = /api/status ] && ok ||
		bad "serve: ?token= redirects to '$(sv_header t-url.json Location)', not /api/status"
	sv_c=$(sv_header t-url.json Set-Cookie)
	[ "$sv_c" = "baton_token_$sv_port=$tok; Path=/; HttpOnly; SameSite=Strict" ] && ok ||
		bad "serve: ?token= sets the cookie '$sv_c'"
	sv_expect t-cookie.json /api/status 200 -b "baton_token_$sv_port=$tok"
	sv_expect t-cookie-wrong.json /api/status 403 -b "baton_token_$sv_port=$badtok"
	sv_expect t-other-port.json /api/status 401 -b "baton_token_1=$tok"
	# As a browser does: open the printed URL, follow, keep the cookie.
	rm -f "$sv_dir/jar"
	sv_expect t-browser.html "/?token=$tok" 200 -L -c "$sv_dir/jar" -b "$sv_dir/jar"
	grep -q 'data-task=' "$sv_dir/t-browser.html" && ok || bad "serve: the token URL does not lead to the page"
	sv_expect t-poll.json /api/version 200 -b "$sv_dir/jar"
	sv_expect t-405.json /api/status 405 -X POST
fi
sv_stop "(--token)"

# --token-file: the token is the file's; a bad one is refused (exit 2).
printf '  team-secret-0123456789  \n' >"$sv_dir/token"
sv_start "$sv_dir/err-tfile" --token-file "$sv_dir/token" --runs 0 examples/orders-migration.baton
if [ -n "$sv_port" ] && command -v curl >/dev/null; then
	grep -q 'team-secret' "$sv_dir/err-tfile" && bad "serve: a --token-file token is printed" || ok
	sv_expect tf-none.json /api/version 401
	sv_expect tf-bearer.json /api/version 200 -H 'Authorization: bearer team-secret-0123456789'
fi
sv_stop "(--token-file)"
printf 'short\n' >"$sv_dir/token-short"
"$BATON" serve --listen 127.0.0.1:0 --token-file "$sv_dir/token-short" examples/orders-migration.baton 2>"$sv_dir/err-ts"
[ $? = 2 ] && grep -q "token-short:1: the token must be 16" "$sv_dir/err-ts" && ok ||
	bad "serve: a short --token-file token is not refused with exit 2"
"$BATON" serve --listen 127.0.0.1:0 --token-file "$sv_dir/no-such" examples/orders-migration.baton 2>"$sv_dir/err-tn"
[ $? = 2 ] && grep -q "cannot read --token-file" "$sv_dir/err-tn" && ok ||
	bad "serve: a missing --token-file is not refused with exit 2"

# A non-loopback address needs TLS or --insecure (refused before binding).
"$BATON" serve --listen 0.0.0.0:0 examples/orders-migration.baton 2>"$sv_dir/err-net"
[ $? = 2 ] && grep -q "not a loopback address" "$sv_dir/err-net" && ok ||
	bad "serve --listen 0.0.0.0: not refused without TLS"
"$BATON" serve --listen 127.0.0.1:0 --tls-cert "$sv_dir/no-cert.pem" examples/orders-migration.baton 2>/dev/null
[ $? = 2 ] && ok || bad "serve --tls-cert without --tls-key should exit 2"

# TLS, with a certificate for 127.0.0.1 made now.
if command -v openssl >/dev/null &&
   openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
	-subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1,DNS:localhost \
	-keyout "$sv_dir/key.pem" -out "$sv_dir/cert.pem" >/dev/null 2>&1 &&
   openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:prime256v1 -out "$sv_dir/other.pem" >/dev/null 2>&1; then
	"$BATON" serve --listen 127.0.0.1:0 --tls-cert "$sv_dir/cert.pem" --tls-key "$sv_dir/other.pem" \
		examples/orders-migration.baton 2>"$sv_dir/err-mismatch"
	[ $? = 2 ] && grep -q "are not a PEM certificate and its private key" "$sv_dir/err-mismatch" && ok ||
		bad "serve: a key that is not the certificate's is not refused with exit 2: $(cat "$sv_dir/err-mismatch")"
	"$BATON" serve --listen 127.0.0.1:0 --tls-cert "$sv_dir/no-cert.pem" --tls-key "$sv_dir/key.pem" \
		examples/orders-migration.baton 2>"$sv_dir/err-nocert"
	[ $? = 2 ] && grep -q "cannot read --tls-cert '.*no-cert.pem'" "$sv_dir/err-nocert" && ok ||
		bad "serve: a missing --tls-cert is not refused with exit 2"
	sv_start "$sv_dir/err-tls" --tls-cert "$sv_dir/cert.pem" --tls-key "$sv_dir/key.pem" \
		--token-file "$sv_dir/token" --runs 0 examples/orders-migration.baton
	if [ -n "$sv_port" ] && command -v curl >/dev/null; then
		grep -q "^serving .* on https://127.0.0.1:$sv_port\$" "$sv_dir/err-tls" && ok ||
			bad "serve: TLS does not say https"
		sv_scheme=https
		sv_curl_tls=(--cacert "$sv_dir/cert.pem")
		sv_expect tls-none.json /api/status 401
		sv_expect tls-bearer.json /api/status 200 -H 'Authorization: Bearer team-secret-0123456789'
		sv_json tls-bearer.json
		sv_expect tls-url.json "/?token=team-secret-0123456789" 303
		case $(sv_header tls-url.json Set-Cookie) in
		*"; HttpOnly; SameSite=Strict; Secure") ok ;;
		*) bad "serve: the token cookie over TLS is not Secure" ;;
		esac
		sv_auth=(-H 'Authorization: Bearer team-secret-0123456789')
		sv_expect tls-page.html / 200 "${sv_auth[@]}"
		sv_auth=()
		sv_scheme=http
		sv_curl_tls=()
		sv_expect tls-plain.json /api/version 000
	fi
	sv_stop "(TLS)"
else
	bad "serve: openssl cannot make a test certificate (apt-get install openssl)"
fi

# The request handler's fuzz corpus (tests/fuzz/fuzz_http.c) is replayed by
# tests/fuzz.sh with every other target's.

# Usage errors exit 2.
"$BATON" serve >/dev/null 2>&1
[ $? = 2 ] && ok || bad "serve without a plan should exit 2"
"$BATON" serve --listen nonsense examples/orders-migration.baton >/dev/null 2>&1
[ $? = 2 ] && ok || bad "serve --listen nonsense should exit 2"
"$BATON" serve "$sv_dir/no-such.baton" >/dev/null 2>&1
[ $? = 2 ] && ok || bad "serve on a missing plan should exit 2"
"$BATON" serve --help | grep -q -- '--tls-cert FILE' && ok || bad "serve --help does not list --tls-cert"
# --allow-host answers that name too (a TPM's box on the team network).
sv_start "$sv_dir/err2" --allow-host Team-Box.example --runs 0 examples/orders-migration.baton
if [ -n "$sv_port" ] && command -v curl >/dev/null; then
	sv_expect allowed.json /api/version 200 -H "Host: team-box.example:$sv_port"
	sv_expect other.json /api/version 421 -H "Host: other.example"
fi
sv_stop "(--allow-host)"
"$BATON" serve --allow-host 'a b' examples/orders-migration.baton >/dev/null 2>&1
[ $? = 2 ] && ok || bad "serve --allow-host 'a b' should exit 2"
trap - EXIT
unset sv_nc sv_ms sv_rl sv_dir sv_pid sv_port sv_scheme sv_curl_tls sv_auth sv_gen v1 v2 sv_w sv_s sv_c cmin cmax tok
