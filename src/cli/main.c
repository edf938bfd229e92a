/*
 * main.c: the baton command table and dispatch (after git's git.c and
 * tmux's cmd_find: a unique prefix selects a command; an unknown one gets
 * "did you mean").
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"

static const struct bt_cmd commands[] = {
	{"check", cmd_check, "validate a plan and report every error"},
	{"fmt", cmd_fmt, "rewrite a plan in canonical form"},
	{"schedule", cmd_schedule, "the schedule as of the status date (--level: to team capacity)"},
	{"import", cmd_import, "print a Jira export, a spreadsheet CSV, MS Project XML or a PSPLIB instance as a plan"},
	{"sync", cmd_sync, "append the week's status from a newer Jira, CSV or MS Project export to a plan"},
	{"export", cmd_export, "write the plan in another tool's format (MS Project XML, TaskJuggler)"},
	{"next", cmd_next, "write next week's status block into the plan, to fill in"},
	{"status", cmd_status, "the weekly status update: RAG with reasons (--record keeps it)"},
	{"risks", cmd_risks, "the risk register: scores, exposure, escalations"},
	{"decisions", cmd_decisions, "the decision log; overdue decisions flagged"},
	{"agenda", cmd_agenda, "the cross-team sync agenda: what needs discussion"},
	{"history", cmd_history, "recorded updates and the milestone slip chart"},
	{"calibration", cmd_calibration, "how past forecasts and estimates turned out"},
	{"report", cmd_report, "the status as one self-contained HTML page with charts"},
	{"serve", cmd_serve, "the report as a live page, and a read-only JSON API"},
	{"forecast", cmd_forecast, "Monte Carlo dates, chances and drivers per milestone"},
	{"whatif", cmd_whatif, "a scenario's forecast beside the baseline"},
	{"recover", cmd_recover, "the changes that would bring a commitment back (people, descope, fast-track, mitigation), with what each buys"},
	{"portfolio", cmd_portfolio, "several programs that share teams: levelled and forecast together, contention, trade-offs"},
	{"diff", cmd_diff, "what changed between two versions of a plan, and its effect on each milestone"},
	{"graph", cmd_graph, "the dependency map as Graphviz DOT or a Mermaid flowchart"},
	{"gantt", cmd_gantt, "the timeline as a Mermaid gantt chart"},
	{"milestones", cmd_milestones, "each milestone's planned date, forecast and RAG; --format ical"},
};

#define NCMD (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *f)
{
	fprintf(f, "usage: baton <command> [options] PLAN\n\n"
		   "Baton runs multi-team technical programs from a plain-text plan.\n\n"
		   "Commands:\n");
	for (size_t i = 0; i < NCMD; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\nRun 'baton <command> --help' for a command's options, 'baton --version'\n"
		   "(or 'baton version') for the version.\n"
		   "Exit status: 0 ok, 1 failure, 2 bad input or usage.\n");
}

static size_t lev(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b), row[32];
	if (na >= 32 || nb >= 32)
		return 99;
	for (size_t j = 0; j <= nb; j++)
		row[j] = j;
	for (size_t i = 1; i <= na; i++) {
		size_t prev = row[0];
		row[0] = i;
		for (size_t j = 1; j <= nb; j++) {
			size_t cur = row[j], sub = prev + (a[i - 1] != b[j - 1]);
			size_t m = row[j] + 1 < row[j - 1] + 1 ? row[j] + 1 : row[j - 1] + 1;
			row[j] = sub < m ? sub : m;
			prev = cur;
		}
	}
	return row[nb];
}

int main(int argc, char **argv)
{
	cli_test_hooks();
	if (argc < 2) {
		usage(stderr);
		return BATON_EXIT_INPUT;
	}
	const char *name = argv[1];
	if (!strcmp(name, "--help") || !strcmp(name, "-h") || !strcmp(name, "help")) {
		usage(stdout);
		return BATON_EXIT_OK;
	}
	if (!strcmp(name, "--version") || !strcmp(name, "version")) {
		printf("baton %s\n", baton_version());
		return BATON_EXIT_OK;
	}
	/* --max-input SIZE (or =SIZE) goes with any command: taken out of
	 * argv here, so every command's own options stay as they are. */
	int w = 2, r = 2;
	for (; r < argc && strcmp(argv[r], "--"); r++) {
		const char *a = argv[r], *val;
		if (!strcmp(a, "--max-input")) {
			if (r + 1 >= argc) {
				fprintf(stderr, "baton %s: option '--max-input' needs a value\n", name);
				return BATON_EXIT_INPUT;
			}
			val = argv[++r];
		} else if (!strncmp(a, "--max-input=", 12)) {
			val = a + 12;
		} else {
			argv[w++] = argv[r];
			continue;
		}
		if (cli_parse_size(val, &cli_max_input)) {
			fprintf(stderr, "baton %s: --max-input takes a size like 512M or 2G, not '%s'\n", name, val);
			return BATON_EXIT_INPUT;
		}
	}
	while (r < argc)
		argv[w++] = argv[r++];
	argc = w;
	argv[argc] = NULL;
	const struct bt_cmd *found = NULL;
	int matches = 0;
	for (size_t i = 0; i < NCMD; i++) {
		if (!strcmp(commands[i].name, name)) {
			found = &commands[i];
			matches = 1;
			break;
		}
		if (!strncmp(commands[i].name, name, strlen(name))) {
			found = &commands[i];
			matches++;
		}
	}
	if (matches == 1)
		return cli_stdout_done(found->name, found->fn(argc - 1, argv + 1));
	if (matches > 1) {
		fprintf(stderr, "baton: ambiguous command '%s', could be:", name);
		for (size_t i = 0; i < NCMD; i++)
			if (!strncmp(commands[i].name, name, strlen(name)))
				fprintf(stderr, " %s", commands[i].name);
		fprintf(stderr, "\n");
		return BATON_EXIT_INPUT;
	}
	fprintf(stderr, "baton: unknown command '%s'\n", name);
	for (size_t i = 0; i < NCMD; i++)
		if (lev(name, commands[i].name) <= 2)
			fprintf(stderr, "did you mean '%s'?\n", commands[i].name);
	fprintf(stderr, "Run 'baton --help' for the list of commands.\n");
	return BATON_EXIT_INPUT;
}
