/*
 * rollup.h: a big plan in aggregate, for the report: above
 * BT_ROLLUP_TASKS tasks, nobody reads a Gantt bar or a map node per task,
 * so the report draws one bar per group and the links between groups.
 * A group is a workstream when the plan names any (tasks without one make
 * a group of their own) and that makes at most BT_ROLLUP_GROUPS groups,
 * else a team. Computed once here from the
 * schedule and the assessment; render_report.c formats it.
 */
#ifndef BT_ROLLUP_H
#define BT_ROLLUP_H

#include "assess.h"

/* More tasks than this: the report rolls up (below, every page is drawn
 * task by task, as before). */
#define BT_ROLLUP_TASKS 500
/* More workstreams than this are no summary: the teams are the groups. */
#define BT_ROLLUP_GROUPS 200
/* More groups than this: the links between them are listed, the busiest
 * pairs first, not drawn as a matrix. */
#define BT_ROLLUP_MATRIX 100

typedef struct bt_rollup_group {
	const char *name;      /* the workstream, the team's title (or id);
				  NULL: tasks without a workstream (or team) */
	uint32_t team;         /* teams: the team's index (BT_NONE: no team);
				  workstreams: BT_NONE */
	uint32_t task0, ntask; /* its tasks: tasks[task0 .. task0 + ntask),
				  by early start (then plan order) */
	uint32_t ndone, nstarted, ncrit; /* ncrit: unfinished, critical */
	bt_date from, to;      /* first start, one past the last finish
				  (calendar days, the dates shown) */
	int32_t min_float;     /* least total float of its unfinished tasks
				  (working days; BT_DAY_NONE: all done) */
	uint32_t min_float_task; /* the task with it (BT_NONE: all done) */
} bt_rollup_group;

/* The links from the tasks of one group to those of another (or the
 * same): task-to-task links, and of those the cross-team hand-offs at
 * risk (the assessment's). */
typedef struct bt_rollup_cell {
	uint32_t from, to;     /* groups: the predecessor's, the successor's */
	uint32_t links, risky;
} bt_rollup_cell;

typedef struct bt_rollup {
	int by_workstream;     /* 1: groups are workstreams, 0: teams */
	uint32_t nworkstream;  /* teams though the plan names workstreams:
				  how many groups they made (else 0) */
	uint32_t ngroup;
	bt_rollup_group *g;    /* by first start, then by where their first
				  task stands in the plan */
	uint32_t *tasks;       /* [nt] the tasks, group after group */
	uint32_t *group_of;    /* [nt] each task's group */
	bt_rollup_cell *cell;  /* the pairs of groups with links, by from
				  then to */
	uint32_t ncell;
	uint32_t *busiest;     /* [ncell] the cells between two groups first,
				  by links (most first), then the rest */
	uint32_t nlinks;       /* task-to-task links in all */
	uint32_t ncross;       /* of which between two groups */
	uint32_t nrisky;       /* hand-offs at risk in all */
} bt_rollup;

/* Fill `R` (arrays in `a`) from the schedule shown and the assessment's
 * hand-offs. Returns 0, or -1 when memory runs out. */
int bt_rollup_build(bt_rollup *R, bt_arena *a, const bt_plan *p, const struct baton_schedule *s,
		    const bt_assessment *as);

#endif
