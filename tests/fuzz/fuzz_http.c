/*
 * fuzz_http.c: the libFuzzer target for what `baton serve` answers
 * (src/cli/serve_http.c). The input is an HTTP request as a client sends
 * it; this harness splits it the way libmicrohttpd does (request line,
 * headers, query, cookie) and hands the parts to serve_unescape and
 * serve_decide under four policies: no token, a token, each with and
 * without TLS. It traps when an answer breaks a rule of the security model:
 *
 *   - with a token, nothing but a refusal (4xx) is answered to a request
 *     that does not carry the token, and the token is never echoed except
 *     in the Set-Cookie of a request that carried it in its URL;
 *   - without a token, data goes only to an allowed Host (or none);
 *   - a redirect stays on this server (a path, never "//host");
 *   - every error body is one line of valid JSON;
 *   - a path with a control byte in it is never served.
 *
 * With clang: `make build/fuzz/fuzz_http`; with gcc, tests/fuzz/replay.c
 * replays tests/fuzz/corpus/http (tests/fuzz.sh).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "serve.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define TOKEN "0123456789abcdef0123456789abcdef"
#define COOKIE "baton_token_8080"

static void fail(const char *why, const struct serve_answer *a)
{
	fprintf(stderr, "fuzz_http: %s (code %u, body %s, location %s)\n", why, a->code,
		a->body, a->location);
	__builtin_trap();
}

/* The value of header `name` (first one), or NULL; `lines` are NUL-split. */
static char *header(char **names, char **values, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (!strcasecmp(names[i], name))
			return values[i];
	return NULL;
}

/* The value of `key` in an a=b&c=d query (decoded), or NULL. */
static char *query_value(char *query, const char *key)
{
	size_t k = strlen(key);
	for (char *p = query; p && *p;) {
		char *amp = strchr(p, '&');
		if (amp)
			*amp = 0;
		if (!strncmp(p, key, k) && p[k] == '=') {
			serve_unescape(p + k + 1);
			return p + k + 1;
		}
		p = amp ? amp + 1 : NULL;
	}
	return NULL;
}

/* The value of cookie `name` in a Cookie header, or NULL. */
static char *cookie_value(char *h, const char *name)
{
	size_t k = strlen(name);
	for (char *p = h; p && *p;) {
		while (*p == ' ')
			p++;
		char *semi = strchr(p, ';');
		if (semi)
			*semi = 0;
		if (!strncmp(p, name, k) && p[k] == '=')
			return p + k + 1;
		p = semi ? semi + 1 : NULL;
	}
	return NULL;
}

/* The Host rule said another way: an allowed name, then nothing or a
 * colon and digits. */
static int host_ok(const struct serve_policy *pol, const char *host)
{
	for (unsigned i = 0; i < pol->nhosts; i++) {
		size_t k = strlen(pol->hosts[i]);
		if (strncasecmp(host, pol->hosts[i], k))
			continue;
		const char *r = host + k;
		if (!*r)
			return 1;
		if (*r++ != ':')
			continue;
		while (*r >= '0' && *r <= '9')
			r++;
		if (!*r)
			return 1;
	}
	return 0;
}

static void check(const struct serve_policy *pol, const struct serve_request *req,
		  const char *raw_query_token, int have_data)
{
	struct serve_answer a;
	serve_decide(pol, req, have_data, &a);
	int data = a.what >= SERVE_PAGE && a.what != SERVE_PLAN_ERROR;
	if (a.code < 200 || a.code > 599)
		fail("status out of range", &a);
	if (a.what == SERVE_ERROR) {
		json_error_t e;
		json_t *j = json_loads(a.body, 0, &e);
		if (!j || !json_is_string(json_object_get(j, "error")))
			fail("error body is not {\"error\": string}", &a);
		json_decref(j);
		if (strchr(a.body, '\n') != a.body + strlen(a.body) - 1)
			fail("error body is not one line", &a);
		if (a.code < 400)
			fail("an error below 400", &a);
		if (pol->token && strstr(a.body, pol->token))
			fail("the token in an error body", &a);
	}
	if (a.what == SERVE_REDIRECT) {
		if (a.location[0] != '/' || a.location[1] == '/' || a.location[1] == '\\' ||
		    strpbrk(a.location, "?#:\r\n \\"))
			fail("a redirect off this server or with a query", &a);
		if (!pol->token || !raw_query_token ||
		    !serve_token_equal(pol->token, req->query_token))
			fail("a redirect without the token in the URL", &a);
		if (strstr(a.set_cookie, "HttpOnly") == NULL ||
		    strstr(a.set_cookie, "SameSite=Strict") == NULL ||
		    (pol->tls != (strstr(a.set_cookie, "; Secure") != NULL)))
			fail("a token cookie without its attributes", &a);
	}
	if (data || a.what == SERVE_PLAN_ERROR || a.what == SERVE_REDIRECT) {
		const char *p = req->path;
		for (; *p; p++)
			if ((unsigned char)*p < 0x20 || *p == 0x7f)
				fail("a path with a control byte answered", &a);
		if (strcmp(req->method, "GET") && strcmp(req->method, "HEAD"))
			fail("a method other than GET and HEAD answered", &a);
		if (req->has_body)
			fail("a request with a body answered", &a);
	}
	if (data && pol->token) {
		const char *given = req->authorization;
		int ok = 0;
		if (given) {
			while (*given == ' ' || *given == '\t')
				given++;
			if (!strncasecmp(given, "bearer", 6) && (given[6] == ' ' || given[6] == '\t')) {
				given += 6;
				while (*given == ' ' || *given == '\t')
					given++;
				ok = !strcmp(given, pol->token);
			} else {
				given = NULL;
			}
		}
		if (!given && req->cookie_token)
			ok = !strcmp(req->cookie_token, pol->token);
		if (!ok || req->query_token)
			fail("data without the token, or with one in the URL", &a);
	}
	if ((data || a.what == SERVE_PLAN_ERROR || a.what == SERVE_REDIRECT) && !pol->token &&
	    req->host && !host_ok(pol, req->host))
		fail("data for a Host that is not allowed", &a);
	if (a.what == SERVE_REDIRECT && !pol->token)
		fail("a token redirect without a token", &a);
	if (data && !have_data && a.what > SERVE_VERSION)
		fail("data served while no version parsed", &a);
	if (a.what == SERVE_PLAN_ERROR && (have_data || a.code != 422))
		fail("422 while data exists", &a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 65536)
		return 0;
	char *buf = malloc(size + 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = 0;
	size_t len = strlen(buf); /* as libmicrohttpd, a NUL ends the request */

	/* Request line: METHOD SP TARGET [SP VERSION]. */
	char *eol = strstr(buf, "\r\n");
	char *rest = eol ? eol + 2 : buf + len;
	if (eol)
		*eol = 0;
	char *method = buf, *target = strchr(buf, ' ');
	if (target) {
		*target++ = 0;
		char *sp = strchr(target, ' ');
		if (sp)
			*sp = 0;
	} else {
		target = buf + strlen(buf);
	}
	char *query = strchr(target, '?');
	if (query)
		*query++ = 0;
	serve_unescape(target);

	/* Headers until an empty line; the rest is a body. */
	char *names[32], *values[32];
	int n = 0;
	while (*rest && n < 32) {
		eol = strstr(rest, "\r\n");
		if (eol == rest) {
			rest += 2;
			break;
		}
		char *line = rest;
		rest = eol ? eol + 2 : rest + strlen(rest);
		if (eol)
			*eol = 0;
		char *colon = strchr(line, ':');
		if (!colon)
			continue;
		*colon = 0;
		char *v = colon + 1;
		while (*v == ' ' || *v == '\t')
			v++;
		names[n] = line;
		values[n++] = v;
	}

	char *cookie = header(names, values, n, "Cookie");
	struct serve_request req = {
		.method = method,
		.path = target,
		.host = header(names, values, n, "Host"),
		.authorization = header(names, values, n, "Authorization"),
		.cookie_token = cookie ? cookie_value(cookie, COOKIE) : NULL,
		.query_token = query ? query_value(query, "token") : NULL,
		.has_body = header(names, values, n, "Content-Length") != NULL ||
			    header(names, values, n, "Transfer-Encoding") != NULL || *rest != 0,
	};
	for (int with_token = 0; with_token < 2; with_token++) {
		for (int tls = 0; tls < 2; tls++) {
			struct serve_policy pol = {
				.hosts = {"localhost", "127.0.0.1", "[::1]", "team-box.example"},
				.nhosts = 4,
				.token = with_token ? TOKEN : NULL,
				.cookie = COOKIE,
				.tls = tls,
			};
			check(&pol, &req, req.query_token, (int)(len & 1));
			check(&pol, &req, req.query_token, !(len & 1));
		}
	}
	free(buf);
	return 0;
}
