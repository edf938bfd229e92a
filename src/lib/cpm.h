/*
 * cpm.h: what cpm.c computes over a network (net.h).
 */
#ifndef BT_CPM_H
#define BT_CPM_H

#include <stdint.h>

#include "net.h"

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
