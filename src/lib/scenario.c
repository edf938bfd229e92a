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

#include "net.h"
#include "scenario.h"

#define ALLOC(a, n, T) ((T *)bt_arena_alloc((a), sizeof(T) * ((size_t)(n) + 1)))

const bt_scenario *bt_scenario_find(const bt_plan *p, const char *name)
{
	for (uint32_t i = 0; i < p->scenarios.n; i++)
		if (p->scenarios.v[i].id && !strcmp(p->scenarios.v[i].id, name))
			return &p->scenarios.v[i];
	return NULL;
}

static uint32_t ref_node(const bt_plan *p, const bt_ref *r)
{
	if (r->idx == BT_NONE)
		return BT_NONE;
	return r->kind == BT_K_TASK ? r->idx : p->tasks.n + r->idx;
}

static const char *node_id(const bt_plan *p, uint32_t v)
{
	return v < p->tasks.n ? p->tasks.v[v].id : p->milestones.v[v - p->tasks.n].id;
}

static int link_item(const bt_plan *p, const bt_scen_item *it)
{
	return (it->kind == BT_SC_AFTER || it->kind == BT_SC_DROP_AFTER) &&
	       ref_node(p, &it->subject) != BT_NONE;
}

int bt_scenario_order(const bt_plan *p, const bt_scenario *sc, bt_arena *a,
		      uint32_t **pred_off, uint32_t **pred, int32_t **lag,
		      uint8_t **type, uint32_t **topo, uint32_t *cycle_item,
		      bt_buf *cycle)
{
	uint32_t nt = p->tasks.n, n = nt + p->milestones.n;
	uint32_t nitem = sc ? sc->nitem : 0, i0 = sc ? sc->item0 : 0;
	uint32_t *off = bt_arena_zalloc(a, sizeof(uint32_t) * ((size_t)n + 2));
	uint8_t *dropped = bt_calloc((size_t)p->deps.n + 1, 1);
	uint8_t *touched = bt_calloc((size_t)n + 1, 1);
	uint32_t *soff = bt_calloc((size_t)n + 2, sizeof(uint32_t));
	uint32_t *indeg = bt_calloc((size_t)n + 1, sizeof(uint32_t));
	uint32_t *succ = NULL, *order = ALLOC(a, n, uint32_t);
	int rc = -1;
	if (!off || !dropped || !touched || !soff || !indeg || !order)
		goto out;
	/* Which of the plan's links the scenario drops, which nodes gain some. */
	for (uint32_t k = 0; k < nitem; k++) {
		const bt_scen_item *it = &p->scen_items.v[i0 + k];
		if (!link_item(p, it))
			continue;
		uint32_t v = ref_node(p, &it->subject);
		touched[v] = 1;
		if (it->kind != BT_SC_DROP_AFTER)
			continue;
		uint32_t d0 = v < nt ? p->tasks.v[v].dep0 : p->milestones.v[v - nt].dep0;
		uint32_t nd = v < nt ? p->tasks.v[v].ndep : p->milestones.v[v - nt].ndep;
		for (uint32_t j = 0; j < it->ndep; j++) {
			uint32_t u = ref_node(p, &p->refs.v[it->dep0 + j]);
			for (uint32_t q = 0; q < nd; q++)
				if (ref_node(p, &p->deps.v[d0 + q].to) == u)
					dropped[d0 + q] = 1;
		}
	}
	/* Count, then fill: the plan's links kept, then the scenario's. */
	for (int pass = 0; pass < 2; pass++) {
		uint32_t at = 0;
		for (uint32_t v = 0; v < n; v++) {
			uint32_t d0 = v < nt ? p->tasks.v[v].dep0 : p->milestones.v[v - nt].dep0;
			uint32_t nd = v < nt ? p->tasks.v[v].ndep : p->milestones.v[v - nt].ndep;
			if (pass)
				at = off[v];
			uint32_t c = 0;
			for (uint32_t q = 0; q < nd; q++) {
				const bt_dep *dp = &p->deps.v[d0 + q];
				uint32_t u = ref_node(p, &dp->to);
				if (u == BT_NONE || dropped[d0 + q])
					continue;
				if (pass) {
					(*pred)[at + c] = u;
					(*lag)[at + c] = dp->lag;
					(*type)[at + c] = dp->type;
				}
				c++;
			}
			for (uint32_t k = 0; touched[v] && k < nitem; k++) {
				const bt_scen_item *it = &p->scen_items.v[i0 + k];
				if (it->kind != BT_SC_AFTER || !link_item(p, it) ||
				    ref_node(p, &it->subject) != v)
					continue;
				for (uint32_t j = 0; j < it->ndep; j++) {
					const bt_dep *dp = &p->deps.v[it->dep0 + j];
					uint32_t u = ref_node(p, &dp->to);
					if (u == BT_NONE)
						continue;
					if (pass) {
						(*pred)[at + c] = u;
						(*lag)[at + c] = dp->lag;
						(*type)[at + c] = dp->type;
					}
					c++;
				}
			}
			if (!pass)
				off[v + 1] = off[v] + c;
		}
		if (!pass) {
			uint32_t ne = off[n];
			*pred = ALLOC(a, ne, uint32_t);
			*lag = ALLOC(a, ne, int32_t);
			*type = ALLOC(a, ne, uint8_t);
			if (!*pred || !*lag || !*type)
				goto out;
		}
	}
	*pred_off = off;
	/* Kahn's algorithm over the successor lists. */
	uint32_t ne = off[n];
	succ = bt_malloc(sizeof(uint32_t) * ((size_t)ne + 1));
	if (!succ)
		goto out;
	for (uint32_t v = 0; v < n; v++)
		for (uint32_t k = off[v]; k < off[v + 1]; k++)
			soff[(*pred)[k] + 1]++;
	for (uint32_t v = 0; v < n; v++)
		soff[v + 1] += soff[v];
	for (uint32_t v = 0; v < n; v++)
		for (uint32_t k = off[v]; k < off[v + 1]; k++)
			succ[soff[(*pred)[k]]++] = v;
	/* soff was advanced while filling: shift it back. */
	for (uint32_t v = n; v > 0; v--)
		soff[v] = soff[v - 1];
	soff[0] = 0;
	for (uint32_t v = 0; v < n; v++)
		indeg[v] = off[v + 1] - off[v];
	uint32_t head = 0, tail = 0;
	for (uint32_t v = 0; v < n; v++)
		if (!indeg[v])
			order[tail++] = v;
	while (head < tail) {
		uint32_t u = order[head++];
		for (uint32_t k = soff[u]; k < soff[u + 1]; k++)
			if (--indeg[succ[k]] == 0)
				order[tail++] = succ[k];
	}
	if (tail == n) {
		*topo = order;
		rc = 0;
		goto out;
	}
	/* A cycle: walk back through unordered predecessors until a node
	 * repeats (`touched` is reused as the walk's mark). */
	{
		uint32_t s0 = 0;
		while (!indeg[s0])
			s0++;
		memset(touched, 0, n);
		uint32_t *path = order, len = 0, u = s0;
		while (!touched[u]) {
			touched[u] = 1;
			path[len++] = u;
			for (uint32_t k = off[u]; k < off[u + 1]; k++)
				if (indeg[(*pred)[k]]) {
					u = (*pred)[k];
					break;
				}
		}
		uint32_t at = 0;
		while (path[at] != u)
			at++;
		/* path[at..len): each is a successor of the next; print in
		 * dependency order, closing the loop. */
		if (cycle) {
			bt_buf_puts(cycle, node_id(p, u));
			for (uint32_t k = len; k-- > at;) {
				bt_buf_puts(cycle, " -> ");
				bt_buf_puts(cycle, node_id(p, path[k]));
			}
		}
		*cycle_item = i0;
		for (uint32_t k = at; k < len; k++) {
			uint32_t w = path[k], x = k + 1 < len ? path[k + 1] : path[at];
			for (uint32_t j = 0; j < nitem; j++) {
				const bt_scen_item *it = &p->scen_items.v[i0 + j];
				if (it->kind != BT_SC_AFTER || ref_node(p, &it->subject) != w)
					continue;
				for (uint32_t q = 0; q < it->ndep; q++)
					if (ref_node(p, &p->deps.v[it->dep0 + q].to) == x)
						*cycle_item = i0 + j;
			}
		}
		rc = -2;
	}
out:
	bt_free(dropped);
	bt_free(touched);
	bt_free(soff);
	bt_free(indeg);
	bt_free(succ);
	return rc;
}

/* Successor CSR from predecessor CSR. */
static int build_succ(bt_net *net, bt_arena *a)
{
	uint32_t n = net->n, ne = net->pred_off[n];
	net->ne = ne;
	net->succ_off = bt_arena_zalloc(a, sizeof(uint32_t) * ((size_t)n + 2));
	net->succ = ALLOC(a, ne, uint32_t);
	net->succ_lag = ALLOC(a, ne, int32_t);
	net->succ_type = ALLOC(a, ne, uint8_t);
	uint32_t *fill = bt_malloc(sizeof(uint32_t) * ((size_t)n + 1));
	if (!net->succ_off || !net->succ || !net->succ_lag || !net->succ_type || !fill) {
		bt_free(fill);
		return -1;
	}
	for (uint32_t k = 0; k < ne; k++)
		net->succ_off[net->pred[k] + 1]++;
	for (uint32_t v = 0; v < n; v++)
		net->succ_off[v + 1] += net->succ_off[v];
	memcpy(fill, net->succ_off, sizeof(uint32_t) * n);
	for (uint32_t v = 0; v < n; v++)
		for (uint32_t k = net->pred_off[v]; k < net->pred_off[v + 1]; k++) {
			uint32_t s = fill[net->pred[k]]++;
			net->succ[s] = v;
			net->succ_lag[s] = net->pred_lag[k];
			net->succ_type[s] = net->pred_type[k];
		}
	bt_free(fill);
	return 0;
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
		default: break;
		}
	}
	if (links) {
		uint32_t item;
		int rc = bt_scenario_order(p, sc, a, &net->pred_off, &net->pred, &net->pred_lag,
					   &net->pred_type, &net->topo, &item, NULL);
		if (rc || build_succ(net, a))
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
			int32_t s0 = net->state[v] == BT_TS_STARTED ? net->data_day : es[v];
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
