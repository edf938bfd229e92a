/*
 * opts.c: the options many commands share (opts.h): one parser and one
 * message per group, so `status --seed x` and `diff --seed x` cannot
 * drift apart.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "opts.h"

const char *const cli_audience_names[] = {"all", "exec", "eng", "pm"};

int cli_opt_date(const char *cmd, int which, const char *arg, const char **out)
{
	if (!baton_date_valid(arg)) {
		if (which == CLI_OPT_DATE)
			cli_usage_error(cmd, "invalid status date '%s': expected an existing date as YYYY-MM-DD", arg);
		else
			cli_usage_error(cmd, "invalid --as-of date '%s': expected an existing date as YYYY-MM-DD", arg);
		return -1;
	}
	*out = arg;
	return 0;
}

int cli_opt_runs(const char *cmd, const char *arg, long lo, long hi, long *out)
{
	if (cli_parse_long(arg, lo, hi, out)) {
		cli_usage_error(cmd, "--runs takes a whole number from %ld to %ld, not '%s'", lo, hi, arg);
		return -1;
	}
	return 0;
}

int cli_opt_seed(const char *cmd, const char *arg, uint64_t *out)
{
	long v;
	if (cli_parse_long(arg, 0, 2147483647L, &v)) {
		cli_usage_error(cmd, "--seed takes a whole number, not '%s'", arg);
		return -1;
	}
	*out = (uint64_t)v;
	return 0;
}

int cli_opt_audience(const char *cmd, const char *arg, enum baton_audience *out)
{
	for (enum baton_audience a = BATON_FOR_EXEC; a <= BATON_FOR_PM; a++)
		if (!strcmp(arg, cli_audience_names[a])) {
			*out = a;
			return 0;
		}
	cli_usage_error(cmd, "--for takes exec, eng or pm, not '%s'", arg);
	return -1;
}

int cli_opt(struct cli_opts *o, int c, const char *arg)
{
	switch (c) {
	case CLI_OPT_AS_OF:
	case CLI_OPT_DATE:
		return cli_opt_date(o->cmd, c, arg, &o->as_of) ? -1 : 1;
	case CLI_OPT_LEVEL: o->level = 1; return 1;
	case CLI_OPT_NO_LEVEL: o->level = 0; return 1;
	case CLI_OPT_RUNS:
		if (cli_opt_runs(o->cmd, arg, o->runs_lo, o->runs_hi, &o->runs))
			return -1;
		o->runs_set = 1;
		return 1;
	case CLI_OPT_SEED:
		if (cli_opt_seed(o->cmd, arg, &o->seed))
			return -1;
		o->seed_set = 1;
		return 1;
	case CLI_OPT_SCENARIO: o->scenario = arg; return 1;
	case CLI_OPT_JSON: return cli_format(o->cmd, &o->fmt, BATON_FORMAT_JSON) ? -1 : 1;
	case CLI_OPT_MARKDOWN: return cli_format(o->cmd, &o->fmt, BATON_FORMAT_MARKDOWN) ? -1 : 1;
	case CLI_OPT_FOR: return cli_opt_audience(o->cmd, arg, &o->aud) ? -1 : 1;
	}
	return 0;
}

int cli_check_scenario(const char *cmd, const baton_plan *p, const char *name)
{
	for (size_t i = 0; baton_plan_scenario(p, i); i++)
		if (!strcmp(baton_plan_scenario(p, i), name))
			return 0;
	fprintf(stderr, "baton %s: unknown scenario '%s'", cmd, name);
	if (!baton_plan_scenario(p, 0)) {
		fprintf(stderr, ": the plan declares none\n");
		return -1;
	}
	fprintf(stderr, "; the plan declares:");
	for (size_t i = 0; baton_plan_scenario(p, i); i++)
		fprintf(stderr, " %s", baton_plan_scenario(p, i));
	fputc('\n', stderr);
	return -1;
}

void cli_opts_schedule(const struct cli_opts *o, baton_schedule_opts *so)
{
	if (o->as_of)
		so->as_of = o->as_of;
	if (o->level >= 0)
		so->level = o->level;
	if (o->seed_set)
		so->seed = o->seed;
	if (o->scenario)
		so->scenario = o->scenario;
}
