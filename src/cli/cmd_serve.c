/*
 * cmd_serve.c: `baton serve [options] PLAN`: the report as a live page
 * that reloads when the plan file changes, and a read-only JSON API
 * (docs/commands.md, "baton serve"; the limits and the security model in
 * docs/serve.md). The server lives in the CLI because the library never
 * does I/O. This file reads the options, the token and the TLS identity,
 * opens the socket and runs libmicrohttpd; serve_http.c decides what each
 * request gets, serve_views.c rebuilds the outputs off the request path
 * and serve_conn.c bounds the time a request may take to arrive.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <netdb.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <gnutls/gnutls.h>
#include <microhttpd.h>

#include "cmd.h"
#include "opts.h"
#include "serve.h"

static const char usage_text[] =
	"usage: baton serve [options] PLAN\n"
	"\n"
	"Serve the report (`baton report`) as a live page that reloads within a\n"
	"second when PLAN changes, and a read-only JSON API: /api/schedule,\n"
	"/api/forecast, /api/status, /api/risks, /api/version. Only the plan's\n"
	"own data is served. A change is computed in the background while the\n"
	"last good version is served; a plan with errors shows its diagnostics.\n"
	"Stops on Ctrl-C (SIGINT) or SIGTERM. Limits and security: docs/serve.md.\n"
	"\n"
	"  --listen HOST:PORT  where to listen (default 127.0.0.1:8080; port 0:\n"
	"                      any free port, printed on standard error). An\n"
	"                      address other than loopback needs TLS (or\n"
	"                      --insecure) and always an access token\n"
	"  --runs N            Monte Carlo runs per build (default 2,000; 0: none)\n"
	"  --allow-host NAME   also answer requests for this Host name (repeatable);\n"
	"                      without a token only the listen address, localhost,\n"
	"                      127.0.0.1 and [::1] are answered, so that no web page\n"
	"                      can read the plan through a DNS-rebinding name (421)\n"
	"  --token             require an access token on loopback too (generated,\n"
	"                      printed at start in the URL to open)\n"
	"  --token-file FILE   the access token is FILE's first line (16 to 256\n"
	"                      characters); requires it on any address\n"
	"  --tls-cert FILE     serve HTTPS with this PEM certificate (chain) ...\n"
	"  --tls-key FILE      ... and this PEM private key\n"
	"  --insecure          allow a non-loopback address without TLS (the token\n"
	"                      then crosses the network in clear)\n"
	"  -h, --help          this text\n";

#define SERVE_CONNECTIONS 1024   /* at once, all clients */
#define SERVE_PER_IP 256         /* at once, from one address */
#define SERVE_IDLE_SECONDS 10    /* a connection that sends nothing */
#define SERVE_REQUEST_SECONDS 10 /* a request must arrive whole in this */
#define SERVE_THREADS 4          /* libmicrohttpd's thread pool */
#define SERVE_MAX_FILE (64 * 1024) /* token, certificate and key files */

struct serve {
	struct serve_policy pol;
	struct serve_builder build;
	struct serve_conns conns;
};

/*============================ Requests =============================*/

/* The headers every response carries: nothing is cached, nothing is
 * sniffed, no referrer leaves, and the page may run only its own inline
 * style and script and fetch only from this server. */
static void add_headers(struct MHD_Response *r, const char *type)
{
	MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "Cache-Control", "no-store");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "Content-Security-Policy",
				"default-src 'none'; style-src 'unsafe-inline'; "
				"script-src 'unsafe-inline'; connect-src 'self'; img-src data:; "
				"frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
}

static const char json_type[] = "application/json; charset=utf-8";

/* An answer that is not the plan's data: an error or the token redirect. */
static enum MHD_Result reply_small(struct MHD_Connection *c, const struct serve_answer *a)
{
	const char *body = a->what == SERVE_REDIRECT ? "" : a->body;
	struct MHD_Response *r = MHD_create_response_from_buffer(strlen(body), (void *)body,
								  MHD_RESPMEM_MUST_COPY);
	if (!r)
		return MHD_NO;
	add_headers(r, json_type);
	if (a->allow)
		MHD_add_response_header(r, "Allow", "GET, HEAD");
	if (a->www_authenticate)
		MHD_add_response_header(r, "WWW-Authenticate", "Bearer realm=\"baton\"");
	if (a->what == SERVE_REDIRECT) {
		MHD_add_response_header(r, "Location", a->location);
		MHD_add_response_header(r, "Set-Cookie", a->set_cookie);
	}
	enum MHD_Result ret = MHD_queue_response(c, a->code, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
			      const char *method, const char *version, const char *upload_data,
			      size_t *upload_data_size, void **con_cls)
{
	struct serve *s = cls;
	static int headers_seen;
	(void)version;
	(void)upload_data;
	int has_body = *upload_data_size ||
		       MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length") ||
		       MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Transfer-Encoding");
	if (!*con_cls) {
		/* The first call comes with the headers. An answer queued now
		 * would close the connection (libmicrohttpd takes it as given
		 * before the request ended), so a request without a body is
		 * answered on the second call and the connection kept alive;
		 * one with a body is refused now, and closed. */
		serve_conns_answering(c);
		if (!has_body) {
			*con_cls = &headers_seen;
			return MHD_YES;
		}
	}
	*con_cls = NULL;
	struct serve_request req = {
		.method = method,
		.path = url,
		.host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host"),
		.authorization = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization"),
		.cookie_token = s->pol.token ? MHD_lookup_connection_value(c, MHD_COOKIE_KIND, s->pol.cookie) : NULL,
		.query_token = s->pol.token ? MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "token") : NULL,
		.has_body = has_body,
	};
	struct serve_view *v = serve_view_get(&s->build);
	struct serve_answer a;
	serve_decide(&s->pol, &req, serve_view_has_data(v), &a);
	enum MHD_Result ret;
	if (a.what == SERVE_ERROR || a.what == SERVE_REDIRECT) {
		ret = reply_small(c, &a);
	} else {
		struct MHD_Response *r = serve_view_response(v, a.what);
		if (r) {
			add_headers(r, a.what == SERVE_PAGE ? "text/html; charset=utf-8" : json_type);
			ret = MHD_queue_response(c, a.code, r);
			MHD_destroy_response(r);
		} else {
			struct serve_answer oom = {.what = SERVE_ERROR, .code = 500};
			snprintf(oom.body, sizeof oom.body, "{\"schema_version\": %d, \"error\": \"out of memory\"}\n",
				 BATON_JSON_SCHEMA);
			ret = reply_small(c, &oom);
		}
	}
	serve_view_put(v);
	return ret;
}

static size_t unescape(void *cls, struct MHD_Connection *c, char *s)
{
	(void)cls;
	(void)c;
	return serve_unescape(s);
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	(void)fmt;
	(void)ap; /* MHD's own messages (a client that went away) are noise */
}

/*============================== Setup ==============================*/

/* A small file whole, NUL-terminated; NULL after printing why (exit 2). */
static char *read_small(const char *what, const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "baton serve: cannot read %s '%s': %s\n", what, path, strerror(errno));
		return NULL;
	}
	char *buf = malloc(SERVE_MAX_FILE + 1);
	size_t n = buf ? fread(buf, 1, SERVE_MAX_FILE + 1, f) : 0;
	int err = ferror(f);
	fclose(f);
	if (!buf || err || n > SERVE_MAX_FILE || n == 0) {
		fprintf(stderr, "baton serve: cannot read %s '%s': %s\n", what, path,
			!buf ? "out of memory" : err ? "read error" : n ? "over 64 KiB" : "it is empty");
		free(buf);
		return NULL;
	}
	buf[n] = 0;
	return buf;
}

/* The token of --token-file: its first line, trimmed. */
static char *read_token(const char *path)
{
	char *t = read_small("--token-file", path);
	if (!t)
		return NULL;
	char *s = t + strspn(t, " \t");
	s[strcspn(s, "\r\n")] = 0;
	for (size_t n = strlen(s); n && (s[n - 1] == ' ' || s[n - 1] == '\t'); n--)
		s[n - 1] = 0;
	if (serve_token_check(s)) {
		fprintf(stderr,
			"baton serve: %s:1: the token must be %d to %d characters, none of them "
			"a space or one of \";,\\%%&+#?=/\n",
			path, SERVE_TOKEN_MIN, SERVE_TOKEN_MAX);
		free(t);
		return NULL;
	}
	memmove(t, s, strlen(s) + 1);
	return t;
}

/* 32 random bytes as hex; NULL when the system has no randomness. */
static char *new_token(void)
{
	unsigned char r[32];
	size_t got = 0;
	while (got < sizeof r) {
		ssize_t n = getrandom(r + got, sizeof r - got, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return NULL;
		got += (size_t)n;
	}
	char *t = malloc(2 * sizeof r + 1);
	if (!t)
		return NULL;
	for (size_t i = 0; i < sizeof r; i++)
		snprintf(t + 2 * i, 3, "%02x", r[i]);
	return t;
}

/* GnuTLS says whether the certificate and key make a TLS identity (and
 * match) before the server starts, so a mistake is reported by name. */
static int check_tls(const char *cert_path, const char *cert, const char *key_path,
		     const char *key)
{
	gnutls_certificate_credentials_t cred;
	if (gnutls_certificate_allocate_credentials(&cred) < 0) {
		fprintf(stderr, "baton serve: cannot set up TLS\n");
		return -1;
	}
	gnutls_datum_t c = {(unsigned char *)cert, (unsigned)strlen(cert)};
	gnutls_datum_t k = {(unsigned char *)key, (unsigned)strlen(key)};
	int rc = gnutls_certificate_set_x509_key_mem(cred, &c, &k, GNUTLS_X509_FMT_PEM);
	gnutls_certificate_free_credentials(cred);
	if (rc < 0) {
		fprintf(stderr, "baton serve: --tls-cert '%s' and --tls-key '%s' are not a PEM "
				"certificate and its private key: %s\n",
			cert_path, key_path, gnutls_strerror(rc));
		return -1;
	}
	return 0;
}

static int parse_listen(const char *arg, struct sockaddr_storage *ss, socklen_t *sslen)
{
	char host[256];
	const char *colon = strrchr(arg, ':');
	if (!colon || colon == arg || (size_t)(colon - arg) >= sizeof host)
		return -1;
	size_t hn = (size_t)(colon - arg);
	memcpy(host, arg, hn);
	host[hn] = 0;
	if (host[0] == '[' && hn > 2 && host[hn - 1] == ']') {
		memmove(host, host + 1, hn - 2);
		host[hn - 2] = 0;
	}
	long port;
	if (cli_parse_long(colon + 1, 0, 65535, &port))
		return -1;
	struct addrinfo hints, *res = NULL;
	memset(&hints, 0, sizeof hints);
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICSERV;
	if (getaddrinfo(host, colon + 1, &hints, &res) || !res)
		return -1;
	memcpy(ss, res->ai_addr, res->ai_addrlen);
	*sslen = res->ai_addrlen;
	freeaddrinfo(res);
	return 0;
}

static int is_loopback(const struct sockaddr_storage *ss)
{
	if (ss->ss_family == AF_INET)
		return (ntohl(((const struct sockaddr_in *)ss)->sin_addr.s_addr) >> 24) == 127;
	if (ss->ss_family == AF_INET6) {
		const struct in6_addr *a = &((const struct sockaddr_in6 *)ss)->sin6_addr;
		return IN6_IS_ADDR_LOOPBACK(a) || (IN6_IS_ADDR_V4MAPPED(a) && a->s6_addr[12] == 127);
	}
	return 0;
}

static int any_address(const struct sockaddr_storage *ss)
{
	if (ss->ss_family == AF_INET)
		return ((const struct sockaddr_in *)ss)->sin_addr.s_addr == htonl(INADDR_ANY);
	return ss->ss_family == AF_INET6 &&
	       IN6_IS_ADDR_UNSPECIFIED(&((const struct sockaddr_in6 *)ss)->sin6_addr);
}

/* The listening socket, bound here so that a bind error says why and the
 * port (for port 0) is known before the first request: the token cookie
 * is named after it. -1 after printing why. */
static int open_listener(const char *listen_arg, const struct sockaddr_storage *ss,
			 socklen_t sslen, unsigned *port)
{
	int fd = socket(ss->ss_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	int one = 1;
	if (fd >= 0)
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (fd < 0 || bind(fd, (const struct sockaddr *)ss, sslen) || listen(fd, 1024)) {
		fprintf(stderr, "baton serve: cannot listen on %s: %s\n", listen_arg, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	struct sockaddr_storage bound;
	socklen_t blen = sizeof bound;
	*port = 0;
	if (getsockname(fd, (struct sockaddr *)&bound, &blen) == 0)
		*port = ntohs(bound.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&bound)->sin6_port
							 : ((struct sockaddr_in *)&bound)->sin_port);
	return fd;
}

/* Connections need descriptors: raise the soft limit toward the hard one
 * and keep the connection limit under it. */
static unsigned connection_limit(void)
{
	struct rlimit rl;
	rlim_t want = SERVE_CONNECTIONS + 64;
	if (getrlimit(RLIMIT_NOFILE, &rl))
		return 64;
	if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < want) {
		rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > want ? want : rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
		getrlimit(RLIMIT_NOFILE, &rl);
	}
	if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur >= want)
		return SERVE_CONNECTIONS;
	return rl.rlim_cur > 128 ? (unsigned)(rl.rlim_cur - 64) : 64;
}

/*============================== Main ===============================*/

int cmd_serve(int argc, char **argv)
{
	static const struct option opts[] = {
		{"listen", required_argument, NULL, 'l'},
		{"runs", required_argument, NULL, 'n'},
		{"allow-host", required_argument, NULL, 'a'},
		{"token", no_argument, NULL, 't'},
		{"token-file", required_argument, NULL, 'T'},
		{"tls-cert", required_argument, NULL, 'C'},
		{"tls-key", required_argument, NULL, 'K'},
		{"insecure", no_argument, NULL, 'I'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *name = "serve";
	const char *listen_arg = "127.0.0.1:8080";
	const char *token_file = NULL, *cert_file = NULL, *key_file = NULL;
	int want_token = 0, insecure = 0;
	long runs = 2000;
	const char *allow[SERVE_MAX_HOSTS];
	unsigned nallow = 0;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'l': listen_arg = optarg; break;
		case 'n':
			if (cli_opt_runs(name, optarg, 0, 1000000L, &runs))
				return BATON_EXIT_INPUT;
			break;
		case 'a':
			if (!*optarg || strpbrk(optarg, " /:@\"\\"))
				return cli_usage_error(name, "--allow-host takes a host name like team-box.example, not '%s'", optarg);
			if (nallow == SERVE_MAX_HOSTS)
				return cli_usage_error(name, "at most %d --allow-host names", SERVE_MAX_HOSTS);
			allow[nallow++] = optarg;
			break;
		case 't': want_token = 1; break;
		case 'T': token_file = optarg; break;
		case 'C': cert_file = optarg; break;
		case 'K': key_file = optarg; break;
		case 'I': insecure = 1; break;
		case 'h': fputs(usage_text, stdout); return BATON_EXIT_OK;
		default: return cli_usage_error(name, "%s", cli_bad_option(argv));
		}
	}
	if (optind != argc - 1)
		return cli_usage_error(name, "expected one PLAN file");
	const char *path = argv[optind];
	if (!strcmp(path, "-"))
		return cli_usage_error(name, "the plan must be a file (it is watched for changes)");
	if (!cert_file != !key_file)
		return cli_usage_error(name, "--tls-cert and --tls-key go together");
	struct sockaddr_storage ss;
	socklen_t sslen = 0;
	memset(&ss, 0, sizeof ss);
	if (parse_listen(listen_arg, &ss, &sslen))
		return cli_usage_error(name, "--listen takes HOST:PORT (like 127.0.0.1:8080), not '%s'", listen_arg);
	int loopback = is_loopback(&ss);
	if (!loopback && !cert_file && !insecure)
		return cli_usage_error(name,
				       "'%s' is not a loopback address: give --tls-cert and --tls-key so "
				       "the page and its access token are not sent in clear, or "
				       "--insecure to serve plain HTTP anyway",
				       listen_arg);
	struct stat pst;
	if (stat(path, &pst) != 0) {
		fprintf(stderr, "baton: cannot read '%s': %s\n", path, strerror(errno));
		return BATON_EXIT_INPUT;
	}

	int rc = BATON_EXIT_INPUT;
	char *token = NULL, *cert = NULL, *key = NULL;
	int lfd = -1;
	struct serve s;
	memset(&s, 0, sizeof s);
	if (token_file) {
		if (!(token = read_token(token_file)))
			goto out;
	} else if (want_token || !loopback) {
		if (!(token = new_token())) {
			fprintf(stderr, "baton serve: cannot make an access token: %s\n", strerror(errno));
			rc = BATON_EXIT_FAIL;
			goto out;
		}
	}
	if (cert_file) {
		if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
			fprintf(stderr, "baton serve: this libmicrohttpd was built without TLS\n");
			rc = BATON_EXIT_FAIL;
			goto out;
		}
		if (!(cert = read_small("--tls-cert", cert_file)) ||
		    !(key = read_small("--tls-key", key_file)) ||
		    check_tls(cert_file, cert, key_file, key))
			goto out;
	}

	/* The names answered without a token: loopback's, the listen address
	 * as written (with brackets for IPv6), and --allow-host. */
	char listen_host[256];
	snprintf(listen_host, sizeof listen_host, "%.*s",
		 (int)(strrchr(listen_arg, ':') - listen_arg), listen_arg);
	s.pol.hosts[s.pol.nhosts++] = "localhost";
	s.pol.hosts[s.pol.nhosts++] = "127.0.0.1";
	s.pol.hosts[s.pol.nhosts++] = "[::1]";
	s.pol.hosts[s.pol.nhosts++] = listen_host;
	for (unsigned i = 0; i < nallow; i++)
		s.pol.hosts[s.pol.nhosts++] = allow[i];
	s.pol.token = token;
	s.pol.tls = cert != NULL;

	unsigned port = 0;
	rc = BATON_EXIT_FAIL;
	lfd = open_listener(listen_arg, &ss, sslen, &port);
	if (lfd < 0)
		goto out;
	/* Cookies do not keep ports apart: two servers on one host each
	 * need their own cookie name. */
	char cookie[32];
	snprintf(cookie, sizeof cookie, "baton_token_%u", port);
	s.pol.cookie = cookie;

	/* Stop signals are taken by sigwait below, in this thread only
	 * (every thread started from here inherits the mask); a peer that
	 * goes away mid-response must not end the process. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	struct sigaction ign;
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &ign, NULL);

	if (serve_builder_init(&s.build, path, runs)) {
		fprintf(stderr, "baton serve: out of memory\n");
		goto out;
	}
	if (serve_conns_start(&s.conns, SERVE_REQUEST_SECONDS) || serve_builder_start(&s.build)) {
		fprintf(stderr, "baton serve: cannot start threads\n");
		goto stopped;
	}

	unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ERROR_LOG;
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	if (cert)
		flags |= MHD_USE_TLS;
	unsigned limit = connection_limit();
	struct MHD_Daemon *d = MHD_start_daemon(
		flags, 0, NULL, NULL, handle, &s,
		MHD_OPTION_LISTEN_SOCKET, lfd,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)SERVE_THREADS,
		MHD_OPTION_CONNECTION_LIMIT, limit,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, limit < SERVE_PER_IP ? limit : (unsigned)SERVE_PER_IP,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)SERVE_IDLE_SECONDS,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(32 * 1024),
		MHD_OPTION_NOTIFY_CONNECTION, serve_conns_notify, &s.conns,
		MHD_OPTION_NOTIFY_COMPLETED, serve_conns_completed, &s.conns,
		MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
		MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL,
		cert ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, cert,
		MHD_OPTION_HTTPS_MEM_KEY, key,
		MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "baton serve: cannot start the server on %s\n", listen_arg);
	} else {
		lfd = -1; /* the daemon's now */
		const char *scheme = cert ? "https" : "http";
		fprintf(stderr, "serving %s on %s://%s:%u\n", path, scheme, listen_host, port);
		/* On every address, the URL to open names this machine. */
		char url_host[256];
		if (!any_address(&ss) || gethostname(url_host, sizeof url_host - 1))
			snprintf(url_host, sizeof url_host, "%s", listen_host);
		url_host[sizeof url_host - 1] = 0;
		if (token && !token_file)
			fprintf(stderr, "open %s://%s:%u/?token=%s (the access token; "
					"Authorization: Bearer works too)\n",
				scheme, url_host, port, token);
		else if (token)
			fprintf(stderr, "the access token is the one in %s (open /?token=TOKEN once, "
					"or send Authorization: Bearer TOKEN)\n",
				token_file);
		fflush(stderr);
		int sig = 0;
		sigwait(&stop, &sig);
		fprintf(stderr, "baton serve: stopping (%s)\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
		MHD_stop_daemon(d);
		rc = BATON_EXIT_OK;
	}
	pthread_sigmask(SIG_UNBLOCK, &stop, NULL);
stopped:
	serve_conns_stop(&s.conns);
	serve_builder_free(&s.build);
out:
	if (lfd >= 0)
		close(lfd);
	free(token);
	free(cert);
	free(key);
	return rc;
}
