/*
 * cmd_history.c: `baton history PLAN`: the recorded updates of the plan's
 * program and how each milestone's planned date and forecast moved (the
 * slip chart);
 * --all adds the audit trail (records replaced by a later one of the same
 * status date); --check verifies the index and the text files.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

static const char usage_text[] =
	"usage: baton history [options] PLAN\n"
	"\n"
	"The updates recorded with 'baton status --record' for the plan's program,\n"
	"and each milestone at each of them: its planned date and slack, its\n"
	"forecast (P50, P85, chance) and RAG, and a slip chart of the P50.\n"
	"\n"
	"  --history-dir DIR  the history's text files (default: history/ beside\n"
	"                  the plan), in git\n"
	"  --history PATH  the history's index (default: .baton/history.db beside\n"
	"                  the plan; alone, a database without text files)\n"
	"  --all           also the records a later one of the same status date\n"
	"                  replaced: when, and by which\n"
	"  --check         check the index's integrity and that every text file\n"
	"                  reads and matches it; print the number of records (exit\n"
	"                  1 when damaged, 2 for a damaged file)\n"
	"  --json          JSON for machines\n"
	"  --markdown      Markdown\n"
	"  -h, --help      this text\n";

int cmd_history(int argc, char **argv)
{
	static const struct option opts[] = {
		{"history", required_argument, NULL, 'H'},
		{"history-dir", required_argument, NULL, 'D'},
		{"all", no_argument, NULL, 'a'},
		{"check", no_argument, NULL, 'c'},
		{"json", no_argument, NULL, 'j'},
		{"markdown", no_argument, NULL, 'm'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	enum baton_format fmt = BATON_FORMAT_TERM;
	const char *hpath = NULL, *hdir = NULL;
	int check = 0, all = 0, c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'H': hpath = optarg; break;
		case 'c': check = 1; break;
		case 'a': all = 1; break;
		case 'D': hdir = optarg; break;
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
	char *hp = NULL;
	baton_error err;
	int rc = BATON_EXIT_OK;
	baton_history *h = cli_history_open("history", path, hpath, hdir, 0, &rc, &hp);
	if (!h) {
		if (!rc) {
			fprintf(stderr, "baton history: no history at '%s' (record one with 'baton status --record')\n", hp);
			rc = BATON_EXIT_FAIL;
		}
		free(hp);
		return rc;
	}
	if (check) {
		long n = 0;
		int cr = baton_history_check(h, &n, &err);
		if (cr == -2) {
			fprintf(stderr, "%s\n", err.message);
			rc = BATON_EXIT_INPUT;
		} else if (cr) {
			fprintf(stderr, "baton history: %s: %s\n", hp, err.message);
			rc = BATON_EXIT_FAIL;
		} else {
			printf("%s: ok, %ld record%s\n", hp, n, n == 1 ? "" : "s");
		}
		baton_history_close(h);
		free(hp);
		return rc;
	}
	baton_plan *p = cli_load_plan(path);
	if (!p) {
		baton_history_close(h);
		free(hp);
		return BATON_EXIT_INPUT;
	}
	char *out = baton_history_render_all(h, baton_plan_program(p), fmt, all ? BATON_HISTORY_ALL : 0, &err);
	if (out)
		fputs(out, stdout);
	else {
		fprintf(stderr, "baton history: %s\n", err.message);
		rc = BATON_EXIT_FAIL;
	}
	baton_string_free(out);
	baton_plan_free(p);
	baton_history_close(h);
	free(hp);
	return rc;
}
