/* cmd_check.c: `baton check PLAN`: validate a plan and report every error. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

static const char usage_text[] =
	"usage: baton check [--json] [--quiet] PLAN\n"
	"\n"
	"Validate a plan: syntax, unknown and duplicate ids, dependency cycles,\n"
	"dates, team capacities, constraints and status entries. Every problem is\n"
	"reported as file:line:col with the line and a caret.\n"
	"\n"
	"  --json     diagnostics as JSON on stdout: {schema_version, diagnostics}\n"
	"  --quiet    print nothing; the exit status tells\n"
	"  -h, --help this text\n"
	"\n"
	"Exit status: 0 no errors (warnings allowed), 2 errors or bad usage.\n";

int cmd_check(int argc, char **argv)
{
	static const struct option opts[] = {
		{"json", no_argument, NULL, 'j'},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int json = 0, quiet = 0, c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "hq", opts, NULL)) != -1) {
		switch (c) {
		case 'j': json = 1; break;
		case 'q': quiet = 1; break;
		case 'h': fputs(usage_text, stdout); return BATON_EXIT_OK;
		default: return cli_usage_error("check", "%s", cli_bad_option(argv));
		}
	}
	if (optind != argc - 1)
		return cli_usage_error("check", "expected one PLAN file");
	const char *path = argv[optind];
	size_t len;
	char *text = cli_read_file(path, &len);
	if (!text)
		return BATON_EXIT_INPUT;
	const char *name = strcmp(path, "-") ? path : "<stdin>";
	baton_plan *p = baton_plan_parse(name, text, len);
	free(text);
	if (!p) {
		fprintf(stderr, "baton: out of memory\n");
		return BATON_EXIT_FAIL;
	}
	int errors = baton_plan_errors(p), warnings = baton_plan_warnings(p);
	if (json) {
		char *d = baton_plan_check_json(p);
		if (d)
			fputs(d, stdout);
		baton_string_free(d);
	} else if (!quiet) {
		char *d = baton_plan_diagnostics(p, cli_color(2));
		if (d)
			fputs(d, stderr);
		baton_string_free(d);
		if (errors || warnings)
			fprintf(stderr, "%s: %d error%s, %d warning%s\n", name, errors,
				errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
		else
			fprintf(stderr, "%s: ok\n", name);
	}
	baton_plan_free(p);
	return errors ? BATON_EXIT_INPUT : BATON_EXIT_OK;
}
