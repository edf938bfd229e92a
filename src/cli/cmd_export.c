/* cmd_export.c: `baton export FORMAT PLAN`: a plan in another tool's
 * format (mspdi: src/lib/mspdi_export.c; tjp: src/lib/tjp_export.c;
 * docs/interop.md has the mappings). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "mspdi.h"
#include "tjp.h"

static const char usage_text[] =
	"usage: baton export mspdi PLAN [-o FILE.xml]\n"
	"       baton export tjp PLAN [-o FILE.tjp]\n"
	"\n"
	"mspdi: the plan's schedule as MS Project XML (MSPDI), which MS Project,\n"
	"ProjectLibre and Planner's converter read: tasks in WBS order with\n"
	"workstreams as summary tasks, the four link types and their lags,\n"
	"the schedule's dates as Start and Finish, commitments as Deadline and\n"
	"baseline, status as actuals and percent complete, teams as resources.\n"
	"\n"
	"tjp: the plan as a TaskJuggler 3 project that tj3 schedules to the dates\n"
	"of `baton schedule --no-level`: workstreams as container tasks, working\n"
	"days as length, lags as gaplength, SS as onstart (FF, SF and leads\n"
	"through helper tasks), holidays as leaves, team days off as shifts,\n"
	"teams as resources (not allocated), started and done work at fixed\n"
	"dates, baton ids in the task attribute Bid.\n"
	"\n"
	"Prints to stdout, or writes FILE atomically; stderr says what the\n"
	"format has no place for.\n"
	"\n"
	"  -o, --output FILE  write the file there\n"
	"  -h, --help         this text\n";

int cmd_export(int argc, char **argv)
{
	static const struct option opts[] = {
		{"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *outpath = NULL;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'o': outpath = optarg; break;
		case 'h': fputs(usage_text, stdout); return BATON_EXIT_OK;
		default: return cli_usage_error("export", "%s", cli_bad_option(argv));
		}
	}
	if (optind + 2 != argc)
		return cli_usage_error("export", "expected a format and a plan: baton export mspdi|tjp PLAN");
	int tjp = !strcmp(argv[optind], "tjp");
	if (!tjp && strcmp(argv[optind], "mspdi"))
		return cli_usage_error("export", "unknown format '%s': the formats are: mspdi, tjp", argv[optind]);
	baton_plan *p = cli_load_plan(argv[optind + 1]);
	if (!p)
		return BATON_EXIT_INPUT;
	bt_buf out = BT_BUF_INIT, sum = BT_BUF_INIT;
	const char *err = NULL;
	int status = BATON_EXIT_OK;
	if ((tjp ? bt_tjp_export : bt_mspdi_export)(p, &out, &sum, &err)) {
		fprintf(stderr, "baton export: %s: %s\n", argv[optind + 1], err ? err : "out of memory");
		status = BATON_EXIT_FAIL;
	} else if (outpath && strcmp(outpath, "-")) {
		if (cli_write_file(outpath, out.s, out.len))
			status = BATON_EXIT_FAIL;
	} else {
		fwrite(out.s, 1, out.len, stdout);
	}
	if (status == BATON_EXIT_OK)
		fprintf(stderr, "baton export: %s: %.*s", argv[optind + 1], (int)sum.len, sum.s);
	bt_buf_release(&out);
	bt_buf_release(&sum);
	baton_plan_free(p);
	return status;
}
