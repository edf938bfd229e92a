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

#endif
