/* cmd_import.c: `baton import FORMAT FILE`: print another tool's export
 * as a plan (psplib, jira, csv), or write it with -o. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "import_cli.h"
#include "psplib.h"
#include "rcmp.h"

static const char usage_text[] =
	"usage: baton import psplib FILE.sm [--name ID]\n"
	"       baton import rcmp FILE.rcmp -o DIR [--force] [--name ID]\n"
	"       baton import jira FILE.csv|FILE.json [-o PLAN [--force]] [options]\n"
	"       baton import csv FILE.csv [--columns ROLE=COLUMN,...] [-o PLAN [--force]] [options]\n"
	"\n"
	"Print another tool's export as a baton plan (docs/interop.md), and on\n"
	"stderr a summary of what was imported, converted and dropped.\n"
	"\n"
	"psplib: a PSPLIB single-mode RCPSP instance (Kolisch and Sprecher 1996):\n"
	"one team per resource, one task per job; the plan starts 2027-01-04.\n"
	"rcmp: a multi-project instance (MPLIB, MPSPLIB; docs/portfolio.md): one\n"
	"plan per project written to DIR/ID-pN.baton, a team per resource it uses\n"
	"(the file's capacity: the pool all projects share), one task per\n"
	"activity; each plan starts 2027-01-04 plus its release in working days.\n"
	"jira: a Jira CSV export (Cloud or Server, all or current fields) or the\n"
	"JSON of /rest/api/3/search/jql (pages one after another or in an array):\n"
	"one task per issue with `source \"KEY\"`, epics as workstreams, Blocks\n"
	"links as finish-to-start, done and in-progress issues in a status block.\n"
	"csv: a spreadsheet, one task per row.\n"
	"\n"
	"  -o, --output PLAN        write the plan to PLAN (atomically) instead of stdout\n"
	"  --force                  overwrite PLAN if it exists\n"
	"  --name ID                the program id (default: from the file name)\n"
	"  --hours-per-day N        Jira time tracking to days (default 8)\n"
	"  --points-per-day TEAM=N  story points a day for TEAM (* for all); repeatable\n"
	"  --default-estimate Nd    for issues with no estimate (default 3d)\n"
	"  --team-from COLUMN       the team column (CSV) or field (JSON: components,\n"
	"                           assignee, customfield_NNNNN); default Custom field\n"
	"                           (Team), else Component/s\n"
	"  --team-map FILE          lines 'VALUE = team' mapping team values (or assignees)\n"
	"  --link TYPE=fs|ss|ff|sf[+LAG]  a Jira link type as a dependency; repeatable\n"
	"                           (Blocks=fs by default; others are ignored and counted)\n"
	"  --points-field ID        JSON: the story points field (default customfield_10016)\n"
	"  --start DATE             the program start (default: the earliest date in the file)\n"
	"  --as-of DATE             the status date (default: the latest date in the file)\n"
	"  --columns R=COL,...      csv: id, title, team, estimate (5d or 3/5/10), optimistic,\n"
	"                           likely, pessimistic, after (ids split at , or ;), owner,\n"
	"                           workstream, done, started (dates), remaining\n"
	"  -h, --help               this text\n"
	"\n"
	"Exit status: 0 imported; 2 bad input or usage (file:row:col named, nothing\n"
	"written); 1 the output could not be written.\n";

/* A valid plan id: a letter, then letters, digits, '-', '_' or single
 * dots (the lexer reads ".." as a range). */
int cli_import_valid_id(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
		return 0;
	for (const char *p = s; *p; p++) {
		int ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
			 *p == '-' || *p == '_' || (*p == '.' && p[1] != '.');
		if (!ok)
			return 0;
	}
	return 1;
}

/* A plan id from a file name: letters, digits, '-', '_'; must start
 * with a letter (PSPLIB names start with 'j'). */
void cli_import_name_from_path(const char *path, const char *const *exts, char *out, size_t n)
{
	const char *b = strrchr(path, '/');
	b = b ? b + 1 : path;
	size_t k = 0;
	if (!((*b >= 'a' && *b <= 'z') || (*b >= 'A' && *b <= 'Z')))
		out[k++] = 'p';
	for (; *b && k + 1 < n; b++) {
		int ext = 0;
		for (const char *const *e = exts; *e && !ext; e++)
			ext = !strcmp(b, *e);
		if (ext)
			break;
		char c = *b;
		int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
			 c == '-' || c == '_';
		out[k++] = ok ? c : '-';
	}
	out[k] = 0;
}

static int opt_date(const char *s, bt_date *out, const char *opt)
{
	if (bt_date_parse(s, strlen(s), out))
		return cli_usage_error("import", "%s '%s': expected a date YYYY-MM-DD", opt, s);
	return 0;
}

/* Print the plan (canonical form) or write it to out_path; the summary
 * goes to stderr. A plan that does not check is never written. */
static int emit(const char *name, const char *text, size_t len, const char *out_path, const char *summary)
{
	baton_plan *p = baton_plan_parse(out_path ? out_path : "import.baton", text, len);
	if (!p) {
		fprintf(stderr, "baton import: out of memory\n");
		return BATON_EXIT_FAIL;
	}
	(void)name;
	if (baton_plan_errors(p)) {
		/* A cycle of links, say: the user must see it, and no file. */
		char *d = baton_plan_diagnostics(p, 0);
		fprintf(stderr, "baton import: the imported plan does not check (nothing written):\n%s", d ? d : "");
		baton_string_free(d);
		baton_plan_free(p);
		return BATON_EXIT_INPUT;
	}
	char *canon = baton_plan_format(p, NULL);
	baton_plan_free(p);
	if (!canon) {
		fprintf(stderr, "baton import: out of memory\n");
		return BATON_EXIT_FAIL;
	}
	int rc = BATON_EXIT_OK;
	if (out_path) {
		if (cli_write_file(out_path, canon, strlen(canon)))
			rc = BATON_EXIT_FAIL;
	} else {
		fputs(canon, stdout);
	}
	baton_string_free(canon);
	if (summary && rc == BATON_EXIT_OK)
		fputs(summary, stderr);
	return rc;
}

static int import_other(const char *fmt, const char *path, const char *name, cli_import_args *a,
			const char *out_path)
{
	bt_import im = BT_IMPORT_INIT;
	int rc = cli_import_read("import", fmt, path, name, a, &im);
	if (!rc)
		rc = emit(name, im.plan.s, im.plan.len, out_path, im.summary.s);
	bt_import_free(&im);
	return rc;
}

/* `baton import rcmp FILE -o DIR`: every plan is built and checked in
 * memory first, and no file is written unless all of them can be (bad
 * input, an existing file without --force). */
static int import_rcmp(const char *path, const char *name, const char *dir, int force)
{
	bt_rcmp rc;
	if (bt_rcmp_load(path, &rc) || bt_rcmp_check_split(&rc)) {
		bt_buf e = BT_BUF_INIT;
		bt_rcmp_render_error(&rc, path, rc.text, rc.text_len, &e);
		fputs(e.oom ? "baton import: out of memory\n" : e.s, stderr);
		bt_buf_release(&e);
		bt_rcmp_free(&rc);
		return BATON_EXIT_INPUT;
	}
	uint32_t m = rc.nproj;
	char **text = calloc(m, sizeof *text), **file = calloc(m, sizeof *file);
	int ret = BATON_EXIT_OK;
	if (!text || !file) {
		fprintf(stderr, "baton import: out of memory\n");
		ret = BATON_EXIT_FAIL;
		goto done;
	}
	for (uint32_t p = 0; p < m && ret == BATON_EXIT_OK; p++) {
		bt_buf out = BT_BUF_INIT, fn = BT_BUF_INIT;
		bt_rcmp_to_plan(&rc, p, name, &out);
		bt_buf_printf(&fn, "%s/%s-p%u.baton", dir, name, p + 1);
		baton_plan *pl = out.oom ? NULL : baton_plan_parse(fn.s, out.s, out.len);
		if (!pl || fn.oom) {
			fprintf(stderr, "baton import: out of memory\n");
			ret = BATON_EXIT_FAIL;
		} else if (baton_plan_errors(pl)) {
			/* The printer's own bug, never the user's input. */
			char *d = baton_plan_diagnostics(pl, 0);
			fprintf(stderr, "baton import: the plan for project %u does not check:\n%s", p + 1,
				d ? d : "");
			baton_string_free(d);
			ret = BATON_EXIT_FAIL;
		} else {
			/* Canonical form, so the plans pass fmt --check. */
			char *canon = baton_plan_format(pl, NULL);
			text[p] = canon ? strdup(canon) : NULL;
			baton_string_free(canon);
			file[p] = fn.oom ? NULL : strdup(fn.s);
			if (!text[p] || !file[p]) {
				fprintf(stderr, "baton import: out of memory\n");
				ret = BATON_EXIT_FAIL;
			}
		}
		baton_plan_free(pl);
		bt_buf_release(&out);
		bt_buf_release(&fn);
	}
	for (uint32_t p = 0; p < m && ret == BATON_EXIT_OK && !force; p++) {
		struct stat st;
		if (stat(file[p], &st) == 0)
			ret = cli_usage_error("import", "'%s' exists: pass --force to overwrite it", file[p]);
	}
	if (ret == BATON_EXIT_OK && cli_mkdir(dir))
		ret = BATON_EXIT_FAIL;
	for (uint32_t p = 0; p < m && ret == BATON_EXIT_OK; p++)
		if (cli_write_file(file[p], text[p], strlen(text[p])))
			ret = BATON_EXIT_FAIL;
	if (ret == BATON_EXIT_OK)
		fprintf(stderr, "imported %u projects (%u activities, %u resources) into %s/: %s-p1.baton .. %s-p%u.baton\n",
			m, rc.n, rc.nres, dir, name, name, m);
done:
	for (uint32_t p = 0; p < m && text && file; p++) {
		free(text[p]);
		free(file[p]);
	}
	free(text);
	free(file);
	bt_rcmp_free(&rc);
	return ret;
}

int cmd_import(int argc, char **argv)
{
	/* Each format with options of its own has its own file. */
	for (int i = 1; i < argc; i++)
		if (argv[i][0] != '-') {
			if (!strcmp(argv[i], "mspdi"))
				return cmd_import_mspdi(argc, argv);
			break;
		}
	static const struct option opts[] = {
		{"name", required_argument, NULL, 'n'},
		{"output", required_argument, NULL, 'o'},
		{"force", no_argument, NULL, 'F'},
		{"start", required_argument, NULL, 's'},
		{"as-of", required_argument, NULL, 'A'},
		CLI_IMPORT_MAPPING_OPTIONS,
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *name = NULL, *out_path = NULL;
	int force = 0, other = 0, extra = 0; /* extra: an option rcmp does not take */
	cli_import_args ia;
	cli_import_args_init(&ia);
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
		switch (c) {
		case 'n': name = optarg; break;
		case 'h': fputs(usage_text, stdout); return BATON_EXIT_OK;
		case 'o': out_path = optarg; other = 1; break;
		case 'F': force = 1; break;
		case 's':
			if (opt_date(optarg, &ia.o.start, "--start"))
				return BATON_EXIT_INPUT;
			other = extra = 1;
			break;
		case 'A':
			if (opt_date(optarg, &ia.o.as_of, "--as-of"))
				return BATON_EXIT_INPUT;
			other = extra = 1;
			break;
		default: {
			int r = c == '?' ? 1 : cli_import_arg("import", c, optarg, &ia);
			if (r == 1)
				return cli_usage_error("import", "%s", cli_bad_option(argv));
			if (r)
				return r;
			other = extra = 1;
		}
		}
	}
	if (optind + 2 != argc)
		return cli_usage_error("import", "expected a format and a file: baton import jira|csv|mspdi|psplib|rcmp FILE");
	const char *fmt = argv[optind];
	if (strcmp(fmt, "psplib") && strcmp(fmt, "jira") && strcmp(fmt, "csv") && strcmp(fmt, "rcmp"))
		return cli_usage_error("import", "unknown format '%s': the formats are: jira, csv, mspdi, psplib, rcmp", fmt);
	if (!strcmp(fmt, "rcmp") && (extra || !out_path))
		return cli_usage_error("import", extra ? "rcmp takes only -o DIR, --force and --name"
						       : "rcmp writes one plan per project: give the directory with -o DIR");
	if (other && !strcmp(fmt, "psplib"))
		return cli_usage_error("import", "psplib takes only --name");
	const char *path = argv[optind + 1];
	char def[128];
	if (!name) {
		static const char *const exts[] = {".sm", ".csv", ".json", ".rcmp", NULL};
		cli_import_name_from_path(path, exts, def, sizeof def);
		name = def;
	} else if (!cli_import_valid_id(name)) {
		return cli_usage_error("import", "--name '%s' is not a plan id: a letter, then letters, digits, '-', '_' or '.'",
				       name);
	}
	if (!strcmp(fmt, "rcmp"))
		return import_rcmp(path, name, out_path, force);
	if (strcmp(fmt, "psplib")) {
		struct stat st;
		if (out_path && !force && stat(out_path, &st) == 0)
			return cli_usage_error("import", "'%s' exists: pass --force to overwrite it", out_path);
		return import_other(fmt, path, name, &ia, out_path);
	}
	bt_psplib ps;
	if (bt_psplib_load(path, &ps)) {
		if (ps.err_line)
			fprintf(stderr, "%s:%d: error: %s\n", path, ps.err_line, ps.err);
		else
			fprintf(stderr, "baton import: %s: %s\n", path, ps.err);
		bt_psplib_free(&ps);
		return BATON_EXIT_INPUT;
	}
	bt_buf out = BT_BUF_INIT;
	bt_psplib_to_plan(&ps, name, &out);
	bt_psplib_free(&ps);
	if (out.oom) {
		fprintf(stderr, "baton import: out of memory\n");
		bt_buf_release(&out);
		return BATON_EXIT_FAIL;
	}
	/* Print the canonical form, so an imported plan passes fmt --check. */
	baton_plan *p = baton_plan_parse(name, out.s, out.len);
	char *canon = p ? baton_plan_format(p, NULL) : NULL;
	if (canon)
		fputs(canon, stdout);
	else
		fwrite(out.s, 1, out.len, stdout);
	baton_string_free(canon);
	baton_plan_free(p);
	bt_buf_release(&out);
	return BATON_EXIT_OK;
}
