/*
 * compile.c: lowers a checked plan to the network (net.h): builds the
 * program calendar, applies the status blocks dated on or before the status
 * date in date order, and lays the dependencies out as CSR arrays.
 *
 * Status semantics (docs/plan-language.md, "Status"): a status block dated D
 * describes the end of day D, so work not yet started may start on the first
 * working day after D (the data day). Remaining work of a started task runs
 * from the data day. Done tasks sit at their actual dates.
 */
#include <stdlib.h>
#include <string.h>

#include "net.h"

#define ALLOC(a, n, T) ((T *)bt_arena_alloc((a), sizeof(T) * ((size_t)(n) + 1)))

static int cmp_status(const void *x, const void *y, const bt_plan *p)
{
	const bt_status *a = &p->statuses.v[*(const uint32_t *)x];
	const bt_status *b = &p->statuses.v[*(const uint32_t *)y];
	return a->date < b->date ? -1 : a->date > b->date;
}

/* Insertion sort: plans have tens of status blocks, not thousands. */
static void sort_statuses(uint32_t *ix, uint32_t n, const bt_plan *p)
{
	for (uint32_t i = 1; i < n; i++)
		for (uint32_t j = i; j > 0 && cmp_status(&ix[j - 1], &ix[j], p) > 0; j--) {
			uint32_t t = ix[j];
			ix[j] = ix[j - 1];
			ix[j - 1] = t;
		}
}

/* Work left of d days at pct percent complete, rounded up to whole days.
 * In hundredths of a percent, so 70% of 10d is exactly 3d (in binary
 * floating point 10 * 0.3 is a hair above 3 and would round up to 4). */
static int32_t ceil_frac(int32_t d, double pct)
{
	int64_t done = (int64_t)(pct * 100.0 + 0.5);
	int64_t left = (int64_t)d * (10000 - done);
	return (int32_t)((left + 9999) / 10000);
}

static int cmp_i32(const void *x, const void *y)
{
	int32_t a = *(const int32_t *)x, b = *(const int32_t *)y;
	return a < b ? -1 : a > b;
}

/* Team calendars: each team with holidays on program working days gets
 * one, and its tasks follow it (net.h). */
static int build_calendars(bt_net *net, const bt_plan *p, bt_arena *a)
{
	uint32_t nt = net->nt, k = p->teams.n;
	net->cal_of = bt_arena_alloc(a, sizeof(uint32_t) * ((size_t)net->n + 1));
	uint32_t *team_cal = bt_malloc(sizeof(uint32_t) * ((size_t)k + 1));
	if (!net->cal_of || !team_cal) {
		bt_free(team_cal);
		return -1;
	}
	for (uint32_t v = 0; v < net->n; v++)
		net->cal_of[v] = BT_NONE;
	size_t noff = 0;
	for (uint32_t t = 0; t < k; t++) {
		const bt_team *tm = &p->teams.v[t];
		for (uint32_t i = 0; i < tm->nhol; i++) {
			const bt_range *r = &p->ranges.v[tm->hol0 + i];
			noff += (size_t)(r->to - r->from + 1);
		}
	}
	net->off_off = bt_arena_alloc(a, sizeof(uint32_t) * ((size_t)k + 2));
	net->off = bt_arena_alloc(a, sizeof(int32_t) * (noff + 1));
	if (!net->off_off || !net->off) {
		bt_free(team_cal);
		return -1;
	}
	uint32_t c = 0, at = 0;
	net->off_off[0] = 0;
	for (uint32_t t = 0; t < k; t++) {
		const bt_team *tm = &p->teams.v[t];
		uint32_t first = at;
		for (uint32_t i = 0; i < tm->nhol; i++) {
			const bt_range *r = &p->ranges.v[tm->hol0 + i];
			for (bt_date x = r->from; x <= r->to; x++)
				if (bt_cal_is_working(&net->cal, x))
					net->off[at++] = bt_cal_index(&net->cal, x);
		}
		if (at == first) {
			team_cal[t] = BT_NONE;
			continue;
		}
		/* Ranges may overlap and come in any order: sort, unique. */
		qsort(net->off + first, at - first, sizeof(int32_t), cmp_i32);
		uint32_t w = first + 1;
		for (uint32_t i = first + 1; i < at; i++)
			if (net->off[i] != net->off[w - 1])
				net->off[w++] = net->off[i];
		at = w;
		team_cal[t] = c;
		net->off_off[++c] = at;
	}
	net->ncal = c;
	for (uint32_t v = 0; v < nt; v++) {
		uint32_t t = p->tasks.v[v].team.idx;
		if (p->tasks.v[v].team.name && t < k)
			net->cal_of[v] = team_cal[t];
	}
	bt_free(team_cal);
	return 0;
}

/* Warn about each task in flight before block s that s does not mention
 * with progress (started, done, remaining, percent or a new estimate). */
static void warn_unmentioned(const bt_net *net, const bt_plan *p, const bt_status *s,
			     const bt_date *started_on, bt_diags *d)
{
	for (uint32_t v = 0; v < net->nt; v++) {
		if (net->state[v] != BT_TS_STARTED)
			continue;
		int said = 0;
		for (uint32_t k = 0; k < s->nentry && !said; k++) {
			const bt_entry *e = &p->entries.v[s->entry0 + k];
			said = e->kind != BT_E_NOTE && e->task.kind == BT_K_TASK && e->task.idx == v;
		}
		if (said)
			continue;
		char on[11];
		bt_date_format(started_on[v], on);
		bt_diag_add(d, BT_WARNING, s->start, s->end,
			    "task '%s' is in progress (started %s) but this status block does not mention it: it keeps the %d working days left at the last update, so it makes no progress this time",
			    p->tasks.v[v].id, on, (int)net->remaining[v]);
		bt_diag_help(d, "add '  %s remaining Nd' with the work left, or '  %s done DATE'", p->tasks.v[v].id,
			     p->tasks.v[v].id);
	}
}

/* Returns 0, or -1 when memory runs out (no status applied). */
static int apply_status(bt_net *net, const bt_plan *p, bt_date as_of, bt_diags *d)
{
	uint32_t ns = p->statuses.n;
	uint32_t ix[64], *order = ns <= 64 ? ix : bt_malloc(sizeof(uint32_t) * ns);
	/* The reported start date of each started task, to catch a finish
	 * dated before it (offsets cannot: both may fall on one weekend). */
	bt_date *started_on = bt_malloc(sizeof(bt_date) * ((size_t)net->nt + 1));
	if (!order || !started_on) {
		if (order != ix)
			bt_free(order);
		bt_free(started_on);
		return -1;
	}
	for (uint32_t i = 0; i < ns; i++)
		order[i] = i;
	sort_statuses(order, ns, p);
	/* The latest block, when check applies them all: a task in flight
	 * that it leaves out keeps its last remaining work, so it silently
	 * makes no progress for the week; say so. */
	uint32_t latest = BT_NONE;
	for (uint32_t i = 0; i < ns && d == &p->diags; i++)
		if (p->statuses.v[order[i]].date != BT_DATE_NONE && p->statuses.v[order[i]].date <= as_of)
			latest = i;
	for (uint32_t i = 0; i < ns; i++) {
		const bt_status *s = &p->statuses.v[order[i]];
		if (s->date == BT_DATE_NONE || (as_of != BT_DATE_NONE && s->date > as_of))
			continue;
		int32_t block_day = bt_cal_index(&net->cal, s->date + 1);
		if (i == latest)
			warn_unmentioned(net, p, s, started_on, d);
		for (uint32_t k = 0; k < s->nentry; k++) {
			const bt_entry *e = &p->entries.v[s->entry0 + k];
			if (e->kind == BT_E_NOTE || e->task.kind != BT_K_TASK)
				continue;
			uint32_t v = e->task.idx;
			switch (e->kind) {
			case BT_E_DONE: {
				int32_t fin = bt_cal_index(&net->cal, e->date + 1);
				if (net->state[v] == BT_TS_PLANNED) {
					int32_t st = bt_wc_start_by(net, v, fin, net->est_m[v]);
					net->act_start[v] = st < 0 ? (fin < 0 ? fin : 0) : st;
				}
				if (net->state[v] == BT_TS_STARTED && e->date < started_on[v]) {
					bt_diag_add(d, BT_ERROR, e->date_at, e->date_end,
						    "task '%s' is done before it started", e->task.name);
					fin = net->act_start[v];
				}
				net->state[v] = BT_TS_DONE;
				net->act_finish[v] = fin;
				break;
			}
			case BT_E_STARTED: {
				if (net->state[v] == BT_TS_DONE) {
					bt_diag_add(d, BT_ERROR, e->start, e->end,
						    "task '%s' is started after it was reported done",
						    e->task.name);
					break;
				}
				int32_t st = bt_cal_index(&net->cal, e->date);
				started_on[v] = e->date;
				net->state[v] = BT_TS_STARTED;
				net->act_start[v] = st;
				if (e->remaining >= 0)
					net->remaining[v] = e->remaining;
				else if (e->percent >= 0)
					net->remaining[v] = ceil_frac(net->est_m[v], e->percent);
				else {
					/* No word on progress: assume the work went as
					 * planned since the start, on the team's days. */
					int32_t left = net->est_m[v] - bt_wc_days(net, v, st, block_day);
					net->remaining[v] = left > 1 ? left : 1;
				}
				break;
			}
			case BT_E_PROGRESS:
				if (net->state[v] != BT_TS_STARTED) {
					bt_diag_add(d, BT_ERROR, e->start, e->end,
						    net->state[v] == BT_TS_DONE
							    ? "task '%s' is already done: progress on it has no meaning"
							    : "progress on task '%s', which has not started: write '%s started DATE' first",
						    e->task.name, e->task.name);
					break;
				}
				if (e->remaining >= 0)
					net->remaining[v] = e->remaining;
				else
					net->remaining[v] = ceil_frac(net->est_m[v], e->percent);
				break;
			case BT_E_ESTIMATE:
				net->est_o[v] = e->est.o;
				net->est_m[v] = e->est.m;
				net->est_p[v] = e->est.p;
				break;
			default:
				break;
			}
		}
	}
	if (order != ix)
		bt_free(order);
	bt_free(started_on);
	return 0;
}

/* Links into started or done work that bind a date already passed
 * (docs/plan-language.md, "How baton schedules"): the actual dates are
 * facts, so such a link is not enforced; when it did not hold, say so on
 * the link. A predecessor not done (or not started, for start links)
 * cannot have allowed what already happened. */
void bt_net_warn_history(const bt_net *net, const bt_plan *p, bt_diags *d)
{
	for (uint32_t v = 0; v < net->nt; v++) {
		uint8_t sv = net->state[v];
		if (sv == BT_TS_PLANNED)
			continue;
		const bt_task *t = &p->tasks.v[v];
		for (uint32_t k = net->pred_off[v]; k < net->pred_off[v + 1]; k++) {
			uint32_t u = net->pred[k];
			uint8_t ty = net->pred_type[k], su = net->state[u];
			int32_t lag = net->pred_lag[k];
			int fin_side = ty == BT_FF || ty == BT_SF;
			if (fin_side && sv != BT_TS_DONE)
				continue; /* binds the remaining work: it holds */
			int from_finish = ty == BT_FS || ty == BT_FF;
			int32_t have = fin_side ? net->act_finish[v] : net->act_start[v];
			int ok;
			if (u >= net->nt)
				ok = 1; /* a milestone's date follows its tasks */
			else if (from_finish)
				ok = su == BT_TS_DONE && net->act_finish[u] + lag <= have;
			else
				ok = su != BT_TS_PLANNED && net->act_start[u] + lag <= have;
			if (ok)
				continue;
			const bt_dep *dp = &p->deps.v[t->dep0 + (k - net->pred_off[v])];
			char on[11];
			bt_date_format(bt_cal_date(&net->cal, fin_side ? have - 1 : have), on);
			bt_diag_add(d, BT_WARNING, dp->start, dp->end,
				    "this link did not hold: '%s' %s on %s before '%s' %s%s; the actual dates stand and the link is not enforced (record '%s' as %s, or change the link)",
				    t->id, fin_side ? "finished" : "started", on, p->tasks.v[u].id,
				    from_finish ? "finished" : "started",
				    lag ? " plus the lag" : "", p->tasks.v[u].id,
				    from_finish ? "done" : "started");
		}
	}
}

int bt_net_build(bt_net *net, const bt_plan *p, bt_date as_of, bt_arena *a, bt_diags *d)
{
	memset(net, 0, sizeof(*net));
	uint32_t nt = p->tasks.n, n = nt + p->milestones.n;
	net->n = n;
	net->nt = nt;

	/* The program calendar: holidays expanded from their ranges. */
	uint32_t nh = 0;
	for (uint32_t k = 0; k < p->prog.nhol; k++) {
		const bt_range *r = &p->ranges.v[p->prog.hol0 + k];
		nh += (uint32_t)(r->to - r->from + 1);
	}
	bt_date *hol = bt_malloc(sizeof(bt_date) * (nh + 1));
	if (!hol)
		return -1;
	nh = 0;
	for (uint32_t k = 0; k < p->prog.nhol; k++) {
		const bt_range *r = &p->ranges.v[p->prog.hol0 + k];
		for (bt_date x = r->from; x <= r->to; x++)
			hol[nh++] = x;
	}
	int rc = bt_cal_init(&net->cal, p->prog.start_date, p->prog.week, hol, nh, a);
	bt_free(hol);
	if (rc)
		return -1;

	/* The status date: as asked, else the latest status block. */
	if (as_of == BT_DATE_NONE) {
		for (uint32_t i = 0; i < p->statuses.n; i++)
			if (p->statuses.v[i].date != BT_DATE_NONE &&
			    (as_of == BT_DATE_NONE || p->statuses.v[i].date > as_of))
				as_of = p->statuses.v[i].date;
	}
	net->as_of = as_of;
	net->data_day = 0;
	if (as_of != BT_DATE_NONE) {
		int32_t dd = bt_cal_index(&net->cal, as_of + 1);
		net->data_day = dd > 0 ? dd : 0;
	}

	net->dur = ALLOC(a, n, int32_t);
	net->est_o = ALLOC(a, n, int32_t);
	net->est_m = ALLOC(a, n, int32_t);
	net->est_p = ALLOC(a, n, int32_t);
	net->release = ALLOC(a, n, int32_t);
	net->deadline = ALLOC(a, n, int32_t);
	net->state = ALLOC(a, n, uint8_t);
	net->act_start = ALLOC(a, n, int32_t);
	net->act_finish = ALLOC(a, n, int32_t);
	net->remaining = ALLOC(a, n, int32_t);
	if (build_calendars(net, p, a))
		return -1;
	if (!net->dur || !net->est_o || !net->est_m || !net->est_p || !net->release ||
	    !net->deadline || !net->state || !net->act_start || !net->act_finish ||
	    !net->remaining)
		return -1;

	for (uint32_t v = 0; v < nt; v++) {
		const bt_task *t = &p->tasks.v[v];
		net->est_o[v] = t->est.o;
		net->est_m[v] = t->est.m;
		net->est_p[v] = t->est.p;
		net->state[v] = BT_TS_PLANNED;
		net->act_start[v] = net->act_finish[v] = BT_DAY_NONE;
		net->remaining[v] = -1;
		net->deadline[v] = t->deadline == BT_DATE_NONE
					   ? BT_DAY_NONE
					   : bt_cal_index(&net->cal, t->deadline + 1);
	}
	for (uint32_t v = nt; v < n; v++) {
		net->est_o[v] = net->est_m[v] = net->est_p[v] = 0;
		net->dur[v] = 0;
		net->state[v] = BT_TS_PLANNED;
		net->act_start[v] = net->act_finish[v] = BT_DAY_NONE;
		net->remaining[v] = -1;
		net->deadline[v] = BT_DAY_NONE;
		net->release[v] = 0;
	}
	if (apply_status(net, p, as_of, d))
		return -1;
	/* Day arithmetic is 32-bit: refuse plans whose durations and lags
	 * could add up past it (only hostile or mistyped plans do). */
	int64_t span = 0;
	for (uint32_t v = 0; v < nt; v++)
		span += net->est_p[v] > net->est_m[v] ? net->est_p[v] : net->est_m[v];
	for (uint32_t k = 0; k < p->deps.n; k++)
		span += p->deps.v[k].lag > 0 ? p->deps.v[k].lag : -(int64_t)p->deps.v[k].lag;
	if (span > BT_MAX_SPAN) {
		bt_diag_add(d, BT_ERROR, p->prog.start, p->prog.end,
			    "the plan's durations and lags add up to %lld working days; at most %d are supported",
			    (long long)span, BT_MAX_SPAN);
		return -2;
	}
	if (p->parts.n) {
		/* A portfolio: each program's work starts from its own data
		 * day, or its own start when later (docs/portfolio.md). */
		net->dday = ALLOC(a, n, int32_t);
		if (!net->dday)
			return -1;
		int32_t least = INT32_MAX;
		for (uint32_t v = 0; v < n; v++) {
			uint32_t q = p->parts.of[v];
			int32_t dd = bt_cal_index(&net->cal, p->parts.start[q]);
			if (p->parts.as_of[q] != BT_DATE_NONE) {
				int32_t x = bt_cal_index(&net->cal, p->parts.as_of[q] + 1);
				if (x > dd)
					dd = x;
			}
			net->dday[v] = dd > 0 ? dd : 0;
			if (net->dday[v] < least)
				least = net->dday[v];
		}
		if (n)
			net->data_day = least;
	}
	for (uint32_t v = 0; v < nt; v++) {
		const bt_task *t = &p->tasks.v[v];
		int32_t rel = bt_net_dday(net, v);
		if (t->not_before != BT_DATE_NONE) {
			int32_t nb = bt_cal_index(&net->cal, t->not_before);
			if (nb > rel)
				rel = nb;
		}
		net->release[v] = rel;
		switch (net->state[v]) {
		case BT_TS_DONE:
			net->dur[v] = net->act_finish[v] - net->act_start[v];
			break;
		case BT_TS_STARTED:
			net->dur[v] = net->remaining[v];
			break;
		default:
			net->dur[v] = net->est_m[v];
		}
	}

	/* Dependencies: the plan's graph, built once by check (graph.c); a
	 * network at any status date has the same links. */
	return bt_net_set_graph(net, p->graph);
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

int bt_net_set_graph(bt_net *net, const bt_graph *g)
{
	if (!g || g->n != net->n || g->nordered != g->n)
		return -1;
	net->ne = g->ne;
	net->pred_off = g->pred_off;
	net->pred = g->pred;
	net->pred_lag = g->pred_lag;
	net->pred_type = g->pred_type;
	net->succ_off = g->succ_off;
	net->succ = g->succ;
	net->succ_lag = g->succ_lag;
	net->succ_type = g->succ_type;
	net->topo = g->topo;
	return 0;
}
