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
#include "offdays.h"

enum bt_task_state { BT_TS_PLANNED, BT_TS_STARTED, BT_TS_DONE };

#define BT_DAY_NONE INT32_MIN
/* The most working days a plan's durations and lags may add up to. */
#define BT_MAX_SPAN 500000000

typedef struct bt_net {
	uint32_t n, nt;         /* nodes; tasks are [0, nt) */
	bt_cal cal;             /* the program calendar */
	bt_date as_of;          /* the status date, or BT_DATE_NONE */
	int32_t data_day;       /* first day unstarted work may start */
	int32_t *dday;          /* [n] the same per node when the plan joins
				   programs with their own status dates and
				   starts (a portfolio); NULL: data_day for
				   all, and data_day is then the earliest */

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

	/* Task calendars: a task works on its team's working days, the
	 * program's minus the team's holidays. Calendar c's days off are
	 * off[off_off[c] .. off_off[c+1]), sorted program working-day
	 * offsets; nodes on the program calendar have cal_of[v] ==
	 * BT_NONE, so plans without team holidays pay one test a node. */
	uint32_t ncal;
	uint32_t *cal_of;       /* [n] */
	uint32_t *off_off;      /* [ncal+1] */
	int32_t *off;
} bt_net;

/* The first day node v's unstarted work may start, and from which its
 * started work's remaining days run. */
static inline int32_t bt_net_dday(const bt_net *net, uint32_t v)
{
	return net->dday ? net->dday[v] : net->data_day;
}

/* Working-day arithmetic on node v's calendar (offdays.h, the same code
 * the levelling engine runs). Days are program working-day offsets;
 * finishes are exclusive.
 *  bt_wc_snap:      the first working day >= day
 *  bt_wc_snap_back: the last working day <= day
 *  bt_wc_fin:       the finish of d days of work from s (s snapped first;
 *                   d <= 0: s itself, a zero-length task is a point in
 *                   time, like a milestone, and keeps no calendar)
 *  bt_wc_start_by:  the latest start whose finish is <= f (d <= 0: f)
 *  bt_wc_start_for: the earliest start whose finish is >= f
 *  bt_wc_days:      working days in [a, b) */
#define BT_WC_OFF(net, c) ((net)->off + (net)->off_off[c]), ((net)->off_off[(c) + 1] - (net)->off_off[c])

static inline int32_t bt_wc_snap(const bt_net *net, uint32_t v, int32_t day)
{
	uint32_t c = net->cal_of[v];
	return c == UINT32_MAX ? day : bt_off_snap(BT_WC_OFF(net, c), day);
}

static inline int32_t bt_wc_snap_back(const bt_net *net, uint32_t v, int32_t day)
{
	uint32_t c = net->cal_of[v];
	return c == UINT32_MAX ? day : bt_off_snap_back(BT_WC_OFF(net, c), day);
}

static inline int32_t bt_wc_fin(const bt_net *net, uint32_t v, int32_t s, int32_t d)
{
	uint32_t c = net->cal_of[v];
	if (d <= 0)
		return s;
	return c == UINT32_MAX ? s + d : bt_off_fin(BT_WC_OFF(net, c), s, d);
}

static inline int32_t bt_wc_start_by(const bt_net *net, uint32_t v, int32_t f, int32_t d)
{
	uint32_t c = net->cal_of[v];
	if (d <= 0)
		return f;
	if (c == UINT32_MAX)
		return f - d;
	return bt_off_back(BT_WC_OFF(net, c), bt_off_snap_back(BT_WC_OFF(net, c), f - 1), d);
}

static inline int32_t bt_wc_start_for(const bt_net *net, uint32_t v, int32_t f, int32_t d)
{
	int32_t s = bt_wc_start_by(net, v, f, d);
	if (bt_wc_fin(net, v, s, d) < f)
		s = bt_wc_snap(net, v, s + 1);
	return s;
}

static inline int32_t bt_wc_days(const bt_net *net, uint32_t v, int32_t a, int32_t b)
{
	uint32_t c = net->cal_of[v];
	if (b <= a)
		return 0;
	return c == UINT32_MAX ? b - a : bt_off_days(BT_WC_OFF(net, c), a, b);
}

/* The latest finish of v when it must start by day x: its last working
 * day at or before x, then its d days (a zero-length task is a point). */
static inline int32_t bt_wc_latest_fin(const bt_net *net, uint32_t v, int32_t x, int32_t d)
{
	return d > 0 ? bt_wc_fin(net, v, bt_wc_snap_back(net, v, x), d) : x;
}

/* The day the remaining (or planned) work of v starts, given its early
 * start and finish: a started task's work resumes on the data day or
 * later, when a finish link holds it. */
static inline int32_t bt_wc_work_start(const bt_net *net, uint32_t v, int32_t es, int32_t ef,
				       int32_t dur)
{
	if (net->state[v] != BT_TS_STARTED)
		return es;
	return bt_wc_start_by(net, v, ef, dur);
}

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

/* Warn, on the link, about each link into started or done work that the
 * actual dates broke (docs/plan-language.md, "How baton schedules work in
 * progress", rule 3). Run once, by check, at the latest status. */
void bt_net_warn_history(const bt_net *net, const bt_plan *p, bt_diags *d);

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

/* A network and its CPM in their own arena: what baton_plan_parse keeps
 * of its checks for the first schedule (model.h, `pre`). */
typedef struct bt_net_cpm {
	bt_arena arena;
	bt_net net;
	bt_cpm cpm;
} bt_net_cpm;

/* Take p->pre when it is the network `as_of` (BT_DATE_NONE: the latest
 * status) would build, moving its arena into *a (empty before): 0; else
 * -1, and p->pre is dropped either way (only the first use could take
 * it, and it holds memory). */
int bt_net_cpm_take(bt_plan *p, bt_date as_of, bt_arena *a, bt_net *net, bt_cpm *cpm);
void bt_net_cpm_free(bt_net_cpm *x);

/* The backward pass against finish bounds, by the same rules: node v must
 * finish by bound[v] (INT32_MAX: no bound of its own) and in time for its
 * successors. bind (may be NULL): in, the commitment behind bound[v]
 * (BT_NONE: none); out, the one that sets lf[v], and then successors
 * under no commitment are not followed (lf = ls = INT32_MAX where nothing
 * binds); on a tie a commitment other than `weak` wins. free (may be
 * NULL): the slack of the tightest counted outgoing link or the bound,
 * uncapped. Used by bt_cpm_backward and for the commit float. */
void bt_cpm_late(const bt_net *net, const int32_t *es, const int32_t *ef, const int32_t *bound,
		 uint32_t *bind, uint32_t weak, int32_t *ls, int32_t *lf, int32_t *free);

/* The forward pass alone over caller-supplied durations, into es/ef (for
 * the Monte Carlo engine and the levelling checks). Returns the end day. */
int32_t bt_cpm_forward(const bt_net *net, const int32_t *dur, int32_t *es, int32_t *ef);
/* The links of a network copied in topological order, for a forward pass
 * run many times (the forecast's runs): each node's links then follow the
 * last node's in memory, where in the network they lie wherever the node
 * does. */
typedef struct bt_fwd {
	uint32_t *off;          /* [n+1]: the i-th node of net->topo has links [off[i], off[i+1]) */
	uint32_t *pred;
	int32_t *lag;
	uint8_t *type;
	int32_t *release;       /* [n] the i-th node's release */
	uint8_t *plain;         /* [n] 1: the i-th node is planned work on the
				   program calendar (most of a forecast's) */
} bt_fwd;
int bt_fwd_build(const bt_net *net, bt_fwd *f, bt_arena *a);
/* bt_cpm_forward over f, the same dates. */
int32_t bt_cpm_forward_fwd(const bt_net *net, const bt_fwd *f, const int32_t *dur, int32_t *es,
			   int32_t *ef);

#endif
