/*
 * schedule.h: the schedule object behind baton_schedule: the network as of
 * the status date and the CPM (and, when asked, levelled) dates.
 */
#ifndef BT_SCHEDULE_H
#define BT_SCHEDULE_H

#include "cpm.h"
#include "rcpsp.h"

/* A team's load in one calendar week (Monday to Sunday), in tenths of a
 * person. Computed once, in the schedule stage, for every schedule; a task
 * loads its team on the days it works (its own days off do not count). */
typedef struct bt_week_load {
	int32_t plain;         /* peak people a day, critical-path dates */
	int32_t levelled;      /* peak people a day, the dates shown (levelled
				  when levelling, else the critical path) */
	int32_t over_load;     /* the dates shown: on the day of the week with
				  the largest excess, the load ... */
	int32_t over_cap;      /* ... and the capacity (over_load 0: none) */
	int32_t capacity;      /* the most people on a working day of the week
				  (-1: no working day) */
	uint8_t plain_over;    /* the critical-path dates ask for more people
				  than the team has on some day of the week */
	uint8_t short_days;    /* working days with less than `capacity`
				  (holidays, temporary changes) */
} bt_week_load;

struct baton_schedule {
	bt_arena arena;
	const bt_plan *plan;
	bt_net net;
	bt_cpm cpm;            /* the dates shown: levelled when `levelled` */
	int levelled;          /* 1 when es/ef are the levelled dates */
	int32_t *days;         /* [n] working days of the task's calendar in
				  [es, ef) (its own days off not counted) */
	int32_t *work_start;   /* [n] first day of the work still to do: es,
				  or where a started task's remaining work
				  resumes (the data day, or later when a
				  finish link holds it) */

	/* The critical-path dates (the shown ones unless levelled): */
	int32_t *plain_es;     /* [n] early start ignoring capacity */
	int32_t *plain_ef;     /* [n] early finish ignoring capacity */
	int32_t plain_end;     /* critical-path end day */
	/* Levelling only: */
	int32_t *ready;        /* [n] start allowed by predecessors' levelled dates */
	uint32_t *wait_off;    /* [n+1] node v's capacity waits are
				  wait[wait_off[v] .. wait_off[v+1]) */
	bt_rcpsp_block *wait;
	bt_rcpsp_link *chain;  /* resource-constrained critical path */
	uint32_t nchain;
	long schedules;        /* schedules the engine generated */
	int32_t lower_bound;   /* proven lower bound on the end day */
	uint32_t nweek;        /* weeks covered by the load table (every
				  schedule; 0 without teams or future work) */
	bt_date week0;         /* Monday of the first week */
	bt_week_load *load;    /* [team * nweek + week] */
	/* Under a scenario only: */
	const bt_scenario *scen;
	int32_t *vs_base;      /* [n] working days the finish (a milestone:
				  its date) moved from the plan without it */
	int32_t base_end;      /* the end day without it */
	int32_t vs_base_end;   /* working days the end moved */
};

/* Dates of a node for renderers: start date, inclusive finish date. */
void bt_sched_dates(const struct baton_schedule *s, uint32_t v, int32_t es,
		    int32_t ef, char start[11], char finish[11]);

/* render_schedule.c */
void bt_render_schedule_term(bt_buf *b, const struct baton_schedule *s, int color);
void bt_render_schedule_md(bt_buf *b, const struct baton_schedule *s);
int bt_render_schedule_json(bt_buf *b, const struct baton_schedule *s);

#endif
