/*
 * test_oom_tjp.c: allocation failure in `baton export tjp` (the loop is
 * oom.h's), on oom.h's plan and on one that needs every kind of helper
 * task: a team with days off, SS and SF out of its task, FF into it,
 * leads, workstreams, ids tj3 cannot take as they are, started and done
 * work. Each failure point must end in a clean failure ("out of memory")
 * or in output byte-identical to the run without failures, with nothing
 * leaked.
 */
#include "oom.h"
#include "tjp.h"

static const char helpers_plan[] =
	"program h.p \"H \\\"${x}\\\"\"\n"
	"  start 2027-01-04\n"
	"  holiday 2027-01-18..2027-01-19 \"Long weekend\"\n"
	"team a capacity 2\n"
	"  holiday 2027-01-11\n"
	"  holiday 2027-01-12..2027-01-13\n"
	"team b-2 capacity 1\n"
	"task t-1 \"One\"\n"
	"  team a estimate 3d workstream \"core work\"\n"
	"task t__2\n"
	"  team b-2 estimate 2d\n"
	"  after t-1 ss +1d, t-1 sf -1d, t-1 ff\n"
	"task t3\n"
	"  team a estimate 4d workstream \"core work\"\n"
	"  after t__2 ff +2d, t-1 -2d\n"
	"milestone m\n"
	"  after t3 ss, t__2 sf\n"
	"task t4\n"
	"  team b-2 estimate 0d not-before 2027-02-01\n"
	"  after m ss +1d\n"
	"status 2027-01-06\n"
	"  t-1 started 2027-01-04 remaining 2d\n";

static void export_case(oom_ctx *c) { oom_export(c, oom_plan, bt_tjp_export, "bt_tjp_export"); }
static void helpers_case(oom_ctx *c) { oom_export(c, helpers_plan, bt_tjp_export, "bt_tjp_export"); }

int main(void)
{
	oom_loop("tjp export", export_case, 1);
	oom_loop("tjp export with helpers", helpers_case, 1);
	return test_report("oom tjp");
}
