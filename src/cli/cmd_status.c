/*
 * cmd_status.c: `baton status PLAN`: the weekly status update, for everyone
 * or for one audience; --record stores it in the history. Also the shared
 * driver of `risks`, `decisions` and `agenda`, which print other reports
 * of the same assessment.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "opts.h"
#include "testing.h"

static const char usage_text[] =
	"usage: baton status [options] PLAN\n"
	"\n"
	"The weekly status update. Its first line answers \"are we on track?\":\n"
	"the program's RAG, the commitment against the forecast, and why; then\n"
	"what is being done, the milestones, top risks, decisions needed and\n"
	"taken, hand-offs at risk, what finished and slipped since the last update\n"
	"and conflicts. RAG rules: docs/status.md.\n"
	"\n"
	"  --as-of DATE    status date (default: the latest status block)\n"
	"  --for WHO       exec (12 lines at most), eng (critical path, hand-offs\n"
	"                  per team) or pm (milestones with scope, decisions)\n"
	"  --level         capacity-levelled schedule and forecast (every run\n"
	"                  levelled); --no-level: critical path\n"
	"  --runs N        Monte Carlo runs for P50/P85 and the chance (default\n"
	"                  10,000, as forecast); 0: none, RAG from the slack\n"
	"  --seed N        forecast and levelling seed (default 1)\n"
	"  --no-options    without the Options under \"What is being done\" (what\n"
	"                  baton recover proposes for each red commitment)\n"
	"  --calibrate     scale each team's open estimates by its recorded bias\n"
	"                  (baton calibration; 5 finished tasks needed), and say so\n"
	"  --scenario NAME the update under a scenario of the plan (a what-if: it\n"
	"                  says so first, and cannot be recorded)\n"
	"  --record        store the update (text and every figure) in the history\n"
	"  --history-dir DIR  the history's text files, one per status date, for\n"
	"                  git (default: history/ beside the plan); recording a\n"
	"                  date again replaces its record (the earlier one kept in\n"
	"                  DIR/PROGRAM/replaced/)\n"
	"  --history PATH  the history's index (default: .baton/history.db beside\n"
	"                  the plan; alone, a database without text files);\n"
	"                  \"changes since\" compare with its latest record before\n"
	"                  the status date, else the plan's previous status block\n"
	"  --json          JSON for machines (fields in docs/status.md)\n"
	"  --markdown      Markdown that pastes into a wiki, a chat or an email\n"
	"  -h, --help      this text\n";

/* Now as ISO 8601 UTC; BATON_NOW overrides it (tests, reproducible records). */
static void now_iso(char out[32])
{
	const char *e = getenv("BATON_NOW");
	if (e && *e) {
		snprintf(out, 32, "%.31s", e);
		return;
	}
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int cli_report(int argc, char **argv, const char *name, enum baton_report report, const char *usage)
{
	static const struct option opts[] = {
		CLI_LONG_AS_OF,
		CLI_LONG_FOR,
		CLI_LONG_LEVEL,
		CLI_LONG_SEED,
		CLI_LONG_RUNS,
		{"record", no_argument, NULL, 'r'},
		{"history", required_argument, NULL, 'H'},
		{"history-dir", required_argument, NULL, 'D'},
		CLI_LONG_SCENARIO,
		{"calibrate", no_argument, NULL, 'C'},
		{"no-options", no_argument, NULL, 'O'},
		CLI_LONG_JSON,
		CLI_LONG_MARKDOWN,
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	baton_status_opts so = BATON_STATUS_OPTS_INIT;
	struct cli_opts o = CLI_OPTS_INIT(name);
	const char *hpath = NULL, *hdir = NULL;
	int record = 0, no_options = 0, c, got;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		/* The audience is the status update's alone. */
		if (c == CLI_OPT_FOR && report != BATON_REPORT_STATUS)
			return cli_usage_error(name, "unknown option '--for'");
		if ((got = cli_opt(&o, c, optarg)) < 0)
			return BATON_EXIT_INPUT;
		if (got)
			continue;
		switch (c) {
		case 'C': so.calibrate = 1; break;
		case 'O':
			if (report != BATON_REPORT_STATUS)
				return cli_usage_error(name, "unknown option '--no-options'");
			no_options = 1;
			break;
		case 'r':
			if (report != BATON_REPORT_STATUS)
				return cli_usage_error(name, "unknown option '--record'");
			record = 1;
			break;
		case 'H': hpath = optarg; break;
		case 'D': hdir = optarg; break;
		case 'h': fputs(usage, stdout); return BATON_EXIT_OK;
		default: return cli_usage_error(name, "%s", cli_bad_option(argv));
		}
	}
	if (o.as_of)
		so.as_of = o.as_of;
	if (o.level >= 0)
		so.level = o.level;
	if (o.seed_set)
		so.seed = so.forecast_seed = o.seed;
	if (o.runs_set)
		so.runs = o.runs ? o.runs : -1;
	if (o.scenario)
		so.scenario = o.scenario;
	const enum baton_format fmt = o.fmt;
	const enum baton_audience aud = o.aud;
	if (optind != argc - 1)
		return cli_usage_error(name, "expected one PLAN file");
	/* The full update proposes a recovery for each red commitment. */
	so.options = report == BATON_REPORT_STATUS && aud == BATON_FOR_ALL && !no_options;
	/* A what-if is not what happened: the history keeps the plan's updates. */
	if (record && so.scenario)
		return cli_usage_error(name, "--record cannot be combined with --scenario: the history keeps the plan's own updates");
	const char *path = argv[optind];
	baton_plan *p = cli_load_plan(path);
	if (!p)
		return BATON_EXIT_INPUT;
	if (so.scenario && cli_check_scenario(name, p, so.scenario)) {
		baton_plan_free(p);
		return BATON_EXIT_INPUT;
	}
	int rc = BATON_EXIT_OK;
	char *hp = NULL;
	baton_history *h = cli_history_open(name, path, hpath, hdir, record, &rc, &hp);
	if (rc) {
		free(hp);
		baton_plan_free(p);
		return rc;
	}
	so.history = h;
	baton_error err;
	baton_assessment *a = baton_assess(p, &so, &err);
	if (!a) {
		fprintf(stderr, "baton %s: %s\n", name, err.message);
		baton_history_close(h);
		free(hp);
		baton_plan_free(p);
		return BATON_EXIT_FAIL;
	}
	char *out = baton_assessment_render(a, report, fmt, aud, cli_color(1) ? BATON_RENDER_COLOR : 0);
	if (out)
		fputs(out, stdout);
	else {
		fprintf(stderr, "baton %s: out of memory\n", name);
		rc = BATON_EXIT_FAIL;
	}
	if (out && record) {
		/* The record keeps the update as published (without colour) and
		 * every figure as JSON. */
		char *text = baton_assessment_render(a, report, fmt, aud, 0);
		char *json = fmt == BATON_FORMAT_JSON ? NULL
			     : baton_assessment_render(a, report, BATON_FORMAT_JSON, aud, 0);
		char when[32];
		now_iso(when);
		const char *delay = getenv("BATON_TEST_RECORD_DELAY_MS");
		if (delay)
			bt_test_record_delay(h, (unsigned)strtoul(delay, NULL, 10));
		baton_record r = {.plan = path, .recorded_at = when, .audience = cli_audience_names[aud],
				  .format = fmt == BATON_FORMAT_JSON ? "json" : fmt == BATON_FORMAT_MARKDOWN ? "markdown" : "text",
				  .text = text, .json = json ? json : text};
		baton_error rerr = {BATON_ERR_NOMEM, "out of memory"}; /* when text or json is missing */
		long id = text && (json || fmt == BATON_FORMAT_JSON) ? baton_history_record(h, &r, &rerr) : -1;
		if (id < 0) {
			fprintf(stderr, "baton %s: %s: %s\n", name, hp, rerr.message);
			rc = BATON_EXIT_FAIL;
		} else {
			const char *d = baton_assessment_as_of(a);
			fprintf(stderr, "baton %s: recorded update %ld%s%s in %s\n", name, id, *d ? " as of " : "", d, hp);
		}
		baton_string_free(text);
		baton_string_free(json);
	}
	baton_string_free(out);
	baton_assessment_free(a);
	baton_history_close(h);
	free(hp);
	baton_plan_free(p);
	return rc;
}

int cmd_status(int argc, char **argv)
{
	return cli_report(argc, argv, "status", BATON_REPORT_STATUS, usage_text);
}
