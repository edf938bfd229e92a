/*
 * recover.c: `baton recover`: the smallest sets of changes that bring a
 * commitment's chance back to a target, ranked by what they cost
 * (docs/recover.md).
 *
 * Every candidate is a scenario (scenario.h: capacity for a window,
 * descope, a link made start-to-start, a risk's probability), written as
 * plan text and appended to the plan, so what recover measures is exactly
 * what `baton forecast --level --scenario` measures for the same block:
 * the same levelled Monte Carlo, the same seed, and, because every draw is
 * keyed by its task's or risk's id, the same random numbers in every
 * candidate (common random numbers), so a difference is the change's.
 *
 * The search: the candidates come from what holds the date (the teams of
 * the tasks that lead to the commitment, weighed by how often those tasks
 * are critical; the optional tasks, fast-track links and mitigable risks
 * on the way); each is screened alone with fewer runs; the best singles are
 * combined in pairs and triples; the sets that reach the target and have
 * no cheaper subset that does are ranked by cost and evaluated again with
 * the full runs, which are the figures printed.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api.h"
#include "assess.h"
#include "forecast.h"
#include "jsonw.h"
#include "level.h"
#include "recover.h"
#include "scenario.h"
#include "schedule.h"

#define MAX_TEAMS 4      /* capacity candidates: the teams that matter most */
#define MAX_SINGLES 24   /* candidates screened alone */
#define COMBINE 5        /* the best singles combined in pairs (and 4 in triples) */

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

typedef struct rctx {
	bt_recovery *r;
	baton_plan *p;
	const char *scen_name;
	long runs;
	uint64_t seed;
	double t0, limit;
	uint32_t max_sets;
	int timed_out;
	const char *err;
} rctx;

static char *astr(bt_recovery *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static char *astr(bt_recovery *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = bt_arena_vprintf_cut(&r->arena, 8192, fmt, ap);
	va_end(ap);
	if (!s)
		r->oom = 1;
	return s;
}

/* The objective of a forecast: the chance of the target commitment, or
 * with several, the lowest of them; and its P85 (the latest). */
static void objective(const bt_recovery *r, const baton_forecast *f, double *chance, bt_date *p85)
{
	double c = 2.0;
	int32_t q = INT32_MIN;
	for (uint32_t k = 0; r->all && k < r->nm1; k++)
		r->all[k] = f->ms[k].commit != BT_DATE_NONE ? f->ms[k].chance : -1.0;
	for (uint32_t i = 0; i < r->ntarget; i++) {
		const bt_fc_ms *m = &f->ms[r->target[i]];
		if (m->chance < c)
			c = m->chance;
		if (m->q[3] > q)
			q = m->q[3];
	}
	*chance = c > 1.0 ? 0.0 : c;
	/* As the date the forecast prints (forecast.c's rule). */
	char d[11];
	bt_fc_date(f, q, d);
	if (bt_date_parse(d, 10, p85))
		*p85 = BT_DATE_NONE;
}

/* Forecast the plan with `items` (scenario lines, may be empty) applied. */
static int evaluate(rctx *x, const char *items, long runs, double *chance, bt_date *p85)
{
	bt_recovery *r = x->r;
	const bt_plan *p = x->p;
	bt_buf b = BT_BUF_INIT;
	bt_buf_add(&b, p->src.text, p->src.len);
	if (b.len && b.s[b.len - 1] != '\n')
		bt_buf_putc(&b, '\n');
	const char *under = r->under_items ? r->under_items : "";
	int scen = (items && *items) || *under;
	if (scen)
		bt_buf_printf(&b, "\nscenario %s \"baton recover\"\n%s%s", x->scen_name, under, items ? items : "");
	if (b.oom) {
		bt_buf_release(&b);
		x->err = "out of memory";
		return -1;
	}
	baton_plan *q = baton_plan_parse(p->src.name, b.s, b.len);
	bt_buf_release(&b);
	if (!q) {
		x->err = "out of memory";
		return -1;
	}
	if (baton_plan_errors(q)) {
		/* A candidate the plan refuses (a rule only the combination
		 * breaks): not an option. */
		baton_plan_free(q);
		*chance = -1;
		return 1;
	}
	baton_forecast_opts fo = BATON_FORECAST_OPTS_INIT;
	fo.as_of = r->as_of_s[0] ? r->as_of_s : NULL;
	fo.runs = runs;
	fo.seed = x->seed;
	fo.level = 1;
	fo.scenario = scen ? x->scen_name : NULL;
	const char *ferr = NULL;
	baton_forecast *f = bt_forecast_compute(q, &fo, &ferr);
	if (!f) {
		baton_plan_free(q);
		/* A change the plan cannot carry (a crew its team never has
		 * at once) is no option; only memory ends the search. */
		if (ferr && strcmp(ferr, "out of memory")) {
			*chance = -1;
			return 1;
		}
		x->err = ferr;
		return -1;
	}
	objective(r, f, chance, p85);
	r->evaluated++;
	baton_forecast_free(f);
	baton_plan_free(q);
	return 0;
}

/* The commitments option o makes less likely by a point or more, from
 * the forecast just evaluated (r->all) against the plan as it is. */
static int set_side(bt_recovery *r, bt_rc_option *o)
{
	uint32_t n = 0;
	o->side = NULL;
	o->nside = 0;
	for (uint32_t k = 0; k < r->nm1; k++)
		n += r->base_all[k] >= 0 && r->all[k] >= 0 && r->all[k] < r->base_all[k] - 0.01 + 1e-9;
	if (!n)
		return 0;
	o->side = bt_arena_alloc(&r->arena, sizeof(bt_rc_side) * n);
	if (!o->side) {
		r->oom = 1;
		return -1;
	}
	for (uint32_t k = 0; k < r->nm1; k++)
		if (r->base_all[k] >= 0 && r->all[k] >= 0 && r->all[k] < r->base_all[k] - 0.01 + 1e-9)
			o->side[o->nside++] = (bt_rc_side){k, r->base_all[k], r->all[k]};
	return 0;
}

static int add_cand(bt_recovery *r, uint8_t kind, uint32_t subject, const char *text, const char *items,
		    double cost)
{
	uint32_t rank = 0;
	for (uint32_t i = 0; i < r->cands.n; i++)
		rank += r->cands.v[i].kind == kind;
	bt_rc_change *c = BT_VEC_PUSH(r->cands);
	if (!c) {
		r->oom = 1;
		return -1;
	}
	c->rank = rank;
	c->kind = kind;
	c->subject = subject;
	c->text = text;
	c->items = items;
	c->cost = cost;
	return 0;
}

/* The windows of constant capacity of team t over [from, to]: one
 * scenario line each, with k more people. */
static const char *capacity_items(bt_recovery *r, const bt_plan *p, uint32_t t, bt_date from, bt_date to,
				  int32_t k, int *ok)
{
	bt_buf b = BT_BUF_INIT;
	*ok = 1;
	bt_date a = from;
	int32_t ca = bt_team_capacity_at(p, r->under_sc, t, from, NULL);
	for (bt_date d = from + 1; d <= to + 1; d++) {
		int32_t c = d <= to ? bt_team_capacity_at(p, r->under_sc, t, d, NULL) : INT32_MIN;
		if (c == ca)
			continue;
		char ppl[16], d1[11], d2[11];
		bt_date_format(a, d1);
		bt_date_format(d - 1, d2);
		if ((int64_t)ca + k > 100000000 || (int64_t)ca + k < 0) {
			*ok = 0;
			break;
		}
		bt_buf_printf(&b, "  team %s capacity %s from %s to %s\n", p->teams.v[t].id, bt_people(ppl, ca + k), d1,
			      d2);
		a = d;
		ca = c;
	}
	char *s = b.oom ? NULL : astr(r, "%s", b.s);
	if (b.oom)
		r->oom = 1;
	bt_buf_release(&b);
	return s;
}

/* Pairs (score, index): the highest score first, then the lower index. */
static int cmp_score(const void *a, const void *b)
{
	const double *x = a, *y = b;
	return x[0] < y[0] ? 1 : x[0] > y[0] ? -1 : (x[1] > y[1]) - (x[1] < y[1]);
}

/* Does task t use team `team` (its crew or one of its needs)? */
static int uses_team(const bt_plan *p, const bt_task *t, uint32_t team)
{
	if (!t->nneed)
		return t->team.idx == team;
	for (uint32_t i = 0; i < t->nneed; i++) {
		const bt_need *nd = &p->needs.v[t->need0 + i];
		if ((nd->team.name ? nd->team.idx : t->team.idx) == team)
			return 1;
	}
	return 0;
}

/* Does node `to` lead to node `from` (so `to after from` closes a cycle)? */
static int leads_to(const bt_net *n, uint32_t to, uint32_t from, uint8_t *seen, uint32_t *stack)
{
	uint32_t sp = 0;
	int found = 0;
	memset(seen, 0, n->n + 1);
	stack[sp++] = from;
	seen[from] = 1;
	while (sp && !found) {
		uint32_t v = stack[--sp];
		for (uint32_t e = n->pred_off[v]; e < n->pred_off[v + 1]; e++) {
			uint32_t u = n->pred[e];
			if (u == to)
				found = 1;
			if (!seen[u]) {
				seen[u] = 1;
				stack[sp++] = u;
			}
		}
	}
	return found;
}

#define MAX_RESEQ 4

static void resequence(rctx *x, const bt_net *n, const baton_schedule *s, const uint8_t *anc, const double *weight)
{
	bt_recovery *r = x->r;
	const bt_plan *p = x->p;
	uint32_t nt = n->nt, nw = 0, made = 0;
	if (!s->wait_off)
		return;
	double *wv = bt_malloc(sizeof(double) * 2 * (nt + 1));
	uint8_t *seen = bt_malloc(n->n + 1);
	uint32_t *stack = bt_malloc(sizeof(uint32_t) * (n->n + 1));
	if (!wv || !seen || !stack) {
		r->oom = 1;
		goto out;
	}
	for (uint32_t v = 0; v < nt; v++)
		if (anc[v] && weight[v] > 0 && n->state[v] == BT_TS_PLANNED && s->wait_off[v + 1] > s->wait_off[v]) {
			wv[2 * nw] = weight[v];
			wv[2 * nw++ + 1] = v;
		}
	qsort(wv, nw, 2 * sizeof(double), cmp_score);
	for (uint32_t i = 0; i < nw && made < MAX_RESEQ; i++) {
		uint32_t v = (uint32_t)wv[2 * i + 1], best = BT_NONE;
		const bt_rcpsp_block *bk = &s->wait[s->wait_off[v]];
		/* The work that held the team on the day v wanted it: first
		 * what does not lead to the commitment, then the least critical. */
		for (uint32_t u = 0; u < nt; u++) {
			if (u == v || n->state[u] != BT_TS_PLANNED || s->cpm.es[u] > bk->day || s->cpm.ef[u] <= bk->day ||
			    !uses_team(p, &p->tasks.v[u], bk->res))
				continue;
			if (best != BT_NONE && (anc[best] < anc[u] || (anc[best] == anc[u] && weight[best] <= weight[u])))
				continue;
			best = u;
		}
		if (best == BT_NONE || leads_to(n, best, v, seen, stack))
			continue;
		const bt_task *tu = &p->tasks.v[best], *tv = &p->tasks.v[v];
		int linked = 0;
		for (uint32_t d = 0; d < tu->ndep && !linked; d++)
			linked = p->deps.v[tu->dep0 + d].to.kind == BT_K_TASK && p->deps.v[tu->dep0 + d].to.idx == v;
		if (linked)
			continue;
		add_cand(r, BT_RC_RESEQUENCE, v,
			 astr(r, "re-sequence %s: %s before %s (%s waits for it)", p->teams.v[bk->res].id, tv->id, tu->id, tu->id),
			 astr(r, "  task %s after %s\n", tu->id, tv->id), 0);
		made++;
	}
out:
	bt_free(wv);
	bt_free(seen);
	bt_free(stack);
}

/* The candidates, from what holds the target commitments. */
/* What leads to each target (anc), and how often each task is critical
 * to it (the forecast's drivers; on the levelled chain, or waiting for
 * its team, counts too). */
static void on_the_way(const rctx *x, const baton_forecast *f, const baton_schedule *s, uint8_t *anc,
		       uint32_t *stack, double *weight)
{
	const bt_recovery *r = x->r;
	const bt_net *n = &s->net;
	uint32_t nt = n->nt, nn = n->n;
	for (uint32_t i = 0; i < r->ntarget; i++) {
		uint32_t k = r->target[i], sp = 0;
		if (k == f->nm1 - 1) {
			for (uint32_t v = 0; v < nn; v++)
				anc[v] = 1;
		} else {
			stack[sp++] = nt + k;
			anc[nt + k] = 1;
			while (sp) {
				uint32_t v = stack[--sp];
				for (uint32_t e = n->pred_off[v]; e < n->pred_off[v + 1]; e++)
					if (!anc[n->pred[e]]) {
						anc[n->pred[e]] = 1;
						stack[sp++] = n->pred[e];
					}
			}
		}
		uint32_t nd = f->res.ndriver ? f->res.ndriver[k] : 0;
		for (uint32_t d = 0; d < nd; d++) {
			const bt_sim_driver *dv = &f->res.drivers[(size_t)k * f->res.ndrivers + d];
			if (!dv->is_risk && dv->idx < nt)
				weight[dv->idx] += dv->crit;
		}
	}
	for (uint32_t i = 0; i < s->nchain; i++)
		if (s->chain[i].act < nt && anc[s->chain[i].act])
			weight[s->chain[i].act] += 0.5;
	for (uint32_t v = 0; v < nt && s->wait_off; v++)
		if (anc[v] && s->wait_off[v + 1] > s->wait_off[v])
			weight[v] += 0.25;
}

/* The teams that get people (hired or borrowed), with their spans. */
typedef struct spans {
	uint32_t n;
	uint32_t team[MAX_TEAMS];
	bt_date from[MAX_TEAMS], to[MAX_TEAMS];
	int32_t days[MAX_TEAMS];   /* working days of the span */
} spans;

/* Capacity: the teams whose open, critical work leads there, by how much
 * (weight), each with the span of that work; not a fixed team. 0, or -1
 * when memory runs out. */
static int team_spans(const rctx *x, const baton_schedule *s, const uint8_t *anc, const double *weight, spans *sp)
{
	const bt_plan *p = x->p;
	const bt_net *n = &s->net;
	uint32_t nt = n->nt;
	uint32_t k = p->teams.n;
	double *score = bt_calloc((size_t)k * 2 + 2, sizeof(double));
	int32_t *lo = bt_malloc(sizeof(int32_t) * (k + 1)), *hi = bt_malloc(sizeof(int32_t) * (k + 1));
	int rc = -1;
	if (!score || !lo || !hi)
		goto out;
	for (uint32_t t = 0; t < k; t++) {
		lo[t] = INT32_MAX;
		hi[t] = INT32_MIN;
		score[2 * t + 1] = t;
	}
	for (uint32_t v = 0; v < nt; v++) {
		const bt_task *tk = &p->tasks.v[v];
		if (!anc[v] || n->state[v] == BT_TS_DONE || weight[v] <= 0)
			continue;
		uint32_t nneed = tk->nneed ? tk->nneed : 1;
		for (uint32_t i = 0; i < nneed; i++) {
			uint32_t t = tk->nneed ? (p->needs.v[tk->need0 + i].team.name ? p->needs.v[tk->need0 + i].team.idx
										     : tk->team.idx)
					       : tk->team.idx;
			if (t == BT_NONE)
				continue;
			score[2 * t] += weight[v];
			int32_t a = s->work_start[v], e = s->cpm.ef[v];
			if (a < lo[t])
				lo[t] = a;
			if (e > hi[t])
				hi[t] = e;
		}
	}
	qsort(score, k, 2 * sizeof(double), cmp_score);
	/* The teams that get people (hired or borrowed), with their spans. */
	sp->n = 0;
	for (uint32_t i = 0; i < k && sp->n < MAX_TEAMS; i++) {
		uint32_t t = (uint32_t)score[2 * i + 1];
		if (score[2 * i] <= 0 || p->teams.v[t].fixed || lo[t] >= hi[t])
			continue;
		bt_date from = bt_cal_date(&n->cal, lo[t] > n->data_day ? lo[t] : n->data_day);
		bt_date to = bt_cal_date(&n->cal, hi[t] - 1);
		if (to < from)
			continue;
		int32_t wdays = hi[t] - (lo[t] > n->data_day ? lo[t] : n->data_day);
		sp->team[sp->n] = t;
		sp->from[sp->n] = from;
		sp->to[sp->n] = to;
		sp->days[sp->n++] = wdays;
	}
	rc = 0;
out:
	bt_free(score);
	bt_free(lo);
	bt_free(hi);
	return rc;
}

/* Hire: one or two people for each team, for its span. */
static void cand_capacity(rctx *x, const spans *sp)
{
	bt_recovery *r = x->r;
	const bt_plan *p = x->p;
	for (uint32_t i = 0; i < sp->n; i++) {
		uint32_t t = sp->team[i];
		bt_date from = sp->from[i], to = sp->to[i];
		int32_t wdays = sp->days[i];
		for (int32_t add = 10; add <= 20; add += 10) {
			int ok;
			const char *items = capacity_items(r, p, t, from, to, add, &ok);
			if (!items || !ok)
				continue;
			char d1[11], d2[11];
			bt_date_format(from, d1);
			bt_date_format(to, d2);
			double pd = (double)add / 10.0 * wdays;
			add_cand(r, BT_RC_CAPACITY, t,
				 astr(r, "+%d %s in %s from %s to %s (%.0f person-weeks)", add / 10,
				      add == 10 ? "person" : "people", p->teams.v[t].id, d1, d2, pd / 5.0),
				 items, pd);
		}
	}
}

/* Borrow: one person from a team with a spare one in every week of the
 * span (the levelled load), so what the lender loses is what the
 * forecast shows, not an assumption. */
static void cand_borrow(rctx *x, const baton_schedule *s, const spans *sp)
{
	bt_recovery *r = x->r;
	const bt_plan *p = x->p;
	uint32_t k = p->teams.n;
	for (uint32_t i = 0; i < sp->n; i++) {
		uint32_t t = sp->team[i], lend[2] = {BT_NONE, BT_NONE};
		int32_t lspare[2] = {0, 0}, lpeak[2] = {0, 0}, lcap[2] = {0, 0};
		for (uint32_t l = 0; l < k; l++) {
			if (l == t || p->teams.v[l].fixed || !s->nweek)
				continue;
			int32_t spare = INT32_MAX, peak = 0, cap = 0;
			for (bt_date d = sp->from[i]; d <= sp->to[i] && spare >= 10; d++) {
				int32_t c = bt_team_capacity_at(p, r->under_sc, l, d, NULL);
				if (c < 10)
					spare = 0;
			}
			int32_t w0 = (sp->from[i] - s->week0) / 7, w1 = (sp->to[i] - s->week0) / 7;
			for (int32_t w = w0 < 0 ? 0 : w0; w <= w1 && spare >= 10; w++) {
				if ((uint32_t)w >= s->nweek)
					break;
				const bt_week_load *wl = &s->load[(size_t)l * s->nweek + (uint32_t)w];
				if (wl->capacity < 0)
					continue;
				if (wl->capacity - wl->levelled < spare)
					spare = wl->capacity - wl->levelled;
				if (wl->levelled > peak)
					peak = wl->levelled;
				if (wl->capacity > cap)
					cap = wl->capacity;
			}
			if (spare == INT32_MAX || spare < 10)
				continue;
			for (int j = 0; j < 2; j++)
				if (lend[j] == BT_NONE || spare > lspare[j]) {
					if (j == 0) {
						lend[1] = lend[0];
						lspare[1] = lspare[0];
						lpeak[1] = lpeak[0];
						lcap[1] = lcap[0];
					}
					lend[j] = l;
					lspare[j] = spare;
					lpeak[j] = peak;
					lcap[j] = cap;
					break;
				}
		}
		for (int j = 0; j < 2 && lend[j] != BT_NONE; j++) {
			int ok1, ok2;
			const char *give = capacity_items(r, p, t, sp->from[i], sp->to[i], 10, &ok1);
			const char *take = capacity_items(r, p, lend[j], sp->from[i], sp->to[i], -10, &ok2);
			if (!give || !take || !ok1 || !ok2)
				continue;
			char d1[11], d2[11], pk[16], cp[16];
			bt_date_format(sp->from[i], d1);
			bt_date_format(sp->to[i], d2);
			add_cand(r, BT_RC_BORROW, t,
				 astr(r, "borrow 1 person from %s for %s from %s to %s (%s's peak in those weeks: %s of %s; %.0f person-weeks)",
				      p->teams.v[lend[j]].id, p->teams.v[t].id, d1, d2, p->teams.v[lend[j]].id,
				      bt_people(pk, lpeak[j]), bt_people(cp, lcap[j]), sp->days[i] / 5.0),
				 astr(r, "%s%s", give, take), sp->days[i]);
		}
	}
}

/* Crash: tasks on the way that can take more of their team. */
static void cand_crash(rctx *x, const baton_schedule *s, const uint8_t *anc, const double *weight)
{
	bt_recovery *r = x->r;
	const bt_plan *p = x->p;
	const bt_net *n = &s->net;
	uint32_t nt = n->nt;
	for (uint32_t v = 0; v < nt; v++) {
		const bt_task *tk = &p->tasks.v[v];
		uint32_t ct;
		int32_t crew;
		if (!tk->crash || !anc[v] || n->state[v] == BT_TS_DONE || weight[v] <= 0 ||
		    !bt_task_crew(p, tk, &ct, &crew) || tk->crash <= crew)
			continue;
		int32_t work = n->state[v] == BT_TS_STARTED ? n->remaining[v] : n->est_m[v];
		/* No more than the team ever has while the work runs: started
		 * work is not levelled, so nothing else would stop a crew the
		 * team cannot field. */
		int32_t most = tk->crash;
		bt_date d0 = bt_cal_date(&n->cal, s->work_start[v] > n->data_day ? s->work_start[v] : n->data_day);
		bt_date d1 = bt_cal_date(&n->cal, s->cpm.ef[v] > 0 ? s->cpm.ef[v] - 1 : 0);
		for (bt_date d = d0; d <= d1 && most > crew; d++) {
			int32_t c = bt_team_capacity_at(p, r->under_sc, ct, d, NULL);
			if (c > 0 && c < most)
				most = c;
		}
		if (most <= crew)
			continue;
		/* All it can take, and one more person when that is less. */
		int32_t tries[2] = {most, most - crew >= 20 ? crew + 10 : 0};
		for (int j = 0; j < 2 && tries[j]; j++) {
			int32_t ppl = tries[j];
			int32_t days = (int32_t)llround(work * bt_task_crew_factor(p, tk, ppl));
			char a[16], b[16];
			add_cand(r, BT_RC_CRASH, v,
				 astr(r, "crash %s: %s people of %s instead of %s (%d -> %d working days)", tk->id,
				      bt_people(a, ppl), p->teams.v[ct].id, bt_people(b, crew), (int)work, (int)days),
				 astr(r, "  task %s people %s\n", tk->id, bt_people(a, ppl)), (ppl - crew) / 10.0 * days);
		}
	}
}

/* Descope: optional work on the way. */
static void cand_descope(rctx *x, const bt_net *n, const uint8_t *anc)
{
	bt_recovery *r = x->r;
	const bt_plan *p = x->p;
	uint32_t nt = n->nt;
	for (uint32_t v = 0; v < nt; v++) {
		const bt_task *tk = &p->tasks.v[v];
		if (!tk->optional || !anc[v] || n->state[v] == BT_TS_DONE)
			continue;
		int32_t work = n->state[v] == BT_TS_STARTED ? n->remaining[v] : n->est_m[v];
		add_cand(r, BT_RC_DESCOPE, v, astr(r, "descope %s (optional, %d days of work)", tk->id, (int)work),
			 astr(r, "  task %s descope\n", tk->id), work);
	}
}

/* Fast-track: the links the plan says may overlap. */
static void cand_fast_track(rctx *x, const bt_net *n, const uint8_t *anc)
{
	bt_recovery *r = x->r;
	const bt_plan *p = x->p;
	uint32_t nt = n->nt, nn = n->n;
	for (uint32_t v = 0; v < nt; v++) {
		const bt_task *tk = &p->tasks.v[v];
		if (!tk->fast_track.name || !anc[v] || n->state[v] != BT_TS_PLANNED)
			continue;
		uint32_t u = tk->fast_track.kind == BT_K_TASK ? tk->fast_track.idx : nt + tk->fast_track.idx;
		if (u < nn && n->state[u] == BT_TS_DONE)
			continue;
		int32_t overlap = u < nt ? n->est_m[u] - tk->ft_lag : 0;
		add_cand(r, BT_RC_FAST_TRACK, v,
			 astr(r, "start %s alongside %s (fs -> ss +%dd, fast-track: rework risk on %d days of overlap)", tk->id,
			      tk->fast_track.name, (int)tk->ft_lag, overlap > 0 ? (int)overlap : 0),
			 astr(r, "  task %s drop-after %s\n  task %s after %s ss +%dd\n", tk->id, tk->fast_track.name, tk->id,
			      tk->fast_track.name, (int)tk->ft_lag),
			 overlap > 0 ? overlap : 0);
	}
}

/* Mitigate: risks with a stated effect, on the way. */
static void cand_mitigate(rctx *x, const bt_net *n, const uint8_t *anc)
{
	bt_recovery *r = x->r;
	const bt_plan *p = x->p;
	uint32_t nt = n->nt;
	for (uint32_t i = 0; i < p->risks.n; i++) {
		const bt_risk *rk = &p->risks.v[i];
		if (rk->mitigated < 0 || rk->probability < 0 || rk->mitigated >= rk->probability ||
		    (rk->state != BT_RISK_OPEN && rk->state != BT_RISK_MITIGATING))
			continue;
		int on = rk->non == 0;
		for (uint32_t j = 0; j < rk->non && !on; j++) {
			const bt_ref *rf = &p->refs.v[rk->on0 + j];
			uint32_t v = rf->kind == BT_K_TASK ? rf->idx : rf->kind == BT_K_MILESTONE ? nt + rf->idx : BT_NONE;
			on = v != BT_NONE && anc[v];
		}
		if (!on)
			continue;
		char cost[48] = "cost not stated";
		if (rk->mitigation_cost >= 0)
			snprintf(cost, sizeof cost, "%d person-days", (int)rk->mitigation_cost);
		add_cand(r, BT_RC_MITIGATE, i,
			 astr(r, "mitigate %s: %.0f%% -> %.0f%% (%s)", rk->id, rk->probability * 100.0, rk->mitigated * 100.0,
			      cost),
			 astr(r, "  risk %s probability %g%%\n", rk->id, rk->mitigated * 100.0),
			 rk->mitigation_cost >= 0 ? rk->mitigation_cost : 0);
	}
}

static int candidates(rctx *x, const baton_forecast *f, const baton_schedule *s)
{
	bt_recovery *r = x->r;
	const bt_net *n = &s->net;
	uint32_t nt = n->nt, nn = n->n;
	uint8_t *anc = bt_calloc(nn + 1, 1);
	uint32_t *stack = bt_malloc(sizeof(uint32_t) * (nn + 1));
	double *weight = bt_calloc(nt + 1, sizeof(double));
	spans sp;
	if (!anc || !stack || !weight) {
		r->oom = 1;
	} else {
		on_the_way(x, f, s, anc, stack, weight);
		if (team_spans(x, s, anc, weight, &sp)) {
			r->oom = 1;
		} else {
			cand_capacity(x, &sp);
			cand_borrow(x, s, &sp);
			cand_crash(x, s, anc, weight);
			/* Re-sequence: a task on the way that waited for its
			 * team while work that does not lead there held the
			 * people; that work goes second. */
			resequence(x, n, s, anc, weight);
			cand_descope(x, n, anc);
			cand_fast_track(x, n, anc);
			cand_mitigate(x, n, anc);
		}
	}
	bt_free(anc);
	bt_free(stack);
	bt_free(weight);
	return r->oom ? -1 : 0;
}

/* A set of candidates (indices, sorted) evaluated. */
static bt_rc_option *try_set(rctx *x, const uint32_t *ix, uint32_t m, long runs)
{
	bt_recovery *r = x->r;
	bt_buf b = BT_BUF_INIT;
	double cost = 0;
	for (uint32_t i = 0; i < m; i++) {
		bt_buf_puts(&b, r->cands.v[ix[i]].items);
		cost += r->cands.v[ix[i]].cost;
	}
	if (b.oom) {
		bt_buf_release(&b);
		x->err = "out of memory";
		return NULL;
	}
	double ch;
	bt_date q = BT_DATE_NONE;
	int rc = evaluate(x, b.s, runs, &ch, &q);
	bt_buf_release(&b);
	if (rc < 0)
		return NULL;
	bt_rc_option *o = BT_VEC_PUSH(r->opts);
	if (!o) {
		x->err = "out of memory";
		return NULL;
	}
	o->n = m;
	memcpy(o->ix, ix, sizeof(uint32_t) * m);
	o->chance = rc ? -1 : ch;
	o->p85 = q;
	o->cost = cost;
	o->screen_chance = o->chance;
	o->side = NULL;
	o->nside = 0;
	if (!rc && set_side(r, o)) {
		x->err = "out of memory";
		return NULL;
	}
	if (o->chance >= r->goal && r->first_option < 0)
		r->first_option = now_s() - x->t0;
	return o;
}

static int time_up(rctx *x)
{
	if (x->max_sets && x->r->opts.n >= x->max_sets) {
		x->timed_out = 1;
		return 1;
	}
	if (x->limit > 0 && now_s() - x->t0 > x->limit) {
		x->timed_out = 1;
		return 1;
	}
	return 0;
}

/* The changes of o that add people the program does not have. */
static int hires(const bt_recovery *r, const bt_rc_option *o)
{
	int h = 0;
	for (uint32_t i = 0; i < o->n; i++)
		h += r->cands.v[o->ix[i]].kind == BT_RC_CAPACITY;
	return h;
}

static int cmp_opt(const void *a, const void *b, const bt_recovery *r)
{
	const bt_rc_option *x = a, *y = b;
	int rx = x->chance >= r->goal, ry = y->chance >= r->goal;
	if (rx != ry)
		return ry - rx;
	if (rx) {
		if (x->cost != y->cost)
			return x->cost < y->cost ? -1 : 1;
		/* At the same cost: what costs no other commitment, then the
		 * program's own people before new ones, then fewer changes. */
		if (x->nside != y->nside)
			return x->nside < y->nside ? -1 : 1;
		int hx = hires(r, x), hy = hires(r, y);
		if (hx != hy)
			return hx < hy ? -1 : 1;
		if (x->n != y->n)
			return x->n < y->n ? -1 : 1;
	}
	/* Short of the target: half a point of chance is what counts as
	 * more (as in screening); within it, the earlier P85. */
	if (fabs(x->chance - y->chance) > 0.005)
		return x->chance > y->chance ? -1 : 1;
	if (x->p85 != y->p85)
		return x->p85 < y->p85 ? -1 : 1;
	if (x->chance != y->chance)
		return x->chance > y->chance ? -1 : 1;
	if (x->cost != y->cost)
		return x->cost < y->cost ? -1 : 1;
	if (x->nside != y->nside)
		return x->nside < y->nside ? -1 : 1;
	return hires(r, x) - hires(r, y);
}

static void sort_opts(bt_recovery *r, bt_rc_option *v, uint32_t n)
{
	for (uint32_t i = 1; i < n; i++)
		for (uint32_t j = i; j > 0 && cmp_opt(&v[j - 1], &v[j], r) > 0; j--) {
			bt_rc_option t = v[j - 1];
			v[j - 1] = v[j];
			v[j] = t;
		}
}

/* b's changes include all of a's. */
static int subset(const bt_rc_option *a, const bt_rc_option *b)
{
	for (uint32_t i = 0; i < a->n; i++) {
		int in = 0;
		for (uint32_t j = 0; j < b->n && !in; j++)
			in = a->ix[i] == b->ix[j];
		if (!in)
			return 0;
	}
	return 1;
}

/* An option helps when it adds half a point of chance, or, far from the
 * target where the chance barely moves, brings the P85 date earlier. */
static int helps_vs(const bt_rc_option *o, double chance, bt_date p85)
{
	return o->chance >= 0 && (o->chance > chance + 0.005 || (o->chance >= chance - 0.005 && o->p85 < p85));
}

/* Against the plan as it is, forecast with the same runs as o. */
static int helps(const bt_recovery *r, const bt_rc_option *o, int screened)
{
	return screened ? helps_vs(o, r->screen_chance, r->screen_p85) : helps_vs(o, r->base_chance, r->base_p85);
}

/* s does at least as well as o: as much chance, and a P85 no later. */
static int as_good(const bt_rc_option *s, const bt_rc_option *o)
{
	return s->chance >= o->chance - 0.005 && s->p85 <= o->p85;
}

static int better_single(const bt_rc_option *a, const bt_rc_option *b)
{
	return a->chance != b->chance ? a->chance > b->chance : a->p85 < b->p85;
}

static int same_subject(const bt_recovery *r, uint32_t a, uint32_t b)
{
	return r->cands.v[a].kind == r->cands.v[b].kind && r->cands.v[a].subject == r->cands.v[b].subject;
}

static int search(rctx *x)
{
	bt_recovery *r = x->r;
	long screen = x->runs / 4 > 200 ? x->runs / 4 : 200;
	if (screen > x->runs)
		screen = x->runs;
	r->screen_runs = screen;
	/* The plan as it is at the screening runs: what a screened change
	 * is measured against (the same runs, the same random numbers). */
	if (screen == x->runs) {
		r->screen_chance = r->base_chance;
		r->screen_p85 = r->base_p85;
	} else {
		if (evaluate(x, "", screen, &r->screen_chance, &r->screen_p85))
			return -1;
	}
	uint32_t nc = r->cands.n < MAX_SINGLES ? r->cands.n : MAX_SINGLES;
	/* A budget in sets keeps a third of it for combinations. */
	if (x->max_sets && nc > x->max_sets - x->max_sets / 3)
		nc = x->max_sets - x->max_sets / 3;
	for (uint32_t i = 0; i < nc && !time_up(x); i++)
		if (!try_set(x, &i, 1, screen))
			return -1;
	r->nsingle = r->opts.n;
	r->ncombo = 0;
	/* The best singles that help, combined. */
	uint32_t best[COMBINE], nb = 0;
	bt_rc_option *singles = bt_malloc(sizeof(bt_rc_option) * (r->opts.n + 1));
	if (!singles)
		return -1;
	if (r->opts.n) /* no candidates: opts.v is NULL, which memcpy may not take */
		memcpy(singles, r->opts.v, sizeof(bt_rc_option) * r->opts.n);
	r->screened = bt_arena_alloc(&r->arena, sizeof(bt_rc_option) * (r->nsingle + 1));
	if (!r->screened) {
		bt_free(singles);
		return -1;
	}
	if (r->nsingle)
		memcpy(r->screened, singles, sizeof(bt_rc_option) * r->nsingle);
	for (uint32_t i = 1; i < r->nsingle; i++)
		for (uint32_t j = i; j > 0 && better_single(&singles[j], &singles[j - 1]); j--) {
			bt_rc_option t = singles[j - 1];
			singles[j - 1] = singles[j];
			singles[j] = t;
		}
	for (uint32_t i = 0; i < r->nsingle && nb < COMBINE; i++)
		if (helps(r, &singles[i], 1))
			best[nb++] = singles[i].ix[0];
	bt_free(singles);
	for (uint32_t a = 0; a < nb && !x->timed_out; a++)
		for (uint32_t b = a + 1; b < nb && !time_up(x); b++) {
			if (same_subject(r, best[a], best[b]))
				continue;
			uint32_t ix[2] = {best[a] < best[b] ? best[a] : best[b], best[a] < best[b] ? best[b] : best[a]};
			if (!try_set(x, ix, 2, screen))
				return -1;
		}
	for (uint32_t a = 0; a < nb && a < 4 && !x->timed_out; a++)
		for (uint32_t b = a + 1; b < nb && b < 4; b++)
			for (uint32_t c = b + 1; c < nb && c < 4 && !time_up(x); c++) {
				if (same_subject(r, best[a], best[b]) || same_subject(r, best[a], best[c]) ||
				    same_subject(r, best[b], best[c]))
					continue;
				uint32_t ix[3] = {best[a], best[b], best[c]};
				for (int i = 0; i < 3; i++)
					for (int j = i + 1; j < 3; j++)
						if (ix[j] < ix[i]) {
							uint32_t t = ix[i];
							ix[i] = ix[j];
							ix[j] = t;
						}
				if (!try_set(x, ix, 3, screen))
					return -1;
			}
	r->ncombo = r->opts.n - r->nsingle;
	/* Keep the sets with no subset that does as well: a change that adds
	 * nothing to a set is not part of an option. */
	for (uint32_t i = 0; i < r->opts.n; i++) {
		bt_rc_option *o = &r->opts.v[i];
		o->dropped = !helps(r, o, 1);
		for (uint32_t j = 0; j < r->opts.n && !o->dropped; j++) {
			const bt_rc_option *s = &r->opts.v[j];
			if (j == i || s->n >= o->n || s->chance < 0 || !subset(s, o))
				continue;
			if (s->chance >= r->goal || as_good(s, o))
				o->dropped = 1;
		}
		/* Nor one that costs more than another for no more chance. */
		for (uint32_t j = 0; j < r->opts.n && !o->dropped; j++) {
			const bt_rc_option *s = &r->opts.v[j];
			if (j != i && s->chance >= 0 && s->cost < o->cost && as_good(s, o) &&
			    (s->chance >= r->goal) >= (o->chance >= r->goal))
				o->dropped = 1;
		}
	}
	uint32_t w = 0;
	for (uint32_t i = 0; i < r->opts.n; i++)
		if (!r->opts.v[i].dropped)
			r->opts.v[w++] = r->opts.v[i];
	r->opts.n = w;
	sort_opts(r, r->opts.v, r->opts.n);
	/* The figures printed: the full runs, as `forecast --scenario` gives. */
	uint32_t keep = r->opts.n < r->max_options ? r->opts.n : r->max_options;
	for (uint32_t i = 0; i < keep; i++) {
		bt_rc_option *o = &r->opts.v[i];
		if (screen == x->runs)
			continue;
		bt_buf b = BT_BUF_INIT;
		for (uint32_t j = 0; j < o->n; j++)
			bt_buf_puts(&b, r->cands.v[o->ix[j]].items);
		double ch;
		bt_date q = BT_DATE_NONE;
		int rc = b.oom ? -1 : evaluate(x, b.s, x->runs, &ch, &q);
		bt_buf_release(&b);
		if (rc < 0)
			return -1;
		o->chance = ch;
		o->p85 = q;
		if (set_side(r, o)) {
			x->err = "out of memory";
			return -1;
		}
	}
	r->opts.n = keep;
	/* What the full runs show no gain for is no option. */
	uint32_t w2 = 0;
	for (uint32_t i = 0; i < r->opts.n; i++)
		if (helps(r, &r->opts.v[i], 0))
			r->opts.v[w2++] = r->opts.v[i];
	r->opts.n = w2;
	sort_opts(r, r->opts.v, r->opts.n);
	return 0;
}

bt_recovery *bt_recover(baton_plan *p, const baton_recover_opts *o, const char **err)
{
	const char *dummy;
	if (!err)
		err = &dummy;
	*err = NULL;
	baton_recover_opts def = BATON_RECOVER_OPTS_INIT;
	if (!o)
		o = &def;
	if (baton_plan_errors(p)) {
		*err = "the plan has errors";
		return NULL;
	}
	bt_recovery *r = bt_calloc(1, sizeof *r);
	if (!r) {
		*err = "out of memory";
		return NULL;
	}
	r->plan = p;
	r->runs = o->runs > 0 ? o->runs : 2000;
	r->seed = o->seed;
	r->max_options = o->max_options > 0 ? (uint32_t)o->max_options : 3;
	r->first_option = -1;
	rctx x = {.r = r, .p = p, .runs = r->runs, .seed = o->seed, .t0 = now_s(),
		  .limit = o->time_limit > 0 ? o->time_limit : 10.0,
		  .max_sets = o->max_sets > 0 ? (uint32_t)o->max_sets : 0};
	if (o->as_of)
		snprintf(r->as_of_s, sizeof r->as_of_s, "%s", o->as_of);
	/* A scenario name the plan does not use. */
	static const char *const names[] = {"recover", "recover-option", "baton-recover"};
	x.scen_name = NULL;
	for (int i = 0; i < 3 && !x.scen_name; i++) {
		const bt_name *nm = bt_name_find(p, names[i]);
		int used = nm && nm->item_kind != BT_K_NONE;
		for (uint32_t sc = 0; sc < p->scenarios.n; sc++)
			used |= p->scenarios.v[sc].id && !strcmp(p->scenarios.v[sc].id, names[i]);
		if (!used)
			x.scen_name = names[i];
	}
	if (!x.scen_name) {
		*err = "the plan uses every scenario name recover would (recover, recover-option, baton-recover)";
		goto fail;
	}
	r->scen_name = x.scen_name;
	/* A scenario to start from: its lines go into every option. */
	if (o->under) {
		r->under_sc = bt_scenario_find(p, o->under);
		if (!r->under_sc) {
			*err = "unknown scenario (give the name of one of the plan's scenarios)";
			goto fail;
		}
		r->under = r->under_sc->id;
		bt_buf ub = BT_BUF_INIT;
		for (uint32_t i = 0; i < r->under_sc->nitem; i++) {
			const bt_scen_item *it = &p->scen_items.v[r->under_sc->item0 + i];
			bt_buf_puts(&ub, "  ");
			bt_buf_add(&ub, p->src.text + it->start, it->end - it->start);
			bt_buf_putc(&ub, '\n');
		}
		r->under_items = ub.oom ? NULL : bt_arena_strndup(&r->arena, ub.s ? ub.s : "", ub.len);
		bt_buf_release(&ub);
		if (!r->under_items)
			goto oom;
	}
	/* The baseline: levelled schedule and forecast. */
	baton_schedule_opts so = BATON_SCHEDULE_OPTS_INIT;
	so.as_of = o->as_of;
	so.level = 1;
	so.seed = o->seed;
	so.scenario = o->under;
	baton_schedule *s = bt_schedule_compute(p, &so, err);
	if (!s)
		goto fail;
	baton_forecast_opts fo = BATON_FORECAST_OPTS_INIT;
	fo.as_of = o->as_of;
	fo.runs = r->runs;
	fo.seed = o->seed;
	fo.level = 1;
	fo.scenario = o->under;
	baton_forecast *f = bt_forecast_compute(p, &fo, err);
	if (!f) {
		baton_schedule_free(s);
		goto fail;
	}
	/* The targets: the milestone asked for, else every commitment not
	 * yet reached. */
	double green = p->prog.rag_set & 1 ? p->prog.rag_green : BT_RAG_GREEN_DEFAULT;
	r->goal = o->target > 0 ? o->target : green;
	r->target = bt_arena_alloc(&r->arena, sizeof(uint32_t) * (f->nm1 + 1));
	if (!r->target)
		goto oom2;
	for (uint32_t k = 0; k < f->nm1; k++) {
		const bt_fc_ms *m = &f->ms[k];
		int is = o->milestone ? (k + 1 < f->nm1 ? !strcmp(p->milestones.v[k].id, o->milestone)
						       : !strcmp(o->milestone, "program") || (p->prog.id && !strcmp(o->milestone, p->prog.id)))
				      : m->commit != BT_DATE_NONE && !(k + 1 < f->nm1 && s->net.state[s->net.nt + k] == BT_TS_DONE);
		if (is && m->commit != BT_DATE_NONE)
			r->target[r->ntarget++] = k;
		else if (is && o->milestone) {
			*err = "that milestone has no commitment: recover brings a commitment's chance back";
			baton_forecast_free(f);
			baton_schedule_free(s);
			goto fail;
		}
	}
	if (!r->ntarget) {
		*err = o->milestone ? "no such milestone (give a milestone id, or 'program')" : "the plan has no commitments";
		baton_forecast_free(f);
		baton_schedule_free(s);
		goto fail;
	}
	r->nm1 = f->nm1;
	r->all = bt_arena_alloc(&r->arena, sizeof(double) * (f->nm1 + 1));
	r->base_all = bt_arena_alloc(&r->arena, sizeof(double) * (f->nm1 + 1));
	if (!r->all || !r->base_all)
		goto oom2;
	objective(r, f, &r->base_chance, &r->base_p85);
	memcpy(r->base_all, r->all, sizeof(double) * f->nm1);
	/* The commitment moved instead: the first day the plan as it is
	 * reaches the goal, for the target with the lowest chance. */
	uint32_t worst = r->target[0];
	for (uint32_t i = 1; i < r->ntarget; i++)
		if (f->ms[r->target[i]].chance < f->ms[worst].chance)
			worst = r->target[i];
	r->worst = worst;
	const bt_fc_ms *wm = &f->ms[worst];
	r->move_day = INT32_MIN;
	for (uint32_t i = 0; i < wm->ncdf; i++)
		if (wm->cdf_p[i] >= r->goal - 1e-12) {
			r->move_day = wm->cdf_day[i];
			break;
		}
	char d[11];
	if (r->move_day != INT32_MIN) {
		bt_fc_date(f, r->move_day, d);
		bt_date_parse(d, 10, &r->move_date);
	} else
		r->move_date = BT_DATE_NONE;
	r->items_ms = bt_arena_alloc(&r->arena, sizeof(bt_rc_target) * r->ntarget);
	if (!r->items_ms)
		goto oom2;
	for (uint32_t i = 0; i < r->ntarget; i++) {
		const bt_fc_ms *m = &f->ms[r->target[i]];
		bt_rc_target *t = &r->items_ms[i];
		t->id = r->target[i] + 1 < f->nm1 ? p->milestones.v[r->target[i]].id : (p->prog.id ? p->prog.id : "program");
		t->is_program = r->target[i] + 1 == f->nm1;
		t->commit = m->commit;
		t->chance = m->chance;
		bt_fc_date(f, m->q[1], d);
		bt_date_parse(d, 10, &t->p50);
		bt_fc_date(f, m->q[3], d);
		bt_date_parse(d, 10, &t->p85);
	}
	if (candidates(&x, f, s))
		goto oom2;
	/* Screened in turns, each kind's best first, so a budget of a few
	 * sets still tries every kind of change. */
	for (uint32_t i = 1; i < r->cands.n; i++)
		for (uint32_t j = i; j > 0 && r->cands.v[j - 1].rank > r->cands.v[j].rank; j--) {
			bt_rc_change t = r->cands.v[j - 1];
			r->cands.v[j - 1] = r->cands.v[j];
			r->cands.v[j] = t;
		}
	baton_forecast_free(f);
	baton_schedule_free(s);
	if (r->base_chance < r->goal && search(&x)) {
		*err = x.err ? x.err : "out of memory";
		goto fail;
	}
	r->timed_out = x.timed_out;
	r->seconds = now_s() - x.t0;
	if (r->oom)
		goto oom;
	return r;
oom2:
	baton_forecast_free(f);
	baton_schedule_free(s);
oom:
	*err = "out of memory";
fail:
	bt_recovery_free(r);
	return NULL;
}

const char *bt_recovery_items(const bt_recovery *r, uint32_t opt, bt_buf *b)
{
	const bt_rc_option *o = &r->opts.v[opt];
	if (r->under_items)
		bt_buf_puts(b, r->under_items);
	for (uint32_t j = 0; j < o->n; j++)
		bt_buf_puts(b, r->cands.v[o->ix[j]].items);
	return b->s;
}

static const char *ms_name(const bt_recovery *r, uint32_t k)
{
	return k + 1 < r->nm1 ? r->plan->milestones.v[k].id : "program";
}

void bt_recovery_side_text(const bt_recovery *r, uint32_t opt, bt_buf *b)
{
	const bt_rc_option *o = &r->opts.v[opt];
	for (uint32_t i = 0; i < o->nside; i++) {
		char c0[8], c1[8];
		bt_fmt_chance(c0, sizeof c0, o->side[i].before);
		bt_fmt_chance(c1, sizeof c1, o->side[i].after);
		bt_buf_printf(b, "%s%s %s -> %s", i ? ", " : "", ms_name(r, o->side[i].ms), c0, c1);
	}
}

void bt_recovery_free(bt_recovery *r)
{
	if (!r)
		return;
	BT_VEC_FREE(r->cands);
	BT_VEC_FREE(r->opts);
	bt_arena_release(&r->arena);
	bt_free(r);
}

/*============================== Render ==============================*/

static void pct(double p, char out[8])
{
	bt_fmt_chance(out, 8, p);
}

static void render_text(bt_buf *b, const bt_recovery *r)
{
	char c[8], d1[11], d2[11], g[8];
	pct(r->goal, g);
	if (r->under)
		bt_buf_printf(b, "Under scenario %s%s%s: every option keeps its lines.\n", r->under,
			      r->under_sc->title ? ": " : "", r->under_sc->title ? r->under_sc->title : "");
	for (uint32_t i = 0; i < r->ntarget; i++) {
		const bt_rc_target *t = &r->items_ms[i];
		pct(t->chance, c);
		bt_date_format(t->commit, d1);
		bt_date_format(t->p85, d2);
		bt_buf_printf(b, "%s%s (commit %s): %s now, P85 %s\n", t->id, t->is_program ? " (program)" : "", d1, c, d2);
	}
	if (r->base_chance >= r->goal) {
		bt_buf_printf(b, " Already at or above the target (%s): nothing to recover.\n", g);
		return;
	}
	if (r->ntarget > 1)
		bt_buf_printf(b, " Options that bring every one of them to %s:\n", g);
	for (uint32_t i = 0; i < r->opts.n; i++) {
		const bt_rc_option *o = &r->opts.v[i];
		bt_buf_printf(b, " %u. ", i + 1);
		for (uint32_t j = 0; j < o->n; j++)
			bt_buf_printf(b, "%s%s", j ? " + " : "", r->cands.v[o->ix[j]].text);
		pct(o->chance, c);
		bt_date_format(o->p85, d2);
		bt_buf_printf(b, "  -> %s, P85 %s\n", c, d2);
		if (o->nside) {
			bt_buf_puts(b, "    at the expense of: ");
			bt_recovery_side_text(r, i, b);
			bt_buf_putc(b, '\n');
		}
	}
	int reached = r->opts.n && r->opts.v[0].chance >= r->goal;
	if (!r->cands.n)
		bt_buf_puts(b, " No change to try: no team can take more people (all fixed), no task can take more, no work can go second, and nothing is optional, fast-trackable or mitigable on the way (docs/recover.md).\n");
	else if (!r->opts.n)
		bt_buf_printf(b, " No change tried adds half a point of chance or brings the P85 earlier.\n");
	else if (!reached)
		bt_buf_printf(b, " No set of changes tried reaches %s; option 1 comes closest.\n", g);
	if (r->move_date != BT_DATE_NONE) {
		bt_date_format(r->move_date, d1);
		bt_buf_printf(b, " Or move the commitment of %s to %s: the plan as it is reaches %s by then.\n",
			      r->worst + 1 < r->nm1 ? r->plan->milestones.v[r->worst].id : "the program", d1, g);
	}
	bt_buf_printf(b, " Tried %u candidate sets (%u single changes, %u combinations) in %.1f s%s; %ld runs for the options, %ld for screening, levelled, seed %llu.\n",
		      r->nsingle + r->ncombo, r->nsingle, r->ncombo, r->seconds, r->timed_out ? " (its budget stopped it)" : "", r->runs, r->screen_runs,
		      (unsigned long long)r->seed);
	if (r->opts.n)
		bt_buf_puts(b, " Paste an option as a scenario: baton recover PLAN ... --scenario 1\n");
}

static void jdate(bt_jsonw *w, const char *k, bt_date d)
{
	char s[11];
	if (d == BT_DATE_NONE) {
		bt_jw_knull(w, k);
		return;
	}
	bt_date_format(d, s);
	bt_jw_kstr(w, k, s);
}

/* The commitments asked about, each with its chance as the plan is. */
static void jtargets(bt_jsonw *w, const bt_recovery *r)
{
	bt_jw_key(w, "commitments");
	bt_jw_arr(w);
	for (uint32_t i = 0; i < r->ntarget; i++) {
		const bt_rc_target *t = &r->items_ms[i];
		bt_jw_obj(w);
		bt_jw_kstr(w, "id", t->is_program ? "program" : t->id);
		jdate(w, "commit", t->commit);
		bt_jw_kreal(w, "chance", bt_round_share(t->chance));
		jdate(w, "p50", t->p50);
		jdate(w, "p85", t->p85);
		bt_jw_obj_end(w);
	}
	bt_jw_arr_end(w);
}

static const char *const rc_kinds[BT_RC_NKIND] = {"capacity", "descope", "fast-track", "mitigate",
						  "crash", "borrow", "re-sequence"};

/* The options found, cheapest first, and what each costs the others. */
static void joptions(bt_jsonw *w, const bt_recovery *r)
{
	bt_jw_key(w, "options");
	bt_jw_arr(w);
	for (uint32_t i = 0; i < r->opts.n; i++) {
		const bt_rc_option *o = &r->opts.v[i];
		bt_jw_obj(w);
		bt_jw_key(w, "changes");
		bt_jw_arr(w);
		for (uint32_t k = 0; k < o->n; k++) {
			const bt_rc_change *c = &r->cands.v[o->ix[k]];
			bt_jw_obj(w);
			bt_jw_kstr(w, "kind", rc_kinds[c->kind]);
			bt_jw_kstr(w, "what", c->text);
			bt_jw_kstr(w, "items", c->items);
			bt_jw_kreal(w, "cost", c->cost);
			bt_jw_obj_end(w);
		}
		bt_jw_arr_end(w);
		bt_jw_kreal(w, "chance", bt_round_share(o->chance));
		char d[11];
		bt_date_format(o->p85, d);
		bt_jw_kstr(w, "p85", d);
		bt_jw_kreal(w, "cost", o->cost);
		bt_jw_kbool(w, "reaches", o->chance >= r->goal);
		bt_jw_key(w, "at_the_expense_of");
		bt_jw_arr(w);
		for (uint32_t k = 0; k < o->nside; k++) {
			bt_jw_obj(w);
			bt_jw_kstr(w, "id", ms_name(r, o->side[k].ms));
			bt_jw_kreal(w, "chance", bt_round_share(o->side[k].before));
			bt_jw_kreal(w, "with_option", bt_round_share(o->side[k].after));
			bt_jw_obj_end(w);
		}
		bt_jw_arr_end(w);
		bt_jw_obj_end(w);
	}
	bt_jw_arr_end(w);
}

/* Written through the streaming writer (jsonw.h) as json_dump with
 * JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10) wrote
 * the tree it replaced, byte for byte. 0, or -1 when the writer was
 * misused or the buffer ran out of memory. */
static int render_json(bt_buf *b, const bt_recovery *r)
{
	bt_jsonw jw, *w = &jw;
	bt_jw_init(w, b, 2);
	bt_jw_precision(w, 10);
	bt_jw_obj(w);
	bt_jw_schema(w);
	bt_jw_kreal(w, "target", bt_round_share(r->goal));
	bt_jw_kint(w, "runs", r->runs);
	bt_jw_kint(w, "screen_runs", r->screen_runs);
	bt_jw_kint(w, "seed", (int64_t)r->seed);
	bt_jw_kstr(w, "scenario", r->scen_name);
	bt_jw_kstr(w, "under", r->under);
	jtargets(w, r);
	bt_jw_kreal(w, "chance", bt_round_share(r->base_chance));
	joptions(w, r);
	bt_jw_key(w, "screened");
	bt_jw_arr(w);
	for (uint32_t i = 0; r->screened && i < r->nsingle; i++) {
		const bt_rc_option *o = &r->screened[i];
		const bt_rc_change *c = &r->cands.v[o->ix[0]];
		bt_jw_obj(w);
		bt_jw_kstr(w, "kind", rc_kinds[c->kind]);
		bt_jw_kstr(w, "what", c->text);
		if (o->chance < 0) {
			bt_jw_knull(w, "chance");
			bt_jw_knull(w, "p85");
		} else {
			bt_jw_kreal(w, "chance", bt_round_share(o->chance));
			jdate(w, "p85", o->p85);
		}
		bt_jw_obj_end(w);
	}
	bt_jw_arr_end(w);
	jdate(w, "move_commitment_to", r->move_date);
	bt_jw_kint(w, "evaluated", r->evaluated);
	bt_jw_kint(w, "candidates", r->cands.n);
	bt_jw_kbool(w, "timed_out", r->timed_out);
	bt_jw_kreal(w, "seconds", r->seconds);
	if (r->first_option < 0)
		bt_jw_knull(w, "first_option_seconds");
	else
		bt_jw_kreal(w, "first_option_seconds", r->first_option);
	bt_jw_obj_end(w);
	bt_buf_putc(b, '\n');
	return bt_jw_finish(w);
}

void baton_recovery_free(baton_recovery *r)
{
	bt_recovery_free(r);
}

char *baton_recovery_render(const baton_recovery *r, enum baton_format fmt, unsigned flags)
{
	(void)flags;
	bt_buf b = BT_BUF_INIT;
	if (fmt == BATON_FORMAT_JSON) {
		if (render_json(&b, r)) {
			bt_buf_release(&b);
			return NULL;
		}
	} else
		render_text(&b, r);
	if (b.oom) {
		bt_buf_release(&b);
		return NULL;
	}
	return bt_buf_detach(&b, NULL);
}

char *baton_recovery_scenario(const baton_recovery *r, size_t n, const char *name)
{
	if (n < 1 || n > r->opts.n)
		return NULL;
	bt_buf b = BT_BUF_INIT;
	const bt_rc_option *o = &r->opts.v[n - 1];
	char c[8], d[11];
	bt_fmt_chance(c, sizeof c, o->chance);
	bt_date_format(o->p85, d);
	bt_buf_printf(&b, "# baton recover, option %zu: %s, P85 %s (levelled, %ld runs, seed %llu)\n", n, c, d, r->runs,
		      (unsigned long long)r->seed);
	bt_buf title = BT_BUF_INIT;
	for (uint32_t j = 0; j < o->n; j++)
		bt_buf_printf(&title, "%s%s", j ? " + " : "", r->cands.v[o->ix[j]].text);
	bt_buf_printf(&b, "scenario %s ", name ? name : r->scen_name);
	bt_buf_put_plan_string(&b, title.s);
	bt_buf_putc(&b, '\n');
	if (title.oom)
		b.oom = 1;
	bt_buf_release(&title);
	bt_recovery_items(r, (uint32_t)(n - 1), &b);
	if (b.oom) {
		bt_buf_release(&b);
		return NULL;
	}
	return bt_buf_detach(&b, NULL);
}
