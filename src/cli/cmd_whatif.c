/* cmd_whatif.c: `baton whatif PLAN SCENARIO`: a scenario's forecast beside
 * the baseline's, with the same random numbers. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "forecast_opts.h"

static const char usage_text[] =
	"usage: baton whatif [options] PLAN SCENARIO\n"
	"\n"
	"Forecasts the plan as it is and with the named scenario applied (a\n"
	"`scenario` block of the plan: capacity, estimates, descoped work,\n"
	"dependencies, risks), with the same random numbers, and shows them side\n"
	"by side: each milestone's P50, P85 and chance of meeting its commit date\n"
	"and how they changed, and how the critical path changed.\n"
	"\n"
	FC_OPT_HELP;

int cmd_whatif(int argc, char **argv)
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
		int r = c == 1010 ? 0 : fc_opt("whatif", c, optarg, &fo, &fmt);
		if (r < 0)
			return BATON_EXIT_INPUT;
		if (r == 0)
			return cli_usage_error("whatif", "%s", cli_bad_option(argv));
	}
	if (optind != argc - 2)
		return cli_usage_error("whatif", "expected a PLAN file and a SCENARIO name");
	baton_plan *p = cli_load_plan(argv[optind]);
	if (!p)
		return BATON_EXIT_INPUT;
	const char *name = argv[optind + 1];
	if (cli_check_scenario("whatif", p, name)) {
		baton_plan_free(p);
		return BATON_EXIT_INPUT;
	}
	baton_error err;
	fc_progress(&fo);
	baton_forecast *base = baton_forecast_compute(p, &fo, &err);
	baton_forecast *sc = NULL;
	if (base) {
		fo.scenario = name;
		sc = baton_forecast_compute(p, &fo, &err);
	}
	fc_progress_done();
	int rc = BATON_EXIT_OK;
	if (!base || !sc) {
		fprintf(stderr, "baton whatif: %s\n", err.message);
		rc = BATON_EXIT_FAIL;
	} else {
		char *out = baton_whatif_render(base, sc, fmt, cli_color(1) ? BATON_RENDER_COLOR : 0);
		if (out)
			fputs(out, stdout);
		else {
			fprintf(stderr, "baton whatif: out of memory\n");
			rc = BATON_EXIT_FAIL;
		}
		baton_string_free(out);
	}
	baton_forecast_free(base);
	baton_forecast_free(sc);
	baton_plan_free(p);
	return rc;
}
