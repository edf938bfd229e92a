/*
 * render_status.c: the weekly status (for everyone, or for executives,
 * engineers or product managers), the risk register, the decision log and
 * the sync agenda, as terminal text, Markdown and JSON. Prints what
 * assess.c computed; computes nothing but date formatting.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess.h"
#include "calibrate.h"
#include "jsonw.h"
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

/* The causes, each once with what it affects, the driver first. */
static void why(out *o)
{
	const bt_assessment *a = o->a;
	if (!a->ncause || (a->ncause == 1 && !a->causes.v[0].nms))
		return;
	char h[40];
	snprintf(h, sizeof h, "Why (%u cause%s)", a->ncause, a->ncause == 1 ? "" : "s");
	if (o->md)
		line(o, "\n**%s:**\n", h);
	else
		line(o, "%s:", h);
	for (uint32_t i = 0; i < a->nreason; i++)
		if (a->causes.v[i].kind != BT_CAUSE_NONE)
			bullet(o, a->strs.v[a->reason0 + i]);
}

/* The recovery options of the red commitments, under what is being done:
 * the changes first, then one line of the dates the commitments could
 * move to instead. */
static void options(out *o)
{
	const bt_assessment *a = o->a;
	if (!a->options.n)
		return;
	if (o->md)
		line(o, "\n**Options** (baton recover; levelled, %ld runs):\n", a->options_runs);
	else
		line(o, "Options (baton recover; levelled, %ld runs):", a->options_runs);
	bt_buf mv = BT_BUF_INIT;
	uint32_t nmove = 0;
	for (uint32_t i = 0; i < a->options.n; i++) {
		const bt_as_option *x = &a->options.v[i];
		const char *id = a->ms[x->ms].id;
		char d[11], c[8], b0[8];
		if (!x->what) {
			bt_buf_printf(&mv, "%s%s to %s", nmove++ ? ", " : "", id, ds(x->move_to, d));
			continue;
		}
		char d0[11];
		ds(x->p85, d);
		ds(x->base_p85, d0);
		bt_fmt_chance(c, sizeof c, x->chance);
		bt_fmt_chance(b0, sizeof b0, x->base);
		const char *s = bt_arena_printf(&o->arena, "%s %s -> %s (P85 %s -> %s) with: %s", id, b0, c, d0, d, x->what);
		bullet(o, s ? s : "");
	}
	if (nmove) {
		const char *s = bt_arena_printf(&o->arena, "Or move the commitment%s: %s (the plan as it is reaches the target then)",
						nmove == 1 ? "" : "s", mv.oom ? "" : mv.s);
		bullet(o, s ? s : "");
	}
	bt_buf_release(&mv);
}

/* The headline, its causes and what is being done. */
static void headline(out *o)
{
	const bt_assessment *a = o->a;
	headline_line(o);
	why(o);
	if (a->rag != BT_RAG_GREEN && a->naction) {
		if (o->md)
			line(o, "\n**What is being done:**\n");
		else
			line(o, "What is being done:");
		for (uint32_t i = 0; i < a->naction; i++)
			bullet(o, a->strs.v[a->action0 + i]);
	}
	options(o);
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

/* A milestone's WHY: the causes behind it by name (the Why section says
 * each in full), else its own first reason. */
static const char *why_cell(out *o, const bt_as_ms *m)
{
	const bt_assessment *a = o->a;
	if (!m->ncause)
		return m->nreason ? a->strs.v[m->reason0] : "";
	bt_buf b = BT_BUF_INIT;
	for (uint32_t i = 0; i < m->ncause; i++)
		bt_buf_printf(&b, "%s%s", i ? "; " : "", a->causes.v[a->cause_idx.v[m->cause0 + i]].label);
	const char *r = b.oom ? NULL : bt_arena_printf(&o->arena, "%s", b.s);
	bt_buf_release(&b);
	if (!r)
		o->oom = 1;
	return r ? r : "";
}

/* One row per commitment. PLANNED, SLACK and CHANGE are the schedule's;
 * P50, P85 and CHANCE the forecast's, beside the RAG they set. */
/* "N working days before|after" a commitment, or "on". */
static const char *slack_words(out *o, int32_t d)
{
	if (!d)
		return "on";
	return bt_arena_printf(&o->arena, "%d working day%s %s", d < 0 ? -d : d, d == 1 || d == -1 ? "" : "s",
			       d < 0 ? "after" : "before");
}

/* A line per moved commitment under the milestone table: how it moved
 * and the forecast against the commitment in force and the original. */
static void baselines(out *o)
{
	const bt_assessment *a = o->a;
	int first = 1;
	for (uint32_t k = 0; k < a->nms; k++) {
		const bt_as_ms *m = &a->ms[k];
		if (!m->commit_story)
			continue;
		/* The program end that is one row with its last milestone has
		 * the same story: said once, under that row's name. */
		int merged = m->idx == BT_NONE && m->same_as != BT_NONE && a->ms[m->same_as].commit_story &&
			     !strcmp(a->ms[m->same_as].commit_story, m->commit_story);
		if (merged)
			continue;
		uint32_t twin = BT_NONE;
		for (uint32_t j = 0; j < a->nms; j++)
			if (a->ms[j].idx == BT_NONE && a->ms[j].same_as == k && a->ms[j].commit_story &&
			    !strcmp(a->ms[j].commit_story, m->commit_story))
				twin = j;
		char p50[11], pc[8], pc0[8];
		const char *vs = "";
		if (bt_as_has_chance(m)) {
			bt_fmt_chance(pc, sizeof pc, m->fc.chance);
			bt_fmt_chance(pc0, sizeof pc0, m->fc.chance0 >= 0 ? m->fc.chance0 : 0);
			vs = bt_arena_printf(&o->arena, ". Forecast P50 %s: %s the commitment (%s chance), %s the original (%s)",
					     ds(m->p50, p50), slack_words(o, m->p50_slack), pc, slack_words(o, m->p50_slack0), pc0);
		}
		if (first && o->md)
			line(o, "%s", "");
		first = 0;
		line(o, "%s%s%s%s%s: %s%s", o->md ? "- " : "  ", m->id, twin != BT_NONE ? " = " : "",
		     twin != BT_NONE ? a->ms[twin].id : "", m->idx == BT_NONE || twin != BT_NONE ? " (program)" : "",
		     m->commit_story, vs ? vs : "");
	}
}

static void milestones(out *o, int scope)
{
	const bt_assessment *a = o->a;
	bt_table t;
	const char *cols = scope ? a->forecast ? "MILESTONE COMMIT PLANNED SLACK> CHANGE> DONE> P50 P85 CHANCE> RAG WHY"
					       : "MILESTONE COMMIT PLANNED SLACK> CHANGE> DONE> RAG WHY"
			   : a->forecast ? "MILESTONE COMMIT PLANNED SLACK> CHANGE> P50 P85 CHANCE> RAG WHY"
					 : "MILESTONE COMMIT PLANNED SLACK> CHANGE> RAG WHY";
	bt_table_init(&t, &o->arena, cols);
	const bt_as_ms *end = &a->ms[a->nms - 1];
	for (uint32_t k = 0; k < a->nms; k++) {
		const bt_as_ms *m = &a->ms[k];
		if (m->idx == BT_NONE && (m->commit == BT_DATE_NONE || m->same_as != BT_NONE))
			continue;
		char c[11], f[11], x[11], pc[8];
		bt_table_row(&t, o->color && m->rag != BT_RAG_NONE ? rag_color(m->rag) : NULL);
		/* The milestone that ends the program stands for it: one row. */
		if (end->same_as == k)
			bt_table_cell(&t, "%s = %s (program)", m->id, end->id);
		else
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
		bt_table_cell(&t, "%s", why_cell(o, m));
	}
	table_out(o, &t);
	baselines(o);
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

static const char *cause_word(uint8_t kind)
{
	static const char *const w[] = {"re-estimated", "less progress than planned", "started late", "finished late",
					"a risk occurred", "team capacity changed", "scope added", "decision open",
					"cause unknown"};
	return w[kind % 9];
}

static int moved(const bt_as_ms *m)
{
	return m->have_prev && m->change > 0 && (m->idx != BT_NONE || m->commit != BT_DATE_NONE);
}

/* Moved as far, by the same root slips. */
static int same_move(const bt_assessment *a, const bt_as_ms *x, const bt_as_ms *y)
{
	if (x->change != y->change || x->nroot != y->nroot)
		return 0;
	for (uint32_t i = 0; i < x->nroot; i++)
		if (a->slip_roots.v[x->root0 + i] != a->slip_roots.v[y->root0 + i])
			return 0;
	return 1;
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
	/* Each milestone's CHANGE with the root slips behind it; milestones
	 * moved as far by the same roots share one line. */
	for (uint32_t k = 0; k < a->nms; k++) {
		const bt_as_ms *m = &a->ms[k];
		if (!moved(m))
			continue;
		int dup = 0;
		for (uint32_t j = 0; j < k && !dup; j++)
			dup = moved(&a->ms[j]) && same_move(a, &a->ms[j], m);
		if (dup)
			continue;
		bt_buf r = BT_BUF_INIT;
		bt_buf_printf(&r, "Moved %+d working day%s: ", m->change, m->change == 1 ? "" : "s");
		for (uint32_t j = k, first = 1; j < a->nms; j++) {
			const bt_as_ms *w = &a->ms[j];
			if (!moved(w) || !same_move(a, m, w))
				continue;
			bt_buf_printf(&r, "%s%s%s (was %s)", first ? "" : ", ", w->id, w->idx == BT_NONE ? " (program)" : "",
				      ds(w->prev_planned, q));
			first = 0;
		}
		bt_buf_printf(&r, "; %s", m->nroot ? "because of " : "no slipped work explains it");
		for (uint32_t i = 0; i < m->nroot; i++) {
			uint32_t rt = a->slip_roots.v[m->root0 + i];
			const bt_as_item *ri = NULL;
			for (uint32_t j = 0; j < a->slipped.n && !ri; j++)
				ri = a->slipped.v[j].task == rt ? &a->slipped.v[j] : NULL;
			bt_buf_printf(&r, "%s%s", i ? ", " : "", p->tasks.v[rt].id);
			if (ri && ri->ncause)
				bt_buf_printf(&r, " (%s)", cause_word(a->slip_causes.v[ri->cause0].kind));
		}
		const char *s = r.oom ? NULL : bt_arena_strndup(&o->arena, r.s, r.len);
		o->oom |= r.oom;
		bt_buf_release(&r);
		bullet(o, s);
	}
	if (!a->slipped.n)
		bullet(o, "Slipped: nothing.");
	/* Slips grouped under their root: the root with its causes, then the
	 * descendants it moved, once each. */
	uint32_t groups = 0, rest = 0;
	for (uint32_t i = 0; i < a->slipped.n; i++) {
		const bt_as_item *it = &a->slipped.v[i];
		if (it->root != it->task && it->root != BT_NONE) {
			/* A descendant whose root did not slip (it finished late): the
			 * first such descendant heads the group. */
			int head = 1;
			for (uint32_t j = 0; j < i && head; j++)
				head = a->slipped.v[j].root != it->root;
			int root_slipped = 0;
			for (uint32_t j = 0; j < a->slipped.n && !root_slipped; j++)
				root_slipped = a->slipped.v[j].task == it->root;
			if (!head || root_slipped)
				continue;
		}
		if (groups == 8) {
			rest++;
			continue;
		}
		groups++;
		const bt_task *t = &p->tasks.v[it->task];
		bt_buf b = BT_BUF_INIT;
		if (it->root == it->task) {
			bt_buf_printf(&b, "Slipped %+d %s: %s (%s) now finishes %s, was %s", it->days,
				      it->days == 1 ? "day" : "days", t->id, t->team.name ? t->team.name : "",
				      ds(it->date, d), ds(it->prev, q));
			for (uint32_t k = 0; k < it->ncause; k++)
				bt_buf_printf(&b, "%s%s", k ? "; " : ": ", a->slip_causes.v[it->cause0 + k].text);
		} else {
			bt_buf_printf(&b, "Slipped after %s, which finished late", it->root == BT_NONE ? "?" : p->tasks.v[it->root].id);
		}
		uint32_t kids = 0, shown = 0;
		for (uint32_t j = 0; j < a->slipped.n; j++) {
			const bt_as_item *c = &a->slipped.v[j];
			if (c->root != it->root || c->task == it->root || it->root == BT_NONE)
				continue;
			kids++;
			if (shown < 6) {
				bt_buf_printf(&b, "%s%s %+d", shown ? ", " : kids == 1 && it->root == it->task ? "; moving " : ": ",
					      p->tasks.v[c->task].id, c->days);
				shown++;
			}
		}
		if (kids > shown)
			bt_buf_printf(&b, " and %u more", kids - shown);
		const char *s = b.oom ? NULL : bt_arena_strndup(&o->arena, b.s, b.len);
		o->oom |= b.oom;
		bt_buf_release(&b);
		bullet(o, s);
	}
	if (rest)
		bullet(o, bt_arena_printf(&o->arena, "and %u more slip%s with causes of their own (see --json)", rest,
					  rest == 1 ? "" : "s"));
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

/*=========================== For executives =======================*/

/* A date as an email says it: "Fri 9 Apr", with the year when it is not
 * the status date's. */
static const char *wd(out *o, bt_date d)
{
	static const char *const day[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
	static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	int y, m, dd, ry = 0, rm, rd;
	if (d == BT_DATE_NONE)
		return "no date";
	bt_date_to_ymd(d, &y, &m, &dd);
	if (o->a->as_of != BT_DATE_NONE)
		bt_date_to_ymd(o->a->as_of, &ry, &rm, &rd);
	char *s = ry && y != ry ? bt_arena_printf(&o->arena, "%s %d %s %d", day[bt_date_weekday(d) % 7], dd, mon[(m - 1) % 12], y)
				: bt_arena_printf(&o->arena, "%s %d %s", day[bt_date_weekday(d) % 7], dd, mon[(m - 1) % 12]);
	if (!s)
		o->oom = 1;
	return s ? s : "";
}

static const char *ms_title(const bt_assessment *a, const bt_as_ms *m)
{
	if (m->idx == BT_NONE)
		return a->plan->prog.title ? a->plan->prog.title : m->id;
	return m->title ? m->title : m->id;
}

/* Where a commitment stands, in words: "committed Fri 25 Jun; likely
 * Tue 3 Aug, 85% sure by Fri 27 Aug". */
static const char *stands(out *o, const bt_as_ms *m)
{
	const char *c = m->commit != BT_DATE_NONE ? bt_arena_printf(&o->arena, "committed %s", wd(o, m->commit))
						  : "no committed date";
	if (m->reached)
		return bt_arena_printf(&o->arena, "%s; reached %s", c, wd(o, m->planned));
	if (m->fc.have)
		return bt_arena_printf(&o->arena, "%s; likely %s, 85%% sure by %s", c, wd(o, m->p50), wd(o, m->p85));
	if (m->commit == BT_DATE_NONE)
		return bt_arena_printf(&o->arena, "%s; planned %s", c, wd(o, m->planned));
	int32_t s = m->slack < 0 ? -m->slack : m->slack;
	return bt_arena_printf(&o->arena, "%s; planned %s, %d working day%s %s", c, wd(o, m->planned), s,
			       s == 1 ? "" : "s", m->slack < 0 ? "late" : "to spare");
}

/* The driver in titles: what it is and what it does to the dates. */
static const char *driver_words(out *o)
{
	const bt_assessment *a = o->a;
	const bt_plan *p = o->p;
	const bt_as_cause *c = &a->causes.v[a->driver];
	const uint32_t *ids = c->nid ? &a->cause_idx.v[c->id0] : NULL;
	const char *what = "";
	switch (c->kind) {
	case BT_CAUSE_DECISION: {
		const bt_decision *d = &p->decisions.v[c->subject];
		what = bt_arena_printf(&o->arena, "the decision “%s” is still open, %d day%s after it was needed",
				       d->title ? d->title : d->id, a->decs.v[c->subject].overdue_days,
				       a->decs.v[c->subject].overdue_days == 1 ? "" : "s");
		break;
	}
	case BT_CAUSE_RISKS:
	case BT_CAUSE_RISK: {
		/* The one risk the forecast ranks first, even in a set. */
		const bt_as_ms *h = a->headline_ms;
		int one = c->kind == BT_CAUSE_RISK || (h->fc.has_driver && h->fc.driver_risk && a->driver_days >= 0);
		if (!one)
			goto set;
		const bt_risk *r = &p->risks.v[a->driver_days >= 0 ? h->fc.driver : c->subject];
		double dd = a->driver_days >= 0 ? a->driver_days : c->days;
		what = bt_arena_printf(&o->arena, "of the risk “%s”%s", r->title ? r->title : r->id,
				       dd >= 0.5 ? bt_arena_printf(&o->arena, ", which adds about %.0f working day%s", dd,
								   dd < 1.5 ? "" : "s")
						 : "");
		break;
	set:;
		bt_buf b = BT_BUF_INIT;
		for (uint32_t i = 0; i < c->nid; i++) {
			const bt_risk *rk = &p->risks.v[ids[i]];
			bt_buf_printf(&b, "%s“%s”", i == 0 ? "" : i + 1 == c->nid ? " and " : ", ", rk->title ? rk->title : rk->id);
		}
		what = b.oom ? NULL : bt_arena_printf(&o->arena, "of %u risks on the critical work, %s, which could add about %.0f working days",
						      c->nid, b.s, c->days);
		bt_buf_release(&b);
		break;
	}
	case BT_CAUSE_TASK: {
		const bt_task *t = &p->tasks.v[c->subject];
		const char *tm = t->team.idx != BT_NONE ? p->teams.v[t->team.idx].title : NULL;
		what = bt_arena_printf(&o->arena, "“%s”%s%s%s sets the date", t->title ? t->title : t->id, tm ? " (" : "",
				       tm ? tm : "", tm ? ")" : "");
		break;
	}
	case BT_CAUSE_CHAIN: {
		const bt_task *t0 = &p->tasks.v[ids[0]], *t1 = &p->tasks.v[ids[c->nid - 1]];
		int32_t s = c->worst_slack < 0 ? -c->worst_slack : c->worst_slack;
		what = bt_arena_printf(&o->arena, "the work from “%s” to “%s” %s %d working day%s%s",
				       t0->title ? t0->title : t0->id, t1->title ? t1->title : t1->id,
				       c->worst_slack < 0 ? "ends" : "leaves only", s, s == 1 ? "" : "s",
				       c->worst_slack < 0 ? " late" : " to spare");
		break;
	}
	case BT_CAUSE_CAPACITY: {
		const bt_team *t = &p->teams.v[c->subject];
		double dd = a->driver_effect >= 0 ? a->driver_effect : c->days;
		char f[16], n[16];
		bt_people(f, c->was);
		bt_people(n, c->now);
		const char *tt = t->title ? t->title : t->id;
		const char *sl = c->slower > 0 ? bt_arena_printf(&o->arena, "works %.0f%% slower", 100 * c->slower) : NULL;
		const char *from = c->when != BT_DATE_NONE ? bt_arena_printf(&o->arena, " %s %s", c->since_prev ? "since the update of" : "from",
									      wd(o, c->when)) : "";
		if (c->now < c->was && c->when != BT_DATE_NONE)
			what = bt_arena_printf(&o->arena, "the %s team is down from %s to %s %s%s%s%s", tt, f, n,
					       c->now == 10 ? "person" : "people", from, sl ? " and " : "", sl ? sl : "");
		else if (sl)
			what = bt_arena_printf(&o->arena, "the %s team %s%s", tt, sl, from);
		else
			what = bt_arena_printf(&o->arena, "the %s team's %s %s cannot take the work on sooner", tt, n,
					       c->now == 10 ? "person" : "people");
		what = bt_arena_printf(&o->arena, "%s, which adds about %.0f working day%s", what, dd, dd < 1.5 ? "" : "s");
		break;
	}
	case BT_CAUSE_ESTIMATE: {
		const bt_task *t = &p->tasks.v[c->subject];
		double dd = a->driver_effect >= 0 ? a->driver_effect : c->days;
		what = bt_arena_printf(&o->arena, "“%s” was re-estimated from %d to %d working days %s %s, which moves the date about %.0f working day%s",
				       t->title ? t->title : t->id, c->was, c->now, c->when != BT_DATE_NONE ? "on" : "since the update of",
				       wd(o, c->when != BT_DATE_NONE ? c->when : a->prev.as_of), dd, dd < 1.5 ? "" : "s");
		break;
	}
	case BT_CAUSE_STALE:
		what = "the status is out of date";
		break;
	default:
		return "every commitment is on track";
	}
	/* What it holds back, by name when it is one or two. */
	const char *held = "";
	uint32_t open = 0;
	for (uint32_t k = 0; k < a->nms; k++)
		open += !a->ms[k].reached && a->ms[k].commit != BT_DATE_NONE && a->ms[k].idx != BT_NONE;
	if (c->nms == 1 || c->nms == 2) {
		const bt_as_ms *m0 = &a->ms[a->cause_idx.v[c->ms0]];
		const bt_as_ms *m1 = c->nms == 2 ? &a->ms[a->cause_idx.v[c->ms0 + 1]] : NULL;
		held = bt_arena_printf(&o->arena, ", holding back “%s”%s%s%s", ms_title(a, m0), m1 ? " and “" : "",
				       m1 ? ms_title(a, m1) : "", m1 ? "”" : "");
	} else if (c->nms > 2) {
		held = c->nms >= open ? bt_arena_printf(&o->arena, ", holding back all %u open milestones", open)
				      : bt_arena_printf(&o->arena, ", holding back %u of the %u open milestones", c->nms, open);
	}
	const char *s = what && held ? bt_arena_printf(&o->arena, "%s%s%s", what, held,
						     a->ncause > 1 ? bt_arena_printf(&o->arena, " (one of %u causes)", a->ncause) : "")
				     : NULL;
	if (!s)
		o->oom = 1;
	return s ? s : "";
}

/* The first line for executives: the RAG, where the headline commitment
 * stands in words, and the cause that moves it. */
static void exec_headline(out *o)
{
	const bt_assessment *a = o->a;
	const bt_plan *p = o->p;
	const bt_as_ms *h = a->headline_ms;
	const bt_scenario *sc = a->sched->scen;
	const char *rw = rag_word(a->rag);
	const char *lead = sc ? bt_arena_printf(&o->arena, "Under the scenario “%s”, ", sc->title ? sc->title : sc->id) : "";
	const char *who = bt_arena_printf(&o->arena, "%s%s%s%s", p->prog.title ? p->prog.title : p->prog.id,
					  h->idx != BT_NONE ? ", “" : "", h->idx != BT_NONE ? ms_title(a, h) : "",
					  h->idx != BT_NONE ? "”" : "");
	char pc[8] = "";
	if (bt_as_has_chance(h) && !h->reached)
		bt_fmt_chance(pc, sizeof pc, h->fc.chance);
	const char *st = bt_arena_printf(&o->arena, "%s: %s%s%s%s", who ? who : "", stands(o, h), pc[0] ? " (" : "",
					 pc[0] ? pc : "", pc[0] ? " chance of making the commitment)" : "");
	const char *why = a->driver >= 0 ? driver_words(o) : NULL;
	const char *body = bt_arena_printf(&o->arena, "%s%s.%s%s%s", lead ? lead : "", st ? st : "",
					   why ? " Because " : "", why ? why : "", why ? "." : "");
	if (!lead || !who || !st || !body) {
		o->oom = 1;
		body = "";
	}
	if (o->md)
		line(o, "%s**%s** — %s", o->lines ? "\n" : "", rw, body);
	else if (o->color)
		line(o, "%s\033[1m%s\033[0m — %s", rag_color(a->rag), rw, body);
	else
		line(o, "%s — %s", rw, body);
}

static const char *ttitle(const bt_plan *p, uint32_t v)
{
	return p->tasks.v[v].title ? p->tasks.v[v].title : p->tasks.v[v].id;
}

/* An ISO date of a slip cause's figures, in words. */
static const char *iso_words(out *o, const char *iso)
{
	bt_date d;
	return iso && !bt_date_parse(iso, strlen(iso), &d) ? wd(o, d) : iso ? iso : "";
}

/* A slip's cause as an executive reads it: titles, dates in words. */
static const char *cause_words(out *o, const bt_slip_cause *c)
{
	const bt_plan *p = o->p;
	bt_arena *ar = &o->arena;
	switch (c->kind) {
	case BT_CA_ESTIMATE:
		return bt_arena_printf(ar, "re-estimated from %d to %d working days", c->was, c->now);
	case BT_CA_PROGRESS: {
		int left = atoi(c->to), plan = atoi(c->from);
		return plan ? bt_arena_printf(ar, "%d working day%s of work left where the plan had %d", left, left == 1 ? "" : "s", plan)
			    : bt_arena_printf(ar, "planned to be done by now, %d working day%s of work left", left, left == 1 ? "" : "s");
	}
	case BT_CA_LATE_START:
		return c->to ? bt_arena_printf(ar, "started %s instead of %s", iso_words(o, c->to), iso_words(o, c->from))
			     : bt_arena_printf(ar, "due to start %s and not started", iso_words(o, c->from));
	case BT_CA_RISK: {
		const bt_risk *r = &p->risks.v[c->subject];
		return bt_arena_printf(ar, "the risk “%s” happened", r->title ? r->title : r->id);
	}
	case BT_CA_CAPACITY: {
		const bt_team *t = &p->teams.v[c->subject];
		return bt_arena_printf(ar, "the %s team has %s people, down from %s", t->title ? t->title : t->id, c->to, c->from);
	}
	case BT_CA_SCOPE:
		return bt_arena_printf(ar, "new work before it: “%s”", ttitle(p, c->subject));
	case BT_CA_DECISION: {
		const bt_decision *d = &p->decisions.v[c->subject];
		return bt_arena_printf(ar, "the decision “%s” is still open", d->title ? d->title : d->id);
	}
	case BT_CA_LATE_FINISH:
		return "finished later than planned";
	default:
		return "cause not known yet";
	}
}

/* One line of "what is being done" in titles (the assessment's line when
 * it has no record of what it is about). */
static const char *exec_action(out *o, const char *line)
{
	const bt_assessment *a = o->a;
	const bt_plan *p = o->p;
	const bt_as_action *t = bt_as_action_of(a, line);
	if (!t)
		return line;
	const char *cw = t->cause != BT_NONE ? cause_words(o, &a->slip_causes.v[t->cause]) : "cause not known yet";
	int32_t d = t->days < 0 ? -t->days : t->days;
	const char *later = bt_arena_printf(&o->arena, "%d working day%s %s", d, d == 1 ? "" : "s", t->days < 0 ? "earlier" : "later");
	switch (t->kind) {
	case BT_ACT_SLIP_NOTE:
		return bt_arena_printf(&o->arena, "“%s”, %s (%s): %s", ttitle(p, t->subject), later, cw, t->note);
	case BT_ACT_SLIP_NONE:
		return bt_arena_printf(&o->arena, "Nothing is being done yet about “%s”, %s (%s)", ttitle(p, t->subject), later, cw);
	case BT_ACT_MITIGATING: {
		const bt_risk *r = &p->risks.v[t->subject];
		return bt_arena_printf(&o->arena, "Against “%s”%s%s%s: %s", r->title ? r->title : r->id, r->owner ? " (" : "",
				       r->owner ? r->owner : "", r->owner ? ")" : "", r->mitigation ? r->mitigation : "");
	}
	case BT_ACT_DECISION: {
		const bt_decision *dd = &p->decisions.v[t->subject];
		const char *from = dd->from ? dd->from : dd->owner;
		return bt_arena_printf(&o->arena, "Decision needed%s%s%s%s: %s", from ? " from " : "", from ? from : "",
				       dd->need_by != BT_DATE_NONE ? " by " : "", dd->need_by != BT_DATE_NONE ? wd(o, dd->need_by) : "",
				       dd->ask ? dd->ask : dd->title ? dd->title : dd->id);
	}
	case BT_ACT_DECIDED: {
		const bt_decision *dd = &p->decisions.v[t->subject];
		return bt_arena_printf(&o->arena, "Decided %s: %s", wd(o, a->decs.v[t->subject].taken_on),
				       dd->title ? dd->title : dd->id);
	}
	case BT_ACT_UNADDRESSED:
		return bt_arena_printf(&o->arena, "Nothing addresses “%s” yet", ms_title(a, &a->ms[t->subject]));
	default:
		return line;
	}
}

/* At most 12 lines: the asks (who, by when, what), where the program
 * stands and why, what is being done, the milestones; titles and dates in
 * words, no ids, no jargon. Then the program's and milestones' notes. */
static void status_exec(out *o)
{
	const bt_assessment *a = o->a;
	const bt_plan *p = o->p;
	uint32_t nasks = 0, asks = 0;
	for (uint32_t i = 0; i < a->decs.n; i++)
		nasks += a->decs.v[i].state == BT_DEC_PROPOSED;
	if (nasks) {
		line(o, o->md ? "**Asks:**" : "Asks:");
		for (uint32_t i = 0; i < a->decs.n; i++) {
			const bt_as_dec *d = &a->decs.v[i];
			const bt_decision *pd = &p->decisions.v[d->idx];
			if (d->state != BT_DEC_PROPOSED)
				continue;
			if (asks == (nasks > 3 ? 2u : 3u)) {
				bullet(o, bt_arena_printf(&o->arena, "and %u more decision%s to take", nasks - asks,
							  nasks - asks == 1 ? "" : "s"));
				break;
			}
			asks++;
			const char *by = pd->need_by == BT_DATE_NONE ? ""
					 : bt_arena_printf(&o->arena, d->overdue ? ", overdue since %s" : ", by %s", wd(o, pd->need_by));
			bullet(o, bt_arena_printf(&o->arena, "%s%s: decide on “%s”", d->from ? d->from : "No one named yet",
						  by ? by : "", d->ask));
		}
	}
	exec_headline(o);
	if (a->rag != BT_RAG_GREEN && a->naction) {
		line(o, o->md ? "\n**Being done:**" : "Being done:");
		uint32_t cap = a->naction > 2 ? 1 : a->naction;
		for (uint32_t i = 0; i < cap; i++)
			bullet(o, exec_action(o, a->strs.v[a->action0 + i]));
		if (a->naction > cap)
			bullet(o, bt_arena_printf(&o->arena, "and %u more in progress", a->naction - cap));
	}
	line(o, o->md ? "\n**Milestones:**" : "Milestones:");
	uint32_t open = 0, shown = 0;
	for (uint32_t k = 0; k < a->nms; k++)
		open += !a->ms[k].reached && a->ms[k].commit != BT_DATE_NONE && a->ms[k].idx != BT_NONE;
	/* What the 12 lines leave: every open milestone, or all but one line
	 * of them and the rest named on that line. */
	uint32_t room = o->lines < 11 ? (uint32_t)(12 - o->lines) : 1;
	uint32_t cap = open <= room ? open : room > 1 ? room - 1 : 0;
	bt_buf rest = BT_BUF_INIT;
	int one_rag = 1;
	uint8_t rag = BT_RAG_NONE;
	for (uint32_t k = 0, i = 0; k < a->nms; k++) {
		const bt_as_ms *m = &a->ms[k];
		if (m->reached || m->commit == BT_DATE_NONE || m->idx == BT_NONE || i++ < cap)
			continue;
		one_rag &= rag == BT_RAG_NONE || rag == m->rag;
		rag = m->rag;
	}
	for (uint32_t k = 0; k < a->nms; k++) {
		const bt_as_ms *m = &a->ms[k];
		if (m->reached || m->commit == BT_DATE_NONE || m->idx == BT_NONE)
			continue;
		if (shown++ >= cap) {
			/* The rest by name; their RAG once when they share it. */
			if (!rest.len && one_rag)
				bt_buf_printf(&rest, "all %s: ", bt_rag_name(rag));
			bt_buf_printf(&rest, "%s%s", rest.len && !(one_rag && shown == cap + 1) ? "; " : "", ms_title(a, m));
			if (!one_rag)
				bt_buf_printf(&rest, " (%s)", bt_rag_name(m->rag));
			continue;
		}
		bullet(o, bt_arena_printf(&o->arena, "%s %s: %s", rag_word(m->rag), ms_title(a, m), stands(o, m)));
	}
	if (rest.len)
		bullet(o, rest.oom ? NULL : bt_arena_printf(&o->arena, "and %u more, %s", open - cap, rest.s));
	o->oom |= rest.oom;
	bt_buf_release(&rest);
	if (!open)
		bullet(o, "All committed milestones reached.");
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

/* Written through the streaming writer (jsonw.h) as jansson's json_dump
 * with JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(4)
 * wrote the tree it replaced, byte for byte: shares are rounded to four
 * digits anyway, and a day count reads best without a tail. */
#define JSON_DIGITS 4

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

/* A member that is a number only when `have`, else null. */
static void jint_if(bt_jsonw *w, const char *k, int have, int64_t v)
{
	if (have)
		bt_jw_kint(w, k, v);
	else
		bt_jw_knull(w, k);
}

static void jreal_if(bt_jsonw *w, const char *k, int have, double v)
{
	if (have)
		bt_jw_kreal(w, k, v);
	else
		bt_jw_knull(w, k);
}

static void jstrs(bt_jsonw *w, const char *k, const bt_assessment *a, uint32_t first, uint32_t n)
{
	bt_jw_key(w, k);
	bt_jw_arr(w);
	for (uint32_t i = 0; i < n; i++)
		bt_jw_str(w, a->strs.v[first + i]);
	bt_jw_arr_end(w);
}

/* The baseline beside the commitment in force: the first commitment, the
 * changes by the status date, and the forecast against both. */
static void jbaseline(bt_jsonw *w, const bt_assessment *a, const bt_as_ms *m)
{
	int moved = m->ncc_now > 0;
	jdate(w, "original_commit", m->commit0);
	bt_jw_key(w, "commit_changes");
	bt_jw_arr(w);
	for (uint32_t i = 0; i < m->ncc_now; i++) {
		const bt_commit_change *c = &a->plan->commit_changes.v[m->cc0 + i];
		bt_jw_obj(w);
		jdate(w, "date", c->date);
		jdate(w, "since", c->since);
		bt_jw_kstr(w, "by", c->by.name);
		bt_jw_kstr(w, "reason", c->reason);
		bt_jw_obj_end(w);
	}
	bt_jw_arr_end(w);
	bt_jw_kstr(w, "commit_story", m->commit_story);
	jint_if(w, "p50_slack_original", moved && m->fc.have && m->commit0 != BT_DATE_NONE, m->p50_slack0);
	jreal_if(w, "chance_original", moved && m->fc.have && m->fc.chance0 >= 0, bt_round_share(m->fc.chance0));
}

static void jms(bt_jsonw *w, const bt_assessment *a, const bt_as_ms *m)
{
	int fc = bt_as_has_chance(m);
	bt_jw_obj(w);
	bt_jw_kstr(w, "id", m->id);
	bt_jw_kstr(w, "title", m->title);
	bt_jw_kstr(w, "rag", m->rag == BT_RAG_NONE ? NULL : bt_rag_name(m->rag));
	jstrs(w, "reasons", a, m->reason0, m->nreason);
	jdate(w, "commit", m->commit);
	jdate(w, "planned", m->planned);
	jint_if(w, "slack", m->commit != BT_DATE_NONE, m->slack);
	jdate(w, "p50", m->p50);
	jdate(w, "p85", m->p85);
	jreal_if(w, "chance", fc, bt_round_share(m->fc.chance));
	jint_if(w, "p50_slack", fc, m->p50_slack);
	jint_if(w, "p85_slack", fc, m->p85_slack);
	jbaseline(w, a, m);
	bt_jw_kbool(w, "reached", m->reached);
	if (m->have_prev)
		jdate(w, "previous_planned", m->prev_planned);
	else
		bt_jw_knull(w, "previous_planned");
	jint_if(w, "change_days", m->have_prev, m->change);
	bt_jw_key(w, "causes");
	bt_jw_arr(w);
	for (uint32_t i = 0; i < m->ncause; i++)
		bt_jw_int(w, a->cause_idx.v[m->cause0 + i]);
	bt_jw_arr_end(w);
	if (m->idx == BT_NONE)
		bt_jw_kstr(w, "same_as", m->same_as != BT_NONE ? a->ms[m->same_as].id : NULL);
	bt_jw_key(w, "change_roots");
	bt_jw_arr(w);
	for (uint32_t i = 0; i < m->nroot; i++)
		bt_jw_str(w, a->plan->tasks.v[a->slip_roots.v[m->root0 + i]].id);
	bt_jw_arr_end(w);
	jstrs(w, "actions", a, m->action0, m->naction);
	bt_jw_kbool(w, "addressed", !m->unaddressed);
	bt_jw_key(w, "tasks");
	bt_jw_obj(w);
	bt_jw_kint(w, "total", m->ntask);
	bt_jw_kint(w, "done", m->ndone);
	bt_jw_kint(w, "started", m->nstarted);
	bt_jw_obj_end(w);
	bt_jw_obj_end(w);
}

static const char *const cause_kind[] = {"decision", "risks", "risk", "task", "chain", "capacity", "re-estimate",
					 "stale", "none"};

/* The id of a cause's i-th subject (a decision, risk, team or task). */
static const char *cause_id(const bt_assessment *a, const bt_as_cause *c, uint32_t x)
{
	const bt_plan *p = a->plan;
	return c->kind == BT_CAUSE_DECISION ? p->decisions.v[x].id
	       : c->kind == BT_CAUSE_RISK || c->kind == BT_CAUSE_RISKS ? p->risks.v[x].id
	       : c->kind == BT_CAUSE_CAPACITY ? p->teams.v[x].id
	       : p->tasks.v[x].id;
}

/* The causes, ranked, the driver first: what each is about and affects. */
static void jcauses(bt_jsonw *w, const bt_assessment *a)
{
	bt_jw_key(w, "causes");
	bt_jw_arr(w);
	for (uint32_t i = 0; i < a->causes.n; i++) {
		const bt_as_cause *c = &a->causes.v[i];
		bt_jw_obj(w);
		bt_jw_kstr(w, "kind", cause_kind[c->kind % 9]);
		bt_jw_kstr(w, "subject", c->nid ? cause_id(a, c, a->cause_idx.v[c->id0]) : NULL);
		bt_jw_key(w, "ids");
		bt_jw_arr(w);
		for (uint32_t k = 0; k < c->nid; k++)
			bt_jw_str(w, cause_id(a, c, a->cause_idx.v[c->id0 + k]));
		bt_jw_arr_end(w);
		bt_jw_key(w, "milestones");
		bt_jw_arr(w);
		for (uint32_t k = 0; k < c->nms; k++)
			bt_jw_str(w, a->ms[a->cause_idx.v[c->ms0 + k]].id);
		bt_jw_arr_end(w);
		bt_jw_kstr(w, "text", c->text);
		bt_jw_kstr(w, "label", c->label ? c->label : "");
		jreal_if(w, "effect_days", c->days >= 0, c->days);
		jreal_if(w, "worst_chance", c->worst_chance >= 0, bt_round_share(c->worst_chance));
		jint_if(w, "worst_slack", c->worst_slack != INT32_MAX, c->worst_slack);
		bt_jw_obj_end(w);
	}
	bt_jw_arr_end(w);
}

static void jslip_causes(bt_jsonw *w, const bt_assessment *a, uint32_t first, uint32_t n)
{
	static const char *const kind[] = {"re-estimate", "progress", "late-start", "late-finish", "risk-occurred",
					   "capacity", "scope-added", "decision-open", "unknown"};
	static const char *const sk[] = {"program", "task", "milestone", "risk", "decision", "team"};
	const bt_plan *p = a->plan;
	bt_jw_key(w, "causes");
	bt_jw_arr(w);
	for (uint32_t i = 0; i < n; i++) {
		const bt_slip_cause *c = &a->slip_causes.v[first + i];
		const char *sid = c->subject_kind == BT_K_TASK ? p->tasks.v[c->subject].id
				  : c->subject_kind == BT_K_RISK ? p->risks.v[c->subject].id
				  : c->subject_kind == BT_K_DECISION ? p->decisions.v[c->subject].id
				  : c->subject_kind == BT_K_TEAM ? p->teams.v[c->subject].id : NULL;
		bt_jw_obj(w);
		bt_jw_kstr(w, "kind", kind[c->kind % 9]);
		bt_jw_kstr(w, "subject_kind", sk[c->subject_kind % 6]);
		bt_jw_kstr(w, "subject", sid);
		bt_jw_kstr(w, "from", c->from);
		bt_jw_kstr(w, "to", c->to);
		jdate(w, "when", c->when);
		bt_jw_kstr(w, "text", c->text);
		bt_jw_obj_end(w);
	}
	bt_jw_arr_end(w);
}

static void jdriver(bt_jsonw *w, const bt_assessment *a)
{
	if (a->driver < 0) {
		bt_jw_knull(w, "driver");
		return;
	}
	const bt_as_cause *c = &a->causes.v[a->driver];
	const bt_as_ms *h = a->headline_ms;
	bt_jw_key(w, "driver");
	bt_jw_obj(w);
	bt_jw_kint(w, "cause", a->driver);
	bt_jw_kstr(w, "kind", cause_kind[c->kind % 9]);
	/* The forecast's own top driver of the headline commitment, when the
	 * cause is a set of risks that holds it. */
	const char *subj = h->fc.has_driver && a->driver_days >= 0 ? a->plan->risks.v[h->fc.driver].id : NULL;
	if (!subj && c->nid)
		subj = cause_id(a, c, a->cause_idx.v[c->id0]);
	bt_jw_kstr(w, "subject", subj);
	bt_jw_kstr(w, "commitment", h->id);
	jreal_if(w, "days", a->driver_days >= 0 || a->driver_effect >= 0,
		 a->driver_days >= 0 ? a->driver_days : a->driver_effect);
	bt_jw_kstr(w, "text", a->driver_text);
	bt_jw_obj_end(w);
}

static void jrisks(bt_jsonw *w, const bt_assessment *a)
{
	static const char *const st[] = {"open", "mitigating", "closed", "occurred", "absorbed"};
	static const struct {
		unsigned flag;
		const char *name;
	} flags[] = {{BT_RF_STALE, "stale"},
		     {BT_RF_NO_OWNER, "no-owner"},
		     {BT_RF_NO_MITIGATION, "no-mitigation"},
		     {BT_RF_OCCURRED, "occurred"},
		     {BT_RF_WOULD_MISS, "would-miss"}};
	bt_jw_key(w, "risks");
	bt_jw_arr(w);
	for (uint32_t i = 0; i < a->risks.n; i++) {
		const bt_as_risk *r = &a->risks.v[i];
		const bt_risk *pr = &a->plan->risks.v[r->idx];
		bt_jw_obj(w);
		bt_jw_kstr(w, "id", pr->id);
		bt_jw_kstr(w, "title", pr->title);
		bt_jw_kstr(w, "state", st[pr->state % 5]);
		bt_jw_kstr(w, "owner", pr->owner);
		bt_jw_kreal(w, "probability", pr->probability < 0 ? 0 : pr->probability);
		bt_jw_kreal(w, "impact_days", r->impact);
		bt_jw_kint(w, "score", r->score);
		bt_jw_key(w, "cell");
		bt_jw_obj(w);
		bt_jw_kint(w, "probability", r->pband);
		bt_jw_kint(w, "impact", r->iband);
		bt_jw_obj_end(w);
		bt_jw_kreal(w, "exposure_days", r->exposure);
		jint_if(w, "absorbable_days", r->absorb != BT_DAY_NONE, r->absorb);
		bt_jw_kstr(w, "threatens", r->threat);
		bt_jw_kbool(w, "escalate", r->escalate);
		bt_jw_key(w, "flags");
		bt_jw_arr(w);
		for (size_t f = 0; f < sizeof flags / sizeof flags[0]; f++)
			if (r->flags & flags[f].flag)
				bt_jw_str(w, flags[f].name);
		bt_jw_arr_end(w);
		bt_jw_kstr(w, "mitigation", pr->mitigation);
		jdate(w, "review", pr->review);
		bt_jw_obj_end(w);
	}
	bt_jw_arr_end(w);
}

static void jdecs(bt_jsonw *w, const bt_assessment *a)
{
	static const char *const st[] = {"proposed", "decided", "superseded"};
	bt_jw_key(w, "decisions");
	bt_jw_arr(w);
	for (uint32_t i = 0; i < a->decs.n; i++) {
		const bt_as_dec *d = &a->decs.v[i];
		const bt_decision *pd = &a->plan->decisions.v[d->idx];
		if (d->unraised)
			continue;
		bt_jw_obj(w);
		bt_jw_kstr(w, "id", pd->id);
		bt_jw_kstr(w, "title", pd->title);
		bt_jw_kstr(w, "state", d->state >= 0 ? st[d->state % 3] : NULL);
		jdate(w, "date", pd->date);
		jdate(w, "need_by", pd->need_by);
		jdate(w, "decided", pd->decided);
		jint_if(w, "decided_late_days", d->late_days != 0, d->late_days);
		bt_jw_kstr(w, "owner", pd->owner);
		bt_jw_kstr(w, "ask", d->ask);
		bt_jw_kstr(w, "from", d->from);
		bt_jw_kbool(w, "overdue", d->overdue);
		jint_if(w, "overdue_days", d->overdue, d->overdue_days);
		bt_jw_kbool(w, "taken_since_last_update", d->taken_since);
		bt_jw_obj_end(w);
	}
	bt_jw_arr_end(w);
}

static void jnotes(bt_jsonw *w, const bt_assessment *a)
{
	static const char *const kind[] = {"program", "task", "milestone", "risk", "decision", "team"};
	bt_jw_key(w, "notes");
	bt_jw_arr(w);
	for (uint32_t i = 0; i < a->notes.n; i++) {
		const bt_as_note *nt = &a->notes.v[i];
		bt_jw_obj(w);
		bt_jw_kstr(w, "about", kind[nt->kind % 6]);
		bt_jw_kstr(w, "id", nt->id);
		bt_jw_kstr(w, "title", nt->title);
		bt_jw_kstr(w, "text", nt->text);
		bt_jw_obj_end(w);
	}
	bt_jw_arr_end(w);
}

static void jconflicts(bt_jsonw *w, const bt_assessment *a)
{
	static const char *const kinds[] = {"over-capacity", "early-start", "nothing-before", "no-owner", "programs"};
	bt_jw_key(w, "conflicts");
	bt_jw_arr(w);
	for (uint32_t i = 0; i < a->conflicts.n; i++) {
		const bt_as_conflict *c = &a->conflicts.v[i];
		bt_jw_obj(w);
		bt_jw_kstr(w, "kind", kinds[c->kind % 5]);
		bt_jw_kstr(w, "team", c->team == BT_NONE ? NULL : a->plan->teams.v[c->team].id);
		bt_jw_kstr(w, "text", c->text);
		bt_jw_kstr(w, "question", c->question);
		bt_jw_obj_end(w);
	}
	bt_jw_arr_end(w);
}

/* The hand-offs whose work may not arrive when it is needed. */
static void jhandoffs_at_risk(bt_jsonw *w, const bt_assessment *a)
{
	bt_jw_key(w, "handoffs_at_risk");
	bt_jw_arr(w);
	for (uint32_t i = 0; i < a->handoffs.n; i++) {
		const bt_as_handoff *h = &a->handoffs.v[i];
		if (!h->at_risk)
			continue;
		bt_jw_obj(w);
		bt_jw_kstr(w, "from", a->plan->tasks.v[h->from].id);
		bt_jw_kstr(w, "from_team", a->plan->teams.v[h->from_team].id);
		bt_jw_kstr(w, "to", a->plan->tasks.v[h->to].id);
		bt_jw_kstr(w, "to_team", a->plan->teams.v[h->to_team].id);
		jdate(w, "finish", h->finish);
		jdate(w, "needed_by", h->needed_by);
		jint_if(w, "slack", h->slack != INT32_MAX, h->slack);
		bt_jw_kbool(w, "at_risk", 1);
		bt_jw_obj_end(w);
	}
	bt_jw_arr_end(w);
}

/* The top object's first members, the same in every report: the schema
 * version first, as in every document baton writes. */
static void jroot(bt_jsonw *w, bt_buf *b, const bt_assessment *a)
{
	bt_jw_init(w, b, 2);
	bt_jw_precision(w, JSON_DIGITS);
	bt_jw_obj(w);
	bt_jw_schema(w);
	bt_jw_kstr(w, "program", a->plan->prog.id);
	bt_jw_kstr(w, "title", a->plan->prog.title);
	jdate(w, "as_of", a->as_of);
	bt_jw_kbool(w, "levelled", a->sched->levelled);
}

/* Closes the top object: 0, or -1 when the writer was misused or the
 * buffer ran out of memory (the buffer then holds no sound JSON). */
static int jend(bt_jsonw *w, bt_buf *b)
{
	bt_jw_obj_end(w);
	bt_buf_putc(b, '\n');
	return bt_jw_finish(w);
}

/* What the status was measured with: the calibration (only when asked,
 * so that recorded updates read as before), the RAG thresholds and the
 * update compared with. */
static void jstatus_basis(bt_jsonw *w, const bt_assessment *a)
{
	bt_jw_kbool(w, "forecast", a->forecast);
	if (a->calib) {
		bt_jw_key(w, "calibration");
		bt_jw_arr(w);
		for (long k = 0; k < a->ncalib; k++) {
			const bt_calib_team *t = &a->calib[k];
			bt_jw_obj(w);
			bt_jw_kstr(w, "team", t->id);
			bt_jw_kint(w, "tasks", t->tasks);
			jreal_if(w, "bias", t->tasks != 0, t->bias);
			bt_jw_kbool(w, "applied", t->tasks >= BT_CALIB_MIN);
			bt_jw_kint(w, "needs", t->tasks >= BT_CALIB_MIN ? 0 : BT_CALIB_MIN - t->tasks);
			bt_jw_obj_end(w);
		}
		bt_jw_arr_end(w);
	}
	bt_jw_key(w, "thresholds");
	bt_jw_obj(w);
	bt_jw_kreal(w, "green", a->green);
	bt_jw_kreal(w, "amber", a->amber);
	bt_jw_kint(w, "margin_days", a->margin);
	bt_jw_obj_end(w);
	if (a->have_prev) {
		bt_jw_key(w, "since");
		bt_jw_obj(w);
		jdate(w, "as_of", a->prev.as_of);
		bt_jw_kstr(w, "source", a->prev.from_record ? "record" : "status");
		bt_jw_obj_end(w);
	} else {
		bt_jw_knull(w, "since");
	}
}

/* The recovery options of the red commitments. */
static void joptions(bt_jsonw *w, const bt_assessment *a)
{
	bt_jw_key(w, "options");
	bt_jw_arr(w);
	for (uint32_t i = 0; i < a->options.n; i++) {
		const bt_as_option *x = &a->options.v[i];
		char d[11];
		bt_jw_obj(w);
		bt_jw_kstr(w, "milestone", a->ms[x->ms].idx == BT_NONE ? "program" : a->ms[x->ms].id);
		bt_jw_kstr(w, "what", x->what);
		jreal_if(w, "chance", x->what != NULL, bt_round_share(x->chance));
		jreal_if(w, "chance_before", x->what != NULL, bt_round_share(x->base));
		bt_jw_kstr(w, "p85", x->what ? ds(x->p85, d) : NULL);
		bt_jw_kstr(w, "p85_before", x->what ? ds(x->base_p85, d) : NULL);
		bt_jw_kstr(w, "move_commitment_to", x->what ? NULL : ds(x->move_to, d));
		bt_jw_kbool(w, "reaches", x->reaches);
		bt_jw_obj_end(w);
	}
	bt_jw_arr_end(w);
	bt_jw_kint(w, "options_runs", a->options_runs);
}

/* The answer: the RAG, why, what is being done, and every commitment. */
static void jstatus_story(bt_jsonw *w, const bt_assessment *a)
{
	bt_jw_kstr(w, "rag", bt_rag_name(a->rag));
	bt_jw_kstr(w, "scenario", a->sched->scen ? a->sched->scen->id : NULL);
	jnotes(w, a);
	jstrs(w, "reasons", a, a->reason0, a->nreason);
	jcauses(w, a);
	jdriver(w, a);
	jstrs(w, "actions", a, a->action0, a->naction);
	if (a->options.n)
		joptions(w, a);
	bt_jw_kint(w, "slip_actions", a->nslip_action);
	bt_jw_kstr(w, "headline", a->headline);
	jdate(w, "commit", a->plan->prog.commit);
	bt_jw_key(w, "program_end");
	jms(w, a, &a->ms[a->nms - 1]);
	bt_jw_key(w, "milestones");
	bt_jw_arr(w);
	for (uint32_t k = 0; k + 1 < a->nms; k++)
		jms(w, a, &a->ms[k]);
	bt_jw_arr_end(w);
}

/* What finished and slipped since the last update: null without one. */
static void jstatus_since(bt_jsonw *w, const bt_assessment *a)
{
	const bt_plan *p = a->plan;
	if (!a->have_prev) {
		bt_jw_knull(w, "finished");
		bt_jw_knull(w, "slipped");
		return;
	}
	bt_jw_key(w, "finished");
	bt_jw_arr(w);
	for (uint32_t k = 0; k < a->finished.n; k++) {
		bt_jw_obj(w);
		bt_jw_kstr(w, "id", p->tasks.v[a->finished.v[k].task].id);
		jdate(w, "finish", a->finished.v[k].date);
		bt_jw_obj_end(w);
	}
	bt_jw_arr_end(w);
	bt_jw_key(w, "slipped");
	bt_jw_arr(w);
	for (uint32_t k = 0; k < a->slipped.n; k++) {
		const bt_as_item *s = &a->slipped.v[k];
		bt_jw_obj(w);
		bt_jw_kstr(w, "id", p->tasks.v[s->task].id);
		jdate(w, "finish", s->date);
		jdate(w, "previous_finish", s->prev);
		bt_jw_kint(w, "days", s->days);
		bt_jw_kstr(w, "root", s->root == BT_NONE ? NULL : p->tasks.v[s->root].id);
		jslip_causes(w, a, s->cause0, s->ncause);
		bt_jw_obj_end(w);
	}
	bt_jw_arr_end(w);
}

/* Every task's dates and estimate in force, and every team's capacity:
 * what the next update compares with. */
static void jstatus_work(bt_jsonw *w, const bt_assessment *a)
{
	static const char *const st[] = {"planned", "started", "done"};
	const bt_plan *p = a->plan;
	const bt_net *n = &a->sched->net;
	bt_jw_key(w, "tasks");
	bt_jw_arr(w);
	for (uint32_t v = 0; v < n->nt && !w->err && !w->b->oom; v++) {
		char sd[11], fd[11];
		bt_sched_dates(a->sched, v, a->sched->cpm.es[v], a->sched->cpm.ef[v], sd, fd);
		bt_jw_obj(w);
		bt_jw_kstr(w, "id", p->tasks.v[v].id);
		bt_jw_kstr(w, "state", st[n->state[v] % 3]);
		bt_jw_kstr(w, "start", sd);
		bt_jw_kstr(w, "finish", fd);
		jint_if(w, "commit_float", a->cf[v] != INT32_MAX, a->cf[v]);
		/* An open task's estimate in force, for the next update's
		 * re-estimates (done work has its actual dates). */
		const bt_estimate *e = &a->est[v];
		if (n->state[v] != BT_TS_DONE && e->points) {
			bt_jw_key(w, "estimate");
			bt_jw_obj(w);
			bt_jw_kint(w, "likely", e->m);
			jint_if(w, "optimistic", e->points == 3, e->o);
			jint_if(w, "pessimistic", e->points == 3, e->p);
			bt_jw_obj_end(w);
		} else {
			bt_jw_knull(w, "estimate");
		}
		bt_jw_obj_end(w);
	}
	bt_jw_arr_end(w);
	bt_jw_key(w, "teams");
	bt_jw_arr(w);
	for (uint32_t t = 0; t < p->teams.n; t++) {
		bt_jw_obj(w);
		bt_jw_kstr(w, "id", p->teams.v[t].id);
		jreal_if(w, "capacity", p->teams.v[t].capacity >= 0, p->teams.v[t].capacity / 10.0);
		/* ... and the people in force on the status date (capacity
		 * changes, a scenario's): what a capacity change is told from. */
		jreal_if(w, "effective_capacity", a->team_cap[t] >= 0, a->team_cap[t] / 10.0);
		bt_jw_obj_end(w);
	}
	bt_jw_arr_end(w);
}

static int status_json(bt_buf *b, const bt_assessment *a)
{
	bt_jsonw w;
	jroot(&w, b, a);
	jstatus_basis(&w, a);
	jstatus_story(&w, a);
	jrisks(&w, a);
	jdecs(&w, a);
	jhandoffs_at_risk(&w, a);
	jconflicts(&w, a);
	bt_jw_key(&w, "critical_path");
	bt_jw_arr(&w);
	for (uint32_t k = 0; k < a->critical.n; k++) {
		const bt_task *t = &a->plan->tasks.v[a->critical.v[k]];
		bt_jw_obj(&w);
		bt_jw_kstr(&w, "id", t->id);
		bt_jw_kstr(&w, "team", t->team.name);
		bt_jw_kstr(&w, "owner", t->owner);
		bt_jw_obj_end(&w);
	}
	bt_jw_arr_end(&w);
	jstatus_since(&w, a);
	jstatus_work(&w, a);
	return jend(&w, b);
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
		bt_jsonw w;
		jroot(&w, b, a);
		jrisks(&w, a);
		return jend(&w, b);
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
		bt_jsonw w;
		jroot(&w, b, a);
		jdecs(&w, a);
		return jend(&w, b);
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
		if (d->unraised)
			continue;
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
		bt_jsonw w;
		jroot(&w, b, a);
		bt_jw_key(&w, "items");
		bt_jw_arr(&w);
		for (uint32_t i = 0; i < a->agenda.n; i++) {
			const bt_agenda_item *it = &a->agenda.v[i];
			bt_jw_obj(&w);
			bt_jw_kstr(&w, "team", it->team == BT_NONE ? NULL : p->teams.v[it->team].id);
			bt_jw_kstr(&w, "topic", it->topic);
			bt_jw_kstr(&w, "question", it->question);
			bt_jw_obj_end(&w);
		}
		bt_jw_arr_end(&w);
		return jend(&w, b);
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
