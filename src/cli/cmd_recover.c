/*
 * cmd_recover.c: `baton recover PLAN [MILESTONE]`: the changes that would
 * bring a commitment back, with what each buys (docs/recover.md).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "opts.h"

static const char usage_text[] =
	"usage: baton recover [options] PLAN [MILESTONE]\n"
	"\n"
	"The smallest sets of changes that bring the chance of meeting MILESTONE's\n"
	"commitment (\"program\": the program's; none: every commitment not yet\n"
	"reached) to the target, ranked by cost, each with its chance and P85:\n"
	"people added to a team for the weeks its work leads there, or borrowed\n"
	"from a team with one to spare (not a team marked `fixed`), a task given\n"
	"more of its team's people (`crash N`), optional work descoped (tasks\n"
	"marked `optional`), a link the plan lets overlap started early\n"
	"(`fast-track ID +LAG`), a risk mitigated (`mitigated PCT`,\n"
	"`mitigation-cost DUR`), work that held a team put second; and the date\n"
	"the plan as it is reaches the target. Every figure is a capacity-levelled\n"
	"forecast with the same random numbers for every option, and is what\n"
	"`baton forecast --level --scenario` prints for the option's scenario\n"
	"block; an option that makes another commitment less likely says so.\n"
	"\n"
	"  --target PCT       the chance to reach (default: the plan's green, 80%)\n"
	"  --as-of DATE       status date (default: the latest status block)\n"
	"  --runs N           runs of each option's forecast (default 2,000; a\n"
	"                     quarter of them, at least 200, to screen candidates)\n"
	"  --seed N           seed (default 1)\n"
	"  --time-limit SECS  stop the search after SECS seconds (default 10)\n"
	"  --options N        options to print (default 3)\n"
	"  --max-sets N       screen at most N candidate sets: a budget that, unlike\n"
	"                     --time-limit, gives the same answer on any machine\n"
	"  --scenario N       print option N as a scenario block to paste\n"
	"  --under NAME       start from the plan's scenario NAME (the lead who\n"
	"                     left): every option keeps its lines\n"
	"  --json             JSON for machines (fields in docs/recover.md)\n"
	"  -h, --help         this text\n"
	"\n"
	"Exit status: 0 (also when nothing reaches the target), 1 on a failure,\n"
	"2 when the plan has errors or the usage is wrong.\n";

int cmd_recover(int argc, char **argv)
{
	static const struct option opts[] = {
		{"target", required_argument, NULL, 't'},   CLI_LONG_DATE,
		CLI_LONG_RUNS,                              CLI_LONG_SEED,
		{"time-limit", required_argument, NULL, 'T'},
		{"options", required_argument, NULL, 'o'},  {"scenario", required_argument, NULL, 'S'},
		{"max-sets", required_argument, NULL, 'M'}, {"under", required_argument, NULL, 'U'},
		CLI_LONG_JSON,                              {"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	baton_recover_opts ro = BATON_RECOVER_OPTS_INIT;
	struct cli_opts o = CLI_OPTS_INIT("recover");
	o.runs_lo = 1; /* a search needs a forecast */
	o.runs_hi = 10000000L;
	long scen = 0, v;
	int c, got;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if ((got = cli_opt(&o, c, optarg)) < 0)
			return BATON_EXIT_INPUT;
		if (got)
			continue;
		switch (c) {
		case 't': {
			char *end;
			double pc = strtod(optarg, &end);
			if (end == optarg || (*end && strcmp(end, "%")) || pc <= 0 || pc > 100)
				return cli_usage_error("recover", "--target takes a percentage above 0 and at most 100, like 80%%, not '%s'",
						       optarg);
			ro.target = pc / 100.0;
			break;
		}
		case 'T': {
			char *end;
			double t = strtod(optarg, &end);
			if (end == optarg || *end || !(t > 0) || t > 86400)
				return cli_usage_error("recover", "--time-limit takes seconds above 0, not '%s'", optarg);
			ro.time_limit = t;
			break;
		}
		case 'o':
			if (cli_parse_long(optarg, 1, 20, &v))
				return cli_usage_error("recover", "--options takes a whole number from 1 to 20, not '%s'", optarg);
			ro.max_options = (int)v;
			break;
		case 'M':
			if (cli_parse_long(optarg, 1, 100000, &v))
				return cli_usage_error("recover", "--max-sets takes a whole number from 1 to 100000, not '%s'", optarg);
			ro.max_sets = (int)v;
			break;
		/* Here --scenario picks an option to print as a scenario block,
		 * not a scenario of the plan (that is --under). */
		case 'S':
			if (cli_parse_long(optarg, 1, 20, &scen))
				return cli_usage_error("recover", "--scenario takes an option number from 1 to 20, not '%s'", optarg);
			break;
		case 'U': ro.under = optarg; break;
		case 'h': fputs(usage_text, stdout); return BATON_EXIT_OK;
		default: return cli_usage_error("recover", "%s", cli_bad_option(argv));
		}
	}
	if (o.as_of)
		ro.as_of = o.as_of;
	if (o.runs_set)
		ro.runs = o.runs;
	if (o.seed_set)
		ro.seed = o.seed;
	const enum baton_format fmt = o.fmt;
	int nargs = argc - optind;
	if (nargs < 1 || nargs > 2)
		return cli_usage_error("recover", "expected PLAN [MILESTONE]");
	if (scen && fmt == BATON_FORMAT_JSON)
		return cli_usage_error("recover", "--scenario prints a scenario block: no --json with it");
	if (nargs == 2)
		ro.milestone = argv[optind + 1];
	baton_plan *p = cli_load_plan(argv[optind]);
	if (!p)
		return BATON_EXIT_INPUT;
	baton_error err;
	baton_recovery *r = baton_recover(p, &ro, &err);
	if (!r) {
		fprintf(stderr, "baton recover: %s\n", err.message);
		baton_plan_free(p);
		int input = strstr(err.message, "no such milestone") || strstr(err.message, "no commitment") ||
			    strstr(err.message, "has no commitments") || strstr(err.message, "unknown scenario");
		return input ? BATON_EXIT_INPUT : BATON_EXIT_FAIL;
	}
	char *s;
	if (scen) {
		char name[32];
		snprintf(name, sizeof name, "recover-%ld", scen);
		s = baton_recovery_scenario(r, (size_t)scen, name);
		if (!s) {
			fprintf(stderr, "baton recover: there is no option %ld\n", scen);
			baton_recovery_free(r);
			baton_plan_free(p);
			return BATON_EXIT_FAIL;
		}
	} else
		s = baton_recovery_render(r, fmt, 0);
	int rc = BATON_EXIT_OK;
	if (!s) {
		fprintf(stderr, "baton recover: out of memory\n");
		rc = BATON_EXIT_FAIL;
	} else {
		fputs(s, stdout);
		rc = cli_stdout_done("recover", rc);
	}
	baton_string_free(s);
	baton_recovery_free(r);
	baton_plan_free(p);
	return rc;
}
