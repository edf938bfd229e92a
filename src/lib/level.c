/*
 * level.c: a plan's levelling problem for the RCPSP engine.
 *
 * Working days are the engine's days, so program holidays and weekends are
 * already gone; what remains per team is a step function: the base
 * capacity, permanent changes (`capacity N from DATE`), temporary ones
 * (`capacity N from DATE to DATE`) and team holidays (capacity 0). The
 * step function is evaluated at every date where any of those begins or
 * ends, which is exact because it is constant in between.
 *
 * Each task keeps its team's calendar (net.h): it pauses over the team's
 * days off, which are also capacity 0 for anyone who borrows the team's
 * people. Dependencies keep their type and lag (rcpsp.h's typed links),
 * so they hold exactly whatever the calendars. Done tasks are fixed where
 * the status puts them; started tasks' remaining work is fixed from the
 * data day, or levelled when a finish link holds it (docs/plan-language.md,
 * "How baton schedules work in progress").
 */
#include <stdlib.h>
#include <string.h>

#include "level.h"

struct bt_leveler {
	const bt_plan *p;
	const bt_scenario *sc;      /* capacity items on top, or NULL */
	const bt_net *net;
	uint32_t k;                 /* teams */
	int32_t *cap;               /* [k] capacity on day 0 */
	bt_rcpsp_step *step;
	uint32_t nstep;
	bt_rcpsp_demand *demand;    /* per task, in node order */
	uint32_t ndemand;
	uint32_t *dem_off;          /* [n+1] node v's demands */
};

int32_t bt_team_capacity_at(const bt_plan *p, const bt_scenario *sc, uint32_t ti, bt_date d, bt_date *since)
{
	const bt_team *t = &p->teams.v[ti];
	int32_t c = t->capacity < 0 ? 0 : t->capacity;
	bt_date best = BT_DATE_NONE, from = BT_DATE_NONE;
	/* Permanent changes: the latest one that has begun. */
	for (uint32_t i = 0; i < t->ncc; i++) {
		const bt_capchange *cc = &p->capchanges.v[t->cc0 + i];
		if (cc->to == BT_DATE_NONE && cc->from <= d && (best == BT_DATE_NONE || cc->from >= best)) {
			best = from = cc->from;
			c = cc->capacity;
		}
	}
	/* Temporary changes override while they last; the last written wins. */
	for (uint32_t i = 0; i < t->ncc; i++) {
		const bt_capchange *cc = &p->capchanges.v[t->cc0 + i];
		if (cc->to != BT_DATE_NONE && cc->from <= d && d <= cc->to) {
			c = cc->capacity;
			from = cc->from;
		}
	}
	for (uint32_t i = 0; sc && i < sc->nitem; i++) {
		const bt_scen_item *it = &p->scen_items.v[sc->item0 + i];
		if (it->kind != BT_SC_CAPACITY || it->subject.idx != ti)
			continue;
		if ((it->cap.from == BT_DATE_NONE || it->cap.from <= d) &&
		    (it->cap.to == BT_DATE_NONE || d <= it->cap.to)) {
			c = it->cap.capacity;
			from = it->cap.from;
		}
	}
	if (since)
		*since = from;
	return c;
}

/* Capacity of a team on a date, from its declarations, then a scenario's
 * capacity items for it (a permanent one from its date on, a temporary one
 * while it lasts), then team holidays. */
static int32_t team_cap_on(const bt_plan *p, const bt_scenario *sc, uint32_t ti, bt_date d)
{
	const bt_team *t = &p->teams.v[ti];
	int32_t c = bt_team_capacity_at(p, sc, ti, d, NULL);
	for (uint32_t i = 0; i < t->nhol; i++) {
		const bt_range *r = &p->ranges.v[t->hol0 + i];
		if (r->from <= d && d <= r->to)
			c = 0;
	}
	return c;
}

static int push_step(bt_leveler *L, uint32_t *capn, uint32_t res, int32_t day, int32_t cap)
{
	if (L->nstep == *capn) {
		uint32_t nc = *capn ? *capn * 2 : 16;
		bt_rcpsp_step *s = bt_realloc(L->step, sizeof(*s) * nc);
		if (!s)
			return -1;
		L->step = s;
		*capn = nc;
	}
	L->step[L->nstep++] = (bt_rcpsp_step){res, day, cap};
	return 0;
}

bt_leveler *bt_leveler_new(const bt_plan *p, const bt_net *net)
{
	return bt_leveler_new_scenario(p, net, NULL);
}

bt_leveler *bt_leveler_new_scenario(const bt_plan *p, const bt_net *net, const bt_scenario *sc)
{
	bt_leveler *L = bt_calloc(1, sizeof(*L));
	int32_t *crew = NULL;
	if (!L)
		return NULL;
	L->p = p;
	L->sc = sc;
	L->net = net;
	L->k = p->teams.n;
	L->cap = bt_calloc(L->k + 1, sizeof(int32_t));
	L->dem_off = bt_calloc(net->n + 1, sizeof(uint32_t));
	if (!L->cap || !L->dem_off)
		goto oom;
	uint32_t stepcap = 0;
	for (uint32_t t = 0; t < L->k; t++) {
		const bt_team *tm = &p->teams.v[t];
		bt_date origin = bt_cal_date(&net->cal, 0);
		L->cap[t] = team_cap_on(p, sc, t, origin);
		/* Every date where the step function may change. */
		for (uint32_t i = 0; i < tm->ncc + tm->nhol; i++) {
			bt_date a, b;
			if (i < tm->ncc) {
				const bt_capchange *cc = &p->capchanges.v[tm->cc0 + i];
				a = cc->from;
				b = cc->to == BT_DATE_NONE ? BT_DATE_NONE : cc->to + 1;
			} else {
				const bt_range *r = &p->ranges.v[tm->hol0 + i - tm->ncc];
				a = r->from;
				b = r->to + 1;
			}
			bt_date at[2] = {a, b};
			for (int j = 0; j < 2; j++) {
				if (at[j] == BT_DATE_NONE)
					continue;
				int32_t day = bt_cal_index(&net->cal, at[j]);
				if (day <= 0)
					continue;
				/* The working day `day` starts at its own date. */
				bt_date on = bt_cal_date(&net->cal, day);
				if (push_step(L, &stepcap, t, day, team_cap_on(p, sc, t, on)))
					goto oom;
			}
		}
		for (uint32_t i = 0; sc && i < sc->nitem; i++) {
			const bt_scen_item *it = &p->scen_items.v[sc->item0 + i];
			if (it->kind != BT_SC_CAPACITY || it->subject.idx != t)
				continue;
			bt_date at[2] = {it->cap.from, it->cap.to == BT_DATE_NONE ? BT_DATE_NONE : it->cap.to + 1};
			for (int j = 0; j < 2; j++) {
				if (at[j] == BT_DATE_NONE)
					continue;
				int32_t day = bt_cal_index(&net->cal, at[j]);
				if (day <= 0)
					continue;
				bt_date on = bt_cal_date(&net->cal, day);
				if (push_step(L, &stepcap, t, day, team_cap_on(p, sc, t, on)))
					goto oom;
			}
		}
	}
	/* Demands: `needs`, or one person of the task's own team; a
	 * scenario's `people` staffs a task with another crew (the last
	 * item for a task wins). */
	uint32_t dcap = 0;
	for (uint32_t i = 0; sc && i < sc->nitem; i++) {
		const bt_scen_item *it = &p->scen_items.v[sc->item0 + i];
		if (it->kind != BT_SC_PEOPLE || it->subject.idx >= net->nt)
			continue;
		if (!crew && !(crew = bt_calloc(net->nt + 1, sizeof(int32_t))))
			goto oom;
		crew[it->subject.idx] = (int32_t)it->value;
	}
	for (uint32_t v = 0; v < net->n; v++) {
		L->dem_off[v] = L->ndemand;
		if (v >= net->nt)
			continue;
		const bt_task *t = &p->tasks.v[v];
		uint32_t nn = t->nneed ? t->nneed : 1;
		for (uint32_t i = 0; i < nn; i++) {
			uint32_t team;
			int32_t amount;
			if (t->nneed) {
				const bt_need *nd = &p->needs.v[t->need0 + i];
				team = nd->team.name ? nd->team.idx : t->team.idx;
				amount = nd->count;
			} else {
				team = t->team.idx;
				amount = 10; /* one person, in tenths */
			}
			if (crew && crew[v] && nn == 1)
				amount = crew[v];
			if (team == BT_NONE || amount <= 0)
				continue;
			if (L->ndemand == dcap) {
				uint32_t nc = dcap ? dcap * 2 : 64;
				bt_rcpsp_demand *dd = bt_realloc(L->demand, sizeof(*dd) * nc);
				if (!dd)
					goto oom;
				L->demand = dd;
				dcap = nc;
			}
			L->demand[L->ndemand++] = (bt_rcpsp_demand){v, team, amount};
		}
	}
	L->dem_off[net->n] = L->ndemand;
	bt_free(crew);
	return L;
oom:
	bt_free(crew);
	bt_leveler_free(L);
	return NULL;
}

void bt_leveler_free(bt_leveler *L)
{
	if (!L)
		return;
	bt_free(L->cap);
	bt_free(L->step);
	bt_free(L->demand);
	bt_free(L->dem_off);
	bt_free(L);
}

static int cmp_step_day(const void *x, const void *y)
{
	const bt_rcpsp_step *a = *(const bt_rcpsp_step *const *)x, *b = *(const bt_rcpsp_step *const *)y;
	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	/* Same day: the later in the array wins, so it sorts last. */
	return a < b ? -1 : a > b;
}

int32_t bt_leveler_final_capacity(const bt_leveler *L, uint32_t team)
{
	/* The steps of one day apply in order, so the last of the latest day
	 * wins, as in the engine. */
	int32_t c = L->cap[team], day = INT32_MIN;
	for (uint32_t i = 0; i < L->nstep; i++)
		if (L->step[i].res == team && L->step[i].day >= day) {
			day = L->step[i].day;
			c = L->step[i].cap;
		}
	return c;
}

int bt_leveler_capacity_days(const bt_leveler *L, uint32_t team, int32_t from, int32_t to,
			     int32_t *out)
{
	uint32_t m = 0;
	for (uint32_t i = 0; i < L->nstep; i++)
		m += L->step[i].res == team;
	const bt_rcpsp_step **st = bt_malloc(sizeof(*st) * ((size_t)m + 1));
	if (!st)
		return -1;
	m = 0;
	for (uint32_t i = 0; i < L->nstep; i++)
		if (L->step[i].res == team)
			st[m++] = &L->step[i];
	qsort(st, m, sizeof(*st), cmp_step_day);
	int32_t c = L->cap[team];
	uint32_t i = 0;
	for (int32_t day = from; day < to; day++) {
		while (i < m && st[i]->day <= day)
			c = st[i++]->cap;
		out[day - from] = c;
	}
	bt_free(st);
	return 0;
}

const bt_rcpsp_demand *bt_leveler_demands(const bt_leveler *L, uint32_t *n)
{
	*n = L->ndemand;
	return L->demand;
}

int bt_leveler_run(const bt_leveler *L, const int32_t *dur, const bt_rcpsp_opts *opts,
		   int32_t *es, int32_t *ef, bt_rcpsp_result *res, bt_rcpsp_link *chain,
		   uint32_t *nchain, uint32_t *bad_task, uint32_t *bad_team)
{
	const bt_net *net = L->net;
	uint32_t n = net->n;
	if (!dur)
		dur = net->dur;
	int32_t *d = bt_malloc(sizeof(int32_t) * ((size_t)n + 1));
	int32_t *fixed = bt_malloc(sizeof(int32_t) * ((size_t)n + 1));
	int32_t *rel = bt_malloc(sizeof(int32_t) * ((size_t)n + 1));
	uint8_t *held = bt_calloc((size_t)n + 1, 1);
	uint32_t *cal = bt_malloc(sizeof(uint32_t) * ((size_t)n + 1));
	bt_rcpsp_prec *prec = bt_malloc(sizeof(*prec) * ((size_t)net->ne + 1));
	bt_rcpsp_result local;
	bt_rcpsp_problem pb;
	int rc = BT_RCPSP_ENOMEM;
	memset(&local, 0, sizeof(local));
	bt_rcpsp_result *r = res ? res : &local;
	memset(r, 0, sizeof(*r));
	if (!d || !fixed || !rel || !held || !cal || !prec)
		goto out;
	/* Started work continues from the data day, fixed, unless a finish
	 * link (FF, SF) into it may need a later finish: one whose bound is
	 * not yet a fact (its predecessor is not done), or a fact that needs
	 * it. Its remaining work is then levelled like planned work from the
	 * data day (retained logic). */
	for (uint32_t v = 0; v < n; v++) {
		if (net->state[v] != BT_TS_STARTED)
			continue;
		int32_t natural = bt_wc_fin(net, v, bt_net_dday(net, v), dur[v]);
		for (uint32_t k = net->pred_off[v]; k < net->pred_off[v + 1]; k++) {
			uint32_t u = net->pred[k];
			uint8_t ty = net->pred_type[k], su = net->state[u];
			if (ty != BT_FF && ty != BT_SF)
				continue;
			int fact = su == BT_TS_DONE || (su == BT_TS_STARTED && ty == BT_SF);
			if (!fact || (ty == BT_FF ? net->act_finish[u] : net->act_start[u]) +
					     net->pred_lag[k] > natural)
				held[v] = 1;
		}
	}
	for (uint32_t v = 0; v < n; v++) {
		rel[v] = net->release[v];
		cal[v] = net->cal_of[v] == BT_NONE ? BT_RCPSP_NOCAL : net->cal_of[v];
		switch (net->state[v]) {
		case BT_TS_DONE:
			/* At its actual dates, whatever its calendar says. */
			fixed[v] = net->act_start[v];
			d[v] = net->act_finish[v] - net->act_start[v];
			cal[v] = BT_RCPSP_NOCAL;
			break;
		case BT_TS_STARTED:
			rel[v] = bt_net_dday(net, v);
			d[v] = dur[v];
			fixed[v] = held[v]    ? BT_RCPSP_FREE
				   : d[v] > 0 ? bt_wc_snap(net, v, rel[v])
					      : rel[v];
			break;
		default:
			fixed[v] = BT_RCPSP_FREE;
			d[v] = dur[v];
		}
		if (d[v] < 0)
			d[v] = 0;
	}
	uint32_t np = 0;
	for (uint32_t v = 0; v < n; v++) {
		for (uint32_t k = net->pred_off[v]; k < net->pred_off[v + 1]; k++) {
			uint32_t u = net->pred[k];
			int32_t lag = net->pred_lag[k];
			uint8_t ty = net->pred_type[k];
			/* The one rule (docs/plan-language.md, "How baton
			 * schedules"): links into done work, and start links into
			 * started work, are history. */
			if (net->state[v] == BT_TS_DONE)
				continue;
			if (net->state[v] == BT_TS_STARTED && (ty == BT_FS || ty == BT_SS))
				continue;
			/* A started task's start is its actual one, which the
			 * engine (placing only its remaining work) does not see:
			 * a bound from it is a release. */
			if (net->state[u] == BT_TS_STARTED && (ty == BT_SS || ty == BT_SF)) {
				if (fixed[v] != BT_RCPSP_FREE)
					continue;
				int32_t b = net->act_start[u] + lag;
				if (ty == BT_SF)
					b = bt_wc_start_for(net, v, b, d[v]);
				if (b > rel[v])
					rel[v] = b;
				continue;
			}
			prec[np++] = (bt_rcpsp_prec){.from = u, .to = v, .type = (uint8_t)(BT_RCPSP_FS + ty),
						     .lag = lag};
		}
	}
	pb = (bt_rcpsp_problem){
		.n = n,
		.k = L->k,
		.dur = d,
		.release = rel,
		.fixed = fixed,
		.cap = L->cap,
		.step = L->step,
		.nstep = L->nstep,
		.demand = L->demand,
		.ndemand = L->ndemand,
		.prec = prec,
		.nprec = np,
		.cal = net->ncal ? cal : NULL,
		.ncal = net->ncal,
		.cal_off_off = net->off_off,
		.cal_off = net->off,
		/* A portfolio's programs are the engine's projects: it
		 * minimises their weighted delay (docs/portfolio.md). */
		.nproj = L->p->parts.n,
		.proj = L->p->parts.n ? L->p->parts.of : NULL,
		.proj_weight = L->p->parts.n ? L->p->parts.weight : NULL,
	};
	rc = bt_rcpsp_solve(&pb, opts, r);
	if (rc != BT_RCPSP_OK) {
		if (bad_task)
			*bad_task = r->err_act;
		if (bad_team)
			*bad_team = r->err_res;
		goto out;
	}
	for (uint32_t v = 0; v < n; v++) {
		if (net->state[v] == BT_TS_DONE) {
			es[v] = net->act_start[v];
			ef[v] = net->act_finish[v];
			continue;
		}
		es[v] = net->state[v] == BT_TS_STARTED ? net->act_start[v] : r->start[v];
		ef[v] = d[v] > 0 ? bt_wc_fin(net, v, r->start[v], d[v]) : r->start[v];
	}
	if (chain && nchain)
		rc = bt_rcpsp_critical_path(&pb, r->start, chain, nchain);
out:
	bt_rcpsp_result_free(&local);
	bt_free(d);
	bt_free(fixed);
	bt_free(rel);
	bt_free(held);
	bt_free(cal);
	bt_free(prec);
	return rc;
}
