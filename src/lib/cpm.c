/*
 * cpm.c: the critical-path method over the compiled network.
 *
 * Precedence diagramming (Moder, Phillips and Davis 1983): a link from i to
 * k of type FS/SS/FF/SF with lag L bounds k's start or finish:
 *   FS: S_k >= F_i + L     SS: S_k >= S_i + L
 *   FF: F_k >= F_i + L     SF: F_k >= S_i + L
 * Finishes are exclusive day offsets, F = S + d. The forward pass takes the
 * earliest start meeting every bound and the task's release; the backward
 * pass the latest finish meeting every successor's late dates, with the
 * project end (the latest early finish) for tasks nothing follows. Total
 * float is LF - EF; free float is the slack left in the tightest outgoing
 * link at early dates. Both passes visit each node and link once.
 *
 * Progress (docs/plan-language.md, "How baton schedules"): a done task is
 * fixed at its actual dates; a started task has a fixed start and its
 * remaining work runs from the data day, later only when a finish-side
 * link (FF, SF) into it needs a later finish. Start-side links into
 * started or done work are history and bind nothing; SS and SF links out
 * of a started task hang on its actual start, so they never set its late
 * dates.
 *
 * Calendars: a task works on its team's working days (net.h, bt_wc_*):
 * durations count them, finishes skip the team's days off. Lags count
 * program working days.
 */
#include "cpm.h"

#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define MIN(a, b) ((a) < (b) ? (a) : (b))

/* Earliest start of a node from its links [k0, k1) and its predecessors'
 * early dates. *fin_bound receives the strongest bound on its finish
 * (FF/SF links). The link's type picks by selects, not a switch (enum
 * bt_dep_type: bit 0 set for a link from the start, SS and SF; FS and SS
 * bound the start). */
static inline int32_t start_bound(const uint32_t *pred, const int32_t *lag, const uint8_t *type,
				  uint32_t k0, uint32_t k1, const int32_t *es, const int32_t *ef,
				  int32_t *fin_bound)
{
	int32_t sb = INT32_MIN, fb = INT32_MIN;
	for (uint32_t k = k0; k < k1; k++) {
		uint32_t u = pred[k];
		unsigned ty = type[k];
		int32_t x = ((ty & 1) ? es[u] : ef[u]) + lag[k];
		int32_t ns = MAX(sb, x), nf = MAX(fb, x);
		int to_start = ty < BT_FF;
		sb = to_start ? ns : sb;
		fb = to_start ? fb : nf;
	}
	*fin_bound = fb;
	return sb;
}

/* Node v's early dates given the bounds of its links: one rule for both
 * forward passes below. */
static inline void forward_node(const bt_net *net, uint32_t v, int32_t sb, int32_t fb, int32_t d,
				int32_t *es, int32_t *ef)
{
	if (net->state[v] == BT_TS_STARTED) {
		/* The start is a fact; the remaining work runs from the
		 * data day, later only when a finish link needs it to
		 * (retained logic). */
		int32_t s = bt_net_dday(net, v);
		if (fb != INT32_MIN)
			s = MAX(s, bt_wc_start_for(net, v, fb, d));
		es[v] = net->act_start[v];
		ef[v] = bt_wc_fin(net, v, s, d);
	} else if (net->cal_of[v] == BT_NONE) {
		/* On the program calendar (most tasks), the calendar steps
		 * below are sums. */
		int32_t dd = MAX(d, 0);
		int32_t s = MAX(net->release[v], sb);
		int32_t by_fin = fb == INT32_MIN ? INT32_MIN : fb - dd;
		s = MAX(s, by_fin);
		es[v] = s;
		ef[v] = s + dd;
	} else {
		int32_t s = MAX(net->release[v], sb);
		if (fb != INT32_MIN)
			s = MAX(s, bt_wc_start_for(net, v, fb, d));
		if (d > 0)
			s = bt_wc_snap(net, v, s);
		es[v] = s;
		ef[v] = bt_wc_fin(net, v, s, d);
	}
}

int32_t bt_cpm_forward(const bt_net *net, const int32_t *dur, int32_t *es, int32_t *ef)
{
	int32_t end = 0;
	for (uint32_t i = 0; i < net->n; i++) {
		uint32_t v = net->topo[i];
		if (net->state[v] == BT_TS_DONE) {
			es[v] = net->act_start[v];
			ef[v] = net->act_finish[v];
		} else {
			int32_t fb, sb = start_bound(net->pred, net->pred_lag, net->pred_type, net->pred_off[v],
						     net->pred_off[v + 1], es, ef, &fb);
			forward_node(net, v, sb, fb, dur[v], es, ef);
		}
		if (ef[v] > end)
			end = ef[v];
	}
	return end;
}

int bt_fwd_build(const bt_net *net, bt_fwd *f, bt_arena *a)
{
	f->off = bt_arena_alloc(a, sizeof(uint32_t) * ((size_t)net->n + 1));
	f->pred = bt_arena_alloc(a, sizeof(uint32_t) * ((size_t)net->ne + 1));
	f->lag = bt_arena_alloc(a, sizeof(int32_t) * ((size_t)net->ne + 1));
	f->type = bt_arena_alloc(a, (size_t)net->ne + 1);
	f->release = bt_arena_alloc(a, sizeof(int32_t) * ((size_t)net->n + 1));
	f->plain = bt_arena_alloc(a, (size_t)net->n + 1);
	if (!f->off || !f->pred || !f->lag || !f->type || !f->release || !f->plain)
		return -1;
	uint32_t m = 0;
	for (uint32_t i = 0; i < net->n; i++) {
		uint32_t v = net->topo[i];
		f->release[i] = net->release[v];
		f->plain[i] = net->state[v] == BT_TS_PLANNED && net->cal_of[v] == BT_NONE;
		f->off[i] = m;
		for (uint32_t k = net->pred_off[v]; k < net->pred_off[v + 1]; k++, m++) {
			f->pred[m] = net->pred[k];
			f->lag[m] = net->pred_lag[k];
			f->type[m] = net->pred_type[k];
		}
	}
	f->off[net->n] = m;
	return 0;
}

int32_t bt_cpm_forward_fwd(const bt_net *net, const bt_fwd *f, const int32_t *dur, int32_t *es,
			   int32_t *ef)
{
	int32_t end = 0;
	for (uint32_t i = 0; i < net->n; i++) {
		uint32_t v = net->topo[i];
		if (f->plain[i]) {
			/* forward_node's program-calendar case, its facts
			 * read in order. */
			int32_t fb, sb = start_bound(f->pred, f->lag, f->type, f->off[i], f->off[i + 1], es, ef, &fb);
			int32_t dd = MAX(dur[v], 0);
			int32_t s = MAX(f->release[i], sb);
			int32_t by_fin = fb == INT32_MIN ? INT32_MIN : fb - dd;
			s = MAX(s, by_fin);
			es[v] = s;
			ef[v] = s + dd;
		} else if (net->state[v] == BT_TS_DONE) {
			es[v] = net->act_start[v];
			ef[v] = net->act_finish[v];
		} else {
			int32_t fb, sb = start_bound(f->pred, f->lag, f->type, f->off[i], f->off[i + 1], es, ef, &fb);
			forward_node(net, v, sb, fb, dur[v], es, ef);
		}
		if (ef[v] > end)
			end = ef[v];
	}
	return end;
}

int bt_cpm_alloc(bt_cpm *c, uint32_t n, bt_arena *a)
{
	size_t sz = sizeof(int32_t) * ((size_t)n + 1);
	c->es = bt_arena_alloc(a, sz);
	c->ef = bt_arena_alloc(a, sz);
	c->ls = bt_arena_alloc(a, sz);
	c->lf = bt_arena_alloc(a, sz);
	c->tf = bt_arena_alloc(a, sz);
	c->ff = bt_arena_alloc(a, sz);
	c->critical = bt_arena_alloc(a, (size_t)n + 1);
	return c->es && c->ef && c->ls && c->lf && c->tf && c->ff && c->critical ? 0 : -1;
}

void bt_cpm_late(const bt_net *net, const int32_t *es, const int32_t *ef, const int32_t *bound,
		 uint32_t *bind, uint32_t weak, int32_t *ls, int32_t *lf, int32_t *free)
{
	for (uint32_t i = net->n; i-- > 0;) {
		uint32_t v = net->topo[i];
		if (net->state[v] == BT_TS_DONE) {
			ls[v] = es[v];
			lf[v] = ef[v];
			if (free)
				free[v] = 0;
			if (bind)
				bind[v] = BT_NONE;
			continue;
		}
		int started = net->state[v] == BT_TS_STARTED;
		int32_t d = net->dur[v];
		int32_t f = bound[v], fr = bound[v] == INT32_MAX ? INT32_MAX : bound[v] - ef[v];
		uint32_t b = bind ? bind[v] : BT_NONE;
		for (uint32_t k = net->succ_off[v]; k < net->succ_off[v + 1]; k++) {
			uint32_t s = net->succ[k];
			int32_t lag = net->succ_lag[k], cand, slack;
			uint8_t st = net->state[s], ty = net->succ_type[k];
			if (st == BT_TS_DONE || (bind && bind[s] == BT_NONE))
				continue;
			/* Links into started work that bind its start are
			 * history; links out of started work from its start
			 * are bound by a fact, not by this task's finish. */
			if (st == BT_TS_STARTED && (ty == BT_FS || ty == BT_SS))
				continue;
			if (started && (ty == BT_SS || ty == BT_SF))
				continue;
			switch (ty) {
			case BT_FS:
				cand = ls[s] - lag;
				slack = es[s] - lag - ef[v];
				break;
			case BT_SS:
				cand = bt_wc_latest_fin(net, v, ls[s] - lag, d);
				slack = es[s] - lag - es[v];
				break;
			case BT_FF:
				cand = lf[s] - lag;
				slack = ef[s] - lag - ef[v];
				break;
			default:
				cand = bt_wc_latest_fin(net, v, lf[s] - lag, d);
				slack = ef[s] - lag - es[v];
				break;
			}
			if (cand < f || (bind && cand == f && b == weak && bind[s] != weak)) {
				f = cand;
				if (bind)
					b = bind[s];
			}
			fr = MIN(fr, slack);
		}
		if (bind)
			bind[v] = b;
		if (free)
			free[v] = fr;
		if (f == INT32_MAX) {
			ls[v] = lf[v] = INT32_MAX;
			continue;
		}
		/* A planned task's latest finish is a day its team works; a
		 * started task's start is a fact, so its bound stands as is. */
		if (!started) {
			ls[v] = bt_wc_start_by(net, v, f, d);
			f = bt_wc_fin(net, v, ls[v], d);
		} else {
			ls[v] = es[v];
		}
		lf[v] = f;
	}
}

void bt_cpm_backward(const bt_net *net, bt_cpm *c)
{
	/* Every node's bound is the end of the program; tf and ff reuse
	 * their arrays as scratch for the bound and the free slack. */
	for (uint32_t v = 0; v < net->n; v++)
		c->tf[v] = c->end_day;
	bt_cpm_late(net, c->es, c->ef, c->tf, NULL, BT_NONE, c->ls, c->lf, c->ff);
	for (uint32_t v = 0; v < net->n; v++) {
		if (net->state[v] == BT_TS_DONE) {
			c->tf[v] = c->ff[v] = 0;
			c->critical[v] = 0;
			continue;
		}
		c->tf[v] = c->lf[v] - c->ef[v];
		if (c->ff[v] > c->tf[v])
			c->ff[v] = c->tf[v];
		c->critical[v] = c->tf[v] <= 0;
	}
}

int bt_cpm_run(const bt_net *net, bt_cpm *c, bt_arena *a)
{
	if (bt_cpm_alloc(c, net->n, a))
		return -1;
	c->end_day = bt_cpm_forward(net, net->dur, c->es, c->ef);
	bt_cpm_backward(net, c);
	return 0;
}

void bt_net_cpm_free(bt_net_cpm *x)
{
	if (!x)
		return;
	bt_arena_release(&x->arena);
	bt_free(x);
}

int bt_net_cpm_take(bt_plan *p, bt_date as_of, bt_arena *a, bt_net *net, bt_cpm *cpm)
{
	bt_net_cpm *x = p->pre;
	p->pre = NULL;
	/* A portfolio sets its programs' parts after the parse: the kept
	 * network knows nothing of them. */
	if (!x || p->parts.n || (as_of != BT_DATE_NONE && as_of != x->net.as_of)) {
		bt_net_cpm_free(x);
		return -1;
	}
	*a = x->arena;
	*net = x->net;
	*cpm = x->cpm;
	bt_free(x);
	return 0;
}
