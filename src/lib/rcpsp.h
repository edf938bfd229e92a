/*
 * rcpsp.h: capacity levelling, i.e. the resource-constrained project
 * scheduling problem (RCPSP), on plain arrays.
 *
 * The problem: n activities, each with an integer duration in days, run
 * without interruption and use, on every day they run, a fixed number of
 * units of each of k renewable resources (teams). A resource's capacity is
 * a step function of the day (a team shrinking from 2 people to 1 from day
 * 40, a holiday with capacity 0). An activity may have a calendar of off
 * days (its team's holidays): then it runs on working days only, and an
 * off day inside its span pauses it instead of blocking it. Constraints
 * are generalized precedences "S[to] >= S[from] + delta" (delta may be
 * negative) or typed links (finish-to-start, start-to-start, ...) with
 * lags, release days (earliest starts) and fixed starts (work already done
 * or in progress). The goal is a feasible set of start days with the
 * smallest makespan.
 *
 * The engine (rcpsp.c) is a genetic algorithm over precedence-feasible
 * activity lists decoded by the serial schedule-generation scheme, with
 * forward-backward improvement; see docs/levelling.md for the method and
 * its sources (Kolisch 1996; Hartmann 1998; Valls, Ballestin and
 * Quintanilla 2005; Debels, De Reyck, Leus and Vanhoucke 2006).
 *
 * Conventions, in one place:
 *  - days are integers; day 0 is the first day the engine may place a free
 *    activity on (free activities never start before day 0); an activity
 *    with start S and duration d and no calendar occupies days S .. S+d-1
 *    and finishes at F(S) = S+d; with a calendar, see "Calendars" below;
 *    an activity with duration 0 uses no capacity and finishes at S;
 *  - the problem is borrowed: the solver reads it and never keeps a
 *    pointer to it after returning;
 *  - results are owned by the caller and freed with bt_rcpsp_result_free();
 *  - every function is reentrant: no global state, so threads may solve
 *    different problems (or the same one) at once;
 *  - results are deterministic for a given problem, seed and schedule
 *    budget; a time limit, when set, can only cut the search short.
 */
#ifndef BT_RCPSP_H
#define BT_RCPSP_H

#include <stddef.h>
#include <stdint.h>


/*============================ The problem ===========================*/

/* Precedence types (bt_rcpsp_prec.type). */
enum {
	BT_RCPSP_DELTA = 0, /* S[to] >= S[from] + delta (lag unused) */
	BT_RCPSP_FS = 1,    /* S[to] >= F[from] + lag */
	BT_RCPSP_SS = 2,    /* S[to] >= S[from] + lag */
	BT_RCPSP_FF = 3,    /* F[to] >= F[from] + lag */
	BT_RCPSP_SF = 4     /* F[to] >= S[from] + lag */
};

/* A precedence constraint. The zero type (BT_RCPSP_DELTA, what a
 * zero-initialised struct and positional {from, to, delta} give) is the
 * generalized precedence "S[to] >= S[from] + delta"; without calendars,
 * finish-to-start with lag L is delta = dur[from] + L, start-to-start is
 * delta = L, finish-to-finish is delta = dur[from] - dur[to] + L and
 * start-to-finish is delta = L - dur[to]. A typed link (FS, SS, FF, SF)
 * says the same in terms of starts S and finishes F (exclusive, F(S) as
 * under "Calendars"); lags are plain days, and for activities without
 * calendars it gives exactly its delta form. With a calendar on `to`, a
 * bound on its finish means the earliest working start whose finish
 * meets it; with one on `from`, F[from] counts its off days. The graph
 * of constraints between free activities must be acyclic (a constraint
 * from an activity to itself is allowed when its delta form, durations
 * as given, is <= 0; it is otherwise ignored). Constraints into a fixed
 * activity are not enforced (its start is a fact); constraints out of a
 * fixed activity are lower bounds on the successor. */
typedef struct bt_rcpsp_prec {
	uint32_t from, to;
	int32_t delta;  /* BT_RCPSP_DELTA only */
	uint8_t type;   /* BT_RCPSP_DELTA, FS, SS, FF or SF */
	int32_t lag;    /* typed links only, days, may be negative */
} bt_rcpsp_prec;

/* Activity `act` needs `amount` units of resource `res` on every day it
 * runs. Entries for the same (act, res) add up. amount >= 0. */
typedef struct bt_rcpsp_demand {
	uint32_t act, res;
	int32_t amount;
} bt_rcpsp_demand;

/* From `day` on (until the next step of the same resource) resource `res`
 * has `cap` units. Steps may come in any order; for the same resource and
 * day the last one in the array wins; a step before day 0 acts at day 0.
 * cap >= 0. The capacity after the last step lasts forever. */
typedef struct bt_rcpsp_step {
	uint32_t res;
	int32_t day;
	int32_t cap;
} bt_rcpsp_step;

/* Marks a free activity in bt_rcpsp_problem.fixed. */
#define BT_RCPSP_FREE INT32_MIN

/* Marks an activity without calendar in bt_rcpsp_problem.cal. */
#define BT_RCPSP_NOCAL UINT32_MAX

/* Limits that keep all day arithmetic inside int32_t. */
#define BT_RCPSP_MAX_DAY 100000000
#define BT_RCPSP_MAX_AMOUNT 1000000000

typedef struct bt_rcpsp_problem {
	uint32_t n;                     /* activities, numbered 0..n-1 */
	uint32_t k;                     /* resources, numbered 0..k-1 */
	const int32_t *dur;             /* [n] durations in days, >= 0 */
	const int32_t *release;         /* [n] earliest start days; NULL: all 0 */
	const int32_t *fixed;           /* [n] fixed start or BT_RCPSP_FREE;
					   NULL: every activity is free */
	const int32_t *cap;             /* [k] capacity from day 0 */
	const bt_rcpsp_step *step;      /* capacity changes */
	uint32_t nstep;
	const bt_rcpsp_demand *demand;  /* nonzero demands (zeros allowed) */
	uint32_t ndemand;
	const bt_rcpsp_prec *prec;      /* precedence constraints */
	uint32_t nprec;
	/* Calendars, optional (NULL: none, and the engine behaves exactly as
	 * it did before calendars existed). */
	const uint32_t *cal;            /* [n] calendar of each activity or
					   BT_RCPSP_NOCAL; NULL: none */
	uint32_t ncal;
	const uint32_t *cal_off_off;    /* [ncal+1] calendar c's off days are
					   cal_off[cal_off_off[c] ..
					   cal_off_off[c+1]) */
	const int32_t *cal_off;         /* sorted, unique off days (may be
					   negative or beyond any horizon) */
	/* Projects, optional (nproj 0: none, and the engine minimises the
	 * makespan exactly as it did before projects existed). See
	 * "Projects" below. */
	uint32_t nproj;                 /* projects, numbered 0..nproj-1 */
	const uint32_t *proj;           /* [n] project of each activity */
	const int32_t *proj_weight;     /* [nproj] weights 1..BT_RCPSP_MAX_WEIGHT;
					   NULL: all 1 */
} bt_rcpsp_problem;

#define BT_RCPSP_MAX_WEIGHT 1000

/* Fixed activities are placed first and never moved. They use capacity on
 * the days they overlap from day 0 on, and they may use more than there is
 * (work in progress is a fact): the free activities then see the negative
 * remainder as no room at all. Durations, days, lags and amounts must lie
 * within +-BT_RCPSP_MAX_DAY and BT_RCPSP_MAX_AMOUNT; off days within
 * +-10 * BT_RCPSP_MAX_DAY.
 *
 * Calendars. An activity j with calendar c (cal[j] = c) works only on c's
 * working days, the days not in c's off list, and its duration counts
 * working days. With dur[j] > 0 it starts on a working day (a start that
 * falls on an off day is moved to the next working day; the engine only
 * ever returns working starts for free activities, and takes a fixed
 * start as given), uses its demands on the working days from its start
 * until it has worked dur[j] days, and finishes (exclusive) the day after
 * the last of them: F(S) = fin_c(S, dur). Off days inside its span use no
 * capacity: the work pauses and carries on. With dur[j] = 0, F(S) = S and
 * no day is moved. A 15-day activity starting on day 0 whose calendar is
 * off on days 4, 14 and 24 works days 0-3, 5-13 and 15-16 and finishes
 * at 17. Calendars with no off days, or on activities of duration 0, change
 * nothing.
 *
 * Projects (the multi-project problem, RCMPSP). With nproj > 0 every
 * activity belongs to a project, the projects share the resources, and
 * the goal changes: the search minimises the weighted average project
 * delay, sum_p w_p * delay_p / sum_p w_p, where delay_p is the project's
 * finish (the latest finish of its activities) minus its early finish
 * (the same with resources ignored: the project's release, given as the
 * release of its activities, plus its critical-path length); ties go to
 * the smaller makespan. Precedences may cross projects. A project's
 * priority is its weight. The weighted delay saturates at 2^36 - 1 days
 * (far beyond any real plan) rather than overflow. */

/*============================ Status codes ==========================*/

enum {
	BT_RCPSP_OK = 0,
	BT_RCPSP_EINVAL = -1,     /* bad index, negative duration, demand or
				     capacity, value out of range, unknown
				     link type or calendar, off days not
				     sorted and unique */
	BT_RCPSP_ECYCLE = -2,     /* the precedence graph has a cycle */
	BT_RCPSP_EINFEASIBLE = -3,/* no schedule: an activity needs more of a
				     resource than the resource has in any
				     window from its earliest start on, or
				     every list the search tried left an
				     activity without room for good (see
				     bt_rcpsp_solve) */
	BT_RCPSP_ENOMEM = -4      /* memory ran out */
};

/* A static English text for a status code ("precedence cycle"). */
const char *bt_rcpsp_strerror(int code);

/*=============================== Solving ============================*/

typedef struct bt_rcpsp_opts {
	long max_schedules; /* schedules (SGS passes) to spend; 0: the
			       default, 5,000 for small problems (PSPLIB
			       size), fewer as the problem grows so that a
			       solve stays well under a second (a
			       10,000-activity, 200-resource program gets a
			       few hundred), never below 10 */
	double time_limit;  /* seconds of wall-clock time; 0: no limit (and
			       then no clock is ever read) */
	uint64_t seed;      /* the random stream; same seed, same result */
} bt_rcpsp_opts;

/* Why an activity did not start on its ready day: on `day` (a working day
 * of its window if it had started on its ready day) resource `res` had
 * only `avail` units left by the other activities, fewer than the `need`
 * units the activity uses. `until` is the first (working) day >= ready
 * from which `res` alone has room for the whole activity ("waits for 2
 * people from SRE until day 40"). Capacity steps count, so a holiday that
 * is a capacity step can be the reason; an off day of the activity's own
 * calendar never is (it pauses the work instead). */
typedef struct bt_rcpsp_block {
	uint32_t res;
	int32_t day;
	int32_t need;
	int32_t avail;
	int32_t until;
} bt_rcpsp_block;

typedef struct bt_rcpsp_result {
	uint32_t n;           /* activities (copied from the problem) */
	int32_t *start;       /* [n] start days; fixed ones as given */
	int32_t makespan;     /* latest finish over all activities, >= 0 */
	int32_t lower_bound;  /* a proven lower bound on the makespan */
	int32_t *early;       /* [n] earliest start from precedence and
				 releases alone (resources ignored), a
				 working day */
	int32_t *ready;       /* [n] earliest (working) start given the
				 chosen starts of its predecessors and its
				 release; start > ready means capacity
				 delayed it */
	uint32_t *block_off;  /* [n+1] activity j's reasons are
				 block[block_off[j] .. block_off[j+1]) */
	bt_rcpsp_block *block;
	long schedules;       /* schedules (SGS passes) spent */
	/* When solving fails: the activity (and resource) concerned, or
	 * UINT32_MAX. For ECYCLE, an activity on the cycle. */
	uint32_t err_act, err_res;
	/* With projects (problem nproj > 0; else 0 and NULL): */
	uint32_t nproj;
	int32_t *proj_finish; /* [nproj] latest finish of the project's
				 activities in start[] (0 if it has none) */
	int32_t *proj_early;  /* [nproj] the same with resources ignored:
				 delay_p = proj_finish - proj_early >= 0 */
	int64_t wdelay;       /* sum_p weight_p * delay_p (saturated) */
} bt_rcpsp_result;


/* Level p: find feasible starts with a small makespan, then explain them
 * (early, ready, block). opts may be NULL (default budget, seed 0).
 * Returns BT_RCPSP_OK, or a negative status with err_act/err_res set (a
 * problem index and a resource). In every case *res is initialised and
 * must be released with bt_rcpsp_result_free().
 *
 * Infeasibility. Only a resource that shrinks for good (a last step below
 * an activity's demand) can leave an activity without room forever, so
 * only then can a decode get stuck. A stuck activity list is one bad
 * list: the search goes on with others, and seeds its first lists with
 * the activities that need more than a final capacity (and their
 * predecessors) placed first. BT_RCPSP_EINFEASIBLE comes back when no
 * schedule can exist, because an activity does not fit alone in any
 * window from its earliest start (precedences, releases, fixed work and
 * its calendar counted, other free activities not), naming it; or when no
 * list within the budget placed everything, naming the activity the
 * furthest-reaching list could not place. */
int bt_rcpsp_solve(const bt_rcpsp_problem *p, const bt_rcpsp_opts *opts,
		   bt_rcpsp_result *res);

/* Free the arrays of a result (not the struct) and zero it. NULL-safe. */
void bt_rcpsp_result_free(bt_rcpsp_result *res);

/* One pass of the serial schedule-generation scheme: free activities are
 * taken in the order of `order` (all n activities, a permutation; fixed
 * ones are skipped; it must list every activity after its predecessors)
 * and each starts on the earliest day its constraints and the remaining
 * capacity allow. OUT: start[n]. Returns BT_RCPSP_OK or a negative status
 * (EINVAL also when order is not a precedence-feasible permutation;
 * EINFEASIBLE when an activity finds no room left, ever, after the ones
 * before it). */
int bt_rcpsp_sgs(const bt_rcpsp_problem *p, const uint32_t *order,
		 int32_t *start);

/* A lower bound on the makespan: the longest path through the precedence
 * network from releases and fixed starts (calendars and typed links
 * followed exactly, so no schedule finishes earlier), and for resources
 * without capacity steps or fixed usage the total work of the free
 * activities divided by the capacity. OUT: *lb. Returns BT_RCPSP_OK or a
 * negative status. */
int bt_rcpsp_lower_bound(const bt_rcpsp_problem *p, int32_t *lb);

/* Fill res->early, ready, block_off and block for the feasible schedule
 * `start` (res->start is not touched and may be NULL). Arrays already in
 * res are freed first. Returns BT_RCPSP_OK or a negative status. */
int bt_rcpsp_explain(const bt_rcpsp_problem *p, const int32_t *start,
		     bt_rcpsp_result *res);

/*===================== Resource-constrained critical path ============*/

enum {
	BT_RCPSP_LINK_START,    /* the chain begins here: the activity starts
				   on day 0, on its release day, or after a gap */
	BT_RCPSP_LINK_FIXED,    /* the chain begins at a fixed activity */
	BT_RCPSP_LINK_CAPACITY, /* the chain begins here: the activity waits
				   for capacity of `res` that appears on its
				   start day (a holiday ends, a team grows) */
	BT_RCPSP_LINK_PREC,     /* starts as soon as a precedence constraint
				   from the previous link allows (on the
				   first working day it allows) */
	BT_RCPSP_LINK_RESOURCE  /* starts when the previous link finishes and
				   frees units of `res` it was waiting for:
				   the previous link works on this one's
				   previous working day and is done by its
				   start */
};

typedef struct bt_rcpsp_link {
	uint32_t act;
	int kind;      /* BT_RCPSP_LINK_*: how act depends on the link before */
	uint32_t res;  /* CAPACITY, RESOURCE: the resource; else UINT32_MAX */
} bt_rcpsp_link;

/* The chain of activities that determines the makespan of the feasible
 * schedule `start`: it ends at an activity finishing last and walks back
 * through precedence-tight and resource-tight links until it reaches an
 * activity that nothing holds back. OUT: chain[0 .. *len) in time order;
 * chain must have room for n links. Returns BT_RCPSP_OK or a negative
 * status. */
int bt_rcpsp_critical_path(const bt_rcpsp_problem *p, const int32_t *start,
			   bt_rcpsp_link *chain, uint32_t *len);

#endif
