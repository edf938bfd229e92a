/* cmd_milestones.c: `baton milestones PLAN`: forecast against commitment,
 * as a table or as a calendar file. */
#include "cmd.h"
#include "diagram_cli.h"

static const char usage_text[] =
	"usage: baton milestones [--format text|ical] [--commits] [options] PLAN\n"
	"\n"
	"Each milestone's forecast date against its commitment. With --format\n"
	"ical, an iCalendar file (RFC 5545) to import into a calendar: one\n"
	"all-day event per milestone on its forecast date, the commitment and\n"
	"the slack in its description. Event ids are stable (milestone@program),\n"
	"so importing a later update moves the events instead of adding new ones.\n"
	"\n"
	"  --format F     text (default) or ical\n"
	"  --commits      ical: also an event on each committed date\n"
	CLI_DIAGRAM_OPT_HELP
	"\n"
	"Example: baton milestones --format ical plan.baton > milestones.ics\n";

static const struct cli_diagram_format formats[] = {
	{"text", BATON_DIAGRAM_MILESTONES_TEXT},
	{"ical", BATON_DIAGRAM_ICAL},
};

int cmd_milestones(int argc, char **argv)
{
	static const struct cli_diagram_cmd cmd = {"milestones", usage_text, formats, 2, 1};
	return cli_diagram(argc, argv, &cmd);
}
