/*
 * layout.h: the layered drawing of a directed acyclic graph that the
 * report's dependency map uses (Sugiyama style): layers, dummy nodes on
 * long edges, an order within each layer that crosses few edges, and the
 * vertical position of every node. Nothing here knows plans or SVG; the
 * renderer picks the column widths and draws.
 */
#ifndef BT_LAYOUT_H
#define BT_LAYOUT_H

#include <stdint.h>

#include "util.h"

typedef struct bt_layout {
	uint32_t n;         /* real nodes: 0 .. n-1 */
	uint32_t nx;        /* real + dummies: dummies are n .. nx-1 */
	uint32_t nl;        /* layers */
	int32_t *layer;     /* [nx] 0 .. nl-1; an edge u -> v has layer[u] <
			       layer[v] */
	uint32_t *pos;      /* [nx] index in its layer */
	uint32_t *loff;     /* [nl + 1] layer l is lnodes[loff[l] .. loff[l+1]) */
	uint32_t *lnodes;   /* [nx] in order, top to bottom */
	/* Per edge, in the order of pred[]: its dummy nodes, one per layer
	 * it skips, chain[chain_off[e] .. chain_off[e+1]) from the tail's
	 * side (none when the graph's dummies are too many, see layout.c). */
	uint32_t *chain_off, *chain;
	long crossings;     /* edge crossings between adjacent layers */
	double *y;          /* [nx] centres, after bt_layout_stack() */
} bt_layout;

/* Lay out the graph of n nodes whose edges are pred[pred_off[v] ..
 * pred_off[v+1]) -> v (CSR, pred_off[n] edges), given a topological order
 * topo[n] (ties in a layer start in that order). Arrays live in arena a.
 * Returns 0, or -1 when out of memory. */
int bt_layout_build(bt_layout *L, bt_arena *a, uint32_t n, const uint32_t *topo,
		    const uint32_t *pred_off, const uint32_t *pred);

/* The vertical coordinates: each layer stacked from 0, a real node taking
 * h_real and a dummy h_dummy, y[] its centre; then every layer centred on
 * the tallest. Returns the tallest layer's height. */
double bt_layout_stack(bt_layout *L, double h_real, double h_dummy);

#endif
