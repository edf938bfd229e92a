/* diagram_cli.c: the driver of the diagram commands (diagram_cli.h). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "diagram_cli.h"
#include "forecast_opts.h"

int cli_diagram(int argc, char **argv, const struct cli_diagram_cmd *cmd)
{
	static const struct option opts[] = {
		{"format", required_argument, NULL, 'f'},
		{"as-of", required_argument, NULL, 'a'},
		{"level", no_argument, NULL, 'l'},
		{"no-level", no_argument, NULL, 'L'},
		{"schedules", required_argument, NULL, 'n'},
		{"seed", required_argument, NULL, 's'},
		{"commits", no_argument, NULL, 'c'},
		{"runs", required_argument, NULL, 'r'},
		{"scenario", required_argument, NULL, 'S'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	baton_schedule_opts so = BATON_SCHEDULE_OPTS_INIT;
	baton_status_opts sto = BATON_STATUS_OPTS_INIT;
	enum baton_diagram kind = cmd->formats[0].kind;
	unsigned flags = 0;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "hf:", opts, NULL)) != -1) {
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
		case 'a':
			if (!baton_date_valid(optarg))
				return cli_usage_error(cmd->name, "invalid --as-of date '%s': expected an existing date as YYYY-MM-DD",
						       optarg);
			so.as_of = optarg;
			break;
		case 'l': so.level = 1; break;
		case 'L': so.level = 0; break;
		case 'n':
			if (cli_parse_long(optarg, 1, 100000000, &so.schedules))
				return cli_usage_error(cmd->name, "--schedules takes a whole number from 1 to 100000000, not '%s'", optarg);
			break;
		case 's': {
			long v;
			if (cli_parse_long(optarg, 0, 2147483647L, &v))
				return cli_usage_error(cmd->name, "--seed takes a whole number, not '%s'", optarg);
			so.seed = (uint64_t)v;
			break;
		}
		case 'c':
			if (!cmd->commits)
				return cli_usage_error(cmd->name, "unknown option '--commits'");
			flags |= BATON_DIAGRAM_COMMITS;
			break;
		case 'r': {
			long v;
			if (!cmd->forecast)
				return cli_usage_error(cmd->name, "unknown option '--runs'");
			if (cli_parse_long(optarg, 0, 100000000L, &v))
				return cli_usage_error(cmd->name, "--runs takes a whole number from 0 to 100000000, not '%s'",
						       optarg);
			sto.runs = v ? v : -1;
			break;
		}
		case 'S': so.scenario = optarg; break;
		case 'h': fputs(cmd->usage, stdout); return BATON_EXIT_OK;
		default: return cli_usage_error(cmd->name, "%s", cli_bad_option(argv));
		}
	}
	if (optind != argc - 1)
		return cli_usage_error(cmd->name, "expected one PLAN file");
	baton_plan *p = cli_load_plan(argv[optind]);
	if (!p)
		return BATON_EXIT_INPUT;
	if (so.scenario && cli_check_scenario(cmd->name, p, so.scenario)) {
		baton_plan_free(p);
		return BATON_EXIT_INPUT;
	}
	const char *err = NULL;
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
		fprintf(stderr, "baton %s: %s\n", cmd->name, err ? err : "failed");
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
