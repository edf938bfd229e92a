/*
 * level.h: capacity levelling of a plan. Lowers the compiled network and
 * the plan's teams to the RCPSP engine (rcpsp.h): teams are resources with
 * capacity profiles over working days (capacity changes, temporary changes
 * and team holidays), tasks are activities with their `needs`, dependencies
 * become minimum time lags, done and started work is fixed where it is.
 */
#ifndef BT_LEVEL_H
#define BT_LEVEL_H

#include "net.h"
#include "rcpsp.h"

typedef struct bt_leveler bt_leveler;

/* Working days from 2027 to the year 9999, roughly; levelling beyond
 * this would only produce dates that cannot be printed. */
#define BT_MAX_LEVEL_SPAN 2000000

/* Build the levelling problem of a plan as of `net` (capacity profiles,
 * demands). Returns NULL when memory runs out. Read-only afterwards, so
 * several threads may call bt_leveler_run on one leveler at once. */
bt_leveler *bt_leveler_new(const bt_plan *p, const bt_net *net);
/* The same under a scenario's capacity items (`team X capacity N from DATE
 * [to DATE]`), which apply after the plan's own; sc may be NULL. */
bt_leveler *bt_leveler_new_scenario(const bt_plan *p, const bt_net *net,
				    const bt_scenario *sc);
void bt_leveler_free(bt_leveler *L);

/* The people team t has on date d from its declarations and a scenario's
 * capacity items (sc may be NULL), team holidays aside: its `capacity`,
 * else the change in force then. `since` (OUT, may be NULL): the first
 * day of that change; BT_DATE_NONE when it is the team's own capacity. */
int32_t bt_team_capacity_at(const bt_plan *p, const bt_scenario *sc, uint32_t team, bt_date d,
			    bt_date *since);

/* Capacity of team t on working days [from, to) (capacity changes,
 * temporary changes and team holidays applied), into out[to - from]:
 * O(the team's steps + days). Returns 0, or -1 when memory runs out. */
int bt_leveler_capacity_days(const bt_leveler *L, uint32_t team, int32_t from, int32_t to,
			     int32_t *out);

/* The capacity team t has after its last change, forever: a task that
 * needs more than this can only run before then. */
int32_t bt_leveler_final_capacity(const bt_leveler *L, uint32_t team);

/* Every demand (node, team, tenths of a person) of the plan's tasks, in
 * node order: `needs`, or one person of the task's own team. */
const bt_rcpsp_demand *bt_leveler_demands(const bt_leveler *L, uint32_t *n);

/* Level with durations `dur` (NULL: net->dur; for done and started tasks
 * the network's fixed dates are used whatever dur says). OUT: es[n],
 * ef[n] (exclusive finish). If `res` is not NULL it receives the engine's
 * full result (explanations included) and must be freed with
 * bt_rcpsp_result_free(); if `chain`/`nchain` are not NULL they receive
 * the resource-constrained critical path (chain must hold n links).
 * Returns BT_RCPSP_OK or a negative BT_RCPSP_* status; on
 * BT_RCPSP_EINFEASIBLE, *bad_task and *bad_team name the culprit. */
int bt_leveler_run(const bt_leveler *L, const int32_t *dur, const bt_rcpsp_opts *opts,
		   int32_t *es, int32_t *ef, bt_rcpsp_result *res, bt_rcpsp_link *chain,
		   uint32_t *nchain, uint32_t *bad_task, uint32_t *bad_team);

#endif
