/*
 * simulate.h: the Monte Carlo engine behind `baton forecast` and `baton
 * whatif`. Each run samples every unfinished task's duration (PERT-beta or
 * triangular over its three-point estimate, rounded to whole working days),
 * lets each open risk occur or not and adds its sampled impact, runs the
 * forward pass of the critical-path method (cpm.c) and records when each
 * milestone and the program end are reached, which tasks were critical, and
 * (afterwards) which tasks and risks drive each milestone.
 *
 * Sources (docs/forecast.md has the full list): Malcolm, Roseboom, Clark
 * and Fazar 1959 (PERT); Vose, "Risk Analysis", 3rd ed. 2008 (PERT-beta,
 * triangular, risk events, rank correlation); Hulett, "Practical Schedule
 * Risk Analysis", 2009 (criticality, merge bias, correlation); Steele, Lea
 * and Flood 2014 (splitmix64); Walker 1977 and Chen and Asau 1974 (table
 * sampling); DLMF 8.17.22 (the incomplete beta continued fraction).
 *
 * Reproducibility: every random number is a function of (seed, run,
 * entity), a splitmix64 stream per run, so the results do not depend on
 * the number of threads or on how runs are split between them, and two
 * simulations of the same plan (a baseline and a scenario) use the same
 * numbers for the same task ("common random numbers").
 */
#ifndef BT_SIMULATE_H
#define BT_SIMULATE_H

#include "cpm.h"
#include "scenario.h"

enum bt_sim_dist { BT_SIM_PERT, BT_SIM_TRIANGULAR };

/* Schedules the levelling engine may generate in each run of a levelled
 * forecast: enough for its priority rules and one improvement pass. */
#define BT_SIM_LEVEL_SCHEDULES 10
/* The default spread of a single estimate m: m*(1-LO) .. m*(1+HI). */
#define BT_SIM_SPREAD_LO 0.10
#define BT_SIM_SPREAD_HI 0.25

typedef struct bt_sim_opts {
	long runs;            /* > 0 */
	uint64_t seed;
	int threads;          /* >= 1 */
	int level;            /* 1: capacity-levelled schedule per run */
	int dist;             /* enum bt_sim_dist */
	double spread_lo;     /* single-point estimates: optimistic = m * (1 - lo) */
	double spread_hi;     /*                         pessimistic = m * (1 + hi) */
	double correlation;   /* within-team rank correlation of durations, 0..1 */
	int ndrivers;         /* drivers kept per milestone (0: none) */
	void (*progress)(void *ud, long done, long total);
	void *progress_ud;
} bt_sim_opts;

typedef struct bt_sim_driver {
	uint32_t idx;         /* task or risk index */
	uint8_t is_risk;
	double rho;           /* Spearman rank correlation with the milestone day */
	double crit;          /* task: share of runs critical to this milestone */
	double days;          /* risk: expected working days it adds */
} bt_sim_driver;

/* Everything lives in the arena given to bt_sim_run. Index k < nm is a
 * milestone; k == nm is the program end. */
typedef struct bt_sim_result {
	long runs;
	uint32_t nm1;         /* milestones + 1 */
	int32_t *days;        /* [run * nm1 + k]: working-day offset reached */
	uint32_t *crit;       /* per task: runs in which it is critical to the end */
	double *risk_p;       /* per risk: probability used (0 when inactive) */
	uint32_t *risk_hits;  /* per risk: runs in which it occurred */
	double *risk_days;    /* [r * nm1 + k]: expected working days risk r adds */
	bt_sim_driver *drivers; /* [k * ndrivers + i] */
	uint32_t *ndriver;    /* per k: drivers kept */
	uint32_t ndrivers;    /* slots per k */
} bt_sim_result;

/* Run the simulation of `net` (compiled from `p`, with scenario effects
 * `fx`, which may be NULL). Returns 0; -1 when memory runs out or threads
 * cannot start (`*err` says which); -2 when the options ask for what is not
 * available (`*err` says why). */
int bt_sim_run(const bt_net *net, const bt_plan *p, const bt_scen_fx *fx,
	       const bt_sim_opts *o, bt_arena *a, bt_sim_result *out, const char **err);

/*==================== Exposed for the unit tests ==================*/

/* Regularized incomplete beta I_x(a, b), a, b > 0 (DLMF 8.17.22). */
double bt_sim_ibeta(double a, double b, double x);
/* CDF of the PERT-beta (lambda 4) or triangular distribution on [lo, hi]
 * with mode m, at x. */
double bt_sim_cdf(int dist, double lo, double m, double hi, double x);
/* splitmix64's output function. */
uint64_t bt_sim_mix(uint64_t z);

#endif
