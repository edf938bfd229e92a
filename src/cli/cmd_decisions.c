/* cmd_decisions.c: `baton decisions PLAN`: the decision log. */
#include "cmd.h"

static const char usage_text[] =
	"usage: baton decisions [options] PLAN\n"
	"\n"
	"The decision log in plan order with each decision's state; proposed\n"
	"decisions past their need-by date are flagged OVERDUE, those due within\n"
	"two weeks 'due soon'. Then the open questions: the ask, and from whom.\n"
	"\n"
	"  --as-of DATE    status date (default: the latest status block)\n"
	"  --json          JSON for machines\n"
	"  --markdown      Markdown\n"
	"  -h, --help      this text\n";

int cmd_decisions(int argc, char **argv)
{
	return cli_report(argc, argv, "decisions", BATON_REPORT_DECISIONS, usage_text);
}
