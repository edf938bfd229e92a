/*
 * rcpsp_explain.c: why an activity started when it did in a given
 * schedule (the resource blocks that held it past its ready day) and the
 * resource-constrained critical path through it.
 */
#include "rcpsp_int.h"

#include <string.h>

/*=========================== Explanations ===========================*/

/* Free units per resource and day for a whole schedule: base capacity
 * minus the usage of every free activity, over [0, len); from len on the
 * final capacity. */
typedef struct usage {
	int32_t **av;
	int32_t len;
	uint32_t k;
	int32_t *fin;   /* [n] each free activity's finish (calendars only) */
} usage;

static void usage_free(usage *u)
{
	if (u->av)
		for (uint32_t r = 0; r < u->k; r++)
			bt_free(u->av[r]);
	bt_free(u->av);
	bt_free(u->fin);
}

static int usage_build(const inst *in, const int32_t *start, usage *u)
{
	int64_t len = 1;
	memset(u, 0, sizeof *u);
	u->k = in->k;
	for (uint32_t r = 0; r < in->k; r++)
		len = len > in->base_len[r] ? len : in->base_len[r];
	for (uint32_t j = 0; j < in->n; j++) {
		if (!is_free(in, j))
			continue;
		if (start[j] > MAX_PROFILE_DAYS) /* keeps fin_at() in range */
			return BT_RCPSP_EINVAL;
		if (fin_at(in, j, start[j]) > len)
			len = fin_at(in, j, start[j]);
	}
	if (len > MAX_PROFILE_DAYS)
		return BT_RCPSP_EINVAL;
	u->len = (int32_t)len;
	u->av = bt_calloc(in->k + 1, sizeof *u->av);
	if (!u->av)
		return BT_RCPSP_ENOMEM;
	if (in->cal_free) {
		u->fin = bt_calloc(in->n + 1, sizeof *u->fin);
		if (!u->fin)
			return BT_RCPSP_ENOMEM;
		for (uint32_t j = 0; j < in->n; j++)
			if (is_free(in, j))
				u->fin[j] = fin_at(in, j, start[j]);
	}
	for (uint32_t r = 0; r < in->k; r++) {
		u->av[r] = bt_malloc((size_t)len * sizeof(int32_t));
		if (!u->av[r])
			return BT_RCPSP_ENOMEM;
		for (int32_t t = 0; t < u->len; t++)
			u->av[r][t] = base_at(in, r, t);
	}
	for (uint32_t j = 0; j < in->n; j++) {
		if (!is_free(in, j))
			continue;
		int32_t b = max32(start[j], 0), e = fin_at(in, j, start[j]);
		cal k = cal_of(in, j);
		for (uint32_t x = in->dem_off[j]; x < in->dem_off[j + 1]; x++) {
			uint32_t o = off_index(k, b);
			for (int32_t t = b; t < e; t++) {
				if (o < k.m && k.off[o] == t) {
					o++;
					continue;
				}
				u->av[in->dem_res[x]][t] -= in->dem_amt[x];
			}
		}
	}
	return 0;
}

/* Units of r free on day t for activity j (its own usage given back). */
static int32_t free_for(const inst *in, const usage *u, const int32_t *start,
			uint32_t j, uint32_t r, int32_t amt, int32_t t)
{
	int32_t v = t < 0 ? 0 : t < u->len ? u->av[r][t] : in->final_cap[r];
	if (!in->off || !in->off[j]) {
		if (t >= start[j] && t < start[j] + in->dur[j])
			v += amt;
	} else if (t >= start[j] && t < u->fin[j] &&
		   !cal_is_off(cal_of(in, j), t)) {
		v += amt;
	}
	return v;
}

int bt_rcpsp_explain(const bt_rcpsp_problem *p, const int32_t *start,
		     bt_rcpsp_result *res)
{
	bt_arena a = BT_ARENA_INIT;
	inst in;
	usage u;
	memset(&u, 0, sizeof u);
	bt_free(res->early);
	bt_free(res->ready);
	bt_free(res->block_off);
	bt_free(res->block);
	res->early = res->ready = NULL;
	res->block_off = NULL;
	res->block = NULL;
	res->n = p->n;
	int rc = rc_inst_build(p, &in, &a);
	if (rc)
		goto out;
	rc = usage_build(&in, start, &u);
	if (rc)
		goto out;
	rc = BT_RCPSP_ENOMEM;
	res->early = bt_malloc(((size_t)p->n + 1) * sizeof *res->early);
	res->ready = bt_malloc(((size_t)p->n + 1) * sizeof *res->ready);
	res->block_off = bt_malloc(((size_t)p->n + 1) * sizeof *res->block_off);
	res->block = bt_malloc(((size_t)in.dem_off[p->n] + 1) * sizeof *res->block);
	if (!res->early || !res->ready || !res->block_off || !res->block)
		goto out;
	uint32_t nb = 0;
	for (uint32_t j = 0; j < p->n; j++) {
		res->block_off[j] = nb;
		res->early[j] = in.early[j];
		if (!is_free(&in, j)) {
			res->ready[j] = in.fixed[j];
			continue;
		}
		int32_t rd = rc_ready_at(&in, start, j), rf = fin_at(&in, j, rd);
		res->ready[j] = rd;
		if (start[j] <= rd)
			continue;
		cal k = cal_of(&in, j);
		for (uint32_t x = in.dem_off[j]; x < in.dem_off[j + 1]; x++) {
			uint32_t r = in.dem_res[x];
			int32_t amt = in.dem_amt[x], day = -1;
			for (int32_t t = rd; t < rf; t++)
				if (!cal_is_off(k, t) &&
				    free_for(&in, &u, start, j, r, amt, t) < amt) {
					day = t;
					break;
				}
			if (day < 0)
				continue;
			/* First window start >= rd where r alone fits. */
			int32_t t = cal_snap(k, day + 1), v = t;
			int32_t end = fin_at(&in, j, t);
			while (v < end) {
				if (!cal_is_off(k, v) &&
				    free_for(&in, &u, start, j, r, amt, v) < amt) {
					t = cal_snap(k, v + 1);
					end = fin_at(&in, j, t);
				}
				v++;
				if (t > start[j])
					break; /* cannot happen for a feasible schedule */
			}
			bt_rcpsp_block *b = &res->block[nb++];
			b->res = r;
			b->day = day;
			b->need = amt;
			b->avail = free_for(&in, &u, start, j, r, amt, day);
			b->until = t;
		}
	}
	res->block_off[p->n] = nb;
	rc = BT_RCPSP_OK;
out:
	usage_free(&u);
	bt_arena_release(&a);
	return rc;
}

/*================= Resource-constrained critical path ===============*/

int bt_rcpsp_critical_path(const bt_rcpsp_problem *p, const int32_t *start,
			   bt_rcpsp_link *chain, uint32_t *len)
{
	bt_arena a = BT_ARENA_INIT;
	inst in;
	usage u;
	memset(&u, 0, sizeof u);
	*len = 0;
	int rc = rc_inst_build(p, &in, &a);
	if (rc || p->n == 0)
		goto out;
	rc = usage_build(&in, start, &u);
	if (rc)
		goto out;
	uint8_t *seen = bt_arena_zalloc(&a, p->n + 1);
	if (!seen) {
		rc = BT_RCPSP_ENOMEM;
		goto out;
	}
	/* The activity that finishes last (the first such, free preferred). */
	uint32_t cur = 0;
	for (uint32_t j = 1; j < p->n; j++) {
		int64_t fj = fin_at(&in, j, start[j]);
		int64_t fc = fin_at(&in, cur, start[cur]);
		if (fj > fc || (fj == fc && is_free(&in, j) && !is_free(&in, cur)))
			cur = j;
	}
	uint32_t w = 0;
	for (;;) {
		bt_rcpsp_link *l = &chain[w++];
		l->act = cur;
		l->kind = BT_RCPSP_LINK_START;
		l->res = UINT32_MAX;
		seen[cur] = 1;
		if (!is_free(&in, cur)) {
			l->kind = BT_RCPSP_LINK_FIXED;
			break;
		}
		int32_t s = start[cur];
		uint32_t next = UINT32_MAX;
		/* Precedence-tight predecessor (free or fixed): its bound,
		 * moved to a working day, is the start. */
		for (uint32_t i = 0; i < p->nprec && next == UINT32_MAX; i++) {
			const bt_rcpsp_prec *e = &p->prec[i];
			if (e->to != cur || e->from == cur || seen[e->from])
				continue;
			uint8_t k;
			int32_t d = rc_edge_delta(&in, e, 0, &k);
			if (snap_at(&in, cur, rc_edge_bound(&in, e->from, start[e->from],
							 cur, d, k)) == s)
				next = e->from;
		}
		if (next != UINT32_MAX) {
			l->kind = BT_RCPSP_LINK_PREC;
		} else if (s > snap_at(&in, cur, in.rel[cur])) {
			/* Which resource stopped it from starting on its
			 * previous working day, a day earlier without calendar?
			 * That day is the one the earlier window would add, and
			 * the activity that frees the resource works on it and
			 * finishes by s. */
			int32_t prev = snap_back_at(&in, cur, s - 1);
			for (uint32_t x = in.dem_off[cur]; x < in.dem_off[cur + 1]; x++) {
				uint32_t r = in.dem_res[x];
				int32_t amt = in.dem_amt[x];
				if (free_for(&in, &u, start, cur, r, amt, prev) >= amt)
					continue;
				uint32_t best = UINT32_MAX;
				for (uint32_t j = 0; j < p->n; j++) {
					if (j == cur || seen[j] ||
					    fin_at(&in, j, start[j]) > s ||
					    !works_on(&in, j, start[j], prev))
						continue;
					for (uint32_t y = in.dem_off[j]; y < in.dem_off[j + 1]; y++)
						if (in.dem_res[y] == r) {
							best = j;
							break;
						}
					if (best != UINT32_MAX)
						break;
				}
				if (best != UINT32_MAX) {
					next = best;
					l->kind = BT_RCPSP_LINK_RESOURCE;
					l->res = r;
					break;
				}
				if (l->kind == BT_RCPSP_LINK_START) {
					l->kind = BT_RCPSP_LINK_CAPACITY;
					l->res = r;
				}
			}
			if (next == UINT32_MAX && l->kind == BT_RCPSP_LINK_RESOURCE)
				l->kind = BT_RCPSP_LINK_START;
		}
		if (next == UINT32_MAX) {
			if (l->kind == BT_RCPSP_LINK_PREC || l->kind == BT_RCPSP_LINK_RESOURCE)
				l->kind = BT_RCPSP_LINK_START;
			break;
		}
		if (w >= p->n)
			break;
		cur = next;
	}
	/* Reverse into time order. */
	for (uint32_t i = 0; i < w / 2; i++) {
		bt_rcpsp_link t = chain[i];
		chain[i] = chain[w - 1 - i];
		chain[w - 1 - i] = t;
	}
	/* The walk set each kind on the later activity of a link, so after
	 * the reversal chain[i].kind relates chain[i] to chain[i-1], and
	 * chain[0] (the walk's end) is START, FIXED or CAPACITY. */
	*len = w;
	rc = BT_RCPSP_OK;
out:
	usage_free(&u);
	bt_arena_release(&a);
	return rc;
}
