/*
 * render_diff.c: `baton diff` as terminal text, Markdown (for a pull
 * request) and JSON. Prints what diff.c found; computes nothing but
 * formatting.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "diff.h"
#include "jsonw.h"
#include "table.h"

static const char *const sec_name[BT_DS_N] = {
	"Scope and staffing", "Estimates", "Links and constraints", "Commitments", "Risks",
	"Decisions", "Status", "Teams, capacity and calendars", "Other",
};
static const char *const sec_key[BT_DS_N] = {
	"scope", "estimates", "links", "commitments", "risks", "decisions", "status", "calendar", "other",
};
static const char *const op_name[] = {"added", "removed", "changed"};

const char *bt_dsec_name(int sec)
{
	return sec >= 0 && sec < BT_DS_N ? sec_name[sec] : "Other";
}

static const char *ds(bt_date d, char b[11])
{
	if (d == BT_DATE_NONE)
		return "-";
	bt_date_format(d, b);
	return b;
}

static const char *plan_name(const bt_plan *p)
{
	return p->src.name ? p->src.name : "-";
}

/*============================== Text ==============================*/

static void change_line(bt_buf *b, const bt_dchange *c, int md, int color)
{
	static const char mark[] = "+-~";
	static const char *const col[] = {"\033[32m", "\033[31m", "\033[33m"};
	const char *ar = md ? " → " : " -> ";
	int on = color && !md;
	if (md)
		bt_buf_printf(b, "- %s %s `%s`", op_name[c->op % 3], c->kind, c->id);
	else
		bt_buf_printf(b, "  %s%c %s %s", on ? col[c->op % 3] : "", mark[c->op % 3], c->kind, c->id);
	if (c->field)
		bt_buf_printf(b, " %s", c->field);
	switch (c->op) {
	case BT_DO_ADDED:
		if (c->to && *c->to)
			bt_buf_printf(b, ": %s", c->to);
		break;
	case BT_DO_REMOVED:
		if (c->from && *c->from)
			bt_buf_printf(b, ": %s", c->from);
		break;
	default:
		bt_buf_printf(b, ": %s%s%s", c->from ? c->from : "none", ar, c->to ? c->to : "none");
	}
	bt_buf_puts(b, on ? "\033[0m\n" : "\n");
}

static const char *date_cell(bt_arena *a, bt_date o, bt_date n, int have, int32_t d, const char *ar)
{
	char x[11], y[11];
	if (o == n)
		return bt_arena_printf(a, "%s", ds(n, y));
	if (!have)
		return bt_arena_printf(a, "%s%s%s", ds(o, x), ar, ds(n, y));
	return bt_arena_printf(a, "%s%s%s (%+d)", ds(o, x), ar, ds(n, y), d);
}

static const char *chance_cell(bt_arena *a, const bt_dms *m, const char *ar)
{
	char x[8], y[8];
	int ho = m->o && bt_as_has_chance(m->o), hn = m->n && bt_as_has_chance(m->n);
	bt_fmt_chance(x, sizeof x, ho ? m->o->fc.chance : -1);
	bt_fmt_chance(y, sizeof y, hn ? m->n->fc.chance : -1);
	if (!m->o || !m->n)
		return bt_arena_printf(a, "%s", m->o ? x : y);
	if (m->have_chance && m->d_chance != 0.0) {
		/* Whole points as whatif shows them; a move under half a point
		 * with two decimals rather than a "+0" that reads as none. */
		long pts = lround(m->d_chance * 100.0);
		return pts ? bt_arena_printf(a, "%s%s%s (%+ld pts)", x, ar, y, pts)
			   : bt_arena_printf(a, "%s%s%s (%+.2f pts)", x, ar, y, m->d_chance * 100.0);
	}
	if (ho != hn)
		return bt_arena_printf(a, "%s%s%s", x, ar, y);
	return bt_arena_printf(a, "%s", y);
}

static const char *rag_s(const bt_as_ms *m)
{
	return m->rag == BT_RAG_NONE ? "-" : bt_rag_name(m->rag);
}

static void ms_table(bt_buf *b, const bt_diff *d, bt_arena *ar, int md, int color)
{
	const char *to = md ? " → " : " -> ";
	bt_table t;
	bt_table_init(&t, ar, "MILESTONE COMMIT PLANNED P50 P85 CHANCE RAG");
	for (uint32_t k = 0; k < d->nms; k++) {
		const bt_dms *m = &d->ms[k];
		const bt_as_ms *one = m->o && m->n ? NULL : m->o ? m->o : m->n;
		const char *style = NULL;
		if (color && m->moved && m->o && m->n)
			style = m->n->rag > m->o->rag || m->d_p50 > 0 ? "\033[31m" : "\033[32m";
		bt_table_row(&t, style);
		bt_table_cell(&t, "%s%s%s%s", md && !m->program ? "`" : "", m->program ? "program end" : m->id,
			      md && !m->program ? "`" : "",
			      !m->o ? " (added)" : !m->n ? " (removed)" : "");
		char x[11];
		if (one) {
			bt_table_cell(&t, "%s", ds(one->commit, x));
			bt_table_cell(&t, "%s", ds(one->planned, x));
			bt_table_cell(&t, "%s", ds(one->p50, x));
			bt_table_cell(&t, "%s", ds(one->p85, x));
			bt_table_cell(&t, "%s", chance_cell(ar, m, to));
			bt_table_cell(&t, "%s", rag_s(one));
			continue;
		}
		bt_table_cell(&t, "%s", date_cell(ar, m->o->commit, m->n->commit, m->have_commit, m->d_commit, to));
		bt_table_cell(&t, "%s", date_cell(ar, m->o->planned, m->n->planned, m->have_planned, m->d_planned, to));
		bt_table_cell(&t, "%s", date_cell(ar, m->o->p50, m->n->p50, m->have_p50, m->d_p50, to));
		bt_table_cell(&t, "%s", date_cell(ar, m->o->p85, m->n->p85, m->have_p85, m->d_p85, to));
		bt_table_cell(&t, "%s", chance_cell(ar, m, to));
		if (m->o->rag != m->n->rag)
			bt_table_cell(&t, "%s%s%s", rag_s(m->o), to, rag_s(m->n));
		else
			bt_table_cell(&t, "%s", rag_s(m->n));
	}
	if (md)
		bt_table_md(b, &t);
	else
		bt_table_term(b, &t, color, "");
	if (t.oom)
		b->oom = 1;
	bt_table_release(&t);
}

static void render_text(bt_buf *b, const bt_diff *d, int md, int color)
{
	const bt_assessment *ao = d->ao, *an = d->an;
	bt_arena ar = BT_ARENA_INIT;
	const char *to = md ? " → " : " -> ";
	if (md)
		bt_buf_printf(b, "### baton diff: `%s`%s`%s`\n\n", plan_name(d->po), to, plan_name(d->pn));
	else
		bt_buf_printf(b, "baton diff %s%s%s\n", plan_name(d->po), to, plan_name(d->pn));
	const char *pid = d->pn->prog.id ? d->pn->prog.id : "?";
	if (!strcmp(ao->as_of_s, an->as_of_s))
		bt_buf_printf(b, "Program %s, as of %s", pid, *an->as_of_s ? an->as_of_s : "the start");
	else
		bt_buf_printf(b, "Program %s, as of %s%s%s (each plan's latest status)", pid,
			      *ao->as_of_s ? ao->as_of_s : "the start", to, *an->as_of_s ? an->as_of_s : "the start");
	if (an->runs)
		bt_buf_printf(b, "; forecasts of %ld runs, seed %llu, on both sides.\n", an->runs,
			      (unsigned long long)an->seed);
	else
		bt_buf_puts(b, "; no forecast (RAG from the schedule's slack).\n");

	/* The effect first: it is what a reviewer asks about; the edit
	 * behind it follows. */
	if (md)
		bt_buf_puts(b, "\n#### Effect on the commitments\n\n");
	else
		bt_buf_puts(b, "\nEffect on the commitments:\n");
	if (!d->nmoved)
		bt_buf_puts(b, md ? "The forecast is unchanged.\n\n" : "The forecast is unchanged.\n");
	ms_table(b, d, &ar, md, color);
	if (d->nmoved)
		bt_buf_printf(b, "\n%u of %u commitment%s moved; changes in working days (dates) and percentage points (chance).\n",
			      d->nmoved, d->nms, d->nms == 1 ? "" : "s");
	if (!d->ch.n) {
		bt_buf_puts(b, "\nNo changes to the plan.\n");
	} else {
		bt_buf_printf(b, md ? "\n#### Changes to the plan (%u)\n" : "\nChanges to the plan (%u):\n", d->ch.n);
		for (int s = 0; s < BT_DS_N; s++) {
			int head = 0;
			for (uint32_t i = 0; i < d->ch.n; i++) {
				const bt_dchange *c = &d->ch.v[i];
				if (c->sec != s)
					continue;
				if (!head)
					bt_buf_printf(b, md ? "\n**%s**\n\n" : "%s\n", sec_name[s]);
				head = 1;
				change_line(b, c, md, color);
			}
		}
	}
	if (ar.failed)
		b->oom = 1;
	bt_arena_release(&ar);
}

/*============================== JSON ==============================*/

/* Written through the streaming writer (jsonw.h), reals at 10 digits as
 * jansson's JSON_REAL_PRECISION(10) printed them. */

static void jd(bt_jsonw *w, const char *k, bt_date d)
{
	char b[11];
	if (d == BT_DATE_NONE) {
		bt_jw_knull(w, k);
		return;
	}
	bt_date_format(d, b);
	bt_jw_kstr(w, k, b);
}

static void jside(bt_jsonw *w, const char *k, const bt_diff *d, int newer)
{
	const bt_plan *p = newer ? d->pn : d->po;
	const bt_assessment *a = newer ? d->an : d->ao;
	bt_jw_key(w, k);
	bt_jw_obj(w);
	bt_jw_kstr(w, "file", p->src.name);
	bt_jw_kstr(w, "program", p->prog.id);
	bt_jw_kstr(w, "as_of", *a->as_of_s ? a->as_of_s : NULL);
	bt_jw_kbool(w, "levelled", a->sched->levelled);
	bt_jw_kstr(w, "rag", bt_rag_name(a->rag));
	bt_jw_obj_end(w);
}

static void jfig(bt_jsonw *w, const char *k, const bt_as_ms *m)
{
	if (!m) {
		bt_jw_knull(w, k);
		return;
	}
	bt_jw_key(w, k);
	bt_jw_obj(w);
	jd(w, "commit", m->commit);
	jd(w, "planned", m->planned);
	jd(w, "p50", m->p50);
	jd(w, "p85", m->p85);
	if (bt_as_has_chance(m))
		bt_jw_kreal(w, "chance", bt_round_share(m->fc.chance));
	else
		bt_jw_knull(w, "chance");
	bt_jw_kstr(w, "rag", m->rag == BT_RAG_NONE ? NULL : bt_rag_name(m->rag));
	bt_jw_obj_end(w);
}

/* A whole number of days, or null when the side has none. */
static void jdays(bt_jsonw *w, const char *k, int have, int32_t days)
{
	if (have)
		bt_jw_kint(w, k, days);
	else
		bt_jw_knull(w, k);
}

static void jms(bt_jsonw *w, const char *k, const bt_dms *m)
{
	if (k)
		bt_jw_key(w, k);
	bt_jw_obj(w);
	bt_jw_kstr(w, "id", m->id);
	bt_jw_kstr(w, "title", m->title);
	bt_jw_kstr(w, "change", !m->o ? "added" : !m->n ? "removed" : m->moved ? "moved" : "same");
	jfig(w, "old", m->o);
	jfig(w, "new", m->n);
	bt_jw_key(w, "delta");
	bt_jw_obj(w);
	jdays(w, "commit_days", m->have_commit, m->d_commit);
	jdays(w, "planned_days", m->have_planned, m->d_planned);
	jdays(w, "p50_days", m->have_p50, m->d_p50);
	jdays(w, "p85_days", m->have_p85, m->d_p85);
	if (m->have_chance)
		bt_jw_kreal(w, "chance", m->d_chance);
	else
		bt_jw_knull(w, "chance");
	bt_jw_obj_end(w);
	bt_jw_obj_end(w);
}

static int render_json(bt_buf *b, const bt_diff *d)
{
	bt_jsonw jw, *w = &jw;
	bt_jw_init(w, b, 2);
	bt_jw_precision(w, 10);
	bt_jw_obj(w);
	bt_jw_schema(w);
	jside(w, "old", d, 0);
	jside(w, "new", d, 1);
	bt_jw_kint(w, "runs", d->an->runs);
	if (d->an->runs)
		bt_jw_kint(w, "seed", (int64_t)d->an->seed);
	else
		bt_jw_knull(w, "seed");
	bt_jw_kbool(w, "changed", d->ch.n || d->nmoved);
	bt_jw_key(w, "changes");
	bt_jw_arr(w);
	for (int s = 0; s < BT_DS_N; s++)
		for (uint32_t i = 0; i < d->ch.n; i++) {
			const bt_dchange *c = &d->ch.v[i];
			if (c->sec != s)
				continue;
			bt_jw_obj(w);
			bt_jw_kstr(w, "section", sec_key[s]);
			bt_jw_kstr(w, "change", op_name[c->op % 3]);
			bt_jw_kstr(w, "kind", c->kind);
			bt_jw_kstr(w, "id", c->id);
			bt_jw_kstr(w, "field", c->field);
			bt_jw_kstr(w, "from", c->from);
			bt_jw_kstr(w, "to", c->to);
			bt_jw_obj_end(w);
		}
	bt_jw_arr_end(w);
	bt_jw_key(w, "milestones");
	bt_jw_arr(w);
	for (uint32_t k = 0; k < d->nms; k++)
		if (!d->ms[k].program)
			jms(w, NULL, &d->ms[k]);
	bt_jw_arr_end(w);
	for (uint32_t k = 0; k < d->nms; k++)
		if (d->ms[k].program) {
			jms(w, "program_end", &d->ms[k]);
			break;
		}
	bt_jw_kint(w, "moved", d->nmoved);
	bt_jw_obj_end(w);
	bt_buf_putc(b, '\n');
	return bt_jw_finish(w);
}

int bt_render_diff(bt_buf *b, const bt_diff *d, int fmt, int color)
{
	if (fmt == 2)
		return render_json(b, d);
	render_text(b, d, fmt == 1, color);
	return b->oom ? -1 : 0;
}
