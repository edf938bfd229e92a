/*
 * test_api.c: the public API's promises that no other test reaches: each
 * BATON_X_OPTS_INIT gives every field the default baton.h writes above it
 * (a designated initialiser cannot shift a field, but it can name the
 * wrong one or miss a default), field by field, including the zero ones.
 */
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

int main(void)
{
	test_version();
	test_schedule_init();
	test_forecast_init();
	test_status_init();
	test_history_init();
	test_report_init();
	test_recover_init();
	test_portfolio_init();
	return test_report("api");
}
