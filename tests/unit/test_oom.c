/*
 * test_oom.c: allocation failure in the plan, schedule and import entry
 * points (the loop is oom.h's): parse and check with the diagnostics as
 * text, in colour and as JSON, format; the schedule, unlevelled and
 * levelled, and under a scenario, in every format and every schedule
 * diagram; next week's status block; the PSPLIB importer; a sync. Each failure
 * point must end in a clean error or in output byte-identical to the run
 * without failures, with nothing leaked.
 * test_oom_forecast.c and test_oom_status.c cover the rest of baton.h.
 */
#include "oom.h"
#include "import.h"
#include "psplib.h"
#include "sync.h"
#include "rcmp.h"
#include "sync_case.h"

/* A plan with errors and warnings: its diagnostics, "did you mean" too. */
static const char bad_plan[] =
	"program p\n  start 2027-01-04\n"
	"team web capacity 2\n"
	"task x \"X\"\n  team wbe  estimate 3d\n  after yy\n"
	"task y\n  team web estimate 2d\n  after x\n"
	"task c1\n  team web estimate 1d\n  after c2\n"
	"task c2\n  team web estimate 1d\n  after c1\n"
	"milestone m\n"
	"decision d\n  status proposed\n"
	"scenario s\n  task c1 drop-after c2\n  task y after c1\n";

/* A scenario whose links make a cycle: check reports it, path and all. */
static const char cycle_plan[] =
	"program p\n  start 2027-01-04\nteam web capacity 2\n"
	"task a\n  team web estimate 1d\ntask b\n  team web estimate 1d\n  after a\n"
	"scenario s\n  task a after b\n";

static void plan_case(oom_ctx *c, const char *text)
{
	baton_plan *p = oom_parse(c, text);
	if (!p)
		return;
	oom_outf(c, "errors and warnings", "%d %d", baton_plan_errors(p), baton_plan_warnings(p));
	oom_out(c, "diagnostics", baton_plan_diagnostics(p, 0));
	oom_out(c, "diagnostics in colour", baton_plan_diagnostics(p, 1));
	oom_out(c, "diagnostics JSON", baton_plan_diagnostics_json(p));
	int changed = -1;
	char *f = baton_plan_format(p, &changed);
	if (f)
		oom_outf(c, "changed", "%d", changed);
	else
		oom_out(c, "changed", NULL);
	oom_out(c, "format", f);
	oom_outf(c, "program", "%s", baton_plan_program(p) ? baton_plan_program(p) : "-");
	oom_outf(c, "dates", "%d %d", baton_date_valid("2027-02-28"), baton_date_valid("2027-02-29"));
	for (size_t i = 0; baton_plan_scenario(p, i); i++)
		oom_outf(c, "scenario", "%s", baton_plan_scenario(p, i));
	baton_plan_free(p);
}

static void good_plan(oom_ctx *c)
{
	plan_case(c, oom_plan);
}

static void bad(oom_ctx *c)
{
	plan_case(c, bad_plan);
}

static void cycle(oom_ctx *c)
{
	plan_case(c, cycle_plan);
}

static void schedule_case(oom_ctx *c, int level, const char *scenario)
{
	baton_plan *p = oom_parse(c, oom_plan);
	if (!p)
		return;
	baton_schedule_opts o = BATON_SCHEDULE_OPTS_INIT;
	o.level = level;
	o.scenario = scenario;
	o.schedules = 200;
	baton_error err;
	baton_schedule *s = baton_schedule_compute(p, &o, &err);
	if (!s) {
		oom_error(c, "baton_schedule_compute", &err);
		baton_plan_free(p);
		return;
	}
	oom_outf(c, "end day", "%d", (int)baton_schedule_end_day(s));
	oom_out(c, "schedule text", baton_schedule_render(s, BATON_FORMAT_TERM, 0));
	oom_out(c, "schedule text in colour", baton_schedule_render(s, BATON_FORMAT_TERM, BATON_RENDER_COLOR));
	oom_out(c, "schedule Markdown", baton_schedule_render(s, BATON_FORMAT_MARKDOWN, 0));
	oom_out(c, "schedule JSON", baton_schedule_render(s, BATON_FORMAT_JSON, 0));
	for (int k = BATON_DIAGRAM_DOT; k <= BATON_DIAGRAM_MILESTONES_TEXT; k++) {
		/* The milestone kinds are NULL by contract here (they need an
		 * assessment): recorded as such. */
		oom_out(c, "schedule diagram", baton_schedule_diagram(s, (enum baton_diagram)k, 0));
		oom_out(c, "schedule diagram, commits", baton_schedule_diagram(s, (enum baton_diagram)k, BATON_DIAGRAM_COMMITS));
	}
	baton_schedule_free(s);
	baton_plan_free(p);
}

static void unlevelled(oom_ctx *c)
{
	schedule_case(c, 0, NULL);
}

static void levelled(oom_ctx *c)
{
	schedule_case(c, 1, NULL);
}

/* Under a scenario, beside the plan without it. */
static void scenario(oom_ctx *c)
{
	schedule_case(c, 1, "s");
}

/* Next week's status block, printed and written into the plan. */
static void next_block(oom_ctx *c)
{
	baton_plan *p = oom_parse(c, oom_plan);
	if (!p)
		return;
	baton_error err;
	oom_out(c, "next block", baton_plan_next(p, "2027-01-22", 0, &err));
	oom_out(c, "next into the plan", baton_plan_next(p, NULL, 1, &err));
	baton_plan_free(p);
}

static char *psplib_text;
static size_t psplib_len;

/* The importer: a J30 instance read and printed as a plan, which must
 * parse without errors. */
static void psplib(oom_ctx *c)
{
	bt_psplib ps;
	int rc = bt_psplib_parse(psplib_text, psplib_len, &ps);
	if (rc) {
		oom_err(c, "bt_psplib_parse", ps.err);
		bt_psplib_free(&ps);
		return;
	}
	bt_buf b = BT_BUF_INIT;
	bt_psplib_to_plan(&ps, "j301-1", &b);
	bt_psplib_free(&ps);
	char *plan = bt_buf_detach(&b, NULL);
	if (!oom_out(c, "imported plan", plan ? strdup(plan) : NULL))
		return;
	baton_plan *p = baton_plan_parse("j301_1.baton", plan, strlen(plan));
	bt_free(plan);
	if (!p) {
		oom_err(c, "baton_plan_parse", "out of memory");
		return;
	}
	oom_outf(c, "errors", "%d", baton_plan_errors(p));
	baton_plan_free(p);
}

/* The multi-project reader, a levelling with projects and a project's
 * plan: a failure must say "out of memory" and nothing else. */
static char *rcmp_text;
static size_t rcmp_len;

static void rcmp(oom_ctx *c)
{
	bt_rcmp rc;
	if (bt_rcmp_parse(rcmp_text, rcmp_len, &rc)) {
		oom_err(c, "bt_rcmp_parse", rc.err);
		bt_rcmp_free(&rc);
		return;
	}
	bt_rcpsp_opts o = {.max_schedules = 30, .seed = 1};
	bt_rcpsp_result res;
	int e = bt_rcpsp_solve(&rc.problem, &o, &res);
	if (e) {
		oom_err(c, "bt_rcpsp_solve", bt_rcpsp_strerror(e));
	} else {
		oom_outf(c, "levelled with projects", "%d %lld", (int)res.makespan,
			 (long long)res.wdelay);
		bt_buf b = BT_BUF_INIT;
		bt_rcmp_to_plan(&rc, 1, "g", &b);
		char *plan = bt_buf_detach(&b, NULL);
		oom_out(c, "project plan", plan ? strdup(plan) : NULL);
		bt_free(plan);
	}
	bt_rcpsp_result_free(&res);
	bt_rcmp_free(&rc);
}

/* The importers: each sample export read and printed as a plan with its
 * summary; a failure must say "out of memory" and nothing else. */
static char *import_text[3];
static size_t import_len[3];
static int (*const import_fn[3])(const char *, size_t, const bt_import_opts *, bt_import *) = {
	bt_import_jira_csv, bt_import_jira_json, bt_import_csv};
static int import_which;

static void import_case(oom_ctx *c)
{
	bt_import_opts o = {0};
	o.name = "imp";
	o.default_estimate = -1;
	o.today = 20000;
	o.points = "*=2";
	bt_import im = BT_IMPORT_INIT;
	if (import_fn[import_which](import_text[import_which], import_len[import_which], &o, &im)) {
		oom_err(c, "bt_import", im.err);
		bt_import_free(&im);
		return;
	}
	oom_outf(c, "plan", "%s", im.plan.len < 200 ? im.plan.s : im.plan.s + im.plan.len - 200);
	oom_outf(c, "summary", "%.200s", im.summary.s);
	oom_outf(c, "plan size", "%zu", im.plan.len);
	bt_import_free(&im);
}

/* A sync of sync_case.h's two plans, as block, text and JSON. */
static void sync_case(oom_ctx *c)
{
	baton_plan *cur = oom_parse(c, sync_cur);
	if (!cur)
		return;
	baton_plan *nw = oom_parse(c, sync_new);
	if (!nw) {
		baton_plan_free(cur);
		return;
	}
	bt_sync_opts o = {0};
	o.date = BT_DATE_NONE;
	o.export_date_what = "the export";
	o.format = "jira";
	bt_sync s = BT_SYNC_INIT;
	bt_date_parse("2027-01-15", 10, &o.export_date);
	int rc = bt_sync_compute(cur, nw, &o, &s);
	if (rc) {
		oom_err(c, "bt_sync_compute", rc == -2 ? "out of memory" : s.diag.s);
	} else {
		oom_out(c, "block", oom_buf(&s.block));
		oom_out(c, "report", oom_buf(&s.text));
		oom_out(c, "json", oom_buf(&s.json));
		oom_outf(c, "counts", "%d %d %s", s.entries, s.items, s.date);
	}
	bt_sync_free(&s);
	baton_plan_free(nw);
	baton_plan_free(cur);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	static char buf[1 << 16];
	*len = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[*len] = 0;
	return buf;
}

int main(void)
{
	oom_loop("plan", good_plan, 1);
	oom_loop("plan with errors", bad, 1);
	oom_loop("scenario with a cycle", cycle, 1);
	oom_loop("schedule", unlevelled, 1);
	oom_loop("levelled schedule", levelled, 1);
	oom_loop("schedule under a scenario", scenario, 1);
	oom_loop("next", next_block, 1);
	oom_loop("sync", sync_case, 1);
	rcmp_text = slurp("tests/fuzz/corpus/rcmp/cross.rcmp", &rcmp_len);
	CHECK(rcmp_text != NULL);
	if (rcmp_text)
		oom_loop("rcmp", rcmp, 1);
	psplib_text = slurp("tests/data/psplib/j30/j301_1.sm", &psplib_len);
	CHECK(psplib_text != NULL);
	if (psplib_text)
		oom_loop("psplib import", psplib, 1);
	static const char *const samples[3] = {"tests/data/import/jira-cloud.csv", "tests/data/import/jira-search.json",
					       "tests/data/import/sheet.csv"};
	static const char *const names[3] = {"jira csv import", "jira json import", "csv import"};
	/* The JSON import too: its decoding by jansson is spared injected
	 * failures (bt_json_loadb), what baton builds from it is not. */
	for (int k = 0; k < 3; k++) {
		char *t = slurp(samples[k], &import_len[k]);
		CHECK(t != NULL);
		if (!t)
			continue;
		import_text[k] = strdup(t);
		import_which = k;
		oom_loop(names[k], import_case, 1);
		free(import_text[k]);
	}
	return test_report("oom");
}
