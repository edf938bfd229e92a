/*
 * render_portfolio.c: the portfolio views (portfolio.h) as text,
 * Markdown, JSON and one HTML page. Everything shown is computed in
 * portfolio_calc.c; this file formats it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "api.h"
#include "jsonw.h"
#include "portfolio.h"
#include "schedule.h"
#include "table.h"

enum { FMT_TEXT, FMT_MD, FMT_JSON, FMT_HTML };

typedef struct pr {
	bt_buf *b;
	const bt_pf_calc *c;
	const bt_portfolio *pf;
	const bt_assessment *a;
	int md, color;
} pr;

static void ds(const pr *r, bt_date d, char out[11])
{
	(void)r;
	if (d == BT_DATE_NONE)
		strcpy(out, "-");
	else
		bt_date_format(d, out);
}

/* The date a milestone day shows as (forecast.c's rule). */
static bt_date day_date(const pr *r, int32_t day)
{
	return bt_cal_date(&r->a->sched->net.cal, day > 0 ? day - 1 : 0);
}

static const char *pct(double p, char out[8])
{
	bt_fmt_chance(out, 8, p);
	return out;
}

static const char *people(int32_t tenths, char out[16])
{
	if (tenths % 10)
		snprintf(out, 16, "%d.%d", tenths / 10, tenths % 10);
	else
		snprintf(out, 16, "%d", tenths / 10);
	return out;
}

static const char *after_dot(const char *id)
{
	const char *d = strchr(id, '.');
	return d ? d + 1 : id;
}

/* A union id without its program prefix. */
static const char *local_id(const pr *r, uint32_t q, const char *id)
{
	size_t n = strlen(r->pf->progs.v[q].id);
	return !strncmp(id, r->pf->progs.v[q].id, n) && id[n] == '.' ? id + n + 1 : after_dot(id);
}

static const char *node_title(const bt_plan *u, uint32_t v)
{
	if (v < u->tasks.n)
		return u->tasks.v[v].title ? u->tasks.v[v].title : u->tasks.v[v].id;
	const bt_milestone *m = &u->milestones.v[v - u->tasks.n];
	return m->title ? m->title : m->id;
}

static const char *team_id(const pr *r, uint32_t pool)
{
	return r->pf->teams.v[r->c->pool[pool].team].id;
}

/* A table as text or Markdown, then released. */
static void table_out(pr *r, bt_table *t)
{
	if (r->md)
		bt_table_md(r->b, t);
	else
		bt_table_term(r->b, t, 0, "  ");
	if (t->oom)
		r->b->oom = 1;
	bt_table_release(t);
}

static const char *S(bt_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static const char *S(bt_arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = bt_arena_vprintf_cut(a, 4096, fmt, ap);
	va_end(ap);
	return s ? s : "";
}

static void header(pr *r)
{
	const bt_portfolio *pf = r->pf;
	char d[11];
	ds(r, pf->as_of, d);
	if (r->md)
		bt_buf_printf(r->b, "## %s — %s\n\n", pf->id, pf->title ? pf->title : pf->id);
	else
		bt_buf_printf(r->b, "Portfolio %s — %s\n", pf->id, pf->title ? pf->title : pf->id);
	bt_buf_printf(r->b, "As of %s (each program at its own status date); %u programs levelled together on %u shared team%s",
		      d, pf->progs.n, r->c->npool, r->c->npool == 1 ? "" : "s");
	if (r->c->f)
		bt_buf_printf(r->b, "; %ld Monte Carlo runs, seed %llu", r->c->runs, (unsigned long long)r->c->seed);
	bt_buf_puts(r->b, ".\n");
	for (uint32_t q = 0; q < pf->progs.n; q++) {
		const bt_pf_row *w = &r->c->row[q];
		if (w->stale_days > BT_STALE_STATUS_DAYS) {
			ds(r, pf->progs.v[q].as_of, d);
			bt_buf_printf(r->b, "%s%s's latest status is %s, %d days older: its open work is planned from then.\n",
				      r->md ? "> " : "", pf->progs.v[q].id, d, (int)w->stale_days);
		}
	}
	bt_buf_putc(r->b, '\n');
}

/* Each program's milestones: the schedule, and with `fc` the forecast. */
static void milestones(pr *r, int fc)
{
	const bt_portfolio *pf = r->pf;
	bt_arena a = {0};
	for (uint32_t q = 0; q < pf->progs.n; q++) {
		const bt_pf_prog *g = &pf->progs.v[q];
		char d[11];
		ds(r, g->as_of, d);
		if (r->md)
			bt_buf_printf(r->b, "### %s — %s\n\nPriority %d; status %s.\n\n", g->id, g->title, (int)g->priority, d);
		else
			bt_buf_printf(r->b, "%s — %s (priority %d; status %s)\n", g->id, g->title, (int)g->priority, d);
		bt_table t;
		bt_table_init(&t, &a, fc ? "MILESTONE COMMIT PLANNED SLACK> P50 P85 CHANCE> RAG"
					 : "MILESTONE COMMIT PLANNED SLACK> RAG");
		for (uint32_t m = g->m0; m < g->m0 + g->nm; m++) {
			const bt_as_ms *ms = &r->a->ms[m];
			char c1[11], c2[11], c3[11], c4[11], p[8];
			ds(r, ms->commit, c1);
			ds(r, ms->planned, c2);
			bt_table_row(&t, NULL);
			bt_table_cell(&t, "%s", m == g->m0 + g->nm - 1 ? "(program end)" : local_id(r, q, ms->id));
			bt_table_cell(&t, "%s", c1);
			bt_table_cell(&t, "%s", c2);
			if (ms->commit == BT_DATE_NONE)
				bt_table_cell(&t, "-");
			else
				bt_table_cell(&t, "%d", (int)ms->slack);
			if (fc) {
				ds(r, ms->fc.have ? ms->p50 : BT_DATE_NONE, c3);
				ds(r, ms->fc.have ? ms->p85 : BT_DATE_NONE, c4);
				bt_table_cell(&t, "%s", c3);
				bt_table_cell(&t, "%s", c4);
				bt_table_cell(&t, "%s", pct(bt_as_has_chance(ms) ? ms->fc.chance : -1, p));
			}
			bt_table_cell(&t, "%s", ms->reached ? "reached" : bt_rag_name(ms->rag));
		}
		table_out(r, &t);
		bt_buf_putc(r->b, '\n');
	}
	bt_arena_release(&a);
}

static void wait_line(pr *r, const bt_pf_wait *w, const char *lead)
{
	const bt_portfolio *pf = r->pf;
	const bt_plan *u = pf->u;
	char need[16], d[11];
	ds(r, bt_cal_date(&r->a->sched->net.cal, w->day), d);
	bt_buf_printf(r->b, "%s%s waits %d working day%s for %s %s of %s held by %s's \"%s\" (from %s",
		      lead, pf->progs.v[w->prog].id, (int)w->days, w->days == 1 ? "" : "s", people(w->need, need),
		      w->need == 10 ? "person" : "people", team_id(r, w->team), pf->progs.v[w->by].id,
		      node_title(u, w->by_task), d);
	if (w->ntask > 1)
		bt_buf_printf(r->b, "; %u of its tasks wait for %s", w->ntask, pf->progs.v[w->by].id);
	bt_buf_printf(r->b, "): %s\n", local_id(r, w->prog, u->tasks.v[w->task].id));
}

static void contention_text(pr *r)
{
	const bt_pf_calc *c = r->c;
	const bt_portfolio *pf = r->pf;
	bt_buf_puts(r->b, r->md ? "### Contention\n\n" : "Contention\n");
	if (!c->npool) {
		bt_buf_puts(r->b, r->md ? "No team has open work from two programs.\n\n" : "  No team has open work from two programs.\n\n");
		return;
	}
	for (uint32_t i = 0; i < c->npool; i++) {
		const bt_pf_pool *pl = &c->pool[i];
		char cap[16];
		int32_t cmax = 0, cmin = INT32_MAX;
		for (uint32_t w = 0; w < pl->nweek; w++) {
			if (pl->week[w].cap > cmax)
				cmax = pl->week[w].cap;
			if (pl->week[w].cap >= 0 && pl->week[w].cap < cmin)
				cmin = pl->week[w].cap;
		}
		bt_buf_printf(r->b, "%s%s (%s people", r->md ? "- **" : "  ", team_id(r, i), people(cmax, cap));
		if (cmin < cmax)
			bt_buf_printf(r->b, ", %s in some weeks", people(cmin, cap));
		bt_buf_printf(r->b, ")%s: ", r->md ? "**" : "");
		if (!pl->nover) {
			bt_buf_printf(r->b, "%u programs, never asked for more than it has.\n", pl->nprog);
		} else {
			bt_buf_printf(r->b, "%u programs ask for more than it has in %u of %u weeks:", pl->nprog, pl->nover,
				      pl->nweek);
			uint32_t shown = 0;
			for (uint32_t w = 0; w < pl->nweek; w++) {
				const bt_pf_week *wk = &pl->week[w];
				if (!wk->over)
					continue;
				if (shown++ == 4) {
					bt_buf_puts(r->b, " ...");
					break;
				}
				char d[11], t1[16], t2[16];
				ds(r, wk->monday, d);
				bt_buf_printf(r->b, " week of %s (%s asked, %s there", d, people(wk->ask_total, t1),
					      people(wk->cap, t2));
				int first = 1;
				for (uint32_t q = 0; q < pf->progs.n; q++) {
					if (!wk->ask[q])
						continue;
					bt_buf_printf(r->b, "%s%s %s", first ? ": " : ", ", pf->progs.v[q].id,
						      people(wk->ask[q], t1));
					first = 0;
				}
				bt_buf_putc(r->b, ')');
				bt_buf_putc(r->b, shown < pl->nover && shown < 4 ? ';' : '.');
			}
			bt_buf_putc(r->b, '\n');
		}
		uint32_t nw = 0;
		for (uint32_t k = 0; k < c->waits.n && nw < 4; k++)
			if (c->waits.v[k].team == i) {
				wait_line(r, &c->waits.v[k], r->md ? "  - " : "    ");
				nw++;
			}
	}
	bt_buf_putc(r->b, '\n');
}

static void status_text(pr *r)
{
	const bt_portfolio *pf = r->pf;
	const bt_pf_calc *c = r->c;
	bt_arena a = {0};
	header(r);
	bt_table t;
	bt_table_init(&t, &a, "PROGRAM RAG COMMIT P50 P85 CHANCE> AT_RISK WAITS> ASK");
	for (uint32_t q = 0; q < pf->progs.n; q++) {
		const bt_pf_row *w = &c->row[q];
		const bt_as_ms *e = &r->a->ms[w->end];
		char c1[11], c2[11], c3[11], p[8];
		ds(r, e->commit, c1);
		ds(r, e->fc.have ? e->p50 : BT_DATE_NONE, c2);
		ds(r, e->fc.have ? e->p85 : BT_DATE_NONE, c3);
		bt_table_row(&t, NULL);
		bt_table_cell(&t, "%s", pf->progs.v[q].id);
		bt_table_cell(&t, "%s", w->rag == BT_RAG_NONE ? "-" : bt_rag_name(w->rag));
		bt_table_cell(&t, "%s", c1);
		bt_table_cell(&t, "%s", c2);
		bt_table_cell(&t, "%s", c3);
		bt_table_cell(&t, "%s", pct(bt_as_has_chance(e) ? e->fc.chance : -1, p));
		if (w->at_risk != BT_NONE) {
			const bt_as_ms *m = &r->a->ms[w->at_risk];
			char d[11];
			ds(r, m->commit, d);
			const char *id = w->at_risk == w->end ? "the end" : local_id(r, q, m->id);
			if (bt_as_has_chance(m))
				bt_table_cell(&t, "%s %s by %s", id, pct(m->fc.chance, p), d);
			else
				bt_table_cell(&t, "%s, %d days of slack to %s", id, (int)m->slack, d);
		} else
			bt_table_cell(&t, "-");
		if (w->wait_days)
			bt_table_cell(&t, "%d", (int)w->wait_days);
		else
			bt_table_cell(&t, "-");
		if (w->ask != BT_NONE) {
			const bt_as_dec *d = &r->a->decs.v[w->ask];
			const bt_decision *pd = &pf->u->decisions.v[d->idx];
			char nb[11];
			ds(r, pd->need_by, nb);
			bt_table_cell(&t, "%s (%s, by %s%s)", d->ask, d->from ? d->from : "?", nb, d->overdue ? ", overdue" : "");
		} else
			bt_table_cell(&t, "-");
	}
	table_out(r, &t);
	bt_buf_puts(r->b, r->md ? "\nCOMMIT, P50, P85, CHANCE: each program's end; AT RISK: its commitment with the lowest chance; WAITS: the longest wait, in working days, of one of its tasks for a shared team another program holds.\n\n"
				: "  COMMIT, P50, P85, CHANCE: each program's end; AT RISK: its commitment with the lowest chance;\n  WAITS: the longest wait, in working days, of one of its tasks for a shared team another program holds.\n\n");
	bt_arena_release(&a);
	contention_text(r);
	if (c->waits.n)
		bt_buf_printf(r->b, "%sbaton portfolio tradeoff %s prices every ordering of the programs and names the ask.\n",
			      r->md ? "Next: " : "Next: ", pf->file);
}

static void order_name(pr *r, bt_buf *b, const bt_pf_order *o)
{
	const bt_portfolio *pf = r->pf;
	if (!o->order) {
		bt_buf_puts(b, "as written (priority");
		for (uint32_t q = 0; q < pf->progs.n; q++)
			bt_buf_printf(b, "%s %d", q ? "," : "", (int)pf->progs.v[q].priority);
		bt_buf_putc(b, ')');
		return;
	}
	for (uint32_t i = 0; i < pf->progs.n; i++)
		bt_buf_printf(b, "%s%s", i ? " > " : "", pf->progs.v[o->order[i]].id);
}

static void ask_text(pr *r)
{
	const bt_pf_calc *c = r->c;
	const bt_portfolio *pf = r->pf;
	const bt_pf_order *cur = &c->ord[0];
	uint32_t w = c->ask_for;
	char p1[8], p2[8];
	if (!c->ask_ord) {
		bt_buf_printf(r->b, "The ask: none. No ordering does more for %s (%s) without costing another program more; keep the priorities as written.\n",
			      pf->progs.v[w].id, pct(cur->chance[w], p1));
		return;
	}
	const bt_pf_order *o = &c->ord[c->ask_ord];
	/* The teams it waits for: what leadership actually gives. */
	bt_buf teams = BT_BUF_INIT;
	for (uint32_t i = 0; i < c->npool; i++) {
		int hit = 0;
		for (uint32_t k = 0; k < c->waits.n; k++)
			hit |= c->waits.v[k].team == i && c->waits.v[k].prog == o->order[0];
		if (hit)
			bt_buf_printf(&teams, "%s%s", teams.len ? " and " : "", team_id(r, i));
	}
	bt_buf_printf(r->b, "The ask: give %s to %s first (then ", teams.len ? teams.s : "the shared teams",
		      pf->progs.v[o->order[0]].id);
	for (uint32_t i = 1; i < pf->progs.n; i++)
		bt_buf_printf(r->b, "%s%s", i > 1 ? ", " : "", pf->progs.v[o->order[i]].id);
	bt_buf_puts(r->b, "): ");
	for (uint32_t i = 0; i < pf->progs.n; i++) {
		uint32_t q = o->order[i];
		bt_buf_printf(r->b, "%s%s %s -> %s", i ? ", " : "", pf->progs.v[q].id, pct(cur->chance[q], p1),
			      pct(o->chance[q], p2));
	}
	bt_buf_puts(r->b, " (chance of meeting each program's end commitment).\n");
	/* Short of the teams' names the ask would name none: a failure. */
	if (teams.oom)
		r->b->oom = 1;
	bt_buf_release(&teams);
}

static void tradeoff_text(pr *r)
{
	const bt_pf_calc *c = r->c;
	const bt_portfolio *pf = r->pf;
	uint32_t np = pf->progs.n, ncol = 2 + np;
	bt_arena a = {0};
	header(r);
	bt_table t;
	bt_table_init(&t, &a, "_ ORDER");
	(void)ncol;
	for (uint32_t q = 0; q < np && t.ncol < BT_TABLE_MAXCOL; q++)
		t.head[t.ncol++] = S(&a, "%s", pf->progs.v[q].id);
	for (uint32_t k = 0; k < c->nord; k++) {
		const bt_pf_order *o = &c->ord[k];
		bt_buf nb = BT_BUF_INIT;
		order_name(r, &nb, o);
		bt_table_row(&t, NULL);
		bt_table_cell(&t, "%s", k == c->ask_ord && k ? "ask" : o->pareto ? "*" : "");
		bt_table_cell(&t, "%s", nb.s);
		if (nb.oom)
			t.oom = 1;
		bt_buf_release(&nb);
		for (uint32_t q = 0; q < np && q + 2 < BT_TABLE_MAXCOL; q++) {
			char d1[11], d2[11], p[8];
			ds(r, day_date(r, o->p50[q]), d1);
			ds(r, day_date(r, o->p85[q]), d2);
			bt_table_cell(&t, "%s / %s, %s", d1, d2, pct(o->chance[q], p));
		}
	}
	if (r->md)
		bt_buf_puts(r->b, "### Trade-off\n\n");
	if (a.failed)
		t.oom = 1;
	table_out(r, &t);
	bt_arena_release(&a);
	bt_buf_printf(r->b, "\n%sEach program's end: P50 / P85, chance of meeting its commitment. * no other ordering does better for every program (the Pareto set). Each row is a %ld-run forecast with the same random numbers; an ordering levels the programs with weights falling steeply from first to last.\n\n",
		      r->md ? "" : "  ", r->c->trade_runs);
	ask_text(r);
}

/*============================== JSON ==============================*/

/* Written through the streaming writer (jsonw.h), reals at 10 digits as
 * jansson's JSON_REAL_PRECISION(10) printed them. */

static void jdate(bt_jsonw *w, const char *k, bt_date d)
{
	if (d == BT_DATE_NONE) {
		bt_jw_knull(w, k);
		return;
	}
	char s[11];
	bt_date_format(d, s);
	bt_jw_kstr(w, k, s);
}

static void jchance(bt_jsonw *w, const char *k, double p)
{
	if (p < 0)
		bt_jw_knull(w, k);
	else
		bt_jw_kreal(w, k, p);
}

static void put_ask(bt_jsonw *w, pr *r, uint32_t q, uint32_t ask)
{
	const bt_portfolio *pf = r->pf;
	if (ask == BT_NONE) {
		bt_jw_knull(w, "ask");
		return;
	}
	const bt_as_dec *d = &r->a->decs.v[ask];
	bt_jw_key(w, "ask");
	bt_jw_obj(w);
	bt_jw_kstr(w, "decision", local_id(r, q, pf->u->decisions.v[d->idx].id));
	bt_jw_kstr(w, "ask", d->ask);
	bt_jw_kstr(w, "from", d->from);
	jdate(w, "need_by", pf->u->decisions.v[d->idx].need_by);
	bt_jw_kbool(w, "overdue", d->overdue);
	bt_jw_obj_end(w);
}

static void put_programs(bt_jsonw *w, pr *r)
{
	const bt_portfolio *pf = r->pf;
	bt_jw_key(w, "programs");
	bt_jw_arr(w);
	for (uint32_t q = 0; q < pf->progs.n; q++) {
		const bt_pf_prog *g = &pf->progs.v[q];
		const bt_pf_row *row = &r->c->row[q];
		bt_jw_obj(w);
		bt_jw_kstr(w, "id", g->id);
		bt_jw_kstr(w, "title", g->title);
		bt_jw_kstr(w, "file", g->path);
		bt_jw_kint(w, "priority", g->priority);
		jdate(w, "as_of", g->as_of);
		bt_jw_kstr(w, "rag", row->rag == BT_RAG_NONE ? "none" : bt_rag_name(row->rag));
		if (row->at_risk == BT_NONE)
			bt_jw_knull(w, "at_risk");
		else
			bt_jw_kstr(w, "at_risk", row->at_risk == row->end ? "end" : local_id(r, q, r->a->ms[row->at_risk].id));
		bt_jw_kint(w, "wait_days", row->wait_days);
		put_ask(w, r, q, row->ask);
		bt_jw_key(w, "milestones");
		bt_jw_arr(w);
		for (uint32_t m = g->m0; m < g->m0 + g->nm; m++) {
			const bt_as_ms *x = &r->a->ms[m];
			bt_jw_obj(w);
			bt_jw_kstr(w, "id", m == row->end ? "end" : local_id(r, q, x->id));
			bt_jw_kstr(w, "title", x->title ? x->title : x->id);
			jdate(w, "commit", x->commit);
			jdate(w, "planned", x->planned);
			if (x->commit == BT_DATE_NONE)
				bt_jw_knull(w, "slack");
			else
				bt_jw_kint(w, "slack", x->slack);
			jdate(w, "p50", x->fc.have ? x->p50 : BT_DATE_NONE);
			jdate(w, "p85", x->fc.have ? x->p85 : BT_DATE_NONE);
			jchance(w, "chance", bt_as_has_chance(x) ? x->fc.chance : -1);
			bt_jw_kstr(w, "rag", bt_rag_name(x->rag));
			bt_jw_kbool(w, "reached", x->reached);
			bt_jw_obj_end(w);
		}
		bt_jw_arr_end(w);
		bt_jw_obj_end(w);
	}
	bt_jw_arr_end(w);
}

/* Each program's people of a week, keyed by program. */
static void put_by_prog(bt_jsonw *w, const char *k, const bt_portfolio *pf, const int32_t *tenths)
{
	bt_jw_key(w, k);
	bt_jw_obj(w);
	for (uint32_t q = 0; q < pf->progs.n; q++)
		bt_jw_kreal(w, pf->progs.v[q].id, tenths[q] / 10.0);
	bt_jw_obj_end(w);
}

static void put_contention(bt_jsonw *w, pr *r)
{
	const bt_pf_calc *c = r->c;
	const bt_portfolio *pf = r->pf;
	bt_jw_key(w, "contention");
	bt_jw_arr(w);
	for (uint32_t i = 0; i < c->npool; i++) {
		const bt_pf_pool *pl = &c->pool[i];
		bt_jw_obj(w);
		bt_jw_kstr(w, "team", team_id(r, i));
		bt_jw_kint(w, "programs", pl->nprog);
		bt_jw_kint(w, "contended_weeks", pl->nover);
		bt_jw_key(w, "weeks");
		bt_jw_arr(w);
		for (uint32_t k = 0; k < pl->nweek; k++) {
			const bt_pf_week *wk = &pl->week[k];
			bt_jw_obj(w);
			jdate(w, "week", wk->monday);
			bt_jw_kreal(w, "capacity", wk->cap / 10.0);
			put_by_prog(w, "asked", pf, wk->ask);
			put_by_prog(w, "held", pf, wk->held);
			bt_jw_kbool(w, "over", wk->over);
			bt_jw_obj_end(w);
		}
		bt_jw_arr_end(w);
		bt_jw_key(w, "waits");
		bt_jw_arr(w);
		for (uint32_t k = 0; k < c->waits.n; k++) {
			const bt_pf_wait *x = &c->waits.v[k];
			if (x->team != i)
				continue;
			bt_jw_obj(w);
			bt_jw_kstr(w, "program", pf->progs.v[x->prog].id);
			bt_jw_kstr(w, "task", local_id(r, x->prog, pf->u->tasks.v[x->task].id));
			bt_jw_kint(w, "days", x->days);
			bt_jw_kreal(w, "people", x->need / 10.0);
			bt_jw_kstr(w, "held_by", pf->progs.v[x->by].id);
			bt_jw_kstr(w, "held_by_task", local_id(r, x->by, pf->u->tasks.v[x->by_task].id));
			jdate(w, "from", bt_cal_date(&r->a->sched->net.cal, x->day));
			bt_jw_kint(w, "tasks", x->ntask);
			bt_jw_obj_end(w);
		}
		bt_jw_arr_end(w);
		bt_jw_obj_end(w);
	}
	bt_jw_arr_end(w);
}

/* Every task's levelled dates and people, for whoever checks the pools
 * (tests/tools/check_portfolio.py). */
static void put_tasks(bt_jsonw *w, pr *r)
{
	const bt_portfolio *pf = r->pf;
	const baton_schedule *s = r->a->sched;
	const bt_plan *u = pf->u;
	bt_jw_key(w, "tasks");
	bt_jw_arr(w);
	for (uint32_t t = 0; t < u->tasks.n && !w->err && !r->b->oom; t++) {
		const bt_task *tk = &u->tasks.v[t];
		uint32_t q = u->parts.of[t];
		char st[11], fi[11];
		bt_sched_dates(s, t, s->work_start[t], s->cpm.ef[t], st, fi);
		bt_jw_obj(w);
		bt_jw_kstr(w, "id", tk->id);
		bt_jw_kstr(w, "program", pf->progs.v[q].id);
		bt_jw_kstr(w, "state", s->net.state[t] == BT_TS_DONE ? "done"
				       : s->net.state[t] == BT_TS_STARTED ? "started" : "planned");
		bt_jw_kstr(w, "start", st);
		bt_jw_kstr(w, "finish", fi);
		bt_jw_kint(w, "days", s->days[t]);
		bt_jw_key(w, "needs");
		bt_jw_obj(w);
		for (uint32_t i = 0; i < tk->nneed; i++) {
			const bt_need *nd = &u->needs.v[tk->need0 + i];
			const char *team = nd->team.name ? nd->team.name : tk->team.name;
			if (team)
				bt_jw_kreal(w, team, nd->count / 10.0);
		}
		if (!tk->nneed && tk->team.name)
			bt_jw_kreal(w, tk->team.name, 1.0);
		bt_jw_obj_end(w);
		bt_jw_obj_end(w);
	}
	bt_jw_arr_end(w);
}

/* Every ordering priced, then the ask in words. Returns -1 when the
 * words ran out of memory (their own buffer, not the writer's). */
static int put_tradeoff(bt_jsonw *w, pr *r)
{
	const bt_pf_calc *c = r->c;
	const bt_portfolio *pf = r->pf;
	bt_jw_key(w, "tradeoff");
	bt_jw_arr(w);
	for (uint32_t k = 0; k < c->nord; k++) {
		const bt_pf_order *o = &c->ord[k];
		bt_jw_obj(w);
		bt_jw_key(w, "order");
		if (o->order) {
			bt_jw_arr(w);
			for (uint32_t i = 0; i < pf->progs.n; i++)
				bt_jw_str(w, pf->progs.v[o->order[i]].id);
			bt_jw_arr_end(w);
		} else {
			bt_jw_null(w);
		}
		bt_jw_key(w, "programs");
		bt_jw_obj(w);
		for (uint32_t q = 0; q < pf->progs.n; q++) {
			bt_jw_key(w, pf->progs.v[q].id);
			bt_jw_obj(w);
			jdate(w, "p50", day_date(r, o->p50[q]));
			jdate(w, "p85", day_date(r, o->p85[q]));
			jchance(w, "chance", o->chance[q]);
			bt_jw_obj_end(w);
		}
		bt_jw_obj_end(w);
		bt_jw_kbool(w, "pareto", o->pareto);
		bt_jw_kbool(w, "ask", k && k == c->ask_ord);
		bt_jw_obj_end(w);
	}
	bt_jw_arr_end(w);
	/* The same words as the text view. */
	bt_buf ab = BT_BUF_INIT;
	pr r2 = *r;
	r2.b = &ab;
	ask_text(&r2);
	if (ab.len && ab.s[ab.len - 1] == '\n')
		ab.s[--ab.len] = 0;
	bt_jw_kstr(w, "ask", ab.s);
	int bad = ab.oom;
	bt_buf_release(&ab);
	return bad ? -1 : 0;
}

static int render_json(pr *r, enum baton_portfolio_view v)
{
	const bt_pf_calc *c = r->c;
	const bt_portfolio *pf = r->pf;
	bt_jsonw jw, *w = &jw;
	int bad = 0;
	bt_jw_init(w, r->b, 2);
	bt_jw_precision(w, 10);
	bt_jw_obj(w);
	bt_jw_schema(w);
	bt_jw_kstr(w, "portfolio", pf->id);
	bt_jw_kstr(w, "title", pf->title ? pf->title : pf->id);
	jdate(w, "as_of", pf->as_of);
	bt_jw_kint(w, "runs", c->f ? c->runs : 0);
	bt_jw_kint(w, "seed", (int64_t)c->seed);
	put_programs(w, r);
	put_contention(w, r);
	if (v == BATON_PF_SCHEDULE || v == BATON_PF_FORECAST)
		put_tasks(w, r);
	if (v == BATON_PF_TRADEOFF && c->ord)
		bad = put_tradeoff(w, r);
	bt_jw_obj_end(w);
	bt_buf_putc(r->b, '\n');
	return bt_jw_finish(w) || bad ? -1 : 0;
}

/*============================== HTML ==============================*/

static void H(pr *r, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': bt_buf_puts(r->b, "&lt;"); break;
		case '>': bt_buf_puts(r->b, "&gt;"); break;
		case '&': bt_buf_puts(r->b, "&amp;"); break;
		case '"': bt_buf_puts(r->b, "&quot;"); break;
		default: bt_buf_putc(r->b, *s);
		}
	}
}

static const char *const prog_color[] = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2",
					 "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};

static void html_tbl(pr *r, const char *const *head, uint32_t ncol, void (*cell)(pr *, uint32_t, uint32_t, void *),
		     uint32_t nrow, void *ud)
{
	bt_buf_puts(r->b, "<table><tr>");
	for (uint32_t j = 0; j < ncol; j++) {
		bt_buf_puts(r->b, "<th>");
		H(r, head[j]);
		bt_buf_puts(r->b, "</th>");
	}
	bt_buf_puts(r->b, "</tr>\n");
	for (uint32_t i = 0; i < nrow; i++) {
		bt_buf_puts(r->b, "<tr>");
		for (uint32_t j = 0; j < ncol; j++) {
			bt_buf_puts(r->b, "<td>");
			cell(r, i, j, ud);
			bt_buf_puts(r->b, "</td>");
		}
		bt_buf_puts(r->b, "</tr>\n");
	}
	bt_buf_puts(r->b, "</table>\n");
}

static void status_cell(pr *r, uint32_t q, uint32_t j, void *ud)
{
	(void)ud;
	const bt_pf_row *w = &r->c->row[q];
	const bt_as_ms *e = &r->a->ms[w->end];
	char d1[11], d2[11], d3[11], p[8];
	switch (j) {
	case 0:
		bt_buf_printf(r->b, "<span class=\"sw\" style=\"background:%s\"></span>", prog_color[q % 10]);
		H(r, r->pf->progs.v[q].id);
		break;
	case 1:
		bt_buf_printf(r->b, "<span class=\"rag %s\">%s</span>", bt_rag_name(w->rag), w->rag == BT_RAG_NONE ? "-" : bt_rag_name(w->rag));
		break;
	case 2:
		ds(r, e->commit, d1);
		ds(r, e->fc.have ? e->p50 : e->planned, d2);
		ds(r, e->p85, d3);
		bt_buf_printf(r->b, "%s; P50 %s, P85 %s; %s", d1, d2, d3, pct(bt_as_has_chance(e) ? e->fc.chance : -1, p));
		break;
	case 3:
		if (w->at_risk == BT_NONE) {
			bt_buf_puts(r->b, "-");
			break;
		}
		H(r, w->at_risk == w->end ? "the end" : local_id(r, q, r->a->ms[w->at_risk].id));
		bt_buf_printf(r->b, " %s", pct(bt_as_has_chance(&r->a->ms[w->at_risk]) ? r->a->ms[w->at_risk].fc.chance : -1, p));
		break;
	case 4:
		if (w->ask == BT_NONE)
			bt_buf_puts(r->b, "-");
		else
			H(r, r->a->decs.v[w->ask].ask);
		break;
	}
}

static void tradeoff_cell(pr *r, uint32_t k, uint32_t j, void *ud)
{
	(void)ud;
	const bt_pf_order *o = &r->c->ord[k];
	if (j == 0) {
		bt_buf_puts(r->b, k && k == r->c->ask_ord ? "ask" : o->pareto ? "*" : "");
		return;
	}
	if (j == 1) {
		bt_buf nb = BT_BUF_INIT;
		order_name(r, &nb, o);
		H(r, nb.s);
		if (nb.oom)
			r->b->oom = 1;
		bt_buf_release(&nb);
		return;
	}
	uint32_t q = j - 2;
	char d1[11], d2[11], p[8];
	ds(r, day_date(r, o->p50[q]), d1);
	ds(r, day_date(r, o->p85[q]), d2);
	bt_buf_printf(r->b, "%s / %s, %s", d1, d2, pct(o->chance[q], p));
}

/* Programs on one timeline: each program's span from its start to its
 * end's P85, its milestones' P50 as diamonds and commits as ticks. */
static void timeline(pr *r)
{
	const bt_portfolio *pf = r->pf;
	bt_date lo = pf->start, hi = lo + 7;
	for (uint32_t m = 0; m < pf->u->milestones.n; m++) {
		const bt_as_ms *x = &r->a->ms[m];
		bt_date d[3] = {x->p85, x->commit, x->planned};
		for (int i = 0; i < 3; i++)
			if (d[i] != BT_DATE_NONE && d[i] > hi)
				hi = d[i];
	}
	double W = 900, L = 160, rowh = 34;
	double H_ = 30 + rowh * pf->progs.n;
	double scale = (W - L - 20) / (double)(hi - lo + 1);
	bt_buf_printf(r->b, "<svg viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" role=\"img\" aria-label=\"programs on one timeline\">\n", W, H_, W);
	for (bt_date d = lo - bt_date_weekday(lo); d <= hi; d += 28) {
		char s[11];
		bt_date_format(d, s);
		double x = L + (d - lo) * scale;
		if (x < L)
			continue;
		bt_buf_printf(r->b, "<line x1=\"%.1f\" y1=\"18\" x2=\"%.1f\" y2=\"%.0f\" stroke=\"#ddd\"/><text x=\"%.1f\" y=\"12\" font-size=\"10\" text-anchor=\"middle\">%s</text>\n",
			      x, x, H_, x, s + 5);
	}
	for (uint32_t q = 0; q < pf->progs.n; q++) {
		const bt_pf_prog *g = &pf->progs.v[q];
		const bt_as_ms *e = &r->a->ms[r->c->row[q].end];
		double y = 24 + rowh * q;
		bt_date end = e->fc.have ? e->p85 : e->planned;
		bt_buf_printf(r->b, "<text x=\"4\" y=\"%.1f\" font-size=\"12\">", y + 15);
		H(r, g->id);
		bt_buf_printf(r->b, "</text><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"10\" rx=\"3\" fill=\"%s\" opacity=\"0.35\"/>\n",
			      L + (g->start - lo) * scale, y + 6, (end - g->start + 1) * scale, prog_color[q % 10]);
		for (uint32_t m = g->m0; m < g->m0 + g->nm; m++) {
			const bt_as_ms *x = &r->a->ms[m];
			bt_date p = x->fc.have ? x->p50 : x->planned;
			double cx = L + (p - lo + 0.5) * scale;
			bt_buf_printf(r->b, "<path d=\"M%.1f %.1f l5 5 l-5 5 l-5 -5z\" fill=\"%s\"><title>", cx, y + 6,
				      x->rag == BT_RAG_RED ? "#c0392b" : x->rag == BT_RAG_AMBER ? "#d68910" : "#1e8449");
			H(r, local_id(r, q, x->id));
			char d1[11], d2[11];
			ds(r, p, d1);
			ds(r, x->commit, d2);
			bt_buf_printf(r->b, ": P50 %s, commit %s</title></path>\n", d1, d2);
			if (x->commit != BT_DATE_NONE)
				bt_buf_printf(r->b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333\" stroke-width=\"2\"/>\n",
					      L + (x->commit - lo + 1) * scale, y + 3, L + (x->commit - lo + 1) * scale, y + 19);
		}
	}
	bt_buf_puts(r->b, "</svg>\n<p class=\"note\">Bars run from each program's start to its end's P85; diamonds are milestones at P50 (coloured by RAG), black ticks their commitments.</p>\n");
}

/* A shared team's load by week: each program's people stacked, the
 * capacity as a line. */
static void load_chart(pr *r, uint32_t i)
{
	const bt_pf_pool *pl = &r->c->pool[i];
	uint32_t np = r->pf->progs.n;
	int32_t top = 10;
	for (uint32_t w = 0; w < pl->nweek; w++) {
		int32_t s = 0;
		for (uint32_t q = 0; q < np; q++)
			s += pl->week[w].held[q];
		if (s > top)
			top = s;
		if (pl->week[w].cap > top)
			top = pl->week[w].cap;
		if (pl->week[w].ask_total > top)
			top = pl->week[w].ask_total;
	}
	double W = 900, Hh = 160, L = 40, bw = (W - L - 10) / (double)(pl->nweek ? pl->nweek : 1);
	double sy = (Hh - 30) / (double)top;
	bt_buf_printf(r->b, "<h3>%s</h3>\n<svg viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" role=\"img\" aria-label=\"load of ", team_id(r, i), W, Hh, W);
	H(r, team_id(r, i));
	bt_buf_puts(r->b, " by week\">\n");
	for (int32_t p = 0; p <= top; p += 10)
		bt_buf_printf(r->b, "<text x=\"%.0f\" y=\"%.1f\" font-size=\"9\" text-anchor=\"end\">%d</text>\n", L - 4, Hh - 20 - p * sy + 3, p / 10);
	for (uint32_t w = 0; w < pl->nweek; w++) {
		const bt_pf_week *wk = &pl->week[w];
		double x = L + w * bw, y = Hh - 20;
		for (uint32_t q = 0; q < np; q++) {
			if (!wk->held[q])
				continue;
			double h = wk->held[q] * sy;
			char pp[16];
			bt_buf_printf(r->b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>", x + 1, y - h, bw - 2, h, prog_color[q % 10]);
			H(r, r->pf->progs.v[q].id);
			char d[11];
			ds(r, wk->monday, d);
			bt_buf_printf(r->b, ", week of %s: %s people</title></rect>\n", d, people(wk->held[q], pp));
			y -= h;
		}
		if (wk->cap >= 0)
			bt_buf_printf(r->b, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#000\" stroke-width=\"2\"/>\n", x, x + bw,
				      Hh - 20 - wk->cap * sy, Hh - 20 - wk->cap * sy);
		if (wk->over)
			bt_buf_printf(r->b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"4\" fill=\"#c0392b\"><title>programs ask for more than the team has</title></rect>\n",
				      x + 1, Hh - 16, bw - 2);
		if (w % 4 == 0) {
			char d[11];
			ds(r, wk->monday, d);
			bt_buf_printf(r->b, "<text x=\"%.1f\" y=\"%.0f\" font-size=\"9\">%s</text>\n", x, Hh - 2, d + 5);
		}
	}
	bt_buf_puts(r->b, "</svg>\n");
}

static int render_html(pr *r)
{
	const bt_portfolio *pf = r->pf;
	bt_buf_puts(r->b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>");
	H(r, pf->title ? pf->title : pf->id);
	bt_buf_puts(r->b, "</title><style>body{font:14px system-ui,sans-serif;margin:24px;color:#222;max-width:960px}"
			  "table{border-collapse:collapse;margin:8px 0}td,th{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}"
			  ".rag{padding:1px 6px;border-radius:8px;color:#fff}.green{background:#1e8449}.amber{background:#d68910}.red{background:#c0392b}.none{background:#999}"
			  ".sw{display:inline-block;width:10px;height:10px;margin-right:6px}.note{color:#666;font-size:12px}</style></head><body>\n<h1>");
	H(r, pf->title ? pf->title : pf->id);
	bt_buf_puts(r->b, "</h1>\n<p>");
	char d[11];
	ds(r, pf->as_of, d);
	bt_buf_printf(r->b, "Portfolio <code>%s</code> as of %s: %u programs levelled together on %u shared teams", pf->id, d, pf->progs.n, r->c->npool);
	if (r->c->f)
		bt_buf_printf(r->b, ", %ld Monte Carlo runs", r->c->runs);
	bt_buf_puts(r->b, ".</p>\n<h2>Programs</h2>\n");
	static const char *const sh[] = {"Program", "RAG", "End: commit; P50, P85; chance", "At risk", "Ask"};
	html_tbl(r, sh, 5, status_cell, pf->progs.n, NULL);
	bt_buf_puts(r->b, "<h2>On one timeline</h2>\n");
	timeline(r);
	bt_buf_puts(r->b, "<h2>Shared teams, load by week</h2>\n<p class=\"note\">Each program's people a day (average over the week) on the levelled dates, stacked; the black line is the team's capacity; a red mark is a week in which the programs' plans, each alone, ask for more than the team has.</p>\n");
	for (uint32_t i = 0; i < r->c->npool; i++) {
		load_chart(r, i);
		bt_buf_puts(r->b, "<ul>\n");
		for (uint32_t k = 0; k < r->c->waits.n; k++)
			if (r->c->waits.v[k].team == i) {
				bt_buf tb = BT_BUF_INIT;
				pr r2 = *r;
				r2.b = &tb;
				wait_line(&r2, &r->c->waits.v[k], "");
				bt_buf_puts(r->b, "<li>");
				H(r, tb.s);
				bt_buf_puts(r->b, "</li>\n");
				if (tb.oom)
					r->b->oom = 1;
				bt_buf_release(&tb);
			}
		bt_buf_puts(r->b, "</ul>\n");
	}
	if (r->c->ord) {
		bt_buf_puts(r->b, "<h2>Trade-off</h2>\n");
		uint32_t np = pf->progs.n;
		const char **head = bt_calloc(np + 2, sizeof(char *));
		char **names = bt_calloc(np + 1, sizeof(char *));
		if (!head || !names) {
			bt_free(head);
			bt_free(names);
			r->b->oom = 1;
			return -1;
		}
		head[0] = "";
		head[1] = "Order (first gets the shared teams first)";
		for (uint32_t q = 0; q < np; q++) {
			size_t n = strlen(pf->progs.v[q].id) + 24;
			names[q] = bt_malloc(n);
			if (names[q])
				snprintf(names[q], n, "%s: P50 / P85, chance", pf->progs.v[q].id);
			else
				r->b->oom = 1;
			head[2 + q] = names[q] ? names[q] : "";
		}
		html_tbl(r, head, np + 2, tradeoff_cell, r->c->nord, NULL);
		for (uint32_t q = 0; q < np; q++)
			bt_free(names[q]);
		bt_free(names);
		bt_free(head);
		bt_buf tb = BT_BUF_INIT;
		pr r2 = *r;
		r2.b = &tb;
		ask_text(&r2);
		bt_buf_puts(r->b, "<p><strong>");
		H(r, tb.s);
		bt_buf_puts(r->b, "</strong></p>\n<p class=\"note\">* no other ordering does better for every program (the Pareto set).</p>\n");
		if (tb.oom)
			r->b->oom = 1;
		bt_buf_release(&tb);
	}
	bt_buf_puts(r->b, "</body></html>\n");
	return 0;
}

int bt_render_portfolio(bt_buf *b, const bt_pf_calc *c, enum baton_portfolio_view v, int fmt, int color)
{
	pr r = {b, c, c->pf, c->a, fmt == FMT_MD, color};
	if (v == BATON_PF_REPORT)
		return render_html(&r);
	if (fmt == FMT_JSON)
		return render_json(&r, v);
	switch (v) {
	case BATON_PF_SCHEDULE:
	case BATON_PF_FORECAST:
		header(&r);
		milestones(&r, v == BATON_PF_FORECAST);
		break;
	case BATON_PF_STATUS:
		status_text(&r);
		break;
	case BATON_PF_TRADEOFF:
		tradeoff_text(&r);
		break;
	default:
		break;
	}
	return b->oom ? -1 : 0;
}

char *bt_portfolio_render(baton_portfolio *pf, enum baton_portfolio_view view, enum baton_format fmt,
			  const baton_portfolio_opts *o, unsigned flags, const char **err)
{
	const char *dummy;
	if (!err)
		err = &dummy;
	baton_portfolio_opts def = BATON_PORTFOLIO_OPTS_INIT;
	if (!o)
		o = &def;
	baton_portfolio_opts oo = *o;
	if (view == BATON_PF_SCHEDULE)
		oo.runs = -1;
	bt_pf_calc *c = bt_pf_calc_new(pf, &oo, view == BATON_PF_TRADEOFF || view == BATON_PF_REPORT, err);
	if (!c)
		return NULL;
	bt_buf b = BT_BUF_INIT;
	int f = fmt == BATON_FORMAT_JSON ? FMT_JSON : fmt == BATON_FORMAT_MARKDOWN ? FMT_MD : FMT_TEXT;
	int rc = bt_render_portfolio(&b, c, view, f, (flags & BATON_RENDER_COLOR) != 0);
	bt_pf_calc_free(c);
	if (rc || b.oom) {
		bt_buf_release(&b);
		*err = "out of memory";
		return NULL;
	}
	return bt_buf_detach(&b, NULL);
}
