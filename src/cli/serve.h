/*
 * serve.h: the parts of `baton serve` (cmd_serve.c), one concern a file:
 *
 *   serve_http.c   what a request gets: method, path, Host, token -> a
 *                  status code and which body; no sockets, so the fuzz
 *                  target tests/fuzz/fuzz_http.c drives it as it is
 *   serve_views.c  the outputs of each plan version, rebuilt by a
 *                  background thread; requests are answered from the last
 *                  good one (a refcounted view) while a newer one builds
 *   serve_conn.c   the whole-request deadline: a connection that has not
 *                  sent a complete request in SERVE_REQUEST_SECONDS is cut
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
	char body[320];                 /* SERVE_ERROR: {"schema_version": 1, "error": "..."} */
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

/*====================== Views and the builder ======================*/

/* What follows needs libmicrohttpd's types: visible where microhttpd.h
 * was included first (not in the fuzz target). */
#ifdef MHD_VERSION

#include <pthread.h>
#include <stdint.h>
#include <sys/stat.h>

struct serve_view;   /* what requests are answered from (serve_views.c) */
struct serve_result; /* one built version of the plan */

/* The plan, the view requests read, and the thread that rebuilds it. */
struct serve_builder {
	const char *path;           /* the plan (borrowed) */
	long runs;                  /* Monte Carlo runs per build */
	pthread_mutex_t lock;       /* guards `view` only, held briefly */
	struct serve_view *view;    /* the current view */
	/* The builder thread's own. */
	pthread_t thread;
	int started;
	pthread_mutex_t wake_lock;  /* guards `stop` */
	pthread_cond_t wake;
	int stop;
	struct stat st;             /* the plan's stat at the last look */
	int have_st;
	uint64_t hash;              /* of its contents (0: unreadable) */
	unsigned long version;      /* grows with every change of contents */
	struct serve_result *good;  /* the last version that was shown */
	struct serve_result *latest; /* the newest version built */
};

/* Build the first version (its diagnostics on stderr) before serving.
 * 0, or -1 when memory ran out (nothing to free then). */
int serve_builder_init(struct serve_builder *b, const char *path, long runs);
/* Start the thread that rebuilds on a change. 0, or -1. */
int serve_builder_start(struct serve_builder *b);
/* Stop the thread (after a build in progress ends) and free everything;
 * views still held by responses go with them. */
void serve_builder_free(struct serve_builder *b);

/* The current view, with a reference: give it back with serve_view_put. */
struct serve_view *serve_view_get(struct serve_builder *b);
void serve_view_put(struct serve_view *v);
/* 1 when some version of the plan has data to serve (else the API says
 * 422 with the diagnostics). */
int serve_view_has_data(const struct serve_view *v);
/* A response with the view's body for `what` (SERVE_PAGE, SERVE_VERSION,
 * the data paths, SERVE_PLAN_ERROR), sent without a copy: it holds the
 * view until sent. Carries Baton-Plan-State and Baton-Served-Version.
 * NULL when memory runs out. */
struct MHD_Response *serve_view_response(struct serve_view *v, enum serve_what what);

/*====================== The request deadline =======================*/

struct serve_conn;

/* Every open connection, with when its current request began. */
struct serve_conns {
	pthread_mutex_t lock;       /* guards the list; shutdown() under it */
	struct serve_conn *head;
	unsigned seconds;           /* a request must arrive whole in this */
	pthread_t thread;
	int started;
	pthread_cond_t wake;
	int stop;
	unsigned long cut;          /* connections cut, for the log */
};

int serve_conns_start(struct serve_conns *t, unsigned seconds);
void serve_conns_stop(struct serve_conns *t);
/* For MHD_OPTION_NOTIFY_CONNECTION, MHD_OPTION_NOTIFY_COMPLETED and the
 * request handler's first call, with the serve_conns as cls. */
void serve_conns_notify(void *cls, struct MHD_Connection *c, void **socket_context,
			enum MHD_ConnectionNotificationCode toe);
void serve_conns_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			   enum MHD_RequestTerminationCode toe);
void serve_conns_answering(struct MHD_Connection *c);

/* Wait on `c` (its mutex `m` held) at most `ms` milliseconds: the one
 * periodic wait of the server's threads (the sweep and the builder). */
void serve_wait_ms(pthread_cond_t *c, pthread_mutex_t *m, long ms);

#endif /* MHD_VERSION */
#endif
