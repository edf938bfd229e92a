/*
 * test_oom_recover.c: allocation failure in baton recover (the loop is
 * oom.h's): the search on a plan that offers every kind of change (people
 * hired or borrowed, a crash, a descope, a fast-track, a mitigation, a
 * re-sequence), from the plan and from one of its scenarios, rendered as
 * text, JSON and a scenario block. Each failure point must end in a clean
 * "out of memory" or in output byte-identical to the run without failures:
 * a candidate that an allocation failure made unreadable must not turn
 * into "no option". Then the same search's figures, checked once by hand.
 */
#include "oom.h"

static const char plan[] =
	"program p \"P\"\n"
	"  start 2027-01-04\n"
	"team a capacity 1\n"
	"team b capacity 2\n"
	"team c capacity 3 fixed\n"
	"task prep \"Prep\" team b estimate 2d\n"
	"task x \"X\" team a estimate 6d 8d 10d\n"
	"  after prep\n"
	"task y \"Y\" team a estimate 6d 8d 10d optional\n"
	"  after prep\n"
	"task k \"K\" team c estimate 9d crash 3\n"
	"  after prep\n"
	"task f \"F\" team c estimate 4d\n"
	"  after k\n"
	"  fast-track k +2d\n"
	"milestone m \"M\" commit 2027-01-22\n"
	"  after x, y, f\n"
	"risk r \"R\" probability 60% impact 3d on x mitigated 10% mitigation-cost 2d\n"
	"scenario cut \"Cut\"\n"
	"  team b capacity 1 from 2027-01-11\n";

/* The search's own time is not part of what it found: each number after
 * " in " or "seconds": " becomes one '#'. */
static void blank(char *s, const char *mark)
{
	size_t ml = strlen(mark);
	for (char *p = s; (p = strstr(p, mark)) != NULL;) {
		char *q = p + ml, *e = q;
		while ((*e >= '0' && *e <= '9') || *e == '.' || *e == 'e' || *e == '-' || *e == '+')
			e++;
		if (e > q) {
			*q = '#';
			memmove(q + 1, e, strlen(e) + 1);
		}
		p = q;
	}
}

static char *untimed(char *s)
{
	if (s) {
		blank(s, " in ");
		blank(s, "seconds\": ");
	}
	return s;
}

static void run(oom_ctx *c, const char *under)
{
	baton_plan *p = oom_parse(c, plan);
	if (!p)
		return;
	baton_recover_opts o = BATON_RECOVER_OPTS_INIT;
	o.milestone = "m";
	o.runs = 10;
	o.max_sets = 3;
	o.time_limit = 3600;
	o.under = under;
	baton_error err;
	baton_recovery *r = baton_recover(p, &o, &err);
	if (!r)
		oom_error(c, "baton_recover", &err);
	else {
		oom_out(c, "text", untimed(baton_recovery_render(r, BATON_FORMAT_TERM, 0)));
		oom_out(c, "JSON", untimed(baton_recovery_render(r, BATON_FORMAT_JSON, 0)));
		oom_out(c, "scenario 1", baton_recovery_scenario(r, 1, "x1"));
	}
	baton_recovery_free(r);
	baton_plan_free(p);
}

static void from_plan(oom_ctx *c)
{
	run(c, NULL);
}

static void from_scenario(oom_ctx *c)
{
	run(c, "cut");
}

/* Without failures: the kinds this plan offers are all candidates, and the
 * cheapest option that reaches the target uses the program's own people. */
static void figures(void)
{
	baton_plan *p = baton_plan_parse("p.baton", plan, strlen(plan));
	CHECK(p != NULL);
	if (!p)
		return;
	baton_recover_opts o = BATON_RECOVER_OPTS_INIT;
	o.milestone = "m";
	o.runs = 200;
	o.time_limit = 3600;
	baton_recovery *r = baton_recover(p, &o, NULL);
	CHECK(r != NULL);
	char *j = r ? baton_recovery_render(r, BATON_FORMAT_JSON, 0) : NULL;
	CHECK(j != NULL);
	if (j) {
		static const char *const kinds[] = {"\"capacity\"", "\"borrow\"", "\"crash\"", "\"descope\"",
						    "\"fast-track\"", "\"mitigate\""};
		const char *screened = strstr(j, "\"screened\"");
		CHECK(screened != NULL);
		for (size_t i = 0; screened && i < sizeof kinds / sizeof *kinds; i++)
			CHECK(strstr(screened, kinds[i]) != NULL);
		/* Nothing adds people to the fixed team c. */
		CHECK(strstr(j, "team c capacity") == NULL);
	}
	baton_string_free(j);
	baton_recovery_free(r);
	baton_plan_free(p);
}

int main(void)
{
	figures();
	/* Every failure point costs a whole search: a stride keeps the
	 * loop to seconds under ASan, and still lands in every stage. */
	oom_loop("recover", from_plan, 7);
	oom_loop("recover under a scenario", from_scenario, 13);
	return test_report("oom_recover");
}
