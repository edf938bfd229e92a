/*
 * simulate.c: the Monte Carlo engine (simulate.h; the model is documented
 * in docs/forecast.md).
 *
 * Per run: sample durations, apply risk events, run bt_cpm_forward, record
 * each milestone's day and walk the binding links back from the program end
 * (and from each milestone) to count criticality. Threads take chunks of
 * runs from a shared counter; every result a thread produces is either
 * written at its run's index or is an integer count, so merging is exact
 * and the output does not depend on the number of threads.
 *
 * Sampling. A duration is the continuous distribution (PERT-beta or
 * triangular) rounded to the nearest working day, so its law is discrete:
 * P(D <= j) = F(j + 1/2). Each task gets that discrete CDF once, as 32-bit
 * thresholds, plus a guide table of 2k cells (Chen and Asau 1974): a
 * sample is one 64-bit hash, one multiply, two table loads and usually
 * one branch-free compare, and
 * it is the inverse-CDF transform, so a uniform number maps monotonically
 * to a duration (which makes the team correlation a copula and keeps
 * scenario comparisons tightly coupled).
 */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "level.h"
#include "simulate.h"

#define GAMMA UINT64_C(0x9e3779b97f4a7c15)
#define TWO32 4294967296.0
#define MAX_SUPPORT 65536u /* wider supports are sampled in buckets */
#define CHUNK 64           /* runs a thread claims at a time */

/*============================ Distributions =======================*/

uint64_t bt_sim_mix(uint64_t z)
{
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* The continued fraction of DLMF 8.17.22 by the modified Lentz method. */
static double beta_cf(double a, double b, double x)
{
	const double tiny = 1e-300, eps = 1e-15;
	double f = 1.0, c = 1.0, d = 0.0;
	for (int j = 1; j < 400; j++) {
		int m = j / 2;
		double num;
		if (j % 2)
			num = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
		else
			num = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
		d = 1.0 + num * d;
		d = fabs(d) < tiny ? tiny : d;
		c = 1.0 + num / c;
		c = fabs(c) < tiny ? tiny : c;
		d = 1.0 / d;
		double delta = c * d;
		f *= delta;
		if (fabs(delta - 1.0) < eps)
			break;
	}
	return f;
}

double bt_sim_ibeta(double a, double b, double x)
{
	if (x <= 0.0)
		return 0.0;
	if (x >= 1.0)
		return 1.0;
	/* log of x^a (1-x)^b / B(a, b); tgamma keeps no global state (lgamma
	 * sets signgam) and PERT's shape parameters stay small. */
	double lb = log(tgamma(a + b)) - log(tgamma(a)) - log(tgamma(b)) + a * log(x) +
		    b * log1p(-x);
	if (x < (a + 1.0) / (a + b + 2.0))
		return exp(lb) / (a * beta_cf(a, b, x));
	return 1.0 - exp(lb) / (b * beta_cf(b, a, 1.0 - x));
}

double bt_sim_cdf(int dist, double lo, double m, double hi, double x)
{
	if (x <= lo)
		return 0.0;
	if (x >= hi)
		return 1.0;
	double w = hi - lo;
	if (dist == BT_SIM_TRIANGULAR) {
		if (x <= m)
			return (x - lo) * (x - lo) / (w * (m - lo));
		return 1.0 - (hi - x) * (hi - x) / (w * (hi - m));
	}
	/* PERT-beta: Beta(alpha, beta) on [lo, hi], mean (lo + 4m + hi) / 6
	 * (Malcolm et al. 1959; Vose 2008, the "PERT distribution"). */
	double al = 1.0 + 4.0 * (m - lo) / w, be = 1.0 + 4.0 * (hi - m) / w;
	return bt_sim_ibeta(al, be, (x - lo) / w);
}

/*============================== Samplers ==========================*/

/* The discrete law of a rounded duration: values lo, lo+w, ... (k of
 * them), thresholds cdf[off .. off+k-1) and guide[2off .. 2off+2k). */
typedef struct smp {
	int32_t lo;
	int32_t w;            /* bucket width in days (1 unless huge) */
	uint32_t k;           /* 1: fixed at lo */
	uint32_t off;
} smp;

typedef struct pool {
	BT_VEC(uint32_t) cdf;
	BT_VEC(uint32_t) guide;
	int oom;
} pool;

/* One threshold and its two guide cells. The guide cells are written
 * through indices: the second push may move the vector the first pointed
 * into (after a failed push left its length odd). */
static void push2(pool *pl, uint32_t c, uint32_t g)
{
	uint32_t *a = BT_VEC_PUSH(pl->cdf);
	if (!a || !BT_VEC_PUSH(pl->guide) || !BT_VEC_PUSH(pl->guide)) {
		pl->oom = 1;
		return;
	}
	*a = c;
	pl->guide.v[pl->guide.n - 2] = pl->guide.v[pl->guide.n - 1] = g;
}

static uint32_t prob32(double p)
{
	if (!(p > 0.0))
		return 0;
	double t = floor(p * TWO32);
	return t >= TWO32 - 1.0 ? UINT32_MAX : (uint32_t)t;
}

/* Fill the guide entries of a sampler whose thresholds are in place. */
static void guide_fill(pool *pl, const smp *s)
{
	uint32_t *cdf = pl->cdf.v + s->off, *g = pl->guide.v + 2 * s->off, i = 0;
	for (uint32_t j = 0; j < 2 * s->k; j++) {
		uint32_t t = (uint32_t)(((uint64_t)j << 32) / (2 * s->k));
		while (i < s->k - 1 && cdf[i] <= t)
			i++;
		g[j] = i;
	}
}

/* A continuous law on [a, b] with mode m, rounded to the nearest day. */
static smp smp_cont(pool *pl, int dist, double a, double m, double b)
{
	smp s = {0, 1, 1, 0};
	if (a < 0)
		a = 0;
	if (m < a)
		m = a;
	if (b < m)
		b = m;
	int32_t lo = (int32_t)floor(a + 0.5), hi = (int32_t)floor(b + 0.5);
	s.lo = lo;
	if (hi <= lo || b - a < 1e-9) {
		s.lo = (int32_t)floor(m + 0.5);
		return s;
	}
	uint32_t span = (uint32_t)(hi - lo) + 1;
	s.w = (int32_t)((span + MAX_SUPPORT - 1) / MAX_SUPPORT);
	s.k = (span + (uint32_t)s.w - 1) / (uint32_t)s.w;
	s.off = pl->cdf.n;
	for (uint32_t i = 0; i < s.k; i++) {
		double x = (double)lo + (double)(i + 1) * s.w - 0.5;
		push2(pl, i + 1 == s.k ? UINT32_MAX : prob32(bt_sim_cdf(dist, a, m, b, x)), 0);
	}
	if (!pl->oom)
		guide_fill(pl, &s);
	return s;
}

/* Uniform over the whole days lo..hi. */
static smp smp_uniform(pool *pl, int32_t lo, int32_t hi)
{
	smp s = {lo, 1, 1, 0};
	if (hi <= lo)
		return s;
	uint32_t span = (uint32_t)(hi - lo) + 1;
	s.w = (int32_t)((span + MAX_SUPPORT - 1) / MAX_SUPPORT);
	s.k = (span + (uint32_t)s.w - 1) / (uint32_t)s.w;
	s.off = pl->cdf.n;
	for (uint32_t i = 0; i < s.k; i++)
		push2(pl, i + 1 == s.k ? UINT32_MAX : prob32((double)(i + 1) / s.k), 0);
	if (!pl->oom)
		guide_fill(pl, &s);
	return s;
}

static inline int32_t draw(const uint32_t *cdf, const uint32_t *guide, const smp *s,
			   uint32_t u, uint32_t extra)
{
	if (s->k == 1)
		return s->lo;
	const uint32_t *c = cdf + s->off;
	uint32_t last = s->k - 1;
	uint32_t i = guide[2 * s->off + (uint32_t)(((uint64_t)u * (2 * s->k)) >> 32)];
	/* The guide has 2k cells, so most need no step or one: take one
	 * without a branch, loop for the rare rest. */
	i += (uint32_t)((u >= c[i]) & (i < last));
	while (i < last && u >= c[i])
		i++;
	int32_t v = s->lo + (int32_t)i * s->w;
	if (s->w > 1)
		v += (int32_t)(extra % (uint32_t)s->w);
	return v;
}

/*=============================== Model ============================*/

typedef struct sim {
	const bt_net *net;
	const bt_leveler *lev;     /* --level: levels each run's durations */
	const bt_sim_opts *o;
	uint32_t n, nt, nm, nm1, nteam, nrisk;
	uint64_t seed_key;
	smp *tsmp;                 /* per task */
	uint32_t *team;            /* per task: team index or BT_NONE */
	pool pl;
	/* risks */
	uint32_t *rthr_hi;         /* occurrence: hi32 < thr (thr64 = 2^32: certain) */
	uint64_t *rthr;
	smp *rsmp;                 /* impact */
	uint32_t *roff, *rtgt;     /* CSR: risk r's target nodes */
	uint32_t nmc;              /* milestones with per-milestone criticality */
	/* Each entity's stream, from its id (ent_of): a task keeps its draws
	 * when others are added, removed or reordered, so two plans that
	 * differ by an edit share their random numbers wherever they share
	 * an id, and `baton diff` (or last week against this week) shows
	 * the edit's effect, not a reshuffle. */
	uint64_t *tent;            /* per node, (number + 1) * GAMMA as ent() adds it (milestones: unused) */
	uint64_t *rent;            /* per risk: occurrence; impact is rent ^ IMPACT */
	uint64_t *ment;            /* per team */
	double sr, s1r;            /* sqrt(rho), sqrt(1 - rho) */
	int corr;
	bt_fwd fwd;                /* the links in topological order */
} sim;

static uint64_t run_key(const sim *S, long run)
{
	return bt_sim_mix(S->seed_key + (uint64_t)(run + 1) * GAMMA);
}

static uint64_t ent(uint64_t key, uint64_t e)
{
	return bt_sim_mix(key + (e + 1) * GAMMA);
}

static double u01(uint32_t x)
{
	return ((double)x + 0.5) / TWO32;
}

/* A standard normal from 64 random bits (Box and Muller 1958). */
static double normal64(uint64_t x)
{
	double r = sqrt(-2.0 * log(u01((uint32_t)(x >> 32))));
	return r * cos(6.283185307179586 * u01((uint32_t)x));
}

static uint32_t phi32(double z)
{
	double p = 0.5 * erfc(-z / 1.4142135623730951);
	return prob32(p);
}

/* An entity's number: its kind and id hashed (FNV-1a 64, then mixed),
 * so the number follows the id, not the position in the plan. */
#define IMPACT UINT64_C(0x5851f42d4c957f2d)
static uint64_t ent_of(char kind, const char *id)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	h = (h ^ (unsigned char)kind) * UINT64_C(0x100000001b3);
	for (const unsigned char *c = (const unsigned char *)(id ? id : ""); *c; c++)
		h = (h ^ *c) * UINT64_C(0x100000001b3);
	return bt_sim_mix(h);
}

static uint64_t team_ent(const sim *S, uint32_t t)
{
	return S->ment[t];
}

/* Task v's sampled duration in the run with key `key`. */
static int32_t task_draw(const sim *S, uint64_t key, uint32_t v, const double *zteam)
{
	const smp *s = &S->tsmp[v];
	if (s->k == 1)
		return s->lo;
	uint64_t x = bt_sim_mix(key + S->tent[v]);
	uint32_t u = (uint32_t)(x >> 32);
	if (S->corr && S->team[v] != BT_NONE) {
		double z = S->sr * zteam[S->team[v]] + S->s1r * normal64(x);
		u = phi32(z);
	}
	return draw(S->pl.cdf.v, S->pl.guide.v, s, u, (uint32_t)x);
}

static int risk_occurs(const sim *S, uint64_t key, uint32_t r)
{
	return S->rthr[r] && (ent(key, S->rent[r]) >> 32) < S->rthr[r];
}

/* Risk r's added days in the run (0 when it did not occur). */
static int32_t risk_draw(const sim *S, uint64_t key, uint32_t r)
{
	if (!risk_occurs(S, key, r))
		return 0;
	uint64_t y = ent(key, S->rent[r] ^ IMPACT);
	return draw(S->pl.cdf.v, S->pl.guide.v, &S->rsmp[r], (uint32_t)(y >> 32), (uint32_t)y);
}

static void team_normals(const sim *S, uint64_t key, double *z)
{
	for (uint32_t t = 0; t < S->nteam; t++)
		z[t] = normal64(ent(key, team_ent(S, t)));
}

/* Build the per-task and per-risk samplers. */
static int sim_build(sim *S, const bt_plan *p, const bt_scen_fx *fx, bt_arena *a,
		     bt_sim_result *out)
{
	const bt_net *net = S->net;
	const bt_sim_opts *o = S->o;
	S->tsmp = bt_arena_alloc(a, sizeof(smp) * ((size_t)S->n + 1));
	S->team = bt_arena_alloc(a, sizeof(uint32_t) * ((size_t)S->n + 1));
	S->tent = bt_arena_alloc(a, sizeof(uint64_t) * ((size_t)S->n + 1));
	S->rent = bt_arena_alloc(a, sizeof(uint64_t) * ((size_t)S->nrisk + 1));
	S->ment = bt_arena_alloc(a, sizeof(uint64_t) * ((size_t)S->nteam + 1));
	if (!S->tsmp || !S->team || !S->tent || !S->rent || !S->ment || bt_fwd_build(net, &S->fwd, a))
		return -1;
	for (uint32_t v = 0; v < S->n; v++)
		S->tent[v] = v < S->nt ? (ent_of('t', p->tasks.v[v].id) + 1) * GAMMA : 0;
	for (uint32_t r = 0; r < S->nrisk; r++)
		S->rent[r] = ent_of('r', p->risks.v[r].id);
	for (uint32_t t = 0; t < S->nteam; t++)
		S->ment[t] = ent_of('T', p->teams.v[t].id);
	for (uint32_t v = 0; v < S->n; v++) {
		smp fixed = {0, 1, 1, 0};
		S->tsmp[v] = fixed;
		S->team[v] = v < S->nt ? p->tasks.v[v].team.idx : BT_NONE;
		if (v >= S->nt || net->state[v] == BT_TS_DONE)
			continue;
		double sc = fx ? fx->scale[v] : 1.0;
		double lo = net->est_o[v], m = net->est_m[v], hi = net->est_p[v];
		if (lo == hi) {
			lo = m * (1.0 - o->spread_lo);
			hi = m * (1.0 + o->spread_hi);
		}
		if (net->state[v] == BT_TS_STARTED) {
			/* Only the remaining work is uncertain: the estimate's
			 * shape, scaled so its mode is the remaining work. */
			double r = net->remaining[v];
			if (m > 0) {
				lo *= r / m;
				hi *= r / m;
			} else {
				lo = hi = r;
			}
			m = r;
		}
		S->tsmp[v] = smp_cont(&S->pl, o->dist, lo * sc, m * sc, hi * sc);
	}
	/* Risks: probability as the plan (or scenario) says; closed risks are
	 * retired, occurred ones are certain. */
	uint32_t nr = S->nrisk;
	S->rthr = bt_arena_alloc(a, sizeof(uint64_t) * ((size_t)nr + 1));
	S->rsmp = bt_arena_alloc(a, sizeof(smp) * ((size_t)nr + 1));
	S->roff = bt_arena_zalloc(a, sizeof(uint32_t) * ((size_t)nr + 2));
	out->risk_p = bt_arena_zalloc(a, sizeof(double) * ((size_t)nr + 1));
	if (!S->rthr || !S->rsmp || !S->roff || !out->risk_p)
		return -1;
	uint32_t ntgt = 0;
	for (uint32_t r = 0; r < nr; r++)
		ntgt += p->risks.v[r].non;
	S->rtgt = bt_arena_alloc(a, sizeof(uint32_t) * ((size_t)ntgt + 1));
	if (!S->rtgt)
		return -1;
	ntgt = 0;
	for (uint32_t r = 0; r < nr; r++) {
		const bt_risk *rk = &p->risks.v[r];
		double pr = rk->probability < 0 ? 0 : rk->probability;
		if (rk->state == BT_RISK_CLOSED || rk->state == BT_RISK_ABSORBED)
			pr = 0;
		else if (rk->state == BT_RISK_OCCURRED)
			pr = 1;
		if (fx && fx->risk_prob[r] >= 0)
			pr = fx->risk_prob[r];
		for (uint32_t k = 0; k < rk->non; k++) {
			const bt_ref *t = &p->refs.v[rk->on0 + k];
			if (t->idx == BT_NONE)
				continue;
			uint32_t v = t->kind == BT_K_TASK ? t->idx : S->nt + t->idx;
			if (v < S->nt && net->state[v] == BT_TS_DONE)
				continue; /* it already happened, or no longer can */
			S->rtgt[ntgt++] = v;
		}
		S->roff[r + 1] = ntgt;
		if (S->roff[r + 1] == S->roff[r] || !rk->impact_points)
			pr = 0;
		S->rthr[r] = pr >= 1.0 ? (UINT64_C(1) << 32) : prob32(pr);
		out->risk_p[r] = pr;
		smp fixed = {rk->impact_lo, 1, 1, 0};
		S->rsmp[r] = fixed;
		if (rk->impact_points == 2)
			S->rsmp[r] = smp_uniform(&S->pl, rk->impact_lo, rk->impact_hi);
		else if (rk->impact_points == 3)
			S->rsmp[r] = smp_cont(&S->pl, o->dist, rk->impact_lo, rk->impact_mode,
					      rk->impact_hi);
	}
	return S->pl.oom ? -1 : 0;
}

/*============================== One run ===========================*/

typedef struct worker {
	const sim *S;
	int32_t *dur, *es, *ef;
	uint32_t *mark, stamp, *stack;
	double *zteam;
	uint32_t *crit;            /* per task, to the end */
	uint32_t *mcrit;           /* [k * nt + v], k < nmc */
	int32_t *days;             /* scratch for ablation reruns */
	int64_t *rdelta;           /* [r * nm1 + k] */
	const bt_sim_result *res;
	int phase;                 /* 0: main runs, 1: risk ablation */
	pthread_t tid;
} worker;

/* Sample and schedule run `run`; risk `skip` (or BT_NONE) is held off.
 * Milestone days go to days[0..nm1). Returns 0, or -1 when memory runs
 * out for levelling. */
static int one_run(worker *w, long run, uint32_t skip, int32_t *days)
{
	const sim *S = w->S;
	const bt_net *net = S->net;
	uint64_t key = run_key(S, run);
	if (S->corr) {
		team_normals(S, key, w->zteam);
		for (uint32_t v = 0; v < S->nt; v++)
			w->dur[v] = task_draw(S, key, v, w->zteam);
	} else {
		/* The hot loop (half the time of a run): task_draw inlined,
		 * without the correlation test. */
		const smp *ts = S->tsmp;
		const uint32_t *cdf = S->pl.cdf.v, *guide = S->pl.guide.v;
		const uint64_t *tent = S->tent;
		int32_t *dur = w->dur;
		for (uint32_t v = 0; v < S->nt; v++) {
			const smp *s = &ts[v];
			if (s->k == 1) {
				dur[v] = s->lo;
				continue;
			}
			uint64_t x = bt_sim_mix(key + tent[v]);
			dur[v] = draw(cdf, guide, s, (uint32_t)(x >> 32), (uint32_t)x);
		}
	}
	for (uint32_t v = S->nt; v < S->n; v++)
		w->dur[v] = 0;
	for (uint32_t r = 0; r < S->nrisk; r++) {
		if (r == skip)
			continue;
		int32_t d = risk_draw(S, key, r);
		if (!d)
			continue;
		for (uint32_t k = S->roff[r]; k < S->roff[r + 1]; k++)
			w->dur[S->rtgt[k]] += d;
	}
	int32_t end = 0;
	if (S->lev) {
		/* The capacity-levelled schedule of this run's durations, with a
		 * small search per run (docs/forecast.md, "Levelled runs"); the
		 * seed comes from the run, so threads do not matter. */
		bt_rcpsp_opts ro = {BT_SIM_LEVEL_SCHEDULES, 0.0, key};
		int rc = bt_leveler_run(S->lev, w->dur, &ro, w->es, w->ef, NULL, NULL, NULL, NULL, NULL);
		if (rc == BT_RCPSP_OK) {
			for (uint32_t v = 0; v < S->n; v++)
				if (w->ef[v] > end)
					end = w->ef[v];
		} else if (rc == BT_RCPSP_ENOMEM) {
			/* Not the critical path instead: that run would
			 * answer differently from the same run with memory. */
			return -1;
		} else {
			end = bt_cpm_forward_fwd(net, &S->fwd, w->dur, w->es, w->ef);
		}
	} else {
		end = bt_cpm_forward_fwd(net, &S->fwd, w->dur, w->es, w->ef);
	}
	for (uint32_t k = 0; k < S->nm; k++)
		days[k] = w->ef[S->nt + k];
	days[S->nm] = end;
	return 0;
}

static uint32_t next_stamp(worker *w)
{
	if (++w->stamp == 0) {
		memset(w->mark, 0, sizeof(uint32_t) * w->S->n);
		w->stamp = 1;
	}
	return w->stamp;
}

/* Walk the binding links back from the nodes on the stack; count every
 * task reached in cnt (see docs/forecast.md, "Criticality"). */
static void walk(worker *w, uint32_t top, uint32_t stamp, uint32_t *cnt)
{
	const sim *S = w->S;
	const bt_net *net = S->net;
	const int32_t *es = w->es, *ef = w->ef;
	while (top) {
		uint32_t v = w->stack[--top];
		if (v < S->nt)
			cnt[v]++;
		int started = net->state[v] == BT_TS_STARTED;
		for (uint32_t k = net->pred_off[v]; k < net->pred_off[v + 1]; k++) {
			uint32_t u = net->pred[k];
			if (w->mark[u] == stamp || net->state[u] == BT_TS_DONE)
				continue;
			int32_t lag = net->pred_lag[k];
			int tight;
			switch (net->pred_type[k]) {
			case BT_FS: tight = !started && ef[u] + lag == es[v]; break;
			case BT_SS: tight = !started && es[u] + lag == es[v]; break;
			case BT_FF: tight = ef[u] + lag == ef[v]; break;
			default: tight = es[u] + lag == ef[v]; break;
			}
			if (tight) {
				w->mark[u] = stamp;
				w->stack[top++] = u;
			}
		}
	}
}

static void criticality(worker *w, const int32_t *days)
{
	const sim *S = w->S;
	const bt_net *net = S->net;
	uint32_t stamp = next_stamp(w), top = 0;
	int32_t end = days[S->nm];
	for (uint32_t v = 0; v < S->n; v++)
		if (w->ef[v] == end && net->state[v] != BT_TS_DONE) {
			w->mark[v] = stamp;
			w->stack[top++] = v;
		}
	walk(w, top, stamp, w->crit);
	for (uint32_t k = 0; k < S->nmc; k++) {
		stamp = next_stamp(w);
		w->mark[S->nt + k] = stamp;
		w->stack[0] = S->nt + k;
		walk(w, 1, stamp, w->mcrit + (size_t)k * S->nt);
	}
}

typedef struct pool_ctl {
	atomic_long next;
	atomic_long done;
	atomic_int running;
	atomic_int failed;         /* a run ran out of memory: all stop */
	long runs;
} pool_ctl;

typedef struct job {
	worker *w;
	pool_ctl *ctl;
	int32_t *days;             /* result days, [run * nm1 + k] */
} job;

static void *work(void *arg)
{
	job *j = arg;
	worker *w = j->w;
	const sim *S = w->S;
	pool_ctl *ctl = j->ctl;
	while (!atomic_load(&ctl->failed)) {
		long r0 = atomic_fetch_add(&ctl->next, CHUNK);
		if (r0 >= ctl->runs)
			break;
		long r1 = r0 + CHUNK < ctl->runs ? r0 + CHUNK : ctl->runs;
		for (long run = r0; run < r1; run++) {
			int32_t *d = j->days + (size_t)run * S->nm1;
			if (w->phase == 0) {
				if (one_run(w, run, BT_NONE, d))
					goto fail;
				criticality(w, d);
				continue;
			}
			/* Ablation: rerun without each risk that occurred. */
			uint64_t key = run_key(S, run);
			for (uint32_t r = 0; r < S->nrisk; r++) {
				if (!risk_draw(S, key, r))
					continue;
				if (one_run(w, run, r, w->days))
					goto fail;
				for (uint32_t k = 0; k < S->nm1; k++)
					w->rdelta[(size_t)r * S->nm1 + k] += d[k] - w->days[k];
			}
		}
		atomic_fetch_add(&ctl->done, r1 - r0);
	}
	atomic_fetch_sub(&ctl->running, 1);
	return NULL;
fail:
	atomic_store(&ctl->failed, 1);
	atomic_fetch_sub(&ctl->running, 1);
	return NULL;
}

/* Run one phase over all runs on the workers; report progress from the
 * calling thread. `base` and `total` scale progress over both phases.
 * Returns 0, or -1 when a run ran out of memory. */
static int run_phase(worker *ws, int nw, int32_t *days, long runs, const bt_sim_opts *o,
		     long base, long total)
{
	pool_ctl ctl;
	atomic_init(&ctl.next, 0);
	atomic_init(&ctl.done, 0);
	atomic_init(&ctl.running, nw);
	atomic_init(&ctl.failed, 0);
	ctl.runs = runs;
	job jobs[256];
	int started = 0;
	for (int i = 0; i < nw; i++) {
		jobs[i].w = &ws[i];
		jobs[i].ctl = &ctl;
		jobs[i].days = days;
		if (pthread_create(&ws[i].tid, NULL, work, &jobs[i])) {
			/* The threads that did start take all the runs. */
			atomic_fetch_sub(&ctl.running, nw - i);
			break;
		}
		started++;
	}
	if (!started) {
		/* No thread could start: do the work here. */
		atomic_fetch_add(&ctl.running, 1);
		work(&jobs[0]);
		return atomic_load(&ctl.failed) ? -1 : 0;
	}
	while (o->progress && atomic_load(&ctl.running) > 0) {
		struct timespec ts = {0, 100 * 1000 * 1000};
		nanosleep(&ts, NULL);
		o->progress(o->progress_ud, base + atomic_load(&ctl.done), total);
	}
	for (int i = 0; i < started; i++)
		pthread_join(ws[i].tid, NULL);
	if (atomic_load(&ctl.failed))
		return -1;
	if (o->progress)
		o->progress(o->progress_ud, base + runs, total);
	return 0;
}

/*============================== Drivers ===========================*/

static int cmp_i32(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	return x < y ? -1 : x > y;
}

/* Midranks (ties share the mean rank) of v[0..n). */
static int midranks(const int32_t *v, long n, double *rk)
{
	int32_t mn = v[0], mx = v[0];
	for (long i = 1; i < n; i++) {
		mn = v[i] < mn ? v[i] : mn;
		mx = v[i] > mx ? v[i] : mx;
	}
	uint64_t span = (uint64_t)((int64_t)mx - mn) + 1;
	if (span <= (uint64_t)n * 4 + 1024) {
		long *cnt = bt_calloc(span + 1, sizeof(long));
		double *at = bt_malloc(sizeof(double) * (span + 1));
		if (!cnt || !at) {
			bt_free(cnt);
			bt_free(at);
			return -1;
		}
		for (long i = 0; i < n; i++)
			cnt[v[i] - mn]++;
		long below = 0;
		for (uint64_t j = 0; j < span; j++) {
			at[j] = (double)below + (double)(cnt[j] + 1) / 2.0;
			below += cnt[j];
		}
		for (long i = 0; i < n; i++)
			rk[i] = at[v[i] - mn];
		bt_free(cnt);
		bt_free(at);
		return 0;
	}
	int32_t *s = bt_malloc(sizeof(int32_t) * (size_t)n);
	if (!s)
		return -1;
	memcpy(s, v, sizeof(int32_t) * (size_t)n);
	qsort(s, (size_t)n, sizeof(int32_t), cmp_i32);
	for (long i = 0; i < n; i++) {
		/* first and last position of v[i] in the sorted copy */
		long lo = 0, hi = n;
		while (lo < hi) {
			long mid = (lo + hi) / 2;
			if (s[mid] < v[i])
				lo = mid + 1;
			else
				hi = mid;
		}
		long a = lo;
		hi = n;
		while (lo < hi) {
			long mid = (lo + hi) / 2;
			if (s[mid] <= v[i])
				lo = mid + 1;
			else
				hi = mid;
		}
		rk[i] = (double)(a + 1 + lo) / 2.0;
	}
	bt_free(s);
	return 0;
}

/* Pearson correlation of two rank vectors (Spearman's rho). */
static double rank_corr(const double *x, const double *y, long n)
{
	double m = (double)(n + 1) / 2.0, sxy = 0, sxx = 0, syy = 0;
	for (long i = 0; i < n; i++) {
		double a = x[i] - m, b = y[i] - m;
		sxy += a * b;
		sxx += a * a;
		syy += b * b;
	}
	if (sxx <= 0 || syy <= 0)
		return 0.0;
	return sxy / sqrt(sxx * syy);
}

typedef struct cand {
	uint32_t v, cnt;
} cand;

static int cmp_cand(const void *a, const void *b)
{
	const cand *x = a, *y = b;
	if (x->cnt != y->cnt)
		return x->cnt > y->cnt ? -1 : 1;
	return x->v < y->v ? -1 : x->v > y->v;
}

static int cmp_driver(const void *a, const void *b)
{
	const bt_sim_driver *x = a, *y = b;
	double ax = fabs(x->rho), ay = fabs(y->rho);
	if (ax != ay)
		return ax > ay ? -1 : 1;
	if (x->is_risk != y->is_risk)
		return x->is_risk < y->is_risk ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

#define CANDIDATES 12

/* Rank correlation of the most often critical tasks and of every active
 * risk with each milestone's day; see docs/forecast.md, "Drivers". */
static int drivers(const sim *S, const uint32_t *mcrit, const uint32_t *crit,
		   bt_sim_result *out, bt_arena *a)
{
	long n = out->runs;
	uint32_t nd = out->ndrivers, nm1 = S->nm1;
	out->drivers = bt_arena_zalloc(a, sizeof(bt_sim_driver) * ((size_t)nm1 * nd + 1));
	out->ndriver = bt_arena_zalloc(a, sizeof(uint32_t) * ((size_t)nm1 + 1));
	int32_t *col = bt_malloc(sizeof(int32_t) * (size_t)n);
	double *rd = bt_malloc(sizeof(double) * (size_t)n);
	double *rx = bt_malloc(sizeof(double) * (size_t)n);
	double *zt = bt_calloc((size_t)S->nteam + 1, sizeof(double));
	cand *cs = bt_malloc(sizeof(cand) * ((size_t)S->nt + 1));
	bt_sim_driver *all = bt_malloc(sizeof(bt_sim_driver) * (CANDIDATES + (size_t)S->nrisk + 1));
	int rc = -1;
	if (!out->drivers || !out->ndriver || !col || !rd || !rx || !zt || !cs || !all)
		goto done;
	for (uint32_t k = 0; k < nm1; k++) {
		const uint32_t *cnt = k == S->nm ? crit : k < S->nmc ? mcrit + (size_t)k * S->nt : NULL;
		for (long i = 0; i < n; i++)
			col[i] = out->days[(size_t)i * nm1 + k];
		if (midranks(col, n, rd))
			goto done;
		uint32_t nall = 0, nc = 0;
		for (uint32_t v = 0; cnt && v < S->nt; v++)
			if (cnt[v] && S->tsmp[v].k > 1)
				cs[nc++] = (cand){v, cnt[v]};
		qsort(cs, nc, sizeof(cand), cmp_cand);
		if (nc > CANDIDATES)
			nc = CANDIDATES;
		for (uint32_t c = 0; c < nc; c++) {
			uint32_t v = cs[c].v;
			for (long i = 0; i < n; i++) {
				uint64_t key = run_key(S, i);
				if (S->corr && S->team[v] != BT_NONE)
					zt[S->team[v]] = normal64(ent(key, team_ent(S, S->team[v])));
				col[i] = task_draw(S, key, v, zt);
			}
			if (midranks(col, n, rx))
				goto done;
			all[nall++] = (bt_sim_driver){v, 0, rank_corr(rx, rd, n), (double)cs[c].cnt / (double)n, 0};
		}
		for (uint32_t r = 0; r < S->nrisk; r++) {
			if (!S->rthr[r])
				continue;
			for (long i = 0; i < n; i++)
				col[i] = risk_draw(S, run_key(S, i), r);
			if (midranks(col, n, rx))
				goto done;
			all[nall++] = (bt_sim_driver){r, 1, rank_corr(rx, rd, n), 0,
						      out->risk_days[(size_t)r * nm1 + k]};
		}
		qsort(all, nall, sizeof(bt_sim_driver), cmp_driver);
		uint32_t keep = 0;
		for (uint32_t i = 0; i < nall && keep < nd; i++) {
			/* A driver moves the milestone: some rank correlation,
			 * or (a risk) days added. */
			if (fabs(all[i].rho) < 0.05 && !(all[i].is_risk && all[i].days >= 0.5))
				continue;
			out->drivers[(size_t)k * nd + keep++] = all[i];
		}
		out->ndriver[k] = keep;
	}
	rc = 0;
done:
	bt_free(col);
	bt_free(rd);
	bt_free(rx);
	bt_free(zt);
	bt_free(cs);
	bt_free(all);
	return rc;
}

/*=============================== Entry ============================*/

int bt_sim_run(const bt_net *net, const bt_plan *p, const bt_scen_fx *fx,
	       const bt_sim_opts *o, bt_arena *a, bt_sim_result *out, const char **err)
{
	static const char *oom = "out of memory";
	memset(out, 0, sizeof(*out));
	*err = oom;
	sim S;
	memset(&S, 0, sizeof S);
	bt_leveler *lev = NULL;
	if (o->level) {
		lev = bt_leveler_new_scenario(p, net, fx ? fx->sc : NULL);
		if (!lev)
			return -1;
		/* Refuse up front what no run could level. */
		int32_t *es = bt_malloc(sizeof(int32_t) * ((size_t)net->n + 1));
		int32_t *ef = bt_malloc(sizeof(int32_t) * ((size_t)net->n + 1));
		bt_rcpsp_opts ro = {1, 0.0, o->seed};
		uint32_t bt = BT_NONE, bm = BT_NONE;
		int lrc = es && ef ? bt_leveler_run(lev, NULL, &ro, es, ef, NULL, NULL, NULL, &bt, &bm)
				   : BT_RCPSP_ENOMEM;
		bt_free(es);
		bt_free(ef);
		if (lrc != BT_RCPSP_OK) {
			bt_leveler_free(lev);
			if (lrc == BT_RCPSP_ENOMEM)
				return -1;
			*err = lrc == BT_RCPSP_EINFEASIBLE
				       ? "cannot level: a task needs more people than its team has on any day it could run (see 'baton schedule --level')"
				       : bt_rcpsp_strerror(lrc);
			return -2;
		}
		S.lev = lev;
	}
	S.net = net;
	S.o = o;
	S.n = net->n;
	S.nt = net->nt;
	S.nm = net->n - net->nt;
	S.nm1 = S.nm + 1;
	S.nteam = p->teams.n;
	S.nrisk = p->risks.n;
	S.seed_key = bt_sim_mix(o->seed ^ UINT64_C(0x6a09e667f3bcc909));
	S.corr = o->correlation > 0;
	S.sr = sqrt(o->correlation);
	S.s1r = sqrt(1.0 - o->correlation);
	/* Per-milestone criticality costs nt counters per milestone per
	 * thread: keep it under 16M counters. */
	S.nmc = S.nm;
	if (S.nt && (uint64_t)S.nmc * S.nt > (UINT64_C(1) << 24))
		S.nmc = (uint32_t)((UINT64_C(1) << 24) / S.nt);
	if (!o->ndrivers)
		S.nmc = 0;
	out->runs = o->runs;
	out->nm1 = S.nm1;
	out->ndrivers = (uint32_t)(o->ndrivers > 0 ? o->ndrivers : 0);
	int nw = o->threads < 1 ? 1 : o->threads > 256 ? 256 : o->threads;
	if ((long)nw * CHUNK > o->runs)
		nw = (int)((o->runs + CHUNK - 1) / CHUNK);
	worker *ws = bt_calloc((size_t)nw, sizeof(worker));
	int rc = -1;
	if (!ws)
		goto out;
	if (sim_build(&S, p, fx, a, out))
		goto out;
	out->days = bt_arena_alloc(a, sizeof(int32_t) * ((size_t)o->runs * S.nm1 + 1));
	out->crit = bt_arena_zalloc(a, sizeof(uint32_t) * ((size_t)S.nt + 1));
	out->risk_hits = bt_arena_zalloc(a, sizeof(uint32_t) * ((size_t)S.nrisk + 1));
	out->risk_days = bt_arena_zalloc(a, sizeof(double) * ((size_t)S.nrisk * S.nm1 + 1));
	if (!out->days || !out->crit || !out->risk_hits || !out->risk_days)
		goto out;
	for (int i = 0; i < nw; i++) {
		worker *w = &ws[i];
		w->S = &S;
		w->dur = bt_malloc(sizeof(int32_t) * ((size_t)S.n + 1));
		w->es = bt_malloc(sizeof(int32_t) * ((size_t)S.n + 1));
		w->ef = bt_malloc(sizeof(int32_t) * ((size_t)S.n + 1));
		w->mark = bt_calloc((size_t)S.n + 1, sizeof(uint32_t));
		w->stack = bt_malloc(sizeof(uint32_t) * ((size_t)S.n + 1));
		w->zteam = bt_calloc((size_t)S.nteam + 1, sizeof(double));
		w->crit = bt_calloc((size_t)S.nt + 1, sizeof(uint32_t));
		w->mcrit = bt_calloc((size_t)S.nmc * S.nt + 1, sizeof(uint32_t));
		w->days = bt_malloc(sizeof(int32_t) * S.nm1);
		w->rdelta = bt_calloc((size_t)S.nrisk * S.nm1 + 1, sizeof(int64_t));
		if (!w->dur || !w->es || !w->ef || !w->mark || !w->stack || !w->zteam ||
		    !w->crit || !w->mcrit || !w->days || !w->rdelta)
			goto out;
	}
	/* Risk ablation costs one rerun per risk occurrence. */
	long total = o->runs;
	int ablate = 0;
	for (uint32_t r = 0; r < S.nrisk; r++)
		if (S.rthr[r])
			ablate = 1;
	if (ablate)
		total *= 2;
	if (run_phase(ws, nw, out->days, o->runs, o, 0, total))
		goto out;
	if (ablate) {
		for (int i = 0; i < nw; i++)
			ws[i].phase = 1;
		if (run_phase(ws, nw, out->days, o->runs, o, o->runs, total))
			goto out;
	}
	/* Merge: integer sums, so the thread count cannot change them. */
	for (int i = 1; i < nw; i++) {
		for (uint32_t v = 0; v < S.nt; v++)
			ws[0].crit[v] += ws[i].crit[v];
		for (size_t j = 0; j < (size_t)S.nmc * S.nt; j++)
			ws[0].mcrit[j] += ws[i].mcrit[j];
		for (size_t j = 0; j < (size_t)S.nrisk * S.nm1; j++)
			ws[0].rdelta[j] += ws[i].rdelta[j];
	}
	memcpy(out->crit, ws[0].crit, sizeof(uint32_t) * S.nt);
	for (size_t j = 0; j < (size_t)S.nrisk * S.nm1; j++)
		out->risk_days[j] = (double)ws[0].rdelta[j] / (double)o->runs;
	for (uint32_t r = 0; r < S.nrisk; r++) {
		if (!S.rthr[r])
			continue;
		for (long i = 0; i < o->runs; i++)
			out->risk_hits[r] += (uint32_t)risk_occurs(&S, run_key(&S, i), r);
	}
	if (out->ndrivers && drivers(&S, ws[0].mcrit, out->crit, out, a))
		goto out;
	rc = 0;
out:
	for (int i = 0; ws && i < nw; i++) {
		bt_free(ws[i].dur);
		bt_free(ws[i].es);
		bt_free(ws[i].ef);
		bt_free(ws[i].mark);
		bt_free(ws[i].stack);
		bt_free(ws[i].zteam);
		bt_free(ws[i].crit);
		bt_free(ws[i].mcrit);
		bt_free(ws[i].days);
		bt_free(ws[i].rdelta);
	}
	bt_free(ws);
	BT_VEC_FREE(S.pl.cdf);
	BT_VEC_FREE(S.pl.guide);
	bt_leveler_free(lev);
	return rc;
}
