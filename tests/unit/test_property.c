/*
 * test_property.c: property tests on generated plans. Each random plan is
 * scheduled, critical path and levelled, and both schedules must pass the
 * independent checker (tests/tools/checker.c), which recomputes every
 * date, float and critical flag by the scheduling rules.
 *
 * The generator makes the hard cases often, not by luck:
 *  - several teams, each with days off (single days and ranges) where the
 *    work runs, permanent and temporary capacity changes, and tasks that
 *    need people of other teams (fractions of a person with
 *    BATON_FRACTIONAL=1, once the parser takes `capacity 1.5`);
 *  - status blocks (one to three) with done work (with and without a
 *    reported start), started work (remaining, percent, or neither),
 *    progress in later blocks and re-estimates before and after a start;
 *    the states follow the task order loosely, with noise, so links of
 *    every type run out of and into started and done work;
 *  - links of all four types with lags and leads, milestones between
 *    tasks (some pulled before the program start by a lead), not-before
 *    dates, deadlines, zero-length tasks, odd working weeks, holidays;
 *  - some plans are scheduled as of an earlier block, or as of a date
 *    after the last block.
 * The checker counts what it saw; the case mix is printed at the end.
 *
 * The checker is tested too: the schedule it computes itself must pass
 * it, as a critical-path schedule and (links and releases) as a levelled
 * one; that schedule with any one field changed must fail it; and a
 * levelled schedule with one task moved a day earlier must fail it.
 *
 * BATON_PROPERTY_SEEDS=N runs N plans (default 600); BATON_PROPERTY_DUMP=N
 * prints the plan of seed N and exits, for `baton schedule --json` and
 * build/tools/check_schedule; BATON_PROPERTY_VERBOSE=1 prints every
 * violation of every plan (by default, those of the first two).
 */
#include "../tools/checker.c"
#include "schedule_json.h"
#include "test.h"

static uint64_t rng_state;

static uint32_t rnd(uint32_t n)
{
	/* splitmix64 */
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	z ^= z >> 31;
	return n ? (uint32_t)(z % n) : 0;
}

static int frac_mode; /* BATON_FRACTIONAL=1: capacities and needs in tenths */

static const char *date_str(bt_date d, char out[11])
{
	bt_date_format(d, out);
	return out;
}

static const char *tenths(int v, char out[16])
{
	if (v % 10)
		snprintf(out, 16, "%d.%d", v / 10, v % 10);
	else
		snprintf(out, 16, "%d", v / 10);
	return out;
}

/* People in tenths, between lo and hi: a whole number of people (when
 * one fits), or with BATON_FRACTIONAL=1 half the time any tenth. */
static int people(int lo, int hi)
{
	if (hi < lo)
		hi = lo;
	int v = lo + (int)rnd((uint32_t)(hi - lo + 1));
	if (frac_mode && rnd(2))
		return v;
	int w = (v + 9) / 10 * 10; /* a whole person up, else down */
	if (w > hi)
		w = v / 10 * 10;
	return w >= lo ? w : v;
}

#define MAXT 80
#define MAXB 3

/* A status line waiting for its block: kept in order by `key` (re-estimates
 * before the start, starts, progress, done, re-estimates after). */
typedef struct line {
	int block, key;
	char text[96];
} line;

typedef struct gen {
	bt_buf *b;
	bt_date start;
	int nblocks;
	bt_date block[MAXB];
	line lines[4 * MAXT];
	int nlines;
	bt_date as_of_extra; /* a second status date to schedule as of, or NONE */
} gen;

static void add_line(gen *g, int block, int key, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void add_line(gen *g, int block, int key, const char *fmt, ...)
{
	if (g->nlines >= (int)(sizeof g->lines / sizeof g->lines[0]))
		return;
	line *l = &g->lines[g->nlines++];
	l->block = block;
	l->key = key;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(l->text, sizeof l->text, fmt, ap);
	va_end(ap);
}

/* The first block dated on or after d. */
static int block_of(const gen *g, bt_date d)
{
	for (int k = 0; k < g->nblocks; k++)
		if (g->block[k] >= d)
			return k;
	return g->nblocks - 1;
}

static const char *pct_str(char out[16])
{
	static const char *fixed[] = {"0%", "10%", "25%", "33.3%", "50%", "66.7%", "90%", "100%", "12.5%", "99%"};
	if (rnd(3))
		return fixed[rnd(10)];
	snprintf(out, 16, "%u%%", rnd(101));
	return out;
}

/* The status of task i: done, started or planned, and its lines. */
static void gen_task_status(gen *g, int i, int ntask)
{
	char a[11], f[11], p[16];
	bt_date last = g->block[g->nblocks - 1];
	int frac = 100 * i / ntask, r = (int)rnd(100);
	int state; /* 0 planned 1 started 2 done */
	if (frac < 30)
		state = r < 55 ? 2 : r < 85 ? 1 : 0;
	else if (frac < 60)
		state = r < 15 ? 2 : r < 55 ? 1 : 0;
	else
		state = r < 4 ? 2 : r < 16 ? 1 : 0;
	/* A re-estimate, before or after the task starts (not of done work). */
	if (state != 2 && rnd(5) == 0) {
		int m = 1 + (int)rnd(10);
		int blk = (int)rnd((uint32_t)g->nblocks);
		if (rnd(2))
			add_line(g, blk, rnd(2) ? 0 : 4, "t%d estimate %dd", i, m);
		else
			add_line(g, blk, rnd(2) ? 0 : 4, "t%d estimate %dd %dd %dd", i, m > 1 ? m - 1 : m, m, m + 3);
	}
	if (state == 0)
		return;
	/* Actual starts anywhere up to the last block, often in the first
	 * days (so leads out of them reach before day 0). */
	bt_date s = g->start + (bt_date)(rnd(i < 3 ? 2 : 4) ? rnd((uint32_t)(last - g->start + 1)) : rnd(4));
	int sb = block_of(g, s);
	if (state == 2) {
		bt_date fin = s + (bt_date)rnd((uint32_t)(last - s + 1));
		int fb = block_of(g, fin);
		if (rnd(3))
			add_line(g, sb, 1, "t%d started %s", i, date_str(s, a));
		add_line(g, fb, 3, "t%d done %s", i, date_str(fin, f));
		return;
	}
	switch (rnd(20)) {
	case 0: case 1: case 2: case 3: case 4: case 5: case 6:
		add_line(g, sb, 1, "t%d started %s", i, date_str(s, a));
		break;
	case 7: case 8: case 9: case 10: case 11: case 12:
		add_line(g, sb, 1, "t%d started %s remaining %ud", i, date_str(s, a), rnd(7) ? 1 + rnd(9) : 0);
		break;
	default:
		add_line(g, sb, 1, "t%d started %s percent %s", i, date_str(s, a), pct_str(p));
		break;
	}
	/* Progress in a later block. */
	if (sb + 1 < g->nblocks && rnd(2)) {
		int pb = sb + 1 + (int)rnd((uint32_t)(g->nblocks - sb - 1));
		if (rnd(2))
			add_line(g, pb, 2, "t%d remaining %ud", i, rnd(8));
		else
			add_line(g, pb, 2, "t%d percent %s", i, pct_str(p));
	}
}

/* A random plan as text. */
static void gen_plan(gen *g, int ntask, int with_status)
{
	static const char *days[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
	static const char *types[] = {"", " ss", " ff", " sf"};
	static const char *tn[] = {"a", "b", "c", "d"};
	bt_buf *b = g->b;
	char ds[11], ds2[11], n1[16], n2[16];
	bt_date start;
	bt_date_from_ymd(2027, 1, 1 + (int)rnd(28), &start);
	g->start = start;
	g->nlines = 0;
	g->as_of_extra = BT_DATE_NONE;
	bt_buf_printf(b, "program gen \"Generated\"\n  start %s\n", date_str(start, ds));
	if (rnd(4) == 0) {
		bt_buf_puts(b, "  workweek");
		int any = 0;
		for (int k = 0; k < 7; k++)
			if (rnd(3) || (k == 6 && !any)) {
				bt_buf_printf(b, " %s", days[k]);
				any = 1;
			}
		bt_buf_putc(b, '\n');
	}
	for (int h = (int)rnd(4); h > 0; h--) {
		bt_date d = start + (bt_date)rnd(120);
		if (rnd(4))
			bt_buf_printf(b, "  holiday %s\n", date_str(d, ds));
		else
			bt_buf_printf(b, "  holiday %s..%s\n", date_str(d, ds), date_str(d + 1 + (bt_date)rnd(4), ds2));
	}
	/* One to three weekly status blocks (written at the end). */
	g->nblocks = 1 + (int)rnd(3);
	g->block[0] = start + 12 + (bt_date)rnd(30);
	for (int k = 1; k < g->nblocks; k++)
		g->block[k] = g->block[k - 1] + 7;
	bt_date last = with_status ? g->block[g->nblocks - 1] : start;
	/* Teams: capacity, a permanent change, temporary changes (a vacation
	 * may take everyone), days off where the work is. */
	int nteam = 2 + (int)rnd(3), floor10[4];
	for (int t = 0; t < nteam; t++) {
		int cap = people(10, 50);
		bt_buf_printf(b, "team %s \"%s\" capacity %s\n", tn[t], tn[t], tenths(cap, n1));
		floor10[t] = cap;
		if (rnd(2)) {
			int c2 = people(cap > 20 ? cap - 10 : 10, cap + 10);
			bt_buf_printf(b, "  capacity %s from %s\n", tenths(c2, n1),
				      date_str(start + 10 + (bt_date)rnd(60), ds));
			if (c2 < floor10[t])
				floor10[t] = c2;
		}
		for (int k = (int)rnd(3); k > 0; k--) {
			bt_date d = start + (bt_date)rnd(80);
			bt_buf_printf(b, "  capacity %s from %s to %s\n", tenths(people(0, cap), n1), date_str(d, ds),
				      date_str(d + (bt_date)rnd(10), ds2));
		}
		/* Days off where the work runs: over the first months, and
		 * in the fortnight after the status date, where work in
		 * progress resumes. */
		for (int k = 2 + (int)rnd(5); k > 0; k--) {
			bt_date d = k == 1 && rnd(3) ? last + (bt_date)rnd(14) : start + (bt_date)rnd(120);
			if (rnd(5) < 3)
				bt_buf_printf(b, "  holiday %s\n", date_str(d, ds));
			else
				bt_buf_printf(b, "  holiday %s..%s\n", date_str(d, ds),
					      date_str(d + 1 + (bt_date)rnd(5), ds2));
		}
	}
	/* Milestones sit between tasks: milestone k follows tasks before
	 * mpos[k] and may lead to tasks from mpos[k] on. */
	int nms = 1 + (int)rnd(4), mpos[4];
	for (int k = 0; k < nms; k++)
		mpos[k] = 1 + (int)rnd((uint32_t)ntask - 1);
	for (int k = 1; k < nms; k++)
		for (int j = k; j > 0 && mpos[j - 1] > mpos[j]; j--) {
			int x = mpos[j];
			mpos[j] = mpos[j - 1];
			mpos[j - 1] = x;
		}
	for (int i = 0; i < ntask; i++) {
		int tm = (int)rnd((uint32_t)nteam);
		int m = rnd(12) ? 1 + (int)rnd(10) : 0, o = m - (int)rnd((uint32_t)m + 1), p = m + (int)rnd(8);
		bt_buf_printf(b, "task t%d\n  team %s  estimate %dd %dd %dd\n", i, tn[tm], o, m, p);
		switch (rnd(20)) {
		case 0: case 1: case 2:
			bt_buf_printf(b, "  needs %s\n", tenths(people(5, floor10[tm]), n1));
			break;
		case 3: case 4: case 5: case 6: case 7: {
			int o1 = (int)rnd((uint32_t)nteam), o2 = (int)rnd((uint32_t)nteam);
			bt_buf_printf(b, "  needs %s:%s", tn[o1], tenths(people(5, floor10[o1]), n1));
			if (o2 != o1)
				bt_buf_printf(b, " %s:%s", tn[o2], tenths(people(5, floor10[o2]), n2));
			bt_buf_putc(b, '\n');
			break;
		}
		case 8: bt_buf_puts(b, "  needs 0\n"); break;
		default: break;
		}
		/* Predecessors: mostly close by, so chains form through the
		 * started and done work; sometimes a milestone. */
		int nd = i ? (int)rnd(4) : 0, seen[4] = {-1, -1, -1, -1};
		for (int k = 0; k < nd; k++) {
			int j = rnd(5) ? i - 1 - (int)rnd((uint32_t)(i < 6 ? i : 6)) : (int)rnd((uint32_t)i);
			int dup = 0;
			for (int q = 0; q < k; q++)
				dup |= seen[q] == j;
			if (dup)
				continue;
			seen[k] = j;
			int lag = rnd(20) < 9 ? 0 : rnd(20) < 11 ? 1 + (int)rnd(4) : -1 - (int)rnd(3);
			bt_buf_printf(b, "  after t%d%s", j, types[rnd(4)]);
			if (lag)
				bt_buf_printf(b, " %+dd", lag);
			bt_buf_putc(b, '\n');
		}
		for (int k = 0; k < nms; k++)
			if (mpos[k] <= i && rnd(6) == 0) {
				bt_buf_printf(b, "  after m%d%s", k, types[rnd(4)]);
				if (rnd(2))
					bt_buf_printf(b, " %+dd", (int)rnd(7) - 3);
				bt_buf_putc(b, '\n');
				break;
			}
		bt_date nb = start + (bt_date)rnd(60);
		if (rnd(8) == 0)
			bt_buf_printf(b, "  not-before %s\n", date_str(nb, ds));
		else
			nb = start;
		if (rnd(10) == 0)
			bt_buf_printf(b, "  deadline %s\n", date_str(nb + (bt_date)rnd(90), ds));
	}
	for (int k = 0; k < nms; k++) {
		bt_buf_printf(b, "milestone m%d", k);
		if (rnd(3))
			bt_buf_printf(b, " commit %s", date_str(start + 30 + (bt_date)rnd(120), ds));
		bt_buf_putc(b, '\n');
		/* m0 often hangs on a lead alone: before day 0, it stays at 0. */
		int n = k == 0 && rnd(2) ? 0 : 1 + (int)rnd(3), used[3] = {-1, -1, -1}, used0 = 0;
		for (int q = 0; q < n; q++) {
			int j = (int)rnd((uint32_t)mpos[k]);
			if (j == used[0] || j == used[1] || j == used[2])
				continue;
			used[q] = j;
			used0 |= j == 0;
			bt_buf_printf(b, "  after t%d%s", j, types[rnd(4)]);
			if (rnd(2))
				bt_buf_printf(b, " %+dd", (int)rnd(9) - 5);
			bt_buf_putc(b, '\n');
		}
		if (k && rnd(3) == 0)
			bt_buf_printf(b, "  after m%d\n", k - 1);
		/* A lead out of one of the first tasks: often before day 0. */
		if ((!n || rnd(2)) && !used0)
			bt_buf_printf(b, "  after t0 ss -%dd\n", 2 + (int)rnd(5));
	}
	if (!with_status)
		return;
	for (int i = 0; i < ntask; i++)
		gen_task_status(g, i, ntask);
	for (int k = 0; k < g->nblocks; k++) {
		bt_buf_printf(b, "status %s\n", date_str(g->block[k], ds));
		for (int key = 0; key <= 4; key++)
			for (int l = 0; l < g->nlines; l++)
				if (g->lines[l].block == k && g->lines[l].key == key)
					bt_buf_printf(b, "  %s\n", g->lines[l].text);
	}
	/* Sometimes schedule as of an earlier block, or after the last. */
	if (rnd(3) == 0) {
		if (g->nblocks > 1 && rnd(2))
			g->as_of_extra = g->block[rnd((uint32_t)g->nblocks - 1)];
		else
			g->as_of_extra = g->block[g->nblocks - 1] + 1 + (bt_date)rnd(10);
	}
}

static json_t *schedule_json(baton_plan *p, const char *as_of, int level)
{
	baton_schedule_opts o = BATON_SCHEDULE_OPTS_INIT;
	o.as_of = as_of;
	o.level = level;
	o.schedules = 200;
	return schedule_json_with(p, &o);
}

/* The checker must notice any one field of a correct schedule changed. */
static void mutate_and_check(const bt_plan *p, json_t *ref)
{
	static const char *tfields[] = {"start_day", "finish_day", "late_start_day", "late_finish_day",
					"total_float", "free_float", "critical", "remaining", "start", "late_finish"};
	json_t *tasks = json_object_get(ref, "tasks"), *ms = json_object_get(ref, "milestones");
	size_t nt = json_array_size(tasks), nm = json_array_size(ms);
	if (!nt)
		return;
	json_t *copy = json_deep_copy(ref);
	json_t *target;
	const char *field;
	uint32_t pick = rnd(12);
	if (pick == 10 && nm) {
		target = json_array_get(json_object_get(copy, "milestones"), rnd((uint32_t)nm));
		field = rnd(2) ? "planned_day" : "critical";
	} else if (pick == 11) {
		target = copy;
		field = "end_day";
	} else {
		target = json_array_get(json_object_get(copy, "tasks"), rnd((uint32_t)nt));
		field = tfields[pick % 10];
		if (!strcmp(field, "remaining") && !json_object_get(target, "remaining"))
			field = "free_float";
	}
	json_t *val = json_object_get(target, field);
	if (json_is_boolean(val))
		json_object_set_new(target, field, json_boolean(!json_is_true(val)));
	else if (json_is_integer(val))
		json_object_set_new(target, field, json_integer(json_integer_value(val) + (rnd(2) ? 1 : -1)));
	else
		json_object_set_new(target, field, json_string("2099-01-01"));
	int q = ck_quiet;
	ck_quiet = ck_selftest = 1;
	int caught = check_schedule(p, copy);
	ck_quiet = q;
	ck_selftest = 0;
	if (!caught)
		fprintf(stderr, "checker missed a change of '%s'\n", field);
	CHECK(caught > 0);
	json_decref(copy);
}

/* The checker's own schedule as a levelled one: only capacity may fail.
 * Then one planned task a day earlier (on its team calendar, duration
 * kept) must break a link or its release. */
static void levelled_self_check(const bt_plan *p, json_t *ref)
{
	json_t *lv = json_deep_copy(ref);
	json_object_set_new(lv, "levelled", json_true());
	int q = ck_quiet;
	ck_quiet = ck_selftest = 1;
	ck_cap_errors = 0;
	int bad = check_levelled(p, lv);
	CHECK_EQ_INT(bad - ck_cap_errors, 0);
	json_t *tasks = json_object_get(lv, "tasks");
	size_t nt = json_array_size(tasks), k0 = rnd((uint32_t)nt + 1);
	for (size_t k = 0; k < nt; k++) {
		json_t *t = json_array_get(tasks, (k + k0) % nt);
		if (strcmp(json_string_value(json_object_get(t, "state")), "planned"))
			continue;
		int32_t s = (int32_t)json_integer_value(json_object_get(t, "start_day"));
		int32_t f = (int32_t)json_integer_value(json_object_get(t, "finish_day"));
		if (s <= 0)
			continue;
		/* The same work a team day earlier. */
		ck_plan m;
		if (ck_plan_init(&m, p, ck_as_of(lv), f)) {
			ck_plan_free(&m);
			break;
		}
		uint32_t v = (uint32_t)((k + k0) % nt);
		int32_t ns = ck_prev(&m.cal, m.v[v].team, s - 1);
		int32_t nf = ck_fin(&m.cal, m.v[v].team, ns, m.v[v].dur);
		ck_plan_free(&m);
		json_object_set_new(t, "start_day", json_integer(ns));
		json_object_set_new(t, "finish_day", json_integer(nf));
		ck_cap_errors = 0;
		int caught = check_levelled(p, lv);
		if (caught - ck_cap_errors <= 0)
			fprintf(stderr, "levelled checker missed task '%s' a day early\n",
				json_string_value(json_object_get(t, "id")));
		CHECK(caught - ck_cap_errors > 0);
		break;
	}
	ck_quiet = q;
	ck_selftest = 0;
	json_decref(lv);
}

static int shown;
static int verbose; /* BATON_PROPERTY_VERBOSE=1: print every violation */

/* Schedule p as of `as_of` both ways and check both schedules. */
static void check_plan(baton_plan *p, const char *as_of, uint64_t seed, const char *text, int *ok, int *lok)
{
	char ctx[64];
	json_t *root = schedule_json(p, as_of, 0);
	CHECK(root != NULL);
	if (root) {
		snprintf(ctx, sizeof ctx, "seed %llu%s%s", (unsigned long long)seed, as_of ? " as of " : "",
			 as_of ? as_of : "");
		ck_context = ctx;
		ck_quiet = shown >= 2 && !verbose;
		int bad = check_schedule(p, root);
		if (bad && shown++ < 2)
			fprintf(stderr, "seed %llu%s%s: %d violations in the critical-path schedule of\n%s\n",
				(unsigned long long)seed, as_of ? " as of " : "", as_of ? as_of : "", bad, text);
		CHECK_EQ_INT(bad, 0);
		*ok += !bad;
		json_decref(root);
	}
	json_t *lv = schedule_json(p, as_of, 1);
	CHECK(lv != NULL);
	if (lv) {
		snprintf(ctx, sizeof ctx, "seed %llu%s%s levelled", (unsigned long long)seed, as_of ? " as of " : "",
			 as_of ? as_of : "");
		ck_context = ctx;
		ck_quiet = shown >= 2 && !verbose;
		int bad = check_levelled(p, lv);
		if (bad && shown++ < 2)
			fprintf(stderr, "seed %llu%s%s: %d violations in the levelled schedule of\n%s\n",
				(unsigned long long)seed, as_of ? " as of " : "", as_of ? as_of : "", bad, text);
		CHECK_EQ_INT(bad, 0);
		*lok += !bad;
		json_decref(lv);
	}
	ck_context = NULL;
}

static void print_mix(void)
{
	const struct ck_stats *s = &ck_stats;
	long tasks = s->planned + s->started + s->done, links = 0, into_st = 0, into_dn = 0, out_st = 0,
	     out_dn = 0, bytype[4] = {0};
	for (int t = 0; t < 4; t++)
		for (int a = 0; a < 3; a++)
			for (int b = 0; b < 3; b++) {
				long n = s->links[t][a][b];
				links += n;
				bytype[t] += n;
				into_st += b == 1 ? n : 0;
				into_dn += b == 2 ? n : 0;
				out_st += a == 1 ? n : 0;
				out_dn += a == 2 ? n : 0;
			}
	printf("property: case mix over %ld critical-path and %ld levelled schedules:\n", s->schedules, s->levelled);
	printf("  tasks %ld: planned %ld, started %ld, done %ld (%ld with an inferred start)\n", tasks, s->planned,
	       s->started, s->done, s->done_inferred);
	printf("  started: remaining assumed on plan %ld, given %ld, from percent %ld; 0 left %ld; "
	       "resumed later by a finish link %ld\n",
	       s->rem_default, s->rem_given, s->rem_percent, s->rem_zero, s->started_resumed);
	printf("  status entries applied: progress %ld, re-estimates %ld\n", s->progress, s->reestimates);
	printf("  paused over a team day off: planned %ld, started %ld\n", s->paused_planned, s->paused_started);
	printf("  links %ld: FS %ld SS %ld FF %ld SF %ld; lags %ld, leads %ld\n", links, bytype[0], bytype[1],
	       bytype[2], bytype[3], s->lag_pos, s->lag_neg);
	printf("  links into started %ld, into done %ld, out of started %ld, out of done %ld; "
	       "FS/SS into started or done work that did not hold %ld\n",
	       into_st, into_dn, out_st, out_dn, s->start_links_broken);
	for (int t = 0; t < 4; t++)
		printf("    %s: into started %ld, into done %ld, out of started %ld, out of done %ld\n",
		       ck_type_name[t], s->links[t][0][1] + s->links[t][1][1] + s->links[t][2][1],
		       s->links[t][0][2] + s->links[t][1][2] + s->links[t][2][2],
		       s->links[t][1][0] + s->links[t][1][1] + s->links[t][1][2],
		       s->links[t][2][0] + s->links[t][2][1] + s->links[t][2][2]);
	printf("  milestones %ld, %ld of them pulled before day 0 by a lead\n", s->ms, s->ms_clamped);
	printf("  levelled: team-days where work in progress alone exceeds capacity %ld, "
	       "worked at reduced capacity %ld; started work moved %ld\n",
	       s->lev_fixed_over_days, s->lev_short_days, s->lev_moved_started);
	printf("  teams %ld (%.1f a schedule); capacity changes: permanent %ld, temporary %ld; "
	       "team holidays: single days %ld, ranges %ld\n",
	       s->teams, s->schedules ? (double)s->teams / (double)s->schedules : 0.0, s->cap_perm, s->cap_temp,
	       s->team_hol_days, s->team_hol_ranges);
	printf("  needs: of another team %ld, with a fraction %ld; teams with a fractional capacity %ld\n",
	       s->multi_team_needs, s->frac_needs, s->frac_caps);
}

int main(void)
{
	const char *fr = getenv("BATON_FRACTIONAL");
	frac_mode = fr && !strcmp(fr, "1");
	const char *ns = getenv("BATON_PROPERTY_SEEDS");
	uint64_t nseeds = ns ? strtoull(ns, NULL, 10) : 600;
	const char *vb = getenv("BATON_PROPERTY_VERBOSE");
	verbose = vb && !strcmp(vb, "1");
	const char *dp = getenv("BATON_PROPERTY_DUMP");
	uint64_t dump = dp ? strtoull(dp, NULL, 10) : 0;
	if (dump > nseeds)
		nseeds = dump;
	int plans = 0, feasible = 0, levelled_ok = 0, extra = 0;
	ck_print_max = verbose ? 1 << 30 : 12;
	for (uint64_t seed = 1; seed <= nseeds; seed++) {
		rng_state = seed * 7919;
		bt_buf b = BT_BUF_INIT;
		gen g = {.b = &b};
		gen_plan(&g, 5 + (int)rnd(45), seed % 6 != 0);
		if (dump) {
			if (seed != dump) {
				bt_buf_release(&b);
				continue;
			}
			char ds[11];
			fputs(b.s, stdout);
			if (g.as_of_extra != BT_DATE_NONE)
				printf("# also checked --as-of %s\n", date_str(g.as_of_extra, ds));
			bt_buf_release(&b);
			return 0;
		}
		baton_plan *p = baton_plan_parse("gen.baton", b.s, b.len);
		if (!p || baton_plan_errors(p)) {
			char *d = p ? baton_plan_diagnostics(p, 0) : NULL;
			static int shown_plans;
			if (shown_plans++ < 3)
				fprintf(stderr, "seed %llu: generated plan does not check:\n%s\n%s\n",
					(unsigned long long)seed, d ? d : "", b.s);
			baton_string_free(d);
			CHECK(0);
			baton_plan_free(p);
			bt_buf_release(&b);
			continue;
		}
		plans++;
		/* The checker on its own schedule. */
		json_t *ref = ck_reference_json(p, NULL);
		CHECK(ref != NULL);
		if (ref) {
			ck_quiet = 0;
			ck_selftest = 1;
			ck_context = "the checker's own schedule";
			CHECK_EQ_INT(check_schedule(p, ref), 0);
			ck_context = NULL;
			ck_selftest = 0;
			mutate_and_check(p, ref);
			levelled_self_check(p, ref);
			json_decref(ref);
		}
		check_plan(p, NULL, seed, b.s, &feasible, &levelled_ok);
		if (g.as_of_extra != BT_DATE_NONE) {
			char ds[11];
			check_plan(p, date_str(g.as_of_extra, ds), seed, b.s, &feasible, &levelled_ok);
			extra++;
		}
		baton_plan_free(p);
		bt_buf_release(&b);
	}
	print_mix();
	printf("property: %d plans generated (%d also as of another date), %d critical-path and %d levelled "
	       "schedules passed the checkers\n",
	       plans, extra, feasible, levelled_ok);
	if (ck_ntally) {
		fflush(stdout);
		ck_tally_print(stderr, "property: checks that failed, by field (violations, schedules):");
	}
	return test_report("property");
}
