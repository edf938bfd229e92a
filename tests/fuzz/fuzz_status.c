/*
 * fuzz_status.c: the libFuzzer target for the status and scenario paths.
 * The input is a plan; when it parses and checks without errors it is
 * forecast (a few runs, as the plan says and levelled), each of its
 * scenarios is forecast and set beside the baseline (whatif), it is
 * assessed with and without a forecast and every report is rendered for
 * every audience and format, its levelled schedule is drawn as every
 * diagram, and the HTML report is built; a plan that spans more than ten
 * years only has its critical path forecast (SPAN_CAP). fuzz_parse covers
 * the front end; this target is for what runs after it.
 *
 * Properties checked (a violation aborts): a plan without errors always
 * has a critical-path schedule and forecast, for the plan and for each of
 * its scenarios (check rejects what would make them fail), and the
 * forecast does not depend on the number of threads.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "baton.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A run must stay in the tens of milliseconds for the fuzzer to explore;
 * plans this large are the benchmarks' business, not the fuzzer's. */
#define MAX_INPUT 32768
#define RUNS 20
/* The same for time: a schedule's team load and levelling are linear in
 * the days the plan spans, and a plan can reach the year 9999 in one line
 * (0.1 s a schedule in the release build, twenty times that here). Past
 * ten years of working days only the critical path and its forecasts run. */
#define SPAN_CAP 2610

static size_t consume(char *s)
{
	size_t n = s ? strlen(s) : 0;
	baton_string_free(s);
	return n;
}

static void fail(const char *what, const char *err)
{
	fprintf(stderr, "fuzz_status: %s%s%s\n", what, err ? ": " : "", err ? err : "");
	__builtin_trap();
}

/* What a plan that checks may still fail with: the calendar ends in 9999,
 * and a plan can reach past it (check knows each estimate, not how they
 * add up). */
static int too_long(const char *err)
{
	return err && (strstr(err, "9999") || strstr(err, "too long"));
}

static const enum baton_format formats[] = {BATON_FORMAT_TERM, BATON_FORMAT_MARKDOWN,
					    BATON_FORMAT_JSON};

static void render_forecast(const baton_forecast *f)
{
	for (size_t i = 0; i < 3; i++)
		consume(baton_forecast_render(f, formats[i], 0));
	consume(baton_forecast_render(f, BATON_FORMAT_TERM, BATON_RENDER_COLOR));
}

static baton_forecast *forecast(baton_plan *p, const char *scenario, int level, int threads)
{
	baton_forecast_opts fo = BATON_FORECAST_OPTS_INIT;
	fo.runs = RUNS;
	fo.seed = 7;
	fo.threads = threads;
	fo.level = level;
	fo.scenario = scenario;
	baton_error err;
	baton_forecast *f = baton_forecast_compute(p, &fo, &err);
	if (!f && level == 0 && !too_long(err.message))
		fail(scenario ? "a scenario of a valid plan has no forecast"
			      : "a valid plan has no critical-path forecast", err.message);
	return f;
}

static void forecasts(baton_plan *p, int short_span)
{
	baton_forecast *base = forecast(p, NULL, 0, 1);
	if (!base)
		return;
	render_forecast(base);
	/* The runs are split over the threads by chunks; the numbers must not
	 * change with their count. */
	baton_forecast *two = forecast(p, NULL, 0, 2);
	if (!two)
		fail("a forecast fails with two threads and not with one", NULL);
	char *a = baton_forecast_render(base, BATON_FORMAT_JSON, 0);
	char *b = baton_forecast_render(two, BATON_FORMAT_JSON, 0);
	if (a && b && strcmp(a, b))
		fail("the forecast changes with the number of threads", NULL);
	consume(a);
	consume(b);
	baton_forecast_free(two);
	for (size_t i = 0; baton_plan_scenario(p, i); i++) {
		baton_forecast *sc = forecast(p, baton_plan_scenario(p, i), 0, 1);
		if (!sc)
			continue;
		for (size_t k = 0; k < 3; k++)
			consume(baton_whatif_render(base, sc, formats[k], 0));
		consume(baton_whatif_render(base, sc, BATON_FORMAT_TERM, BATON_RENDER_COLOR));
		consume(baton_forecast_render(sc, BATON_FORMAT_JSON, 0));
		baton_forecast_free(sc);
	}
	baton_forecast_free(base);
	if (!short_span)
		return;
	/* Levelled in every run: may fail (a plan levelling cannot fit). */
	baton_forecast *lev = forecast(p, NULL, 1, 1);
	if (lev) {
		render_forecast(lev);
		const char *sc = baton_plan_scenario(p, 0);
		baton_forecast *ls = sc ? forecast(p, sc, 1, 1) : NULL;
		if (ls)
			consume(baton_whatif_render(lev, ls, BATON_FORMAT_JSON, 0));
		baton_forecast_free(ls);
	}
	baton_forecast_free(lev);
}

static void assess(baton_plan *p, long runs)
{
	baton_status_opts so = BATON_STATUS_OPTS_INIT;
	so.runs = runs;
	so.forecast_seed = 7;
	so.schedules = 200;
	baton_error err;
	baton_assessment *a = baton_assess(p, &so, &err);
	if (!a)
		return;
	(void)strlen(baton_assessment_rag(a));
	(void)strlen(baton_assessment_as_of(a));
	static const enum baton_report reports[] = {BATON_REPORT_STATUS, BATON_REPORT_RISKS,
						    BATON_REPORT_DECISIONS, BATON_REPORT_AGENDA};
	static const enum baton_audience auds[] = {BATON_FOR_ALL, BATON_FOR_EXEC, BATON_FOR_ENG,
						   BATON_FOR_PM};
	for (size_t r = 0; r < 4; r++)
		for (size_t f = 0; f < 3; f++)
			for (size_t k = 0; k < (r == 0 && f < 2 ? 4 : 1); k++)
				consume(baton_assessment_render(a, reports[r], formats[f], auds[k], 0));
	consume(baton_assessment_render(a, BATON_REPORT_STATUS, BATON_FORMAT_TERM, BATON_FOR_ALL,
					BATON_RENDER_COLOR));
	consume(baton_assessment_diagram(a, BATON_DIAGRAM_ICAL, 0));
	consume(baton_assessment_diagram(a, BATON_DIAGRAM_ICAL, BATON_DIAGRAM_COMMITS));
	consume(baton_assessment_diagram(a, BATON_DIAGRAM_MILESTONES_TEXT, 0));
	consume(baton_assessment_diagram(a, BATON_DIAGRAM_MERMAID_GANTT, 0));
	baton_assessment_free(a);
}

/* The critical-path schedule, then (on a short span) the levelled one,
 * each drawn as every diagram. Returns the critical path's end day, or -1
 * when the plan runs past the calendar. */
static int32_t schedules(baton_plan *p)
{
	int32_t end = -1;
	for (int level = 0; level < 2; level++) {
		if (level && (end < 0 || end > SPAN_CAP))
			break;
		baton_schedule_opts opts = BATON_SCHEDULE_OPTS_INIT;
		opts.level = level;
		opts.schedules = 200;
		baton_error err;
		baton_schedule *s = baton_schedule_compute(p, &opts, &err);
		if (!s) {
			if (!level && !too_long(err.message))
				fail("a valid plan has no critical-path schedule", err.message);
			continue;
		}
		if (!level)
			end = baton_schedule_end_day(s);
		consume(baton_schedule_diagram(s, BATON_DIAGRAM_DOT, 0));
		consume(baton_schedule_diagram(s, BATON_DIAGRAM_MERMAID_GRAPH, 0));
		consume(baton_schedule_diagram(s, BATON_DIAGRAM_MERMAID_GANTT, 0));
		/* A milestone kind needs an assessment: NULL, never a crash. */
		consume(baton_schedule_diagram(s, BATON_DIAGRAM_ICAL, 0));
		baton_schedule_free(s);
	}
	if (end < 0)
		return end;
	/* Under its first scenario, beside the plan without it. */
	const char *sc = baton_plan_scenario(p, 0);
	if (sc) {
		baton_schedule_opts opts = BATON_SCHEDULE_OPTS_INIT;
		opts.level = 0;
		opts.scenario = sc;
		baton_error err;
		baton_schedule *s = baton_schedule_compute(p, &opts, &err);
		if (s) {
			consume(baton_schedule_render(s, BATON_FORMAT_JSON, 0));
			consume(baton_schedule_render(s, BATON_FORMAT_TERM, 0));
		}
		baton_schedule_free(s);
	}
	/* Next week's block, written into the plan: the plan must still
	 * parse and check without errors, as it comes. */
	baton_error err;
	char *next = baton_plan_next(p, NULL, 1, &err);
	if (next) {
		baton_plan *q = baton_plan_parse("next.baton", next, strlen(next));
		if (q && baton_plan_errors(q))
			fail("the plan with next's block has errors", baton_plan_diagnostics(q, 0));
		baton_plan_free(q);
		baton_string_free(next);
	}
	return end;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > MAX_INPUT)
		return 0;
	baton_plan *p = baton_plan_parse("fuzz.baton", (const char *)data, size);
	if (!p)
		return 0;
	if (baton_plan_errors(p) == 0) {
		int32_t end = schedules(p);
		int short_span = end >= 0 && end <= SPAN_CAP;
		forecasts(p, short_span);
		if (short_span) {
			assess(p, -1);
			assess(p, RUNS);
			baton_report_opts ro = BATON_REPORT_OPTS_INIT;
			ro.runs = RUNS;
			ro.seed = 7;
			baton_error err;
			consume(baton_report_html(p, &ro, &err));
		}
	}
	baton_plan_free(p);
	return 0;
}
