/*
 * rcpsp_sgs.c: the capacity profile, the serial schedule-generation
 * scheme forward and backward, and the orderings that feed it (see
 * rcpsp.c for the sources).
 */
#include "rcpsp_int.h"

#include <limits.h>
#include <string.h>

/*========================= Capacity profile =========================*/


static int ensure_len(ctx *c, uint32_t r, int32_t need)
{
	if (need <= c->alen[r])
		return 0;
	if (need > MAX_PROFILE_DAYS) {
		c->err = BT_RCPSP_ENOMEM;
		return -1;
	}
	int32_t len = c->alen[r] * 2;
	if (len < need)
		len = need;
	if (len < 64)
		len = 64;
	int32_t *v = bt_realloc(c->avail[r], (size_t)len * sizeof *v);
	if (!v) {
		c->err = BT_RCPSP_ENOMEM;
		return -1;
	}
	for (int32_t t = c->alen[r]; t < len; t++)
		v[t] = base_at(c->in, r, t);
	c->avail[r] = v;
	c->alen[r] = len;
	return 0;
}

static void profile_reset(ctx *c)
{
	const inst *in = c->in;
	for (uint32_t r = 0; r < in->k; r++) {
		int32_t h = min32(c->hw[r], c->alen[r]);
		int32_t l = max32(min32(c->lw[r], h), 0);
		int32_t b = min32(h, in->base_len[r]);
		if (b > l)
			memcpy(c->avail[r] + l, in->base[r] + l,
			       (size_t)(b - l) * sizeof(int32_t));
		for (int32_t t = max32(b, l); t < h; t++)
			c->avail[r][t] = in->final_cap[r];
		c->hw[r] = 0;
		c->lw[r] = INT32_MAX;
	}
}

static void place(ctx *c, uint32_t j, int32_t t)
{
	const inst *in = c->in;
	int32_t end = t + in->dur[j];
	for (uint32_t e = in->dem_off[j]; e < in->dem_off[j + 1]; e++) {
		uint32_t r = in->dem_res[e];
		int32_t *av = c->avail[r], amt = in->dem_amt[e];
		for (int32_t u = t; u < end; u++)
			av[u] -= amt;
		if (end > c->hw[r])
			c->hw[r] = end;
		if (t < c->lw[r])
			c->lw[r] = t;
	}
}

/* place() for an activity with a calendar, its span [t, end) and the
 * index x0 of its first off day at or after t known: its working days
 * only. */
static void place_cal(ctx *c, uint32_t j, int32_t t, int32_t end, uint32_t x0)
{
	const inst *in = c->in;
	cal k = cal_of(in, j);
	for (uint32_t e = in->dem_off[j]; e < in->dem_off[j + 1]; e++) {
		uint32_t r = in->dem_res[e];
		int32_t *av = c->avail[r], amt = in->dem_amt[e];
		/* Runs of working days between off days, each a plain loop. */
		int32_t u = t;
		for (uint32_t x = x0; u < end; x++) {
			int32_t stop = x < k.m && k.off[x] < end ? k.off[x] : end;
			for (; u < stop; u++)
				av[u] -= amt;
			u = stop + 1;
		}
		if (end > c->hw[r])
			c->hw[r] = end;
		if (t < c->lw[r])
			c->lw[r] = t;
	}
}


/* The earliest day >= t on which j fits for its whole duration; STUCK
 * when from some day on j can never fit (a demand above the resource's
 * final capacity, past its last step), HARD_ERROR on a hard error. */
static int32_t find_forward(ctx *c, uint32_t j, int32_t t)
{
	const inst *in = c->in;
	int32_t d = in->dur[j];
	uint32_t a0 = in->dem_off[j], m = in->dem_off[j + 1] - a0;
	if (m == 0)
		return t;
	for (uint32_t i = 0; i < m; i++)
		c->ok[i] = t; /* resource i fits on days [t, ok[i]) */
	uint32_t i = 0, clean = 0;
	while (clean < m) {
		int32_t end = t + d;
		if (c->ok[i] < end) {
			uint32_t r = in->dem_res[a0 + i];
			int32_t amt = in->dem_amt[a0 + i];
			if (ensure_len(c, r, end))
				return HARD_ERROR;
			const int32_t *av = c->avail[r];
			int32_t u = max32(c->ok[i], t);
			while (u < end && av[u] >= amt)
				u++;
			if (u < end) {
				if (amt > in->final_cap[r] && u >= in->base_len[r]) {
					c->stuck_r = r;
					return STUCK;
				}
				t = u + 1;
				c->ok[i] = t;
				clean = 0;
				continue;
			}
			c->ok[i] = end;
		}
		clean++;
		i = i + 1 == m ? 0 : i + 1;
	}
	return t;
}

/* The latest day t in [lo, hi] on which j fits; lo - 1 when none. */
static int32_t find_backward(ctx *c, uint32_t j, int32_t hi, int32_t lo)
{
	const inst *in = c->in;
	int32_t d = in->dur[j], t = hi;
	uint32_t a0 = in->dem_off[j], m = in->dem_off[j + 1] - a0;
	if (m == 0 || t < lo)
		return t;
	for (uint32_t i = 0; i < m; i++)
		c->ok[i] = t + d; /* resource i fits on days [ok[i], t + d) */
	uint32_t i = 0, clean = 0;
	while (clean < m) {
		if (c->ok[i] > t) {
			uint32_t r = in->dem_res[a0 + i];
			int32_t amt = in->dem_amt[a0 + i];
			if (ensure_len(c, r, t + d))
				return lo - 1;
			const int32_t *av = c->avail[r];
			int32_t u = min32(c->ok[i], t + d) - 1;
			while (u >= t && av[u] >= amt)
				u--;
			if (u >= t) {
				t = u - d;
				if (t < lo)
					return lo - 1;
				c->ok[i] = t + d;
				clean = 0;
				continue;
			}
			c->ok[i] = t;
		}
		clean++;
		i = i + 1 == m ? 0 : i + 1;
	}
	return t;
}

/* find_forward() for an activity with a calendar: a window is the span
 * [t, end) of dur working days from a working start, and only its working
 * days need room. The window slides with two cursors into the off list, a
 * at t and b at end (the first off days at or after them): a shift past a
 * short day u drops the working days before u + 1 and adds as many at the
 * back, so it costs the off days it crosses and no search. ok[i] keeps
 * its meaning (resource i has room on the working days of [t, ok[i])).
 * OUT: *endp, the finish, and *ap, cursor a. */
static int32_t find_forward_cal(ctx *c, uint32_t j, int32_t t, int32_t *endp,
				uint32_t *ap)
{
	const inst *in = c->in;
	cal k = cal_of(in, j);
	uint32_t a0 = in->dem_off[j], m = in->dem_off[j + 1] - a0;
	uint32_t a = off_index(k, t), b;
	for (; a < k.m && k.off[a] == t; a++)
		t++;
	int32_t end = t + in->dur[j];
	for (b = a; b < k.m && k.off[b] < end; b++)
		end++;
	for (uint32_t i = 0; i < m; i++)
		c->ok[i] = t;
	uint32_t i = 0, clean = 0;
	while (clean < m) {
		if (c->ok[i] < end) {
			uint32_t r = in->dem_res[a0 + i];
			int32_t amt = in->dem_amt[a0 + i];
			if (ensure_len(c, r, end))
				return HARD_ERROR;
			const int32_t *av = c->avail[r];
			int32_t u = max32(c->ok[i], t);
			uint32_t x = a;
			while (x < k.m && k.off[x] < u)
				x++;
			/* Runs of working days between off days: u stops at the
			 * first short one, or at end. */
			for (;; x++) {
				int32_t stop = x < k.m && k.off[x] < end ? k.off[x] : end;
				while (u < stop && av[u] >= amt)
					u++;
				if (u < stop || stop == end)
					break;
				u = stop + 1;
			}
			if (u < end) {
				if (amt > in->final_cap[r] && u >= in->base_len[r]) {
					c->stuck_r = r;
					return STUCK;
				}
				/* Working days in [t, u + 1) leave the front... */
				int32_t gone = u + 1 - t;
				for (t = u + 1; a < k.m && k.off[a] < t; a++)
					gone--;
				for (; a < k.m && k.off[a] == t; a++)
					t++;
				/* ...and as many join at the back. */
				for (end += gone; b < k.m && k.off[b] < end; b++)
					end++;
				c->ok[i] = t;
				clean = 0;
				continue;
			}
			c->ok[i] = end;
		}
		clean++;
		i = i + 1 == m ? 0 : i + 1;
	}
	*endp = end;
	*ap = a;
	return t;
}

/* find_backward() for an activity with a calendar: the latest working
 * start t >= lo whose finish is <= fb, that is <= sb and whose working
 * days all have room; lo - 1 when none. The window slides back with the
 * same two cursors. OUT: *endp and *ap as for find_forward_cal(). */
static int32_t find_backward_cal(ctx *c, uint32_t j, int32_t fb, int32_t sb,
				 int32_t lo, int32_t *endp, uint32_t *ap)
{
	const inst *in = c->in;
	cal k = cal_of(in, j);
	uint32_t a0 = in->dem_off[j], m = in->dem_off[j + 1] - a0;
	/* The latest window ending by fb: back from fb over off days to
	 * its last working day, then dur working days back. */
	uint32_t b = off_index(k, fb), a;
	int32_t end = fb;
	for (; b > 0 && k.off[b - 1] == end - 1; b--)
		end--;
	int32_t t = end - in->dur[j];
	for (a = b; a > 0 && k.off[a - 1] >= t; a--)
		t--;
	if (sb < t) {
		/* The start bound is tighter: the window from sb back. */
		t = cal_snap_back(k, sb);
		a = off_index(k, t);
		end = t + in->dur[j];
		for (b = a; b < k.m && k.off[b] < end; b++)
			end++;
	}
	if (t < lo)
		return t;
	for (uint32_t i = 0; i < m; i++)
		c->ok[i] = end; /* room on the working days of [ok[i], end) */
	uint32_t i = 0, clean = 0;
	while (clean < m) {
		if (c->ok[i] > t) {
			uint32_t r = in->dem_res[a0 + i];
			int32_t amt = in->dem_amt[a0 + i];
			if (ensure_len(c, r, end))
				return lo - 1;
			const int32_t *av = c->avail[r];
			int32_t u = min32(c->ok[i], end) - 1;
			uint32_t x = b; /* off[x - 1] is the last off day <= u */
			while (x > 0 && k.off[x - 1] > u)
				x--;
			/* Runs of working days, backward: u stops at the last
			 * short one, or below t. */
			for (;; x--) {
				int32_t stop = x > 0 && k.off[x - 1] >= t ? k.off[x - 1] : t - 1;
				while (u > stop && av[u] >= amt)
					u--;
				if (u > stop || stop == t - 1)
					break;
				u = stop - 1;
			}
			if (u >= t) {
				/* Working days in [u, end) leave the back... */
				int32_t gone = end - u;
				for (end = u; b > 0 && k.off[b - 1] >= end; b--)
					gone--;
				for (; b > 0 && k.off[b - 1] == end - 1; b--)
					end--;
				/* ...and as many join at the front. */
				for (t -= gone; a > 0 && k.off[a - 1] >= t; a--)
					t--;
				if (t < lo)
					return lo - 1;
				c->ok[i] = end;
				clean = 0;
				continue;
			}
			c->ok[i] = t;
		}
		clean++;
		i = i + 1 == m ? 0 : i + 1;
	}
	*endp = end;
	*ap = a;
	return t;
}

/* rc_ready_at() inside a pass: free predecessors sit on working days and
 * their finishes are in c->fin, so no calendar is walked but j's own
 * when a bound is on its finish. Not moved to a working day. */
static int32_t ready_sgs(const ctx *c, const int32_t *s, uint32_t j)
{
	const inst *in = c->in;
	int32_t es = in->rel[j];
	for (uint32_t x = in->pred_off[j]; x < in->pred_off[j + 1]; x++) {
		uint32_t q = in->pred[x];
		uint8_t k = in->pred_kind ? in->pred_kind[x] : 0;
		int32_t v = ((k & KIND_FROM_FIN) ? c->fin[q] : s[q]) +
			    in->pred_delta[x];
		if (k & KIND_TO_FIN)
			v = earliest_for_fin(in, j, v);
		es = max32(es, v);
	}
	return es;
}

/* latest_at() inside a backward pass, successors' finishes from c->fin:
 * a bound on j's finish (*fb) and one on its start (the result). */
static int32_t latest_sgs(const ctx *c, const int32_t *s, uint32_t j,
			  int32_t *fb)
{
	const inst *in = c->in;
	int32_t sb = INT32_MAX;
	for (uint32_t x = in->succ_off[j]; x < in->succ_off[j + 1]; x++) {
		uint32_t q = in->succ[x];
		uint8_t k = in->succ_kind ? in->succ_kind[x] : 0;
		int32_t v = ((k & KIND_TO_FIN) ? c->fin[q] : s[q]) -
			    in->succ_delta[x];
		if (k & KIND_FROM_FIN)
			*fb = min32(*fb, v);
		else
			sb = min32(sb, v);
	}
	return sb;
}

/*====================== Schedule generation ========================*/

/* Serial SGS, forward: `list` holds the nfree free activities in a
 * precedence-feasible order. Writes s[] for them; returns the makespan,
 * STUCK when some activity can never fit after the ones before it (the
 * activities from it on get start -1), or HARD_ERROR. Counts one
 * schedule. */
int32_t rc_sgs_forward(ctx *c, const uint32_t *list, int32_t *s)
{
	const inst *in = c->in;
	c->used++;
	profile_reset(c);
	int32_t ms = in->fixed_end;
	for (uint32_t i = 0; i < in->nfree; i++) {
		uint32_t j = list[i];
		int32_t t, es, end = 0;
		uint32_t a = 0;
		if (!in->cal_free) {
			es = in->rel[j];
			for (uint32_t x = in->pred_off[j]; x < in->pred_off[j + 1]; x++)
				es = max32(es, s[in->pred[x]] + in->pred_delta[x]);
		} else {
			es = ready_sgs(c, s, j);
		}
		if (in->cal_free && in->off[j]) {
			t = find_forward_cal(c, j, es, &end, &a);
		} else {
			t = find_forward(c, j, es);
			end = t + in->dur[j];
		}
		if (t == STUCK) {
			uint32_t left = in->nfree - i;
			c->last_left = left;
			if (left < c->stuck_left) {
				c->stuck_left = left;
				c->stuck_act = j;
				c->stuck_res = c->stuck_r;
			}
			for (; i < in->nfree; i++)
				s[list[i]] = -1;
			return STUCK;
		}
		if (t < 0)
			return HARD_ERROR;
		s[j] = t;
		if (!in->cal_free) {
			place(c, j, t);
			ms = max32(ms, t + in->dur[j]);
			continue;
		}
		if (in->off[j])
			place_cal(c, j, t, end, a);
		else
			place(c, j, t);
		c->fin[j] = end;
		ms = max32(ms, end);
	}
	return ms;
}

/* Serial SGS, backward: `list` holds the free activities with every
 * activity after its successors; each is placed as late as its successors
 * and the deadline allow. Returns 0, 1 when some activity cannot be placed
 * (no schedule), -1 on a hard error. Counts one schedule. */
int rc_sgs_backward(ctx *c, const uint32_t *list, int32_t deadline,
		    int32_t *s)
{
	const inst *in = c->in;
	c->used++;
	profile_reset(c);
	for (uint32_t i = 0; i < in->nfree; i++) {
		uint32_t j = list[i];
		int32_t t, ls, fb = deadline, sb = INT32_MAX, end = 0;
		uint32_t a = 0;
		if (!in->cal_free) {
			ls = deadline - in->dur[j];
			for (uint32_t x = in->succ_off[j]; x < in->succ_off[j + 1]; x++)
				ls = min32(ls, s[in->succ[x]] - in->succ_delta[x]);
		} else {
			sb = latest_sgs(c, s, j, &fb);
			ls = min32(fb - in->dur[j], sb);
		}
		if (in->cal_free && in->off[j]) {
			t = find_backward_cal(c, j, fb, sb, in->rel[j], &end, &a);
		} else {
			t = find_backward(c, j, ls, in->rel[j]);
			end = t + in->dur[j];
		}
		if (c->err)
			return -1;
		if (t < in->rel[j])
			return 1;
		s[j] = t;
		if (!in->cal_free) {
			place(c, j, t);
			continue;
		}
		if (in->off[j])
			place_cal(c, j, t, end, a);
		else
			place(c, j, t);
		c->fin[j] = end;
	}
	return 0;
}

/*========================== Ordering helpers ========================*/


static int heap_less(const int64_t *key, const inst *in, uint32_t a, uint32_t b)
{
	if (key[a] != key[b])
		return key[a] < key[b];
	return in->rank[a] < in->rank[b];
}

static void heap_push(uint32_t *h, uint32_t *n, uint32_t v, const int64_t *key,
		      const inst *in)
{
	uint32_t i = (*n)++;
	while (i > 0) {
		uint32_t p = (i - 1) / 2;
		if (!heap_less(key, in, v, h[p]))
			break;
		h[i] = h[p];
		i = p;
	}
	h[i] = v;
}

static uint32_t heap_pop(uint32_t *h, uint32_t *n, const int64_t *key,
			 const inst *in)
{
	uint32_t top = h[0], v = h[--*n], i = 0;
	for (;;) {
		uint32_t l = 2 * i + 1, b;
		if (l >= *n)
			break;
		b = l;
		if (l + 1 < *n && heap_less(key, in, h[l + 1], h[l]))
			b = l + 1;
		if (!heap_less(key, in, h[b], v))
			break;
		h[i] = h[b];
		i = b;
	}
	if (*n)
		h[i] = v;
	return top;
}

/* A precedence-feasible list of the free activities: among those whose
 * predecessors are listed (successors, when backward), the smallest
 * ws->key first, ties by topological rank. */
void rc_list_by_key(const inst *in, order_ws *ws, int backward,
		    uint32_t *out)
{
	uint32_t nh = 0, w = 0;
	const uint32_t *off = backward ? in->succ_off : in->pred_off;
	const uint32_t *oth_off = backward ? in->pred_off : in->succ_off;
	const uint32_t *oth = backward ? in->pred : in->succ;
	for (uint32_t i = 0; i < in->nfree; i++) {
		uint32_t j = in->topo[i];
		ws->deg[j] = off[j + 1] - off[j];
		if (ws->deg[j] == 0)
			heap_push(ws->heap, &nh, j, ws->key, in);
	}
	while (nh) {
		uint32_t j = heap_pop(ws->heap, &nh, ws->key, in);
		out[w++] = j;
		for (uint32_t x = oth_off[j]; x < oth_off[j + 1]; x++)
			if (--ws->deg[oth[x]] == 0)
				heap_push(ws->heap, &nh, oth[x], ws->key, in);
	}
}

/* Order the free activities by day value v[j] (ascending; descending when
 * `desc`), ties by topological rank (reverse rank when desc), by counting
 * sort; if the result is not precedence-feasible (possible with
 * non-positive lags), fall back to rc_list_by_key. The list is forward
 * feasible when !desc and backward feasible when desc. */
int rc_order_by_day(ctx *c, order_ws *ws, const int32_t *v, int desc,
		    uint32_t *out)
{
	const inst *in = c->in;
	uint32_t nf = in->nfree;
	if (nf == 0)
		return 0;
	int32_t lo = INT32_MAX, hi = INT32_MIN;
	for (uint32_t i = 0; i < nf; i++) {
		int32_t x = v[in->topo[i]];
		lo = min32(lo, x);
		hi = max32(hi, x);
	}
	uint32_t range = (uint32_t)((int64_t)hi - lo + 1);
	if (range <= 4u * nf + 1024u) {
		if (range + 1 > ws->ncnt) {
			uint32_t *nc = bt_realloc(ws->cnt, (range + 1) * sizeof *nc);
			if (!nc)
				return BT_RCPSP_ENOMEM;
			ws->cnt = nc;
			ws->ncnt = range + 1;
		}
		memset(ws->cnt, 0, (range + 1) * sizeof *ws->cnt);
		for (uint32_t i = 0; i < nf; i++) {
			int32_t x = v[in->topo[i]];
			uint32_t b = desc ? (uint32_t)(hi - x) : (uint32_t)(x - lo);
			ws->cnt[b + 1]++;
		}
		for (uint32_t b = 0; b < range; b++)
			ws->cnt[b + 1] += ws->cnt[b];
		for (uint32_t i = 0; i < nf; i++) {
			uint32_t j = in->topo[desc ? nf - 1 - i : i];
			int32_t x = v[j];
			uint32_t b = desc ? (uint32_t)(hi - x) : (uint32_t)(x - lo);
			out[ws->cnt[b]++] = j;
		}
		for (uint32_t i = 0; i < nf; i++)
			ws->pos[out[i]] = i;
		int good = 1;
		for (uint32_t i = 0; i < nf && good; i++) {
			uint32_t j = out[i];
			for (uint32_t x = in->succ_off[j]; x < in->succ_off[j + 1]; x++) {
				uint32_t s = in->succ[x];
				if (desc ? ws->pos[s] > i : ws->pos[s] < i) {
					good = 0;
					break;
				}
			}
		}
		if (good)
			return 0;
	}
	for (uint32_t i = 0; i < nf; i++) {
		uint32_t j = in->topo[i];
		ws->key[j] = desc ? -(int64_t)v[j] : v[j];
	}
	rc_list_by_key(in, ws, desc, out);
	return 0;
}

void rc_ctx_free(ctx *c, uint32_t k)
{
	if (c->avail)
		for (uint32_t r = 0; r < k; r++)
			bt_free(c->avail[r]);
	bt_free(c->avail);
	bt_free(c->alen);
	bt_free(c->hw);
	bt_free(c->lw);
	bt_free(c->ok);
	bt_free(c->fin);
}

int rc_ctx_init(ctx *c, const inst *in)
{
	memset(c, 0, sizeof *c);
	c->in = in;
	c->avail = bt_calloc(in->k + 1, sizeof *c->avail);
	c->alen = bt_calloc(in->k + 1, sizeof *c->alen);
	c->hw = bt_calloc(in->k + 1, sizeof *c->hw);
	c->lw = bt_calloc(in->k + 1, sizeof *c->lw);
	c->ok = bt_calloc(in->maxdem + 1, sizeof *c->ok);
	c->err_act = c->err_res = UINT32_MAX;
	c->stuck_act = c->stuck_res = c->stuck_left = UINT32_MAX;
	if (!c->avail || !c->alen || !c->hw || !c->lw || !c->ok)
		return BT_RCPSP_ENOMEM;
	if (in->cal_free && !(c->fin = bt_calloc(in->n + 1, sizeof *c->fin)))
		return BT_RCPSP_ENOMEM;
	return 0;
}
