/*
 * test_sync.c: bt_sync_compute (src/lib/sync.c) on small plans: every
 * kind of fact once, the block exactly; what the plan records is not
 * written again; the refusals, located in the plan.
 */
#include <stdlib.h>
#include <string.h>

#include "sync.h"
#include "test.h"

#include "sync_case.h"

static baton_plan *parse(const char *name, const char *text)
{
	baton_plan *p = baton_plan_parse(name, text, strlen(text));
	CHECK(p != NULL);
	if (p && baton_plan_errors(p)) {
		char *d = baton_plan_diagnostics(p, 0);
		fprintf(stderr, "%s", d ? d : "");
		baton_string_free(d);
		CHECK(baton_plan_errors(p) == 0);
	}
	return p;
}

static bt_date day(const char *s)
{
	bt_date d = BT_DATE_NONE;
	CHECK_EQ_INT(bt_date_parse(s, strlen(s), &d), 0);
	return d;
}

/* opts: --date (or NULL), the export's date (or NULL). */
static int run(const char *cur, const char *nw, const char *date, const char *exp, bt_sync *s)
{
	baton_plan *a = parse("p.baton", cur), *b = parse("new.baton", nw);
	int rc = -3;
	if (a && b) {
		bt_sync_opts o = {0};
		o.date = date ? day(date) : BT_DATE_NONE;
		o.export_date = exp ? day(exp) : BT_DATE_NONE;
		o.export_date_what = "the export";
		o.today = day("2027-03-01");
		o.format = "jira";
		rc = bt_sync_compute(a, b, &o, s);
	}
	baton_plan_free(a);
	baton_plan_free(b);
	return rc;
}

static void every_kind(void)
{
	bt_sync s = BT_SYNC_INIT;
	CHECK_EQ_INT(run(sync_cur, sync_new, NULL, "2027-01-15", &s), 0);
	/* a: done (recorded started); b: started, re-estimated (three
	 * points to one value); c: re-estimated, not started; e: done
	 * already, nothing. */
	CHECK_EQ_STR(s.block.s, "status 2027-01-15\n"
				"  a done 2027-01-12\n"
				"  b started 2027-01-13 remaining 4d\n"
				"  b estimate 6d\n"
				"  c estimate 4d\n");
	CHECK_EQ_INT(s.entries, 4);
	CHECK_EQ_STR(s.date, "2027-01-15");
	const char *t = s.text.s;
	/* K-9 appeared: its link to K-1 named as the plan names it (a);
	 * its team is new. The milestone K-10 appeared after c. */
	CHECK(strstr(t, "    task k-9 \"New\"\n      team ops  estimate 2d  source \"K-9\"\n      after a\n") != NULL);
	CHECK(strstr(t, "team ops is not in the plan") != NULL);
	CHECK(strstr(t, "in progress in the export: then record `k-9 started 2027-01-14") != NULL);
	CHECK(strstr(t, "    milestone m9 \"Ship\"\n      source \"K-10\"\n      after c\n") != NULL);
	/* d is gone; mine (no source) is never reported. */
	CHECK(strstr(t, "  d (K-4) \"D\", to do in the plan\n") != NULL);
	CHECK(strstr(t, "mine") == NULL);
	/* Links: b's changed type, c's new predecessor (appeared) and its
	 * old one gone. */
	CHECK(strstr(t, "  b (K-2): after a: fs in the plan, ss +1d in the export\n") != NULL);
	CHECK(strstr(t, "  c (K-3): after k-9 in the export, not in the plan (K-9 appeared)\n") != NULL);
	CHECK(strstr(t, "  c (K-3): after b in the plan, not in the export\n") != NULL);
	CHECK(strstr(t, "  b (K-2): \"B\" in the plan, \"B2\" in the export\n") != NULL);
	CHECK(strstr(t, "  b (K-2): web in the plan, api in the export\n") != NULL);
	/* f shares e's source (case aside): the first is matched. */
	CHECK(strstr(t, "sources on more than one item of the plan (1)") != NULL);
	CHECK(strstr(t, "  f (k-5)\n") != NULL);
	CHECK(strstr(s.json.s, "\"entry\": \"estimate\"") != NULL);
	bt_sync_free(&s);
}

static void nothing(void)
{
	/* The plan against itself: nothing at all. */
	bt_sync s = BT_SYNC_INIT;
	CHECK_EQ_INT(run(sync_new, sync_new, "2027-01-20", NULL, &s), 0);
	CHECK_EQ_INT(s.entries, 0);
	CHECK_EQ_INT(s.items, 0);
	CHECK_EQ_STR(s.block.s, "");
	CHECK(strstr(s.json.s, "\"changed\": false") != NULL);
	bt_sync_free(&s);
}

/* A done date before the recorded start is kept at the start; one after
 * the block's date is refused, located at the task, never moved. No
 * date at all: today. */
static const char clamp_cur[] =
	"program p\n  start 2027-01-04\nteam web capacity 1\n"
	"task a\n  team web estimate 3d source \"A\"\n"
	"task b\n  team web estimate 3d source \"B\"\n"
	"status 2027-01-08\n  a started 2027-01-07 remaining 2d\n";
static const char clamp_new[] =
	"program p\n  start 2027-01-04\nteam web capacity 1\n"
	"task a\n  team web estimate 3d source \"A\"\n"
	"task b\n  team web estimate 3d source \"B\"\n"
	"status 2027-01-20\n  a done 2027-01-05\n  b started 2027-01-05\n  b done 2027-01-20\n";

static void clamps(void)
{
	bt_sync s = BT_SYNC_INIT;
	CHECK_EQ_INT(run(clamp_cur, clamp_new, "2027-01-15", NULL, &s), -1);
	CHECK_EQ_STR(s.block.s, "");
	CHECK(s.diag.s && strstr(s.diag.s, "the export says task b was done on 2027-01-20, after the sync's date 2027-01-15") &&
	      strstr(s.diag.s, "task b\n") && strstr(s.diag.s, "pass --date 2027-01-20 or later"));
	bt_sync_free(&s);
	s = (bt_sync)BT_SYNC_INIT;
	CHECK_EQ_INT(run(clamp_cur, clamp_new, "2027-01-20", NULL, &s), 0);
	CHECK_EQ_STR(s.block.s, "status 2027-01-20\n  a done 2027-01-07\n  b done 2027-01-20\n");
	bt_sync_free(&s);
	s = (bt_sync)BT_SYNC_INIT;
	CHECK_EQ_INT(run(clamp_cur, clamp_new, NULL, NULL, &s), 0);
	CHECK_EQ_STR(s.date, "2027-03-01");
	CHECK(strstr(s.text.s, "(today: the export has no date of its own)") != NULL);
	bt_sync_free(&s);
}

static const char nostatus[] = "program p\n  start 2027-01-04\nteam web capacity 1\n"
				"task a\n  team web estimate 3d source \"A\"\n";

static int starts(const char *s, const char *prefix)
{
	if (strncmp(s, prefix, strlen(prefix)))
		fprintf(stderr, "got: %s", s);
	return !strncmp(s, prefix, strlen(prefix));
}

static void refusals(void)
{
	bt_sync s = BT_SYNC_INIT;
	/* Before the plan's latest block: at that block, line 8. */
	CHECK_EQ_INT(run(clamp_cur, clamp_new, "2027-01-07", NULL, &s), -1);
	CHECK(starts(s.diag.s, "p.baton:8:8: error: the plan has a status block dated 2027-01-08, after"));
	CHECK(strstr(s.diag.s, "= help: sync a newer export, or pass --date with a day after 2027-01-08") != NULL);
	CHECK_EQ_STR(s.block.s, "");
	bt_sync_free(&s);
	/* On its day, with something to record. */
	s = (bt_sync)BT_SYNC_INIT;
	CHECK_EQ_INT(run(clamp_cur, clamp_new, "2027-01-08", NULL, &s), -1);
	CHECK(strstr(s.diag.s, "a second block for one day does not check") != NULL);
	bt_sync_free(&s);
	/* On its day with nothing to record: fine. */
	s = (bt_sync)BT_SYNC_INIT;
	CHECK_EQ_INT(run(clamp_cur, clamp_cur, "2027-01-08", NULL, &s), 0);
	CHECK_EQ_INT(s.entries, 0);
	bt_sync_free(&s);
	/* Before the program starts: at its start date. */
	s = (bt_sync)BT_SYNC_INIT;
	CHECK_EQ_INT(run(nostatus, nostatus, "2027-01-01", NULL, &s), -1);
	CHECK(starts(s.diag.s, "p.baton:2:9: error: the sync's date 2027-01-01 (--date) is before the program starts"));
	bt_sync_free(&s);
}

/* A suggested task keeps its needs: another team's named, its own
 * team's alone; its deadline and not-before; a new id that the plan's own
 * task already holds gets a suffix. */
static void suggestions(void)
{
	static const char cur[] = "program p\n  start 2027-01-04\nteam web capacity 2\nteam api capacity 1\n"
				  "task n1 \"Mine\"\n  team web estimate 1d\n";
	static const char nw[] = "program p\n  start 2027-01-04\nteam web capacity 2\nteam api capacity 1\n"
				 "task n1 \"One\"\n  team web estimate 2d source \"N-1\"\n  needs api:1\n"
				 "  deadline 2027-02-01\n  not-before 2027-01-11\n"
				 "task n2 \"Two\"\n  team web estimate 2d 3d 5d source \"N-2\"\n  needs web:1 api:0.5\n  after n1 ff -1d\n"
				 "task n3 \"Three\"\n  team web estimate 1d source \"N-3\"\n  needs 2\n";
	bt_sync s = BT_SYNC_INIT;
	CHECK_EQ_INT(run(cur, nw, "2027-01-08", NULL, &s), 0);
	CHECK(strstr(s.text.s, "    task n1-2 \"One\"\n      team web  estimate 2d  source \"N-1\"\n      needs api:1\n"
			       "      deadline 2027-02-01\n      not-before 2027-01-11\n") != NULL);
	CHECK(strstr(s.text.s, "    task n2 \"Two\"\n      team web  estimate 2d 3d 5d  source \"N-2\"\n"
			       "      needs web:1 api:0.5\n      after n1-2 ff -1d\n") != NULL);
	CHECK(strstr(s.text.s, "      needs 2\n") != NULL);
	CHECK_EQ_INT(s.entries, 0);
	bt_sync_free(&s);
}

int main(void)
{
	suggestions();
	every_kind();
	nothing();
	clamps();
	refusals();
	return test_report("sync");
}
