/* test_layout.c: the dependency map's layered layout (src/lib/layout.c)
 * on small graphs written as edge lists: longest-path layers, dummies on
 * long edges, every layer a permutation, the crossing count against a
 * brute-force count of the order kept, known orders and counts, the
 * vertical stacking, the empty graph, and pseudo-random DAGs. */
#include "layout.h"
#include "test.h"

#include <stdlib.h>

typedef struct edge {
	uint32_t u, v;
} edge;

/* A graph as bt_net gives it: predecessors in CSR, listed per v in the
 * order of the edge list, and a topological order (Kahn's, smallest
 * index first). */
typedef struct graph {
	uint32_t n;
	uint32_t pred_off[64], pred[256], topo[64];
} graph;

static void graph_init(graph *g, uint32_t n, const edge *e, uint32_t ne)
{
	uint32_t w = 0, indeg[64] = {0}, done[64] = {0};
	g->n = n;
	for (uint32_t v = 0; v < n; v++) {
		g->pred_off[v] = w;
		for (uint32_t k = 0; k < ne; k++)
			if (e[k].v == v) {
				g->pred[w++] = e[k].u;
				indeg[v]++;
			}
	}
	g->pred_off[n] = w;
	for (uint32_t i = 0; i < n; i++) {
		uint32_t v = 0;
		while (v < n && (done[v] || indeg[v]))
			v++;
		if (v == n)
			return; /* a cycle: not a test input */
		done[v] = 1;
		g->topo[i] = v;
		for (uint32_t k = 0; k < ne; k++)
			if (e[k].u == v)
				indeg[e[k].v]--;
	}
}

static bt_arena arena = BT_ARENA_INIT;

static int lay_out(bt_layout *L, const graph *g)
{
	return bt_layout_build(L, &arena, g->n, g->topo, g->pred_off, g->pred);
}

/* Node z of edge k's drawn path: 0 is the tail, the last the head. */
static uint32_t path_node(const bt_layout *L, const graph *g, uint32_t v,
			  uint32_t k, uint32_t i)
{
	uint32_t nc = L->chain_off[k + 1] - L->chain_off[k];
	if (i == 0)
		return g->pred[k];
	if (i <= nc)
		return L->chain[L->chain_off[k] + i - 1];
	return v;
}

/* The properties every layout has; returns the brute-force crossing
 * count of the order it kept. */
static long check_props(const bt_layout *L, const graph *g)
{
	CHECK_EQ_INT(L->n, g->n);
	/* Longest-path layers: a source is on layer 0, any other node one
	 * past its latest predecessor. */
	for (uint32_t v = 0; v < g->n; v++) {
		int32_t want = 0;
		for (uint32_t k = g->pred_off[v]; k < g->pred_off[v + 1]; k++) {
			uint32_t u = g->pred[k];
			CHECK(L->layer[u] < L->layer[v]);
			if (L->layer[u] + 1 > want)
				want = L->layer[u] + 1;
		}
		CHECK_EQ_INT(L->layer[v], want);
	}
	/* The layers partition the nodes and each one's positions are
	 * 0 .. width-1 in lnodes order: no two nodes share a slot. */
	CHECK_EQ_INT(L->loff[0], 0);
	CHECK_EQ_INT(L->loff[L->nl], L->nx);
	uint32_t *seen = calloc(L->nx + 1, sizeof *seen);
	for (uint32_t l = 0; l < L->nl; l++) {
		CHECK(L->loff[l] < L->loff[l + 1]); /* no empty layer */
		for (uint32_t i = L->loff[l]; i < L->loff[l + 1]; i++) {
			uint32_t x = L->lnodes[i];
			CHECK(x < L->nx);
			if (x >= L->nx)
				continue;
			CHECK_EQ_INT(L->layer[x], l);
			CHECK_EQ_INT(L->pos[x], i - L->loff[l]);
			seen[x]++;
		}
	}
	for (uint32_t x = 0; x < L->nx; x++)
		CHECK_EQ_INT(seen[x], 1);
	free(seen);
	/* Every edge's path steps one layer at a time: its dummies fill the
	 * layers it skips. */
	uint32_t ndummy = 0;
	for (uint32_t v = 0; v < g->n; v++)
		for (uint32_t k = g->pred_off[v]; k < g->pred_off[v + 1]; k++) {
			uint32_t nc = L->chain_off[k + 1] - L->chain_off[k];
			ndummy += nc;
			CHECK_EQ_INT(nc, L->layer[v] - L->layer[g->pred[k]] - 1);
			for (uint32_t i = 0; i <= nc; i++) {
				uint32_t a = path_node(L, g, v, k, i);
				uint32_t b = path_node(L, g, v, k, i + 1);
				CHECK_EQ_INT(L->layer[b], L->layer[a] + 1);
				if (i > 0)
					CHECK(a >= L->n);
			}
		}
	CHECK_EQ_INT(L->nx, g->n + ndummy);
	/* Crossings by brute force over every pair of path segments. */
	long c = 0;
	for (uint32_t v = 0; v < g->n; v++)
		for (uint32_t k = g->pred_off[v]; k < g->pred_off[v + 1]; k++)
			for (uint32_t i = 0; i <= L->chain_off[k + 1] - L->chain_off[k]; i++) {
				uint32_t a = path_node(L, g, v, k, i), b = path_node(L, g, v, k, i + 1);
				for (uint32_t w = 0; w < g->n; w++)
					for (uint32_t q = g->pred_off[w]; q < g->pred_off[w + 1]; q++)
						for (uint32_t j = 0; j <= L->chain_off[q + 1] - L->chain_off[q]; j++) {
							if (q < k || (q == k && j <= i))
								continue;
							uint32_t c2 = path_node(L, g, w, q, j), d = path_node(L, g, w, q, j + 1);
							if (L->layer[c2] != L->layer[a])
								continue;
							if ((L->pos[a] < L->pos[c2] && L->pos[b] > L->pos[d]) ||
							    (L->pos[a] > L->pos[c2] && L->pos[b] < L->pos[d]))
								c++;
						}
			}
	CHECK_EQ_INT(L->crossings, c);
	return c;
}

/* The order of layer l as a string of node numbers, "3 2". */
static const char *layer_str(const bt_layout *L, uint32_t l)
{
	static char buf[256];
	size_t w = 0;
	buf[0] = 0;
	for (uint32_t i = L->loff[l]; i < L->loff[l + 1] && w < sizeof buf - 12; i++)
		w += (size_t)snprintf(buf + w, sizeof buf - w, "%s%u", w ? " " : "", L->lnodes[i]);
	return buf;
}

static void test_chain(void)
{
	static const edge e[] = {{0, 1}, {1, 2}, {2, 3}, {3, 4}};
	graph g;
	bt_layout L;
	graph_init(&g, 5, e, 4);
	CHECK_EQ_INT(lay_out(&L, &g), 0);
	check_props(&L, &g);
	/* One node per layer, in chain order. */
	CHECK_EQ_INT(L.nl, 5);
	CHECK_EQ_INT(L.nx, 5);
	for (uint32_t v = 0; v < 5; v++)
		CHECK_EQ_INT(L.layer[v], v);
	CHECK_EQ_INT(L.crossings, 0);
	/* Stacked: every layer one real node, all on one line. */
	CHECK(bt_layout_stack(&L, 52, 10) == 52);
	for (uint32_t v = 0; v < 5; v++)
		CHECK(L.y[v] == 26);
}

static void test_uncross(void)
{
	/* 0 -> 3 and 1 -> 2 cross in the topological order; one sweep
	 * puts 3 above 2. */
	static const edge e[] = {{0, 3}, {1, 2}};
	graph g;
	bt_layout L;
	graph_init(&g, 4, e, 2);
	CHECK_EQ_INT(lay_out(&L, &g), 0);
	CHECK_EQ_INT(check_props(&L, &g), 0);
	CHECK_EQ_STR(layer_str(&L, 0), "0 1");
	CHECK_EQ_STR(layer_str(&L, 1), "3 2");
}

static void test_complete_bipartite(void)
{
	/* K(2,2) and K(3,3) between two layers cross C(m,2)*C(n,2) times
	 * in any order: 1 and 9. */
	static const edge k22[] = {{0, 2}, {0, 3}, {1, 2}, {1, 3}};
	static const edge k33[] = {{0, 3}, {0, 4}, {0, 5}, {1, 3}, {1, 4},
				   {1, 5}, {2, 3}, {2, 4}, {2, 5}};
	graph g;
	bt_layout L;
	graph_init(&g, 4, k22, 4);
	CHECK_EQ_INT(lay_out(&L, &g), 0);
	CHECK_EQ_INT(check_props(&L, &g), 1);
	graph_init(&g, 6, k33, 9);
	CHECK_EQ_INT(lay_out(&L, &g), 0);
	CHECK_EQ_INT(check_props(&L, &g), 9);
}

static void test_long_edge(void)
{
	/* 0 -> 1 -> 2 -> 3 and 0 -> 3: the long edge gets a dummy in layers
	 * 1 and 2, drawn beside the chain without crossing it. */
	static const edge e[] = {{0, 1}, {1, 2}, {2, 3}, {0, 3}};
	graph g;
	bt_layout L;
	graph_init(&g, 4, e, 4);
	CHECK_EQ_INT(lay_out(&L, &g), 0);
	CHECK_EQ_INT(check_props(&L, &g), 0);
	CHECK_EQ_INT(L.nl, 4);
	CHECK_EQ_INT(L.nx, 6);
	uint32_t k = g.pred_off[3] + 1; /* 3's second predecessor: 0 */
	CHECK_EQ_INT(g.pred[k], 0);
	CHECK_EQ_INT(L.chain_off[k + 1] - L.chain_off[k], 2);
	CHECK_EQ_INT(L.layer[L.chain[L.chain_off[k]]], 1);
	CHECK_EQ_INT(L.layer[L.chain[L.chain_off[k] + 1]], 2);
	/* Layers 1 and 2 hold a real node (52) and a dummy (10); layers 0
	 * and 3 one real node, centred on the tallest (62). */
	double h = bt_layout_stack(&L, 52, 10);
	CHECK(h == 62);
	CHECK(L.y[0] == 31 && L.y[3] == 31);
	for (uint32_t l = 1; l <= 2; l++) {
		uint32_t a = L.lnodes[L.loff[l]], b = L.lnodes[L.loff[l] + 1];
		double ha = a < L.n ? 52 : 10, hb = b < L.n ? 52 : 10;
		CHECK(L.y[b] - L.y[a] == (ha + hb) / 2); /* touching, not overlapping */
		CHECK(L.y[a] - ha / 2 == 0);
	}
}

static void test_empty(void)
{
	graph g;
	bt_layout L;
	graph_init(&g, 0, NULL, 0);
	CHECK_EQ_INT(lay_out(&L, &g), 0);
	CHECK_EQ_INT(L.nl, 0);
	CHECK_EQ_INT(L.nx, 0);
	CHECK_EQ_INT(L.crossings, 0);
	CHECK(bt_layout_stack(&L, 52, 10) == 0);
}

/* Pseudo-random DAGs (edges only from lower to higher numbers): the
 * properties hold, the stacked nodes of a layer never overlap, and the
 * same input lays out the same. */
static void test_random(void)
{
	uint64_t st = 0x9e3779b97f4a7c15ull;
	for (int round = 0; round < 60; round++) {
		edge e[120];
		uint32_t n = 2 + (uint32_t)(round % 30), ne = 0;
		for (uint32_t v = 1; v < n; v++)
			for (uint32_t u = 0; u < v && ne < 120; u++) {
				st = st * 6364136223846793005ull + 1442695040888963407ull;
				if ((st >> 33) % 100 < 18)
					e[ne++] = (edge){u, v};
			}
		graph g;
		bt_layout L, L2;
		graph_init(&g, n, e, ne);
		CHECK_EQ_INT(lay_out(&L, &g), 0);
		check_props(&L, &g);
		double hmax = bt_layout_stack(&L, 52, 10);
		for (uint32_t l = 0; l < L.nl; l++)
			for (uint32_t i = L.loff[l]; i < L.loff[l + 1]; i++) {
				uint32_t x = L.lnodes[i];
				double hx = x < L.n ? 52 : 10;
				CHECK(L.y[x] - hx / 2 >= 0 && L.y[x] + hx / 2 <= hmax);
				if (i + 1 < L.loff[l + 1]) {
					uint32_t z = L.lnodes[i + 1];
					double hz = z < L.n ? 52 : 10;
					CHECK(L.y[z] - hz / 2 >= L.y[x] + hx / 2);
				}
			}
		CHECK_EQ_INT(lay_out(&L2, &g), 0);
		CHECK_EQ_INT(L2.crossings, L.crossings);
		CHECK(L2.nx == L.nx && memcmp(L2.lnodes, L.lnodes, L.nx * sizeof *L.lnodes) == 0);
		bt_arena_release(&arena);
	}
}

int main(void)
{
	test_chain();
	test_uncross();
	test_complete_bipartite();
	test_long_edge();
	test_empty();
	test_random();
	bt_arena_release(&arena);
	return test_report("layout");
}
