/* diagram_cli.c: the driver of the diagram commands (diagram_cli.h). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "diagram_cli.h"
#include "opts.h"

int cli_diagram(int argc, char **argv, const struct cli_diagram_cmd *cmd)
{
	static const struct option opts[] = {
		{"format", required_argument, NULL, 'f'},
		CLI_LONG_AS_OF,
		CLI_LONG_LEVEL,
		{"schedules", required_argument, NULL, 'n'},
		CLI_LONG_SEED,
		{"commits", no_argument, NULL, 'c'},
		CLI_LONG_RUNS,
		CLI_LONG_SCENARIO,
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	baton_schedule_opts so = BATON_SCHEDULE_OPTS_INIT;
	baton_status_opts sto = BATON_STATUS_OPTS_INIT;
	struct cli_opts o = CLI_OPTS_INIT(cmd->name);
	enum baton_diagram kind = cmd->formats[0].kind;
	unsigned flags = 0;
	int c, got;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "hf:", opts, NULL)) != -1) {
		/* Only the diagrams that carry the forecast run one. */
		if (c == CLI_OPT_RUNS && !cmd->forecast)
			return cli_usage_error(cmd->name, "unknown option '--runs'");
		if ((got = cli_opt(&o, c, optarg)) < 0)
			return BATON_EXIT_INPUT;
		if (got)
			continue;
		switch (c) {
		case 'f': {
			int i;
			for (i = 0; i < cmd->nformats && strcmp(optarg, cmd->formats[i].name); i++)
				;
			if (i == cmd->nformats) {
				char list[128] = "";
				for (int k = 0; k < cmd->nformats; k++) {
					strncat(list, k ? ", " : "", sizeof list - strlen(list) - 1);
					strncat(list, cmd->formats[k].name, sizeof list - strlen(list) - 1);
				}
				return cli_usage_error(cmd->name, "unknown --format '%s': expected %s", optarg, list);
			}
			kind = cmd->formats[i].kind;
			break;
		}
		case 'n':
			if (cli_parse_long(optarg, 1, 100000000, &so.schedules))
				return cli_usage_error(cmd->name, "--schedules takes a whole number from 1 to 100000000, not '%s'", optarg);
			break;
		case 'c':
			if (!cmd->commits)
				return cli_usage_error(cmd->name, "unknown option '--commits'");
			flags |= BATON_DIAGRAM_COMMITS;
			break;
		case 'h': fputs(cmd->usage, stdout); return BATON_EXIT_OK;
		default: return cli_usage_error(cmd->name, "%s", cli_bad_option(argv));
		}
	}
	cli_opts_schedule(&o, &so);
	if (o.runs_set)
		sto.runs = o.runs ? o.runs : -1;
	if (optind != argc - 1)
		return cli_usage_error(cmd->name, "expected one PLAN file");
	baton_plan *p = cli_load_plan(argv[optind]);
	if (!p)
		return BATON_EXIT_INPUT;
	if (so.scenario && cli_check_scenario(cmd->name, p, so.scenario)) {
		baton_plan_free(p);
		return BATON_EXIT_INPUT;
	}
	baton_error err;
	baton_schedule *s = NULL;
	baton_assessment *a = NULL;
	if (cmd->forecast) {
		/* The same assessment as `status` with these options, so the
		 * calendar and the weekly update give the same numbers. */
		sto.as_of = so.as_of;
		sto.level = so.level;
		sto.seed = sto.forecast_seed = so.seed;
		sto.schedules = so.schedules;
		sto.scenario = so.scenario;
		a = baton_assess(p, &sto, &err);
	} else {
		s = baton_schedule_compute(p, &so, &err);
	}
	if (!s && !a) {
		fprintf(stderr, "baton %s: %s\n", cmd->name, err.message);
		baton_plan_free(p);
		return BATON_EXIT_FAIL;
	}
	char *out = a ? baton_assessment_diagram(a, kind, flags) : baton_schedule_diagram(s, kind, flags);
	int rc = BATON_EXIT_OK;
	if (out)
		fputs(out, stdout);
	else {
		fprintf(stderr, "baton %s: out of memory\n", cmd->name);
		rc = BATON_EXIT_FAIL;
	}
	baton_string_free(out);
	baton_assessment_free(a);
	baton_schedule_free(s);
	baton_plan_free(p);
	return rc;
}
