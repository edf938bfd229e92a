/*
 * test_api.c: the public API's promises that no other test reaches: each
 * BATON_X_OPTS_INIT gives every field the default baton.h writes above it
 * (a designated initialiser cannot shift a field, but it can name the
 * wrong one or miss a default), field by field, including the zero ones;
 * and the error model: a baton_error filled on failure, with the code a
 * program acts on, the message cut to fit and never allocated.
 */
#include <stdlib.h>

#include "api.h"
#include "baton.h"
#include "test.h"

static void test_schedule_init(void)
{
	baton_schedule_opts o = BATON_SCHEDULE_OPTS_INIT;
	CHECK(o.as_of == NULL);
	CHECK_EQ_INT(o.level, -1);
	CHECK_EQ_INT(o.schedules, 0);
	CHECK(o.time_limit == 0.0);
	CHECK_EQ_INT(o.seed, 1);
	CHECK(o.scenario == NULL);
}

static void test_forecast_init(void)
{
	baton_forecast_opts o = BATON_FORECAST_OPTS_INIT;
	CHECK(o.as_of == NULL);
	CHECK_EQ_INT(o.runs, 0);
	CHECK_EQ_INT(o.seed, 1);
	CHECK_EQ_INT(o.threads, 0);
	CHECK_EQ_INT(o.level, -1);
	CHECK_EQ_INT(o.distribution, BATON_DIST_PERT);
	CHECK(o.spread_low == -1.0);
	CHECK(o.spread_high == -1.0);
	CHECK(o.correlation == 0.0);
	CHECK(o.scenario == NULL);
	CHECK(o.progress == NULL);
	CHECK(o.progress_ud == NULL);
	CHECK_EQ_INT(o.calibrate, 0);
}

static void test_status_init(void)
{
	baton_status_opts o = BATON_STATUS_OPTS_INIT;
	CHECK(o.as_of == NULL);
	CHECK_EQ_INT(o.level, -1);
	CHECK_EQ_INT(o.seed, 1);
	CHECK(o.history == NULL);
	CHECK_EQ_INT(o.runs, 0);
	CHECK_EQ_INT(o.forecast_seed, 1);
	CHECK_EQ_INT(o.schedules, 0);
	CHECK(o.scenario == NULL);
	CHECK_EQ_INT(o.calibrate, 0);
	CHECK_EQ_INT(o.options, 0);
}

static void test_history_init(void)
{
	baton_history_opts o = BATON_HISTORY_OPTS_INIT;
	CHECK(o.dir == NULL);
	CHECK(o.write == NULL);
	CHECK(o.ctx == NULL);
	CHECK_EQ_INT(o.bad_file, 0);
	CHECK_EQ_INT(o.write_failed, 0);
	CHECK_EQ_INT(o.migrated, 0);
	CHECK_EQ_INT(o.rebuilt, 0);
}

static void test_report_init(void)
{
	baton_report_opts o = BATON_REPORT_OPTS_INIT;
	CHECK(o.as_of == NULL);
	CHECK_EQ_INT(o.level, -1);
	CHECK_EQ_INT(o.seed, 1);
	CHECK_EQ_INT(o.runs, 0);
	CHECK(o.history == NULL);
	CHECK(o.scenario == NULL);
	CHECK_EQ_INT(o.options, 0);
}

static void test_recover_init(void)
{
	baton_recover_opts o = BATON_RECOVER_OPTS_INIT;
	CHECK(o.as_of == NULL);
	CHECK(o.milestone == NULL);
	CHECK(o.target == -1.0);
	CHECK_EQ_INT(o.runs, 0);
	CHECK_EQ_INT(o.seed, 1);
	CHECK(o.time_limit == 0.0);
	CHECK_EQ_INT(o.max_options, 0);
	CHECK_EQ_INT(o.max_sets, 0);
	CHECK(o.under == NULL);
}

static void test_portfolio_init(void)
{
	baton_portfolio_opts o = BATON_PORTFOLIO_OPTS_INIT;
	CHECK_EQ_INT(o.runs, 0);
	CHECK_EQ_INT(o.seed, 1);
	CHECK_EQ_INT(o.schedules, 0);
	CHECK(o.progress == NULL);
	CHECK(o.progress_ud == NULL);
}

/* The library linked in is the one this header describes. */
static void test_version(void)
{
	CHECK_EQ_STR(baton_version(), BATON_VERSION);
}

/* bt_err_set, which every call's error goes through: the code, "out of
 * memory" always BATON_ERR_NOMEM, a final newline dropped, a long message
 * cut where a character starts and ending in "...". */
static void test_error_set(void)
{
	baton_error e = {0};
	bt_err_set(NULL, BATON_ERR_INPUT, "nobody asked");
	bt_err_set(&e, BATON_ERR_INPUT, "the plan has errors\n");
	CHECK_EQ_INT(e.code, BATON_ERR_INPUT);
	CHECK_EQ_STR(e.message, "the plan has errors");
	bt_err_set(&e, BATON_ERR_IO, "cannot read the history: out of memory");
	CHECK_EQ_INT(e.code, BATON_ERR_NOMEM);
	bt_err_set(&e, BATON_ERR_IO, NULL);
	CHECK_EQ_INT(e.code, BATON_ERR_NOMEM);
	CHECK_EQ_STR(e.message, "out of memory");

	/* Exactly full: kept whole. */
	char *m = malloc(BATON_ERROR_MAX + 16);
	memset(m, 'a', BATON_ERROR_MAX - 1);
	m[BATON_ERROR_MAX - 1] = '\0';
	bt_err_set(&e, BATON_ERR_IO, m);
	CHECK_EQ_INT(strlen(e.message), BATON_ERROR_MAX - 1);
	CHECK(e.message[BATON_ERROR_MAX - 2] == 'a');
	/* One more: cut, and says so. */
	memset(m, 'a', BATON_ERROR_MAX);
	m[BATON_ERROR_MAX] = '\0';
	bt_err_set(&e, BATON_ERR_IO, m);
	CHECK_EQ_INT(strlen(e.message), BATON_ERROR_MAX - 1);
	CHECK(!strcmp(e.message + BATON_ERROR_MAX - 4, "..."));
	CHECK_EQ_INT(e.code, BATON_ERR_IO);
	/* A two-byte character across the cut is dropped whole. */
	memset(m, 'a', BATON_ERROR_MAX + 8);
	memcpy(m + BATON_ERROR_MAX - 5, "\xc3\xa9", 2);
	m[BATON_ERROR_MAX + 8] = '\0';
	bt_err_set(&e, BATON_ERR_IO, m);
	CHECK_EQ_INT(strlen(e.message), BATON_ERROR_MAX - 5 + 3);
	CHECK(!strcmp(e.message + BATON_ERROR_MAX - 5, "..."));
	free(m);
}

/* Public calls fill the caller's error with their message and code, and
 * accept NULL. */
static void test_error_calls(void)
{
	static const char text[] = "program p\n  start 2027-01-04\nteam a capacity 1\ntask x team a estimate 2d\n";
	baton_plan *p = baton_plan_parse("t.baton", text, strlen(text));
	CHECK(p && !baton_plan_errors(p));
	baton_error e = {0};
	CHECK(baton_plan_next(p, "2027-13-01", 0, &e) == NULL);
	CHECK_EQ_INT(e.code, BATON_ERR_INPUT);
	CHECK_EQ_STR(e.message, "invalid date: expected YYYY-MM-DD");
	CHECK(baton_plan_next(p, "2027-13-01", 0, NULL) == NULL);

	baton_schedule_opts so = BATON_SCHEDULE_OPTS_INIT;
	so.scenario = "nope";
	e.code = 0;
	CHECK(baton_schedule_compute(p, &so, &e) == NULL);
	CHECK_EQ_INT(e.code, BATON_ERR_INPUT);
	CHECK_EQ_STR(e.message, "unknown scenario");
	/* The message is the caller's: it outlives the plan. */
	baton_plan_free(p);
	CHECK_EQ_STR(e.message, "unknown scenario");

	/* A success leaves the error as it was. */
	baton_plan *q = baton_plan_parse("t.baton", text, strlen(text));
	baton_schedule *s = baton_schedule_compute(q, NULL, &e);
	CHECK(s != NULL);
	CHECK_EQ_STR(e.message, "unknown scenario");
	baton_schedule_free(s);
	baton_plan_free(q);

	e.code = 0;
	CHECK(baton_history_open("/nonexistent-baton-dir/h.db", &e) == NULL);
	CHECK_EQ_INT(e.code, BATON_ERR_IO);
	CHECK(strstr(e.message, "/nonexistent-baton-dir/h.db") != NULL);

	char *diags = (char *)"unset";
	e.code = 0;
	CHECK(baton_portfolio_load("/nonexistent-baton-dir/p.portfolio", NULL, 0, &diags, &e) == NULL);
	CHECK_EQ_INT(e.code, BATON_ERR_INPUT);
	CHECK(diags && !strncmp(diags, e.message, strlen(e.message)));
	baton_string_free(diags);
	CHECK(baton_portfolio_load("/nonexistent-baton-dir/p.portfolio", NULL, 0, NULL, NULL) == NULL);
}

int main(void)
{
	test_version();
	test_error_set();
	test_error_calls();
	test_schedule_init();
	test_forecast_init();
	test_status_init();
	test_history_init();
	test_report_init();
	test_recover_init();
	test_portfolio_init();
	return test_report("api");
}
