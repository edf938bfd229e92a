/*
 * test_property.c: property tests on generated plans. Each random plan
 * (random working week, holidays, dependency types, lags and leads,
 * not-before dates, milestones and status blocks) is scheduled and the
 * schedule must pass the independent checker. Then the checker itself is
 * tested: a schedule with one date moved must fail it.
 */
#include "../tools/checker.c"
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

static void date_str(bt_date d, char out[11])
{
	bt_date_format(d, out);
}

/* A random plan as text. */
static void gen_plan(bt_buf *b, int ntask, int with_status)
{
	static const char *days[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
	static const char *types[] = {"", " ss", " ff", " sf"};
	bt_date start;
	bt_date_from_ymd(2027, 1, 1 + (int)rnd(28), &start);
	char ds[11];
	date_str(start, ds);
	bt_buf_printf(b, "program gen \"Generated\"\n  start %s\n", ds);
	if (rnd(3) == 0) {
		bt_buf_puts(b, "  workweek");
		int any = 0;
		for (int k = 0; k < 7; k++)
			if (rnd(3) || (k == 6 && !any)) {
				bt_buf_printf(b, " %s", days[k]);
				any = 1;
			}
		bt_buf_putc(b, '\n');
	}
	for (int h = (int)rnd(5); h > 0; h--) {
		date_str(start + (bt_date)rnd(120), ds);
		bt_buf_printf(b, "  holiday %s\n", ds);
	}
	bt_buf_puts(b, "team a \"A\" capacity 5\nteam b \"B\" capacity 3\n");
	/* Capacity that changes: a permanent drop, a vacation, a team
	 * holiday; the levelled checks must see all three. */
	date_str(start + 20 + (bt_date)rnd(40), ds);
	bt_buf_printf(b, "  capacity 2 from %s\n", ds);
	date_str(start + 5 + (bt_date)rnd(20), ds);
	char ds2[11];
	date_str(start + 25 + (bt_date)rnd(5), ds2);
	bt_buf_printf(b, "  capacity 1 from %s to %s\n", ds, ds2);
	/* A team holiday in half the plans: the schedule checker takes the
	 * other half (see the loop below). */
	if (ntask % 2) {
		date_str(start + (bt_date)rnd(50), ds);
		bt_buf_printf(b, "  holiday %s\n", ds);
	}
	for (int i = 0; i < ntask; i++) {
		int o = (int)rnd(6), m = o + (int)rnd(6), p = m + (int)rnd(10);
		bt_buf_printf(b, "task t%d\n  team %s  estimate %dd %dd %dd\n", i, rnd(2) ? "a" : "b", o, m, p);
		switch (rnd(6)) {
		case 0: bt_buf_puts(b, "  needs 2\n"); break;
		case 1: bt_buf_printf(b, "  needs a:%d b:1\n", 1 + (int)rnd(3)); break;
		case 2: bt_buf_puts(b, "  needs 0\n"); break;
		default: break;
		}
		int nd = i ? (int)rnd(4) : 0;
		for (int k = 0; k < nd; k++) {
			int j = (int)rnd((uint32_t)i);
			int lag = (int)rnd(7) - 2;
			bt_buf_printf(b, "  after t%d%s", j, types[rnd(4)]);
			if (lag)
				bt_buf_printf(b, " %+dd", lag);
			bt_buf_putc(b, '\n');
		}
		if (rnd(8) == 0) {
			date_str(start + (bt_date)rnd(60), ds);
			bt_buf_printf(b, "  not-before %s\n", ds);
		}
	}
	for (int k = 0; k < 3; k++) {
		date_str(start + 30 + (bt_date)rnd(120), ds);
		bt_buf_printf(b, "milestone m%d commit %s\n  after t%d, t%d\n", k, ds,
			      (int)rnd((uint32_t)ntask), (int)rnd((uint32_t)ntask));
	}
	if (!with_status)
		return;
	/* Two status blocks; tasks finish and start in a plausible order. */
	bt_date s1 = start + 20 + (bt_date)rnd(10), s2 = s1 + 7;
	int done_upto = (int)rnd((uint32_t)ntask / 3 + 1);
	date_str(s1, ds);
	bt_buf_printf(b, "status %s\n", ds);
	for (int i = 0; i < done_upto; i++) {
		char a[11], f[11];
		bt_date st = start + (bt_date)rnd(8);
		date_str(st, a);
		date_str(st + (bt_date)rnd((uint32_t)(s1 - st)), f);
		if (rnd(2))
			bt_buf_printf(b, "  t%d started %s\n", i, a);
		bt_buf_printf(b, "  t%d done %s\n", i, f);
	}
	if (done_upto < ntask) {
		date_str(s1 - (bt_date)rnd(5), ds);
		bt_buf_printf(b, "  t%d started %s remaining %dd\n", done_upto, ds, 1 + (int)rnd(8));
	}
	date_str(s2, ds);
	bt_buf_printf(b, "status %s\n", ds);
	if (done_upto < ntask)
		bt_buf_printf(b, "  t%d percent %d%%\n", done_upto, (int)rnd(100));
	if (done_upto + 1 < ntask)
		bt_buf_printf(b, "  t%d estimate %dd\n", done_upto + 1, 1 + (int)rnd(9));
}

static json_t *schedule_json(baton_plan *p, const char *as_of, int level)
{
	baton_schedule_opts o = BATON_SCHEDULE_OPTS_INIT;
	o.as_of = as_of;
	o.level = level;
	o.schedules = 200;
	baton_schedule *s = baton_schedule_compute(p, &o, NULL);
	if (!s)
		return NULL;
	char *js = baton_schedule_render(s, BATON_FORMAT_JSON, 0);
	baton_schedule_free(s);
	json_error_t err;
	json_t *root = js ? json_loads(js, 0, &err) : NULL;
	baton_string_free(js);
	return root;
}

int main(void)
{
	int plans = 0, feasible = 0, shown = 0, levelled_ok = 0, skipped = 0;
	for (uint64_t seed = 1; seed <= 300; seed++) {
		rng_state = seed * 7919;
		bt_buf b = BT_BUF_INIT;
		gen_plan(&b, 5 + (int)rnd(60), seed % 3 != 0);
		baton_plan *p = baton_plan_parse("gen.baton", b.s, b.len);
		if (!p || baton_plan_errors(p)) {
			char *d = p ? baton_plan_diagnostics(p, 0) : NULL;
			if (shown++ < 3)
				fprintf(stderr, "seed %llu: generated plan does not check:\n%s\n%s\n",
					(unsigned long long)seed, d ? d : "", b.s);
			baton_string_free(d);
			CHECK(0);
			baton_plan_free(p);
			bt_buf_release(&b);
			continue;
		}
		plans++;
		/* The schedule checker walks the program calendar only: plans
		 * whose teams have their own holidays are held to the rules by
		 * the asserted cases of tests/golden/cases until it models team
		 * calendars (the levelled checks below still run on them). */
		int team_hol = 0;
		for (uint32_t ti = 0; ti < p->teams.n; ti++)
			team_hol |= p->teams.v[ti].nhol > 0;
		skipped += team_hol;
		json_t *root = team_hol ? NULL : schedule_json(p, NULL, 0);
		CHECK(team_hol || root != NULL);
		if (root) {
			ck_quiet = shown >= 3;
			int bad = check_schedule(p, root);
			if (bad && shown++ < 3)
				fprintf(stderr, "seed %llu: %d violations\n%s\n",
					(unsigned long long)seed, bad, b.s);
			CHECK_EQ_INT(bad, 0);
			feasible += !bad;
			/* Mutation: move one planned task a day later; the
			 * checker must notice (duration, link or minimality). */
			json_t *tasks = json_object_get(root, "tasks");
			for (size_t i = 0; i < json_array_size(tasks); i++) {
				json_t *t = json_array_get(tasks, i);
				if (strcmp(json_string_value(json_object_get(t, "state")), "planned"))
					continue;
				json_int_t sd = json_integer_value(json_object_get(t, "start_day"));
				json_object_set_new(t, "start_day", json_integer(sd - 1));
				ck_quiet = 1;
				int caught = check_schedule(p, root);
				CHECK(caught > 0);
				break;
			}
			json_decref(root);
		}
		/* The levelled schedule: feasible by the capacity checker, and
		 * never shorter than the critical path. */
		json_t *lv = schedule_json(p, NULL, 1);
		CHECK(lv != NULL);
		if (lv) {
			ck_quiet = shown >= 3;
			int bad = check_levelled(p, lv);
			if (bad && shown++ < 3)
				fprintf(stderr, "seed %llu: levelled: %d violations\n%s\n",
					(unsigned long long)seed, bad, b.s);
			CHECK_EQ_INT(bad, 0);
			levelled_ok += !bad;
			json_decref(lv);
		}
		baton_plan_free(p);
		bt_buf_release(&b);
	}
	printf("property: %d plans generated, %d schedules and %d levelled schedules passed the checkers (%d plans with team holidays not given to the schedule checker)\n",
	       plans, feasible, levelled_ok, skipped);
	return test_report("property");
}
