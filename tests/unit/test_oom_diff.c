/*
 * test_oom_diff.c: allocation failure in baton diff (the loop is oom.h's):
 * the two assessments and the structural comparison of oom.h's plan with
 * an edit of it that changes something of every kind, rendered as text,
 * colour, Markdown and JSON, and the count of changes. Each failure point
 * must end in a clean error or in output byte-identical to the run
 * without failures, with nothing leaked.
 */
#include "oom.h"

/* oom_plan after an edit: x re-estimated, a task added before y, y's link
 * now fs, a risk more likely, the decision taken, m recommitted, a holiday
 * and a capacity change, a status line more. */
static const char edited[] =
	"program p \"P\"\n"
	"  start 2027-01-04\n"
	"  commit 2027-03-01\n"
	"  holiday 2027-01-18\n"
	"  holiday 2027-02-15 \"Presidents' Day\"\n"
	"team a \"A\" capacity 2 lead \"Ann\"\n"
	"  capacity 2 from 2027-02-01\n"
	"team b capacity 3\n"
	"milestone m \"M\" commit 2027-01-22 owner \"Mo\"\n"
	"  after y\n"
	"milestone n \"N\" commit 2027-02-10\n"
	"task x \"X renamed\"\n"
	"  team a  estimate 4d 6d 10d  owner \"Xi\"\n"
	"task t \"New\"\n"
	"  team b  estimate 2d\n"
	"task y\n"
	"  team b  estimate 4d  needs 2\n"
	"  after x, t\n"
	"task z\n"
	"  team a  estimate 2d\n"
	"  after m, y ff\n"
	"task w \"W\"\n"
	"  team b  estimate 2d 3d 6d  needs a:1 b:2\n"
	"  after x\n"
	"risk r \"R\"\n"
	"  probability 50%  impact 5d..9d  on x, y\n"
	"  owner \"Lee\"\n"
	"decision d \"D\"\n"
	"  date 2027-01-05  status decided  decided 2027-01-10  need-by 2027-01-11  links m\n"
	"  ask \"Pick one\"  from \"CTO\"\n"
	"decision e \"E\"\n"
	"  date 2027-01-04  owner \"VP\"  status decided\n"
	"status 2027-01-06\n"
	"  x started 2027-01-05\n"
	"status 2027-01-12\n"
	"  x started 2027-01-05 remaining 3d\n"
	"  t started 2027-01-11\n"
	"  note x \"going\"\n"
	"scenario s \"S\"\n"
	"  task z after x +1d\n";

static void run(oom_ctx *c, long runs)
{
	baton_plan *o = oom_parse(c, oom_plan);
	baton_plan *n = o ? oom_parse(c, edited) : NULL;
	if (n) {
		baton_status_opts so = BATON_STATUS_OPTS_INIT;
		so.runs = runs;
		baton_error err;
		baton_diff *d = baton_diff_compute(o, n, &so, NULL, &err);
		if (!d)
			oom_error(c, "baton_diff_compute", &err);
		else {
			oom_outf(c, "changes", "%zu", baton_diff_changes(d));
			oom_out(c, "text", baton_diff_render(d, BATON_FORMAT_TERM, 0));
			oom_out(c, "colour", baton_diff_render(d, BATON_FORMAT_TERM, BATON_RENDER_COLOR));
			oom_out(c, "Markdown", baton_diff_render(d, BATON_FORMAT_MARKDOWN, 0));
			oom_out(c, "JSON", baton_diff_render(d, BATON_FORMAT_JSON, 0));
		}
		baton_diff_free(d);
	}
	baton_plan_free(n);
	baton_plan_free(o);
}

static void diff_forecast(oom_ctx *c)
{
	run(c, 40);
}

static void diff_slack(oom_ctx *c)
{
	run(c, -1);
}

/* The same plan on both sides: no change, every figure equal. */
static void same(void)
{
	baton_plan *o = baton_plan_parse("p.baton", oom_plan, strlen(oom_plan));
	baton_plan *n = baton_plan_parse("p.baton", oom_plan, strlen(oom_plan));
	CHECK(o && n);
	baton_status_opts so = BATON_STATUS_OPTS_INIT;
	so.runs = 200;
	baton_diff *d = o && n ? baton_diff_compute(o, n, &so, NULL, NULL) : NULL;
	CHECK(d != NULL);
	if (d) {
		CHECK_EQ_INT((int)baton_diff_changes(d), 0);
		char *t = baton_diff_render(d, BATON_FORMAT_TERM, 0);
		CHECK(t && strstr(t, "No changes to the plan.") && strstr(t, "The forecast is unchanged."));
		baton_string_free(t);
	}
	baton_diff_free(d);
	baton_plan_free(n);
	baton_plan_free(o);
}

int main(void)
{
	same();
	oom_loop("diff", diff_forecast, 1);
	oom_loop("diff without a forecast", diff_slack, 1);
	return test_report("oom_diff");
}
