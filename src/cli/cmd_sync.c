/* cmd_sync.c: `baton sync FORMAT PLAN NEWER`: the week's status from a
 * newer export, appended to the plan as one dated block (src/lib/sync.c
 * computes it; docs/interop.md, "Sync, every week"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import_cli.h"
#include "mspdi.h"
#include "sync.h"

static const char usage_text[] =
	"usage: baton sync jira|csv|mspdi PLAN NEWER [--dry-run] [--date DATE] [--json] [options]\n"
	"\n"
	"Read NEWER, a newer export of the program PLAN was imported from, match\n"
	"its issues to PLAN's tasks on their `source`, and append one dated status\n"
	"block to PLAN with what changed since: tasks done, tasks started (with\n"
	"their remaining work), remaining work and estimates that changed. What\n"
	"PLAN already records is not written again, and nothing else in PLAN is\n"
	"touched: its bytes stay as they are, the block goes after them, and the\n"
	"file is written atomically. stdout reports what the block cannot say:\n"
	"issues that appeared (with a task to paste), issues gone from the\n"
	"export, links, titles and teams that differ, and work the export has\n"
	"behind what the plan recorded.\n"
	"\n"
	"The block is dated --date, else the export's own date (jira: its latest\n"
	"created/updated/resolved date; mspdi: its StatusDate), else today. A\n"
	"plan with a status block after that date is refused, and so is an\n"
	"export that dates a finish or a start after it.\n"
	"\n"
	"  --dry-run                print the block and the report; write nothing\n"
	"  --date DATE              the status block's date (YYYY-MM-DD)\n"
	"  --json                   the report as JSON (the block in it)\n"
	"  -h, --help               this text\n"
	"jira and csv take the mapping options of `baton import` (use the ones\n"
	"the plan was imported with):\n"
	"  --hours-per-day N, --points-per-day TEAM=N, --default-estimate Nd,\n"
	"  --team-from COLUMN, --team-map FILE, --link TYPE=fs|ss|ff|sf[+LAG],\n"
	"  --points-field ID, --columns ROLE=COLUMN,...\n"
	"\n"
	"Exit status: 0 synced (or nothing changed); 2 bad input or usage (the\n"
	"plan does not check, the export is malformed: FILE:ROW:COL named, the\n"
	"date is before the plan's latest block or an export's fact); 1 PLAN\n"
	"could not be written.\n"
	"Nothing is written unless the whole plan checks with the block.\n";

/* The newer export as plan text, its own date and what that date is. */
static int read_export(const char *fmt, const char *path, const char *name, cli_import_args *ia, bt_buf *plan,
		       bt_date *date, const char **what)
{
	*date = BT_DATE_NONE;
	*what = NULL;
	if (strcmp(fmt, "mspdi")) {
		bt_import im = BT_IMPORT_INIT;
		int rc = cli_import_read("sync", fmt, path, name, ia, &im);
		if (!rc) {
			bt_buf_add(plan, im.plan.s, im.plan.len);
			/* A spreadsheet's dates are done and started dates,
			 * not the day it was written. */
			if (!strcmp(fmt, "jira") && im.newest) {
				*date = im.newest;
				*what = "the latest date in the export";
			}
		}
		bt_import_free(&im);
		return rc;
	}
	size_t len;
	char *text = cli_read_file(path, &len);
	if (!text)
		return BATON_EXIT_INPUT;
	bt_buf sum = BT_BUF_INIT;
	bt_mspdi_err err;
	int r = bt_mspdi_import_dated(text, len, name, plan, &sum, &err, date);
	if (r == -1)
		cli_mspdi_show_error(path, text, len, &err);
	else if (r)
		fprintf(stderr, "baton sync: out of memory\n");
	if (*date != BT_DATE_NONE)
		*what = "the export's StatusDate";
	free(text);
	bt_buf_release(&sum);
	return r == -1 ? BATON_EXIT_INPUT : r ? BATON_EXIT_FAIL : BATON_EXIT_OK;
}

static void show_diagnostics(const baton_plan *p)
{
	char *d = baton_plan_diagnostics(p, cli_color(2));
	if (d)
		fputs(d, stderr);
	baton_string_free(d);
}

int cmd_sync(int argc, char **argv)
{
	static const struct option opts[] = {
		{"dry-run", no_argument, NULL, 'n'},
		{"date", required_argument, NULL, 'd'},
		{"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		CLI_IMPORT_MAPPING_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	cli_import_args ia;
	cli_import_args_init(&ia);
	int dry = 0, json = 0, c;
	bt_date date = BT_DATE_NONE;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'n': dry = 1; break;
		case 'j': json = 1; break;
		case 'd':
			if (bt_date_parse(optarg, strlen(optarg), &date))
				return cli_usage_error("sync", "--date '%s': expected an existing date as YYYY-MM-DD", optarg);
			break;
		case 'h': fputs(usage_text, stdout); return BATON_EXIT_OK;
		default: {
			int r = c == '?' ? 1 : cli_import_arg("sync", c, optarg, &ia);
			if (r == 1)
				return cli_usage_error("sync", "%s", cli_bad_option(argv));
			if (r)
				return r;
		}
		}
	}
	if (optind + 3 != argc)
		return cli_usage_error("sync", "expected a format, the plan and the newer export: baton sync jira|csv|mspdi PLAN NEWER");
	const char *fmt = argv[optind], *path = argv[optind + 1], *newer = argv[optind + 2];
	if (strcmp(fmt, "jira") && strcmp(fmt, "csv") && strcmp(fmt, "mspdi"))
		return cli_usage_error("sync", "unknown format '%s': the formats are: jira, csv, mspdi", fmt);
	if (ia.given && !strcmp(fmt, "mspdi"))
		return cli_usage_error("sync", "mspdi takes no mapping options (they are for jira and csv)");
	if (!strcmp(path, "-"))
		return cli_usage_error("sync", "the plan must be a file: sync appends to it");

	/* The plan, as it is: it must check before anything is added. */
	size_t len;
	char *text = cli_read_file(path, &len);
	if (!text)
		return BATON_EXIT_INPUT;
	baton_plan *cur = baton_plan_parse(path, text, len);
	baton_plan *nw = NULL;
	bt_buf exp = BT_BUF_INIT, whole = BT_BUF_INIT;
	bt_sync sy = BT_SYNC_INIT;
	int rc = BATON_EXIT_OK;
	if (!cur) {
		fprintf(stderr, "baton sync: out of memory\n");
		rc = BATON_EXIT_FAIL;
		goto out;
	}
	if (baton_plan_errors(cur)) {
		show_diagnostics(cur);
		fprintf(stderr, "baton sync: '%s' does not check: fix it first (nothing written)\n", path);
		rc = BATON_EXIT_INPUT;
		goto out;
	}
	const char *prog = baton_plan_program(cur);
	bt_sync_opts so = {0};
	so.date = date;
	so.format = fmt;
	so.dry_run = dry;
	so.today = cli_today();
	rc = read_export(fmt, newer, prog && *prog ? prog : "sync", &ia, &exp, &so.export_date,
			 &so.export_date_what);
	if (rc) {
		fprintf(stderr, "baton sync: nothing written\n");
		goto out;
	}
	char label[300];
	snprintf(label, sizeof label, "%s (as imported)", newer);
	nw = baton_plan_parse(label, exp.s, exp.len);
	if (!nw) {
		fprintf(stderr, "baton sync: out of memory\n");
		rc = BATON_EXIT_FAIL;
		goto out;
	}
	if (baton_plan_errors(nw)) {
		show_diagnostics(nw);
		fprintf(stderr, "baton sync: the plan made from '%s' does not check (nothing written)\n", newer);
		rc = BATON_EXIT_INPUT;
		goto out;
	}
	int r = bt_sync_compute(cur, nw, &so, &sy);
	if (r == -2) {
		fprintf(stderr, "baton sync: out of memory\n");
		rc = BATON_EXIT_FAIL;
		goto out;
	}
	if (r == -1) {
		fputs(sy.diag.s, stderr);
		fprintf(stderr, "baton sync: nothing written\n");
		rc = BATON_EXIT_INPUT;
		goto out;
	}

	/* The plan's bytes, then the block: a plan without a final newline
	 * gets one, so the block starts on a line of its own. */
	if (sy.entries) {
		bt_buf_add(&whole, text, len);
		if (len && text[len - 1] != '\n')
			bt_buf_putc(&whole, '\n');
		bt_buf_putc(&whole, '\n');
		bt_buf_add(&whole, sy.block.s, sy.block.len);
		baton_plan *check = whole.oom ? NULL : baton_plan_parse(path, whole.s, whole.len);
		if (!check) {
			fprintf(stderr, "baton sync: out of memory\n");
			rc = BATON_EXIT_FAIL;
			goto out;
		}
		if (baton_plan_errors(check)) {
			show_diagnostics(check);
			fprintf(stderr, "baton sync: the plan with the new block does not check (nothing written)\n");
			baton_plan_free(check);
			rc = BATON_EXIT_INPUT;
			goto out;
		}
		baton_plan_free(check);
	}
	if (json) {
		fputs(sy.json.s, stdout);
	} else {
		if (dry && sy.entries)
			printf("%s\n", sy.block.s);
		fputs(sy.text.s, stdout);
	}
	if (!sy.entries && !sy.items) {
		if (!json)
			printf("nothing changed: the plan already records what the export says\n");
	} else if (!sy.entries) {
		if (!json)
			printf("no status block to write; the items above are for you to edit in the plan\n");
	} else if (dry) {
		if (!json)
			printf("dry run: %s not written (%d line%s in the block)\n", path, sy.entries,
			       sy.entries == 1 ? "" : "s");
	} else if (cli_write_file(path, whole.s, whole.len)) {
		rc = BATON_EXIT_FAIL;
	} else if (!json) {
		printf("wrote the status block for %s to %s (%d line%s)\n", sy.date, path, sy.entries,
		       sy.entries == 1 ? "" : "s");
	}
	rc = cli_stdout_done("sync", rc);
out:
	bt_sync_free(&sy);
	bt_buf_release(&exp);
	bt_buf_release(&whole);
	baton_plan_free(nw);
	baton_plan_free(cur);
	free(text);
	return rc;
}
