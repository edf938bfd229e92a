/*
 * serve.h: the parts of `baton serve` (cmd_serve.c), one concern a file:
 *
 *   serve_http.c   what a request gets: method, path, Host, token -> a
 *                  status code and which body; no sockets, so the fuzz
 *                  target tests/fuzz/fuzz_http.c drives it as it is
 *
 * docs/serve.md describes the limits and the security model.
 */
#ifndef BT_SERVE_H
#define BT_SERVE_H

#include <stddef.h>

#define SERVE_MAX_URL 1024      /* longer: 414 */
#define SERVE_MAX_HOSTS 16      /* --allow-host names */
#define SERVE_TOKEN_MIN 16      /* characters in a --token-file token */
#define SERVE_TOKEN_MAX 256

/*======================= Deciding a request ========================*/

/* How requests are checked; set up once before the server starts, then
 * read by every request thread. */
struct serve_policy {
	const char *hosts[SERVE_MAX_HOSTS + 4]; /* Host names answered (no token) */
	unsigned nhosts;
	const char *token;  /* the access token, or NULL when none is needed */
	const char *cookie; /* the token cookie's name ("baton_token_PORT") */
	int tls;            /* 1: the cookie is Secure */
};

/* What libmicrohttpd parsed out of one request; all borrowed, NULL when
 * absent. */
struct serve_request {
	const char *method;
	const char *path;          /* decoded by serve_unescape, no query */
	const char *host;          /* Host header */
	const char *authorization; /* Authorization header */
	const char *cookie_token;  /* the value of the policy's cookie */
	const char *query_token;   /* the value of ?token= */
	int has_body;              /* Content-Length, Transfer-Encoding or bytes */
};

enum serve_what {
	SERVE_ERROR,      /* body: the JSON error in answer.body */
	SERVE_REDIRECT,   /* 303 to answer.location with answer.set_cookie */
	SERVE_PAGE,       /* the live page */
	SERVE_VERSION,    /* /api/version */
	SERVE_SCHEDULE,   /* /api/schedule, and so on: 200 with the data */
	SERVE_FORECAST,
	SERVE_STATUS,
	SERVE_RISKS,
	SERVE_PLAN_ERROR, /* an /api/ data path while no plan version has
			     parsed: 422 with the diagnostics */
};

struct serve_answer {
	enum serve_what what;
	unsigned code;                  /* the HTTP status */
	int allow;                      /* 405: send Allow: GET, HEAD */
	int www_authenticate;           /* 401: send WWW-Authenticate: Bearer */
	char body[320];                 /* SERVE_ERROR: {"error": "..."} */
	char location[SERVE_MAX_URL + 1];       /* SERVE_REDIRECT */
	char set_cookie[SERVE_TOKEN_MAX + 128]; /* SERVE_REDIRECT */
};

/* Decide what `req` gets. `have_data`: some version of the plan parsed,
 * so the API has data to serve. Never fails; fills every field of `ans`
 * that its `what` needs. */
void serve_decide(const struct serve_policy *pol, const struct serve_request *req,
		  int have_data, struct serve_answer *ans);

/* Decode %XX in place, as libmicrohttpd's default does, except that a
 * decoded NUL becomes 0x7f so it cannot end the path early (it is then a
 * control byte, 400). Returns the new length. */
size_t serve_unescape(char *s);

/* 1 when `given` is the token, in time that does not depend on where
 * they differ. */
int serve_token_equal(const char *token, const char *given);

/* 0 when `t` can be a token (SERVE_TOKEN_MIN to SERVE_TOKEN_MAX
 * characters that a cookie value and a URL carry as they are), else -1. */
int serve_token_check(const char *t);

#endif
