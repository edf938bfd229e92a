/*
 * serve_http.c: what a `baton serve` request gets, decided from the few
 * things libmicrohttpd parsed (serve.h). Pure and socket-free so the fuzz
 * target drives exactly this code; cmd_serve.c only turns the answer into
 * a response.
 *
 * The order of the checks is the security model (docs/serve.md): malformed
 * requests first (method, body, length, control bytes), then who may ask
 * (the token when one is set, else the Host name), and only then what
 * exists, so a client without the token learns nothing about the paths.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "baton.h"
#include "serve.h"

static int hexval(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

size_t serve_unescape(char *s)
{
	char *w = s;
	for (const char *r = s; *r; r++) {
		int hi, lo;
		if (r[0] == '%' && (hi = hexval(r[1])) >= 0 && (lo = hexval(r[2])) >= 0) {
			unsigned char b = (unsigned char)(hi * 16 + lo);
			*w++ = (char)(b == 0 ? 0x7f : b);
			r += 2;
		} else {
			*w++ = *r;
		}
	}
	*w = 0;
	return (size_t)(w - s);
}

int serve_token_equal(const char *token, const char *given)
{
	size_t n = strlen(token), m = strlen(given);
	/* Walk the whole token whatever `given` is, so neither a wrong byte
	 * nor a wrong length shows in the time taken. */
	unsigned diff = (unsigned)(n != m);
	for (size_t i = 0; i < n; i++)
		diff |= (unsigned char)token[i] ^ (unsigned char)(m ? given[i % m] : 0);
	return diff == 0;
}

/* A cookie-octet (RFC 6265) that also needs no escaping in a URL query. */
static int token_char(unsigned char c)
{
	return c > 0x20 && c < 0x7f && !strchr("\";,\\%&+#?=/", c);
}

int serve_token_check(const char *t)
{
	size_t n = strlen(t);
	if (n < SERVE_TOKEN_MIN || n > SERVE_TOKEN_MAX)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (!token_char((unsigned char)t[i]))
			return -1;
	return 0;
}

/* DNS rebinding: a web page can make a browser send this server requests
 * under a name of the page's choosing, so without a token only known
 * names are answered (the Host header without its port; any case). */
static int host_allowed(const struct serve_policy *pol, const char *host)
{
	size_t n;
	if (host[0] == '[') {
		const char *e = strchr(host, ']');
		if (!e)
			return 0;
		n = (size_t)(e - host) + 1;
	} else {
		n = strcspn(host, ":");
	}
	const char *port = host + n; /* "" or ":" and digits */
	if (*port && (*port != ':' || port[1 + strspn(port + 1, "0123456789")]))
		return 0;
	for (unsigned i = 0; i < pol->nhosts; i++)
		if (strlen(pol->hosts[i]) == n && !strncasecmp(pol->hosts[i], host, n))
			return 1;
	return 0;
}

/* The JSON error body; `msg` is our own text, safe in a JSON string.
 * Made without allocating (serve_decide never fails), so not by jsonw:
 * one line, in the layout jansson gives without JSON_INDENT. */
static void error(struct serve_answer *ans, unsigned code, const char *msg)
{
	ans->what = SERVE_ERROR;
	ans->code = code;
	snprintf(ans->body, sizeof ans->body, "{\"schema_version\": %d, \"error\": \"%s\"}\n",
		 BATON_JSON_SCHEMA, msg);
}

/* Up to n - 1 bytes of what a client sent, with every byte that a JSON
 * string or a terminal would take as syntax shown as '?'. */
static void shown(char *dst, size_t n, const char *src)
{
	size_t i = 0;
	for (; src[i] && i < n - 1; i++) {
		unsigned char c = (unsigned char)src[i];
		dst[i] = (char)(c < 0x20 || c >= 0x7f || c == '"' || c == '\\' ? '?' : c);
	}
	dst[i] = 0;
}

/* Where `?token=` redirects: the same path without the query, or "/" when
 * the path is not plainly one of ours (never "//host", which a browser
 * would take for another site). */
static void redirect(const struct serve_policy *pol, const struct serve_request *req,
		     struct serve_answer *ans)
{
	const char *p = req->path;
	int plain = p[0] == '/' && p[1] != '/' && p[1] != '\\' && strlen(p) <= SERVE_MAX_URL;
	for (const char *q = p; plain && *q; q++)
		plain = (*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
			(*q >= '0' && *q <= '9') || strchr("/-._~", *q);
	ans->what = SERVE_REDIRECT;
	ans->code = 303;
	snprintf(ans->location, sizeof ans->location, "%s", plain ? p : "/");
	snprintf(ans->set_cookie, sizeof ans->set_cookie,
		 "%s=%s; Path=/; HttpOnly; SameSite=Strict%s", pol->cookie, pol->token,
		 pol->tls ? "; Secure" : "");
}

/* The bearer token of an Authorization header, or NULL. */
static const char *bearer(const char *h)
{
	while (*h == ' ' || *h == '\t')
		h++;
	if (strncasecmp(h, "Bearer", 6) || (h[6] != ' ' && h[6] != '\t'))
		return NULL;
	h += 6;
	while (*h == ' ' || *h == '\t')
		h++;
	return h;
}

/* 1 when the request may go on; otherwise `ans` is its refusal. */
static int authorized(const struct serve_policy *pol, const struct serve_request *req,
		      struct serve_answer *ans)
{
	if (req->query_token) {
		if (serve_token_equal(pol->token, req->query_token)) {
			redirect(pol, req, ans);
			return 0;
		}
		error(ans, 403, "the token in the URL is wrong");
		return 0;
	}
	const char *b = req->authorization ? bearer(req->authorization) : NULL;
	if (b) {
		if (serve_token_equal(pol->token, b))
			return 1;
		error(ans, 403, "the bearer token is wrong");
		return 0;
	}
	if (req->cookie_token) {
		if (serve_token_equal(pol->token, req->cookie_token))
			return 1;
		error(ans, 403, "the token cookie is wrong; open the URL with ?token= again");
		return 0;
	}
	error(ans, 401,
	      "this server needs its access token: open the URL baton serve printed "
	      "(with ?token=) or send Authorization: Bearer TOKEN");
	ans->www_authenticate = 1;
	return 0;
}

void serve_decide(const struct serve_policy *pol, const struct serve_request *req,
		  int have_data, struct serve_answer *ans)
{
	memset(ans, 0, sizeof *ans);
	const char *path = req->path ? req->path : "";
	if (!req->method || (strcmp(req->method, "GET") && strcmp(req->method, "HEAD"))) {
		error(ans, 405, "only GET and HEAD");
		ans->allow = 1;
		return;
	}
	if (req->has_body) {
		error(ans, 413, "no request body allowed");
		return;
	}
	if (strlen(path) > SERVE_MAX_URL) {
		error(ans, 414, "URL too long");
		return;
	}
	for (const char *q = path; *q; q++)
		if ((unsigned char)*q < 0x20 || *q == 0x7f) {
			error(ans, 400, "control character in the path");
			return;
		}
	if (pol->token) {
		/* The token keeps other web pages out as the Host check
		 * would: their browser holds no cookie for this server. */
		if (!authorized(pol, req, ans))
			return;
	} else if (req->host && !host_allowed(pol, req->host)) {
		char host[61], msg[160];
		shown(host, sizeof host, req->host);
		snprintf(msg, sizeof msg,
			 "Host '%s' is not this server; start baton serve with --allow-host to answer it",
			 host);
		error(ans, 421, msg);
		return;
	}

	static const struct {
		const char *path;
		enum serve_what what;
	} routes[] = {
		{"/", SERVE_PAGE},
		{"/index.html", SERVE_PAGE},
		{"/api/version", SERVE_VERSION},
		{"/api/schedule", SERVE_SCHEDULE},
		{"/api/forecast", SERVE_FORECAST},
		{"/api/status", SERVE_STATUS},
		{"/api/risks", SERVE_RISKS},
	};
	for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
		if (strcmp(path, routes[i].path))
			continue;
		ans->what = routes[i].what;
		ans->code = 200;
		if (ans->what >= SERVE_SCHEDULE && !have_data) {
			ans->what = SERVE_PLAN_ERROR;
			ans->code = 422;
		}
		return;
	}
	error(ans, 404, "not found");
}
