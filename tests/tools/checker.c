/*
 * checker.c: an independent check of a schedule (the JSON `baton schedule
 * --json` prints) against its plan. It shares nothing with the scheduler
 * but the parser: its calendar walks day by day, and it checks properties
 * rather than recomputing the passes:
 *  - dates: every offset maps to the date printed beside it;
 *  - durations: planned tasks last their (re-)estimated likely duration;
 *    done tasks sit at their actual finish; started tasks at their actual
 *    start;
 *  - releases: nothing unstarted starts before the data day or not-before;
 *  - every dependency holds at early and at late dates, with type and lag;
 *  - minimality: each planned task starts at its release or is held by a
 *    tight dependency (else it could start earlier), and each late finish
 *    is the project end or held by a tight successor link;
 *  - floats: total = late - early; free float is the slack left in the
 *    tightest outgoing link;
 *  - a zero-float chain of tight links runs from a released task to the
 *    project end;
 *  - milestones: day, date and slack as the JSON contract defines them.
 * Included by tests/tools/check_schedule.c and tests/unit/test_property.c.
 */
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

typedef struct ck_cal {
	bt_date *work; /* working dates from the program start */
	int32_t n;
	const bt_plan *p;
} ck_cal;

static int ck_is_holiday(const bt_plan *p, bt_date d)
{
	for (uint32_t k = 0; k < p->prog.nhol; k++) {
		const bt_range *r = &p->ranges.v[p->prog.hol0 + k];
		if (d >= r->from && d <= r->to)
			return 1;
	}
	return 0;
}

static void ck_cal_init(ck_cal *c, const bt_plan *p, int32_t horizon)
{
	c->p = p;
	c->n = horizon;
	c->work = malloc(sizeof(bt_date) * (size_t)(horizon + 1));
	bt_date d = p->prog.start_date;
	for (int32_t k = 0; k < horizon; d++) {
		/* 1970-01-01 was a Thursday: weekday 3 with Monday = 0. */
		int wd = (int)(((d % 7) + 7 + 3) % 7);
		if ((p->prog.week >> wd) & 1 && !ck_is_holiday(p, d))
			c->work[k++] = d;
	}
}

/* The offset of date d: working days in [start, d); negative is not needed
 * by the checks (status dates are never before the start). */
static int32_t ck_index(const ck_cal *c, bt_date d)
{
	int32_t lo = 0, hi = c->n;
	while (lo < hi) {
		int32_t mid = (lo + hi) / 2;
		if (c->work[mid] < d)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int ck_errors;
static int ck_quiet; /* 1: count violations without printing them */

static void ck_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void ck_fail(const char *fmt, ...)
{
	va_list ap;
	if (ck_errors < 20 && !ck_quiet) {
		va_start(ap, fmt);
		fprintf(stderr, "checker: ");
		vfprintf(stderr, fmt, ap);
		fprintf(stderr, "\n");
		va_end(ap);
	}
	ck_errors++;
}

typedef struct ck_task {
	int32_t es, ef, ls, lf, tf, ff, dur;
	int state; /* 0 planned 1 started 2 done */
	int crit;
	int32_t release;
} ck_task;

static int32_t jint(json_t *o, const char *k)
{
	return (int32_t)json_integer_value(json_object_get(o, k));
}

static void ck_date_eq(const ck_cal *c, int32_t day, const char *s, const char *what, const char *id)
{
	char buf[11];
	if (day < 0 || day >= c->n) {
		ck_fail("%s of '%s': offset %d out of the checker's horizon", what, id, day);
		return;
	}
	bt_date_format(c->work[day], buf);
	if (!s || strcmp(buf, s))
		ck_fail("%s of '%s' is %s but offset %d is %s", what, id, s ? s : "null", day, buf);
}

/* Lower bound a link i -> k puts on k's start (given k's duration). */
static int32_t link_bound(int type, int32_t lag, const ck_task *i, int32_t kdur, int late)
{
	int32_t is = late ? i->ls : i->es, ie = late ? i->lf : i->ef;
	switch (type) {
	case BT_FS: return ie + lag;
	case BT_SS: return is + lag;
	case BT_FF: return ie + lag - kdur;
	default: return is + lag - kdur;
	}
}

/* Returns the number of violations; prints the first few. */
__attribute__((unused)) static int check_schedule(const bt_plan *p, json_t *root)
{
	ck_errors = 0;
	json_t *jt = json_object_get(root, "tasks"), *jm = json_object_get(root, "milestones");
	uint32_t nt = p->tasks.n, nm = p->milestones.n;
	if (!json_is_array(jt) || json_array_size(jt) != nt || !json_is_array(jm) ||
	    json_array_size(jm) != nm) {
		ck_fail("task or milestone count differs from the plan");
		return ck_errors;
	}
	int32_t end = jint(root, "end_day"), data_day = jint(root, "data_day");
	ck_cal cal;
	ck_cal_init(&cal, p, end + 4000);
	bt_date as_of = BT_DATE_NONE;
	const char *as = json_string_value(json_object_get(root, "as_of"));
	if (as)
		bt_date_parse(as, strlen(as), &as_of);
	if (as_of != BT_DATE_NONE && data_day != ck_index(&cal, as_of + 1) && data_day != 0)
		ck_fail("data_day %d is not the first working day after %s", data_day, as);

	ck_task *t = calloc(nt + nm + 1, sizeof(ck_task));
	/* Status as of as_of, applied in date order by the checker itself. */
	int32_t *likely = malloc(sizeof(int32_t) * (nt + 1));
	int32_t *act_start = malloc(sizeof(int32_t) * (nt + 1));
	int32_t *act_fin = malloc(sizeof(int32_t) * (nt + 1));
	int *state = calloc(nt + 1, sizeof(int));
	for (uint32_t v = 0; v < nt; v++) {
		likely[v] = p->tasks.v[v].est.m;
		act_start[v] = act_fin[v] = INT32_MIN;
	}
	for (bt_date day = p->prog.start_date; as_of != BT_DATE_NONE && day <= as_of; day++) {
		for (uint32_t s = 0; s < p->statuses.n; s++) {
			const bt_status *st = &p->statuses.v[s];
			if (st->date != day)
				continue;
			for (uint32_t k = 0; k < st->nentry; k++) {
				const bt_entry *e = &p->entries.v[st->entry0 + k];
				if (e->task.kind != BT_K_TASK)
					continue;
				uint32_t v = e->task.idx;
				if (e->kind == BT_E_DONE) {
					state[v] = 2;
					act_fin[v] = ck_index(&cal, e->date + 1);
				} else if (e->kind == BT_E_STARTED && state[v] != 2) {
					state[v] = 1;
					act_start[v] = ck_index(&cal, e->date);
				} else if (e->kind == BT_E_ESTIMATE) {
					likely[v] = e->est.m;
				}
			}
		}
	}

	for (uint32_t v = 0; v < nt; v++) {
		json_t *o = json_array_get(jt, v);
		const bt_task *pt = &p->tasks.v[v];
		const char *id = json_string_value(json_object_get(o, "id"));
		if (!id || strcmp(id, pt->id)) {
			ck_fail("task %u is '%s', expected '%s'", v, id ? id : "null", pt->id);
			continue;
		}
		ck_task *x = &t[v];
		x->es = jint(o, "start_day");
		x->ef = jint(o, "finish_day");
		x->ls = jint(o, "late_start_day");
		x->lf = jint(o, "late_finish_day");
		x->tf = jint(o, "total_float");
		x->ff = jint(o, "free_float");
		x->crit = json_is_true(json_object_get(o, "critical"));
		x->dur = x->ef - x->es;
		const char *sn = json_string_value(json_object_get(o, "state"));
		x->state = sn && !strcmp(sn, "done") ? 2 : sn && !strcmp(sn, "started") ? 1 : 0;
		if (x->state != state[v])
			ck_fail("task '%s' state %s, the status says %d", id, sn ? sn : "?", state[v]);
		ck_date_eq(&cal, x->es, json_string_value(json_object_get(o, "start")), "start", id);
		ck_date_eq(&cal, x->ef > x->es ? x->ef - 1 : x->es,
			   json_string_value(json_object_get(o, "finish")), "finish", id);
		int32_t rel = data_day;
		if (pt->not_before != BT_DATE_NONE && ck_index(&cal, pt->not_before) > rel)
			rel = ck_index(&cal, pt->not_before);
		x->release = rel;
		if (x->state == 2) {
			if (x->ef != act_fin[v])
				ck_fail("done task '%s' finishes at %d, actual %d", id, x->ef, act_fin[v]);
			continue;
		}
		if (x->state == 1) {
			if (x->es != act_start[v])
				ck_fail("started task '%s' starts at %d, actual %d", id, x->es, act_start[v]);
			if (x->ef < data_day)
				ck_fail("started task '%s' finishes before the data day", id);
		} else {
			if (x->dur != likely[v])
				ck_fail("task '%s' lasts %d, its likely estimate is %d", id, x->dur, likely[v]);
			if (x->es < rel)
				ck_fail("task '%s' starts at %d, before its release %d", id, x->es, rel);
			if (x->ls != x->lf - x->dur)
				ck_fail("task '%s' late start %d != late finish %d - duration %d", id,
					x->ls, x->lf, x->dur);
		}
		if (x->tf != x->lf - x->ef)
			ck_fail("task '%s' total float %d != late %d - early %d", id, x->tf, x->lf, x->ef);
		if (x->lf > end)
			ck_fail("task '%s' late finish %d after the end %d", id, x->lf, end);
		if (x->crit != (x->tf <= 0))
			ck_fail("task '%s' critical flag disagrees with its float %d", id, x->tf);
	}
	for (uint32_t k = 0; k < nm; k++) {
		ck_task *x = &t[nt + k];
		json_t *o = json_array_get(jm, k);
		x->es = x->ef = jint(o, "planned_day");
		x->dur = 0;
		x->release = 0;
		x->ls = x->lf = INT32_MIN; /* not in the JSON: skip late checks */
		x->crit = json_is_true(json_object_get(o, "critical"));
	}

	/* Dependencies: feasibility, and which link holds each task. */
	char *held = calloc(nt + nm + 1, 1);
	int32_t *maxb = malloc(sizeof(int32_t) * (nt + nm + 1));
	for (uint32_t v = 0; v < nt + nm; v++)
		maxb[v] = INT32_MIN;
	for (uint32_t v = 0; v < nt + nm; v++) {
		uint32_t d0 = v < nt ? p->tasks.v[v].dep0 : p->milestones.v[v - nt].dep0;
		uint32_t nd = v < nt ? p->tasks.v[v].ndep : p->milestones.v[v - nt].ndep;
		ck_task *k = &t[v];
		const char *kid = v < nt ? p->tasks.v[v].id : p->milestones.v[v - nt].id;
		for (uint32_t j = 0; j < nd; j++) {
			const bt_dep *dp = &p->deps.v[d0 + j];
			uint32_t u = dp->to.kind == BT_K_TASK ? dp->to.idx : nt + dp->to.idx;
			ck_task *i = &t[u];
			if (k->state == 2)
				continue;
			if (k->state == 1 && (dp->type == BT_FS || dp->type == BT_SS)) {
				continue;
			}
			int32_t b = link_bound(dp->type, dp->lag, i, k->dur, 0);
			if (k->state == 1) {
				if (k->ef < b + k->dur) {
					ck_fail("link %s -> %s violated at early dates", dp->to.name, kid);
				}
				continue;
			}
			if (k->es < b)
				ck_fail("link %s -> %s (type %d lag %d) violated: start %d < bound %d",
					dp->to.name, kid, dp->type, dp->lag, k->es, b);
			if (b > maxb[v])
				maxb[v] = b;
			if (k->es == b)
				held[v] = 1;
			/* Late dates between two non-done tasks. */
			if (v < nt && u < nt && i->state != 2 && k->state == 0) {
				int32_t lb = link_bound(dp->type, dp->lag, i, k->dur, 1);
				if (i->state == 1 && (dp->type == BT_SS || dp->type == BT_SF))
					lb = link_bound(dp->type, dp->lag, i, k->dur, 0);
				if (k->ls < lb)
					ck_fail("link %s -> %s violated at late dates", dp->to.name, kid);
			}
		}
		if (k->state == 0 && v < nt && k->es != k->release && !held[v])
			ck_fail("task '%s' starts at %d but nothing holds it after %d", kid, k->es,
				maxb[v] > k->release ? maxb[v] : k->release);
		if (v >= nt) {
			int32_t want = maxb[v] == INT32_MIN ? 0 : maxb[v];
			if (want < 0)
				want = 0;
			if (k->es != want)
				ck_fail("milestone '%s' day %d, its prerequisites give %d", kid, k->es, want);
		}
	}
	/* Late finishes: each is the end or held by a successor; free float. */
	int32_t *minlf = malloc(sizeof(int32_t) * (nt + 1));
	int32_t *minfree = malloc(sizeof(int32_t) * (nt + 1));
	for (uint32_t v = 0; v < nt; v++) {
		minlf[v] = end;
		minfree[v] = end - t[v].ef;
	}
	for (uint32_t v = 0; v < nt; v++) {
		const bt_task *pt = &p->tasks.v[v];
		if (t[v].state == 2)
			continue;
		for (uint32_t j = 0; j < pt->ndep; j++) {
			const bt_dep *dp = &p->deps.v[pt->dep0 + j];
			if (dp->to.kind != BT_K_TASK)
				continue;
			uint32_t u = dp->to.idx;
			if (t[u].state == 2)
				continue;
			if (t[v].state == 1 && (dp->type == BT_FS || dp->type == BT_SS))
				continue;
			int32_t du = t[u].ef - t[u].es, lf, fr;
			switch (dp->type) {
			case BT_FS: lf = t[v].ls - dp->lag; fr = t[v].es - dp->lag - t[u].ef; break;
			case BT_SS: lf = t[v].ls - dp->lag + du; fr = t[v].es - dp->lag - t[u].es; break;
			case BT_FF: lf = t[v].lf - dp->lag; fr = t[v].ef - dp->lag - t[u].ef; break;
			default: lf = t[v].lf - dp->lag + du; fr = t[v].ef - dp->lag - t[u].es; break;
			}
			if (lf < minlf[u])
				minlf[u] = lf;
			if (fr < minfree[u])
				minfree[u] = fr;
		}
	}
	/* Successor milestones bound their predecessors' late finish too. */
	for (uint32_t k = 0; k < nm; k++) {
		const bt_milestone *m = &p->milestones.v[k];
		for (uint32_t j = 0; j < m->ndep; j++) {
			const bt_dep *dp = &p->deps.v[m->dep0 + j];
			if (dp->to.kind != BT_K_TASK || t[dp->to.idx].state == 2)
				continue;
			uint32_t u = dp->to.idx;
			int32_t fr = t[nt + k].es - dp->lag - (dp->type == BT_FS || dp->type == BT_FF ? t[u].ef : t[u].es);
			if (fr < minfree[u])
				minfree[u] = fr;
			/* A milestone's late start is at most the end. */
		}
	}
	for (uint32_t v = 0; v < nt; v++) {
		if (t[v].state == 2)
			continue;
		if (t[v].lf > minlf[v])
			ck_fail("task '%s' late finish %d is later than its successors allow (%d)",
				p->tasks.v[v].id, t[v].lf, minlf[v]);
		int32_t ff = minfree[v] < t[v].tf ? minfree[v] : t[v].tf;
		if (t[v].ff != ff)
			ck_fail("task '%s' free float %d, expected %d", p->tasks.v[v].id, t[v].ff, ff);
	}
	/* A zero-float chain ends at the project end and starts at a release. */
	if (nt) {
		int found_end = 0;
		for (uint32_t v = 0; v < nt; v++)
			if (t[v].state != 2 && t[v].crit && t[v].ef == end)
				found_end = 1;
		int any_open = 0;
		for (uint32_t v = 0; v < nt; v++)
			any_open |= t[v].state != 2;
		if (any_open && !found_end)
			ck_fail("no critical task finishes at the project end %d", end);
		/* Walk back from each critical end task through tight links to
		 * critical predecessors (tasks or milestones) until a task that
		 * starts at its release, has started, or follows a done task. */
		for (uint32_t v = 0; v < nt && any_open; v++) {
			if (!(t[v].state != 2 && t[v].crit && t[v].ef == end))
				continue;
			uint32_t cur = v;
			for (uint32_t steps = 0; steps <= nt + nm; steps++) {
				if (t[cur].state != 0 || (cur < nt && t[cur].es == t[cur].release))
					break;
				uint32_t d0 = cur < nt ? p->tasks.v[cur].dep0 : p->milestones.v[cur - nt].dep0;
				uint32_t nd = cur < nt ? p->tasks.v[cur].ndep : p->milestones.v[cur - nt].ndep;
				uint32_t next = BT_NONE;
				for (uint32_t j = 0; j < nd && next == BT_NONE; j++) {
					const bt_dep *dp = &p->deps.v[d0 + j];
					uint32_t u = dp->to.kind == BT_K_TASK ? dp->to.idx : nt + dp->to.idx;
					if (link_bound(dp->type, dp->lag, &t[u], t[cur].dur, 0) != t[cur].es)
						continue;
					if (t[u].state == 2 || t[u].crit)
						next = u;
				}
				if (next == BT_NONE) {
					ck_fail("the critical chain breaks at '%s': no tight critical predecessor",
						cur < nt ? p->tasks.v[cur].id : p->milestones.v[cur - nt].id);
					break;
				}
				if (t[next].state == 2)
					break;
				cur = next;
			}
		}
	}
	/* Milestone dates and slack. */
	for (uint32_t k = 0; k < nm; k++) {
		json_t *o = json_array_get(jm, k);
		const bt_milestone *m = &p->milestones.v[k];
		int32_t day = t[nt + k].es;
		if (day >= 1)
			ck_date_eq(&cal, day - 1, json_string_value(json_object_get(o, "planned")), "planned", m->id);
		if (m->commit != BT_DATE_NONE) {
			int32_t want = ck_index(&cal, m->commit + 1) - day;
			if (jint(o, "slack") != want)
				ck_fail("milestone '%s' slack %d, expected %d", m->id, jint(o, "slack"), want);
		}
	}
	free(minlf);
	free(minfree);
	free(held);
	free(maxb);
	free(t);
	free(likely);
	free(act_start);
	free(act_fin);
	free(state);
	free(cal.work);
	return ck_errors;
}

/*====================== Levelled schedules ======================*/

/* Capacity of a team on a date, straight from the declarations (the
 * checker's own reading of docs/plan-language.md, not level.c's). */
static int32_t ck_team_cap(const bt_plan *p, const bt_team *t, bt_date d)
{
	int32_t c = t->capacity;
	bt_date since = BT_DATE_NONE;
	for (uint32_t i = 0; i < t->ncc; i++) {
		const bt_capchange *cc = &p->capchanges.v[t->cc0 + i];
		if (cc->to == BT_DATE_NONE && cc->from <= d && (since == BT_DATE_NONE || cc->from >= since)) {
			since = cc->from;
			c = cc->capacity;
		}
	}
	for (uint32_t i = 0; i < t->ncc; i++) {
		const bt_capchange *cc = &p->capchanges.v[t->cc0 + i];
		if (cc->to != BT_DATE_NONE && cc->from <= d && d <= cc->to)
			c = cc->capacity;
	}
	for (uint32_t i = 0; i < t->nhol; i++) {
		const bt_range *r = &p->ranges.v[t->hol0 + i];
		if (r->from <= d && d <= r->to)
			c = 0;
	}
	return c;
}

/* A levelled schedule: every dependency holds between tasks not yet
 * started (with type and lag), nothing unstarted starts before its
 * release, and on every working day from the data day on, each team's
 * people in use by unstarted tasks fit in what its capacity leaves after
 * work already in progress. Returns the number of violations. */
__attribute__((unused)) static int check_levelled(const bt_plan *p, json_t *root)
{
	ck_errors = 0;
	json_t *jt = json_object_get(root, "tasks"), *jm = json_object_get(root, "milestones");
	uint32_t nt = p->tasks.n, nm = p->milestones.n;
	if (!json_is_true(json_object_get(root, "levelled")) || json_array_size(jt) != nt ||
	    json_array_size(jm) != nm) {
		ck_fail("not a levelled schedule of this plan");
		return ck_errors;
	}
	int32_t end = jint(root, "end_day"), data_day = jint(root, "data_day");
	ck_cal cal;
	ck_cal_init(&cal, p, end + 4000);
	int32_t *es = malloc(sizeof(int32_t) * (nt + nm + 1));
	int32_t *ef = malloc(sizeof(int32_t) * (nt + nm + 1));
	int *st = calloc(nt + nm + 1, sizeof(int));
	for (uint32_t v = 0; v < nt; v++) {
		json_t *o = json_array_get(jt, v);
		es[v] = jint(o, "start_day");
		ef[v] = jint(o, "finish_day");
		const char *sn = json_string_value(json_object_get(o, "state"));
		st[v] = sn && !strcmp(sn, "done") ? 2 : sn && !strcmp(sn, "started") ? 1 : 0;
		ck_date_eq(&cal, es[v], json_string_value(json_object_get(o, "start")), "start", p->tasks.v[v].id);
		if (st[v] == 0) {
			const bt_task *t = &p->tasks.v[v];
			int32_t rel = data_day;
			if (t->not_before != BT_DATE_NONE && ck_index(&cal, t->not_before) > rel)
				rel = ck_index(&cal, t->not_before);
			if (es[v] < rel)
				ck_fail("task '%s' starts at %d before its release %d", t->id, es[v], rel);
		}
		if (ef[v] > end)
			ck_fail("task '%s' ends after the end day", p->tasks.v[v].id);
	}
	for (uint32_t k = 0; k < nm; k++)
		es[nt + k] = ef[nt + k] = jint(json_array_get(jm, k), "planned_day");
	/* Dependencies into unstarted tasks and milestones; into started
	 * tasks, the links that bind a finish (FF, SF). */
	for (uint32_t v = 0; v < nt + nm; v++) {
		if (v < nt && st[v] == 2)
			continue;
		uint32_t d0 = v < nt ? p->tasks.v[v].dep0 : p->milestones.v[v - nt].dep0;
		uint32_t nd = v < nt ? p->tasks.v[v].ndep : p->milestones.v[v - nt].ndep;
		for (uint32_t j = 0; j < nd; j++) {
			const bt_dep *dp = &p->deps.v[d0 + j];
			uint32_t u = dp->to.kind == BT_K_TASK ? dp->to.idx : nt + dp->to.idx;
			int32_t lhs, rhs;
			if (v < nt && st[v] == 1 && (dp->type == BT_FS || dp->type == BT_SS))
				continue;
			switch (dp->type) {
			case BT_FS: lhs = es[v]; rhs = ef[u] + dp->lag; break;
			case BT_SS: lhs = es[v]; rhs = es[u] + dp->lag; break;
			case BT_FF: lhs = ef[v]; rhs = ef[u] + dp->lag; break;
			default: lhs = ef[v]; rhs = es[u] + dp->lag; break;
			}
			if (v >= nt && lhs < rhs) {
				ck_fail("milestone '%s' is before its prerequisite '%s'",
					p->milestones.v[v - nt].id, dp->to.name);
			} else if (v < nt && lhs < rhs) {
				ck_fail("link %s -> %s (type %d lag %d) violated in the levelled schedule",
					dp->to.name, p->tasks.v[v].id, dp->type, dp->lag);
			}
		}
	}
	/* Capacity, day by day, team by team. */
	for (uint32_t tm = 0; tm < p->teams.n; tm++) {
		const bt_team *team = &p->teams.v[tm];
		for (int32_t day = data_day; day < end; day++) {
			int32_t fixed_use = 0, free_use = 0;
			for (uint32_t v = 0; v < nt; v++) {
				if (st[v] == 2 || day < es[v] || day >= ef[v])
					continue;
				const bt_task *t = &p->tasks.v[v];
				int32_t use = 0;
				if (!t->nneed) {
					use = t->team.idx == tm ? 1 : 0;
				} else {
					for (uint32_t i = 0; i < t->nneed; i++) {
						const bt_need *n = &p->needs.v[t->need0 + i];
						uint32_t team_of = n->team.name ? n->team.idx : t->team.idx;
						if (team_of == tm)
							use += n->count;
					}
				}
				if (st[v] == 1)
					fixed_use += use;
				else
					free_use += use;
			}
			int32_t cap = ck_team_cap(p, team, cal.work[day]);
			int32_t room = cap - fixed_use;
			if (room < 0)
				room = 0;
			if (free_use > room) {
				char d[11];
				bt_date_format(cal.work[day], d);
				ck_fail("team '%s' over capacity on %s: %d people planned, %d free of %d",
					team->id, d, free_use, room, cap);
			}
		}
	}
	free(es);
	free(ef);
	free(st);
	free(cal.work);
	return ck_errors;
}
