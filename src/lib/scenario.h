/*
 * scenario.h: what-if scenarios (docs/plan-language.md, "scenario"): the
 * dependency order of a plan with a scenario's added and dropped links (for
 * check, which reports the cycles a scenario would make), and the lowering
 * of a scenario onto a compiled network (for forecast and whatif).
 */
#ifndef BT_SCENARIO_H
#define BT_SCENARIO_H

#include "model.h"

struct bt_net;
struct bt_graph;

/* A scenario lowered onto a network: what the network arrays cannot hold. */
typedef struct bt_scen_fx {
	double *scale;        /* per node: duration factor (slower), 1.0 if none */
	double *risk_prob;    /* per risk: probability override, negative: as planned */
	uint32_t ncap;        /* capacity changes (they apply with --level only) */
	const struct bt_scenario *sc; /* the scenario, for levelling's capacities */
} bt_scen_fx;

/* The dependency graph (graph.h) of the plan once scenario `sc` (NULL:
 * none) is applied, built in `a`: each node's links as the plan writes
 * them less those the scenario drops, then those it adds. Returns 0; -1
 * when memory runs out; -2 when the scenario closes a dependency cycle, in
 * which case `*cycle_item` (OUT) is the index into plan->scen_items of an
 * `after` item on the cycle and `cycle` (OUT, may be NULL) receives the
 * cycle as "a -> b -> a". */
int bt_scenario_graph(const bt_plan *p, const bt_scenario *sc, bt_arena *a,
		      struct bt_graph *g, uint32_t *cycle_item, bt_buf *cycle);

/* Apply scenario `sc` to a network built from plan `p`: re-estimates,
 * descopes and slowdowns change the estimates (and remaining work) the
 * simulation samples from; dependency changes rebuild the CSR lists and
 * the topological order; risk changes and capacity changes are returned in
 * `fx`. Everything is allocated in `a`. Returns 0, -1 when memory runs
 * out, -2 on a cycle (check reports it first, so only for unchecked
 * plans). */
int bt_scenario_apply(struct bt_net *net, const bt_plan *p, const bt_scenario *sc,
		      bt_arena *a, bt_scen_fx *fx);

/* The scenario of that name, or NULL. */
const bt_scenario *bt_scenario_find(const bt_plan *p, const char *name);

#endif
