/* cmd_risks.c: `baton risks PLAN`: the living risk register. */
#include "cmd.h"

static const char usage_text[] =
	"usage: baton risks [options] PLAN\n"
	"\n"
	"The risk register, most severe first: each risk's score on the 5x5\n"
	"probability/impact grid, its exposure (probability x mean impact, in\n"
	"working days), how many working days the work it is on can slip before\n"
	"a commitment is missed, and ESCALATE when the exposure exceeds that.\n"
	"Flags: stale (review date passed), no-owner, no-mitigation, occurred,\n"
	"would-miss (its worst impact exceeds the float). Rules: docs/status.md.\n"
	"\n"
	"  --as-of DATE    status date (default: the latest status block)\n"
	"  --level         capacity-levelled schedule; --no-level: critical path\n"
	"  --runs N        Monte Carlo runs behind the RAG (default 10,000; 0: none)\n"
	"  --seed N        forecast and levelling seed (default 1)\n"
	"  --json          JSON for machines\n"
	"  --markdown      Markdown\n"
	"  -h, --help      this text\n";

int cmd_risks(int argc, char **argv)
{
	return cli_report(argc, argv, "risks", BATON_REPORT_RISKS, usage_text);
}
