/*
 * cmd_report.c: `baton report -o FILE PLAN`: the weekly status as one
 * self-contained HTML page with the Gantt chart, dependency map, risk heat
 * map, forecast S-curves, team load and slip chart (docs/commands.md).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "opts.h"

static const char usage_text[] =
	"usage: baton report [options] -o FILE PLAN\n"
	"\n"
	"The weekly status as one self-contained HTML page (inline CSS and SVG,\n"
	"nothing fetched; prints to PDF): the status update, a Gantt chart by team\n"
	"with the critical path, the status date, commits and P50-P85 whiskers,\n"
	"the cross-team dependency map, the risk heat map, forecast S-curves per\n"
	"milestone, team load against capacity and, with a history, the slip chart.\n"
	"Above 500 tasks the page says it is rolled up: a Gantt bar per workstream\n"
	"(or team) that opens on a click, and the links between workstreams.\n"
	"\n"
	"  -o, --output FILE  where to write the page (\"-\": standard output);\n"
	"                     written atomically\n"
	"  --as-of DATE       status date (default: the latest status block)\n"
	"  --level            capacity-levelled schedule, forecast and load;\n"
	"                     --no-level: critical path\n"
	"  --runs N           Monte Carlo runs (default 10,000; 0: none)\n"
	"  --seed N           forecast and levelling seed (default 1)\n"
	"  --scenario NAME    the page under a scenario of the plan (a what-if,\n"
	"                     marked as such at the top)\n"
	"  --no-options       without the Options (baton recover) for red\n"
	"                     commitments under \"What is being done\"\n"
	"  --history-dir DIR  the history's text files (default: history/ beside\n"
	"                     the plan, when it exists): the slip chart,\n"
	"                     calibration and \"changes since\" the latest record\n"
	"                     before the date\n"
	"  --history PATH     the history's index (default: .baton/history.db\n"
	"                     beside the plan; alone, a database without text files)\n"
	"  -h, --help         this text\n";


int cmd_report(int argc, char **argv)
{
	static const struct option opts[] = {
		{"output", required_argument, NULL, 'o'},
		CLI_LONG_AS_OF,
		CLI_LONG_LEVEL,
		CLI_LONG_SEED,
		CLI_LONG_RUNS,
		{"history", required_argument, NULL, 'H'},
		{"history-dir", required_argument, NULL, 'D'},
		CLI_LONG_SCENARIO,
		{"no-options", no_argument, NULL, 'O'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *name = "report";
	baton_report_opts ro = BATON_REPORT_OPTS_INIT;
	ro.options = 1; /* what baton recover proposes for each red commitment */
	struct cli_opts o = CLI_OPTS_INIT(name);
	const char *out = NULL, *hpath = NULL, *hdir = NULL;
	int c, got;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
		if ((got = cli_opt(&o, c, optarg)) < 0)
			return BATON_EXIT_INPUT;
		if (got)
			continue;
		switch (c) {
		case 'o': out = optarg; break;
		case 'H': hpath = optarg; break;
		case 'D': hdir = optarg; break;
		case 'O': ro.options = 0; break;
		case 'h': fputs(usage_text, stdout); return BATON_EXIT_OK;
		default: return cli_usage_error(name, "%s", cli_bad_option(argv));
		}
	}
	if (o.as_of)
		ro.as_of = o.as_of;
	if (o.level >= 0)
		ro.level = o.level;
	if (o.seed_set)
		ro.seed = o.seed;
	if (o.runs_set)
		ro.runs = o.runs ? o.runs : -1;
	if (o.scenario)
		ro.scenario = o.scenario;
	if (optind != argc - 1)
		return cli_usage_error(name, "expected one PLAN file");
	if (!out)
		return cli_usage_error(name, "expected -o FILE (\"-o -\" writes to standard output)");
	const char *path = argv[optind];
	baton_plan *p = cli_load_plan(path);
	if (!p)
		return BATON_EXIT_INPUT;
	if (ro.scenario && cli_check_scenario(name, p, ro.scenario)) {
		baton_plan_free(p);
		return BATON_EXIT_INPUT;
	}
	char *dflt = NULL;
	struct stat st;
	if ((hpath && !hdir && stat(hpath, &st)) || (hdir && stat(hdir, &st))) {
		fprintf(stderr, "baton %s: no history at '%s'\n", name, hdir ? hdir : hpath);
		baton_plan_free(p);
		return BATON_EXIT_FAIL;
	}
	/* The text files beside the plan through their index (rebuilt when
	 * missing or older than them), as `history` and `status` read them. */
	int hrc = BATON_EXIT_OK;
	baton_history *h = cli_history_open(name, path, hpath, hdir, 0, &hrc, &dflt);
	if (hrc != BATON_EXIT_OK) {
		free(dflt);
		baton_plan_free(p);
		return hrc;
	}
	ro.history = h;
	baton_error err;
	char *html = baton_report_html(p, &ro, &err);
	int rc = BATON_EXIT_OK;
	if (!html) {
		fprintf(stderr, "baton %s: %s\n", name, err.message);
		rc = BATON_EXIT_FAIL;
	} else if (!strcmp(out, "-")) {
		if (fputs(html, stdout) == EOF || fflush(stdout)) {
			fprintf(stderr, "baton %s: cannot write to standard output\n", name);
			rc = BATON_EXIT_FAIL;
		}
	} else if (cli_write_file(out, html, strlen(html))) {
		rc = BATON_EXIT_FAIL;
	}
	baton_string_free(html);
	baton_history_close(h);
	free(dflt);
	baton_plan_free(p);
	return rc;
}
