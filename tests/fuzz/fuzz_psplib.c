/*
 * fuzz_psplib.c: the libFuzzer target for the PSPLIB importer
 * (src/lib/psplib.c, `baton import psplib`). The input is a .sm file. When
 * the reader accepts it, the plan it prints is parsed, checked and
 * scheduled, on the critical path and levelled.
 *
 * Properties checked (a violation aborts): an accepted instance prints a
 * plan with no errors (`baton import` must never hand the user a plan
 * that does not check), and that plan's critical-path end is the
 * instance's own, its longest path of durations.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baton.h"
#include "psplib.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_psplib: %s\n%s", what, detail ? detail : "");
	__builtin_trap();
}

/* The longest path of durations through the finish-to-start relations, by
 * relaxation in rounds (at most n: the plan checked, so there is no
 * cycle). Fuzz inputs are small; simple beats fast here. */
static int64_t longest_path(const bt_rcpsp_problem *p)
{
	int64_t *es = calloc(p->n ? p->n : 1, sizeof *es), end = 0;
	if (!es)
		abort();
	for (uint32_t round = 0; round <= p->n; round++) {
		int moved = 0;
		for (uint32_t i = 0; i < p->nprec; i++) {
			int64_t s = es[p->prec[i].from] + p->dur[p->prec[i].from];
			if (s > es[p->prec[i].to]) {
				es[p->prec[i].to] = s;
				moved = 1;
			}
		}
		if (!moved)
			break;
	}
	for (uint32_t v = 0; v < p->n; v++)
		if (es[v] + p->dur[v] > end)
			end = es[v] + p->dur[v];
	free(es);
	return end;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	bt_psplib ps;
	if (bt_psplib_parse((const char *)data, size, &ps)) {
		/* The message is printed by the CLI: it must be a string. */
		(void)strlen(ps.err);
		bt_psplib_free(&ps);
		return 0;
	}
	bt_buf out = BT_BUF_INIT;
	bt_psplib_to_plan(&ps, "fuzz", &out);
	if (out.oom)
		abort();
	baton_plan *p = baton_plan_parse("import.baton", out.s, out.len);
	if (!p)
		abort();
	if (baton_plan_errors(p)) {
		char *d = baton_plan_diagnostics(p, 0);
		fail("an imported instance prints a plan with errors:", d);
	}
	baton_schedule_opts so = BATON_SCHEDULE_OPTS_INIT;
	so.level = 0;
	baton_error err;
	baton_schedule *s = baton_schedule_compute(p, &so, &err);
	int64_t want = longest_path(&ps.problem);
	if (!s) {
		/* Durations run to 100,000,000 days; the calendar ends in 9999,
		 * some 2,080,000 working days after the plan's start. */
		if (want > 2000000 && strstr(err.message, "9999"))
			goto done;
		fail("an imported plan has no critical-path schedule: ", err.message);
	}
	if (baton_schedule_end_day(s) != want) {
		char msg[96];
		snprintf(msg, sizeof msg, "the plan ends on day %ld, the instance's critical path on day %lld\n",
			 (long)baton_schedule_end_day(s), (long long)want);
		fail("the imported plan's critical path is not the instance's", msg);
	}
	baton_schedule_free(s);
	/* Levelled, with a small budget: no capacity can make it shorter. */
	so.level = 1;
	so.schedules = 50;
	s = baton_schedule_compute(p, &so, &err);
	if (s && baton_schedule_end_day(s) < want)
		fail("the levelled schedule is shorter than the critical path", NULL);
	baton_schedule_free(s);
done:
	baton_plan_free(p);
	bt_buf_release(&out);
	bt_psplib_free(&ps);
	return 0;
}
