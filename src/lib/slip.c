/*
 * slip.c: why each date moved since the last update. A slipped task has
 * causes of its own (a re-estimate entered since then, a late start, less
 * progress than planned, a risk that occurred, its team's capacity, an
 * open decision past its need-by) or inherits the root of the slipped
 * predecessor that binds it, so a chain of descendants is told once,
 * under its root. A milestone's CHANGE names the roots behind it, and
 * "what is being done" first answers those roots (docs/status.md).
 *
 * The previous update is a_prev (assess.h): a record's JSON or the plan's
 * previous status block. Re-estimates come from the plan's status blocks
 * dated after it; risk states and capacities from the record only (the
 * plan keeps one of each, so the previous block cannot tell a change).
 */
#include <string.h>

#include "assess.h"

typedef struct sctx {
	bt_assessment *a;
	const bt_plan *p;
	const bt_net *n;
	const bt_cpm *c;
	uint32_t *root;        /* [n->n] root task of a moved node, BT_NONE */
	uint32_t *item;        /* [nt] index into slipped, BT_NONE */
	uint32_t *up;          /* [nt] a root's own rooted predecessor's root:
				  a slip behind a slip, BT_NONE */
} sctx;

static const char *sfmt(sctx *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static const char *sfmt(sctx *x, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *r = bt_as_vfmt(x->a, fmt, ap);
	va_end(ap);
	return r;
}

static const char *dfmt(sctx *x, bt_date d)
{
	char b[11];
	if (d == BT_DATE_NONE)
		return "-";
	bt_date_format(d, b);
	return sfmt(x, "%s", b);
}

static const char *est_text(sctx *x, const bt_estimate *e)
{
	if (e->points == 3)
		return sfmt(x, "%dd %dd %dd", e->o, e->m, e->p);
	return sfmt(x, "%dd", e->m);
}

bt_estimate bt_est_at(const bt_plan *p, uint32_t v, bt_date d)
{
	bt_estimate e = p->tasks.v[v].est;
	bt_date best = BT_DATE_NONE;
	for (uint32_t i = 0; i < p->statuses.n; i++) {
		const bt_status *s = &p->statuses.v[i];
		if (s->date == BT_DATE_NONE || s->date > d || (best != BT_DATE_NONE && s->date < best))
			continue;
		for (uint32_t k = 0; k < s->nentry; k++) {
			const bt_entry *en = &p->entries.v[s->entry0 + k];
			if (en->kind == BT_E_ESTIMATE && en->task.kind == BT_K_TASK && en->task.idx == v) {
				e = en->est;
				best = s->date;
			}
		}
	}
	return e;
}

void bt_est_all_at(const bt_plan *p, bt_date d, bt_estimate *est, bt_date *when)
{
	for (uint32_t v = 0; v < p->tasks.n; v++) {
		est[v] = p->tasks.v[v].est;
		when[v] = BT_DATE_NONE;
	}
	/* As bt_est_at: the latest block on or before d wins, and of two
	 * blocks of one date the later in the file. */
	for (uint32_t i = 0; i < p->statuses.n; i++) {
		const bt_status *s = &p->statuses.v[i];
		if (s->date == BT_DATE_NONE || s->date > d)
			continue;
		for (uint32_t k = 0; k < s->nentry; k++) {
			const bt_entry *en = &p->entries.v[s->entry0 + k];
			uint32_t v = en->task.idx;
			if (en->kind != BT_E_ESTIMATE || en->task.kind != BT_K_TASK || v >= p->tasks.n)
				continue;
			if (when[v] == BT_DATE_NONE || s->date >= when[v]) {
				est[v] = en->est;
				when[v] = s->date;
			}
		}
	}
}

static void cause(sctx *x, uint8_t kind, uint8_t sk, uint32_t subj, uint32_t task, const char *from, const char *to,
		  bt_date when, const char *text)
{
	bt_slip_cause *c = BT_VEC_PUSH(x->a->slip_causes);
	if (!c) {
		x->a->oom = 1;
		return;
	}
	c->kind = kind;
	c->subject_kind = sk;
	c->subject = subj;
	c->task = task;
	c->from = from;
	c->to = to;
	c->when = when;
	c->text = text;
	c->was = c->now = 0;
}

/* Set the figures of the cause just added. */
static void figures(sctx *x, int32_t was, int32_t now)
{
	if (x->a->slip_causes.n) {
		x->a->slip_causes.v[x->a->slip_causes.n - 1].was = was;
		x->a->slip_causes.v[x->a->slip_causes.n - 1].now = now;
	}
}

static int has_cause(const sctx *x, uint32_t c0, uint8_t kind)
{
	for (uint32_t i = c0; i < x->a->slip_causes.n; i++)
		if (x->a->slip_causes.v[i].kind == kind)
			return 1;
	return 0;
}

static uint32_t pred_root(const sctx *x, uint32_t v);

/* Levelled: v starts later than its links and the data day allow, so
 * its team's people hold it. */
static int held_by_team(const sctx *x, uint32_t v)
{
	const bt_net *n = x->n;
	const bt_cpm *c = x->c;
	if (n->state[v] != BT_TS_PLANNED)
		return 0;
	int32_t bound = bt_net_dday(n, v), dur = c->ef[v] - c->es[v];
	for (uint32_t k = n->pred_off[v]; k < n->pred_off[v + 1]; k++) {
		uint32_t u = n->pred[k];
		int32_t lag = n->pred_lag[k], b;
		switch (n->pred_type[k]) {
		case BT_SS: b = c->es[u] + lag; break;
		case BT_FF: b = c->ef[u] + lag - dur; break;
		case BT_SF: b = c->es[u] + lag - dur; break;
		default: b = c->ef[u] + lag; break;
		}
		if (b > bound)
			bound = b;
	}
	return c->es[v] > bound;
}

/* The causes a moved task has of its own, appended to a->slip_causes. */
static void own_causes(sctx *x, uint32_t v)
{
	bt_assessment *a = x->a;
	const bt_plan *p = x->p;
	const bt_net *n = x->n;
	const bt_prev *pv = &a->prev;
	const char *id = p->tasks.v[v].id;
	uint32_t c0 = a->slip_causes.n;
	/* Re-estimates entered in the status blocks since the last update. */
	for (uint32_t i = 0; i < p->statuses.n; i++) {
		const bt_status *s = &p->statuses.v[i];
		if (s->date == BT_DATE_NONE || s->date <= pv->as_of || (a->as_of != BT_DATE_NONE && s->date > a->as_of))
			continue;
		for (uint32_t k = 0; k < s->nentry; k++) {
			const bt_entry *en = &p->entries.v[s->entry0 + k];
			if (en->kind != BT_E_ESTIMATE || en->task.kind != BT_K_TASK || en->task.idx != v)
				continue;
			/* From what the record held when it holds one (a plan
			 * edited since may say otherwise). */
			bt_estimate was = pv->task_est && pv->task_est[v].points ? pv->task_est[v] : bt_est_at(p, v, pv->as_of);
			const char *f = est_text(x, &was), *t = est_text(x, &en->est);
			cause(x, BT_CA_ESTIMATE, BT_K_TASK, v, v, f, t, s->date,
			      sfmt(x, "%s re-estimated from %s to %s in the status of %s", id, f, t, dfmt(x, s->date)));
			figures(x, was.m, en->est.m);
		}
	}
	/* No block re-estimated it, but the recorded update held another
	 * estimate than the one in force now (the task's own was edited). */
	const bt_estimate *re = pv->task_est && pv->task_est[v].points ? &pv->task_est[v] : NULL;
	const bt_estimate *cur = a->est ? &a->est[v] : NULL;
	if (re && cur && cur->points && !has_cause(x, c0, BT_CA_ESTIMATE) &&
	    (re->m != cur->m || (re->points == 3) != (cur->points == 3) ||
	     (cur->points == 3 && (re->o != cur->o || re->p != cur->p)))) {
		const char *f = est_text(x, re), *t = est_text(x, cur);
		cause(x, BT_CA_ESTIMATE, BT_K_TASK, v, v, f, t, BT_DATE_NONE,
		      sfmt(x, "%s re-estimated from %s to %s since the update of %s", id, f, t, dfmt(x, pv->as_of)));
		figures(x, re->m, cur->m);
	}
	/* A late start: due to start by now at the last update. */
	uint8_t ps = pv->task_state[v];
	bt_date pstart = pv->task_start[v];
	if (ps == BT_TS_PLANNED && pstart != BT_DATE_NONE && a->as_of != BT_DATE_NONE && pstart <= a->as_of) {
		/* Not started: late only when nothing before it holds it now
		 * (else the predecessor is the cause, not the start). */
		if (n->state[v] == BT_TS_PLANNED && pred_root(x, v) == BT_NONE)
			cause(x, BT_CA_LATE_START, BT_K_TASK, v, v, dfmt(x, pstart), NULL, pstart,
			      sfmt(x, "%s was due to start %s and has not started", id, dfmt(x, pstart)));
		else if (n->state[v] != BT_TS_PLANNED) {
			bt_date st = bt_cal_date(&n->cal, n->act_start[v]);
			if (st > pstart)
				cause(x, BT_CA_LATE_START, BT_K_TASK, v, v, dfmt(x, pstart), dfmt(x, st), st,
				      sfmt(x, "%s started %s, planned %s", id, dfmt(x, st), dfmt(x, pstart)));
		}
	}
	/* Less progress than planned: more work left than the last update's
	 * dates leave by now (in flight then, or started since on time). */
	if (ps != 0xff && ps != BT_TS_DONE && n->state[v] == BT_TS_STARTED && !has_cause(x, c0, BT_CA_ESTIMATE) &&
	    !has_cause(x, c0, BT_CA_LATE_START) && pv->task_finish[v] != BT_DATE_NONE) {
		int32_t expect = bt_cal_index(&n->cal, pv->task_finish[v]) + 1 - bt_net_dday(n, v);
		int32_t left = n->remaining[v];
		if (expect < 0)
			expect = 0;
		if (left > expect)
			cause(x, BT_CA_PROGRESS, BT_K_TASK, v, v, sfmt(x, "%dd", expect), sfmt(x, "%dd", left), a->as_of,
			      expect ? sfmt(x, "%s has %d working day%s left where the last update's plan left %d", id, left,
					    left == 1 ? "" : "s", expect)
				     : sfmt(x, "%s has %d working day%s left and was planned to be done by now", id, left,
					    left == 1 ? "" : "s"));
	}
	/* A risk on it that occurred since the last update (a record knows). */
	for (uint32_t r = 0; pv->risk_state && r < p->risks.n; r++) {
		const bt_risk *rk = &p->risks.v[r];
		uint8_t was = pv->risk_state[r];
		int now = rk->state == BT_RISK_OCCURRED || rk->state == BT_RISK_ABSORBED;
		if (!now || was == 0xff || was == BT_RISK_OCCURRED || was == BT_RISK_ABSORBED)
			continue;
		int on = 0;
		for (uint32_t k = 0; k < rk->non && !on; k++) {
			const bt_ref *ref = &p->refs.v[rk->on0 + k];
			on = ref->kind == BT_K_TASK && ref->idx == v;
		}
		if (on)
			cause(x, BT_CA_RISK, BT_K_RISK, r, v, NULL, NULL, BT_DATE_NONE,
			      sfmt(x, "risk %s occurred since %s", rk->id, dfmt(x, pv->as_of)));
	}
	/* Its team has fewer people than then (it moves dates only when
	 * levelled, and only a drop can hold work back). */
	uint32_t t = p->tasks.v[v].team.idx;
	int32_t cap = t != BT_NONE && a->team_cap ? a->team_cap[t] : -1;
	if (a->sched->levelled && t != BT_NONE && pv->team_cap && pv->team_cap[t] >= 0 && cap >= 0 &&
	    cap < pv->team_cap[t] && held_by_team(x, v)) {
		char f[16], g[16];
		bt_people(f, pv->team_cap[t]);
		bt_people(g, cap);
		cause(x, BT_CA_CAPACITY, BT_K_TEAM, t, v, sfmt(x, "%s", f), sfmt(x, "%s", g), BT_DATE_NONE,
		      sfmt(x, "team %s's capacity fell from %s to %s", p->teams.v[t].id, f, g));
		figures(x, pv->team_cap[t], cap);
	}
	/* An open decision linked to it, past its need-by. */
	for (uint32_t i = 0; i < a->decs.n; i++) {
		const bt_as_dec *d = &a->decs.v[i];
		const bt_decision *pd = &p->decisions.v[d->idx];
		if (!d->overdue)
			continue;
		for (uint32_t k = 0; k < pd->nlink; k++) {
			const bt_ref *ref = &p->refs.v[pd->link0 + k];
			if (ref->kind == BT_K_TASK && ref->idx == v) {
				cause(x, BT_CA_DECISION, BT_K_DECISION, d->idx, v, NULL, NULL, pd->need_by,
				      sfmt(x, "decision %s was needed by %s and is still open", pd->id,
					   dfmt(x, pd->need_by)));
				break;
			}
		}
	}
}

/* The root of node v: the root of the rooted predecessor whose link
 * binds v's start latest (by link type and lag), or BT_NONE. */
static uint32_t pred_root(const sctx *x, uint32_t v)
{
	const bt_net *n = x->n;
	const bt_cpm *c = x->c;
	uint32_t best = BT_NONE;
	int32_t bound = 0, dur = c->ef[v] - c->es[v];
	for (uint32_t k = n->pred_off[v]; k < n->pred_off[v + 1]; k++) {
		uint32_t u = n->pred[k];
		if (x->root[u] == BT_NONE)
			continue;
		int32_t lag = n->pred_lag[k], b;
		switch (n->pred_type[k]) {
		case BT_SS: b = c->es[u] + lag; break;
		case BT_FF: b = c->ef[u] + lag - dur; break;
		case BT_SF: b = c->es[u] + lag - dur; break;
		default: b = c->ef[u] + lag; break;
		}
		if (best == BT_NONE || b > bound) {
			best = x->root[u];
			bound = b;
		}
	}
	return best;
}

/* A new task (not in the previous update) just before v. */
static uint32_t new_pred(const sctx *x, uint32_t v)
{
	const bt_net *n = x->n;
	for (uint32_t k = n->pred_off[v]; k < n->pred_off[v + 1]; k++) {
		uint32_t u = n->pred[k];
		if (u < n->nt && x->a->prev.task_state[u] == 0xff)
			return u;
	}
	return BT_NONE;
}

static void add_one(sctx *x, bt_as_ms *m, uint32_t r);

/* r and the roots behind it (a slipped predecessor of a root that has
 * causes of its own moved it too). */
static void add_root(sctx *x, bt_as_ms *m, uint32_t r)
{
	for (; r != BT_NONE; r = x->up[r])
		add_one(x, m, r);
}

static void add_one(sctx *x, bt_as_ms *m, uint32_t r)
{
	bt_assessment *a = x->a;
	for (uint32_t i = m->root0; i < a->slip_roots.n; i++)
		if (a->slip_roots.v[i] == r)
			return;
	uint32_t *s = BT_VEC_PUSH(a->slip_roots);
	if (!s) {
		a->oom = 1;
		return;
	}
	*s = r;
	m->nroot++;
}

int bt_slip_causes(bt_assessment *a)
{
	if (!a->have_prev)
		return 0;
	sctx x = {a, a->plan, &a->sched->net, &a->sched->cpm, NULL, NULL, NULL};
	const bt_net *n = x.n;
	x.root = bt_arena_alloc(&a->arena, sizeof(uint32_t) * (n->n + 1));
	x.item = bt_arena_alloc(&a->arena, sizeof(uint32_t) * (n->nt + 1));
	x.up = bt_arena_alloc(&a->arena, sizeof(uint32_t) * (n->nt + 1));
	if (!x.root || !x.item || !x.up)
		return -1;
	for (uint32_t v = 0; v < n->n; v++)
		x.root[v] = BT_NONE;
	for (uint32_t v = 0; v < n->nt; v++)
		x.item[v] = x.up[v] = BT_NONE;
	for (uint32_t i = 0; i < a->slipped.n; i++)
		x.item[a->slipped.v[i].task] = i;
	/* Done later than planned: the root of what waited for it. */
	uint8_t *late = bt_arena_zalloc(&a->arena, n->nt + 1);
	if (!late)
		return -1;
	for (uint32_t i = 0; i < a->finished.n; i++) {
		const bt_as_item *f = &a->finished.v[i];
		late[f->task] = f->prev != BT_DATE_NONE && f->date > f->prev;
	}
	for (uint32_t i = 0; i < n->n; i++) {
		uint32_t v = n->topo[i];
		if (v >= n->nt) {
			x.root[v] = pred_root(&x, v);
			continue;
		}
		if (x.item[v] == BT_NONE && !late[v]) {
			/* New work passes on what holds it. */
			if (a->prev.task_state[v] == 0xff)
				x.root[v] = pred_root(&x, v);
			continue;
		}
		uint32_t c0 = a->slip_causes.n;
		own_causes(&x, v);
		/* Work added since the last update just before it: scope. */
		uint32_t u = a->slip_causes.n == c0 ? new_pred(&x, v) : BT_NONE;
		if (u != BT_NONE)
			cause(&x, BT_CA_SCOPE, BT_K_TASK, u, v, NULL, x.p->tasks.v[u].id, BT_DATE_NONE,
			      sfmt(&x, "%s now waits for %s, added since %s", x.p->tasks.v[v].id, x.p->tasks.v[u].id,
				   dfmt(&x, a->prev.as_of)));
		uint32_t r = BT_NONE;
		if (a->slip_causes.n == c0)
			r = pred_root(&x, v);
		else
			x.up[v] = pred_root(&x, v);
		if (r == BT_NONE) {
			r = v;
			if (a->slip_causes.n == c0) {
				const char *id = x.p->tasks.v[v].id;
				if (late[v])
					cause(&x, BT_CA_LATE_FINISH, BT_K_TASK, v, v, NULL, NULL, BT_DATE_NONE,
					      sfmt(&x, "%s finished later than planned", id));
				else
					cause(&x, BT_CA_UNKNOWN, BT_K_TASK, v, v, NULL, NULL, BT_DATE_NONE,
					      sfmt(&x, "nothing in the status blocks explains why %s moved", id));
			}
		}
		x.root[v] = r;
		if (x.item[v] != BT_NONE) {
			bt_as_item *it = &a->slipped.v[x.item[v]];
			it->root = r;
			it->cause0 = c0;
			it->ncause = a->slip_causes.n - c0;
		}
	}
	for (uint32_t i = 0; i < a->slipped.n; i++)
		if (x.item[a->slipped.v[i].task] == BT_NONE)
			a->slipped.v[i].root = BT_NONE;
	/* The roots behind each milestone's CHANGE: those of its binding
	 * predecessors; the program end's, those of the work ending last. */
	for (uint32_t k = 0; k < a->nms; k++) {
		bt_as_ms *m = &a->ms[k];
		m->root0 = a->slip_roots.n;
		if (!m->have_prev || m->change <= 0)
			continue;
		if (m->idx != BT_NONE) {
			uint32_t v = n->nt + m->idx, r = x.root[v];
			if (r != BT_NONE)
				add_root(&x, m, r);
		} else {
			for (uint32_t v = 0; v < n->nt; v++)
				if (x.c->ef[v] == x.c->end_day && x.root[v] != BT_NONE)
					add_root(&x, m, x.root[v]);
		}
	}
	return a->oom ? -1 : 0;
}

/*========================== What is being done ====================*/

static void push(bt_assessment *a, const char *s)
{
	for (uint32_t j = a->action0; j < a->strs.n; j++)
		if (!strcmp(a->strs.v[j], s))
			return;
	const char **slot = BT_VEC_PUSH(a->strs);
	if (!slot)
		a->oom = 1;
	else
		*slot = s;
}

static const bt_as_item *item_of(const bt_assessment *a, uint32_t v)
{
	for (uint32_t i = 0; i < a->slipped.n; i++)
		if (a->slipped.v[i].task == v)
			return &a->slipped.v[i];
	return NULL;
}

/* The first causes of a root, for "nothing is being done about X". */
static const char *short_cause(sctx *x, const bt_slip_cause *c)
{
	switch (c->kind) {
	case BT_CA_ESTIMATE: return sfmt(x, "re-estimated from %s to %s", c->from, c->to);
	case BT_CA_PROGRESS: return strcmp(c->from, "0d") ? sfmt(x, "%s left where the plan left %s", c->to, c->from)
						   : sfmt(x, "%s left, planned done by now", c->to);
	case BT_CA_LATE_START: return c->to ? sfmt(x, "started %s, planned %s", c->to, c->from)
					    : sfmt(x, "due to start %s, not started", c->from);
	case BT_CA_RISK: return sfmt(x, "risk %s occurred", x->p->risks.v[c->subject].id);
	case BT_CA_CAPACITY: return sfmt(x, "team %s's capacity %s, was %s", x->p->teams.v[c->subject].id, c->to, c->from);
	case BT_CA_SCOPE: return sfmt(x, "%s added", c->to);
	case BT_CA_DECISION: return sfmt(x, "decision %s still open", x->p->decisions.v[c->subject].id);
	case BT_CA_LATE_FINISH: return "finished late";
	default: return "cause unknown";
	}
}

/* What answers the slips that moved a commitment, first: the TPM's note
 * on the root task, the mitigation of a risk that occurred, the ask of an
 * open decision; or plainly that nothing does yet. Then the rest of the
 * actions as assess_rag found them. */
/* The exposure of the risk an action line mitigates; -1: not a mitigation. */
static double mitigates(const bt_assessment *a, const char *s)
{
	const bt_as_action *t = bt_as_action_of(a, s);
	if (!t || t->kind != BT_ACT_MITIGATING)
		return -1;
	for (uint32_t i = 0; i < a->risks.n; i++)
		if (a->risks.v[i].idx == t->subject)
			return a->risks.v[i].exposure;
	return 0;
}

int bt_slip_actions(bt_assessment *a)
{
	sctx x = {a, a->plan, &a->sched->net, &a->sched->cpm, NULL, NULL, NULL};
	const bt_plan *p = a->plan;
	uint32_t old0 = a->action0, nold = a->naction;
	a->action0 = a->strs.n;
	for (uint32_t i = 0; a->have_prev && i < a->slip_roots.n; i++) {
		uint32_t r = a->slip_roots.v[i];
		int seen = 0;
		for (uint32_t j = 0; j < i && !seen; j++)
			seen = a->slip_roots.v[j] == r;
		const bt_as_item *it = item_of(a, r);
		if (seen || !it)
			continue;
		const char *id = p->tasks.v[r].id;
		uint32_t before = a->strs.n;
		for (uint32_t k = 0; k < a->notes.n; k++) {
			const bt_as_note *nt = &a->notes.v[k];
			if (nt->kind == BT_K_TASK && nt->idx == r) {
				const char *t = sfmt(&x, "%s (%+d days, %s): %s", id, it->days,
						     it->ncause ? short_cause(&x, &a->slip_causes.v[it->cause0]) : "slipped", nt->text);
				push(a, t);
				bt_as_act(a, t, BT_ACT_SLIP_NOTE, r, it->days, it->ncause ? it->cause0 : BT_NONE, nt->text);
			}
		}
		for (uint32_t k = 0; k < it->ncause; k++) {
			const bt_slip_cause *c = &a->slip_causes.v[it->cause0 + k];
			if (c->kind == BT_CA_RISK) {
				const bt_risk *rk = &p->risks.v[c->subject];
				if (rk->mitigation) {
					const char *t = sfmt(&x, "Mitigating %s (%s): %s", rk->id, rk->owner ? rk->owner : "no owner",
							     rk->mitigation);
					push(a, t);
					bt_as_act(a, t, BT_ACT_MITIGATING, c->subject, 0, BT_NONE, NULL);
				}
			} else if (c->kind == BT_CA_DECISION) {
				const bt_decision *pd = &p->decisions.v[c->subject];
				const char *from = pd->from ? pd->from : pd->owner;
				const char *t = sfmt(&x, "Decision needed%s%s by %s: %s", from ? " from " : "", from ? from : "",
						     dfmt(&x, pd->need_by), pd->ask ? pd->ask : pd->title ? pd->title : pd->id);
				push(a, t);
				bt_as_act(a, t, BT_ACT_DECISION, c->subject, 0, BT_NONE, NULL);
			}
		}
		if (a->strs.n == before) {
			const char *t = sfmt(&x, "Nothing is being done about %s yet (%+d days, %s)", id, it->days,
					     it->ncause ? short_cause(&x, &a->slip_causes.v[it->cause0]) : "cause unknown");
			push(a, t);
			bt_as_act(a, t, BT_ACT_SLIP_NONE, r, it->days, it->ncause ? it->cause0 : BT_NONE, NULL);
		}
	}
	a->slip_action0 = a->action0;
	a->nslip_action = a->strs.n - a->action0;
	/* Then the other mitigations, the largest exposure (probability x
	 * mean impact) first, then the rest in the order found. */
	uint32_t *ord = bt_malloc(sizeof(uint32_t) * (nold + 1));
	double *ex = bt_malloc(sizeof(double) * (nold + 1));
	if (!ord || !ex) {
		bt_free(ord);
		bt_free(ex);
		return -1;
	}
	for (uint32_t i = 0; i < nold; i++) {
		ord[i] = i;
		ex[i] = mitigates(a, a->strs.v[old0 + i]);
	}
	for (uint32_t i = 1; i < nold; i++) /* stable: ties keep their order */
		for (uint32_t j = i; j > 0 && ex[ord[j]] > ex[ord[j - 1]] && ex[ord[j]] >= 0; j--) {
			uint32_t t = ord[j];
			ord[j] = ord[j - 1];
			ord[j - 1] = t;
		}
	for (uint32_t i = 0; i < nold; i++)
		push(a, a->strs.v[old0 + ord[i]]);
	bt_free(ord);
	bt_free(ex);
	a->naction = a->strs.n - a->action0;
	return a->oom ? -1 : 0;
}
