/*
 * diagram_cli.h: the driver `baton graph`, `baton gantt` and
 * `baton milestones` share: options, the plan, the schedule (for the
 * milestones, the assessment `status` makes), one diagram.
 */
#ifndef BT_DIAGRAM_CLI_H
#define BT_DIAGRAM_CLI_H

#include "baton.h"

struct cli_diagram_format {
	const char *name;        /* the --format value */
	enum baton_diagram kind;
};

struct cli_diagram_cmd {
	const char *name;        /* the command, for messages */
	const char *usage;       /* --help text */
	const struct cli_diagram_format *formats; /* the first is the default */
	int nformats;
	int commits;             /* 1: accepts --commits (BATON_DIAGRAM_COMMITS) */
	int forecast;            /* 1: the milestones with their forecast, as
				    `status` assesses them; accepts --runs */
};

/* Options shared by the diagram commands, for their --help. */
/* --runs, for the commands that carry the forecast. */
#define CLI_DIAGRAM_RUNS_HELP                                                   \
	"  --runs N       Monte Carlo runs for P50, P85 and the chance (default\n" \
	"                 10,000 with --seed as the forecast's seed too, as\n"   \
	"                 'baton status'); 0: none, RAG from the slack\n"

#define CLI_DIAGRAM_OPT_HELP                                                    \
	"  --as-of DATE   status date (default: the latest status block, else the\n" \
	"                 program start)\n"                                        \
	"  --level        dates levelled to team capacity (also when the plan says\n" \
	"                 'level'); --no-level: critical path only\n"             \
	"  --seed N       levelling seed (default 1)\n"                            \
	"  --schedules N  levelling budget (as for 'baton schedule')\n"           \
	"  --scenario NAME  dates under a scenario of the plan\n"                  \
	"  -h, --help     this text\n"

int cli_diagram(int argc, char **argv, const struct cli_diagram_cmd *cmd);

#endif
