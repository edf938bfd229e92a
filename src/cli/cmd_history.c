/*
 * cmd_history.c: `baton history PLAN`: the recorded updates of the plan's
 * program and how each milestone's planned date and forecast moved (the
 * slip chart);
 * --check verifies the database.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"

static const char usage_text[] =
	"usage: baton history [options] PLAN\n"
	"\n"
	"The updates recorded with 'baton status --record' for the plan's program,\n"
	"and each milestone at each of them: its planned date and slack, its\n"
	"forecast (P50, P85, chance) and RAG, and a slip chart of the P50.\n"
	"\n"
	"  --history PATH  the history database (default: .baton/history.db beside\n"
	"                  the plan)\n"
	"  --check         check the database's integrity and print the number of\n"
	"                  records (exit 1 when damaged)\n"
	"  --json          JSON for machines\n"
	"  --markdown      Markdown\n"
	"  -h, --help      this text\n";

int cmd_history(int argc, char **argv)
{
	static const struct option opts[] = {
		{"history", required_argument, NULL, 'H'},
		{"check", no_argument, NULL, 'c'},
		{"json", no_argument, NULL, 'j'},
		{"markdown", no_argument, NULL, 'm'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	enum baton_format fmt = BATON_FORMAT_TERM;
	const char *hpath = NULL;
	int check = 0, c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'H': hpath = optarg; break;
		case 'c': check = 1; break;
		case 'j':
			if (cli_format("history", &fmt, BATON_FORMAT_JSON))
				return BATON_EXIT_INPUT;
			break;
		case 'm':
			if (cli_format("history", &fmt, BATON_FORMAT_MARKDOWN))
				return BATON_EXIT_INPUT;
			break;
		case 'h': fputs(usage_text, stdout); return BATON_EXIT_OK;
		default: return cli_usage_error("history", "%s", cli_bad_option(argv));
		}
	}
	if (optind != argc - 1)
		return cli_usage_error("history", "expected one PLAN file");
	const char *path = argv[optind];
	char *dflt = NULL;
	if (!hpath) {
		dflt = cli_default_history(path);
		if (!dflt)
			return BATON_EXIT_FAIL;
		hpath = dflt;
	}
	struct stat st;
	if (stat(hpath, &st)) {
		fprintf(stderr, "baton history: no history at '%s' (record one with 'baton status --record')\n", hpath);
		free(dflt);
		return BATON_EXIT_FAIL;
	}
	char *err = NULL;
	baton_history *h = baton_history_open(hpath, &err);
	if (!h) {
		fprintf(stderr, "baton history: %s\n", err ? err : "cannot open");
		baton_string_free(err);
		free(dflt);
		return BATON_EXIT_FAIL;
	}
	int rc = BATON_EXIT_OK;
	if (check) {
		long n = 0;
		if (baton_history_check(h, &n, &err)) {
			fprintf(stderr, "baton history: %s: %s\n", hpath, err ? err : "damaged");
			rc = BATON_EXIT_FAIL;
		} else {
			printf("%s: ok, %ld record%s\n", hpath, n, n == 1 ? "" : "s");
		}
		baton_string_free(err);
		baton_history_close(h);
		free(dflt);
		return rc;
	}
	baton_plan *p = cli_load_plan(path);
	if (!p) {
		baton_history_close(h);
		free(dflt);
		return BATON_EXIT_INPUT;
	}
	char *out = baton_history_render(h, baton_plan_program(p), fmt, &err);
	if (out)
		fputs(out, stdout);
	else {
		fprintf(stderr, "baton history: %s\n", err ? err : "out of memory");
		rc = BATON_EXIT_FAIL;
	}
	baton_string_free(out);
	baton_string_free(err);
	baton_plan_free(p);
	baton_history_close(h);
	free(dflt);
	return rc;
}
