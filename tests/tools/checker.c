/*
 * checker.c: an independent check of a schedule (the JSON `baton schedule
 * --json` prints) against its plan. It shares nothing with the scheduler:
 * it reads the plan through the parser and model (model.h) only, and it
 * is written from the documents: docs/plan-language.md, docs/commands.md
 * and the one rule set every mode follows (the scheduling rules of issue
 * 9: team calendars, work in progress, done work).
 *
 * Critical-path schedules (check_schedule) are recomputed, day by day on
 * the checker's own calendars, and every number is compared:
 *  - status, applied in date order by the checker: done tasks at their
 *    actual dates (an inferred start counts the likely estimate back in
 *    team working days, never before day 0), started tasks at their actual
 *    start with their remaining work (given, from percent, or the likely
 *    estimate minus the team working days from the actual start to the
 *    block's data day, at least 1) from the data day on;
 *  - team calendars: a task works on the program's working days minus its
 *    team's holidays, its duration counts those days, and it pauses over
 *    its team's days off; lags count program working days;
 *  - the forward pass: planned tasks start on the earliest team working
 *    day after their release and start-side links whose finish meets every
 *    finish-side link; started tasks resume later only when an FF or SF
 *    link into them needs a later finish; FS and SS links into started and
 *    done tasks are not enforced; milestones sit at their tightest bound,
 *    never before day 0;
 *  - the backward pass: late dates, total float, free float and the
 *    critical flag of every task and milestone; SS and SF links out of a
 *    started task never set its late dates or floats;
 *  - every date string against its offset, the program end, the slacks.
 * Levelled schedules (check_levelled) are checked by their properties:
 * every task at its actuals or working its duration on its team calendar,
 * every link that binds holds, nothing before its release, started work
 * moved only when a finish link holds it, and on every day, for every
 * team, the people the tasks working that day need (in tenths of a
 * person) fit in the team's capacity that day; work in progress may
 * exceed it by itself, nothing new may be added to such a day. The
 * levelled end is never before the checker's own critical-path end.
 *
 * Where the rules are silent the checker reads them so (change it here if
 * the rules say otherwise):
 *  - a done task without a reported start starts the likely estimate in
 *    its team's working days before its finish (never before day 0);
 *  - an assumed-on-plan remaining counts to the data day of the block
 *    that reported the start (docs/plan-language.md), not a later --as-of;
 *  - a started task's late finish is the minimum the rules give, not
 *    moved to its team calendar (only a planned task's is: fin(LS, d));
 *  - fin(S, 0) is S itself (a zero-length task is a point in time, on no
 *    calendar, like a milestone): a started task with 0 days left
 *    finishes on the data day;
 *  - a milestone is critical when the backward pass leaves it no float;
 *  - levelled: links into done work are not checked (nothing moves it);
 *    a planned task with work starts on a team working day.
 *
 * Every disagreement is printed as the task, the field, the expected value
 * and the value found, and tallied by field (ck_tally_print) so a run over
 * many plans says which checks fail. ck_stats counts the cases the checker
 * saw (a task paused by a team holiday, a started task resumed later, ...)
 * so a generator can show its case mix.
 *
 * Included by tests/tools/check_schedule.c and the unit tests.
 */
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

/*========================== Reporting ==========================*/

static int ck_errors;
static int ck_quiet;         /* 1: count violations without printing them */
static int ck_print_max = 25; /* print at most this many per schedule */
static const char *ck_context; /* printed before each violation when set */

/* Violations tallied by check ("task late_finish_day [started]"). */
typedef struct ck_tally_row {
	char what[96];
	long n;     /* violations */
	long plans; /* schedules with at least one */
	int last;   /* the schedule that counted it last */
} ck_tally_row;
static ck_tally_row ck_tally[128];
static int ck_ntally;
static int ck_run; /* a counter of checked schedules */
static int ck_selftest; /* 1: the checker checks itself: no tally, no case mix */
static long ck_cap_errors; /* capacity violations (the rest are dates and links) */

static void ck_count(const char *what)
{
	int i;
	if (ck_selftest)
		return;
	for (i = 0; i < ck_ntally; i++)
		if (!strcmp(ck_tally[i].what, what))
			break;
	if (i == ck_ntally) {
		if (ck_ntally == (int)(sizeof ck_tally / sizeof ck_tally[0]))
			return;
		snprintf(ck_tally[i].what, sizeof ck_tally[i].what, "%s", what);
		ck_ntally++;
	}
	ck_tally[i].n++;
	if (ck_tally[i].last != ck_run) {
		ck_tally[i].last = ck_run;
		ck_tally[i].plans++;
	}
}

__attribute__((unused)) static void ck_tally_reset(void)
{
	ck_ntally = 0;
}

/* The tally, most frequent first. */
__attribute__((unused)) static void ck_tally_print(FILE *f, const char *title)
{
	if (!ck_ntally)
		return;
	fprintf(f, "%s\n", title);
	int *done = calloc((size_t)ck_ntally, sizeof(int));
	for (int k = 0; k < ck_ntally; k++) {
		int best = -1;
		for (int i = 0; i < ck_ntally; i++)
			if (!done[i] && (best < 0 || ck_tally[i].plans > ck_tally[best].plans))
				best = i;
		done[best] = 1;
		fprintf(f, "  %-58s %6ld in %4ld schedule%s\n", ck_tally[best].what, ck_tally[best].n,
			ck_tally[best].plans, ck_tally[best].plans == 1 ? "" : "s");
	}
	free(done);
}

/* One violation: `what` is its tally key, the rest the printed line. */
static void ck_failk(const char *what, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void ck_failk(const char *what, const char *fmt, ...)
{
	va_list ap;
	ck_count(what);
	if (ck_errors < ck_print_max && !ck_quiet) {
		va_start(ap, fmt);
		fprintf(stderr, "checker: %s%s", ck_context ? ck_context : "", ck_context ? ": " : "");
		vfprintf(stderr, fmt, ap);
		fprintf(stderr, "\n");
		va_end(ap);
	}
	ck_errors++;
}

/*========================== Numbers in tenths ==========================*/

/* Capacities and needs count tenths of a person (`capacity 1.5`, `needs
 * 0.5`). The checker reads them from the plan's text at the offsets the
 * model records, so it does not depend on how the model stores them; when
 * the text there is not a number it falls back to the model's value. */
static int64_t ck_tenths_i(long long v)
{
	return (int64_t)v * 10;
}
static int64_t ck_tenths_d(double v)
{
	return (int64_t)llround(v * 10.0);
}
#define CK_TENTHS(x) _Generic((x), float: ck_tenths_d, double: ck_tenths_d, default: ck_tenths_i)(x)

/* The number at byte `off` of the source, in tenths; -1 when there is none
 * or it has more than one decimal. */
static int64_t ck_num_at(const bt_plan *p, uint32_t off)
{
	const char *s = p->src.text;
	uint32_t len = p->src.len, i = off;
	if (!s || i >= len || s[i] < '0' || s[i] > '9')
		return -1;
	int64_t v = 0;
	while (i < len && s[i] >= '0' && s[i] <= '9' && v < 100000000000LL)
		v = v * 10 + (s[i++] - '0');
	v *= 10;
	if (i + 1 < len && s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9') {
		v += s[i + 1] - '0';
		i += 2;
		if (i < len && s[i] >= '0' && s[i] <= '9')
			return -1;
	}
	return v;
}

/* The number after "team:" whose team name ends at `off`. */
static int64_t ck_num_after_colon(const bt_plan *p, uint32_t off)
{
	const char *s = p->src.text;
	uint32_t len = p->src.len, i = off;
	while (s && i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (!s || i >= len || s[i] != ':')
		return -1;
	i++;
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return ck_num_at(p, i);
}

static int64_t ck_base_cap(const bt_plan *p, const bt_team *t)
{
	int64_t v = ck_num_at(p, t->cap_at);
	return v >= 0 ? v : CK_TENTHS(t->capacity);
}

static int64_t ck_change_cap(const bt_plan *p, const bt_capchange *cc)
{
	int64_t v = ck_num_at(p, cc->start);
	return v >= 0 ? v : CK_TENTHS(cc->capacity);
}

static int64_t ck_need_tenths(const bt_plan *p, const bt_need *n)
{
	int64_t v = n->team.name ? ck_num_after_colon(p, n->team.end) : ck_num_at(p, n->team.start);
	return v >= 0 ? v : CK_TENTHS(n->count);
}

/* "1.5" from 15. */
static const char *ck_tenths_str(int64_t v, char buf[32])
{
	if (v % 10)
		snprintf(buf, 32, "%s%lld.%lld", v < 0 ? "-" : "", (long long)(v < 0 ? -v : v) / 10,
			 (long long)(v < 0 ? -v : v) % 10);
	else
		snprintf(buf, 32, "%lld", (long long)v / 10);
	return buf;
}

/* A team's capacity on a date, in tenths, straight from the declarations
 * (the checker's own reading of docs/plan-language.md): the base; the
 * latest permanent change that has begun; a temporary change while it
 * lasts (the last written wins); 0 on a team holiday. */
static int64_t ck_team_cap(const bt_plan *p, const bt_team *t, bt_date d)
{
	int64_t c = ck_base_cap(p, t);
	bt_date since = BT_DATE_NONE;
	for (uint32_t i = 0; i < t->ncc; i++) {
		const bt_capchange *cc = &p->capchanges.v[t->cc0 + i];
		if (cc->to == BT_DATE_NONE && cc->from <= d && (since == BT_DATE_NONE || cc->from >= since)) {
			since = cc->from;
			c = ck_change_cap(p, cc);
		}
	}
	for (uint32_t i = 0; i < t->ncc; i++) {
		const bt_capchange *cc = &p->capchanges.v[t->cc0 + i];
		if (cc->to != BT_DATE_NONE && cc->from <= d && d <= cc->to)
			c = ck_change_cap(p, cc);
	}
	for (uint32_t i = 0; i < t->nhol; i++) {
		const bt_range *r = &p->ranges.v[t->hol0 + i];
		if (r->from <= d && d <= r->to)
			c = 0;
	}
	return c;
}

/*========================== Calendars ==========================*/

/* Program working days [0, n) and, for each team, the days it is off.
 * Offsets outside [0, n) are taken as working days and set `overflow`. */
typedef struct ck_cal {
	const bt_plan *p;
	int32_t n;
	bt_date *work; /* work[k]: the date of program working day k */
	uint8_t *off;  /* off[tm * n + k]: 1 when team tm is on holiday on day k */
	int overflow;
} ck_cal;

static int ck_weekday(bt_date d)
{
	/* 1970-01-01 was a Thursday: weekday 3 with Monday = 0. */
	return (int)(((d % 7) + 7 + 3) % 7);
}

static int ck_in_ranges(const bt_plan *p, uint32_t r0, uint32_t nr, bt_date d)
{
	for (uint32_t k = 0; k < nr; k++) {
		const bt_range *r = &p->ranges.v[r0 + k];
		if (d >= r->from && d <= r->to)
			return 1;
	}
	return 0;
}

static int ck_cal_init(ck_cal *c, const bt_plan *p, int32_t horizon)
{
	memset(c, 0, sizeof *c);
	c->p = p;
	c->n = horizon;
	c->work = malloc(sizeof(bt_date) * (size_t)(horizon + 1));
	c->off = calloc((size_t)horizon * (p->teams.n ? p->teams.n : 1), 1);
	if (!c->work || !c->off || !p->prog.week)
		return -1;
	bt_date d = p->prog.start_date;
	for (int32_t k = 0; k < horizon; d++) {
		if ((p->prog.week >> ck_weekday(d)) & 1 && !ck_in_ranges(p, p->prog.hol0, p->prog.nhol, d))
			c->work[k++] = d;
	}
	for (uint32_t tm = 0; tm < p->teams.n; tm++) {
		const bt_team *t = &p->teams.v[tm];
		for (int32_t k = 0; k < horizon && t->nhol; k++)
			c->off[(size_t)tm * (size_t)horizon + (size_t)k] =
				(uint8_t)ck_in_ranges(p, t->hol0, t->nhol, c->work[k]);
	}
	return 0;
}

static void ck_cal_free(ck_cal *c)
{
	free(c->work);
	free(c->off);
}

/* The offset of date d: the first working day on or after it. */
static int32_t ck_index(ck_cal *c, bt_date d)
{
	int32_t lo = 0, hi = c->n;
	while (lo < hi) {
		int32_t mid = lo + (hi - lo) / 2;
		if (c->work[mid] < d)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == c->n)
		c->overflow = 1;
	return lo;
}

/* Does team tm (BT_NONE: the program calendar) work on day k? */
static int ck_on(ck_cal *c, uint32_t tm, int32_t k)
{
	if (k < 0)
		return 1;
	if (k >= c->n) {
		c->overflow = 1;
		return 1;
	}
	return tm == BT_NONE || !c->off[(size_t)tm * (size_t)c->n + (size_t)k];
}

/* The first working day of team tm on or after k. */
static int32_t ck_next(ck_cal *c, uint32_t tm, int32_t k)
{
	while (!ck_on(c, tm, k))
		k++;
	return k;
}

/* The last working day of team tm on or before k. */
static int32_t ck_prev(ck_cal *c, uint32_t tm, int32_t k)
{
	while (!ck_on(c, tm, k))
		k--;
	return k;
}

/* fin(S, d): the day after the d-th working day of team tm counted from S
 * (S first moved forward to a working day); S itself (so moved) for d = 0. */
static int32_t ck_fin(ck_cal *c, uint32_t tm, int32_t s, int32_t d)
{
	if (d <= 0)
		return s; /* a zero-length task is a point, on no calendar */
	int32_t k = ck_next(c, tm, s);
	for (int32_t left = d;; k++)
		if (ck_on(c, tm, k) && --left == 0)
			return k + 1;
}

/* Working days of team tm in [a, b). */
static int32_t ck_team_days(ck_cal *c, uint32_t tm, int32_t a, int32_t b)
{
	int32_t n = 0;
	for (int32_t k = a; k < b; k++)
		n += ck_on(c, tm, k);
	return n;
}

/* "2027-03-05", or "day N?" outside the calendar. */
static const char *ck_dstr(const ck_cal *c, int32_t k, char buf[24])
{
	if (k < 0 || k >= c->n)
		snprintf(buf, 24, "day %d?", k);
	else
		bt_date_format(c->work[k], buf);
	return buf;
}

/*========================== The plan as of a date ==========================*/

enum { CK_PLANNED, CK_STARTED, CK_DONE };
static const char *const ck_state_name[] = {"planned", "started", "done"};
static const char *const ck_type_name[] = {"FS", "SS", "FF", "SF"};

typedef struct ck_need {
	uint32_t team;
	int64_t tenths;
} ck_need;

typedef struct ck_node {
	const char *id;
	int ms;          /* a milestone */
	int state;       /* CK_PLANNED, CK_STARTED, CK_DONE */
	uint32_t team;   /* its calendar: BT_NONE for milestones */
	int32_t likely;  /* the likely estimate in force */
	int32_t dur;     /* planned: likely; started: remaining work */
	int rem_kind;    /* started: 0 assumed on plan, 1 remaining, 2 percent */
	int inferred;    /* done: start inferred from the estimate */
	int32_t act_start, act_fin;
	int32_t release;
	/* The checker's critical-path schedule. */
	int32_t es, ef, ls, lf, tf, ff;
	int crit;
	int32_t resume; /* started: the day its remaining work resumes */
	uint32_t need0, nneed; /* into ck_plan.needs */
	uint32_t in0, nin;     /* edges into it: deps in plan order */
	uint32_t out0, nout;   /* edges out of it: into ck_plan.out */
} ck_node;

typedef struct ck_edge {
	uint32_t from, to; /* predecessor, successor (node indices) */
	int type;
	int32_t lag;
} ck_edge;

typedef struct ck_plan {
	const bt_plan *p;
	ck_cal cal;
	uint32_t nt, nm, n;
	ck_node *v;
	ck_edge *e;     /* grouped by successor */
	uint32_t ne;
	uint32_t *out;  /* edge indices grouped by predecessor */
	uint32_t *topo; /* nodes in dependency order */
	ck_need *needs;
	bt_date as_of;  /* BT_DATE_NONE: none */
	int32_t data_day, end;
	int levelled;   /* checking a levelled schedule */
	int nest, nprog; /* re-estimates and progress entries applied */
} ck_plan;

/* The case mix: what the checker saw, summed over every schedule. */
static struct ck_stats {
	long schedules, levelled;
	long planned, started, done;
	long done_inferred;
	long rem_default, rem_given, rem_percent, rem_zero;
	long progress, reestimates; /* status entries applied */
	long started_resumed;       /* a finish link makes it resume later */
	long paused_planned, paused_started; /* a team day off inside the work */
	long links[4][3][3];        /* [type][from state][to state] */
	long lag_pos, lag_neg;
	long start_links_broken;    /* FS/SS into started/done that did not hold */
	long ms, ms_clamped;        /* milestones; bound before day 0 */
	long lev_fixed_over_days;   /* team-days where work in progress exceeds capacity */
	long lev_moved_started;     /* started work moved by levelling */
	long lev_short_days;        /* team-days worked below base capacity, not 0 */
	long frac_needs, frac_caps; /* needs and capacities with a fraction */
	long multi_team_needs;      /* tasks that need people of another team */
	long teams, cap_perm, cap_temp; /* teams; permanent and temporary capacity changes */
	long team_hol_days, team_hol_ranges; /* team holidays: single days, ranges */
} ck_stats;

static void ck_plan_free(ck_plan *m)
{
	ck_cal_free(&m->cal);
	free(m->v);
	free(m->e);
	free(m->out);
	free(m->topo);
	free(m->needs);
}

/* Percent complete to remaining days, rounded up, exactly: the percentage
 * in hundredths of a percent (12.5% is 1250). */
static int32_t ck_left(int32_t likely, double pct)
{
	int64_t h = (int64_t)llround(pct * 100.0);
	int64_t left = (int64_t)likely * (10000 - h);
	return (int32_t)((left + 9999) / 10000);
}

/* The commitment in force on the status date, read from the plan on its
 * own: the first `commit`, or the last change with `since` on or before
 * as_of (plan-language.md, "Baselines"). */
static bt_date ck_commit(const bt_plan *p, bt_date first, uint32_t c0, uint32_t n, bt_date as_of)
{
	bt_date d = first;
	for (uint32_t i = 0; i < n; i++)
		if (as_of != BT_DATE_NONE && p->commit_changes.v[c0 + i].since <= as_of)
			d = p->commit_changes.v[c0 + i].date;
	return d;
}

/* Build the checker's model of the plan as of `as_of`: calendars, status
 * and the edges. json_end only widens the calendar. Returns 0 or -1. */
static int ck_plan_init(ck_plan *m, const bt_plan *p, bt_date as_of, int32_t json_end)
{
	memset(m, 0, sizeof *m);
	m->p = p;
	m->as_of = as_of;
	m->nt = p->tasks.n;
	m->nm = p->milestones.n;
	m->n = m->nt + m->nm;
	/* A horizon no schedule of this plan can pass: every duration, lag,
	 * team day off and dated attribute, one after another. */
	int64_t h = 64 + (json_end > 0 && json_end < 1000000 ? json_end : 0);
	bt_date last = p->prog.start_date;
	if (as_of != BT_DATE_NONE && as_of > last)
		last = as_of;
	for (uint32_t i = 0; i < p->tasks.n; i++) {
		h += p->tasks.v[i].est.m + 1;
		if (p->tasks.v[i].not_before != BT_DATE_NONE && p->tasks.v[i].not_before > last)
			last = p->tasks.v[i].not_before;
	}
	for (uint32_t i = 0; i < p->entries.n; i++) {
		const bt_entry *e = &p->entries.v[i];
		h += (e->est.m > 0 ? e->est.m : 0) + (e->remaining > 0 ? e->remaining : 0);
	}
	for (uint32_t i = 0; i < p->statuses.n; i++)
		if (p->statuses.v[i].date > last)
			last = p->statuses.v[i].date;
	for (uint32_t i = 0; i < p->deps.n; i++)
		h += p->deps.v[i].lag < 0 ? -p->deps.v[i].lag : p->deps.v[i].lag;
	for (uint32_t i = 0; i < p->ranges.n; i++) {
		h += p->ranges.v[i].to - p->ranges.v[i].from + 1;
		if (p->ranges.v[i].to > last)
			last = p->ranges.v[i].to;
	}
	h += last - p->prog.start_date;
	if (h > 5000000)
		h = 5000000;
	if (ck_cal_init(&m->cal, p, (int32_t)h))
		return -1;
	ck_cal *c = &m->cal;

	m->v = calloc(m->n + 1, sizeof(ck_node));
	uint32_t nneed = 0;
	for (uint32_t i = 0; i < m->nt; i++)
		nneed += p->tasks.v[i].nneed ? p->tasks.v[i].nneed : 1;
	m->needs = calloc(nneed + 1, sizeof(ck_need));
	m->e = calloc(p->deps.n + 1, sizeof(ck_edge));
	m->out = calloc(p->deps.n + 1, sizeof(uint32_t));
	m->topo = calloc(m->n + 1, sizeof(uint32_t));
	if (!m->v || !m->needs || !m->e || !m->out || !m->topo)
		return -1;
	nneed = 0;
	for (uint32_t i = 0; i < m->n; i++) {
		ck_node *x = &m->v[i];
		if (i < m->nt) {
			const bt_task *t = &p->tasks.v[i];
			x->id = t->id;
			x->team = t->team.name ? t->team.idx : BT_NONE;
			x->likely = t->est.m;
			x->release = 0;
			x->need0 = nneed;
			if (!t->nneed) {
				m->needs[nneed++] = (ck_need){x->team, 10};
			} else {
				for (uint32_t k = 0; k < t->nneed; k++) {
					const bt_need *nd = &p->needs.v[t->need0 + k];
					uint32_t tm = nd->team.name ? nd->team.idx : x->team;
					m->needs[nneed++] = (ck_need){tm, ck_need_tenths(p, nd)};
				}
			}
			x->nneed = nneed - x->need0;
		} else {
			x->id = p->milestones.v[i - m->nt].id;
			x->ms = 1;
			x->team = BT_NONE;
		}
	}
	/* Edges, grouped by successor, in plan order. */
	for (uint32_t i = 0; i < m->n; i++) {
		uint32_t d0 = i < m->nt ? p->tasks.v[i].dep0 : p->milestones.v[i - m->nt].dep0;
		uint32_t nd = i < m->nt ? p->tasks.v[i].ndep : p->milestones.v[i - m->nt].ndep;
		m->v[i].in0 = m->ne;
		for (uint32_t j = 0; j < nd; j++) {
			const bt_dep *dp = &p->deps.v[d0 + j];
			if (dp->to.idx == BT_NONE)
				return -1;
			uint32_t u = dp->to.kind == BT_K_TASK ? dp->to.idx : m->nt + dp->to.idx;
			m->e[m->ne++] = (ck_edge){u, i, dp->type, dp->lag};
		}
		m->v[i].nin = m->ne - m->v[i].in0;
	}
	/* Edges grouped by predecessor (counting sort). */
	for (uint32_t k = 0; k < m->ne; k++)
		m->v[m->e[k].from].nout++;
	for (uint32_t i = 0, at = 0; i < m->n; i++) {
		m->v[i].out0 = at;
		at += m->v[i].nout;
		m->v[i].nout = 0;
	}
	for (uint32_t k = 0; k < m->ne; k++) {
		ck_node *u = &m->v[m->e[k].from];
		m->out[u->out0 + u->nout++] = k;
	}
	/* Topological order (Kahn). */
	uint32_t *indeg = calloc(m->n + 1, sizeof(uint32_t)), head = 0, tail = 0;
	if (!indeg)
		return -1;
	for (uint32_t i = 0; i < m->n; i++)
		indeg[i] = m->v[i].nin;
	for (uint32_t i = 0; i < m->n; i++)
		if (!indeg[i])
			m->topo[tail++] = i;
	while (head < tail) {
		ck_node *u = &m->v[m->topo[head++]];
		for (uint32_t k = 0; k < u->nout; k++)
			if (--indeg[m->e[m->out[u->out0 + k]].to] == 0)
				m->topo[tail++] = m->e[m->out[u->out0 + k]].to;
	}
	free(indeg);
	if (tail != m->n)
		return -1; /* a cycle: bt_check refuses such plans */

	/* Status, block by block in date order, entries top to bottom. */
	m->data_day = as_of == BT_DATE_NONE ? 0 : ck_index(c, as_of + 1);
	uint32_t *blocks = calloc(p->statuses.n + 1, sizeof(uint32_t)), nb = 0;
	if (!blocks)
		return -1;
	for (uint32_t s = 0; s < p->statuses.n; s++) {
		bt_date d = p->statuses.v[s].date;
		if (as_of == BT_DATE_NONE || d == BT_DATE_NONE || d > as_of)
			continue;
		uint32_t k = nb++;
		for (; k > 0 && p->statuses.v[blocks[k - 1]].date > d; k--)
			blocks[k] = blocks[k - 1];
		blocks[k] = s;
	}
	for (uint32_t bi = 0; bi < nb; bi++) {
		const bt_status *st = &p->statuses.v[blocks[bi]];
		int32_t block_day = ck_index(c, st->date + 1);
		for (uint32_t k = 0; k < st->nentry; k++) {
			const bt_entry *e = &p->entries.v[st->entry0 + k];
			if (e->kind == BT_E_NOTE || e->task.kind != BT_K_TASK || e->task.idx == BT_NONE)
				continue;
			ck_node *x = &m->v[e->task.idx];
			switch (e->kind) {
			case BT_E_DONE: {
				int32_t fin = ck_index(c, e->date + 1);
				if (x->state == CK_PLANNED) {
					/* No start reported: the likely estimate in team
					 * working days before the finish, never before day 0. */
					int32_t s = fin, left = x->likely;
					while (left > 0 && s > 0)
						if (ck_on(c, x->team, --s))
							left--;
					x->act_start = s > fin ? fin : s;
					x->inferred = 1;
				}
				x->state = CK_DONE;
				x->act_fin = fin;
				break;
			}
			case BT_E_STARTED:
				if (x->state == CK_DONE)
					break;
				x->state = CK_STARTED;
				x->act_start = ck_index(c, e->date);
				if (e->remaining >= 0) {
					x->dur = e->remaining;
					x->rem_kind = 1;
				} else if (e->percent >= 0) {
					x->dur = ck_left(x->likely, e->percent);
					x->rem_kind = 2;
				} else {
					int32_t left = x->likely - ck_team_days(c, x->team, x->act_start, block_day);
					x->dur = left > 1 ? left : 1;
					x->rem_kind = 0;
				}
				break;
			case BT_E_PROGRESS:
				if (x->state != CK_STARTED)
					break;
				m->nprog++;
				if (e->remaining >= 0) {
					x->dur = e->remaining;
					x->rem_kind = 1;
				} else {
					x->dur = ck_left(x->likely, e->percent);
					x->rem_kind = 2;
				}
				break;
			case BT_E_ESTIMATE:
				m->nest++;
				x->likely = e->est.m;
				break;
			default:
				break;
			}
		}
	}
	free(blocks);
	for (uint32_t i = 0; i < m->nt; i++) {
		ck_node *x = &m->v[i];
		const bt_task *t = &p->tasks.v[i];
		if (x->state == CK_PLANNED)
			x->dur = x->likely;
		x->release = m->data_day;
		if (t->not_before != BT_DATE_NONE && ck_index(c, t->not_before) > x->release)
			x->release = ck_index(c, t->not_before);
	}
	return 0;
}

/* The bound a link puts on its successor at the given dates: on its start
 * for FS and SS, on its finish for FF and SF. */
static int32_t ck_bound(const ck_edge *e, int32_t es_from, int32_t ef_from)
{
	return (e->type == BT_FS || e->type == BT_FF ? ef_from : es_from) + e->lag;
}

static int ck_finish_side(int type)
{
	return type == BT_FF || type == BT_SF;
}

/* Does a link bind its successor? Start-side links into started work
 * belong to history; nothing moves done work. */
static int ck_binds(const ck_plan *m, const ck_edge *e)
{
	const ck_node *s = &m->v[e->to];
	if (s->state == CK_DONE)
		return 0;
	return !(s->state == CK_STARTED && !ck_finish_side(e->type));
}

/* May levelling move started work v (natural: its finish from the data
 * day)? docs/plan-language.md, rule 4: when a finish link (FF, SF) into
 * it has a bound that is not yet a fact (its predecessor is not done; an
 * SF from started work hangs on a fact, the actual start), or a fact that
 * needs a later finish. Its remaining work is then levelled like planned
 * work, so capacity may move it too. */
static int ck_held(const ck_plan *m, uint32_t v, int32_t natural)
{
	const ck_node *x = &m->v[v];
	for (uint32_t k = 0; k < x->nin; k++) {
		const ck_edge *e = &m->e[x->in0 + k];
		if (e->type != BT_FF && e->type != BT_SF)
			continue;
		const ck_node *u = &m->v[e->from];
		if (u->ms)
			return 1;
		int fact = u->state == CK_DONE || (u->state == CK_STARTED && e->type == BT_SF);
		if (!fact || (e->type == BT_FF ? u->act_fin : u->act_start) + e->lag > natural)
			return 1;
	}
	return 0;
}

/* Does a link count in the backward pass (late dates, floats)? */
static int ck_counts_back(const ck_plan *m, const ck_edge *e)
{
	if (!ck_binds(m, e))
		return 0;
	return !(m->v[e->from].state == CK_STARTED && (e->type == BT_SS || e->type == BT_SF));
}

/* The forward and backward passes, by the rules. */
static void ck_cpm(ck_plan *m)
{
	ck_cal *c = &m->cal;
	m->end = 0;
	for (uint32_t oi = 0; oi < m->n; oi++) {
		ck_node *x = &m->v[m->topo[oi]];
		int32_t lb = INT32_MIN, fb = INT32_MIN;
		for (uint32_t k = 0; k < x->nin; k++) {
			const ck_edge *e = &m->e[x->in0 + k];
			const ck_node *u = &m->v[e->from];
			if (!ck_binds(m, e))
				continue;
			int32_t b = ck_bound(e, u->es, u->ef);
			if (ck_finish_side(e->type)) {
				if (b > fb)
					fb = b;
			} else if (b > lb) {
				lb = b;
			}
		}
		if (x->ms) {
			int32_t d = lb > fb ? lb : fb;
			x->es = x->ef = d > 0 ? d : 0;
		} else if (x->state == CK_DONE) {
			x->es = x->act_start;
			x->ef = x->act_fin;
		} else {
			int32_t s = x->state == CK_STARTED ? m->data_day : (lb > x->release ? lb : x->release);
			if (x->dur <= 0) {
				if (fb > s)
					s = fb;
			} else {
				s = ck_next(c, x->team, s);
				while (ck_fin(c, x->team, s, x->dur) < fb)
					s = ck_next(c, x->team, s + 1);
			}
			x->resume = s;
			x->es = x->state == CK_STARTED ? x->act_start : s;
			x->ef = ck_fin(c, x->team, s, x->dur);
		}
		if (x->ef > m->end)
			m->end = x->ef;
	}
	for (uint32_t oi = m->n; oi-- > 0;) {
		ck_node *x = &m->v[m->topo[oi]];
		if (x->state == CK_DONE) {
			x->ls = x->es;
			x->lf = x->ef;
			x->tf = x->ff = 0;
			x->crit = 0;
			continue;
		}
		int32_t lf = m->end, fr = m->end - x->ef;
		for (uint32_t k = 0; k < x->nout; k++) {
			const ck_edge *e = &m->e[m->out[x->out0 + k]];
			const ck_node *s = &m->v[e->to];
			if (!ck_counts_back(m, e))
				continue;
			int32_t cand, slack;
			switch (e->type) {
			case BT_FS:
				cand = s->ls - e->lag;
				slack = s->es - e->lag - x->ef;
				break;
			case BT_FF:
				cand = s->lf - e->lag;
				slack = s->ef - e->lag - x->ef;
				break;
			case BT_SS:
				cand = x->ms || x->dur <= 0 ? s->ls - e->lag
					     : ck_fin(c, x->team, ck_prev(c, x->team, s->ls - e->lag), x->dur);
				slack = s->es - e->lag - x->es;
				break;
			default:
				cand = x->ms || x->dur <= 0 ? s->lf - e->lag
					     : ck_fin(c, x->team, ck_prev(c, x->team, s->lf - e->lag), x->dur);
				slack = s->ef - e->lag - x->es;
				break;
			}
			if (cand < lf)
				lf = cand;
			if (slack < fr)
				fr = slack;
		}
		if (x->ms || (x->state != CK_STARTED && x->dur <= 0)) {
			x->ls = x->lf = lf;
		} else if (x->state == CK_STARTED) {
			x->ls = x->act_start;
			x->lf = lf;
		} else {
			int32_t s = ck_prev(c, x->team, lf);
			while (ck_fin(c, x->team, s, x->dur) > lf)
				s = ck_prev(c, x->team, s - 1);
			x->ls = s;
			x->lf = ck_fin(c, x->team, s, x->dur);
		}
		x->tf = x->lf - x->ef;
		x->ff = fr < x->tf ? fr : x->tf;
		x->crit = x->tf <= 0;
	}
}

/* Why the checker put task v where it did: "released on day 5", "FF b +5d
 * needs a finish >= 10", for the failure messages. */
static const char *ck_why(ck_plan *m, uint32_t v, char *buf, size_t n)
{
	ck_node *x = &m->v[v];
	char d1[24];
	if (x->state == CK_DONE) {
		snprintf(buf, n, "done: actual dates%s", x->inferred ? ", start inferred from the estimate" : "");
		return buf;
	}
	int32_t lb = x->ms ? 0 : x->state == CK_STARTED ? m->data_day : x->release, fb = INT32_MIN;
	const ck_edge *lbe = NULL, *fbe = NULL;
	for (uint32_t k = 0; k < x->nin; k++) {
		const ck_edge *e = &m->e[x->in0 + k];
		if (!ck_binds(m, e))
			continue;
		int32_t b = ck_bound(e, m->v[e->from].es, m->v[e->from].ef);
		if (ck_finish_side(e->type) && b > fb) {
			fb = b;
			fbe = e;
		} else if (!ck_finish_side(e->type) && b > lb && x->state == CK_PLANNED) {
			lb = b;
			lbe = e;
		} else if (!ck_finish_side(e->type) && x->ms && b > lb) {
			lb = b;
			lbe = e;
		}
	}
	int len = 0;
	if (x->state == CK_STARTED)
		len = snprintf(buf, n, "started, %d day%s left from the data day %s", x->dur, x->dur == 1 ? "" : "s",
			       ck_dstr(&m->cal, m->data_day, d1));
	else if (lbe)
		len = snprintf(buf, n, "%s %s %+dd starts it at day %d", ck_type_name[lbe->type],
			       m->v[lbe->from].id, lbe->lag, lb);
	else
		len = snprintf(buf, n, "%s day %d", x->ms ? "no bound after" : "released on", lb);
	if (fbe && len >= 0 && (size_t)len < n)
		len += snprintf(buf + len, n - (size_t)len, "; %s %s %+dd needs a finish >= day %d",
				ck_type_name[fbe->type], m->v[fbe->from].id, fbe->lag, fb);
	if (!x->ms && x->team != BT_NONE && len >= 0 && (size_t)len < n) {
		int32_t a = x->state == CK_STARTED ? x->resume : x->es, off = 0;
		for (int32_t k = a; k < x->ef; k++)
			off += !ck_on(&m->cal, x->team, k);
		if (off)
			snprintf(buf + len, n - (size_t)len, "; pauses %d team day%s off", off, off == 1 ? "" : "s");
	}
	return buf;
}

/* Why the checker gave task v its late finish and free float: "late
 * finish from FS c (late start 8); free float from FS c (slack 1)". */
static const char *ck_why_late(ck_plan *m, uint32_t v, char *buf, size_t n)
{
	ck_node *x = &m->v[v];
	ck_cal *c = &m->cal;
	if (x->state == CK_DONE) {
		snprintf(buf, n, "done: late dates are the actuals");
		return buf;
	}
	int32_t lf = m->end, fr = m->end - x->ef;
	const ck_edge *lfe = NULL, *fre = NULL;
	int ignored = 0;
	for (uint32_t k = 0; k < x->nout; k++) {
		const ck_edge *e = &m->e[m->out[x->out0 + k]];
		const ck_node *s = &m->v[e->to];
		if (!ck_counts_back(m, e)) {
			ignored++;
			continue;
		}
		int32_t cand, slack;
		switch (e->type) {
		case BT_FS: cand = s->ls - e->lag; slack = s->es - e->lag - x->ef; break;
		case BT_FF: cand = s->lf - e->lag; slack = s->ef - e->lag - x->ef; break;
		case BT_SS:
			cand = x->ms ? s->ls - e->lag : ck_fin(c, x->team, ck_prev(c, x->team, s->ls - e->lag), x->dur);
			slack = s->es - e->lag - x->es;
			break;
		default:
			cand = x->ms ? s->lf - e->lag : ck_fin(c, x->team, ck_prev(c, x->team, s->lf - e->lag), x->dur);
			slack = s->ef - e->lag - x->es;
			break;
		}
		if (cand < lf) {
			lf = cand;
			lfe = e;
		}
		if (slack < fr) {
			fr = slack;
			fre = e;
		}
	}
	int len;
	if (lfe)
		len = snprintf(buf, n, "late finish <= %d from %s %s %+dd", lf, ck_type_name[lfe->type],
			       m->v[lfe->to].id, lfe->lag);
	else
		len = snprintf(buf, n, "late finish <= the end, day %d", m->end);
	if (len >= 0 && (size_t)len < n && fre)
		len += snprintf(buf + len, n - (size_t)len, "; free float from %s %s (slack %d)",
				ck_type_name[fre->type], m->v[fre->to].id, fr);
	if (len >= 0 && (size_t)len < n && ignored)
		len += snprintf(buf + len, n - (size_t)len, "; %d link%s out not counted", ignored,
				ignored == 1 ? "" : "s");
	if (len >= 0 && (size_t)len < n && !x->ms && x->state == CK_PLANNED)
		snprintf(buf + len, n - (size_t)len, "; %d team days", x->dur);
	return buf;
}

/*========================== Comparing ==========================*/

enum { CK_NUM, CK_DAY, CK_FINISH }; /* how to print a value */

/* A field that differs: "task 'b' [started] late_finish_day: expected 13
 * (2027-03-17), got 10 (2027-03-12)". */
static void ck_field(ck_plan *m, uint32_t v, const char *field, int64_t want, int64_t got, int how)
{
	if (want == got)
		return;
	const ck_node *x = &m->v[v];
	const char *kind = x->ms ? "milestone" : "task";
	const char *cls = x->ms ? "" : ck_state_name[x->state];
	char key[96], w[48], g[48], d[24], why[200];
	snprintf(key, sizeof key, "%s %s%s%s%s", kind, field, *cls ? " [" : "", cls, *cls ? "]" : "");
	if (how == CK_NUM) {
		snprintf(w, sizeof w, "%lld", (long long)want);
		snprintf(g, sizeof g, "%lld", (long long)got);
	} else {
		int adj = how == CK_FINISH ? 1 : 0;
		snprintf(w, sizeof w, "%lld (%s)", (long long)want, ck_dstr(&m->cal, (int32_t)want - adj, d));
		snprintf(g, sizeof g, "%lld (%s)", (long long)got, ck_dstr(&m->cal, (int32_t)got - adj, d));
	}
	if (m->levelled)
		ck_failk(key, "%s '%s'%s%s%s %s: expected %s, got %s", kind, x->id, *cls ? " [" : "", cls,
			 *cls ? "]" : "", field, w, g);
	else
		ck_failk(key, "%s '%s'%s%s%s %s: expected %s, got %s  [%s]", kind, x->id, *cls ? " [" : "", cls,
			 *cls ? "]" : "", field, w, g,
			 !strncmp(field, "late", 4) || strstr(field, "float") || !strcmp(field, "critical")
				 ? ck_why_late(m, v, why, sizeof why)
				 : ck_why(m, v, why, sizeof why));
}

static int ck_has(json_t *o, const char *k)
{
	return json_object_get(o, k) != NULL;
}

static int64_t jint(json_t *o, const char *k)
{
	return (int64_t)json_integer_value(json_object_get(o, k));
}

/* A date string must be the date of working day `day` (adj 1: day - 1,
 * for exclusive finishes). */
static void ck_date_field(ck_plan *m, const char *kind, const char *id, json_t *o, const char *field,
			  int64_t day, int adj)
{
	char want[24], key[96];
	const char *got = json_string_value(json_object_get(o, field));
	ck_dstr(&m->cal, (int32_t)(day - adj), want);
	if (!got || strcmp(got, want)) {
		snprintf(key, sizeof key, "%s %s (date of its day)", kind, field);
		ck_failk(key, "%s '%s' %s: expected %s (the date of day %lld), got %s", kind, id, field, want,
			 (long long)(day - adj), got ? got : "null");
	}
}

/* The JSON's top level and its status date; 0 or -1 (reported). */
static int ck_open(ck_plan *m, const bt_plan *p, json_t *root, int levelled)
{
	json_t *jt = json_object_get(root, "tasks"), *jm = json_object_get(root, "milestones");
	if (!json_is_array(jt) || json_array_size(jt) != p->tasks.n || !json_is_array(jm) ||
	    json_array_size(jm) != p->milestones.n) {
		ck_failk("schedule shape", "task or milestone count differs from the plan");
		return -1;
	}
	if (!json_is_boolean(json_object_get(root, "levelled")) ||
	    json_is_true(json_object_get(root, "levelled")) != levelled) {
		ck_failk("schedule levelled flag", "'levelled' is not %s", levelled ? "true" : "false");
		return -1;
	}
	bt_date as_of = BT_DATE_NONE;
	const char *as = json_string_value(json_object_get(root, "as_of"));
	if (as && bt_date_parse(as, strlen(as), &as_of)) {
		ck_failk("schedule as_of", "as_of '%s' is not a date", as);
		return -1;
	}
	if (ck_plan_init(m, p, as_of, (int32_t)jint(root, "end_day"))) {
		ck_failk("checker", "the checker could not read the plan (memory or a cycle)");
		return -1;
	}
	ck_cpm(m);
	m->levelled = levelled;
	ck_run++;
	return 0;
}

/* Task and milestone ids in plan order. */
static int ck_ids(ck_plan *m, json_t *root)
{
	json_t *jt = json_object_get(root, "tasks"), *jm = json_object_get(root, "milestones");
	int bad = 0;
	for (uint32_t v = 0; v < m->n; v++) {
		json_t *o = v < m->nt ? json_array_get(jt, v) : json_array_get(jm, v - m->nt);
		const char *id = json_string_value(json_object_get(o, "id"));
		if (!id || strcmp(id, m->v[v].id)) {
			ck_failk("schedule order", "%s %u is '%s', expected '%s'", v < m->nt ? "task" : "milestone",
				 v < m->nt ? v : v - m->nt, id ? id : "null", m->v[v].id);
			bad = 1;
		}
	}
	return bad;
}

/* Top-level fields both kinds of schedule share. */
static void ck_top(ck_plan *m, json_t *root, int64_t want_end)
{
	const bt_plan *p = m->p;
	char w[24], g[24];
	int64_t dd = jint(root, "data_day"), end = jint(root, "end_day");
	if (dd != m->data_day)
		ck_failk("program data_day", "program data_day: expected %d (%s), got %lld (%s)", m->data_day,
			 ck_dstr(&m->cal, m->data_day, w), (long long)dd, ck_dstr(&m->cal, (int32_t)dd, g));
	if (end != want_end)
		ck_failk("program end_day", "program end_day: expected %lld (ends %s), got %lld (ends %s)",
			 (long long)want_end, ck_dstr(&m->cal, (int32_t)want_end - 1, w), (long long)end,
			 ck_dstr(&m->cal, (int32_t)end - 1, g));
	ck_date_field(m, "program", p->prog.id, root, "end", end, end > 0);
	bt_date pc = ck_commit(p, p->prog.commit0, p->prog.cc0, p->prog.ncc, m->as_of);
	if (pc != BT_DATE_NONE) {
		int64_t want = ck_index(&m->cal, pc + 1) - end;
		if (!ck_has(root, "slack") || jint(root, "slack") != want)
			ck_failk("program slack", "program slack: expected %lld, got %lld", (long long)want,
				 (long long)jint(root, "slack"));
	}
}

/* A deadline's slack against the JSON's own finish. */
static void ck_deadline(ck_plan *m, uint32_t v, json_t *o)
{
	const bt_task *t = &m->p->tasks.v[v];
	if (t->deadline == BT_DATE_NONE)
		return;
	int64_t want = ck_index(&m->cal, t->deadline + 1) - jint(o, "finish_day");
	if (!ck_has(o, "deadline_slack"))
		ck_failk("task deadline_slack", "task '%s' deadline_slack: missing", t->id);
	else if (jint(o, "deadline_slack") != want)
		ck_failk("task deadline_slack", "task '%s' deadline_slack: expected %lld, got %lld", t->id,
			 (long long)want, (long long)jint(o, "deadline_slack"));
}

static void ck_state_field(ck_plan *m, uint32_t v, json_t *o)
{
	const char *sn = json_string_value(json_object_get(o, "state"));
	const char *want = ck_state_name[m->v[v].state];
	if (!sn || strcmp(sn, want))
		ck_failk("task state", "task '%s' state: expected %s, got %s", m->v[v].id, want, sn ? sn : "null");
}

/* The case mix of one schedule. */
static void ck_count_cases(ck_plan *m)
{
	if (ck_selftest)
		return;
	ck_stats.schedules++;
	ck_stats.progress += m->nprog;
	ck_stats.reestimates += m->nest;
	const bt_plan *p = m->p;
	ck_stats.teams += p->teams.n;
	for (uint32_t tm = 0; tm < p->teams.n; tm++) {
		const bt_team *t = &p->teams.v[tm];
		for (uint32_t i = 0; i < t->ncc; i++) {
			ck_stats.cap_perm += p->capchanges.v[t->cc0 + i].to == BT_DATE_NONE;
			ck_stats.cap_temp += p->capchanges.v[t->cc0 + i].to != BT_DATE_NONE;
		}
		for (uint32_t i = 0; i < t->nhol; i++) {
			const bt_range *r = &p->ranges.v[t->hol0 + i];
			ck_stats.team_hol_days += r->from == r->to;
			ck_stats.team_hol_ranges += r->from != r->to;
		}
	}
	for (uint32_t v = 0; v < m->nt; v++) {
		ck_node *x = &m->v[v];
		if (x->state == CK_PLANNED)
			ck_stats.planned++;
		else if (x->state == CK_DONE) {
			ck_stats.done++;
			ck_stats.done_inferred += x->inferred;
		} else {
			ck_stats.started++;
			ck_stats.rem_default += x->rem_kind == 0;
			ck_stats.rem_given += x->rem_kind == 1;
			ck_stats.rem_percent += x->rem_kind == 2;
			ck_stats.rem_zero += x->dur == 0;
			ck_stats.started_resumed += x->resume > ck_next(&m->cal, x->team, m->data_day);
		}
		if (x->state != CK_DONE) {
			int32_t a = x->state == CK_STARTED ? x->resume : x->es, off = 0;
			for (int32_t k = a; k < x->ef && !off; k++)
				off = !ck_on(&m->cal, x->team, k);
			if (off) {
				if (x->state == CK_PLANNED)
					ck_stats.paused_planned++;
				else
					ck_stats.paused_started++;
			}
		}
	}
	for (uint32_t k = 0; k < m->ne; k++) {
		const ck_edge *e = &m->e[k];
		const ck_node *u = &m->v[e->from], *s = &m->v[e->to];
		ck_stats.links[e->type][u->state][s->state]++;
		ck_stats.lag_pos += e->lag > 0;
		ck_stats.lag_neg += e->lag < 0;
		if (!s->ms && s->state != CK_PLANNED && !ck_finish_side(e->type) &&
		    s->act_start < ck_bound(e, u->es, u->ef))
			ck_stats.start_links_broken++;
	}
	for (uint32_t v = m->nt; v < m->n; v++) {
		ck_stats.ms++;
		int32_t b = INT32_MIN;
		ck_node *x = &m->v[v];
		for (uint32_t k = 0; k < x->nin; k++) {
			const ck_edge *e = &m->e[x->in0 + k];
			int32_t bb = ck_bound(e, m->v[e->from].es, m->v[e->from].ef);
			if (bb > b)
				b = bb;
		}
		ck_stats.ms_clamped += x->nin && b < 0;
	}
}

/*==================== Critical-path schedules ====================*/

/* Returns the number of violations; prints the first few. */
__attribute__((unused)) static int check_schedule(const bt_plan *p, json_t *root)
{
	ck_errors = 0;
	ck_plan m;
	if (ck_open(&m, p, root, 0)) {
		ck_plan_free(&m);
		return ck_errors ? ck_errors : 1;
	}
	if (ck_ids(&m, root)) {
		ck_plan_free(&m);
		return ck_errors;
	}
	ck_count_cases(&m);
	json_t *jt = json_object_get(root, "tasks"), *jm = json_object_get(root, "milestones");
	ck_top(&m, root, m.end);
	/* Early dates in dependency order, so the first disagreement printed
	 * is the likely cause of the ones after it. */
	for (uint32_t oi = 0; oi < m.n; oi++) {
		uint32_t v = m.topo[oi];
		ck_node *x = &m.v[v];
		if (x->ms) {
			json_t *o = json_array_get(jm, v - m.nt);
			int64_t day = jint(o, "planned_day");
			ck_field(&m, v, "planned_day", x->es, day, CK_DAY);
			ck_date_field(&m, "milestone", x->id, o, "planned", day, day > 0);
			continue;
		}
		json_t *o = json_array_get(jt, v);
		ck_state_field(&m, v, o);
		ck_field(&m, v, "start_day", x->es, jint(o, "start_day"), CK_DAY);
		ck_field(&m, v, "finish_day", x->ef, jint(o, "finish_day"), CK_FINISH);
		int64_t s = jint(o, "start_day"), f = jint(o, "finish_day");
		ck_date_field(&m, "task", x->id, o, "start", s, 0);
		ck_date_field(&m, "task", x->id, o, "finish", f > s ? f : s, f > s);
		if (x->state == CK_STARTED) {
			if (!ck_has(o, "remaining"))
				ck_failk("task remaining [started]", "task '%s' [started] remaining: missing", x->id);
			else
				ck_field(&m, v, "remaining", x->dur, jint(o, "remaining"), CK_NUM);
		} else if (ck_has(o, "remaining")) {
			ck_failk("task remaining [not started]", "task '%s' [%s] has 'remaining'", x->id,
				 ck_state_name[x->state]);
		}
		ck_deadline(&m, v, o);
	}
	/* Late dates and floats, successors first. */
	for (uint32_t oi = m.n; oi-- > 0;) {
		uint32_t v = m.topo[oi];
		ck_node *x = &m.v[v];
		if (x->ms) {
			json_t *o = json_array_get(jm, v - m.nt);
			int crit = json_is_true(json_object_get(o, "critical"));
			ck_field(&m, v, "critical", x->crit, crit, CK_NUM);
			const bt_milestone *ms = &p->milestones.v[v - m.nt];
			bt_date mc = ck_commit(p, ms->commit0, ms->cc0, ms->ncc, m.as_of);
			if (mc != BT_DATE_NONE) {
				int64_t want = ck_index(&m.cal, mc + 1) - jint(o, "planned_day");
				ck_field(&m, v, "slack", want, jint(o, "slack"), CK_NUM);
			} else if (!json_is_null(json_object_get(o, "slack"))) {
				ck_failk("milestone slack", "milestone '%s' slack: expected null", x->id);
			}
			continue;
		}
		json_t *o = json_array_get(jt, v);
		ck_field(&m, v, "late_start_day", x->ls, jint(o, "late_start_day"), CK_DAY);
		ck_field(&m, v, "late_finish_day", x->lf, jint(o, "late_finish_day"), CK_FINISH);
		ck_field(&m, v, "total_float", x->tf, jint(o, "total_float"), CK_NUM);
		ck_field(&m, v, "free_float", x->ff, jint(o, "free_float"), CK_NUM);
		ck_field(&m, v, "critical", x->crit, json_is_true(json_object_get(o, "critical")), CK_NUM);
		int64_t s = jint(o, "late_start_day"), f = jint(o, "late_finish_day");
		ck_date_field(&m, "task", x->id, o, "late_start", s, 0);
		ck_date_field(&m, "task", x->id, o, "late_finish", f > s ? f : s, f > s);
	}
	if (m.cal.overflow)
		ck_failk("checker horizon", "the checker's calendar was too short for this plan");
	ck_plan_free(&m);
	return ck_errors;
}

/*======================== Levelled schedules ========================*/

/* A levelled schedule: see the top of this file. Returns the number of
 * violations. */
__attribute__((unused)) static int check_levelled(const bt_plan *p, json_t *root)
{
	ck_errors = 0;
	struct ck_stats saved = ck_stats;
	ck_plan m;
	if (ck_open(&m, p, root, 1)) {
		ck_plan_free(&m);
		return ck_errors ? ck_errors : 1;
	}
	if (ck_ids(&m, root)) {
		ck_plan_free(&m);
		return ck_errors;
	}
	ck_stats.levelled++;
	ck_cal *c = &m.cal;
	json_t *jt = json_object_get(root, "tasks"), *jm = json_object_get(root, "milestones");
	uint32_t n = m.n, nt = m.nt;
	int32_t *es = malloc(sizeof(int32_t) * (n + 1)), *ef = malloc(sizeof(int32_t) * (n + 1));
	int32_t *from = malloc(sizeof(int32_t) * (n + 1)); /* first day it works from the data day */
	char *fixed = calloc(n + 1, 1);
	char d1[24], d2[24];
	int64_t end = jint(root, "end_day"), maxf = 0;
	for (uint32_t v = 0; v < n; v++) {
		json_t *o = v < nt ? json_array_get(jt, v) : json_array_get(jm, v - nt);
		if (v < nt) {
			es[v] = (int32_t)jint(o, "start_day");
			ef[v] = (int32_t)jint(o, "finish_day");
		} else {
			es[v] = ef[v] = (int32_t)jint(o, "planned_day");
		}
		if (ef[v] > maxf)
			maxf = ef[v];
	}
	ck_top(&m, root, maxf);
	if (end < m.end)
		ck_failk("program end_day (levelled before critical path)",
			 "program end_day %lld (ends %s) is before the critical-path end %d (ends %s)",
			 (long long)end, ck_dstr(c, (int32_t)end - 1, d1), m.end, ck_dstr(c, m.end - 1, d2));
	json_t *lv = json_object_get(root, "levelling");
	if (lv && ck_has(lv, "critical_path_end_day") && jint(lv, "critical_path_end_day") != m.end)
		ck_failk("levelling critical_path_end_day",
			 "levelling critical_path_end_day: expected %d (ends %s), got %lld", m.end,
			 ck_dstr(c, m.end - 1, d1), (long long)jint(lv, "critical_path_end_day"));
	if (lv && ck_has(lv, "lower_bound_day") && jint(lv, "lower_bound_day") > end)
		ck_failk("levelling lower_bound_day", "levelling lower_bound_day %lld is after the end %lld",
			 (long long)jint(lv, "lower_bound_day"), (long long)end);

	for (uint32_t oi = 0; oi < n; oi++) {
		uint32_t v = m.topo[oi];
		ck_node *x = &m.v[v];
		json_t *o = v < nt ? json_array_get(jt, v) : json_array_get(jm, v - nt);
		from[v] = es[v];
		/* Bounds at the levelled dates. */
		int32_t lb = INT32_MIN, fb = INT32_MIN;
		for (uint32_t k = 0; k < x->nin; k++) {
			const ck_edge *e = &m.e[x->in0 + k];
			if (!ck_binds(&m, e))
				continue;
			int32_t b = ck_bound(e, es[e->from], ef[e->from]);
			int32_t at = ck_finish_side(e->type) ? ef[v] : es[v];
			if (ck_finish_side(e->type) && b > fb)
				fb = b;
			if (!ck_finish_side(e->type) && b > lb)
				lb = b;
			if (at < b && !x->ms) {
				char key[96];
				snprintf(key, sizeof key, "levelled link %s into a %s task", ck_type_name[e->type],
					 ck_state_name[x->state]);
				const ck_node *u = &m.v[e->from];
				ck_failk(key, "link %s [%s] -> %s (%s %+dd) does not hold: %s day %d, needs >= %d",
					 u->id, u->ms ? "milestone" : ck_state_name[u->state], x->id,
					 ck_type_name[e->type], e->lag, ck_finish_side(e->type) ? "finish" : "start", at,
					 b);
			}
		}
		if (x->ms) {
			int32_t want = lb > fb ? lb : fb;
			ck_field(&m, v, "day (levelled)", want > 0 ? want : 0, es[v], CK_DAY);
			ck_date_field(&m, "milestone", x->id, o, "planned", es[v], es[v] > 0);
			continue;
		}
		ck_state_field(&m, v, o);
		ck_date_field(&m, "task", x->id, o, "start", es[v], 0);
		ck_date_field(&m, "task", x->id, o, "finish", ef[v] > es[v] ? ef[v] : es[v], ef[v] > es[v]);
		ck_deadline(&m, v, o);
		if (x->state == CK_PLANNED && ck_has(o, "delay_days"))
			ck_field(&m, v, "delay_days", es[v] - x->es, jint(o, "delay_days"), CK_NUM);
		if (x->state == CK_DONE) {
			ck_field(&m, v, "start_day (levelled)", x->act_start, es[v], CK_DAY);
			ck_field(&m, v, "finish_day (levelled)", x->act_fin, ef[v], CK_FINISH);
			continue;
		}
		if (x->state == CK_STARTED) {
			ck_field(&m, v, "start_day (levelled)", x->act_start, es[v], CK_DAY);
			if (!ck_has(o, "remaining"))
				ck_failk("task remaining [started]", "task '%s' [started] remaining: missing", x->id);
			else
				ck_field(&m, v, "remaining (levelled)", x->dur, jint(o, "remaining"), CK_NUM);
			/* Its remaining work: the last `dur` team days before its
			 * finish, all from the data day on. */
			int32_t natural = ck_fin(c, x->team, m.data_day, x->dur), r = ef[v];
			if (x->dur > 0) {
				if (!ck_on(c, x->team, r - 1))
					ck_failk("levelled finish on a team day off [started]",
						 "task '%s' [started] finishes on %s, a day its team is off", x->id,
						 ck_dstr(c, r - 1, d1));
				for (int32_t left = x->dur; left > 0 && r > -1000000;)
					if (ck_on(c, x->team, --r))
						left--;
			}
			from[v] = r;
			if (ef[v] < natural)
				ck_field(&m, v, "finish_day (levelled, remaining work from the data day)", natural, ef[v],
					 CK_FINISH);
			else if (ef[v] > natural) {
				ck_stats.lev_moved_started++;
				if (!ck_held(&m, v, natural))
					ck_failk("levelled started work moved without a finish link",
						 "task '%s' [started] finishes %s, after %s (%d day%s of work from the data day), "
						 "but no FF or SF link needs that",
						 x->id, ck_dstr(c, ef[v] - 1, d1), ck_dstr(c, natural - 1, d2), x->dur,
						 x->dur == 1 ? "" : "s");
			} else {
				fixed[v] = 1;
			}
			continue;
		}
		if (es[v] < x->release)
			ck_failk("levelled start before release [planned]",
				 "task '%s' starts %s (day %d), before its release %s (day %d)", x->id,
				 ck_dstr(c, es[v], d1), es[v], ck_dstr(c, x->release, d2), x->release);
		if (x->dur > 0 && !ck_on(c, x->team, es[v]))
			ck_failk("levelled start on a team day off [planned]",
				 "task '%s' starts on %s, a day its team is off", x->id, ck_dstr(c, es[v], d1));
		ck_field(&m, v, "finish_day (levelled: start + duration on the team calendar)",
			 ck_fin(c, x->team, es[v], x->dur), ef[v], CK_FINISH);
	}
	/* Capacity, day by day, team by team, in tenths of a person. */
	uint32_t nteam = p->teams.n;
	int32_t span = end > m.data_day ? (int32_t)(end - m.data_day) : 0;
	if (span > c->n - m.data_day)
		span = c->n - m.data_day > 0 ? c->n - m.data_day : 0;
	int64_t *fixed_use = calloc((size_t)nteam * (size_t)span + 1, sizeof(int64_t));
	int64_t *free_use = calloc((size_t)nteam * (size_t)span + 1, sizeof(int64_t));
	for (uint32_t v = 0; v < nt && fixed_use && free_use; v++) {
		ck_node *x = &m.v[v];
		int frac = 0, other = 0;
		for (uint32_t i = 0; i < x->nneed; i++) {
			frac |= m.needs[x->need0 + i].tenths % 10 != 0;
			other |= m.needs[x->need0 + i].team != x->team;
		}
		ck_stats.frac_needs += frac;
		ck_stats.multi_team_needs += other;
		if (x->state == CK_DONE)
			continue;
		for (int32_t k = from[v] > m.data_day ? from[v] : m.data_day; k < ef[v] && k < m.data_day + span; k++) {
			if (!ck_on(c, x->team, k))
				continue; /* paused: uses nobody */
			for (uint32_t i = 0; i < x->nneed; i++) {
				const ck_need *nd = &m.needs[x->need0 + i];
				if (nd->team == BT_NONE || nd->team >= nteam)
					continue;
				size_t at = (size_t)nd->team * (size_t)span + (size_t)(k - m.data_day);
				(fixed[v] ? fixed_use : free_use)[at] += nd->tenths;
			}
		}
	}
	for (uint32_t tm = 0; tm < nteam && fixed_use && free_use; tm++) {
		const bt_team *team = &p->teams.v[tm];
		int64_t base = ck_base_cap(p, team);
		ck_stats.frac_caps += base % 10 != 0;
		for (int32_t k = 0; k < span; k++) {
			size_t at = (size_t)tm * (size_t)span + (size_t)k;
			int32_t day = m.data_day + k;
			int64_t cap = ck_team_cap(p, team, c->work[day]);
			if (fixed_use[at] > cap)
				ck_stats.lev_fixed_over_days++;
			if (free_use[at] + fixed_use[at] && cap > 0 && cap < base)
				ck_stats.lev_short_days++;
			if (!free_use[at] || fixed_use[at] + free_use[at] <= cap)
				continue;
			/* Who works that day, for the message. */
			char who[160], a[32], b[32], f[32];
			int len = 0;
			who[0] = 0;
			for (uint32_t v = 0; v < nt && len < (int)sizeof who - 40; v++) {
				ck_node *x = &m.v[v];
				if (x->state == CK_DONE || day < from[v] || day >= ef[v] || !ck_on(c, x->team, day))
					continue;
				for (uint32_t i = 0; i < x->nneed; i++)
					if (m.needs[x->need0 + i].team == tm && m.needs[x->need0 + i].tenths)
						len += snprintf(who + len, sizeof who - (size_t)len, "%s%s:%s%s",
								len ? " " : "", x->id,
								ck_tenths_str(m.needs[x->need0 + i].tenths, a),
								fixed[v]                    ? "(in progress)"
								: x->state == CK_STARTED ? "(started, moved)"
											   : "");
			}
			ck_cap_errors++;
			ck_failk(fixed_use[at] ? "levelled capacity (added to work in progress)" : "levelled capacity",
				 "team '%s' over capacity on %s: %s people needed (%s by work in progress), "
				 "capacity %s [%s]",
				 team->id, ck_dstr(c, day, d1), ck_tenths_str(fixed_use[at] + free_use[at], a),
				 ck_tenths_str(fixed_use[at], f), ck_tenths_str(cap, b), who);
		}
	}
	if (c->overflow)
		ck_failk("checker horizon", "the checker's calendar was too short for this plan");
	free(fixed_use);
	free(free_use);
	free(es);
	free(ef);
	free(from);
	free(fixed);
	ck_plan_free(&m);
	if (ck_selftest)
		ck_stats = saved;
	return ck_errors;
}

/*==================== The checker's own schedule ====================*/

/* The status date a schedule's JSON states (BT_DATE_NONE: none). */
__attribute__((unused)) static bt_date ck_as_of(json_t *root)
{
	bt_date d = BT_DATE_NONE;
	const char *as = json_string_value(json_object_get(root, "as_of"));
	if (as && bt_date_parse(as, strlen(as), &d))
		d = BT_DATE_NONE;
	return d;
}

/* The critical-path schedule the checker computes, in the JSON form of
 * `baton schedule --json` (the fields the checker reads), as of `as_of`
 * ("YYYY-MM-DD"; NULL: the latest status block, as the CLI does). For
 * testing the checker itself and for reading its answer. NULL on error. */
__attribute__((unused)) static json_t *ck_reference_json(const bt_plan *p, const char *as_of)
{
	bt_date d = BT_DATE_NONE;
	if (as_of && bt_date_parse(as_of, strlen(as_of), &d))
		return NULL;
	for (uint32_t s = 0; !as_of && s < p->statuses.n; s++)
		if (d == BT_DATE_NONE || p->statuses.v[s].date > d)
			d = p->statuses.v[s].date;
	ck_plan m;
	if (ck_plan_init(&m, p, d, 0)) {
		ck_plan_free(&m);
		return NULL;
	}
	ck_cpm(&m);
	char buf[24];
	json_t *root = json_object(), *tasks = json_array(), *ms = json_array();
	json_object_set_new(root, "program", json_string(p->prog.id));
	if (d != BT_DATE_NONE)
		bt_date_format(d, buf);
	json_object_set_new(root, "as_of", d == BT_DATE_NONE ? json_null() : json_string(buf));
	json_object_set_new(root, "data_day", json_integer(m.data_day));
	json_object_set_new(root, "levelled", json_false());
	json_object_set_new(root, "end_day", json_integer(m.end));
	json_object_set_new(root, "end", json_string(ck_dstr(&m.cal, m.end > 0 ? m.end - 1 : 0, buf)));
	bt_date pc = ck_commit(p, p->prog.commit0, p->prog.cc0, p->prog.ncc, d);
	if (pc != BT_DATE_NONE)
		json_object_set_new(root, "slack", json_integer(ck_index(&m.cal, pc + 1) - m.end));
	for (uint32_t v = 0; v < m.nt; v++) {
		const ck_node *x = &m.v[v];
		const bt_task *t = &p->tasks.v[v];
		json_t *o = json_object();
		json_object_set_new(o, "id", json_string(x->id));
		json_object_set_new(o, "state", json_string(ck_state_name[x->state]));
		json_object_set_new(o, "start", json_string(ck_dstr(&m.cal, x->es, buf)));
		json_object_set_new(o, "finish", json_string(ck_dstr(&m.cal, x->ef > x->es ? x->ef - 1 : x->es, buf)));
		json_object_set_new(o, "start_day", json_integer(x->es));
		json_object_set_new(o, "finish_day", json_integer(x->ef));
		json_object_set_new(o, "late_start", json_string(ck_dstr(&m.cal, x->ls, buf)));
		json_object_set_new(o, "late_finish", json_string(ck_dstr(&m.cal, x->lf > x->ls ? x->lf - 1 : x->ls, buf)));
		json_object_set_new(o, "late_start_day", json_integer(x->ls));
		json_object_set_new(o, "late_finish_day", json_integer(x->lf));
		json_object_set_new(o, "total_float", json_integer(x->tf));
		json_object_set_new(o, "free_float", json_integer(x->ff));
		json_object_set_new(o, "critical", json_boolean(x->crit));
		if (x->state == CK_STARTED)
			json_object_set_new(o, "remaining", json_integer(x->dur));
		if (t->deadline != BT_DATE_NONE) {
			json_object_set_new(o, "deadline", json_string((bt_date_format(t->deadline, buf), buf)));
			json_object_set_new(o, "deadline_slack", json_integer(ck_index(&m.cal, t->deadline + 1) - x->ef));
		}
		json_array_append_new(tasks, o);
	}
	for (uint32_t k = 0; k < m.nm; k++) {
		const ck_node *x = &m.v[m.nt + k];
		const bt_milestone *mm = &p->milestones.v[k];
		json_t *o = json_object();
		json_object_set_new(o, "id", json_string(x->id));
		json_object_set_new(o, "planned_day", json_integer(x->es));
		json_object_set_new(o, "planned", json_string(ck_dstr(&m.cal, x->es > 0 ? x->es - 1 : 0, buf)));
		bt_date mc = ck_commit(p, mm->commit0, mm->cc0, mm->ncc, d);
		json_object_set_new(o, "slack", mc == BT_DATE_NONE
							? json_null()
							: json_integer(ck_index(&m.cal, mc + 1) - x->es));
		json_object_set_new(o, "critical", json_boolean(x->crit));
		json_array_append_new(ms, o);
	}
	json_object_set_new(root, "tasks", tasks);
	json_object_set_new(root, "milestones", ms);
	ck_plan_free(&m);
	return root;
}
