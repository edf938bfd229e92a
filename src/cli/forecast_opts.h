/*
 * forecast_opts.h: the options `baton forecast` and `baton whatif` share
 * (runs, seed, threads, distribution, spread, correlation, --level and
 * --no-level), and the progress bar both draw on a terminal.
 */
#ifndef BT_FORECAST_OPTS_H
#define BT_FORECAST_OPTS_H

#include <getopt.h>

#include "baton.h"
#include "opts.h"

/* The long options both commands accept; getopt_long values 1000-1099
 * (1010, --scenario, is each command's own). */
extern const struct option fc_long_opts[];
#define FC_OPT_HELP                                                             \
	"  --runs N          Monte Carlo runs (default 10000)\n"                    \
	"  --seed N          random seed (default 1): the same seed, the same numbers\n" \
	"  --threads N       worker threads (default: one per CPU); never changes the result\n" \
	"  --triangular      sample three-point estimates as triangular, not PERT-beta\n" \
	"  --spread LO,HI    spread of single-point estimates in percent (default 10,25:\n" \
	"                    a 10d estimate ranges over 9d..12.5d); --spread 0 fixes them\n" \
	"  --correlation R   within-team correlation of durations, 0..1 (default 0)\n" \
	"  --level           level each run to team capacity (about 10 to 100 times\n" \
	"                    slower); also when the plan says 'level'; PLANNED is then\n" \
	"                    the levelled schedule's date; --no-level: critical path\n" \
	"  --calibrate       scale each team's open estimates by its recorded bias\n" \
	"                    (actual / likely of its finished tasks; 5 needed)\n" \
	"  --as-of DATE      status date (default: the latest status block)\n"      \
	"  --json            JSON for machines (fields in docs/commands.md)\n"      \
	"  --markdown        Markdown\n"                                            \
	"  -h, --help        this text\n"

/* Handle option `c` (from getopt_long over fc_long_opts) into `o`, `fmt`.
 * Returns 1 when handled, 0 when `c` is not a shared option, -1 after
 * printing a usage error for command `cmd`. */
int fc_opt(const char *cmd, int c, const char *arg, baton_forecast_opts *o,
	   enum baton_format *fmt);

/* Install the progress bar on `o` when stderr is a terminal. */
void fc_progress(baton_forecast_opts *o);
/* Erase the bar, if one was drawn. */
void fc_progress_done(void);

#endif
