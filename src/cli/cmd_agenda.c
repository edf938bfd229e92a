/* cmd_agenda.c: `baton agenda PLAN`: the weekly cross-team sync agenda. */
#include "cmd.h"

static const char usage_text[] =
	"usage: baton agenda [options] PLAN\n"
	"\n"
	"The weekly cross-team sync agenda: only what needs discussion (risks to\n"
	"escalate or review, decisions overdue or due soon, hand-offs at risk,\n"
	"conflicts), grouped by team, each item with the question to settle.\n"
	"\n"
	"  --as-of DATE    status date (default: the latest status block)\n"
	"  --level         capacity-levelled schedule; --no-level: critical path\n"
	"  --runs N        Monte Carlo runs behind the RAG (default 10,000; 0: none)\n"
	"  --seed N        forecast and levelling seed (default 1)\n"
	"  --json          JSON for machines\n"
	"  --markdown      Markdown\n"
	"  -h, --help      this text\n";

int cmd_agenda(int argc, char **argv)
{
	return cli_report(argc, argv, "agenda", BATON_REPORT_AGENDA, usage_text);
}
