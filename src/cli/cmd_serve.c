/*
 * cmd_serve.c: `baton serve [--listen HOST:PORT] PLAN`: the report as a
 * live page that reloads when the plan file changes, and a read-only JSON
 * API (docs/commands.md, "baton serve"). The server lives in the CLI
 * because the library never does I/O; it serves only what it renders from
 * the plan (no files, no directories), GET and HEAD only, with connection,
 * size and time limits. A plan that stops parsing shows its diagnostics on
 * the page and in the API (422) until it parses again.
 */
#include <errno.h>
#include <getopt.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <microhttpd.h>

#include "cmd.h"

static const char usage_text[] =
	"usage: baton serve [options] PLAN\n"
	"\n"
	"Serve the report (`baton report`) as a live page that reloads within a\n"
	"second when PLAN changes, and a read-only JSON API: /api/schedule,\n"
	"/api/forecast, /api/status, /api/risks, /api/version. Only the plan's\n"
	"own data is served; a plan with errors shows its diagnostics instead.\n"
	"Stops on Ctrl-C (SIGINT) or SIGTERM.\n"
	"\n"
	"  --listen HOST:PORT  where to listen (default 127.0.0.1:8080; port 0:\n"
	"                      any free port, printed on standard error)\n"
	"  --runs N            Monte Carlo runs per reload (default 2,000; 0: none)\n"
	"  --allow-host NAME   also answer requests for this Host name (repeatable);\n"
	"                      by default only the listen address, localhost,\n"
	"                      127.0.0.1 and [::1], so that no web page can read\n"
	"                      the plan through a DNS-rebinding name (421 otherwise)\n"
	"  -h, --help          this text\n";

#define SERVE_MAX_URL 1024            /* longer: 414 */
#define SERVE_MAX_PLAN (16u << 20)    /* a bigger plan file is an error */
#define SERVE_TIMEOUT 10              /* seconds idle per connection */
#define SERVE_CONNECTIONS 64
#define SERVE_MAX_HOSTS 16            /* --allow-host names */

struct serve_state {
	const char *path;
	long runs;
	const char *hosts[SERVE_MAX_HOSTS + 5]; /* Host names answered */
	unsigned nhosts;
	pthread_mutex_t lock;
	/* What the outputs were built from. */
	int have;
	struct stat st;
	uint64_t hash;
	unsigned long version;
	/* Built outputs: on success page/schedule/forecast/status/risks;
	 * on failure page (diagnostics) and error (the API's 422 body). */
	char *page, *schedule, *forecast, *status, *risks, *error;
};

/*========================= Small string helpers ====================*/

struct sbuf {
	char *s;
	size_t n, cap;
	int oom;
};

static void sb_add(struct sbuf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->n + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->n + n + 1)
			cap *= 2;
		char *ns = realloc(b->s, cap);
		if (!ns) {
			b->oom = 1;
			return;
		}
		b->s = ns;
		b->cap = cap;
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = 0;
}

static void sb_str(struct sbuf *b, const char *s) { sb_add(b, s, strlen(s)); }

static void sb_html(struct sbuf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': sb_str(b, "&lt;"); break;
		case '>': sb_str(b, "&gt;"); break;
		case '&': sb_str(b, "&amp;"); break;
		case '"': sb_str(b, "&quot;"); break;
		case '\'': sb_str(b, "&#39;"); break;
		default: sb_add(b, s, 1);
		}
	}
}

static void sb_json_str(struct sbuf *b, const char *s)
{
	sb_str(b, "\"");
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		char esc[8];
		if (c == '"' || c == '\\') {
			esc[0] = '\\';
			esc[1] = (char)c;
			sb_add(b, esc, 2);
		} else if (c < 0x20) {
			snprintf(esc, sizeof esc, "\\u%04x", c);
			sb_str(b, esc);
		} else {
			sb_add(b, s, 1);
		}
	}
	sb_str(b, "\"");
}

static char *sb_done(struct sbuf *b)
{
	if (b->oom) {
		free(b->s);
		return NULL;
	}
	return b->s ? b->s : strdup("");
}

/*============================ Building =============================*/

/* The live script: poll /api/version twice a second, reload on a change. */
static void add_live(struct sbuf *b, unsigned long version)
{
	char v[32];
	snprintf(v, sizeof v, "%lu", version);
	sb_str(b, "<script>(function(){var v=\"");
	sb_str(b, v);
	sb_str(b, "\";function poll(){fetch(\"/api/version\",{cache:\"no-store\"})"
		  ".then(function(r){return r.json();})"
		  ".then(function(j){if(String(j.version)!==v){location.reload();}"
		  "else{setTimeout(poll,500);}})"
		  ".catch(function(){setTimeout(poll,2000);});}"
		  "setTimeout(poll,500);})();</script>\n");
}

static void free_outputs(struct serve_state *s)
{
	free(s->page);
	baton_string_free(s->schedule);
	baton_string_free(s->forecast);
	baton_string_free(s->status);
	baton_string_free(s->risks);
	free(s->error);
	s->page = s->schedule = s->forecast = s->status = s->risks = s->error = NULL;
}

/* The page and API body for a plan that cannot be shown: `text` is the
 * human diagnostics, `json` a JSON array of them (or NULL). */
static void build_failure(struct serve_state *s, const char *text, const char *json)
{
	struct sbuf b = {0};
	sb_str(&b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		   "<link rel=\"icon\" href=\"data:,\">\n<title>baton: ");
	sb_html(&b, s->path);
	sb_str(&b, " has errors</title>\n<style>body{font:15px/1.4 system-ui,sans-serif;margin:2em;color:#1f2933}"
		   "pre{background:#fde4e1;border-left:4px solid #b3261e;padding:1em;overflow:auto}</style>\n"
		   "</head>\n<body>\n<h1>The plan has errors</h1>\n<p>");
	sb_html(&b, s->path);
	sb_str(&b, " cannot be shown; this page reloads when it is fixed.</p>\n<pre class=\"diagnostics\">");
	sb_html(&b, text);
	sb_str(&b, "</pre>\n");
	add_live(&b, s->version);
	sb_str(&b, "</body>\n</html>\n");
	s->page = sb_done(&b);

	struct sbuf e = {0};
	sb_str(&e, "{\"error\": ");
	sb_json_str(&e, "the plan cannot be shown");
	sb_str(&e, ", \"message\": ");
	sb_json_str(&e, text);
	sb_str(&e, ", \"diagnostics\": ");
	sb_str(&e, json ? json : "[]");
	sb_str(&e, "}\n");
	s->error = sb_done(&e);
}

/* The report with the live script and a blank favicon (no request for
 * /favicon.ico, which would 404). */
static char *live_page(const char *html, unsigned long version)
{
	struct sbuf b = {0};
	const char *head = strstr(html, "</head>");
	const char *body = strstr(html, "</body>");
	if (!head || !body || body < head)
		return NULL;
	sb_add(&b, html, (size_t)(head - html));
	sb_str(&b, "<link rel=\"icon\" href=\"data:,\">\n");
	sb_add(&b, head, (size_t)(body - head));
	add_live(&b, version);
	sb_str(&b, body);
	return sb_done(&b);
}


static void build_plan(struct serve_state *s, baton_plan *p)
{
	const char *err = NULL;
	char msg[256];
	baton_schedule_opts so = BATON_SCHEDULE_OPTS_INIT;
	baton_schedule *sch = baton_schedule_compute(p, &so, &err);
	if (!sch) {
		build_failure(s, err ? err : "cannot schedule the plan", NULL);
		return;
	}
	s->schedule = baton_schedule_render(sch, BATON_FORMAT_JSON, 0);
	baton_schedule_free(sch);

	if (s->runs > 0) {
		baton_forecast_opts fo = BATON_FORECAST_OPTS_INIT;
		fo.runs = s->runs;
		baton_forecast *f = baton_forecast_compute(p, &fo, &err);
		if (f) {
			s->forecast = baton_forecast_render(f, BATON_FORMAT_JSON, 0);
			baton_forecast_free(f);
		} else {
			struct sbuf e = {0};
			sb_str(&e, "{\"error\": ");
			sb_json_str(&e, err ? err : "cannot forecast the plan");
			sb_str(&e, "}\n");
			s->forecast = sb_done(&e);
		}
	} else {
		s->forecast = strdup("{\"error\": \"the forecast is off (--runs 0)\"}\n");
	}

	/* The history beside the plan, when there is one, as `report` does. */
	baton_history *h = NULL;
	char *hp = cli_default_history(s->path);
	struct stat hst;
	if (hp && stat(hp, &hst) == 0) {
		char *herr = NULL;
		h = baton_history_open(hp, &herr);
		baton_string_free(herr);
	}
	free(hp);

	baton_status_opts st = BATON_STATUS_OPTS_INIT;
	st.history = h;
	st.runs = s->runs > 0 ? s->runs : -1;
	baton_assessment *a = baton_assess(p, &st, &err);
	if (!a) {
		snprintf(msg, sizeof msg, "%s", err ? err : "cannot assess the plan");
		baton_history_close(h);
		free_outputs(s);
		build_failure(s, msg, NULL);
		return;
	}
	s->status = baton_assessment_render(a, BATON_REPORT_STATUS, BATON_FORMAT_JSON, BATON_FOR_ALL, 0);
	s->risks = baton_assessment_render(a, BATON_REPORT_RISKS, BATON_FORMAT_JSON, BATON_FOR_ALL, 0);
	baton_assessment_free(a);

	baton_report_opts ro = BATON_REPORT_OPTS_INIT;
	ro.runs = s->runs > 0 ? s->runs : -1;
	ro.history = h;
	char *html = baton_report_html(p, &ro, &err);
	if (!html) {
		snprintf(msg, sizeof msg, "%s", err ? err : "cannot render the report");
		baton_history_close(h);
		free_outputs(s);
		build_failure(s, msg, NULL);
		return;
	}
	s->page = live_page(html, s->version);
	baton_string_free(html);
	baton_history_close(h);
	if (!s->page || !s->schedule || !s->forecast || !s->status || !s->risks) {
		free_outputs(s);
		build_failure(s, "out of memory", NULL);
	}
}

static char *read_plan(const char *path, size_t *len, char *why, size_t whylen)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(why, whylen, "cannot read '%s': %s", path, strerror(errno));
		return NULL;
	}
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	while (buf) {
		n += fread(buf + n, 1, cap - n, f);
		if (n < cap)
			break;
		if (cap >= SERVE_MAX_PLAN) {
			free(buf);
			buf = NULL;
			snprintf(why, whylen, "'%s' is over %u MB", path, SERVE_MAX_PLAN >> 20);
			fclose(f);
			return NULL;
		}
		char *nb = realloc(buf, cap * 2);
		if (!nb)
			free(buf);
		buf = nb;
		cap *= 2;
	}
	if (!buf || ferror(f)) {
		snprintf(why, whylen, "cannot read '%s': %s", path, buf ? strerror(errno) : "out of memory");
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

static uint64_t fnv1a(const char *p, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)p[i];
		h *= 1099511628211ull;
	}
	return h;
}

static int same_stat(const struct stat *a, const struct stat *b)
{
	return a->st_ino == b->st_ino && a->st_dev == b->st_dev && a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
	       a->st_ctim.tv_sec == b->st_ctim.tv_sec && a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

/* Rebuild the outputs when the plan file changed. Call with the lock. */
static void refresh(struct serve_state *s)
{
	struct stat st;
	char why[512];
	if (stat(s->path, &st) != 0) {
		memset(&st, 0, sizeof st);
		snprintf(why, sizeof why, "cannot read '%s': %s", s->path, strerror(errno));
		if (s->have && s->hash == 0 && s->error && same_stat(&st, &s->st))
			return;
		free_outputs(s);
		s->have = 1;
		s->st = st;
		s->hash = 0;
		s->version++;
		build_failure(s, why, NULL);
		return;
	}
	if (s->have && same_stat(&st, &s->st))
		return;
	size_t len = 0;
	char *text = read_plan(s->path, &len, why, sizeof why);
	uint64_t h = text ? fnv1a(text, len) ^ 1 : 0;
	s->st = st;
	if (s->have && h == s->hash && text) {
		free(text);
		return;
	}
	free_outputs(s);
	s->have = 1;
	s->hash = h;
	s->version++;
	if (!text) {
		build_failure(s, why, NULL);
		return;
	}
	baton_plan *p = baton_plan_parse(s->path, text, len);
	free(text);
	if (!p) {
		build_failure(s, "out of memory", NULL);
		return;
	}
	if (baton_plan_errors(p)) {
		char *d = baton_plan_diagnostics(p, 0);
		char *j = baton_plan_diagnostics_json(p);
		build_failure(s, d ? d : "the plan has errors", j);
		baton_string_free(d);
		baton_string_free(j);
	} else {
		build_plan(s, p);
	}
	baton_plan_free(p);
	fprintf(stderr, "baton serve: %s %s (version %lu)\n", s->path,
		s->error ? "has errors" : "loaded", s->version);
}

/*============================ Requests =============================*/

static enum MHD_Result reply(struct MHD_Connection *c, unsigned code, const char *type,
			     const char *body)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(strlen(body), (void *)body,
								  MHD_RESPMEM_MUST_COPY);
	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "Cache-Control", "no-store");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "Content-Security-Policy",
				"default-src 'none'; style-src 'unsafe-inline'; "
				"script-src 'unsafe-inline'; connect-src 'self'; img-src data:; "
				"frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
	if (code == MHD_HTTP_METHOD_NOT_ALLOWED)
		MHD_add_response_header(r, "Allow", "GET, HEAD");
	enum MHD_Result ret = MHD_queue_response(c, code, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result reply_error(struct MHD_Connection *c, unsigned code, const char *msg)
{
	char body[256];
	snprintf(body, sizeof body, "{\"error\": \"%s\"}\n", msg);
	return reply(c, code, "application/json; charset=utf-8", body);
}

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

/* DNS rebinding: a web page can make a browser send it requests for
 * this server under a name of the page's choosing, so only known names
 * are answered (the Host header without its port; case does not count). */
static int host_allowed(const struct serve_state *s, const char *host)
{
	size_t n = strlen(host);
	if (host[0] == '[') {
		const char *e = strchr(host, ']');
		n = e ? (size_t)(e - host) + 1 : n;
	} else {
		const char *colon = strrchr(host, ':');
		if (colon && !strchr(colon + 1, ':') && colon == strchr(host, ':'))
			n = (size_t)(colon - host);
	}
	for (unsigned i = 0; i < s->nhosts; i++)
		if (strlen(s->hosts[i]) == n && !strncasecmp(s->hosts[i], host, n))
			return 1;
	return 0;
}

/* Unescape %XX in the path (as libmicrohttpd does), but keep a decoded
 * control byte visible to the handler: a NUL would end the string early
 * and serve "/api/status%00.html" as "/api/status". */
static size_t unescape(void *cls, struct MHD_Connection *c, char *str)
{
	(void)cls;
	(void)c;
	char *w = str;
	for (const char *r = str; *r; r++) {
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
	return (size_t)(w - str);
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
			      const char *method, const char *version, const char *upload_data,
			      size_t *upload_data_size, void **con_cls)
{
	struct serve_state *s = cls;
	(void)version;
	(void)upload_data;
	(void)con_cls;
	if (strcmp(method, "GET") && strcmp(method, "HEAD"))
		return reply_error(c, MHD_HTTP_METHOD_NOT_ALLOWED, "only GET and HEAD");
	if (*upload_data_size ||
	    MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length") ||
	    MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Transfer-Encoding"))
		return reply_error(c, 413, "no request body allowed");
	if (strlen(url) > SERVE_MAX_URL)
		return reply_error(c, 414, "URL too long");
	for (const char *q = url; *q; q++)
		if ((unsigned char)*q < 0x20 || *q == 0x7f)
			return reply_error(c, MHD_HTTP_BAD_REQUEST, "control character in the path");
	const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
	if (host && !host_allowed(s, host)) {
		char why[160];
		snprintf(why, sizeof why,
			 "Host '%.60s' is not this server; start baton serve with --allow-host to answer it",
			 host);
		for (char *q = why; *q; q++)
			if (*q == '"' || *q == '\\' || (unsigned char)*q < 0x20)
				*q = '?';
		return reply_error(c, 421, why);
	}

	const char *json = "application/json; charset=utf-8";
	enum MHD_Result ret;
	pthread_mutex_lock(&s->lock);
	refresh(s);
	if (!strcmp(url, "/") || !strcmp(url, "/index.html")) {
		ret = s->page ? reply(c, MHD_HTTP_OK, "text/html; charset=utf-8", s->page)
			      : reply_error(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
	} else if (!strcmp(url, "/api/version")) {
		char body[128];
		snprintf(body, sizeof body, "{\"version\": %lu, \"ok\": %s}\n", s->version,
			 s->error ? "false" : "true");
		ret = reply(c, MHD_HTTP_OK, json, body);
	} else if (!strcmp(url, "/api/schedule") || !strcmp(url, "/api/forecast") ||
		   !strcmp(url, "/api/status") || !strcmp(url, "/api/risks")) {
		const char *body = !strcmp(url, "/api/schedule") ? s->schedule
				   : !strcmp(url, "/api/forecast") ? s->forecast
				   : !strcmp(url, "/api/status")   ? s->status
								   : s->risks;
		if (s->error)
			ret = reply(c, 422, json, s->error);
		else if (body)
			ret = reply(c, MHD_HTTP_OK, json, body);
		else
			ret = reply_error(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
	} else {
		ret = reply_error(c, MHD_HTTP_NOT_FOUND, "not found");
	}
	pthread_mutex_unlock(&s->lock);
	return ret;
}

/*============================== Main ===============================*/

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	(void)fmt;
	(void)ap; /* MHD's own messages (a client that went away) are noise */
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

int cmd_serve(int argc, char **argv)
{
	static const struct option opts[] = {
		{"listen", required_argument, NULL, 'l'},
		{"runs", required_argument, NULL, 'n'},
		{"allow-host", required_argument, NULL, 'a'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *name = "serve";
	const char *listen = "127.0.0.1:8080";
	long runs = 2000;
	const char *allow[SERVE_MAX_HOSTS];
	unsigned nallow = 0;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'l': listen = optarg; break;
		case 'n':
			if (cli_parse_long(optarg, 0, 1000000L, &runs))
				return cli_usage_error(name, "--runs takes a whole number from 0 to 1000000, not '%s'", optarg);
			break;
		case 'a':
			if (!*optarg || strpbrk(optarg, " /:@\"\\"))
				return cli_usage_error(name, "--allow-host takes a host name like team-box.example, not '%s'", optarg);
			if (nallow == SERVE_MAX_HOSTS)
				return cli_usage_error(name, "at most %d --allow-host names", SERVE_MAX_HOSTS);
			allow[nallow++] = optarg;
			break;
		case 'h': fputs(usage_text, stdout); return BATON_EXIT_OK;
		default: return cli_usage_error(name, "%s", cli_bad_option(argv));
		}
	}
	if (optind != argc - 1)
		return cli_usage_error(name, "expected one PLAN file");
	const char *path = argv[optind];
	if (!strcmp(path, "-"))
		return cli_usage_error(name, "the plan must be a file (it is watched for changes)");
	struct stat pst;
	if (stat(path, &pst) != 0) {
		fprintf(stderr, "baton: cannot read '%s': %s\n", path, strerror(errno));
		return BATON_EXIT_INPUT;
	}
	struct sockaddr_storage ss;
	socklen_t sslen = 0;
	memset(&ss, 0, sizeof ss);
	if (parse_listen(listen, &ss, &sslen))
		return cli_usage_error(name, "--listen takes HOST:PORT (like 127.0.0.1:8080), not '%s'", listen);

	struct serve_state s;
	memset(&s, 0, sizeof s);
	s.path = path;
	s.runs = runs;
	/* The names answered: loopback's, the listen address as written
	 * (with brackets for IPv6), and --allow-host. */
	static char listen_host[256];
	snprintf(listen_host, sizeof listen_host, "%.*s", (int)(strrchr(listen, ':') - listen), listen);
	s.hosts[s.nhosts++] = "localhost";
	s.hosts[s.nhosts++] = "127.0.0.1";
	s.hosts[s.nhosts++] = "[::1]";
	s.hosts[s.nhosts++] = listen_host;
	for (unsigned i = 0; i < nallow; i++)
		s.hosts[s.nhosts++] = allow[i];
	pthread_mutex_init(&s.lock, NULL);
	pthread_mutex_lock(&s.lock);
	refresh(&s); /* the first build, and its diagnostics, before listening */
	pthread_mutex_unlock(&s.lock);

	/* Block the stop signals in every thread (MHD's inherits the mask);
	 * this one waits for them. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);

	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG;
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	struct MHD_Daemon *d = MHD_start_daemon(
		flags, 0, NULL, NULL, handle, &s,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)SERVE_CONNECTIONS,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)(SERVE_CONNECTIONS / 2),
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)SERVE_TIMEOUT,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(32 * 1024),
		MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
		MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL,
		MHD_OPTION_END);
	int rc = BATON_EXIT_OK;
	if (!d) {
		fprintf(stderr, "baton serve: cannot listen on %s\n", listen);
		rc = BATON_EXIT_FAIL;
	} else {
		const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_LISTEN_FD);
		struct sockaddr_storage bound;
		socklen_t blen = sizeof bound;
		unsigned port = 0;
		if (info && getsockname(info->listen_fd, (struct sockaddr *)&bound, &blen) == 0)
			port = ntohs(bound.ss_family == AF_INET6
					     ? ((struct sockaddr_in6 *)&bound)->sin6_port
					     : ((struct sockaddr_in *)&bound)->sin_port);
		char host[256];
		snprintf(host, sizeof host, "%.*s", (int)(strrchr(listen, ':') - listen), listen);
		fprintf(stderr, "serving %s on http://%s:%u\n", path, host, port);
		fflush(stderr);
		int sig = 0;
		sigwait(&stop, &sig);
		fprintf(stderr, "baton serve: stopping (%s)\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
		MHD_stop_daemon(d);
	}
	pthread_sigmask(SIG_UNBLOCK, &stop, NULL);
	free_outputs(&s);
	pthread_mutex_destroy(&s.lock);
	return rc;
}
