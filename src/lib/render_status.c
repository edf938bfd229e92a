/*
 * render_status.c: the weekly status (for everyone, or for executives,
 * engineers or product managers), the risk register, the decision log and
 * the sync agenda, as terminal text, Markdown and JSON. Prints what
 * assess.c computed; computes nothing but date formatting.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "assess.h"
#include "calibrate.h"
#include "table.h"

#define MIN(a, b) ((a) < (b) ? (a) : (b))

typedef struct out {
	bt_buf *b;
	const bt_assessment *a;
	const bt_plan *p;
	int md, color;
	bt_arena arena;        /* table cells */
	int oom;
	int lines;             /* lines written (exec: at most 12) */
} out;

static const char *ds(bt_date d, char buf[11])
{
	if (d == BT_DATE_NONE)
		return "-";
	bt_date_format(d, buf);
	return buf;
}

static const char *rag_word(uint8_t rag)
{
	static const char *const w[] = {"GREEN", "AMBER", "RED", "NONE"};
	return w[rag < 4 ? rag : 3];
}

static const char *rag_color(uint8_t rag)
{
	return rag == BT_RAG_GREEN ? "\033[32m" : rag == BT_RAG_AMBER ? "\033[33m" : rag == BT_RAG_RED ? "\033[31m" : "";
}

static void line(out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void line(out *o, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	bt_buf_vprintf(o->b, fmt, ap);
	va_end(ap);
	bt_buf_putc(o->b, '\n');
	o->lines++;
}

static void heading(out *o, const char *h)
{
	if (o->md)
		line(o, "\n### %s\n", h);
	else
		line(o, "\n%s%s%s", o->color ? "\033[1m" : "", h, o->color ? "\033[0m" : "");
}

/* s may be NULL: a line bt_arena_printf could not make, which finish()
 * turns into a failure. */
static void bullet(out *o, const char *s)
{
	line(o, o->md ? "- %s" : "  - %s", s ? s : "");
}

/* The end of every report: -1 when anything ran out of memory (a cell,
 * a line made in the arena, the output), else 0. */
static int finish(out *o)
{
	int rc = o->oom || o->b->oom || o->arena.failed ? -1 : 0;
	bt_arena_release(&o->arena);
	return rc;
}

static void table_out(out *o, bt_table *t)
{
	if (o->md)
		bt_table_md(o->b, t);
	else
		bt_table_term(o->b, t, o->color, "  ");
	o->lines += (int)(t->cells.n / (t->ncol ? (uint32_t)t->ncol : 1)) + 1;
	if (t->oom)
		o->oom = 1;
	bt_table_release(t);
}

static const char *tname(const bt_plan *p, uint32_t t)
{
	return t == BT_NONE ? "" : p->teams.v[t].id;
}

/*============================ Headline ============================*/

/* The first line: the RAG word, then the assessment's headline. */
static void headline_line(out *o)
{
	const bt_assessment *a = o->a;
	const char *rw = rag_word(a->rag);
	if (o->md)
		line(o, "**%s** — %s", rw, a->headline);
	else if (o->color)
		line(o, "%s\033[1m%s\033[0m — %s", rag_color(a->rag), rw, a->headline);
	else
		line(o, "%s — %s", rw, a->headline);
}

/* The headline, the reasons it does not cite and what is being done. */
static void headline(out *o)
{
	const bt_assessment *a = o->a;
	headline_line(o);
	if (a->nreason > 1) {
		line(o, o->md ? "\n**Why:**\n" : "Why:");
		for (uint32_t i = 0; i < a->nreason; i++)
			if (i != a->headline_reason)
				bullet(o, a->strs.v[a->reason0 + i]);
	}
	if (a->rag != BT_RAG_GREEN && a->naction) {
		if (o->md)
			line(o, "\n**What is being done:**\n");
		else
			line(o, "What is being done:");
		for (uint32_t i = 0; i < a->naction; i++)
			bullet(o, a->strs.v[a->action0 + i]);
	}
}

static void since_line(out *o)
{
	const bt_assessment *a = o->a;
	char d[11], q[11];
	const char *lead = o->md ? "\n_" : "\n";
	const char *tail = o->md ? "_" : "";
	if (a->as_of == BT_DATE_NONE) {
		line(o, "%sFrom the program start (no status yet); %s.%s", lead,
		     a->sched->levelled ? "capacity-levelled" : "critical path", tail);
		return;
	}
	if (!a->have_prev)
		line(o, "%sStatus as of %s; %s; no earlier update to compare with.%s", lead, ds(a->as_of, d),
		     a->sched->levelled ? "capacity-levelled" : "critical path", tail);
	else
		line(o, "%sStatus as of %s; %s; changes since %s %s.%s", lead, ds(a->as_of, d),
		     a->sched->levelled ? "capacity-levelled" : "critical path",
		     a->prev.from_record ? "the update recorded for" : "the status block of", ds(a->prev.as_of, q),
		     tail);
	if (a->calib) {
		int any = bt_calib_applied(a->calib, a->ncalib) > 0;
		bt_buf_puts(o->b, o->md ? any ? "\n_Calibrated: " : "\n_Not calibrated: " : any ? "Calibrated: " : "Not calibrated: ");
		bt_calib_say(o->b, a->calib, a->ncalib);
		line(o, ".%s", tail);
	}
}

/*============================ Sections ============================*/

/* One row per commitment. PLANNED, SLACK and CHANGE are the schedule's;
 * P50, P85 and CHANCE the forecast's, beside the RAG they set. */
static void milestones(out *o, int scope)
{
	const bt_assessment *a = o->a;
	bt_table t;
	const char *cols = scope ? a->forecast ? "MILESTONE COMMIT PLANNED SLACK> CHANGE> DONE> P50 P85 CHANCE> RAG WHY"
					       : "MILESTONE COMMIT PLANNED SLACK> CHANGE> DONE> RAG WHY"
			   : a->forecast ? "MILESTONE COMMIT PLANNED SLACK> CHANGE> P50 P85 CHANCE> RAG WHY"
					 : "MILESTONE COMMIT PLANNED SLACK> CHANGE> RAG WHY";
	bt_table_init(&t, &o->arena, cols);
	for (uint32_t k = 0; k < a->nms; k++) {
		const bt_as_ms *m = &a->ms[k];
		if (m->idx == BT_NONE && m->commit == BT_DATE_NONE)
			continue;
		char c[11], f[11], x[11], pc[8];
		bt_table_row(&t, o->color && m->rag != BT_RAG_NONE ? rag_color(m->rag) : NULL);
		bt_table_cell(&t, "%s%s", m->id, m->idx == BT_NONE ? " (program)" : "");
		bt_table_cell(&t, "%s", ds(m->commit, c));
		bt_table_cell(&t, "%s", ds(m->planned, f));
		if (m->commit != BT_DATE_NONE)
			bt_table_cell(&t, "%d", m->slack);
		else
			bt_table_cell(&t, "%s", "");
		if (!m->have_prev)
			bt_table_cell(&t, "%s", "new");
		else if (m->change)
			bt_table_cell(&t, "%+d", m->change);
		else
			bt_table_cell(&t, "%s", "0");
		if (scope)
			bt_table_cell(&t, "%u/%u", m->ndone, m->ntask);
		if (a->forecast) {
			bt_table_cell(&t, "%s", ds(m->p50, x));
			bt_table_cell(&t, "%s", ds(m->p85, x));
			bt_fmt_chance(pc, sizeof pc, bt_as_has_chance(m) ? m->fc.chance : -1);
			bt_table_cell(&t, "%s", bt_as_has_chance(m) ? pc : "");
		}
		bt_table_cell(&t, "%s", m->rag == BT_RAG_NONE ? "-" : bt_rag_name(m->rag));
		bt_table_cell(&t, "%s", m->nreason ? a->strs.v[m->reason0] : "");
	}
	table_out(o, &t);
	if (o->md)
		return;
	line(o, "  PLANNED: the %s date at likely estimates; SLACK: working days from it to the commit;",
	     a->sched->levelled ? "capacity-levelled" : "critical-path");
	line(o, "  CHANGE: working days PLANNED moved since the last update%s.",
	     scope ? "; DONE: tasks done of those leading to it" : "");
	if (a->forecast)
		line(o, "  P50, P85: dates reached in 50%% and 85%% of Monte Carlo runs; CHANCE: runs on or before the commit, which sets the RAG.");
}

static const char *flag_text(out *o, unsigned f)
{
	char *s = bt_arena_printf(&o->arena, "%s%s%s%s%s", f & BT_RF_OCCURRED ? "occurred " : "",
				  f & BT_RF_STALE ? "stale " : "", f & BT_RF_NO_OWNER ? "no-owner " : "",
				  f & BT_RF_NO_MITIGATION ? "no-mitigation " : "",
				  f & BT_RF_WOULD_MISS ? "would-miss " : "");
	if (!s) {
		o->oom = 1;
		return "";
	}
	size_t n = strlen(s);
	if (n)
		s[n - 1] = 0;
	return s;
}

static void risk_table(out *o, uint32_t limit)
{
	const bt_assessment *a = o->a;
	const bt_plan *p = o->p;
	bt_table t;
	bt_table_init(&t, &o->arena, "RISK STATE P> IMPACT> CELL SCORE> EXPOSURE> ABSORB> THREATENS ESCALATE FLAGS OWNER");
	static const char *const st[] = {"open", "mitigating", "closed", "occurred", "absorbed"};
	for (uint32_t i = 0; i < a->risks.n && i < limit; i++) {
		const bt_as_risk *r = &a->risks.v[i];
		const bt_risk *pr = &p->risks.v[r->idx];
		if (limit != UINT32_MAX && r->p <= 0)
			break;
		bt_table_row(&t, o->color && r->escalate ? "\033[31m" : NULL);
		bt_table_cell(&t, "%s", pr->id);
		bt_table_cell(&t, "%s", st[pr->state % 5]);
		bt_table_cell(&t, "%.0f%%", 100 * (pr->probability < 0 ? 0 : pr->probability));
		bt_table_cell(&t, "%.1f", r->impact);
		bt_table_cell(&t, "P%d/I%d", r->pband, r->iband);
		bt_table_cell(&t, "%d", r->score);
		bt_table_cell(&t, "%.1f", r->exposure);
		if (r->absorb == BT_DAY_NONE)
			bt_table_cell(&t, "%s", "-");
		else
			bt_table_cell(&t, "%d", r->absorb);
		bt_table_cell(&t, "%s", r->threat ? r->threat : "-");
		bt_table_cell(&t, "%s", r->escalate ? "ESCALATE" : "");
		bt_table_cell(&t, "%s", flag_text(o, r->flags));
		bt_table_cell(&t, "%s", pr->owner ? pr->owner : "-");
	}
	table_out(o, &t);
}

static void decisions_needed(out *o, uint32_t limit)
{
	const bt_assessment *a = o->a;
	bt_table t;
	bt_table_init(&t, &o->arena, "DECISION ASK FROM BY NOTE");
	uint32_t n = 0;
	for (uint32_t i = 0; i < a->decs.n; i++) {
		const bt_as_dec *d = &a->decs.v[i];
		const bt_decision *pd = &o->p->decisions.v[d->idx];
		if (d->state != BT_DEC_PROPOSED || n++ >= limit)
			continue;
		char c[11];
		bt_table_row(&t, o->color && d->overdue ? "\033[31m" : NULL);
		bt_table_cell(&t, "%s", pd->id);
		bt_table_cell(&t, "%s", d->ask);
		bt_table_cell(&t, "%s", d->from ? d->from : "-");
		bt_table_cell(&t, "%s", ds(pd->need_by, c));
		if (d->overdue)
			bt_table_cell(&t, "overdue by %d days", d->overdue_days);
		else
			bt_table_cell(&t, "%s", d->soon ? "due soon" : "");
	}
	if (!t.cells.n)
		bullet(o, "None.");
	else
		table_out(o, &t);
	bt_table_release(&t);
}

static void decisions_taken(out *o)
{
	const bt_assessment *a = o->a;
	int any = 0;
	for (uint32_t i = 0; i < a->decs.n; i++) {
		const bt_as_dec *d = &a->decs.v[i];
		const bt_decision *pd = &o->p->decisions.v[d->idx];
		if (!d->taken_since)
			continue;
		char c[11], nb[11];
		const char *late = d->late_days ? bt_arena_printf(&o->arena, " (%d days after it was needed, %s)", d->late_days,
								  ds(pd->need_by, nb))
						: "";
		const char *s = late ? bt_arena_printf(&o->arena, "%s %s: %s%s%s%s",
						       ds(d->taken_on, c), pd->id,
						       pd->title ? pd->title : "", pd->owner ? " — " : "",
						       pd->owner ? pd->owner : "", late)
				     : NULL;
		if (!s) {
			o->oom = 1;
			return;
		}
		bullet(o, s ? s : "");
		any = 1;
	}
	if (!any)
		bullet(o, a->have_prev ? "None." : "No earlier update to compare with.");
}

static void handoffs(out *o, uint32_t team, int only_risk)
{
	const bt_assessment *a = o->a;
	const bt_plan *p = o->p;
	bt_table t;
	bt_table_init(&t, &o->arena, "FROM TEAM TO TEAM FINISH NEEDED_BY SLACK>");
	for (uint32_t i = 0; i < a->handoffs.n; i++) {
		const bt_as_handoff *h = &a->handoffs.v[i];
		if ((only_risk && !h->at_risk) || (team != BT_NONE && h->from_team != team && h->to_team != team))
			continue;
		char f[11], nb[11];
		bt_table_row(&t, o->color && h->slack < 0 ? "\033[31m" : NULL);
		bt_table_cell(&t, "%s", p->tasks.v[h->from].id);
		bt_table_cell(&t, "%s", tname(p, h->from_team));
		bt_table_cell(&t, "%s", p->tasks.v[h->to].id);
		bt_table_cell(&t, "%s", tname(p, h->to_team));
		bt_table_cell(&t, "%s", ds(h->finish, f));
		bt_table_cell(&t, "%s", ds(h->needed_by, nb));
		if (h->slack == INT32_MAX)
			bt_table_cell(&t, "%s", "-");
		else
			bt_table_cell(&t, "%d", h->slack);
	}
	if (!t.cells.n)
		bullet(o, "None.");
	else
		table_out(o, &t);
	bt_table_release(&t);
}

static void changes(out *o)
{
	const bt_assessment *a = o->a;
	const bt_plan *p = o->p;
	char d[11], q[11];
	if (!a->have_prev) {
		bullet(o, "No earlier update to compare with.");
		return;
	}
	if (!a->finished.n)
		bullet(o, "Finished: nothing.");
	for (uint32_t i = 0; i < a->finished.n; i++) {
		const bt_as_item *it = &a->finished.v[i];
		const bt_task *t = &p->tasks.v[it->task];
		const char *s = bt_arena_printf(&o->arena, "Finished %s: %s (%s)", ds(it->date, d), t->id,
						t->team.name ? t->team.name : "");
		bullet(o, s ? s : "");
	}
	if (!a->slipped.n)
		bullet(o, "Slipped: nothing.");
	for (uint32_t i = 0; i < a->slipped.n; i++) {
		const bt_as_item *it = &a->slipped.v[i];
		if (i == 8) {
			const char *s = bt_arena_printf(&o->arena, "and %u more tasks slipped, by %+d days or less",
							a->slipped.n - 8, it->days);
			bullet(o, s ? s : "");
			break;
		}
		const bt_task *t = &p->tasks.v[it->task];
		const char *s = bt_arena_printf(&o->arena, "Slipped %+d %s: %s (%s) now finishes %s, was %s", it->days,
						it->days == 1 ? "day" : "days", t->id,
						t->team.name ? t->team.name : "", ds(it->date, d), ds(it->prev, q));
		bullet(o, s ? s : "");
	}
}

static void conflicts(out *o, uint32_t team)
{
	const bt_assessment *a = o->a;
	int any = 0;
	for (uint32_t i = 0; i < a->conflicts.n; i++) {
		const bt_as_conflict *c = &a->conflicts.v[i];
		if (team != BT_NONE && c->team != team)
			continue;
		bullet(o, c->text);
		any = 1;
	}
	if (!any)
		bullet(o, "None.");
}

static void critical(out *o, uint32_t team)
{
	const bt_assessment *a = o->a;
	const bt_plan *p = o->p;
	const struct baton_schedule *s = a->sched;
	bt_table t;
	bt_table_init(&t, &o->arena, "TASK TEAM OWNER START FINISH STATE");
	for (uint32_t i = 0; i < a->critical.n; i++) {
		uint32_t v = a->critical.v[i];
		const bt_task *tk = &p->tasks.v[v];
		if (team != BT_NONE && tk->team.idx != team)
			continue;
		char st[11], fi[11];
		bt_sched_dates(s, v, s->cpm.es[v], s->cpm.ef[v], st, fi);
		bt_table_row(&t, NULL);
		bt_table_cell(&t, "%s", tk->id);
		bt_table_cell(&t, "%s", tk->team.name ? tk->team.name : "");
		bt_table_cell(&t, "%s", tk->owner ? tk->owner : "NO OWNER");
		bt_table_cell(&t, "%s", st);
		bt_table_cell(&t, "%s", fi);
		bt_table_cell(&t, "%s", s->net.state[v] == BT_TS_STARTED ? "started" : "planned");
	}
	if (!t.cells.n)
		bullet(o, "None.");
	else
		table_out(o, &t);
	bt_table_release(&t);
}

/* The TPM's notes: the program's, then each with the item it is about
 * (exec: the program's and the milestones' only). */
static void notes(out *o, int exec)
{
	const bt_assessment *a = o->a;
	uint32_t n = 0;
	for (uint32_t i = 0; i < a->notes.n; i++)
		n += !exec || a->notes.v[i].kind == BT_K_NONE || a->notes.v[i].kind == BT_K_MILESTONE;
	if (!n)
		return;
	if (exec)
		line(o, o->md ? "\n**Notes:**" : "Notes:");
	else
		heading(o, "Notes");
	for (uint32_t i = 0; i < a->notes.n; i++) {
		const bt_as_note *nt = &a->notes.v[i];
		if (exec && nt->kind != BT_K_NONE && nt->kind != BT_K_MILESTONE)
			continue;
		if (nt->kind == BT_K_NONE)
			bullet(o, nt->text);
		else
			bullet(o, bt_arena_printf(&o->arena, "%s%s%s%s: %s", nt->title ? nt->title : nt->id,
						  nt->title ? " (" : "", nt->title ? nt->id : "", nt->title ? ")" : "",
						  nt->text));
	}
}

/*============================= Status =============================*/

static void status_all(out *o)
{
	headline(o);
	since_line(o);
	notes(o, 0);
	heading(o, "Milestones");
	milestones(o, 0);
	heading(o, "Top risks");
	risk_table(o, 5);
	heading(o, "Decisions needed");
	decisions_needed(o, UINT32_MAX);
	heading(o, "Decisions taken since the last update");
	decisions_taken(o);
	heading(o, "Cross-team hand-offs at risk");
	handoffs(o, BT_NONE, 1);
	heading(o, "Finished and slipped since the last update");
	changes(o);
	heading(o, "Conflicts");
	conflicts(o, BT_NONE);
}

/* At most 12 lines: the headline, what is being done, the milestones, the asks. */
static void status_exec(out *o)
{
	const bt_assessment *a = o->a;
	const bt_plan *p = o->p;
	char c[11], f[11];
	/* The headline without the reasons; actions capped at 3. */
	headline_line(o);
	if (a->rag != BT_RAG_GREEN && a->naction) {
		line(o, o->md ? "\n**Being done:**" : "Being done:");
		uint32_t cap = a->naction > 2 ? 1 : a->naction;
		for (uint32_t i = 0; i < cap; i++)
			bullet(o, a->strs.v[a->action0 + i]);
		if (a->naction > cap)
			bullet(o, bt_arena_printf(&o->arena, "and %u more (see the full update)", a->naction - cap));
	}
	line(o, o->md ? "\n**Milestones:**" : "Milestones:");
	uint32_t shown = 0, left = 0, open = 0;
	for (uint32_t k = 0; k < a->nms; k++)
		open += !a->ms[k].reached && a->ms[k].commit != BT_DATE_NONE && a->ms[k].idx != BT_NONE;
	for (uint32_t k = 0; k < a->nms; k++) {
		const bt_as_ms *m = &a->ms[k];
		if (m->reached || m->commit == BT_DATE_NONE || m->idx == BT_NONE)
			continue;
		if (shown == (open > 3 ? 2u : 3u)) {
			left++;
			continue;
		}
		shown++;
		const char *s;
		char pc[8];
		if (bt_as_has_chance(m)) {
			bt_fmt_chance(pc, sizeof pc, m->fc.chance);
			s = bt_arena_printf(&o->arena, "%s %s — commit %s: P50 %s, %s chance", rag_word(m->rag), m->id,
					    ds(m->commit, c), ds(m->p50, f), pc);
		} else
			s = bt_arena_printf(&o->arena, "%s %s — commit %s, planned %s (slack %+d)%s%s", rag_word(m->rag), m->id,
					    ds(m->commit, c), ds(m->planned, f), m->slack,
					    m->have_prev && m->change ? ", moved " : "",
					    m->have_prev && m->change ? bt_arena_printf(&o->arena, "%+d", m->change) : "");
		bullet(o, s ? s : "");
	}
	if (left)
		bullet(o, bt_arena_printf(&o->arena, "%u more milestone%s in the full update", left, left == 1 ? "" : "s"));
	if (!shown)
		bullet(o, "All committed milestones reached.");
	uint32_t asks = 0, nasks = 0;
	for (uint32_t i = 0; i < a->decs.n; i++) {
		nasks += a->decs.v[i].state == BT_DEC_PROPOSED;
	}
	if (!nasks)
		line(o, o->md ? "\n**Asks:** none." : "Asks: none.");
	else
		line(o, o->md ? "\n**Asks:**" : "Asks:");
	for (uint32_t i = 0; i < a->decs.n; i++) {
		const bt_as_dec *d = &a->decs.v[i];
		const bt_decision *pd = &p->decisions.v[d->idx];
		if (d->state != BT_DEC_PROPOSED)
			continue;
		if (o->lines >= 12 - 1 && asks < nasks - 1) {
			bullet(o, bt_arena_printf(&o->arena, "and %u more (see 'baton decisions')", nasks - asks));
			break;
		}
		asks++;
		bullet(o, bt_arena_printf(&o->arena, "%s%s%s%s%s%s", d->overdue ? "OVERDUE: " : "", d->ask,
					  d->from ? " — " : "", d->from ? d->from : "",
					  pd->need_by != BT_DATE_NONE ? ", by " : "",
					  pd->need_by != BT_DATE_NONE ? ds(pd->need_by, c) : ""));
	}
	notes(o, 1);
}

static void status_eng(out *o)
{
	const bt_assessment *a = o->a;
	const bt_plan *p = o->p;
	headline(o);
	since_line(o);
	notes(o, 0);
	heading(o, "Critical path (with owners)");
	critical(o, BT_NONE);
	heading(o, "Dependencies at risk (cross-team hand-offs below the margin)");
	handoffs(o, BT_NONE, 1);
	heading(o, "Conflicts");
	conflicts(o, BT_NONE);
	for (uint32_t t = 0; t < p->teams.n; t++) {
		const bt_team *tm = &p->teams.v[t];
		char *h = bt_arena_printf(&o->arena, "Team %s%s%s%s", tm->id, tm->title ? " — " : "",
					  tm->title ? tm->title : "", "");
		heading(o, h ? h : tm->id);
		int any = 0;
		for (uint32_t i = 0; i < a->handoffs.n; i++)
			any |= a->handoffs.v[i].from_team == t || a->handoffs.v[i].to_team == t;
		if (any) {
			line(o, o->md ? "Hand-offs:\n" : "  Hand-offs:");
			handoffs(o, t, 0);
		}
		int crit = 0;
		for (uint32_t i = 0; i < a->critical.n; i++)
			crit |= p->tasks.v[a->critical.v[i]].team.idx == t;
		if (crit) {
			line(o, o->md ? "\nOn the critical path:\n" : "  On the critical path:");
			critical(o, t);
		}
		if (!any && !crit)
			bullet(o, "No hand-offs and nothing on the critical path.");
	}
	heading(o, "Finished and slipped since the last update");
	changes(o);
}

static void status_pm(out *o)
{
	headline(o);
	since_line(o);
	notes(o, 0);
	heading(o, "Milestones and scope");
	milestones(o, 1);
	heading(o, "Decisions needed");
	decisions_needed(o, UINT32_MAX);
	heading(o, "Decisions taken since the last update");
	decisions_taken(o);
	heading(o, "Top risks");
	risk_table(o, 5);
	heading(o, "Finished and slipped since the last update");
	changes(o);
}

/*============================== JSON ==============================*/

static json_t *jd(bt_date d)
{
	char s[11];
	if (d == BT_DATE_NONE)
		return json_null();
	bt_date_format(d, s);
	return json_string(s);
}

static json_t *js(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *jstrs(const bt_assessment *a, uint32_t first, uint32_t n)
{
	json_t *r = json_array();
	for (uint32_t i = 0; i < n; i++)
		json_array_append_new(r, json_string(a->strs.v[first + i]));
	return r;
}

static json_t *jms(const bt_assessment *a, const bt_as_ms *m)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_string(m->id));
	json_object_set_new(o, "title", js(m->title));
	json_object_set_new(o, "rag", m->rag == BT_RAG_NONE ? json_null() : json_string(bt_rag_name(m->rag)));
	json_object_set_new(o, "reasons", jstrs(a, m->reason0, m->nreason));
	json_object_set_new(o, "commit", jd(m->commit));
	json_object_set_new(o, "planned", jd(m->planned));
	json_object_set_new(o, "slack", m->commit != BT_DATE_NONE ? json_integer(m->slack) : json_null());
	json_object_set_new(o, "p50", jd(m->p50));
	json_object_set_new(o, "p85", jd(m->p85));
	json_object_set_new(o, "chance", bt_as_has_chance(m) ? json_real(bt_round_share(m->fc.chance)) : json_null());
	json_object_set_new(o, "p50_slack", bt_as_has_chance(m) ? json_integer(m->p50_slack) : json_null());
	json_object_set_new(o, "p85_slack", bt_as_has_chance(m) ? json_integer(m->p85_slack) : json_null());
	json_object_set_new(o, "reached", json_boolean(m->reached));
	json_object_set_new(o, "previous_planned", m->have_prev ? jd(m->prev_planned) : json_null());
	json_object_set_new(o, "change_days", m->have_prev ? json_integer(m->change) : json_null());
	json_object_set_new(o, "actions", jstrs(a, m->action0, m->naction));
	json_object_set_new(o, "addressed", json_boolean(!m->unaddressed));
	json_t *sc = json_object();
	json_object_set_new(sc, "total", json_integer(m->ntask));
	json_object_set_new(sc, "done", json_integer(m->ndone));
	json_object_set_new(sc, "started", json_integer(m->nstarted));
	json_object_set_new(o, "tasks", sc);
	return o;
}

static json_t *jrisks(const bt_assessment *a)
{
	static const char *const st[] = {"open", "mitigating", "closed", "occurred", "absorbed"};
	json_t *arr = json_array();
	for (uint32_t i = 0; i < a->risks.n; i++) {
		const bt_as_risk *r = &a->risks.v[i];
		const bt_risk *pr = &a->plan->risks.v[r->idx];
		json_t *o = json_object(), *fl = json_array();
		json_object_set_new(o, "id", json_string(pr->id));
		json_object_set_new(o, "title", js(pr->title));
		json_object_set_new(o, "state", json_string(st[pr->state % 5]));
		json_object_set_new(o, "owner", js(pr->owner));
		json_object_set_new(o, "probability", json_real(pr->probability < 0 ? 0 : pr->probability));
		json_object_set_new(o, "impact_days", json_real(r->impact));
		json_object_set_new(o, "score", json_integer(r->score));
		json_t *cell = json_object();
		json_object_set_new(cell, "probability", json_integer(r->pband));
		json_object_set_new(cell, "impact", json_integer(r->iband));
		json_object_set_new(o, "cell", cell);
		json_object_set_new(o, "exposure_days", json_real(r->exposure));
		json_object_set_new(o, "absorbable_days", r->absorb == BT_DAY_NONE ? json_null() : json_integer(r->absorb));
		json_object_set_new(o, "threatens", js(r->threat));
		json_object_set_new(o, "escalate", json_boolean(r->escalate));
		if (r->flags & BT_RF_STALE)
			json_array_append_new(fl, json_string("stale"));
		if (r->flags & BT_RF_NO_OWNER)
			json_array_append_new(fl, json_string("no-owner"));
		if (r->flags & BT_RF_NO_MITIGATION)
			json_array_append_new(fl, json_string("no-mitigation"));
		if (r->flags & BT_RF_OCCURRED)
			json_array_append_new(fl, json_string("occurred"));
		if (r->flags & BT_RF_WOULD_MISS)
			json_array_append_new(fl, json_string("would-miss"));
		json_object_set_new(o, "flags", fl);
		json_object_set_new(o, "mitigation", js(pr->mitigation));
		json_object_set_new(o, "review", jd(pr->review));
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *jdecs(const bt_assessment *a)
{
	static const char *const st[] = {"proposed", "decided", "superseded"};
	json_t *arr = json_array();
	for (uint32_t i = 0; i < a->decs.n; i++) {
		const bt_as_dec *d = &a->decs.v[i];
		const bt_decision *pd = &a->plan->decisions.v[d->idx];
		json_t *o = json_object();
		json_object_set_new(o, "id", json_string(pd->id));
		json_object_set_new(o, "title", js(pd->title));
		json_object_set_new(o, "state", d->state >= 0 ? json_string(st[d->state % 3]) : json_null());
		json_object_set_new(o, "date", jd(pd->date));
		json_object_set_new(o, "need_by", jd(pd->need_by));
		json_object_set_new(o, "decided", jd(pd->decided));
		json_object_set_new(o, "decided_late_days", d->late_days ? json_integer(d->late_days) : json_null());
		json_object_set_new(o, "owner", js(pd->owner));
		json_object_set_new(o, "ask", js(d->ask));
		json_object_set_new(o, "from", js(d->from));
		json_object_set_new(o, "overdue", json_boolean(d->overdue));
		json_object_set_new(o, "overdue_days", d->overdue ? json_integer(d->overdue_days) : json_null());
		json_object_set_new(o, "taken_since_last_update", json_boolean(d->taken_since));
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *jnotes(const bt_assessment *a)
{
	static const char *const kind[] = {"program", "task", "milestone", "risk", "decision", "team"};
	json_t *arr = json_array();
	for (uint32_t i = 0; i < a->notes.n; i++) {
		const bt_as_note *nt = &a->notes.v[i];
		json_t *o = json_object();
		json_object_set_new(o, "about", json_string(kind[nt->kind % 6]));
		json_object_set_new(o, "id", js(nt->id));
		json_object_set_new(o, "title", js(nt->title));
		json_object_set_new(o, "text", json_string(nt->text));
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *jconflicts(const bt_assessment *a)
{
	static const char *const kinds[] = {"over-capacity", "early-start", "nothing-before", "no-owner", "programs"};
	json_t *arr = json_array();
	for (uint32_t i = 0; i < a->conflicts.n; i++) {
		const bt_as_conflict *c = &a->conflicts.v[i];
		json_t *o = json_object();
		json_object_set_new(o, "kind", json_string(kinds[c->kind % 5]));
		json_object_set_new(o, "team", c->team == BT_NONE ? json_null() : json_string(a->plan->teams.v[c->team].id));
		json_object_set_new(o, "text", json_string(c->text));
		json_object_set_new(o, "question", json_string(c->question));
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *jhandoffs(const bt_assessment *a)
{
	json_t *arr = json_array();
	for (uint32_t i = 0; i < a->handoffs.n; i++) {
		const bt_as_handoff *h = &a->handoffs.v[i];
		json_t *o = json_object();
		json_object_set_new(o, "from", json_string(a->plan->tasks.v[h->from].id));
		json_object_set_new(o, "from_team", json_string(a->plan->teams.v[h->from_team].id));
		json_object_set_new(o, "to", json_string(a->plan->tasks.v[h->to].id));
		json_object_set_new(o, "to_team", json_string(a->plan->teams.v[h->to_team].id));
		json_object_set_new(o, "finish", jd(h->finish));
		json_object_set_new(o, "needed_by", jd(h->needed_by));
		json_object_set_new(o, "slack", h->slack == INT32_MAX ? json_null() : json_integer(h->slack));
		json_object_set_new(o, "at_risk", json_boolean(h->at_risk));
		json_array_append_new(arr, o);
	}
	return arr;
}

static int dump(bt_buf *b, json_t *root, unsigned long mark)
{
	return bt_json_dump(b, root, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(4), mark);
}

static json_t *jroot(const bt_assessment *a)
{
	json_t *r = json_object();
	json_object_set_new(r, "program", json_string(a->plan->prog.id));
	json_object_set_new(r, "title", js(a->plan->prog.title));
	json_object_set_new(r, "as_of", jd(a->as_of));
	json_object_set_new(r, "levelled", json_boolean(a->sched->levelled));
	return r;
}

static int status_json(bt_buf *b, const bt_assessment *a)
{
	unsigned long mark = bt_alloc_failures();
	const bt_plan *p = a->plan;
	const bt_net *n = &a->sched->net;
	json_t *r = jroot(a);
	json_object_set_new(r, "forecast", json_boolean(a->forecast));
	if (a->calib) {
		/* Only when asked, so that recorded updates read as before. */
		json_t *cal = json_array();
		for (long k = 0; k < a->ncalib; k++) {
			const bt_calib_team *t = &a->calib[k];
			json_t *x = json_object();
			json_object_set_new(x, "team", json_string(t->id));
			json_object_set_new(x, "tasks", json_integer(t->tasks));
			json_object_set_new(x, "bias", t->tasks ? json_real(t->bias) : json_null());
			json_object_set_new(x, "applied", json_boolean(t->tasks >= BT_CALIB_MIN));
			json_object_set_new(x, "needs", json_integer(t->tasks >= BT_CALIB_MIN ? 0 : BT_CALIB_MIN - t->tasks));
			json_array_append_new(cal, x);
		}
		json_object_set_new(r, "calibration", cal);
	}
	json_t *th = json_object();
	json_object_set_new(th, "green", json_real(a->green));
	json_object_set_new(th, "amber", json_real(a->amber));
	json_object_set_new(th, "margin_days", json_integer(a->margin));
	json_object_set_new(r, "thresholds", th);
	if (a->have_prev) {
		json_t *s = json_object();
		json_object_set_new(s, "as_of", jd(a->prev.as_of));
		json_object_set_new(s, "source", json_string(a->prev.from_record ? "record" : "status"));
		json_object_set_new(r, "since", s);
	} else {
		json_object_set_new(r, "since", json_null());
	}
	json_object_set_new(r, "rag", json_string(bt_rag_name(a->rag)));
	json_object_set_new(r, "scenario", js(a->sched->scen ? a->sched->scen->id : NULL));
	json_object_set_new(r, "notes", jnotes(a));
	json_object_set_new(r, "reasons", jstrs(a, a->reason0, a->nreason));
	json_object_set_new(r, "actions", jstrs(a, a->action0, a->naction));
	json_object_set_new(r, "headline", json_string(a->headline));
	json_object_set_new(r, "commit", jd(p->prog.commit));
	json_object_set_new(r, "program_end", jms(a, &a->ms[a->nms - 1]));
	json_t *ms = json_array();
	for (uint32_t k = 0; k + 1 < a->nms; k++)
		json_array_append_new(ms, jms(a, &a->ms[k]));
	json_object_set_new(r, "milestones", ms);
	json_object_set_new(r, "risks", jrisks(a));
	json_object_set_new(r, "decisions", jdecs(a));
	json_t *ho = jhandoffs(a), *hr = json_array();
	size_t i;
	json_t *o;
	json_array_foreach(ho, i, o)
		if (json_is_true(json_object_get(o, "at_risk")))
			json_array_append(hr, o);
	json_decref(ho);
	json_object_set_new(r, "handoffs_at_risk", hr);
	json_object_set_new(r, "conflicts", jconflicts(a));
	json_t *cp = json_array();
	for (uint32_t k = 0; k < a->critical.n; k++) {
		const bt_task *t = &p->tasks.v[a->critical.v[k]];
		json_t *x = json_object();
		json_object_set_new(x, "id", json_string(t->id));
		json_object_set_new(x, "team", js(t->team.name));
		json_object_set_new(x, "owner", js(t->owner));
		json_array_append_new(cp, x);
	}
	json_object_set_new(r, "critical_path", cp);
	json_t *fin = json_array(), *sl = json_array();
	for (uint32_t k = 0; k < a->finished.n; k++) {
		json_t *x = json_object();
		json_object_set_new(x, "id", json_string(p->tasks.v[a->finished.v[k].task].id));
		json_object_set_new(x, "finish", jd(a->finished.v[k].date));
		json_array_append_new(fin, x);
	}
	for (uint32_t k = 0; k < a->slipped.n; k++) {
		json_t *x = json_object();
		json_object_set_new(x, "id", json_string(p->tasks.v[a->slipped.v[k].task].id));
		json_object_set_new(x, "finish", jd(a->slipped.v[k].date));
		json_object_set_new(x, "previous_finish", jd(a->slipped.v[k].prev));
		json_object_set_new(x, "days", json_integer(a->slipped.v[k].days));
		json_array_append_new(sl, x);
	}
	json_object_set_new(r, "finished", a->have_prev ? fin : (json_decref(fin), json_null()));
	json_object_set_new(r, "slipped", a->have_prev ? sl : (json_decref(sl), json_null()));
	json_t *tasks = json_array();
	static const char *const st[] = {"planned", "started", "done"};
	for (uint32_t v = 0; v < n->nt; v++) {
		json_t *x = json_object();
		char sd[11], fd[11];
		bt_sched_dates(a->sched, v, a->sched->cpm.es[v], a->sched->cpm.ef[v], sd, fd);
		json_object_set_new(x, "id", json_string(p->tasks.v[v].id));
		json_object_set_new(x, "state", json_string(st[n->state[v] % 3]));
		json_object_set_new(x, "start", json_string(sd));
		json_object_set_new(x, "finish", json_string(fd));
		json_object_set_new(x, "commit_float", a->cf[v] == INT32_MAX ? json_null() : json_integer(a->cf[v]));
		json_array_append_new(tasks, x);
	}
	json_object_set_new(r, "tasks", tasks);
	return dump(b, r, mark);
}

/*============================== Entry =============================*/

int bt_render_status(bt_buf *b, const bt_assessment *a, int fmt, int audience, int color)
{
	out o = {b, a, a->plan, fmt == 1, color && fmt == 0, BT_ARENA_INIT, 0, 0};
	if (fmt == 2)
		return status_json(b, a);
	switch (audience) {
	case BT_AUD_EXEC: status_exec(&o); break;
	case BT_AUD_ENG: status_eng(&o); break;
	case BT_AUD_PM: status_pm(&o); break;
	default: status_all(&o); break;
	}
	return finish(&o);
}

/* The 5 x 5 grid: risks counted per cell, probability rows high to low. */
static void grid(out *o)
{
	const bt_assessment *a = o->a;
	int cnt[6][6] = {{0}};
	for (uint32_t i = 0; i < a->risks.n; i++)
		if (a->risks.v[i].p > 0)
			cnt[a->risks.v[i].pband][a->risks.v[i].iband]++;
	bt_table t;
	bt_table_init(&t, &o->arena, "PROBABILITY I1_<=2d> I2_<=5d> I3_<=10d> I4_<=20d> I5_>20d>");
	static const char *const rows[] = {"", "P1 <=10%", "P2 <=30%", "P3 <=50%", "P4 <=70%", "P5 >70%"};
	for (int pb = 5; pb >= 1; pb--) {
		bt_table_row(&t, NULL);
		bt_table_cell(&t, "%s", rows[pb]);
		for (int ib = 1; ib <= 5; ib++)
			if (cnt[pb][ib])
				bt_table_cell(&t, "%d", cnt[pb][ib]);
			else
				bt_table_cell(&t, "%s", ".");
	}
	table_out(o, &t);
}

int bt_render_risks(bt_buf *b, const bt_assessment *a, int fmt, int color)
{
	if (fmt == 2) {
		unsigned long mark = bt_alloc_failures();
		json_t *r = jroot(a);
		json_object_set_new(r, "risks", jrisks(a));
		return dump(b, r, mark);
	}
	out o = {b, a, a->plan, fmt == 1, color && fmt == 0, BT_ARENA_INIT, 0, 0};
	const char *title = a->plan->prog.title ? a->plan->prog.title : a->plan->prog.id;
	char d[11];
	uint32_t esc = 0, live = 0;
	for (uint32_t i = 0; i < a->risks.n; i++) {
		esc += (uint32_t)a->risks.v[i].escalate;
		live += a->risks.v[i].p > 0;
	}
	if (o.md)
		line(&o, "## %s: risk register\n", title);
	else
		line(&o, "%s: risk register", title);
	line(&o, "%s%s; %u risk%s, %u live, %u to escalate (expected delay beyond what the schedule can absorb).",
	     a->as_of == BT_DATE_NONE ? "from the start" : "as of ", a->as_of == BT_DATE_NONE ? "" : ds(a->as_of, d),
	     a->risks.n, a->risks.n == 1 ? "" : "s", live, esc);
	if (o.md)
		line(&o, "%s", "");
	else
		line(&o, "%s", "");
	risk_table(&o, UINT32_MAX);
	heading(&o, "Probability x impact (live risks per cell)");
	grid(&o);
	if (!o.md)
		line(&o, "\nSCORE is the grid cell's probability band x impact band (1..25); IMPACT and EXPOSURE\n"
			 "(probability x mean impact) are working days; ABSORB is how far the work the risk is on\n"
			 "can slip before THREATENS (the first commitment it would miss) is missed.");
	return finish(&o);
}

int bt_render_decisions(bt_buf *b, const bt_assessment *a, int fmt, int color)
{
	if (fmt == 2) {
		unsigned long mark = bt_alloc_failures();
		json_t *r = jroot(a);
		json_object_set_new(r, "decisions", jdecs(a));
		return dump(b, r, mark);
	}
	out o = {b, a, a->plan, fmt == 1, color && fmt == 0, BT_ARENA_INIT, 0, 0};
	const char *title = a->plan->prog.title ? a->plan->prog.title : a->plan->prog.id;
	if (o.md)
		line(&o, "## %s: decision log\n", title);
	else
		line(&o, "%s: decision log\n", title);
	static const char *const st[] = {"proposed", "decided", "superseded"};
	bt_table t;
	bt_table_init(&t, &o.arena, "DECISION STATE RAISED NEED_BY DECIDED OWNER FLAG TITLE");
	for (uint32_t i = 0; i < a->decs.n; i++) {
		const bt_as_dec *d = &a->decs.v[i];
		const bt_decision *pd = &a->plan->decisions.v[d->idx];
		char x[11], y[11], z[11];
		bt_table_row(&t, o.color && d->overdue ? "\033[31m" : o.color && d->state == BT_DEC_SUPERSEDED ? "\033[2m" : NULL);
		bt_table_cell(&t, "%s", pd->id);
		bt_table_cell(&t, "%s", d->state >= 0 ? st[d->state % 3] : "-");
		bt_table_cell(&t, "%s", ds(pd->date, x));
		bt_table_cell(&t, "%s", ds(pd->need_by, y));
		bt_table_cell(&t, "%s", ds(pd->decided, z));
		bt_table_cell(&t, "%s", pd->owner ? pd->owner : "-");
		if (d->overdue)
			bt_table_cell(&t, "OVERDUE %dd", d->overdue_days);
		else if (d->late_days)
			bt_table_cell(&t, "%dd late", d->late_days);
		else
			bt_table_cell(&t, "%s", d->soon ? "due soon" : "");
		bt_table_cell(&t, "%s", pd->title ? pd->title : "");
	}
	table_out(&o, &t);
	int asks = 0;
	for (uint32_t i = 0; i < a->decs.n; i++) {
		const bt_as_dec *d = &a->decs.v[i];
		const bt_decision *pd = &a->plan->decisions.v[d->idx];
		if (d->state != BT_DEC_PROPOSED)
			continue;
		if (!asks++)
			heading(&o, "Open questions");
		bullet(&o, bt_arena_printf(&o.arena, "%s: %s%s%s", pd->id, d->ask, d->from ? " — asked of " : "",
					   d->from ? d->from : ""));
	}
	return finish(&o);
}

int bt_render_agenda(bt_buf *b, const bt_assessment *a, int fmt, int color)
{
	const bt_plan *p = a->plan;
	if (fmt == 2) {
		unsigned long mark = bt_alloc_failures();
		json_t *r = jroot(a), *arr = json_array();
		for (uint32_t i = 0; i < a->agenda.n; i++) {
			const bt_agenda_item *it = &a->agenda.v[i];
			json_t *o = json_object();
			json_object_set_new(o, "team", it->team == BT_NONE ? json_null() : json_string(p->teams.v[it->team].id));
			json_object_set_new(o, "topic", json_string(it->topic));
			json_object_set_new(o, "question", json_string(it->question));
			json_array_append_new(arr, o);
		}
		json_object_set_new(r, "items", arr);
		return dump(b, r, mark);
	}
	out o = {b, a, p, fmt == 1, color && fmt == 0, BT_ARENA_INIT, 0, 0};
	const char *title = p->prog.title ? p->prog.title : p->prog.id;
	char d[11];
	if (o.md)
		line(&o, "## %s: cross-team sync agenda%s%s", title, a->as_of == BT_DATE_NONE ? "" : ", ",
		     a->as_of == BT_DATE_NONE ? "" : ds(a->as_of, d));
	else
		line(&o, "%s: cross-team sync agenda%s%s", title, a->as_of == BT_DATE_NONE ? "" : ", ",
		     a->as_of == BT_DATE_NONE ? "" : ds(a->as_of, d));
	if (!a->agenda.n)
		line(&o, "%sNothing needs discussion this week.", o.md ? "\n" : "");
	uint32_t cur = BT_NONE - 1, n = 0;
	for (uint32_t i = 0; i < a->agenda.n; i++) {
		const bt_agenda_item *it = &a->agenda.v[i];
		if (it->team != cur) {
			cur = it->team;
			n = 0;
			const char *h = it->team == BT_NONE ? "Program"
				: bt_arena_printf(&o.arena, "%s%s%s%s%s", p->teams.v[it->team].title ? p->teams.v[it->team].title : p->teams.v[it->team].id,
						  p->teams.v[it->team].lead ? " (" : "",
						  p->teams.v[it->team].lead ? p->teams.v[it->team].lead : "",
						  p->teams.v[it->team].lead ? ")" : "", "");
			heading(&o, h ? h : "");
		}
		n++;
		if (o.md)
			line(&o, "%u. %s  \n   **Q:** %s", n, it->topic, it->question);
		else
			line(&o, "  %u. %s\n     Q: %s", n, it->topic, it->question);
	}
	return finish(&o);
}
