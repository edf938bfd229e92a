/* cmd_next.c: `baton next PLAN`: write next week's status block into the
 * plan, each line what the plan expects, for the TPM to confirm. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"

static const char usage_text[] =
	"usage: baton next [--date DATE] [--print] PLAN\n"
	"\n"
	"Writes the skeleton of the next status block into the plan, after its\n"
	"latest one (atomically; the rest of the file, comments included, is\n"
	"kept byte for byte): a line for every task in flight with the work the\n"
	"plan expects left by then (or 'done' when it should have finished), a\n"
	"line for every task planned to start or finish by then, and comments for\n"
	"the risks due for review, the risks that occurred and the decisions due.\n"
	"Confirm or change each line, delete what did not happen, then run\n"
	"'baton check' and 'baton status'.\n"
	"\n"
	"  --date DATE  the date of the new block (default: a week after the\n"
	"               latest one; required when there is none)\n"
	"  --print      print the block instead of writing it into the plan\n"
	"  -h, --help   this text\n"
	"\n"
	"Exit status: 0 ok, 1 the plan could not be written, 2 bad input or usage.\n";

int cmd_next(int argc, char **argv)
{
	static const struct option opts[] = {
		{"date", required_argument, NULL, 'd'},
		{"print", no_argument, NULL, 'p'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *date = NULL;
	int print = 0, c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			if (!baton_date_valid(optarg))
				return cli_usage_error("next", "invalid --date '%s': expected an existing date as YYYY-MM-DD", optarg);
			date = optarg;
			break;
		case 'p': print = 1; break;
		case 'h': fputs(usage_text, stdout); return BATON_EXIT_OK;
		default: return cli_usage_error("next", "%s", cli_bad_option(argv));
		}
	}
	if (optind != argc - 1)
		return cli_usage_error("next", "expected one PLAN file");
	const char *path = argv[optind];
	if (!print && !strcmp(path, "-"))
		return cli_usage_error("next", "a plan read from standard input can only be printed: add --print");
	baton_plan *p = cli_load_plan(path);
	if (!p)
		return BATON_EXIT_INPUT;
	baton_error err;
	char *out = baton_plan_next(p, date, !print, &err);
	if (!out) {
		fprintf(stderr, "baton next: %s: %s\n", path, err.message);
		baton_plan_free(p);
		return err.code == BATON_ERR_NOMEM ? BATON_EXIT_FAIL : BATON_EXIT_INPUT;
	}
	int rc = BATON_EXIT_OK;
	if (print) {
		fputs(out, stdout);
		rc = cli_stdout_done("next", rc);
	} else if (cli_write_file(path, out, strlen(out))) {
		rc = BATON_EXIT_FAIL;
	} else {
		fprintf(stderr, "baton next: wrote the next status block into %s: confirm each line, then run 'baton check'\n",
			path);
	}
	baton_string_free(out);
	baton_plan_free(p);
	return rc;
}
