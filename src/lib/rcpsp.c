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
 */
#include "offdays.h"
#include "rcpsp.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util.h"

/* Arrays longer than this are treated as running out of memory: a window
 * search this far out means the input is degenerate. */
#define MAX_PROFILE_DAYS (1 << 28)

/*============================ Instance ==============================*/

/* The problem validated and lowered to CSR arrays. Everything lives in
 * one arena. Only free activities appear in the graph arrays. */
typedef struct inst {
	uint32_t n, k;
	int32_t *dur;
	int32_t *fixed;       /* [n] fixed start or BT_RCPSP_FREE */
	int32_t *rel;         /* [n] max(0, release, fixed preds + delta) */
	uint32_t nfree;
	uint32_t *topo;       /* [nfree] free activities in topological order */
	uint32_t *rank;       /* [n] position in topo (free activities) */
	uint32_t *pred_off, *pred;   /* incoming edges from free activities */
	int32_t *pred_delta;
	uint32_t *succ_off, *succ;   /* outgoing edges to free activities */
	int32_t *succ_delta;
	/* Per edge, how its delta reads (KIND_* bits), in the order of
	 * pred[] and succ[]; NULL when every edge is "S[to] >= S[from] +
	 * delta", as it always is without calendars. */
	uint8_t *pred_kind, *succ_kind;
	/* Calendars: j works on every day but off[j][0 .. noff[j]), sorted.
	 * off[j] is NULL when j works every day (no calendar, no off days or
	 * duration 0); off itself is NULL when every activity does. */
	const int32_t **off;
	uint32_t *noff;
	int cal_free;         /* some free activity has a calendar */
	uint32_t *dem_off, *dem_res; /* nonzero demands, dur > 0 only */
	int32_t *dem_amt;
	uint32_t maxdem;
	int32_t **base;       /* [k] capacity minus fixed usage per day */
	int32_t *base_len;    /* [k] days materialised in base[r] */
	int32_t *final_cap;   /* [k] capacity from base_len[r] on */
	int32_t fixed_end;    /* latest finish of a fixed activity, >= 0 */
	int32_t *early;       /* [n] earliest starts, resources ignored */
	uint8_t *urgent;      /* [n] needs more than some resource's final
				 capacity, or precedes such an activity;
				 NULL when no activity does */
	int32_t lb;
	/* Projects (nproj 0: none). */
	uint32_t nproj;
	uint32_t *proj;       /* [n] project of each activity */
	int32_t *pw;          /* [nproj] weights */
	int32_t *pef;         /* [nproj] early finish, resources ignored */
	uint32_t err_act, err_res;
} inst;

static int32_t max32(int32_t a, int32_t b) { return a > b ? a : b; }
static int32_t min32(int32_t a, int32_t b) { return a < b ? a : b; }

static int in_range(int64_t v, int64_t lo, int64_t hi)
{
	return v >= lo && v <= hi;
}

static int32_t fixed_at(const inst *in, uint32_t j)
{
	return in->fixed[j];
}

static int is_free(const inst *in, uint32_t j)
{
	return in->fixed[j] == BT_RCPSP_FREE;
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

/*============================ Calendars =============================*/

/* An activity's off days; m == 0 means it works every day. */
typedef struct cal {
	const int32_t *off;
	uint32_t m;
} cal;

static cal cal_of(const inst *in, uint32_t j)
{
	cal c = {NULL, 0};
	if (in->off && in->off[j]) {
		c.off = in->off[j];
		c.m = in->noff[j];
	}
	return c;
}

/* The calendar arithmetic itself lives in offdays.h, shared with the
 * schedule's team calendars. */
static uint32_t off_index(cal c, int32_t t) { return bt_off_index(c.off, c.m, t); }
static int cal_is_off(cal c, int32_t t) { return bt_off_is_off(c.off, c.m, t); }
static int32_t cal_snap(cal c, int32_t t) { return bt_off_snap(c.off, c.m, t); }
static int32_t cal_snap_back(cal c, int32_t t) { return bt_off_snap_back(c.off, c.m, t); }
static int32_t cal_fin(cal c, int32_t t, int32_t d) { return bt_off_fin(c.off, c.m, t, d); }
static int32_t cal_back(cal c, int32_t w, int32_t d) { return bt_off_back(c.off, c.m, w, d); }

/* Day arithmetic on activity j, calendar or not. */
static int32_t fin_at(const inst *in, uint32_t j, int32_t t)
{
	if (!in->off || !in->off[j])
		return t + in->dur[j];
	return cal_fin(cal_of(in, j), t, in->dur[j]);
}

static int32_t snap_at(const inst *in, uint32_t j, int32_t t)
{
	if (!in->off || !in->off[j])
		return t;
	return cal_snap(cal_of(in, j), t);
}

/* The latest start whose finish is <= f. */
static int32_t latest_for_fin(const inst *in, uint32_t j, int32_t f)
{
	if (!in->off || !in->off[j])
		return f - in->dur[j];
	cal c = cal_of(in, j);
	return cal_back(c, cal_snap_back(c, f - 1), in->dur[j]);
}

/* The earliest start whose finish is >= f (a working day; any earlier
 * day that moves to it would do as well). */
static int32_t earliest_for_fin(const inst *in, uint32_t j, int32_t f)
{
	if (!in->off || !in->off[j])
		return f - in->dur[j];
	cal c = cal_of(in, j);
	return cal_back(c, cal_snap(c, f - 1), in->dur[j]);
}

/* The latest working start <= t. */
static int32_t snap_back_at(const inst *in, uint32_t j, int32_t t)
{
	if (!in->off || !in->off[j])
		return t;
	return cal_snap_back(cal_of(in, j), t);
}

/* Does j work on day t, inside its span from start s? */
static int works_on(const inst *in, uint32_t j, int32_t s, int32_t t)
{
	if (!in->off || !in->off[j])
		return t >= s && t < s + in->dur[j];
	if (t < s || t >= fin_at(in, j, s))
		return 0;
	return !cal_is_off(cal_of(in, j), t);
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

static int32_t base_at(const inst *in, uint32_t r, int32_t t)
{
	return t < in->base_len[r] ? in->base[r][t] : in->final_cap[r];
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

/* How an edge's delta reads: "X[to] >= Y[from] + delta", where Y is
 * from's finish with KIND_FROM_FIN and its start otherwise, and X is to's
 * finish with KIND_TO_FIN and its start otherwise. */
enum { KIND_FROM_FIN = 1, KIND_TO_FIN = 2 };

/* Edge e in that form. An end without a calendar (or `plain`: as if
 * nothing had one) has F = S + dur, which folds into delta, so only ends
 * with calendars keep their bit and delta-form edges never get one. */
static int32_t edge_delta(const inst *in, const bt_rcpsp_prec *e, int plain,
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
static int32_t edge_bound(const inst *in, uint32_t from, int32_t sf,
			  uint32_t j, int32_t delta, uint8_t kind)
{
	int32_t v = ((kind & KIND_FROM_FIN) ? fin_at(in, from, sf)
					    : snap_at(in, from, sf)) + delta;
	return (kind & KIND_TO_FIN) ? earliest_for_fin(in, j, v) : v;
}

/* The earliest start of free j given the starts s of its free
 * predecessors and its effective release: a working day. */
static int32_t ready_at(const inst *in, const int32_t *s, uint32_t j)
{
	int32_t es = in->rel[j];
	for (uint32_t x = in->pred_off[j]; x < in->pred_off[j + 1]; x++)
		es = max32(es, edge_bound(in, in->pred[x], s[in->pred[x]], j,
					  in->pred_delta[x],
					  in->pred_kind ? in->pred_kind[x] : 0));
	return snap_at(in, j, es);
}

/* The latest start of free j, given the starts s of its free successors
 * and a deadline on its finish: a working day. */
static int32_t latest_at(const inst *in, const int32_t *s, uint32_t j,
			 int32_t deadline)
{
	int32_t fb = deadline, sb = INT32_MAX;
	for (uint32_t x = in->succ_off[j]; x < in->succ_off[j + 1]; x++) {
		uint32_t q = in->succ[x];
		uint8_t k = in->succ_kind ? in->succ_kind[x] : 0;
		int32_t b = ((k & KIND_TO_FIN) ? fin_at(in, q, s[q]) : s[q]) -
			    in->succ_delta[x];
		if (k & KIND_FROM_FIN)
			fb = min32(fb, b);
		else
			sb = min32(sb, b);
	}
	return min32(latest_for_fin(in, j, fb), snap_back_at(in, j, sb));
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
			if (edge_delta(in, e, 1, &k) > 0) {
				in->err_act = e->from;
				return BT_RCPSP_ECYCLE;
			}
			continue;
		}
		if (!is_free(in, e->to))
			continue;
		int32_t d = edge_delta(in, e, 0, &k);
		if (!is_free(in, e->from)) {
			int32_t lo = edge_bound(in, e->from, fixed_at(in, e->from),
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
		int32_t d = edge_delta(in, e, 0, &k);
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
		in->nfree += is_free(in, j);
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
		int32_t es = ready_at(in, in->early, j);
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

/* The multi-project objective as one integer, smaller better: the
 * weighted delay (saturated) first, the makespan second. */
#define FIT_M ((int64_t)1 << 27) /* > BT_RCPSP_MAX_DAY >= any makespan */
/* Saturated so that every schedule's value, WDELAY_MAX * FIT_M + a
 * makespan < 2^61 + 2^27, stays below a stuck list's (2^62 and up). */
#define WDELAY_MAX (((int64_t)1 << 34) - 1)

/* sum_q w_q * (finish_q - pef_q) for the full schedule s; pf[nproj] is
 * scratch, left holding each project's finish. */
static int64_t wdelay_of(const inst *in, const int32_t *s, int32_t *pf)
{
	for (uint32_t q = 0; q < in->nproj; q++)
		pf[q] = INT32_MIN;
	for (uint32_t j = 0; j < in->n; j++) {
		int32_t f = fin_at(in, j, s[j]);
		if (f > pf[in->proj[j]])
			pf[in->proj[j]] = f;
	}
	int64_t w = 0;
	for (uint32_t q = 0; q < in->nproj; q++) {
		if (pf[q] == INT32_MIN)
			pf[q] = 0;
		int64_t d = (int64_t)pf[q] - in->pef[q];
		w += (int64_t)in->pw[q] * (d > 0 ? d : 0);
		if (w > WDELAY_MAX)
			w = WDELAY_MAX;
	}
	return w;
}

static int inst_build(const bt_rcpsp_problem *p, inst *in, bt_arena *a)
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

/*========================= Capacity profile =========================*/

typedef struct ctx {
	const inst *in;
	int32_t **avail;    /* [k] free units per day */
	int32_t *alen;      /* [k] days allocated */
	int32_t *hw;        /* [k] days touched since the last reset: */
	int32_t *lw;        /* [k] [lw, hw) (lw > hw: none) */
	int32_t *ok;        /* [maxdem] window-search scratch */
	int32_t *fin;       /* [n] finishes placed in this pass (calendars
			       only: they cost a walk to recompute) */
	int err;            /* first hard error in a decode */
	uint32_t err_act, err_res;
	/* The decode that got furthest before an activity found no room for
	 * good (a list can be stuck while others are not): that activity,
	 * its resource and how many activities were left unplaced. */
	uint32_t stuck_act, stuck_res, stuck_left;
	uint32_t stuck_r;   /* find_forward(): the resource when STUCK */
	uint32_t last_left; /* sgs_forward(): activities unplaced when STUCK */
	long used, budget;  /* schedules spent and allowed */
	int timed;
	struct timespec deadline;
	uint64_t rng;
} ctx;

static int ensure_len(ctx *c, uint32_t r, int32_t need)
{
	if (need <= c->alen[r])
		return 0;
	if (need > MAX_PROFILE_DAYS) {
		c->err = BT_RCPSP_ENOMEM;
		return -1;
	}
	int32_t len = c->alen[r] * 2;
	if (len < need)
		len = need;
	if (len < 64)
		len = 64;
	int32_t *v = bt_realloc(c->avail[r], (size_t)len * sizeof *v);
	if (!v) {
		c->err = BT_RCPSP_ENOMEM;
		return -1;
	}
	for (int32_t t = c->alen[r]; t < len; t++)
		v[t] = base_at(c->in, r, t);
	c->avail[r] = v;
	c->alen[r] = len;
	return 0;
}

static void profile_reset(ctx *c)
{
	const inst *in = c->in;
	for (uint32_t r = 0; r < in->k; r++) {
		int32_t h = min32(c->hw[r], c->alen[r]);
		int32_t l = max32(min32(c->lw[r], h), 0);
		int32_t b = min32(h, in->base_len[r]);
		if (b > l)
			memcpy(c->avail[r] + l, in->base[r] + l,
			       (size_t)(b - l) * sizeof(int32_t));
		for (int32_t t = max32(b, l); t < h; t++)
			c->avail[r][t] = in->final_cap[r];
		c->hw[r] = 0;
		c->lw[r] = INT32_MAX;
	}
}

static void place(ctx *c, uint32_t j, int32_t t)
{
	const inst *in = c->in;
	int32_t end = t + in->dur[j];
	for (uint32_t e = in->dem_off[j]; e < in->dem_off[j + 1]; e++) {
		uint32_t r = in->dem_res[e];
		int32_t *av = c->avail[r], amt = in->dem_amt[e];
		for (int32_t u = t; u < end; u++)
			av[u] -= amt;
		if (end > c->hw[r])
			c->hw[r] = end;
		if (t < c->lw[r])
			c->lw[r] = t;
	}
}

/* place() for an activity with a calendar, its span [t, end) and the
 * index x0 of its first off day at or after t known: its working days
 * only. */
static void place_cal(ctx *c, uint32_t j, int32_t t, int32_t end, uint32_t x0)
{
	const inst *in = c->in;
	cal k = cal_of(in, j);
	for (uint32_t e = in->dem_off[j]; e < in->dem_off[j + 1]; e++) {
		uint32_t r = in->dem_res[e];
		int32_t *av = c->avail[r], amt = in->dem_amt[e];
		/* Runs of working days between off days, each a plain loop. */
		int32_t u = t;
		for (uint32_t x = x0; u < end; x++) {
			int32_t stop = x < k.m && k.off[x] < end ? k.off[x] : end;
			for (; u < stop; u++)
				av[u] -= amt;
			u = stop + 1;
		}
		if (end > c->hw[r])
			c->hw[r] = end;
		if (t < c->lw[r])
			c->lw[r] = t;
	}
}

/* Negative results of the window search and of sgs_forward(). */
#define HARD_ERROR (-1) /* c->err set: give up */
#define STUCK (-2)      /* no room, ever, for this list: try others */

/* The earliest day >= t on which j fits for its whole duration; STUCK
 * when from some day on j can never fit (a demand above the resource's
 * final capacity, past its last step), HARD_ERROR on a hard error. */
static int32_t find_forward(ctx *c, uint32_t j, int32_t t)
{
	const inst *in = c->in;
	int32_t d = in->dur[j];
	uint32_t a0 = in->dem_off[j], m = in->dem_off[j + 1] - a0;
	if (m == 0)
		return t;
	for (uint32_t i = 0; i < m; i++)
		c->ok[i] = t; /* resource i fits on days [t, ok[i]) */
	uint32_t i = 0, clean = 0;
	while (clean < m) {
		int32_t end = t + d;
		if (c->ok[i] < end) {
			uint32_t r = in->dem_res[a0 + i];
			int32_t amt = in->dem_amt[a0 + i];
			if (ensure_len(c, r, end))
				return HARD_ERROR;
			const int32_t *av = c->avail[r];
			int32_t u = max32(c->ok[i], t);
			while (u < end && av[u] >= amt)
				u++;
			if (u < end) {
				if (amt > in->final_cap[r] && u >= in->base_len[r]) {
					c->stuck_r = r;
					return STUCK;
				}
				t = u + 1;
				c->ok[i] = t;
				clean = 0;
				continue;
			}
			c->ok[i] = end;
		}
		clean++;
		i = i + 1 == m ? 0 : i + 1;
	}
	return t;
}

/* The latest day t in [lo, hi] on which j fits; lo - 1 when none. */
static int32_t find_backward(ctx *c, uint32_t j, int32_t hi, int32_t lo)
{
	const inst *in = c->in;
	int32_t d = in->dur[j], t = hi;
	uint32_t a0 = in->dem_off[j], m = in->dem_off[j + 1] - a0;
	if (m == 0 || t < lo)
		return t;
	for (uint32_t i = 0; i < m; i++)
		c->ok[i] = t + d; /* resource i fits on days [ok[i], t + d) */
	uint32_t i = 0, clean = 0;
	while (clean < m) {
		if (c->ok[i] > t) {
			uint32_t r = in->dem_res[a0 + i];
			int32_t amt = in->dem_amt[a0 + i];
			if (ensure_len(c, r, t + d))
				return lo - 1;
			const int32_t *av = c->avail[r];
			int32_t u = min32(c->ok[i], t + d) - 1;
			while (u >= t && av[u] >= amt)
				u--;
			if (u >= t) {
				t = u - d;
				if (t < lo)
					return lo - 1;
				c->ok[i] = t + d;
				clean = 0;
				continue;
			}
			c->ok[i] = t;
		}
		clean++;
		i = i + 1 == m ? 0 : i + 1;
	}
	return t;
}

/* find_forward() for an activity with a calendar: a window is the span
 * [t, end) of dur working days from a working start, and only its working
 * days need room. The window slides with two cursors into the off list, a
 * at t and b at end (the first off days at or after them): a shift past a
 * short day u drops the working days before u + 1 and adds as many at the
 * back, so it costs the off days it crosses and no search. ok[i] keeps
 * its meaning (resource i has room on the working days of [t, ok[i])).
 * OUT: *endp, the finish, and *ap, cursor a. */
static int32_t find_forward_cal(ctx *c, uint32_t j, int32_t t, int32_t *endp,
				uint32_t *ap)
{
	const inst *in = c->in;
	cal k = cal_of(in, j);
	uint32_t a0 = in->dem_off[j], m = in->dem_off[j + 1] - a0;
	uint32_t a = off_index(k, t), b;
	for (; a < k.m && k.off[a] == t; a++)
		t++;
	int32_t end = t + in->dur[j];
	for (b = a; b < k.m && k.off[b] < end; b++)
		end++;
	for (uint32_t i = 0; i < m; i++)
		c->ok[i] = t;
	uint32_t i = 0, clean = 0;
	while (clean < m) {
		if (c->ok[i] < end) {
			uint32_t r = in->dem_res[a0 + i];
			int32_t amt = in->dem_amt[a0 + i];
			if (ensure_len(c, r, end))
				return HARD_ERROR;
			const int32_t *av = c->avail[r];
			int32_t u = max32(c->ok[i], t);
			uint32_t x = a;
			while (x < k.m && k.off[x] < u)
				x++;
			/* Runs of working days between off days: u stops at the
			 * first short one, or at end. */
			for (;; x++) {
				int32_t stop = x < k.m && k.off[x] < end ? k.off[x] : end;
				while (u < stop && av[u] >= amt)
					u++;
				if (u < stop || stop == end)
					break;
				u = stop + 1;
			}
			if (u < end) {
				if (amt > in->final_cap[r] && u >= in->base_len[r]) {
					c->stuck_r = r;
					return STUCK;
				}
				/* Working days in [t, u + 1) leave the front... */
				int32_t gone = u + 1 - t;
				for (t = u + 1; a < k.m && k.off[a] < t; a++)
					gone--;
				for (; a < k.m && k.off[a] == t; a++)
					t++;
				/* ...and as many join at the back. */
				for (end += gone; b < k.m && k.off[b] < end; b++)
					end++;
				c->ok[i] = t;
				clean = 0;
				continue;
			}
			c->ok[i] = end;
		}
		clean++;
		i = i + 1 == m ? 0 : i + 1;
	}
	*endp = end;
	*ap = a;
	return t;
}

/* find_backward() for an activity with a calendar: the latest working
 * start t >= lo whose finish is <= fb, that is <= sb and whose working
 * days all have room; lo - 1 when none. The window slides back with the
 * same two cursors. OUT: *endp and *ap as for find_forward_cal(). */
static int32_t find_backward_cal(ctx *c, uint32_t j, int32_t fb, int32_t sb,
				 int32_t lo, int32_t *endp, uint32_t *ap)
{
	const inst *in = c->in;
	cal k = cal_of(in, j);
	uint32_t a0 = in->dem_off[j], m = in->dem_off[j + 1] - a0;
	/* The latest window ending by fb: back from fb over off days to
	 * its last working day, then dur working days back. */
	uint32_t b = off_index(k, fb), a;
	int32_t end = fb;
	for (; b > 0 && k.off[b - 1] == end - 1; b--)
		end--;
	int32_t t = end - in->dur[j];
	for (a = b; a > 0 && k.off[a - 1] >= t; a--)
		t--;
	if (sb < t) {
		/* The start bound is tighter: the window from sb back. */
		t = cal_snap_back(k, sb);
		a = off_index(k, t);
		end = t + in->dur[j];
		for (b = a; b < k.m && k.off[b] < end; b++)
			end++;
	}
	if (t < lo)
		return t;
	for (uint32_t i = 0; i < m; i++)
		c->ok[i] = end; /* room on the working days of [ok[i], end) */
	uint32_t i = 0, clean = 0;
	while (clean < m) {
		if (c->ok[i] > t) {
			uint32_t r = in->dem_res[a0 + i];
			int32_t amt = in->dem_amt[a0 + i];
			if (ensure_len(c, r, end))
				return lo - 1;
			const int32_t *av = c->avail[r];
			int32_t u = min32(c->ok[i], end) - 1;
			uint32_t x = b; /* off[x - 1] is the last off day <= u */
			while (x > 0 && k.off[x - 1] > u)
				x--;
			/* Runs of working days, backward: u stops at the last
			 * short one, or below t. */
			for (;; x--) {
				int32_t stop = x > 0 && k.off[x - 1] >= t ? k.off[x - 1] : t - 1;
				while (u > stop && av[u] >= amt)
					u--;
				if (u > stop || stop == t - 1)
					break;
				u = stop - 1;
			}
			if (u >= t) {
				/* Working days in [u, end) leave the back... */
				int32_t gone = end - u;
				for (end = u; b > 0 && k.off[b - 1] >= end; b--)
					gone--;
				for (; b > 0 && k.off[b - 1] == end - 1; b--)
					end--;
				/* ...and as many join at the front. */
				for (t -= gone; a > 0 && k.off[a - 1] >= t; a--)
					t--;
				if (t < lo)
					return lo - 1;
				c->ok[i] = end;
				clean = 0;
				continue;
			}
			c->ok[i] = t;
		}
		clean++;
		i = i + 1 == m ? 0 : i + 1;
	}
	*endp = end;
	*ap = a;
	return t;
}

/* ready_at() inside a pass: free predecessors sit on working days and
 * their finishes are in c->fin, so no calendar is walked but j's own
 * when a bound is on its finish. Not moved to a working day. */
static int32_t ready_sgs(const ctx *c, const int32_t *s, uint32_t j)
{
	const inst *in = c->in;
	int32_t es = in->rel[j];
	for (uint32_t x = in->pred_off[j]; x < in->pred_off[j + 1]; x++) {
		uint32_t q = in->pred[x];
		uint8_t k = in->pred_kind ? in->pred_kind[x] : 0;
		int32_t v = ((k & KIND_FROM_FIN) ? c->fin[q] : s[q]) +
			    in->pred_delta[x];
		if (k & KIND_TO_FIN)
			v = earliest_for_fin(in, j, v);
		es = max32(es, v);
	}
	return es;
}

/* latest_at() inside a backward pass, successors' finishes from c->fin:
 * a bound on j's finish (*fb) and one on its start (the result). */
static int32_t latest_sgs(const ctx *c, const int32_t *s, uint32_t j,
			  int32_t *fb)
{
	const inst *in = c->in;
	int32_t sb = INT32_MAX;
	for (uint32_t x = in->succ_off[j]; x < in->succ_off[j + 1]; x++) {
		uint32_t q = in->succ[x];
		uint8_t k = in->succ_kind ? in->succ_kind[x] : 0;
		int32_t v = ((k & KIND_TO_FIN) ? c->fin[q] : s[q]) -
			    in->succ_delta[x];
		if (k & KIND_FROM_FIN)
			*fb = min32(*fb, v);
		else
			sb = min32(sb, v);
	}
	return sb;
}

/*====================== Schedule generation ========================*/

/* Serial SGS, forward: `list` holds the nfree free activities in a
 * precedence-feasible order. Writes s[] for them; returns the makespan,
 * STUCK when some activity can never fit after the ones before it (the
 * activities from it on get start -1), or HARD_ERROR. Counts one
 * schedule. */
static int32_t sgs_forward(ctx *c, const uint32_t *list, int32_t *s)
{
	const inst *in = c->in;
	c->used++;
	profile_reset(c);
	int32_t ms = in->fixed_end;
	for (uint32_t i = 0; i < in->nfree; i++) {
		uint32_t j = list[i];
		int32_t t, es, end = 0;
		uint32_t a = 0;
		if (!in->cal_free) {
			es = in->rel[j];
			for (uint32_t x = in->pred_off[j]; x < in->pred_off[j + 1]; x++)
				es = max32(es, s[in->pred[x]] + in->pred_delta[x]);
		} else {
			es = ready_sgs(c, s, j);
		}
		if (in->cal_free && in->off[j]) {
			t = find_forward_cal(c, j, es, &end, &a);
		} else {
			t = find_forward(c, j, es);
			end = t + in->dur[j];
		}
		if (t == STUCK) {
			uint32_t left = in->nfree - i;
			c->last_left = left;
			if (left < c->stuck_left) {
				c->stuck_left = left;
				c->stuck_act = j;
				c->stuck_res = c->stuck_r;
			}
			for (; i < in->nfree; i++)
				s[list[i]] = -1;
			return STUCK;
		}
		if (t < 0)
			return HARD_ERROR;
		s[j] = t;
		if (!in->cal_free) {
			place(c, j, t);
			ms = max32(ms, t + in->dur[j]);
			continue;
		}
		if (in->off[j])
			place_cal(c, j, t, end, a);
		else
			place(c, j, t);
		c->fin[j] = end;
		ms = max32(ms, end);
	}
	return ms;
}

/* Serial SGS, backward: `list` holds the free activities with every
 * activity after its successors; each is placed as late as its successors
 * and the deadline allow. Returns 0, 1 when some activity cannot be placed
 * (no schedule), -1 on a hard error. Counts one schedule. */
static int sgs_backward(ctx *c, const uint32_t *list, int32_t deadline,
			int32_t *s)
{
	const inst *in = c->in;
	c->used++;
	profile_reset(c);
	for (uint32_t i = 0; i < in->nfree; i++) {
		uint32_t j = list[i];
		int32_t t, ls, fb = deadline, sb = INT32_MAX, end = 0;
		uint32_t a = 0;
		if (!in->cal_free) {
			ls = deadline - in->dur[j];
			for (uint32_t x = in->succ_off[j]; x < in->succ_off[j + 1]; x++)
				ls = min32(ls, s[in->succ[x]] - in->succ_delta[x]);
		} else {
			sb = latest_sgs(c, s, j, &fb);
			ls = min32(fb - in->dur[j], sb);
		}
		if (in->cal_free && in->off[j]) {
			t = find_backward_cal(c, j, fb, sb, in->rel[j], &end, &a);
		} else {
			t = find_backward(c, j, ls, in->rel[j]);
			end = t + in->dur[j];
		}
		if (c->err)
			return -1;
		if (t < in->rel[j])
			return 1;
		s[j] = t;
		if (!in->cal_free) {
			place(c, j, t);
			continue;
		}
		if (in->off[j])
			place_cal(c, j, t, end, a);
		else
			place(c, j, t);
		c->fin[j] = end;
	}
	return 0;
}

/*========================== Ordering helpers ========================*/

/* Scratch shared by the orderings. */
typedef struct order_ws {
	uint32_t *cnt;      /* counting sort buckets */
	uint32_t ncnt;
	uint32_t *pos;      /* [n] position in a list */
	uint32_t *deg;      /* [n] */
	uint32_t *heap;     /* [nfree] */
	int64_t *key;       /* [n] */
} order_ws;

static int heap_less(const int64_t *key, const inst *in, uint32_t a, uint32_t b)
{
	if (key[a] != key[b])
		return key[a] < key[b];
	return in->rank[a] < in->rank[b];
}

static void heap_push(uint32_t *h, uint32_t *n, uint32_t v, const int64_t *key,
		      const inst *in)
{
	uint32_t i = (*n)++;
	while (i > 0) {
		uint32_t p = (i - 1) / 2;
		if (!heap_less(key, in, v, h[p]))
			break;
		h[i] = h[p];
		i = p;
	}
	h[i] = v;
}

static uint32_t heap_pop(uint32_t *h, uint32_t *n, const int64_t *key,
			 const inst *in)
{
	uint32_t top = h[0], v = h[--*n], i = 0;
	for (;;) {
		uint32_t l = 2 * i + 1, b;
		if (l >= *n)
			break;
		b = l;
		if (l + 1 < *n && heap_less(key, in, h[l + 1], h[l]))
			b = l + 1;
		if (!heap_less(key, in, h[b], v))
			break;
		h[i] = h[b];
		i = b;
	}
	if (*n)
		h[i] = v;
	return top;
}

/* A precedence-feasible list of the free activities: among those whose
 * predecessors are listed (successors, when backward), the smallest
 * ws->key first, ties by topological rank. */
static void list_by_key(const inst *in, order_ws *ws, int backward,
			uint32_t *out)
{
	uint32_t nh = 0, w = 0;
	const uint32_t *off = backward ? in->succ_off : in->pred_off;
	const uint32_t *oth_off = backward ? in->pred_off : in->succ_off;
	const uint32_t *oth = backward ? in->pred : in->succ;
	for (uint32_t i = 0; i < in->nfree; i++) {
		uint32_t j = in->topo[i];
		ws->deg[j] = off[j + 1] - off[j];
		if (ws->deg[j] == 0)
			heap_push(ws->heap, &nh, j, ws->key, in);
	}
	while (nh) {
		uint32_t j = heap_pop(ws->heap, &nh, ws->key, in);
		out[w++] = j;
		for (uint32_t x = oth_off[j]; x < oth_off[j + 1]; x++)
			if (--ws->deg[oth[x]] == 0)
				heap_push(ws->heap, &nh, oth[x], ws->key, in);
	}
}

/* Order the free activities by day value v[j] (ascending; descending when
 * `desc`), ties by topological rank (reverse rank when desc), by counting
 * sort; if the result is not precedence-feasible (possible with
 * non-positive lags), fall back to list_by_key. The list is forward
 * feasible when !desc and backward feasible when desc. */
static int order_by_day(ctx *c, order_ws *ws, const int32_t *v, int desc,
			uint32_t *out)
{
	const inst *in = c->in;
	uint32_t nf = in->nfree;
	if (nf == 0)
		return 0;
	int32_t lo = INT32_MAX, hi = INT32_MIN;
	for (uint32_t i = 0; i < nf; i++) {
		int32_t x = v[in->topo[i]];
		lo = min32(lo, x);
		hi = max32(hi, x);
	}
	uint32_t range = (uint32_t)((int64_t)hi - lo + 1);
	if (range <= 4u * nf + 1024u) {
		if (range + 1 > ws->ncnt) {
			uint32_t *nc = bt_realloc(ws->cnt, (range + 1) * sizeof *nc);
			if (!nc)
				return BT_RCPSP_ENOMEM;
			ws->cnt = nc;
			ws->ncnt = range + 1;
		}
		memset(ws->cnt, 0, (range + 1) * sizeof *ws->cnt);
		for (uint32_t i = 0; i < nf; i++) {
			int32_t x = v[in->topo[i]];
			uint32_t b = desc ? (uint32_t)(hi - x) : (uint32_t)(x - lo);
			ws->cnt[b + 1]++;
		}
		for (uint32_t b = 0; b < range; b++)
			ws->cnt[b + 1] += ws->cnt[b];
		for (uint32_t i = 0; i < nf; i++) {
			uint32_t j = in->topo[desc ? nf - 1 - i : i];
			int32_t x = v[j];
			uint32_t b = desc ? (uint32_t)(hi - x) : (uint32_t)(x - lo);
			out[ws->cnt[b]++] = j;
		}
		for (uint32_t i = 0; i < nf; i++)
			ws->pos[out[i]] = i;
		int good = 1;
		for (uint32_t i = 0; i < nf && good; i++) {
			uint32_t j = out[i];
			for (uint32_t x = in->succ_off[j]; x < in->succ_off[j + 1]; x++) {
				uint32_t s = in->succ[x];
				if (desc ? ws->pos[s] > i : ws->pos[s] < i) {
					good = 0;
					break;
				}
			}
		}
		if (good)
			return 0;
	}
	for (uint32_t i = 0; i < nf; i++) {
		uint32_t j = in->topo[i];
		ws->key[j] = desc ? -(int64_t)v[j] : v[j];
	}
	list_by_key(in, ws, desc, out);
	return 0;
}

/*========================== Search state ============================*/

typedef struct search {
	ctx c;
	order_ws ws;
	uint32_t nf;
	int32_t *s, *sb, *sf;   /* [n] scratch schedules */
	uint32_t *tmp_list;     /* [nf] */
	uint32_t *mark;         /* [n] generation stamps */
	uint32_t stamp;
	int32_t *best_s;        /* [n] best schedule so far */
	int32_t best_ms;
	/* The objective (fitness), smaller better: the makespan itself, or
	 * with projects weighted delay * FIT_M + makespan (fit_of). */
	int64_t best_fit;
	int64_t *fit;           /* [cap_pop] each member's */
	int32_t *pbest;         /* [n] projects: evaluate()'s best pass */
	int32_t *pfin;          /* [nproj] wdelay_of scratch */
	int32_t lb;
	int shiftable;          /* constant capacity, nothing fixed */
	int twopass;            /* use justify_shift */
	int xr;                 /* extra rounds for children that tie the best */
	uint32_t bi;            /* percent of children decoded backward */

	int tie, tie_w;         /* tie-break in justification (tie_keys) */
	int32_t *key2;          /* [n] tie_keys scratch */
	/* population */
	uint32_t pop, cap_pop;
	uint32_t *lists;        /* [cap_pop * nf] */
	int32_t *ms;            /* [cap_pop] */
	uint64_t *hash;         /* [cap_pop] */
	int cur_dir;            /* 1: the schedule in S->s came from a
				   backward pass (right-justified) */
	int best_dir;           /* cur_dir of best_s */
	int32_t deadline;       /* backward decodes: a day no schedule needs */
	uint32_t *la, *lf;      /* [nf] parents' lists in the child's direction */
	int32_t *starts;        /* [cap_pop * n] each member's schedule */
	double *util;           /* [horizon] peak-crossover scratch */
	uint32_t nutil;
	/* priority values */
	int64_t *prio[4];
	int64_t *pprio;         /* [n] RULE_PROJ values (projects only) */
} search;

static int out_of_budget(search *S)
{
	ctx *c = &S->c;
	if (c->used >= c->budget || S->best_fit <= S->lb || c->err)
		return 1;
	if (c->timed && (c->used & 7) == 0) {
		struct timespec now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec > c->deadline.tv_sec ||
		    (now.tv_sec == c->deadline.tv_sec &&
		     now.tv_nsec >= c->deadline.tv_nsec))
			return 1;
	}
	return 0;
}

static uint64_t rng_next(uint64_t *st)
{
	/* splitmix64 (Steele, Lea and Flood 2014) */
	uint64_t z = (*st += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint32_t rng_below(uint64_t *st, uint32_t n)
{
	return (uint32_t)(((rng_next(st) >> 32) * (uint64_t)n) >> 32);
}

static int64_t fit_of(search *S, const int32_t *s, int32_t ms)
{
	if (!S->c.in->nproj)
		return ms;
	return wdelay_of(S->c.in, s, S->pfin) * FIT_M + ms;
}

static void note_best(search *S, const int32_t *s, int32_t ms)
{
	int64_t f = fit_of(S, s, ms);
	if (f < S->best_fit) {
		S->best_fit = f;
		S->best_ms = ms;
		S->best_dir = S->cur_dir;
		memcpy(S->best_s, s, S->c.in->n * sizeof *s);
	}
}

/* The population's value for a stuck list: worse than any schedule,
 * better the more activities it placed, so that the search can breed
 * its way out of lists that are all stuck. */
#define STUCK_MS 1000000000 /* above any makespan */

static int32_t stuck_ms(const search *S)
{
	return STUCK_MS + (int32_t)S->c.last_left; /* n < 2^28 */
}

/* The fitness of the schedule in S->s whose evaluation returned ms (a
 * makespan or stuck_ms()). */
static int64_t fit_now(search *S, int32_t ms)
{
	if (!S->c.in->nproj)
		return ms;
	if (ms >= STUCK_MS)
		return ((int64_t)1 << 62) + (ms - STUCK_MS);
	return fit_of(S, S->s, ms);
}

static uint64_t hash_sched(const inst *in, const int32_t *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (uint32_t i = 0; i < in->nfree; i++) {
		h ^= (uint64_t)(uint32_t)s[in->topo[i]];
		h *= 1099511628211ULL;
	}
	return h;
}

/* Day values with a tie-break folded in (S->tie): 1 puts longer
 * activities first among equal days, 2 shorter ones; in the backward
 * order (desc) by finish day, in the forward one by start day. */
static const int32_t *tie_keys(search *S, const int32_t *v, int desc)
{
	const inst *in = S->c.in;
	if (!S->tie)
		return v;
	int32_t W = S->tie_w;
	for (uint32_t i = 0; i < S->nf; i++) {
		uint32_t j = in->topo[i];
		int32_t d = in->dur[j] < W ? in->dur[j] : W - 1;
		int32_t sec = (S->tie == 1) == (desc != 0) ? d : W - 1 - d;
		S->key2[j] = v[j] * W + sec;
	}
	return S->key2;
}

/* Justification when capacity is constant over time and nothing is fixed
 * (S->shiftable): a backward pass right-justifies the forward schedule in
 * S->s, and the result, shifted left until some activity sits on its
 * release day, is a schedule no longer than the forward one (every
 * activity moves right in the backward pass, so the shift is >= 0). Its
 * makespan is known without another forward pass, so a child costs two
 * passes instead of three; the next forward decode of its list (sorted by
 * these start days) is the forward half of the next justification round,
 * as in the iterative forward/backward scheduling of Debels and
 * Vanhoucke (2007). `rounds` counts backward passes; after the first, a
 * forward pass and another backward pass follow while they help. */
static int32_t justify_shift(search *S, uint32_t *list, int32_t ms, int rounds)
{
	ctx *c = &S->c;
	const inst *in = c->in;
	int better = 0;
	for (int r = 0; (r < rounds || (better && ms <= S->best_ms &&
					 r < rounds + S->xr)) &&
			!out_of_budget(S);
	     r++) {
		if (r > 0) {
			if (order_by_day(c, &S->ws, tie_keys(S, S->s, 0), 0, S->tmp_list))
				return c->err = BT_RCPSP_ENOMEM, -1;
			int32_t msf = sgs_forward(c, S->tmp_list, S->sf);
			if (msf == HARD_ERROR)
				return -1;
			if (msf == STUCK || msf > ms)
				break;
			int32_t *t = S->s;
			S->s = S->sf;
			S->sf = t;
			S->cur_dir = 0;
			note_best(S, S->s, msf);
			ms = msf;
			if (out_of_budget(S))
				break;
		}
		int32_t *fin = S->sf, dl = 0;
		for (uint32_t i = 0; i < S->nf; i++) {
			uint32_t j = in->topo[i];
			fin[j] = S->s[j] + in->dur[j];
			dl = max32(dl, fin[j]);
		}
		if (order_by_day(c, &S->ws, tie_keys(S, fin, 1), 1, S->tmp_list))
			return c->err = BT_RCPSP_ENOMEM, -1;
		int rc = sgs_backward(c, S->tmp_list, dl, S->sb);
		if (rc < 0)
			return -1;
		if (rc > 0)
			break;
		int32_t shift = INT32_MAX, ms2 = in->fixed_end;
		for (uint32_t i = 0; i < S->nf; i++) {
			uint32_t j = in->topo[i];
			shift = min32(shift, S->sb[j] - in->rel[j]);
		}
		if (shift < 0)
			break; /* cannot happen: releases are honoured */
		for (uint32_t i = 0; i < S->nf; i++) {
			uint32_t j = in->topo[i];
			S->sb[j] -= shift;
			ms2 = max32(ms2, S->sb[j] + in->dur[j]);
		}
		if (ms2 > ms)
			break;
		int32_t *t = S->s;
		S->s = S->sb;
		S->sb = t;
		S->cur_dir = 1;
		note_best(S, S->s, ms2);
		better = ms2 < ms;
		ms = ms2;
		if (!better && r > 0)
			break;
	}
	if (order_by_day(c, &S->ws, tie_keys(S, S->s, 0), 0, list))
		return c->err = BT_RCPSP_ENOMEM, -1;
	return ms;
}

/* Decode `list` forward, then justify it (backward pass, forward pass)
 * while that helps and the budget lasts. On return S->s holds the best
 * forward schedule found and `list` is rewritten in the order of its start
 * days (a standardized list). Returns the makespan or -1 on a hard error. */
static int32_t justify(search *S, uint32_t *list, int32_t ms, int rounds);

static int32_t evaluate(search *S, uint32_t *list, int rounds)
{
	ctx *c = &S->c;
	const inst *in = c->in;
	int32_t ms = sgs_forward(c, list, S->s);
	if (ms == STUCK)
		return stuck_ms(S);
	if (ms < 0)
		return -1;
	S->cur_dir = 0;
	note_best(S, S->s, ms);
	if (!in->nproj)
		return justify(S, list, ms, rounds);
	/* Justification shortens the makespan, not necessarily the delays:
	 * keep the forward schedule when no pass beat it. */
	int64_t f0 = fit_of(S, S->s, ms);
	int32_t ms0 = ms;
	memcpy(S->pbest, S->s, (size_t)in->n * sizeof *S->s);
	ms = justify(S, list, ms, rounds);
	if (ms < 0 || fit_of(S, S->s, ms) <= f0)
		return ms;
	memcpy(S->s, S->pbest, (size_t)in->n * sizeof *S->s);
	S->cur_dir = 0;
	if (order_by_day(c, &S->ws, S->s, 0, list))
		return c->err = BT_RCPSP_ENOMEM, -1;
	return ms0;
}

/* The justification half of evaluate(), on the forward schedule in S->s
 * of makespan ms decoded from list. */
static int32_t justify(search *S, uint32_t *list, int32_t ms, int rounds)
{
	ctx *c = &S->c;
	const inst *in = c->in;
	if (S->shiftable && S->twopass)
		return justify_shift(S, list, ms, rounds);
	for (int r = 0; r < rounds && !out_of_budget(S); r++) {
		int32_t *fin = S->sf, dl = 0;
		if (!in->cal_free) {
			for (uint32_t i = 0; i < S->nf; i++) {
				uint32_t j = in->topo[i];
				fin[j] = S->s[j] + in->dur[j];
				dl = max32(dl, fin[j]);
			}
		} else {
			/* The last pass, the forward one that made S->s, left
			 * its finishes in c->fin. */
			fin = c->fin;
			for (uint32_t i = 0; i < S->nf; i++)
				dl = max32(dl, fin[in->topo[i]]);
		}
		if (order_by_day(c, &S->ws, fin, 1, S->tmp_list))
			return c->err = BT_RCPSP_ENOMEM, -1;
		int rc = sgs_backward(c, S->tmp_list, dl, S->sb);
		if (rc < 0)
			return -1;
		if (rc > 0 || out_of_budget(S))
			break;
		if (order_by_day(c, &S->ws, S->sb, 0, S->tmp_list))
			return c->err = BT_RCPSP_ENOMEM, -1;
		int32_t ms2 = sgs_forward(c, S->tmp_list, S->sf);
		if (ms2 == HARD_ERROR)
			return -1;
		if (ms2 == STUCK || ms2 > ms)
			break; /* possible with non-positive lags only */
		int32_t *t = S->s;
		S->s = S->sf;
		S->sf = t;
		note_best(S, S->s, ms2);
		int better = ms2 < ms;
		ms = ms2;
		if (!better)
			break;
	}
	if (order_by_day(c, &S->ws, S->s, 0, list))
		return c->err = BT_RCPSP_ENOMEM, -1;
	return ms;
}

/*========================= Priority rules ===========================*/

/* RULE_URGENT lists the urgent activities (inst.urgent) first, by latest
 * finish, then the rest by latest finish: an activity that only fits
 * before its team shrinks then gets the empty profile, which a list by
 * any other rule may have filled before its turn. Used only when some
 * activity is urgent, so other problems see the same lists as before. */
enum { RULE_LFT, RULE_LST, RULE_MTS, RULE_GRPW, RULE_RANDOM, NRULES,
       RULE_URGENT = NRULES, RULE_PROJ };

/* RULE_PROJ (projects only) lists project by project, the project with
 * the earliest early finish first, each by latest start: the shortest-
 * project-first family of rules that Kurtulus and Davis (1982) found best
 * for the average project delay. */

/* Priority values, smaller first: latest finish and latest start from a
 * backward pass over the precedence network (Kolisch 1996), and the
 * negated most-total-successors and greatest-rank-positional-weight. */
static int compute_priorities(search *S, bt_arena *a)
{
	const inst *in = S->c.in;
	uint32_t n = in->n, nf = in->nfree;
	for (int r = 0; r < 4; r++) {
		S->prio[r] = bt_arena_zalloc(a, ((size_t)n + 1) * sizeof(int64_t));
		if (!S->prio[r])
			return BT_RCPSP_ENOMEM;
	}
	int64_t *ls = S->prio[RULE_LST], *lf = S->prio[RULE_LFT];
	int64_t h = in->lb;
	for (uint32_t i = nf; i-- > 0 && !in->cal_free;) {
		uint32_t j = in->topo[i];
		/* With projects, latest times against each project's own early
		 * finish: the slack a project has before it is late. */
		int64_t v = (in->nproj ? in->pef[in->proj[j]] : h) - in->dur[j];
		for (uint32_t x = in->succ_off[j]; x < in->succ_off[j + 1]; x++) {
			int64_t w = ls[in->succ[x]] - in->succ_delta[x];
			if (w < v)
				v = w;
		}
		ls[j] = v;
		lf[j] = v + in->dur[j];
	}
	if (in->cal_free) {
		/* The same backward pass through the calendars, on a day axis
		 * that stays inside int32_t (latest starts can go far below
		 * 0; only their order matters here). */
		int32_t *lsd = S->s;
		for (uint32_t i = nf; i-- > 0;) {
			uint32_t j = in->topo[i];
			int32_t v = latest_at(in, lsd, j,
					      in->nproj ? in->pef[in->proj[j]] : in->lb);
			lsd[j] = max32(v, -BT_RCPSP_MAX_DAY * 4);
			ls[j] = lsd[j];
			lf[j] = fin_at(in, j, lsd[j]);
		}
	}
	if (in->nproj) {
		S->pprio = bt_arena_alloc(a, ((size_t)n + 1) * sizeof(int64_t));
		if (!S->pprio)
			return BT_RCPSP_ENOMEM;
		for (uint32_t i = 0; i < nf; i++) {
			uint32_t j = in->topo[i];
			int64_t l = ls[j] < -BT_RCPSP_MAX_DAY * 8LL ? -BT_RCPSP_MAX_DAY * 8LL : ls[j];
			S->pprio[j] = (int64_t)in->pef[in->proj[j]] * ((int64_t)1 << 32) + l;
		}
	}
	int64_t *mts = S->prio[RULE_MTS], *grpw = S->prio[RULE_GRPW];
	for (uint32_t i = 0; i < nf; i++) {
		uint32_t j = in->topo[i];
		int64_t g = in->dur[j];
		for (uint32_t x = in->succ_off[j]; x < in->succ_off[j + 1]; x++)
			g += in->dur[in->succ[x]];
		grpw[j] = -g;
	}
	if (nf <= 4096) {
		/* Descendant sets as bitsets over topological ranks. */
		size_t words = (nf + 63) / 64;
		uint64_t *bits = bt_malloc(words * nf * sizeof *bits + 1);
		if (!bits)
			return BT_RCPSP_ENOMEM;
		memset(bits, 0, words * nf * sizeof *bits);
		for (uint32_t i = nf; i-- > 0;) {
			uint32_t j = in->topo[i];
			uint64_t *row = bits + (size_t)i * words;
			for (uint32_t x = in->succ_off[j]; x < in->succ_off[j + 1]; x++) {
				uint32_t q = in->rank[in->succ[x]];
				const uint64_t *sr = bits + (size_t)q * words;
				row[q / 64] |= 1ULL << (q % 64);
				for (size_t w = 0; w < words; w++)
					row[w] |= sr[w];
			}
			int64_t cnt = 0;
			for (size_t w = 0; w < words; w++)
				cnt += __builtin_popcountll(row[w]);
			mts[j] = -cnt;
		}
		bt_free(bits);
	} else {
		for (uint32_t i = 0; i < nf; i++) {
			uint32_t j = in->topo[i];
			mts[j] = -(int64_t)(in->succ_off[j + 1] - in->succ_off[j]);
		}
	}
	return 0;
}

/* A list by priority rule `rule`; with noise > 0 the values are perturbed
 * (a cheap stand-in for regret-based biased random sampling that stays
 * O(n log n) on large programs). */
static void rule_list(search *S, int rule, double noise, uint32_t *out)
{
	const inst *in = S->c.in;
	int64_t *key = S->ws.key;
	if (rule == RULE_RANDOM) {
		for (uint32_t i = 0; i < S->nf; i++)
			key[in->topo[i]] = (int64_t)(rng_next(&S->c.rng) >> 16);
	} else {
		const int64_t *v = rule == RULE_PROJ ? S->pprio
				   : S->prio[rule == RULE_URGENT ? RULE_LFT : rule];
		int64_t lo = INT64_MAX, hi = INT64_MIN;
		for (uint32_t i = 0; i < S->nf; i++) {
			uint32_t j = in->topo[i];
			lo = v[j] < lo ? v[j] : lo;
			hi = v[j] > hi ? v[j] : hi;
		}
		double span = (double)(hi - lo) + 1.0;
		for (uint32_t i = 0; i < S->nf; i++) {
			uint32_t j = in->topo[i];
			double x = (double)(v[j] - lo) / span;
			if (noise > 0)
				x += noise * (double)(rng_next(&S->c.rng) >> 11) / 9007199254740992.0;
			key[j] = (int64_t)(x * 1e9);
			if (rule == RULE_URGENT && !in->urgent[j])
				key[j] += (int64_t)1 << 40; /* x * 1e9 < 2^31 */
		}
	}
	list_by_key(in, &S->ws, 0, out);
}

/*========================= Genetic algorithm ========================*/

static uint32_t *pop_list(search *S, uint32_t i)
{
	return S->lists + (size_t)i * S->nf;
}

static int in_pop(const search *S, uint64_t h, int64_t f)
{
	for (uint32_t i = 0; i < S->pop; i++)
		if (S->hash[i] == h && S->fit[i] == f)
			return 1;
	return 0;
}

static uint32_t worst_of(const search *S)
{
	uint32_t w = 0;
	for (uint32_t i = 1; i < S->pop; i++)
		if (S->fit[i] >= S->fit[w])
			w = i;
	return w;
}

/* Offer the schedule in S->s (list `l`, makespan ms) to the population:
 * appended while there is room, otherwise it replaces the worst member if
 * it is at least as good; duplicates are refused. */
static void offer(search *S, const uint32_t *l, int32_t ms)
{
	uint64_t h = hash_sched(S->c.in, S->s);
	int64_t f = fit_now(S, ms);
	if (in_pop(S, h, f))
		return;

	uint32_t at;
	if (S->pop < S->cap_pop) {
		at = S->pop++;
	} else {
		at = worst_of(S);
		if (f > S->fit[at])
			return;
	}
	memcpy(pop_list(S, at), l, S->nf * sizeof *l);
	memcpy(S->starts + (size_t)at * S->c.in->n, S->s,
	       S->c.in->n * sizeof *S->s);
	S->ms[at] = ms;
	S->fit[at] = f;
	S->hash[at] = h;
}

/* Exchange the schedules of members a and b (S->sf is the scratch). */
static void swap_starts(search *S, uint32_t a, uint32_t b)
{
	size_t n = S->c.in->n;
	int32_t *x = S->starts + (size_t)a * n, *y = S->starts + (size_t)b * n;
	memcpy(S->sf, x, n * sizeof *x);
	memcpy(x, y, n * sizeof *x);
	memcpy(y, S->sf, n * sizeof *x);
}

static uint32_t tournament(search *S)
{
	uint32_t a = rng_below(&S->c.rng, S->pop);
	uint32_t b = rng_below(&S->c.rng, S->pop);
	return S->fit[a] <= S->fit[b] ? a : b;
}

/* Two-point crossover (Hartmann 1998): the child takes positions
 * [0, q1) from the mother, then the father's activities in his order
 * until q2, then the rest in the mother's order. Precedence feasible when
 * both parents are. */
static void crossover(search *S, const uint32_t *mo, const uint32_t *fa,
		      uint32_t *child)
{
	uint32_t nf = S->nf, w = 0;
	uint32_t q1 = rng_below(&S->c.rng, nf + 1);
	uint32_t q2 = rng_below(&S->c.rng, nf + 1);
	if (q1 > q2) {
		uint32_t t = q1;
		q1 = q2;
		q2 = t;
	}
	if (++S->stamp == 0) {
		memset(S->mark, 0, S->c.in->n * sizeof *S->mark);
		S->stamp = 1;
	}
	for (; w < q1; w++) {
		child[w] = mo[w];
		S->mark[mo[w]] = S->stamp;
	}
	for (uint32_t i = 0; i < nf && w < q2; i++)
		if (S->mark[fa[i]] != S->stamp) {
			child[w++] = fa[i];
			S->mark[fa[i]] = S->stamp;
		}
	for (uint32_t i = 0; i < nf && w < nf; i++)
		if (S->mark[mo[i]] != S->stamp) {
			child[w++] = mo[i];
			S->mark[mo[i]] = S->stamp;
		}
}

/* Segment crossover: the child keeps the mother's list outside a random
 * segment [q1, q2) and lists the segment's activities in the father's
 * order, so only one stretch of the mother's schedule is re-planned (a
 * list-level form of the decomposition of Debels and Vanhoucke 2007).
 * Precedence feasible when both parents are. */
static void segment_crossover(search *S, const uint32_t *mo, const uint32_t *fa,
			      uint32_t *child)
{
	uint32_t nf = S->nf;
	uint32_t m = nf / 8 + rng_below(&S->c.rng, nf / 3 + 1);
	if (m < 2)
		m = nf < 2 ? nf : 2;
	uint32_t q1 = rng_below(&S->c.rng, nf - m + 1), q2 = q1 + m, w = q1;
	if (++S->stamp == 0) {
		memset(S->mark, 0, S->c.in->n * sizeof *S->mark);
		S->stamp = 1;
	}
	memcpy(child, mo, nf * sizeof *child);
	for (uint32_t i = q1; i < q2; i++)
		S->mark[mo[i]] = S->stamp;
	for (uint32_t i = 0; i < nf && w < q2; i++)
		if (S->mark[fa[i]] == S->stamp)
			child[w++] = fa[i];
}

/* Peak crossover, after Valls, Ballestin and Quintanilla (2008): find the
 * window of the mother's schedule with the highest resource utilisation;
 * the child lists the activities the mother starts before the window in
 * the father's order, then the window's activities in the mother's order,
 * then the rest in the father's order, so the well-packed part of the
 * mother is inherited. Repaired by a keyed topological sort if general
 * lags make the result infeasible. Returns -1 when memory runs out. */
static int peak_crossover(search *S, uint32_t mi, const uint32_t *mo,
			  const uint32_t *fa, uint32_t *child, int dir)
{
	const inst *in = S->c.in;
	const int32_t *sm = S->starts + (size_t)mi * in->n;
	int32_t T = S->ms[mi];
	if (dir) {
		/* Backward lists: work on the mirrored schedule. */
		int32_t *mir = S->sb;
		for (uint32_t i = 0; i < S->nf; i++) {
			uint32_t j = in->topo[i];
			mir[j] = T - fin_at(in, j, sm[j]);
		}
		sm = mir;
	}
	if (T < 2) {
		memcpy(child, fa, S->nf * sizeof *child);
		return 0;
	}
	if ((uint32_t)T + 1 > S->nutil) {
		double *u = bt_realloc(S->util, ((size_t)T + 1) * sizeof *u);
		if (!u)
			return -1;
		S->util = u;
		S->nutil = (uint32_t)T + 1;
	}
	double *u = S->util;
	memset(u, 0, ((size_t)T + 1) * sizeof *u);
	for (uint32_t i = 0; i < S->nf; i++) {
		uint32_t j = in->topo[i];
		double w = 0;
		for (uint32_t x = in->dem_off[j]; x < in->dem_off[j + 1]; x++) {
			int32_t cap = base_at(in, in->dem_res[x], sm[j]);
			w += cap > 0 ? (double)in->dem_amt[x] / cap : 1.0;
		}
		int32_t b = max32(sm[j], 0), e = min32(fin_at(in, j, sm[j]), T);
		cal k = cal_of(in, j); /* (mirrored only without calendars) */
		uint32_t x = off_index(k, b);
		for (int32_t t = b; t < e; t++) {
			if (x < k.m && k.off[x] == t) {
				x++; /* its work pauses: no load */
				continue;
			}
			u[t + 1] += w;
		}
	}
	for (int32_t t = 0; t < T; t++)
		u[t + 1] += u[t]; /* prefix sums */
	int32_t len = T / 4 + (int32_t)rng_below(&S->c.rng, (uint32_t)(T / 2) + 1);
	if (len < 1)
		len = 1;
	int32_t bt = 0;
	double bv = -1;
	for (int32_t t = 0; t + len <= T; t++) {
		double v = u[t + len] - u[t];
		if (v > bv) {
			bv = v;
			bt = t;
		}
	}
	uint32_t w = 0;
	for (uint32_t i = 0; i < S->nf; i++)
		if (sm[fa[i]] < bt)
			child[w++] = fa[i];
	for (uint32_t i = 0; i < S->nf; i++)
		if (sm[mo[i]] >= bt && sm[mo[i]] < bt + len)
			child[w++] = mo[i];
	for (uint32_t i = 0; i < S->nf; i++)
		if (sm[fa[i]] >= bt + len)
			child[w++] = fa[i];
	/* Precedence check; repair through keys when needed. */
	for (uint32_t i = 0; i < S->nf; i++)
		S->ws.pos[child[i]] = i;
	const uint32_t *off = dir ? in->pred_off : in->succ_off;
	const uint32_t *adj = dir ? in->pred : in->succ;
	for (uint32_t i = 0; i < S->nf; i++) {
		uint32_t j = child[i];
		for (uint32_t x = off[j]; x < off[j + 1]; x++)
			if (S->ws.pos[adj[x]] < i) {
				for (uint32_t q = 0; q < S->nf; q++)
					S->ws.key[child[q]] = q;
				list_by_key(in, &S->ws, dir, child);
				return 0;
			}
	}
	return 0;
}

static int has_edge(const inst *in, uint32_t a, uint32_t b)
{
	for (uint32_t x = in->succ_off[a]; x < in->succ_off[a + 1]; x++)
		if (in->succ[x] == b)
			return 1;
	return 0;
}

/* Swap neighbours with probability pm when no constraint links them. */
static void mutate(search *S, uint32_t *l, double pm)
{
	uint32_t thr = (uint32_t)(pm * 4294967295.0);
	for (uint32_t i = 0; i + 1 < S->nf; i++) {
		if ((uint32_t)(rng_next(&S->c.rng) >> 32) >= thr)
			continue;
		if (has_edge(S->c.in, l[i], l[i + 1]) ||
		    has_edge(S->c.in, l[i + 1], l[i]))
			continue;
		uint32_t t = l[i];
		l[i] = l[i + 1];
		l[i + 1] = t;
	}
}

/* Move `moves` random activities each to a random position between its
 * last predecessor and its first successor in the list. */
static void insert_moves(search *S, uint32_t *l, uint32_t moves)
{
	const inst *in = S->c.in;
	uint32_t nf = S->nf, *pos = S->ws.pos;
	if (nf < 2)
		return;
	for (uint32_t i = 0; i < nf; i++)
		pos[l[i]] = i;
	for (uint32_t m = 0; m < moves; m++) {
		uint32_t i = rng_below(&S->c.rng, nf), j = l[i];
		uint32_t lo = 0, hi = nf - 1;
		for (uint32_t x = in->pred_off[j]; x < in->pred_off[j + 1]; x++)
			if (pos[in->pred[x]] + 1 > lo)
				lo = pos[in->pred[x]] + 1;
		int ok = 1;
		for (uint32_t x = in->succ_off[j]; x < in->succ_off[j + 1]; x++) {
			uint32_t q = pos[in->succ[x]];
			if (q <= lo) {
				ok = 0; /* not a forward list: leave it alone */
				break;
			}
			if (q - 1 < hi)
				hi = q - 1;
		}
		if (!ok || hi <= lo || i < lo || i > hi)
			continue;
		uint32_t to = lo + rng_below(&S->c.rng, hi - lo + 1);
		if (to > i) {
			for (uint32_t q = i; q < to; q++) {
				l[q] = l[q + 1];
				pos[l[q]] = q;
			}
		} else {
			for (uint32_t q = i; q > to; q--) {
				l[q] = l[q - 1];
				pos[l[q]] = q;
			}
		}
		l[to] = j;
		pos[j] = to;
	}
}

/* Member i's schedule as a list in direction dir: by start day (forward)
 * or by decreasing finish day (backward). */
static int member_list(search *S, uint32_t i, int dir, uint32_t *out)
{
	const inst *in = S->c.in;
	const int32_t *st = S->starts + (size_t)i * in->n;
	if (!dir)
		return order_by_day(&S->c, &S->ws, st, 0, out);
	int32_t *fin = S->sf;
	for (uint32_t x = 0; x < S->nf; x++) {
		uint32_t j = in->topo[x];
		fin[j] = fin_at(in, j, st[j]);
	}
	return order_by_day(&S->c, &S->ws, fin, 1, out);
}

/* Decode a backward list (successors first) by the backward serial SGS
 * from S->deadline and shift the result left until an activity sits on
 * its release day (S->shiftable only). Leaves the schedule in S->s.
 * Returns the makespan or -1 on a hard error. */
static int32_t decode_backward(search *S, uint32_t *list)
{
	ctx *c = &S->c;
	const inst *in = c->in;
	int rc = sgs_backward(c, list, S->deadline, S->sb);
	if (rc < 0)
		return -1;
	if (rc > 0) {
		/* A release got in the way: decode the reversed list forward. */
		for (uint32_t i = 0; i < S->nf / 2; i++) {
			uint32_t t = list[i];
			list[i] = list[S->nf - 1 - i];
			list[S->nf - 1 - i] = t;
		}
		int32_t ms = sgs_forward(c, list, S->s);
		if (ms == STUCK)
			return stuck_ms(S);
		if (ms >= 0) {
			S->cur_dir = 0;
			note_best(S, S->s, ms);
		}
		return ms;
	}
	int32_t shift = INT32_MAX, ms = in->fixed_end;
	for (uint32_t i = 0; i < S->nf; i++) {
		uint32_t j = in->topo[i];
		shift = min32(shift, S->sb[j] - in->rel[j]);
	}
	for (uint32_t i = 0; i < S->nf; i++) {
		uint32_t j = in->topo[i];
		S->sb[j] -= shift;
		ms = max32(ms, S->sb[j] + in->dur[j]);
	}
	int32_t *t = S->s;
	S->s = S->sb;
	S->sb = t;
	S->cur_dir = 1;
	note_best(S, S->s, ms);
	return ms;
}

/* Left-justify the right-justified schedule in S->s (makespan ms) by a
 * forward pass over its start order; keeps whichever is shorter. */
static int32_t justify_forward(search *S, int32_t ms)
{
	ctx *c = &S->c;
	if (order_by_day(c, &S->ws, tie_keys(S, S->s, 0), 0, S->tmp_list))
		return c->err = BT_RCPSP_ENOMEM, -1;
	int32_t msf = sgs_forward(c, S->tmp_list, S->sf);
	if (msf == HARD_ERROR)
		return -1;
	if (msf == STUCK || msf > ms)
		return ms;
	int32_t *t = S->s;
	S->s = S->sf;
	S->sf = t;
	S->cur_dir = 0;
	note_best(S, S->s, msf);
	return msf;
}

/* Tuning knobs (kept in one place; measured on PSPLIB, see
 * bench/RESULTS.md, "Levelling quality on PSPLIB"). */
typedef struct knobs {
	double pm;          /* adjacent-swap mutation probability */
	int init_rounds;    /* justification rounds for initial lists */
	int child_rounds;   /* justification rounds for children */
	uint32_t stall;     /* children without a new best before a restart
			       (0: ten per activity, at least 300) */
	uint32_t keep;      /* members kept across a restart */
	uint32_t peak;      /* percent of children made by peak crossover */
	uint32_t popsz;     /* population size (0: by budget) */
	int twopass;        /* two-pass children when capacity is constant
			       (justify_shift) */
	int xr;             /* extra justification rounds for a child that
			       ties the best and still improves */
	double ins;         /* probability that a child also gets one
			       insertion move (insert_moves) */
	uint32_t intens;    /* restart from neighbours of the kept members,
			       this many insertion moves each (0: rules) */
	uint32_t seg;       /* percent of children by segment crossover */
	int tie;            /* justification tie-break, see tie_keys */
	uint32_t bi;        /* percent of children decoded backward and
			       justified forward (bidirectional planning) */
} knobs;

static knobs get_knobs(void)
{
	knobs k = {.pm = 0.15, .init_rounds = 2, .child_rounds = 1,
		   .keep = 4, .peak = 50, .twopass = 1, .ins = 0.3};
#ifdef BT_RCPSP_TUNE
	const char *e;
	if ((e = getenv("RC_PM"))) k.pm = atof(e);
	if ((e = getenv("RC_IR"))) k.init_rounds = atoi(e);
	if ((e = getenv("RC_CR"))) k.child_rounds = atoi(e);
	if ((e = getenv("RC_STALL"))) k.stall = (uint32_t)atoi(e);
	if ((e = getenv("RC_KEEP"))) k.keep = (uint32_t)atoi(e);
	if ((e = getenv("RC_PEAK"))) k.peak = (uint32_t)atoi(e);
	if ((e = getenv("RC_POP"))) k.popsz = (uint32_t)atoi(e);
	if ((e = getenv("RC_TWO"))) k.twopass = atoi(e);
	if ((e = getenv("RC_XR"))) k.xr = atoi(e);
	if ((e = getenv("RC_INS"))) k.ins = atof(e);
	if ((e = getenv("RC_INT"))) k.intens = (uint32_t)atoi(e);
	if ((e = getenv("RC_SEG"))) k.seg = (uint32_t)atoi(e);
	if ((e = getenv("RC_TIE"))) k.tie = atoi(e);
	if ((e = getenv("RC_BI"))) k.bi = (uint32_t)atoi(e);
#endif
	return k;
}

/* Fill the population from index `from` on with rule-based lists: each
 * rule once without noise (at the very start), then noisy variants and
 * random lists. */
static int seed_population(search *S, uint32_t from, const knobs *kn)
{
	uint32_t *child = S->tmp_list + S->nf;
	uint32_t nrules = NRULES + (S->c.in->urgent != NULL) + (S->c.in->nproj != 0);
	for (uint32_t i = from; i < S->cap_pop && !out_of_budget(S); i++) {
		int rule = (int)(i % nrules);
		if (S->c.in->nproj && rule == (int)nrules - 1)
			rule = RULE_PROJ;
		else if (S->c.in->urgent) /* urgent first, then the others */
			rule = rule == 0 ? RULE_URGENT : rule - 1;
		double noise = i < nrules && from == 0 ? 0.0 : 0.6;
		rule_list(S, rule, noise, child);
		int32_t ms = evaluate(S, child, kn->init_rounds);
		if (ms < 0)
			return S->c.err;
		offer(S, child, ms);
	}
	return 0;
}

static int run_search(search *S)
{
	ctx *c = &S->c;
	knobs kn = get_knobs();
	uint32_t *child = S->tmp_list + S->nf; /* second half of tmp */
	if (seed_population(S, 0, &kn))
		return c->err;
	/* Stuck lists that all decode alike leave fewer than two members:
	 * draw random lists while no schedule is known and budget remains. */
	while (S->pop < 2 && S->best_ms == INT32_MAX && !out_of_budget(S)) {
		rule_list(S, RULE_RANDOM, 0, child);
		int32_t ms = evaluate(S, child, kn.init_rounds);
		if (ms < 0)
			return c->err;
		offer(S, child, ms);
	}
	if (S->pop < 2)
		return c->err;
	int64_t last_best = S->best_fit;
	uint32_t stall = 0;
	if (kn.stall == 0)
		kn.stall = S->nf * 10 > 300 ? S->nf * 10 : 300;
	while (!out_of_budget(S)) {
		uint32_t a = tournament(S), b = tournament(S);
		if (a == b)
			b = (a + 1 + rng_below(&c->rng, S->pop - 1)) % S->pop;
		if (S->fit[b] < S->fit[a]) {
			uint32_t t = a;
			a = b;
			b = t;
		}
		const uint32_t *mo = pop_list(S, a), *fa = pop_list(S, b);
		int dir = 0;
		if (S->bi && rng_below(&c->rng, 100) < S->bi) {
			/* Bidirectional planning: decode this child backward
			 * from both parents' schedules listed by finish day. */
			dir = 1;
			if (member_list(S, a, 1, S->la) ||
			    member_list(S, b, 1, S->lf))
				return c->err = BT_RCPSP_ENOMEM;
			mo = S->la;
			fa = S->lf;
		} else if (S->bi) {
			if (member_list(S, a, 0, S->la) ||
			    member_list(S, b, 0, S->lf))
				return c->err = BT_RCPSP_ENOMEM;
			mo = S->la;
			fa = S->lf;
		}
		uint32_t op = rng_below(&c->rng, 100);
		if (op < kn.seg) {
			segment_crossover(S, mo, fa, child);
		} else if (op < kn.seg + kn.peak && S->ms[a] < STUCK_MS) {
			if (peak_crossover(S, a, mo, fa, child, dir))
				return c->err = BT_RCPSP_ENOMEM;
		} else {
			crossover(S, mo, fa, child);
		}
		mutate(S, child, kn.pm);
		if (!dir && kn.ins > 0 &&
		    rng_below(&c->rng, 1000) < (uint32_t)(kn.ins * 1000))
			insert_moves(S, child, 1);
		int32_t ms;
		if (S->bi && dir) {
			ms = decode_backward(S, child);
			if (ms >= 0 && S->cur_dir == 1 && !out_of_budget(S))
				ms = justify_forward(S, ms);
			/* Members keep forward lists (by start day). */
			if (ms >= 0 &&
			    order_by_day(c, &S->ws, S->s, 0, child))
				return c->err = BT_RCPSP_ENOMEM;
		} else {
			ms = evaluate(S, child, kn.child_rounds);
		}
		if (ms < 0)
			return c->err;
		offer(S, child, ms);
		if (S->best_fit < last_best) {
			last_best = S->best_fit;
			stall = 0;
		} else if (++stall >= kn.stall && kn.keep < S->cap_pop) {
			/* Restart: keep the best few, draw the rest anew. */
			for (uint32_t i = 0; i < kn.keep && i < S->pop; i++) {
				uint32_t bi = i;
				for (uint32_t x = i + 1; x < S->pop; x++)
					if (S->fit[x] < S->fit[bi])
						bi = x;
				if (bi != i) {
					int32_t tm = S->ms[i];
					int64_t tf = S->fit[i];
					uint64_t th = S->hash[i];
					S->ms[i] = S->ms[bi];
					S->fit[i] = S->fit[bi];
					S->hash[i] = S->hash[bi];
					S->ms[bi] = tm;
					S->fit[bi] = tf;
					S->hash[bi] = th;
					memcpy(child, pop_list(S, i), S->nf * sizeof *child);
					memcpy(pop_list(S, i), pop_list(S, bi), S->nf * sizeof *child);
					memcpy(pop_list(S, bi), child, S->nf * sizeof *child);
					swap_starts(S, i, bi);
				}
			}
			S->pop = kn.keep < S->pop ? kn.keep : S->pop;
			if (kn.intens) {
				uint32_t kept = S->pop;
				for (uint32_t i = kept; i < S->cap_pop && !out_of_budget(S); i++) {
					memcpy(child, pop_list(S, rng_below(&c->rng, kept)),
					       S->nf * sizeof *child);
					insert_moves(S, child, kn.intens);
					int32_t m2 = evaluate(S, child, kn.child_rounds);
					if (m2 < 0)
						return c->err;
					offer(S, child, m2);
				}
			} else if (seed_population(S, S->pop, &kn))
				return c->err;
			stall = 0;
		}
	}
	return c->err;
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

static double work_per_schedule(const inst *in)
{
	double w = (double)in->nfree + in->pred_off[in->n];
	/* A pass walks each activity's span, off days included. */
	for (uint32_t j = 0; j < in->n; j++)
		w += (double)(in->dem_off[j + 1] - in->dem_off[j]) *
		     (double)(fin_at(in, j, in->early[j]) - in->early[j] + 8);
	return w > 1 ? w : 1;
}

static long budget_for(const inst *in)
{
	double b = 3e7 / work_per_schedule(in);
	if (b > 5000)
		b = 5000;
	if (b < 10)
		b = 10;
	return (long)b;
}

long bt_rcpsp_default_budget(const bt_rcpsp_problem *p)
{
	bt_arena a = BT_ARENA_INIT;
	inst in;
	long b = 5000;
	if (inst_build(p, &in, &a) == BT_RCPSP_OK)
		b = budget_for(&in);
	bt_arena_release(&a);
	return b;
}

static void ctx_free(ctx *c, uint32_t k)
{
	if (c->avail)
		for (uint32_t r = 0; r < k; r++)
			bt_free(c->avail[r]);
	bt_free(c->avail);
	bt_free(c->alen);
	bt_free(c->hw);
	bt_free(c->lw);
	bt_free(c->ok);
	bt_free(c->fin);
}

static int ctx_init(ctx *c, const inst *in)
{
	memset(c, 0, sizeof *c);
	c->in = in;
	c->avail = bt_calloc(in->k + 1, sizeof *c->avail);
	c->alen = bt_calloc(in->k + 1, sizeof *c->alen);
	c->hw = bt_calloc(in->k + 1, sizeof *c->hw);
	c->lw = bt_calloc(in->k + 1, sizeof *c->lw);
	c->ok = bt_calloc(in->maxdem + 1, sizeof *c->ok);
	c->err_act = c->err_res = UINT32_MAX;
	c->stuck_act = c->stuck_res = c->stuck_left = UINT32_MAX;
	if (!c->avail || !c->alen || !c->hw || !c->lw || !c->ok)
		return BT_RCPSP_ENOMEM;
	if (in->cal_free && !(c->fin = bt_calloc(in->n + 1, sizeof *c->fin)))
		return BT_RCPSP_ENOMEM;
	return 0;
}

static void result_init(bt_rcpsp_result *res, uint32_t n)
{
	memset(res, 0, sizeof *res);
	res->n = n;
	res->err_act = res->err_res = UINT32_MAX;
}

void bt_rcpsp_result_free(bt_rcpsp_result *res)
{
	if (!res)
		return;
	bt_free(res->start);
	bt_free(res->early);
	bt_free(res->ready);
	bt_free(res->block_off);
	bt_free(res->block);
	bt_free(res->proj_finish);
	bt_free(res->proj_early);
	uint32_t n = res->n;
	result_init(res, n);
}

static int search_alloc(search *S, const inst *in, bt_arena *a, uint32_t popsz)
{
	uint32_t n = in->n, nf = in->nfree;
	S->nf = nf;
	S->s = bt_arena_alloc(a, ((size_t)n + 1) * sizeof(int32_t));
	S->sb = bt_arena_alloc(a, ((size_t)n + 1) * sizeof(int32_t));
	S->sf = bt_arena_alloc(a, ((size_t)n + 1) * sizeof(int32_t));
	S->best_s = bt_arena_alloc(a, ((size_t)n + 1) * sizeof(int32_t));
	S->tmp_list = bt_arena_alloc(a, (2 * (size_t)nf + 1) * sizeof(uint32_t));
	S->mark = bt_arena_zalloc(a, ((size_t)n + 1) * sizeof(uint32_t));
	S->ws.pos = bt_arena_alloc(a, ((size_t)n + 1) * sizeof(uint32_t));
	S->ws.deg = bt_arena_alloc(a, ((size_t)n + 1) * sizeof(uint32_t));
	S->ws.heap = bt_arena_alloc(a, ((size_t)n + 1) * sizeof(uint32_t));
	S->ws.key = bt_arena_alloc(a, ((size_t)n + 1) * sizeof(int64_t));
	S->cap_pop = popsz;
	S->lists = bt_arena_alloc(a, (size_t)popsz * nf * sizeof(uint32_t) + 1);
	S->ms = bt_arena_alloc(a, (size_t)popsz * sizeof(int32_t));
	S->fit = bt_arena_alloc(a, (size_t)popsz * sizeof(int64_t));
	S->pbest = bt_arena_alloc(a, ((size_t)n + 1) * sizeof(int32_t));
	S->pfin = bt_arena_alloc(a, ((size_t)in->nproj + 1) * sizeof(int32_t));
	S->hash = bt_arena_alloc(a, (size_t)popsz * sizeof(uint64_t));
	S->key2 = bt_arena_alloc(a, ((size_t)n + 1) * sizeof(int32_t));
	S->la = bt_arena_alloc(a, ((size_t)nf + 1) * sizeof(uint32_t));
	S->lf = bt_arena_alloc(a, ((size_t)nf + 1) * sizeof(uint32_t));
	S->starts = bt_arena_alloc(a, (size_t)popsz * n * sizeof(int32_t) + 1);
	if (!S->s || !S->sb || !S->sf || !S->best_s || !S->tmp_list ||
	    !S->mark || !S->ws.pos || !S->ws.deg || !S->ws.heap ||
	    !S->ws.key || !S->lists || !S->ms || !S->hash || !S->starts ||
	    !S->la || !S->lf || !S->key2 || !S->fit || !S->pbest || !S->pfin)
		return BT_RCPSP_ENOMEM;
	for (uint32_t j = 0; j < n; j++)
		S->s[j] = S->sb[j] = S->sf[j] = S->best_s[j] = in->fixed[j];
	return 0;
}

int bt_rcpsp_solve(const bt_rcpsp_problem *p, const bt_rcpsp_opts *opts,
		   bt_rcpsp_result *res)
{
	bt_arena a = BT_ARENA_INIT;
	inst in;
	search S;
	memset(&S, 0, sizeof S);
	/* The fail path reads these before ctx_init() may have run: zeroes
	 * would blame activity 0 for a problem inst_build() refused. */
	S.c.err_act = S.c.err_res = UINT32_MAX;
	result_init(res, p->n);
	int rc = inst_build(p, &in, &a);
	if (rc)
		goto fail;
	rc = ctx_init(&S.c, &in);
	if (rc)
		goto fail;
	long budget = opts && opts->max_schedules > 0 ? opts->max_schedules
						       : budget_for(&in);
	S.c.budget = budget;
	S.c.rng = opts ? opts->seed : 0;
	if (opts && opts->time_limit > 0) {
		S.c.timed = 1;
		clock_gettime(CLOCK_MONOTONIC, &S.c.deadline);
		double t = opts->time_limit;
		time_t secs = (time_t)t;
		long ns = (long)((t - (double)secs) * 1e9);
		S.c.deadline.tv_sec += secs;
		S.c.deadline.tv_nsec += ns;
		if (S.c.deadline.tv_nsec >= 1000000000L) {
			S.c.deadline.tv_sec++;
			S.c.deadline.tv_nsec -= 1000000000L;
		}
	}
	knobs kn = get_knobs();
	uint32_t popsz = kn.popsz ? kn.popsz
		       : budget >= 20000 ? 150 : budget >= 4000 ? 100
		       : budget >= 2000 ? 60 : budget >= 400 ? 30 : 12;
	rc = search_alloc(&S, &in, &a, popsz);
	if (rc)
		goto fail;
	S.best_ms = INT32_MAX;
	S.best_fit = INT64_MAX;

	S.lb = in.lb;
	/* A shift moves every activity by the same days: with calendars a
	 * span depends on where it starts, so only without them. */
	S.shiftable = !in.cal_free;
	for (uint32_t r = 0; r < in.k; r++)
		if (in.base_len[r] > 0)
			S.shiftable = 0;
	S.twopass = kn.twopass;
	if (S.shiftable && S.twopass && S.c.budget > 1)
		S.c.budget--; /* kept for the left-justification at the end */
	if (kn.tie && S.shiftable) {
		int32_t md = 0;
		int64_t hor = in.fixed_end;
		for (uint32_t i = 0; i < in.nfree; i++) {
			uint32_t j = in.topo[i];
			md = max32(md, in.dur[j]);
			hor += in.dur[j] + in.rel[j];
		}
		if ((hor + 1) * ((int64_t)md + 2) < INT32_MAX / 4) {
			S.tie = kn.tie;
			S.tie_w = md + 1;
		}
	}
	if (S.shiftable && kn.twopass && kn.bi) {
		/* A deadline late enough for any backward decode. */
		int64_t D = (int64_t)in.fixed_end + 1;
		int32_t mr = 0;
		for (uint32_t i = 0; i < in.nfree; i++) {
			uint32_t j = in.topo[i];
			int32_t w = in.dur[j];
			for (uint32_t x = in.succ_off[j]; x < in.succ_off[j + 1]; x++)
				w = max32(w, in.succ_delta[x]);
			D += w;
			mr = max32(mr, in.rel[j]);
		}
		D += mr;
		if (D < MAX_PROFILE_DAYS / 2) {
			S.bi = kn.bi;
			S.deadline = (int32_t)D;
		}
	}
	S.xr = kn.xr;
	if (in.nfree > 0) {
		rc = compute_priorities(&S, &a);
		if (rc)
			goto fail;
		/* Out of memory mid-search fails the whole search: the best
		 * schedule so far is not the one this budget finds. */
		rc = run_search(&S);
		if (rc)
			goto fail;
		if (S.best_ms == INT32_MAX) {
			/* Every list tried left an activity without room: blame
			 * the one the furthest-reaching list could not place. */
			rc = BT_RCPSP_EINFEASIBLE;
			S.c.err_act = S.c.stuck_act;
			S.c.err_res = S.c.stuck_res;
			goto fail;
		}
		if (S.best_dir) {
			/* The best schedule is right-justified: left-justify it
			 * (one forward pass over its start order, never longer)
			 * so that every start is explained by a predecessor,
			 * a release or a shortage. */
			S.c.budget++;
			rc = BT_RCPSP_ENOMEM;
			if (order_by_day(&S.c, &S.ws, S.best_s, 0, S.tmp_list))
				goto fail;
			int32_t ms = sgs_forward(&S.c, S.tmp_list, S.s);
			if (ms == HARD_ERROR)
				goto fail;
			if (ms >= 0 && fit_of(&S, S.s, ms) <= S.best_fit) {
				S.best_fit = fit_of(&S, S.s, ms);
				S.best_ms = ms;
				memcpy(S.best_s, S.s, (size_t)in.n * sizeof *S.s);
			}
		}
		rc = 0;
	} else {
		S.best_ms = max32(in.fixed_end, 0);
	}
	res->start = bt_malloc(((size_t)p->n + 1) * sizeof *res->start);
	if (!res->start) {
		rc = BT_RCPSP_ENOMEM;
		goto fail;
	}
	memcpy(res->start, S.best_s, (size_t)p->n * sizeof *res->start);
	res->makespan = S.best_ms;
	res->lower_bound = in.lb;
	res->schedules = S.c.used;
	if (in.nproj) {
		res->proj_finish = bt_malloc(((size_t)in.nproj + 1) * sizeof(int32_t));
		res->proj_early = bt_malloc(((size_t)in.nproj + 1) * sizeof(int32_t));
		if (!res->proj_finish || !res->proj_early) {
			rc = BT_RCPSP_ENOMEM;
			goto fail;
		}
		res->nproj = in.nproj;
		res->wdelay = wdelay_of(&in, res->start, res->proj_finish);
		memcpy(res->proj_early, in.pef, (size_t)in.nproj * sizeof(int32_t));
	}
	ctx_free(&S.c, in.k);
	bt_free(S.ws.cnt);
	bt_free(S.util);
	bt_arena_release(&a);
	return bt_rcpsp_explain(p, res->start, res);
fail:
	res->err_act = S.c.err_act != UINT32_MAX ? S.c.err_act : in.err_act;
	res->err_res = S.c.err_res != UINT32_MAX ? S.c.err_res : in.err_res;
	if (rc == BT_RCPSP_EINVAL || rc == BT_RCPSP_ECYCLE) {
		res->err_act = in.err_act;
		res->err_res = in.err_res;
	}
	ctx_free(&S.c, in.k);
	bt_free(S.ws.cnt);
	bt_free(S.util);
	bt_arena_release(&a);
	return rc;
}

int bt_rcpsp_sgs(const bt_rcpsp_problem *p, const uint32_t *order,
		 int32_t *start)
{
	bt_arena a = BT_ARENA_INIT;
	inst in;
	ctx c;
	memset(&c, 0, sizeof c);
	int rc = inst_build(p, &in, &a);
	if (rc)
		goto out;
	rc = ctx_init(&c, &in);
	if (rc)
		goto out;
	uint32_t *list = bt_arena_alloc(&a, ((size_t)in.nfree + 1) * sizeof *list);
	uint32_t *seen = bt_arena_zalloc(&a, ((size_t)p->n + 1) * sizeof *seen);
	if (!list || !seen) {
		rc = BT_RCPSP_ENOMEM;
		goto out;
	}
	uint32_t w = 0;
	rc = BT_RCPSP_EINVAL;
	for (uint32_t i = 0; i < p->n; i++) {
		uint32_t j = order[i];
		if (j >= p->n || seen[j])
			goto out;
		seen[j] = 1;
		if (!is_free(&in, j))
			continue;
		for (uint32_t x = in.pred_off[j]; x < in.pred_off[j + 1]; x++)
			if (seen[in.pred[x]] != 1 || !is_free(&in, in.pred[x]))
				goto out;
		list[w++] = j;
	}
	for (uint32_t j = 0; j < p->n; j++)
		start[j] = in.fixed[j];
	c.budget = 1;
	int32_t ms = sgs_forward(&c, list, start);
	rc = ms == STUCK ? BT_RCPSP_EINFEASIBLE : ms < 0 ? c.err : BT_RCPSP_OK;
out:
	ctx_free(&c, in.k);
	bt_arena_release(&a);
	return rc;
}

int bt_rcpsp_lower_bound(const bt_rcpsp_problem *p, int32_t *lb)
{
	bt_arena a = BT_ARENA_INIT;
	inst in;
	int rc = inst_build(p, &in, &a);
	if (rc == BT_RCPSP_OK)
		*lb = in.lb;
	bt_arena_release(&a);
	return rc;
}

/*=========================== Explanations ===========================*/

/* Free units per resource and day for a whole schedule: base capacity
 * minus the usage of every free activity, over [0, len); from len on the
 * final capacity. */
typedef struct usage {
	int32_t **av;
	int32_t len;
	uint32_t k;
	int32_t *fin;   /* [n] each free activity's finish (calendars only) */
} usage;

static void usage_free(usage *u)
{
	if (u->av)
		for (uint32_t r = 0; r < u->k; r++)
			bt_free(u->av[r]);
	bt_free(u->av);
	bt_free(u->fin);
}

static int usage_build(const inst *in, const int32_t *start, usage *u)
{
	int64_t len = 1;
	memset(u, 0, sizeof *u);
	u->k = in->k;
	for (uint32_t r = 0; r < in->k; r++)
		len = len > in->base_len[r] ? len : in->base_len[r];
	for (uint32_t j = 0; j < in->n; j++) {
		if (!is_free(in, j))
			continue;
		if (start[j] > MAX_PROFILE_DAYS) /* keeps fin_at() in range */
			return BT_RCPSP_EINVAL;
		if (fin_at(in, j, start[j]) > len)
			len = fin_at(in, j, start[j]);
	}
	if (len > MAX_PROFILE_DAYS)
		return BT_RCPSP_EINVAL;
	u->len = (int32_t)len;
	u->av = bt_calloc(in->k + 1, sizeof *u->av);
	if (!u->av)
		return BT_RCPSP_ENOMEM;
	if (in->cal_free) {
		u->fin = bt_calloc(in->n + 1, sizeof *u->fin);
		if (!u->fin)
			return BT_RCPSP_ENOMEM;
		for (uint32_t j = 0; j < in->n; j++)
			if (is_free(in, j))
				u->fin[j] = fin_at(in, j, start[j]);
	}
	for (uint32_t r = 0; r < in->k; r++) {
		u->av[r] = bt_malloc((size_t)len * sizeof(int32_t));
		if (!u->av[r])
			return BT_RCPSP_ENOMEM;
		for (int32_t t = 0; t < u->len; t++)
			u->av[r][t] = base_at(in, r, t);
	}
	for (uint32_t j = 0; j < in->n; j++) {
		if (!is_free(in, j))
			continue;
		int32_t b = max32(start[j], 0), e = fin_at(in, j, start[j]);
		cal k = cal_of(in, j);
		for (uint32_t x = in->dem_off[j]; x < in->dem_off[j + 1]; x++) {
			uint32_t o = off_index(k, b);
			for (int32_t t = b; t < e; t++) {
				if (o < k.m && k.off[o] == t) {
					o++;
					continue;
				}
				u->av[in->dem_res[x]][t] -= in->dem_amt[x];
			}
		}
	}
	return 0;
}

/* Units of r free on day t for activity j (its own usage given back). */
static int32_t free_for(const inst *in, const usage *u, const int32_t *start,
			uint32_t j, uint32_t r, int32_t amt, int32_t t)
{
	int32_t v = t < 0 ? 0 : t < u->len ? u->av[r][t] : in->final_cap[r];
	if (!in->off || !in->off[j]) {
		if (t >= start[j] && t < start[j] + in->dur[j])
			v += amt;
	} else if (t >= start[j] && t < u->fin[j] &&
		   !cal_is_off(cal_of(in, j), t)) {
		v += amt;
	}
	return v;
}

int bt_rcpsp_explain(const bt_rcpsp_problem *p, const int32_t *start,
		     bt_rcpsp_result *res)
{
	bt_arena a = BT_ARENA_INIT;
	inst in;
	usage u;
	memset(&u, 0, sizeof u);
	bt_free(res->early);
	bt_free(res->ready);
	bt_free(res->block_off);
	bt_free(res->block);
	res->early = res->ready = NULL;
	res->block_off = NULL;
	res->block = NULL;
	res->n = p->n;
	int rc = inst_build(p, &in, &a);
	if (rc)
		goto out;
	rc = usage_build(&in, start, &u);
	if (rc)
		goto out;
	rc = BT_RCPSP_ENOMEM;
	res->early = bt_malloc(((size_t)p->n + 1) * sizeof *res->early);
	res->ready = bt_malloc(((size_t)p->n + 1) * sizeof *res->ready);
	res->block_off = bt_malloc(((size_t)p->n + 1) * sizeof *res->block_off);
	res->block = bt_malloc(((size_t)in.dem_off[p->n] + 1) * sizeof *res->block);
	if (!res->early || !res->ready || !res->block_off || !res->block)
		goto out;
	uint32_t nb = 0;
	for (uint32_t j = 0; j < p->n; j++) {
		res->block_off[j] = nb;
		res->early[j] = in.early[j];
		if (!is_free(&in, j)) {
			res->ready[j] = in.fixed[j];
			continue;
		}
		int32_t rd = ready_at(&in, start, j), rf = fin_at(&in, j, rd);
		res->ready[j] = rd;
		if (start[j] <= rd)
			continue;
		cal k = cal_of(&in, j);
		for (uint32_t x = in.dem_off[j]; x < in.dem_off[j + 1]; x++) {
			uint32_t r = in.dem_res[x];
			int32_t amt = in.dem_amt[x], day = -1;
			for (int32_t t = rd; t < rf; t++)
				if (!cal_is_off(k, t) &&
				    free_for(&in, &u, start, j, r, amt, t) < amt) {
					day = t;
					break;
				}
			if (day < 0)
				continue;
			/* First window start >= rd where r alone fits. */
			int32_t t = cal_snap(k, day + 1), v = t;
			int32_t end = fin_at(&in, j, t);
			while (v < end) {
				if (!cal_is_off(k, v) &&
				    free_for(&in, &u, start, j, r, amt, v) < amt) {
					t = cal_snap(k, v + 1);
					end = fin_at(&in, j, t);
				}
				v++;
				if (t > start[j])
					break; /* cannot happen for a feasible schedule */
			}
			bt_rcpsp_block *b = &res->block[nb++];
			b->res = r;
			b->day = day;
			b->need = amt;
			b->avail = free_for(&in, &u, start, j, r, amt, day);
			b->until = t;
		}
	}
	res->block_off[p->n] = nb;
	rc = BT_RCPSP_OK;
out:
	usage_free(&u);
	bt_arena_release(&a);
	return rc;
}

/*================= Resource-constrained critical path ===============*/

int bt_rcpsp_critical_path(const bt_rcpsp_problem *p, const int32_t *start,
			   bt_rcpsp_link *chain, uint32_t *len)
{
	bt_arena a = BT_ARENA_INIT;
	inst in;
	usage u;
	memset(&u, 0, sizeof u);
	*len = 0;
	int rc = inst_build(p, &in, &a);
	if (rc || p->n == 0)
		goto out;
	rc = usage_build(&in, start, &u);
	if (rc)
		goto out;
	uint8_t *seen = bt_arena_zalloc(&a, p->n + 1);
	if (!seen) {
		rc = BT_RCPSP_ENOMEM;
		goto out;
	}
	/* The activity that finishes last (the first such, free preferred). */
	uint32_t cur = 0;
	for (uint32_t j = 1; j < p->n; j++) {
		int64_t fj = fin_at(&in, j, start[j]);
		int64_t fc = fin_at(&in, cur, start[cur]);
		if (fj > fc || (fj == fc && is_free(&in, j) && !is_free(&in, cur)))
			cur = j;
	}
	uint32_t w = 0;
	for (;;) {
		bt_rcpsp_link *l = &chain[w++];
		l->act = cur;
		l->kind = BT_RCPSP_LINK_START;
		l->res = UINT32_MAX;
		seen[cur] = 1;
		if (!is_free(&in, cur)) {
			l->kind = BT_RCPSP_LINK_FIXED;
			break;
		}
		int32_t s = start[cur];
		uint32_t next = UINT32_MAX;
		/* Precedence-tight predecessor (free or fixed): its bound,
		 * moved to a working day, is the start. */
		for (uint32_t i = 0; i < p->nprec && next == UINT32_MAX; i++) {
			const bt_rcpsp_prec *e = &p->prec[i];
			if (e->to != cur || e->from == cur || seen[e->from])
				continue;
			uint8_t k;
			int32_t d = edge_delta(&in, e, 0, &k);
			if (snap_at(&in, cur, edge_bound(&in, e->from, start[e->from],
							 cur, d, k)) == s)
				next = e->from;
		}
		if (next != UINT32_MAX) {
			l->kind = BT_RCPSP_LINK_PREC;
		} else if (s > snap_at(&in, cur, in.rel[cur])) {
			/* Which resource stopped it from starting on its
			 * previous working day, a day earlier without calendar?
			 * That day is the one the earlier window would add, and
			 * the activity that frees the resource works on it and
			 * finishes by s. */
			int32_t prev = snap_back_at(&in, cur, s - 1);
			for (uint32_t x = in.dem_off[cur]; x < in.dem_off[cur + 1]; x++) {
				uint32_t r = in.dem_res[x];
				int32_t amt = in.dem_amt[x];
				if (free_for(&in, &u, start, cur, r, amt, prev) >= amt)
					continue;
				uint32_t best = UINT32_MAX;
				for (uint32_t j = 0; j < p->n; j++) {
					if (j == cur || seen[j] ||
					    fin_at(&in, j, start[j]) > s ||
					    !works_on(&in, j, start[j], prev))
						continue;
					for (uint32_t y = in.dem_off[j]; y < in.dem_off[j + 1]; y++)
						if (in.dem_res[y] == r) {
							best = j;
							break;
						}
					if (best != UINT32_MAX)
						break;
				}
				if (best != UINT32_MAX) {
					next = best;
					l->kind = BT_RCPSP_LINK_RESOURCE;
					l->res = r;
					break;
				}
				if (l->kind == BT_RCPSP_LINK_START) {
					l->kind = BT_RCPSP_LINK_CAPACITY;
					l->res = r;
				}
			}
			if (next == UINT32_MAX && l->kind == BT_RCPSP_LINK_RESOURCE)
				l->kind = BT_RCPSP_LINK_START;
		}
		if (next == UINT32_MAX) {
			if (l->kind == BT_RCPSP_LINK_PREC || l->kind == BT_RCPSP_LINK_RESOURCE)
				l->kind = BT_RCPSP_LINK_START;
			break;
		}
		if (w >= p->n)
			break;
		cur = next;
	}
	/* Reverse into time order. */
	for (uint32_t i = 0; i < w / 2; i++) {
		bt_rcpsp_link t = chain[i];
		chain[i] = chain[w - 1 - i];
		chain[w - 1 - i] = t;
	}
	/* The walk set each kind on the later activity of a link, so after
	 * the reversal chain[i].kind relates chain[i] to chain[i-1], and
	 * chain[0] (the walk's end) is START, FIXED or CAPACITY. */
	*len = w;
	rc = BT_RCPSP_OK;
out:
	usage_free(&u);
	bt_arena_release(&a);
	return rc;
}
