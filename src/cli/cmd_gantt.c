/* cmd_gantt.c: `baton gantt PLAN`: the timeline as a Mermaid gantt. */
#include "cmd.h"
#include "diagram_cli.h"

static const char usage_text[] =
	"usage: baton gantt [--format mermaid] [options] PLAN\n"
	"\n"
	"The schedule as a Mermaid gantt chart: a section per team with its tasks\n"
	"in start order (crit: critical, done: finished, active: started), then\n"
	"the milestones; weekends and the program's holidays excluded. Pastes\n"
	"into GitHub, GitLab, Notion and Confluence.\n"
	"\n"
	"  --format F     mermaid (the only one so far)\n"
	CLI_DIAGRAM_OPT_HELP;

static const struct cli_diagram_format formats[] = {
	{"mermaid", BATON_DIAGRAM_MERMAID_GANTT},
};

int cmd_gantt(int argc, char **argv)
{
	static const struct cli_diagram_cmd cmd = {"gantt", usage_text, formats, 1, 0, 0};
	return cli_diagram(argc, argv, &cmd);
}
