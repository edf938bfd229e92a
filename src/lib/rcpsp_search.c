/*
 * rcpsp_search.c: the search for a short schedule: priority rules, the
 * activity-list GA with justification, the schedule budget, and the
 * solver's entry points (see rcpsp.c for the sources).
 */
#include "rcpsp_int.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
	/* population */
	uint32_t pop, cap_pop;
	uint32_t *lists;        /* [cap_pop * nf] */
	int32_t *ms;            /* [cap_pop] */
	uint64_t *hash;         /* [cap_pop] */
	int cur_dir;            /* 1: the schedule in S->s came from a
				   backward pass (right-justified) */
	int best_dir;           /* cur_dir of best_s */
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
	for (int r = 0; r < rounds && !out_of_budget(S); r++) {
		if (r > 0) {
			if (rc_order_by_day(c, &S->ws, S->s, 0, S->tmp_list))
				return c->err = BT_RCPSP_ENOMEM, -1;
			int32_t msf = rc_sgs_forward(c, S->tmp_list, S->sf);
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
		if (rc_order_by_day(c, &S->ws, fin, 1, S->tmp_list))
			return c->err = BT_RCPSP_ENOMEM, -1;
		int rc = rc_sgs_backward(c, S->tmp_list, dl, S->sb);
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
	if (rc_order_by_day(c, &S->ws, S->s, 0, list))
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
	int32_t ms = rc_sgs_forward(c, list, S->s);
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
	if (rc_order_by_day(c, &S->ws, S->s, 0, list))
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
		if (rc_order_by_day(c, &S->ws, fin, 1, S->tmp_list))
			return c->err = BT_RCPSP_ENOMEM, -1;
		int rc = rc_sgs_backward(c, S->tmp_list, dl, S->sb);
		if (rc < 0)
			return -1;
		if (rc > 0 || out_of_budget(S))
			break;
		if (rc_order_by_day(c, &S->ws, S->sb, 0, S->tmp_list))
			return c->err = BT_RCPSP_ENOMEM, -1;
		int32_t ms2 = rc_sgs_forward(c, S->tmp_list, S->sf);
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
	if (rc_order_by_day(c, &S->ws, S->s, 0, list))
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
	rc_list_by_key(in, &S->ws, 0, out);
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

/* Peak crossover, after Valls, Ballestin and Quintanilla (2008): find the
 * window of the mother's schedule with the highest resource utilisation;
 * the child lists the activities the mother starts before the window in
 * the father's order, then the window's activities in the mother's order,
 * then the rest in the father's order, so the well-packed part of the
 * mother is inherited. Repaired by a keyed topological sort if general
 * lags make the result infeasible. Returns -1 when memory runs out. */
static int peak_crossover(search *S, uint32_t mi, const uint32_t *mo,
			  const uint32_t *fa, uint32_t *child)
{
	const inst *in = S->c.in;
	const int32_t *sm = S->starts + (size_t)mi * in->n;
	int32_t T = S->ms[mi];
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
	for (uint32_t i = 0; i < S->nf; i++) {
		uint32_t j = child[i];
		for (uint32_t x = in->succ_off[j]; x < in->succ_off[j + 1]; x++)
			if (S->ws.pos[in->succ[x]] < i) {
				for (uint32_t q = 0; q < S->nf; q++)
					S->ws.key[child[q]] = q;
				rc_list_by_key(in, &S->ws, 0, child);
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
	double ins;         /* probability that a child also gets one
			       insertion move (insert_moves) */
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
	if ((e = getenv("RC_INS"))) k.ins = atof(e);
#endif
	return k;
}

/* Fill the population from index `from` on with rule-based lists: each
 * rule once without noise (at the very start), then noisy variants and
 * random lists. */
static int seed_population(search *S, uint32_t from, const knobs *kn)
{
	uint32_t *child = S->tmp_list + S->nf;
	uint32_t nrules = NRULES + (S->c.in->urgent ? 1u : 0u) + (S->c.in->nproj ? 1u : 0u);
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
		uint32_t op = rng_below(&c->rng, 100);
		if (op < kn.peak && S->ms[a] < STUCK_MS) {
			if (peak_crossover(S, a, mo, fa, child))
				return c->err = BT_RCPSP_ENOMEM;
		} else {
			crossover(S, mo, fa, child);
		}
		mutate(S, child, kn.pm);
		if (kn.ins > 0 &&
		    rng_below(&c->rng, 1000) < (uint32_t)(kn.ins * 1000))
			insert_moves(S, child, 1);
		int32_t ms = evaluate(S, child, kn.child_rounds);
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
			if (seed_population(S, S->pop, &kn))
				return c->err;
			stall = 0;
		}
	}
	return c->err;
}

/*============================= Solving ==============================*/

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
	S->starts = bt_arena_alloc(a, (size_t)popsz * n * sizeof(int32_t) + 1);
	if (!S->s || !S->sb || !S->sf || !S->best_s || !S->tmp_list ||
	    !S->mark || !S->ws.pos || !S->ws.deg || !S->ws.heap ||
	    !S->ws.key || !S->lists || !S->ms || !S->hash || !S->starts ||
	    !S->fit || !S->pbest || !S->pfin)
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
	/* The fail path reads these before rc_ctx_init() may have run: zeroes
	 * would blame activity 0 for a problem rc_inst_build() refused. */
	S.c.err_act = S.c.err_res = UINT32_MAX;
	result_init(res, p->n);
	int rc = rc_inst_build(p, &in, &a);
	if (rc)
		goto fail;
	rc = rc_ctx_init(&S.c, &in);
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
			if (rc_order_by_day(&S.c, &S.ws, S.best_s, 0, S.tmp_list))
				goto fail;
			int32_t ms = rc_sgs_forward(&S.c, S.tmp_list, S.s);
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
	rc_ctx_free(&S.c, in.k);
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
	rc_ctx_free(&S.c, in.k);
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
	int rc = rc_inst_build(p, &in, &a);
	if (rc)
		goto out;
	rc = rc_ctx_init(&c, &in);
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
	int32_t ms = rc_sgs_forward(&c, list, start);
	rc = ms == STUCK ? BT_RCPSP_EINFEASIBLE : ms < 0 ? c.err : BT_RCPSP_OK;
out:
	rc_ctx_free(&c, in.k);
	bt_arena_release(&a);
	return rc;
}
