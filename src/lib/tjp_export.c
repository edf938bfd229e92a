/*
 * tjp_export.c: `baton export tjp`: a plan as a TaskJuggler 3 project that
 * `tj3` schedules to the dates of `baton schedule` (the critical path; the
 * TaskJuggler manual, "The TaskJuggler Syntax": project, workinghours,
 * leaves, shift, task, length, milestone, depends with onstart and
 * gaplength, scheduling alap, precedes, extend). docs/interop.md has the
 * mapping and its limits; tests/tjp.sh runs tj3 on the output.
 *
 * How baton's rules become tj3's:
 *  - A day is 09:00-17:00 (dailyworkinghours 8), so `length Nd` is N
 *    working days and `gaplength Nd` N program working days, which is
 *    what baton's lags count (tj3 counts a gap on the project's working
 *    time, TaskScenario#earliestStart).
 *  - A team's days off: the shift `baton_off` (no working hours) assigned
 *    to the team's tasks over those days; tj3 counts a task's length on
 *    its shifts. Its leaves also go on the team's resource.
 *  - The release (status date, `not-before`): a depends on a milestone
 *    fixed at that day. tj3 refuses `start` together with `depends` (it is
 *    a fixed date, not a bound).
 *  - Started and done work: fixed `start` and `end` (baton's dates: the
 *    facts and the remaining work from the data day), no depends (links
 *    into it are history or already in its dates), `complete`.
 *  - tj3 starts a task at the time its dependencies allow, not at its
 *    first working hour. That differs from baton's start only for a task
 *    whose team is off that day; a start-side link out of such a task
 *    uses its first working hour: an ALAP helper of the same length and
 *    shifts that ends with it.
 *  - FF and SF (tj3 has only start-bounding depends for ASAP tasks) and
 *    leads (gaps are never negative): helper tasks `baton__hN`:
 *    a lead of N days before a point is the start of an ALAP task of
 *    length N that ends there; "finish no earlier than a point" is the
 *    start of an ALAP task with the successor's length and shifts that
 *    ends there.
 *  - tj3 refuses two links between the same tasks: the second goes
 *    through a milestone at its point.
 * Baton's ids go in the task attribute Bid ("baton id"); tj3 ids are the
 * baton ids where they are valid tj3 ids ([A-Za-z_][A-Za-z0-9_]*) without
 * "__", else the id with '_' for other bytes and "__N" added, so helper
 * and container ids (with "__") never clash with them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "model.h"
#include "schedule.h"
#include "tjp.h"

typedef struct tctx {
	const bt_plan *p;
	const baton_schedule *s;
	const bt_net *net;
	bt_arena a;
	char **fid;          /* [n] full tj3 id of each node */
	char **sref;         /* [n] a start-side reference to the node, made on demand */
	bt_buf help;         /* the helper tasks, written after the plan's */
	uint32_t nhelp;
	long nlead, nfinish, nsnap, nagain;
	/* The export's counts, for its summary. */
	long nws, ntasks, nms, nlinks, nhist, npinned;
} tctx;

/* A string literal: tj3 strings expand macros (${...}) and know no
 * escapes we can rely on, so quotes become ', backslashes /, "${" "$ {"
 * and control bytes spaces. Only names and titles go through here. */
static void str(bt_buf *b, const char *s)
{
	bt_buf_putc(b, '"');
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"')
			bt_buf_putc(b, '\'');
		else if (c == '\\')
			bt_buf_putc(b, '/');
		else if (c == '$' && s[1] == '{')
			bt_buf_puts(b, "$ ");
		else
			bt_buf_putc(b, c < 0x20 ? ' ' : (char)c);
	}
	bt_buf_putc(b, '"');
}

static int valid_id(const char *s)
{
	if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || *s == '_'))
		return 0;
	for (const char *q = s; *q; q++)
		if (!((*q >= 'A' && *q <= 'Z') || (*q >= 'a' && *q <= 'z') || (*q >= '0' && *q <= '9') || *q == '_'))
			return 0;
	return strstr(s, "__") == NULL;
}

/* The tj3 id of a baton id (see the top of this file). */
static char *tj_id(bt_arena *a, const char *id, uint32_t k)
{
	if (valid_id(id))
		return bt_arena_strndup(a, id, strlen(id));
	size_t n = strlen(id);
	char *m = bt_arena_printf(a, "%s__%u", id, k);
	if (!m)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		char c = m[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
			m[i] = '_';
	}
	if (m[0] >= '0' && m[0] <= '9')
		m[0] = '_';
	return m;
}

static void date(bt_buf *b, bt_date d)
{
	char s[11];
	bt_date_format(d, s);
	bt_buf_puts(b, s);
}

static int cmp_date(const void *a, const void *b)
{
	bt_date x = *(const bt_date *)a, y = *(const bt_date *)b;
	return x < y ? -1 : x > y;
}

/* A team's days off as shift assignments of baton_off, one "shifts
 * baton_off FROM - TO" (TO exclusive) each, separated by `sep`: tj3
 * refuses one shift twice in a list and overlapping assignments, so the
 * ranges are merged first. */
static void team_shifts(tctx *c, bt_buf *b, uint32_t team, const char *sep)
{
	const bt_team *tm = &c->p->teams.v[team];
	bt_date *d = bt_calloc((size_t)tm->nhol * 2 + 1, sizeof *d);
	if (!d) {
		b->oom = 1;
		return;
	}
	/* Days off one by one would be simplest but ranges may be long:
	 * sort the ranges by start (insertion; a team has few), then merge. */
	uint32_t n = 0;
	for (uint32_t i = 0; i < tm->nhol; i++) {
		const bt_range *r = &c->p->ranges.v[tm->hol0 + i];
		uint32_t j = n;
		while (j > 0 && d[2 * (j - 1)] > r->from) {
			d[2 * j] = d[2 * (j - 1)];
			d[2 * j + 1] = d[2 * (j - 1) + 1];
			j--;
		}
		d[2 * j] = r->from;
		d[2 * j + 1] = r->to + 1;
		n++;
	}
	int first = 1;
	for (uint32_t i = 0; i < n;) {
		bt_date from = d[2 * i], to = d[2 * i + 1];
		for (i++; i < n && d[2 * i] <= to; i++)
			to = d[2 * i + 1] > to ? d[2 * i + 1] : to;
		bt_buf_puts(b, first ? "shifts baton_off " : sep);
		if (!first)
			bt_buf_puts(b, "shifts baton_off ");
		first = 0;
		date(b, from);
		bt_buf_puts(b, " - ");
		date(b, to);
	}
	bt_free(d);
}

/* 1 when node v is a planned task with work whose team has days off:
 * its tj3 start may precede its first working day. */
static int own_calendar(const tctx *c, uint32_t v)
{
	const bt_net *net = c->net;
	return v < net->nt && net->cal_of[v] != BT_NONE && net->state[v] == BT_TS_PLANNED && net->dur[v] > 0;
}

/* The team whose days off node v keeps (BT_NONE: the program's only). */
static uint32_t cal_team(const tctx *c, uint32_t v)
{
	if (!own_calendar(c, v))
		return BT_NONE;
	uint32_t t = c->p->tasks.v[v].team.idx;
	return t != BT_NONE && c->p->teams.v[t].nhol ? t : BT_NONE;
}

/* A new helper task: its id, and its opening written into c->help. */
static char *helper(tctx *c, const char *title)
{
	char *id = bt_arena_printf(&c->a, "baton__h%u", c->nhelp);
	bt_buf_printf(&c->help, "task baton__h%u ", c->nhelp++);
	str(&c->help, title);
	bt_buf_puts(&c->help, " {");
	return id;
}

/* An ALAP helper of `days` working days (on team `team`'s calendar, or
 * the program's) that ends where the dependency `dep` puts a milestone:
 * its start is the point `days` working days before. Returns its id. */
static char *back_from(tctx *c, const char *dep, int32_t days, uint32_t team, const char *why)
{
	char *m = helper(c, why);
	if (!m)
		return NULL;
	bt_buf_printf(&c->help, " depends %s milestone }\n", dep);
	char *h = helper(c, why);
	if (!h)
		return NULL;
	bt_buf_printf(&c->help, " scheduling alap precedes %s length %dd", m, (int)days);
	if (team != BT_NONE) {
		bt_buf_putc(&c->help, ' ');
		team_shifts(c, &c->help, team, " ");
	}
	bt_buf_puts(&c->help, " }\n");
	return h;
}

/* The start of node v as a depends target: "ID { onstart" without the
 * closing brace, so a gap can follow. A task with days off of its own
 * starts at its first working hour: an ALAP copy of it ending with it. */
static const char *start_ref(tctx *c, uint32_t v)
{
	if (c->sref[v])
		return c->sref[v];
	uint32_t team = cal_team(c, v);
	if (team == BT_NONE) {
		c->sref[v] = bt_arena_printf(&c->a, "%s { onstart", c->fid[v]);
	} else {
		char *h = back_from(c, c->fid[v], c->net->dur[v], team, "first working hour");
		c->sref[v] = bt_arena_printf(&c->a, "%s { onstart", h ? h : "");
		c->nsnap++;
	}
	return c->sref[v];
}

/* The depends item for the point `lag` program working days after node
 * u's start (from_start) or finish. */
static char *point(tctx *c, uint32_t u, int from_start, int32_t lag)
{
	/* A point in time starts where it ends; tj3 3.7 finds a loop where
	 * there is none when a milestone depends on another's start that
	 * it also follows by another path, so a point's end it is. */
	if (c->s->cpm.es[u] == c->s->cpm.ef[u])
		from_start = 0;
	const char *base = from_start ? start_ref(c, u) : NULL;
	char *d;
	if (lag >= 0) {
		if (from_start)
			d = lag ? bt_arena_printf(&c->a, "%s gaplength %dd }", base, (int)lag)
				: bt_arena_printf(&c->a, "%s }", base);
		else
			d = lag ? bt_arena_printf(&c->a, "%s { gaplength %dd }", c->fid[u], (int)lag)
				: bt_arena_printf(&c->a, "%s", c->fid[u]);
		return d;
	}
	/* A lead: the start of an ALAP task of -lag days ending there. */
	c->nlead++;
	d = from_start ? bt_arena_printf(&c->a, "%s }", base) : c->fid[u];
	char *h = d ? back_from(c, d, -lag, BT_NONE, "lead") : NULL;
	return h ? bt_arena_printf(&c->a, "%s { onstart }", h) : NULL;
}

/* The depends items of a planned node v: its release and its links. */
static void depends(tctx *c, bt_buf *b, uint32_t v, uint32_t d0, uint32_t nd)
{
	const bt_plan *p = c->p;
	const bt_net *net = c->net;
	uint32_t nt = net->nt;
	char rel[11];
	bt_date_format(bt_cal_date(&net->cal, net->release[v]), rel);
	bt_buf_printf(b, "    depends baton__from.d%.4s%.2s%.2s", rel, rel + 5, rel + 8);
	/* The tasks depended on so far: tj3 refuses a task twice in one
	 * list, baton takes several links between two tasks. */
	char **seen = bt_calloc((size_t)nd + 1, sizeof *seen);
	if (!seen) {
		b->oom = 1;
		return;
	}
	for (uint32_t k = d0; k < d0 + nd; k++) {
		const bt_dep *dp = &p->deps.v[k];
		uint32_t u = dp->to.kind == BT_K_MILESTONE ? nt + dp->to.idx : dp->to.idx;
		int from_start = dp->type == BT_SS || dp->type == BT_SF;
		char *pt = point(c, u, from_start, dp->lag);
		if (pt && (dp->type == BT_FF || dp->type == BT_SF) && net->dur[v] > 0) {
			/* Finish no earlier than the point: start no earlier
			 * than an ALAP copy of v that ends there. When v's team
			 * may be off on the day before the point, v must work
			 * its first day on or after it (baton: the finish is
			 * a day after a working day of the task): the point
			 * moves to the end of that day, a 1-day task on v's
			 * shifts that starts a program day before the point. */
			uint32_t team = cal_team(c, v);
			c->nfinish++;
			if (team != BT_NONE) {
				char *l = back_from(c, pt, 1, BT_NONE, "finish bound: the day before");
				char *g = helper(c, "finish bound: the team's next working day");
				bt_buf_printf(&c->help, " depends %s { onstart } length 1d ", l ? l : "");
				team_shifts(c, &c->help, team, " ");
				bt_buf_puts(&c->help, " }\n");
				pt = g;
			}
			char *h = pt ? back_from(c, pt, net->dur[v], team, "finish bound") : NULL;
			pt = h ? bt_arena_printf(&c->a, "%s { onstart }", h) : NULL;
		}
		for (uint32_t j = 0; pt && j < k - d0; j++) {
			size_t len = strcspn(pt, " ");
			if (seen[j] && strlen(seen[j]) == len && !strncmp(seen[j], pt, len)) {
				/* Again: through a milestone at the same point. */
				char *m = helper(c, "another link from the same task");
				bt_buf_printf(&c->help, " depends %s milestone }\n", pt);
				pt = m;
				c->nagain++;
				break;
			}
		}
		seen[k - d0] = pt ? bt_arena_strndup(&c->a, pt, strcspn(pt, " ")) : NULL;
		bt_buf_puts(b, ", ");
		bt_buf_puts(b, pt ? pt : "");
	}
	bt_free(seen);
	bt_buf_putc(b, '\n');
}

/* 1 when node u is a task of workstream ws. */
static int in_ws(const bt_plan *p, uint32_t u, const char *ws)
{
	const char *w = u < p->tasks.n ? p->tasks.v[u].workstream : NULL;
	return w && ws && !strcmp(w, ws);
}

/* Workstream and id of node v. */
static const char *ws_of(const tctx *c, uint32_t v)
{
	uint32_t nt = (uint32_t)c->p->tasks.n;
	return v < nt ? c->p->tasks.v[v].workstream : NULL;
}

static const char *id_of(const tctx *c, uint32_t v)
{
	uint32_t nt = (uint32_t)c->p->tasks.n;
	return v < nt ? c->p->tasks.v[v].id : c->p->milestones.v[v - nt].id;
}

/* Ids: workstreams become containers ws__K in WBS order. */
static void tj_ids(tctx *c, const uint32_t *order, uint8_t *done)
{
	for (uint32_t i = 0; i < c->net->n; i++) {
		uint32_t v = order[i];
		if (done[v])
			continue;
		const char *ws = ws_of(c, v);
		if (!ws) {
			c->fid[v] = tj_id(&c->a, id_of(c, v), v);
			done[v] = 1;
			continue;
		}
		c->nws++;
		for (uint32_t j = i; j < c->net->n; j++) {
			uint32_t u = order[j];
			if (!done[u] && in_ws(c->p, u, ws)) {
				char *l = tj_id(&c->a, id_of(c, u), u);
				c->fid[u] = l ? bt_arena_printf(&c->a, "ws__%ld.%s", c->nws, l) : NULL;
				done[u] = 1;
			}
		}
	}
}

/* The project: its span, from the earliest date anything is fixed at,
 * earlier by the longest lead (its helpers run before their point), to
 * well after the end; its calendar and now. */
static void write_project(tctx *c, bt_buf *b)
{
	const bt_plan *p = c->p;
	const bt_net *net = c->net;
	const bt_cpm *cpm = &c->s->cpm;
	uint32_t nt = (uint32_t)p->tasks.n, n = net->n;
	int32_t first = 0, maxlead = 0, maxfin = 0, last = cpm->end_day;
	for (uint32_t v = 0; v < n; v++) {
		first = cpm->es[v] < first ? cpm->es[v] : first;
		last = cpm->ef[v] > last ? cpm->ef[v] : last;
		uint32_t d0 = v < nt ? p->tasks.v[v].dep0 : p->milestones.v[v - nt].dep0;
		uint32_t nd = v < nt ? p->tasks.v[v].ndep : p->milestones.v[v - nt].ndep;
		for (uint32_t k = d0; k < d0 + nd; k++) {
			const bt_dep *dp = &p->deps.v[k];
			maxlead = -dp->lag > maxlead ? -dp->lag : maxlead;
			if ((dp->type == BT_FF || dp->type == BT_SF) && net->dur[v] > maxfin)
				maxfin = net->dur[v];
		}
	}
	/* Helpers run back from their point by a lead, or a successor's
	 * length, plus a day: in calendar days at most a week for each
	 * working day, and every day off. */
	int64_t back = maxlead + maxfin;
	if (back) {
		back = 7 * (back + 1) + 14;
		for (size_t k = 0; k < p->ranges.n; k++)
			back += p->ranges.v[k].to - p->ranges.v[k].from + 1;
	}
	bt_date pstart = bt_cal_date(&net->cal, first);
	if (p->prog.start_date < pstart)
		pstart = p->prog.start_date;
	pstart -= (bt_date)(back > 100000 ? 100000 : back);
	bt_date pend = bt_cal_date(&net->cal, last) + 90;

	bt_buf_printf(b, "/* %s: written by `baton export tjp`; tj3 schedules it to the dates of\n"
			  " * `baton schedule --no-level` (docs/interop.md, \"TaskJuggler\"). */\n",
		      p->prog.id);
	bt_buf_puts(b, "project ");
	{
		char *pid = tj_id(&c->a, p->prog.id, 0);
		bt_buf_puts(b, pid ? pid : "baton");
	}
	bt_buf_putc(b, ' ');
	str(b, p->prog.title ? p->prog.title : p->prog.id);
	bt_buf_putc(b, ' ');
	date(b, pstart);
	bt_buf_puts(b, " - ");
	date(b, pend);
	bt_buf_puts(b, " {\n  timezone \"UTC\"\n  dailyworkinghours 8\n");
	static const char *const wd[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
	for (int d = 0; d < 7; d++)
		bt_buf_printf(b, "  workinghours %s %s\n", wd[d], (net->cal.week >> d) & 1 ? "9:00 - 17:00" : "off");
	if (net->as_of != BT_DATE_NONE) {
		bt_buf_puts(b, "  now ");
		date(b, net->as_of);
		bt_buf_puts(b, "-17:00\n");
	}
	bt_buf_puts(b, "  extend task { text Bid \"baton id\" }\n}\n\n");
}

/* A range of days off as a tj3 leave (its end exclusive), named `dflt`
 * when it has no name of its own. */
static void leave(bt_buf *b, const char *indent, const bt_range *r, const char *dflt)
{
	bt_buf_printf(b, "%sleaves holiday ", indent);
	str(b, r->name ? r->name : dflt);
	bt_buf_putc(b, ' ');
	date(b, r->from);
	bt_buf_puts(b, " - ");
	date(b, r->to + 1);
	bt_buf_putc(b, '\n');
}

/* Program holidays, team days off, teams. */
static void write_resources(tctx *c, bt_buf *b)
{
	const bt_plan *p = c->p;
	for (uint32_t i = 0; i < p->prog.nhol; i++)
		leave(b, "", &p->ranges.v[p->prog.hol0 + i], "holiday");
	bt_buf_puts(b, "shift baton_off \"Team day off\" { workinghours mon - sun off }\n\n");
	bt_buf_puts(b, "# Teams, a resource per person: tasks are not allocated to them (the\n"
			"# schedule is the critical path; tj3 would level by its own heuristic).\n");
	for (size_t k = 0; k < p->teams.n; k++) {
		const bt_team *tm = &p->teams.v[k];
		char *tid = tj_id(&c->a, tm->id, (uint32_t)k);
		char ppl[16];
		bt_buf_printf(b, "resource %s ", tid ? tid : "");
		str(b, tm->title ? tm->title : tm->id);
		bt_buf_printf(b, " { # capacity %s\n", bt_people(ppl, tm->capacity < 0 ? 10 : tm->capacity));
		for (uint32_t i = 0; i < tm->nhol; i++)
			leave(b, "  ", &p->ranges.v[tm->hol0 + i], "day off");
		/* Its people, one resource each (a part-time one at its
		 * share), for a user who allocates tasks to the team. */
		int32_t cap = tm->capacity < 0 ? 10 : tm->capacity;
		for (int32_t m = 0; m * 10 < cap; m++) {
			bt_buf_printf(b, "  resource %s__m%d \"%s %d\"", tid ? tid : "", (int)m + 1, "person",
				      (int)m + 1);
			if (cap - m * 10 < 10)
				bt_buf_printf(b, " { efficiency 0.%d }", (int)(cap - m * 10));
			bt_buf_putc(b, '\n');
		}
		bt_buf_puts(b, "}\n");
	}
}

/* The releases: one milestone per day unstarted work may start on. */
static void write_releases(const tctx *c, bt_buf *b, bt_date *rel)
{
	const bt_net *net = c->net;
	uint32_t nrel = 0;
	for (uint32_t v = 0; v < net->n; v++)
		if (net->state[v] == BT_TS_PLANNED)
			rel[nrel++] = bt_cal_date(&net->cal, net->release[v]);
	qsort(rel, nrel, sizeof *rel, cmp_date);
	bt_buf_puts(b, "\ntask baton__from \"Release dates (status date, not-before)\" {\n");
	for (uint32_t i = 0; i < nrel; i++) {
		if (i && rel[i] == rel[i - 1])
			continue;
		char d[11];
		bt_date_format(rel[i], d);
		bt_buf_printf(b, "  task d%.4s%.2s%.2s \"%s\" { start %s milestone }\n", d, d + 5, d + 8, d, d);
	}
	bt_buf_puts(b, "}\n");
}

/* Task or milestone v, inside the container of workstream ws if any:
 * started or done work at its dates, the rest with its length and
 * links. */
static void write_task(tctx *c, bt_buf *b, uint32_t v, const char *ws)
{
	const bt_plan *p = c->p;
	uint32_t nt = (uint32_t)p->tasks.n;
	int ms = v >= nt;
	const bt_task *t = ms ? NULL : &p->tasks.v[v];
	const bt_milestone *m = ms ? &p->milestones.v[v - nt] : NULL;
	const char *id = ms ? m->id : t->id, *title = ms ? m->title : t->title;
	const char *dot = strrchr(c->fid[v], '.');
	ms ? c->nms++ : c->ntasks++;
	bt_buf_printf(b, "%stask %s ", ws ? "  " : "", dot ? dot + 1 : c->fid[v]);
	str(b, title ? title : id);
	bt_buf_puts(b, " {\n    Bid ");
	str(b, id);
	bt_buf_putc(b, '\n');
	uint32_t d0 = ms ? m->dep0 : t->dep0, nd = ms ? m->ndep : t->ndep;
	c->nlinks += nd;
	if (c->net->state[v] != BT_TS_PLANNED) {
		/* Started or done: its dates are facts (and
		 * the remaining work from the data day). */
		char st[11], fi[11];
		bt_sched_dates(c->s, v, c->s->cpm.es[v], c->s->cpm.ef[v], st, fi);
		c->npinned++;
		c->nhist += nd;
		int pct = 100;
		if (c->net->state[v] == BT_TS_STARTED) {
			int32_t tot = c->net->est_m[v], rem = c->net->remaining[v];
			pct = tot > 0 && rem < tot ? (int)((int64_t)(tot - rem) * 100 / tot) : 0;
			pct = pct > 99 ? 99 : pct;
		}
		if (c->s->cpm.ef[v] > c->s->cpm.es[v])
			bt_buf_printf(b, "    start %s end %s-17:00 complete %d\n", st, fi, pct);
		else
			bt_buf_printf(b, "    start %s milestone complete %d\n", st, pct);
	} else {
		if (c->net->dur[v] > 0) {
			bt_buf_printf(b, "    length %dd\n", (int)c->net->dur[v]);
			uint32_t team = cal_team(c, v);
			if (team != BT_NONE) {
				bt_buf_puts(b, "    ");
				team_shifts(c, b, team, "\n    ");
				bt_buf_putc(b, '\n');
			}
		} else {
			bt_buf_puts(b, "    milestone\n");
		}
		depends(c, b, v, d0, nd);
	}
	bt_buf_printf(b, "  %s}\n", ws ? "  " : "");
}

/* What was exported, and what tj3 has no place for. */
static void write_summary(const tctx *c, bt_buf *summary)
{
	const bt_plan *p = c->p;
	uint32_t nt = (uint32_t)p->tasks.n;
	bt_buf_printf(summary, "exported %ld tasks, %ld milestones, %ld workstreams (container tasks), %zu teams (resources, "
			       "not allocated), %ld links; the critical-path schedule, not levelled\n",
		      c->ntasks, c->nms, c->nws, (size_t)p->teams.n, c->nlinks);
	if (c->npinned)
		bt_buf_printf(summary, "  %ld started or done tasks have fixed start and end (their %ld links are history)\n",
			      c->npinned, c->nhist);
	if (c->nfinish || c->nlead || c->nsnap || c->nagain)
		bt_buf_printf(summary,
			      "  helper tasks baton__hN: %ld finish bounds (FF, SF), %ld leads, %ld starts on a "
			      "team's calendar, %ld second links between the same two tasks\n",
			      c->nfinish, c->nlead, c->nsnap, c->nagain);
	long three = 0, capch = 0;
	for (uint32_t v = 0; v < nt; v++)
		three += p->tasks.v[v].est.points == 3;
	for (size_t k = 0; k < p->teams.n; k++)
		capch += p->teams.v[k].ncc;
	if (three)
		bt_buf_printf(summary, "  not exported: the optimistic and pessimistic days of %ld three-point estimates "
				       "(length is the likely one)\n",
			      three);
	if (capch)
		bt_buf_printf(summary, "  not exported: %ld capacity changes of teams (tasks are not allocated)\n", capch);
	{
		long ndl = 0, ncommit = p->prog.commit != BT_DATE_NONE;
		for (uint32_t v = 0; v < nt; v++)
			ndl += p->tasks.v[v].deadline != BT_DATE_NONE;
		for (size_t k = 0; k < p->milestones.n; k++)
			ncommit += p->milestones.v[k].commit != BT_DATE_NONE;
		if (ndl || ncommit)
			bt_buf_printf(summary, "  not exported: %ld commitments and %ld deadlines (tj3's maxend would fail "
					       "the schedule instead of reporting it)\n",
				      ncommit, ndl);
	}
	if (p->risks.n || p->decisions.n || p->scenarios.n)
		bt_buf_printf(summary, "  not exported: %zu risks, %zu decisions, %zu scenarios (tj3 has no place for them)\n",
			      (size_t)p->risks.n, (size_t)p->decisions.n, (size_t)p->scenarios.n);
}

int bt_tjp_export(baton_plan *plan, bt_buf *out, bt_buf *summary, const char **err)
{
	baton_schedule_opts o = BATON_SCHEDULE_OPTS_INIT;
	o.level = 0;
	baton_schedule *s = bt_schedule_compute(plan, &o, err);
	if (!s)
		return -1;
	unsigned long mark = bt_alloc_failures();
	const bt_plan *p = plan;
	uint32_t n = s->net.n;
	tctx c;
	memset(&c, 0, sizeof c);
	c.help = (bt_buf)BT_BUF_INIT;
	c.p = p;
	c.s = s;
	c.net = &s->net;
	uint32_t *order = bt_calloc((size_t)n + 1, sizeof *order);
	uint8_t *done = bt_calloc((size_t)n + 1, 1);
	bt_date *rel = bt_calloc((size_t)n + 1, sizeof *rel);
	c.fid = bt_calloc((size_t)n + 1, sizeof *c.fid);
	c.sref = bt_calloc((size_t)n + 1, sizeof *c.sref);
	bt_buf b = BT_BUF_INIT;
	int rc = -1;
	*err = "out of memory";
	if (!order || !done || !rel || !c.fid || !c.sref)
		goto out;
	bt_plan_file_order(p, order);
	tj_ids(&c, order, done);
	if (c.a.failed)
		goto out;
	write_project(&c, &b);
	write_resources(&c, &b);
	write_releases(&c, &b, rel);

	/* Tasks, in WBS order. */
	memset(done, 0, n);
	uint32_t nwsk = 0;
	for (uint32_t i = 0; i < n && !b.oom; i++) {
		uint32_t v0 = order[i];
		if (done[v0])
			continue;
		const char *ws = ws_of(&c, v0);
		if (ws) {
			bt_buf_printf(&b, "\ntask ws__%u ", ++nwsk);
			str(&b, ws);
			bt_buf_puts(&b, " {\n");
		} else {
			bt_buf_putc(&b, '\n');
		}
		for (uint32_t j = i; j < n && !b.oom; j++) {
			uint32_t v = order[j];
			if (done[v] || (ws ? !in_ws(p, v, ws) : v != v0))
				continue;
			done[v] = 1;
			write_task(&c, &b, v, ws);
		}
		if (ws)
			bt_buf_puts(&b, "}\n");
	}
	if (c.nhelp && !c.help.oom) {
		/* Top level: inside a container, tj3 takes the ALAP helpers'
		 * ends to follow the container's and finds loops. */
		bt_buf_puts(&b, "\n# Link helpers (FF, SF, leads, starts on a team's calendar)\n");
		bt_buf_add(&b, c.help.s, c.help.len);
	}
	if (b.oom || c.help.oom || c.a.failed)
		goto out;
	bt_buf_add(out, b.s, b.len);
	write_summary(&c, summary);
	if (!out->oom && !summary->oom)
		rc = 0;
out:
	bt_buf_release(&b);
	bt_buf_release(&c.help);
	bt_arena_release(&c.a);
	bt_free(order);
	bt_free(done);
	bt_free(rel);
	bt_free(c.fid);
	bt_free(c.sref);
	baton_schedule_free(s);
	if (bt_alloc_failures() != mark) {
		rc = -1;
		*err = "out of memory";
	}
	return rc;
}
