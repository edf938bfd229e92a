/*
 * assess.c: RAG with reasons, commit float, risk scoring and escalation,
 * decisions needed and taken, hand-offs, conflicts, changes since the last
 * update and the sync agenda (see assess.h and docs/status.md).
 *
 * Everything is linear in tasks + dependencies, except the reachability
 * sets (tasks x milestones / 64 words) and the team load (teams x days).
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "assess.h"
#include "level.h"
#include "table.h"

#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define INF (INT32_MAX / 4)
#define EPS 1e-9

/*============================== Rules =============================*/

const char *bt_rag_name(uint8_t rag)
{
	static const char *const names[] = {"green", "amber", "red", "none"};
	return names[rag < 4 ? rag : 3];
}

uint8_t bt_rag_of(int have_chance, double chance, int32_t slack, double green,
		  double amber, int32_t margin)
{
	if (have_chance)
		return chance + EPS >= green ? BT_RAG_GREEN : chance + EPS >= amber ? BT_RAG_AMBER : BT_RAG_RED;
	return slack < 0 ? BT_RAG_RED : slack < margin ? BT_RAG_AMBER : BT_RAG_GREEN;
}

int bt_prob_band(double p)
{
	return p <= 0.10 + EPS ? 1 : p <= 0.30 + EPS ? 2 : p <= 0.50 + EPS ? 3 : p <= 0.70 + EPS ? 4 : 5;
}

int bt_impact_band(double d)
{
	return d <= 2 + EPS ? 1 : d <= 5 + EPS ? 2 : d <= 10 + EPS ? 3 : d <= 20 + EPS ? 4 : 5;
}

/*============================= Helpers ============================*/

typedef struct ctx {
	bt_assessment *a;
	const bt_plan *p;
	const struct baton_schedule *s;
	const bt_net *n;
	const bt_cpm *c;
	uint32_t nm, W;        /* milestones, words per reach set */
	uint64_t *reach;       /* [v * W]: milestones v leads to (itself included) */
	int32_t *lsc;          /* late start against the commitments */
	int32_t *lfc;          /* late finish against the commitments */
} ctx;

const char *bt_as_vfmt(bt_assessment *a, const char *fmt, va_list ap)
{
	bt_buf b = BT_BUF_INIT;
	bt_buf_vprintf(&b, fmt, ap);
	char *r = b.oom ? NULL : bt_arena_strndup(&a->arena, b.s, b.len);
	bt_buf_release(&b);
	if (!r)
		a->oom = 1;
	return r ? r : "";
}

static const char *str(ctx *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static const char *str(ctx *x, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *r = bt_as_vfmt(x->a, fmt, ap);
	va_end(ap);
	return r;
}

void bt_as_act(bt_assessment *a, const char *s, uint8_t kind, uint32_t subject, int32_t days, uint32_t cause,
	       const char *note)
{
	bt_as_action *t = BT_VEC_PUSH(a->acts);
	if (!t) {
		a->oom = 1;
		return;
	}
	*t = (bt_as_action){s, kind, subject, days, cause, note};
}

const bt_as_action *bt_as_action_of(const bt_assessment *a, const char *s)
{
	for (uint32_t i = 0; i < a->acts.n; i++)
		if (a->acts.v[i].s == s)
			return &a->acts.v[i];
	return NULL;
}

static void push_str(ctx *x, const char *s)
{
	const char **slot = BT_VEC_PUSH(x->a->strs);
	if (!slot)
		x->a->oom = 1;
	else
		*slot = s;
}

/* The inclusive date of an exclusive finish day. */
static bt_date fin_date(const ctx *x, int32_t day)
{
	return bt_cal_date(&x->n->cal, day > 0 ? day - 1 : 0);
}

/* A task's finish date as the schedule prints it: a zero-length task
 * finishes on its start day, not the working day before. */
static bt_date task_fin(const ctx *x, uint32_t v)
{
	int32_t es = x->c->es[v], ef = x->c->ef[v];
	return ef > es ? fin_date(x, ef) : bt_cal_date(&x->n->cal, es);
}

static const char *dstr(ctx *x, bt_date d)
{
	char b[11];
	if (d == BT_DATE_NONE)
		return "none";
	bt_date_format(d, b);
	return str(x, "%s", b);
}

/* Exclusive day bound of a commit date. */
static int32_t commit_day(const ctx *x, bt_date d)
{
	return bt_cal_index(&x->n->cal, d + 1);
}

static int reaches(const ctx *x, uint32_t v, uint32_t k)
{
	return (x->reach[(size_t)v * x->W + k / 64] >> (k % 64)) & 1;
}

static uint32_t ref_node(const ctx *x, const bt_ref *r)
{
	if (r->idx == BT_NONE)
		return BT_NONE;
	if (r->kind == BT_K_TASK)
		return r->idx;
	if (r->kind == BT_K_MILESTONE)
		return x->n->nt + r->idx;
	return BT_NONE;
}

static const char *node_id(const ctx *x, uint32_t v)
{
	return v < x->n->nt ? x->p->tasks.v[v].id : x->p->milestones.v[v - x->n->nt].id;
}

static uint32_t task_team(const ctx *x, uint32_t v)
{
	return v < x->n->nt ? x->p->tasks.v[v].team.idx : BT_NONE;
}

/*======================= Commit float, reach ======================*/

/* The CPM backward pass (cpm.c) with every commitment as a bound: a
 * committed milestone's finish by its commit, everything by the program
 * commit. bind[] keeps which commitment sets each node's bound. */
static int commit_float(ctx *x)
{
	const bt_net *n = x->n;
	const bt_cpm *c = x->c;
	bt_assessment *a = x->a;
	uint32_t nm = x->nm;
	a->cf = bt_arena_alloc(&a->arena, sizeof(int32_t) * (n->n + 1));
	a->bind = bt_arena_alloc(&a->arena, sizeof(uint32_t) * (n->n + 1));
	x->lfc = bt_arena_alloc(&a->arena, sizeof(int32_t) * (n->n + 1));
	x->lsc = bt_arena_alloc(&a->arena, sizeof(int32_t) * (n->n + 1));
	if (!a->cf || !a->bind || !x->lfc || !x->lsc)
		return -1;
	/* The bounds: everything by the program commit, a committed
	 * milestone by its own; the late dates come from the schedule's own
	 * backward pass (cpm.c), so its rules hold here too. */
	int has_pc = x->p->prog.commit != BT_DATE_NONE;
	int32_t pb = has_pc ? commit_day(x, x->p->prog.commit) : INT32_MAX;
	uint32_t pbind = has_pc ? nm : BT_NONE;
	for (uint32_t v = 0; v < n->n; v++) {
		a->cf[v] = pb;
		a->bind[v] = pbind;
		if (v >= n->nt) {
			const bt_milestone *m = &x->p->milestones.v[v - n->nt];
			if (m->commit != BT_DATE_NONE) {
				int32_t mb = commit_day(x, m->commit);
				if (mb <= a->cf[v]) {
					a->cf[v] = mb;
					a->bind[v] = v - n->nt;
				}
			}
		}
	}
	bt_cpm_late(n, c->es, c->ef, a->cf, a->bind, pbind, x->lsc, x->lfc, NULL);
	for (uint32_t v = 0; v < n->n; v++)
		a->cf[v] = a->bind[v] == BT_NONE || n->state[v] == BT_TS_DONE ? INT32_MAX : x->lfc[v] - c->ef[v];
	/* Which milestones each node leads to. */
	x->W = (nm + 64) / 64;
	x->reach = bt_arena_zalloc(&a->arena, sizeof(uint64_t) * x->W * ((size_t)n->n + 1));
	if (!x->reach)
		return -1;
	for (uint32_t i = n->n; i-- > 0;) {
		uint32_t v = n->topo[i];
		uint64_t *r = &x->reach[(size_t)v * x->W];
		if (v >= n->nt)
			r[(v - n->nt) / 64] |= 1ull << ((v - n->nt) % 64);
		for (uint32_t k = n->succ_off[v]; k < n->succ_off[v + 1]; k++) {
			const uint64_t *q = &x->reach[(size_t)n->succ[k] * x->W];
			for (uint32_t w = 0; w < x->W; w++)
				r[w] |= q[w];
		}
	}
	return 0;
}

/*============================== Risks =============================*/

static double mean_impact(const bt_risk *r)
{
	switch (r->impact_points) {
	case 1: return r->impact_lo;
	case 2: return (r->impact_lo + r->impact_hi) / 2.0;
	case 3: return (r->impact_lo + 4.0 * r->impact_mode + r->impact_hi) / 6.0;
	default: return 0;
	}
}

static const char *commit_id(const ctx *x, uint32_t b)
{
	return b == x->nm ? x->p->prog.id : x->p->milestones.v[b].id;
}

static bt_date commit_of(const ctx *x, uint32_t b)
{
	return b == x->nm ? x->p->prog.commit : x->p->milestones.v[b].commit;
}

static int cmp_risk(const void *pa, const void *pb)
{
	const bt_as_risk *a = pa, *b = pb;
	int ca = a->p <= 0, cb = b->p <= 0;
	if (ca != cb)
		return ca - cb;
	if (a->escalate != b->escalate)
		return b->escalate - a->escalate;
	if (a->exposure != b->exposure)
		return a->exposure > b->exposure ? -1 : 1;
	if (a->score != b->score)
		return b->score - a->score;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

static int assess_risks(ctx *x)
{
	const bt_plan *p = x->p;
	bt_assessment *a = x->a;
	for (uint32_t i = 0; i < p->risks.n; i++) {
		const bt_risk *r = &p->risks.v[i];
		bt_as_risk *o = BT_VEC_PUSH(a->risks);
		if (!o)
			return -1;
		o->idx = i;
		o->impact = mean_impact(r);
		o->p = r->state == BT_RISK_OCCURRED ? 1.0 : r->state == BT_RISK_CLOSED || r->state == BT_RISK_ABSORBED ? 0.0
			: r->probability < 0 ? 0.0 : r->probability;
		o->exposure = o->p * o->impact;
		o->pband = bt_prob_band(r->state == BT_RISK_OCCURRED ? 1.0 : r->probability < 0 ? 0 : r->probability);
		o->iband = bt_impact_band(o->impact);
		o->score = o->pband * o->iband;
		o->absorb = BT_DAY_NONE;
		uint32_t bind = BT_NONE;
		for (uint32_t k = 0; k < r->non; k++) {
			uint32_t v = ref_node(x, &p->refs.v[r->on0 + k]);
			if (v == BT_NONE || a->cf[v] == INT32_MAX)
				continue;
			if (o->absorb == BT_DAY_NONE || a->cf[v] < o->absorb) {
				o->absorb = a->cf[v];
				bind = a->bind[v];
			}
		}
		if (bind != BT_NONE) {
			o->threat = commit_id(x, bind);
			o->threat_commit = commit_of(x, bind);
		} else {
			o->threat_commit = BT_DATE_NONE;
		}
		int live = r->state != BT_RISK_CLOSED && r->state != BT_RISK_ABSORBED;
		if (live && o->absorb != BT_DAY_NONE && o->exposure > o->absorb + EPS)
			o->escalate = 1;
		else if (live && r->state != BT_RISK_OCCURRED && o->absorb != BT_DAY_NONE &&
			 r->impact_hi > o->absorb)
			o->flags |= BT_RF_WOULD_MISS;
		if (live && r->review != BT_DATE_NONE && a->as_of != BT_DATE_NONE && r->review < a->as_of)
			o->flags |= BT_RF_STALE;
		if (live && !r->owner)
			o->flags |= BT_RF_NO_OWNER;
		if (live && !r->mitigation)
			o->flags |= BT_RF_NO_MITIGATION;
		if (r->state == BT_RISK_OCCURRED)
			o->flags |= BT_RF_OCCURRED;
	}
	if (a->risks.n) /* qsort(NULL, 0, ...) is undefined */
		qsort(a->risks.v, a->risks.n, sizeof(bt_as_risk), cmp_risk);
	return 0;
}

/*============================ Decisions ===========================*/

static int assess_decisions(ctx *x)
{
	const bt_plan *p = x->p;
	bt_assessment *a = x->a;
	for (uint32_t i = 0; i < p->decisions.n; i++) {
		const bt_decision *d = &p->decisions.v[i];
		bt_as_dec *o = BT_VEC_PUSH(a->decs);
		if (!o)
			return -1;
		o->idx = i;
		o->ask = d->ask ? d->ask : d->title ? d->title : d->id;
		o->from = d->from ? d->from : d->owner;
		o->state = !d->has_state ? -1
			   : d->decided != BT_DATE_NONE && a->as_of != BT_DATE_NONE && d->decided > a->as_of
				   ? BT_DEC_PROPOSED
				   : d->state;
		/* As of a date before it was raised, it was no question yet:
		 * an earlier update neither asks for it nor logs it. */
		if (d->date != BT_DATE_NONE && a->as_of != BT_DATE_NONE && d->date > a->as_of) {
			o->unraised = 1;
			o->state = -2;
			o->taken_on = BT_DATE_NONE;
			continue;
		}
		int proposed = o->state == BT_DEC_PROPOSED;
		if (proposed && d->need_by != BT_DATE_NONE && a->as_of != BT_DATE_NONE) {
			if (d->need_by < a->as_of) {
				o->overdue = 1;
				o->overdue_days = a->as_of - d->need_by;
			} else if (d->need_by - a->as_of <= BT_DECISION_SOON_DAYS) {
				o->soon = 1;
			}
		}
		o->taken_on = d->decided != BT_DATE_NONE ? d->decided : d->date;
		if (d->decided != BT_DATE_NONE && d->need_by != BT_DATE_NONE && d->decided > d->need_by)
			o->late_days = d->decided - d->need_by;
		if (o->state == BT_DEC_DECIDED && a->have_prev) {
			/* Taken since the last update: by its decided date; without
			 * one, by the state the last update recorded (its `date` is
			 * the day it was raised, not the day it was taken). */
			uint8_t ps = a->prev.dec_state ? a->prev.dec_state[i] : 0xff;
			if (d->decided != BT_DATE_NONE)
				o->taken_since = d->decided > a->prev.as_of &&
						 (a->as_of == BT_DATE_NONE || d->decided <= a->as_of);
			else if (ps != 0xff)
				o->taken_since = ps == BT_DEC_PROPOSED;
			else
				o->taken_since = d->date != BT_DATE_NONE && d->date > a->prev.as_of &&
						 (a->as_of == BT_DATE_NONE || d->date <= a->as_of);
		}
	}
	return 0;
}

/* The notes of the status block this update stands on (the latest one
 * on or before the status date): the TPM's own words, the program's
 * first, then each beside the item it is about, in the order written. */
static int assess_notes(ctx *x)
{
	const bt_plan *p = x->p;
	bt_assessment *a = x->a;
	const bt_status *blk = NULL;
	for (uint32_t i = 0; i < p->statuses.n; i++) {
		const bt_status *s = &p->statuses.v[i];
		if (s->date != BT_DATE_NONE && (a->as_of == BT_DATE_NONE || s->date <= a->as_of) &&
		    (!blk || s->date > blk->date))
			blk = s;
	}
	if (!blk || a->as_of == BT_DATE_NONE)
		return 0;
	for (int program = 1; program >= 0; program--)
		for (uint32_t k = 0; k < blk->nentry; k++) {
			const bt_entry *e = &p->entries.v[blk->entry0 + k];
			if (e->kind != BT_E_NOTE || !e->text || (program != !e->task.name))
				continue;
			if (e->task.name && (e->task.idx == BT_NONE || e->task.kind == BT_K_NONE))
				continue;
			bt_as_note *n = BT_VEC_PUSH(a->notes);
			if (!n)
				return -1;
			n->kind = program ? BT_K_NONE : e->task.kind;
			n->idx = e->task.idx;
			n->text = e->text;
			switch (n->kind) {
			case BT_K_TASK: n->id = p->tasks.v[n->idx].id; n->title = p->tasks.v[n->idx].title; break;
			case BT_K_MILESTONE: n->id = p->milestones.v[n->idx].id; n->title = p->milestones.v[n->idx].title; break;
			case BT_K_RISK: n->id = p->risks.v[n->idx].id; n->title = p->risks.v[n->idx].title; break;
			case BT_K_DECISION: n->id = p->decisions.v[n->idx].id; n->title = p->decisions.v[n->idx].title; break;
			default: break;
			}
		}
	return 0;
}

/*=================== Hand-offs, conflicts, critical ===============*/

static int assess_handoffs(ctx *x)
{
	const bt_net *n = x->n;
	const bt_cpm *c = x->c;
	bt_assessment *a = x->a;
	for (uint32_t v = 0; v < n->nt; v++) {
		if (n->state[v] == BT_TS_DONE)
			continue;
		for (uint32_t k = n->pred_off[v]; k < n->pred_off[v + 1]; k++) {
			uint32_t u = n->pred[k];
			if (u >= n->nt || n->state[u] == BT_TS_DONE)
				continue;
			uint32_t tu = task_team(x, u), tv = task_team(x, v);
			if (tu == tv || tu == BT_NONE || tv == BT_NONE)
				continue;
			uint8_t ty = n->pred_type[k];
			if (n->state[v] == BT_TS_STARTED && (ty == BT_FS || ty == BT_SS))
				continue;
			int32_t lag = n->pred_lag[k], d = n->dur[u], cand = INF;
			/* SS and SF out of started work hang on its actual start:
			 * the hand-off asks nothing more of its finish. */
			int start_link = ty == BT_SS || ty == BT_SF;
			if (a->bind[v] != BT_NONE && !(start_link && n->state[u] == BT_TS_STARTED)) {
				switch (ty) {
				case BT_FS: cand = x->lsc[v] - lag; break;
				case BT_SS: cand = bt_wc_latest_fin(n, u, x->lsc[v] - lag, d); break;
				case BT_FF: cand = x->lfc[v] - lag; break;
				default: cand = bt_wc_latest_fin(n, u, x->lfc[v] - lag, d); break;
				}
			}
			bt_as_handoff *h = BT_VEC_PUSH(a->handoffs);
			if (!h)
				return -1;
			h->from = u;
			h->to = v;
			h->from_team = tu;
			h->to_team = tv;
			h->finish = task_fin(x, u);
			if (cand >= INF / 2) {
				h->needed_by = BT_DATE_NONE;
				h->slack = INT32_MAX;
			} else {
				h->needed_by = fin_date(x, cand);
				h->slack = cand - c->ef[u];
				h->at_risk = h->slack < a->margin;
			}
		}
	}
	return 0;
}

static void conflict(ctx *x, uint8_t kind, uint32_t team, const char *text, const char *q)
{
	bt_as_conflict *k = BT_VEC_PUSH(x->a->conflicts);
	if (!k) {
		x->a->oom = 1;
		return;
	}
	k->kind = kind;
	k->team = team;
	k->text = text;
	k->question = q;
}

static const char *team_id(const ctx *x, uint32_t t)
{
	return t == BT_NONE ? "?" : x->p->teams.v[t].id;
}

/* Weeks in which a team is asked for more people than it has (the
 * schedule stage's load table, at the dates shown), merged into runs of
 * consecutive calendar weeks. */
static int over_capacity(ctx *x)
{
	const struct baton_schedule *s = x->s;
	const bt_plan *p = x->p;
	uint32_t nw = s->nweek;
	for (uint32_t t = 0; t < p->teams.n && nw; t++) {
		const bt_week_load *L = &s->load[t * nw];
		for (uint32_t w = 0; w < nw;) {
			if (!L[w].over_load) {
				w++;
				continue;
			}
			uint32_t e = w;
			int32_t pk = L[w].over_load, cp = L[w].over_cap;
			while (e + 1 < nw && L[e + 1].over_load) {
				e++;
				if (L[e].over_load > pk) {
					pk = L[e].over_load;
					cp = L[e].over_cap;
				}
			}
			bt_date a0 = s->week0 + (bt_date)(7 * w), a1 = s->week0 + (bt_date)(7 * e);
			const char *wk = w == e ? str(x, "the week of %s", dstr(x, a0))
						: str(x, "the weeks of %s to %s", dstr(x, a0), dstr(x, a1));
			char pks[16], cps[16];
			conflict(x, BT_CF_OVER_CAPACITY, t,
				 str(x, "team %s is asked for up to %s %s a day in %s and has %s",
				     p->teams.v[t].id, bt_people(pks, pk), pk == 10 ? "person" : "people", wk,
				     bt_people(cps, cp)),
				 str(x, "What moves, or who helps %s, in %s?", p->teams.v[t].id, wk));
			w = e + 1;
		}
	}
	return 0;
}

static void assess_conflicts(ctx *x)
{
	const bt_net *n = x->n;
	const bt_cpm *c = x->c;
	const bt_plan *p = x->p;
	bt_assessment *a = x->a;
	if (over_capacity(x))
		a->oom = 1;
	/* A consumer that starts, or is planned to start, before its producer
	 * from another team finishes. */
	for (uint32_t v = 0; v < n->nt; v++) {
		const bt_task *t = &p->tasks.v[v];
		if (n->state[v] == BT_TS_DONE)
			continue;
		for (uint32_t k = n->pred_off[v]; k < n->pred_off[v + 1]; k++) {
			uint32_t u = n->pred[k];
			uint8_t ty = n->pred_type[k];
			if (u >= n->nt || task_team(x, u) == task_team(x, v) || n->state[u] == BT_TS_DONE)
				continue;
			const char *tu = team_id(x, task_team(x, u)), *tv = team_id(x, task_team(x, v));
			if (n->state[v] == BT_TS_STARTED && ty == BT_FS) {
				conflict(x, BT_CF_EARLY_START, task_team(x, v),
					 str(x, "%s (%s) started %s, before %s (%s) finished; %s is planned to finish %s",
					     t->id, tv, dstr(x, bt_cal_date(&n->cal, n->act_start[v])),
					     node_id(x, u), tu, node_id(x, u), dstr(x, task_fin(x, u))),
					 str(x, "Is %s building on what %s will deliver? Confirm the interface with %s.",
					     t->id, node_id(x, u), tu));
			} else if (n->state[v] == BT_TS_PLANNED && a->have_prev && ty == BT_FS &&
				   a->prev.task_start[v] != BT_DATE_NONE) {
				/* The consumer team planned, at the last update, to
				 * start before the producer now finishes. */
				int32_t was = bt_cal_index(&n->cal, a->prev.task_start[v]);
				int32_t bound = c->ef[u] + n->pred_lag[k];
				if (bound > was && bound > bt_net_dday(n, v))
					conflict(x, BT_CF_EARLY_START, task_team(x, v),
						 str(x, "%s (%s) was planned to start %s, but %s (%s) now finishes %s, so it starts %s at the earliest",
						     t->id, tv, dstr(x, a->prev.task_start[v]), node_id(x, u), tu,
						     dstr(x, task_fin(x, u)), dstr(x, bt_cal_date(&n->cal, bound))),
						 str(x, "Can %s bring %s forward, or does %s re-plan %s?", tu,
						     node_id(x, u), tv, t->id));
			}
		}
	}
	for (uint32_t k = 0; k < p->milestones.n; k++)
		if (!p->milestones.v[k].ndep)
			conflict(x, BT_CF_NOTHING_BEFORE, BT_NONE,
				 str(x, "milestone %s has nothing leading to it", p->milestones.v[k].id),
				 str(x, "What must happen before %s? Give it an 'after' list.",
				     p->milestones.v[k].id));
	for (uint32_t v = 0; v < n->nt; v++)
		if (n->state[v] != BT_TS_DONE && !p->tasks.v[v].owner && (c->critical[v] || a->cf[v] <= 0))
			conflict(x, BT_CF_NO_OWNER, task_team(x, v),
				 str(x, "%s is on the critical path and has no owner", p->tasks.v[v].id),
				 str(x, "Who owns %s?", p->tasks.v[v].id));
	for (uint32_t t = 0; t < p->teams.n; t++) {
		const bt_team *tm = &p->teams.v[t];
		if (tm->programs < 3)
			continue;
		int open = 0;
		for (uint32_t v = 0; v < n->nt && !open; v++)
			open = task_team(x, v) == t && n->state[v] != BT_TS_DONE;
		if (open)
			conflict(x, BT_CF_PROGRAMS, t,
				 str(x, "team %s serves %d programs (this one and %d others)", tm->id,
				     tm->programs, tm->programs - 1),
				 str(x, "Is %s's capacity here only this program's share, and who arbitrates between the %d programs?",
				     tm->id, tm->programs));
	}
}

static int cmp_by_es(const void *pa, const void *pb, const int32_t *es)
{
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	if (es[a] != es[b])
		return es[a] < es[b] ? -1 : 1;
	return a < b ? -1 : a > b;
}

static int critical_path(ctx *x)
{
	bt_assessment *a = x->a;
	for (uint32_t v = 0; v < x->n->nt; v++) {
		if (x->n->state[v] == BT_TS_DONE || !x->c->critical[v])
			continue;
		uint32_t *slot = BT_VEC_PUSH(a->critical);
		if (!slot)
			return -1;
		*slot = v;
	}
	/* Insertion sort: the critical path is short, and qsort has no
	 * context argument in C11. */
	for (uint32_t i = 1; i < a->critical.n; i++) {
		uint32_t v = a->critical.v[i], j = i;
		while (j > 0 && cmp_by_es(&a->critical.v[j - 1], &v, x->c->es) > 0) {
			a->critical.v[j] = a->critical.v[j - 1];
			j--;
		}
		a->critical.v[j] = v;
	}
	return 0;
}

/*========================= Changes since ==========================*/

static int changes(ctx *x)
{
	bt_assessment *a = x->a;
	const bt_net *n = x->n;
	const bt_prev *pv = &a->prev;
	if (!a->have_prev)
		return 0;
	for (uint32_t v = 0; v < n->nt; v++) {
		uint8_t ps = pv->task_state[v];
		bt_date now = task_fin(x, v), was = pv->task_finish[v];
		if (n->state[v] == BT_TS_DONE) {
			if (ps == BT_TS_DONE || (ps == 0xff && now <= pv->as_of))
				continue;
			bt_as_item *it = BT_VEC_PUSH(a->finished);
			if (!it)
				return -1;
			it->task = v;
			it->date = now;
			it->prev = was;
		} else if (ps != 0xff && ps != BT_TS_DONE && was != BT_DATE_NONE && now > was) {
			bt_as_item *it = BT_VEC_PUSH(a->slipped);
			if (!it)
				return -1;
			it->task = v;
			it->date = now;
			it->prev = was;
			it->days = bt_cal_index(&n->cal, now) - bt_cal_index(&n->cal, was);
		}
	}
	/* Finished by date, slipped most first (stable: plan order). */
	for (uint32_t i = 1; i < a->finished.n; i++)
		for (uint32_t j = i; j > 0 && a->finished.v[j - 1].date > a->finished.v[j].date; j--) {
			bt_as_item t = a->finished.v[j];
			a->finished.v[j] = a->finished.v[j - 1];
			a->finished.v[j - 1] = t;
		}
	for (uint32_t i = 1; i < a->slipped.n; i++)
		for (uint32_t j = i; j > 0 && a->slipped.v[j - 1].days < a->slipped.v[j].days; j--) {
			bt_as_item t = a->slipped.v[j];
			a->slipped.v[j] = a->slipped.v[j - 1];
			a->slipped.v[j - 1] = t;
		}
	return 0;
}

/*=============================== RAG ==============================*/

static void worsen(uint8_t *rag, uint8_t to)
{
	if (*rag == BT_RAG_NONE || to > *rag)
		*rag = to;
}

static const char *days(ctx *x, int32_t d)
{
	return str(x, "%d working day%s", d, d == 1 || d == -1 ? "" : "s");
}

static void rate_item(ctx *x, bt_as_ms *m)
{
	bt_assessment *a = x->a;
	m->reason0 = a->strs.n;
	if (m->reached) {
		/* Reached after its commitment: missed, not green. */
		m->rag = m->commit != BT_DATE_NONE && m->slack < 0 ? BT_RAG_RED : BT_RAG_GREEN;
		if (m->commit != BT_DATE_NONE && m->slack < 0)
			push_str(x, str(x, "reached on %s, %s after its commit %s", dstr(x, m->planned),
					days(x, -m->slack), dstr(x, m->commit)));
		else
			push_str(x, str(x, "reached on %s", dstr(x, m->planned)));
	} else if (m->commit == BT_DATE_NONE) {
		m->rag = BT_RAG_NONE;
		if (m->fc.have)
			push_str(x, str(x, "no commitment; P50 %s, P85 %s", dstr(x, m->p50), dstr(x, m->p85)));
		else
			push_str(x, str(x, "no commitment; planned %s", dstr(x, m->planned)));
	} else {
		int chance = bt_as_has_chance(m);
		m->rag = bt_rag_of(chance, m->fc.chance, m->slack, a->green, a->amber, a->margin);
		if (chance) {
			char pc[8];
			bt_fmt_chance(pc, sizeof pc, m->fc.chance);
			push_str(x, str(x, "%s chance of meeting the commit %s (P50 %s, P85 %s; %s %.0f%%)",
					pc, dstr(x, m->commit), dstr(x, m->p50), dstr(x, m->p85),
					m->rag == BT_RAG_GREEN ? "green from" : m->rag == BT_RAG_AMBER ? "green from" : "amber from",
					100 * (m->rag == BT_RAG_RED ? a->amber : a->green)));
		} else if (m->slack < 0) {
			push_str(x, str(x, "the planned date %s is %s after the commit %s", dstr(x, m->planned),
					days(x, -m->slack), dstr(x, m->commit)));
		} else if (m->rag == BT_RAG_AMBER) {
			push_str(x, str(x, "%s%s to spare before the commit %s (amber below %d)", m->slack ? "only " : "",
					m->slack ? days(x, m->slack) : "no working day", dstr(x, m->commit), a->margin));
		} else {
			push_str(x, str(x, "%s to spare before the commit %s", days(x, m->slack), dstr(x, m->commit)));
		}
		/* Escalated risks and overdue decisions on the way to it. */
		uint32_t self = m->idx == BT_NONE ? x->nm : m->idx;
		bt_buf late = BT_BUF_INIT;
		double sum = 0;
		for (uint32_t i = 0; i < a->risks.n; i++) {
			const bt_as_risk *r = &a->risks.v[i];
			if (!r->escalate || !r->threat || strcmp(r->threat, m->id) || commit_of(x, self) != r->threat_commit)
				continue;
			worsen(&m->rag, BT_RAG_AMBER);
			if (r->absorb < 0) {
				/* Already late: one sentence for all the risks. */
				bt_buf_printf(&late, "%s%s", late.len ? ", " : "", x->p->risks.v[r->idx].id);
				sum += r->exposure;
				continue;
			}
			push_str(x, str(x, "risk %s is expected to cost %.1f working days, more than the %s the work it is on can absorb",
					x->p->risks.v[r->idx].id, r->exposure, days(x, r->absorb)));
		}
		if (late.len)
			push_str(x, str(x, "open risks on its late path could add an expected %.1f working days more (%s)", sum,
					late.oom ? "" : late.s));
		/* A sentence without its list of risks is not the sentence. */
		a->oom |= late.oom;
		bt_buf_release(&late);
		for (uint32_t i = 0; i < a->decs.n; i++) {
			const bt_as_dec *d = &a->decs.v[i];
			const bt_decision *pd = &x->p->decisions.v[d->idx];
			if (!d->overdue)
				continue;
			int hits = 0;
			for (uint32_t k = 0; k < pd->nlink && !hits; k++) {
				uint32_t v = ref_node(x, &x->p->refs.v[pd->link0 + k]);
				hits = v != BT_NONE && (m->idx == BT_NONE || reaches(x, v, m->idx));
			}
			if (!hits)
				continue;
			worsen(&m->rag, BT_RAG_AMBER);
			push_str(x, str(x, "decision %s was needed by %s and is still open", pd->id,
					dstr(x, pd->need_by)));
		}
	}
	m->nreason = a->strs.n - m->reason0;
}

/* Does node v lie on the way to item m (the program end: everything)? */
static int on_way(const ctx *x, const bt_as_ms *m, uint32_t v)
{
	return m->idx == BT_NONE || reaches(x, v, m->idx);
}

/* The work that drives a non-green item: unfinished tasks on its way with
 * no more commit float than the item's slack. */
static int driving(const ctx *x, const bt_as_ms *m, uint32_t v)
{
	if (v >= x->n->nt)
		return v - x->n->nt == m->idx;
	int32_t lim = m->commit != BT_DATE_NONE ? MAX(m->slack, 0) : 0;
	return x->n->state[v] != BT_TS_DONE && on_way(x, m, v) && x->a->cf[v] <= lim;
}

/* What is being done about a non-green item: mitigations of the risks on
 * its driving work, decisions linked to that work or those risks. */
static void actions_for(ctx *x, bt_as_ms *m)
{
	const bt_plan *p = x->p;
	bt_assessment *a = x->a;
	m->action0 = a->strs.n;
	if (m->rag == BT_RAG_GREEN || m->rag == BT_RAG_NONE || m->reached) {
		m->naction = 0;
		return;
	}
	uint8_t *hit = bt_calloc(p->risks.n + 1, 1);
	if (!hit) {
		a->oom = 1;
		return;
	}
	for (uint32_t i = 0; i < a->risks.n; i++) {
		const bt_as_risk *r = &a->risks.v[i];
		const bt_risk *pr = &p->risks.v[r->idx];
		if (pr->state == BT_RISK_CLOSED || pr->state == BT_RISK_ABSORBED)
			continue;
		for (uint32_t k = 0; k < pr->non && !hit[r->idx]; k++) {
			uint32_t v = ref_node(x, &p->refs.v[pr->on0 + k]);
			hit[r->idx] = v != BT_NONE && driving(x, m, v);
		}
		if (hit[r->idx] && pr->mitigation) {
			const char *t = str(x, "Mitigating %s (%s): %s", pr->id, pr->owner ? pr->owner : "no owner",
					    pr->mitigation);
			push_str(x, t);
			bt_as_act(a, t, BT_ACT_MITIGATING, r->idx, 0, BT_NONE, NULL);
		}
	}
	for (uint32_t i = 0; i < a->decs.n; i++) {
		const bt_as_dec *d = &a->decs.v[i];
		const bt_decision *pd = &p->decisions.v[d->idx];
		int linked = 0;
		for (uint32_t k = 0; k < pd->nlink && !linked; k++) {
			const bt_ref *r = &p->refs.v[pd->link0 + k];
			if (r->kind == BT_K_RISK && r->idx != BT_NONE)
				linked = hit[r->idx];
			else {
				uint32_t v = ref_node(x, r);
				linked = v != BT_NONE && driving(x, m, v);
			}
		}
		if (!linked)
			continue;
		const char *t = NULL;
		if (d->state == BT_DEC_PROPOSED)
			t = str(x, "Decision needed%s%s%s%s: %s", d->from ? " from " : "", d->from ? d->from : "",
				pd->need_by != BT_DATE_NONE ? " by " : "", pd->need_by != BT_DATE_NONE ? dstr(x, pd->need_by) : "",
				d->ask);
		else if (d->taken_since)
			t = str(x, "Decided %s: %s", dstr(x, d->taken_on), pd->title ? pd->title : pd->id);
		if (t) {
			push_str(x, t);
			bt_as_act(a, t, d->state == BT_DEC_PROPOSED ? BT_ACT_DECISION : BT_ACT_DECIDED, d->idx, 0, BT_NONE, NULL);
		}
	}
	bt_free(hit);
	m->naction = a->strs.n - m->action0;
	if (!m->naction) {
		m->unaddressed = 1;
		bt_buf b = BT_BUF_INIT;
		uint32_t shown = 0, more = 0;
		for (uint32_t i = 0; i < a->critical.n + x->n->nt; i++) {
			/* The critical tasks first, then the rest of the driving work. */
			uint32_t v = i < a->critical.n ? a->critical.v[i] : i - a->critical.n;
			if (i >= a->critical.n && x->c->critical[v])
				continue;
			if (!driving(x, m, v))
				continue;
			if (shown < 3)
				bt_buf_printf(&b, "%s%s", shown ? ", " : "", node_id(x, v));
			else
				more++;
			shown++;
		}
		if (more)
			bt_buf_printf(&b, " and %u more", more);
		const char *t = str(x, "Nothing addresses this yet: no risk on the work driving %s has a mitigation and no open decision is linked to it%s%s%s",
				    m->id, shown ? " (driving work: " : "", shown && !b.oom ? b.s : "", shown ? ")" : "");
		push_str(x, t);
		bt_as_act(a, t, BT_ACT_UNADDRESSED, (uint32_t)(m - a->ms), 0, BT_NONE, NULL);
		a->oom |= b.oom;
		bt_buf_release(&b);
		m->naction = a->strs.n - m->action0;
	}
}

/* The baseline of a commitment and its changes by the status date; the
 * forecast against the baseline when it moved. */
static void fill_baseline(ctx *x, bt_as_ms *m, bt_date commit0, uint32_t cc0, uint32_t ncc)
{
	m->commit0 = commit0;
	m->cc0 = cc0;
	m->ncc = ncc;
	for (uint32_t i = 0; i < ncc; i++) {
		bt_date since = x->p->commit_changes.v[cc0 + i].since;
		m->ncc_now += x->a->as_of != BT_DATE_NONE && since <= x->a->as_of;
	}
	if (m->fc.have && commit0 != BT_DATE_NONE && commit0 != m->commit)
		m->p50_slack0 = commit_day(x, commit0) - m->fc.p50;
	if (commit0 == m->commit)
		m->fc.chance0 = -1;
	if (!m->ncc_now)
		return;
	/* Every format says it the same way. */
	bt_buf b = BT_BUF_INIT;
	char d[11];
	bt_date_format(commit0, d);
	bt_buf_printf(&b, "committed %s", d);
	for (uint32_t i = 0; i < m->ncc_now; i++) {
		const bt_commit_change *c = &x->p->commit_changes.v[cc0 + i];
		bt_date_format(c->date, d);
		bt_buf_printf(&b, ", %s %s", i ? "then to" : "moved to", d);
		bt_date_format(c->since, d);
		bt_buf_printf(&b, " on %s", d);
		if (c->by.name)
			bt_buf_printf(&b, " by decision %s", c->by.name);
		if (c->reason)
			bt_buf_printf(&b, " (%s)", c->reason);
	}
	m->commit_story = str(x, "%s", b.oom ? "" : b.s);
	if (b.oom)
		x->a->oom = 1;
	bt_buf_release(&b);
}

static void fill_item(ctx *x, bt_as_ms *m, uint32_t k, int32_t day, const bt_ms_forecast *fc)
{
	const bt_net *n = x->n;
	m->idx = k;
	m->day = day;
	m->planned = fin_date(x, day);
	m->p50 = m->p85 = BT_DATE_NONE;
	if (fc && fc->have) {
		m->fc = *fc;
		m->p50 = fin_date(x, fc->p50);
		m->p85 = fin_date(x, fc->p85);
	}
	if (m->commit != BT_DATE_NONE) {
		int32_t cd = commit_day(x, m->commit);
		m->slack = cd - day;
		if (m->fc.have) {
			m->p50_slack = cd - fc->p50;
			m->p85_slack = cd - fc->p85;
		}
	}
	m->prev_chance = -1;
	for (uint32_t v = 0; v < n->nt; v++) {
		if (k != BT_NONE && !reaches(x, v, k))
			continue;
		m->ntask++;
		m->ndone += n->state[v] == BT_TS_DONE;
		m->nstarted += n->state[v] == BT_TS_STARTED;
	}
	if (x->a->have_prev) {
		uint32_t j = k == BT_NONE ? x->nm : k;
		bt_date was = x->a->prev.ms_planned[j];
		if (was != BT_DATE_NONE) {
			m->have_prev = 1;
			m->prev_planned = was;
			m->change = bt_cal_index(&n->cal, m->planned) - bt_cal_index(&n->cal, was);
			m->prev_chance = x->a->prev.ms_chance[j];
		}
	}
}

/*============================== Causes ============================*/

/* Grouping the facts behind the commitments that are not green: each
 * decision, risk (or set of risks on one late path), task or chain of work
 * becomes one cause naming every commitment it affects, so the update says
 * each fact once. bits[c * W + w]: the items cause c affects. */
typedef struct cgroup {
	uint64_t *bits;
	uint32_t W, max;
	int32_t *chain_late;   /* per cause: its chain's fewest days to spare */
	double *hdays;         /* per cause: working days it moves the headline
				  commitment (capacity, re-estimate); -1 */
	uint32_t hk;           /* the headline commitment's item */
} cgroup;

static int rated(const bt_as_ms *m)
{
	return !m->reached && m->commit != BT_DATE_NONE && m->rag != BT_RAG_GREEN && m->rag != BT_RAG_NONE &&
	       m->same_as == BT_NONE;
}

/* The forecast itself falls short (not only an escalation or a late
 * decision): its top driver is then a cause of the item. */
static int forecast_short(const ctx *x, const bt_as_ms *m)
{
	return m->fc.has_driver && bt_as_has_chance(m) && m->fc.chance + EPS < x->a->green;
}

static int32_t spare(const bt_as_ms *m)
{
	return bt_as_has_chance(m) ? m->p50_slack : m->slack;
}

static int32_t new_cause(ctx *x, cgroup *g, uint8_t kind, uint32_t subject, const uint32_t *ids, uint32_t nid)
{
	bt_assessment *a = x->a;
	if (a->causes.n >= g->max)
		return -1;
	bt_as_cause *c = BT_VEC_PUSH(a->causes);
	if (!c) {
		a->oom = 1;
		return -1;
	}
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->subject = subject;
	c->days = -1;
	c->when = BT_DATE_NONE;
	c->id0 = a->cause_idx.n;
	for (uint32_t i = 0; i < nid; i++) {
		uint32_t *s = BT_VEC_PUSH(a->cause_idx);
		if (!s) {
			a->oom = 1;
			break;
		}
		*s = ids[i];
	}
	c->nid = a->cause_idx.n - c->id0;
	return (int32_t)(a->causes.n - 1);
}

static void affects(cgroup *g, int32_t c, uint32_t k)
{
	if (c >= 0)
		g->bits[(size_t)c * g->W + k / 64] |= 1ull << (k % 64);
}

static int has_bit(const cgroup *g, uint32_t c, uint32_t k)
{
	return (g->bits[(size_t)c * g->W + k / 64] >> (k % 64)) & 1;
}

/* The cause of `kind` about `subject`; a risk is found in a set too. */
static int32_t find_cause(const ctx *x, uint8_t kind, uint32_t subject)
{
	const bt_assessment *a = x->a;
	for (uint32_t c = 0; c < a->causes.n; c++) {
		const bt_as_cause *k = &a->causes.v[c];
		if (kind == BT_CAUSE_RISK && (k->kind == BT_CAUSE_RISK || k->kind == BT_CAUSE_RISKS)) {
			for (uint32_t i = 0; i < k->nid; i++)
				if (a->cause_idx.v[k->id0 + i] == subject)
					return (int32_t)c;
		} else if (k->kind == kind && k->subject == subject) {
			return (int32_t)c;
		}
	}
	return -1;
}

/* The chain of unfinished work that sets item m's planned date, from its
 * first task to its last: each step back is the predecessor that finishes
 * last. Returns its length (0: nothing unfinished). */
static uint32_t chain_of(const ctx *x, const bt_as_ms *m, uint32_t *out)
{
	const bt_net *n = x->n;
	const bt_cpm *c = x->c;
	uint32_t v = BT_NONE, len = 0;
	if (m->idx != BT_NONE) {
		v = n->nt + m->idx;
	} else {
		for (uint32_t t = 0; t < n->nt; t++)
			if (n->state[t] != BT_TS_DONE && (v == BT_NONE || c->ef[t] > c->ef[v]))
				v = t;
		if (v != BT_NONE)
			out[len++] = v;
	}
	for (uint32_t step = 0; v != BT_NONE && step < n->n; step++) {
		uint32_t best = BT_NONE;
		for (uint32_t k = n->pred_off[v]; k < n->pred_off[v + 1]; k++) {
			uint32_t u = n->pred[k];
			if (u < n->nt && n->state[u] == BT_TS_DONE)
				continue;
			if (best == BT_NONE || c->ef[u] > c->ef[best])
				best = u;
		}
		v = best;
		if (v != BT_NONE && v < n->nt)
			out[len++] = v;
	}
	for (uint32_t i = 0; i < len / 2; i++) {
		uint32_t t = out[i];
		out[i] = out[len - 1 - i];
		out[len - 1 - i] = t;
	}
	return len;
}

/* "a → b → c", or "a → b → … → z (N tasks)" for a long chain. */
static const char *chain_text(ctx *x, const bt_as_cause *k)
{
	const uint32_t *ids = &x->a->cause_idx.v[k->id0];
	uint32_t n = k->nid;
	if (n <= 4) {
		bt_buf b = BT_BUF_INIT;
		for (uint32_t i = 0; i < n; i++)
			bt_buf_printf(&b, "%s%s", i ? " → " : "", node_id(x, ids[i]));
		const char *r = b.oom ? NULL : str(x, "%s", b.s ? b.s : "");
		x->a->oom |= b.oom;
		bt_buf_release(&b);
		return r ? r : "";
	}
	return str(x, "%s → %s → … → %s (%u tasks)", node_id(x, ids[0]), node_id(x, ids[1]),
		   node_id(x, ids[n - 1]), n);
}

/* Effects first: the lowest chance, then the fewest days to spare, then
 * the most commitments touched; facts before fallbacks. */
static int cause_before(const bt_as_cause *p, const bt_as_cause *q)
{
	if ((p->nms > 0) != (q->nms > 0))
		return p->nms > 0;
	int pc = p->worst_chance >= 0, qc = q->worst_chance >= 0;
	if (pc && qc && p->worst_chance != q->worst_chance)
		return p->worst_chance < q->worst_chance;
	if (p->worst_slack != q->worst_slack)
		return p->worst_slack < q->worst_slack;
	if (p->nms != q->nms)
		return p->nms > q->nms;
	if (p->kind != q->kind)
		return p->kind < q->kind;
	return p->id0 < q->id0;
}

/* The cause of a set of escalated risks (one risk: its own), made once:
 * `absorb` < 0 for risks on a path already late, else the least float
 * of the work they are on. */
static int32_t risk_set(ctx *x, cgroup *g, const uint32_t *ids, uint32_t n, double sum, int32_t absorb)
{
	const bt_plan *p = x->p;
	bt_assessment *a = x->a;
	for (uint32_t j = 0; j < a->causes.n; j++) {
		const bt_as_cause *q = &a->causes.v[j];
		if ((q->kind == BT_CAUSE_RISKS || q->kind == BT_CAUSE_RISK) && q->nid == n &&
		    !memcmp(&a->cause_idx.v[q->id0], ids, sizeof(uint32_t) * n))
			return (int32_t)j;
	}
	int32_t c = new_cause(x, g, n == 1 ? BT_CAUSE_RISK : BT_CAUSE_RISKS, ids[0], ids, n);
	if (c < 0)
		return c;
	bt_as_cause *q = &a->causes.v[c];
	bt_buf b = BT_BUF_INIT;
	for (uint32_t i = 0; i < n; i++)
		bt_buf_printf(&b, "%s%s", i ? ", " : "", p->risks.v[ids[i]].id);
	const char *list = b.oom ? "" : b.s;
	q->days = sum;
	q->label = str(x, "risk%s %s", n == 1 ? "" : "s", list);
	if (absorb < 0)
		q->text = str(x, "open risk%s %s on the late path could add an expected %.1f working days more", n == 1 ? "" : "s",
			      list, sum);
	else if (n == 1)
		q->text = str(x, "risk %s is expected to cost %.1f working days, more than the %s the work it is on can absorb",
			      list, sum, days(x, absorb));
	else
		q->text = str(x, "risks %s are expected to cost %.1f working days together, each more than the work it is on can absorb (%s at the least)",
			      list, sum, days(x, absorb));
	a->oom |= b.oom;
	bt_buf_release(&b);
	return c;
}

/* Levelled: the working days each team's people hold back the work that
 * sets item m's date. Walk back from m through the predecessor whose link
 * binds each start (the levelled dates); a planned task that starts after
 * that bound waits for its team (the engine's explanation names which),
 * and the date moves by the sum of those waits. Under a scenario, a
 * team's slowdown of the work on the path adds to it too (slow[t]). at[t]:
 * the last day of that team's work on the path (its capacity then). */
/* Under a scenario, the working days its `team T slower` items add to
 * task v's work (as bt_scenario_apply scales it, from v's dates now). */
static int32_t slowed(const ctx *x, uint32_t v)
{
	const bt_scenario *sc = x->s->scen;
	const bt_net *n = x->n;
	uint32_t t = task_team(x, v);
	double scale = 1.0;
	for (uint32_t i = 0; sc && t != BT_NONE && i < sc->nitem; i++) {
		const bt_scen_item *it = &x->p->scen_items.v[sc->item0 + i];
		if (it->kind != BT_SC_SLOWER || it->subject.idx != t)
			continue;
		int32_t from = it->from == BT_DATE_NONE ? INT32_MIN : bt_cal_index(&n->cal, it->from);
		int32_t s0 = n->state[v] == BT_TS_STARTED ? bt_net_dday(n, v) : x->c->es[v], ef = x->c->ef[v];
		double frac = from <= s0 ? 1.0 : from >= ef ? 0.0 : (double)(ef - from) / (double)(ef - s0);
		scale *= 1.0 + it->value * frac;
	}
	if (scale <= 1.0)
		return 0;
	int32_t d = n->dur[v];
	return d - (int32_t)(d / scale + 0.5);
}

static void path_waits(const ctx *x, const bt_as_ms *m, int32_t *wait, int32_t *slow, int32_t *at)
{
	const struct baton_schedule *s = x->s;
	const bt_net *n = x->n;
	const bt_cpm *c = x->c;
	for (uint32_t t = 0; t < x->p->teams.n; t++)
		wait[t] = slow[t] = 0, at[t] = -1;
	if (!s->levelled && !s->scen)
		return;
	uint32_t v = BT_NONE;
	if (m->idx != BT_NONE) {
		v = n->nt + m->idx;
	} else {
		for (uint32_t t = 0; t < n->nt; t++)
			if (n->state[t] != BT_TS_DONE && (v == BT_NONE || c->ef[t] > c->ef[v]))
				v = t;
	}
	for (uint32_t step = 0; v != BT_NONE && step <= n->n; step++) {
		uint32_t tv = v < n->nt ? task_team(x, v) : BT_NONE;
		if (tv != BT_NONE && n->state[v] != BT_TS_DONE) {
			int32_t d = slowed(x, v);
			slow[tv] += d;
			if (d > 0 && c->ef[v] - 1 > at[tv])
				at[tv] = c->ef[v] - 1;
		}
		if (v < n->nt && n->state[v] != BT_TS_PLANNED)
			break;
		int32_t dur = c->ef[v] - c->es[v], ready = c->es[v];
		if (v < n->nt && s->levelled && s->ready && s->wait_off && c->es[v] > s->ready[v]) {
			uint32_t t = s->wait_off[v] < s->wait_off[v + 1] ? s->wait[s->wait_off[v]].res : task_team(x, v);
			if (t < x->p->teams.n) {
				wait[t] += c->es[v] - s->ready[v];
				if (c->es[v] > at[t])
					at[t] = c->es[v];
			}
			ready = s->ready[v];
		}
		uint32_t best = BT_NONE;
		int32_t bound = 0;
		for (uint32_t k = n->pred_off[v]; k < n->pred_off[v + 1]; k++) {
			uint32_t u = n->pred[k];
			if (u < n->nt && n->state[u] == BT_TS_DONE)
				continue;
			int32_t lag = n->pred_lag[k], b;
			switch (n->pred_type[k]) {
			case BT_SS: b = c->es[u] + lag; break;
			case BT_FF: b = c->ef[u] + lag - dur; break;
			case BT_SF: b = c->es[u] + lag - dur; break;
			default: b = c->ef[u] + lag; break;
			}
			if (best == BT_NONE || b > bound) {
				best = u;
				bound = b;
			}
		}
		/* Its release (the data day, not-before) binds: the walk ends. */
		v = best != BT_NONE && bound >= ready ? best : BT_NONE;
	}
}

/* "3 → 2", people. */
static const char *people_change(ctx *x, int32_t was, int32_t now)
{
	char f[16], t[16];
	return str(x, "%s → %s", bt_people(f, was), bt_people(t, now));
}

/* What changed about a capacity cause's team: "team T lost capacity (3 →
 * 2 from D)", "... and works 25% slower", "team T works 25% slower from
 * D", or without a change "team T's capacity (3)". */
static const char *team_change(ctx *x, const bt_as_cause *q)
{
	const char *tid = x->p->teams.v[q->subject].id;
	char pw[16];
	if (q->now < q->was && q->when != BT_DATE_NONE)
		return str(x, "team %s lost capacity (%s %s %s)%s", tid, people_change(x, q->was, q->now),
			   q->since_prev ? "since the update of" : "from", dstr(x, q->when),
			   q->slower > 0 ? str(x, " and works %.0f%% slower", 100 * q->slower) : "");
	if (q->slower > 0)
		return q->when != BT_DATE_NONE ? str(x, "team %s works %.0f%% slower from %s", tid, 100 * q->slower, dstr(x, q->when))
					       : str(x, "team %s works %.0f%% slower", tid, 100 * q->slower);
	return str(x, "team %s's capacity (%s)", tid, bt_people(pw, q->now));
}

/* The team whose people hold item m's date back the most: a cause. */
static void capacity_cause(ctx *x, cgroup *g, uint32_t k, int32_t *wait, int32_t *slow, int32_t *at)
{
	const bt_plan *p = x->p;
	bt_assessment *a = x->a;
	path_waits(x, &a->ms[k], wait, slow, at);
	uint32_t t = BT_NONE;
	for (uint32_t i = 0; i < p->teams.n; i++) {
		wait[i] += slow[i];
		if (wait[i] > 0 && (t == BT_NONE || wait[i] > wait[t]))
			t = i;
	}
	if (t == BT_NONE)
		return;
	int32_t c = find_cause(x, BT_CAUSE_CAPACITY, t);
	if (c < 0) {
		uint32_t ids = t;
		if ((c = new_cause(x, g, BT_CAUSE_CAPACITY, t, &ids, 1)) < 0)
			return;
		bt_as_cause *q = &a->causes.v[c];
		bt_date since;
		q->was = p->teams.v[t].capacity < 0 ? 0 : p->teams.v[t].capacity;
		q->now = at[t] < 0 ? q->was
				   : bt_team_capacity_at(p, a->sched->scen, t, bt_cal_date(&x->n->cal, at[t]), &since);
		q->when = at[t] >= 0 && q->now < q->was ? since : BT_DATE_NONE;
		/* No change in the plan's dates, but fewer people than the
		 * recorded update had: the change is since then. */
		const bt_prev *pv = &a->prev;
		if (q->when == BT_DATE_NONE && a->have_prev && pv->from_record && pv->team_cap && a->team_cap &&
		    pv->team_cap[t] > a->team_cap[t] && a->team_cap[t] == q->now) {
			q->was = pv->team_cap[t];
			q->when = pv->as_of;
			q->since_prev = 1;
		}
		q->label = str(x, "team %s's capacity", p->teams.v[t].id);
		/* A scenario's slowdown of the team: its share, and from when. */
		const bt_scenario *sc = a->sched->scen;
		for (uint32_t i = 0; slow[t] > 0 && sc && i < sc->nitem; i++) {
			const bt_scen_item *it = &p->scen_items.v[sc->item0 + i];
			if (it->kind == BT_SC_SLOWER && it->subject.idx == t) {
				q->slower = it->value;
				if (q->when == BT_DATE_NONE)
					q->when = it->from;
			}
		}
	}
	bt_as_cause *q = &a->causes.v[c];
	if (wait[t] > q->days)
		q->days = wait[t];
	if (k == g->hk)
		g->hdays[c] = wait[t];
	affects(g, c, k);
}

/* The re-estimate entered since the last update that moved item m the
 * most: a cause, moving it by its root's slip (at most m's own move). */
static void estimate_cause(ctx *x, cgroup *g, uint32_t k)
{
	bt_assessment *a = x->a;
	const bt_as_ms *m = &a->ms[k];
	if (!m->have_prev || m->change <= 0)
		return;
	const bt_slip_cause *best = NULL;
	uint32_t root = BT_NONE;
	double bd = 0;
	for (uint32_t i = 0; i < m->nroot; i++) {
		uint32_t r = a->slip_roots.v[m->root0 + i];
		const bt_as_item *it = NULL;
		for (uint32_t j = 0; j < a->slipped.n && !it; j++)
			if (a->slipped.v[j].task == r)
				it = &a->slipped.v[j];
		const bt_slip_cause *e = NULL;
		for (uint32_t j = 0; it && j < it->ncause; j++)
			if (a->slip_causes.v[it->cause0 + j].kind == BT_CA_ESTIMATE)
				e = &a->slip_causes.v[it->cause0 + j]; /* the latest block's */
		double d = e ? MIN(it->days, m->change) : 0;
		if (e && d > bd) {
			best = e;
			bd = d;
			root = r;
		}
	}
	if (!best)
		return;
	int32_t c = find_cause(x, BT_CAUSE_ESTIMATE, root);
	if (c < 0) {
		if ((c = new_cause(x, g, BT_CAUSE_ESTIMATE, root, &root, 1)) < 0)
			return;
		bt_as_cause *q = &a->causes.v[c];
		q->was = best->was;
		q->now = best->now;
		q->when = best->when;
		q->label = str(x, "re-estimate of %s", x->p->tasks.v[root].id);
		q->text = best->text;
	}
	bt_as_cause *q = &a->causes.v[c];
	if (bd > q->days)
		q->days = bd;
	if (k == g->hk && bd > g->hdays[c])
		g->hdays[c] = bd;
	affects(g, c, k);
}

static void group_causes(ctx *x, cgroup *g, uint32_t *tmp)
{
	const bt_plan *p = x->p;
	bt_assessment *a = x->a;
	/* First the facts that name themselves: overdue decisions and
	 * escalated risks, per commitment. */
	for (uint32_t k = 0; k < a->nms; k++) {
		const bt_as_ms *m = &a->ms[k];
		if (!rated(m))
			continue;
		/* Its escalated risks: those on a path already late as one
		 * set, those its float cannot absorb as another. */
		uint32_t self = m->idx == BT_NONE ? x->nm : m->idx, nlate = 0, nover = 0;
		uint32_t *over = tmp + p->risks.n;
		double sum = 0, osum = 0;
		int32_t least = INT32_MAX;
		for (uint32_t i = 0; i < a->risks.n; i++) {
			const bt_as_risk *r = &a->risks.v[i];
			if (!r->escalate || !r->threat || strcmp(r->threat, m->id) || commit_of(x, self) != r->threat_commit)
				continue;
			if (r->absorb < 0) {
				tmp[nlate++] = r->idx;
				sum += r->exposure;
			} else {
				over[nover++] = r->idx;
				osum += r->exposure;
				least = MIN(least, r->absorb);
			}
		}
		if (nlate)
			affects(g, risk_set(x, g, tmp, nlate, sum, -1), k);
		if (nover)
			affects(g, risk_set(x, g, over, nover, osum, least), k);
		for (uint32_t i = 0; i < a->decs.n; i++) {
			const bt_as_dec *d = &a->decs.v[i];
			const bt_decision *pd = &p->decisions.v[d->idx];
			if (!d->overdue)
				continue;
			int hits = 0;
			for (uint32_t j = 0; j < pd->nlink && !hits; j++) {
				uint32_t v = ref_node(x, &p->refs.v[pd->link0 + j]);
				hits = v != BT_NONE && (m->idx == BT_NONE || reaches(x, v, m->idx));
			}
			if (!hits)
				continue;
			int32_t c = find_cause(x, BT_CAUSE_DECISION, d->idx);
			if (c < 0 && (c = new_cause(x, g, BT_CAUSE_DECISION, d->idx, &d->idx, 1)) >= 0) {
				bt_as_cause *q = &a->causes.v[c];
				q->text = str(x, "decision %s was needed by %s and is still open, %d day%s overdue", pd->id,
					      dstr(x, pd->need_by), d->overdue_days, d->overdue_days == 1 ? "" : "s");
				q->label = str(x, "decision %s overdue", pd->id);
			}
			affects(g, c, k);
		}
	}
	/* Then what held each date back or moved it since the last update:
	 * a team's people (levelled), a re-estimate. */
	int32_t *wait = (int32_t *)tmp, *slow = wait + p->teams.n, *at = slow + p->teams.n;
	for (uint32_t k = 0; k < a->nms; k++) {
		if (!rated(&a->ms[k]))
			continue;
		capacity_cause(x, g, k, wait, slow, at);
		estimate_cause(x, g, k);
	}
	/* Then what moves each date: the forecast's top driver, else the
	 * chain of work that sets it, when no fact above explains it. */
	for (uint32_t k = 0; k < a->nms; k++) {
		const bt_as_ms *m = &a->ms[k];
		if (!rated(m))
			continue;
		int named = 0;
		for (uint32_t c = 0; c < a->causes.n && !named; c++)
			named = has_bit(g, c, k);
		if (forecast_short(x, m)) {
			uint8_t kind = m->fc.driver_risk ? BT_CAUSE_RISK : BT_CAUSE_TASK;
			int32_t c = find_cause(x, kind, m->fc.driver);
			if (c < 0)
				c = new_cause(x, g, kind, m->fc.driver, &m->fc.driver, 1);
			if (c >= 0) {
				bt_as_cause *q = &a->causes.v[c];
				double dd = m->fc.driver_risk ? m->fc.driver_days : 100 * m->fc.driver_crit;
				if (!q->text && dd > q->days)
					q->days = dd;
			}
			affects(g, c, k);
			continue;
		}
		if (named)
			continue;
		uint32_t len = chain_of(x, m, tmp);
		if (!len)
			continue;
		int32_t c = find_cause(x, BT_CAUSE_CHAIN, tmp[0]);
		if (c < 0)
			c = new_cause(x, g, BT_CAUSE_CHAIN, tmp[0], tmp, len);
		if (c >= 0 && (a->causes.v[c].days < 0 || spare(m) < g->chain_late[c])) {
			g->chain_late[c] = spare(m);
			a->causes.v[c].days = 0;
		}
		affects(g, c, k);
	}
	/* The sentences of the causes the forecast found, from their largest
	 * effect over what they affect. */
	for (uint32_t c = 0; c < a->causes.n; c++) {
		bt_as_cause *q = &a->causes.v[c];
		if (q->kind == BT_CAUSE_CAPACITY) {
			q->text = str(x, "%s, which holds back the work that sets the date by %s", team_change(x, q),
				      days(x, (int32_t)q->days));
			continue;
		}
		if (q->kind == BT_CAUSE_ESTIMATE) {
			q->text = str(x, "%s, moving the date %s", q->text, days(x, (int32_t)q->days));
			continue;
		}
		const char *id = q->kind == BT_CAUSE_CHAIN || q->kind == BT_CAUSE_TASK ? node_id(x, q->subject)
				 : q->kind == BT_CAUSE_DECISION ? p->decisions.v[q->subject].id
								  : p->risks.v[q->subject].id;
		if (!q->label)
			q->label = q->kind == BT_CAUSE_CHAIN ? str(x, "chain from %s", id)
				   : str(x, "%s %s", q->kind == BT_CAUSE_TASK ? "task" : "risk", id);
		if (q->text)
			continue;
		if (q->kind == BT_CAUSE_RISK)
			q->text = str(x, "risk %s drives the forecast, adding up to %.1f working days on average", id, q->days);
		else if (q->kind == BT_CAUSE_TASK) {
			q->text = str(x, "task %s (%s) drives the forecast: it is on the critical path in up to %.0f%% of runs", id,
				      team_id(x, task_team(x, q->subject)), q->days);
			q->days = -1;
		} else if (q->kind == BT_CAUSE_CHAIN) {
			int32_t s = g->chain_late[c];
			q->text = s < 0 ? str(x, "the chain of work %s ends %s after the commit", chain_text(x, q), days(x, -s))
					: str(x, "the chain of work %s leaves only %s to spare", chain_text(x, q), days(x, s));
			q->days = s < 0 ? -s : -1;
		}
	}
}

/* Rank the causes, put the headline's driver first, and write each as one
 * reason naming what it affects. */
static void assess_causes(ctx *x)
{
	bt_assessment *a = x->a;
	const bt_plan *p = x->p;
	const bt_as_ms *h = a->headline_ms;
	cgroup g = {0};
	g.W = (a->nms + 63) / 64;
	/* At most one capacity and one re-estimate cause per item. */
	g.max = a->decs.n + a->risks.n + 4 * a->nms + 2;
	g.bits = bt_calloc((size_t)g.max * g.W, sizeof(uint64_t));
	g.chain_late = bt_calloc(g.max, sizeof(int32_t));
	g.hdays = bt_malloc(sizeof(double) * g.max);
	g.hk = h->same_as != BT_NONE ? h->same_as : (uint32_t)(h - a->ms);
	size_t ntmp = MAX((size_t)x->n->n + 2 * (size_t)p->risks.n, 3 * (size_t)p->teams.n) + 1;
	uint32_t *tmp = bt_malloc(sizeof(uint32_t) * ntmp);
	uint32_t *order = bt_malloc(sizeof(uint32_t) * g.max);
	bt_as_cause *sorted = bt_malloc(sizeof(bt_as_cause) * g.max);
	a->driver = -1;
	a->driver_days = -1;
	a->driver_effect = -1;
	if (!g.bits || !tmp || !order || !sorted || !g.chain_late || !g.hdays) {
		a->oom = 1;
		goto done;
	}
	for (uint32_t c = 0; c < g.max; c++)
		g.hdays[c] = -1;
	group_causes(x, &g, tmp);
	uint32_t nc = a->causes.n;
	for (uint32_t c = 0; c < nc; c++) {
		bt_as_cause *q = &a->causes.v[c];
		q->worst_chance = -1;
		q->worst_slack = INT32_MAX;
		for (uint32_t k = 0; k < a->nms; k++) {
			const bt_as_ms *m = &a->ms[k];
			if (!has_bit(&g, c, k))
				continue;
			q->nms++;
			if (bt_as_has_chance(m) && (q->worst_chance < 0 || m->fc.chance < q->worst_chance))
				q->worst_chance = m->fc.chance;
			q->worst_slack = MIN(q->worst_slack, spare(m));
		}
	}
	/* The driver: the forecast's top driver of the headline commitment,
	 * else the first cause that affects it, else the first cause. */
	int32_t drv = -1;
	if (forecast_short(x, h)) {
		drv = find_cause(x, h->fc.driver_risk ? BT_CAUSE_RISK : BT_CAUSE_TASK, h->fc.driver);
		if (drv >= 0 && h->fc.driver_risk)
			a->driver_days = h->fc.driver_days;
	}
	for (uint32_t i = 0; i < nc; i++)
		order[i] = i;
	for (uint32_t i = 1; i < nc; i++)
		for (uint32_t j = i; j > 0 && cause_before(&a->causes.v[order[j]], &a->causes.v[order[j - 1]]); j--) {
			uint32_t t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	uint32_t hk = (uint32_t)(h - a->ms);
	if (h->same_as != BT_NONE)
		hk = h->same_as;
	for (uint32_t i = 0; i < nc && drv < 0; i++)
		if (has_bit(&g, order[i], hk))
			drv = (int32_t)order[i];
	if (drv < 0 && nc)
		drv = (int32_t)order[0];
	/* A team's people or a re-estimate is the driver when it moves the
	 * headline commitment more than that one is known to (in working
	 * days; a decision's or a task's criticality is no known amount). */
	if (drv >= 0) {
		const bt_as_cause *d = &a->causes.v[drv];
		double cur = a->driver_days >= 0 ? a->driver_days
			     : d->kind == BT_CAUSE_CHAIN || d->kind == BT_CAUSE_RISK || d->kind == BT_CAUSE_RISKS ? d->days
			     : g.hdays[drv];
		int32_t best = -1;
		for (uint32_t c = 0; c < nc; c++)
			if (g.hdays[c] > 0 && g.hdays[c] > cur + EPS && (best < 0 || g.hdays[c] > g.hdays[best]))
				best = (int32_t)c;
		if (best >= 0) {
			drv = best;
			a->driver_days = -1;
			a->driver_effect = g.hdays[best];
		} else if (g.hdays[drv] > 0) {
			a->driver_effect = g.hdays[drv];
		}
	}
	for (uint32_t i = 0; i < nc && drv >= 0; i++)
		if (order[i] == (uint32_t)drv) {
			memmove(&order[1], &order[0], sizeof(uint32_t) * i);
			order[0] = (uint32_t)drv;
			break;
		}
	/* The final order, with each cause's items and each item's causes. */
	for (uint32_t i = 0; i < nc; i++)
		sorted[i] = a->causes.v[order[i]];
	if (nc) /* memcpy(NULL, ..., 0) is undefined */
		memcpy(a->causes.v, sorted, sizeof(bt_as_cause) * nc);
	a->driver = nc ? 0 : -1;
	for (uint32_t i = 0; i < nc; i++) {
		bt_as_cause *q = &a->causes.v[i];
		q->ms0 = a->cause_idx.n;
		for (uint32_t k = 0; k < a->nms; k++) {
			if (!has_bit(&g, order[i], k))
				continue;
			uint32_t *s = BT_VEC_PUSH(a->cause_idx);
			if (!s) {
				a->oom = 1;
				goto done;
			}
			*s = k;
		}
		q->nms = a->cause_idx.n - q->ms0;
	}
	for (uint32_t k = 0; k < a->nms; k++) {
		bt_as_ms *m = &a->ms[k];
		m->cause0 = a->cause_idx.n;
		for (uint32_t i = 0; i < nc; i++) {
			if (!has_bit(&g, order[i], k))
				continue;
			uint32_t *s = BT_VEC_PUSH(a->cause_idx);
			if (!s) {
				a->oom = 1;
				goto done;
			}
			*s = i;
		}
		m->ncause = a->cause_idx.n - m->cause0;
	}
	a->ncause = nc;
	/* One reason per cause: the fact, then every commitment it affects. */
	for (uint32_t i = 0; i < nc; i++) {
		const bt_as_cause *q = &a->causes.v[i];
		bt_buf b = BT_BUF_INIT;
		for (uint32_t j = 0; j < q->nms; j++) {
			const bt_as_ms *m = &a->ms[a->cause_idx.v[q->ms0 + j]];
			bt_buf_printf(&b, "%s%s%s", j ? ", " : "", m->id, m->idx == BT_NONE ? " (program)" : "");
		}
		push_str(x, q->nms && !b.oom ? str(x, "%s — affects %s", q->text, b.s) : q->text);
		a->oom |= b.oom;
		bt_buf_release(&b);
	}
done:
	bt_free(g.bits);
	bt_free(g.chain_late);
	bt_free(g.hdays);
	bt_free(tmp);
	bt_free(order);
	bt_free(sorted);
}

/* A cause about the program as a whole (a stale status, or none: all
 * green), after the ranked ones; the driver when there is no other. */
static void extra_cause(ctx *x, uint8_t kind, const char *text)
{
	bt_assessment *a = x->a;
	bt_as_cause *q = BT_VEC_PUSH(a->causes);
	if (!q) {
		a->oom = 1;
		return;
	}
	memset(q, 0, sizeof(*q));
	q->kind = kind;
	q->subject = BT_NONE;
	q->id0 = q->ms0 = a->cause_idx.n;
	q->text = text;
	q->label = kind == BT_CAUSE_STALE ? "stale status" : "";
	q->days = -1;
	q->when = BT_DATE_NONE;
	q->worst_chance = -1;
	q->worst_slack = INT32_MAX;
	if (kind != BT_CAUSE_NONE)
		a->ncause++;
	if (a->driver < 0)
		a->driver = (int32_t)(a->causes.n - 1);
	push_str(x, text);
}

/* The program end coincides with a milestone when it has the same commit,
 * planned date and forecast: the update shows that milestone once. */
static void same_as(ctx *x)
{
	bt_assessment *a = x->a;
	bt_as_ms *end = &a->ms[x->nm];
	end->same_as = BT_NONE;
	for (uint32_t k = 0; k < x->nm; k++)
		a->ms[k].same_as = BT_NONE;
	for (uint32_t k = x->nm; k-- > 0;) {
		const bt_as_ms *m = &a->ms[k];
		if (m->commit == end->commit && end->commit != BT_DATE_NONE && m->planned == end->planned &&
		    m->reached == end->reached && m->fc.have == end->fc.have &&
		    (!m->fc.have || (m->p50 == end->p50 && m->p85 == end->p85 && m->fc.chance == end->fc.chance)) &&
		    m->rag == end->rag) {
			end->same_as = k;
			break;
		}
	}
}

/* The answer to "are we on track?" in one line: the headline commitment
 * against its forecast (its planned date when no forecast ran), and the
 * first reason that says something the numbers before it do not. */
static void headline(ctx *x)
{
	bt_assessment *a = x->a;
	const bt_as_ms *h = a->headline_ms;
	const bt_plan *p = x->p;
	bt_buf b = BT_BUF_INIT;
	char pc[8];
	/* A what-if says so first: it is not the plan. */
	const bt_scenario *sc = a->sched->scen;
	if (sc)
		bt_buf_printf(&b, "Under scenario %s%s%s%s, ", sc->title ? sc->title : sc->id, sc->title ? " (" : "",
			      sc->title ? sc->id : "", sc->title ? ")" : "");
	bt_buf_printf(&b, "%s: ", p->prog.title ? p->prog.title : p->prog.id);
	if (h->idx != BT_NONE)
		bt_buf_printf(&b, "%s ", h->id);
	if (h->commit == BT_DATE_NONE && h->fc.have)
		bt_buf_printf(&b, "no commitment, forecast P50 %s / P85 %s", dstr(x, h->p50), dstr(x, h->p85));
	else if (h->commit == BT_DATE_NONE)
		bt_buf_printf(&b, "no commitment, planned %s", dstr(x, h->planned));
	else if (h->reached)
		bt_buf_printf(&b, "committed %s, reached %s", dstr(x, h->commit), dstr(x, h->planned));
	else if (bt_as_has_chance(h)) {
		bt_fmt_chance(pc, sizeof pc, h->fc.chance);
		bt_buf_printf(&b, "committed %s, forecast P50 %s / P85 %s, %s chance", dstr(x, h->commit),
			      dstr(x, h->p50), dstr(x, h->p85), pc);
	} else {
		bt_buf_printf(&b, "committed %s, planned %s (%s %s; no forecast run)", dstr(x, h->commit),
			      dstr(x, h->planned), days(x, h->slack < 0 ? -h->slack : h->slack),
			      h->slack < 0 ? "late" : "of slack");
	}
	/* Then the cause that moves its date: the forecast's top driver in
	 * its own terms when it has one, else the driver cause's sentence. */
	a->headline_reason = a->nreason;
	if (a->driver >= 0) {
		const bt_as_cause *d = &a->causes.v[a->driver];
		const char *t = d->text;
		if (h->fc.has_driver && h->fc.driver_risk && a->driver_days >= 0)
			t = str(x, "risk %s adds %.1f working days on average", p->risks.v[h->fc.driver].id,
				a->driver_days);
		else if (d->kind == BT_CAUSE_CAPACITY && a->driver_effect > 0) {
			t = str(x, "%s: +%s", team_change(x, d), days(x, (int32_t)a->driver_effect));
		} else if (d->kind == BT_CAUSE_ESTIMATE && a->driver_effect > 0)
			t = str(x, "%s was re-estimated from %dd to %dd (%s %s): +%s", node_id(x, d->subject), d->was, d->now,
				d->when != BT_DATE_NONE ? "status of" : "since the update of",
				dstr(x, d->when != BT_DATE_NONE ? d->when : a->prev.as_of), days(x, (int32_t)a->driver_effect));
		else if (forecast_short(x, h) && !h->fc.driver_risk && d->kind == BT_CAUSE_TASK && d->subject == h->fc.driver)
			t = str(x, "task %s (%s) drives the date: it is on the critical path in %.0f%% of runs",
				node_id(x, d->subject), team_id(x, task_team(x, d->subject)), 100 * h->fc.driver_crit);
		a->driver_text = t;
		a->headline_reason = (uint32_t)a->driver;
		bt_buf_printf(&b, ". Because %s", t);
		if (a->ncause > 1)
			bt_buf_printf(&b, " (1 of %u causes)", a->ncause);
	}
	bt_buf_puts(&b, ".");
	a->headline = b.oom ? NULL : bt_arena_strndup(&a->arena, b.s, b.len);
	if (!a->headline) {
		a->oom = 1;
		a->headline = "";
	}
	bt_buf_release(&b);
}

static int assess_rag(ctx *x, const bt_ms_forecast *fc)
{
	const bt_plan *p = x->p;
	const bt_net *n = x->n;
	bt_assessment *a = x->a;
	a->nms = x->nm + 1;
	a->ms = bt_arena_zalloc(&a->arena, sizeof(bt_as_ms) * a->nms);
	if (!a->ms)
		return -1;
	for (uint32_t i = 0; i < n->n; i++) {
		uint32_t v = n->topo[i];
		if (v < n->nt)
			continue;
		bt_as_ms *m = &a->ms[v - n->nt];
		const bt_milestone *pm = &p->milestones.v[v - n->nt];
		m->id = pm->id;
		m->title = pm->title;
		m->owner = pm->owner;
		m->commit = pm->commit;
		m->reached = a->as_of != BT_DATE_NONE && pm->ndep > 0;
		for (uint32_t k = n->pred_off[v]; k < n->pred_off[v + 1] && m->reached; k++) {
			uint32_t u = n->pred[k];
			m->reached = u < n->nt ? n->state[u] == BT_TS_DONE : a->ms[u - n->nt].reached;
		}
		fill_item(x, m, v - n->nt, x->c->es[v], fc ? &fc[v - n->nt] : NULL);
		fill_baseline(x, m, pm->commit0, pm->cc0, pm->ncc);
	}
	bt_as_ms *end = &a->ms[x->nm];
	end->id = p->prog.id;
	end->title = p->prog.title;
	end->commit = p->prog.commit;
	end->reached = a->as_of != BT_DATE_NONE && n->nt > 0;
	for (uint32_t v = 0; v < n->nt && end->reached; v++)
		end->reached = n->state[v] == BT_TS_DONE;
	fill_item(x, end, BT_NONE, x->c->end_day, fc ? &fc[x->nm] : NULL);
	fill_baseline(x, end, p->prog.commit0, p->prog.cc0, p->prog.ncc);
	for (uint32_t k = 0; k < a->nms; k++)
		rate_item(x, &a->ms[k]);
	for (uint32_t k = 0; k < a->nms; k++)
		actions_for(x, &a->ms[k]);

	/* The program: the worst commitment not yet reached. */
	a->rag = BT_RAG_GREEN;
	const bt_as_ms *worst = NULL, *tight = NULL;
	for (uint32_t k = 0; k < a->nms; k++) {
		const bt_as_ms *m = &a->ms[k];
		if (m->reached || m->commit == BT_DATE_NONE)
			continue;
		if (m->rag != BT_RAG_NONE && m->rag > a->rag)
			a->rag = m->rag;
		if (!worst || m->rag > worst->rag)
			worst = m;
		if (!tight || (bt_as_has_chance(m) ? m->fc.chance < tight->fc.chance : m->slack < tight->slack))
			tight = m;
	}
	a->headline_ms = p->prog.commit != BT_DATE_NONE ? end : worst ? worst : end;
	same_as(x);
	/* The slips' causes first: a re-estimate behind one is a cause too. */
	if (bt_slip_causes(a))
		return -1;
	a->reason0 = a->strs.n;
	assess_causes(x);
	if (a->strs.n == a->reason0) {
		if (tight && bt_as_has_chance(tight)) {
			char pc[8];
			bt_fmt_chance(pc, sizeof pc, tight->fc.chance);
			extra_cause(x, BT_CAUSE_NONE, str(x, "every commitment is green; the lowest chance is %s at %s", tight->id, pc));
		} else if (tight)
			extra_cause(x, BT_CAUSE_NONE, str(x, "every commitment is green; the tightest is %s with %s to spare",
							  tight->id, days(x, tight->slack)));
		else
			extra_cause(x, BT_CAUSE_NONE, "no commitment to measure against");
	}
	/* A stale status: the latest status block is well before the status date. */
	bt_date last = BT_DATE_NONE;
	for (uint32_t i = 0; i < p->statuses.n; i++)
		if (p->statuses.v[i].date <= a->as_of && (last == BT_DATE_NONE || p->statuses.v[i].date > last))
			last = p->statuses.v[i].date;
	if (a->as_of != BT_DATE_NONE && (last == BT_DATE_NONE || a->as_of - last > BT_STALE_STATUS_DAYS) &&
	    p->statuses.n) {
		worsen(&a->rag, BT_RAG_AMBER);
		extra_cause(x, BT_CAUSE_STALE, last == BT_DATE_NONE ? str(x, "no status block is dated on or before %s", dstr(x, a->as_of))
								 : str(x, "the latest status is from %s, %d days before the status date",
								       dstr(x, last), a->as_of - last));
	}
	a->nreason = a->strs.n - a->reason0;
	headline(x);
	/* What is being done, across the items that are not green, once each. */
	a->action0 = a->strs.n;
	for (uint32_t k = 0; k < a->nms; k++) {
		const bt_as_ms *m = &a->ms[k];
		if (m->reached || m->rag == BT_RAG_GREEN || m->rag == BT_RAG_NONE)
			continue;
		for (uint32_t r = 0; r < m->naction; r++) {
			const char *s = a->strs.v[m->action0 + r];
			int dup = 0;
			for (uint32_t j = a->action0; j < a->strs.n && !dup; j++)
				dup = !strcmp(a->strs.v[j], s);
			if (!dup)
				push_str(x, s);
		}
	}
	a->naction = a->strs.n - a->action0;
	return 0;
}

/*============================== Agenda ============================*/

static void agenda(ctx *x, uint32_t team, const char *topic, const char *q)
{
	bt_agenda_item *it = BT_VEC_PUSH(x->a->agenda);
	if (!it) {
		x->a->oom = 1;
		return;
	}
	it->team = team;
	it->topic = topic;
	it->question = q;
}

/* The team a list of references mostly belongs to: the first task's. */
static uint32_t refs_team(const ctx *x, uint32_t first, uint32_t count)
{
	for (uint32_t k = 0; k < count; k++) {
		const bt_ref *r = &x->p->refs.v[first + k];
		if (r->kind == BT_K_TASK && r->idx != BT_NONE && x->p->tasks.v[r->idx].team.idx != BT_NONE)
			return x->p->tasks.v[r->idx].team.idx;
	}
	return BT_NONE;
}

static void build_agenda(ctx *x)
{
	const bt_plan *p = x->p;
	bt_assessment *a = x->a;
	for (uint32_t i = 0; i < a->risks.n; i++) {
		const bt_as_risk *r = &a->risks.v[i];
		const bt_risk *pr = &p->risks.v[r->idx];
		uint32_t t = refs_team(x, pr->on0, pr->non);
		if (r->escalate)
			agenda(x, t, r->absorb < 0 ? str(x, "Escalate risk %s: expected %.1f working days on a path already %s late for %s",
							 pr->id, r->exposure, days(x, -r->absorb), r->threat)
						   : str(x, "Escalate risk %s: expected %.1f working days, %s can absorb %s", pr->id,
							 r->exposure, r->threat, days(x, r->absorb)),
			       str(x, "Accept it, buy float (scope, people, order), or move the %s commitment (%s)?",
				   r->threat, dstr(x, r->threat_commit)));
		else if (r->flags & BT_RF_STALE)
			agenda(x, t, str(x, "Risk %s: review was due %s", pr->id, dstr(x, pr->review)),
			       str(x, "Is %s still %s at %.0f%%, and what is its next review date?", pr->id,
				   pr->state == BT_RISK_MITIGATING ? "mitigating" : "open", 100 * r->p));
		if (r->p > 0 && (r->flags & BT_RF_NO_OWNER))
			agenda(x, t, str(x, "Risk %s has no owner", pr->id), str(x, "Who owns risk %s?", pr->id));
		else if (r->p > 0 && r->pband * r->iband >= 6 && (r->flags & BT_RF_NO_MITIGATION))
			agenda(x, t, str(x, "Risk %s has no mitigation", pr->id),
			       str(x, "What do we do about %s before it occurs?", pr->id));
	}
	for (uint32_t i = 0; i < a->decs.n; i++) {
		const bt_as_dec *d = &a->decs.v[i];
		const bt_decision *pd = &p->decisions.v[d->idx];
		if (!d->overdue && !d->soon)
			continue;
		agenda(x, refs_team(x, pd->link0, pd->nlink),
		       d->overdue ? str(x, "Decision %s was needed by %s (%d days ago)", pd->id, dstr(x, pd->need_by),
					d->overdue_days)
				  : str(x, "Decision %s is needed by %s", pd->id, dstr(x, pd->need_by)),
		       str(x, "%s%s%s", d->ask, d->from ? " (from " : "", d->from ? str(x, "%s)", d->from) : ""));
	}
	for (uint32_t i = 0; i < a->handoffs.n; i++) {
		const bt_as_handoff *h = &a->handoffs.v[i];
		if (!h->at_risk)
			continue;
		agenda(x, h->from_team,
		       str(x, "Hand-off %s (%s) to %s (%s): %s", p->tasks.v[h->from].id, team_id(x, h->from_team),
			   p->tasks.v[h->to].id, team_id(x, h->to_team),
			   h->slack < 0 ? str(x, "%s late", days(x, -h->slack)) : str(x, "%s of slack", days(x, h->slack))),
		       str(x, "Can %s deliver %s by %s (planned %s)?", team_id(x, h->from_team), p->tasks.v[h->from].id,
			   dstr(x, h->needed_by), dstr(x, h->finish)));
	}
	for (uint32_t i = 0; i < a->conflicts.n; i++) {
		const bt_as_conflict *c = &a->conflicts.v[i];
		agenda(x, c->team, c->text, c->question);
	}
	/* Group by team (teams in plan order, program-wide last), stable. */
	uint32_t nt = p->teams.n;
	for (uint32_t i = 1; i < a->agenda.n; i++)
		for (uint32_t j = i; j > 0; j--) {
			uint32_t t0 = a->agenda.v[j - 1].team, t1 = a->agenda.v[j].team;
			uint32_t k0 = t0 == BT_NONE ? nt : t0, k1 = t1 == BT_NONE ? nt : t1;
			if (k0 <= k1)
				break;
			bt_agenda_item t = a->agenda.v[j];
			a->agenda.v[j] = a->agenda.v[j - 1];
			a->agenda.v[j - 1] = t;
		}
}

/*============================== Entry =============================*/

/* Each task's estimate and each team's people in force on the status
 * date: what a recorded update keeps for the next one to compare with. */
static int in_force(ctx *x)
{
	bt_assessment *a = x->a;
	const bt_plan *p = x->p;
	const bt_scenario *sc = a->sched->scen;
	a->est = bt_arena_alloc(&a->arena, sizeof(bt_estimate) * (p->tasks.n + 1));
	a->team_cap = bt_arena_alloc(&a->arena, sizeof(int32_t) * (p->teams.n + 1));
	if (!a->est || !a->team_cap)
		return -1;
	if (a->as_of == BT_DATE_NONE) {
		for (uint32_t v = 0; v < p->tasks.n; v++)
			a->est[v] = p->tasks.v[v].est;
	} else {
		bt_date *when = bt_arena_alloc(&a->arena, sizeof(bt_date) * (p->tasks.n + 1));
		if (!when)
			return -1;
		bt_est_all_at(p, a->as_of, a->est, when);
	}
	for (uint32_t i = 0; sc && i < sc->nitem; i++) {
		const bt_scen_item *it = &p->scen_items.v[sc->item0 + i];
		if (it->kind == BT_SC_ESTIMATE && it->subject.idx < p->tasks.n)
			a->est[it->subject.idx] = it->est;
	}
	bt_date on = a->as_of != BT_DATE_NONE ? a->as_of : p->prog.start_date;
	for (uint32_t t = 0; t < p->teams.n; t++)
		a->team_cap[t] = p->teams.v[t].capacity < 0 ? -1 : bt_team_capacity_at(p, sc, t, on, NULL);
	return 0;
}


bt_assessment *bt_assess(const struct baton_schedule *s, const bt_ms_forecast *fc, const bt_prev *prev)
{
	bt_assessment *a = bt_calloc(1, sizeof(*a));
	if (!a)
		return NULL;
	ctx x = {0};
	x.a = a;
	x.p = s->plan;
	x.s = s;
	x.n = &s->net;
	x.c = &s->cpm;
	x.nm = s->net.n - s->net.nt;
	a->plan = s->plan;
	a->sched = s;
	a->as_of = s->net.as_of;
	const bt_program *g = &s->plan->prog;
	a->green = g->rag_set & 1 ? g->rag_green : BT_RAG_GREEN_DEFAULT;
	a->amber = g->rag_set & 2 ? g->rag_amber : BT_RAG_AMBER_DEFAULT;
	if (a->amber > a->green)
		a->amber = a->green;
	a->margin = g->rag_set & 4 ? g->rag_margin : BT_RAG_MARGIN_DEFAULT;
	for (uint32_t k = 0; fc && k <= x.nm; k++)
		a->forecast |= fc[k].have;
	if (prev) {
		a->have_prev = 1;
		a->prev = *prev;
	}
	if (in_force(&x) || commit_float(&x) || assess_risks(&x) || assess_decisions(&x) || assess_notes(&x) || assess_handoffs(&x) ||
	    critical_path(&x)) {
		bt_assess_free(a);
		return NULL;
	}
	assess_conflicts(&x);
	if (changes(&x) || assess_rag(&x, fc) || a->oom || bt_slip_actions(a)) {
		bt_assess_free(a);
		return NULL;
	}
	build_agenda(&x);
	if (a->oom) {
		bt_assess_free(a);
		return NULL;
	}
	return a;
}

void bt_assess_free(bt_assessment *a)
{
	if (!a)
		return;
	BT_VEC_FREE(a->strs);
	BT_VEC_FREE(a->options);
	BT_VEC_FREE(a->risks);
	BT_VEC_FREE(a->decs);
	BT_VEC_FREE(a->notes);
	BT_VEC_FREE(a->conflicts);
	BT_VEC_FREE(a->handoffs);
	BT_VEC_FREE(a->finished);
	BT_VEC_FREE(a->slipped);
	BT_VEC_FREE(a->slip_causes);
	BT_VEC_FREE(a->slip_roots);
	BT_VEC_FREE(a->acts);
	BT_VEC_FREE(a->agenda);
	BT_VEC_FREE(a->critical);
	BT_VEC_FREE(a->causes);
	BT_VEC_FREE(a->cause_idx);
	bt_arena_release(&a->arena);
	bt_arena_release(&a->own);
	baton_schedule_free(a->own_sched);
	bt_free(a);
}

/*========================= Previous update ========================*/

static int prev_alloc(bt_prev *pv, const bt_plan *p, uint32_t nm, bt_arena *ar)
{
	uint32_t nt = p->tasks.n, nd = p->decisions.n;
	pv->task_state = bt_arena_alloc(ar, nt + 1);
	pv->task_finish = bt_arena_alloc(ar, sizeof(bt_date) * (nt + 1));
	pv->task_start = bt_arena_alloc(ar, sizeof(bt_date) * (nt + 1));
	pv->ms_planned = bt_arena_alloc(ar, sizeof(bt_date) * (nm + 1));
	pv->ms_chance = bt_arena_alloc(ar, sizeof(double) * (nm + 1));
	pv->ms_rag = bt_arena_alloc(ar, nm + 1);
	pv->dec_state = bt_arena_alloc(ar, nd + 1);
	pv->risk_state = bt_arena_alloc(ar, p->risks.n + 1);
	pv->team_cap = bt_arena_alloc(ar, sizeof(int32_t) * (p->teams.n + 1));
	pv->task_est = bt_arena_zalloc(ar, sizeof(bt_estimate) * (nt + 1));
	if (!pv->task_state || !pv->task_finish || !pv->task_start || !pv->ms_planned || !pv->ms_chance || !pv->ms_rag ||
	    !pv->dec_state || !pv->risk_state || !pv->team_cap || !pv->task_est)
		return -1;
	memset(pv->risk_state, 0xff, p->risks.n + 1);
	for (uint32_t i = 0; i <= p->teams.n; i++)
		pv->team_cap[i] = -1;
	memset(pv->task_state, 0xff, nt + 1);
	memset(pv->ms_rag, 0xff, nm + 1);
	memset(pv->dec_state, 0xff, nd + 1);
	for (uint32_t i = 0; i <= nt; i++)
		pv->task_finish[i] = pv->task_start[i] = BT_DATE_NONE;
	for (uint32_t i = 0; i <= nm; i++) {
		pv->ms_planned[i] = BT_DATE_NONE;
		pv->ms_chance[i] = -1;
	}
	pv->prog_rag = 0xff;
	return 0;
}

int bt_prev_from_assessment(bt_prev *pv, const bt_assessment *a, bt_arena *ar)
{
	const bt_plan *p = a->plan;
	const struct baton_schedule *s = a->sched;
	uint32_t nm = a->nms - 1;
	memset(pv, 0, sizeof(*pv));
	if (prev_alloc(pv, p, nm, ar))
		return -1;
	pv->as_of = a->as_of;
	for (uint32_t v = 0; v < s->net.nt; v++) {
		pv->task_state[v] = s->net.state[v];
		int32_t es = s->cpm.es[v], ef = s->cpm.ef[v];
		pv->task_finish[v] = bt_cal_date(&s->net.cal, ef > es ? ef - 1 : es);
		pv->task_start[v] = bt_cal_date(&s->net.cal, es);
	}
	for (uint32_t k = 0; k < a->nms; k++) {
		pv->ms_planned[k] = a->ms[k].planned;
		pv->ms_chance[k] = bt_as_has_chance(&a->ms[k]) ? a->ms[k].fc.chance : -1;
		pv->ms_rag[k] = a->ms[k].rag;
	}
	/* A decision's state as of that earlier date, as that assessment
	 * found it; known only from a decided date (else unknown: the
	 * decision's raised date decides, in assess_decisions). */
	for (uint32_t i = 0; i < p->decisions.n; i++)
		pv->dec_state[i] = p->decisions.v[i].decided == BT_DATE_NONE || a->decs.v[i].state < 0
					   ? 0xff
					   : (uint8_t)a->decs.v[i].state;
	for (uint32_t v = 0; v < s->net.nt; v++)
		if (s->net.state[v] != BT_TS_DONE)
			pv->task_est[v] = a->est[v];
	for (uint32_t t = 0; t < p->teams.n; t++)
		pv->team_cap[t] = a->team_cap[t];
	pv->prog_rag = a->rag;
	return 0;
}

static bt_date jdate(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	bt_date d;
	if (!s || bt_date_parse(s, strlen(s), &d))
		return BT_DATE_NONE;
	return d;
}

/* A milestone's PLANNED date in a recorded update. Records written before
 * the two dates had distinct names call it "forecast". */
static bt_date planned_of(json_t *o)
{
	return json_object_get(o, "planned") ? jdate(o, "planned") : jdate(o, "forecast");
}

static uint8_t rag_code(const char *s)
{
	for (uint8_t k = 0; s && k < 4; k++)
		if (!strcmp(s, bt_rag_name(k)))
			return k;
	return 0xff;
}

/* Linear lookups by id: the previous update of one plan is small next to
 * the work of a schedule, and plans change between updates anyway. A hash
 * would pay off only on plans far beyond weekly-status size. */
static uint32_t find_id(const char *id, const void *base, uint32_t n, size_t stride)
{
	const char *const *ids = base;
	for (uint32_t i = 0; id && i < n; i++) {
		const char *s = *(const char *const *)(const void *)((const char *)ids + stride * i);
		if (!strcmp(s, id))
			return i;
	}
	return BT_NONE;
}

int bt_prev_from_json(bt_prev *pv, const bt_plan *p, const char *text, bt_arena *ar)
{
	json_error_t e;
	unsigned long mark = bt_alloc_failures();
	json_t *root = bt_json_loadb(text, strlen(text), 0, &e);
	if (!root || !json_is_object(root)) {
		json_decref(root);
		/* A bad record and short memory both end in NULL: an
		 * allocation that failed while loading tells them apart. */
		return !root && bt_alloc_failures() != mark ? -2 : -1;
	}
	uint32_t nm = p->milestones.n;
	memset(pv, 0, sizeof(*pv));
	if (prev_alloc(pv, p, nm, ar)) {
		json_decref(root);
		return -2;
	}
	pv->as_of = jdate(root, "as_of");
	pv->prog_rag = rag_code(json_string_value(json_object_get(root, "rag")));
	size_t i;
	json_t *o;
	json_array_foreach(json_object_get(root, "tasks"), i, o) {
		uint32_t k = find_id(json_string_value(json_object_get(o, "id")), p->tasks.n ? &p->tasks.v[0].id : NULL, p->tasks.n,
				     sizeof(bt_task));
		if (k == BT_NONE)
			continue;
		const char *st = json_string_value(json_object_get(o, "state"));
		pv->task_state[k] = !st ? 0xff : !strcmp(st, "done") ? BT_TS_DONE
				    : !strcmp(st, "started") ? BT_TS_STARTED : BT_TS_PLANNED;
		pv->task_finish[k] = jdate(o, "finish");
		pv->task_start[k] = jdate(o, "start");
		/* Its estimate then (older records: unknown). */
		json_t *ej = json_object_get(o, "estimate");
		json_t *em = json_object_get(ej, "likely"), *eo = json_object_get(ej, "optimistic"),
		       *ep = json_object_get(ej, "pessimistic");
		if (json_is_integer(em) && json_integer_value(em) >= 0 && json_integer_value(em) < INF) {
			bt_estimate *t = &pv->task_est[k];
			t->m = (int32_t)json_integer_value(em);
			t->points = 1;
			if (json_is_integer(eo) && json_is_integer(ep) && json_integer_value(eo) >= 0 &&
			    json_integer_value(eo) <= t->m && json_integer_value(ep) >= t->m && json_integer_value(ep) < INF) {
				t->o = (int32_t)json_integer_value(eo);
				t->p = (int32_t)json_integer_value(ep);
				t->points = 3;
			} else {
				t->o = t->p = t->m;
			}
		}
	}
	json_array_foreach(json_object_get(root, "milestones"), i, o) {
		uint32_t k = find_id(json_string_value(json_object_get(o, "id")), p->milestones.n ? &p->milestones.v[0].id : NULL,
				     p->milestones.n, sizeof(bt_milestone));
		if (k == BT_NONE)
			continue;
		pv->ms_planned[k] = planned_of(o);
		json_t *c = json_object_get(o, "chance");
		pv->ms_chance[k] = json_is_number(c) ? json_number_value(c) : -1;
		pv->ms_rag[k] = rag_code(json_string_value(json_object_get(o, "rag")));
	}
	o = json_object_get(root, "program_end");
	if (json_is_object(o)) {
		pv->ms_planned[nm] = planned_of(o);
		json_t *c = json_object_get(o, "chance");
		pv->ms_chance[nm] = json_is_number(c) ? json_number_value(c) : -1;
		pv->ms_rag[nm] = rag_code(json_string_value(json_object_get(o, "rag")));
	}
	json_array_foreach(json_object_get(root, "decisions"), i, o) {
		uint32_t k = find_id(json_string_value(json_object_get(o, "id")), p->decisions.n ? &p->decisions.v[0].id : NULL,
				     p->decisions.n, sizeof(bt_decision));
		const char *st = json_string_value(json_object_get(o, "state"));
		if (k == BT_NONE || !st)
			continue;
		pv->dec_state[k] = !strcmp(st, "proposed") ? BT_DEC_PROPOSED : !strcmp(st, "decided") ? BT_DEC_DECIDED
				   : !strcmp(st, "superseded") ? BT_DEC_SUPERSEDED : 0xff;
	}
	/* Risk states and team capacities then: what the plan's previous
	 * block cannot tell (the plan keeps one of each). */
	static const char *const rst[] = {"open", "mitigating", "closed", "occurred", "absorbed"};
	json_array_foreach(json_object_get(root, "risks"), i, o) {
		uint32_t k = find_id(json_string_value(json_object_get(o, "id")), p->risks.n ? &p->risks.v[0].id : NULL,
				     p->risks.n, sizeof(bt_risk));
		const char *st = json_string_value(json_object_get(o, "state"));
		for (uint8_t j = 0; k != BT_NONE && st && j < 5; j++)
			if (!strcmp(st, rst[j]))
				pv->risk_state[k] = j;
	}
	json_array_foreach(json_object_get(root, "teams"), i, o) {
		uint32_t k = find_id(json_string_value(json_object_get(o, "id")), p->teams.n ? &p->teams.v[0].id : NULL,
				     p->teams.n, sizeof(bt_team));
		/* The people in force then; an older record has the declared
		 * capacity only. */
		json_t *c = json_object_get(o, "effective_capacity");
		if (!json_is_number(c))
			c = json_object_get(o, "capacity");
		if (k != BT_NONE && json_is_number(c) && json_number_value(c) >= 0 && json_number_value(c) < 1e8)
			pv->team_cap[k] = (int32_t)(json_number_value(c) * 10 + 0.5);
	}
	json_decref(root);
	return 0;
}
