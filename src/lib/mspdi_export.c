/*
 * mspdi_export.c: `baton export mspdi`: a plan's schedule as MS Project XML
 * (MSPDI), elements in the order the schema's sequences
 * give them (Microsoft, "XML Schema for the Project Element", "... the
 * Tasks Element", "... the Calendars Element", mspdi_pj12.xsd); the
 * mapping and its limits are in docs/interop.md.
 *
 * Conventions of the file written: 8-hour days (MinutesPerDay 480,
 * working time 08:00-12:00 and 13:00-17:00), so a duration of d days is
 * PT(8d)H0M0S and a lag of d days is LinkLag 4800 d with LagFormat 7;
 * tasks in WBS order, each workstream a summary task before its tasks;
 * UID 0 the project summary task; baton's ids in the Text1 field, aliased
 * "baton id", which `baton import mspdi` reads back.
 *
 * Why not libxml2's xmlTextWriter: in the libxml2 Debian ships (2.9.14)
 * it leaks its element stack when an allocation fails (it ignores a
 * failed xmlListPushFront), which the allocation-failure tests catch.
 * Writing elements and escaping their text is small; reading MSPDI, the
 * hard part, is libxml2's.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "api.h"
#include "model.h"
#include "mspdi.h"
#include "schedule.h"

#define TEXT1 "188743731" /* the FieldID of the task field Text1 */

/* The writer: elements one per line, indented two spaces a level, text
 * escaped as XML 1.0 requires (&, <, > as entities; control characters,
 * which XML 1.0 cannot carry, as spaces). Only elements and one
 * attribute are written, so this is all the writing MSPDI needs; reading
 * is libxml2's. */
typedef struct wctx {
	bt_buf *b;
	const char *open[16]; /* the open elements, outermost first */
	int depth;
} wctx;

static void esc(bt_buf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '&')
			bt_buf_puts(b, "&amp;");
		else if (ch == '<')
			bt_buf_puts(b, "&lt;");
		else if (ch == '>')
			bt_buf_puts(b, "&gt;");
		else
			bt_buf_putc(b, ch < 0x20 && ch != '\t' ? ' ' : (char)ch);
	}
}

static void el_text(wctx *c, const char *name, const char *text)
{
	bt_buf_pad(c->b, ' ', 2 * (size_t)c->depth);
	bt_buf_printf(c->b, "<%s>", name);
	esc(c->b, text);
	bt_buf_printf(c->b, "</%s>\n", name);
}

static void el(wctx *c, const char *name, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void el(wctx *c, const char *name, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	el_text(c, name, buf);
}

static void open_el(wctx *c, const char *name)
{
	bt_buf_pad(c->b, ' ', 2 * (size_t)c->depth);
	bt_buf_printf(c->b, "<%s>\n", name);
	if (c->depth < 16)
		c->open[c->depth] = name;
	c->depth++;
}

static void close_el(wctx *c)
{
	c->depth--;
	bt_buf_pad(c->b, ' ', 2 * (size_t)c->depth);
	bt_buf_printf(c->b, "</%s>\n", c->depth < 16 ? c->open[c->depth] : "");
}

static void el_date(wctx *c, const char *name, bt_date d, const char *time)
{
	char s[11];
	bt_date_format(d, s);
	el(c, name, "%sT%s", s, time);
}

/* The program's or a team's days off as <Exceptions>. */
static void exceptions(wctx *c, const bt_plan *p, uint32_t hol0, uint32_t nhol)
{
	if (!nhol)
		return;
	open_el(c, "Exceptions");
	for (uint32_t i = 0; i < nhol; i++) {
		const bt_range *r = &p->ranges.v[hol0 + i];
		open_el(c, "Exception");
		el(c, "EnteredByOccurrences", "0");
		open_el(c, "TimePeriod");
		el_date(c, "FromDate", r->from, "00:00:00");
		el_date(c, "ToDate", r->to, "23:59:00");
		close_el(c);
		el(c, "Occurrences", "1");
		if (r->name)
			el_text(c, "Name", r->name);
		el(c, "Type", "1"); /* daily: every day of the period */
		el(c, "DayWorking", "0");
		close_el(c);
	}
	close_el(c);
}

static const char *dur(char *b, size_t n, int64_t days)
{
	snprintf(b, n, "PT%lldH0M0S", (long long)days * 8);
	return b;
}

/* Units of people in tenths: "1.00", "0.50". */
static const char *units(char *b, size_t n, int32_t tenths)
{
	snprintf(b, n, "%d.%d0", (int)(tenths / 10), (int)(tenths % 10));
	return b;
}

/* 1 when node u is a task of workstream ws. */
static int in_ws(const bt_plan *p, uint32_t u, const char *ws)
{
	const char *w = u < p->tasks.n ? p->tasks.v[u].workstream : NULL;
	return w && ws && !strcmp(w, ws);
}

/* What the steps of the export share. */
typedef struct ectx {
	wctx *c;
	const bt_plan *p;
	const baton_schedule *s;
	const bt_net *net;
	const bt_cpm *cpm;
	uint32_t nt, n;
	uint32_t *order;  /* nodes in file order */
	uint32_t *uid;    /* each node's task UID */
	uint8_t *done;
	long nws, nlinks, ntasks, nms, nbaseline_dropped;
} ectx;

/* Workstream of node v, NULL for milestones and tasks without one. */
static const char *ws_of(const ectx *e, uint32_t v)
{
	return v < e->nt ? e->p->tasks.v[v].workstream : NULL;
}

/* WBS order: nodes by their place in the plan, each workstream's tasks
 * gathered under a summary task where its first one stands. */
static void number_tasks(ectx *e)
{
	uint32_t next_uid = 1, n = e->n;
	for (uint32_t i = 0; i < n; i++) {
		uint32_t v = e->order[i];
		const char *ws = ws_of(e, v);
		if (e->done[v])
			continue;
		if (!ws) {
			e->uid[v] = next_uid++;
			e->done[v] = 1;
			continue;
		}
		e->nws++;
		next_uid++; /* the summary task */
		for (uint32_t j = i; j < n; j++) {
			uint32_t u = e->order[j];
			if (!e->done[u] && in_ws(e->p, u, ws)) {
				e->uid[u] = next_uid++;
				e->done[u] = 1;
			}
		}
	}
}

/* The project's settings and calendars. */
static void write_project(ectx *e)
{
	const bt_plan *p = e->p;
	const bt_net *net = e->net;
	const bt_cpm *cpm = e->cpm;
	bt_buf *b = e->c->b;
	char fi[11];
	bt_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
		       "<Project xmlns=\"http://schemas.microsoft.com/project\">\n");
	e->c->open[0] = "Project";
	e->c->depth = 1;
	el(e->c, "SaveVersion", "14");
	el(e->c, "Name", "%s.xml", p->prog.id);
	el_text(e->c, "Title", p->prog.title ? p->prog.title : p->prog.id);
	el(e->c, "ScheduleFromStart", "1");
	el_date(e->c, "StartDate", p->prog.start_date, "08:00:00");
	bt_date_format(bt_cal_date(&net->cal, cpm->end_day > 0 ? cpm->end_day - 1 : 0), fi);
	el(e->c, "FinishDate", "%sT17:00:00", fi);
	el(e->c, "CalendarUID", "1");
	el(e->c, "DefaultStartTime", "08:00:00");
	el(e->c, "DefaultFinishTime", "17:00:00");
	el(e->c, "MinutesPerDay", "480");
	el(e->c, "MinutesPerWeek", "%d", net->cal.per_week * 480);
	el(e->c, "DaysPerMonth", "20");
	el(e->c, "DurationFormat", "7");
	if (net->as_of != BT_DATE_NONE)
		el_date(e->c, "StatusDate", net->as_of, "17:00:00");
	open_el(e->c, "ExtendedAttributes");
	open_el(e->c, "ExtendedAttribute");
	el(e->c, "FieldID", TEXT1);
	el(e->c, "FieldName", "Text1");
	el(e->c, "Alias", "baton id");
	close_el(e->c);
	close_el(e->c);

	/* Calendars: the program's (UID 1), and one per team with days off
	 * of its own (UID 2 + team), based on it. */
	open_el(e->c, "Calendars");
	open_el(e->c, "Calendar");
	el(e->c, "UID", "1");
	el(e->c, "Name", "Standard");
	el(e->c, "IsBaseCalendar", "1");
	el(e->c, "BaseCalendarUID", "-1");
	open_el(e->c, "WeekDays");
	for (int dt = 1; dt <= 7; dt++) {
		int working = (net->cal.week >> ((dt + 5) % 7)) & 1; /* DayType 1 is Sunday */
		open_el(e->c, "WeekDay");
		el(e->c, "DayType", "%d", dt);
		el(e->c, "DayWorking", "%d", working);
		if (working) {
			open_el(e->c, "WorkingTimes");
			open_el(e->c, "WorkingTime");
			el(e->c, "FromTime", "08:00:00");
			el(e->c, "ToTime", "12:00:00");
			close_el(e->c);
			open_el(e->c, "WorkingTime");
			el(e->c, "FromTime", "13:00:00");
			el(e->c, "ToTime", "17:00:00");
			close_el(e->c);
			close_el(e->c);
		}
		close_el(e->c);
	}
	close_el(e->c);
	exceptions(e->c, p, p->prog.hol0, p->prog.nhol);
	close_el(e->c);
	for (size_t k = 0; k < p->teams.n; k++) {
		const bt_team *tm = &p->teams.v[k];
		if (!tm->nhol)
			continue;
		open_el(e->c, "Calendar");
		el(e->c, "UID", "%zu", k + 2);
		el_text(e->c, "Name", tm->title ? tm->title : tm->id);
		el(e->c, "IsBaseCalendar", "0");
		el(e->c, "BaseCalendarUID", "1");
		exceptions(e->c, p, tm->hol0, tm->nhol);
		close_el(e->c);
	}
	close_el(e->c);
}

/* The project summary task, with the program's commitments. */
static void write_project_task(ectx *e)
{
	const bt_plan *p = e->p;
	const bt_cpm *cpm = e->cpm;
	char fi[11], d1[40];
	bt_date_format(bt_cal_date(&e->net->cal, cpm->end_day > 0 ? cpm->end_day - 1 : 0), fi);
	open_el(e->c, "Tasks");
	open_el(e->c, "Task");
	el(e->c, "UID", "0");
	el(e->c, "ID", "0");
	el_text(e->c, "Name", p->prog.title ? p->prog.title : p->prog.id);
	el(e->c, "OutlineNumber", "0");
	el(e->c, "OutlineLevel", "0");
	el_date(e->c, "Start", p->prog.start_date, "08:00:00");
	el(e->c, "Finish", "%sT17:00:00", fi);
	el(e->c, "Duration", "%s", dur(d1, sizeof d1, cpm->end_day > 0 ? cpm->end_day : 0));
	el(e->c, "Milestone", "0");
	el(e->c, "Summary", "1");
	if (p->prog.commit != BT_DATE_NONE)
		el_date(e->c, "Deadline", p->prog.commit, "17:00:00");
	/* The program's commitments as the summary task's baselines, as on
	 * the milestones below: the first is baseline 0. Duration is left
	 * out (the schema allows it): the span is what was promised. */
	if (p->prog.commit0 != BT_DATE_NONE) {
		uint32_t nb = p->prog.ncc < 10 ? p->prog.ncc : 10;
		for (uint32_t b = 0; b <= nb; b++) {
			bt_date bd = b ? p->commit_changes.v[p->prog.cc0 + b - 1].date : p->prog.commit0;
			open_el(e->c, "Baseline");
			el(e->c, "Number", "%u", b);
			el_date(e->c, "Start", p->prog.start_date, "08:00:00");
			el_date(e->c, "Finish", bd, "17:00:00");
			close_el(e->c);
		}
		if (p->prog.ncc > 10)
			e->nbaseline_dropped += p->prog.ncc - 10;
	}
	close_el(e->c);
}

/* The summary task of workstream ws, the first of whose tasks is the
 * i-th in file order: the span of its tasks. */
static void write_ws_task(ectx *e, uint32_t i, const char *ws, uint32_t top)
{
	const bt_cpm *cpm = e->cpm;
	uint32_t v0 = e->order[i];
	char st[11], fi[11], d1[40];
	int32_t es = INT32_MAX, ef = INT32_MIN;
	for (uint32_t j = i; j < e->n; j++) {
		uint32_t u = e->order[j];
		if (!e->done[u] && in_ws(e->p, u, ws)) {
			es = cpm->es[u] < es ? cpm->es[u] : es;
			ef = cpm->ef[u] > ef ? cpm->ef[u] : ef;
		}
	}
	open_el(e->c, "Task");
	el(e->c, "UID", "%u", e->uid[v0] - 1);
	el(e->c, "ID", "%u", e->uid[v0] - 1);
	el_text(e->c, "Name", ws);
	el(e->c, "OutlineNumber", "%u", top);
	el(e->c, "OutlineLevel", "1");
	bt_sched_dates(e->s, v0, es, ef, st, fi);
	el(e->c, "Start", "%sT08:00:00", st);
	el(e->c, "Finish", "%sT17:00:00", fi);
	el(e->c, "Duration", "%s", dur(d1, sizeof d1, ef - es));
	el(e->c, "DurationFormat", "7");
	el(e->c, "Milestone", "0");
	el(e->c, "Summary", "1");
	close_el(e->c);
}

/* Task or milestone v: its dates, work, progress, constraint, links, id
 * and baselines; the sub-th task of workstream number top when ws, else
 * the top-th entry of the outline. */
static void write_task(ectx *e, uint32_t v, const char *ws, uint32_t top, uint32_t sub)
{
	const bt_plan *p = e->p;
	uint32_t nt = e->nt;
	char st[11], fi[11], d1[40], d2[40];
	int ms = v >= nt;
	const bt_task *t = ms ? NULL : &p->tasks.v[v];
	const bt_milestone *m = ms ? &p->milestones.v[v - nt] : NULL;
	const char *id = ms ? m->id : t->id, *title = ms ? m->title : t->title;
	int32_t es = e->cpm->es[v], ef = e->cpm->ef[v];
	ms ? e->nms++ : e->ntasks++;
	open_el(e->c, "Task");
	el(e->c, "UID", "%u", e->uid[v]);
	el(e->c, "ID", "%u", e->uid[v]);
	el_text(e->c, "Name", title ? title : id);
	if (ws) {
		el(e->c, "OutlineNumber", "%u.%u", top, sub);
		el(e->c, "OutlineLevel", "2");
	} else {
		el(e->c, "OutlineNumber", "%u", top);
		el(e->c, "OutlineLevel", "1");
	}
	bt_sched_dates(e->s, v, es, ef, st, fi);
	el(e->c, "Start", "%sT08:00:00", st);
	el(e->c, "Finish", "%sT%s", ms ? st : fi, ms ? "08:00:00" : "17:00:00");
	el(e->c, "Duration", "%s", dur(d1, sizeof d1, ms ? 0 : e->net->est_m[v]));
	el(e->c, "DurationFormat", "7");
	/* Work: person-hours, the duration times the people it
	 * needs (one of its own team without `needs`). */
	int64_t people = ms ? 0 : t->nneed ? 0 : 10;
	for (uint32_t k = 0; !ms && k < t->nneed; k++)
		people += p->needs.v[t->need0 + k].count;
	el(e->c, "Work", "PT%lldH0M0S", (long long)(ms ? 0 : e->net->est_m[v]) * 8 * people / 10);
	el(e->c, "Milestone", "%d", ms);
	el(e->c, "Summary", "0");
	el(e->c, "Critical", "%d", e->cpm->critical[v] ? 1 : 0);
	if (!ms && e->net->state[v] == BT_TS_DONE) {
		el(e->c, "PercentComplete", "100");
		el(e->c, "ActualStart", "%sT08:00:00", st);
		el(e->c, "ActualFinish", "%sT17:00:00", fi);
		el(e->c, "RemainingDuration", "PT0H0M0S");
	} else if (!ms && e->net->state[v] == BT_TS_STARTED) {
		int32_t tot = e->net->est_m[v], rem = e->net->remaining[v];
		int pct = tot > 0 && rem < tot ? (int)((int64_t)(tot - rem) * 100 / tot) : 0;
		el(e->c, "PercentComplete", "%d", pct > 99 ? 99 : pct);
		el(e->c, "ActualStart", "%sT08:00:00", st);
		el(e->c, "RemainingDuration", "%s", dur(d2, sizeof d2, rem));
	} else {
		el(e->c, "PercentComplete", "0");
	}
	/* 4 = Start No Earlier Than; 0 = As Soon As Possible. */
	if (t && t->not_before != BT_DATE_NONE) {
		el(e->c, "ConstraintType", "4");
		el_date(e->c, "ConstraintDate", t->not_before, "08:00:00");
	} else {
		el(e->c, "ConstraintType", "0");
	}
	bt_date dl = ms ? m->commit : t->deadline;
	if (dl != BT_DATE_NONE)
		el_date(e->c, "Deadline", dl, "17:00:00");
	/* Type: 0 FF, 1 FS, 2 SF, 3 SS; LinkLag in tenths of a
	 * minute of 8-hour days; LagFormat 7, days. */
	static const char type_of[4] = {'1', '3', '0', '2'}; /* by BT_FS, BT_SS, BT_FF, BT_SF */
	uint32_t d0 = ms ? m->dep0 : t->dep0, nd = ms ? m->ndep : t->ndep;
	for (uint32_t k = d0; k < d0 + nd; k++) {
		const bt_dep *dp = &p->deps.v[k];
		uint32_t pv = dp->to.kind == BT_K_MILESTONE ? nt + dp->to.idx : dp->to.idx;
		open_el(e->c, "PredecessorLink");
		el(e->c, "PredecessorUID", "%u", e->uid[pv]);
		el(e->c, "Type", "%c", type_of[dp->type & 3]);
		el(e->c, "CrossProject", "0");
		el(e->c, "LinkLag", "%lld", (long long)dp->lag * 4800);
		el(e->c, "LagFormat", "7");
		close_el(e->c);
		e->nlinks++;
	}
	open_el(e->c, "ExtendedAttribute");
	el(e->c, "FieldID", TEXT1);
	el_text(e->c, "Value", id);
	close_el(e->c);
	/* The first commitment is baseline 0, the date first
	 * promised; each later one (`commit DATE since ...`) is
	 * the next baseline, as MS Project users save Baseline1
	 * to Baseline10 when a date is re-committed. */
	if (ms && m->commit0 != BT_DATE_NONE) {
		uint32_t nb = m->ncc < 10 ? m->ncc : 10;
		for (uint32_t b = 0; b <= nb; b++) {
			bt_date bd = b ? p->commit_changes.v[m->cc0 + b - 1].date : m->commit0;
			open_el(e->c, "Baseline");
			el(e->c, "Number", "%u", b);
			el_date(e->c, "Start", bd, "17:00:00");
			el_date(e->c, "Finish", bd, "17:00:00");
			el(e->c, "Duration", "PT0H0M0S");
			el(e->c, "DurationFormat", "7");
			close_el(e->c);
		}
		if (m->ncc > 10)
			e->nbaseline_dropped += m->ncc - 10;
	}
	close_el(e->c);
}

/* Resources: one per team; assignments: the people each task needs
 * (its own team first, at 0 units when it lends all its people). */
static void write_resources(ectx *e)
{
	const bt_plan *p = e->p;
	uint32_t nt = e->nt;
	char d1[40];
	open_el(e->c, "Resources");
	for (size_t k = 0; k < p->teams.n; k++) {
		const bt_team *tm = &p->teams.v[k];
		open_el(e->c, "Resource");
		el(e->c, "UID", "%zu", k + 1);
		el(e->c, "ID", "%zu", k + 1);
		el_text(e->c, "Name", tm->title ? tm->title : tm->id);
		el(e->c, "Type", "1");
		el(e->c, "IsNull", "0");
		el_text(e->c, "Initials", tm->id);
		el(e->c, "MaxUnits", "%s", units(d1, sizeof d1, tm->capacity));
		if (tm->nhol)
			el(e->c, "CalendarUID", "%zu", k + 2);
		close_el(e->c);
	}
	close_el(e->c);
	open_el(e->c, "Assignments");
	uint32_t auid = 1;
	for (uint32_t v = 0; v < nt && !e->c->b->oom; v++) {
		const bt_task *t = &p->tasks.v[v];
		uint32_t own = t->team.idx;
		/* The own team's people: all of `needs N`, its share of
		 * `needs team:k ...` (0 when it lends them all), one without
		 * `needs`. It comes first: the importer takes the first
		 * assignment's resource as the task's team. */
		int32_t own_tenths = t->nneed ? 0 : 10;
		for (uint32_t k = t->need0; k < t->need0 + t->nneed; k++)
			if (!p->needs.v[k].team.name || p->needs.v[k].team.idx == own)
				own_tenths = p->needs.v[k].count;
		for (uint32_t k = 0; k <= t->nneed; k++) {
			uint32_t team = own;
			int32_t tenths = own_tenths;
			if (k) {
				const bt_need *nd = &p->needs.v[t->need0 + k - 1];
				if (!nd->team.name || nd->team.idx == own)
					continue;
				team = nd->team.idx;
				tenths = nd->count;
			}
			if (team == BT_NONE)
				continue;
			open_el(e->c, "Assignment");
			el(e->c, "UID", "%u", auid++);
			el(e->c, "TaskUID", "%u", e->uid[v]);
			el(e->c, "ResourceUID", "%u", team + 1);
			el(e->c, "Units", "%s", units(d1, sizeof d1, tenths));
			close_el(e->c);
		}
	}
	close_el(e->c);
}

/* What the format has no place for. */
static void write_summary(const ectx *e, bt_buf *summary)
{
	const bt_plan *p = e->p;
	uint32_t nt = e->nt;
	bt_buf_printf(summary, "exported %ld tasks, %ld milestones, %ld workstreams (summary tasks), %zu teams, %ld links\n",
		      e->ntasks, e->nms, e->nws, (size_t)p->teams.n, e->nlinks);
	long three = 0, capch = 0;
	for (uint32_t v = 0; v < nt; v++)
		three += p->tasks.v[v].est.points == 3;
	for (size_t k = 0; k < p->teams.n; k++)
		capch += p->teams.v[k].ncc;
	if (three)
		bt_buf_printf(summary, "  not exported: the optimistic and pessimistic days of %ld three-point estimates "
				       "(Duration is the likely one)\n",
			      three);
	if (capch)
		bt_buf_printf(summary, "  not exported: %ld capacity changes of teams (MaxUnits is the base capacity)\n",
			      capch);
	if (e->nbaseline_dropped)
		bt_buf_printf(summary, "  not exported: %ld commitments after a milestone's or the program's tenth change (MSPDI has 11 baselines)\n",
			      e->nbaseline_dropped);
	if (p->risks.n || p->decisions.n || p->scenarios.n)
		bt_buf_printf(summary, "  not exported: %zu risks, %zu decisions, %zu scenarios (MSPDI has no place for them)\n",
			      (size_t)p->risks.n, (size_t)p->decisions.n, (size_t)p->scenarios.n);
}

int bt_mspdi_export(baton_plan *plan, bt_buf *out, bt_buf *summary, const char **err)
{
	baton_schedule *s = bt_schedule_compute(plan, NULL, err);
	if (!s)
		return -1;
	unsigned long mark = bt_alloc_failures();
	bt_buf xml = BT_BUF_INIT;
	wctx c;
	memset(&c, 0, sizeof c);
	c.b = &xml;
	ectx e = {.c = &c, .p = plan, .s = s, .net = &s->net, .cpm = &s->cpm, .nt = (uint32_t)plan->tasks.n,
		  .n = s->net.n};
	uint32_t n = e.n;
	e.order = bt_calloc((size_t)n + 1, sizeof *e.order);
	e.uid = bt_calloc((size_t)n + 1, sizeof *e.uid);
	e.done = bt_calloc((size_t)n + 1, 1);
	int rc = -1;
	*err = "out of memory";
	if (!e.order || !e.uid || !e.done)
		goto out;
	bt_plan_file_order(plan, e.order);
	number_tasks(&e);
	write_project(&e);

	/* Tasks: the project summary task, then WBS order. */
	write_project_task(&e);
	memset(e.done, 0, n);
	uint32_t top = 0;
	for (uint32_t i = 0; i < n && !xml.oom; i++) {
		uint32_t v0 = e.order[i];
		if (e.done[v0])
			continue;
		const char *ws = ws_of(&e, v0);
		uint32_t sub = 0;
		if (ws)
			write_ws_task(&e, i, ws, ++top);
		for (uint32_t j = i; j < n && !xml.oom; j++) {
			uint32_t v = e.order[j];
			if (e.done[v] || (ws ? !in_ws(plan, v, ws) : v != v0))
				continue;
			e.done[v] = 1;
			if (!ws)
				top++;
			write_task(&e, v, ws, top, ws ? ++sub : 0);
		}
	}
	close_el(&c);
	write_resources(&e);
	close_el(&c); /* Project */
	if (xml.oom)
		goto out;
	bt_buf_add(out, xml.s, xml.len);
	write_summary(&e, summary);
	if (!out->oom && !summary->oom)
		rc = 0;
out:
	bt_buf_release(&xml);
	bt_free(e.order);
	bt_free(e.uid);
	bt_free(e.done);
	baton_schedule_free(s);
	/* Any failed allocation fails the export, never a shorter file. */
	if (bt_alloc_failures() != mark) {
		rc = -1;
		*err = "out of memory";
	}
	return rc;
}
