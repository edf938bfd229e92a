/*
 * test_oom_forecast.c: allocation failure in the forecast entry points
 * (the loop is oom.h's): the Monte Carlo forecast, unlevelled and
 * levelled in every run, in every format; a scenario's what-if beside
 * the baseline, in every format. One thread for the loop proper, so each
 * failure point is one allocation; then the same loops with several
 * worker threads, where the failing allocation lands on whichever thread
 * makes it: each point must still end in a clean error or the same bytes
 * (the thread count never changes a forecast).
 */
#include "oom.h"

static int threads = 1;
static int calibrate;

static baton_forecast *forecast(oom_ctx *c, baton_plan *p, int level, const char *scenario)
{
	baton_forecast_opts o = BATON_FORECAST_OPTS_INIT;
	/* Levelled runs allocate in every run: few of them. With threads,
	 * enough runs for each to take a share (64 runs at a time). */
	o.runs = threads > 1 ? 256 : level ? 4 : 40;
	o.threads = threads;
	o.level = level;
	o.scenario = scenario;
	o.calibrate = calibrate;
	baton_error err;
	baton_forecast *f = baton_forecast_compute(p, &o, &err);
	if (!f)
		oom_error(c, "baton_forecast_compute", &err);
	return f;
}

static void forecast_case(oom_ctx *c, int level)
{
	baton_plan *p = oom_parse(c, oom_plan);
	baton_forecast *f = p ? forecast(c, p, level, NULL) : NULL;
	if (f) {
		oom_out(c, "forecast text", baton_forecast_render(f, BATON_FORMAT_TERM, 0));
		oom_out(c, "forecast text in colour", baton_forecast_render(f, BATON_FORMAT_TERM, BATON_RENDER_COLOR));
		oom_out(c, "forecast Markdown", baton_forecast_render(f, BATON_FORMAT_MARKDOWN, 0));
		oom_out(c, "forecast JSON", baton_forecast_render(f, BATON_FORMAT_JSON, 0));
	}
	baton_forecast_free(f);
	baton_plan_free(p);
}

static void unlevelled(oom_ctx *c)
{
	forecast_case(c, 0);
}

/* Each team's bias is computed in the forecast's arena (calibrate.c). */
static void calibrated(oom_ctx *c)
{
	calibrate = 1;
	forecast_case(c, 0);
	calibrate = 0;
}

static void levelled(oom_ctx *c)
{
	forecast_case(c, 1);
}

/* The scenario drops a link and adds one: its network has a graph of its
 * own (graph.c). */
static void whatif(oom_ctx *c)
{
	baton_plan *p = oom_parse(c, oom_plan);
	baton_forecast *base = p ? forecast(c, p, 0, NULL) : NULL;
	baton_forecast *scen = base ? forecast(c, p, 0, baton_plan_scenario(p, 0)) : NULL;
	if (scen) {
		oom_out(c, "what-if text", baton_whatif_render(base, scen, BATON_FORMAT_TERM, 0));
		oom_out(c, "what-if text in colour", baton_whatif_render(base, scen, BATON_FORMAT_TERM, BATON_RENDER_COLOR));
		oom_out(c, "what-if Markdown", baton_whatif_render(base, scen, BATON_FORMAT_MARKDOWN, 0));
		oom_out(c, "what-if JSON", baton_whatif_render(base, scen, BATON_FORMAT_JSON, 0));
		oom_out(c, "scenario forecast JSON", baton_forecast_render(scen, BATON_FORMAT_JSON, 0));
	}
	baton_forecast_free(scen);
	baton_forecast_free(base);
	baton_plan_free(p);
}

int main(void)
{
	oom_loop("forecast", unlevelled, 1);
	oom_loop("forecast --calibrate", calibrated, 1);
	oom_loop("levelled forecast", levelled, 1);
	oom_loop("what-if", whatif, 1);
	threads = 4;
	/* Unlevelled runs allocate nothing in the workers: every 5th point
	 * is enough to see the setup around them fail cleanly. */
	oom_loop("forecast on 4 threads", unlevelled, 5);
	/* 14,000 allocations, most of them in the workers: every 71st. */
	oom_loop("levelled forecast on 4 threads", levelled, 71);
	return test_report("oom_forecast");
}
