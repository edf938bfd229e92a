/*
 * graph.c: the dependency graph (graph.h). Links are counted, prefix-summed
 * and filled into CSR predecessor lists, turned around into successor
 * lists, ordered by Kahn's algorithm, and what the order cannot reach is
 * walked for cycles.
 */
#include <string.h>

#include "graph.h"

#define ALLOC(a, n, T) ((T *)bt_arena_alloc((a), sizeof(T) * ((size_t)(n) + 1)))

int bt_graph_build(bt_graph *g, uint32_t n, bt_graph_links *links, const void *ctx,
		   bt_arena *a)
{
	memset(g, 0, sizeof(*g));
	g->n = n;
	g->pred_off = bt_arena_zalloc(a, sizeof(uint32_t) * ((size_t)n + 1));
	g->succ_off = bt_arena_zalloc(a, sizeof(uint32_t) * ((size_t)n + 1));
	g->topo = ALLOC(a, n, uint32_t);
	/* The fill cursor of each node's successors, then its in-degree. */
	uint32_t *work = bt_malloc(sizeof(uint32_t) * ((size_t)n + 1));
	if (!g->pred_off || !g->succ_off || !g->topo || !work)
		goto fail;

	/* Predecessors: count, prefix-sum, fill. */
	bt_graph_sink s = {g, 0, 0, 0};
	uint64_t ne = 0;
	for (uint32_t v = 0; v < n; v++) {
		s.at = 0;
		links(ctx, v, &s);
		ne += s.at;
		if (ne >= UINT32_MAX) /* offsets are 32-bit */
			goto fail;
		g->pred_off[v + 1] = (uint32_t)ne;
	}
	g->ne = (uint32_t)ne;
	g->pred = ALLOC(a, ne, uint32_t);
	g->pred_lag = ALLOC(a, ne, int32_t);
	g->pred_type = ALLOC(a, ne, uint8_t);
	g->succ = ALLOC(a, ne, uint32_t);
	g->succ_lag = ALLOC(a, ne, int32_t);
	g->succ_type = ALLOC(a, ne, uint8_t);
	if (!g->pred || !g->pred_lag || !g->pred_type || !g->succ || !g->succ_lag ||
	    !g->succ_type)
		goto fail;
	s.fill = 1;
	for (uint32_t v = 0; v < n; v++) {
		s.at = g->pred_off[v];
		s.end = g->pred_off[v + 1];
		links(ctx, v, &s);
		if (NEVER(s.at != s.end))
			goto fail;
	}

	/* Successors: the same links from the other end. Filled by walking
	 * the nodes in order, so each node's successors are in node order. */
	for (uint32_t k = 0; k < g->ne; k++)
		g->succ_off[g->pred[k] + 1]++;
	for (uint32_t v = 0; v < n; v++)
		g->succ_off[v + 1] += g->succ_off[v];
	if (n)
		memcpy(work, g->succ_off, sizeof(uint32_t) * n);
	for (uint32_t v = 0; v < n; v++)
		for (uint32_t k = g->pred_off[v]; k < g->pred_off[v + 1]; k++) {
			uint32_t x = work[g->pred[k]]++;
			g->succ[x] = v;
			g->succ_lag[x] = g->pred_lag[k];
			g->succ_type[x] = g->pred_type[k];
		}

	/* Kahn's algorithm; the queue is the order itself. */
	for (uint32_t v = 0; v < n; v++)
		work[v] = g->pred_off[v + 1] - g->pred_off[v];
	uint32_t head = 0, tail = 0;
	for (uint32_t v = 0; v < n; v++)
		if (!work[v])
			g->topo[tail++] = v;
	while (head < tail) {
		uint32_t u = g->topo[head++];
		for (uint32_t k = g->succ_off[u]; k < g->succ_off[u + 1]; k++)
			if (--work[g->succ[k]] == 0)
				g->topo[tail++] = g->succ[k];
	}
	g->nordered = tail;
	bt_free(work);
	return 0;
fail:
	bt_free(work);
	memset(g, 0, sizeof(*g));
	return -1;
}

/* The links of a plan node: its `after` list, unresolved references left
 * out. */
static void plan_links(const void *ctx, uint32_t v, bt_graph_sink *s)
{
	const bt_plan *p = ctx;
	uint32_t nd;
	const bt_dep *d = bt_graph_after(p, v, &nd);
	for (uint32_t k = 0; k < nd; k++) {
		uint32_t u = bt_graph_node(p, &d[k].to);
		if (u != BT_NONE)
			bt_graph_link(s, u, d[k].type, d[k].lag);
	}
}

int bt_graph_of_plan(bt_graph *g, const bt_plan *p, bt_arena *a)
{
	return bt_graph_build(g, p->tasks.n + p->milestones.n, plan_links, p, a);
}

/*============================ Cycles ==============================*/

int bt_graph_cycles_init(bt_graph_cycles *c, const bt_graph *g)
{
	memset(c, 0, sizeof(*c));
	c->g = g;
	c->mark = bt_malloc((size_t)g->n + 1);
	c->path = bt_malloc(sizeof(uint32_t) * ((size_t)g->n + 1));
	if (!c->mark || !c->path)
		return -1;
	memset(c->mark, 1, g->n);
	for (uint32_t i = 0; i < g->nordered; i++)
		c->mark[g->topo[i]] = 0;
	return 0;
}

int bt_graph_cycle_next(bt_graph_cycles *c)
{
	const bt_graph *g = c->g;
	uint8_t *mark = c->mark;
	uint32_t *path = c->path;
	c->cycle = NULL;
	c->len = 0;
	while (c->next < g->n) {
		uint32_t u = c->next++, len = 0;
		int closed = 0;
		if (mark[u] != 1)
			continue;
		/* Every unordered node has an unordered predecessor, so only a
		 * walk into nodes an earlier walk set aside can dead-end. */
		for (;;) {
			mark[u] = 2;
			path[len++] = u;
			uint32_t w = BT_NONE;
			for (uint32_t k = g->pred_off[u]; k < g->pred_off[u + 1]; k++)
				if (mark[g->pred[k]]) {
					w = g->pred[k];
					break;
				}
			if (w == BT_NONE)
				break;
			u = w;
			if (mark[u] == 2) {
				closed = 1;
				break;
			}
		}
		for (uint32_t k = 0; k < len; k++)
			mark[path[k]] = 0;
		if (!closed)
			continue;
		/* path[at] == u, and each entry after it is the predecessor of
		 * the one before: reversing all but u puts the cycle in
		 * dependency order starting at u. */
		uint32_t at = 0;
		while (path[at] != u)
			at++;
		for (uint32_t i = at + 1, j = len - 1; i < j; i++, j--) {
			uint32_t t = path[i];
			path[i] = path[j];
			path[j] = t;
		}
		c->cycle = path + at;
		c->len = len - at;
		return 1;
	}
	return 0;
}

void bt_graph_cycles_release(bt_graph_cycles *c)
{
	bt_free(c->mark);
	bt_free(c->path);
	c->mark = NULL;
	c->path = NULL;
	c->cycle = NULL;
	c->len = 0;
}

void bt_graph_cycle_text(const bt_plan *p, const uint32_t *cycle, uint32_t len, bt_buf *out)
{
	for (uint32_t i = 0; i < len; i++) {
		bt_buf_puts(out, bt_graph_id(p, cycle[i]));
		bt_buf_puts(out, " -> ");
	}
	if (len)
		bt_buf_puts(out, bt_graph_id(p, cycle[0]));
}
