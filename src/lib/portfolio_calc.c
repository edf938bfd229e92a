/*
 * portfolio_calc.c: what the portfolio views show, computed once: each
 * program's line (from the union's assessment), the contention on every
 * shared team (week by week, and who waits for whom), and the trade-off
 * between orderings (a forecast per ordering, with common random
 * numbers: the simulation keys every draw by the entity's id, so every
 * ordering sees the same durations and risks and differences are the
 * ordering's).
 */
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "level.h"
#include "portfolio.h"
#include "schedule.h"

#define ALLOCZ(c, n, T) ((T *)bt_arena_zalloc(&(c)->arena, sizeof(T) * ((size_t)(n) + 1)))

/* The most programs whose every ordering is tried: 5! = 120 forecasts. */
#define PF_PERMUTE_MAX 5

static void rows(bt_pf_calc *c)
{
	const bt_portfolio *pf = c->pf;
	const bt_assessment *a = c->a;
	for (uint32_t q = 0; q < pf->progs.n; q++) {
		const bt_pf_prog *g = &pf->progs.v[q];
		bt_pf_row *r = &c->row[q];
		r->rag = BT_RAG_NONE;
		r->at_risk = BT_NONE;
		r->ask = BT_NONE;
		r->end = g->m0 + g->nm - 1;
		double worst = 2.0;
		int32_t least = INT32_MAX;
		for (uint32_t m = g->m0; m < g->m0 + g->nm; m++) {
			const bt_as_ms *ms = &a->ms[m];
			if (ms->rag == BT_RAG_NONE || ms->reached)
				continue;
			if (r->rag == BT_RAG_NONE || ms->rag > r->rag)
				r->rag = ms->rag;
			if (ms->rag == BT_RAG_GREEN)
				continue;
			/* The commitment most at risk: the lowest chance, then
			 * the least slack; the end counts like any other. */
			double ch = bt_as_has_chance(ms) ? ms->fc.chance : 2.0;
			if (ch < worst || (ch == worst && ms->slack < least)) {
				worst = ch;
				least = ms->slack;
				r->at_risk = m;
			}
		}
		bt_date need = BT_DATE_NONE;
		for (uint32_t i = 0; i < a->decs.n; i++) {
			const bt_as_dec *d = &a->decs.v[i];
			const bt_decision *pd = &a->plan->decisions.v[d->idx];
			if (d->state != BT_DEC_PROPOSED || d->unraised)
				continue;
			if (strncmp(pd->id, g->id, strlen(g->id)) || pd->id[strlen(g->id)] != '.')
				continue;
			if (r->ask == BT_NONE || (pd->need_by != BT_DATE_NONE && (need == BT_DATE_NONE || pd->need_by < need))) {
				r->ask = i;
				need = pd->need_by;
			}
		}
		r->stale_days = g->as_of != BT_DATE_NONE && pf->as_of != BT_DATE_NONE ? pf->as_of - g->as_of : 0;
	}
}

/* Is day d a working day of node v (its team's calendar)? */
static int works_on(const bt_net *n, uint32_t v, int32_t d)
{
	return bt_wc_snap(n, v, d) == d;
}

/* Contention per shared team: the pools with open work from two programs
 * or more, and for each, week by week, the people each program asks for
 * (its critical-path dates) and holds (the levelled ones) against the
 * team's capacity. */
static int pools(bt_pf_calc *c, bt_leveler *L, const bt_rcpsp_demand *dem, uint32_t nd)
{
	bt_portfolio *pf = c->pf;
	const baton_schedule *s = c->a->sched;
	const bt_net *n = &s->net;
	const bt_plan *u = pf->u;
	uint32_t np = pf->progs.n;
	uint32_t *progs_on = ALLOCZ(c, (size_t)u->teams.n * np, uint32_t);
	if (!progs_on)
		return -1;
	int32_t from = n->data_day, to = from;
	for (uint32_t i = 0; i < nd; i++) {
		uint32_t v = dem[i].act;
		if (n->state[v] == BT_TS_DONE)
			continue;
		progs_on[dem[i].res * np + u->parts.of[v]] = 1;
		if (s->cpm.ef[v] > to)
			to = s->cpm.ef[v];
		if (s->plain_ef[v] > to)
			to = s->plain_ef[v];
	}
	c->pool = ALLOCZ(c, pf->teams.n, bt_pf_pool);
	if (!c->pool)
		return -1;
	int32_t span = to - from;
	int rc = -1;
	int32_t *cap = bt_malloc(sizeof(int32_t) * ((size_t)span + 1));
	int32_t *ask = bt_calloc(((size_t)span + 1) * np, sizeof(int32_t));
	int32_t *held = bt_calloc(((size_t)span + 1) * np, sizeof(int32_t));
	if (!cap || !ask || !held)
		goto out;
	bt_date first = bt_cal_date(&n->cal, from);
	bt_date monday0 = first - bt_date_weekday(first);
	for (uint32_t t = 0; t < pf->teams.n; t++) {
		uint32_t ut = pf->teams.v[t].uidx, k = 0;
		if (ut == BT_NONE)
			continue;
		for (uint32_t q = 0; q < np; q++)
			k += progs_on[ut * np + q];
		if (k < 2 || span <= 0)
			continue;
		if (bt_leveler_capacity_days(L, ut, from, to, cap))
			goto out;
		memset(ask, 0, sizeof(int32_t) * (size_t)span * np);
		memset(held, 0, sizeof(int32_t) * (size_t)span * np);
		for (uint32_t i = 0; i < nd; i++) {
			uint32_t v = dem[i].act, q = u->parts.of[v];
			if (dem[i].res != ut || n->state[v] == BT_TS_DONE)
				continue;
			int32_t a0 = s->work_start[v] > from ? s->work_start[v] : from;
			for (int32_t d = a0; d < s->cpm.ef[v] && d < to; d++)
				if (works_on(n, v, d))
					held[(size_t)(d - from) * np + q] += dem[i].amount;
			int32_t p0 = n->state[v] == BT_TS_STARTED ? a0 : s->plain_es[v];
			if (p0 < from)
				p0 = from;
			for (int32_t d = p0; d < s->plain_ef[v] && d < to; d++)
				if (works_on(n, v, d))
					ask[(size_t)(d - from) * np + q] += dem[i].amount;
		}
		bt_date last = bt_cal_date(&n->cal, to - 1);
		uint32_t nweek = (uint32_t)((last - monday0) / 7 + 1);
		bt_pf_pool *pl = &c->pool[c->npool];
		pl->team = t;
		pl->uidx = ut;
		pl->nprog = k;
		pl->nweek = nweek;
		pl->week = ALLOCZ(c, nweek, bt_pf_week);
		if (!pl->week)
			goto out;
		for (uint32_t w = 0; w < nweek; w++) {
			pl->week[w].monday = monday0 + 7 * (bt_date)w;
			pl->week[w].cap = -1;
			pl->week[w].ask = ALLOCZ(c, np, int32_t);
			pl->week[w].held = ALLOCZ(c, np, int32_t);
			if (!pl->week[w].ask || !pl->week[w].held)
				goto out;
		}
		int32_t *wdays = bt_calloc(nweek + 1, sizeof(int32_t));
		if (!wdays)
			goto out;
		for (int32_t d = from; d < to; d++) {
			bt_date date = bt_cal_date(&n->cal, d);
			uint32_t w = (uint32_t)((date - monday0) / 7);
			bt_pf_week *wk = &pl->week[w];
			int32_t tot = 0;
			for (uint32_t q = 0; q < np; q++) {
				int32_t x = ask[(size_t)(d - from) * np + q];
				if (x > wk->ask[q])
					wk->ask[q] = x;
				tot += x;
				wk->held[q] += held[(size_t)(d - from) * np + q];
			}
			if (tot > wk->ask_total)
				wk->ask_total = tot;
			if (cap[d - from] > wk->cap)
				wk->cap = cap[d - from];
			if (tot > cap[d - from])
				wk->over = 1;
			wdays[w]++;
		}
		for (uint32_t w = 0; w < nweek; w++) {
			for (uint32_t q = 0; q < np && wdays[w]; q++)
				pl->week[w].held[q] = (pl->week[w].held[q] + wdays[w] / 2) / wdays[w];
			pl->nover += pl->week[w].over;
		}
		bt_free(wdays);
		c->npool++;
	}
	rc = 0;
out:
	bt_free(cap);
	bt_free(ask);
	bt_free(held);
	return rc;
}

/* Waits: a task that started after its ready day for lack of a shared
 * team, on a day when another program held it; longest first. */
static int waits(bt_pf_calc *c, const bt_rcpsp_demand *dem, uint32_t nd)
{
	const baton_schedule *s = c->a->sched;
	const bt_net *n = &s->net;
	const bt_plan *u = c->pf->u;
	for (uint32_t v = 0; v < n->nt; v++) {
		if (n->state[v] != BT_TS_PLANNED || !s->ready)
			continue;
		int32_t days = bt_wc_days(n, v, s->ready[v], s->cpm.es[v]);
		if (days <= 0)
			continue;
		for (uint32_t b = s->wait_off[v]; b < s->wait_off[v + 1]; b++) {
			const bt_rcpsp_block *blk = &s->wait[b];
			uint32_t pi = BT_NONE;
			for (uint32_t i = 0; i < c->npool; i++)
				if (c->pool[i].uidx == blk->res)
					pi = i;
			if (pi == BT_NONE)
				continue;
			/* The holder: the other program's task using the most of
			 * the team that day. */
			uint32_t by_task = BT_NONE;
			int32_t most = 0;
			for (uint32_t i = 0; i < nd; i++) {
				uint32_t w = dem[i].act;
				if (dem[i].res != blk->res || u->parts.of[w] == u->parts.of[v] || w == v)
					continue;
				int32_t ws = n->state[w] == BT_TS_STARTED ? s->work_start[w] : s->cpm.es[w];
				if (ws <= blk->day && blk->day < s->cpm.ef[w] && dem[i].amount > most) {
					most = dem[i].amount;
					by_task = w;
				}
			}
			if (by_task == BT_NONE)
				continue;
			uint32_t q = u->parts.of[v], by = u->parts.of[by_task];
			bt_pf_wait *found = NULL;
			for (uint32_t i = 0; i < c->waits.n; i++)
				if (c->waits.v[i].team == pi && c->waits.v[i].prog == q && c->waits.v[i].by == by)
					found = &c->waits.v[i];
			if (!found) {
				found = BT_VEC_PUSH(c->waits);
				if (!found)
					return -1;
				found->team = pi;
				found->prog = q;
				found->by = by;
			}
			found->ntask++;
			if (days > found->days) {
				found->days = days;
				found->task = v;
				found->by_task = by_task;
				found->need = blk->need;
				found->avail = blk->avail;
				found->day = blk->day;
			}
			if (days > c->row[q].wait_days)
				c->row[q].wait_days = days;
			break;
		}
	}
	/* Longest first; ties by team, then program, for a stable order. */
	for (uint32_t i = 1; i < c->waits.n; i++)
		for (uint32_t j = i; j > 0; j--) {
			bt_pf_wait *x = &c->waits.v[j - 1], *y = &c->waits.v[j];
			int swap = y->days > x->days ||
				   (y->days == x->days && (y->team < x->team || (y->team == x->team && y->prog < x->prog)));
			if (!swap)
				break;
			bt_pf_wait t = *x;
			*x = *y;
			*y = t;
		}
	return 0;
}

static int contention(bt_pf_calc *c)
{
	bt_leveler *L = bt_leveler_new(c->pf->u, &c->a->sched->net);
	if (!L)
		return -1;
	uint32_t nd;
	const bt_rcpsp_demand *dem = bt_leveler_demands(L, &nd);
	int rc = pools(c, L, dem, nd) || waits(c, dem, nd) ? -1 : 0;
	bt_leveler_free(L);
	return rc;
}

/*============================ Trade-off ============================*/

static int next_perm(uint32_t *a, uint32_t n)
{
	if (n < 2)
		return 0;
	uint32_t i = n - 1;
	while (i > 0 && a[i - 1] >= a[i])
		i--;
	if (i == 0)
		return 0;
	uint32_t j = n - 1;
	while (a[j] <= a[i - 1])
		j--;
	uint32_t t = a[i - 1];
	a[i - 1] = a[j];
	a[j] = t;
	for (uint32_t l = i, r = n - 1; l < r; l++, r--) {
		t = a[l];
		a[l] = a[r];
		a[r] = t;
	}
	return 1;
}

static int forecast_into(bt_pf_calc *c, bt_pf_order *o, const baton_portfolio_opts *po, long runs,
			 const char **err)
{
	bt_portfolio *pf = c->pf;
	uint32_t np = pf->progs.n;
	baton_forecast_opts fo = BATON_FORECAST_OPTS_INIT;
	fo.runs = runs;
	fo.seed = c->seed;
	fo.level = 1;
	(void)po;
	bt_pf_set_weights(pf, o->order);
	baton_forecast *f = bt_forecast_compute(pf->u, &fo, err);
	bt_pf_set_weights(pf, NULL);
	if (!f)
		return -1;
	o->p50 = ALLOCZ(c, np, int32_t);
	o->p85 = ALLOCZ(c, np, int32_t);
	o->chance = ALLOCZ(c, np, double);
	if (!o->p50 || !o->p85 || !o->chance) {
		baton_forecast_free(f);
		return -1;
	}
	for (uint32_t q = 0; q < np; q++) {
		const bt_fc_ms *m = &f->ms[c->row[q].end];
		o->p50[q] = m->q[1];
		o->p85[q] = m->q[3];
		o->chance[q] = m->commit == BT_DATE_NONE ? -1.0 : m->chance;
	}
	baton_forecast_free(f);
	return 0;
}

/* Chances closer than this are the same: a few runs' difference is not
 * a reason to prefer one ordering (with common random numbers the noise
 * is small, but not nil). */
#define PF_CHANCE_TIE 0.01

/* a at least as good as b for program q: its chance (its P85 without a
 * commitment), ties within PF_CHANCE_TIE. */
static int better_eq(const bt_pf_order *a, const bt_pf_order *b, uint32_t q)
{
	if (a->chance[q] >= 0 && b->chance[q] >= 0)
		return a->chance[q] >= b->chance[q] - PF_CHANCE_TIE;
	return a->p85[q] <= b->p85[q];
}

static int strictly(const bt_pf_order *a, const bt_pf_order *b, uint32_t q)
{
	if (a->chance[q] >= 0 && b->chance[q] >= 0)
		return a->chance[q] > b->chance[q] + PF_CHANCE_TIE;
	return a->p85[q] < b->p85[q];
}

static int tradeoff(bt_pf_calc *c, const baton_portfolio_opts *po, const char **err)
{
	uint32_t np = c->pf->progs.n;
	long runs = po && po->runs > 0 ? po->runs : 2000;
	c->trade_runs = runs;
	/* All orderings up to PF_PERMUTE_MAX programs; beyond, each program
	 * first with the others by priority (np orderings). */
	uint32_t *perm = ALLOCZ(c, np, uint32_t);
	if (!perm)
		return -1;
	for (uint32_t q = 0; q < np; q++)
		perm[q] = q;
	uint32_t total = 1;
	if (np <= PF_PERMUTE_MAX)
		for (uint32_t i = 2; i <= np; i++)
			total *= i;
	else
		total = np;
	c->ord = ALLOCZ(c, total + 1, bt_pf_order);
	if (!c->ord)
		return -1;
	c->nord = total + 1;
	for (uint32_t k = 1; k <= total; k++) {
		uint32_t *o = ALLOCZ(c, np, uint32_t);
		if (!o)
			return -1;
		if (np <= PF_PERMUTE_MAX) {
			memcpy(o, perm, sizeof(uint32_t) * np);
			next_perm(perm, np);
		} else {
			uint32_t lead = k - 1, w = 0;
			o[w++] = lead;
			for (uint32_t q = 0; q < np; q++)
				if (q != lead)
					o[w++] = q;
		}
		c->ord[k].order = o;
	}
	for (uint32_t k = 0; k < c->nord; k++) {
		if (po && po->progress)
			po->progress(po->progress_ud, (long)k, (long)c->nord);
		if (forecast_into(c, &c->ord[k], po, runs, err))
			return -1;
	}
	for (uint32_t k = 0; k < c->nord; k++) {
		c->ord[k].pareto = 1;
		for (uint32_t j = 0; j < c->nord && c->ord[k].pareto; j++) {
			if (j == k)
				continue;
			int all = 1, one = 0;
			for (uint32_t q = 0; q < np; q++) {
				all &= better_eq(&c->ord[j], &c->ord[k], q);
				one |= strictly(&c->ord[j], &c->ord[k], q);
			}
			if (all && one)
				c->ord[k].pareto = 0;
		}
	}
	/* The ask: the Pareto ordering that does most for the program worst
	 * off under the priorities as written (its chance, then the sum). */
	uint32_t worst = 0;
	const bt_pf_order *cur = &c->ord[0];
	for (uint32_t q = 1; q < np; q++) {
		double a = cur->chance[q] >= 0 ? cur->chance[q] : 2.0;
		double b = cur->chance[worst] >= 0 ? cur->chance[worst] : 2.0;
		if (a < b)
			worst = q;
	}
	c->ask_for = worst;
	c->ask_ord = 0;
	double best = cur->chance[worst], best_sum = -1;
	for (uint32_t k = 1; k < c->nord; k++) {
		const bt_pf_order *o = &c->ord[k];
		if (!o->pareto || o->chance[worst] < 0)
			continue;
		double sum = 0;
		for (uint32_t q = 0; q < np; q++)
			sum += o->chance[q] > 0 ? o->chance[q] : 0;
		if (o->chance[worst] > best + 0.005 || (c->ask_ord && o->chance[worst] > best - 0.005 && sum > best_sum)) {
			if (o->chance[worst] > best)
				best = o->chance[worst];
			best_sum = sum;
			c->ask_ord = k;
		}
	}
	if (po && po->progress)
		po->progress(po->progress_ud, (long)c->nord, (long)c->nord);
	return 0;
}

bt_pf_calc *bt_pf_calc_new(bt_portfolio *pf, const baton_portfolio_opts *o, int with_tradeoff,
			   const char **err)
{
	const char *dummy;
	if (!err)
		err = &dummy;
	bt_pf_calc *c = bt_calloc(1, sizeof *c);
	if (!c) {
		*err = "out of memory";
		return NULL;
	}
	c->pf = pf;
	c->runs = o && o->runs ? o->runs : 2000;
	c->seed = o ? o->seed : 1;
	baton_status_opts so = BATON_STATUS_OPTS_INIT;
	so.level = 1;
	so.seed = c->seed;
	so.forecast_seed = c->seed;
	so.runs = c->runs;
	so.schedules = o ? o->schedules : 0;
	c->a = bt_assess_plan(pf->u, &so, err, c->runs > 0 ? &c->f : NULL);
	if (!c->a)
		goto fail;
	c->row = ALLOCZ(c, pf->progs.n, bt_pf_row);
	if (!c->row)
		goto oom;
	rows(c);
	if (contention(c))
		goto oom;
	if (with_tradeoff && tradeoff(c, o, err))
		goto fail;
	return c;
oom:
	*err = "out of memory";
fail:
	bt_pf_calc_free(c);
	return NULL;
}

void bt_pf_calc_free(bt_pf_calc *c)
{
	if (!c)
		return;
	bt_assess_free(c->a);
	baton_forecast_free(c->f);
	BT_VEC_FREE(c->waits);
	bt_arena_release(&c->arena);
	bt_free(c);
}
