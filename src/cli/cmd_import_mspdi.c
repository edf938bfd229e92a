/* cmd_import_mspdi.c: `baton import mspdi FILE.xml`: MS Project XML as a plan
 * (src/lib/mspdi.c reads it; docs/interop.md has the mapping). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "import_cli.h"
#include "mspdi.h"

static const char usage_text[] =
	"usage: baton import mspdi FILE.xml [-o PLAN] [--force] [--name ID]\n"
	"\n"
	"Read an MS Project XML file (MSPDI, as MS Project and ProjectLibre save\n"
	"it) as a baton plan: tasks in file order, summary tasks as workstreams,\n"
	"durations, milestones, links with their types and lags, deadlines as\n"
	"commitments, calendar exceptions as holidays, resources as teams,\n"
	"assignments as needs, actuals as a status block. Each task and\n"
	"milestone keeps its UID as its source (source \"UID:12\"), which\n"
	"`baton sync mspdi` matches a newer file on. Prints the plan, or writes\n"
	"PLAN atomically; stderr says what was imported and what was dropped or\n"
	"changed, and why.\n"
	"\n"
	"  -o, --output PLAN  write the plan there (refused when it exists)\n"
	"  --force            replace an existing PLAN\n"
	"  --name ID          the program id (default: the file name without .xml)\n"
	"  -h, --help         this text\n";

int cmd_import_mspdi(int argc, char **argv)
{
	static const struct option opts[] = {
		{"output", required_argument, NULL, 'o'},
		{"force", no_argument, NULL, 'f'},
		{"name", required_argument, NULL, 'n'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *name = NULL, *outpath = NULL;
	int force = 0, c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'o': outpath = optarg; break;
		case 'f': force = 1; break;
		case 'n': name = optarg; break;
		case 'h': fputs(usage_text, stdout); return BATON_EXIT_OK;
		default: return cli_usage_error("import", "%s", cli_bad_option(argv));
		}
	}
	if (optind + 2 != argc || strcmp(argv[optind], "mspdi"))
		return cli_usage_error("import", "expected a file: baton import mspdi FILE.xml [-o PLAN]");
	const char *path = argv[optind + 1];
	char def[128];
	if (!name) {
		static const char *const exts[] = {".xml", ".XML", NULL};
		cli_import_name_from_path(path, exts, def, sizeof def);
		name = def;
	} else if (!cli_import_valid_id(name)) {
		return cli_usage_error("import", "--name '%s' is not a plan id: a letter, then letters, digits, '-', '_' or '.'",
				       name);
	}
	struct stat st;
	if (outpath && !force && strcmp(outpath, "-") && stat(outpath, &st) == 0) {
		fprintf(stderr, "baton import: '%s' exists: add --force to replace it\n", outpath);
		return BATON_EXIT_INPUT;
	}
	size_t len;
	char *text = cli_read_file(path, &len);
	if (!text)
		return BATON_EXIT_FAIL;
	bt_buf plan = BT_BUF_INIT, sum = BT_BUF_INIT;
	bt_mspdi_err err;
	int rc = bt_mspdi_import(text, len, name, &plan, &sum, &err);
	if (rc == -1) {
		cli_mspdi_show_error(path, text, len, &err);
		fprintf(stderr, "baton import: nothing written\n");
	}
	free(text);
	if (rc) {
		if (rc == -2)
			fprintf(stderr, "baton import: out of memory\n");
		bt_buf_release(&plan);
		bt_buf_release(&sum);
		return rc == -2 ? BATON_EXIT_FAIL : BATON_EXIT_INPUT;
	}
	/* The plan as baton reads it: it must check, and it is printed in
	 * canonical form (so it passes fmt --check). */
	char planname[160];
	snprintf(planname, sizeof planname, "%s.baton (imported from %s)", name, path);
	baton_plan *p = baton_plan_parse(planname, plan.s, plan.len);
	int status = BATON_EXIT_OK;
	char *canon = NULL;
	if (!p) {
		fprintf(stderr, "baton import: out of memory\n");
		status = BATON_EXIT_FAIL;
	} else if (baton_plan_errors(p)) {
		char *d = baton_plan_diagnostics(p, cli_color(2));
		fprintf(stderr, "%s", d ? d : "");
		baton_string_free(d);
		fprintf(stderr, "baton import: the plan made from '%s' does not check; nothing written\n", path);
		status = BATON_EXIT_INPUT;
	} else if (!(canon = baton_plan_format(p, NULL))) {
		fprintf(stderr, "baton import: out of memory\n");
		status = BATON_EXIT_FAIL;
	}
	if (status == BATON_EXIT_OK) {
		if (outpath && strcmp(outpath, "-")) {
			if (cli_write_file(outpath, canon, strlen(canon)))
				status = BATON_EXIT_FAIL;
		} else {
			fputs(canon, stdout);
		}
	}
	if (status == BATON_EXIT_OK) {
		fprintf(stderr, "baton import: %s: %.*s", path, (int)sum.len, sum.s);
		if (outpath && strcmp(outpath, "-"))
			fprintf(stderr, "baton import: wrote %s\n", outpath);
	}
	baton_string_free(canon);
	baton_plan_free(p);
	bt_buf_release(&plan);
	bt_buf_release(&sum);
	return status;
}
