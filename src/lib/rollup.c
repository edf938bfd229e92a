/*
 * rollup.c: a big plan's tasks in groups (workstreams, else teams), each
 * group's span, progress and float, and the links between groups, for the
 * report of a plan too big to draw task by task (rollup.h).
 */
#include <stdlib.h>
#include <string.h>

#include "rollup.h"

/* qsort has no context argument: each key carries what it compares. */
typedef struct rkey {
	const char *ws; /* workstreams: the name (NULL: none) */
	uint32_t team;  /* teams: the index (BT_NONE: none) */
	uint32_t v;
} rkey;

static int cmp_ws(const void *x, const void *y)
{
	const rkey *a = x, *b = y;
	if (!a->ws || !b->ws) {
		if (a->ws != b->ws)
			return a->ws ? -1 : 1; /* no workstream last */
	} else {
		int c = strcmp(a->ws, b->ws);
		if (c)
			return c;
	}
	return a->v < b->v ? -1 : a->v > b->v;
}

static int cmp_team(const void *x, const void *y)
{
	const rkey *a = x, *b = y;
	if (a->team != b->team)
		return a->team < b->team ? -1 : 1; /* BT_NONE last */
	return a->v < b->v ? -1 : a->v > b->v;
}

static int cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
	return a < b ? -1 : a > b;
}

typedef struct tstart {
	int32_t es;
	uint32_t v;
} tstart;

static int cmp_start(const void *x, const void *y)
{
	const tstart *a = x, *b = y;
	if (a->es != b->es)
		return a->es < b->es ? -1 : 1;
	return a->v < b->v ? -1 : a->v > b->v;
}

typedef struct gord {
	bt_date from;
	uint32_t first; /* its first task in the plan */
	uint32_t g;
} gord;

static int cmp_gord(const void *x, const void *y)
{
	const gord *a = x, *b = y;
	if (a->from != b->from)
		return a->from < b->from ? -1 : 1;
	return a->first < b->first ? -1 : a->first > b->first;
}

int bt_rollup_build(bt_rollup *R, bt_arena *a, const bt_plan *p, const struct baton_schedule *s,
		    const bt_assessment *as)
{
	const bt_net *n = &s->net;
	uint32_t nt = n->nt;
	memset(R, 0, sizeof *R);
	for (uint32_t v = 0; v < nt && !R->by_workstream; v++)
		R->by_workstream = p->tasks.v[v].workstream != NULL;
	uint64_t *lk = NULL;

	/* Groups: tasks with the same key, numbered in key order first. */
	rkey *k = bt_malloc(sizeof(rkey) * (nt ? nt : 1));
	tstart *st = bt_malloc(sizeof(tstart) * (nt ? nt : 1));
	R->tasks = bt_arena_alloc(a, sizeof(uint32_t) * (nt ? nt : 1));
	R->group_of = bt_arena_alloc(a, sizeof(uint32_t) * (nt ? nt : 1));
	uint32_t *gmap = NULL;
	gord *go = NULL;
	int rc = -1;
	if (!k || !st || !R->tasks || !R->group_of)
		goto out;
	for (uint32_t v = 0; v < nt; v++) {
		uint32_t t = p->tasks.v[v].team.idx;
		k[v] = (rkey){p->tasks.v[v].workstream, t < p->teams.n ? t : BT_NONE, v};
	}
	uint32_t ng;
	for (;;) {
		qsort(k, nt, sizeof(rkey), R->by_workstream ? cmp_ws : cmp_team);
		ng = 0;
		for (uint32_t i = 0; i < nt; i++) {
			int same = i && (R->by_workstream ? (k[i].ws && k[i - 1].ws ? !strcmp(k[i].ws, k[i - 1].ws)
									: k[i].ws == k[i - 1].ws)
							  : k[i].team == k[i - 1].team);
			ng += !same;
			R->group_of[k[i].v] = ng - 1;
		}
		if (!R->by_workstream || ng <= BT_ROLLUP_GROUPS)
			break;
		R->by_workstream = 0; /* too many workstreams: teams */
		R->nworkstream = ng;
	}
	R->ngroup = ng;
	R->g = bt_arena_zalloc(a, sizeof(bt_rollup_group) * (ng ? ng : 1));
	gmap = bt_malloc(sizeof(uint32_t) * (ng ? ng : 1));
	go = bt_malloc(sizeof(gord) * (ng ? ng : 1));
	if (!R->g || !gmap || !go)
		goto out;
	for (uint32_t g = 0; g < ng; g++) {
		R->g[g].min_float = BT_DAY_NONE;
		R->g[g].min_float_task = BT_NONE;
	}
	for (uint32_t i = 0; i < nt; i++) {
		uint32_t g = R->group_of[k[i].v];
		bt_rollup_group *G = &R->g[g];
		if (!i || g != R->group_of[k[i - 1].v])
			go[g].first = k[i].v; /* keys sort by task within a group */
		G->name = R->by_workstream ? k[i].ws : k[i].team == BT_NONE ? NULL
			: p->teams.v[k[i].team].title ? p->teams.v[k[i].team].title : p->teams.v[k[i].team].id;
		G->team = R->by_workstream ? BT_NONE : k[i].team;
	}

	/* Each group's figures. */
	for (uint32_t v = 0; v < nt; v++) {
		bt_rollup_group *G = &R->g[R->group_of[v]];
		int32_t es = s->cpm.es[v], ef = s->cpm.ef[v];
		bt_date from = bt_cal_date(&n->cal, es), to = ef > es ? bt_cal_date(&n->cal, ef - 1) + 1 : from;
		int done = n->state[v] == BT_TS_DONE;
		G->ntask++;
		if (done)
			G->ndone++;
		G->nstarted += n->state[v] == BT_TS_STARTED;
		G->ncrit += s->cpm.critical[v] && !done;
		if (G->ntask == 1 || from < G->from)
			G->from = from;
		if (G->ntask == 1 || to > G->to)
			G->to = to;
		int32_t tf = s->cpm.tf[v];
		if (!done && tf != BT_DAY_NONE && (G->min_float == BT_DAY_NONE || tf < G->min_float)) {
			G->min_float = tf;
			G->min_float_task = v;
		}
	}

	/* Groups by first start; then their tasks, each group's by start. */
	for (uint32_t g = 0; g < ng; g++)
		go[g] = (gord){R->g[g].from, go[g].first, g};
	qsort(go, ng, sizeof(gord), cmp_gord);
	bt_rollup_group *sorted = bt_arena_alloc(a, sizeof(bt_rollup_group) * (ng ? ng : 1));
	if (!sorted)
		goto out;
	for (uint32_t g = 0; g < ng; g++) {
		sorted[g] = R->g[go[g].g];
		gmap[go[g].g] = g;
	}
	R->g = sorted;
	uint32_t at = 0;
	for (uint32_t g = 0; g < ng; g++) {
		R->g[g].task0 = at;
		at += R->g[g].ntask;
		R->g[g].ntask = 0;
	}
	for (uint32_t v = 0; v < nt; v++) {
		R->group_of[v] = gmap[R->group_of[v]];
		bt_rollup_group *G = &R->g[R->group_of[v]];
		st[G->task0 + G->ntask++] = (tstart){s->cpm.es[v], v};
	}
	for (uint32_t g = 0; g < ng; g++) {
		qsort(st + R->g[g].task0, R->g[g].ntask, sizeof(tstart), cmp_start);
		for (uint32_t i = 0; i < R->g[g].ntask; i++)
			R->tasks[R->g[g].task0 + i] = st[R->g[g].task0 + i].v;
	}

	/* Links between groups (task to task; milestones are drawn apart):
	 * each link's pair of groups as one number, sorted and counted, so
	 * the cells are as many as the pairs that have links, not ng * ng. */
	size_t ne = 0, nh = 0;
	for (uint32_t v = 0; v < nt; v++)
		for (uint32_t e = n->pred_off[v]; e < n->pred_off[v + 1]; e++)
			ne += n->pred[e] < nt;
	for (uint32_t i = 0; i < as->handoffs.n; i++)
		nh += as->handoffs.v[i].at_risk && as->handoffs.v[i].from < nt && as->handoffs.v[i].to < nt;
	lk = bt_malloc(sizeof(uint64_t) * (ne + nh + 1));
	if (!lk)
		goto out;
	ne = 0;
	for (uint32_t v = 0; v < nt; v++)
		for (uint32_t e = n->pred_off[v]; e < n->pred_off[v + 1]; e++)
			if (n->pred[e] < nt)
				lk[ne++] = (uint64_t)R->group_of[n->pred[e]] << 32 | R->group_of[v];
	qsort(lk, ne, sizeof(uint64_t), cmp_u64);
	uint32_t nc = 0;
	for (size_t i = 0; i < ne; i++)
		nc += !i || lk[i] != lk[i - 1];
	R->cell = bt_arena_zalloc(a, sizeof(bt_rollup_cell) * (nc ? nc : 1));
	R->busiest = bt_arena_alloc(a, sizeof(uint32_t) * (nc ? nc : 1));
	if (!R->cell || !R->busiest)
		goto out;
	for (size_t i = 0; i < ne; i++) {
		if (!i || lk[i] != lk[i - 1])
			R->cell[R->ncell++] = (bt_rollup_cell){(uint32_t)(lk[i] >> 32), (uint32_t)lk[i], 0, 0};
		R->cell[R->ncell - 1].links++;
	}
	R->nlinks = (uint32_t)ne;
	for (uint32_t c = 0; c < R->ncell; c++)
		if (R->cell[c].from != R->cell[c].to)
			R->ncross += R->cell[c].links;
	/* A hand-off is a link, so its cell is there. */
	for (uint32_t i = 0; i < as->handoffs.n; i++) {
		const bt_as_handoff *h = &as->handoffs.v[i];
		if (!h->at_risk || h->from >= nt || h->to >= nt)
			continue;
		uint64_t key = (uint64_t)R->group_of[h->from] << 32 | R->group_of[h->to];
		uint32_t lo = 0, hi = R->ncell;
		while (lo < hi) {
			uint32_t mid = lo + (hi - lo) / 2;
			uint64_t mk = (uint64_t)R->cell[mid].from << 32 | R->cell[mid].to;
			if (mk < key)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < R->ncell && R->cell[lo].from == (uint32_t)(key >> 32) && R->cell[lo].to == (uint32_t)key) {
			R->cell[lo].risky++;
			R->nrisky++;
		}
	}
	/* The busiest pairs: links between two groups by count, as one
	 * sortable number (not-crossing last, more links first, then the
	 * cell's place). */
	for (uint32_t c = 0; c < R->ncell; c++)
		lk[c] = (uint64_t)(R->cell[c].from == R->cell[c].to) << 63 |
			(uint64_t)(UINT32_MAX - R->cell[c].links) << 31 | c;
	qsort(lk, R->ncell, sizeof(uint64_t), cmp_u64);
	for (uint32_t c = 0; c < R->ncell; c++)
		R->busiest[c] = (uint32_t)(lk[c] & 0x7fffffff);
	rc = 0;
out:
	bt_free(k);
	bt_free(st);
	bt_free(gmap);
	bt_free(go);
	bt_free(lk);
	return rc;
}
