/*
 * layout.c: the layered layout of the dependency map (layout.h).
 *
 * Layers are longest paths from the sources (Sugiyama, Tagawa and Toda
 * 1981); edges that span layers go through dummy nodes; the order in each
 * layer comes from alternating barycenter sweeps (the ordering that
 * crossed least is kept, crossings counted per layer pair with a Fenwick
 * tree, after Barth, Juenger and Mutzel 2002). Deterministic: the same
 * graph and topological order give the same layout.
 */
#include "layout.h"

#include <stdlib.h>
#include <string.h>

#define MAX(a, b) ((a) > (b) ? (a) : (b))

typedef struct seg {
	uint32_t a, b; /* a in layer l, b in layer l + 1 */
} seg;

typedef struct layout {
	uint32_t n;      /* real nodes */
	uint32_t nx;     /* real + dummies */
	uint32_t nl;     /* layers */
	int32_t *layer;  /* [nx] */
	uint32_t *pos;   /* [nx] index in its layer */
	uint32_t *loff;  /* [nl + 1] layer l is lnodes[loff[l] .. loff[l+1]) */
	uint32_t *lnodes;
	seg *segs;       /* sorted by the layer of a */
	uint32_t nseg;
	uint32_t *soff;  /* [nl + 1] segments leaving layer l */
	uint32_t *up_off, *up, *dn_off, *dn; /* neighbours, CSR over nx */
	uint32_t *chain_off, *chain; /* per edge (net order): its dummy nodes */
	double *bary;
	long crossings;  /* of the order kept */
} layout;

/* The input graph, by the names bt_net gives it. */
typedef struct net_in {
	const uint32_t *topo, *pred_off, *pred;
} net_in;

static int cmp_u32(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
	return a < b ? -1 : a > b;
}

/* Crossings between layer l and l + 1: segments sorted by (pos a, pos b),
 * inversions of pos b counted with a Fenwick tree. */
static long crossings_between(const layout *L, uint32_t l, uint32_t *keys, uint32_t *fen)
{
	uint32_t s0 = L->soff[l], s1 = L->soff[l + 1], w = L->loff[l + 2] - L->loff[l + 1];
	uint32_t m = s1 - s0;
	for (uint32_t i = 0; i < m; i++) {
		const seg *sg = &L->segs[s0 + i];
		keys[i] = L->pos[sg->a] * (w + 1) + L->pos[sg->b];
	}
	qsort(keys, m, sizeof(uint32_t), cmp_u32);
	memset(fen, 0, sizeof(uint32_t) * (w + 2));
	long c = 0;
	for (uint32_t i = 0; i < m; i++) {
		uint32_t pb = keys[i] % (w + 1) + 1, le = 0;
		for (uint32_t k = pb; k; k -= k & -k)
			le += fen[k];
		c += (long)(i - le); /* earlier segments ending below pb */
		for (uint32_t k = pb; k <= w + 1; k += k & -k)
			fen[k]++;
	}
	return c;
}

static long crossings(const layout *L, uint32_t *keys, uint32_t *fen)
{
	long c = 0;
	for (uint32_t l = 0; l + 1 < L->nl; l++)
		c += crossings_between(L, l, keys, fen);
	return c;
}

/* qsort has no context argument: the layout being sorted, one per
 * thread, so layouts may be made on several threads at once. */
static _Thread_local const layout *sort_L;

static int cmp_bary(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
	double ba = sort_L->bary[a], bb = sort_L->bary[b];
	if (ba != bb)
		return ba < bb ? -1 : 1;
	return sort_L->pos[a] < sort_L->pos[b] ? -1 : sort_L->pos[a] > sort_L->pos[b];
}

/* One barycenter pass over layer l from its neighbours `off`/`adj`. */
static void sweep_layer(layout *L, uint32_t l, const uint32_t *off, const uint32_t *adj)
{
	uint32_t a = L->loff[l], b = L->loff[l + 1];
	for (uint32_t i = a; i < b; i++) {
		uint32_t x = L->lnodes[i];
		uint32_t k0 = off[x], k1 = off[x + 1];
		if (k1 == k0) {
			L->bary[x] = L->pos[x];
			continue;
		}
		double sum = 0;
		for (uint32_t k = k0; k < k1; k++)
			sum += L->pos[adj[k]];
		L->bary[x] = sum / (k1 - k0);
	}
	sort_L = L;
	qsort(L->lnodes + a, b - a, sizeof(uint32_t), cmp_bary);
	for (uint32_t i = a; i < b; i++)
		L->pos[L->lnodes[i]] = i - a;
}

/* Build the layered graph and order it (bt_layout_build's arguments; the
 * net's names: topo, pred_off, pred). Returns 0 or -1 (memory). */
/* Longest-path layers (Sugiyama, Tagawa and Toda 1981), and a dummy
 * node on every layer an edge skips: each edge becomes a chain of
 * segments between adjacent layers. */
static int long_edges(layout *L, bt_arena *ar, uint32_t nn, const net_in *n)
{
	memset(L, 0, sizeof(*L));
	L->n = nn;
	int32_t *lay = bt_arena_alloc(ar, sizeof(int32_t) * (nn + 1));
	if (!lay)
		return -1;
	int32_t maxl = 0;
	for (uint32_t i = 0; i < nn; i++) {
		uint32_t v = n->topo[i];
		int32_t l = 0;
		for (uint32_t k = n->pred_off[v]; k < n->pred_off[v + 1]; k++)
			l = MAX(l, lay[n->pred[k]] + 1);
		lay[v] = l;
		maxl = MAX(maxl, l);
	}
	L->nl = nn ? (uint32_t)maxl + 1 : 0;
	/* Dummies: one per layer an edge skips. */
	uint64_t nd = 0;
	for (uint32_t v = 0; v < nn; v++)
		for (uint32_t k = n->pred_off[v]; k < n->pred_off[v + 1]; k++)
			nd += (uint64_t)(lay[v] - lay[n->pred[k]] - 1);
	if (nd > 200000)
		nd = 0; /* absurdly long edges: draw them straight */
	uint32_t ne = n->pred_off[nn];
	L->nx = nn + (uint32_t)nd;
	L->layer = bt_arena_alloc(ar, sizeof(int32_t) * (L->nx + 1));
	L->pos = bt_arena_alloc(ar, sizeof(uint32_t) * (L->nx + 1));
	L->bary = bt_arena_alloc(ar, sizeof(double) * (L->nx + 1));
	L->chain_off = bt_arena_alloc(ar, sizeof(uint32_t) * (ne + 1));
	L->chain = bt_arena_alloc(ar, sizeof(uint32_t) * (nd + 1));
	L->segs = bt_arena_alloc(ar, sizeof(seg) * (ne + nd + 1));
	if (!L->layer || !L->pos || !L->bary || !L->chain_off || !L->chain || !L->segs)
		return -1;
	memcpy(L->layer, lay, sizeof(int32_t) * nn);
	uint32_t x = nn, nc = 0, ns = 0;
	seg *tmp = L->segs;
	for (uint32_t v = 0; v < nn; v++)
		for (uint32_t k = n->pred_off[v]; k < n->pred_off[v + 1]; k++) {
			uint32_t u = n->pred[k];
			L->chain_off[k] = nc;
			uint32_t prev = u;
			if (nd)
				for (int32_t l = lay[u] + 1; l < lay[v]; l++) {
					L->layer[x] = l;
					L->chain[nc++] = x;
					tmp[ns++] = (seg){prev, x};
					prev = x++;
				}
			if (lay[v] - L->layer[prev] == 1)
				tmp[ns++] = (seg){prev, v};
		}
	L->chain_off[ne] = nc;
	L->nseg = ns;
	return 0;
}

/* Layers: nodes by layer, in topological order (dummies after), and the
 * segments by their upper layer. */
static int by_layer(layout *L, bt_arena *ar, uint32_t nn, const net_in *n)
{
	seg *tmp = L->segs;
	uint32_t ns = L->nseg;
	L->loff = bt_arena_zalloc(ar, sizeof(uint32_t) * (L->nl + 2));
	L->lnodes = bt_arena_alloc(ar, sizeof(uint32_t) * (L->nx + 1));
	L->soff = bt_arena_zalloc(ar, sizeof(uint32_t) * (L->nl + 2));
	seg *sorted = bt_arena_alloc(ar, sizeof(seg) * (L->nseg + 1));
	if (!L->loff || !L->lnodes || !L->soff || !sorted)
		return -1;
	for (uint32_t i = 0; i < L->nx; i++)
		L->loff[L->layer[i] + 1]++;
	for (uint32_t l = 0; l < L->nl; l++)
		L->loff[l + 1] += L->loff[l];
	uint32_t *fill = bt_malloc(sizeof(uint32_t) * (L->nl + 1));
	if (!fill)
		return -1;
	memcpy(fill, L->loff, sizeof(uint32_t) * L->nl);
	for (uint32_t i = 0; i < nn; i++) {
		uint32_t v = n->topo[i];
		L->pos[v] = fill[L->layer[v]] - L->loff[L->layer[v]];
		L->lnodes[fill[L->layer[v]]++] = v;
	}
	for (uint32_t i = nn; i < L->nx; i++) {
		L->pos[i] = fill[L->layer[i]] - L->loff[L->layer[i]];
		L->lnodes[fill[L->layer[i]]++] = i;
	}
	for (uint32_t i = 0; i < ns; i++)
		L->soff[L->layer[tmp[i].a] + 1]++;
	for (uint32_t l = 0; l < L->nl; l++)
		L->soff[l + 1] += L->soff[l];
	memcpy(fill, L->soff, sizeof(uint32_t) * L->nl);
	for (uint32_t i = 0; i < ns; i++)
		sorted[fill[L->layer[tmp[i].a]]++] = tmp[i];
	bt_free(fill);
	memcpy(L->segs, sorted, sizeof(seg) * ns);
	return 0;
}

/* Neighbour lists: each node's segments up and down. */
static int neighbours(layout *L, bt_arena *ar)
{
	uint32_t ns = L->nseg;
	L->up_off = bt_arena_zalloc(ar, sizeof(uint32_t) * (L->nx + 2));
	L->dn_off = bt_arena_zalloc(ar, sizeof(uint32_t) * (L->nx + 2));
	L->up = bt_arena_alloc(ar, sizeof(uint32_t) * (ns + 1));
	L->dn = bt_arena_alloc(ar, sizeof(uint32_t) * (ns + 1));
	if (!L->up_off || !L->dn_off || !L->up || !L->dn)
		return -1;
	for (uint32_t i = 0; i < ns; i++) {
		L->up_off[L->segs[i].b + 1]++;
		L->dn_off[L->segs[i].a + 1]++;
	}
	for (uint32_t i = 0; i < L->nx; i++) {
		L->up_off[i + 1] += L->up_off[i];
		L->dn_off[i + 1] += L->dn_off[i];
	}
	uint32_t *fu = bt_malloc(sizeof(uint32_t) * (L->nx + 1)), *fd = bt_malloc(sizeof(uint32_t) * (L->nx + 1));
	if (!fu || !fd) {
		bt_free(fu);
		bt_free(fd);
		return -1;
	}
	memcpy(fu, L->up_off, sizeof(uint32_t) * L->nx);
	memcpy(fd, L->dn_off, sizeof(uint32_t) * L->nx);
	for (uint32_t i = 0; i < ns; i++) {
		L->up[fu[L->segs[i].b]++] = L->segs[i].a;
		L->dn[fd[L->segs[i].a]++] = L->segs[i].b;
	}
	bt_free(fu);
	bt_free(fd);
	return 0;
}

/* Barycenter sweeps, down then up; keep the ordering with the fewest
 * crossings (Sugiyama et al. 1981). */
static int order_layers(layout *L)
{
	uint32_t ns = L->nseg;
	uint32_t wmax = 0;
	for (uint32_t l = 0; l < L->nl; l++)
		wmax = MAX(wmax, L->loff[l + 1] - L->loff[l]);
	uint32_t *keys = bt_malloc(sizeof(uint32_t) * (ns + 1));
	uint32_t *fen = bt_malloc(sizeof(uint32_t) * (wmax + 3));
	uint32_t *best = bt_malloc(sizeof(uint32_t) * (L->nx + 1));
	if (!keys || !fen || !best) {
		bt_free(keys);
		bt_free(fen);
		bt_free(best);
		return -1;
	}
	long bc = crossings(L, keys, fen);
	memcpy(best, L->lnodes, sizeof(uint32_t) * L->nx);
	for (int it = 0; it < 24 && bc > 0; it++) {
		if (it % 2 == 0)
			for (uint32_t l = 1; l < L->nl; l++)
				sweep_layer(L, l, L->up_off, L->up);
		else
			for (uint32_t l = L->nl - 1; l-- > 0;)
				sweep_layer(L, l, L->dn_off, L->dn);
		long c = crossings(L, keys, fen);
		if (c < bc) {
			bc = c;
			memcpy(best, L->lnodes, sizeof(uint32_t) * L->nx);
		}
	}
	memcpy(L->lnodes, best, sizeof(uint32_t) * L->nx);
	for (uint32_t l = 0; l < L->nl; l++)
		for (uint32_t i = L->loff[l]; i < L->loff[l + 1]; i++)
			L->pos[L->lnodes[i]] = i - L->loff[l];
	bt_free(keys);
	bt_free(fen);
	bt_free(best);
	L->crossings = bc;
	return 0;
}

static int build_layout(layout *L, bt_arena *ar, uint32_t nn, const net_in *n)
{
	if (long_edges(L, ar, nn, n) || by_layer(L, ar, nn, n) || neighbours(L, ar) || order_layers(L))
		return -1;
	return 0;
}

int bt_layout_build(bt_layout *out, bt_arena *a, uint32_t n, const uint32_t *topo,
		    const uint32_t *pred_off, const uint32_t *pred)
{
	layout L;
	net_in in = {topo, pred_off, pred};
	memset(out, 0, sizeof *out);
	if (build_layout(&L, a, n, &in))
		return -1;
	out->y = bt_arena_alloc(a, sizeof(double) * (L.nx + 1));
	if (!out->y)
		return -1;
	out->n = L.n;
	out->nx = L.nx;
	out->nl = L.nl;
	out->layer = L.layer;
	out->pos = L.pos;
	out->loff = L.loff;
	out->lnodes = L.lnodes;
	out->chain_off = L.chain_off;
	out->chain = L.chain;
	out->crossings = L.crossings;
	return 0;
}

double bt_layout_stack(bt_layout *L, double h_real, double h_dummy)
{
	double hmax = 0;
	for (uint32_t l = 0; l < L->nl; l++) {
		double y = 0;
		for (uint32_t i = L->loff[l]; i < L->loff[l + 1]; i++) {
			uint32_t x = L->lnodes[i];
			double h = x < L->n ? h_real : h_dummy;
			L->y[x] = y + h / 2;
			y += h;
		}
		hmax = MAX(hmax, y);
	}
	for (uint32_t l = 0; l < L->nl; l++) {
		uint32_t i0 = L->loff[l], i1 = L->loff[l + 1];
		if (i0 == i1)
			continue;
		uint32_t last = L->lnodes[i1 - 1];
		double h = L->y[last] + (last < L->n ? h_real : h_dummy) / 2;
		double off = (hmax - h) / 2;
		for (uint32_t i = i0; i < i1; i++)
			L->y[L->lnodes[i]] += off;
	}
	return hmax;
}
