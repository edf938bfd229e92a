/*
 * forecast.c: baton_forecast_compute and friends: lower the plan as of the
 * status date, apply a scenario when asked, run the simulation and
 * summarise each milestone's distribution for the renderers.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api.h"
#include "calibrate.h"
#include "forecast.h"
#include "level.h"

const int bt_fc_q[BT_FC_NQ] = {10, 50, 80, 85, 95};

void bt_fc_date(const struct baton_forecast *f, int32_t day, char out[11])
{
	bt_date_format(bt_cal_date(&f->net.cal, day > 0 ? day - 1 : 0), out);
}

const char *baton_plan_scenario(const baton_plan *p, size_t i)
{
	return i < p->scenarios.n ? p->scenarios.v[i].id : NULL;
}

static int cmp_i32(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	return x < y ? -1 : x > y;
}

/* Percentiles, mean, chance and the empirical CDF of column k. */
static int summarise(struct baton_forecast *f, uint32_t k, int32_t *col)
{
	const bt_sim_result *r = &f->res;
	bt_fc_ms *m = &f->ms[k];
	long n = r->runs;
	int64_t sum = 0;
	for (long i = 0; i < n; i++) {
		col[i] = r->days[(size_t)i * f->nm1 + k];
		sum += col[i];
	}
	qsort(col, (size_t)n, sizeof(int32_t), cmp_i32);
	m->mean_day = (double)sum / (double)n;
	/* PNN: the smallest day reached by at least NN% of the runs. */
	for (int q = 0; q < BT_FC_NQ; q++) {
		long at = ((long)bt_fc_q[q] * n + 99) / 100 - 1;
		m->q[q] = col[at < 0 ? 0 : at];
	}
	uint32_t nd = 0;
	for (long i = 0; i < n; i++)
		if (!i || col[i] != col[i - 1])
			nd++;
	m->cdf_day = bt_arena_alloc(&f->arena, sizeof(int32_t) * (nd + 1));
	m->cdf_p = bt_arena_alloc(&f->arena, sizeof(double) * (nd + 1));
	if (!m->cdf_day || !m->cdf_p)
		return -1;
	m->ncdf = 0;
	long ontime = 0, ontime0 = 0;
	for (long i = 0; i < n; i++) {
		if (m->commit != BT_DATE_NONE && col[i] <= m->commit_day)
			ontime++;
		if (m->commit0 != BT_DATE_NONE && col[i] <= m->commit0_day)
			ontime0++;
		if (i + 1 == n || col[i + 1] != col[i]) {
			m->cdf_day[m->ncdf] = col[i];
			m->cdf_p[m->ncdf] = (double)(i + 1) / (double)n;
			m->ncdf++;
		}
	}
	m->chance = m->commit == BT_DATE_NONE ? -1.0 : (double)ontime / (double)n;
	m->chance0 = m->commit0 == BT_DATE_NONE ? -1.0 : (double)ontime0 / (double)n;
	return 0;
}

/* PLANNED with levelling: the levelled schedule at likely estimates, as
 * `baton schedule --level` finds it (the same engine and default budget,
 * the forecast's seed as the levelling seed, as `status --level` uses),
 * under the scenario's capacity items when one applies. Returns each
 * node's exclusive finish day (in the forecast's arena) and *end, or NULL
 * when memory runs out; bt_sim_run has already refused a plan that cannot
 * be levelled. */
static const int32_t *planned_levelled(struct baton_forecast *f, const bt_plan *p, int32_t *end)
{
	uint32_t n = f->net.n;
	int32_t *es = bt_arena_alloc(&f->arena, sizeof(int32_t) * (n + 1));
	int32_t *ef = bt_arena_alloc(&f->arena, sizeof(int32_t) * (n + 1));
	bt_leveler *L = es && ef ? bt_leveler_new_scenario(p, &f->net, f->scen) : NULL;
	bt_rcpsp_opts ro = {0, 0.0, f->so.seed};
	uint32_t bad_task, bad_team;
	int rc = L ? bt_leveler_run(L, NULL, &ro, es, ef, NULL, NULL, NULL, &bad_task, &bad_team) : BT_RCPSP_ENOMEM;
	bt_leveler_free(L);
	if (rc != BT_RCPSP_OK)
		return NULL;
	*end = 0;
	for (uint32_t v = 0; v < n; v++)
		*end = ef[v] > *end ? ef[v] : *end;
	return ef;
}

baton_forecast *bt_forecast_compute(baton_plan *p, const baton_forecast_opts *opts,
				    const char **err)
{
	baton_forecast_opts def = BATON_FORECAST_OPTS_INIT;
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
	if (opts->runs < 0 || opts->correlation < 0 || opts->correlation > 1) {
		*err = "invalid options: runs must be positive, correlation within 0..1";
		return NULL;
	}
	struct baton_forecast *f = bt_calloc(1, sizeof(*f));
	if (!f) {
		*err = "out of memory";
		return NULL;
	}
	f->plan = p;
	f->scen = sc;
	bt_sim_opts *so = &f->so;
	so->runs = opts->runs ? opts->runs : 10000;
	so->seed = opts->seed;
	so->threads = opts->threads;
	if (so->threads <= 0) {
		long nc = sysconf(_SC_NPROCESSORS_ONLN);
		so->threads = nc > 0 ? (int)(nc > 64 ? 64 : nc) : 1;
	}
	so->level = opts->level >= 0 ? opts->level : p->prog.level > 0;
	so->dist = opts->distribution == BATON_DIST_TRIANGULAR ? BT_SIM_TRIANGULAR : BT_SIM_PERT;
	so->spread_lo = opts->spread_low < 0 ? BT_SIM_SPREAD_LO : opts->spread_low;
	so->spread_hi = opts->spread_high < 0 ? BT_SIM_SPREAD_HI : opts->spread_high;
	if (so->spread_lo > 1)
		so->spread_lo = 1;
	so->correlation = opts->correlation;
	so->ndrivers = 8;
	so->progress = opts->progress;
	so->progress_ud = opts->progress_ud;

	*err = "out of memory";
	bt_diags scratch = {0};
	scratch.arena = &f->arena;
	/* As a schedule does: without a scenario, the network and CPM the
	 * plan's check computed at the latest status (schedule.c). */
	int pre = !sc && !bt_net_cpm_take(p, as_of, &f->arena, &f->net, &f->cpm);
	int rc = pre ? 0 : bt_net_build(&f->net, p, as_of, &f->arena, &scratch);
	/* The commitments in force on the status date the net settled on. */
	if (!rc)
		bt_plan_commits_as_of(p, f->net.as_of);
	if (rc || scratch.errors) {
		*err = rc == -2 ? "the plan is too long to schedule"
		       : rc == 0 ? "the status entries contradict each other as of this date"
				 : "out of memory";
		goto fail;
	}
	rc = bt_scenario_apply(&f->net, p, sc, &f->arena, &f->fx);
	if (rc) {
		*err = rc == -2 ? "the scenario makes a dependency cycle" : "out of memory";
		goto fail;
	}
	if (!pre && bt_cpm_run(&f->net, &f->cpm, &f->arena))
		goto fail;
	/* After the CPM run: PLANNED stays the plan's schedule; only the
	 * runs see the teams' recorded bias. */
	if (opts->calibrate) {
		f->ncalib = bt_calib_teams(p, &f->net, &f->arena, &f->calib);
		if (f->ncalib < 0)
			goto fail;
		bt_calib_apply(&f->fx, &f->net, p, f->calib);
	}
	rc = bt_sim_run(&f->net, p, &f->fx, so, &f->arena, &f->res, err);
	if (rc)
		goto fail;
	for (uint32_t r = 0; r < p->risks.n; r++)
		f->nactive += f->res.risk_p[r] > 0;
	f->nm1 = f->res.nm1;
	f->ms = bt_arena_zalloc(&f->arena, sizeof(bt_fc_ms) * (f->nm1 + 1));
	int32_t *col = bt_malloc(sizeof(int32_t) * (size_t)so->runs);
	const int32_t *pef = f->cpm.ef;
	int32_t pend = f->cpm.end_day;
	if (!f->ms || !col || (so->level && !(pef = planned_levelled(f, p, &pend)))) {
		bt_free(col);
		*err = "out of memory";
		goto fail;
	}
	/* A run past the last printable date would show as no date at all:
	 * refuse, as schedule does, rather than print a wrong one. */
	int32_t last = pend;
	for (size_t i = 0; i < (size_t)f->res.runs * f->nm1; i++)
		last = f->res.days[i] > last ? f->res.days[i] : last;
	if (bt_cal_date(&f->net.cal, last > 0 ? last - 1 : 0) > BT_LAST_DATE) {
		bt_free(col);
		*err = "some runs of the forecast finish after 9999-12-31, the last date baton can show";
		goto fail;
	}
	uint32_t nt = f->net.nt, nm = f->nm1 - 1;
	for (uint32_t k = 0; k <= nm; k++) {
		bt_fc_ms *m = &f->ms[k];
		if (k < nm) {
			const bt_milestone *ms = &p->milestones.v[k];
			m->id = ms->id;
			m->title = ms->title;
			m->commit = ms->commit;
			m->commit0 = ms->commit0 != ms->commit ? ms->commit0 : BT_DATE_NONE;
			m->planned_day = pef[nt + k];
		} else {
			m->id = "end";
			m->title = "Program end";
			m->commit = p->prog.commit;
			m->commit0 = p->prog.commit0 != p->prog.commit ? p->prog.commit0 : BT_DATE_NONE;
			m->planned_day = pend;
		}
		if (m->commit0 != BT_DATE_NONE)
			m->commit0_day = bt_cal_index(&f->net.cal, m->commit0 + 1);
		if (m->commit != BT_DATE_NONE) {
			m->commit_day = bt_cal_index(&f->net.cal, m->commit + 1);
			m->slack = m->commit_day - m->planned_day;
		}
		if (summarise(f, k, col)) {
			bt_free(col);
			*err = "out of memory";
			goto fail;
		}
	}
	bt_free(col);
	bt_diags_release(&scratch);
	return f;
fail:
	bt_diags_release(&scratch);
	baton_forecast_free(f);
	return NULL;
}

void baton_forecast_free(baton_forecast *f)
{
	if (!f)
		return;
	bt_arena_release(&f->arena);
	bt_free(f);
}

char *baton_forecast_render(const baton_forecast *f, enum baton_format fmt, unsigned flags)
{
	bt_buf b = BT_BUF_INIT;
	switch (fmt) {
	case BATON_FORMAT_TERM:
		bt_render_forecast_text(&b, f, 0, (flags & BATON_RENDER_COLOR) != 0);
		break;
	case BATON_FORMAT_MARKDOWN:
		bt_render_forecast_text(&b, f, 1, 0);
		break;
	case BATON_FORMAT_JSON:
		if (bt_render_forecast_json(&b, f)) {
			bt_buf_release(&b);
			return NULL;
		}
		break;
	}
	return bt_buf_detach(&b, NULL);
}

char *baton_whatif_render(const baton_forecast *base, const baton_forecast *sc,
			  enum baton_format fmt, unsigned flags)
{
	bt_buf b = BT_BUF_INIT;
	switch (fmt) {
	case BATON_FORMAT_TERM:
		bt_render_whatif_text(&b, base, sc, 0, (flags & BATON_RENDER_COLOR) != 0);
		break;
	case BATON_FORMAT_MARKDOWN:
		bt_render_whatif_text(&b, base, sc, 1, 0);
		break;
	case BATON_FORMAT_JSON:
		if (bt_render_whatif_json(&b, base, sc)) {
			bt_buf_release(&b);
			return NULL;
		}
		break;
	}
	return bt_buf_detach(&b, NULL);
}
