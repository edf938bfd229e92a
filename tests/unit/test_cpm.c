/* test_cpm.c: CPM on small plans whose answers are worked out by hand. */
#include "schedule.h"
#include "test.h"

static baton_plan *plan;
static baton_schedule *sched;

static void load(const char *text, const char *as_of)
{
	baton_schedule_free(sched);
	baton_plan_free(plan);
	sched = NULL;
	plan = baton_plan_parse("t.baton", text, strlen(text));
	if (!plan || baton_plan_errors(plan)) {
		char *d = plan ? baton_plan_diagnostics(plan, 0) : NULL;
		fprintf(stderr, "plan does not check:\n%s", d ? d : "");
		baton_string_free(d);
		return;
	}
	baton_schedule_opts o = BATON_SCHEDULE_OPTS_INIT;
	o.as_of = as_of;
	sched = baton_schedule_compute(plan, &o, NULL);
}

static uint32_t node(const char *id)
{
	for (uint32_t i = 0; i < plan->tasks.n; i++)
		if (!strcmp(plan->tasks.v[i].id, id))
			return i;
	for (uint32_t i = 0; i < plan->milestones.n; i++)
		if (!strcmp(plan->milestones.v[i].id, id))
			return plan->tasks.n + i;
	return 0;
}

/* "es ef ls lf tf ff" of a node. */
static const char *dates(const char *id)
{
	static char out[96];
	if (!sched)
		return "(no schedule)";
	uint32_t v = node(id);
	const bt_cpm *c = &sched->cpm;
	snprintf(out, sizeof out, "%d %d %d %d %d %d", c->es[v], c->ef[v], c->ls[v], c->lf[v],
		 c->tf[v], c->ff[v]);
	return out;
}

static const char *start_date(const char *id)
{
	static char s[11], f[11], out[32];
	uint32_t v = node(id);
	bt_sched_dates(sched, v, sched->cpm.es[v], sched->cpm.ef[v], s, f);
	snprintf(out, sizeof out, "%s %s", s, f);
	return out;
}

#define HEAD "program p\n  start 2027-01-04\nteam a capacity 2\n"

int main(void)
{
	/* Finish-to-start with a lag; a parallel branch with float. */
	load(HEAD "task x team a estimate 5d\n"
		  "task y team a estimate 3d\n  after x\n"
		  "task z team a estimate 2d\n  after y +2d\n"
		  "task w team a estimate 1d\n  after x\n",
	     NULL);
	CHECK_EQ_STR(dates("x"), "0 5 0 5 0 0");
	CHECK_EQ_STR(dates("y"), "5 8 5 8 0 0");
	CHECK_EQ_STR(dates("z"), "10 12 10 12 0 0");
	CHECK_EQ_STR(dates("w"), "5 6 11 12 6 6");
	CHECK_EQ_INT(sched->cpm.end_day, 12);

	/* Start-to-start and finish-to-finish. */
	load(HEAD "task a1 team a estimate 10d\n"
		  "task b1 team a estimate 4d\n  after a1 ss +2d\n"
		  "task c1 team a estimate 3d\n  after a1 ff\n",
	     NULL);
	CHECK_EQ_STR(dates("a1"), "0 10 0 10 0 0");
	CHECK_EQ_STR(dates("b1"), "2 6 6 10 4 4");
	CHECK_EQ_STR(dates("c1"), "7 10 7 10 0 0");

	/* Start-to-finish and a lead. */
	load(HEAD "task a1 team a estimate 5d\n"
		  "task b1 team a estimate 3d\n  after a1 sf +4d\n"
		  "task c1 team a estimate 2d\n  after a1 -2d\n",
	     NULL);
	CHECK_EQ_STR(dates("b1"), "1 4 2 5 1 1");
	CHECK_EQ_STR(dates("c1"), "3 5 3 5 0 0");

	/* A lead cannot pull work before the program start (the release). */
	load(HEAD "task a1 team a estimate 2d\n"
		  "task b1 team a estimate 5d\n  after a1 ff -4d\n",
	     NULL);
	CHECK_EQ_STR(dates("b1"), "0 5 0 5 0 0");

	/* Calendar: 10 days from Mon 2027-01-04 end Fri 01-15; the next task
	 * skips the weekend and the MLK holiday on Mon 01-18. */
	load("program p\n  start 2027-01-04\n  holiday 2027-01-18 \"MLK\"\n"
	     "team a capacity 1\n"
	     "task x team a estimate 10d\ntask y team a estimate 1d\n  after x\n"
	     "task z team a estimate 1d\n  not-before 2027-02-01\n",
	     NULL);
	CHECK_EQ_STR(start_date("x"), "2027-01-04 2027-01-15");
	CHECK_EQ_STR(start_date("y"), "2027-01-19 2027-01-19");
	CHECK_EQ_STR(start_date("z"), "2027-02-01 2027-02-01");

	/* Milestones: day = latest prerequisite finish; tasks after them. */
	load(HEAD "task x team a estimate 4d\ntask y team a estimate 6d\n"
		  "milestone m commit 2027-01-11\n  after x, y\n"
		  "task z team a estimate 2d\n  after m\n",
	     NULL);
	CHECK_EQ_STR(dates("m"), "6 6 6 6 0 0");
	CHECK_EQ_STR(dates("z"), "6 8 6 8 0 0");
	CHECK_EQ_STR(dates("x"), "0 4 2 6 2 2");

	/* Status: done at actuals, started runs its remaining work from the
	 * first working day after the status date, the rest waits for it. */
	const char *st = HEAD "task x team a estimate 5d\n"
			      "task y team a estimate 10d\n  after x\n"
			      "task z team a estimate 3d\n  after y\n"
			      "task q team a estimate 2d\n"
			      "status 2027-01-15\n"
			      "  x done 2027-01-08\n"
			      "  y started 2027-01-11 remaining 4d\n";
	load(st, NULL);
	CHECK_EQ_STR(dates("x"), "0 5 0 5 0 0");
	CHECK_EQ_STR(dates("y"), "5 14 5 14 0 0");
	CHECK_EQ_STR(dates("z"), "14 17 14 17 0 0");
	CHECK_EQ_STR(dates("q"), "10 12 15 17 5 5");
	CHECK_EQ_INT(sched->net.state[node("x")], BT_TS_DONE);
	CHECK_EQ_INT(sched->net.state[node("y")], BT_TS_STARTED);
	/* As of an earlier date the status block does not apply yet. */
	load(st, "2027-01-05");
	CHECK_EQ_INT(sched->net.state[node("x")], BT_TS_PLANNED);
	CHECK_EQ_STR(dates("x"), "2 7 2 7 0 0");

	/* Percent complete and re-estimates. */
	load(HEAD "task x team a estimate 10d\ntask y team a estimate 4d\n  after x\n"
		  "status 2027-01-08\n  x started 2027-01-04 percent 30%\n"
		  "status 2027-01-15\n  x percent 50%\n  y estimate 2d 6d 9d\n",
	     NULL);
	CHECK_EQ_STR(dates("x"), "0 15 0 15 0 0");
	CHECK_EQ_STR(dates("y"), "15 21 15 21 0 0");

	baton_schedule_free(sched);
	baton_plan_free(plan);
	return test_report("cpm");
}
