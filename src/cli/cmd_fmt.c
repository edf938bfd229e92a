/* cmd_fmt.c: `baton fmt PLAN...`: rewrite plans in canonical form. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

static const char usage_text[] =
	"usage: baton fmt [--check | --stdout] PLAN...\n"
	"\n"
	"Rewrite each plan in canonical form, in place (atomically: a temporary\n"
	"file renamed over the plan, its owner, group and mode kept; a read-only\n"
	"plan is refused; a hard-linked plan gets its own copy, with a warning).\n"
	"Comments are kept; formatting twice changes nothing. A plan with syntax\n"
	"errors is left alone and its errors printed.\n"
	"\n"
	"  --check    change nothing; list the plans that are not canonical and\n"
	"             exit 1 if there are any (for CI)\n"
	"  --stdout   print the canonical form instead of writing the file\n"
	"  -h, --help this text\n"
	"\n"
	"Exit status: 0 ok, 1 --check found changes, a plan is read-only or a\n"
	"write failed, 2 syntax errors or bad usage.\n";

int cmd_fmt(int argc, char **argv)
{
	static const struct option opts[] = {
		{"check", no_argument, NULL, 'c'},
		{"stdout", no_argument, NULL, 's'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int check = 0, to_stdout = 0, c, rc = BATON_EXIT_OK;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'c': check = 1; break;
		case 's': to_stdout = 1; break;
		case 'h': fputs(usage_text, stdout); return BATON_EXIT_OK;
		default: return cli_usage_error("fmt", "%s", cli_bad_option(argv));
		}
	}
	if (optind >= argc)
		return cli_usage_error("fmt", "expected at least one PLAN file");
	if (check && to_stdout)
		return cli_usage_error("fmt", "--check and --stdout do not go together");
	for (int i = optind; i < argc; i++) {
		const char *path = argv[i];
		size_t len;
		char *text = cli_read_file(path, &len);
		if (!text) {
			rc = BATON_EXIT_INPUT;
			continue;
		}
		baton_plan *p = baton_plan_parse(strcmp(path, "-") ? path : "<stdin>", text, len);
		free(text);
		if (!p) {
			fprintf(stderr, "baton: out of memory\n");
			return BATON_EXIT_FAIL;
		}
		int changed = 0;
		char *out = baton_plan_format(p, &changed);
		if (!out) {
			char *d = baton_plan_diagnostics(p, cli_color(2));
			if (d)
				fputs(d, stderr);
			baton_string_free(d);
			fprintf(stderr, "baton fmt: '%s' has syntax errors; not formatted\n", path);
			baton_plan_free(p);
			rc = BATON_EXIT_INPUT;
			continue;
		}
		if (to_stdout || !strcmp(path, "-")) {
			if (!check)
				fputs(out, stdout);
			else if (changed) {
				printf("%s\n", path);
				if (rc == BATON_EXIT_OK)
					rc = BATON_EXIT_FAIL;
			}
		} else if (check) {
			if (changed) {
				printf("%s\n", path);
				if (rc == BATON_EXIT_OK)
					rc = BATON_EXIT_FAIL;
			}
		} else if (changed && cli_write_file(path, out, strlen(out))) {
			rc = BATON_EXIT_FAIL;
		}
		baton_string_free(out);
		baton_plan_free(p);
	}
	return rc;
}
