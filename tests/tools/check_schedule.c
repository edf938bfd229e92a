/*
 * check_schedule: `check_schedule PLAN SCHEDULE.json` verifies a schedule
 * with the independent checker (checker.c): a critical-path schedule by
 * recomputing every date, float and critical flag by the scheduling
 * rules, a levelled one by every binding dependency, every duration on
 * its team calendar and every team's capacity day by day. Each
 * disagreement is printed as the task, the field, the value expected and
 * the value found (the first 200), then a count by field. Exit 0 when it
 * holds, 1 when it does not, 2 on bad input.
 */
#include "checker.c"

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: check_schedule PLAN SCHEDULE.json\n");
		return 2;
	}
	FILE *f = fopen(argv[1], "rb");
	if (!f) {
		perror(argv[1]);
		return 2;
	}
	static char buf[1 << 24];
	size_t n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	baton_plan *p = baton_plan_parse(argv[1], buf, n);
	if (!p || baton_plan_errors(p)) {
		fprintf(stderr, "check_schedule: the plan does not check\n");
		baton_plan_free(p);
		return 2;
	}
	json_error_t err;
	json_t *root = json_load_file(argv[2], 0, &err);
	if (!root) {
		fprintf(stderr, "check_schedule: %s:%d: %s\n", argv[2], err.line, err.text);
		baton_plan_free(p);
		return 2;
	}
	ck_print_max = 200;
	int bad = json_is_true(json_object_get(root, "levelled")) ? check_levelled(p, root)
								     : check_schedule(p, root);
	json_decref(root);
	baton_plan_free(p);
	if (bad) {
		fprintf(stderr, "check_schedule: %d violation%s\n", bad, bad == 1 ? "" : "s");
		if (bad > 1)
			ck_tally_print(stderr, "check_schedule: by field:");
	}
	return bad ? 1 : 0;
}
