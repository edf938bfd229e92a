/*
 * rcpsp_int.h: what the pieces of the RCPSP engine share (rcpsp.c: the
 * instance; rcpsp_sgs.c: the capacity profile and the schedule-generation
 * passes; rcpsp_search.c: the genetic algorithm and the solver;
 * rcpsp_explain.c: why an activity waited and the resource-constrained
 * critical path). rcpsp.h stays the module's public interface.
 */
#ifndef BT_RCPSP_INT_H
#define BT_RCPSP_INT_H

#include <stdint.h>
#include <time.h>

#include "offdays.h"
#include "rcpsp.h"
#include "util.h"

/* Arrays longer than this are treated as running out of memory: a window
 * search this far out means the input is degenerate. */
#define MAX_PROFILE_DAYS (1 << 28)

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

static inline int32_t max32(int32_t a, int32_t b) { return a > b ? a : b; }
static inline int32_t min32(int32_t a, int32_t b) { return a < b ? a : b; }

static inline int is_free(const inst *in, uint32_t j)
{
	return in->fixed[j] == BT_RCPSP_FREE;
}

/* An activity's off days; m == 0 means it works every day. */
typedef struct cal {
	const int32_t *off;
	uint32_t m;
} cal;

static inline cal cal_of(const inst *in, uint32_t j)
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
static inline uint32_t off_index(cal c, int32_t t) { return bt_off_index(c.off, c.m, t); }
static inline int cal_is_off(cal c, int32_t t) { return bt_off_is_off(c.off, c.m, t); }
static inline int32_t cal_snap(cal c, int32_t t) { return bt_off_snap(c.off, c.m, t); }
static inline int32_t cal_snap_back(cal c, int32_t t) { return bt_off_snap_back(c.off, c.m, t); }
static inline int32_t cal_fin(cal c, int32_t t, int32_t d) { return bt_off_fin(c.off, c.m, t, d); }
static inline int32_t cal_back(cal c, int32_t w, int32_t d) { return bt_off_back(c.off, c.m, w, d); }

/* Day arithmetic on activity j, calendar or not. */
static inline int32_t fin_at(const inst *in, uint32_t j, int32_t t)
{
	if (!in->off || !in->off[j])
		return t + in->dur[j];
	return cal_fin(cal_of(in, j), t, in->dur[j]);
}

static inline int32_t snap_at(const inst *in, uint32_t j, int32_t t)
{
	if (!in->off || !in->off[j])
		return t;
	return cal_snap(cal_of(in, j), t);
}

/* The latest start whose finish is <= f. */
static inline int32_t latest_for_fin(const inst *in, uint32_t j, int32_t f)
{
	if (!in->off || !in->off[j])
		return f - in->dur[j];
	cal c = cal_of(in, j);
	return cal_back(c, cal_snap_back(c, f - 1), in->dur[j]);
}

/* The earliest start whose finish is >= f (a working day; any earlier
 * day that moves to it would do as well). */
static inline int32_t earliest_for_fin(const inst *in, uint32_t j, int32_t f)
{
	if (!in->off || !in->off[j])
		return f - in->dur[j];
	cal c = cal_of(in, j);
	return cal_back(c, cal_snap(c, f - 1), in->dur[j]);
}

/* The latest working start <= t. */
static inline int32_t snap_back_at(const inst *in, uint32_t j, int32_t t)
{
	if (!in->off || !in->off[j])
		return t;
	return cal_snap_back(cal_of(in, j), t);
}

/* Does j work on day t, inside its span from start s? */
static inline int works_on(const inst *in, uint32_t j, int32_t s, int32_t t)
{
	if (!in->off || !in->off[j])
		return t >= s && t < s + in->dur[j];
	if (t < s || t >= fin_at(in, j, s))
		return 0;
	return !cal_is_off(cal_of(in, j), t);
}

static inline int32_t base_at(const inst *in, uint32_t r, int32_t t)
{
	return t < in->base_len[r] ? in->base[r][t] : in->final_cap[r];
}

/* How an edge's delta reads: "X[to] >= Y[from] + delta", where Y is
 * from's finish with KIND_FROM_FIN and its start otherwise, and X is to's
 * finish with KIND_TO_FIN and its start otherwise. */
enum { KIND_FROM_FIN = 1, KIND_TO_FIN = 2 };

/* The problem validated and lowered (rcpsp.c), in arena a. */
int rc_inst_build(const bt_rcpsp_problem *p, inst *in, bt_arena *a);
/* Edge e as "X[to] >= Y[from] + delta" with its KIND_* bits. */
int32_t rc_edge_delta(const inst *in, const bt_rcpsp_prec *e, int plain,
		      uint8_t *kind);
/* The earliest start of j that one edge allows, from's start being sf. */
int32_t rc_edge_bound(const inst *in, uint32_t from, int32_t sf,
		      uint32_t j, int32_t delta, uint8_t kind);
/* The earliest start of free j given its free predecessors' starts. */
int32_t rc_ready_at(const inst *in, const int32_t *s, uint32_t j);

/*============= Capacity profile and SGS (rcpsp_sgs.c) ==============*/

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
	uint32_t last_left; /* rc_sgs_forward(): activities unplaced when STUCK */
	long used, budget;  /* schedules spent and allowed */
	int timed;
	struct timespec deadline;
	uint64_t rng;
} ctx;

/* Negative results of the window search and of rc_sgs_forward(). */
#define HARD_ERROR (-1) /* c->err set: give up */
#define STUCK (-2)      /* no room, ever, for this list: try others */

/* Scratch shared by the orderings. */
typedef struct order_ws {
	uint32_t *cnt;      /* counting sort buckets */
	uint32_t ncnt;
	uint32_t *pos;      /* [n] position in a list */
	uint32_t *deg;      /* [n] */
	uint32_t *heap;     /* [nfree] */
	int64_t *key;       /* [n] */
} order_ws;

int rc_ctx_init(ctx *c, const inst *in);
void rc_ctx_free(ctx *c, uint32_t k);
/* Serial SGS, each pass one schedule: forward, the makespan, STUCK or
 * HARD_ERROR; backward, 0, 1 when some activity cannot be placed or -1
 * on a hard error. */
int32_t rc_sgs_forward(ctx *c, const uint32_t *list, int32_t *s);
int rc_sgs_backward(ctx *c, const uint32_t *list, int32_t deadline,
		    int32_t *s);
/* Precedence-feasible lists: by ws->key, and by a day value. */
void rc_list_by_key(const inst *in, order_ws *ws, int backward, uint32_t *out);
int rc_order_by_day(ctx *c, order_ws *ws, const int32_t *v, int desc,
		    uint32_t *out);

#endif
