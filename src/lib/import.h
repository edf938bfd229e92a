/*
 * import.h: other tools' exports as baton plans (`baton import jira`,
 * `baton import csv`). Each reader turns its input into a list of issues
 * (bt_imp); one writer prints them as a plan and a summary of what was
 * kept, converted and dropped, so every format maps estimates, status,
 * links and teams the same way (docs/interop.md).
 *
 * The library never prints: the plan text and the summary come back in
 * bt_import, and an error comes back located (row and column of the CSV
 * record, or line and column of the JSON) with the text of the row.
 */
#ifndef BT_IMPORT_H
#define BT_IMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "cal.h"
#include "util.h"

typedef struct bt_import_opts {
	const char *name;         /* the program id (valid plan id) */
	int hours_per_day;        /* Jira time to days; 0 = 8 */
	int default_estimate;     /* days for an issue with no estimate; <0 = 3 */
	const char *team_from;    /* a column (CSV) or field id (JSON) naming the team */
	const char *team_map;     /* "VALUE = team" lines (NUL-terminated), or NULL */
	const char *points;       /* "TEAM=N,TEAM=N" (N points a day; TEAM '*' = any) */
	const char *links;        /* "TYPE=fs+2d,TYPE=ss" */
	const char *points_field; /* JSON: the story points field id */
	const char *columns;      /* csv: "id=Key,title=Summary,..." */
	bt_date as_of, start;     /* 0 = from the file */
	bt_date today;            /* start when the file has no dates at all */
} bt_import_opts;

typedef struct bt_import {
	bt_buf plan;     /* the plan text */
	bt_buf summary;  /* lines for stderr: what was imported and dropped */
	/* On failure: row/line and column (1-based; 0 = not in the file, e.g.
	 * a bad option), the message, and the row's text. */
	int err_row, err_col;
	int err_json;    /* the location is a JSON line:col, not a CSV row */
	char err[320];
	char line[240];
	/* The latest activity date in the file (created, updated, resolved,
	 * started), 0 when it has none: `baton sync jira` dates its block
	 * with it. */
	bt_date newest;
} bt_import;

#define BT_IMPORT_INIT {BT_BUF_INIT, BT_BUF_INIT, 0, 0, 0, {0}, {0}, 0}

/* Each returns 0, or -1 with the error fields set (malformed input, an
 * option that does not parse, running out of memory: err "out of memory").
 * text need not be NUL-terminated. Release with bt_import_free() always. */
int bt_import_jira_csv(const char *text, size_t len, const bt_import_opts *o, bt_import *out);
int bt_import_jira_json(const char *text, size_t len, const bt_import_opts *o, bt_import *out);
int bt_import_csv(const char *text, size_t len, const bt_import_opts *o, bt_import *out);
void bt_import_free(bt_import *out);

#endif
