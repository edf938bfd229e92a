/* cmd_graph.c: `baton graph PLAN`: the cross-team dependency map. */
#include "cmd.h"
#include "diagram_cli.h"

static const char usage_text[] =
	"usage: baton graph [--format dot|mermaid] [options] PLAN\n"
	"\n"
	"The dependency map as text to paste or render: tasks grouped by team,\n"
	"milestones as diamonds, one edge per dependency (labelled with its type\n"
	"and lag unless it is a plain finish-to-start), edges between teams\n"
	"highlighted, critical tasks and milestones outlined in red, done tasks\n"
	"grey. Milestones forecast to miss their commit (RAG red or amber, as\n"
	"'baton status' says) are filled red or orange and labelled\n"
	"\"late: P50 DATE vs commit DATE\" (Mermaid: the class 'late').\n"
	"Render DOT with Graphviz (dot -Tsvg); Mermaid renders in GitHub,\n"
	"GitLab, Notion and Confluence.\n"
	"\n"
	"  --format F     dot (default) or mermaid (a flowchart)\n"
	CLI_DIAGRAM_RUNS_HELP
	CLI_DIAGRAM_OPT_HELP;

static const struct cli_diagram_format formats[] = {
	{"dot", BATON_DIAGRAM_DOT},
	{"mermaid", BATON_DIAGRAM_MERMAID_GRAPH},
};

int cmd_graph(int argc, char **argv)
{
	static const struct cli_diagram_cmd cmd = {"graph", usage_text, formats, 2, 0, 1};
	return cli_diagram(argc, argv, &cmd);
}
