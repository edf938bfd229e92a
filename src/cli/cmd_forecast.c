/* cmd_forecast.c: `baton forecast PLAN`: Monte Carlo dates, chances,
 * criticality and drivers for every milestone and the program end. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "forecast_opts.h"

static const char usage_text[] =
	"usage: baton forecast [options] PLAN\n"
	"\n"
	"Simulates the plan from the status date: each run samples every\n"
	"unfinished task's duration from its estimate (started tasks: only the\n"
	"remaining work), lets each open risk occur with its probability, and\n"
	"schedules the run. For each milestone and the program end: the dates\n"
	"reached in 10, 50, 80, 85 and 95% of runs, the mean, and the chance of\n"
	"meeting the commit date; for each task its criticality (share of runs\n"
	"on the critical path); for each milestone the tasks and risks that drive\n"
	"it. The model and its sources: docs/forecast.md.\n"
	"\n"
	"  --scenario NAME   forecast the plan with a scenario applied\n"
	FC_OPT_HELP
	"\n"
	"A progress bar shows on a terminal for runs over about a second.\n";

int cmd_forecast(int argc, char **argv)
{
	baton_forecast_opts fo = BATON_FORECAST_OPTS_INIT;
	enum baton_format fmt = BATON_FORMAT_TERM;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", fc_long_opts, NULL)) != -1) {
		if (c == 'h') {
			fputs(usage_text, stdout);
			return BATON_EXIT_OK;
		}
		if (c == 1010) {
			fo.scenario = optarg;
			continue;
		}
		int r = fc_opt("forecast", c, optarg, &fo, &fmt);
		if (r < 0)
			return BATON_EXIT_INPUT;
		if (r == 0)
			return cli_usage_error("forecast", "%s", cli_bad_option(argv));
	}
	if (optind != argc - 1)
		return cli_usage_error("forecast", "expected one PLAN file");
	baton_plan *p = cli_load_plan(argv[optind]);
	if (!p)
		return BATON_EXIT_INPUT;
	if (fo.scenario && cli_check_scenario("forecast", p, fo.scenario)) {
		baton_plan_free(p);
		return BATON_EXIT_INPUT;
	}
	baton_error err;
	fc_progress(&fo);
	baton_forecast *f = baton_forecast_compute(p, &fo, &err);
	fc_progress_done();
	if (!f) {
		fprintf(stderr, "baton forecast: %s\n", err.message);
		baton_plan_free(p);
		return BATON_EXIT_FAIL;
	}
	char *out = baton_forecast_render(f, fmt, cli_color(1) ? BATON_RENDER_COLOR : 0);
	int rc = BATON_EXIT_OK;
	if (out)
		fputs(out, stdout);
	else {
		fprintf(stderr, "baton forecast: out of memory\n");
		rc = BATON_EXIT_FAIL;
	}
	baton_string_free(out);
	baton_forecast_free(f);
	baton_plan_free(p);
	return rc;
}
