/*
 * graph.h: the dependency graph, built in one place: CSR predecessor and
 * successor lists with each link's type and lag, a topological order
 * (Kahn 1962, "Topological sorting of large networks", CACM 5(11)) and,
 * when there is none, the cycles as paths. Check builds the plan's graph
 * once (plan->graph) and reports its cycles; compile lays it into the
 * network; a scenario builds its own with links added and dropped.
 *
 * Nodes of a plan are its tasks [0, nt) followed by its milestones [nt, n),
 * as in net.h. A link u -> v says v comes after u: u is among v's
 * predecessors, v among u's successors. Building is linear in nodes + links.
 */
#ifndef BT_GRAPH_H
#define BT_GRAPH_H

#include <stdint.h>

#include "model.h"

/* Invariants once built: pred_off[0] == 0, pred_off[n] == ne, and the
 * same for succ_off; v's predecessors are listed in the order its link
 * source gave them, u's successors in increasing node order (each
 * successor once per link). Every array lives in the arena the graph was
 * built in. */
typedef struct bt_graph {
	uint32_t n, ne;         /* nodes, links */
	uint32_t *pred_off;     /* v's predecessors: [pred_off[v], pred_off[v+1]) */
	uint32_t *pred;         /* the predecessor node */
	int32_t *pred_lag;      /* working days; negative is a lead */
	uint8_t *pred_type;     /* enum bt_dep_type */
	uint32_t *succ_off;     /* u's successors: [succ_off[u], succ_off[u+1]) */
	uint32_t *succ;         /* the successor node */
	int32_t *succ_lag;
	uint8_t *succ_type;
	uint32_t *topo;         /* [0, nordered): predecessors first */
	uint32_t nordered;      /* n when there is no cycle; otherwise only the
				   nodes neither on a cycle nor after one */
} bt_graph;

/*========================== Building ==============================*/

/* Where a link source lists one node's predecessors. The fields belong to
 * bt_graph_build: counting, `at` is the number of links listed so far;
 * filling, it is the next slot of the node's range, which ends at `end`. */
typedef struct bt_graph_sink {
	bt_graph *g;
	uint32_t at, end;
	int fill;
} bt_graph_sink;

/* A link source: calls bt_graph_link once per predecessor of node v, in the
 * order they are to be listed. It is called twice per node (count, then
 * fill) and must list the same links both times. */
typedef void bt_graph_links(const void *ctx, uint32_t v, bt_graph_sink *s);

/* One predecessor u of the node being listed, with the link's type (enum
 * bt_dep_type) and lag. Inline: it runs twice per link of every graph. */
static inline void bt_graph_link(bt_graph_sink *s, uint32_t u, uint8_t type, int32_t lag)
{
	/* Both passes drop the same bad links, so counts and fills agree. */
	if (NEVER(u >= s->g->n))
		return;
	if (!s->fill) {
		s->at++;
		return;
	}
	if (NEVER(s->at >= s->end))
		return;
	s->g->pred[s->at] = u;
	s->g->pred_lag[s->at] = lag;
	s->g->pred_type[s->at] = type;
	s->at++;
}

/* Build the graph of n nodes whose links `links(ctx, v, ...)` lists, and
 * its topological order: Kahn's algorithm with a FIFO queue seeded with
 * the nodes that have no predecessor in increasing order, so the order is
 * the same on every run. Every array is allocated in `a`. Returns 0, or -1
 * when memory runs out (then `g` is empty: n == 0). */
int bt_graph_build(bt_graph *g, uint32_t n, bt_graph_links *links, const void *ctx,
		   bt_arena *a);

/* The graph of the plan's `after` lists over tasks then milestones (the
 * order each list is written in). References check could not resolve are
 * left out; check reports them. Returns as bt_graph_build. */
int bt_graph_of_plan(bt_graph *g, const bt_plan *p, bt_arena *a);

/*============================ Cycles ==============================*/

/* The cycles of a graph whose order is incomplete, found one at a time.
 * Each is found by walking from a node left unordered to its first
 * predecessor still unordered until the walk meets itself; every node a
 * walk passes is then set aside, so no node lies on two reported cycles
 * and all of them take O(n + ne) together. The first walk always closes
 * a cycle. */
typedef struct bt_graph_cycles {
	const bt_graph *g;      /* borrowed */
	uint8_t *mark;          /* per node: 0 ordered or set aside, 1 unordered,
				   2 on the current walk */
	uint32_t *path;         /* the current walk */
	uint32_t next;          /* the next node a walk may start from */
	const uint32_t *cycle;  /* OUT of bt_graph_cycle_next: the cycle in
				   dependency order, cycle[i+1] after cycle[i]
				   and cycle[0] after cycle[len-1] */
	uint32_t len;
} bt_graph_cycles;

/* Start looking for cycles in `g` (borrowed until release). Returns 0, or
 * -1 when memory runs out. Release with bt_graph_cycles_release either way. */
int bt_graph_cycles_init(bt_graph_cycles *c, const bt_graph *g);

/* Find the next cycle: 1 with c->cycle and c->len set (valid until the
 * next call), 0 when there are no more. Starts go in increasing node
 * order, so the cycles come out the same on every run. */
int bt_graph_cycle_next(bt_graph_cycles *c);

void bt_graph_cycles_release(bt_graph_cycles *c);

/* Append a plan's cycle as diagnostics print it, "a -> b -> a". */
void bt_graph_cycle_text(const bt_plan *p, const uint32_t *cycle, uint32_t len, bt_buf *out);

/*========================= Plan nodes =============================*/

/* The node a resolved task or milestone reference names; BT_NONE when the
 * reference is unresolved. */
static inline uint32_t bt_graph_node(const bt_plan *p, const bt_ref *r)
{
	if (r->idx == BT_NONE)
		return BT_NONE;
	return r->kind == BT_K_TASK ? r->idx : p->tasks.n + r->idx;
}

/* Node v's `after` list as written: *nd (OUT) entries from the result. */
static inline const bt_dep *bt_graph_after(const bt_plan *p, uint32_t v, uint32_t *nd)
{
	uint32_t nt = p->tasks.n, d0;
	if (v < nt) {
		d0 = p->tasks.v[v].dep0;
		*nd = p->tasks.v[v].ndep;
	} else {
		d0 = p->milestones.v[v - nt].dep0;
		*nd = p->milestones.v[v - nt].ndep;
	}
	/* A plan without links has no deps vector to offset into. */
	return *nd ? p->deps.v + d0 : NULL;
}

/* Node v's id. */
static inline const char *bt_graph_id(const bt_plan *p, uint32_t v)
{
	return v < p->tasks.n ? p->tasks.v[v].id : p->milestones.v[v - p->tasks.n].id;
}

#endif
