/*
 * test_oom.c: allocation failure (after SQLite's faultsim and Lua's
 * failnext): make the Nth allocation fail, for N = 0, 1, 2, ... over
 * "parse + check + schedule + assess + render (tables and diagrams) +
 * format + a scenario's forecast" of a sample plan, until one run
 * completes without reaching the failure. Every run must end cleanly
 * (NULL or an error, never a crash); ASan checks for leaks.
 */
#include "baton.h"
#include "test.h"
#include "util.h"

static const char plan[] =
	"program p \"P\"\n  start 2027-01-04\n  commit 2027-03-01\n  holiday 2027-01-18\n"
	"team a \"A\" capacity 2\n  capacity 1 from 2027-02-01\nteam b capacity 3\n"
	"milestone m \"M\" commit 2027-02-01\n  after y\n"
	"task x \"X\"\n  team a  estimate 3d 5d 9d\n"
	"task y\n  team b  estimate 4d  needs 2\n  after x ss +1d\n"
	"task z\n  team a  estimate 2d\n  after m, y ff\n"
	"risk r \"R\"\n  probability 30%  impact 5d..9d  on x\n  owner \"Lee\"\n"
	"decision d \"D\"\n  date 2027-01-05  status proposed  need-by 2027-01-20\n"
	"status 2027-01-08\n  x started 2027-01-05 remaining 2d\n  note x \"going\"\n"
	"scenario s \"S\"\n  task z after x +1d\n  task y drop-after x\n";

/* One full run; returns 1 when everything succeeded. */
static int run(void)
{
	baton_plan *p = baton_plan_parse("p.baton", plan, sizeof plan - 1);
	if (!p)
		return 0;
	int ok = baton_plan_errors(p) == 0;
	char *d = baton_plan_diagnostics(p, 0);
	char *f = baton_plan_format(p, NULL);
	ok = ok && f;
	baton_string_free(d);
	baton_string_free(f);
	baton_schedule *s = ok ? baton_schedule_compute(p, NULL, NULL) : NULL;
	if (s) {
		char *t = baton_schedule_render(s, BATON_FORMAT_TERM, 0);
		char *m = baton_schedule_render(s, BATON_FORMAT_MARKDOWN, 0);
		ok = ok && t && m;
		baton_string_free(t);
		baton_string_free(m);
		for (int k = BATON_DIAGRAM_DOT; k <= BATON_DIAGRAM_MERMAID_GANTT; k++) {
			char *g = baton_schedule_diagram(s, (enum baton_diagram)k, BATON_DIAGRAM_COMMITS);
			ok = ok && g;
			baton_string_free(g);
		}
		baton_schedule_free(s);
	} else {
		ok = 0;
	}
	/* A scenario's links rebuild the dependency graph; one thread, as
	 * the failure hook counts allocations on one. */
	baton_forecast_opts fo = BATON_FORECAST_OPTS_INIT;
	fo.runs = 20;
	fo.threads = 1;
	fo.scenario = "s";
	baton_forecast *fc = ok ? baton_forecast_compute(p, &fo, NULL) : NULL;
	ok = ok && fc;
	baton_forecast_free(fc);
	/* The milestone diagrams come from an assessment; without a forecast,
	 * whose worker threads the failure hook cannot follow. */
	baton_status_opts so = BATON_STATUS_OPTS_INIT;
	so.runs = -1;
	baton_assessment *a = ok ? baton_assess(p, &so, NULL) : NULL;
	if (a) {
		for (int k = BATON_DIAGRAM_ICAL; k <= BATON_DIAGRAM_MILESTONES_TEXT; k++) {
			char *g = baton_assessment_diagram(a, (enum baton_diagram)k, BATON_DIAGRAM_COMMITS);
			ok = ok && g;
			baton_string_free(g);
		}
		baton_assessment_free(a);
	} else {
		ok = 0;
	}
	baton_plan_free(p);
	return ok;
}

int main(void)
{
	CHECK(run());
	/* Stop when a run makes no more than n allocations: the failure point
	 * lies past the end, so every point before it has been tried. */
	int completed = 0, succeeded = 0;
	long n;
	for (n = 0; n < 20000 && !completed; n++) {
		bt_alloc_fail_after(-1);
		bt_alloc_fail_after(n);
		succeeded += run();
		completed = bt_alloc_fail_after(-1) <= n;
	}
	CHECK(completed);
	CHECK(succeeded >= 1);
	printf("oom: %ld failure points survived\n", n);
	return test_report("oom");
}
