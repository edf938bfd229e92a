/*
 * test_rcmp.c: the .rcmp reader and the engine's multi-project objective
 * (weighted average project delay), on cases small enough to solve by
 * hand.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rcmp.h"
#include "rcpsp.h"
#include "test.h"
#include "util.h"

static int parse(const char *text, bt_rcmp *rc)
{
	return bt_rcmp_parse(text, strlen(text), rc);
}

/* Two projects sharing one resource of capacity 2; project 2 released
 * on day 3; a successor across projects (1:3 -> 2:2). */
static const char good[] =
	"2\n1\n2\n\n"
	"3 0\n1\n\n"
	"0 0 1 1:2\n"
	"4 2 1 1:3\n"
	"0 0 1 2:2\n\n"
	"3 3\n1\n\n"
	"0 0 1 2:2\n"
	"2 1 1 2:3\n"
	"0 0 0\n";

static void test_reader(void)
{
	bt_rcmp rc;
	CHECK_EQ_INT(parse(good, &rc), 0);
	CHECK_EQ_INT(rc.nproj, 2);
	CHECK_EQ_INT(rc.nres, 1);
	CHECK_EQ_INT(rc.n, 6);
	CHECK_EQ_INT(rc.proj_off[1], 3);
	CHECK_EQ_INT(rc.problem.nproj, 2);
	CHECK_EQ_INT(rc.problem.proj[4], 1);
	CHECK_EQ_INT(rc.problem.release[4], 3);
	CHECK_EQ_INT(rc.problem.release[1], 0);
	CHECK_EQ_INT(rc.nprec, 5);
	CHECK_EQ_INT(rc.prec[2].from, 2);
	CHECK_EQ_INT(rc.prec[2].to, 4);
	CHECK_EQ_INT(rc.ndemand, 2);
	/* Solved: activity 2:2 waits for 1:2 (day 4) and for its release. */
	bt_rcpsp_result res;
	CHECK_EQ_INT(bt_rcpsp_solve(&rc.problem, NULL, &res), 0);
	CHECK_EQ_INT(res.start[4], 4);
	CHECK_EQ_INT(res.nproj, 2);
	CHECK_EQ_INT(res.proj_early[1], 6);
	CHECK_EQ_INT(res.proj_finish[1], 6);
	CHECK_EQ_INT(res.wdelay, 0);
	bt_rcpsp_result_free(&res);
	bt_rcmp_free(&rc);
	CHECK_EQ_INT(rc.n, 0);
}

/* A bad text: where the error is (line, column) and what it says. */
static void bad(const char *text, int line, int col, const char *needle)
{
	bt_rcmp rc;
	int r = parse(text, &rc);
	CHECK_EQ_INT(r, -1);
	CHECK_EQ_INT(rc.err_line, line);
	CHECK_EQ_INT(rc.err_col, col);
	if (!strstr(rc.err, needle)) {
		test_failed++;
		fprintf(stderr, "FAIL: error '%s' lacks '%s'\n", rc.err, needle);
	} else {
		test_passed++;
	}
	/* Rendering quotes the line with a caret under the column. */
	bt_buf b = BT_BUF_INIT;
	bt_rcmp_render_error(&rc, "x.rcmp", text, strlen(text), &b);
	char head[64];
	snprintf(head, sizeof head, "x.rcmp:%d:%d: error: ", line, col);
	CHECK(b.s && strncmp(b.s, head, strlen(head)) == 0);
	bt_buf_release(&b);
	bt_rcmp_free(&rc);
}

static void test_reader_errors(void)
{
	bad("", 1, 1, "the file ends where the number of projects");
	bad("x", 1, 1, "expected the number of projects");
	bad("0\n", 1, 1, "an integer from 1 to");
	bad("1 1\n5\n2 0\n1\n0 0 1 1:2\n", 5, 10, "the file ends where the duration of activity 2");
	bad("1 1\n5\n2 0\n1\n0 0 1 1:2\n3 x 0\n", 6, 3, "activity 2 of project 1's demand for resource 1");
	bad("1 1\n5\n2 0\n1\n0 0 1 1:2\n3 6 0\n", 6, 3, "whose capacity is 5");
	bad("1 1\n5\n2 0\n0\n0 0 1 1:2\n3 1 0\n", 6, 3, "does not use resource 1");
	bad("1 1\n5\n2 0\n1\n0 0 1 1:3\n3 1 0\n", 5, 7, "names activity 3 of project 1, which has 2");
	bad("1 1\n5\n2 0\n1\n0 0 1 2:1\n3 1 0\n", 5, 7, "names project 2");
	bad("1 1\n5\n2 0\n1\n0 0 1 1-2\n3 1 0\n", 5, 7, "as project:activity");
	bad("1 1\n5\n2 0\n1\n0 0 1 1:2\n3 1 0\n7\n", 7, 1, "expected the end of the file");
	/* A cycle 2 -> 3 -> 2: the error names a relation on it. */
	bad("1 1\n5\n3 0\n1\n0 0 1 1:2\n3 1 1 1:3\n1 1 1 1:2\n", 6, 7, "closes a cycle");
	bad("1 1\n5\n1 0\n1\n0 0 1 1:1\n", 5, 7, "closes a cycle");
	bad("1 1\n5\n1 99999999999\n", 3, 3, "the release day of project 1");
	/* Bytes that are not text do not crash the quoting. */
	bad("1 1\n5\n1 0\n1\n0 \x01\x02 0\n", 5, 3, "found '?" "?'");
}

/* Unit jobs on one resource of capacity 1: three one-job projects (0, 1,
 * 3) and a project 2 of job C1 followed by C2 (10 days, no resource).
 * With C1 at position k of the four unit slots the small projects' delays
 * sum to 6 - k and project 2's delay is k. Weights 2 on the small ones,
 * 1 on project 2: weighted delay 12 - k, smallest at k = 3 (9; makespan
 * 14), while the makespan alone wants C1 first (11). */
static void test_objective(void)
{
	int32_t dur[5] = {1, 1, 1, 1, 10};
	uint32_t proj[5] = {0, 1, 3, 2, 2};
	int32_t w[4] = {2, 2, 1, 2};
	int32_t cap[1] = {1};
	bt_rcpsp_demand dem[4] = {{0, 0, 1}, {1, 0, 1}, {2, 0, 1}, {3, 0, 1}};
	bt_rcpsp_prec prec[1] = {{.from = 3, .to = 4, .type = BT_RCPSP_FS}};
	bt_rcpsp_problem p = {.n = 5, .k = 1, .dur = dur, .cap = cap,
			      .demand = dem, .ndemand = 4, .prec = prec, .nprec = 1};
	bt_rcpsp_result res;
	bt_rcpsp_opts o = {.max_schedules = 200, .seed = 3};
	/* No projects: the makespan. */
	CHECK_EQ_INT(bt_rcpsp_solve(&p, &o, &res), 0);
	CHECK_EQ_INT(res.makespan, 11);
	CHECK_EQ_INT(res.nproj, 0);
	CHECK(res.proj_finish == NULL);
	bt_rcpsp_result_free(&res);
	/* Projects, weighted. */
	p.nproj = 4;
	p.proj = proj;
	p.proj_weight = w;
	CHECK_EQ_INT(bt_rcpsp_solve(&p, &o, &res), 0);
	CHECK_EQ_INT(res.wdelay, 9);
	CHECK_EQ_INT(res.makespan, 14);
	CHECK_EQ_INT(res.start[3], 3);
	CHECK_EQ_INT(res.proj_early[2], 11);
	CHECK_EQ_INT(res.proj_finish[2], 14);
	bt_rcpsp_result_free(&res);
	/* Equal weights: 12 - k becomes (6 - k) + k = 6 for every k, a tie
	 * on delay that the makespan breaks: C1 first. */
	p.proj_weight = NULL;
	CHECK_EQ_INT(bt_rcpsp_solve(&p, &o, &res), 0);
	CHECK_EQ_INT(res.wdelay, 6);
	CHECK_EQ_INT(res.makespan, 11);
	CHECK_EQ_INT(res.start[3], 0);
	bt_rcpsp_result_free(&res);
	/* Same seed, same schedule. */
	bt_rcpsp_result r2;
	p.proj_weight = w;
	CHECK_EQ_INT(bt_rcpsp_solve(&p, &o, &res), 0);
	CHECK_EQ_INT(bt_rcpsp_solve(&p, &o, &r2), 0);
	CHECK(memcmp(res.start, r2.start, 5 * sizeof *res.start) == 0);
	bt_rcpsp_result_free(&res);
	bt_rcpsp_result_free(&r2);
	/* Bad projects are refused. */
	uint32_t badproj[5] = {0, 1, 4, 2, 2};
	p.proj = badproj;
	CHECK_EQ_INT(bt_rcpsp_solve(&p, &o, &res), BT_RCPSP_EINVAL);
	CHECK_EQ_INT(res.err_act, 2);
	bt_rcpsp_result_free(&res);
	p.proj = proj;
	int32_t w0[4] = {2, 0, 1, 2};
	p.proj_weight = w0;
	CHECK_EQ_INT(bt_rcpsp_solve(&p, &o, &res), BT_RCPSP_EINVAL);
	bt_rcpsp_result_free(&res);
}

/* Two projects with releases: project 1 (days 0..) holds the resource
 * for 4 days; project 2, released on day 2, needs it for 1 day. Serving
 * project 2 on its release day splits project 1's job? No: jobs are not
 * preemptive, so the choice is 2 waits (delay 2) or 1 waits until day 3
 * (delay 3): the optimum is delay 2, total 2 of 2 projects (APD 1). */
static void test_release(void)
{
	int32_t dur[2] = {4, 1}, rel[2] = {0, 2}, cap[1] = {1};
	uint32_t proj[2] = {0, 1};
	bt_rcpsp_demand dem[2] = {{0, 0, 1}, {1, 0, 1}};
	bt_rcpsp_problem p = {.n = 2, .k = 1, .dur = dur, .release = rel, .cap = cap,
			      .demand = dem, .ndemand = 2, .nproj = 2, .proj = proj};
	bt_rcpsp_result res;
	CHECK_EQ_INT(bt_rcpsp_solve(&p, NULL, &res), 0);
	CHECK_EQ_INT(res.wdelay, 2);
	CHECK_EQ_INT(res.start[1], 4);
	CHECK_EQ_INT(res.proj_early[1], 3);
	bt_rcpsp_result_free(&res);
}

/* Projects with calendars and work in progress: the paths the plan
 * compiler uses. Activity 0 is fixed on day 0 (project 0); activity 4 (C2,
 * project 2) pauses on days 5 and 6. Whatever the schedule, the result's
 * delays must add up and respect the early finishes. */
static void test_calendars(void)
{
	int32_t dur[5] = {1, 1, 1, 1, 10};
	int32_t fixed[5] = {0, BT_RCPSP_FREE, BT_RCPSP_FREE, BT_RCPSP_FREE, BT_RCPSP_FREE};
	uint32_t proj[5] = {0, 1, 3, 2, 2};
	uint32_t cal[5] = {BT_RCPSP_NOCAL, BT_RCPSP_NOCAL, BT_RCPSP_NOCAL, BT_RCPSP_NOCAL, 0};
	uint32_t cal_off_off[2] = {0, 2};
	int32_t cal_off[2] = {5, 6};
	int32_t cap[1] = {1};
	bt_rcpsp_demand dem[4] = {{0, 0, 1}, {1, 0, 1}, {2, 0, 1}, {3, 0, 1}};
	bt_rcpsp_prec prec[1] = {{.from = 3, .to = 4, .type = BT_RCPSP_FS}};
	bt_rcpsp_problem p = {.n = 5, .k = 1, .dur = dur, .fixed = fixed, .cap = cap,
			      .demand = dem, .ndemand = 4, .prec = prec, .nprec = 1,
			      .cal = cal, .ncal = 1, .cal_off_off = cal_off_off, .cal_off = cal_off,
			      .nproj = 4, .proj = proj};
	bt_rcpsp_result res;
	bt_rcpsp_opts o = {.max_schedules = 100, .seed = 1};
	CHECK_EQ_INT(bt_rcpsp_solve(&p, &o, &res), 0);
	CHECK_EQ_INT(res.start[0], 0);
	int64_t sum = 0;
	for (uint32_t q = 0; q < res.nproj; q++) {
		CHECK(res.proj_finish[q] >= res.proj_early[q]);
		sum += res.proj_finish[q] - res.proj_early[q];
	}
	CHECK_EQ_INT(sum, res.wdelay);
	/* The unit jobs take days 1, 2, 3 after the fixed one. C1 on day k
	 * (1..3): the two one-job projects finish on the other two days,
	 * delays summing to (2 + 3 + 4) - (k + 1) - 2 = 6 - k; C2 from day
	 * k + 1 works 10 days around the pause and project 2 (early finish
	 * 13) is k days late: 6 whatever k, and the makespan (13 + k) breaks
	 * the tie: C1 on day 1. */
	CHECK_EQ_INT(res.wdelay, 6);
	CHECK_EQ_INT(res.start[3], 1);
	CHECK_EQ_INT(res.makespan, 14);
	CHECK_EQ_INT(res.proj_early[2], 13);
	bt_rcpsp_result_free(&res);
}

int main(void)
{
	test_reader();
	test_reader_errors();
	test_objective();
	test_release();
	test_calendars();
	return test_report("rcmp");
}
