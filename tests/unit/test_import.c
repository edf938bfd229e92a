/*
 * test_import.c: the pieces of the importers (src/lib/import*.c) that the
 * sample exports of tests/import.sh reach only in part: the date forms
 * Jira writes, its durations, and small imports whose plans are checked
 * line by line.
 */
#include <stdlib.h>
#include <string.h>

#include "import_int.h"
#include "test.h"

static bt_date ymd(int y, int m, int d)
{
	bt_date out = 0;
	bt_date_from_ymd(y, m, d, &out);
	return out;
}

static void dates(void)
{
	bt_date d = 0;
	CHECK_EQ_INT(imp_date("25/Feb/26 10:17 PM", &d), 0);
	CHECK_EQ_INT(d, ymd(2026, 2, 25));
	CHECK_EQ_INT(imp_date("5/feb/2026 22:17", &d), 0);
	CHECK_EQ_INT(d, ymd(2026, 2, 5));
	CHECK_EQ_INT(imp_date("2026-02-25T22:17:00.000+0000", &d), 0);
	CHECK_EQ_INT(d, ymd(2026, 2, 25));
	CHECK_EQ_INT(imp_date("2026-02-25 22:17", &d), 0);
	CHECK_EQ_INT(imp_date("2026-02-25", &d), 0);
	CHECK_EQ_INT(imp_date("", &d), 1);
	CHECK_EQ_INT(imp_date("   ", &d), 1);
	/* Not dates: a missing day, a month name that is not English, US order,
	 * a day that does not exist, a two-digit year in ISO form. */
	CHECK_EQ_INT(imp_date("Feb 25 2026", &d), -1);
	CHECK_EQ_INT(imp_date("25/Fev/26", &d), -1);
	CHECK_EQ_INT(imp_date("02/25/2026", &d), -1);
	CHECK_EQ_INT(imp_date("30/Feb/26", &d), -1);
	CHECK_EQ_INT(imp_date("26-02-25", &d), -1);
	CHECK_EQ_INT(imp_date("25/Feb/226", &d), -1);
}

static void seconds(void)
{
	CHECK(imp_seconds("28800", 8) == 28800);
	CHECK(imp_seconds(" 3600 ", 8) == 3600);
	CHECK(imp_seconds("1w 2d 4h", 8) == (5 * 8 + 2 * 8 + 4) * 3600.0);
	CHECK(imp_seconds("1d", 6) == 6 * 3600.0);
	CHECK(imp_seconds("30m", 8) == 1800);
	CHECK(imp_seconds("2 days, 4 hours", 8) == 20 * 3600.0);
	CHECK(imp_seconds("", 8) == -1);
	CHECK(imp_seconds("three days", 8) == -2);
	CHECK(imp_seconds("4x", 8) == -2);
	CHECK(imp_seconds("-5", 8) == -2);
}

static int has(const char *hay, const char *needle)
{
	int ok = strstr(hay, needle) != NULL;
	if (!ok)
		fprintf(stderr, "missing '%s' in:\n%s\n", needle, hay);
	return ok;
}

static void small_imports(void)
{
	bt_import_opts o = {0};
	o.name = "t";
	o.default_estimate = -1;
	o.today = ymd(2027, 1, 4);
	/* Both rows state the one link; a Relates link is counted, not kept. */
	const char *csv = "Summary,Issue key,Issue Type,Original estimate,Outward issue link (Blocks),"
			  "Inward issue link (Blocks),Inward issue link (Relates)\n"
			  "A,K-1,Story,28800,K-2,,\nB,K-2,Story,,,K-1,K-1\n";
	bt_import im = BT_IMPORT_INIT;
	CHECK_EQ_INT(bt_import_jira_csv(csv, strlen(csv), &o, &im), 0);
	CHECK(has(im.plan.s, "  after k-1\n"));
	CHECK(strstr(im.plan.s, "after k-1, k-1") == NULL);
	CHECK(has(im.summary.s, "1 dependencies; 1 links of other types ignored"));
	CHECK(has(im.summary.s, "no estimate (given the default): k-2"));
	bt_import_free(&im);

	/* --link maps another type with a lag (a week is 5 days); on a pair
	 * that Blocks links too, Blocks is kept. A bad spec is an error. */
	o.links = "relates=ss+1w";
	const char *rel = "Summary,Issue key,Outward issue link (Relates)\nA,K-1,K-2\nB,K-2,\n";
	im = (bt_import)BT_IMPORT_INIT;
	CHECK_EQ_INT(bt_import_jira_csv(rel, strlen(rel), &o, &im), 0);
	CHECK(has(im.plan.s, "after k-1 ss +5d\n"));
	bt_import_free(&im);
	im = (bt_import)BT_IMPORT_INIT;
	CHECK_EQ_INT(bt_import_jira_csv(csv, strlen(csv), &o, &im), 0);
	CHECK(has(im.plan.s, "  after k-1\n"));
	bt_import_free(&im);
	o.links = "Blocks=xx";
	im = (bt_import)BT_IMPORT_INIT;
	CHECK_EQ_INT(bt_import_jira_csv(csv, strlen(csv), &o, &im), -1);
	CHECK(has(im.err, "--link 'Blocks=xx'"));
	bt_import_free(&im);
	o.links = NULL;

	/* A ragged row: missing cells are empty; an error names row and column. */
	const char *bad = "Key,Days\nA,2\nB\nC,two\n";
	im = (bt_import)BT_IMPORT_INIT;
	CHECK_EQ_INT(bt_import_csv(bad, strlen(bad), &o, &im), -1);
	CHECK_EQ_INT(im.err_row, 4);
	CHECK_EQ_INT(im.err_col, 2);
	CHECK(has(im.line, "C,two"));
	bt_import_free(&im);

	/* Not UTF-8 in a title becomes U+FFFD; quotes are escaped. */
	const char *lat = "Key,Title,Days\nA,\"caf\xe9 \"\"x\"\"\",1\n";
	im = (bt_import)BT_IMPORT_INIT;
	CHECK_EQ_INT(bt_import_csv(lat, strlen(lat), &o, &im), 0);
	CHECK(has(im.plan.s, "task a \"caf\xEF\xBF\xBD \\\"x\\\"\""));
	bt_import_free(&im);
}

int main(void)
{
	dates();
	seconds();
	small_imports();
	return test_report("import");
}
