/*
 * api.c: baton.h's calls that fail with a message, each the stage's own
 * function (api.h) with its message put into the caller's baton_error.
 * Nothing is allocated here, so an error is reported whole when memory
 * has run out.
 */
#include <string.h>

#include "api.h"
#include "assess.h"
#include "recover.h"
#include "util.h"

static int says_oom(const char *msg, size_t n)
{
	static const char oom[] = "out of memory";
	return n >= sizeof(oom) - 1 && !memcmp(msg + n - (sizeof(oom) - 1), oom, sizeof(oom) - 1);
}

void bt_err_set(baton_error *e, int code, const char *msg)
{
	if (!e)
		return;
	if (!msg)
		msg = "out of memory";
	size_t n = strlen(msg);
	while (n && msg[n - 1] == '\n')
		n--;
	e->code = says_oom(msg, n) ? BATON_ERR_NOMEM : code;
	if (n < sizeof(e->message)) {
		memcpy(e->message, msg, n);
		e->message[n] = '\0';
		return;
	}
	/* Cut where a UTF-8 character starts, and say so. */
	size_t keep = sizeof(e->message) - 4;
	while (keep && ((unsigned char)msg[keep] & 0xC0) == 0x80)
		keep--;
	memcpy(e->message, msg, keep);
	memcpy(e->message + keep, "...", 4);
}

void bt_err_take(baton_error *e, int code, char *msg)
{
	bt_err_set(e, code, msg);
	bt_free(msg);
}

/*============================== Plans =============================*/

char *baton_plan_next(baton_plan *plan, const char *date, int into_plan, baton_error *err)
{
	const char *why = NULL;
	char *r = bt_plan_next(plan, date, into_plan, &why);
	if (!r)
		bt_err_set(err, BATON_ERR_INPUT, why);
	return r;
}

/*===================== Schedules, forecasts, status ===============*/

baton_schedule *baton_schedule_compute(baton_plan *plan, const baton_schedule_opts *opts, baton_error *err)
{
	const char *why = NULL;
	baton_schedule *s = bt_schedule_compute(plan, opts, &why);
	if (!s)
		bt_err_set(err, BATON_ERR_INPUT, why);
	return s;
}

baton_forecast *baton_forecast_compute(baton_plan *plan, const baton_forecast_opts *opts, baton_error *err)
{
	const char *why = NULL;
	baton_forecast *f = bt_forecast_compute(plan, opts, &why);
	if (!f)
		bt_err_set(err, BATON_ERR_INPUT, why);
	return f;
}

baton_assessment *baton_assess(baton_plan *plan, const baton_status_opts *opts, baton_error *err)
{
	const char *why = NULL;
	baton_assessment *a = bt_assess_plan(plan, opts, &why, NULL);
	if (!a)
		bt_err_set(err, BATON_ERR_INPUT, why);
	return a;
}

baton_diff *baton_diff_compute(baton_plan *old_plan, baton_plan *new_plan, const baton_status_opts *opts,
			       int *side, baton_error *err)
{
	const char *why = NULL;
	baton_diff *d = bt_diff_compute(old_plan, new_plan, opts, &why, side);
	if (!d)
		bt_err_set(err, BATON_ERR_INPUT, why);
	return d;
}

char *baton_report_html(baton_plan *plan, const baton_report_opts *opts, baton_error *err)
{
	const char *why = NULL;
	char *html = bt_report_html(plan, opts, &why);
	if (!html)
		bt_err_set(err, BATON_ERR_INPUT, why);
	return html;
}

baton_recovery *baton_recover(baton_plan *plan, const baton_recover_opts *opts, baton_error *err)
{
	const char *why = NULL;
	baton_recovery *r = bt_recover(plan, opts, &why);
	if (!r)
		bt_err_set(err, BATON_ERR_INPUT, why);
	return r;
}

/*============================= History ============================*/

baton_history *baton_history_open(const char *path, baton_error *err)
{
	char *why = NULL;
	baton_history *h = bt_history_open(path, &why);
	if (!h)
		bt_err_take(err, BATON_ERR_IO, why);
	return h;
}

baton_history *baton_history_open_dir(const char *index, baton_history_opts *o, baton_error *err)
{
	char *why = NULL;
	baton_history *h = bt_history_open_dir(index, o, &why);
	if (!h)
		bt_err_take(err, o->bad_file ? BATON_ERR_INPUT : BATON_ERR_IO, why);
	return h;
}

long baton_history_record(baton_history *h, const baton_record *r, baton_error *err)
{
	char *why = NULL;
	long id = bt_history_record(h, r, &why);
	if (id < 0)
		bt_err_take(err, BATON_ERR_IO, why);
	return id;
}

char *baton_history_render(baton_history *h, const char *program, enum baton_format fmt, baton_error *err)
{
	char *why = NULL;
	char *text = bt_history_render(h, program, fmt, &why);
	if (!text)
		bt_err_take(err, BATON_ERR_IO, why);
	return text;
}

char *baton_history_render_all(baton_history *h, const char *program, enum baton_format fmt, unsigned flags,
			       baton_error *err)
{
	char *why = NULL;
	char *text = bt_history_render_all(h, program, fmt, flags, &why);
	if (!text)
		bt_err_take(err, BATON_ERR_IO, why);
	return text;
}

int baton_history_check(baton_history *h, long *records, baton_error *err)
{
	char *why = NULL;
	int rc = bt_history_check(h, records, &why);
	if (rc)
		bt_err_take(err, rc == -2 ? BATON_ERR_INPUT : BATON_ERR_IO, why);
	return rc;
}

/*============================ Portfolios ==========================*/

baton_portfolio *baton_portfolio_load(const char *path, const char *as_of, int color, char **diagnostics,
				      baton_error *err)
{
	char *why = NULL;
	int bad = 0;
	if (diagnostics)
		*diagnostics = NULL;
	unsigned long mark = bt_alloc_failures();
	baton_portfolio *pf = bt_portfolio_load(path, as_of, color, &why, &bad);
	if (pf)
		return pf;
	/* A program that could not be read for lack of memory comes back as
	 * its file's located diagnostic, which does not end in "out of
	 * memory": the allocations say what happened. */
	bt_err_set(err, bt_alloc_failures() != mark ? BATON_ERR_NOMEM : bad ? BATON_ERR_INPUT : BATON_ERR_IO,
		   why);
	if (diagnostics)
		*diagnostics = why;
	else
		bt_free(why);
	return NULL;
}

char *baton_portfolio_render(baton_portfolio *pf, enum baton_portfolio_view view, enum baton_format fmt,
			     const baton_portfolio_opts *o, unsigned flags, baton_error *err)
{
	const char *why = NULL;
	char *text = bt_portfolio_render(pf, view, fmt, o, flags, &why);
	if (!text)
		bt_err_set(err, BATON_ERR_INPUT, why);
	return text;
}
