/*
 * import_cli.h: what `baton import` and `baton sync` share: the options
 * that say how an export maps onto a plan (--hours-per-day, --link, ...),
 * parsed once, and reading an export of jira, csv or mspdi into plan text
 * with its errors shown located (FILE:ROW:COL, the row, the expectation).
 */
#ifndef BT_IMPORT_CLI_H
#define BT_IMPORT_CLI_H

#include <getopt.h>

#include "cmd.h"
#include "import.h"

/* The mapping options, for a getopt_long table (their values are
 * 'H', 'P', 'D', 'T', 'M', 'L', 'S', 'C': a command's own options use
 * other ones). */
#define CLI_IMPORT_MAPPING_OPTIONS                                \
	{"hours-per-day", required_argument, NULL, 'H'},          \
	{"points-per-day", required_argument, NULL, 'P'},         \
	{"default-estimate", required_argument, NULL, 'D'},       \
	{"team-from", required_argument, NULL, 'T'},              \
	{"team-map", required_argument, NULL, 'M'},               \
	{"link", required_argument, NULL, 'L'},                   \
	{"points-field", required_argument, NULL, 'S'},           \
	{"columns", required_argument, NULL, 'C'}

typedef struct cli_import_args {
	bt_import_opts o;
	const char *team_map;  /* --team-map's path */
	char points[4096], links[4096];
	int given;             /* a mapping option was given */
} cli_import_args;

void cli_import_args_init(cli_import_args *a);

/* One option of getopt_long: 0 when it was a mapping option and parsed,
 * 1 when it is none of them, 2 after a usage error (said, naming cmd). */
int cli_import_arg(const char *cmd, int c, const char *arg, cli_import_args *a);

/* Read the export at path (format "jira", "csv") and import it with the
 * program id `name` into *im. Returns 0, or the exit status after saying
 * why (a located error is 2). */
int cli_import_read(const char *cmd, const char *fmt, const char *path, const char *name, cli_import_args *a,
		    bt_import *im);

/* An MSPDI import error as FILE:LINE:COL: error: MSG (in <ELEM>), the
 * line, a caret and the help. */
struct bt_mspdi_err;
void cli_mspdi_show_error(const char *path, const char *text, size_t len, const struct bt_mspdi_err *e);

/* Today (UTC) as a date. */
bt_date cli_today(void);

#endif
