/*
 * fuzz_rcmp.c: the libFuzzer target for the multi-project reader
 * (src/lib/rcmp.c). The input is a .rcmp file. When the reader refuses
 * it, its error must render; when it accepts it, the problem is levelled
 * with projects (a small budget) and the schedule checked here, naively.
 *
 * Properties checked (a violation aborts): a refused input has a message
 * and renders; an accepted one levels (no capacity shortage is possible:
 * the reader refuses a demand above its capacity) unless its days leave
 * the engine's range; the schedule honours every relation, release and
 * capacity; each project's finish is at or after its early finish, and
 * the weighted delay is their sum (weights 1).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rcmp.h"
#include "rcpsp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what)
{
	fprintf(stderr, "fuzz_rcmp: %s\n", what);
	__builtin_trap();
}

static void check(const bt_rcmp *rc, const bt_rcpsp_result *res)
{
	const bt_rcpsp_problem *p = &rc->problem;
	int64_t end = 0, sum = 0;
	for (uint32_t j = 0; j < p->n; j++) {
		if (res->start[j] < p->release[j])
			fail("an activity starts before its project's release");
		if ((int64_t)res->start[j] + p->dur[j] > end)
			end = (int64_t)res->start[j] + p->dur[j];
	}
	for (uint32_t i = 0; i < p->nprec; i++)
		if ((int64_t)res->start[p->prec[i].to] <
		    (int64_t)res->start[p->prec[i].from] + p->dur[p->prec[i].from])
			fail("a successor starts before its predecessor finishes");
	if (end != res->makespan)
		fail("the makespan is not the latest finish");
	for (uint32_t q = 0; q < res->nproj; q++) {
		if (res->proj_finish[q] < res->proj_early[q])
			fail("a project finishes before its early finish");
		sum += res->proj_finish[q] - res->proj_early[q];
	}
	if (res->nproj != p->nproj || sum != res->wdelay)
		fail("the weighted delay is not the sum of the projects' delays");
	if (end > 20000)
		return; /* day-by-day sums would be slow; the engine's own tests cover it */
	int64_t *use = calloc((size_t)end + 1, sizeof *use);
	if (!use)
		abort();
	for (uint32_t r = 0; r < p->k; r++) {
		memset(use, 0, ((size_t)end + 1) * sizeof *use);
		for (uint32_t i = 0; i < p->ndemand; i++) {
			if (p->demand[i].res != r)
				continue;
			uint32_t j = p->demand[i].act;
			for (int64_t t = res->start[j]; t < (int64_t)res->start[j] + p->dur[j]; t++)
				use[t] += p->demand[i].amount;
		}
		for (int64_t t = 0; t < end; t++)
			if (use[t] > p->cap[r])
				fail("a resource is used beyond its capacity");
	}
	free(use);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	bt_rcmp rc;
	memset(&rc, 0, sizeof rc);
	if (bt_rcmp_parse((const char *)data, size, &rc)) {
		bt_buf b = BT_BUF_INIT;
		if (!rc.err[0])
			fail("a refused input without a message");
		bt_rcmp_render_error(&rc, "f.rcmp", (const char *)data, size, &b);
		if (b.oom || !b.len)
			fail("an error that does not render");
		bt_buf_release(&b);
		bt_rcmp_free(&rc);
		return 0;
	}
	/* The engine's resource profiles are indexed by day, so its time grows
	 * with the horizon: two activities of 5e7 days take 40 s. Real
	 * portfolios span thousands of days; past 1e5 the target checks the
	 * reader only, so the fuzzer's budget goes to inputs it can judge. */
	int64_t horizon = 0, last_release = 0;
	for (uint32_t j = 0; j < rc.problem.n; j++) {
		horizon += rc.problem.dur[j];
		if (rc.problem.release && rc.problem.release[j] > last_release)
			last_release = rc.problem.release[j];
	}
	horizon += last_release;
	if (horizon > 100000) {
		bt_rcmp_free(&rc);
		return 0;
	}
	bt_rcpsp_opts o = {.max_schedules = 20, .seed = 1};
	bt_rcpsp_result res;
	int e = bt_rcpsp_solve(&rc.problem, &o, &res);
	if (e == 0)
		check(&rc, &res);
	else if (e != BT_RCPSP_EINVAL)
		fail(bt_rcpsp_strerror(e));
	bt_rcpsp_result_free(&res);
	bt_rcmp_free(&rc);
	return 0;
}
