/*
 * schedule.c: baton_schedule_compute and friends: lower the plan as of the
 * status date, run CPM, hand the result to the renderers.
 */
#include <string.h>

#include "api.h"
#include "level.h"
#include "scenario.h"
#include "schedule.h"

#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define MIN(a, b) ((a) < (b) ? (a) : (b))

/* Add demand q of node v over its working days in [ws, ef) to a
 * difference array: the span, less each of its own days off. */
static void add_work(int64_t *diff, const bt_net *n, uint32_t v, int32_t ws, int32_t ef, int32_t q)
{
	ws = MAX(ws, 0);
	if (ef <= ws)
		return;
	diff[ws] += q;
	diff[ef] -= q;
	uint32_t c = n->cal_of[v];
	if (c == BT_NONE)
		return;
	/* Its own days off inside the span. */
	const int32_t *off = n->off + n->off_off[c];
	uint32_t m = n->off_off[c + 1] - n->off_off[c];
	for (uint32_t i = bt_off_index(off, m, ws); i < m && off[i] < ef; i++) {
		diff[off[i]] -= q;
		diff[off[i] + 1] += q;
	}
}

/* Per team and calendar week: the peak daily demand of the critical-path
 * and of the shown schedule, the least working-day capacity, and the worst
 * excess. The demands are grouped by team first, so this is linear in
 * tasks + teams x days. */
static int compute_load(struct baton_schedule *s, const bt_leveler *L)
{
	const bt_net *n = &s->net;
	uint32_t k = s->plan->teams.n;
	int32_t horizon = MAX(s->plain_end, s->cpm.end_day);
	if (horizon <= n->data_day || !k)
		return 0;
	bt_date first = bt_cal_date(&n->cal, 0);
	s->week0 = first - bt_date_weekday(first);
	bt_date last = bt_cal_date(&n->cal, horizon - 1);
	s->nweek = (uint32_t)((last - s->week0) / 7 + 1);
	uint32_t nd;
	const bt_rcpsp_demand *dem = bt_leveler_demands(L, &nd);
	s->load = bt_arena_zalloc(&s->arena, sizeof(bt_week_load) * k * s->nweek);
	int64_t *plain = bt_calloc((size_t)horizon + 2, sizeof(int64_t));
	int64_t *lev = bt_calloc((size_t)horizon + 2, sizeof(int64_t));
	int32_t *cap = bt_malloc(sizeof(int32_t) * ((size_t)horizon + 1));
	uint32_t *weekof = bt_malloc(sizeof(uint32_t) * ((size_t)horizon + 1));
	uint32_t *off = bt_calloc((size_t)k + 2, sizeof(uint32_t));
	uint32_t *by = bt_malloc(sizeof(uint32_t) * ((size_t)nd + 1));
	int rc = -1;
	if (!s->load || !plain || !lev || !cap || !weekof || !off || !by)
		goto out;
	/* The demands of each team: off[t] .. off[t+1] in by[]. */
	for (uint32_t i = 0; i < nd; i++)
		off[dem[i].res + 1]++;
	for (uint32_t t = 0; t < k; t++)
		off[t + 1] += off[t];
	for (uint32_t i = 0; i < nd; i++)
		by[off[dem[i].res]++] = i;
	for (uint32_t t = k; t > 0; t--)
		off[t] = off[t - 1];
	off[0] = 0;
	for (int32_t day = 0; day < horizon; day++)
		weekof[day] = (uint32_t)((bt_cal_date(&n->cal, day) - s->week0) / 7);
	for (uint32_t t = 0; t < k; t++) {
		memset(plain, 0, sizeof(int64_t) * ((size_t)horizon + 2));
		memset(lev, 0, sizeof(int64_t) * ((size_t)horizon + 2));
		for (uint32_t i = off[t]; i < off[t + 1]; i++) {
			uint32_t v = dem[by[i]].act;
			int32_t a = dem[by[i]].amount;
			if (!a || n->state[v] == BT_TS_DONE)
				continue;
			int32_t d = n->dur[v];
			add_work(plain, n, v, bt_wc_work_start(n, v, s->plain_es[v], s->plain_ef[v], d),
				 MIN(s->plain_ef[v], horizon), a);
			add_work(lev, n, v, bt_wc_work_start(n, v, s->cpm.es[v], s->cpm.ef[v], d),
				 MIN(s->cpm.ef[v], horizon), a);
		}
		if (bt_leveler_capacity_days(L, t, 0, horizon, cap))
			goto out;
		int64_t pu = 0, lu = 0;
		for (uint32_t w = 0; w < s->nweek; w++)
			s->load[t * s->nweek + w].capacity = -1;
		for (int32_t day = 0; day < horizon; day++) {
			pu += plain[day];
			lu += lev[day];
			if (day < n->data_day)
				continue;
			bt_week_load *wl = &s->load[t * s->nweek + weekof[day]];
			int32_t c = cap[day];
			int32_t pu32 = pu > INT32_MAX ? INT32_MAX : (int32_t)pu;
			int32_t lu32 = lu > INT32_MAX ? INT32_MAX : (int32_t)lu;
			wl->plain = MAX(wl->plain, pu32);
			wl->levelled = MAX(wl->levelled, lu32);
			if (pu > c)
				wl->plain_over = 1;
			if (lu > c && (int64_t)lu32 - c > (int64_t)wl->over_load - wl->over_cap) {
				wl->over_load = lu32;
				wl->over_cap = c;
			}
			if (c > wl->capacity)
				wl->capacity = c;
		}
		/* Second pass for the short days, now that each week's maximum
		 * is known. */
		for (int32_t day = n->data_day; day < horizon; day++) {
			bt_week_load *wl = &s->load[t * s->nweek + weekof[day]];
			if (cap[day] < wl->capacity)
				wl->short_days++;
		}
	}
	rc = 0;
out:
	if (rc)
		s->nweek = 0;
	bt_free(plain);
	bt_free(lev);
	bt_free(cap);
	bt_free(weekof);
	bt_free(off);
	bt_free(by);
	return rc;
}

/* Replace the CPM dates of s with levelled ones (L: the plan's levelling
 * problem, which the team load reads too); keep the plain ones for the
 * delays. Returns 0, -1 (memory) or -2 (infeasible; *err set). */
static int level_schedule(struct baton_schedule *s, bt_plan *p, const bt_leveler *L,
			  const baton_schedule_opts *o, const char **err)
{
	bt_net *n = &s->net;
	uint32_t nn = n->n;
	s->plain_es = bt_arena_alloc(&s->arena, sizeof(int32_t) * (nn + 1));
	s->plain_ef = bt_arena_alloc(&s->arena, sizeof(int32_t) * (nn + 1));
	s->chain = bt_arena_alloc(&s->arena, sizeof(bt_rcpsp_link) * (nn + 1));
	if (!s->plain_es || !s->plain_ef || !s->chain) {
		return -1;
	}
	memcpy(s->plain_es, s->cpm.es, sizeof(int32_t) * nn);
	memcpy(s->plain_ef, s->cpm.ef, sizeof(int32_t) * nn);
	bt_rcpsp_opts ro = {o->schedules, o->time_limit, o->seed};
	bt_rcpsp_result r;
	uint32_t bad_task = BT_NONE, bad_team = BT_NONE;
	int rc = bt_leveler_run(L, NULL, &ro, s->cpm.es, s->cpm.ef, &r, s->chain, &s->nchain,
				&bad_task, &bad_team);
	if (rc != BT_RCPSP_OK) {
		bt_rcpsp_result_free(&r);
		if (rc == BT_RCPSP_ENOMEM)
			return -1;
		if (rc == BT_RCPSP_EINFEASIBLE && bad_task < n->nt && bad_team < p->teams.n)
			*err = bt_arena_printf(&p->arena,
					       "cannot level: task '%s' needs more people from team '%s' than the team has on any day it could run",
					       p->tasks.v[bad_task].id, p->teams.v[bad_team].id);
		else
			*err = bt_arena_printf(&p->arena, "cannot level: %s", bt_rcpsp_strerror(rc));
		return -2;
	}
	s->levelled = 1;
	s->schedules = r.schedules;
	s->lower_bound = r.lower_bound;
	s->ready = bt_arena_alloc(&s->arena, sizeof(int32_t) * (nn + 1));
	s->wait_off = bt_arena_alloc(&s->arena, sizeof(uint32_t) * (nn + 1));
	uint32_t nb = r.block_off ? r.block_off[nn] : 0;
	s->wait = bt_arena_alloc(&s->arena, sizeof(bt_rcpsp_block) * (nb + 1));
	if (!s->ready || !s->wait_off || !s->wait) {
		bt_rcpsp_result_free(&r);
		return -1;
	}
	memcpy(s->ready, r.ready, sizeof(int32_t) * nn);
	memcpy(s->wait_off, r.block_off, sizeof(uint32_t) * (nn + 1));
	if (nb)
		memcpy(s->wait, r.block, sizeof(bt_rcpsp_block) * nb);
	bt_rcpsp_result_free(&r);
	int32_t end = 0;
	for (uint32_t v = 0; v < nn; v++)
		end = MAX(end, s->cpm.ef[v]);
	s->cpm.end_day = end;
	/* Late dates and floats at the levelled dates, by precedence; the
	 * critical tasks are those on the resource-constrained path. */
	bt_cpm_backward(n, &s->cpm);
	memset(s->cpm.critical, 0, nn);
	for (uint32_t i = 0; i < s->nchain; i++)
		s->cpm.critical[s->chain[i].act] = n->state[s->chain[i].act] != BT_TS_DONE;
	return 0;
}

/* The facts every renderer shows beside the dates, once. */
static int compute_days(struct baton_schedule *s)
{
	const bt_net *n = &s->net;
	s->days = bt_arena_alloc(&s->arena, sizeof(int32_t) * ((size_t)n->n + 1));
	s->work_start = bt_arena_alloc(&s->arena, sizeof(int32_t) * ((size_t)n->n + 1));
	if (!s->days || !s->work_start)
		return -1;
	for (uint32_t v = 0; v < n->n; v++) {
		s->days[v] = bt_wc_days(n, v, s->cpm.es[v], s->cpm.ef[v]);
		s->work_start[v] = bt_wc_work_start(n, v, s->cpm.es[v], s->cpm.ef[v], n->dur[v]);
	}
	return 0;
}

/* Under a scenario: how far each date moved from the plan without it,
 * scheduled the same way (as of the same date, levelled or not). Returns
 * 0, -1 (memory) or -2 (*err set: the plan alone cannot be scheduled). */
static int compare_base(struct baton_schedule *s, bt_plan *p, const baton_schedule_opts *opts,
			const char **err)
{
	baton_schedule_opts bo = *opts;
	bo.scenario = NULL;
	bo.level = s->levelled;
	const char *berr = "out of memory";
	baton_schedule *base = bt_schedule_compute(p, &bo, &berr);
	if (!base) {
		*err = berr;
		return strcmp(berr, "out of memory") ? -2 : -1;
	}
	uint32_t n = s->net.n;
	s->vs_base = bt_arena_alloc(&s->arena, sizeof(int32_t) * ((size_t)n + 1));
	if (s->vs_base)
		for (uint32_t v = 0; v < n; v++)
			s->vs_base[v] = v < s->net.nt ? s->cpm.ef[v] - base->cpm.ef[v] : s->cpm.es[v] - base->cpm.es[v];
	s->base_end = base->cpm.end_day;
	s->vs_base_end = s->cpm.end_day - base->cpm.end_day;
	baton_schedule_free(base);
	return s->vs_base ? 0 : -1;
}

baton_schedule *bt_schedule_compute(baton_plan *p, const baton_schedule_opts *opts,
				    const char **err)
{
	baton_schedule_opts def = BATON_SCHEDULE_OPTS_INIT;
	const char *dummy;
	if (!err)
		err = &dummy;
	if (!opts)
		opts = &def;
	bt_date as_of;
	if (bt_plan_status_date(p, opts->as_of, &as_of, err))
		return NULL;
	const bt_scenario *sc = NULL;
	if (opts->scenario && !(sc = bt_scenario_find(p, opts->scenario))) {
		*err = "unknown scenario";
		return NULL;
	}
	struct baton_schedule *s = bt_calloc(1, sizeof(*s));
	if (!s) {
		*err = "out of memory";
		return NULL;
	}
	s->plan = p;
	bt_diags scratch = {0};
	scratch.arena = &s->arena;
	/* The plan's check computed the network and CPM at the latest status;
	 * a plain schedule then takes them. */
	int pre = !sc && !bt_net_cpm_take(p, as_of, &s->arena, &s->net, &s->cpm);
	int rc = pre ? 0 : bt_net_build(&s->net, p, as_of, &s->arena, &scratch);
	/* The commitments in force on the status date the net settled on. */
	if (!rc)
		bt_plan_commits_as_of(p, s->net.as_of);
	bt_scen_fx fx;
	int src = !rc && !scratch.errors && sc ? bt_scenario_apply(&s->net, p, sc, &s->arena, &fx) : 0;
	if (rc || scratch.errors || src || (!pre && bt_cpm_run(&s->net, &s->cpm, &s->arena))) {
		bt_diags_release(&scratch);
		baton_schedule_free(s);
		*err = rc == -2 || (!rc && scratch.errors) ? "the status entries contradict each other as of this date"
							   : "out of memory";
		if (rc == -2)
			*err = "the plan is too long to schedule";
		if (src == -2)
			*err = "the scenario makes a dependency cycle";
		return NULL;
	}
	s->scen = sc;
	bt_diags_release(&scratch);
	s->plain_end = s->cpm.end_day;
	if (bt_cal_date(&s->net.cal, s->cpm.end_day) == BT_DATE_NONE ||
	    bt_cal_date(&s->net.cal, s->cpm.end_day) > BT_LAST_DATE) {
		baton_schedule_free(s);
		*err = "the plan ends after the year 9999";
		return NULL;
	}
	int level = opts->level >= 0 ? opts->level : p->prog.level > 0;
	if (level) {
		/* A levelled plan ends at the latest when everything runs one
		 * after the other; past the year 9999 dates cannot be shown. */
		int64_t serial = s->cpm.end_day;
		for (uint32_t v = 0; v < s->net.nt; v++)
			serial += s->net.dur[v];
		if (serial > BT_MAX_LEVEL_SPAN) {
			baton_schedule_free(s);
			*err = "the plan is too long to level (its tasks one after another run past the year 9999)";
			return NULL;
		}
	}
	/* One levelling problem serves the levelling and the team load. */
	bt_leveler *L = level || p->teams.n ? bt_leveler_new_scenario(p, &s->net, sc) : NULL;
	rc = level || p->teams.n ? (L ? 0 : -1) : 0;
	if (!rc && level)
		rc = level_schedule(s, p, L, opts, err);
	if (!rc && level && bt_cal_date(&s->net.cal, s->cpm.end_day) > BT_LAST_DATE) {
		*err = "the levelled plan ends after the year 9999";
		rc = -2;
	}
	if (!rc && !s->levelled) {
		s->plain_es = s->cpm.es;
		s->plain_ef = s->cpm.ef;
	}
	if (!rc && (compute_days(s) || (p->teams.n && compute_load(s, L))))
		rc = -1;
	bt_leveler_free(L);
	if (!rc && sc)
		rc = compare_base(s, p, opts, err);
	if (rc) {
		if (rc == -1)
			*err = "out of memory";
		baton_schedule_free(s);
		return NULL;
	}
	return s;
}

void baton_schedule_free(baton_schedule *s)
{
	if (!s)
		return;
	bt_arena_release(&s->arena);
	bt_free(s);
}

int32_t baton_schedule_end_day(const baton_schedule *s)
{
	return s->cpm.end_day;
}

void bt_sched_dates(const struct baton_schedule *s, uint32_t v, int32_t es,
		    int32_t ef, char start[11], char finish[11])
{
	(void)v;
	bt_date_format(bt_cal_date(&s->net.cal, es), start);
	bt_date_format(bt_cal_date(&s->net.cal, ef > es ? ef - 1 : es), finish);
}

/* 0, or -1 when the rendering is not whole (memory, or the sink). */
static int render(bt_buf *b, const baton_schedule *s, enum baton_format fmt, unsigned flags)
{
	switch (fmt) {
	case BATON_FORMAT_TERM:
		bt_render_schedule_term(b, s, (flags & BATON_RENDER_COLOR) != 0);
		break;
	case BATON_FORMAT_MARKDOWN:
		bt_render_schedule_md(b, s);
		break;
	case BATON_FORMAT_JSON:
		if (bt_render_schedule_json(b, s))
			return -1;
		break;
	}
	return b->oom ? -1 : 0;
}

char *baton_schedule_render(const baton_schedule *s, enum baton_format fmt, unsigned flags)
{
	bt_buf b = BT_BUF_INIT;
	if (render(&b, s, fmt, flags)) {
		bt_buf_release(&b);
		return NULL;
	}
	return bt_buf_detach(&b, NULL);
}

int baton_schedule_write(const baton_schedule *s, enum baton_format fmt, unsigned flags,
			 baton_write_fn write, void *ctx)
{
	bt_buf b = BT_BUF_INIT;
	b.sink = write;
	b.sink_ctx = ctx;
	int rc = render(&b, s, fmt, flags);
	if (bt_buf_flush(&b))
		rc = -1;
	bt_buf_release(&b);
	return rc;
}
