/*
 * cmd_calibration.c: `baton calibration PLAN`: how the recorded forecasts
 * of each reached milestone turned out, and each team's estimate bias.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "cmd.h"

static const char usage_text[] =
	"usage: baton calibration [options] PLAN\n"
	"\n"
	"How past forecasts turned out: for every milestone reached, each P50, P85\n"
	"and chance recorded with 'baton status --record' before it was reached,\n"
	"against the date it was reached; the share of P85 dates met (about 85%\n"
	"when calibrated); the Brier score of the recorded chances; and each\n"
	"team's estimate bias, actual working days over the likely estimate of its\n"
	"finished tasks (5 needed before 'forecast --calibrate' uses it).\n"
	"\n"
	"  --history-dir DIR  the history's text files (default: history/ beside\n"
	"                  the plan); without a history, the estimate bias alone\n"
	"  --history PATH  the history's index (default: .baton/history.db beside\n"
	"                  the plan; alone, a database without text files)\n"
	"  --as-of DATE    status date (default: the latest status block)\n"
	"  --json          JSON for machines\n"
	"  --markdown      Markdown\n"
	"  -h, --help      this text\n";

int cmd_calibration(int argc, char **argv)
{
	static const struct option opts[] = {
		{"history", required_argument, NULL, 'H'},
		{"history-dir", required_argument, NULL, 'D'},
		{"as-of", required_argument, NULL, 'a'},
		{"json", no_argument, NULL, 'j'},
		{"markdown", no_argument, NULL, 'm'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	enum baton_format fmt = BATON_FORMAT_TERM;
	const char *hpath = NULL, *hdir = NULL, *as_of = NULL;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'H': hpath = optarg; break;
		case 'D': hdir = optarg; break;
		case 'a':
			if (!baton_date_valid(optarg))
				return cli_usage_error("calibration", "invalid --as-of '%s': expected YYYY-MM-DD", optarg);
			as_of = optarg;
			break;
		case 'j':
			if (cli_format("calibration", &fmt, BATON_FORMAT_JSON))
				return BATON_EXIT_INPUT;
			break;
		case 'm':
			if (cli_format("calibration", &fmt, BATON_FORMAT_MARKDOWN))
				return BATON_EXIT_INPUT;
			break;
		case 'h': fputs(usage_text, stdout); return BATON_EXIT_OK;
		default: return cli_usage_error("calibration", "%s", cli_bad_option(argv));
		}
	}
	if (optind != argc - 1)
		return cli_usage_error("calibration", "expected one PLAN file");
	const char *path = argv[optind];
	baton_plan *p = cli_load_plan(path);
	if (!p)
		return BATON_EXIT_INPUT;
	char *dflt = NULL;
	baton_error err;
	int rc = BATON_EXIT_OK;
	struct stat st;
	/* A given history must exist; the default one is optional (the
	 * estimate bias needs only the plan). The text files beside the
	 * plan are read through their index, rebuilt when it is missing or
	 * older than them, as `history` and `status` do. */
	if ((hpath && !hdir && stat(hpath, &st)) || (hdir && stat(hdir, &st))) {
		fprintf(stderr, "baton calibration: no history at '%s' (record one with 'baton status --record')\n",
			hdir ? hdir : hpath);
		baton_plan_free(p);
		return BATON_EXIT_FAIL;
	}
	baton_history *h = cli_history_open("calibration", path, hpath, hdir, 0, &rc, &dflt);
	if (rc != BATON_EXIT_OK)
		goto out;
	baton_calibration *cal = baton_calibration_compute(p, h, as_of, &err);
	if (!cal) {
		fprintf(stderr, "baton calibration: %s\n", err.message);
		rc = BATON_EXIT_FAIL;
		goto out;
	}
	char *text = baton_calibration_render(cal, fmt, 0);
	if (text)
		fputs(text, stdout);
	else {
		fputs("baton calibration: out of memory\n", stderr);
		rc = BATON_EXIT_FAIL;
	}
	baton_string_free(text);
	baton_calibration_free(cal);
out:
	baton_history_close(h);
	baton_plan_free(p);
	free(dflt);
	return cli_stdout_done("calibration", rc);
}
