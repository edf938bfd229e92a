/*
 * status.c: the public face of the assess stage: baton_assess schedules a
 * plan, finds the previous update (a recorded one handed in as JSON, or
 * the plan's previous status block) and assesses; baton_assessment_render
 * hands the result to render_status.c.
 */
#include <string.h>

#include "api.h"
#include "assess.h"
#include "calibrate.h"
#include "forecast.h"
#include "recover.h"
#include "history.h"

/* The latest status block strictly before `as_of`. */
static bt_date previous_block(const bt_plan *p, bt_date as_of)
{
	bt_date best = BT_DATE_NONE;
	for (uint32_t i = 0; i < p->statuses.n; i++) {
		bt_date d = p->statuses.v[i].date;
		if (d < as_of && (best == BT_DATE_NONE || d > best))
			best = d;
	}
	return best;
}

/* A commitment the update proposes options for: red, not yet reached,
 * committed, and not the same item as another row (the program's end). */
static int wants_options(const bt_as_ms *m)
{
	return m->rag == BT_RAG_RED && !m->reached && m->commit != BT_DATE_NONE && m->same_as == BT_NONE;
}

/* The best recovery options of each red commitment, on a budget that
 * does not depend on the machine (candidate sets, not seconds). Returns 0,
 * or -1 when memory runs out. */
static int add_options(baton_plan *p, bt_assessment *a, const baton_status_opts *o, long runs)
{
	/* No more runs than the status itself was given. */
	a->options_runs = runs < 500 ? runs : 500;
	/* Two options for a red commitment, one each when more than two
	 * are red: the update stays short enough to scan. */
	uint32_t nred = 0;
	for (uint32_t k = 0; k < a->nms; k++)
		if (wants_options(&a->ms[k]))
			nred++;
	uint32_t each = nred > 2 ? 1 : 2;
	/* ... and half the search each then, so a program with many red
	 * commitments still gets its update in a few seconds. */
	int sets = nred > 2 ? 6 : 12;
	for (uint32_t k = 0; k < a->nms; k++) {
		const bt_as_ms *m = &a->ms[k];
		if (!wants_options(m))
			continue;
		baton_recover_opts ro = BATON_RECOVER_OPTS_INIT;
		ro.as_of = o->as_of;
		ro.under = o->scenario;
		ro.milestone = m->idx == BT_NONE ? "program" : m->id;
		ro.runs = a->options_runs;
		ro.seed = o->forecast_seed;
		ro.time_limit = 3600;
		ro.max_options = (int)each;
		ro.max_sets = sets;
		const char *err = NULL;
		bt_recovery *r = bt_recover(p, &ro, &err);
		if (!r) {
			if (err && !strcmp(err, "out of memory"))
				return -1;
			continue;
		}
		for (uint32_t i = 0; i <= r->opts.n && i <= each; i++) {
			bt_as_option *x = BT_VEC_PUSH(a->options);
			if (!x) {
				bt_recovery_free(r);
				return -1;
			}
			x->ms = k;
			x->move_to = BT_DATE_NONE;
			if (i == r->opts.n || i == each) {
				/* Last: the date the plan as it is reaches the target. */
				x->move_to = r->move_date;
				if (r->move_date == BT_DATE_NONE)
					a->options.n--;
				break;
			}
			const bt_rc_option *op = &r->opts.v[i];
			bt_buf b = BT_BUF_INIT;
			for (uint32_t j = 0; j < op->n; j++)
				bt_buf_printf(&b, "%s%s", j ? " + " : "", r->cands.v[op->ix[j]].text);
			if (op->nside) {
				bt_buf_puts(&b, ", at the expense of ");
				bt_recovery_side_text(r, i, &b);
			}
			x->what = b.oom ? NULL : bt_arena_strndup(&a->arena, b.s, b.len);
			bt_buf_release(&b);
			if (!x->what) {
				bt_recovery_free(r);
				return -1;
			}
			x->chance = op->chance;
			x->base = r->base_chance;
			x->p85 = op->p85;
			x->base_p85 = r->base_p85;
			x->reaches = op->chance >= r->goal;
		}
		bt_recovery_free(r);
	}
	return 0;
}

bt_assessment *bt_assess_plan(baton_plan *p, const baton_status_opts *o, const char **err,
			      struct baton_forecast **keep)
{
	baton_status_opts def = BATON_STATUS_OPTS_INIT;
	if (keep)
		*keep = NULL;
	const char *dummy;
	if (!o)
		o = &def;
	if (!err)
		err = &dummy;
	baton_schedule_opts so = BATON_SCHEDULE_OPTS_INIT;
	so.as_of = o->as_of;
	so.level = o->level;
	so.seed = o->seed;
	so.schedules = o->schedules;
	so.scenario = o->scenario;
	baton_schedule *s = bt_schedule_compute(p, &so, err);
	if (!s)
		return NULL;
	bt_arena own = BT_ARENA_INIT;
	bt_prev prev;
	int have = 0;
	/* The previous update. A record that cannot be read or is not a
	 * status, or a previous block that cannot be scheduled, leaves the
	 * next in line (the block; no changes); running out of memory on
	 * the way fails, since "no earlier update" would then be a wrong
	 * answer, not a missing one. */
	if (o->history && s->net.as_of != BT_DATE_NONE) {
		char ds[11], *json = NULL;
		long rid = 0;
		bt_date_format(s->net.as_of, ds);
		int rc = bt_history_last(o->history, p->prog.id, ds, &rid, &json);
		if (rc > 0) {
			rc = bt_prev_from_json(&prev, p, json, &own);
			bt_free(json);
			if (rc == 0 && prev.as_of != BT_DATE_NONE) {
				prev.from_record = 1;
				prev.record_id = rid;
				have = 1;
			}
		}
		if (rc == -2)
			goto oom;
	}
	if (!have && s->net.as_of != BT_DATE_NONE) {
		bt_date d = previous_block(p, s->net.as_of);
		if (d != BT_DATE_NONE) {
			char ds[11];
			bt_date_format(d, ds);
			baton_schedule_opts po = so;
			po.as_of = ds;
			const char *perr = NULL;
			baton_schedule *ps = bt_schedule_compute(p, &po, &perr);
			bt_assessment *pa = ps ? bt_assess(ps, NULL, NULL) : NULL;
			int ok = pa && bt_prev_from_assessment(&prev, pa, &own) == 0;
			int no_mem = !ok && (ps || (perr && !strcmp(perr, "out of memory")));
			bt_assess_free(pa);
			baton_schedule_free(ps);
			/* That schedule set the commitments of the previous
			 * update; this one judges by those in force now. */
			bt_plan_commits_as_of(p, s->net.as_of);
			if (no_mem)
				goto oom;
			have = ok;
		}
	}
	/* The forecast: P50, P85 and the chance per commitment; levelled in
	 * every run when the schedule is levelled. */
	bt_ms_forecast *fc = NULL;
	bt_calib_team *calib = NULL;
	long runs = 0, ncalib = 0;
	if (o->runs >= 0) {
		baton_forecast_opts fo = BATON_FORECAST_OPTS_INIT;
		fo.as_of = o->as_of;
		fo.runs = o->runs;
		fo.seed = o->forecast_seed;
		fo.level = s->levelled;
		fo.scenario = o->scenario;
		fo.calibrate = o->calibrate;
		baton_forecast *f = bt_forecast_compute(p, &fo, err);
		if (!f) {
			bt_arena_release(&own);
			baton_schedule_free(s);
			return NULL;
		}
		fc = bt_arena_zalloc(&own, sizeof(bt_ms_forecast) * f->nm1);
		for (uint32_t k = 0; fc && k < f->nm1; k++) {
			const bt_fc_ms *m = &f->ms[k];
			fc[k].have = 1;
			fc[k].chance = m->commit != BT_DATE_NONE ? m->chance : -1;
			fc[k].chance0 = m->commit0 != BT_DATE_NONE ? m->chance0 : -1;
			fc[k].p50 = m->q[1];
			fc[k].p85 = m->q[3];
			/* The driver that moves this date most, for the cause the
			 * headline names: the risk that adds the most working
			 * days (half a day or more), else the top-ranked one. */
			uint32_t nd = f->res.ndriver ? f->res.ndriver[k] : 0;
			const bt_sim_driver *dv = nd ? &f->res.drivers[(size_t)k * f->res.ndrivers] : NULL;
			for (uint32_t i = 0; i < nd; i++) {
				const bt_sim_driver *e = &f->res.drivers[(size_t)k * f->res.ndrivers + i];
				if (e->is_risk && e->days >= 0.5 && (!dv->is_risk || dv->days < 0.5 || e->days > dv->days))
					dv = e;
			}
			if (dv) {
				const bt_sim_driver *d = dv;
				fc[k].has_driver = 1;
				fc[k].driver_risk = d->is_risk;
				fc[k].driver = d->idx;
				fc[k].driver_days = d->days;
				fc[k].driver_crit = d->crit;
			}
		}
		runs = f->res.runs;
		/* The forecast may go: keep what the renderers say of it. */
		if (fc && f->calib) {
			calib = bt_arena_alloc(&own, sizeof(*calib) * ((size_t)f->ncalib + 1));
			if (calib) {
				memcpy(calib, f->calib, sizeof(*calib) * (size_t)f->ncalib);
				ncalib = f->ncalib;
			} else {
				fc = NULL;
			}
		}
		if (keep)
			*keep = f;
		else
			baton_forecast_free(f);
		if (!fc) {
			if (keep) {
				baton_forecast_free(*keep);
				*keep = NULL;
			}
			bt_arena_release(&own);
			baton_schedule_free(s);
			*err = "out of memory";
			return NULL;
		}
	}
	bt_assessment *a = bt_assess(s, fc, have ? &prev : NULL);
	if (!a) {
		if (keep) {
			baton_forecast_free(*keep);
			*keep = NULL;
		}
		goto oom;
	}
	a->own_sched = s;
	a->own = own;
	a->runs = runs;
	a->calib = calib;
	a->ncalib = ncalib;
	a->seed = runs ? o->forecast_seed : 0;
	if (a->as_of != BT_DATE_NONE)
		bt_date_format(a->as_of, a->as_of_s);
	if (o->options && runs > 0 && !o->scenario && add_options(p, a, o, runs)) {
		bt_assess_free(a);
		*err = "out of memory";
		return NULL;
	}
	return a;
oom:
	bt_arena_release(&own);
	baton_schedule_free(s);
	*err = "out of memory";
	return NULL;
}

void baton_assessment_free(baton_assessment *a)
{
	bt_assess_free(a);
}

const char *baton_assessment_rag(const baton_assessment *a)
{
	return bt_rag_name(a->rag);
}

const char *baton_assessment_as_of(const baton_assessment *a)
{
	return a->as_of_s;
}

char *baton_assessment_render(const baton_assessment *a, enum baton_report what, enum baton_format fmt,
			      enum baton_audience aud, unsigned flags)
{
	bt_buf b = BT_BUF_INIT;
	int f = fmt == BATON_FORMAT_JSON ? 2 : fmt == BATON_FORMAT_MARKDOWN ? 1 : 0;
	int color = (flags & BATON_RENDER_COLOR) != 0, rc;
	int au = aud == BATON_FOR_EXEC ? BT_AUD_EXEC : aud == BATON_FOR_ENG ? BT_AUD_ENG
		 : aud == BATON_FOR_PM ? BT_AUD_PM : BT_AUD_ALL;
	switch (what) {
	case BATON_REPORT_RISKS: rc = bt_render_risks(&b, a, f, color); break;
	case BATON_REPORT_DECISIONS: rc = bt_render_decisions(&b, a, f, color); break;
	case BATON_REPORT_AGENDA: rc = bt_render_agenda(&b, a, f, color); break;
	default: rc = bt_render_status(&b, a, f, au, color); break;
	}
	if (rc) {
		bt_buf_release(&b);
		return NULL;
	}
	return bt_buf_detach(&b, NULL);
}

const char *baton_plan_program(const baton_plan *p)
{
	return p->prog.id;
}
