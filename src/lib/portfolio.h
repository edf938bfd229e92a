/*
 * portfolio.h: several programs that share teams (docs/portfolio.md).
 *
 * A portfolio file names its programs and, optionally, the teams they
 * share (or a teams file with them, through `use`). Loading it reads and
 * checks every program on its own, makes each shared team one pool, and
 * joins the programs into one union plan: every id prefixed with its
 * program's id ("orders-migration.cutover"), each program's end a
 * milestone "ID.end" carrying the program's commitments, the pools
 * declared once, each program's status blocks up to its own status date.
 * The union plan's `parts` tell the engine which program each node
 * belongs to, its status date and start (compile.c) and its weight
 * (level.c), so every computation baton has (schedule, forecast, status)
 * runs on the programs competing for the same people.
 */
#ifndef BT_PORTFOLIO_H
#define BT_PORTFOLIO_H

#include "model.h"

typedef struct bt_pf_prog {
	const char *path;       /* as the portfolio file writes it */
	const char *file;       /* resolved against the portfolio's folder */
	const char *id, *title;
	int32_t priority;       /* 1..BT_RCPSP_MAX_WEIGHT, default 1 */
	uint32_t at, at_end;    /* the `program` line's path, for messages */
	baton_plan *plan;       /* the program on its own */
	bt_date as_of;          /* its status date: its latest block, or the
				   portfolio's --as-of (BT_DATE_NONE: none) */
	bt_date start;
	uint32_t t0, nt;        /* its tasks in the union */
	uint32_t m0, nm;        /* its milestones in the union, its end last */
} bt_pf_prog;

typedef struct bt_pf_team {
	const char *id;
	const char *block;      /* the declaration's lines, verbatim */
	const char *where;      /* "FILE:LINE" of the declaration */
	uint32_t prog;          /* the program it came from; BT_NONE: the
				   portfolio or a teams file */
	uint32_t nprog;         /* programs with tasks on it */
	uint32_t uidx;          /* its index in the union plan */
} bt_pf_team;

struct baton_portfolio {
	bt_arena arena;
	const char *file, *id, *title;
	double green, amber;    /* `rag`; negative: the default */
	BT_VEC(bt_pf_prog) progs;
	BT_VEC(bt_pf_team) teams;
	bt_date as_of;          /* the latest of the programs' status dates */
	bt_date start;          /* the earliest start */
	char *text;             /* the union plan's text */
	size_t len;
	baton_plan *u;          /* the union plan */
};

typedef struct baton_portfolio bt_portfolio;

/* The program of union node v (tasks, then milestones). */
static inline uint32_t bt_pf_prog_of(const bt_portfolio *pf, uint32_t v)
{
	return pf->u->parts.of[v];
}

/* Set the levelling weights of the union from an ordering (order[0] the
 * first program: weights fall by a constant ratio, the largest
 * BT_RCPSP_MAX_WEIGHT), or, with order NULL, from the priorities. */
void bt_pf_set_weights(bt_portfolio *pf, const uint32_t *order);


/*====================== Computed (portfolio_calc.c) ==================*/

#include "assess.h"
#include "forecast.h"

/* One program's line in the portfolio status. */
typedef struct bt_pf_row {
	uint8_t rag;            /* the worst of its commitments (enum bt_rag) */
	uint32_t at_risk;       /* the assessment's milestone most at risk (its
				   lowest chance, else least slack); BT_NONE */
	uint32_t end;           /* its end in the assessment's milestones */
	uint32_t ask;           /* the assessment's decision it most needs
				   (proposed, the soonest need-by); BT_NONE */
	int32_t stale_days;     /* calendar days its status date is before the
				   portfolio's (0: the same) */
	int32_t wait_days;      /* working days its tasks wait for shared
				   teams held by other programs (the longest) */
} bt_pf_row;

/* Who waits for whom on a shared team: the longest wait of a task of
 * `prog` for `team` on a day when tasks of `by` held it. */
typedef struct bt_pf_wait {
	uint32_t team;          /* pool index */
	uint32_t prog, by;      /* programs */
	uint32_t task, by_task; /* union nodes: the waiting task, the holder
				   using the most of the team that day */
	int32_t days;           /* working days from ready to start */
	int32_t need, avail;    /* tenths of a person */
	int32_t day;            /* the first day it could not start */
	uint32_t ntask;         /* tasks of prog waiting on team for by */
} bt_pf_wait;

/* One shared team's week: capacity and what each program asks and holds. */
typedef struct bt_pf_week {
	bt_date monday;
	int32_t cap;            /* the most people on a working day, tenths */
	int32_t *ask;           /* [programs] peak people a day on the
				   critical-path dates (as if alone), tenths */
	int32_t *held;          /* [programs] person-days on the levelled
				   dates over the week's working days, tenths */
	int32_t ask_total;      /* peak people a day all programs ask together */
	uint8_t over;           /* ask_total > cap */
} bt_pf_week;

typedef struct bt_pf_pool {
	uint32_t team;          /* pf->teams index */
	uint32_t uidx;          /* union team */
	uint32_t nprog;         /* programs with open work on it */
	uint32_t nweek;
	bt_pf_week *week;
	uint32_t nover;         /* contended weeks */
} bt_pf_pool;

/* One ordering in a trade-off: every program's end, P50/P85 and chance. */
typedef struct bt_pf_order {
	uint32_t *order;        /* [programs] first to last; NULL: the
				   priorities as written */
	int32_t *p50, *p85;     /* [programs] days of its end */
	double *chance;         /* [programs] of its end's commit; < 0: none */
	int pareto;             /* no other ordering beats it on every program */
} bt_pf_order;

typedef struct bt_pf_calc {
	bt_arena arena;
	bt_portfolio *pf;
	bt_assessment *a;       /* the union, assessed (schedule inside) */
	baton_forecast *f;      /* its forecast; NULL with runs -1 */
	long runs;
	uint64_t seed;
	bt_pf_row *row;         /* [programs] */
	bt_pf_pool *pool;       /* shared teams with work from 2+ programs */
	uint32_t npool;
	BT_VEC(bt_pf_wait) waits;   /* longest first */
	bt_pf_order *ord;       /* trade-off: [0] as written, then orderings */
	uint32_t nord;
	long trade_runs;        /* runs of each ordering's forecast */
	uint32_t ask_ord;       /* the ordering the ask proposes; 0: none */
	uint32_t ask_for;       /* the program it helps most */
} bt_pf_calc;

/* Assess the union (levelled; a forecast with o->runs unless -1), then
 * the contention; with `tradeoff`, every ordering's forecast too. NULL
 * with *err set on failure. */
bt_pf_calc *bt_pf_calc_new(bt_portfolio *pf, const baton_portfolio_opts *o, int tradeoff,
			   const char **err);
void bt_pf_calc_free(bt_pf_calc *c);

/* render_portfolio.c */
int bt_render_portfolio(bt_buf *b, const bt_pf_calc *c, enum baton_portfolio_view v, int fmt,
			int color);

#endif
