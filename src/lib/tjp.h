/*
 * tjp.h: a plan written as a TaskJuggler 3 project (a `.tjp` file that
 * `tj3` schedules). The mapping and its limits are in docs/interop.md,
 * "TaskJuggler (tj3)".
 */
#ifndef BT_TJP_H
#define BT_TJP_H

#include "baton.h"
#include "util.h"

/* The critical-path schedule of a plan without errors (as of its latest
 * status block; never levelled: tj3 levels by its own heuristic) as a
 * .tjp appended to `out`, and to `summary` what the format has no place
 * for. Returns 0, or -1 with *err (a static message) when the plan cannot
 * be scheduled or memory runs out. */
int bt_tjp_export(baton_plan *plan, bt_buf *out, bt_buf *summary, const char **err);

#endif
