/*
 * cmd_diff.c: `baton diff OLD NEW`: what changed between two versions of
 * a plan and what that did to each milestone; `--git` is the same as
 * git's external diff driver (diff.baton.command), `--textconv PLAN` a
 * one-file view for git's textconv.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "opts.h"

static const char usage_text[] =
	"usage: baton diff [options] OLD NEW\n"
	"       baton diff --git PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE\n"
	"       baton diff --textconv PLAN\n"
	"\n"
	"What changed between two versions of a plan (matched by id: scope,\n"
	"estimates, links, commitments, risks, decisions, status, teams and\n"
	"calendars), and what that did to each milestone's and the program's\n"
	"commit, PLANNED date, P50, P85, chance and RAG. Both plans are assessed\n"
	"with the same options, so each side's figures are those `baton status`\n"
	"prints for that file. '-' reads one side from standard input, e.g.\n"
	"  git show HEAD~1:plan.baton | baton diff - plan.baton\n"
	"\n"
	"  --as-of DATE    status date of both sides (default: each plan's latest\n"
	"                  status block); --date DATE is the same\n"
	"  --runs N        Monte Carlo runs on each side (default 10,000); 0: none,\n"
	"                  RAG from the schedule's slack\n"
	"  --seed N        forecast and levelling seed of both sides (default 1)\n"
	"  --level         capacity-levelled schedules and forecasts; --no-level:\n"
	"                  critical path (default: as each plan says)\n"
	"  --exit-code     exit 1 when anything changed (as git diff --exit-code)\n"
	"  --git           run as git's external diff driver: the seven arguments\n"
	"                  git passes (docs/interop.md, \"baton diff in git\")\n"
	"  --textconv      print PLAN followed by its commitments' figures as\n"
	"                  comments, for git's textconv\n"
	"  --json          JSON for machines (fields in docs/commands.md)\n"
	"  --markdown      Markdown, for a pull request comment\n"
	"  -h, --help      this text\n"
	"\n"
	"Exit status: 0 (also when the plans differ, unless --exit-code), 1 on a\n"
	"failure, 2 when a plan has errors or the usage is wrong.\n";

/* textconv: the plan as written, then its figures as comments, so a line
 * diff of two versions shows what the edit did to each milestone. */
static int textconv(const char *path, const baton_status_opts *so)
{
	size_t len;
	char *text = cli_read_file(path, &len);
	if (!text)
		return BATON_EXIT_INPUT;
	baton_plan *p = cli_load_plan(path);
	if (!p) {
		free(text);
		return BATON_EXIT_INPUT;
	}
	baton_error err;
	baton_assessment *a = baton_assess(p, so, &err);
	char *t = a ? baton_assessment_diagram(a, BATON_DIAGRAM_MILESTONES_TEXT, 0) : NULL;
	int rc = BATON_EXIT_OK;
	if (!t) {
		fprintf(stderr, "baton diff: %s: %s\n", path, a ? "out of memory" : err.message);
		rc = BATON_EXIT_FAIL;
	} else {
		fwrite(text, 1, len, stdout);
		if (len && text[len - 1] != '\n')
			putchar('\n');
		printf("\n# baton: figures as of %s (baton diff --textconv)\n", *baton_assessment_as_of(a)
			   ? baton_assessment_as_of(a) : "the start");
		for (const char *s = t; *s;) {
			const char *nl = strchr(s, '\n');
			int n = nl ? (int)(nl - s) : (int)strlen(s);
			printf("#%s%.*s\n", n ? " " : "", n, s);
			s += n + (nl != NULL);
		}
	}
	baton_string_free(t);
	baton_assessment_free(a);
	baton_plan_free(p);
	free(text);
	return rc;
}

int cmd_diff(int argc, char **argv)
{
	static const struct option opts[] = {
		CLI_LONG_DATE,
		CLI_LONG_RUNS,
		CLI_LONG_SEED,
		CLI_LONG_LEVEL,
		{"exit-code", no_argument, NULL, 'x'},
		{"git", no_argument, NULL, 'g'},
		{"textconv", no_argument, NULL, 't'},
		CLI_LONG_JSON,
		CLI_LONG_MARKDOWN,
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	baton_status_opts so = BATON_STATUS_OPTS_INIT;
	struct cli_opts o = CLI_OPTS_INIT("diff");
	int exit_code = 0, git = 0, tconv = 0, c, got;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if ((got = cli_opt(&o, c, optarg)) < 0)
			return BATON_EXIT_INPUT;
		if (got)
			continue;
		switch (c) {
		case 'x': exit_code = 1; break;
		case 'g': git = 1; break;
		case 't': tconv = 1; break;
		case 'h': fputs(usage_text, stdout); return BATON_EXIT_OK;
		default: return cli_usage_error("diff", "%s", cli_bad_option(argv));
		}
	}
	if (o.as_of)
		so.as_of = o.as_of;
	if (o.runs_set)
		so.runs = o.runs ? o.runs : -1;
	if (o.seed_set)
		so.seed = so.forecast_seed = o.seed;
	if (o.level >= 0)
		so.level = o.level;
	const enum baton_format fmt = o.fmt;
	int nargs = argc - optind;
	if (git + tconv > 1)
		return cli_usage_error("diff", "--git and --textconv cannot be combined");
	/* git stops at a driver's non-zero exit: a difference is not a failure there. */
	if ((git || tconv) && exit_code)
		return cli_usage_error("diff", "--exit-code cannot be combined with --%s: git stops at a driver that exits 1",
				       git ? "git" : "textconv");
	if (tconv && fmt != BATON_FORMAT_TERM)
		return cli_usage_error("diff", "--textconv prints the plan as text; --json and --markdown do not apply");
	if (tconv) {
		if (nargs != 1 || !strcmp(argv[optind], "-"))
			return cli_usage_error("diff", "--textconv expects one PLAN file (not standard input)");
		return cli_stdout_done("diff", textconv(argv[optind], &so));
	}
	/* git runs the driver with PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE
	 * NEW-HEX NEW-MODE, two more (the new path and a rename note) for a
	 * rename; a side that does not exist is /dev/null. */
	const char *oldp, *newp;
	char *oname = NULL, *nname = NULL;
	if (git) {
		if (nargs != 7 && nargs != 9)
			return cli_usage_error("diff", "--git expects the 7 arguments git passes to an external diff "
					       "(PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE), got %d", nargs);
		const char *path = argv[optind], *npath = nargs == 9 ? argv[optind + 7] : path;
		oldp = argv[optind + 1];
		newp = argv[optind + 4];
		if (!strcmp(oldp, "/dev/null") || !strcmp(newp, "/dev/null")) {
			printf("baton diff %s: %s\n", path, !strcmp(oldp, "/dev/null") ? "new plan (run baton status on it)"
										   : "plan deleted");
			return cli_stdout_done("diff", BATON_EXIT_OK);
		}
		size_t lo = strlen(path) + 3, ln = strlen(npath) + 3;
		oname = malloc(lo);
		nname = malloc(ln);
		if (!oname || !nname) {
			free(oname);
			free(nname);
			fprintf(stderr, "baton diff: out of memory\n");
			return BATON_EXIT_FAIL;
		}
		snprintf(oname, lo, "a/%s", path);
		snprintf(nname, ln, "b/%s", npath);
	} else {
		if (nargs != 2)
			return cli_usage_error("diff", "expected two plan files, OLD and NEW");
		oldp = argv[optind];
		newp = argv[optind + 1];
		if (!strcmp(oldp, "-") && !strcmp(newp, "-"))
			return cli_usage_error("diff", "only one side can be read from standard input ('-')");
	}
	baton_plan *po = cli_load_plan_as(oldp, oname);
	baton_plan *pn = po ? cli_load_plan_as(newp, nname) : NULL;
	int rc = BATON_EXIT_OK;
	if (!po || !pn) {
		rc = BATON_EXIT_INPUT;
		goto out;
	}
	baton_error err;
	int side = 0;
	baton_diff *d = baton_diff_compute(po, pn, &so, &side, &err);
	if (!d) {
		fprintf(stderr, "baton diff: %s%s%s\n", side == 1 ? (oname ? oname : oldp) : side == 2 ? (nname ? nname : newp) : "",
			side ? ": " : "", err.message);
		rc = BATON_EXIT_FAIL;
		goto out;
	}
	char *text = baton_diff_render(d, fmt, cli_color(1) ? BATON_RENDER_COLOR : 0);
	if (text) {
		fputs(text, stdout);
		if (exit_code && baton_diff_changes(d))
			rc = BATON_EXIT_FAIL;
	} else {
		fprintf(stderr, "baton diff: out of memory\n");
		rc = BATON_EXIT_FAIL;
	}
	baton_string_free(text);
	baton_diff_free(d);
out:
	baton_plan_free(pn);
	baton_plan_free(po);
	free(oname);
	free(nname);
	return cli_stdout_done("diff", rc);
}
