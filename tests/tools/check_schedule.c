/*
 * check_schedule: `check_schedule PLAN SCHEDULE.json` verifies a schedule
 * with the independent checker (checker.c): a critical-path schedule by
 * its CPM properties, a levelled one by every dependency and every team's
 * capacity day by day. Exit 0 when it holds.
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
	/* This checker walks the program calendar only; team calendars (a
	 * team's own holidays) are held to the rules by the asserted cases of
	 * tests/golden/cases until it models them. Exit 77: skipped. */
	for (uint32_t t = 0; t < p->teams.n; t++)
		if (p->teams.v[t].nhol) {
			fprintf(stderr, "check_schedule: skipped: team '%s' has its own holidays, which this checker does not model yet\n",
				p->teams.v[t].id);
			json_decref(root);
			baton_plan_free(p);
			return 77;
		}
	int bad = json_is_true(json_object_get(root, "levelled")) ? check_levelled(p, root)
								     : check_schedule(p, root);
	json_decref(root);
	baton_plan_free(p);
	if (bad)
		fprintf(stderr, "check_schedule: %d violation%s\n", bad, bad == 1 ? "" : "s");
	return bad ? 1 : 0;
}
