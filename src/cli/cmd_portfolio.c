/*
 * cmd_portfolio.c: `baton portfolio schedule|forecast|status|tradeoff|
 * report|join PORTFOLIO`: several programs that share teams, levelled and
 * forecast together (docs/portfolio.md).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "opts.h"

static const char usage_text[] =
	"usage: baton portfolio VIEW [options] PORTFOLIO\n"
	"\n"
	"Several programs that need the same teams (docs/portfolio.md). The\n"
	"portfolio file names the program files and the teams they share; every\n"
	"view levels all programs together against one pool of people per team,\n"
	"each program at its own status date, and forecasts them with the\n"
	"programs competing for the same people in every Monte Carlo run.\n"
	"\n"
	"Views:\n"
	"  status     a line per program for a director (RAG, the commit at risk,\n"
	"             the ask), then the contention: per shared team, the weeks\n"
	"             the programs ask for more than it has, and who waits for whom\n"
	"  schedule   each program's milestones, levelled together\n"
	"  forecast   the same with P50, P85 and the chance of each commitment\n"
	"  tradeoff   every ordering of the programs (all of them up to 5 programs;\n"
	"             beyond, each program first), each program's P50, P85 and\n"
	"             chance with the same random numbers, the Pareto set and the\n"
	"             ask to take to leadership\n"
	"  report     one HTML page: the programs, one timeline, each shared team's\n"
	"             load by week stacked by program, the trade-off (-o FILE)\n"
	"  join       the programs joined into one plan, as baton levels them: any\n"
	"             plan command runs on it (baton portfolio join P > all.baton)\n"
	"\n"
	"  --as-of DATE    every program's status date (default: each program's\n"
	"                  latest status block)\n"
	"  --runs N        Monte Carlo runs (default 10,000; 2,000 per ordering for\n"
	"                  tradeoff and report); 0: none, RAG from the slack\n"
	"  --seed N        forecast and levelling seed (default 1)\n"
	"  -o, --output FILE  report: where to write the page (\"-\": standard output)\n"
	"  --json          JSON for machines (fields in docs/portfolio.md)\n"
	"  --markdown      Markdown, to paste into a doc or an email\n"
	"  -h, --help      this text\n"
	"\n"
	"Exit status: 0, 1 on a failure, 2 when a file has errors or the usage\n"
	"is wrong (every error names the file, line and column with the mistake).\n";

static const struct {
	const char *name;
	enum baton_portfolio_view view;
} views[] = {
	{"status", BATON_PF_STATUS},     {"schedule", BATON_PF_SCHEDULE}, {"forecast", BATON_PF_FORECAST},
	{"tradeoff", BATON_PF_TRADEOFF}, {"report", BATON_PF_REPORT},     {"join", BATON_PF_REPORT},
};

static void progress(void *ud, long done, long total)
{
	(void)ud;
	if (done < total)
		fprintf(stderr, "\rbaton portfolio: ordering %ld of %ld", done + 1, total);
	else
		fputs("\r\033[K", stderr);
}

int cmd_portfolio(int argc, char **argv)
{
	static const struct option opts[] = {
		CLI_LONG_DATE,
		CLI_LONG_RUNS,                            CLI_LONG_SEED,
		{"output", required_argument, NULL, 'o'}, CLI_LONG_JSON,
		CLI_LONG_MARKDOWN,                        {"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		if (argc < 2) {
			fputs(usage_text, stderr);
			return BATON_EXIT_INPUT;
		}
		fputs(usage_text, stdout);
		return BATON_EXIT_OK;
	}
	int vi = -1;
	for (size_t i = 0; i < sizeof views / sizeof *views; i++)
		if (!strcmp(argv[1], views[i].name))
			vi = (int)i;
	if (vi < 0)
		return cli_usage_error("portfolio", "unknown view '%s': expected status, schedule, forecast, tradeoff, report or join",
				       argv[1]);
	const char *name = views[vi].name, *out = NULL;
	int join = !strcmp(name, "join");
	baton_portfolio_opts po = BATON_PORTFOLIO_OPTS_INIT;
	struct cli_opts o = CLI_OPTS_INIT("portfolio");
	int c, got;
	optind = 2;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
		if ((got = cli_opt(&o, c, optarg)) < 0)
			return BATON_EXIT_INPUT;
		if (got)
			continue;
		switch (c) {
		case 'o': out = optarg; break;
		case 'h': fputs(usage_text, stdout); return BATON_EXIT_OK;
		default: return cli_usage_error("portfolio", "%s", cli_bad_option(argv));
		}
	}
	const char *as_of = o.as_of;
	if (o.runs_set)
		po.runs = o.runs ? o.runs : -1;
	if (o.seed_set)
		po.seed = o.seed;
	const enum baton_format fmt = o.fmt;
	if (argc - optind != 1)
		return cli_usage_error("portfolio", "expected one portfolio file after the view");
	enum baton_portfolio_view view = views[vi].view;
	if (view == BATON_PF_REPORT && !join && !out)
		return cli_usage_error("portfolio", "report: expected -o FILE (\"-o -\" writes to standard output)");
	if (out && (view != BATON_PF_REPORT || join))
		return cli_usage_error("portfolio", "-o goes with the report view only");
	if ((view == BATON_PF_REPORT || join) && fmt != BATON_FORMAT_TERM)
		return cli_usage_error("portfolio", "%s has one format", name);
	if (po.runs < 0 && (view == BATON_PF_TRADEOFF))
		return cli_usage_error("portfolio", "tradeoff compares forecasts: --runs must be above 0");

	char *diags = NULL;
	baton_error err;
	baton_portfolio *pf = baton_portfolio_load(argv[optind], as_of, cli_color(2), &diags, &err);
	if (!pf) {
		if (diags) {
			fputs(diags, stderr);
			if (*diags && diags[strlen(diags) - 1] != '\n')
				fputc('\n', stderr);
		} else
			fprintf(stderr, "baton portfolio: %s\n", err.message);
		baton_string_free(diags);
		return err.code == BATON_ERR_INPUT ? BATON_EXIT_INPUT : BATON_EXIT_FAIL;
	}
	if (join) {
		size_t len = 0;
		const char *t = baton_portfolio_text(pf, &len);
		fwrite(t, 1, len, stdout);
		baton_portfolio_free(pf);
		return cli_stdout_done("portfolio", BATON_EXIT_OK);
	}
	if (isatty(2) && (view == BATON_PF_TRADEOFF || view == BATON_PF_REPORT))
		po.progress = progress;
	baton_error why;
	unsigned flags = fmt == BATON_FORMAT_TERM && cli_color(1) ? BATON_RENDER_COLOR : 0;
	char *s = baton_portfolio_render(pf, view, fmt, &po, flags, &why);
	int rc = BATON_EXIT_OK;
	if (!s) {
		fprintf(stderr, "baton portfolio: %s\n", why.message);
		rc = BATON_EXIT_FAIL;
	} else if (view == BATON_PF_REPORT && strcmp(out, "-")) {
		if (cli_write_file(out, s, strlen(s)))
			rc = BATON_EXIT_FAIL;
	} else {
		fputs(s, stdout);
		rc = cli_stdout_done("portfolio", rc);
	}
	baton_string_free(s);
	baton_portfolio_free(pf);
	return rc;
}
