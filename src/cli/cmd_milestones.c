/* cmd_milestones.c: `baton milestones PLAN`: each commitment's planned
 * date and forecast against it, as a table or as a calendar file. */
#include "cmd.h"
#include "diagram_cli.h"

static const char usage_text[] =
	"usage: baton milestones [--format text|ical] [--commits] [options] PLAN\n"
	"\n"
	"Each milestone against its commitment, as 'baton status' assesses it:\n"
	"PLANNED (the schedule's date at likely estimates) and its slack, the\n"
	"forecast (P50, P85, the chance of meeting the commit) and the RAG. With\n"
	"--format ical, an iCalendar file (RFC 5545) to import into a calendar:\n"
	"one all-day event per milestone on its P50 date (the planned date\n"
	"with --runs 0), the RAG and the chance in its summary, the forecast,\n"
	"the planned date and the slack in its description. Event ids are stable\n"
	"(milestone@program), so importing a later update moves the events\n"
	"instead of adding new ones.\n"
	"\n"
	"  --format F     text (default) or ical\n"
	"  --commits      ical: also an event on each committed date\n"
	CLI_DIAGRAM_RUNS_HELP
	CLI_DIAGRAM_OPT_HELP
	"\n"
	"Example: baton milestones --format ical plan.baton > milestones.ics\n";

static const struct cli_diagram_format formats[] = {
	{"text", BATON_DIAGRAM_MILESTONES_TEXT},
	{"ical", BATON_DIAGRAM_ICAL},
};

int cmd_milestones(int argc, char **argv)
{
	static const struct cli_diagram_cmd cmd = {"milestones", usage_text, formats, 2, 1, 1};
	return cli_diagram(argc, argv, &cmd);
}
