/*
 * test_level.c: levelled schedules of plans. Every one goes through the
 * independent capacity checker (tests/tools/checker.c):
 *  - all 480 PSPLIB J30 instances, imported as plans: feasible, and never
 *    shorter than the proven optimum (that would mean an infeasible
 *    schedule);
 *  - capacity changes, temporary changes and team holidays;
 *  - status: done and started work stays where it is;
 *  - the same seed gives the same schedule;
 *  - the checker itself catches two tasks squeezed into one team.
 * The PSPLIB directory is tests/data/psplib (in the repository, so a clone
 * on its own runs it), or $BATON_PSPLIB.
 */
#include <dirent.h>
#include <stdlib.h>

#include "../tools/checker.c"
#include "psplib.h"
#include "schedule_json.h"
#include "test.h"

static json_t *level_json(baton_plan *p, long schedules, uint64_t seed)
{
	baton_schedule_opts o = BATON_SCHEDULE_OPTS_INIT;
	o.level = 1;
	o.schedules = schedules;
	o.seed = seed;
	return schedule_json_with(p, &o);
}

static baton_plan *plan_of(const char *text)
{
	baton_plan *p = baton_plan_parse("t.baton", text, strlen(text));
	if (p && baton_plan_errors(p)) {
		char *d = baton_plan_diagnostics(p, 0);
		fprintf(stderr, "%s", d ? d : "");
		baton_string_free(d);
	}
	return p;
}

static int32_t task_day(json_t *root, const char *id, const char *field)
{
	json_t *tasks = json_object_get(root, "tasks");
	for (size_t i = 0; i < json_array_size(tasks); i++) {
		json_t *t = json_array_get(tasks, i);
		if (!strcmp(json_string_value(json_object_get(t, "id")), id))
			return (int32_t)json_integer_value(json_object_get(t, field));
	}
	return -999;
}

/* j30opt.sm: "param instance makespan cpu" rows. */
static int load_optima(const char *dir, int opt[49][11])
{
	char path[512];
	snprintf(path, sizeof path, "%s/solutions/j30opt.sm", dir);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	char line[256];
	int n = 0;
	while (fgets(line, sizeof line, f)) {
		int a, b, m;
		if (sscanf(line, "%d %d %d", &a, &b, &m) == 3 && a >= 1 && a <= 48 && b >= 1 && b <= 10) {
			opt[a][b] = m;
			n++;
		}
	}
	fclose(f);
	return n;
}

static void j30(const char *dir)
{
	static int opt[49][11];
	int nopt = load_optima(dir, opt);
	CHECK_EQ_INT(nopt, 480);
	int solved = 0, at_opt = 0;
	for (int a = 1; a <= 48; a++) {
		for (int b = 1; b <= 10; b++) {
			char path[512], name[32];
			snprintf(path, sizeof path, "%s/j30/j30%d_%d.sm", dir, a, b);
			snprintf(name, sizeof name, "j30%d_%d", a, b);
			bt_psplib ps;
			if (bt_psplib_load(path, &ps)) {
				fprintf(stderr, "%s: %s\n", path, ps.err);
				CHECK(0);
				bt_psplib_free(&ps);
				continue;
			}
			bt_buf text = BT_BUF_INIT;
			bt_psplib_to_plan(&ps, name, &text);
			bt_psplib_free(&ps);
			baton_plan *p = plan_of(text.s);
			CHECK(p && !baton_plan_errors(p));
			json_t *root = p ? level_json(p, 300, 1) : NULL;
			CHECK(root != NULL);
			if (root) {
				int bad = check_levelled(p, root);
				if (bad)
					fprintf(stderr, "%s: %d violations\n", name, bad);
				CHECK_EQ_INT(bad, 0);
				int32_t end = (int32_t)json_integer_value(json_object_get(root, "end_day"));
				if (end < opt[a][b])
					fprintf(stderr, "%s: makespan %d below the optimum %d\n", name, end, opt[a][b]);
				CHECK(end >= opt[a][b]);
				at_opt += end == opt[a][b];
				solved++;
				json_decref(root);
			}
			baton_plan_free(p);
			bt_buf_release(&text);
		}
	}
	printf("level: J30 %d/480 feasible, %d at the optimum (budget 300)\n", solved, at_opt);
	/* A weak floor: far below it the engine is broken, not unlucky. */
	CHECK(at_opt >= 380);
}

int main(void)
{
	/* Two tasks of team b (3 people) needing 2 each cannot overlap. */
	const char *two = "program p\n  start 2027-01-04\nteam b capacity 3\n"
			  "task x team b estimate 5d needs 2\ntask y team b estimate 4d needs 2\n";
	baton_plan *p = plan_of(two);
	json_t *r = level_json(p, 100, 1);
	CHECK(r != NULL);
	CHECK_EQ_INT(check_levelled(p, r), 0);
	CHECK_EQ_INT(json_integer_value(json_object_get(r, "end_day")), 9);
	/* The checker catches them squeezed together. */
	json_t *tasks = json_object_get(r, "tasks");
	for (size_t i = 0; i < 2; i++) {
		json_t *t = json_array_get(tasks, i);
		int32_t d = (int32_t)(json_integer_value(json_object_get(t, "finish_day")) -
				      json_integer_value(json_object_get(t, "start_day")));
		json_object_set_new(t, "start_day", json_integer(0));
		json_object_set_new(t, "start", json_string("2027-01-04"));
		json_object_set_new(t, "finish_day", json_integer(d));
	}
	ck_quiet = 1;
	CHECK(check_levelled(p, r) > 0);
	ck_quiet = 0;
	json_decref(r);
	baton_plan_free(p);

	/* Capacity changes: 2 people, 1 from Jan 11 (a Monday), nobody on the
	 * team holiday Jan 18-19, 2 again for a week from Jan 25. Three 5-day
	 * tasks needing 1 each. */
	const char *caps = "program p\n  start 2027-01-04\n"
			   "team a capacity 2\n  capacity 1 from 2027-01-11\n"
			   "  holiday 2027-01-18..2027-01-19\n  capacity 2 from 2027-01-25 to 2027-01-29\n"
			   "task x team a estimate 5d\ntask y team a estimate 5d\ntask z team a estimate 5d\n"
			   "task w team a estimate 3d needs 2\n  after x\n";
	p = plan_of(caps);
	r = level_json(p, 500, 1);
	CHECK(r != NULL);
	if (r) {
		CHECK_EQ_INT(check_levelled(p, r), 0);
		/* w needs both people: only the week of Jan 25 has two again. */
		CHECK(task_day(r, "w", "start_day") >= 15);
		json_t *w = NULL;
		json_t *ts = json_object_get(r, "tasks");
		for (size_t i = 0; i < json_array_size(ts); i++)
			if (!strcmp(json_string_value(json_object_get(json_array_get(ts, i), "id")), "w"))
				w = json_array_get(ts, i);
		CHECK(w && json_array_size(json_object_get(w, "waits_for")) >= 1);
		json_decref(r);
	}
	baton_plan_free(p);

	/* Status: done and started work stays; the rest levels around it. */
	const char *st = "program p\n  start 2027-01-04\nteam a capacity 1\n"
			 "task x team a estimate 5d\ntask y team a estimate 5d\ntask z team a estimate 2d\n"
			 "status 2027-01-08\n  x done 2027-01-07\n  y started 2027-01-08 remaining 3d\n";
	p = plan_of(st);
	r = level_json(p, 100, 1);
	CHECK(r != NULL);
	if (r) {
		CHECK_EQ_INT(check_levelled(p, r), 0);
		CHECK_EQ_INT(task_day(r, "x", "finish_day"), 4);
		CHECK_EQ_INT(task_day(r, "y", "start_day"), 4);
		CHECK_EQ_INT(task_day(r, "y", "finish_day"), 8);
		CHECK_EQ_INT(task_day(r, "z", "start_day"), 8); /* waits for y's person */
		json_decref(r);
	}
	baton_plan_free(p);

	/* Determinism: same seed, same schedule, on a plan with real choices. */
	const char *many = "program p\n  start 2027-01-04\nteam a capacity 3\nteam b capacity 2\n"
			   "task t1 team a estimate 4d needs 2\ntask t2 team a estimate 3d needs 2\n"
			   "task t3 team b estimate 5d needs a:1 b:1\n  after t1\n"
			   "task t4 team b estimate 2d needs 2\ntask t5 team a estimate 6d\n  after t2 ss +1d\n"
			   "task t6 team a estimate 3d needs 3\n  after t4\n";
	p = plan_of(many);
	json_t *r1 = level_json(p, 400, 7), *r2 = level_json(p, 400, 7);
	char *s1 = r1 ? json_dumps(r1, JSON_SORT_KEYS) : NULL;
	char *s2 = r2 ? json_dumps(r2, JSON_SORT_KEYS) : NULL;
	CHECK(s1 && s2 && !strcmp(s1, s2));
	CHECK(r1 && check_levelled(p, r1) == 0);
	free(s1);
	free(s2);
	json_decref(r1);
	json_decref(r2);
	baton_plan_free(p);

	const char *dir = getenv("BATON_PSPLIB");
	if (!dir)
		dir = "tests/data/psplib";
	j30(dir);
	return test_report("level");
}
