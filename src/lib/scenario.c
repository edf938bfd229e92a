/*
 * scenario.c: what-if scenarios. A scenario is an overlay: the plan is
 * compiled as usual, then the scenario's items patch the network (new
 * estimates, descoped work, slower teams, added and dropped links) and the
 * simulation's risk table (certain, retired, re-estimated risks). Capacity
 * changes matter only to a capacity-levelled schedule and are passed on.
 * docs/plan-language.md ("scenario") and docs/forecast.md ("Scenarios")
 * give the semantics.
 */
#include <math.h>
#include <string.h>

#include "cpm.h"
#include "scenario.h"

#define ALLOC(a, n, T) ((T *)bt_arena_alloc((a), sizeof(T) * ((size_t)(n) + 1)))

const bt_scenario *bt_scenario_find(const bt_plan *p, const char *name)
{
	for (uint32_t i = 0; i < p->scenarios.n; i++)
		if (p->scenarios.v[i].id && !strcmp(p->scenarios.v[i].id, name))
			return &p->scenarios.v[i];
	return NULL;
}

static int link_item(const bt_plan *p, const bt_scen_item *it)
{
	return (it->kind == BT_SC_AFTER || it->kind == BT_SC_DROP_AFTER) &&
	       bt_graph_node(p, &it->subject) != BT_NONE;
}

/* The links of a node with a scenario applied: the plan's it keeps, then
 * those the scenario's `after` items add, in item order. */
typedef struct scen_links {
	const bt_plan *p;
	const bt_scenario *sc;  /* NULL: none */
	const uint8_t *dropped; /* per plan->deps entry: the scenario drops it */
	const uint8_t *touched; /* per node: the scenario adds or drops links */
} scen_links;

static void list_links(const void *ctx, uint32_t v, bt_graph_sink *s)
{
	const scen_links *x = ctx;
	const bt_plan *p = x->p;
	uint32_t nd;
	const bt_dep *d = bt_graph_after(p, v, &nd);
	size_t d0 = nd ? (size_t)(d - p->deps.v) : 0;
	for (uint32_t q = 0; q < nd; q++) {
		uint32_t u = bt_graph_node(p, &d[q].to);
		if (u != BT_NONE && !x->dropped[d0 + q])
			bt_graph_link(s, u, d[q].type, d[q].lag);
	}
	if (!x->touched[v])
		return;
	for (uint32_t k = 0; k < x->sc->nitem; k++) {
		const bt_scen_item *it = &p->scen_items.v[x->sc->item0 + k];
		if (it->kind != BT_SC_AFTER || !link_item(p, it) ||
		    bt_graph_node(p, &it->subject) != v)
			continue;
		for (uint32_t j = 0; j < it->ndep; j++) {
			const bt_dep *dp = &p->deps.v[it->dep0 + j];
			uint32_t u = bt_graph_node(p, &dp->to);
			if (u != BT_NONE)
				bt_graph_link(s, u, dp->type, dp->lag);
		}
	}
}

/* The `after` item that adds link u -> v (the last, if several do), or
 * BT_NONE. */
static uint32_t adding_item(const bt_plan *p, const bt_scenario *sc, uint32_t u, uint32_t v)
{
	uint32_t found = BT_NONE;
	for (uint32_t j = 0; j < sc->nitem; j++) {
		const bt_scen_item *it = &p->scen_items.v[sc->item0 + j];
		if (it->kind != BT_SC_AFTER || bt_graph_node(p, &it->subject) != v)
			continue;
		for (uint32_t q = 0; q < it->ndep; q++)
			if (bt_graph_node(p, &p->deps.v[it->dep0 + q].to) == u)
				found = sc->item0 + j;
	}
	return found;
}

int bt_scenario_graph(const bt_plan *p, const bt_scenario *sc, bt_arena *a, bt_graph *g,
		      uint32_t *cycle_item, bt_buf *cycle)
{
	uint32_t n = p->tasks.n + p->milestones.n;
	uint32_t nitem = sc ? sc->nitem : 0, i0 = sc ? sc->item0 : 0;
	uint8_t *dropped = bt_calloc((size_t)p->deps.n + 1, 1);
	uint8_t *touched = bt_calloc((size_t)n + 1, 1);
	bt_graph_cycles cy = {0};
	int rc = -1;
	memset(g, 0, sizeof(*g));
	if (!dropped || !touched)
		goto out;
	/* Which of the plan's links the scenario drops, which nodes gain some. */
	for (uint32_t k = 0; k < nitem; k++) {
		const bt_scen_item *it = &p->scen_items.v[i0 + k];
		if (!link_item(p, it))
			continue;
		uint32_t v = bt_graph_node(p, &it->subject);
		touched[v] = 1;
		if (it->kind != BT_SC_DROP_AFTER)
			continue;
		uint32_t nd;
		const bt_dep *d = bt_graph_after(p, v, &nd);
		size_t d0 = nd ? (size_t)(d - p->deps.v) : 0;
		for (uint32_t j = 0; j < it->ndep; j++) {
			uint32_t u = bt_graph_node(p, &p->refs.v[it->dep0 + j]);
			for (uint32_t q = 0; q < nd; q++)
				if (bt_graph_node(p, &d[q].to) == u)
					dropped[d0 + q] = 1;
		}
	}
	scen_links x = {p, sc, dropped, touched};
	if (bt_graph_build(g, n, list_links, &x, a))
		goto out;
	if (g->nordered == n) {
		rc = 0;
		goto out;
	}
	/* The first walk always closes a cycle. */
	if (bt_graph_cycles_init(&cy, g))
		goto out;
	int found = bt_graph_cycle_next(&cy);
	if (!ALWAYS(found))
		goto out;
	if (cycle)
		bt_graph_cycle_text(p, cy.cycle, cy.len, cycle);
	/* In a checked plan the cycle holds a link the scenario added: the
	 * first going round from cycle[0] -> cycle[1] to cycle[len-1] ->
	 * cycle[0]. */
	*cycle_item = i0;
	for (uint32_t t = 1; sc && t <= cy.len; t++) {
		uint32_t it = adding_item(p, sc, cy.cycle[t - 1], cy.cycle[t % cy.len]);
		if (it != BT_NONE) {
			*cycle_item = it;
			break;
		}
	}
	rc = -2;
out:
	bt_graph_cycles_release(&cy);
	bt_free(dropped);
	bt_free(touched);
	return rc;
}

static void set_estimate(bt_net *net, uint32_t v, int32_t o, int32_t m, int32_t pe)
{
	if (net->state[v] == BT_TS_DONE)
		return;
	int32_t old = net->est_m[v];
	net->est_o[v] = o;
	net->est_m[v] = m;
	net->est_p[v] = pe;
	if (net->state[v] == BT_TS_PLANNED) {
		net->dur[v] = m;
	} else {
		/* Remaining work scales with the new likely estimate. */
		int32_t r = net->remaining[v];
		if (old > 0)
			r = (int32_t)llround((double)r * m / old);
		else
			r = m;
		if (m > 0 && r < 1)
			r = 1;
		net->remaining[v] = net->dur[v] = r;
	}
}

int bt_scenario_apply(bt_net *net, const bt_plan *p, const bt_scenario *sc,
		      bt_arena *a, bt_scen_fx *fx)
{
	uint32_t n = net->n, nt = net->nt, nr = p->risks.n;
	fx->scale = ALLOC(a, n, double);
	fx->risk_prob = ALLOC(a, nr, double);
	fx->ncap = 0;
	fx->sc = sc;
	if (!fx->scale || !fx->risk_prob)
		return -1;
	for (uint32_t v = 0; v < n; v++)
		fx->scale[v] = 1.0;
	for (uint32_t r = 0; r < nr; r++)
		fx->risk_prob[r] = -1.0;
	if (!sc)
		return 0;
	int links = 0;
	for (uint32_t k = 0; k < sc->nitem; k++) {
		const bt_scen_item *it = &p->scen_items.v[sc->item0 + k];
		uint32_t x = it->subject.idx;
		if (x == BT_NONE)
			continue;
		switch (it->kind) {
		case BT_SC_CAPACITY: fx->ncap++; break;
		case BT_SC_ESTIMATE: set_estimate(net, x, it->est.o, it->est.m, it->est.p); break;
		case BT_SC_DESCOPE: set_estimate(net, x, 0, 0, 0); break;
		case BT_SC_AFTER:
		case BT_SC_DROP_AFTER: links = 1; break;
		case BT_SC_RISK_CERTAIN: fx->risk_prob[x] = 1.0; break;
		case BT_SC_RISK_RETIRE: fx->risk_prob[x] = 0.0; break;
		case BT_SC_RISK_PROB: fx->risk_prob[x] = it->value; break;
		case BT_SC_PEOPLE:
			/* Resource-driven: the work still to do, shared by the
			 * new crew (levelling takes the people, level.c). */
			fx->scale[x] *= bt_task_crew_factor(p, &p->tasks.v[x], (int32_t)it->value);
			break;
		default: break;
		}
	}
	if (links) {
		bt_graph g;
		uint32_t item;
		int rc = bt_scenario_graph(p, sc, a, &g, &item, NULL);
		if (rc || bt_net_set_graph(net, &g))
			return rc ? rc : -1;
	}
	/* Slower teams: the share of each task's work on or after the date,
	 * at the most-likely schedule of the scenario, is stretched. */
	int32_t *es = NULL, *ef = NULL;
	for (uint32_t k = 0; k < sc->nitem; k++) {
		const bt_scen_item *it = &p->scen_items.v[sc->item0 + k];
		if (it->kind != BT_SC_SLOWER || it->subject.idx == BT_NONE)
			continue;
		if (!es) {
			es = ALLOC(a, n, int32_t);
			ef = ALLOC(a, n, int32_t);
			if (!es || !ef)
				return -1;
			bt_cpm_forward(net, net->dur, es, ef);
		}
		int32_t from = it->from == BT_DATE_NONE ? INT32_MIN : bt_cal_index(&net->cal, it->from);
		for (uint32_t v = 0; v < nt; v++) {
			if (p->tasks.v[v].team.idx != it->subject.idx || net->state[v] == BT_TS_DONE)
				continue;
			int32_t s0 = net->state[v] == BT_TS_STARTED ? bt_net_dday(net, v) : es[v];
			double frac;
			if (from <= s0)
				frac = 1.0;
			else if (from >= ef[v])
				frac = 0.0;
			else
				frac = (double)(ef[v] - from) / (double)(ef[v] - s0);
			fx->scale[v] *= 1.0 + it->value * frac;
		}
	}
	for (uint32_t v = 0; v < nt; v++)
		if (fx->scale[v] != 1.0 && net->state[v] != BT_TS_DONE)
			net->dur[v] = (int32_t)llround(net->dur[v] * fx->scale[v]);
	return 0;
}
