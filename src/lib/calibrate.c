/*
 * calibrate.c: how past forecasts and estimates turned out. The teams'
 * estimate bias (read from the plan's status blocks, through the network)
 * and the reached milestones' recorded forecasts (read from the history)
 * are computed here once; render_calibration.c formats them.
 */
#include <jansson.h>
#include <math.h>
#include <string.h>

#include "api.h"
#include "calibrate.h"
#include "calibration.h"
#include "scenario.h"
#include "schedule.h"

long bt_calib_teams(const bt_plan *p, const bt_net *net, bt_arena *a, bt_calib_team **out)
{
	uint32_t nteam = p->teams.n;
	bt_calib_team *t = bt_arena_zalloc(a, sizeof(*t) * ((size_t)nteam + 1));
	double *sum = bt_arena_zalloc(a, sizeof(double) * ((size_t)nteam + 1) * 2);
	if (!t || !sum)
		return -1;
	double *sum2 = sum + nteam + 1;
	/* Only a task whose start was reported has an actual duration: a
	 * `done` alone puts the start one likely estimate earlier, a ratio
	 * of exactly 1 that would pull every bias towards none. */
	uint8_t *seen = bt_arena_zalloc(a, (size_t)net->nt + 1);
	if (!seen)
		return -1;
	for (uint32_t s = 0; s < p->statuses.n; s++) {
		const bt_status *st = &p->statuses.v[s];
		if (net->as_of != BT_DATE_NONE && st->date > net->as_of)
			continue;
		for (uint32_t e = st->entry0; e < st->entry0 + st->nentry; e++) {
			const bt_entry *en = &p->entries.v[e];
			if (en->kind == BT_E_STARTED && en->task.idx < net->nt && en->task.kind == BT_K_TASK)
				seen[en->task.idx] = 1;
		}
	}
	for (uint32_t k = 0; k < nteam; k++) {
		t[k].id = p->teams.v[k].id;
		t[k].bias = t[k].spread = 1.0;
	}
	/* Ratios multiply (a task 2x over and one 2x under cancel), so they
	 * are averaged on the log scale: the geometric mean, which a few
	 * large overruns do not dominate as they do the arithmetic mean of
	 * ratios (Kitchenham et al. 2001; Flyvbjerg 2006 forecasts from the
	 * distribution of actual/estimate ratios of a reference class). */
	for (uint32_t v = 0; v < net->nt; v++) {
		const bt_task *tk = &p->tasks.v[v];
		uint32_t k = tk->team.idx;
		if (net->state[v] != BT_TS_DONE || !seen[v] || k >= nteam || !tk->est.points || tk->est.m <= 0)
			continue;
		int32_t days = bt_wc_days(net, v, net->act_start[v], net->act_finish[v]);
		if (days <= 0)
			continue;
		double r = (double)days / tk->est.m, l = log(r);
		if (!t[k].tasks || r < t[k].lo)
			t[k].lo = r;
		if (!t[k].tasks || r > t[k].hi)
			t[k].hi = r;
		t[k].tasks++;
		sum[k] += l;
		sum2[k] += l * l;
	}
	for (uint32_t k = 0; k < nteam; k++) {
		double n = t[k].tasks;
		if (!t[k].tasks)
			continue;
		double mean = sum[k] / n;
		t[k].bias = exp(mean);
		if (t[k].tasks > 1) {
			double var = (sum2[k] - n * mean * mean) / (n - 1);
			t[k].spread = exp(sqrt(var > 0 ? var : 0));
		}
	}
	*out = t;
	return nteam;
}

void bt_calib_apply(struct bt_scen_fx *fx, const bt_net *net, const bt_plan *p, const bt_calib_team *t)
{
	for (uint32_t v = 0; v < net->nt; v++) {
		uint32_t k = p->tasks.v[v].team.idx;
		if (net->state[v] != BT_TS_DONE && k < p->teams.n && t[k].tasks >= BT_CALIB_MIN)
			fx->scale[v] *= t[k].bias;
	}
}

long bt_calib_applied(const bt_calib_team *t, long nteam)
{
	long n = 0;
	for (long k = 0; k < nteam; k++)
		n += t[k].tasks >= BT_CALIB_MIN;
	return n;
}

void bt_calib_say(bt_buf *b, const bt_calib_team *t, long nteam)
{
	const char *sep = "";
	for (long k = 0; k < nteam; k++) {
		if (t[k].tasks >= BT_CALIB_MIN)
			bt_buf_printf(b, "%s%s \u00d7%.2f from %u tasks", sep, t[k].id, t[k].bias, t[k].tasks);
		else
			bt_buf_printf(b, "%s%s: needs %u more finished task%s", sep, t[k].id,
				      BT_CALIB_MIN - t[k].tasks, BT_CALIB_MIN - t[k].tasks == 1 ? "" : "s");
		sep = "; ";
	}
}

/*======================= Milestones and history ===================*/

struct walk {
	struct baton_calibration *c;
	int oom;
};

static const char *adup(bt_arena *a, const char *s, int *oom)
{
	if (!s)
		return NULL;
	char *d = bt_arena_strndup(a, s, strlen(s));
	if (!d)
		*oom = 1;
	return d;
}

/* One record: every forecast it made of a milestone not yet reached on its
 * status date. */
static int take_record(void *ctx, const char *as_of, const char *json)
{
	struct walk *w = ctx;
	struct baton_calibration *c = w->c;
	json_t *root = bt_json_loadb(json, strlen(json), 0, NULL);
	if (!root)
		return 0; /* a record that is not JSON says nothing (or memory ran out: checked by mark) */
	size_t i;
	json_t *m;
	json_array_foreach(json_object_get(root, "milestones"), i, m) {
		const char *id = json_string_value(json_object_get(m, "id"));
		bt_calib_ms *ms = NULL;
		for (uint32_t k = 0; id && k < c->nms; k++)
			if (!strcmp(c->ms[k].id, id))
				ms = &c->ms[k];
		if (!ms || !ms->reached[0] || strcmp(as_of, ms->reached) >= 0)
			continue;
		if (ms->nfc == ms->capfc) {
			uint32_t cap = ms->capfc ? ms->capfc * 2 : 8;
			bt_calib_fc *nv = bt_arena_alloc(&c->arena, sizeof(*nv) * cap);
			if (!nv) {
				w->oom = 1;
				break;
			}
			if (ms->nfc)
				memcpy(nv, ms->fc, sizeof(*nv) * ms->nfc);
			ms->fc = nv;
			ms->capfc = cap;
		}
		bt_calib_fc *f = &ms->fc[ms->nfc++];
		memset(f, 0, sizeof(*f));
		f->as_of = adup(&c->arena, as_of, &w->oom);
		f->p50 = adup(&c->arena, json_string_value(json_object_get(m, "p50")), &w->oom);
		f->p85 = adup(&c->arena, json_string_value(json_object_get(m, "p85")), &w->oom);
		json_t *ch = json_object_get(m, "chance");
		f->chance = json_is_number(ch) ? json_number_value(ch) : -1.0;
		f->p85_met = f->p85 ? strcmp(f->p85, ms->reached) >= 0 : -1;
		f->p50_met = f->p50 ? strcmp(f->p50, ms->reached) >= 0 : -1;
	}
	json_decref(root);
	return w->oom;
}

baton_calibration *baton_calibration_compute(baton_plan *p, baton_history *h, const char *as_of,
					     baton_error *err)
{
	unsigned long mark = bt_alloc_failures();
	baton_schedule_opts so = BATON_SCHEDULE_OPTS_INIT;
	so.as_of = as_of;
	so.level = 0; /* what happened does not depend on levelling */
	const char *serr = NULL;
	struct baton_calibration *c = bt_calloc(1, sizeof(*c));
	baton_schedule *s = c ? bt_schedule_compute(p, &so, &serr) : NULL;
	if (!s) {
		bt_err_set(err, BATON_ERR_INPUT, c ? serr : NULL);
		bt_free(c);
		return NULL;
	}
	const bt_net *net = &s->net;
	c->program = p->prog.id;
	if (net->as_of != BT_DATE_NONE)
		bt_date_format(net->as_of, c->as_of);
	c->nteam = bt_calib_teams(p, net, &c->arena, &c->teams);
	c->nms = p->milestones.n;
	c->ms = bt_arena_zalloc(&c->arena, sizeof(bt_calib_ms) * ((size_t)c->nms + 1));
	uint8_t *reached = bt_arena_zalloc(&c->arena, (size_t)net->n + 1);
	if (c->nteam < 0 || !c->ms || !reached)
		goto oom;
	/* A milestone is reached when everything before it is: its done
	 * tasks and reached milestones (in topological order, so a
	 * milestone after a milestone sees it decided). Its date is the
	 * schedule's, the last working day of its last prerequisite. */
	for (uint32_t i = 0; i < net->n; i++) {
		uint32_t v = net->topo[i];
		if (v < net->nt) {
			reached[v] = net->state[v] == BT_TS_DONE;
			continue;
		}
		int ok = net->as_of != BT_DATE_NONE;
		for (uint32_t e = net->pred_off[v]; ok && e < net->pred_off[v + 1]; e++)
			ok = reached[net->pred[e]];
		reached[v] = (uint8_t)ok;
	}
	for (uint32_t k = 0; k < c->nms; k++) {
		const bt_milestone *m = &p->milestones.v[k];
		bt_calib_ms *ms = &c->ms[k];
		uint32_t v = net->nt + k;
		ms->id = m->id;
		ms->title = m->title;
		if (m->commit != BT_DATE_NONE)
			bt_date_format(m->commit, ms->commit);
		if (reached[v]) {
			int32_t day = s->cpm.es[v];
			bt_date_format(bt_cal_date(&net->cal, day > 0 ? day - 1 : 0), ms->reached);
		}
	}
	if (h && c->program) {
		struct walk w = {c, 0};
		char *herr = NULL;
		int rc = bt_history_each(h, c->program, take_record, &w, &herr);
		if (rc < 0) {
			bt_err_take(err, BATON_ERR_IO, herr);
			goto fail;
		}
		if (w.oom)
			goto oom;
		c->history = 1;
	}
	if (bt_alloc_failures() != mark)
		goto oom;
	/* The summaries, once, for every renderer. */
	for (uint32_t k = 0; k < c->nms; k++) {
		bt_calib_ms *ms = &c->ms[k];
		if (!ms->reached[0])
			continue;
		c->reached++;
		int met = ms->commit[0] && strcmp(ms->reached, ms->commit) <= 0;
		for (uint32_t j = 0; j < ms->nfc; j++) {
			const bt_calib_fc *f = &ms->fc[j];
			if (f->p85_met >= 0) {
				c->p85_n++;
				c->p85_met += (uint32_t)f->p85_met;
			}
			if (f->p50_met >= 0) {
				c->p50_n++;
				c->p50_met += (uint32_t)f->p50_met;
			}
			if (f->chance >= 0 && ms->commit[0]) {
				double d = f->chance - met;
				c->brier_n++;
				c->brier += d * d;
			}
		}
	}
	if (c->brier_n)
		c->brier /= c->brier_n;
	baton_schedule_free(s);
	return c;
oom:
	bt_err_set(err, BATON_ERR_NOMEM, NULL);
fail:
	baton_schedule_free(s);
	baton_calibration_free(c);
	return NULL;
}

void baton_calibration_free(baton_calibration *c)
{
	if (!c)
		return;
	bt_arena_release(&c->arena);
	bt_free(c);
}
