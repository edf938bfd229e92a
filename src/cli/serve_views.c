/*
 * serve_views.c: the outputs `baton serve` answers with, and the thread
 * that rebuilds them when the plan changes (serve.h).
 *
 * A build of a large plan takes seconds (schedule, forecast, assessment,
 * report), so it never runs on a request: the builder thread polls the
 * plan's stat four times a second, reads and hashes it when it changed,
 * and builds a new result while requests go on being answered from the
 * last good one. What requests see is a view: the result served plus the
 * state of newer versions (being computed, or failed with diagnostics),
 * which the page shows in a note and the API in /api/version and a
 * header. Views and results are immutable once published and refcounted:
 * a request takes a reference under a short lock, and each response holds
 * its view until libmicrohttpd has sent it, so bodies are sent without a
 * copy and a retired view goes with its last response.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <microhttpd.h>

#include "cmd.h"
#include "jsonw.h"
#include "jsonw_json.h"
#include "serve.h"
#include "util.h"

#define SERVE_POLL_MS 250 /* how often the plan's stat is checked */

/* One version of the plan, built: immutable once made. */
struct serve_result {
	atomic_uint refs;
	unsigned long version;
	int good;              /* parsed and rendered: the fields below */
	char *html;            /* the report, with a blank favicon */
	size_t html_len;
	size_t body_at;        /* just after the <body> tag (the note goes there) */
	size_t body_end;       /* at </body> (the live script goes there) */
	char *api[4];          /* schedule, forecast, status, risks (JSON) */
	size_t api_len[4];
	unsigned mine;         /* bit i: api[i] is ours (bt_free), not the library's */
	/* !good: why, as text and as a JSON array of diagnostics. */
	char *diag_text;
	char *diag_json;
};

struct serve_view {
	atomic_uint refs;
	struct serve_result *served; /* answered from: the last good result,
					or the newest failure when none was */
	struct serve_result *failed; /* a newer version that failed, or NULL */
	const char *state;           /* "ready", "building" or "failed" */
	unsigned long version;       /* the newest version read */
	char *note;                  /* page: after <body>; "" when ready */
	size_t note_len;
	char *script;                /* page: the live script */
	size_t script_len;
	char *page;                  /* the whole page when !served->good */
	size_t page_len;
	char *version_json;          /* /api/version */
	size_t version_len;
	char *error;                 /* 422 body when !served->good */
	size_t error_len;
};

/*========================= Small string helpers ====================*/

/* The page's text and the API's JSON are built in the library's byte
 * buffer (util.h), the JSON by its streaming writer (jsonw.h), as every
 * other output of baton; what is built is freed with bt_free. */

static void put_html(bt_buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': bt_buf_puts(b, "&lt;"); break;
		case '>': bt_buf_puts(b, "&gt;"); break;
		case '&': bt_buf_puts(b, "&amp;"); break;
		case '"': bt_buf_puts(b, "&quot;"); break;
		case '\'': bt_buf_puts(b, "&#39;"); break;
		default: bt_buf_putc(b, *s);
		}
	}
}

static void put_num(bt_buf *b, unsigned long v)
{
	bt_buf_printf(b, "%lu", v);
}

/* Text that need not be UTF-8 (a path, the diagnostics quoting a plan's
 * line that is not UTF-8) as a member: a byte that starts no valid
 * sequence becomes U+FFFD. */
static void jtext(bt_jsonw *w, const char *k, const char *s)
{
	bt_jw_key(w, k);
	bt_jw_text(w, s);
}

/* A plan's diagnostics (the library's JSON array) as a member, each one
 * on a line as the library writes them. */
static void jdiagnostics(bt_jsonw *w, const char *diag_json)
{
	json_error_t je;
	json_t *d = bt_json_loadb(diag_json, strlen(diag_json), 0, &je);
	bt_jw_key(w, "diagnostics");
	if (!json_is_array(d))
		w->err = 1; /* the library's own JSON: only memory can fail it */
	else
		bt_jw_json(w, d, 0);
	json_decref(d);
}

/* {"schema_version": 1, "error": MESSAGE} as a body; NULL when memory
 * runs out. */
static char *error_body(const char *msg)
{
	bt_buf b = BT_BUF_INIT;
	bt_jsonw w;
	bt_jw_init(&w, &b, 2);
	bt_jw_obj(&w);
	bt_jw_schema(&w);
	jtext(&w, "error", msg);
	bt_jw_obj_end(&w);
	bt_buf_putc(&b, '\n');
	if (bt_jw_finish(&w)) {
		bt_buf_release(&b);
		return NULL;
	}
	return bt_buf_detach(&b, NULL);
}

/*============================ Results ==============================*/

static void result_unref(struct serve_result *r)
{
	if (!r || atomic_fetch_sub(&r->refs, 1) != 1)
		return;
	bt_free(r->html);
	for (int i = 0; i < 4; i++) {
		if (r->mine & 1u << i)
			bt_free(r->api[i]);
		else
			baton_string_free(r->api[i]);
	}
	free(r->diag_text);
	free(r->diag_json);
	free(r);
}

static struct serve_result *result_ref(struct serve_result *r)
{
	if (r)
		atomic_fetch_add(&r->refs, 1);
	return r;
}

/* A version that cannot be shown: `text` says why (the diagnostics),
 * `json` is a JSON array of them or NULL. NULL when memory runs out. */
static struct serve_result *result_failed(unsigned long version, const char *text,
					  const char *json)
{
	struct serve_result *r = calloc(1, sizeof *r);
	if (!r)
		return NULL;
	atomic_init(&r->refs, 1);
	r->version = version;
	r->diag_text = strdup(text);
	r->diag_json = strdup(json ? json : "[]");
	if (!r->diag_text || !r->diag_json) {
		result_unref(r);
		return NULL;
	}
	return r;
}

/* The report with a blank favicon (no request for /favicon.ico, which
 * would 404), and where the note and the live script go. */
static int take_report(struct serve_result *r, const char *html)
{
	const char *head = strstr(html, "</head>");
	const char *body = head ? strstr(head, "<body") : NULL;
	const char *body_tag_end = body ? strchr(body, '>') : NULL;
	const char *end = body_tag_end ? strstr(body_tag_end, "</body>") : NULL;
	if (!end)
		return -1;
	static const char icon[] = "<link rel=\"icon\" href=\"data:,\">\n";
	bt_buf b = BT_BUF_INIT;
	bt_buf_add(&b, html, (size_t)(head - html));
	bt_buf_puts(&b, icon);
	size_t shift = b.len - (size_t)(head - html);
	bt_buf_puts(&b, head);
	r->html = bt_buf_detach(&b, &r->html_len);
	if (!r->html)
		return -1;
	r->body_at = (size_t)(body_tag_end + 1 - html) + shift;
	r->body_end = (size_t)(end - html) + shift;
	return 0;
}

/* Schedule, forecast, status, risks and the report of a plan without
 * errors; a failure result when one of them cannot be computed. */
static struct serve_result *result_build(const char *path, long runs, baton_plan *p,
					 unsigned long version)
{
	baton_error err;
	char why[256];
	struct serve_result *r = calloc(1, sizeof *r);
	if (!r)
		return NULL;
	atomic_init(&r->refs, 1);
	r->version = version;

	baton_schedule_opts so = BATON_SCHEDULE_OPTS_INIT;
	baton_schedule *sch = baton_schedule_compute(p, &so, &err);
	if (!sch) {
		snprintf(why, sizeof why, "%.255s", err.message);
		goto failed;
	}
	r->api[0] = baton_schedule_render(sch, BATON_FORMAT_JSON, 0);
	baton_schedule_free(sch);

	if (runs > 0) {
		baton_forecast_opts fo = BATON_FORECAST_OPTS_INIT;
		fo.runs = runs;
		baton_forecast *f = baton_forecast_compute(p, &fo, &err);
		if (f) {
			r->api[1] = baton_forecast_render(f, BATON_FORMAT_JSON, 0);
			baton_forecast_free(f);
		} else {
			r->api[1] = error_body(err.message);
			r->mine |= 2u;
		}
	} else {
		r->api[1] = error_body("the forecast is off (--runs 0)");
		r->mine |= 2u;
	}

	/* The history beside the plan, when there is one, as `report` does. */
	char *hp = NULL;
	int hrc = 0;
	baton_history *h = cli_history_open("serve", path, NULL, NULL, 0, &hrc, &hp);
	free(hp);

	baton_status_opts st = BATON_STATUS_OPTS_INIT;
	st.history = h;
	st.runs = runs > 0 ? runs : -1;
	baton_assessment *a = baton_assess(p, &st, &err);
	if (!a) {
		snprintf(why, sizeof why, "%.255s", err.message);
		baton_history_close(h);
		goto failed;
	}
	r->api[2] = baton_assessment_render(a, BATON_REPORT_STATUS, BATON_FORMAT_JSON, BATON_FOR_ALL, 0);
	r->api[3] = baton_assessment_render(a, BATON_REPORT_RISKS, BATON_FORMAT_JSON, BATON_FOR_ALL, 0);
	baton_assessment_free(a);

	baton_report_opts ro = BATON_REPORT_OPTS_INIT;
	ro.runs = runs > 0 ? runs : -1;
	ro.history = h;
	char *html = baton_report_html(p, &ro, &err);
	baton_history_close(h);
	if (!html) {
		snprintf(why, sizeof why, "%.255s", err.message);
		goto failed;
	}
	int took = take_report(r, html);
	baton_string_free(html);
	snprintf(why, sizeof why, "out of memory");
	if (took || !r->api[0] || !r->api[1] || !r->api[2] || !r->api[3])
		goto failed;
	for (int i = 0; i < 4; i++)
		r->api_len[i] = strlen(r->api[i]);
	r->good = 1;
	return r;
failed:
	result_unref(r);
	return result_failed(version, why, NULL);
}

/*============================== Views ==============================*/

static void view_unref(struct serve_view *v)
{
	if (!v || atomic_fetch_sub(&v->refs, 1) != 1)
		return;
	result_unref(v->served);
	result_unref(v->failed);
	bt_free(v->note);
	bt_free(v->script);
	bt_free(v->page);
	bt_free(v->version_json);
	bt_free(v->error);
	free(v);
}

/* The live script: poll /api/version twice a second; when a newer
 * version starts building, say so in a note (no reload: the data is the
 * same until it is ready); when it is ready or has failed, reload. */
static void add_live(bt_buf *b, const struct serve_view *v)
{
	bt_buf_puts(b, "<script>(function(){var k=\"");
	put_num(b, v->version);
	bt_buf_puts(b, "/");
	bt_buf_puts(b, v->state);
	bt_buf_puts(b, "\";function note(j){var d=document.getElementById(\"serve-building\");"
		  "if(!d){d=document.createElement(\"div\");d.id=\"serve-building\";"
		  "d.className=\"serve-note\";d.setAttribute(\"role\",\"status\");"
		  "d.style.cssText=\"margin:0;padding:10px 28px;font:14px/1.45 system-ui,sans-serif;"
		  "background:#fff1d6;border-bottom:2px solid #b26a00\";"
		  "document.body.insertBefore(d,document.body.firstChild);}"
		  "d.textContent=\"A newer version of the plan (version \"+j.version+"
		  "\") is being computed; this page shows version \"+j.served+"
		  "\" and reloads when it is ready.\";}"
		  "function poll(){fetch(\"/api/version\",{cache:\"no-store\"})"
		  ".then(function(r){return r.json();})"
		  ".then(function(j){var s=j.version+\"/\"+j.state;"
		  "if(s!==k&&j.state===\"building\"&&j.served!==null){note(j);k=s;}"
		  "if(s!==k){location.reload();}else{setTimeout(poll,500);}})"
		  ".catch(function(){setTimeout(poll,2000);});}"
		  "setTimeout(poll,500);})();</script>\n");
}

/* The note above the report while a newer version is being computed or
 * has failed; the diagnostics in a <pre class="diagnostics">. */
static void add_note(bt_buf *b, const struct serve_view *v, const char *path)
{
	if (!strcmp(v->state, "ready"))
		return;
	int failed = v->failed != NULL;
	bt_buf_puts(b, "<div class=\"serve-note\" role=\"status\" style=\"margin:0;padding:10px 28px;"
		  "font:14px/1.45 system-ui,sans-serif;");
	bt_buf_puts(b, failed ? "background:#fde4e1;border-bottom:2px solid #b3261e\">"
			 : "background:#fff1d6;border-bottom:2px solid #b26a00\">");
	if (failed) {
		bt_buf_puts(b, "<b>");
		put_html(b, path);
		bt_buf_puts(b, " (version ");
		put_num(b, v->version);
		bt_buf_puts(b, ") has errors</b>; this page shows version ");
		put_num(b, v->served->version);
		bt_buf_puts(b, ", the last that could be shown, and reloads when the plan is fixed.\n");
		bt_buf_puts(b, "<pre class=\"diagnostics\" style=\"background:#fff;padding:8px;overflow:auto;"
			  "margin:6px 0 0\">");
		put_html(b, v->failed->diag_text);
		bt_buf_puts(b, "</pre>");
	} else {
		bt_buf_puts(b, "<b>A newer version of ");
		put_html(b, path);
		bt_buf_puts(b, " (version ");
		put_num(b, v->version);
		bt_buf_puts(b, ") is being computed</b>; this page shows version ");
		put_num(b, v->served->version);
		bt_buf_puts(b, " and reloads when it is ready.");
	}
	bt_buf_puts(b, "</div>\n");
}

/* The page of a plan that has never been shown: its diagnostics. */
static void add_failure_page(bt_buf *b, const struct serve_view *v, const char *path)
{
	bt_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		  "<link rel=\"icon\" href=\"data:,\">\n<title>baton: ");
	put_html(b, path);
	bt_buf_puts(b, " has errors</title>\n<style>body{font:15px/1.4 system-ui,sans-serif;margin:2em;color:#1f2933}"
		  "pre{background:#fde4e1;border-left:4px solid #b3261e;padding:1em;overflow:auto}</style>\n"
		  "</head>\n<body>\n<h1>The plan has errors</h1>\n<p>");
	put_html(b, path);
	bt_buf_puts(b, " cannot be shown; this page reloads when it is fixed.</p>\n<pre class=\"diagnostics\">");
	put_html(b, v->served->diag_text);
	bt_buf_puts(b, "</pre>\n");
	add_live(b, v);
	bt_buf_puts(b, "</body>\n</html>\n");
}

/* A view of `served` (borrowed; the view takes its own reference) and the
 * newer `failed` result (or NULL), in `state`. NULL when memory runs out. */
static struct serve_view *view_new(const char *path, struct serve_result *served,
				   struct serve_result *failed, const char *state,
				   unsigned long version)
{
	struct serve_view *v = calloc(1, sizeof *v);
	if (!v)
		return NULL;
	atomic_init(&v->refs, 1);
	v->served = result_ref(served);
	v->failed = result_ref(failed);
	v->state = state;
	v->version = version;
	const struct serve_result *why = failed ? failed : served->good ? NULL : served;

	/* /api/version: which version is served and which is the newest. */
	bt_buf j = BT_BUF_INIT;
	bt_jsonw w;
	bt_jw_init(&w, &j, 2);
	bt_jw_inline_from(&w, 2);
	bt_jw_obj(&w);
	bt_jw_schema(&w);
	bt_jw_kint(&w, "version", (int64_t)version);
	bt_jw_kbool(&w, "ok", !why && strcmp(state, "failed"));
	bt_jw_kstr(&w, "state", state);
	if (served->good)
		bt_jw_kint(&w, "served", (int64_t)served->version);
	else
		bt_jw_knull(&w, "served");
	if (why) {
		jtext(&w, "message", why->diag_text);
		jdiagnostics(&w, why->diag_json);
	}
	bt_jw_obj_end(&w);
	bt_buf_putc(&j, '\n');
	if (bt_jw_finish(&w))
		bt_buf_release(&j);
	else
		v->version_json = bt_buf_detach(&j, &v->version_len);

	int ok = v->version_json != NULL;
	if (served->good) {
		bt_buf n = BT_BUF_INIT, sc = BT_BUF_INIT;
		add_note(&n, v, path);
		add_live(&sc, v);
		v->note = bt_buf_detach(&n, &v->note_len);
		v->script = bt_buf_detach(&sc, &v->script_len);
		ok = ok && v->note && v->script;
	} else {
		bt_buf pg = BT_BUF_INIT, e = BT_BUF_INIT;
		add_failure_page(&pg, v, path);
		v->page = bt_buf_detach(&pg, &v->page_len);
		/* The API's answer while no version has data: 422 with why. */
		bt_jw_init(&w, &e, 2);
		bt_jw_inline_from(&w, 2);
		bt_jw_obj(&w);
		bt_jw_schema(&w);
		bt_jw_kstr(&w, "error", "the plan cannot be shown");
		jtext(&w, "message", served->diag_text);
		jdiagnostics(&w, served->diag_json);
		bt_jw_obj_end(&w);
		bt_buf_putc(&e, '\n');
		if (bt_jw_finish(&w))
			bt_buf_release(&e);
		else
			v->error = bt_buf_detach(&e, &v->error_len);
		ok = ok && v->page && v->error;
	}
	if (!ok) {
		view_unref(v);
		return NULL;
	}
	return v;
}

struct serve_view *serve_view_get(struct serve_builder *b)
{
	pthread_mutex_lock(&b->lock);
	struct serve_view *v = b->view;
	atomic_fetch_add(&v->refs, 1);
	pthread_mutex_unlock(&b->lock);
	return v;
}

void serve_view_put(struct serve_view *v) { view_unref(v); }

int serve_view_has_data(const struct serve_view *v) { return v->served->good; }

static void response_done(void *cls) { view_unref(cls); }

struct MHD_Response *serve_view_response(struct serve_view *v, enum serve_what what)
{
	struct serve_result *r = v->served;
	struct MHD_Response *resp = NULL;
	atomic_fetch_add(&v->refs, 1); /* the response's, until it is sent */
	switch (what) {
	case SERVE_PAGE:
		if (r->good) {
			const struct MHD_IoVec iov[5] = {
				{r->html, r->body_at},
				{v->note, v->note_len},
				{r->html + r->body_at, r->body_end - r->body_at},
				{v->script, v->script_len},
				{r->html + r->body_end, r->html_len - r->body_end},
			};
			resp = MHD_create_response_from_iovec(iov, 5, response_done, v);
		} else {
			resp = MHD_create_response_from_buffer_with_free_callback_cls(
				v->page_len, v->page, response_done, v);
		}
		break;
	case SERVE_VERSION:
		resp = MHD_create_response_from_buffer_with_free_callback_cls(
			v->version_len, v->version_json, response_done, v);
		break;
	case SERVE_SCHEDULE:
	case SERVE_FORECAST:
	case SERVE_STATUS:
	case SERVE_RISKS:
	case SERVE_PLAN_ERROR:
		if (r->good && what != SERVE_PLAN_ERROR) {
			int i = (int)(what - SERVE_SCHEDULE);
			resp = MHD_create_response_from_buffer_with_free_callback_cls(
				r->api_len[i], r->api[i], response_done, v);
		} else if (!r->good) {
			/* no version has data: the diagnostics */
			resp = MHD_create_response_from_buffer_with_free_callback_cls(
				v->error_len, v->error, response_done, v);
		}
		break;
	default:
		break;
	}
	if (!resp) {
		view_unref(v);
		return NULL;
	}
	/* Whether what is served is the newest version of the plan. */
	char served[32];
	snprintf(served, sizeof served, "%lu", r->version);
	MHD_add_response_header(resp, "Baton-Plan-State", v->state);
	MHD_add_response_header(resp, "Baton-Served-Version", served);
	return resp;
}

/*============================ Building =============================*/

/* Publish `v` (ownership passes to the builder); the old view goes with
 * its last request. On NULL (memory ran out) the old view stays. */
static void publish(struct serve_builder *b, struct serve_view *v)
{
	if (!v)
		return;
	pthread_mutex_lock(&b->lock);
	struct serve_view *old = b->view;
	b->view = v;
	pthread_mutex_unlock(&b->lock);
	view_unref(old);
}

static int same_stat(const struct stat *a, const struct stat *b)
{
	return a->st_ino == b->st_ino && a->st_dev == b->st_dev && a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
	       a->st_ctim.tv_sec == b->st_ctim.tv_sec && a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* A newer version is `r`: serve it when good, else keep the last good
 * one and say that the newer failed. Takes over the caller's reference. */
static void settle(struct serve_builder *b, struct serve_result *r)
{
	if (!r)
		return; /* memory ran out: keep what is served */
	if (r->good || !b->good) {
		result_unref(b->good);
		b->good = r->good ? result_ref(r) : NULL;
		publish(b, view_new(b->path, r, NULL, r->good ? "ready" : "failed", r->version));
	} else {
		publish(b, view_new(b->path, b->good, r, "failed", r->version));
	}
	result_unref(b->latest);
	b->latest = r;
}

/* Look at the plan once: when its contents changed, build the new
 * version (the first call always does). */
static void check_plan(struct serve_builder *b)
{
	struct stat st;
	char why[512];
	if (stat(b->path, &st) != 0) {
		int e = errno;
		memset(&st, 0, sizeof st);
		if (b->have_st && b->hash == 0 && same_stat(&st, &b->st))
			return; /* still missing, already said */
		b->st = st;
		b->have_st = 1;
		b->hash = 0;
		b->version++;
		snprintf(why, sizeof why, "cannot read '%s': %s", b->path, strerror(e));
		fprintf(stderr, "baton serve: %s (version %lu)\n", why, b->version);
		settle(b, result_failed(b->version, why, NULL));
		return;
	}
	if (b->have_st && same_stat(&st, &b->st))
		return;
	size_t len = 0;
	char reason[256];
	char *text = cli_read_file_why(b->path, &len, reason, sizeof reason);
	if (!text)
		snprintf(why, sizeof why, "cannot read '%s': %s", b->path, reason);
	uint64_t h = text ? bt_hash(text, len) | 1 : 0;
	int first = !b->have_st;
	b->st = st;
	b->have_st = 1;
	if (!first && text && h == b->hash) {
		free(text);
		return; /* touched, not changed */
	}
	b->hash = h;
	b->version++;
	if (!text) {
		fprintf(stderr, "baton serve: %s (version %lu)\n", why, b->version);
		settle(b, result_failed(b->version, why, NULL));
		return;
	}
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (!first && (b->good || b->latest))
		publish(b, view_new(b->path, b->good ? b->good : b->latest, NULL, "building",
				    b->version));
	baton_plan *p = baton_plan_parse(b->path, text, len);
	free(text);
	struct serve_result *r;
	if (!p) {
		r = result_failed(b->version, "out of memory", NULL);
	} else if (baton_plan_errors(p)) {
		char *d = baton_plan_diagnostics(p, 0);
		char *j = baton_plan_diagnostics_json(p);
		r = result_failed(b->version, d ? d : "the plan has errors", j);
		baton_string_free(d);
		baton_string_free(j);
	} else {
		r = result_build(b->path, b->runs, p, b->version);
	}
	baton_plan_free(p);
	fprintf(stderr, "baton serve: %s %s (version %lu, %.2f s)\n", b->path,
		r && r->good ? "loaded" : "has errors", b->version, seconds_since(&t0));
	settle(b, r);
}

static void *builder_main(void *arg)
{
	struct serve_builder *b = arg;
	/* Below the request threads, so a long build leaves them the CPU;
	 * the forecast's worker threads inherit it. Linux only: elsewhere
	 * this names the process, which is not wanted, so skip. */
#ifdef SYS_gettid
	setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 10);
#endif
	pthread_mutex_lock(&b->wake_lock);
	while (!b->stop) {
		serve_wait_ms(&b->wake, &b->wake_lock, SERVE_POLL_MS);
		if (b->stop)
			break;
		pthread_mutex_unlock(&b->wake_lock);
		check_plan(b);
		pthread_mutex_lock(&b->wake_lock);
	}
	pthread_mutex_unlock(&b->wake_lock);
	return NULL;
}

int serve_builder_init(struct serve_builder *b, const char *path, long runs)
{
	memset(b, 0, sizeof *b);
	b->path = path;
	b->runs = runs;
	pthread_mutex_init(&b->lock, NULL);
	pthread_mutex_init(&b->wake_lock, NULL);
	pthread_cond_init(&b->wake, NULL);
	check_plan(b);
	if (!b->view) {
		serve_builder_free(b);
		return -1;
	}
	return 0;
}

int serve_builder_start(struct serve_builder *b)
{
	if (pthread_create(&b->thread, NULL, builder_main, b))
		return -1;
	b->started = 1;
	return 0;
}

void serve_builder_free(struct serve_builder *b)
{
	if (b->started) {
		pthread_mutex_lock(&b->wake_lock);
		b->stop = 1;
		pthread_cond_signal(&b->wake);
		pthread_mutex_unlock(&b->wake_lock);
		pthread_join(b->thread, NULL);
		b->started = 0;
	}
	view_unref(b->view);
	b->view = NULL;
	result_unref(b->good);
	result_unref(b->latest);
	b->good = b->latest = NULL;
	pthread_cond_destroy(&b->wake);
	pthread_mutex_destroy(&b->wake_lock);
	pthread_mutex_destroy(&b->lock);
}
