/* cmd_schedule.c: `baton schedule PLAN`: the schedule as of the status date. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "opts.h"

static const char usage_text[] =
	"usage: baton schedule [options] PLAN\n"
	"\n"
	"The critical-path schedule as of the status date: for each task its\n"
	"early and late start and finish, total and free float and whether it is\n"
	"critical; for each milestone its PLANNED date and slack against its\n"
	"commitment (for the chance of meeting it, see 'baton forecast').\n"
	"Done tasks sit at their actual dates; started tasks run from their actual\n"
	"start with their remaining work; nothing unstarted starts before the\n"
	"status date. Three-point estimates schedule at their likely value.\n"
	"\n"
	"  --as-of DATE   status date (default: the latest status block, else the\n"
	"                 program start)\n"
	"  --level        level the schedule to team capacity (also when the plan\n"
	"                 says 'level'); --no-level: critical path only\n"
	"  --schedules N  levelling budget: schedules to generate (default: 5,000\n"
	"                 for small plans, fewer as plans grow)\n"
	"  --time-limit S stop levelling after S seconds\n"
	"  --seed N       levelling seed (default 1); same seed, same schedule\n"
	"  --scenario NAME  the schedule with a scenario of the plan applied; each\n"
	"                 date says how far it moved from the plan without it\n"
	"  --json         JSON for machines (fields in docs/commands.md)\n"
	"  --markdown     Markdown tables\n"
	"  -h, --help     this text\n"
	"\n"
	"Colour only on a terminal, never with NO_COLOR set.\n";

/* errno of the first write to standard output that failed, else 0 */
static int write_errno;

static int write_stdout(void *ctx, const char *data, size_t len)
{
	(void)ctx;
	errno = 0;
	if (fwrite(data, 1, len, stdout) == len)
		return 0;
	write_errno = errno ? errno : EIO;
	return -1;
}

int cmd_schedule(int argc, char **argv)
{
	static const struct option opts[] = {
		CLI_LONG_AS_OF,
		CLI_LONG_LEVEL,
		{"schedules", required_argument, NULL, 'n'},
		{"time-limit", required_argument, NULL, 't'},
		CLI_LONG_SEED,
		CLI_LONG_SCENARIO,
		CLI_LONG_JSON,
		CLI_LONG_MARKDOWN,
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	baton_schedule_opts so = BATON_SCHEDULE_OPTS_INIT;
	struct cli_opts o = CLI_OPTS_INIT("schedule");
	int c, got;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if ((got = cli_opt(&o, c, optarg)) < 0)
			return BATON_EXIT_INPUT;
		if (got)
			continue;
		switch (c) {
		case 'n':
			if (cli_parse_long(optarg, 1, 100000000, &so.schedules))
				return cli_usage_error("schedule", "--schedules takes a whole number from 1 to 100000000, not '%s'", optarg);
			break;
		case 't': {
			char *end;
			so.time_limit = strtod(optarg, &end);
			if (*end || !(so.time_limit > 0) || so.time_limit > 86400)
				return cli_usage_error("schedule", "--time-limit takes seconds (e.g. 0.5), not '%s'", optarg);
			break;
		}
		case 'h': fputs(usage_text, stdout); return BATON_EXIT_OK;
		default: return cli_usage_error("schedule", "%s", cli_bad_option(argv));
		}
	}
	cli_opts_schedule(&o, &so);
	const enum baton_format fmt = o.fmt;
	if (optind != argc - 1)
		return cli_usage_error("schedule", "expected one PLAN file");
	baton_plan *p = cli_load_plan(argv[optind]);
	if (!p)
		return BATON_EXIT_INPUT;
	if (so.scenario && cli_check_scenario("schedule", p, so.scenario)) {
		baton_plan_free(p);
		return BATON_EXIT_INPUT;
	}
	baton_error err;
	baton_schedule *s = baton_schedule_compute(p, &so, &err);
	if (!s) {
		fprintf(stderr, "baton schedule: %s\n", err.message);
		baton_plan_free(p);
		return BATON_EXIT_FAIL;
	}
	/* Streamed: a million tasks' JSON (450 MB) is never held whole. */
	int rc = BATON_EXIT_OK;
	write_errno = 0;
	if (baton_schedule_write(s, fmt, cli_color(1) ? BATON_RENDER_COLOR : 0, write_stdout, NULL)) {
		if (write_errno)
			fprintf(stderr, "baton schedule: cannot write to standard output: %s; the output is incomplete\n",
				strerror(write_errno));
		else
			fprintf(stderr, "baton schedule: out of memory; the output is incomplete\n");
		rc = BATON_EXIT_FAIL;
	}
	baton_schedule_free(s);
	baton_plan_free(p);
	return rc;
}
