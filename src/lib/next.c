/*
 * next.c: baton_plan_next, the skeleton of next week's status block. Each
 * line is what the schedule expects by then, for the TPM to confirm or
 * change: the work in flight (its remaining work, or done when it should
 * have finished), the work planned to start or finish by then, and, as
 * comments, the risks due for review and the decisions due.
 */
#include <string.h>

#include "api.h"
#include "assess.h"
#include "schedule.h"

#define MAX(a, b) ((a) > (b) ? (a) : (b))

static int line_of(const bt_plan *p, uint32_t off)
{
	int line, col;
	bt_source_locate(&p->src, off, &line, &col);
	return line;
}

/* Where the block goes: after the latest status block (the end of the
 * line of its last entry), else at the end of the plan. */
static uint32_t insert_at(const bt_plan *p, const bt_status *last)
{
	const char *t = p->src.text;
	uint32_t n = p->src.len;
	if (!last)
		return n;
	uint32_t end = last->end;
	for (uint32_t k = 0; k < last->nentry; k++)
		end = MAX(end, p->entries.v[last->entry0 + k].end);
	while (end < n && t[end] != '\n')
		end++;
	return end < n ? end + 1 : n;
}

char *bt_plan_next(baton_plan *p, const char *date, int into_plan, const char **err)
{
	const char *dummy;
	if (!err)
		err = &dummy;
	if (p->diags.errors) {
		*err = "the plan has errors";
		return NULL;
	}
	const bt_status *last = NULL;
	for (uint32_t i = 0; i < p->statuses.n; i++)
		if (p->statuses.v[i].date != BT_DATE_NONE && (!last || p->statuses.v[i].date > last->date))
			last = &p->statuses.v[i];
	bt_date d;
	if (date) {
		if (bt_date_parse(date, strlen(date), &d)) {
			*err = "invalid date: expected YYYY-MM-DD";
			return NULL;
		}
	} else if (last) {
		d = last->date + 7;
	} else {
		*err = "the plan has no status block yet: give the date of the first one (--date)";
		return NULL;
	}
	if (last && d <= last->date) {
		*err = "the next status block must be dated after the latest one";
		return NULL;
	}
	if (d < p->prog.start_date) {
		*err = "a status block cannot be dated before the program starts";
		return NULL;
	}
	baton_schedule *s = bt_schedule_compute(p, NULL, err);
	if (!s)
		return NULL;
	const bt_net *n = &s->net;
	const bt_cpm *c = &s->cpm;
	/* The first working day after the new date: what is planned to
	 * happen before it has happened by then. */
	int32_t after = bt_cal_index(&n->cal, d + 1);
	char ds[11], ls[11], a[11], b[11];
	bt_date_format(d, ds);
	if (last)
		bt_date_format(last->date, ls);
	bt_buf o = BT_BUF_INIT;
	bt_buf_printf(&o, "status %s\n", ds);
	if (last)
		bt_buf_printf(&o, "  # From 'baton next': what the plan of %s expects by %s. Confirm or change each line;\n"
				  "  # delete what did not happen (a task in flight needs a line: remaining or done).\n",
			      ls, ds);
	else
		bt_buf_printf(&o, "  # From 'baton next': what the plan expects by %s. Confirm or change each line;\n"
				  "  # delete what did not happen.\n",
			      ds);
	for (uint32_t v = 0; v < n->nt; v++) {
		const bt_task *t = &p->tasks.v[v];
		if (n->state[v] == BT_TS_DONE || (n->state[v] == BT_TS_PLANNED && c->es[v] >= after))
			continue;
		bt_sched_dates(s, v, c->es[v], c->ef[v], a, b);
		int32_t left = bt_wc_days(n, v, MAX(after, c->es[v]), c->ef[v]);
		if (n->state[v] == BT_TS_STARTED) {
			if (c->ef[v] <= after)
				bt_buf_printf(&o, "  %s done %s\n  # %s: %dd left on %s, planned to finish %s\n", t->id, b, t->id,
					      n->remaining[v], ls, b);
			else
				bt_buf_printf(&o, "  %s remaining %dd\n  # %s: %dd left on %s, planned to finish %s\n", t->id, left,
					      t->id, n->remaining[v], last ? ls : "the start", b);
		} else if (c->ef[v] <= after) {
			bt_buf_printf(&o, "  %s done %s\n  # %s: planned %s to %s\n", t->id, b, t->id, a, b);
		} else {
			bt_buf_printf(&o, "  %s started %s remaining %dd\n  # %s: planned %s to %s\n", t->id, a, left, t->id, a, b);
		}
	}
	for (uint32_t i = 0; i < p->risks.n; i++) {
		const bt_risk *r = &p->risks.v[i];
		if (r->state == BT_RISK_CLOSED || r->state == BT_RISK_ABSORBED)
			continue;
		if (r->state == BT_RISK_OCCURRED) {
			bt_buf_printf(&o, "  # risk %s (line %d) occurred: once the estimates of the work it hit hold its cost,\n"
					  "  #   set its status to absorbed, so the forecast counts it once\n",
				      r->id, line_of(p, r->start));
			} else if (r->review != BT_DATE_NONE && r->review <= d) {
			bt_date_format(r->review, a);
			bt_buf_printf(&o, "  # risk %s (line %d): review due %s: update its probability, status or review date\n",
				      r->id, line_of(p, r->start), a);
			}
	}
	for (uint32_t i = 0; i < p->decisions.n; i++) {
		const bt_decision *dc = &p->decisions.v[i];
		if (!dc->has_state || dc->state != BT_DEC_PROPOSED || dc->need_by == BT_DATE_NONE ||
		    dc->need_by > d + BT_DECISION_SOON_DAYS)
			continue;
		bt_date_format(dc->need_by, a);
		bt_buf_printf(&o, "  # decision %s (line %d) is needed by %s: once taken, add 'decided DATE' to it\n", dc->id,
			      line_of(p, dc->start), a);
	}
	bt_buf_puts(&o, "  # note \"the week in a sentence\"   (on one item: note TASK \"...\")\n");
	baton_schedule_free(s);
	char *block = bt_buf_detach(&o, NULL);
	if (!block || !into_plan) {
		if (!block)
			*err = "out of memory";
		return block;
	}
	/* The plan's own text around it, byte for byte. */
	uint32_t at = insert_at(p, last);
	const char *t = p->src.text;
	bt_buf w = BT_BUF_INIT;
	bt_buf_add(&w, t, at);
	if (at && t[at - 1] != '\n')
		bt_buf_putc(&w, '\n');
	bt_buf_putc(&w, '\n');
	bt_buf_puts(&w, block);
	if (at < p->src.len && t[at] != '\n')
		bt_buf_putc(&w, '\n');
	bt_buf_add(&w, t + at, p->src.len - at);
	bt_free(block);
	char *out = bt_buf_detach(&w, NULL);
	if (!out)
		*err = "out of memory";
	return out;
}
