/* sync_case.h: one plan and a newer export's plan that between them hold
 * every kind of fact a sync reports (done, started, remaining, estimate,
 * appeared, gone, links, titles, teams, behind, a duplicate source):
 * test_sync.c checks each, test_oom.c runs them under allocation
 * failures. */
#ifndef BT_TEST_SYNC_CASE_H
#define BT_TEST_SYNC_CASE_H

static const char sync_cur[] =
	"program p\n  start 2027-01-04\nteam web capacity 2\nteam api capacity 1\n"
	"task a \"A\"\n  team web estimate 3d source \"K-1\"\n"
	"task b \"B\"\n  team web estimate 3d 5d 8d source \"K-2\"\n  after a\n"
	"task c \"C\"\n  team api estimate 2d source \"K-3\"\n  after b\n"
	"task d \"D\"\n  team api estimate 2d source \"K-4\"\n"
	"task e \"E\"\n  team web estimate 1d source \"K-5\"\n"
	"task f \"F\"\n  team web estimate 1d source \"k-5\"\n"
	"task mine \"By hand\"\n  team web estimate 1d\n  after a\n"
	"status 2027-01-08\n  a started 2027-01-04 remaining 2d\n  e done 2027-01-06\n";
static const char sync_new[] =
	"program p\n  start 2027-01-04\nteam web capacity 2\nteam api capacity 1\nteam ops capacity 1\n"
	"task k-1 \"A\"\n  team web estimate 3d source \"K-1\"\n"
	"task k-2 \"B2\"\n  team api estimate 6d source \"K-2\"\n  after k-1 ss +1d\n"
	"task k-3 \"C\"\n  team api estimate 4d source \"K-3\"\n  after k-9\n"
	"task k-5 \"E\"\n  team web estimate 1d source \"K-5\"\n"
	"task k-9 \"New\"\n  team ops estimate 2d source \"K-9\"\n  after k-1\n"
	"milestone m9 \"Ship\"\n  source \"K-10\"\n  after k-3\n"
	"status 2027-01-15\n  k-1 done 2027-01-12\n  k-2 started 2027-01-13 remaining 4d\n  k-9 started 2027-01-14\n";

#endif
