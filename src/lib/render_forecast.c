/*
 * render_forecast.c: forecasts and what-if comparisons as a terminal
 * table, Markdown and JSON. Renders what forecast.c summarised; computes
 * nothing but date conversions, rounding and differences for display.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calibrate.h"
#include "forecast.h"
#include "jsonw.h"
#include "table.h"

static const char *dist_name(const struct baton_forecast *f)
{
	return f->so.dist == BT_SIM_TRIANGULAR ? "triangular" : "pert";
}

static void pct(char *out, size_t n, double p)
{
	bt_fmt_chance(out, n, p);
}

static const char *node_id(const struct baton_forecast *f, uint32_t v)
{
	return v < f->net.nt ? f->plan->tasks.v[v].id : f->plan->milestones.v[v - f->net.nt].id;
}

static void header(bt_buf *b, const struct baton_forecast *f, int md, const char *what)
{
	const bt_plan *p = f->plan;
	const char *title = p->prog.title ? p->prog.title : p->prog.id;
	char as_of[11] = "";
	if (f->net.as_of != BT_DATE_NONE)
		bt_date_format(f->net.as_of, as_of);
	if (md)
		bt_buf_printf(b, "## %s: %s\n\n", title, what);
	else
		bt_buf_printf(b, "%s: %s\n", title, what);
	bt_buf_printf(b, "%s%s; %ld runs, seed %llu; %s durations", as_of[0] ? "as of " : "from the start (no status yet)",
		      as_of, f->res.runs, (unsigned long long)f->so.seed,
		      f->so.dist == BT_SIM_TRIANGULAR ? "triangular" : "PERT-beta");
	if (f->so.correlation > 0)
		bt_buf_printf(b, ", team correlation %.2g", f->so.correlation);
	bt_buf_printf(b, "; %u risk%s that can occur; %s\n", f->nactive, f->nactive == 1 ? "" : "s",
		      f->so.level ? "levelled to team capacity in every run"
				  : "critical path per run, capacity not levelled");
	if (f->calib) {
		int any = bt_calib_applied(f->calib, f->ncalib) > 0;
		bt_buf_puts(b, md ? any ? "\nCalibrated: " : "\nNot calibrated: " : any ? "calibrated: " : "not calibrated: ");
		bt_calib_say(b, f->calib, f->ncalib);
		bt_buf_putc(b, '\n');
	}
	bt_buf_putc(b, '\n');
}

/*============================= Forecast ===========================*/

static void ms_table(bt_table *t, const struct baton_forecast *f, int color)
{
	bt_table_init(t, (bt_arena *)&f->arena,
		      "MILESTONE COMMIT CHANCE> P10 P50 P80 P85 P95 MEAN PLANNED SLACK>");
	for (uint32_t k = 0; k < f->nm1; k++) {
		const bt_fc_ms *m = &f->ms[k];
		char d[11], c[8];
		const char *style = NULL;
		if (color && m->chance >= 0)
			style = m->chance < 0.5 ? "\033[31m" : m->chance < 0.8 ? "\033[33m" : NULL;
		bt_table_row(t, style);
		bt_table_cell(t, "%s", m->id);
		if (m->commit != BT_DATE_NONE)
			bt_date_format(m->commit, d);
		else
			strcpy(d, "-");
		bt_table_cell(t, "%s", d);
		pct(c, sizeof c, m->chance);
		bt_table_cell(t, "%s", c);
		for (int q = 0; q < BT_FC_NQ; q++) {
			bt_fc_date(f, m->q[q], d);
			bt_table_cell(t, "%s", d);
		}
		bt_fc_date(f, (int32_t)floor(m->mean_day + 0.5), d);
		bt_table_cell(t, "%s", d);
		bt_fc_date(f, m->planned_day, d);
		bt_table_cell(t, "%s", d);
		if (m->commit != BT_DATE_NONE)
			bt_table_cell(t, "%d", m->slack);
		else
			bt_table_cell(t, "%s", "-");
	}
}

static void driver_text(bt_buf *b, const struct baton_forecast *f, const bt_sim_driver *d)
{
	const bt_plan *p = f->plan;
	if (d->is_risk) {
		char occ[8];
		pct(occ, sizeof occ, (double)f->res.risk_hits[d->idx] / (double)f->res.runs);
		bt_buf_printf(b, "risk %-24s rank corr %5.2f; adds %.1f working days on average (occurs in %s of runs)",
			      p->risks.v[d->idx].id, d->rho, d->days, occ);
	} else {
		char cr[8];
		pct(cr, sizeof cr, d->crit);
		bt_buf_printf(b, "task %-24s rank corr %5.2f; on its critical path in %s of runs",
			      p->tasks.v[d->idx].id, d->rho, cr);
	}
}

typedef struct crit_row {
	uint32_t v, cnt;
} crit_row;

static int cmp_crit(const void *a, const void *b)
{
	const crit_row *x = a, *y = b;
	if (x->cnt != y->cnt)
		return x->cnt > y->cnt ? -1 : 1;
	return x->v < y->v ? -1 : x->v > y->v;
}

void bt_render_forecast_text(bt_buf *b, const struct baton_forecast *f, int md, int color)
{
	const bt_plan *p = f->plan;
	bt_table mt, ct;
	header(b, f, md, f->scen ? "forecast (scenario)" : "forecast");
	if (f->scen)
		bt_buf_printf(b, "%sScenario %s%s%s%s\n\n", md ? "" : "", f->scen->id,
			      f->scen->title ? ": " : "", f->scen->title ? f->scen->title : "", md ? "" : "");
	if (md)
		bt_buf_puts(b, "### Milestones\n\n");
	ms_table(&mt, f, color);
	if (md)
		bt_table_md(b, &mt);
	else
		bt_table_term(b, &mt, color, "");
	if (md)
		bt_buf_printf(b, "\nCHANCE is the share of runs that reach the milestone on or before its commit date; "
				 "PNN is the date reached in NN%% of runs. PLANNED is the %s date at likely estimates, "
				 "without risks, and SLACK the working days from it to the commit.\n",
			      f->so.level ? "capacity-levelled" : "critical-path");
	else
		bt_buf_printf(b, "\nCHANCE: share of runs on or before the commit date. PNN: the date reached in NN%%\n"
				 "of runs. MEAN: the mean day. PLANNED: the %s date at likely estimates,\n"
				 "without risks; SLACK: working days from it to the commit.\n",
			      f->so.level ? "capacity-levelled" : "critical-path");

	bt_buf_puts(b, md ? "\n### Drivers\n\nTasks and risks ranked by their rank correlation with the milestone's date; "
			    "for a risk, the working days it adds on average.\n"
			  : "\nDrivers (ranked by rank correlation with the milestone's date):\n");
	for (uint32_t k = 0; k < f->nm1; k++) {
		const bt_fc_ms *m = &f->ms[k];
		char d[11];
		bt_fc_date(f, m->q[3], d);
		uint32_t nd = f->res.ndriver ? f->res.ndriver[k] : 0;
		if (md)
			bt_buf_printf(b, "\n**%s** (P85 %s)\n\n", m->id, d);
		else
			bt_buf_printf(b, "\n  %s (P85 %s)\n", m->id, d);
		if (!nd)
			bt_buf_puts(b, md ? "- nothing uncertain drives it\n" : "     nothing uncertain drives it\n");
		for (uint32_t i = 0; i < nd; i++) {
			bt_buf_printf(b, md ? "%u. " : "   %2u. ", i + 1);
			driver_text(b, f, &f->res.drivers[(size_t)k * f->res.ndrivers + i]);
			bt_buf_putc(b, '\n');
		}
	}

	/* Criticality: tasks ever critical, most critical first. */
	uint32_t nt = f->net.nt, nrow = 0;
	crit_row *rows = bt_malloc(sizeof(crit_row) * (nt + 1));
	if (!rows) {
		b->oom = 1;
		bt_table_release(&mt);
		return;
	}
	for (uint32_t v = 0; v < nt; v++)
		if (f->res.crit[v])
			rows[nrow++] = (crit_row){v, f->res.crit[v]};
	qsort(rows, nrow, sizeof(crit_row), cmp_crit);
	bt_table_init(&ct, (bt_arena *)&f->arena, "TASK TEAM CRITICALITY> PLANNED");
	for (uint32_t i = 0; i < nrow; i++) {
		uint32_t v = rows[i].v;
		char c[8];
		pct(c, sizeof c, (double)rows[i].cnt / (double)f->res.runs);
		bt_table_row(&ct, NULL);
		bt_table_cell(&ct, "%s", p->tasks.v[v].id);
		bt_table_cell(&ct, "%s", p->tasks.v[v].team.name ? p->tasks.v[v].team.name : "");
		bt_table_cell(&ct, "%s", c);
		bt_table_cell(&ct, "%s", f->cpm.critical[v] && f->net.state[v] != BT_TS_DONE ? "critical" : "");
	}
	bt_buf_puts(b, md ? "\n### Criticality\n\nShare of runs in which a task lies on the critical path to the program end.\n\n"
			  : "\nCriticality (share of runs on the critical path to the program end):\n");
	if (md)
		bt_table_md(b, &ct);
	else
		bt_table_term(b, &ct, color, "");
	bt_buf_printf(b, "%s%u task%s never critical.\n", md ? "\n" : "", nt - nrow, nt - nrow == 1 ? "" : "s");
	bt_free(rows);
	if (mt.oom || ct.oom)
		b->oom = 1;
	bt_table_release(&mt);
	bt_table_release(&ct);
}

/*================================ JSON ============================*/

/* Written through the streaming writer (jsonw.h), reals at 10 digits as
 * jansson's JSON_REAL_PRECISION(10) printed them. */

static void jdate(bt_jsonw *w, const char *k, bt_date d)
{
	char s[11];
	if (d == BT_DATE_NONE) {
		bt_jw_knull(w, k);
		return;
	}
	bt_date_format(d, s);
	bt_jw_kstr(w, k, s);
}

static void jday(bt_jsonw *w, const char *k, const struct baton_forecast *f, int32_t day)
{
	char s[11];
	bt_fc_date(f, day, s);
	bt_jw_kstr(w, k, s);
}

/* Reals rounded for display, so goldens stay readable. */
static double rnd(double x, double unit)
{
	return floor(x / unit + 0.5) * unit;
}

static void jreal(bt_jsonw *w, const char *k, double x, double unit)
{
	bt_jw_kreal(w, k, rnd(x, unit));
}

static void jchance(bt_jsonw *w, const char *k, double chance)
{
	if (chance < 0)
		bt_jw_knull(w, k);
	else
		bt_jw_kreal(w, k, bt_round_share(chance));
}

static void jopen(bt_jsonw *w, bt_buf *b)
{
	bt_jw_init(w, b, 2);
	bt_jw_precision(w, 10);
	bt_jw_obj(w);
	bt_jw_schema(w);
}

static int jclose(bt_jsonw *w)
{
	bt_jw_obj_end(w);
	bt_buf_putc(w->b, '\n');
	return bt_jw_finish(w);
}

static void put_head(bt_jsonw *w, const struct baton_forecast *f)
{
	const bt_plan *p = f->plan;
	bt_jw_kstr(w, "program", p->prog.id);
	bt_jw_kstr(w, "title", p->prog.title);
	jdate(w, "start", p->prog.start_date);
	jdate(w, "commit", p->prog.commit);
	jdate(w, "as_of", f->net.as_of);
	bt_jw_kint(w, "data_day", f->net.data_day);
	bt_jw_kbool(w, "levelled", f->so.level);
	bt_jw_kint(w, "runs", f->res.runs);
	bt_jw_kint(w, "seed", (int64_t)f->so.seed);
	bt_jw_kstr(w, "distribution", dist_name(f));
	jreal(w, "correlation", f->so.correlation, 1e-4);
	bt_jw_key(w, "spread");
	bt_jw_obj(w);
	jreal(w, "low", f->so.spread_lo, 1e-4);
	jreal(w, "high", f->so.spread_hi, 1e-4);
	bt_jw_obj_end(w);
	if (!f->calib)
		return;
	/* Only when asked, so that an uncalibrated forecast reads as before. */
	bt_jw_key(w, "calibration");
	bt_jw_arr(w);
	for (long k = 0; k < f->ncalib; k++) {
		const bt_calib_team *t = &f->calib[k];
		bt_jw_obj(w);
		bt_jw_kstr(w, "team", t->id);
		bt_jw_kint(w, "tasks", t->tasks);
		if (t->tasks)
			jreal(w, "bias", t->bias, 1e-4);
		else
			bt_jw_knull(w, "bias");
		bt_jw_kbool(w, "applied", t->tasks >= BT_CALIB_MIN);
		bt_jw_kint(w, "needs", t->tasks >= BT_CALIB_MIN ? 0 : BT_CALIB_MIN - t->tasks);
		bt_jw_obj_end(w);
	}
	bt_jw_arr_end(w);
}

static void put_drivers(bt_jsonw *w, const struct baton_forecast *f, uint32_t k)
{
	const bt_plan *p = f->plan;
	uint32_t nd = f->res.ndriver ? f->res.ndriver[k] : 0;
	bt_jw_key(w, "drivers");
	bt_jw_arr(w);
	for (uint32_t i = 0; i < nd; i++) {
		const bt_sim_driver *d = &f->res.drivers[(size_t)k * f->res.ndrivers + i];
		bt_jw_obj(w);
		bt_jw_kstr(w, "kind", d->is_risk ? "risk" : "task");
		bt_jw_kstr(w, "id", d->is_risk ? p->risks.v[d->idx].id : p->tasks.v[d->idx].id);
		jreal(w, "rank_correlation", d->rho, 1e-4);
		if (d->is_risk)
			jreal(w, "expected_days", d->days, 1e-2);
		else
			jreal(w, "criticality", d->crit, 1e-4);
		bt_jw_obj_end(w);
	}
	bt_jw_arr_end(w);
}

/* Milestone k as the value of key `key`. */
static void put_ms(bt_jsonw *w, const char *key, const struct baton_forecast *f, uint32_t k)
{
	const bt_fc_ms *m = &f->ms[k];
	char qk[16];
	if (key)
		bt_jw_key(w, key);
	bt_jw_obj(w);
	bt_jw_kstr(w, "id", m->id);
	bt_jw_kstr(w, "title", m->title);
	jdate(w, "commit", m->commit);
	jday(w, "planned", f, m->planned_day);
	bt_jw_kint(w, "planned_day", m->planned_day);
	if (m->commit != BT_DATE_NONE)
		bt_jw_kint(w, "slack", m->slack);
	else
		bt_jw_knull(w, "slack");
	jchance(w, "chance", m->chance);
	jreal(w, "mean_day", m->mean_day, 1e-2);
	for (int q = 0; q < BT_FC_NQ; q++) {
		snprintf(qk, sizeof qk, "p%d", bt_fc_q[q]);
		jday(w, qk, f, m->q[q]);
		snprintf(qk, sizeof qk, "p%d_day", bt_fc_q[q]);
		bt_jw_kint(w, qk, m->q[q]);
	}
	bt_jw_key(w, "cdf");
	bt_jw_arr(w);
	for (uint32_t i = 0; i < m->ncdf; i++) {
		bt_jw_arr(w);
		bt_jw_int(w, m->cdf_day[i]);
		bt_jw_real(w, rnd(m->cdf_p[i], 1e-4));
		bt_jw_arr_end(w);
	}
	bt_jw_arr_end(w);
	put_drivers(w, f, k);
	bt_jw_obj_end(w);
}

int bt_render_forecast_json(bt_buf *b, const struct baton_forecast *f)
{
	const bt_plan *p = f->plan;
	bt_jsonw jw, *w = &jw;
	jopen(w, b);
	put_head(w, f);
	bt_jw_kstr(w, "scenario", f->scen ? f->scen->id : NULL);
	bt_jw_key(w, "milestones");
	bt_jw_arr(w);
	for (uint32_t k = 0; k + 1 < f->nm1; k++)
		put_ms(w, NULL, f, k);
	bt_jw_arr_end(w);
	put_ms(w, "end", f, f->nm1 - 1);
	bt_jw_key(w, "tasks");
	bt_jw_arr(w);
	for (uint32_t v = 0; v < f->net.nt && !w->err && !b->oom; v++) {
		bt_jw_obj(w);
		bt_jw_kstr(w, "id", p->tasks.v[v].id);
		bt_jw_kstr(w, "team", p->tasks.v[v].team.name);
		jreal(w, "criticality", (double)f->res.crit[v] / (double)f->res.runs, 1e-4);
		bt_jw_obj_end(w);
	}
	bt_jw_arr_end(w);
	bt_jw_key(w, "risks");
	bt_jw_arr(w);
	for (uint32_t r = 0; r < p->risks.n; r++) {
		bt_jw_obj(w);
		bt_jw_kstr(w, "id", p->risks.v[r].id);
		jreal(w, "probability", f->res.risk_p[r], 1e-4);
		jreal(w, "occurred", (double)f->res.risk_hits[r] / (double)f->res.runs, 1e-4);
		bt_jw_obj_end(w);
	}
	bt_jw_arr_end(w);
	return jclose(w);
}

/*============================== What-if ===========================*/

static void days_delta(char *out, size_t n, int32_t d)
{
	if (d)
		snprintf(out, n, "%+dd", d);
	else
		snprintf(out, n, "0");
}

static void pts_delta(char *out, size_t n, double a, double c)
{
	if (a < 0 || c < 0) {
		snprintf(out, n, "-");
		return;
	}
	long d = lround((c - a) * 100.0);
	if (d)
		snprintf(out, n, "%+ld pts", d);
	else
		snprintf(out, n, "0");
}

/* Tasks whose criticality moved by 5 points or more. */
static int crit_moved(const struct baton_forecast *a, const struct baton_forecast *c, uint32_t v)
{
	long d = (long)c->res.crit[v] * a->res.runs - (long)a->res.crit[v] * c->res.runs;
	return labs(d) * 20 >= (long)a->res.runs * c->res.runs;
}

static int on_cp(const struct baton_forecast *f, uint32_t v)
{
	return f->cpm.critical[v] && f->net.state[v] != BT_TS_DONE;
}

static void id_list(bt_buf *b, const struct baton_forecast *a, const struct baton_forecast *c,
		    int joined)
{
	int any = 0;
	for (uint32_t v = 0; v < a->net.nt; v++) {
		int in = joined ? on_cp(c, v) && !on_cp(a, v) : on_cp(a, v) && !on_cp(c, v);
		if (!in)
			continue;
		bt_buf_printf(b, "%s%s", any ? ", " : "", node_id(a, v));
		any = 1;
	}
	if (!any)
		bt_buf_puts(b, "none");
}

void bt_render_whatif_text(bt_buf *b, const struct baton_forecast *a,
			   const struct baton_forecast *c, int md, int color)
{
	const bt_plan *p = a->plan;
	const bt_scenario *sc = c->scen;
	char what[160];
	snprintf(what, sizeof what, "what if %s", sc ? sc->id : "?");
	header(b, a, md, what);
	if (sc && sc->title)
		bt_buf_printf(b, "%s%s%s\n\n", md ? "*" : "", sc->title, md ? "*" : "");
	bt_buf_puts(b, md ? "### The scenario\n\n" : "The scenario:\n");
	for (uint32_t k = 0; sc && k < sc->nitem; k++) {
		const bt_scen_item *it = &p->scen_items.v[sc->item0 + k];
		bt_buf_printf(b, md ? "- `%.*s`" : "  %.*s", (int)(it->end - it->start),
			      p->src.text + it->start);
		if (it->kind == BT_SC_CAPACITY && !c->so.level)
			bt_buf_puts(b, " (takes effect with --level only)");
		bt_buf_putc(b, '\n');
	}
	bt_buf_puts(b, md ? "\n### Milestones\n\n" : "\n");
	bt_table t;
	bt_table_init(&t, (bt_arena *)&c->arena,
		      "MILESTONE COMMIT P50 P50_SCENARIO CHANGE> P85 P85_SCENARIO CHANGE> CHANCE> SCENARIO> CHANGE>");
	for (uint32_t k = 0; k < a->nm1; k++) {
		const bt_fc_ms *x = &a->ms[k], *y = &c->ms[k];
		char d1[11], d2[11], dd[16], c1[8], c2[8], cd[16];
		const char *style = NULL;
		if (color && y->q[3] > x->q[3])
			style = "\033[31m";
		bt_table_row(&t, style);
		bt_table_cell(&t, "%s", x->id);
		if (x->commit != BT_DATE_NONE)
			bt_date_format(x->commit, d1);
		else
			strcpy(d1, "-");
		bt_table_cell(&t, "%s", d1);
		for (int q = 1; q <= 3; q += 2) {
			bt_fc_date(a, x->q[q], d1);
			bt_fc_date(c, y->q[q], d2);
			days_delta(dd, sizeof dd, y->q[q] - x->q[q]);
			bt_table_cell(&t, "%s", d1);
			bt_table_cell(&t, "%s", d2);
			bt_table_cell(&t, "%s", dd);
		}
		pct(c1, sizeof c1, x->chance);
		pct(c2, sizeof c2, y->chance);
		pts_delta(cd, sizeof cd, x->chance, y->chance);
		bt_table_cell(&t, "%s", c1);
		bt_table_cell(&t, "%s", c2);
		bt_table_cell(&t, "%s", cd);
	}
	if (md)
		bt_table_md(b, &t);
	else
		bt_table_term(b, &t, color, "");
	bt_buf_puts(b, md ? "\nCHANGE is in working days (dates) and percentage points (chance); both forecasts use the same random numbers.\n"
			  : "\nCHANGE: working days (dates), percentage points (chance); both use the same random numbers.\n");

	bt_buf_puts(b, md ? "\n### Critical path\n\nAt likely estimates: joins: " : "\nCritical path at likely estimates: joins: ");
	id_list(b, a, c, 1);
	bt_buf_puts(b, "; leaves: ");
	id_list(b, a, c, 0);
	bt_buf_puts(b, ".\n");
	bt_table ct;
	bt_table_init(&ct, (bt_arena *)&c->arena, "TASK CRITICALITY> SCENARIO> CHANGE>");
	uint32_t moved = 0;
	for (uint32_t v = 0; v < a->net.nt; v++) {
		if (!crit_moved(a, c, v))
			continue;
		double x = (double)a->res.crit[v] / (double)a->res.runs, y = (double)c->res.crit[v] / (double)c->res.runs;
		char c1[8], c2[8], cd[16];
		pct(c1, sizeof c1, x);
		pct(c2, sizeof c2, y);
		pts_delta(cd, sizeof cd, x, y);
		bt_table_row(&ct, NULL);
		bt_table_cell(&ct, "%s", p->tasks.v[v].id);
		bt_table_cell(&ct, "%s", c1);
		bt_table_cell(&ct, "%s", c2);
		bt_table_cell(&ct, "%s", cd);
		moved++;
	}
	if (moved) {
		bt_buf_puts(b, md ? "\nCriticality that moved by 5 points or more:\n\n"
				  : "\nCriticality that moved by 5 points or more:\n");
		if (md)
			bt_table_md(b, &ct);
		else
			bt_table_term(b, &ct, color, "");
	} else {
		bt_buf_puts(b, md ? "\nNo task's criticality moved by 5 points or more.\n"
				  : "No task's criticality moved by 5 points or more.\n");
	}
	if (t.oom || ct.oom)
		b->oom = 1;
	bt_table_release(&t);
	bt_table_release(&ct);
}

static void put_side(bt_jsonw *w, const char *key, const struct baton_forecast *f, const bt_fc_ms *m)
{
	bt_jw_key(w, key);
	bt_jw_obj(w);
	jday(w, "p50", f, m->q[1]);
	bt_jw_kint(w, "p50_day", m->q[1]);
	jday(w, "p85", f, m->q[3]);
	bt_jw_kint(w, "p85_day", m->q[3]);
	jchance(w, "chance", m->chance);
	jreal(w, "mean_day", m->mean_day, 1e-2);
	bt_jw_obj_end(w);
}

static void put_cp_ids(bt_jsonw *w, const char *key, const struct baton_forecast *a,
		       const struct baton_forecast *c, int mode)
{
	bt_jw_key(w, key);
	bt_jw_arr(w);
	for (uint32_t v = 0; v < a->net.nt; v++) {
		int in = mode == 0 ? on_cp(a, v) : mode == 1 ? on_cp(c, v)
			 : mode == 2 ? on_cp(c, v) && !on_cp(a, v) : on_cp(a, v) && !on_cp(c, v);
		if (in)
			bt_jw_str(w, node_id(a, v));
	}
	bt_jw_arr_end(w);
}

/* Milestone k of both forecasts and the change. */
static void put_ms_change(bt_jsonw *w, const char *key, const struct baton_forecast *a,
			  const struct baton_forecast *c, uint32_t k)
{
	const bt_fc_ms *x = &a->ms[k], *y = &c->ms[k];
	if (key)
		bt_jw_key(w, key);
	bt_jw_obj(w);
	bt_jw_kstr(w, "id", x->id);
	jdate(w, "commit", x->commit);
	put_side(w, "base", a, x);
	put_side(w, "scenario", c, y);
	bt_jw_key(w, "change");
	bt_jw_obj(w);
	bt_jw_kint(w, "p50_days", y->q[1] - x->q[1]);
	bt_jw_kint(w, "p85_days", y->q[3] - x->q[3]);
	if (x->chance < 0)
		bt_jw_knull(w, "chance");
	else
		jreal(w, "chance", y->chance - x->chance, 1e-4);
	bt_jw_obj_end(w);
	bt_jw_obj_end(w);
}

int bt_render_whatif_json(bt_buf *b, const struct baton_forecast *a, const struct baton_forecast *c)
{
	const bt_plan *p = a->plan;
	const bt_scenario *sc = c->scen;
	bt_jsonw jw, *w = &jw;
	jopen(w, b);
	put_head(w, a);
	bt_jw_key(w, "scenario");
	bt_jw_obj(w);
	bt_jw_kstr(w, "id", sc ? sc->id : NULL);
	bt_jw_kstr(w, "title", sc ? sc->title : NULL);
	bt_jw_key(w, "items");
	bt_jw_arr(w);
	for (uint32_t k = 0; sc && k < sc->nitem; k++) {
		const bt_scen_item *it = &p->scen_items.v[sc->item0 + k];
		bt_jw_strn(w, p->src.text + it->start, it->end - it->start);
	}
	bt_jw_arr_end(w);
	bt_jw_obj_end(w);
	/* The program end before the other milestones, where it has always been. */
	put_ms_change(w, "end", a, c, a->nm1 - 1);
	bt_jw_key(w, "milestones");
	bt_jw_arr(w);
	for (uint32_t k = 0; k + 1 < a->nm1; k++)
		put_ms_change(w, NULL, a, c, k);
	bt_jw_arr_end(w);
	bt_jw_key(w, "critical_path");
	bt_jw_obj(w);
	put_cp_ids(w, "base", a, c, 0);
	put_cp_ids(w, "scenario", a, c, 1);
	put_cp_ids(w, "joined", a, c, 2);
	put_cp_ids(w, "left", a, c, 3);
	bt_jw_obj_end(w);
	bt_jw_key(w, "criticality");
	bt_jw_arr(w);
	for (uint32_t v = 0; v < a->net.nt; v++) {
		if (!crit_moved(a, c, v))
			continue;
		bt_jw_obj(w);
		bt_jw_kstr(w, "id", p->tasks.v[v].id);
		jreal(w, "base", (double)a->res.crit[v] / (double)a->res.runs, 1e-4);
		jreal(w, "scenario", (double)c->res.crit[v] / (double)c->res.runs, 1e-4);
		bt_jw_obj_end(w);
	}
	bt_jw_arr_end(w);
	return jclose(w);
}
