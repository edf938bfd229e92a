/*
 * test_oom_portfolio.c: allocation failure in the portfolio views (the
 * loop is oom.h's): two small programs that share a team, loaded from a
 * portfolio file and rendered as JSON in every view (schedule, forecast,
 * status, trade-off), the trade-off also as text and in the report page
 * (the ask's words have a buffer of their own in all three). Each failure
 * point must end in a clean error or in output byte-identical to the run
 * without failures, with nothing leaked. The files are written once,
 * before the loop, into a temporary folder.
 */
#include <unistd.h>

#include "oom.h"

static char dir[64], pf_path[128];

/* Both programs need the shared team at once; one decision is asked of
 * someone, so a program's row names it. */
static const char prog_a[] =
	"program a \"A\"\n"
	"  start 2027-01-04\n"
	"  commit 2027-02-05\n"
	"team s \"Shared\" capacity 2\n"
	"team x capacity 1\n"
	"milestone ma \"MA\" commit 2027-01-22\n"
	"  after a1\n"
	"task a1 \"A1\"\n"
	"  team s  estimate 3d 5d 8d  needs 2\n"
	"task a2\n"
	"  team x  estimate 4d  needs x:1 s:1\n"
	"  after a1\n"
	"risk ra \"RA\"\n"
	"  probability 40%  impact 2d..4d  on a2\n"
	"decision da \"DA\"\n"
	"  date 2027-01-04  status proposed  need-by 2027-01-08  links ma\n"
	"  ask \"Pick a vendor\"  from \"CTO\"\n"
	"status 2027-01-06\n"
	"  a1 started 2027-01-05\n";

static const char prog_b[] =
	"program b \"B\"\n"
	"  start 2027-01-04\n"
	"  commit 2027-02-01\n"
	"team s \"Shared\" capacity 2\n"
	"milestone mb \"MB\" commit 2027-01-15\n"
	"  after b1\n"
	"task b1\n"
	"  team s  estimate 2d 4d 6d  needs 2\n"
	"task b2\n"
	"  team s  estimate 3d\n"
	"  after b1\n";

static const char portfolio[] =
	"portfolio pf \"PF\"\n"
	"team s \"Shared\" capacity 2\n"
	"program \"a.baton\" priority 2\n"
	"program \"b.baton\"\n";

static int write_file(const char *name, const char *text)
{
	char path[128];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	int rc = fputs(text, f) < 0;
	return fclose(f) || rc ? -1 : 0;
}

static void remove_files(void)
{
	const char *names[] = {"a.baton", "b.baton", "pf.portfolio"};
	char path[128];
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
}

static void views(oom_ctx *c, int trade)
{
	baton_error err;
	baton_portfolio *pf = baton_portfolio_load(pf_path, "2027-01-06", 0, NULL, &err);
	if (!pf) {
		oom_error(c, "baton_portfolio_load", &err);
		return;
	}
	baton_portfolio_opts o = {.runs = 8, .seed = 3};
	static const enum baton_portfolio_view v[] = {BATON_PF_SCHEDULE, BATON_PF_FORECAST, BATON_PF_STATUS};
	static const char *const what[] = {"schedule JSON", "forecast JSON", "status JSON"};
	for (int i = 0; i < 3 && !trade; i++) {
		baton_error e;
		char *s = baton_portfolio_render(pf, v[i], BATON_FORMAT_JSON, &o, 0, &e);
		if (!s)
			oom_error(c, what[i], &e);
		oom_out(c, what[i], s);
	}
	/* The ask's words come from a buffer of their own in all three. */
	static const enum baton_format tf[] = {BATON_FORMAT_JSON, BATON_FORMAT_TERM, BATON_FORMAT_TERM};
	static const char *const twhat[] = {"trade-off JSON", "trade-off text", "report page"};
	for (int i = 0; i < 3 && trade; i++) {
		baton_error e;
		char *s = baton_portfolio_render(pf, i < 2 ? BATON_PF_TRADEOFF : BATON_PF_REPORT, tf[i], &o, 0, &e);
		if (!s)
			oom_error(c, twhat[i], &e);
		oom_out(c, twhat[i], s);
	}
	baton_portfolio_free(pf);
}

static void schedule_forecast_status(oom_ctx *c)
{
	views(c, 0);
}

static void tradeoff(oom_ctx *c)
{
	views(c, 1);
}

int main(void)
{
	snprintf(dir, sizeof dir, "/tmp/baton-oom-pf-XXXXXX");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(pf_path, sizeof pf_path, "%s/pf.portfolio", dir);
	int ok = !write_file("a.baton", prog_a) && !write_file("b.baton", prog_b) &&
		 !write_file("pf.portfolio", portfolio);
	CHECK(ok);
	if (ok) {
		/* Each run loads, levels and simulates both programs again:
		 * every 2nd of the views' 1,400 allocations and every 6th of
		 * the trade-off's 5,700 (all of both ran clean once), so the
		 * ASan build takes under a minute. */
		oom_loop("portfolio views", schedule_forecast_status, 2);
		oom_loop("portfolio trade-off", tradeoff, 6);
	}
	remove_files();
	return test_report("oom_portfolio");
}
