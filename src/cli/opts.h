/*
 * opts.h: the options many commands share, parsed in one place so each
 * has one meaning and one error message everywhere. Six groups:
 *
 *   group       options                 message on a bad value
 *   date        --as-of DATE            invalid --as-of date 'X': expected
 *                                       an existing date as YYYY-MM-DD
 *               --as-of/--date DATE     invalid status date 'X': ... (the
 *                                       commands that also take --date)
 *   levelling   --level, --no-level     (none)
 *   Monte Carlo --runs N                --runs takes a whole number from
 *                                       LO to HI, not 'X' (range per command)
 *               --seed N                --seed takes a whole number, not 'X'
 *   scenario    --scenario NAME         unknown scenario 'X'; the plan
 *                                       declares: ... (once the plan is read)
 *   format      --json, --markdown      --json and --markdown cannot be
 *                                       combined: choose one output format
 *   audience    --for WHO               --for takes exec, eng or pm, not 'X'
 *
 * A command lists the ones it accepts in its getopt_long table with the
 * CLI_LONG_* entries, hands every option getopt_long returns to cli_opt,
 * and copies what was given into its library options. `forecast` and
 * `whatif` keep their own Monte Carlo options (forecast_opts.h: other
 * ranges and messages) and use the date parser here.
 */
#ifndef BT_OPTS_H
#define BT_OPTS_H

#include <getopt.h>
#include <stdint.h>

#include "baton.h"
#include "exit.h"

/* getopt_long values of the shared options: above any short option and
 * the forecast options' 1000-1099. */
enum {
	CLI_OPT_AS_OF = 2000, /* --as-of: "invalid --as-of date" */
	CLI_OPT_DATE,         /* --as-of and --date: "invalid status date" */
	CLI_OPT_LEVEL,
	CLI_OPT_NO_LEVEL,
	CLI_OPT_RUNS,
	CLI_OPT_SEED,
	CLI_OPT_SCENARIO,
	CLI_OPT_JSON,
	CLI_OPT_MARKDOWN,
	CLI_OPT_FOR,
};

/* Rows of a command's getopt_long table. */
#define CLI_LONG_AS_OF    {"as-of", required_argument, NULL, CLI_OPT_AS_OF}
#define CLI_LONG_DATE     {"as-of", required_argument, NULL, CLI_OPT_DATE}, \
			  {"date", required_argument, NULL, CLI_OPT_DATE}
#define CLI_LONG_LEVEL    {"level", no_argument, NULL, CLI_OPT_LEVEL}, \
			  {"no-level", no_argument, NULL, CLI_OPT_NO_LEVEL}
#define CLI_LONG_RUNS     {"runs", required_argument, NULL, CLI_OPT_RUNS}
#define CLI_LONG_SEED     {"seed", required_argument, NULL, CLI_OPT_SEED}
#define CLI_LONG_SCENARIO {"scenario", required_argument, NULL, CLI_OPT_SCENARIO}
#define CLI_LONG_JSON     {"json", no_argument, NULL, CLI_OPT_JSON}
#define CLI_LONG_MARKDOWN {"markdown", no_argument, NULL, CLI_OPT_MARKDOWN}
#define CLI_LONG_FOR      {"for", required_argument, NULL, CLI_OPT_FOR}

/* What the shared options said. Each field keeps its "not given" value
 * unless its option was, so a command copies only what was given and its
 * library's defaults stay where they are. */
struct cli_opts {
	const char *cmd;          /* the command, for messages */
	long runs_lo, runs_hi;    /* the range --runs accepts */
	const char *as_of;        /* NULL: not given */
	int level;                /* 1 --level, 0 --no-level, -1 not given */
	long runs;                /* as given */
	int runs_set;
	uint64_t seed;            /* as given */
	int seed_set;
	const char *scenario;     /* NULL: not given */
	enum baton_format fmt;    /* BATON_FORMAT_TERM: not given */
	enum baton_audience aud;  /* BATON_FOR_ALL: not given */
};
#define CLI_OPTS_INIT(name) \
	{.cmd = (name), .runs_hi = 100000000L, .level = -1, .seed = 1}

/* Handle getopt_long's `c` (with its `arg`) into `o`. Returns 1 when it
 * is a shared option, 0 when it is not, -1 after printing its usage
 * error (the command then exits BATON_EXIT_INPUT). */
int cli_opt(struct cli_opts *o, int c, const char *arg);

/* The date, levelling, seed and scenario that were given, into schedule
 * options (schedule and the diagrams share them). */
void cli_opts_schedule(const struct cli_opts *o, baton_schedule_opts *so);

/* The group parsers cli_opt uses, for commands with their own table.
 * Each returns 0, or prints its usage error and returns -1.
 * which: CLI_OPT_AS_OF or CLI_OPT_DATE (the message's wording). */
int cli_opt_date(const char *cmd, int which, const char *arg, const char **out);
int cli_opt_runs(const char *cmd, const char *arg, long lo, long hi, long *out);
int cli_opt_seed(const char *cmd, const char *arg, uint64_t *out);
int cli_opt_audience(const char *cmd, const char *arg, enum baton_audience *out);

/* The audiences by enum baton_audience: "all", "exec", "eng", "pm". */
extern const char *const cli_audience_names[];

/* 0 when plan `p` declares scenario `name`; otherwise print the ones it
 * declares (as command `cmd`) and return -1. */
int cli_check_scenario(const char *cmd, const baton_plan *p, const char *name);

#endif
