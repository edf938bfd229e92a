/*
 * net.h: the compiled network, the plan lowered to what the engines read:
 * struct-of-arrays of integer working-day durations, CSR predecessor and
 * successor lists with dependency type and lag, a topological order and the
 * state of each task as of the status date. Dates appear only in `cal`.
 *
 * Nodes are the plan's tasks [0, nt) followed by its milestones [nt, n);
 * a milestone is a node of duration 0.
 */
#ifndef BT_NET_H
#define BT_NET_H

#include <stdint.h>

#include "cal.h"
#include "graph.h"
#include "model.h"

enum bt_task_state { BT_TS_PLANNED, BT_TS_STARTED, BT_TS_DONE };

#define BT_DAY_NONE INT32_MIN
/* The most working days a plan's durations and lags may add up to. */
#define BT_MAX_SPAN 500000000

typedef struct bt_net {
	uint32_t n, nt;         /* nodes; tasks are [0, nt) */
	bt_cal cal;             /* the program calendar */
	bt_date as_of;          /* the status date, or BT_DATE_NONE */
	int32_t data_day;       /* first day unstarted work may start */

	int32_t *dur;           /* working days to schedule (likely estimate;
				   remaining work for started tasks) */
	int32_t *est_o, *est_m, *est_p; /* current three-point estimate */
	int32_t *release;       /* earliest start (not-before, data day) */
	int32_t *deadline;      /* exclusive finish bound, BT_DAY_NONE if none */
	uint8_t *state;         /* enum bt_task_state */
	int32_t *act_start;     /* started/done: actual start offset */
	int32_t *act_finish;    /* done: actual finish offset (exclusive) */
	int32_t *remaining;     /* started: remaining working days from data_day */

	uint32_t ne;            /* dependencies */
	uint32_t *pred_off;     /* CSR: node v's predecessors are
				   [pred_off[v], pred_off[v+1]) */
	uint32_t *pred;         /* the predecessor node */
	int32_t *pred_lag;
	uint8_t *pred_type;     /* enum bt_dep_type */
	uint32_t *succ_off, *succ;
	int32_t *succ_lag;
	uint8_t *succ_type;
	uint32_t *topo;         /* every node, predecessors first */
} bt_net;

/* Lower a checked plan without errors as of `as_of` (BT_DATE_NONE: the
 * latest status block, or the program start when there is none). All
 * arrays live in `a`, but for the dependency lists and the order, which
 * are the plan's graph (the plan outlives the network). Returns 0, or -1
 * when memory runs out. Status entries that contradict the schedule
 * (progress on a task never started) are reported to `d` as errors.
 * Returns -2 (reported to `d`) when the plan's durations and lags could
 * overflow day arithmetic. */
int bt_net_build(bt_net *net, const bt_plan *p, bt_date as_of, bt_arena *a,
		 bt_diags *d);

/* Make a graph (graph.h) the network's dependency lists and order. The
 * network borrows the graph's arrays. Returns 0, or -1 when there is no
 * graph, it has another number of nodes, or a cycle. */
int bt_net_set_graph(bt_net *net, const bt_graph *g);

/* cpm.c: the critical-path method over a network (Kelley and Walker 1959;
 * precedence diagramming with the four link types and lags as in Moder,
 * Phillips and Davis, "Project Management with CPM, PERT and Precedence
 * Diagramming", 1983). Linear in nodes + dependencies. */
typedef struct bt_cpm {
	int32_t *es, *ef, *ls, *lf; /* ef/lf exclusive */
	int32_t *tf, *ff;           /* total and free float */
	uint8_t *critical;
	int32_t end_day;            /* max ef */
} bt_cpm;

int bt_cpm_run(const bt_net *net, bt_cpm *out, bt_arena *a);
/* Allocate the arrays of a bt_cpm for n nodes. */
int bt_cpm_alloc(bt_cpm *c, uint32_t n, bt_arena *a);
/* The backward pass alone: late dates and floats from c->es, c->ef and
 * c->end_day (used again on levelled dates). */
void bt_cpm_backward(const bt_net *net, bt_cpm *c);

/* The forward pass alone over caller-supplied durations, into es/ef (for
 * the Monte Carlo engine and the levelling checks). Returns the end day. */
int32_t bt_cpm_forward(const bt_net *net, const int32_t *dur, int32_t *es, int32_t *ef);

#endif
