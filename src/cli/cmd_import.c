/* cmd_import.c: `baton import psplib FILE.sm`: print another format as a plan. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "psplib.h"

static const char usage_text[] =
	"usage: baton import psplib FILE.sm [--name ID]\n"
	"\n"
	"Print a PSPLIB single-mode RCPSP instance (Kolisch and Sprecher 1996) as\n"
	"a baton plan: one team per resource with its capacity, one task per job\n"
	"with its duration, its demands as 'needs team:k' and its successors as\n"
	"'after'. The plan starts 2027-01-04 and is printed to stdout.\n"
	"\n"
	"  --name ID  the program id (default: the file name without .sm)\n"
	"  -h, --help this text\n";

/* A valid plan id: a letter, then letters, digits, '-', '_' or single
 * dots (the lexer reads ".." as a range). */
static int valid_id(const char *s)
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
static void name_from_path(const char *path, char *out, size_t n)
{
	const char *b = strrchr(path, '/');
	b = b ? b + 1 : path;
	size_t k = 0;
	if (!((*b >= 'a' && *b <= 'z') || (*b >= 'A' && *b <= 'Z')))
		out[k++] = 'p';
	for (; *b && k + 1 < n; b++) {
		if (!strcmp(b, ".sm"))
			break;
		char c = *b;
		int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
			 c == '-' || c == '_';
		out[k++] = ok ? c : '-';
	}
	out[k] = 0;
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
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *name = NULL;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'n': name = optarg; break;
		case 'h': fputs(usage_text, stdout); return BATON_EXIT_OK;
		default: return cli_usage_error("import", "%s", cli_bad_option(argv));
		}
	}
	if (optind + 2 != argc)
		return cli_usage_error("import", "expected a format and a file: baton import psplib FILE.sm");
	if (strcmp(argv[optind], "psplib"))
		return cli_usage_error("import", "unknown format '%s': the formats are: psplib, mspdi", argv[optind]);
	const char *path = argv[optind + 1];
	char def[128];
	if (!name) {
		name_from_path(path, def, sizeof def);
		name = def;
	} else if (!valid_id(name)) {
		return cli_usage_error("import", "--name '%s' is not a plan id: a letter, then letters, digits, '-', '_' or '.'",
				       name);
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
