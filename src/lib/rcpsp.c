/*
 * rcpsp.c: capacity levelling (the RCPSP) by a genetic algorithm over
 * activity lists, decoded by the serial schedule-generation scheme and
 * improved by forward-backward justification.
 *
 * Sources (full references in docs/levelling.md):
 *  - serial SGS and priority rules with regret-based biased sampling:
 *    Kolisch (1996), EJOR 90; Kolisch and Hartmann (1999);
 *  - activity-list GA, two-point crossover, adjacent-swap mutation:
 *    Hartmann (1998), Naval Research Logistics 45;
 *  - justification (forward-backward improvement, "double justification"):
 *    Valls, Ballestin and Quintanilla (2005), EJOR 165; Tormos and Lova
 *    (2001);
 *  - individuals kept as their justified schedules (standardized keys) and
 *    a bias toward the better parent: Debels, De Reyck, Leus and Vanhoucke
 *    (2006), EJOR 169; Debels and Vanhoucke (2007), Operations Research 55;
 *  - two-pass children (forward decode, backward justification, shift)
 *    when capacity is constant, after the iterative forward/backward
 *    scheduling of Debels and Vanhoucke (2007): justify_shift();
 *  - peak crossover: Valls, Ballestin and Quintanilla (2008), EJOR 185.
 * Every SGS pass, forward or backward, counts as one schedule, as in the
 * Kolisch and Hartmann (2006) comparisons.
 *
 * Capacity is kept per resource as a dense array of free units per day,
 * grown on demand; a window search remembers, per resource, how far the
 * window is already known to fit, so placing an activity costs O(shift +
 * duration) per resource it uses. Demands are sparse (CSR), so a program
 * with 200 teams where each task needs one team pays for one team.
 *
 * The engine is four files sharing rcpsp_int.h: this one validates the
 * problem and lowers it to the instance (calendars, demands, capacity
 * profile, precedence graph, bounds); rcpsp_sgs.c holds the capacity
 * profile and the SGS passes; rcpsp_search.c the priority rules, the GA,
 * the budget and bt_rcpsp_solve(); rcpsp_explain.c the explanations of a
 * given schedule.
 */
#include "rcpsp_int.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/*============================ Instance ==============================*/


static int in_range(int64_t v, int64_t lo, int64_t hi)
{
	return v >= lo && v <= hi;
}

static int32_t fixed_at(const inst *in, uint32_t j)
{
	return in->fixed[j];
}


static int cmp_step(const void *a, const void *b)
{
	const bt_rcpsp_step *x = *(const bt_rcpsp_step *const *)a;
	const bt_rcpsp_step *y = *(const bt_rcpsp_step *const *)b;
	if (x->res != y->res)
		return x->res < y->res ? -1 : 1;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return x < y ? -1 : x > y; /* array order: the last one wins */
}

static int validate(const bt_rcpsp_problem *p, inst *in)
{
	for (uint32_t j = 0; j < p->n; j++) {
		in->err_act = j;
		if (!in_range(p->dur[j], 0, BT_RCPSP_MAX_DAY))
			return BT_RCPSP_EINVAL;
		if (p->release &&
		    !in_range(p->release[j], -BT_RCPSP_MAX_DAY, BT_RCPSP_MAX_DAY))
			return BT_RCPSP_EINVAL;
		if (p->fixed && p->fixed[j] != BT_RCPSP_FREE &&
		    !in_range(p->fixed[j], -BT_RCPSP_MAX_DAY, BT_RCPSP_MAX_DAY))
			return BT_RCPSP_EINVAL;
	}
	in->err_act = UINT32_MAX;
	for (uint32_t r = 0; r < p->k; r++) {
		in->err_res = r;
		if (!in_range(p->cap[r], 0, BT_RCPSP_MAX_AMOUNT))
			return BT_RCPSP_EINVAL;
	}
	for (uint32_t i = 0; i < p->nstep; i++) {
		const bt_rcpsp_step *s = &p->step[i];
		in->err_res = s->res;
		if (s->res >= p->k ||
		    !in_range(s->day, -BT_RCPSP_MAX_DAY, BT_RCPSP_MAX_DAY) ||
		    !in_range(s->cap, 0, BT_RCPSP_MAX_AMOUNT))
			return BT_RCPSP_EINVAL;
	}
	for (uint32_t i = 0; i < p->ndemand; i++) {
		const bt_rcpsp_demand *d = &p->demand[i];
		in->err_act = d->act;
		in->err_res = d->res;
		if (d->act >= p->n || d->res >= p->k ||
		    !in_range(d->amount, 0, BT_RCPSP_MAX_AMOUNT))
			return BT_RCPSP_EINVAL;
	}
	in->err_res = UINT32_MAX;
	for (uint32_t i = 0; i < p->nprec; i++) {
		const bt_rcpsp_prec *e = &p->prec[i];
		in->err_act = e->from < p->n ? e->to : e->from;
		if (e->from >= p->n || e->to >= p->n || e->type > BT_RCPSP_SF ||
		    (e->type == BT_RCPSP_DELTA &&
		     !in_range(e->delta, -BT_RCPSP_MAX_DAY, BT_RCPSP_MAX_DAY)) ||
		    (e->type != BT_RCPSP_DELTA &&
		     !in_range(e->lag, -BT_RCPSP_MAX_DAY, BT_RCPSP_MAX_DAY)))
			return BT_RCPSP_EINVAL;
	}
	in->err_act = UINT32_MAX;
	if (p->nproj) {
		if (!p->proj || p->nproj > (UINT32_MAX >> 4))
			return BT_RCPSP_EINVAL;
		for (uint32_t j = 0; j < p->n; j++)
			if (p->proj[j] >= p->nproj) {
				in->err_act = j;
				return BT_RCPSP_EINVAL;
			}
		for (uint32_t q = 0; p->proj_weight && q < p->nproj; q++)
			if (!in_range(p->proj_weight[q], 1, BT_RCPSP_MAX_WEIGHT))
				return BT_RCPSP_EINVAL;
	}
	if (!p->cal)
		return BT_RCPSP_OK;
	if (p->ncal && !p->cal_off_off)
		return BT_RCPSP_EINVAL;
	for (uint32_t j = 0; j < p->n; j++)
		if (p->cal[j] != BT_RCPSP_NOCAL && p->cal[j] >= p->ncal) {
			in->err_act = j;
			return BT_RCPSP_EINVAL;
		}
	/* Off days are bounded so that a finish, which lies at most one day
	 * per off day past start + duration, stays inside int32_t. */
	for (uint32_t c = 0; c < p->ncal; c++) {
		uint32_t b = p->cal_off_off[c], e = p->cal_off_off[c + 1];
		if (e < b || e - b > (UINT32_MAX >> 4) || (e > b && !p->cal_off))
			return BT_RCPSP_EINVAL;
		for (uint32_t i = b; i < e; i++)
			if (!in_range(p->cal_off[i], -10LL * BT_RCPSP_MAX_DAY,
				      10LL * BT_RCPSP_MAX_DAY) ||
			    (i > b && p->cal_off[i] <= p->cal_off[i - 1]))
				return BT_RCPSP_EINVAL;
	}
	return BT_RCPSP_OK;
}


static int build_calendars(const bt_rcpsp_problem *p, inst *in, bt_arena *a)
{
	if (!p->cal)
		return BT_RCPSP_OK;
	int any = 0;
	for (uint32_t j = 0; j < p->n; j++) {
		uint32_t c = p->cal[j];
		any |= c != BT_RCPSP_NOCAL && in->dur[j] > 0 &&
		       p->cal_off_off[c + 1] > p->cal_off_off[c];
	}
	if (!any)
		return BT_RCPSP_OK;
	in->off = bt_arena_zalloc(a, (p->n + 1) * sizeof *in->off);
	in->noff = bt_arena_zalloc(a, (p->n + 1) * sizeof *in->noff);
	if (!in->off || !in->noff)
		return BT_RCPSP_ENOMEM;
	for (uint32_t j = 0; j < p->n; j++) {
		uint32_t c = p->cal[j];
		if (c == BT_RCPSP_NOCAL || in->dur[j] == 0 ||
		    p->cal_off_off[c + 1] == p->cal_off_off[c])
			continue;
		in->off[j] = p->cal_off + p->cal_off_off[c];
		in->noff[j] = p->cal_off_off[c + 1] - p->cal_off_off[c];
		in->cal_free |= is_free(in, j);
	}
	return BT_RCPSP_OK;
}

/* Demands to CSR: duplicates summed, zeros and zero-duration activities
 * dropped. */
static int build_demands(const bt_rcpsp_problem *p, inst *in, bt_arena *a)
{
	uint32_t n = p->n;
	uint32_t *off = bt_arena_zalloc(a, (n + 1) * sizeof *off);
	uint32_t *res = bt_arena_alloc(a, (p->ndemand + 1) * sizeof *res);
	int32_t *amt = bt_arena_alloc(a, (p->ndemand + 1) * sizeof *amt);
	int64_t *acc = bt_arena_zalloc(a, (p->k + 1) * sizeof *acc);
	uint32_t *fill = bt_arena_zalloc(a, (n + 1) * sizeof *fill);
	uint32_t *tmp = bt_arena_alloc(a, (p->ndemand + 1) * sizeof *tmp);
	if (!off || !res || !amt || !acc || !fill || !tmp)
		return BT_RCPSP_ENOMEM;
	for (uint32_t i = 0; i < p->ndemand; i++)
		off[p->demand[i].act + 1]++;
	for (uint32_t j = 0; j < n; j++)
		off[j + 1] += off[j];
	for (uint32_t i = 0; i < p->ndemand; i++) {
		uint32_t j = p->demand[i].act;
		tmp[off[j] + fill[j]++] = i;
	}
	/* Compact in place: each activity's merged entries are written no
	 * further right than its raw ones. */
	uint32_t w = 0;
	for (uint32_t j = 0; j < n; j++) {
		uint32_t b = off[j], e = off[j + 1], first = w;
		off[j] = w;
		for (uint32_t x = b; x < e; x++) {
			const bt_rcpsp_demand *d = &p->demand[tmp[x]];
			if (d->amount == 0)
				continue;
			if (acc[d->res] == 0)
				res[w++] = d->res;
			acc[d->res] += d->amount;
		}
		uint32_t keep = first;
		for (uint32_t x = first; x < w; x++) {
			uint32_t r = res[x];
			if (acc[r] > BT_RCPSP_MAX_AMOUNT) {
				in->err_act = j;
				in->err_res = r;
				return BT_RCPSP_EINVAL;
			}
			if (p->dur[j] > 0) {
				res[keep] = r;
				amt[keep++] = (int32_t)acc[r];
			}
			acc[r] = 0;
		}
		w = keep;
		if (w - first > in->maxdem)
			in->maxdem = w - first;
	}
	off[n] = w;
	in->dem_off = off;
	in->dem_res = res;
	in->dem_amt = amt;
	return BT_RCPSP_OK;
}

/* Capacity steps and fixed usage to the per-resource base profile. */
static int build_profile(const bt_rcpsp_problem *p, inst *in, bt_arena *a)
{
	uint32_t k = p->k;
	in->base = bt_arena_zalloc(a, (k + 1) * sizeof *in->base);
	in->base_len = bt_arena_zalloc(a, (k + 1) * sizeof *in->base_len);
	in->final_cap = bt_arena_zalloc(a, (k + 1) * sizeof *in->final_cap);
	const bt_rcpsp_step **st = bt_arena_alloc(a, (p->nstep + 1) * sizeof *st);
	if (!in->base || !in->base_len || !in->final_cap || !st)
		return BT_RCPSP_ENOMEM;
	for (uint32_t i = 0; i < p->nstep; i++)
		st[i] = &p->step[i];
	qsort(st, p->nstep, sizeof *st, cmp_step);
	/* Length: the last step day and the last fixed finish per resource. */
	for (uint32_t i = 0; i < p->nstep; i++)
		in->base_len[st[i]->res] = max32(in->base_len[st[i]->res], st[i]->day);
	for (uint32_t j = 0; j < p->n; j++) {
		if (is_free(in, j))
			continue;
		int32_t f = fin_at(in, j, fixed_at(in, j));
		for (uint32_t e = in->dem_off[j]; e < in->dem_off[j + 1]; e++)
			in->base_len[in->dem_res[e]] =
				max32(in->base_len[in->dem_res[e]], f);
	}
	uint32_t s = 0;
	for (uint32_t r = 0; r < k; r++) {
		int32_t len = in->base_len[r];
		int32_t *b = bt_arena_alloc(a, ((size_t)len + 1) * sizeof *b);
		if (!b)
			return BT_RCPSP_ENOMEM;
		int32_t cap = p->cap[r], day = 0;
		while (s < p->nstep && st[s]->res == r && st[s]->day <= 0)
			cap = st[s++]->cap;
		while (day < len) {
			int32_t next = len;
			if (s < p->nstep && st[s]->res == r)
				next = min32(st[s]->day, len);
			for (; day < next; day++)
				b[day] = cap;
			while (s < p->nstep && st[s]->res == r && st[s]->day <= day)
				cap = st[s++]->cap;
		}
		while (s < p->nstep && st[s]->res == r)
			cap = st[s++]->cap;
		in->base[r] = b;
		in->final_cap[r] = cap;
	}
	for (uint32_t j = 0; j < p->n; j++) {
		if (is_free(in, j))
			continue;
		int32_t b0 = max32(fixed_at(in, j), 0);
		int32_t b1 = fin_at(in, j, fixed_at(in, j));
		cal c = cal_of(in, j);
		for (uint32_t e = in->dem_off[j]; e < in->dem_off[j + 1]; e++) {
			int32_t *b = in->base[in->dem_res[e]];
			uint32_t i = off_index(c, b0);
			for (int32_t t = b0; t < b1; t++) {
				if (i < c.m && c.off[i] == t) {
					i++; /* an off day: the work pauses */
					continue;
				}
				b[t] -= in->dem_amt[e];
			}
		}
	}
	return BT_RCPSP_OK;
}


/* Edge e in that form. An end without a calendar (or `plain`: as if
 * nothing had one) has F = S + dur, which folds into delta, so only ends
 * with calendars keep their bit and delta-form edges never get one. */
int32_t rc_edge_delta(const inst *in, const bt_rcpsp_prec *e, int plain,
		      uint8_t *kind)
{
	int32_t d = e->type == BT_RCPSP_DELTA ? e->delta : e->lag;
	uint8_t k = e->type == BT_RCPSP_FS ? KIND_FROM_FIN
		  : e->type == BT_RCPSP_FF ? KIND_FROM_FIN | KIND_TO_FIN
		  : e->type == BT_RCPSP_SF ? KIND_TO_FIN : 0;
	if ((k & KIND_FROM_FIN) && (plain || !in->off || !in->off[e->from])) {
		k &= (uint8_t)~KIND_FROM_FIN;
		d += in->dur[e->from];
	}
	if ((k & KIND_TO_FIN) && (plain || !in->off || !in->off[e->to])) {
		k &= (uint8_t)~KIND_TO_FIN;
		d -= in->dur[e->to];
	}
	*kind = k;
	return d;
}

/* The earliest start of j that an edge allows, given from's start sf:
 * from's start (a fixed one on an off day really starts on the next
 * working day) or finish plus delta, through j's calendar when the bound
 * is on j's finish. */
int32_t rc_edge_bound(const inst *in, uint32_t from, int32_t sf,
		      uint32_t j, int32_t delta, uint8_t kind)
{
	int32_t v = ((kind & KIND_FROM_FIN) ? fin_at(in, from, sf)
					    : snap_at(in, from, sf)) + delta;
	return (kind & KIND_TO_FIN) ? earliest_for_fin(in, j, v) : v;
}

/* The earliest start of free j given the starts s of its free
 * predecessors and its effective release: a working day. */
int32_t rc_ready_at(const inst *in, const int32_t *s, uint32_t j)
{
	int32_t es = in->rel[j];
	for (uint32_t x = in->pred_off[j]; x < in->pred_off[j + 1]; x++)
		es = max32(es, rc_edge_bound(in, in->pred[x], s[in->pred[x]], j,
					  in->pred_delta[x],
					  in->pred_kind ? in->pred_kind[x] : 0));
	return snap_at(in, j, es);
}


/* Precedence among free activities (CSR both ways), effective releases,
 * topological order, earliest starts and the lower bound. */
static int build_graph(const bt_rcpsp_problem *p, inst *in, bt_arena *a)
{
	uint32_t n = p->n, m = 0;
	in->rel = bt_arena_alloc(a, (n + 1) * sizeof *in->rel);
	in->pred_off = bt_arena_zalloc(a, (n + 1) * sizeof *in->pred_off);
	in->succ_off = bt_arena_zalloc(a, (n + 1) * sizeof *in->succ_off);
	in->rank = bt_arena_alloc(a, (n + 1) * sizeof *in->rank);
	in->topo = bt_arena_alloc(a, (n + 1) * sizeof *in->topo);
	in->early = bt_arena_alloc(a, (n + 1) * sizeof *in->early);
	uint32_t *deg = bt_arena_zalloc(a, (n + 1) * sizeof *deg);
	if (!in->rel || !in->pred_off || !in->succ_off || !in->rank ||
	    !in->topo || !in->early || !deg)
		return BT_RCPSP_ENOMEM;
	for (uint32_t j = 0; j < n; j++) {
		int32_t r = p->release ? p->release[j] : 0;
		in->rel[j] = max32(r, 0);
	}
	int kinds = 0;
	for (uint32_t i = 0; i < p->nprec; i++) {
		const bt_rcpsp_prec *e = &p->prec[i];
		uint8_t k;
		if (e->from == e->to) {
			if (rc_edge_delta(in, e, 1, &k) > 0) {
				in->err_act = e->from;
				return BT_RCPSP_ECYCLE;
			}
			continue;
		}
		if (!is_free(in, e->to))
			continue;
		int32_t d = rc_edge_delta(in, e, 0, &k);
		if (!is_free(in, e->from)) {
			int32_t lo = rc_edge_bound(in, e->from, fixed_at(in, e->from),
						e->to, d, k);
			if (lo > in->rel[e->to])
				in->rel[e->to] = lo;
			continue;
		}
		kinds |= k;
		in->pred_off[e->to + 1]++;
		in->succ_off[e->from + 1]++;
		m++;
	}
	for (uint32_t j = 0; j < n; j++) {
		in->pred_off[j + 1] += in->pred_off[j];
		in->succ_off[j + 1] += in->succ_off[j];
	}
	in->pred = bt_arena_alloc(a, (m + 1) * sizeof *in->pred);
	in->succ = bt_arena_alloc(a, (m + 1) * sizeof *in->succ);
	in->pred_delta = bt_arena_alloc(a, (m + 1) * sizeof *in->pred_delta);
	in->succ_delta = bt_arena_alloc(a, (m + 1) * sizeof *in->succ_delta);
	uint32_t *pf = bt_arena_zalloc(a, (n + 1) * sizeof *pf);
	uint32_t *sf = bt_arena_zalloc(a, (n + 1) * sizeof *sf);
	if (!in->pred || !in->succ || !in->pred_delta || !in->succ_delta ||
	    !pf || !sf)
		return BT_RCPSP_ENOMEM;
	if (kinds) {
		in->pred_kind = bt_arena_alloc(a, m + 1);
		in->succ_kind = bt_arena_alloc(a, m + 1);
		if (!in->pred_kind || !in->succ_kind)
			return BT_RCPSP_ENOMEM;
	}
	for (uint32_t i = 0; i < p->nprec; i++) {
		const bt_rcpsp_prec *e = &p->prec[i];
		if (e->from == e->to || !is_free(in, e->to) ||
		    !is_free(in, e->from))
			continue;
		uint8_t k;
		int32_t d = rc_edge_delta(in, e, 0, &k);
		uint32_t x = in->pred_off[e->to] + pf[e->to]++;
		in->pred[x] = e->from;
		in->pred_delta[x] = d;
		if (kinds)
			in->pred_kind[x] = k;
		x = in->succ_off[e->from] + sf[e->from]++;
		in->succ[x] = e->to;
		in->succ_delta[x] = d;
		if (kinds)
			in->succ_kind[x] = k;
	}
	/* Kahn's algorithm; the queue is the topo array itself. */
	uint32_t head = 0, tail = 0;
	for (uint32_t j = 0; j < n; j++) {
		deg[j] = in->pred_off[j + 1] - in->pred_off[j];
		if (is_free(in, j) && deg[j] == 0)
			in->topo[tail++] = j;
	}
	while (head < tail) {
		uint32_t j = in->topo[head++];
		for (uint32_t x = in->succ_off[j]; x < in->succ_off[j + 1]; x++)
			if (--deg[in->succ[x]] == 0)
				in->topo[tail++] = in->succ[x];
	}
	in->nfree = 0;
	for (uint32_t j = 0; j < n; j++)
		if (is_free(in, j))
			in->nfree++;
	if (tail != in->nfree) {
		for (uint32_t j = 0; j < n; j++)
			if (is_free(in, j) && deg[j] > 0) {
				in->err_act = j;
				break;
			}
		return BT_RCPSP_ECYCLE;
	}
	for (uint32_t i = 0; i < in->nfree; i++)
		in->rank[in->topo[i]] = i;
	/* Earliest starts and the critical-path bound: every bound is
	 * monotone in the predecessors' starts, so no schedule starts an
	 * activity before early[] or finishes it before F(early[]). Days stay
	 * inside int32_t: each early start is checked, and a finish adds at
	 * most a duration and one day per off day. */
	int64_t lb = 0;
	for (uint32_t j = 0; j < n; j++)
		if (!is_free(in, j)) {
			in->early[j] = fixed_at(in, j);
			lb = lb > (int64_t)fin_at(in, j, in->early[j])
				     ? lb
				     : (int64_t)fin_at(in, j, in->early[j]);
		}
	for (uint32_t i = 0; i < in->nfree; i++) {
		uint32_t j = in->topo[i];
		int32_t es = rc_ready_at(in, in->early, j);
		if (es > BT_RCPSP_MAX_DAY * 4LL) {
			in->err_act = j;
			return BT_RCPSP_EINVAL;
		}
		in->early[j] = es;
		if (fin_at(in, j, es) > lb)
			lb = fin_at(in, j, es);
	}
	in->lb = (int32_t)lb;
	return BT_RCPSP_OK;
}

/* Energy bound for resources with constant capacity and no fixed usage,
 * and the check that every free activity fits under the largest capacity
 * its resource ever has. */
static int resource_bounds(const bt_rcpsp_problem *p, inst *in)
{
	for (uint32_t r = 0; r < p->k; r++) {
		int32_t maxcap = in->final_cap[r];
		for (int32_t t = 0; t < in->base_len[r]; t++)
			maxcap = max32(maxcap, in->base[r][t]);
		int64_t work = 0;
		for (uint32_t j = 0; j < p->n; j++) {
			for (uint32_t e = in->dem_off[j]; e < in->dem_off[j + 1]; e++) {
				if (in->dem_res[e] != r)
					continue;
				if (is_free(in, j) && in->dem_amt[e] > maxcap) {
					in->err_act = j;
					in->err_res = r;
					return BT_RCPSP_EINFEASIBLE;
				}
				/* A fixed activity's work counts only if it uses r
				 * from day 0 on, and then base_len[r] > 0 and there
				 * is no bound; work done before day 0 would make the
				 * bound exceed real makespans. */
				if (is_free(in, j))
					work += (int64_t)in->dem_amt[e] * in->dur[j];
			}
		}
		if (in->base_len[r] == 0 && in->final_cap[r] > 0) {
			int64_t c = in->final_cap[r];
			int64_t b = (work + c - 1) / c;
			if (b > in->lb && b <= INT32_MAX)
				in->lb = (int32_t)b;
		}
	}
	return BT_RCPSP_OK;
}

/* An activity that needs more of a resource than the resource's final
 * capacity can only run before the resource's last step. If no window
 * from its earliest start on has room for it alone, there is no schedule
 * at all: refuse the problem and name it. Otherwise mark it, and the
 * activities that must come before it, urgent (see RULE_URGENT). */
static int window_bounds(inst *in, bt_arena *a)
{
	int any = 0;
	for (uint32_t j = 0; j < in->n && !any; j++)
		for (uint32_t e = in->dem_off[j]; e < in->dem_off[j + 1]; e++)
			any |= is_free(in, j) &&
			       in->dem_amt[e] > in->final_cap[in->dem_res[e]];
	if (!any)
		return BT_RCPSP_OK;
	in->urgent = bt_arena_zalloc(a, in->n + 1);
	if (!in->urgent)
		return BT_RCPSP_ENOMEM;
	for (uint32_t j = 0; j < in->n; j++) {
		int perishable = 0;
		for (uint32_t e = in->dem_off[j]; e < in->dem_off[j + 1]; e++)
			perishable |= in->dem_amt[e] > in->final_cap[in->dem_res[e]];
		if (!is_free(in, j) || !perishable)
			continue;
		in->urgent[j] = 1;
		/* Scan days from the earliest start: a run of dur working
		 * days on which every resource has room (off days in between
		 * need none) is a window. A shortage past a resource's last
		 * step never ends. */
		int32_t run = 0;
		cal k = cal_of(in, j);
		uint32_t x = off_index(k, in->early[j]);
		for (int32_t u = in->early[j]; run < in->dur[j]; u++) {
			if (x < k.m && k.off[x] == u) {
				x++;
				continue;
			}
			run++;
			for (uint32_t e = in->dem_off[j]; e < in->dem_off[j + 1]; e++) {
				uint32_t r = in->dem_res[e];
				if (base_at(in, r, u) >= in->dem_amt[e])
					continue;
				if (u >= in->base_len[r]) {
					in->err_act = j;
					in->err_res = r;
					return BT_RCPSP_EINFEASIBLE;
				}
				run = 0;
			}
		}
	}
	for (uint32_t i = in->nfree; i-- > 0;) {
		uint32_t j = in->topo[i];
		for (uint32_t x = in->succ_off[j]; x < in->succ_off[j + 1]; x++)
			in->urgent[j] |= in->urgent[in->succ[x]];
	}
	return BT_RCPSP_OK;
}

/* Projects: each one's early finish, the bar its delay is measured
 * against (its release plus its critical path when its activities share
 * that release; crossing precedences counted). */
static int build_projects(const bt_rcpsp_problem *p, inst *in, bt_arena *a)
{
	uint32_t m = p->nproj;
	if (!m)
		return BT_RCPSP_OK;
	in->nproj = m;
	in->proj = bt_arena_alloc(a, ((size_t)p->n + 1) * sizeof *in->proj);
	in->pw = bt_arena_alloc(a, ((size_t)m + 1) * sizeof *in->pw);
	in->pef = bt_arena_alloc(a, ((size_t)m + 1) * sizeof *in->pef);
	if (!in->proj || !in->pw || !in->pef)
		return BT_RCPSP_ENOMEM;
	for (uint32_t q = 0; q < m; q++) {
		in->pw[q] = p->proj_weight ? p->proj_weight[q] : 1;
		in->pef[q] = INT32_MIN;
	}
	for (uint32_t j = 0; j < p->n; j++) {
		uint32_t q = in->proj[j] = p->proj[j];
		in->pef[q] = max32(in->pef[q], fin_at(in, j, in->early[j]));
	}
	for (uint32_t q = 0; q < m; q++)
		if (in->pef[q] == INT32_MIN)
			in->pef[q] = 0;
	return BT_RCPSP_OK;
}


int rc_inst_build(const bt_rcpsp_problem *p, inst *in, bt_arena *a)
{
	memset(in, 0, sizeof *in);
	in->n = p->n;
	in->k = p->k;
	in->err_act = in->err_res = UINT32_MAX;
	if ((p->n && !p->dur) || (p->k && !p->cap) ||
	    (p->nstep && !p->step) || (p->ndemand && !p->demand) ||
	    (p->nprec && !p->prec) || p->n > (UINT32_MAX >> 4) ||
	    p->ndemand > (UINT32_MAX >> 4) || p->nprec > (UINT32_MAX >> 4))
		return BT_RCPSP_EINVAL;
	int rc = validate(p, in);
	if (rc)
		return rc;
	in->dur = bt_arena_alloc(a, ((size_t)p->n + 1) * sizeof *in->dur);
	in->fixed = bt_arena_alloc(a, ((size_t)p->n + 1) * sizeof *in->fixed);
	if (!in->dur || !in->fixed)
		return BT_RCPSP_ENOMEM;
	for (uint32_t j = 0; j < p->n; j++) {
		in->dur[j] = p->dur[j];
		in->fixed[j] = p->fixed ? p->fixed[j] : BT_RCPSP_FREE;
	}
	if ((rc = build_calendars(p, in, a)) != 0)
		return rc;
	for (uint32_t j = 0; j < p->n; j++)
		if (!is_free(in, j))
			in->fixed_end = max32(in->fixed_end, fin_at(in, j, in->fixed[j]));
	if ((rc = build_demands(p, in, a)) != 0 ||
	    (rc = build_profile(p, in, a)) != 0 ||
	    (rc = build_graph(p, in, a)) != 0 ||
	    (rc = resource_bounds(p, in)) != 0 ||
	    (rc = window_bounds(in, a)) != 0 ||
	    (rc = build_projects(p, in, a)) != 0)
		return rc;
	return BT_RCPSP_OK;
}

/*============================= Solving ==============================*/

const char *bt_rcpsp_strerror(int code)
{
	switch (code) {
	case BT_RCPSP_OK: return "success";
	case BT_RCPSP_EINVAL: return "invalid problem";
	case BT_RCPSP_ECYCLE: return "precedence cycle";
	case BT_RCPSP_EINFEASIBLE: return "demand exceeds capacity";
	case BT_RCPSP_ENOMEM: return "out of memory";
	}
	return "unknown error";
}

int bt_rcpsp_lower_bound(const bt_rcpsp_problem *p, int32_t *lb)
{
	bt_arena a = BT_ARENA_INIT;
	inst in;
	int rc = rc_inst_build(p, &in, &a);
	if (rc == BT_RCPSP_OK)
		*lb = in.lb;
	bt_arena_release(&a);
	return rc;
}

